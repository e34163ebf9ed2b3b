"""Browser copies in shapes the text reader had not met before the `tx-nw` batch: bylines as a name over the
writer's role, labels and dates on lines of their own, dates under the post, closing biographies, comment
headers that print the date first, and widgets (teasers, footer links) that are no thread.

Each test is one mechanism on a small copy written for the test, the way Chromium copies such pages.
"""

from __future__ import annotations

from pathlib import Path

from book.sources import chrome
from book.sources.capture_text import parse_text
from book.sources.names import clean_name
from book.sources.text_header import meta_line
from book.sources.text_lines import word_list

from .helpers import MORE, NAV, PROSE, read_copy


def header(text: str) -> tuple[str | None, str | None, str | None]:
    cap = parse_text(text)
    return cap.title, cap.author, cap.published


def thread(text: str) -> list[tuple[str, str | None]]:
    return [(unit.kind, unit.author) for unit in parse_text(text).units[1:]]


def test_a_name_over_the_writers_role_is_the_byline_not_the_first_commenter() -> None:
    """Date over the headline, then the writer's name over a role line; the comments below have "NAME DATE"
    headers, which are not the post's byline; "Join the discussion" is no headline."""
    text = (NAV + "November 23, 2012\n\nFacebook Share\n\nTwitter Share\n\n"
            "Reducing false sharing with a new annotation\n\nDana Price\n\nSenior Research Scientist\n\n"
            + PROSE + "\n\n" + MORE + "\n\nJoin the discussion\n\nComments ( 2 )\n\n"
            "Sam Lee Saturday, November 24, 2012\n\nThanks for the write-up, this helped me a lot today.\n\n"
            "Ana Ruiz Sunday, November 25, 2012\n\nI had the same problem last year and solved it differently.\n")
    assert header(text) == ("Reducing false sharing with a new annotation", "Dana Price", "2012-11-23")
    assert thread(text) == [("comment", "Sam Lee"), ("comment", "Ana Ruiz")]


def test_a_list_of_words_is_a_headline_not_a_name() -> None:
    """"Quiet, Careful, Honest" over a date line: three listed words are no person printed over the date."""
    assert word_list("Resilient, Declarative, Contextual") and word_list("Forschung, Projekte, Sprachpunkt")
    assert not word_list("Reuters, Washington,") and not word_list("Greg Beacham, Ap Sports Writer")
    text = " Jo Writer\n\nPosts\n\nNotes\n\nTalks\n\nQuiet, Careful, Honest\n\n08 Jun 2018\n\n" + PROSE + "\n\n" + MORE + "\n"
    title, author, date = header(text)
    assert (title, date) == ("Quiet, Careful, Honest", "2018-06-08") and author != "Quiet, Careful, Honest"


def test_a_date_under_a_lone_updated_label_is_the_updates() -> None:
    text = (NAV + "Investor to advise the mayor on the budget\n\nAuthor:\n\nLaura Briggs\n\nUpdated:\n\n"
            "Mar 6, 2018\n\nOriginal:\n\nDec 21, 2016\n\n" + PROSE + "\n\n" + MORE + "\n")
    assert header(text) == ("Investor to advise the mayor on the budget", "Laura Briggs", "2016-12-21")


def test_a_menu_entry_and_a_timestamp_name_nobody() -> None:
    """"By the Web" and "Di stagione" are menu entries; an ISO timestamp leaves no "T Z" name behind."""
    assert clean_name("the Web") is None and clean_name("Theo Webster") == "Theo Webster"
    assert meta_line("2025-01-08T16:15:39Z") == (None, "2025-01-08")
    text = ("Ricette\n\nDi stagione\n\nNotizie\n\nHome → Notizie → Il clima cambia e noi con lui\n\n"
            "Il clima cambia e noi con lui\n\nUn lungo sottotitolo che racconta la storia in breve.\n\n"
            "di Redazione.it\n\n" + PROSE + "\n\n" + MORE + "\n\nPubblicato il:  30 Settembre 2020\n\n"
            "Ultimo aggiornamento:  1 Ottobre 2020\n")
    title, author, date = header(text)
    assert (title, date) == ("Il clima cambia e noi con lui", "2020-09-30") and author != "stagione"


def test_the_posts_date_from_under_its_text() -> None:
    """No date above the text: a labelled date under it counts, the first one (later ones date teasers); and
    the classic theme's "This entry was posted on DATE … and is filed under" sentence."""
    labelled = (NAV + "Das vermutlich beste Musikvideo der Welt\n\nvom Krimiblogger\n\n" + PROSE + "\n\n"
                "Veröffentlicht am: 6. August 2009\n\nKategorie: Alltag\n\nÄhnliche Beiträge\n\n"
                "Veröffentlicht am: 1. Juli 2009\n")
    assert header(labelled) == ("Das vermutlich beste Musikvideo der Welt", "Krimiblogger", "2009-08-06")
    classic = ("home photos about contact\n\n« Older post\n\nGoing mobile in 1998\n\n" + PROSE + "\n\n" + MORE +
               "\n\nThis entry was posted on Sunday, December 30th, 2012 at 3:00 pm and is filed under Personal. "
               "You can follow any responses to this entry through the RSS 2.0 feed.\n\n"
               "One Response to “Going mobile in 1998”\n\nMichael Holroyd Says:\n\nJanuary 7th, 2013 at 10:09 am\n\n"
               "Brings back memories of my first device.\n\nLeave a Reply\n")
    assert header(classic)[::2] == ("Going mobile in 1998", "2012-12-30")


def test_an_ellipsis_opens_no_headline_and_share_buttons_are_chrome() -> None:
    """Headline, a quoted fragment as standfirst, "by NAME DATE at TIME", a row of share buttons."""
    assert chrome.is_chrome_line("Share on Facebook654 Tweet Email Email Print")
    assert not chrome.is_chrome_line("Email marketing tips for beginners")
    text = (NAV + "Share on Facebook654 Tweet Email Email Print\n\nSuspect shot dead by a rookie officer in Milan\n\n"
            "\"... awaiting someone.”\n\nby Jack Dale December 23, 2016 at 7:18am\n\n"
            "Share on Facebook654 Tweet Email Email Print\n\n" + PROSE + "\n\n" + MORE + "\n")
    assert header(text) == ("Suspect shot dead by a rookie officer in Milan", "Jack Dale", "2016-12-23")


def test_a_two_word_headline_over_a_standfirst() -> None:
    text = ("Rubriken\n\nAktuellRezensionSachbuch\n\nUnstillbares Heimweh\n\n"
            "In seinem Essay erkundet der Autor ein paradoxes Gefühl zwischen Trauer und Sehnsucht, das uns alle "
            "betrifft.\n\n Frank Hahn am 18. September 2019\n\n" + PROSE + "\n\n" + MORE + "\n")
    assert header(text) == ("Unstillbares Heimweh", "Frank Hahn", "2019-09-18")


def test_a_closing_biography_names_the_author(tmp_path: Path) -> None:
    """"NAME (aka …) is the co-founder …" as the post's last paragraph, or NAME over "FIRSTNAME is a …";
    a teaser that merely starts like a sentence about someone ("Why TOAST is the best …") names nobody."""
    bio = ("Going mobile in 1998\n\nDecember 30, 2012\n\n" + PROSE + "\n\n" + MORE + "\n\n"
           "Andrew Montano (aka pixel, amontano) is the co-founder and CTO of a small analytics company in New York.\n\n"
           "More from this author...\n")
    assert read_copy(tmp_path, bio)[1] == "Andrew Montano"
    box = ("Before and after: a kitchen\n\n" + PROSE + "\n\n" + MORE + "\n\nKristin Appel\n\n"
           "Kristin is a contributing editor for the magazine and writes about kitchens and food.\n\n12 Comments\n")
    assert parse_text(box).author == "Kristin Appel"
    teaser = ("Anomaly detection with plain SQL\n\nSeptember 21, 2020\n\n" + PROSE + "\n\n" + MORE + "\n\n"
              "Why TOAST is the best thing since sliced bread for all of us.\n")
    assert parse_text(teaser).author is None


def test_a_byline_run_into_the_category_is_cut_to_the_name_printed_alone() -> None:
    text = (NAV + "How to add schema markup to a page\n\nBy Jane Roe WordPress No Comments\n\n" + PROSE + "\n\n"
            + MORE + "\n\nBio\n\nJane Roe\n\nOwner of a small agency\n")
    assert header(text)[1] == "Jane Roe"


def test_comment_headers_with_the_date_first_and_a_colon() -> None:
    text = ("Average page weight grows again\n\nCraig Buck\n\nPublished December 29, 2014\n\n" + PROSE + "\n\n"
            "Comments\n\nHave Your Say\n\nDecember 29, 2014 isights:\n\nSeems obvious to me, images got bigger.\n\n"
            "December 30, 2014 zackw:\n\nI blame framework bloat and overuse of scaffolding as well.\n\n"
            "Leave a comment\n")
    assert thread(text) == [("comment", "isights"), ("comment", "zackw")]


def test_read_all_comments_and_comments_off_end_the_thread() -> None:
    """A preview of top comments ends at "Read All Comments"; "Leider sind keine Kommentare möglich" ends a
    thread of one pingback: what follows is the page's footer, not comments."""
    preview = ("Pencil rumored for March\n\nWednesday January 18, 2017 10:44 am PST by Juli Clo\n\n" + PROSE + "\n\n"
               "[ 234 comments ]\n\nTop Rated Comments\n\njyen\n\n73 months ago\n\n"
               "Let me guess, thinner and a price bump.\n\nScore: 97 Votes (Like | Disagree)\n\nRead All Comments\n\n"
               "Popular Stories\n\nMonday August 8, 2022 3:59 am PDT by Hart Charlton\n\n"
               "Color options for all the new models: everything we know so far about them.\n")
    assert [author for _, author in thread(preview)] == ["jyen"]
    closed = (NAV + "Das Musikvideo\n\n" + PROSE + "\n\nKommentare\n\n[…] Hamburg feiert heute und ich schaue zu. […]\n\n"
              "Kommentar von Aus dem Tagebuch | Folge 10 am 07.08.09 um 10:25\n\n"
              "Leider sind keine Kommentare möglich.\n\n« Vorheriger Beitrag\n\nRasterfahndung\n\nRSS-Feed\n")
    assert len(thread(closed)) == 1


def test_teaser_lists_and_footer_links_are_no_thread() -> None:
    teasers = ("Schools fail in one chart\n\n By Bush Wash\n\nPublished December 21, 2016 at 8:31am\n\n" + PROSE +
               "\n\n" + MORE + "\n\nPopular Right Now\n\n" + "".join(
                   f"{name} August {day}, 2022 at 4:03pm\n\n{headline}\n\n{name} August {day}, 2022 at 4:03pm\n\n"
                   f"{n} Reactions\n\n" for name, day, headline, n in [
                       ("Steve Straub", 9, "Senator Shows His True Colors Over the Raid of the Home, We Need to Look", 661),
                       ("Mike Austin, The Journal", 7, "Expert Expects Insurance Companies to Take Legal Action Against Them", 819),
                       ("Grant Atkins, The Journal", 8, "It Wasn't Us! White House Panics as the Raid Backfires on Them All", 518)]))
    assert thread(teasers) == []
    footer = ("NFL payments can begin\n\nBy Kathy Wise Published in FrontBurner December 14, 2016 2:24 pm\n\n" + PROSE +
              "\n\nComments\n\nD Magazine Partners\n\nSections\n\nFood & Drink\n\nRenew\n\nYouTube\n")
    assert thread(footer) == []


def test_the_site_owner_from_a_copyright_line_with_an_initial() -> None:
    text = (" Keith J. Grant\n\nPosts\n\nNotes\n\nA careful look at layout\n\n08 Jun 2018\n\n" + PROSE + "\n\n" + MORE +
            "\n\n© 2015–2018 Keith J. Grant. All rights reserved.\n")
    assert header(text)[1] == "Keith J. Grant"


def test_one_answer_counted_in_german() -> None:
    assert chrome.counted("Eine Antwort zu “White Passing oder mein Leben”") == 1
    assert chrome.is_chrome_line("Join the discussion")


def test_short_dated_comments_by_nobody_stay_a_thread() -> None:
    """Two anonymous one-word comments, each with its date: no name and no prose, but dated, so a thread and
    not the footer links the rule above drops."""
    text = ("A quiet post\n\nPosted by Jo at 8:01 PM\n\n" + PROSE + "\n\n2 comments:\n\n"
            "Anonymous\n\nJanuary 5, 2020 at 10:00 AM\n\nLovely\n\nReply\n\n"
            "Anonymous\n\nJanuary 6, 2020 at 11:00 AM\n\nAgreed\n\nReply\n\nPost a Comment\n")
    assert [kind for kind, _ in thread(text)] == ["comment", "comment"]
