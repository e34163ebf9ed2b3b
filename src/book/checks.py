"""Manuscript checks that run before anything is rendered.

Each rule is a small function carrying its code; :func:`check_manuscript` runs
them all. Excerpt verification lives in :mod:`book.excerpts`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from pathlib import Path

from .diagnostics import Report
from .model import Chapter, Manuscript

Rule = Callable[[Manuscript, Report], None]
RULES: list[Rule] = []

_UNSAFE_HTML = re.compile(r"<\s*(script|iframe|object|embed)\b|\son[a-z]+\s*=|javascript:", re.IGNORECASE)
_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
_CODE_FENCE = re.compile(r"^(`{3,}|~{3,})")


def rule(func: Rule) -> Rule:
    RULES.append(func)
    return func


def _lines_outside_code(text: str):
    """Yield (line number, line) for lines not inside fenced code blocks."""
    fence = None
    for number, line in enumerate(text.split("\n"), start=1):
        match = _CODE_FENCE.match(line)
        if fence:
            if match and match.group(1)[0] == fence[0]:
                fence = None
            continue
        if match:
            fence = match.group(1)
            continue
        yield number, line


def _markdown_files(manuscript: Manuscript):
    for chapter in manuscript.chapters:
        yield chapter.path, chapter.text
    for matter in manuscript.front + manuscript.back:
        if matter.path is not None:
            yield matter.path, matter.text


@rule
def check_structure(manuscript: Manuscript, report: Report) -> None:
    """E210-E213: every chapter follows the book's one declared structure."""
    spec = manuscript.config.structure
    order = {s.name: i for i, s in enumerate(spec)}
    for chapter in manuscript.chapters:
        _check_chapter_structure(chapter, order, spec, report)


def _check_chapter_structure(chapter: Chapter, order: dict[str, int], spec, report: Report) -> None:
    generated = {s.name for s in spec if s.generated}
    seen: dict[str, int] = {}
    last_index = -1
    last_name = None
    for section in chapter.sections:
        if section.name not in order:
            close = difflib.get_close_matches(section.name, list(order), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; the structure has: {', '.join(order)}"
            report.error("E210", f"unknown section '{section.name}'{hint}", chapter.path, section.line)
            continue
        if section.name in generated:
            report.error("E215", f"section '{section.name}' is written by the tool; remove it from the chapter",
                         chapter.path, section.line)
            continue
        if section.name in seen:
            report.error("E211", f"section '{section.name}' appears twice (first at line {seen[section.name]})",
                         chapter.path, section.line)
            continue
        seen[section.name] = section.line
        index = order[section.name]
        if index < last_index:
            report.error("E212", f"section '{section.name}' must come before '{last_name}' "
                         f"(the book's structure: {', '.join(order)})", chapter.path, section.line)
        else:
            last_index, last_name = index, section.name
    for section_spec in spec:
        if section_spec.required and not section_spec.generated and section_spec.name not in seen:
            report.error("E213", f"chapter lacks the required section '{section_spec.name}'",
                         chapter.path, chapter.body_line)


@rule
def check_unsafe_html(manuscript: Manuscript, report: Report) -> None:
    """E220: no scripts, frames, event handlers or javascript: links in the book's text."""
    for path, text in _markdown_files(manuscript):
        for number, line in _lines_outside_code(text):
            match = _UNSAFE_HTML.search(line)
            if match:
                report.error("E220", f"unsafe raw HTML '{match.group(0).strip()}' is not allowed in a book",
                             path, number, match.start() + 1)


@rule
def check_images(manuscript: Manuscript, report: Report) -> None:
    """E230-E231: images exist (paths relative to the manuscript folder) and have alt text."""
    root = manuscript.root
    for path, text in _markdown_files(manuscript):
        for number, line in _lines_outside_code(text):
            for match in _IMAGE.finditer(line):
                src = match.group("src")
                if re.match(r"^[a-z]+://", src):
                    report.error("E232", f"remote image '{src}': copy it into the manuscript folder",
                                 path, number, match.start() + 1)
                    continue
                target = (root / src)
                if not target.is_file():
                    report.error("E230", f"image not found: {src} (paths are relative to the manuscript folder)",
                                 path, number, match.start() + 1)
                if not match.group("alt").strip():
                    report.error("E231", f"image '{src}' has no alt text: write it between the brackets",
                                 path, number, match.start() + 1)
    cover = manuscript.config.cover
    if cover is not None and not (root / cover.image).is_file():
        report.error("E230", f"cover image not found: {cover.image}", manuscript.config_path)


@rule
def check_chapter_ids(manuscript: Manuscript, report: Report) -> None:
    """E214: chapter file names must differ, since they name the output files."""
    seen: dict[str, Path] = {}
    for chapter in manuscript.chapters:
        if chapter.id in seen and seen[chapter.id] != chapter.path:
            report.error("E214", f"chapter file name clashes with {seen[chapter.id]}: rename one",
                         chapter.path, 1)
        seen.setdefault(chapter.id, chapter.path)


def check_manuscript(manuscript: Manuscript, report: Report) -> None:
    """Run every rule; all problems are reported, not just the first."""
    for check in RULES:
        check(manuscript, report)


def image_paths(manuscript: Manuscript) -> list[str]:
    """Every local image the book's text refers to, in order of first use."""
    found: list[str] = []
    for _path, text in _markdown_files(manuscript):
        for _number, line in _lines_outside_code(text):
            for match in _IMAGE.finditer(line):
                if match.group("src") not in found:
                    found.append(match.group("src"))
    return found
