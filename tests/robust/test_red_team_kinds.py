"""Kinds of bad input found by the red team of 2026-12-02 (issue 15), one test per mechanism fixed.

Each case ends in a located one-line error or a clean result, quickly, and leaves the outputs as they were."""

from __future__ import annotations

import time

import pytest


def _errors(result) -> list[str]:
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    return [line for line in result.stderr.splitlines() if "error[" in line]


@pytest.mark.parametrize("where", ["book.yaml", "chapters/01-first.md"])
def test_a_long_word_in_yaml_is_refused_before_the_yaml_reader(minimal, cli, where):
    """ruamel.yaml's round-trip reader is quadratic in a word of a comment before the first key: a
    1 MB one took more than a minute (`book check` hung past the 60 s limit). E228 first, as in a chapter."""
    path = minimal / where
    text = path.read_text(encoding="utf-8")
    if where == "book.yaml":
        path.write_text("# " + "x" * 1_000_000 + "\n" + text, encoding="utf-8")
        line = 1
    else:
        path.write_text(text.replace("---\n", "---\n# " + "x" * 1_000_000 + "\n", 1), encoding="utf-8")
        line = 2
    started = time.monotonic()
    result = cli("check", "-m", str(minimal))
    assert time.monotonic() - started < 20
    assert result.exit_code == 1
    [error] = _errors(result)
    assert f"{where}:{line}:3: error[E228]: a word of 1,000,000 characters without a space" in error
