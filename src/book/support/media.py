"""Media types of the files a book may carry, decided once for the check stage and the outputs."""

from __future__ import annotations

from pathlib import Path

# Images an EPUB 3 reading system must support (core media types); Typst reads them too.
IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
               ".svg": "image/svg+xml", ".webp": "image/webp"}
# A cover is a raster image the stores accept.
COVER_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


def image_type(path: Path | str) -> str | None:
    """The media type of an image file by its suffix, or None when books cannot carry it."""
    return IMAGE_TYPES.get(Path(path).suffix.lower())


def cover_type(path: Path | str) -> str | None:
    """The media type of a cover image, or None when the stores do not take it."""
    return COVER_TYPES.get(Path(path).suffix.lower())
