"""The check's quick look for links within the book (E251) never skips a file the full scan would flag.

``check_internal_links`` reads a file's code blocks and code spans only when
``_may_hold_link`` says the text may hold a link to ``#id`` or an empty address; the look must
be a superset of the scan's finding on every text, or a link to nowhere reaches the EPUB and
stops the PDF.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from book.editorial.rules import _INTERNAL_LINK, _may_hold_link
from book.manuscript.scan import lines_outside_code

from .test_fuzz import settings  # noqa: F401  (the "book" profile: bounded examples in CI)


def scan_finds(text: str) -> bool:
    return any(_INTERNAL_LINK.search(line) for _number, line in lines_outside_code(text, blank_inline_code=True))


@pytest.mark.parametrize("text, found", [
    ("See [there](#roses).", True),
    ("A [link]() with no address.", True),
    ("[ref]: #roses\n\nSee [ref].", True),
    ("> [ref]: <#roses>", True),
    ("Text.[^1]\n\n[^1]: A note: with a colon.", False),
    ("A note[^n] only.\n\n[^n]: Words [in brackets]: more.", True),   # looked at, then not a link
    ("`x`[r]: #a", True),
    ("No brackets at all.", False),
])
def test_the_quick_look_reads_what_the_scan_reads(text, found):
    assert _may_hold_link(text) is found
    assert not scan_finds(text) or _may_hold_link(text)


_PIECES = ["[", "]", "(", ")", ":", "^", "#", "`", "``", "<", ">", " ", "\t", "\n", "\n\n", "    ", "> ",
           "```\n", "~~~\n", "a", "id", "[^1]", "[^1]:", "](", "]:", "](#x)", "[r]: ", "\\"]


@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_a_text_the_scan_flags_is_never_skipped(text):
    if scan_finds(text):
        assert _may_hold_link(text)
