"""book.yaml: closed schema, located errors, did-you-mean."""

from __future__ import annotations

from pathlib import Path

import pytest

from book.config import normalise_identifier
from book.manuscript import load_manuscript
from book.support.diagnostics import BookError, Report


def load(root: Path) -> Report:
    report = Report()
    try:
        load_manuscript(root, report)
    except BookError as exc:
        report.extend(exc.report)
    return report


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def test_fixture_book_loads_cleanly(minimal):
    assert load(minimal).items == []


def test_unknown_key_names_line_and_suggests(minimal):
    replace(minimal / "book.yaml", "publisher: Fixture Press", "publsher: Fixture Press")
    [diag] = load(minimal).errors
    assert diag.code == "E102"
    assert diag.path.name == "book.yaml"
    assert diag.line == 12
    assert "publsher" in diag.message and "did you mean 'publisher'" in diag.message


def test_unknown_nested_key_suggests_from_the_nested_model(minimal):
    replace(minimal / "book.yaml", "    required: true\n  - name: reply", "    requird: true\n  - name: reply")
    [diag] = load(minimal).errors
    assert "structure[1].requird" in diag.message and "'required'" in diag.message


def test_wrong_type_is_located(minimal):
    replace(minimal / "book.yaml", "subjects: [Testing, Psychotherapy]", "subjects: 12")
    [diag] = load(minimal).errors
    assert diag.line == 18 and "subjects" in diag.message


def test_yaml_syntax_error_has_line(minimal):
    replace(minimal / "book.yaml", "language: en", "language: [en")
    errors = load(minimal).errors
    assert errors and errors[0].code == "E101" and errors[0].line is not None


def test_missing_and_empty_book_yaml(minimal):
    (minimal / "book.yaml").write_text("")
    [diag] = load(minimal).errors
    assert "empty" in diag.message
    (minimal / "book.yaml").unlink()
    [diag] = load(minimal).errors
    assert "book.yaml not found" in diag.message


def test_missing_manuscript_folder(tmp_path):
    [diag] = load(tmp_path / "nope").errors
    assert "manuscript folder not found" in diag.message


def test_all_problems_are_listed_not_just_the_first(minimal):
    replace(minimal / "book.yaml", "publisher: Fixture Press", "publsher: Fixture Press")
    replace(minimal / "book.yaml", "language: en", "language: 'not a language'")
    assert len(load(minimal).errors) == 2


def test_missing_required_key(minimal):
    replace(minimal / "book.yaml", "rights: © 2026 Ada Editor. All rights reserved.\n", "")
    [diag] = load(minimal).errors
    assert diag.code == "E103" and "rights" in diag.message


@pytest.mark.parametrize("value,expected", [
    ("urn:uuid:6F1C2F0E-3A4B-4C5D-8E9F-0A1B2C3D4E5F", "urn:uuid:6f1c2f0e-3a4b-4c5d-8e9f-0a1b2c3d4e5f"),
    ("978-0-306-40615-7", "urn:isbn:9780306406157"),
    ("urn:isbn:9780306406157", "urn:isbn:9780306406157"),
])
def test_identifier_forms(value, expected):
    assert normalise_identifier(value) == expected


@pytest.mark.parametrize("value", ["978-0-306-40615-8", "my-book", ""])
def test_bad_identifiers(value):
    with pytest.raises(ValueError):
        normalise_identifier(value)


def test_chapter_listed_twice(minimal):
    replace(minimal / "book.yaml", "  - chapters/02-second.md", "  - chapters/02-second.md\n  - chapters/01-first.md")
    [diag] = load(minimal).errors
    assert diag.code == "E110" and "listed twice" in diag.message and diag.line == 28


def test_missing_chapter_file(minimal):
    (minimal / "chapters" / "02-second.md").unlink()
    [diag] = load(minimal).errors
    assert diag.code == "E112" and "chapters/02-second.md" in diag.message and diag.path.name == "book.yaml"


def test_chapter_outside_manuscript(minimal):
    replace(minimal / "book.yaml", "  - chapters/02-second.md", "  - ../../etc/passwd.md")
    [diag] = load(minimal).errors
    assert diag.code == "E111"


def test_chapter_front_matter_unknown_key(minimal):
    replace(minimal / "chapters" / "01-first.md", "title: The First Chapter", "title: The First Chapter\ntilte: x")
    [diag] = load(minimal).errors
    assert diag.path.name == "01-first.md" and diag.line == 3 and "did you mean 'title'" in diag.message


@pytest.mark.parametrize("line, says", [
    ("language: english", "'language': 'english' is not a language tag such as en or en-GB"),
    ("date: 22/11/2026", "'date': '22/11/2026' is not a real date written YYYY-MM-DD"),
    ("date: 2021-02-30", "'date': '2021-02-30' is not a real date written YYYY-MM-DD"),
    ("version: one", "'version': 'one' is not a version number such as 1.0.0"),
])
def test_schema_errors_say_what_to_write(minimal, cli, line, says):
    book = minimal / "book.yaml"
    key = line.split(":")[0]
    book.write_text("\n".join(line if row.startswith(f"{key}:") else row for row in book.read_text().split("\n")))
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert says in result.stderr and "pattern" not in result.stderr and "Input should" not in result.stderr
