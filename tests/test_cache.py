"""The build cache: an unchanged book is written from it, byte for byte; any change of input rebuilds."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

import book.editorial.rules
import book.pdf.document
import book.render.pandoc
from book.epub.package import split_documents
from book.manuscript.styles import PACKAGE_STYLES
from book.pdf.document import TYPST_ARGS_BASE, split_typst
from book.render.pandoc import HTML_ARGS, convert_documents

REPO = Path(__file__).resolve().parent.parent


def _no_pandoc(*_args, **_kwargs):
    raise AssertionError("pandoc ran although nothing changed")


@pytest.fixture(params=["epub"])
def built(request, minimal, cli, tmp_path):
    """A cold build of the minimal book into out/, filling out/.cache/."""
    out = tmp_path / "out"

    def build(*extra: str):
        result = cli("build", request.param, "-m", str(minimal), "--out-dir", str(out), *extra)
        assert result.exit_code == 0, result.stderr
        return result, Path(result.stdout.strip())

    result, path = build()
    return build, path.read_bytes(), out


def test_unchanged_book_is_served_from_the_cache(built, monkeypatch):
    build, cold, out = built
    monkeypatch.setattr(book.render.pandoc, "convert_documents", _no_pandoc)
    result, path = build()
    assert path.read_bytes() == cold
    assert "reusing the cached EPUB" in result.stderr
    assert (out / ".cache" / "README.txt").is_file()


def test_cached_build_says_the_warnings_of_the_check(minimal, cli, tmp_path, monkeypatch):
    def warn(manuscript, report):
        report.warning("W999", "a warning of the check stage", manuscript.chapters[0].path, 3)

    monkeypatch.setattr(book.editorial.rules, "RULES", [*book.editorial.rules.RULES, book.editorial.rules.Rule(warn)])
    args = ("build", "epub", "-m", str(minimal), "--out-dir", str(tmp_path / "out"))
    first = cli(*args)
    monkeypatch.setattr(book.render.pandoc, "convert_documents", _no_pandoc)
    second = cli(*args)   # served from the cache: the check's report is replayed, not run again
    assert first.exit_code == second.exit_code == 0
    assert "reusing the cached EPUB" in second.stderr
    warnings = [line for line in first.stderr.splitlines() if "warning[W999]" in line]
    assert len(warnings) == 1 and "01-first.md:3" in warnings[0]
    assert warnings == [line for line in second.stderr.splitlines() if "warning[" in line]


@pytest.mark.parametrize("change", ["chapter", "source", "style", "template", "book.yaml"])
def test_any_change_of_input_invalidates(built, minimal, change, monkeypatch):
    build, cold, out = built
    edits = {
        "chapter": (minimal / "chapters" / "01-first.md", lambda t: t.replace("Our own commentary.", "Our own commentary. A new sentence.", 1)),
        "book.yaml": (minimal / "book.yaml", lambda t: t + "\n# a comment\n"),
    }
    if change == "source":
        (minimal / "sources").mkdir(exist_ok=True)
        shutil.copy(REPO / "manuscript" / "sources" / "healing-damaged-self.yaml", minimal / "sources")
    elif change in ("style", "template"):
        name = "epub/book.css" if change == "style" else "chapter.md.j2"
        target = minimal / "styles" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        package = PACKAGE_STYLES / name
        text = package.read_text(encoding="utf-8")
        target.write_text(text + ("\n/* house */\n" if change == "style" else "\n{## a comment ##}\n"),
                          encoding="utf-8")
    else:
        path, edit = edits[change]
        path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    calls = []
    real = book.render.pandoc.convert_documents
    monkeypatch.setattr(book.render.pandoc, "convert_documents", lambda *a, **k: calls.append(1) or real(*a, **k))
    result, path = build()
    assert "reusing the cached" not in result.stderr
    if change == "chapter":
        assert calls and path.read_bytes() != cold


def test_a_changed_option_or_build_time_invalidates(built, monkeypatch):
    build, cold, out = built
    result, _ = build("--strict")
    assert "reusing the cached" not in result.stderr
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000001")
    result, path = build()
    assert "reusing the cached" not in result.stderr
    assert path.read_bytes() != cold


def test_no_cache_forces_a_cold_build_with_the_same_bytes(built, monkeypatch):
    build, cold, out = built
    calls = []
    real = book.render.pandoc.convert_documents
    monkeypatch.setattr(book.render.pandoc, "convert_documents", lambda *a, **k: calls.append(1) or real(*a, **k))
    result, path = build("--no-cache")
    assert calls and "reusing the cached" not in result.stderr
    assert path.read_bytes() == cold


def test_deleting_the_cache_is_safe(built):
    build, cold, out = built
    shutil.rmtree(out / ".cache")
    result, path = build()
    assert path.read_bytes() == cold
    # a damaged entry is ignored, not trusted
    for entry in (out / ".cache" / "out").glob("*.epub"):
        entry.write_bytes(b"garbage")
    result, path = build()
    assert path.read_bytes() == cold


@pytest.mark.parametrize("built", ["epub", "pdf"], indirect=True)
def test_one_changed_chapter_reconverts_only_that_chapter(built, minimal, monkeypatch):
    build, cold, out = built
    converted: list[int] = []
    real = book.render.pandoc.convert_documents
    monkeypatch.setattr(book.render.pandoc, "convert_documents",
                        lambda texts, *a, **k: converted.append(len(texts)) or real(texts, *a, **k))
    chapter = minimal / "chapters" / "02-second.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("\n:::\n", "\n\nOne more line.\n:::\n", 1),
                       encoding="utf-8")
    result, path = build()
    assert converted == [1]
    warm = path.read_bytes()
    result, cold_path = build("--no-cache")
    assert cold_path.read_bytes() == warm


def _three_ways(docs, args, split, tmp_path, monkeypatch):
    """Each document converted alone, all in one pandoc process, and split over two processes."""
    alone = {}
    for text in docs:
        alone.update(split("\n".join(convert_documents([text], args, tmp_path))))
    together = split("\n".join(convert_documents(docs, args, tmp_path)))
    monkeypatch.setattr(book.render.pandoc, "MIN_CHARS_PER_JOB", 1)
    parallel = split("\n".join(convert_documents(docs, args, tmp_path, jobs=2)))
    return alone, together, parallel


def test_documents_convert_alike_alone_together_and_in_parallel(tmp_path, monkeypatch):
    """The per-document XHTML does not depend on which documents share a pandoc call."""
    docs = [
        "::: {#a .book-doc}\n# Notes\n\nOne[^1] and two[^x].\n\n[^1]: First of A.\n[^x]: Second of A.\n:::\n",
        "::: {#b .book-doc}\n# Notes\n\nSee [above](#notes). Three[^1].\n\n[^1]: Only note of B.\n:::\n",
    ]
    alone, together, parallel = _three_ways(docs, HTML_ARGS, split_documents, tmp_path, monkeypatch)
    assert alone == together == parallel
    assert "Only note of B." in alone["b"] and "Only note of B." not in alone["a"]
    assert 'id="notes"' in alone["a"] and 'id="notes"' in alone["b"] and 'href="#notes"' in alone["b"]
    assert 'href="#fn1"' in alone["b"]


_EXCERPT = """:::: {{.excerpt data-source="s1" data-unit="u1" data-writer="Ann C."}}
> {words}

::: attribution
— Ann C., a reader, “A Thread”, 2020-01-01
:::
::::

"""


def test_typst_converts_alike_alone_together_and_in_parallel(tmp_path, monkeypatch):
    """The PDF's per-document Typst, labels and links included, does not depend on the split either."""
    args = (*TYPST_ARGS_BASE, f"--lua-filter={REPO / 'styles' / 'pdf' / 'book.lua'}")
    docs = [
        "::: {#a .book-doc}\n# Notes {#notes}\n\nOne[^1], [see](#notes).\n\n[^1]: First of A.\n\n"
        + _EXCERPT.format(words="Zero.") + ":::\n",
        "::: {#b .book-doc .chapter}\n# Notes {#notes}\n\n## Part\n\nTwo[^1].\n\n[^1]: Only note of B.\n\n"
        + _EXCERPT.format(words="One.") + _EXCERPT.format(words="Two.") + ":::\n",
    ]
    alone, together, parallel = _three_ways(docs, args, split_typst, tmp_path, monkeypatch)
    assert alone == together == parallel
    assert list(together) == ["a", "b"]
    assert together["b"].count("credit-text(") == 2 and 'prev: "b-1"' in together["b"]
    # labels are scoped to their document, whatever pandoc's per-file prefix was
    assert "#link(<a:notes>)[see]" in alone["a"] and "<b:notes>" in alone["b"] and "<b:part>" in alone["b"]
    assert "__" not in together["a"] + together["b"]
    assert "#footnote[Only note of B.]" in alone["b"] and "Only note of B." not in alone["a"]


def test_build_all_reuses_both_outputs(minimal, cli, tmp_path, monkeypatch):
    args = ("build", "all", "-q", "-m", str(minimal), "--out-dir", str(tmp_path / "out"))
    first = cli(*args)
    assert first.exit_code == 0, first.stderr
    outputs = {p: p.read_bytes() for p in map(Path, first.stdout.split())}
    monkeypatch.setattr(book.render.pandoc, "convert_documents", _no_pandoc)
    second = cli(*args)
    assert second.exit_code == 0
    assert {p: p.read_bytes() for p in map(Path, second.stdout.split())} == outputs
    with zipfile.ZipFile(next(p for p in outputs if p.suffix == ".epub")) as archive:
        assert archive.namelist()[0] == "mimetype"


def test_the_package_styles_are_part_of_the_fingerprint():
    from book.render.cache import PACKAGE_DIR, _tree_parts

    names = _tree_parts(PACKAGE_DIR)[::2]
    assert "render/cache.py" in names and not any(name.endswith(".pyc") for name in names)
    styles = _tree_parts(PACKAGE_STYLES)[::2]
    assert "pdf/book.typ" in styles and "chapter.md.j2" in styles


def test_two_pandoc_processes_give_the_same_bytes_as_one(tmp_path, monkeypatch):
    """Both cores are used only where the output stays byte-identical: EPUB and PDF, split or not."""
    from book.context import BuildContext
    from book.pipeline import build
    from book.support.reproducible import build_time

    manuscript = tmp_path / "long"
    shutil.copytree(REPO / "tests" / "fixtures" / "long", manuscript)
    when = build_time(manuscript)
    monkeypatch.setattr(book.render.pandoc, "MIN_CHARS_PER_JOB", 1)   # split even this small book
    groups: list[int] = []
    real_groups = book.render.pandoc._groups
    monkeypatch.setattr(book.render.pandoc, "_groups", lambda *a: groups.append(len(real_groups(*a))) or real_groups(*a))
    outputs = {}
    for jobs in (1, 2):
        ctx = BuildContext(manuscript_dir=manuscript, out_dir=tmp_path / f"out{jobs}", built_at=when, jobs=jobs)
        paths = build(ctx, ["epub", "pdf"], lambda _: None, lambda _: None)
        outputs[jobs] = [p.read_bytes() for p in paths]
    assert groups == [1, 1, 2, 2]   # EPUB then PDF, in one process, then in two
    assert outputs[1] == outputs[2]
