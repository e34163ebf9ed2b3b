"""Comment threads in saved HTML pages: shapes of unseen sites (issue 13), one small page per mechanism."""

from __future__ import annotations

from pathlib import Path

import pytest

from book.sources.names import clean_name

from .helpers import import_json

_POST = " ".join(["The words of the post go on for a while so that the page has a body."] * 6)


def page(tmp_path: Path, thread: str, body_class: str = "", byline: str = "") -> Path:
    path = tmp_path / "page.html"
    path.write_text("<!doctype html><html><head><meta charset='utf-8'><title>T</title></head>"
                    f"<body class='{body_class}'><article><h1 class='entry-title'>The Post</h1>{byline}"
                    f"<div class='entry-content'><p>{_POST}</p></div></article>{thread}</body></html>",
                    encoding="utf-8")
    return path


def got(data: dict) -> list[tuple]:
    return [(u["kind"], u["author"], u["parent"]) for u in data["units"][1:]]


def _wp(cid: int, name: str, text: str, children: str = "", classes: str = "") -> str:
    kids = f"<ul class='children'>{children}</ul>" if children else ""
    return (f"<li id='comment-{cid}' class='comment {classes}'><article class='comment-body'>"
            f"<footer class='comment-meta'><div class='comment-author vcard'><b class='fn'>{name}</b> "
            f"<span class='says'>says:</span></div><div class='comment-metadata'><time datetime='2024-01-30'>"
            f"January 30, 2024</time></div></footer><div class='comment-content'><p>{text}</p></div>"
            f"</article>{kids}</li>")


def test_a_body_naming_its_layout_template_holds_a_thread(tmp_path: Path) -> None:
    """``<body class="template-single">`` names the theme's page template: the comments inside it are the
    page's thread, not a template a script copies for new comments."""
    thread = f"<ol class='commentlist'>{_wp(1, 'Rob', 'We loved the food scene there.')}" \
             f"{_wp(2, 'Tommy', 'Try the cafe in the paseo next time.')}</ol>"
    data = import_json(page(tmp_path, thread, body_class="template-single single-post"), tmp_path / "m")
    assert got(data) == [("comment", "Rob", None), ("comment", "Tommy", None)]


def _wpd7(cid: int, parent: int, name: str, text: str, nested: str = "", reply_to: str = "") -> str:
    to = f"<div class='wpd-reply-to'><i></i> Reply to&nbsp; <a href='#comment-{parent}'>{reply_to}</a></div>" \
        if reply_to else ""
    return (f"<div id='wpd-comm-{cid}_{parent}' class='comment depth-1 wpd-comment wpd_comment_level-1'>"
            f"<div class='wpd-comment-wrap wpd-blog-guest'><div id='comment-{cid}' class='wpd-comment-right'>"
            f"<div class='wpd-comment-header'><div class='wpd-comment-author'>{name}</div>"
            f"<div class='wpd-comment-date' title='November 1, 2024 5:04 am'>1 year ago</div></div>{to}"
            f"<div class='wpd-comment-text'><p>{text}</p></div><div class='wpd-comment-footer'>"
            f"<div class='wpd-vote'><div class='wpd-vote-result'>9</div></div>"
            f"<div class='wpd-reply-button'>Reply</div></div></div></div>{nested}</div>")


def test_wpdiscuz_7_reads_its_wpd_markup(tmp_path: Path) -> None:
    """wpDiscuz 7 spells its parts ``wpd-``: the text opens under a "Reply to NAME" line and a vote count
    sits under it; neither is the comment's words."""
    thread = ("<div id='wpdcom'><div class='wpd-thread-list'>"
              + _wpd7(1, 0, "Sara", "Can we have a follow up post?",
                      _wpd7(2, 1, "Melissa", "Yes I would love to see that.", reply_to="Sara"))
              + "</div></div>")
    data = import_json(page(tmp_path, thread), tmp_path / "m")
    assert got(data) == [("comment", "Sara", None), ("comment", "Melissa", "c1")]
    assert [u["text"] for u in data["units"][1:]] == ["Can we have a follow up post?", "Yes I would love to see that."]


def test_a_comment_keeps_the_name_it_prints_beside_a_shorter_byline(tmp_path: Path) -> None:
    """The post's writer answering as "Robyn Buchanan" under the byline "Robyn" is shown as printed."""
    thread = "<ol class='commentlist'>" + _wp(1, "Linda", "I have been an organised person all my life.",
                                              _wp(2, "Robyn Buchanan", "I love to make a note every day.",
                                                  classes="bypostauthor")) + "</ol>"
    byline = "<p class='byline'>By <span class='author'><a rel='author' href='/author/robyn'>Robyn</a></span></p>"
    data = import_json(page(tmp_path, thread, byline=byline), tmp_path / "m")
    assert got(data) == [("comment", "Linda", None), ("comment", "Robyn Buchanan", "c1")]


def test_a_writers_links_in_their_own_conversation_are_no_link_farm(tmp_path: Path) -> None:
    """A reply with three links by a writer the thread already holds, in a conversation, is kept; the same
    links posted once at the top of the thread by a stranger are a link farm."""
    links = ("These are new places to try: <a href='https://a.example/'>https://a.example/</a> "
             "<a href='https://b.example/'>https://b.example/</a> <a href='https://c.example/'>https://c.example/</a>")
    thread = "<ol class='commentlist'>" + _wp(1, "Probee", "Something feels off about the one place you list.",
                                              _wp(2, "Kristin", "You are right, I did not know there was more.",
                                                  _wp(3, "Probee", links))) \
        + _wp(4, "Stranger", links) + "</ol>"
    data = import_json(page(tmp_path, thread), tmp_path / "m")
    assert got(data) == [("comment", "Probee", None), ("comment", "Kristin", "c1"), ("comment", "Probee", "c2")]


def test_a_long_article_is_not_its_first_comment_again(tmp_path: Path) -> None:
    """A long article holds most words of a short thread one by one; it is no forum thread whose post is
    the first message printed again, and the first comment stays a comment."""
    article = " ".join(f"We ate at the food hall number {i} in the city and the scene there was great." for i in
                       range(60))
    path = tmp_path / "page.html"
    thread = "<ol class='commentlist'>" \
        + _wp(1, "Rob", "We ate at the food hall in the city and the scene there was great too!") \
        + _wp(2, "Kim", "The hall number two in the city was great.") + "</ol>"
    path.write_text("<!doctype html><html><head><meta charset='utf-8'><title>T</title></head><body><article>"
                    f"<h1 class='entry-title'>Food</h1><div class='entry-content'><p>{article}</p></div></article>"
                    f"{thread}</body></html>", encoding="utf-8")
    data = import_json(path, tmp_path / "m")
    assert got(data) == [("comment", "Rob", None), ("comment", "Kim", None)]
    assert data["units"][0]["text"].startswith("We ate at the food hall number 0")


def test_a_block_themes_two_groups_are_no_forum_thread(tmp_path: Path) -> None:
    """A block theme sets the article and the box of its thread side by side as groups of one shape; a
    forum reading that takes them for two messages would make the thread one comment."""
    def one(cid: int, name: str, text: str, kids: str = "") -> str:
        return (f"<li id='comment-{cid}' class='comment depth-1'><div class='wp-block-columns'>"
                f"<div class='wp-block-column'><div class='wp-block-comment-author-name'>"
                f"<a href='/author/{name}'>{name}</a></div><div class='wp-block-comment-date'><time "
                f"datetime='2021-03-08'>March 8, 2021</time></div><div class='wp-block-comment-content'>"
                f"<p>{text}</p></div></div></div>{kids}</li>")
    thread = one(1, "jamesfox", "Super informative as usual, making me want more plants!",
                 "<ol>" + one(2, "Laura", "Thank you so much for your lovely comment!") + "</ol>")
    path = tmp_path / "page.html"
    path.write_text("<!doctype html><html><head><meta charset='utf-8'><title>T</title></head><body>"
                    "<div class='wp-block-group'><div class='wp-block-group'><h1>Plants</h1>"
                    "<p>By <a href='/author/laura'>Laura</a> <time datetime='2021-02-27'>February 27, 2021</time>"
                    f"</p><div class='entry-content wp-block-post-content'><p>{_POST}</p></div></div>"
                    "<div class='wp-block-group'><h2>Comments</h2><p>By <a href='/author/jamesfox'>jamesfox</a> "
                    "<time datetime='2021-03-08'>March 8, 2021</time></p><div class='wp-block-comments'>"
                    f"<ol class='wp-block-comment-template'>{thread}</ol></div></div></div></body></html>",
                    encoding="utf-8")
    data = import_json(path, tmp_path / "m")
    assert got(data) == [("comment", "jamesfox", None), ("comment", "Laura", "c1")]


def test_the_name_inside_a_posters_whole_box(tmp_path: Path) -> None:
    """An author element that is the poster's whole box (``itemprop=author``: the name, "8,415 posts",
    "Joined 2008") names the poster by its ``itemprop=name`` or its link to the member's page, also a
    member who chose a number for a name."""
    def one(cid: int, name: str, slug: str, text: str, meta: bool) -> str:
        named = f"<meta itemprop='name' content='{name}'>" if meta else ""
        return (f"<div class='comment' id='comment-{cid}'><div class='MessageCard__user-info' itemprop='author'>"
                f"{named}<a class='MessageCard__user-info__name' href='/members/{slug}.{cid}/'>{name}</a>"
                f"<div><span>8,415 posts</span> · <span>Joined 2008</span></div></div>"
                f"<time datetime='2023-08-05'>Aug 5, 2023</time><div class='comment-content'><p>{text}</p></div>"
                "</div>")
    thread = one(5040, "Tony B", "tony-b", "Get a decent table saw first.", True) \
        + one(77, "FrankC", "frankc", "Think small and work your way up.", False) \
        + one(131359, "131359", "131359", "Have you considered a hand saw?", True)
    data = import_json(page(tmp_path, f"<div class='comments'>{thread}</div>"), tmp_path / "m")
    assert got(data) == [("comment", "Tony B", None), ("comment", "FrankC", None), ("comment", "131359", None)]


def _ips(cid: int, name: str, text: str, href: str | None = None) -> str:
    link = href or f"https://forum.example/profile/{cid}-{name.lower()}/"
    return (f"<article id='elComment_{cid}' class='cPost ipsBox ipsComment ipsComment_parent'>"
            f"<aside class='ipsComment_author cAuthorPane'><h3 class='cAuthorPane_author'><strong>"
            f"<a href='{link}'>{name}</a></strong></h3><ul class='cAuthorPane_info'><li>Members</li>"
            f"<li><a href='{link}content/'>3.1k</a></li></ul></aside><div class='ipsComment_content'>"
            f"<div class='ipsComment_meta'><a href='#'>Posted <time datetime='2025-08-26T01:05:36Z'>August 26"
            f"</time></a><ul class='ipsComment_badges'><li><strong class='ipsBadge'>Level 5</strong></li></ul></div>"
            f"<div class='cPost_contentWrap'><div data-role='commentContent' class='ipsType_normal ipsType_richText'>"
            f"<p>{text}</p></div><ul class='ipsComment_controls'><li><a href='#'>Quote</a></li></ul></div></div>"
            "</article>")


def test_an_invision_topic_opens_with_its_post_and_drops_an_advertisement(tmp_path: Path) -> None:
    """Invision Community: the first ``article.cPost`` is the topic's post; the poster's pane (group, post
    count) and the badges are no part of a name or text; a message signed "Advertisement" is an ad."""
    opening = " ".join(["I am in the market for the best camera for photography and want advice."] * 3)
    path = tmp_path / "topic.html"
    path.write_text("<!doctype html><html><head><meta charset='utf-8'><title>Best camera</title></head><body>"
                    "<h1 class='ipsType_pageTitle'>Best camera</h1>"
                    f"{_ips(1, 'Joe', opening)}"
                    f"{_ips(2, 'Advertisement', 'Take a look here for cameras.', href='https://shop.example/x')}"
                    f"{_ips(3, 'DenverSteve', 'First, there is no best camera.')}"
                    f"{_ips(4, 'FrozenInTime', 'Does an AI really need a camera?')}</body></html>",
                    encoding="utf-8")
    data = import_json(path, tmp_path / "m")
    assert data["author"] == "Joe"
    assert data["units"][0]["text"].startswith("I am in the market")
    assert got(data) == [("comment", "DenverSteve", None), ("comment", "FrozenInTime", None)]
    assert data["units"][2]["text"] == "Does an AI really need a camera?"


def test_a_message_set_in_a_blockquote_is_no_quotation(tmp_path: Path) -> None:
    """XenForo 1 sets each message in ``blockquote.messageText``: the message itself, not a quotation; a
    quotation inside it (``blockquote.quoteContainer``) stays one."""
    def one(cid: int, name: str, text: str) -> str:
        return (f"<div class='comment' id='comment-{cid}'><span class='fn'>{name}</span> <time "
                f"datetime='2025-05-27'>May 27, 2025</time><div class='comment-content'><article><blockquote "
                f"class='messageText SelectQuoteContainer ugc baseHtml'>{text}</blockquote></article></div></div>")
    quoted = ("<div class='bbCodeBlock bbCodeQuote'><div class='attribution'>CDB said:</div>"
              "<blockquote class='quoteContainer'>Are you adding local options?</blockquote></div>"
              "Yes, I will add a few next week.")
    thread = one(1, "CDB", "Are you adding local options?") + one(2, "pelex", quoted)
    data = import_json(page(tmp_path, f"<div class='comments'>{thread}</div>"), tmp_path / "m")
    assert data["units"][1]["text"] == "Are you adding local options?"
    assert "> Are you adding local options?" in data["units"][2]["text"]
    assert data["units"][2]["text"].endswith("Yes, I will add a few next week.")


def _slash(cid: int, name: str, text: str, replies: str = "") -> str:
    return (f"<li id='tree_{cid}' class='comment full contain'><div id='comment_{cid}' class='cw'>"
            f"<div class='commentTop'><div class='title'><h4><a href='#'>Re: Guaranteed jobs?</a> <span "
            f"class='score'>(Score:3, Interesting)</span></h4></div><div class='details'><span class='by'><span "
            f"class='byby'>by </span><a href='//slashdot.org/~{name}'>{name}</a> <span class='uid'><a "
            f"href='//slashdot.org/~{name}'>( {cid} )</a></span></span><span class='writes'> writes:</span> "
            f"<span class='otherdetails'> on Friday December 19, 2025 @08:08PM</span></div></div>"
            f"<div class='commentBody'><div id='comment_body_{cid}'>{text}</div></div><div class='commentSub'>"
            f"<a class='btn link' href='#'>Reply to This</a></div></div><ul id='group_{cid}'>{replies}</ul></li>")


def test_a_slash_thread_names_its_writers_and_keeps_a_short_comment_with_long_replies(tmp_path: Path) -> None:
    """Slash (Slashdot): "by NAME ( 5754788 ) writes:" under the comment's title, replies nested in the
    comment's ``ul``; a comment of a few words over long replies signs its words (``.by a``), so it is no
    box of replies."""
    long = " ".join(["The weak job market has everything to do with pandemic era over hiring."] * 4)
    thread = ("<div id='comments'><ul id='commentlisting'>"
              + _slash(1, "ozmartian", "How are juniors supposed to be mentored?",
                       _slash(2, "iggymanz", long) + _slash(3, "larryjoe", long))
              + _slash(4, "zeiche", "Folks looking for jobs: get your name on a list.") + "</ul></div>")
    data = import_json(page(tmp_path, thread), tmp_path / "m")
    assert got(data) == [("comment", "ozmartian", None), ("comment", "iggymanz", "c1"),
                         ("comment", "larryjoe", "c1"), ("comment", "zeiche", None)]
    assert data["units"][1]["text"] == "How are juniors supposed to be mentored?"


def _crawler_post(n: int, name: str, text: str) -> str:
    return (f"<div id='post_{n}' class='topic-body crawler-post'><div class='crawler-post-meta'><span "
                f"class='creator' itemprop='author' itemscope itemtype='http://schema.org/Person'><a "
                f"itemprop='url' href='https://forum.example/u/{name}'><span itemprop='name'>{name}</span></a>"
                f"</span><span class='crawler-post-infos'><time datetime='2026-02-20T16:55:07Z' class='post-time'>"
                f"February 20, 2026, 4:55pm</time><span itemprop='position'>{n}</span></span></div>"
                f"<div class='post' itemprop='text'><p>{text}</p></div></div>")


def _noscript_topic(tmp_path: Path, title: str, posts: str) -> Path:
    path = tmp_path / "topic.html"
    path.write_text("<!doctype html><html><head><meta charset='utf-8'><meta name='generator' content='Discourse "
                    f"2026.3.0'><title>{title}</title></head><body><div id='app'></div><noscript><div "
                    f"id='main-outlet' class='wrap'><h1>{title}</h1><div itemscope itemtype="
                    f"'http://schema.org/DiscussionForumPosting'>{posts}</div></div></noscript></body></html>",
                    encoding="utf-8")
    return path


def test_a_page_whose_text_is_its_noscript_fallback_is_read_from_it(tmp_path: Path) -> None:
    """Discourse saved without its script shows its crawler view, inside ``<noscript>``: the topic and its
    replies are read from it (sanitising drops every other ``noscript``)."""
    post = _crawler_post
    opening = " ".join(["Is changing the minimum supported version a breaking change since the new edition?"] * 3)
    posts = (f"{post(1, 'sorairolake', opening)}"
             f"{post(2, 'BurntSushi', 'Bumping the minimum version has never been a breaking change.')}"
             f"{post(3, 'newpavlov', 'As a maintainer I confirm that your understanding is correct.')}")
    data = import_json(_noscript_topic(tmp_path, "Is changing the MSRV a breaking change?", posts), tmp_path / "m")
    assert data["author"] == "sorairolake"
    assert got(data) == [("comment", "BurntSushi", None), ("comment", "newpavlov", None)]


def test_a_topic_asked_in_its_titles_words_alone_keeps_them_as_its_post(tmp_path: Path) -> None:
    """A forum question that is its title's words alone is the post, not a heading to drop: the import
    does not fail with an empty post."""
    title = "Best daily news website for beginner?"
    posts = _crawler_post(1, "LingoLover94", title) + "".join(
        _crawler_post(n, name, f"{text} " * 8) for n, name, text in
        ((2, "charrich87", "My partner watches the BBC news, it is British English."),
         (3, "Maria2", "You mention CNN but feel it is too hard for you now.")))
    data = import_json(_noscript_topic(tmp_path, title, posts), tmp_path / "m")
    assert data["units"][0]["text"] == title
    assert got(data) == [("comment", "charrich87", None), ("comment", "Maria2", None)]


def test_a_vbulletin_3_thread_reads_its_post_tables(tmp_path: Path) -> None:
    """vBulletin 3 prints each message as ``table#postN`` inside ``div#editN``, the poster in
    ``a.bigusername``: the first message is the post, the others answer it."""
    def one(pid: int, name: str, text: str) -> str:
        return (f"<div id='edit{pid}'><table id='post{pid}' class='tborder'><tr><td class='thead'>30th March 2025, "
                f"16:26</td></tr><tr><td class='alt2'><div id='postmenu_{pid}'><a class='bigusername' "
                f"href='member.php?u={pid}'>{name}</a></div></td><td class='alt1'>"
                f"<div id='post_message_{pid}'>{text}</div></td></tr></table></div>")
    opening = " ".join(["I have tested a new graphics card and the refresh rate is wrong when I play a film."] * 3)
    path = tmp_path / "thread.html"
    path.write_text("<!doctype html><html><head><meta charset='utf-8'><meta name='generator' content='vBulletin "
                    "3.8.11'><title>Wrong refresh rate</title></head><body><div id='posts'>"
                    f"{one(1, 'microfast', opening)}{one(2, 'GeoffreyA', 'Does disabling hardware acceleration help?')}"
                    f"{one(3, 'microfast', 'No, it does not change the rate at all.')}</div></body></html>",
                    encoding="utf-8")
    data = import_json(path, tmp_path / "m")
    assert data["author"] == "microfast"
    assert data["units"][0]["text"].startswith("I have tested")
    assert got(data) == [("comment", "GeoffreyA", None), ("comment", "microfast", None)]
    assert data["units"][1]["text"] == "Does disabling hardware acceleration help?"


def test_a_comment_marked_by_no_name_class_is_signed_by_its_profile_link(tmp_path: Path) -> None:
    """Substack's comments carry utility classes only: the writer is the link to their profile in the
    header (not a member mentioned in the text; not a link printing its address), and the header's compact
    age ("20h") is no text; links to members' profiles are no link farm."""
    def one(cid: int, name: str, slug: str, text: str, age: str) -> str:
        link = f"https://substack.com/profile/{cid}-{slug}"
        return (f"<div class='comment'><div id='comment-{cid}' class='comment-anchor'></div><div class='pencraft "
                f"pc-display-flex comment-content'><a href='{link}?utm_source=comment' class='pencraft'><div "
                f"class='pencraft'><img alt=''></div></a><div class='pencraft'><div class='pencraft'><span><a "
                f"href='{link}?utm_source=feed' class='link-LIBpto'>{name}</a></span> </div><a href='/p/x/comment/{cid}'>"
                f"<span>{age}</span></a></div><div class='pencraft'><p>{text}</p></div></div></div></div>")
    mention = "I agree with <a href='https://substack.com/profile/9-ann'>Ann</a>: the second essay is the best."
    thread = one(1, "Nick Zylkowski", "nick", "Great list and plenty of new things to read.", "20h") \
        + one(2, "Javad", "javad", mention, "2d") \
        + one(3, "https://www.youtube.com/user/aquatasy", "x", "Know the store you are buying from first.", "3d")
    data = import_json(page(tmp_path, f"<div class='comments-page'>{thread}</div>"), tmp_path / "m")
    assert got(data) == [("comment", "Nick Zylkowski", None), ("comment", "Javad", None), ("comment", None, None)]
    assert data["units"][1]["text"] == "Great list and plenty of new things to read."
    assert data["units"][2]["text"].startswith("I agree with")


# ------------------------------------------------------------------ comment authors (stop 28's rules)

def _comment(cid: int, author: str, text: str, heading: bool = False) -> str:
    meta = f"<h4 class='comment-heading'>{author}</h4>" if heading else f"<div class='comment-author'>{author}</div>"
    return (f"<li id='comment-{cid}' class='comment'><article class='comment-body'>{meta}"
            f"<div class='comment-content'><p>{text}</p></div></article></li>")


def test_an_avatars_initial_is_no_name_its_title_is(tmp_path: Path) -> None:
    """An avatar drawn as one letter in a circle (NodeBB) prints "J" before the name: the name is its title."""
    avatar = "<span class='avatar' title='JonB'>J</span>"
    thread = f"<ol class='commentlist'>{_comment(1, avatar, 'The post answered what I asked last year.')}" \
             f"{_comment(2, '<span class=avatar title=Kestrel>K</span>', 'I had the same question.')}</ol>"
    data = import_json(page(tmp_path, thread), tmp_path / "m")
    assert [author for _, author, _ in got(data)] == ["JonB", "Kestrel"]


def test_a_two_letter_name_is_a_name_not_an_avatar(tmp_path: Path) -> None:
    thread = f"<ol class='commentlist'>{_comment(1, '<b class=fn>KC</b>', 'Thank you for writing this.')}" \
             f"{_comment(2, '<b class=fn>Jo</b>', 'So glad to read it.')}</ol>"
    data = import_json(page(tmp_path, thread), tmp_path / "m")
    assert [author for _, author, _ in got(data)] == ["KC", "Jo"]


def test_a_heading_that_prints_the_date_beside_the_name_gives_the_name(tmp_path: Path) -> None:
    """``<h4><span>NAME</span> <time>…</time></h4>``: the date's words are not the name's."""
    heading = "<span>Abdul Majeed</span> <time datetime='2021-03-12'>3/12/2021 at 1:48am</time>"
    thread = f"<ol class='commentlist'>{_comment(1, heading, 'A careful post, thank you.', heading=True)}" \
             f"{_comment(2, '<span>Ruth Kay</span> <time>4/1/2021 at 9:02pm</time>', 'Agreed.', heading=True)}</ol>"
    data = import_json(page(tmp_path, thread), tmp_path / "m")
    assert [author for _, author, _ in got(data)] == ["Abdul Majeed", "Ruth Kay"]


@pytest.mark.parametrize("raw, name", [("Mara Quint Quote", "Mara Quint"), ("Lev | Zitieren", "Lev"),
                                       ("Anaïs · Citer", "Anaïs"), ("Quoter", "Quoter")])
def test_quote_beside_a_name_is_a_control_not_the_name(raw: str, name: str) -> None:
    """A forum's "Quote" button printed beside the poster's name (in four languages); a word that merely
    starts with it is a name."""
    assert clean_name(raw) == name


@pytest.mark.parametrize("href, member", [("/user/jonb", True), ("/members/kestrel.42/", True),
                                          ("/user/login?destination=node/5", False), ("/users/sign-in", False),
                                          ("/member/register", False)])
def test_a_member_pages_own_controls_name_nobody(href: str, member: bool) -> None:
    """"Quote" and "Other" link to ``/user/login?destination=…`` on a Drupal forum: a member path's word, but
    the login page is no member's."""
    from book.sources import html_thread

    assert bool(html_thread._MEMBER_PATH.search(html_thread._link_path(href))) is member


def test_a_code_listings_comments_are_no_thread(tmp_path: Path) -> None:
    """A syntax highlighter marks the ``// ...`` of the code it colours as a comment (``span.token.comment``,
    ``hljs-comment``): inside the ``<pre>`` they are the program's words, kept in the post, not readers' comments."""
    code = ("<pre><code class='language-js'><span class='token comment'>// Declare a new state variable</span>\n"
            "const [count, setCount] = useState(0);\n"
            "<span class='hljs-comment'>// Update the title on each click</span>\n"
            "document.title = count;\n<span class='token comment'>// Clean up after the effect</span></code></pre>")
    path = tmp_path / "page.html"
    path.write_text("<!doctype html><html><head><meta charset='utf-8'><title>T</title></head><body><article>"
                    f"<h1 class='entry-title'>The Post</h1><div class='entry-content'><p>{_POST}</p>{code}"
                    f"<p>{_POST}</p></div></article></body></html>", encoding="utf-8")
    data = import_json(path, tmp_path / "m")
    assert got(data) == []
    assert "Update the title on each click" in data["units"][0]["text"]
