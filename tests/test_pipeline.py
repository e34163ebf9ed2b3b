"""The pipeline: every check for every requested output runs before anything is written."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from book.pipeline.outputs import OUTPUTS


def _break_font(book: Path) -> None:
    (book / "book.yaml").write_text((book / "book.yaml").read_text() + "print:\n  font: No Such Font\n")


def _break_cover_type(book: Path) -> None:
    (book / "images").mkdir(exist_ok=True)
    (book / "images" / "cover.gif").write_bytes(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;")
    (book / "book.yaml").write_text((book / "book.yaml").read_text()
                                    + "cover:\n  image: images/cover.gif\n  alt: A plain cover.\n")


def test_book_check_reports_a_pdf_font_that_cannot_be_found(minimal, cli):
    _break_font(minimal)
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 1
    assert "book.yaml:" in result.stderr and "error[E240]: font 'No Such Font' not found" in result.stderr
    assert "Traceback" not in result.stderr


def test_build_all_writes_nothing_when_the_pdf_would_fail(minimal, cli, tmp_path):
    out = tmp_path / "out"
    assert cli("build", "all", "-q", "-m", str(minimal), "--out-dir", str(out)).exit_code == 0
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in out.iterdir() if p.is_file()}
    chapter = minimal / "chapters" / "01-first.md"
    chapter.write_text(chapter.read_text().replace("Our own commentary.", "Our own, newer commentary."))
    assert cli("check", "-m", str(minimal)).exit_code == 0     # a change the EPUB would show
    _break_font(minimal)
    result = cli("build", "all", "-q", "-m", str(minimal), "--out-dir", str(out))
    assert result.exit_code == 1 and "error[E240]" in result.stderr
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in out.iterdir() if p.is_file()}
    assert after == before, "the EPUB was not rewritten before the PDF failed"
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_a_check_for_one_output_does_not_stop_another(minimal, cli, tmp_path):
    """The font concerns the PDF only: the EPUB still builds, and says nothing of it."""
    _break_font(minimal)
    result = cli("build", "epub", "-q", "-m", str(minimal), "-o", str(tmp_path / "book.epub"))
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "book.epub").is_file()


def test_book_check_reports_a_cover_the_stores_do_not_take(minimal, cli):
    _break_cover_type(minimal)
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 1 and "error[E233]: cover image must be PNG or JPEG" in result.stderr
    assert "book.yaml:" in result.stderr


def test_book_check_reports_an_image_an_epub_cannot_carry(minimal, cli):
    (minimal / "images").mkdir(exist_ok=True)
    (minimal / "images" / "plan.bmp").write_bytes(b"BM" + b"\0" * 60)
    chapter = minimal / "chapters" / "01-first.md"
    chapter.write_text(chapter.read_text() + "\n![A floor plan.](images/plan.bmp)\n")
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 1 and "error[E234]: unsupported image type: images/plan.bmp" in result.stderr
    assert "01-first.md:" in result.stderr


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_every_output_declares_its_suffix_and_is_a_build_target(name, cli):
    output = OUTPUTS[name]
    assert output.name == name and re.fullmatch(r"(-[a-z]+)*\.[a-z]+", output.suffix) and output.summary
    assert name in cli("build", "--help").stdout
