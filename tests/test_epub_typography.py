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
