"""The printers a book can be made for: each target's published rules, as data.

``print.target`` in ``book.yaml`` names one or more of these. The PDF stage reads them
to place the text block, running heads and folios; the cover reads the spine formula,
bleed and barcode box; ``book preflight`` checks a built PDF and cover against them.

The figures are the printers' published file-creation rules as of 2026 (KDP's "Set trim
size, bleed and margins" and "Cover calculator", IngramSpark's File Creation Guide,
Lulu's Book Creation Guide). Printers change them; the README lists each figure so an
editor can compare it with the printer's current guide.

Checked again in December 2026 against what the printers and those who quote them publish:

- KDP: the gutter table (0.375 in to 150 pages, 0.5 to 300, 0.625 to 500, 0.75 to 700, 0.875
  to 828), 0.25 in outside, top and bottom without bleed, 24-828 pages, the spine at 0.002252
  in per page on white paper, 0.0025 on cream and 0.002347 on colour, spine text only above 79
  pages, the barcode box 2 x 1.2 in, 0.125 in cover bleed: as KDP's help pages give them
  (quoted at kdpbuilder.com/guides/kdp-bleed-and-margins and pubscout.app/pages/glossary/
  spine-width). Unchanged.
- IngramSpark: at least 0.5 in from the trim on every side, page numbers included, and a blank
  last page (ingramspark.com/blog/file-requirements-for-print-books): unchanged. IngramSpark
  publishes no gutter table and no spine formula (its cover template generator computes the
  spine from the paper), so the gutter steps here are a cautious reading of its advice to widen
  the gutter for thick books, and the spine uses KDP's factors, which third-party calculators
  (app.blurbbio.com/tools/spine-width-calculator) find close to IngramSpark's stocks but not
  equal: the wrap's spine is an estimate there, and the generator's template is the reference
  for an IngramSpark cover.
- Lulu: at least 0.5 in on every side (help.lulu.com, "Tips for formatting documents"), plus
  the gutter additions of its Book Creation Guide by page count; the spine pages / 444 + 0.06
  in. Unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass

INCH = 72.0
PAPERS = ("white", "cream", "colour")


@dataclass(frozen=True)
class Printer:
    """One printer's rules for a paperback interior and its cover. Lengths in points."""

    name: str
    label: str
    outside: float                 # least margin at the fore-edge
    top: float                     # least margin at the head
    bottom: float                  # least margin at the foot
    head: float                    # least distance of any ink (running head, folio) from the trim
    gutter: tuple[tuple[int, float], ...]   # (up to this many pages, least inside margin)
    pages: tuple[int, int]         # fewest and most pages the printer binds
    pdfx: bool                     # wants the interior as PDF/X-4
    sizes: tuple[float, float, float, float] | None   # least width and height, greatest width and height
                                                      # of the trim sizes it prints (None: any)
    bleed: float = 0.125 * INCH    # cover bleed on every outer edge
    spine_per_page: tuple[tuple[str, float], ...] = ()   # (paper, inches per page)
    spine_extra: float = 0.0       # added to the spine width (inches), as the printer's formula says
    spine_text_pages: int = 0      # fewest pages for text on the spine
    barcode: tuple[float, float] = (2.0 * INCH, 1.2 * INCH)   # the barcode's keep-out box on the back
    print_edition: bool = True     # a printer (cover, preflight), not the screen edition
    blank_last: bool = False       # the last page must be blank: the printer prints its own barcode there

    def prints(self, width: float, height: float) -> bool:
        """Whether the printer prints a book of this trim size (points)."""
        if self.sizes is None:
            return True
        least_w, least_h, most_w, most_h = self.sizes
        return least_w - 0.5 <= width <= most_w + 0.5 and least_h - 0.5 <= height <= most_h + 0.5

    def inside(self, pages: int) -> float:
        """The least inside margin (gutter) for a book of ``pages`` pages."""
        for limit, width in self.gutter:
            if pages <= limit:
                return width
        return self.gutter[-1][1]

    def spine(self, pages: int, paper: str) -> float:
        """The spine width in points for ``pages`` pages on ``paper``, by the printer's formula."""
        per_page = dict(self.spine_per_page)[paper]
        return (pages * per_page + self.spine_extra) * INCH

    def spine_text(self, pages: int) -> bool:
        """Whether the printer allows text on the spine at this page count."""
        return pages >= self.spine_text_pages


_WHITE_CREAM_COLOUR = (("white", 0.002252), ("cream", 0.0025), ("colour", 0.002347))

PRINTERS: dict[str, Printer] = {p.name: p for p in (
    Printer(
        name="kdp", label="Amazon KDP",
        outside=0.25 * INCH, top=0.25 * INCH, bottom=0.25 * INCH, head=0.25 * INCH,
        gutter=((150, 0.375 * INCH), (300, 0.5 * INCH), (500, 0.625 * INCH), (700, 0.75 * INCH),
                (828, 0.875 * INCH)),
        pages=(24, 828), pdfx=False,
        sizes=(4 * INCH, 6 * INCH, 8.5 * INCH, 11.69 * INCH),
        spine_per_page=_WHITE_CREAM_COLOUR, spine_text_pages=80,
        barcode=(2.0 * INCH, 1.2 * INCH),
    ),
    Printer(
        name="ingramspark", label="IngramSpark",
        outside=0.5 * INCH, top=0.5 * INCH, bottom=0.5 * INCH, head=0.5 * INCH,
        gutter=((150, 0.5 * INCH), (400, 0.625 * INCH), (600, 0.75 * INCH), (1200, 0.875 * INCH)),
        pages=(18, 1200), pdfx=True, blank_last=True,
        sizes=(4 * INCH, 6 * INCH, 8.5 * INCH, 11 * INCH),
        spine_per_page=_WHITE_CREAM_COLOUR, spine_text_pages=48,
        barcode=(1.75 * INCH, 1.0 * INCH),
    ),
    Printer(
        name="lulu", label="Lulu",
        outside=0.5 * INCH, top=0.5 * INCH, bottom=0.5 * INCH, head=0.5 * INCH,
        gutter=((60, 0.5 * INCH), (150, 0.625 * INCH), (400, 1.0 * INCH), (600, 1.125 * INCH),
                (800, 1.25 * INCH)),
        pages=(32, 800), pdfx=False,
        sizes=(4.25 * INCH, 6.875 * INCH, 8.5 * INCH, 11 * INCH),
        spine_per_page=(("white", 1 / 444), ("cream", 1 / 444), ("colour", 1 / 444)), spine_extra=0.06,
        spine_text_pages=80, barcode=(1.75 * INCH, 1.0 * INCH),
    ),
    Printer(
        name="screen", label="the screen edition",
        outside=0.0, top=0.0, bottom=0.0, head=0.0, gutter=((10**9, 0.0),),
        pages=(1, 10**9), pdfx=False, sizes=None, print_edition=False,
    ),
)}


def printers(names: tuple[str, ...] | list[str]) -> list[Printer]:
    """The printers named in ``print.target``, in order."""
    return [PRINTERS[name] for name in names]
