"""``book build docx``: the manuscript for copy-editing, every excerpt paragraph styled and commented."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from book.cli import main
from book.manuscript import load_manuscript
from book.support.diagnostics import Report

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "manuscript"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False,
                              env={"SOURCE_DATE_EPOCH": "1767225600"})


@pytest.fixture(scope="module")
def sample_docx(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("docx") / "sample.docx"
    result = run("build", "docx", "-q", "-m", SAMPLE, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == str(out)
    return out


def excerpt_paragraphs(manuscript: Path) -> list[tuple[str, str]]:
    """(source, unit) of every paragraph of every excerpt, in book order, from the chapter files."""
    book = load_manuscript(manuscript, Report())
    return [(e.source, e.unit) for e in book.excerpts for para in e.text.split("\n\n") if para.strip()]


def test_one_verified_quotation_paragraph_per_excerpt_paragraph_each_with_its_comment(sample_docx):
    document = docx.Document(sample_docx)
    comments = {str(c.comment_id): c.text for c in document.comments}
    quoted = [p for p in document.paragraphs if p.style.name == "Verified quotation"]
    expected = excerpt_paragraphs(SAMPLE)
    assert len(quoted) == len(expected) == 66
    for paragraph, (source, unit) in zip(quoted, expected, strict=True):
        starts = paragraph._p.findall(f".//{W}commentRangeStart")
        assert len(starts) == 1, paragraph.text[:60]
        note = comments[starts[0].get(f"{W}id")]
        assert f"{source}, unit {unit}" in note and "do not edit" in note
    assert len(comments) == len(quoted)


def test_chapters_sections_prose_notes_and_appendix(sample_docx):
    document = docx.Document(sample_docx)
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert "Chapter 1 The Love That Does the Healing" in headings and "Sources and Permissions" in headings
    assert headings.index("Preface") < headings.index("Chapter 1 The Love That Does the Healing")
    sections = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    for name in ("The Letter", "The Reply", "Commentary", "For Reflection", "Sources"):
        assert name in sections
    styles = {p.style.name for p in document.paragraphs}
    assert {"Body Text", "First Paragraph", "Attribution"} <= styles      # the editor's prose is plain text
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Words quoted:" in text                                         # the appendix
    assert "— C., a client" in text and "— Cynthia" not in text            # privacy as in the book


def test_reproducible(sample_docx, tmp_path):
    again = tmp_path / "again.docx"
    assert run("build", "docx", "-q", "-m", SAMPLE, "-o", again).exit_code == 0
    assert again.read_bytes() == sample_docx.read_bytes()


def test_a_broken_reference_document_fails_cleanly(minimal, tmp_path):
    own = minimal / "styles" / "docx"
    own.mkdir(parents=True)
    (own / "reference.docx").write_bytes(b"not a docx")
    out = tmp_path / "book.docx"
    out.write_bytes(b"earlier")
    result = run("build", "docx", "-m", minimal, "-o", out)
    assert result.exit_code == 1 and "error[E910]" in result.stderr and "Traceback" not in result.stderr
    assert out.read_bytes() == b"earlier"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_it_without_repair(sample_docx, tmp_path):
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(sample_docx)],
                   check=True, capture_output=True, timeout=300)
    assert (tmp_path / "sample.pdf").stat().st_size > 10_000


def test_build_all_and_release_make_the_editions_only(minimal, tmp_path):
    from book.pipeline.outputs import OUTPUTS

    assert "docx" in OUTPUTS
    result = run("build", "all", "-q", "-m", minimal, "--out-dir", tmp_path / "all")
    assert result.exit_code == 0, result.stderr
    assert not list((tmp_path / "all").glob("*.docx")) and list((tmp_path / "all").glob("*.epub"))


def test_a_cited_quotation_is_not_marked_verified(minimal, tmp_path):
    chapter = minimal / "chapters" / "01-first.md"
    chapter.write_text(chapter.read_text().replace("Our own commentary.\n", "Our own commentary.\n\n"
                       "::: {.cited cite=\"John Bowlby, A Secure Base (1988), p. 11\"}\n"
                       "A quotation from a published book.\n:::\n"))
    out = tmp_path / "book.docx"
    result = run("build", "docx", "-q", "-m", minimal, "-o", out)
    assert result.exit_code == 0, result.stderr
    document = docx.Document(out)
    verified = [p.text for p in document.paragraphs if p.style.name == "Verified quotation"]
    assert len(verified) == len(excerpt_paragraphs(minimal)) == len(list(document.comments))
    assert not [text for text in verified if "published book" in text]
    styles = {p.text.replace("\u00a0", " "): p.style.name for p in document.paragraphs}
    assert styles["A quotation from a published book."] == "Block Text"
    assert styles["— John Bowlby, A Secure Base (1988), p. 11"] == "Attribution"


def test_a_relative_manuscript_path_with_its_own_styles(minimal, tmp_path, monkeypatch):
    monkeypatch.setenv("BOOK_TRUST_LUA", "1")         # the manuscript's own filter: E250 without it
    own = minimal / "styles" / "docx"
    own.mkdir(parents=True)
    (own / "book.lua").write_text((ROOT / "styles" / "docx" / "book.lua").read_text())
    monkeypatch.chdir(minimal.parent)
    result = run("build", "docx", "-q", "-m", minimal.name, "-o", tmp_path / "book.docx")
    assert result.exit_code == 0, result.stderr
