"""The post's date in a text capture chosen by fitted weights (:func:`book.sources.text_score._date_choice`):
a softmax over the dates the copy prints, the readers' own and nobody, on small hand-written copies."""

from __future__ import annotations

from book.sources.capture import Capture
from book.sources.capture_text import parse_text
from book.sources.text_score import WEIGHTS, _date_choice, _date_choices, score_header, settle_byline

_PROSE = ("The long paragraph of the post goes on for a while, so that it reads as prose and not as a header line, "
          "and then it says a little more about the garden and the weather this spring.")
_TITLE = "Seven things the spring taught us about tomatoes"


def _copy(header: str, after: str = "") -> str:
    return "Home\n\nNews\n\nContact\n\n" + header + _PROSE + "\n\n" + _PROSE + "\n\n" + after


def _choice(text: str, **cap: object) -> tuple[str | None, dict[str, float], float] | None:
    lines = text.split("\n")
    return _date_choice(score_header(lines), Capture(engine="text", **cap))


def test_the_weights_are_fitted_for_the_date() -> None:
    assert WEIGHTS["date"] and all(isinstance(v, float) for v in WEIGHTS["date"].values())


def test_the_date_under_the_byline_is_chosen_surely() -> None:
    choice = _choice(_copy(f"{_TITLE}\n\nBy Mary Jones\n\nMarch 3, 2021\n\n"), title=_TITLE)
    assert choice is not None and choice[0] == "2021-03-03" and choice[2] >= 0.5


def test_the_published_date_beats_the_updated_one() -> None:
    for header in ("Published March 3, 2021\n\nUpdated May 9, 2024\n\n",
                   "Updated May 9, 2024\n\nPublished March 3, 2021\n\n"):
        choice = _choice(_copy(f"{_TITLE}\n\nBy Mary Jones\n\n{header}"), title=_TITLE)
        assert choice is not None and choice[0] == "2021-03-03", header


def test_a_comments_date_far_down_is_no_rival_of_the_headers() -> None:
    after = "3 Comments\n\nKate May\n\nJune 1, 2023 at 10:04 am\n\nLovely tomatoes, thank you.\n\nReply\n"
    choice = _choice(_copy(f"{_TITLE}\n\nBy Mary Jones\n\nMarch 3, 2021\n\n", after), title=_TITLE)
    assert choice is not None and choice[0] == "2021-03-03"


def test_every_date_the_copy_prints_is_a_candidate_and_nobody_too() -> None:
    """A date far under the text (a closing "Posted on" line) is a candidate: the header's zone missed it."""
    text = _copy(f"{_TITLE}\n\n", 6 * (_PROSE + "\n\n")
                 + "Posted on March 3, 2021 in Garden\n\nJune 1, 2023 at 10:04 am\n")
    header = score_header(text.split("\n"))
    choices = _date_choices(header, Capture(engine="text", title=_TITLE))
    values = [value for value, _, _ in choices]
    assert "2021-03-03" in values and "2023-06-01" in values and values[-1] is None
    far = next(features for value, _, features in choices if value == "2021-03-03")
    assert far["outside the header"] == 1.0 and far["published label"] == 1.0


def test_a_copy_without_a_date_has_no_choice() -> None:
    assert _choice(_copy(f"{_TITLE}\n\nBy Mary Jones\n\n"), title=_TITLE) is None


def test_the_readers_date_is_a_choice_where_no_line_holds_it() -> None:
    choices = _date_choices(score_header(_copy(f"{_TITLE}\n\n").split("\n")),
                            Capture(engine="text", title=_TITLE, published="2020-02-02"))
    assert [value for value, _, _ in choices] == ["2020-02-02", None]
    assert choices[0][2] == {"readers' choice": 1.0, "no candidate": 1.0, "listed again": 0.0}


def test_a_doubtful_choice_is_kept_and_warned_of() -> None:
    """No date by the headline, two alike under the text: the choice is a guess, and says so (S324)."""
    text = _copy(f"{_TITLE}\n\n", 4 * (_PROSE + "\n\n") + "March 3, 2021\n\nKate May\n\nJune 1, 2023\n")
    choice = _choice(text, title=_TITLE)
    assert choice is not None and choice[2] < 0.5
    cap = Capture(engine="text", title=_TITLE)
    settle_byline(cap, score_header(text.split("\n")))
    assert cap.published in ("2021-03-03", "2023-06-01") and cap.published_doubt is not None


def test_the_first_of_two_dates_by_the_headline_is_the_posts() -> None:
    """Two dates alike under the headline: on WCXB's dev copies the first is the post's (the fitted weights'
    "first in zone"), the second an update's or a comment count's."""
    choice = _choice(_copy(f"{_TITLE}\n\n3 May 2021\n\n4 May 2021\n\n"), title=_TITLE)
    assert choice is not None and choice[0] == "2021-05-03"


def test_a_sure_choice_is_not_warned_of() -> None:
    cap = parse_text(_copy(f"{_TITLE}\n\nBy Mary Jones\n\nPublished: March 3, 2021\n\n"))
    assert cap.published == "2021-03-03" and cap.published_doubt is None


def test_a_relative_moment_is_read_in_the_languages_of_the_page_at_hand() -> None:
    """The moment was kept per text alone: "il y a 3 heures" read first for an English page stayed no moment
    for a French page read after it, so a thread's nesting hung on the order pages were imported in."""
    from book.sources.dates import reading_languages, relative_moment

    text = "il y a 3 heures"
    with reading_languages(["en"]):
        english = relative_moment(text)
    with reading_languages(["fr"]):
        french = relative_moment(text)
    assert english is None and french is not None
