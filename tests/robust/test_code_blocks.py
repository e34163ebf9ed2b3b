"""The code-block reading every check shares is pandoc's own.

A line the checks take for code is hidden from them (a ``<script>`` in it would pass); a line they
take for text when pandoc shows it as code gives a false error (a ``</div>`` in an example of
HTML). So :func:`book.manuscript.code_blocks.code_lines` is held to pandoc's AST: on generated
documents mixing indented lines, list items, block quotes, notes, definitions, headings, fences
and divs, every line carries a word of its own, and a line is code for the scan exactly when its
word is in one of pandoc's ``CodeBlock``s. Raw HTML and tables, which the reading only
approximates, are held to the half that matters: nothing pandoc reads as text is taken for code.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from book.manuscript.code_blocks import code_lines, headings

from .pandoc_ast import pandoc_blocks
from .test_fuzz import settings  # noqa: F401  (the "book" profile: bounded examples in CI)

FIXTURES = Path(__file__).parent.parent / "fixtures"


def pandoc_words(text: str) -> tuple[set[str], set[str], set[str]]:
    """The words of ``text`` that pandoc puts in a code block, those it shows anywhere, and those in
    a heading."""
    code: set[str] = set()
    shown: set[str] = set()
    heading: set[str] = set()

    def walk(node: object, inside: str | None) -> None:
        if isinstance(node, dict):
            if node.get("t") == "Note":
                inside = None          # a note's blocks are its own, wherever it is referred to
            inside = inside or (node.get("t") if node.get("t") in ("CodeBlock", "Header") else None)
            for value in node.values():
                walk(value, inside)
        elif isinstance(node, list):
            for value in node:
                walk(value, inside)
        elif isinstance(node, str):
            words = set(_WORD.findall(node))
            shown.update(words)
            {"CodeBlock": code, "Header": heading}.get(inside or "", set()).update(words)

    walk(pandoc_blocks(text), None)
    return code, shown, heading


_WORD = re.compile(r"zq\d+")
_NOTES = "# [^1] [^2]\n\n"    # every note referred to, so that pandoc keeps (and shows) it


def _disagreements(templates: list[str]) -> tuple[str, list[tuple[int, bool, bool]]]:
    """(the document, [(line, code for the scan, code for pandoc)] where the two differ); a line
    whose word pandoc does not show (a link's address) is not compared."""
    words = [f"zq{number}" for number in range(len(templates))]
    text = _NOTES + "\n".join(template.format(word) for template, word in zip(templates, words, strict=True))
    code, shown, _heading = pandoc_words(text)
    kinds = code_lines(text.split("\n"))[_NOTES.count("\n"):]
    return text, [(number, kinds[number] is not None, word in code)
                  for number, (template, word) in enumerate(zip(templates, words, strict=True))
                  if "{}" in template and word in shown and (kinds[number] is not None) != (word in code)]


_LINES = [
    "", "", "", "{}", "{} text", "    {}", "\t{}", "  {}", "   {}", "      {}", "        {}", "  \t{}",
    "- {}", "* {}", "+ {}", "1. {}", "2) {}", "(a) {}", "-     {}", "  - {}", "    - {}", "1.  {}",
    "> {}", ">     {}", "> - {}", ">", "# {}", "## {} ##", "#{}", "===", "***", "* * *",
    "```", "~~~", "```py", "  ```", "```` {}", "::: x", "::: {{.y}}", ":::",
    "[^1]: {}", "[^1]:", "[^2]:     {}", "[x]: /{}", ": {}", ":   {}", "~ {}", "| {}",
]
# Rarer forms, which the reading follows closely but not always exactly (an empty list item, markers
# pandoc takes for a list only with two spaces): text where pandoc may show code, never the reverse.
_RARE = ["a. {}", "A.  {}", "i. {}", "iv) {}", "#. {}", "(@) {}", "> > {}", ">>     {}", "  > {}", "- - -", "_ _ _",
         "{} `a", "`b` {}", "- ```", "   ~~~ {}", "  : {}", "    > {}", "*\t{}", "1.\t{}", "> \t{}", "::::",
         "::: x :::", "[x]:", "    /{}", '[y]: /{} "t"', "  {} cont", "\\    {}", "> ```", "-", "1.", ">"]
_RAW = ["---", "<!--", "-->", "<div>", "</div>", "<pre>", "</pre>", "<!-- {} -->", "`<!--` {}", "-----", "------ ----",
        "<div>{}</div>", "| a | b |", "|---|---|", "+---+", "<script>", "</script>"]


@pytest.mark.parametrize("templates", [
    ["{}", "", "    {}", "    {}"],                       # after a blank line: code
    ["{}", "    {}"],                                    # in a paragraph: text
    ["# {}", "    {}"],                                  # after a heading: code
    ["::: x", "    {}", ":::"],                          # after a div's fence: code
    ["- {}", "", "    {}"],                              # a list item's next paragraph: text
    ["- {}", "", "      {}"],                            # four columns in from the item's text: code
    ["> {}", ">", ">     {}"],                           # in a block quote: code
    ["[^1]: {}", "", "    {}", "", "        {}", "", "{} [^1]"],   # a note's paragraph, then its code
    ["{}", "", ":   {}", "", "    {}", "", "        {}"],          # a definition's paragraph, then its code
    ["{}", "", "\t{}"],                                  # a tab is four columns
    ["<!--", "", "    {}", "", "-->"],                   # a comment: raw HTML, never code
])
def test_indented_code_is_where_pandoc_reads_it(templates):
    text, wrong = _disagreements(templates)
    assert not wrong, text


@given(st.lists(st.sampled_from(_LINES), max_size=16))
def test_the_code_lines_are_pandocs(templates):
    """Lines of every block kind the reading follows, one after another: exactly pandoc's code."""
    text, wrong = _disagreements(templates)
    assert not wrong, text


@given(st.lists(st.sampled_from(_LINES), max_size=16))
def test_the_headings_are_pandocs(templates):
    """The same reading finds the headings E239 judges: a line holds a heading for the check exactly
    when its word is in one of pandoc's headings (in a list item's paragraph too, never in code or
    in a paragraph's indented line)."""
    words = [f"zq{number}" for number in range(len(templates))]
    text = _NOTES + "\n".join(template.format(word) for template, word in zip(templates, words, strict=True))
    _code, shown, heading = pandoc_words(text)
    skip = _NOTES.count("\n")
    found = [line - 1 - skip for line, _level, _column in headings(text.split("\n")) if line > skip]
    ours = {words[number] for number in found if "{}" in templates[number] and words[number] in shown}
    assert ours == {word for word in heading if word in shown and word in words}, text


@given(st.lists(st.sampled_from(_LINES + _RARE + _RAW), max_size=16))
def test_nothing_pandoc_reads_as_text_is_taken_for_code(templates):
    """With raw HTML, tables and rarer forms among them, a line may be read as text where pandoc shows
    code (a false error the writer sees), never as code where pandoc reads text (a check would miss it)."""
    text, wrong = _disagreements(templates)
    assert not [number for number, ours, _theirs in wrong if ours], text


def test_a_book_with_markup_in_indented_code_checks_and_builds(minimal, cli, tmp_path):
    """tests/fixtures/indented-code: ``</div>``, ``[^x]:``, ``# …`` and ``<script>`` in indented code
    blocks (in a section, in a list item, after a tab) pass the check, and both outputs print them
    as written: the note labels in code are not made the chapter's, the ``</div>`` closes nothing."""
    from .test_read_as_written import _printed

    shutil.copytree(FIXTURES / "indented-code", minimal, dirs_exist_ok=True)
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 0 and "error[" not in result.stderr, result.stderr
    result = cli("build", "all", "-m", str(minimal), "--out-dir", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    epub, pdf = _printed(tmp_path / "out")
    for shown in ("&lt;/div&gt;", "[^x]: Words that look like a note.", "# Words that look like a heading",
                  "[^y]: no note either", "&lt;script&gt;shown, not run&lt;/script&gt;",
                  "and the item’s own paragraph after them.", "A neighbour’s offer follows."):
        assert shown in epub, shown
    for shown in ("</div>", "[^x]: Words that look like a note.", "[^y]: no note either",
                  "<script>shown, not run</script>", "A neighbour’s offer follows."):
        assert shown in pdf, shown


@pytest.mark.parametrize("piece", ["- item\n\n        code\n\n    more\n\n", "  - x\n    - y\n      - z\n", "`a\n```\nx\n```\n",
                                   "```\nx\n", "<!--\n\n    x\n", "----\nx\n\n    y\n", ">>>>>     x\n"])
def test_the_reading_stays_linear(piece):
    """Eight times the text costs about eight times the time (the square would be sixty-four), whatever
    its shape: unclosed fences, nested containers, code spans over fences, comments never closed."""
    import time

    def cost(count: int) -> float:
        lines = (piece * count).split("\n")
        start = time.perf_counter()
        code_lines(lines)
        return time.perf_counter() - start

    small, large = min(cost(500) for _ in range(3)), min(cost(4000) for _ in range(3))
    assert large < 8 * 4 * small + 0.05, (small, large)


@given(st.text(alphabet=" \t\n>-*+:~`#=|[]^().!<>/\\\"'{}_1aiAI@", max_size=200))
def test_any_text_is_read_without_an_error(text):
    """Whatever the Markdown, the reading ends in one answer per line, never an exception."""
    lines = text.split("\n")
    assert len(code_lines(lines)) == len(lines)
