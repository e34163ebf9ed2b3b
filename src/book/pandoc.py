"""Run pandoc once for the whole book.

One process converts every chapter, so the cost of starting pandoc is paid once
per build, not once per chapter. The binary is the one bundled with
``pypandoc_binary``; nothing needs to be installed on the machine.
"""

from __future__ import annotations

import subprocess
from functools import lru_cache
from pathlib import Path

from .diagnostics import BookError

HTML_ARGS = (
    "--from=markdown+smart",
    "--to=html5",
    "--wrap=none",
    "--reference-location=section",
    "--syntax-highlighting=none",
)


@lru_cache(maxsize=1)
def pandoc_path() -> str:
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError) as exc:  # pragma: no cover - depends on the install
        raise BookError(f"pandoc not found ({exc}); reinstall with: pip install pypandoc_binary",
                        "E500") from None


@lru_cache(maxsize=1)
def pandoc_version() -> str:
    out = subprocess.run([pandoc_path(), "--version"], capture_output=True, text=True, check=True)
    return out.stdout.split("\n", 1)[0].split()[-1]


def convert(markdown: str, args: tuple[str, ...], cwd: Path) -> str:
    """Convert Markdown with the given pandoc arguments; a pandoc failure is a BookError."""
    proc = subprocess.run(
        [pandoc_path(), *args],
        input=markdown.encode("utf-8"),
        capture_output=True,
        cwd=cwd,
    )
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise BookError(f"pandoc failed: {' '.join(message[:3]) or 'exit ' + str(proc.returncode)}", "E502")
    return proc.stdout.decode("utf-8")
