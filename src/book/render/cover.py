"""The cover image: the editor's file, or a typographic cover set with Typst.

The generated cover is 1600 x 2560 px, the size the stores ask for, so a book
is complete and valid even before a designer has made its cover.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from book.manuscript.styles import Styles
from book.model import Manuscript
from book.render.credits import credit_line
from book.support.diagnostics import BookError
from book.support.files import InputRefused, input_digest, walk_inputs
from book.support.media import cover_type
from book.support.reproducible import ByteStore

COVER_PPI = 256  # 6.25 in x 10 in page -> 1600 x 2560 px


@dataclass(frozen=True)
class CoverImage:
    data: bytes
    media_type: str
    file_name: str
    alt: str


def cover_image(manuscript: Manuscript, store: ByteStore | None = None) -> CoverImage:
    """The editor's cover file, or the typographic cover (kept in ``store`` by what it is made from)."""
    config = manuscript.config
    if config.cover is not None:
        path = manuscript.root / config.cover.image
        media = cover_type(path)          # the check stage refused any other type (E233)
        assert media is not None
        return CoverImage(path.read_bytes(), media, "images/cover" + (".png" if media == "image/png" else ".jpg"),
                          config.cover.alt)
    return CoverImage(_typographic_png(manuscript, store), "image/png", "images/cover.png",
                      alt=typographic_cover_alt(manuscript))


def _typographic_png(manuscript: Manuscript, store: ByteStore | None) -> bytes:
    """The typographic cover as PNG, from ``store`` when the template folder and the words are unchanged.

    A stored cover is used only if it is a PNG whose SHA-256 matches the one stored beside it."""
    if store is None:
        return render_typographic_cover(manuscript, "png")
    template = Styles.of(manuscript).find("cover.typ")
    files, refused = walk_inputs(template.parent)
    if refused:
        return render_typographic_cover(manuscript, "png")
    digest = hashlib.sha256()
    try:
        for path in files:
            digest.update(f"{path.relative_to(template.parent)}\x00{input_digest(path, template.parent)}\x00".encode())
    except (InputRefused, ValueError):
        return render_typographic_cover(manuscript, "png")
    key = store.key("cover", json.dumps(_cover_inputs(manuscript), sort_keys=True), str(COVER_PPI), digest.hexdigest())
    found = store.get_bytes("cover", key)
    if found is not None and found[:8] == b"\x89PNG\r\n\x1a\n" and len(found) > 40:
        data, check = found[:-32], found[-32:]
        if hashlib.sha256(data).digest() == check:
            return data
    data = render_typographic_cover(manuscript, "png")
    store.put_bytes("cover", key, data + hashlib.sha256(data).digest())
    return data


def _cover_inputs(manuscript: Manuscript) -> dict[str, str]:
    config = manuscript.config
    return {"title": config.title, "subtitle": config.subtitle or "", "credit": credit_line(manuscript),
            "lang": config.language.split("-")[0]}


def typographic_cover_alt(manuscript: Manuscript) -> str:
    config = manuscript.config
    credit = credit_line(manuscript)
    return (f"Cover: {config.title}" + (f", {config.subtitle}" if config.subtitle else "")
            + (f". {credit}." if credit else "."))


def render_typographic_cover(manuscript: Manuscript, fmt: str = "png") -> bytes:
    """``styles/cover.typ`` as PNG (1600 x 2560 px, for the EPUB and stores) or SVG (for the PDF)."""
    import typst

    template = Styles.of(manuscript).find("cover.typ")
    inputs = _cover_inputs(manuscript)
    try:
        compiler = typst.Compiler(str(template), root=str(template.parent), ignore_system_fonts=True,
                                  sys_inputs=inputs)
        data = compiler.compile(format=fmt, ppi=COVER_PPI if fmt == "png" else None)
    except Exception as exc:  # typst raises TypstError; show its message, not a traceback
        raise BookError(f"cover template failed: {getattr(exc, 'message', exc)}", "E504",
                        path=template) from None
    return data[0] if isinstance(data, list) else data
