"""The ``book`` commands: each parses its options and calls one function of the pipeline.

Exit status: 0 success, 1 the manuscript has problems, 2 usage error. Problems
go to stderr as one line each; paths of written files go to stdout.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from book import __version__
from book.cli.console import Console, common_options, interrupted, one_line, run, stdout_failed
from book.cli.progress import colour_wanted
from book.context import BuildContext
from book.pipeline.outputs import OUTPUTS


# `book --help` lists the commands in the order an editor uses them, not alphabetically.
WORKFLOW_ORDER = ("new", "sources", "check", "serve", "build", "proof", "preflight", "stats", "permissions", "release",
                  "explain")


class WorkflowGroup(click.Group):
    """A command group whose help lists the commands in workflow order (any others after them)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        known = [name for name in WORKFLOW_ORDER if name in self.commands]
        return known + sorted(name for name in self.commands if name not in WORKFLOW_ORDER)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """A wrong option before the command (`book --bogus`) is the same one line as any usage error."""
        with _ended_plainly(ctx):
            return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context):
        """A usage error is one line, like every other error: what is wrong, and where the help is."""
        with _ended_plainly(ctx):
            _working_folder_exists(ctx)
            return super().invoke(ctx)


def _working_folder_exists(ctx: click.Context) -> None:
    """Every command names files from the folder it runs in (relative paths, the nearest book.yaml, the
    places in its messages); a shell left in a folder that was deleted or moved away has none, and
    each of those would fail inside. One usage error instead, before any command starts."""
    try:
        os.getcwd()
    except OSError as exc:
        raise click.UsageError(f"the current folder cannot be read ({exc.strerror}: it was deleted or moved): "
                               "cd to a folder that exists", ctx) from None


@contextlib.contextmanager
def _ended_plainly(ctx: click.Context) -> Iterator[None]:
    """What ``run`` says of an interrupt or a closed standard output, said also where click works before and
    around it (options, ``--help``, ``--version``, ``explain``): the same line and status from every command,
    not click's "Aborted!" (exit 1) or a silent exit 1. A usage error is one line (click prints it, exit 2)."""
    try:
        yield
    except click.UsageError as exc:
        exc.show = functools.partial(_show_usage_error, exc)
        raise
    except KeyboardInterrupt as exc:
        click.echo(interrupted(exc), err=True)
        ctx.exit(130)
    except OSError as exc:
        if not stdout_failed(exc):
            raise
        click.echo(f"cannot write to standard output: {exc.strerror or exc}", err=True)
        ctx.exit(1)


def _show_usage_error(exc: click.UsageError, file=None) -> None:
    """One line on stderr; "error" in red at a terminal, as the manuscript's errors are (NO_COLOR honoured)."""
    where = exc.ctx.command_path if exc.ctx is not None else "book"
    message = " ".join(exc.format_message().split())
    colour = colour_wanted(sys.stderr)
    tag = click.style("error", fg="red", bold=True) if colour else "error"
    click.echo(f"{tag}: {message} (see '{where} --help')", err=True, color=colour)


@click.group(cls=WorkflowGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="book")
def main() -> None:
    """Build an edited anthology from captured web sources: EPUB 3 and print PDF.

    Start with `book new PATH`; every other command works from anywhere inside the book.
    """


@main.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--title", callback=one_line, help="The book's title (you can change it in book.yaml at any time).")
@click.option("--sample", is_flag=True, help="Copy the sample reader, eight chapters and their sources, instead.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the files written.")
def new(path: Path, title: str | None, sample: bool, quiet: bool) -> None:
    """Start a new book in PATH (a new or empty folder): a manuscript that builds at once."""
    from book.manuscript.starter import create_book

    console = Console(quiet)

    def action():
        written = create_book(path, title=title, sample=sample)
        for file in written:
            click.echo(str(file))
        console.progress(f"A new book in {path}: cd {path} && book build   "
                         "(then `book sources import PAGE` and `book serve`)")

    run(console, action)


@main.command()
@click.argument("target", type=click.Choice([*OUTPUTS, "all"]), default="all", required=False)
@common_options
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Output file (only with a single format; its suffix must match it).")
@click.option("--out-dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder for the outputs (default: the book's build/).")
@click.option("--with-cover", is_flag=True,
              help="PDF: put the cover on the first page (a screen edition; print interiors have none).")
@click.option("--release", is_flag=True,
              help="Refuse excerpts whose rights are pending or refused, or whose attribution is incomplete.")
@click.option("--no-cache", is_flag=True,
              help="Build from scratch, ignoring the cache in <out-dir>/.cache/ (which is safe to delete).")
def build(target: str, manuscript_dir: Path, quiet: bool, verbose: bool, strict: bool,
          output: Path | None, out_dir: Path, with_cover: bool, release: bool, no_cache: bool) -> None:
    """Build the book: TARGET is epub, pdf, cover (the paperback's wrap), docx (for copy-editing) or all (the default)."""
    from book.pipeline import build as build_outputs

    if output is not None and target == "all":
        raise click.UsageError("-o/--output names one file: give a single format (book build epub -o FILE), "
                               "or use --out-dir")
    if output is not None and output.suffix.lower() != OUTPUTS[target].suffix:
        raise click.BadParameter(f"{output} does not end in {OUTPUTS[target].suffix}, the suffix of the "
                                 f"{target.upper()} it would hold", param_hint="'-o' / '--output'")
    out_dir = out_dir or _beside(manuscript_dir, "build")
    console = Console(quiet, verbose)
    ctx = BuildContext(manuscript_dir=manuscript_dir, out_dir=out_dir, output=output, strict=strict,
                       with_cover=with_cover, release=release, use_cache=not no_cache)
    names = list(OUTPUTS) if target == "all" else [target]

    def action():
        history = ctx.cache_root / "timings.json" if ctx.use_cache else None
        with console.timed(history, "build " + " ".join(names)):
            written = build_outputs(ctx, names, console.progress, console.report, everything=target == "all")
        for path in written:
            click.echo(str(path))

    run(console, action)


@main.command(name="check")
@common_options
@click.option("--release", is_flag=True,
              help="Also apply the release gate: rights granted and attributions complete.")
@click.option("--no-cache", is_flag=True,
              help="Read every chapter with pandoc again, ignoring what the cache in build/.cache/ keeps.")
def check_command(manuscript_dir: Path, quiet: bool, verbose: bool, strict: bool, release: bool,
                  no_cache: bool) -> None:
    """Check the manuscript: schema, structure, excerpts, privacy. Writes no book."""
    from book.pipeline import check, read_as_built
    from book.support.diagnostics import BookError, Report

    console = Console(quiet, verbose)
    ctx = BuildContext(manuscript_dir=manuscript_dir, out_dir=_beside(manuscript_dir, "build"), strict=strict,
                       release=release, use_cache=not no_cache)

    def action():
        checked = check(ctx, console.progress)
        said = read_as_built(ctx, checked, console.progress)
        report = Report([*checked.report.items, *said.items])
        if said.failed(strict):
            raise BookError(report)
        console.report(report)
        console.summary(report)

    run(console, action)


@main.command()
@common_options
@click.option("--pages", default=None, metavar="RANGES",
              help="Physical pages to render, e.g. 1-8 or 1,3,10-12 (default: all).")
@click.option("--out-dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder for the PNG files (default: the book's build/proof/).")
@click.option("--ppi", type=click.FloatRange(36, 600), default=110, show_default=True,
              help="Resolution of the PNG files.")
@click.option("--spreads/--no-spreads", default=True, show_default=True,
              help="Also render facing pages side by side, as the reader sees them.")
@click.option("--with-cover", is_flag=True, help="Proof the screen edition, with the cover first.")
def proof(manuscript_dir: Path, quiet: bool, verbose: bool, strict: bool, pages: str | None,
          out_dir: Path, ppi: float, spreads: bool, with_cover: bool) -> None:
    """Render pages of the PDF to PNG for proofreading, without a PDF viewer."""
    from book.pdf.proof import parse_pages, proof_pages
    from book.pipeline import check
    from book.render import render

    console = Console(quiet, verbose)
    try:
        wanted = parse_pages(pages) if pages else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--pages") from None
    out_dir = out_dir or _beside(manuscript_dir, "build") / "proof"
    ctx = BuildContext(manuscript_dir=manuscript_dir, out_dir=out_dir, strict=strict, with_cover=with_cover)

    def action():
        checked = check(ctx, console.progress)
        console.report(checked.report)
        rendered = render(checked, console.progress)
        for path in proof_pages(ctx, checked.printed, rendered, wanted, ppi=ppi, spreads=spreads,
                                progress=console.progress):
            click.echo(str(path))

    run(console, action)


@main.command()
@common_options
@click.option("--target", "targets", multiple=True, type=click.Choice(["kdp", "ingramspark", "lulu"]),
              help="A printer to check against (repeatable; default: the book's print.target).")
@click.option("--pdf", "interior", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="The interior to check (default: <out-dir>/<title>.pdf).")
@click.option("--cover", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="The cover wrap to check (default: <out-dir>/<title>-cover-wrap.pdf, when it exists).")
@click.option("--out-dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Where `book build` wrote the files (default: the book's build/, as `book build` places it).")
def preflight(manuscript_dir: Path, quiet: bool, verbose: bool, strict: bool, targets: tuple[str, ...],
              interior: Path | None, cover: Path | None, out_dir: Path) -> None:
    """Check the built PDF and cover wrap against the printers' checklists."""
    from book.pdf.preflight import preflight as check_files
    from book.pipeline import book_slug, check
    from book.support.diagnostics import BookError, Report
    from book.support.printers import PRINTERS

    console = Console(quiet, verbose)
    out_dir = out_dir or _beside(manuscript_dir, "build")
    ctx = BuildContext(manuscript_dir=manuscript_dir, out_dir=out_dir, strict=strict)

    def action():
        manuscript = check(ctx, console.progress).printed
        config = manuscript.config
        printers = [PRINTERS[name] for name in targets] or [p for p in config.print.printers if p.print_edition]
        if not printers:
            return False
        slug = book_slug(manuscript)
        pdf = interior or out_dir / f"{slug}.pdf"
        wrap = cover or out_dir / f"{slug}-cover-wrap.pdf"
        report = Report()
        console.progress(f"Preflight of {pdf} for {', '.join(p.label for p in printers)}")
        pages = check_files(config, printers, pdf, wrap if cover is not None or wrap.exists() else None, report)
        if report.failed(strict):
            raise BookError(report)
        console.report(report)
        console.progress(f"{pages} pages: ready for {', '.join(p.label for p in printers)}")
        return True

    if not run(console, action):       # a usage error (exit 2), raised outside the guard of problems
        raise click.UsageError("print.target names no printer (only 'screen'): pass --target kdp, "
                               "ingramspark or lulu")


@main.command()
@common_options
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def stats(manuscript_dir: Path, quiet: bool, verbose: bool, strict: bool, as_json: bool) -> None:
    """Words per chapter (commentary and quotation) and words quoted from each source."""
    import json

    from book.editorial.stats import compute
    from book.pipeline import check

    console = Console(True, verbose)  # figures on stdout; only problems on stderr
    ctx = BuildContext(manuscript_dir=manuscript_dir, out_dir=_beside(manuscript_dir, "build"), strict=strict)

    def action():
        figures = compute(check(ctx, console.progress).manuscript)
        if as_json:
            click.echo(json.dumps(figures, indent=2, ensure_ascii=False))
        else:
            click.echo(format_stats(figures))

    run(console, action)


def format_stats(figures: dict) -> str:
    """The human-readable table of ``book stats``."""
    lines = [f"{'CHAPTER':<40} {'COMMENTARY':>10} {'QUOTATION':>10}"]
    for chapter in figures["chapters"]:
        mark = "  (quotation outweighs commentary)" if chapter["quotation_words"] > chapter["commentary_words"] else ""
        lines.append(f"{chapter['title'][:40]:<40} {chapter['commentary_words']:>10} "
                     f"{chapter['quotation_words']:>10}{mark}")
    totals = figures["totals"]
    lines.append(f"{'Total':<40} {totals['commentary_words']:>10} {totals['quotation_words']:>10}")
    limits = figures["thresholds"]
    lines += ["", f"{'SOURCE':<30} {'WORDS':>7} {'QUOTED':>7} {'SHARE':>7}  RIGHTS"]
    for source in figures["sources"]:
        flag = (f"  over the threshold ({limits['max_words']} words or {limits['max_share']:.0%})"
                if source["flagged"] else "")
        if source["flagged"] and source["decision"]:
            flag += "; the editor's decision is recorded"
        lines.append(f"{source['id'][:30]:<30} {source['words']:>7} {source['quoted_words']:>7} "
                     f"{source['share']:>7.1%}  {source['rights']}{flag}")
        for writer in source["writers"]:
            if writer["flagged"] and len(source["writers"]) > 1:
                lines.append(f"  {'by ' + writer['name'][:25]:<28} {writer['words']:>7} {writer['quoted_words']:>7} "
                             f"{writer['share']:>7.1%}")
    return "\n".join(lines)


@main.command(name="release")
@common_options
@click.option("--out-dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder for the release files, empty or holding an earlier release "
                   "(default: the book's dist/).")
@click.option("--tag", default=None, metavar="vX.Y.Z",
              help="The version tag being released; it must be 'v' + book.yaml's version.")
def release_command(manuscript_dir: Path, quiet: bool, verbose: bool, strict: bool, out_dir: Path,
                    tag: str | None) -> None:
    """Build, validate and checksum the release files: EPUB, PDF, cover, manifest, SHA256SUMS."""
    import os

    from book.release import release

    console = Console(quiet, verbose)
    ctx = BuildContext(manuscript_dir=manuscript_dir, out_dir=out_dir or _beside(manuscript_dir, "dist"),
                       strict=strict, release=True)

    def action():
        done = release(ctx, console.progress, tag=tag, environ=os.environ, show=console.report)
        for path in done.files:
            click.echo(str(path))

    run(console, action)


@main.command()
@common_options
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port on 127.0.0.1 (0 picks a free one).")
@click.option("--open", "open_browser", is_flag=True, help="Open the book in the web browser.")
def serve(manuscript_dir: Path, quiet: bool, verbose: bool, strict: bool, port: int, open_browser: bool) -> None:
    """Preview the book in the browser; every page follows each saved change. Ctrl-C stops it."""
    from book.serve import serve as serve_book

    console = Console(quiet, verbose)
    from book.context import Memo

    ctx = BuildContext(manuscript_dir=manuscript_dir, out_dir=_beside(manuscript_dir, "build"), strict=strict,
                       use_cache=True, memo=Memo())

    def announce(url: str) -> None:
        click.echo(url)
        console.progress(f"Serving {manuscript_dir} at {url} (Ctrl-C stops)")

    run(console, lambda: serve_book(ctx, port, console.progress, announce, open_browser=open_browser,
                                    show=console.report))


@main.command()
@click.argument("code", required=False)
def explain(code: str | None) -> None:
    """Explain a diagnostic code (E313, S301): what it means and how to fix it; no CODE lists them all."""
    from book.support.codes import lookup, registry
    from book.support.text import did_you_mean

    if code is None:
        for _code, entry in sorted(registry().items()):
            click.echo(f"{entry.code}  {entry.severity:<7}  {entry.summary}")
        return
    entry = lookup(code)
    if entry is None:
        close = did_you_mean(code.upper(), registry())
        hint = f"; did you mean {close}?" if close else "; `book explain` lists every code"
        raise click.UsageError(f"unknown code '{code}'{hint}")
    click.echo(entry.explain(), nl=False)


def _beside(manuscript_dir: Path, name: str) -> Path:
    from book.manuscript.locate import beside

    return beside(manuscript_dir, name)


def _register_groups() -> None:
    from book.cli.permissions import register
    from book.cli.sources import sources

    main.add_command(sources)
    register(main)


_register_groups()
