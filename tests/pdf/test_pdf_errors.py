"""Bad input: one located line per problem, exit 1, and the earlier PDF left as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_helpers import run_cli


def build_twice(book: Path, out: Path, change) -> tuple[int, str]:
    """Build a good PDF, break the book, build again: return (exit code, stderr)."""
    first = run_cli("build", "pdf", "-q", "-m", str(book), "-o", str(out))
    assert first.exit_code == 0, first.stderr
    change(book)
    result = run_cli("build", "pdf", "-q", "-m", str(book), "-o", str(out))
    return result.exit_code, result.stderr


def append_yaml(text: str):
    def change(book: Path) -> None:
        (book / "book.yaml").write_text((book / "book.yaml").read_text() + text)
    return change


@pytest.mark.parametrize("overlay, expected", [
    ("print:\n  trim: 7x11\n", r"book.yaml:\d+:\d+: error\[E104\]: 'print.trim': unknown trim size '7x11'"),
    ("print:\n  margins:\n    inside: 3in\n    outside: 2.5in\n",
     r"book.yaml:\d+:\d+: error\[E104\]: 'print': the margins leave a text block of 0.50 x"),
    ("print:\n  font: Comic Sans MS\n", r"book.yaml:\d+:\d+: error\[E240\]: font 'Comic Sans MS' not found"),
    ("print:\n  font_size: 11 points\n", r"book.yaml:\d+:\d+: error\[E104\]: 'print.font_size': '11 points' is not"),
    ("print:\n  trim: 6x9\n  width: 5in\n", r"book.yaml:\d+:\d+: error\[E104\]: 'print': width and height are only"),
    ("print:\n  gutter: 1in\n", r"book.yaml:\d+:\d+: error\[E102\]: unknown key 'print.gutter'"),
])
def test_bad_print_settings(book_copy, tmp_path, overlay, expected):
    import re

    out = tmp_path / "book.pdf"
    code, stderr = build_twice(book_copy("minimal"), out, append_yaml(overlay))
    before = out.read_bytes()
    assert code == 1
    first = stderr.splitlines()[0]
    assert re.search(expected, first), stderr
    assert out.read_bytes() == before
    assert not list(tmp_path.glob(".book.pdf.*")), "no temporary file is left behind"


def test_font_error_names_the_line(book_copy, tmp_path):
    book = book_copy("minimal")
    lines = (book / "book.yaml").read_text().count("\n")
    code, stderr = build_twice(book, tmp_path / "b.pdf", append_yaml("print:\n  font: Nope Serif\n"))
    assert code == 1 and f"book.yaml:{lines + 2}:" in stderr


def test_image_without_alt_text(book_copy, tmp_path):
    def change(book: Path) -> None:
        (book / "images").mkdir()
        (book / "images" / "x.png").write_bytes(b"\x89PNG\r\n\x1a\n")
        chapter = book / "chapters" / "01-first.md"
        chapter.write_text(chapter.read_text().replace("Our own commentary.", "Our own commentary.\n\n![](images/x.png)"))

    out = tmp_path / "b.pdf"
    code, stderr = build_twice(book_copy("minimal"), out, change)
    assert code == 1
    assert "01-first.md:" in stderr and "error[E231]" in stderr and "no alt text" in stderr


def test_typst_failure_is_a_diagnostic_not_a_traceback(book_copy, tmp_path):
    def change(book: Path) -> None:
        (book / "styles" / "pdf").mkdir(parents=True)
        (book / "styles" / "pdf" / "book.typ").write_text("#let setup(body) = undefined-thing\n")

    out = tmp_path / "b.pdf"
    before_code, stderr = build_twice(book_copy("minimal"), out, change)
    assert before_code == 1
    assert "error[E506]: typesetting failed" in stderr and "Traceback" not in stderr
    assert all(line.count("\n") == 0 for line in stderr.splitlines())


def test_print_defaults_need_no_print_section(book_copy):
    book = book_copy("minimal")
    assert "print:" not in (book / "book.yaml").read_text()
    assert run_cli("check", "-q", "-m", str(book)).exit_code == 0
