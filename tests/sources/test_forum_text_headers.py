"""Forum message headers in text copies (issue 13, tuning batch ``tx-v11``), as small synthetic copies.

Each forum program repeats its header at every message: a name and a date with the message's number after
the time (Discourse), the topic's subject with the poster and the time (Nairaland), a poster's block of one
statistic (SMF) or one counted first ("4931 posts"), the date over the number over the name (XenForo's
compact style), the handle in brackets under the name (wpForo). The first message is the post.
"""

from __future__ import annotations

from pathlib import Path

from .helpers import import_json

_OPENING = ("Since the last update the amplifier hums whenever the power scaling control is turned down, "
            "and the hum gets louder the longer it runs. Has anyone seen this before, and what should I check?")


def _import(tmp_path: Path, lines: list[str]) -> dict:
    path = tmp_path / "copy.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return import_json(path, tmp_path / "m")


def _replies(data: dict) -> list[tuple[str | None, str]]:
    return [(unit["author"], unit["text"].split("\n")[0]) for unit in data["units"][1:]]


def test_discourse_headers_with_the_posts_number_after_the_time(tmp_path: Path) -> None:
    """"NAME January 11, 2025, 12:04am 1": the number after the clock time is the message's, not the date's."""
    data = _import(tmp_path, [
        "Tube Forum", "Hum with power scaling", "Power Amps",
        "ampfan January 11, 2025, 12:04am 1", _OPENING,
        "kevin January 11, 2025, 1:13am 2", "Check the grounding of the scaling board first.",
        "ampfan January 11, 2025, 3:00am 3", "That was it, thank you very much for the hint.",
        "Related topics", "Home", "Categories"])
    assert (data["title"], data["author"], data["published"]) == ("Hum with power scaling", "ampfan", "2025-01-11")
    assert _replies(data) == [("kevin", "Check the grounding of the scaling board first."),
                              ("ampfan", "That was it, thank you very much for the hint.")]


def test_headers_repeating_the_topics_subject(tmp_path: Path) -> None:
    """"Re: SUBJECT by NAME: TIME On DATE" at each message: the subject is the title, a date without its year
    leaves the message undated but still a message."""
    data = _import(tmp_path, [
        "Forum › Science › Hum with power scaling (1031 Views)",
        "Hum with power scaling by ampfan: 3:21pm On Mar 09, 2023", _OPENING, "Share",
        "Re: Hum with power scaling by kevin: 9:43pm On Dec 09, 2023", "Check the grounding of the board.", "Share",
        "Re: Hum with power scaling by lina: 3:40pm On Jan 21", "Mine did the same until I changed the tubes.",
        "Share", "(Go Up)"])
    assert (data["title"], data["author"], data["published"]) == ("Hum with power scaling", "ampfan", "2023-03-09")
    assert [author for author, _ in _replies(data)] == ["kevin", "lina"]
    assert data["units"][2]["date"] is None


def test_one_statistic_at_each_message_and_a_posters_block_printed_twice(tmp_path: Path) -> None:
    """SMF: "NAME / ranks / Posts: N / Logged / Re: SUBJECT / #N / DATE". One statistic is a block where every
    message has it beside its date; ranks without a rank's word ("Resident Overthinker") are not the name: the
    block printed twice for one poster shares its name and ranks, not the previous message's last line."""
    def block(name: str, ranks: list[str], posts: str, number: int, date: str, text: list[str]) -> list[str]:
        return [name, *ranks, f"Posts: {posts}", "Logged", "Re: Hum with power scaling", f"#{number}", date, *text]
    data = _import(tmp_path, [
        "Tube Forum", "Hum with power scaling", "Started by ampfan, June 04, 2024, 11:23:55 AM",
        "ampfan", "Forum Hero", "Posts: 3,760", "Logged", "Hum with power scaling", "June 04, 2024, 11:23:55 AM",
        _OPENING, "Ampfan - tubes since 1990",
        *block("Arantor", ["Resident Overthinker", "Forum Friend"], "76,825", 1, "June 09, 2024, 03:29:46 AM",
               ["The scaling board is grounded through the chassis, so check the screws first.",
                "Holder of controversial views."]),
        *block("rcane", ["Sophist Member"], "1,006", 2, "October 01, 2024, 10:05:34 PM",
               ["It can also be the filter capacitor, which would hum at any setting."]),
        *block("Arantor", ["Resident Overthinker", "Forum Friend"], "76,825", 3, "October 03, 2024, 12:01:00 PM",
               ["Not at any setting: only when the scaling is turned down.", "Holder of controversial views."]),
        "Print", "Go Up Pages1"])
    assert (data["title"], data["author"], data["published"]) == ("Hum with power scaling", "ampfan", "2024-06-04")
    assert [author for author, _ in _replies(data)] == ["Arantor", "rcane", "Arantor"]
    assert data["units"][1]["text"].startswith("The scaling board")


def test_posted_by_blocks_and_an_opening_message_under_its_own_byline(tmp_path: Path) -> None:
    """"Posted by NAME / place / DATE / N posts" over each reply, "Posted by NAME on DATE" over the opening
    message's text: the opening message is the post, each block a reply."""
    def block(name: str, place: str | None, date: str, posts: str, text: str) -> list[str]:
        return [f"Posted by {name}", *([place] if place else []), date, f"{posts} posts", text]
    data = _import(tmp_path, [
        "Travel Forum", "First trip to Japan", "Jump to bottom", "Posted by johnanddoc on 07/03/24 02:57 PM",
        "Hi. Although we have traveled extensively, we have never been to Japan, and we wonder how to plan it.",
        *block("Barbara", "Brooklyn, NY", "07/03/24 03:30 PM", "4931",
               "We are just finalizing our trip through an agency that books the hotels and trains."),
        *block("geovagriffith", None, "07/03/24 03:44 PM", "9844", "Tokyo, then Nikko: it is amazing."),
        *block("Lola", "Seattle, WA", "07/03/24 03:56 PM", "17612", "It is possible to plan it on your own."),
        "Jump to top", "About Us"])
    assert (data["title"], data["author"]) == ("First trip to Japan", "johnanddoc")
    assert data["units"][0]["text"].startswith("Hi. Although we have traveled")
    assert [author for author, _ in _replies(data)] == ["Barbara", "geovagriffith", "Lola"]
    assert "posts" not in "\n".join(unit["text"] for unit in data["units"][1:])


def test_the_date_over_the_number_over_the_name(tmp_path: Path) -> None:
    """XenForo's compact style: "DATE / #N / NAME / ranks / counts / text"; the counts end the header."""
    data = _import(tmp_path, [
        "Forums", "Hum with power scaling", "Thread starter ampfan", "Start date Oct 8, 2024",
        "Oct 8, 2024", "#1", "ampfan", "196", "76", _OPENING, "Reply",
        "Oct 8, 2024", "#2", "phinds", "Science Advisor", "Gold Member", "19,378", "15,615",
        "Check the grounding of the scaling board first.", "Reply",
        "Oct 9, 2024", "#3", "ampfan", "196", "76", "Thanks, phinds. That was it.", "Reply",
        "You must log in or register to reply here."])
    assert (data["author"], data["published"]) == ("ampfan", "2024-10-08")
    assert _replies(data) == [("phinds", "Check the grounding of the scaling board first."),
                              ("ampfan", "Thanks, phinds. That was it.")]


def test_a_handle_in_brackets_under_the_name(tmp_path: Path) -> None:
    """wpForo: "NAME / (@handle) / rank" over each message; a sidebar of recent posts signed "Por NAME, 19
    horas atrás" after the thread is no message."""
    data = _import(tmp_path, [
        "Fórum", "Qual é melhor?",
        "Rodrigo detector", "(@rodrigo-detector)", "Membro Moderator", _OPENING, "Postado : 10/06/2023 8:24 pm",
        "cacador", "(@cacador)", "Membro Admin", "Na minha opinião, o primeiro é melhor em solo mineralizado.",
        "Postado : 28/06/2023 10:53 pm",
        "Aventura Detector", "(@aventura-detector)", "Eminent Member",
        "Os dois são detectores usados para encontrar ouro.", "Postado : 21/05/2024 10:14 pm",
        "Por favor Entrar ou Cadastrar para responder a este tópico.",
        "Posts recentes", "Melhor detector de metais profissional", "Como profissional, o melhor detector...",
        "Por Aventura Detector , 19 horas atrás", "Detector de metais caseiro", "Construir um detector...",
        "Por Aventura Detector , 5 dias atrás"])
    assert data["author"] == "Rodrigo detector"
    assert [author for author, _ in _replies(data)] == ["cacador", "Aventura Detector"]


def test_replies_marked_by_a_parent_link(tmp_path: Path) -> None:
    """"NAME - 2 years ago | thread parent": the page links only replies to their parent, so the copy still
    says which comments are replies; printed depth first, a reply answers the comment right above it. Those
    without the mark answer the post."""
    def comment(name: str, text: str, reply: bool = False) -> list[str]:
        return [f"{name} - 2 years ago | thread{' parent' if reply else ''}", text, "reply"]
    data = _import(tmp_path, [
        "Login | Help", "A minimal forum", "demindiro - 2 years ago (last modified 2 years ago)",
        "A minimal forum board with a focus on ease of management, made to learn SQL and to be useful to others.",
        *comment("mariorojas", "I wonder which hosting you are using for the demo board."),
        *comment("zodman", "Give a little love and add styles to the buttons."),
        *comment("aagha", "Word, the buttons could use some colour.", reply=True),
        *comment("vsvheiuikptz", "Yup, agreed on the colour.", reply=True),
        *comment("gigachad", "This is extremely cool software, thank you."),
        "Login to comment"])
    ids = {unit["id"]: unit["author"] for unit in data["units"]}
    assert [(unit["author"], ids.get(unit["parent"])) for unit in data["units"][-5:]] == [
        ("mariorojas", None), ("zodman", None), ("aagha", "zodman"), ("vsvheiuikptz", "aagha"), ("gigachad", None)]


def test_labelled_fields_over_name_date_number_leave_the_name_at_the_blocks_top(tmp_path: Path) -> None:
    """XenForo's poster block: "NAME / rank / badges / Joined / DATE / Messages / N / Location / PLACE" over
    "DATE / #N". The place sits where "NAME / DATE / #N" puts a name; the labels printed alike in every block,
    each over its value, show it is a field, and the name is the block's first line (under a letter avatar
    and an "OP" badge), however many badges follow it."""
    posters = [("Derigriff", "Fish Fanatic", "Wales", _OPENING),
               ("Stefan3289", "Fishaholic", "Pittsburgh, PA", "Do you have a test kit? Test the water first."),
               ("PheonixKingZ", "Fish Guru", "Lawrenceburg, KY", "Let the plants settle for a couple of weeks."),
               ("Derigriff", "Fish Fanatic", "Wales", "Thank you all, I will post a new picture soon.")]
    lines = ["Beginner tank setup", ""]
    for n, (name, rank, place, words) in enumerate(posters, start=1):
        badges = ["Tank of the Month 🏆", "Pet of the Month 🎖️", "Fish of the Month 🌟"] if n == 3 else []
        lines += (["OP"] if n > 1 and name == "Derigriff" else []) + [name[0], name, rank, *badges, "Joined", "Aug 30, 2020",
                  "Messages", f"{70 + n}", "Reaction score", f"{50 + n}", "Location", place, f"Sep {17 + n}, 2020",
                  f"#{n}", words, " "]
    data = _import(tmp_path, lines)
    assert [author for author, _ in _replies(data)] == ["Stefan3289", "PheonixKingZ", "Derigriff"]


def test_invision_names_printed_twice_the_first_with_a_reputation(tmp_path: Path) -> None:
    """Invision: "NAME 9,292 / Posted DATE / NAME / Level 5 / counts / Posted DATE": the count after the first
    name is its reputation; the name printed twice around the date still heads the message."""
    lines = ["New UI 2024", ""]
    for n, (name, rep, words) in enumerate([("Payam Montie", "9", _OPENING),
                                            ("PinkElephant", "9,292", "We can only speculate about their plans here."),
                                            ("Cristiano478", "360", "I liked the new design but want the old colours."),
                                            ("Dave-in-Decatur", "1,024", "The old interface is still there if you look.")]):
        lines += [f"{name} {rep}", f"Posted March {10 + n}, 2024", name, "Level 5", f"{n + 2} posts",
                  f"Posted March {10 + n}, 2024", words, f" {n + 1}"]
    data = _import(tmp_path, lines)
    assert [author for author, _ in _replies(data)] == ["PinkElephant", "Cristiano478", "Dave-in-Decatur"]


def test_invision_a_name_that_ends_in_a_number_printed_twice_is_the_whole_name(tmp_path: Path) -> None:
    """"Agent 47 / Posted DATE / Agent 47": the figure is the name's own, not a reputation cut off it."""
    lines = ["New UI 2024", ""]
    for n, (name, words) in enumerate([("Payam Montie", _OPENING), ("Agent 47", "We can only speculate here."),
                                       ("Cristiano478", "I liked the new design but want the old colours."),
                                       ("Dave-in-Decatur", "The old interface is still there if you look.")]):
        lines += [name, f"Posted March {10 + n}, 2024", name, "Level 5", f"{n + 2} posts",
                  f"Posted March {10 + n}, 2024", words, f" {n + 1}"]
    data = _import(tmp_path, lines)
    assert [author for author, _ in _replies(data)] == ["Agent 47", "Cristiano478", "Dave-in-Decatur"]
