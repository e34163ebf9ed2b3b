"""The READ stage: the manuscript folder into the frozen :class:`~book.model.Manuscript`.

In: a folder holding ``book.yaml``, chapters, matter pages, sources and optional
``styles/``. Out: the model (config, chapters parsed into sections and excerpts, matter
pages, sources with the editor's corrections merged), or None with every problem in the
report. :mod:`book.manuscript.styles` finds templates and fonts for the later stages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from book.manuscript.reader import load_manuscript

__all__ = ["load_manuscript"]


def __getattr__(name: str) -> Any:
    """Import the reader when it is used: finding the manuscript (``locate``) or replaying an
    unchanged build from the cache needs neither pydantic nor the YAML parser."""
    if name == "load_manuscript":
        from book.manuscript.reader import load_manuscript

        return load_manuscript
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
