"""Render every chapter through the one chapter template into pandoc Markdown.

The output is a list of documents, each wrapped in a top-level div carrying its
id, so one pandoc call can convert the whole book and the EPUB stage can split
the result back into one XHTML file per document.
"""

from __future__ import annotations

from dataclasses import dataclass

import jinja2

from .diagnostics import BookError
from .excerpts import Attribution, Match, attribute
from .model import Chapter, Excerpt, Manuscript, Matter, Prose
from .semantics import role_for
from .templates import make_environment


@dataclass(frozen=True)
class RenderedDoc:
    """One document of the book (a chapter or a matter page) as pandoc Markdown."""

    id: str
    kind: str                  # "chapter" | "front" | "back"
    title: str | None
    epub_type: str | None
    markdown: str
    in_toc: bool = True

    @property
    def role(self) -> str | None:
        return role_for(self.epub_type)


@dataclass(frozen=True)
class RenderedBook:
    docs: tuple[RenderedDoc, ...]

    @property
    def markdown(self) -> str:
        """The whole book as one pandoc Markdown text, for one pandoc invocation."""
        return "\n\n".join(doc.markdown for doc in self.docs) + "\n"


def render_book(manuscript: Manuscript, matches: dict[Excerpt, Match]) -> RenderedBook:
    env = make_environment(manuscript.styles_dirs)
    docs: list[RenderedDoc] = []
    try:
        docs += [_render_matter(env, m, "front") for m in manuscript.front if m.kind == "file"]
        docs += [_render_chapter(env, manuscript, c, matches) for c in manuscript.chapters]
        docs += [_render_matter(env, m, "back") for m in manuscript.back if m.kind == "file"]
    except jinja2.TemplateError as exc:
        raise BookError(f"template error: {exc}", "E501") from None
    return RenderedBook(tuple(docs))


def chapter_label(manuscript: Manuscript, chapter: Chapter) -> str:
    return manuscript.config.chapter_label.replace("{number}", str(chapter.number))


def _render_chapter(env: jinja2.Environment, manuscript: Manuscript, chapter: Chapter,
                    matches: dict[Excerpt, Match]) -> RenderedDoc:
    specs = {s.name: s for s in manuscript.config.structure}
    sections = []
    for section in chapter.sections:
        spec = specs.get(section.name)
        blocks = []
        for block in section.blocks:
            if isinstance(block, Prose):
                blocks.append({"kind": "prose", "text": block.text})
            else:
                blocks.append({"kind": "excerpt", "text": block.text, "source": block.source,
                               "unit": block.unit, "attribution": _attribution(manuscript, block, matches)})
        sections.append({
            "name": section.name,
            "title": spec.title if spec else None,
            "ornament": spec.ornament if spec else False,
            "type": spec.type if spec else None,
            "role": role_for(spec.type) if spec else None,
            "blocks": blocks,
        })
    markdown = env.get_template("chapter.md.j2").render(
        book=manuscript.config, chapter=chapter, label=chapter_label(manuscript, chapter), sections=sections)
    return RenderedDoc(id=chapter.id, kind="chapter", title=chapter.title, epub_type="chapter",
                       markdown=markdown)


def _attribution(manuscript: Manuscript, excerpt: Excerpt, matches: dict[Excerpt, Match]) -> Attribution:
    source = manuscript.sources[excerpt.source]
    unit = source.unit(excerpt.unit)
    assert unit is not None  # verified before rendering
    return attribute(excerpt, source, unit, matches.get(excerpt))


def _render_matter(env: jinja2.Environment, matter: Matter, where: str) -> RenderedDoc:
    markdown = env.get_template("matter.md.j2").render(matter=matter, role=role_for(matter.epub_type))
    return RenderedDoc(id=matter.id, kind=where, title=matter.title, epub_type=matter.epub_type,
                       markdown=markdown, in_toc=matter.in_toc)
