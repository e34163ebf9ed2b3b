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


def _lj(cid: int, indent: int, name: str, text: str) -> str:
    return (f"<article id='ljcmt{cid}' class='j-c j-c-full' style='margin-left: {indent}px;' itemscope "
            f"itemtype='https://www.schema.org/UserComments'><div class='j-c-head'><span class='ljuser' "
            f"data-ljuser='{name}'><a href='https://{name}.example.com/'><b>{name}</b></a></span>"
            f"<time class='j-c-date' datetime='2024-05-13'>May 13th, 2024, 03:50 am</time></div>"
            f"<div class='j-c-text' itemprop='commentText'>{text}</div><div class='j-nav j-c-nav'>"
            f"<ul class='j-c-nav-list'><li class='j-nav-item'><div class='journal-reactions "
            f"journal-reactions--comment'><span>Like</span></div></li>"
            f"<li><a href='https://x.example.com/1.html?replyto={cid}'>Reply</a></li>"
            f"<li><a href='https://x.example.com/1.html?thread={cid}#t{cid}'>Thread</a></li>"
            f"<li><a href='https://x.example.com/1.html?thread={cid}#t{cid}'>Link</a></li></ul></div></article>")


def test_replies_shown_only_by_their_indent(tmp_path: Path) -> None:
    """LiveJournal lists every comment flat and shows a reply only by its ``margin-left``: the comment
    answered is the nearest one above indented less. Its schema.org ``UserComments`` blocks are comments, not
    a forum whose first message is the post; the bar of links under each ("Reply", "Thread", "Link") is no
    link farm, and a reactions bar in its ``--comment`` variant is no comment."""
    thread = ("<div class='j-l-comments'>" + _lj(1, 0, "richyrich909", "This is insane, that poor girl.")
              + _lj(2, 25, "xdecadentx", "Yeah at the very least they should have paid.")
              + _lj(3, 50, "nigelwitthebrie", "Or at least half of the cost, surely.")
              + _lj(4, 25, "swissbeauty23", "I get that they are broke artists but still.")
              + _lj(5, 0, "sorryeden", "What a terrible response from the band.") + "</div>")
    data = import_json(page(tmp_path, thread), tmp_path / "m")
    assert got(data) == [("comment", "richyrich909", None), ("comment", "xdecadentx", "c1"),
                         ("comment", "nigelwitthebrie", "c2"), ("comment", "swissbeauty23", "c1"),
                         ("comment", "sorryeden", None)]
    assert data["units"][0]["text"].startswith("The words of the post")
    assert data["units"][1]["text"] == "This is insane, that poor girl."
