"""E538 counts notes per paragraph as pandoc reads paragraphs.

The bound on notes in one paragraph (``MAX_NOTES_IN_PARAGRAPH``) cuts a file where
:func:`book.editorial.rules._paragraph_breaks` says a paragraph may end. Held to pandoc's AST:
the words of one of pandoc's paragraphs (a ``Para``, a list item's or a table cell's ``Plain``, a
line block) are never cut apart, whatever the blocks around them (lazy lines, markers pandoc reads
as text, tables), so no paragraph ever holds more notes than the bound; and a tight list's items
and a table's rows are cut apart, as pandoc and Typst set them.
"""

from __future__ import annotations

import bisect

import pytest
from hypothesis import given
from hypothesis import strategies as st

from book.editorial.rules import _paragraph_breaks

from .pandoc_ast import elements, pandoc_blocks
from .test_code_blocks import _LINES, _NOTES, _RARE, _WORD
from .test_fuzz import settings  # noqa: F401  (the "book" profile: bounded examples in CI)

_PARAGRAPHS = ("Para", "Plain", "LineBlock", "Header")
_TABLES = ["| {} | b |", "|---|---|", "|:--|--:|", "{} | b", "--|--", "+---+---+", "+===+===+", "| {} | c |",
           "1986. {}", "{} 1986. x", "  - {}", "lazy {}", "  a   b", " ---  ---", "<!--", "-->", "<!-- {}", "{} -->",
           "<div>", "</div>", "> > {}", ">> {}"]


def pandoc_paragraphs(text: str) -> list[set[str]]:
    """The words of each of pandoc's paragraphs in ``text``, outside notes and links' addresses."""

    def words(node: object) -> set[str]:
        if isinstance(node, dict):
            if node.get("t") in ("Link", "Image"):
                return words(node["c"][1])        # its text, not its address (a reference's, given elsewhere)
            return set() if node.get("t") == "Note" else set().union(*map(words, node.values()))
        if isinstance(node, list):
            return set().union(*map(words, node)) if node else set()
        return set(_WORD.findall(node)) if isinstance(node, str) else set()

    def stop(element: dict) -> bool:
        return element["t"] == "Note" or element["t"] in _PARAGRAPHS

    return [words(element) for element in elements(pandoc_blocks(text), stop) if element["t"] in _PARAGRAPHS]


def paragraph_of(text: str) -> dict[str, int]:
    """The paragraph the check counts each word in, by number."""
    breaks = _paragraph_breaks(text)
    return {match.group(0): bisect.bisect_right(breaks, match.start()) for match in _WORD.finditer(text)}


def _document(templates: list[str]) -> str:
    words = [f"zq{number}" for number in range(len(templates))]
    return _NOTES + "\n".join(template.format(word) for template, word in zip(templates, words, strict=True))


def _cut(text: str) -> list[set[str]]:
    """Pandoc's paragraphs whose words the check counts in more than one paragraph."""
    ours = paragraph_of(text)
    return [words for words in pandoc_paragraphs(text) if len({ours[word] for word in words if word in ours}) > 1]


@given(st.lists(st.sampled_from(_LINES + _RARE + _TABLES), max_size=16))
def test_no_paragraph_of_pandocs_is_cut(templates):
    text = _document(templates)
    assert not _cut(text), text


@pytest.mark.parametrize("templates", [
    ["> {}", "lazy {}", "    lazy {}", "> - {}"],         # lazy lines of a block quote, and a marker in it
    ["{}", "1986. {}", "- {}", "  2. {}"],                  # markers pandoc reads as the paragraph's text
    ["- {}", "  {}", "lazy {}", "  1986. {}"],              # a list item's lazy line, then a nested list
    ["| {} | b |", "|---|---|", "| {} | c |", "{}"],       # a pipe table, then a paragraph with no blank line
])
def test_paragraphs_pandoc_reads_on_are_not_cut(templates):
    text = _document(templates)
    assert not _cut(text), text


@pytest.mark.parametrize("templates", [
    ["- {}", "- {}", "- {}"],
    ["1. {}", "2. {}", "3. {}"],
    ["| {} | b |", "|---|---|", "| {} | c |", "| {} | d |"],
    ["{} | b", "--|--", "{} | c", "{} | d"],
])
def test_each_item_and_row_is_a_paragraph_of_its_own(templates):
    text = _document(templates)
    ours = paragraph_of(text)
    assert [len(words) for words in pandoc_paragraphs(text) if words] == [1, 1, 1], text
    assert len({ours[f"zq{number}"] for number, template in enumerate(templates) if "{}" in template}) == 3, text


@pytest.mark.parametrize("piece", ["- a[^1]\n", "| a[^1] | b |\n|---|---|\n", "> a[^1]\nlazy\n>\n", "a\n1986. b\n\n"])
def test_the_paragraphs_are_found_in_linear_time(piece):
    """Eight times the text costs about eight times the time, whatever its blocks."""
    import time

    def cost(count: int) -> float:
        text = piece * count
        start = time.perf_counter()
        _paragraph_breaks(text)
        return time.perf_counter() - start

    small, large = min(cost(500) for _ in range(3)), min(cost(4000) for _ in range(3))
    assert large < 8 * 4 * small + 0.05, (small, large)
