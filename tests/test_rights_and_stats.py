"""Excerpts from the CLI: verification messages, the release gate, and stats that add up."""

from __future__ import annotations

import json


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
