"""The preview's state without a browser: the last good site is kept, problems replace each other."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from book.context import BuildContext, Memo
from book.serve import server
from book.serve.site import image_file

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def preview_of(tmp_path: Path, shown: list | None = None, strict: bool = False) -> server.Preview:
    root = tmp_path / "manuscript"
    shutil.copytree(FIXTURES / "minimal", root)
    ctx = BuildContext(manuscript_dir=root, out_dir=tmp_path / "build", use_cache=True, memo=Memo(), strict=strict)
    return server.Preview(ctx, lambda _message: None, (shown if shown is not None else []).append)


def test_an_internal_error_is_shown_and_the_last_good_site_kept(tmp_path, monkeypatch):
    preview = preview_of(tmp_path)
    preview.rebuild()
    good = preview.site
    assert good is not None and preview.problems == [] and preview.version == 1

    def broken(*_args, **_kwargs):
        raise RuntimeError("something unexpected")

    monkeypatch.setattr(server, "build_site", broken)
    preview.rebuild()
    assert preview.site is good and preview.version == 2
    assert [(p.code, p.severity) for p in preview.problems] == [("E803", "error")]
    assert "RuntimeError: something unexpected" in preview.problems[0].message


def test_a_manuscript_problem_keeps_the_last_good_site_until_fixed(tmp_path):
    shown: list = []
    preview = preview_of(tmp_path, shown)
    preview.rebuild()
    good = preview.site
    chapter = preview.ctx.manuscript_dir / "chapters" / "02-second.md"
    text = chapter.read_text()
    chapter.write_text(text + "\nstray text outside any section\n")
    shown.clear()
    preview.rebuild()
    assert preview.site is good and preview.problems[0].code == "E203"
    assert [item.code for item in shown[0].items] == ["E203"]          # the console says it too
    assert preview.problems[0].where.endswith("chapters/02-second.md:" + str(len(text.splitlines()) + 2))
    chapter.write_text(text)
    preview.rebuild()
    assert preview.problems == [] and preview.site is not good


def test_the_overlay_names_files_from_the_book_not_from_where_serve_started(tmp_path, monkeypatch):
    preview = preview_of(tmp_path)
    chapter = preview.ctx.manuscript_dir / "chapters" / "02-second.md"
    chapter.write_text(chapter.read_text() + "\nstray text outside any section\n")
    monkeypatch.chdir(chapter.parent)                  # `book serve` started inside chapters/
    preview.rebuild()
    assert preview.problems[0].where.startswith("manuscript/chapters/02-second.md:"), preview.problems[0].where


def test_only_images_inside_the_manuscript_are_served(tmp_path):
    preview = preview_of(tmp_path)
    preview.rebuild()
    manuscript = preview.site.manuscript
    (manuscript.root / "images").mkdir()
    (manuscript.root / "images" / "a.png").write_bytes(b"\x89PNG")
    (tmp_path / "outside.png").write_bytes(b"\x89PNG")
    assert image_file(manuscript, "images/a.png") is not None
    assert image_file(manuscript, "../outside.png") is None
    assert image_file(manuscript, "book.yaml") is None
    assert image_file(manuscript, str(tmp_path / "outside.png")) is None


def with_duplicate_link(preview: server.Preview) -> int:
    """Give the second chapter a link reference defined twice (pandoc warns, E532); the line of the second."""
    chapter = preview.ctx.manuscript_dir / "chapters" / "02-second.md"
    text = chapter.read_text(encoding="utf-8")
    at = text.rindex("\n:::")
    chapter.write_text(text[:at] + "\n\nSee [it][g].\n\n[g]: https://a.example/\n[g]: https://b.example/\n"
                       + text[at:], encoding="utf-8")
    return chapter.read_text(encoding="utf-8").split("\n").index("[g]: https://b.example/") + 1


def test_what_pandoc_warns_of_is_among_the_previews_problems_at_its_line(tmp_path):
    preview = preview_of(tmp_path)
    line = with_duplicate_link(preview)
    preview.rebuild()
    assert preview.site is not None and not preview.failed       # a warning never blocks the preview
    [problem] = [p for p in preview.problems if p.code == "E532"]
    assert problem.severity == "warning" and problem.where.endswith(f"chapters/02-second.md:{line}:1")


def test_under_strict_what_pandoc_warns_of_keeps_the_last_good_site_as_build_fails(tmp_path):
    shown: list = []
    preview = preview_of(tmp_path, shown, strict=True)
    preview.rebuild()
    good = preview.site
    assert good is not None and preview.problems == []
    line = with_duplicate_link(preview)
    shown.clear()
    preview.rebuild()
    assert preview.site is good and preview.failed
    [problem] = [p for p in preview.problems if p.code == "E532"]
    assert problem.severity == "warning" and problem.where.endswith(f"chapters/02-second.md:{line}:1")
    assert "E532" in [item.code for item in shown[0].items]            # the console says it too


def test_the_overlay_says_the_last_good_version_is_shown_only_when_a_build_failed(tmp_path):
    preview = preview_of(tmp_path, strict=True)
    preview.rebuild()
    with_duplicate_link(preview)
    preview.rebuild()
    kept = page_html(preview)
    assert "E532" in kept and "the last good version is shown below" in kept
    preview.ctx = replace(preview.ctx, strict=False)
    preview.rebuild()
    current = page_html(preview)
    assert "E532" in current and "the last good version is shown below" not in current


def page_html(preview: server.Preview) -> str:
    """The first page as the server sends it."""
    return served(preview, "/nav.xhtml")


def print_html(preview: server.Preview) -> str:
    """The print view as the server sends it (typeset on the request)."""
    return served(preview, "/print", timeout=120)


def served(preview: server.Preview, path: str, timeout: float = 10) -> str:
    """What the preview's server answers to a GET of ``path``, from a server started for the request."""
    import http.client
    import threading

    httpd = server.Server(("127.0.0.1", 0), server.make_handler(preview))
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        connection = http.client.HTTPConnection("127.0.0.1", httpd.server_address[1], timeout=timeout)
        connection.request("GET", path)
        return connection.getresponse().read().decode("utf-8")
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_the_print_view_lists_what_pandoc_said_and_under_strict_keeps_the_last_good_pages(tmp_path):
    preview = preview_of(tmp_path, strict=True)
    preview.rebuild()
    first = print_html(preview)
    assert "print-page" in first and "book-problems" not in first
    good = preview.print_pages
    line = with_duplicate_link(preview)
    preview.ctx = replace(preview.ctx, strict=False)     # the site is built; the print view typesets
    preview.rebuild()
    current = print_html(preview)
    [problem] = [p for p in preview.print_problems if p.code == "E532"]
    assert problem.where.endswith(f"chapters/02-second.md:{line}:1") and not preview.print_failed
    assert preview.print_pages is not good and "the last good pages are shown below" not in current
    preview.ctx = replace(preview.ctx, strict=True)
    preview.version += 1                                  # as a change on disk would: typeset again
    kept = print_html(preview)
    assert preview.print_failed and "E532" in kept and "the last good pages are shown below" in kept
