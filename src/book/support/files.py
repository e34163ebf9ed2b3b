"""Writing outputs so that a failed or interrupted run never leaves a broken or half-new book.

Every file goes to a temporary file beside its target and is renamed into place;
:func:`write_all_atomically` writes every temporary file of a run before renaming
any, so the outputs of one run appear together or not at all.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path


def write_atomically(target: Path, data: bytes) -> None:
    """Write to a temporary file beside ``target`` and rename: never a half-written output."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_all_atomically(files: Mapping[Path, bytes]) -> None:
    """Write every file, then rename them all: a failure before the renames changes nothing."""
    staged: list[tuple[str, Path]] = []
    try:
        for target, data in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            staged.append((tmp, target))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.chmod(tmp, 0o644)
        for tmp, target in staged:
            os.replace(tmp, target)
    except BaseException:
        for tmp, _target in staged:
            Path(tmp).unlink(missing_ok=True)
        raise
