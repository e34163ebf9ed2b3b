"""HTML captures: which headline, byline and date the importer takes when a page's sources disagree,
and the second reading that keeps a post from being lost in silence (issue 13)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from book.sources import capture_html
from book.sources.names import clean_name

from .helpers import import_json, run

_WORDS = " ".join(["The river rose all night and by the morning the lower road was under water."] * 6)


def page(tmp_path: Path, body: str, head: str = "", name: str = "page.html", lang: str = "en") -> Path:
    path = tmp_path / name
    path.write_text(f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'>{head}</head>"
                    f"<body>{body}</body></html>", encoding="utf-8")
    return path


def test_the_visible_headline_that_is_the_title_tag_beats_a_different_og_title(tmp_path: Path) -> None:
    """A news page's ``og:title`` is a shorter social headline; the ``<h1>`` is also ``<title>`` less the site."""
    head = ("<title>Floods close the lower road after a night of rain - Valley News</title>"
            "<meta property='og:title' content='Lower road shut'>")
    capture = page(tmp_path, f"<h1>Floods close the lower road after a night of rain</h1><article><p>{_WORDS}</p>"
                             f"</article>", head)
    assert import_json(capture, tmp_path / "m")["title"] == "Floods close the lower road after a night of rain"


def test_the_sites_name_in_an_h1_is_not_the_headline(tmp_path: Path) -> None:
    """A heading that shares one word with the stated title is not close to it: the stated title wins."""
    head = "<meta property='og:title' content='River Notes 1.8 - The Flood Update'>"
    capture = page(tmp_path, f"<h1>River News</h1><article><p>{_WORDS}</p></article>", head)
    assert import_json(capture, tmp_path / "m")["title"] == "River Notes 1.8 - The Flood Update"


@pytest.mark.parametrize("byline,author", [
    # a byline that gives the writer's role too: the name marked inside it
    ("<div class='byline'><a href='/ann' class='byline__author'>Ann Reyes</a>"
     "<div class='byline__title'>Valley News Reporter</div></div>", "Ann Reyes"),
    # each name marked on its own, side by side: all of them
    ("<p>By <span class='byline-name'>Ann Reyes</span> and <span class='byline-name'>Tom Hale</span></p>",
     "Ann Reyes and Tom Hale"),
    # a class no theme list knows, but that says "byline"
    ("<span class='pb-byline'>By <a href='/tom'>Tom Hale</a></span>", "Tom Hale"),
    # a byline with the name and the writer's post: the linked name
    ("<div class='blog-author'>By <a href='/ann'>Ann Reyes</a>, Senior Staff Technologist, Valley Project</div>",
     "Ann Reyes"),
])
def test_the_byline_narrowed_to_its_names(tmp_path: Path, byline: str, author: str) -> None:
    capture = page(tmp_path, f"<article><h1>Floods</h1>{byline}<div class='entry-content'><p>{_WORDS}</p></div>"
                             f"</article>")
    data = import_json(capture, tmp_path / "m")
    assert (data["author"], data["units"][0]["author_how"]) == (author, "byline")


def test_a_byline_element_that_names_nobody_gives_way_to_the_meta_author_the_page_shows(tmp_path: Path) -> None:
    head = "<meta name='author' content='Ann Reyes'>"
    capture = page(tmp_path, "<article><h1>Floods</h1><div class='byline'><a href='//other.example'>at Other Site"
                             "</a></div><div class='byline'>Syndicated Desk Writer</div><p>Ann Reyes</p>"
                             f"<div class='entry-content'><p>{_WORDS}</p></div></article>", head)
    data = import_json(capture, tmp_path / "m")
    assert (data["author"], data["units"][0]["author_how"]) == ("Ann Reyes", "meta")


def _ld(**fields: object) -> str:
    return "<script type='application/ld+json'>" + json.dumps(
        {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Floods", **fields}) + "</script>"


def test_the_date_most_witnesses_give_wins(tmp_path: Path) -> None:
    """schema.org holds the date of an update; the meta tag and the printed date agree on the publication."""
    head = _ld(datePublished="2016-05-08T10:00:00Z") + "<meta property='article:published_time' content='2015-09-17'>"
    capture = page(tmp_path, "<article><h1>Floods</h1><time class='entry-date' datetime='2015-09-17'>17 September "
                             f"2015</time><div class='entry-content'><p>{_WORDS}</p></div></article>", head)
    assert import_json(capture, tmp_path / "m")["published"] == "2015-09-17"


def test_a_placeholder_date_is_no_date(tmp_path: Path) -> None:
    head = _ld(datePublished="0001-01-01T00:00:00Z")
    capture = page(tmp_path, "<article><h1>Floods</h1><span class='date'>Published Nov. 19, 2019</span>"
                             f"<div class='entry-content'><p>{_WORDS}</p></div></article>", head)
    assert import_json(capture, tmp_path / "m")["published"] == "2019-11-19"


def test_a_visible_date_before_the_web_is_a_misreading(tmp_path: Path) -> None:
    """"28.09.19" and "12:44" in sibling spans read as one string give 1912: htmldate's reading stands."""
    capture = page(tmp_path, "<article><h1>Floods</h1><span class='date' title='Zeit der Erstellung'><span>28.09.19"
                             f"</span><span>12:44</span></span><div class='entry-content'><p>{_WORDS}</p></div>"
                             "</article>", "<meta name='date' content='2019-09-28'>", lang="de")
    assert import_json(capture, tmp_path / "m")["published"] == "2019-09-28"


def test_a_utc_timestamp_a_day_after_the_printed_date_does_not_win(tmp_path: Path) -> None:
    """schema.org and OpenGraph give one UTC instant (Nov 9, 06:35 UTC); the page's local time (htmldate reads
    it from a ``sailthru.date`` tag) and the printed date say Nov 8."""
    stamp = "2023-11-09T06:35:29+00:00"
    head = _ld(datePublished=stamp) + ("<meta name='sailthru.date' content='2023-11-08 22:35:29'>"
                                       f"<meta property='article:published_time' content='{stamp}'>")
    capture = page(tmp_path, "<article><h1>Floods</h1><p>Posted: Nov 8, 2023 / 10:35 PM PST</p>"
                             f"<div class='entry-content'><p>{_WORDS}</p></div></article>", head)
    assert import_json(capture, tmp_path / "m")["published"] == "2023-11-08"


def test_one_timestamp_in_two_fields_is_one_witness(tmp_path: Path) -> None:
    """``datePublished`` and ``article:published_time`` copy one CMS value; the printed date and htmldate (from
    the ``date`` tag) agree on another."""
    stamp = "2020-01-03T09:48:24Z"
    head = _ld(datePublished=stamp) + ("<meta name='date' content='2020-01-06T09:22:36Z'>"
                                       f"<meta property='article:published_time' content='{stamp}'>")
    capture = page(tmp_path, "<article><h1>Goats</h1><time class='entry-date' datetime='2020-01-06'>6 January "
                             f"2020</time><div class='entry-content'><p>{_WORDS}</p></div></article>", head)
    assert import_json(capture, tmp_path / "m")["published"] == "2020-01-06"


def test_the_date_beside_the_headline_beats_a_related_posts_date(tmp_path: Path) -> None:
    """The theme's ``time.published`` first matches a related post; the post's own date is by its headline."""
    related = "".join(f"<li class='related'><h4><a href='/p{n}'>Older post {n}</a></h4><time class='published' "
                      f"datetime='2009-04-1{n}'>1{n}. April 2009</time></li>" for n in range(3))
    capture = page(tmp_path, "<article><h1 class='entry-title'>Entlöten</h1><p class='post-byline'>von Lime · "
                             "<span class='published'>22. Oktober 2019</span></p>"
                             f"<div class='entry-content'><p>{_WORDS}</p></div><ul>{related}</ul></article>",
                   lang="de")
    assert import_json(capture, tmp_path / "m")["published"] == "2019-10-22"


def test_json_ld_wrapped_in_cdata_is_read(tmp_path: Path) -> None:
    data = json.dumps({"@context": "http://schema.org", "@type": "NewsArticle", "headline": "Floods",
                       "author": {"@type": "Person", "name": "Ann Reyes"}, "datePublished": "2017-12-15T08:50:02"})
    head = f"<script type='application/ld+json'>\n  <![CDATA[\n  {data}\n  ]]>\n</script>"
    capture = page(tmp_path, f"<article><h1>Floods</h1><div class='entry-content'><p>{_WORDS}</p></div></article>",
                   head)
    got = import_json(capture, tmp_path / "m")
    assert (got["author"], got["published"], got["units"][0]["author_how"]) == ("Ann Reyes", "2017-12-15", "json-ld")


def test_a_date_in_the_pages_language(tmp_path: Path) -> None:
    capture = page(tmp_path, "<article><h1>Lluvias</h1><time class='entry-date'>1 de diciembre de 2017</time>"
                             f"<div class='entry-content'><p>{_WORDS}</p></div></article>", lang="es")
    assert import_json(capture, tmp_path / "m")["published"] == "2017-12-01"


@pytest.mark.parametrize("raw,name", [
    ("Текст: Лида Буслаева", "Лида Буслаева"),
    ("Our Foreign Staff", "Our Foreign Staff"),
    ("Jane Doe · Staff", "Jane Doe"),
    ("on Deadspin", None),
    ("Alissa Wilkinson@alissamarie", "Alissa Wilkinson"),
    ("Maria 6. August 2018 um 17:20 Uhr - Antworten", "Maria"),     # "Mar…" is not March here
    ("Swen denkt", "Swen"),
    ("19. Juni 2019", None),
    ("erstellt von Dominique — veröffentlicht 28.01.2022 06:00", "Dominique"),      # a status after the name
    ("John Plunkett. Updated November 3rd, 2023", "John Plunkett"),
    ("Gespeichert von human am 7. Juli 2019 - 18:44", "human"),                      # Drupal's "Submitted by"
    ("Martin Untersinger (avec Damien Leloup et Morgane Tual)", "Martin Untersinger"),
    ("Peter Maahn/SP-X", "Peter Maahn"),                                             # the agency after a slash
    ("dpa/AFP", "dpa/AFP"),                                                          # two agencies: no name to keep
    ("von am 20.06.2018", None),                                                     # a byline with an empty link
    ("von wordpressadmin", "wordpressadmin"),                                        # "admin" inside a name stays
    ("Chuck Patterson Reply to TMS", "Chuck Patterson"),                             # wpDiscuz's header read whole
    ("Mary · 3 comments", "Mary"),                                                    # a counter after the name
    ("Jon Smith 120 posts", "Jon Smith"),
    ("Mary (OP)", "Mary"),                                                            # badges in brackets or set apart
    ("Jo [Moderator]", "Jo"),
    ("Kim Lee · Guest", "Kim Lee"),
    ("Kim Lee OP", "Kim Lee"),
    ("Mary Guest", "Mary Guest"),                                                     # a surname, not a badge
    ("Kristin | Be My Travel Muse", "Kristin | Be My Travel Muse"),                   # a site in a display name stays
    ("Rob+Ann @TravelLatte(.net)", "Rob+Ann @TravelLatte(.net)"),
    ("Jo @ Home Cooking", "Jo @ Home Cooking"),
    ("Ana-Maria Popescu", "Ana-Maria Popescu"),
    ("匿名", None),                                                                   # the word for nobody
    ("Anónima", None),
    ("Anonymous Coward", None),
    ("Hans sagte am 3. Mai 2020:", "Hans"),                                           # the verb after the name
    ("Mario ha scritto:", "Mario"),
    ("Иван пишет:", "Иван"),
    ("张三说：", "张三"),                                                              # glued, then a colon
])
def test_clean_name_labels_badges_and_handles(raw: str, name: str | None) -> None:
    assert clean_name(raw) == name


def test_a_name_read_whole_keeps_its_glued_at_sign() -> None:
    """A handle glued to a byline comes from a link beside it; an element's one text run is one name."""
    assert clean_name("Paula@SweetPea") == "Paula"
    assert clean_name("Paula@SweetPea", handle=False) == "Paula@SweetPea"


def test_the_publisher_among_the_authors_is_not_the_writer(tmp_path: Path) -> None:
    """Microdata credits the writer and the site itself; the site is the publisher, not a co-author."""
    body = ("<article itemscope itemtype='https://schema.org/NewsArticle'><h1 itemprop='headline'>Floods</h1>"
            "<small itemprop='author' itemscope itemtype='https://schema.org/Person'><span itemprop='name'>Alexander "
            "Karper</span></small><meta itemprop='author' content='Valley News'><div itemprop='publisher' itemscope "
            "itemtype='https://schema.org/Organization'><meta itemprop='name' content='Valley News'></div>"
            f"<div itemprop='articleBody'><p>{_WORDS}</p></div></article>")
    assert import_json(page(tmp_path, body), tmp_path / "m")["author"] == "Alexander Karper"


@pytest.mark.parametrize("byline,name", [
    ("<div class='meta'><h5>Datum: </h5>03.11.2021<br><h5>Autor: </h5>Peter Maahn/SP-X</div>", "Peter Maahn"),
    ("<section><div><span>Written by <a href='/team'>Grant Tinsley, PhD</a></span><span> on April 29, 2018</span>"
     "</div></section>", "Grant Tinsley, PhD"),
    ("<header><p class='submitted'><span rel='sioc:has_creator'>Gespeichert von <span class='username' "
     "property='foaf:name'>human</span> am <time datetime='2019-07-07T18:44:31+0200'>7. Juli 2019</time></span></p>"
     "</header>", "human"),
    ("<div class='author-info'><img alt=''><a class='author-info__follow-button' href='/follow'>Follow</a></div>", None),
    ("<div data-testid='prism-byline'><span>By</span><span><a href='/team/ab'>Alex Bozarjian</a></span></div>",
     "Alex Bozarjian"),
])
def test_bylines_themes_print(tmp_path: Path, byline: str, name: str | None) -> None:
    """A labelled field, "Written by NAME, credential", Drupal's "submitted" line; a Follow button is no name."""
    capture = page(tmp_path, f"<h1>Floods</h1>{byline}<article><p>{_WORDS}</p><p>{_WORDS}</p></article>", lang="de")
    assert import_json(capture, tmp_path / "m")["author"] == name


@pytest.mark.parametrize("header", [
    "<time datetime='2020-10-12'><h4>By Giovanni Gaggero | 12/10/2020</h4></time>",         # "By NAME | DATE"
])
def test_a_byline_in_the_box_around_the_headlines(tmp_path: Path, header: str) -> None:
    """The headline sits in its own box; the byline ("Posted by NAME", "By NAME | DATE") in the box beside it."""
    capture = page(tmp_path, "<div class='content'><div class='title'><h2><a href='/p'>Interning of small integers"
                             f"</a></h2></div><div class='postdata'><span class='category'>Posted by Konstantin</span>"
                             f"<span class='date'>21.10.2019</span></div><p>{_WORDS}</p><p>{_WORDS}</p></div>",
                   "<title>Interning of small integers | Four Years Remaining</title>")
    assert import_json(capture, tmp_path / "m")["author"] == "Konstantin"
    capture = page(tmp_path, f"<main><h1>The Green Deal is not enough</h1>{header}<p>{_WORDS}</p></main>", name="b.html")
    assert import_json(capture, tmp_path / "n")["author"] == "Giovanni Gaggero"


def test_a_readers_review_of_the_article_is_not_its_author(tmp_path: Path) -> None:
    """A comment marked up as a schema.org ``Review`` of the article names a reader; the byline names the writer."""
    review = ("<article class='comment' itemscope itemtype='http://schema.org/Review'><meta itemprop='itemReviewed' "
              "content='Les clés'><div class='comment-author' itemprop='author' itemscope "
              "itemtype='http://schema.org/Person'><span itemprop='name'>link78</span></div><p>Manger du quinoa ?</p>"
              "</article>")
    body = ("<article itemscope itemtype='http://schema.org/Article'><h1 itemprop='headline'>Les clés</h1>"
            "<div class='header-info__authors'><a href='/page/oo'>Ophélie Ostermann</a></div>"
            f"<p>{_WORDS}</p><p>{_WORDS}</p><ol class='comment-list'>{review}</ol></article>")
    assert import_json(page(tmp_path, body, lang="fr"), tmp_path / "m")["author"] == "Ophélie Ostermann"


def test_a_title_escaped_twice_is_read_once(tmp_path: Path) -> None:
    head = _ld(headline="Her &#39;Ride or Die&#39; Partner")
    capture = page(tmp_path, f"<article><div class='entry-content'><p>{_WORDS}</p></div></article>", head)
    assert import_json(capture, tmp_path / "m")["title"] == "Her 'Ride or Die' Partner"


def test_microdata_teasers_of_other_stories_do_not_state_the_title(tmp_path: Path) -> None:
    """A "more news" list marks up each teaser as an Article; the first teaser is not the page's title."""
    teasers = "".join(f"<div itemscope itemtype='https://schema.org/NewsArticle'><h2 itemprop='headline'>Other "
                      f"story number {n} about the valley</h2></div>" for n in range(3))
    head = "<meta property='og:title' content='Habeck in München: Windkraft geht nur ohne 10H'>"
    capture = page(tmp_path, f"<div class='teasers'>{teasers}</div><main><h1>Habeck in München: Windkraft geht nur "
                             f"ohne 10H</h1><p>{_WORDS}</p></main>", head, lang="de")
    assert import_json(capture, tmp_path / "m")["title"] == "Habeck in München: Windkraft geht nur ohne 10H"


def test_a_kicker_marked_up_inside_the_headline_is_not_the_title(tmp_path: Path) -> None:
    head = "<meta property='og:title' content='Große Aufgaben für die neue Regierung'>"
    capture = page(tmp_path, "<article><h1><small>Tunesien</small><br> Große Aufgaben für die neue Regierung</h1>"
                             f"<p>{_WORDS}</p></article>", head, lang="de")
    assert import_json(capture, tmp_path / "m")["title"] == "Große Aufgaben für die neue Regierung"


def test_a_title_without_latin_letters_gets_its_id_from_the_file_name(tmp_path: Path) -> None:
    for name in ("first.html", "second.html"):
        capture = page(tmp_path, f"<article><h1>宇航员在太空中喝酒会怎么样</h1><p>{_WORDS}</p></article>",
                       "<title>宇航员在太空中喝酒会怎么样</title>", name=name, lang="zh")
        result = run("import", capture, "-m", tmp_path / "m", "-q")
        assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "m" / "sources").glob("*.yaml") if ".edits." not in p.name) == \
        ["first.yaml", "second.yaml"]


def test_s320_a_post_the_markup_lost_is_read_again_and_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever went wrong in the engine's reading (here: it returns a teaser), trafilatura's reading of the
    whole page replaces a post that shares less than half its words, with a warning."""
    monkeypatch.setattr(capture_html, "_read_body", lambda *args: "Read the whole story on our site.")
    capture = page(tmp_path, f"<article><h1>Floods</h1><div class='entry-content'><p>{_WORDS}</p>"
                             f"<p>{_WORDS.replace('river', 'creek')}</p></div></article>")
    result = run("import", capture, "-m", tmp_path / "m", "--id", "floods")
    assert result.exit_code == 0, result.stderr
    assert "warning[S320]" in result.stderr and "trafilatura's was kept" in result.stderr
    shown = json.loads(run("show", "floods", "--json", "-m", tmp_path / "m").stdout)
    assert "lower road was under water" in shown["units"][0]["text"]


def test_no_s320_when_the_readings_agree(tmp_path: Path) -> None:
    capture = page(tmp_path, f"<article><h1>Floods</h1><div class='entry-content'><p>{_WORDS}</p></div></article>")
    result = run("import", capture, "-m", tmp_path / "m", "--id", "floods")
    assert result.exit_code == 0 and "S320" not in result.stderr


def _discourse_post(author: str, when: str, body: str) -> str:
    return (f"<div itemscope itemtype='http://schema.org/DiscussionForumPosting'><div class='creator'><span>"
            f"<a href='/u/{author}'><b itemprop='author'>{author}</b></a><time datetime='{when}' "
            f"itemprop='datePublished'>{when}</time></span></div><div class='post' itemprop='articleBody'>{body}"
            f"</div></div>")


def test_a_discourse_quote_is_kept_and_names_the_comment_answered(tmp_path: Path) -> None:
    """Discourse sets a quotation in ``aside.quote``: kept in the reply as a blockquote, and its "NAME:" makes
    the reply answer that writer's comment."""
    quote = ("<aside class='quote' data-post='2'><div class='title'>maple_k:</div><blockquote><p>One session for "
             "each year.</p></blockquote></aside><p>That is what I will ask for too.</p>")
    body = (_discourse_post("wren", "2019-03-02T10:00:00Z", f"<p>{_WORDS}</p>")
            + _discourse_post("maple_k", "2019-03-02T20:31:00Z", "<p>One session for each year. It helped.</p>")
            + _discourse_post("ash", "2019-03-03T07:12:40Z", quote))
    capture = page(tmp_path, body, "<meta name='generator' content='Discourse 2.3.0'><title>Ending - Forum</title>")
    units = import_json(capture, tmp_path / "m")["units"]
    assert [(u["id"], u["author"], u["parent"]) for u in units[1:]] == [("c1", "maple_k", None), ("c2", "ash", "c1")]
    assert units[2]["text"].startswith("> maple_k wrote:\n>\n> One session for each year.")


def test_links_and_buttons_classed_comment_are_not_comments(tmp_path: Path) -> None:
    """Share bars and counters carry the class ``comment`` ("Post", "0", "Kommentar schreiben")."""
    capture = page(tmp_path, f"<article><h1>Floods</h1><div class='entry-content'><p>{_WORDS}</p></div>"
                             "<div class='share-widget__comment comment'>Post</div>"
                             "<a class='boxed-icon comment' href='#respond'>0</a></article>")
    assert [u["kind"] for u in import_json(capture, tmp_path / "m")["units"]] == ["post"]


def _zeit_comment(cid: str, name: str, text: str, indented: bool = False) -> str:
    kind = "comment--indented" if indented else "js-comment-toplevel"
    return (f"<article id='cid-{cid}' class='comment {kind}'><div class='comment-meta'><h4 class='comment-meta__name'>"
            f"<a href='/u/{cid}'>{name}</a></h4><a class='comment-meta__date' href='#cid-{cid}'>vor 8 Stunden</a>"
            f"</div><div class='comment__body'><p>{text}</p></div></article>")


def test_a_flat_thread_whose_replies_are_marked_indented(tmp_path: Path) -> None:
    """Names in an element classed ``comment-meta__name``; replies in the same flat list, marked by an
    ``indented`` class: each answers the nearest comment above that is not indented."""
    thread = (_zeit_comment("1", "Rechtssozialdemokrat", "Not even the managers take the train to work.")
              + _zeit_comment("2", "Pendlerin", "They do, I see them every morning.", indented=True)
              + _zeit_comment("3", "Bahnfahrer", "Thirty-six hours to Stockholm is fine by me.")
              + _zeit_comment("4", "Nachtzug", "Sleeper trains would make it easy.", indented=True)
              + _zeit_comment("5", "Pendlerin", "Only if they run on time.", indented=True))
    capture = page(tmp_path, f"<article><h1>Trains</h1><div class='entry-content'><p>{_WORDS}</p></div></article>"
                             f"<section class='comments'>{thread}</section>", lang="de")
    units = import_json(capture, tmp_path / "m")["units"][1:]
    assert [(u["author"], u["parent"]) for u in units] == [
        ("Rechtssozialdemokrat", None), ("Pendlerin", "c1"), ("Bahnfahrer", None), ("Nachtzug", "c3"),
        ("Pendlerin", "c3")]


def test_a_comments_two_anchors_count_once(tmp_path: Path) -> None:
    """WordPress gives a comment ``li#li-comment-7`` and ``div#comment-7``: one comment, not two missing."""
    comment = ("<li id='li-comment-{n}' class='comment'><div id='comment-{n}'><cite class='fn'>Ann</cite>"
               "<div class='comment-content'><p>Comment number {n} says something.</p></div></div></li>")
    capture = page(tmp_path, f"<article><h1>Floods</h1><div class='entry-content'><p>{_WORDS}</p></div></article>"
                             f"<ol class='commentlist'>{comment.format(n=7)}{comment.format(n=8)}</ol>")
    result = run("import", capture, "-m", tmp_path / "m")
    assert result.exit_code == 0 and "S304" not in result.stderr


def test_a_dateline_and_a_by_line_above_the_text_are_metadata(tmp_path: Path) -> None:
    head = "<meta name='author' content='Reuters'>"
    capture = page(tmp_path, f"<article><h1>Floods</h1><div class='entry-content'><p>Nov. 20, 2019, 9:28 AM UTC</p>"
                             f"<p>By Reuters</p><p>{_WORDS}</p><p>By the evening the water fell.</p></div></article>",
                   head)
    data = import_json(capture, tmp_path / "m")
    text = data["units"][0]["text"]
    assert (data["author"], data["published"]) == ("Reuters", "2019-11-20")
    assert text.startswith("The river rose") and text.endswith("By the evening the water fell.")


def test_underlining_from_trafilatura_is_not_left_as_html() -> None:
    assert capture_html._tidy_extracted("arose from <u>the Big Bang</u>.") == "arose from the Big Bang."


def test_a_comment_counter_holding_the_title_is_not_a_fuller_headline(tmp_path: Path) -> None:
    head = "<meta property='og:title' content='Floods close the lower road'>"
    capture = page(tmp_path, f"<article><div class='entry-content'><p>{_WORDS}</p></div>"
                             "<h2>3 Comments on Floods close the lower road</h2></article>", head)
    assert import_json(capture, tmp_path / "m")["title"] == "Floods close the lower road"


_THREAD = ("<ol class='commentlist'>"
           "<li class='comment' id='comment-1'><div class='comment-author vcard'><cite class='fn'>Ann</cite> "
           "<span class='says'>says:</span></div><div class='comment-meta'><a href='#comment-1'>May 10, 2014 at "
           "7:02 am</a></div><p>My therapist was always late and I never said a word about it.</p></li>"
           "<li class='comment' id='comment-2'><div class='comment-author vcard'><cite class='fn'>Bob</cite> "
           "<span class='says'>says:</span></div><div class='comment-meta'><a href='#comment-2'>May 12, 2014 at "
           "9:15 pm</a></div><p>The chair in the corridor: I know it well.</p></li></ol>")


def test_a_post_without_a_date_is_not_given_its_first_comments(tmp_path: Path) -> None:
    """htmldate, searching the whole page, finds only the comments' dates: S321, no date kept."""
    capture = page(tmp_path, f"<article><h1 class='entry-title'>Waiting rooms</h1><p class='byline'>By Jane Doe</p>"
                             f"<div class='entry-content'><p>{_WORDS}</p></div></article>"
                             f"<div id='comments'>{_THREAD}</div>")
    result = run("import", capture, "-m", tmp_path / "m")
    assert result.exit_code == 0, result.stderr
    assert "warning[S321]" in result.stderr and "2014-05-10" in result.stderr
    assert import_json(capture, tmp_path / "n")["published"] is None


def test_a_post_dated_the_day_of_its_first_comment_keeps_its_date(tmp_path: Path) -> None:
    """Readers comment on the day a post appears: a date the page gives the post outside the thread stands."""
    capture = page(tmp_path, "<article><h1 class='entry-title'>Waiting rooms</h1><p class='byline'>By Jane Doe</p>"
                             f"<div class='entry-content'><p>Written on 10 May 2014.</p><p>{_WORDS}</p></div>"
                             f"</article><div id='comments'>{_THREAD}</div>")
    result = run("import", capture, "-m", tmp_path / "m")
    assert result.exit_code == 0 and "S321" not in result.stderr, result.stderr
    assert import_json(capture, tmp_path / "n")["published"] == "2014-05-10"


def test_a_thread_found_by_the_detector_does_not_date_the_post(tmp_path: Path) -> None:
    """No comment markup anyone knows: the repeated-blocks detector finds the thread in the reading only;
    the page without it still decides whether htmldate's date is the post's (it is not: S321)."""
    block = "<div class='response'><div class='who'><div>{}</div><div>January {}, 2020</div></div><p>{}</p></div>"
    said = "I know that feeling very well; mine had a clock that ticked far too loudly."
    thread = "".join(block.format(name, day, said) for name, day in (("Jane Doe", 2), ("Sam Roe", 3), ("Kim Poe", 4)))
    capture = page(tmp_path, f"<article><h1>Waiting rooms</h1><p>{_WORDS}</p></article>"
                             f"<section class='responses'>{thread}</section>")
    result = run("import", capture, "-m", tmp_path / "m")
    assert result.exit_code == 0, result.stderr
    assert "warning[S321]" in result.stderr and "2020-01-02" in result.stderr
    data = import_json(capture, tmp_path / "n")
    assert data["published"] is None and len(data["units"]) == 4


def test_the_source_file_says_where_its_date_came_from(tmp_path: Path) -> None:
    """Each witness that gave ``published`` is named in a comment beside it; the file still reads back."""
    ld = ("<script type='application/ld+json'>{\"@type\": \"BlogPosting\", \"headline\": \"Waiting rooms\","
          " \"datePublished\": \"2014-05-10\"}</script>")
    capture = page(tmp_path, f"<article><h1>Waiting rooms</h1><time datetime='2014-05-10'>10 May 2014</time>"
                             f"<p>{_WORDS}</p></article>", ld)
    assert import_json(capture, tmp_path / "m")["published"] == "2014-05-10"
    line = next(line for line in _written(tmp_path / "m").splitlines() if line.startswith("published:"))
    assert line.startswith('published: "2014-05-10"  # from json-ld')
    assert "the date shown on the page" in line

    assert run("import", capture, "-m", tmp_path / "o", "--published", "2014-05-11").exit_code == 0
    assert "# from the --published option" in _written(tmp_path / "o")

    copied = tmp_path / "copy.txt"
    copied.write_text(f"Waiting rooms\n\nPosted on 10 May 2014 by Jane Doe\n\n{_WORDS}\n", encoding="utf-8")
    assert import_json(copied, tmp_path / "p")["published"] == "2014-05-10"
    assert "# from the copied text" in _written(tmp_path / "p")


def _written(manuscript: Path) -> str:
    """The one source file an import wrote into ``manuscript``."""
    (path,) = [p for p in (manuscript / "sources").glob("*.yaml") if not p.name.endswith(".edits.yaml")]
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("head", [
    "<meta name='author' content='Hanns-Seidel-Stiftung e.V.'>",
    "<meta name='author' content='Valley Media GmbH'>",
])
def test_an_author_that_names_a_legal_body_is_the_publisher(tmp_path: Path, head: str) -> None:
    """A ``meta`` author that is a body's name (a legal form closing it) names no writer: the post has no
    author rather than the publisher's."""
    capture = page(tmp_path, f"<article><h1>Floods close the lower road</h1><p>{_WORDS}</p></article>",
                   head=f"<title>Floods close the lower road - Valley News</title>{head}")
    assert import_json(capture, tmp_path / "m")["author"] is None


def test_the_structured_author_list_keeps_the_writer_and_drops_the_desk(tmp_path: Path) -> None:
    """JSON-LD lists the writer and the desk that filed the story ("Do UOL, em Porto Alegre"): only the writer."""
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Floods",
                     "author": [{"@type": "Person", "name": "Felipe Pereira"},
                                {"@type": "Person", "name": "Do UOL, em Porto Alegre"}]})
    capture = page(tmp_path, f"<article><h1>Floods</h1><p>{_WORDS}</p></article>",
                   head=f"<title>Floods</title><script type='application/ld+json'>{ld}</script>")
    assert import_json(capture, tmp_path / "m")["author"] == "Felipe Pereira"


def test_the_byline_nearest_the_headline_beats_a_teaser_carousels_above_it(tmp_path: Path) -> None:
    """A carousel of other articles above the post prints their writers' bylines first; the post's own is the
    one beside its headline."""
    teaser = ("<section class='carousel'><div class='item'><a href='/other'>Another story</a>"
              "<div class='author'>By: <a class='byline' rel='author' href='/members/pk/'>Paul Pickett</a></div></div>"
              "<div class='item'><a href='/more'>More stories</a>"
              "<div class='author'>By: <a class='byline' rel='author' href='/members/ks/'>Karl Small</a></div></div>"
              "</section>")
    article = ("<article><h1>Six things sites should stop doing</h1><address class='byline'>By: "
               "<a rel='author' href='/members/mxy'>Maxwell Yezpitelok</a></address>"
               f"<p>{_WORDS}</p></article>")
    data = import_json(page(tmp_path, teaser + article), tmp_path / "m")
    assert data["author"] == "Maxwell Yezpitelok"



def test_a_meta_author_the_page_never_shows_is_no_byline(tmp_path: Path) -> None:
    """``<meta name=author>`` naming someone the page shows nowhere (a site-wide default, a former editor) is no
    byline: the post has no author; the same name printed on the page is kept."""
    head = "<title>Floods</title><meta name='author' content='Martin Stallmann'>"
    hidden = page(tmp_path, f"<article><h1>Floods</h1><p>{_WORDS}</p></article>", head=head)
    assert import_json(hidden, tmp_path / "m")["author"] is None
    shown = page(tmp_path, f"<article><h1>Floods</h1><p>{_WORDS}</p><p>Martin Stallmann</p></article>", head=head,
                 name="shown.html")
    assert import_json(shown, tmp_path / "m2")["author"] == "Martin Stallmann"
