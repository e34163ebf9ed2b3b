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
  changed converts only that chapter; each zip member of the EPUB compressed
  (``deflate/``), by its content.
- **The tools' fingerprint** (``tools.json``), part of every key, under a signature found
  by ``stat`` alone (:func:`tool_fingerprint`).

Keys are SHA-256 over length-prefixed parts, so no two different inputs share one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import platform
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from book.context import CACHE_DIR_NAME, BuildContext
from book.support.diagnostics import Diagnostic, Report, Severity
from book.support.files import InputRefused, input_digest, read_input, walk_inputs
from book.support.reproducible import build_time_source

FORMAT = "1"                     # bump when the layout of the cache changes
KEEP_OUTPUTS = 4                 # whole outputs kept per format, newest first
PACKAGE_DIR = Path(__file__).resolve().parent.parent   # the book package: its code
PACKAGE_STYLES = PACKAGE_DIR / "styles"   # its default styles (as manuscript.styles, without importing the reader)
_SKIP_DIRS = {".git", ".hg", ".svn", "__pycache__", CACHE_DIR_NAME}
_README = ("This folder is the build cache of `book` (content hashes of inputs and outputs).\n"
           "It is safe to delete at any time; `book build --no-cache` ignores it.\n")


def _digest(parts) -> str:
    """One hash of ``parts``; a str is hashed as the bytes it stands for, so a file name that is not
    UTF-8 (a stray file copied from another machine, held by Python with escaped bytes) is hashed as
    its own bytes instead of failing."""
    h = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogateescape")
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def _tree_parts(root: Path, skip: tuple[Path, ...] = ()) -> list[bytes | str]:
    """Relative path and bytes of every regular file under ``root`` (the one walk; no pipe, device or loop)."""
    return _file_parts(root, _tree_files(root, skip))


def _tree_files(root: Path, skip: tuple[Path, ...] = ()) -> list[Path]:
    files, _refused = walk_inputs(root, skip=lambda p: (p.name in _SKIP_DIRS or p.name.endswith((".pyc", ".tmp"))
                                                        or p in skip))
    return files


def _file_parts(root: Path, files: list[Path]) -> list[bytes | str]:
    parts: list[bytes | str] = []
    for path in files:
        parts += [path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix(),
                  read_input(path, root)]
    return parts


# The package's own files: its code and its default styles. The sample reader shipped in the
# package (book/sample) is a manuscript, not part of the tool.
_PACKAGE_TREES = ((PACKAGE_DIR, (PACKAGE_DIR / "sample",)), (PACKAGE_STYLES, ()))
_DISTRIBUTIONS = ("typst", "ebooklib", "lxml", "jinja2", "ruamel.yaml", "pydantic", "pikepdf", "nh3", "pillow",
                  "langcodes", "python-stdnum", "babel", "regex")


@lru_cache(maxsize=4)
def tool_fingerprint(cache_root: Path | None = None) -> str:
    """The package's own files (code and default styles) and the versions of the tools it drives.

    With ``cache_root`` (the build cache), the fingerprint a successful build remembered there
    (:func:`remember_tool_fingerprint`) is used while the tools' signature (:func:`tools_signature`)
    is unchanged, instead of reading every file of the package again, looking up the
    distributions' versions (``importlib.metadata`` scans the import path for each) and starting
    ``pandoc --version``: about 25 ms of CPU, a tenth of what a one-chapter rebuild of a 100k-word
    book does beyond starting Python. A missing, unreadable or edited entry only means computing it.
    """
    if cache_root is not None:
        known = _remembered_fingerprint(cache_root)[1]
        if known is not None:
            return known
        return tool_fingerprint(None)
    return _fingerprint()


def remember_tool_fingerprint(cache_root: Path) -> None:
    """Keep the tools' fingerprint under their signature for the next run, unless it is kept already;
    called once a build has written its outputs (a failed build writes nothing)."""
    signature, known = _remembered_fingerprint(cache_root)
    if known is None:
        _write(cache_root / "tools.json",
               json.dumps({"signature": signature, "fingerprint": tool_fingerprint(None)}).encode("utf-8"), cache_root)
        _remembered_fingerprint.cache_clear()


@lru_cache(maxsize=4)
def _remembered_fingerprint(cache_root: Path) -> tuple[str, str | None]:
    """The tools' signature now, and the fingerprint kept under it in ``cache_root`` (None: none is)."""
    signature = tools_signature()
    try:
        known = json.loads((cache_root / "tools.json").read_text(encoding="utf-8"))
        if known["signature"] == signature and _is_digest(known["fingerprint"]):
            return signature, known["fingerprint"]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return signature, None


def _is_digest(value: object) -> bool:
    return isinstance(value, str) and len(value) == 64 and all(c in "0123456789abcdef" for c in value)


def _fingerprint() -> str:
    from importlib.metadata import PackageNotFoundError, version

    from book import __version__
    from book.support.tools import pandoc_version

    import zlib

    versions = [f"book {__version__}", f"pandoc {pandoc_version()}",
                f"python {sys.version} {platform.machine()}", f"zlib {zlib.ZLIB_RUNTIME_VERSION}"]
    for dist in _DISTRIBUTIONS:
        try:
            versions.append(f"{dist} {version(dist)}")
        except PackageNotFoundError:
            versions.append(f"{dist} none")
    parts: list[bytes | str] = [FORMAT, *versions]
    for root, skip in _PACKAGE_TREES:
        parts += _tree_parts(root, skip)
    return _digest(parts)


def tools_signature() -> str:
    """What decides :func:`tool_fingerprint`, found without reading a file: ``stat`` of each file of
    the package (size, times, inode: rewriting one changes its change time, which no one can set
    back) and of the pandoc binary; the names of the ``name-version.dist-info`` folders on the
    import path, where the versions are read from (installing, upgrading or removing a
    distribution changes them; other files there, such as the current folder's, do not); and the
    interpreter's and zlib's versions."""
    from book.support.tools import pandoc_path

    import zlib

    pandoc = pandoc_path()
    parts: list[bytes | str] = [FORMAT, sys.version, platform.machine(), zlib.ZLIB_RUNTIME_VERSION,
                                pandoc, _stat_signature(Path(pandoc))]
    for place in sys.path:
        parts += [place, _distributions_in(place or ".")]
    for root, skip in _PACKAGE_TREES:
        for path in _tree_files(root, skip):
            parts += [path.relative_to(root).as_posix(), _stat_signature(path)]
    return _digest(parts)


def _distributions_in(folder: str) -> str:
    """The names of the distributions' metadata folders in one folder of the import path."""
    try:
        with os.scandir(folder) as entries:
            return " ".join(sorted(e.name for e in entries if e.name.endswith((".dist-info", ".egg-info"))))
    except OSError:          # not a folder (a zip on the path), or gone
        return "-"


def _stat_signature(path: Path) -> str:
    try:
        st = os.stat(path)
    except OSError:
        return "-"
    return f"{st.st_dev} {st.st_ino} {st.st_mode} {st.st_size} {st.st_mtime_ns} {st.st_ctime_ns}"


# ------------------------------------------------------------------ documents

class DocCache:
    """Per-document results (``kind``/``key``) under the cache folder."""

    def __init__(self, root: Path):
        self.root = root
        self.used: dict[str, set[str]] = {}

    @classmethod
    def of(cls, ctx: BuildContext) -> DocCache | None:
        """The run's cache of documents, in its cache folder; None when the run keeps none (``--no-cache``).
        Every stage that converts or reads documents (check, build, serve) takes its cache from here."""
        return cls(ctx.cache_root) if ctx.use_cache else None

    def key(self, kind: str, *parts: str) -> str:
        return _digest([FORMAT, kind, tool_fingerprint(self.root), *parts])

    def get_text(self, kind: str, key: str) -> str | None:
        self.used.setdefault(kind, set()).add(key)
        try:
            return (self.root / kind / key).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def put_text(self, kind: str, key: str, text: str) -> None:
        self.used.setdefault(kind, set()).add(key)
        _write(self.root / kind / key, text.encode("utf-8"), self.root)

    def get_bytes(self, kind: str, key: str) -> bytes | None:
        """Stored bytes (a zip member compressed by an earlier build); the caller verifies them."""
        self.used.setdefault(kind, set()).add(key)
        try:
            return (self.root / kind / key).read_bytes()
        except OSError:
            return None

    def put_bytes(self, kind: str, key: str, data: bytes) -> None:
        self.used.setdefault(kind, set()).add(key)
        _write(self.root / kind / key, data, self.root)

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


# ------------------------------------------------------------------ what reading gave

class MemoStore:
    """The :class:`~book.context.Memo` of a CLI run kept in the cache between runs, as JSON.

    A chapter's parse and the sources' parse are stored under the memo's key (their files'
    content) in ``memo-<kind>/``, so a run after one chapter changed parses that chapter only.
    The value is written and read by pydantic against the model's own types (never pickle: a
    cache file is data, it cannot run code). A value is stored only when reading its JSON back
    and writing it again gives the very same bytes (checked once, when it is saved), and the
    entry is sealed with the SHA-256 of that JSON (:func:`_seal`); it is used only when the seal
    matches, so a corrupt, truncated or edited entry (a flipped letter inside a string is still
    valid JSON) is parsed afresh instead. Checking the seal on the bytes as read, not decoding
    them and writing every value again on every load, is what keeps reading back a 1M-word
    book's entries cheap.
    """

    def __init__(self, docs: DocCache):
        self.docs = docs
        self.pending: dict[tuple[str, str], bytes] = {}   # written by flush(): a failed check writes nothing

    _SCHEMAS = {"chapter": "chapter", "printed-chapter": "chapter", "sources": "sources",
                "chapter-check": "chapter-check", "rendered-chapter": "rendered-chapter", "language": "language",
                "settings": "settings"}
    """The schema each kind is kept in: a chapter as read and as printed share one (a ``Chapter``;
    building a schema of the model's dataclasses is a few milliseconds of every run that reads one).
    ``settings`` (book.yaml and front matter as validated) is kept as plain JSON that names each value's
    type (:func:`book.config.settings_tree`) and read back without building their validators."""
    _NEVER_NONE = frozenset({"printed-chapter"})   # kept in the chapter's schema, which allows None

    @classmethod
    def _adapter(cls, kind: str):
        """``(seal, value, diagnostics)`` for ``kind``; None for a kind that is not kept."""
        schema = cls._SCHEMAS.get(kind)
        return None if schema is None else _schema_adapter(schema)

    def load(self, kind: str, key: str) -> tuple[object, tuple] | None:
        adapter = self._adapter(kind)
        data = self.docs.get_bytes(f"memo-{kind}", self.docs.key(kind, key)) if adapter is not None else None
        if data is None or not _sealed(data):
            return None
        try:
            _seal_text, value, diagnostics = adapter.validate_json(data)
            if self._SCHEMAS[kind] == "settings":
                from book.config import settings_from_tree

                value = settings_from_tree(value)
        except (ValueError, TypeError, RecursionError):
            return None
        if value is None and kind in self._NEVER_NONE:
            return None
        return value, diagnostics

    def save(self, kind: str, key: str, value: object, diagnostics: tuple) -> None:
        """Keep the value, if its JSON reads back as itself (else it is computed again next time)."""
        adapter = self._adapter(kind)
        if adapter is None:
            return
        try:
            if self._SCHEMAS[kind] == "settings":
                from book.config import settings_from_tree, settings_tree

                tree = settings_tree(value)
                if settings_from_tree(tree) != value:      # kept only if it gives back what was validated
                    return
                value = tree
            data = _seal(adapter.dump_json(("", value, diagnostics)))
            if data is None or adapter.dump_json(adapter.validate_json(data)) != data:
                return
        except (ValueError, TypeError, RecursionError):
            return
        self.pending[(kind, self.docs.key(kind, key))] = data

    def flush(self) -> None:
        """Write the entries computed by this run (called once the build has written its outputs)."""
        for (kind, key), data in self.pending.items():
            self.docs.put_bytes(f"memo-{kind}", key, data)
        self.pending.clear()


@lru_cache(maxsize=None)
def _schema_adapter(schema: str):
    """The pydantic adapter of one schema of :class:`MemoStore`, built once per process."""
    from typing import Any

    from pydantic import TypeAdapter

    from book.editorial import ChapterCheck
    from book.model import Chapter, Source
    from book.render.chapters import RenderedDoc

    value = {"chapter": Chapter | None, "sources": dict[str, Source], "chapter-check": ChapterCheck,
             "rendered-chapter": RenderedDoc, "language": str | None, "settings": Any}[schema]
    return TypeAdapter(tuple[str, value, tuple[Diagnostic, ...]])


_SEAL_HEAD = b'["sha256:'
_SEAL_END = len(_SEAL_HEAD) + 64 + len(b'",')     # where the sealed JSON starts


def _seal(unsealed: bytes) -> bytes | None:
    """``["", value, diagnostics]`` as ``["sha256:<hex>", value, diagnostics]``: the digest of what
    follows the seal, so still plain JSON, and checked by :func:`_sealed` without decoding or copying."""
    if not unsealed.startswith(b'["",'):
        return None
    rest = unsealed[len(b'["",'):]
    return _SEAL_HEAD + hashlib.sha256(rest).hexdigest().encode("ascii") + b'",' + rest


def _sealed(data: bytes) -> bool:
    """Whether ``data`` is an entry :func:`_seal` wrote, unchanged since."""
    return (len(data) > _SEAL_END and data.startswith(_SEAL_HEAD) and data[_SEAL_END - 2:_SEAL_END] == b'",'
            and hashlib.sha256(memoryview(data)[_SEAL_END:]).hexdigest().encode("ascii")
            == data[len(_SEAL_HEAD):_SEAL_END - 2])


# ------------------------------------------------------------------ whole outputs

@dataclass(frozen=True)
class CachedOutput:
    data: bytes
    name: str                     # the default file name (the title's slug), for builds without -o
    diagnostics: tuple[Diagnostic, ...]


def output_key(root: Path, inputs: list[Path], fmt: str, options: dict[str, object], build_time: str,
               digest: Callable[[Path, Path], str] = input_digest, cache_root: Path | None = None) -> str:
    """The key of one output: the files the build reads (checked, under ``root``), options, tools, build time
    (``cache_root``: where the tools' fingerprint is remembered)."""
    parts: list[bytes | str] = [FORMAT, "output", fmt, json.dumps(options, sort_keys=True), build_time,
                                tool_fingerprint(cache_root)]
    for path in inputs:
        parts += [path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix(),
                  digest(path, root)]
    return _digest(parts)


def load_output(root: Path, fmt: str, key: str) -> CachedOutput | None:
    """The stored output, verified against its SHA-256; None for a missing, torn or tampered entry."""
    folder = root / "out"
    try:
        meta = json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))
        data = (folder / f"{key}.{fmt}").read_bytes()
        if hashlib.sha256(data).hexdigest() != meta.get("sha256"):
            return None            # a torn or tampered entry: build cold
        diagnostics = tuple(_diagnostic(d) for d in meta.get("diagnostics", []))
        return CachedOutput(data, str(meta["name"]), diagnostics)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def store_output(root: Path, fmt: str, key: str, data: bytes, name: str, report: Report) -> None:
    folder = root / "out"
    meta = {"name": name, "sha256": hashlib.sha256(data).hexdigest(),
            "diagnostics": [_diagnostic_json(d) for d in report.items]}
    _write(folder / f"{key}.{fmt}", data, root)
    _write(folder / f"{key}.json", json.dumps(meta).encode("utf-8"), root)
    _prune_outputs(folder, fmt)


# ------------------------------------------------------------------ a whole run, before the check

@dataclass(frozen=True)
class RunKey:
    """The key of a whole run, computed before the check: every regular file of the manuscript folder."""

    key: str
    files: frozenset[str]         # the files it covers, relative to the manuscript folder
    built_at: dt.datetime | None = None   # the build time it found (SOURCE_DATE_EPOCH or git), None: the files'
    time_source: str = ""         # where that time came from: "given", "SOURCE_DATE_EPOCH", "git" or "files"


@dataclass(frozen=True)
class CachedRun:
    """What an unchanged book's run gave: the check's report, the file name, each output's key."""

    name: str
    diagnostics: tuple[Diagnostic, ...]
    outputs: dict[str, tuple[str, bool]]   # output name -> (its whole-output key, wanted by the book)


def run_key(root: Path, skip: Callable[[Path], bool], options: dict[str, object],
            built_at: str | None, digest: Callable[[Path, Path], str] = input_digest,
            cache_root: Path | None = None) -> RunKey | None:
    """The key of a run over every regular file under ``root`` (one safe walk, bytes read by
    :func:`read_input`), the options, the tools and the build time; None when the walk refused a path
    (a pipe, a device, a link out of the folder or a loop: the check stage reports it).

    It covers a superset of what the check reads, so it is valid before the check has run;
    :func:`store_run` keeps an entry only when it covered every input the build read. Without
    ``SOURCE_DATE_EPOCH`` or git the build time is the newest input's, so the files' times are in the key.
    ``cache_root``: where the tools' fingerprint is remembered (:func:`tool_fingerprint`).
    """
    files, refused = walk_inputs(root, skip=lambda p: (p.name in _SKIP_DIRS or p.name.endswith((".pyc", ".tmp"))
                                                        or skip(p)))
    if refused:
        return None
    parts: list[bytes | str] = [FORMAT, "run", json.dumps(options, sort_keys=True),
                                tool_fingerprint(cache_root)]
    if built_at is None:
        when, how = build_time_source(root, files=[])
        parts += [how] if how == "files" else [how, when.isoformat()]
    else:
        when, how = None, "given"
        parts.append(built_at)
    covered: set[str] = set()
    try:
        for path in files:
            rel = path.relative_to(root).as_posix()
            covered.add(rel)
            parts += [rel, digest(path, root)]
            if how == "files":
                parts.append(str(int(os.stat(path).st_mtime)))
    except (InputRefused, OSError, ValueError):
        return None
    return RunKey(_digest(parts), frozenset(covered), when if how in ("git", "SOURCE_DATE_EPOCH") else None, how)


def load_run(root: Path, key: RunKey) -> CachedRun | None:
    try:
        meta = json.loads((root / "runs" / f"{key.key}.json").read_text(encoding="utf-8"))
        diagnostics = tuple(_diagnostic(d) for d in meta["diagnostics"])
        outputs = {str(name): (str(entry[0]), bool(entry[1])) for name, entry in meta["outputs"].items()}
        return CachedRun(str(meta["name"]), diagnostics, outputs)
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None


def store_run(root: Path, key: RunKey, manuscript_root: Path, inputs: list[Path], run: CachedRun) -> None:
    """Keep the run's entry, if its key covered every file the build read (else it could miss a change)."""
    read = {p.relative_to(manuscript_root).as_posix() if p.is_relative_to(manuscript_root) else str(p)
            for p in inputs}
    if not read <= key.files:
        return
    meta = {"name": run.name, "diagnostics": [_diagnostic_json(d) for d in run.diagnostics],
            "outputs": {name: list(entry) for name, entry in run.outputs.items()}}
    _write(root / "runs" / f"{key.key}.json", json.dumps(meta).encode("utf-8"), root)
    entries = sorted((root / "runs").glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for path in entries[KEEP_OUTPUTS * 4:]:
        path.unlink(missing_ok=True)


def _diagnostic(d: dict) -> Diagnostic:
    return Diagnostic(str(d["code"]), Severity(d["severity"]), str(d["message"]),
                      Path(d["path"]) if d["path"] is not None else None,
                      None if d["line"] is None else int(d["line"]), None if d["column"] is None else int(d["column"]))


def _diagnostic_json(d: Diagnostic) -> dict:
    return {"code": d.code, "severity": d.severity.value, "message": d.message,
            "path": str(d.path) if d.path is not None else None, "line": d.line, "column": d.column}


def _prune_outputs(folder: Path, fmt: str) -> None:
    entries = sorted(folder.glob(f"*.{fmt}"), key=lambda p: p.stat().st_mtime, reverse=True)
    for path in entries[KEEP_OUTPUTS:]:
        path.unlink(missing_ok=True)
        path.with_suffix(".json").unlink(missing_ok=True)


RESERVE = 64 << 20
"""Bytes the cache leaves free on its disk: the cache sits beside the outputs (``<out-dir>/.cache``), and on
a nearly full disk it took the room first, so the build stopped on its EPUB (E509) after filling the disk
with entries. An entry that would leave less is not written (a slower next build, no error)."""


def _free(folder: Path) -> int | None:
    """Bytes an unprivileged writer may still use on the disk of ``folder`` (or the nearest folder above it
    that is there); None when the system cannot say."""
    while not folder.is_dir() and folder.parent != folder:
        folder = folder.parent
    try:
        usage = os.statvfs(folder)
    except OSError:
        return None
    return usage.f_bavail * usage.f_frsize


def _has_room(root: Path, size: int) -> bool:
    free = _free(root)
    return free is None or free - size >= RESERVE


def make_room(root: Path, folder: Path, needed: int) -> Report:
    """Room for ``needed`` bytes of outputs in ``folder``, taken from the cache at ``root`` when the two share a
    disk and it is short: the outputs win, the cache is only time. E543 (a warning) when the cache was emptied.

    Only a folder the cache made itself is emptied (:func:`_made_here`): ``--out-dir ~`` puts the cache at
    ``~/.cache``, which is the user's, not ours. Nor is it emptied when that would not make the room."""
    free = _free(folder)
    if free is None or free >= needed + (1 << 20) or not root.is_dir() or not _made_here(root):
        return Report()
    try:
        if os.stat(root).st_dev != os.stat(folder if folder.is_dir() else folder.parent).st_dev:
            return Report()
    except OSError:
        return Report()
    if free + _size(root) < needed + (1 << 20):
        return Report()
    shutil.rmtree(root, ignore_errors=True)
    report = Report()
    report.warning("E543", f"the disk of the outputs had {free // 1024:,} KB free: the build cache was emptied to make "
                           "room for them (the next build starts afresh)", root)
    return report


def make_root(root: Path) -> None:
    """The cache's folder, made with its README (the mark :func:`_made_here` reads) by whatever writes into it
    first; a folder that is there already (``~/.cache`` under ``--out-dir ~``) is left unmarked."""
    if not root.is_dir():
        root.mkdir(parents=True, exist_ok=True)
        (root / "README.txt").write_text(_README, encoding="utf-8")


def _made_here(root: Path) -> bool:
    """True when ``root`` holds the README the cache writes into a folder it creates (:func:`_write`)."""
    try:
        return (root / "README.txt").read_text(encoding="utf-8") == _README
    except (OSError, UnicodeDecodeError):
        return False


def _size(root: Path) -> int:
    """Bytes of the regular files under ``root`` (symlinks not followed)."""
    total = 0
    for folder, _dirs, files in os.walk(root):
        for name in files:
            try:
                total += os.lstat(os.path.join(folder, name)).st_size
            except OSError:
                continue
    return total


def _write(path: Path, data: bytes, root: Path) -> None:
    """Write atomically; a cache that cannot be written is only a slower build, never an error. An entry that
    would leave the disk with less than :data:`RESERVE` free is not written: the outputs come first."""
    if not _has_room(root, len(data)):
        return
    try:
        make_root(root)
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
