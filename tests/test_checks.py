"""Manuscript rules: structure, unsafe HTML, images."""

from __future__ import annotations

from pathlib import Path

from book.editorial.rules import check_manuscript
from book.manuscript import load_manuscript
from book.support.diagnostics import Report


def check(root: Path) -> Report:
    report = Report()
    manuscript = load_manuscript(root, report)
    assert manuscript is not None, [d.format() for d in report.items]
    check_manuscript(manuscript, report)
    return report


def write_chapter(root: Path, body: str, name: str = "01-first.md") -> None:
    (root / "chapters" / name).write_text("---\ntitle: T\n---\n" + body)


def test_fixture_is_clean(minimal):
    assert check(minimal).items == []


def test_missing_required_section(minimal):
    write_chapter(minimal, "\n::: letter\nx\n:::\n")
    [diag] = check(minimal).errors
    assert diag.code == "E213" and "'reply'" in diag.message and diag.path.name == "01-first.md"
    assert diag.line == 4


def test_sections_out_of_order(minimal):
    write_chapter(minimal, "\n::: reply\nx\n:::\n\n::: letter\ny\n:::\n")
    [diag] = check(minimal).errors
    assert diag.code == "E212" and diag.line == 9 and "'letter' must come before 'reply'" in diag.message


def test_unknown_section_suggests(minimal):
    write_chapter(minimal, "\n::: leter\nx\n:::\n\n::: letter\nx\n:::\n\n::: reply\nx\n:::\n")
    [diag] = check(minimal).errors
    assert diag.code == "E210" and "did you mean 'letter'" in diag.message


def test_duplicate_section(minimal):
    write_chapter(minimal, "\n::: letter\nx\n:::\n\n::: letter\nx\n:::\n\n::: reply\nx\n:::\n")
    [diag] = check(minimal).errors
    assert diag.code == "E211"


def test_raw_script_is_refused(minimal):
    write_chapter(minimal, "\n::: letter\n<script>alert(1)</script>\n:::\n\n::: reply\nx\n:::\n")
    [diag] = check(minimal).errors
    assert diag.code == "E220" and diag.line == 6 and diag.path.name == "01-first.md"


def test_tags_and_schemes_inside_inline_code_are_words(minimal):
    """E220/E221/E223 judge markup, not words about markup: `<script>` in backticks is printed as text."""
    write_chapter(minimal, "\n::: letter\nThe page had `<script src=x>` and `javascript:void(0)`, "
                           "`<img onerror=x>` and `[a](data:x)`.\n:::\n\n::: reply\nx\n:::\n")
    assert check(minimal).errors == []


def test_script_beside_inline_code_is_still_refused(minimal):
    write_chapter(minimal, "\n::: letter\nSee `code` then <script>alert(1)</script>\n:::\n\n::: reply\nx\n:::\n")
    [diag] = check(minimal).errors
    assert diag.code == "E220" and diag.column == 17


def test_code_block_closes_only_on_a_fence_as_long(minimal):
    """A four-backtick block may show a three-backtick one: what is inside stays code for every check."""
    write_chapter(minimal, "\n::: letter\n````markdown\n```\n<script>x</script>\n\n> quoted\n````\n:::\n"
                           "\n::: reply\nx\n:::\n")
    result = check(minimal)
    assert result.errors == [] and not [w for w in result.warnings if w.code == "E330"]


def test_script_inside_code_block_is_fine(minimal):
    write_chapter(minimal, "\n::: letter\n```html\n<script>x</script>\n```\n:::\n\n::: reply\nx\n:::\n")
    assert check(minimal).items == []


def test_missing_image_and_missing_alt(minimal):
    write_chapter(minimal, "\n::: letter\n![](images/nope.png)\n:::\n\n::: reply\nx\n:::\n")
    codes = sorted(d.code for d in check(minimal).errors)
    assert codes == ["E230", "E231"]
