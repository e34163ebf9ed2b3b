"""Finding the page of each passage in a PDF: folded text, book order, page labels."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import typst

from book.permissions.pages import find_pages, fold
from book.support.diagnostics import Report


def passage(number: int, text: str) -> SimpleNamespace:
    return SimpleNamespace(number=number, printed=text, source="s", unit=f"c{number}",
                           excerpt=SimpleNamespace(path=Path("chapters/01.md"), line=number))


def make_pdf(tmp_path: Path, pages: list[str]) -> Path:
    source = '#set page(width: 10cm, height: 8cm, numbering: "i")\n#set text(hyphenate: true)\n'
    source += "\n#pagebreak()\n".join(pages)
    pdf = tmp_path / "t.pdf"
    pdf.write_bytes(typst.compile(source.encode("utf-8"), format="pdf"))
    return pdf


def test_fold_ignores_what_typesetting_changes():
    assert fold("“Don’t” — ﬁne,\nself-\nesteem") == fold('"Don\'t" - fine, selfesteem') == "dontfineselfesteem"


def test_a_passage_quoted_twice_is_found_where_it_stands(tmp_path):
    words = "I asked for a hug when I arrived and she backed off and said no more hugs"
    pdf = make_pdf(tmp_path, [words, "Something else entirely, on a page of its own.", "Again: " + words])
    report = Report()
    found = find_pages([passage(1, words), passage(2, "Something else entirely"), passage(3, words)], pdf, report)
    assert found == {1: "i", 2: "ii", 3: "iii"} and report.items == []


def test_a_passage_not_in_the_pdf_is_left_without_a_page_and_named(tmp_path):
    pdf = make_pdf(tmp_path, ["Nothing here matches."])
    report = Report()
    assert find_pages([passage(4, "Words the book never printed at all")], pdf, report) == {}
    [warning] = report.items
    assert warning.code == "E902" and warning.line == 4 and "s#c4" in warning.message
