"""Excerpt verification: verbatim after typographic normalisation."""

from __future__ import annotations

import pytest

from book.editorial.excerpts import Match, locate, normalise

UNIT = ("I can tell you that by being more revealing and open with me and willing to do what i wish "
        "for (like being read to) has triggered hope, love, along with fear, confusion, jealousy, "
        "unworthiness, pain and sadness.  I believe closeness will trigger emotions in a much healthier way.")


def test_exact_quote_matches():
    assert isinstance(locate("I believe closeness will trigger emotions in a much healthier way.", UNIT), Match)


@pytest.mark.parametrize("quote", [
    "i believe closeness will trigger emotions in a much healthier way.",       # case of the first letter
    "has triggered hope, love … pain and sadness.",                              # omission
    "has triggered hope, love ... pain and sadness.",
    "has triggered hope, love [...] pain and sadness.",
    "[Her therapist’s openness] has triggered hope, love, along with fear",        # insertion
    "willing to do what i [sic] wish for",                                       # [sic]
    "has   triggered\nhope,  love",                                              # whitespace
])
def test_allowed_differences(quote):
    assert isinstance(locate(quote, UNIT), Match), quote


def test_changed_word_fails_and_names_the_piece():
    result = locate("I believe closeness will trigger feelings in a much healthier way.", UNIT)
    assert isinstance(result, str) and "feelings" in result


def test_omitted_pieces_must_stay_in_order():
    assert isinstance(locate("pain and sadness … has triggered hope", UNIT), str)


def test_quotes_and_dashes_fold():
    assert normalise("“It’s the love” — she said…") == normalise("\"It's the love\" - she said...")
