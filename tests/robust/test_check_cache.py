"""`book check` reads the documents with pandoc as the build renders them (E530-E537); with the
cache, what pandoc said of a document is kept under its Markdown, so a check after one chapter
changed reads only that chapter again, and says the same as a check that read them all."""

from __future__ import annotations

from pathlib import Path

import pytest

from book.render import pandoc as pandoc_module
from book.render.chapters import RenderedDoc
from book.render.pandoc import PandocFailed, reader_warnings

TWICE = "Another letter.[^n]\n\n[^n]: One.\n\n[^n]: Two.\n"


@pytest.fixture
def read(monkeypatch) -> list[int]:
    """How many documents each call of pandoc was given."""
    counts: list[int] = []
    convert = pandoc_module.convert_documents

    def counted(texts, *args, **kwargs):
        counts.append(len(texts))
        return convert(texts, *args, **kwargs)

    monkeypatch.setattr(pandoc_module, "convert_documents", counted)
    return counts


def _break(chapter: Path) -> None:
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("Another letter.", TWICE, 1), encoding="utf-8")


def test_a_second_check_reads_only_what_changed_and_says_the_same(minimal, cli, read):
    chapter = minimal / "chapters" / "02-second.md"
    _break(chapter)
    first = cli("check", "-m", str(minimal))
    assert first.exit_code == 1 and f"{chapter}:15:1: error[E531]" in first.stderr, first.stderr
    assert read[-1] > 2
    again = cli("check", "-m", str(minimal))
    assert (again.exit_code, again.stderr.splitlines()[-2:]) == (1, first.stderr.splitlines()[-2:])
    assert len(read) == 1                           # every document's reading came from the cache
    other = minimal / "chapters" / "01-first.md"
    other.write_text(other.read_text(encoding="utf-8").replace("Our own commentary.", "Our own, longer, commentary.", 1),
                     encoding="utf-8")
    third = cli("check", "-m", str(minimal))
    assert third.exit_code == 1 and f"{chapter}:15:1: error[E531]" in third.stderr, third.stderr
    assert read[1:] == [1]                          # the changed chapter alone


def test_no_cache_reads_everything_and_keeps_nothing(minimal, cli, read):
    _break(minimal / "chapters" / "02-second.md")
    for _ in range(2):
        result = cli("check", "--no-cache", "-m", str(minimal))
        assert result.exit_code == 1 and "error[E531]" in result.stderr, result.stderr
    assert len(read) == 2 and read[0] == read[1] > 2
    assert not list(minimal.parent.rglob("read-log"))


def test_pandoc_stopping_on_a_document_names_its_file(tmp_path, monkeypatch):
    """E502 as the build says it: at the file of the document pandoc fails on alone."""
    docs = [RenderedDoc(id=name, kind="chapter", title=name, epub_type="chapter", markdown=f"{name}\n",
                        path=tmp_path / f"{name}.md", origins=()) for name in ("one", "two")]

    def stopped(texts, *args, **kwargs):
        raise PandocFailed(1, "pandoc: something it cannot read")

    monkeypatch.setattr(pandoc_module, "convert_documents", stopped)
    with pytest.raises(PandocFailed) as failed:
        reader_warnings(docs, tmp_path)
    [item] = failed.value.report.items
    assert (item.code, item.path) == ("E502", tmp_path / "two.md")
