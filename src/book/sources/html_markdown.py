"""HTML fragments to Markdown: paragraphs, lists, emphasis and block quotes.

Our own small converter rather than a library, because unit text must be the
writers' words and nothing else: links become their text (no URLs, no
``javascript:``), images and media vanish, a ``<br>`` starts a new paragraph
(exactly as a new line does in text captures) and spacing is made canonical.
"""

from __future__ import annotations

import re
from collections import Counter

from lxml import html as lxml_html

from book.sources.clean import escape_markdown_line, fix_text, normalise_line

_BLOCK = {"p", "div", "section", "article", "main", "header", "footer", "figure", "figcaption", "center",
          "dd", "dt", "dl", "address", "body", "html", "td", "th", "tr", "tbody", "thead", "table", "details",
          "summary", "li", "ul", "ol", "blockquote", "pre", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "cite"}
_EMPHASIS = {"em": "*", "i": "*", "strong": "**", "b": "**"}
_SKIP = {"script", "style", "img", "picture", "video", "audio", "iframe", "object", "embed", "svg",
         "noscript", "button", "input", "select", "textarea", "template", "head", "title", "meta", "link"}
_BREAK = "\x00BR\x00"


def spaced_text(element: lxml_html.HtmlElement) -> str:
    """An element's text as a browser lays it out on one line: blocks and ``<br>`` apart.

    ``text_content()`` glues ``<div>By</div><div>Alex</div>`` into "ByAlex", which a
    reader never sees; a space at each block's edges keeps the words apart, while
    inline neighbours (``<b>Al</b>ex``) stay joined as the browser shows them."""
    pieces: list[str] = [element.text or ""]
    stack: list[tuple[lxml_html.HtmlElement, bool]] = [(child, False) for child in reversed(element)]
    while stack:
        node, closing = stack.pop()
        spaced = node.tag in _BLOCK or node.tag == "br" if isinstance(node.tag, str) else False
        if closing:
            pieces.append(" " if spaced else "")
            pieces.append(node.tail or "")
            continue
        pieces.append(" " if spaced else "")
        if isinstance(node.tag, str):
            pieces.append(node.text or "")
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(node))
        else:
            pieces.append(node.tail or "")
    return "".join(pieces)


def to_markdown(element: lxml_html.HtmlElement) -> str:
    """Render an element's content as Markdown paragraphs separated by blank lines."""
    return "\n\n".join(block for block in _blocks(element) if block.strip())


def _blocks(element: lxml_html.HtmlElement) -> list[str]:
    out: list[str] = []
    inline: list[str] = []

    def flush() -> None:
        for piece in "".join(inline).split(_BREAK):
            text = normalise_line(re.sub(r"\s+", " ", piece))
            if text:
                out.append(escape_markdown_line(text))
        inline.clear()

    if element.text:
        inline.append(element.text)
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else None
        if tag is None or tag in _SKIP:
            pass
        elif tag in _BLOCK and (tag != "cite" or _in_quote(child)):
            flush()
            out.extend(_block(child, tag))
        elif tag == "br":
            inline.append(_BREAK)
        else:
            inline.append(_inline(child))
        if child.tail:
            inline.append(child.tail)
    flush()
    return out


def _in_quote(element: lxml_html.HtmlElement) -> bool:
    """A ``<cite>`` in a forum quote ("Mary wrote:") is a line of its own, not inline text."""
    return any(a.tag == "blockquote" for a in element.iterancestors())


def _block(element: lxml_html.HtmlElement, tag: str) -> list[str]:
    if tag in {"ul", "ol"}:
        return [_list(element, ordered=tag == "ol")]
    if tag == "blockquote":
        inner = _blocks(element)
        return ["\n>\n".join("\n".join("> " + line for line in block.split("\n")) for block in inner)] if inner else []
    if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
        text = normalise_line(_inline_children(element).replace(_BREAK, " "))
        return [f"{'#' * int(tag[1])} {text}"] if text else []
    if tag == "pre":
        code = element.text_content().strip("\n")
        return [f"```\n{code}\n```"] if code.strip() else []
    if tag == "hr":
        return []
    if tag == "tr":
        cells = [normalise_line(" ".join(_blocks(cell))) for cell in element if isinstance(cell.tag, str)]
        row = " | ".join(cell for cell in cells if cell)
        return [row] if row else []
    return _blocks(element)


def _list(element: lxml_html.HtmlElement, ordered: bool) -> str:
    items = []
    number = int(element.get("start", "1")) if (element.get("start") or "").isdigit() else 1
    for child in element:
        if not isinstance(child.tag, str) or child.tag in _SKIP:
            continue
        marker = f"{number}. " if ordered else "- "
        number += 1
        blocks = _blocks(child) if child.tag == "li" else _block(child, child.tag)
        if not blocks:
            continue
        pad = " " * len(marker)
        body = "\n".join(blocks[0].split("\n"))
        rest = ["\n".join(pad + line if line else line for line in b.split("\n")) for b in blocks[1:]]
        first = body.replace("\n", "\n" + pad)
        items.append(marker + "\n".join([first] + rest))
    return "\n".join(items)


def _inline(element: lxml_html.HtmlElement) -> str:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _SKIP:
        return ""
    inner = _inline_children(element)
    mark = _EMPHASIS.get(tag)
    if mark and inner.strip():
        lead = inner[: len(inner) - len(inner.lstrip())]
        trail = inner[len(inner.rstrip()):]
        return f"{lead}{mark}{inner.strip()}{mark}{trail}"
    return inner


def _inline_children(element: lxml_html.HtmlElement) -> str:
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            if child.tag == "br":
                parts.append(_BREAK)
            elif child.tag in _BLOCK:
                parts.append(" " + " ".join(_blocks(child)) + " ")
            else:
                parts.append(_inline(child))
        parts.append(child.tail or "")
    return re.sub(r"[ \t\r\n]+", " ", "".join(parts))


def plain_lines(markdown: str) -> list[str]:
    """Markdown back to lines for sign-off and greeting rules (markers stripped)."""
    lines = []
    for line in markdown.split("\n"):
        line = re.sub(r"^(?:>\s?)+", "", line)
        line = re.sub(r"\*{1,2}([^*]+)\*{1,2}", r"\1", line)
        lines.append(line)
    return lines


def element_text(element: lxml_html.HtmlElement | None) -> str:
    """An element's text on one line, its blocks kept apart and its characters repaired."""
    if element is None:
        return ""
    return fix_text(normalise_line(re.sub(r"\s+", " ", spaced_text(element))))


def has_text(element: lxml_html.HtmlElement) -> bool:
    """Whether ``element_text`` would give anything, without laying out and repairing the whole text.

    Asked of every sibling passed while looking for a reply's parent, some of which hold a
    whole thread: the answer is known at the first piece with a visible character.
    """
    return any(_visible(piece) for piece in _pieces(element))


def _pieces(element: lxml_html.HtmlElement):
    """The text pieces ``spaced_text`` joins, in document order (comments' own text left out)."""
    yield element.text or ""
    for node in element.iterdescendants():
        if isinstance(node.tag, str):
            yield node.text or ""
        yield node.tail or ""


def _visible(piece: str) -> bool:
    return bool(piece) and not piece.isspace() and bool(fix_text(piece).strip())


def word_counts(text: str) -> Counter:
    """How often each word occurs, case folded: the bag two readings of a page are compared by."""
    return Counter(re.findall(r"\w+", text.casefold()))

