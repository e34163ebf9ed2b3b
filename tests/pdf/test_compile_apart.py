"""A book whose Typst source is long is compiled in a process of its own (``compile.IN_PROCESS_CHARS``).

The ``typst`` package keeps every layout it made for the life of the process, so a long book
compiled in ``book``'s own process held its memory through the rest of the run (the EPUB's
pandoc ran on top of it). The threshold is lowered here so that the small fixture goes the same
way; the PDF, the EPUB's page list and the errors must be what one compile in-process gives.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from pathlib import Path

import pytest

import book.pdf.document

ISBN = "978-0-306-40615-7"


@pytest.fixture
def calls(monkeypatch) -> Counter:
    """How often the interior was compiled here, compiled in a child, and queried here."""
    counted: Counter = Counter()
    for name in ("compile_typst", "compile_in_child", "query_typst", "query_in_child"):
        real = getattr(book.pdf.document, name)

        def spy(*args, _real=real, _name=name, **kwargs):
            counted[_name] += 1
            return _real(*args, **kwargs)

        monkeypatch.setattr(book.pdf.document, name, spy)
    return counted


def build_all(cli, manuscript: Path, out: Path) -> dict[str, bytes]:
    result = cli("build", "all", "-q", "--no-cache", "-m", str(manuscript), "--out-dir", str(out))
    assert result.exit_code == 0, result.stderr
    return {path.suffix: path.read_bytes() for path in out.iterdir() if path.is_file()}


def page_breaks(epub: bytes) -> int:
    """The print page-break markers in the EPUB's documents."""
    with zipfile.ZipFile(io.BytesIO(epub)) as package:
        return sum(package.read(name).count(b'epub:type="pagebreak"') for name in package.namelist()
                   if name.endswith(".xhtml"))


def with_print_isbn(manuscript: Path) -> None:
    """A print ISBN: the EPUB then carries the print edition's page list, read from Typst's layout."""
    config = manuscript / "book.yaml"
    text = config.read_text(encoding="utf-8")
    changed = re.sub(r"(?m)^identifier: (\S+)$", rf"identifiers:\n  epub: \1\n  print: {ISBN}", text)
    assert changed != text
    config.write_text(changed, encoding="utf-8")


def test_a_long_source_is_compiled_in_a_child_and_gives_the_same_bytes(minimal, cli, tmp_path, monkeypatch, calls):
    here = build_all(cli, minimal, tmp_path / "here")
    assert calls == {"compile_typst": 1}            # a short book: in this process
    calls.clear()
    monkeypatch.setattr(book.pdf.document, "IN_PROCESS_CHARS", 0)
    apart = build_all(cli, minimal, tmp_path / "apart")
    assert calls == {"compile_in_child": 1}
    assert apart == here


def test_the_page_marks_are_read_from_the_childs_layout(minimal, cli, tmp_path, monkeypatch, calls):
    """The EPUB's print page list comes from the child's query of its own layout: asked in the parent,
    the query would lay the whole book out again, in this process."""
    with_print_isbn(minimal)
    here = build_all(cli, minimal, tmp_path / "here")
    assert calls == {"compile_typst": 1, "query_typst": 1}
    calls.clear()
    monkeypatch.setattr(book.pdf.document, "IN_PROCESS_CHARS", 0)
    apart = build_all(cli, minimal, tmp_path / "apart")
    assert calls == {"compile_in_child": 1}
    assert page_breaks(here[".epub"]) > 0
    assert apart == here


def test_an_epub_alone_reads_its_page_marks_from_a_child(minimal, cli, tmp_path, monkeypatch, calls):
    """`book build epub` with a print ISBN lays the print edition out for its page list only: in a child too."""
    with_print_isbn(minimal)

    def epub(out: Path) -> bytes:
        result = cli("build", "epub", "-q", "--no-cache", "-m", str(minimal), "-o", str(out))
        assert result.exit_code == 0, result.stderr
        return out.read_bytes()

    here = epub(tmp_path / "here.epub")
    assert calls == {"query_typst": 1}
    calls.clear()
    monkeypatch.setattr(book.pdf.document, "IN_PROCESS_CHARS", 0)
    apart = epub(tmp_path / "apart.epub")
    assert calls == {"query_in_child": 1}
    assert page_breaks(here) > 0 and apart == here


def test_the_childs_typesetting_error_is_placed_where_the_chapter_writes_it(minimal, cli, tmp_path, monkeypatch,
                                                                             calls):
    """A character no font has: Typst in the child names only its generated source; the parent places it."""
    monkeypatch.setattr(book.pdf.document, "IN_PROCESS_CHARS", 0)
    chapter = minimal / "chapters" / "01-first.md"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.replace("Our own commentary.", "Our own commentary. A private \U0010fffd sign.", 1),
                       encoding="utf-8")
    line = 1 + text[:text.index("Our own commentary.")].count("\n")
    result = cli("build", "pdf", "-q", "--no-cache", "-m", str(minimal), "-o", str(tmp_path / "book.pdf"))
    assert result.exit_code == 1
    assert calls["compile_in_child"] == 1
    said = [row for row in result.stderr.splitlines() if "error[" in row]
    assert len(said) == 1 and "error[E506]" in said[0] and "could not be displayed" in said[0], result.stderr
    assert f"01-first.md:{line}:31:" in said[0] and "Traceback" not in result.stderr
    assert not (tmp_path / "book.pdf").exists()


def test_an_interrupt_while_the_child_typesets_leaves_the_previous_book_and_no_files(minimal, cli, tmp_path,
                                                                                      monkeypatch):
    """Ctrl-C reaches the child too (one process group; and it dies with its parent): the source written
    for it, its folder and the half-made outputs go, and the previous book stays as it was."""
    import subprocess
    import tempfile

    import book.pdf.compile

    out, private = tmp_path / "out", tmp_path / "tmp"
    private.mkdir()
    monkeypatch.setenv("TMPDIR", str(private))
    monkeypatch.setattr(tempfile, "tempdir", None)
    before = build_all(cli, minimal, out)
    monkeypatch.setattr(book.pdf.document, "IN_PROCESS_CHARS", 0)
    seen: list[Path] = []
    real_run = subprocess.run

    def interrupted(cmd, *args, **kwargs):
        seen.extend(Path(p) for p in private.rglob("*.typ"))      # the child's source, written for it
        real_run(cmd, *args, **kwargs)                               # the child typesets, then Ctrl-C
        raise KeyboardInterrupt

    monkeypatch.setattr(book.pdf.compile.subprocess, "run", interrupted)
    result = cli("build", "all", "-q", "--no-cache", "-m", str(minimal), "--out-dir", str(out))
    assert result.exit_code == 130 and "interrupted" in result.stderr
    assert seen and {p.suffix: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    assert list(private.iterdir()) == []
    tempfile.tempdir = None


def test_the_child_process_imports_only_what_compiling_needs():
    """A child compiles a Typst file it is given: the model, its schema (pydantic) and the templates
    (Jinja2) took 0.15 s of every child's start, paid once per part of a long book."""
    import subprocess
    import sys

    probe = "import sys, book.pdf.child; print(' '.join(sorted(sys.modules)))"
    loaded = set(subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
                 .stdout.split())
    assert "book.pdf.child" in loaded and "book.pdf.compile" in loaded
    assert not loaded & {"pydantic", "jinja2", "ruamel.yaml", "book.config", "book.model", "pikepdf"}
