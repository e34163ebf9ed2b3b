"""Quotations that bypass verification: a block quote typed by hand, a long quoted run in prose.

Every quotation the book prints must be an excerpt (verified against its captured
source and credited from it) or be marked by the editor as a citation of something
that is not a captured source (a published book in an epigraph)::

    ::: {.cited cite="John Bowlby, A Secure Base (1988), p. 11"}
    > All of us, from the cradle to the grave, are happiest when ...
    :::

Anything else is found here: a block quote that is neither (E330) and a run of
12 or more words in quotation marks in the editor's prose that matches a captured
source (E331) are warnings, and errors under ``--release``. (A ``cited`` div without
its citation is the chapter parser's E332.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from book.editorial.excerpts import normalise, normalised_unit
from book.manuscript.chapter_parser import parse_attrs
from book.manuscript.code_blocks import FENCE_CLOSE, FENCE_OPEN, CodeFences
from book.manuscript.scan import markdown_files
from book.model import Manuscript
from book.support.diagnostics import Report, Severity
from book.support.text import count_words

MIN_WORDS = 12                     # a quoted run shorter than this is a phrase, not a quotation
_QUOTED = re.compile(r"[“\"]([^“”\"]+)[”\"]")


def check_quotations(manuscript: Manuscript, report: Report, release: bool, units: Units | None = None) -> None:
    """E330-E332 for every chapter and matter page (``units``: the book's, shared between calls)."""
    severity = Severity.ERROR if release else Severity.WARNING
    units = units if units is not None else Units(manuscript)   # normalised only when a quotation needs looking up
    for path, text in markdown_files(manuscript):
        for kind, line, quoted in _quotations(text):
            if kind == "block":
                found = _source_of(quoted, units, fuzzy=True)
                where = (f"it matches {found[0]}#{found[1]}: make it an excerpt, "
                         f'::: {{.excerpt source="{found[0]}" unit="{found[1]}"}}') if found else \
                    "if it quotes a published work, mark it ::: {.cited cite=\"author, title, page\"}"
                report.add("E330", severity, f"block quote is not a verified excerpt; {where}", path, line)
                continue
            words = count_words(quoted)
            found = _source_of(quoted, units, fuzzy=False) if words >= MIN_WORDS else None
            if found:
                report.add("E331", severity,
                           f"{words} quoted words match {found[0]}#{found[1]} but are not a verified excerpt: "
                           f'quote them in ::: {{.excerpt source="{found[0]}" unit="{found[1]}"}}', path, line)


def _quotations(text: str) -> Iterator[tuple[str, int, str]]:
    """("block" | "run", line, text) for each quotation outside excerpts, cited divs and code."""
    stack: list[str] = []              # the kinds of the open divs: "excerpt", "cited" or "other"
    block: list[str] = []
    block_line = 0
    lines = text.split("\n")
    code = CodeFences(lines)
    for number, line in enumerate(lines, start=1):
        if code.step(line) is not None:
            continue
        opened = FENCE_OPEN.match(line)
        if opened:
            stack.append(_div_kind(opened.group("attrs")))
            continue
        if FENCE_CLOSE.match(line):
            if stack:
                stack.pop()
            continue
        if "excerpt" in stack or "cited" in stack:
            continue
        if line.lstrip().startswith(">"):
            if not block:
                block_line = number
            block.append(line.lstrip()[1:])
            continue
        if block:
            yield "block", block_line, "\n".join(block)
            block = []
        for match in _QUOTED.finditer(line):
            yield "run", number, match.group(1)
    if block:
        yield "block", block_line, "\n".join(block)


def _div_kind(attrs_text: str) -> str:
    try:
        attrs = parse_attrs(attrs_text)
    except ValueError:
        return "other"                 # reported by the chapter parser
    if "excerpt" in attrs.classes:
        return "excerpt"
    if "cited" in attrs.classes:
        return "cited"
    return "other"


class Units:
    """Every unit's normalised text, computed on first use: most chapters quote nothing by hand."""

    def __init__(self, manuscript: Manuscript):
        self._manuscript = manuscript
        self._texts: list[tuple[str, str, str]] | None = None

    def __iter__(self) -> Iterator[tuple[str, str, str]]:
        if self._texts is None:
            self._texts = [(source.id, unit.id, normalised_unit(unit.text))
                           for source in self._manuscript.sources.values() for unit in source.units]
        return iter(self._texts)


def _source_of(quoted: str, units: Units, fuzzy: bool) -> tuple[str, str] | None:
    """The source and unit whose text holds this quotation, verbatim (or, ``fuzzy``, nearly)."""
    needle = normalise(quoted)
    if count_words(needle) < 4:
        return None
    for source_id, unit_id, haystack in units:
        if needle in haystack:
            return source_id, unit_id
    if not fuzzy:
        return None
    from rapidfuzz import fuzz      # only for a quotation found nowhere verbatim

    best = max(units, key=lambda u: fuzz.partial_ratio(needle, u[2]), default=None)
    if best is not None and len(needle) >= 40 and fuzz.partial_ratio(needle, best[2]) >= 90:
        return best[0], best[1]
    return None
