"""Text captures in the languages and scripts the first dev batches lacked (batch tx-lg): dates printed
year first, bylines and update labels in other languages, buttons by the byline, and a headline nobody
marked left empty rather than guessed (see also ``test_text_captures``)."""

from __future__ import annotations

import pytest

from book.sources.dates import date_line, find_date
from book.sources.text_header import _person, meta_line
from book.sources.text_lines import name_date


@pytest.mark.parametrize(("text", "iso"), [
    ("2020年07月03日 | 徒歩", "2020-07-03"),            # Japanese, Chinese
    ("2020年3月12日 20:19:00", "2020-03-12"),
    ("2020. 06. 04. 11:27", "2020-06-04"),              # Hungarian
    ("2016.03.16 21:14", "2016-03-16"),                 # Korean
    ("2020/07/13 01:10", "2020-07-13"),
])
def test_a_date_printed_year_first_is_read(text: str, iso: str) -> None:
    found = find_date(text)
    assert found is not None and found.iso == iso


@pytest.mark.parametrize("text", ["2020/13/40", "3.2020.1.1", "12.2020.05.07"])
def test_no_year_first_date_where_the_numbers_are_none(text: str) -> None:
    assert find_date(text) is None


@pytest.mark.parametrize(("line", "meta"), [
    ("입력2023.11.02. 오후 8:06", (None, "2023-11-02")),          # a Korean label glued to the date
    ("승인 2016.03.16 21:14", (None, "2016-03-16")),
    ("質問日時：2020/07/13 01:10", (None, "2020-07-13")),
    ("José Volta e Pinto 11 de Outubro de 2020, 8:34", ("José Volta e Pinto", "2020-10-11")),
    ("Piše: Petar Mucović 12.03.2020", ("Petar Mucović", "2020-03-12")),
    ("Penulis: Muhammad Renald", ("Muhammad Renald", None)),
])
def test_bylines_and_date_labels_of_other_languages(line: str, meta: tuple) -> None:
    assert meta_line(line) == meta


@pytest.mark.parametrize("line", ["28.5.2020 17:43 Uppdaterad 28.5.2020 17:43",
                                  "30.11.2020 18:14 | Son Güncelleme: 30.11.2020 18:14",
                                  "19.2.202016:20päivitetty 19.2.202016:20"])
def test_an_update_label_in_another_language_is_no_name(line: str) -> None:
    """Swedish, Turkish and Finnish "updated": before, the label was read as the writer's name."""
    name, iso = meta_line(line)
    assert name is None and iso is not None


@pytest.mark.parametrize("line", ["TAKİP ET", "Follow Anna", "Kontakt Redaktion"])
def test_a_follow_or_contact_button_is_no_name(line: str) -> None:
    assert not _person(line)


def test_a_name_printed_alone_is_still_a_person() -> None:
    assert _person("Anna Berg")


def test_a_long_line_of_cjk_text_is_a_paragraph() -> None:
    """Chinese and Japanese do not space their words: a paragraph is told by its length in characters."""
    from book.sources.text_header import _prose
    assert _prose("鉄山という名前にひかれて登ってみたいと思っていたし平日の休みで梅雨の合い間の晴れで八経ヶ岳に登りました")
    assert not _prose("索尼、鎧俠業績遭波及 已向美申請供貨華為")          # a headline


def test_a_cjk_blog_header_gives_title_and_date_not_its_category() -> None:
    """Blog name, headline, "DATE | CATEGORY", text: the category in brackets is no writer's name."""
    from book.sources.capture_text import parse_text
    cap = parse_text("山歩きブログ\n\n鉄山から弥山へ オオヤマレンゲ咲いてます\n\n2020年07月03日 | 徒歩（ハイキング）\n\n"
                     "鉄山という名前にひかれて登ってみたいと思っていたし平日の休みで梅雨の合い間の晴れで八経ヶ岳に登りました\n\n"
                     "下山は行者還トンネル東口となるので大川口の車まで戻るために自転車をデポしておきますね\n")
    assert (cap.title, cap.published, cap.author) == ("鉄山から弥山へ オオヤマレンゲ咲いてます", "2020-07-03", None)


@pytest.mark.parametrize("text", ["il y a 3 jours", "vor 2 Tagen", "hace 2 días", "2 anni fa", "3 dagen geleden",
                                  "19 horas atrás", "1周前", "19 天前", "7d ago", "1 yr. ago", "2 weeks 6 days ago"])
def test_a_relative_time_in_any_language_is_a_date_line(text: str) -> None:
    """dateparser's words for units and "ago" in the page's languages: the day is unknown (the copy does not
    say when it was saved), but the line is a date's, as a header's date line must be."""
    found = date_line(text)
    assert found is not None and found.iso is None


@pytest.mark.parametrize("text", ["3 Likes", "Top 10", "(30 mins)", "48 heures", "60 minutes", "11 g", "17h17",
                                  "15 min 10 min 2", "24hrs This month", "from 1 hour ago.", "13h", "Today"])
def test_counts_durations_and_clocks_are_no_relative_time(text: str) -> None:
    """A count of likes, a duration, a weight, a clock, the end of a sentence: no date line. A compact age
    alone on its line ("13h") is a list's as often as a header's: only beside a name does it count."""
    assert date_line(text) is None


@pytest.mark.parametrize(("line", "name"), [("u/someone · 7d", "u/someone"), ("Dessalines 3h", "Dessalines"),
                                            ("jamesw 1 year ago", "jamesw"), ("Kevin 12 min", "Kevin")])
def test_a_compact_age_beside_a_name_is_a_header(line: str, name: str) -> None:
    found = name_date(line)
    assert found is not None and found[0] == name and found[1].iso is None
