"""The RENDER stage: the checked book through the one chapter template into pandoc Markdown.

In: a :class:`~book.editorial.Checked` book. Out: a :class:`~book.render.chapters.RenderedBook`,
one Markdown document per chapter and matter page, names already as printed. Shared by
every output, with what they share: the cover, credits, EPUB semantics, pandoc runs and
the per-document cache, and the :class:`~book.render.output.Output` contract.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from book.context import Memo, Progress

if TYPE_CHECKING:
    from book.editorial import Checked
    from book.render.chapters import RenderedBook


def render(checked: Checked, progress: Progress, memo: Memo | None = None) -> RenderedBook:
    """The render stage, shared by every output: the chapter model as pandoc Markdown.

    With a memo, a chapter whose printed content is unchanged (``Checked.keys``) is not rendered again."""
    from book.editorial.stats import quoted_by_source
    from book.render.chapters import render_book

    progress("Rendering chapters")
    return render_book(checked.printed, quoted_by_source(checked.manuscript), memo, checked.keys)
