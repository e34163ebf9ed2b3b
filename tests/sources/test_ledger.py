"""The permissions ledger in ``rights:`` of an edits file: every field read, every bad entry located."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from book.editorial.ledger import entry_for
from book.model import Scope
from book.sources.store import load_source
from book.support.diagnostics import Report

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "minimal" / "sources"


@pytest.fixture
def source_file(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "sources")
    return tmp_path / "sources" / "garden-letters.yaml"


def load(source_file: Path, edits: str):
    source_file.with_name("garden-letters.edits.yaml").write_text(edits)
    report = Report()
    return load_source(source_file, report), report


def located(report: Report) -> list[tuple[str, int | None]]:
    return [(d.code, d.line) for d in report.items]


FULL = """\
rights:
  status: permission
  holder: Quiet Garden Press
  contact: rights@quietgarden.example
  requested_on: 2026-09-01
  granted_on: 2026-10-02
  granted_by: Dr. Rosa Field
  fee: 75.50
  currency: GBP
  scope: {formats: [print, ebook], territory: world, languages: [en, en-GB], print_run: 2000}
  credit: "© 2020 Rosa Field. Reprinted by permission of Quiet Garden Press."
  credit_with_excerpt: true
  note: Asked by email.
  writers:
    Bartholomew: {status: pending, requested_on: 2026-09-03, contact: bart@example.com}
    Winifred: {status: refused, note: Asked us not to.}
units:
  c1: {role: a gardener}
voices:
  - {unit: post, start: "Winifred writes:", end: "What am I doing wrong?", author: Winifred, role: a reader}
"""


def test_every_field_of_the_ledger_is_read(source_file: Path) -> None:
    source, report = load(source_file, FULL)
    assert source is not None and report.items == []
    rights = source.rights
    assert (rights.status, rights.holder, rights.contact) == ("permission", "Quiet Garden Press",
                                                             "rights@quietgarden.example")
    assert (rights.requested_on, rights.granted_on, rights.granted_by) == ("2026-09-01", "2026-10-02", "Dr. Rosa Field")
    assert (rights.fee, rights.currency) == (Decimal("75.5"), "GBP")
    assert rights.scope == Scope(formats=("print", "ebook"), territory="world", languages=("en", "en-GB"),
                                 print_run=2000)
    assert rights.scope.describe() == "print, ebook; world; en, en-GB; 2,000 copies"
    assert rights.credit.startswith("© 2020") and rights.credit_with_excerpt is True
    assert [name for name, _ in rights.writers] == ["Bartholomew", "Winifred"]
    assert rights.writer("Bartholomew").requested_on == "2026-09-03"
    assert rights.writer("Winifred").status == "refused"


def test_whose_entry_governs_each_writer(source_file: Path) -> None:
    source, _ = load(source_file, FULL)
    author = entry_for(source, "Dr. Rosa Field")
    assert (author.holder, author.rights.status, author.own) == ("Quiet Garden Press", "permission", False)
    bart = entry_for(source, "Bartholomew")
    assert (bart.holder, bart.rights.status, bart.own) == ("Bartholomew", "pending", True)
    # a writer with no entry of their own: the source's status, but they hold their own words
    source, _ = load(source_file, FULL.replace("    Winifred: {status: refused, note: Asked us not to.}\n", ""))
    winifred = entry_for(source, "Winifred")
    assert (winifred.holder, winifred.rights.status, winifred.inherited_from_source) == ("Winifred", "permission", True)
    assert (winifred.rights.fee, winifred.rights.credit, winifred.rights.granted_on) == (None, None, None)
    source, _ = load(source_file, "rights: {status: quotation, holder: Quiet Garden Press}\n")
    assert entry_for(source, "Winifred").rights.status == "quotation"
    assert entry_for(source, "Winifred").holder == "Winifred"


@pytest.mark.parametrize("edits, expected", [
    # closed keys, with a did-you-mean, at the key's line
    ("rights:\n  status: quotation\n  holdr: X\n", [("S103", 3)]),
    ("rights:\n  scope: {formats: [print], teritory: world}\n", [("S103", 2)]),
    ("rights:\n  writers:\n    Bartholomew: {staus: pending}\n", [("S103", 3)]),
    # statuses: unknown, and the two words people use that the ledger spells otherwise
    ("rights:\n  status: grated\n", [("S114", 2)]),
    ("rights:\n  status: requested\n", [("S114", 2)]),
    # dates
    ("rights:\n  requested_on: 1 May 2026\n", [("S108", 2)]),
    ("rights:\n  granted_on: '2026-02-30'\n", [("S108", 2)]),
    # money
    ("rights:\n  fee: £50\n  currency: GBP\n", [("S130", 2)]),
    ("rights:\n  fee: -5\n  currency: GBP\n", [("S130", 2)]),
    ("rights:\n  fee: 50\n", [("S130", 2)]),
    ("rights:\n  fee: 50\n  currency: pounds\n", [("S130", 3)]),
    # scope
    ("rights:\n  scope:\n    formats: [print, ebok]\n", [("S131", 3)]),
    ("rights:\n  scope:\n    languages: [English language]\n", [("S131", 3)]),
    ("rights:\n  scope:\n    print_run: 2.5\n", [("S131", 3)]),
    ("rights:\n  scope: print\n", [("S102", 2)]),
    ("rights:\n  scope:\n    formats: {print: yes}\n", [("S102", 3)]),
    # writers
    ("rights:\n  writers:\n    Bartholemew: {status: pending}\n", [("S132", 3)]),
    ("rights:\n  writers: [Bartholomew]\n", [("S102", 2)]),
    ("rights:\n  writers:\n    Bartholomew: permission\n", [("S102", 3)]),
    # an entry that contradicts itself
    ("rights:\n  requested_on: 2026-09-01\n  granted_on: 2026-08-01\n", [("S133", 3)]),
    ("rights:\n  credit_with_excerpt: true\n", [("S133", 2)]),
    ("rights:\n  credit: x\n  credit_with_excerpt: 'yes'\n", [("S102", 3)]),
])
def test_each_kind_of_bad_entry_is_located(source_file: Path, edits: str, expected) -> None:
    source, report = load(source_file, edits)
    assert source is None
    assert located(report) == expected, [d.format() for d in report.items]


def test_messages_suggest_the_fix(source_file: Path) -> None:
    messages = {
        "rights:\n  holdr: X\n": "did you mean `holder`?",
        "rights:\n  status: requested\n": "`status: pending` with `requested_on: YYYY-MM-DD`",
        "rights:\n  status: granted\n": "`status: permission` with `granted_on: YYYY-MM-DD`",
        "rights:\n  scope: {formats: [ebok]}\n": "did you mean `ebook`?",
        "rights:\n  writers: {Bartholemew: {status: pending}}\n": "did you mean 'Bartholomew'?",
        "rights:\n  fee: 50\n": "has no `currency`",
        "rights:\n  granted_on: '2026-02-30'\n": "`granted_on` in rights: '2026-02-30' is not a real date",
    }
    for edits, hint in messages.items():
        _, report = load(source_file, edits)
        assert len(report.items) == 1 and hint in report.items[0].message, (edits, report.items)
        assert "garden-letters.edits.yaml" in report.items[0].format()


def test_a_writer_named_by_a_unit_correction_is_known(source_file: Path) -> None:
    source, report = load(source_file, "units:\n  c1: {author: Bart G.}\nrights:\n  writers:\n    Bart G.: {status: permission}\n")
    assert report.items == [] and source.rights.writer("Bart G.").status == "permission"
