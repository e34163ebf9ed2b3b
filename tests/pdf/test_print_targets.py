"""Printers as targets: margins, heads and folios for the page count, PDF/X-4, one ISBN per format.

The sample reader is built for IngramSpark and read back: every word on every page stands at
least 0.5 in from the trim (pdftotext's word boxes, which include the font's ascenders and
descenders), and each PDF/X-4 requirement is read back with pikepdf and qpdf.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pikepdf
import pytest
from pdf_helpers import Built, build, poppler_warnings, require, run_cli

from book.config import PrintConfig
from book.pdf.document import page_geometry
from book.pdf.validate import check_pdfx, pdfx_problems
from book.support.diagnostics import Report

REPO = Path(__file__).resolve().parents[2]
INCH = 72.0


def set_print(manuscript: Path, block: str) -> None:
    """Replace (or add) the ``print:`` block of a copy's book.yaml."""
    path = manuscript / "book.yaml"
    text = re.sub(r"(?ms)^print:\n(?:  .*\n)*", "", path.read_text(encoding="utf-8"))
    path.write_text(text.rstrip("\n") + "\nprint:\n" + block, encoding="utf-8")


def word_boxes(pdf: Path) -> list[tuple[float, float, list[tuple[float, float, float, float, str]]]]:
    """Per page: width, height and every word's box (xMin, yMin, xMax, yMax, text), from pdftotext."""
    html = subprocess.run([require("pdftotext"), "-bbox", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = []
    for width, height, body in re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, re.S):
        words = [(float(a), float(b), float(c), float(d), t) for a, b, c, d, t in re.findall(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', body)]
        pages.append((float(width), float(height), words))
    return pages


@pytest.fixture(scope="session")
def ingramspark_sample(tmp_path_factory) -> Built:
    """The sample reader, with its own identifiers, built for IngramSpark."""
    root = tmp_path_factory.mktemp("ingram")
    manuscript = root / "manuscript"
    shutil.copytree(REPO / "manuscript", manuscript)
    text = (manuscript / "book.yaml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^identifier: (\S+)$", r"identifiers:\n  epub: \1\n  print: 978-0-306-40615-7", text)
    (manuscript / "book.yaml").write_text(text, encoding="utf-8")
    set_print(manuscript, "  target: ingramspark\n")
    return build(manuscript, root / "book.pdf")


def test_ingramspark_running_heads_and_folios_stand_half_an_inch_from_the_trim(ingramspark_sample):
    pages = word_boxes(ingramspark_sample.path)
    assert len(pages) > 40
    heads = 0
    for number, (width, height, words) in enumerate(pages, 1):
        for x0, y0, x1, y1, text in words:
            assert y0 >= 0.5 * INCH, f"page {number}: {text!r} stands {y0 / INCH:.3f} in from the head"
            assert height - y1 >= 0.5 * INCH, f"page {number}: {text!r} {(height - y1) / INCH:.3f} in from the foot"
            assert x0 >= 0.5 * INCH and width - x1 >= 0.5 * INCH, f"page {number}: {text!r} near the side"
        heads += any(y1 < 0.9 * INCH for *_, y1, _ in [(w[0], w[1], w[2], w[3], w[4]) for w in words])
    assert heads > 20      # running heads were there to measure


def test_the_sample_built_for_kdp_keeps_its_design(tmp_path):
    """KDP asks only 0.25 in: the default design already meets it, so nothing moves."""
    kdp = page_geometry(PrintConfig(target=["kdp"]), 59)
    screen = page_geometry(PrintConfig(target=["screen"]), 59)
    assert kdp == screen
    ingram = page_geometry(PrintConfig(target=["ingramspark"]), 59)
    assert float(ingram["top"]) > float(kdp["top"]) and float(ingram["bottom"]) > float(kdp["bottom"])


@pytest.mark.parametrize(("target", "pages", "inside"), [
    ("kdp", 100, 0.375), ("kdp", 250, 0.5), ("kdp", 760, 0.875), ("ingramspark", 900, 0.875), ("lulu", 500, 1.125),
])
def test_the_gutter_grows_with_the_page_count(target, pages, inside):
    """The printer's gutter, and room for the hyphens that hang into it (0.4 em of 10.5 pt)."""
    geometry = page_geometry(PrintConfig(target=[target], margins={"inside": "0.3in"}), pages)
    assert float(geometry["inside"]) == pytest.approx(inside * INCH + 4.2, abs=0.01)


def test_a_narrow_gutter_is_widened_for_the_printer(book_copy, tmp_path):
    manuscript = book_copy("minimal")
    set_print(manuscript, "  target: kdp\n  margins: {inside: 0.2in, outside: 0.3in}\n")
    built = build(manuscript, tmp_path / "kdp.pdf")
    for number, (width, _height, words) in enumerate(word_boxes(built.path), 1):
        if not words:
            continue
        inner = min(w[0] for w in words) if number % 2 else width - max(w[2] for w in words)
        assert inner >= 0.375 * INCH - 0.5, f"page {number}: text {inner / INCH:.3f} in from the spine"


def test_ingramspark_sample_carries_every_pdfx4_marker(ingramspark_sample):
    path = ingramspark_sample.path
    assert path.read_bytes().startswith(b"%PDF-1.6\n")
    with pikepdf.open(path) as pdf:
        assert pdfx_problems(pdf) == []
        intent = pdf.Root.OutputIntents[0]
        assert intent.S == "/GTS_PDFX" and int(intent.DestOutputProfile.N) == 1
        for page in pdf.pages:
            assert "/Annots" not in page.obj
            assert [float(v) for v in page.obj.TrimBox] == [float(v) for v in page.mediabox]
        assert pdf.docinfo.Trapped == "/False" and str(pdf.docinfo.GTS_PDFXVersion) == "PDF/X-4"
        meta = pdf.open_metadata()
        assert meta["pdfxid:GTS_PDFXVersion"] == "PDF/X-4" and meta["pdf:Trapped"] == "False"
        # The screen edition's tags stay: still a tagged PDF, its structure intact without the links.
        assert "/StructTreeRoot" in pdf.Root and pdf.Root.MarkInfo.Marked
    check = subprocess.run([require("qpdf"), "--check", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_pdfx_read_back_names_what_is_missing(tmp_path, minimal_pdf):
    """The screen edition (the default kdp target) is not PDF/X: E727 names each missing marker."""
    report = Report()
    check_pdfx(minimal_pdf.path, report)
    messages = [d.message for d in report.items]
    assert all(d.code == "E727" for d in report.items)
    assert any("version is 1.7" in m for m in messages)
    assert any("output intents" in m for m in messages)
    assert any("TrimBox" in m for m in messages)
    assert any("annotations" in m for m in messages)


def test_pdfx_bytes_are_reproducible(book_copy, tmp_path):
    manuscript = book_copy("minimal")
    set_print(manuscript, "  target: [kdp, ingramspark]\n")
    first = build(manuscript, tmp_path / "a.pdf", "--no-cache")
    second = build(manuscript, tmp_path / "b.pdf", "--no-cache")
    assert first.path.read_bytes() == second.path.read_bytes()
    with pikepdf.open(first.path) as pdf:
        assert pdfx_problems(pdf) == []


def test_print_isbn_hyphenated_on_the_copyright_page_and_epub_keeps_its_own(book_copy, tmp_path):
    manuscript = book_copy("minimal")
    path = manuscript / "book.yaml"
    text = re.sub(r"(?m)^identifier: .*$", "identifiers:\n  epub: 9781234567897\n  print: 9780306406157",
                  path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    built = build(manuscript, tmp_path / "book.pdf")
    text = "".join(built.page_text(i) for i in range(4))
    assert "ISBN 978-0-306-40615-7" in text and "9781234567897" not in text
    result = run_cli("build", "epub", "-q", "-m", str(manuscript), "-o", str(tmp_path / "book.epub"))
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(tmp_path / "book.epub") as epub:
        opf = next(epub.read(n).decode() for n in epub.namelist() if n.endswith(".opf"))
    identifiers = re.findall(r"<dc:identifier[^>]*>([^<]*)</dc:identifier>", opf)
    assert identifiers == ["urn:isbn:9781234567897"]                 # the print ISBN is not the EPUB's
    assert '<meta property="pageBreakSource">urn:isbn:9780306406157</meta>' in opf   # it is its page list's


@pytest.mark.parametrize(("block", "message"), [
    ("  target: ingrmspark\n", "unknown target 'ingrmspark' (did you mean 'ingramspark'?)"),
    ("  target: ingramspark\n  margins: {outside: 0.3in}\n", "margins.outside 0.3in is less than IngramSpark's"),
    ("  target: lulu\n  trim: custom\n  width: 4in\n  height: 6in\n", "Lulu does not print a 4.00 x 6.00 in book"),
    ("  paper: glossy\n", "paper"),
])
def test_bad_print_targets_are_located_errors(book_copy, block, message):
    manuscript = book_copy("minimal")
    set_print(manuscript, block)
    result = run_cli("check", "-m", str(manuscript))
    assert result.exit_code == 1
    assert "book.yaml:" in result.stderr and "E104" in result.stderr and message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("identifiers", "message"), [
    ("identifiers:\n  epub: urn:uuid:3d0b5a52-8f0e-4b6e-9a57-2c51f4a0c9e1\n  print: 9780306406158", "wrong check digit"),
    ("identifiers:\n  epub: urn:uuid:3d0b5a52-8f0e-4b6e-9a57-2c51f4a0c9e1\n"
     "  print: urn:uuid:3d0b5a52-8f0e-4b6e-9a57-2c51f4a0c9e1", "is not an ISBN-13"),
    ("identifiers:\n  print: 9780306406157", "needs an identifier"),
    ("identifiers:\n  ebook: 9780306406157", "ebook"),
])
def test_bad_identifiers_are_located_errors(book_copy, identifiers, message):
    manuscript = book_copy("minimal")
    path = manuscript / "book.yaml"
    path.write_text(re.sub(r"(?m)^identifier: .*$", identifiers, path.read_text(encoding="utf-8")),
                    encoding="utf-8")
    result = run_cli("check", "-m", str(manuscript))
    assert result.exit_code == 1, result.stdout
    assert "book.yaml:" in result.stderr and message in result.stderr
    assert "Traceback" not in result.stderr


def test_poppler_reads_the_sample_interior_pdfx_and_cover_without_a_warning(ingramspark_sample, tmp_path):
    manuscript = tmp_path / "manuscript"
    shutil.copytree(REPO / "manuscript", manuscript)
    result = run_cli("build", "all", "-q", "-m", str(manuscript), "--out-dir", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    pdfs = sorted((tmp_path / "out").glob("*.pdf"))
    assert [p.name for p in pdfs] == ["safe-enough-to-need-cover-wrap.pdf", "safe-enough-to-need.pdf"]
    for path in [*pdfs, ingramspark_sample.path]:
        assert poppler_warnings(path) == [], path.name
