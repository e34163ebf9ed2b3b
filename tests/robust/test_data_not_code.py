"""URLs and markup are data, never code; dates are real dates wherever they are entered."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest


def _source(minimal: Path) -> Path:
    return minimal / "sources" / "garden-letters.yaml"


def _set(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("url", ["javascript:alert(document.cookie)", "JaVaScRiPt:alert(1)", "data:text/html,<b>x</b>",
                                 "https://example.org/a> <script>alert(1)</script>", "file:///etc/passwd",
                                 "vbscript:msgbox", "//example.org/no-scheme"])
def test_a_source_url_that_is_not_http_is_dropped_with_a_warning(minimal, cli, tmp_path, url):
    _set(_source(minimal), "url: https://example.org/garden-letters", f"url: {url!r}".replace("'", '"'))
    result = cli("build", "epub", "-m", str(minimal), "--out-dir", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    [line] = [line for line in result.stderr.splitlines() if "warning[S310]" in line]
    assert "garden-letters.yaml:7:" in line
    with zipfile.ZipFile(result.stdout.strip()) as epub:
        text = b"".join(epub.read(name) for name in epub.namelist()).decode("utf-8", "replace").lower()
    assert "javascript:" not in text and "<script" not in text and "vbscript:" not in text
    assert "file:///" not in text and "data:text/html" not in text
    strict = cli("check", "--strict", "-m", str(minimal))
    assert strict.exit_code == 1


def test_an_edits_file_url_is_held_to_the_same_rule(minimal, cli):
    edits = minimal / "sources" / "garden-letters.edits.yaml"
    edits.write_text(edits.read_text(encoding="utf-8") + 'url: "javascript:alert(1)"\n', encoding="utf-8")
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 0
    assert "garden-letters.edits.yaml" in result.stderr and "warning[S310]" in result.stderr


@pytest.mark.parametrize("html, words", [
    ('<a href="data:text/html,x">x</a>', "href="),
    ('<span style="background:url(https://x/y)">x</span>', "style="),
    ('<marquee>x</marquee>', "<marquee>"),
    ('<img src="https://example.org/pixel.png" alt="x">', "Markdown"),
    ('<svg><rect/></svg>', "<svg>"),
    ('<form action="https://x">', "<form>"),
    ('<link rel="stylesheet" href="https://x/y.css">', "<link>"),
])
def test_raw_html_that_nh3_would_change_is_refused_at_its_place(minimal, cli, html, words):
    chapter = minimal / "chapters" / "02-second.md"
    _set(chapter, "Another letter.", f"Another letter. {html}")
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 1
    line = next(line for line in result.stderr.splitlines() if "error[E22" in line)
    assert "02-second.md:11:17: error[E221]" in line and words in line


def test_e220_speaks_first_for_the_obvious(minimal, cli):
    chapter = minimal / "chapters" / "02-second.md"
    _set(chapter, "Another letter.", 'Another letter. <a href="javascript:alert(1)">x</a>')
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 1
    assert [line for line in result.stderr.splitlines() if "error[E22" in line] == [
        line for line in result.stderr.splitlines() if "02-second.md:11:26: error[E220]" in line]


def test_harmless_raw_html_and_code_spans_pass(minimal, cli, tmp_path):
    chapter = minimal / "chapters" / "02-second.md"
    _set(chapter, "Another letter.", 'Another <span lang="fr" class="x">lettre</span>.<br> '
                                     'Write `<marquee>` in code, <https://example.org> and <a href="https://example.org">a link</a>.')
    result = cli("build", "epub", "-m", str(minimal), "--out-dir", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr


# ------------------------------------------------------------------ dates

def test_an_impossible_date_in_a_source_is_an_error_at_its_place(minimal, cli):
    _set(_source(minimal), "published: 2020-05-04", "published: 2021-02-30")
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 1 and "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert "garden-letters.yaml:8:12: error[S108]: `published`: '2021-02-30' is not a real date" in result.stderr


@pytest.mark.parametrize("where, old, new, code", [
    ("source", "published: 2020-05-04", 'published: "2021-02-30"', "S108"),
    ("unit", "date: 2020-05-05", 'date: "2020-13-01"', "S108"),
    ("edits", "  status: quotation\n", '  status: quotation\n  granted_on: "2021-04-31"\n', "S108"),
    ("book.yaml", "date: 2026-01-15", "date: 2026-02-29", "E104"),
    ("book.yaml quoted", "date: 2026-01-15", 'date: "2026-02-29"', "E104"),
])
def test_impossible_dates_are_refused_everywhere(minimal, cli, where, old, new, code):
    path = {"source": _source(minimal), "unit": _source(minimal),
            "edits": minimal / "sources" / "garden-letters.edits.yaml"}.get(where, minimal / "book.yaml")
    _set(path, old, new)
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 1 and "internal error" not in result.stderr
    assert f"{path.name}:" in result.stderr and f"error[{code}]" in result.stderr


@pytest.mark.parametrize("option", ["--published", "--accessed"])
def test_an_impossible_date_on_the_command_line_is_a_usage_error(minimal, cli, option):
    capture = Path(__file__).resolve().parent.parent / "fixtures" / "sources" / "wordpress.html"
    result = cli("sources", "import", str(capture), "-m", str(minimal), option, "2021-02-30")
    assert result.exit_code == 2
    assert "not a real date" in result.stderr
    assert not (minimal / "sources" / "hour-before.yaml").exists()


def test_an_imported_javascript_canonical_link_is_not_written(minimal, cli, tmp_path):
    capture = tmp_path / "page.html"
    capture.write_text('<html><head><title>A Post</title><link rel="canonical" href="javascript:alert(1)"></head>'
                       "<body><article><h1>A Post</h1><p>The words of the post, long enough to be a post, about "
                       "therapy and trust and the hour before a session.</p></article></body></html>",
                       encoding="utf-8")
    result = cli("sources", "import", str(capture), "-m", str(minimal), "--id", "a-post")
    assert result.exit_code == 0 and "warning[S307]" in result.stderr, result.stderr
    text = (minimal / "sources" / "a-post.yaml").read_text(encoding="utf-8")
    assert "javascript" not in text.lower() and "url: null" in text
    typed = cli("sources", "import", str(capture), "-m", str(minimal), "--id", "a-post", "--force",
                "--url", "javascript:alert(2)")
    assert typed.exit_code == 2 and "Traceback" not in typed.stderr


@pytest.mark.parametrize("raw", ['```{=html}\n<script>alert(1)</script>\n```', '~~~ {=typst}\n#read("book.yaml")\n~~~',
                                 'Inline `<b>x</b>`{=html} here.', '```{ =latex }\n\\input{/etc/passwd}\n```'])
def test_raw_output_blocks_are_refused_and_never_reach_an_output(minimal, cli, tmp_path, raw):
    chapter = minimal / "chapters" / "02-second.md"
    _set(chapter, "Another letter.", f"Another letter.\n\n{raw}\n")
    result = cli("build", "all", "-m", str(minimal), "--out-dir", str(tmp_path / "out"))
    assert result.exit_code == 1 and "E506" not in result.stderr
    [line] = [line for line in result.stderr.splitlines() if "error[E222]" in line]
    assert "02-second.md:13:" in line
    assert not (tmp_path / "out").exists()


def test_pandoc_does_not_read_raw_output_even_if_it_got_there(tmp_path):
    """Defence in depth: with raw_attribute off, a {=html} block is a code block, printed as text."""
    from book.render.pandoc import HTML_ARGS, convert_documents

    [html] = convert_documents(["```{=html}\n<script>alert(1)</script>\n```\n"], HTML_ARGS, tmp_path)
    assert "<script>" not in html and "&lt;script&gt;" in html


@pytest.mark.parametrize("link, where", [
    ("[see](data:text/html;base64,PHNjcmlwdD4=)", "11:23"), ("[see](file:///etc/passwd)", "11:23"),
    ("<vbscript:msgbox>", "11:18"), ("[see](  <ftp://example.org/x>)", "11:26"),
    # judged as pandoc and a browser read them: character references, backslash escapes, the next line
    ("[see](java&#115;cript:alert(1))", "11:23"), ("[see](javascript\\:alert(1))", "11:23"),
    ("[see](&#x09;data&colon;text/html,x)", "11:23"), ("[see][r]\n\n   > [r]: &#106;avascript:alert(1)", "13:11"),
    ("[see](\n  data:text/html,x)", "12:3"),
])
def test_links_to_other_schemes_are_refused_at_their_place(minimal, cli, link, where):
    chapter = minimal / "chapters" / "02-second.md"
    _set(chapter, "Another letter.", f"Another letter. {link}")
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 1
    [line] = [line for line in result.stderr.splitlines() if "error[E223]" in line]
    assert f"02-second.md:{where}:" in line


def test_links_to_the_web_mail_and_the_book_pass(minimal, cli):
    chapter = minimal / "chapters" / "02-second.md"
    _set(chapter, "Another letter.", "Another letter. [web](https://example.org/a:b) <https://example.org> "
                                     "[mail](mailto:a@example.org) [here](#ch02-second-title) time 10:30.\n\n"
                                     "[ref]: https://example.org")
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("name, text", [("epub/book.css", "@import url(https://example.org/x.css);"),
                                        ("epub/book.css", "body { background: url('https://x.org/a.png') }"),
                                        ("epub/document.xhtml.j2", "<script src='x.js'></script>"),
                                        ("epub/nav.xhtml.j2", '<body onload="go()">')])
def test_a_style_override_that_runs_or_fetches_is_refused(minimal, cli, name, text):
    target = minimal / "styles" / name
    target.parent.mkdir(parents=True)
    target.write_text(f"/* the house style */\n{text}\n", encoding="utf-8")
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 1
    [line] = [line for line in result.stderr.splitlines() if "error[E224]" in line]
    assert f"{Path(name).name}:2:" in line


def test_a_style_override_with_local_urls_passes(minimal, cli):
    target = minimal / "styles" / "epub" / "book.css"
    target.parent.mkdir(parents=True)
    target.write_text("@font-face { src: url(fonts/x.otf) }\nh1 { background: url(#g) }\n", encoding="utf-8")
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("value", ["!!int abc", "!!float x"])
def test_a_tagged_value_yaml_cannot_build_is_an_error_not_a_crash(minimal, cli, value):
    config = minimal / "book.yaml"
    config.write_text(config.read_text(encoding="utf-8") + f"edition: {value}\n", encoding="utf-8")
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 1 and "internal error" not in result.stderr
    assert "book.yaml: error[E101]: a value cannot be read" in result.stderr


@pytest.mark.parametrize("old, new", [("author: Dr. Rosa Field", 'author: "Dr. Rosa\\0 Field"'),
                                      ("title: Letters About the Garden", 'title: "Letters\\x1b About"')])
def test_a_control_character_written_as_a_yaml_escape_is_refused(minimal, cli, tmp_path, old, new):
    _set(_source(minimal), old, new)
    result = cli("build", "pdf", "-m", str(minimal), "--out-dir", str(tmp_path / "out"))
    assert result.exit_code == 1 and "E506" not in result.stderr
    assert "garden-letters.yaml:" in result.stderr and "error[S122]" in result.stderr


def test_an_imported_capture_with_control_characters_loads(minimal, cli, tmp_path):
    """Found by the fuzzer: a form feed in a capture was written into the source, which then could not be read."""
    capture = tmp_path / "page.txt"
    capture.write_text("A Post About Trust\n\nThe first\x0cparagraph of the post, about trust\x07 and the hour before a "
                       "session.\n\nThe second paragraph, with a vertical\x0btab.\n", encoding="utf-8")
    result = cli("sources", "import", str(capture), "-m", str(minimal), "--id", "trust-post")
    assert result.exit_code == 0, result.stderr
    text = (minimal / "sources" / "trust-post.yaml").read_text(encoding="utf-8")
    assert not any(char in text for char in "\x0c\x07\x0b") and "\\x0c" not in text and "\\f" not in text
    check = cli("sources", "show", "trust-post", "-m", str(minimal))
    assert check.exit_code == 0, check.stderr


@pytest.mark.parametrize("where", ["book.yaml", "source"])
def test_a_scalar_the_yaml_library_trips_on_is_an_error(minimal, cli, where):
    """Found by the fuzzer: ruamel reads `-_` as a number and raises IndexError while building it."""
    path = minimal / "book.yaml" if where == "book.yaml" else _source(minimal)
    path.write_text(path.read_text(encoding="utf-8") + "odd: -_\n", encoding="utf-8")
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 1 and "internal error" not in result.stderr
    assert f"{path.name}: error[" in result.stderr


_POST = ("The words of the post, long enough to be a post, about therapy and trust and the hour before a session, "
         "with {link} in the middle of it.")


@pytest.mark.parametrize("link, kept", [
    ("[a link](javascript:alert(1))", "a link"), ("[a link](JaVaScRiPt:alert(1))", "a link"),
    ("[a link](<javascript:alert(1)>)", "a link"), ("[a link](java\\script:alert(1))", "a link"),
    ("[a link](&#106;avascript:alert(1))", "a link"), ("[a link](vbscript:msgbox)", "a link"),
    ("[a link](data:text/html,x)", "a link"), ("[a link](file:///etc/passwd)", "a link"),
    ("[a link](/relative/path)", "a link"), ("![a picture](data:image/png;base64,AAAA)", "a picture"),
    ("![a picture](https://example.org/pixel.png)", "a picture"), ("an autolink <javascript:alert(1)>", "an autolink"),
    ("[a link][r]\n\n[r]: javascript:alert(1)", "[a link][r]"),
    ("[a link](https://example.org/){onclick=alert(1)}", "[a link](https://example.org/)"),
    ("[a span]{onmouseover=alert(1)}", "a span"),
    ('<a href="javascript:alert(1)" title="t">shown code</a>', '\\<a title="t">shown code\\</a>'),
    ("<img src=x onerror=alert(1)>", "\\<img src=x>"), ("<img src=\"https://example.org/p.png\" alt=a>", "\\<img alt=a>"),
])
@pytest.mark.parametrize("suffix", [".txt", ".html"])
def test_a_captures_link_that_is_not_a_web_address_is_stored_as_its_text(minimal, cli, tmp_path, link, kept, suffix):
    capture = tmp_path / f"page{suffix}"
    body = _POST.format(link=link)
    if suffix == ".html":
        import html

        body = ("<html><head><title>A Post</title></head><body><article><h1>A Post</h1><p>"
                + html.escape(body).replace("\n\n", "</p><p>") + "</p></article></body></html>")
    else:
        body = f"A Post\nby Jane Doe\nMarch 3, 2021\n\n{body}\n"
    capture.write_text(body, encoding="utf-8")
    result = cli("sources", "import", str(capture), "-m", str(minimal), "--id", "a-post", "--published", "2021-03-03")
    assert result.exit_code == 0, result.stderr
    assert "warning[S326]" in result.stderr and "a-post.yaml:" in result.stderr
    stored = (minimal / "sources" / "a-post.yaml").read_text(encoding="utf-8")
    for word in ("javascript", "vbscript", "data:", "file:", "/relative", "onclick", "onmouseover", "onerror",
                 "pixel.png", "&#106;"):
        assert word not in stored.lower()
    assert kept in stored
    assert cli("check", "-m", str(minimal)).exit_code == 0


def test_a_captures_web_links_stay_and_no_warning_is_given(minimal, cli, tmp_path):
    capture = tmp_path / "page.txt"
    capture.write_text("A Post\nby Jane Doe\nMarch 3, 2021\n\n"
                       + _POST.format(link="[a link](https://example.org/a_(b) \"t\") and [brackets] (parens)") + "\n",
                       encoding="utf-8")
    result = cli("sources", "import", str(capture), "-m", str(minimal), "--id", "a-post", "--published", "2021-03-03")
    assert result.exit_code == 0 and "S326" not in result.stderr, result.stderr
    assert '[a link](https://example.org/a_(b) "t") and [brackets] (parens)' in \
        (minimal / "sources" / "a-post.yaml").read_text(encoding="utf-8")


def test_an_excerpt_of_a_writers_escaped_markup_is_text_not_a_tag(minimal, cli, tmp_path):
    """A source's unit escapes every "<" its writer typed (``\\<script>``), and `book sources show` prints it
    so; an excerpt copied from it is text for pandoc, and builds, printed as the writer's characters."""
    words = "She wrote \\<script>alert(1)\\</script> and \\<iframe> on the board, then \\<b>this\\</b>."
    _set(_source(minimal), "Patience is the whole of the secret.", f"Patience is the whole of the secret. {words}")
    _set(minimal / "chapters" / "02-second.md", "Patience is the whole of the secret.",
         f"Patience is the whole of the secret. {words}")
    result = cli("build", "epub", "-m", str(minimal), "--out-dir", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(result.stdout.strip()) as epub:
        text = b"".join(epub.read(name) for name in epub.namelist() if name.endswith(".xhtml")).decode("utf-8")
    assert "<script" not in text and "<iframe" not in text
    assert "She wrote &lt;script&gt;alert(1)&lt;/script&gt; and &lt;iframe&gt;" in text


@pytest.mark.parametrize("line, code", [("Two \\\\<script>alert(1)</script> backslashes.", "E220"),
                                        ("Two \\\\<marquee>x</marquee> backslashes.", "E221")])
def test_an_escaped_backslash_before_a_tag_leaves_the_tag_a_tag(minimal, cli, line, code):
    _set(minimal / "chapters" / "02-second.md", "Another letter.", f"Another letter. {line}")
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 1 and f"error[{code}]" in result.stderr
