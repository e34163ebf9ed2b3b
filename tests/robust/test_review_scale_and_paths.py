"""Kinds a review of the eleventh round's mends found: a saved page refused for its name (``www.…``), a
far ``books.yaml`` proposed as the book's settings, and two did-you-means whose cost grew with the book
(every source file read in full for every excerpt of an unknown source; the manuscript walked again for
every image missing). The costs are held by counting the work done, never by timing it."""

from __future__ import annotations

import os
import pathlib
from collections import Counter
from pathlib import Path

import pytest

from book.manuscript.locate import ManuscriptNotFound, find_manuscript
from book.support.diagnostics import Report

from .edits import clean_failure
from .edits import replace_once as _replace

_PAGE = """<!doctype html><html lang="en"><head><title>Late Roses</title></head>
<body><article><h1>Late Roses</h1><p>{words}</p><p>{words}</p></article></body></html>"""


# ------------------------------------------------------------------ a saved page named like an address

@pytest.mark.parametrize("name", ["www.example.com.html", "www.example.org/index.html", "http:roses.html"])
def test_a_saved_page_named_like_an_address_is_imported(minimal, cli, tmp_path, monkeypatch, name):
    """A page saved as its host's name, or a wget mirror (``www.example.org/index.html``), is a file that
    is there: it was refused as "the page's address, not a saved page"."""
    monkeypatch.chdir(tmp_path)
    capture = tmp_path / name
    capture.parent.mkdir(parents=True, exist_ok=True)
    words = " ".join(["The roses bloomed late this year, and we waited for them patiently."] * 12)
    capture.write_text(_PAGE.format(words=words), encoding="utf-8")
    result = cli("sources", "import", name, "-m", str(minimal), "--accessed", "2026-01-10", "--id", "roses")
    assert result.exit_code == 0, result.stderr
    assert (minimal / "sources" / "roses.yaml").is_file()


def test_an_address_with_no_file_of_its_name_is_still_told_to_save_the_page(minimal, cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    clean_failure(cli("sources", "import", "www.example.org/index.html", "-m", str(minimal)),
                  "this is the page's address, not a saved page")


# ------------------------------------------------------------------ where the book is not

@pytest.mark.parametrize("name", ["books.yaml", "notebook.yaml", "bok.yaml"])
def test_a_near_named_file_above_is_not_proposed_as_the_book(tmp_path, name):
    """``~/books.yaml`` is some other file: it was proposed ("rename it book.yaml") from any folder below,
    and the guidance to start a book was lost."""
    (tmp_path / name).write_text("shelves: 3\n", encoding="utf-8")
    (tmp_path / "work" / "project").mkdir(parents=True)
    with pytest.raises(ManuscriptNotFound) as found:
        find_manuscript(None, tmp_path / "work" / "project")
    assert name not in str(found.value) and "book new PATH" in str(found.value), found.value


@pytest.mark.parametrize("name", ["BOOK.YML", "Book.yaml.txt", "book.yml.txt"])
def test_a_misnamed_book_yaml_keeps_the_guidance(tmp_path, name):
    (tmp_path / "manuscript").mkdir()
    (tmp_path / "manuscript" / name).write_text("title: A Book\n", encoding="utf-8")
    with pytest.raises(ManuscriptNotFound) as found:
        find_manuscript(None, tmp_path)
    said = str(found.value)
    assert f"manuscript/{name}: rename it book.yaml" in said and "book new PATH" in said, said


# ------------------------------------------------------------------ excerpts of unknown sources

class _CountedFile:
    """A file whose reads are added to ``counted[path]``, in characters or bytes as read."""

    def __init__(self, file, path: str, counted: Counter):
        self._file, self._path, self._counted = file, path, counted

    def read(self, *args):
        data = self._file.read(*args)
        self._counted[self._path] += len(data)
        return data

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._file.close()

    def __getattr__(self, name):
        return getattr(self._file, name)


def _count_reads(monkeypatch, folder: Path) -> tuple[Counter, Counter]:
    """Opens and characters read of each file in ``folder``, by every pathlib reading (read_text opens too)."""
    opened: Counter = Counter()
    read: Counter = Counter()
    original = pathlib.Path.open

    def counting_open(self, *args, **kwargs):
        file = original(self, *args, **kwargs)
        if Path(os.path.abspath(self)).parent == Path(os.path.abspath(folder)):
            opened[self.name] += 1
            return _CountedFile(file, self.name, read)
        return file

    monkeypatch.setattr(pathlib.Path, "open", counting_open)
    return opened, read


def test_unknown_sources_read_each_source_file_once_and_only_its_top(minimal, monkeypatch):
    """40 excerpts of unknown sources beside 10 large source files read every file in full 40 times."""
    from book.editorial.excerpts import verify_excerpts
    from book.manuscript.reader import load_manuscript

    sources = minimal / "sources"
    letters = (sources / "garden-letters.yaml").read_text(encoding="utf-8")
    padding = "".join(f"# {'a line of padding to make the capture large ' * 2}{n}\n" for n in range(2_000))
    for number in range(10):
        (sources / f"large-{number}.yaml").write_text(
            letters.replace("id: garden-letters", f"id: large-{number}") + padding, encoding="utf-8")
    (sources / "garden-letters.yaml").rename(sources / "letters.yaml")     # renamed by hand: S105's
    quoted = "".join(f'\n::: {{.excerpt source="gone-{n}" unit="c1"}}\nWords.\n:::\n' for n in range(40))
    _replace(minimal / "chapters" / "02-second.md", "the whole of the secret.\n:::\n",
             f"the whole of the secret.\n:::\n{quoted}")        # inside the reply, after its excerpt
    manuscript = load_manuscript(minimal, Report())
    assert manuscript is not None and (sources / "large-0.yaml").stat().st_size > 100_000

    opened, read = _count_reads(monkeypatch, sources)
    report = Report()
    verify_excerpts(manuscript, report)
    unknown = [item for item in report.items if item.code == "E310"]
    assert len(unknown) == 40 and all("gone-" in item.message for item in unknown), report.items
    assert not any("garden-letters" in item.message for item in report.items), report.items
    assert opened and max(opened.values()) == 1, opened
    assert max(read.values()) <= 4096, read                              # a file's top, where its id is


# ------------------------------------------------------------------ images missing

def test_missing_images_walk_the_manuscript_once(minimal, monkeypatch):
    """Each missing image walked the whole manuscript and compared its address with every image."""
    import difflib

    from rapidfuzz import process

    from book.editorial import rules
    from book.manuscript.reader import load_manuscript

    for number in range(300):
        folder = minimal / "images" / f"part{number // 100}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"Photo-{number:03d}.png").write_bytes(b"")
    written = "".join(f"\n\n![Photo {n}](images/PART{n // 100}/photo-{n:03d}.PNG)" for n in range(0, 300, 6))
    _replace(minimal / "chapters" / "01-first.md", "Our own commentary.", f"Our own commentary.{written}")
    manuscript = load_manuscript(minimal, Report())
    assert manuscript is not None

    walks: list[str] = []
    walk = os.walk
    monkeypatch.setattr(rules.os, "walk", lambda top, *a, **k: (walks.append(str(top)), walk(top, *a, **k))[1])
    fuzzy: list[str] = []
    close, nearest = difflib.get_close_matches, process.extractOne
    monkeypatch.setattr(difflib, "get_close_matches", lambda word, *a, **k: (fuzzy.append(word), close(word, *a, **k))[1])
    monkeypatch.setattr(process, "extractOne", lambda word, *a, **k: (fuzzy.append(word), nearest(word, *a, **k))[1])
    report = Report()
    rules.check_images(manuscript, report)
    missing = [item for item in report.items if item.code == "E230"]
    assert len(missing) == 50, report.items
    assert all(f"did you mean 'images/part{n // 100}/Photo-{n:03d}.png'?" in item.message
               for n, item in zip(range(0, 300, 6), missing, strict=True)), [item.message for item in missing]
    assert len(walks) == 1, walks
    assert not fuzzy, "an address in another case is found without comparing spellings"


def test_a_misspelt_image_among_many_is_still_found(minimal):
    from book.editorial import rules
    from book.manuscript.reader import load_manuscript

    for number in range(300):
        (minimal / "images").mkdir(exist_ok=True)
        (minimal / "images" / f"photo-{number:03d}.png").write_bytes(b"")
    _replace(minimal / "chapters" / "01-first.md", "Our own commentary.",
             "Our own commentary.\n\n![A photo](images/phto-123.png)")
    manuscript = load_manuscript(minimal, Report())
    report = Report()
    rules.check_images(manuscript, report)
    assert [item.message for item in report.items if item.code == "E230"] == [
        "image not found: images/phto-123.png (paths are relative to the manuscript folder); "
        "did you mean 'images/photo-123.png'?"]
