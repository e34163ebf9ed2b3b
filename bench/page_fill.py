"""How full the print edition's pages are, read back from the PDF.

    python bench/page_fill.py                        # the sample and a generated 30k-word book
    python bench/page_fill.py --manuscript DIR       # one book
    python bench/page_fill.py --pdf FILE --manuscript DIR   # a PDF already built from DIR
    python bench/page_fill.py --words 100000 --json out.json

For each book, ``book build pdf --no-cache`` makes the PDF (``SOURCE_DATE_EPOCH`` fixed); poppler's
``pdftotext -bbox-layout`` reads back every line's box. The text block's bottom is the page height
less the bottom margin of ``book.pdf.document.page_geometry`` (what the template was given). For
every page of text it reports how many lines short of a full page its last line stands (the last
baseline against the deepest last baseline of any page of the book, over the leading), and for
every spread (verso 2k, recto 2k + 1) whether both pages end at the same height.

A page that ends a document (the next page is blank or opens another) may end where its text ends;
every other page short by ``--lines`` (2) or more is listed with what moved to the next page: a
heading (kept with the lines after it), an ornament and a heading, a block quotation, an attribution,
a list item (a chapter's last, kept with its sources note), a paragraph (widow and orphan control),
and whether the short page carries notes. docs/print.md has the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "PYTHONDONTWRITEBYTECODE": "1"}
_LINE = re.compile(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>', re.S)
_WORD = re.compile(r"<word[^>]*>(.*?)</word>", re.S)


@dataclass(frozen=True)
class Line:
    """One line of text as poppler boxes it, in points from the top left of the page."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def baseline(self) -> float:
        """About where the baseline stands: poppler's box reaches the font's descent below it."""
        return self.y1 - 0.21 * self.height


@dataclass(frozen=True)
class Geometry:
    """The text block of the pages, and the body's size and leading, in points."""

    width: float
    height: float
    top: float
    bottom: float         # the text block's bottom edge, from the top of the page
    size: float
    leading: float


@dataclass
class PageFill:
    """One page of text: its end, and what the measure makes of it."""

    page: int             # physical, 1-based
    label: str
    role: str             # "opening", "continued" or "blank"
    last_of_doc: bool
    short: float          # lines short of the deepest last line of the book
    notes: bool           # the page carries footnotes
    next_starts: str      # what opens the next page: heading, quote, attribution, paragraph, ...


def build_pdf(manuscript: Path, out: Path) -> Path:
    """``book build pdf --no-cache`` of ``manuscript`` into ``out``."""
    cmd = [sys.executable, "-m", "book", "build", "pdf", "-q", "--no-cache", "-m", str(manuscript), "-o", str(out)]
    subprocess.run(cmd, env=ENV, check=True)
    return out


def geometry(manuscript: Path) -> Geometry:
    """The page geometry the template was given for this book (``page_geometry``)."""
    from book.manuscript import load_manuscript
    from book.pdf.document import page_geometry
    from book.support.diagnostics import Report

    loaded = load_manuscript(manuscript, Report())
    if loaded is None:
        raise SystemExit(f"{manuscript}: the manuscript does not load (run `book check`)")
    page = {k: float(v) for k, v in page_geometry(loaded.config.print).items() if k not in ("font",)}
    return Geometry(page["width"], page["height"], page["top"], page["height"] - page["bottom"],
                    page["size"], page["leading"])


def read_pages(pdf: Path) -> list[list[Line]]:
    """Every page's lines in reading order, from ``pdftotext -bbox-layout``."""
    html = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = []
    for body in re.findall(r"<page [^>]*>(.*?)</page>", html, re.S):
        lines = [Line(float(a), float(b), float(c), float(d), " ".join(_WORD.findall(words)))
                 for a, b, c, d, words in _LINE.findall(body)]
        pages.append(sorted(lines, key=lambda line: (round(line.y1, 1), line.x0)))
    return pages


def page_labels(pdf: Path) -> list[str]:
    from pypdf import PdfReader

    return list(PdfReader(pdf).page_labels)


def in_block(lines: list[Line], geo: Geometry) -> list[Line]:
    """The lines inside the text block: not the running head above it, nor the folio below it."""
    return [line for line in lines if line.y0 >= geo.top - 2 and line.y1 <= geo.bottom + 4]


def opens_document(lines: list[Line], geo: Geometry) -> bool:
    """An opening page has its folio at the foot and no running head (book.typ's doc-marginals)."""
    has_head = any(line.y1 < geo.top - 2 for line in lines)
    has_foot = any(line.y0 > geo.bottom + 2 for line in lines)
    return has_foot and not has_head


_ITEM = re.compile(r"^(\d+[.)]|[•–-])\s")


def what_opens(lines: list[Line], previous: list[Line], geo: Geometry) -> str:
    """What the first block of a page is, from its lines' boxes: a centred line standing apart is a
    heading (an ornament when it is one sign); a smaller, indented line a block quotation; a line
    opening with a dash an attribution; one opening with a number or a bullet a list item."""
    if not lines:
        return "nothing"
    first = lines[0]
    if _ITEM.match(first.text):
        return "list item"
    centre = (first.x0 + first.x1) / 2
    block_centre = statistics.median([(line.x0 + line.x1) / 2 for line in lines])
    left = min(line.x0 for line in lines)
    measure = max(line.x1 for line in lines) - left
    gap_after = lines[1].y0 - first.y1 if len(lines) > 1 else 0
    if first.text.startswith("—"):
        return "attribution"
    if first.x1 - first.x0 < 0.85 * measure and abs(centre - block_centre) < 3 and gap_after > 0.5 * geo.leading:
        return "ornament and heading" if len(first.text) == 1 else "heading"
    def in_quote(line: Line) -> bool:
        return line.height < 0.97 * _body_height(lines) and line.x0 > left + geo.size

    if in_quote(first):
        return "quote (continued)" if previous and in_quote(previous[-1]) else "quote"
    return "paragraph"


def _body_height(lines: list[Line]) -> float:
    return statistics.mode(round(line.height, 1) for line in lines) if lines else 0.0


def has_notes(lines: list[Line], geo: Geometry) -> bool:
    """Footnotes stand at the foot in a smaller size than the body, from the left edge of the text
    block (an attribution, as small, is indented)."""
    if len(lines) < 2:
        return False
    left = min(line.x0 for line in lines)
    return lines[-1].height < 0.85 * _body_height(lines) and lines[-1].x0 < left + 2 * geo.size


def measure_pages(pdf: Path, geo: Geometry) -> list[PageFill]:
    """Every page of the PDF, with its role and how many lines short it ends."""
    pages = read_pages(pdf)
    labels = page_labels(pdf)
    text = [in_block(lines, geo) for lines in pages]
    roles = ["blank" if not t else "opening" if opens_document(p, geo) else "continued" for p, t in zip(pages, text)]
    deepest = max((t[-1].baseline for t in text if t and not has_notes(t, geo)), default=geo.bottom)
    out = []
    for index, lines in enumerate(text):
        if not lines:
            out.append(PageFill(index + 1, labels[index], "blank", True, 0.0, False, ""))
            continue
        nxt = index + 1
        last = nxt >= len(text) or roles[nxt] in ("blank", "opening")
        short = max(0.0, (deepest - lines[-1].baseline) / geo.leading)
        opens = "" if last else what_opens(text[nxt], lines, geo)
        if opens == "list item" and nxt + 1 < len(text) and roles[nxt + 1] in ("blank", "opening"):
            opens = "the last list item, kept with the page that ends the document"
        out.append(PageFill(index + 1, labels[index], roles[index], last, round(short, 1), has_notes(lines, geo),
                            opens))
    return out


def spreads(fills: list[PageFill]) -> list[tuple[PageFill, PageFill]]:
    """Facing pages (page 1 is a recto, so pages 2k and 2k + 1) that both carry text."""
    by_page = {f.page: f for f in fills}
    pairs = []
    for verso in range(2, len(fills), 2):
        left, right = by_page.get(verso), by_page.get(verso + 1)
        if left and right and left.role != "blank" and right.role != "blank":
            pairs.append((left, right))
    return pairs


def summary(fills: list[PageFill], lines: float) -> dict:
    """The figures the report and docs quote."""
    body = [f for f in fills if f.role != "blank" and f.label.isdigit()]
    inner = [f for f in body if not f.last_of_doc]
    short = [f for f in inner if f.short >= lines]
    # a spread whose pages both go on into more of their document should end level
    running = [(a, b) for a, b in spreads(body) if not a.last_of_doc and not b.last_of_doc]
    uneven = [(a, b) for a, b in running if abs(a.short - b.short) >= 0.5]
    reasons: dict[str, int] = {}
    for f in short:
        reasons[f.next_starts] = reasons.get(f.next_starts, 0) + 1
    return {
        "body_pages": len(body), "inner_pages": len(inner),
        "short_pages": len(short), "lines_short": round(sum(f.short for f in short), 1),
        "lines_short_all_inner": round(sum(f.short for f in inner), 1),
        "most_short": max((f.short for f in inner), default=0.0),
        "spreads_running": len(running), "spreads_uneven": len(uneven),
        "spreads_uneven_lines": round(sum(abs(a.short - b.short) for a, b in uneven), 1),
        "reasons": reasons,
    }


def report(name: str, fills: list[PageFill], lines: float) -> dict:
    """Print the short pages and the uneven spreads of one book; return its summary."""
    figures = summary(fills, lines)
    print(f"\n{name}: {figures['body_pages']} body pages, {figures['inner_pages']} not ending a document")
    for f in fills:
        if f.role != "blank" and f.label.isdigit() and not f.last_of_doc and f.short >= lines:
            notes = ", notes on the page" if f.notes else ""
            print(f"  page {f.label:>4} (pdf {f.page:>4}) {f.short:4.1f} lines short; next page opens with "
                  f"{f.next_starts}{notes}")
    body = [f for f in fills if f.role != "blank" and f.label.isdigit()]
    for a, b in spreads(body):
        if not a.last_of_doc and not b.last_of_doc and abs(a.short - b.short) >= 0.5:
            print(f"  spread {a.label}-{b.label}: ends {a.short:.1f} and {b.short:.1f} lines short")
    print(f"  short by >= {lines:g} lines: {figures['short_pages']} pages, {figures['lines_short']} lines "
          f"(all pages not ending a document: {figures['lines_short_all_inner']} lines, at most "
          f"{figures['most_short']}); reasons {figures['reasons']}")
    print(f"  spreads of running text: {figures['spreads_running']}, ending at different heights: "
          f"{figures['spreads_uneven']} ({figures['spreads_uneven_lines']} lines apart in all)")
    return figures


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--manuscript", type=Path,
                        help="a manuscript folder (default: the sample and a generated book)")
    parser.add_argument("--pdf", type=Path, help="a PDF already built from --manuscript")
    parser.add_argument("--words", type=int, default=30000, help="words of the generated book (0: none)")
    parser.add_argument("--lines", type=float, default=2.0, help="list pages this many lines short or more")
    parser.add_argument("--json", type=Path, help="write the summaries here")
    parser.add_argument("--keep", type=Path, help="keep the PDFs in this folder")
    args = parser.parse_args(argv)
    results = {}
    with tempfile.TemporaryDirectory() as work:
        books: list[tuple[str, Path, Path | None]] = []
        if args.manuscript:
            books.append((str(args.manuscript), args.manuscript, args.pdf))
        else:
            books.append(("sample", REPO / "manuscript", None))
            if args.words:
                import generate

                generated = Path(work) / f"generated-{args.words}"
                generate.generate(args.words, generated)
                books.append((f"generated {args.words} words", generated, None))
        for name, manuscript, pdf in books:
            slug = re.sub(r"\W+", "-", name).strip("-")
            pdf = pdf or build_pdf(manuscript, (args.keep or Path(work)) / f"{slug}.pdf")
            fills = measure_pages(pdf, geometry(manuscript))
            results[name] = {"summary": report(name, fills, args.lines), "pages": [asdict(f) for f in fills]}
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
