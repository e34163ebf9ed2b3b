"""The contract every output format keeps, so the pipeline can loop over them.

An output (the EPUB, the print PDF, and the ones to come) declares its name, its file
suffix, the checks it needs from the check stage, the build options that change its
bytes, and a ``make`` function from the checked, rendered book to its bytes. Adding an
output is one new package declaring an :class:`Output` and one line in
:data:`book.pipeline.outputs.OUTPUTS`. What several outputs need from the print layout (the
interior's PDF, its page breaks) the pipeline typesets once per run and hands to each on the
:class:`~book.render.chapters.RenderedBook`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from book.context import BuildContext, Progress

if TYPE_CHECKING:
    from book.config import BookConfig
    from book.editorial import Checked
    from book.render.cache import DocCache
    from book.render.chapters import RenderedBook
    from book.support.diagnostics import Report

Make = Callable[[BuildContext, "Checked", "RenderedBook", "DocCache | None", Progress, "Report"], bytes]
"""An output's bytes from the checked, rendered book; what its tools warn of (pandoc's log) goes into the
report, placed in the manuscript."""


def no_options(_ctx: BuildContext) -> dict[str, Any]:
    """For an output whose bytes depend on no option of the run."""
    return {}


def every_book(_config: BookConfig) -> bool:
    """For an output every book has (``book build all`` makes it)."""
    return True


@dataclass(frozen=True)
class Output:
    """One output format: what it is called, what it needs, how it is made."""

    name: str                      # the build target and the tag of the check rules it needs
    suffix: str                    # what follows the book's name in the file name: `.pdf`, `-cover-wrap.pdf`
    summary: str                   # one line for `book build --help`
    make: Make                     # the checked, rendered book to this output's bytes
    options: Callable[[BuildContext], dict[str, Any]] = no_options   # options that change its bytes
    wanted: Callable[[BookConfig], bool] = every_book   # whether `book build all` makes it for this book
    print_layout: Callable[[BookConfig], bool] = lambda _config: False   # needs the print edition's page
                                                                          # breaks (RenderedBook.print_marks)
    print_interior: Callable[[BuildContext, BookConfig], bool] = lambda _ctx, _config: False
    # uses the print interior, typeset once per run for every output that uses it (RenderedBook.print_pdf)
