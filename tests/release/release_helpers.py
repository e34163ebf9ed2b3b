"""Helpers for the ``book release`` tests: hermetic runs (no CI tag in the environment)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner, Result

from book.cli import main

TESTS = Path(__file__).resolve().parent.parent
REPO = TESTS.parent
FIXTURES = TESTS / "fixtures"
SAMPLE = REPO / "manuscript"
EPOCH = "1767225600"           # 2026-01-01T00:00:00Z
# GitHub sets these on a tag push; a test must never pick up the CI run's own tag.
CLEAN_ENV = {"SOURCE_DATE_EPOCH": EPOCH, "GITHUB_REF_TYPE": None, "GITHUB_REF_NAME": None}


def run_release(*args: str, env: dict[str, str | None] | None = None) -> Result:
    """``book release`` in-process with a fixed SOURCE_DATE_EPOCH and no GitHub tag variables."""
    return CliRunner().invoke(main, ["release", "-q", *args], catch_exceptions=False,
                              env={**CLEAN_ENV, **(env or {})})


@dataclass
class Released:
    manuscript: Path
    out_dir: Path
    result: Result

    def file(self, suffix: str) -> Path:
        """The one release file named ``<slug>-<version><suffix>``."""
        [path] = [p for p in self.out_dir.iterdir() if re.fullmatch(r"[a-z0-9-]+-\d+\.\d+\.\d+" + re.escape(suffix),
                                                                    p.name)]
        return path
