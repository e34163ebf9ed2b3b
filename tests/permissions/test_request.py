"""``book permissions request``: one DOCX and one PDF per rights holder, every passage verbatim."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from book.context import BuildContext
from book.editorial.excerpts import normalise
from book.permissions import read_book

from .conftest import run


def squash(text: str) -> str:
    return " ".join(text.split())


def fold(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


@pytest.fixture(scope="module")
def sample_letters(sample_built, tmp_path_factory):
    manuscript, pdf = sample_built
    out = tmp_path_factory.mktemp("letters")
    result = run("permissions", "request", "-q", "-m", manuscript, "--out-dir", out, "--date", "2026-12-01",
                 "--pdf", pdf)
    assert result.exit_code == 0, result.stderr
    written = [Path(line) for line in result.stdout.split()]
    checked, passages = read_book(BuildContext(manuscript_dir=manuscript, out_dir=pdf.parent), lambda _m: None)
    return checked, passages, written, out


def test_one_docx_and_one_pdf_per_rights_holder(sample_letters):
    _, passages, written, out = sample_letters
    holders = list(dict.fromkeys(p.entry.holder for p in passages))    # every sample source is `quotation`
    assert len(holders) == 13
    assert sorted(written) == sorted(out.glob("*.docx")) + sorted(out.glob("*.pdf")) or \
        sorted(written) == sorted([*out.glob("*.docx"), *out.glob("*.pdf")])
    assert len(list(out.glob("*.docx"))) == len(list(out.glob("*.pdf"))) == len(holders)


def test_every_passage_verbatim_as_printed_and_as_in_the_source(sample_letters):
    checked, passages, _, out = sample_letters
    by_holder: dict[str, list] = {}
    for passage in passages:
        by_holder.setdefault(passage.entry.holder, []).append(passage)
    docs = {}
    for path in out.glob("*.docx"):
        document = docx.Document(path)
        opening = next(p.text for p in document.paragraphs if p.text.startswith("Dear "))
        docs[path] = (document, opening)
    for holder, mine in by_holder.items():
        salutation = "Dear writer," if holder.startswith("Anonymous") else f"Dear {holder},"
        [(path, (document, _))] = [(p, d) for p, d in docs.items() if d[1] == salutation]
        quotes = [p for p in document.paragraphs if p.style.name == "Quote"]
        text = squash("\n".join(p.text for p in quotes))
        highlighted = [squash("".join(r.text for r in p.runs if r.font.highlight_color)) for p in quotes]
        pdf_text = fold("".join(page.extract_text() for page in PdfReader(path.with_suffix(".pdf")).pages))
        for passage in mine:
            for paragraph in passage.printed.split("\n\n"):
                assert squash(paragraph) in highlighted, (holder, paragraph[:60])      # as printed
                assert fold(paragraph) in pdf_text, (holder, paragraph[:60])
            unit = checked.manuscript.sources[passage.source].unit(passage.unit)
            for paragraph in passage.source_text.split("\n\n"):
                assert squash(paragraph) in text
                assert normalise(paragraph) in normalise(unit.text)                     # as the source has it
            assert squash(passage.before) in text and squash(passage.after) in text     # its context
        names = [p.text for p in document.paragraphs if p.text.startswith("Passage ")]
        assert len(names) == len(mine)


def test_privacy_a_commenter_is_told_how_the_book_prints_them(sample_letters):
    _, _, _, out = sample_letters
    [mary] = [p for p in out.glob("*.docx") if p.stem.endswith("-mary")]
    text = "\n".join(p.text for p in docx.Document(mary).paragraphs)
    assert "Dear Mary," in text and "it prints “M.”" in text and "Credited in the book to M." in text
    [smith] = [p for p in out.glob("*.docx") if p.stem.endswith("jeffrey-smith")]
    text = "\n".join(p.text for p in docx.Document(smith).paragraphs)
    assert "To protect your privacy" not in text        # a post's author, shown as written


def test_the_book_and_the_scope_asked_for(sample_letters):
    _, _, _, out = sample_letters
    document = docx.Document(next(out.glob("*.docx")))
    text = "\n".join(p.text for p in document.paragraphs)
    for expected in ("Title: Safe Enough to Need: A Reader on Attachment in Therapy", "Editor: The Book Project Editors",
                     "Publisher: The Book Project", "Formats: print and ebook", "Expected publication: 22 November 2026",
                     "Print run: not yet decided", "print and ebook editions; World; in en", "1 December 2026"):
        assert expected in text, expected
    assert "page " in text                               # the pages of the built PDF
    [form] = document.tables
    assert "I grant permission as asked above" in form.cell(0, 0).text and "Signature" in form.cell(0, 0).text


def test_some_sources_a_changed_template_and_reproducible_bytes(small, tmp_path):
    (small / "book.yaml").write_text((small / "book.yaml").read_text() + (
        "permissions:\n  formats: [print, ebook, audio]\n  print_run: 3000\n  reply_to: ada@example.org\n"))
    (small / "sources" / "garden-letters.edits.yaml").write_text(
        "rights:\n  status: quotation\n  writers:\n    Bartholomew: {status: pending, fee: 20, currency: EUR, "
        "scope: {formats: [ebook], territory: UK}}\n")
    first = run("permissions", "request", "-q", "-m", small, "--out-dir", tmp_path / "a", "--date", "2026-02-01")
    assert first.exit_code == 0, first.stderr
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == ["01-dr-rosa-field.docx", "01-dr-rosa-field.pdf", "02-bartholomew.docx", "02-bartholomew.pdf"]
    text = "\n".join(p.text for p in docx.Document(tmp_path / "a" / "02-bartholomew.docx").paragraphs)
    assert "in: ebook; UK." in text and "3000 copies" in text and "20 EUR" in text   # his ledger's scope
    text = "\n".join(p.text for p in docx.Document(tmp_path / "a" / "01-dr-rosa-field.docx").paragraphs)
    assert "print, ebook and audiobook editions; World; in en; a first printing of 3000 copies" in text
    again = run("permissions", "request", "-q", "-m", small, "--out-dir", tmp_path / "b", "--date", "2026-02-01")
    assert again.exit_code == 0
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    # only the holders still to be asked
    pending = run("permissions", "request", "-q", "-m", small, "--status", "pending", "--out-dir", tmp_path / "p")
    assert pending.exit_code == 0 and sorted(p.name for p in (tmp_path / "p").iterdir()) == [
        "01-bartholomew.docx", "01-bartholomew.pdf"]
    # only the holders of the sources named
    (small / "sources" / "garden-letters.edits.yaml").write_text("rights: {status: public-domain}\n")
    none = run("permissions", "request", "-q", "-m", small, "garden-letters", "--out-dir", tmp_path / "c")
    assert none.exit_code == 0 and none.stdout == ""    # nobody to ask for a public-domain text
    # the editor's own template
    own = small / "styles" / "permissions"
    own.mkdir(parents=True)
    (own / "letter.md.j2").write_text("Dear {{ salutation }}, may we? {% for p in passages %}{{ p.words }} {% endfor %}\n")
    (small / "sources" / "garden-letters.edits.yaml").write_text("rights: {status: pending}\n")
    mine = run("permissions", "request", "-q", "-m", small, "--out-dir", tmp_path / "d")
    assert mine.exit_code == 0, mine.stderr
    assert docx.Document(tmp_path / "d" / "01-dr-rosa-field.docx").paragraphs[0].text.strip() == \
        "Dear Dr. Rosa Field, may we? 20 10"


def test_bad_input_fails_cleanly(small, tmp_path):
    result = run("permissions", "request", "-m", small, "garden-leters", "--out-dir", tmp_path / "x")
    assert result.exit_code == 1 and "error[E907]" in result.stderr and "did you mean 'garden-letters'" in result.stderr
    assert not (tmp_path / "x").exists()
    own = small / "styles" / "permissions"
    own.mkdir(parents=True)
    (own / "letter.md.j2").write_text("Dear {{ salutation }},\n{% for p in passages %}\n{{ p.words }\n")
    result = run("permissions", "request", "-m", small, "--out-dir", tmp_path / "x")
    assert result.exit_code == 1 and "letter.md.j2:3: error[E906]" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "x").exists()
    (own / "letter.md.j2").write_text("Dear {{ salutaton }},\n")
    result = run("permissions", "request", "-m", small, "--out-dir", tmp_path / "x")
    assert result.exit_code == 1 and "error[E906]" in result.stderr and "salutaton" in result.stderr
    result = run("permissions", "request", "-m", small, "--date", "tomorrow")
    assert result.exit_code == 2 and "--date" in result.stderr


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_a_letter(sample_letters, tmp_path):
    _, _, _, out = sample_letters
    letter = next(out.glob("*.docx"))
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(letter)],
                   check=True, capture_output=True, timeout=180)
    assert (tmp_path / letter.with_suffix(".pdf").name).stat().st_size > 1000


def test_a_relative_manuscript_path_with_its_own_letter_styles(small, tmp_path, monkeypatch):
    monkeypatch.setenv("BOOK_TRUST_LUA", "1")         # the manuscript's own filter: E250 without it
    from .conftest import ROOT

    own = small / "styles" / "permissions"
    own.mkdir(parents=True)
    for name in ("letter.lua", "letter.typ"):
        (own / name).write_text((ROOT / "styles" / "permissions" / name).read_text())
    monkeypatch.chdir(small.parent)
    result = run("permissions", "request", "-q", "-m", small.name, "--out-dir", tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    assert len(list((tmp_path / "out").glob("*.pdf"))) == 3


def test_a_holder_s_accented_name_is_folded_in_the_letter_s_file_name(small, tmp_path):
    edits = small / "sources" / "garden-letters.edits.yaml"
    edits.write_text(edits.read_text().replace("author: Winifred", "author: Zoë Ångström"))
    result = run("permissions", "request", "-q", "-m", small, "--out-dir", tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    assert "zoe-angstrom.docx" in {p.name.split("-", 1)[1] for p in (tmp_path / "out").glob("*.docx")}
