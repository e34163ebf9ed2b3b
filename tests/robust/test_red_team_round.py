"""Kinds a third red-team round found (book.yaml, front matter and sources with YAML's oddities; ...):
each ends in the tool's own one-line error at its place, never an internal error."""

from __future__ import annotations

from pathlib import Path

import pytest


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.mark.parametrize("where, code", [("book.yaml", "E101"), ("sources/garden-letters.yaml", "S101"),
                                         ("sources/garden-letters.edits.yaml", "S101")])
@pytest.mark.parametrize("merge", ["x: &x\n  <<: *x\n", "x: &x\n  a: 1\n  <<: [*x]\n"])
def test_a_merge_key_that_refers_to_its_own_mapping_is_an_error_at_its_line(minimal, cli, where, code, merge):
    path = minimal / where
    lines = path.read_text(encoding="utf-8").count("\n")
    _append(path, merge)
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 1 and "internal error" not in result.stderr and "Traceback" not in result.stderr
    [line] = [line for line in result.stderr.splitlines() if f"error[{code}]" in line]
    assert line.startswith(f"{path}:{lines + merge.count(chr(10))}:") and "merge key (<<)" in line


def test_a_merge_key_in_front_matter_is_an_error_at_its_line(minimal, cli):
    chapter = minimal / "chapters" / "01-first.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("title: The First Chapter\n",
                                                                   "title: The First Chapter\nx: &x\n  <<: *x\n", 1),
                       encoding="utf-8")
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 1 and "internal error" not in result.stderr
    assert f"{chapter}:4:3: error[E101]" in result.stderr
