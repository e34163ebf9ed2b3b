"""Typeset the print edition with Typst: a tagged PDF/UA-1 interior for print on demand.

The same rendered chapter model as the EPUB goes through pandoc (Markdown to Typst,
with the PDF-only Lua filter ``styles/pdf/book.lua``), each document parsed on its
own and cached like the EPUB's XHTML; the result is split back into documents at
the filter's markers and placed, in book order, each in its own page run, into the
Jinja2 template ``styles/pdf/book.typ.j2`` together with the Typst library
``styles/pdf/book.typ``. The ``typst`` package compiles it in-process: no LaTeX
and no ``typst`` executable. System fonts are ignored, so every machine sets the
same pages; fonts come from Typst's embedded set and ``styles/fonts/``.
"""

from __future__ import annotations

import collections
import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from book.config import PrintConfig, points
from book.manuscript.styles import Styles
from book.model import Manuscript
from book.pdf.compile import (IN_PROCESS_CHARS, MainFile, Query, TypstSource, compile_in_child, compile_typst,
                              query_in_child, query_typst, typst_catalog, typst_literal, typst_object,
                              without_default_suspects)
from book.render.chapters import PrintMark, RenderedBook, RenderedDoc
from book.render.credits import credit_groups, edition_line
from book.render.pandoc import MARKDOWN_READER, OutsideDocuments
from book.support.diagnostics import BookError, Diagnostic, Report
from book.support.files import scratch

if TYPE_CHECKING:
    from book.render.cache import DocCache

TYPST_ARGS_BASE = (f"--from={MARKDOWN_READER}", "--to=typst", "--wrap=none")   # read as the EPUB reads it
# A paragraph longer than this (characters) is broken into lines first-fit rather than by Typst's
# optimal (Knuth-Plass) line breaker, whose cost grows with the paragraph: one paragraph of 5 MB takes
# 90 s and 1.7 GB to set optimally, 11 s first-fit. No paragraph of ordinary prose comes near it.
LONG_PARAGRAPH = 20_000
# A run without a space longer than this (code points) is written to Typst in pieces of this length
# (styles/pdf/book.lua: cut_long_str): pandoc's Typst writer is quadratic in one Str.
LONG_STR = 500
_LONG_STR = re.compile(r"(?<!\S)\S{%d}" % (LONG_STR + 1))      # searched from word starts only: linear
_IMAGE = re.compile(r"!\[(?!\^[^\]\s]*\])")   # an image, not a note reference after "!" ("the![^1]")
_MARKER = re.compile(r"^// @@(doc|end) (\S+)(?: (\S+))?$", re.MULTILINE)


# ------------------------------------------------------------------ Typst from pandoc

def typst_for_docs(book: RenderedBook, manuscript: Manuscript, cache: DocCache | None = None,
                   jobs: int = 1, marks: bool = False, report: Report | None = None) -> dict[str, str]:
    """Each document's Typst markup: from the cache, or from one pandoc conversion of the rest.

    As for the EPUB, pandoc parses each document on its own (``--file-scope``), so an
    unchanged chapter's Typst comes from the cache and a long book's conversion can be
    shared between ``jobs`` processes; the markup is the same either way. What pandoc warns of
    goes into ``report``, placed in the manuscript (:func:`book.render.pandoc.convert_each`).
    """
    from book.render.addresses import check_addresses, report_outside
    from book.render.pandoc import convert_each

    lua = Styles.of(manuscript).find("pdf/book.lua")
    shared = Styles.of(manuscript).find("book-filters.lua")      # the helpers book.lua requires
    # The filter walks every inline element (slow on a long book) only when there may be an image.
    # A document's Typst depends on its own images only, so the flag is not part of the cache key:
    # adding the book's first image re-converts that chapter alone.
    images = any(_IMAGE.search(doc.markdown) for doc in book.docs)
    # Likewise, paragraphs are handed to the filter only when one is very long (see LONG_PARAGRAPH).
    long_paragraphs = any(_has_long_paragraph(doc.markdown) for doc in book.docs)
    # And a run without a space longer than LONG_STR (a paragraph of Chinese) is cut by the filter, which
    # leaves the Typst as it was (the flag is not keyed either) and makes it in linear time.
    long_strs = any(_has_long_str(doc.markdown) for doc in book.docs)
    unkeyed = (*(("--metadata=book-inline-images=true",) if images else ()),
               *((f"--metadata=book-long-paragraph={LONG_PARAGRAPH}",) if long_paragraphs else ()),
               *((f"--metadata=book-long-word={LONG_STR}",) if long_strs else ()))
    # The page marks (the EPUB's print page list) change the output: they are keyed.
    args = (*TYPST_ARGS_BASE, f"--lua-filter={lua}", *(("--metadata=book-page-marks=true",) if marks else ()))
    try:
        bodies = convert_each(book.docs, args, manuscript.root, split_typst,
                              kind="typst", cache=cache,
                              key=(lua.read_text(encoding="utf-8"), shared.read_text(encoding="utf-8")),
                              unkeyed=unkeyed, jobs=jobs, report=report)
    except OutsideDocuments as lost:
        report_outside(lost, manuscript)
    check_addresses(bodies, "typst", manuscript)
    return bodies


def _has_long_paragraph(markdown: str) -> bool:
    return len(markdown) > LONG_PARAGRAPH and any(len(block) > LONG_PARAGRAPH for block in markdown.split("\n\n"))


def _has_long_str(markdown: str) -> bool:
    return len(markdown) > LONG_STR and _LONG_STR.search(markdown) is not None


def split_typst(text: str) -> dict[str, str]:
    """pandoc's Typst for several documents, cut into documents, each as if converted alone."""
    return split_documents(closing_quotes(text))


# A straight quote after punctuation, a bracket or emphasis markup, outside raw text and strings.
_GUESSED_QUOTE = re.compile(r'(`+)(?:.|\n)*?\1|"(?:[^"\\\n]|\\.)*"|(?<=[.…!?;:,)\]}*_”’\\])\'')


def closing_quotes(typst_markup: str) -> str:
    """Put back the right quotes pandoc decided, where Typst would guess an opening one.

    Quotation marks are decided once, by pandoc's smart reading of the rendered Markdown,
    for every output. The EPUB keeps them; pandoc's Typst writer turns every ``’`` into
    ``'`` and leaves the direction to Typst's smart quotes, which read a quote after
    punctuation as an opening one: "C.‘s" after an initial, "…‘" after an ellipsis.
    Every such ``'`` is a right quote or apostrophe (pandoc writes opening quotes as
    ``‘``), so the curly character is written back there. Raw text and string literals
    (a URL in ``#link("…")``) are left as they are.
    """
    return _GUESSED_QUOTE.sub(lambda m: "’" if m.group(0) == "'" else m.group(0), typst_markup)


def split_documents(text: str) -> dict[str, str]:
    """Split pandoc's Typst at the ``// @@doc id`` / ``// @@end id`` markers of the Lua filter.

    Labels and links to them are scoped to their document (``<ch01:notes>``). Text outside every
    pair of markers, or a document begun inside another, raises :class:`OutsideDocuments` with the
    document it belongs to: nothing pandoc wrote is dropped.
    """
    out: dict[str, str] = {}
    stray: tuple[str, str] | None = None     # (owner, words) of the first words outside every document
    current: str | None = None
    previous: str | None = None
    start = ended = 0
    for match in _MARKER.finditer(text):
        kind, doc_id = match.group(1), match.group(2)
        bare = doc_id.rpartition("__")[2]
        if kind == "doc":
            between = text[ended:match.start()]
            if current is not None:        # a document begun inside another: the outer one never ended
                stray = stray or (current.rpartition("__")[2], text[start:match.start()])
            elif between.strip():
                stray = stray or (previous or bare, between)
            current, start = doc_id, match.end()
        elif current == doc_id:
            prefix, sep, bare = doc_id.rpartition("__")
            body = text[start:match.start()].strip("\n") + "\n"
            # ids never contain "__" (see manuscript.slug): what precedes the last one is the
            # prefix pandoc gives every id and label of a file (pandoc.convert_documents). It
            # becomes the document's own scope, "<chapter-id>:": two chapters may both have a
            # heading "Notes" and link to it, as in the EPUB, where each is its own file.
            out[bare] = body.replace(prefix + sep, bare + ":") if sep else body
            current, previous, ended = None, bare, match.end()
    rest = text[ended:] if current is None else text[start:]
    if rest.strip():
        stray = stray or ((current or "").rpartition("__")[2] or previous or "", rest)
    if stray is not None:
        raise OutsideDocuments(*stray, found=out)
    return out


_LABEL = re.compile(r"(?<!#link\()<([^<>\s:]+):([^<>\s]+)>")      # a label set in a document
_LINK = re.compile(r"#link\(<([^<>\s:]+):([^<>\s]+)>\)")          # a link to one


def link_across_documents(bodies: dict[str, str]) -> tuple[dict[str, str], bool]:
    """Point a link to another document's heading at that document's label.

    Each document's labels are its own (``<ch02:notes>``, see ``split_documents``), so a
    link in chapter 2 to ``#ch01-first-title`` first reads ``<ch02:ch01-first-title>``.
    When the label is not chapter 2's and exactly one other document has it, the link
    goes there, as it did when pandoc read the book as one text. A link to a document's own
    id (``#ch01-first``: "see chapter 1"), which no label of the Typst has (the EPUB's wrapper
    section has the id), goes to the record the template sets where the document starts
    (``<book-doc-start-ch01-first>``, book.typ's ``doc-start``): its first page. Done after the
    cache, which holds each document as converted alone. Returns the bodies and whether any
    link crosses documents (a book typeset in parts must then be set in one compile).
    """
    owners: dict[str, list[str]] = {}
    for doc_id, body in bodies.items():
        for match in _LABEL.finditer(body):
            if match.group(1) == doc_id:
                owners.setdefault(match.group(2), []).append(doc_id)
    crossed = False

    def retarget(doc_id: str, match: re.Match[str]) -> str:
        nonlocal crossed
        scope, name = match.groups()
        found = owners.get(name, [])
        if scope == doc_id and not found and name in bodies:
            crossed = crossed or name != doc_id
            return f"#link(<book-doc-start-{name}>)"
        if scope != doc_id or doc_id in found or len(found) != 1:
            return match.group(0)
        crossed = True
        return f"#link(<{found[0]}:{name}>)"

    fixed = {doc_id: _LINK.sub(lambda m, d=doc_id: retarget(d, m), body) if "#link(<" in body else body
             for doc_id, body in bodies.items()}
    return fixed, crossed


# ------------------------------------------------------------------ the main document

HEAD_SHARE = 0.38     # the design's gap between running head and text block, as a share of the top margin
FOLIO_SIZE = 0.9      # the opening pages' folio, in ems of the body text (book.typ's footer)
OVERSHOOT = 0.15      # how far a font's ascenders and descenders may stand outside the 1em line box
PROTRUSION = 0.4      # how far Typst hangs punctuation and hyphens into the side margins, in ems


def page_geometry(settings: PrintConfig, pages: int | None = None) -> dict[str, str]:
    """The page, margins and the places of running heads and folios, in points, for Typst.

    The margins are the book's own, widened where a target printer asks for more: a running
    head or folio never stands nearer the trim than the strictest printer's ``head`` distance
    (the top or bottom margin grows to keep the design's gap between it and the text), and the
    gutter is at least what each printer asks for a book of ``pages`` pages.
    """
    width, height = settings.page_size
    m = settings.margins
    size = points(settings.font_size)
    top, bottom = points(m.top), points(m.bottom)
    inside, outside = points(m.inside), points(m.outside)
    ascent, descent = HEAD_SHARE * top, HEAD_SHARE * bottom
    head = max(p.head for p in settings.printers)
    # The running head's line box is 1em of body text (book.typ: top-edge 0.8em, bottom-edge
    # -0.2em); its top stands at top - ascent - 1em from the trim, and a tall glyph may rise a
    # little above it (OVERSHOOT). Likewise the folio at the foot.
    top = max(top, head + (1 + OVERSHOOT) * size + ascent)
    bottom = max(bottom, head + (1 + OVERSHOOT) * FOLIO_SIZE * size + descent)
    # Justified lines hang hyphens and punctuation a little into the side margins (Typst's
    # overhang): ink, which the printer measures, so the least margins leave room for it.
    hang = PROTRUSION * size
    outside = max([outside] + [p.outside + hang for p in settings.printers if p.outside])
    if pages is not None:
        inside = max([inside] + [p.inside(pages) + hang for p in settings.printers if p.print_edition])
    return {"width": _pt(width), "height": _pt(height), "inside": _pt(inside), "outside": _pt(outside),
            "top": _pt(top), "bottom": _pt(bottom), "head_ascent": _pt(ascent), "foot_descent": _pt(descent),
            "font": settings.font, "size": _pt(size), "leading": _pt(points(settings.leading))}


def main_file(manuscript: Manuscript, book: RenderedBook, *, with_cover: bool = False,
              cache: DocCache | None = None, jobs: int = 1, pages: int | None = None,
              marks: bool = False, report: Report | None = None) -> MainFile:
    """The template's inputs: settings, and each document's Typst from pandoc."""
    manuscript = manuscript.for_output("pdf")       # without the ebook-only matter pages
    config = manuscript.config
    dirs = Styles.of(manuscript).font_dirs     # the check stage found the font there (E240)
    bodies, links_across = link_across_documents(typst_for_docs(book, manuscript, cache, jobs, marks, report))
    docs = {doc.id: doc for doc in book.docs}

    def body_of(doc_id: str) -> str:
        return bodies[doc_id]

    front = []
    for matter in manuscript.front:
        if matter.is_markdown:
            doc = docs[matter.id]
            front.append({"kind": "doc", "id": matter.id, "running": doc.title or config.title,
                          "type": doc.epub_type, "folio": doc.title is not None,
                          "body": body_of(matter.id)})
        else:
            front.append({"kind": matter.kind})
    body = [{"kind": "chapter", "id": c.id, "running": docs[c.id].running_title, "body": body_of(c.id)}
            for c in manuscript.chapters]
    body += [{"kind": "back", "id": m.id, "running": docs[m.id].title or config.title,
              "type": docs[m.id].epub_type, "body": body_of(m.id)}
             for m in manuscript.back if m.is_markdown and m.id in docs]

    page = page_geometry(config.print, pages)
    lang, _, region = config.language.partition("-")
    env = Styles.of(manuscript).environment
    env.filters["typst"] = typst_literal
    library = Styles.of(manuscript).find("pdf/book.typ").read_text(encoding="utf-8")
    common = dict(
        book=config,
        authors=[c.name for c in config.creators if c.role in ("editor", "author")] or
                [c.name for c in config.creators],
        description=config.description or config.subtitle or config.title,
        lang=lang.lower(), region=(region[:2].upper() if len(region) == 2 else None),
        page=page, credits=credit_groups(manuscript), rights_notes=[],
        edition_line=edition_line(manuscript), isbn=config.print_isbn,
        library=library, cover=_cover(manuscript) if with_cover else None, page_marks=marks,
    )
    return MainFile(env=env, settings=common, front=front, body=body, root=manuscript.root, font_paths=dirs,
                    links_across=links_across)


def typst_source(manuscript: Manuscript, book: RenderedBook, *, with_cover: bool = False,
                 cache: DocCache | None = None, jobs: int = 1, report: Report | None = None) -> TypstSource:
    """The whole print edition as one Typst source; what pandoc said converting it goes into ``report``."""
    return main_file(manuscript, book, with_cover=with_cover, cache=cache, jobs=jobs, report=report).render()


def _pt(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".")


def _cover(manuscript: Manuscript) -> dict[str, str]:
    """The cover for a screen edition: the editor's image, or the typographic cover as SVG."""
    config = manuscript.config
    if config.cover is not None:
        return {"source": typst_literal(config.cover.image), "alt": config.cover.alt}
    svg = typographic_cover_svg(manuscript)
    return {"source": f"bytes({typst_literal(svg)})", "alt": cover_image_alt(manuscript)}


def typographic_cover_svg(manuscript: Manuscript) -> str:
    """The generated cover (``styles/cover.typ``, as for the EPUB) as SVG, to place at any size."""
    from book.render.cover import render_typographic_cover

    return render_typographic_cover(manuscript, "svg").decode("utf-8")


def cover_image_alt(manuscript: Manuscript) -> str:
    from book.render.cover import typographic_cover_alt

    return typographic_cover_alt(manuscript)


@dataclasses.dataclass(frozen=True)
class Typeset:
    """The print edition as one typesetting gave it: the PDF, and where each paragraph fell."""

    pdf: bytes | None                    # None when only the marks were asked for
    marks: tuple[PrintMark, ...] = ()    # in book order, when asked for (the EPUB's print page list)


def typeset(manuscript: Manuscript, book: RenderedBook, when: dt.datetime, *, with_cover: bool = False,
            marks: bool = False, pdf: bool = True, cache: DocCache | None = None, jobs: int = 1,
            progress: Callable[[str], None] = lambda _: None, report: Report | None = None) -> Typeset:
    """The print-ready PDF (the same inputs and time give the same bytes) and, with ``marks``, its page marks.

    Without ``pdf`` (an EPUB built alone), the marks only: Typst's query of the same layout, with
    the gutter for the page count it finds, and no PDF written.

    A long book (more than ``pdfparts.PARTS_ABOVE_WORDS`` words of body) is typeset in parts,
    each compiled in a process of its own, and joined (``book.pdfparts``, ``book.pdfjoin``):
    one compile of a 1M-word book needs 2.6 GB. These are typeset in one compile, whatever
    their length: a book with its own design (``styles/pdf/book.typ`` or ``book.typ.j2`` in the
    manuscript, which may look across the whole book), a screen edition (a cover before the
    front matter), a book without front matter (the parts are joined onto it) and one with a
    link from one document to another (a part cannot see the other parts' labels).

    With ``marks`` (the EPUB's print page list), the same layout carries an invisible mark at the
    start of every paragraph and document; the marks take no room, so the PDF's bytes are those
    of the book without them, and one pandoc conversion serves both the PDF and the page list.
    """
    main = main_file(manuscript, book, with_cover=with_cover, cache=cache, jobs=jobs, marks=marks, report=report)
    try:
        if not pdf:
            return Typeset(None, _settled_marks(manuscript, main, progress))
        data, queried = _typeset(manuscript, main, when, with_cover, marks, progress)
    except BookError as exc:
        raise located(exc, manuscript, main, book) from None
    # The gutter a printer asks for grows with the page count, which only the typesetting knows:
    # set again with the wider gutter until the page count asks for no more (a wider gutter can
    # only add pages, so this ends; in practice after one more pass, and only near a threshold).
    for _ in range(4):
        count = page_count(data)
        page = page_geometry(manuscript.config.print, count)
        if page == main.settings["page"]:
            break
        progress(f"Widening the gutter to {float(page['inside']) / 72:.3g} in for {count} pages")
        main = dataclasses.replace(main, settings={**main.settings, "page": page})
        data, queried = _typeset(manuscript, main, when, with_cover, marks, progress)
    found = (_read_marks(queried)[0] if queried is not None else _page_marks(main, progress)[0]) if marks else ()
    data = end_on_a_verso(data, manuscript.config.print)
    if not with_cover and any(p.pdfx for p in manuscript.config.print.printers):
        from book.pdf.pdfx import make_pdfx4

        progress("Making the interior PDF/X-4")
        data = make_pdfx4(data, title=manuscript.config.title, when=when)
    return Typeset(data, found)


def typeset_pdf(manuscript: Manuscript, book: RenderedBook, when: dt.datetime, *,
                with_cover: bool = False, cache: DocCache | None = None, jobs: int = 1,
                progress: Callable[[str], None] = lambda _: None, report: Report | None = None) -> bytes:
    """The print-ready PDF as bytes (see :func:`typeset`)."""
    data = typeset(manuscript, book, when, with_cover=with_cover, cache=cache, jobs=jobs, progress=progress,
                   report=report).pdf
    assert data is not None
    return data


def blank_pages_at_the_end(count: int, settings: PrintConfig) -> int:
    """How many blank pages end a printed book whose text takes ``count`` pages (0, 1 or 2)."""
    printers = [p for p in settings.printers if p.print_edition]
    if not printers:
        return 0
    add = count % 2
    if add == 0 and any(p.blank_last for p in printers):
        add = 2
    return add


def end_on_a_verso(data: bytes, settings: PrintConfig) -> bytes:
    """A printed book has an even number of pages: a blank verso ends one whose text ends on a
    recto. A printer that prints its own barcode on the last page (IngramSpark) gets a blank last
    verso in any case. The pages are added at the trim size and carry nothing, not even a folio."""
    add = blank_pages_at_the_end(page_count(data), settings)
    if not add:
        return data
    import io

    import pikepdf

    from book.pdf.join import set_page_count

    with pikepdf.open(io.BytesIO(data)) as pdf:
        width, height = settings.page_size
        for _ in range(add):
            pdf.add_blank_page(page_size=(width, height))
        set_page_count(pdf)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
        return out.getvalue()


def _settled_marks(manuscript: Manuscript, main: MainFile, progress: Callable[[str], None]) -> tuple[PrintMark, ...]:
    """The page marks of ``main``, set again with the gutter for the page count until it asks for no more."""
    for _ in range(5):
        found, count = _page_marks(main, progress)
        page = page_geometry(manuscript.config.print, count)
        if page == main.settings["page"]:
            break
        main = dataclasses.replace(main, settings={**main.settings, "page": page})
    return found


_QUOTED_TEXT = re.compile(r'the text `"((?:[^"\\]|\\.)*)"`')


def located(exc: BookError, manuscript: Manuscript, main: MainFile | None = None,
            book: RenderedBook | None = None) -> BookError:
    """A typesetting error placed in the manuscript: Typst only knows the generated source.

    One that quotes the text it could not set (a character no font of the book has) goes where the
    manuscript writes that text; one that points at a line of a document's Typst (a link to a label
    no document has, an image Typst cannot read) goes to that document's file, at the line that
    writes what the error is about when it can be found (:func:`_in_document`). Any other, in a
    book with its own ``styles/pdf/book.typ`` or ``book.typ.j2``, names that file."""
    from book.manuscript.scan import place

    items = []
    styles = Styles.of(manuscript)
    own = [styles.find(name) for name in ("pdf/book.typ", "pdf/book.typ.j2") if not styles.is_default(name)]
    for number, item in enumerate(exc.report.items):
        match = _QUOTED_TEXT.search(item.message) if item.path is None else None
        text = _rust_unescape(match.group(1)) if match else ""
        for path, written in (_printed_texts(manuscript) if text.strip() else ()):
            offset = written.find(text)
            if offset >= 0:
                line, column = place(written)(offset)
                item = dataclasses.replace(item, path=path, line=line, column=column)
                break
        if item.path is None and number == 0 and main is not None and book is not None:
            item = _in_document(item, exc, main, book, manuscript)
        if item.path is None and own:
            # not the text: the manuscript's own design is what the package's tests have not typeset
            item = dataclasses.replace(item, path=own[0], message=f"{item.message} (in the book's own design?)")
        items.append(item)
    report = Report()
    report.items.extend(items)
    return BookError(report)


def _printed_texts(manuscript: Manuscript) -> Iterator[tuple[Path, str]]:
    """The texts the book prints from, chapters and pages first: then the YAML files whose values it prints
    (book.yaml's title and names on the title page, a source's title and writers in attributions, the name
    map's pseudonyms). A character no font has in the book's title named no file at all before."""
    from book.manuscript.inputs import input_files
    from book.manuscript.scan import markdown_files
    from book.support.files import InputRefused, read_input

    yield from markdown_files(manuscript)
    for path in input_files(manuscript):
        if path.suffix in (".yaml", ".yml"):
            try:
                yield path, read_input(path, manuscript.root).decode("utf-8", errors="replace")
            except (InputRefused, OSError):
                continue


def _in_document(item: Diagnostic, exc: BookError, main: MainFile, book: RenderedBook,
                 manuscript: Manuscript) -> Diagnostic:
    """``item`` at the file of the document whose Typst holds the line Typst's error points at
    (``compile.TypesettingFailed.span``), and at the line of that file that writes what the error
    names there (a label, a path, words); unchanged when the line is in the template or library."""
    source, span = getattr(exc, "source", None), getattr(exc, "span", None)
    if not isinstance(source, str) or span is None:
        return item
    line_start = _line_offset(source, span[0])
    if line_start is None:
        return item
    found = _document_at(source, line_start, main)
    doc = next((d for d in book.docs if found is not None and d.id == found), None)
    if doc is None:
        return item
    end = source.find("\n", line_start)
    typst_line = source[line_start:end if end >= 0 else len(source)]
    line, column = _written_at(doc, typst_line[max(0, span[1] - 1):], typst_line)
    if doc.path is None:
        message = f"{item.message} (in the page '{doc.title or doc.id}' the book makes)"
        return dataclasses.replace(item, path=manuscript.config_path, message=message)
    return dataclasses.replace(item, path=doc.path, line=line, column=column)


def _line_offset(text: str, line: int) -> int | None:
    """Where line ``line`` (from 1) of ``text`` starts; None past the end."""
    offset = 0
    for _ in range(line - 1):
        offset = text.find("\n", offset) + 1
        if offset == 0:
            return None
    return offset


def _document_at(source: str, offset: int, main: MainFile) -> str | None:
    """The id of the document whose Typst, as the template placed it in ``source``, holds ``offset``.

    The template copies each document's Typst whole, in book order (a part holds some of them), so
    each is looked for after the one before it."""
    cursor = 0
    for item in (*main.front, *main.body):
        body = item.get("body")
        if not body:
            continue
        at = source.find(body, cursor)
        if at < 0:
            continue
        if at <= offset < at + len(body):
            return str(item["id"])
        cursor = at + len(body)
    return None


_TYPST_LABEL = re.compile(r"<(?:[^<>\s:]+:)?([^<>\s]+)>")
_TYPST_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
_TYPST_WORDS = re.compile(r"[^\W\d_][\w’'-]*(?: [^\W\d_][\w’'-]*)+")


def _written_at(doc: RenderedDoc, at: str, typst_line: str) -> tuple[int | None, int | None]:
    """The line and column of ``doc``'s file that writes what Typst's error is about: the label,
    then the string (an image's path) the error's place ``at`` begins with, then the longest run of
    words of its line; (None, None) when the Markdown holds none of them."""
    wanted = []
    label = _TYPST_LABEL.match(at.removeprefix("#link("))
    if label:
        wanted.append(f"(#{label.group(1)})")
    string = _TYPST_STRING.search(at)
    if string:
        wanted.append(_TYPST_ESCAPE.sub(r"\1", string.group(1)))
    wanted += sorted(_TYPST_WORDS.findall(typst_line.replace("\\", "")), key=len, reverse=True)[:3]
    for words in wanted:
        offset = doc.markdown.find(words) if words.strip() else -1
        if offset >= 0:
            from book.manuscript.scan import place

            line, column = place(doc.markdown)(offset + (1 if words.startswith("(#") else 0))
            return doc.place(line, column)
    return None, None


_TYPST_ESCAPE = re.compile(r"\\(.)")


def _rust_unescape(text: str) -> str:
    """Typst quotes text as Rust's Debug does: \\u{10fffd}, \\", \\\\, \\n."""
    simple = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", '"': '"', "'": "'", "\\": "\\"}
    return re.sub(r"\\(u\{([0-9a-fA-F]{1,6})\}|.)",
                  lambda m: chr(int(m.group(2), 16)) if m.group(2) else simple.get(m.group(1), m.group(1)), text)


def _page_marks(main: MainFile, progress: Callable[[str], None]) -> tuple[tuple[PrintMark, ...], int]:
    """Where the layout of ``main`` (made with ``marks``) sets each paragraph and document, and its pages.

    A mark stands at the start of every paragraph outside the notes (``book.lua``) and of every
    document (``doc:<id>``), and one after the last (``end:``, which gives the page count); Typst's
    query reads them back, always from one compile of the whole book, even when the PDF was
    typeset in parts.
    """
    progress("Finding the print edition's page breaks with Typst")
    source = main.render()
    if len(source.text) > IN_PROCESS_CHARS:      # as for the PDF: Typst's memory goes with its process
        return _read_marks(query_in_child(source, MARKS))
    return _read_marks(query_typst(source, MARKS.selector, MARKS.field))


MARKS = Query("<book-pmark>", "value")
"""The page marks' query (``book-pmark`` in book.typ)."""


def _read_marks(found_json: str) -> tuple[tuple[PrintMark, ...], int]:
    """The marks and the page count from the JSON of the ``MARKS`` query."""
    import json

    found = json.loads(found_json)
    marks = tuple(PrintMark(mark["key"], mark["page"], mark["folio"]) for mark in found if mark["key"] != "end:")
    return marks, max((mark["page"] for mark in found), default=0)


_PAGES = re.compile(rb"<</Type/Catalog/Pages (\d+) 0 R")
_COUNT = re.compile(rb"<</Type/Pages/Count (\d+)/")


def page_count(data: bytes) -> int:
    """The number of pages of a PDF given as bytes.

    Of a PDF as Typst writes it, read from its page tree's root, found through the cross-reference
    table (``compile.typst_object``); of any other, with pikepdf (importing and opening it took
    0.1 s of a 100k-word book's build, asked after every compile).
    """
    catalog = typst_catalog(data)
    pages = _PAGES.match(data, *catalog) if catalog is not None else None
    tree = typst_object(data, int(pages.group(1))) if pages is not None else None
    count = _COUNT.match(data, *tree) if tree is not None else None
    if count is not None:
        return int(count.group(1))
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)


def _typeset(manuscript: Manuscript, main: MainFile, when: dt.datetime, with_cover: bool, marks: bool,
             progress: Callable[[str], None]) -> tuple[bytes, str | None]:
    """The PDF, and the JSON of the ``MARKS`` query when ``marks`` and the layout was made in a child process.

    A long book is typeset in parts, each in a child (``parts``); a book whose source is longer than
    ``IN_PROCESS_CHARS`` is compiled whole in one child, which also answers the marks query from its
    layout (asked here, the query would lay the book out again); any other book in this process.
    """
    from book.pdf import parts

    _glyphs_first(main, when)
    if not with_cover and main.front and not main.links_across and parts.default_design(manuscript):
        plan = parts.plan(main.body)
        if len(plan) > 1:
            joined = parts.typeset_in_parts(main, plan, when, progress)
            if joined is not None:
                return joined, None
    source = main.render()
    if len(source.text) > IN_PROCESS_CHARS:
        return _compile_apart(source, when, marks)
    data = compile_typst(source, fmt="pdf", when=when)
    assert isinstance(data, bytes)
    return data, None


MANY_WIDE = 2_000
"""Characters past the common alphabets in a book's Typst above which :func:`_glyphs_first` sets them first."""

COMMON_ALPHABETS = ((0x0000, 0x024F), (0x0370, 0x052F), (0x1E00, 0x1FFF), (0x2000, 0x20CF), (0x2100, 0x218F))
"""Latin with its extensions, Greek, Cyrillic, general punctuation and currency, letterlike signs: the
characters an English or European book is full of (curly quotes, dashes, ellipses), which the default fonts
set. They never trigger the glyphs-first compiles, so an ordinary book pays nothing for them."""


_UNCOMMON = re.compile("[^" + "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in COMMON_ALPHABETS) + "]")
"""One character outside :data:`COMMON_ALPHABETS`: found by the regex engine, so an English book of a million
words is looked through in milliseconds (counting every character took a quarter of a second)."""


def _glyphs_first(main: MainFile, when: dt.datetime) -> None:
    """E506 at once for a character no font has, in a book of many characters past the common alphabets.

    Typst's PDF/UA-1 check of glyphs no font has is quadratic in how many the book holds, and it says only
    the first: a Chinese book with the default fonts took 36 s of CPU (30,000 characters; 12,000: 7.6 s)
    to fail. Each distinct character is set once, on one page with the book's own fonts and settings, so a
    missing one is the same E506 (quoting it, placed in the manuscript by :func:`located`) at once, the
    characters set in runs of doubling length (the cost is in the glyphs missing, not in those found); a
    book whose fonts have them all pays a few small compiles. The common alphabets are left out (an English
    book's curly quotes and dashes number thousands; the default fonts have them), and so are books with
    fewer such characters, where Typst's own check is quick."""
    bodies = [str(item.get("body") or "") for item in (*main.front, *main.body)]
    uncommon = [char for body in bodies for char in _UNCOMMON.findall(body)]
    if len(uncommon) <= MANY_WIDE or not main.body:
        return
    distinct = sorted(set(uncommon))
    start, size = 0, 500            # doubling: a font without the script fails on the first 500 characters
    while start < len(distinct):
        sample = " ".join(distinct[start:start + size])
        compile_typst(main.render(front=[], body=[dict(main.body[0], body=sample)]), fmt="pdf", when=when)
        start, size = start + size, size * 2


def _compile_apart(source: TypstSource, when: dt.datetime, marks: bool) -> tuple[bytes, str | None]:
    """One compile of the whole book in a child process: its PDF and, with ``marks``, the marks' JSON."""
    from pathlib import Path

    with scratch("book-pdf-") as tmp:
        out = Path(tmp) / "book.pdf"
        found = compile_in_child(source, out, when, MARKS if marks else None, tidy=False)
        return without_default_suspects(out.read_bytes()), found
