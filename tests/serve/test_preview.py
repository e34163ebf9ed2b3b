"""The preview's state without a browser: the last good site is kept, problems replace each other."""

from __future__ import annotations

import shutil
from pathlib import Path

from book.context import BuildContext, Memo
from book.serve import server
from book.serve.site import image_file

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def preview_of(tmp_path: Path, shown: list | None = None) -> server.Preview:
    root = tmp_path / "manuscript"
    shutil.copytree(FIXTURES / "minimal", root)
    ctx = BuildContext(manuscript_dir=root, out_dir=tmp_path / "build", use_cache=True, memo=Memo())
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


def test_what_pandoc_warns_of_is_among_the_previews_problems_at_its_line(tmp_path):
    preview = preview_of(tmp_path)
    chapter = preview.ctx.manuscript_dir / "chapters" / "02-second.md"
    text = chapter.read_text(encoding="utf-8")
    at = text.rindex("\n:::")
    chapter.write_text(text[:at] + "\n\nSee [it][g].\n\n[g]: https://a.example/\n[g]: https://b.example/\n"
                       + text[at:], encoding="utf-8")
    line = chapter.read_text(encoding="utf-8").split("\n").index("[g]: https://b.example/") + 1
    preview.rebuild()
    assert preview.site is not None
    [problem] = [p for p in preview.problems if p.code == "E532"]
    assert problem.severity == "warning" and problem.where.endswith(f"chapters/02-second.md:{line}:1")
