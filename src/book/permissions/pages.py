"""On which printed page each passage starts, read from the built PDF.

The PDF's text is read page by page with PDFium (pypdfium2: ten times faster than
pypdf on a 350-page book) and folded to letters and digits
only (NFKC, lower case), so ligatures, hyphenation at line ends, justified spacing
and typographic quotes do not matter. Each passage, as the book prints it, is folded
the same way and its opening looked for in book order, from where the previous
passage was found; the page it starts on gives the page's label (the printed folio:
``iii``, ``23``). A passage that cannot be found (a PDF older than the manuscript)
has no page, and a warning says so.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from book.permissions.passages import Passage
from book.support.diagnostics import BookError, Report

PROBES = (80, 32)    # folded characters of the passage's opening to look for: long first, then short


def fold(text: str) -> str:
    """Letters and digits only, lower case, compatibility-normalised (``ﬁ`` -> ``fi``)."""
    return "".join(c for c in unicodedata.normalize("NFKC", text).casefold() if c.isalnum())


def read_pages(pdf: Path) -> tuple[list[str], list[str]]:
    """Each page's folded text (PDFium, through pypdfium2) and its label (pikepdf)."""
    import pikepdf
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(pdf)
        try:
            texts = [fold(document[index].get_textpage().get_text_range()) for index in range(len(document))]
        finally:
            document.close()
        with pikepdf.open(pdf) as opened:
            labels = [page.label for page in opened.pages]
    except (pypdfium2.PdfiumError, pikepdf.PdfError, OSError, ValueError) as exc:
        raise BookError(f"cannot read the PDF for its page numbers: {exc} (rebuild it with `book build pdf`, "
                        "or leave out --pdf)", "E903", path=pdf) from None
    return texts, labels


def find_pages(passages: Sequence[Passage], pdf: Path, report: Report) -> dict[int, str]:
    """Passage number -> the label of the page where it starts; warns (E902) for each one not found."""
    texts, labels = read_pages(pdf)
    stream = "".join(texts)
    starts = []
    offset = 0
    for text in texts:
        starts.append(offset)
        offset += len(text)
    found: dict[int, str] = {}
    position = 0
    for passage in passages:
        folded = fold(passage.printed)
        at = -1
        # in book order first (a passage quoted twice is found where this one stands), then anywhere
        for start, size in [(position, size) for size in PROBES] + [(0, size) for size in PROBES]:
            probe = folded[:size]
            at = stream.find(probe, start) if probe else -1
            if at >= 0:
                break
        if at < 0:
            report.warning("E902", f"passage {passage.number} ({passage.source}#{passage.unit}) is not in {pdf.name}: "
                           "its page is left empty (rebuild the PDF with `book build pdf`)",
                           passage.excerpt.path, passage.excerpt.line)
            continue
        page = bisect.bisect_right(starts, at) - 1
        found[passage.number] = labels[page] if page < len(labels) else str(page + 1)
        position = at + 1
    return found
