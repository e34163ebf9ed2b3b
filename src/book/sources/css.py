"""CSS selectors compiled once per process.

``element.cssselect(css)`` translates the selector to XPath on every call (cssselect's
parser, then lxml's compiler): on a page of a hundred comments the readers ask the same
few dozen selectors over a thousand times, and the translation cost more than the
matching (1.1 of 2.8 s CPU on one thread page). The compiled selector is reused here.
"""

from __future__ import annotations

import functools

from lxml import html as lxml_html
from lxml.cssselect import CSSSelector


@functools.lru_cache(maxsize=1024)
def _compiled(css: str) -> CSSSelector:
    return CSSSelector(css, translator="html")


def select(element: lxml_html.HtmlElement, css: str) -> list[lxml_html.HtmlElement]:
    """The elements under (and including) ``element`` that ``css`` matches, as ``element.cssselect`` gives."""
    return _compiled(css)(element)
