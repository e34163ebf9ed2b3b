"""Shared fixtures: copies of the fixture books, and a CLI runner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from book.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    """A private, lint-clean copy of tests/fixtures/minimal that a test may break."""
    target = tmp_path / "minimal"
    shutil.copytree(FIXTURES / "minimal", target)
    return target


@pytest.fixture
def cli(monkeypatch):
    """Run ``book`` in-process; returns click's Result (exit_code, stdout, stderr)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")

    def invoke(*args: str):
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return invoke
