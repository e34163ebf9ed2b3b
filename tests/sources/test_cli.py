"""``book sources list`` and ``show``: the table, the text view and the JSON contract."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import FIXTURES
from .helpers import run


def manuscript_with(tmp_path: Path, *names: str) -> Path:
    manuscript = tmp_path / "manuscript"
    for name in names:
        assert run("import", FIXTURES / name, "-m", manuscript, "-q").exit_code == 0
    return manuscript


def test_list_table(tmp_path: Path) -> None:
    manuscript = manuscript_with(tmp_path, "wordpress.html", "phpbb.html")
    (manuscript / "sources" / "learning-ask-help.edits.yaml").write_text("rights: {status: permission}\n")
    result = run("list", "-m", manuscript)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "TITLE", "AUTHOR", "UNITS", "WORDS", "RIGHTS"]
    assert lines[1].split() == ["learning-ask-help", "Learning", "to", "Ask", "for", "Help", "Ruth", "Adler",
                                "5", "127", "permission"]
    assert lines[2].startswith("when-my-therapist-went-maternity") and lines[2].endswith("pending")
    assert len({line.index("RIGHTS") if "RIGHTS" in line else None for line in lines[:1]}) == 1


def test_list_empty_manuscript(tmp_path: Path) -> None:
    result = run("list", "-m", tmp_path / "nothing")
    assert result.exit_code == 0 and result.stdout.splitlines() == ["ID  TITLE  AUTHOR  UNITS  WORDS  RIGHTS"]


def test_show_json_contract(tmp_path: Path) -> None:
    manuscript = manuscript_with(tmp_path, "blogger.html")
    data = json.loads(run("show", "session-i-almost-cancelled", "--json", "-m", manuscript).stdout)
    assert list(data) == ["id", "title", "author", "site", "url", "published", "license", "units", "dropped"]
    assert all(list(u) == ["id", "kind", "author", "author_how", "parent", "date", "text"] for u in data["units"])
    assert all(list(d) == ["reason", "text"] for d in data["dropped"])


def test_show_text(tmp_path: Path) -> None:
    manuscript = manuscript_with(tmp_path, "blogger.html")
    result = run("show", "session-i-almost-cancelled", "-m", manuscript)
    assert result.exit_code == 0
    assert result.stdout.startswith("The Session I Almost Cancelled  [session-i-almost-cancelled]")
    assert "--- c2 (comment) by Anna K. (comment header), reply to c1, 2014-03-05" in result.stdout
    assert "[spam: link farm]" in result.stdout


def test_show_unknown_and_bad_ids(tmp_path: Path) -> None:
    for bad in ("nope", "../etc/passwd"):
        result = run("show", bad, "-m", tmp_path / "m")
        assert result.exit_code == 1
        assert len(result.stderr.splitlines()) == 1 and "error[S120]" in result.stderr


def test_show_reports_a_broken_edits_file(tmp_path: Path) -> None:
    manuscript = manuscript_with(tmp_path, "blogger.html")
    (manuscript / "sources" / "session-i-almost-cancelled.edits.yaml").write_text("titel: X\n")
    result = run("show", "session-i-almost-cancelled", "-m", manuscript)
    assert result.exit_code == 1
    assert "session-i-almost-cancelled.edits.yaml:1: error[S103]: unknown key `titel`" in result.stderr
    assert "did you mean `title`?" in result.stderr


def test_warnings_and_quiet(tmp_path: Path) -> None:
    capture = FIXTURES / "typepad.html"
    loud = run("import", capture, "-m", tmp_path / "a")
    assert loud.exit_code == 0
    assert "hour-before.yaml:14: " in loud.stderr and "warning[S301]: post: the post's author is unknown" in loud.stderr
    quiet = run("import", capture, "-m", tmp_path / "b", "-q")
    assert quiet.exit_code == 0 and quiet.stderr == "" and quiet.stdout == ""


def test_command_line_metadata_wins(tmp_path: Path) -> None:
    result = run("import", FIXTURES / "typepad.html", "-m", tmp_path / "m", "-q", "--id", "hour",
                 "--author", "Hobbit", "--url", "https://friendlyghost.example/2012/11/hour.html",
                 "--published", "2012-11-02", "--license", "All rights reserved", "--accessed", "2026-11-20")
    assert result.exit_code == 0, result.stderr
    data = json.loads(run("show", "hour", "--json", "-m", tmp_path / "m").stdout)
    assert (data["author"], data["url"], data["license"]) == \
        ("Hobbit", "https://friendlyghost.example/2012/11/hour.html", "All rights reserved")
    assert data["units"][0]["author"] == "Hobbit"
    text = (tmp_path / "m" / "sources" / "hour.yaml").read_text()
    assert 'accessed: "2026-11-20"' in text


def test_initials_resolve_to_the_author_given_on_the_command_line(tmp_path: Path) -> None:
    capture = tmp_path / "c.txt"
    capture.write_text("On Waiting\n\nWaiting is part of the work.\n\nRP\n\n2 Comments\n\n"
                       "  • I hate waiting.\n\n    Sue\n\n    • Dear Sue, me too. RP\n")
    assert run("import", capture, "-m", tmp_path / "m", "-q", "--author", "Rosa Park").exit_code == 0
    data = json.loads(run("show", "waiting", "--json", "-m", tmp_path / "m").stdout)
    assert [(u["author"], u["parent"]) for u in data["units"]] == [
        ("Rosa Park", None), ("Sue", None), ("Rosa Park", "c1")]
