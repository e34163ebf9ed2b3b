"""The READ stage: the manuscript folder into the frozen :class:`~book.model.Manuscript`.

In: a folder holding ``book.yaml``, chapters, matter pages, sources and optional
``styles/``. Out: the model (config, chapters parsed into sections and excerpts, matter
pages, sources with the editor's corrections merged), or None with every problem in the
report. :mod:`book.manuscript.styles` finds templates and fonts for the later stages.
"""

from book.manuscript.reader import load_manuscript

__all__ = ["load_manuscript"]
