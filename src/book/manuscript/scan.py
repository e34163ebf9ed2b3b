"""Scanning the book's Markdown files line by line, outside code blocks.

The check stage (unsafe HTML, images) and the EPUB (which images to carry) read
the same lines the same way, so what is checked is what is packaged.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from book.manuscript.code_blocks import CodeFences, code_spans
from book.model import Chapter, Manuscript

IMAGE_OPENING = re.compile(r"(?<!\\)!\[")
_REFERENCE_DEFINITION = re.compile(r"^[ \t>]*\[(?P<label>(?:[^\[\]\\\n]|\\.)+)\]:[ \t]*(?:\n[ \t>]*)?"
                                   r"(?P<dest><[^<>\n]*>|[^\n]*)", re.MULTILINE)
# A definition's title, after its address: pandoc reads the rest of the line before it as the address.
_DEFINITION_TITLE = re.compile(r"\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\))\s*$|\s+$")
_DEFINITION_START = re.compile(r"[ \t>]*\[(?:[^\[\]\\\n]|\\.)+\]:")
_MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_BLOCK_EDGE = re.compile(r"\s*(?::{3,}|#{1,6}\s)")


def lines_outside_code(text: str, *, blank_inline_code: bool = False) -> Iterator[tuple[int, str]]:
    """Yield (line number, line) for lines not inside code blocks, fenced or indented, as pandoc
    reads them (:mod:`book.manuscript.code_blocks`).

    With ``blank_inline_code``, inline code spans are blanked with spaces (columns kept), since
    pandoc prints them as text: `<script>` in backticks is a word about a tag, not a tag. Spans
    are paired over the whole paragraph, as pandoc pairs them: a line that looks like one span
    on its own may close one span and open another, with markup between them.
    """
    lines = text.split("\n")
    code = CodeFences(lines)
    kept = [number for number, line in enumerate(lines, start=1) if code.step(line) is None]
    if blank_inline_code and "`" in text:
        # Code blocks and reference definitions are blocks of their own: no code span runs into them.
        outside = set(kept)
        inline = outside - _definition_lines(lines, kept, outside)
        shown = "\n".join(line if number in inline else "" for number, line in enumerate(lines, start=1))
        lines = [line if number in inline else lines[number - 1]
                 for number, line in enumerate(blank_code_spans(shown).split("\n"), start=1)]
    for number in kept:
        yield number, lines[number - 1]


def _definition_lines(lines: list[str], kept: list[int], outside: set[int]) -> set[int]:
    """The numbers of the lines that are reference definitions: one starts a block (after a blank
    line, a fence, a heading or another definition); inside a paragraph it is the paragraph's text."""
    found: set[int] = set()
    for number in kept:
        if not _DEFINITION_START.match(lines[number - 1]):
            continue
        before = lines[number - 2] if number > 1 else ""
        if (number == 1 or not before.strip() or number - 1 in found or number - 1 not in outside
                or _BLOCK_EDGE.match(before)):
            found.add(number)
    return found


def blank_code_spans(text: str) -> str:
    """The text with every inline code span replaced by as many spaces (line breaks kept)."""
    return blank_spans(text, code_spans(text)) if "`" in text else text


_NOT_A_LINE_BREAK = re.compile(r"[^\n]")


def blank_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with the characters of each (start, end) span made spaces, line breaks and so every
    offset kept, in one pass; a span that overlaps the one before it is skipped."""
    pieces, at = [], 0
    for start, end in sorted(spans):
        if start < at:
            continue
        pieces += [text[at:start], _NOT_A_LINE_BREAK.sub(" ", text[start:end])]
        at = end
    return "".join(pieces) + text[at:]


def markdown_files(manuscript: Manuscript) -> Iterator[tuple[Path, str]]:
    """Every chapter and matter file of the book with its whole text."""
    for chapter in manuscript.chapters:
        yield chapter.path, chapter.text
    for matter in manuscript.front + manuscript.back:
        if matter.path is not None:
            yield matter.path, matter.text


@dataclass(frozen=True)
class ImageRef:
    """One image a Markdown file shows: where its ``![`` is, its alt text, and its address as
    pandoc reads it (backslash escapes and character references decoded), inline or by reference."""

    line: int
    column: int
    alt: str
    src: str
    dest_line: int
    dest_column: int


def images(manuscript: Manuscript) -> Iterator[tuple[Path, ImageRef]]:
    """Every image reference of the book's text, with its file."""
    for path, text in markdown_files(manuscript):
        if "![" not in text:          # no image reference anywhere in it: skip the scan
            continue
        for ref in image_refs(text):
            yield path, ref


def image_refs(text: str) -> list[ImageRef]:
    """Every image in a Markdown text, in the forms pandoc reads: ``![alt](src "title")`` with
    the address bare, in angle brackets or on the next line, and ``![alt][label]``, ``![alt][]``,
    ``![alt]`` with a reference definition ``[label]: src`` anywhere in the file. Code (fenced or indented
    blocks, inline spans) is text, not images. A hand-written scanner must see every image
    pandoc will put in the book, or one could reach the EPUB unchecked: a property test holds
    it to pandoc's own reading."""
    return list(_image_refs(text))


@lru_cache(maxsize=512)
def _image_refs(text: str) -> tuple[ImageRef, ...]:
    """:func:`image_refs`, kept by the text: one build asks for the book's images several times
    (the image rules, the files the build reads, the addresses pandoc wrote, the package), and
    the book as printed shares each chapter's text with the book as written, so each file is
    scanned once per process, not once per question."""
    masked = outside_code(text)
    definitions = _reference_definitions(_mask_code(text))    # a code span does not reach into a definition
    starts = line_starts(masked)
    refs = []
    for opening in IMAGE_OPENING.finditer(masked):
        line, column = _position(starts, opening.start())
        for alt, src, dest_offset in _image_at(masked, opening.end(), definitions):
            dest_line, dest_column = _position(starts, dest_offset)
            refs.append(ImageRef(line, column, alt, markdown_address(src), dest_line, dest_column))
    return tuple(refs)


@lru_cache(maxsize=8)
def outside_code(text: str) -> str:
    """The text with code blocks and code spans blanked, offsets and line breaks kept: for a
    scan that must see markup running over lines (a tag whose attributes continue on the next).
    Kept for the last few texts: the check's rules each ask it of the chapter they run on."""
    return _mask_code(text, blank_inline_code=True)


def place(text: str) -> Callable[[int], tuple[int, int]]:
    """A function from an offset into ``text`` to its (line, column), both from 1."""
    starts = line_starts(text)
    return lambda offset: _position(starts, offset)


def excerpt_spans(chapter: Chapter) -> list[tuple[int, int]]:
    """Where each excerpt's quoted words lie in the chapter's file, as (start, end) offsets: the text
    verification compared with the source, which pandoc must print as it stands."""
    starts = line_starts(chapter.text)
    spans = []
    for excerpt in chapter.excerpts:
        after_fence = starts[min(excerpt.line, len(starts) - 1)]
        at = chapter.text.find(excerpt.text, after_fence)
        if at >= 0:
            spans.append((at, at + len(excerpt.text)))
    return spans


def _mask_code(text: str, *, blank_inline_code: bool = False) -> str:
    """The text with code blocks (and inline code spans) blanked, offsets kept.

    A text with no run of three backticks or tildes has no fence (:class:`CodeFences` opens
    only on one), with no tab and no four spaces in a row no indented code block (it needs
    four columns in from its container's text), and without a backtick no code span: it is
    its own mask, found without following every line (most chapters of a book hold no code)."""
    if ("```" not in text and "~~~" not in text and "    " not in text and "\t" not in text
            and (not blank_inline_code or "`" not in text)):
        return text
    kept = dict(lines_outside_code(text, blank_inline_code=blank_inline_code))
    return "\n".join(kept.get(number, " " * len(line)) for number, line in enumerate(text.split("\n"), start=1))


def line_starts(text: str) -> list[int]:
    """The offset at which each line of ``text`` starts (line 1 at index 0)."""
    return [0] + [match.end() for match in re.finditer("\n", text)]


def _position(starts: list[int], offset: int) -> tuple[int, int]:
    """(line, column), both from 1, of an offset into the text."""
    index = bisect.bisect_right(starts, offset) - 1
    return index + 1, offset - starts[index] + 1


def _label(text: str) -> str:
    """A reference label as pandoc matches it: case and runs of white space do not count."""
    return " ".join(text.split()).casefold()


def _reference_definitions(text: str) -> dict[str, list[tuple[str, int]]]:
    """label -> [(address, offset of the address)] of every reference definition (not notes);
    a label defined twice keeps both, so that the check judges whichever pandoc takes."""
    found: dict[str, list[tuple[str, int]]] = {}
    for match in _REFERENCE_DEFINITION.finditer(text):
        if match.group("label").startswith("^"):
            continue
        dest = match.group("dest")
        offset = match.start("dest")
        if dest.startswith("<"):
            dest, offset = dest[1:-1], offset + 1
        else:
            dest = _DEFINITION_TITLE.sub("", dest)
        found.setdefault(_label(match.group("label")), []).append((dest, offset))
    return found


def _image_at(text: str, start: int, definitions: dict[str, list[tuple[str, int]]]) -> list[tuple[str, str, int]]:
    """[(alt, address, offset of the address)] of the image whose alt text starts at ``start``
    (one per definition of its label); none when what follows ``![`` is not an image (no closing
    bracket in the paragraph, an undefined reference)."""
    end = _closing_bracket(text, start)
    if end is None:
        return []
    alt = text[start:end]
    after = end + 1
    if text.startswith("(", after):
        inline = _inline_destination(text, after + 1, alt)
        return [inline] if inline else []
    label = alt
    if text.startswith("[", after):
        close = text.find("]", after + 1)
        if close != -1 and "\n\n" not in text[after:close] and text[after + 1:close].strip():
            label = text[after + 1:close]
    return [(alt, dest, offset) for dest, offset in definitions.get(_label(label), [])]


def _closing_bracket(text: str, start: int) -> int | None:
    """The offset of the ``]`` that closes the bracket opened before ``start`` (nested brackets
    and backslash escapes followed), or None when the paragraph ends first."""
    depth = 0
    index = start
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            depth += 1
        elif char == "]":
            if depth == 0:
                return index
            depth -= 1
        elif char == "\n" and _BLANK_LINE.match(text, index):
            return None
        index += 1
    return None


def _inline_destination(text: str, start: int, alt: str) -> tuple[str, str, int] | None:
    """(alt, address, offset) of ``(address "title")`` from after its ``(``: the address may
    follow on the next line, sit in angle brackets, or hold balanced parentheses."""
    index = start
    newlines = 0
    while index < len(text) and text[index] in " \t\n":
        newlines += text[index] == "\n"
        index += 1
    if newlines > 1:
        return None
    if text.startswith("<", index):
        close = text.find(">", index)
        if close == -1 or "\n" in text[index:close]:
            return None
        return alt, text[index + 1:close], index + 1
    depth = 0
    end = index
    while end < len(text):
        char = text[end]
        if char == "\\":
            end += 2
            continue
        if char in " \t\n" and _space_in_address(text, end):
            end += 1
            continue
        if char in " \t\n" or (char == ")" and depth == 0):
            break
        depth += {"(": 1, ")": -1}.get(char, 0)
        end += 1
    return alt, _WHITESPACE_RUN.sub(" ", text[index:end]), index


_WHITESPACE_RUN = re.compile(r"[ \t\n]+")


def _space_in_address(text: str, at: int) -> bool:
    """Whether the white space at ``at`` belongs to the address, as pandoc reads ``(images/my clock.png)``
    (each run of it one space): it does unless a title (``"…"``, ``'…'``) or the closing ``)``
    follows, or a blank line ends the paragraph."""
    after = at
    while after < len(text) and text[after] in " \t\n":
        after += 1
    return (after < len(text) and text[after] not in "\"')" and text.count("\n", at, after) < 2)


def markdown_address(address: str) -> str:
    """An address as pandoc reads it: backslash escapes removed, character references decoded."""
    return html.unescape(_MARKDOWN_ESCAPE.sub(r"\1", address))


def image_paths(manuscript: Manuscript) -> list[str]:
    """Every local image the book's text refers to, in order of first use."""
    return list(dict.fromkeys(ref.src for _path, ref in images(manuscript)))
