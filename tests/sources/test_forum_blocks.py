"""Forum copies split at the block of furniture every message repeats, learned from the page (``forum_blocks``).

Each test is a small copy written for the test in a block shape no reader of ``forum_text`` names: the block is
found by its consistent neighbourhood, the writer by the offset in the blocks where names vary.
"""

from __future__ import annotations

from book.sources.capture_text import parse_text
from book.sources.forum_blocks import forum_blocks
from book.sources.text_lines import marked_quotation

_WORDS = ("the pump", "my old filter", "a new heater", "the tank lid", "this gravel", "the lights")


def _said(n: int) -> str:
    return (f"I have been thinking about {_WORDS[n % len(_WORDS)]} for a while now, and I would like to hear what "
            f"the others here did with theirs before I buy anything new this spring.")


def _profile_forum(posters: list[tuple[str, str, str]]) -> str:
    """A board printing "NAME / rank / Members: N / Since: MONTH YEAR / place / DATE" over each message and
    "Answer / Flag" under it (the labels made up, so no reader knows them), a message thanked by three posters: the
    names the page refers to elsewhere tell the name from the place printed at the same kind of line."""
    blocks = []
    thanked = "Reactions: " + ", ".join(name for name, _, _ in posters[:3]) + "\n\n"
    for n, (name, rank, place) in enumerate(posters):
        blocks.append(f"{name}\n\n{rank}\n\nMembers: {100 + n}\n\nSince: May 20{10 + n}\n\n{place}\n\n"
                      f"March {3 + n}, 2024\n\n{_said(n)}\n\n{thanked if n == 2 else ''}Answer\n\nFlag")
    return "Fish Keepers Board\n\nIndex\n\nSearch\n\nPump advice wanted\n\n" + "\n\n".join(blocks) + \
        "\n\nTerms of use\n\nPrivacy\n"


def test_a_block_of_unknown_labels_splits_the_messages_and_names_their_writers() -> None:
    posters = [("Arvo", "Fry", "Oslo"), ("Bettina K", "Grown fish", "Graz"), ("Corwin", "Fry", "Leeds"),
               ("Arvo", "Fry", "Oslo"), ("Dafydd", "Old hand", "Cardiff")]
    cap = parse_text(_profile_forum(posters))
    assert cap.units[0].kind == "post" and cap.author == "Arvo"
    comments = [(unit.author, unit.text.split()[:4]) for unit in cap.units[1:]]
    assert comments == [(name, _said(n).split()[:4]) for n, (name, _, _) in enumerate(posters) if n]


def test_a_dated_line_holding_the_name_is_the_block() -> None:
    """" By NAME Date 10.11.15 17:21 UTC": a date no reader parses, the name inside the line."""
    names = ["mossy", "Tern", "kelpie", "mossy"]
    text = "Dog Boards\n\nBreeds for a family\n\n" + "\n\n".join(
        f" By {name} Date 1{n}.11.15 17:2{n} UTC\n\n{_said(n)}" for n, name in enumerate(names)) + "\n\nAbout us\n"
    blocks = forum_blocks(text.split("\n"))
    assert blocks is not None and [block.author for block in blocks] == names
    assert [unit.author for unit in parse_text(text).units[1:]] == names[1:]


def test_levels_and_switches_name_nobody() -> None:
    """Reddit's "level 1" / "level 2" and a settings table's "On" / "Off" repeat at every block but do not
    vary as writers' names do: the blocks name nobody, and the thread is not read from them."""
    text = "\n\n".join(f"level {1 + n % 2}\n\nsome_user · 6 years ago\n\n{_said(n)}" for n in range(8))
    blocks = forum_blocks(text.split("\n"))
    assert blocks is None or all(block.author in (None, "some_user") for block in blocks)


def test_a_marked_quotation_is_the_run_of_marked_lines_the_reply_opens_with() -> None:
    assert marked_quotation(["", "> the first quoted line", ">second", "my answer", "> later"]) == \
        ["the first quoted line", "second"]
    assert marked_quotation(["my answer", "> a quotation further down"]) is None


def test_an_articles_undated_sections_are_no_messages() -> None:
    """Product sections under a repeated shape ("Credit: NAME" over a heading and a paragraph) name someone in
    each block, but no block is dated: an article, not a thread."""
    text = "Best appliances\n\n" + "\n\n".join(
        f"Credit: Photo Desk\n\nBest {kind}\n\nBrand {kind.title()} {n}\n\n{_said(n)}\n\nBuy now"
        for n, kind in enumerate(("dishwasher", "fridge", "range", "washer"))) + "\n"
    assert forum_blocks(text.split("\n")) is None
