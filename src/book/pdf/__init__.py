"""The PDF output: the rendered book typeset with Typst as a tagged, print-ready PDF.

In: the checked, rendered book. Out: the PDF's bytes. :mod:`book.pdf.document` turns
the documents into one Typst main file; :mod:`book.pdf.compile` runs Typst;
a long book is typeset in parts (:mod:`book.pdf.parts`, each in a child process,
:mod:`book.pdf.child`) and joined (:mod:`book.pdf.join`). :mod:`book.pdf.proof` renders
pages to PNG and :mod:`book.pdf.validate` reads a PDF back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from book.context import BuildContext, Progress
from book.render.output import Output
from book.support.reproducible import build_time

if TYPE_CHECKING:
    from book.config import BookConfig
    from book.editorial import Checked
    from book.render.cache import DocCache
    from book.render.chapters import RenderedBook
    from book.support.diagnostics import Report


def make_pdf(ctx: BuildContext, checked: Checked, rendered: RenderedBook, docs: DocCache | None,
             progress: Progress, report: Report) -> bytes:
    """The print PDF's bytes (the screen edition, with the cover first, under ``--with-cover``)."""
    from book.pdf.document import typeset_pdf

    if uses_print_interior(ctx, checked.manuscript.config) and rendered.print_pdf is not None:
        return rendered.print_pdf       # the interior this run typeset once (pipeline.with_print_layout)
    manuscript = checked.printed      # what every output prints (privacy applied)
    progress("Typesetting the PDF with pandoc and Typst")
    return typeset_pdf(manuscript, rendered, ctx.built_at or build_time(manuscript.root),
                       with_cover=ctx.with_cover, cache=docs, jobs=ctx.processes, progress=progress, report=report)


def uses_print_interior(ctx: BuildContext, _config: BookConfig) -> bool:
    """The PDF is the print interior, except the screen edition (``--with-cover``)."""
    return not ctx.with_cover


def pdf_options(ctx: BuildContext) -> dict[str, Any]:
    return {"with_cover": ctx.with_cover}


OUTPUT = Output(name="pdf", suffix=".pdf", summary="the print edition: a tagged PDF typeset with Typst",
                make=make_pdf, options=pdf_options, print_interior=uses_print_interior)


def make_cover(ctx: BuildContext, checked: Checked, rendered: RenderedBook, docs: DocCache | None,
               progress: Progress, report: Report) -> bytes:
    """The paperback's cover wrap, sized for the interior's page count (the interior is typeset for it)."""
    from book.pdf.cover_wrap import cover_wrap, wrap_size
    from book.pdf.document import page_count, typeset_pdf

    manuscript = checked.printed      # what every output prints (privacy applied)
    when = ctx.built_at or build_time(manuscript.root)
    wrap_size(manuscript.config, 0, manuscript.config_path)   # a screen-only book has no wrap: say so first
    interior = rendered.print_pdf
    if interior is None:
        progress("Typesetting the interior to count its pages for the cover")
        interior = typeset_pdf(manuscript, rendered, when, cache=docs, jobs=ctx.processes, progress=progress,
                               report=report)
    pages = page_count(interior)
    progress(f"Setting the cover wrap for {pages} pages")
    return cover_wrap(manuscript, pages, when)


def has_print_target(config: BookConfig) -> bool:
    return any(printer.print_edition for printer in config.print.printers)


def cover_uses_interior(_ctx: BuildContext, config: BookConfig) -> bool:
    """The wrap counts the interior's pages; a screen-only book has none to count (E772 first)."""
    return has_print_target(config)


COVER = Output(name="cover", suffix="-cover-wrap.pdf",
               summary="the paperback's cover wrap (back, spine, front, bleed) for the first print target",
               make=make_cover, wanted=has_print_target, print_interior=cover_uses_interior)
