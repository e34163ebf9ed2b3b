"""The EPUB output: the rendered book as a valid, accessible EPUB 3.

In: the checked, rendered book. Out: the EPUB's bytes, reproducible (``mimetype``
first, entries sorted, times from the build time). :mod:`book.epub.package` converts
and packages; :mod:`book.epub.validate` runs W3C epubcheck on the result.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from book.context import BuildContext, Progress
from book.render.output import Output
from book.support.reproducible import build_time

if TYPE_CHECKING:
    from book.editorial import Checked
    from book.render.cache import DocCache
    from book.render.chapters import RenderedBook
    from book.support.diagnostics import Report


def make_epub(ctx: BuildContext, checked: Checked, rendered: RenderedBook, docs: DocCache | None,
              progress: Progress, report: Report) -> bytes:
    """The EPUB's bytes: pandoc for the documents not in the cache, then the package."""
    from book.epub.package import html_for_docs, make_pages, package
    from book.render.cover import cover_image

    manuscript = checked.printed      # what every output prints (privacy applied)
    progress("Converting with pandoc")
    bodies = html_for_docs(rendered, manuscript, docs, jobs=ctx.processes, report=report)
    progress("Setting the cover")
    cover = cover_image(manuscript, docs)
    progress("Packaging EPUB")
    pages = make_pages(manuscript, rendered, bodies, cover)
    isbn = manuscript.config.print_isbn
    source = "urn:isbn:" + isbn.replace("-", "") if isbn and rendered.print_marks else None
    return package(manuscript, pages, cover, ctx.built_at or build_time(manuscript.root), page_break_source=source,
                   store=docs)


def has_print_isbn(config) -> bool:
    """A book with a print ISBN gets a print page list in its EPUB (``pageBreakSource`` names it)."""
    return config.print_isbn is not None


OUTPUT = Output(name="epub", suffix=".epub", summary="the ebook: EPUB 3, validated and accessible",
                make=make_epub, print_layout=has_print_isbn)
