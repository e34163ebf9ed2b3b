"""Quotation marks survive the trip to Typst the way the reader and the writers set them."""

from __future__ import annotations

from pypdf import PdfReader

from pdf_helpers import build


def test_closing_quote_after_an_ellipsis_stays_closing(book_copy, tmp_path):
    book = book_copy("minimal")
    chapter = book / "chapters" / "02-second.md"
    chapter.write_text(chapter.read_text().replace(
        "Words before the chapter.", "‘Words before the chapter, changed …’ and it’s done."))
    built = build(book, tmp_path / "q.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(built.path).pages)
    assert "changed …’ and it’s done" in " ".join(text.split())


def test_two_chapters_may_use_the_same_note_label(book_copy, tmp_path):
    book = book_copy("minimal")
    second = book / "chapters" / "02-second.md"
    second.write_text(second.read_text().replace("Another letter.", "Another letter.[^1]\n\n[^1]: The second note."))
    built = build(book, tmp_path / "n.pdf")
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(built.path).pages)
    assert "The second note." in text and "The note’s text" in text
