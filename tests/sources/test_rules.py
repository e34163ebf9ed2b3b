"""The small rules, one by one: sign-offs, greetings, initials, dates, spam, chrome, ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from book.sources import chrome
from book.sources.attribution import blog_name_near, expand_initials, greeting, sign_off
from book.sources.dates import find_date, is_date_line
from book.sources.importer import slugify
from book.sources.spam import is_promotion, spam_reason
from book.sources.threads import same_person

from .helpers import run


@pytest.mark.parametrize("lines,name", [
    (["text", "JS"], "JS"),
    (["Hi Jeff,", "text", "", "All my best, AG"], "AG"),
    (["text", "— Tomasz"], "Tomasz"),
    (["text", "Thanks, Helen"], "Helen"),
    (["Hope that makes sense.", "THanks,", "Helen"], "Helen"),
    (["text", "Mary"], "Mary"),
    (["Not sure that is a good enough answer. JS"], "JS"),
    (["Attachment. Thank you.   Cindy"], "Cindy"),
    (["Thanks for the help."], None),
    (["What I can do with this?Thanks a lot!"], None),
    (["Be well"], None),
    (["text", "Thanks!"], None),
    (["I went to see her. OK"], None),
])
def test_sign_off(lines: list[str], name: str | None) -> None:
    found = sign_off(lines)
    assert (found.name if found else None) == name


@pytest.mark.parametrize("line,name", [
    ("Dear Pop–", "Pop"), ("Dear Cindy, Your persistence", "Cindy"), ("Hi Jeff,", "Jeff"),
    ("Hello. I found your blog", None), ("hi! me again!", None), ("Thanks Jeffery for your response!", None),
])
def test_greeting(line: str, name: str | None) -> None:
    assert greeting([line]) == name


def test_initials_expand_only_when_unambiguous() -> None:
    assert expand_initials("JS", "Dr. Jeffrey Smith wrote; Hello Dr. Smith") == "Jeffrey Smith"
    assert expand_initials("JS", "Jeffrey Smith and John Stone") is None
    assert same_person("JS", "Jeffrey Smith") and same_person("Jeffery", "Jeffrey Smith")
    assert not same_person("Mary", "Jeffrey Smith") and not same_person("AG", "Jeffrey Smith")
    assert blog_name_near("Jeffrey Smith", "Dr. Jeffrey Smith has a post on his blog Moments of Change. Read it.") \
        == "Moments of Change"


@pytest.mark.parametrize("text,iso", [
    ("March 3, 2014", "2014-03-03"), ("3 March 2014 at 10:12 am", "2014-03-03"),
    ("Mon Sep 15, 2014 7:42 pm", "2014-09-15"), ("2015-04-21T08:14:00+00:00", "2015-04-21"),
    ("13/1/2025", "2025-01-13"), ("9/1/2025 09:27:13", None), ("it is 2014", None),
])
def test_dates(text: str, iso: str | None) -> None:
    found = find_date(text)
    assert (found.iso if found else None) == iso


@pytest.mark.parametrize("text,iso", [
    ("22 Apr 22,, 09:05", "2022-04-22"), ("25 Apr 18,, 01:13", "2018-04-25"), ("05-Mar-19", "2019-03-05"),
    ("12 Dec 99", "1999-12-12"), ("#3 22 Apr 22, 9:05", "2022-04-22"),
])
def test_two_digit_year_after_a_month_name(text: str, iso: str) -> None:
    """vBulletin's "22 Apr 22": the month's name tells the day from the year; read as a whole date line too."""
    assert find_date(text).iso == iso
    assert is_date_line(text.removeprefix("#3 "))


@pytest.mark.parametrize("text", ["on 3 May 20 people came", "3 May 20:15", "Apr 22, 22", "10/12/20", "17.7.11"])
def test_two_digit_year_never_guessed(text: str) -> None:
    """Prose, a clock time, and numeric dates whose order of day and month is unknown stay unread."""
    assert find_date(text) is None


def test_ambiguous_date_is_still_a_date_line() -> None:
    assert is_date_line("9/1/2025 09:27:13") and find_date("9/1/2025").ambiguous


@pytest.mark.parametrize("text,author,spam", [
    ("Tailored depression treatment services in Los Angeles that offer therapeutic solutions.", None, True),
    ("Buy viagra online at our pharmacy.", None, True),
    ("See http://a.example http://b.example http://c.example", None, True),
    ("Great post! http://x.example", None, True),
    ("I found this helpful; my therapist offers solutions too, and I read your blog weekly.", None, False),
    ("Thank you for writing this. It helped me a lot.", None, False),
    ("Our team at the clinic read this together and we cried.", None, False),
])
def test_spam(text: str, author: str | None, spam: bool) -> None:
    assert bool(spam_reason(text, author)) is spam


def test_promotions_and_chrome() -> None:
    assert is_promotion("*** Now Available: Attachment to Your Therapist: A Conversation. On Amazon.***")
    assert not is_promotion("*** I could not breathe ***")
    assert not is_promotion("Now available to me is a new way of thinking.")
    for line in ("top of page", "21 views0 comments", "Reply", "Leave a Comment", "Post a Comment", "Share this:",
                 "Like Loading...", "We use cookies to improve your experience.", "3 min read"):
        assert chrome.is_chrome_line(line), line
    for line in ("Be well", "Reply to me, please, when you can.", "Pitfalls and Reasons for Concern:"):
        assert not chrome.is_chrome_line(line), line
    assert chrome.is_comment_counter("30 Comments") and chrome.is_comment_counter("12 thoughts on “X”")


@pytest.mark.parametrize("title,slug", [
    ("Healing A Damaged Self", "healing-damaged-self"), ("How Does Therapy Help?", "how-does-therapy-help"),
    ("The Power of Attachment in Therapy: Building Trust", "power-attachment-therapy"),
    ("It’s Complicated", "its-complicated"), ("???", "source"),
])
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_plain_text_saved_as_html(tmp_path: Path) -> None:
    capture = tmp_path / "notes.html"
    capture.write_text("A Title\n\nA paragraph of plain text that was saved with the wrong extension.\n")
    assert run("import", capture, "-m", tmp_path / "m", "-q").exit_code == 0
    text = (tmp_path / "m" / "sources" / "title.yaml").read_text()
    assert "title: A Title" in text and "      A paragraph of plain text" in text
