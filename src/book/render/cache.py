"""The build cache: content hashes, so an unchanged book rebuilds at once.

The cache lives in ``.cache/`` inside the output folder (the folder of ``-o``, or
``--out-dir``). It is only ever an accelerator: deleting it is always safe, and
``--no-cache`` ignores it. Two kinds of entries:

- **Whole outputs** (``out/``): the EPUB or PDF bytes of a build, under a key that
  hashes the files the build reads (:func:`book.manuscript.inputs.input_files`:
  book.yaml, the chapters and pages it lists, sources, images, style overrides),
  the package's code and default styles, the build options that change the output,
  the versions of the tools (pandoc, Typst, ebooklib, lxml, Jinja2, Python) and the
  build time. The key is computed after the check stage, from files it has read and
  found to be regular files inside the manuscript (never a pipe or a device). When
  the key is found, the stored bytes are written again (atomically): the result is
  byte-identical to a cold build, without pandoc or Typst.
- **Documents** (``xhtml/``): each chapter's or matter page's XHTML, keyed by its
  rendered Markdown and the same tool fingerprint, so a build after one chapter
  changed converts only that chapter.

Keys are SHA-256 over length-prefixed parts, so no two different inputs share one.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import sys
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from book.context import CACHE_DIR_NAME
from book.manuscript.styles import PACKAGE_STYLES
from book.support.diagnostics import Diagnostic, Report, Severity
from book.support.files import read_input, walk_inputs

FORMAT = "1"                     # bump when the layout of the cache changes
KEEP_OUTPUTS = 4                 # whole outputs kept per format, newest first
PACKAGE_DIR = Path(__file__).resolve().parent.parent   # the book package: its code
_SKIP_DIRS = {".git", ".hg", ".svn", "__pycache__", CACHE_DIR_NAME}
_README = ("This folder is the build cache of `book` (content hashes of inputs and outputs).\n"
           "It is safe to delete at any time; `book build --no-cache` ignores it.\n")


def _digest(parts) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode("utf-8")
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def _tree_parts(root: Path, skip: tuple[Path, ...] = ()) -> list[bytes | str]:
    """Relative path and bytes of every regular file under ``root`` (the one walk; no pipe, device or loop)."""
    files, _refused = walk_inputs(root, skip=lambda p: (p.name in _SKIP_DIRS or p.name.endswith((".pyc", ".tmp"))
                                                        or p in skip))
    return _file_parts(root, files)


def _file_parts(root: Path, files: list[Path]) -> list[bytes | str]:
    parts: list[bytes | str] = []
    for path in files:
        parts += [path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix(),
                  read_input(path, root)]
    return parts


@lru_cache(maxsize=1)
def tool_fingerprint() -> str:
    """The package's own files (code and default styles) and the versions of the tools it drives."""
    from importlib.metadata import PackageNotFoundError, version

    from book import __version__
    from book.support.tools import pandoc_version

    import zlib

    versions = [f"book {__version__}", f"pandoc {pandoc_version()}",
                f"python {sys.version} {platform.machine()}", f"zlib {zlib.ZLIB_RUNTIME_VERSION}"]
    for dist in ("typst", "ebooklib", "lxml", "jinja2", "ruamel.yaml", "pydantic", "pikepdf", "nh3", "pillow"):
        try:
            versions.append(f"{dist} {version(dist)}")
        except PackageNotFoundError:
            versions.append(f"{dist} none")
    # The sample reader shipped in the package (book/sample) is a manuscript, not part of the tool.
    return _digest([FORMAT, *versions, *_tree_parts(PACKAGE_DIR, (PACKAGE_DIR / "sample",)),
                    *_tree_parts(PACKAGE_STYLES)])


# ------------------------------------------------------------------ documents

class DocCache:
    """Per-document results (``kind``/``key``) under the cache folder."""

    def __init__(self, root: Path):
        self.root = root
        self.used: dict[str, set[str]] = {}

    def key(self, kind: str, *parts: str) -> str:
        return _digest([FORMAT, kind, tool_fingerprint(), *parts])

    def get_text(self, kind: str, key: str) -> str | None:
        self.used.setdefault(kind, set()).add(key)
        try:
            return (self.root / kind / key).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def put_text(self, kind: str, key: str, text: str) -> None:
        self.used.setdefault(kind, set()).add(key)
        _write(self.root / kind / key, text.encode("utf-8"), self.root)

    def prune(self) -> None:
        """Drop entries this build did not use, once they outnumber the used ones."""
        for kind, used in self.used.items():
            folder = self.root / kind
            try:
                stale = [p for p in folder.iterdir() if p.name not in used]
            except OSError:
                continue
            if len(stale) > len(used) + 64:
                for path in stale:
                    path.unlink(missing_ok=True)


# ------------------------------------------------------------------ whole outputs

@dataclass(frozen=True)
class CachedOutput:
    data: bytes
    name: str                     # the default file name (the title's slug), for builds without -o
    diagnostics: tuple[Diagnostic, ...]


def output_key(root: Path, inputs: list[Path], fmt: str, options: dict[str, object], build_time: str) -> str:
    """The key of one output: the files the build reads (checked, under ``root``), options, tools, build time."""
    return _digest([FORMAT, "output", fmt, json.dumps(options, sort_keys=True), build_time, tool_fingerprint(),
                    *_file_parts(root, inputs)])


def load_output(root: Path, fmt: str, key: str) -> CachedOutput | None:
    folder = root / "out"
    try:
        meta = json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))
        data = (folder / f"{key}.{fmt}").read_bytes()
    except (OSError, ValueError):
        return None
    if hashlib.sha256(data).hexdigest() != meta.get("sha256"):
        return None                # a torn or tampered entry: build cold
    diagnostics = tuple(
        Diagnostic(d["code"], Severity(d["severity"]), d["message"],
                   Path(d["path"]) if d["path"] is not None else None, d["line"], d["column"])
        for d in meta.get("diagnostics", []))
    return CachedOutput(data, meta["name"], diagnostics)


def store_output(root: Path, fmt: str, key: str, data: bytes, name: str, report: Report) -> None:
    folder = root / "out"
    meta = {"name": name, "sha256": hashlib.sha256(data).hexdigest(),
            "diagnostics": [{"code": d.code, "severity": d.severity.value, "message": d.message,
                             "path": str(d.path) if d.path is not None else None, "line": d.line,
                             "column": d.column} for d in report.items]}
    _write(folder / f"{key}.{fmt}", data, root)
    _write(folder / f"{key}.json", json.dumps(meta).encode("utf-8"), root)
    _prune_outputs(folder, fmt)


def _prune_outputs(folder: Path, fmt: str) -> None:
    entries = sorted(folder.glob(f"*.{fmt}"), key=lambda p: p.stat().st_mtime, reverse=True)
    for path in entries[KEEP_OUTPUTS:]:
        path.unlink(missing_ok=True)
        path.with_suffix(".json").unlink(missing_ok=True)


def _write(path: Path, data: bytes, root: Path) -> None:
    """Write atomically; a cache that cannot be written is only a slower build, never an error."""
    try:
        if not root.is_dir():
            root.mkdir(parents=True, exist_ok=True)
            (root / "README.txt").write_text(_README, encoding="utf-8")
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException as exc:     # an interrupt too: no temporary file is left in the cache
        Path(tmp).unlink(missing_ok=True)
        if not isinstance(exc, OSError):
            raise
