"""The header zone of a browser copy: the byline and date lines just above the post's first paragraph, among
share buttons, captions and section words, and the headline above them (or under a date that heads them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from book.sources.capture_text import _name_and_role, _zone_date, parse_text

from .helpers import import_json, read_copy

_PROSE = ("The long paragraph of the post goes on for a while, so that it reads as prose and not as a header line, "
          "and then it says a little more about the garden and the weather this spring.")
_NAV = "Home\n\nNews\n\nSport\n\nWeather\n\nSign in\n\n"


def test_a_byline_among_share_buttons_and_a_caption_under_a_standfirst(tmp_path: Path) -> None:
    """Headline, standfirst, "By NAME", the desk, share buttons, a photo caption, then the text: the standfirst
    is passed over and the caption is not the headline."""
    text = (_NAV + "November 08, 2023\n\nSixers beat the Celtics in a statement win\n\n"
            "The Sixers captured their biggest win of the year on Wednesday night.\n\nBy Adam Archer\n\n"
            "City Voice Staff\n\nShare\n\nTweet\n\nJohn Doe/USA TODAY Sports\n\nTwo players jump for the ball\n\n"
            + _PROSE + "\n")
    assert read_copy(tmp_path, text) == ("Sixers beat the Celtics in a statement win", "Adam Archer", "2023-11-08")


def test_a_by_glued_to_the_name_and_a_weekday_date(tmp_path: Path) -> None:
    text = (_NAV + "lewdness\n\nA salon chain bans men from all of its locations\n\nByAlex Bozar\n\n"
            "Thursday, November 9, 2023 4:41AM\n\nEMBED <>More Videos\n\n" + _PROSE + "\n")
    assert read_copy(tmp_path, text) == ("A salon chain bans men from all of its locations", "Alex Bozar", "2023-11-09")


def test_by_on_its_own_line_and_a_role_glued_to_the_name(tmp_path: Path) -> None:
    """"By" alone, then "NAMELive and breaking news reporter" (the role glued by the copy), then a time-first
    date; section words and buttons between the headline and the byline are passed over."""
    text = (_NAV + "Update on the case of the missing painting from the town museum\n\nmen\n\nBookmark\n\nShare\n\n"
            "News\n\nBy\n\nAshlie BlakeLive and breaking news reporter\n\n10:04, 3 NOV 2023\n\nBookmark\n\n"
            + _PROSE + "\n")
    assert read_copy(tmp_path, text) == ("Update on the case of the missing painting from the town museum",
                                     "Ashlie Blake", "2023-11-03")


def test_a_credit_label_and_a_date_in_russian_words(tmp_path: Path) -> None:
    """"Текст: NAME·11 октября 2018": the label is not the name, and dateparser reads the date."""
    text = ("Новости\n\nКонкурсы\n\nМастера вкуса: лучшие блогеры года\n\n" + _PROSE + "\n\n"
            "Текст: Лида Буслаева·11 октября 2018\n\n" + _PROSE + "\n")
    assert read_copy(tmp_path, text) == ("Мастера вкуса: лучшие блогеры года", "Лида Буслаева", "2018-10-11")


def test_a_name_line_over_a_date_line_under_a_comment_button(tmp_path: Path) -> None:
    text = (_NAV + "Home › News › Tech\n\nStorm may fire a sting jet at the coast tonight\n\nComment\n\n"
            "Katherine Fiddler\n\nThursday 2 Nov 2023 10:09 am\n\nShare this article via whatsapp\n\n" + _PROSE + "\n")
    assert read_copy(tmp_path, text) == ("Storm may fire a sting jet at the coast tonight", "Katherine Fiddler",
                                     "2023-11-02")


def test_a_date_over_the_headline_and_the_name_with_its_role_under_it(tmp_path: Path) -> None:
    text = (_NAV + "17m\n\n1 Nov 2023\n\nIsrael hunts leaders in Gaza as the border opens\n\n"
            " Lindsey Hills International Editor\n\n" + _PROSE + "\n")
    assert read_copy(tmp_path, text) == ("Israel hunts leaders in Gaza as the border opens", "Lindsey Hills",
                                     "2023-11-01")


def test_labels_on_lines_of_their_own(tmp_path: Path) -> None:
    """"Author:" / NAME / "Publish date:" / DATE: the name after its label is no headline. (Over a text about
    neither, the headline and the teaser under it read alike: the choice is doubted where it is the teaser.)"""
    text = (_NAV + "Opening Bell\n\nOpening Bell 11.18.19\n\nT-Swift is beefing with a fund ... what a time ...\n\n"
            "Author:\n\nThe Water Coolest\n\nPublish date:\n\nNov 18, 2019\n\n" + _PROSE + "\n")
    assert read_copy(tmp_path, text)[1:] == ("The Water Coolest", "2019-11-18")
    cap = parse_text(text)
    assert cap.title == "Opening Bell 11.18.19" or cap.title_doubt is not None


def test_today_with_a_time_is_a_date_not_the_headline(tmp_path: Path) -> None:
    text = (_NAV + "Advice\n\nDear Abby: Husband flies business class, wife in economy\n\nToday 12:01 AM\n\n"
            "By Abigail Van Buren\n\n" + _PROSE + "\n")
    assert read_copy(tmp_path, text) == ("Dear Abby: Husband flies business class, wife in economy", "Abigail Van Buren",
                                     None)


def test_a_question_headline_under_the_site_tagline(tmp_path: Path) -> None:
    """A headline may end in a question mark: only a stated sentence is a standfirst to pass over."""
    text = ("sladisworld\n\nAbout\n\n…through the looking glass…\n\nWas wurde eigentlich aus Six Sigma?\n\n"
            "Dezember 10, 2019 · von freeman1984 · in Uncategorized\n\n" + _PROSE + "\n")
    assert read_copy(tmp_path, text) == ("Was wurde eigentlich aus Six Sigma?", "freeman1984", "2019-12-10")


def test_the_published_date_is_preferred_to_the_update(tmp_path: Path) -> None:
    text = (_NAV + "Christmas market to take place this weekend in the town hall\n\nBy Sophie Lewin\n\n"
            "Updated 5th Nov 2023, 08:10 GMT\n\nPublished 3rd Nov 2023, 08:08 GMT\n\n" + _PROSE + "\n")
    assert read_copy(tmp_path, text) == ("Christmas market to take place this weekend in the town hall", "Sophie Lewin",
                                     "2023-11-03")


def test_a_date_then_von_and_the_name_on_the_next_line(tmp_path: Path) -> None:
    text = (_NAV + "Landwirtschaft\n\nMinisterin offen für eine Prämie der Gründer\n\n" + _PROSE + "\n\n"
            "21.01.2022 11:46 von\n\nPatrick Ott\n\nVertreter der Verbände sprachen mit der Ministerin. (Bildquelle: Ring)"
            "\n\n" + _PROSE + "\n")
    assert read_copy(tmp_path, text) == ("Ministerin offen für eine Prämie der Gründer", "Patrick Ott", "2022-01-21")


@pytest.mark.parametrize(("line", "iso", "updated"), [
    ("Published 3rd Nov 2023, 08:08 GMT", "2023-11-03", False),
    ("Updated 3rd Nov 2023, 08:10 GMT", "2023-11-03", True),
    ("10:04, 3 NOV 2023", "2023-11-03", False),
    ("2023/11/02 22:27", "2023-11-02", False),
    ("Posted: Nov 8, 2023 / 11:50 AM EST", "2023-11-08", False),
    ("Today 12:01 AM", None, False),
])
def test_header_date_lines_with_labels_and_times(line: str, iso: str | None, updated: bool) -> None:
    found = _zone_date(line)
    assert found is not None and (found[0].iso, found[1]) == (iso, updated)


@pytest.mark.parametrize(("line", "name"), [
    ("Greg Beacham, Ap Sports Writer", "Greg Beacham"),
    ("Ashlie BlakeyLive and breaking news reporter", "Ashlie Blakey"),
    ("Inga HoeltmannFollow", "Inga Hoeltmann"),
    (" Lindsey Hilsum International Editor", "Lindsey Hilsum"),
    ("Jessica DeFino", None),                  # a capital inside a name is not a role glued to it
    ("Two players jump for the ball", None),
])
def test_a_name_and_its_role(line: str, name: str | None) -> None:
    assert _name_and_role(line) == name


def test_signature_lines_that_head_each_comment_name_the_text_under_them(tmp_path: Path) -> None:
    """"geschrieben von NAME am DATE [ antworten ]" above each comment's text (the last one too): a header, so
    each text goes to the name above it, not to the one below."""
    comments = "".join(f"Betreff {n}\ngeschrieben von {name} am {n}. Jan. 2015, 19:04 [ antworten ]\n\n{text}\n\n"
                       for n, (name, text) in enumerate([
                           ("berg2012", "Ich hätte eine andere Erklärung für den Multiplikator und seine Wirkung."),
                           ("wScherf", "Wenn man Steuern und Transfers schätzt, sollte man anders rechnen als hier."),
                           ("GeorgQuaas", "Kurze Antwort: die Größenordnungen sind im Beitrag genau angegeben.")], 1))
    capture = tmp_path / "copy.txt"
    capture.write_text(_NAV + "Eine Interpretation des Multiplikators\n\nGeorg Quaas, 21. Jan. 2015\n\n" + _PROSE
                       + "\n\n3 Kommentare\n\n" + comments + "Sie müssen sich anmelden, um zu kommentieren.\n",
                       encoding="utf-8")
    data = import_json(capture, tmp_path / "m")
    said = {u["text"][:8]: (u["author"] or "").replace(" ", "") for u in data["units"][1:]}   # the host's spelling may
    assert (said["Ich hätt"], said["Wenn man"], said["Kurze An"]) == ("berg2012", "wScherf", "GeorgQuaas")  # be used
