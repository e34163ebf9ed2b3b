"""Where a passage sits in its source: offsets in the source's own text, whatever normalising folded."""

from __future__ import annotations

import importlib
import random
from pathlib import Path

import pytest

from book.editorial.excerpts import _QUOTES as FOLD
from book.editorial.excerpts import normalise
from book.model import Excerpt

passages = importlib.import_module("book.permissions.passages")

ALPHABET = list("abc XY.,;") + ["*", "**", "_", "--", "—", "…", "...", "“", "”", "’", "\u00a0", "\n", "\n\n> ",
                                 "\\*", "\u00ad", "\u200b", "e\u0301"]


def by_bisection(text: str, k: int) -> int:
    low, high = 0, len(text)
    while low < high:
        middle = (low + high) // 2
        if len(normalise(text[:middle])) > k:
            high = middle
        else:
            low = middle + 1
    return max(0, low - 1)


@pytest.mark.parametrize("seed", range(30))
def test_every_normalised_character_comes_from_the_character_it_folds(seed):
    rng = random.Random(seed)
    text = "".join(rng.choice(ALPHABET[:-1]) for _ in range(rng.randint(5, 120)))   # composed: no fallback
    folded = normalise(text)
    assert passages._offset_map(text) is not None
    starts = [passages._original_offset(text, k, first=True) for k in range(len(folded))]
    assert starts == sorted(starts)                                   # in order
    for k, char in enumerate(folded):
        origin = text[starts[k]]
        if char == " ":
            assert not origin.strip() or origin == "\u00a0" or origin in ">", (text, k)
        else:
            assert origin.translate(FOLD) == char or (origin == "…" and char == "."), (text, k, origin, char)


@pytest.mark.parametrize("seed", range(10))
def test_without_markup_the_bisection_agrees(seed):
    rng = random.Random(seed)
    plain = [c for c in ALPHABET if not set(c) & set("*_\\>")]
    text = "".join(rng.choice(plain) for _ in range(rng.randint(5, 120)))
    for k, char in enumerate(normalise(text)):
        if char != " ":
            assert passages._original_offset(text, k, first=True) == by_bisection(text, k)


def test_a_decomposed_accent_falls_back_to_the_bisection():
    text = "Cafe\u0301 society"
    assert passages._offset_map(text) is None
    assert passages._original_offset(text, normalise(text).index("s"), first=True) == text.index("s")


def test_invisible_marks_deleted_by_the_fold_keep_the_offsets_after_them():
    unit = "Be\u00adfore it. The quoted pas\u00adsage starts here and ends there. After it."
    excerpt = Excerpt("s", "u", "The quoted passage starts here and ends there.", Path("c.md"), 1)
    span, before, after = passages._in_source(excerpt, unit)
    assert span == "The quoted pas\u00adsage starts here and ends there."
    assert (before, after) == ("Be\u00adfore it.", "After it.")
