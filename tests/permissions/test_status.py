"""``book permissions status``: entries by status, what blocks a release, what is overdue."""

from __future__ import annotations

from .conftest import run


def edits(small, text: str) -> None:
    (small / "sources" / "garden-letters.edits.yaml").write_text(
        text + "units:\n  c1: {role: a gardener}\nvoices:\n  - {unit: post, start: \"Winifred writes:\", "
        "end: \"What am I doing wrong?\", author: Winifred, role: a reader}\n")


def lines_of(output: str, heading: str) -> list[str]:
    block = output.split(heading, 1)[1].split("\n\n", 1)[0]
    return [line for line in block.splitlines()[1:] if line]


def test_a_refused_source_blocks_a_release(small):
    edits(small, "rights: {status: refused, note: The blog's owner said no.}\n")
    result = run("permissions", "status", "-m", small, "--as-of", "2026-01-20")
    assert result.exit_code == 0, result.stderr
    table = result.stdout.split("\n\n")[0].splitlines()
    assert table[0].startswith("STATUS") and all(line.startswith("refused") for line in table[1:])
    blocking = lines_of(result.stdout, "BLOCKING A RELEASE")
    # the release gate's own words, once per problem, with where: the same as `book check --release`
    assert blocking == ["- error[E320]: release refused: rights for source 'garden-letters' are refused "
                        "(set rights.status in garden-letters.edits.yaml) (3 places: 01-first.md:8, 01-first.md:24, "
                        "02-second.md:17)"]
    assert run("check", "--release", "-m", small).stderr.count("error[E320]") == 3


def test_the_gate_s_other_refusals_are_listed_in_its_own_words(small):
    edits(small, "rights: {status: quotation}\n")                       # over the thresholds, no decision
    result = run("permissions", "status", "-m", small)
    blocking = lines_of(result.stdout, "BLOCKING A RELEASE")
    assert len(blocking) == 1 and "error[E322]" in blocking[0] and "rights.decision" in blocking[0]


def test_requested_granted_quotation_and_overdue(small):
    edits(small, """\
rights:
  status: quotation
  decision: Short passages for criticism; the blog's owner was told.
  writers:
    Bartholomew: {status: pending, requested_on: 2025-11-01}
    Winifred: {status: permission, requested_on: 2025-11-01, granted_on: 2025-11-20}
""")
    result = run("permissions", "status", "-m", small, "--as-of", "2026-01-20", "--overdue-days", "60")
    assert result.exit_code == 0, result.stderr
    table = result.stdout.split("\n\n")[0].splitlines()[1:]
    statuses = [line.split()[0] for line in table if not line.startswith(" ")]
    assert statuses == ["requested", "granted", "quotation"]     # by status: what needs doing first
    assert "2025-11-20" in next(line for line in table if line.startswith("granted"))
    assert any("decision: Short passages for criticism" in line for line in table)
    assert lines_of(result.stdout, "BLOCKING A RELEASE") == [
        "- error[E320]: release refused: rights for writer 'Bartholomew' of source 'garden-letters' are pending "
        "(set rights.writers of garden-letters.edits.yaml) (1 place: 01-first.md:24)"]
    overdue = lines_of(result.stdout, "OVERDUE")
    assert overdue == ["- garden-letters: Bartholomew, requested 2025-11-01 (80 days)"]
    later = run("permissions", "status", "-m", small, "--as-of", "2026-01-20", "--overdue-days", "90")
    assert lines_of(later.stdout, "OVERDUE") == ["nothing"]


def test_a_clean_book_has_nothing_blocking(small):
    result = run("permissions", "status", "-m", small)
    assert result.exit_code == 0 and "nothing: `book release` may go ahead" in result.stdout


def test_bad_input(small):
    result = run("permissions", "status", "-m", small, "--as-of", "20 January")
    assert result.exit_code == 2 and "--as-of" in result.stderr
    result = run("permissions", "status", "-m", small, "--overdue-days", "-3")
    assert result.exit_code == 2
    edits(small, "rights: {status: granted}\n")
    result = run("permissions", "status", "-m", small)
    assert result.exit_code == 1 and "garden-letters.edits.yaml:1: error[S114]" in result.stderr
    assert "status: permission" in result.stderr and "Traceback" not in result.stderr


def test_the_release_gate_follows_each_writer_s_own_entry(small):
    edits(small, "rights:\n  status: permission\n  writers:\n    Winifred: {status: refused}\n"
                 "    Bartholomew: {status: pending, requested_on: 2025-12-01}\n")
    result = run("check", "--release", "-m", small)
    assert result.exit_code == 1
    refused = sorted(line for line in result.stderr.splitlines() if "error[E320]" in line)
    assert len(refused) == 2
    assert "writer 'Bartholomew'" in refused[0] and "pending" in refused[0] and "02-first.md" not in refused[0]
    assert "writer 'Winifred'" in refused[1] and "refused" in refused[1]
    edits(small, "rights:\n  status: permission\n  writers:\n    Winifred: {status: permission}\n"
                 "    Bartholomew: {status: permission}\n")
    assert run("check", "--release", "-m", small).exit_code == 0
