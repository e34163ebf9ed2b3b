"""The release's cover file, read back: a PNG or JPEG of the right size (E726).

The EPUB and the PDF are validated by their own stages (:mod:`book.epub.validate`,
:mod:`book.pdf.validate`); ``book release`` runs all three before it publishes.
"""

from __future__ import annotations

from pathlib import Path

from book.support.diagnostics import Report

TYPOGRAPHIC_COVER_PX = (1600, 2560)

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
