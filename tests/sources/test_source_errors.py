"""Source files and imports, code by code: one located line naming the code, never a traceback.

Broken source files are read with ``book sources show``; captures go through
``book sources import``. Errors exit 1; warnings (S3xx) leave the import done, exit 0.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from .conftest import FIXTURES
from .helpers import run

MINIMAL = FIXTURES.parent / "minimal"


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if text in line)


@pytest.fixture
def manuscript(tmp_path: Path) -> Path:
    """A copy of the minimal book, whose sources/garden-letters.yaml a test may break."""
    target = tmp_path / "m"
    shutil.copytree(MINIMAL, target)
    return target


def break_source(manuscript: Path, old: str, new: str) -> Path:
    path = manuscript / "sources" / "garden-letters.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def show_fails(manuscript: Path, where: str, code: str) -> str:
    result = run("show", "garden-letters", "-m", manuscript)
    assert result.exit_code == 1, result.output
    assert f"{where}: error[{code}]" in result.stderr, result.stderr
    assert "Traceback" not in result.output
    return result.stderr


def test_the_fixture_source_shows_cleanly(manuscript: Path) -> None:
    result = run("show", "garden-letters", "-m", manuscript)
    assert result.exit_code == 0 and result.stderr == ""


def test_a_value_of_the_wrong_kind_is_s102(manuscript: Path) -> None:
    path = break_source(manuscript, "title: Letters About the Garden", "title: 12")
    err = show_fails(manuscript, f"{path}:4", "S102")
    assert "`title` must be text or null, not int" in err


def test_a_source_without_an_id_is_s104(manuscript: Path) -> None:
    path = break_source(manuscript, "id: garden-letters\n", "")
    err = show_fails(manuscript, f"{path}:1", "S104")
    assert "missing `id`" in err


def test_an_id_that_is_not_the_file_name_is_s105(manuscript: Path) -> None:
    path = break_source(manuscript, "id: garden-letters", "id: garden-notes")
    err = show_fails(manuscript, f"{path}:3", "S105")
    assert "id 'garden-notes' does not match the file name 'garden-letters.yaml'" in err


def test_a_date_not_written_yyyy_mm_dd_is_s108(manuscript: Path) -> None:
    path = break_source(manuscript, "published: 2020-05-04", "published: 04/05/2020")
    err = show_fails(manuscript, f"{path}:8:12", "S108")
    assert "`published`: '04/05/2020' is not a date written YYYY-MM-DD" in err


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,hi", "file:///etc/passwd"])
def test_a_url_that_is_not_http_is_dropped_with_s310(manuscript: Path, url: str) -> None:
    path = break_source(manuscript, "url: https://example.org/garden-letters", f"url: \"{url}\"")
    result = run("show", "garden-letters", "--json", "-m", manuscript)
    assert result.exit_code == 0 and f"{path}:7: warning[S310]" in result.stderr
    assert '"url": null' in result.stdout and url not in result.stdout


def test_an_edits_file_cannot_give_a_url_that_is_not_http(manuscript: Path) -> None:
    edits = manuscript / "sources" / "garden-letters.edits.yaml"
    edits.write_text('url: "javascript:alert(1)"\n', encoding="utf-8")
    result = run("show", "garden-letters", "--json", "-m", manuscript)
    assert f"{edits}:1: warning[S310]" in result.stderr and "javascript" not in result.stdout


def test_an_unknown_format_is_s109(manuscript: Path) -> None:
    path = break_source(manuscript, "format: 1", "format: 2")
    err = show_fails(manuscript, f"{path}:2", "S109")
    assert "unknown source format 2 (expected 1)" in err


def test_a_unit_id_used_twice_is_s110(manuscript: Path) -> None:
    path = break_source(manuscript, "  - id: c2\n", "  - id: c1\n")
    line = [n for n, text in enumerate(path.read_text().split("\n"), 1) if text == "  - id: c1"][1]
    err = show_fails(manuscript, f"{path}:{line}", "S110")
    assert "unit id 'c1' is used twice" in err


# ------------------------------------------------------------------ importing

def import_fails(capture: Path, tmp_path: Path, code: str) -> str:
    result = run("import", capture, "-m", tmp_path / "m")
    assert result.exit_code == 1, result.output
    [line] = [text for text in result.stderr.splitlines() if text.strip()]
    assert line.startswith(f"{capture}: error[{code}]: "), line
    assert "Traceback" not in result.output
    assert not (tmp_path / "m" / "sources").exists()
    return line


def test_a_capture_claiming_utf16_that_cannot_be_decoded_is_s203(tmp_path: Path) -> None:
    capture = tmp_path / "page.txt"
    capture.write_bytes(b"\xff\xfeH\x00i\x00!")                  # a UTF-16 BOM, then an odd number of bytes
    line = import_fails(capture, tmp_path, "S203")
    assert "the file claims UTF-16 but cannot be decoded" in line


def test_an_html_capture_without_a_document_is_s208(tmp_path: Path) -> None:
    capture = tmp_path / "page.html"
    capture.write_text("<!-- saved by a browser that kept only this comment -->\n")
    line = import_fails(capture, tmp_path, "S208")
    assert "cannot parse the HTML" in line


def imported_with_warning(capture: Path, manuscript: Path, code: str) -> tuple[str, Path]:
    result = run("import", capture, "-m", manuscript)
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.output
    [written] = [p for p in (manuscript / "sources").glob("*.yaml") if not p.name.endswith(".edits.yaml")]
    [warning] = [line for line in result.stderr.splitlines() if f"warning[{code}]" in line]
    return warning, written


def test_an_ambiguous_date_is_left_empty_with_s302(tmp_path: Path) -> None:
    capture = tmp_path / "copy.txt"
    capture.write_text((FIXTURES / "wordpress-copy.txt").read_text()
                       .replace("March 5, 2016 at 11:47 am", "3/5/2016 at 11:47 am"))
    warning, written = imported_with_warning(capture, tmp_path / "m", "S302")
    assert re.fullmatch(rf"{re.escape(str(written))}:\d+: warning\[S302\]: c3: the date '3/5/2016 at 11:47 am' "
                        r"is ambiguous \(day or month first\?\); left empty", warning), warning
    block = written.read_text().split("  - id: c3\n")[1].split("\n  - id:")[0].split("\n")
    assert "    date: null" in block


def test_a_greeting_that_disagrees_with_the_attribution_is_s303(tmp_path: Path) -> None:
    capture = tmp_path / "page.html"
    capture.write_text((FIXTURES / "wordpress.html").read_text()
                       .replace("Marguerite, that sentence", "Dear Beatrice, that sentence"))
    warning, written = imported_with_warning(capture, tmp_path / "m", "S303")
    assert re.fullmatch(rf"{re.escape(str(written))}:\d+: warning\[S303\]: c2 greets 'Beatrice' but answers c1, "
                        "attributed to 'Marguerite'", warning), warning


def test_an_import_warning_points_at_its_unit(tmp_path: Path) -> None:
    capture = tmp_path / "page.html"
    capture.write_text((FIXTURES / "wordpress.html").read_text()
                       .replace("Marguerite, that sentence", "Dear Beatrice, that sentence"))
    warning, written = imported_with_warning(capture, tmp_path / "m", "S303")
    assert warning.startswith(f"{written}:{line_of(written, '  - id: c2')}: warning[S303]")
