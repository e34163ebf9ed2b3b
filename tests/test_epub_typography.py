"""The EPUB's typography for readers without pop-ups and for Kindle's and Kobo's renderers.

Notes carry their number in the text; the back link is "↩" with VARIATION SELECTOR-15, so
iOS shows the arrow, not an emoji; the section ornament is a character in the document,
not drawn by CSS; the stylesheet imposes no body line-height and no side margins.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

NS = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}


@pytest.fixture
def files(minimal, cli, tmp_path) -> dict[str, bytes]:
    result = cli("build", "epub", "-q", "-m", str(minimal), "-o", str(tmp_path / "book.epub"))
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(tmp_path / "book.epub") as z:
        return {Path(n).name: z.read(n) for n in z.namelist()}


def test_notes_are_numbered_in_the_text_and_link_back_with_a_text_arrow(files):
    chapter = etree.fromstring(files["ch01-first.xhtml"])
    [aside] = chapter.xpath("//x:aside[@epub:type='footnote']", namespaces=NS)
    first = aside.xpath("x:p[1]", namespaces=NS)[0]
    assert first.xpath("string(x:span[@class='note-number'])", namespaces=NS) == "1."
    assert "".join(first.itertext()).startswith("1. The note’s text")
    [back] = aside.xpath(".//x:a[@role='doc-backlink']", namespaces=NS)
    assert back.text == "↩\ufe0e" and back.get("href") == "#fnref1"


def test_the_ornament_is_text_in_the_document(files):
    texts = [etree.fromstring(data) for name, data in files.items() if name.startswith("ch")]
    ornaments = [p for root in texts for p in root.xpath("//x:p[@class='ornament']", namespaces=NS)]
    assert ornaments and all(p.text == "❦" and p.get("role") == "separator" for p in ornaments)
    assert not any(root.xpath("//x:hr[not(@class='footnotes-rule')]", namespaces=NS) for root in texts)


def test_the_stylesheet_leaves_line_height_and_side_margins_to_the_reader(files):
    css = files["book.css"].decode("utf-8")
    body = re.search(r"(?m)^body\s*\{([^}]*)\}", css).group(1)
    assert "line-height" not in body and "margin" not in body
    assert not re.search(r"::?after\s*\{[^}]*content", css)     # nothing drawn by CSS after an element


def test_matter_pages_for_one_edition_only(minimal, cli, tmp_path):
    """`outputs: [epub]` keeps a page out of the print edition, `outputs: [pdf]` out of the ebook."""
    from pypdf import PdfReader

    (minimal / "back").mkdir(exist_ok=True)
    (minimal / "back" / "ebook.md").write_text("---\ntitle: About This Ebook\noutputs: [epub]\n---\n\n"
                                               "Validated with EPUBCheck.\n")
    (minimal / "back" / "print.md").write_text("---\ntitle: About This Paperback\noutputs: [pdf]\n---\n\n"
                                               "Printed on cream paper.\n")
    config = minimal / "book.yaml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("back_matter:\n", "back_matter:\n  - back/ebook.md\n  - back/print.md\n")
    config.write_text(text, encoding="utf-8")
    result = cli("build", "all", "-q", "-m", str(minimal), "--out-dir", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    epub = next(tmp_path.glob("*.epub"))
    with zipfile.ZipFile(epub) as z:
        names = z.namelist()
        xhtml = " ".join(z.read(n).decode() for n in names if n.endswith(".xhtml"))
    assert "Validated with EPUBCheck" in xhtml and "About This Ebook" in xhtml
    assert "cream paper" not in xhtml and "About This Paperback" not in xhtml
    pdf = next(p for p in tmp_path.glob("*.pdf") if not p.name.endswith("-cover-wrap.pdf"))
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Printed on cream paper" in text and "About This Paperback" in text
    assert "EPUBCheck" not in text and "About This Ebook" not in text


def test_an_unknown_edition_is_a_located_error(minimal, cli):
    (minimal / "back").mkdir(exist_ok=True)
    (minimal / "back" / "x.md").write_text("---\ntitle: X\noutputs: [kindle]\n---\n\nText.\n")
    config = minimal / "book.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("back_matter:\n", "back_matter:\n  - back/x.md\n"),
                      encoding="utf-8")
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 1 and "x.md:3" in result.stderr and "outputs" in result.stderr


def test_the_appendix_reads_like_a_books_bibliography(minimal, cli, tmp_path):
    """One paragraph per source, nothing "not recorded", no bullets to strand on a page."""
    import zipfile

    source = minimal / "sources" / "garden-letters.yaml"
    source.write_text(source.read_text().replace("url: https://example.org/garden-letters", "url: null"))
    out = tmp_path / "book.epub"
    assert cli("build", "epub", "-q", "-m", str(minimal), "-o", str(out)).exit_code == 0
    with zipfile.ZipFile(out) as epub:
        appendix = epub.read("EPUB/sources-and-permissions.xhtml").decode()
    assert "not recorded" not in appendix and "<li>" not in appendix
    assert appendix.count('class="source-entry"') == 1
    assert "<strong>Letters About the Garden</strong>, by Dr." in appendix
    assert "Captured 2026-01-10. Quoted for the purposes of comment and criticism." in appendix
