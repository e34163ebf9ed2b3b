"""Reproducible builds: one build date for everything, and deterministic files.

The date comes from ``SOURCE_DATE_EPOCH`` when set, else from the last commit
that touched the manuscript, else from the newest input file, so that two
builds of the same inputs give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from book.support.diagnostics import BookError
from book.support.files import walk_inputs

ZIP_EPOCH_FLOOR = dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)


def build_time(manuscript_root: Path, environ: Mapping[str, str] | None = None,
               files: Iterable[Path] | None = None) -> dt.datetime:
    """The timestamp every output of this build carries (UTC, whole seconds)."""
    return build_time_source(manuscript_root, environ, files)[0]


_OUTPUTS = {"build", "dist", ".cache", ".git"}   # what the tool writes is never an input's time


def build_time_source(manuscript_root: Path, environ: Mapping[str, str] | None = None,
                      files: Iterable[Path] | None = None) -> tuple[dt.datetime, str]:
    """The build time and where it came from: ``SOURCE_DATE_EPOCH``, ``git`` or ``files``.

    ``files`` are the inputs of the build, for the last fallback (the newest of them);
    without them, the regular files of the folder (found by the one safe walk), outputs left out.
    """
    env = os.environ if environ is None else environ
    raw = env.get("SOURCE_DATE_EPOCH", "").strip()
    if raw:
        try:
            return dt.datetime.fromtimestamp(int(raw), tz=dt.timezone.utc), "SOURCE_DATE_EPOCH"
        except (ValueError, OverflowError, OSError):
            raise BookError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {raw!r}",
                            "E503") from None
    commit = _last_commit_time(manuscript_root)
    if commit is not None:
        return commit, "git"
    if files is None:
        files = walk_inputs(manuscript_root, skip=lambda p: p.name in _OUTPUTS)[0]
    newest = max((_mtime(p) for p in files), default=0)
    return dt.datetime.fromtimestamp(int(newest), tz=dt.timezone.utc), "files"


def _mtime(path: Path) -> float:
    try:
        return os.stat(path).st_mtime
    except OSError:
        return 0


def _last_commit_time(path: Path) -> dt.datetime | None:
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct", "--", "."], cwd=path,
                             capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return None
    stamp = out.stdout.strip()
    if out.returncode != 0 or not stamp.isdigit():
        return None
    return dt.datetime.fromtimestamp(int(stamp), tz=dt.timezone.utc)


def write_zip(entries: Iterable[tuple[str, bytes]], when: dt.datetime, first: tuple[str, ...] = ()) -> bytes:
    """A zip with fixed timestamps and permissions; ``first`` entries lead, stored, in order.

    The EPUB container wants ``mimetype`` first and uncompressed; everything else
    is sorted by name so the byte stream does not depend on the order of writing.
    """
    import io

    stamp = max(when, ZIP_EPOCH_FLOOR).timetuple()[:6]
    items = dict(entries)
    ordered = [name for name in first if name in items] + sorted(n for n in items if n not in first)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in ordered:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.external_attr = 0o644 << 16
            info.create_system = 3
            if name in first:
                info.compress_type = zipfile.ZIP_STORED
                archive.writestr(info, items[name])
            else:
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, items[name], compresslevel=9)
    return buffer.getvalue()


_OFFICE_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*")


def reproducible_office_file(data: bytes, when: dt.datetime) -> bytes:
    """A DOCX or XLSX made the same from the same inputs: entries re-stamped with ``when``, and the
    core properties' dates (which python-docx, openpyxl and pandoc set to the time of saving) too."""
    import io

    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = [(info.filename, archive.read(info)) for info in archive.infolist()]
    entries = [(name, _OFFICE_DATES.sub(rb"\g<1>" + stamp, content) if name == "docProps/core.xml" else content)
               for name, content in entries]
    return write_zip(entries, when, first=("[Content_Types].xml",))
