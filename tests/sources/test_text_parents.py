"""Reply parents of flat browser-copy threads rebuilt as a tree (``text_parents.nest``) from what the copy keeps.

A copy lists a threaded thread depth first with no indentation. Each test is one constraint the copy still
carries (the dates' order, a reply button missing at the theme's deepest level, "parent" links, a name the reply
opens with), first on ``nest`` itself, then on a small inline copy written the way Chromium copies such pages.
"""

from __future__ import annotations

import pytest

from book.sources import text_parents
from book.sources.capture_text import parse_text
from book.sources.text_parents import Reply, direction, earlier, nest

POST = ("We spent the whole winter on these skis and have a lot to say about them, more than fits in one "
        "post, so here is the first part of the review.")


def thread(text: str) -> list[tuple[str | None, int | None]]:
    """(author, parent) of every unit after the post; parents as indexes into the same list."""
    cap = parse_text(text)
    return [(u.author, None if u.parent is None else u.parent - 1) for u in cap.units[1:]]


def at(minute: int, day: str = "2022-04-26") -> tuple[str, int]:
    return day, minute


def test_a_day_without_its_time_orders_nothing_within_that_day() -> None:
    assert earlier(at(60), at(61)) and not earlier(at(61), at(60))
    assert not earlier(at(-1), at(600)) and not earlier(at(600), at(-1))
    assert earlier(at(-1, "2022-04-25"), at(0))


def test_direction_counts_every_pair() -> None:
    assert direction([at(1), at(5), at(3), at(9)]) == 1
    assert direction([at(9), at(5), at(7), at(1)]) == -1
    assert direction([at(1), None, at(2)]) == 0          # fewer than three dates say nothing


def test_nothing_to_go_by_keeps_every_comment_on_the_post() -> None:
    """No date, mark or button: the corpus convention, every comment answers the post."""
    assert nest([Reply() for _ in range(4)]) == [None, None, None, None]


def test_dates_nest_a_reply_under_a_reply() -> None:
    """Oldest first at the top level, replies oldest first under their comment: the top-level comment at 15:35 comes
    after 18:21, 17:03 and 17:48, so those are replies, and 15:11 too (a top-level comment after 14:02 would leave
    15:35 nowhere to go). 17:03 cannot follow 18:21 under 15:11's or 14:02's run as a sibling, so 18:21 answers
    15:11 and 17:03 answers 14:02; 17:48 could answer 17:03 or 14:02, and where nothing says which, the top-level
    comment's run is taken."""
    minutes = (14 * 60 + 2, 15 * 60 + 11, 18 * 60 + 21, 17 * 60 + 3, 17 * 60 + 48, 15 * 60 + 35)
    assert nest([Reply(moment=at(m)) for m in minutes]) == [None, 0, 1, 0, 0, None]


def test_reply_buttons_missing_at_the_deepest_level_give_the_depth() -> None:
    """A theme prints "Reply" under every comment but those at its deepest level: the comments without one are
    replies at that level, those with one sit above it. With nothing else to go by, the shallowest limit that
    fits (2) is taken: each comment without a button answers the top-level comment above it."""
    buttons = [True, True, False, False, True, False]
    assert nest([Reply(button=b) for b in buttons]) == [None, None, 1, 1, None, 4]


def test_dates_settle_the_nesting_limit() -> None:
    """The same buttons with dates (top level newest first): at limit 2, 12:40 would be a top-level comment later
    than the one above it, so the limit is 3, and 13:37 and 14:15 answer 12:40."""
    stamps = [(True, 12 * 60 + 10), (True, 12 * 60 + 40), (False, 13 * 60 + 37), (False, 14 * 60 + 15),
              (True, 14 * 60 + 27), (False, 14 * 60 + 51)]
    replies = [Reply(button=b, moment=at(m, "2015-07-20")) for b, m in stamps]
    replies += [Reply(button=True, moment=at(600, f"2015-07-0{day}")) for day in (5, 4, 3, 2, 1)]
    assert nest(replies) == [None, 0, 1, 1, 0, 4, None, None, None, None, None]


def test_parent_links_mark_the_replies_and_dates_climb_the_chain() -> None:
    """LiveJournal links each reply to its "parent": a marked comment answers the comment above it, or, where its
    date is earlier than that comment's latest reply, the one up the chain whose replies it can follow."""
    replies = [Reply(moment=at(100), marked=False), Reply(moment=at(200), marked=True),
               Reply(moment=at(300), marked=True), Reply(moment=at(250), marked=True),
               Reply(moment=at(400), marked=False)]
    assert nest(replies) == [None, 0, 1, 0, None]


def test_a_named_parent_is_tried_first_and_the_writers_earlier_comment_next() -> None:
    """"@Ramon" names Ramon's comments (the latest first); the latest is later than the reply, so it answers the
    earlier one."""
    replies = [Reply(moment=at(60)), Reply(moment=at(70)), Reply(moment=at(200)), Reply(moment=at(150), hint=(2, 0))]
    assert nest(replies) == [None, None, None, 0]


def test_constraints_no_tree_meets_give_nothing() -> None:
    """A reply button under one comment only and a thread whose dates cannot be nested: no tree, no guess."""
    replies = [Reply(moment=at(10), marked=True)]
    assert nest(replies) is None


def test_copy_wordpress_thread_without_reply_under_its_deepest_comments() -> None:
    """A copied WordPress thread, newest first at the top level (replies oldest first), nested three deep:
    "Antworten" under every comment but the third-level ones. The buttons and the dates rebuild the tree the copy
    no longer indents."""
    text = "\n".join([
        "Die Open im Fernsehen", "20. Juli 2015 von Redaktion", POST, "",
        "7 Kommentare",
        "Eugen 20.07.2015 // 12:10", "", "Und die Montagsübertragung? Wo findet die statt?", "", "Antworten", "",
        "Kai-Uwe 20.07.2015 // 12:40", "", "Hallo Eugen, 14:30 auf Sky Sport 1 HD.", "", "Antworten", "",
        "Björn 20.07.2015 // 13:37", "", "Rückfrage: Sicher? Lt. deren TV Guide nämlich leider nicht.", "",
        "Matze 20.07.2015 // 14:15", "", "Hm, wird heute wohl doch nicht übertragen?", "",
        "Eugen 20.07.2015 // 14:27", "", "Wenn Sky nicht überträgt, wäre das der Schuss ins Knie.", "", "Antworten", "",
        "Matze 20.07.2015 // 14:51", "", "Alles gut, wird auf Sky Sport HD2 übertragen.", "",
        "Wolfgang 05.07.2015 // 17:07", "", "Was bedeutet das Symbol auf dem Leaderboard?", "", "Antworten", "",
        "Jens 08.06.2015 // 23:34", "", "Sky hat die Wiederholfunktion außer Kraft gesetzt.", "", "Antworten", "",
        "Karin 25.05.2015 // 21:57", "", "Wir sind live dabei und freuen uns schon riesig.", "", "Antworten", "",
        "Oliver 26.03.2015 // 22:09", "", "Wovon ist die Startzeit am ersten Tag abhängig?", "", "Antworten", "",
        "Michael 01.01.2015 // 21:24", "", "Gestern wurde auf Sky Sport 2 keinerlei Golf gezeigt.", "", "Antworten", "",
        "Schreibe einen Kommentar",
    ])
    assert thread(text) == [("Eugen", None), ("Kai-Uwe", 0), ("Björn", 1), ("Matze", 1), ("Eugen", 0),
                            ("Matze", 4), ("Wolfgang", None), ("Jens", None), ("Karin", None), ("Oliver", None),
                            ("Michael", None)]


def test_copy_an_address_does_not_stop_the_dates_nesting_the_rest() -> None:
    """A reply opening with "@Ramon" answers the comment of Ramon's it can follow (his later one is later than the
    reply); the other replies are still nested by the thread's dates: oldest first, Moraima's top-level comment at
    15:35 comes after 15:11, 18:21 and 17:03, which are therefore replies."""
    text = "\n".join([
        "Sesiona el Pleno", "26 abril 2022", POST, "",
        "Se han publicado 5 comentarios",
        "Ramón dijo:", "", "Me gustaría conocer el contenido del programa.", "", "26 abril 2022 a las 14:02", "/ Responder",
        "rebelde dijo:", "", "Ramón, no entiendo lo que buscas con querer conocerlo.", "", "26 abril 2022 a las 15:11",
        "/ Responder",
        "Ramón dijo:", "", "Ojalá me permitieran poderle responder con calma.", "", "26 abril 2022 a las 18:21",
        "Javier dijo:", "", "@Ramon lo que llamas programa no es un documento programático.", "",
        "26 abril 2022 a las 17:03", "/ Responder",
        "Moraima dijo:", "", "Si se da a conocer le daríamos insumos a otros.", "", "26 abril 2022 a las 15:35",
        "/ Responder",
    ])
    assert thread(text) == [("Ramón", None), ("rebelde", 0), ("Ramón", 1), ("Javier", 0), ("Moraima", None)]


def _counting_fits(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of parents the search tries (``_fits`` calls), counted: the work a thread costs, not its time."""
    calls = [0]
    fits = text_parents._Search._fits

    def counted(self: text_parents._Search, k: int, parent: int | None) -> bool:
        calls[0] += 1
        return fits(self, k, parent)

    monkeypatch.setattr(text_parents._Search, "_fits", counted)
    return calls


def test_a_long_thread_nests_in_linear_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Thousands of comments: the dates' direction is counted with a sorted list, not by listing pairs, and a chain of
    marked replies is walked only as far as a choice needs (each had cost seconds at 5,000 comments). Where the
    first choice fits, one parent is tried per comment (two on the chain: the post, then the comment above)."""
    calls = _counting_fits(monkeypatch)
    dated = [Reply(moment=("2020-03-01" if k < 1440 else "2020-03-02", k % 1440)) for k in range(2800)]
    chain = [Reply(marked=k > 0) for k in range(20_000)]
    assert nest(dated) == [None] * len(dated)
    assert calls[0] == len(dated)
    calls[0] = 0
    assert nest(chain) == [None, *range(len(chain) - 1)]
    assert calls[0] <= 2 * len(chain)


def test_a_long_thread_no_tree_fits_gives_up_in_linear_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """The review's case: marked replies each naming every earlier comment, the last unmarked but greeting someone,
    so no tree fits and the search backtracks through every hint. The budget is paid per parent tried and per hint
    read (at most 100 units of work per comment, plus 100), so the search gives up after a number of tries linear
    in the thread's length; paid per step, each step trying every hint, it tried 20 million parents at 1,000
    comments (52 s at 4,000)."""
    calls = _counting_fits(monkeypatch)
    for n in (500, 1000):
        replies = [Reply(marked=False)]
        replies += [Reply(marked=True, hint=tuple(range(k - 1, -1, -1))) for k in range(1, n - 1)]
        replies.append(Reply(marked=False, hint=tuple(range(n - 2, -1, -1))))
        calls[0] = 0
        assert nest(replies) is None
        assert calls[0] <= text_parents._WORK_PER_COMMENT * n + 100
