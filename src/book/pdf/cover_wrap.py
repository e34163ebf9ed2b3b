"""The paperback's cover wrap: back, spine and front on one page with bleed, set with Typst.

In: the manuscript and the interior's page count. Out: the wrap as PDF (or PNG, a proof).
The size follows the first printer in ``print.target``: trim height × (2 × trim width +
spine), plus the bleed on every edge; the spine width is the printer's formula for the page
count and the paper (``print.paper``). The spine carries text only from the printer's
least page count; the back cover keeps the printer's barcode box empty and carries the
``description`` as its blurb. The design is ``styles/pdf/cover-wrap.typ``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path

from book.config import BookConfig
from book.manuscript.styles import Styles
from book.model import Manuscript
from book.pdf.compile import TypstSource, compile_typst
from book.render.credits import credit_line
from book.support.diagnostics import BookError
from book.support.printers import Printer


@dataclasses.dataclass(frozen=True)
class WrapSize:
    """The wrap's geometry in points, for one printer and page count."""

    printer: Printer
    pages: int
    trim_width: float
    trim_height: float
    spine: float
    bleed: float

    @property
    def width(self) -> float:
        return 2 * self.trim_width + self.spine + 2 * self.bleed

    @property
    def height(self) -> float:
        return self.trim_height + 2 * self.bleed

    @property
    def spine_text(self) -> bool:
        return self.printer.spine_text(self.pages)


def cover_printer(config: BookConfig) -> Printer | None:
    """The printer the wrap is made for: the first print target (None for a screen-only book)."""
    return next((p for p in config.print.printers if p.print_edition), None)


def wrap_size(config: BookConfig, pages: int, config_path: Path | None = None) -> WrapSize:
    """The wrap for ``pages`` interior pages, by the cover printer's published formula; a screen-only book has
    none (E772, at ``config_path``, the book.yaml that says so)."""
    printer = cover_printer(config)
    if printer is None:
        raise BookError("the cover wrap is for a printed book, and print.target names only 'screen': "
                        "add a printer (kdp, ingramspark or lulu)", "E772", path=config_path)
    width, height = config.print.page_size
    return WrapSize(printer, pages, width, height, printer.spine(pages, config.print.paper), printer.bleed)


def cover_wrap(manuscript: Manuscript, pages: int, when: dt.datetime, *, fmt: str = "pdf",
               ppi: float = 72) -> bytes:
    """The wrap as PDF (with TrimBox and BleedBox) or as one PNG proof."""
    config = manuscript.config
    size = wrap_size(config, pages, manuscript.config_path)
    template = Styles.of(manuscript).find("pdf/cover-wrap.typ")
    inputs = {
        "width": f"{size.trim_width:.3f}", "height": f"{size.trim_height:.3f}",
        "spine": f"{size.spine:.3f}", "bleed": f"{size.bleed:.3f}",
        "barcode-width": f"{size.printer.barcode[0]:.3f}", "barcode-height": f"{size.printer.barcode[1]:.3f}",
        "spine-text": "true" if size.spine_text else "false",
        "title": config.title, "subtitle": config.subtitle or "", "credit": credit_line(manuscript),
        "blurb": config.description or "", "publisher": config.publisher or "",
        "lang": config.language.split("-")[0],
        "image": f"/{config.cover.image}" if config.cover else "", "image-alt": config.cover.alt if config.cover else "",
    }
    source = TypstSource(text=template.read_text(encoding="utf-8"), root=manuscript.root,
                         font_paths=Styles.of(manuscript).font_dirs)
    if fmt == "png":
        images = compile_typst(source, fmt="png", ppi=ppi, inputs=inputs)
        return images[0] if isinstance(images, list) else images
    data = compile_typst(source, fmt="pdf", when=when, inputs=inputs, standards=[])
    assert isinstance(data, bytes)
    return _with_boxes(data, size)


def _with_boxes(data: bytes, size: WrapSize) -> bytes:
    """TrimBox (the trimmed wrap) and BleedBox (the whole page) for the printer's software."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            x0, y0, x1, y1 = (float(v) for v in page.mediabox)
            page.obj.BleedBox = pikepdf.Array([x0, y0, x1, y1])
            page.obj.TrimBox = pikepdf.Array([x0 + size.bleed, y0 + size.bleed, x1 - size.bleed, y1 - size.bleed])
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
        return out.getvalue()
