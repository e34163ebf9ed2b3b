"""The check stage's rules: each a small function carrying its codes, run before anything is written.

A rule may concern every output or only some (``outputs=("pdf",)``): ``book check``
runs them all, and ``book build`` the ones for the outputs it was asked for, so a
problem that would stop the PDF stops ``book build all`` before the EPUB is written.
Excerpt verification lives in :mod:`book.editorial.excerpts`.
"""

from __future__ import annotations

import bisect
import os
import re
import unicodedata
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from book.editorial.images import image_problem, raster_size
from book.editorial.raw_html import (attribute_problems, comment_spans, escaped, first_imbalance, look_alike_host,
                                     quoted_markup, raw_tags, tag_problem)
from book.manuscript.code_blocks import block_starts, headings, scope_note_labels
from book.manuscript.ids import chapter_id, document_ids, matter_id
from book.manuscript.inputs import style_files
from book.manuscript.scan import (blank_spans, excerpt_spans, image_refs, images, line_starts, lines_outside_code,
                                  markdown_address, markdown_files, outside_code, place)
from book.manuscript.styles import Styles, blockquote, refuse_lua, untrusted_lua
from book.model import Chapter, Manuscript, Prose
from book.support.diagnostics import Report
from book.support.files import input_error, input_problem, read_input
from book.support.media import cover_type, image_type
from book.support.text import did_you_mean, report_long_word
from book.support.yamlfile import config_position

RuleFunc = Callable[[Manuscript, Report], None]


# Codes of markup past reason, named here because E251 leaves the files they are raised on unread by pandoc.
_NESTED_PAST_REASON = "E225"
_TOO_MANY_TAGS = "E249"


@dataclass(frozen=True)
class Rule:
    """A check and the outputs it concerns (empty: the book itself, whatever is built)."""

    run: RuleFunc
    outputs: tuple[str, ...] = ()
    per_file: bool = False         # looks at each chapter or page on its own: checked once per chapter's content


RULES: list[Rule] = []

_REMOTE = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)   # http:, https:, data:, javascript:, file:
_UNSAFE_HTML = re.compile(r"<\s*(script|iframe|object|embed)\b|\son[a-z]+\s*=|javascript:", re.IGNORECASE)


def rule(*, outputs: tuple[str, ...] = (), per_file: bool = False) -> Callable[[RuleFunc], RuleFunc]:
    """Register a rule; ``outputs`` names the outputs it concerns, when not all. A ``per_file`` rule
    reports on each chapter from that chapter alone (and the files it names), in book order, so the
    check stage may run it on one chapter at a time and keep the result by the chapter's content."""
    def register(func: RuleFunc) -> RuleFunc:
        RULES.append(Rule(func, outputs, per_file))
        return func
    return register


@rule(per_file=True)
def check_structure(manuscript: Manuscript, report: Report) -> None:
    """E210-E213: every chapter follows the book's one declared structure."""
    spec = manuscript.config.structure
    order = {s.name: i for i, s in enumerate(spec)}
    for chapter in manuscript.chapters:
        _check_chapter_structure(chapter, order, spec, report)


def _check_chapter_structure(chapter: Chapter, order: dict[str, int], spec, report: Report) -> None:
    generated = {s.name for s in spec if s.generated}
    seen: dict[str, int] = {}
    meant: set[str] = set()     # sections an unknown one is a misspelling of: E210 names them already
    last_index = -1
    last_name = None
    for section in chapter.sections:
        if section.name not in order:
            close = did_you_mean(section.name, order) or did_you_mean(section.name.lower(), order)
            hint = f"; did you mean '{close}'?" if close else f"; the structure has: {', '.join(order)}"
            if section.name == "excerpt":
                hint = (f": an excerpt stands inside a section such as '::: {next(iter(order), 'name')}', "
                        "never on its own")
            report.error("E210", f"unknown section '{section.name}'{hint}", chapter.path, section.line)
            meant.add(close or "")
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
        if (section_spec.required and not section_spec.generated and section_spec.name not in seen
                and section_spec.name not in meant):
            report.error("E213", f"chapter lacks the required section '{section_spec.name}'",
                         chapter.path, chapter.body_line)


@rule(per_file=True)
def check_unsafe_html(manuscript: Manuscript, report: Report) -> None:
    """E220: no scripts, frames, event handlers or javascript: links in the book's text."""
    for path, text in markdown_files(manuscript):
        for number, line in lines_outside_code(text, blank_inline_code=True):
            match = _unsafe(line)
            if match:
                report.error("E220", f"unsafe raw HTML '{match.group(0).strip()}' is not allowed in a book",
                             path, number, match.start() + 1)


def _unsafe(line: str) -> re.Match[str] | None:
    """The first script, frame, handler or ``javascript:`` on a line; an escaped ``\\<script>`` is the text a
    source's unit holds when its writer typed "<script>" (pandoc prints it as text), not a tag."""
    return next((match for match in _UNSAFE_HTML.finditer(line)
                 if not (match.group(0).startswith("<") and escaped(line, match.start()))), None)


@rule(per_file=True)
def check_raw_html(manuscript: Manuscript, report: Report) -> None:
    """E221: raw HTML tags pass the nh3 allow-list whole (behind E220, a second line of defence). Tags
    are read over the whole text, as pandoc reads them: an attribute may sit on the tag's next line."""
    for path, text in markdown_files(manuscript):
        if "<" not in text:
            continue
        unsafe = {number for number, line in lines_outside_code(text, blank_inline_code=True) if _unsafe(line)}
        where = place(text)
        for tag in raw_tags(outside_code(text)):
            first, column = where(tag.start())
            last, _ = where(tag.end())
            if unsafe.intersection(range(first, last + 1)):
                continue          # E220 has said it
            problem = tag_problem(tag)
            if problem is not None:
                shown = " ".join(tag.group(0).split())[:60]
                report.error("E221", f"raw HTML '{shown}': {problem}", path, first, column)
        for start, end in _instructions(outside_code(text)):
            shown = " ".join(text[start:end].split())[:60]
            report.error("E221", f"raw HTML '{shown}': a processing instruction is not allowed in a book (pandoc "
                                 "keeps it as raw HTML, and after one on a line of its own it no longer sees the "
                                 "closing ::: of the section it stands in, which was printed as text)", path, *where(start))


def _instructions(text: str) -> Iterator[tuple[int, int]]:
    """Start and end of each processing instruction (``<?php … ?>``, ``<?xml …?>``) pandoc reads as raw HTML: a
    ``<?`` not escaped, up to the next ``?>`` (without one, pandoc reads the ``<?`` as text). Linear: each ``?>``
    is looked for once."""
    position = 0
    while (start := text.find("<?", position)) >= 0:
        if start > 0 and text[start - 1] == "\\":        # \<? is text
            position = start + 2
            continue
        end = text.find("?>", start + 2)
        if end < 0:
            return
        yield start, end + 2
        position = end + 2


@rule(per_file=True)
def check_html_balance(manuscript: Manuscript, report: Report) -> None:
    """E244: raw HTML elements and comments close where they open, before the next fenced div.

    A stray ``</div>`` closed pandoc's section early and every word after it fell out of the
    EPUB (the PDF, which drops raw HTML, kept them). A quotation is left to E247, which refuses
    any markup in it."""
    for path, text, quotations in _texts_with_quotations(manuscript):
        if "<" not in text:
            continue
        scanned = blank_spans(outside_code(text), quotations)
        imbalance = first_imbalance(scanned)
        if imbalance is not None:
            line, column = place(text)(imbalance.offset)
            report.error("E244", f"raw HTML does not balance: {imbalance.problem}", path, line, column)


MAX_RAW_HTML = 10_000
"""Raw HTML tags and comments in one file: pandoc's time grows faster than their number (40,000
comments 8 s, 100,000 comments 45 s for each output), and no book needs a tenth of this."""
_RAW_PIECE = re.compile(r"<!--|<[A-Za-z/][^<>]*>")


@rule(per_file=True)
def check_raw_html_count(manuscript: Manuscript, report: Report) -> None:
    """E249: at most ``MAX_RAW_HTML`` raw HTML tags and comments in a file, reported at the first beyond."""
    for path, text in markdown_files(manuscript):
        if text.count("<") <= MAX_RAW_HTML:
            continue
        for count, piece in enumerate(_RAW_PIECE.finditer(outside_code(text)), start=1):
            if count > MAX_RAW_HTML:
                line, column = place(text)(piece.start())
                report.error(_TOO_MANY_TAGS, f"more than {MAX_RAW_HTML:,} raw HTML tags and comments in one file: write "
                                     "Markdown, or split the chapter", path, line, column)
                break


def _texts_with_quotations(manuscript: Manuscript) -> Iterator[tuple[Path, str, list[tuple[int, int]]]]:
    """Every Markdown file with the spans of its excerpts' quoted words (a chapter's; a page has none)."""
    spans = {chapter.path: excerpt_spans(chapter) for chapter in manuscript.chapters}
    for path, text in markdown_files(manuscript):
        yield path, text, spans.get(path, [])


@rule(per_file=True)
def check_quoted_markup(manuscript: Manuscript, report: Report) -> None:
    """E247: a quotation holds no markup pandoc would read (a tag, a comment, an autolink).

    Verification reads a source's ``\\<b>`` as ``<b>``: a quotation that drops the backslash
    matched, and pandoc then printed a tag instead of the writer's characters."""
    for chapter in manuscript.chapters:
        if "<" not in chapter.text:
            continue
        scanned, where = outside_code(chapter.text), place(chapter.text)
        for start, end in excerpt_spans(chapter):
            for offset, markup in sorted(quoted_markup(scanned[start:end])):
                line, column = where(start + offset)
                report.error("E247", f"'{markup[:40]}' in a quotation would be read as markup, not printed: the "
                                     "source has it as text, escaped: write \\< for < as the source does",
                             chapter.path, line, column)


_NOTE = re.compile(r"\[\^(?P<label>[^\]\s]+)\]")
_NOTE_DEFINITION = re.compile(r"^[ \t>]*\[\^(?P<label>[^\]\s]+)\]:", re.MULTILINE)


@rule(per_file=True)
def check_note_references(manuscript: Manuscript, report: Report) -> None:
    """E246: every note defined (``[^label]: …``) is referred to (``[^label]``) in its file; E253:
    every reference has its note.

    Pandoc drops a note nobody refers to, in both outputs, without a word, and prints a reference
    without a note as the text ``[^1]``; labels are compared as pandoc compares them, case and all.
    Code and HTML comments are blanked first: pandoc prints nothing of a comment, so a reference or a
    note in one (an editor's ``<!-- cut [^3] -->``) is neither printed nor refers to anything."""
    for path, text in markdown_files(manuscript):
        if "[^" not in text:
            continue
        scanned, where = outside_code(text), place(text)
        scanned = blank_spans(scanned, comment_spans(scanned))
        definitions = {match.start("label") - 2: match for match in _NOTE_DEFINITION.finditer(scanned)}
        references = [match for match in _NOTE.finditer(scanned)
                      if match.start() not in definitions and not escaped(scanned, match.start())]
        referred = {match.group("label") for match in references}
        defined = {match.group("label") for match in definitions.values()}
        for match in references:
            label = match.group("label")
            if label not in defined:
                unused = {other.lower(): other for other in defined - referred}
                close = unused.get(label.lower()) or did_you_mean(label, defined - referred)
                hint = (f"; did you mean [^{close}]? (labels differ in case or spelling)" if close else
                        f": add the note on a line of its own, '[^{label}]: …', in this file")
                line, column = where(match.start())
                report.error("E253", f"[^{label}] refers to no note, so it would be printed as it is written{hint}",
                             path, line, column)
                defined.add(label)       # said once per label
                referred.add(close or label)     # the note it meant is not also 'never referred to'
        for match in definitions.values():
            if match.group("label") not in referred:
                line, column = where(match.start("label") - 2)
                report.error("E246", f"the note [^{match.group('label')}] is never referred to, so no output would "
                                     f"print it: put [^{match.group('label')}] where it belongs, or remove the note",
                             path, line, column)


MAX_NOTES = 5_000
"""Note references in one file. Typesetting time grows with them (20,000 notes took 33 s for the
PDF, most of it Typst's and pandoc's), and a heavily annotated chapter has a few hundred."""
MAX_NOTES_IN_PARAGRAPH = 100
"""Note references in one paragraph. Typst places a paragraph's notes by setting it again for
each page they fall on, so the time grows much faster than their number: 1,000 notes in one
paragraph took 2 s to typeset, 2,000 took 18 s, 20,000 more than 15 minutes."""
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _paragraph_breaks(text: str) -> list[int]:
    """Offsets where a paragraph may end, sorted: blank lines, and the start of each line on which
    pandoc starts a block (``block_starts``: a list item, a table's row, a block quote's paragraph
    after its ``>`` line, …), so that a tight list or a table's cells count as the paragraphs pandoc
    and Typst set. A line pandoc reads as a paragraph's (a lazy one, a marker it reads as text, a
    lone ``>`` after a paragraph outside a block quote, a code span blanked over a line) is no break."""
    starts = line_starts(text)
    breaks = {match.start() for match in _BLANK_LINE.finditer(text)}
    breaks.update(starts[index] for index in block_starts(text.split("\n")))
    return sorted(breaks)


def _note_references(scanned: str) -> list[int]:
    """Where each note reference (``[^label]``, not a definition) starts in a file's text outside
    code (``scan.outside_code``)."""
    definitions = {match.start("label") - 2 for match in _NOTE_DEFINITION.finditer(scanned)}
    return [match.start() for match in _NOTE.finditer(scanned) if match.start() not in definitions]


@rule(per_file=True)
def check_note_count(manuscript: Manuscript, report: Report) -> None:
    """E538: at most ``MAX_NOTES`` note references in a file and ``MAX_NOTES_IN_PARAGRAPH`` in a
    paragraph, each reported at the first reference beyond, before pandoc or Typst runs."""
    for path, text in markdown_files(manuscript):
        if text.count("[^") <= MAX_NOTES_IN_PARAGRAPH:
            continue
        scanned = outside_code(text)
        references = _note_references(scanned)
        breaks = _paragraph_breaks(text)
        too_many = [(MAX_NOTES, references[MAX_NOTES], "one file")] if len(references) > MAX_NOTES else []
        paragraph, count = -1, 0
        for offset in references:
            inside = bisect.bisect_right(breaks, offset)
            paragraph, count = inside, (count + 1 if inside == paragraph else 1)
            if count > MAX_NOTES_IN_PARAGRAPH:
                too_many.append((MAX_NOTES_IN_PARAGRAPH, offset, "one paragraph"))
                break
        for limit, offset, where in too_many:
            _too_many_notes(report, limit, where, path, text, offset)


def _too_many_notes(report: Report, limit: int, where: str, path: Path, text: str, offset: int) -> None:
    """E538 at the first note reference beyond ``limit`` (at ``offset`` in ``text``), in ``where``."""
    line, column = place(text)(offset)
    fix = ("keep fewer notes, or make the book two volumes" if where == "the whole book" else
           "split the paragraph or the chapter, or keep fewer notes")
    report.error("E538", f"more than {limit:,} notes in {where}: typesetting them would take minutes"
                         f"{' and gigabytes' if where == 'the whole book' else ''}; {fix}", path, line, column)


MAX_BOOK_NOTES = 10_000
"""Note references in the whole book. The PDF's time and memory grow with them however they are
spread (measured as PDF builds of 20 chapters, each under ``MAX_NOTES``): 20 x 4,900 notes took
2 min 16 s and 4.5 GB, 20 x 1,000 took 20 s and 2.3 GB, 20 x 500 took 9 s and 1.2 GB. A
scholarly anthology has a few thousand."""


@rule()
def check_book_note_count(manuscript: Manuscript, report: Report) -> None:
    """E538: at most ``MAX_BOOK_NOTES`` note references in the book's files together, reported at the
    first reference beyond, in the order the check reads the files (chapters, then matter pages).
    Files are scanned only when their ``[^`` together pass the bound: a book well under it pays a count."""
    files = list(markdown_files(manuscript))
    if sum(text.count("[^") for _path, text in files) <= MAX_BOOK_NOTES:
        return
    seen = 0
    for path, text in files:
        references = _note_references(outside_code(text)) if "[^" in text else []
        if seen + len(references) > MAX_BOOK_NOTES:
            _too_many_notes(report, MAX_BOOK_NOTES, "the whole book", path, text, references[MAX_BOOK_NOTES - seen])
            return
        seen += len(references)


_RAW_FENCE = re.compile(r"^\s*(?:`{3,}|~{3,})\s*\{\s*=\s*[\w-]+\s*\}")
_RAW_INLINE = re.compile(r"`[^`\n]+`\{\s*=\s*[\w-]+\s*\}")


@rule(per_file=True)
def check_raw_output(manuscript: Manuscript, report: Report) -> None:
    """E222: no raw output blocks (```{=html}, ```{=typst}, `…`{=html}): they would reach the EPUB or
    Typst unchecked. (Pandoc is also told not to read them: markdown-raw_attribute.)"""
    for path, text in markdown_files(manuscript):
        if "{" not in text:
            continue
        for number, line in enumerate(text.split("\n"), start=1):
            match = _RAW_FENCE.match(line) or _RAW_INLINE.search(line)
            if match:
                report.error("E222", f"raw output '{match.group(0).strip()[:40]}' is not allowed in a book: write "
                                     "Markdown (HTML or Typst written here would bypass every check)",
                             path, number, match.start() + 1)


_LINK_OPENING = re.compile(r"\]\(\s*<?|^[ \t>]*\[[^\]]+\]:\s*<?|<")
_OPENING_AT_END = re.compile(r"(?:\]\(|^[ \t>]*\[[^\]]+\]:)\s*<?\s*$")
_DESTINATION = re.compile(r"[^\s()<>]{1,120}")
_SCHEME = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*):(?!\s)")
_URL_IGNORED = re.compile(r"[\t\n\r]")
LINK_SCHEMES = {"http", "https", "mailto"}


def link_scheme(destination: str) -> str | None:
    """The scheme a link destination has once pandoc has read it and a browser has parsed it.

    Pandoc removes Markdown's backslash escapes and decodes character references (``&#106;``,
    ``&colon;``) in a destination, and a browser drops tabs and line breaks anywhere in a URL,
    so ``java&#115;cript:`` or ``javascript\\:`` in the text is a ``javascript:`` link in the
    EPUB and the PDF: the scheme is judged on the destination as the reader will get it."""
    decoded = _URL_IGNORED.sub("", markdown_address(destination))
    match = _SCHEME.match(decoded.lstrip("\x00- "))
    return match.group("scheme").lower() if match else None


_NOTE_LABEL = re.compile(r"[ \t>]*\[\^")


def _link_destinations(lines: list[tuple[int, str]]) -> Iterator[tuple[int, int, str, str]]:
    """(line, column, text, kind) of each place a link destination starts: after ``](``, after a
    reference definition's ``[label]:``, inside ``<…>``; on the next line when the opening
    ends its line (a destination may follow the opening on the next line). ``kind`` is ``link``,
    ``autolink`` (``<…>``, a link only with a scheme) or ``note`` (``[^label]:``, whose text is no address)."""
    pending: str | None = None
    for number, line in lines:
        if pending is not None:
            start = len(line) - len(line.lstrip(" \t>"))
            yield number, start + 1, line[start:], pending
        for match in _LINK_OPENING.finditer(line):
            opening = match.group(0)
            kind = "autolink" if opening == "<" else "note" if _NOTE_LABEL.match(opening) else "link"
            yield number, match.end() + 1, line[match.end():], kind
        at_end = _OPENING_AT_END.search(line)
        pending = None if at_end is None else "note" if _NOTE_LABEL.match(at_end.group(0)) else "link"


@rule(per_file=True)
def check_link_schemes(manuscript: Manuscript, report: Report) -> None:
    """E223: links go to http, https or mailto addresses, or within the book (``#id``): never javascript:, data:,
    file:, nor an address without a scheme (``other.html``, ``/etc/passwd``, ``//elsewhere.example/x``), which the
    EPUB kept as a link to a file it does not hold, a local path, or (``//``) another host."""
    for path, text in markdown_files(manuscript):
        if ":" not in text and ";" not in text and "](" not in text:
            continue
        lines = list(lines_outside_code(text, blank_inline_code=True))
        shown = {(ref.dest_line, ref.dest_column) for ref in image_refs(text)} if "![" in text else set()
        for number, column, rest, kind in _link_destinations(lines):
            if (number, column) in shown:
                continue          # an image's address: E232 and E230 judge it
            destination = _DESTINATION.match(rest)
            scheme = link_scheme(destination.group(0)) if destination else None
            if scheme is not None and scheme not in LINK_SCHEMES and not _UNSAFE_HTML.search(rest):
                report.error("E223", f"a link to a '{scheme}:' address is not allowed in a book (links may go "
                                     "to http, https or mailto addresses)", path, number, column)
            elif (scheme in ("http", "https") and destination
                  and (host := look_alike_host(markdown_address(destination.group(0))))):
                report.error("E223", f"a link to '{destination.group(0)[:80]}': {host}", path, number, column)
            elif scheme is None and kind == "link" and destination and not _within_book(destination.group(0)):
                report.error("E223", f"a link to '{destination.group(0)}' goes to no web page and no place in the "
                                     "book (links may go to http, https or mailto addresses, or to #id within the "
                                     f"book){_page_meant(destination.group(0), manuscript)}", path, number, column)


def _page_meant(destination: str, manuscript: Manuscript) -> str:
    """``; write '#ch02-letters' …``: a link to a chapter or page by its file's name (``02-letters.md``,
    ``chapters/02-letters.md#roses``) goes to its id in the book."""
    address = markdown_address(destination)
    file, _, fragment = unquote(address).partition("#")
    name = file.replace("\\", "/").rsplit("/", 1)[-1]
    config = manuscript.config    # the whole book's list: a per-file rule sees one chapter
    pages = [(PurePosixPath(item), chapter_id(PurePosixPath(item))) for item in config.chapters]
    pages += [(PurePosixPath(item), matter_id(PurePosixPath(item))) for item in
              (*config.front_matter, *config.back_matter) if item.endswith(".md")]
    for page, ident in pages:
        if name and name in (page.name, page.stem):
            target = f"#{fragment}" if fragment else f"#{ident}"
            return f"; to link to {page.name} write '({target})'" + (
                "" if fragment else " (its id in the book)")
    return ""


def _within_book(destination: str) -> bool:
    """A destination pandoc reads as a place in the book: ``#id`` (E251 judges the id), as written or escaped."""
    return markdown_address(destination).startswith("#")


_ATTRIBUTE_BLOCK = re.compile(r"(?:(?<=[\])`])|^:{3,}\s*|^#{1,6}\s.*?)(\{[^{}\n]*=[^{}\n]*\})")


@rule(per_file=True)
def check_attributes(manuscript: Manuscript, report: Report) -> None:
    """E227: the key=value attributes of pandoc's ``{…}`` blocks (on links, images, spans, headings,
    divs) pass the raw-HTML allow-list: pandoc writes them into the EPUB as HTML attributes."""
    for path, text in markdown_files(manuscript):
        if "=" not in text:
            continue
        for number, line in lines_outside_code(text):
            if "{" not in line:
                continue
            for block in _ATTRIBUTE_BLOCK.finditer(line):
                for offset, problem in attribute_problems(block.group(1)):
                    if not _excerpt_key_misspelt(block.group(1), offset):
                        report.error("E227", f"the attribute {problem}", path, number, block.start(1) + offset + 1)


def _excerpt_key_misspelt(block: str, offset: int) -> bool:
    """An excerpt's ``sorce=`` or ``unti=``: E301 names it with the attribute it stands for."""
    key = re.match(r"[^\s=]*", block[offset:]).group(0)
    return ".excerpt" in block and did_you_mean(key.lower(), ("source", "unit")) is not None


_EXPLICIT_ID = re.compile(r"\{[^{}\n]*?(?<![\w-])#([^\s{}]+)[^{}\n]*\}")
_GENERATED_ID = re.compile(r"--|^fn(?:ref)?\d+$|^(?:footnotes|notes)$")


@rule(per_file=True)
def check_ids(manuscript: Manuscript, report: Report) -> None:
    """E241: an id written in the text (``{#id}``) is used once in its file and is none of the forms
    the book gives its own elements (``<chapter>--<section>``, ``fn1``, ``fnref1``, the chapter's id):
    the EPUB would hold two elements with one id (epubcheck RSC-005) and links would go to either."""
    owned: dict[Path, set[str]] = {}          # a file's chapters' ids, found once (a walk a file was quadratic)
    for chapter in manuscript.chapters:
        owned.setdefault(chapter.path, set()).add(chapter.id)
    for path, text in markdown_files(manuscript):
        if "{#" not in text and "#" not in text:
            continue
        own = owned.get(path, set())
        seen: dict[str, int] = {}
        for number, line in lines_outside_code(text):
            for match in _EXPLICIT_ID.finditer(line):
                ident = match.group(1)
                problem = None
                if ident in seen:
                    problem = f"is used twice (first at line {seen[ident]})"
                elif _GENERATED_ID.search(ident) or any(ident == c or ident.startswith(c + "-") for c in own):
                    problem = "has the form of an id the book gives its own elements"
                seen.setdefault(ident, number)
                if problem is not None:
                    report.error("E241", f"the id '{ident}' {problem}: choose another", path, number,
                                 match.start(1))


def _headings(text: str) -> Iterator[tuple[int, int, int]]:
    """(line number, level, column) of each heading pandoc reads in ``text``: ATX (``### x``) and setext
    (a line underlined with ``===`` or ``---``), in block quotes, list items and notes too, never in code
    (:func:`book.manuscript.code_blocks.headings`, the reading the code blocks come from)."""
    yield from headings(text.split("\n"))


@rule(per_file=True)
def check_heading_levels(manuscript: Manuscript, report: Report) -> None:
    """E239: headings in the text go one level at a time below the heading they stand under.

    A chapter's title is level 1 and a section's title level 2 (``chapter.md.j2``), a matter page's
    title level 1: a heading in the text is one level below (a section with a title: ``###``), and
    never skips one. The PDF is tagged PDF/UA-1, which refuses a skipped level, and the EPUB's
    outline would show a hole; a heading as high as the title would make a second chapter.
    """
    titled = {spec.name for spec in manuscript.config.structure if spec.title}
    for chapter in manuscript.chapters:
        for section in chapter.sections:
            base = 2 if section.name in titled else 1
            previous = base
            for block in section.blocks:
                if isinstance(block, Prose):
                    previous = _heading_levels(block.text, block.line, base, previous, chapter.path, report)
    for matter in manuscript.front + manuscript.back:
        if matter.path is not None and matter.body:
            base = 1 if matter.title else 0
            _heading_levels(matter.body, matter.body_line, base, base, matter.path, report)


def _heading_levels(text: str, first_line: int, base: int, previous: int, path: Path, report: Report) -> int:
    for number, level, column in _headings(text):
        if level <= base or level > previous + 1:
            want = "#" * min(max(level, base + 1), previous + 1)
            where = "the title above it" if level <= base else f"the level-{previous} heading before it"
            report.error("E239", f"a level-{level} heading under {where}: write '{want}' (headings go one level "
                                 "at a time)", path, first_line + number - 1, column)
        else:
            previous = level
    return previous


@rule(per_file=True)
def check_word_length(manuscript: Manuscript, report: Report) -> None:
    """E228: no word (or address) longer than ``MAX_WORD`` characters, in text or code; a paragraph of a
    script written without spaces is measured by its own line-break opportunities (``long_word``)."""
    for path, text in markdown_files(manuscript):
        report_long_word(text, path, report, scripts_break=True)


MAX_NESTING = 16
"""Block quotes, lists or fenced divs inside one another: no book needs more. Pandoc's reader slows
down with the depth (3,000 nested list items: minutes) and Typst stops at its parser's depth."""
MAX_INDENT = 64   # columns of indentation: a code block in a list in a list needs 12
_QUOTE_PREFIX = re.compile(r"^(?:[ \t]*>)+")
_LIST_PREFIX = re.compile(r"^(?:[ \t]*(?:[-*+]|\d{1,9}[.)]|#\.)(?=[ \t]))+")
_DIV_OPEN = re.compile(r"^:{3,}[ \t]*[^\s:]")
_DIV_CLOSE = re.compile(r"^:{3,}[ \t]*$")


MAX_BRACKETS = 5
"""Square brackets (link texts, spans, notes' labels) inside one another in a paragraph. Pandoc's
Markdown reader tries each as a link, a span and plain text, so its time grows exponentially with the
depth (pandoc 3.9, one ``[[…[x]…]]``: 6 deep 0.1 s, 10 deep 1.5 s, 12 deep 5 s, 15 deep more than
a minute; 500 of them 5 deep, 5 s). A link in a span in a note's brackets is three."""


@rule(per_file=True)
def check_nesting(manuscript: Manuscript, report: Report) -> None:
    """E225: block quotes, lists and fenced divs nested at most ``MAX_NESTING`` deep, indented at most
    ``MAX_INDENT`` columns, brackets at most ``MAX_BRACKETS`` deep in a paragraph: deeper markup is
    refused at its line before pandoc or Typst sees it."""
    for path, text in markdown_files(manuscript):
        divs = brackets = 0
        blanked = (dict(lines_outside_code(text, blank_inline_code=True)) if text.count("[") > MAX_BRACKETS
                   else {})
        for number, line in lines_outside_code(text):
            problem = _nesting_problem(line, divs)
            if _DIV_OPEN.match(line):
                divs += 1
            elif _DIV_CLOSE.match(line):
                divs = max(0, divs - 1)
            if problem is None and number in blanked:
                brackets, deepest = _bracket_depth(blanked[number], brackets if line.strip() else 0)
                if deepest > MAX_BRACKETS:
                    problem = (f"brackets ([…], links and spans) nested {deepest} deep", MAX_BRACKETS)
            if problem is not None:
                report.error(_NESTED_PAST_REASON, f"{problem[0]}: write it flatter (at most {problem[1]} levels)",
                             path, number, 1)
                break          # one error per file: the lines after it are as deep


def _nesting_problem(line: str, divs: int) -> tuple[str, int] | None:
    """What in ``line`` is nested past reason, and the bound it passes."""
    quote = _QUOTE_PREFIX.match(line)
    quotes = quote.group(0).count(">") if quote else 0
    rest = line[quote.end():] if quote else line
    lists = _LIST_PREFIX.match(rest)
    markers = len(re.findall(r"[-*+)]|\.", lists.group(0))) if lists else 0
    indent = len(rest.expandtabs(4)) - len(rest.expandtabs(4).lstrip(" "))
    if _DIV_OPEN.match(line) and divs + 1 > MAX_NESTING:
        return f"fenced divs nested {divs + 1} deep", MAX_NESTING
    if quotes > MAX_NESTING:
        return f"block quotes nested {quotes} deep", MAX_NESTING
    if markers > MAX_NESTING:
        return f"lists nested {markers} deep on one line", MAX_NESTING
    if indent > MAX_INDENT and rest.strip():
        return f"a line indented {indent} columns (lists nested about {indent // 2} deep)", MAX_NESTING
    return None


_BRACKET = re.compile(r"\\.|[\[\]]")


def _bracket_depth(line: str, depth: int) -> tuple[int, int]:
    """The depth of unescaped square brackets after ``line``, read from ``depth`` (the paragraph's
    lines before it), and the deepest it reaches in the line (links in spans in links…)."""
    deepest = depth
    if "[" not in line and not depth:
        return 0, 0
    for match in _BRACKET.finditer(line):
        char = match.group(0)
        if char == "[":
            depth += 1
            deepest = max(deepest, depth)
        elif char == "]" and depth:
            depth -= 1
    return depth, deepest


# A link's address, or a reference definition's (never a note's: "[^1]: #1 in the charts" is its text).
_INTERNAL_LINK = re.compile(r"\]\(\s*<?(?P<dest>#[^\s()<>]*|(?=\s*\)))|^[ \t>]*\[(?!\^)[^\]]+\]:\s*<?(?P<ref>#\S*)")
# Errors after which a file is not given to pandoc for its ids (markup pandoc reads in superlinear time).
_PAST_READING = frozenset((_NESTED_PAST_REASON, _TOO_MANY_TAGS))
_BOTH = frozenset(("epub", "pdf"))


@dataclass(frozen=True)
class _Document:
    """One document pandoc converts (a chapter, an editor's matter page): its file, the editions
    that print it, and the ids it holds, exactly as the outputs hold them."""

    id: str
    path: Path | None              # None: a page the book writes in Markdown (the sources appendix)
    editions: frozenset[str]
    ids: frozenset[str]


@dataclass(frozen=True)
class _Targets:
    """What a link within the book may go to. An id of the link's own document; else an id that
    exactly one other document has (the EPUB names that document's file, the PDF its label:
    ``link_across_documents``; an id two others have is left pointing nowhere); else a document
    itself (its start). The pages the book generates (half-title, title page, copyright,
    contents) are no target: the EPUB's contents is its navigation document, and none is a
    pandoc document. ``known`` is False when pandoc could not say the ids: nothing is refused.
    ``exact`` is False when the manuscript overrides a template that writes the documents' Markdown:
    an id none has here may be one the template writes, so that verdict is left to E539."""

    documents: tuple[_Document, ...]
    generated: tuple[str, ...]
    known: bool = True
    exact: bool = True

    def problem(self, dest: str, path: Path) -> str | None:
        """Why ``#dest``, written in the file at ``path``, goes nowhere in an edition that prints it."""
        name = unquote(dest[1:])
        own = [doc for doc in self.documents if doc.path == path]
        printed = own[0].editions if own else _BOTH
        if not self.known or any(name in doc.ids for doc in own):
            return None
        owners = [doc for doc in self.documents if doc.path != path and (name in doc.ids or name == doc.id)]
        if not owners and any(name == page or name.startswith(page + "-") for page in self.generated):
            return f"goes to '{dest}', a page the book generates, which no link can go to"
        if not owners and not self.exact:
            return None             # an overriding template's ids: E539 judges the rendered documents
        if not owners:
            near = did_you_mean(name, sorted({i for doc in self.documents for i in doc.ids}))
            return f"goes to '{dest}', which no heading or id of the book has" + (f" (did you mean '#{near}'?)" if near else "")
        if len(owners) > 1 and not any(name == doc.id for doc in owners):
            files = ", ".join(doc.path.name for doc in owners)
            return f"goes to '{dest}', an id {len(owners)} other files have ({files}), so to none of them"
        missing = sorted(printed - owners[0].editions)
        if missing:
            return f"goes to '{dest}', on a page the {missing[0].upper()} leaves out (its `outputs:`)"
        return None


def _targets(manuscript: Manuscript, report: Report) -> _Targets:
    """Each document's ids as pandoc gives them (:func:`book.manuscript.ids.document_ids`), read from
    the text the templates give pandoc, in their order: the title's and each section's id
    (``<chapter>-title``, ``<chapter>--<section>``, ``<chapter>--<section>-title``), then the
    section's words with their note labels scoped as the build scopes them (a label in a heading
    is part of its id). A file past reading (E225, E249) is left out."""
    skipped = {d.path for d in report.errors if d.code in _PAST_READING}
    made: list[tuple[str, Path, frozenset[str], str, set[str]]] = []
    for chapter in manuscript.chapters:
        if chapter.path not in skipped:
            made.append((chapter.id, chapter.path, _BOTH, *_chapter_text(manuscript, chapter)))
    for matter in (*manuscript.front, *manuscript.back):
        if matter.is_markdown and matter.path is not None and matter.path not in skipped:
            head = f"# t {{#{matter.id}-title}}\n\n" if matter.title else ""
            made.append((matter.id, matter.path, frozenset(matter.outputs),
                         scope_note_labels(matter.id, head + matter.body), {matter.id}))
    found = document_ids([text for *_, text, _ in made])
    documents = tuple(_Document(doc_id, path, editions, frozenset(found[index] if found else ()) | extra)
                      for index, (doc_id, path, editions, _text, extra) in enumerate(made))
    documents += tuple(_Document(m.id, None, frozenset(m.outputs), frozenset((m.id, f"{m.id}-title")))
                       for m in (*manuscript.front, *manuscript.back) if m.is_markdown and m.path is None)
    generated = tuple(m.id for m in (*manuscript.front, *manuscript.back) if not m.is_markdown)
    return _Targets(documents, generated, known=found is not None, exact=Styles.of(manuscript).renders_as_ours())


def _chapter_text(manuscript: Manuscript, chapter: Chapter) -> tuple[str, set[str]]:
    """A chapter's text as ``chapter.md.j2`` lays it out for pandoc, as far as ids go, and the ids of
    the template's divs (``<chapter>``, ``<chapter>--<section>``), which pandoc's reading of the
    words does not show."""
    written = {section.name: section for section in chapter.sections}
    parts, extra = [f"# t {{#{chapter.id}-title}}"], {chapter.id}
    for spec in manuscript.config.structure:
        section = written.get(spec.name)
        if spec.generated == "sources" and not chapter.excerpts or spec.generated != "sources" and section is None:
            continue
        extra.add(f"{chapter.id}--{spec.name}")
        if spec.title:
            parts.append(f"## t {{#{chapter.id}--{spec.name}-title}}")
        for block in section.blocks if section is not None and spec.generated != "sources" else ():
            parts.append(block.text if isinstance(block, Prose) else blockquote(block.text))
    return scope_note_labels(chapter.id, "\n\n".join(parts)), extra


def _editions_of(manuscript: Manuscript, path: Path) -> frozenset[str]:
    """The editions that print the file at ``path``: a chapter both, a matter page its ``outputs:``."""
    for matter in (*manuscript.front, *manuscript.back):
        if matter.path == path:
            return frozenset(matter.outputs)
    return _BOTH


_LINK_LABEL_START = re.compile(r"\[(?!\^)")


def _may_hold_link(text: str) -> bool:
    """Whether ``text`` may hold what :data:`_INTERNAL_LINK` finds, told without reading its code
    blocks (:func:`lines_outside_code`, the scan's cost in a book with many notes): a ``](``, or a
    line with a ``[`` that opens no note (``[^1]:`` defines one) before a ``]:``. Blanking code spans
    only makes spaces, so a line that matches once blanked matches here too. Linear in the text."""
    if "](" in text:
        return True
    if "]:" not in text:
        return False
    return any(_LINK_LABEL_START.search(line, 0, line.rfind("]:")) for line in text.split("\n") if "]:" in line)


@rule()
def check_internal_links(manuscript: Manuscript, report: Report) -> None:
    """E251: a link within the book (``[words](#id)``) goes to an id the book has, exactly as pandoc
    writes it (``#Roses`` is not ``#roses``), in every edition that prints the link, and a link has
    an address. The EPUB would hold a link to nowhere and Typst stops the PDF on it (a label that
    does not exist); an empty address (``[words]()``) is a link to the chapter's temporary file in
    pandoc's Typst. A link to a chapter or matter page's own id goes to its start in both editions
    (the PDF: book.pdf.document.link_across_documents); a generated page is no target. Registered
    after E225: the ids are pandoc's, read only from files it can read in reasonable time."""
    targets: _Targets | None = None
    for path, text in markdown_files(manuscript):
        if not _may_hold_link(text):
            continue
        for number, line in lines_outside_code(text, blank_inline_code=True):
            for match in _INTERNAL_LINK.finditer(line):
                dest = markdown_address(match.group("dest") or match.group("ref") or "")
                if dest and dest != "#":
                    targets = targets or _targets(manuscript, report)
                    problem = targets.problem(dest, path)
                    if problem is None:
                        continue
                else:
                    problem = "has no address" if not dest else "goes to '#', the top of nothing"
                column = (match.start("dest") if match.group("dest") is not None else
                          match.start("ref") if match.group("ref") is not None else match.end()) + 1
                report.error("E251", f"this link {problem}: link to a heading's id (`## Roses` is `#roses`), "
                                     "a chapter's id, an id written as {#id}, or an address on the web",
                             path, number, column)


@rule(per_file=True)
def check_images(manuscript: Manuscript, report: Report) -> None:
    """E230-E232, E236: images are sound local files (relative to the manuscript folder) with alt text."""
    checked: dict[str, str | None] = {}
    present: _Images | None = None             # the manuscript's images, listed once, at the first one missing
    for path, ref in images(manuscript):
        src, number, column = ref.src, ref.line, ref.column
        if _REMOTE.match(src):
            report.error("E232", f"remote image '{src}': copy it into the manuscript folder",
                         path, number, column)
            continue
        problem = input_problem(manuscript.root / src, manuscript.root)
        if problem == "not found":
            present = _images_under(manuscript.root) if present is None else present
            close = _image_meant(src, present)
            hint = f"; did you mean '{close}'?" if close else ""
            report.error("E230", f"image not found: {src} (paths are relative to the manuscript folder){hint}",
                         path, number, column)
        elif problem is not None:
            input_error(report, (manuscript.root / src, problem), number, column, listed_in=path)
        else:
            if src not in checked:
                checked[src] = image_problem(read_input(manuscript.root / src, manuscript.root), src)
            if checked[src] is not None:
                report.error("E236", f"image '{src}' {checked[src]}", path, number, column)
        if not ref.alt.strip():
            report.error("E231", f"image '{src}' has no alt text: write it between the brackets",
                         path, number, column)


MAX_IMAGES_LOOKED_AT = 10_000
"""Files looked at for an image's did-you-mean: a manuscript holds far fewer; a huge folder is not walked."""


_Images = dict[str, str]
"""The manuscript's image files by their path case-folded (``images/clock.png``) to the path as it is
(``images/Clock.PNG``); empty when there are more than :data:`MAX_IMAGES_LOOKED_AT`."""


def _images_under(root: Path) -> _Images:
    """Every image file of the manuscript folder (not its build or sources, nor hidden folders), walked once
    per check however many images are missing."""
    found: _Images = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in ("build", "sources"))
        for name in sorted(files):
            if image_type(name):
                relative = Path(folder, name).relative_to(root).as_posix()
                found.setdefault(relative.casefold(), relative)
        if len(found) > MAX_IMAGES_LOOKED_AT:
            return {}
    return found


def _image_meant(src: str, present: _Images) -> str | None:
    """The image file an address not found most likely meant: the same path in another case
    (``Clock.PNG``), with ``%20`` written as the space it stands for, from the chapter's folder
    (``../images/clock.png``: paths are the manuscript's), or, when none is that, spelt a little
    differently: rapidfuzz's ratio (difflib's measure, in C) at 75, so a hundred images missing from a
    book of thousands are matched in a moment."""
    from rapidfuzz import fuzz, process      # only for an image not found: a sound book never imports it

    wanted = unquote(src).replace("\\", "/")
    while wanted.startswith(("../", "./")):
        wanted = wanted.split("/", 1)[1]
    if (same := present.get(wanted.casefold())) is not None:
        return same
    close = process.extractOne(wanted.casefold(), list(present), scorer=fuzz.ratio, score_cutoff=75)
    return present[close[0]] if close else None


@rule(outputs=("epub",), per_file=True)
def check_image_types(manuscript: Manuscript, report: Report) -> None:
    """E234: every image is of a type an EPUB reading system must show."""
    for path, ref in images(manuscript):
        src, number, column = ref.src, ref.line, ref.column
        if _REMOTE.match(src):
            continue
        if image_type(src) is None:
            report.error("E234", f"unsupported image type: {src} (use PNG, JPEG, GIF, SVG or WebP)",
                         path, number, column)
        elif (found := _NOT_IN_A_PACKAGE.search(src)) and (manuscript.root / src).is_file():   # else E230
            shown = "a space" if found.group(0).isspace() else f"'{found.group(0)}'"
            report.error("E234", f"the image's file name {src!r} holds {shown}, which the EPUB's package cannot "
                                 f"name (epubcheck RSC-020): rename the file, e.g. "
                                 f"'{_NOT_IN_A_PACKAGE.sub('-', src)}', and the reference", path, number, column)


_NOT_IN_A_PACKAGE = re.compile(r"[\s%#?\[\]\\\"<>^`{|}]")
"""Characters no URL in an EPUB's package document may hold as they are (its items are named by the
image's path): an image file named with one is renamed, not written into an invalid EPUB."""


@rule()
def check_cover(manuscript: Manuscript, report: Report) -> None:
    """E233, E235: the editor's cover image exists and is PNG or JPEG, as the stores ask."""
    cover = manuscript.config.cover
    if cover is None:
        return
    line, column = config_position(manuscript.config_path, ("cover", "image"))
    path = manuscript.root / cover.image
    problem = input_problem(path, manuscript.root)
    if problem == "not found":
        report.error("E235", f"cover image not found: {cover.image}", manuscript.config_path, line, column)
    elif problem is not None:
        input_error(report, (path, problem), line, column, listed_in=manuscript.config_path)
    elif cover_type(cover.image) is None:
        report.error("E233", f"cover image must be PNG or JPEG, not {cover.image}",
                     manuscript.config_path, line, column)
    elif (problem := image_problem(data := read_input(path, manuscript.root), cover.image)) is not None:
        report.error("E238", f"cover image '{cover.image}' {problem}", manuscript.config_path,
                     line, column)
    else:
        _check_cover_size(cover.image, data, report, manuscript.config_path, line, column)


COVER_MIN_WIDTH = 1400
"""Apple Books' least cover width in pixels; Kindle asks for 1,600 x 2,560 and Kobo for 1,400 wide or more."""


def _check_cover_size(name: str, data: bytes, report: Report, config: Path, line: int | None,
                      column: int | None) -> None:
    """E242: a cover the stores would refuse or show blurred is said before it is sent to them."""
    width, height = raster_size(data)
    if width < COVER_MIN_WIDTH:
        report.warning("E242", f"cover image '{name}' is {width} x {height} pixels: the stores ask for at least "
                               f"{COVER_MIN_WIDTH:,} pixels wide (Kindle's ideal is 1,600 x 2,560)", config, line, column)


@rule()
def check_input_files(manuscript: Manuscript, report: Report) -> None:
    """E120: the manuscript's styles/ holds only regular files inside the folder (sources/ is checked as read)."""
    for refused in style_files(manuscript.root)[1]:
        input_error(report, refused)


# What an EPUB must never carry from a manuscript's own styles: scripts, handlers, and files or fonts
# fetched from elsewhere (a remote @import or url() makes a reading system go online, or fail).
_STYLE_HAZARD = re.compile(r"<\s*script\b|\son[a-z]+\s*=|javascript:|@import\b|"
                           r"url\(\s*['\"]?\s*(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
_EPUB_STYLE_SUFFIXES = (".css", ".xhtml.j2", ".xml.j2")


@rule(outputs=("epub",))
def check_style_overrides(manuscript: Manuscript, report: Report) -> None:
    """E224: the manuscript's own EPUB styles and templates hold no script and load nothing from elsewhere."""
    for path in style_files(manuscript.root)[0]:
        if not path.name.endswith(_EPUB_STYLE_SUFFIXES):
            continue
        text = read_input(path, manuscript.root).decode("utf-8", errors="replace")
        for number, line in enumerate(text.split("\n"), start=1):
            match = _STYLE_HAZARD.search(line)
            if match:
                report.error("E224", f"'{match.group(0).strip()}' in a style file: an EPUB's styles and pages may "
                                     "not run scripts or load files from elsewhere; put fonts and images in the "
                                     "manuscript and refer to them by a relative path", path, number, match.start() + 1)


@rule()
def check_lua_filters(manuscript: Manuscript, report: Report) -> None:
    """E250: a Lua filter in the manuscript's ``styles/`` runs only when the person building trusts it."""
    for path in style_files(manuscript.root)[0]:
        if untrusted_lua(path):
            refuse_lua(report, path)


@rule(outputs=("pdf",))
def check_font(manuscript: Manuscript, report: Report) -> None:
    """E240: the font the book asks for is among Typst's embedded fonts and ``styles/fonts/``."""
    import typst

    wanted = manuscript.config.print.font
    dirs = Styles.of(manuscript).font_dirs
    families = typst.Fonts(include_system_fonts=False, include_embedded_fonts=True,
                           font_paths=[str(d) for d in dirs]).families()
    if wanted.lower() in {f.lower() for f in families}:
        return
    line, column = config_position(manuscript.config_path, ("print", "font"))
    report.error("E240", f"font '{wanted}' not found; available: {', '.join(sorted(set(families)))} "
                 "(add font files with their licence to styles/fonts/)", manuscript.config_path, line, column)


_PACKAGE_PAGES = {"nav": "the EPUB's contents page (nav.xhtml)", "cover": "the EPUB's cover page (cover.xhtml)"}
"""Documents every EPUB holds, named by id like the chapters and pages."""


@rule()
def check_chapter_ids(manuscript: Manuscript, report: Report) -> None:
    """E214: the ids of chapters and pages differ from each other and from the pages the book makes, since
    each names an output file and a label: ``front/nav.md`` replaced the EPUB's nav.xhtml (the zip held two
    entries of one name, the page was lost), and two pages with one id are one label that Typst refuses."""
    holders: dict[str, str] = dict(_PACKAGE_PAGES)
    for matter in (*manuscript.front, *manuscript.back):
        if matter.path is None and matter.kind != "contents":   # the contents page is the EPUB's nav (above)
            holders.setdefault(matter.id, f"the page '{matter.id}' the book makes")
    chapters: dict[str, Path] = {}
    documents = [*(m for m in manuscript.front if m.path is not None), *manuscript.chapters,
                 *(m for m in manuscript.back if m.path is not None)]
    for doc in documents:
        assert doc.path is not None
        path = os.path.normpath(doc.path)          # one file listed twice is E110's, not a clash
        if isinstance(doc, Chapter) and doc.id in chapters and os.path.normpath(chapters[doc.id]) != path:
            report.error("E214", f"chapter file name clashes with {chapters[doc.id]}"
                                 f"{_other_form(chapters[doc.id], path)}: rename one", doc.path, 1)
        elif doc.id in holders and holders[doc.id] != path:
            report.error("E214", f"this file's name gives the id '{doc.id}', which {holders[doc.id]} has"
                                 f"{_other_form(Path(holders[doc.id]), path)}: rename the file (and its line in "
                                 "book.yaml)", doc.path, 1)
        if isinstance(doc, Chapter):
            chapters.setdefault(doc.id, doc.path)
        holders.setdefault(doc.id, path)


def _other_form(first: Path, second: str) -> str:
    """Words for two names that differ only in their Unicode form (``café`` composed, and decomposed as macOS
    saves it): shown, they look the same."""
    same = unicodedata.normalize("NFC", str(first)) == unicodedata.normalize("NFC", second)
    return ", the same name in another Unicode form (accents written apart, as macOS saves them)" if same else ""


def rules_for(outputs: Collection[str] | None = None) -> list[Rule]:
    """The rules for the outputs to be made (None: all), in the order they report."""
    return [item for item in RULES if outputs is None or not item.outputs or set(item.outputs) & set(outputs)]


def check_manuscript(manuscript: Manuscript, report: Report, outputs: Collection[str] | None = None) -> None:
    """Run every rule for the outputs to be made (None: all); every problem is reported, not just the first."""
    for item in rules_for(outputs):
        item.run(manuscript, report)
