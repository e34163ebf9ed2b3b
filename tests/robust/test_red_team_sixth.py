"""Kinds a sixth red-team round found (damaged sources through `book sources`, a closed reader on standard
output, signals while the command starts or after it is done, release metadata): each is data or the tool's own
one-line error, never code, a file the book may not read, or a traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _env() -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(ROOT / "src"), SOURCE_DATE_EPOCH="1700000000")


def _record_capture(minimal: Path, name: str) -> None:
    source = minimal / "sources" / "garden-letters.yaml"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("captured_from: garden-letters.txt", f"captured_from: {name}"), encoding="utf-8")


@pytest.mark.parametrize("name", ["/etc/passwd", "../../../../../../etc/passwd", "'../secret.txt'"])
def test_a_source_cannot_make_its_review_page_show_a_file_outside_the_capture_folders(minimal, cli, name):
    (minimal.parent / "secret.txt").write_text("root:x:0:0 secret\n", encoding="utf-8")
    _record_capture(minimal, name)
    out = minimal / "r.html"
    result = cli("sources", "review", "garden-letters", "-m", str(minimal), "--output", str(out))
    assert result.exit_code == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert "root:x:0:0" not in page and "the capture file was not found" in page


def test_a_capture_linked_out_of_its_folder_is_not_shown(minimal, cli, tmp_path):
    (tmp_path / "elsewhere.txt").write_text("root:x:0:0 secret\n", encoding="utf-8")
    (minimal / "garden-letters.txt").symlink_to(tmp_path / "elsewhere.txt")
    out = minimal / "r.html"
    result = cli("sources", "review", "garden-letters", "-m", str(minimal), "--output", str(out))
    assert result.exit_code == 0, result.stderr
    assert "root:x:0:0" not in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", ["fifo", "/dev/zero"])
def test_a_capture_that_is_no_regular_file_is_a_note_on_the_page_not_a_hang(minimal, cli, tmp_path, kind):
    capture = tmp_path / "pipe"
    if kind == "fifo":
        os.mkfifo(capture)
    else:
        capture = Path(kind)
    out = minimal / "r.html"
    result = cli("sources", "review", "garden-letters", "-m", str(minimal), "--capture", str(capture),
                 "--output", str(out))
    assert result.exit_code == 0, result.stderr
    assert "not a regular file" in out.read_text(encoding="utf-8")


def test_the_review_page_is_never_written_over_a_named_pipe(minimal, cli, tmp_path):
    pipe = tmp_path / "page.html"
    os.mkfifo(pipe)
    result = cli("sources", "review", "garden-letters", "-m", str(minimal), "--output", str(pipe))
    assert result.exit_code == 1 and "error[E509]" in result.stderr and "named pipe" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_folder_named_like_a_source_is_named_by_sources_list(minimal, cli):
    (minimal / "sources" / "stray.yaml").mkdir()
    result = cli("sources", "list", "-m", str(minimal))
    assert result.exit_code == 1
    assert "stray.yaml: error[E120]: a folder, not a regular file" in result.stderr
