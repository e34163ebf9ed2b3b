"""Signals that would end the process on the spot become an interrupt, so every clean-up runs.

Python's default for most signals (SIGTERM from ``kill`` or a CI timeout, SIGHUP from a closed
terminal, SIGQUIT, SIGUSR1, SIGALRM, the real-time signals ...) is to end the process at once:
no ``finally`` runs, so a temporary file stays, a child such as pandoc goes on, a half-made
output may be left. One table names them; a command installs one handler for all of them that
raises :class:`Stopped` (a ``KeyboardInterrupt``, so every guard that handles Ctrl-C handles
these), and restores the previous handlers when it ends.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any


def _named(*names: str) -> tuple[signal.Signals, ...]:
    return tuple(getattr(signal, name) for name in names if hasattr(signal, name))


STOPPING: tuple[int, ...] = (
    *_named("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGALRM", "SIGVTALRM", "SIGPROF",
            "SIGXCPU", "SIGIO", "SIGPWR", "SIGSTKFLT"),
    *(range(signal.SIGRTMIN, signal.SIGRTMAX + 1) if hasattr(signal, "SIGRTMIN") else ()),
)
"""Every asynchronous signal whose default action ends the process (signal(7)). Faults (SIGSEGV,
SIGBUS ...) are not listed: they are the interpreter's own; SIGPIPE and SIGXFSZ Python already
turns into ``OSError``; SIGKILL and SIGSTOP cannot be caught."""


class Stopped(KeyboardInterrupt):
    """A run stopped by a signal; ``name`` says which (``SIGTERM``)."""

    def __init__(self, signum: int) -> None:
        self.signum = signum
        self.name = signal_name(signum)
        super().__init__(self.name)


def signal_name(signum: int) -> str:
    """``SIGTERM``, ``SIGRTMIN+3``: the name ``kill -l`` would print."""
    if hasattr(signal, "SIGRTMIN") and signal.SIGRTMIN < signum <= signal.SIGRTMAX:
        return f"SIGRTMIN+{signum - signal.SIGRTMIN}"
    try:
        return signal.Signals(signum).name
    except ValueError:
        return f"signal {signum}"


_held: dict[str, Any] = {"depth": 0, "pending": None}
"""Within :func:`deferred`: how deep, and the first signal that came meanwhile, raised when it ends."""


def _stop(signum: int, _frame: FrameType | None) -> None:
    """Raise once; a second signal while the first one's clean-up runs is ignored, so that the
    clean-up (temporary files removed, previous outputs kept) is not itself cut short. Within
    :func:`deferred`, the signal is only noted."""
    if _held["depth"]:
        _held["pending"] = _held["pending"] or signum
        return
    _handle_all(signal.SIG_IGN)
    raise Stopped(signum)


_taken: set[int] = set()
"""The signals :func:`stopping_cleanly` took (the process's handlers are global state already)."""


def _handle_all(handler: Any) -> None:
    for signum in _taken:
        signal.signal(signum, handler)


class _Resends:
    """The signals one :func:`stopping_cleanly` block is to send itself again (:func:`_resend`), a moment later
    from a timer thread; none once the block has ended. A timer that fired after the handlers were put back
    would meet the default action (SIGTERM: the process ended, -15, with nothing cleaned up)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open = True
        self._waiting: list[tuple[threading.Timer, int]] = []

    def later(self, signum: int) -> None:
        timer = threading.Timer(0.01, self._send, (signum,))
        timer.daemon = True         # not now: the handler would run inside the hook, and be swallowed again
        with self._lock:
            if not self._open:
                return
            self._waiting.append((timer, signum))
        timer.start()

    def _send(self, signum: int) -> None:
        with self._lock:            # the block cannot end between the check and the kill
            if self._open:
                self._waiting = [(t, s) for t, s in self._waiting if t is not threading.current_thread()]
                os.kill(os.getpid(), signum)

    def close(self) -> int | None:
        """No signal is sent after this; the first one still waiting (its timer cancelled) is returned, for the
        block to raise as it ends."""
        with self._lock:
            self._open = False
            for timer, _ in self._waiting:
                timer.cancel()
            return self._waiting[0][1] if self._waiting else None


def _resend(hook: Callable[[Any], object], resends: _Resends) -> Callable[[Any], object]:
    """An unraisable-exception hook: a :class:`Stopped` raised where Python cannot pass it on (an
    at-fork callback while a child process starts, a ``__del__``) is swallowed, and the run would
    go on as if no signal had come; the signal is sent again, to be raised in a line of
    ordinary code (a moment later, from a timer thread: ``resends``). Anything else goes to ``hook``."""
    def swallowed(unraisable: Any) -> object:
        if isinstance(unraisable.exc_value, Stopped):
            _handle_all(_stop)
            resends.later(unraisable.exc_value.signum)
            return None
        return hook(unraisable)
    return swallowed


@contextmanager
def stopping_cleanly(*, keep_ignored: tuple[int, ...] = (signal.SIGHUP,), after: Any = None) -> Iterator[None]:
    """Within the block, every signal in :data:`STOPPING` raises :class:`Stopped`; handlers restored after.

    ``after``, when given, is the handler left in place of each instead (the process's entry leaves
    ``SIG_IGN``: once a command is done, its outputs are in place and its status decided, and Python's
    teardown would otherwise give a signal its default action, a finished release "killed by SIGTERM").
    A block inside another that was stopped leaves the signals ignored, as the stop left them: the
    outer block's handler put back would raise a second signal in the first one's clean-up.

    A signal in ``keep_ignored`` that the process inherited ignored stays ignored: ``nohup book
    build`` is asked to outlive its terminal. Others are taken even when inherited ignored: a shell
    starts ``book ... &`` with SIGINT and SIGQUIT ignored, and ``kill -INT`` must still stop it.
    Only the main thread may set handlers; elsewhere the block runs as it is.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: dict[int, Any] = {}
    hook = sys.unraisablehook
    taken_before = set(_taken)
    resends = _Resends()
    try:        # a signal while the handlers go in is raised here: the finally still puts back those set
        sys.unraisablehook = _resend(hook, resends)
        for signum in STOPPING:
            try:
                old = signal.getsignal(signum)
                if old is signal.SIG_IGN and signum in keep_ignored:
                    continue
                previous[signum] = old
                signal.signal(signum, _stop)
                _taken.add(signum)
            except (OSError, ValueError):       # a signal this platform reserves
                previous.pop(signum, None)
                continue
        yield
    finally:
        try:
            waiting = resends.close()
        finally:            # (a resent signal that came first is raised in the line above: still restored)
            for signum, handler in previous.items():
                if after is None and handler is _stop and signal.getsignal(signum) is signal.SIG_IGN:
                    continue                    # stopped within an outer block: its clean-up runs ignoring
                signal.signal(signum, after if after is not None else
                              handler if handler is not None else signal.SIG_DFL)
            _taken.intersection_update(taken_before)
            sys.unraisablehook = hook
        if waiting is not None:
            raise Stopped(waiting)       # a stop swallowed, not yet sent again: the block ends as stopped


@contextmanager
def deferred() -> Iterator[None]:
    """Within the block, a signal of :data:`STOPPING` waits: it is raised when the block ends.

    For the few steps that must all happen or none, such as renaming a run's outputs into place:
    a SIGTERM between two renames would leave a new EPUB beside an old PDF. The handler notes the
    signal rather than the mask blocking it: a signal sent to the process may be delivered to any
    thread that does not block it, and Python runs its handler in the main thread all the same.
    Only the main thread's block defers: the handler can interrupt no other thread, and a block in
    another (``book serve``'s watcher writing the pseudonym map) must not keep a stop from the main
    thread, nor raise it in its own thread, where it would end that thread and leave the run going.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _held["depth"] += 1
    try:
        yield
    finally:
        _held["depth"] -= 1
        if not _held["depth"] and _held["pending"] is not None:
            signum, _held["pending"] = _held["pending"], None
            _handle_all(signal.SIG_IGN)
            raise Stopped(signum)


def _taken_signals(keep_ignored: tuple[int, ...]) -> list[int]:
    """The signals of :data:`STOPPING` this process may take: not one inherited ignored in ``keep_ignored``."""
    out = []
    for signum in STOPPING:
        try:
            if not (signum in keep_ignored and signal.getsignal(signum) is signal.SIG_IGN):
                out.append(signum)
        except (OSError, ValueError):
            continue
    return out


def _exit_now(signum: int, _frame: FrameType | None) -> None:
    """Say what stopped the process and end it, with no clean-up: there is nothing yet to clean."""
    said = "" if signum == signal.SIGINT else f" by {signal_name(signum)}"
    os.write(2, f"interrupted{said}\n".encode())
    os._exit(130)


@contextmanager
def ended_at_once(*, keep_ignored: tuple[int, ...] = (signal.SIGHUP,)) -> Iterator[None]:
    """Within the block, a signal of :data:`STOPPING` ends the process at once: one line, exit 130.

    For the second or so the command line spends importing its modules, before any command
    runs: nothing has been written, started or made, so there is nothing to clean up, and a
    ``KeyboardInterrupt`` raised inside an import would print a traceback (SIGINT) or the
    default action would end the process with no word (SIGTERM). Handlers restored after, but for
    those a block inside this one replaced (``stopping_cleanly`` with ``after``).
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: dict[int, Any] = {}
    try:
        for signum in _taken_signals(keep_ignored):
            try:
                previous[signum] = signal.getsignal(signum)
                signal.signal(signum, _exit_now)
            except (OSError, ValueError):
                previous.pop(signum, None)
        yield
    finally:
        for signum, handler in previous.items():
            if signal.getsignal(signum) is _exit_now:       # not one a block inside this one left for after it
                signal.signal(signum, handler if handler is not None else signal.SIG_DFL)

