"""Parse a chapter file into named sections, excerpts and prose, keeping line numbers.

Pandoc's own reader does not report source positions for pandoc Markdown, and
``book check`` must point at ``chapter.md:LINE``. So this module reads just the
outer shape of a chapter: YAML front matter, then top-level fenced divs, one
per section (``::: letter`` … ``:::``), and inside them excerpt divs
(``::: {.excerpt source="id" unit="c3"}``). Everything else is left to pandoc.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from pathlib import Path

from book.manuscript.code_blocks import FENCE_CLOSE, FENCE_OPEN, CodeFences
from book.model import Block, Cited, Excerpt, Prose, Section
from book.support.diagnostics import Report
from book.support.text import did_you_mean


@dataclass(frozen=True)
class DivAttrs:
    id: str | None
    classes: tuple[str, ...]
    pairs: tuple[tuple[str, str], ...]

    def get(self, key: str) -> str | None:
        for k, v in self.pairs:
            if k == key:
                return v
        return None


def parse_attrs(text: str) -> DivAttrs:
    """Parse a pandoc attribute block ``{#id .class key="value"}`` or a bare class word."""
    text = text.strip()
    if not text.startswith("{"):
        return DivAttrs(None, (text,), ())
    ident: str | None = None
    classes: list[str] = []
    pairs: list[tuple[str, str]] = []
    for token in shlex.split(text[1:-1], posix=True):
        if token.startswith("#"):
            ident = token[1:]
        elif token.startswith("."):
            classes.append(token[1:])
        elif "=" in token:
            key, _, value = token.partition("=")
            pairs.append((key, value))
        else:
            classes.append(token)
    return DivAttrs(ident, tuple(classes), tuple(pairs))


def split_front_matter(text: str, path: Path, report: Report) -> tuple[str | None, str, int]:
    """Return (front matter YAML or None, body, line number where the body starts)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None, text, 1
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            return "\n".join(lines[1:i]), "\n".join(lines[i + 1:]), i + 2
    report.error("E201", "front matter opened with '---' is never closed", path, 1)
    return None, "", len(lines) + 1


@dataclass
class _Open:
    attrs: DivAttrs
    line: int
    start: int  # index of the first content line


def parse_sections(body: str, first_line: int, path: Path, report: Report,
                   sections_named: tuple[str, ...] = ()) -> tuple[Section, ...]:
    """Split a chapter body into sections; report stray text and unbalanced fences.

    ``sections_named`` are the book's own section names, for the hint of a stray line. When a
    ':::' is missing, the body is read again taking a section's fence met inside an open div as
    the start of that section: the one missing ':::' is then one error, placed where it is missing,
    not the error and every required section the unclosed div swallowed.
    """
    lines = body.split("\n")
    first = Report()
    sections, unclosed = _walk(lines, first_line, path, first, sections_named, recover=False)
    if unclosed and sections_named:
        again = Report()
        sections, _ = _walk(lines, first_line, path, again, sections_named, recover=True)
        first = again
    report.extend(first)
    return sections


def _walk(lines: list[str], first_line: int, path: Path, report: Report, sections_named: tuple[str, ...],
          recover: bool) -> tuple[tuple[Section, ...], int]:
    """One reading of the body's fences; the number of divs left open at its end."""
    stray = _stray_text_message(sections_named)
    sections: list[Section] = []
    stack: list[_Open] = []
    code = CodeFences(lines)
    for index, line in enumerate(lines):
        lineno = first_line + index
        step = code.step(line)
        if step == "open" and not stack:
            _stray_text(report, stray, path, lineno)
        if step is not None:
            continue
        opened = FENCE_OPEN.match(line)
        if opened:
            try:
                attrs = parse_attrs(opened.group("attrs"))
            except ValueError as exc:
                report.error("E204", f"cannot read the attributes of this div: {exc}", path, lineno)
                attrs = DivAttrs(None, ("invalid",), ())
            if recover and stack and _section_name(attrs) in sections_named:
                report.error("E206", _missing_close(stack, attrs, lineno), path, stack[-1].line)
                sections.append(_make_section(stack[0], lines[stack[0].start:index], first_line, path, report))
                stack.clear()
            stack.append(_Open(attrs, lineno, index + 1))
            continue
        if FENCE_CLOSE.match(line):
            if not stack:
                report.error("E205", "closing ':::' without an opening fence", path, lineno)
                continue
            top = stack.pop()
            if not stack:
                sections.append(_make_section(top, lines[top.start:index], first_line, path, report))
            continue
        if not stack and line.strip():
            _stray_text(report, stray, path, lineno)
    for unclosed in stack:
        report.error("E206", "fenced div is never closed with ':::'", path, unclosed.line)
    if recover and stack:   # the last section runs to the end of the file: its other problems are still seen
        sections.append(_make_section(stack[0], lines[stack[0].start:], first_line, path, report))
    return tuple(sections), len(stack)


def _section_name(attrs: DivAttrs) -> str:
    return attrs.classes[0] if attrs.classes else (attrs.id or "")


def _missing_close(still_open: list[_Open], attrs: DivAttrs, line: int) -> str:
    """E206's words at the innermost open div: the section opening inside shows where the ':::' are missing,
    one for each div still open (an excerpt's and its section's both forgotten need two), each named."""
    if len(still_open) == 1:
        return (f"fenced div '{_section_name(still_open[0].attrs)}' is never closed with ':::': section "
                f"'{_section_name(attrs)}' opens inside it at line {line}; write ':::' before line {line}")
    named = ", ".join(f"'{_section_name(opened.attrs)}' (line {opened.line})" if _section_name(opened.attrs)
                      else f"the div at line {opened.line}" for opened in still_open)
    return (f"{len(still_open)} fenced divs are never closed with ':::', {named}: section '{_section_name(attrs)}' "
            f"opens inside them at line {line}; write {len(still_open)} lines of ':::' before line {line}")


def _stray_text_message(sections_named: tuple[str, ...]) -> str:
    if not sections_named:
        return "text outside any section: every part of a chapter belongs to a section ('::: name' ... ':::')"
    return (f"text outside any section: every part of a chapter belongs to a section such as "
            f"'::: {sections_named[0]}' (this book's sections: {', '.join(sections_named)})")


def _stray_text(report: Report, message: str, path: Path, line: int) -> None:
    """E203: a line of a chapter outside every section."""
    report.error("E203", message, path, line)


def _make_section(opened: _Open, lines: list[str], first_line: int, path: Path, report: Report) -> Section:
    name = opened.attrs.classes[0] if opened.attrs.classes else (opened.attrs.id or "")
    blocks = _parse_blocks(lines, first_line + opened.start, path, report)
    return Section(name=name, line=opened.line, blocks=blocks)


def _parse_blocks(lines: list[str], first_line: int, path: Path, report: Report) -> tuple[Block, ...]:
    """Separate excerpt divs from the editor's prose inside one section."""
    blocks: list[Block] = []
    prose: list[str] = []
    prose_line = first_line
    depth = 0
    excerpt: tuple[DivAttrs, int, list[str]] | None = None
    code = CodeFences(lines)

    def flush_prose() -> None:
        text = "\n".join(prose).strip("\n")
        if text.strip():
            blocks.append(Prose(text=text, line=prose_line))
        prose.clear()

    for offset, line in enumerate(lines):
        lineno = first_line + offset
        if code.step(line) is not None:
            (excerpt[2] if excerpt else prose).append(line)
            continue
        opened = FENCE_OPEN.match(line)
        if excerpt is None and depth == 0 and opened:
            try:
                attrs = parse_attrs(opened.group("attrs"))
            except ValueError:
                attrs = DivAttrs(None, (), ())
            if "excerpt" in attrs.classes or "cited" in attrs.classes:
                flush_prose()
                excerpt = (attrs, lineno, [])
                continue
            meant = _meant_as_quotation(attrs)
            if meant is not None:
                report.error("E252", meant, path, lineno)
        if excerpt is not None:
            if opened:
                report.error("E207", "an excerpt cannot contain another div", path, lineno)
                continue
            if FENCE_CLOSE.match(line):
                attrs, start, text_lines = excerpt
                make = _make_cited if "cited" in attrs.classes else _make_excerpt
                blocks.append(make(attrs, start, text_lines, path, report))
                excerpt = None
                prose_line = lineno + 1
                continue
            excerpt[2].append(line)
            continue
        if opened:
            depth += 1
        elif FENCE_CLOSE.match(line):
            depth -= 1
        if not prose:
            prose_line = lineno
        prose.append(line)
    flush_prose()
    return tuple(blocks)


_QUOTATION_CLASSES = ("excerpt", "cited")


def _meant_as_quotation(attrs: DivAttrs) -> str | None:
    """E252's words for a div inside a section that was meant as an excerpt or a citation, but whose
    class is misspelt (``.exerpt``, ``.Excerpt``) or missing (``{source="…" unit="…"}``): read as
    written it is the editor's prose, so the quotation would be printed unchecked and unattributed."""
    for name in attrs.classes:
        close = did_you_mean(name.lower(), _QUOTATION_CLASSES, cutoff=0.8)
        if close is not None:
            return (f"this div's class '.{name}' is not '.{close}'; did you mean '.{close}'? As written, "
                    "its words are printed as your own text, unchecked and unattributed")
    keys = {key for key, _ in attrs.pairs}
    if keys & {"source", "unit"}:
        return ("this div names a source or unit but is not an excerpt: write "
                "'::: {.excerpt source=\"…\" unit=\"…\"}'; as written, its words are printed unchecked")
    return None


def _make_excerpt(attrs: DivAttrs, line: int, text_lines: list[str], path: Path, report: Report) -> Excerpt:
    source = attrs.get("source") or ""
    unit = attrs.get("unit") or ""
    if not source or not unit:
        report.error("E301", "an excerpt needs both source=\"…\" and unit=\"…\" attributes"
                     + _misspelt_attribute(attrs), path, line)
    text = "\n".join(text_lines).strip("\n")
    if not text.strip():
        report.error("E302", "this excerpt quotes nothing", path, line)
    others = tuple((k, v) for k, v in attrs.pairs if k not in ("source", "unit"))
    return Excerpt(source=source, unit=unit, text=text, path=path, line=line, attributes=others)


def _misspelt_attribute(attrs: DivAttrs) -> str:
    """``; did you mean source= for sorce=?``: an attribute close to one an excerpt lacks."""
    for key, _ in attrs.pairs:
        if key in ("source", "unit"):
            continue
        close = did_you_mean(key.lower(), [name for name in ("source", "unit") if attrs.get(name) is None])
        if close is not None:
            return f"; did you mean {close}=\"…\" for {key}=?"
    return ""


def _make_cited(attrs: DivAttrs, line: int, text_lines: list[str], path: Path, report: Report) -> Cited:
    cite = (attrs.get("cite") or "").strip()
    if not cite:
        report.error("E332", 'a cited quotation needs its citation: ::: {.cited cite="author, title, year, page"}',
                     path, line)
    text = "\n".join(text_lines).strip("\n")
    return Cited(text=text, cite=cite, path=path, line=line)
