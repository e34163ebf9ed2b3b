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


def image_alone(data: bytes, media: str | None) -> bytes:
    """A raster image's bytes up to the end of its image: what a file carries after it (a video a phone
    appended to a photo, the script of a file made to be read as an image and as a web page too) never
    goes into a book. The image itself is unchanged; a file whose structure cannot be walked (the check
    decoded it already) is returned as it is."""
    end = {"image/png": _png_end, "image/gif": _gif_end, "image/jpeg": _jpeg_end, "image/webp": _webp_end}.get(media or "")
    try:
        found = end(data) if end is not None else None
    except (IndexError, ValueError):
        found = None
    return data[:found] if found is not None and 0 < found < len(data) else data


def _png_end(data: bytes) -> int | None:
    at = 8
    while at + 12 <= len(data):
        length = int.from_bytes(data[at:at + 4], "big")
        kind, at = data[at + 4:at + 8], at + 12 + length
        if kind == b"IEND":
            return at
    return None


def _gif_end(data: bytes) -> int | None:
    flags, at = data[10], 13
    at += 3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0           # the global colour table
    while at < len(data):
        block = data[at]
        if block == 0x3B:                                             # the trailer
            return at + 1
        if block == 0x21:                                             # an extension: label, then sub-blocks
            at += 2
        elif block == 0x2C:                                           # an image: descriptor, local table, LZW size
            local = data[at + 9]
            at += 10 + (3 * 2 ** ((local & 7) + 1) if local & 0x80 else 0) + 1
        else:
            return None
        while data[at] != 0:
            at += data[at] + 1
        at += 1
    return None


def _jpeg_end(data: bytes) -> int | None:
    at = 2
    while at + 1 < len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker == 0xFF:                                            # fill byte
            at += 1
        elif marker == 0xD9:                                          # end of image
            return at + 2
        elif 0xD0 <= marker <= 0xD7 or marker == 0x01:
            at += 2
        else:
            at += 2 + int.from_bytes(data[at + 2:at + 4], "big")
            if marker == 0xDA:                                        # a scan: entropy-coded data to the next marker
                while at + 1 < len(data) and not (data[at] == 0xFF and data[at + 1] not in (0x00, *range(0xD0, 0xD8))):
                    at += 1
    return None


def _webp_end(data: bytes) -> int | None:
    if data[:4] != b"RIFF":
        return None
    size = int.from_bytes(data[4:8], "little")
    return 8 + size + (size & 1)
