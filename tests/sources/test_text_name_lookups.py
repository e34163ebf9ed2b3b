"""A reply that names an earlier writer ("@NAME", "Hi NAME,") is given that writer's latest comment by one look-up
in an index of names built as the thread is read, not by walking back through the thread: on 5,000 comments that
each name the thread's first writer, the walk compared names 12.5 million times (6.8 s of CPU for the greetings of
``text_thread._named_parents``, 1.1 s for the "@NAME" of ``text_template.nested_parents``).

The work is counted (names compared), not timed: a count does not depend on the machine's load."""

from __future__ import annotations

import pytest

from book.sources import text_lines, text_thread
from book.sources.capture import Capture, RawUnit
from book.sources.text_template import TemplateUnit, nested_parents
from book.sources.text_thread import OpenComment, _named_parents

COMMENTS = 5000
WRITERS = ["Ada Quill", "Ben Stone", "Cleo Marsh", "Dev Reed"]


class _CountedName(str):
    """A writer's name that counts how often it is folded for a comparison."""

    folded = 0

    def casefold(self) -> str:
        _CountedName.folded += 1
        return str(self).casefold()


def test_at_name_replies_find_their_writer_by_one_look_up_each() -> None:
    """5,000 comments of a header shape no reader knows, every one after the first opening "@Zed" (the first
    writer, who never writes again): each answers Zed's comment, and each writer's name is folded once."""
    units = [TemplateUnit(head=4 * n, anchor=4 * n, author=_CountedName("Zed" if n == 0 else WRITERS[n % 4]),
                          date=None, indent=0, body=[f"@Zed the roses bloomed late, number {n}." if n else "First!"])
             for n in range(COMMENTS)]
    _CountedName.folded = 0
    assert nested_parents(units) == [None] + [0] * (COMMENTS - 1)
    assert _CountedName.folded <= COMMENTS


def test_a_later_comment_by_the_named_writer_is_the_one_answered() -> None:
    """The index keeps each writer's latest comment: "@Ada" answers Ada's second comment, not her first; a name no
    writer bears answers the post."""
    units = [TemplateUnit(head=n, anchor=n, author=author, date=None, indent=0, body=[words])
             for n, (author, words) in enumerate([("Ada", "Roses."), ("Ben", "@Ada yes."), ("Ada", "@Ben no."),
                                                  ("Cy", "@ada and you?"), ("Dee", "@Nobody hello.")])]
    assert nested_parents(units) == [None, 0, 1, 2, None]


@pytest.fixture
def counted_names(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """``text_thread.same_name`` counting its calls."""
    calls = [0]
    compare = text_thread.same_name

    def counted(a: str | None, b: str | None) -> bool:
        calls[0] += 1
        return compare(a, b)

    monkeypatch.setattr(text_thread, "same_name", counted)
    return calls


def _greeting_thread(greetings: list[tuple[str, str]]) -> tuple[list[OpenComment], Capture]:
    """A flat thread of (writer, first line) comments under a post by Ruth Adler, as the thread reader emits it."""
    cap = Capture(author="Ruth Adler", units=[RawUnit("post", "The post.", ["The post."])])
    emitted = []
    for author, line in greetings:
        cap.units.append(RawUnit("comment", line, [line], author=author))
        comment = OpenComment(0, author)
        comment.index = len(cap.units) - 1
        emitted.append(comment)
    return emitted, cap


def test_greetings_find_their_writer_by_one_look_up_each(counted_names: list[int]) -> None:
    """5,000 comments each greeting the thread's first writer ("Hi Zed Pioneer,"): each answers Zed's comment,
    with a bounded number of names compared per comment."""
    thread = [("Zed Pioneer", "So the roses bloomed late.")]
    thread += [(WRITERS[n % 4], f"Hi Zed Pioneer, they did, number {n}.") for n in range(1, COMMENTS)]
    emitted, cap = _greeting_thread(thread)
    _named_parents(emitted, cap)
    assert [unit.parent for unit in cap.units] == [None, None] + [1] * (COMMENTS - 1)
    assert counted_names[0] <= 4 * COMMENTS


def test_a_greeting_answers_the_named_writers_latest_comment(counted_names: list[int]) -> None:
    """Spacing and case aside, as the names are compared; the post's author greeted is no comment's writer."""
    emitted, cap = _greeting_thread([("Ada Quill", "Roses."), ("Ben Stone", "Tulips."), ("Ada  Quill", "Lilies."),
                                     ("Ben Stone", "Hi Ada Quill, why?"), ("Cy Rao", "Hi Ruth Adler, thanks."),
                                     ("Dee Lu", "Hi Nobody Here, hello.")])
    _named_parents(emitted, cap)
    assert [unit.parent for unit in cap.units] == [None, None, None, None, 3, None, None]


@pytest.mark.parametrize(("a", "b"), [("Ada Quill", "ada  quill"), ("Ada Quill", "Ada\tQUILL"), ("Straße", "STRASSE"),
                                      ("Ada Quill", "Ada Quil"), ("Ada Quill", "Ada Quill.")])
def test_the_index_and_the_comparison_use_one_key(a: str, b: str) -> None:
    """The greeting index (``text_thread``) keys writers with the function ``same_name`` compares by, so a look-up
    finds exactly the writers a comparison would call the same: no second copy of the normalisation to drift."""
    assert text_thread.name_key is text_lines.name_key
    assert not hasattr(text_thread, "_name_key")
    assert text_lines.same_name(a, b) == (text_lines.name_key(a) == text_lines.name_key(b))
