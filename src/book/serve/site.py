"""The book as a website: the EPUB's pages, built as ``book build epub`` builds them, kept in memory.

:func:`build_site` runs the check stage for the EPUB, renders the chapters and converts
them with pandoc through the document cache (only changed documents are converted
again), then lets the EPUB's own :func:`~book.epub.package.make_pages` write each page:
so the preview shows exactly what the EPUB will hold. :class:`Typesetter` sets the PDF with
one long-lived Typst compiler, so Typst's own memo cache makes a second typesetting of a
slightly changed book quick; :class:`PrintPages` draws a page as an image only when the
browser shows it (drawing every page of a long book would take longer than typesetting it).
"""

from __future__ import annotations

import io
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import lxml.etree as etree

from book.context import BuildContext, Progress
from book.model import Manuscript
from book.support.diagnostics import BookError, Diagnostic, Report

if TYPE_CHECKING:
    from book.render.cover import CoverImage

XHTML = "http://www.w3.org/1999/xhtml"


@dataclass(frozen=True)
class Page:
    """One page of the site: an EPUB reading-order file, its body as XHTML markup."""

    file_name: str
    title: str
    body: str
    matter_type: str


@dataclass(frozen=True)
class Site:
    """A good build of the book, as the preview serves it."""

    manuscript: Manuscript
    pages: tuple[Page, ...]
    cover: tuple[str, bytes, str]           # file name, bytes, media type
    warnings: tuple[Diagnostic, ...] = ()
    built_in: float = 0.0

    def page(self, file_name: str) -> Page | None:
        return next((p for p in self.pages if p.file_name == file_name), None)

    def neighbours(self, page: Page) -> tuple[Page | None, Page | None]:
        reading = [p for p in self.pages if p.file_name != "cover.xhtml"]
        if page not in reading:
            return None, None
        i = reading.index(page)
        return (reading[i - 1] if i > 0 else None), (reading[i + 1] if i + 1 < len(reading) else None)


@dataclass
class CoverCache:
    """The cover is set with Typst; it is set again only when what it shows changes."""

    key: str = ""
    value: CoverImage | None = None


def build_site(ctx: BuildContext, progress: Progress, covers: CoverCache | None = None) -> Site:
    """Check, render and convert the book as for the EPUB; raise BookError (with every problem) when it cannot be built.

    It fails where ``book build`` fails: on any error, and with ``--strict`` on any warning,
    the check's or pandoc's; the check's warnings stay in the report so the overlay lists them too.
    """
    from book.epub.package import html_for_docs, make_pages
    from book.pipeline import check
    from book.render import render
    from book.render.cache import DocCache
    from book.render.cover import cover_image

    start = time.monotonic()
    checked = check(ctx, progress, ("epub",))
    manuscript = checked.manuscript
    rendered = render(checked, progress, ctx.memo)
    docs = DocCache.of(ctx)
    said = Report()                  # what pandoc warns of, placed; it stops the preview when it would stop a build
    bodies = html_for_docs(rendered, manuscript, docs, jobs=ctx.processes, report=said)
    if said.failed(ctx.strict):      # its errors, or under --strict its warnings too, as `book build` fails on them
        raise BookError(Report(checked.report.items + said.items))
    covers = covers or CoverCache()
    key = manuscript.config.model_dump_json() + "|" + _cover_file_stamp(manuscript)
    if covers.key != key:
        covers.key, covers.value = key, cover_image(manuscript)
    cover = covers.value
    assert cover is not None
    pages = make_pages(manuscript, rendered, bodies, cover)
    site_pages = tuple(_page(p.file_name, p.title, p.content) for p in pages)
    return Site(manuscript, site_pages, (cover.file_name, cover.data, cover.media_type),
                tuple(checked.report.warnings + said.warnings), time.monotonic() - start)


def _cover_file_stamp(manuscript: Manuscript) -> str:
    cover = manuscript.config.cover
    if cover is None:
        return ""
    path = manuscript.root / cover.image
    try:
        stat = path.stat()
    except OSError:
        return "missing"
    return f"{stat.st_mtime_ns}:{stat.st_size}"


def _page(file_name: str, title: str, content: bytes) -> Page:
    """The body of an EPUB page, as markup to place inside the preview's HTML page."""
    root = etree.fromstring(content)
    body = root.find(f"{{{XHTML}}}body")
    matter = ""
    inner = ""
    if body is not None:
        matter = body.get("{http://www.idpf.org/2007/ops}type", "")
        parts = [body.text or ""]
        for child in body:
            parts.append(etree.tostring(child, encoding="unicode", method="html"))
        inner = "".join(parts)
    return Page(file_name, title, inner, matter)


class PrintPages:
    """The print view: the PDF from the last typesetting, its pages drawn as PNG when a page asks for one.

    Only the pages the browser shows are drawn (the page images load lazily), each once per
    typesetting, with PDFium (pypdfium2); PDFium is not thread-safe, so drawing holds a lock.
    """

    def __init__(self, pdf: bytes = b"", version: int = -1, seconds: float = 0.0, ppi: float = 96):
        import pypdfium2

        self.version, self.seconds, self.ppi = version, seconds, ppi
        self._lock = threading.Lock()
        self._images: dict[int, bytes] = {}
        self._document = pypdfium2.PdfDocument(pdf) if pdf else None
        self.count = len(self._document) if self._document is not None else 0
        # The folio each page prints (i, ii, …, 1, 2, …): the PDF's page labels.
        self.labels = [self._document.get_page_label(i) or str(i + 1) for i in range(self.count)]

    def image(self, number: int) -> bytes | None:
        """Page ``number`` (from 1) as PNG, or None when there is no such page."""
        if self._document is None or not 1 <= number <= self.count:
            return None
        with self._lock:
            if number not in self._images:
                bitmap = self._document[number - 1].render(scale=self.ppi / 72)
                out = io.BytesIO()
                bitmap.to_pil().save(out, "PNG")
                self._images[number] = out.getvalue()
            return self._images[number]


class Typesetter:
    """One Typst compiler kept for the server's life: its memo cache makes the next typesetting cheap.

    The pages are typeset as the print PDF is (the same Typst source), without the tags and
    PDF/UA metadata a preview does not need; the layout is all Typst redoes for a changed chapter.
    """

    def __init__(self) -> None:
        self._compiler = None
        self._setup: tuple[str, tuple[str, ...]] | None = None

    def pdf(self, ctx: BuildContext, progress: Progress, report: Report | None = None) -> bytes:
        """The print edition's pages; what pandoc said converting the chapters for print goes into ``report``."""
        import typst

        from book.pdf.compile import typesetting_failed, typst_failed
        from book.pdf.document import typst_source
        from book.pipeline import check
        from book.render import render
        from book.render.cache import DocCache

        progress("Typesetting the print view")
        checked = check(ctx, progress, ("pdf",))
        rendered = render(checked, progress, ctx.memo)
        docs = DocCache.of(ctx)
        source = typst_source(checked.manuscript, rendered, cache=docs, jobs=ctx.processes, report=report)
        setup = (str(source.root), tuple(str(p) for p in source.font_paths))
        if self._compiler is None or self._setup != setup:
            self._compiler = typst.Compiler(root=setup[0], font_paths=list(setup[1]), ignore_system_fonts=True)
            self._setup = setup
        try:
            pdf = self._compiler.compile(input=source.text.encode("utf-8"), format="pdf", pdf_tags=False)
        except Exception as exc:  # Typst's own error, as the build reports it
            raise typst_failed(exc, source.text) from None
        if not pdf:
            raise typesetting_failed("Typst produced no output")
        return pdf


def image_file(manuscript: Manuscript, relative: str) -> Path | None:
    """An image of the manuscript named by a page (``images/x.png``); None outside the manuscript or not an image."""
    from book.support.media import image_type

    root = manuscript.root.resolve()
    try:
        path = (root / relative).resolve()
    except (OSError, RuntimeError):
        return None
    if not path.is_relative_to(root) or not path.is_file() or image_type(path) is None:
        return None
    return path
