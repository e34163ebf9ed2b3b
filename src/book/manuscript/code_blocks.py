"""Which lines of a Markdown text pandoc reads as code: fenced and indented code blocks.

Every reader of the book's Markdown (the chapter parser, the checks, the quotation scan, the
note labels of the rendered chapters) follows code through :class:`CodeFences`, so what one
calls code the others do too: a ``</div>``, a ``[^note]:`` or a ``# heading`` shown in a code
block is text about markup, never markup.

Pandoc's Markdown reader has no source positions, so this module follows its block grammar
(``Text.Pandoc.Readers.Markdown``) far enough to know where a block starts, since an indented
line is code only there: after a blank line, a heading, a fence or a div's fence, never inside
a paragraph; and inside a list item, a block quote, a definition or a note, counted from the
item's own indentation. Tabs are columns of four, as pandoc expands them.

Where the grammar is only approximated (raw HTML, tables), the reading leans to *text*: a
line taken for code is hidden from every check (a ``<script>`` in it would pass), a line
taken for text at worst gives an error the writer can see. A property test holds the reading
to pandoc's own AST.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache

FENCE_OPEN = re.compile(r"^(?P<colons>:{3,})\s*(?P<attrs>\{.*\}|[^\s:{}][^\s{}]*)\s*:*\s*$")
FENCE_CLOSE = re.compile(r"^:{3,}\s*$")
_ATTRIBUTE = r"""(?:\#[\w:.-]+|\.[^\W\d_][\w:.-]*|[^\W\d_][\w:.-]*=(?:"[^"\n]*"|'[^'\n]*'|[^\s}]*)|-)"""
# A code fence as pandoc reads one: up to three spaces, three or more backticks or tildes, then
# at most a language word and an attribute block, nothing else (pandoc reads "```py x" as text).
CODE_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})[ \t]*(?P<rest>(?:[^`{}\s]+)?[ \t]*"
                        r"(?:\{[ \t]*(?:" + _ATTRIBUTE + r"[ \t]*)*\})?)[ \t]*$")
_CLOSING_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})[ \t]*$")
_BULLET = re.compile(r"^(?P<marker> {0,3}[-+*])(?P<space> *)(?P<rest>.*)$")
_ORDERED = re.compile(r"^(?P<marker> {0,3}(?:\d{1,9}|#|[A-Za-z]|[ivxlcdmIVXLCDM]+|@[\w-]*)[.)]"
                      r"| {0,3}\((?:\d{1,9}|#|[A-Za-z]|[ivxlcdmIVXLCDM]+|@[\w-]*)\))(?P<space> *)(?P<rest>.*)$")
_DEFINITION = re.compile(r"^(?P<marker> {0,3}[:~])(?P<space> *)(?P<rest>.*)$")
_HRULE = re.compile(r"^ *([-*_])(?: *\1){2,} *$")
_ATX = re.compile(r"^#+(?![.)])(?:[ \t]|$)")
_SETEXT = re.compile(r"^(?:=+|-+)[ \t]*$")
_QUOTE = re.compile(r"^ {0,3}> ?")
_AFTER_A_TERM = ("=", "-", ":", "~")     # a setext underline, a table's dashes, a definition's marker
_REFERENCE = re.compile(r"^ {0,3}\[(?!\^)(?:[^\[\]\\\n]|\\.)+\]:[ \t]*(?P<rest>.*)$")
# A reference definition's address (and title, attributes) as pandoc takes them: an address
# that holds a bracketed word, or anything after its title, makes the line a paragraph's.
_ADDRESS = re.compile(r"""^(?:<[^<>\n]*>|[^\s\[<"'(][^\s]*)(?:[ \t]+[^\s\["'({][^\s]*)*"""
                      r"""(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?(?:[ \t]*\{[^{}\n]*\})?[ \t]*$""")
_TITLE = re.compile(r"""^[ \t]*(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\))(?:[ \t]*\{[^{}\n]*\})?[ \t]*$""")
_LINE_BLOCK = re.compile(r"^\|(?: +\S|[ \t]*$)")
_NOTE = re.compile(r"^ {0,3}\[\^[^\]\s]+\]:")
_DASHES = re.compile(r"^ {0,3}-[- \t]*$")     # a table's rule: dashes, in columns or not
_HTML_TAG_LINE = re.compile(r"^ {0,3}<(?P<name>[A-Za-z][A-Za-z0-9-]*)[^<>]*>[ \t]*$")
_BACKTICKS = re.compile(r"`+")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# A pipe table's separator line (``|---|:--:|``, ``--- | ---``): at least one pipe, or dashes and a colon.
_PIPE_SEPARATOR = re.compile(r"^ {0,3}(?=[^\n]*[|:])\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
# A line that is one tag pandoc reads as a block of raw HTML (its blockHtmlTags and eitherBlockOrInline).
_BLOCK_TAGS = ("address|applet|area|article|aside|audio|blockquote|body|button|canvas|caption|center|col|colgroup"
               "|dd|del|details|dir|div|dl|dt|embed|fieldset|figcaption|figure|footer|form|frameset|h[1-6]|head"
               "|header|hgroup|hr|html|iframe|ins|isindex|li|main|map|menu|meta|nav|noframes|noscript|object|ol"
               "|output|p|pre|progress|script|section|source|style|summary|svg|table|tbody|td|textarea|tfoot|th"
               "|thead|tr|track|ul|video")
_BLOCK_TAG_LINE = re.compile(r"^</?(?:" + _BLOCK_TAGS + r")(?:\s[^<>]*)?/?>[ \t]*$", re.IGNORECASE)
_TAG_START = re.compile(r"^ {0,3}<[A-Za-z/!?]")    # raw HTML, which pandoc may read as a block of its own
_RAW_REGION = re.compile(r"<!--|<(?P<verbatim>pre|script|style|textarea)\b", re.IGNORECASE)
MAX_DEPTH = 16
"""Containers (list items, block quotes, notes) read inside one another: deeper ones are read as text,
so that the reading stays linear in the text's length whatever the nesting (E225 refuses deeper)."""


class CodeFences:
    """Code blocks, followed line by line as pandoc reads them.

    A fenced block opens on a fence of three or more backticks or tildes and closes only on a
    fence of the same character at least as long with nothing after it (a fence nothing closes
    is text); an indented block is four spaces or a tab in from its container, where a block
    may start. ``lines`` are the ones ``step`` will be called with, in order.
    """

    def __init__(self, lines: Sequence[str]) -> None:
        self._kinds = _code_lines("\n".join(lines))
        self._index = -1

    def step(self, line: str) -> str | None:
        """What the next line is: "open" (a code block's first line), "inside" or "close" (a
        closing fence), or None (not code)."""
        self._index += 1
        return self._kinds[self._index] if self._index < len(self._kinds) else None


@lru_cache(maxsize=16)
def _code_lines(text: str) -> tuple[str | None, ...]:
    """:func:`code_lines` of a text's lines, kept for the last few texts: the check's rules each read
    the same chapter."""
    return tuple(code_lines(text.split("\n")))


def code_lines(lines: Sequence[str]) -> list[str | None]:
    """For each line, "open", "inside", "close" or None, as :meth:`CodeFences.step` says."""
    kinds: list[str | None] = [None] * len(lines)
    if not any("    " in line or "\t" in line or "``" in line or "~~" in line for line in lines):
        return kinds               # nothing indented four columns (in any container) and no fence: no code
    text = [line.expandtabs(4) if "\t" in line else line for line in lines]
    start = _front_matter_end(text)
    _Reader(kinds, text).blocks(list(range(start, len(text))), text[start:], depth=0, in_list=False, divs=0)
    _raw_html_is_text(lines, kinds)
    return kinds


def headings(lines: Sequence[str]) -> list[tuple[int, int, int]]:
    """(line, level, column), both from 1, of each heading pandoc reads in ``lines`` (a text without
    front matter): ATX (``### x``) and setext (underlined with ``===`` or ``---``), wherever a block
    starts, in block quotes, list items (their next paragraphs too), definitions and notes; never
    in code. The same reading as :func:`code_lines`, so a heading and a code block never overlap."""
    text = [line.expandtabs(4) if "\t" in line else line for line in lines]
    found: list[tuple[int, int, int]] = []
    _Reader([None] * len(text), text, found).blocks(list(range(len(text))), text, depth=0, in_list=False, divs=0)
    return sorted(found)


def block_starts(lines: Sequence[str]) -> list[int]:
    """The indices of the lines on which pandoc starts a block (a paragraph, a heading, a list item,
    a table's row, …) in ``lines`` (a whole file), sorted: a paragraph runs from one to the next,
    or to a blank line. The same reading as :func:`code_lines`, told only where it is sure: after
    a blank line (in its container), at a list's next item, at a table's rows, after a paragraph
    a list item's marker ends; never after a block the reading only approximates (a reference
    definition, raw HTML), nor in containers deeper than ``MAX_DEPTH``. So it finds fewer starts
    than pandoc, never more, and a paragraph is never cut where pandoc reads on: lazy lines and
    list markers pandoc reads as text stay in their paragraph."""
    text = [line.expandtabs(4) if "\t" in line else line for line in lines]
    start = _front_matter_end(text)
    found: list[int] = []
    reader = _Reader([None] * len(text), text, starts=found)
    reader.blocks(list(range(start, len(text))), text[start:], depth=0, in_list=False, divs=0)
    return sorted(set(found))


def _front_matter_end(text: list[str]) -> int:
    """The index after a leading YAML front matter (``---`` … ``---``), which pandoc never reads."""
    if not text or text[0].strip() != "---":
        return 0
    for index in range(1, len(text)):
        if text[index].strip() in ("---", "..."):
            return index + 1
    return 0


_INDENT_SEEN = 1_024
"""Columns of indentation :func:`_indent` counts at most: far past any container the reading follows
(16 deep) and past E225's bound (64), so nothing it decides changes; a line indented 6,000 columns
(3,000 nested list items) no longer costs its length at each of the reading's many looks at it."""


def _indent(line: str) -> int:
    head = line[:_INDENT_SEEN]
    return len(head) - len(head.lstrip(" "))


def _blank(line: str) -> bool:
    return not line.strip()


def _list_marker(line: str) -> tuple[int, bool] | None:
    """(continuation indentation, whether the marker's line holds code) of a list item starting
    on ``line``: pandoc's column after the marker and one to four spaces (one when five or more
    follow, which make the item open with an indented code block)."""
    match = None if _HRULE.match(line) else (_BULLET.match(line) or _ORDERED.match(line))
    if match is None or (match.group("rest") and not match.group("space")):
        return None
    return _continuation(match)


def _continuation(match: re.Match[str]) -> tuple[int, bool]:
    end, spaces = match.end("marker"), len(match.group("space"))
    if not match.group("rest"):
        return end + min(spaces, 1), False
    return (end + spaces, False) if spaces <= 4 else (end + 1, True)


def _numbering(line: str) -> tuple[str, str] | None:
    """An ordered marker's style and delimiter, as far as they decide whether two items are of one
    list: digits, ``#``, ``@`` examples, lower or upper letters (roman or not); None for a bullet."""
    match = _ORDERED.match(line)
    if match is None or _BULLET.match(line):
        return None
    marker = match.group("marker").strip()
    word = marker.strip("().")
    word = word[:-1] if word.endswith(")") else word
    kind = ("digits" if word.isdigit() else "#" if word == "#" else "@" if word.startswith("@")
            else "lower" if word.islower() else "upper")
    return kind, "()" if marker.startswith("(") else marker[-1]


def _definition_marker(line: str) -> tuple[int, bool] | None:
    match = _DEFINITION.match(line)
    if match is None or (match.group("rest") and not match.group("space")):
        return None
    return _continuation(match)


def _marker(line: str) -> bool:
    """Whether ``line`` starts a list item or a definition (pandoc's ``listStart``)."""
    return _list_marker(line) is not None or _definition_marker(line) is not None


def _strip(line: str, columns: int) -> str:
    """``line`` without ``columns`` columns of indentation, or as it is when it has fewer."""
    return line[columns:] if _indent(line) >= columns else line


class _Fences:
    """Fenced code blocks of one container's lines: a fence opens a block only when a fence of the
    same character, at least as long, closes it later (pandoc reads an unclosed fence as text)."""

    def __init__(self, text: list[str]) -> None:
        self._text = text
        self._reach: dict[str, list[int]] | None = None

    def opening(self, index: int) -> re.Match[str] | None:
        match = CODE_FENCE.match(self._text[index])
        if match is None:
            return None
        fence = match.group("fence")
        return match if self._reach_after(fence[0], index) >= len(fence) else None

    def closing(self, index: int, fence: str) -> bool:
        match = _CLOSING_FENCE.match(self._text[index])
        return bool(match and match.group("fence")[0] == fence[0] and len(match.group("fence")) >= len(fence))

    def _reach_after(self, char: str, index: int) -> int:
        """The longest closing fence of ``char`` after line ``index`` (0: none), computed once, so
        a file of thousands of unclosed fences costs no more than one."""
        if self._reach is None:
            count = len(self._text)
            self._reach = {"`": [0] * (count + 1), "~": [0] * (count + 1)}
            for at in range(count - 1, -1, -1):
                for reach in self._reach.values():
                    reach[at] = reach[at + 1]
                match = _CLOSING_FENCE.match(self._text[at])
                if match:
                    fence = match.group("fence")
                    self._reach[fence[0]][at] = max(self._reach[fence[0]][at], len(fence))
        return self._reach[char][index + 1]


class _Reader:
    """Pandoc's block grammar, as far as code blocks depend on it: each container's lines (with the
    container's own marks and indentation removed) are read as blocks of their own."""

    def __init__(self, kinds: list[str | None], lines: list[str],
                 headings: list[tuple[int, int, int]] | None = None, starts: list[int] | None = None) -> None:
        self.kinds = kinds
        self._lines = lines            # the file's lines, tabs expanded: for a heading's column
        self._headings = headings
        self._starts = starts          # where blocks start, for block_starts
        self._trusted = True           # whether the block being read starts where pandoc's does

    def _heading(self, where: int, level: int, line: str) -> None:
        """Note a heading whose text (inside its container) is ``line``, on the file's line ``where``."""
        if self._headings is not None:
            self._headings.append((where + 1, level, len(self._lines[where]) - len(line) + 1))

    def blocks(self, where: list[int], text: list[str], *, depth: int, in_list: bool, divs: int,
               anchored: bool = True) -> None:
        """Mark the code lines of one container: ``where`` are the lines' indices in the file,
        ``text`` their text inside the container; ``divs`` the fenced divs open around it;
        ``anchored`` whether the container starts where pandoc's does (for ``block_starts``)."""
        fences = _Fences(text)
        tables = _TableEnds(text)
        index, count = 0, len(text)
        after_sure = anchored          # whether the line read next surely starts a block of pandoc's
        while index < count:
            line = text[index]
            if _blank(line):
                index += 1
                after_sure = True
                continue
            trusted, after_sure = after_sure, False
            if trusted and self._starts is not None:
                self._starts.append(where[index])
            self._trusted = trusted
            if line[0].isalpha() and self._plainly_paragraph(text, index):
                index = self._paragraph(text, index + 1, fences, in_list, divs)
                after_sure = in_list and index < count and _marker(text[index])
                continue
            opening = fences.opening(index)
            if opening is not None:
                index = self._fenced(where, text, index, opening.group("fence"), fences)
                continue
            if _BULLET.match(line) and _list_marker(line) is not None:
                index = self._list(where, text, index, _BULLET, fences, depth, divs)
                after_sure = trusted
                continue
            if FENCE_OPEN.match(line):
                divs += 1
                index += 1
                continue
            if divs and FENCE_CLOSE.match(line):
                divs -= 1
                index += 1
                continue
            if (index + 1 < count and _SETEXT.match(text[index + 1]) and not _TAG_START.match(line)
                    and not ("`" in line and _span_over_break(text, index))):
                self._heading(where[index], 1 if text[index + 1].startswith("=") else 2, line)
                index += 2                     # a setext heading, even of "# x": pandoc tries it first
                continue
            if _ATX.match(line):
                self._heading(where[index], len(line) - len(line.lstrip("#")), line)
                index += 1
                continue
            if _BLOCK_TAG_LINE.match(line):     # a line of raw HTML, one block-level tag: a block of its own
                index += 1
                continue
            if "|" in line and index + 1 < count and _PIPE_SEPARATOR.match(text[index + 1]):
                index = self._rows(where, text, index + 2, lambda row: "|" in row)    # a pipe table: a row a line
                after_sure = trusted
                continue
            if _DASHES.match(line) and index + 1 < count and not _blank(text[index + 1]):
                end = tables.end(index)
                if end is not None:            # a multiline table, whose rows may be indented
                    index = _past_table(text, end)
                    continue
            if index + 1 < count and _DASHES.match(text[index + 1]):    # a simple table's header: its rows
                index += 2                                                  # run to a blank line, over fences
                while index < count and not _blank(text[index]):
                    index += 1
                index = _past_table(text, index)
                continue
            if _indent(line) >= 4:
                index = self._indented(where, text, index)
                continue
            if _LINE_BLOCK.match(line):
                index = _line_block_end(text, index)
                continue
            if _QUOTE.match(line):
                index = self._quote(where, text, index, fences, depth, in_list, divs)
                continue
            if _HRULE.match(line):
                index += 1
                continue
            if _list_marker(line) is not None:
                index = self._list(where, text, index, _ORDERED, fences, depth, divs)
                after_sure = trusted
                continue
            definition = self._definition_at(text, index)
            if definition is not None:         # a term, its definitions, and the next term's, whatever its line
                while definition is not None:
                    index = definition
                    while index < count and (item := _definition_marker(text[index])) is not None:
                        self._trusted = trusted
                        index = self._list_item(where, text, index, item, fences, depth, divs)
                    definition = self._definition_at(text, index)
                continue
            if _NOTE.match(line):
                index = self._note(where, text, index, depth, divs)
                continue
            reference = _reference_end(text, index) if _REFERENCE.match(line) else None
            index = reference if reference is not None else self._paragraph(text, index + 1, fences, in_list, divs)
            after_sure = reference is None and in_list and index < count and _marker(text[index])

    def _rows(self, where: list[int], text: list[str], index: int, row: Callable[[str], bool]) -> int:
        """The end of a table's rows from line ``index``: lines ``row`` accepts, each a row of its own.
        (A grid or simple table is read as one paragraph: where its rows are depends on columns this
        reading does not follow.)"""
        while index < len(text) and not _blank(text[index]) and row(text[index]):
            if self._trusted and self._starts is not None:
                self._starts.append(where[index])
            index += 1
        return index

    @staticmethod
    def _plainly_paragraph(text: list[str], index: int) -> bool:
        """Whether a line that starts with a letter starts a paragraph, as most lines of a book do:
        it is no list item's marker (``a.``, ``iv)``), and the line after it underlines no heading,
        rules no table (of dashes or pipes) and starts no definition. (A shortcut past the grammar's other questions.)"""
        if _ORDERED.match(text[index]):
            return False
        after = [text[at].lstrip(" ")[:1] for at in (index + 1, index + 2) if at < len(text)]
        return not after or (after[0] not in _AFTER_A_TERM + ("|",) and not (after[0] == "" and after[1:] in (["~"], [":"])))

    def _fenced(self, where: list[int], text: list[str], index: int, fence: str, fences: _Fences) -> int:
        self.kinds[where[index]] = "open"
        index += 1
        while not fences.closing(index, fence):
            self.kinds[where[index]] = "inside"
            index += 1
        self.kinds[where[index]] = "close"
        return index + 1

    def _indented(self, where: list[int], text: list[str], index: int) -> int:
        """An indented code block: indented lines, and blank lines between them."""
        self.kinds[where[index]] = "open"
        end = index + 1
        at = end
        while at < len(text):
            if _blank(text[at]):
                at += 1
                continue
            if _indent(text[at]) < 4:
                break
            for inside in range(end, at + 1):
                self.kinds[where[inside]] = "inside"
            at += 1
            end = at
        return end

    def _interrupts(self, text: list[str], index: int, fences: _Fences, in_list: bool, divs: int) -> bool:
        """Whether line ``index`` ends the paragraph (or lazy block quote) before it: a blank line,
        a backtick fence at the margin, a div's closing fence, a list item's marker in a list."""
        line = text[index]
        return (_blank(line) or (line.startswith("`") and fences.opening(index) is not None)
                or (divs > 0 and FENCE_CLOSE.match(line) is not None)
                or (in_list and _marker(line)))

    def _paragraph(self, text: list[str], index: int, fences: _Fences, in_list: bool, divs: int) -> int:
        """The end of the paragraph whose second line is ``index``: a blank line, a list item's marker
        in a list, or a fence or a div's closing fence that no code span runs over (pandoc reads a
        span over lines before it asks whether the next line ends the paragraph)."""
        first = index - 1
        ticks = "`" in text[first]
        covered: Callable[[int], bool] | None = None
        while index < len(text) and not _blank(text[index]) and not (in_list and _marker(text[index])):
            if self._interrupts(text, index, fences, False, divs):
                if not ticks:
                    return index
                if covered is None:
                    covered = _span_cover(text, first, in_list)
                if not covered(index - first):
                    return index
            ticks = ticks or "`" in text[index]
            index += 1
        return index

    def _quote(self, where: list[int], text: list[str], index: int, fences: _Fences, depth: int,
               in_list: bool, divs: int) -> int:
        """A block quote: its lines without ``>`` (and one space), and the lazy lines after them (pandoc
        reads one as the line before it continued, so its indentation is gone)."""
        inner: list[int] = []
        inside: list[str] = []
        while index < len(text):
            line = text[index]
            mark = _QUOTE.match(line)
            if mark is None and (not inside or self._interrupts(text, index, fences, in_list, divs)
                                 or line.lstrip(" ").startswith(">")):   # too indented for a quote's line,
                break                                                      # and no lazy one: a block of its own
            inner.append(where[index])
            inside.append(line[mark.end():] if mark else line.lstrip(" "))    # a lazy line loses its indentation
            index += 1
        self._inside(inner, inside, depth, in_list, divs)
        return index

    def _list(self, where: list[int], text: list[str], index: int, kind: re.Pattern[str], fences: _Fences,
              depth: int, divs: int) -> int:
        """A list: its items, one after another while the next line starts one of the same kind, with
        numbers of the same style (pandoc reads it as the next item, never as a heading underlined
        on the line after it; a number of another style ends the list)."""
        style, trusted = _numbering(text[index]), self._trusted
        while (index < len(text) and kind.match(text[index]) and _numbering(text[index]) == style
               and (item := _list_marker(text[index])) is not None):
            self._trusted = trusted
            index = self._list_item(where, text, index, item, fences, depth, divs)
        return index

    def _list_item(self, where: list[int], text: list[str], index: int, item: tuple[int, bool],
                   fences: _Fences, depth: int, divs: int) -> int:
        """A list item (or a definition): its first line, the lines that continue it, and the
        blocks indented to its content's column after blank lines."""
        columns, code_first = item
        # Code on the marker's line is read as text unless the marker is a bullet: an ordered or a
        # definition's marker is found more often than pandoc finds one, and code must never be.
        first = "" if code_first and not _BULLET.match(text[index]) else text[index][columns:]
        inner, inside = [where[index]], [first]
        index += 1
        while index < len(text):
            line = text[index]
            nested = _indent(line) >= columns and _marker(line.lstrip(" "))
            if (_blank(line) or _marker(line) or fences.opening(index) is not None
                    or (divs and FENCE_CLOSE.match(line)) or nested):
                break
            inner.append(where[index])
            inside.append(_strip(line, columns))
            index += 1
        while index < len(text):
            while index < len(text) and _blank(text[index]):
                inner.append(where[index])
                inside.append("")
                index += 1
            if index == len(text) or _indent(text[index]) < columns or (divs and FENCE_CLOSE.match(text[index])):
                break
            inner.append(where[index])
            inside.append(text[index][columns:])
            index += 1
            while index < len(text) and not _blank(text[index]) and not (divs and FENCE_CLOSE.match(text[index])):
                line = text[index]
                if _indent(line) < columns and _marker(line):
                    break
                inner.append(where[index])
                inside.append(_strip(line, columns))
                index += 1
        self._inside(inner, inside, depth, True, divs)
        return index

    def _definition_at(self, text: list[str], index: int) -> int | None:
        """After a definition list's term (one line, then perhaps a blank one), the index of its
        first definition; None when ``index`` is no term."""
        if index >= len(text) or _blank(text[index]):
            return None
        for at in (index + 1, index + 2):
            if at < len(text) and _definition_marker(text[at]) is not None and (at == index + 1 or _blank(text[at - 1])):
                return at
        return None

    def _note(self, where: list[int], text: list[str], index: int, depth: int, divs: int) -> int:
        """A note's definition: its first line, the lines after it, and blocks indented four
        columns after blank lines."""
        rest = text[index][_NOTE.match(text[index]).end():]
        inner, inside = [], []
        if _blank(rest) and index + 1 < len(text) and not _blank(text[index + 1]):
            index += 1
            rest = text[index]
        inner.append(where[index])
        inside.append(_strip(rest, 4))
        index += 1
        while index < len(text):
            line = text[index]
            if _blank(line):
                after = index
                while after < len(text) and _blank(text[after]):
                    after += 1
                if after == len(text) or _indent(text[after]) < 4:
                    break
                for blank in range(index, after):
                    inner.append(where[blank])
                    inside.append("")
                index = after
                inner.append(where[index])
                inside.append(text[index][4:])
                index += 1
                continue
            if _NOTE.match(line):
                break
            inner.append(where[index])
            inside.append(_strip(line, 4))
            index += 1
        self._inside(inner, inside, depth, False, divs)
        return index

    def _inside(self, where: list[int], text: list[str], depth: int, in_list: bool, divs: int) -> None:
        if depth < MAX_DEPTH:
            self.blocks(where, text, depth=depth + 1, in_list=in_list, divs=divs, anchored=self._trusted)


SPAN_LOOKAHEAD = 64
"""Lines of a paragraph looked at for the code spans that run over its line breaks: in a longer one,
every line break is taken for one inside a span (the paragraph's lines are read as text, never
code), so that the reading stays linear."""


def _span_over_break(text: list[str], index: int) -> bool:
    """Whether a code span opened on line ``index`` runs over its line break (pandoc then reads no
    setext heading there: the underline is inside the span)."""
    return _span_cover(text, index, False)(1)


def _span_cover(text: list[str], first: int, in_list: bool) -> Callable[[int], bool]:
    """A function telling whether the line break before the ``n``-th line of the paragraph that
    starts at line ``first`` is inside a code span (a span ends with the paragraph: at a blank line,
    or at a list item's marker in a list)."""
    end = first + 1
    while end < len(text) and not _blank(text[end]) and not (in_list and _marker(text[end])):
        end += 1
        if end - first > SPAN_LOOKAHEAD:
            return lambda _number: True
    lines = text[first:end]
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    spans = list(code_spans("\n".join(lines)))
    openings = [start for start, _end in spans]

    def covered(number: int) -> bool:
        at = starts[number] - 1
        index = bisect.bisect_right(openings, at) - 1
        return index >= 0 and spans[index][0] < at < spans[index][1]
    return covered


def code_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each inline code span, paired as pandoc pairs them: a run of backticks is
    closed by the next run of as many, no more, before the paragraph ends (a blank line); a run
    that nothing closes gives one literal backtick and is read again from the next one.

    Runs are indexed by length once, so a paragraph of a million unmatched backticks costs a
    lookup per backtick, not a scan of the paragraph."""
    runs = [(match.start(), match.end()) for match in _BACKTICKS.finditer(text)]
    by_length: dict[int, list[int]] = {}
    for start, end in runs:
        by_length.setdefault(end - start, []).append(start)
    paragraph_ends = [match.start() for match in _BLANK_LINE.finditer(text)] + [len(text)]
    position = 0
    for start, end in runs:
        opening = max(start, position)
        if text[opening - 1:opening] == "\\":
            opening += 1               # an escaped backtick is a literal one
        limit = paragraph_ends[bisect.bisect_left(paragraph_ends, opening)]
        while opening < end:
            starts = by_length.get(end - opening, [])
            index = bisect.bisect_left(starts, end)
            if index < len(starts) and starts[index] < limit:
                closing = starts[index] + (end - opening)
                yield opening, closing
                position = closing
                break
            opening += 1


def _reference_end(text: list[str], index: int) -> int | None:
    """The end of a reference definition (``[label]: address "title"``, the address or the title
    perhaps on the next line), which ends at its line; None when pandoc would read a paragraph."""
    rest = _REFERENCE.match(text[index]).group("rest")
    end = index + 1
    if not rest.strip():
        if end == len(text) or _blank(text[end]):
            return end
        rest, end = text[end].strip(), end + 1
    if not _ADDRESS.match(rest):
        return None
    if end < len(text) and _TITLE.match(text[end]) and not _TITLE.search(" " + rest.split(None, 1)[-1]):
        end += 1
    return end


def _past_table(text: list[str], index: int) -> int:
    """Where reading goes on after a table (as far as the reading can tell where it ends): at the next
    line that starts at the margin. Pandoc's table may end sooner, and a list it then reads inside
    what was taken for the table may go on in the indented lines after it: they are read as text."""
    while index < len(text) and (_blank(text[index]) or text[index][:1] == " "):
        index += 1
    return index


def _line_block_end(text: list[str], index: int) -> int:
    """The end of a line block: lines ``| …``, each continued by the lines after it that start with a space."""
    while index < len(text) and _LINE_BLOCK.match(text[index]):
        index += 1
        if text[index - 1].strip() != "|":
            while index < len(text) and text[index].startswith(" "):
                index += 1
    return index


class _TableEnds:
    """Where a table that starts on a line of dashes may end: at the first line of dashes after it
    that a blank line follows, else at the last line of dashes. Its rows, indented or not, are
    cells, never code; where pandoc's table is shorter, the lines after it are read as text."""

    def __init__(self, text: list[str]) -> None:
        self._text = text
        self._ends: list[int | None] | None = None
        self._last = -1

    def end(self, index: int) -> int | None:
        if self._ends is None:
            ends: list[int | None] = [None] * (len(self._text) + 1)
            for at in range(len(self._text) - 1, -1, -1):
                dashes = _DASHES.match(self._text[at]) is not None
                if dashes and self._last < 0:
                    self._last = at
                closing = dashes and (at + 1 == len(self._text) or _blank(self._text[at + 1]))
                ends[at] = at + 1 if closing else ends[at + 1]
            self._ends = ends
        found = self._ends[index + 1]
        return found if found is not None else (self._last + 1 if self._last > index else None)


def _raw_html_is_text(lines: Sequence[str], kinds: list[str | None]) -> None:
    """Lines inside raw HTML are not code, however indented: a comment (``<!--`` to ``-->``, which
    pandoc reads over blank lines), a ``<pre>``, ``<script>``, ``<style>`` or ``<textarea>`` to its
    end tag, and a block-level element whose next line is indented (pandoc strips that indentation
    from every block inside it). One pass: each search goes on from where the last one ended."""
    index, offset = 0, 0
    while index < len(lines):
        line = lines[index]
        end_tag = None
        if kinds[index] is None and "<" in line:
            raw = _RAW_REGION.search(line, offset)
            while raw is not None and line[:raw.start()].count("`") % 2:     # in a code span
                raw = _RAW_REGION.search(line, raw.end())
            if raw is not None:
                end_tag = "-->" if raw.group("verbatim") is None else f"</{raw.group('verbatim').lower()}"
                offset = raw.end()
            elif offset == 0 and (tag := _HTML_TAG_LINE.match(line)) and index + 1 < len(lines) \
                    and lines[index + 1][:1] in (" ", "\t") and lines[index + 1].strip():
                end_tag, offset = f"</{tag.group('name').lower()}", len(line)
        if end_tag is None:
            index, offset = index + 1, 0
            continue
        while index < len(lines):
            kinds[index] = None
            found = lines[index].lower().find(end_tag, offset)
            if found >= 0:
                offset = found + len(end_tag)
                break
            index, offset = index + 1, 0


_NOTE_LABEL = re.compile(r"\[\^([^\]\s]+)\]")


def scope_note_labels(doc_id: str, markdown: str) -> str:
    """Prefix footnote labels with the document's id, so two chapters may both use ``[^1]``.

    The whole book goes through pandoc as one text, where a repeated label would make
    the second chapter print the first chapter's note.
    """
    lines = markdown.split("\n")
    out, code = [], CodeFences(lines)
    for line in lines:
        if code.step(line) is None:
            line = _NOTE_LABEL.sub(lambda m: f"[^{doc_id}-{m.group(1)}]", line)
        out.append(line)
    return "\n".join(out)
