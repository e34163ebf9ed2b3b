"""Who wrote each passage: one answer, decided in the check stage, printed the same everywhere."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

POST_PASSAGE = "Dear Winifred, roses want patience more than they want fertiliser."
PRINTED = "Dear [W.], roses want patience more than they want fertiliser."   # a commenter's name, by initials


def epub_text(path: Path) -> str:
    """The EPUB's reading text: every XHTML document, tags removed, whitespace folded."""
    with zipfile.ZipFile(path) as book:
        docs = [book.read(n).decode("utf-8") for n in sorted(book.namelist()) if n.endswith(".xhtml")]
    return " ".join(" ".join(re.sub(r"<[^>]+>", " ", doc).split()) for doc in docs)


def quote_the_post(book: Path) -> None:
    """Add an excerpt of the post's own words (outside the reader's letter it quotes)."""
    chapter = book / "chapters" / "01-first.md"
    chapter.write_text(chapter.read_text().replace(
        "Our own commentary.",
        f'Our own commentary.\n\n::: {{.excerpt source="garden-letters" unit="post"}}\n{POST_PASSAGE}\n:::'))


def set_import_author(book: Path, name: str) -> None:
    source = book / "sources" / "garden-letters.yaml"
    text = source.read_text()
    text = text.replace("author: Dr. Rosa Field\nsite:", f"author: {name}\nsite:", 1)
    text = text.replace("    kind: post\n    author: Dr. Rosa Field", f"    kind: post\n    author: {name}", 1)
    source.write_text(text)


def add_edits(book: Path, text: str) -> Path:
    edits = book / "sources" / "garden-letters.edits.yaml"
    edits.write_text(text + edits.read_text())
    return edits


def test_a_source_level_author_correction_reaches_every_quotation_of_the_post(minimal, cli, tmp_path):
    quote_the_post(minimal)
    set_import_author(minimal, "null")
    add_edits(minimal, "author: Dana Whitfield\n")
    out = tmp_path / "book.epub"
    result = cli("build", "epub", "-q", "-m", str(minimal), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    text = epub_text(out)
    assert f"{PRINTED} — Dana Whitfield, the blog’s author" in text
    assert "Anonymous" not in text
    assert "“Letters About the Garden”, by Dana Whitfield" in text       # the sources note and the appendix
    assert "warning[E350]" not in result.stderr                          # the import had no author to disagree with


def test_a_unit_correction_wins_over_the_source_level_one(minimal, cli, tmp_path):
    quote_the_post(minimal)
    edits = add_edits(minimal, "author: Dana Whitfield\n")
    edits.write_text(edits.read_text().replace("post: {role: the blog's author}",
                                               "post: {role: the blog's author, author: Rosa Field}"))
    out = tmp_path / "book.epub"
    result = cli("build", "epub", "-m", str(minimal), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert f"{PRINTED} — Rosa Field" in epub_text(out)
    warning = next(line for line in result.stderr.splitlines() if "warning[E350]" in line)
    assert "garden-letters.edits.yaml:1:1:" in warning and "'Dana Whitfield'" in warning
    line = next(n for n, text in enumerate(edits.read_text().split("\n"), 1) if "author: Rosa Field" in text)
    assert f"'Rosa Field' (garden-letters.edits.yaml:{line})" in warning


def test_a_correction_that_disagrees_with_the_imported_author_is_said(minimal, cli):
    add_edits(minimal, "author: Dana Whitfield\n")
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 0
    warning = next(line for line in result.stderr.splitlines() if "warning[E350]" in line)
    assert "'Dr. Rosa Field' (garden-letters.yaml:" in warning and "credited to 'Dana Whitfield'" in warning
    assert cli("check", "--strict", "-m", str(minimal)).exit_code == 1


def test_a_voice_keeps_its_own_writer_under_a_source_level_correction(minimal, cli, tmp_path):
    add_edits(minimal, "author: Dana Whitfield\n")
    out = tmp_path / "book.epub"
    assert cli("build", "epub", "-q", "-m", str(minimal), "-o", str(out)).exit_code == 0
    assert "What am I doing wrong? — W., a reader" in epub_text(out)
