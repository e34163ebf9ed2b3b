"""Kinds a fifth red-team round found (edits files, the permissions ledger, print settings, the commands
the earlier rounds touched least): each is data or the tool's own one-line error, never code or a traceback."""

from __future__ import annotations

import csv
import io
import subprocess
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


@pytest.mark.parametrize("name", ["book.yaml", "chapters/01-first.md", "sources/garden-letters.yaml", "log.ods"])
def test_the_permissions_log_is_written_only_to_a_csv_or_xlsx_file(minimal, cli, name):
    target = minimal / name
    before = target.read_bytes() if target.exists() else None
    result = cli("permissions", "log", "-m", str(minimal), "-o", str(target))
    assert result.exit_code == 2 and "is not a .csv file" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert (target.read_bytes() if target.exists() else None) == before


@pytest.mark.parametrize("command, name", [(("permissions", "log"), "log.csv"), (("build", "epub"), "book.epub")])
def test_an_output_over_a_named_pipe_is_refused_and_the_pipe_left_as_it_was(minimal, cli, command, name):
    import os
    import stat

    target = minimal / "build" / name
    target.parent.mkdir()
    os.mkfifo(target)
    result = cli(*command, "-m", str(minimal), "-o", str(target))
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert f"{target}: error[E509]: cannot write the output over a named pipe (FIFO)" in result.stderr
    assert stat.S_ISFIFO(target.lstat().st_mode) and not [n for n in os.listdir(target.parent) if n.endswith(".tmp")]


@pytest.mark.parametrize("pages, said", [("1-99999999999", "runs past page 99,999"),
                                         ("9" * 5000, "runs past page 99,999"),
                                         ("100000", "runs past page 99,999"), ("\u0661-\u0662", "is not a page")])
def test_a_proof_range_past_any_book_is_a_usage_error_not_a_memory_error(minimal, cli, pages, said):
    result = cli("proof", "-m", str(minimal), "--pages", pages)
    assert result.exit_code == 2 and said in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and not (minimal / "build").exists()


def _pdf(path: Path, pages: int, password: str | None = None) -> Path:
    import pikepdf

    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page(page_size=(432, 648))
    pdf.save(path, encryption=pikepdf.Encryption(owner=password, user=password) if password else False)
    return path


_FIFO = (lambda path: __import__("os").mkfifo(path), "(a named pipe (FIFO), not a regular file)")
_ZERO = (lambda path: path.symlink_to("/dev/zero"), "(a character device, not a regular file)")
_LOCKED = (lambda path: _pdf(path, 2, password="secret"), "(it is encrypted with a password)")


@pytest.mark.parametrize("option, make, said", [
    ("--pdf", *_FIFO), ("--pdf", *_ZERO), ("--pdf", *_LOCKED),
    ("--pdf", lambda path: _pdf(path, 0), "error[E767]: 0 pages: no page to check"),
    ("--pdf", lambda path: _pdf(path, 3000),
     "error[E767]: 3,000 pages: more than any of the printers binds (828 at most)"),
    ("--cover", *_FIFO), ("--cover", *_ZERO), ("--cover", *_LOCKED),
    ("--cover", lambda path: _pdf(path, 0), "(it has no pages)"),
])
def test_a_pdf_to_preflight_that_blocks_is_locked_or_has_no_sane_page_count_is_an_error_naming_it(
        minimal, cli, tmp_path, option, make, said):
    book = minimal / "book.yaml"
    book.write_text(book.read_text(encoding="utf-8") + "print: {target: kdp}\n", encoding="utf-8")
    good = _pdf(tmp_path / "good.pdf", 24)
    odd = tmp_path / "odd.pdf"
    make(odd)
    others = ["--pdf", str(good)] if option == "--cover" else []
    result = cli("preflight", "-m", str(minimal), *others, option, str(odd))
    assert result.exit_code == 1 and "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert any(line.startswith(f"{odd}: error[E7") and said in line for line in result.stderr.splitlines())


def test_a_new_book_two_thousand_folders_deep_is_made_or_refused_never_a_recursion_error(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    deep = "/".join(["d"] * 2000)
    result = cli("new", deep)
    assert "internal error" not in result.stderr and "RecursionError" not in result.stderr
    made = Path(deep, "manuscript", "book.yaml").is_file()
    subprocess.run(["rm", "-rf", "d"], check=True)   # shutil.rmtree, pytest's clean-up, recurses too
    assert (result.exit_code == 0 and made) or (result.exit_code == 1 and "error[E80" in result.stderr)


def test_an_output_two_thousand_folders_deep_is_written_or_refused_never_a_recursion_error(minimal, cli, tmp_path):
    target = tmp_path.joinpath(*["d"] * 2000, "log.csv")
    result = cli("permissions", "log", "-m", str(minimal), "-o", str(target))
    assert "internal error" not in result.stderr and "RecursionError" not in result.stderr
    made = target.is_file()
    subprocess.run(["rm", "-rf", str(tmp_path / "d")], check=True)
    assert (result.exit_code == 0 and made) or (result.exit_code == 1 and "error[E509]" in result.stderr)


def test_ctrl_c_while_a_command_starts_is_interrupted_with_130_not_aborted(minimal, cli, monkeypatch):
    import book.cli.console as console

    def stopped(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(console.Console, "__init__", stopped)   # the first thing every command makes
    result = cli("stats", "-m", str(minimal))
    assert result.exit_code == 130 and result.stderr.strip() == "interrupted"   # as `run` says it
