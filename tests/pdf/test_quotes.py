"""What pandoc hands Typst: quotation marks as the writers set them, notes and labels per chapter."""

from __future__ import annotations

from pdf_helpers import build
from pypdf import PdfReader


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


def test_two_chapters_may_have_the_same_heading_and_link_to_it(book_copy, tmp_path):
    """Each chapter's labels are its own, as each EPUB document's ids are (Typst refuses a duplicate)."""
    book = book_copy("minimal")
    for name, extra in (("01-first.md", "See [the reading list](#further-reading)."), ("02-second.md", "More.")):
        chapter = book / "chapters" / name
        text = chapter.read_text()
        end = text.rstrip().rfind(":::")
        chapter.write_text(text[:end] + f"\n### Further reading\n\n{extra}\n\n" + text[end:])
    built = build(book, tmp_path / "h.pdf")
    reader = PdfReader(built.path)
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert text.count("Further reading") == 2
    dests = {str(annot.get_object().get("/Dest")) for page in reader.pages for annot in page.get("/Annots", [])}
    assert "ch01-first:further-reading" in dests   # the link goes to its own chapter's heading


def test_quotes_are_decided_once_and_read_back_alike_in_the_pdf_and_the_epub(book_copy, tmp_path):
    """An apostrophe after an initial ("W.’s", privacy's initials) is no opening quote in either output."""
    import re
    import zipfile

    from click.testing import CliRunner

    from book.cli import main

    book = book_copy("minimal")
    chapter = book / "chapters" / "02-second.md"
    chapter.write_text(chapter.read_text().replace(
        "Another letter.", "Another letter: Winifred's, then Bartholomew's reply (“patience”), and 'I agree.'"))
    result = CliRunner().invoke(main, ["build", "all", "-q", "-m", str(book), "--out-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    epub = sorted(tmp_path.glob("*.epub"))[0]
    pdf = next(p for p in sorted(tmp_path.glob("*.pdf")) if not p.name.endswith("-cover-wrap.pdf"))
    with zipfile.ZipFile(epub) as archive:
        epub_text = " ".join(re.sub(r"<[^>]+>", " ", archive.read(n).decode()) for n in archive.namelist()
                             if n.endswith(".xhtml"))
    pdf_text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    marks = re.compile(r"\w\.?[‘’]\w?|[‘“”]\w|\w[”]")
    for text in (epub_text, pdf_text):
        assert not re.search(r"\w\.‘", text), "an opening quote after an initial"
        assert "W.’s" in text and "B.’s" in text and "‘I agree.’" in " ".join(text.split())
    assert sorted(set(marks.findall(epub_text))) == sorted(set(marks.findall(pdf_text)))
