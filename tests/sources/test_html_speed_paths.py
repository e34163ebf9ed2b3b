"""The shortcuts taken for speed in the HTML readers give what the long way gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from book.sources.css import select
from book.sources.html_markdown import element_text, has_text

_PIECES = st.sampled_from(["", " ", "\u00a0", "\u200b", "\u00ad", "\x01", "word", "Ålesund", "\n\t", "itâ€™s"])
_TAGS = st.sampled_from(["div", "span", "b", "p", "br", "script", "li"])


@st.composite
def _fragments(draw, depth: int = 0) -> str:
    """Small HTML of nested elements whose text is often blank, invisible or a control character."""
    parts = [draw(_PIECES)]
    for _ in range(draw(st.integers(0, 3 if depth < 3 else 0))):
        tag = draw(_TAGS)
        inner = "" if tag == "br" else draw(_fragments(depth + 1))
        comment = draw(st.sampled_from(["", "<!-- note -->"]))
        parts.append(f"<{tag}>{inner}</{tag}>{comment}{draw(_PIECES)}" if tag != "br" else f"<br>{draw(_PIECES)}")
    return "".join(parts)


@settings(max_examples=300, deadline=None)
@given(_fragments())
def test_has_text_agrees_with_element_text(fragment: str) -> None:
    element = lxml_html.document_fromstring(f"<html><body><div>{fragment}</div></body></html>").body
    assert has_text(element) == bool(element_text(element).strip())   # "\u200b<br>\u200b" lays out as " "


def test_select_matches_cssselect_and_reuses_the_compiled_selector() -> None:
    doc = lxml_html.fromstring("<div><ol class='commentlist'><li class='comment'><p>a</p></li>"
                               "<li class='comment depth-2'><p>b</p></li></ol><p class='x'>c</p></div>")
    for css in ("li.comment", ".commentlist > li", "p.x, li p", "[class~='depth-2']"):
        assert select(doc, css) == doc.cssselect(css)
    from book.sources import css as css_module

    before = css_module._compiled.cache_info().hits
    select(doc, "li.comment")
    assert css_module._compiled.cache_info().hits == before + 1
