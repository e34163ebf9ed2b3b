"""Every image and link address in pandoc's output is one the check has judged.

The check reads images and links from the Markdown with scanners of its own, so that it can name
the line; pandoc's Markdown reader has corners no scanner follows exactly (code spans that run over
lines, fences that are not fences). This is the net behind them: after pandoc, each address it
wrote into a document's XHTML or Typst is matched against what the check saw: an image the check
did not judge, or a link to a scheme other than http, https and mailto, stops the build with E243
naming the document's file, before anything is written. Relative links (``#note``) stay in the book.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import NoReturn
from urllib.parse import unquote

from book.editorial.rules import LINK_SCHEMES, link_scheme
from book.manuscript.scan import image_paths
from book.model import Manuscript
from book.render.pandoc import OutsideDocuments
from book.support.diagnostics import BookError, Report

# Every image, and every link that is not plainly to the web, to mail or within the document: a
# link starting "#", "http://", "https://" or "mailto:" needs no further look, which keeps the net
# to a few milliseconds on a long book whose every page links its notes and sources.
_PLAIN = r"(?!#|https?://|mailto:)"
_XHTML_ADDRESS = re.compile(r"<img\b[^>]*?\ssrc=\"(?P<image>[^\"]*)\"|<a\b[^>]*?\shref=\"" + _PLAIN
                            + r"(?P<link>[^\"]*)\"")
_TYPST_STRING = r"\"{plain}(?P<{name}>(?:[^\"\\]|\\.)*)\""
_TYPST_ADDRESS = re.compile(r"\bimage\(" + _TYPST_STRING.format(plain="", name="image")
                            + r"|#link\(" + _TYPST_STRING.format(plain=_PLAIN, name="link"))
_TYPST_ESCAPE = re.compile(r"\\(.)")


def check_addresses(outputs: Mapping[str, str], kind: str, manuscript: Manuscript) -> None:
    """Raise E243 for the first document whose output (``kind``: "xhtml" or "typst") holds an
    image the check did not see or a link it would have refused."""
    seen = set(image_paths(manuscript))
    report = Report()
    for doc_id, output in outputs.items():
        for what, address in _addresses(output, kind):
            problem = _problem(what, address, seen)
            if problem is not None:
                report.error("E243", f"pandoc reads {problem} that the check did not see in this file; write "
                                     "it on a line of its own as ![alt](images/file.png) or [words](https://…)",
                             _source_of(doc_id, manuscript))
                raise BookError(report)


_ACTIVE_MARKUP = re.compile(r"<(?P<element>script|iframe|frame|frameset|object|embed|applet|form|"
                            r"style|base|meta|link|svg|math|template|portal)\b"
                            r"|<[A-Za-z][^<>]*?\s(?P<handler>on[a-z]+)\s*=", re.IGNORECASE)


def check_markup(outputs: Mapping[str, str], manuscript: Manuscript) -> None:
    """E248: no document's XHTML holds an element or attribute that runs or loads something.

    Text pandoc writes is escaped (``&lt;script``), so a ``<script`` here is markup: from a
    manuscript's own Markdown template (``styles/chapter.md.j2``), which no chapter check reads."""
    for doc_id, output in outputs.items():
        match = _ACTIVE_MARKUP.search(output)
        if match is not None:
            what = f"<{match.group('element').lower()}>" if match.group("element") else f"{match.group('handler')}="
            raise BookError(f"pandoc's output for this file holds {what}, which no book may run: a template in "
                            "styles/ writes it, or a value it prints unescaped; remove it there", "E248",
                            _source_of(doc_id, manuscript))


def report_outside(lost: OutsideDocuments, manuscript: Manuscript) -> NoReturn:
    """E245: pandoc's output held words outside every document; name the file they belong to."""
    words = " ".join(lost.text.split())[:80]
    raise BookError(f"pandoc's output puts words of this file outside it ('{words}'): markup near them ends "
                    "the chapter early; nothing was written", "E245", _source_of(lost.doc_id, manuscript))


def _addresses(output: str, kind: str) -> Iterator[tuple[str, str]]:
    """("image" | "link", address as written out) of every image and link in one output."""
    if kind == "xhtml":
        for match in _XHTML_ADDRESS.finditer(output):
            what = "image" if match.group("image") is not None else "link"
            yield what, unquote(html.unescape(match.group(what)))
    else:
        for match in _TYPST_ADDRESS.finditer(output):
            what = "image" if match.group("image") is not None else "link"
            yield what, unquote(_TYPST_ESCAPE.sub(r"\1", match.group(what)))


def _problem(what: str, address: str, seen: set[str]) -> str | None:
    if what == "image":
        return None if address in seen else f"an image '{address[:80]}'"
    scheme = link_scheme(address)
    return None if scheme is None or scheme in LINK_SCHEMES else f"a link to a '{scheme}:' address"


def _source_of(doc_id: str, manuscript: Manuscript) -> Path:
    """The file a document was made from: its chapter, its matter page, else book.yaml."""
    for chapter in manuscript.chapters:
        if chapter.id == doc_id:
            return chapter.path
    for matter in (*manuscript.front, *manuscript.back):
        if getattr(matter, "id", None) == doc_id and matter.path is not None:
            return matter.path
    return manuscript.config_path
