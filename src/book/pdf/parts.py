"""Typeset a long book in parts, each in a process of its own, and join the PDFs.

One Typst compile of a 1M-word book (about 3,500 pages) needs 2.6 GB: Typst lays out the
whole document in memory, and the ``typst`` package keeps its memo cache between compiles
in one process. Typeset in parts of at most ``PART_WORDS`` words, each in a fresh Python
process, the same book needs about a quarter of that, in about the same time.

The parts come from the same template as the single compile (``MainFile.render``): the
body parts first, in book order, each starting at the page after the previous part (on a
recto, as every chapter does); the page on which each chapter opens is read from the part's
named destinations; then the front matter, whose contents page lists the body's chapters
as static entries with those page numbers. ``book.pdfjoin`` joins the PDFs.

A part cannot see the rest of the book, so only the package's own design is typeset in
parts: a manuscript's ``styles/pdf/book.typ`` may query across the whole book.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from book.manuscript.styles import Styles
from book.pdf.compile import MainFile, compile_in_child
from book.support.files import scratch

if TYPE_CHECKING:
    from book.model import Manuscript

PARTS_ABOVE_WORDS = 450_000   # one compile up to here (about 1.2 GB at 450k words)
PART_WORDS = 250_000          # at most this many words per part (about 600 MB each)
DOMINANT_REST = 0.2           # below this share of the body outside its longest document: one compile

# A level-1 heading as pandoc's Typst writes it: a chapter's (styles/pdf/book.lua) or a matter page's.
_HEADING = re.compile(
    r"^#heading\(level: 1, supplement: (?P<label>none|\[.*?\])\)\[(?P<body>.*)\] <(?P<dest>[^<>\s]+)>$"
    r"|^= (?P<title>.*)\n<(?P<tdest>[^<>\s]+)>$", re.MULTILINE)

Item = dict[str, Any]


@dataclass(frozen=True)
class Heading:
    """A level-1 heading of the body: what its static contents entry shows, and its label."""

    label: str    # Typst markup: "[Chapter 1]" or "none"
    body: str     # Typst markup of the title
    dest: str     # the heading's label, which Typst also writes as a named destination


@dataclass(frozen=True)
class Part:
    """A typeset body part: its file, its length, and where its headings fell."""

    path: Path
    pages: int
    entries: list[dict[str, str]]   # static contents entries for the template


def default_design(manuscript: Manuscript) -> bool:
    """True when the book uses the package's book.typ and book.typ.j2.

    A design of the manuscript's own may count or query across the whole book, which a
    part cannot see, so it is typeset in one compile.
    """
    styles = Styles.of(manuscript)
    return all(styles.is_default(name) for name in ("pdf/book.typ", "pdf/book.typ.j2"))


def plan(body: list[Item]) -> list[list[Item]]:
    """The body's documents in parts of about equal length, or one part for a book of ordinary length.

    Parts end at document boundaries; the words counted are those of the Typst markup.
    Parts are there to lower the peak memory, and no part can be smaller than the longest
    document: when the rest of the body is less than ``DOMINANT_REST`` of it (one chapter
    of a million words and a few short ones), one compile needs about what the part holding
    that chapter would, without a process per part and the join (5 s of 23 on such a book).
    """
    words = [len(item["body"].split()) for item in body]
    total = sum(words)
    if total <= PARTS_ABOVE_WORDS or len(body) < 2 or total - max(words) < total * DOMINANT_REST:
        return [body]
    count = min(len(body), max(2, math.ceil(total / PART_WORDS)))
    parts: list[list[Item]] = [[]]
    done = 0
    for item, n in zip(body, words):
        if parts[-1] and len(parts) < count and done + n / 2 > total * len(parts) / count:
            parts.append([])
        parts[-1].append(item)
        done += n
    return parts


def headings(markup: str) -> list[Heading]:
    """The level-1 headings of a document's Typst, in order: they become contents entries."""
    found = []
    for match in _HEADING.finditer(markup):
        if match.group("dest"):
            found.append(Heading(match.group("label"), match.group("body"), match.group("dest")))
        else:
            found.append(Heading("none", match.group("title"), match.group("tdest")))
    return found


def plain(label: str) -> str:
    """A label's markup ("[Chapter 1]", "none") as the plain text Typst gives a link's /Contents."""
    if label == "none":
        return ""
    return re.sub(r"\\(.)", r"\1", label[1:-1])


def typeset_in_parts(main: MainFile, parts: list[list[Item]], when: dt.datetime | None,
                     progress: Callable[[str], None] = lambda _: None) -> bytes | None:
    """The book typeset part by part and joined; None (one compile, then) if a part's headings
    cannot be found again or the PDFs cannot be joined.

    Parts are compiled one after another: each needs the page count of the one before.
    """
    import pikepdf

    from book.pdf.join import PLACEHOLDER, join     # pikepdf: imported only for a book set in parts

    with scratch("book-pdf-") as tmp:
        work = Path(tmp)
        start = 1
        typeset: list[Part] = []
        for number, items in enumerate(parts, 1):
            path = work / f"part-{number}.pdf"
            progress(f"Typesetting part {number} of {len(parts)} of the body")
            compile_in_child(main.render(front=[], body=items, body_start=start), path, when)
            part = read_part(path, [h for item in items for h in headings(item["body"])], start)
            if part is None:
                return None
            typeset.append(part)
            start += part.pages + part.pages % 2       # the next part opens on a recto
        entries = [e for part in typeset for e in part.entries]
        front = work / "front.pdf"
        progress("Typesetting the front matter and joining the parts")
        compile_in_child(main.render(body=[], contents=entries), front, when)
        link_texts = {e["target"][len(PLACEHOLDER):]: e["text"] for e in entries}
        try:
            return join(front, [part.path for part in typeset], link_texts)
        except (ValueError, KeyError, AttributeError, StopIteration, pikepdf.PdfError) as exc:
            # a PDF the join does not expect: one compile is slower but always right
            progress(f"Could not join the parts ({exc}); typesetting the book in one compile")
            return None


def read_part(path: Path, found: list[Heading], start: int) -> Part | None:
    """The part's length and the folio of each heading, from its named destinations.

    None when the headings found in the markup are not exactly the part's bookmarks (a
    heading written in a way ``headings`` does not know): the caller then typesets the
    book in one compile rather than print a wrong contents page.
    """
    import pikepdf

    from book.pdf.join import PLACEHOLDER

    with pikepdf.open(path) as pdf:
        index = {page.objgen: i for i, page in enumerate(pdf.pages)}
        names = pdf.Root.get("/Names")
        dests = dict(pikepdf.NameTree(names.Dests).items()) if names is not None and "/Dests" in names else {}
        bookmarks = 0
        item = pdf.Root.Outlines.get("/First") if "/Outlines" in pdf.Root else None
        while item is not None:
            bookmarks += 1
            item = item.get("/Next")
        if bookmarks != len(found) or any(h.dest not in dests for h in found):
            return None
        entries = []
        for h in found:
            folio = str(start + index[dests[h.dest][0].objgen])
            entries.append({"label": h.label, "body": h.body, "page": folio, "target": PLACEHOLDER + h.dest,
                            "text": f"{plain(h.label)}, page {folio}"})
        return Part(path=path, pages=len(pdf.pages), entries=entries)
