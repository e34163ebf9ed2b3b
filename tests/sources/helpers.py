"""Shared helpers for the SOURCES tests: run the CLI in-process, import a file."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from book.cli.sources import sources


# A copy's prose and menu, shared by the text readers' tests: lines that read as prose, not as a header.
PROSE = ("The long paragraph of the post goes on for a while, so that it reads as prose and not as a header "
         "line, and then it says a little more about the garden and the weather this spring.")
MORE = ("A second paragraph follows the first one and tells the rest of the story about the garden, the "
        "neighbours and the long summer that came after the rain.")
NAV = "Home\n\nBlog\n\nAbout\n\nContact\n\n"


def run(*args: str | Path, cwd: Path | None = None) -> Result:
    """Invoke ``book sources ...`` through Click's runner (stderr kept apart)."""
    runner = CliRunner()
    return runner.invoke(sources, [str(a) for a in args], catch_exceptions=False)


def import_json(capture: Path, manuscript: Path, *options: str) -> dict:
    """Import ``capture`` and return ``show --json`` for it."""
    result = run("import", capture, "-m", manuscript, "-q", *options)
    assert result.exit_code == 0, result.stderr
    source_id = Path(result.stdout.split("-> ")[-1].strip()).stem if result.stdout else None
    if source_id is None:
        written = sorted((manuscript / "sources").glob("*.yaml"))
        source_id = next(p.stem for p in written if not p.name.endswith(".edits.yaml"))
    shown = run("show", source_id, "--json", "-m", manuscript)
    assert shown.exit_code == 0, shown.stderr
    return json.loads(shown.stdout)


def by_id(data: dict) -> dict[str, dict]:
    return {unit["id"]: unit for unit in data["units"]}


def read_copy(tmp_path: Path, text: str) -> tuple[str | None, str | None, str | None]:
    """Import ``text`` as a browser-copy capture; its title, post author and date."""
    capture = tmp_path / "copy.txt"
    capture.write_text(text, encoding="utf-8")
    data = import_json(capture, tmp_path / "m")
    return data["title"], data["author"], data["published"]


def forum_page(tmp_path: Path, body: str, title: str, forum: str = "Support Forum", section: str = "Support") -> Path:
    """A saved forum thread page around ``body``: the page's title, a breadcrumb, the headline and a footer."""
    path = tmp_path / "thread.html"
    path.write_text(f"<!doctype html><html><head><meta charset='utf-8'><title>{title} - {forum}</title></head>"
                    f"<body><nav><a href='/'>Forum</a> › <a href='/f/2'>{section}</a></nav><h1>{title}</h1>"
                    f"{body}<footer>Powered by a forum program</footer></body></html>", encoding="utf-8")
    return path


POST_WORDS = " ".join(["The words of the post go on for a while so that the page has a body."] * 6)
"""A post long enough to be a page's body."""


def html_page(tmp_path: Path, body: str, head: str = "", name: str = "page.html") -> Path:
    """A saved page of ``body`` (and ``head``), written as ``name`` in ``tmp_path``."""
    path = tmp_path / name
    path.write_text(f"<!doctype html><html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>",
                    encoding="utf-8")
    return path


NEWS_PARAGRAPHS = (
    "The council met on Tuesday evening to discuss the new budget for the coming year, and several members raised "
    "concerns about the cost of the planned library extension, which has doubled since the first estimate was made.",
    "Residents who attended the meeting said they were worried that other services would be cut to pay for it, "
    "while the mayor insisted that the money had already been set aside and nothing else would suffer.",
    "A final decision is expected next month, after the council has heard from the architects and the contractors, "
    "who have been asked to explain why the estimate rose so sharply in the space of only eighteen months.")
NEWS_TITLE = "Library extension costs double as council debates budget"


def news_copy(header: str, footer: str = "") -> str:
    """A browser copy of a news article: menus, the headline, ``header`` (a byline, a date), three paragraphs,
    ``footer``, the site's links."""
    return ("Home\nNews\nSport\nCulture\nOpinion\nContact\n\n" + NEWS_TITLE + "\n" + header + "\n\n"
            + "\n\n".join(NEWS_PARAGRAPHS) + "\n\n" + footer + "\nPrivacy policy\nImprint\n")
