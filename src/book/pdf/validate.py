"""A built PDF read back with pikepdf: trim size, embedded fonts, PDF/UA tags, page labels.

Run by ``book release`` (and the tests). Codes: E712 pikepdf missing, E720-E725 the PDF.
"""

from __future__ import annotations

from pathlib import Path

from book.support.diagnostics import BookError, Report
from book.support.tools import INSTALL_HINT

TRIM_TOLERANCE_PT = 0.5            # Typst writes sizes in points with two decimals

# ------------------------------------------------------------------ the PDF, read back

def require_pikepdf() -> None:
    try:
        import pikepdf  # noqa: F401
    except ImportError:
        raise BookError(f"pikepdf is not installed; it reads the PDF back: {INSTALL_HINT}", "E712") from None


def check_pdf(pdf_path: Path, trim: tuple[float, float], report: Report) -> int:
    """Read the PDF back: trim size, embedded fonts, PDF/UA tags and page labels. Returns the page count.

    E720 unreadable, E721 a page is not the trim size, E722 a font is not embedded,
    E723 not tagged (MarkInfo, structure tree), E724 no ``pdfuaid:part=1``, E725 no page labels.
    """
    require_pikepdf()
    import pikepdf

    try:
        pdf = pikepdf.open(pdf_path)
    except pikepdf.PdfError as exc:
        report.error("E720", f"the PDF cannot be read back: {exc}", pdf_path)
        return 0
    with pdf:
        width, height = trim
        wrong = []
        for number, page in enumerate(pdf.pages, 1):
            box = [float(v) for v in page.mediabox]
            w, h = box[2] - box[0], box[3] - box[1]
            if abs(w - width) > TRIM_TOLERANCE_PT or abs(h - height) > TRIM_TOLERANCE_PT:
                wrong.append(f"page {number} is {w / 72:.2f} x {h / 72:.2f} in")
        if wrong:
            more = f" (and {len(wrong) - 1} more)" if len(wrong) > 1 else ""
            report.error("E721", f"{wrong[0]}{more}, not the trim size {width / 72:.2f} x {height / 72:.2f} in",
                         pdf_path)
        for name in sorted(_unembedded_fonts(pdf)):
            report.error("E722", f"font {name} is not embedded", pdf_path)
        mark_info = pdf.Root.get("/MarkInfo")
        if mark_info is None or not bool(mark_info.get("/Marked", False)) or "/StructTreeRoot" not in pdf.Root:
            report.error("E723", "the PDF is not tagged (no MarkInfo /Marked true or no structure tree)", pdf_path)
        part = pdf.open_metadata().get("pdfuaid:part")
        if part != "1":
            report.error("E724", f"the XMP metadata does not declare PDF/UA-1 (pdfuaid:part is {part!r})",
                         pdf_path)
        if "/PageLabels" not in pdf.Root:
            report.error("E725", "the PDF has no page labels (a viewer would not show i, ii, 1, 2)", pdf_path)
        return len(pdf.pages)


def _unembedded_fonts(pdf) -> set[str]:
    """Base names of fonts, on pages and in form XObjects, with no font file (Type 3 fonts are drawn)."""
    import pikepdf

    missing: set[str] = set()
    seen: set[tuple[int, int]] = set()

    def font_embedded(font) -> bool:
        subtype = font.get("/Subtype")
        if subtype == "/Type3":
            return True
        if subtype == "/Type0":
            descendants = font.get("/DescendantFonts")
            return bool(descendants) and all(font_embedded(d) for d in descendants)
        descriptor = font.get("/FontDescriptor")
        return descriptor is not None and any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))

    def walk(resources) -> None:
        if not isinstance(resources, pikepdf.Dictionary):
            return
        if resources.is_indirect:
            if resources.objgen in seen:
                return
            seen.add(resources.objgen)
        for font in (resources.get("/Font") or {}).values():
            if not font_embedded(font):
                missing.add(str(font.get("/BaseFont", "(unnamed)")).lstrip("/"))
            walk(font.get("/Resources"))
        for xobject in (resources.get("/XObject") or {}).values():
            if xobject.get("/Subtype") == "/Form":
                walk(xobject.get("/Resources"))

    for page in pdf.pages:
        walk(page.obj.get("/Resources"))
    return missing
