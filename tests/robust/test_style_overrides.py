"""A manuscript's ``styles/`` may override any template: a template reaches the book's data, never
Python, and what it writes is held to what a chapter may hold.

Found by trying (issue 15, red team): ``{{ cycler.__init__.__globals__.os.popen(…) }}`` in an
overridden ``chapter.md.j2`` ran a shell command at build time; an error in an overridden EPUB or
PDF template was "internal error" (exit 70) naming no file; a ``<script>`` or ``onclick=`` written by
an overridden Markdown template reached the EPUB, since no chapter check reads templates.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from book.manuscript.styles import PACKAGE_STYLES


def _override(minimal: Path, name: str, old: str, new: str) -> Path:
    target = minimal / "styles" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    text = (PACKAGE_STYLES / name).read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


def _written(out: Path) -> list[str]:
    """What a run left in its output folder besides the build cache (pandoc's conversions)."""
    return sorted(p.name for p in out.iterdir() if p.name != ".cache") if out.exists() else []


def _only_error(result, code: str) -> str:
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if "error[" in line]
    assert len(lines) == 1 and f"error[{code}]" in lines[0], result.stderr
    return lines[0]


ESCAPE = "{{ cycler.__init__.__globals__.os.popen('touch %s').read() }}"


@pytest.mark.parametrize("name, anchor", [("chapter.md.j2", "{% for section in sections %}"),
                                          ("epub/base.xhtml.j2", "<body"),
                                          ("pdf/book.typ.j2", "#show: setup")])
def test_a_template_cannot_reach_python(minimal, cli, tmp_path, name, anchor):
    touched = tmp_path / "touched"
    template = _override(minimal, name, anchor, ESCAPE % touched + anchor)
    result = cli("build", "all", "-m", str(minimal), "--out-dir", str(tmp_path / "out"))
    assert result.exit_code == 1
    line = _only_error(result, "E501")
    assert str(template) + ":" in line and "unsafe" in line
    assert not touched.exists() and _written(tmp_path / "out") == []


def test_an_error_in_an_epub_template_names_the_template_and_line(minimal, cli, tmp_path):
    template = _override(minimal, "epub/base.xhtml.j2", "<body", "{{ no_such_thing.x }}<body")
    result = cli("build", "epub", "-m", str(minimal), "--out-dir", str(tmp_path / "out"))
    line = _only_error(result, "E501")
    number = template.read_text(encoding="utf-8").split("\n").index(
        next(line for line in template.read_text(encoding="utf-8").split("\n") if "no_such_thing" in line)) + 1
    assert f"{template}:{number}:" in line and "'no_such_thing' is undefined" in line


@pytest.mark.parametrize("markup, said", [("<script>alert(1)</script>", "<script>"),
                                          ('<span onclick="alert(1)">x</span>', "onclick="),
                                          ('<iframe src="https://example.org"></iframe>', "<iframe>")])
def test_markup_a_markdown_template_writes_is_held_to_the_chapter_rules(minimal, cli, tmp_path, markup, said):
    _override(minimal, "chapter.md.j2", "{% for section in sections %}", markup + "\n\n{% for section in sections %}")
    result = cli("build", "epub", "-m", str(minimal), "--out-dir", str(tmp_path / "out"))
    assert result.exit_code == 1
    line = _only_error(result, "E248")
    assert "01-first.md:" in line and said in line
    assert _written(tmp_path / "out") == []


@pytest.mark.parametrize("name, target", [("pdf/book.lua", "pdf"), ("docx/book.lua", "docx")])
def test_a_lua_filter_in_the_manuscript_runs_only_when_the_builder_trusts_it(minimal, cli, tmp_path, monkeypatch,
                                                                          name, target):
    """Pandoc runs a Lua filter as a program: a manuscript from someone else must not run one here."""
    marker = tmp_path / "ran"
    lua = minimal / "styles" / name
    lua.parent.mkdir(parents=True)
    lua.write_text(f"os.execute('touch {marker}')\n" + (PACKAGE_STYLES / name).read_text(encoding="utf-8"),
                   encoding="utf-8")
    monkeypatch.delenv("BOOK_TRUST_LUA", raising=False)
    checked = cli("check", "-m", str(minimal))
    assert checked.exit_code == 1 and f"{name}: error[E250]" in _only_error(checked, "E250")
    out = tmp_path / "out"
    built = cli("build", target, "-m", str(minimal), "--out-dir", str(out))
    assert built.exit_code == 1 and "E250" in _only_error(built, "E250")
    assert not marker.exists() and _written(out) == []
    monkeypatch.setenv("BOOK_TRUST_LUA", "1")
    built = cli("build", target, "-m", str(minimal), "--out-dir", str(out))
    assert built.exit_code == 0, built.stderr
    assert marker.exists()
