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

And it collects cyclic garbage less often (:func:`fewer_collections`): a long book is a heap of objects that
live to the end (every chapter's blocks, pandoc's JSON of every document), which Python's default collector
walks again and again as it grows: a fifth of the CPU of ``book check`` on 10,000 short chapters.
"""

from __future__ import annotations


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
            with stopping_cleanly(after=signal.SIG_IGN):      # click's own parsing too; ignored once it is done
                main()
        except KeyboardInterrupt as exc:     # a stop raised as the block ends, after the command let go
            from book.cli.console import interrupted

            print(interrupted(exc), file=sys.stderr)
            sys.exit(130)


if __name__ == "__main__":
    launch()
