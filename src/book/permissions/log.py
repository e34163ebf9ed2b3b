"""``book permissions log``: the permissions log a publisher asks for, as CSV or XLSX.

One row per quoted passage in book order, then the totals per source and per rights
holder. The words are counted as ``book stats`` counts them, so the totals match it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from book.editorial.stats import compute
from book.model import Manuscript
from book.permissions.passages import Passage
from book.support.reproducible import reproducible_office_file

COLUMNS = (
    ("No.", 5), ("Chapter", 8), ("Chapter title", 30), ("Page", 6), ("Words", 7), ("Source", 24),
    ("Source title", 30), ("Unit", 6), ("Writer (as printed)", 18), ("Writer (as written)", 18), ("Privacy", 12),
    ("Rights holder", 24), ("Status", 12), ("Requested on", 12), ("Granted on", 12), ("Fee", 9), ("Currency", 9),
    ("Scope", 28), ("Credit line", 40), ("Over thresholds", 10), ("Decision", 40), ("Contact", 28),
)
SOURCE_COLUMNS = ("Source", "Source title", "Excerpts", "Words quoted", "Words in source", "Share", "Over thresholds",
                  "Status", "Decision")
HOLDER_COLUMNS = ("Rights holder", "Sources", "Excerpts", "Words quoted", "Status", "Fees")
# A cell's text that a spreadsheet program would read as a formula (or a DDE call) when it opens the file:
# names, credit lines and contacts come from captured pages and edits files, so they are data, never code.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


@dataclass(frozen=True)
class Log:
    """The log's three tables: passages, totals per source, totals per rights holder."""

    rows: list[list[Any]]
    sources: list[list[Any]]
    holders: list[list[Any]]


def make_log(manuscript: Manuscript, passages: Sequence[Passage], pages: dict[int, str]) -> Log:
    mode = manuscript.config.privacy.commenters
    rows = []
    for p in passages:
        rights = p.entry.rights
        privacy = "as written" if p.writer_printed == p.writer else mode
        rows.append([
            p.number, p.chapter.number, p.chapter_title, pages.get(p.number, ""), p.words, p.source,
            manuscript.sources[p.source].title or "", p.unit, p.writer_printed or "", p.writer or "", privacy,
            p.entry.holder, rights.status, rights.requested_on or "", rights.granted_on or "",
            rights.fee if rights.fee is not None else "", rights.currency or "", rights.scope.describe(),
            rights.credit or "", "yes" if p.over_thresholds else "", rights.decision or "", rights.contact or "",
        ])
    figures = {s["id"]: s for s in compute(manuscript)["sources"]}
    sources = []
    for source_id in dict.fromkeys(p.source for p in passages):
        mine = [p for p in passages if p.source == source_id]
        stats, rights = figures[source_id], manuscript.sources[source_id].rights
        sources.append([source_id, stats["title"] or "", len(mine), sum(p.words for p in mine), stats["words"],
                        stats["share"], "yes" if stats["flagged"] else "", rights.status, rights.decision or ""])
    holders = []
    for holder in dict.fromkeys(p.entry.holder for p in passages):
        mine = [p for p in passages if p.entry.holder == holder]
        fees: dict[str, Decimal] = {}
        for entry in {p.entry.key: p.entry for p in mine}.values():   # a fee once per entry, not per excerpt
            if entry.rights.fee:
                fees[entry.rights.currency or ""] = fees.get(entry.rights.currency or "", Decimal(0)) + entry.rights.fee
        holders.append([holder, ", ".join(dict.fromkeys(p.source for p in mine)), len(mine), sum(p.words for p in mine),
                        ", ".join(dict.fromkeys(p.entry.rights.status for p in mine)),
                        ", ".join(f"{amount} {currency}" for currency, amount in sorted(fees.items()))])
    return Log(rows, sources, holders)


def as_text(value: Any) -> Any:
    """A text cell a spreadsheet would evaluate (``=HYPERLINK(…)``, ``@SUM(…)``, ``+cmd|…``) gets a leading
    apostrophe, as OWASP advises against CSV injection, so it is shown as written and never run."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _text_rows(rows: Sequence[Sequence[Any]]) -> list[list[Any]]:
    return [[as_text(value) for value in row] for row in rows]


def to_csv(log: Log) -> bytes:
    """The passages, a blank line, the totals per source, a blank line, the totals per rights holder."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([name for name, _ in COLUMNS])
    writer.writerows(_text_rows(log.rows))
    writer.writerow([])
    writer.writerow(["Totals per source"])
    writer.writerow(SOURCE_COLUMNS)
    writer.writerows(_text_rows(log.sources))
    writer.writerow([])
    writer.writerow(["Totals per rights holder"])
    writer.writerow(HOLDER_COLUMNS)
    writer.writerows(_text_rows(log.holders))
    return out.getvalue().encode("utf-8-sig")   # with a BOM, so spreadsheet programs read UTF-8


def to_xlsx(log: Log, title: str, when) -> bytes:
    """Three sheets (Log, Sources, Rights holders), each with a bold header row, frozen panes and column widths."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheets = [("Log", [name for name, _ in COLUMNS], log.rows, [width for _, width in COLUMNS]),
              ("Sources", list(SOURCE_COLUMNS), log.sources, [24, 30, 9, 12, 14, 8, 10, 12, 40]),
              ("Rights holders", list(HOLDER_COLUMNS), log.holders, [30, 40, 9, 12, 20, 16])]
    for index, (name, header, rows, widths) in enumerate(sheets):
        sheet = book.active if index == 0 else book.create_sheet()
        sheet.title = name
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for column, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(column)].width = width
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                if isinstance(cell.value, str):
                    cell.data_type = "s"   # openpyxl stores text starting with '=' as a formula: text stays text
                    cell.quotePrefix = cell.value.startswith(FORMULA_STARTS)   # and stays text when edited
        sheet.freeze_panes = "B2" if name == "Log" else "A2"   # the header row (and the row number) stay in view
        sheet.auto_filter.ref = sheet.dimensions
        if name == "Sources":
            for (cell,) in sheet.iter_rows(min_row=2, min_col=6, max_col=6):
                cell.number_format = "0.0%"
    book.properties.title = f"Permissions log: {title}"
    book.properties.creator = "book"
    book.properties.created = book.properties.modified = when.replace(tzinfo=None)
    out = io.BytesIO()
    book.save(out)
    return reproducible_office_file(out.getvalue(), when)
