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
    target = tmp_path / "minimal"
    shutil.copytree(FIXTURES / "minimal", target)
    return target
