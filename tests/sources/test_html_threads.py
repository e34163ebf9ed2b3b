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
