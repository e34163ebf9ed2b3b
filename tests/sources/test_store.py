"""Source files and the editor's edits: round trip, merge, closed schemas, located errors."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from book.model import Dropped, Source, Unit
from book.sources.store import load_source, load_sources, write_source
from book.support.diagnostics import Report

from .conftest import FIXTURES
from .helpers import run


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    manuscript = tmp_path / "manuscript"
    assert run("import", FIXTURES / "wordpress.html", "-m", manuscript, "-q").exit_code == 0
    return manuscript / "sources" / "learning-ask-help.yaml"


def codes(report: Report) -> list[str]:
    return [d.code for d in report.items]


def test_unit_lines_point_at_the_unit_entries(imported: Path) -> None:
    report = Report()
    source = load_source(imported, report)
    assert source is not None and not report.items
    lines = imported.read_text().split("\n")
    for unit in source.units:
        assert lines[unit.line - 1] == f"  - id: {unit.id}"


def test_written_file_is_literal_blocks_and_nulls(imported: Path) -> None:
    text = imported.read_text()
    assert text.startswith("# Imported by `book sources import`; do not edit by hand: "
                           "put corrections in learning-ask-help.edits.yaml\nformat: 1\nid: learning-ask-help\n")
    assert "    text: |\n      For years I believed" in text
    assert "license: null" in text and "published: \"2015-04-21\"" in text


@pytest.mark.parametrize("seed", range(20))
def test_any_text_round_trips(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    alphabet = list("abc XYZ:#-*>|'\"\\{}[]&!%@`,?\t") + ["\n", "\n\n", "é", "’", "—", "\u2028", "\x85", "\ufeff",
                                                            "🙂", "null", "yes", "2014-03-03", "  ", "- ", "# "]
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 60))).strip() for _ in range(6)]
    units = tuple(Unit(id=f"c{i}", kind="comment", author=texts[-i], parent=None, date=None, text=t)
                  for i, t in enumerate(texts, start=1) if t)
    source = Source(id="rt", path=tmp_path / "rt.yaml", title=texts[0] or None, author="yes", site="null",
                    url="https://x.example/a#b", published="2014-03-03", license="CC BY 4.0", accessed=None,
                    units=units, dropped=(Dropped("spam: link farm", texts[1] or "x"),))
    write_source(tmp_path / "rt.yaml", source)
    report = Report()
    loaded = load_source(tmp_path / "rt.yaml", report)
    assert loaded is not None, [d.format() for d in report.items]
    assert [(u.id, u.author, u.text) for u in loaded.units] == [(u.id, u.author, u.text) for u in units]
    assert (loaded.title, loaded.author, loaded.site, loaded.published) == (source.title, "yes", "null", "2014-03-03")
    assert loaded.dropped == source.dropped


def write_edits(imported: Path, text: str) -> Path:
    path = imported.with_name("learning-ask-help.edits.yaml")
    path.write_text(text)
    return path


def test_edits_are_merged(imported: Path) -> None:
    write_edits(imported, """\
title: Learning to Ask for Help (revised)
accessed: 2026-11-20
rights: {status: quotation, licence: null, granted_by: null, granted_on: null, contact: "https://quietroom.example.org/contact", note: null}
units:
  c1: {author: Marguerite Blum, role: client, quotable: false}
voices:
  - {unit: post, start: "We would rather be ruined", end: "than changed.", author: W. H. Auden, role: poet}
""")
    report = Report()
    source = load_source(imported, report)
    assert source is not None and not report.items, [d.format() for d in report.items]
    assert source.title == "Learning to Ask for Help (revised)"
    assert source.accessed == "2026-11-20"
    assert source.rights.status == "quotation" and source.rights.contact.startswith("https://")
    c1 = source.unit("c1")
    assert (c1.author, c1.role, c1.quotable) == ("Marguerite Blum", "client", False)
    assert source.unit("c2").quotable is True
    assert source.voices[0].author == "W. H. Auden"


def test_edits_survive_a_reimport(imported: Path) -> None:
    edits = write_edits(imported, "units:\n  c2: {quotable: false}\n")
    manuscript = imported.parent.parent
    assert run("import", FIXTURES / "wordpress.html", "-m", manuscript, "-q", "--force").exit_code == 0
    assert edits.read_text() == "units:\n  c2: {quotable: false}\n"
    source = load_source(imported, Report())
    assert source.unit("c2").quotable is False


def test_unknown_key_in_edits_has_line_and_did_you_mean(imported: Path) -> None:
    edits = write_edits(imported, "title: X\nauthr: Somebody\nunits:\n  c1: {quotable: no, rol: client}\n")
    report = Report()
    assert load_source(imported, report) is None
    messages = [d.format() for d in report.errors]
    assert any(f"{edits}:2: error[S103]: unknown key `authr` in edits file; did you mean `author`?" == m
               for m in messages), messages
    assert any(":4: error[S103]" in m and "`rol`" in m and "did you mean `role`?" in m for m in messages), messages


def test_bad_rights_status_and_unknown_unit(imported: Path) -> None:
    write_edits(imported, "rights:\n  status: public domain\nunits:\n  c99: {author: X}\n")
    report = Report()
    assert load_source(imported, report) is None
    assert codes(report) == ["S114", "S113"]
    assert "did you mean `public-domain`?" in report.errors[0].message
    assert report.errors[0].line == 2 and report.errors[1].line == 4


def test_voice_that_is_not_in_the_unit(imported: Path) -> None:
    write_edits(imported, "voices:\n  - {unit: post, start: \"Not in the post\", end: null, author: X}\n")
    report = Report()
    assert load_source(imported, report) is None
    assert codes(report) == ["S116"] and report.errors[0].line == 2


def test_yaml_syntax_error_is_located(imported: Path) -> None:
    write_edits(imported, "title: [unclosed\nauthor: X\n")
    report = Report()
    assert load_source(imported, report) is None
    assert codes(report) == ["S101"] and report.errors[0].line is not None


def test_empty_edits_template_changes_nothing(imported: Path) -> None:
    template = imported.with_name("learning-ask-help.edits.yaml")
    assert template.read_text().startswith("# The editor's corrections")
    report = Report()
    assert load_source(imported, report) is not None and not report.items


def test_hand_edited_source_errors(imported: Path) -> None:
    text = imported.read_text().replace("kind: pingback", "kind: trackback").replace("parent: c1", "parent: c42")
    text = text.replace("format: 1\n", "format: 1\ncolour: red\n")
    imported.write_text(text)
    report = Report()
    assert load_source(imported, report) is None
    assert sorted(set(codes(report))) == ["S103", "S106", "S107"]
    assert all(d.path == imported and d.line for d in report.errors)


def test_load_sources_skips_edits_and_sorts(tmp_path: Path) -> None:
    manuscript = tmp_path / "m"
    for name in ("wix.html", "blogger.html", "phpbb.html"):
        assert run("import", FIXTURES / name, "-m", manuscript, "-q").exit_code == 0
    report = Report()
    found = load_sources(manuscript / "sources", report)
    assert list(found) == sorted(found) and len(found) == 3 and not report.items


def test_big_source_files_load_with_unit_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # every clean source is read with the C loader first; unit lines must survive that path
    manuscript = tmp_path / "m"
    assert run("import", FIXTURES / "wordpress.html", "-m", manuscript, "-q").exit_code == 0
    path = manuscript / "sources" / "learning-ask-help.yaml"
    source = load_source(path, Report())
    lines = path.read_text().split("\n")
    assert all(lines[u.line - 1] == f"  - id: {u.id}" for u in source.units)


def test_an_author_set_in_the_edits_file_is_corrected_and_says_so(tmp_path: Path) -> None:
    """``author_corrected`` is derived from ``author_how``: an edit sets both at once, and they cannot disagree."""
    from book.sources.importer import ImportOptions, import_capture
    from book.support.diagnostics import Report

    manuscript = tmp_path / "m"
    written = import_capture(FIXTURES / "wordpress-copy.txt", manuscript, ImportOptions(), Report())
    assert written is not None
    edits = written.with_name(f"{written.stem}.edits.yaml")
    edits.write_text("units:\n  c3: {author: Marta Kowalska}\n")
    source = load_source(written, Report())
    units = {u.id: u for u in source.units}
    assert (units["c3"].author, units["c3"].author_how, units["c3"].author_corrected) == \
        ("Marta Kowalska", "editor", True)
    assert (units["c1"].author_how, units["c1"].author_corrected) == ("stated", False)
