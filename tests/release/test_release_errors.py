"""What a release refuses, code by code: the reproducibility check, the validators and the files read back.

A real release builds everything twice; these tests reach each failure directly, with
the failure simulated where it needs a broken install or a broken tool.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pikepdf
import pytest
from release_helpers import run_release

from book.epub import validate as epub_validate
from book.pdf.validate import check_pdf
from book.release.publish import compare
from book.release.validate import check_cover
from book.support.diagnostics import BookError, Report

PNG_1x1 = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
           b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7V\xbd\xfa\x00\x00\x00\x00IEND\xaeB`\x82")


def test_a_file_missing_from_the_second_build_is_e705(tmp_path):
    first = tmp_path / "first"
    first.mkdir()
    epub, pdf = first / "b-1.0.0.epub", first / "b-1.0.0.pdf"
    epub.write_bytes(b"epub")
    pdf.write_bytes(b"pdf")
    second = tmp_path / "second"
    second.mkdir()
    (second / "b-1.0.0.epub").write_bytes(b"epub")
    with pytest.raises(BookError) as caught:
        compare([epub, pdf], [second / "b-1.0.0.epub"])
    [diag] = caught.value.report.items
    assert diag.code == "E705" and diag.message == "the second build did not write b-1.0.0.pdf"


def test_missing_pikepdf_is_one_line_saying_what_to_install(minimal_copy, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pikepdf", None)          # import fails
    result = run_release("-m", str(minimal_copy), "--out-dir", str(tmp_path / "dist"))
    assert result.exit_code == 1
    assert "error[E712]: pikepdf is not installed; it reads the PDF back" in result.stderr
    assert "pip install -e '.[release]'" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "dist").exists()


def test_epubcheck_that_cannot_start_is_e713(tmp_path, monkeypatch):
    def cannot_start(*args, **kwargs):
        raise FileNotFoundError(2, "No such file or directory", "java")

    monkeypatch.setattr(epub_validate.subprocess, "run", cannot_start)
    with pytest.raises(BookError) as caught:
        epub_validate.run_epubcheck(tmp_path / "book.epub")
    [diag] = caught.value.report.items
    assert diag.code == "E713" and diag.message.startswith("epubcheck could not run: ")
    assert "No such file or directory" in diag.message


def test_epubcheck_that_ends_without_a_report_is_e713(tmp_path, monkeypatch):
    # a "java" that crashes at once, as a broken JVM does: it prints a line and writes no report
    monkeypatch.setattr(epub_validate, "epubcheck_command",
                        lambda: ["sh", "-c", "echo 'Error: Invalid or corrupt jarfile' >&2; exit 1", "--"])
    with pytest.raises(BookError) as caught:
        epub_validate.run_epubcheck(tmp_path / "book.epub")
    [diag] = caught.value.report.items
    assert diag.code == "E713" and diag.message == "epubcheck could not run: Error: Invalid or corrupt jarfile"


def test_epubcheck_warnings_are_e715_warnings(tmp_path, monkeypatch):
    epub = tmp_path / "book.epub"
    monkeypatch.setattr(epub_validate, "run_epubcheck", lambda path: epub_validate.EpubcheckResult(
        0, 0, 1, ["WARNING OPF-085: dc:identifier is not a valid UUID @ EPUB/content.opf:5"], "5.3.0"))
    report = Report()
    epub_validate.check_epub(epub, report)
    [diag] = report.items
    assert diag.code == "E715" and diag.severity.value == "warning" and diag.path == epub
    assert diag.format() == (f"{epub}: warning[E715]: epubcheck: WARNING OPF-085: dc:identifier is not a valid "
                             "UUID @ EPUB/content.opf:5")
    assert not report.failed() and report.failed(strict=True)


def test_a_pdf_that_cannot_be_read_back_is_e720(tmp_path):
    path = tmp_path / "book.pdf"
    path.write_bytes(b"%PDF-1.7\nthis is not a PDF body\n")
    report = Report()
    assert check_pdf(path, (432, 648), report) == 0
    [diag] = report.items
    assert diag.code == "E720" and diag.path == path and diag.message.startswith("the PDF cannot be read back: ")


def test_a_font_that_is_not_embedded_is_e722(tmp_path):
    path = tmp_path / "book.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page(page_size=(432, 648))
        font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                    BaseFont=pikepdf.Name.Helvetica))
        pdf.pages[0].Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
        pdf.save(path)
    report = Report()
    check_pdf(path, (432, 648), report)
    assert [d.message for d in report.errors if d.code == "E722"] == ["font Helvetica is not embedded"]


@pytest.mark.parametrize("name, data, generated, message", [
    ("b-cover.png", b"GIF89a" + bytes(40), False, "the cover is neither a PNG nor a JPEG image"),
    ("b-cover.jpg", PNG_1x1, False, "the cover is a PNG image but is named b-cover.jpg"),
    ("b-cover.png", PNG_1x1, True, "the typographic cover is 1 x 1 px, not 1600 x 2560"),
])
def test_a_cover_file_of_the_wrong_kind_is_e726(tmp_path, name, data, generated, message):
    path = tmp_path / name
    path.write_bytes(data)
    report = Report()
    check_cover(path, generated, report)
    [diag] = report.items
    assert diag.code == "E726" and diag.message == message and diag.path == path


def test_an_editors_png_cover_of_any_size_passes(tmp_path):
    path: Path = tmp_path / "b-cover.png"
    path.write_bytes(PNG_1x1)
    report = Report()
    assert check_cover(path, False, report) == (1, 1) and report.items == []
