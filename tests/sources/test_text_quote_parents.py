"""Parents from a reply's leading quotation in text copies (issue 13, ``text_quotes``), and the vBulletin 3.9
header shapes (the name after the date, guests' blocks, thanks counts), on small copies.

A forum copy keeps no nesting; a reply opening with "NAME wrote:", "Quote: / Originally Posted by NAME",
"On DATE, NAME said:" or "> the words" answers the quoted message: the writer's message holding the quoted
words, else the writer's latest earlier one; a quotation of the post answers the post. Each is listed (S306).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from book.sources.capture import Capture, RawUnit
from book.sources.text_quotes import opening_quotation, quotation_parents

from .helpers import import_json

_OPENING = ("Since the last update the amplifier hums whenever the power scaling control is turned down, "
            "and the hum gets louder the longer it runs. Has anyone seen this before, and what should I check?")


def _thread(tmp_path: Path, replies: list[tuple[str, str, list[str]]]) -> dict:
    """A Discourse-like copy: "NAME DATE N" over each message; the first message (ampfan's) is the post."""
    lines = ["Tube Forum", "Hum with power scaling", "Power Amps", "ampfan January 11, 2025, 12:04am 1", _OPENING]
    for n, (name, clock, text) in enumerate(replies, start=2):
        lines += [f"{name} January 11, 2025, {clock} {n}", *text]
    lines += ["Related topics", "Home", "Categories"]
    path = tmp_path / "copy.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return import_json(path, tmp_path / "m")


def _parents(data: dict) -> list[tuple[str | None, int | None]]:
    index = {unit["id"]: k for k, unit in enumerate(data["units"])}
    return [(unit["author"], index.get(unit["parent"]) if unit["parent"] not in (None, "post") else None)
            for unit in data["units"][1:]]


def test_a_named_quotation_answers_the_message_holding_its_words(tmp_path: Path) -> None:
    """Kevin wrote twice; Lina quotes his first message's words: that message is her parent, not his latest."""
    data = _thread(tmp_path, [
        ("kevin", "1:13am", ["Check the grounding of the scaling board first, it is a known weak spot."]),
        ("kevin", "1:20am", ["Also the tubes may be worn out after all those years of use."]),
        ("lina", "2:00am", ["kevin wrote:", "Check the grounding of the scaling board first, it is a known weak spot.",
                            "That fixed mine as well, thank you for the pointer."])])
    assert _parents(data) == [("kevin", None), ("kevin", None), ("lina", 1)]


def test_a_quotation_of_the_post_answers_the_post(tmp_path: Path) -> None:
    """"Originally Posted by ampfan" quoting the opening message: the post is the parent (None)."""
    data = _thread(tmp_path, [
        ("kevin", "1:13am", ["Check the grounding of the scaling board first, it is a known weak spot."]),
        ("lina", "2:00am", ["Quote:", "Originally Posted by ampfan",
                            "Since the last update the amplifier hums whenever the power scaling control is turned",
                            "Mine did the same until I changed the power tubes."])])
    assert _parents(data) == [("kevin", None), ("lina", None)]


def test_the_quoted_writers_latest_message_where_the_words_are_cut(tmp_path: Path) -> None:
    """"On DATE, NAME said:" with words the copy does not hold whole: the writer's latest earlier message."""
    data = _thread(tmp_path, [
        ("kevin", "1:13am", ["Check the grounding of the scaling board first, it is a known weak spot."]),
        ("mo", "1:30am", ["I would replace the filter capacitors before anything else on an amp that old."]),
        ("lina", "2:00am", ["On 1/11/2025 at 1:13 AM, kevin said:", "Check the grounding …",
                            "Where is that board on the model two?"])])
    assert _parents(data) == [("kevin", None), ("mo", None), ("lina", 1)]


def test_no_parent_from_a_quotation_further_down_or_a_nested_head_of_oneself(tmp_path: Path) -> None:
    """A quotation after the reply's first line answers a point, not a message; a head naming the reply's own
    writer ("> kevin wrote:" in kevin's reply: a nested quotation's inner head) names no parent either."""
    data = _thread(tmp_path, [
        ("kevin", "1:13am", ["Check the grounding of the scaling board first, it is a known weak spot."]),
        ("lina", "2:00am", ["Thanks all, here is what I found out today.", "kevin wrote:",
                            "Check the grounding of the scaling board first, it is a known weak spot."]),
        ("kevin", "2:10am", ["> kevin wrote:", "> Check the grounding of the scaling board first, it is a known",
                             "To be clear, I meant the ground lug near the transformer."])])
    assert _parents(data) == [("kevin", None), ("lina", None), ("kevin", None)]


def test_opening_quotation_heads() -> None:
    """The heads of the usual programs, and "> " quotations found by their words alone."""
    def unit(text: str) -> RawUnit:
        return RawUnit("comment", text, text.split("\n"), author="x")
    assert opening_quotation(unit("aquatic hoyt wrote:with fish make sure they stay")) == \
        ("aquatic hoyt", "with fish make sure they stay")
    assert opening_quotation(unit("badz wrote: ↑\nSat Mar 16, 2024 11:14 pm\nwith latest rpi-update"))[0] == "badz"
    assert opening_quotation(unit("badz wrote: ↑\nSat Mar 16, 2024 11:14 pm\nwith latest rpi-update"))[1] == \
        "with latest rpi update"
    assert opening_quotation(unit("16 minutes ago, Marshal Mo Hare, SASS #45984 said:\nWhat"))[0] == \
        "Marshal Mo Hare, SASS #45984"
    assert opening_quotation(unit("Quote from: Arantor on June 09, 2024\nAs for other options"))[0] == "Arantor"
    assert opening_quotation(unit("> Trilby wrote:\n> I'll not that any forum"))[0] == "Trilby"
    assert opening_quotation(unit("> all you dell streak users how do you like it?\nI am")) == \
        (None, "all you dell streak users how do you like it")
    assert opening_quotation(unit("I said no to that offer, it was too expensive.")) is None


def test_vbulletin_39_headers_with_the_name_after_the_date(tmp_path: Path) -> None:
    """vBulletin 3.9: " DATE | TIME / #N / NAME / Original Poster / Join Date / Location / Posts" over each
    message: the number between the date and the name is no name, "Original Poster" a rank; a reply opening
    "Quote: / Originally Posted by NAME" answers NAME's message."""
    lines = ["Forums", "Log In", "Trip Reports", "Reply Subscribe",
             " Feb 14, 2026 | 9:05 pm", "  #1  ", "ann", "Original Poster", " ", "Join Date: Aug 2008",
             "Location: SIN", "Posts: 1,077", _OPENING, "bob and 2 others like this.", "Reply",
             " Feb 14, 2026 | 9:07 pm", "  #2  ", "bob", "", "Join Date: Jan 2010", "Location: LON", "Posts: 52",
             "Very exciting! Looking forward to the next chapter of this.", "Reply",
             " Feb 15, 2026 | 1:07 am", "  #3  ", "cy", "Join Date: Jan 2011", "Posts: 7",
             "Quote:", "Originally Posted by bob", "Very exciting! Looking forward to the next chapter of this.",
             "Me too, and the pictures.", "Reply", "Contact Us", "Archive", "Top"]
    path = tmp_path / "copy.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    data = import_json(path, tmp_path / "m")
    assert (data["author"], data["published"]) == ("ann", "2026-02-14")
    assert [(u["author"], u["date"]) for u in data["units"][1:]] == [("bob", "2026-02-14"), ("cy", "2026-02-15")]
    assert _parents(data) == [("bob", None), ("cy", 1)]


def test_vbulletin_guest_blocks_and_thanks_counts(tmp_path: Path) -> None:
    """vBulletin's guest block ("Visiting Guest / Posts: n/a") is a poster's block; "Upvotes: 0" and "Received 8
    Upvotes on 7 Posts" belong to the block, not to the message; "12-25-02, 09:18 PM" is the message's date line."""
    def message(n: int, stamp: str, name: str, block: list[str], text: str) -> list[str]:
        return [f"  #{n}  ", f" {stamp}", name, *block, text, "Upvote"]
    member = ["Member", "Join Date: Apr 2001", "Location: Island Lake, IL", "Posts: 520", "Upvotes: 0",
              "Received 0 Upvotes on 0 Posts"]
    guest = ["Visiting Guest", "Posts: n/a"]
    lines = (["Woodworking", "Free plans, look here first"]
             + message(1, "11-19-02, 07:25 PM", "Herm", member, _OPENING)
             + message(2, "12-24-02, 10:11 AM", "rvitek", guest, "Thanks Herm, this took a lot of work.")
             + message(3, "12-25-02, 09:18 PM", "Herm", member, "Found a new one, a plan search engine.")
             + message(4, "05-25-03, 04:39 PM", "dougj", guest, "Here is another good one to try.")
             + ["Contact Us", "Archive", "Top"])
    path = tmp_path / "copy.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    data = import_json(path, tmp_path / "m")
    assert data["author"] == "Herm"
    assert [(u["author"], u["text"].split("\n")[0]) for u in data["units"][1:]] == [
        ("rvitek", "Thanks Herm, this took a lot of work."), ("Herm", "Found a new one, a plan search engine."),
        ("dougj", "Here is another good one to try.")]


def test_a_short_quotation_matches_whole_words_only() -> None:
    """"kevin wrote: Ok then" names kevin's message saying "Ok then", not a later one of his holding "book then"
    (the words inside other words), nor his latest."""
    cap = Capture(units=[RawUnit(kind="post", text=_OPENING, author="ampfan"),
                         RawUnit(kind="comment", text="Ok then, I will try that tonight.", author="kevin"),
                         RawUnit(kind="comment", text="The service book then says nothing of it.", author="kevin"),
                         RawUnit(kind="comment", text="Also check the fuse.", author="kevin"),
                         RawUnit(kind="comment", text="kevin wrote: Ok then\nLet us know how it goes.", author="lina")])
    quotation_parents(cap)
    assert [unit.parent for unit in cap.units] == [None, None, None, None, 1]
    assert cap.parents_inferred == [4]


# A thread of quoting replies, read under a CPU limit: each reply quotes words the thread holds in another order, or
# words and writers it does not hold, so every look-back runs its whole length. Reading each earlier message again
# for each reply took minutes here; the indexes read it in well under a second.
_LONG_THREAD = """
import resource
import sys

resource.setrlimit(resource.RLIMIT_CPU, (int(sys.argv[2]), int(sys.argv[2]) + 5))
from book.sources.capture import Capture, RawUnit
from book.sources.text_quotes import quotation_parents

common = "alpha beta gamma delta epsilon zeta eta theta"
units = [RawUnit(kind="post", text="The opening message " + common, author="host")]
for i in range(1, int(sys.argv[1])):
    text = (f"> theta eta zeta epsilon delta gamma beta alpha\\nreply {i}" if i % 3 == 0
            else f"nobody{i} wrote: quoted w{i}a w{i}b w{i}c\\n{common} {i}" if i % 3 == 1
            else f"> never said w{i}a w{i}b w{i}c w{i}d\\n{common} {i}")
    units.append(RawUnit(kind="comment", text=text, author=f"writer {i % 50}"))
units.append(RawUnit(kind="comment", text="> The opening message alpha beta gamma\\nIndeed.", author="late"))
units.append(RawUnit(kind="comment", text="writer 7 wrote: w7a w7b\\nSee above.", author="later"))
cap = Capture(units=units)
quotation_parents(cap)
print([unit.parent for unit in cap.units].count(None), cap.units[-1].parent)
"""


def test_a_long_thread_of_quoting_replies_is_read_in_linear_time(tmp_path: Path) -> None:
    """4,000 quoting replies read under a 10 s CPU limit (the quadratic reading took minutes): the process ends
    normally with the right parents (the post's quotation answers the post, the named writer's words their
    message), not killed by SIGXCPU."""
    script = tmp_path / "long_thread.py"
    script.write_text(_LONG_THREAD, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    done = subprocess.run([sys.executable, str(script), "4000", "10"], capture_output=True, text=True, env=env,
                          check=False)
    assert done.returncode == 0, (done.returncode, done.stderr[-500:])
    assert done.stdout.split() == ["4001", "7"]
