"""Leftovers of the tenth red-team round (docs/robustness.md, "Leftovers, eleventh session"): a release on a nearly
full disk, where the build cache held the room the release files needed."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from book.render.cache import _README as CACHE_README


@pytest.fixture
def small_disk(tmp_path):
    """A tmpfs of 4 MB (the tests run as root); skipped where none can be mounted."""
    mount = tmp_path / "disk"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)], capture_output=True)
    if made.returncode != 0:
        pytest.skip("no tmpfs can be mounted here")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(path) -> None:
    """Write zeros to ``path`` until its disk is full."""
    with open(path, "wb") as handle:
        try:
            handle.write(b"\0" * (8 << 20))
        except OSError:
            pass


def test_the_release_files_win_over_the_build_cache_on_a_nearly_full_disk(minimal, cli, small_disk):
    """The book on a small disk whose ``build/.cache`` (as earlier builds left it) fills it: ``book release``
    empties that cache to make room for its files (E543), as ``book build`` does for its outputs; without it the
    release stopped on its first file (E509) after two builds and the validators."""
    if shutil.which("java") is None:
        pytest.skip("the release runs epubcheck, which needs Java")
    book = small_disk / "book"
    shutil.copytree(minimal, book)
    cache = book / "build" / ".cache"
    cache.mkdir(parents=True)
    (cache / "README.txt").write_text(CACHE_README, encoding="utf-8")      # the cache's own folder
    _fill(cache / "filler")
    out = small_disk / "dist"
    result = cli("release", "-m", str(book), "--out-dir", str(out))
    assert result.exit_code == 0, result.stderr
    assert "E543" in result.stderr and not cache.exists()
    assert (out / "SHA256SUMS").is_file() and len(list(out.iterdir())) == 5


def test_a_cache_folder_the_tool_did_not_make_is_not_emptied_for_a_release(minimal, cli, small_disk):
    """A ``build/.cache`` without the cache's README is someone else's: the release then fails on the full disk
    with the tool's one-line error, and that folder and the earlier (empty) release folder are left as they were."""
    if shutil.which("java") is None:
        pytest.skip("the release runs epubcheck, which needs Java")
    book = small_disk / "book"
    shutil.copytree(minimal, book)
    cache = book / "build" / ".cache"
    cache.mkdir(parents=True)
    _fill(cache / "filler")
    out = small_disk / "dist"
    result = cli("release", "-m", str(book), "--out-dir", str(out))
    assert result.exit_code != 0 and "Traceback" not in result.stderr
    assert "E543" not in result.stderr and (cache / "filler").is_file()
    assert not out.exists() or not [p for p in out.iterdir() if not p.name.startswith(".book-run")]
