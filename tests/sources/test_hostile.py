"""Hostile captures: addresses and markup from a page are data, never code (issue 15)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import FIXTURES
from .helpers import import_json, run

# A "<" that would open a tag in Markdown (pandoc passes raw HTML through): never in a unit's text.
OPEN_TAG = re.compile(r"(?<!\\)<[A-Za-z/!?]")


def test_raw_text_elements_are_never_read_back_as_markup(tmp_path: Path) -> None:
    data = import_json(FIXTURES / "hostile-rawtext.html", tmp_path / "m")
    written = (tmp_path / "m" / "sources" / "raw-text-is-only-text.yaml").read_text()
    for raw in ("xmp", "noembed", "noframes", "noscript", "template", "textarea", "title in body", "srcdoc",
                "listing", "svg", "math", "plaintext", "comment xmp", "evil.example"):
        assert raw not in written, raw
    for unit in data["units"]:
        assert not OPEN_TAG.search(unit["text"]), unit["text"]
    post, comment = data["units"][0]["text"], data["units"][1]["text"]
    # markup the writers *showed* as text stays their text, escaped so that it can only be text
    assert "She wrote \\<script>alert('escaped')\\</script> on the whiteboard" in post
    # ... but an address that is not a web address is not kept even there (S326): data, never code
    assert comment == "A comment that quotes \\<iframe> as text."
    assert (data["title"], data["author"], data["units"][1]["author"]) == ("Raw Text Is Only Text", "Nora Quill", "Ada")


def test_an_address_that_is_not_http_is_dropped_with_s307(tmp_path: Path) -> None:
    result = run("import", FIXTURES / "hostile-rawtext.html", "-m", tmp_path / "m")
    assert result.exit_code == 0, result.stderr
    written = tmp_path / "m" / "sources" / "raw-text-is-only-text.yaml"
    [warning] = [line for line in result.stderr.splitlines() if "S307" in line]
    assert warning.startswith(f"{written}: warning[S307]: the page gives its address as \"javascript:alert('og')\"")
    assert "url: null" in written.read_text().splitlines()


def test_a_good_address_is_kept_beside_a_hostile_one(tmp_path: Path) -> None:
    capture = tmp_path / "page.html"
    capture.write_text((FIXTURES / "hostile-rawtext.html").read_text().replace(
        '<link rel="canonical" href="javascript:alert(\'canonical\')">',
        '<link rel="canonical" href="https://rawtext.example.org/2017/09/raw-text/">'))
    data = import_json(capture, tmp_path / "m")
    assert data["url"] == "https://rawtext.example.org/2017/09/raw-text/"


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,hi", "file:///etc/passwd", "http://",
                                 "https://exa mple.org/"])
def test_url_on_the_command_line_must_be_http(tmp_path: Path, url: str) -> None:
    result = run("import", FIXTURES / "wordpress-copy.txt", "-m", tmp_path / "m", "--url", url)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "is not an http or https address" in result.stderr
    assert not (tmp_path / "m" / "sources").exists()


def test_a_text_capture_that_copied_markup_keeps_it_as_text(tmp_path: Path) -> None:
    capture = tmp_path / "copy.txt"
    capture.write_text((FIXTURES / "wordpress-copy.txt").read_text().replace(
        "Do you keep copies? I burn mine.",
        "Do you keep copies? I burn mine. <script>alert('typed')</script> <img src=x onerror=alert(1)>"))
    data = import_json(capture, tmp_path / "m")
    [marta] = [u for u in data["units"] if u["author"] == "Marta"]
    # shown markup stays text; its event handlers do not stay at all (S326), a relative path does
    assert marta["text"].endswith("I burn mine. \\<script>alert('typed')\\</script> \\<img src=x>")


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.iterdir() if p.suffix in {".html", ".txt"}))
def test_no_fixture_yields_text_that_opens_a_tag(tmp_path: Path, fixture: str) -> None:
    data = import_json(FIXTURES / fixture, tmp_path / "m")
    for key in ("title", "author", "site"):
        assert not (data[key] and re.search(r"<[A-Za-z/!?][^<>]*>", data[key])), (key, data[key])
    assert data["url"] is None or re.match(r"https?://", data["url"])
    for unit in data["units"]:
        assert not OPEN_TAG.search(unit["text"]), (unit["id"], unit["text"])
