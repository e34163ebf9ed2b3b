"""``book permissions log``: one row per passage in book order, with pages from the PDF and totals."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from .conftest import run

LEDGER = """\
rights:
  status: permission
  holder: Quiet Garden Press
  contact: rights@quietgarden.example
  requested_on: 2025-11-01
  granted_on: 2025-12-01
  fee: 40
  currency: GBP
  scope: {formats: [print, ebook], territory: world, languages: [en], print_run: 1500}
  credit: Reprinted by permission of Quiet Garden Press.
  credit_with_excerpt: true
  decision: Three short passages; the whole letter is the subject of the chapter.
  writers:
    Bartholomew: {status: refused, note: Wrote back to say no.}
units:
  c1: {role: a gardener}
  post: {role: the blog's author}
voices:
  - {unit: post, start: "Winifred writes:", end: "What am I doing wrong?", author: Winifred, role: a reader}
"""


def read_csv(data: str) -> tuple[list[list[str]], list[list[str]], list[list[str]]]:
    """The three tables of the CSV: passages, totals per source, totals per rights holder."""
    rows = list(csv.reader(io.StringIO(data)))
    first = rows.index([])
    second = rows.index([], first + 1)
    return rows[:first], rows[first + 2:second], rows[second + 2:]


@pytest.fixture(scope="module")
def sample_log(sample_built) -> tuple[Path, Path, str]:
    manuscript, pdf = sample_built
    result = run("permissions", "log", "-q", "-m", manuscript, "--out-dir", pdf.parent)
    assert result.exit_code == 0, result.stderr
    path = Path(result.stdout.strip())
    assert path == pdf.parent / "safe-enough-to-need-permissions-log.csv"
    return manuscript, pdf, path.read_text(encoding="utf-8-sig")


def test_one_row_per_excerpt_in_book_order(sample_log):
    manuscript, _, data = sample_log
    from book.manuscript import load_manuscript
    from book.support.diagnostics import Report

    book = load_manuscript(manuscript, Report())
    rows, _, _ = read_csv(data)
    header, body = rows[0], rows[1:]
    assert len(body) == len(book.excerpts) == 65
    col = {name: header.index(name) for name in header}
    assert [(r[col["Source"]], r[col["Unit"]]) for r in body] == [(e.source, e.unit) for e in book.excerpts]
    assert [int(r[col["No."]]) for r in body] == list(range(1, 66))
    chapters = [int(r[col["Chapter"]]) for r in body]
    assert chapters == sorted(chapters) and set(chapters) == set(range(1, 9))


def test_pages_are_where_the_pdf_prints_each_passage(sample_log):
    """Checked against the PDF independently: the page with that label holds the passage's opening words."""
    manuscript, pdf, data = sample_log
    rows, _, _ = read_csv(data)
    col = {name: rows[0].index(name) for name in rows[0]}
    reader = PdfReader(pdf)
    labels = list(reader.page_labels)
    pdftotext = shutil.which("pdftotext")
    from book.context import BuildContext
    from book.permissions import read_book

    _, passages = read_book(BuildContext(manuscript_dir=manuscript, out_dir=pdf.parent), lambda _m: None)
    pages = [r[col["Page"]] for r in rows[1:]]
    assert all(pages), "every passage of a freshly built PDF has its page"
    numbers = [labels.index(p) for p in pages]
    assert numbers == sorted(numbers)                        # book order is page order
    for passage, index in zip(passages, numbers, strict=True):
        if pdftotext:
            text = subprocess.run([pdftotext, "-f", str(index + 1), "-l", str(index + 2), str(pdf), "-"],
                                  capture_output=True, text=True, check=True).stdout
        else:
            text = reader.pages[index].extract_text() + reader.pages[index + 1].extract_text()
        squashed = "".join(c for c in text.casefold() if c.isalnum())
        opening = "".join(c for c in passage.printed.casefold() if c.isalnum())[:24]
        assert opening in squashed, (passage.number, passage.printed[:60], labels[index])


def test_totals_match_book_stats(sample_log):
    manuscript, _, data = sample_log
    rows, per_source, per_holder = read_csv(data)
    stats = json.loads(run("stats", "--json", "-m", manuscript).stdout)
    quoted = {s["id"]: s["quoted_words"] for s in stats["sources"] if s["quoted_words"]}
    header = per_source[0]
    assert {r[0]: int(r[header.index("Words quoted")]) for r in per_source[1:]} == quoted
    words = rows[0].index("Words")
    assert sum(int(r[words]) for r in rows[1:]) == stats["totals"]["quotation_words"]
    holders = per_holder[0]
    assert sum(int(r[holders.index("Words quoted")]) for r in per_holder[1:]) == stats["totals"]["quotation_words"]
    names = [r[0] for r in per_holder[1:]]
    assert "Cynthia" in names and "Cindy" not in names        # privacy.aliases: one person, one holder
    assert "Anonymous (commenting on Healing A Damaged Self)" in names


def test_writers_as_printed_and_as_written(sample_log):
    _, _, data = sample_log
    rows, _, _ = read_csv(data)
    col = {name: rows[0].index(name) for name in rows[0]}
    cynthia = next(r for r in rows[1:] if r[col["Writer (as written)"]] == "Cynthia")
    assert (cynthia[col["Writer (as printed)"]], cynthia[col["Privacy"]]) == ("C.", "initials")
    smith = next(r for r in rows[1:] if r[col["Writer (as written)"]] == "Jeffrey Smith")
    assert (smith[col["Writer (as printed)"]], smith[col["Privacy"]]) == ("Jeffrey Smith", "as written")


def test_xlsx_has_the_same_rows_a_header_frozen_panes_and_widths(sample_log, tmp_path):
    manuscript, pdf, data = sample_log
    out = tmp_path / "log.xlsx"
    result = run("permissions", "log", "-q", "-m", manuscript, "--out-dir", pdf.parent, "-o", out)
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Log", "Sources", "Rights holders"]
    sheet = book["Log"]
    rows, per_source, per_holder = read_csv(data)
    cells = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    assert cells == rows
    assert sheet.freeze_panes == "B2" and all(cell.font.bold for cell in sheet[1])
    assert all(sheet.column_dimensions[c].width >= 5 for c in "ABCDEFGHIJ")
    assert sheet.column_dimensions["C"].width >= 25           # a chapter title can be read
    assert book["Sources"].max_row == len(per_source) and book["Rights holders"].max_row == len(per_holder)
    again = tmp_path / "again.xlsx"
    run("permissions", "log", "-q", "-m", manuscript, "--out-dir", pdf.parent, "-o", again)
    assert again.read_bytes() == out.read_bytes()              # reproducible


def test_the_ledger_reaches_the_log(small):
    (small / "sources" / "garden-letters.edits.yaml").write_text(LEDGER)
    result = run("permissions", "log", "-q", "-m", small, "-o", "-")
    assert result.exit_code == 0, result.stderr
    rows, per_source, per_holder = read_csv(result.stdout)
    col = {name: rows[0].index(name) for name in rows[0]}
    post, comment, letter = rows[1], rows[2], rows[3]   # a reader's letter, a comment, the author's reply
    assert post[col["Page"]] == ""                             # no PDF built: the page is left empty
    assert (post[col["Rights holder"]], post[col["Status"]], post[col["Fee"]], post[col["Currency"]]) == \
        ("Winifred", "permission", "", "")                     # a reader's letter: hers, under the source's status
    assert (letter[col["Rights holder"]], letter[col["Status"]], letter[col["Fee"]]) == \
        ("Quiet Garden Press", "permission", "40")
    assert letter[col["Scope"]] == "print, ebook; world; en; 1,500 copies"
    assert letter[col["Credit line"]] == "Reprinted by permission of Quiet Garden Press."
    assert letter[col["Decision"]].startswith("Three short passages") and letter[col["Over thresholds"]] == "yes"
    assert (letter[col["Requested on"]], letter[col["Granted on"]]) == ("2025-11-01", "2025-12-01")
    assert (comment[col["Writer (as written)"]], comment[col["Writer (as printed)"]]) == ("Bartholomew", "B.")
    assert (comment[col["Rights holder"]], comment[col["Status"]]) == ("Bartholomew", "refused")
    fees = {r[0]: r[per_holder[0].index("Fees")] for r in per_holder[1:]}
    assert fees["Quiet Garden Press"] == "40 GBP"


def test_the_credit_line_is_printed_next_to_the_excerpt_and_in_the_appendix(small, tmp_path):
    (small / "sources" / "garden-letters.edits.yaml").write_text(LEDGER)
    out = tmp_path / "book.epub"
    assert run("build", "epub", "-q", "-m", small, "-o", out).exit_code == 0
    import zipfile

    with zipfile.ZipFile(out) as epub:
        text = {n: epub.read(n).decode() for n in epub.namelist() if n.endswith(".xhtml")}
    from lxml import etree

    credit = "Reprinted by permission of Quiet Garden Press."
    attributions = []
    for name, xhtml in text.items():
        if "ch01" in name or "ch02" in name:
            tree = etree.fromstring(xhtml.encode())
            attributions += ["".join(div.itertext()) for div in tree.iter("{*}div") if "attribution" in div.get("class", "")]
    # the holder's entry covers the blog's own reply (c2), not the reader's letter nor the comment
    with_credit = [a for a in attributions if credit in a]
    assert len(attributions) == 3 and len(with_credit) == 1 and "Rosa Field" in with_credit[0]
    appendix = next(t for t in text.values() if "Sources and Permissions" in t and "Words quoted" in t)
    assert credit in appendix


def test_no_pdf_stale_pdf_and_a_pdf_of_another_book(small, tmp_path, sample_built):
    result = run("permissions", "log", "-m", small, "--out-dir", tmp_path, "-o", tmp_path / "log.csv")
    assert result.exit_code == 0 and "No PDF at" in result.stderr
    # the PDF of another book: every passage is missing from it, each named at its chapter line
    _, other = sample_built
    result = run("permissions", "log", "-m", small, "--pdf", other, "-o", tmp_path / "log.csv")
    assert result.exit_code == 0
    assert result.stderr.count("warning[E902]") == 3 and "01-first.md:" in result.stderr
    # a PDF older than the manuscript
    built = run("build", "pdf", "-q", "-m", small, "--out-dir", tmp_path / "build")
    assert built.exit_code == 0, built.stderr
    chapter = small / "chapters" / "02-second.md"
    chapter.write_text(chapter.read_text().replace("Another letter.", "Another letter, revised."))
    import os
    import time

    later = time.time() + 5
    os.utime(chapter, (later, later))
    result = run("permissions", "log", "-m", small, "--out-dir", tmp_path / "build", "-o", tmp_path / "log.csv")
    assert result.exit_code == 0 and "warning[E901]" in result.stderr and "02-second.md" in result.stderr
    strict = run("permissions", "log", "--strict", "-m", small, "--out-dir", tmp_path / "build",
                 "-o", tmp_path / "strict.csv")
    assert strict.exit_code == 1 and "error[E904]" in strict.stderr and not (tmp_path / "strict.csv").exists()


def test_bad_inputs_fail_cleanly_and_leave_the_earlier_log(small, tmp_path):
    log = tmp_path / "log.csv"
    assert run("permissions", "log", "-q", "-m", small, "-o", log).exit_code == 0
    before = log.read_bytes()
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\nthis is not a PDF")
    result = run("permissions", "log", "-m", small, "--pdf", broken, "-o", log)
    assert result.exit_code == 1 and "error[E903]" in result.stderr and "broken.pdf" in result.stderr
    assert "Traceback" not in result.stderr and log.read_bytes() == before
    (small / "sources" / "garden-letters.edits.yaml").write_text("rights:\n  fee: lots\n")
    result = run("permissions", "log", "-m", small, "-o", log)
    assert result.exit_code == 1 and "garden-letters.edits.yaml:2: error[S130]" in result.stderr
    assert log.read_bytes() == before
    (small / "sources" / "garden-letters.edits.yaml").write_text("rights: {status: quotation}\n")
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    result = run("permissions", "log", "-m", small, "-o", blocked / "log.csv")
    assert result.exit_code == 1 and "error[E509]" in result.stderr and "Traceback" not in result.stderr
    result = run("permissions", "log", "-m", small, "-o", "-", "--format", "xlsx")
    assert result.exit_code == 2 and "stdout" in result.stderr
    result = run("permissions", "log", "-m", small, "-o", tmp_path / "log.csv", "--format", "xlsx")
    assert result.exit_code == 2 and "not a .xlsx file" in result.stderr
