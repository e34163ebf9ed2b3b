"""The print edition's page list in the EPUB: page-break markers and the ``page-list`` nav.

In: the EPUB's pages (XHTML) and where the print edition set each paragraph and document
(:class:`~book.render.chapters.PrintMark`, from the Typst layout of the same book). Out:
the pages with a marker ``<span epub:type="pagebreak" role="doc-pagebreak" id="page-12"
aria-label="12"/>`` at the start of each printed page, and the entries of the page list.

A printed page starts at the first paragraph (or document) that begins on it; a page
that begins inside a paragraph continued from the page before is marked at that
paragraph's start, or, when no paragraph begins on it, at the next one that does: the
markers are right to the paragraph. Paragraphs are found by the same key on both sides
(their first 32 ASCII letters), in book order; pages with no ink (blank versos) have no
marker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from lxml import etree

if TYPE_CHECKING:
    from book.render.chapters import PrintMark

XhtmlPage = Any      # book.epub.package.XhtmlPage (id, file_name, content), which imports this module

XHTML = "http://www.w3.org/1999/xhtml"
EPUB = "http://www.idpf.org/2007/ops"
KEY_LETTERS = 32
SEARCH_AHEAD = 60          # paragraphs looked at for a mark's key before it is given up
NOTES = ("footnotes", "endnotes", "footnote", "endnote", "rearnotes", "rearnote")


@dataclass(frozen=True)
class PageEntry:
    folio: str
    href: str


def text_key(text: str) -> str:
    """A paragraph's key: its first 32 ASCII letters, lower-cased (as ``styles/pdf/book.lua`` makes it)."""
    return re.sub(r"[^a-z]", "", text.lower())[:KEY_LETTERS]


def _in_notes(element) -> bool:
    for ancestor in element.iterancestors():
        kinds = (ancestor.get(f"{{{EPUB}}}type") or "").split()
        if any(kind in NOTES for kind in kinds) or ancestor.tag == f"{{{XHTML}}}aside":
            return True
    return False


def add_page_breaks(pages: list[XhtmlPage], marks: tuple[PrintMark, ...]) -> tuple[list[XhtmlPage], list[PageEntry]]:
    """The pages with page-break markers, and the page list's entries in reading order."""
    trees: dict[int, etree._Element] = {}
    positions: list[tuple[str, int, etree._Element]] = []     # (key, page index, element), reading order
    for index, page in enumerate(pages):
        if page.id in ("cover", "nav") or not page.content:
            continue
        root = etree.fromstring(page.content)
        trees[index] = root
        body = root.find(f"{{{XHTML}}}body")
        first = next((child for child in body if isinstance(child.tag, str)), None) if body is not None else None
        if first is not None:
            positions.append((f"doc:{page.id}", index, first))
        for para in root.iter(f"{{{XHTML}}}p"):
            if not _in_notes(para):
                positions.append((text_key("".join(para.itertext())), index, para))

    # Each mark found in book order, never behind the one before.
    found: list[tuple[PrintMark, int] | None] = []
    cursor = 0
    for mark in marks:
        hit = None
        for offset in range(cursor, min(len(positions), cursor + SEARCH_AHEAD)):
            if positions[offset][0] == mark.key and mark.key:
                hit = offset
                break
        if hit is not None:
            cursor = hit + 1
        found.append((mark, hit) if hit is not None else None)

    # A printed page is marked at the first found mark set on it, else at the next found mark.
    first_on_page: dict[int, tuple[PrintMark, int]] = {}
    for item in found:
        if item is not None:
            first_on_page.setdefault(item[0].page, item)
    folios: dict[int, str] = {}
    for mark in marks:
        folios.setdefault(mark.page, mark.folio)
    located = sorted(first_on_page.items())
    placements: list[tuple[str, int]] = []        # (folio, position index)
    seen: set[str] = set()
    for number in sorted(folios):
        after = next(((mark, position) for page, (mark, position) in located if page >= number), None)
        if after is None or folios[number] in seen:
            continue
        seen.add(folios[number])
        placements.append((folios[number], after[1]))

    entries: list[PageEntry] = []
    for folio, position in sorted(placements, key=lambda item: item[1]):   # stable: folio order kept
        _key, index, element = positions[position]
        ident = f"page-{folio}"
        span = etree.Element(f"{{{XHTML}}}span", {f"{{{EPUB}}}type": "pagebreak", "role": "doc-pagebreak",
                                                  "id": ident, "aria-label": folio})
        # after the markers already placed here, so that consecutive pages keep their order
        at = 0
        if not element.text:
            while at < len(element) and element[at].get("role") == "doc-pagebreak":
                at += 1
        if at == 0:
            span.tail, element.text = element.text, None
        else:
            span.tail, element[at - 1].tail = element[at - 1].tail, None
        element.insert(at, span)
        entries.append(PageEntry(folio, f"{pages[index].file_name}#{ident}"))

    out = list(pages)
    for index, root in trees.items():
        data = etree.tostring(root.getroottree(), encoding="utf-8", xml_declaration=True)
        out[index] = replace(pages[index], content=data)
    return out, entries
