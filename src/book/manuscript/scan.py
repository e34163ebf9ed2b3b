"""Scanning the book's Markdown files line by line, outside code blocks.

The check stage (unsafe HTML, images) and the EPUB (which images to carry) read
the same lines the same way, so what is checked is what is packaged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from book.manuscript.chapter_parser import CodeFences
from book.model import Manuscript

IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
_INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")


def lines_outside_code(text: str, *, blank_inline_code: bool = False) -> Iterator[tuple[int, str]]:
    """Yield (line number, line) for lines not inside fenced code blocks.

    With ``blank_inline_code``, inline code spans are blanked with spaces (columns kept), since
    pandoc prints them as text: `<script>` in backticks is a word about a tag, not a tag.
    """
    code = CodeFences()
    for number, line in enumerate(text.split("\n"), start=1):
        if code.step(line) is not None:
            continue
        yield number, (blank_code_spans(line) if blank_inline_code and "`" in line else line)


def blank_code_spans(line: str) -> str:
    """The line with every inline code span replaced by as many spaces."""
    return _INLINE_CODE.sub(lambda m: " " * len(m.group(0)), line)


def markdown_files(manuscript: Manuscript) -> Iterator[tuple[Path, str]]:
    """Every chapter and matter file of the book with its whole text."""
    for chapter in manuscript.chapters:
        yield chapter.path, chapter.text
    for matter in manuscript.front + manuscript.back:
        if matter.path is not None:
            yield matter.path, matter.text


def images(manuscript: Manuscript) -> Iterator[tuple[Path, int, re.Match[str]]]:
    """Every image reference: its file, line, and the match (``alt`` and ``src`` groups)."""
    for path, text in markdown_files(manuscript):
        if IMAGE.search(text) is None:    # no image reference anywhere in it: skip the line-by-line scan
            continue
        for number, line in lines_outside_code(text):
            for match in IMAGE.finditer(line):
                yield path, number, match


def image_paths(manuscript: Manuscript) -> list[str]:
    """Every local image the book's text refers to, in order of first use."""
    return list(dict.fromkeys(match.group("src") for _path, _line, match in images(manuscript)))
