"""Issue 13, "say so when unsure": a text copy's post author that rests on a weak witness (a name alone on its
line, no byline label and no date beside it) is recorded as inferred, flagged by `show` and counted in S305;
one the page states (a labelled byline) is not."""

from __future__ import annotations

from pathlib import Path

from .helpers import MORE, PROSE, import_json, run

_NAME_LINE = f"March 3, 2021\n\nLeader spotlight: Erin Spiceland\n\nJessica Rudder\n\n{PROSE}\n\n{MORE}\n"
_LABELLED = f"March 3, 2021\n\nLeader spotlight: Erin Spiceland\n\nBy Jessica Rudder\n\n{PROSE}\n\n{MORE}\n"


def _import(tmp_path: Path, text: str) -> tuple[dict, str, str]:
    """Import ``text``; the show --json data, the import's warnings and `show`'s text."""
    capture = tmp_path / "copy.txt"
    capture.write_text(text, encoding="utf-8")
    warnings = run("import", capture, "-m", tmp_path / "w").stderr
    data = import_json(capture, tmp_path / "m")
    shown = run("show", data["id"], "-m", tmp_path / "m").stdout
    return data, warnings, shown


def test_a_name_alone_under_the_headline_is_inferred_and_warned(tmp_path: Path) -> None:
    data, warnings, shown = _import(tmp_path, _NAME_LINE)
    post = data["units"][0]
    assert (data["title"], post["author"], post["author_how"]) == \
        ("Leader spotlight: Erin Spiceland", "Jessica Rudder", "name line")
    assert "[S305]" in warnings and "a name alone on its line" in warnings
    assert "INFERRED from the name line" in shown


def test_a_labelled_byline_is_stated_and_not_warned(tmp_path: Path) -> None:
    data, warnings, shown = _import(tmp_path, _LABELLED)
    post = data["units"][0]
    assert (post["author"], post["author_how"]) == ("Jessica Rudder", "byline")
    assert "[S305]" not in warnings
    assert "INFERRED" not in shown
