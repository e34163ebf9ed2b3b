"""Test setup for the SOURCES stage.

The tests import this worktree's ``src`` first (the shared venv may have another
checkout installed).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sources"
GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "sources"
SEEDS = Path(os.environ.get("BOOK_SEEDS", "/work/shared/seeds"))


@pytest.fixture
def update_goldens() -> bool:
    """Set BOOK_UPDATE_GOLDENS=1 to rewrite the golden files (then review the diff by eye)."""
    return os.environ.get("BOOK_UPDATE_GOLDENS") == "1"
