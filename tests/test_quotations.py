"""Quotations that bypass verification are found: hand-typed block quotes, long quoted runs in prose."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

C1 = "I pruned mine every week too, and Winifred is right to worry."


def add_to_commentary(book: Path, text: str) -> Path:
    chapter = book / "chapters" / "01-first.md"
    chapter.write_text(chapter.read_text().replace("Our own commentary.", f"Our own commentary.\n\n{text}"))
    return chapter


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().split("\n"), 1) if text in line)


def test_a_hand_typed_block_quote_of_a_source_names_the_source_and_how_to_fix_it(minimal, cli):
    chapter = add_to_commentary(minimal, f"> {C1}\n\n— Bartholomew, in a comment")
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 0
    warning = next(line for line in result.stderr.splitlines() if "warning[E330]" in line)
    assert f"01-first.md:{line_of(chapter, C1)}:" in warning
    assert "it matches garden-letters#c1" in warning and '{.excerpt source="garden-letters" unit="c1"}' in warning


def test_release_refuses_an_unverified_block_quote(minimal, cli):
    add_to_commentary(minimal, f"> {C1}")
    result = cli("check", "--release", "-m", str(minimal))
    assert result.exit_code == 1 and "error[E330]" in result.stderr


def test_a_long_quoted_run_in_prose_that_matches_a_source_is_found(minimal, cli):
    chapter = add_to_commentary(
        minimal, "The gardener told us that “roses want patience more than they want fertiliser. Give them light, "
                 "give them time” and we agreed.")
    result = cli("check", "-m", str(minimal))
    warning = next(line for line in result.stderr.splitlines() if "warning[E331]" in line)
    assert f"01-first.md:{line_of(chapter, 'The gardener told us')}:" in warning
    assert "14 quoted words match garden-letters#post" in warning


def test_a_short_quoted_phrase_is_not_a_quotation(minimal, cli):
    add_to_commentary(minimal, "She calls it “the whole of the secret” and we agree.")
    result = cli("check", "--strict", "-m", str(minimal))
    assert result.exit_code == 0, result.stderr


def test_a_cited_quotation_of_a_published_work_passes_and_prints_its_citation(minimal, cli, tmp_path):
    add_to_commentary(minimal, '::: {.cited cite="John Bowlby, A Secure Base (1988)"}\n'
                               "> All of us, from the cradle to the grave, are happiest when life is organised.\n:::")
    out = tmp_path / "book.epub"
    result = cli("build", "epub", "--release", "--strict", "-m", str(minimal), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(out) as book:
        text = " ".join(re.sub(r"<[^>]+>", " ", book.read(n).decode()) for n in book.namelist() if n.endswith(".xhtml"))
    assert "— John Bowlby, A Secure Base (1988)" in " ".join(text.split())


def test_a_cited_quotation_needs_its_citation(minimal, cli):
    chapter = add_to_commentary(minimal, '::: {.cited cite=""}\n> Words from somewhere.\n:::')
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 1
    assert f"01-first.md:{line_of(chapter, '.cited')}: error[E332]: a cited quotation needs its citation" \
        in result.stderr


def test_a_block_quote_of_no_captured_source_says_how_to_cite_it(minimal, cli):
    add_to_commentary(minimal, "> Words from a book on the shelf, quoted without saying which.")
    warning = next(line for line in cli("check", "-m", str(minimal)).stderr.splitlines() if "E330" in line)
    assert "mark it ::: {.cited" in warning
