"""``book preflight``: a built interior and cover wrap read back against a printer's checklist.

In: the PDF files and the target printers (:mod:`book.support.printers`). Out: coded
diagnostics in a :class:`~book.support.diagnostics.Report`. What is read back, and how:

- the page size against the trim size, and the trim against the sizes the printer prints
  (pikepdf: MediaBox, or TrimBox when there is one);
- the ink of every page (rendered in grey by poppler's ``pdftoppm`` at 72 ppi, one pixel a
  point): its distance from the head, the foot and the fore-edge against the printer's
  minimums, and from the spine against the gutter for the page count;
- fonts embedded; images at least 300 ppi where they are drawn (the content streams read with
  their transformation matrices); no RGB colour in a black-and-white interior;
- an even page count within the printer's range, a blank last page for a printer that prints
  its barcode there, no two blank pages in a row inside the book;
- the cover wrap's size against the printer's formula for the interior's page count.

Codes: E760 a file cannot be read, E761 page size, E762 ink in a margin, E763 gutter,
E764 font, E765 image resolution, E766 RGB, E767 page count, E768 last page (warning),
E769 blank pages in a row (warning), E770 cover size, E771 pdftoppm missing.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from book.config import BookConfig
from book.pdf.cover_wrap import wrap_size
from book.pdf.validate import unembedded_fonts, require_pikepdf
from book.support.diagnostics import BookError, Report
from book.support.files import not_a_file, scratch
from book.support.printers import Printer
from book.support.tools import dies_with_parent

RENDER_PPI = 72                 # one pixel a point
INK = 245                       # a grey level below this is ink (anti-aliasing leaves lighter pixels)
MIN_PPI = 300
TOLERANCE = 1.0                 # points: a pixel's rounding
COVER_TOLERANCE = 0.2           # points: a page of cream paper adds 0.18 pt to the spine
MAX_LISTED = 5


@dataclass(frozen=True)
class Ink:
    """Where a page's ink is, as distances in points from each trim edge (None: a blank page)."""

    left: float
    top: float
    right: float
    bottom: float


class RenderFailed(Exception):
    """pdftoppm could not render the PDF: reported as E760 by :func:`preflight`."""


def page_inks(pdf_path: Path, trims: list[tuple[float, float, float, float]]) -> list[Ink | None]:
    """Render every page in grey with pdftoppm and find the box of its ink, relative to the trim."""
    import shutil

    tool = shutil.which("pdftoppm")
    if tool is None:
        raise BookError("pdftoppm (poppler-utils) is not installed; preflight renders the pages with it: "
                        "apt-get install poppler-utils", "E771")
    inks: list[Ink | None] = []
    with scratch("book-preflight-") as tmp:
        done = subprocess.run([tool, "-r", str(RENDER_PPI), "-gray", str(pdf_path), f"{tmp}/p"],
                              capture_output=True, preexec_fn=dies_with_parent)
        if done.returncode:
            said = done.stderr.decode("utf-8", "replace").strip().splitlines() or [f"exit {done.returncode}"]
            raise RenderFailed(f"pdftoppm failed: {said[-1]}")
        files = sorted(Path(tmp).glob("p-*.pgm"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        for path, trim in zip(files, trims):
            inks.append(_ink_box(path.read_bytes(), trim))
    return inks


_WHITE = bytes(range(256)).translate(bytes(0 if i < INK else 255 for i in range(256)))


def _ink_box(data: bytes, trim: tuple[float, float, float, float]) -> Ink | None:
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    if header is None:
        raise ValueError("pdftoppm wrote an unexpected image")
    width, height = int(header.group(1)), int(header.group(2))
    pixels = data[header.end():].translate(_WHITE)
    white = b"\xff" * width
    rows = [pixels[y * width:(y + 1) * width] for y in range(height)]
    inked = [y for y, row in enumerate(rows) if row != white]
    if not inked:
        return None
    left = min(len(rows[y]) - len(rows[y].lstrip(b"\xff")) for y in inked)
    right = min(len(rows[y]) - len(rows[y].rstrip(b"\xff")) for y in inked)
    scale = 72 / RENDER_PPI
    x0, y0, x1, y1 = trim        # the trim box inside the page, from its top-left corner, in points
    return Ink(left=left * scale - x0, top=inked[0] * scale - y0,
               right=x1 - (width - right) * scale, bottom=y1 - (inked[-1] + 1) * scale)


def _pages_text(pages: list[int]) -> str:
    shown = ", ".join(str(p) for p in pages[:MAX_LISTED])
    more = f" and {len(pages) - MAX_LISTED} more" if len(pages) > MAX_LISTED else ""
    return f"page{'s' * (len(pages) != 1)} {shown}{more}"


# ------------------------------------------------------------------ images and colour

def _multiply(m: list[float], n: list[float]) -> list[float]:
    """The PDF matrix product m × n ([a b c d e f], row vectors)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return [a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2]


def _is_rgb(space) -> bool:
    import pikepdf

    if isinstance(space, pikepdf.Name):
        return space in ("/DeviceRGB", "/CalRGB")
    if isinstance(space, pikepdf.Array) and len(space):
        kind = space[0]
        if kind == "/ICCBased":
            return int(space[1].get("/N", 0)) == 3
        if kind == "/CalRGB":
            return True
        if kind == "/Indexed":
            return _is_rgb(space[1])
        if kind in ("/Separation", "/DeviceN"):
            return _is_rgb(space[2])
    return False


def page_images_and_colour(pdf) -> tuple[list[tuple[int, float]], list[int]]:
    """Every image drawn, as (page, least ppi), and the pages that use RGB colour."""
    import pikepdf

    images: list[tuple[int, float]] = []
    rgb_pages: set[int] = set()

    def walk(number: int, stream, resources, ctm: list[float], depth: int) -> None:
        if depth > 8:
            return
        spaces = resources.get("/ColorSpace") or {} if resources is not None else {}
        for space in spaces.values():
            if _is_rgb(space):
                rgb_pages.add(number)
        stack: list[list[float]] = []
        for operands, operator in pikepdf.parse_content_stream(stream):
            op = str(operator)
            if op == "q":
                stack.append(ctm)
            elif op == "Q":
                ctm = stack.pop() if stack else ctm
            elif op == "cm":
                ctm = _multiply([float(v) for v in operands], ctm)
            elif op in ("rg", "RG"):
                rgb_pages.add(number)
            elif op == "Do" and resources is not None:
                xobject = (resources.get("/XObject") or {}).get(str(operands[0]))
                if xobject is None:
                    continue
                if xobject.get("/Subtype") == "/Image":
                    if _is_rgb(xobject.get("/ColorSpace")):
                        rgb_pages.add(number)
                    a, b, c, d = ctm[:4]
                    width_in = (a * a + b * b) ** 0.5 / 72
                    height_in = (c * c + d * d) ** 0.5 / 72
                    if width_in > 0 and height_in > 0:
                        ppi = min(int(xobject.Width) / width_in, int(xobject.Height) / height_in)
                        images.append((number, ppi))
                elif xobject.get("/Subtype") == "/Form":
                    matrix = [float(v) for v in xobject.get("/Matrix", [1, 0, 0, 1, 0, 0])]
                    walk(number, xobject, xobject.get("/Resources") or resources, _multiply(matrix, ctm),
                         depth + 1)

    for number, page in enumerate(pdf.pages, 1):
        walk(number, page, page.obj.get("/Resources"), [1, 0, 0, 1, 0, 0], 0)
    return images, sorted(rgb_pages)


# ------------------------------------------------------------------ the checklist

def preflight(config: BookConfig, printers: list[Printer], interior: Path, cover: Path | None,
              report: Report) -> int:
    """Check the interior (and the cover wrap, when given) for each printer. Returns the page count."""
    require_pikepdf()
    pdf = _open(interior, report, "the PDF", "build it first with book build pdf")
    if pdf is None:
        return 0
    with pdf:
        count = len(pdf.pages)
        most = max(printer.pages[1] for printer in printers)
        if not 0 < count <= most:
            # no page to render, or more than any printer binds: rendering 20,000 pages would take an hour
            why = "no page to check" if not count else f"more than any of the printers binds ({most:,} at most)"
            _wrong_page_count(report, interior, f"{count:,} page{'s' * (count != 1)}: {why}; nothing else was checked")
            return count
        width, height = config.print.page_size
        trims: list[tuple[float, float, float, float]] = []
        wrong: list[int] = []
        for number, page in enumerate(pdf.pages, 1):
            media = [float(v) for v in page.mediabox]
            box = [float(v) for v in page.obj.get("/TrimBox", page.mediabox)]
            if abs(box[2] - box[0] - width) > TOLERANCE or abs(box[3] - box[1] - height) > TOLERANCE:
                wrong.append(number)
            # the trim, from the page's top-left corner, as the rendering sees it
            trims.append((box[0] - media[0], media[3] - box[3], box[2] - media[0], media[3] - box[1]))
        if wrong:
            report.error("E761", f"{_pages_text(wrong)} not at the trim size {width / 72:g} x {height / 72:g} in",
                         interior)
        for name in sorted(unembedded_fonts(pdf)):
            report.error("E764", f"font {name} is not embedded", interior)
        images, rgb_pages = page_images_and_colour(pdf)
        low = [(page, ppi) for page, ppi in images if ppi < MIN_PPI - 0.5]
        if low:
            page, ppi = min(low, key=lambda item: item[1])
            report.error("E765", f"{len(low)} image{'s' * (len(low) != 1)} below {MIN_PPI} ppi as printed, on "
                                 f"{_pages_text(sorted({p for p, _ in low}))} (the lowest: {ppi:.0f} ppi on "
                                 f"page {page})", interior)
        if rgb_pages and config.print.paper != "colour":
            report.error("E766", f"RGB colour in a black-and-white interior on {_pages_text(rgb_pages)}: "
                                 "convert the images to greyscale (or set print.paper: colour)", interior)
    try:
        inks = page_inks(interior, trims)
    except RenderFailed as exc:
        unreadable(report, interior, "the PDF", "build it again with book build pdf", str(exc))
        return count
    blank = [number for number, ink in enumerate(inks, 1) if ink is None]
    for printer in printers:
        _check_printer(printer, count, inks, blank, interior, report)
    if cover is not None:
        _check_cover(config, count, cover, report)
    return count


def _open(path: Path, report: Report, what: str, fix: str):
    """The PDF opened with pikepdf, or None and E760: a missing, special, encrypted or damaged file."""
    import pikepdf

    problem = not_a_file(path)
    if problem:
        unreadable(report, path, what, fix, problem)
        return None
    try:
        return pikepdf.open(path)
    except pikepdf.PasswordError:
        unreadable(report, path, what, fix, "it is encrypted with a password")
    except (pikepdf.PdfError, OSError, RecursionError) as exc:
        unreadable(report, path, what, fix,
                   "it does not exist" if isinstance(exc, FileNotFoundError) else " ".join(str(exc).split()))
    return None


def unreadable(report: Report, path: Path, what: str, fix: str, reason: str) -> None:
    """E760, worded once: a file to preflight is missing, special, encrypted, empty or not a PDF."""
    report.error("E760", f"cannot read {what} to preflight ({reason}): {fix}", path)


def _wrong_page_count(report: Report, interior: Path, message: str) -> None:
    """E767, worded once: a page count no printer (or not this one) binds."""
    report.error("E767", message, interior)


def _check_printer(printer: Printer, count: int, inks: list[Ink | None], blank: list[int], interior: Path,
                   report: Report) -> None:
    least, most = printer.pages
    if count % 2 or not least <= count <= most:
        why = "an odd number" if count % 2 else f"outside {least}-{most}"
        _wrong_page_count(report, interior, f"{count} pages, {why}: {printer.label} binds an even number of "
                                            f"pages from {least} to {most}")
    near: dict[str, tuple[list[int], float, float]] = {}
    gutter = printer.inside(count)
    for number, ink in enumerate(inks, 1):
        if ink is None:
            continue
        recto = number % 2 == 1
        sides = {"head": (ink.top, printer.head), "foot": (ink.bottom, printer.head),
                 "fore-edge": (ink.right if recto else ink.left, printer.outside),
                 "spine": (ink.left if recto else ink.right, gutter)}
        for side, (distance, required) in sides.items():
            if distance < required - TOLERANCE:
                pages, nearest, _ = near.get(side, ([], distance, required))
                near[side] = ([*pages, number], min(nearest, distance), required)
    for side, (pages, nearest, required) in near.items():
        if side == "spine":
            report.error("E763", f"ink {nearest / 72:.2f} in from the spine on {_pages_text(pages)}: "
                                 f"{printer.label} asks a gutter of {required / 72:g} in for {count} pages",
                         interior)
        else:
            report.error("E762", f"ink {nearest / 72:.2f} in from the {side} on {_pages_text(pages)}: "
                                 f"{printer.label} asks at least {required / 72:g} in", interior)
    if printer.blank_last and count and count not in blank:
        report.warning("E768", f"the last page (page {count}) is not blank: {printer.label} prints its "
                               "barcode there", interior)
    runs = [n for n in blank if n + 1 in blank and n + 1 < count]
    inside_book = [n for n in runs if any(m not in blank for m in range(n + 2, count + 1))]
    if inside_book:
        report.warning("E769", f"two blank pages in a row from {_pages_text(inside_book)}: a printer "
                               "queries a book with blank spreads inside it", interior)


def _check_cover(config: BookConfig, count: int, cover: Path, report: Report) -> None:
    import pikepdf

    pdf = _open(cover, report, "the cover wrap", "build it with book build cover")
    if pdf is None:
        return
    with pdf:
        if not pdf.pages:
            unreadable(report, cover, "the cover wrap", "build it with book build cover", "it has no pages")
            return
        box = [float(v) for v in pdf.pages[0].mediabox]
    size = wrap_size(config, count)
    width, height = box[2] - box[0], box[3] - box[1]
    if abs(width - size.width) > COVER_TOLERANCE or abs(height - size.height) > COVER_TOLERANCE:
        report.error("E770", f"the cover wrap is {width / 72:.3f} x {height / 72:.3f} in; for {count} pages on "
                             f"{config.print.paper} paper {size.printer.label} asks {size.width / 72:.3f} x "
                             f"{size.height / 72:.3f} in (spine {size.spine / 72:.3f} in): build it again",
                     cover)
