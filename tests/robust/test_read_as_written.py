"""What the check reads is what the book prints: Markdown corners where pandoc read a chapter
differently from the check, so that words the check saw vanished or changed in an output.

Each kind was found by trying it (issue 15, red team): a stray ``</div>`` closed the section early
and everything after it vanished from the EPUB; raw TeX, a second YAML block, a note nobody refers
to vanished from both outputs; ``@name`` and ``$x$`` stopped the PDF with an error naming no file;
a raw tag whose handler sat on its next line reached the EPUB; a quotation's ``<b>``, which the
source has as text, became markup.
"""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest

from book.epub.package import split_documents
from book.pdf.document import split_documents as split_typst_documents
from book.render.pandoc import OutsideDocuments


def _chapter(minimal: Path) -> Path:
    return minimal / "chapters" / "01-first.md"


def _add(minimal: Path, text: str) -> None:
    """Put ``text`` in the commentary, before a last paragraph the test looks for in the outputs."""
    chapter = _chapter(minimal)
    chapter.write_text(chapter.read_text(encoding="utf-8").replace(
        "Our own commentary.", f"Our own commentary.\n\n{text}\n\nZebra crossing at the end.", 1), encoding="utf-8")


def _line_of(minimal: Path, needle: str) -> int:
    lines = _chapter(minimal).read_text(encoding="utf-8").split("\n")
    return next(number for number, line in enumerate(lines, start=1) if needle in line)


def _only_error(result, code: str) -> str:
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if "error[" in line]
    assert len(lines) == 1 and f"error[{code}]" in lines[0], result.stderr
    return lines[0]


def _printed(out: Path) -> tuple[str, str]:
    """The EPUB's chapter text and the PDF's text, as a reader sees them (spaces folded)."""
    [epub] = out.glob("*.epub")
    with zipfile.ZipFile(epub) as book:
        xhtml = book.read("EPUB/ch01-first.xhtml").decode("utf-8")
    [pdf] = out.glob("*.pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(xhtml.split()), " ".join(text.split())


UNBALANCED = {
    "a stray </div>": ("</div>", "</div>", "a stray </div>"),
    "a stray </DIV >": ("</DIV >", "</DIV >", "a stray </div>"),
    "a close tag over two lines": ("</div\n>", "</div", "a stray </div>"),
    "a <div> never closed": ('<div class="aside">\n\nWords.', '<div class="aside">', "<div> is not closed"),
    "a table never closed": ("<table><tr><td>cell", "<table>", "<table> is not closed"),
    "crossed tags": ("<div><span>x</div></span>", "</div></span>", "</div> closes <div> while <span>"),
    "a <div/>": ("<div/> text", "<div/>", "<div> is not closed"),
}


@pytest.mark.parametrize("kind", sorted(UNBALANCED))
def test_raw_html_that_does_not_balance_is_refused_at_its_place(minimal, cli, tmp_path, kind):
    """A stray ``</div>`` closed pandoc's section early: the rest of it vanished from the EPUB, exit 0."""
    text, needle, said = UNBALANCED[kind]
    _add(minimal, text)
    result = cli("build", "all", "-m", str(minimal), "--out-dir", str(tmp_path / "out"))
    assert result.exit_code == 1
    line = _only_error(result, "E244")
    number = _line_of(minimal, needle)
    column = _chapter(minimal).read_text(encoding="utf-8").split("\n")[number - 1].index(needle) + 1
    assert f"01-first.md:{number}:{column}:" in line and said in line
    assert not (tmp_path / "out").exists()


def test_raw_html_may_not_run_across_a_fenced_div(minimal, cli):
    """A ``<div>`` opened in one section and closed in the next swallows the fence between them."""
    chapter = _chapter(minimal)
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.replace("The reply, with a note.", "The reply, with a note.\n\n<div>", 1)
                       .replace("Our own commentary.", "</div>\n\nOur own commentary.", 1), encoding="utf-8")
    result = cli("check", "-m", str(minimal))
    line = _only_error(result, "E244")
    assert f"01-first.md:{_line_of(minimal, '<div>')}:1:" in line and "before the fenced div" in line


def test_a_comment_that_hides_a_quotation_is_refused(minimal, cli):
    """An HTML comment opened before an excerpt and closed after it hid the verified quotation."""
    chapter = _chapter(minimal)
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.replace("A neighbour's offer follows.", "<!-- A neighbour's offer follows.", 1)
                       .replace(":::\n:::\n", ":::\n\n-->\n:::\n", 1), encoding="utf-8")
    result = cli("check", "-m", str(minimal))
    line = _only_error(result, "E244")
    assert f"01-first.md:{_line_of(minimal, '<!--')}:1:" in line and "comment" in line


@pytest.mark.parametrize("text", [
    '<div class="aside">\n\nA *Markdown* paragraph in a div.\n\n</div>',
    "<span>x</span> and a <br> and <hr/> and <wbr>",
    "<!-- an editor's note with a </div> in it -->",
    "`</div>` in code, and\n\n```\n</div>\n```",
    "a < b and c > d",
])
def test_balanced_raw_html_passes(minimal, cli, text):
    _add(minimal, text)
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 0, result.stderr


def test_text_pandoc_puts_outside_every_document_stops_the_build_naming_the_chapter(minimal, cli, tmp_path,
                                                                                     monkeypatch):
    """The net behind E244: whatever ends a document early, its text is never dropped."""
    import book.editorial.rules as rules

    monkeypatch.setattr(rules, "RULES", [r for r in rules.RULES if r.run is not rules.check_html_balance])
    _add(minimal, "</div>")
    result = cli("build", "epub", "-m", str(minimal), "--out-dir", str(tmp_path / "out"))
    assert result.exit_code == 1
    line = _only_error(result, "E245")
    assert "01-first.md:" in line and "Zebra crossing" in line
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("html", [
    '<div class="book-doc" id="p__a"><p>A</p></div><p>lost words</p>',
    '<p>lost words</p><div class="book-doc" id="p__a"><p>A</p></div>',
    '<div class="book-doc" id="p__a"><p>A</p><div class="book-doc" id="p__b"><p>B</p></div></div>',
])
def test_the_epub_split_keeps_nothing_outside_a_document(html):
    with pytest.raises(OutsideDocuments) as raised:
        split_documents(html)
    assert raised.value.doc_id == "a"


def test_the_typst_split_keeps_nothing_outside_a_document():
    typst = "// @@doc p__a\nA\n// @@end p__a\nlost words\n// @@doc p__b\nB\n// @@end p__b\n"
    with pytest.raises(OutsideDocuments) as raised:
        split_typst_documents(typst)
    assert raised.value.doc_id == "a" and "lost words" in raised.value.text
    assert split_typst_documents(typst.replace("lost words\n", "\n")) == {"a": "A\n", "b": "B\n"}


def test_a_tag_over_two_lines_is_held_to_the_allow_list(minimal, cli):
    """``<span`` on one line and ``onclick=…>`` on the next reached the EPUB: no line held the whole tag."""
    _add(minimal, '<span\nonclick="alert(1)">x</span>')
    result = cli("check", "-m", str(minimal))
    line = _only_error(result, "E221")
    assert f"01-first.md:{_line_of(minimal, '<span')}:1:" in line and "onclick" in line


LITERAL = {
    "raw TeX": r"Set \textbf{bold} here.",
    "a TeX environment": "\\begin{comment}\nHidden words.\n\\end{comment}",
    "a TeX macro": "\\newcommand{\\zz}{Macro words.}\n\nUse \\zz here.",
    "a YAML block": "---\nnote: Metadata words.\n---",
    "a mention": "@Sarah agreed, and so did [@Tom, p. 3].",
    "dollars": "$x^2$ and $$y$$ cost $5.",
}
SHOWN = {"raw TeX": "\\textbf{bold}", "a TeX environment": "Hidden words.", "a TeX macro": "Macro words.",
         "a YAML block": "Metadata words.", "a mention": "@Sarah agreed", "dollars": "$x^2$"}


@pytest.mark.parametrize("kind", sorted(LITERAL))
def test_markdown_pandoc_would_read_as_tex_metadata_or_citations_is_printed_as_written(minimal, cli, tmp_path, kind):
    """Raw TeX and a second YAML block vanished from both outputs; ``@name`` and ``$x$`` stopped the PDF."""
    _add(minimal, LITERAL[kind])
    result = cli("build", "all", "-m", str(minimal), "--out-dir", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    epub, pdf = _printed(tmp_path / "out")
    for text in (epub, pdf):
        assert SHOWN[kind] in text and "Zebra crossing at the end." in text


def test_a_note_nobody_refers_to_is_refused_at_its_line(minimal, cli):
    """Pandoc drops a note definition no ``[^label]`` refers to: its words vanished from both outputs."""
    _add(minimal, "A paragraph.\n\n[^aside]: Words in a note never referred to.")
    result = cli("check", "-m", str(minimal))
    line = _only_error(result, "E246")
    assert f"01-first.md:{_line_of(minimal, '[^aside]:')}:1:" in line and "[^aside]" in line


def test_notes_referred_to_pass(minimal, cli):
    _add(minimal, "One[^a] and two[^b].\n\n[^a]: First.\n\n[^b]: Second, which cites [^a] too.")
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("quoted, shown", [("<b>", "<b>"), ("<!-- x -->", "<!--"), ("<https://x.org>", "https://x.org")])
def test_markup_in_a_quotation_that_the_source_has_as_text_is_refused(minimal, cli, quoted, shown):
    """The source holds ``\\<b>`` (text a writer typed); a quotation of it as ``<b>`` matched, and pandoc
    made it a tag: the quoted characters vanished from the book."""
    source = minimal / "sources" / "garden-letters.yaml"
    escaped = quoted.replace("<", "\\<")
    source.write_text(source.read_text(encoding="utf-8").replace(
        "Patience is the whole of the secret.", f"Patience is the whole of the secret. Roses {escaped} bloom late.",
        1), encoding="utf-8")
    chapter = _chapter(minimal)
    chapter.write_text(chapter.read_text(encoding="utf-8").replace(
        "Our own commentary.", "Our own commentary.\n\n::: {.excerpt source=\"garden-letters\" unit=\"c2\"}\n"
        f"Roses {quoted} bloom late.\n:::", 1), encoding="utf-8")
    result = cli("check", "-m", str(minimal))
    line = _only_error(result, "E247")
    number = _line_of(minimal, f"Roses {quoted}")
    assert f"01-first.md:{number}:7:" in line and shown in line


@pytest.mark.parametrize("text, needle, column", [
    ("> ##### A heading in a quotation", "> #####", 3),
    ("- ##### A heading in a list", "- #####", 3),
    ("A setext heading\n================", "A setext heading", 1),
    ("### Third\n\nA setext heading under it\n-------------------------", "A setext heading under it", 1),
])
def test_a_heading_in_any_form_pandoc_reads_is_held_to_its_level(minimal, cli, tmp_path, text, needle, column):
    """A skipped level in a quotation or a list item stopped the PDF (PDF/UA-1) naming no file; a setext
    heading as high as the chapter's title passed."""
    _add(minimal, text)
    result = cli("build", "all", "-m", str(minimal), "--out-dir", str(tmp_path / "out"))
    line = _only_error(result, "E239")
    assert f"01-first.md:{_line_of(minimal, needle)}:{column}:" in line


@pytest.mark.parametrize("where, old, new, code", [
    ("book.yaml", "    type: epigraph", "    type: 'epigraph\" onclick=\"alert(1)'", "E104"),
    ("front/preface.md", "type: preface", "type: 'preface other words'", "E218"),
])
def test_a_semantic_type_is_a_term_never_markup(minimal, cli, where, old, new, code):
    """The chapter template writes a section's ``type`` into an attribute: ``x" onclick="…`` reached the EPUB."""
    path = minimal / where
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    result = cli("check", "-m", str(minimal))
    line = _only_error(result, code)
    assert f"{where}:" in line and "EPUB semantic term" in line


def test_raw_html_past_reason_is_refused_before_pandoc_runs(minimal, cli, tmp_path):
    """100,000 comments in one paragraph took pandoc 45 s per output (build all: 75 s)."""
    import time

    from book.editorial.rules import MAX_RAW_HTML

    _add(minimal, " ".join("<!-- c -->" for _ in range(MAX_RAW_HTML + 5)))
    started = time.monotonic()
    result = cli("build", "all", "-m", str(minimal), "--out-dir", str(tmp_path / "out"))
    line = _only_error(result, "E249")
    line_number = _line_of(minimal, "<!-- c -->")
    column = len("<!-- c --> ") * MAX_RAW_HTML + 1
    assert f"01-first.md:{line_number}:{column}:" in line
    assert time.monotonic() - started < 20


def test_an_imported_line_that_looks_like_a_fence_is_escaped():
    """A writer's ``:::`` line, copied into an excerpt, closed the excerpt's div in the chapter."""
    from book.sources.clean import escape_markdown_line

    assert escape_markdown_line("::: {.excerpt source=\"x\"}") == "\\::: {.excerpt source=\"x\"}"
    assert escape_markdown_line(":::") == "\\:::"
    assert escape_markdown_line("a ::: b") == "a ::: b"
