"""Make styles/docx/reference.docx: pandoc's default reference document plus the book's styles.

Run from the repository root after changing the styles below, then look at the result in a
word processor before committing it:

    python docs/tools/make_reference_docx.py

Pandoc's DOCX writer takes every style of a reference document; ``book build docx`` uses this
one unless a manuscript has its own ``styles/docx/reference.docx``.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import pypandoc
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor

TARGET = Path(__file__).resolve().parents[2] / "styles" / "docx" / "reference.docx"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        default = Path(folder) / "reference.docx"
        with open(default, "wb") as out:
            subprocess.run([pypandoc.get_pandoc_path(), "--print-default-data-file", "reference.docx"],
                           stdout=out, check=True)
        document = Document(default)
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name, normal.font.size = "Georgia", Pt(11)
    for name in ("Body Text", "First Paragraph"):
        styles[name].font.name, styles[name].font.size = "Georgia", Pt(11)
    quotation = styles.add_style("Verified quotation", WD_STYLE_TYPE.PARAGRAPH)
    quotation.base_style = styles["Body Text"]
    quotation.font.color.rgb = RGBColor(0x1F, 0x3A, 0x68)
    quotation.paragraph_format.left_indent = Pt(28)
    quotation.paragraph_format.right_indent = Pt(28)
    quotation.paragraph_format.space_after = Pt(6)
    attribution = styles.add_style("Attribution", WD_STYLE_TYPE.PARAGRAPH)
    attribution.base_style = styles["Body Text"]
    attribution.font.italic = True
    attribution.font.size = Pt(10)
    attribution.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    attribution.paragraph_format.right_indent = Pt(28)
    document.core_properties.title = "book: reference document for the copy-editing DOCX"
    document.save(TARGET)


if __name__ == "__main__":
    main()
