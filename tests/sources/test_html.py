"""Saved pages from the common engines: metadata, threads, spam and chrome."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import FIXTURES
from .helpers import by_id, import_json


def load(name: str, tmp_path: Path, *options: str) -> dict:
    return import_json(FIXTURES / name, tmp_path / "manuscript", *options)


def everything(data: dict) -> str:
    return "\n".join(u["text"] for u in data["units"])


def test_wordpress(tmp_path: Path) -> None:
    data = load("wordpress.html", tmp_path)
    assert (data["title"], data["author"], data["site"], data["published"]) == \
        ("Learning to Ask for Help", "Ruth Adler", "The Quiet Room", "2015-04-21")
    assert data["url"] == "https://quietroom.example.org/2015/04/learning-to-ask-for-help/"
    units = by_id(data)
    assert [(u["id"], u["kind"], u["author"], u["parent"], u["date"]) for u in data["units"][1:]] == [
        ("c1", "comment", "Marguerite", None, "2015-04-21"),
        ("c2", "comment", "Ruth Adler", "c1", "2015-04-22"),
        ("c3", "comment", "Marguerite", "c2", "2015-04-22"),
        ("c4", "pingback", "Sunday links – Another Blog", None, None),
    ]
    assert units["post"]["text"].startswith("For years I believed that needing someone was a kind of *failure*.")
    assert "- a cancelled session that she **rescheduled** herself," in units["post"]["text"]
    assert "> We would rather be ruined than changed." in units["post"]["text"]
    assert "My therapist once said “you are allowed to want things.” I cried for an hour." in units["c1"]["text"]
    text = everything(data)
    for chrome in ("Share this", "Related", "Leave a Reply", "Reply", "says:", "Recent Posts", "cookies",
                   "Skip to content", "Posted in", "WordPress", "Edit", "INJECTED", "Now available"):
        assert chrome not in text, chrome
    reasons = [d["reason"] for d in data["dropped"]]
    assert reasons == ["promotion", "spam: pills and money"]


def test_blogger(tmp_path: Path) -> None:
    data = load("blogger.html", tmp_path)
    assert (data["title"], data["author"], data["site"], data["published"]) == \
        ("The Session I Almost Cancelled", "Anna K.", "Notes from the Couch", "2014-03-04")
    post = data["units"][0]["text"]
    assert post.split("\n\n") == [
        "I almost cancelled on Thursday. I had the text typed out: *feeling unwell, so sorry*.",
        "Instead I went, and I told her that I had nearly not come. She said it was the most honest thing I had "
        "said in months.",
        "I don't know what to do with that yet.",
    ]
    assert [(u["author"], u["parent"], u["date"]) for u in data["units"][1:]] == [
        ("Tomasz", None, "2014-03-05"), ("Anna K.", "c1", "2014-03-05"), ("Beata", None, "2014-03-06")]
    assert [d["reason"] for d in data["dropped"]] == ["spam: link farm"]
    text = everything(data)
    for chrome in ("Delete", "Reply", "Post a Comment", "Email This", "Labels", "Popular Posts", "Newer Post"):
        assert chrome not in text, chrome


def test_squarespace(tmp_path: Path) -> None:
    data = load("squarespace.html", tmp_path)
    assert (data["title"], data["author"], data["site"], data["published"]) == \
        ("What the Silence Holds", "Dana Whitfield", "Harbour Counselling", "2019-06-02")
    assert [(u["author"], u["parent"]) for u in data["units"][1:]] == [
        ("Liam", None), ("Dana Whitfield", "c1"), ("Helen", None)]
    text = everything(data)
    assert "### When silence hurts" in text
    for chrome in ("Subscribe", "Sign up", "cookies", "Facebook", "Previous", "consultation", "rights reserved"):
        assert chrome not in text, chrome


def test_wix(tmp_path: Path) -> None:
    data = load("wix.html", tmp_path)
    assert (data["title"], data["author"], data["site"], data["published"]) == \
        ("Holding On and Letting Go", "Sofia Marquez", "Willow Therapy Studio", "2023-10-12")
    assert "1. Name the ending early.\n2. Let the feelings about it be as big as they are." in data["units"][0]["text"]
    assert [(u["author"], u["parent"], u["date"]) for u in data["units"][1:]] == [
        ("Priya", None, "2023-10-14"), ("Sofia Marquez", "c1", "2023-10-15")]
    text = everything(data)
    for chrome in ("top of page", "bottom of page", "21 views", "Skip to Main Content", "cookies", "min read"):
        assert chrome not in text, chrome


def test_phpbb(tmp_path: Path) -> None:
    data = load("phpbb.html", tmp_path)
    assert (data["title"], data["author"], data["site"], data["published"]) == \
        ("When my therapist went on maternity leave", "willow_tree", "Attachment Support Forum", "2014-09-15")
    assert data["units"][0]["text"].endswith("How did you *survive* the gap?")
    assert [(u["author"], u["parent"], u["date"]) for u in data["units"][1:]] == [("Greta", None, "2014-09-16")]
    assert data["units"][1]["text"].startswith("> willow_tree wrote:\n>\n> How did you *survive* the gap?")
    assert [d["reason"] for d in data["dropped"]] == ["spam: pills and money"]
    text = everything(data)
    for chrome in ("Feelings are visitors", "Posts:", "Joined", "Top", "Board index", "Quote", "cookies"):
        assert chrome not in text, chrome


def test_other_engine_typepad(tmp_path: Path) -> None:
    data = load("typepad.html", tmp_path)
    assert (data["title"], data["site"], data["published"]) == ("The Hour Before", "Friendly Ghost", "2012-11-02")
    assert data["units"][0]["text"] == ("The hour before a session is the longest hour of my week.\n\n"
                                        "I rehearse. I un-rehearse. I walk to the door and back.\n\n"
                                        "Today I made it out of the house at 2:40.")
    assert [(u["author"], u["date"]) for u in data["units"][1:]] == [
        ("Jo Lindqvist", "2012-11-03"), ("Sam", "2012-11-04")]
    assert "Posted by" not in everything(data)


def test_hostile_html_leaves_nothing_executable(tmp_path: Path) -> None:
    data = load("hostile.html", tmp_path)
    raw = (tmp_path / "manuscript" / "sources" / f"{data['id']}.yaml").read_text()
    for bad in ("alert", "script", "javascript", "onload", "onclick", "onerror", "iframe", "evil.example",
                "NOSCRIPT-FALLBACK", "SVG-TEXT", "pwned", "password", "data:", "base64", "<"):
        assert bad not in raw, bad
    assert data["units"][0]["text"].split("\n\n")[:3] == [
        "The first paragraph is ordinary. This link text stays, its target does not.",
        "The second paragraph has an image that must vanish, and styled words.",
        "The third paragraph ends the post.",
    ]


@pytest.mark.parametrize("name,title,author,site,published,comments", [
    ("wordpress-copy.txt", "Why I Write to My Therapist", "Elena Varga", "The Long Way Round", "2016-03-03",
     [("Daniel Okafor", "2016-03-04"), ("Elena Varga", "2016-03-04"), ("Marta", "2016-03-05")]),
    ("blogger-copy.txt", "Two Chairs", "Anna K.", "Notes from the Couch", "2014-05-09",
     [("Tomasz", "2014-05-10"), ("Beata", "2014-05-11")]),
    ("phpbb-copy.txt", "When therapy ends", "corvid", None, "2015-02-01",
     [("Ilse", "2015-02-02"), ("corvid", "2015-02-02")]),
])
def test_text_copies_of_other_engines(tmp_path: Path, name, title, author, site, published, comments) -> None:
    data = load(name, tmp_path)
    assert (data["title"], data["author"], data["site"], data["published"]) == (title, author, site, published)
    assert [(u["author"], u["date"]) for u in data["units"][1:]] == comments
    text = everything(data)
    for chrome in ("Reply", "Share", "Like", "Delete", "Post a Comment", "Leave a", "Jump to", "Board index",
                   "Email This", "Labels", "Posted by", "says:", "said..."):
        assert chrome not in text, chrome
