"""Typst in-process: the main file's inputs, a source ready to compile, and the compile itself.

Below every other module of the PDF stage, so the document, the parts, the child
process and the proofs share one way to compile and one place for Typst's errors.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from book.support.diagnostics import BookError

PDF_STANDARDS = ["ua-1"]
FAILED = 3                    # the child process's exit status for a Typst error (a one-line message)


@dataclass(frozen=True)
class TypstSource:
    """The print edition as one Typst document, ready to compile."""

    text: str
    root: Path                  # the manuscript folder: image paths are relative to it
    font_paths: tuple[Path, ...]


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


def compile_typst(source: TypstSource, *, fmt: str = "pdf", when: dt.datetime | None = None,
                  ppi: float | None = None, inputs: dict[str, str] | None = None,
                  standards: list[str] | None = None) -> bytes | list[bytes]:
    """Compile in-process; a Typst error becomes a BookError with Typst's own message."""
    import typst

    try:
        compiler = typst.Compiler(root=str(source.root), font_paths=[str(p) for p in source.font_paths],
                                  ignore_system_fonts=True, sys_inputs=inputs or {})
        if fmt == "pdf":
            result = compiler.compile(input=source.text.encode("utf-8"), format="pdf",
                                      pdf_standards=PDF_STANDARDS if standards is None else standards,
                                      timestamp=int(when.timestamp()) if when else None)
        else:
            result = compiler.compile(input=source.text.encode("utf-8"), format=fmt, ppi=ppi)
    except Exception as exc:  # typst raises TypstError; report its message, never a traceback
        message = getattr(exc, "message", None) or str(exc)
        hints = getattr(exc, "hints", None) or []
        detail = f" (hint: {hints[0]})" if hints else ""
        raise typesetting_failed(f"{' '.join(str(message).split())}{detail}") from None
    if result is None:
        raise typesetting_failed("Typst produced no output")
    return without_default_suspects(result) if fmt == "pdf" and isinstance(result, bytes) else result


def without_default_suspects(data: bytes) -> bytes:
    """The PDF without ``/Suspects false`` in its ``/MarkInfo``, which means the same thing.

    Typst writes ``/MarkInfo << /Marked true /Suspects false >>``: valid PDF, but poppler up to
    25.11 takes any ``/Suspects`` that is not true for the wrong type and prints "Syntax Error:
    Suspects object is wrong type (boolean)" from pdfinfo for every
    file we write. False is the default (ISO 32000-1, table 321) and PDF/UA-1 asks only that it
    be absent or false, so the entry is dropped: the file means the same, and the tools that
    printers and readers use say nothing.
    """
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        marks = pdf.Root.get("/MarkInfo")
        if not isinstance(marks, pikepdf.Dictionary) or marks.get("/Suspects") is not False:
            return data
        del marks["/Suspects"]
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, fix_metadata_version=False)
        return out.getvalue()


def typesetting_failed(why: str) -> BookError:
    """E506, for a compile in this process or in a child typesetting one part."""
    return BookError(f"typesetting failed: {why}", "E506")
