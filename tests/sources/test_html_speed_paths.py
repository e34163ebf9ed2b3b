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


def test_the_detectors_memo_of_texts_lives_only_while_it_reads(monkeypatch) -> None:
    """Texts are laid out once while the general detector reads a page, and read afresh after it (the
    readers then change the page: a kept text would be stale), also when the detector fails."""
    from book.sources import engines, html_thread

    doc = lxml_html.fromstring("<div><div class='c'><span class='name'>Ann Lee</span><time datetime='2020-01-02'>"
                               "2 Jan 2020</time><p>First words of a comment here.</p></div><div class='c'>"
                               "<span class='name'>Bo Chen</span><time datetime='2020-01-03'>3 Jan 2020</time>"
                               "<p>Second words of a comment here.</p></div></div>")
    seen: list = []
    reading = []
    real_text, real_run = html_thread.spaced_text, html_thread._best_run
    monkeypatch.setattr(html_thread, "spaced_text", lambda el: (seen.append(el) if reading else None) or real_text(el))

    def run(page):
        reading.append(True)
        try:
            return real_run(page)
        finally:
            reading.clear()

    monkeypatch.setattr(html_thread, "_best_run", run)
    html_thread.repeated_blocks(doc, engines.GENERIC)
    assert seen and len(seen) == len(set(seen))          # each element laid out once while the detector reads
    assert html_thread._RAW_MEMO.get() is None
    first = doc.find(".//p")
    first.text = "Changed."
    assert html_thread._raw(first) == "Changed."

    def broken(_doc):
        raise RuntimeError("stop")

    monkeypatch.setattr(html_thread, "_best_run", broken)
    try:
        html_thread.repeated_blocks(doc, engines.GENERIC)
    except RuntimeError:
        pass
    assert html_thread._RAW_MEMO.get() is None


def test_a_title_of_thousands_of_parts_gives_a_linear_number_of_short_runs() -> None:
    """Every run of adjacent parts of a 1,500-part ``<title>`` was 1.1 million strings of 2,000 characters on
    average (2.3 GB); a heading prints a few parts of it, or the whole."""
    from book.sources.capture_html import _RUN_PARTS, _runs_of_parts

    title = "a | " * 1500
    runs = _runs_of_parts(title)
    assert title in runs and len(runs) <= _RUN_PARTS * 1501 + 1
    assert max(len(run) for run in runs if run != title) <= 4 * _RUN_PARTS
    assert set(_runs_of_parts("A - B | C")) == {"A", "B", "C", "A - B", "B | C", "A - B | C"}
