"""Test setup for the SOURCES stage.

The tests import this worktree's ``src`` first (the shared venv may have another
checkout installed), and stand in for ``book.config`` when the core is not
merged yet: ``book.model`` imports ``BookConfig`` only for type annotations.
"""

from __future__ import annotations

import os
import sys
import types
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))

try:
    import book.config  # noqa: F401
except ImportError:
    stub = types.ModuleType("book.config")

    class BookConfig:  # pragma: no cover - placeholder until the core's config is merged
        """Stand-in for the core's config (model.py only names it)."""

    stub.BookConfig = BookConfig  # type: ignore[attr-defined]
    sys.modules["book.config"] = stub

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sources"
GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "sources"
SEEDS = Path(os.environ.get("BOOK_SEEDS", "/work/shared/seeds"))


@pytest.fixture
def update_goldens() -> bool:
    """Set BOOK_UPDATE_GOLDENS=1 to rewrite the golden files (then review the diff by eye)."""
    return os.environ.get("BOOK_UPDATE_GOLDENS") == "1"
