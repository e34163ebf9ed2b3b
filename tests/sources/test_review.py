"""``book sources review``: the page is written, safe, and shows every unit in a real browser."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from .conftest import FIXTURES
from .helpers import run

CHROMIUM = next((p for p in ("/usr/bin/chromium", "/usr/lib/chromium/chromium") if os.access(p, os.X_OK)), None)
REQUIRED = os.environ.get("BOOK_REQUIRE_VALIDATORS") == "1"


def _reviewed(tmp_path: Path, fixture: str, source_id: str) -> Path:
    capture = tmp_path / fixture
    shutil.copy(FIXTURES / fixture, capture)
    manuscript = tmp_path / "m"
    assert run("import", capture, "-m", manuscript, "-q").exit_code == 0
    os.chdir(tmp_path)
    result = run("review", source_id, "-m", manuscript)
    assert result.exit_code == 0, result.stderr
    page = Path(result.stdout.strip())
    assert page == manuscript / "sources" / "review" / f"{source_id}.html"
    return page


def test_review_page_is_safe_and_complete(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    page = _reviewed(tmp_path, "hostile.html", "perfectly-ordinary-post")
    html = page.read_text(encoding="utf-8")
    assert "Content-Security-Policy" in html and "<iframe sandbox" in html
    frame = re.search(r'srcdoc="([^"]*)"', html)
    assert frame is not None
    for bad in ("<script", "onerror=", "onload=", "javascript:", "http://", "https://"):
        assert bad not in frame.group(1).lower(), bad
    shown = run("show", "perfectly-ordinary-post", "--json", "-m", tmp_path / "m").stdout
    for unit_id in re.findall(r'"id": "((?:post|c\d+))"', shown):
        assert f'id="unit-{unit_id}"' in html


def test_review_of_an_unknown_source_is_s120(tmp_path: Path) -> None:
    result = run("review", "nothing-here", "-m", tmp_path / "m")
    assert result.exit_code == 1 and "error[S120]" in result.stderr and "Traceback" not in result.stderr


def test_review_in_chromium(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Playwright drives Debian's Chromium: no console errors, every unit visible, the capture shown."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if REQUIRED:
            raise
        pytest.skip("playwright is not installed")
    if CHROMIUM is None:
        if REQUIRED:
            pytest.fail("Chromium is missing (/usr/bin/chromium)")
        pytest.skip("Chromium is not installed")
    monkeypatch.chdir(tmp_path)
    page_path = _reviewed(tmp_path, "wordpress.html", "learning-ask-help")
    shown = run("show", "learning-ask-help", "--json", "-m", tmp_path / "m").stdout
    unit_ids = re.findall(r'"id": "((?:post|c\d+))"', shown)
    errors: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto(page_path.as_uri(), wait_until="load")
            for unit_id in unit_ids:
                assert page.locator(f"#unit-{unit_id}").is_visible(), unit_id
            assert page.locator("#unit-c2").get_attribute("style") == "margin-left: 2em" or \
                "reply to" in page.locator("#unit-c2").inner_text()
            frame = page.frame_locator("iframe")
            assert "Learning to Ask for Help" in frame.locator("body").inner_text()
        finally:
            browser.close()
    assert errors == []
