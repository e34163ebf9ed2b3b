"""Render every chapter through the one chapter template into pandoc Markdown.

The output is a list of documents, each wrapped in a top-level div carrying its
id, so one pandoc process can convert many documents and each output can split
the result back into its documents. The manuscript rendered is the check stage's
printed model: names are already as printed and every excerpt carries its credit,
so the EPUB and the PDF print exactly the same names and attributions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

import jinja2

from book.editorial.attribution import post_writer
from book.editorial.rights import describe
from book.manuscript.code_blocks import scope_note_labels
from book.manuscript.styles import Styles, render_template
from book.model import Chapter, Cited, Excerpt, Manuscript, Matter, Prose, Source
from book.render.semantics import role_for
from book.context import Memo
from book.support.diagnostics import Report

GENERATED_MATTER_TEMPLATES = {"sources-and-permissions": "sources-and-permissions.md.j2"}
GENERATED_MATTER_TITLES = {"sources-and-permissions": "Sources and Permissions"}


@dataclass(frozen=True)
class RenderedDoc:
    """One document of the book (a chapter or a matter page) as pandoc Markdown."""

    id: str
    kind: str                  # "chapter" | "front" | "back"
    title: str | None
    epub_type: str | None
    markdown: str
    in_toc: bool = True
    running_title: str | None = None   # the PDF's running head: the short title, else the title
    path: Path | None = None           # the file it was written in (None: a page the book generates)
    origins: tuple[tuple[int, int, int, int], ...] = ()
    """Where the writer's text sits in :attr:`markdown`, to place what pandoc says about a line of it:
    ``(first line here, lines, first line in the file, columns added before each line)``, one per
    block of the file's text the template copied (a ``> `` before a quotation's lines)."""

    @property
    def role(self) -> str | None:
        return role_for(self.epub_type)

    def place(self, line: int, column: int | None = None,
              lines: list[str] | None = None) -> tuple[int | None, int | None]:
        """A line and column of :attr:`markdown` as a line and column of :attr:`path`; ``(None, None)``
        for a line the template wrote. The column is the one before the note labels were scoped.
        ``lines``: the Markdown's lines, when the caller places many messages."""
        for first, count, source, shift in self.origins:
            if first <= line < first + count:
                if column is None:
                    return source + line - first, None
                text = (lines if lines is not None else self.markdown.split("\n"))[line - 1]
                return source + line - first, max(1, unscoped_column(self.id, text, column) - shift)
        return None, None


@dataclass(frozen=True)
class PrintMark:
    """Where the print edition set a paragraph or a document: for the EPUB's page list."""

    key: str          # ``doc:<id>``, or the paragraph's first 32 ASCII letters, lower-cased
    page: int         # the physical page, from 1
    folio: str        # the printed folio of that page: ``iii``, ``12``


@dataclass(frozen=True)
class RenderedBook:
    docs: tuple[RenderedDoc, ...]
    print_marks: tuple[PrintMark, ...] = ()   # the print layout, when an output needs it (the EPUB)
    print_pdf: bytes | None = None            # the print interior, when outputs of the run share it


def render_book(manuscript: Manuscript, quoted_words: dict[str, int], memo: Memo | None = None,
                keys: dict[str, str] | None = None) -> RenderedBook:
    """Every document of the printed manuscript as pandoc Markdown; ``quoted_words`` per source, as written.

    A chapter's document depends on the chapter, its sources, book.yaml and the templates only
    (the appendix, which depends on every chapter, is rendered each time), so with a ``memo``
    and the check stage's ``keys`` of each printed chapter it is rendered once per content.
    """
    env = Styles.of(manuscript).environment
    keys = keys or {}

    def chapter(c: Chapter) -> RenderedDoc:
        if memo is None or c.id not in keys:
            return _scoped(_render_chapter(env, manuscript, c))
        return memo.recall("rendered-chapter", memo.key("rendered", keys[c.id]), Report(),
                           lambda _local: _scoped(_render_chapter(env, manuscript, c)))

    docs: list[RenderedDoc] = []
    docs += [_scoped(_render_matter(env, manuscript, m, "front", quoted_words))
             for m in manuscript.front if m.is_markdown]
    docs += [chapter(c) for c in manuscript.chapters]
    docs += [_scoped(_render_matter(env, manuscript, m, "back", quoted_words))
             for m in manuscript.back if m.is_markdown]
    return RenderedBook(tuple(docs))


def _scoped(doc: RenderedDoc) -> RenderedDoc:
    return replace(doc, markdown=scope_note_labels(doc.id, doc.markdown))


def unscoped_column(doc_id: str, line: str, column: int) -> int:
    """A column (from 1) of a line whose note labels :func:`scope_note_labels` prefixed, as it was before."""
    added = len(doc_id) + 1
    out = column
    for match in re.finditer(re.escape(f"[^{doc_id}-"), line):
        inserted = match.start() + 2           # where the prefix begins, from 0
        if column - 1 >= inserted + added:
            out -= added
        elif column - 1 >= inserted:
            out -= column - 1 - inserted
    return out


MAX_GAP = 200
"""How far past the last block found the next is looked for: a template writes a few lines between two."""


def origins(markdown: str, blocks: list[tuple[str, int]]) -> tuple[tuple[int, int, int, int], ...]:
    """Where each block's text (``(text, its first line in the file)``, in order) sits in ``markdown``.

    A block is found where its lines follow one another, each behind the same prefix of spaces and
    ``>`` (the template may quote it): an overriding template that changes the text leaves that block
    unplaced, and what pandoc says about it names the file only."""
    lines = markdown.split("\n")
    found: list[tuple[int, int, int, int]] = []
    cursor = passed = 0          # passed: the lines of blocks not found since the last one found
    for text, source in blocks:
        want = text.split("\n")
        for index in range(cursor, min(len(lines), cursor + MAX_GAP + passed)):
            prefix = _prefix(lines[index], want[0])
            if prefix is not None and all(_same(lines[index + j] if index + j < len(lines) else None, prefix, w)
                                          for j, w in enumerate(want)):
                found.append((index + 1, len(want), source, len(prefix)))
                cursor, passed = index + len(want), 0
                break
        else:
            passed += len(want)
    return tuple(found)


def _prefix(line: str, want: str) -> str | None:
    if not line.endswith(want):
        return None
    prefix = line[:len(line) - len(want)]
    return prefix if not prefix.strip(" >") else None


def _same(line: str | None, prefix: str, want: str) -> bool:
    if line is None:
        return False
    return line == prefix + want or (not want.strip() and line.strip() in ("", prefix.strip()))


def _text_line(file_text: str, hint: int) -> int:
    """The line where a block's text starts: its first line, ``hint``, past the empty lines the
    chapter parser strips."""
    lines = file_text.split("\n")
    line = hint
    while line <= len(lines) and lines[line - 1] == "":
        line += 1
    return line




def chapter_label(manuscript: Manuscript, chapter: Chapter) -> str:
    return manuscript.config.chapter_label.replace("{number}", str(chapter.number))


def _render_chapter(env: jinja2.Environment, manuscript: Manuscript, chapter: Chapter) -> RenderedDoc:
    written = {section.name: section for section in chapter.sections}
    sections = []
    placed: list[tuple[str, int]] = []     # the blocks' texts, in the order the template prints them
    for spec in manuscript.config.structure:
        base = {"name": spec.name, "title": spec.title, "ornament": spec.ornament, "type": spec.type,
                "role": role_for(spec.type), "generated": spec.generated, "blocks": [], "sources": []}
        if spec.generated == "sources":
            base["sources"] = _chapter_sources(manuscript, chapter)
            if base["sources"]:
                sections.append(base)
            continue
        section = written.get(spec.name)
        if section is None:
            continue
        base["blocks"] = [_block(block) for block in section.blocks]
        placed += [(block.text, _text_line(chapter.text, block.line + (not isinstance(block, Prose))))
                   for block in section.blocks if block.text]
        sections.append(base)
    markdown = render_template(env, "chapter.md.j2", book=manuscript.config, chapter=chapter,
                               label=chapter_label(manuscript, chapter), sections=sections)
    return RenderedDoc(id=chapter.id, kind="chapter", title=chapter.title, epub_type="chapter",
                       markdown=markdown, running_title=chapter.short_title or chapter.title,
                       path=chapter.path, origins=origins(markdown, placed))


def _block(block: Prose | Excerpt | Cited) -> dict:
    if isinstance(block, Prose):
        return {"kind": "prose", "text": block.text}
    if isinstance(block, Cited):
        return {"kind": "cited", "text": block.text, "cite": block.cite}
    assert block.credit is not None  # every excerpt is verified and credited before rendering
    return {"kind": "excerpt", "text": block.text, "source": block.source, "unit": block.unit,
            "attribution": block.credit, "credit": block.credit.credit_line}


def _source_context(source: Source) -> dict:
    return {"id": source.id, "title": source.title, "author": post_writer(source), "site": source.site,
            "url": source.url, "published": source.published, "accessed": source.accessed,
            "rights": describe(source.rights), "status": source.rights.status, "contact": source.rights.contact,
            "decision": source.rights.decision,
            "credits": [c for c in [source.rights.credit, *(r.credit for _, r in source.rights.writers)] if c]}


def _chapter_sources(manuscript: Manuscript, chapter: Chapter) -> list[dict]:
    """The sources a chapter quotes, in order of first quotation, with what was quoted."""
    order: list[str] = []
    units: dict[str, list[str]] = {}
    for excerpt in chapter.excerpts:
        if excerpt.source not in order:
            order.append(excerpt.source)
        kinds = units.setdefault(excerpt.source, [])
        unit = manuscript.sources[excerpt.source].unit(excerpt.unit)
        if unit is not None and unit.id not in kinds:
            kinds.append(unit.id)
    out = []
    for source_id in order:
        source = manuscript.sources[source_id]
        quoted = [source.unit(u) for u in units[source_id]]
        context = _source_context(source)
        context["posts"] = sum(1 for u in quoted if u and u.kind == "post")
        context["comments"] = sum(1 for u in quoted if u and u.kind != "post")
        out.append(context)
    return out


def _render_matter(env: jinja2.Environment, manuscript: Manuscript, matter: Matter,
                   where: str, quoted_words: dict[str, int]) -> RenderedDoc:
    if matter.kind == "file":
        markdown = render_template(env, "matter.md.j2", matter=matter, role=role_for(matter.epub_type))
        body = matter.body.lstrip("\n")
        blocks = [(body.rstrip("\n"), matter.body_line + len(matter.body) - len(body))] if body.strip() else []
        return RenderedDoc(id=matter.id, kind=where, title=matter.title, epub_type=matter.epub_type,
                           markdown=markdown, in_toc=matter.in_toc, path=matter.path,
                           origins=origins(markdown, blocks))
    title = GENERATED_MATTER_TITLES[matter.kind]
    markdown = render_template(env, GENERATED_MATTER_TEMPLATES[matter.kind], id=matter.id, title=title,
                               sources=_all_sources(manuscript, quoted_words))
    return RenderedDoc(id=matter.id, kind=where, title=title, epub_type="appendix", markdown=markdown)


def _all_sources(manuscript: Manuscript, quoted: dict[str, int]) -> list[dict]:
    out = []
    for source in sorted(manuscript.sources.values(), key=lambda s: (s.title or s.id).lower()):
        context = _source_context(source)
        context["quoted_words"] = quoted.get(source.id, 0)
        out.append(context)
    return out
