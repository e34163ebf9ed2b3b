"""The post's author in a browser copy, in the byline shapes of many languages and themes: a label or a reporter's
title kept around the name ("Text: NAME", "文/NAME", "NAME 기자"), a byline under the date that is no headline, a
name alone by a reading time, a labelled name before a relative date, the author's box under the text. A name
read from a weak shape is kept as uncertain (S305) rather than left out; a phrase is no name."""

from __future__ import annotations

import pytest

from book.sources.capture import Capture
from book.sources.capture_text import _closing_credit, parse_text
from book.sources.name_words import judge_of, name_in_script, stated_byline, without_label
from book.sources.text_score import score_header

from .helpers import NEWS_PARAGRAPHS, NEWS_TITLE, news_copy

_P1, _P2, _P3 = NEWS_PARAGRAPHS
_TITLE = NEWS_TITLE
_page = news_copy


@pytest.mark.parametrize(("header", "author"), [
    ("Text: Maria Schneider\n12.03.2021", "Maria Schneider"),
    ("Av Maria Schneider\n12.03.2021", "Maria Schneider"),
    ("2021-03-12 10:05 记者 王小明", "王小明"),
    ("文/王小明\n2021-03-12", "王小明"),
    ("記者王小明／台北報導\n2021-03-12", "王小明"),
    ("김민수 기자\n2021.03.12 10:05", "김민수"),
    ("Maria Schneider - Senior Reporter\n12 March 2021", "Maria Schneider"),
    ("[뉴스타운] 김민수 기자\n입력 2021.03.12 10:05", "김민수"),
])
def test_a_bylines_own_words_are_taken_off_the_name(header: str, author: str) -> None:
    cap = parse_text(_page(header))
    assert cap.title == _TITLE
    assert cap.author == author and cap.author_how == "byline"
    assert cap.published == "2021-03-12"


@pytest.mark.parametrize(("header", "author"), [
    ("12 March 2021\nMaria Schneider", "Maria Schneider"),
    ("2021-03-12 10:05\n王小明", "王小明"),
    ("2021年3月12日\n山田 太郎", "山田 太郎"),
])
def test_a_name_under_the_date_under_the_headline_is_no_headline(header: str, author: str) -> None:
    """Headline, date, name, text: not a date header over its headline (Blogger's), a byline."""
    cap = parse_text(_page(header))
    assert cap.title == _TITLE
    assert cap.author == author


def test_a_name_by_a_reading_time_is_taken_as_uncertain() -> None:
    cap = parse_text(_page("Maria Schneider\n5 min read"))
    assert cap.author == "Maria Schneider" and cap.author_how == "uncertain byline"


def test_a_relative_date_after_a_labelled_name_is_no_part_of_it() -> None:
    cap = parse_text(_page("\n" + _P1 + "\n\nPiše: P. Mucović prije 26 minuta"))
    assert cap.author == "P. Mucović"


def test_a_name_printed_again_under_the_text_by_a_date_a_line_away() -> None:
    """Headline, date, a photo's credit, the name alone; the name again in the author's box under the text."""
    cap = parse_text(_page("12 March 2021\nFot. Europa Press\nMaria Schneider", "Maria Schneider\nSave to:\n"))
    assert cap.author == "Maria Schneider" and cap.author_how == "uncertain byline"


def test_a_list_of_entries_is_no_byline() -> None:
    """Short title-case lines one under the other (a table of contents, printed again as subheadings) are no name
    alone by the date, whatever is printed twice."""
    lines = _page("12 March 2021\nShare\nMatch Settings\nCamera Settings\nVisual Settings", "Camera Settings\n").split("\n")
    assert _best(lines, "Camera Settings") < 2.5          # (taken from 2.5 up)
    lone = _page("12 March 2021\nShare\nCamera Settings", "Camera Settings\n").split("\n")
    assert _best(lone, "Camera Settings") >= 2.5


def _best(lines: list[str], name: str) -> float:
    return max(score for value, _, score in score_header(lines).around(_TITLE).authors if value == name)


def test_the_about_box_over_a_sentence_names_the_writer() -> None:
    cap = parse_text(_page("12.03.2021", "Über den Autor\nMaria Schneider ist Redakteurin für Lokalpolitik und "
                                         "schreibt seit 2010 für uns.\n"))
    assert cap.author == "Maria Schneider"


def test_the_headline_printed_again_in_the_text_does_not_move_the_header() -> None:
    """The headline over the date and the name, and again as a caption inside the text: the byline is read by
    the one over the text."""
    cap = parse_text(_page("Dnes 9:44\nHana Jakubčíková Sádlíková\nFacebookTwitter",
                           _TITLE + "\n" + _P1 + "\n"))
    assert cap.author == "Hana Jakubčíková Sádlíková"


def test_what_a_reader_kept_around_a_name() -> None:
    assert without_label("Text: Maria Berg") == "Maria Berg"
    assert without_label("송유민 기자") == "송유민"
    assert without_label("記者林宸誼／即時報導") == "林宸誼"
    for name in ("Maria Berg", "Di Maria Rossi", "Von Trier", "Avery Smith", "文在寅"):
        assert without_label(name) == name, name
    assert stated_byline("Text: Maria Berg") == "Maria Berg"
    assert stated_byline("Maria Berg") is None and stated_byline("Text: the end of the story") is None
    assert name_in_script("王小明") and name_in_script("山田 太郎") and not name_in_script("索尼、鎧俠業績遭波及")


def test_a_sentence_in_cjk_or_a_button_is_no_name() -> None:
    judge = judge_of([_P1, _P2, _P3])
    assert judge.verdict("最新消息 遭證實向國防部索取軍機資料 吳斯懷:問政需求、合情合理")[0]
    assert judge.verdict("Sign InSign Up")[0]
    assert judge.verdict("Member Since:")[0] and judge.verdict("发布于社区管理")[0]
    assert judge.verdict("The Simplicity Habit") == (False, "it opens with an article (a site's, a show's or a "
                                                            "section's name)")
    for name in ("范姜佳鈺", "软唐知产小傅", "山田 太郎", "Theo Walcott"):
        assert judge.verdict(name) is None, name


@pytest.mark.parametrize("box", ["Maria Schneider\nSenior Reporter\n", "Maria Schneider\nContact\nMore by this author\n",
                                 "Maria Schneider\nOta yhteyttä\nKirjoittajan muut jutut\n"])
def test_a_name_over_a_role_or_the_writers_other_posts_closes_the_post(box: str) -> None:
    cap = parse_text(_page("12 March 2021", box))
    assert cap.author == "Maria Schneider" and cap.author_how == "uncertain byline"


def test_a_labelled_credit_under_the_text_is_uncertain() -> None:
    cap = parse_text(_page("12 March 2021", "Read also\nAnother story about the library\nPenulis: Maria Schneider\n"
                                            "Editor: John Smith\n"))
    assert cap.author == "Maria Schneider" and cap.author_how == "uncertain byline"


def test_a_books_author_in_its_box_of_facts_is_not_the_posts() -> None:
    facts = ["Titel: The Casquette Girls", "Seiten: 400 Seiten", "Autorin: Alys Arden", "Verlag: Egmont", ""]
    cap = Capture(engine="text")
    _closing_credit([_P1, "", *facts, _P2], cap)
    assert cap.author is None
    _closing_credit([_P1, "", *facts[2:], _P2], cap)
    assert cap.author == "Alys Arden"


@pytest.mark.parametrize("byline", ["上報快訊／范姜佳鈺 2021年03月12日 20:19:00", "2021-03-12 15:05聯合報 記者范姜佳鈺／即時報導"])
def test_an_outlets_words_before_the_reporters_name(byline: str) -> None:
    cap = parse_text(_page(byline))
    assert cap.author == "范姜佳鈺" and cap.published == "2021-03-12"



def test_posted_by_under_the_text_with_the_tags_after_it() -> None:
    sidebar = "Neueste Artikel\nDreimal gut gelaufen!\nDenker und Dichter zu Schule und Bildung\nArchiv\nApril 2013\n" \
              "März 2013\nFebruar 2013\nJanuar 2013\nMeta\nAnmelden\n"
    cap = parse_text(_page("12 March 2021", "Tweet\n Posted by Maria Schneider at 18:52 Tagged with: budget, "
                                            "library, council\n" + sidebar))
    assert cap.author == "Maria Schneider" and cap.author_how == "byline"
