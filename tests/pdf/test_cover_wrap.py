"""`book build cover`: the paperback's wrap, sized by the printer's formula for the interior's pages."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pikepdf
import pytest
from pdf_helpers import require, run_cli

from book.manuscript.reader import load_manuscript
from book.pdf.cover_wrap import cover_wrap
from book.support.diagnostics import Report

INCH = 72.0
WHEN = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)


def set_print(manuscript: Path, block: str) -> None:
    path = manuscript / "book.yaml"
    text = re.sub(r"(?ms)^print:\n(?:  .*\n)*", "", path.read_text(encoding="utf-8"))
    path.write_text(text.rstrip("\n") + "\nprint:\n" + block, encoding="utf-8")


def pages_of(path: Path) -> int:
    with pikepdf.open(path) as pdf:
        return len(pdf.pages)


def box(path: Path, name: str) -> list[float]:
    with pikepdf.open(path) as pdf:
        page = pdf.pages[0]
        return [float(v) for v in (page.mediabox if name == "/MediaBox" else page.obj[name])]


@pytest.mark.parametrize(("target", "paper", "per_page", "extra"), [
    ("kdp", "cream", 0.0025, 0.0), ("kdp", "white", 0.002252, 0.0), ("lulu", "white", 1 / 444, 0.06),
])
def test_cover_size_follows_the_printers_formula_for_the_page_count(book_copy, tmp_path, target, paper,
                                                                       per_page, extra):
    manuscript = book_copy("minimal")
    set_print(manuscript, f"  target: {target}\n  paper: {paper}\n")
    result = run_cli("build", "all", "-q", "-m", str(manuscript), "--out-dir", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    interior = next(tmp_path.glob("*[!p].pdf"))
    wrap = next(tmp_path.glob("*-cover-wrap.pdf"))
    pages = pages_of(interior)
    spine = (pages * per_page + extra) * INCH
    media = box(wrap, "/MediaBox")
    assert media[2] - media[0] == pytest.approx(2 * 6 * INCH + spine + 2 * 0.125 * INCH, abs=0.05)
    assert media[3] - media[1] == pytest.approx(9 * INCH + 2 * 0.125 * INCH, abs=0.05)
    trim = box(wrap, "/TrimBox")
    assert trim[2] - trim[0] == pytest.approx(2 * 6 * INCH + spine, abs=0.05)
    assert box(wrap, "/BleedBox") == media


def wrap_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "wrap.pdf"
    path.write_bytes(data)
    return subprocess.run([require("pdftotext"), str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_spine_text_only_from_the_printers_page_count_and_the_blurb_on_the_back(tmp_path):
    manuscript = load_manuscript(Path(__file__).resolve().parents[2] / "manuscript", Report())
    thin = wrap_text(cover_wrap(manuscript, 60, WHEN), tmp_path)
    thick = wrap_text(cover_wrap(manuscript, 300, WHEN), tmp_path)
    assert "Edited by The Book Project Editors" not in thin       # KDP: spine text from 80 pages
    assert "Edited by The Book Project Editors" in thick
    assert thick.count("Safe Enough to Need") > thin.count("Safe Enough to Need")
    flat = " ".join(thin.split())
    assert "Readers write to a therapist about the bond" in flat


def test_the_barcode_box_on_the_back_is_left_empty(tmp_path):
    manuscript = load_manuscript(Path(__file__).resolve().parents[2] / "manuscript", Report())
    (tmp_path / "wrap.pdf").write_bytes(cover_wrap(manuscript, 100, WHEN))
    ppi = 36
    subprocess.run([require("pdftoppm"), "-r", str(ppi), "-gray", str(tmp_path / "wrap.pdf"), str(tmp_path / "w")],
                   check=True)
    data = next(tmp_path.glob("w*.pgm")).read_bytes()
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", data)
    width = int(header.group(1))
    pixels = data[header.end():]

    def grey(x_in: float, y_in: float) -> int:
        return pixels[int(y_in * ppi) * width + int(x_in * ppi)]

    # KDP's box: 2 x 1.2 in, 0.25 in from the spine and the foot of the back cover (6 x 9 in, 0.125 in bleed).
    assert grey(0.125 + 6 - 0.25 - 1.0, 0.125 + 9 - 0.25 - 0.6) > 250    # its middle: white
    assert grey(0.125 + 3, 0.125 + 9 - 0.25 - 0.6) < 100                 # beside it: the ground


def test_a_screen_only_book_has_no_cover_wrap(book_copy, tmp_path):
    manuscript = book_copy("minimal")
    set_print(manuscript, "  target: screen\n")
    result = run_cli("build", "cover", "-m", str(manuscript), "--out-dir", str(tmp_path))
    assert result.exit_code == 1 and "book.yaml: error[E772]" in result.stderr and "Traceback" not in result.stderr
    assert not list(tmp_path.glob("*.pdf"))
    result = run_cli("build", "all", "-q", "-m", str(manuscript), "--out-dir", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.suffix for p in tmp_path.iterdir() if p.is_file()) == [".epub", ".pdf"]


def test_proof_writes_the_cover_wrap_png(book_copy, tmp_path):
    manuscript = book_copy("minimal")
    set_print(manuscript, "  target: kdp\n")
    result = run_cli("proof", "-q", "-m", str(manuscript), "--pages", "1", "--no-spreads", "--ppi", "36",
                     "--out-dir", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    png = (tmp_path / "cover-wrap.png").read_bytes()
    assert png.startswith(b"\x89PNG")
    width = int.from_bytes(png[16:20], "big")
    assert width > 12 * 36     # two covers and a spine wide
