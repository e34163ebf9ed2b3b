"""Making a saved page safe and bare: no scripts, no handlers, no remote resources, no chrome.

lxml's ``Cleaner`` (the ``lxml_html_clean`` package) is the sanitiser: it
removes scripts, styles, ``on*`` event handlers, ``javascript:`` links, frames,
embedded objects and forms, and keeps only safe attributes. We keep ``class``,
``id`` and a few data attributes, because the engine profiles need them to
find the post and the comments. Chrome (navigation, share bars, cookie banners,
comment forms) is then removed by :mod:`book.sources.chrome`'s rules.
"""

from __future__ import annotations

import lxml.html.defs as defs
from lxml import html as lxml_html
from lxml_html_clean import Cleaner

from book.sources.chrome import is_chrome_element

RAW_TEXT = frozenset({"xmp", "listing", "plaintext", "noembed", "noframes", "noscript", "template", "textarea",
                      "title", "style", "script", "iframe", "math"})
"""Elements whose content the parser keeps as raw text (or that only hold fallbacks): their text is markup
shown as text at best (``<xmp><script>``), so none of it is ever read. The page's ``<title>`` is read
before sanitising."""

_KEEP_ATTRS = frozenset(defs.safe_attrs) | {"data-hook", "data-id", "itemprop", "itemtype", "itemscope",
                                            "datetime", "content", "data-testid", "data-author", "author", "depth", "slot",
                                            # whom a reply answers (``html_thread``'s reply-to attributes)
                                            "data-reply-to-id", "data-reply-to", "data-replyto", "data-in-reply-to",
                                            "data-parent-id", "data-parent",
                                            # a block's left indent, read from its style (``html_thread``)
                                            "data-indent"}

_CLEANER = Cleaner(
    scripts=True, javascript=True, comments=True, style=True, inline_style=True, links=True, meta=True,
    page_structure=False, processing_instructions=True, embedded=True, frames=True, forms=False,
    annoying_tags=True, remove_unknown_tags=False, safe_attrs_only=True, safe_attrs=_KEEP_ATTRS,
    add_nofollow=False,
    kill_tags={"img", "picture", "video", "audio", "source", "track", "svg", "canvas", "map", "noscript",
               "iframe", "frame", "object", "embed", "applet", "template", "button", "select", "textarea",
               "input", "dialog", *RAW_TEXT},
)

_CONTENT_ANCESTORS = {"article"}



def sanitise(doc: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    """Strip everything executable or remote; returns the cleaned document."""
    _drop_comment_forms(doc)
    _open_buttons_unwrapped(doc)
    return _CLEANER.clean_html(doc)


def _open_buttons_unwrapped(doc: lxml_html.HtmlElement) -> None:
    """A ``<button>`` holding the page's main text, its article or its headline was left open by the page
    (a menu button never closed): the parser nests all that follows inside it, and the cleaner, which kills
    buttons, would take the article with it. Such a button loses its tag and keeps its content."""
    for button in list(doc.iter("button")):
        if button.find(".//main") is not None or button.find(".//article") is not None \
                or button.find(".//h1") is not None:
            button.drop_tag()


def _drop_comment_forms(doc: lxml_html.HtmlElement) -> None:
    """A form holding fields and little text is a comment or search form; a page-wide form is kept, and so is
    a form whose only inputs are hidden: the reader can type nothing into it, it only wraps text (old Reddit
    prints each comment's words inside such a form, its id in a hidden input)."""
    for form in list(doc.iter("form")):
        words = len(form.text_content().split())
        if form.xpath(".//textarea|.//select|.//input[not(translate(@type, 'HIDEN', 'hiden') = 'hidden')]") \
                and words < 150:
            _drop(form)
        else:
            form.drop_tag()


def remove_chrome(root: lxml_html.HtmlElement, protect: float | None = None) -> None:
    """Remove navigation, share bars, cookie banners, related posts and the like (in place).

    With ``protect`` (a share, 0.5 say), an element holding more than that
    share of ``root``'s words is never removed, whatever its class: a class
    name cannot outweigh the text (Blogger wraps every post in
    ``div.widget.Blog``; some pages sit whole inside ``div#ad-portal``).
    """
    total = len(root.text_content().split()) if protect is not None else 0
    for element in list(root.iter()):
        if not isinstance(element.tag, str) or element.getparent() is None:
            continue
        if _is_chrome(element):
            if protect is not None and total and len(element.text_content().split()) > protect * total:
                continue
            _drop(element)


def _is_chrome(element: lxml_html.HtmlElement) -> bool:
    tag = element.tag
    classes = (element.get("class") or "").split()
    if tag in {"header", "footer"} and not _inside_content(element):
        return True
    return is_chrome_element(tag, classes, element.get("id") or "", element.get("data-hook") or "",
                             element.get("role") or "")


def _inside_content(element: lxml_html.HtmlElement) -> bool:
    """Headers and footers inside an article or a comment hold its title, author and date."""
    for ancestor in element.iterancestors():
        classes = set((ancestor.get("class") or "").split())
        if ancestor.tag in _CONTENT_ANCESTORS or classes & {"comment", "post", "hentry", "entry", "comment-body"}:
            return True
        if ancestor.tag == "li":
            return True
    return False


def _drop(element: lxml_html.HtmlElement) -> None:
    """Remove an element but keep its tail text (which belongs to the parent)."""
    if element.getparent() is not None:
        element.drop_tree()
