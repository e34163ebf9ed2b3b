"""A text capture's post without the page's chrome around the article (``text_body``), the article found
under a share bar's comment counter, and the warning for a post that may not be the article (S325)."""

from __future__ import annotations

from pathlib import Path

from book.sources.capture_text import parse_text
from book.sources.capture import Capture, RawUnit
from book.sources.text_body import main_span, post_doubt

from .helpers import run

PARAGRAPHS = [
    "The council voted on Tuesday to close the old bridge to cars, after engineers said that the steel under "
    "its deck had rusted far more than they had expected when they last looked at it.",
    "Residents who live on the north bank said that the closure would add half an hour to their trips to the "
    "market, and some of them asked whether a ferry could run until a new bridge is built.",
    "The mayor said that the city would pay for a shuttle bus for the first year, and that she hoped the work "
    "on the new bridge could start in the spring if the state agrees to share its cost.",
    "Engineers will inspect the two other bridges over the river in the coming weeks, and the council expects "
    "their report before the end of the year, when it will decide what to repair first.",
]
TEASERS = ["Most Popular", "1", "Storm knocks out power across the valley", "2",
           "Ten places to eat before the summer ends", "3", "School board names new superintendent",
           "Privacy Notice", "Careers", "Contact Us", "Subscriber Services", "Terms of Use"]
HEADLINES = ["Storm knocks out power across the valley overnight", "Ten places to eat before the summer ends",
             "School board names a new superintendent for the district", "Police close the highway after a crash",
             "Farmers count the cost of the long dry spring", "Museum reopens its hall of old maps to visitors",
             "City marathon draws a record field of runners", "Library adds Sunday hours at three branches",
             "Heat wave expected to last through the weekend", "New bakery opens on the corner of Main Street"]
MENU = ["Home", "News", "Sport", "Weather", "Business", "Opinion", "Local", "Video", "Search", "Sign In",
        "Subscribe", "Newsletters"]


def _copy(*blocks: list[str]) -> str:
    return "\n\n".join(line for block in blocks for line in block) + "\n"


def test_teasers_and_footer_under_the_article_are_no_part_of_the_post() -> None:
    """No comment counter ends the post: it ends at the last paragraph of text, and a short sentence right
    under it ("He said.") stays; what is cut is listed as dropped."""
    cap = parse_text(_copy(["Bridge closes to cars", "By Jane Doe", "March 3, 2020"], PARAGRAPHS,
                           ["The bridge opened in 1931."], TEASERS))
    assert cap.post is not None
    assert "Storm knocks out power" not in cap.post.text and "Privacy Notice" not in cap.post.text
    assert cap.post.text.endswith("The bridge opened in 1931.")
    assert all(p in cap.post.text for p in PARAGRAPHS)
    assert ("page chrome around the text", "Storm knocks out power across the valley") in cap.dropped


def test_the_menu_above_the_article_is_cut_only_when_no_headline_was_found() -> None:
    assert main_span(MENU + PARAGRAPHS + TEASERS, trim_head=True)[:2] == (len(MENU), len(MENU) + len(PARAGRAPHS))
    assert main_span(MENU + PARAGRAPHS + TEASERS, trim_head=False)[:2] == (0, len(MENU) + len(PARAGRAPHS))


def test_lines_of_a_script_without_stop_words_are_not_judged() -> None:
    """Chinese has no jusText stop list: nothing reads as text, and nothing is cut."""
    lines = ["不火了是有原因的，下面我来从大部分人拿到之后的两大痛点开始讲起，很多朋友拿到后的第一个痛点就是用的不好。"] * 4
    assert main_span(lines + ["首页", "登录"], trim_head=True) is None


def test_a_comment_counter_in_the_share_bar_starts_no_thread_over_the_article() -> None:
    """"6 Comments" in the share bar under the headline, the article under it: the article is the post."""
    cap = parse_text(_copy(["Bridge closes to cars", "By Jane Doe", "March 3, 2020", "The council closes the old bridge.",
                            "6 Comments", "Share this story", "Share on Facebook"], PARAGRAPHS * 3, TEASERS))
    assert cap.post is not None and all(p in cap.post.text for p in PARAGRAPHS)
    assert [unit.kind for unit in cap.units] == ["post"]
    assert cap.expected_comments == 6          # the page has them, the copy does not show them (S304)


def test_a_long_thread_under_a_short_post_stays_a_thread() -> None:
    """Comments under "NAME says:" headers are a run of text too, but one cut by headers: still a thread."""
    thread = ["3 comments"]
    for name in ("Anna", "Boris", "Carla"):
        thread += [f"{name} says:", "March 4, 2020 at 9:15 am", PARAGRAPHS[1], PARAGRAPHS[2], "Reply"]
    cap = parse_text(_copy(["Bridge closes to cars", "By Jane Doe", "March 3, 2020",
                            "The old bridge closes to cars on Monday."], thread))
    assert [unit.author for unit in cap.units[1:]] == ["Anna", "Boris", "Carla"]


def test_a_post_of_menus_is_warned_of(tmp_path: Path) -> None:
    """A post that reads as a list of links to other stories is imported as read, and the editor is told (S325)."""
    capture = tmp_path / "menus.txt"
    capture.write_text(_copy(["Bridge closes to cars", "By Jane Doe", "March 3, 2020"], HEADLINES), encoding="utf-8")
    result = run("import", capture, "-m", tmp_path / "m")
    assert result.exit_code == 0 and "S325" in result.stderr


def test_an_article_is_not_warned_of(tmp_path: Path) -> None:
    capture = tmp_path / "article.txt"
    capture.write_text(_copy(["Bridge closes to cars", "By Jane Doe", "March 3, 2020"], PARAGRAPHS, TEASERS),
                       encoding="utf-8")
    result = run("import", capture, "-m", tmp_path / "m")
    assert result.exit_code == 0 and "S325" not in result.stderr


def test_a_pictures_caption_and_credit_are_chrome() -> None:
    """The pictures are not kept, so their captions, credits and gallery titles are not the article's words."""
    from lxml import html as lxml_html

    from book.sources.html_clean import remove_chrome
    body = lxml_html.fragment_fromstring(
        "<div><p>The council voted on Tuesday to close the old bridge.</p>"
        '<div class="image-meta"><div class="image-caption">The old bridge seen from the north bank.</div>'
        '<span class="photo-credit">City Archive</span></div><p class="wp-caption-text">A ferry in 1931.</p>'
        '<div class="su-custom-gallery"><a title="bridge_1_en">bridge_1_en</a></div>'
        "<p>Residents said the closure would add half an hour to their trips.</p></div>")
    remove_chrome(body)
    assert [" ".join(el.text_content().split()) for el in body] == [
        "The council voted on Tuesday to close the old bridge.",
        "Residents said the closure would add half an hour to their trips."]


def test_a_closing_and_initials_under_the_last_paragraph_stay() -> None:
    """"Be well" and "JS" are too short to be text, but they sign the post: the cut comes after them."""
    cap = parse_text(_copy(["Bridge closes to cars", "By Jane Doe", "March 3, 2020"], PARAGRAPHS, ["Be well", "JS"],
                           TEASERS))
    assert cap.post is not None and cap.post.text.endswith("JS") and "Most Popular" not in cap.post.text


def test_a_thread_of_many_comments_without_headers_under_a_short_post_stays_a_thread() -> None:
    """Signed comments with no header line form one long run of text under the counter; but it reads as many
    comments, not as one article taken for a comment, so the thread stays where the counter put it."""
    comments = [f"  • Comment {n}: therapy is slow but worth it, and the people who wait for it are right to. " * 3
                + "\n\n    Thanks, Reader" for n in range(1, 21)]
    cap = parse_text("A Very Long Thread\n\nThe post says something.\n\n20 Comments\n\n" + "\n\n".join(comments) + "\n")
    assert len(cap.units) == 21


QUESTIONS = ["What made you start the ferry?", "My father ran one on this river in the fifties.",
             "Was it hard to find a boat?", "We found an old one in a yard and fixed it over the winter.",
             "How many people ride it each day?", "About two hundred, and more of them on market days.",
             "Do you get paid for the work?", "The city pays for the fuel and we do the rest for free.",
             "What do the riders say to you?", "Most of them say that they hope the bridge is never built.",
             "Will you go on when it opens?", "I think we will, for the ones who like the slow way across.",
             "Who helps you on the boat?", "My two sons help me on the weekends and in the summer."]
GALLERY = [f"Photo {n} of 14" for n in range(1, 15)]
OTHER = ["A record field of more than nine thousand runners took part in the city marathon on Sunday morning, "
         "and the winner finished in just over two hours and eleven minutes in the cold.",
         "Organisers said that the new course along the harbour was faster than the old one, and that they would "
         "keep it next year if the port lets them close its road again for the race.",
         "Volunteers handed out water at fourteen stations, and the medical tents treated a few dozen runners "
         "for cramps and blisters, with none of them taken to hospital by the end of the day."]


def test_short_sentences_between_paragraphs_are_no_gap() -> None:
    """An interview's questions and short answers (sentences of the copy's language, too short to be text) do
    not part the article: the paragraph after them is the post's, and the teasers under it are cut."""
    lines = ["Bridge closes to cars"] + PARAGRAPHS + QUESTIONS + [PARAGRAPHS[0]] + TEASERS
    span = main_span(lines, trim_head=False)
    assert span is not None and span.end == 2 + len(PARAGRAPHS) + len(QUESTIONS) and span.doubt is None


def test_the_article_past_a_gallery_is_kept_by_its_subject() -> None:
    """A gallery of fourteen captions parts the article: the paragraph past it, short as it is, goes on with
    the article's subject (its words are the article's words), so it is the post's; the teasers are not. A
    paragraph printed twice (a pull quote, a box repeating the article) is no continuation of it."""
    after = ("The engineers who inspect the bridges said the rusted steel of the old deck could not be repaired "
             "before the spring, so the council expects the closure to last until the new bridge opens.")
    lines = PARAGRAPHS + GALLERY + [after] + TEASERS
    span = main_span(lines, trim_head=True)
    assert span == (0, len(PARAGRAPHS) + len(GALLERY) + 1, None)
    assert main_span(PARAGRAPHS + GALLERY + PARAGRAPHS[3:] + TEASERS, trim_head=True) == (0, len(PARAGRAPHS), None)


def test_text_past_the_gallery_on_other_subjects_is_cut() -> None:
    """Past the gallery, teasers' blurbs long enough to be text, on other subjects: no part of the article."""
    lines = PARAGRAPHS + GALLERY + OTHER + TEASERS
    assert main_span(lines, trim_head=True) == (0, len(PARAGRAPHS), None)


def test_a_short_run_cuts_no_more_above_it_than_it_keeps() -> None:
    """No headline found, the article a table of short lines, and the only text two teasers' blurbs under it:
    the run is too short to be trusted with cutting the table away, so the lines above it stay, with the doubt
    given; the footer under it still goes."""
    table = [f"Round {n}: {day} March at the {place} track" for n, (day, place) in
             enumerate(zip(range(3, 30, 2), ["north", "south", "east", "west", "old", "new", "city"] * 2), start=1)]
    blurbs = [PARAGRAPHS[0], "Share this", PARAGRAPHS[1]]
    lines = MENU + table + blurbs + ["Privacy Notice", "Careers", "Contact Us"]
    span = main_span(lines, trim_head=True)
    assert span is not None and span[:2] == (0, len(lines) - 3) and "short" in (span.doubt or "")
    assert main_span(MENU + PARAGRAPHS[:2] + TEASERS, trim_head=True)[:2] == (len(MENU), len(MENU) + 2)


def test_a_copy_in_a_script_without_spaces_is_not_judged_by_its_latin_lines() -> None:
    """A Chinese article whose page holds two long English lines (a notice, a line of code): jusText would read
    only those as text, and cut the article; the copy is not judged."""
    chinese = ["不火了是有原因的，下面我来从大部分人拿到之后的两大痛点开始讲起，"
               "很多朋友拿到后的第一个痛点就是用的不好。"] * 8
    lines = ["首页", "登录"] + chinese + [PARAGRAPHS[0], PARAGRAPHS[1]]
    assert main_span(lines, trim_head=True) is None


def test_many_sentences_cut_away_are_warned_of(tmp_path: Path) -> None:
    """Thirty tips past a gallery are cut with the page's chrome (no text follows them): the sentences outside
    the post are twice its words, and the editor is told (S325)."""
    tips = [f"Tip {n}: water the plants in the morning so that the leaves dry before the night comes."
            for n in range(1, 31)]
    capture = tmp_path / "tips.txt"
    capture.write_text(_copy(["Bridge closes to cars", "By Jane Doe", "March 3, 2020"], PARAGRAPHS, GALLERY, tips),
                       encoding="utf-8")
    result = run("import", capture, "-m", tmp_path / "m")
    assert result.exit_code == 0 and "S325" in result.stderr and "sentences" in result.stderr



def test_sentences_above_the_run_keep_the_lines_above_it() -> None:
    """No headline found, and above the longest run (a legal notice, say) a list of short sentences holds half
    as many words as the run: the run may not be the article, so nothing above it is cut, and the editor is told."""
    tips = [f"Tip {n}: water the plants in the morning so that the leaves dry before the night comes."
            for n in range(1, 13)]
    lines = MENU + tips + GALLERY + PARAGRAPHS + OTHER + TEASERS
    span = main_span(lines, trim_head=True)
    assert span is not None and span[:2] == (0, len(lines) - len(TEASERS)) and "above" in (span.doubt or "")
    assert main_span(MENU + tips[:2] + GALLERY + PARAGRAPHS + OTHER + TEASERS, trim_head=True)[0] > 0


DETAILS = ["Date", "March 3", "Place", "Berlin", "Tickets", "From 100 euros", "Website", "events.example"]


def test_a_list_items_sentence_starts_the_gap_again() -> None:
    """A list of events: each item's details are no text, but its one sentence is the article's, so the items'
    paragraphs, sixteen detail lines apart, are one run and none of them is cut."""
    item = DETAILS + ["Early birds pay less, and students get in for half the price."] + DETAILS
    lines = [PARAGRAPHS[0]] + item + [PARAGRAPHS[1]] + item + [PARAGRAPHS[2]] + TEASERS
    span = main_span(lines, trim_head=True)
    assert span == (0, len(lines) - len(TEASERS), None)


def test_a_run_on_the_subject_past_a_block_of_code_and_its_comment_is_kept() -> None:
    """A block of code with one long comment in it (text on another subject) parts the article: the paragraph
    past it, on the article's subject and within reach, is the post's; the teasers past it are not."""
    code = [f"bridge.close(lane={n})" for n in range(14)]
    comment = "# " + OTHER[0]
    after = ("The engineers who inspect the bridges said the rusted steel of the old deck could not be repaired "
             "before the spring, so the council expects the closure to last until the new bridge opens.")
    lines = PARAGRAPHS + code + [comment] + code + [after] + TEASERS
    assert main_span(lines, trim_head=True) == (0, len(lines) - len(TEASERS), None)


def test_more_text_outside_the_run_than_in_it_cuts_nothing() -> None:
    """Two blocks of text on other subjects, each past a gallery, hold more words than the longest run: which
    is the article is not clear, so nothing is cut, and the editor is told."""
    museum = ["The museum reopened its hall of old maps on Saturday after two years of repairs to the roof, and the "
              "first visitors queued from early in the morning to see the charts of the harbour.",
              "Curators said that the oldest map in the hall, drawn by a ship's captain in 1702, had been cleaned "
              "and framed again, and that it would stay on show for the rest of the year."]
    lines = PARAGRAPHS + GALLERY + OTHER + GALLERY + museum
    span = main_span(lines, trim_head=True)
    assert span is not None and span[:2] == (0, len(lines)) and "outside" in (span.doubt or "")


STORIES = [
    "The old mill by the river will open as a museum next month, with rooms that show how the grain was ground "
    "and a café on the ground floor where visitors can look out over the water",
    "Parents at the school on Hill Road asked the board to keep the library open in the summer, and the board "
    "said that it would look at the cost of paying a librarian for the extra weeks",
    "The bakery on Main Street has won a prize for its rye bread, the third in five years, and its owner says "
    "that the secret lies in a starter her grandmother brought with her from the old country",
]
TEASER_BLURBS = [" ".join(story.split()[:25]) + " …" for story in STORIES]    # a site's excerpts: 25 words each
TRAILING = [PARAGRAPHS[0][:-1] + "…", PARAGRAPHS[1][:120] + "…"]             # a writer's style: any length


def test_a_post_holding_other_stories_teasers_is_warned_of(tmp_path: Path) -> None:
    """Paragraphs cut off with an ellipsis under the article ("You may also like") read as sentences, so the share
    of prose cannot tell them: the post is imported as read, and the editor is told (S325)."""
    capture = tmp_path / "teasers.txt"
    capture.write_text(_copy(["Bridge closes to cars", "By Jane Doe", "March 3, 2020"], PARAGRAPHS[:2],
                             ["You may also like"], TEASER_BLURBS), encoding="utf-8")
    result = run("import", capture, "-m", tmp_path / "m")
    assert result.exit_code == 0 and "S325" in result.stderr and "ellipsis" in result.stderr


def test_paragraphs_trailing_off_at_any_length_are_no_teasers(tmp_path: Path) -> None:
    """A writer who ends paragraphs with "…" ends them where the sentence does, at any length; one excerpt alone
    is no list either: neither is warned of."""
    for name, block in (("style", TRAILING), ("one", TEASER_BLURBS[:1])):
        capture = tmp_path / f"{name}.txt"
        capture.write_text(_copy(["Bridge closes to cars", "By Jane Doe", "March 3, 2020"], PARAGRAPHS[2:], block),
                           encoding="utf-8")
        result = run("import", capture, "-m", tmp_path / name)
        assert result.exit_code == 0 and "S325" not in result.stderr, name


def test_teasers_are_judged_in_any_capture_by_their_share_of_the_post() -> None:
    """The check reads the post's lines, whatever reader made them (an HTML page's too); teasers that are a small
    part of a long post (a digest's last two items among many paragraphs) are not enough."""
    post = PARAGRAPHS + TEASER_BLURBS[:2]
    doubted = Capture(units=[RawUnit("post", "\n\n".join(post), post)])
    assert post_doubt(doubted) is not None and "2 of its paragraphs" in post_doubt(doubted)
    long_post = PARAGRAPHS * 3 + TEASER_BLURBS[:2]
    assert post_doubt(Capture(units=[RawUnit("post", "\n\n".join(long_post), long_post)])) is None


SECTIONS = ["Architecture", "Biology", "Business Analytics", "Chemistry", "Civil Engineering", "Data Science",
            "Economics", "Finance", "Geology", "History", "Journalism", "Law", "Marketing", "Nursing", "Physics",
            "Psychology", "Robotics", "Sociology", "Statistics", "Taxation", "Zoology", "Music"]


def _entries(count: int) -> list[str]:
    return [line for name in SECTIONS[:count]
            for line in (name, f"Want to study {name} abroad? Talk to our counsellors for free guidance on the "
                               f"best universities for {name} and their admission rules.")]


def test_a_post_opening_with_a_menu_of_sections_is_warned_of() -> None:
    """A menu of the site's sections with a blurb each, read as the post's top, is sentences under short titles;
    twenty such entries in a row opening the post are warned of (S325), the article under them kept as read."""
    post = _entries(22) + PARAGRAPHS
    doubt = post_doubt(Capture(units=[RawUnit("post", "\n\n".join(post), post)]))
    assert doubt is not None and "22 entries" in doubt
    under_first = post[1:]      # the first entry's title read as the headline: the post opens with its blurb
    doubt = post_doubt(Capture(title=post[0], units=[RawUnit("post", "\n\n".join(under_first), under_first)]))
    assert doubt is not None and "22 entries" in doubt


def test_a_list_article_with_an_introduction_or_few_items_is_not_warned_of() -> None:
    """A list article opens with its own paragraph above its items, and a few titled paragraphs are an article's
    sections: neither is warned of."""
    introduced = PARAGRAPHS[:1] + _entries(22)
    sections = _entries(6) + PARAGRAPHS
    for post in (introduced, sections):
        assert post_doubt(Capture(title="Twenty-two subjects to study abroad this year",
                                  units=[RawUnit("post", "\n\n".join(post), post)])) is None


def test_a_cut_taking_away_more_than_twice_what_it_keeps_is_doubted() -> None:
    """A directory of short lines (names, addresses, telephone numbers) under two paragraphs: no text to jusText,
    so it is cut, but it holds more than twice the words kept, and the cut is doubted (S325)."""
    directory = [line for n in range(1, 21) for line in
                 (f"Counselling Centre of the North Bank {n}", f"{100 + n} Gough Street Suite {n}", f"(415) 861-{5400 + n}")]
    span = main_span(PARAGRAPHS[:2] + directory, trim_head=False)
    assert span is not None and span[:2] == (0, 2) and "cut" in (span.doubt or "")
    assert main_span(PARAGRAPHS + TEASERS, trim_head=False) == (0, len(PARAGRAPHS), None)


def test_a_comment_longer_than_twice_the_post_is_warned_of() -> None:
    """The article's sections read as comments under a short post: one "comment" holds more than twice the
    post's words, and the editor is told (S325); a thread of short comments is not doubted."""
    section = PARAGRAPHS * 3
    thread = ["3 comments", "Anna says:", "March 4, 2020 at 9:15 am", *section, "Reply"]
    for name in ("Boris", "Carla"):
        thread += [f"{name} says:", "March 4, 2020 at 9:20 am", PARAGRAPHS[1], "Reply"]
    cap = parse_text(_copy(["Bridge closes to cars", "By Jane Doe", "March 3, 2020"], PARAGRAPHS[:3], thread))
    assert len(cap.units) == 4 and "comment holds" in (post_doubt(cap) or "")
    short = thread[:3] + [PARAGRAPHS[0]] + thread[-8:]
    cap = parse_text(_copy(["Bridge closes to cars", "By Jane Doe", "March 3, 2020"], PARAGRAPHS, short))
    assert len(cap.units) == 4 and post_doubt(cap) is None


def test_a_copy_too_short_to_hold_an_article_is_warned_of() -> None:
    """A page whose scripts drew the article: the copy holds the site's menu and footer only (S325)."""
    cap = parse_text(_copy(MENU, ["© 2025 Recharged. All Rights Reserved.", "Privacy Policy · Terms of Use"]))
    assert "whole copy holds" in (post_doubt(cap) or "")



def test_a_post_of_figures_only_is_doubted() -> None:
    """A forum poster's message count read as the post is no article: S325."""
    cap = Capture(engine="text")
    cap.units.append(RawUnit("post", "13,539", ["13,539"]))
    assert post_doubt(cap) is not None and "figures" in post_doubt(cap)
    cap.units[0] = RawUnit("post", "A short question?", ["A short question?"])
    assert post_doubt(cap) is None
