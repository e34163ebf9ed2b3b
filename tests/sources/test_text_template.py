"""Comment threads split at their repeated header shape (``text_template``), on small synthetic copies.

Every header shape here is one no reader of known shapes knows: the thread is found only because its
headers repeat. Several languages, so that no word list carries the test.
"""

from __future__ import annotations

from book.sources.capture_text import parse_text
from book.sources.text_template import line_class, nested_parents, repeated_headers

POST = ("We spent the weekend on the coast and walked for hours along the cliffs, more than we can write "
        "down here in one go, and we will come back to it.")


def comments(text: str) -> list[tuple[str | None, str, int | None]]:
    """(author, first words, parent) of every unit after the post; parents as indexes into the same list."""
    cap = parse_text(text)
    return [(u.author, " ".join(u.text.split()[:3]), None if u.parent is None else u.parent - 1)
            for u in cap.units[1:]]


def test_a_dated_header_line_of_an_unknown_shape_splits_the_thread() -> None:
    """"Reply N - Posted by: NAME DATE (No. N)": no reader knows the words; three such lines make the shape."""
    lines = ["A walk on the cliffs", "By Anna Berg", POST, ""]
    for n, (name, words) in enumerate([("Tom Ray", "Lovely pictures, thank you."),
                                       ("jules77", "We did the same walk last May and loved it."),
                                       ("Old Army Vet", "The cliffs are dangerous after rain, take care."),
                                       ("franq", "Which path did you take at the end?")], start=1):
        lines += [f"Reply {n} - Posted by: {name} 5/21/2024 4:{10 + n}:07 AM (No. {1721835 + n})", words,
                  "Click Here if you Like this Comment", f" {n} people like this."]
    lines += ["Most Recent Articles", "Another story entirely", "Posted by Imright — 5/26/2024 9:44:40 PM"]
    assert comments("\n".join(lines)) == [("Tom Ray", "Lovely pictures, thank", None),
                                          ("jules77", "We did the", None),
                                          ("Old Army Vet", "The cliffs are", None),
                                          ("franq", "Which path did", None)]


def test_name_over_date_headers_with_furniture_every_comment_repeats() -> None:
    """German: "NAME / DATE" over each comment and the same three lines of buttons under it; the buttons that
    every comment prints alike are furniture, not words of the comments."""
    lines = ["Ein Wochenende an der Küste", "Von Anna Berg", "12. Mai 2024", POST, "", "Kommentare sind moderiert"]
    for name, date, words in [("kleinerbaer", "13. Mai 2024, 08:59", "Wunderschöne Bilder, danke dafür."),
                              ("Mareike_S", "13. Mai 2024, 09:12", "Da waren wir letztes Jahr auch, herrlich."),
                              ("hanno", "14. Mai 2024, 17:40", "Wie lange seid ihr insgesamt gelaufen?")]:
        lines += [name, date, words, "Gefällt mir", "Mit einem Konto kannst du auf Kommentare reagieren.",
                  "Antworten", "Link"]
    split = repeated_headers(lines, 4)            # the thread after the post (its byline has the shape too)
    assert split is not None and split.shape == ("N", "d")
    assert [(unit.author, unit.body) for unit in split.units] == [
        ("kleinerbaer", ["Wunderschöne Bilder, danke dafür."]),
        ("Mareike_S", ["Da waren wir letztes Jahr auch, herrlich."]),
        ("hanno", ["Wie lange seid ihr insgesamt gelaufen?"])]


def test_signed_under_the_text() -> None:
    """"- NAME DATE | Flag Reply" under each answer (a Q&A page): the text above the signature is the comment."""
    lines = ["How do I reverse a list in place?", "I need it without a second list, any ideas?",
             "- gaurav May 04, 2008 | Report Duplicate | Flag |"]
    for name, date, words in [("usafzz", "May 20, 2008", "Swap the ends and walk to the middle."),
                              ("Charlie", "May 31, 2008", "Was this asked on a phone interview or onsite?"),
                              ("lensbo", "July 18, 2008", "Two indexes, one from each end, swap until they meet.")]:
        lines += ["0", "of 0 votes", words, f"- {name} {date} | Flag Reply"]
    lines += ["Add a Comment", "Name:"]
    found = comments("\n".join(lines))
    assert [(a, w) for a, w, _ in found] == [("usafzz", "Swap the ends"), ("Charlie", "Was this asked"),
                                             ("lensbo", "Two indexes, one")]


def test_indented_headers_answer_the_comment_above() -> None:
    """Chinese: sub-comments printed with a leading space under the reply they answer ("NAME （楼主） 1周前")."""
    lines = ["设置代理", "我们周末把家里的网络代理重新配置了一遍，下面记录一下具体的步骤，方便以后查阅。", ""]
    lines += ["Rache1 · 1周前", "直接使用 TUN 就好了，不需要别的设置。", "回复",
              " my38778570 （楼主） · 1周前", "试过不行呢，还是连不上。", "回复",
              " Rache1 （作者） · 1周前", "要先安装服务模式，然后再启用。", "回复",
              "长日将尽 · 2周前", "把系统代理关了再开一次试试。", "回复"]
    split = repeated_headers(lines, 0)
    assert split is not None
    assert [unit.author for unit in split.units] == ["Rache1", "my38778570", "Rache1", "长日将尽"]
    assert nested_parents(split.units) == [None, 0, 0, None]


def test_a_list_of_teasers_under_dated_bylines_is_no_thread() -> None:
    """Titles of other posts under "NAME - 2 weeks ago" lines repeat a shape too, but hold no sentence."""
    lines = ["A walk on the cliffs", POST, "", "Latest topics"]
    for name in ("pingpongaddict", "nina", "vanreyes", "jrdabon"):
        lines += [f"{name} - 2 weeks ago", "Results of the Regional Open Tournament"]
    assert repeated_headers(lines, 0) is None
    assert comments("\n".join(lines)) == []


def test_a_thread_without_furniture_or_counter_is_not_split() -> None:
    """Dated, named blocks of prose with no "Reply" under any and no counter above: a column's teasers, not
    comments (the split needs a comment's furniture on half of them, or a counter over the first)."""
    lines = ["Column", POST, ""]
    for name in ("Ann Lee", "Bo Chen", "Cy Rao"):
        lines += [name, "May 3, 2024", f"A longer teaser sentence about another story by {name}, as columns print."]
    assert repeated_headers(lines, 2) is None
    lines[2:2] = ["12 Comments"]
    assert repeated_headers(lines, 2) is not None


def test_line_classes() -> None:
    assert [line_class(x) for x in ["", "May 13th, 2024, 08:59 am", "3 weeks ago", "Reply", "#12",
                                    "mariorojas - 1 year ago | thread", "richyrich909",
                                    "This is a sentence of some length, as comments have."]] == \
        ["", "D", "D", "F", "C", "H", "N", "T"]


def test_a_forum_copy_read_short_of_its_repeated_headers_is_counted_for_the_warning() -> None:
    """Poster blocks read two messages where five headers of one shape stand: the page seems to hold four
    comments after its first message, and the import says so (S304 from ``expected_comments``)."""
    from book.sources.capture import Capture, RawUnit
    from book.sources.capture_text import _short_of_repeats
    lines = ["Topic: pumps", ""]
    for n, name in enumerate(["Kenny", "Bernie Amler", "rafalp", "mizu", "Ola N."]):
        lines += [name, f"May {n + 1}, 2024", f"Message number {n} about the pump, which still leaks.", "Reply"]
    cap = Capture(engine="text", units=[RawUnit("post", "x"), RawUnit("comment", "y")])
    assert _short_of_repeats(lines, cap).expected_comments == 4
    cap = Capture(engine="text", units=[RawUnit("post", "x")] + [RawUnit("comment", "y")] * 3)
    assert _short_of_repeats(lines, cap).expected_comments is None


def test_a_thread_whose_shape_starts_above_the_post_s_header_is_counted_for_the_warning() -> None:
    """The post's header was read inside the thread (a comment's line taken for the headline): nothing is
    split, but the repeated headers above it say how many comments the page shows (S304)."""
    from book.sources.capture_text import _repeated_thread
    lines = ["How do I reverse a list in place?", "I need it without a second list, any ideas?",
             "- gaurav May 04, 2008 | Report Duplicate | Flag |"]
    for name, date in [("usafzz", "May 20, 2008"), ("Charlie", "May 31, 2008"), ("lensbo", "July 18, 2008")]:
        lines += [f"Here is what {name} would do about it, in a few words.", f"- {name} {date} | Flag Reply"]
    split, shown = _repeated_thread(lines, len(lines) - 2, len(lines), len(lines))
    assert split is None and shown == 3


def test_fields_under_each_header_leave_the_comments_texts() -> None:
    """"DATE / NAME / @handle / Locale: PLACE" over each message (the first is the post): the handle and the
    labelled field vary, so no line repeats alike; their kinds open most messages, so they are the header's,
    not the writers' words."""
    lines = ["Favourite hiking towns", "Which towns near good trails would you move to?", ""]
    people = [("Anna Berg", "anna", "Locale: Oregon", "Bend is lovely and the trails start at the edge of town."),
              ("Tom Ray", "tomr", "Locale: Colorado", "Boulder, if you can afford it, has trails in every direction."),
              ("Jules Moreau", "jules77", "", "Flagstaff has the mountains and the canyon within reach."),
              ("Lee Park", "lpark", "Locale: Wales", "Anywhere in Snowdonia, though the rain is a price to pay."),
              ("Ina Vos", "ivos", "Locale: Utrecht", "Not a hiking town at all, but the trains take you anywhere.")]
    for n, (name, handle, field, words) in enumerate(people, start=1):
        lines += [f"May {n}, 2019 at 1:53 pm #{3593230 + n}", name, f"@{handle}"] + ([field] if field else []) \
            + [words, ""]
    got = comments("\n".join(lines))
    assert [(author, text) for author, text, _ in got] == [("Tom Ray", "Boulder, if you"),
                                                           ("Jules Moreau", "Flagstaff has the"),
                                                           ("Lee Park", "Anywhere in Snowdonia,"),
                                                           ("Ina Vos", "Not a hiking")]


def test_a_button_printed_alike_under_each_header_is_no_header_field() -> None:
    """"Code: Select all" opens three messages alike: a button over code, not a field; the texts keep it."""
    from book.sources.capture import RawUnit
    from book.sources.text_template import drop_header_tails

    units = [RawUnit("comment", f"Code: Select all\n\n@echo {n}\n\nrest {n}.",
                     ["Code: Select all", f"@echo{n}", f"rest {n}."], author=f"p{n}") for n in range(4)]
    drop_header_tails(units)
    assert all(unit.text.startswith("Code: Select all") for unit in units)


def test_month_dated_headers_with_a_rank_on_the_name_line() -> None:
    """Vanilla's "NAME Member / May 2025" over older messages: the month alone is the date slot, "Member" after
    every name a rank; the bare "Comments" heading over the thread stands for its counter."""
    lines = ["Has anyone built a custom keyboard?", "rurutia Member", "May 2025 in Requests", POST, "Comments"]
    for name, words in [("bokuyaba", "I tried buying the parts myself and it was not cheaper."),
                        ("fluffernutter", "Get a hotswap board, it is not worth saving ten dollars."),
                        ("xauser", "As long as you do not know your switches, go hotswap."),
                        ("ShadowLurker", "I went this route a few years back and never looked back.")]:
        lines += [f"{name} Member", "May 2025", words, f"Thanked by 1{name[:3]}"]
    lines += ["Sign In or Register to comment.", "2008-2025 © Example Forums. Privacy Policy."]
    assert [author for author, _, _ in comments("\n".join(lines))] == ["bokuyaba", "fluffernutter", "xauser",
                                                                       "ShadowLurker"]


def test_a_month_alone_is_a_date_class_of_its_own() -> None:
    """"Oktober 2015" alone is a date slot, but not a full date's: a CV's months never share a shape with comments' dates."""
    assert line_class("Oktober 2015") == "M" and line_class("March 2018 edited March 2018") == "M"


def test_headers_numbering_their_messages_make_a_thread_without_buttons() -> None:
    """GameFAQs: "NAME 2 years ago#N" over each message, no button, no counter: the rising numbers say thread."""
    lines = ["Nintendo Direct discussion thread", ""]
    for n, (name, words) in enumerate([("Need2KnowLion", "No stream link this time, the video goes up later."),
                                       ("Mr-McMonkeyDog", "I do not know if the timing is unusual, but fine."),
                                       ("Dark_guyver", "I am ready for it, bring on the announcements!"),
                                       ("skier8390", "Hello Kitty Kruisers 2 here we come, I hope."),
                                       ("PS4Warrior", "Laughed way too hard at this one, thank you.")], start=1):
        lines += [f"{name} 2 years ago#{n}", words, ""]
    lines += ["Topic List", "Page of 12", "Next"]
    assert [author for author, _, _ in comments("\n".join(lines))] == ["Mr-McMonkeyDog", "Dark_guyver", "skier8390",
                                                                       "PS4Warrior"]


def test_a_shared_family_name_after_first_names_is_no_rank() -> None:
    """"Anna Smith", "John Smith", "Bob Smith" keep their family's name; "bokuyaba Member" loses its rank."""
    from book.sources.text_template import TemplateUnit, _rank_after_names

    family = [TemplateUnit(k, k, name, None, 0) for k, name in enumerate(["Anna Smith", "John Smith", "Bob Smith"])]
    _rank_after_names(family)
    assert [unit.author for unit in family] == ["Anna Smith", "John Smith", "Bob Smith"]
    ranked = [TemplateUnit(k, k, name, None, 0) for k, name in enumerate(["bokuyaba Member", "Xauser Member",
                                                                         "Lena Member"])]
    _rank_after_names(ranked)
    assert [unit.author for unit in ranked] == ["bokuyaba", "Xauser", "Lena"]
    handles = [TemplateUnit(k, k, name, None, 0) for k, name in enumerate(["kat_77 Veteran2", "Jo Veteran2",
                                                                          "mika Veteran2"])]
    _rank_after_names(handles)
    assert [unit.author for unit in handles] == ["kat_77", "Jo", "mika"]


def test_names_under_the_date_where_the_line_over_it_is_one_label() -> None:
    """"Profile / DATE / NAME": the name-like line over every date says the same ("Profile", an avatar's
    link), so the thread's names are the lines at one other offset, under the date, where they vary (a handle
    that ends as a sentence does, "AreWeFriendsJack?", included)."""
    lines = ["A stage show of the film", "By Anna Berg", POST, "", "4 comments"]
    for date, name, words in [("12.29.14 at 8:09 pm", "Verbal Kunt", "And people say they are out of ideas."),
                              ("12.29.14 at 8:51 pm", "NobodyLikesMilhouse", "You have got red on you, mate."),
                              ("12.30.14 at 8:59 am", "AreWeFriendsJack?", "Hopefully it is as good as the play."),
                              ("12.30.14 at 11:15 am", "Phyllis Rivers", "I loved that part of it. Ha ha!")]:
        lines += ["", "Profile", date, name, "", words, ""]
    lines += ["Join the discussion. Sign In or Register"]
    assert [author for author, _, _ in comments("\n".join(lines))] == [
        "Verbal Kunt", "NobodyLikesMilhouse", "AreWeFriendsJack?", "Phyllis Rivers"]


def test_posted_date_under_a_poster_block_with_optional_statistics_and_quotation_heads() -> None:
    """A forum's "NAME / Member / [42.4k / 1,357] / Posted DATE" blocks, whose optional statistics make two
    shapes of one header, and quotations headed "1 hour ago, NAME said:" inside the messages (dated lines too,
    more of them than headers): the messages split at the posters' blocks, named by the posters, the starter's
    "Author" badge not their words."""
    lines = ["Editing PC build", "Posted May 22, 2024", POST, "", "5 replies"]
    blocks = [("Mr_Enigmatic", ["5"], True, None, "I am leaning towards one of the water coolers now."),
              ("Electronics Wizardy", ["42.4k", "1,357"], False, "Mr_Enigmatic", "Link is private, we cannot see it."),
              ("filpo", ["11k", "629"], False, "Mr_Enigmatic", "Here is my list for the same money, have a look."),
              ("Mr_Enigmatic", ["5"], True, "Electronics Wizardy", "Thanks, I made the list public now."),
              ("brob", ["2,104"], False, "Mr_Enigmatic", "The dearer chip is not worth the premium at all."),
              ("Mr_Enigmatic", ["5"], True, "brob", "Good point, I will take the cheaper one then.")]
    for name, stats, starter, quoted, words in blocks:
        lines += [" ", name, "Member", *stats, "Posted May 22, 2024"] + (["Author"] if starter else [])
        if quoted:
            lines += [f"1 hour ago, {quoted} said:", "", "Some words quoted from the message above.", ""]
        lines += [words, "", "Link to comment", "Share on other sites"]
    got = comments("\n".join(lines))
    assert [author for author, _, _ in got] == [name for name, *_ in blocks]
    assert got[0][1] == "I am leaning"


def test_a_row_of_buttons_is_furniture() -> None:
    """"Parent Share", "Like Reply": two or more buttons on one line are a comment's furniture, not a name."""
    assert line_class("Parent Share") == "F" and line_class("Like Reply") == "F"
    assert line_class("Parent Trap") != "F"
    assert line_class("Posted May 22, 2024") == "D" and line_class("Posts: 1,234") == "C"
    assert line_class("42.4k") == "C" and line_class("1,357") == "C"
