"""`book preflight`: the built interior and cover wrap read back against a printer's checklist.

The sample passes; a copy with a 0.3 in fore-edge margin and a copy with an RGB image fail,
each named. Each other check is shown on a small PDF made here with pikepdf, so that one
problem at a time is present.
"""

from __future__ import annotations

import re
import shutil
import struct
import zlib
from pathlib import Path

import pikepdf
import pytest
from pdf_helpers import require, run_cli

from book.config import BookConfig
from book.pdf import preflight as preflight_module
from book.pdf.preflight import preflight
from book.support.diagnostics import BookError, Report
from book.support.printers import PRINTERS

REPO = Path(__file__).resolve().parents[2]
INCH = 72.0


def set_print(manuscript: Path, block: str) -> None:
    path = manuscript / "book.yaml"
    text = re.sub(r"(?ms)^print:\n(?:  .*\n)*", "", path.read_text(encoding="utf-8"))
    path.write_text(text.rstrip("\n") + "\nprint:\n" + block, encoding="utf-8")


def sample_copy(tmp_path: Path, block: str = "  target: kdp\n") -> Path:
    manuscript = tmp_path / "manuscript"
    shutil.copytree(REPO / "manuscript", manuscript)
    set_print(manuscript, block)
    return manuscript


def build_all(manuscript: Path, out: Path) -> None:
    result = run_cli("build", "all", "-q", "-m", str(manuscript), "--out-dir", str(out))
    assert result.exit_code == 0, result.stderr


def codes(stderr: str) -> set[str]:
    return set(re.findall(r"\[(E\d{3})\]", stderr))


@pytest.fixture(scope="module")
def sample_build(tmp_path_factory):
    require("pdftoppm")
    root = tmp_path_factory.mktemp("sample")
    manuscript = sample_copy(root)
    build_all(manuscript, root / "build")
    return manuscript, root / "build"


def test_the_sample_passes_preflight_for_kdp(sample_build):
    manuscript, out = sample_build
    result = run_cli("preflight", "-m", str(manuscript), "--out-dir", str(out))
    assert result.exit_code == 0, result.stderr
    assert "ready for Amazon KDP" in result.stderr
    # Built for KDP, its running heads stand nearer the trim than IngramSpark asks: named.
    result = run_cli("preflight", "-m", str(manuscript), "--out-dir", str(out), "--target", "ingramspark")
    assert result.exit_code == 1 and "E762" in result.stderr and "from the head" in result.stderr


def test_a_copy_with_a_narrow_margin_fails_naming_it(tmp_path):
    require("pdftoppm")
    manuscript = sample_copy(tmp_path, "  target: kdp\n  margins: {outside: 0.3in}\n")
    build_all(manuscript, tmp_path / "build")
    result = run_cli("preflight", "-m", str(manuscript), "--out-dir", str(tmp_path / "build"),
                     "--target", "ingramspark")
    assert result.exit_code == 1
    line = next(line for line in result.stderr.splitlines() if "from the fore-edge" in line)
    nearest = float(re.search(r"error\[E762\]: ink (\d\.\d\d) in from the fore-edge on pages", line).group(1))
    assert 0.2 < nearest <= 0.3 and "IngramSpark asks at least 0.5 in" in line   # hyphens hang a little further
    assert "safe-enough-to-need.pdf" in line


def rgb_png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes((200, 30, 30)) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def test_a_copy_with_an_rgb_image_fails_naming_it(tmp_path):
    require("pdftoppm")
    manuscript = sample_copy(tmp_path)
    (manuscript / "images").mkdir(exist_ok=True)
    (manuscript / "images" / "red.png").write_bytes(rgb_png(60, 40))
    chapter = manuscript / "chapters" / "01-the-love-that-heals.md"
    text = chapter.read_text(encoding="utf-8")
    text = text.replace("::: commentary\n", "::: commentary\n![A red rectangle.](images/red.png)\n\n", 1)
    chapter.write_text(text, encoding="utf-8")
    build_all(manuscript, tmp_path / "build")
    result = run_cli("preflight", "-m", str(manuscript), "--out-dir", str(tmp_path / "build"))
    assert result.exit_code == 1
    assert re.search(r"error\[E766\]: RGB colour in a black-and-white interior on page \d+", result.stderr)
    assert re.search(r"error\[E765\]: 1 image below 300 ppi as printed, on page \d+", result.stderr)
    # On colour paper the RGB image is allowed, its resolution still not.
    set_print(manuscript, "  target: kdp\n  paper: colour\n")
    build_all(manuscript, tmp_path / "colour")
    result = run_cli("preflight", "-m", str(manuscript), "--out-dir", str(tmp_path / "colour"))
    assert codes(result.stderr) == {"E765"}


# ------------------------------------------------------------------ one problem at a time

CONFIG = BookConfig(title="T", creators=[{"name": "A"}], language="en", identifier="9780306406157",
                    date="2026-01-01", rights="r", chapters=["a.md"], structure=[{"name": "x"}],
                    print={"target": ["kdp"]})


def made_pdf(path: Path, pages: int, *, blank: tuple[int, ...] = (), size=(6 * INCH, 9 * INCH),
             embedded: bool = True, odd_size: tuple[int, ...] = (), x: int = 144) -> Path:
    """A PDF of ``pages`` pages with a line of text on each, except the ``blank`` ones."""
    pdf = pikepdf.new()
    font = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)
    if embedded:    # a Type 3 font is drawn by the file itself: nothing to embed
        font = pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type3, FontBBox=[0, 0, 1000, 1000],
            FontMatrix=[0.001, 0, 0, 0.001, 0, 0], CharProcs=pikepdf.Dictionary(
                a=pdf.make_stream(b"1000 0 0 0 1000 1000 d1 0 0 1000 1000 re f")),
            Encoding=pikepdf.Dictionary(Differences=[97, pikepdf.Name.a]), FirstChar=97, LastChar=97,
            Widths=[1000], Resources=pikepdf.Dictionary())
    for number in range(1, pages + 1):
        page_size = (5 * INCH, 8 * INCH) if number in odd_size else size
        page = pdf.add_blank_page(page_size=page_size)
        if number not in blank:
            page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
            page.obj.Contents = pdf.make_stream(b"BT /F1 12 Tf %d 300 Td (aaaa) Tj ET" % x)
    pdf.save(path)
    return path


def run_preflight(path: Path, printer: str = "kdp", cover: Path | None = None) -> Report:
    report = Report()
    preflight(CONFIG, [PRINTERS[printer]], path, cover, report)
    return report


def test_a_made_pdf_of_good_pages_passes(tmp_path):
    require("pdftoppm")
    assert run_preflight(made_pdf(tmp_path / "ok.pdf", 24)).items == []


def test_a_font_not_embedded_is_e764(tmp_path):
    require("pdftoppm")
    report = run_preflight(made_pdf(tmp_path / "font.pdf", 24, embedded=False))
    assert [(d.code, d.message) for d in report.items] == [("E764", "font Helvetica is not embedded")]


def test_a_page_of_another_size_is_e761(tmp_path):
    require("pdftoppm")
    report = run_preflight(made_pdf(tmp_path / "size.pdf", 24, odd_size=(3,)))
    assert [d.code for d in report.errors] == ["E761"] and "page 3 not at the trim size 6 x 9 in" in report.errors[0].message


def test_an_odd_or_short_page_count_is_e767(tmp_path):
    require("pdftoppm")
    assert "23 pages, an odd number" in run_preflight(made_pdf(tmp_path / "odd.pdf", 23)).errors[0].message
    short = run_preflight(made_pdf(tmp_path / "short.pdf", 20))
    assert [d.code for d in short.errors] == ["E767"] and "outside 24-828" in short.errors[0].message


def test_blank_pages_in_a_row_and_a_last_page_with_ink_are_warnings(tmp_path):
    require("pdftoppm")
    report = run_preflight(made_pdf(tmp_path / "blank.pdf", 24, blank=(10, 11)), "ingramspark")
    assert report.errors == []
    assert [d.code for d in report.warnings] == ["E768", "E769"]
    assert "page 24" in report.warnings[0].message and "pages 10" in report.warnings[1].message \
        or "page 10" in report.warnings[1].message
    # blank pages at the very end are the printer's barcode page, not a mistake
    assert [d.code for d in run_preflight(made_pdf(tmp_path / "end.pdf", 24, blank=(23, 24)), "ingramspark").items] == []


def test_ink_near_the_spine_is_e763(tmp_path):
    """Text 0.25 in from the left edge: the spine of rectos (KDP asks 0.375 in up to 150 pages),
    the fore-edge of versos (0.25 in is enough there)."""
    require("pdftoppm")
    report = run_preflight(made_pdf(tmp_path / "gutter.pdf", 24, x=18))
    assert [d.code for d in report.errors] == ["E763"]
    assert "ink 0.25 in from the spine on pages 1, 3, 5, 7, 9 and 7 more" in report.errors[0].message
    assert "gutter of 0.375 in for 24 pages" in report.errors[0].message


def test_a_missing_file_is_e760(tmp_path):
    report = run_preflight(tmp_path / "nothing.pdf")
    assert [d.code for d in report.errors] == ["E760"] and "build it first" in report.errors[0].message


def test_a_cover_for_another_page_count_is_e770(tmp_path, sample_build):
    manuscript, out = sample_build
    interior = made_pdf(tmp_path / "interior.pdf", 200)
    report = Report()
    preflight(CONFIG, [PRINTERS["kdp"]], interior, next(out.glob("*-cover-wrap.pdf")), report)
    assert [d.code for d in report.errors] == ["E770"]
    assert "for 200 pages on cream paper Amazon KDP asks" in report.errors[0].message


def test_without_pdftoppm_preflight_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(BookError) as caught:
        preflight_module.page_inks(made_pdf(tmp_path / "a.pdf", 2), [(0, 0, 432, 648)] * 2)
    assert caught.value.report.errors[0].code == "E771"
    assert "apt-get install poppler-utils" in caught.value.report.errors[0].message


def test_preflight_without_a_built_pdf_is_a_located_error(tmp_path):
    manuscript = sample_copy(tmp_path)
    result = run_cli("preflight", "-m", str(manuscript), "--out-dir", str(tmp_path / "empty"))
    assert result.exit_code == 1 and "E760" in result.stderr and "Traceback" not in result.stderr


def test_preflight_of_a_screen_only_book_is_a_usage_error(book_copy):
    result = run_cli("preflight", "-m", str(book_copy("minimal")))
    assert result.exit_code == 2 and "--target kdp" in result.stderr and "Traceback" not in result.stderr
