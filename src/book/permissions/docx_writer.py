"""A letter's pandoc AST written as DOCX with python-docx.

Covers what the letter template uses: headings, paragraphs, line blocks, block
quotes, bullet and task lists, divs (``sender`` and ``date`` right-aligned, the
``reply-form`` boxed as a one-cell table), emphasis, strong, links (their text and
address), and the marked spans: ``passage`` (highlighted) and ``context`` (grey
italic). The bytes are reproducible: the document's dates and the zip entries carry
the build time.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.shared import Pt, RGBColor

from book.support.reproducible import reproducible_office_file

GREY = RGBColor(0x6E, 0x6E, 0x6E)


def write_docx(ast: dict, title: str, when: dt.datetime) -> bytes:
    document = Document()
    styles = document.styles
    styles["Normal"].font.name = "Georgia"
    styles["Normal"].font.size = Pt(11)
    writer = _Writer(document)
    for block in ast["blocks"]:
        writer.block(block, container=document)
    properties = document.core_properties
    properties.title, properties.author = title, "book"
    naive = when.replace(tzinfo=None)
    properties.created = properties.modified = naive
    properties.last_printed = naive
    properties.revision = 1
    out = io.BytesIO()
    document.save(out)
    return reproducible_office_file(out.getvalue(), when)


class _Writer:
    def __init__(self, document: Any):
        self.document = document
        self.last: tuple[Any, frozenset[str], Any] | None = None   # paragraph, marks, run: to merge runs

    # blocks ------------------------------------------------------------
    def block(self, block: dict, container: Any, style: str | None = None, align: Any = None,
              quote: bool = False) -> None:
        kind, content = block["t"], block.get("c")
        if kind == "Header":
            level, _attr, inlines = content
            paragraph = container.add_paragraph(style=f"Heading {min(level, 9)}")
            self.inlines(paragraph, inlines)
        elif kind in ("Para", "Plain"):
            paragraph = container.add_paragraph(style="Quote" if quote else style)
            if align is not None:
                paragraph.alignment = align
            self.inlines(paragraph, content)
        elif kind == "LineBlock":
            paragraph = container.add_paragraph(style=style)
            if align is not None:
                paragraph.alignment = align
            for index, line in enumerate(content):
                if index:
                    paragraph.add_run().add_break()
                self.inlines(paragraph, line)
        elif kind == "BlockQuote":
            for inner in content:
                self.block(inner, container, quote=True)
        elif kind in ("BulletList", "OrderedList"):
            items = content if kind == "BulletList" else content[1]
            list_style = "List Bullet" if kind == "BulletList" else "List Number"
            for item in items:
                task = _is_task(item)
                for inner in item:
                    self.block(inner, container, style="Normal" if task else list_style)
        elif kind == "Div":
            (_id, classes, _kv), blocks = content
            if "reply-form" in classes:
                cell = container.add_table(rows=1, cols=1)
                cell.style = "Table Grid"
                target = cell.cell(0, 0)
                target.paragraphs[0].text = ""
                for inner in blocks:
                    self.block(inner, target)
                first = target.paragraphs[0]
                if not first.text and len(target.paragraphs) > 1:
                    first._element.getparent().remove(first._element)
                container.add_paragraph()
                return
            right = WD_ALIGN_PARAGRAPH.RIGHT if {"sender", "date"} & set(classes) else align
            for inner in blocks:
                self.block(inner, container, style=style, align=right, quote=quote)
        elif kind == "HorizontalRule":
            container.add_paragraph("⁂").alignment = WD_ALIGN_PARAGRAPH.CENTER
        # RawBlock, Table, Figure and the rest: the letter template does not use them

    # inlines -----------------------------------------------------------
    def inlines(self, paragraph: Any, inlines: list, marks: frozenset[str] = frozenset()) -> None:
        for item in inlines:
            kind, content = item["t"], item.get("c")
            if kind == "Str":
                self.run(paragraph, content, marks)
            elif kind in ("Space", "SoftBreak"):
                self.run(paragraph, " ", marks)
            elif kind == "LineBreak":
                paragraph.add_run().add_break()
            elif kind in ("Emph", "Strong", "Underline", "Strikeout", "SmallCaps"):
                self.inlines(paragraph, content, marks | {kind})
            elif kind == "Span":
                (_id, classes, _kv), inner = content
                self.inlines(paragraph, inner, marks | {c for c in classes if c in ("passage", "context")})
            elif kind == "Quoted":
                quote_type, inner = content
                opening, closing = ("“", "”") if quote_type["t"] == "DoubleQuote" else ("‘", "’")
                self.run(paragraph, opening, marks)
                self.inlines(paragraph, inner, marks)
                self.run(paragraph, closing, marks)
            elif kind == "Link":
                _attr, inner, (url, _title) = content
                self.inlines(paragraph, inner, marks)
                if url and _text(inner) != url:
                    self.run(paragraph, f" <{url}>", marks)
            elif kind == "Code":
                self.run(paragraph, content[1], marks)

    def run(self, paragraph: Any, text: str, marks: frozenset[str]) -> None:
        if self.last is not None and self.last[0] is paragraph and self.last[1] == marks \
                and paragraph.runs and paragraph.runs[-1]._r is self.last[2]._r:
            self.last[2].text += text     # one run per stretch of the same marks, not one per word
            return
        run = paragraph.add_run(text)
        self.last = (paragraph, marks, run)
        run.italic = bool({"Emph", "context"} & marks) or None
        run.bold = "Strong" in marks or None
        run.underline = "Underline" in marks or None
        if "passage" in marks:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        if "context" in marks:
            run.font.color.rgb = GREY


def _is_task(item: list) -> bool:
    first = item[0] if item else None
    if not first or first["t"] not in ("Plain", "Para") or not first["c"]:
        return False
    head = first["c"][0]
    return head["t"] == "Str" and head["c"] in ("☐", "☒")


def _text(inlines: list) -> str:
    return "".join(i.get("c", " ") if i["t"] == "Str" else " " for i in inlines)
