"""The EPUB's print page list: markers at the print edition's page boundaries, from its Typst layout.

The sample, given a print ISBN, is built as EPUB and PDF; every page-list entry points at a
page-break marker whose folio is a page label of the PDF, and the paragraph it stands in
begins on that page of the PDF (read back with pdftotext). EPUBCheck and Ace stay clean.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader
from validators import ace_violations, epubcheck

from book.epub.pagelist import text_key

REPO = Path(__file__).resolve().parent.parent
NS = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops",
      "opf": "http://www.idpf.org/2007/opf"}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from click.testing import CliRunner

    from book.cli import main

    root = tmp_path_factory.mktemp("pagelist")
    manuscript = root / "manuscript"
    shutil.copytree(REPO / "manuscript", manuscript)
    config = manuscript / "book.yaml"
    config.write_text(re.sub(r"(?m)^identifier: (\S+)$", r"identifiers:\n  epub: \1\n  print: 978-0-306-40615-7",
                             config.read_text(encoding="utf-8")), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "all", "-q", "-m", str(manuscript), "--out-dir", str(root / "out")],
                                catch_exceptions=False, env={"SOURCE_DATE_EPOCH": "1767225600"})
    assert result.exit_code == 0, result.stderr
    return root / "out" / "safe-enough-to-need.epub", root / "out" / "safe-enough-to-need.pdf"


def epub_files(epub: Path) -> dict[str, etree._Element]:
    with zipfile.ZipFile(epub) as z:
        return {Path(n).name: etree.fromstring(z.read(n)) for n in z.namelist() if n.endswith((".xhtml", ".opf"))}


def pdf_pages_by_label(pdf: Path) -> dict[str, int]:
    return {label: index for index, label in enumerate(PdfReader(pdf).page_labels)}


def page_text(pdf: Path, index: int) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext not installed")
    return subprocess.run(["pdftotext", "-f", str(index + 1), "-l", str(index + 1), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


def test_page_list_entries_point_at_markers_whose_folios_are_the_pdfs_labels(built):
    epub, pdf = built
    files = epub_files(epub)
    entries = files["nav.xhtml"].xpath("//x:nav[@epub:type='page-list']//x:a", namespaces=NS)
    labels = pdf_pages_by_label(pdf)
    assert len(entries) > 40
    folios = [a.text for a in entries]
    assert len(set(folios)) == len(folios)
    assert set(folios) <= set(labels)
    # in print order: roman front matter first, then 1, 2, 3, ...
    assert [labels[f] for f in folios] == sorted(labels[f] for f in folios)
    for a in entries:
        name, fragment = a.get("href").split("#")
        [marker] = files[name].xpath(f"//*[@id='{fragment}']")
        assert marker.get("{http://www.idpf.org/2007/ops}type") == "pagebreak"
        assert marker.get("role") == "doc-pagebreak" and marker.get("aria-label") == a.text
    # every PDF page with ink on it and a paragraph beginning on it has its entry
    assert {"i", "iii", "iv", "1", "2", "3"} <= set(folios)


def test_each_marker_stands_in_the_paragraph_that_begins_its_page(built):
    epub, pdf = built
    files = epub_files(epub)
    labels = pdf_pages_by_label(pdf)
    checked = 0
    for name, root in files.items():
        for para in root.xpath("//x:p[x:span[@role='doc-pagebreak']]", namespaces=NS):
            markers = para.xpath("x:span[@role='doc-pagebreak']", namespaces=NS)
            folio = markers[-1].get("aria-label")        # the last of consecutive markers: this page
            words = text_key("".join(para.itertext()))[:20]
            assert words in text_key_all(page_text(pdf, labels[folio])), (name, folio, words)
            checked += 1
    assert checked > 30


def text_key_all(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def test_page_break_source_names_the_print_isbn_and_validators_stay_clean(built):
    epub, _pdf = built
    opf = next(root for name, root in epub_files(epub).items() if name.endswith(".opf"))
    assert opf.xpath("string(//opf:meta[@property='pageBreakSource'])", namespaces=NS) == "urn:isbn:9780306406157"
    features = opf.xpath("//opf:meta[@property='schema:accessibilityFeature']/text()", namespaces=NS)
    assert {"pageBreakMarkers", "pageNavigation"} <= set(features)
    assert epubcheck(epub).messages == []
    assert ace_violations(epub) == []


def test_no_page_list_without_a_print_isbn(minimal, cli, tmp_path):
    result = cli("build", "epub", "-q", "-m", str(minimal), "-o", str(tmp_path / "book.epub"))
    assert result.exit_code == 0, result.stderr
    files = epub_files(tmp_path / "book.epub")
    assert not files["nav.xhtml"].xpath("//x:nav[@epub:type='page-list']", namespaces=NS)
    assert not any(root.xpath("//*[@role='doc-pagebreak']") for root in files.values())


def isbn_copy(root: Path) -> Path:
    manuscript = root / "manuscript"
    shutil.copytree(REPO / "manuscript", manuscript)
    config = manuscript / "book.yaml"
    config.write_text(re.sub(r"(?m)^identifier: (\S+)$", r"identifiers:\n  epub: \1\n  print: 978-0-306-40615-7",
                             config.read_text(encoding="utf-8")), encoding="utf-8")
    return manuscript


def test_the_marks_take_no_room_the_pdf_is_the_same_with_and_without_them(tmp_path):
    """One layout serves the PDF and the page list only if the marks change nothing printed: an
    attribution whose mark hid its dash from book.lua once printed '— —'."""
    import datetime as dt

    from book.context import BuildContext, no_progress
    from book.pdf.document import typeset
    from book.pipeline import check
    from book.render import render

    manuscript = isbn_copy(tmp_path)
    checked = check(BuildContext(manuscript_dir=manuscript, out_dir=tmp_path / "out"), no_progress, ["pdf", "epub"])
    rendered = render(checked, no_progress)
    when = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    marked = typeset(checked.printed, rendered, when, marks=True)
    assert len(marked.marks) > 100 and any(m.key.startswith("doc:") for m in marked.marks)
    assert marked.pdf == typeset(checked.printed, rendered, when).pdf


def test_build_all_typesets_the_interior_once_for_the_pdf_the_cover_and_the_page_list(tmp_path, monkeypatch):
    from click.testing import CliRunner

    import book.pdf.document
    from book.cli import main

    calls = []
    real = book.pdf.document.main_file

    def counted(*args, **kwargs):
        calls.append(kwargs.get("marks", False))
        return real(*args, **kwargs)

    monkeypatch.setattr(book.pdf.document, "main_file", counted)
    manuscript = isbn_copy(tmp_path)
    result = CliRunner().invoke(main, ["build", "all", "-q", "--no-cache", "-m", str(manuscript),
                                       "--out-dir", str(tmp_path / "out")],
                                catch_exceptions=False, env={"SOURCE_DATE_EPOCH": "1767225600"})
    assert result.exit_code == 0, result.stderr
    assert {p.name for p in (tmp_path / "out").iterdir() if p.is_file()} >= {
        "safe-enough-to-need.epub", "safe-enough-to-need.pdf", "safe-enough-to-need-cover-wrap.pdf"}
    assert calls == [True]          # one pandoc conversion and one layout, with the page marks
    # an EPUB built alone reads the page marks of the same layout without writing a PDF: the same bytes
    calls.clear()
    alone = CliRunner().invoke(main, ["build", "epub", "-q", "--no-cache", "-m", str(manuscript),
                                      "--out-dir", str(tmp_path / "alone")],
                               catch_exceptions=False, env={"SOURCE_DATE_EPOCH": "1767225600"})
    assert alone.exit_code == 0, alone.stderr
    assert calls == [True]
    name = "safe-enough-to-need.epub"
    assert (tmp_path / "alone" / name).read_bytes() == (tmp_path / "out" / name).read_bytes()
