"""Every quoted passage of the book, in book order, with the terms it is quoted under.

The one list the log, the status table and the request letters are made from. For
each excerpt: its chapter, the words it quotes (counted as ``book stats`` counts
them), who wrote it (from the check stage's attribution, as captured, and as the
book prints it after privacy), the ledger entry that governs those words
(:func:`book.editorial.ledger.entry_for`), the words exactly as the book prints them
and exactly as the source has them, with the sentence before and after.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from pathlib import Path

from book.editorial import Checked
from book.editorial.excerpts import Match, locate, normalise
from book.editorial.ledger import LedgerEntry, entry_for
from book.editorial.stats import compute, quoted_words
from book.model import Chapter, Excerpt
from book.render.chapters import printed_excerpt
from book.render.pandoc import convert_documents

_SEPARATOR = "BOOKPASSAGESEPARATOR"


@dataclass(frozen=True)
class Passage:
    """One excerpt as the permissions files need it."""

    number: int                    # 1, 2, ... in book order
    chapter: Chapter
    chapter_title: str             # as printed (privacy applied)
    excerpt: Excerpt
    words: int                     # as `book stats` counts them
    writer: str | None             # as captured
    writer_printed: str | None     # as the book prints the name
    entry: LedgerEntry
    printed: str                   # plain text, paragraphs separated by blank lines, as the book prints it
    source_text: str               # the same words as the source has them (omitted words included)
    before: str                    # the sentence before, in the source
    after: str                     # the sentence after
    over_thresholds: bool          # the source is quoted beyond book.yaml's quotation thresholds

    @property
    def source(self) -> str:
        return self.excerpt.source

    @property
    def unit(self) -> str:
        return self.excerpt.unit


def passages(checked: Checked) -> list[Passage]:
    """Every excerpt of the checked book, in book order."""
    manuscript, names = checked.manuscript, checked.names
    flagged = {s["id"] for s in compute(manuscript)["sources"] if s["flagged"]}
    drafts = []
    for chapter in manuscript.chapters:
        for excerpt in chapter.excerpts:
            source = manuscript.sources[excerpt.source]
            text, credit = printed_excerpt(manuscript, excerpt, checked.matches, names)
            unit = source.unit(excerpt.unit)
            assert unit is not None  # verified by the check stage
            drafts.append((chapter, excerpt, credit.who, text, unit.text))
    printed = _plain([d[3] for d in drafts], smart=True)
    units = _plain(sorted({d[4] for d in drafts}), smart=False)
    plain_unit = dict(zip(sorted({d[4] for d in drafts}), units, strict=True))
    aliases = {alias: name for name, forms in manuscript.config.privacy.aliases.items() for alias in forms}
    out = []
    for number, ((chapter, excerpt, who, _, unit_text), text) in enumerate(zip(drafts, printed, strict=True), 1):
        source = manuscript.sources[excerpt.source]
        span, before, after = _in_source(excerpt, plain_unit[unit_text]) or _in_source(excerpt, unit_text) \
            or ("", "", "")
        out.append(Passage(
            number=number, chapter=chapter, chapter_title=names.apply(chapter.title), excerpt=excerpt,
            words=quoted_words(excerpt), writer=who, writer_printed=names.apply(who) if who else None,
            entry=_one_person(entry_for(source, who), aliases), printed=text, source_text=span, before=before, after=after,
            over_thresholds=excerpt.source in flagged))
    return out


def _one_person(entry: LedgerEntry, aliases: dict[str, str]) -> LedgerEntry:
    """A writer who signs with another form of their name (``privacy.aliases``) is one rights holder."""
    if entry.writer is not None and entry.holder == entry.writer and entry.writer in aliases:
        return replace(entry, holder=aliases[entry.writer])
    return entry


def _plain(texts: list[str], smart: bool) -> list[str]:
    """Markdown to plain text (emphasis marks and escapes gone), in one pandoc run.

    The book's Markdown is read with ``smart``, as the EPUB and the PDF read it, so quotes
    and dashes come out as printed; a source's text without, so it stays as captured.
    """
    if not texts:
        return []
    joined = f"\n\n{_SEPARATOR}\n\n".join(texts)
    plain = _pandoc_plain(joined, smart)
    parts = re.split(rf"\n*^{_SEPARATOR}$\n*", plain, flags=re.MULTILINE)
    if len(parts) != len(texts):  # pragma: no cover - a text holding the separator itself
        parts = [_pandoc_plain(text, smart) for text in texts]
    return [part.strip() for part in parts]


def _pandoc_plain(text: str, smart: bool) -> str:
    """One Markdown text as plain text (pandoc's failure is the book's E502)."""
    import tempfile

    source_format = "markdown+smart" if smart else "markdown-smart"
    with tempfile.TemporaryDirectory(prefix="book-plain-") as folder:
        [plain] = convert_documents([text], (f"--from={source_format}", "--to=plain", "--wrap=none"), Path(folder))
    return plain.replace("\r\n", "\n")


_SENTENCE_END = re.compile(r"(?<=[.!?…])[”’\"')\]]*\s+|\n\s*\n")


def _in_source(excerpt: Excerpt, unit: str) -> tuple[str, str, str] | None:
    """The excerpt's span in the unit's text (omitted words included), and the sentences around it.

    Searched in the unit as plain text first (as a reader sees it), else in its Markdown,
    where the check stage found it.
    """
    found = locate(excerpt.text, unit)
    if not isinstance(found, Match):
        return None
    start, end = _original_offset(unit, found.start, first=True), _original_offset(unit, found.end, first=False)
    span = unit[start:end].strip()
    starts = [0] + [m.end() for m in _SENTENCE_END.finditer(unit)]
    ends = [m.start() for m in _SENTENCE_END.finditer(unit)] + [len(unit)]
    k = bisect.bisect_right(starts, start) - 1
    before_from = starts[k - 1] if k > 0 else starts[0]
    j = bisect.bisect_left(ends, end)
    after_to = ends[j + 1] if j + 1 < len(ends) else len(unit)
    return span, _one_line(unit[before_from:start]), _one_line(unit[end:after_to])


def _original_offset(text: str, normalised_offset: int, first: bool) -> int:
    """The offset in ``text`` of a position in ``normalise(text)`` (found by bisection over prefixes)."""
    low, high = 0, len(text)
    while low < high:
        middle = (low + high) // 2
        size = len(normalise(text[:middle]))
        if size > normalised_offset if first else size >= normalised_offset:
            high = middle
        else:
            low = middle + 1
    return max(0, low - 1) if first else low


def _one_line(text: str, limit: int = 400) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"
