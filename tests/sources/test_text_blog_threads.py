"""Browser copies of blog posts in shapes the text reader had not met before the `tx-b4` batch: Blogger's
classic "NAME said..." threads under a custom counter, numbered headers that name whom they answer, pingbacks
printed as "TITLE says:", dates in words of months no list names, bylines among menus, ad labels and
teasers, and a comment form's fields.

Each test is one mechanism on a small copy written for the test, the way Chromium copies such pages.
"""

from __future__ import annotations

from book.sources import chrome
from book.sources.capture import Capture
from book.sources.capture_text import _opening_byline, _person, parse_text
from book.sources.dates import date_line
from book.sources.names import is_anonymous
from book.sources.text_lines import name_like

from .helpers import MORE, NAV, PROSE


def units(text: str) -> list[tuple[str, str | None, int | None]]:
    return [(unit.kind, unit.author, unit.parent) for unit in parse_text(text).units[1:]]


def test_a_date_in_words_of_any_month_dateparser_reads_is_a_date_line() -> None:
    """Polish and Portuguese months no list in the code names; a weekday with its comma; a connector the copy
    cut short. A name before a date without a comma stays a name ("Tim September 7, 2015")."""
    assert date_line("wtorek, 11 maja 2021, 23:13").iso == "2021-05-11"
    assert date_line("28 kwietnia 2021, 06:29").iso == "2021-04-28"
    assert date_line("quarta-feira, 2 de março de 2011").iso == "2011-03-02"
    assert date_line("November 30, 2010 at").iso == "2010-11-30"
    assert date_line("Tim September 7, 2015 at 1:09 am") is None
    assert date_line("Page 2 of 2011") is None and date_line("Seite 3 von 2011") is None


def test_a_clock_before_the_date_and_a_two_digit_year_are_date_lines() -> None:
    """"09:02 PM 10/28/10": a date (the century is not guessed, so no ISO date)."""
    found = date_line("09:02 PM 10/28/10")
    assert found is not None and found.iso is None
    assert date_line("1/2/3") is None


def test_a_headline_with_a_subtitle_is_no_name() -> None:
    assert not name_like("Horóscopo do dia: previsões para")
    assert name_like("Dave Beazley")


def test_the_word_for_nobody_in_more_languages() -> None:
    assert is_anonymous("Anonim") and is_anonymous("Anoniem") and is_anonymous("Anônimo")
    assert not is_anonymous("Anton")


def test_bloggers_said_thread_under_a_custom_counter_before_a_sidebar_comments_link() -> None:
    """"48 mental poops:" is no counter the reader knows; the sidebar's "Comments" feed link further down is one,
    with no comment under it: the thread starts at the first "NAME said..." header. Braces and slashes in a
    name are the commenter's."""
    text = (NAV + "WEDNESDAY, MARCH 02, 2011\n\nA Matter of Time Before the Restraining Order\n\n" + PROSE + "\n\n"
            + MORE + "\n\nLabels: friends\n\n3 mental poops:\n\nVinny C said...\n\nI am curious as to what methods "
            "they used.\n\n7:34 AM\n\nDev{eloper} Stonez said...\n\nHonestly, I don't know why everyone is not "
            "friends with you.\n\n8:13 AM\n\nAnonymous said...\n\nBetween reposting your updates, you barely write "
            "new stuff.\n\n8:44 AM\n\nPost a Comment\n\nSubscribe To\n\n  Posts\n\n  Comments\n\nRead by Category\n\n"
            "awards bathroom casting couch celebrities college driving environment friends holidays kids stories\n")
    assert parse_text(text).title == "A Matter of Time Before the Restraining Order"
    assert units(text) == [("comment", "Vinny C", None), ("comment", "Dev{eloper} Stonez", None),
                           ("comment", None, None)]


def test_numbered_headers_that_name_whom_they_answer() -> None:
    """"12 Comments", an "Add Comment" button, sort controls, then "N. NAME TIME DATE" headers; "NAME in reply
    to NAME" answers that commenter's last comment. The button does not end the thread, the controls are no
    comment."""
    text = ("Everyday Exposure Decreases Quality\n\nBy Kate Harmon | October 28, 2010 | 3\n\n" + PROSE + "\n\n"
            + MORE + "\n\n3 Comments\n\nAdd Comment\n\nShow All | Jump To: 1-10 | Next\n\nOldest to Newest\n\n"
            "1. stueysplace 09:02 PM 10/28/10\n\nAs always the greatest discoveries are by accident.\n\n"
            "Reply | Report Abuse | Link to this\n\n2. ssarryo 11:36 PM 10/28/10\n\nWow, stueysplace! Sarcastic much?\n\n"
            "Reply | Report Abuse | Link to this\n\n3. JamesDavis in reply to stueysplace 07:45 AM 10/29/10\n\n"
            "You caught on pretty quick there, I must say.\n\nReply | Report Abuse | Link to this\n\n"
            "Add a Comment\n\nYou must log in to submit a comment.\n")
    cap = parse_text(text)
    assert units(text) == [("comment", "stueysplace", None), ("comment", "ssarryo", None),
                           ("comment", "JamesDavis", 1)]     # units count the post first
    assert "Report Abuse" not in cap.units[2].text
    assert any("Show All" in text for _reason, text in cap.dropped)


def test_a_titled_says_entry_over_a_date_and_an_excerpt_is_a_pingback() -> None:
    text = ("36 places to submit your startup\n\nOctober 4th, 2010\n\n" + PROSE + "\n\n" + MORE + "\n\n"
            "2 Responses to “36 places to submit your startup”\n\n Johan Hernandez says:\n\n"
            "October 4, 2010 at 8:01 pm\n\nThanks, pretty useful.\n\nReply\n\n"
            "links for 2010-10-04 | links.kburke.org says:\n\nOctober 5, 2010 at 1:07 am\n\n"
            "[...] 36 places to submit your startup | Traindom Blog [...]\n\nReply\n\nLeave a Reply\n")
    assert units(text) == [("comment", "Johan Hernandez", None),
                           ("pingback", "links for 2010-10-04 | links.kburke.org", None)]


def test_a_name_ending_a_run_of_menu_entries_is_no_byline() -> None:
    """"My Videos" over Blogger's date header is the menu's last entry; the headline is under the date."""
    text = ("Home\n\nAbout Me\n\nAwards\n\nShop At My Stores\n\nMy Videos\n\nWEDNESDAY, MARCH 02, 2011\n\n"
            "The Restraining Order Is Only a Matter of Time\n\n" + PROSE + "\n\n" + MORE + "\n")
    cap = parse_text(text)
    assert (cap.title, cap.author, cap.published) == ("The Restraining Order Is Only a Matter of Time", None,
                                                      "2011-03-02")


def test_a_date_over_the_headline_under_an_ad_label_and_a_byline_after_the_teaser() -> None:
    """"Anzeige" is an ad's label (chrome), not the headline; "Von NAME" after the standfirst and the teaser is
    the post's author."""
    assert chrome.is_chrome_line("Anzeige") and chrome.is_chrome_line("- Anúncio -")
    text = ("Search for:\n\nAnzeige\n\n08.03.2016 | 15:30 Uhr\n\nEinstieg ins TV-Geschäft: Wie Freenet Kunden "
            "gewinnen will\n\nUnter der Marke Mobilcom will der Konzern künftig Fernsehen über Antenne anbieten, "
            "sagt sein Chef.\n\n" + PROSE + "\n\nAnzeige\n\nVon Gregory Lipinski\n\n" + MORE + "\n")
    cap = parse_text(text)
    assert (cap.title, cap.author, cap.published) == (
        "Einstieg ins TV-Geschäft: Wie Freenet Kunden gewinnen will", "Gregory Lipinski", "2016-03-08")
    assert "Von Gregory Lipinski" not in cap.units[0].text


def test_a_place_after_von_is_no_opening_byline() -> None:
    """Only a person's capitalised words after "Von" make the opening byline."""
    cap = Capture(engine="text")
    lines = [PROSE, "", "Von Berlin nach Hamburg", "", MORE]
    assert _opening_byline(lines, cap) == lines and cap.author is None
    assert _opening_byline([PROSE, "Von Anna Berg", MORE], cap) == [PROSE, MORE] and cap.author == "Anna Berg"


def test_a_name_under_the_header_date_and_no_headline_in_the_name() -> None:
    """Headline, rubric, a date line, then the writer's name and the counter: the name under the date is the
    byline, and never the headline."""
    text = (NAV + "Salut und Kreuzketten im Rückblick\n\nKommentar\n\n19. Oktober 2019\n\nBoris T. Kaiser\n\n"
            "1 Kommentar\n\n" + PROSE + "\n\n" + MORE + "\n")
    cap = parse_text(text)
    assert (cap.author, cap.published) == ("Boris T. Kaiser", "2019-10-19")
    assert cap.title != "Boris T. Kaiser"


def test_a_comment_forms_author_field_is_no_byline_and_anonim_is_nobody() -> None:
    """The form above the thread ("Treść komentarza", "Autor komentarza"); "Anonim" signs for nobody; the date
    lines are Polish."""
    text = ("Rosjanie sugerują odcięcie gazu\n\n11 maja 2021, 11:49\n\n" + PROSE + "\n\n" + MORE + "\n\n"
            "Komentarze\n\nDodaj komentarz\n\nTreść komentarza\n\nAutor komentarza\n\nDodaj komentarz\n\n"
            "Robs\n\nwtorek, 11 maja 2021, 23:13\n\nTo przecież klient jest poszkodowany coś by się nam należało.\n\n"
            "Odpowiedz\n\nAnonim\n\nwtorek, 11 maja 2021, 22:32\n\nRuscy powoli dostają rozwolnienia, stare przysłowie.\n\n"
            "Odpowiedz\n")
    cap = parse_text(text)
    assert cap.author != "komentarza" and cap.published == "2021-05-11"
    assert [(kind, author) for kind, author, _ in units(text)] == [("comment", "Robs"), ("comment", None)]


def test_comments_closed_under_the_comments_ends_the_thread() -> None:
    text = ("Ein Titel für den Beitrag hier\n\nVon Anna Berg\n\n" + PROSE + "\n\n" + MORE + "\n\nAlle Kommentare\n\n"
            " B.A. sagt:\n\n16.03.2016 um 18:40 Uhr\n\nWARNING FRAUDULENT COMPANY, they charged me twice.\n\n"
            "Die Kommentarfunktion für diesen Artikel ist deaktiviert.\n\nMember of the Network\n")
    assert units(text) == [("comment", "B.A.", None)]


def test_a_photo_credit_is_no_person() -> None:
    """"Fot. Europol Gaz" under the header's date is the picture's credit, not the writer."""
    assert not _person("Fot. Europol Gaz") and not _person("Foto: Anna Berg")
    assert _person("Daniel Czyżewski")
