"""Comment systems embedded in any engine's pages, and comments stated only in structured data."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import FIXTURES
from .helpers import import_json


def thread(data: dict) -> list[tuple]:
    return [(u["id"], u["kind"], u["author"], u["author_how"], u["parent"], u["date"]) for u in data["units"][1:]]


def test_a_disqus_thread_saved_with_the_page(tmp_path: Path) -> None:
    data = import_json(FIXTURES / "disqus.html", tmp_path / "m")
    assert (data["title"], data["author"], data["published"]) == ("After the Last Session", "Iris Vale", "2016-11-08")
    assert thread(data) == [
        ("c1", "comment", "Tomasz K.", "comment header", None, "2016-11-09"),
        ("c2", "comment", "Iris Vale", "comment header", "c1", "2016-11-09"),   # nested in ul.children
        ("c3", "comment", None, None, None, "2016-11-11"),                     # "Guest" names nobody
    ]
    units = {u["id"]: u for u in data["units"]}
    assert units["post"]["text"].startswith("The last session was quieter than I expected.")   # no "By · date"
    assert units["c1"]["text"] == "Bread is exactly right. I went to the sea after mine."
    text = "\n".join(u["text"] for u in data["units"])
    for chrome in ("Reply", "Share", "see more", "years ago", "Mod", "Avatar", "in reply to"):
        assert chrome not in text, chrome


def test_comments_stated_only_in_json_ld(tmp_path: Path) -> None:
    data = import_json(FIXTURES / "jsonld-comments.html", tmp_path / "m")
    assert thread(data) == [
        ("c1", "comment", "Henrik", "json-ld", None, "2020-02-04"),
        ("c2", "comment", "Clara Ostrowski", "json-ld", "c1", "2020-02-04"),
        ("c3", "comment", "Wen", "json-ld", None, "2020-02-05"),
    ]
    assert data["units"][3]["text"] == "Ours has a fish tank.\n\nI have named every fish."
    assert "Enable JavaScript" not in data["units"][0]["text"]


@pytest.mark.parametrize("fixture,title,author,published,replies", [
    ("discourse.html", "Ending therapy after six years", "wren", "2019-03-02",
     [("c1", "comment", "maple_k", None, "2019-03-02", "> wren wrote:\n>\n> How did you all spend the weeks before "
       "the end?\n\nSlowly. We went back over the years, one session for each."),
      ("c2", "comment", "wren", None, "2019-03-03", "One session for each year. I will ask her about that.")]),
    ("xenforo.html", "The hour after a session", "Selma", "2021-10-10",
     [("c1", "comment", "Ben R", None, "2021-10-10",
       "> I sit in the car and cannot drive yet.\n\nSame. I walk around the block twice before I go home.")]),
    # vBulletin prints 04-12-2012: day or month first? Not guessed; 04-13-2012 can only be 13 April.
    ("vbulletin.html", "Telling my therapist I was angry", "Oriel", None,
     [("c1", "comment", "Fennel", None, "2012-04-13",
       "Thank you is a good answer. Mine said that too, and then we talked about it for the rest of the hour.")]),
])
def test_forums(tmp_path: Path, fixture, title, author, published, replies) -> None:
    data = import_json(FIXTURES / fixture, tmp_path / "m")
    assert (data["title"], data["author"], data["published"]) == (title, author, published)
    assert [(u["id"], u["kind"], u["author"], u["parent"], u["date"], u["text"]) for u in data["units"][1:]] == replies
    text = "\n".join(u["text"] for u in data["units"])
    for chrome in ("Reply", "#1", "Member", "Posts", "one day at a time", "Click to expand", "said:", "Powered by"):
        assert chrome not in text, chrome


def test_repeated_blocks_with_a_name_a_date_and_text_are_a_thread(tmp_path: Path) -> None:
    """The general detector: no profile knows `div.rsp`, but each block carries a name, a date and text."""
    data = import_json(FIXTURES / "repeated-blocks.html", tmp_path / "m")
    assert [(u["id"], u["author"], u["date"], u["text"]) for u in data["units"][1:]] == [
        ("c1", "Dorota", "2021-05-12", "A card is a good idea. I have a sentence like that too."),
        ("c2", "Luis Ortega", "2021-05-13", "Handing it over is the brave part. Reading it is hers."),
        ("c3", "K.", "2021-05-15", "I have kept mine for a year. Maybe a card."),
    ]
    # the menu (a name-like link and a date, but no text) is no comment
    assert all("Home" not in u["text"] for u in data["units"])


def test_a_page_without_a_thread_gets_no_detected_comments(tmp_path: Path) -> None:
    capture = tmp_path / "page.html"
    capture.write_text((FIXTURES / "repeated-blocks.html").read_text().split('<h3>Responses</h3>')[0]
                       + "</div></body></html>")
    data = import_json(capture, tmp_path / "m")
    assert [u["kind"] for u in data["units"]] == ["post"]


def test_substack_comments(tmp_path: Path) -> None:
    data = import_json(FIXTURES / "substack.html", tmp_path / "m")
    assert (data["title"], data["author"], data["published"], data["site"]) == \
        ("The Empty Chair", "Mira Solberg", "2022-04-04", "Notes From The Room")
    assert data["units"][0]["text"].startswith("My therapist keeps an empty chair in the corner.")
    assert [(u["id"], u["author"], u["parent"], u["date"], u["text"]) for u in data["units"][1:]] == [
        ("c1", "Anna Lind", None, "2022-04-05", "Mine has a plant in that corner. I never asked about it. Now I will."),
        ("c2", "Mira Solberg", "c1", "2022-04-05", "Ask. The answer may be a long one."),
        ("c3", "Olek", None, "2022-04-06", "I would not have said my father either, until I did."),
    ]


def test_old_reddit_thread(tmp_path: Path) -> None:
    data = import_json(FIXTURES / "reddit-old.html", tmp_path / "m")
    assert (data["title"], data["author"], data["published"]) == \
        ("First session tomorrow, any advice?", "quiet_fern", "2021-01-10")
    assert data["units"][0]["text"].startswith("I have my first appointment tomorrow morning")
    assert [(u["id"], u["author"], u["parent"], u["date"], u["text"]) for u in data["units"][1:]] == [
        ("c1", "OwlAtDusk", None, "2021-01-10",
         "You do not have to know. Saying that you do not know is a fine first sentence."),
        ("c2", "quiet_fern", "c1", "2021-01-10", "That helps. I will start with that."),
        ("c3", None, None, "2021-01-11", "Bring a notebook. I wrote the questions down the night before."),  # [deleted]
    ]
    text = "\n".join(u["text"] for u in data["units"])
    for chrome in ("points", "permalink", "reply", "[–]", "submitted", "years ago"):
        assert chrome not in text, chrome


def test_tumblr_replies_are_comments_and_likes_are_not(tmp_path: Path) -> None:
    data = import_json(FIXTURES / "tumblr.html", tmp_path / "m")
    assert (data["title"], data["published"]) == ("small things my therapist said", "2018-06-02")
    assert [(u["id"], u["author"], u["text"]) for u in data["units"][1:]] == [
        ("c1", "fernwalks", "the same thing again if it is still true. needed this today.")]
    text = "\n".join(u["text"] for u in data["units"])
    for chrome in ("likes this", "reblogged", "notes", "said:"):
        assert chrome not in text, chrome


def test_current_reddit_thread(tmp_path: Path) -> None:
    data = import_json(FIXTURES / "reddit-new.html", tmp_path / "m")
    assert (data["title"], data["author"], data["published"]) == \
        ("First session tomorrow, any advice?", "quiet_fern", "2021-01-10")
    assert [(u["id"], u["author"], u["parent"], u["date"], u["text"]) for u in data["units"][1:]] == [
        ("c1", "OwlAtDusk", None, "2021-01-10",
         "You do not have to know. Saying that you do not know is a fine first sentence."),
        ("c2", "quiet_fern", "c1", "2021-01-10", "That helps. I will start with that."),
    ]
    text = "\n".join(u["text"] for u in data["units"])
    for chrome in ("Reply", "Share", "3y ago", "OP", "•"):
        assert chrome not in text, chrome


JETPACK_LIKES = """<!doctype html><html><head><title>Small steps</title></head><body>
<article class="post hentry"><h1 class="entry-title">Small steps</h1>
<p class="byline">By <span class="author vcard">Ada Moss</span></p>
<div class="entry-content"><p>The post is long enough to be the page's main text: it tells how small steps add up
over a year of weekly sessions, and how the writer learned to notice them.</p></div></article>
<div id="comments"><ol class="comment-list">
<li class="comment depth-1" id="comment-11"><article class="comment-body">
<footer class="comment-meta"><div class="comment-author vcard"><b class="fn">JanBeek</b> <span class="says">says:</span></div>
<div class="comment-metadata"><a href="#comment-11"><time datetime="2019-06-19T10:00:00+00:00">June 19, 2019</time></a></div></footer>
<div class="comment-content"><p>Small steps are the only steps I can take some weeks.</p>
<p id="comment-like-11" class="comment-likes comment-not-liked"><a href="?like_comment=11" class="comment-like-link"><span>Like</span></a><span class="comment-like-feedback">Liked by <a href="#" class="view-likers">21 people</a></span></p>
</div></article></li></ol></div></body></html>
"""


def test_jetpack_comment_likes_are_not_the_comments_text(tmp_path: Path) -> None:
    """WordPress.com and Jetpack print "Like" and "Liked by N people" in each comment's own box."""
    capture = tmp_path / "jetpack.html"
    capture.write_text(JETPACK_LIKES, encoding="utf-8")
    data = import_json(capture, tmp_path / "m")
    assert [(u["author"], u["text"]) for u in data["units"][1:]] == [
        ("JanBeek", "Small steps are the only steps I can take some weeks.")]
