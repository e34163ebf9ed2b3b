"""Browser-copy text captures of the common engines: headers, replies blocks, furniture, languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from book.sources.dates import date_line

from .conftest import FIXTURES
from .helpers import import_json, run


def thread(data: dict) -> list[tuple]:
    return [(u["id"], u["kind"], u["author"], u["parent"], u["date"]) for u in data["units"][1:]]


def everything(data: dict) -> str:
    return "\n".join(u["text"] for u in data["units"])


def test_blogger_replies_blocks_answer_the_comment_above_them(tmp_path: Path) -> None:
    data = import_json(FIXTURES / "blogger-replies-copy.txt", tmp_path / "m")
    assert (data["title"], data["author"], data["published"], data["site"]) == \
        ("The Week Between Sessions", "Anna K.", "2014-10-02", "Notes from the Couch")
    assert thread(data) == [
        ("c1", "comment", "Tomasz", None, "2014-10-03"),
        ("c2", "comment", "Anna K.", "c1", "2014-10-03"),
        ("c3", "comment", "Tomasz", "c1", "2014-10-03"),
        ("c4", "comment", "Beata", None, "2014-10-04"),
        ("c5", "comment", None, None, "2014-10-05"),          # "Anonymous": nobody is named
        ("c6", "comment", "Anna K.", "c5", "2014-10-05"),
    ]
    for furniture in ("Reply", "Delete", "Replies", "Add comment", "Load more"):
        assert furniture not in everything(data), furniture


def test_a_german_copy_reads_name_badge_and_date_lines(tmp_path: Path) -> None:
    data = import_json(FIXTURES / "wordpress-de-copy.txt", tmp_path / "m")
    assert (data["title"], data["author"], data["published"], data["site"]) == \
        ("Warum ich meiner Therapeutin Briefe schreibe", "Helga Brandt", "2018-03-12",
         "Zwischen den Stunden – ein Therapieblog")
    assert thread(data) == [
        ("c1", "comment", "Jonas", None, "2018-03-13"),
        ("c2", "comment", "Helga Brandt", "c1", "2018-03-13"),   # the post's author answering, inferred
        ("c3", "comment", "Marta S.", None, "2018-03-14"),
    ]
    text = everything(data)
    for furniture in ("Antworten", "Autor", "Teilen", "Schreibe einen Kommentar", "März 2018  (2)", "Impressum"):
        assert furniture not in text, furniture


def test_parents_inferred_from_the_conversation_are_s306(tmp_path: Path) -> None:
    result = run("import", FIXTURES / "wordpress-de-copy.txt", "-m", tmp_path / "m")
    assert result.exit_code == 0, result.stderr
    written = tmp_path / "m" / "sources" / "warum-ich-meiner-therapeutin-briefe.yaml"
    [warning] = [line for line in result.stderr.splitlines() if "S306" in line]
    line = int(re.match(rf"{re.escape(str(written))}:(\d+): warning\[S306\]: 1 reply parent inferred from the "
                        r"order of the conversation or a reply.s opening quotation \(the copy lost the nesting\): c2; "
                        r"check them", warning)[1])
    assert written.read_text().splitlines()[line - 1] == "  - id: c2"


def test_wordpress_com_headers_with_a_date_without_a_year(tmp_path: Path) -> None:
    result = run("import", FIXTURES / "wordpress-com-copy.txt", "-m", tmp_path / "m")
    assert result.exit_code == 0 and "S302" not in result.stderr     # no year: no date, and nothing ambiguous
    data = import_json(FIXTURES / "wordpress-com-copy.txt", tmp_path / "m2")
    assert (data["title"], data["author"], data["published"]) == \
        ("What I Learned When My Therapist Said No", "Ruth Adler", "2019-05-14")
    assert thread(data) == [
        ("c1", "comment", "Marguerite", None, None),
        ("c2", "comment", "Ruth Adler", "c1", None),
        ("c3", "comment", "Marguerite", "c2", None),           # answering back the answer to her
        ("c4", "comment", "Sam K.", None, None),
    ]
    assert "Liked by" not in everything(data) and "Get Started" not in everything(data)
    assert {"reason": "page footer", "text": "Create your new blog or website for free"} in data["dropped"]


def test_comments_signed_under_their_text_and_at_names_keep_a_flat_thread(tmp_path: Path) -> None:
    result = run("import", FIXTURES / "signed-copy.txt", "-m", tmp_path / "m")
    assert result.exit_code == 0 and "S306" not in result.stderr
    data = import_json(FIXTURES / "signed-copy.txt", tmp_path / "m2")
    assert (data["title"], data["author"], data["published"]) == ("The Hour Before", "Jakob", None)
    assert thread(data) == [
        ("c1", "comment", "Lena", None, "2016-02-14"),
        ("c2", "comment", "Piotr", None, "2016-02-14"),        # "@Lena:" on a page that does not nest
        ("c3", "comment", "Mira", None, "2016-02-15"),
    ]
    assert "Comment by" not in everything(data) and "RSS" not in everything(data)


@pytest.mark.parametrize("line,iso", [
    ("May 10, 2014 at 7:02 AM", "2014-05-10"),
    ("19. Juni 2019 / 6:16", "2019-06-19"),
    ("11.09.2011 23:31", "2011-09-11"),          # dotted dates are day first
    ("17.07, 2011 @ 13:04", "2011-07-17"),
    ("3 mars 2015 à 14h05", "2015-03-03"),
    ("Jun 20th at 2:41 am", None),               # a date line, but the year is not printed
    ("17.7.11", None),
])
def test_date_lines_in_several_languages(line: str, iso: str | None) -> None:
    found = date_line(line)
    assert found is not None and found.iso == iso and not found.ambiguous


@pytest.mark.parametrize("line", ["JanBeek Jun 20th at 2:41 am", "Martina Berg", "Antworten", "März 2018  (2)",
                                  "Mai 2012", "The walk is the first ten minutes."])
def test_lines_that_are_not_dates(line: str) -> None:
    assert date_line(line) is None


# Chromium's innerText of the HTML fixtures disqus.html, substack.html and blogger.html, with scripts off:
# what select-all and copy gives. No counter line: the thread starts at the first of several headers.
@pytest.mark.parametrize("fixture,title,author,comments", [
    ("disqus-copy.txt", "After the Last Session", "Iris Vale",
     [("Tomasz K.", None, None), ("Iris Vale Mod Tomasz K.", None, None), (None, None, None)]),  # "• 8 years ago"
    ("substack-copy.txt", "The Empty Chair", "Mira Solberg",
     [("Anna Lind", None, "2022-04-05"), ("Mira Solberg", "c1", "2022-04-05"), ("Olek", None, "2022-04-06")]),
    ("blogger-glued-copy.txt", "The Session I Almost Cancelled", "Anna K.",       # "TomaszMarch 5, 2014 at …"
     [("Tomasz", None, "2014-03-05"), ("Anna K.", "c1", "2014-03-05"), ("Beata", None, "2014-03-06")]),
    ("reddit-old-copy.txt", "First session tomorrow, any advice?", "quiet_fern",  # "[–]NAME[S] 9 points 3 years ago"
     [("OwlAtDusk", None, None), ("quiet_fern", "c1", None), (None, None, None)]),    # the OP answers; [deleted]
])
def test_copies_without_a_counter(tmp_path: Path, fixture, title, author, comments) -> None:
    data = import_json(FIXTURES / fixture, tmp_path / "m")
    assert (data["title"], data["author"]) == (title, author)
    assert [(u["author"], u["parent"], u["date"]) for u in data["units"][1:]] == comments
    text = everything(data)
    for furniture in ("Reply", "Share", "see more", "years ago", "points", "permalink", "embed", "[–]"):
        assert furniture not in text, furniture


# Chromium's innerText of discourse.html and xenforo.html: every message opens with a header, the first is
# numbered #1 and is the post; a quote of an earlier message stays a quotation.
@pytest.mark.parametrize("fixture,title,author,published,replies", [
    ("discourse-copy.txt", "Ending therapy after six years", "wren", "2019-03-02",
     [("maple_k", "2019-03-02",
       "> How did you all spend the weeks before the end?\n\nSlowly. We went back over the years, one session for each."),
      ("wren", "2019-03-03", "One session for each year. I will ask her about that.")]),
    ("xenforo-copy.txt", "The hour after a session", "Selma", "2021-10-10",
     [("Ben R", "2021-10-10",
       "> I sit in the car and cannot drive yet.\n\nSame. I walk around the block twice before I go home.")]),
])
def test_forum_copies_with_a_header_on_every_message(tmp_path: Path, fixture, title, author, published,
                                                     replies) -> None:
    data = import_json(FIXTURES / fixture, tmp_path / "m")
    assert (data["title"], data["author"], data["published"]) == (title, author, published)
    assert [(u["author"], u["date"], u["text"]) for u in data["units"][1:]] == replies
    assert all(u["parent"] is None for u in data["units"][1:])
    for furniture in ("#1", "Member", "Reply", "Click to expand", "said:", "Powered by"):
        assert furniture not in everything(data), furniture


@pytest.mark.parametrize("line", ["« Je ne savais pas quoi dire. »", "Today", "Gestern", "Thanks, Helen"])
def test_prose_that_looks_like_navigation_or_a_date_is_kept(line: str) -> None:
    from book.sources.chrome import is_chrome_line

    assert not is_chrome_line(line) and date_line(line) is None


@pytest.mark.parametrize("line", ["« Willkommen, neue Mitbewohner!", "Neues aus der Inbox »", "LikeLiked by 21 people",
                                  "Email ThisShare to Twitter", "Kommentarfeed | Kommentare geschlossen | Trackback-URL"])
def test_navigation_lines_are_chrome(line: str) -> None:
    from book.sources.chrome import is_chrome_line

    assert is_chrome_line(line)


def test_typepad_comments_signed_posted_by_under_their_text(tmp_path: Path) -> None:
    """Chromium's innerText of typepad.html: "Posted by: NAME | DATE" closes each comment."""
    data = import_json(FIXTURES / "typepad-copy.txt", tmp_path / "m")
    assert (data["title"], data["published"]) == ("The Hour Before", "2012-11-02")
    assert [(u["author"], u["date"], u["text"]) for u in data["units"][1:]] == [
        ("Jo Lindqvist", "2012-11-03", "2:40 is a victory. Write it down somewhere."),
        ("Sam", "2012-11-04", "I know that hour. Mine is the car park."),
    ]


def test_a_german_wordpress_copy_reads_its_header_and_sagt_headers(tmp_path: Path) -> None:
    """The headline sits above a header glued together by the copy ("Posted on3. Oktober 2021…AuthorNAME")."""
    data = import_json(FIXTURES / "wordpress-de-header-copy.txt", tmp_path / "m")
    assert (data["title"], data["author"], data["published"]) == ("Ein Herbst am See", "Jonas Weber", "2021-10-03")
    # the post's author writing right after a reader answers them (inferred, listed as S306)
    assert [(a, p) for _, _, a, p, _ in thread(data)] == [("Lena Hoff", None), ("Jonas Weber", "c1")]
    assert "sagt" not in everything(data)


def test_blogger_delete_buttons_nest_replies_when_the_heading_is_ambiguous(tmp_path: Path) -> None:
    """German Blogger calls its Replies heading "Antworten", like its Reply button: a comment closed by
    "Löschen" alone answers the comment above it closed by "Antworten Löschen"."""
    data = import_json(FIXTURES / "blogger-de-copy.txt", tmp_path / "m")
    assert (data["title"], data["published"]) == ("Ein Besuch im Buchladen", "2013-10-05")
    assert [(a, p) for _, _, a, p, _ in thread(data)] == [("Ruth", None), ("Mara", "c1"), ("Paul", None)]
    assert "LÖSCHEN" not in everything(data)


def test_a_title_taken_from_the_first_line_over_a_paragraph_is_s311(tmp_path: Path) -> None:
    """No byline, date or counter marks the headline, but a paragraph follows the first line within four
    lines: the copy starts near the headline, the line is used and the editor is told so."""
    result = run("import", FIXTURES / "no-header-copy.txt", "-m", tmp_path / "m")
    assert result.exit_code == 0
    [warning] = [line for line in result.stderr.splitlines() if "S311" in line]
    assert "'The Quiet Room'" in warning and "first line" in warning
    result = run("import", FIXTURES / "wordpress-de-header-copy.txt", "-m", tmp_path / "m2")
    assert result.exit_code == 0 and "S311" not in result.stderr


def test_a_first_line_over_navigation_is_no_title(tmp_path: Path) -> None:
    """The first line is followed by a menu, not by text: the title is left empty, not guessed, and the
    warning names the line."""
    capture = tmp_path / "menu-copy.txt"
    capture.write_text("Skip to content\nThe Quiet Room\nRecipes\nTravel\nGarden\nArchive\nNewsletter\n\n"
                       "Some evenings the room is quiet enough that I can hear the radiator ticking, and I stay "
                       "longer than I meant to.\n", encoding="utf-8")
    result = run("import", capture, "-m", tmp_path / "m")
    assert result.exit_code == 0
    [warning] = [line for line in result.stderr.splitlines() if "S311" in line]
    assert "left empty" in warning and "'The Quiet Room'" in warning
    assert not import_json(capture, tmp_path / "m2").get("title")


def test_forum_messages_under_profile_blocks(tmp_path: Path) -> None:
    """XenForo and vBulletin print a profile block (name, rank, "Mitglied seit", "Beiträge", date) above each
    numbered message: the first message is the post, the others answer the thread."""
    data = import_json(FIXTURES / "xenforo-profile-copy.txt", tmp_path / "m")
    assert (data["title"], data["author"], data["published"]) == \
        ("Tomaten im Kübel: wie oft gießen?", "Gartenzwerg", "2020-05-03")
    assert [(a, p, d) for _, _, a, p, d in thread(data)] == \
        [("Rosenfee", None, "2020-05-03"), ("Gartenzwerg", None, "2020-05-04")]
    assert "Mitglied seit" not in everything(data) and "#2" not in everything(data)


def test_new_reddit_levels_nest_replies(tmp_path: Path) -> None:
    """New Reddit copied without scripts keeps no names but "level N" lines: they nest the replies, and the
    sort buttons above and the sidebar below are not comments."""
    data = import_json(FIXTURES / "reddit-levels-copy.txt", tmp_path / "m")
    assert data["title"] == "How do you keep slugs off lettuce without chemicals?"
    assert [(k, p) for _, k, _, p, _ in thread(data)] == [("comment", None), ("comment", "c1"), ("comment", None)]
    text = everything(data)
    for furniture in ("level 1", "points", "SORT BY", "Continue this thread", "More posts from"):
        assert furniture not in text, furniture


def test_the_host_of_a_thread_answers_the_comment_before(tmp_path: Path) -> None:
    """No byline names the post's author, but one writer answers each reader in turn: that writer is the host,
    and each answer's parent is the comment before it, inferred and listed (S306)."""
    result = run("import", FIXTURES / "host-copy.txt", "-m", tmp_path / "m")
    assert result.exit_code == 0 and "3 reply parents inferred" in result.stderr
    data = import_json(FIXTURES / "host-copy.txt", tmp_path / "m2")
    assert (data["title"], data["author"], data["published"]) == ("Ein Sommer voller Tomaten", None, "2021-08-03")
    assert [(a, p) for _, _, a, p, _ in thread(data)] == \
        [("Aylin", None), ("Karo", "c1"), ("Birgit", None), ("Karo", "c3"), ("Saskia", None), ("Karo", "c5")]


def test_the_author_box_names_the_author_where_no_byline_does(tmp_path: Path) -> None:
    data = import_json(FIXTURES / "author-box-copy.txt", tmp_path / "m")
    assert (data["title"], data["author"], data["published"]) == ("Lernen mit Blogs", "Michael Weber", "2019-03-14")
    assert "Zeige alle" not in everything(data)


_PROSE = ("The long paragraph of the post goes on for a while, so that it reads as prose and not as a header line, "
          "and then it says a little more about the garden and the weather this spring.")


def _copy(tmp_path: Path, text: str) -> Path:
    capture = tmp_path / "copy.txt"
    capture.write_text(text, encoding="utf-8")
    return capture


def test_a_name_line_over_the_date_is_the_byline_and_a_counter_there_starts_no_thread(tmp_path: Path) -> None:
    """Medium, WordPress themes: headline, the author's name alone (a "Follow" button after it), the date with
    the reading time, and a "2 responses" link to the thread: all header, and the post's text follows."""
    data = import_json(_copy(tmp_path, "Site Name\n\nA Spring in the Garden\n\nMaria Lopez\n\nFollow\n\n"
                                       "Oct 15, 2015 · 18 min read\n\n2 responses\n\nHighlights\n\n" + _PROSE
                                       + "\n\nAnother line of the post.\n"), tmp_path / "m")
    assert (data["title"], data["author"], data["published"]) == ("A Spring in the Garden", "Maria Lopez", "2015-10-15")
    assert [u["kind"] for u in data["units"]] == ["post"] and "Highlights" in everything(data)


def test_decorated_and_counted_bylines(tmp_path: Path) -> None:
    """"// By NAME • DATE" and "NAME DATE 13" (the comment count glued on) are bylines."""
    data = import_json(_copy(tmp_path, "Blog\n\nHow We Built It\n\n// By Arun Sai • Nov 11, 2020\n\n" + _PROSE + "\n"),
                       tmp_path / "m")
    assert (data["title"], data["author"], data["published"]) == ("How We Built It", "Arun Sai", "2020-11-11")
    data = import_json(_copy(tmp_path, "News\n\nJobs Data Shows Demand\n\nSarah Gooding March 9, 2017 13\n\n" + _PROSE
                             + "\n"), tmp_path / "m2")
    assert (data["title"], data["author"], data["published"]) == ("Jobs Data Shows Demand", "Sarah Gooding", "2017-03-09")


def test_a_written_by_label_under_the_post_names_the_author(tmp_path: Path) -> None:
    data = import_json(_copy(tmp_path, "Blog\n\nSeven days at sea\n\nMarch 17, 2015\n\n" + _PROSE
                             + "\n\nWritten on Mar 17 by\n\nPippin Lee\n\nFollow\n"), tmp_path / "m")
    assert (data["title"], data["author"]) == ("Seven days at sea", "Pippin Lee")
    assert "Written on" not in everything(data)


def test_s305_the_owner_of_a_personal_site_is_inferred_as_the_author(tmp_path: Path) -> None:
    """No byline, but the site is named after a person and its copyright line names the same person: the post's
    author, flagged as inferred (S305; the fitted author model takes the name alone over the headline first, as an
    uncertain byline, the site owner's reader otherwise); a site whose copyright names someone else gets no
    author (the model finds nobody likelier than the name alone)."""
    text = "Haki Benita\n\nAbout\n\n21 September 2020\n\nSimple Anomaly Detection\n\n" + _PROSE + "\n\n© {} 2016-2020\n"
    result = run("import", _copy(tmp_path, text.format("Haki Benita")), "-m", tmp_path / "m", "--id", "t")
    assert result.exit_code == 0, result.stderr
    assert "warning[S305]" in result.stderr and "site's owner" in result.stderr
    assert "by Haki Benita (INFERRED" in run("show", "t", "-m", tmp_path / "m").stdout
    data = import_json(_copy(tmp_path, text.format("Example Media Ltd")), tmp_path / "m2")
    assert data["author"] is None


@pytest.mark.parametrize("box", ["Über den Autor\n\nJonas Becker", "About the author: Jonas Becker"])
def test_an_about_the_author_box_names_the_author(tmp_path: Path, box: str) -> None:
    data = import_json(_copy(tmp_path, "Blog\n\nDer lange Winter im Garten\n\n3. März 2019\n\n" + _PROSE + "\n\n" + box
                             + "\n\nJonas schreibt über Gärten und das Wetter, seit vielen Jahren schon.\n"), tmp_path / "m")
    assert (data["title"], data["author"]) == ("Der lange Winter im Garten", "Jonas Becker")


def test_a_says_header_may_carry_a_comma_and_a_widget_list_is_no_thread(tmp_path: Path) -> None:
    """"Ay, caramba sagt:" is a commenter's header (a pseudonym with a comma); a run of link titles after the
    counter (recent posts, a blogroll) reads as no prose: listed as dropped, not made comments."""
    data = import_json(_copy(tmp_path, "Blog\n\nEin Abend im Juni\n\n3. Juni 2019\n\n" + _PROSE + "\n\n2 Kommentare\n\n"
                             " Anna sagt:\n4. Juni 2019 um 10:36 Uhr\n\nSchöner Text, ich habe ihn gern gelesen.\n\n"
                             " Ay, caramba sagt:\n4. Juni 2019 um 11:02 Uhr\n\nDas sehe ich ganz genauso wie du.\n"),
                       tmp_path / "m")
    assert [(a, p) for _, _, a, p, _ in thread(data)] == [("Anna", None), ("Ay, caramba", None)]
    widgets = "\n\n".join(f"Recent post number {n} about the garden\n\nJune {n}, 2019" for n in range(1, 6))
    result = run("import", _copy(tmp_path, "Blog\n\nEin Abend im Juni\n\n3. Juni 2019\n\n" + _PROSE
                                 + "\n\nComments\n\n" + widgets + "\n"), "-m", tmp_path / "m2", "--id", "w")
    assert result.exit_code == 0, result.stderr
    data = import_json(tmp_path / "copy.txt", tmp_path / "m3")
    assert [u["kind"] for u in data["units"]] == ["post"]
    assert any(d["reason"] == "link list, not comments" for d in data["dropped"])


def test_a_category_word_between_the_date_and_the_headline_is_not_the_title(tmp_path: Path) -> None:
    data = import_json(_copy(tmp_path, "Haki Benita\n\nAbout\n\n21 September 2020\n\nSQL\n\n"
                                       "Simple Anomaly Detection Using Plain SQL\n\n" + _PROSE + "\n"), tmp_path / "m")
    assert (data["title"], data["published"]) == ("Simple Anomaly Detection Using Plain SQL", "2020-09-21")


def test_blogger_said_headers_in_german_italian_and_dutch(tmp_path: Path) -> None:
    """Blogger's classic "NAME said..." header as its German, Italian and Dutch layouts print it."""
    comments = "".join(f"{head}\n\nEin schöner Beitrag, vielen Dank dafür und liebe Grüße.\n\n{n}. Oktober 2014 um 17:0{n}\n\n"
                       for n, head in enumerate(["Pamela hat gesagt…", "Giulia ha detto...", "Joost zei..."], 3))
    data = import_json(_copy(tmp_path, "Blog\n\nEin Herbst im Garten\n\n2. Oktober 2014\n\n" + _PROSE
                             + "\n\n3 Kommentare:\n\n" + comments + "Kommentar veröffentlichen\n"), tmp_path / "m")
    assert [a for _, _, a, _, _ in thread(data)] == ["Pamela", "Giulia", "Joost"]


def test_a_copy_of_a_post_about_html_is_read_as_text(tmp_path: Path) -> None:
    """Its code sample shows a dozen tags; the file is named ``.txt`` and opens with prose: a copy, not a page."""
    sample = "\n".join(["<div class=\"card\">", "  <p>Hello</p>", "  <span>a</span> <a href=\"#\">b</a>", "</div>"] * 3)
    words = " ".join(["Cards are the simplest way to group things on a page, and the markup stays short."] * 4)
    copy = tmp_path / "cards-copy.txt"
    copy.write_text(f"Building cards without a framework\n\nPosted by Mira Lenz on March 3, 2021\n\n{words}\n\n"
                    f"{sample}\n\n{words}\n", encoding="utf-8")
    data = import_json(copy, tmp_path / "m")
    assert data["title"] == "Building cards without a framework"
    assert "<div class=" in data["units"][0]["text"].replace("\\", "")
    saved = tmp_path / "saved-source.txt"            # a page's source saved as .txt: it opens with a tag
    saved.write_text(f"<div><h1>Cards</h1><p>{words}</p><p>{words}</p><span>x</span><a href='#'>y</a></div>",
                     encoding="utf-8")
    assert "<p>" not in import_json(saved, tmp_path / "n")["units"][0]["text"]


def test_a_post_without_a_date_is_s324_and_a_dated_one_is_not(tmp_path: Path) -> None:
    """Its attributions would print no date: the editor is told, not left to notice."""
    result = run("import", FIXTURES / "no-header-copy.txt", "-m", tmp_path / "m")
    assert result.exit_code == 0
    [warning] = [line for line in result.stderr.splitlines() if "S324" in line]
    assert "no date was found for the post" in warning
    result = run("import", FIXTURES / "wordpress-de-header-copy.txt", "-m", tmp_path / "m2")
    assert result.exit_code == 0 and "S324" not in result.stderr
