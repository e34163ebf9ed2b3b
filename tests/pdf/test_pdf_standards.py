"""Print and accessibility standards, read back from the PDF: tags, PDF/UA-1, metadata, fonts, qpdf."""

from __future__ import annotations

import subprocess

import pikepdf
from pdf_helpers import FIXTURES, build, poppler_warnings, require, run_cli, struct_elements


def test_same_inputs_and_epoch_give_identical_bytes(tmp_path):
    first = build(FIXTURES / "long", tmp_path / "a.pdf").path.read_bytes()
    second = build(FIXTURES / "long", tmp_path / "b.pdf").path.read_bytes()
    assert first == second


def test_epoch_is_the_creation_date(minimal_pdf):
    with pikepdf.open(minimal_pdf.path) as pdf:
        assert str(pdf.docinfo["/CreationDate"]).startswith("D:20260101000000")


def test_tagged_with_a_structure_tree_and_pdfua_part_1(any_pdf):
    with pikepdf.open(any_pdf.path) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert "/StructTreeRoot" in pdf.Root
        meta = pdf.open_metadata()
        assert meta.get("pdfuaid:part") == "1"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
    kinds = {e["/S"] for e in struct_elements(any_pdf.path)}
    assert {"/H1", "/P"} <= kinds
    assert "/TOC" in kinds or "/TOCI" in kinds


def test_headings_are_tagged_in_order(long_pdf):
    levels = [int(e["/S"][2:]) for e in struct_elements(long_pdf.path)
              if e["/S"].startswith("/H") and e["/S"][2:].isdigit()]
    assert levels and levels[0] == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), "no heading level is skipped"


def test_metadata_in_info_and_xmp(long_pdf):
    with pikepdf.open(long_pdf.path) as pdf:
        info = pdf.docinfo
        assert str(info["/Title"]) == "Letters and Replies"
        assert str(info["/Author"]) == "Ada Editor"
        assert str(info["/Subject"]) == "A longer test book for the print edition."
        assert "Psychotherapy" in str(info["/Keywords"])
        assert str(pdf.Root.Lang) == "en-GB"
        meta = pdf.open_metadata()
        assert meta["dc:title"] == "Letters and Replies"
        assert "Ada Editor" in meta["dc:creator"]
        assert meta["dc:description"] == "A longer test book for the print edition."
        assert "en-GB" in meta["dc:language"]


def test_all_fonts_embedded(any_pdf):
    out = subprocess.run([require("pdffonts"), str(any_pdf.path)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows, "the PDF uses fonts"
    for row in rows:
        # columns: name, type (may hold spaces), encoding, emb, sub, uni, object, id
        emb = row.split()[-5]
        assert emb == "yes", row
    assert all("Libertinus" in row for row in rows)     # no system font slipped in


def test_qpdf_finds_no_damage(any_pdf):
    result = subprocess.run([require("qpdf"), "--check", str(any_pdf.path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


def test_build_all_writes_both(tmp_path):
    """A book for the screen (the default target) has no cover wrap: the EPUB and the PDF."""
    result = run_cli("build", "all", "-q", "-m", str(FIXTURES / "minimal"), "--out-dir", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != ".cache") == [
        "a-small-test-book.epub", "a-small-test-book.pdf"]


def test_poppler_reads_the_pdf_without_a_warning(any_pdf):
    """Typst's `/Suspects false` once made pdfinfo print "Suspects object is wrong type" for every PDF."""
    assert poppler_warnings(any_pdf.path) == []
    with pikepdf.open(any_pdf.path) as pdf:
        assert pdf.Root.MarkInfo.Marked is True and "/Suspects" not in pdf.Root.MarkInfo
