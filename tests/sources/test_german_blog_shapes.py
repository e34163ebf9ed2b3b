"""German-language blog posts with comment sections, in the shapes the `de1` batch showed: WordPress themes of
2008-2014 saved as static copies (a comment signed under its text, a date and clock time joined by a dash, a
German month with an English ordinal, a byline with its categories nested in it, "TITLE « SITE").

Each test is one mechanism on a small page or copy written for the test.
"""

from __future__ import annotations

from book.sources import chrome
from book.sources.capture_html import parse_html
from book.sources.capture_text import parse_text
from book.sources.dates import date_line, words_date
from book.sources.text_header import meta_line

from .helpers import MORE, PROSE


def _comments(text: str) -> list[tuple[str | None, str]]:
    return [(unit.author, unit.text.split()[0]) for unit in parse_text(text).units[1:]]


def test_a_bare_by_line_with_a_date_signs_the_comment_above_it() -> None:
    """Modernist's comments: the text, then "by NAME on D. Monat YYYY at HH:MM. Antworten #" under it. Without
    a date, "by NAME" under a comment signs nothing (a credit, a quotation's source)."""
    copy = (f"Es geht los\n\nby Michu on November 1, 2010\n\n{PROSE}\n\n{MORE}\n\n3 comments\n"
            "Share on Twitter, Facebook, Delicious, Digg, Reddit\n3 Kommentare\n\n"
            "viu spass! chunt scho guet!\n\nby Daniel Steffen on 1. November 2010 at 10:14. Antworten #\n\n"
            "wo geisch häre z payerne? zude flüger wenn ja\n\nby Simon Steffen on 1. November 2010 at 10:40. Antworten #\n\n"
            "Ig bi nid ir Flügerkasärne, sondern bi de Stinger…\n\nby Michu on 6. November 2010 at 23:27. Antworten #\n\n"
            "Kommentar schreiben\nName\n")
    assert _comments(copy) == [("Daniel Steffen", "viu"), ("Simon Steffen", "wo"), ("Michu", "Ig")]


def test_a_share_bar_may_list_its_services_with_commas() -> None:
    assert chrome.is_chrome_line("Share on Twitter, Facebook, Delicious, Digg, Reddit")
    assert not chrome.is_chrome_line("Facebook, the company, said so")


def test_a_date_and_its_clock_time_joined_by_a_dash_or_bar_is_a_date_line() -> None:
    assert date_line("25/01/2011 — 19:18").iso == "2011-01-25"
    assert date_line("24/06/2011 | 11:11").iso == "2011-06-24"
    found = date_line("12/02/2011 — 11:42")
    assert found is not None and found.iso is None and found.ambiguous      # day and month not guessed


def test_a_german_month_with_an_english_ordinal_is_read() -> None:
    """WordPress's "F jS, Y" on a German blog prints "Januar 27th, 2011"."""
    assert words_date("Januar 27th, 2011 11:09") == "2011-01-27"
    assert date_line("März 10th, 2010 13:34").iso == "2010-03-10"
    assert meta_line("Claudia on Januar 27th, 2011 11:09") == ("Claudia", "2011-01-27")


def test_a_comment_header_under_a_short_post_is_not_its_byline() -> None:
    """A post of short lines (a video's credits) has no paragraph above its thread: the first comment's name
    and date under "2 Kommentare" are no byline, and the line above the counter no headline."""
    copy = ("Blog\nMusic\nSinneserwachen – bewegte Eindrücke\n\n24/06/2011 · clemens · Kategorie: Videos ·\n\n"
            "Video by Morphium Film\n\nLabel: Night Drive Music\n\nDanke an alle Mitwirkenden – ihr seid klasse!\n\n"
            "2 Kommentare »\n\n Erich Bogatzky\n24/06/2011 — 11:11\n\n"
            "Ein natürliches Paradies inmitten von zubetoniertem Stadtgebiet, so idyllisch war es dort am Nachmittag.\n\n"
            " Philipp\n25/06/2011 — 09:13\n\n"
            "Ist das nächste schon in Planung? Es war so idyllisch, und die Musik hat bis in den Abend gepasst!\n\n"
            "Hinterlasse einen Kommentar\n")
    cap = parse_text(copy)
    assert cap.title != "Danke an alle Mitwirkenden – ihr seid klasse!"
    assert cap.author != "Erich Bogatzky"
    assert [unit.author for unit in cap.units[1:]] == ["Erich Bogatzky", "Philipp"]


_PAGE = ("<!doctype html><html><head><meta charset='utf-8'><title>Es geht los &laquo;  Michu im Krieg</title></head>"
         "<body><div id='header'><h1><a href='/'>Michu im Krieg</a></h1></div>"
         "<div class='post'><div class='post-header'><h2><a href='/2010/11/es-geht-los/' rel='bookmark'>Es geht los"
         "</a></h2><p>by Michu on November 1, 2010</p></div>"
         f"<p>{PROSE}</p><p>{MORE}</p></div>"
         "<div id='comments' class='post-comments'>"
         "<div class='comment even thread-even depth-1' id='comment-1'><div class='comment-body'>"
         "<p>viu spass! chunt scho guet!</p><p class='comment-meta'>by <a class='url' href='http://x.example/'>"
         "Daniel Steffen</a> on 1. November 2010 at 10:14. <a class='comment-reply-link' href='#'>Antworten</a> "
         "<a href='#comment-1'>#</a></p></div></div>"
         "<div class='comment byuser bypostauthor odd depth-2' id='comment-2'><div class='comment-body'>"
         "<p>Danke! Ich wurde bereits am ersten Tag verlegt.</p><p class='comment-meta'>by Michu on 6. November 2010 "
         "at 23:26. <a class='comment-reply-link' href='#'>Antworten</a> <a href='#comment-2'>#</a></p></div></div>"
         "</div></body></html>")


def test_an_html_comment_signed_under_its_text_names_its_writer() -> None:
    cap = parse_html(_PAGE)
    assert [(unit.author, unit.parent) for unit in cap.units[1:]] == [("Daniel Steffen", None), ("Michu", 1)]


def test_a_post_header_box_is_no_site_heading_and_a_laquo_parts_the_title_tag() -> None:
    cap = parse_html(_PAGE)
    assert cap.title == "Es geht los"
    assert cap.author == "Michu"


def test_a_byline_without_its_nested_categories_and_a_dated_first_line_under_the_headline() -> None:
    """"06/03/2011 · <span class=author>Stue · <span>Kategorie: <a rel=category>…</a></span></span>"; "24.02.2010 |
    NAME<br>Rubrik <a rel=category>…</a> | 3 Kommentare" right under the headline."""
    nested = ("<!doctype html><html><head><title>Platte der Woche #24 | Kombinat</title></head><body>"
              "<div class='post'><h2>Platte der Woche #24</h2><div class='meta'>06/03/2011 &middot; <span class='author'>"
              "Stue &middot; <span class='meta2'>Kategorie: <a href='/category/musik/' rel='category tag'>Musik</a>,"
              "<a href='/category/releases/' rel='category tag'>Releases</a></span> &middot; </span></div>"
              f"<p>{PROSE}</p><p>{MORE}</p></div></body></html>")
    assert parse_html(nested).author == "Stue"
    dated = ("<!doctype html><html><head><title>Neues von der Halbinsel : Club</title></head><body>"
             "<div id='contentleft'><h1>Neues von der Halbinsel</h1><p class='post_meta'>24.02.2010 | Johannes Heimrath"
             "<br/>Rubrik <a href='/?cat=22' rel='category'>Globale Weisheitskultur</a> | "
             "<a href='/?p=358#comments'>3 Kommentare</a></p>"
             f"<p>{PROSE}</p><p>{MORE}</p></div></body></html>")
    assert parse_html(dated).author == "Johannes Heimrath"
