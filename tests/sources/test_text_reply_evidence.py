"""Reply parents and post authors in flat browser-copy threads, from what a copy keeps of the nesting.

A copied WordPress thread loses its indentation; what is left to tell who answers whom is the comments'
dates and times, a reply quoting its parent, and the post's author named around the thread. Each test is
one such mechanism on a small inline copy, written the way Chromium copies these pages.
"""

from __future__ import annotations

from book.sources.capture_text import parse_text

POST = ("We spent the whole winter on these skis and have a lot to say about them, more than fits in one "
        "post, so here is the first part of the review.")


def thread(text: str) -> list[tuple[str | None, int | None]]:
    """(author, parent) of every unit after the post; parents as indexes into the same list."""
    cap = parse_text(text)
    return [(u.author, None if u.parent is None else u.parent - 1) for u in cap.units[1:]]


def test_newest_first_thread_a_later_comment_under_an_earlier_one_is_its_reply() -> None:
    """Top-level comments newest first; a comment dated after the one above it answers it (replies run oldest first)."""
    text = "\n".join([
        "Faithless Electors", "Editor", "December 20, 2016", POST, "",
        "5 Comments",
        " Marilyn says:", "December 20, 2016 at 12:37 pm", "Remember a few short years ago when we lost?",
        " Rex says:", "December 20, 2016 at 11:37 am", "I would never vote for them.",
        " Mike says:", "December 20, 2016 at 11:19 am", "Republicans 3 Democrats 0.",
        " Ann says:", "December 20, 2016 at 12:40 pm", "What total losers they all are.",
        " Michael says:", "December 20, 2016 at 10:41 am", "Those signs backfired.",
        " Daniel says:", "December 20, 2016 at 10:49 am", "No they did not backfire at all.",
    ])
    assert thread(text) == [("Marilyn", None), ("Rex", None), ("Mike", None), ("Ann", 2), ("Michael", None),
                            ("Daniel", 4)]


def test_oldest_first_thread_a_comment_later_than_one_below_it_is_a_reply() -> None:
    """Oldest first: "James" at 9:53 pm comes before Billy's 9:22 pm top-level comment, so it is a reply, to the
    top-level comment above it."""
    text = "\n".join([
        "Line Outline", "February 20, 2019 by Luke Koppa", POST, "",
        "4 comments on “Line Outline”",
        "toddball", "February 20, 2019 at 3:42 pm | Reply", "Are these the best freestyle skis ever?",
        "James", "February 20, 2019 at 4:09 pm | Reply", "Is this the last ski they make together?",
        "James", "February 20, 2019 at 9:53 pm | Reply", "Just noticed that toddball had the same question!",
        "Billy", "February 20, 2019 at 9:22 pm | Reply", "The best one was the EP Pro anyway.",
        "Leave a Comment",
    ])
    assert thread(text) == [("toddball", None), ("James", None), ("James", 1), ("Billy", None)]


def test_a_chronological_flat_list_infers_nothing() -> None:
    """A flat list in time order (a forum, a WordPress list without replies) keeps every comment on the post."""
    text = "\n".join([
        "Line Outline", "February 20, 2019 by Luke Koppa", POST, "",
        "3 comments",
        "toddball", "February 20, 2019 at 3:42 pm | Reply", "Are these the best freestyle skis ever?",
        "James", "February 20, 2019 at 4:09 pm | Reply", "Is this the last ski they make together?",
        "Billy", "February 21, 2019 at 9:22 pm | Reply", "The best one was the EP Pro anyway.",
        "Leave a Comment",
    ])
    assert thread(text) == [("toddball", None), ("James", None), ("Billy", None)]


def test_a_reply_quoting_an_earlier_comment_answers_it() -> None:
    """"> the parent's words": the comment it quotes is its parent, not the comment right above it."""
    text = "\n".join([
        "Avancer ensemble", "2 Déc 2017", POST, "",
        "3 Responses",
        "Daniel Ferrand", "2 décembre 2017 |", "Reply",
        "Ce qui serait cool, c'est que des plateformes comme GitHub permettent aux utilisateurs de signaler.",
        "Sweet", "2 décembre 2017 |", "Reply", "Les gens peuvent s'exprimer en créant une issue.",
        "Toto", "3 décembre 2017 |", "Reply",
        "> Ce qui serait cool, c'est que des plateformes comme GitHub permettent aux utilisateurs",
        "Il y a les issues pour cela.",
    ])
    assert thread(text)[2] == ("Toto", 0)


def test_date_then_name_headers() -> None:
    """" June 21, 2018 at 7:52 pm NAME": the date first, then the name, on the comment's header line; the post's
    author answering right after a comment answers it."""
    text = "\n".join([
        "10 Things You Should Know About Short Selling", "November 1, 2016 by Timothy Sykes", POST, POST, "",
        "3 Comments",
        " November 1, 2016 at 6:28 pm krs1", "Good article. Thanks Tim!", "Reply",
        " November 1, 2016 at 6:31 pm Timothy Sykes", "Thanks!", "Reply",
        " November 1, 2016 at 7:20 pm Franchel Swain", "Thanks for the golden nuggets", "Reply",
        "Leave a Reply",
    ])
    assert thread(text) == [("krs1", None), ("Timothy Sykes", 0), ("Franchel Swain", None)]


def test_the_author_box_under_the_thread_names_the_post_author() -> None:
    """"About NAME" under the comment form, where the post printed no byline."""
    text = "\n".join([
        "Line Outline", "February 20, 2019", POST, POST, "",
        "2 comments on “Line Outline”",
        "toddball", "February 20, 2019 at 3:42 pm | Reply", "Are these the best freestyle skis ever?",
        "James", "February 20, 2019 at 4:09 pm | Reply", "Is this the last ski they make together?",
        "Leave a Comment",
        "About Luke Koppa",
        "Luke grew up skiing in Colorado and has reviewed skis for us since the winter of 2015.",
    ])
    assert parse_text(text).author == "Luke Koppa"


def test_a_breadcrumb_trail_taken_for_the_headline_gives_its_last_crumb() -> None:
    """The trail sits over "Last updated on DATE", which names nobody: the trail's last crumb is the headline."""
    text = "\n".join([
        "Millionaire Trader", "Blog",
        "Home » Blog » Short Selling » 10 Things You Should Know About Short Selling",
        "Last updated on June 21, 2018", POST, POST,
    ])
    cap = parse_text(text)
    assert cap.title == "10 Things You Should Know About Short Selling"
    assert cap.author is None
