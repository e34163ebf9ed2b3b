"""``book sources review ID``: one HTML page, the capture beside what the import made of it.

The left column is the capture as the editor saved it, made safe: an HTML
capture goes through the same sanitiser as the import (no scripts, no event
handlers, no remote images, styles or frames) and is shown in a sandboxed
``<iframe srcdoc>`` that may run nothing; a text capture is shown as text.
The right column is the extraction with the editor's corrections merged: the
post, then the thread indented by parent, each unit with its author, date and
how the author was found (inferred authors marked), and the parts the import
dropped, struck through with their reason. The page loads nothing from
anywhere (a Content-Security-Policy says so), so it can be opened offline.

The template is ``styles/source-review.html.j2`` in the package's styles
(the directory ``book.manuscript.styles.PACKAGE_STYLES`` names).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from lxml import etree
from lxml import html as lxml_html

from book.model import Source, Unit
from book.sources import store
from book.sources.capture_html import looks_like_html
from book.sources.clean import MAX_BYTES, DecodeError, decode_bytes
from book.sources.html_clean import sanitise
from book.support.diagnostics import Report
from book.support.files import InputRefused, input_problem, read_input, write_atomically

STYLES = Path(__file__).resolve().parent.parent / "styles"
TEMPLATE = "source-review.html.j2"


@dataclass(frozen=True)
class ReviewUnit:
    unit: Unit
    depth: int
    inferred: bool


def review(path: Path, manuscript: Path, report: Report, capture: Path | None = None,
           output: Path | None = None) -> Path | None:
    """Write the review page of the source ``path`` (``<id>.yaml``); returns the page's path.

    Returns None when the source cannot be read (its problems are in ``report``).
    """
    folder = path.parent
    source = store.load_source(path, report)
    if source is None or report.errors:
        return None
    source_id = source.id
    recorded = store.capture_record(path)
    capture_path = capture or _find_capture(recorded.get("captured_from"), path, manuscript)
    capture_html, capture_text, capture_note = _capture(capture_path, recorded.get("sha256"))
    environment = Environment(loader=FileSystemLoader(str(STYLES)), autoescape=select_autoescape(["html", "j2"]),
                              trim_blocks=True, lstrip_blocks=True)
    page = environment.get_template(TEMPLATE).render(
        source=source, units=_threaded(source), capture_name=capture_path.name if capture_path else None,
        capture_html=capture_html, capture_text=capture_text, capture_note=capture_note,
        inferred_count=sum(1 for u in source.units if u.author_inferred),
    )
    target = output or folder / "review" / f"{source_id}.html"
    write_atomically(target, page.encode("utf-8"))     # never over a pipe or a device, never half written (E509)
    return target


def _threaded(source: Source) -> list[ReviewUnit]:
    """The post, then each comment followed by its replies (depth-first), in document order among siblings."""
    children: dict[str | None, list[Unit]] = {}
    known = {u.id for u in source.units}
    for unit in source.units:
        parent = unit.parent if unit.parent in known and unit.parent != unit.id else None
        if unit.kind == "post":
            continue
        children.setdefault(parent if parent != "post" else None, []).append(unit)
    out = [ReviewUnit(u, 0, u.author_inferred) for u in source.units if u.kind == "post"]
    seen: set[str] = set()

    def walk(parent: str | None, depth: int) -> None:
        for unit in children.get(parent, []):
            if unit.id in seen:
                continue
            seen.add(unit.id)
            out.append(ReviewUnit(unit, depth, unit.author_inferred))
            walk(unit.id, depth + 1)

    walk(None, 1)
    for unit in source.units:          # a cycle in the editor's parents must not hide a unit
        if unit.kind != "post" and unit.id not in seen:
            out.append(ReviewUnit(unit, 1, unit.author_inferred))
    return out


def _find_capture(name: str | None, source_path: Path, manuscript: Path) -> Path | None:
    """The capture a source records (``captured_from``), looked for in the usual folders.

    The source file is data that may come from someone else, so its ``captured_from`` is only
    a file name (what the import writes): a path (``/etc/passwd``, ``../../.ssh/id_rsa``) would
    copy any file the user can read into a page made to be shared. Each candidate is read as an
    input of the folder it is found in: a regular file there, no link that leaves it.
    """
    if not isinstance(name, str) or name in ("", ".", "..") or Path(name).name != name or "\\" in name:
        return None
    for folder in (Path.cwd(), manuscript, manuscript / "captures", source_path.parent, manuscript.parent):
        candidate = folder / name
        if input_problem(candidate, folder) is None:
            return candidate
    return None


def _capture(path: Path | None, sha256: str | None) -> tuple[str | None, str | None, str | None]:
    """(sanitised HTML, text, note) for the left column; a capture that cannot be shown is a note.

    ``path`` is the one found, or the one given with ``--capture``: either way only a regular
    file is opened (a named pipe would block, ``/dev/zero`` never end), and one no larger than
    the import reads."""
    if path is None:
        return None, None, "the capture file was not found; give it with --capture PATH to see it here"
    real = Path(os.path.realpath(path))
    try:
        if real.is_file() and real.stat().st_size > MAX_BYTES:
            size = real.stat().st_size >> 20
            return None, None, f"{path.name} cannot be shown ({size} MB, more than the import reads)"
        data = read_input(real, real.parent)            # a regular file, opened without blocking
        text = decode_bytes(data, None)
    except (OSError, DecodeError) as exc:
        return None, None, f"{path.name} cannot be shown ({getattr(exc, 'strerror', None) or exc})"
    except InputRefused as exc:
        return None, None, f"{path.name} cannot be shown ({exc.reason})"
    note = None
    if sha256 and hashlib.sha256(data).hexdigest() != sha256:
        note = f"{path.name} has changed since it was imported: what is shown may differ from what was read"
    if path.suffix.lower() in {".html", ".htm", ".xhtml"} or looks_like_html(text):
        try:
            doc = lxml_html.document_fromstring(text.encode("utf-8"),
                                                parser=lxml_html.HTMLParser(encoding="utf-8", huge_tree=True))
        except (etree.ParserError, ValueError) as exc:
            return None, None, f"{path.name} cannot be parsed as HTML ({exc})"
        clean = sanitise(doc)
        for element in clean.iter():            # nothing in the capture leads or loads anywhere
            if isinstance(element.tag, str):
                for attribute in ("href", "src", "srcset", "action", "formaction", "poster", "background", "cite",
                                  "longdesc", "usemap", "data"):
                    element.attrib.pop(attribute, None)
        return _second_line(lxml_html.tostring(clean, encoding="unicode")), None, note
    return None, text, note


def _second_line(page: str) -> str:
    """nh3 (Ammonia) behind lxml's cleaner: only structural tags, class and id, no address of any kind."""
    import nh3

    tags = (nh3.ALLOWED_TAGS - {"a", "img", "area", "map"}) | {"div", "span", "article", "section", "header", "footer",
                                                             "main", "nav", "aside", "figure", "figcaption", "time"}
    return nh3.clean(page, tags=tags, attributes={"*": {"class", "id"}}, url_schemes=set(), link_rel=None,
                     strip_comments=True)
