"""``python -m book`` and the ``book`` program: the command line, its signals held from the first line.

The command line loads for a while before a command's own guard holds the signals: importing it takes a
tenth of a second, several on a loaded machine. A SIGTERM then met Python's default action and ended the
process with -15 instead of the documented "interrupted", 130. :func:`launch` ends the process at once on a
stopping signal (:func:`book.support.signals.ended_at_once`) from before anything of the command line is
imported (only the standard library is loaded before it): what is interrupted before a command runs has
written nothing, so saying so and leaving with 130 is all there is to do. The command group then holds the
signals itself (``cli.commands.WorkflowGroup``). The interpreter's own start, before this module's first
line, is the one moment no handler of ours can cover.
"""

from __future__ import annotations


def launch() -> None:
    """Run the command line with every stopping signal answered, from before it is imported to its exit."""
    from book.support.signals import ended_at_once

    with ended_at_once():
        from book.cli import main
    main()


if __name__ == "__main__":
    launch()
