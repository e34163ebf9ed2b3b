"""Every signal that would end the process stops a run as Ctrl-C does: one line on stderr, exit 130,
the previous outputs byte-identical, no temporary file (``support/signals.py``, one table for all)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from book.support.signals import STOPPING, Stopped, deferred, signal_name, stopping_cleanly

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="POSIX signals, /proc")


def _book(*args: str, tmp: Path) -> subprocess.Popen:
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", TMPDIR=str(tmp))
    return subprocess.Popen([sys.executable, "-m", "book", *args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _has_child(pid: int, name: str) -> bool:
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                command = (entry / "cmdline").read_text(errors="replace")
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid and name in command:
                return True
    return False


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1, signal.SIGALRM, signal.SIGUSR2])
def test_a_signal_during_a_build_leaves_the_previous_book(minimal, tmp_path, signum):
    out, tmp = tmp_path / "out", tmp_path / "tmp"
    tmp.mkdir()
    first = _book("build", "all", "-q", "-m", str(minimal), "--out-dir", str(out), tmp=tmp)
    assert first.wait(120) == 0, first.stderr.read()
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    chapter = minimal / "chapters" / "01-first.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace(
        "Our own commentary.", "Our own commentary.\n\n" + " ".join(["word"] * 200_000) + "\n", 1), encoding="utf-8")
    proc = _book("build", "all", "-q", "--no-cache", "-m", str(minimal), "--out-dir", str(out), tmp=tmp)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None and not _has_child(proc.pid, "pandoc"):
        time.sleep(0.02)
    assert proc.poll() is None, "the build ended before pandoc was seen"
    proc.send_signal(signum)
    assert proc.wait(60) == 130
    said = "" if signum == signal.SIGINT else f" by {signal_name(signum)}"
    assert proc.stderr.read().splitlines() == [f"interrupted{said}"]
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    assert list(tmp.iterdir()) == []


def test_a_signal_during_an_import_writes_no_source(minimal, tmp_path):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    capture = tmp_path / "long.txt"
    capture.write_text("A Long Post\nby Jane Doe\nMarch 3, 2021\n\n"
                       + "\n\n".join(f"Paragraph {i} of the post, about trust and the hour before a session."
                                     for i in range(40_000)) + "\n", encoding="utf-8")
    before = sorted(p.name for p in (minimal / "sources").iterdir())
    proc = _book("sources", "import", str(capture), "-m", str(minimal), tmp=tmp)
    time.sleep(1.5)
    assert proc.poll() is None, "the import ended before the signal"
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(60) == 130
    assert proc.stderr.read().splitlines()[-1] == "interrupted by SIGTERM"
    assert sorted(p.name for p in (minimal / "sources").iterdir()) == before and list(tmp.iterdir()) == []


def test_the_table_holds_every_signal_that_would_end_the_process():
    for name in ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGALRM"):
        assert getattr(signal, name) in STOPPING
    assert signal.SIGRTMIN in STOPPING and signal.SIGKILL not in STOPPING and signal.SIGCHLD not in STOPPING
    assert signal_name(signal.SIGRTMIN + 3) == "SIGRTMIN+3"


def test_a_signal_while_outputs_are_renamed_waits_until_all_are_in_place():
    """Even with another thread alive, to which the kernel may hand a signal sent to the process."""
    import threading

    order = []
    other = threading.Thread(target=time.sleep, args=(0.5,), daemon=True)
    other.start()
    with pytest.raises(Stopped), stopping_cleanly():
        with deferred():
            os.kill(os.getpid(), signal.SIGUSR1)
            time.sleep(0.05)
            order.append("renamed")
        order.append("not reached")
    assert order == ["renamed"]


def test_a_deferred_block_in_another_thread_does_not_hold_the_main_threads_stop():
    """`book serve`'s watcher thread writes the pseudonym map (atomically, in a deferred block) while
    Ctrl-C comes: the main thread stops at once, and the watcher's block ends without raising."""
    import threading

    inside, leave = threading.Event(), threading.Event()
    raised: list[BaseException] = []

    def watcher() -> None:
        try:
            with deferred():
                inside.set()
                leave.wait(5)
        except BaseException as exc:        # noqa: BLE001 - what the block raised in this thread
            raised.append(exc)

    thread = threading.Thread(target=watcher, daemon=True)
    with pytest.raises(Stopped), stopping_cleanly():
        thread.start()
        inside.wait(5)
        os.kill(os.getpid(), signal.SIGUSR1)
        time.sleep(1)
    leave.set()
    thread.join(5)
    assert raised == []


class _SignalledWhileSwallowed:
    """A signal whose handler runs inside ``__del__`` (as inside an at-fork callback when a child
    process starts): Python swallows the exception raised there."""

    def __del__(self):
        os.kill(os.getpid(), signal.SIGUSR2)
        for _ in range(100_000):
            pass


def test_a_stop_python_swallowed_is_raised_again():
    with pytest.raises(Stopped) as stopped, stopping_cleanly():
        _SignalledWhileSwallowed()
        time.sleep(2)
    assert stopped.value.signum == signal.SIGUSR2
    assert signal.getsignal(signal.SIGUSR2) is signal.SIG_DFL


def test_nohup_is_respected():
    previous = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        with stopping_cleanly():
            os.kill(os.getpid(), signal.SIGHUP)
            time.sleep(0.05)
        assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGHUP, previous)


_SLOW_TO_LOAD = """
import sys, time
from importlib.abc import MetaPathFinder

class Slow(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "book.cli.commands":
            print("loading", flush=True)
            time.sleep(10)
        return None

sys.meta_path.insert(0, Slow())
sys.argv = ["book", "--version"]
from book.__main__ import launch
launch()
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_while_the_command_line_loads_is_an_interrupt(tmp_path, signum):
    """``kill`` right after ``book build &`` comes while the command line is still being imported, before a
    command holds the signals: the program held them from its first line, and says so with 130 (not -15)."""
    proc = subprocess.Popen([sys.executable, "-c", _SLOW_TO_LOAD], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    assert proc.stdout.readline() == "loading\n"
    proc.send_signal(signum)
    assert proc.wait(30) == 130
    said = "" if signum == signal.SIGINT else f" by {signal_name(signum)}"
    assert proc.stderr.read().splitlines() == [f"interrupted{said}"]


_SWALLOWED_AT_THE_END = """
import os, signal, time
from book.support.signals import Stopped, stopping_cleanly

class Swallowed:
    def __del__(self):
        os.kill(os.getpid(), signal.SIGTERM)
        for _ in range(100_000):
            pass

try:
    with stopping_cleanly():
        Swallowed()                    # the block ends before the stop is sent again
except Stopped as stop:
    print("stopped by", stop.name, flush=True)
time.sleep(0.3)                        # the handlers put back: a timer firing now would meet SIGTERM's default
print("still running", flush=True)
"""


def test_a_stop_swallowed_as_the_block_ends_is_raised_by_the_block_and_not_sent_later():
    done = subprocess.run([sys.executable, "-c", _SWALLOWED_AT_THE_END], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout.splitlines()) == (0, ["stopped by SIGTERM", "still running"]), done.stderr
