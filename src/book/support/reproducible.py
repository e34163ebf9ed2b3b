"""Reproducible builds: one build date for everything, and deterministic files.

The date comes from ``SOURCE_DATE_EPOCH`` when set, else from the last commit
that touched the manuscript, else from the newest input file, so that two
builds of the same inputs give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import struct
import subprocess
import zipfile
import zlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Protocol

from book.support.diagnostics import BookError
from book.support.files import walk_inputs

ZIP_EPOCH_FLOOR = dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)
ZIP_EPOCH_CEILING = dt.datetime(2107, 12, 31, 23, 59, 59, tzinfo=dt.timezone.utc)
"""The last time a ZIP entry (the EPUB, a DOCX) can record: its year is seven bits from 1980. An earlier build
time is written as the floor; a later one is refused where it comes from (it stopped the EPUB in ``struct.pack``)."""


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
            when = dt.datetime.fromtimestamp(int(raw), tz=dt.timezone.utc)
        except (ValueError, OverflowError, OSError):
            when = None
        if when is None or when > ZIP_EPOCH_CEILING:
            late = "" if when is None else \
                f" up to the end of {ZIP_EPOCH_CEILING.year} (the last year an EPUB's ZIP records)"
            raise BookError(f"SOURCE_DATE_EPOCH must be a whole number of seconds{late}, not {raw!r}", "E503")
        return when, "SOURCE_DATE_EPOCH"
    commit = _last_commit_time(manuscript_root)
    if commit is not None:
        if commit > ZIP_EPOCH_CEILING:
            raise _past_zip(manuscript_root, "its last git commit is dated", commit.year,
                            "commit again with a right clock")
        return commit, "git"
    if files is None:
        files = walk_inputs(manuscript_root, skip=lambda p: p.name in _OUTPUTS)[0]
    return newest_file_time(files), "files"


def newest_file_time(files: Iterable[Path]) -> dt.datetime:
    """The last fallback of :func:`build_time_source`: the newest modification time of ``files``; a file dated
    past what a ZIP records (a clock set wrong, a file from a broken camera) is refused, naming it."""
    newest, path = max(((_mtime(p), p) for p in files), default=(0.0, None), key=lambda pair: pair[0])
    try:
        when = dt.datetime.fromtimestamp(int(newest), tz=dt.timezone.utc)
    except (ValueError, OverflowError, OSError):
        when = None
    if when is None or when > ZIP_EPOCH_CEILING:
        raise _past_zip(path, "its modification time is in the year",
                        when.year if when else int(1970 + newest // 31_556_952))
    return when


def _past_zip(path: Path | None, what: str, year: int,
              remedy: str = "give the file today's time (touch it)") -> BookError:
    """E542: the build would take its time from ``path``, dated past :data:`ZIP_EPOCH_CEILING`."""
    return BookError(f"{what} {year}: a build without SOURCE_DATE_EPOCH takes its time from it, and an EPUB's ZIP "
                     f"records none after {ZIP_EPOCH_CEILING.year}; {remedy} or set SOURCE_DATE_EPOCH", "E542",
                     path=path)


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


class ByteStore(Protocol):
    """Where a build keeps bytes it made, by content, for the next build (the build cache): the zip
    members :func:`write_zip` compressed, the typographic cover."""

    def key(self, kind: str, *parts: str) -> str: ...

    def get_bytes(self, kind: str, key: str) -> bytes | None: ...

    def put_bytes(self, kind: str, key: str, data: bytes) -> None: ...


ZIP_LEVEL = 9


def write_zip(entries: Iterable[tuple[str, bytes]], when: dt.datetime, first: tuple[str, ...] = (),
              store: ByteStore | None = None) -> bytes:
    """A zip with fixed timestamps and permissions; ``first`` entries lead, stored, in order.

    The EPUB container wants ``mimetype`` first and uncompressed; everything else
    is sorted by name so the byte stream does not depend on the order of writing.
    The bytes are those :mod:`zipfile` writes (tested), written here so that a member
    compressed by an earlier build can be reused from ``store``, keyed by its content: a
    rebuild after one chapter changed compresses that chapter only. A stored member is used
    only when it inflates to the very content (a corrupt entry is compressed afresh).
    """
    stamp = max(when, ZIP_EPOCH_FLOOR).timetuple()[:6]
    dosdate = (stamp[0] - 1980) << 9 | stamp[1] << 5 | stamp[2]
    dostime = stamp[3] << 11 | stamp[4] << 5 | (stamp[5] // 2)
    items = dict(entries)
    ordered = [name for name in first if name in items] + sorted(n for n in items if n not in first)
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name in ordered:
        data = items[name]
        method = zipfile.ZIP_STORED if name in first else zipfile.ZIP_DEFLATED
        body = data if method == zipfile.ZIP_STORED else _deflated(data, store)
        encoded, flags = (name.encode("ascii"), 0) if name.isascii() else (name.encode("utf-8"), 0x800)
        fields = (20, 0, flags, method, dostime, dosdate, zlib.crc32(data), len(body), len(data), len(encoded))
        local = struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", *fields, 0) + encoded
        central.append(struct.pack("<4s4B4HL2L5H2L", b"PK\x01\x02", 20, 3, *fields, 0, 0, 0, 0, 0o644 << 16,
                                   offset) + encoded)
        out += [local, body]
        offset += len(local) + len(body)
    directory = b"".join(central)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(central), len(central), len(directory), offset, 0)
    return b"".join(out) + directory + end


def _deflated(data: bytes, store: ByteStore | None) -> bytes:
    """Raw deflate at level 9, as :mod:`zipfile` writes it; from ``store`` when it holds this content's."""
    key = store.key("deflate", str(ZIP_LEVEL), hashlib.sha256(data).hexdigest()) if store is not None else ""
    if store is not None and (found := store.get_bytes("deflate", key)) is not None:
        try:
            if zlib.decompress(found, -15) == data:
                return found
        except zlib.error:
            pass
    compressor = zlib.compressobj(ZIP_LEVEL, zlib.DEFLATED, -15)
    body = compressor.compress(data) + compressor.flush()
    if store is not None:
        store.put_bytes("deflate", key, body)
    return body


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
