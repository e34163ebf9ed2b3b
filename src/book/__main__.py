"""``python -m book`` and the ``book`` program: the command line, its signals held from the first line.

The command line loads for a while before a command's own guard holds the signals: importing it takes a
tenth of a second, several on a loaded machine. A SIGTERM then met Python's default action and ended the
process with -15 instead of the documented "interrupted", 130. :func:`launch` ends the process at once on a
stopping signal (:func:`book.support.signals.ended_at_once`) from before anything of the command line is
imported (only the standard library is loaded before it): what is interrupted before a command runs has
written nothing, so saying so and leaving with 130 is all there is to do. Then the signals raise
:class:`~book.support.signals.Stopped` from the first option read to the command's last line, and are left
ignored: a finished command's outputs are in place and its status decided (``stopping_cleanly(after=
SIG_IGN)``). Only the process's entry does this; a program that calls ``book.cli.main`` keeps its own
handlers. The interpreter's own start, before this module's first line, is the one moment no handler of
ours can cover.

The entry also turns off pydantic's plugins (unless ``PYDANTIC_DISABLE_PLUGINS`` is already set):
pydantic looks for them the first time a model is built, reading the entry points of every
distribution on the import path: 5-8 ms of CPU in every run with the 94 distributions of the test
environment, more with more installed. ``book`` is an application, not a library: nothing installed
beside it should hook into how it validates a manuscript, and the same inputs should give the same
result whatever else is installed.

The process ends without Python's finalization (:func:`_leave`): once the command has decided its status,
its outputs renamed into place and its caches written, tearing the interpreter down (freeing every object
and module one by one, a last collection) gives nothing any file or the caller sees, and it cost a
one-chapter rebuild of a 100,000-word book about 0.1 s of CPU, a seventh of the whole process.

And it collects cyclic garbage less often (:func:`fewer_collections`): a long book is a heap of objects that
live to the end (every chapter's blocks, pandoc's JSON of every document), which Python's default collector
walks again and again as it grows: a fifth of the CPU of ``book check`` on 10,000 short chapters.
"""

from __future__ import annotations

from typing import NoReturn


GC_THRESHOLD = (10_000, 10, 10)
"""Allocations between two collections of the youngest objects (Python's default: 700), and collections of
one generation between two of the next (default: 10, 10). ``book check`` of 10,000 short chapters spent 3.9 s
of its 18.6 s of CPU collecting (4,050 collections, each full one walking every chapter read so far); with
this, 1.8 s (320), for 4 MB more memory (254 -> 258 MB): the tool's objects rarely form cycles (33,000
collected in that run, of millions made)."""


def fewer_collections() -> None:
    """The process's collector set to :data:`GC_THRESHOLD`: the command line's process, which owns it."""
    import gc

    gc.set_threshold(*GC_THRESHOLD)


def launch() -> None:
    """Run the command line with every stopping signal answered, from before it is imported to its exit."""
    import os
    import signal
    import sys

    from book.support.signals import ended_at_once, stopping_cleanly

    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")     # before any model is built: see above
    fewer_collections()

    with ended_at_once():
        from book.cli import main

        try:
            try:
                with stopping_cleanly(after=signal.SIG_IGN):      # click's own parsing too; ignored once it is done
                    main()
            except KeyboardInterrupt as exc:     # a stop raised as the block ends, after the command let go
                from book.cli.console import interrupted

                print(interrupted(exc), file=sys.stderr)
                sys.exit(130)
        except SystemExit as exc:            # click ends every command so, with its status
            _leave(exc)


def _leave(done: SystemExit) -> NoReturn:
    """End the process with ``done``'s status as Python's own exit would, without tearing the interpreter down.

    What an exit does that anyone sees is done here, in its order: the threads that are not daemons are waited
    for (there are none: when there are, or the status is a message rather than a number, Python's own exit
    runs instead), the standard streams are flushed (when that fails, as on a closed pipe, Python's exit runs,
    and says what it always said), then the functions registered with :mod:`atexit` (the scratch folders'
    sweeps, ``weakref.finalize``) run. The rest of a normal exit frees the objects of the run one at a time
    (pydantic's and the model's, the cache read back) and collects once more: nothing written, nothing shown.
    Every file of ours is written and closed (renamed into place) before the command returns.
    """
    import atexit
    import os
    import sys
    import threading

    status = 0 if done.code is None else done.code
    others = [t for t in threading.enumerate() if t is not threading.main_thread()]
    if not isinstance(status, int) or any(not t.daemon for t in others) or not _flushed():
        raise done
    atexit._run_exitfuncs()      # the documented hook's runner (it prints and skips a failing function, as exit does)
    if not _flushed():
        raise done
    os._exit(status)


def _flushed() -> bool:
    """Whether stdout and stderr took what they hold (not a closed pipe, a closed or missing stream)."""
    import sys

    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        return False
    return True


if __name__ == "__main__":
    launch()
