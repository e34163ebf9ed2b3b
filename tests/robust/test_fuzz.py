"""Property-based tests (Hypothesis): any input ends in the tool's own error or a result, never another
exception. The chapter parser, the excerpt matcher, the YAML readers (book.yaml, sources, edits) and the
text and HTML importers are fed generated text.

CI runs a bounded number of examples per test (the ``book`` profile, 40 by default); more on demand:

    BOOK_FUZZ_EXAMPLES=5000 python -m pytest tests/robust/test_fuzz.py
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from book.editorial.excerpts import locate, nearest_passage
from book.manuscript import load_manuscript
from book.manuscript.chapter_parser import parse_sections, split_front_matter
from book.sources.importer import ImportOptions, import_capture
from book.sources.store import load_source
from book.support.diagnostics import BookError, Report
from book.support.text import decode_text
from book.support.yamlfile import parse_yaml

settings.register_profile("book", max_examples=int(os.environ.get("BOOK_FUZZ_EXAMPLES", "40")), deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.load_profile("book")

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

# Text with the characters that matter to each reader: fences, braces, quotes, YAML punctuation,
# HTML brackets, controls, surrogate-free Unicode of every category.
_ALPHABET = st.sampled_from(list(":::{}[]\"'#.-=*_`<>/\\&;!|>\n\t \r\x00\x0b\u2019\u2026\ufeff\u00e9\u05d0\U0001f600ab"))
SOUP = st.lists(st.one_of(_ALPHABET, st.characters(blacklist_categories=("Cs",))), max_size=400).map("".join)
LINES = st.lists(st.sampled_from([
    "---", "title: T", "...", "::: letter", "::: reply", ":::", "::::", "::: {.excerpt source=\"s\" unit=\"post\"}",
    "::: {.excerpt source=s unit=", "::: {#id .x key=\"v\" key2='w'}", "``` ", "```", "~~~", "text", "", "  - x",
    "[^1]: note", "![alt](images/x.png)", "<span>", "{", "}", "\t", "::: commentary {.x}",
]) | SOUP, max_size=40).map("\n".join)


@given(LINES)
def test_the_chapter_parser_reports_or_returns(text):
    report = Report()
    front, body, line = split_front_matter(text, Path("ch.md"), report)
    sections = parse_sections(body, line, Path("ch.md"), report)
    assert isinstance(sections, tuple)
    assert all(d.path == Path("ch.md") for d in report.items)


@given(SOUP, SOUP)
def test_the_excerpt_matcher_reports_or_returns(excerpt, unit):
    found = locate(excerpt, unit)
    assert isinstance(found, str) or 0 <= found.start <= found.end
    passage, score = nearest_passage(excerpt[:200], unit)
    assert isinstance(passage, str) and 0 <= score <= 100


@given(st.one_of(SOUP, st.binary(max_size=300).map(lambda b: b.decode("latin-1"))))
def test_the_yaml_reader_reports_or_returns(text):
    report = Report()
    parse_yaml(text, Path("book.yaml"), report)
    assert all(d.code in ("E101", "E540") for d in report.items)   # E540: a value that prints nothing


YAML_LINES = st.lists(st.sampled_from([
    "format: 1", "id: fuzz", "title: T", "url: javascript:x", "url: https://x.org", "published: 2021-02-30",
    "published: 2021-02-28", "units:", "  - id: post", "    kind: post", "    kind: comment", "    text: |",
    "      words", "    author: null", "    parent: c9", "    date: 2020-13-01", "dropped: []", "- x", "? a",
    "&a [*a, *a]", "rights: {status: quotation}", "voices:", "  - {unit: post, start: a, end: b, author: A}",
    "units: {c1: {author: X}}", "accessed: 99999-01-01", "title: [", "!!python/object:os.system x",
]) | SOUP, max_size=25).map("\n".join)


@given(YAML_LINES, YAML_LINES)
def test_the_source_and_edits_readers_report_or_return(source, edits):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "sources"
        folder.mkdir()
        (folder / "fuzz.yaml").write_text(source, encoding="utf-8", errors="surrogatepass")
        (folder / "fuzz.edits.yaml").write_text(edits, encoding="utf-8", errors="surrogatepass")
        report = Report()
        loaded = load_source(folder / "fuzz.yaml", report)
        assert loaded is not None or report.errors


BOOK_YAML = st.lists(st.sampled_from([
    "title: T", "creators: [{name: A, role: editor}]", "language: en", "identifier: urn:uuid:6f1c2f0e-3a4b-4c5d-8e9f-0a1b2c3d4e5f",
    "date: 2026-02-30", "date: 2026-01-15", "rights: r", "chapters: [chapters/a.md]", "chapters: [../x.md]",
    "structure: [{name: letter, required: true}]", "front_matter: [contents, x.md]", "print: {trim: 7x11}",
    "cover: {image: /dev/zero, alt: x}", "privacy: {commenters: pseudonyms}", "titel: T", "- x", "{",
]) | SOUP, max_size=20).map("\n".join)


@given(BOOK_YAML, LINES)
def test_the_manuscript_reader_reports_or_returns(config, chapter):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "chapters").mkdir()
        (root / "book.yaml").write_text(config, encoding="utf-8", errors="surrogatepass")
        (root / "chapters" / "a.md").write_text(chapter, encoding="utf-8", errors="surrogatepass")
        report = Report()
        try:
            manuscript = load_manuscript(root, report)
        except BookError:
            return
        assert manuscript is not None or report.errors


@given(st.binary(max_size=400))
def test_decoding_any_bytes_reports_or_returns(data):
    report = Report()
    text = decode_text(data, Path("x.md"), report)
    assert (text is None) == bool(report.errors)
    assert all(d.line is not None for d in report.items if d.code == "E106")


HTML_PIECES = st.lists(st.sampled_from([
    "<html>", "<head>", "<meta charset=utf-8>", '<link rel="canonical" href="javascript:alert(1)">', "<body>",
    "<article>", '<div class="comment">', "<p>", "</p>", "<xmp><script>x</script></xmp>", "<plaintext>",
    "<noembed><b>x</b></noembed>", "<script>alert(1)</script>", '<a href="javascript:x">y</a>', "</div>",
    '<span class="fn">Mary</span> says:', "<time datetime=2021-02-30>", "Reply", "<br>", "&amp;", "&#0;",
    "<!--", "-->", "<![CDATA[", "<svg onload=x>", "</article>", "</body>", "</html>",
]) | SOUP, max_size=40).map("".join)


@given(st.one_of(HTML_PIECES, LINES, SOUP), st.sampled_from(["capture.html", "capture.txt"]))
def test_the_importers_report_or_return(text, name):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "manuscript").mkdir()
        capture = root / name
        capture.write_text(text, encoding="utf-8", errors="surrogatepass")
        report = Report()
        written = import_capture(capture, root / "manuscript", ImportOptions(source_id="fuzz", force=True), report)
        assert written is not None or report.errors
        if written is not None:
            again = Report()
            load_source(written, again)
            assert not again.errors, [d.format() for d in again.errors]
