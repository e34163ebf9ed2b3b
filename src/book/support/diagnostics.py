"""Diagnostics: every problem the tool finds is a record, never a stray print.

A diagnostic carries a stable code (so tests and users can name one problem), a
severity, and the file and line it is about. Stages collect diagnostics instead
of stopping at the first one, so a user sees every problem in one run.
"""

from __future__ import annotations

import enum
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from book.support.stored import StoredPath


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Diagnostic:
    """One problem, located as precisely as the input allows."""

    code: str
    severity: Severity
    message: str
    path: StoredPath | None = None
    line: int | None = None
    column: int | None = None

    def format(self, relative_to: Path | None = None) -> str:
        """Render as ``file:line:col: error[CODE]: message`` on one line."""
        where = ""
        if self.path is not None:
            shown = self.path
            if relative_to is not None:
                try:   # the path as named (a link is not followed: a loop must not raise, a link is shown as itself)
                    shown = Path(os.path.abspath(self.path)).relative_to(os.path.abspath(relative_to))
                except ValueError:
                    shown = self.path
            where = unseen_shown(str(shown))
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        return printable(_BIDI.sub(_escaped, where)) + self.said()

    def said(self) -> str:
        """``severity[CODE]: message`` as printed: one line, no mark that would reorder it on a terminal."""
        message = " ".join(self.message.split())  # one line, always
        return printable(_BIDI.sub(_escaped, f"{self.severity.value}[{self.code}]: {message}"))


_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
"""The marks and overrides that reorder a line on a terminal (Trojan Source): never printed as such."""


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group(0)):04x}"


def unseen_shown(name: str) -> str:
    """A file name with its invisible characters (zero-width, controls, bidi marks) written as ``\\u200b``: a
    name that looks like another must not be printed as the other."""
    return "".join(f"\\u{ord(c):04x}" if unicodedata.category(c) in ("Cf", "Cc") else c for c in name)


def printable(text: str) -> str:
    """``text`` with the bytes of a file name that is not UTF-8 written as ``\\xff``: Python holds them as
    lone surrogates, which no terminal shows and which a UTF-8 standard error cannot even encode."""
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


@dataclass
class Report:
    """An ordered collection of diagnostics gathered by one or more stages."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, code: str, message: str, path: Path | None = None,
              line: int | None = None, column: int | None = None) -> None:
        self.items.append(Diagnostic(code, Severity.ERROR, message, path, line, column))

    def warning(self, code: str, message: str, path: Path | None = None,
                line: int | None = None, column: int | None = None) -> None:
        self.items.append(Diagnostic(code, Severity.WARNING, message, path, line, column))

    def add(self, code: str, severity: Severity, message: str, path: Path | None = None,
            line: int | None = None, column: int | None = None) -> None:
        """A diagnostic whose severity depends on the run (a warning, or an error under ``--release``)."""
        self.items.append(Diagnostic(code, severity, message, path, line, column))

    def extend(self, other: "Report") -> None:
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.WARNING]

    def failed(self, strict: bool = False) -> bool:
        """True when the build must stop: any error, or any warning under --strict."""
        return bool(self.errors) or (strict and bool(self.warnings))


class BookError(Exception):
    """A user-facing failure that carries its diagnostics; the CLI prints them, no traceback."""

    def __init__(self, report: Report | Diagnostic | str, code: str | None = None,
                 path: Path | None = None, line: int | None = None):
        if isinstance(report, str):
            if code is None:
                raise TypeError("a BookError made from a message needs its diagnostic code")
            rep = Report()
            rep.error(code, report, path, line)
            report = rep
        elif isinstance(report, Diagnostic):
            rep = Report()
            rep.items.append(report)
            report = rep
        self.report = report
        super().__init__("; ".join(d.format() for d in report.items))
