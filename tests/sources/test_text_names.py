"""Every reader's author judged by its words (``name_words``): a label, a date's words, a phrase in lower case or
with a function word inside is no name; a single word the menu prints too is doubted. Real names, particles and
surnames that are words stay."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from book.sources.capture_text import parse_text
from book.sources.name_words import date_words, judge_of

_PROSE = ("The long paragraph of the post goes on for a while, so that it reads as prose and not as a header line, "
          "and then it says a little more about the garden and the weather this spring, to the end of the day.")
_PROSE_DE = ("Der lange Absatz des Beitrags geht eine Weile so weiter, damit er sich wie Fließtext liest und nicht "
             "wie eine Kopfzeile, und dann sagt er noch etwas zum Garten und zum Wetter in diesem Frühjahr, am Ende.")


def _judge(prose: str = _PROSE, menu: str = "Home\nNews\nSport\nCulture\n"):
    return judge_of((menu + "\n" + "\n".join([prose] * 3)).split("\n"))


def test_date_words_come_from_dateparser_in_many_languages() -> None:
    words = date_words()
    assert {"jueves", "donnerstag", "torstai", "четверг", "yesterday", "gestern"} <= words


def test_labels_and_date_words_are_no_name() -> None:
    judge = _judge()
    for label in ("Veröffentlicht am", "Actualizado Jueves", "Posted Today", "Last Updated"):
        verdict = judge.verdict(label)
        assert verdict is not None and verdict[0], label


def test_a_phrase_is_no_name() -> None:
    judge = _judge()
    assert judge.verdict("lassú kilábalás") == (True, "it is a phrase in lower case")
    assert judge.verdict("Back To Top")[0]                   # "to": the prose's function word
    assert _judge(_PROSE_DE).verdict("Mehr zum Thema")[0]


def test_real_names_stay() -> None:
    judge = _judge()
    for name in ("Mary Jones", "Ana de Armas", "Ludwig van Beethoven", "Doris Day", "Will Young", "Susan",
                 "Дмитрий Попов", "山田太郎", "Celeste Longacre"):
        assert judge.verdict(name) is None, name


def test_a_section_word_the_menu_prints_is_doubted() -> None:
    judge = _judge(menu="Etusivu\nKotimaa\nUlkomaat\nUrheilu\n")
    assert judge.verdict("Kotimaa") == (False, "the page prints it in its menu or breadcrumbs too")
    crumbs = judge_of(["Home > Politik > Deutschland", _PROSE, _PROSE])
    assert crumbs.verdict("Politik") is not None and crumbs.verdict("Anna") is None


def _copy(header: str, menu: str = "Home\n\nNews\n\nSport\n\n") -> str:
    return menu + header + _PROSE + "\n\n" + _PROSE + "\n\n" + _PROSE + "\n"


def test_a_kicker_over_the_date_is_not_the_author() -> None:
    """"lassú kilábalás 2020. 08. 18. 21:35" over the headline: a kicker glued to the date, read by the
    name-then-date reader as NAME DATE; its words are a phrase, so the post has no author (S301 says so)."""
    cap = parse_text(_copy("lassú kilábalás 2020. 08. 18. 21:35\n\n"
                           "Gyógyulás után is kísérheti krónikus fáradtság a betegeket\n\n"))
    assert cap.author is None
    assert cap.published == "2020-08-18"


def test_a_label_read_as_a_name_is_set_aside() -> None:
    cap = parse_text(_copy("Seven things the spring taught us about tomatoes\n\nVeröffentlicht am\n\n"
                           "March 3, 2021\n\n"))
    assert cap.author is None


def test_a_byline_that_names_someone_is_kept() -> None:
    cap = parse_text(_copy("Seven things the spring taught us about tomatoes\n\nBy Doris Day\n\nMarch 3, 2021\n\n"))
    assert cap.author == "Doris Day" and cap.author_how == "byline"


def test_a_stated_byline_the_menu_prints_too_is_flagged() -> None:
    """A single word a byline gives, printed as a menu entry too: kept, but as uncertain (S305 warns)."""
    cap = parse_text(_copy("Seven things the spring taught us about tomatoes\n\nBy Kotimaa\n\nMarch 3, 2021\n\n",
                           menu="Etusivu\n\nKotimaa\n\nUlkomaat\n\nUrheilu\n\nKulttuuri\n\n"))
    assert cap.author == "Kotimaa" and cap.author_how == "uncertain byline"


def test_handles_and_fragments() -> None:
    """A handle in lower case with its signs is a name as printed; a fragment with an unclosed bracket is none."""
    judge = _judge()
    assert judge.verdict("da]v[ax") is None
    assert judge.verdict("(Letztes")[0]


def test_the_writer_answering_in_the_thread_is_no_menu_entry() -> None:
    """The post's author printed alone over their reply in the comments: a name line, not a menu's run."""
    lines = ["Home", "News", "Sport", "Culture", "Contact", _PROSE, "Susan", "March 3, 2021 at 5:00 pm", _PROSE, "Reply"]
    assert judge_of(lines).verdict("Susan") is None


@given(st.lists(st.booleans(), max_size=40))
def test_run_lengths_are_each_line_s_run(short: list[bool]) -> None:
    """Each short line's run of short lines, measured once a run, is the one found walking out from the line."""
    from book.sources.name_words import _run_lengths

    def walked(k: int) -> int:
        start, end = k, k
        while start > 0 and short[start - 1]:
            start -= 1
        while end + 1 < len(short) and short[end + 1]:
            end += 1
        return end - start + 1
    assert _run_lengths(short) == [walked(k) if short[k] else 0 for k in range(len(short))]
