"""``book proof``: the print edition's pages as PNG files, single and as spreads.

An editor looks at pages and facing pages without a PDF viewer. Pages are
rendered by Typst from the very source that makes the PDF, so a proof shows
exactly what will be printed. Spreads are set by Typst too: verso on the left,
recto on the right, page 1 alone on the right as in a bound book.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from book.model import Manuscript
from book.pdf.compile import compile_typst
from book.pdf.cover_wrap import cover_printer, cover_wrap
from book.pdf.document import blank_pages_at_the_end, typst_source
from book.render.chapters import RenderedBook
from book.support.diagnostics import BookError
from book.support.files import scratch, write_all_atomically
from book.support.reproducible import build_time
from book.support.text import plural

WRAP_PROOF = "cover-wrap.png"   # the paperback's cover wrap, for the page count of this proof
SPREAD_GAP_PT = 0      # verso and recto meet at the spine
SPREAD_MARGIN_PT = 14  # grey surround, so white pages stand out


MAX_PAGE = 99_999     # the pages a range may name: a range is expanded page by page, so it must stay small


def _page_number(text: str) -> bool:
    return text.isascii() and text.isdigit()


def parse_pages(text: str) -> list[int]:
    """``1-8`` or ``1,3,10-12`` as a sorted list of page numbers (1-based, physical)."""
    pages: set[int] = set()
    for part in text.replace(" ", "").split(","):
        if not part:
            continue
        first, dash, last = part.partition("-")
        if not _page_number(first) or (dash and not _page_number(last)):
            raise ValueError(f"'{part}' is not a page or a range like 1-8")
        if len(first) > len(str(MAX_PAGE)) or len(last) > len(str(MAX_PAGE)) or int(last or first) > MAX_PAGE:
            raise ValueError(f"'{part}' runs past page {MAX_PAGE:,}: no book has that many pages")
        start, end = int(first), int(last) if dash else int(first)
        if start < 1 or end < start:
            raise ValueError(f"'{part}' is not a page range: pages start at 1, ranges run forwards")
        pages.update(range(start, end + 1))
    if not pages:
        raise ValueError("no pages given")
    return sorted(pages)


def spreads_for(pages: Iterable[int], count: int) -> list[tuple[int | None, int | None]]:
    """The spreads (verso, recto) that show the given pages; page 1 is a recto on its own."""
    out: list[tuple[int | None, int | None]] = []
    for page in pages:
        left = page if page % 2 == 0 else page - 1
        pair = (left if left >= 1 else None, left + 1 if left + 1 <= count else None)
        if pair not in out:
            out.append(pair)
    return out


def proof_pages(ctx, manuscript: Manuscript, book: RenderedBook, wanted: list[int] | None, *, ppi: float,
                spreads: bool, progress: Callable[[str], None]) -> list[Path]:
    progress("Typesetting the pages with Typst")
    source = typst_source(manuscript, book, with_cover=ctx.with_cover)
    images = compile_typst(source, fmt="png", ppi=ppi)
    if isinstance(images, bytes):
        images = [images]
    count = len(images)
    if wanted is None:
        wanted = list(range(1, count + 1))
    missing = [p for p in wanted if p > count]
    if missing:
        raise BookError(f"the book has {plural(count, 'page')}; there is no page {missing[0]}", "E507")

    out_dir = ctx.out_dir
    files: dict[Path, bytes] = {}     # every image made first, then all written together
    for page in wanted:
        files[out_dir / f"page-{page:03d}.png"] = images[page - 1]
    if spreads:
        width, height = manuscript.config.print.page_size
        for verso, recto in spreads_for(wanted, count):
            files[out_dir / f"spread-{verso or 0:03d}-{recto or 0:03d}.png"] = _spread(images, verso, recto,
                                                                                       width, height, ppi)
    if not ctx.with_cover and cover_printer(manuscript.config) is not None:
        printed = count + blank_pages_at_the_end(count, manuscript.config.print)
        progress(f"Setting the cover wrap for {printed} pages")
        files[out_dir / WRAP_PROOF] = cover_wrap(manuscript, printed, build_time(manuscript.root), fmt="png",
                                                 ppi=ppi)
    progress(f"Writing {len(wanted)} page{'s' * (len(wanted) != 1)} to {out_dir}")
    stale = [old for old in [*out_dir.glob("page-*.png"), *out_dir.glob("spread-*.png"), *out_dir.glob(WRAP_PROOF)]
             if old not in files]
    write_all_atomically(files)       # an interrupt before this leaves the earlier proof as it was
    for old in stale:
        old.unlink(missing_ok=True)
    return list(files)


def _spread(images: list[bytes], verso: int | None, recto: int | None, width: float, height: float,
            ppi: float) -> bytes:
    """Two page images side by side at their true size, on a grey ground."""
    with scratch("book-proof-") as tmp:
        cells = []
        for side, page in (("verso", verso), ("recto", recto)):
            if page is None:
                cells.append(f"box(width: {width}pt, height: {height}pt)")
            else:
                (Path(tmp) / f"{side}.png").write_bytes(images[page - 1])
                cells.append(f'box(stroke: 0.3pt + luma(60%), image("{side}.png", width: {width}pt, '
                             f'alt: "page {page}"))')
        text = (f"#set page(width: auto, height: auto, margin: {SPREAD_MARGIN_PT}pt, fill: luma(82%))\n"
                f"#stack(dir: ltr, spacing: {SPREAD_GAP_PT}pt, {', '.join(cells)})\n")
        import typst

        try:
            png = typst.compile(text.encode("utf-8"), root=tmp, format="png", ppi=ppi,
                                ignore_system_fonts=True)
        except Exception as exc:
            raise BookError(f"could not set a spread: {getattr(exc, 'message', exc)}", "E508") from None
    return png[0] if isinstance(png, list) else png
