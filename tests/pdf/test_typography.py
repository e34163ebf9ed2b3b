"""The print edition's typography, read back from the sample's PDF with pdftotext.

An attribution never opens a page alone, away from its quotation; the name of a work or a site
in an attribution never breaks across lines (the editor's own prose may break a title).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pdf_helpers import build, require


REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def sample_pages(tmp_path_factory) -> list[str]:
    built = build(REPO / "manuscript", tmp_path_factory.mktemp("typo") / "sample.pdf")
    text = subprocess.run([require("pdftotext"), "-layout", str(built.path), "-"], capture_output=True,
                          text=True, check=True).stdout
    return text.split("\f")


def test_no_attribution_opens_a_page(sample_pages):
    for number, page in enumerate(sample_pages, 1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        body = lines[1:] if len(lines) > 1 else lines        # after the running head
        assert not (body and body[0].startswith("—")), f"page {number} opens with an attribution: {body[0]}"
    assert sum("—" in page for page in sample_pages) > 20      # there are attributions to look at


def short_names() -> set[str]:
    names: set[str] = set()
    for path in (REPO / "manuscript" / "sources").glob("*.yaml"):
        for key in ("title", "site"):
            for match in re.finditer(rf"(?m)^{key}: (.+)$", path.read_text(encoding="utf-8")):
                value = match.group(1).strip().strip("'\"")
                if value != "null" and " " in value and len(value) <= 32:
                    names.add(value)
    return names


def test_names_of_works_and_sites_do_not_break(sample_pages):
    names = short_names()
    assert "Moments of Change" in names
    lines = [line.strip() for page in sample_pages for line in page.splitlines() if line.strip()]
    credits = [(first, second) for first, second in zip(lines, lines[1:]) if first.startswith("—")]
    assert len(credits) > 20
    for first, second in credits:       # an attribution's first line, and the next
        for name in names:
            words = name.split()
            for k in range(1, len(words)):
                head, tail = " ".join(words[:k]), " ".join(words[k:])
                assert not (first.endswith(head) and second.startswith(tail)), f"{name!r} breaks: {first!r} / {second!r}"


def test_a_chapters_sources_note_never_takes_a_page_alone(sample_pages):
    """The note comes with at least the end of the section before it (the sample's pages 27 and 43 had it alone)."""
    notes = 0
    for number, page in enumerate(sample_pages, 1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        body = lines[1:] if len(lines) > 1 else lines        # after the running head
        if "Sources" in [line.strip().title() for line in body] and "Sources and Permissions" not in page:
            notes += 1
            assert body[0].strip().title() != "Sources", f"page {number} holds the sources note alone"
    assert notes >= 8                                          # every chapter has one to look at
