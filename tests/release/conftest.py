"""Fixtures for ``book release``: the sample reader released once per session, private fixture copies."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from release_helpers import FIXTURES, SAMPLE, Released, run_release


@pytest.fixture(scope="session")
def sample_release(tmp_path_factory) -> Released:
    """The sample reader, copied out of git, released once for the session."""
    root = tmp_path_factory.mktemp("sample")
    manuscript = root / "manuscript"
    shutil.copytree(SAMPLE, manuscript)
    out_dir = root / "dist"
    result = run_release("-m", str(manuscript), "--out-dir", str(out_dir))
    assert result.exit_code == 0, result.stderr
    return Released(manuscript, out_dir, result)


@pytest.fixture
def minimal_copy(tmp_path: Path) -> Path:
    """The minimal book, released as a screen edition: at 14 pages it is too short for any printer
    (the sample's release shows the printed edition: cover wrap and preflight)."""
    target = tmp_path / "minimal"
    shutil.copytree(FIXTURES / "minimal", target)
    config = target / "book.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "print:\n  target: screen\n", encoding="utf-8")
    return target
