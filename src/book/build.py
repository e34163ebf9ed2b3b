"""Run the stages in order: read, check and verify everything, then write outputs.

Nothing is written until the whole manuscript has been read and every excerpt
verified (gather first, write last); each output is written to a temporary file
and renamed, so a failed build never leaves a broken file where a good one was.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .checks import check_manuscript
from .diagnostics import BookError, Report
from .excerpts import Match, verify_excerpts
from .manuscript import load_manuscript
from .model import Excerpt, Manuscript
from .privacy import NameMap
from .reproducible import build_time, write_atomically

if TYPE_CHECKING:
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


@dataclass(frozen=True)
class Checked:
    manuscript: Manuscript
    matches: dict[Excerpt, Match]
    report: Report
    names: NameMap                 # how people's names are printed (privacy)


def check(ctx: BuildContext, progress: Progress) -> Checked:
    """Read and check the manuscript; raise BookError if it cannot be built."""
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


def _privacy(manuscript: Manuscript, report: Report, progress: Progress) -> NameMap:
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


def build_epub(ctx: BuildContext, checked: Checked, progress: Progress,
               rendered: RenderedBook | None = None) -> Path:
    from .cover import cover_image
    from .epub import html_for_docs, make_pages, package

    manuscript = checked.manuscript
    when = ctx.built_at or build_time(manuscript.root)
    rendered = rendered if rendered is not None else render(checked, progress)
    progress("Converting with pandoc")
    bodies = html_for_docs(rendered, manuscript)
    progress("Setting the cover")
    cover = cover_image(manuscript)
    progress("Packaging EPUB")
    pages = make_pages(manuscript, rendered, bodies, cover)
    data = package(manuscript, pages, cover, when)
    target = output_path(ctx, manuscript, ".epub")
    write_atomically(target, data)
    return target


def build_pdf(ctx: BuildContext, checked: Checked, progress: Progress,
              rendered: RenderedBook | None = None) -> Path:
    """Typeset the print edition; the earlier PDF is replaced only when the new one is complete."""
    from .pdf import typeset_pdf

    manuscript = checked.manuscript
    when = ctx.built_at or build_time(manuscript.root)
    rendered = rendered if rendered is not None else render(checked, progress)
    progress("Typesetting the PDF with Typst")
    data = typeset_pdf(manuscript, rendered, when, with_cover=ctx.with_cover)
    target = output_path(ctx, manuscript, ".pdf")
    write_atomically(target, data)
    return target
