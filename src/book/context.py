"""The read-only context of one run, passed beside the book, never hidden in globals.

Every stage that needs to know where the manuscript is, where outputs go or how
the run was asked for (strict, release, cover, cache, processes) receives this.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

Progress = Callable[[str], None]
CACHE_DIR_NAME = ".cache"


def no_progress(_message: str) -> None:
    """A progress callback that says nothing (a child process, a quiet caller)."""


@dataclass(frozen=True)
class BuildContext:
    """Read-only settings of one run, passed beside the manuscript, never hidden in globals."""

    manuscript_dir: Path
    out_dir: Path
    output: Path | None = None     # explicit output file (one format only)
    strict: bool = False
    with_cover: bool = False       # PDF: put the cover on the first page (a screen edition)
    release: bool = False          # `book release`: the check stage also runs the release gate
    built_at: dt.datetime | None = None  # fixed build time; None: from SOURCE_DATE_EPOCH, git or files
    use_cache: bool = False        # reuse and fill <out-dir>/.cache/ (the CLI's default; --no-cache)
    jobs: int = 0                  # processes for a large pandoc conversion; 0: one per available core

    @property
    def cache_root(self) -> Path:
        """``.cache/`` beside the outputs: in the folder of ``-o`` when given, else ``--out-dir``."""
        return (self.output.parent if self.output is not None else self.out_dir) / CACHE_DIR_NAME

    @property
    def processes(self) -> int:
        if self.jobs > 0:
            return self.jobs
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except AttributeError:  # pragma: no cover - not on Linux
            return max(1, os.cpu_count() or 1)
