"""pandoc's own reading of a Markdown text, for the properties that hold the check's scanners to it."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable, Iterator

from book.render.pandoc import HTML_ARGS
from book.support.tools import pandoc_path


def pandoc_blocks(text: str) -> list[object]:
    """The blocks of pandoc's JSON AST of ``text``, read with the book's own reader settings."""
    source = subprocess.run([pandoc_path(), HTML_ARGS[0], "--to=json"], input=text, capture_output=True,
                            text=True, check=True).stdout
    return json.loads(source)["blocks"]


def elements(node: object, stop: Callable[[dict], bool] = lambda element: False) -> Iterator[dict]:
    """Every element (a ``{"t": …}`` node) under ``node`` in document order, an element before what it
    holds; the inside of an element for which ``stop`` is true is not walked."""
    if isinstance(node, dict):
        if "t" in node:
            yield node
            if stop(node):
                return
        for value in node.values():
            yield from elements(value, stop)
    elif isinstance(node, list):
        for value in node:
            yield from elements(value, stop)
