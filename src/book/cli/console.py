"""The one console of every command: progress, diagnostics, and the guard that turns errors into lines.

Exit status: 0 success, 1 the manuscript has problems, 2 usage error (Click's),
70 an internal error (a bug: one line, the traceback only with ``-v``), 130 interrupted.
Problems go to stderr as one line each; paths of written files go to stdout.
"""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import sys
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import click

from book.cli.progress import ProgressBar, Timings, colour_wanted
from book.support.diagnostics import BookError, Diagnostic, Report
from book.support.files import no_room
from book.support.signals import Stopped, stopping_cleanly

T = TypeVar("T")


class Console:
    """Progress and diagnostics on stderr, respecting --quiet and --verbose."""

    def __init__(self, quiet: bool = False, verbose: bool = False):
        self.quiet, self.verbose = quiet, verbose
        self.colour = colour_wanted(sys.stderr)
        self.bar: ProgressBar | None = None

    def line(self, text: str) -> None:
        """One line on stderr, above the progress bar when one is showing."""
        if self.bar is None:
            click.echo(text, err=True, color=self.colour)
            return
        with self.bar.lock:
            self.bar.clear()
            click.echo(text, err=True, color=self.colour)
            self.bar.draw()

    def progress(self, message: str) -> None:
        if not self.quiet:
            self.line(f"· {message}")
            if self.bar is not None:
                self.bar.advance(message)

    @contextlib.contextmanager
    def timed(self, history: Path | None, key: str) -> Iterator[None]:
        """A progress bar with an estimate under the steps of a long run, at a terminal only."""
        stream = sys.stderr
        if self.quiet or not stream.isatty():
            yield
            return
        self.bar = ProgressBar(stream, Timings(history, key), self.colour)
        self.bar.begin()
        done = False
        try:
            yield
            done = True
        finally:
            bar, self.bar = self.bar, None
            bar.end(done)

    def paint(self, item: Diagnostic) -> str:
        """``file:line:col: error[CODE]: message``; at a terminal the place bold, the severity in colour."""
        plain = item.format(relative_to=Path.cwd())
        if not self.colour:
            return plain
        tail = item.said()
        where, tag = plain[: len(plain) - len(tail)], f"{item.severity.value}[{item.code}]"
        colour = "red" if item.severity.value == "error" else "yellow"
        return (click.style(where, bold=True) + click.style(tag, fg=colour, bold=True)
                + plain[len(where) + len(tag):])

    SAME_SHOWN = 5
    """Diagnostics of one code and one message shown at most (with their places) before the rest are counted:
    one missing image referred to 10,000 times printed 10,000 lines that said the same. Five, as the checks
    that count their own floods show (control characters, byte-order marks)."""

    def report(self, report: Report) -> None:
        seen: dict[tuple[str, str], int] = {}
        for item in report.items:
            if item.severity.value == "warning" and self.quiet:
                continue
            same = seen[item.code, item.message] = seen.get((item.code, item.message), 0) + 1
            if same <= self.SAME_SHOWN:
                self.line(self.paint(item))
        for (code, _message), count in seen.items():
            if count > self.SAME_SHOWN:
                self.line(f"… and {count - self.SAME_SHOWN:,} more [{code}] with the same message at other places")

    def summary(self, report: Report) -> None:
        errors, warnings = len(report.errors), len(report.warnings)
        if not self.quiet or errors:
            text = f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
            if self.colour:
                text = click.style(text, fg="red" if errors else ("yellow" if warnings else "green"))
            self.line(text)


def locate_manuscript(allow_new: bool = False):
    """The ``-m`` callback: the folder given (or its book.yaml), else the nearest manuscript found.

    A wrong ``-m`` and a folder with no book in or above it are usage errors (exit 2).
    """

    def callback(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
        from book.manuscript.locate import ManuscriptNotFound, find_manuscript

        if ctx.resilient_parsing:      # shell completion: nothing to find yet
            return value
        try:
            return find_manuscript(value, allow_new=allow_new)
        except ManuscriptNotFound as exc:
            if value is None:
                raise click.UsageError(str(exc), ctx) from None
            raise click.BadParameter(str(exc), ctx, param) from None

    return callback


def one_line(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A value a command stores on one line (a source's title or name, a new book's title): refused here,
    before anything is written, when the check would refuse the file for it (a control or invisible format
    character, E121/S122; a line break; more than ``MAX_FIELD`` characters, S135; nothing seen, E540)."""
    from book.sources.store import MAX_FIELD
    from book.support.text import control_character, control_name, invisible_only, unseen_problem

    if value is None:
        return value
    breaks = "\n\r\u2028\u2029\x85"
    char = next((c for c in value if c in breaks), None) or control_character(value)
    if char is not None:
        said = "a line break" if char in breaks else control_name(char)
        raise click.BadParameter(f"it holds {said}: write it on one line, in plain characters")
    if len(value) > MAX_FIELD:
        raise click.BadParameter(f"{len(value):,} characters: a one-line value fits in {MAX_FIELD:,}")
    if (unseen := invisible_only(value)) is not None:
        raise click.BadParameter(unseen_problem(unseen))
    return value


MANUSCRIPT_HELP = ("The manuscript folder or its book.yaml (default: the nearest book.yaml here, "
                   "in ./manuscript/ or in a folder above).")


def common_options(func):
    """Options shared by every command that reads a manuscript."""

    @click.option("-m", "--manuscript", "manuscript_dir", type=click.Path(path_type=Path),
                  default=None, callback=locate_manuscript(), help=MANUSCRIPT_HELP)
    @click.option("-q", "--quiet", is_flag=True, help="Print only errors and the files written.")
    @click.option("-v", "--verbose", is_flag=True, help="Say more, including tracebacks of internal errors.")
    @click.option("--strict", is_flag=True, help="Treat warnings as errors.")
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)

    return wrapper


def run(console: Console, action: Callable[[], T], where: str = "") -> T:
    """Run an action; every failure becomes lines on stderr and an exit status, never a traceback.

    ``where`` names what the action works on (a capture being imported), so even an
    internal error says which file it happened on.
    """
    prefix = f"{where}: " if where else ""
    try:
        with stopping_cleanly():
            return action()
    except BookError as exc:
        console.report(exc.report)
        console.summary(exc.report)
        sys.exit(1)
    except KeyboardInterrupt as exc:
        click.echo(interrupted(exc), err=True)
        sys.exit(130)
    except MemoryError:
        click.echo(f"{prefix}out of memory", err=True)
        sys.exit(1)
    except OSError as exc:
        if stdout_failed(exc):
            click.echo(f"cannot write to standard output: {exc.strerror or exc}", err=True)
            sys.exit(1)
        if (full := no_room(exc)) is not None:      # a full disk, most often the temporary folder's
            console.report(full.report)
            console.summary(full.report)
            sys.exit(1)
        _internal_error(console, prefix, exc)
    except Exception as exc:  # an internal error: say so plainly; traceback only with -v
        _internal_error(console, prefix, exc)


def interrupted(exc: KeyboardInterrupt) -> str:
    """The one line an interrupted command ends with: ``interrupted`` (Ctrl-C), ``interrupted by SIGTERM``."""
    said = exc.name if isinstance(exc, Stopped) and exc.signum != signal.SIGINT else ""
    return f"interrupted{f' by {said}' if said else ''}"


def _internal_error(console: Console, prefix: str, exc: BaseException) -> None:
    if console.verbose:
        traceback.print_exception(exc)
    click.echo(f"{prefix}internal error: {type(exc).__name__}: {' '.join(str(exc).split())} "
               "(run with -v for details; please report it)", err=True)
    sys.exit(70)


def stdout_failed(exc: OSError) -> bool:
    """Whether writing to standard output is what failed (a closed pipe, ``> /dev/full``): the
    innermost frame wrote to it. The command's work is done or stopped cleanly; only its printing
    failed. Standard output is then pointed at /dev/null, so the interpreter's last flush does not
    print a second error."""
    frame = None
    tb = exc.__traceback__
    while tb is not None:
        frame, tb = tb.tb_frame, tb.tb_next
    target = frame.f_locals.get("file", frame.f_locals.get("self")) if frame is not None else None
    if not isinstance(exc, BrokenPipeError) and target not in (sys.stdout, getattr(sys.stdout, "buffer", None)):
        return False
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return True

