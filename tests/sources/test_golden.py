"""Golden files: the import of every seed and fixture, reviewed by eye and committed.

Regenerate with ``BOOK_UPDATE_GOLDENS=1 pytest tests/sources/test_golden.py``,
then read the diff before committing it: a golden is a reviewed expectation,
not a snapshot of whatever the code does today.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from book.sources.store import load_sources
from book.support.diagnostics import Report

from .conftest import FIXTURES, GOLDEN, SEEDS
from .helpers import run

MANUSCRIPT = Path(__file__).resolve().parents[2] / "manuscript"

# (capture, id, extra options): the seeds as imported into manuscript/sources, then the engine fixtures.
SEED_CASES = [
    ("000", "attachment-theory-relationship", ("--id", "attachment-theory-relationship")),
    ("001", "power-attachment-therapy", ()),
    ("002", "healed-heart", ()),
    ("003", "how-does-therapy-help", ()),
    ("004", "healing-damaged-self", ()),
]
FIXTURE_CASES = [
    ("wordpress.html", "learning-ask-help"),
    ("blogger.html", "session-i-almost-cancelled"),
    ("squarespace.html", "what-silence-holds"),
    ("wix.html", "holding-letting-go"),
    ("phpbb.html", "when-my-therapist-went-maternity"),
    ("typepad.html", "hour-before"),
    ("hostile.html", "perfectly-ordinary-post"),
    ("wordpress-copy.txt", "why-i-write-my-therapist"),
    ("blogger-copy.txt", "two-chairs"),
    ("phpbb-copy.txt", "when-therapy-ends"),
]


def _seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def _check(actual: str, golden: Path, update: bool) -> None:
    if update or not golden.exists():
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
        if not update:
            pytest.fail(f"{golden} did not exist: written; review it and commit")
    assert actual == golden.read_text(encoding="utf-8"), f"{golden.name} differs (see the module docstring)"


def _import_and_compare(capture: Path, source_id: str, options: tuple[str, ...], tmp_path: Path,
                        update: bool) -> str:
    manuscript = tmp_path / "manuscript"
    result = run("import", capture, "-m", manuscript, "-q", *options)
    assert result.exit_code == 0, result.stderr
    written = (manuscript / "sources" / f"{source_id}.yaml").read_text(encoding="utf-8")
    shown = run("show", source_id, "--json", "-m", manuscript)
    assert shown.exit_code == 0, shown.stderr
    _check(written, GOLDEN / f"{source_id}.yaml", update)
    _check(shown.stdout, GOLDEN / f"{source_id}.json", update)
    return written


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed captures not available")
@pytest.mark.parametrize("prefix,source_id,options", SEED_CASES, ids=[c[1] for c in SEED_CASES])
def test_seed_golden(prefix: str, source_id: str, options: tuple[str, ...], tmp_path: Path,
                     update_goldens: bool) -> None:
    written = _import_and_compare(_seed(prefix), source_id, options, tmp_path, update_goldens)
    committed = MANUSCRIPT / "sources" / f"{source_id}.yaml"
    assert committed.read_text(encoding="utf-8") == written, f"re-import {committed.name} into manuscript/sources"


@pytest.mark.parametrize("name,source_id", FIXTURE_CASES, ids=[c[0] for c in FIXTURE_CASES])
def test_fixture_golden(name: str, source_id: str, tmp_path: Path, update_goldens: bool) -> None:
    _import_and_compare(FIXTURES / name, source_id, (), tmp_path, update_goldens)


def test_manuscript_sources_load_cleanly() -> None:
    report = Report()
    found = load_sources(MANUSCRIPT / "sources", report)
    assert not report.items, [d.format() for d in report.items]
    assert sorted(found) == sorted(c[1] for c in SEED_CASES)
    healing = found["healing-damaged-self"]
    assert healing.voices and healing.voices[0].author == "Cynthia"
    assert found["healed-heart"].site == "Misma's Counselling Services"
