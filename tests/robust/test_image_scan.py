"""The check's image scanner sees every image pandoc will put in the book.

The check judges images (remote, missing, without alt text) from the Markdown before pandoc runs;
an image it did not see would reach the EPUB unchecked (a remote ``<img src="https://…">``). So the
scanner is held to pandoc's own reading: on generated documents mixing every form of image and
its look-alikes, each address in pandoc's AST is one the scanner found.
"""

from __future__ import annotations

import subprocess
from urllib.parse import unquote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from book.manuscript.scan import image_refs
from book.render.pandoc import HTML_ARGS
from book.support.tools import pandoc_path

from .pandoc_ast import elements, pandoc_blocks
from .test_fuzz import settings  # noqa: F401  (the "book" profile: bounded examples in CI)


def pandoc_images(text: str) -> list[str]:
    """Every image address in pandoc's reading of ``text``, in document order (pandoc writes a
    space as ``%20``; the scanner keeps the file's name)."""
    return [unquote(element["c"][2][0]) for element in elements(pandoc_blocks(text)) if element["t"] == "Image"]


@pytest.mark.parametrize("text, src, line, column", [
    ("![alt](images/a.png)", "images/a.png", 1, 1),
    ("Text ![alt](<images/a b.png> \"t\") more", "images/a b.png", 1, 6),
    ("![a [nested] alt](x(1).png)", "x(1).png", 1, 1),
    ("![alt](\n  https://example.org/a.png)", "https://example.org/a.png", 1, 1),
    ("x\n\n![alt][pic]\n\n[pic]: https://example.org/a.png", "https://example.org/a.png", 3, 1),
    ("![Pic]\n\n> [pic]:\n>   <https://example.org/a.png>", "https://example.org/a.png", 1, 1),
    ("![alt][]\n\n[ALT]: https://example.org/a.png 'title'", "https://example.org/a.png", 1, 1),
    ("![alt](http&#58;//example.org/a.png)", "http://example.org/a.png", 1, 1),
    ("![alt](https\\://example.org/a.png)", "https://example.org/a.png", 1, 1),
    ("A line.\n    ![alt](a.png)", "a.png", 2, 5),                  # indented in a paragraph: text
    ("- An item.\n\n    ![alt](a.png)", "a.png", 3, 5),           # a list item's next paragraph
])
def test_every_form_of_image_is_found_where_it_is(text, src, line, column):
    [ref] = image_refs(text)
    assert (ref.src, ref.line, ref.column) == (src, line, column)
    assert pandoc_images(text) == [src]


@pytest.mark.parametrize("text", ["`![alt](a.png)`", "```\n![alt](a.png)\n```", "\\![alt](a.png)",
                                  "![alt][undefined]", "![alt\n\nstill](a.png)", "[^n]: ![x]\n",
                                  "Code:\n\n    ![alt](a.png)", "- An item.\n\n        ![alt](a.png)",
                                  "> A quote.\n>\n>     ![alt](a.png)", "x\n\n    [r]: a.png\n\n![alt][r]"])
def test_what_pandoc_does_not_show_as_an_image_is_not_one(text):
    assert image_refs(text) == []
    assert pandoc_images(text) == []


_PARAGRAPH_PIECES = [
    "![alt](a.png)", "![a [b] c](b.png)", "![x](<c d.png>)", "![x](e(1).png \"t\")", "![x](\n f.png)",
    "![y][r1]", "![r2]", "![z][]", "![R1][]", "[r1]: g.png", "[r2]:\n  <h.png>", "> [r3]: i.png", "![q][r3]",
    "![x](http&#58;//j.org/a.png)", "![x](k\\).png)", "`![x](code.png)`", "\\![x](escaped.png)",
    "[link](l.png)", "![", "]", "(", ")", "[", "!", "\n", "\n\n", " ", "text", "&amp;", "![^1]", "[^1]: note",
    "**![bold](m.png)**", "* ![item](n.png)", "![x](o.png){width=50%}", "``a ` b``", "`",
    "    ![code](p.png)", "\n\n    ", "\t![tab](q.png)", "- item\n\n    ![para](r.png)",
]
_FENCES = ["```\n![x](fence.png)\n```", "```", "~~~\n", "````py\n"]


@given(st.lists(st.tuples(st.sampled_from(_PARAGRAPH_PIECES), st.sampled_from([" ", "\n", "\n\n"])),
                max_size=14).map(lambda pairs: "".join(piece + gap for piece, gap in pairs)))
def test_the_scanner_sees_every_image_pandoc_sees(text):
    """Pieces of Markdown with a space or a line break between them, as an editor writes them."""
    found = {ref.src for ref in image_refs(text)}
    assert set(pandoc_images(text)) <= found


@given(st.lists(st.sampled_from(_PARAGRAPH_PIECES + _FENCES), max_size=14).map("".join))
def test_an_image_the_scanner_misses_is_stopped_after_pandoc(text):
    """Code spans and fences interleaved can be read by pandoc in ways the scanner does not follow;
    whatever image it misses is then in pandoc's output, where E243's net finds it."""
    from book.render.addresses import _addresses, _problem

    found = {ref.src for ref in image_refs(text)}
    html = subprocess.run([pandoc_path(), *HTML_ARGS], input=text, capture_output=True, text=True,
                          check=True).stdout
    missed = set(pandoc_images(text)) - found
    flagged = {address for what, address in _addresses(html, "xhtml")
               if _problem(what, address, found) is not None}
    assert missed <= flagged


def _mask_by_lines(text: str, blank_inline_code: bool) -> str:
    """The mask as every line is followed (the slow way the shortcut must agree with)."""
    from book.manuscript.scan import lines_outside_code

    kept = dict(lines_outside_code(text, blank_inline_code=blank_inline_code))
    return "\n".join(kept.get(number, " " * len(line)) for number, line in enumerate(text.split("\n"), start=1))


_LINES = ["```", "~~~", "````", "~~~~ x", "``", "~~", "a `b` c", "x ``` y", "![a](b.png)", "", "[b]: c.png", "`",
          # near indented code: three spaces, in a list item or a quote, and indented code itself
          "    ![c](d.png)", "\t<x>", "   ![e](f.png)", "- item", "1. item", ">  quote", ">     code", "      ![g](h.png)"]


@given(st.lists(st.sampled_from(_LINES), max_size=8).map("\n".join), st.booleans())
def test_a_text_without_fences_or_spans_is_its_own_mask(text, blank_inline_code):
    """The shortcut of ``_mask_code`` (no fence, no indented code, no code span: nothing to blank) gives
    what following every line gives, on texts full of near-fences (two backticks, a fence inside a
    line) and near-indented code (three spaces, list items and quotes, indented lines)."""
    from book.manuscript.scan import _mask_code

    assert _mask_code(text, blank_inline_code=blank_inline_code) == _mask_by_lines(text, blank_inline_code)


def test_each_text_is_scanned_for_images_once_per_process(monkeypatch):
    """The image rules, the build's list of inputs, the check of pandoc's addresses and the package
    all ask for the book's images: a text is scanned once, and asked again it gives the same refs."""
    import book.manuscript.scan as scan

    scanned: list[str] = []
    real = scan.outside_code
    monkeypatch.setattr(scan, "outside_code", lambda text: scanned.append(text) or real(text))
    scan._image_refs.cache_clear()
    text = "A ![picture](images/a.png) and ![another][b].\n\n[b]: images/b.png\n"
    first = scan.image_refs(text)
    assert [ref.src for ref in first] == ["images/a.png", "images/b.png"]
    for _ in range(3):
        assert scan.image_refs(text) == first
    assert scanned == [text]
    first.clear()                       # a caller's list is its own
    assert len(scan.image_refs(text)) == 2
