"""The COMMAND LINE: a thin Click layer over the pipeline.

``book`` and its commands (:mod:`book.cli.commands`, :mod:`book.cli.sources`) parse
options, build a :class:`~book.context.BuildContext` and call one function each;
:mod:`book.cli.console` prints progress and problems and turns every failure into
one line and an exit status.
"""

from book.cli.commands import main

__all__ = ["main"]
