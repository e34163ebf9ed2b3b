"""Issue 13, text copies' post author (branch textauthor): the shapes whose name was no candidate of the fitted
choice on WCXB's dev copies. A byline's value ends at its date, a date's label glued on in capitals or an outlet;
co-authors are kept as printed; a name alone over its bio that closes the post is a candidate; a label naming a
thread's opener ("Thread starter NAME", the asker under "asked DATE") names the post's author."""

from __future__ import annotations

import pytest

from book.sources.capture import Capture
from book.sources.capture_text import parse_text
from book.sources.name_words import judge_of
from book.sources.text_header import thread_starter
from book.sources.text_lines import co_authors, unglued
from book.sources.text_score import _labelled_value, score_header, settle_byline

from .helpers import NEWS_PARAGRAPHS, NEWS_TITLE, news_copy

_P1, _P2, _P3 = NEWS_PARAGRAPHS
_TITLE = NEWS_TITLE
_page = news_copy


@pytest.mark.parametrize(("rest", "name"), [
    ("David at December 16, 2025 11:15 AM", "David"),
    ("Mary Jones on March 3, 2021", "Mary Jones"),
    ("Niko Matsakis on behalf of the Vision Doc group", "Niko Matsakis"),
    ("EMILY WAY FOR TASTE OF HOME", "EMILY WAY"),
    ("Mayank Gupta, CEO of CaseBasix", "Mayank Gupta"),
    ("Jared Newman and Sam Singleton", "Jared Newman and Sam Singleton"),
    ("Danielle DeSiato, Donna Enzmann, and Natalie Nguyen", "Danielle DeSiato, Donna Enzmann, and Natalie Nguyen"),
    ("REBECCA NORRIS PUBLISHED: JUN 25, 2025", "REBECCA NORRIS"),
])
def test_a_bylines_value_ends_at_its_date_its_label_or_its_outlet(rest: str, name: str) -> None:
    assert _labelled_value(rest) == name


def test_a_date_label_glued_to_a_name_in_capitals_is_set_apart() -> None:
    assert unglued("BY REBECCA NORRISPUBLISHED: JUN 25, 2025") == "BY REBECCA NORRIS PUBLISHED: JUN 25, 2025"
    assert unglued("BY AMANDA FURRERUPDATED: DEC 19, 2025") == "BY AMANDA FURRER UPDATED: DEC 19, 2025"
    assert unglued("UPDATED: DEC 19, 2025") == "UPDATED: DEC 19, 2025"
    assert unglued("Marie Published: June 3") == "Marie Published: June 3"      # spaced: nothing to set apart
    cap = parse_text(_page("BY MARIA SCHNEIDERPUBLISHED: MAR 12, 2021"))
    assert cap.author == "MARIA SCHNEIDER" and cap.published == "2021-03-12"


def test_co_authors_are_kept_as_printed_and_judged_one_by_one() -> None:
    assert co_authors("A. Berg, C. Dorn, and E. Falk") == ["A. Berg", "C. Dorn", "E. Falk"]
    cap = parse_text(_page("By Jared Newman and Sam Singleton\nMarch 12, 2021"))
    assert cap.author == "Jared Newman and Sam Singleton"
    judge = judge_of(_page("").split("\n"))
    assert judge.verdict("Jared Newman and Sam Singleton") is None
    assert judge.verdict("Salt and Pepper Recipes") is not None          # one word a side: a phrase, judged whole


def test_a_name_over_its_bio_closing_the_post_is_a_candidate() -> None:
    """No byline by the headline; the author's box under the text prints the name alone over a sentence about
    her. The name is a candidate with its bio marked; over a sentence not about it, it is no bio."""
    bio = "Lauren is a content writer who covers libraries, schools and local budgets for the paper."
    header = score_header(_page("March 12, 2021", f"Lauren Vetter\n{bio}\n").split("\n"))
    found = {value: header.author_features[(value, line)] for value, line, _ in header.authors}
    assert "Lauren Vetter" in found and found["Lauren Vetter"]["bio under it"] == 1.0
    other = score_header(_page("March 12, 2021", f"Lauren Vetter\n{_P2}\n").split("\n"))
    assert not any(other.author_features[(value, line)]["bio under it"] for value, line, _ in other.authors)


def test_a_page_without_a_printed_author_stays_without_one() -> None:
    """The fitted choice keeps "nobody" honest: a page whose header names nobody and closes with no author's
    box has no author, whatever its other lines (a section, a subheading) look like."""
    cap = Capture(engine="text")
    settle_byline(cap, score_header(_page("March 12, 2021", "Related Topics\nCity Hall\n").split("\n")))
    assert cap.author is None


_THREAD = "\n".join([
    "Forums", "Home Cinema", "Replacement projector recommendations", "{opener}", "Start date Mar 6, 2024",
    "Pippin06", "Member", "Mar 6, 2024", _P1, "Reply", "ggery", "Veteran", "Mar 7, 2024", _P2, "Reply"])


@pytest.mark.parametrize("opener", [
    "Thread starter Pippin06", "Discussion in 'Home Cinema' started by Pippin06, Mar 6, 2024.",
    "Pippin06 Discussion starter"])
def test_a_thread_starters_label_names_the_posts_author(opener: str) -> None:
    assert thread_starter(_THREAD.format(opener=opener).split("\n")) == "Pippin06"
    assert parse_text(_THREAD.format(opener=opener)).author == "Pippin06"


def test_the_asker_is_the_name_under_asked() -> None:
    lines = ["How do I list a folder?", _P1, "Share", "Follow", "asked Mar 28, 2014 at 11:38", "drat",
             "1,655 11 gold badges", "Commented Mar 28, 2014 at 15:35"]
    assert thread_starter(lines) == "drat"
    assert thread_starter(["asked Mar 28, 2014 at 11:38", "Add a comment"]) is None
    assert thread_starter(["A post", _P1, _P2]) is None
