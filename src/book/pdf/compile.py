"""Typst in-process: the main file's inputs, a source ready to compile, and the compile itself.

Below every other module of the PDF stage, so the document, the parts, the child
process and the proofs share one way to compile and one place for Typst's errors.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from book.support.diagnostics import BookError
from book.support.files import scratch
from book.support.tools import dies_with_parent

PDF_STANDARDS = ["ua-1"]
FAILED = 3                    # the child process's exit status for a Typst error (a one-line message)

IN_PROCESS_CHARS = 1_000_000
"""Above this many characters of Typst source, the book is compiled in a process of its own.

The ``typst`` package keeps its memo cache (every layout it made) for the life of the process:
300 to 430 bytes per character of source (a 100k-word book: 0.8M characters, 350 MB kept; one
paragraph of 5 MB: 1.45 GB). Compiled here, that memory stays held while the rest of the run
works: the EPUB's pandoc conversion then runs on top of it (a 5 MB paragraph: 2.27 GB for the
tree, of which 1.62 GB was this process after Typst). A child returns it when it exits, at the
cost of a second interpreter (about 0.15 s and 34 MB), which is not worth it for a book below
this size.
"""


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
        from book.manuscript.styles import render_template   # not in a child process, which only compiles

        text = render_template(
            self.env, "pdf/book.typ.j2", **self.settings, front=self.front if front is None else front,
            body=self.body if body is None else body, body_start=body_start, contents=contents)
        return TypstSource(text=text, root=self.root, font_paths=self.font_paths)


def compile_typst(source: TypstSource, *, fmt: str = "pdf", when: dt.datetime | None = None,
                  ppi: float | None = None, inputs: dict[str, str] | None = None,
                  standards: list[str] | None = None, tidy: bool = True) -> bytes | list[bytes]:
    """Compile in-process; a Typst error becomes a BookError with Typst's own message.

    A PDF is tidied (:func:`without_default_suspects`) unless ``tidy`` is false: a child process
    leaves that to its parent, so that pikepdf's copy of the file is not made on top of Typst's memory.
    """
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
        raise typst_failed(exc, source.text) from None
    if result is None:
        raise typesetting_failed("Typst produced no output")
    return without_default_suspects(result) if tidy and fmt == "pdf" and isinstance(result, bytes) else result


def query_typst(source: TypstSource, selector: str, field: str) -> str:
    """Typst's query of the source's layout (``typst query``), as JSON; a Typst error is E506.

    In the process that just compiled the same source, the layout comes from Typst's memo cache.
    """
    import typst

    try:
        found = typst.query(source.text.encode("utf-8"), selector, field=field, root=str(source.root),
                            font_paths=[str(p) for p in source.font_paths], ignore_system_fonts=True)
    except Exception as exc:  # typst raises TypstError; its message, never a traceback
        raise typst_failed(exc, source.text) from None
    return str(found)


@dataclass(frozen=True)
class Query:
    """A query to answer from the layout a child process made (selector and field, as ``query_typst``)."""

    selector: str
    field: str


def compile_in_child(source: TypstSource, out: Path, when: dt.datetime | None,
                     query: Query | None = None, tidy: bool = True) -> str | None:
    """Compile in a fresh Python process (``python -m book.pdf.child``), writing the PDF to ``out``.

    A fresh process frees all of Typst's memory when it is done (see ``IN_PROCESS_CHARS``). With
    ``query``, the child also answers it from the same layout and the JSON is returned; without
    ``tidy``, the PDF is Typst's own and the caller tidies it (``compile_typst``). A Typst error in
    the child comes back as its one-line message, raised here as E506, as in one compile.
    """
    return _in_child(source, out.with_suffix(".typ"), out, when, query, tidy)


def query_in_child(source: TypstSource, query: Query) -> str:
    """``query_typst`` in a fresh Python process, which lays the source out and writes no PDF."""
    with scratch("book-pdf-") as tmp:
        found = _in_child(source, Path(tmp) / "book.typ", None, None, query, True)
    assert found is not None
    return found


def _in_child(source: TypstSource, typ: Path, out: Path | None, when: dt.datetime | None,
              query: Query | None, tidy: bool) -> str | None:
    """Run ``book.pdf.child`` on ``source`` (written to ``typ``): the PDF to ``out``, if any; the query's JSON."""
    answer = typ.with_suffix(".query.json")
    typ.write_text(source.text, encoding="utf-8")
    job = {"source": str(typ), "output": None if out is None else str(out), "root": str(source.root),
           "font_paths": [str(p) for p in source.font_paths],
           "timestamp": int(when.timestamp()) if when is not None else None, "tidy": tidy,
           "query": None if query is None else {"selector": query.selector, "field": query.field,
                                                "output": str(answer)}}
    package_parent = str(Path(__file__).resolve().parents[2])
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        p for p in (package_parent, os.environ.get("PYTHONPATH")) if p))
    try:
        done = subprocess.run([sys.executable, "-m", "book.pdf.child", json.dumps(job)],
                              capture_output=True, text=True, env=env, preexec_fn=dies_with_parent)
    finally:
        typ.unlink()
    if done.returncode == 0:
        if query is None:
            return None
        found = answer.read_text(encoding="utf-8")
        answer.unlink()
        return found
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    last = lines[-1] if lines else "no message"
    if done.returncode == FAILED:
        said = _child_said(last)
        raise typesetting_failed(said.get("message", last), source.text, said.get("span"))
    raise typesetting_failed(f"the process typesetting {typ.stem} stopped (exit status {done.returncode}): {last}")


def without_default_suspects(data: bytes) -> bytes:
    """The PDF without ``/Suspects false`` in its ``/MarkInfo``, which means the same thing.

    Typst writes ``/MarkInfo << /Marked true /Suspects false >>``: valid PDF, but poppler up to
    25.11 takes any ``/Suspects`` that is not true for the wrong type and prints "Syntax Error:
    Suspects object is wrong type (boolean)" from pdfinfo for every
    file we write. False is the default (ISO 32000-1, table 321) and PDF/UA-1 asks only that it
    be absent or false, so the entry is dropped: the file means the same, and the tools that
    printers and readers use say nothing.

    In a PDF as Typst writes it, the entry is blanked where it stands (:func:`typst_catalog`):
    every byte keeps its offset, so the file needs no rewriting. Rewriting it with pikepdf, as is
    still done for any other PDF, took 0.2 s of a 100k-word book's build (import, parse, save).
    """
    catalog = typst_catalog(data)
    if catalog is not None and data.count(_DEFAULT_SUSPECTS, *catalog) == 1:
        at = data.index(_DEFAULT_SUSPECTS, *catalog)
        return data[:at] + _WITHOUT_SUSPECTS + data[at + len(_WITHOUT_SUSPECTS):]
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


_DEFAULT_SUSPECTS = b"/MarkInfo<</Marked true/Suspects false>>"
_WITHOUT_SUSPECTS = b"/MarkInfo<</Marked true" + b" " * len(b"/Suspects false") + b">>"   # the same length

_STARTXREF = re.compile(rb"startxref\r?\n(\d+)\r?\n%%EOF\r?\n?$")
_XREF = re.compile(rb"xref\r?\n0 (\d+)\r?\n")
_XREF_ENTRY = re.compile(rb"(\d{10}) \d{5} n\r\n")
_ROOT = re.compile(rb"/Root (\d+) 0 R")


def typst_object(data: bytes, number: int) -> tuple[int, int] | None:
    """Where object ``number``'s value lies in a PDF as Typst writes it, or None for any other PDF.

    Typst (0.13 and later) writes one classic cross-reference table at the end, each entry 20
    bytes, and no object streams: the table gives the object's offset, which must start
    ``<number> 0 obj``. Anything else (a file rewritten by pikepdf, an incremental update, an
    older Typst) is None, and the caller reads the file with pikepdf.
    """
    tail = _STARTXREF.search(data, max(0, len(data) - 64))
    if tail is None:
        return None
    xref = int(tail.group(1))
    table = _XREF.match(data, xref)
    if table is None or not 0 < number < int(table.group(1)):
        return None
    entry = _XREF_ENTRY.fullmatch(data, table.end() + 20 * number, table.end() + 20 * (number + 1))
    if entry is None:
        return None
    head = b"%d 0 obj\n" % number
    start = int(entry.group(1))
    end = data.find(b"\nendobj", start)
    if not data.startswith(head, start) or end < 0:
        return None
    return start + len(head), end


def typst_catalog(data: bytes) -> tuple[int, int] | None:
    """Where the catalog lies in a PDF as Typst writes it (the trailer's ``/Root``), or None."""
    tail = _STARTXREF.search(data, max(0, len(data) - 64))
    trailer = data.rfind(b"trailer", 0, tail.start()) if tail is not None else -1
    root = _ROOT.search(data, trailer, tail.start()) if tail is not None and trailer >= 0 else None
    return typst_object(data, int(root.group(1))) if root is not None else None


class TypesettingFailed(BookError):
    """E506: Typst stopped. ``source`` is the generated Typst it compiled and ``span`` the line and
    column (from 1) its first error points at there, when it gave one: the PDF stage carries that
    back to the chapter whose Typst holds the line (``document.located``)."""

    def __init__(self, why: str, source: str | None = None, span: tuple[int, int] | None = None) -> None:
        super().__init__(f"typesetting failed: {why}", "E506")
        self.source, self.span = source, span


def typesetting_failed(why: str, source: str | None = None,
                       span: tuple[int, int] | None = None) -> TypesettingFailed:
    """E506, for a compile in this process or in a child typesetting one part."""
    return TypesettingFailed(why, source, span)


_MAIN_SPAN = re.compile(r"__typst_py_bytes__\.typ:(\d+):(\d+)")
"""Where a Typst error points in the main source: the ``typst`` package names it so in its diagnostic."""


def typst_failed(exc: BaseException, source: str) -> TypesettingFailed:
    """E506 for an error Typst raised (``typst.TypstError``) on ``source``: its message on one line,
    its first hint, and the place in the source it points at; the same wording wherever Typst runs
    (a build, a query, the preview's long-lived compiler)."""
    message = getattr(exc, "message", None) or str(exc)
    hints = getattr(exc, "hints", None) or []
    detail = f" (hint: {hints[0]})" if hints else ""
    return typesetting_failed(f"{' '.join(str(message).split())}{detail}", source, error_span(exc))


def error_span(exc: BaseException) -> tuple[int, int] | None:
    """The line and column of the main source a Typst error (``typst.TypstError``) points at first:
    its own place, else the first call in its trace that is in the main source."""
    texts = [getattr(exc, "diagnostic", None), *(getattr(exc, "trace", None) or [])]
    for text in texts:
        found = _MAIN_SPAN.search(str(text)) if text else None
        if found:
            return int(found.group(1)), int(found.group(2))
    return None


def _child_said(line: str) -> dict[str, Any]:
    """The child's one-line report of a Typst error (JSON: ``message``, ``span``); a bare line is the message."""
    try:
        said = json.loads(line)
    except ValueError:
        return {"message": line}
    if not isinstance(said, dict) or not isinstance(said.get("message"), str):
        return {"message": line}
    span = said.get("span")
    ok = isinstance(span, list) and len(span) == 2 and all(isinstance(n, int) for n in span)
    return {"message": said["message"], "span": tuple(span) if ok else None}
