"""The EPUB, read back: epubcheck, Ace, metadata, navigation, notes, reproducibility."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree
from validators import ace_violations, epubcheck

NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
      "x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}


@pytest.fixture
def built(minimal, cli, tmp_path) -> Path:
    out = tmp_path / "out.epub"
    result = cli("build", "epub", "-q", "-m", str(minimal), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == str(out)
    return out


def read(epub: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(epub) as archive:
        return etree.fromstring(archive.read(name))


def test_epubcheck_reports_nothing(built):
    result = epubcheck(built)
    assert (result.fatals, result.errors, result.warnings) == (0, 0, 0), result.messages


def test_ace_reports_no_violations(built):
    assert ace_violations(built) == []


def test_container_is_reproducible_and_well_formed(minimal, cli, tmp_path):
    first, second = tmp_path / "a.epub", tmp_path / "b.epub"
    assert cli("build", "epub", "-q", "-m", str(minimal), "-o", str(first)).exit_code == 0
    assert cli("build", "epub", "-q", "-m", str(minimal), "-o", str(second)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        infos = archive.infolist()
    assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
    assert {i.date_time for i in infos} == {(2023, 11, 14, 22, 13, 20)}


def test_source_date_epoch_changes_modified(minimal, cli, tmp_path, monkeypatch):
    out = tmp_path / "a.epub"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1750000000")
    assert cli("build", "epub", "-q", "-m", str(minimal), "-o", str(out)).exit_code == 0
    opf = read(out, "EPUB/content.opf")
    assert opf.xpath("string(//opf:meta[@property='dcterms:modified'])", namespaces=NS) == "2025-06-15T15:06:40Z"


def test_package_metadata(built):
    opf = read(built, "EPUB/content.opf")
    assert opf.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    meta = lambda prop: opf.xpath(f"//opf:meta[@property='{prop}']/text()", namespaces=NS)  # noqa: E731
    dc = lambda name: opf.xpath(f"//dc:{name}/text()", namespaces=NS)  # noqa: E731
    assert dc("title") == ["A Small Test Book", "Fixtures & Friends"]
    assert dc("creator") == ["Ada Editor", "Ben Author"]
    assert meta("role") == ["edt", "aut"]
    assert dc("language") == ["en"] and dc("publisher") == ["Fixture Press"]
    assert dc("identifier") == ["urn:uuid:6f1c2f0e-3a4b-4c5d-8e9f-0a1b2c3d4e5f"]
    assert dc("rights") and dc("description") and dc("subject") == ["Testing", "Psychotherapy"]
    for prop in ("schema:accessMode", "schema:accessModeSufficient", "schema:accessibilityFeature",
                 "schema:accessibilityHazard", "schema:accessibilitySummary", "dcterms:conformsTo",
                 "dcterms:modified"):
        assert meta(prop), prop


def test_reading_order_and_navigation(built):
    opf = read(built, "EPUB/content.opf")
    spine = opf.xpath("//opf:spine/opf:itemref/@idref", namespaces=NS)
    assert spine[:5] == ["cover", "half-title", "title-page", "copyright", "nav"]
    assert spine[-3:] == ["ch01-first", "ch02-second", "sources-and-permissions"]
    nav = read(built, "EPUB/nav.xhtml")
    toc = nav.xpath("//x:nav[@epub:type='toc']//x:a", namespaces=NS)
    assert [a.get("href") for a in toc] == ["preface.xhtml", "ch01-first.xhtml", "ch02-second.xhtml",
                                            "sources-and-permissions.xhtml"]
    marks = nav.xpath("//x:nav[@epub:type='landmarks']//x:a/@epub:type", namespaces=NS)
    assert {"toc", "cover", "titlepage", "bodymatter"} <= set(marks)


def test_every_document_links_the_stylesheet_and_has_semantics(built):
    with zipfile.ZipFile(built) as archive:
        names = [n for n in archive.namelist() if n.endswith(".xhtml")]
    for name in names:
        doc = read(built, name)
        assert doc.xpath("//x:link[@rel='stylesheet']/@href", namespaces=NS) == ["css/book.css"], name
    chapter = read(built, "EPUB/ch01-first.xhtml")
    [section] = chapter.xpath("//x:section[@epub:type='chapter']", namespaces=NS)
    assert section.get("role") == "doc-chapter"


def test_notes_are_pop_up_footnotes(built):
    chapter = read(built, "EPUB/ch01-first.xhtml")
    [ref] = chapter.xpath("//x:a[@epub:type='noteref']", namespaces=NS)
    assert ref.get("role") == "doc-noteref"
    target = ref.get("href").lstrip("#")
    [note] = chapter.xpath(f"//x:aside[@id='{target}']", namespaces=NS)
    assert note.get("{http://www.idpf.org/2007/ops}type") == "footnote" and note.get("role") == "doc-footnote"
    assert "emphasis" in "".join(note.itertext())


def test_one_chapter_template_renders_every_chapter(built):
    for name, number in (("EPUB/ch01-first.xhtml", 1), ("EPUB/ch02-second.xhtml", 2)):
        doc = read(built, name)
        assert doc.xpath("string(//x:h1/x:span[@class='chapter-label'])", namespaces=NS) == f"Chapter {number}"
        assert doc.xpath("//x:h2/text()", namespaces=NS)[:2] == ["The Letter", "The Reply"]


def test_manuscript_styles_override_package_defaults(minimal, cli, tmp_path):
    (minimal / "styles" / "epub").mkdir(parents=True)
    (minimal / "styles" / "epub" / "book.css").write_text("/* house style */ body { color: black; }\n")
    out = tmp_path / "o.epub"
    assert cli("build", "epub", "-q", "-m", str(minimal), "-o", str(out)).exit_code == 0
    with zipfile.ZipFile(out) as archive:
        assert archive.read("EPUB/css/book.css").startswith(b"/* house style */")


def test_two_chapters_may_use_the_same_note_label(minimal, cli, tmp_path):
    second = minimal / "chapters" / "02-second.md"
    second.write_text(second.read_text().replace("Another letter.", "Another letter.[^1]\n\n[^1]: The second note."))
    out = tmp_path / "n.epub"
    result = cli("build", "epub", "-q", "-m", str(minimal), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    first = "".join(read(out, "EPUB/ch01-first.xhtml").itertext())
    second_text = "".join(read(out, "EPUB/ch02-second.xhtml").itertext())
    assert "The note’s text" in first and "The second note." in second_text
    assert "The note’s text" not in second_text


def test_a_link_to_another_documents_id_names_its_file():
    """Each document is a file: ``href="#b-title"`` in a.xhtml would be a place in a.xhtml (RSC-012)."""
    from book.epub.package import link_across_documents

    bodies = {"a": '<p id="x"><a href="#b-title">1</a> <a href="#b">2</a> <a href="#x">3</a> '
                   '<a href="#a">4</a> <a href="#both">5</a> <a href="#nowhere">6</a></p>',
              "b": '<h1 id="b-title">B</h1><p id="both">b</p>', "c": '<p id="both">c</p>'}
    fixed = link_across_documents(bodies)
    assert fixed["a"] == ('<p id="x"><a href="b.xhtml#b-title">1</a> <a href="b.xhtml#b">2</a> <a href="#x">3</a> '
                          '<a href="#a">4</a> <a href="#both">5</a> <a href="#nowhere">6</a></p>')
    assert fixed["b"] == bodies["b"] and fixed["c"] == bodies["c"]
