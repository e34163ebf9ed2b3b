"""Excerpts from the CLI: verification messages, the release gate, and stats that add up."""

from __future__ import annotations

import json
import zipfile

import pytest


def edit(path, old, new):
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def test_changed_word_fails_naming_the_chapter(minimal, cli):
    chapter = minimal / "chapters" / "01-first.md"
    edit(chapter, "they still refuse to bloom", "they still decline to bloom")
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 1
    assert "01-first.md:9: error[E313]" in result.stderr
    assert "decline" in result.stderr and "refuse" in result.stderr   # the difference and the nearest passage
    assert "Traceback" not in result.stderr


def test_omission_in_the_middle_passes(minimal, cli):
    chapter = minimal / "chapters" / "01-first.md"
    edit(chapter, "the same roses for ten years and they still", "the same roses … still")
    assert cli("check", "-m", str(minimal)).exit_code == 0


def test_bracketed_insertion_passes(minimal, cli):
    chapter = minimal / "chapters" / "01-first.md"
    edit(chapter, "I have tended the same roses", "I have tended the same [climbing] roses")
    assert cli("check", "-m", str(minimal)).exit_code == 0


def test_release_gate_fails_on_pending_source(minimal, cli, tmp_path):
    edit(minimal / "sources" / "garden-letters.edits.yaml", "status: quotation", "status: pending")
    assert cli("check", "-m", str(minimal)).exit_code == 0          # drafts may quote pending sources
    result = cli("build", "epub", "--release", "-m", str(minimal), "-o", str(tmp_path / "x.epub"))
    assert result.exit_code == 1
    assert result.stderr.count("error[E320]") == 3                  # every excerpt listed
    assert not (tmp_path / "x.epub").exists()


def test_release_gate_fails_on_incomplete_attribution(minimal, cli):
    source = minimal / "sources" / "garden-letters.yaml"
    edit(source, "    author: Bartholomew\n", "    author: null\n")
    result = cli("check", "--release", "-m", str(minimal))
    assert result.exit_code == 1 and "error[E321]" in result.stderr and "lacks author" in result.stderr


def test_release_passes_a_clean_book(minimal, cli):
    assert cli("check", "--release", "--strict", "-m", str(minimal)).exit_code == 0


def test_stats_add_up(minimal, cli):
    result = cli("stats", "--json", "-m", str(minimal))
    assert result.exit_code == 0, result.stderr
    figures = json.loads(result.stdout)
    chapters, sources, totals = figures["chapters"], figures["sources"], figures["totals"]
    assert [c["id"] for c in chapters] == ["ch01-first", "ch02-second"]
    assert totals["quotation_words"] == sum(c["quotation_words"] for c in chapters)
    assert totals["commentary_words"] == sum(c["commentary_words"] for c in chapters)
    assert totals["words"] == totals["commentary_words"] + totals["quotation_words"]
    [garden] = sources
    assert garden["quoted_words"] == totals["quotation_words"] == 20 + 28 + 10
    assert abs(garden["share"] - garden["quoted_words"] / garden["words"]) < 1e-3
    assert garden["flagged"] is True                                 # well over 10% of a tiny source


def test_stats_table(minimal, cli):
    result = cli("stats", "-m", str(minimal))
    assert result.exit_code == 0 and "garden-letters" in result.stdout and "over the threshold" in result.stdout


def test_generated_section_may_not_be_written(minimal, cli):
    chapter = minimal / "chapters" / "02-second.md"
    chapter.write_text(chapter.read_text() + "\n::: sources\nHand-made.\n:::\n")
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 1 and "error[E215]" in result.stderr


def _edit_rights(book, old: str, new: str) -> None:
    edits = book / "sources" / "garden-letters.edits.yaml"
    text = edits.read_text()
    assert old in text
    edits.write_text(text.replace(old, new))


DECISION = '  decision: "The thread is a few lines long, so any quotation of it is most of it; each passage is discussed."\n'


def test_release_refuses_fair_dealing_beyond_the_thresholds_without_a_decision(minimal, cli):
    _edit_rights(minimal, DECISION, "")
    assert cli("check", "-m", str(minimal)).exit_code == 0          # an editor may work on; a release may not
    result = cli("check", "--release", "-m", str(minimal))
    assert result.exit_code == 1
    error = next(line for line in result.stderr.splitlines() if "error[E322]" in line)
    assert "garden-letters.edits.yaml:1:1:" in error and "garden-letters is quoted under fair dealing" in error
    assert "Bartholomew: 28 of 40 words (70%)" in error          # a comment is its writer's own work
    assert "rights.decision" in error


def test_one_writer_beyond_the_thresholds_is_enough(minimal, cli):
    """The source as a whole is under the thresholds; one commenter's words are not."""
    _edit_rights(minimal, DECISION, "")
    book = minimal / "book.yaml"
    book.write_text(book.read_text() + "quotation:\n  max_words: 300\n  max_share: 0.65\n")
    error = next(line for line in cli("check", "--release", "-m", str(minimal)).stderr.splitlines() if "E322" in line)
    assert "the source:" not in error and "Winifred: 20 of 22 words (91%)" in error


def test_the_decision_is_printed_in_the_appendix_and_listed_for_the_manifest(minimal, cli, tmp_path):
    from book.context import BuildContext
    from book.editorial.rights import decisions
    from book.pipeline import check

    out = tmp_path / "book.epub"
    assert cli("build", "epub", "--release", "--strict", "-q", "-m", str(minimal), "-o", str(out)).exit_code == 0
    with zipfile.ZipFile(out) as epub:
        appendix = epub.read("EPUB/sources-and-permissions.xhtml").decode()
    assert "Quoted beyond the book’s usual limits: The thread is a few lines long" in appendix
    listed = decisions(check(BuildContext(minimal, tmp_path), lambda _: None).manuscript)
    assert [d["source"] for d in listed] == ["garden-letters"] and listed[0]["quoted_words"] == 58
    assert {o.get("writer") for o in listed[0]["over"]} >= {"Winifred", "Bartholomew"}


@pytest.mark.parametrize("licence, for_sale, refused", [
    ("CC BY-NC 4.0", True, True),
    ("Creative Commons Attribution-NoDerivatives 4.0", True, True),
    ("CC BY-NC 4.0", False, False),
    ("CC BY 4.0", True, False),
])
def test_a_restrictive_licence_in_a_book_for_sale_needs_permission(minimal, cli, licence, for_sale, refused):
    _edit_rights(minimal, "  status: quotation\n", f"  status: quotation\n  licence: {licence}\n")
    if for_sale:
        book = minimal / "book.yaml"
        book.write_text(book.read_text() + "sale:\n  price: £12.99\n  channels: [kdp]\n")
    result = cli("check", "--release", "-m", str(minimal))
    assert (result.exit_code == 1) == refused, result.stderr
    if refused:
        assert f"error[E323]: release refused: garden-letters is published under '{licence}'" in result.stderr
        _edit_rights(minimal, "  status: quotation\n", "  status: permission\n  granted_by: Dr. Rosa Field\n")
        assert cli("check", "--release", "-m", str(minimal)).exit_code == 0


def test_the_right_words_under_the_wrong_unit_name_the_unit_that_has_them(minimal, cli):
    chapter = minimal / "chapters" / "02-second.md"
    edit(chapter, '{.excerpt source="garden-letters" unit="c2"}', '{.excerpt source="garden-letters" unit="c1"}')
    error = next(line for line in cli("check", "-m", str(minimal)).stderr.splitlines() if "E313" in line)
    assert "its words are in garden-letters#c2: write source=\"garden-letters\" unit=\"c2\"" in error


def test_words_out_of_order_say_so_instead_of_a_perfect_score(minimal, cli):
    chapter = minimal / "chapters" / "01-first.md"
    edit(chapter, "I have tended the same roses for ten years and they still refuse to bloom. What am I doing wrong?",
         "What am I doing wrong? I have tended the same roses for ten years and they still refuse to bloom.")
    error = next(line for line in cli("check", "-m", str(minimal)).stderr.splitlines() if "E313" in line)
    assert "are in the source, but not where the excerpt puts them" in error
    assert "100%" not in error and "alike" not in error


def test_a_mismatch_never_shows_a_word_cut_in_two(minimal, cli):
    chapter = minimal / "chapters" / "02-second.md"
    edit(chapter, "Patience is the whole of the secret.", "Patience is the whole of the mystery.")
    error = next(line for line in cli("check", "-m", str(minimal)).stderr.splitlines() if "E313" in line)
    passage = error.split("the nearest passage in the source: ")[1].strip('"')
    source_words = set("Thank you, Bartholomew. Patience is the whole of the secret.".split())
    assert set(passage.split()) <= source_words, passage


def test_a_broken_edits_file_is_one_error_not_one_per_excerpt(minimal, cli):
    edits = minimal / "sources" / "garden-letters.edits.yaml"
    edits.write_text(edits.read_text() + "colour: green\n")
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 1 and "garden-letters.edits.yaml" in result.stderr
    assert "E310" not in result.stderr


def test_text_outside_a_section_names_this_books_sections(minimal, cli):
    chapter = minimal / "chapters" / "02-second.md"
    edit(chapter, "::: epigraph", "A stray line.\n\n::: epigraph")
    error = next(line for line in cli("check", "-m", str(minimal)).stderr.splitlines() if "E203" in line)
    assert "such as '::: epigraph' (this book's sections: epigraph, letter, reply, commentary)" in error


def test_the_manifests_decisions_name_writers_as_the_book_prints_them(minimal, tmp_path):
    from book.context import BuildContext
    from book.editorial.rights import decisions
    from book.pipeline import check

    checked = check(BuildContext(minimal, tmp_path), lambda _: None)
    writers = {o.get("writer") for d in decisions(checked.manuscript, checked.names.person) for o in d["over"]}
    assert {"W.", "B."} <= writers and not {"Winifred", "Bartholomew"} & writers
