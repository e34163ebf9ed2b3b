"""Forum threads (issue 13): numbered posts under a poster's box, in saved pages and in text copies.

Small synthetic pages in the shapes the corpus's ``fo-*`` batch showed: a poster's box with a rank, a
join date and a post count beside each message; "#N" and the message's date; quotes that name another
writer; signatures, hidden quote copies and buttons that are no part of the message.
"""

from __future__ import annotations

from pathlib import Path

from .helpers import forum_page, import_json

_OPENING = ("Since the last update the amplifier hums whenever the power scaling control is turned down, "
            "and the hum gets louder the longer it runs. Has anyone seen this before, and what should I check?")


def _html(tmp_path: Path, body: str, title: str = "Hum with power scaling") -> Path:
    return forum_page(tmp_path, body, title, "Tube Forum", "Power Amps")


def _postbit(number: int, uid: int, name: str, rank: str, joined: str, posts: int, date: str, text: str,
             signature: str = "") -> str:
    """A MyBB/vBulletin-like message: the poster's box, then "#N" and the date, then the message."""
    sig = f"<div class='signature'>{signature}</div>" if signature else ""
    return (f"<div class='post classic' id='post_{number}'><div class='author_information'>"
            f"<a href='member.php?action=profile&amp;uid={uid}'>{name}</a><span class='smalltext'>{rank}</span>"
            f"<div class='author_statistics'>Posts: {posts}<br>Joined: {joined}</div></div>"
            f"<div class='post_content'><div class='post_head'><a href='#pid{number}'>#{number}</a> "
            f"<span class='post_date'>{date}</span></div><div class='post_body'>{text}</div>{sig}</div>"
            f"<div class='post_controls'><a href='#'>Find</a> <a href='#'>Reply</a></div></div>")


def test_numbered_posts_under_a_posters_box_are_a_forum_thread(tmp_path: Path) -> None:
    """The first message is the post (its poster the author, its date the date: not the poster's join date);
    the others answer it; ranks, statistics, signatures and buttons stay out of names and texts."""
    posts = (_postbit(1, 7, "K O'Connor", "Administrator", "August 14, 2018", 486, "April 13, 2023, 01:42 PM",
                      _OPENING, "Kevin — London Power")
             + _postbit(2, 9, "DCarrer", "Junior Member", "Dec 2020", 11, "April 24, 2023, 09:55 PM",
                        "Great news about the updates! Was I one of the two builders?")
             + _postbit(3, 7, "K O'Connor", "Administrator", "August 14, 2018", 486, "April 24, 2023, 11:50 PM",
                        "I guess there were three of you, and the third one never wrote back.",
                        "Kevin — London Power"))
    data = import_json(_html(tmp_path, f"<div id='posts'>{posts}</div>"), tmp_path / "m")
    assert (data["author"], data["published"]) == ("K O'Connor", "2023-04-13")
    assert [(u["kind"], u["author"], u["parent"]) for u in data["units"][1:]] == \
        [("comment", "DCarrer", None), ("comment", "K O'Connor", None)]
    assert data["units"][0]["text"].startswith("Since the last update")
    assert data["units"][1]["text"].startswith("Great news about the updates")
    everything = "\n".join(u["text"] for u in data["units"])
    for furniture in ("Posts: 486", "Joined", "Administrator", "London Power", "Find", "#2"):
        assert furniture not in everything, furniture


def test_a_quoted_writer_is_no_author_and_no_parent(tmp_path: Path) -> None:
    """Invision prints the poster's name twice (a narrow-screen header and the box) with a rank, a group and
    counts but no labels; a reply opening with "On DATE, NAME said:" is written by its poster and answers
    the thread, not the quoted writer."""
    def message(cid: int, name: str, rank: str, stamp: str, text: str) -> str:
        return (f"<article class='cPost ipsComment' id='elComment_{cid}'><div class='cAuthorPane_mobile'>"
                f"<a href='/profile/{cid}-{name}/'>{name}</a><time datetime='{stamp}'>May 2</time></div>"
                f"<aside class='cAuthorPane'><h3 class='cAuthorPane_author'><a href='/profile/{cid}-{name}/'>{name}"
                f"</a></h3><ul><li>{rank}</li><li>Senior Members</li><li>800</li><li>3.5k</li></ul></aside>"
                f"<div class='ipsComment_content'><p class='ipsType_reset'>Posted <time datetime='{stamp}'>May 2"
                f"</time></p><div class='cPost_contentWrap'>{text}</div></div></article>")
    quote = ("<blockquote class='ipsQuote'><div class='ipsQuote_citation'>On 5/3/2024 at 2:50 AM, avicenna said:"
             "</div><div class='ipsQuote_contents'><p>A bound electron only absorbs a matching photon.</p></div>"
             "</blockquote>")
    thread = (message(1, "avicenna", "Quark", "2024-05-02T18:50:00Z", f"<p>{_OPENING}</p>")
              + message(2, "swansont", "Moderator", "2024-05-02T19:10:00Z",
                        f"{quote}<p>It is observed to be true: gases are transparent except for their lines.</p>")
              + message(3, "Mordred", "Resident Expert", "2024-05-02T21:00:00Z",
                        "<p>Just to add to the good answers already posted here.</p>"))
    data = import_json(_html(tmp_path, f"<div id='elPostFeed'>{thread}</div>"), tmp_path / "m")
    assert (data["author"], data["published"]) == ("avicenna", "2024-05-02")
    assert [(u["author"], u["parent"]) for u in data["units"][1:]] == [("swansont", None), ("Mordred", None)]
    assert "avicenna said" in data["units"][1]["text"]         # the quotation is kept, as a quotation
    assert "Senior Members" not in data["units"][1]["text"]


def test_a_blogs_comment_list_under_its_article_is_no_forum(tmp_path: Path) -> None:
    """Comments with profile links, numbers and dates under an article answer the article: the article stays
    the post (the run of messages must hold most of the page's main text to be a forum thread)."""
    article = " ".join(["The article talks about tube amplifiers at some length, as articles do."] * 12)
    comments = "".join(_postbit(n, n, name, "Member", "Jan 2020", 3, f"May {n}, 2023", text) for n, name, text in (
        (1, "Ann", "Lovely write-up, thank you for the schematics."),
        (2, "Bob", "I built one of these last winter and it still works.")))
    path = tmp_path / "blog.html"
    path.write_text("<!doctype html><html><head><meta charset='utf-8'><title>Tube amps</title></head><body>"
                    f"<article><h1 class='entry-title'>Tube amps</h1><div class='entry-content'><p>{article}</p>"
                    f"</div></article><section class='comments'>{comments}</section></body></html>", encoding="utf-8")
    data = import_json(path, tmp_path / "m")
    assert data["units"][0]["text"].startswith("The article talks")
    assert data["author"] != "Ann"


def test_hidden_quote_copies_and_discourse_time_stamps(tmp_path: Path) -> None:
    """A forum plugin keeps a hidden copy of each message for its "Quote" button ("Quote from NAME on DATE"):
    never part of the text. Discourse's rendered page dates a message only by ``data-time`` (milliseconds)."""
    def message(pid: int, name: str, stamp: int, text: str) -> str:
        return (f"<div class='topic-post' id='post_{pid}'><div class='topic-meta-data'><span class='first username'>"
                f"<a href='/u/{name}'>{name}</a></span><span class='user-title'>MVP 2024</span>"
                f"<a class='post-date' href='#'><span class='relative-date' data-time='{stamp}'>21 d</span></a> "
                f"<span class='post-number'>#{pid}</span></div><div class='cooked'>"
                f"<div style='display: none'><blockquote>Quote from {name} on May 6, 2024</blockquote></div>"
                f"<p>{text}</p></div></div>")
    thread = (message(1, "robert.wagner", 1714988107707, _OPENING)
              + message(2, "carlosevp", 1715070000000, "Hi, I would be interested. Thanks!")
              + message(3, "erkanceylan", 1715160000000, "I would be interested too."))
    data = import_json(_html(tmp_path, f"<div class='post-stream'>{thread}</div>", "UiPath Load Testing"),
                       tmp_path / "m")
    assert (data["author"], data["published"]) == ("robert.wagner", "2024-05-06")
    assert [(u["author"], u["date"]) for u in data["units"][1:]] == \
        [("carlosevp", "2024-05-07"), ("erkanceylan", "2024-05-08")]
    assert all("Quote from" not in u["text"] for u in data["units"])


def test_a_text_copy_with_poster_blocks(tmp_path: Path) -> None:
    """A phpBB page copied as text: each message under "NAME / rank / Posts: N / Joined: DATE", the subject,
    "Quote" and "#N Post by NAME » DATE": the first message is the post, its subject the title, the join
    date never the post's date; the other messages answer it."""
    copy = "\n".join([
        "Board index", "Programming", "Auto-rebuild code on package upgrade", "Post Reply", "4 posts • Page 1 of 1",
        "Message", "Author",
        "kikinder", "Posts: 3", "Joined: 2023-10-30 14:51", "Auto-rebuild code on package upgrade", "Quote", "",
        "#1 Post by kikinder » 2024-04-10 16:01", "", "Hello guys!",
        "I have my own module, which must be rebuilt after each upgrade of the package it depends on.", "Top",
        "wizard10000", "Global Moderator", "", "Posts: 701", "Joined: 2019-04-16 23:15", "Location: southeastern us",
        "Re: Auto-rebuild code on package upgrade", "Quote", "", "#2 Post by wizard10000 » 2024-04-13 22:16", "",
        "A hook in the package manager's configuration can run your build after every upgrade.", "Top",
        "Post Reply", "Return to “Programming”", "Powered by phpBB® Forum Software © phpBB Limited"])
    path = tmp_path / "copy.txt"
    path.write_text(copy, encoding="utf-8")
    data = import_json(path, tmp_path / "m")
    assert (data["title"], data["author"], data["published"]) == \
        ("Auto-rebuild code on package upgrade", "kikinder", "2024-04-10")
    assert [(u["author"], u["parent"], u["date"]) for u in data["units"][1:]] == [("wizard10000", None, "2024-04-13")]
    assert data["units"][1]["text"].startswith("A hook in the package manager")
    everything = "\n".join(u["text"] for u in data["units"])
    for furniture in ("Posts:", "Joined", "Global Moderator", "Post by", "Top"):
        assert furniture not in everything, furniture


def test_a_rank_under_a_rank_is_no_name(tmp_path: Path) -> None:
    """vBulletin prints two ranks under a name ("Administrator", then a custom "Comrade Commissar"), the
    statistics, "Share"/"Tweet", "#N" and the date: the name is the line above the ranks."""
    copy = "\n".join([
        "Forum", "Thread title correction",
        "Ken_NJ", "Contributor", "Join Date: 18 Oct 2009", "Posts: 522", " Share", " Tweet", "#1",
        "Thread title correction", "24 Apr 2018, 23:50",
        "Can an admin please correct the title for this thread? I cannot seem to remove one of the letters.",
        "Tags: None",
        "TopHatter", "Administrator", "Comrade Commissar", "Join Date: 03 Sep 2003", "Posts: 25005", " Share",
        " Tweet", "#2", "25 Apr 2018, 01:13", "No problem, it is done now.", "Comment", "Post Cancel"])
    path = tmp_path / "copy.txt"
    path.write_text(copy, encoding="utf-8")
    data = import_json(path, tmp_path / "m")
    assert (data["title"], data["author"], data["published"]) == ("Thread title correction", "Ken_NJ", "2018-04-24")
    assert [(u["author"], u["date"]) for u in data["units"][1:]] == [("TopHatter", "2018-04-25")]
    assert "Commissar" not in "\n".join(u["text"] for u in data["units"])


def test_one_statistics_line_is_no_poster_block(tmp_path: Path) -> None:
    """A blog copy whose author box says "Posts: 12" is not a forum thread: a poster's block has two
    statistics lines or more."""
    copy = "\n".join(["My Blog", "Why I keep bees", "By Anna Berg", "May 3, 2021",
                      "Bees are calm animals once you learn how they move and what they dislike about people.",
                      "About the author", "Anna Berg", "Posts: 12"])
    path = tmp_path / "copy.txt"
    path.write_text(copy, encoding="utf-8")
    data = import_json(path, tmp_path / "m")
    assert data["title"] == "Why I keep bees"
    assert data["units"][0]["text"].startswith("Bees are calm")


def test_a_name_printed_twice_around_its_date_heads_a_message(tmp_path: Path) -> None:
    """Invision copied as text: "NAME / Posted DATE / NAME / rank / group / counts / Posted DATE (edited)" over
    each message, no labels; the topic's title stands over "By NAME"."""
    def message(name: str, rank: str, text: str, edited: str = "") -> list[str]:
        return [name, "Posted July 5, 2023", name, rank, "Senior Members", "661", "5.1k", "Share",
                f"Posted July 5, 2023{edited}", "", text, "", "Link to comment", "Share on other sites"]
    copy = "\n".join(["Jump to content", "Brain Teasers and Puzzles", "Sum of Prime Numbers", "Sum of Prime Numbers",
                      "By Genady", "July 5, 2023 in Brain Teasers and Puzzles", "Recommended Posts"]
                     + message("Genady", "Genius", "I've stumbled upon this puzzle and thought of prime numbers.")
                     + message("sethoflagos", "Organism", "Is it the sum of the first seven primes?", " (edited)")
                     + message("Genady", "Genius", "You are correct, +1. Use the spoiler feature next time.")
                     + ["Create an account or sign in to comment", "Copyright © ScienceForums.Net"])
    path = tmp_path / "copy.txt"
    path.write_text(copy, encoding="utf-8")
    data = import_json(path, tmp_path / "m")
    assert (data["title"], data["author"], data["published"]) == ("Sum of Prime Numbers", "Genady", "2023-07-05")
    assert [(u["author"], u["parent"]) for u in data["units"][1:]] == [("sethoflagos", None), ("Genady", None)]
    assert data["units"][1]["text"].startswith("Is it the sum")
    assert "Senior Members" not in "\n".join(u["text"] for u in data["units"])


def test_numbered_replies_under_an_opening_message(tmp_path: Path) -> None:
    """Kaskus copied as text: the opening message "NAME / DATE" above replies "NAME / DATE / #N"; the names of
    those who gave reputation ("NAME dan 6 lainnya memberi reputasi") are no writers."""
    copy = "\n".join(["Beranda", "Stories from the Heart", "Gantung jodoh, pernah dengar?", "TS", "benbian95",
                      "13-05-2024 00:58", "Gantung jodoh, pernah dengar?",
                      "Ini sih pengalaman pribadi yang mau aku ceritakan pelan-pelan di sini ya gan.",
                      "kelincibuas dan 6 lainnya memberi reputasi", "1", "Kutip", "42", "Balasan",
                      "hadieplayer", "13-05-2024 07:06", "#1", "Kurang panjang si nulisnya, lanjutkan gan.",
                      "bang.toyip memberi reputasi", "1", "Kutip", "Balas",
                      "bang.toyip", "13-05-2024 07:46", "#2", "Tridnya jangan digantungin gini dong.", "0", "Kutip",
                      "Balas"])
    path = tmp_path / "copy.txt"
    path.write_text(copy, encoding="utf-8")
    data = import_json(path, tmp_path / "m")
    assert (data["title"], data["author"], data["published"]) == \
        ("Gantung jodoh, pernah dengar?", "benbian95", "2024-05-13")
    assert [(u["author"], u["parent"]) for u in data["units"][1:]] == [("hadieplayer", None), ("bang.toyip", None)]
    assert data["units"][2]["text"].startswith("Tridnya jangan")
    everything = "\n".join(u["text"] for u in data["units"])
    assert "memberi reputasi" not in everything and "Kutip" not in everything and "Balas" not in everything


def test_a_join_date_labelled_beside_it_is_not_the_messages_date(tmp_path: Path) -> None:
    """A poster's box that labels its join date in the element before it (``<dt>Joined</dt><dd>DATE</dd>``)
    and prints the message's date after: the post is dated by the message, the replies too."""
    def message(number: int, name: str, joined: str, date: str, text: str) -> str:
        return (f"<li class='b-post' id='post{number}'><div class='b-userinfo'><a href='/member/{number}-{name}'>"
                f"{name}</a><dl><dt>Joined</dt><dd>{joined}</dd><dt>Posts</dt><dd>{number * 100}</dd></dl></div>"
                f"<div class='b-post__body'><div class='b-post__header'>#{number} <span>{date}</span></div>"
                f"<div class='b-post__content'>{text}</div></div></li>")
    thread = (message(1, "Parihaka", "November 10, 2004", "April 22, 2022", _OPENING)
              + message(2, "Monash", "March 1, 2010", "July 9, 2022", "May I ask out of curiosity which island?"))
    data = import_json(_html(tmp_path, f"<ul class='conversation-list'>{thread}</ul>"), tmp_path / "m")
    assert (data["author"], data["published"]) == ("Parihaka", "2022-04-22")
    assert [(u["author"], u["date"]) for u in data["units"][1:]] == [("Monash", "2022-07-09")]


def test_fluxbb_blocks_with_a_place_and_the_date_over_the_name(tmp_path: Path) -> None:
    """FluxBB: "#N DATE" over the name, a rank, "From: PLACE" (a statistic, not the name's end), "Registered",
    "Posts", then "Re: SUBJECT" under the block: every message found, dated, its text without the subject."""
    def block(number: int, date: str, name: str, rank: str, place: str, text: str) -> list[str]:
        subject = "Quiet forum software?" if number == 1 else "Re: Quiet forum software?"
        return [f"#{number} {date}", name, rank, *([f"From: {place}"] if place else []),
                "Registered: 2011-11-29", f"Posts: {100 + number}", subject, text, "Offline", ""]
    copy = "\n".join(["Index", "» Software", "» Quiet forum software?", ""]
                     + block(1, "2024-08-03 10:59:47", "archer", "Member", "", _OPENING)
                     + block(2, "2024-08-03 14:22:38", "seth", "Developer", "Don't DM me only for attention",
                             "Try the one this forum runs, it is small and old.")
                     + block(3, "2024-08-04 09:01:00", "Trilby", "Inspector Parrot", "Nowhere",
                             "It is still maintained, check the release notes.")
                     + ["Board footer", "Powered by FluxBB"])
    path = tmp_path / "copy.txt"
    path.write_text(copy, encoding="utf-8")
    data = import_json(path, tmp_path / "m")
    assert (data["title"], data["author"], data["published"]) == ("Quiet forum software?", "archer", "2024-08-03")
    assert [(u["author"], u["date"]) for u in data["units"][1:]] == [("seth", "2024-08-03"), ("Trilby", "2024-08-04")]
    assert data["units"][1]["text"].startswith("Try the one")


def test_simple_press_dates_over_the_name_and_ranks_under_it(tmp_path: Path) -> None:
    """Simple:Press: "DATE / TIME" over each poster's name, then a place, a rank and the group ("Member",
    "Members"), "Forum Posts: N", "Member Since:" and its date, "Offline" and the message's number: the name
    is the line under the time, never the place or a rank, and a short message is not taken for a header."""
    def block(date: str, time: str, name: str, place: str, rank: str, number: int, text: str) -> list[str]:
        return [date, time, name, *([place] if place else []), rank, "Members", "", f"Forum Posts: {number * 7}",
                "Member Since:", "August 29, 2009", " Offline", f"{number} ", "", text, ""]
    copy = "\n".join(["Home", "Consumer forum", "Need help setting up data", "Page: 12345", "Topic RSS",
                      "Need help setting up data"]
                     + block("August 29, 2011", "6:24 am", "wup", "", "Member", 1, _OPENING)
                     + block("August 29, 2011", "6:52 am", "pathfinder35", "Regina", "Member", 2,
                             "So, when you say none of the settings work, what happens?")
                     + block("August 30, 2011", "11:46 am", "Peter", "BC", "Admin", 3, "Sorry, wrong thread.")
                     + block("October 30, 2011", "2:32 pm", "Tonton", "", "Newbie", 4,
                             "I just got one as well and it works now.")
                     + ["Forum Timezone: America/Toronto"])
    path = tmp_path / "copy.txt"
    path.write_text(copy, encoding="utf-8")
    data = import_json(path, tmp_path / "m")
    assert (data["title"], data["author"], data["published"]) == ("Need help setting up data", "wup", "2011-08-29")
    assert [(u["author"], u["date"]) for u in data["units"][1:]] == \
        [("pathfinder35", "2011-08-29"), ("Peter", "2011-08-30"), ("Tonton", "2011-10-30")]
    assert data["units"][2]["text"].strip() == "Sorry, wrong thread."
    everything = "\n".join(u["text"] for u in data["units"])
    for furniture in ("Regina", "Offline", "Member Since", "2:32 pm"):
        assert furniture not in everything, furniture
