"""PERMISSIONS: what the ledger says, in the files a publisher and the rights holders need.

In: the run's :class:`~book.context.BuildContext`; the book is read and checked as
``book check`` does, and each excerpt is matched to the ledger entry that governs its
words (:mod:`book.editorial.ledger`). Out: the permissions log (CSV or XLSX, with the
printed page of each passage read from the built PDF), the status table, and one
request letter per rights holder (DOCX and PDF). It sits beside ``book.release``,
above the pipeline, because the log reads the PDF the pipeline built.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from book.context import BuildContext, Progress
from book.editorial import Checked
from book.permissions.passages import Passage, passages
from book.support.diagnostics import BookError, Report


def read_book(ctx: BuildContext, progress: Progress) -> tuple[Checked, list[Passage]]:
    """The checked book and its passages in book order."""
    from book.pipeline import check

    checked = check(ctx, progress)
    progress(f"Gathering {len(checked.manuscript.excerpts)} quoted passages")
    return checked, passages(checked)


def default_pdf(ctx: BuildContext, checked: Checked, out_dir: Path | None = None) -> Path:
    """Where ``book build pdf`` writes the PDF with ``--out-dir`` (the run's, else ``out_dir``)."""
    from book.pipeline import output_path
    from book.pipeline.outputs import OUTPUTS

    folder = out_dir if out_dir is not None else ctx.out_dir
    return output_path(BuildContext(manuscript_dir=ctx.manuscript_dir, out_dir=folder), checked.manuscript,
                       OUTPUTS["pdf"])


def permissions_log(ctx: BuildContext, progress: Progress, fmt: str, pdf: Path | None,
                    report: Report) -> tuple[bytes, str]:
    """The log as ``csv`` or ``xlsx`` bytes, and the book's file name (its slug).

    Warnings (the check stage's, a stale PDF, a passage not found in it) go to ``report``.
    """
    from book.permissions.log import make_log, to_csv, to_xlsx
    from book.permissions.pages import find_pages
    from book.pipeline import book_slug
    from book.support.reproducible import build_time

    checked, found = read_book(ctx, progress)
    report.extend(checked.report)
    pdf = pdf or default_pdf(ctx, checked)
    pages: dict[int, str] = {}
    if pdf.is_file():
        _stale(checked, pdf, report)
        progress(f"Reading the page of each passage from {pdf}")
        pages = find_pages(found, pdf, report)
    else:
        progress(f"No PDF at {pdf}: the page column is left empty (`book build pdf` first)")
    log = make_log(checked.manuscript, found, pages)
    if fmt == "xlsx":
        return to_xlsx(log, checked.manuscript.config.title, build_time(ctx.manuscript_dir)), book_slug(checked.manuscript)
    return to_csv(log), book_slug(checked.manuscript)


def _stale(checked: Checked, pdf: Path, report: Report) -> None:
    """E901: a PDF older than a file of the manuscript may have other pages."""
    manuscript = checked.manuscript
    files = [manuscript.config_path, *(c.path for c in manuscript.chapters),
             *(m.path for m in manuscript.front + manuscript.back if m.path is not None)]
    for source in manuscript.sources.values():
        files += [source.path, source.path.with_name(source.id + ".edits.yaml")]
    built = pdf.stat().st_mtime
    newer = [path for path in files if path.is_file() and path.stat().st_mtime > built]
    if newer:
        report.warning("E901", f"the PDF is older than {newer[0].name}"
                       f"{f' and {len(newer) - 1} other files' if len(newer) > 1 else ''} of the manuscript: "
                       "its page numbers may be out of date (rebuild it with `book build pdf`)", pdf)


def permissions_status(ctx: BuildContext, progress: Progress, overdue_days: int, today: dt.date) -> str:
    """The status table, what blocks a release and what is overdue, as text."""
    from book.permissions.status import format_status, release_blockers, standings

    checked, found = read_book(ctx, progress)
    return format_status(standings(found, today), release_blockers(checked), overdue_days, today)


def permission_requests(ctx: BuildContext, progress: Progress, sources: tuple[str, ...], date: dt.date,
                        pdf: Path | None, report: Report, statuses: tuple[str, ...] = (), *,
                        build_dir: Path) -> dict[Path, bytes]:
    """One DOCX and one PDF per rights holder (of ``sources``, else of every source), by file path.

    ``build_dir`` is where ``book build pdf`` wrote the PDF the page numbers are read from (the
    letters themselves go to ``ctx.out_dir``).
    """
    from book.permissions.letters import letter_files, letters
    from book.permissions.pages import find_pages
    from book.support.reproducible import build_time
    from book.support.text import did_you_mean

    checked, found = read_book(ctx, progress)
    report.extend(checked.report)
    quoted = list(dict.fromkeys(p.source for p in found))
    for source in sources:
        if source not in quoted:
            known = checked.manuscript.sources
            close = did_you_mean(source, quoted)
            hint = (f"; did you mean '{close}'?" if close else f"; the book quotes: {', '.join(quoted)}")
            why = "is not quoted in the book" if source in known else "is not a source of this manuscript"
            raise BookError(f"source '{source}' {why}{hint}", "E907")
    pdf = pdf or default_pdf(ctx, checked, build_dir)
    pages = find_pages(found, pdf, report) if pdf.is_file() else {}
    when = build_time(ctx.manuscript_dir)
    files: dict[Path, bytes] = {}
    written = letters(checked, found, pages, sources, date, statuses)
    for number, letter in enumerate(written, start=1):
        progress(f"Writing letter {number} of {len(written)}: {letter.holder}")
        for suffix, data in letter_files(checked, letter, when).items():
            files[ctx.out_dir / f"{letter.name}{suffix}"] = data
    return files
