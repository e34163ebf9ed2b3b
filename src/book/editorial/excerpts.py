"""Verify that every excerpt is verbatim from its source, and attribute it.

An excerpt may differ from its source only typographically: straight or curly
quotes, hyphens or dashes, ``...`` or ``…``, whitespace, invisible soft hyphens and
zero-width spaces, and the case of the first letter. ``…`` (or ``...``, ``[…]``, ``[...]``) marks an omission,
``[square brackets]`` an editorial insertion, and ``[sic]`` is allowed. Any
other difference is an error that shows the nearest passage in the source.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from book.model import Excerpt, Manuscript
from book.support.diagnostics import Report
from book.support.text import count_words, did_you_mean

_QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ",
    # invisible marks a copy from a web page or a word processor carries (a soft hyphen, a zero-width
    # space, a word joiner, a BOM): they change no word, on either side
    "\u00ad": None, "\u200b": None, "\u2060": None, "\ufeff": None,
})
_OMISSION = re.compile(r"\s*(?:\[\s*(?:\.\s*){3}\]|\[\s*…\s*\]|(?:\.\s*){3}|…)\s*")
_SIC = re.compile(r"\s*\[sic\]", re.IGNORECASE)
_INSERTION = re.compile(r"\[[^\]]*\]")
_MARKUP = re.compile(r"(?<!\\)[*_]{1,3}|^\s*>\s?|\\(?=[^\w\s])", re.MULTILINE)
_DASH_RUN = re.compile(r"-{2,}")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Fold the typographic differences an excerpt may have from its source."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    text = _MARKUP.sub("", text)
    text = _DASH_RUN.sub("-", text)
    text = text.replace("…", "...")
    return _SPACE.sub(" ", text).strip()


@lru_cache(maxsize=8192)
def normalised_unit(text: str) -> str:
    """:func:`normalise` of a unit's text, computed once per unit however often it is quoted.

    Verification and attribution both search the normalised unit; without this,
    every excerpt would re-normalise its whole unit (a long post quoted twenty
    times was normalised twenty times over).
    """
    return normalise(text)


def _pieces(excerpt_text: str) -> list[str]:
    """Split an excerpt into the verbatim runs that must appear in order in the unit.

    Omission marks and editorial insertions separate runs; ``[sic]`` is dropped.
    """
    text = unicodedata.normalize("NFC", excerpt_text)
    text = _SIC.sub("", text)
    text = _OMISSION.sub("\x00", text)
    text = _INSERTION.sub("\x00", text)
    pieces = (normalise(p) for p in text.split("\x00"))
    return [p for p in pieces if p.strip(" .,;:-\"'")]


def _find(piece: str, haystack: str, start: int) -> int:
    """Find ``piece`` at or after ``start``; the case of its first letter may differ."""
    at = haystack.find(piece, start)
    if at >= 0 or not piece:
        return at
    swapped = piece[0].swapcase() + piece[1:]
    return haystack.find(swapped, start)


@dataclass(frozen=True)
class Match:
    """Where an excerpt sits in its unit (offsets into the normalised unit text)."""

    start: int
    end: int


def locate(excerpt_text: str, unit_text: str) -> Match | str:
    """Return the match, or the first piece that could not be found."""
    haystack = normalised_unit(unit_text)
    position = 0
    first = None
    for piece in _pieces(excerpt_text):
        at = _find(piece, haystack, position)
        if at < 0:
            return piece
        first = at if first is None else first
        position = at + len(piece)
    if first is None:
        return excerpt_text
    return Match(first, position)


NEAREST_CHARS = 300   # the fuzzy alignment's cost grows with the piece: a long one is cut around its first difference


def focus(piece: str, unit_text: str) -> str:
    """At most NEAREST_CHARS of ``piece``, from a few words before where it stops matching the unit.

    The longest prefix of the piece found in the unit is measured by bisection (a handful of
    plain searches), so a mismatched excerpt of a hundred pages is explained in a moment.
    """
    if len(piece) <= NEAREST_CHARS:
        return piece
    haystack = normalised_unit(unit_text)
    text = normalise(piece)
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if haystack.find(text[:middle]) >= 0:
            low = middle
        else:
            high = middle - 1
    start = text.rfind(" ", 0, max(0, low - 60)) + 1
    end = text.rfind(" ", start, start + NEAREST_CHARS)
    return text[start:end if end > start else start + NEAREST_CHARS]


def nearest_passage(piece: str, unit_text: str) -> tuple[str, float]:
    """The passage of the unit most like ``piece`` (rapidfuzz alignment), whole words, and its score."""
    from rapidfuzz import fuzz      # only for an excerpt that failed: a sound book never imports it

    haystack = normalised_unit(unit_text)
    piece = piece[:NEAREST_CHARS * 4]      # a caller's bound: see focus()
    alignment = fuzz.partial_ratio_alignment(piece, haystack)
    start, end = alignment.dest_start, alignment.dest_end
    while start > 0 and not haystack[start - 1].isspace():       # never a word cut in two ("librari")
        start -= 1
    while end < len(haystack) and not haystack[end].isspace():
        end += 1
    return haystack[start:end].strip(), alignment.score


def describe_difference(expected: str, found: str) -> str:
    """Name the first differing words, so the editor sees the change at a glance."""
    import difflib

    a, b = expected.split(), found.split()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal" or (tag == "insert" and i1 in (0, len(a))):
            continue  # the source passage runs on before or after the excerpt: not a difference
        ours = " ".join(a[max(0, i1 - 2):i2 + 2]) or "(nothing)"
        theirs = " ".join(b[max(0, j1 - 2):j2 + 2]) or "(nothing)"
        return f"'{ours}' where the source has '{theirs}'"
    return "punctuation differs"


def verify_excerpts(manuscript: Manuscript, report: Report) -> dict[Excerpt, Match]:
    """Check every excerpt against its source; return where each one matched."""
    matches: dict[Excerpt, Match] = {}
    folder = manuscript.root / "sources"
    declared: frozenset[str] | None = None      # the ids the source files declare: read once, when first needed
    for excerpt in manuscript.excerpts:
        if not excerpt.source or not excerpt.unit:
            continue  # already reported by the parser
        source = manuscript.sources.get(excerpt.source)
        if source is None:
            if (folder / f"{excerpt.source}.yaml").is_file():
                continue  # the source's own file failed to load, and said why
            declared = _declared_ids(folder) if declared is None else declared
            if excerpt.source in declared:
                continue  # a source file named otherwise: S105 said so at its id line
            report.error("E310", f"excerpt quotes unknown source '{excerpt.source}'"
                         f"{_suggest_source(excerpt.source, manuscript.sources, folder)}", excerpt.path, excerpt.line)
            continue
        unit = source.unit(excerpt.unit)
        if unit is None:
            report.error("E311", f"source '{source.id}' has no unit '{excerpt.unit}'"
                         f"{_suggest(excerpt.unit, {u.id: u for u in source.units})}", excerpt.path, excerpt.line)
            continue
        if not unit.quotable:
            report.error("E312", f"unit '{unit.id}' of '{source.id}' is marked not to be quoted",
                         excerpt.path, excerpt.line)
            continue
        result = locate(excerpt.text, unit.text)
        if isinstance(result, Match):
            matches[excerpt] = result
            continue
        line = excerpt.line + 1 + _line_of(excerpt.text, result)
        report.error("E313", f"excerpt does not match {source.id}#{unit.id}: "
                     f"{_mismatch(excerpt, result, unit.text, manuscript)}", excerpt.path, line)
    return matches


def _mismatch(excerpt: Excerpt, piece: str, unit_text: str, manuscript: Manuscript) -> str:
    """Why an excerpt does not match, in the editor's terms: another unit, the order, or the words."""
    elsewhere = _unit_holding(excerpt, manuscript)
    if elsewhere is not None:
        return (f"its words are in {elsewhere[0]}#{elsewhere[1]}: write "
                f'source="{elsewhere[0]}" unit="{elsewhere[1]}"')
    piece = focus(piece, unit_text)
    passage, score = nearest_passage(piece, unit_text)
    folded = normalised_unit(unit_text).casefold()
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", piece.casefold()) if s.strip()]
    if score >= 99.5 or all(sentence in folded for sentence in sentences):
        return (f"the words \"{_clip(piece, 80)}\" are in the source, but not where the excerpt puts them: "
                "passages out of order, a letter's case changed, or an omission not marked with […]")
    return f"{describe_difference(piece, passage)}; the nearest passage in the source: \"{_clip(passage)}\""


def _unit_holding(excerpt: Excerpt, manuscript: Manuscript) -> tuple[str, str] | None:
    """Another unit (of the same source first) whose text holds the whole excerpt."""
    named = manuscript.sources.get(excerpt.source)
    ordered = ([named] if named else []) + [s for s in manuscript.sources.values() if s is not named]
    for source in ordered:
        for unit in source.units:
            if (source.id, unit.id) != (excerpt.source, excerpt.unit) and isinstance(locate(excerpt.text, unit.text),
                                                                                       Match):
                return source.id, unit.id
    return None


def _line_of(text: str, piece: str) -> int:
    """Best guess at the line (within the excerpt) where an unmatched piece starts."""
    words = piece.split()[:3]
    folded = [normalise(line) for line in text.split("\n")]
    for index, line in enumerate(folded):
        if words and " ".join(words) in line:
            return index
    return 0


def _clip(text: str, width: int = 160) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


ID_LOOKED_FOR_IN = 4096
"""Bytes of a source file read for its ``id:``: the store writes it first, so a file renamed by hand
shows it at its top; the rest of a large capture is not read."""
_DECLARED_ID = re.compile(r"^id: ([^\n]+)\n", re.MULTILINE)


def _declared_ids(folder: Path) -> frozenset[str]:
    """The ids the source files declare at their top (``id: <ident>``), whatever the files are named: an
    excerpt of a file renamed by hand is S105's, reported at its id line, and each excerpt of it would
    only say the same again. Read once per check: every file's first :data:`ID_LOOKED_FOR_IN` bytes."""
    found: set[str] = set()
    try:
        paths = sorted(p for p in folder.glob("*.yaml") if not p.name.endswith(".edits.yaml") and p.is_file())
    except OSError:
        return frozenset()
    for path in paths:
        try:
            with path.open("rb") as file:
                head = file.read(ID_LOOKED_FOR_IN).decode("utf-8", errors="replace")
        except OSError:
            continue
        found.update(match.group(1) for match in _DECLARED_ID.finditer(head))
    return frozenset(found)


def _suggest_source(name: str, sources: dict, folder: Path) -> str:
    """The did-you-mean of an unknown source: an id, the id of a source with that title (an excerpt
    naming its source by the title ``book sources list`` shows), or what became of a source whose
    edits file is still there."""
    titled = [ident for ident, source in sources.items()
              if source.title and source.title.casefold().strip() == name.casefold().strip()]
    if titled:
        return f"; did you mean '{titled[0]}'? (the source titled '{name}': an excerpt names its source by its id)"
    if (folder / f"{name}.edits.yaml").is_file():
        return (f"; sources/{name}.edits.yaml is there but sources/{name}.yaml is not: import the page again, "
                "or quote another source")
    return _suggest(name, sources)


def _suggest(name: str, known) -> str:
    """A did-you-mean; for a name equal to a known one under NFC (a source id typed with a composed é, its
    file saved by macOS with e and an accent apart), says so, since the two look the same when printed."""
    same = [k for k in known if unicodedata.normalize("NFC", k) == unicodedata.normalize("NFC", name)]
    if same:
        return (f"; the id '{same[0]}' is this name in another Unicode form (accents written apart, as macOS "
                "saves file names): write both the same way")
    folded = [k for k in known if k.casefold() == name.strip().casefold()]     # 'C1' for 'c1'
    close = folded[0] if folded else did_you_mean(name, known)
    return f"; did you mean '{close}'?" if close else ""


_OMISSION_MARK = re.compile(r"\[\s*(?:…|\.\s*\.\s*\.)\s*\]|…|\.\.\.")


def quoted_words(excerpt: Excerpt) -> int:
    """Words quoted from the source: editorial insertions and omission marks do not count."""
    text = _OMISSION_MARK.sub(" ", excerpt.text)
    text = re.sub(r"\[(?!sic\])[^\]]*\]", " ", text, flags=re.IGNORECASE)
    text = re.sub(r"\[sic\]", " ", text, flags=re.IGNORECASE)
    return count_words(text)


