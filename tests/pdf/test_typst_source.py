"""The way in: pandoc's Typst from the shared chapter model, the Lua filter, the main file."""

from __future__ import annotations

import re

import datetime as dt
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest
from pdf_helpers import FIXTURES, struct_elements

from book.context import BuildContext
from book.manuscript.styles import make_environment
from book.pdf.document import (
    _IMAGE,
    split_documents,
    typeset_pdf,
    typst_for_docs,
    typst_literal,
    typst_source,
)
from book.pipeline import check
from book.render import render
from book.render.chapters import RenderedBook


@pytest.fixture(scope="module")
def minimal():
    checked = check(BuildContext(FIXTURES / "minimal", Path("unused")), lambda _: None)
    return checked.printed, render(checked, lambda _: None)


def with_excerpt(manuscript, rendered: RenderedBook, who: str | None = "Jane Q. Reader") -> RenderedBook:
    """The minimal book with an excerpt rendered by the shared excerpt template, as a verified one is."""
    env = make_environment(manuscript.styles_dirs)
    attribution = SimpleNamespace(who=who, role=None, kind="comment", title="What I Wish",
                                  site="The Listening Room", date="14 March 2011")
    block = {"text": "My therapist says I am *guarded*.\n\nI say I am careful.", "source": "s1", "unit": "c3",
             "attribution": attribution}
    excerpt = str(env.get_template("excerpt.md.j2").module.excerpt(block))
    docs = list(rendered.docs)
    index = next(i for i, d in enumerate(docs) if d.id == "ch01-first")
    marker = "Our own commentary.\n"
    assert marker in docs[index].markdown
    docs[index] = replace(docs[index], markdown=docs[index].markdown.replace(marker, marker + "\n" + excerpt + "\n"))
    return RenderedBook(tuple(docs))


def test_one_document_per_book_doc(minimal):
    manuscript, rendered = minimal
    bodies = typst_for_docs(rendered, manuscript)
    assert list(bodies) == [d.id for d in rendered.docs]
    assert "#heading(level: 1, supplement: [Chapter 1])[The First Chapter] <ch01-first:ch01-first-title>" in bodies["ch01-first"]
    assert '#book-section(name: "epigraph", kind: "epigraph")[' in bodies["ch02-second"]
    assert "#ornament()" in bodies["ch01-first"]
    assert "#footnote[" in bodies["preface"]


def test_excerpt_becomes_a_block_quote_with_its_attribution(minimal, tmp_path):
    manuscript, rendered = minimal
    book = with_excerpt(manuscript, rendered)
    body = typst_for_docs(book, manuscript)["ch01-first"]
    # the attribution ends the last paragraph, as a line of its own that goes with it; the names tied;
    # the short credit (the writer's name) for a second quotation of the same source and writer
    assert "I say I am careful.#credit-line(credit-text([Jane Q. Reader, in a " \
           "comment on “What~I~Wish”, #emph[The~Listening~Room], 14 March 2011], short: [Jane Q. Reader], " \
           "key: " in body
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(typeset_pdf(manuscript, book, dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)))
    kinds = [e["/S"] for e in struct_elements(pdf)]
    assert "/BlockQuote" in kinds


@pytest.mark.parametrize(("who", "short", "key"), [
    ('Jo "JJ" O\'Neil \\ *x*', 'Jo "JJ" O\'Neil \\\\ \\*x\\*', "s1/Jo"),     # quotes, a backslash, Markdown
    ("C.", "C.", "s1/C."),                                               # an initial is not a list marker
    (None, "Anonymous", "s1/unit:c3"),                                   # an unnamed writer: the unit
])
def test_the_short_credit_is_the_writers_name_as_printed(minimal, who, short, key):
    manuscript, rendered = minimal
    body = typst_for_docs(with_excerpt(manuscript, rendered, who), manuscript)["ch01-first"]
    found = re.search(r'What~I~Wish[^\n]*?short: \[(.*?)\], key: "([^"]*)"', body)
    assert found, body
    assert found.group(1) == short and found.group(2).startswith(key)
    assert f"credit-text([{short}, in a comment on" in body          # as the full credit prints the name


def test_split_drops_no_text_outside_markers():
    """Words outside every document were once ignored; they are a document's, and the build says so (E245)."""
    from book.render.pandoc import OutsideDocuments

    text = "// @@doc a chapter\n= A\n\nText.\n// @@end a\n\n// @@doc b matter\nB\n// @@end b\n"
    assert split_documents(text) == {"a": "= A\n\nText.\n", "b": "B\n"}
    for junk, owner in (("junk\n" + text, "a"), (text.replace("\n\n// @@doc b", "\nmore junk\n// @@doc b"), "a"),
                        (text + "after\n", "b")):
        with pytest.raises(OutsideDocuments) as raised:
            split_documents(junk)
        assert raised.value.doc_id == owner and ("junk" in raised.value.text or "after" in raised.value.text)


@pytest.mark.parametrize("value, literal", [
    (None, "none"), (True, "true"), (3, "3"),
    ('Say "hi" \\ #now', '"Say \\"hi\\" \\\\ #now"'),
    ("two\nlines", '"two\\nlines"'),
])
def test_typst_literal(value, literal):
    assert typst_literal(value) == literal


def test_titles_with_markup_characters_are_set_as_text(book_copy, tmp_path):
    from pdf_helpers import build

    book = book_copy("minimal")
    yaml = (book / "book.yaml").read_text().replace("title: A Small Test Book", 'title: "Sets #x [1] *and* \\"$y\\""')
    (book / "book.yaml").write_text(yaml)
    built = build(book, tmp_path / "b.pdf")
    assert 'Sets #x [1] *and* "$y"' in built.page_text(0)


def test_front_matter_order_is_honoured(minimal):
    manuscript, rendered = minimal
    text = typst_source(manuscript, rendered).text
    order = [text.index(call) for call in ("#half-title-page()", "#title-page()", "#copyright-page()",
                                           "#contents-page(", 'id: "preface"', 'id: "ch01-first"')]
    assert order == sorted(order)


def test_images_carry_their_alt_text(book_copy, tmp_path):
    from pdf_helpers import build

    book = book_copy("minimal")
    (book / "images").mkdir()
    (book / "images" / "pic.png").write_bytes((FIXTURES / "long" / "images" / "pixel.png").read_bytes())
    chapter = book / "chapters" / "01-first.md"
    chapter.write_text(chapter.read_text().replace(
        "Our own commentary.", "Our own commentary.\n\n![A grey square](images/pic.png){width=40%}\n\n"
        "A mark ![an inline mark](images/pic.png){width=8px} in a line."))
    built = build(book, tmp_path / "b.pdf")
    alts = {e.get("/Alt") for e in struct_elements(built.path) if e["/S"] == "/Figure"}
    assert {"A grey square", "an inline mark"} <= alts
    assert "A grey square" in " ".join(built.page_text(i) for i in range(len(built.labels)))  # the caption


@pytest.mark.parametrize("markdown, image", [
    ("![A cat asleep](cat.png)", True),
    ("![^not a label](cat.png)", True),
    ("I said no![^ch01-3] and left.", False),
    ("No images here.", False),
])
def test_images_are_told_from_notes_after_an_exclamation(markdown, image):
    """Only a real image makes the Lua filter walk every inline element (slow on a long book)."""
    assert bool(_IMAGE.search(markdown)) is image


@pytest.mark.parametrize("book", [FIXTURES / "minimal", FIXTURES / "long",
                                  Path(__file__).resolve().parents[2] / "manuscript"])
def test_the_layout_settles(book):
    """Vertical justification reads each page's spare room back from the layout before it (book.typ's
    `stretch`), so Typst lays the book out again until nothing moves. It must settle within Typst's
    five attempts: otherwise the last attempt's pages are printed, with their page numbers and running
    heads unchecked (a stretch inside a container, which fractional spacing filled to the foot of the
    page, moved the minimal book's pages on every attempt)."""
    import typst

    checked = check(BuildContext(book, Path("unused")), lambda _: None)
    source = typst_source(checked.printed, render(checked, lambda _: None))
    compiler = typst.Compiler(root=str(source.root), font_paths=[str(p) for p in source.font_paths],
                              ignore_system_fonts=True)
    _pdf, warnings = compiler.compile_with_warnings(input=source.text.encode("utf-8"), format="pdf")
    unsettled = [str(w) for w in warnings if "converge" in str(w) or "stabilize" in str(w)]
    assert not unsettled, unsettled


def test_a_very_long_paragraph_is_set_first_fit_without_hyphenation_or_tracking(minimal, monkeypatch):
    """Above LONG_PARAGRAPH characters a paragraph is broken first-fit (the optimal breaker takes
    minutes on megabytes), and neither hyphenated nor tracked (a third of Typst's time on a 5 MB
    paragraph); it stays one paragraph, and the shorter ones keep the book's setting."""
    import book.pdf.document

    monkeypatch.setattr(book.pdf.document, "LONG_PARAGRAPH", 1000)
    manuscript, rendered = minimal
    long = "Our own commentary. " + "A long run of words for the test. " * 40
    docs = tuple(replace(d, markdown=d.markdown.replace("Our own commentary.", long.strip(), 1))
                 if d.id == "ch01-first" else d for d in rendered.docs)
    body = typst_for_docs(RenderedBook(docs), manuscript)["ch01-first"]
    rule = ('#[#set par(linebreaks: "simple", justification-limits: (tracking: (min: 0em, max: 0em)));'
            '#set text(hyphenate: false);')
    assert body.count(rule) == 1
    wrapped = body[body.index(rule):]
    inside = wrapped[len(rule):wrapped.index("]")].strip()
    assert inside.startswith("Our own commentary. A long run") and "\n\n" not in inside


def test_a_note_in_a_very_long_paragraph_takes_the_paragraphs_rule(minimal, monkeypatch):
    """The filter does not walk on into a long paragraph's inlines (a second of pandoc's time on a
    5 MB paragraph): a long note in it is not wrapped again, since a note's text takes the set rules
    in force where the note stands; a long note in a short paragraph is still wrapped."""
    import book.pdf.document

    monkeypatch.setattr(book.pdf.document, "LONG_PARAGRAPH", 1000)
    manuscript, rendered = minimal
    note = "^[A note that runs on. " + "More words in the note for the test. " * 40 + "]"
    long = "Our own commentary" + note + " " + "A long run of words for the test. " * 40
    short = "Our own commentary" + note
    rule = ('#[#set par(linebreaks: "simple", justification-limits: (tracking: (min: 0em, max: 0em)));'
            '#set text(hyphenate: false);')
    for text, wrapped in ((long.strip(), 1), (short, 1)):
        docs = tuple(replace(d, markdown=d.markdown.replace("Our own commentary.", text, 1))
                     if d.id == "ch01-first" else d for d in rendered.docs)
        body = typst_for_docs(RenderedBook(docs), manuscript)["ch01-first"]
        assert body.count(rule) == wrapped
        assert "#footnote[" in body
        if text == short:
            assert body.index("#footnote[") < body.index(rule), "the note's own paragraph is wrapped"
