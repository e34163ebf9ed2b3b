"""``book release``: the files it leaves, their checksums, the manifest, and what it refuses."""

from __future__ import annotations

import hashlib
import json
import platform
import re
import shutil
import subprocess
import zlib
from importlib import metadata

import pytest
from release_helpers import EPOCH, run_release
from validators import epubcheck

import book
from book.manuscript.styles import PACKAGE_STYLES

BASE = "safe-enough-to-need-0.1.0"


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_writes_exactly_the_release_files(sample_release):
    names = sorted(p.name for p in sample_release.out_dir.iterdir())
    assert names == sorted([f"{BASE}.epub", f"{BASE}.pdf", f"{BASE}-cover-wrap.pdf", f"{BASE}-cover.png",
                            f"{BASE}-manifest.json", "SHA256SUMS"])
    printed = sample_release.result.stdout.split()
    assert [p.rsplit("/", 1)[-1] for p in printed][-1] == "SHA256SUMS"     # written last
    assert sorted(p.rsplit("/", 1)[-1] for p in printed) == names


def test_sha256sums_verifies_with_sha256sum(sample_release):
    text = (sample_release.out_dir / "SHA256SUMS").read_text()
    lines = text.splitlines()
    assert all(re.fullmatch(r"[0-9a-f]{64}  \S+", line) for line in lines), text
    assert sorted(line.split("  ")[1] for line in lines) == sorted(
        p.name for p in sample_release.out_dir.iterdir() if p.name != "SHA256SUMS")
    if shutil.which("sha256sum") is None:
        pytest.skip("sha256sum (coreutils) not installed")
    check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=sample_release.out_dir,
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.count(": OK") == 5


def test_manifest_says_how_it_was_built(sample_release):
    manifest = json.loads(sample_release.file("-manifest.json").read_text())
    assert manifest["version"] == "0.1.0"
    assert manifest["tag"] is None
    assert manifest["git"] == {"commit": None, "dirty": None}      # the copy is outside git
    assert manifest["SOURCE_DATE_EPOCH"] == int(EPOCH)
    assert manifest["build_time"] == "2026-01-01T00:00:00Z"
    assert manifest["build_time_from"] == "SOURCE_DATE_EPOCH"
    tools = manifest["tools"]
    assert tools["book"] == book.__version__
    assert tools["ebooklib"] == metadata.version("ebooklib")
    assert tools["typst"] == metadata.version("typst")
    assert tools["lxml"] == metadata.version("lxml") and tools["pikepdf"] == metadata.version("pikepdf")
    assert tools["python"].startswith(platform.python_version())
    assert tools["zlib"] == zlib.ZLIB_RUNTIME_VERSION     # the EPUB's deflate depends on it: recorded
    assert re.fullmatch(r"\d+(\.\d+)+", tools["pandoc"])
    assert manifest["validation"]["epubcheck"].startswith("5.")
    for output in manifest["outputs"]:
        path = sample_release.out_dir / output["file"]
        assert output["sha256"] == sha256(path) and output["bytes"] == path.stat().st_size


def test_manifest_hashes_every_input(sample_release):
    inputs = json.loads(sample_release.file("-manifest.json").read_text())["inputs"]
    root = sample_release.manuscript
    expected = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    assert [i["path"] for i in inputs["manuscript"]] == expected
    for item in inputs["manuscript"]:
        assert item["sha256"] == sha256(root / item["path"])
    styles = {i["path"]: i["sha256"] for i in inputs["package_styles"]}
    assert styles["epub/book.css"] == sha256(PACKAGE_STYLES / "epub" / "book.css")
    assert "pdf/book.typ" in styles and "cover.typ" in styles


def test_epub_passes_epubcheck(sample_release):
    result = epubcheck(sample_release.file(".epub"))
    assert (result.fatals, result.errors, result.warnings) == (0, 0, 0), result.messages


def test_cover_is_the_typographic_cover(sample_release):
    data = sample_release.file("-cover.png").read_bytes()
    assert data.startswith(b"\x89PNG")
    assert (int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")) == (1600, 2560)


def test_same_command_same_bytes_and_an_earlier_release_is_replaced(sample_release, tmp_path):
    out_dir = tmp_path / "dist"
    shutil.copytree(sample_release.out_dir, out_dir)
    before = {p.name: p.read_bytes() for p in out_dir.iterdir()}
    result = run_release("-m", str(sample_release.manuscript), "--out-dir", str(out_dir))
    assert result.exit_code == 0, result.stderr
    assert {p.name: p.read_bytes() for p in out_dir.iterdir()} == before


def test_a_tag_that_disagrees_with_the_version_is_refused(minimal_copy, tmp_path):
    out_dir = tmp_path / "dist"
    result = run_release("-m", str(minimal_copy), "--out-dir", str(out_dir), "--tag", "v9.9.9")
    assert result.exit_code == 1
    assert "error[E701]" in result.stderr and "v9.9.9" in result.stderr and "v1.0.0" in result.stderr
    assert "book.yaml:" in result.stderr and "Traceback" not in result.stderr
    assert not out_dir.exists()


def test_the_github_tag_is_checked(minimal_copy, tmp_path):
    result = run_release("-m", str(minimal_copy), "--out-dir", str(tmp_path / "dist"),
                         env={"GITHUB_REF_TYPE": "tag", "GITHUB_REF_NAME": "v1.0.1"})
    assert result.exit_code == 1
    assert "error[E701]: GITHUB_REF_NAME says v1.0.1" in result.stderr


def test_a_folder_holding_other_files_is_refused(minimal_copy, tmp_path):
    out_dir = tmp_path / "dist"
    out_dir.mkdir()
    (out_dir / "notes.txt").write_text("mine")
    result = run_release("-m", str(minimal_copy), "--out-dir", str(out_dir))
    assert result.exit_code == 1
    assert "error[E702]" in result.stderr and "notes.txt" in result.stderr
    assert [p.name for p in out_dir.iterdir()] == ["notes.txt"]


def test_the_release_check_runs_the_release_gate(minimal_copy, tmp_path, monkeypatch):
    from book import pipeline
    from book.support.diagnostics import BookError

    seen = []

    def gate(ctx, progress):
        seen.append(ctx.release)
        raise BookError("excerpt from a source whose rights are pending", "E999")

    monkeypatch.setattr(pipeline, "check", gate)
    result = run_release("-m", str(minimal_copy), "--out-dir", str(tmp_path / "dist"))
    assert seen == [True]
    assert result.exit_code == 1 and "error[E999]" in result.stderr
    assert not (tmp_path / "dist").exists()
