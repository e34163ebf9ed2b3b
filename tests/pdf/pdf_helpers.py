"""Helpers for the print-edition tests: build a PDF, and read it back.

Every test reads the PDF back (pikepdf, pypdf, poppler-utils, qpdf) rather than
trusting the Typst source, so a test fails when the printed property breaks.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from book.cli import main

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
EPOCH = "1767225600"


def require(tool: str) -> str:
    """A command-line reader (poppler-utils, qpdf): skip locally when missing, fail in CI."""
    found = shutil.which(tool)
    if found is None:
        if os.environ.get("BOOK_REQUIRE_VALIDATORS") == "1":
            pytest.fail(f"{tool} is required (BOOK_REQUIRE_VALIDATORS=1) but not installed")
        pytest.skip(f"{tool} not installed (apt-get install poppler-utils qpdf)")
    return found


def run_cli(*args: str):
    """Run ``book`` in-process with a fixed SOURCE_DATE_EPOCH."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False, env={"SOURCE_DATE_EPOCH": EPOCH})


@dataclass
class Built:
    """A built PDF and what the tests read from it."""

    path: Path
    manuscript: Path

    @property
    def reader(self) -> PdfReader:
        return PdfReader(self.path)

    @property
    def labels(self) -> list[str]:
        return list(self.reader.page_labels)

    def page_text(self, index: int) -> str:
        """Text of one physical page (0-based), via poppler's pdftotext."""
        out = subprocess.run([require("pdftotext"), "-layout", "-f", str(index + 1), "-l", str(index + 1),
                              str(self.path), "-"], capture_output=True, text=True, check=True)
        return out.stdout

    def outline(self) -> list[tuple[str, int]]:
        """Top-level bookmarks as (title, 0-based physical page)."""
        reader = self.reader
        return [(item.title, reader.get_destination_page_number(item))
                for item in reader.outline if not isinstance(item, list)]


def build(manuscript: Path, out: Path, *extra: str) -> Built:
    result = run_cli("build", "pdf", "-q", "-m", str(manuscript), "-o", str(out), *extra)
    assert result.exit_code == 0, result.stderr
    return Built(out, manuscript)


def poppler_warnings(path: Path) -> list[str]:
    """What poppler's readers print on stderr for a PDF: nothing, for a file they read cleanly."""
    said = []
    for command in (["pdfinfo", str(path)], ["pdffonts", str(path)], ["pdftotext", str(path), "-"],
                    ["pdftoppm", "-r", "8", "-png", "-f", "1", "-l", "1", str(path)]):
        result = subprocess.run([require(command[0]), *command[1:]], capture_output=True)
        assert result.returncode == 0, (command, result.stderr)
        said += [f"{command[0]}: {line}" for line in result.stderr.decode("utf-8", "replace").splitlines()]
    return said


def struct_elements(path: Path) -> list[dict[str, str]]:
    """Every element of the PDF's structure tree (the tags) as plain strings, in document order."""
    out: list[dict[str, str]] = []
    with pikepdf.open(path) as pdf:
        def walk(node) -> None:
            if isinstance(node, pikepdf.Array):
                for child in node:
                    walk(child)
            elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
                out.append({k: str(node[k]) for k in ("/S", "/Alt", "/Lang") if k in node})
                if "/K" in node:
                    walk(node["/K"])
        walk(pdf.Root.StructTreeRoot.get("/K"))
    return out
