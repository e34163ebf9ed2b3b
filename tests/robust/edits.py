"""Helpers the red-team rounds share: an edit of a fixture's file, and the judgement of a clean failure."""

from __future__ import annotations

from pathlib import Path


def replace_once(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in the file, which must hold it (a fixture that changed fails here, not later)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def clean_failure(result, *said: str) -> str:
    """A failure as the tool should end one: exit 1 or 2, no traceback or internal error, the given words said."""
    assert result.exit_code in (1, 2), result.stderr
    assert "Traceback" not in result.stderr + result.stdout and "internal error" not in result.stderr
    for words in said:
        assert words in result.stderr, result.stderr
    return result.stderr
