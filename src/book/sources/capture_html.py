"""Saved HTML pages: WordPress, Blogger, Squarespace, Wix, phpBB, and others generically.

The page is read once with lxml; metadata comes from ``<meta>``, JSON-LD and
the engine's own markup (read before sanitising, since the cleaner drops
``<script>`` and ``<meta>``). The page is then sanitised, the comments are
taken out of the tree one by one (author, date, body, parent from nesting),
chrome is removed, and what remains of the post body becomes Markdown. When no
engine selector finds the body, trafilatura's main-content heuristics do. The comment
threads are read by ``html_thread``.
"""

from __future__ import annotations

import copy
import json
import re
from collections import Counter
from datetime import date

from lxml import etree
from lxml import html as lxml_html

from rapidfuzz import fuzz

from book.sources import chrome, engines, html_author, metadata, spam
from book.sources.capture import Capture, RawUnit
from book.sources.clean import (TITLE_SEPARATOR, TITLE_TAG_SEPARATOR, escape_markdown_line, fix_text, normalise_line,
                                title_parts, web_url)
from book.sources.css import select
from book.sources.forum_html import forum_thread, mark_before_sanitising, read_by_posts
from book.sources.dates import MONTH_WORD, find_date, is_date_line, reading_languages
from book.sources.html_clean import remove_chrome, sanitise
from book.sources.html_markdown import element_text, plain_lines, to_markdown, word_counts
from book.sources.html_thread import (comment_body, consistent_authors, conventional_classes, declared_comments, detach,
                                      forget_detected, element_date, emit_comments,
                                      expected_comments, find_comments, keep_avatar_names, keep_indents,
                                      keep_reply_targets, nesting, read_comment, reading_thread,
                                      repeated_blocks, shown_messages, thread_run)
from book.sources.names import clean_name
from book.sources.text_header import meta_line
from book.sources.text_lines import folded_words


class HtmlError(ValueError):
    """The file cannot be read as an HTML page."""


def looks_like_html(text: str, named_text: bool = False) -> bool:
    """A capture is HTML when it starts like a document or is dense with block tags.

    A file named ``.txt`` is a copy of what a page shows, and a blog post about web pages shows
    tags in its code samples: there, tags make it HTML only when the file opens with one."""
    head = text[:4096].lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")):
        return True
    if named_text and not head.startswith("<"):
        return False
    return len(re.findall(r"<(?:p|div|body|head|article|li|span|a)\b", text[:65536], re.IGNORECASE)) >= 5


def parse_html(text: str) -> Capture:
    """Parse a saved page into a :class:`Capture`."""
    text = _opened_root(text)
    if _CROWDED_TAG.search(text):
        raise HtmlError(f"an element has more than {MAX_ATTRIBUTES:,} attributes: no page's markup holds so many, "
                        "and reading them would take minutes")
    try:
        doc = lxml_html.document_fromstring(text.encode("utf-8"), parser=_parser())
    except (etree.ParserError, ValueError) as exc:
        raise HtmlError(f"cannot parse the HTML ({exc})") from None
    meta = _metadata(doc)
    page_meta = metadata.read(text, doc)
    with reading_languages(metadata.date_languages(page_meta)), reading_thread():
        return _parse(text, doc, meta, page_meta)


MAX_ATTRIBUTES = 1_000
"""Attributes one element may have. The HTML parser checks each new attribute against all before it, so
100,000 on one element took minutes; a real element has a few (a dozen data-* at most)."""
_CROWDED_TAG = re.compile(r"<[A-Za-z][^\s<>/]*(?:\s+[^\s=<>/\"']+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s<>\"']+))?)"
                          rf"{{{MAX_ATTRIBUTES + 1}}}")
MAX_INLINE_CHILDREN = 2_000
"""Links, emphasis and other inline elements directly in one element, beyond which trafilatura's readings are
left out: its extraction is quadratic in them (20,000 links in one paragraph took 100 s a reading)."""

_ROOT_TAG = re.compile(r"<html\b[^>]*>", re.IGNORECASE)


def _opened_root(text: str) -> str:
    """The page with its ``<html …/>`` tag opened: XHTML written as HTML closes the root on its first tag, and
    the HTML parser then keeps an empty document, the whole page lost (title, post and thread)."""
    root = _ROOT_TAG.search(text, 0, 65536)
    if root is None or not root.group(0).endswith("/>"):
        return text
    return f"{text[:root.start()]}{root.group(0)[:-2].rstrip()}>{text[root.end():]}"


def _parse(text: str, doc, meta: dict[str, str], page_meta: metadata.PageMetadata) -> Capture:
    reference = _whole_page_reading(text, doc)
    profile = engines.with_comment_system(doc, engines.detect(doc, text))
    _noscript_page(doc)
    _quotes_kept(doc)
    saved = doc                                   # as saved, scripts and meta tags kept (sanitise copies)
    keep_avatar_names(doc)
    keep_indents(doc)
    keep_reply_targets(doc)
    mark_before_sanitising(doc)
    doc = sanitise(doc)
    _drop_hidden_labels(doc)
    conventional_classes(doc)
    cap = Capture(engine=profile.name)
    comment_elements = find_comments(doc, profile)
    if not (profile.first_post_is_post and comment_elements and select(doc, profile.comments)) \
            and not (declared_comments(comment_elements) and not profile.first_post_is_post) \
            and (forum := forum_thread(doc, profile, reference)) is not None \
            and len(messages := find_comments(doc, forum)) >= len(comment_elements) \
            and not _boxes_comments(messages, comment_elements):
        profile, comment_elements = forum, messages   # a forum's numbered posts, whatever software printed them
    run = thread_run(doc) if len(comment_elements) <= 2 else []
    if run and (detected := repeated_blocks(doc, profile, reference, run)) is not None \
            and len(blocks := find_comments(doc, detected)) > len(comment_elements) \
            and (not comment_elements or any(found in block.iterancestors() for block in blocks
                                             for found in comment_elements)):
        profile = detected                        # no markup we know: repeated blocks with a name, a date and text
        comment_elements = blocks                 # (or inside the "comment" that was the thread's box)
    elif not profile.name.endswith("+repeated-blocks"):
        forget_detected(doc)
    cap.expected_comments = expected_comments(doc)
    shown = shown_messages(run) - (1 if profile.first_post_is_post else 0)
    first_post = comment_elements.pop(0) if profile.first_post_is_post and comment_elements else None
    _read_post_metadata(doc, profile, meta, page_meta, cap, exclude=comment_elements, first_post=first_post)
    cap.author_unprinted = bool(cap.author) and cap.author_how in _STRUCTURED + ("opengraph", "meta") \
        and not _prints(saved, cap.author)
    languages = metadata.date_languages(page_meta)
    comments = [read_comment(el, profile, comment_elements, languages) for el in comment_elements]
    consistent_authors(comment_elements, comments)
    parents = nesting(comment_elements)
    detach(comment_elements, doc)
    _not_a_comments_date(saved, doc, profile, comments, languages, cap)
    body_markdown = _read_body(doc, profile, first_post, cap)
    post_markdown = _filter_post(body_markdown, cap)
    cap.units.append(RawUnit("post", post_markdown, plain_lines(post_markdown)))
    emit_comments(comments, parents, cap)
    _shown_but_unread(shown, cap)
    if not comments and page_meta.comments:
        _structured_comments(page_meta.comments, cap)
    if not read_by_posts(profile):             # the numbered posts' reader found the first message itself
        _second_reading(reference, cap)
    if first_post is None:
        _first_message_as_post(cap)
    _article_in_thread(reference, cap)
    if cap.post is None or cap.post.text != post_markdown or len(cap.units) > 1:
        cap.post_doubt = None          # the first reading's doubt: another replaced it (S320), or a thread's page,
                                       # whose unread answers and sidebars are not the article's paragraphs
    return cap


def _boxes_comments(messages: list, comments: list) -> bool:
    """Whether a "message" of a forum reading holds two of the comments the page's comment markup marks: that
    reading took the article and the box of its thread (a block theme's two groups) for two messages."""
    found = set(comments)
    return any(sum(1 for el in message.iter() if el in found) >= 2 for message in messages)


def _shown_but_unread(shown: int, cap: Capture) -> None:
    """A page with no counter whose repeated, signed and dated blocks show more messages than were read (under
    two in three of them): the S304 check compares the thread with what the page shows, not only with a counter."""
    read = sum(1 for unit in cap.units if unit.kind != "post")
    if shown and read < 2 * shown / 3:
        cap.expected_comments = max(cap.expected_comments or 0, shown)


def _first_message_as_post(cap: Capture) -> None:
    """A post that is the first comment again, or the whole thread (the page's reading found no article
    outside the thread, only its messages), is a forum thread: that message becomes the post, its writer and date the
    post's when the page named none, the replies to it answer the post."""
    post = cap.post
    if post is None or len(cap.units) < 2 or cap.units[1].kind != "comment" or cap.units[1].parent is not None:
        return
    first = cap.units[1]
    theirs, ours = word_counts(first.text), word_counts(post.text)
    thread = sum((word_counts(unit.text) for unit in cap.units[1:]), Counter())
    if sum(theirs.values()) < 10 or _f1(ours, theirs) < 0.8 and not (
            sum((ours & theirs).values()) >= 0.8 * sum(theirs.values())
            and sum((ours & thread).values()) >= 0.6 * sum(thread.values())
            and _prints_opening(post.text, first.text)) and not _opened_by_poster(post.text, first, cap):
        return
    post.text, post.lines = first.text, first.lines
    if cap.author is None and first.author:
        cap.author, cap.author_how = first.author, "byline"
    if cap.published is None and first.date:
        cap.published, cap.published_how = first.date, ("visible",)
    _remove_unit(cap, 1)


def _article_in_thread(reference: str, cap: Capture) -> None:
    """A "comment" that is the page's article, under a post that is a sliver beside it (a table of contents or a
    teaser in a column of its own, read as the first message of a thread): that comment becomes the post. The
    whole page's reading settles it: the comment is that reading (word F1 0.8 or more) and the reading leaves the
    post out, which holds under a tenth of the comment's words and no sentence (a forum's short question above a
    long answer stays the post). Replies to it answer the post; the old post is listed as dropped."""
    post = cap.post
    if post is None or len(cap.units) < 2:
        return
    theirs = word_counts(reference)
    if theirs.total() < 100:
        return
    ours = word_counts(post.text)
    index = next((k for k, unit in enumerate(cap.units[1:], 1) if unit.parent is None
                  and ours.total() < 0.1 * len(unit.text.split()) and _f1(word_counts(unit.text), theirs) >= 0.8),
                 None)
    if index is None or (ours & (theirs - word_counts(cap.units[index].text))).total() >= ours.total() / 2:
        return       # the reading holds the post too: a short question above its long answer, both the thread's
    if _has_sentence(post.text):
        return       # a forum's question, however short, above a long answer the reading took alone
    article = cap.units[index]
    if post.text.strip():
        cap.drop("not the article: a short block above the article, which the page's markup set as a thread's "
                 "first message", post.text)
    post.text, post.lines = article.text, article.lines
    if cap.author is None and article.author:
        cap.author, cap.author_how = article.author, article.author_how or "byline"
    if cap.published is None and article.date:
        cap.published, cap.published_how = article.date, ("visible",)
    _remove_unit(cap, index)


def _has_sentence(text: str) -> bool:
    """Whether a text holds a sentence (six words or more ending in a full stop, "!" or "?"): a question or a
    message does, a table of contents, a menu or a list of headings does not."""
    return any(len(piece.split()) >= 6 and piece.rstrip().endswith((".", "!", "?"))
               for line in text.splitlines() for piece in re.split(r"(?<=[.!?])\s+", line))


def _remove_unit(cap: Capture, index: int) -> None:
    """Take out unit ``index``, whose text became the post's: its replies answer the post, later indexes shift."""
    del cap.units[index]
    for unit in cap.units[1:]:
        if unit.parent is not None:
            unit.parent = None if unit.parent == index else unit.parent - (unit.parent > index)


def _opened_by_poster(post: str, first, cap: Capture) -> bool:
    """Whether the thread opens with a message by the page's named writer while the page's reading holds no
    prose of its own (a topic list, menus): a forum topic whose messages the page declares as comments
    (Invision's ``schema.org/Comment``), the first its opening post. A blog's thread opened by its writer
    follows an article."""
    if not (cap.author and first.author and cap.author.casefold() == first.author.casefold()):
        return False
    prose = sum(len(line.split()) for line in post.splitlines()
                if len(line.split()) >= 6 and not re.match(r"\s*(?:[-*+]|\d+\.|#+)\s", line))
    return prose < 30 <= len(first.text.split())


def _prints_opening(post: str, message: str) -> bool:
    """Whether the post prints the message's first words in their order: a post that is the whole thread does,
    a long article holding most of its thread's words one by one ("the", "food", "OKC") does not."""
    opening = " ".join(re.findall(r"\w+", message.casefold())[:12])
    return bool(opening) and opening in folded_words(post)


def _whole_page_reading(text: str, doc) -> str:
    """trafilatura's reading of the whole page as it was saved (Markdown), a second opinion on the post."""
    import trafilatura

    if crowded(doc):
        return ""

    try:
        extracted = trafilatura.extract(text, output_format="markdown", include_comments=False,
                                        include_formatting=True, include_links=False, include_images=False,
                                        include_tables=True)
    except Exception:  # a second opinion must never break an import
        return ""
    return _tidy_extracted(fix_text(extracted)) if extracted else ""


def _second_reading(reference: str, cap: Capture) -> None:
    """Check the post against trafilatura's reading of the whole page, as it was saved.

    The post comes from the engine's markup after the comments were taken out; a wrong
    turn there (a teaser matched as the body, the article taken for a comment) loses the
    post in silence. When the two readings share less than half of their words and the
    second one is not the thread itself, the second is kept and the capture says so.
    """
    post = cap.post
    comments = [(counts, counts.total()) for counts in (word_counts(unit.text) for unit in cap.units[1:])]
    theirs: Counter = Counter()
    for block in reference.split("\n\n"):          # the paragraphs of the thread set aside
        words = word_counts(block)
        if words and not any(_held_in(words, c, total) for c, total in comments):
            theirs.update(words)
    if post is None or sum(theirs.values()) < 50:
        return
    ours = word_counts(post.text)
    score = _f1(ours, theirs)
    if score >= 0.5 or _extends(ours, theirs, cap):
        return
    markdown = _filter_post(_before_thread(reference, cap, comments), cap)
    post.text, post.lines = markdown, plain_lines(markdown)
    cap.post_disagreement = score
    cap.engine = f"{cap.engine}+trafilatura" if cap.engine and "trafilatura" not in cap.engine else cap.engine


def _extends(ours: Counter, theirs: Counter, cap: Capture) -> bool:
    """Whether the post is trafilatura's own reading of the page without its thread (its gaps filled,
    :func:`_gaps_filled`) and holds 80% or more of the whole page's reading: the two readings agree on the
    article, the post only reads more of it (the whole page's reading stopped at a box of links, or kept only the
    article's opening), so the shorter one is no second opinion against it."""
    return "trafilatura" in (cap.engine or "") and sum((ours & theirs).values()) >= 0.8 * theirs.total()


def _before_thread(reference: str, cap: Capture, comments: list) -> str:
    """trafilatura's reading up to where the thread starts in it: its first paragraph the first comment holds, and the
    short header lines before it that name that comment's writer ("Reply 1 - Posted by: NAME DATE"). The whole
    reading when the thread is not in it, or when too little (under 50 words) stands before it."""
    if not comments:
        return reference
    blocks, (counts, total) = reference.split("\n\n"), comments[0]
    start = next((i for i, block in enumerate(blocks) if (words := word_counts(block)).total() >= 3
                  and _held_in(words, counts, total)), None)   # the first comment's, not a title another quotes
    if start is None:
        return reference
    first = cap.units[1]
    while start and first is not None and first.author and first.author in blocks[start - 1] \
            and len(blocks[start - 1].split()) <= 20:
        start -= 1
    kept = "\n\n".join(blocks[:start]).strip()
    return kept if len(kept.split()) >= 50 else reference


def _held_in(words: Counter, comment: Counter, comment_total: int) -> bool:
    """Whether at least 60% of a paragraph's words are a comment's (counted with repeats).

    Asked for every paragraph against every comment: a comment shorter than 60% of the
    paragraph cannot hold it, and the count of shared words needs no new ``Counter``.
    """
    need = 0.6 * words.total()
    return comment_total >= need and sum(min(n, comment.get(w, 0)) for w, n in words.items()) >= need


def _f1(ours: Counter, theirs: Counter) -> float:
    common = sum((ours & theirs).values())
    if not common:
        return 0.0
    precision, recall = common / sum(ours.values()), common / sum(theirs.values())
    return 2 * precision * recall / (precision + recall)


def _noscript_page(doc) -> None:
    """A page whose text is mostly inside ``<noscript>`` (Discourse's crawler view: the topic and every
    reply, which its script replaces) shows that text to a reader without scripts, as a saved page is
    read: the fallback is unwrapped, where sanitising would drop every ``noscript``. A fallback beside the
    page's own text (a tracking pixel, "enable JavaScript", a copy of a rendered thread) stays dropped. The
    page's text is counted without its scripts' (Flarum's page carries its posts again as a script's data)."""
    body = doc.body
    if body is None:
        return
    total = len(body.text_content().split()) - sum(len((script.text or "").split())
                                                   for script in body.iter("script", "style", "template"))
    for fallback in list(body.iter("noscript")):
        words = len(fallback.text_content().split())
        if words >= 50 and words > total / 2 and fallback.getparent() is not None:
            fallback.drop_tag()


def _quotes_kept(doc) -> None:
    """A quotation a forum sets in an ``<aside>`` (Discourse: ``aside.quote`` with "NAME:" over a
    blockquote) is part of the reply, not the page's chrome: it becomes a blockquote that says whom it
    quotes ("NAME wrote:", as phpBB writes it), so the reply keeps it and answers that writer."""
    for aside in list(doc.iter("aside")):
        quote = aside.find(".//blockquote")
        if quote is None or aside.getparent() is None:
            continue
        title = next((el for el in aside.iter() if isinstance(el.tag, str) and el is not quote
                      and quote not in el.iterancestors() and "title" in (el.get("class") or "").split()), None)
        name = clean_name(element_text(title).rstrip(":")) if title is not None else None
        kept = lxml_html.Element("blockquote")
        inner = etree.SubElement(kept, "div")
        if name:
            etree.SubElement(inner, "cite").text = f"{name} wrote:"
        inner.append(quote)
        quote.tag = "div"
        kept.tail = aside.tail
        aside.getparent().replace(aside, kept)


def _structured_comments(found: list[metadata.StructuredComment], cap: Capture) -> None:
    """No comment in the markup, but the page states its comments in JSON-LD (schema.org ``Comment``): read those."""
    index_of: dict[int, int] = {}
    for k, comment in enumerate(found):
        text = fix_text(comment.text)
        markdown = "\n\n".join(escape_markdown_line(" ".join(p.split())) for p in re.split(r"\n\s*\n", text) if p.strip())
        reason = spam.spam_reason(markdown, comment.author)
        if reason:
            cap.drop(reason, markdown)
            continue
        unit = RawUnit("comment", markdown, plain_lines(markdown), author=clean_name(comment.author),
                       parent=index_of.get(comment.parent) if comment.parent is not None else None, date=comment.date)
        unit.author_how = "json-ld" if unit.author else None
        cap.units.append(unit)
        index_of[k] = len(cap.units) - 1


def _parser() -> lxml_html.HTMLParser:
    return lxml_html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True)


# ------------------------------------------------------------------ metadata

def _metadata(doc: lxml_html.HtmlElement) -> dict[str, str]:
    """What ``<meta>``, ``<link rel=canonical>``, ``<title>`` and JSON-LD say about the page."""
    out: dict[str, str] = {}
    contents: dict[tuple[str, str], str] = {}       # (attribute, name) -> the first such tag's content: one walk
    for tag in doc.iter("meta"):
        for attr in ("property", "name", "itemprop"):
            if tag.get(attr) is not None and tag.get("content") is not None:
                contents.setdefault((attr, tag.get(attr)), tag.get("content"))

    def meta(*names: str) -> str | None:
        for name in names:
            for attr in ("property", "name", "itemprop"):
                value = contents.get((attr, name), "").strip()
                if value:
                    return value
        return None

    for key, names in {
        "title": ("og:title", "twitter:title"),
        "site": ("og:site_name", "application-name"),
        "author": ("author", "article:author", "twitter:creator", "dc.creator"),
        "published": ("article:published_time", "datePublished", "dc.date", "date", "pubdate"),
        "url": ("og:url",),
    }.items():
        value = meta(*names)
        if value and not (key == "author" and value.startswith(("http://", "https://", "@"))):
            out[key] = value
    canonical = doc.xpath("//link[@rel='canonical']/@href")
    if canonical:
        out.setdefault("url", canonical[0].strip())
    title = doc.find(".//title")
    if title is not None and title.text_content().strip():
        out["html_title"] = normalise_line(title.text_content())
    for key, value in _json_ld(doc).items():
        out.setdefault(key, value)
    return out


def _json_ld(doc: lxml_html.HtmlElement) -> dict[str, str]:
    out: dict[str, str] = {}
    for script in doc.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text_content() or "null")
        except (ValueError, RecursionError):
            continue
        items = data if isinstance(data, list) else [data]
        items = [x for item in items if isinstance(item, dict) for x in (item.get("@graph") or [item])]
        for item in items:
            if not isinstance(item, dict):
                continue
            kind = item.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if not any(k in {"BlogPosting", "Article", "NewsArticle", "SocialMediaPosting",
                             "DiscussionForumPosting", "Posting"} for k in kinds):
                continue
            if isinstance(item.get("headline"), str):
                out.setdefault("title", item["headline"])
            author = item.get("author")
            author = author[0] if isinstance(author, list) and author else author
            name = author.get("name") if isinstance(author, dict) else author
            if isinstance(name, str) and name.strip():
                out.setdefault("author", name.strip())
            if isinstance(item.get("datePublished"), str):
                out.setdefault("published", item["datePublished"])
            publisher = item.get("publisher")
            if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
                out.setdefault("site", publisher["name"])
    return out


def _first(root: lxml_html.HtmlElement, selector: str, exclude: list[lxml_html.HtmlElement] | None = None):
    """The first element matching ``selector`` that is not inside an excluded element.

    The comma-separated alternatives are tried in order (most specific first),
    not in document order: a theme's ``.entry-title`` beats a banner's ``h1``.
    """
    excluded = {id(el) for el in exclude or ()}
    for alternative in selector.split(","):
        for element in select(root, alternative.strip()):
            if id(element) in excluded or any(id(a) in excluded for a in element.iterancestors()):
                continue
            return element
    return None


def _read_post_metadata(doc, profile, meta, page_meta: metadata.PageMetadata, cap: Capture, exclude,
                        first_post) -> None:
    """Title, author and date: the structured data and the visible page agree, or the structured data wins."""
    scope = first_post if first_post is not None else doc
    title_el = _choose_title(doc, profile, page_meta, exclude)
    structured = page_meta.first("titles", *_STRUCTURED) or page_meta.first("titles", "opengraph", "meta")
    if structured is None and (tagged := _title_in_title_tag(doc, meta.get("html_title"), exclude)) is not None:
        html_title = " ".join((meta.get("html_title") or "").split()).casefold()
        shown = " ".join(element_text(title_el).split()).casefold() if title_el is not None else ""
        if title_el is None or (shown in html_title and _site_heading(title_el)):
            title_el = tagged      # the heading a profile found is the other part of <title>: the site's name
    if title_el is not None:
        cap.title = _inner_title(title_el, page_meta)
    elif structured is not None:
        cap.title = _strip_site(structured.value, meta.get("site"))
    else:
        cap.title = _strip_site(meta.get("html_title"), meta.get("site"))
    author_el = _byline_element(scope, profile, exclude, headline=title_el)
    byline = clean_name(_without_categories(author_el)) if author_el is not None else None
    if byline is None and title_el is not None and first_post is None:
        author_el, byline = _byline_text(title_el, exclude)
    marked = byline is not None     # by a byline's own markup or words by the headline, not a last resort
    if byline is None:
        author_el, byline = _labelled_byline(scope, exclude)
    if byline is None and (author_el := _byline_element(scope, profile, exclude, loose=True)) is not None:
        byline = clean_name(element_text(author_el))
    if byline is None:
        author_el, byline = _written_by(scope, exclude)
    if byline is None and title_el is not None and first_post is None:
        author_el, byline = _dated_name_under(title_el, exclude)
    for headline in ([title_el] if title_el is not None else list(doc.iter("h1"))[:3]):
        if byline is None and first_post is None:
            author_el, byline = _handle_by_headline(headline, exclude)
    byline_how = "byline"
    if byline is None and (slug := _author_page_name(scope, exclude)) is not None:
        byline, byline_how = slug, "author page address"
    linked = _author_link(scope, exclude, title_el if first_post is None else None)
    byline_by_headline = _by_headline(author_el, title_el)
    languages = metadata.date_languages(page_meta)
    near_date = _date_near(title_el, exclude, languages) if title_el is not None and first_post is None else None
    if title_el is not None and profile.first_post_is_post is False:
        title_el.drop_tree()
    raw_byline = byline
    found = page_meta.first("authors", *_STRUCTURED)
    tagged = page_meta.first("authors", "opengraph", "meta")
    if found is not None and found.organization and (byline or (tagged is not None and _shown(doc, tagged.value))):
        found = None    # schema.org names the publisher ("National Geographic"); the page shows a writer
    if found is not None and first_post is not None and byline and found.value.casefold() != byline.casefold():
        found = None    # a topic's first message shows its writer; Kunena's JSON-LD names the last replier
    found, tagged = (None if f is not None and _publisher(f.value) else f for f in (found, tagged))
    byline = None if byline and _publisher(byline) else byline
    if found is not None and byline and byline_how == "byline" and _LOGIN.fullmatch(found.value) \
            and not _LOGIN.fullmatch(byline):
        found = None    # "andrew.keaveney": the CMS's login for the account, where the page prints a writer's name
    if byline and marked and not _names_site(byline, page_meta, meta):
        found, tagged = (None if f is not None and _names_site(f.value, page_meta, meta)
                         and not _shares_a_word(f.value, byline) else f for f in (found, tagged))
    if found is not None:
        cap.author, cap.author_how = found.value, found.how
    elif byline and not _meta_author_confirmed(doc, tagged, byline):
        cap.author, cap.author_how = byline, byline_how
    elif tagged is not None and _shown(doc, tagged.value):
        cap.author, cap.author_how = tagged.value, tagged.how
    _weigh_authors(doc, page_meta, meta, cap, (raw_byline, byline_how, marked, byline_by_headline), linked)
    cap.author_is_site = bool(cap.author) and not byline and cap.author_how in _STRUCTURED + ("opengraph", "meta") \
        and _names_site(cap.author, page_meta, meta)
    if cap.author and cap.author.isupper():    # "JEFFREY GETTLEMAN": the same name as another source writes it
        cap.author = next((f.value for f in page_meta.authors if f.value.casefold() == cap.author.casefold()
                           and not f.value.isupper()), cap.author)
    date_el = _first(scope, profile.date, exclude)
    cap.published, cap.published_how = _choose_date(page_meta, near_date or element_date(date_el, languages))
    if cap.published and page_meta.first("dates", *_STRUCTURED) is None and date_el is not None \
            and (shown := find_date(element_text(date_el))) is not None and shown.ambiguous:
        cap.published, cap.published_how = None, ()     # the page prints "04-12-2012": a guess from elsewhere would be presented as fact
    site = page_meta.first("sites")
    cap.site = (site.value if site else None) or meta.get("site") or _site_from_title(meta.get("html_title"), cap.title)
    candidates = [found.value for found in page_meta.urls] + [meta.get("url")]
    cap.url = next((u for u in candidates if u and web_url(u)), None)
    cap.rejected_urls = list(dict.fromkeys(u for u in candidates if u and not web_url(u)))
    if author_el is not None and profile.first_post_is_post is False and _is_small(author_el):
        byline_box = next((a for a in list(author_el.iterancestors())[:3]
                           if re.search(r"\b(?:byline|entry-meta|post-meta|article-meta)\b", a.get("class") or "")
                           and _is_small(a)), None)
        (byline_box if byline_box is not None else author_el).drop_tree()   # "By NAME · DATE": metadata


def _weigh_authors(doc, page_meta: metadata.PageMetadata, meta: dict[str, str], cap: Capture, byline_found,
                   linked: tuple[str | None, bool]) -> None:
    """The post's author chosen among every name the page gives and nobody by fitted weights, the hand rules'
    choice (already in ``cap``) one feature of it (:mod:`book.sources.html_author`); a choice less likely than
    not is doubted (``S327``). A legal body ("Valley Media GmbH") is no witness, nor a meta tag's or OpenGraph's
    name the page never shows (a site-wide default, a former editor): WCXB's truth, taken partly from the
    metadata, would teach the fit to trust them, and the page cannot confirm them."""
    byline, byline_how, marked, byline_by_headline = byline_found
    witnesses = [html_author.Witness(f.value, f.how, f.organization) for f in page_meta.authors
                 if not _publisher(f.value) and (f.how in _STRUCTURED or _shown(doc, f.value))]
    if byline and not _publisher(byline):
        witnesses.append(html_author.Witness(byline, byline_how))
    if linked[0]:
        witnesses.append(html_author.Witness(linked[0], "author link"))
    body = doc.find("body")
    page = html_author.Page(sites=tuple(_site_names(page_meta, meta)),
                            visible=html_author.key(" ".join(body.itertext())) if body is not None else "",
                            byline_marked=marked, byline_by_headline=byline_by_headline, link_by_headline=linked[1],
                            rules=cap.author)
    choice, share = html_author.choose(html_author.candidates(witnesses, page))
    cap.author, cap.author_how = choice.value, choice.how
    if choice.value is not None and share < html_author.DOUBT_BELOW:
        cap.author_doubt = f"the page's sources disagree on who wrote it, and this name has a chance of {share:.0%}"


def _by_headline(author_el, title_el) -> bool:
    """The byline element stands in one of the headline's three nearest boxes (a story's own byline, not a
    teaser's or the author box under the text)."""
    if author_el is None or title_el is None:
        return False
    return any(box in set(author_el.iterancestors()) for box in list(title_el.iterancestors())[:3])


_UPDATE_DAYS = 7
"""Days between schema.org's date and htmldate's beyond which the structured one may be an update's."""

_DATE_CLASS = re.compile(r"date|time|publish|posted|byline|dateline|meta", re.IGNORECASE)


# A legal form closing a name ("Hanns-Seidel-Stiftung e.V.", "Acme GmbH", "Foo Media Ltd."): a body, not a writer.
_LEGAL_FORM = re.compile(r"\s(?:e\.\s?V\.|g?GmbH|AG|KG|Inc\.?|Ltd\.?|LLC|LLP|PLC|S\.A\.|SARL|S\.r\.l\.|B\.V\.|"
                         r"N\.V\.|Corp\.?|Co\.)$")


def _publisher(name: str) -> bool:
    """A byline that names a legal body, not a writer: a name closing with a legal form. (The site's own name
    is no test: a personal site is named after its writer, and a paper's desk may sign as the paper.)"""
    return bool(_LEGAL_FORM.search(name))


def _date_near(title_el, exclude, languages: list[str]) -> str | None:
    """A date printed beside the headline in an element no theme list knows ("Published 7:07 PM EST
    Nov. 19, 2019" in ``span.asset-metabar-time``): the first small element around the headline whose
    class speaks of a date, a time or a byline and whose text holds a whole date."""
    excluded = {id(el) for el in exclude or ()}
    for container in list(title_el.iterancestors())[:3]:
        for element in container.iter():
            if not isinstance(element.tag, str) or element is title_el or id(element) in excluded \
                    or not _DATE_CLASS.search(element.get("class") or "") or not _is_small(element):
                continue
            if any(id(a) in excluded for a in element.iterancestors()):
                continue
            if (found := element_date(element, languages)) is not None:
                return found
    return None


def _meta_author_confirmed(doc, found: metadata.Found | None, byline: str) -> bool:
    """The meta tags name someone the byline found does not, and the page shows that name: the byline
    element was the wrong one ("on Deadspin", a related story's writer: "Ohans Emmanuel" for "Emmanuel John").
    One name's words all in the other's ("Gettleman, Jeffrey", "Jane Doe, Reporter") are the same writer's."""
    if found is None:
        return False
    stated, shown = (set(re.findall(r"\w+", name.casefold())) for name in (found.value, byline))
    if stated <= shown or shown <= stated:
        return False
    return _shown(doc, found.value)


def _shares_a_word(a: str, b: str) -> bool:
    """Two names with a word in common: the same writer ("Gabriel Gonzalez", whose blog bears his name)."""
    return bool(set(re.findall(r"\w+", a.casefold())) & set(re.findall(r"\w+", b.casefold())))


_LOGIN = re.compile(r"[a-z0-9]+(?:[._-][a-z0-9]+)+")


def _names_site(name: str, page_meta: metadata.PageMetadata, meta: dict[str, str]) -> bool:
    """The name is the site's own (its OpenGraph or publisher name, a part of ``<title>`` after the headline's
    separator, its web address's host): "Cleveland Clinic", "USA TODAY", "paperium.net" as the author of a
    page that prints its writer's byline credit the outlet, not the writer."""
    key = folded_words(name)
    return bool(key) and any(key == folded_words(site) for site in _site_names(page_meta, meta) if site)


def _site_names(page_meta: metadata.PageMetadata, meta: dict[str, str]) -> list[str]:
    """The site's own names: its OpenGraph or publisher name, the parts of ``<title>`` after the headline's
    separator, its web address's host."""
    from urllib.parse import urlsplit

    sites = [f.value for f in page_meta.sites] + [meta.get("site") or ""]
    sites += title_parts(meta.get("html_title") or "")[1:]
    for address in [f.value for f in page_meta.urls] + [meta.get("url") or ""]:
        host = urlsplit(address).hostname or ""
        sites += [host, host.removeprefix("www.")]
    return sites


def _prints(saved, name: str) -> bool:
    """The page as saved prints, outside its scripts, the words of the name in order (case, punctuation and
    spacing aside); of several names or a name and its titles ("Genevieve Carlton, Ph.D."), the first.
    (Read before sanitising: a byline may be a button that opens the writer's card.)"""
    first = re.split(r",|;|&|\s+and\s+", name, maxsplit=1)[0]
    wanted = folded_words(first)
    if not wanted:
        return False
    texts = saved.xpath("//body//text()[not(ancestor::script or ancestor::style or ancestor::template)]")
    printed = folded_words(" ".join(texts))    # blocks not glued
    return f" {wanted} " in f" {printed} "


def _shown(doc, name: str) -> bool:
    """The page's visible text shows this name."""
    body = doc.find("body")
    return body is not None and name.casefold() in " ".join(body.text_content().split()).casefold()


_STRUCTURED = ("json-ld", "microdata", "microformat")
_BYLINES = ("a[rel='author'], .byline .author, .post-author-name, .author-name, .byline-name, .entry-author, "
            ".post-author, .p-author, [itemprop='author'], .byline, .author, .submitted .username, "
            "[rel='sioc:has_creator'] [property='foaf:name']")


def _choose_date(page_meta: metadata.PageMetadata, visible: str | None) -> tuple[str | None, tuple[str, ...]]:
    """The date most of the page's witnesses give, and the witnesses that give it: the structured data, the
    visible date, htmldate and the meta tags (htmldate reads the whole page) each have a vote; a tie goes to
    the first of them, in that order -- save that the structured data alone against htmldate alone loses:
    CMSs rewrite ``datePublished`` when a page is updated, and htmldate, which reads that field too, has
    found the page's own date elsewhere (on 250 sampled WCXB dev pages it was right in 8 of the 10 where the two
    disagreed) -- unless they are days apart, not weeks: a time zone or a build, not an update.

    One witness alone is often wrong in its own way: schema.org ``datePublished`` holding the date of
    an update or a placeholder, htmldate taking a date from a sidebar. Two that agree against a third are
    rarely both wrong -- unless they are one value copied twice: ``datePublished`` and
    ``article:published_time`` holding the same timestamp are one witness. A timestamp in UTC names an
    instant, not the date printed where the page is published: one that falls a day from htmldate's
    reading (which weighs the local dates the page prints) has no vote.
    """
    structured = page_meta.first("dates", *_STRUCTURED)
    tagged = page_meta.first("dates", "opengraph", "meta")
    guessed = page_meta.first("dates", "htmldate")
    if visible and int(visible[:4]) < metadata.FIRST_WEB_YEAR:
        visible = None      # "28.09.19" glued to "12:44" read as 1912: no post predates the web
    if tagged is not None and structured is not None and tagged.stamp and tagged.stamp == structured.stamp:
        tagged = None
    if guessed is not None:
        structured, tagged = (None if _utc_shift(f, guessed.value) else f for f in (structured, tagged))
    witnesses = [structured.value if structured else None, visible, guessed.value if guessed else None,
                 tagged.value if tagged else None]
    if guessed is not None and guessed.value.endswith("-01-01") and any(w for w in witnesses if w != guessed.value):
        witnesses[2] = None     # htmldate found only a year ("2019-01-01"): no vote against a whole date
    votes = Counter(w for w in witnesses if w)
    if not votes:
        return None, ()
    best = max(votes.values())
    chosen = next(w for w in witnesses if w and votes[w] == best)
    if best == 1 and len(votes) == 2 and witnesses[0] and witnesses[2] and not witnesses[1] and not witnesses[3] \
            and abs((date.fromisoformat(witnesses[0]) - date.fromisoformat(witnesses[2])).days) > _UPDATE_DAYS:
        chosen = witnesses[2]   # schema.org alone against htmldate alone: datePublished is often the last update's
    names = (structured.how if structured else "", "visible", "htmldate", tagged.how if tagged else "")
    return chosen, tuple(name for name, w in zip(names, witnesses) if w == chosen)


def _not_a_comments_date(saved, reading, profile, comments: list, languages: list[str], cap: Capture) -> None:
    """A post date that only htmldate gives, that is a comment's date and that htmldate no longer finds once
    the thread is taken out of the page, is the comment's date, not the post's.

    htmldate searches the whole page; on a post that prints no date of its own, the first date it finds
    is often the first comment's. Presented as the post's date in a credit it would be a guess printed as
    fact: the date is left out and the import says so (S321). (Readers often comment on the day a post
    appears, so a comment's date alone proves nothing: the page without its thread decides.)
    """
    if cap.published is None or cap.published_how != ("htmldate",):
        return
    if not any(comment.date == cap.published for comment in comments):
        return
    page = copy.deepcopy(saved)
    found = find_comments(page, profile)
    if found:
        detach(found, page)
    else:                           # found by the repeated-blocks detector, which marks only the reading
        page = _page_without_thread(page, reading)
    if metadata.htmldate_of(page, languages) != cap.published:
        cap.date_from_comment, cap.published, cap.published_how = cap.published, None, ()


def _page_without_thread(saved, reading):
    """The page as saved (its head: meta tags, structured data) with the reading's body, whose thread is out."""
    body, saved_body = reading.find("body"), saved.find("body")
    if body is not None and saved_body is not None:
        saved_body.getparent().replace(saved_body, copy.deepcopy(body))
    return saved


def _utc_shift(found: metadata.Found | None, local: str) -> bool:
    """A UTC timestamp whose date is a day from ``local``: the same moment, read in another time zone."""
    if found is None or not metadata.is_utc(found):
        return False
    return abs((date.fromisoformat(found.value) - date.fromisoformat(local)).days) == 1


_HIDDEN_LABELS = ".screen-reader-text, .sr-only, .visually-hidden, .screen-reader, .assistive-text, .a11y-only, " \
                 ".element-invisible, .hidden-visually, .vh"


def _drop_hidden_labels(doc) -> None:
    """Labels for screen readers ("Author", "Posted on") are not part of a name or a date; hidden
    punctuation is part of the text ("Zugverkehr<span class=visually-hidden>: </span>Im ICE …")."""
    for element in select(doc, _HIDDEN_LABELS):
        if element.getparent() is None or len(element.text_content().split()) > 6:
            continue
        if re.search(r"\w", element.text_content()):
            element.drop_tree()
        else:
            element.drop_tag()


def _choose_title(doc, profile, page_meta: metadata.PageMetadata, exclude):
    """The visible headline that names what the page states as its title; else the profile's first match.

    A sidebar ``h2``, the comment form's heading, a related story or the site's
    name in an ``h1`` can match a theme's title selector before the post's own
    headline does: when the page states its title (JSON-LD, microdata, h-entry,
    OpenGraph, ``<title>``), the visible candidate closest to one of them wins,
    and none wins when none is close. Closeness is over the whole text (a
    heading that is only a part of a stated title, such as the site's name, is
    not close), against each stated title and against it without the site's
    name appended (" | Site", " - Site", "_频道_网").
    """
    stated = [f.value for f in page_meta.titles if f.how in _STRUCTURED + ("opengraph", "meta", "title tag")]
    first = _first(doc, profile.title, exclude)
    if not stated:
        return first
    wanted = {_title_key(v) for title in stated for v in _without_site(title)}
    excluded = {id(el) for el in exclude or ()}
    best, best_score = None, 0.0
    selectors = [s.strip() for s in (profile.title + ", h1, h2").split(",")]
    for rank, selector in enumerate(selectors):
        for element in select(doc, selector):
            if id(element) in excluded or any(id(a) in excluded for a in element.iterancestors()):
                continue
            text = _title_key(element_text(element))
            if not text or len(text) > 300:
                continue
            score = max(fuzz.ratio(text, w) for w in wanted) - rank * 0.01
            if score > best_score:
                best, best_score = element, score
    if best_score >= 80:
        return best
    if (fuller := _fuller_headline(doc, profile, stated, excluded)) is not None:
        return fuller
    only_title_tag = all(f.how == "title tag" for f in page_meta.titles)
    return first if only_title_tag else None     # a <title> that names only the site says nothing of headlines


def _inner_title(title_el, page_meta: metadata.PageMetadata) -> str:
    """The headline without what its element also holds: a date ("Jun 17 Das vielleicht schönste Ende der
    Welt") or a kicker marked up apart ("<small>Tunesien</small><br> Große Aufgaben …"): the stated title,
    when the element's text is that title and a date or the text of one of its own child elements."""
    shown = element_text(title_el)
    key = _title_key(shown)
    parts = {_title_key(element_text(child)) for child in title_el.iterdescendants() if isinstance(child.tag, str)}
    for found in page_meta.titles:
        stated = _title_key(found.value)
        if found.how == "title tag" or len(stated) < 12 or stated == key or stated not in key:
            continue
        rest = " ".join(key.replace(stated, " ", 1).split()).strip(" ,|·•-")
        if rest and (is_date_line(rest) or rest in parts
                     or re.fullmatch(rf"(?:{MONTH_WORD}\w*\.?\s+\d{{1,2}}\s*)+", rest)):
            return found.value
    return shown


def _fuller_headline(doc, profile, stated: list[str], excluded: set[int]):
    """A headline that says more than the stated title, which shortens it for sharing: "Two federal prison
    officers charged with falsifying records in connection with Jeffrey Epstein's death" for "Prison guards
    charged in connection with Jeffrey Epstein's death". Only a headline at least as long as a stated title
    and holding nearly all of its words (a site's name or a section heading holds few of them)."""
    shortest = min(len(_title_key(s)) for s in stated)
    for selector in [s.strip() for s in (profile.title + ", h1").split(",")]:
        for element in select(doc, selector):
            if id(element) in excluded or any(id(a) in excluded for a in element.iterancestors()):
                continue
            shown = element_text(element)
            if chrome.is_comment_counter(shown) or chrome.is_comment_form(shown):
                continue        # "5 thoughts on “TITLE”" holds every word of the title, and is not it
            text = _title_key(shown)
            if len(text) >= shortest and len(text) <= 300 and _site_heading(element) is False \
                    and max(fuzz.token_set_ratio(text, _title_key(s)) for s in stated) >= 85:
                return element
    return None


def _without_site(title: str) -> list[str]:
    """The title, and the title without one or more trailing parts (" | Site", " - Section - Site") that
    together are less than half of it."""
    out = [title]
    cuts = [m.start() for m in TITLE_SEPARATOR.finditer(title)]
    out += [title[:cut] for cut in cuts if cut >= len(title) / 2]
    return out


def _title_key(text: str) -> str:
    """A title as compared: case, quotes, dashes and spacing made canonical."""
    text = normalise_line(" ".join(text.split())).casefold()
    text = re.sub(r"[‘’‚‛′`´]", "'", text)
    text = re.sub(r"[“”„‟″«»]", '"', text)
    return re.sub(r"[‐‑‒–—―]", "-", text).strip(" .:;|-")


def _title_in_title_tag(doc, html_title: str | None, exclude):
    """No headline a profile knows and no stated title: the visible heading that is a part of ``<title>``
    ("Gefällt mir – jovelblog", "Internet-Law » Verstößt …"); of several, the one matching the longest part."""
    if not html_title:
        return None
    wanted = {" ".join(p.split()).casefold(): len(p) for p in _runs_of_parts(html_title) if len(p.strip()) >= 3}
    excluded = {id(el) for el in exclude or ()}
    for element in select(doc, "h1, h2, h3, a[rel='bookmark']"):
        if id(element) in excluded or any(id(a) in excluded for a in element.iterancestors()):
            continue
        if " ".join(element_text(element).split()).casefold() in wanted and not _site_heading(element):
            return element
    return None


def _first_line(element) -> str:
    """The element's text up to its first line break (``<br>``), as the page shows its first line."""
    clone = copy.deepcopy(element)
    node = next(clone.iter("br"), None)
    if node is None:
        return " ".join(clone.text_content().split())
    while node is not clone:                 # the break and everything after it, up to the element
        parent = node.getparent()
        for later in list(node.itersiblings()):
            parent.remove(later)
        node.tail = None
        node = parent
    next(clone.iter("br")).getparent().remove(next(clone.iter("br")))
    return " ".join(clone.text_content().split())


_SITE_MARK = re.compile(r"(?<!post-)(?<!entry-)(?<!article-)(?<!post_)(?<!entry_)header|site-title|blog-title|"
                        r"site-name|logo|masthead|brand|branding", re.IGNORECASE)   # a post's header is no site's


def _site_heading(element) -> bool:
    """The site's name as a heading: marked as the header or logo, or a link to the site's home page."""
    from urllib.parse import urlsplit

    for node in [element, *list(element.iterancestors())[:2]]:
        if _SITE_MARK.search(f"{node.get('id') or ''} {node.get('class') or ''}"):
            return True
    links = [element] if element.tag == "a" else element.findall(".//a")
    return any(urlsplit(a.get("href") or "x").path in {"", "/"} and a.get("href") is not None for a in links)


_BYLINE_TEXT = re.compile(r"(?:^|\s)(?:posted\s+|written\s+|published\s+|geschrieben\s+|veröffentlicht\s+)?"
                          r"(?:by|von|par|por|door)\s*:?\s+(?P<name>[^|,•·]{2,60}?(?:,\s*[^|,•·\s]{1,12})?)"
                          r"(?:\s+(?:at|on|am|um|le|el)\s+.*|\s*[|•·]\s*.*)?$",
                          re.IGNORECASE)


def _byline_text(title_el, exclude):
    """A byline written as text near the headline: "11.09.2011, 16:20 von jovelstefan", "posted by Stadler at
    12:53", "By NAME | DATE" (a short element in the headline's container or the one around it, outside the
    thread)."""
    excluded = {id(el) for el in exclude or ()}
    for container in list(title_el.iterancestors())[:2]:     # the headline's box, then the one around it
        element, name = _byline_text_in(container, title_el, excluded)
        if name:
            return element, name
    return None, None


def _dated_name_under(title_el, exclude):
    """The last resort by the headline: its next element's first line is a date and a name, two fields and
    nothing else ("24.02.2010 | NAME", the categories on the next line): the byline. A field with a label, a
    comma or more words ("Quelle: …", "Naturschutz, BUND", "categories: …") names no writer."""
    under = title_el.getnext()
    excluded = {id(el) for el in exclude or ()}
    if under is None or not isinstance(under.tag, str) or id(under) in excluded \
            or len(under.text_content().split()) > 40:
        return None, None
    fields = [f.strip() for f in re.split(r"\s*[|·•]\s*|\s+[-–—]\s+", _first_line(under)) if f.strip()]
    if len(fields) != 2 or sum(is_date_line(f) for f in fields) != 1:
        return None, None
    name = next(f for f in fields if not is_date_line(f))
    if re.search(r"[,:：;]", name) or len(name.split()) > 4 or not all(w[:1].isupper() for w in name.split()):
        return None, None
    found = meta_line(_first_line(under))
    return (under, clean_name(name)) if found is not None and found[1] and clean_name(name) else (None, None)


def _byline_text_in(container, title_el, excluded: set[int]):
    """The first short element of ``container`` (not the headline, not excluded) that reads "by NAME", narrowed
    to the innermost one that still does (not a box that glues share buttons to the name)."""
    for element in container.iter():
        name = _reads_by(element, title_el, excluded)
        if name is None:
            continue
        inner = [(d, n) for d in element.iterdescendants() if (n := _reads_by(d, title_el, excluded))]
        return inner[-1] if inner else (element, name)
    return None, None


def _reads_by(element, title_el, excluded: set[int]) -> str | None:
    """The name of a short element that reads "by NAME" (after nothing or a date), else None."""
    if element is title_el or not isinstance(element.tag, str) or id(element) in excluded \
            or any(id(a) in excluded or a is title_el for a in element.iterancestors()):
        return None
    if len(element.text_content().split()) > 12:     # cheap: the laid-out text has at least these words
        return None
    text = element_text(element)
    if not text or len(text.split()) > 12 or any(isinstance(c.tag, str) and len(element_text(c)) == len(text) for c in element):
        return None
    if (dated := re.match(r"(.*?),\s+(.+)$", text)) is not None and is_date_line(dated[2]):
        text = dated[1]         # "by: Ziyi Xu, Dec 17, 2025"
    match = _BYLINE_TEXT.search(text)
    before = text[: match.start()].strip(" ,|·•–—-") if match else ""
    if match and (not before or is_date_line(before)) and (name := clean_name(match.group("name"))) \
            and len(name.split()) <= 4 and not re.search(r"\b(?:wordpress|theme)\b", name, re.I):
        return name
    return None


def _byline_element(scope, profile, exclude, loose: bool = False, headline=None):
    """The first byline that holds a name once labels, dates and verbs are cleaned away, narrowed to the
    names inside it: "Mark Di Stefano" of a byline that also gives his role, "Stella Kim and Jennifer
    Jett" of a byline that marks each name on its own. ``loose``: the last resort, any small element
    whose class speaks of a byline or an author ("pb-byline", "blog-author"), outside comments. Of the
    bylines one selector finds, the one nearest the ``headline`` is the post's: a teaser carousel or a
    sidebar above the article prints its own writers' bylines first."""
    excluded = {id(el) for el in exclude or ()}
    alternatives = _LOOSE_BYLINES if loose else (profile.author + ", " + _BYLINES).split(",")
    for alternative in alternatives:
        found = []
        for element in select(scope, alternative.strip()):
            if id(element) in excluded or any(id(a) in excluded for a in element.iterancestors()):
                continue
            if loose and not _loose_candidate(element) or _in_picture_credit(element) or _call_to_action(element):
                continue
            if clean_name(element_text(element)):
                found.append(element)
                if headline is None:
                    break
        if found:
            return _narrow_byline(_nearest(found, headline) if len(found) > 1 else found[0])
    return None


def _nearest(elements: list, headline):
    """Of ``elements``, the one nearest ``headline`` in the page's order (after it, on a tie)."""
    if headline is None:
        return elements[0]
    position = {el: i for i, el in enumerate(headline.getroottree().getroot().iter())}
    if headline not in position or any(el not in position for el in elements):
        return elements[0]
    at = position[headline]
    return min(elements, key=lambda el: (abs(position.get(el, at) - at), position.get(el, at) < at))


_ACTION = re.compile(r"[→»›>]\s*$|^(?:view|see|show|read|more|all|alle|mehr|archiv\w*|voir|tous|ver|todos|"
                     r"weitere|zum|zur|browse)\b|\b(?:anzeigen|articles|posts|beiträge|artikel|archive)\s*[→»›>]?$",
                     re.IGNORECASE)


def _author_page_name(scope, exclude) -> str | None:
    """The writer named only by the address of their page, behind a button ("Archiv anzeigen →" linking
    ``/author/jessie/``): the address's last part, capitalised. Inferred, not stated (``S305``)."""
    excluded = {id(el) for el in exclude or ()}
    for link in select(scope, "a[rel~='author'][href], a[href*='/author/']"):
        if id(link) in excluded or any(id(a) in excluded for a in link.iterancestors()) or not _call_to_action(link):
            continue
        match = re.search(r"/author/([^/?#]+)/?(?:[?#]|$)", link.get("href") or "")
        if match and (name := clean_name(re.sub(r"[-_+]+", " ", match.group(1)).title())) and len(name.split()) <= 3:
            return name
    return None


_WRITER_PAGE = re.compile(r"/(?:authors?|writers?|contributors?|people|profiles?|team|staff|producers?|experts?|"
                          r"autor(?:en)?|auteurs?|redakt\w*|users?|members?)/", re.IGNORECASE)


def _author_link(scope, exclude, headline) -> tuple[str | None, bool]:
    """The first link outside the menus whose words are a name and whose address is in a folder of writers'
    pages (``/author/``, ``/producers/``): many pages print their writer only so, with no byline class or label.
    A related story's credit links the same way, so this is one witness among others
    (:mod:`book.sources.html_author`): the name, and whether the link stands by the headline. (A link to any
    page named after its words, ``.../vanessa-mendez``, was tried too: on WCXB dev it found a writer once and
    a menu's entry, "Contact Us", "Privacy Policy", twenty times.)"""
    excluded = {id(el) for el in exclude or ()}
    for link in scope.iter("a"):
        if (name := _linked_name(link, excluded)) is not None:
            return name, _by_headline(link, headline)
    return None, False


def _linked_name(link, excluded: set[int]) -> str | None:
    """The name a link to a writer's page prints, or None: outside menus, comments and picture credits, two to
    four words, capitalised."""
    from urllib.parse import unquote, urlsplit

    text = element_text(link).strip()
    if not link.get("href") or not 1 < len(text.split()) <= 4 or id(link) in excluded or _in_picture_credit(link):
        return None
    if not _WRITER_PAGE.search(unquote(urlsplit(link.get("href")).path).rstrip("/") + "/"):
        return None
    if any(id(a) in excluded or a.tag in ("nav", "footer") or _MENU.search(f"{a.get('class') or ''} {a.get('id') or ''}")
           for a in link.iterancestors()):
        return None
    name = clean_name(text)
    return name if name and name[:1].isupper() else None


_MENU = re.compile(r"\b(?:\w+[-_])*(?:menu|nav|navbar|navigation|breadcrumbs?)\b", re.IGNORECASE)


def _call_to_action(element) -> bool:
    """A link to the writer's page that reads as a button ("Archiv anzeigen →", "View all posts"): not a name."""
    return bool(_ACTION.search(element_text(element).strip()))


_PICTURE_CREDIT = re.compile(r"caption|(?:photo|image|picture|img)[-_]?credit", re.IGNORECASE)


def _in_picture_credit(element) -> bool:
    """An "author" inside a figure or an image's caption is the photographer or the agency ("Shutterstock"),
    not the writer: a picture credit is never the byline."""
    return any(node.tag in {"figure", "figcaption"} or _PICTURE_CREDIT.search(node.get("class") or "")
               for node in (element, *list(element.iterancestors())[:4]))


_LOOSE_BYLINES = ("[class*='byline']", "[class*='author']")
# A control beside the author's name ("author-info__follow-button"): its text is a verb, not a name.
_CONTROL = re.compile(r"^button\b|\b(?:\w+[-_])*(?:button|btn|follow|subscribe)\b", re.IGNORECASE)
# A field label before the writer's name: "<h5>Autor:</h5>Peter Maahn/SP-X", "<span>By</span><span>NAME</span>".
_AUTHOR_LABEL = re.compile(r"^(?:(?:autor|author|auteur|autore|autora|verfasser)\s*:|(?:written by|geschrieben von|"
                           r"von|by|par|por|door)\s*:?)$", re.IGNORECASE)


def _loose_candidate(element) -> bool:
    """A small element outside the comments whose text is not only a control's ("Follow" beside the name)."""
    controls = [el for el in element.iter() if isinstance(el.tag, str)
                and _CONTROL.search(f"{el.tag} {el.get('class') or ''}")]
    if not _is_small(element) or (controls and sum(len(element_text(c)) for c in controls) >= len(element_text(element))):
        return False
    return not any("comment" in f"{a.get('class') or ''} {a.get('id') or ''}".casefold()
                   for a in [element, *element.iterancestors()])


_HANDLE = "[class*='user-name'], [class*='username'], [class*='user_name'], [data-author]"


def _handle_by_headline(title_el, exclude):
    """A writer shown only by a user's handle in the headline's box ("zzz6519003 · 1 月前 · 最后由 NAME 回复于",
    Ruby China): the first element there classed as a user's name, outside the thread. A handle has digits,
    which a byline's words never have, so no metadata line reads it."""
    excluded = {id(el) for el in exclude or ()}
    for container in list(title_el.iterancestors())[:3]:
        for element in select(container, _HANDLE):
            if id(element) in excluded or any(id(a) in excluded for a in element.iterancestors()) \
                    or not _loose_candidate(element):
                continue
            if (name := clean_name(element_text(element))) and len(name.split()) <= 3:
                return element, name
    return None, None


def _labelled_byline(scope, exclude):
    """A name printed after a small element that is only an author label ("Autor:", "By")."""
    excluded = {id(el) for el in exclude or ()}
    for element in scope.iter():
        if not isinstance(element.tag, str) or len(element) or not _AUTHOR_LABEL.match(element_text(element).strip()):
            continue
        if id(element) in excluded or any(id(a) in excluded for a in element.iterancestors()):
            continue
        following = element.getnext()
        value = (element.tail or "").strip() or (element_text(following) if following is not None else "")
        if len(value.split()) <= 6 and (name := clean_name(value)):
            return element, name
    return None, None
_WRITTEN_BY = re.compile(r"^(?:written|authored|verfasst|geschrieben|escrito|écrit|scritto)\s+(?:by|von|por|par|da)\s*:?\s+"
                         r"(?P<name>\S.{1,60})$", re.IGNORECASE)


def _written_by(scope, exclude):
    """The last resort: an element that reads only "Written by NAME" wherever it stands (the author's box under
    the article, "<h3>Written by Cassidy Horton</h3>"), outside the thread. The verb states the writing, where a
    bare "by NAME" may credit a teaser or a picture."""
    excluded = {id(el) for el in exclude or ()}
    for element in scope.iter():
        if not isinstance(element.tag, str) or len(element.text_content()) > 90 or id(element) in excluded:
            continue
        text = element_text(element)
        if (match := _WRITTEN_BY.match(text)) is None or any(id(a) in excluded for a in element.iterancestors()) \
                or any(isinstance(c.tag, str) and element_text(c) == text for c in element):
            continue
        if len(match["name"].split()) <= 5 and (name := clean_name(match["name"])):
            return element, name
    return None, None


_NAME_PART = "[class*='name'], [itemprop='name'], a[href]"


def _without_categories(element) -> str:
    """A byline's text without the categories or tags a theme nests in it ("Stue · Kategorie: Musik, Releases"
    in ``span.author``): the child holding ``rel="category"``/``rel="tag"`` links is not the name."""
    if not element.xpath(_FILED_LINKS):
        return element_text(element)
    clone = copy.deepcopy(element)
    for link in clone.xpath(_FILED_LINKS):
        child = link
        while child.getparent() is not None and child.getparent() is not clone:
            child = child.getparent()
        if child.getparent() is clone:
            child.drop_tree()
    return element_text(clone)


_FILED_LINKS = ".//a[contains(concat(' ', @rel, ' '), ' category ') or contains(concat(' ', @rel, ' '), ' tag ')]"


def _narrow_byline(element):
    """Of a byline, the part that is the name(s): the element holding two or more marked names when
    they sit side by side, else the one marked name inside it, else the byline itself."""
    parent = element.getparent()
    if parent is not None and element.get("class") and _is_small(parent):
        same = [c for c in parent if c.tag == element.tag and c.get("class") == element.get("class")
                and clean_name(element_text(c))]
        if len(same) >= 2:
            return parent
    whole = clean_name(element_text(element)) or ""
    for part in select(element, _NAME_PART):
        name = clean_name(element_text(part))
        rest = whole[len(name):] if name and whole.startswith(name) else None
        if rest and len(name.split()) <= 12 and not re.match(r"\s*(?:and|&|und|et|y|e|og|och|en|i)\s", rest):
            return part
    return element


def _is_small(element) -> bool:
    return len(element.text_content().split()) <= 12


def _strip_site(title: str | None, site: str | None) -> str | None:
    """The title without the site's name a separator glues before or after it ("TITLE | SITE", "SITE: TITLE")."""
    if not title:
        return None
    for head, tail in _halves(title):
        if site and tail == site:
            return head
        if site and head == site:
            return tail
    return title


def _site_from_title(html_title: str | None, title: str | None) -> str | None:
    """"Post title - Site name" in ``<title>``: the part that is not the post's title names the site."""
    if not html_title or not title or html_title == title:
        return None
    for head, tail in _halves(html_title):
        if head == title:
            return tail or None
        if tail == title:
            return head or None
    return None


def _halves(title: str) -> list[tuple[str, str]]:
    """The title cut in two at each of its separators (:data:`clean.TITLE_TAG_SEPARATOR`): what is before, what
    after."""
    return [(title[: m.start()].strip(), title[m.end():].strip()) for m in TITLE_TAG_SEPARATOR.finditer(title)]


_RUN_PARTS = 8      # a heading printing more parts of ``<title>`` than this prints it whole


def _runs_of_parts(title: str) -> list[str]:
    """The title and every run of up to ``_RUN_PARTS`` adjacent parts ("A - B | C": "A", "B", "C", "A - B",
    "B | C"): a heading may print one part of ``<title>`` or several. The runs are bounded so that a hostile
    title of thousands of separators costs a linear number of short strings, not a quadratic one of long ones."""
    cuts = [(0, 0), *((m.start(), m.end()) for m in TITLE_TAG_SEPARATOR.finditer(title)), (len(title), len(title))]
    runs = [title[cuts[i][1]: cuts[j][0]] for i in range(len(cuts) - 1)
            for j in range(i + 1, min(i + 1 + _RUN_PARTS, len(cuts)))]
    return [title, *runs] if len(cuts) - 1 > _RUN_PARTS else runs


# ------------------------------------------------------------------ post body

def _read_body(doc, profile, first_post, cap: Capture) -> str:
    if first_post is not None:
        body = comment_body(first_post, profile, [first_post])
        if cap.author is None:
            authors = select(first_post, profile.comment_author)
            cap.author = clean_name(element_text(authors[0])) if authors else None
            cap.author_how = "byline" if cap.author else None
        return fix_text(to_markdown(body))
    extracted = _trafilatura_body(doc)
    body = _first(doc, profile.body)
    if body is None and profile is not engines.GENERIC:
        body = _first(doc, engines.GENERIC.body)
    if body is not None:
        remove_chrome(body, protect=0.5)
    markdown = fix_text(to_markdown(body)) if body is not None else ""
    if extracted and not _agrees(markdown, extracted):
        cap.engine = f"{cap.engine}+trafilatura" if cap.engine else "trafilatura"
        post = _gaps_filled(markdown, extracted)
        cap.post_doubt = _prose_left_out(markdown, post)
        return post
    return markdown


_LEFT_OUT = 1.5
"""How many times the post's words of the article element's paragraphs the post leaves out make it doubtful (S325).
On 258 WCXB dev articles it warned 2 posts below F1 0.5 (trafilatura stopped early, or read a teaser list) and no
post above 0.8; at 1.0 it warned 2 good posts too. Only a page with no thread is doubted so: on Q&A pages the
answers read as no comment (and the "related" column) are paragraphs outside the post that are not the article's."""


def _prose_left_out(body: str, post: str) -> str | None:
    """Why a post read by trafilatura may not be the whole article: the engine's body element holds more words of
    paragraphs of prose (30 words or more, with a sentence) that the post does not print than the post has. A
    paragraph is in the post when the post prints its first eight words in order (a bag of words would find a
    paragraph's common words anywhere in a long post)."""
    ours = re.findall(r"\w+", post.casefold())
    printed, total = " " + " ".join(ours) + " ", len(ours)
    left = 0
    for block in body.split("\n\n"):
        words = re.findall(r"\w+", block.casefold())
        if len(words) >= 30 and _has_sentence(block) and " " + " ".join(words[:8]) + " " not in printed:
            left += len(words)
    if not total or left < _LEFT_OUT * total:
        return None
    return (f"the page's article element holds {left} words of paragraphs the post ({total} words) leaves out: the "
            f"reading may have stopped early or taken a list of teasers")


_GAP_PROSE = 8
"""Words of a line of the engine's body, between paragraphs trafilatura kept, that make its block prose trafilatura
left out rather than a button, a price, a label ("Starting at $20.00", "Try Nuuly") or a list of links."""
_GAP_SHARE = 1.5
"""How much longer than trafilatura's reading the gaps filled must make it: a few paragraphs left out (a caption,
a teaser box, a table) are trafilatura's judgement, kept; a third of the article or more left out is its miss (text
in bare ``div``s it did not read as paragraphs, an accordion's text). On 258 WCXB dev articles (the 178 under F1
0.95 and 80 others): 12 pages better, none worse (at 1.3, more better and some worse)."""


def _gaps_filled(body: str, extracted: str) -> str:
    """trafilatura's reading with the prose it left out between its own first and last paragraphs, as the
    engine's body holds it, when that is much of the article (:data:`_GAP_SHARE`); else trafilatura's reading.

    trafilatura keeps the main text's paragraphs and drops what reads as boilerplate; where it drops a run of
    the article's own paragraphs (text in bare ``div``s, an accordion's sections), they sit in the body between
    paragraphs it kept. Outside that span (above the headline, below the end) the body's extra blocks are menus,
    bios and related stories: never taken."""
    theirs = word_counts(extracted)
    if not body or sum((theirs & word_counts(body)).values()) < 0.9 * theirs.total():
        return extracted                  # the body does not hold trafilatura's reading: not its gaps
    blocks = [block for block in body.split("\n\n") if block.strip()]
    kept, left = [], theirs.copy()
    for k, block in enumerate(blocks):
        if _held(words := word_counts(block), left):
            kept.append(k)
            left -= words                  # a copy of a kept block (the tags again under "Related") is no anchor
    if not kept:
        return extracted
    seen = Counter(" ".join(block.split()) for block in blocks)
    filled = [block for k, block in enumerate(blocks[kept[0]:kept[-1] + 1], kept[0])
              if k in kept or seen[" ".join(block.split())] == 1     # a box printed twice ("Sign up ...") is furniture
              and any(len(re.findall(r"\w+", line)) >= _GAP_PROSE for line in block.split("\n"))]
    text = "\n\n".join(filled)
    return text if word_counts(text).total() >= _GAP_SHARE * theirs.total() else extracted


def _held(words: Counter, reading: Counter) -> bool:
    """Whether a block of three words or more has at least 80% of its words in a reading."""
    return words.total() >= 3 and sum((words & reading).values()) >= 0.8 * words.total()


def _agrees(ours: str, theirs: str) -> bool:
    """The profile's body holds trafilatura's main text and not much else: keep its (richer) Markdown."""
    mine, other = Counter(re.findall(r"\w+", ours.casefold())), Counter(re.findall(r"\w+", theirs.casefold()))
    if sum(mine.values()) < 30:
        return False
    common = sum((mine & other).values())
    return common >= 0.95 * sum(other.values()) and common >= 0.95 * sum(mine.values())


def crowded(doc) -> bool:
    """Whether an element holds more than :data:`MAX_INLINE_CHILDREN` inline elements (a paragraph of
    thousands of links): trafilatura would take minutes on it, so its readings are left out.

    Asked once of each tree trafilatura reads: the page as saved, then the sanitised copy the post is read from.
    One answer cannot stand for both: sanitising unwraps tags (``blink``, a ``form`` kept for its text), whose
    inline children then join their parent's, and the thread taken out of the copy may have held the crowd."""
    for element in doc.iter():
        if len(element) > MAX_INLINE_CHILDREN and sum(
                1 for child in element if isinstance(child.tag, str) and child.tag in _INLINE) > MAX_INLINE_CHILDREN:
            return True
    return False


_INLINE = {"a", "span", "b", "i", "em", "strong", "br", "img", "small", "font", "u", "s", "code", "abbr", "sup",
           "sub", "mark", "q", "cite", "time", "label", "wbr"}


def _trafilatura_body(doc) -> str | None:
    """trafilatura's main-content extraction of the page (the thread already taken out)."""
    import trafilatura

    if crowded(doc):
        return None

    source = lxml_html.tostring(doc, encoding="unicode")
    extracted = trafilatura.extract(source, output_format="markdown", include_comments=False,
                                    include_formatting=True, include_links=False, include_images=False,
                                    include_tables=True)
    return _tidy_extracted(fix_text(extracted)) if extracted else None


def _tidy_extracted(markdown: str) -> str:
    """trafilatura's Markdown as ours: no indentation, no date or chrome lines, one blank line between blocks,
    and no ``<u>`` tags (trafilatura writes underlining as HTML; Markdown has none, and a book prints none)."""
    lines = []
    for line in re.sub(r"</?u>", "", markdown).split("\n"):
        line = line.strip()
        if line and (chrome.is_chrome_line(line) or is_date_line(line)):
            continue
        lines.append(line)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _filter_post(markdown: str, cap: Capture) -> str:
    """Drop chrome lines and promotions that survived inside the post body."""
    kept = []
    headline = None
    for block in markdown.split("\n\n"):
        line = block.strip()
        if chrome.is_chrome_line(line) or chrome.is_comment_counter(line) or chrome.is_comment_form(line):
            continue
        if spam.is_promotion(line.replace("\\", "")):
            cap.drop("promotion", line)
            continue
        if cap.title and normalise_line(line.lstrip("# ")) == cap.title and not kept:
            headline = headline or block
            continue
        if not kept and _byline_or_dateline(line, cap):
            continue        # "Nov. 20, 2019, 9:28 AM UTC", "By Reuters" above the text: the metadata, recorded
        kept.append(block)
    if not kept and headline:
        return headline     # a forum question asked in its title's words alone: the post, not its heading
    return "\n\n".join(kept)


def _byline_or_dateline(line: str, cap: Capture) -> bool:
    """A block before the text that only gives the date or says "By" the post's author."""
    plain = normalise_line(line).strip(" *_")
    if len(plain) > 80:
        return False
    if is_date_line(plain) or is_date_line(re.sub(r"\s+(?:UTC|GMT|[A-Z]{2,4}T)$", "", plain)):
        return True
    return bool(cap.author) and re.match(r"(?i)(?:by|von|par|por|door)\s", plain) is not None \
        and clean_name(plain) == cap.author
