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
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from book.editorial import Checked, excerpts
from book.editorial.excerpts import Match, locate, normalise, quoted_words
from book.editorial.ledger import LedgerEntry, entry_for
from book.editorial.rights import measure
from book.model import Chapter, Excerpt
from book.render.pandoc import convert_documents
from book.support.files import scratch

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
    """Every excerpt of the checked book, in book order.

    The check stage gives two models in the same order: the manuscript as written, whose
    excerpts carry who wrote them as captured, and the printed one (privacy applied), whose
    excerpts carry the words and the names as every output prints them.
    """
    manuscript, printed = checked.manuscript, checked.printed
    limits = manuscript.config.quotation
    uses = measure(manuscript)
    aliases = {alias: name for name, forms in manuscript.config.privacy.aliases.items() for alias in forms}
    chapter_titles = {c.id: c.title for c in printed.chapters}
    pairs = list(zip(manuscript.excerpts, printed.excerpts, strict=True))
    chapters = [chapter for chapter in manuscript.chapters for _ in chapter.excerpts]
    units = {e.source + "#" + e.unit: manuscript.sources[e.source].unit(e.unit).text for e, _ in pairs}
    unit_texts = sorted(set(units.values()))
    plain_unit = dict(zip(unit_texts, _plain(unit_texts, smart=False), strict=True))
    printed_text = _plain([shown.text for _, shown in pairs], smart=True)
    out = []
    for number, (chapter, (excerpt, shown), text) in enumerate(zip(chapters, pairs, printed_text, strict=True), 1):
        source = manuscript.sources[excerpt.source]
        who = excerpt.credit.who if excerpt.credit else None
        unit_text = units[excerpt.source + "#" + excerpt.unit]
        span, before, after = _in_source(excerpt, plain_unit[unit_text]) or _in_source(excerpt, unit_text) \
            or ("", "", "")
        use = uses.get(excerpt.source)
        over = use is not None and (use.source.over(limits) or any(
            w.name == (who or "an unnamed writer") and w.over(limits) for w in use.writers))
        out.append(Passage(
            number=number, chapter=chapter, chapter_title=chapter_titles[chapter.id], excerpt=excerpt,
            words=quoted_words(excerpt), writer=who, writer_printed=shown.credit.who if shown.credit else None,
            entry=_one_person(entry_for(source, who), aliases), printed=text, source_text=span, before=before,
            after=after, over_thresholds=over))
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
    source_format = "markdown+smart" if smart else "markdown-smart"
    with scratch("book-plain-") as folder:
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
    """The offset in ``text`` of a position in ``normalise(text)``: the start of the character there
    (``first``), or the end of the one before it."""
    positions = _offset_map(text)
    if positions is not None:
        if first:
            return positions[normalised_offset] if normalised_offset < len(positions) else len(text)
        return positions[normalised_offset - 1] + 1 if normalised_offset > 0 else 0
    low, high = 0, len(text)   # bisection over prefixes: slower, but needs nothing of normalise's insides
    while low < high:
        middle = (low + high) // 2
        size = len(normalise(text[:middle]))
        if size > normalised_offset if first else size >= normalised_offset:
            high = middle
        else:
            low = middle + 1
    return max(0, low - 1) if first else low


@lru_cache(maxsize=256)
def _offset_map(text: str) -> tuple[int, ...] | None:
    """For each character of ``normalise(text)``, the offset of the character of ``text`` it comes from.

    Replays normalise's steps keeping each character's origin, and checks the result
    against normalise itself: None (use the bisection) if they ever disagree.
    """
    if unicodedata.normalize("NFC", text) != text:
        return None
    # per character: the fold may delete one (a soft hyphen, a zero-width space), so the
    # folded text and ``range(len(text))`` cannot be paired position by position
    folded = [(out, at) for at, char in enumerate(text) for out in char.translate(excerpts._QUOTES)]
    chars, origin = [char for char, _ in folded], [at for _, at in folded]

    def sub(pattern: re.Pattern, replacement: str) -> None:
        nonlocal chars, origin
        joined, out_chars, out_origin, at = "".join(chars), [], [], 0
        for match in pattern.finditer(joined):
            out_chars += chars[at:match.start()]
            out_origin += origin[at:match.start()]
            out_chars += list(replacement)
            out_origin += [origin[match.start()]] * len(replacement) if match.start() < len(origin) else []
            at = match.end()
        chars, origin = out_chars + chars[at:], out_origin + origin[at:]
        assert len(chars) == len(origin), "every character keeps one origin"

    sub(excerpts._MARKUP, "")
    sub(excerpts._DASH_RUN, "-")
    sub(re.compile("…"), "...")
    sub(excerpts._SPACE, " ")
    while chars and chars[0] == " ":
        chars, origin = chars[1:], origin[1:]
    while chars and chars[-1] == " ":
        chars, origin = chars[:-1], origin[:-1]
    return tuple(origin) if "".join(chars) == normalise(text) else None


def _one_line(text: str, limit: int = 400) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"
