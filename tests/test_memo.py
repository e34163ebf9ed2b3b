"""The preview's memory of unchanged files (:class:`book.context.Memo`): a hit is what reading again would give."""

from __future__ import annotations

from pathlib import Path

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


def test_a_damaged_memo_is_an_empty_one():
    assert Memo.load(b"not a pickle").dump() == Memo().dump()
    assert Memo.load(None).dump() == Memo().dump()
    import pickle

    assert Memo.load(pickle.dumps(["a", "list"])).dump() == Memo().dump()


def test_build_keeps_the_memo_and_a_warm_build_makes_the_same_bytes(cli, minimal, tmp_path):
    out, cold = tmp_path / "out", tmp_path / "cold"
    args = ("build", "epub", "-q", "-m", str(minimal))
    assert cli(*args, "--out-dir", str(out)).exit_code == 0
    memo_files = list((out / ".cache" / "memo").glob("*.pickle"))
    assert len(memo_files) == 1 and memo_files[0].stat().st_size > 0
    chapter = minimal / "chapters" / "02-second.md"
    chapter.write_text(chapter.read_text() + "\n")              # one chapter changed: the rest from the memo
    assert cli(*args, "--out-dir", str(out)).exit_code == 0
    assert cli(*args, "--out-dir", str(cold), "--no-cache").exit_code == 0
    name = "a-small-test-book.epub"
    assert (out / name).read_bytes() == (cold / name).read_bytes()
    memo_files[0].write_bytes(b"\x80\x05garbage")                 # damaged: read the files again
    chapter.write_text(chapter.read_text() + "\n")
    result = cli(*args, "--out-dir", str(out))
    assert result.exit_code == 0, result.stderr
    assert cli(*args, "--out-dir", str(cold), "--no-cache").exit_code == 0
    assert (out / name).read_bytes() == (cold / name).read_bytes()


def test_the_memo_replays_the_problems_of_what_it_keeps(cli, minimal, tmp_path):
    edits = minimal / "sources" / "garden-letters.edits.yaml"
    edits.write_text(edits.read_text() + "authr: Someone\n")        # S103, from reading the sources
    args = ("build", "epub", "-m", str(minimal), "--out-dir", str(tmp_path / "out"))
    first = cli(*args)
    other = minimal / "chapters" / "02-second.md"
    other.write_text(other.read_text() + "\n")                     # the sources come from the memo now
    second = cli(*args)
    assert first.exit_code == second.exit_code == 1
    problems = [line for line in first.stderr.splitlines() if "error[S103]" in line]
    assert problems and problems == [line for line in second.stderr.splitlines() if "error[S103]" in line]
