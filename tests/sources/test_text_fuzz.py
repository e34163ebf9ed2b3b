"""Any text capture ends in a capture, never an exception: lines made of the pieces the parser reacts to."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from book.sources.capture_text import parse_text
from book.sources.threads import attribute

PIECES = ["Anna", "Jan Beek", "Anonymous", "says:", "said...", "Reply", "Delete", "Replies", "Antworten", "Autor",
          "May 10, 2014 at 7:02 AM", "19. Juni 2019 / 6:16", "Jun 20th at 2:41 am", "11.09.2011", "3/5/2016",
          "8 years ago", "#2", "•", "  ", "@Anna:", "Comment by", "—", "Pingback von", "|", "5 thoughts on “Hope”",
          "Hope", "10 Kommentare", "Leave a Reply", "Posted by", "Published by", "von", "LikeLiked by 3 people",
          "I went to the sea after mine and it helped more than I expected it to.", "<script>x</script>", "4", "›"]
LINE = st.lists(st.sampled_from(PIECES), min_size=0, max_size=6).map(" ".join)
CAPTURE = st.lists(LINE, min_size=1, max_size=40).map("\n".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(CAPTURE)
def test_parse_text_never_raises(text: str) -> None:
    cap = parse_text(text)
    attribute(cap)
    assert cap.units and cap.units[0].kind == "post"
    for index, unit in enumerate(cap.units):
        assert unit.parent is None or 0 <= unit.parent < index      # a parent always comes before its reply


CHARS = st.one_of(st.characters(max_codepoint=127),
                  st.sampled_from(["é", "â€™", "’", "ﬁ", "Ａ", "\u2028", "\u0085", "Ã©", "\ufeff", "\u00a0",
                                   "\x1b[31m", "&amp;", "\n"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(CHARS, max_size=80).map("".join))
def test_plain_ascii_lines_set_aside_change_nothing(text: str) -> None:
    """clean._ftfy skips ftfy on plain-ASCII lines: it must give exactly what ftfy gives on the whole text."""
    import ftfy

    from book.sources import clean

    text = text.replace("\r\n", "\n").replace("\r", "\n")
    assert clean._ftfy(text) == ftfy.fix_text(text, clean.ftfy_config())
