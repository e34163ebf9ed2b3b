"""Text in an indented code block is code for every rule, as pandoc prints it: a ``</div>``, a
``[^note]:`` or a ``# heading`` shown in one is words about markup, never markup. (A heading's
marks are words in a paragraph too, where pandoc reads no heading: E239 follows the same reading.)

Each rule that reads the text "outside code" is tried twice: the markup in a code block (four
spaces or a tab after a blank line, in a list item four columns in from its text, in a block
quote) passes; the same markup where pandoc reads it (a paragraph, a list item's next paragraph,
a line indented inside a paragraph) is still refused at its line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from book.editorial.rules import check_manuscript
from book.manuscript import load_manuscript
from book.support.diagnostics import Report

MARKUP = {
    "E220": "<script>alert(1)</script>",
    "E221": '<span style="color: red">red</span>',
    "E244": "</div>",
    "E232": "![A rose](https://example.org/rose.png)",
    "E223": "[a page](data:text/html,hello)",
    "E239": "# A heading as high as the chapter's title",
    "E246": "[^aside]: A note nobody refers to.",
}
IN_CODE = {
    "indented": "\n\n    {}\n",
    "a tab": "\n\n\t{}\n",
    "after a heading": "\n\n### Example\n    {}\n",
    "in a list item": "\n\n- An item.\n\n        {}\n",
    "in a block quote": "\n\n> A quotation.\n>\n>     {}\n",
    "between code lines": "\n\n    first line\n\n    {}\n\n    last line\n",
    "a fence in a list item": "\n\n- An item.\n\n  ```\n  {}\n  ```\n",
}
AS_TEXT = {
    "a paragraph": "\n\n{}\n",
    "indented in a paragraph": "\n\nA line.\n    {}\n",
    "a list item's paragraph": "\n\n- An item.\n\n  {}\n",
    "a list item's paragraph, indented more": "\n\n- An item.\n\n    {}\n",
}
# Where pandoc reads the line as a paragraph's text: a heading's marks there are words.
WORDS_THERE = {("E239", "indented in a paragraph"), ("E239", "a list item's paragraph, indented more")}


def _check(root: Path, text: str) -> Report:
    chapter = root / "chapters" / "01-first.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("Our own commentary.",
                                                                    "Our own commentary." + text, 1), encoding="utf-8")
    report = Report()
    manuscript = load_manuscript(root, report)
    assert manuscript is not None, [d.format() for d in report.items]
    check_manuscript(manuscript, report)
    return report


def _line_of(root: Path, needle: str) -> int:
    lines = (root / "chapters" / "01-first.md").read_text(encoding="utf-8").split("\n")
    return next(number for number, line in enumerate(lines, start=1) if needle in line)


@pytest.mark.parametrize("place", sorted(IN_CODE))
@pytest.mark.parametrize("code", sorted(MARKUP))
def test_markup_in_an_indented_code_block_is_words(minimal, code, place):
    report = _check(minimal, IN_CODE[place].format(MARKUP[code]))
    assert [d.format() for d in report.errors] == []


@pytest.mark.parametrize("place", sorted(AS_TEXT))
@pytest.mark.parametrize("code", sorted(MARKUP))
def test_the_same_markup_where_pandoc_reads_it_is_refused(minimal, code, place):
    report = _check(minimal, AS_TEXT[place].format(MARKUP[code]))
    found = [d for d in report.errors if d.code == code]
    if (code, place) in WORDS_THERE:
        assert not found, [d.format() for d in found]
        return
    assert found, [d.format() for d in report.errors]
    assert found[0].line == _line_of(minimal, MARKUP[code].split("(")[0])


def test_markup_quoted_in_an_indented_code_block_is_printed_as_written(minimal):
    """E247 refuses a tag in a quotation that the source has as text; quoted in a code block (in the
    excerpt's block quote, as the book sets it) it is printed as the characters written."""
    source = minimal / "sources" / "garden-letters.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "Patience is the whole of the secret.", "Patience is the whole of the secret. Roses \\<b> bloom late.", 1),
        encoding="utf-8")
    quoted = '\n\n::: {.excerpt source="garden-letters" unit="c2"}\nRoses <b> bloom late.\n:::'
    assert [d.code for d in _check(minimal, quoted).errors] == ["E247"]
    chapter = minimal / "chapters" / "01-first.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("\nRoses <b>", "\n    Roses <b>"), encoding="utf-8")
    report = Report()
    manuscript = load_manuscript(minimal, report)
    assert manuscript is not None
    check_manuscript(manuscript, report)
    assert [d.format() for d in report.errors] == []
