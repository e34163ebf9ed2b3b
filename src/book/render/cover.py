"""The cover image: the editor's file, or a typographic cover set with Typst.

The generated cover is 1600 x 2560 px, the size the stores ask for, so a book
is complete and valid even before a designer has made its cover.
"""

from __future__ import annotations

from dataclasses import dataclass

from book.manuscript.styles import Styles
from book.model import Manuscript
from book.render.credits import credit_line
from book.support.diagnostics import BookError
from book.support.media import cover_type

COVER_PPI = 256  # 6.25 in x 10 in page -> 1600 x 2560 px


@dataclass(frozen=True)
class CoverImage:
    data: bytes
    media_type: str
    file_name: str
    alt: str


def cover_image(manuscript: Manuscript) -> CoverImage:
    config = manuscript.config
    if config.cover is not None:
        path = manuscript.root / config.cover.image
        media = cover_type(path)          # the check stage refused any other type (E233)
        assert media is not None
        return CoverImage(path.read_bytes(), media, "images/cover" + (".png" if media == "image/png" else ".jpg"),
                          config.cover.alt)
    return CoverImage(render_typographic_cover(manuscript, "png"), "image/png", "images/cover.png",
                      alt=typographic_cover_alt(manuscript))


def typographic_cover_alt(manuscript: Manuscript) -> str:
    config = manuscript.config
    credit = credit_line(manuscript)
    return (f"Cover: {config.title}" + (f", {config.subtitle}" if config.subtitle else "")
            + (f". {credit}." if credit else "."))


def render_typographic_cover(manuscript: Manuscript, fmt: str = "png") -> bytes:
    """``styles/cover.typ`` as PNG (1600 x 2560 px, for the EPUB and stores) or SVG (for the PDF)."""
    import typst

    template = Styles.of(manuscript).find("cover.typ")
    config = manuscript.config
    inputs = {"title": config.title, "subtitle": config.subtitle or "", "credit": credit_line(manuscript),
              "lang": config.language.split("-")[0]}
    try:
        compiler = typst.Compiler(str(template), root=str(template.parent), ignore_system_fonts=True,
                                  sys_inputs=inputs)
        data = compiler.compile(format=fmt, ppi=COVER_PPI if fmt == "png" else None)
    except Exception as exc:  # typst raises TypstError; show its message, not a traceback
        raise BookError(f"cover template failed: {getattr(exc, 'message', exc)}", "E504",
                        path=template) from None
    return data[0] if isinstance(data, list) else data
