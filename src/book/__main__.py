"""``python -m book`` and the ``book`` program: the command line, its signals held from the first line.

The command line loads for a while before a command's own guard (``cli.console.run``) holds the signals:
importing it takes a tenth of a second, several on a loaded machine. A SIGTERM then met Python's default
action and ended the process with -15 instead of the documented "interrupted", 130. The handlers of
:func:`book.support.signals.stopping_cleanly` go in here, before anything of the command line is imported
(only the standard library is loaded before them); what is interrupted before a command runs has written
nothing, so saying so and leaving with 130 is all there is to do. The interpreter's own start, before this
module's first line, is the one moment no handler of ours can cover.
"""

from __future__ import annotations

import sys


def launch() -> None:
    """Run the command line with every stopping signal held, from before it is imported to its exit."""
    from book.support.signals import Stopped, stopping_cleanly

    try:
        with stopping_cleanly():
            from book.cli import main

            main()
    except KeyboardInterrupt as exc:       # while the command line loads: no command has started
        print(f"interrupted by {exc.name if isinstance(exc, Stopped) else 'SIGINT'}", file=sys.stderr)
        sys.exit(130)


if __name__ == "__main__":
    launch()
