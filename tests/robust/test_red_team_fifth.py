"""Kinds a fifth red-team round found (edits files, the permissions ledger, print settings, the commands
the earlier rounds touched least): each is data or the tool's own one-line error, never code or a traceback."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

_HOSTILE = {"holder": "=HYPERLINK(\"https://evil.example\",\"x\")", "contact": "+1-555|cmd", "credit": "@SUM(1+1)"}


def _ledger(minimal: Path) -> None:
    edits = minimal / "sources" / "garden-letters.edits.yaml"
    entries = ", ".join(f"{key}: '{value}'" for key, value in _HOSTILE.items())
    edits.write_text(f"rights: {{status: permission, granted_on: 2026-01-01, {entries}}}\n", encoding="utf-8")


def test_a_ledger_cell_a_spreadsheet_would_run_is_written_as_text_in_the_csv(minimal, cli):
    _ledger(minimal)
    out = minimal / "build" / "log.csv"
    result = cli("permissions", "log", "-m", str(minimal), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    cells = [cell for row in csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"))) for cell in row]
    for value in _HOSTILE.values():
        assert value not in cells and "'" + value in cells
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)


def test_a_ledger_cell_a_spreadsheet_would_run_is_a_text_cell_in_the_xlsx(minimal, cli):
    from openpyxl import load_workbook

    _ledger(minimal)
    out = minimal / "build" / "log.xlsx"
    result = cli("permissions", "log", "-m", str(minimal), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    cells = [cell for sheet in load_workbook(out) for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    shown = {cell.value for cell in cells}
    assert set(_HOSTILE.values()) <= shown
    assert all(cell.quotePrefix for cell in cells if cell.value in _HOSTILE.values())
