"""Comment threads in saved HTML pages: one small page per mechanism (plugins, widgets, names, wrappers)."""

from __future__ import annotations

from pathlib import Path

from .helpers import import_json, run

_POST = " ".join(["The words of the post go on for a while so that the page has a body."] * 6)


def page(tmp_path: Path, thread: str, name: str = "page.html") -> Path:
    path = tmp_path / name
    path.write_text("<!doctype html><html><head><meta charset='utf-8'><title>T</title></head><body>"
                    f"<article><h1 class='entry-title'>The Post</h1><div class='entry-content'><p>{_POST}</p>"
                    f"</div></article>{thread}</body></html>", encoding="utf-8")
    return path


def got(data: dict) -> list[tuple]:
    return [(u["kind"], u["author"], u["parent"]) for u in data["units"][1:]]


def _wpdiscuz(level: int, cid: int, name: str, badge: str, text: str, nested: str = "") -> str:
    return (f"<div id='wc-comm-{cid}_0' class='wc-comment wc-blog-guest wc_comment_level-{level}'>"
            f"<div class='wc-comment-left'><img class='avatar' alt=''><div class='wc-blog-user-label'>{badge}</div>"
            f"</div><div id='comment-{cid}' class='wc-comment-right'><div class='wc-comment-header'>"
            f"<div class='wc-comment-author'>{name}</div></div><div class='wc-comment-text'><p>{text}</p></div>"
            f"<div class='wc-comment-footer'><div class='wc-footer-left'><span class='wc-reply-button'>Antworten"
            f"</span></div><div class='wc-comment-date'>19. Februar 2017 20:00</div></div></div>{nested}</div>")


def test_wpdiscuz_nested_and_flat_levels(tmp_path: Path) -> None:
    """wpDiscuz nests replies in div.wc-comment, or lists them flat with wc_comment_level-N; a "Gast"/"Autor"
    badge sits beside the name, not in it."""
    nested = _wpdiscuz(1, 1, "Franzi", "Gast", "I baked it on Friday, very quick.",
                       _wpdiscuz(2, 2, "Kathrin", "Autor", "Glad it worked for you, Franzi."))
    flat = (_wpdiscuz(1, 3, "Nici", "Gast", "Mine did not rise at all this time.")
            + _wpdiscuz(2, 4, "Marion", "Gast", "Leave out one egg yolk next time.")
            + _wpdiscuz(3, 5, "Nici", "Gast", "Thanks, I will try that tomorrow."))
    data = import_json(page(tmp_path, f"<div id='wpdcom'><div id='wcThreadWrapper' class='wc-thread-wrapper'>"
                                      f"{nested}{flat}</div></div>"), tmp_path / "m")
    assert got(data) == [("comment", "Franzi", None), ("comment", "Kathrin", "c1"), ("comment", "Nici", None),
                         ("comment", "Marion", "c3"), ("comment", "Nici", "c4")]
    assert data["units"][2]["text"] == "Glad it worked for you, Franzi."


def test_a_recent_comments_widget_is_not_the_thread(tmp_path: Path) -> None:
    """A sidebar's "recent comments" box uses the thread's own markup for other pages' comments; a layout
    class on the page itself (``<body class="sidebar">``) is not such a box."""
    widget = ("<div class='widget widget_sdw_recentcomments'><h3>Aktuelle Kommentare</h3><ol class='commentlist'>"
              "<li class='comment depth-1'><article id='comment-9' class='comment miniature'>"
              "<ul class='comment-meta'><li class='comment-author'>Memo</li><li>Zu: <a href='/other/#comment-9'>"
              "Another post</a></li></ul><div class='comment-text'><p>A teaser of a comment elsewhere on the site."
              "</p></div></article></li></ol></div>"
              "<ul class='recent-comments-list'><li class='recentcomments recent-comment'><div class='comment-wrap'>"
              "<span class='comment-author-link'>Weber</span> on <a href='/x/#comment-3'>X</a>: "
              "<span class='comment-excerpt'>Ein Ereignis, welches die ganze Unfähigkeit zeigt</span></div></li></ul>")
    thread = ("<div id='comments'><ol class='commentlist'><li id='comment-1' class='comment depth-1'>"
              "<cite class='fn'>Ann</cite><p>The one comment on this post.</p></li></ol></div>")
    path = page(tmp_path, thread + widget)      # a layout class on the page is no widget: <body class="sidebar">
    path.write_text(path.read_text(encoding="utf-8").replace("<body>", "<body class='single sidebar'>"),
                    encoding="utf-8")
    data = import_json(path, tmp_path / "m")
    assert got(data) == [("comment", "Ann", None)]


def test_a_name_under_the_text_in_a_class_the_profile_does_not_know(tmp_path: Path) -> None:
    """A theme prints the name after the text in span.author_name: the shared conventions find it."""
    thread = ("<ol class='commentlist'>"
              "<li class='comment depth-1' id='li-comment-1'><div id='comment-1'><div class='comment_box'>"
              "<p>Hold Alt in the display settings and pick a scaled mode.</p></div><div class='comment_info'>"
              "<span class='author_name'>Tobsen </span><span class='comment_date'>April 19, 2019</span></div></div>"
              "</li></ol>")
    data = import_json(page(tmp_path, thread), tmp_path / "m")
    assert got(data) == [("comment", "Tobsen", None)]


def test_spip_thread_with_reply_boxes(tmp_path: Path) -> None:
    """SPIP: li.comment-item wraps div.comment (hReview) and a "Répondre à ce message" link; the writer is in
    .reviewer ("par NAME"), the .fn is a link back to the article; a reply's box is classed ``reply``."""
    def item(cid: int, name: str, text: str, reply: bool = False, nested: str = "") -> str:
        return (f"<li class='comment-li comment-item'><a id='comment{cid}'></a>"
                f"<div class='comment hreview{' reply' if reply else ''}'><p class='comment-meta'>"
                f"<time datetime='2019-07-02T06:19:20Z'>Le 2 juillet à 08:19</time>"
                f"<span class='reviewer vcard'><span class='sep'>, </span>par <strong class='fn n'>{name}</strong>"
                f"</span> <span class='item'>En réponse à : <a class='url fn' href='/article'>The Post</a></span>"
                f"</p><div class='comment-content description'><p>{text}</p></div></div>"
                f"<p class='repondre'><a href='/forum?id={cid}'>Répondre à ce message</a></p>{nested}</li>")
    replies = f"<ul class='comments-items'>{item(2, 'Phile', 'Il va se mettre au violon.', reply=True)}</ul>"
    thread = (f"<div class='comments-posts'><ul class='comments-ul comments-items'>"
              f"{item(1, 'Gérard Martinez', 'Balkany jouant de la guitare électrique.', nested=replies)}"
              f"{item(3, 'dd', 'Eh papi, le thé à la mauvaise herbe.')}</ul></div>")
    data = import_json(page(tmp_path, thread), tmp_path / "m")
    assert got(data) == [("comment", "Gérard Martinez", None), ("comment", "Phile", "c1"), ("comment", "dd", None)]
    assert data["units"][2]["text"] == "Il va se mettre au violon."


def test_a_pingback_keeps_a_long_title_without_its_date(tmp_path: Path) -> None:
    """A pingback is signed with the linking post's title, longer than a person's name."""
    title = ("Was man jetzt über die Kennzeichnung von Werbung in sozialen Netzwerken wissen sollte: "
             "Was muss gekennzeichnet werden? - Stella Sternstunde")
    thread = ("<ol class='commentlist'><li class='pingback even depth-1' id='comment-7'><div class='comment-box'>"
              f"<div class='comment-author meta'><strong>{title}</strong> 6. Juli 2018 um 23:55 Uhr "
              "<a class='comment-reply-link' href='?replytocom=7'>- Antworten</a></div>"
              "<div class='comment-text'><p>[…] wie Moritz Meyer schreibt […]</p></div></div></li></ol>")
    data = import_json(page(tmp_path, thread), tmp_path / "m")
    assert got(data) == [("pingback", title, None)]


def test_a_count_in_brackets_warns_when_fewer_comments_are_read(tmp_path: Path) -> None:
    """"Kommentare ( 56 )" over a page that holds 2: S304 says how many may be missing."""
    thread = ("<h2>Kommentare ( 56 )</h2><ol class='commentlist'>"
              "<li id='comment-1' class='comment depth-1'><cite class='fn'>Ann</cite><p>First comment here.</p></li>"
              "<li id='comment-2' class='comment depth-1'><cite class='fn'>Bob</cite><p>Second comment here.</p>"
              "</li></ol>")
    result = run("import", page(tmp_path, thread), "-m", tmp_path / "m")
    assert result.exit_code == 0
    assert "S304" in result.stderr and "shows 56 comments but 2 were read" in result.stderr


def test_the_post_author_answering_with_links_is_no_spam(tmp_path: Path) -> None:
    """WordPress marks the post's writer ``bypostauthor``: an answer pointing to three pages is help, not a link
    farm; the same links from a stranger still are."""
    links = " ".join(f"<a href='https://example.org/{n}'>page {n}</a>" for n in range(3))
    answer = f"<p>See these: {links} and the schedule.</p>"
    thread = ("<ol class='commentlist'>"
              "<li id='comment-1' class='comment depth-1'><cite class='fn'>Ann</cite><p>Where can I watch it?</p>"
              "<ul class='children'><li id='comment-2' class='comment byuser bypostauthor depth-2'>"
              f"<cite class='fn'>Tobias</cite>{answer}</li></ul></li>"
              f"<li id='comment-3' class='comment depth-1'><cite class='fn'>Linker</cite>{answer}</li></ol>")
    data = import_json(page(tmp_path, thread), tmp_path / "m")
    assert got(data) == [("comment", "Ann", None), ("comment", "Tobias", "c1")]


def _boxed(cid: int, name: str, text: str, replies: str = "") -> str:
    """A plugin's comment (Epoch's markup): ``div#comment-N > article`` with the replies' boxes after the
    article, each in a ``level-1`` wrapper; prefixed classes; a "Report" button in the text."""
    return (f"<div id='comment-{cid}' data-comment-id='{cid}'><article class='epoch-comment-body'>"
            f"<footer class='epoch-comment-meta'><div class='epoch-comment-author'><a class='epoch-author-avatar'>"
            f"<img alt=''></a><a href='https://example.org/' class='epoch-author-link'>{name}</a> · "
            f"<a href='#comment-{cid}'><time datetime='comment_date'>March 10, 2017 at 1:26 AM</time></a></div>"
            f"</footer><div class='epoch-comment-content'><p>{text}<span class='x-report-link'>"
            f"<a href='javascript:void(0);'>Report</a></span></p></div></article>"
            + "".join(f"<div class='epoch-child child-of-{cid} level-1'>{reply}</div>" for reply in replies.split("|") if reply)
            + "</div>")


def test_a_comment_box_around_its_article_holds_its_replies(tmp_path: Path) -> None:
    """The second and third replies sit in the first comment's box, after the reply before them: each
    answers the comment whose box holds it, not nobody. Prefixed classes name the writer and the text."""
    thread = (_boxed(1, "Rarst", "One nuance of the number is worth a look.",
                     _boxed(2, "Barry Kooij", "I feel you are right on this.", _boxed(3, "Ahmad Awais", "Would you?"))
                     + "|" + _boxed(4, "Ammon", "You are correct, Rarst.") + "|" + _boxed(5, "Ash", "Agree with you."))
              + _boxed(6, "djsteveb", "Tons of devs, hardly any for this."))
    data = import_json(page(tmp_path, f"<div id='epoch-comments'>{thread}</div>"), tmp_path / "m")
    assert got(data) == [("comment", "Rarst", None), ("comment", "Barry Kooij", "c1"), ("comment", "Ahmad Awais", "c2"),
                         ("comment", "Ammon", "c1"), ("comment", "Ash", "c1"), ("comment", "djsteveb", None)]
    assert [u["text"] for u in data["units"][1:3]] == ["One nuance of the number is worth a look.",
                                                      "I feel you are right on this."]


def test_wordpress_comment_author_login_class_is_not_a_name(tmp_path: Path) -> None:
    """WordPress marks the comment itself ``comment-author-LOGIN``: the writer is still the name inside."""
    item = ("<li class='comment byuser comment-author-hansehrlich depth-1' id='comment-{0}'><div class='row'>"
            "<p class='comment-author'>{1}</p><span class='total'>6709</span><div class='comment-content'><p>{2}</p>"
            "</div></div></li>")
    thread = "".join(item.format(k, name, text) for k, (name, text) in
                     enumerate((("HansEhrlich", "Sehr gut erklärt, danke."), ("Caesi", "Das sehe ich auch so."))))
    data = import_json(page(tmp_path, f"<ol class='commentlist'>{thread}</ol>"), tmp_path / "m")
    assert [u["author"] for u in data["units"][1:]] == ["HansEhrlich", "Caesi"]


def test_a_question_citing_two_links_is_a_comment_not_a_link_farm(tmp_path: Path) -> None:
    from book.sources.spam import spam_reason

    question = ("Has anyone compared this with what I read here http://example.org/a and in the study at "
                "http://example.org/b? I would like to know before my next session.")
    assert spam_reason(question, "Jo", links=2) is None
    assert spam_reason("Great post http://a.example http://b.example", "Jo", links=2) == "spam: link farm"
    assert spam_reason("Cheap pills online for me http://a.example http://b.example buy now I say, visit us today "
                       "for more", "Jo", links=2) is not None


def test_camel_case_comment_classes_are_read_as_the_conventional_ones(tmp_path: Path) -> None:
    """A site's own software writes ``xyCommentWrapper``, ``xyCommentAuthorName``, ``xyCommentMessage``: read
    like ``comment``, ``fn`` and ``comment-content``; ``xyCommentAuthorContainer`` (name, join date, links)
    is no name."""
    def one(cid: int, name: str, text: str) -> str:
        return (f"<div class='xyCommentWrapper'><div class='xyCommentAuthorContainer'><p class='xyCommentAuthorName'>"
                f"<a href='/u/{cid}'>{name}</a></p><p>dabei seit 12/2006</p></div><div id='comment-{cid}' "
                f"class='xyCommentMessageContainer'><div class='xyCommentMessage'>{text}</div></div></div>")
    data = import_json(page(tmp_path, one(1, "RockyRider66", "Where does the logo go, then?")
                            + one(2, "dasK", "Anywhere you like, it holds either way.")), tmp_path / "m")
    assert got(data) == [("comment", "RockyRider66", None), ("comment", "dasK", None)]
    assert data["units"][1]["text"] == "Where does the logo go, then?"


def test_a_forum_threads_first_message_is_the_post(tmp_path: Path) -> None:
    """A forum page holds no article outside its thread (the page's reading is the thread, its members'
    signatures included): the first message is the post, its writer the post's author, and the other
    messages answer it."""
    def message(name: str, text: str) -> str:
        return (f"<div class='FrmComment'><div class='FrmCommentInformation'><span class='FrmCommentAccountName'>"
                f"{name}</span><span class='FrmCommentTime'><span>28.09.19</span><span>13:39</span></span></div>"
                f"<div class='FrmCommentText'>{text}</div><div class='FrmCommentSlogan'>„Der Computer soll die "
                f"Arbeit des Menschen erleichtern, nicht umgekehrt, sagte {name} schon vor zwanzig Jahren, und "
                f"er hatte recht damit.“</div></div>")
    opening = " ".join(["Since the update my phone cannot reach the store over mobile data at all."] * 4)
    path = tmp_path / "forum.html"
    path.write_text("<!doctype html><html><head><meta charset='utf-8'><title>No store over mobile data</title>"
                    "</head><body><nav><a href='/'>Forum</a> &gt; <a href='/p'>Phones</a></nav>"
                    f"{message('macbacchi', opening)}{message('maculi', 'Same here since Friday, on two phones.')}"
                    f"{message('barabas', 'A restart of the phone fixed it for me, try that first.')}</body></html>",
                    encoding="utf-8")
    data = import_json(path, tmp_path / "m")
    assert data["author"] == "macbacchi"
    assert got(data) == [("comment", "maculi", None), ("comment", "barabas", None)]
    assert data["units"][0]["text"].startswith("Since the update my phone")


def test_an_avatar_only_author_element_names_the_writer_by_its_profile_link(tmp_path: Path) -> None:
    """``div.bi-comment-author`` holds only the avatar: the name is the link beside it to the same profile,
    or the picture's alt text ("Profilbild von NAME"); the name heading the text is not kept in it."""
    def one(cid: int, name: str, text: str, link: bool = True) -> str:
        named = f"<strong><a href='/user/{name}.html'>{name}</a></strong>" if link else ""
        return (f"<div id='kommentar_{cid}' class='comment-item'><div class='comment-avatar bi-comment-author'>"
                f"<a href='/user/{name}.html'><img src='/a.png' alt='Profilbild von {name}'></a></div>"
                f"<div>{named}<p>{text}</p><div class='comment-date'>06.06.2017 22:23</div></div></div>")
    data = import_json(page(tmp_path, "<article id='recipe-comments'>" + one(1, "anaya60", "Made it today, lovely.")
                            + one(2, "Hasenohr81", "I misread the pudding step but it still worked.", link=False)
                            + "</article>"), tmp_path / "m")
    assert got(data) == [("comment", "anaya60", None), ("comment", "Hasenohr81", None)]
    assert data["units"][1]["text"].startswith("Made it today")


def test_a_comment_heading_is_the_name_only_when_nothing_else_names_the_writer(tmp_path: Path) -> None:
    """A theme printing the name as the comment's ``<h3>`` and no class for it; a heading that is the
    comment's title gives way to its "geschrieben von NAME am DATE" line."""
    named = ("<ul class='comment-items'><li id='comment-1446'><figure class='user-avatar'><img alt=''></figure>"
             "<div class='comment-info'><h3><a href='http://marius.example' class='url'>Marius</a></h3>"
             "<p>I am curious what turns up here next, nice relaunch.</p><div><b>18. 05. 2014</b></div></div></li>")
    titled = ("<li id='comment-1508'><div><h2 id='c1508'>Ein Argument</h2><span class='metadata'> geschrieben von "
              "berg2012 am 21. Jan. 2015, 19:04 </span><p>The multiplier argument does not hold in this form.</p>"
              "</div></li></ul>")
    data = import_json(page(tmp_path, f"<div class='comment-box'>{named}{titled}</div>"), tmp_path / "m")
    assert got(data) == [("comment", "Marius", None), ("comment", "berg2012", None)]
    assert data["units"][1]["text"].startswith("I am curious what turns up here next")


def test_flat_sub_comments_answer_the_comment_above(tmp_path: Path) -> None:
    """Answers listed flat after the comment they answer, marked ``comment-sub`` (or ``-child``, ``-reply``)."""
    def one(cid: int, name: str, text: str, sub: bool = False) -> str:
        return (f"<div id='kommentar_{cid}' class='comment-item{' comment-sub' if sub else ''}'>"
                f"<span class='comment-author'>{name}</span><p>{text}</p></div>")
    data = import_json(page(tmp_path, "<div class='comments'>" + one(1, "steinchen71", "Out of the oven, looks great.")
                            + one(2, "janina", "Can I use a 26 cm tin for it?", sub=True)
                            + one(3, "EllenT", "Yes, you can, it bakes a little faster.", sub=True)
                            + one(4, "ayse67", "Baked it twice now, everyone loved it.") + "</div>"), tmp_path / "m")
    assert got(data) == [("comment", "steinchen71", None), ("comment", "janina", "c1"), ("comment", "EllenT", "c1"),
                         ("comment", "ayse67", None)]


def test_answers_to_a_question_are_replies_with_their_own_comments(tmp_path: Path) -> None:
    """schema.org ``Answer`` (Stack Exchange): each answer replies to the question, the comments under it
    reply to the answer; the name is the ``[itemprop=name]`` inside ``[itemprop=author]``, not the
    reputation and badges beside it; ``a.comment-user`` names a comment's writer."""
    def comment(cid: int, text: str, user: str) -> str:
        return (f"<li id='comment-{cid}' class='comment js-comment'><div class='comment-text'><div class='comment-body'>"
                f"<span class='comment-copy'>{text}</span> – <a href='/users/{cid}' class='comment-user'>{user}</a>"
                f"</div></div></li>")
    def answer(aid: int, user: str, text: str, comments: str) -> str:
        return (f"<div id='answer-{aid}' class='answer' itemscope itemtype='https://schema.org/Answer'>"
                f"<div class='s-prose' itemprop='text'><p>{text}</p></div><div class='user-details' itemprop='author' "
                f"itemscope itemtype='http://schema.org/Person'><a href='/users/{aid}'>{user}</a><span class='d-none' "
                f"itemprop='name'>{user}</span><div class='-flair'><span>3,926</span><span>9 gold badges</span>"
                f"</div></div><ul class='comments-list'>{comments}</ul></div>")
    thread = (answer(1, "Earthliŋ", "Ich wurde ausgeraubt is the event, war ausgeraubt the state.",
                     comment(11, "Very helpful, thank you for this.", "Tony M"))
              + answer(2, "Tom Au", "Wurde is a change of state verb in this sentence.",
                       comment(21, "But why can it not be war here?", "user5105")
                       + comment(22, "Because you were robbed once, at one time.", "Tom Au")))
    data = import_json(page(tmp_path, f"<div id='answers'>{thread}</div>"), tmp_path / "m")
    assert got(data) == [("comment", "Earthliŋ", None), ("comment", "Tony M", "c1"), ("comment", "Tom Au", None),
                         ("comment", "user5105", "c3"), ("comment", "Tom Au", "c3")]


def test_the_word_for_nobody_in_german_is_no_name(tmp_path: Path) -> None:
    """"Unbekannter Nutzer" (unknown user) is what the page prints for a guest: no author."""
    def one(cid: int, name: str, text: str) -> str:
        return (f"<div class='entry flex' id='{cid}'><p class='commentAuthor'>{name}</p><p class='commentDate'>"
                f"21. Jan 2022</p><p class='commentText'>{text}</p></div>")
    data = import_json(page(tmp_path, "<div class='list'>" + one(6963, "Unbekannter Nutzer", "You are the best, thanks!")
                            + one(6960, "Holzwerker1956", "Thanks Dominik, this tip is worth gold.") + "</div>"),
                       tmp_path / "m")
    assert got(data) == [("comment", None, None), ("comment", "Holzwerker1956", None)]


def test_a_systems_own_class_spellings_read_as_the_conventional_ones(tmp_path: Path) -> None:
    """A site prefix (``kb-comment``), underscores (``article_comment_item``), BEM (``comments-list--item``),
    glued words (``ugccmt-commenttext``) and CSS modules' hashes (``comment--2g6iCC-R``, ``username--2Y8YKhbw``)
    name a comment, its writer and its text as ``comment``, ``fn`` and ``comment-content`` do."""
    threads = ["<div class='article_comments'><div class='article_comment_item'><div class='comment_author'>"
               "Soumis par Anne</div><div class='comment_content'><p>Tant que le journal reste libre, tout va bien."
               "</p></div></div></div>",
               "<ul class='comments-list'><li class='comments-list--item'><span class='kb-comment-author'>Bert</span>"
               "<div class='ugccmt-commenttext'>Those presentations were the best part of the year.</div></li></ul>",
               "<div id='comments'><div class='comment--2g6iCC-R'><div class='username--2Y8YKhbw'>jyen</div>"
               "<div class='content--2GFZCWhT'>Let me guess, thinner and a price bump.</div></div></div>"]
    seen = []
    for n, thread in enumerate(threads):
        data = import_json(page(tmp_path, thread, f"p{n}.html"), tmp_path / f"m{n}")
        seen += [(u["kind"], u["author"], u["parent"], u["text"]) for u in data["units"][1:]]
    assert seen == [("comment", "Anne", None, "Tant que le journal reste libre, tout va bien."),
                    ("comment", "Bert", None, "Those presentations were the best part of the year."),
                    ("comment", "jyen", None, "Let me guess, thinner and a price bump.")]


def test_class_words_that_make_no_comment(tmp_path: Path) -> None:
    """A live ticker's entries, a widget's teasers, a cancel-reply link and a template the page's script copies
    are not comments, whatever their class spells."""
    thread = ("<div class='live-match-comment'><div class='live-match-comment-time'>12'</div>"
              "<div class='live-match-comment-body'>Corner for Lorient, headed wide by the defender.</div></div>"
              "<p class='cancel-comment-reply'><a href='#respond'>Hier klicken, um das Antworten abzubrechen.</a></p>"
              "<div class='dummy-comment hidden'><div class='panel-comment'><span class='comment-author'>Unbenannt"
              "</span><div class='comment-content'>Uhr Antworten</div></div></div>")
    data = import_json(page(tmp_path, thread), tmp_path / "m")
    assert got(data) == []


def test_the_writer_from_a_comment_header_line(tmp_path: Path) -> None:
    """No element names the writer, but the comment's header line does: "NAME - Le DATE", "On DATE, NAME
    wrote:", "Posted on DATE | NAME", "DATE | TIME NAME"; the header is not kept in the comment's text."""
    def card(head: str, text: str) -> str:
        return f"<div class='mo-comment-card'><div class='mo-comment-infos'>{head}</div><p>{text}</p></div>"
    thread = ("<div class='mo-comments-list'>"
              + card("Muriel - Le 22/01/2020 à 12:01:03", "Pour sauver un fleuron du patrimoine.")
              + card("On December 23, 2014, at 10:07 PM, argusdc wrote:", "The cruelty is well documented.")
              + card("Posted on 3rd November 2023 | Chaka Artwell", "A racial code blocks high flyers.")
              + "</div><div id='kb-comments'><div class='kb-comment'><time datetime='2020-09-23T18:19'>23.09.20 | "
              "18:19</time> <a href='/user/emari.html'>emari</a><br><div>ich werde das mal ausprobieren, danke!</div>"
              "</div></div>")
    data = import_json(page(tmp_path, thread), tmp_path / "m")
    assert [u["author"] for u in data["units"][1:]] == ["Muriel", "argusdc", "Chaka Artwell", "emari"]
    assert [u["text"] for u in data["units"][1:]] == [
        "Pour sauver un fleuron du patrimoine.", "The cruelty is well documented.",
        "A racial code blocks high flyers.", "ich werde das mal ausprobieren, danke!"]


def test_a_whole_box_loses_its_header_lines(tmp_path: Path) -> None:
    """A comment box read whole (no text element of its own) opens with the writer's name, a date and the
    comment's number; those lines are the header, not the comment."""
    threads = ["<ol id='commentlist' class='commentlist'><li id='comment-4414' class='alt'>"
               "<p class='comment-number'><a href='#comment-4414'>1</a></p> Kommentar<small> von </small>"
               "<cite>Mareike</cite><br><small class='commentmetadata'>8. Dezember 2010 um 10:56</small>"
               "<p>Eine interessante Art Leber zuzubereiten.</p></li></ol>",
               "<ul class='comment-list'><section class='comment-item'><div class='nickname'>Cardinaux Edouard</div>"
               "<div class='date'>07.04.2020</div><div class='text'><p>Jetzt werden wir den Preis bezahlen.</p>"
               "</div></section></ul>"]
    seen = []
    for n, thread in enumerate(threads):
        data = import_json(page(tmp_path, thread, f"p{n}.html"), tmp_path / f"m{n}")
        seen += [(u["author"], u["text"]) for u in data["units"][1:]]
    assert seen == [
        ("Mareike", "Eine interessante Art Leber zuzubereiten."),
        ("Cardinaux Edouard", "Jetzt werden wir den Preis bezahlen.")]


def test_reply_boxes_and_anchored_boxes_are_comments(tmp_path: Path) -> None:
    """``div.comment-reply`` boxes holding their own header and text inside the comment they answer, and a box
    known only by its anchor (``li#comment1022147``) holding a header and a text element, are comments."""
    def reply(name: str, text: str) -> str:
        return (f"<div class='comment-reply'><div class='comment-meta'><div class='comment-author'>{name}</div>"
                f"<small class='comment-time'>August 07, 2019</small></div><div class='comment-content'><p>{text}"
                "</p><div class='comment-tools'>Report</div></div></div>")
    thread = ("<div class='comments'><div class='comment'><div class='comment-meta'><div class='comment-author'>"
              "Claire</div><small class='comment-time'>August 06, 2019</small></div><div class='comment-content'>"
              "<p>How does this work in practice?</p>" + reply("Michael Pettis", "Until a bill is passed, nobody knows.")
              + reply("Claire", "Thanks for the replies, both of you.") + "</div></div></div>"
              "<ul id='commentsList'><li id='comment1022147'><div class='commentHead'>On December 23, 2014, at "
              "10:07 PM, <a href='/p'><strong>argusdc</strong></a> wrote:</div><div class='commentPost'><p>A weak "
              "investment thesis, I am afraid.</p></div></li></ul>")
    data = import_json(page(tmp_path, thread), tmp_path / "m")
    assert got(data) == [("comment", "Claire", None), ("comment", "Michael Pettis", "c1"),
                         ("comment", "Claire", "c1"), ("comment", "argusdc", None)]
    assert data["units"][1]["text"] == "How does this work in practice?"


def test_replies_after_a_spacer_or_around_a_wrapper(tmp_path: Path) -> None:
    """The replies' box follows its comment past an empty spacer (``div.clearer``), or follows the wrapper that
    holds the comment (Drupal's ``div.arrow``); peers' wrappers of one shape are not each other's parents."""
    thread = ("<div id='article_comments'><div class='article_comment_item'><div class='comment_author'>"
              "Soumis par Xolotl</div><div class='comment_content'><p>Que quiconque a purgé sa peine revienne.</p>"
              "</div></div><div class='clearer'></div><div class='indented'><div class='article_comment_answer'>"
              "<div class='comment_content'><p>Tout à fait d'accord avec vous.</p></div></div></div></div>"
              "<div class='pane-node-comments'><div class='arrow'><div class='comment'><div class='submitted'>"
              "Merenwen1983 vom 04.06.2022.</div><div class='content'>Und wie ist es, wenn man Sport macht?</div>"
              "</div></div><div class='indented'><div class='arrow'><div class='comment'><div class='submitted'>"
              "EAT SMARTER vom 08.06.2022.</div><div class='content'>Mit dem Grundumsatz ist die Ruhe gemeint.</div>"
              "</div></div></div></div>"
              "<div class='peers'><div class='wrap'><div class='comment'><span class='fn'>Sallie</span><p>One more "
              "point on the hiring numbers.</p></div></div><div class='wrap'><div class='comment'><span class='fn'>"
              "Rarst</span><p>Self-identified developers are many.</p></div></div></div>")
    data = import_json(page(tmp_path, thread), tmp_path / "m")
    assert [(u["author"], u["parent"]) for u in data["units"][1:]] == [
        ("Xolotl", None), (None, "c1"), ("Merenwen1983", None), ("EAT SMARTER", "c3"), ("Sallie", None),
        ("Rarst", None)]


def test_a_nameless_short_comment_is_kept(tmp_path: Path) -> None:
    """A comment of three words with no name shown ("Thanks for explaining.") in its own text box is a
    comment, not a button."""
    def item(text: str) -> str:
        return (f"<li class='xenforo-comment'><div class='xenforo-comment-content'><header></header>"
                f"<div class='js-read-more'>{text}</div></div></li>")
    thread = "<ul class='xenforo-comments-list'>" + item("The letters are not iterative at all.") \
        + item("Thanks for explaining.") + "</ul>"
    data = import_json(page(tmp_path, thread), tmp_path / "m")
    assert [u["text"] for u in data["units"][1:]] == ["The letters are not iterative at all.", "Thanks for explaining."]


def test_a_thread_left_inside_an_unclosed_sidebar_is_read(tmp_path: Path) -> None:
    """A broken page nests its whole content in the sidebar; the thread's own list (``ol#commentlist``) is
    this page's thread. A recent-comments widget holding a ``div#comments`` is still a widget."""
    thread = ("<div id='sidebar'><ul><li class='widget widget_text'><div id='comments'><ol id='commentlist'>"
              "<li id='comment-1'><cite>Mareike</cite><p>Eine interessante Art, Leber zuzubereiten.</p></li></ol>"
              "</div></li></ul></div>"
              "<aside class='widget widget_sdw_recentcomments'><div id='comments'><ol class='commentlist'>"
              "<li class='comment depth-1'><span class='fn'>Memo</span><p>A teaser of another page's comment.</p>"
              "</li></ol></div></aside>"
              "<div class='module comments'><ul class='jcomments-latest'><li><div class='comment'>Leserkritik "
              "Cement Beograd, Berlin, a teaser</div></li></ul></div>")
    data = import_json(page(tmp_path, thread), tmp_path / "m")
    assert got(data) == [("comment", "Mareike", None)]


def test_relative_times_and_date_words_after_a_name() -> None:
    """"NAME 34 seconds ago", "NAME about a minute ago", "NAME vom 04.06.2022.", "Kommentar von NAME": the name."""
    from book.sources.names import clean_name

    assert clean_name("john 34 seconds ago") == "john"
    assert clean_name("Carlos Millan about a minute ago") == "Carlos Millan"
    assert clean_name("Merenwen1983 vom 04.06.2022.") == "Merenwen1983"
    assert clean_name("Kommentar von Mareike") == "Mareike"


def test_the_name_as_its_element_displays_it(tmp_path: Path) -> None:
    """The author element's whole text is the name ("Paula@SweetPea", "Tom | The Kitchen"), without the badge,
    counter or screen-reader label its theme puts inside it; a handle in a link of its own is no part of it;
    the word for nobody in any language is no name."""
    def li(cid: int, author: str, text: str) -> str:
        return (f"<li class='comment depth-1' id='comment-{cid}'><article class='comment-body'><footer "
                f"class='comment-meta'><div class='comment-author vcard'>{author} <span class='says'>says:</span>"
                f"</div><div class='comment-metadata'><time datetime='2020-01-0{cid}'>January {cid}, 2020</time>"
                f"</div></footer><div class='comment-content'><p>{text}</p></div></article></li>")
    thread = "<ol class='commentlist'>" + "".join((
        li(1, "<b class='fn'><a class='url' href='http://sweetpea.example'>Paula@SweetPea</a></b>",
           "What a lovely recipe, thanks for sharing it with us."),
        li(2, "<b class='fn'>Tom | The Kitchen</b>", "Another comment with several words in it here."),
        li(3, "<b class='fn'>Kim Lee<span class='badge badge-op'>OP</span></b>", "My question stands as it was."),
        li(4, "<b class='fn'>Bob<span class='user-role'>Moderator</span><span class='post-count'>12</span></b>",
           "Please keep it civil, all of you."),
        li(5, "<b class='fn'>Alissa Wilkinson<a href='https://x.example/alissa'>@alissamarie</a></b>",
           "A handle in a link of its own beside the name."),
        li(6, "<b class='fn'>匿名</b>", "一个评论的内容在这里写了很多字。"),
        li(7, "<b class='fn'>Anónimo</b>", "Un comentario sin nombre de verdad."))) + "</ol>"
    data = import_json(page(tmp_path, thread), tmp_path / "m")
    assert [author for _, author, _ in got(data)] == ["Paula@SweetPea", "Tom | The Kitchen", "Kim Lee", "Bob",
                                                      "Alissa Wilkinson", None, None]


def test_wpdiscuz_seven_reply_to_and_label_are_no_part_of_the_name(tmp_path: Path) -> None:
    """wpDiscuz 7 prints "Reply to NAME" and an "Admin" label in the header beside the writer's name."""
    reply = ("<div id='wpd-comm-2_1' class='comment depth-2 wpd-comment wpd-reply wpd_comment_level-2'>"
             "<div class='wpd-comment-wrap'><div id='comment-2' class='wpd-comment-right'><div class='wpd-comment-header'>"
             "<div class='wpd-user-info'><div class='wpd-uinfo-top'><div class='wpd-comment-author'>Casey Writes"
             "<div class='wpd-comment-label'><span>Admin</span></div></div></div><div class='wpd-uinfo-bottom'>"
             "<div class='wpd-reply-to'>Reply to&nbsp;<a href='#comment-1'>TMS</a></div><div class='wpd-comment-date'>"
             "6 months ago</div></div></div></div><div class='wpd-comment-text'><p>Good catch, there were many "
             "iterations of this.</p></div></div></div></div>")
    thread = ("<div id='wpdcom'><div class='wpd-thread-list'><div id='wpd-comm-1_0' class='comment depth-1 wpd-comment "
              "wpd_comment_level-1'><div class='wpd-comment-wrap'><div id='comment-1' class='wpd-comment-right'><div "
              "class='wpd-comment-header'><div class='wpd-comment-author'>TMS</div><div class='wpd-comment-date'>"
              "6 months ago</div></div><div class='wpd-comment-text'><p>The scores for taxes look too high to me."
              f"</p></div></div></div>{reply}</div></div></div>")
    assert got(import_json(page(tmp_path, thread), tmp_path / "m")) == [("comment", "TMS", None),
                                                                       ("comment", "Casey Writes", "c1")]


def test_a_pingback_is_named_by_its_links_whole_title(tmp_path: Path) -> None:
    """A pingback's title may hold a date or a dash ("Reading list – June 3, 2019"): the link shows the whole
    title, which a person's name would have been cut from."""
    thread = ("<ol class='commentlist'><li class='pingback depth-1' id='comment-1'><div class='comment-body'>Pingback: "
              "<a href='http://x.example/a' class='url'>Reading list – June 3, 2019</a></div></li>"
              "<li class='pingback depth-1' id='comment-2'><div class='comment-body'><div class='comment-author vcard'>"
              "<cite class='fn'><a href='http://y.example/b' class='url'>Links for 2020-05-03 - Jane Blog</a></cite> "
              "<span class='says'>says:</span></div><p>[&#8230;] read more about it here [&#8230;]</p></div></li></ol>")
    assert got(import_json(page(tmp_path, thread), tmp_path / "m")) == [
        ("pingback", "Reading list – June 3, 2019", None), ("pingback", "Links for 2020-05-03 - Jane Blog", None)]


def test_a_thread_printed_twice_is_read_once(tmp_path: Path) -> None:
    """A page printing its thread twice (a comments block and the theme's list) repeats each comment's numbered
    id: one comment, read once; a shared id ("comment-item") names no single comment and removes nothing."""
    def thread(shared: bool) -> str:
        def li(cid: int, name: str, text: str, replies: str = "") -> str:
            anchor = "comment-item" if shared else f"comment-{cid}"
            return (f"<li class='comment depth-1' id='{anchor}'><article class='comment-body'><div class='comment-author "
                    f"vcard'><b class='fn'>{name}</b></div><div class='comment-metadata'><time datetime='2022-11-1{cid}'>"
                    f"November 1{cid}, 2022</time></div><div class='comment-content'><p>{text}</p></div></article>"
                    f"{replies}</li>")
        replies = f"<ol class='children'>{li(2, 'Jeff Cobb', 'It is mentioned in my other round-up post.')}</ol>"
        return ("<ol class='comment-list'>" + li(1, "Arbaz", "Would you add LinkedIn Learning to this list?", replies)
                + li(3, "Shari", "Have you looked at Xperiencify for building courses?") + "</ol>")
    twice = f"<div class='wp-block-comments'>{thread(False)}</div><div id='comments'>{thread(False)}</div>"
    assert got(import_json(page(tmp_path, twice), tmp_path / "m")) == [
        ("comment", "Arbaz", None), ("comment", "Jeff Cobb", "c1"), ("comment", "Shari", None)]
    shared = import_json(page(tmp_path, f"<div id='comments'>{thread(True)}</div>", "shared.html"), tmp_path / "n")
    assert [author for _, author, _ in got(shared)] == ["Arbaz", "Jeff Cobb", "Shari"]


def test_comment_text_inside_a_form_of_hidden_inputs_is_kept(tmp_path: Path) -> None:
    """Old Reddit prints each comment's words inside a ``form`` whose only input is hidden (the comment's id): no
    entry form, so its text stays; a real comment form (a field to type in) is still dropped."""
    def thing(name: str, text: str, children: str = "") -> str:
        return (f"<div class='thing comment' data-author='{name}'><div class='entry'><p class='tagline'>"
                f"<a class='author' href='/user/{name}'>{name}</a> <time datetime='2024-03-0{len(name) % 9}T10:00:00'>"
                f"1 year ago</time></p><form class='usertext' action='#'><input type='hidden' name='thing_id' "
                f"value='t1_x'><div class='usertext-body'><div class='md'><p>{text}</p></div></div></form></div>"
                f"<div class='child'>{children}</div></div>")
    thread = ("<div class='sitetable nestedlisting'>"
              + thing("AutoModerator", "Welcome to the discussion, please keep it civil.",
                      thing("Ragnar_Dragonfyre", "Finally some good news for all of us."))
              + thing("bga-admin", "Thanks for reading the post today.") + "</div>"
              "<form id='commentform'><textarea name='comment'></textarea><p>Leave a reply</p></form>")
    data = import_json(page(tmp_path, thread), tmp_path / "m")
    assert got(data) == [("comment", "AutoModerator", None), ("comment", "Ragnar_Dragonfyre", "c1"),
                         ("comment", "bga-admin", None)]
    assert "Leave a reply" not in " ".join(u["text"] for u in data["units"])


def test_an_avatars_initial_beside_a_hidden_label_is_no_name(tmp_path: Path) -> None:
    """NodeBB marks a remote user's avatar ("G", a coloured circle) with a screen reader's label ("This user is
    from outside of this forum") inside the avatar's link to the profile: the name is the next link's."""
    def post(cid: int, name: str, text: str) -> str:
        return (f"<li class='comment' id='comment-{cid}'><div class='comment-author'><a href='/user/{name.lower()}'>"
                f"<span class='avatar'>{name[0]}</span><span class='visually-hidden'>This user is from outside of "
                f"this forum</span></a> <a href='/user/{name.lower()}'>{name}</a></div><div class='comment-meta'>"
                f"<time datetime='2024-11-2{cid}T19:46:08Z'>Nov 2{cid}, 2024</time></div>"
                f"<div class='comment-content'><p>{text}</p></div></li>")
    thread = "<ol class='commentlist'>" + post(1, "GunChleoc", "It works from the fediverse as well.") \
        + post(2, "Scott", "Good to see the release candidate out.") + "</ol>"
    assert [author for _, author, _ in got(import_json(page(tmp_path, thread), tmp_path / "m"))] == ["GunChleoc", "Scott"]


def test_a_thread_printed_without_dates_is_read_by_its_classed_names(tmp_path: Path) -> None:
    """Flarum's server-rendered view prints each post's writer (``h3.PostUser-name``) and text, and no date: blocks
    signed by a name their class calls one, a writer signing twice, are a conversation. A list of people (a team's
    cards, each name once) is none."""
    def post(name: str, text: str) -> str:
        return (f"<article><div class='PostUser'><h3 class='PostUser-name'>{name}</h3></div>"
                f"<div class='Post-body'><p>{text}</p></div></article>")
    thread = ("<div class='discussion'>" + post("Toby", "Welcome to the forum, glad you found us here.")
              + post("wizgriz", "Thanks, the engine idea is what brought me to this place.")
              + post("Toby", "Then post the idea in its own thread and we will discuss it.") + "</div>")
    assert got(import_json(page(tmp_path, thread), tmp_path / "m")) == [
        ("comment", "Toby", None), ("comment", "wizgriz", None), ("comment", "Toby", None)]
    team = ("<div class='team'>" + "".join(
        f"<div class='member'><h3 class='member-name'>{name}</h3><p>{role} who joined the company some years ago.</p>"
        "</div>" for name, role in (("Ann Lee", "An engineer"), ("Bo Chen", "A designer"), ("Cy Diaz", "A writer")))
        + "</div>")
    assert got(import_json(page(tmp_path, team, "team.html"), tmp_path / "n")) == []


def test_a_threads_comments_are_named_in_one_place(tmp_path: Path) -> None:
    """Most comments of a thread name their writer by the link in their header; one whose first profile link is
    a "Liked by NAME" line above its header is named where the others are, not by the liker."""
    def comment(cid: int, name: str, text: str, liked: str = "") -> str:
        above = f"<div class='liked'>Liked by <a href='/profile/9-milan'>Milan</a></div>" if liked else ""
        return (f"<div class='comment' id='comment-{cid}'>{above}<div class='head'><a href='/profile/{cid}-x'>{name}"
                f"</a> <time datetime='2025-12-1{cid}'>Dec 1{cid}</time></div><div class='comment-body'><p>{text}</p>"
                "</div></div>")
    thread = ("<div class='comments'>" + comment(1, "Nick Zylkowski", "Great list and plenty of strong foundations.")
              + comment(2, "Javad", "Thanks for sharing these insights, they help.", liked="yes")
              + comment(3, "Ann Reyes", "I read the first essay twice and still learn from it.") + "</div>")
    assert [author for _, author, _ in got(import_json(page(tmp_path, thread), tmp_path / "m"))] == [
        "Nick Zylkowski", "Javad", "Ann Reyes"]
