"""Fixtures for the print edition: PDFs built once per session, and private fixture copies."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pdf_helpers import FIXTURES, Built, build


@pytest.fixture(scope="session")
def minimal_pdf(tmp_path_factory) -> Built:
    return build(FIXTURES / "minimal", tmp_path_factory.mktemp("minimal") / "minimal.pdf")


@pytest.fixture(scope="session")
def long_pdf(tmp_path_factory) -> Built:
    return build(FIXTURES / "long", tmp_path_factory.mktemp("long") / "long.pdf")


@pytest.fixture(params=["minimal", "long"])
def any_pdf(request, minimal_pdf, long_pdf) -> Built:
    return {"minimal": minimal_pdf, "long": long_pdf}[request.param]


@pytest.fixture
def book_copy(tmp_path: Path):
    """A private copy of a fixture book that a test may change."""

    def copy(name: str = "minimal") -> Path:
        target = tmp_path / name
        shutil.copytree(FIXTURES / name, target)
        return target

    return copy
