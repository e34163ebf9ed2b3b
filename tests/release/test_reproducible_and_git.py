"""A release is built twice and compared; in git, the commit and the tag at HEAD are recorded and checked."""

from __future__ import annotations

import json
import os
import subprocess

from release_helpers import run_release


def test_bytes_that_differ_between_builds_fail_the_release(minimal_copy, tmp_path, monkeypatch):
    import book.pdf.document

    import dataclasses

    real = book.pdf.document.typeset

    def unstable(*args, **kwargs):          # the in-process build only: the second build is another process
        done = real(*args, **kwargs)
        return dataclasses.replace(done, pdf=done.pdf + os.urandom(8))

    monkeypatch.setattr(book.pdf.document, "typeset", unstable)
    out_dir = tmp_path / "dist"
    result = run_release("-m", str(minimal_copy), "--out-dir", str(out_dir))
    assert result.exit_code == 1
    [line] = [text for text in result.stderr.splitlines() if "E704" in text]
    assert "a-small-test-book-1.0.0.pdf differs between two builds" in line and "not reproducible" in line
    assert ".epub" not in line
    assert not out_dir.exists()


def git(cwd, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args], cwd=cwd,
                          check=True, capture_output=True, text=True).stdout.strip()


def test_in_git_the_commit_and_tag_are_recorded_and_a_wrong_tag_refused(minimal_copy, tmp_path):
    git(minimal_copy, "init", "-q")
    git(minimal_copy, "add", ".")
    git(minimal_copy, "commit", "-q", "-m", "the book")
    git(minimal_copy, "tag", "v0.9.0")
    refused = run_release("-m", str(minimal_copy), "--out-dir", str(tmp_path / "refused"))
    assert refused.exit_code == 1
    assert "error[E701]: the git tag at HEAD says v0.9.0" in refused.stderr

    git(minimal_copy, "tag", "v1.0.0")
    out_dir = tmp_path / "dist"
    result = run_release("-m", str(minimal_copy), "--out-dir", str(out_dir))
    assert result.exit_code == 0, result.stderr
    manifest = json.loads((out_dir / "a-small-test-book-1.0.0-manifest.json").read_text())
    assert manifest["git"] == {"commit": git(minimal_copy, "rev-parse", "HEAD"), "dirty": False}
    assert manifest["tag"] == "v1.0.0"


def test_a_failed_second_build_is_reported_not_a_traceback(minimal_copy, tmp_path, monkeypatch):
    import book.release.publish

    real_run = subprocess.run

    def run(args, **kwargs):
        if args[:3] == [book.release.publish.sys.executable, "-m", "book.release.publish"]:
            return subprocess.CompletedProcess(args, 1, "", "error[E506]: typesetting failed: out of memory\n")
        return real_run(args, **kwargs)

    monkeypatch.setattr(book.release.publish.subprocess, "run", run)
    result = run_release("-m", str(minimal_copy), "--out-dir", str(tmp_path / "dist"))
    assert result.exit_code == 1
    assert ("error[E703]: the second build, to check reproducibility, failed: error[E506]: typesetting failed"
            in result.stderr)
    assert not (tmp_path / "dist").exists()
