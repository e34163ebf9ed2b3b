"""Book conventions, read back from the PDF: trim, folios, rectos, running heads, contents."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pdf_helpers import FIXTURES, build, struct_elements

from book.config import TRIM_SIZES, points
from book.manuscript import load_manuscript
from book.support.diagnostics import Report

ROMAN = re.compile(r"^[ivxlcdm]+$")


def chapters_of(manuscript: Path):
    loaded = load_manuscript(manuscript, Report())
    assert loaded is not None
    return loaded.chapters


def test_page_size_is_the_default_trim(minimal_pdf):
    for page in minimal_pdf.reader.pages:
        assert (round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2)) == (432, 648)


def test_page_size_follows_print_trim(long_pdf):
    width, height = (points(x) for x in TRIM_SIZES["5.5x8.5"])
    for page in long_pdf.reader.pages:
        assert abs(float(page.mediabox.width) - width) < 0.01
        assert abs(float(page.mediabox.height) - height) < 0.01


@pytest.mark.parametrize("trim, size", [("a5", (419.53, 595.28)), ("5x8", (360, 576))])
def test_other_trims(book_copy, tmp_path, trim, size):
    book = book_copy("minimal")
    (book / "book.yaml").write_text((book / "book.yaml").read_text() + f"print:\n  trim: {trim}\n")
    built = build(book, tmp_path / "out.pdf")
    box = built.reader.pages[0].mediabox
    assert (round(float(box.width), 2), round(float(box.height), 2)) == size


def test_custom_trim(book_copy, tmp_path):
    book = book_copy("minimal")
    (book / "book.yaml").write_text((book / "book.yaml").read_text()
                                    + "print:\n  trim: custom\n  width: 130mm\n  height: 200mm\n")
    built = build(book, tmp_path / "out.pdf")
    box = built.reader.pages[0].mediabox
    assert abs(float(box.width) - 130 * 72 / 25.4) < 0.01 and abs(float(box.height) - 200 * 72 / 25.4) < 0.01


def test_page_labels_run_roman_then_arabic(any_pdf):
    labels = any_pdf.labels
    first_body = labels.index("1")
    assert all(ROMAN.match(label) for label in labels[:first_body])
    assert labels[:first_body] == [to_roman(n) for n in range(1, first_body + 1)]
    assert labels[first_body:] == [str(n) for n in range(1, len(labels) - first_body + 1)]
    assert first_body % 2 == 0, "the body's page 1 must be a recto (an odd physical page)"


def test_every_chapter_opens_on_a_recto(any_pdf):
    chapters = chapters_of(any_pdf.manuscript)
    outline = dict(any_pdf.outline())
    for chapter in chapters:
        index = outline[chapter.title]
        assert index % 2 == 0, f"{chapter.title} opens on physical page {index + 1}"
        assert int(any_pdf.labels[index]) % 2 == 1
        assert chapter.title.split()[0] in any_pdf.page_text(index)


def test_outline_has_one_entry_per_chapter_and_body_entries_on_rectos(any_pdf):
    titles = [title for title, _ in any_pdf.outline()]
    for chapter in chapters_of(any_pdf.manuscript):
        assert titles.count(chapter.title) == 1
    labels = any_pdf.labels
    for title, index in any_pdf.outline():
        if not ROMAN.match(labels[index]):
            assert index % 2 == 0, f"outline entry {title!r} is on physical page {index + 1}"
    assert not any(t in titles for t in ("The Letter", "The Reply", "Commentary")), "sections are not bookmarked"


def test_every_chapter_title_is_in_the_text(any_pdf):
    text = " ".join(" ".join(any_pdf.page_text(i).split()) for i in range(len(any_pdf.labels)))
    for chapter in chapters_of(any_pdf.manuscript):
        assert chapter.title in text


def test_contents_page_numbers_are_the_real_pages(any_pdf):
    outline = any_pdf.outline()
    contents_index = dict(outline)["Contents"]
    entries = {}
    for line in any_pdf.page_text(contents_index).splitlines():
        match = re.match(r"^\s*(\S.*?)\s{2,}([ivxlcdm]+|\d+)\s*$", line)
        if match:
            entries[match.group(1).strip()] = match.group(2)
    listed = [title for title, _ in outline if title != "Contents"]
    assert set(listed) <= set(entries), entries
    for title, index in outline:
        if title != "Contents":
            assert entries[title] == any_pdf.labels[index], title


def test_front_matter_order_and_copyright_on_the_verso(long_pdf):
    texts = [long_pdf.page_text(i) for i in range(len(long_pdf.labels))]
    assert "Letters and Replies" in texts[0] and "Edited by" not in texts[0]          # half-title, i
    assert texts[1].strip() == ""                                                    # its blank verso
    assert "Edited by" in texts[2] and "Fixture Press" in texts[2]                   # title page, iii
    assert "© 2026 Ada Editor" in texts[3]                                           # copyright, iv (verso)
    assert "For everyone who wrote in" in texts[4]                                   # dedication, v
    assert "Contents" in texts[6]                                                    # contents on a recto
    assert dict(long_pdf.outline())["Preface"] % 2 == 0


def test_blank_pages_carry_nothing_and_are_versos(long_pdf):
    blanks = [i for i in range(len(long_pdf.labels)) if long_pdf.page_text(i).strip() == ""]
    assert blanks, "the long fixture needs blank versos"
    assert all(i % 2 == 1 for i in blanks), "a blank page is always a verso before a recto opening"


def test_running_heads_and_folios(long_pdf):
    chapters = {c.title: c for c in chapters_of(long_pdf.manuscript)}
    outline = long_pdf.outline()
    openings = {index for _, index in outline}
    labels = long_pdf.labels
    starts = sorted((index, title) for title, index in outline)
    checked = 0
    for index, label in enumerate(labels):
        text = long_pdf.page_text(index)
        if not text.strip() or label.startswith(("i", "v", "x")) and index < 6:
            continue
        first = next(line for line in text.splitlines() if line.strip())
        if index in openings:
            nonblank = [line.split() for line in text.splitlines() if line.strip()]
            title = next(t for i, t in starts if i == index)
            chapter = chapters.get(title)
            running = (chapter.short_title or chapter.title) if chapter else title
            heads = ([label, *"Letters and Replies".split()], [*running.split(), label])
            assert nonblank[0] not in heads, f"opening page {label} has a running head: {nonblank[0]}"
            assert nonblank[-1] == [label], f"opening page {label} has its folio, alone, at the foot"
            assert nonblank.count([label]) == 1
            continue
        owner = max((s for s in starts if s[0] <= index), default=None)
        assert owner is not None
        words = first.split()
        if index % 2 == 1:   # verso: folio outside (left), then the book's title
            assert words[0] == label and " ".join(words[1:]) == "Letters and Replies", first
        else:                # recto: the chapter's (short) title, then the folio outside (right)
            chapter = chapters.get(owner[1])
            expected = (chapter.short_title or chapter.title) if chapter else owner[1]
            assert words[-1] == label and " ".join(words[:-1]) == expected, first
        checked += 1
    assert checked > 10


def test_short_title_in_running_head(long_pdf):
    assert any(line.split()[:1] == ["Believed"]
               for i in range(len(long_pdf.labels)) for line in long_pdf.page_text(i).splitlines()[:1])


def test_hyphenation_in_the_books_language(long_pdf):
    text = "\n".join(long_pdf.page_text(i) for i in range(len(long_pdf.labels)))
    # Typst breaks at a soft hyphen (U+00AD), which text extraction and screen readers drop.
    assert re.search("[a-z]\u00ad\n", text), "justified text of this length should hyphenate some words"


def test_with_cover_adds_an_unnumbered_cover(tmp_path):
    built = build(FIXTURES / "minimal", tmp_path / "screen.pdf", "--with-cover")
    labels = built.labels
    assert labels[:3] == ["", "", "i"]
    assert built.page_text(0).strip() == ""          # the cover is a picture ...
    alts = [str(e.get("/Alt")) for e in struct_elements(built.path) if e.get("/S") == "/Figure"]
    assert any(alt.startswith("Cover: A Small Test Book") for alt in alts)   # ... with a text alternative
    assert labels.index("1") % 2 == 0


def to_roman(number: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while number >= value:
            out += letters
            number -= value
    return out
