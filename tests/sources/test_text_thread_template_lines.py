"""Lines a comment template prints in every comment, and reply markers printed under a reply's text.

Small browser copies of shapes the tx-v9 validation batch was not tuned on: a date the theme did not render
("at" under every header), a likes line under every header ("No readers like this yet."), Drupal's
"In reply to SUBJECT by NAME" under the reply, a language label beside each commenter's name, a weekday before
a numeric date, a "log in to comment" prompt over a thread that prints no counter and no buttons.
"""

from __future__ import annotations

from book.sources.capture_text import parse_text
from book.sources.text_lines import name_date

POST = ("We spent the weekend on the coast and walked for hours along the cliffs, more than we can write "
        "down here in one go, and we will come back to it.")


def thread(text: str) -> list[tuple[str | None, str, int | None]]:
    """(author, first three words, parent) of every unit after the post; parents as indexes into the list."""
    cap = parse_text(text)
    return [(u.author, " ".join(u.text.split()[:3]), None if u.parent is None else u.parent - 1)
            for u in cap.units[1:]]


def test_a_line_under_every_header_is_the_templates_not_the_commenters() -> None:
    """"at" where the theme's date did not render: the texts begin with what each writer wrote."""
    lines = ["A walk on the cliffs", "By Anna Berg", POST, "", "3 Comments"]
    for name, words in [("Tom Ray", "Lovely pictures, thank you."), ("Jules", "We did the same walk in May."),
                        ("Franq", "Which path did you take?")]:
        lines += [f"{name} says:", "at", "", words, "", "Reply", ""]
    assert thread("\n".join(lines)) == [("Tom Ray", "Lovely pictures, thank", None), ("Jules", "We did the", None),
                                        ("Franq", "Which path did", None)]


def test_a_line_opening_one_comment_only_is_kept() -> None:
    """A line that opens one comment of three is that writer's: nothing is dropped."""
    lines = ["A walk on the cliffs", "By Anna Berg", POST, "", "3 Comments"]
    for name, first in [("Tom Ray", "Thanks!"), ("Jules", "We did the same walk in May."), ("Franq", "Which path?")]:
        lines += [f"{name} says:", "May 3, 2024 at 9:10 am", "", first, "", "Reply", ""]
    assert [words for _, words, _ in thread("\n".join(lines))] == ["Thanks!", "We did the", "Which path?"]


def test_in_reply_to_under_the_text_names_the_comment_answered() -> None:
    """Drupal: "NAME | DATE", a likes line, the text, then "In reply to SUBJECT by NAME (not verified)"; the
    SUBJECT (the answered comment's first words) picks which of Hx's comments is answered."""
    text = "\n".join([
        "Chat tools compared", "By Jason Baker", POST, "", "4 Comments",
        "Hx | September 25, 2015", "No readers like this yet.", "Stop using xchat, it is not developed any more.", "",
        "Hx | September 25, 2015", "No readers like this yet.", "Jabber group chat is worth a look too.", "",
        "Jason B | September 25, 2015", "No readers like this yet.", "I considered XMPP for this list.",
        "In reply to Jabber group chat is by Hx (not verified)", "",
        "Seth K | September 26, 2015", "No readers like this yet.", "We use a private Jabber server at work.",
        "In reply to I considered XMPP by Jason B", "",
    ])
    assert thread(text) == [("Hx", "Stop using xchat,", None), ("Hx", "Jabber group chat", None),
                            ("Jason B", "I considered XMPP", 1), ("Seth K", "We use a", 2)]


def test_a_label_beside_every_name_is_not_the_name() -> None:
    """Lemmy-like headers "NAME / English / 26· / 1 year ago" under a "log in to comment" prompt: the name is
    the line that varies, not the language every header repeats."""
    lines = ["Development update", POST, "", "You must log in or register to comment.", ""]
    for name, words in [("db0@lemmy.dbzer0.com", "Adding local settings is a good idea."),
                        ("Nutomic", "Yes, this has been a growing problem for a while."),
                        ("Corgana@startrek.website", "This is one of those features that matter."),
                        ("Blaze@feddit.org", "Did not even notice that, that is cool.")]:
        lines += [name, "English", "7·", "1 year ago", "", words, ""]
    assert [author for author, _, _ in thread("\n".join(lines))] == [
        "db0@lemmy.dbzer0.com", "Nutomic", "Corgana@startrek.website", "Blaze@feddit.org"]


def test_a_weekday_before_a_numeric_date_is_the_dates() -> None:
    assert name_date("Donald Elam Wed, 12/03/2025 - 02:42")[0] == "Donald Elam"
    assert name_date("Robin Thu, 09/28/2023 - 14:55")[0] == "Robin"
    assert name_date("Jin Sun 12/03/2025")[0] == "Jin Sun"          # no comma: a name, not a weekday


def test_a_counter_in_the_meta_line_over_the_post_does_not_start_the_thread() -> None:
    """"124 Comments" and share buttons under the lede, the post's text, then "NAME says:" headers: the post keeps its text and
    the thread starts at its first header."""
    text = "\n".join([
        "Understanding web design", "by Jeffrey Zeldman", "", POST, "", "Article Continues Below",
        "124 Comments", "Share this", "Bluesky", "Become a patron", "", "It is hard to understand web design when you do not understand the web at all, and harder still when "
        "every page you read about it is built to sell you something else.", "",
        "124 Reader Comments", "",
        " Hans says:", "October 17, 2008 at 11:22 am", "", "Truly. Is this nothing more than a rant?", "",
        " Mukesh Saini says:", "October 17, 2008 at 11:40 am", "", "I think you could have covered more.", "",
        " Smita Bose says:", "October 18, 2008 at 9:02 am", "", "Web design is a place to explore.", "",
    ])
    cap = parse_text(text)
    assert "hard to understand web design" in cap.units[0].text
    assert thread(text) == [("Hans", "Truly. Is this", None), ("Mukesh Saini", "I think you", None),
                            ("Smita Bose", "Web design is", None)]
