"""A text capture's post without the page's chrome around the article (``text_body``), the article found
under a share bar's comment counter, and the warning for a post that may not be the article (S325)."""

from __future__ import annotations

from pathlib import Path

from book.sources.capture_text import parse_text
from book.sources.text_body import main_span

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
    assert main_span(MENU + PARAGRAPHS + TEASERS, trim_head=True) == (len(MENU), len(MENU) + len(PARAGRAPHS))
    assert main_span(MENU + PARAGRAPHS + TEASERS, trim_head=False) == (0, len(MENU) + len(PARAGRAPHS))


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
