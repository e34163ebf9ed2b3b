"""Kinds of bad input beyond the first corpus: markup nested past reason (E225), YAML files of millions
of values (E226, S134), a build stopped by SIGTERM or killed outright, and a name the privacy map
finds in a long thread. Each ends in a located error or a clean result, quickly, and leaves nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from book.editorial.privacy import NameMap


def _add(minimal: Path, text: str) -> None:
    chapter = minimal / "chapters" / "01-first.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace(
        "Our own commentary.", "Our own commentary.\n\n" + text + "\n", 1), encoding="utf-8")


def _only_error(result, code: str) -> str:
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if f"error[{code}]" in line]
    assert len(lines) == 1, result.stderr
    return lines[0]


DEEP = {
    "block quotes": (">" * 3000 + " deep", "block quotes nested 3000 deep"),
    "lists": ("\n".join("  " * i + "- item" for i in range(2000)), "indented 66 columns"),
    "fenced divs": (":::: {.x}\n" * 40 + "inner\n" + "::::\n" * 40, "fenced divs nested 17 deep"),
    "brackets": ("[" * 20000 + "x" + "]" * 20000, "brackets ([…], links and spans) nested 20000 deep"),
    "list markers on one line": ("- " * 40 + "x", "lists nested 40 deep on one line"),
}


@pytest.mark.parametrize("kind", sorted(DEEP))
def test_markup_nested_past_reason_is_refused_at_its_line(minimal, cli, kind):
    """Pandoc's reader takes minutes on 3,000 nested list items and Typst's parser stops: E225 first."""
    text, said = DEEP[kind]
    _add(minimal, text)
    started = time.monotonic()
    result = cli("build", "all", "-m", str(minimal), "--out-dir", str(minimal.parent / "out"))
    assert result.exit_code == 1
    line = _only_error(result, "E225")
    assert "01-first.md:" in line and said in line
    assert time.monotonic() - started < 30
    assert not (minimal.parent / "out").exists()


def test_nesting_a_book_needs_passes(minimal, cli):
    _add(minimal, "> quoted\n>\n> > quoted in a quote\n\n- a\n  - b\n    - c\n\n"
                  "[a link [with brackets]](https://example.org) and \\[\\[\\[ escaped")
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 0, result.stderr


def test_a_book_yaml_of_millions_of_values_is_refused_quickly(minimal, cli):
    config = minimal / "book.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "padding: [" + ", ".join(["x"] * 400_000) + "]\n",
                      encoding="utf-8")
    started = time.monotonic()
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 1
    line = _only_error(result, "E226")
    assert "book.yaml:" in line and "more than 100,000 values" in line
    assert time.monotonic() - started < 20


def test_a_broken_source_too_large_to_locate_is_s134(minimal, cli, monkeypatch):
    """At the real limit (300,000 values) the file takes a minute to write and read here: a lower one."""
    import book.sources.store

    monkeypatch.setattr(book.sources.store, "MAX_SOURCE_NODES", 3_000)
    source = minimal / "sources" / "garden-letters.yaml"
    units = "".join(f"  - id: x{i}\n    kind: comment\n    author: A\n    parent: null\n    date: 2020-05-05\n"
                    f"    text: |\n      words\n" for i in range(400))
    text = source.read_text(encoding="utf-8")
    assert text.rstrip().endswith("the whole of the secret.")   # the units list ends the file
    text = text.rstrip("\n") + "\n" + units
    source.write_text(text.replace("kind: comment", "kinds: comment", 1), encoding="utf-8")   # a key it lacks
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 1
    line = _only_error(result, "S134")
    assert "garden-letters.yaml:" in line and "more than 3,000 values" in line


def test_a_person_found_whole_is_not_searched_again():
    """Every unit's author is looked up; a search of each through the whole map made a 30,000-comment
    thread take half a minute."""
    names = NameMap.build({f"Person {i}": f"P{i}." for i in range(3000)})
    calls = []
    original = names.apply
    object.__setattr__(names, "apply", lambda *a, **k: calls.append(a) or original(*a, **k))
    assert names.person("Person 7") == "P7."
    assert calls == []
    assert names.person("Dear Person 8") == "Dear P8."


def _book(*args: str, tmp: Path) -> subprocess.Popen:
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", TMPDIR=str(tmp))
    return subprocess.Popen([sys.executable, "-m", "book", *args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _running(pid: int) -> bool:
    """Whether a process is there and not a zombie waiting to be reaped."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _cmdline(pid: int) -> str:
    """A process's command line, or "" when it has ended since it was listed."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_text(errors="replace")
    except OSError:
        return ""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc and PR_SET_PDEATHSIG")
@pytest.mark.parametrize("how", ["SIGTERM", "SIGKILL"])
def test_a_build_stopped_from_outside_leaves_no_pandoc_and_no_files(minimal, tmp_path, how):
    """SIGTERM unwinds as Ctrl-C does (exit 130, clean-up runs); after SIGKILL the kernel ends pandoc."""
    out, tmp = tmp_path / "out", tmp_path / "tmp"
    tmp.mkdir()
    first = _book("build", "all", "-q", "-m", str(minimal), "--out-dir", str(out), tmp=tmp)
    assert first.wait(120) == 0, first.stderr.read()
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    _add(minimal, " ".join(["word"] * 300_000))       # pandoc runs for a few seconds on this
    proc = _book("build", "all", "--no-cache", "-m", str(minimal), "--out-dir", str(out), tmp=tmp)
    deadline = time.monotonic() + 60
    pandoc = []
    while not pandoc and time.monotonic() < deadline and proc.poll() is None:
        pandoc = [c for c in _children(proc.pid) if "pandoc" in _cmdline(c)]
        time.sleep(0.05)
    assert pandoc, "pandoc never started"
    proc.send_signal(signal.SIGTERM if how == "SIGTERM" else signal.SIGKILL)
    code = proc.wait(60)
    assert code == (130 if how == "SIGTERM" else -signal.SIGKILL)
    if how == "SIGTERM":
        assert "interrupted" in proc.stderr.read() and list(tmp.iterdir()) == []
    time.sleep(0.5)
    assert not _running(pandoc[0])
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before


@pytest.mark.parametrize("word", ["x" * 6_000, "<https://example.org/" + "a" * 9_000 + ">"])
def test_a_word_longer_than_pandoc_can_write_is_refused_at_its_place(minimal, cli, word):
    """Pandoc's Typst writer is quadratic in a word's length (100,000 characters: two minutes)."""
    _add(minimal, "Before " + word + " after.")
    started = time.monotonic()
    result = cli("build", "all", "-m", str(minimal), "--out-dir", str(minimal.parent / "out"))
    assert result.exit_code == 1
    line = _only_error(result, "E228")
    assert "01-first.md:22:8:" in line
    assert time.monotonic() - started < 30


@pytest.mark.parametrize("key, value", [("url", "https://example.org/" + "a" * 9_000), ("title", "Garden" * 1_000)])
def test_a_source_value_longer_than_a_line_is_refused_at_its_line(minimal, cli, key, value):
    source = minimal / "sources" / "garden-letters.yaml"
    lines = source.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith(f"{key}: "))
    lines[number] = f"{key}: {value}"
    source.write_text("\n".join(lines), encoding="utf-8")
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 1
    line = _only_error(result, "S135")
    assert f"garden-letters.yaml:{number + 1}:" in line and f"`{key}` is {len(value):,} characters long" in line


def test_a_long_attribution_set_first_fit_is_still_typst(minimal, cli, monkeypatch, tmp_path):
    """A very long paragraph is wrapped in a first-fit set rule; in an attribution it is made inline, and
    the rule must end there (";"), or Typst read the line break after it as code."""
    import book.pdf.document

    monkeypatch.setattr(book.pdf.document, "LONG_PARAGRAPH", 40)
    source = minimal / "sources" / "garden-letters.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "title: Letters About the Garden", "title: Letters About the Garden and the Roses in It, Week by Week", 1),
        encoding="utf-8")
    result = cli("build", "pdf", "-m", str(minimal), "-o", str(tmp_path / "book.pdf"))
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("char", ["\u202e", "\u202a", "\u2066", "\u2069", "\u206e"])
def test_an_invisible_format_character_is_refused_at_its_place(minimal, cli, char):
    """Trojan Source: a right-to-left override shows 'evil' as 'live'; a book holds none of them."""
    _add(minimal, f"Look {char}evil and more.")
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 1
    line = _only_error(result, "E121")
    assert "01-first.md:22:6:" in line and f"U+{ord(char):04X}" in line and "invisible format character" in line


def test_joiners_and_zero_width_spaces_a_script_needs_pass(minimal, cli):
    _add(minimal, "An emoji family \U0001F468\u200d\U0001F469, a Persian word \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645, "
                  "a break opportunity in a/\u200blong/path and [\u05e9\u05dc\u05d5\u05dd]{dir=rtl lang=he}.")
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("where, old, new", [
    ("book.yaml", "title: A Small Test Book", 'title: "A Small \\0Test Book"'),
    ("book.yaml", "name: Ben Author", 'name: "Ben\\u202e rohtuA"'),
    ("chapters/01-first.md", "title: The First Chapter", 'title: "The \\u202eFirst"'),
])
def test_a_yaml_escape_cannot_write_what_the_file_may_not_hold(minimal, cli, where, old, new):
    """A NUL written "\\0" in book.yaml was an internal error; an override written "\\u202e" was printed."""
    path = minimal / where
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    result = cli("build", "all", "-m", str(minimal), "--out-dir", str(minimal.parent / "out"))
    assert result.exit_code == 1
    line = _only_error(result, "E229")
    assert f"{Path(where).name}:" in line and "a YAML escape writes the" in line


def test_an_imported_capture_loses_its_invisible_format_characters(minimal, cli, tmp_path):
    capture = tmp_path / "page.txt"
    capture.write_text("A Post \u202eAbout Trust\n\nThe first paragraph of the post, about \u2066trust\u2069 and "
                       "the hour before a session.\n", encoding="utf-8")
    result = cli("sources", "import", str(capture), "-m", str(minimal), "--id", "trust-post")
    assert result.exit_code == 0, result.stderr
    text = (minimal / "sources" / "trust-post.yaml").read_text(encoding="utf-8")
    assert not any(char in text for char in "\u202e\u2066\u2069") and "\\u202" not in text.lower()
    assert cli("check", "-m", str(minimal)).exit_code == 0


@pytest.mark.parametrize("markdown, said", [
    ('[see](https://example.org){onclick="alert(1)"}', 'onclick="alert(1)"'),
    ('[text]{style="background: url(https://evil.example/x.png)"}', "style="),
    ("![a square](images/x.png){src=https://evil.example/x.png}", "src="),
    ("#### Heading {data-x=1}", "data-x="),
    ('[x]{source="javascript:alert(1)"}', "source="),
])
def test_a_pandoc_attribute_is_held_to_the_raw_html_allow_list(minimal, cli, markdown, said):
    """Pandoc writes {key=value} into the EPUB as HTML attributes: a handler or a style reached it."""
    _add(minimal, markdown)
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 1
    line = _only_error(result, "E227")
    assert "01-first.md:22:" in line and said in line


def test_attributes_a_book_uses_pass(minimal, cli):
    _add(minimal, '[Bonjour]{lang=fr} and [a title]{.smallcaps title="a note"} and [\u05e9]{dir=rtl}\n\n'
                  "### A heading {#a-heading}")
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("markdown, line, said", [
    ("#### Skipped\n\ntext", 22, "a level-4 heading under the level-2 heading before it: write '###'"),
    ("### One\n\ntext\n\n##### Three", 26, "a level-5 heading under the level-3 heading before it: write '####'"),
    ("# A second chapter?\n\ntext", 22, "a level-1 heading under the title above it: write '###'"),
])
def test_a_heading_that_skips_a_level_is_refused_at_its_line(minimal, cli, markdown, line, said):
    """PDF/UA-1 refuses a skipped heading level: that was an E506 naming no file."""
    _add(minimal, markdown)
    result = cli("build", "all", "-m", str(minimal), "--out-dir", str(minimal.parent / "out"))
    assert result.exit_code == 1
    found = _only_error(result, "E239")
    assert f"01-first.md:{line}:1:" in found and said in found


def test_headings_one_level_at_a_time_build(minimal, cli, tmp_path):
    _add(minimal, "### One\n\ntext\n\n#### Two\n\ntext\n\n### Three\n\ntext")
    result = cli("build", "all", "-q", "-m", str(minimal), "--out-dir", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr


def test_a_character_no_font_has_is_placed_where_the_chapter_writes_it(minimal, cli, tmp_path):
    """Typst names only its generated source; the error is placed at the character's line and column."""
    _add(minimal, "A private \U0010fffd sign.")
    result = cli("build", "pdf", "-m", str(minimal), "-o", str(tmp_path / "book.pdf"))
    assert result.exit_code == 1
    line = _only_error(result, "E506")
    assert "01-first.md:22:11:" in line and "could not be displayed" in line


@pytest.mark.parametrize("args, said", [
    (("build", "mobi"), "'mobi' is not one of"),
    (("sources", "import", "page.txt", "--url", "javascript:alert(1)"), "is not an http or https address"),
    (("build", "epub", "-o", "."), "is a directory"),
])
def test_a_usage_error_is_one_line_with_where_the_help_is(minimal, cli, args, said):
    result = cli(*args, "-m", str(minimal))
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and said in lines[0] and "--help')" in lines[0]


@pytest.mark.parametrize("encode, said", [
    (lambda text: text.encode("utf-16"), "file is UTF-16 text, not UTF-8"),
    (lambda text: text.replace("\n", "\r").encode("utf-8"), "old Mac line endings"),
])
def test_a_chapter_saved_as_utf16_or_with_cr_line_endings_says_so(minimal, cli, encode, said):
    chapter = minimal / "chapters" / "01-first.md"
    chapter.write_bytes(encode(chapter.read_text(encoding="utf-8")))
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 1 and "01-first.md:1:" in result.stderr and said in result.stderr
    assert "Traceback" not in result.stderr


def test_bom_and_crlf_files_build(minimal, cli, tmp_path):
    for path in minimal.rglob("*"):
        if path.is_file():
            path.write_bytes(b"\xef\xbb\xbf" * path.name.endswith(".md") + path.read_bytes().replace(b"\n", b"\r\n"))
    result = cli("build", "all", "-q", "-m", str(minimal), "--out-dir", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("markdown, said", [
    ("### Same {#same}\n\ntext\n\n### Same {#same}", "the id 'same' is used twice (first at line 22)"),
    ("[x]{#ch01-first--reply}", "the id 'ch01-first--reply' has the form of an id the book gives"),
    ("[y]{#fn1 .note}", "the id 'fn1' has the form"),
    ("[z]{#ch01-first-title}", "the id 'ch01-first-title' has the form"),
])
def test_an_id_used_twice_or_taken_by_the_book_is_refused(minimal, cli, markdown, said):
    """Two elements with one id in the EPUB: epubcheck's RSC-005, and links going to either."""
    _add(minimal, markdown)
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 1
    line = _only_error(result, "E241")
    assert "01-first.md:" in line and said in line


def test_a_typesetting_error_in_the_books_own_design_names_it(minimal, cli, tmp_path):
    """The design may read files: Typst's root is the manuscript, so /etc/passwd is not found, and
    the error names the manuscript's own book.typ rather than nothing."""
    (minimal / "styles" / "pdf").mkdir(parents=True)
    (minimal / "styles" / "pdf" / "book.typ").write_text('#read("/etc/passwd")\n', encoding="utf-8")
    result = cli("build", "pdf", "-m", str(minimal), "-o", str(tmp_path / "book.pdf"))
    assert result.exit_code == 1
    line = _only_error(result, "E506")
    assert "styles/pdf/book.typ: error[E506]" in line and "file not found" in line
    assert not (tmp_path / "book.pdf").exists()


@pytest.mark.parametrize("where, old", [("chapters/01-first.md", "title: The First Chapter"),
                                        ("book.yaml", "title: A Small Test Book")])
def test_a_title_of_a_hundred_thousand_characters_is_refused_at_its_line(minimal, cli, where, old):
    path = minimal / where
    path.write_text(path.read_text(encoding="utf-8").replace(old, "title: " + "Long " * 20_000, 1), encoding="utf-8")
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert f"{Path(where).name}:2:1:" in result.stderr and "it is 99,999 characters long; at most 5,000" in result.stderr
