"""Comment threads and bylines of HTML pages no profile was written for: one small page per mechanism."""

from __future__ import annotations

from pathlib import Path

from .helpers import import_json, run
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


def test_class_less_list_with_name_and_date_in_one_header(tmp_path: Path) -> None:
    """A theme's list with no class on its items: "NAME Posted: Oct.28 at 4:22 pm" (a date without a year,
    the name a link or bare text, a digit in the handle) over the comment's bare text, however short."""
    def item(name: str, when: str, text: str) -> str:
        return f"<li><div class='date'>{name} Posted: {when}</div>{text}</li>"
    thread = ("<div id='comments'><label>4 Responses</label><ul>"
              + item("pee.", "Oct.28 at 4:22 pm", "YE FIRST!")
              + item("JTaylor21", "Oct.28 at 4:29 pm", "This is a joke right? Miami is last, child please.")
              + item("<a href='http://example.com' class='url'>Enigmatic</a>", "Oct.28 at 6:42 pm",
                     "Trevor Ariza, Josh Howard and Travis Outlaw over Deng?")
              + item("albie1kenobi", "Oct.29 at 2:35 pm", "Interesting way of doing this, hollinger-lite?")
              + "</ul></div>")
    data = import_json(page(tmp_path, thread), tmp_path / "m")
    assert got(data) == [("comment", "pee.", None), ("comment", "JTaylor21", None), ("comment", "Enigmatic", None),
                         ("comment", "albie1kenobi", None)]
    assert [u["text"] for u in data["units"][1:3]] == ["YE FIRST!", "This is a joke right? Miami is last, child please."]


def test_reader_comments_dated_by_a_relative_time_in_any_language(tmp_path: Path) -> None:
    """A news site's own list: the name and "3 gün önce" in elements their classes call a name and a time,
    the text in its ``content`` box however short, a bar of buttons and likes below it, and a share counter
    classed as a comment that is not one; "Misafir" (Turkish for guest) names nobody."""
    def item(name: str, text: str, likes: str = "") -> str:
        return (f"<li class='news-comment-list-content'><div class='header'><span class='name'>{name}</span>"
                f"<span class='time'>3 gün önce</span><span class='report'>Şikayet Et</span></div>"
                f"<div class='content'>{text}</div><div class='bottom comment-bottom'><span>Beğen</span>"
                f"<span>Cevapla</span>{likes}</div></li>")
    thread = ("<div class='news-share-secondary_item comment'>Bu Habere 3 Yorum Yapılmış</div>"
              "<div class='news-comment'><div class='news-comment-header'>YORUMLAR 3</div><ul class='news-comment-list'>"
              + item("Yılmaz", "Galatasaray bu saatten sonra kaybetmez, sadece lige heyecan getirdi.")
              + item("Misafir", "gs 0-0 konya, fb 7 istanbul 1")
              + item("Fenerli", "Konya spora başarılar", "<span>Toplam 6 beğeni</span>") + "</ul></div>")
    data = import_json(page(tmp_path, thread), tmp_path / "m")
    assert got(data) == [("comment", "Yılmaz", None), ("comment", None, None), ("comment", "Fenerli", None)]
    assert data["units"][3]["text"] == "Konya spora başarılar"


def test_a_box_of_replies_inside_the_comment_it_answers(tmp_path: Path) -> None:
    """Tencent's widget: the thread's box and each reply box are classed like comments; a box holding
    comments of one shape (and an advertisement) is a box, its comments answer the comment around it."""
    def item(name: str, text: str, replies: str = "") -> str:
        return (f"<div class='qqcom-comment-item'><div class='qnc-comment'><span class='qqcom-comment-user-nick'>"
                f"{name}</span><div class='qnc-comment__content'>{text}</div><span class='qnc-comment__time'>5月19日"
                f"</span></div>{replies}</div>")
    replies = ("<div class='qqcom-sub-comment'>" + item("毅飞人生", "你要知道，半遮半掩的神秘的才是最让人向往的！！")
               + item("神经蛙", "海滩区域小，就那么几个人，影响不大") + "</div>")
    thread = ("<div class='qq_comment'><div class='qqcom-comment-count'>评论 3</div><div>"
              + item("人生有点甜", "支持平台做法，今天擦边不管，明天就啥都敢露。")
              + "<div class='comment_ad-item'><div class='article-comment'>广告 了解详情</div></div>"
              + item("用户3050500", "海滩上穿比基尼被人看到短裤，和穿裙子穿同一条短裤也被人看到，性质一样吗？", replies)
              + "</div></div>")
    data = import_json(page(tmp_path, thread), tmp_path / "m")
    assert [g for g in got(data) if g[1]] == [("comment", "人生有点甜", None), ("comment", "用户3050500", None),
                                              ("comment", "毅飞人生", "c2"), ("comment", "神经蛙", "c2")]


def test_a_comment_as_a_definition_lists_pair(tmp_path: Path) -> None:
    """Thesis prints a comment as ``dt`` (the name, the date) and ``dd`` (the text): one comment."""
    def pair(name: str, text: str) -> str:
        return (f"<dt class='comment depth-1'><span class='comment_author'>{name}</span> <span class='comment_time'>"
                f"October 28, 2010 at 11:21 am</span></dt><dd class='comment depth-1'><div class='format_text'>"
                f"<p>{text}</p></div></dd>")
    thread = ("<div id='comments'><dl class='comment_list'>" + pair("Aqua", "Very enjoyable and informative!")
              + pair("GBendt", "Molten rock under high pressure can store huge amounts of gases.") + "</dl></div>")
    data = import_json(page(tmp_path, thread), tmp_path / "m")
    assert got(data) == [("comment", "Aqua", None), ("comment", "GBendt", None)]
    assert data["units"][1]["text"] == "Very enjoyable and informative!"


def test_a_board_topic_whose_run_of_messages_is_the_page(tmp_path: Path) -> None:
    """A board no forum reader knows: its messages are the page's text and signed by several, so the first is
    the post, and its poster the post's writer even where the structured data names another (Kunena's JSON-LD
    names the last replier); each message's poster box before the name ("Post # 2", rank, count) is no text;
    a reply's "View original reply" box names the message answered by its number (``post-id``)."""
    def post(n: int, name: str, text: str) -> str:
        return (f"<article class='post board post-{1000 + n}' id='post-{1000 + n}'><div class='boards-post-number'>Post # {n}</div>"
                f"<div class='img-frame'>Member<br><div>15 posts</div><div>Newbee</div></div><div class='text-holder'>"
                f"<ul class='details'><li><a class='name bbp-author-name' href='/m/{name}'>{name}</a></li>"
                f"<li class='time'>2 weeks ago</li></ul><p>{text}</p></div></article>")
    body = ("<div class='topic'><h1>Fav nail colour for your ring?</h1>"
            + post(1, "swedenbee", "Hi! Just for fun, what is your favourite nail colour or style with your ring? "
                   "I have been wearing a soft pink for weeks and I wonder what everyone else likes to wear with theirs.")
            + post(2, "februarybride220", "Love this. Beautiful ring and nail colour. Mine is a deep red right now "
                   "because it goes with everything and it makes the stone stand out in photos.")
            + post(3, "minnewanka", "I just love an ombre french. It looks so chic and does not distract from the set, "
                   "and it grows out nicely too, which matters when you only go to the salon every few weeks.")
            + post(4, "swedenbee", "<div class='replied-comment-rectangle' post-id='1002' reply-id='1004'>View original "
                   "reply</div>@februarybride220: Love the colour with the tattoos, it really works.")
            + "</div>")
    path = tmp_path / "board.html"
    ld = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "DiscussionForumPosting", '
          '"headline": "Fav nail colour for your ring?", "author": {"@type": "Person", "name": "minnewanka"}}</script>')
    path.write_text(f"<!doctype html><html><head><meta charset='utf-8'><title>Board</title>{ld}</head><body>{body}"
                    "</body></html>", encoding="utf-8")
    data = import_json(path, tmp_path / "m")
    assert data["author"] == "swedenbee"      # the first message's poster, not the JSON-LD's last replier
    assert got(data) == [("comment", "februarybride220", None), ("comment", "minnewanka", None),
                         ("comment", "swedenbee", "c1")]
    assert data["units"][1]["text"].startswith("Love this.")
    assert data["units"][3]["text"].startswith("@februarybride220: Love the colour")


def test_a_counter_in_another_language_warns_of_comments_not_read(tmp_path: Path) -> None:
    """"YORUMLAR 21" (Turkish, the number after the word) in the thread's header: a page that holds fewer
    comments than it counts says so (``S304``), whatever language it counts in."""
    thread = ("<div class='news-comment'><div class='news-comment-header'>YORUMLAR 21</div><ol class='commentlist'>"
              "<li class='comment'><cite class='fn'>Yılmaz</cite><p>Galatasaray bu saatten sonra kaybetmez.</p></li>"
              "<li class='comment'><cite class='fn'>Fenerli</cite><p>Konya spora başarılar diliyorum.</p></li>"
              "</ol></div>")
    result = run("import", page(tmp_path, thread), "-m", tmp_path / "m")
    assert result.exit_code == 0, result.stderr
    assert "S304" in result.stderr and "shows 21 comments but 2 were read" in result.stderr


def test_a_handle_in_the_headlines_box_is_the_byline(tmp_path: Path) -> None:
    """A topic's writer shown only as a handle with digits beside the headline ("zzz6519003 · 1 月前 · 最后由
    NAME 回复于 …"), which no metadata line takes for a name: the element classed as a user's name there."""
    path = tmp_path / "topic.html"
    path.write_text("<!doctype html><html><head><meta charset='utf-8'><title>Ruby：极致的脚本语言</title></head><body>"
                    "<div class='topic-detail'><div class='card-header'><h1><span class='title'>Ruby：极致的脚本语言</span>"
                    "</h1><div class='info'><a class='user-name' href='/zzz6519003'>zzz6519003</a> · "
                    "<abbr class='timeago' title='2024年04月22日'>1 月前</abbr> · 最后由 <a class='user-name' "
                    "href='/Catherine'>Catherine</a> 回复于 19 天前 · 1350 次阅读</div></div><div class='card-body'>"
                    f"<p>{_POST}</p></div></div></body></html>", encoding="utf-8")
    data = import_json(path, tmp_path / "m")
    assert data["author"] == "zzz6519003"


def test_a_picture_credit_is_not_the_byline(tmp_path: Path) -> None:
    """An image's caption credits its photographer or agency in an element classed ``author``
    ("Shutterstock"); the writer is the name under the headline."""
    path = tmp_path / "article.html"
    path.write_text("<!doctype html><html><head><meta charset='utf-8'><title>Truskawki</title></head><body><article>"
                    "<div class='image'><div class='imageCaptionWrapper'><div class='imageWrapper'><span class='author'>"
                    "Shutterstock</span></div><span class='caption'>Truskawki w koszyku</span></div></div>"
                    "<h1>Nie jedz truskawek, jeśli zażywasz te leki</h1><div class='authDesc'><a class='authorNameWrapper' "
                    "href='/author/oliwia-stepien'><span class='name' itemprop='name'>Oliwia Stępień</span></a></div>"
                    "<span class='date'>6 maja 2024, 09:43</span>"
                    f"<div class='entry-content'><p>{_POST}</p></div></article></body></html>", encoding="utf-8")
    data = import_json(path, tmp_path / "m")
    assert data["author"] == "Oliwia Stępień"


def test_an_author_named_only_by_the_address_of_their_page(tmp_path: Path) -> None:
    """An author box whose only link to the writer reads as a button ("Archiv anzeigen →", to
    ``/author/jessie/``): the button is no name; the address names the writer, an inference flagged ``S305``."""
    path = tmp_path / "post.html"
    path.write_text("<!doctype html><html><head><meta charset='utf-8'><title>Westwing</title></head><body><article>"
                    f"<h1 class='entry-title'>Westwing</h1><div class='entry-content'><p>{_POST}</p></div></article>"
                    "<div class='author-bio'><div class='author-description'><p>Ich schreibe hier über Mode.</p>"
                    "<a class='author-link' href='https://www.example.de/author/jessie/' rel='author'>Archiv anzeigen "
                    "<span aria-hidden='true'>&rarr;</span></a></div></div></body></html>", encoding="utf-8")
    result = run("import", path, "-m", tmp_path / "m")
    assert result.exit_code == 0 and "S305" in result.stderr
    data = import_json(path, tmp_path / "m2")
    assert data["author"] == "Jessie"


def test_a_short_comment_with_two_long_replies_stays_a_comment(tmp_path: Path) -> None:
    """A comment of a few words whose two replies are long holds "comments of one shape side by side" as a box
    of replies does, but it signs its own words: a comment, which the replies answer."""
    def li(cid: int, name: str, text: str, children: str = "") -> str:
        return (f"<li class='comment depth-1' id='li-comment-{cid}'><div id='comment-{cid}' class='comment-wrap'>"
                f"<div class='comment-author'>{name} <time datetime='2019-04-29'>29.04.2019</time></div>"
                f"<p>{text}</p></div>{children}</li>")
    long = " ".join(["Ich sehe das ganz anders, weil die Übertragungen seit Jahren immer später beginnen."] * 4)
    replies = "<ul class='children'>" + li(2, "Jürgen", long) + li(3, "Uwe", long) + "</ul>"
    thread = ("<ol class='commentlist'>" + li(1, "brigitte", "Warum wird das nicht thematisiert?", replies)
              + li(4, "Marcel", "Ganz meine Meinung, danke für den Beitrag.") + "</ol>")
    data = import_json(page(tmp_path, thread), tmp_path / "m")
    assert got(data) == [("comment", "brigitte", None), ("comment", "Jürgen", "c1"), ("comment", "Uwe", "c1"),
                         ("comment", "Marcel", None)]


def test_a_list_of_teasers_does_not_replace_the_thread(tmp_path: Path) -> None:
    """A sidebar of other posts, each with its writer and date, repeats a name, a date and text as a thread
    does; the one comment the page's own list holds stays the thread."""
    teasers = "".join(f"<div class='bdaia-wb-article'><h3><a href='/p{i}/'>Une autre nouvelle numéro {i}</a></h3>"
                      f"<div class='bdaia-post-author-name'><a href='/author/samir/' rel='author'>Samir DRIDI</a></div>"
                      f"<span class='bdaia-post-date'>18/02/2020</span><p>Le résumé de cet autre article, en quelques "
                      f"mots seulement.</p></div>" for i in range(4))
    thread = ("<div id='comments'><ol class='commentlist'><li class='comment depth-1' id='comment-957'>"
              "<div class='comment-header'><p class='comment-meta'><cite class='fn'>Liberte</cite> 18/02/2020 à 16:42</p>"
              "</div><div class='comment-body'><p>La parité je veux bien, surtout en ce moment.</p></div></li></ol></div>"
              f"<aside class='bdaia-widget'>{teasers}</aside>")
    data = import_json(page(tmp_path, thread), tmp_path / "m")
    assert got(data) == [("comment", "Liberte", None)]


def _posted_by(n: int, name: str, when: str, text: str) -> str:
    return (f"<div class='post-reply-wrapper post-reply-num-{n}'><hr><div class='reply-details'>Reply {n} - Posted by: "
            f"<a href='/members/{n}00/{name.lower()}.html' class='member-link'>{name}</a> {when} (No. {n}7)</div>"
            f"<div class='reply-text'>{text}</div><div class='reply-like'><a>Like this</a></div></div>")


def test_a_flat_list_with_the_date_as_a_bare_text_node_is_a_thread(tmp_path: Path) -> None:
    """"Reply N - Posted by: <a>NAME</a> 5/21/2024 4:47:57 AM (No. 17)": no element holds the date, no class calls
    the link a name (it links to the member's page); the replies are read, each by its writer, and none is
    taken for the post (they are labelled replies)."""
    thread = "<div class='post-replies-container'>" + "".join(
        _posted_by(n, name, f"5/2{n}/2024 4:4{n}:57 AM", f"Reply number {n} says what {name} thinks of it all.")
        for n, name in enumerate(["PChristopher", "Rinktum", "NancyD", "franq"], 1)) + "</div>"
    data = import_json(page(tmp_path, thread), tmp_path / "m")
    assert got(data) == [("comment", name, None) for name in ["PChristopher", "Rinktum", "NancyD", "franq"]]
    assert data["units"][1]["text"].startswith("Reply number 1 says")
    assert "The words of the post" in data["units"][0]["text"]


def test_a_thread_shown_but_not_read_warns_without_a_counter(tmp_path: Path) -> None:
    """Two "comments" a theme's classes mark (a box of quotes) stand for the thread, while the page shows five
    signed and dated replies beside them: with no counter on the page, S304 still says how many it shows."""
    quotes = ("<div class='comment'><p>A quote box the theme calls a comment.</p></div>"
              "<div class='comment'><p>Another quote box, with no writer at all.</p></div>")
    replies = "<div class='replies'>" + "".join(
        _posted_by(n, name, f"5/2{n}/2024 4:4{n}:57 AM", f"Reply number {n} says what {name} thinks of it all.")
        for n, name in enumerate(["Ann", "Bob", "Cid", "Dee", "Eve"], 1)) + "</div>"
    result = run("import", page(tmp_path, quotes + replies), "-m", tmp_path / "m")
    assert result.exit_code == 0
    assert "S304" in result.stderr, result.stderr


def test_cards_linking_other_headlines_are_no_thread_and_no_missing_comments(tmp_path: Path) -> None:
    """Related articles as cards, each a linked headline, a writer's link and a date: teasers of other pages,
    neither read as comments nor counted as a thread the import missed (S304)."""
    def card(n: int, name: str) -> str:
        return (f"<div class='column card'><a href='/2019/story-{n}'><h3>Story number {n} of the week</h3></a>"
                f"<a href='/members/{name.lower()}/'>{name}</a> <span>September {n}, 2019</span>"
                f"<p>A few words on what story {n} is about.</p></div>")
    related = "<div class='columns related'>" + "".join(card(n, name) for n, name in
                                                        enumerate(["Ben", "Max", "Emma", "Joel"], 1)) + "</div>"
    result = run("import", page(tmp_path, related), "-m", tmp_path / "m")
    assert result.exit_code == 0 and "S304" not in result.stderr
    assert got(import_json(page(tmp_path, related, "again.html"), tmp_path / "m2")) == []


def test_a_post_above_its_replies_list_is_not_its_first_reply(tmp_path: Path) -> None:
    """A forum built of generated classes prints the question under its headline, then the replies as a list,
    each a member's link, a date and text: the replies are all comments, none of them taken for the post."""
    question = " ".join(["I have two patches with the same code and their place changes the load they cause."] * 4)
    def reply(name: str, day: int) -> str:
        words = " ".join([f"{name} has tried this too and the load changed with the place of the patch."] * 5)
        return (f"<li class='css-7styu7'><a href='/author/{day}a{day}b'>{name}</a><span>May {day:02d} 2024 | 9:22 pm"
                f"</span><div class='css-q1'><p>{words}</p></div></li>")
    body = (f"<h1>Patch place and load</h1><div class='css-a5d'><p>{question}</p></div>"
            f"<ul class='css-mr0b6g'>{reply('Alien', 2)}{reply('Graham', 14)}{reply('mizu', 15)}</ul>")
    path = tmp_path / "page.html"
    path.write_text(f"<!doctype html><html><head><meta charset='utf-8'><title>Patch place and load</title></head>"
                    f"<body>{body}</body></html>", encoding="utf-8")
    data = import_json(path, tmp_path / "m")
    assert got(data) == [("comment", "Alien", None), ("comment", "Graham", None), ("comment", "mizu", None)]
    assert data["units"][0]["text"].startswith("I have two patches")


def test_the_detector_changes_only_the_run_it_chooses() -> None:
    """Reading a block may put a bare date in a span of its own; a run tried and not chosen (two replies in a
    box, beside a thread of four) is left as the page printed it, the chosen run's dates in their spans."""
    from lxml import html as lxml_html

    from book.sources import html_thread

    def replies(box: str, names: list[str]) -> str:
        return f"<div class='{box}'>" + "".join(
            _posted_by(n, name, f"5/2{n}/2024 4:4{n}:57 AM", f"Reply number {n} says what {name} thinks of it all.")
            for n, name in enumerate(names, 1)) + "</div>"
    doc = lxml_html.fromstring("<html><body>" + replies("short", ["Ann", "Bob"])
                               + replies("long", ["Cid", "Dee", "Eve", "Fay"]) + "</body></html>")
    short = doc.find_class("short")[0]
    printed = lxml_html.tostring(short)
    run = html_thread.thread_run(doc)
    assert [html_thread._raw(author) for _, author, _ in run] == ["Cid", "Dee", "Eve", "Fay"]
    assert [date.tag for _, _, date in run] == ["span"] * 4 and all(date.getparent() is not None for _, _, date in run)
    assert lxml_html.tostring(short) == printed
