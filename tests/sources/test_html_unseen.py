"""Comment threads and bylines of HTML pages no profile was written for: one small page per mechanism."""

from __future__ import annotations

from pathlib import Path

from .helpers import import_json
from .test_html_threads import _POST, got, page


def test_a_self_closing_root_tag_keeps_the_page(tmp_path: Path) -> None:
    """``<html … />`` (XHTML written as HTML) closes the root on its first tag; the parser then kept an
    empty document and the page's title, post and thread were all lost."""
    path = tmp_path / "page.html"
    path.write_text("<!DOCTYPE html><html id='T' xmlns='http://www.w3.org/1999/xhtml' /><head><meta charset='utf-8'>"
                    "<title>Six Things | Site</title></head><body><article><h1 class='entry-title'>Six Things</h1>"
                    f"<div class='entry-content'><p>{_POST}</p></div></article><ol class='comments'>"
                    "<li class='comment'><cite class='fn'>Ann</cite><p>The one comment on this post, in full.</p></li>"
                    "</ol></body></html>", encoding="utf-8")
    data = import_json(path, tmp_path / "m")
    assert data["title"] == "Six Things"
    assert got(data) == [("comment", "Ann", None)]


def test_disqus_static_list_and_its_trackbacks(tmp_path: Path) -> None:
    """Disqus's WordPress plugin prints the thread as a static list (``ul#dsq-comments``) that its script
    replaces: the name sits in the header's ``cite`` after the writer's address; a trackback is signed with
    the linking page's title, not with its address."""
    def item(cid: int, site: str, name: str, text: str) -> str:
        return (f"<li id='dsq-comment-{cid}'><div id='dsq-comment-header-{cid}' class='dsq-comment-header'>"
                f"<cite id='dsq-cite-{cid}'> {site} <span id='dsq-author-user-{cid}'>{name}</span></cite></div>"
                f"<div id='dsq-comment-body-{cid}' class='dsq-comment-body'><div class='dsq-comment-message'>"
                f"<p>{text}</p></div></div></li>")
    thread = ("<div id='disqus_thread'><div id='dsq-content'><ul id='dsq-comments'>"
              + item(1, "http://twitter.com/hw", "Harry Ward", "Seriously? You are just promoting your column.")
              + item(2, "", "bloolabel", "This should not be done at all, face to face is better.")
              + item(3, "http://blog.example.org/dating/", "How Online Dating Works | Example News",
                     "[...] More resources: how to ask someone out online [...]")
              + "</ul></div></div>")
    data = import_json(page(tmp_path, thread), tmp_path / "m")
    assert got(data) == [("comment", "Harry Ward", None), ("comment", "bloolabel", None),
                         ("pingback", "How Online Dating Works | Example News", None)]


def test_a_user_link_names_the_writer_and_a_dated_header_line_is_no_text(tmp_path: Path) -> None:
    """A link classed ``user`` in a comment's header is its writer, kept with its underscore; the header's
    "Posted on DATE" line (a day and month that cannot be told apart too) is not the comment's first line."""
    def item(name: str, when: str, text: str) -> str:
        return (f"<li class='Comment FLC'><footer class='meta'><a href='' class='Heading5 user'>{name}</a>"
                f"<p class='date'>Posted on {when}</p></footer><p class='text'>{text}</p></li>")
    thread = ("<ol class='Comments'>" + item("mini_voltron", "04/06/2011 11:18 PM", "I wish my account was not blocked.")
              + item("gabaca666", "03/10/2011 01:10 PM", "Number seven: exist, and then stop.") + "</ol>")
    data = import_json(page(tmp_path, thread), tmp_path / "m")
    assert got(data) == [("comment", "mini_voltron", None), ("comment", "gabaca666", None)]
    assert [u["text"] for u in data["units"][1:]] == ["I wish my account was not blocked.",
                                                      "Number seven: exist, and then stop."]
