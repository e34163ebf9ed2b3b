"""Read a manuscript folder into the :class:`~book.model.Manuscript` model.

Reading gathers every problem it can find (a missing chapter, a bad key, a
chapter listed twice) into a :class:`~book.diagnostics.Report` instead of
stopping at the first, so one ``book check`` shows the editor everything.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from book.context import Memo
from book.config import (GENERATED_BACK, GENERATED_FRONT, LANGUAGE_VERDICT, SEMANTIC_TERM, BookConfig, Closed,
                         language_problem)
from book.manuscript.chapter_parser import parse_sections, split_front_matter
from book.manuscript.ids import chapter_id, matter_id
from book.manuscript.styles import PACKAGE_STYLES
from book.model import Chapter, Manuscript, Matter, stored_without_text
from book.support.diagnostics import BookError, Report
from book.support.files import InputRefused, input_error, input_problem, read_input, walk_inputs
from book.support.text import decode_text, did_you_mean
from book.support.yamlfile import M, parse_yaml, position, quick_validate, validate

# Codes of schema errors (unknown key, missing key, bad value) in book.yaml and in a page's front matter.
BOOK_YAML_CODES = ("E102", "E103", "E104")
FRONT_MATTER_CODES = ("E216", "E217", "E218")

MATTER_TYPES = (
    "preface", "foreword", "introduction", "prologue", "epilogue", "afterword", "conclusion",
    "dedication", "epigraph", "acknowledgments", "appendix", "bibliography", "colophon",
    "glossary", "notice", "credits", "other-credits", "imprimatur", "errata", "contributors",
)


class ChapterMeta(Closed):
    """Front matter of a chapter file."""

    title: str = Field(min_length=1)
    """The chapter's title."""
    short_title: str | None = None
    """Shorter title for running heads, when the title is long."""
    subtitle: str | None = None
    """Optional line under the title."""


class MatterMeta(Closed):
    """Front matter of a front- or back-matter file."""

    title: str | None = None
    """Heading of the page (omit for an untitled page such as a dedication)."""
    type: str | None = Field(default=None, pattern=SEMANTIC_TERM,
                             json_schema_extra={"write": "an EPUB semantic term such as preface or dedication"})
    """EPUB semantic type, e.g. ``preface``, ``dedication``, ``appendix``."""
    toc: bool = True
    """Whether the page is listed in the contents."""
    outputs: list[Literal["epub", "pdf"]] = Field(default=["epub", "pdf"], min_length=1)
    """The editions that print the page: ``[epub]`` for an ebook-only page, ``[pdf]`` for print only."""


def load_manuscript(root: Path, report: Report, memo: Memo | None = None) -> Manuscript | None:
    """Read ``root/book.yaml``, its chapters and matter files, and its sources.

    With a ``memo`` (``book serve``), chapters and sources whose files are unchanged since the
    last reading are not parsed again.
    """
    if not root.is_dir():
        raise BookError(f"manuscript folder not found: {root}", "E100", path=root)
    config_path = root / "book.yaml"
    if not os.path.lexists(config_path):
        raise BookError("book.yaml not found in the manuscript folder", "E100", path=config_path)
    text = _read_text(config_path, root, report)
    if text is None:
        return None
    if not text.strip():
        report.error("E100", "book.yaml is empty", config_path, 1)
        return None
    context = {LANGUAGE_VERDICT: _language_verdicts(memo)} if memo is not None else None
    config = _quick_validate(BookConfig, text, memo, context, whole=True)
    data = _Listing(text, config_path)
    if config is None:        # something to say: read again with every value's line
        data.tree = parse_yaml(text, config_path, report)
        if data.tree is None:
            if not report.errors:
                report.error("E100", "book.yaml holds no settings", config_path, 1)
            return None
        if not hasattr(data.tree, "items"):
            report.error("E107", "book.yaml must be a mapping of keys to values", config_path, 1)
            return None
        config = validate(BookConfig, data.tree, config_path, report, BOOK_YAML_CODES, context=context)
        if config is None:
            return None

    _check_listing(config, data, config_path, report)
    chapters = tuple(
        ch for number, rel in enumerate(config.chapters, start=1)
        if (ch := _load_chapter(root, rel, number, data, config, config_path, report, memo)) is not None
    )
    _check_unlisted(root, config.chapters, report)
    front = _load_matter_list(root, config.front_matter, "front_matter", data, config_path, report, memo)
    back = _load_matter_list(root, config.back_matter, "back_matter", data, config_path, report, memo)
    sources = _load_sources(root, report, memo)
    styles = tuple(p for p in (root / "styles", PACKAGE_STYLES) if p.is_dir())
    return Manuscript(root=root, config_path=config_path, config=config, front=front,
                      chapters=chapters, back=back, sources=sources, styles_dirs=styles)


class _Listing:
    """book.yaml with the line and column of each value, read by the round-trip loader (pure Python,
    a few milliseconds of every run) only when a message needs one: a book.yaml that reads and
    validates cleanly is read by the C loader alone."""

    def __init__(self, text: str, path: Path) -> None:
        self.text, self.path = text, path
        self.tree: Any = None

    def at(self, loc: tuple) -> tuple[int | None, int | None]:
        if self.tree is None:
            self.tree = parse_yaml(self.text, self.path, Report())      # read cleanly before
        return position(self.tree, loc)


def _quick_validate(model: type[M], text: str, memo: Memo | None, context: dict[str, Any] | None = None,
                    whole: bool = False) -> M | None:
    """:func:`~book.support.yamlfile.quick_validate`, kept in the memo (the build cache, when the CLI's) by the
    text: a rebuild whose book.yaml and front matter are unchanged reads them back as validated, with no
    YAML reader imported and no validator built (:func:`book.config.settings_from_tree`). A text that does
    not validate cleanly is kept as None, and read again with every line to say why."""
    if memo is None:
        return quick_validate(model, text, context, whole)
    key = Memo.key(model.__module__, model.__qualname__, "whole" if whole else "part", text)
    return memo.recall("settings", key, Report(), lambda _report: quick_validate(model, text, context, whole))


def _language_verdicts(memo: Memo):
    """:func:`~book.config.language_problem` kept in the memo by tag (the build cache, when the CLI's):
    judging a tag against the IANA registry imports langcodes, whose registry pattern is compiled at
    import, about 0.03-0.05 s of every run that reads book.yaml; the verdict of a tag changes only
    with langcodes, whose version is part of every cache key."""
    def verdict(tag: str) -> str | None:
        return memo.recall("language", Memo.key(tag), Report(), lambda _report: language_problem(tag))
    return verdict


def _check_unlisted(root: Path, listed: list[str], report: Report) -> None:
    """E219: a chapter file that book.yaml does not list is left out of the book; say so.

    The folder is looked at by the one safe walk (a pipe or a link loop there is not read)."""
    folder = root / "chapters"
    if not folder.is_dir():
        return
    wanted = {os.path.realpath(root / rel) for rel in listed}
    files = walk_inputs(root, folder)[0]
    candidates = _markdown_files(root)
    meant = {_meant_file(rel, candidates) for rel in listed if input_problem(root / rel, root) == "not found"}
    nested = {path.parent for path in files if path.name == "book.yaml"}
    for inner in sorted(nested):
        report.warning("E219", f"{inner.relative_to(root).as_posix()}/ holds a book of its own (its book.yaml), "
                       "so it is not in this book: move it out of chapters/", inner / "book.yaml")
    for path in files:
        if (path.suffix == ".md" and os.path.realpath(path) not in wanted and not path.name.startswith(".")
                and path.relative_to(root).as_posix() not in meant
                and not any(folder in nested for folder in path.parents)):
            report.warning("E219", f"{path.relative_to(root).as_posix()} is not listed under 'chapters' in "
                           "book.yaml, so it is not in the book: list it, or move it out of chapters/", path)


def _markdown_files(root: Path) -> list[str]:
    """The manuscript's Markdown files, as book.yaml would list them."""
    return [p.relative_to(root).as_posix() for p in walk_inputs(root)[0]
            if p.suffix == ".md" and not any(part.startswith(".") for part in p.relative_to(root).parts)]


def _meant_file(rel: str, candidates: list[str]) -> str | None:
    """The file a listed name not found stands for: the same name in another Unicode form, or one
    spelt a little differently (E112's did-you-mean; E219 then says nothing more of that file)."""
    same = [c for c in candidates if unicodedata.normalize("NFC", c) == unicodedata.normalize("NFC", rel)]
    return same[0] if same else did_you_mean(rel, candidates)


def _read_text(path: Path, root: Path, report: Report) -> str | None:
    """A text input of the manuscript: a regular file inside it, UTF-8, no control characters."""
    try:
        raw = read_input(path, root)
    except InputRefused as exc:
        input_error(report, exc)
        return None
    return decode_text(raw, path, report)


def _check_listing(config: BookConfig, data: _Listing, config_path: Path, report: Report) -> None:
    """A file listed twice (as a chapter or as matter) is always a mistake."""
    seen: dict[str, tuple[str, int]] = {}
    for key in ("front_matter", "chapters", "back_matter"):
        for index, item in enumerate(getattr(config, key)):
            if not item.endswith(".md") and key != "chapters":
                normalised = item
            else:
                normalised = os.path.normpath(item)     # "./chapters/../chapters/a.md" is "chapters/a.md"
            if normalised in seen:
                line, col = data.at((key, index))
                first = seen[normalised]
                report.error("E110", f"'{item}' is listed twice (first in {first[0]} at line "
                             f"{data.at(first)[0] or 0})", config_path, line, col)
            else:
                seen[normalised] = (key, index)


def _resolve(root: Path, rel: str, what: str, key: tuple, data: _Listing, config_path: Path,
             report: Report) -> Path | None:
    path = (root / rel)
    if not _inside(os.path.abspath(path), os.path.abspath(root)):
        report.error("E111", f"{what} '{rel}' is outside the manuscript folder", config_path, *data.at(key))
        return None
    line, col = None, None
    problem = input_problem(path, root)
    if problem is not None:
        line, col = data.at(key)
    if problem == "not found":
        close = _meant_file(rel, _markdown_files(root))
        same = close is not None and unicodedata.normalize("NFC", close) == unicodedata.normalize("NFC", rel)
        hint = (f"; the file '{close}' has this name in another Unicode form (accents written apart, as "
                "macOS saves them): rename the file, or copy its name from a file listing into book.yaml"
                if same else f"; did you mean '{close}'?" if close else "")
        report.error("E112", f"{what} file not found: {rel}{hint}", config_path, line, col)
        return None
    if problem is not None:
        input_error(report, (path, problem), line, col, listed_in=config_path)
        return None
    return path


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _load_chapter(root: Path, rel: str, number: int, data, config: BookConfig, config_path: Path,
                  report: Report, memo: Memo | None = None) -> Chapter | None:
    path = _resolve(root, rel, "chapter", ("chapters", number - 1), data, config_path, report)
    if path is None:
        return None
    text = _read_text(path, root, report)
    if text is None:
        return None
    written = tuple(s.name for s in config.structure if not s.generated)
    if memo is not None:
        key = memo.key(str(path), str(number), text, *written)
        return memo.recall("chapter", key, report,
                           lambda local: _parse_chapter(path, number, text, written, local, memo),
                           stored=stored_without_text(text))
    return _parse_chapter(path, number, text, written, report)


def _parse_chapter(path: Path, number: int, text: str, written: tuple[str, ...], report: Report,
                   memo: Memo | None = None) -> Chapter | None:
    front, body, body_line = split_front_matter(text, path, report)
    if front is None and not text.lstrip("\ufeff").startswith("---"):   # an unclosed one is E201 already
        report.error("E202", "chapter has no front matter: start the file with '---', 'title: …', '---'",
                     path, 1)
    if front is None:
        return None
    meta = _quick_validate(ChapterMeta, front, memo)
    if meta is None:  # something is wrong: read again, keeping positions, to report it
        meta = validate(ChapterMeta, meta_data, path, report, FRONT_MATTER_CODES,
                        line_offset=1) if (meta_data := _front_matter_data(front, path, report)) is not None else None
    if meta is None:
        return None
    sections = parse_sections(body, body_line, path, report, written)
    return Chapter(id=chapter_id(path), number=number, path=path, title=meta.title,
                   short_title=meta.short_title, subtitle=meta.subtitle, sections=sections,
                   text=text, body_line=body_line)


def _front_matter_data(front: str, path: Path, report: Report) -> Any:
    """The front matter's YAML with its positions; ``None`` when it cannot be read, which is reported
    (E101 at its line) once: a missing ``title`` after it would be the same mistake said twice."""
    before = len(report.items)
    data = parse_yaml(front, path, report, line_offset=1)
    if data is None and len(report.items) == before:
        return {}               # empty front matter: the schema says what it lacks
    return data


def _load_matter_list(root: Path, items: list[str], key: str, data, config_path: Path,
                      report: Report, memo: Memo | None = None) -> tuple[Matter, ...]:
    out: list[Matter] = []
    for index, item in enumerate(items):
        if item in GENERATED_FRONT + GENERATED_BACK:
            out.append(Matter(id=item, kind=item))  # type: ignore[arg-type]
            continue
        path = _resolve(root, item, key.replace("_", " "), (key, index), data, config_path, report)
        if path is None:
            continue
        matter = _load_matter_file(path, root, report, memo)
        if matter is not None:
            out.append(matter)
    return tuple(out)


def _load_matter_file(path: Path, root: Path, report: Report, memo: Memo | None = None) -> Matter | None:
    text = _read_text(path, root, report)
    if text is None:
        return None
    front, body, body_line = split_front_matter(text, path, report)
    quick = _quick_validate(MatterMeta, front, memo, whole=True) if front is not None else None
    if front is None:
        meta = MatterMeta()
    elif quick is not None and (quick.type is None or quick.type in MATTER_TYPES):
        meta = quick
    else:     # something to say: read again with every value's line
        meta_data = _front_matter_data(front, path, report)
        checked = validate(MatterMeta, meta_data, path, report, FRONT_MATTER_CODES,
                           line_offset=1) if meta_data is not None else None
        if checked is None:
            return None
        meta = checked
        if meta.type is not None and meta.type not in MATTER_TYPES:
            line, col = position(meta_data, ("type",), 1)
            report.error("E208", f"unknown page type '{meta.type}'; use one of: {', '.join(MATTER_TYPES)}",
                         path, line, col)
    return Matter(id=matter_id(path), kind="file", title=meta.title, epub_type=meta.type, path=path,
                  body=body, body_line=body_line, text=text, in_toc=meta.toc and meta.title is not None,
                  outputs=tuple(dict.fromkeys(meta.outputs)))


def _load_sources(root: Path, report: Report, memo: Memo | None = None):
    sources_dir = root / "sources"
    if not sources_dir.is_dir():
        return {}
    def load_sources(folder: Path, into: Report):   # the importer's modules (ftfy...) only when parsing
        from book.sources.store import load_sources as load

        return load(folder, into)

    if memo is None:
        return load_sources(sources_dir, report)
    files, refused = walk_inputs(root, sources_dir, skip=lambda p: p.parent != sources_dir)
    if refused:                   # a pipe, a device, a link out: read the usual way, which reports it
        return load_sources(sources_dir, report)
    parts: list[str | bytes] = [str(sources_dir)]
    try:        # each file's SHA-256, which the run's key has just read (Memo.digest keeps it by stat)
        for path in files:
            parts += [path.name, memo.digest(path, root)]
    except (InputRefused, OSError):   # unreadable: read the usual way, which reports it
        return load_sources(sources_dir, report)
    return memo.recall("sources", memo.key(*parts), report, lambda local: load_sources(sources_dir, local))
