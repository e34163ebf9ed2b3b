"""Issue 13's mechanisms, each on a small page made for it: standards first, no text lost in silence."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from book.sources.names import clean_name

from .helpers import by_id, import_json, run

BENCH = Path(__file__).resolve().parents[2] / "bench"

_POST = " ".join(["The words of the post go on for a while so that the page has a body."] * 6)


def page(tmp_path: Path, body: str, head: str = "", name: str = "page.html") -> Path:
    path = tmp_path / name
    path.write_text(f"<!doctype html><html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>",
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("raw,name", [
    ("Author Daniel Lemire", "Daniel Lemire"),
    ("View all posts by Daniel Lemire", "Daniel Lemire"),
    ("Jasmin says: January 20, 2020 at 11:27 am", "Jasmin"),
    ("Martina BergAutor 19. Juni 2019 / 6:16", "Martina Berg"),
    ("Anna 19. Juni 2018 um 15:28 Uhr - Antworten", "Anna"),
    ("JanBeek Jun 20th at 2:41 am", "JanBeek"),
    ("Franziska Elea sagt:", "Franziska Elea"),
    ("Edward Said", "Edward Said"),
    ("### Anonymous", None),
    ("19. Juni 2019", None),
])
def test_clean_name(raw: str, name: str | None) -> None:
    assert clean_name(raw) == name


def test_structured_data_beats_the_first_heading(tmp_path: Path) -> None:
    """A sidebar heading matched first; JSON-LD names the post: the visible headline that agrees wins."""
    ld = json.dumps({"@context": "https://schema.org", "@type": "BlogPosting", "headline": "What the River Knew",
                     "author": {"@type": "Person", "name": "Inés Okafor"}, "datePublished": "2021-03-04T10:00:00Z"})
    capture = page(tmp_path, f"<aside><h2 class='entry-title'>Popular this week</h2></aside>"
                             f"<article><h1>What the River Knew</h1>"
                             f"<p class='byline'>Author Someone Else</p><div class='entry-content'><p>{_POST}</p></div>"
                             f"</article>",
                   head=f"<script type='application/ld+json'>{ld}</script>"
                        f"<meta property='article:published_time' content='2020-01-01'>")
    data = import_json(capture, tmp_path / "m")
    assert (data["title"], data["author"], data["published"]) == ("What the River Knew", "Inés Okafor", "2021-03-04")
    assert by_id(data)["post"]["author_how"] == "json-ld"


def test_class_name_never_drops_the_main_text(tmp_path: Path) -> None:
    """Blogger wraps the post in div.widget.Blog; a page may sit whole inside #ad-portal."""
    capture = page(tmp_path, f"<div id='ad-portal'><div class='widget Blog'><h3 class='post-title'>Kept</h3>"
                             f"<div class='post-body'><p>{_POST}</p></div></div></div>")
    data = import_json(capture, tmp_path / "m")
    assert "The words of the post" in by_id(data)["post"]["text"]


def test_replies_list_after_the_parent_and_pingback_without_class(tmp_path: Path) -> None:
    """WordPress.com closes the parent </li> before its ul.children; "Pingback von" has no class."""
    thread = ("<ol class='commentlist'>"
              "<li id='comment-1' class='comment'><cite class='fn'>Ann</cite><p>First comment here.</p></li>"
              "<ul class='children'><li id='comment-2' class='comment'><cite class='fn'>Bob</cite>"
              "<p>A reply to Ann.</p></li></ul>"
              "<li id='comment-3'><cite>Pingback von <a href='http://x.example/'>Other Blog</a></cite>"
              "<p>[…] linked here […]</p></li></ol>")
    capture = page(tmp_path, f"<article><h1 class='entry-title'>T</h1><div class='entry-content'><p>{_POST}</p>"
                             f"</div></article><div id='comments'>{thread}</div>")
    data = import_json(capture, tmp_path / "m")
    got = [(u["kind"], u["author"], u["parent"]) for u in data["units"][1:]]
    assert got == [("comment", "Ann", None), ("comment", "Bob", "c1"), ("pingback", "Other Blog", None)]


def test_comment_dates_in_other_languages(tmp_path: Path) -> None:
    thread = ("<ol class='commentlist'><li id='comment-7' class='comment'><div class='comment-author'>"
              "<cite class='fn'>Beate</cite></div><div class='comment-meta commentmetadata'><a>19. Juni 2019 / 6:16</a></div>"
              "<div class='comment-content'><p>Guten Morgen, eine schöne Tasche.</p></div></li></ol>")
    capture = page(tmp_path, f"<article><h1 class='entry-title'>T</h1><div class='entry-content'><p>{_POST}</p>"
                             f"</div></article>{thread}")
    data = import_json(capture, tmp_path / "m")
    assert (data["units"][1]["author"], data["units"][1]["date"]) == ("Beate", "2019-06-19")


def test_s210_empty_post_is_an_error(tmp_path: Path) -> None:
    capture = page(tmp_path, "<div class='post-body'></div><ol class='commentlist'><li class='comment'>"
                             "<cite class='fn'>Ann</cite><div class='comment-content'><p>Only a comment, "
                             "long enough to be one.</p></div></li></ol>")
    result = run("import", capture, "-m", tmp_path / "m")
    assert result.exit_code == 1
    assert "page.html" in result.stderr and "error[S210]" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "m" / "sources").exists() or not list((tmp_path / "m" / "sources").glob("*.yaml"))


def test_s304_fewer_comments_than_the_page_shows(tmp_path: Path) -> None:
    capture = page(tmp_path, f"<article><h1 class='entry-title'>T</h1><div class='entry-content'><p>{_POST}</p>"
                             f"</div></article><h2 class='comments-title'>5 thoughts on “T”</h2>"
                             f"<ol class='commentlist'><li id='comment-1' class='comment'><cite class='fn'>Ann</cite>"
                             f"<div class='comment-content'><p>One comment only.</p></div></li></ol>")
    result = run("import", capture, "-m", tmp_path / "m")
    assert result.exit_code == 0
    assert "warning[S304]" in result.stderr and "5 comments but 1 were read" in result.stderr


def test_s305_inferred_authors_counted_and_flagged(tmp_path: Path) -> None:
    capture = tmp_path / "copy.txt"
    capture.write_text("A Title Here\n\nBy Mary Stone\n\n" + _POST + "\n\n2 Comments\n\n"
                       "I read this twice and it helped me more than I can say.\n\n— Tomasz\n\n"
                       "Leave a Comment\n", encoding="utf-8")
    result = run("import", capture, "-m", tmp_path / "m", "--id", "t")
    assert result.exit_code == 0, result.stderr
    assert "warning[S305]" in result.stderr and "1 author(s) inferred" in result.stderr
    shown = run("show", "t", "-m", tmp_path / "m")
    assert "by Tomasz (INFERRED from the sign-off" in shown.stdout


def test_bench_runs_on_a_few_pages(capsys: pytest.CaptureFixture[str]) -> None:
    """Keep bench/extraction.py from rotting: two corpus pages, an article and a thread."""
    sys.path.insert(0, str(BENCH))
    try:
        import extraction
    finally:
        sys.path.remove(str(BENCH))
    assert extraction.main(["--pages", "aeb-432362af0b,tc-lemire-me-json"]) == 0
    out = capsys.readouterr().out
    assert "comments: found 100% (5/5)" in out
    assert "title" in out and "trafilatura" in out
