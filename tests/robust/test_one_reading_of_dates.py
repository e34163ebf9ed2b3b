"""Every date typed anywhere is read by one function (``support.dates.text_problem``), so the command line,
a source's YAML, its edits and a capture's metadata take and refuse the same dates; and a language tag the
IANA registry deprecated is refused with its current form."""

from __future__ import annotations

import pytest

from book.config import language_problem
from book.support import dates


@pytest.mark.parametrize("text, said", [
    ("2021-02-30", "'2021-02-30' is not a real date: the calendar has no such day"),
    ("20210203", "'20210203' is not a date written YYYY-MM-DD"),       # datetime alone takes this
    ("2021-02-03\n", "is not a date written YYYY-MM-DD"),              # nor a line's end after it
    ("0001-01-01", "cannot be a source's publication"),
])
def test_a_written_date_is_judged_by_shape_then_calendar_then_window(text, said):
    assert said in dates.text_problem("published", text)


def test_a_date_within_its_window_passes():
    assert dates.text_problem("published", "2020-05-04") is None
    assert dates.text_problem("published", "2020-05-04", dates.today(), "the capture") is None


@pytest.mark.parametrize("option, value, said", [
    ("--published", "20210203", "is not a date written YYYY-MM-DD"),
    ("--accessed", "1989-12-31", "cannot be a capture"),
])
def test_the_import_options_read_dates_as_the_sources_do(minimal, cli, tmp_path, option, value, said):
    capture = tmp_path / "letter.txt"
    capture.write_text("A letter\n\nby Someone\n\nDear friend, the roses are in bloom.\n", encoding="utf-8")
    result = cli("sources", "import", str(capture), "-m", str(minimal), option, value)
    assert result.exit_code == 2 and said in result.stderr and "Traceback" not in result.stderr, result.stderr


@pytest.mark.parametrize("args, said", [
    (("request", "--date", "0001-01-01"), "cannot be a permission request"),
    (("request", "--date", "2021-02-30"), "the calendar has no such day"),
    (("status", "--as-of", "1066-10-14"), "older than the web"),
])
def test_the_permission_commands_dates_are_held_to_their_window(minimal, cli, args, said):
    result = cli("permissions", *args, "-m", str(minimal))
    assert result.exit_code == 2, result.stderr
    assert said in result.stderr and args[1] in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("tag, current", [("iw", "he"), ("in", "id"), ("de-DD", "de-DE"),
                                          ("en-GB-oed", "en-GB-oxendict"), ("i-klingon", None),
                                          ("zh-guoyu", "cmn"), ("ji-DD", "yi-DE")])
def test_a_deprecated_language_tag_is_refused_with_its_current_form(tag, current):
    problem = language_problem(tag)
    assert problem is not None
    if current is not None:
        assert "deprecated" in problem and f"write {current!r}" in problem


@pytest.mark.parametrize("tag", ["he", "tl", "sh", "de-DE", "hy", "en-GB", "cmn"])
def test_current_tags_are_not_called_deprecated(tag):
    assert language_problem(tag) is None


def test_a_deprecated_book_language_stops_the_check_at_its_line(minimal, cli):
    book = minimal / "book.yaml"
    book.write_text(book.read_text(encoding="utf-8").replace("language: en", "language: iw", 1), encoding="utf-8")
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 1 and "book.yaml:10:1: error[E104]" in result.stderr, result.stderr
    assert "write 'he'" in result.stderr


def test_a_units_date_the_edits_give_is_held_to_the_capture(minimal, cli):
    edits = minimal / "sources" / "garden-letters.edits.yaml"
    text = edits.read_text(encoding="utf-8").replace("c1: {role: a gardener}", "c1: {role: a gardener, date: 2026-02-01}")
    edits.write_text(text, encoding="utf-8")
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 1, result.stderr
    assert "garden-letters.edits.yaml" in result.stderr and "error[S108]: `date` of unit c1" in result.stderr
    assert "after the capture's `accessed` (2026-01-10)" in result.stderr and "Traceback" not in result.stderr
