"""Colour and a progress bar with an estimate, for people at a terminal only.

Colour is used only when stderr is a terminal and ``NO_COLOR`` is not set (https://no-color.org).
A build at a terminal shows its steps as lines, as everywhere, and once it has run for
:data:`SHOW_AFTER` seconds a bar under them, redrawn a few times a second: the share done and the
time left, estimated from how long each step took in the last build of the same outputs
(kept in ``<out-dir>/.cache/timings.json``, safe to delete). Without a terminal (a pipe, CI, a
test) nothing of this is written: the output is the same lines as ever.
"""

from __future__ import annotations

import json
import os
import re
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

SHOW_AFTER = 2.0          # seconds before the bar appears: short builds never show it
REDRAW_EVERY = 0.2
WIDTH = 24
_NUMBERS = re.compile(r"\d+")


def colour_wanted(stream: TextIO, environ: dict[str, str] | os._Environ[str] = os.environ) -> bool:
    """Colour on a terminal unless NO_COLOR is set to anything but the empty string."""
    if environ.get("NO_COLOR", ""):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def step_key(message: str) -> str:
    """A step's name across builds: its message with numbers taken out ("Checking 8 chapters")."""
    return _NUMBERS.sub("#", message)


class Timings:
    """When each step started, as a share of the whole, in the last build of the same outputs."""

    def __init__(self, path: Path | None, key: str):
        self.path, self.key = path, key
        self.total: float | None = None
        self.offsets: dict[str, float] = {}
        if path is not None:
            try:
                entry = json.loads(path.read_text(encoding="utf-8")).get(key) or {}
                self.total = float(entry["total"]) if entry.get("total") else None
                self.offsets = {str(k): float(v) for k, v in (entry.get("steps") or {}).items()}
            except (OSError, ValueError, TypeError, KeyError, AttributeError):
                self.total, self.offsets = None, {}

    def save(self, total: float, offsets: dict[str, float]) -> None:
        if self.path is None:
            return
        try:
            data = json.loads(self.path.read_text(encoding="utf-8")) if self.path.is_file() else {}
            if not isinstance(data, dict):
                data = {}
        except (OSError, ValueError):
            data = {}
        data[self.key] = {"total": round(total, 3), "steps": {k: round(v, 3) for k, v in offsets.items()}}
        try:
            from book.render.cache import make_root

            make_root(self.path.parent)          # the build cache's folder: made as the cache makes it
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
            tmp.replace(self.path)
        except OSError:
            pass          # an estimate is a nicety: never fail a build over it


class ProgressBar:
    """The bar under the step lines; drawn from a background thread, cleared before any other line."""

    def __init__(self, stream: TextIO, timings: Timings, colour: bool,
                 clock: Callable[[], float] = time.monotonic):
        self.stream, self.timings, self.colour, self.clock = stream, timings, colour, clock
        self.started = clock()
        self.step = ""
        self.step_started = self.started
        self.reached: dict[str, float] = {}
        self.drawn = False
        self.lock = threading.RLock()
        self.stop = threading.Event()
        self.thread: threading.Thread | None = None

    # -- the steps
    def begin(self) -> None:
        self.thread = threading.Thread(target=self._loop, name="book-progress", daemon=True)
        self.thread.start()

    def advance(self, message: str) -> None:
        with self.lock:
            now = self.clock()
            self.step, self.step_started = step_key(message), now
            self.reached.setdefault(self.step, now - self.started)

    def end(self, success: bool) -> None:
        self.stop.set()
        if self.thread is not None:
            self.thread.join(timeout=1)
        self.clear()
        if success:
            self.timings.save(self.clock() - self.started, self.reached)

    # -- drawing
    def estimate(self) -> tuple[float | None, float | None]:
        """(share done, seconds left) from the last build's timings; (None, None) without any."""
        total = self.timings.total
        if not total:
            return None, None
        now = self.clock()
        elapsed = now - self.started
        at = self.timings.offsets.get(self.step)
        if at is None:
            done = min(elapsed / total, 0.99)
        else:
            later = sorted(v for v in self.timings.offsets.values() if v > at)
            ceiling = later[0] if later else total
            done = min(at + (now - self.step_started), ceiling * 0.999) / total
        done = max(0.0, min(done, 0.99))
        left = max(total * (1 - done), 0.0)
        return done, left

    def line(self) -> str:
        done, left = self.estimate()
        elapsed = self.clock() - self.started
        if done is None:
            text = f"  {elapsed:5.1f} s  (an estimate after the first build)"
        else:
            filled = int(done * WIDTH)
            bar = "█" * filled + "░" * (WIDTH - filled)
            if self.colour:
                bar = f"\033[36m{bar}\033[0m"
            text = f"  {bar} {done:4.0%}  about {left:.0f} s left"
        return text

    def draw(self) -> None:
        with self.lock:
            if self.clock() - self.started < SHOW_AFTER:
                return
            self.stream.write("\r\033[2K" + self.line())
            self.stream.flush()
            self.drawn = True

    def clear(self) -> None:
        """Take the bar off the screen so a line can be written in its place (it comes back at the next draw)."""
        with self.lock:
            if self.drawn:
                self.stream.write("\r\033[2K")
                self.stream.flush()
                self.drawn = False

    def _loop(self) -> None:
        while not self.stop.wait(REDRAW_EVERY):
            try:
                self.draw()
            except (OSError, ValueError):   # the terminal went away
                return
