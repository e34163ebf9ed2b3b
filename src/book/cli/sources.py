"""The ``book sources`` commands: a thin Click layer over :mod:`book.sources`.

Each command parses options, calls one library function, prints diagnostics
(one line each, on stderr) and exits 1 on error; usage errors are Click's and
exit 2. No traceback reaches the user.
"""

from __future__ import annotations

import datetime

import functools
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from book.cli.console import MANUSCRIPT_HELP, Console, locate_manuscript, one_line, run
from book.support.diagnostics import Report



def _options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The options every ``sources`` subcommand shares."""
    func = click.option("-q", "--quiet", is_flag=True, help="Do not print warnings.")(func)
    func = click.option("-m", "--manuscript", type=click.Path(path_type=Path), default=None,
                        callback=locate_manuscript(allow_new=True), help=MANUSCRIPT_HELP)(func)
    return func


def _guarded(func: Callable[..., Any]) -> Callable[..., Any]:
    """Run the command under the one guard of every command (:func:`book.cli.console.run`)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        console = Console(quiet=kwargs.get("quiet", False))
        where = str(kwargs.get("path") or kwargs.get("source_id") or "")
        return run(console, lambda: func(*args, console=console, **kwargs), where)

    return wrapper


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A date option: written YYYY-MM-DD, a day of the calendar, within its kind's window, and a post
    published no later than its capture. Whichever of ``--published`` and ``--accessed`` click reads second
    (the order they were typed in) sees the other, so the pair is judged either way."""
    from book.support.dates import text_problem

    if value is None:
        return value
    if problem := text_problem(param.name, value):
        raise click.BadParameter(problem)
    other = ctx.params.get("accessed" if param.name == "published" else "published")
    if other is not None:
        published, accessed = (value, other) if param.name == "published" else (other, value)
        if problem := text_problem("published", published, datetime.date.fromisoformat(accessed), "--accessed"):
            raise click.BadParameter(problem)
    return value


def _url(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from book.sources.clean import url_problem

    if value is not None and (problem := url_problem(value.strip())):
        raise click.BadParameter(f"{value!r} is not an http or https address the book can print: {problem}")
    return value


class _CapturePath(click.Path):
    """A saved page's file; an address given instead (``book sources import https://…``) is told what
    to do, not that no file has that name. A file that is there is a file, whatever its name: a page saved
    as ``www.example.com.html``, or one of a wget mirror (``www.example.org/index.html``)."""

    def convert(self, value, param, ctx):
        if isinstance(value, str) and re.match(r"(?i)^(?:https?:|www\.)", value) and not os.path.lexists(value):
            self.fail("this is the page's address, not a saved page: save the page in the browser (Save page "
                      "as…, or select all and paste it into a .txt file), import that file, and give the address "
                      "with --url", param, ctx)
        return super().convert(value, param, ctx)


def _capture_name(ctx: click.Context, param: click.Parameter, value: Path) -> Path:
    """The capture's file name is stored in the source (``captured_from``), so it is held to what the check
    holds a source's text to: a name with an invisible or control character (``c\u202etxt.html``, which shows
    as ``chtml.txt``), or bytes that are not UTF-8, imported once and made every later ``book check`` fail."""
    from book.support.text import control_character, control_name

    try:
        value.name.encode("utf-8")
    except UnicodeEncodeError:
        raise click.BadParameter("its name is not UTF-8 text (saved on another system?): rename the file") from None
    if (char := control_character(value.name)) is not None:
        raise click.BadParameter(f"its name holds {control_name(char).split(' (')[0]}: rename the file")
    return value


@click.group("sources")
def sources() -> None:
    """Capture and clean the web pages the book quotes."""


@sources.command("import")
@click.argument("path", type=_CapturePath(exists=True, dir_okay=False, path_type=Path), callback=_capture_name)
@click.option("--id", "source_id", help="The source id (default: a slug of the title).")
@click.option("--title", callback=one_line, help="The title, when the capture's first line is not it.")
@click.option("--url", callback=_url, help="Where the page was published (an http or https address).")
@click.option("--site", callback=one_line, help="The blog's or forum's name.")
@click.option("--author", callback=one_line, help="The post's author (also resolves replies signed with their initials).")
@click.option("--published", callback=_date, help="Publication date, YYYY-MM-DD.")
@click.option("--license", "license_", callback=one_line, help="The licence the page states, as written.")
@click.option("--accessed", callback=_date, help="When the page was captured, YYYY-MM-DD.")
@click.option("--force", is_flag=True, help="Re-import over an existing source, keeping unit ids.")
@_options
@_guarded
def import_command(path: Path, source_id: str | None, title: str | None, url: str | None, site: str | None,
                   author: str | None, published: str | None, license_: str | None, accessed: str | None,
                   force: bool, manuscript: Path, quiet: bool, console: Console) -> None:
    """Import a text or HTML capture into MANUSCRIPT/sources/<id>.yaml."""
    from book.sources.importer import ImportOptions, import_capture

    report = Report()
    options = ImportOptions(source_id=source_id, title=title, url=url, site=site, author=author,
                            published=published, license=license_, accessed=accessed, force=force)
    written = import_capture(path, manuscript, options, report)
    console.report(report)
    if written is None or report.errors:
        raise SystemExit(1)
    if not quiet:
        click.echo(f"imported {path.name} -> {written.relative_to(Path.cwd()) if written.is_relative_to(Path.cwd()) else written}")


@sources.command("list")
@_options
@_guarded
def list_command(manuscript: Path, quiet: bool, console: Console) -> None:
    """List the imported sources: id, title, author, units, words, rights."""
    from book.sources.importer import sources_dir
    from book.sources.store import load_sources
    from book.support.text import count_words

    report = Report()
    found = load_sources(sources_dir(manuscript), report)
    console.report(report)
    rows = [("ID", "TITLE", "AUTHOR", "UNITS", "WORDS", "RIGHTS")]
    for source in found.values():
        words = sum(count_words(unit.text) for unit in source.units)
        rows.append((source.id, _cut(source.title or "-", 40), _cut(source.author or "-", 24),
                     str(len(source.units)), str(words), source.rights.status))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        cells = [cell.rjust(w) if i in (3, 4) else cell.ljust(w) for i, (cell, w) in enumerate(zip(row, widths, strict=True))]
        click.echo("  ".join(cells).rstrip())
    if report.errors:
        raise SystemExit(1)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


@sources.command("show")
@click.argument("source_id")
@click.option("--json", "as_json", is_flag=True, help="Print the stable JSON form.")
@_options
@_guarded
def show_command(source_id: str, as_json: bool, manuscript: Path, quiet: bool, console: Console) -> None:
    """Show one source (with the editor's corrections merged)."""
    from book.sources.store import load_source

    report = Report()
    path = _source_path(source_id, manuscript, report, console)
    source = load_source(path, report)
    console.report(report)
    if source is None or report.errors:
        raise SystemExit(1)
    if as_json:
        click.echo(json.dumps(source_json(source), ensure_ascii=False, indent=2))
    else:
        click.echo(source_text(source))


@sources.command("review")
@click.argument("source_id")
@click.option("--capture", type=click.Path(dir_okay=False, path_type=Path),
              help="The capture file, when it is not where it was imported from.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the page (default: MANUSCRIPT/sources/review/<id>.html).")
@click.option("--open", "open_", is_flag=True, help="Open the page in the browser.")
@_options
@_guarded
def review_command(source_id: str, capture: Path | None, output: Path | None, open_: bool, manuscript: Path,
                   quiet: bool, console: Console) -> None:
    """Write one HTML page: the capture beside what the import extracted."""
    from book.sources.review import review

    report = Report()
    written = review(_source_path(source_id, manuscript, report, console), manuscript, report, capture, output)
    console.report(report)
    if written is None or report.errors:
        raise SystemExit(1)
    click.echo(str(written))
    if open_:
        click.launch(str(written))


def _source_meant(name: str, folder: Path) -> str:
    """``; did you mean 'garden-letters'?``: the id of a file named (``garden-letters.yaml``,
    ``garden-letters.edits.yaml``, a path to it) or spelt a little differently."""
    from book.support.text import did_you_mean

    known = sorted(path.name[:-len(".yaml")] for path in folder.glob("*.yaml")
                   if not path.name.endswith(".edits.yaml")) if folder.is_dir() else []
    stem = Path(name).name
    for suffix in (".edits.yaml", ".edits", ".yaml", ".yml"):
        stem = stem[:-len(suffix)] if stem.endswith(suffix) else stem
    close = stem if stem in known else did_you_mean(stem, known)
    return f"; did you mean '{close}'?" if close else ""


def _source_path(source_id: str, manuscript: Path, report: Report, console: Console) -> Path:
    """``<id>.yaml`` of an imported source; exit 1 with S120 when there is none."""
    from book.sources.importer import ID_PATTERN, sources_dir

    path = sources_dir(manuscript) / f"{source_id}.yaml"
    if not ID_PATTERN.match(source_id) or not path.exists():
        report.error("S120", f"no source {source_id!r} (looked for {path}){_source_meant(source_id, path.parent)}",
                     path if ID_PATTERN.match(source_id) else None)
        console.report(report)
        raise SystemExit(1)
    return path


def source_json(source: Any) -> dict[str, Any]:
    """The stable JSON contract of ``book sources show --json`` (keys and their order are fixed)."""
    return {
        "id": source.id,
        "title": source.title,
        "author": source.author,
        "site": source.site,
        "url": source.url,
        "published": source.published,
        "license": source.license,
        "units": [{"id": u.id, "kind": u.kind, "author": u.author, "author_how": u.author_how, "parent": u.parent,
                   "date": u.date, "text": u.text} for u in source.units],
        "dropped": [{"reason": d.reason, "text": d.text} for d in source.dropped],
    }




def source_text(source: Any) -> str:
    """A readable rendering for the terminal."""
    lines = [f"{source.title or '(untitled)'}  [{source.id}]"]
    for key in ("author", "site", "url", "published", "license", "accessed"):
        lines.append(f"  {key}: {getattr(source, key) or '-'}")
    lines.append(f"  rights: {source.rights.status}")
    for unit in source.units:
        head = f"\n--- {unit.id} ({unit.kind}) by {unit.author or 'unknown'}"
        if unit.author_inferred:
            head += f" (INFERRED from the {unit.author_how}: check it)"
        elif unit.author and unit.author_how:
            head += f" ({unit.author_how})"
        if unit.parent:
            head += f", reply to {unit.parent}"
        if unit.date:
            head += f", {unit.date}"
        if not unit.quotable:
            head += ", NOT TO QUOTE"
        lines.append(head)
        lines.append(unit.text)
    if source.dropped:
        lines.append("\n--- dropped by cleaning")
        lines.extend(f"  [{d.reason}] {d.text}" for d in source.dropped)
    return "\n".join(lines)
