"""Kinds a seventh red-team round found: dates a real book and its sources cannot have, language tags no
registry holds, file names that give a page the id of another document, and the costs of one very long
paragraph in the check and the importer. Each is the tool's own one-line error at its place, or a result."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from book.config import language_problem
from book.manuscript import ids
from book.sources import clean
from book.support import dates

from .edits import replace_once as _replace

ROOT = Path(__file__).resolve().parents[2]


def _fails(cli, minimal: Path, *said: str) -> str:
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    for words in said:
        assert words in result.stderr, result.stderr
    return result.stderr


# ------------------------------------------------------------------ dates

@pytest.mark.parametrize("date, said", [("9999-12-31", "more than 10 years from today"),
                                        ("1970-01-01", "older than the web")])
def test_the_books_date_is_one_a_book_can_be_published_on(minimal, cli, date, said):
    _replace(minimal / "book.yaml", "date: 2026-01-15", f"date: {date}")
    _fails(cli, minimal, "book.yaml:13:1: error[E104]", said)


def test_a_planned_publication_in_the_permission_letters_is_held_to_the_same_window(minimal, cli):
    _replace(minimal / "book.yaml", "date: 2026-01-15", "date: 2026-01-15\npermissions:\n  publication: 0001-01-01")
    _fails(cli, minimal, "error[E104]: 'permissions.publication': 0001-01-01 cannot be the book's publication")


@pytest.mark.parametrize("old, new, where, said", [
    ("published: 2020-05-04", "published: 0001-01-01", "garden-letters.yaml:8:12", "Gregorian calendar"),
    ("accessed: 2026-01-10", "accessed: 9999-12-31", "garden-letters.yaml:10:11", "after today"),
    ("accessed: 2026-01-10", "accessed: 1985-06-01", "garden-letters.yaml:10:11", "older than the web"),
    ("published: 2020-05-04", "published: 2026-05-04", "garden-letters.yaml:8:12", "after the capture's `accessed`"),
    ("    date: 2020-05-05", "    date: 2026-02-01", "garden-letters.yaml:", "`date` of unit c1: 2026-02-01 cannot be a quote's"),
])
def test_a_sources_dates_are_held_to_what_they_mean_at_their_line_and_column(minimal, cli, old, new, where, said):
    _replace(minimal / "sources" / "garden-letters.yaml", old, new)
    _fails(cli, minimal, where, "error[S108]", said)


def test_a_quote_dated_the_day_after_its_capture_passes_for_the_time_zones(minimal, cli):
    _replace(minimal / "sources" / "garden-letters.yaml", "    date: 2020-05-05", "    date: 2026-01-11")
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 0, result.stderr


def test_the_window_grows_with_time_and_never_shuts_a_date_that_passed(monkeypatch):
    assert dates.date_problem("accessed", dates.today()) is None
    assert dates.date_problem("accessed", dates.today() + dt.timedelta(days=1)) is None
    assert dates.date_problem("accessed", dates.today() + dt.timedelta(days=2)) is not None
    assert dates.date_problem("publication", dt.date(dates.today().year + 9, 1, 1)) is None
    assert dates.date_problem("published", dt.date(1582, 10, 15)) is None
    assert dates.date_problem("published", dt.date(1582, 10, 14)) is not None
    monkeypatch.setattr(dates, "today", lambda: dt.date(2028, 2, 29))
    assert dates.latest("publication") == dt.date(2038, 2, 28)


def test_an_import_option_outside_the_window_is_a_usage_error(minimal, cli, tmp_path):
    capture = tmp_path / "letter.txt"
    capture.write_text("A letter\n\nby Someone\n\nDear friend, the roses are in bloom again this year.\n", encoding="utf-8")
    result = cli("sources", "import", str(capture), "-m", str(minimal), "--accessed", "9999-12-31")
    assert result.exit_code == 2 and "cannot be a capture" in result.stderr, result.stderr
    assert not (minimal / "sources" / "letter.yaml").exists()


def _page_dated_2099(tmp_path: Path) -> Path:
    """A real-looking article whose metadata dates it 2099-05-04: a date no page can have."""
    capture = tmp_path / "page.html"
    words = " ".join(["The roses bloomed late this year, and we waited for them patiently."] * 12)
    capture.write_text(f"""<!doctype html><html lang="en"><head><title>Late Roses</title>
<meta property="article:published_time" content="2099-05-04T10:00:00Z"></head>
<body><article><h1>Late Roses</h1><p>{words}</p><p>{words}</p></article></body></html>""", encoding="utf-8")
    return capture


def test_a_date_a_page_gives_that_it_cannot_have_is_not_kept(minimal, cli, tmp_path):
    capture = _page_dated_2099(tmp_path)
    result = cli("sources", "import", str(capture), "-m", str(minimal), "--accessed", "2026-01-10", "--id", "late")
    assert result.exit_code == 0, result.stderr
    assert "warning[S336]" in result.stderr and "2099-05-04" in result.stderr, result.stderr
    stored = (minimal / "sources" / "late.yaml").read_text(encoding="utf-8")
    assert "2099" not in stored


# ------------------------------------------------------------------ language tags

@pytest.mark.parametrize("tag, said", [("zz", "'zz' is no language of the IANA registry"),
                                       ("en-GB-GB", "no 'GB' that can follow 'en-GB'"),
                                       ("und", "names no language"), ("en_GB", "not a language tag")])
def test_the_books_language_is_held_to_the_iana_registry(minimal, cli, tag, said):
    _replace(minimal / "book.yaml", "language: en", f"language: {tag}")
    _fails(cli, minimal, "book.yaml:10:1: error[E104]", said)


@pytest.mark.parametrize("tag", ["en", "en-GB", "pt-BR", "sr-Latn", "sr-Latn-RS", "de-CH-1996", "tlh", "EN-gb",
                                 "zh-Hant-TW", "yue"])
def test_registered_tags_pass(tag):
    assert language_problem(tag) is None


def test_the_letters_languages_are_held_to_the_registry_too(minimal, cli):
    _replace(minimal / "book.yaml", "date: 2026-01-15", "date: 2026-01-15\npermissions:\n  languages: [en, qq]")
    _fails(cli, minimal, "error[E104]: 'permissions.languages'", "'qq' is no language")


# ------------------------------------------------------------------ ids of pages

@pytest.mark.parametrize("name, holder", [("nav", "nav.xhtml"), ("cover", "cover.xhtml"),
                                          ("copyright", "the page 'copyright' the book makes"),
                                          ("ch01-first", "front/ch01-first.md")])
def test_a_page_named_like_another_document_is_refused_not_lost(minimal, cli, name, holder):
    (minimal / "front" / "preface.md").rename(minimal / "front" / f"{name}.md")
    _replace(minimal / "book.yaml", "front/preface.md", f"front/{name}.md")
    _fails(cli, minimal, "error[E214]", holder)


def test_two_pages_whose_names_have_no_latin_letter_are_told_apart_or_refused(minimal, cli):
    (minimal / "front" / "preface.md").rename(minimal / "front" / "序.md")
    (minimal / "back").mkdir()
    (minimal / "back" / "跋.md").write_text("# 跋\n\n后记。\n", encoding="utf-8")
    _replace(minimal / "book.yaml", "front/preface.md", "front/序.md")
    _replace(minimal / "book.yaml", "back_matter:\n", "back_matter:\n  - back/跋.md\n")
    _fails(cli, minimal, "error[E214]")


# ------------------------------------------------------------------ long input, linear

def test_one_walk_finds_the_ids_and_links_and_passes_over_words():
    tree = {"blocks": [{"t": "Header", "c": [2, ["d000001.md__roses", [], []], [{"t": "Str", "c": "Roses"}]]},
                       {"t": "Para", "c": [{"t": "Str", "c": "see"}, {"t": "Space"},
                                           {"t": "Link", "c": [["", [], []], [{"t": "Str", "c": "x"}],
                                                               ["#d000001.md__roses", ""]]},
                                           {"t": "Span", "c": [["d000001.md__s", [], []], []]}]}]}
    found, targets = ids._ids_and_targets(tree)
    assert sorted(found) == ["", "d000001.md__roses", "d000001.md__s"] and targets == ["d000001.md__roses"]
    assert ids.ids_and_links([json.dumps(tree)], 2) == [(frozenset(), frozenset()),
                                                       (frozenset({"roses", "s"}), frozenset({"roses"}))]


@pytest.mark.parametrize("text", ["one two  three", "好 机器人？ 2020年10月", "", "a\u3000b", "引用自哪 words"])
def test_words_are_counted_the_same_with_or_without_unspaced_scripts(text):
    slow = sum(max(1, -(-len(clean._UNSPACED.findall(token)) // clean._CHARS_PER_WORD)) for token in text.split())
    assert clean.text_words(text) == slow


def test_one_file_listed_twice_under_two_spellings_is_listed_twice_not_a_clash(minimal, cli):
    _replace(minimal / "book.yaml", "  - chapters/02-second.md", "  - ./chapters/../chapters/01-first.md")
    stderr = _fails(cli, minimal, "book.yaml:27:5: error[E110]")
    assert "E214" not in stderr


@pytest.mark.parametrize("relative, line", [("chapters/01-first.md", 3), ("sources/garden-letters.yaml", 5),
                                            ("book.yaml", 2)])
def test_a_byte_order_mark_left_at_a_lines_start_by_joining_files_is_refused_at_it(minimal, cli, relative, line):
    path = minimal / relative
    lines = path.read_bytes().split(b"\n")
    lines[line - 1] = b"\xef\xbb\xbf" + lines[line - 1]
    path.write_bytes(b"\xef\xbb\xbf" + b"\n".join(lines))        # the file's own first mark is fine
    _fails(cli, minimal, f"{relative}:{line}:1: error[E121]: a byte-order mark")


def test_a_byte_order_mark_inside_a_line_stays_a_zero_width_no_break_space(minimal, cli):
    _replace(minimal / "chapters" / "01-first.md", "Our own commentary.", "Our own\ufeffcommentary.")
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 0, result.stderr


def test_a_publication_date_the_edits_give_is_held_to_the_capture_too(minimal, cli):
    edits = minimal / "sources" / "garden-letters.edits.yaml"
    edits.write_text("published: 2026-03-01\n" + edits.read_text(encoding="utf-8"), encoding="utf-8")
    _fails(cli, minimal, "garden-letters.edits.yaml:1:12: error[S108]", "after the capture's `accessed` (2026-01-10)")


# ------------------------------------------------------------------ review mends

def test_a_page_named_contents_beside_the_generated_contents_is_no_clash(minimal, cli):
    """The generated contents page is the EPUB's nav.xhtml and has no id in the PDF: a page of the editor's
    named contents.md holds an id no other document has."""
    (minimal / "front" / "preface.md").rename(minimal / "front" / "contents.md")
    _replace(minimal / "book.yaml", "front/preface.md", "front/contents.md")
    result = cli("check", "-m", str(minimal))
    assert "E214" not in result.stderr, result.stderr


def test_many_byte_order_marks_are_counted_once_each(minimal, cli):
    path = minimal / "chapters" / "01-first.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    marked = [i for i, line in enumerate(lines) if line.strip() and i > 0][:7]     # a mark at the file's start is its own
    for i in marked:
        lines[i] = "\ufeff" + lines[i]
    path.write_text("\n".join(lines), encoding="utf-8")
    stderr = _fails(cli, minimal)
    assert stderr.count("error[E121]: a byte-order mark") == 5, stderr
    assert "2 more" in stderr, stderr


@pytest.mark.parametrize("first, second", [("--published", "--accessed"), ("--accessed", "--published")])
def test_a_post_published_after_its_capture_is_a_usage_error_in_either_order(minimal, cli, tmp_path, first, second):
    capture = tmp_path / "letter.txt"
    capture.write_text("A letter\n\nby Someone\n\nDear friend, the roses are in bloom again this year.\n", encoding="utf-8")
    days = {"--published": "2025-05-01", "--accessed": "2025-04-01"}
    result = cli("sources", "import", str(capture), "-m", str(minimal), first, days[first], second, days[second])
    assert result.exit_code == 2 and "after --accessed (2025-04-01)" in result.stderr, result.stderr
    assert not (minimal / "sources" / "letter.yaml").exists()


def test_the_editors_published_is_kept_where_the_page_gave_an_impossible_one(minimal, cli, tmp_path):
    capture = _page_dated_2099(tmp_path)
    result = cli("sources", "import", str(capture), "-m", str(minimal), "--accessed", "2026-01-10", "--id", "late",
                 "--published", "2025-12-01")
    assert result.exit_code == 0, result.stderr
    stored = (minimal / "sources" / "late.yaml").read_text(encoding="utf-8")
    assert 'published: "2025-12-01"' in stored or "published: 2025-12-01" in stored, stored
