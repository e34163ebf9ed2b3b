"""Raw HTML in the book's Markdown, judged by a sanitiser made for the job (nh3, the Ammonia bindings).

Pandoc carries raw HTML from a chapter into the EPUB as it is. The rule E220
(:func:`book.editorial.rules.check_unsafe_html`) refuses the obvious (scripts, frames,
handlers, ``javascript:``); behind it, every raw tag is passed through nh3 with an
allow-list of harmless formatting elements and attributes, and a tag nh3 would change
(an element or attribute it would drop, a link to a scheme other than http, https or
mailto, an ``<img>``, which Markdown's image syntax replaces) is refused with its place. The book's
text is never rewritten: the editor is told, and decides.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

ALLOWED_TAGS = {
    "a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd",
    "del", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
    "i", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "rp", "rt", "ruby", "s", "samp", "small",
    "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
    "var", "wbr", "section", "aside",
}
COMMON_ATTRIBUTES = {"id", "class", "lang", "title", "dir", "role"}
ATTRIBUTES = {"*": COMMON_ATTRIBUTES, "a": {"href"},
              "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan", "scope"}, "ol": {"start", "type"},
              "time": {"datetime"}, "q": {"cite"}, "blockquote": {"cite"}, "del": {"cite"}, "ins": {"cite"}}
URL_SCHEMES = {"http", "https", "mailto"}

_TAG = re.compile(r"""<(?P<close>/?)(?P<name>[A-Za-z][A-Za-z0-9-]*)(?P<attrs>(?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*/?>""")
_ATTR = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")


def raw_tags(line: str) -> Iterator[re.Match[str]]:
    """Raw HTML tags on a line of Markdown (whose inline code spans the caller has blanked)."""
    return _TAG.finditer(line)


def tag_problem(tag: re.Match[str]) -> str | None:
    """What nh3 would remove from this raw tag, in words; None when it would keep it whole."""
    import nh3

    name = tag.group("name").lower()
    if name == "img":
        return "write images as Markdown, ![alt text](images/file.png), so the book carries and checks them"
    if name not in ALLOWED_TAGS:
        return f"the element <{name}> is not allowed in a book"
    if tag.group("close"):
        return None
    attrs = {m.group(1).lower(): _unquote(m.group(2)) for m in _ATTR.finditer(tag.group("attrs"))}
    kept: dict[str, str] = {}

    def keep(_element: str, attribute: str, value: str) -> str | None:
        kept[attribute] = value
        return value

    void = name in {"br", "hr", "col", "wbr"}
    fragment = tag.group(0) if void else f"{tag.group(0)}x</{name}>"
    nh3.clean(fragment, tags=ALLOWED_TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel=None,
              attribute_filter=keep, strip_comments=True, generic_attribute_prefixes={"aria-"})
    dropped = sorted(set(attrs) - set(kept))
    if dropped:
        shown = ", ".join(f"{a}=\"{attrs[a][:40]}\"" if attrs[a] else a for a in dropped)
        return f"the attribute {shown} is not allowed on <{name}> (links may go to http, https or mailto addresses only)"
    return None


BOOK_ATTRIBUTES = {"source", "unit", "cite", "width", "height"}
"""Attribute keys the book's own Markdown reads: an excerpt's source and unit, a citation, an image's size."""
_PANDOC_PAIR = re.compile(r"""(?:(?<=\{)|(?<=\s))([^\s"'=#.{}][^\s"'={}]*)=("[^"]*"|'[^']*'|[^\s"'{}]*)""")


def attribute_problems(block: str) -> Iterator[tuple[int, str]]:
    """Each key=value of a pandoc attribute block (``{#id .class key="value"}``) nh3 would not keep on
    an element, with its offset in ``block``: pandoc writes the pairs into the EPUB's XHTML as HTML
    attributes (``onclick``, ``style="background: url(https://…)"``), so they are held to the same
    allow-list as raw HTML; the keys the book itself reads are allowed."""
    for pair in _PANDOC_PAIR.finditer(block):
        key, value = pair.group(1), _unquote(pair.group(2))
        if key.lower() in BOOK_ATTRIBUTES and not re.search(r"[<>]|\w+:", value):
            continue
        tag = _TAG.fullmatch(f'<span {key.lower()}="{value.replace(chr(34), "&quot;")}">')
        if tag is None or tag_problem(tag) is not None:
            yield pair.start(1), (f"{key}=\"{value[:40]}\" is not allowed in a book (attributes may be "
                                  f"{', '.join(sorted(COMMON_ATTRIBUTES - {'id', 'class'}))}, and an excerpt's, "
                                  "a citation's and an image's own; addresses only http, https or mailto)")


def _unquote(value: str | None) -> str:
    if value is None:
        return ""
    return value[1:-1] if value[:1] in "\"'" and value[-1:] == value[:1] else value
