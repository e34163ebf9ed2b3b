"""``book serve`` in a real browser: headless Chromium (Debian's) driven by Playwright.

The server runs as the user runs it (the installed ``book`` command, in its own process);
the tests edit the manuscript on disk and watch the page follow: new text, an overlay naming
the file and line of a broken excerpt, the overlay gone once it is fixed; the print view's
pages; Ctrl-C leaving nothing behind. The 1-second target is measured in ``bench/loop.py``,
not here: these waits are generous so that a busy machine cannot make them flaky.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
BOOK = Path(sys.executable).with_name("book")
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
WAIT_MS = 8000


def _missing(what: str) -> None:
    if os.environ.get("BOOK_REQUIRE_VALIDATORS") == "1":
        pytest.fail(f"{what} is required (BOOK_REQUIRE_VALIDATORS=1) but not installed")
    pytest.skip(f"{what} not installed")


class Served:
    def __init__(self, root: Path, *args: str, env: dict[str, str] | None = None):
        self.root = root
        self.process = subprocess.Popen([str(BOOK), "serve", "--port", "0", *args], cwd=root, env=env,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline().strip()    # the address, once the first build is done
        if not line.startswith("http://127.0.0.1:"):
            self.process.kill()
            raise AssertionError(f"book serve did not start: {line!r} {self.process.stderr.read()}")
        self.url = line.rstrip("/")
        self.port = int(self.url.rsplit(":", 1)[1])

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                return self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                raise
        return self.process.returncode


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", root / "manuscript")
    return root


@pytest.fixture
def served(project: Path):
    server = Served(project)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        _missing("Chromium (/usr/bin/chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright (pip install playwright)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


def chapter_url(served: Served) -> str:
    return f"{served.url}/ch01-first.xhtml"


def test_a_saved_change_shows_in_the_page(browser, served, project):
    page = browser.new_page()
    page.goto(chapter_url(served))
    assert page.locator("h1").first.inner_text().strip().endswith("The First Chapter")
    assert page.locator("#book-problems").count() == 0
    chapter = project / "manuscript" / "chapters" / "01-first.md"
    chapter.write_text(chapter.read_text().replace("Our own commentary.", "Our own commentary, now revised."))
    page.get_by_text("Our own commentary, now revised.").wait_for(timeout=WAIT_MS)
    # The contents and the stylesheet are the EPUB's.
    page.goto(served.url + "/")
    assert page.url.endswith("/nav.xhtml")
    assert page.locator("ol.toc a").all_inner_texts() == ["Preface", "Chapter 1 The First Chapter",
                                                          "Chapter 2 The Second Chapter", "Sources and Permissions"]
    css = urllib.request.urlopen(served.url + "/css/book.css").read()
    assert css == (Path(__file__).resolve().parents[2] / "styles" / "epub" / "book.css").read_bytes()
    page.close()


def test_a_broken_excerpt_shows_an_overlay_until_it_is_fixed(browser, served, project):
    page = browser.new_page()
    page.goto(chapter_url(served))
    chapter = project / "manuscript" / "chapters" / "01-first.md"
    good = chapter.read_text()
    line = good.splitlines().index(next(s for s in good.splitlines() if s.startswith("I have tended"))) + 1
    chapter.write_text(good.replace("I have tended the same roses", "I have tended the same tulips"))
    overlay = page.locator("#book-problems")
    overlay.wait_for(timeout=WAIT_MS)
    text = overlay.inner_text()
    assert "manuscript/chapters/01-first.md:" in text and "error[E3" in text, text
    shown_line = int(text.split("01-first.md:")[1].split(":")[0].split()[0])
    assert abs(shown_line - line) <= 1, (shown_line, line)
    assert page.locator("main").get_by_text("I have tended the same roses").count() == 1    # the last good version, underneath
    chapter.write_text(good)
    overlay.wait_for(state="detached", timeout=WAIT_MS)
    assert page.locator("#book-problems").count() == 0
    page.close()


def test_the_print_view_shows_the_pages(browser, served):
    page = browser.new_page()
    page.goto(served.url + "/print")
    images = page.locator(".print-page img")
    assert images.count() >= 8
    captions = page.locator(".print-page figcaption").all_inner_texts()
    assert captions[0] == "i (1)" and "1 (" in " ".join(captions)      # the folios the pages print
    images.first.scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('.print-page img').naturalWidth > 0", timeout=WAIT_MS)
    page.close()


def _parent_of(stat: Path) -> int | None:
    try:
        return int(stat.read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


def test_ctrl_c_leaves_nothing_running(project):
    server = Served(project)
    children = [stat.parent.name for stat in Path("/proc").glob("[0-9]*/stat")
                if _parent_of(stat) == server.process.pid]
    started = time.monotonic()
    assert server.stop() == 0
    assert time.monotonic() - started < 5
    assert all(not Path(f"/proc/{pid}").exists() for pid in children)
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", server.port), timeout=1)


def test_an_edit_saved_the_moment_the_server_starts_is_not_missed(project):
    """The address is printed only once the watcher is watching: a script that edits right away is followed."""
    server = Served(project)
    try:
        chapter = project / "manuscript" / "chapters" / "01-first.md"
        chapter.write_text(chapter.read_text().replace("Our own commentary.", "Saved at once."))
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if "Saved at once." in urllib.request.urlopen(chapter_url(server), timeout=10).read().decode():
                break
            time.sleep(0.1)
        else:
            raise AssertionError("the edit saved as the server started never reached the page")
    finally:
        server.stop()


@contextlib.contextmanager
def _serving_with(project: Path, ignored: signal.Signals):
    """`book serve` started as a shell starts a background job: with ``ignored`` set to be ignored; once it
    prints its address, the process; killed at the end if the test left it running."""
    process = subprocess.Popen([str(BOOK), "serve", "--port", "0"], cwd=project, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True,
                               preexec_fn=lambda: signal.signal(ignored, signal.SIG_IGN))
    try:
        assert process.stdout.readline().startswith("http://127.0.0.1:")
        yield process
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_sigint_stops_a_server_started_with_sigint_ignored(project):
    """`book serve &` in a shell script starts with SIGINT ignored; `kill -INT` must still stop it."""
    with _serving_with(project, signal.SIGINT) as process:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0


def test_nohup_keeps_a_server_running_when_its_terminal_closes(project):
    """`nohup book serve &` starts with SIGHUP ignored: the terminal closing must not stop it."""
    with _serving_with(project, signal.SIGHUP) as process:
        process.send_signal(signal.SIGHUP)
        time.sleep(1)
        assert process.poll() is None, process.stderr.read()
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0


def test_nothing_outside_the_manuscript_is_served(served, project):
    (project / "secret.png").write_bytes(b"\x89PNG private")
    for path in ("/../secret.png", "/%2e%2e/secret.png", "/book.yaml", "/chapters/01-first.md", "/_serve/page.html.j2",
                 "/print/page-999.png", "/print/page-x.png"):
        with pytest.raises(urllib.error.HTTPError) as info:
            urllib.request.urlopen(served.url + path)
        assert info.value.code == 404, path


@pytest.mark.parametrize("host, code", [("evil.example:{port}", 403), ("127.0.0.1.nip.io", 403), ("", 403),
                                        ("localhost:{port}", 302), ("127.0.0.1:{port}", 302), ("[::1]:{port}", 302)])
def test_only_requests_for_localhost_are_answered(served, host, code):
    """DNS rebinding: a page elsewhere that points its own name at 127.0.0.1 gets nothing."""
    connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=10)
    connection.putrequest("GET", "/", skip_host=True)
    if host:
        connection.putheader("Host", host.format(port=served.port))
    connection.endheaders()
    response = connection.getresponse()
    assert response.status == code
    connection.close()


def test_a_port_in_use_is_a_clear_error(project):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([str(BOOK), "serve", "--port", str(port)], cwd=project, capture_output=True,
                              text=True, timeout=60)
    assert done.returncode == 1 and "error[E804]" in done.stderr and "--port" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_first_build_failing_still_serves_the_problems(browser, project):
    config = project / "manuscript" / "book.yaml"
    config.write_text(config.read_text().replace("language: en", "langage: en"))
    server = Served(project)
    try:
        page = browser.new_page()
        page.goto(server.url + "/")
        text = page.locator("#book-problems").inner_text()
        assert "manuscript/book.yaml:" in text and "langage" in text
        config.write_text(config.read_text().replace("langage: en", "language: en"))
        page.locator("#book-problems").wait_for(state="detached", timeout=WAIT_MS)
        assert "Contents" in page.locator("h1").first.inner_text()
        page.close()
    finally:
        server.stop()


def test_a_source_book_yaml_and_a_style_each_update_the_page(browser, served, project):
    manuscript = project / "manuscript"
    page = browser.new_page()
    page.goto(chapter_url(served))
    # A source: the role in the edits file is what the attribution prints.
    edits = manuscript / "sources" / "garden-letters.edits.yaml"
    edits.write_text(edits.read_text().replace("role: a gardener", "role: a rose grower"))
    page.locator("main").get_by_text("a rose grower").first.wait_for(timeout=WAIT_MS)
    # book.yaml: the chapter label.
    config = manuscript / "book.yaml"
    config.write_text(config.read_text() + "chapter_label: Part {number}\n")
    page.locator("main").get_by_text("Part 1").first.wait_for(timeout=WAIT_MS)
    # A style of the manuscript's own: the page is served with it.
    (manuscript / "styles" / "epub").mkdir(parents=True)
    (manuscript / "styles" / "epub" / "book.css").write_text("body { background: rgb(1, 2, 3); }\n")
    page.wait_for_function("getComputedStyle(document.body).backgroundColor === 'rgb(1, 2, 3)'", timeout=WAIT_MS)
    page.close()


def test_open_shows_the_book_in_the_browser(project, tmp_path):
    opened = tmp_path / "opened.txt"
    browser_command = tmp_path / "browser"
    browser_command.write_text(f'#!/bin/sh\necho "$1" > {opened}\n')
    browser_command.chmod(0o755)
    server = Served(project, "--open", env={**os.environ, "BROWSER": str(browser_command)})
    try:
        deadline = time.monotonic() + 10
        while not opened.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert opened.read_text().strip() == server.url + "/"
    finally:
        server.stop()


def test_a_page_that_is_gone_leads_back_to_the_contents(served):
    with urllib.request.urlopen(served.url + "/ch99-removed.xhtml") as response:
        assert response.url.endswith("/nav.xhtml") and b'id="toc"' in response.read()
