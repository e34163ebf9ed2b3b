"""Issue 13's mechanisms, each on a small page made for it: standards first, no text lost in silence."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from book.sources.names import clean_name

from .helpers import POST_WORDS, by_id, html_page, import_json, run

BENCH = Path(__file__).resolve().parents[2] / "bench"

_POST = POST_WORDS
page = html_page


@pytest.mark.parametrize("raw,name", [
    ("Author Daniel Lemire", "Daniel Lemire"),
    ("View all posts by Daniel Lemire", "Daniel Lemire"),
    ("Jasmin says: January 20, 2020 at 11:27 am", "Jasmin"),
    ("Martina BergAutor 19. Juni 2019 / 6:16", "Martina Berg"),
    ("Anna 19. Juni 2018 um 15:28 Uhr - Antworten", "Anna"),
    ("JanBeek Jun 20th at 2:41 am", "JanBeek"),
    ("Franziska Elea sagt:", "Franziska Elea"),
    ("Edward Said", "Edward Said"),
    ("### Anonymous", None),
    ("19. Juni 2019", None),
    ("Felipe Pereira, em Porto Alegre", "Felipe Pereira"),     # where the writer filed from
    ("Do UOL, em Porto Alegre", None),                         # the outlet's desk: no writer
    ("Pierre Du Bois", "Pierre Du Bois"),
    ("Celeste from Los Angeles", "Celeste"),                   # a reader's place in a comment header
    ("bga-admin", "bga-admin"),                                # a login joined by a hyphen: no badge
    ("Kim - Admin", "Kim"),                                    # a badge set apart
    ("AutoModerator", "AutoModerator"),                        # one handle ending in a role
    ("Jasmin BergAdmin", "Jasmin Berg"),                       # a badge glued to a name
    ("Susan from Toledo, OH", "Susan"),
    ("Published on December 2nd, 2025 by Chen Zhao and Daryl Fairweather", "Chen Zhao and Daryl Fairweather"),
    ("Updated: Jan 3, 2024 | By Tim Lee", "Tim Lee"),           # the date before the byline's "by"
    ("Recipe by PJ Hamel", "PJ Hamel"),
    ("Authors:Aniruddha Roy", "Aniruddha Roy"),                # a label glued to the name
    ("Written By", None),                                       # a label alone: the name link was empty
    ("Jun 2 Written By", None),
])
def test_clean_name(raw: str, name: str | None) -> None:
    assert clean_name(raw) == name


def test_the_sites_name_as_author_yields_to_the_byline(tmp_path: Path) -> None:
    """JSON-LD and the author meta tag name the outlet ("USA TODAY", its OpenGraph site name); the page prints
    its writer's byline: the writer is the author."""
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Ten films to stream",
                     "author": {"@type": "Person", "name": "USA TODAY"}})
    capture = page(tmp_path, f"<article><h1>Ten films to stream</h1><p class='byline'>By Brian Truitt</p>"
                             f"<div class='entry-content'><p>{_POST}</p></div></article>",
                   head=f"<script type='application/ld+json'>{ld}</script>"
                        f"<meta property='og:site_name' content='USA TODAY'><meta name='author' content='USA TODAY'>")
    assert import_json(capture, tmp_path / "m")["author"] == "Brian Truitt"


def test_a_login_as_author_yields_to_the_byline(tmp_path: Path) -> None:
    """JSON-LD names the account's login ("andrew.keaveney"); the page prints its writer's byline."""
    ld = json.dumps({"@context": "https://schema.org", "@type": "BlogPosting", "headline": "A guide to meditation",
                     "author": {"@type": "Person", "name": "andrew.keaveney"}})
    capture = page(tmp_path, f"<article><h1>A guide to meditation</h1><p class='byline'>By Denise Everheart</p>"
                             f"<div class='entry-content'><p>{_POST}</p></div></article>",
                   head=f"<script type='application/ld+json'>{ld}</script>")
    assert import_json(capture, tmp_path / "m")["author"] == "Denise Everheart"


def test_a_byline_with_its_date_after_a_comma(tmp_path: Path) -> None:
    """"by: Ziyi Xu, Dec 17, 2025" under the headline names Ziyi Xu."""
    capture = page(tmp_path, f"<article><h1>Mini inference</h1><p class='meta'>by: Ziyi Xu, Dec 17, 2025</p>"
                             f"<div class='post'><p>{_POST}</p></div></article>")
    assert import_json(capture, tmp_path / "m")["author"] == "Ziyi Xu"


def test_written_by_in_the_authors_box(tmp_path: Path) -> None:
    """No byline by the headline; the author's box under the article reads "Written by NAME"."""
    capture = page(tmp_path, f"<article><h1>Do millennials save?</h1><div class='post'><p>{_POST}</p></div>"
                             f"<div class='box'><h3>Written by Cassidy Horton</h3><p>Cassidy writes on money.</p></div>"
                             f"</article>")
    assert import_json(capture, tmp_path / "m")["author"] == "Cassidy Horton"


def test_a_button_left_open_keeps_the_article(tmp_path: Path) -> None:
    """A menu button the page never closed holds, as parsed, the article after it: the article is still read."""
    capture = page(tmp_path, f"<header><button class='menu'><span>Menu</span><div class='page'>"
                             f"<main><article><h1>How to start a garden</h1><p class='byline'>By Mary Leverette</p>"
                             f"<div class='entry-content'><p>{_POST}</p></div></article></main></div></header>")
    data = import_json(capture, tmp_path / "m")
    assert (data["title"], data["author"]) == ("How to start a garden", "Mary Leverette")


def test_structured_data_beats_the_first_heading(tmp_path: Path) -> None:
    """A sidebar heading matched first; JSON-LD names the post: the visible headline that agrees wins.
    The date the structured data and the page give beats a meta tag's. The author: the byline by the headline,
    over a JSON-LD name the page never prints (the fitted choice, ``html_author``: on WCXB such a name was
    the CMS's account more often than the writer)."""
    ld = json.dumps({"@context": "https://schema.org", "@type": "BlogPosting", "headline": "What the River Knew",
                     "author": {"@type": "Person", "name": "Inés Okafor"}, "datePublished": "2021-03-04T10:00:00Z"})
    capture = page(tmp_path, f"<aside><h2 class='entry-title'>Popular this week</h2></aside>"
                             f"<article><h1>What the River Knew</h1><time datetime='2021-03-04'>4 March 2021</time>"
                             f"<p class='byline'>Author Someone Else</p><div class='entry-content'><p>{_POST}</p></div>"
                             f"</article>",
                   head=f"<script type='application/ld+json'>{ld}</script>"
                        f"<meta property='article:published_time' content='2020-01-01'>")
    data = import_json(capture, tmp_path / "m")
    assert (data["title"], data["author"], data["published"]) == ("What the River Knew", "Someone Else", "2021-03-04")
    assert by_id(data)["post"]["author_how"] == "byline"


def test_class_name_never_drops_the_main_text(tmp_path: Path) -> None:
    """Blogger wraps the post in div.widget.Blog; a page may sit whole inside #ad-portal."""
    capture = page(tmp_path, f"<div id='ad-portal'><div class='widget Blog'><h3 class='post-title'>Kept</h3>"
                             f"<div class='post-body'><p>{_POST}</p></div></div></div>")
    data = import_json(capture, tmp_path / "m")
    assert "The words of the post" in by_id(data)["post"]["text"]


def test_replies_list_after_the_parent_and_pingback_without_class(tmp_path: Path) -> None:
    """WordPress.com closes the parent </li> before its ul.children; "Pingback von" has no class."""
    thread = ("<ol class='commentlist'>"
              "<li id='comment-1' class='comment'><cite class='fn'>Ann</cite><p>First comment here.</p></li>"
              "<ul class='children'><li id='comment-2' class='comment'><cite class='fn'>Bob</cite>"
              "<p>A reply to Ann.</p></li></ul>"
              "<li id='comment-3'><cite>Pingback von <a href='http://x.example/'>Other Blog</a></cite>"
              "<p>[…] linked here […]</p></li></ol>")
    capture = page(tmp_path, f"<article><h1 class='entry-title'>T</h1><div class='entry-content'><p>{_POST}</p>"
                             f"</div></article><div id='comments'>{thread}</div>")
    data = import_json(capture, tmp_path / "m")
    got = [(u["kind"], u["author"], u["parent"]) for u in data["units"][1:]]
    assert got == [("comment", "Ann", None), ("comment", "Bob", "c1"), ("pingback", "Other Blog", None)]


def test_comment_dates_in_other_languages(tmp_path: Path) -> None:
    thread = ("<ol class='commentlist'><li id='comment-7' class='comment'><div class='comment-author'>"
              "<cite class='fn'>Beate</cite></div><div class='comment-meta commentmetadata'><a>19. Juni 2019 / 6:16</a></div>"
              "<div class='comment-content'><p>Guten Morgen, eine schöne Tasche.</p></div></li></ol>")
    capture = page(tmp_path, f"<article><h1 class='entry-title'>T</h1><div class='entry-content'><p>{_POST}</p>"
                             f"</div></article>{thread}")
    data = import_json(capture, tmp_path / "m")
    assert (data["units"][1]["author"], data["units"][1]["date"]) == ("Beate", "2019-06-19")


def test_s210_empty_post_is_an_error(tmp_path: Path) -> None:
    capture = page(tmp_path, "<div class='post-body'></div><ol class='commentlist'><li class='comment'>"
                             "<cite class='fn'>Ann</cite><div class='comment-content'><p>Only a comment, "
                             "long enough to be one.</p></div></li></ol>")
    result = run("import", capture, "-m", tmp_path / "m")
    assert result.exit_code == 1
    assert "page.html" in result.stderr and "error[S210]" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "m" / "sources").exists() or not list((tmp_path / "m" / "sources").glob("*.yaml"))


def test_s304_fewer_comments_than_the_page_shows(tmp_path: Path) -> None:
    capture = page(tmp_path, f"<article><h1 class='entry-title'>T</h1><div class='entry-content'><p>{_POST}</p>"
                             f"</div></article><h2 class='comments-title'>5 thoughts on “T”</h2>"
                             f"<ol class='commentlist'><li id='comment-1' class='comment'><cite class='fn'>Ann</cite>"
                             f"<div class='comment-content'><p>One comment only.</p></div></li></ol>")
    result = run("import", capture, "-m", tmp_path / "m")
    assert result.exit_code == 0
    assert "warning[S304]" in result.stderr and "5 comments but 1 were read" in result.stderr


def test_s335_an_author_the_page_never_prints(tmp_path: Path) -> None:
    """JSON-LD names the account that posted the article; the page prints no byline and never the name."""
    ld = json.dumps({"@context": "https://schema.org", "@type": "BlogPosting", "headline": "Legal issues",
                     "author": {"@type": "Person", "name": "Luke Daigle"}})
    capture = page(tmp_path, f"<article><h1>Legal issues</h1><div class='entry-content'><p>{_POST}</p></div></article>",
                   head=f"<script type='application/ld+json'>{ld}</script>")
    result = run("import", capture, "-m", tmp_path / "m")
    assert result.exit_code == 0
    assert "warning[S335]" in result.stderr and "'Luke Daigle' is named only by the page's metadata" in result.stderr
    printed = page(tmp_path, f"<article><h1>Legal issues</h1><p>Luke Daigle</p><div class='entry-content'><p>{_POST}"
                             f"</p></div></article>", head=f"<script type='application/ld+json'>{ld}</script>",
                   name="printed.html")
    assert "S335" not in run("import", printed, "-m", tmp_path / "m2").stderr


def test_s330_an_author_that_is_the_site(tmp_path: Path) -> None:
    """JSON-LD names the site as the writer and the page prints its name but no byline: the outlet may stand
    for a writer; a byline by the headline settles it."""
    ld = json.dumps({"@context": "https://schema.org", "@type": "Article", "headline": "Yoga for sleep",
                     "author": {"@type": "Person", "name": "Cleveland Clinic"}})
    head = (f"<title>Yoga for sleep | Cleveland Clinic</title><script type='application/ld+json'>{ld}</script>")
    body = f"<div class='entry-content'><p>{_POST}</p></div></article><footer>Cleveland Clinic</footer>"
    capture = page(tmp_path, f"<article><h1>Yoga for sleep</h1>{body}", head=head)
    result = run("import", capture, "-m", tmp_path / "m")
    assert result.exit_code == 0
    assert "warning[S330]" in result.stderr and "'Cleveland Clinic' is the site's own name" in result.stderr
    signed = page(tmp_path, f"<article><h1>Yoga for sleep</h1><p class='byline'>By Holly Wilgus</p>{body}",
                  head=head, name="signed.html")
    assert "S330" not in run("import", signed, "-m", tmp_path / "m2").stderr


def test_s305_inferred_authors_counted_and_flagged(tmp_path: Path) -> None:
    capture = tmp_path / "copy.txt"
    capture.write_text("A Title Here\n\nBy Mary Stone\n\n" + _POST + "\n\n2 Comments\n\n"
                       "I read this twice and it helped me more than I can say.\n\n— Tomasz\n\n"
                       "Leave a Comment\n", encoding="utf-8")
    result = run("import", capture, "-m", tmp_path / "m", "--id", "t")
    assert result.exit_code == 0, result.stderr
    assert "warning[S305]" in result.stderr and "1 author inferred" in result.stderr
    shown = run("show", "t", "-m", tmp_path / "m")
    assert "by Tomasz (INFERRED from the sign-off" in shown.stdout


def test_bench_runs_on_a_few_pages(capsys: pytest.CaptureFixture[str]) -> None:
    """Keep bench/extraction.py from rotting: two corpus pages, an article and a thread."""
    sys.path.insert(0, str(BENCH))
    try:
        import extraction
    finally:
        sys.path.remove(str(BENCH))
    assert extraction.main(["--pages", "aeb-432362af0b,tc-lemire-me-json"]) == 0
    out = capsys.readouterr().out
    assert "comments: found 100% (5/5)" in out
    assert "title" in out and "trafilatura" in out
    assert "right values warned (false alarms): title " in out


@pytest.mark.parametrize("byline,author", [
    ("<small>11.09.2011, 16:20 von Hanna Roth</small>", "Hanna Roth"),
    ("<div class='meta'>posted by Stadler at 12:53</div>", "Stadler"),
    ("<div class='meta'>Theme by Example Themes</div>", None),
])
def test_a_headline_found_in_the_title_tag_and_a_byline_written_as_text(tmp_path: Path, byline, author) -> None:
    """An old theme: a bare heading that is one part of ``<title>`` (never the site's name, also a heading), and
    a byline that is only text in the headline's container."""
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Small Rooms » The Chair Nearer the Door</title></head><body>"
        "<h1 id='header'><a href='/'>Small Rooms</a></h1><div class='post'>"
        "<h3><a href='/chair' rel='bookmark'>The Chair Nearer the Door</a></h3>" + byline +
        "<div class='storycontent'><p>" + "I always take the chair nearer the door, and last week I did not. " * 6 +
        "</p></div></div></body></html>")
    data = import_json(page, tmp_path / "m")
    assert (data["title"], data["author"]) == ("The Chair Nearer the Door", author)
    assert "posted by" not in data["units"][0]["text"] and "von Hanna" not in data["units"][0]["text"]


def test_a_comments_own_links_are_not_counted_as_spam_links(tmp_path: Path) -> None:
    """Its permalink, its like button and the writer's linked name are the comment's furniture, not links it
    posts: a short comment from a business-sounding name with only those is kept."""
    comment = ("<li class='comment' id='comment-7'><cite class='comment-author'><a class='url' "
               "href='http://twitter.com/seo_studio'>SEO Studio (@seo_studio)</a></cite>"
               "<a href='#comment-7'>Jun 23rd at 8:55 am</a><div class='comment-content'><p>Wow, this is a kind post.</p>"
               "</div><a class='comment-like-link' href='https://blog.example.com/p/?like_comment=7&amp;_wpnonce=1'>"
               "Like</a></li>")
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>Kindness</title></head><body><article><h1 class='entry-title'>Kindness</h1>"
                    "<div class='entry-content'><p>" + "Be kind to the people who sit in waiting rooms. " * 8 +
                    "</p></div></article><ol class='commentlist'>" + comment + "</ol></body></html>")
    data = import_json(page, tmp_path / "m")
    assert [(u["author"], u["text"]) for u in data["units"][1:]] == [("SEO Studio (@seo_studio)",
                                                                      "Wow, this is a kind post.")]


def test_block_elements_keep_their_words_apart(tmp_path: Path) -> None:
    """A byline whose "By" and name sit in separate blocks reads "By Alex Marsh" on screen; read
    with lxml's ``text_content()`` it was "ByAlex Marsh", and that name went into print."""
    comment = "<div class='response'><div class='who'><div>{}</div><div>January {}, 2020</div></div><p>{}</p></div>"
    said = "I know that feeling very well; mine had a clock that ticked far too loudly."
    thread = "".join(comment.format(name, day, said) for name, day in (("Jane Doe", 2), ("Sam Roe", 3), ("Kim Poe", 4)))
    capture = page(tmp_path, f"<article><h1>On waiting rooms</h1><div class='byline'><span>By</span>"
                             f"<div class='name'>Alex Marsh</div></div><p>{_POST}</p></article>"
                             f"<section class='responses'>{thread}</section>")
    data = import_json(capture, tmp_path / "m")
    assert data["author"] == "Alex Marsh"
    assert [(u["author"], u["date"]) for u in data["units"][1:]] == [
        ("Jane Doe", "2020-01-02"), ("Sam Roe", "2020-01-03"), ("Kim Poe", "2020-01-04")]


def test_spaced_text_is_what_the_browser_lays_out() -> None:
    """Blocks and ``<br>`` part words; inline elements and comments do not."""
    from lxml import html as lxml_html

    from book.sources.html_markdown import spaced_text
    element = lxml_html.fragment_fromstring("<div><span>By</span><div>Alex</div>Marsh<br>Jan <b>1</b>,"
                                            " 2020<!-- x --> ok <i>Al</i>ex</div>")
    assert " ".join(spaced_text(element).split()) == "By Alex Marsh Jan 1, 2020 ok Alex"


def test_bench_counts_a_warning_for_the_post_only() -> None:
    """A comment's unknown or inferred author is no warning about the post's author (nor a false alarm)."""
    sys.path.insert(0, str(BENCH))
    try:
        import extraction
    finally:
        sys.path.remove(str(BENCH))
    comment_only = ["warning[S301] c4: author unknown (no name, sign-off or greeting found)",
                    "warning[S305] 2 authors inferred (from a sign-off, greeting, initials, the site's owner or a name "
                    "alone on its line), not stated by the page: c2, c7; check them (`book sources review`)",
                    "warning[S302] c3: the date '3/5/2016' is ambiguous (day or month first?); left empty"]
    assert not extraction._warned("author", comment_only)
    assert not extraction._warned("date", comment_only)
    assert extraction._warned("author", ["warning[S301] post: the post's author is unknown (no byline or sign-off); "
                                         "use --author"])
    assert extraction._warned("author", ["warning[S305] 2 authors inferred (from a sign-off), not stated by the "
                                         "page: post, c3; check them (`book sources review`)"])
    assert extraction._warned("author", ["warning[S322] the copy shows no text above its comment thread: the "
                                         "thread's first message was taken as the post; check it"])
    assert extraction._warned("date", ["warning[S302] post: the date '3/5/2016' is ambiguous; left empty"])
    assert extraction._warned("date", ["warning[S324] no date was found for the post"])
    assert extraction._warned("author", ["warning[S335] the post's author 'Luke Daigle' is named only by the page's "
                                         "metadata"])
    assert not extraction._warned("title", comment_only)


def test_bench_scores_a_forum_page_by_its_thread() -> None:
    """A page whose truth is its thread (WCXB's forums) is scored by every unit's name and words, not the post alone."""
    sys.path.insert(0, str(BENCH))
    try:
        import extraction
    finally:
        sys.path.remove(str(BENCH))
    units = [{"kind": "post", "author": "ann", "text": "How do I prune roses in winter?"},
             {"kind": "comment", "author": "bob", "text": "Cut above an outward bud."}]
    book = {"data": {"title": "Roses", "author": "ann", "published": None, "units": units}, "diagnostics": []}
    truth = {"id": "wx", "file": "x.html.gz", "body": "ann How do I prune roses in winter? bob Cut above an outward bud."}
    assert extraction.score_page(truth, book, None)["book"]["f1"] < 0.8
    assert extraction.score_page({**truth, "body_scope": "thread"}, book, None)["book"]["f1"] == 1.0
