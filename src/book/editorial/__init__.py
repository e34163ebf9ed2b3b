"""The CHECK stage: everything that can fail the book, found before any output is written.

In: the run's :class:`~book.context.BuildContext` (the manuscript folder, strict, release)
and the outputs that will be made. Out: a :class:`Checked` book, the manuscript with every
excerpt located in its source, how each person's name is printed (privacy) and the
warnings found; or a :class:`~book.support.diagnostics.BookError` carrying every problem.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from book.context import BuildContext, Progress
from book.editorial import privacy
from book.editorial.attribution import credit_excerpts
from book.editorial.excerpts import Match, verify_excerpts
from book.editorial.privacy import NameMap
from book.editorial.quotations import check_quotations
from book.editorial.rights import release_gate
from book.editorial.rules import check_manuscript
from book.manuscript import load_manuscript
from book.model import Excerpt, Manuscript
from book.support.diagnostics import BookError, Report
from book.support.text import plural


@dataclass(frozen=True)
class Checked:
    """A book that passed the check stage, ready for every output."""

    manuscript: Manuscript         # as written, every excerpt credited (Excerpt.credit)
    matches: dict[Excerpt, Match]  # where each excerpt was found in its source's unit
    report: Report                 # the warnings (and, under a failed check, the errors)
    names: NameMap                 # how people's names are printed (privacy)
    printed: Manuscript            # what every output prints: names replaced, contacts masked


def check_book(ctx: BuildContext, progress: Progress, outputs: Collection[str] | None = None) -> Checked:
    """Read and check the manuscript for ``outputs`` (None: every output); raise BookError if it cannot be built."""
    report = Report()
    progress(f"Reading {ctx.manuscript_dir}")
    manuscript = load_manuscript(ctx.manuscript_dir, report, ctx.memo)
    matches: dict[Excerpt, Match] = {}
    names = NameMap.build({})
    if manuscript is not None:
        progress(f"Checking {plural(len(manuscript.chapters), 'chapter')} and {plural(len(manuscript.excerpts), 'excerpt')}")
        check_manuscript(manuscript, report, outputs)
        matches = verify_excerpts(manuscript, report)
        check_quotations(manuscript, report, ctx.release)
        manuscript, matches = credit_excerpts(manuscript, matches, report)
        if ctx.release:
            release_gate(manuscript, report)
        names = _privacy(manuscript, report, progress)
    if manuscript is None or report.failed(ctx.strict):
        raise BookError(report)
    return Checked(manuscript, matches, report, names, privacy.printed(manuscript, names))


def _privacy(manuscript: Manuscript, report: Report, progress: Progress) -> NameMap:
    config = manuscript.config.privacy
    map_path = manuscript.root / config.pseudonyms_file
    existed = map_path.exists()
    names = privacy.plan(manuscript, report)
    if config.commenters == "pseudonyms" and not existed and map_path.exists():
        progress(f"Wrote the pseudonym map {map_path} (edit it to choose other names)")
    return names
