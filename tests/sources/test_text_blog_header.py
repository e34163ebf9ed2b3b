"""A blog's header in a browser copy: its metadata line in the shapes themes print it (any language), the
headline under or over it, and the byline that closes a post (book.sources.text_header)."""

from __future__ import annotations

from pathlib import Path

import pytest

from book.sources.text_header import meta_line

from .helpers import read_copy

_PROSE = ("The long paragraph of the post goes on for a while, so that it reads as prose and not as a header line, "
          "and then it says a little more about the garden and the weather this spring.")
_MORE = ("Another paragraph follows the first one, long enough to be read as the text of the post, with a few "
         "more words about the plants and the rain.")
_MENU = "Zum Inhalt springen\n\nMein kleiner Blog\n\nStartseite\n\nÜber mich\n\nKontakt\n\n"


@pytest.mark.parametrize(("line", "expected"), [
    ("January 10, 2019 JeGX 1 Comment", ("JeGX", "2019-01-10")),
    ("November 21, 2022 Jules", ("Jules", "2022-11-21")),
    ("October 12, 2018/0 Comments/in Jeongdong Promotion /by jdadmin", ("jdadmin", "2018-10-12")),
    ("Donnerstag, 15.2.2018, 19:51 > da]v[ax", ("da]v[ax", "2018-02-15")),
    ("By Amelie Marie Nishizawa Feb 8, 2020 5 min read", ("Amelie Marie Nishizawa", "2020-02-08")),
    ("Veröffentlicht vonChris Jung 28. Februar 2016", ("Chris Jung", "2016-02-28")),
    ("Veröffentlicht am 10. Februar 20199. Februar 2019 von Heiko", ("Heiko", "2019-02-10")),
    ("Filed under: Alltag,Bücher — jancak @ 00:11", ("jancak", None)),
    ("Post author  By Helge Fahrnberger", ("Helge Fahrnberger", None)),
    ("Posted by Nikhil Marathe on March 10, 2015at 08:05", ("Nikhil Marathe", "2015-03-10")),
    ("Nicolas Perriault — 2013-09-29— in Code — Permalink — License— flattr this", ("Nicolas Perriault", "2013-09-29")),
    ("Thu 3 Jan 2019 02.00 EST Last modified on Wed 16 Jan 2019 06.16 EST", (None, "2019-01-03")),
    ("28 kwietnia 2021 Polityka Fundusz Odbudowy, lewica, PiS", (None, "2021-04-28")),
])
def test_a_blog_metadata_line_gives_its_name_and_date(line: str, expected: tuple[str | None, str | None]) -> None:
    assert meta_line(line) == expected


@pytest.mark.parametrize("line", [
    "Die Welt von gestern",                                   # a headline's "von", no byline
    "Bilder von Anna Berg",
    "Erscheinungsdatum: 14.08.2017",                          # a book's facts, not the post's header
    "We met on March 3, 2019 and talked about the weather and the garden all day long.",
    "Laufen im Winter: Von „bäh!“ zu „yeah!“ in 12 Monaten.",
])
def test_lines_that_are_no_blog_metadata(line: str) -> None:
    assert meta_line(line) is None


def test_date_and_name_then_a_counter_under_the_headline(tmp_path: Path) -> None:
    """"DATE NAME 1 Comment" under the headline (a WordPress theme): no label names the author."""
    text = (_MENU + "Python 3: simple HTTP Request with the Socket module\n\nJanuary 10, 2019 JeGX 1 Comment\n\n"
            "PYTHON 3 DEMOPACK\n\n" + _PROSE + "\n\n" + _MORE + "\n")
    assert read_copy(tmp_path, text) == ("Python 3: simple HTTP Request with the Socket module", "JeGX", "2019-01-10")


def test_the_byline_above_the_headline(tmp_path: Path) -> None:
    """"Veröffentlicht am DATE von NAME" printed over the headline (Twenty Seventeen): the headline is the line
    under it, not the menu entry over it, even when it ends with a full stop."""
    text = (_MENU + "Haftungsausschluss\n\nVeröffentlicht am 10. Februar 20199. Februar 2019 von Heiko\n\n"
            "Laufen im Winter: Von „bäh!“ zu „yeah!“ in 12 Monaten.\n\n" + _PROSE + "\n\n" + _MORE + "\n")
    assert read_copy(tmp_path, text) == ("Laufen im Winter: Von „bäh!“ zu „yeah!“ in 12 Monaten.", "Heiko", "2019-02-10")


def test_a_date_header_over_the_headline_and_filed_under_by_name(tmp_path: Path) -> None:
    """WordPress.com's classic theme: the blog's name, the date, the headline, then "Filed under: … — NAME @ TIME"."""
    text = ("Literaturgefluester\n\n2019-01-01\n\nIns neue Jahr\n\n"
            "Filed under: Alltagsgeplauder,Büchergeschichten — jancak @ 00:11\n\nTags: Neujahrswünsche\n\n"
            + _PROSE + "\n\n" + _MORE + "\n")
    assert read_copy(tmp_path, text) == ("Ins neue Jahr", "jancak", "2019-01-01")


def test_screen_reader_labels_and_a_pager_between_headline_and_byline(tmp_path: Path) -> None:
    """"Post author By NAME" / "Post date DATE" (labels copied with their values), and "Older"/"Newer" links
    between the headline and its byline."""
    text = (_MENU + "Warum Wien zu blöd für eine staufreie Mahü ist\n\nOlder Article\n\nNewer Article\n\n"
            "Post author  By Helge Fahrnberger\n\nPost date  March 5, 2014\n\n" + _PROSE + "\n\n" + _MORE + "\n")
    assert read_copy(tmp_path, text) == ("Warum Wien zu blöd für eine staufreie Mahü ist", "Helge Fahrnberger",
                                     "2014-03-05")


def test_a_date_alone_under_the_headline_over_a_furniture_line(tmp_path: Path) -> None:
    """Headline, date, "Jump to Recipe": the furniture line under the date is not the headline."""
    text = ("Home\n\nRecipe Index\n\nOther Review\n\nVegan Styled Char Kway Teow (Stir Fry Flat Rice Noodles)\n\n"
            "September 28, 2020\n\nJump to RecipePrint Recipe\n\n" + _PROSE + "\n\n" + _MORE + "\n")
    title, _author, date = read_copy(tmp_path, text)
    assert (title, date) == ("Vegan Styled Char Kway Teow (Stir Fry Flat Rice Noodles)", "2020-09-28")


def test_the_name_alone_between_the_headline_and_a_dated_tag_line(tmp_path: Path) -> None:
    """Headline, the author's name alone, "28 kwietnia 2021 CATEGORY TAGS" (a date dateparser reads)."""
    text = ("Dodaj treść\n\nPolityka\n\nKultura\n\nKoncesjonowana opozycja\n\nLeszek Jażdżewski\n\n"
            "28 kwietnia 2021 Polityka Fundusz Odbudowy, lewica, PiS\n\n" + _PROSE + "\n\n" + _MORE + "\n")
    assert read_copy(tmp_path, text) == ("Koncesjonowana opozycja", "Leszek Jażdżewski", "2021-04-28")


def test_a_closing_byline_past_the_footer_links(tmp_path: Path) -> None:
    """No byline above the text; "NAME — DATE — in CATEGORY — Permalink" closes the post, before the site's
    footer links."""
    text = ("Hi, I'm Nicolas.\n\nGet your Frontend JavaScript Code Covered\n\n" + _PROSE + "\n\n" + _MORE + "\n\n"
            "Nicolas Perriault — 2013-09-29— in Code — Permalink — License— flattr this\n\n"
            "Older post | Newer post\n\nHome\n\nCode\n\nPhotography\n\nTalks\n\nContact\n")
    _title, author, date = read_copy(tmp_path, text)
    assert (author, date) == ("Nicolas Perriault", "2013-09-29")


def test_the_header_zone_reads_the_name_before_the_month(tmp_path: Path) -> None:
    """"By NAME Feb 8, 2020 5 min read" under a headline and a standfirst: the month is not part of the name."""
    text = (_MENU + "Tweet of the Week #67: Dealing With Chikan\n\n"
            "Follow these steps shared on Twitter to safely apprehend a train groper in Japan.\n\n"
            "By Amelie Marie Nishizawa Feb 8, 2020 5 min read\n\n" + _PROSE + "\n\n" + _MORE + "\n")
    assert read_copy(tmp_path, text) == ("Tweet of the Week #67: Dealing With Chikan", "Amelie Marie Nishizawa",
                                     "2020-02-08")


def test_the_authors_name_over_the_date_over_the_headline(tmp_path: Path) -> None:
    """Wix: the author's name, the date (in German words), the headline, then the text."""
    text = ("POLITIK\n\nWIRTSCHAFT\n\nMore\n\nBianca Praetorius\n\n2. Okt. 2022\n\n"
            "Das Dating-Dilemma erfolgreicher Frauen\n\n" + _PROSE + "\n\n" + _MORE + "\n")
    assert read_copy(tmp_path, text) == ("Das Dating-Dilemma erfolgreicher Frauen", "Bianca Praetorius", "2022-10-02")


def test_a_blogs_name_over_a_date_header_is_not_the_author(tmp_path: Path) -> None:
    """Blogger: the blog's name is the copy's first line, over the date header; it names no author."""
    text = ("Silicon Exposed\n\nSunday, May 8, 2016\n\nOpen Verilog flow for programmable logic devices\n\n"
            + _PROSE + "\n\n" + _MORE + "\n")
    title, author, date = read_copy(tmp_path, text)
    assert (title, date) == ("Open Verilog flow for programmable logic devices", "2016-05-08")
    assert author != "Silicon Exposed"


def test_the_headline_under_a_breadcrumb_trail(tmp_path: Path) -> None:
    """No byline, no date: the line under "Home » Ornamentals » Vines » Bougainvilleas" that the text follows."""
    text = ("Skip to content\n\nPlant Care Today\n\nPlant Care\n\nHouse Plants\n\n"
            "Home » Ornamentals » Vines » Bougainvilleas\n\nHow To Grow and Care For Bougainvillea\n\n"
            + _PROSE + "\n\n" + _MORE + "\n")
    title, _author, _date = read_copy(tmp_path, text)
    assert title == "How To Grow and Care For Bougainvillea"


def test_labelled_metadata_lines_under_a_headline_the_counter_names(tmp_path: Path) -> None:
    """"1 Comment on TITLE" names the headline; the "Post author By NAME" and "Post date DATE" lines under it
    are read as its byline and date."""
    text = (_MENU + "Warum Wien zu blöd für eine staufreie Mahü ist\n\nPost author  By Helge Fahrnberger\n\n"
            "Post date  March 5, 2014\n\n 1 Comment on Warum Wien zu blöd für eine staufreie Mahü ist\n\n"
            + _PROSE + "\n\n" + _MORE + "\n")
    assert read_copy(tmp_path, text) == ("Warum Wien zu blöd für eine staufreie Mahü ist", "Helge Fahrnberger",
                                     "2014-03-05")


def test_a_recent_posts_widget_under_the_headline_names_no_author(tmp_path: Path) -> None:
    """"DATE NAME" lines of a recent-posts widget below other lines under the headline are not its byline."""
    text = ("Home\n\nBlog\n\nHow to Grow a Lemon Tree from Seed\n\nRECENT POSTS\n\nOctober 30, 2020 Kate May\n\n"
            "ZZ Plant Care: A Complete Guide\n\nRead More\n\n" + _PROSE + "\n\n" + _MORE + "\n")
    _title, author, _date = read_copy(tmp_path, text)
    assert author is None


def test_the_headline_a_breadcrumb_trail_names_and_the_date_between(tmp_path: Path) -> None:
    """The trail ends in the page's name, and that name stands alone a few lines down, past a pager and a
    date line: two witnesses for the headline, and the date between them is the post's."""
    text = ("Forum: Log in | Register\n\nNews\n\nMagazine\n\nArchive\n\n"
            "Mac > News > 2015 > Week 15 > The password manager now makes one-time codes\n\n"
            "« Previous | Next »\n\n08.04.2015 12:46\n\nThe password manager now makes one-time codes\n\n"
            f"{_PROSE}\n\n{_MORE}\n")
    assert read_copy(tmp_path, text) == ("The password manager now makes one-time codes", None, "2015-04-08")


def test_an_embedded_tweets_credit_is_not_the_byline(tmp_path: Path) -> None:
    """"— NAME (@handle) DATE" signs a quoted tweet inside the post; the post's own byline is at its end."""
    text = ("Hi, I'm Nicolas.\nI code stuff. I take photos.\nGet your code covered\n\n"
            f"{_PROSE}\n\nDrinking game for web devs:\n(1) Think of a noun\n(2) Google \"<noun>.js\"\n"
            "(3) If a library with that name exists - drink\n\n— Shay Friedman (@ironshay) August 22, 2013\n\n"
            f"{_MORE}\n\n{_PROSE}\n\nNicolas Perriault — 2013-09-29 — in Code — Permalink\n")
    title, author, published = read_copy(tmp_path, text)
    assert (author, published) == ("Nicolas Perriault", "2013-09-29")
    assert title != "(3) If a library with that name exists - drink"
