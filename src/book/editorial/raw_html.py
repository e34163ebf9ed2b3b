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

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

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
    """Raw HTML tags on a line of Markdown (whose inline code spans the caller has blanked); an escaped
    ``\\<b>`` is the text "<b>", not a tag."""
    return (tag for tag in _TAG.finditer(line) if not escaped(line, tag.start()))


def escaped(text: str, index: int) -> bool:
    """Whether the character at ``index`` is escaped: an odd run of backslashes before it. Pandoc reads
    ``\\<script>`` as the text "<script>" (a source's units escape every ``<`` a writer typed so, and an
    excerpt is copied from them), but ``\\\\<script>`` as a backslash and then a tag."""
    start = index
    while start > 0 and text[start - 1] == "\\":
        start -= 1
    return (index - start) % 2 == 1


def comment_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every HTML comment of ``text`` (code already blanked), ``<!--`` to the first
    ``-->``: pandoc prints nothing of one, so a rule about the words a book prints passes over it. An
    escaped ``\\<!--`` opens none, and one never closed is text (E244 reports it)."""
    spans, position = [], 0
    while (start := text.find("<!--", position)) >= 0:
        if escaped(text, start):
            position = start + 1
            continue
        end = text.find("-->", start + 4)
        if end < 0:
            break                 # no later comment can close either
        spans.append((start, end + 3))
        position = end + 3
    return spans


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

    def within_book(url: str) -> str | None:      # addresses without a scheme: only a place in the book (#id)
        return url if url.startswith("#") else None  # is one; other.html, /etc/passwd went into the EPUB as links

    void = name in {"br", "hr", "col", "wbr"}
    fragment = tag.group(0) if void else f"{tag.group(0)}x</{name}>"
    cleaned = nh3.clean(fragment, tags=ALLOWED_TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel=None,
                        strip_comments=True, generic_attribute_prefixes={"aria-"}, url_relative=within_book)
    left = _TAG.match(cleaned)              # what nh3 kept, read from its output: an attribute is judged by
    kept = {m.group(1).lower() for m in _ATTR.finditer(left.group("attrs"))} if left else set()   # its own name
    dropped = sorted(set(attrs) - kept)
    if dropped:
        shown = ", ".join(f"{a}=\"{attrs[a][:40]}\"" if attrs[a] else a for a in dropped)
        return (f"the attribute {shown} is not allowed on <{name}> (links may go to http, https or mailto addresses, "
                "or to #id within the book)")
    return next((f"the address {attrs[a][:80]!r}: {why}" for a in ("href", "cite")
                 if a in attrs and (why := look_alike_host(html.unescape(attrs[a]))) is not None), None)


def look_alike_host(url: str) -> str | None:
    """Why a web address's host is a look-alike (Greek, Cyrillic and Latin letters mixed, or a name wholly in
    letters that look Latin: ``аррӏе.com``), judged as a source's url is; None for a plain one or no web
    address. A host in ASCII without an ``xn--`` part is passed at once. Markdown links and raw HTML alike."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "") if parts.scheme.lower() in ("http", "https") else ""
    except ValueError:
        return None
    if host.isascii() and "xn--" not in host:
        return None
    from book.sources.clean import look_alike_label, whole_script_look_alike

    if (label := look_alike_label(host) or whole_script_look_alike(host)) is not None:
        return (f"its host name's part {label!r} is written in letters of another alphabet that look like Latin "
                "ones, as look-alike addresses are: give the address the site itself shows")
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


VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                 "track", "wbr"}
"""Elements that have no content and no end tag: ``<br>``, ``<hr/>``."""
_BALANCE = re.compile(r"(?P<comment><!--)|(?P<fence>^[ \t]*:{3,})|" + _TAG.pattern, re.MULTILINE)
_FENCE = re.compile(r"^[ \t]*:{3,}", re.MULTILINE)


@dataclass(frozen=True)
class Imbalance:
    """Where raw HTML stops balancing (an offset into the scanned text), and why, in words."""

    offset: int
    problem: str


def first_imbalance(text: str) -> Imbalance | None:
    """The first raw HTML element of ``text`` (code already blanked) that does not close where it opens.

    Pandoc copies raw tags into its HTML as they are, and the browser's parser pairs them with
    the book's own: a stray ``</div>`` closes the section around it, and the words after it fall
    outside the chapter. So every element opened must be closed, in order, before the next fence
    of a fenced div (the book's sections and excerpts are pandoc divs), and every HTML comment
    closed before it too (a comment that runs over a fence hides the quotation inside). Tags inside
    a comment are text.
    """
    still_open: list[tuple[str, int]] = []
    position = 0
    while (match := _BALANCE.search(text, position)) is not None:
        position = match.end()
        if not match.group("fence") and escaped(text, match.start()):
            continue              # \\<b> and \\<!-- are text
        if match.group("comment"):
            end = text.find("-->", position)
            fence = _FENCE.search(text, position, end if end >= 0 else len(text))
            if end < 0 or fence is not None:
                where = "before the fenced div after it" if fence is not None else "(with -->)"
                return Imbalance(match.start(), f"an HTML comment is not closed {where}: close it within "
                                                "the paragraphs it hides, never around a section or a quotation")
            position = end + 3
            continue
        if match.group("fence"):
            if still_open:
                return _unclosed(still_open[0], "before the fenced div after it")
            continue
        name = match.group("name").lower()
        if name in VOID_ELEMENTS or name not in ALLOWED_TAGS:
            continue              # an element the allow-list refuses is E221's to report
        if not match.group("close"):
            still_open.append((name, match.start()))
        elif still_open and still_open[-1][0] == name:
            still_open.pop()
        elif any(opened == name for opened, _ in still_open):
            return Imbalance(match.start(), f"</{name}> closes <{name}> while <{still_open[-1][0]}> inside it is "
                                            f"still open: close them in the order they open")
        else:
            return Imbalance(match.start(), f"a stray </{name}> with no <{name}> open: it would close the "
                                            "book's own section and leave the words after it outside the chapter")
    return _unclosed(still_open[0], "") if still_open else None


def _unclosed(opened: tuple[str, int], where: str) -> Imbalance:
    name, offset = opened
    return Imbalance(offset, f"<{name}> is not closed{' ' + where if where else ''}: write </{name}> "
                             f"(in HTML, <{name}/> opens an element too)")


_QUOTED_MARKUP = re.compile(r"(?<!\\)(?:<!--|<[?!][A-Za-z\[]|<[A-Za-z][A-Za-z0-9+.-]*:[^\s<>]*>|<[^\s<>@]+@[^\s<>]+>)")


def quoted_markup(text: str) -> Iterator[tuple[int, str]]:
    """Each piece of a quotation's text that pandoc reads as markup, with its offset: a tag, a comment,
    a declaration or an autolink.

    A source's units are Markdown in which every ``<`` a writer typed is escaped (``\\<b>``,
    ``sources.clean.inert_markdown``); verification reads past the backslash, so a quotation
    written ``<b>`` matches, and pandoc then makes it a tag: the quoted characters would vanish
    from the book. (A character reference such as ``&amp;`` means the same in the source's Markdown
    as in the chapter's, so it is left alone.)"""
    for tag in _TAG.finditer(text):
        if tag.start() == 0 or text[tag.start() - 1] != "\\":
            yield tag.start(), tag.group(0)
    for match in _QUOTED_MARKUP.finditer(text):
        yield match.start(), match.group(0)
