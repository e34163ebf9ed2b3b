"""Reading a chapter's sections and excerpts with their line numbers."""

from __future__ import annotations

from pathlib import Path

from book.manuscript.chapter_parser import parse_attrs, parse_sections
from book.model import Excerpt, Prose
from book.support.diagnostics import Report

BODY = '''
::: letter
Dear editor,

::: {.excerpt source="blog" unit="c3"}
Quoted words.

More quoted words.
:::

Our words after.
:::

::: {.reply}
```
::: not a fence inside code
```
:::
'''


def parse(body: str):
    report = Report()
    sections = parse_sections(body, 10, Path("ch.md"), report)
    return sections, report


def test_sections_blocks_and_lines():
    sections, report = parse(BODY)
    assert report.items == []
    assert [s.name for s in sections] == ["letter", "reply"]
    assert sections[0].line == 11
    prose, excerpt, after = sections[0].blocks
    assert isinstance(prose, Prose) and prose.text == "Dear editor,"
    assert isinstance(excerpt, Excerpt)
    assert (excerpt.source, excerpt.unit, excerpt.line) == ("blog", "c3", 14)
    assert excerpt.text == "Quoted words.\n\nMore quoted words."
    assert isinstance(after, Prose) and after.text == "Our words after."


def test_text_outside_sections_is_an_error():
    _, report = parse("Stray words.\n\n::: letter\nx\n:::\n")
    [diag] = report.errors
    assert diag.code == "E203" and diag.line == 10


def test_unclosed_and_unopened_fences():
    _, report = parse("::: letter\nx\n")
    assert [d.code for d in report.errors] == ["E206"]
    _, report = parse(":::\n")
    assert [d.code for d in report.errors] == ["E205"]


def test_excerpt_needs_source_and_unit():
    _, report = parse("::: letter\n::: {.excerpt source=\"x\"}\nWords.\n:::\n:::\n")
    assert [d.code for d in report.errors] == ["E301"]


def test_parse_attrs():
    attrs = parse_attrs('{#id .a .b key="some value" k2=v}')
    assert attrs.id == "id" and attrs.classes == ("a", "b")
    assert attrs.get("key") == "some value" and attrs.get("k2") == "v"
    assert parse_attrs("letter").classes == ("letter",)
