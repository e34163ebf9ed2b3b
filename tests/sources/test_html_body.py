"""The HTML post's text: no part of the article read as a comment, no sliver of the page taken for the post."""

from __future__ import annotations

from pathlib import Path

from book.sources.capture import Capture, RawUnit
from book.sources.capture_html import _article_in_thread

from .helpers import POST_WORDS, html_page, import_json

ANSWER = "Yes: the answer to this question takes a few sentences of its own, written by the page's editors."


def _faq(answer_head: str = "") -> str:
    """An article with an FAQ in schema.org microdata: three questions, each with its ``acceptedAnswer``."""
    items = "".join(
        f"<div itemscope itemprop='mainEntity' itemtype='https://schema.org/Question'>"
        f"<h3 itemprop='name'>Question number {k}?</h3>"
        f"<div itemscope itemprop='acceptedAnswer' itemtype='https://schema.org/Answer'>{answer_head}"
        f"<div itemprop='text'><p>{ANSWER} Number {k}.</p></div></div></div>" for k in range(3))
    return f"<article><h1>The headline</h1><p>{POST_WORDS}</p>" \
           f"<section itemscope itemtype='https://schema.org/FAQPage'><h2>FAQ</h2>{items}</section></article>"


def test_an_faqs_answers_are_the_articles_text(tmp_path: Path) -> None:
    data = import_json(html_page(tmp_path, _faq()), tmp_path / "m")
    assert [unit["id"] for unit in data["units"]] == ["post"]
    assert data["units"][0]["text"].count("the answer to this question") == 3


def test_a_signed_and_dated_answer_is_still_a_reply(tmp_path: Path) -> None:
    head = ("<div itemprop='author' itemscope itemtype='https://schema.org/Person'><span itemprop='name'>Ada Byron"
            "</span></div><time itemprop='dateCreated' datetime='2024-03-01'>March 1, 2024</time>")
    data = import_json(html_page(tmp_path, _faq(head)), tmp_path / "m")
    assert len(data["units"]) == 4
    assert {unit["author"] for unit in data["units"][1:]} == {"Ada Byron"}


ARTICLE = " ".join(f"Sentence {k} of the article says something about databases and their queries." for k in range(40))


def _capture(post: str, *comments: str) -> Capture:
    cap = Capture()
    cap.units = [RawUnit("post", post, [post])] + [RawUnit("comment", text, [text], author="Team") for text in comments]
    cap.units[-1].parent = 1 if len(comments) > 1 else None
    return cap


def test_the_article_read_as_a_comment_becomes_the_post() -> None:
    contents = "Table of contents\n\n01 Why 02 How 03 Conclusion"
    cap = _capture(contents, ARTICLE)
    _article_in_thread(ARTICLE, cap)
    assert [unit.kind for unit in cap.units] == ["post"]
    assert cap.units[0].text == ARTICLE and cap.author == "Team"
    assert cap.dropped and "Table of contents" in cap.dropped[0][1]


def test_a_short_question_above_its_long_answer_stays_the_post() -> None:
    question = "How do I make the queries of my database faster?"
    cap = _capture(question, ARTICLE)
    _article_in_thread(f"{question}\n\n{ARTICLE}", cap)      # the page's reading holds the question too
    assert cap.units[0].text == question and len(cap.units) == 2


def test_a_question_the_reading_left_out_stays_the_post() -> None:
    question = "My server stopped at every restart since the update. What can I do?"
    cap = _capture(question, ARTICLE)
    _article_in_thread(ARTICLE, cap)                        # the page's reading took the long answer alone
    assert cap.units[0].text == question and len(cap.units) == 2


def test_a_reply_to_the_article_answers_the_post() -> None:
    cap = _capture("Contents: 01 02 03", ARTICLE, "A reply to the article, short and to the point.")
    _article_in_thread(ARTICLE, cap)
    assert [unit.kind for unit in cap.units] == ["post", "comment"] and cap.units[1].parent is None


_TOPICS = ("the bill", "a waiter", "the kitchen", "a bartender", "the valet", "a sommelier")
_WAYS = ("slowly and carefully", "with some warmth", "in plain words", "by an example", "with a table", "in brief")


def _para(k: int) -> str:
    """A paragraph of the article whose words are its own (number, topic and manner differ)."""
    return f"Paragraph {k} tells the reader about {_TOPICS[k]} {_WAYS[k]}, and what a diner owes for it."


def test_the_prose_trafilatura_left_out_between_its_paragraphs_is_put_back() -> None:
    from book.sources.capture_html import _gaps_filled

    kept = [_para(k) for k in (1, 5)]
    body = "\n\n".join(["Home Menu About", kept[0], _para(2), "Try it", _para(3), _para(4), kept[1],
                        "Related: another story about something else that a reader might also like to read"])
    filled = _gaps_filled(body, "\n\n".join(kept))
    assert all(_para(k) in filled for k in range(1, 6))
    assert "Home Menu" not in filled and "Related" not in filled and "Try it" not in filled


def test_a_paragraph_or_two_left_out_is_trafilaturas_judgement() -> None:
    from book.sources.capture_html import _gaps_filled

    kept = [_para(k) for k in range(1, 6)]
    reading = "\n\n".join(kept)
    body = "\n\n".join(kept[:3] + ["A caption under a picture of a restaurant's table, with its credit line."] + kept[3:])
    assert _gaps_filled(body, reading) == reading


def test_a_post_leaving_out_most_of_the_articles_paragraphs_is_doubted() -> None:
    from book.sources.capture_html import _prose_left_out

    paragraphs = [" ".join(f"{_para(k % 6)} It goes on about point {k} of the guide." for _ in range(2))
                  for k in range(8)]
    body = "\n\n".join(paragraphs)
    assert _prose_left_out(body, paragraphs[0]) is not None          # a reading that stopped after the opening
    assert _prose_left_out(body, "\n\n".join(paragraphs[:6])) is None   # two paragraphs left out: a judgement


def test_a_box_printed_twice_between_the_paragraphs_is_furniture() -> None:
    from book.sources.capture_html import _gaps_filled

    kept = [_para(k) for k in (1, 5)]
    signup = "Get the editors' selected deals texted right to your phone every single morning!"
    body = "\n\n".join([kept[0], signup, _para(2), signup, kept[1]])
    assert signup not in _gaps_filled(body, "\n\n".join(kept))
