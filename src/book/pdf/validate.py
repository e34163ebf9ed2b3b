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
        for name in sorted(unembedded_fonts(pdf)):
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


def unembedded_fonts(pdf) -> set[str]:
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


# ------------------------------------------------------------------ PDF/X-4, read back

def pdfx_problems(pdf) -> list[str]:
    """What a PDF (open in pikepdf) lacks of the PDF/X-4 requirements ``book.pdf.pdfx`` meets.

    Each requirement of ISO 15930-7 that applies to a black-and-white text interior, read
    back: the header version, the output intent and its grey output profile, TrimBox and
    BleedBox inside the MediaBox, ``/Trapped``, the identification in Info and XMP, the XMP
    version entries, no annotations, no encryption, every font embedded. An empty list: all met.
    """
    import pikepdf

    problems: list[str] = []
    if pdf.pdf_version != "1.6":
        problems.append(f"the PDF version is {pdf.pdf_version}, not 1.6")
    if pdf.is_encrypted:
        problems.append("the PDF is encrypted")
    intents = [i for i in pdf.Root.get("/OutputIntents", []) if i.get("/S") == "/GTS_PDFX"]
    if len(intents) != 1:
        problems.append(f"{len(intents)} PDF/X output intents (/GTS_PDFX), not one")
    else:
        intent = intents[0]
        if not str(intent.get("/OutputConditionIdentifier", "")):
            problems.append("the output intent has no OutputConditionIdentifier")
        profile = intent.get("/DestOutputProfile")
        data = profile.read_bytes() if isinstance(profile, pikepdf.Stream) else b""
        if len(data) < 128 or data[12:16] != b"prtr" or data[36:40] != b"acsp":
            problems.append("the output intent's DestOutputProfile is not an ICC output (prtr) profile")
        elif int(profile.get("/N", 0)) != {b"GRAY": 1, b"CMYK": 4, b"RGB ": 3}.get(bytes(data[16:20]), -1):
            problems.append("the output profile's /N does not match its colour space")
    for number, page in enumerate(pdf.pages, 1):
        media = [float(v) for v in page.mediabox]
        boxes = {name: [float(v) for v in page.obj[name]] for name in ("/TrimBox", "/BleedBox") if name in page.obj}
        if "/TrimBox" not in boxes:
            problems.append(f"page {number} has no TrimBox")
        for name, box in boxes.items():
            if box[0] < media[0] - 0.01 or box[1] < media[1] - 0.01 or box[2] > media[2] + 0.01 \
                    or box[3] > media[3] + 0.01:
                problems.append(f"page {number}'s {name[1:]} is outside its MediaBox")
        if "/TrimBox" in boxes and "/BleedBox" in boxes:
            trim, bleed = boxes["/TrimBox"], boxes["/BleedBox"]
            if trim[0] < bleed[0] - 0.01 or trim[1] < bleed[1] - 0.01 or trim[2] > bleed[2] + 0.01 \
                    or trim[3] > bleed[3] + 0.01:
                problems.append(f"page {number}'s TrimBox is outside its BleedBox")
        if len(page.obj.get("/Annots", [])):
            problems.append(f"page {number} has annotations inside the trim")
    info = pdf.docinfo
    if str(info.get("/GTS_PDFXVersion", "")) != "PDF/X-4":
        problems.append("the document information has no GTS_PDFXVersion PDF/X-4")
    if info.get("/Trapped") not in ("/True", "/False"):
        problems.append("the document information's /Trapped is neither /True nor /False")
    if not str(info.get("/Title", "")):
        problems.append("the document information has no Title")
    meta = pdf.open_metadata()
    expected = {"pdfxid:GTS_PDFXVersion": "PDF/X-4", "xmpMM:RenditionClass": "default"}
    for key, value in expected.items():
        if meta.get(key) != value:
            problems.append(f"the XMP's {key} is {meta.get(key)!r}, not {value!r}")
    for key in ("xmpMM:VersionID", "xmpMM:DocumentID", "xmp:CreateDate", "xmp:ModifyDate", "dc:title"):
        if not meta.get(key):
            problems.append(f"the XMP has no {key}")
    trapped = info.get("/Trapped")
    if trapped is not None and meta.get("pdf:Trapped") != str(trapped).lstrip("/"):
        problems.append("the XMP's pdf:Trapped disagrees with the document information")
    for name in sorted(unembedded_fonts(pdf)):
        problems.append(f"font {name} is not embedded")
    return problems


def check_pdfx(pdf_path: Path, report: Report) -> None:
    """E727: the PDF read back lacks a PDF/X-4 requirement (each one named)."""
    require_pikepdf()
    import pikepdf

    with pikepdf.open(pdf_path) as pdf:
        for problem in pdfx_problems(pdf):
            report.error("E727", f"not PDF/X-4: {problem}", pdf_path)
