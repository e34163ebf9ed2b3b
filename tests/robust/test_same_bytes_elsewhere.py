"""The same bytes on another machine: what the EPUB's bytes depend on beyond the inputs is recorded.

The EPUB's entries are deflated by the host's zlib. This test shows the dependency is exactly that:
every compressed entry is what zlib (the version the release manifest records) makes of the entry
at level 9, so two machines with the same zlib and the same locked packages make the same EPUB,
and a different zlib is named in the manifest when the bytes differ.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path


def _raw_entries(epub: Path):
    """(name, compress_type, stored bytes) of each entry, read straight from the zip."""
    with zipfile.ZipFile(epub) as archive:
        infos = archive.infolist()
    data = epub.read_bytes()
    for info in infos:
        offset = info.header_offset
        name_len = int.from_bytes(data[offset + 26:offset + 28], "little")
        extra_len = int.from_bytes(data[offset + 28:offset + 30], "little")
        start = offset + 30 + name_len + extra_len
        yield info.filename, info.compress_type, data[start:start + info.compress_size]


def test_the_epub_is_zlib_level_9_of_its_entries(minimal, cli, tmp_path):
    result = cli("build", "epub", "-q", "-m", str(minimal), "--out-dir", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    epub = Path(result.stdout.strip())
    with zipfile.ZipFile(epub) as archive:
        contents = {name: archive.read(name) for name in archive.namelist()}
    deflated = 0
    for name, kind, stored in _raw_entries(epub):
        if kind == zipfile.ZIP_STORED:
            assert name in ("mimetype", "META-INF/container.xml") and stored == contents[name]
            continue
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        assert compressor.compress(contents[name]) + compressor.flush() == stored, name
        deflated += 1
    assert deflated >= 5


def test_the_manifest_names_the_zlib_that_deflated_it():
    from book.release.publish import tool_versions

    versions = tool_versions()
    assert versions["zlib"] == zlib.ZLIB_RUNTIME_VERSION
    assert {"python", "pandoc", "typst", "ebooklib", "lxml", "pikepdf", "zlib"} <= set(versions)
