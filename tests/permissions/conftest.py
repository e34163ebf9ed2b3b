"""Fixtures for the permissions files: the sample reader's PDF, built once, and a CLI runner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from book.cli import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "manuscript"
FIXTURES = ROOT / "tests" / "fixtures"
EPOCH = "1767225600"


def run(*args: object):
    """``book`` in-process, with a fixed SOURCE_DATE_EPOCH."""
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False, env={"SOURCE_DATE_EPOCH": EPOCH})


@pytest.fixture(scope="session")
def sample_built(tmp_path_factory) -> tuple[Path, Path]:
    """A copy of the sample reader and its PDF in <copy>/build/ (built once per session)."""
    root = tmp_path_factory.mktemp("sample")
    manuscript = root / "manuscript"
    shutil.copytree(SAMPLE, manuscript)
    result = run("build", "pdf", "-q", "-m", manuscript, "--out-dir", root / "build")
    assert result.exit_code == 0, result.stderr
    return manuscript, root / "build" / "safe-enough-to-need.pdf"


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """A private copy of tests/fixtures/minimal."""
    target = tmp_path / "minimal"
    shutil.copytree(FIXTURES / "minimal", target)
    return target
