"""Kinds an eighth red-team round found: file names from other machines (bytes that are not UTF-8), a
shell left in a deleted folder, addresses that pass for others (a Cyrillic letter in a Latin host name),
names made of characters that print nothing, and captures of so many short blocks that extraction takes
minutes. Each is the tool's own one-line error at its place, or a result."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from book.sources import clean
from book.support.diagnostics import Diagnostic, Severity, printable
from book.support.text import invisible_only

from .edits import clean_failure as _clean_failure
from .edits import replace_once as _replace

ROOT = Path(__file__).resolve().parents[2]
TEXT_SAFE = os.path.supports_unicode_filenames is False   # Linux: names are bytes, any bytes


# ------------------------------------------------------------------ file names that are not UTF-8

@pytest.mark.skipif(not TEXT_SAFE, reason="the file system stores names as text")
def test_a_stray_file_whose_name_is_not_utf8_builds_and_is_named_by_its_bytes(minimal, cli, tmp_path):
    """A file copied from a Latin-1 machine into chapters/: the cache key hashed its name as UTF-8 and the
    build stopped with an internal error (UnicodeEncodeError), while `book check` passed."""
    (minimal / "chapters" / os.fsdecode(b"caf\xe9.md")).write_text("# x\n", encoding="utf-8")
    result = cli("build", "epub", "-m", str(minimal), "--out-dir", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    assert "chapters/caf\\xe9.md is not listed" in result.stderr      # E219, the name shown by its bytes
    assert list((tmp_path / "out").glob("*.epub"))


@pytest.mark.skipif(not TEXT_SAFE, reason="the file system stores names as text")
def test_a_manuscript_folder_whose_name_is_not_utf8_builds(tmp_path, minimal, cli):
    folder = Path(os.fsdecode(bytes(tmp_path) + b"/m\xff"))
    minimal.rename(folder)
    result = cli("build", "epub", "-m", str(folder), "--out-dir", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr


def test_a_diagnostic_shows_the_bytes_of_a_name_no_terminal_can_print():
    said = Diagnostic("E120", Severity.ERROR, "refused", Path(os.fsdecode(b"a\xff.md")), 3, 1).format()
    assert said == "a\\xff.md:3:1: error[E120]: refused"
    assert printable("lone \ud800 surrogate") == "lone \\ud800 surrogate"
    assert printable("café") == "café"


def test_a_deleted_working_folder_is_one_usage_error(tmp_path, minimal):
    """`book check -m /abs/path` from a shell whose folder was deleted: Path.cwd() raised in the
    manuscript's lookup, a traceback even with an absolute -m."""
    gone = tmp_path / "gone"
    gone.mkdir()
    script = (f"import os, sys; os.chdir({str(gone)!r}); os.rmdir({str(gone)!r}); "
              f"sys.argv = ['book', 'check', '-m', {str(minimal)!r}]; "
              "from book.cli.commands import main; main()")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "the current folder cannot be read" in result.stderr


# ------------------------------------------------------------------ addresses that pass for others

@pytest.mark.parametrize("url, said", [
    ("https://p\u0430ypal.com/x", "mixes letters of two of the Latin, Greek and Cyrillic alphabets"),
    ("https://xn--pypal-4ve.com/x", "'p\u0430ypal' mixes"),          # the same host, as punycode
    ("https://example.org/\u202egnp.exe", "it holds U+202E"),
    ("https://example.org:0/x", "port is not a number from 1 to 65535"),
    ("https://exa\u200bmple.com/", "it holds U+200B"), ("https://example.com/a\u00adb", "it holds U+00AD"),
    ("https://example.com/\u2060x", "it holds U+2060"), ("https://ex\u3164.com/", "it holds U+3164"),
    ("https://example.com/a\ufe0fb", "it holds U+FE0F"), ("https://exa\u034fmple.com/", "it holds U+034F"),
])
def test_a_look_alike_or_hidden_address_is_no_source_url(url, said):
    assert said in (clean.url_problem(url) or "")


@pytest.mark.parametrize("url", ["https://bücher.de/", "http://ελληνικά.gr/", "https://例え.jp/a",
                                 "https://xn--bcher-kva.de/", "https://example.org:8443/a",
                                 "https://example.com/cafe\u0301"])
def test_a_host_written_in_one_alphabet_passes(url):
    assert clean.url_problem(url) is None


def test_a_look_alike_url_in_a_source_is_dropped_at_its_line(minimal, cli):
    _replace(minimal / "sources" / "garden-letters.yaml", "url: https://example.org/garden-letters",
             "url: https://ex\u0430mple.org/garden-letters")
    result = cli("check", "-m", str(minimal))
    assert "garden-letters.yaml:7: warning[S310]" in result.stderr and "look-alike" in result.stderr


def test_import_options_and_capture_names_the_check_would_refuse_are_usage_errors(minimal, cli, tmp_path):
    capture = tmp_path / "letter.txt"
    capture.write_text("A letter\n\nDear friend, the roses are blooming at last this year.\n", encoding="utf-8")
    _clean_failure(cli("sources", "import", "-m", str(minimal), "--url", "https://p\u0430ypal.com/", str(capture)),
                   "Invalid value for '--url'", "look-alike")
    _clean_failure(cli("sources", "import", "-m", str(minimal), "--url", "https://example.org/\u202ex", str(capture)),
                   "it holds U+202E")
    _clean_failure(cli("sources", "import", "-m", str(minimal), "--author", "\u200b", str(capture)),
                   "Invalid value for '--author'", "print nothing")
    spoofed = tmp_path / "letter\u202etxt.html"          # shows as letterlmth.txt
    spoofed.write_bytes(capture.read_bytes())
    _clean_failure(cli("sources", "import", "-m", str(minimal), str(spoofed)),
                   "Invalid value for 'PATH'", "U+202E", "rename the file")
    assert sorted(p.name for p in (minimal / "sources").iterdir()) == ["garden-letters.edits.yaml",
                                                                       "garden-letters.yaml"]


def test_a_look_alike_canonical_link_is_not_kept(minimal, cli, tmp_path):
    page = tmp_path / "page.html"
    words = " ".join(["A paragraph of ordinary words that the extractor keeps as the article."] * 4)
    page.write_text(f'<html><head><title>Roses</title><link rel=canonical href="https://p\u0430ypal.com/x">'
                    f'</head><body><article><h1>Roses</h1><p>{words}</p><p>{words}</p></article></body></html>',
                    encoding="utf-8")
    result = cli("sources", "import", "-m", str(minimal), str(page))
    assert result.exit_code == 0, result.stderr
    assert "warning[S307]" in result.stderr
    assert "url: null" in (minimal / "sources" / "roses.yaml").read_text(encoding="utf-8")


# ------------------------------------------------------------------ names that print nothing

@pytest.mark.parametrize("value", ["\u200b", "\u2060\u200d", "\u3164", " \u00a0 ", "\u3000", "\u0301", "\u2800"])
def test_a_value_of_unseen_characters_only_is_found(value):
    assert invisible_only(value) is not None


@pytest.mark.parametrize("value", ["", "  ", "Ben\u200d Author", "e\u0301", "\U0001F468\u200d\U0001F469", "李"])
def test_a_value_with_anything_seen_passes(value):
    assert invisible_only(value) is None


@pytest.mark.parametrize("file, old, new, where", [
    ("book.yaml", "title: A Small Test Book", 'title: "\\u200b\\u200b"', "book.yaml:2:1"),
    ("book.yaml", "  - name: Ben Author", '  - name: "\u3164"', "book.yaml:8:5"),
    ("sources/garden-letters.yaml", "    author: Bartholomew", '    author: "\u200b"', "garden-letters.yaml:25:5"),
    ("sources/garden-letters.yaml", "    author: Bartholomew", '    author: "\u3000\u00a0"', "garden-letters.yaml:25:5"),
    ("sources/garden-letters.edits.yaml", "author: Winifred,", 'author: "\u2060",', "garden-letters.edits.yaml:8:"),
    ("sources/garden-letters.edits.yaml", "c1: {role: a gardener}", 'c1: {role: "\u200b"}', "garden-letters.edits.yaml:"),
])
def test_a_name_that_prints_nothing_is_E540_at_its_line(minimal, cli, file, old, new, where):
    """Each printed an attribution with no one in it ("— \u200b, a gardener") and passed `book check`."""
    _replace(minimal / file, old, new)
    said = _clean_failure(cli("check", "-m", str(minimal)), "error[E540]", where)
    assert said.count("error[") == 1


def test_an_imported_name_that_prints_nothing_is_unknown(minimal, cli, tmp_path):
    page = tmp_path / "page.html"
    words = " ".join(["A paragraph of ordinary words that the extractor keeps as the article."] * 4)
    page.write_text(f'<html><head><title>\u200b\u200b</title><meta name="author" content="\u3164"></head><body>'
                    f'<article><p>{words}</p><p>{words}</p></article></body></html>', encoding="utf-8")
    result = cli("sources", "import", "-m", str(minimal), "--id", "page", str(page))
    assert result.exit_code == 0, result.stderr
    assert cli("check", "-m", str(minimal)).exit_code == 0



@pytest.mark.parametrize("unseen", ["\u2800", "\u3164", "\u200b", "\u2060", "\u00a0\u2800"])
def test_a_captures_line_that_prints_nothing_is_not_stored_to_be_refused(minimal, cli, tmp_path, unseen):
    """A line of a blank Braille pattern alone was dropped by the reader and stored under `dropped`, where the
    check then refused it (E540): what prints nothing is not kept at all."""
    prose = " ".join(["The roses bloomed late this year and we waited for them with patience."] * 5)
    copy = tmp_path / "letter.txt"
    copy.write_text(f"Late Roses\n\nBy Ann Gale\n\n{prose}\n\n{unseen}\n\n{prose}\n\n{unseen}\n\n"
                    f"3 Comments\n\nRob Lane\n\nMay 4, 2021\n\n{unseen}\n\nMine too, all of them.\n", encoding="utf-8")
    result = cli("sources", "import", "-m", str(minimal), "--id", "letter", str(copy))
    assert result.exit_code == 0, result.stderr
    checked = cli("check", "-m", str(minimal))
    assert checked.exit_code == 0 and "E540" not in checked.stderr, checked.stderr


# ------------------------------------------------------------------ captures of countless short blocks

@pytest.mark.parametrize("name, body, said", [
    ("page.html", "<html><body><article>" + "<p>a b</p>\n" * (clean.MAX_BLOCKS + 1) + "</article></body></html>",
     f"more than {clean.MAX_BLOCKS:,} paragraphs, divisions and other blocks"),
    ("page.txt", "A title\n\n" + "a\n" * (clean.MAX_LINES + 1), f"more than {clean.MAX_LINES:,} lines of text"),
])
def test_a_capture_of_countless_short_blocks_is_refused_before_extraction(minimal, cli, tmp_path, name, body, said):
    """100,000 one-word paragraphs (a megabyte) took 78 s of CPU to import, a million one-word lines more than
    a minute: far inside MAX_TEXT, since each block costs, not each character."""
    capture = tmp_path / name
    capture.write_text(body, encoding="utf-8")
    _clean_failure(cli("sources", "import", "-m", str(minimal), str(capture)), f"{name}: error[S204]", said)


def test_the_block_count_stops_at_the_bound():
    assert clean.too_many_blocks("<p>x</p>" * clean.MAX_BLOCKS, True) is None
    assert clean.too_many_blocks("<P class=a>x" * (clean.MAX_BLOCKS + 1), True) is not None
    assert clean.too_many_blocks("x\n\n \n" * clean.MAX_LINES, False) is None     # blank lines are free


def test_nfc_and_nfd_names_of_one_source_are_told_apart_in_the_message(minimal, cli):
    nfd = unicodedata.normalize("NFD", "café")
    text = (minimal / "sources" / "garden-letters.yaml").read_text(encoding="utf-8")
    (minimal / "sources" / f"{nfd}.yaml").write_text(text.replace("id: garden-letters", f"id: {nfd}"), encoding="utf-8")
    _replace(minimal / "chapters" / "01-first.md", 'source="garden-letters" unit="post"', 'source="café" unit="post"')
    _clean_failure(cli("check", "-m", str(minimal)), "01-first.md:8: error[E310]", "in another Unicode form")


@pytest.mark.parametrize("title, said", [("\u200b", "print nothing"), ("a\u202eb", "U+202E")])
def test_a_new_books_title_the_check_would_refuse_is_a_usage_error(cli, tmp_path, title, said):
    """`book new --title` wrote it into book.yaml, and the book it promised would build at once failed
    `book check` (E540, E121)."""
    _clean_failure(cli("new", str(tmp_path / "book"), "--title", title), "Invalid value for '--title'", said)
    assert not (tmp_path / "book").exists()


def test_a_character_no_font_has_in_the_books_title_is_placed_in_book_yaml(minimal, cli, tmp_path):
    """The title page prints book.yaml's title; Typst's error named no file (only chapters were searched)."""
    _replace(minimal / "book.yaml", "title: A Small Test Book", "title: A Small Test Book 漢字")
    said = _clean_failure(cli("build", "pdf", "-m", str(minimal), "--out-dir", str(tmp_path / "out")))
    assert "book.yaml:2:" in said and "error[E506]" in said


def test_a_text_capture_of_direction_marks_alone_is_no_text(minimal, cli, tmp_path):
    """Its one unit held U+200F, U+200E and U+061C: imported, then refused by every `book check` (E540)."""
    capture = tmp_path / "marks.txt"
    capture.write_text("\u202e\u202a\u2066\u2069\u200f\u200e\n\u061c\n", encoding="utf-8")
    _clean_failure(cli("sources", "import", "-m", str(minimal), str(capture)), "marks.txt: error[S209]")


def test_a_build_folder_that_is_a_file_is_said_so(minimal, cli):
    """`build` saved as a file (an empty download named so): E509 said "File exists (m/build)"."""
    (minimal / "build").write_text("x", encoding="utf-8")
    said = _clean_failure(cli("build", "epub", "-m", str(minimal)), "error[E509]",
                          "a file stands where a folder is needed")
    assert said.count("error[") == 1
    assert (minimal / "build").read_text(encoding="utf-8") == "x"


def test_a_release_folder_below_a_file_is_refused_before_building(minimal, cli):
    """It was found only when the files were written, after both builds and the comparison (47 s here)."""
    (minimal / "build").write_text("x", encoding="utf-8")
    said = _clean_failure(cli("release", "-m", str(minimal), "--out-dir", str(minimal / "build" / "dist")),
                          "error[E702]", "build is not a folder, so")
    assert "Building" not in said
