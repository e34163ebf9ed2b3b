"""Run the stages in order: read, check and verify everything, then write outputs.

Nothing is written until the whole manuscript has been read and every excerpt
verified (gather first, write last); each output is written to a temporary file
and renamed, so a failed build never leaves a broken file where a good one was.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .diagnostics import BookError, Report
from .reproducible import build_time, write_atomically

if TYPE_CHECKING:  # the stages are imported when they run: a cached build needs none of them
    from .cache import DocCache
    from .excerpts import Match
    from .model import Excerpt, Manuscript
    from .privacy import NameMap
    from .render import RenderedBook

Progress = Callable[[str], None]


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
        from .cache import cache_dir

        return cache_dir(self.out_dir, self.output)

    @property
    def processes(self) -> int:
        if self.jobs > 0:
            return self.jobs
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except AttributeError:  # pragma: no cover - not on Linux
            return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class Checked:
    manuscript: Manuscript
    matches: dict[Excerpt, Match]
    report: Report
    names: NameMap                 # how people's names are printed (privacy)


def check(ctx: BuildContext, progress: Progress) -> Checked:
    """Read and check the manuscript; raise BookError if it cannot be built."""
    from .checks import check_manuscript
    from .excerpts import verify_excerpts
    from .manuscript import load_manuscript
    from .privacy import NameMap

    report = Report()
    progress(f"Reading {ctx.manuscript_dir}")
    manuscript = load_manuscript(ctx.manuscript_dir, report)
    matches: dict[Excerpt, Match] = {}
    names = NameMap.build({})
    if manuscript is not None:
        progress(f"Checking {len(manuscript.chapters)} chapters and {len(manuscript.excerpts)} excerpts")
        check_manuscript(manuscript, report)
        matches = verify_excerpts(manuscript, report)
        if ctx.release:
            from .rights import release_gate

            release_gate(manuscript, matches, report)
        names = _privacy(manuscript, report, progress)
    if manuscript is None or report.failed(ctx.strict):
        raise BookError(report)
    return Checked(manuscript, matches, report, names)


def _privacy(manuscript: Manuscript, report: Report, progress: Progress) -> "NameMap":
    from . import privacy

    config = manuscript.config.privacy
    map_path = manuscript.root / config.pseudonyms_file
    existed = map_path.exists()
    names = privacy.plan(manuscript, report)
    if config.commenters == "pseudonyms" and not existed and map_path.exists():
        progress(f"Wrote the pseudonym map {map_path} (edit it to choose other names)")
    return names


def book_slug(manuscript: Manuscript) -> str:
    return re.sub(r"[^a-z0-9]+", "-", manuscript.config.title.lower()).strip("-") or "book"


def output_path(ctx: BuildContext, manuscript: Manuscript, suffix: str) -> Path:
    if ctx.output is not None:
        return ctx.output
    return ctx.out_dir / f"{book_slug(manuscript)}{suffix}"


def render(checked: Checked, progress: Progress) -> RenderedBook:
    """The render stage, shared by every output: the chapter model as pandoc Markdown."""
    from .render import render_book

    progress("Rendering chapters")
    return render_book(checked.manuscript, checked.matches, checked.names)


def build_format(ctx: BuildContext, checked: Checked, fmt: str, progress: Progress,
                 rendered: RenderedBook | None = None) -> Path:
    """Write one format; the earlier file is replaced only when the new one is complete."""
    target = output_path(ctx, checked.manuscript, SUFFIXES[fmt])
    write_atomically(target, format_bytes(ctx, checked, fmt, progress, rendered))
    return target


def format_bytes(ctx: BuildContext, checked: Checked, fmt: str, progress: Progress,
                 rendered: RenderedBook | None = None) -> bytes:
    """One format's bytes. With the cache, only documents changed since the last build go to pandoc."""
    rendered = rendered if rendered is not None else render(checked, progress)
    docs = None
    if ctx.use_cache:
        from .cache import DocCache

        docs = DocCache(ctx.cache_root)
    make = epub_bytes if fmt == "epub" else pdf_bytes
    data = make(ctx, checked, progress, rendered, docs)
    if docs is not None:
        docs.prune()
    return data


def epub_bytes(ctx: BuildContext, checked: Checked, progress: Progress, rendered: RenderedBook,
               docs: DocCache | None) -> bytes:
    from .cover import cover_image
    from .epub import html_for_docs, make_pages, package

    manuscript = checked.manuscript
    progress("Converting with pandoc")
    bodies = html_for_docs(rendered, manuscript, docs, jobs=ctx.processes)
    progress("Setting the cover")
    cover = cover_image(manuscript)
    progress("Packaging EPUB")
    pages = make_pages(manuscript, rendered, bodies, cover)
    return package(manuscript, pages, cover, ctx.built_at or build_time(manuscript.root))


def pdf_bytes(ctx: BuildContext, checked: Checked, progress: Progress, rendered: RenderedBook,
              docs: DocCache | None) -> bytes:
    from .pdf import typeset_pdf

    manuscript = checked.manuscript
    progress("Typesetting the PDF with pandoc and Typst")
    return typeset_pdf(manuscript, rendered, ctx.built_at or build_time(manuscript.root),
                       with_cover=ctx.with_cover, cache=docs, jobs=ctx.processes, progress=progress)


SUFFIXES = {"epub": ".epub", "pdf": ".pdf"}


def build(ctx: BuildContext, formats: list[str], progress: Progress,
          show: Callable[[Report], None]) -> list[Path]:
    """Build each format; with the cache, an unchanged book is written from it at once.

    ``show`` receives the check stage's report (its warnings), from a cold build or
    as stored with a cached output, so a cached build says what a cold one says.
    """
    from . import cache

    keys: dict[str, str] = {}
    hits: dict[str, cache.CachedOutput] = {}
    if ctx.use_cache:
        root = ctx.cache_root
        stamp = build_time(ctx.manuscript_dir).isoformat() if ctx.manuscript_dir.is_dir() else ""
        skip = (ctx.out_dir,) if ctx.output is None else (root, ctx.output)
        for fmt in formats:
            options = {"strict": ctx.strict, "release": ctx.release,
                       **({"with_cover": ctx.with_cover} if fmt == "pdf" else {})}
            keys[fmt] = cache.output_key(ctx.manuscript_dir, fmt, options, stamp, skip)
            found = cache.load_output(root, fmt, keys[fmt])
            if found is not None:
                hits[fmt] = found
    written: list[Path] = []
    if len(hits) == len(formats):
        first = hits[formats[0]]
        show(Report(list(first.diagnostics)))
        for fmt in formats:
            progress(f"Unchanged since the last build: reusing the cached {fmt.upper()}")
            target = ctx.output or ctx.out_dir / f"{hits[fmt].name}{SUFFIXES[fmt]}"
            write_atomically(target, hits[fmt].data)
            written.append(target)
        return written
    checked = check(ctx, progress)
    show(checked.report)
    rendered = render(checked, progress)
    for fmt in formats:
        if fmt in hits:
            data = hits[fmt].data
        else:
            data = format_bytes(ctx, checked, fmt, progress, rendered)
            if fmt in keys:
                cache.store_output(ctx.cache_root, fmt, keys[fmt], data, book_slug(checked.manuscript),
                                   checked.report)
        target = output_path(ctx, checked.manuscript, SUFFIXES[fmt])
        write_atomically(target, data)
        written.append(target)
    return written
