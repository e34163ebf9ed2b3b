"""The preview's memory of unchanged files (:class:`book.context.Memo`): a hit is what reading again would give."""

from __future__ import annotations

from pathlib import Path

import pytest

from book.context import Memo
from book.manuscript import load_manuscript
from book.support.diagnostics import Report


def test_a_hit_returns_the_same_value_and_replays_its_diagnostics():
    memo, calls = Memo(), []

    def compute(report: Report) -> str:
        calls.append(1)
        report.warning("W999", "seen once, reported every time")
        return "value"

    first, second = Report(), Report()
    assert memo.recall("kind", memo.key("a"), first, compute) == "value"
    assert memo.recall("kind", memo.key("a"), second, compute) == "value"
    assert len(calls) == 1 and [i.code for i in second.items] == ["W999"]
    memo.sweep()                                          # used by the last build: kept
    memo.sweep()                                          # not used since: forgotten
    memo.recall("kind", memo.key("a"), Report(), compute)
    assert len(calls) == 2


def test_keys_follow_content_not_names():
    assert Memo.key("ab", "c") != Memo.key("a", "bc")
    assert Memo.key("x") == Memo.key("x")


def test_a_changed_chapter_or_source_is_read_again(minimal: Path):
    memo = Memo()
    first = load_manuscript(minimal, Report(), memo)
    again = load_manuscript(minimal, Report(), memo)
    assert again.chapters[1] is first.chapters[1] and again.sources is first.sources
    chapter = minimal / "chapters" / "01-first.md"
    chapter.write_text(chapter.read_text().replace("Our own commentary.", "Changed commentary."))
    source = minimal / "sources" / "garden-letters.edits.yaml"
    source.write_text(source.read_text().replace("a gardener", "a grower"))
    changed = load_manuscript(minimal, Report(), memo)
    assert changed.chapters[0] is not first.chapters[0] and "Changed commentary." in changed.chapters[0].text
    assert changed.chapters[1] is first.chapters[1]
    assert changed.sources is not first.sources
    assert load_manuscript(minimal, Report()) == changed            # the same model as a fresh reading


def test_a_file_digest_follows_the_file_and_refuses_what_is_not_one(tmp_path: Path):
    import os

    from book.support.files import InputRefused, input_digest

    memo = Memo()
    path = tmp_path / "chapter.md"
    path.write_text("one", encoding="utf-8")
    first = memo.digest(path, tmp_path)
    assert first == input_digest(path, tmp_path) == memo.digest(path, tmp_path)
    path.write_text("two", encoding="utf-8")          # the same size: read again all the same
    assert memo.digest(path, tmp_path) == input_digest(path, tmp_path) != first
    path.unlink()
    os.mkfifo(path)                                   # never opened: refused as every input is
    with pytest.raises(InputRefused):
        memo.digest(path, tmp_path)


class _CountingStore:
    def __init__(self) -> None:
        self.loads: list[str] = []
        self.saves: list[str] = []

    def load(self, kind: str, key: str):
        self.loads.append(kind)
        return None

    def save(self, kind: str, key: str, value, diagnostics) -> None:
        self.saves.append(kind)


def test_a_value_not_worth_storing_is_kept_in_memory_only():
    """``persist=False``: cheaper to compute than to read back, so the store is never asked, while a
    long-lived process (the preview) still keeps it."""
    store, calls = _CountingStore(), []
    memo = Memo(store)

    def compute(_report: Report) -> str:
        calls.append(1)
        return "printed"

    for _ in range(2):
        assert memo.recall("printed-source", memo.key("s"), Report(), compute, persist=False) == "printed"
    assert calls == [1] and store.loads == store.saves == []
    memo.recall("chapter", memo.key("c"), Report(), compute)
    assert store.loads == store.saves == ["chapter"]


def test_a_printed_chapter_kept_as_null_is_read_as_missing(tmp_path: Path):
    """A chapter as printed is kept in the schema of a chapter as read, which allows None (a file
    that is no chapter); a sealed ``null`` under a printed chapter's key is a miss, never a None
    handed to rendering."""
    from book.render import cache

    store = cache.MemoStore(cache.DocCache(tmp_path))
    sealed_null = cache._seal(cache.MemoStore._adapter("chapter").dump_json(("", None, ())))
    for kind in ("chapter", "printed-chapter"):
        store.docs.put_bytes(f"memo-{kind}", store.docs.key(kind, "k"), sealed_null)
    assert store.load("chapter", "k") == (None, ())
    assert store.load("printed-chapter", "k") is None
