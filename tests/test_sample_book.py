"""The sample reader in manuscript/: what a fresh clone builds must be clean."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from validators import ace_violations, epubcheck

MANUSCRIPT = Path(__file__).resolve().parent.parent / "manuscript"
XHTML = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}


@pytest.fixture(scope="module")
def sample_epub(tmp_path_factory) -> Path:
    from click.testing import CliRunner

    from book.cli import main

    out = tmp_path_factory.mktemp("sample") / "sample.epub"
    result = CliRunner().invoke(main, ["build", "epub", "-q", "--strict", "-m", str(MANUSCRIPT), "-o", str(out)],
                                env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert result.exit_code == 0, result.stderr
    return out


def test_check_strict_is_clean(cli):
    result = cli("check", "--strict", "-m", str(MANUSCRIPT))
    assert result.exit_code == 0, result.stderr


def test_sample_epub_passes_epubcheck(sample_epub):
    result = epubcheck(sample_epub)
    assert (result.fatals, result.errors, result.warnings) == (0, 0, 0), result.messages


def test_sample_epub_passes_ace(sample_epub):
    assert ace_violations(sample_epub) == []


def words(element) -> int:
    return len(re.findall(r"\w+", " ".join(element.itertext())))


def test_every_chapter_has_more_commentary_than_quotation(sample_epub):
    with zipfile.ZipFile(sample_epub) as archive:
        chapters = []
        for name in archive.namelist():
            if name.endswith(".xhtml"):
                doc = etree.fromstring(archive.read(name))
                chapters += doc.xpath("//x:section[@epub:type='chapter']", namespaces=XHTML)
    assert len(chapters) >= 2
    for chapter in chapters:
        quoted = sum(words(q) for q in chapter.xpath(".//x:blockquote", namespaces=XHTML))
        assert words(chapter) - quoted >= quoted, chapter.get("id")
