"""The read-only context of one run, passed beside the book, never hidden in globals.

Every stage that needs to know where the manuscript is, where outputs go or how
the run was asked for (strict, release, cover, cache, processes) receives this.
"""

from __future__ import annotations

import datetime as dt
import os
import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from book.support.diagnostics import Report

Progress = Callable[[str], None]
CACHE_DIR_NAME = ".cache"


def no_progress(_message: str) -> None:
    """A progress callback that says nothing (a child process, a quiet caller)."""


class MemoStore(Protocol):
    """Where a :class:`Memo` keeps its entries between processes (the build cache, as JSON)."""

    def load(self, kind: str, key: str) -> tuple[Any, tuple] | None:
        """The value and diagnostics stored for ``key``; None when absent, unreadable or not sound."""

    def save(self, kind: str, key: str, value: Any, diagnostics: tuple) -> None:
        """Keep ``value`` for ``key`` (silently nothing when it cannot be written)."""


class Memo:
    """What reading unchanged files gave last time, kept by a long-lived process (``book serve``)
    and, with a ``store``, by the build cache between runs of the CLI.

    Keyed by the files' content, so a hit is exactly what reading them again would give: the
    same (frozen) value and the same diagnostics, replayed into the caller's report. Entries
    not used by a build are dropped by :meth:`sweep`, so memory follows the book.
    """

    def __init__(self, store: MemoStore | None = None) -> None:
        self._entries: dict[tuple[str, str], tuple[Any, tuple]] = {}
        self._used: set[tuple[str, str]] = set()
        self._lock = threading.RLock()        # the preview's watcher and its print view share one memo
        self._store = store
        self._digests: dict[str, tuple[tuple[int, ...], str]] = {}

    def digest(self, path: Path, root: Path) -> str:
        """The SHA-256 of an input file of ``root`` (:func:`~book.support.files.input_digest`: refused
        as every input is), remembered while its ``stat`` (device, inode, size, times) is unchanged,
        so the keys of one run (the run's, the chapters' context, the outputs') read each file once."""
        from book.support.files import input_digest

        try:
            st = os.stat(path)
            signature = (st.st_dev, st.st_ino, st.st_mode, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
        except OSError:
            signature = ()
        with self._lock:
            known = self._digests.get(str(path))
        if signature and known is not None and known[0] == signature:
            return known[1]
        value = input_digest(path, root)
        if signature:
            with self._lock:
                self._digests[str(path)] = (signature, value)
        return value

    @staticmethod
    def key(*parts: str | bytes) -> str:
        h = hashlib.sha256()
        for part in parts:
            data = part if isinstance(part, bytes) else part.encode("utf-8", "surrogateescape")   # a name's own bytes
            h.update(len(data).to_bytes(8, "big"))
            h.update(data)
        return h.hexdigest()

    def recall(self, kind: str, key: str, report: Report, compute: Callable[[Report], Any],
               stored: tuple[Callable[[Any], Any], Callable[[Any], Any]] | None = None,
               persist: bool = True) -> Any:
        """``compute(report)``'s value for ``key``: from memory, or computed now and kept.

        ``stored`` (to the store, from it) lets the store keep less than the value: what the
        caller holds anyway (the file's text that is in the key) is left out and put back.
        ``persist=False`` keeps the value in memory only (a long-lived process), never in the
        store: for a value that is cheaper to compute again than to read back and validate.
        """
        store = self._store if persist else None
        with self._lock:
            entry = self._entries.get((kind, key))
            if entry is None and store is not None:
                entry = store.load(kind, key)
                if entry is not None and stored is not None:
                    entry = (stored[1](entry[0]), entry[1])
            if entry is None:
                local = Report()
                entry = (compute(local), tuple(local.items))
                if store is not None:
                    store.save(kind, key, stored[0](entry[0]) if stored is not None else entry[0], entry[1])
            self._entries[(kind, key)] = entry
            self._used.add((kind, key))
        report.items.extend(entry[1])
        return entry[0]

    def sweep(self) -> None:
        """Forget what the last build did not use."""
        with self._lock:
            self._entries = {k: v for k, v in self._entries.items() if k in self._used}
            self._used = set()


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
    memo: Memo | None = None       # a long-lived process's memory of unchanged files (book serve)

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
