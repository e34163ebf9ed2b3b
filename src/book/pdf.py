"""Typeset the print edition with Typst: a tagged PDF/UA-1 interior for print on demand.

The same rendered chapter model as the EPUB goes through pandoc (Markdown to Typst,
with the PDF-only Lua filter ``styles/pdf/book.lua``), each document parsed on its
own and cached like the EPUB's XHTML; the result is split back into documents at
the filter's markers and placed, in book order, each in its own page run, into the
Jinja2 template ``styles/pdf/book.typ.j2`` together with the Typst library
``styles/pdf/book.typ``. The ``typst`` package compiles it in-process: no LaTeX
and no ``typst`` executable. System fonts are ignored, so every machine sets the
same pages; fonts come from Typst's embedded set and ``styles/fonts/``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .config import points
from .diagnostics import BookError, Report
from .credits import credit_groups, edition_line, isbn_of
from .model import Manuscript
from .render import RenderedBook
from .templates import find_style_file, make_environment

if TYPE_CHECKING:
    from .cache import DocCache

PDF_STANDARDS = ["ua-1"]
TYPST_ARGS_BASE = ("--from=markdown+smart", "--to=typst", "--wrap=none")
PACKAGE_FONTS = Path(__file__).resolve().parent / "styles" / "fonts"
_IMAGE = re.compile(r"!\[(?!\^[^\]\s]*\])")   # an image, not a note reference after "!" ("the![^1]")
_MARKER = re.compile(r"^// @@(doc|end) (\S+)(?: (\S+))?$", re.MULTILINE)


@dataclass(frozen=True)
class TypstSource:
    """The print edition as one Typst document, ready to compile."""

    text: str
    root: Path                  # the manuscript folder: image paths are relative to it
    font_paths: tuple[Path, ...]


# ------------------------------------------------------------------ Typst from pandoc

def typst_for_docs(book: RenderedBook, manuscript: Manuscript, cache: DocCache | None = None,
                   jobs: int = 1) -> dict[str, str]:
    """Each document's Typst markup: from the cache, or from one pandoc conversion of the rest.

    As for the EPUB, pandoc parses each document on its own (``--file-scope``), so an
    unchanged chapter's Typst comes from the cache and a long book's conversion can be
    shared between ``jobs`` processes; the markup is the same either way.
    """
    from .pandoc import convert_each

    lua = find_style_file(manuscript.styles_dirs, "pdf/book.lua")
    # The filter walks every inline element (slow on a long book) only when there may be an image.
    # A document's Typst depends on its own images only, so the flag is not part of the cache key:
    # adding the book's first image re-converts that chapter alone.
    images = any(_IMAGE.search(doc.markdown) for doc in book.docs)
    return convert_each(book.docs, (*TYPST_ARGS_BASE, f"--lua-filter={lua}"), manuscript.root, split_typst,
                        kind="typst", cache=cache, key=(lua.read_text(encoding="utf-8"),),
                        unkeyed=("--metadata=book-inline-images=true",) if images else (), jobs=jobs)


def split_typst(text: str) -> dict[str, str]:
    """pandoc's Typst for several documents, cut into documents, each as if converted alone."""
    return split_documents(closing_quotes(text))


def closing_quotes(typst_markup: str) -> str:
    """Keep a right single quote after an ellipsis closing.

    Pandoc's Typst writer turns ``’`` into ``'`` and leaves the direction to Typst's smart
    quotes, which read ``…'`` as an opening quote. The reader has already decided, so the
    curly character is put back where Typst would guess wrong.
    """
    return typst_markup.replace("…'", "…’")


def split_documents(text: str) -> dict[str, str]:
    """Split pandoc's Typst at the ``// @@doc id`` / ``// @@end id`` markers of the Lua filter.

    Labels and links to them are scoped to their document (``<ch01:notes>``).
    """
    out: dict[str, str] = {}
    current: str | None = None
    start = 0
    for match in _MARKER.finditer(text):
        kind, doc_id = match.group(1), match.group(2)
        if kind == "doc":
            current, start = doc_id, match.end()
        elif current == doc_id:
            prefix, sep, bare = doc_id.rpartition("__")
            body = text[start:match.start()].strip("\n") + "\n"
            # ids never contain "__" (see manuscript.slug): what precedes the last one is the
            # prefix pandoc gives every id and label of a file (pandoc.convert_documents). It
            # becomes the document's own scope, "<chapter-id>:": two chapters may both have a
            # heading "Notes" and link to it, as in the EPUB, where each is its own file.
            out[bare] = body.replace(prefix + sep, bare + ":") if sep else body
            current = None
    return out


_LABEL = re.compile(r"(?<!#link\()<([^<>\s:]+):([^<>\s]+)>")      # a label set in a document
_LINK = re.compile(r"#link\(<([^<>\s:]+):([^<>\s]+)>\)")          # a link to one


def link_across_documents(bodies: dict[str, str]) -> tuple[dict[str, str], bool]:
    """Point a link to another document's heading at that document's label.

    Each document's labels are its own (``<ch02:notes>``, see ``split_documents``), so a
    link in chapter 2 to ``#ch01-first-title`` first reads ``<ch02:ch01-first-title>``.
    When the label is not chapter 2's and exactly one other document has it, the link
    goes there, as it did when pandoc read the book as one text. Done after the cache,
    which holds each document as converted alone. Returns the bodies and whether any
    link crosses documents (a book typeset in parts must then be set in one compile).
    """
    owners: dict[str, list[str]] = {}
    for doc_id, body in bodies.items():
        for match in _LABEL.finditer(body):
            if match.group(1) == doc_id:
                owners.setdefault(match.group(2), []).append(doc_id)
    crossed = False

    def retarget(doc_id: str, match: re.Match[str]) -> str:
        nonlocal crossed
        scope, name = match.groups()
        found = owners.get(name, [])
        if scope != doc_id or doc_id in found or len(found) != 1:
            return match.group(0)
        crossed = True
        return f"#link(<{found[0]}:{name}>)"

    fixed = {doc_id: _LINK.sub(lambda m, d=doc_id: retarget(d, m), body) if "#link(<" in body else body
             for doc_id, body in bodies.items()}
    return fixed, crossed


# ------------------------------------------------------------------ fonts

def font_dirs(manuscript: Manuscript) -> tuple[Path, ...]:
    """``styles/fonts/`` of the manuscript, then the package's; system fonts are never used."""
    dirs = [d / "fonts" for d in manuscript.styles_dirs]
    return tuple(d for d in dict.fromkeys(dirs) if d.is_dir())


def check_font(manuscript: Manuscript, dirs: tuple[Path, ...]) -> None:
    """A font the book asks for must exist among Typst's embedded fonts and styles/fonts/."""
    import typst

    wanted = manuscript.config.print.font
    families = typst.Fonts(include_system_fonts=False, include_embedded_fonts=True,
                           font_paths=[str(d) for d in dirs]).families()
    if wanted.lower() in {f.lower() for f in families}:
        return
    line, column = config_position(manuscript, ("print", "font"))
    raise BookError(
        f"font '{wanted}' not found; available: {', '.join(sorted(set(families)))} "
        f"(add font files with their licence to styles/fonts/)", "E240",
        path=manuscript.config_path, line=line)


def config_position(manuscript: Manuscript, loc: tuple[Any, ...]) -> tuple[int | None, int | None]:
    """Line and column of a key in book.yaml, for errors found after the schema check."""
    from .yamlfile import parse_yaml, position

    try:
        data = parse_yaml(manuscript.config_path.read_text(encoding="utf-8-sig"), manuscript.config_path,
                          Report())
    except OSError:
        return None, None
    return position(data, loc) if data is not None else (None, None)


# ------------------------------------------------------------------ the main document

def typst_literal(value: object) -> str:
    """A Python value as a Typst literal: a string, ``none``, a bool or a number."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    escaped = []
    for char in text:
        if char in '\\"':
            escaped.append("\\" + char)
        elif char == "\n":
            escaped.append("\\n")
        elif char == "\t":
            escaped.append("\\t")
        elif ord(char) < 0x20 or char == "\r":
            escaped.append(f"\\u{{{ord(char):x}}}")
        else:
            escaped.append(char)
    return '"' + "".join(escaped) + '"'


@dataclass(frozen=True)
class MainFile:
    """What the main template needs, gathered once; rendered whole, or part by part."""

    env: Any                            # the Jinja2 environment of the manuscript's styles
    settings: dict[str, Any]            # book metadata, page, library, cover: the same in every part
    front: list[dict[str, Any]]         # front items, in book order
    body: list[dict[str, Any]]          # chapters, then back matter: each typeset from a recto
    root: Path
    font_paths: tuple[Path, ...]
    links_across: bool = False          # a document links to a heading of another one

    def render(self, *, front: list[dict[str, Any]] | None = None, body: list[dict[str, Any]] | None = None,
               body_start: int = 1, contents: list[dict[str, str]] | None = None) -> TypstSource:
        """The main file: the whole book, or a part (front matter only, or a slice of the body).

        ``contents`` lists the body's chapters for a front matter typeset without them
        (``contents-page(entries: ...)`` in book.typ); ``None`` lets ``outline()`` find them.
        """
        text = self.env.get_template("pdf/book.typ.j2").render(
            **self.settings, front=self.front if front is None else front,
            body=self.body if body is None else body, body_start=body_start, contents=contents)
        return TypstSource(text=text, root=self.root, font_paths=self.font_paths)


def main_file(manuscript: Manuscript, book: RenderedBook, *, with_cover: bool = False,
              cache: DocCache | None = None, jobs: int = 1) -> MainFile:
    """The template's inputs: settings, and each document's Typst from pandoc."""
    config = manuscript.config
    dirs = font_dirs(manuscript)
    check_font(manuscript, dirs)
    bodies, links_across = link_across_documents(typst_for_docs(book, manuscript, cache, jobs))
    docs = {doc.id: doc for doc in book.docs}

    def body_of(doc_id: str) -> str:
        if doc_id not in bodies:
            raise BookError(f"pandoc output lacks document '{doc_id}'", "E505")
        return bodies[doc_id]

    front = []
    for matter in manuscript.front:
        if matter.is_markdown:
            doc = docs[matter.id]
            front.append({"kind": "doc", "id": matter.id, "running": doc.title or config.title,
                          "type": doc.epub_type, "folio": doc.title is not None,
                          "body": body_of(matter.id)})
        else:
            front.append({"kind": matter.kind})
    body = [{"kind": "chapter", "id": c.id, "running": docs[c.id].running_title, "body": body_of(c.id)}
            for c in manuscript.chapters]
    body += [{"kind": "back", "id": m.id, "running": docs[m.id].title or config.title,
              "type": docs[m.id].epub_type, "body": body_of(m.id)}
             for m in manuscript.back if m.is_markdown and m.id in docs]

    settings = config.print
    width, height = settings.page_size
    m = settings.margins
    page = {"width": _pt(width), "height": _pt(height), "inside": _pt(points(m.inside)),
            "outside": _pt(points(m.outside)), "top": _pt(points(m.top)), "bottom": _pt(points(m.bottom)),
            "font": settings.font, "size": _pt(points(settings.font_size)),
            "leading": _pt(points(settings.leading))}
    lang, _, region = config.language.partition("-")
    env = make_environment(manuscript.styles_dirs)
    env.filters["typst"] = typst_literal
    library = find_style_file(manuscript.styles_dirs, "pdf/book.typ").read_text(encoding="utf-8")
    common = dict(
        book=config,
        authors=[c.name for c in config.creators if c.role in ("editor", "author")] or
                [c.name for c in config.creators],
        description=config.description or config.subtitle or config.title,
        lang=lang.lower(), region=(region[:2].upper() if len(region) == 2 else None),
        page=page, credits=credit_groups(manuscript), rights_notes=[],
        edition_line=edition_line(manuscript), isbn=isbn_of(config.identifier),
        library=library, cover=_cover(manuscript) if with_cover else None,
    )
    return MainFile(env=env, settings=common, front=front, body=body, root=manuscript.root, font_paths=dirs,
                    links_across=links_across)


def typst_source(manuscript: Manuscript, book: RenderedBook, *, with_cover: bool = False,
                 cache: DocCache | None = None, jobs: int = 1) -> TypstSource:
    """The whole print edition as one Typst source."""
    return main_file(manuscript, book, with_cover=with_cover, cache=cache, jobs=jobs).render()


def _pt(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".")


def _cover(manuscript: Manuscript) -> dict[str, str]:
    """The cover for a screen edition: the editor's image, or the typographic cover as SVG."""
    config = manuscript.config
    if config.cover is not None:
        return {"source": typst_literal(config.cover.image), "alt": config.cover.alt}
    svg = typographic_cover_svg(manuscript)
    return {"source": f"bytes({typst_literal(svg)})", "alt": cover_image_alt(manuscript)}


def typographic_cover_svg(manuscript: Manuscript) -> str:
    """The generated cover (``styles/cover.typ``, as for the EPUB) as SVG, to place at any size."""
    from .cover import render_typographic_cover

    return render_typographic_cover(manuscript, "svg").decode("utf-8")


def cover_image_alt(manuscript: Manuscript) -> str:
    from .cover import typographic_cover_alt

    return typographic_cover_alt(manuscript)


def compile_typst(source: TypstSource, *, fmt: str = "pdf", when: dt.datetime | None = None,
                  ppi: float | None = None) -> bytes | list[bytes]:
    """Compile in-process; a Typst error becomes a BookError with Typst's own message."""
    import typst

    try:
        compiler = typst.Compiler(root=str(source.root), font_paths=[str(p) for p in source.font_paths],
                                  ignore_system_fonts=True)
        if fmt == "pdf":
            result = compiler.compile(input=source.text.encode("utf-8"), format="pdf",
                                      pdf_standards=PDF_STANDARDS,
                                      timestamp=int(when.timestamp()) if when else None)
        else:
            result = compiler.compile(input=source.text.encode("utf-8"), format=fmt, ppi=ppi)
    except Exception as exc:  # typst raises TypstError; report its message, never a traceback
        message = getattr(exc, "message", None) or str(exc)
        hints = getattr(exc, "hints", None) or []
        detail = f" (hint: {hints[0]})" if hints else ""
        raise BookError(f"typesetting failed: {' '.join(str(message).split())}{detail}", "E506") from None
    if result is None:
        raise BookError("typesetting produced no output", "E506")
    return result


def typeset_pdf(manuscript: Manuscript, book: RenderedBook, when: dt.datetime, *,
                with_cover: bool = False, cache: DocCache | None = None, jobs: int = 1,
                progress: Callable[[str], None] = lambda _: None) -> bytes:
    """The print-ready PDF as bytes: the same inputs and time give the same bytes.

    A long book (more than ``pdfparts.PARTS_ABOVE_WORDS`` words of body) is typeset in parts,
    each compiled in a process of its own, and joined (``book.pdfparts``, ``book.pdfjoin``):
    one compile of a 1M-word book needs 2.6 GB. These are typeset in one compile, whatever
    their length: a book with its own design (``styles/pdf/book.typ`` or ``book.typ.j2`` in the
    manuscript, which may look across the whole book), a screen edition (a cover before the
    front matter), a book without front matter (the parts are joined onto it) and one with a
    link from one document to another (a part cannot see the other parts' labels).
    """
    from . import pdfparts as parts

    main = main_file(manuscript, book, with_cover=with_cover, cache=cache, jobs=jobs)
    if not with_cover and main.front and not main.links_across and parts.default_design(manuscript):
        plan = parts.plan(main.body)
        if len(plan) > 1:
            joined = parts.typeset_in_parts(main, plan, when, progress)
            if joined is not None:
                return joined
    data = compile_typst(main.render(), fmt="pdf", when=when)
    assert isinstance(data, bytes)
    return data
