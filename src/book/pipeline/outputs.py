"""The registry of outputs: the pipeline loops over it, and ``book build`` offers its names.

Each output package declares an :class:`~book.render.output.Output`; adding an output
means one new package and one line here.
"""

from __future__ import annotations

from book.docx import OUTPUT as DOCX
from book.epub import OUTPUT as EPUB
from book.pdf import COVER
from book.pdf import OUTPUT as PDF
from book.render.output import Output

OUTPUTS: dict[str, Output] = {output.name: output for output in (EPUB, PDF, COVER, DOCX)}
