"""Words, slugs and suggestions: small text rules every stage must apply the same way."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")


def count_words(text: str) -> int:
    """Words as a reader counts them: "don't" and "self-worth" are one word each, "—" none."""
    return len(_WORD.findall(text))


def slug(text: str, prefix: str = "x") -> str:
    """A file-name-, anchor- and XML-ID-safe id: lower-case ASCII and hyphens, starting with a letter."""
    out = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if not out or not out[0].isalpha():
        out = prefix + out
    return out


def did_you_mean(word: str, known: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The one known word closest to ``word``, when one is close enough to suggest."""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=cutoff)
    return close[0] if close else None


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 chapter``, ``2 chapters``; ``many`` for a word whose plural is not its singular plus "s"."""
    return f"{count} {word if count == 1 else (many or word + 's')}"
