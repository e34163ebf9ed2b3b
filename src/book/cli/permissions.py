"""The ``book permissions`` commands: a thin Click layer over :mod:`book.permissions`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from book.cli.console import Console, common_options, run
from book.context import BuildContext
from book.support.diagnostics import BookError, Report


@click.group("permissions")
def permissions() -> None:
    """The permissions log, the status of every rights holder, and request letters."""


@permissions.command("log")
@common_options
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), default=None,
              help="CSV or XLSX (default: from the -o file's suffix, else csv).")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="The file to write ('-' for CSV on stdout); default <out-dir>/<title>-permissions-log.<format>.")
@click.option("--out-dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Where the default file goes, and where the built PDF is looked for (default: the book's build/).")
@click.option("--pdf", type=click.Path(path_type=Path, dir_okay=False, exists=True), default=None,
              help="The PDF to read the page numbers from (default: the one `book build pdf` wrote).")
def log_command(manuscript_dir: Path, quiet: bool, verbose: bool, strict: bool, fmt: str | None,
                output: Path | None, out_dir: Path | None, pdf: Path | None) -> None:
    """One row per quoted passage, in book order, with its page, rights holder, status, fee and credit."""
    from book.permissions import permissions_log

    if fmt is None:
        fmt = "xlsx" if output is not None and output.suffix.lower() == ".xlsx" else "csv"
    if output is not None and str(output) == "-" and fmt != "csv":
        raise click.UsageError("only CSV can be written to stdout; give -o a file name for XLSX")
    if output is not None and str(output) != "-" and output.suffix.lower() != f".{fmt}":
        # book.yaml, a chapter or a source given by mistake would be overwritten by the log
        raise click.UsageError(f"-o {output} is not a .{fmt} file: name a .csv or .xlsx file (or change --format)")
    console = Console(quiet, verbose)
    out_dir = out_dir or _build_dir(manuscript_dir)
    ctx = BuildContext(manuscript_dir=manuscript_dir, out_dir=out_dir, strict=strict)

    def action():
        report = Report()
        data, name = permissions_log(ctx, console.progress, fmt, pdf, report)
        _show(console, report, strict)
        if output is not None and str(output) == "-":
            click.echo(data.decode("utf-8-sig"), nl=False)
            return
        target = output or out_dir / f"{name}-permissions-log.{fmt}"
        _write({target: data})
        click.echo(str(target))

    run(console, action)


@permissions.command("status")
@common_options
@click.option("--overdue-days", type=click.IntRange(min=0), default=30, show_default=True,
              help="A request unanswered for longer than this is overdue.")
@click.option("--as-of", "as_of", default=None, metavar="YYYY-MM-DD",
              help="Count the days to this date instead of today.")
def status_command(manuscript_dir: Path, quiet: bool, verbose: bool, strict: bool, overdue_days: int,
                   as_of: str | None) -> None:
    """Sources and writers by status, what blocks a release, and what is overdue."""
    from book.permissions import permissions_status

    today = _day(as_of, "as_of", "--as-of")
    console = Console(True, verbose)   # the table on stdout; only problems on stderr
    ctx = BuildContext(manuscript_dir=manuscript_dir, out_dir=_build_dir(manuscript_dir), strict=strict)
    run(console, lambda: click.echo(permissions_status(ctx, console.progress, overdue_days, today)))


@permissions.command("request")
@click.argument("sources", nargs=-1)
@common_options
@click.option("--out-dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder for the letters, one DOCX and one PDF per rights holder (default: the book's build/permissions/).")
@click.option("--date", "date_", default=None, metavar="YYYY-MM-DD", help="The letters' date (default: today).")
@click.option("--status", "statuses", multiple=True,
              type=click.Choice(["pending", "requested", "permission", "quotation", "refused"]),
              help="Only holders whose entry has this status (repeatable); 'requested': pending, asked before.")
@click.option("--pdf", type=click.Path(path_type=Path, dir_okay=False, exists=True), default=None,
              help="The PDF to read the page numbers from (default: the one `book build pdf` wrote).")
def request_command(sources: tuple[str, ...], manuscript_dir: Path, quiet: bool, verbose: bool, strict: bool,
                    out_dir: Path | None, date_: str | None, statuses: tuple[str, ...], pdf: Path | None) -> None:
    """One letter per rights holder of SOURCE... (default: every source): the passages, their context, a reply form."""
    from book.permissions import permission_requests

    date = _day(date_, "requested_on", "--date")
    console = Console(quiet, verbose)
    build_dir = _build_dir(manuscript_dir)
    ctx = BuildContext(manuscript_dir=manuscript_dir, out_dir=out_dir or build_dir / "permissions", strict=strict)

    def action():
        report = Report()
        files = permission_requests(ctx, console.progress, sources, date, pdf, report, statuses,
                                    build_dir=build_dir)
        _show(console, report, strict)
        _write(files)
        for path in files:
            click.echo(str(path))

    run(console, action)


def _day(text: str | None, kind: str, option: str) -> dt.date:
    """An option's day, today (UTC) when not given; a date no such day can be (0001-01-01 on a letter) is a
    usage error, read by the same rules as every date the book holds (``support/dates.py``)."""
    from book.support.dates import text_problem, today

    if text is None:
        return today()
    if problem := text_problem(kind, text):
        raise click.BadParameter(problem, param_hint=option)
    return dt.date.fromisoformat(text)


def _build_dir(manuscript_dir: Path) -> Path:
    """The book's ``build/``, where ``book build`` writes, wherever the command is run from: a
    default relative to the current folder would put a stray ``build/`` inside ``chapters/``."""
    from book.manuscript.locate import beside

    return beside(manuscript_dir, "build")


def _show(console: Console, report: Report, strict: bool) -> None:
    """Print the warnings; under --strict they fail the command before anything is written (E904)."""
    console.report(report)
    if strict and report.warnings:
        failed = Report()
        failed.error("E904", f"{len(report.warnings)} warning{'s' * (len(report.warnings) != 1)} "
                     "under --strict: nothing written")
        raise BookError(failed)


def _write(files: dict[Path, bytes]) -> None:
    """Write every file, then rename them all into place (E509, naming the path, when one cannot be written)."""
    from book.support.files import write_all_atomically

    write_all_atomically(files)


def register(main: click.Group) -> None:
    main.add_command(permissions)
