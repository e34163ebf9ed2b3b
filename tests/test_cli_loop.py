"""The small things of the command line: default target, -o suffix, help order, colour, progress bar, completion."""

from __future__ import annotations

import io
import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from book.cli.commands import WORKFLOW_ORDER, main
from book.cli.progress import SHOW_AFTER, ProgressBar, Timings, colour_wanted, step_key

BOOK = Path(sys.executable).with_name("book")


def test_build_without_a_target_builds_every_output(cli, minimal, tmp_path):
    result = cli("build", "-q", "-m", str(minimal), "--out-dir", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if p.is_file()) == \
        ["a-small-test-book.epub", "a-small-test-book.pdf"]


@pytest.mark.parametrize("target,name", [("epub", "book.pdf"), ("pdf", "book.epub"), ("epub", "book")])
def test_an_output_suffix_that_does_not_match_the_format_is_a_usage_error(cli, minimal, tmp_path, target, name):
    result = cli("build", target, "-m", str(minimal), "-o", str(tmp_path / name))
    assert result.exit_code == 2 and f".{target}" in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == [minimal]


def test_help_lists_commands_in_workflow_order(cli):
    listed = []
    in_commands = False
    for line in cli("--help").stdout.splitlines():
        if line.startswith("Commands:"):
            in_commands = True
        elif in_commands and line.strip():
            listed.append(line.split()[0])
    assert listed == [name for name in WORKFLOW_ORDER if name in main.commands]
    assert listed[0] == "new" and listed.index("check") < listed.index("build") < listed.index("release")


def run_in_terminal(args: list[str], env: dict[str, str]) -> bytes:
    """Run ``book`` with stderr on a pseudo-terminal; what it wrote there."""
    master, slave = pty.openpty()
    process = subprocess.Popen([str(BOOK), *args], stderr=slave, stdout=subprocess.DEVNULL, env=env)
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    process.wait(timeout=60)
    os.close(master)
    return out


def test_colour_at_a_terminal_only_and_never_with_no_color(minimal, cli):
    chapter = minimal / "chapters" / "01-first.md"
    chapter.write_text(chapter.read_text() + "\nstray text\n")
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    coloured = run_in_terminal(["check", "-m", str(minimal)], env)
    assert b"\x1b[31m" in coloured and b"error[E203]" in coloured
    plain = run_in_terminal(["check", "-m", str(minimal)], {**env, "NO_COLOR": "1"})
    assert b"\x1b[" not in plain and b"error[E203]" in plain
    piped = cli("check", "-m", str(minimal))          # not a terminal
    assert "\x1b[" not in piped.stderr and "error[E203]" in piped.stderr
    assert colour_wanted(io.StringIO()) is False


def test_a_usage_error_is_one_line_in_colour_at_a_terminal_only(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    missing = str(tmp_path / "nowhere")
    coloured = run_in_terminal(["check", "-m", missing], env)
    assert b"\x1b[31m" in coloured and b"nowhere does not exist" in coloured
    plain = run_in_terminal(["check", "-m", missing], {**env, "NO_COLOR": "1"})
    assert b"\x1b[" not in plain and plain.startswith(b"error: ")
    before_the_command = subprocess.run([str(BOOK), "--bogus"], capture_output=True, text=True, env=env)
    assert before_the_command.returncode == 2      # an option of `book` itself, not of a command
    assert before_the_command.stderr.splitlines() == ["error: No such option '--bogus'. (see 'book --help')"]


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_progress_bar_estimates_from_the_last_build(tmp_path):
    history = tmp_path / "timings.json"
    history.write_text(json.dumps({"build pdf": {"total": 10.0, "steps": {"Reading": 0.0, "Typesetting": 2.0}}}))
    stream, clock = io.StringIO(), FakeClock()
    bar = ProgressBar(stream, Timings(history, "build pdf"), colour=False, clock=clock)
    bar.advance("Reading")
    bar.draw()
    assert stream.getvalue() == ""                  # a short run never shows the bar
    clock.now += SHOW_AFTER + 0.5                   # 2.5 s in, typesetting began at 2.0 s
    bar.advance("Typesetting")
    clock.now += 1.0
    bar.draw()
    assert "30%" in stream.getvalue() and "about 7 s left" in stream.getvalue()
    bar.end(success=True)
    assert stream.getvalue().endswith("\r\x1b[2K")  # cleared: the terminal is left clean
    saved = json.loads(history.read_text())["build pdf"]
    assert saved["total"] == pytest.approx(3.5) and saved["steps"]["Typesetting"] == pytest.approx(2.5)


def test_a_failed_build_keeps_the_last_timings_and_a_first_build_has_no_estimate(tmp_path):
    history = tmp_path / "timings.json"
    stream, clock = io.StringIO(), FakeClock()
    bar = ProgressBar(stream, Timings(history, "build epub"), colour=False, clock=clock)
    clock.now += SHOW_AFTER + 1
    bar.draw()
    assert "an estimate after the first build" in stream.getvalue()
    bar.end(success=False)
    assert not history.exists()
    history.write_text("not json")
    assert Timings(history, "build epub").total is None    # a damaged file is no estimate, not an error
    assert step_key("Checking 8 chapters and 65 excerpts") == "Checking # chapters and # excerpts"


def test_shell_completion_works_as_documented(minimal):
    env = {**os.environ, "_BOOK_COMPLETE": "bash_source"}
    script = subprocess.run([str(BOOK)], env=env, capture_output=True, text=True, timeout=30).stdout
    assert "_book_completion" in script and "complete -o nosort -F _book_completion book" in script
    env = {**os.environ, "_BOOK_COMPLETE": "bash_complete", "COMP_WORDS": "book bu", "COMP_CWORD": "1"}
    words = subprocess.run([str(BOOK)], env=env, capture_output=True, text=True, timeout=30).stdout
    assert "plain,build" in words.splitlines()
    env = {**os.environ, "_BOOK_COMPLETE": "bash_complete", "COMP_WORDS": "book build ", "COMP_CWORD": "2"}
    words = subprocess.run([str(BOOK)], env=env, capture_output=True, text=True, timeout=30).stdout.splitlines()
    assert {"plain,epub", "plain,pdf", "plain,all"} <= set(words)
