"""Saved HTML pages: WordPress, Blogger, Squarespace, Wix, phpBB, and others generically.

The page is read once with lxml; metadata comes from ``<meta>``, JSON-LD and
the engine's own markup (read before sanitising, since the cleaner drops
``<script>`` and ``<meta>``). The page is then sanitised, the comments are
taken out of the tree one by one (author, date, body, parent from nesting),
chrome is removed, and what remains of the post body becomes Markdown. When no
engine selector finds the body, trafilatura's main-content heuristics do.
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

from book.sources import chrome, engines, metadata, spam
from book.sources.capture import Capture, RawUnit
from book.sources.clean import escape_markdown_line, fix_text, normalise_line, web_url
from book.sources.dates import MONTH_WORD, find_date, is_date_line, iso_or_none, reading_languages, words_date
from book.sources.html_clean import remove_chrome, sanitise
from book.sources.html_markdown import plain_lines, spaced_text, to_markdown
from book.sources.names import clean_name, is_anonymous
from book.sources.text_header import meta_line

_ANONYMOUS = {"anonymous", "unknown", "guest", "anon", "a reader", "admin"}
_BYLINE_PREFIX = re.compile(r"^(?:posted |written |published )?(?:by|von|par|door|por)\s*:?\s+|\s+(?:says|said|wrote)\s*:?\s*$",
                            re.IGNORECASE)
_PINGBACK_TEXT = re.compile(r"^(?:pingback|trackback)\s*:|^\[(?:…|\.\.\.)\]", re.IGNORECASE)
_PINGBACK_HEAD = re.compile(r"^\s*(?:pingback|trackback)\b\s*(?::|von|from|de|di|by|van|od)?\s*", re.IGNORECASE)
_QUOTE_CITE = re.compile(r"^(?P<name>.+?)\s+(?:wrote|said|schrieb|a écrit)\s*:?", re.IGNORECASE)


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
    try:
        doc = lxml_html.document_fromstring(text.encode("utf-8"), parser=_parser())
    except (etree.ParserError, ValueError) as exc:
        raise HtmlError(f"cannot parse the HTML ({exc})") from None
    meta = _metadata(doc)
    page_meta = metadata.read(text, doc)
    with reading_languages(metadata.date_languages(page_meta)):
        return _parse(text, doc, meta, page_meta)


def _parse(text: str, doc, meta: dict[str, str], page_meta: metadata.PageMetadata) -> Capture:
    reference = _whole_page_reading(text)
    profile = engines.with_comment_system(doc, engines.detect(doc, text))
    _quotes_kept(doc)
    saved = doc                                   # as saved, scripts and meta tags kept (sanitise copies)
    _keep_avatar_names(doc)
    doc = sanitise(doc)
    _drop_hidden_labels(doc)
    _conventional_classes(doc)
    cap = Capture(engine=profile.name)
    comment_elements = _find_comments(doc, profile)
    if not comment_elements and (detected := _repeated_blocks(doc, profile, reference)) is not None:
        profile = detected                        # no markup we know: repeated blocks with a name, a date and text
        comment_elements = _find_comments(doc, profile)
    cap.expected_comments = _expected_comments(doc)
    first_post = comment_elements.pop(0) if profile.first_post_is_post and comment_elements else None
    _read_post_metadata(doc, profile, meta, page_meta, cap, exclude=comment_elements, first_post=first_post)
    languages = metadata.date_languages(page_meta)
    comments = [_read_comment(el, profile, comment_elements, languages) for el in comment_elements]
    parents = _nesting(comment_elements)
    _detach(comment_elements, doc)
    _not_a_comments_date(saved, doc, profile, comments, languages, cap)
    body_markdown = _read_body(doc, profile, first_post, cap)
    post_markdown = _filter_post(body_markdown, cap)
    cap.units.append(RawUnit("post", post_markdown, plain_lines(post_markdown)))
    _emit_comments(comments, parents, cap)
    if not comments and page_meta.comments:
        _structured_comments(page_meta.comments, cap)
    _second_reading(reference, cap)
    if first_post is None:
        _first_message_as_post(cap)
    return cap


def _first_message_as_post(cap: Capture) -> None:
    """A post that is the first comment again, or the whole thread (the page's reading found no article
    outside the thread, only its messages), is a forum thread: that message becomes the post, its writer and date the
    post's when the page named none, the replies to it answer the post."""
    post = cap.post
    if post is None or len(cap.units) < 2 or cap.units[1].kind != "comment" or cap.units[1].parent is not None:
        return
    first = cap.units[1]
    theirs, ours = _words(first.text), _words(post.text)
    thread = sum((_words(unit.text) for unit in cap.units[1:]), Counter())
    if sum(theirs.values()) < 10 or _f1(ours, theirs) < 0.8 and not (
            sum((ours & theirs).values()) >= 0.8 * sum(theirs.values())
            and sum((ours & thread).values()) >= 0.6 * sum(thread.values())):
        return
    post.text, post.lines = first.text, first.lines
    if cap.author is None and first.author:
        cap.author, cap.author_how = first.author, "byline"
    if cap.published is None and first.date:
        cap.published, cap.published_how = first.date, ("visible",)
    del cap.units[1]
    for unit in cap.units[1:]:
        if unit.parent is not None:
            unit.parent = None if unit.parent == 1 else unit.parent - (unit.parent > 1)


def _whole_page_reading(text: str) -> str:
    """trafilatura's reading of the whole page as it was saved (Markdown), a second opinion on the post."""
    import trafilatura

    try:
        extracted = trafilatura.extract(text, output_format="markdown", include_comments=False,
                                        include_formatting=True, include_links=False, include_images=False,
                                        include_tables=True)
    except Exception:  # a second opinion must never break an import
        return ""
    return _tidy_extracted(fix_text(extracted)) if extracted else ""


def _words(text: str) -> Counter:
    return Counter(re.findall(r"\w+", text.casefold()))


def _second_reading(reference: str, cap: Capture) -> None:
    """Check the post against trafilatura's reading of the whole page, as it was saved.

    The post comes from the engine's markup after the comments were taken out; a wrong
    turn there (a teaser matched as the body, the article taken for a comment) loses the
    post in silence. When the two readings share less than half of their words and the
    second one is not the thread itself, the second is kept and the capture says so.
    """
    post = cap.post
    comments = [_words(unit.text) for unit in cap.units[1:]]
    theirs: Counter = Counter()
    for block in reference.split("\n\n"):          # the paragraphs of the thread set aside
        words = _words(block)
        if words and not any(sum((words & c).values()) >= 0.6 * sum(words.values()) for c in comments):
            theirs += words
    if post is None or sum(theirs.values()) < 50:
        return
    score = _f1(_words(post.text), theirs)
    if score >= 0.5:
        return
    markdown = _filter_post(reference, cap)
    post.text, post.lines = markdown, plain_lines(markdown)
    cap.post_disagreement = score
    cap.engine = f"{cap.engine}+trafilatura" if cap.engine and "trafilatura" not in cap.engine else cap.engine


def _f1(ours: Counter, theirs: Counter) -> float:
    common = sum((ours & theirs).values())
    if not common:
        return 0.0
    precision, recall = common / sum(ours.values()), common / sum(theirs.values())
    return 2 * precision * recall / (precision + recall)


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
        name = clean_name(_text(title).rstrip(":")) if title is not None else None
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


def _text(element: lxml_html.HtmlElement | None) -> str:
    if element is None:
        return ""
    return fix_text(normalise_line(re.sub(r"\s+", " ", spaced_text(element))))


# ------------------------------------------------------------------ metadata

def _metadata(doc: lxml_html.HtmlElement) -> dict[str, str]:
    """What ``<meta>``, ``<link rel=canonical>``, ``<title>`` and JSON-LD say about the page."""
    out: dict[str, str] = {}

    def meta(*names: str) -> str | None:
        for name in names:
            for attr in ("property", "name", "itemprop"):
                values = doc.xpath(f"//meta[@{attr}=$n]/@content", n=name)
                if values and values[0].strip():
                    return values[0].strip()
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
        for element in root.cssselect(alternative.strip()):
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
        shown = " ".join(_text(title_el).split()).casefold() if title_el is not None else ""
        if title_el is None or (shown in html_title and _site_heading(title_el)):
            title_el = tagged      # the heading a profile found is the other part of <title>: the site's name
    if title_el is not None:
        cap.title = _inner_title(title_el, page_meta)
    elif structured is not None:
        cap.title = _strip_site(structured.value, meta.get("site"))
    else:
        cap.title = _strip_site(meta.get("html_title"), meta.get("site"))
    author_el = _byline_element(scope, profile, exclude)
    byline = clean_name(_text(author_el)) if author_el is not None else None
    if byline is None and title_el is not None and first_post is None:
        author_el, byline = _byline_text(title_el, exclude)
    if byline is None:
        author_el, byline = _labelled_byline(scope, exclude)
    if byline is None and (author_el := _byline_element(scope, profile, exclude, loose=True)) is not None:
        byline = clean_name(_text(author_el))
    languages = metadata.date_languages(page_meta)
    near_date = _date_near(title_el, exclude, languages) if title_el is not None and first_post is None else None
    if title_el is not None and profile.first_post_is_post is False:
        title_el.drop_tree()
    found = page_meta.first("authors", *_STRUCTURED)
    tagged = page_meta.first("authors", "opengraph", "meta")
    if found is not None and found.organization and (byline or (tagged is not None and _shown(doc, tagged.value))):
        found = None    # schema.org names the publisher ("National Geographic"); the page shows a writer
    if found is not None:
        cap.author, cap.author_how = found.value, found.how
    elif byline and not _meta_author_confirmed(doc, page_meta, byline):
        cap.author, cap.author_how = byline, "byline"
    elif tagged is not None:
        cap.author, cap.author_how = tagged.value, tagged.how
    if cap.author and cap.author.isupper():    # "JEFFREY GETTLEMAN": the same name as another source writes it
        cap.author = next((f.value for f in page_meta.authors if f.value.casefold() == cap.author.casefold()
                           and not f.value.isupper()), cap.author)
    date_el = _first(scope, profile.date, exclude)
    cap.published, cap.published_how = _choose_date(page_meta, near_date or _element_date(date_el, languages))
    if cap.published and page_meta.first("dates", *_STRUCTURED) is None and date_el is not None \
            and (shown := find_date(_text(date_el))) is not None and shown.ambiguous:
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


_DATE_CLASS = re.compile(r"date|time|publish|posted|byline|dateline|meta", re.IGNORECASE)


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
            if (found := _element_date(element, languages)) is not None:
                return found
    return None


def _meta_author_confirmed(doc, page_meta: metadata.PageMetadata, byline: str) -> bool:
    """The meta tags name someone the byline found does not, and the page shows that name: the byline
    element was the wrong one ("on Deadspin", a related story's writer)."""
    found = page_meta.first("authors", "opengraph", "meta")
    if found is None or set(re.findall(r"\w+", found.value.casefold())) & set(re.findall(r"\w+", byline.casefold())):
        return False
    return _shown(doc, found.value)


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
    the first of them, in that order.

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
    found = _find_comments(page, profile)
    if found:
        _detach(found, page)
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


# A comment system's own class names, whatever their spelling: camelCase (``MtnComment``,
# ``mtbnewsCommentAuthorName``), a site's prefix (``kb-comment``, ``mo-comment-card``, ``xenforo-comment``),
# underscores (``article_comment_item``), BEM (``comments-list--item``), glued words (``commententry``) and
# CSS modules' hashes (``comment--2g6iCC-R``, ``username--2Y8YKhbw``). The word ``comment``, then what the
# element is, gives the conventional name every profile reads.
_ROLE_WORDS = {**dict.fromkeys(("", "item", "entry", "card", "wrapper", "box", "block", "single", "unit"), "comment"),
               **dict.fromkeys(("answer", "reply"), "comment"),
               **dict.fromkeys(("name", "author", "authorname", "accountname", "username", "user", "nick", "nickname",
                                "poster", "postername"), "fn comment-author"),
               **dict.fromkeys(("date", "time", "timestamp", "stamp"), "comment-date comment-metadata"),
               **dict.fromkeys(("text", "content", "message", "body", "post"), "comment-content"),
               **dict.fromkeys(("head", "header", "info", "infos", "meta", "metadata"), "comment-meta")}
# Words before ``comment`` that make the element something else: a live ticker's entries, a widget's teasers.
_NOT_A_THREAD_PREFIX = {"live", "widget", "recent", "latest", "popular", "related", "teaser", "sidebar", "most",
                        "top", "count", "ticker", "share", "form", "new", "add", "write", "post", "cancel", "leave",
                        "submit", "edit", "delete", "report", "respond", "show", "hide", "load", "more", "toggle",
                        "open", "close", "dummy", "template", "no", "empty"}
# CSS modules append a hash to the name a developer wrote: ``username--2Y8YKhbw``, ``body___3fGhK``.
_MODULE_HASH = re.compile(r"(?P<stem>[A-Za-z][A-Za-z0-9-]*?[A-Za-z0-9])(?:--|___?)(?=[A-Za-z0-9_-]*\d)[A-Za-z0-9_-]{5,10}")
_PLAIN = re.compile(r"comments?(?:-[a-z]+)*")     # WordPress's own spelling: read by the profiles as it is


def _class_words(token: str) -> list[str]:
    """A class token as lower-case words: split at ``-``/``_``, camelCase and a glued ``comment`` prefix."""
    out = []
    for part in re.split(r"[-_]+", re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", token)):
        low = part.lower()
        glued = re.fullmatch(r"(comments?)([a-z]+)", low)
        if glued and glued.group(2) in _ROLE_WORDS:
            out.extend(glued.groups())
        elif low:
            out.append(low)
    return out


def _conventional_role(token: str) -> str | None:
    """The conventional class a comment system's own class token stands for, or None."""
    if _PLAIN.fullmatch(token):
        return None
    words = _class_words(token)
    where = next((i for i, word in enumerate(words) if word in {"comment", "comments"}), None)
    if where is None or _NOT_A_THREAD_PREFIX & set(words[:where]):
        return None
    suffix = words[where + 1:]
    if words[where] == "comments" and suffix[:1] == ["list"]:
        suffix = suffix[1:]                           # ``comments-list--item``: an item of the list
    if "".join(suffix) in _ROLE_WORDS:
        suffix = ["".join(suffix)] if suffix else []   # ``…AccountName``, ``…UserName``: one part in two words
    if len(suffix) > 2 or any(word not in _ROLE_WORDS for word in suffix):
        return None
    last = suffix[-1] if suffix else ""
    if words[where] == "comments" and _ROLE_WORDS[last] != "comment" or words[where] == "comments" and not last:
        return None                                   # ``comments-list``, ``comments``: the thread, not one comment
    return _ROLE_WORDS[last]


def _conventional_classes(doc) -> None:
    """Give a comment system's own class names the conventional ones every profile reads (``comment``, ``fn``
    and ``comment-author``, ``comment-date``, ``comment-content``, ``comment-meta``; the name, date and header
    are also chrome, removed from a body that holds them), and a CSS module's hashed class its plain name
    (``username--2Y8YKhbw`` is also ``username``): a thread written by a site's own software is read like any
    other. Only known parts are mapped: ``CommentAuthorContainer`` (avatar, name, join date) is no name."""
    for element in doc.iter():
        if not isinstance(element.tag, str) or not element.get("class"):
            continue
        tokens = element.get("class").split()
        added: list[str] = []
        for token in tokens:
            if (hashed := _MODULE_HASH.fullmatch(token)) is not None:
                added.append(hashed.group("stem"))
                token = hashed.group("stem")
            if conventional := _conventional_role(token):
                added.extend(conventional.split())
        added = [c for c in dict.fromkeys(added) if c not in tokens]
        if added:
            element.set("class", " ".join(tokens + added))
    for element in doc.iter():
        if isinstance(element.tag, str) and _unmarked_comment(element):
            element.set("class", f"{element.get('class') or ''} comment".strip())


_REPLY_BOX = {"comment-reply", "comment-answer", "reply", "answer"}


def _unmarked_comment(element) -> bool:
    """A comment box no class names as one: a reply's box (``div.comment-reply``, ``div.answer``) or a box
    anchored as a comment (``li#comment1022147``), outside any comment, that holds a comment's own text element and its header or
    name, and no other comment. A reply button's box holds no text element of its own."""
    tokens = set((element.get("class") or "").split())
    anchored = element.tag in {"li", "div", "article"} and _COMMENT_ANCHOR.match(element.get("id") or "") \
        and not any("comment" in (a.get("class") or "").split() for a in element.iterancestors())
    if "comment" in tokens or not (tokens & _REPLY_BOX or anchored):
        return False                   # WordPress's ``article#div-comment-7`` inside ``li.comment`` is that comment
    texts = element.cssselect(".comment-content")
    heads = element.cssselect(".comment-meta, .comment-author, .fn")
    return len(texts) == 1 and bool(heads) and not element.cssselect(".comment")


def _drop_hidden_labels(doc) -> None:
    """Labels for screen readers ("Author", "Posted on") are not part of a name or a date; hidden
    punctuation is part of the text ("Zugverkehr<span class=visually-hidden>: </span>Im ICE …")."""
    for element in doc.cssselect(_HIDDEN_LABELS):
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
        for element in doc.cssselect(selector):
            if id(element) in excluded or any(id(a) in excluded for a in element.iterancestors()):
                continue
            text = _title_key(_text(element))
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
    shown = _text(title_el)
    key = _title_key(shown)
    parts = {_title_key(_text(child)) for child in title_el.iterdescendants() if isinstance(child.tag, str)}
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
        for element in doc.cssselect(selector):
            if id(element) in excluded or any(id(a) in excluded for a in element.iterancestors()):
                continue
            shown = _text(element)
            if chrome.is_comment_counter(shown) or chrome.is_comment_form(shown):
                continue        # "5 thoughts on “TITLE”" holds every word of the title, and is not it
            text = _title_key(shown)
            if len(text) >= shortest and len(text) <= 300 and _site_heading(element) is False \
                    and max(fuzz.token_set_ratio(text, _title_key(s)) for s in stated) >= 85:
                return element
    return None


_SITE_SEPARATORS = re.compile(r"\s+(?:[|\-–—»:@]|::)\s+|\s*_")


def _without_site(title: str) -> list[str]:
    """The title, and the title without one or more trailing parts (" | Site", " - Section - Site") that
    together are less than half of it."""
    out = [title]
    cuts = [m.start() for m in _SITE_SEPARATORS.finditer(title)]
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
    parts = [html_title]
    for sep in _TITLE_SEPARATORS:
        parts += [p for part in list(parts) for p in part.split(sep)]
    wanted = {" ".join(p.split()).casefold(): len(p) for p in parts if len(p.strip()) >= 3}
    excluded = {id(el) for el in exclude or ()}
    for element in doc.cssselect("h1, h2, h3, a[rel='bookmark']"):
        if id(element) in excluded or any(id(a) in excluded for a in element.iterancestors()):
            continue
        if " ".join(_text(element).split()).casefold() in wanted and not _site_heading(element):
            return element
    return None


_SITE_MARK = re.compile(r"header|site-title|blog-title|site-name|logo|masthead|brand|branding", re.IGNORECASE)


def _site_heading(element) -> bool:
    """The site's name as a heading: marked as the header or logo, or a link to the site's home page."""
    from urllib.parse import urlsplit

    for node in [element, *list(element.iterancestors())[:2]]:
        if _SITE_MARK.search(f"{node.get('id') or ''} {node.get('class') or ''}"):
            return True
    links = [element] if element.tag == "a" else element.findall(".//a")
    return any(urlsplit(a.get("href") or "x").path in {"", "/"} and a.get("href") is not None for a in links)


_BYLINE_TEXT = re.compile(r"(?:^|\s)(?:posted\s+|written\s+|published\s+|geschrieben\s+|veröffentlicht\s+)?"
                          r"(?:by|von|par|por|door)\s+(?P<name>[^|,•·]{2,60}?(?:,\s*[^|,•·\s]{1,12})?)"
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
    text = _text(element)
    if not text or len(text.split()) > 12 or any(isinstance(c.tag, str) and len(_text(c)) == len(text) for c in element):
        return None
    match = _BYLINE_TEXT.search(text)
    before = text[: match.start()].strip(" ,|·•–—-") if match else ""
    if match and (not before or is_date_line(before)) and (name := clean_name(match.group("name"))) \
            and len(name.split()) <= 4 and not re.search(r"\b(?:wordpress|theme)\b", name, re.I):
        return name
    return None


def _byline_element(scope, profile, exclude, loose: bool = False):
    """The first byline that holds a name once labels, dates and verbs are cleaned away, narrowed to the
    names inside it: "Mark Di Stefano" of a byline that also gives his role, "Stella Kim and Jennifer
    Jett" of a byline that marks each name on its own. ``loose``: the last resort, any small element
    whose class speaks of a byline or an author ("pb-byline", "blog-author"), outside comments."""
    excluded = {id(el) for el in exclude or ()}
    alternatives = _LOOSE_BYLINES if loose else (profile.author + ", " + _BYLINES).split(",")
    for alternative in alternatives:
        for element in scope.cssselect(alternative.strip()):
            if id(element) in excluded or any(id(a) in excluded for a in element.iterancestors()):
                continue
            if loose and not _loose_candidate(element):
                continue
            if clean_name(_text(element)):
                return _narrow_byline(element)
    return None


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
    if not _is_small(element) or (controls and sum(len(_text(c)) for c in controls) >= len(_text(element))):
        return False
    return not any("comment" in f"{a.get('class') or ''} {a.get('id') or ''}".casefold()
                   for a in [element, *element.iterancestors()])


def _labelled_byline(scope, exclude):
    """A name printed after a small element that is only an author label ("Autor:", "By")."""
    excluded = {id(el) for el in exclude or ()}
    for element in scope.iter():
        if not isinstance(element.tag, str) or len(element) or not _AUTHOR_LABEL.match(_text(element).strip()):
            continue
        if id(element) in excluded or any(id(a) in excluded for a in element.iterancestors()):
            continue
        following = element.getnext()
        value = (element.tail or "").strip() or (_text(following) if following is not None else "")
        if len(value.split()) <= 6 and (name := clean_name(value)):
            return element, name
    return None, None
_NAME_PART = "[class*='name'], [itemprop='name'], a[href]"


def _narrow_byline(element):
    """Of a byline, the part that is the name(s): the element holding two or more marked names when
    they sit side by side, else the one marked name inside it, else the byline itself."""
    parent = element.getparent()
    if parent is not None and element.get("class") and _is_small(parent):
        same = [c for c in parent if c.tag == element.tag and c.get("class") == element.get("class")
                and clean_name(_text(c))]
        if len(same) >= 2:
            return parent
    whole = clean_name(_text(element)) or ""
    for part in element.cssselect(_NAME_PART):
        name = clean_name(_text(part))
        rest = whole[len(name):] if name and whole.startswith(name) else None
        if rest and len(name.split()) <= 12 and not re.match(r"\s*(?:and|&|und|et|y|e|og|och|en|i)\s", rest):
            return part
    return element


def _is_small(element) -> bool:
    return len(element.text_content().split()) <= 12


def _strip_site(title: str | None, site: str | None) -> str | None:
    if not title:
        return None
    if site:
        for sep in (" | ", " - ", " – ", " — ", " :: ", " » "):
            if title.endswith(sep + site):
                return title[: -len(sep + site)].strip()
            if title.startswith(site + sep):
                return title[len(site + sep):].strip()
    return title


_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " » ", ": ")


def _site_from_title(html_title: str | None, title: str | None) -> str | None:
    """"Post title - Site name" in ``<title>``: the part that is not the post's title names the site."""
    if not html_title or not title or html_title == title:
        return None
    for sep in _TITLE_SEPARATORS:
        if html_title.startswith(title + sep):
            return html_title[len(title + sep):].strip() or None
        if html_title.endswith(sep + title):
            return html_title[: -len(sep + title)].strip() or None
    return None


def _clean_author(name: str) -> str | None:
    return clean_name(name)


def _element_date(element, languages: list[str] | None = None) -> str | None:
    """A date from ``datetime``/``title`` attributes, else from the element's text."""
    if element is None:
        return None
    for attr in ("datetime", "title", "content"):
        value = element.get(attr)
        if value and (iso := iso_or_none(value)):
            return iso
    text = _date_text(element)
    found = find_date(text)
    if found is not None:
        return found.iso
    return words_date(text, languages or list(metadata.DEFAULT_DATE_LANGUAGES))


_CLOCK = re.compile(r"\d{1,2}[:.]\d{2}(?:\s*(?:uhr|h|am|pm))?", re.IGNORECASE)


def _date_text(element) -> str:
    """The element's text, with a date and a time that sit in elements of their own kept apart:
    ``<span>28.09.19</span><span>13:39</span>`` is "28.09.19 13:39", not the year 1913."""
    parts = [part.strip() for part in element.itertext() if part.strip()]
    if len(parts) > 1 and all(is_date_line(part) or _CLOCK.fullmatch(part) for part in parts):
        return " ".join(parts)
    return _text(element)


# ------------------------------------------------------------------ comments

def _find_comments(doc, profile) -> list:
    seen = set()
    found = []
    for element in doc.cssselect(profile.comments):
        if element in seen:
            continue
        seen.add(element)
        found.append(element)
    if not found and profile is not engines.GENERIC:
        found = [el for el in doc.cssselect(engines.GENERIC.comments)]
    found = [el for el in found if _text(el) and not _NOT_A_COMMENT_ID.match(el.get("id") or "")
             and not _NOT_A_COMMENT_ID.match(el.getparent().get("id") or "" if el.getparent() is not None else "")
             and not _comment_button(el, profile) and not _in_widget(el) and not _in_template(el)]
    return _merge_wrappers(found)


def _in_template(element) -> bool:
    """A comment inside a template the page's script copies for new comments (``div.dummy-comment.hidden``,
    ``<template>``): markup for a comment nobody wrote."""
    for node in (element, *element.iterancestors()):
        if node.tag == "template":
            return True
        if any(_class_words(token)[:1] in (["dummy"], ["template"], ["tmpl"])   # not ``page-template-default``
               for token in (node.get("class") or "").split()):
            return True
    return False


# A sidebar or a "recent comments" box lists other pages' comments in the thread's own markup.
_WIDGET = re.compile(r"^(?:(?:widget_)?(?:recent|latest|last|aktuelle|neueste|letzte|derniers)[-_]?"
                     r"(?:comments?|kommentare?|commentaires?)\w*|sidebar\w*|[\w-]*_recentcomments\w*|"
                     r"[\w-]*-(?:recent|latest|aktuelle)-(?:comments?|kommentare)\w*|"
                     r"[\w-]*(?:comments?|kommentare)[-_](?:recent|latest|newest|neueste|aktuelle)\w*)$", re.IGNORECASE)
_SIDEBAR = re.compile(r"^sidebar\w*$", re.IGNORECASE)
# The thread's own list or box: a comment inside it is this page's, whatever a broken page nests it in.
_THREAD_BOX = re.compile(r"^(?:comments|commentlist|comment-list|comments-list|thecomments)$", re.IGNORECASE)


def _in_widget(element) -> bool:
    """A comment inside a sidebar or a recent-comments widget: a teaser of some page's thread, not this one's.
    A recent-comments widget says so wherever it is; a sidebar is one only around a comment that is not in
    the thread's own list (``ol#commentlist``), which a broken page can leave inside an unclosed sidebar."""
    in_thread_box = False
    for node in (element, *element.iterancestors()):
        if not isinstance(node.tag, str) or node.tag in {"body", "html"} or node.find(".//h1") is not None:
            continue             # a layout class on the page or on the box holding the post ("sidebar-right")
        in_thread_box = in_thread_box or bool(_THREAD_BOX.match(node.get("id") or ""))
        tokens = [t for t in (node.get("class") or "").split() + [node.get("id") or ""] if t]
        if any(_WIDGET.match(token) and not (in_thread_box and _SIDEBAR.match(token)) for token in tokens):
            return True
    return False


def _comment_button(element, profile) -> bool:
    """A link or button classed ``comment`` ("Post", "Kommentar schreiben", a count "0"), not a comment: a
    link, or a few words with neither a writer's name nor a date nor a text box of their own in them (a
    nameless "Thanks for explaining." in its ``…-comment-content`` box is a comment)."""
    if element.tag in {"a", "button"}:
        return True
    return len(_text(element).split()) <= 3 and not element.cssselect(profile.comment_author) \
        and not element.cssselect(profile.comment_date) and not element.cssselect(".comment-content")


# ids that start like a comment's but name the form, the list or the count
_NOT_A_COMMENT_ID = re.compile(r"^comment-(?:form|respond|reply|list|count|section|area|wrap|status|subscription)", re.I)


_COUNT_WORDS = (r"(?:comments?|responses?|replies|thoughts?|kommentare?|antworten|gedanken|leserkommentare|"
                r"commentaires?|réponses?|comentarios?|respuestas?|commenti|reacties?|kommentarer|komentarzy?)")
# "12 thoughts on …", "Kommentare ( 56 )", "Comments [3]": the number before the word, or after it in brackets
_COUNTER = re.compile(rf"^\s*(?:(\d{{1,5}})\s+{_COUNT_WORDS}\b|{_COUNT_WORDS}\s*[(\[]\s*(\d{{1,5}})\s*[)\]])",
                      re.IGNORECASE)
_COMMENT_ANCHOR = re.compile(r"^(?:comment|li-comment|div-comment|c)-?\d+$")


def _expected_comments(doc) -> int | None:
    """What the page says or shows: a counter heading ("12 thoughts on ...") or the comments' anchors."""
    for heading in doc.xpath("//h1|//h2|//h3|//h4|//*[contains(@class, 'comments-title')]"
                             "|//*[contains(@class, 'comment-count')]"):
        match = _COUNTER.match(_text(heading))
        if match:
            return int(match.group(1) or match.group(2))
    anchors = {re.sub(r"\D", "", el.get("id")) for el in doc.xpath("//li[@id]|//article[@id]|//div[@id]")
               if _COMMENT_ANCHOR.match(el.get("id") or "") and _text(el)}   # li-comment-7 and comment-7: one
    return len(anchors) or None


_DETECTED = "book-detected"


def _repeated_blocks(doc, profile: engines.Profile, reference: str = "") -> engines.Profile | None:
    """The general detector: sibling blocks of one shape (same tag and class), two or more, each carrying a
    name, then a date, then text, are a thread whose markup no profile knows. The found name, date and
    comment elements are marked with classes, and a profile reading those is returned. Blocks that hold
    most of the page's main text (``reference``, trafilatura's reading) are the article's sections, not
    a thread: an article with a byline in each part must not be taken for its own comments."""
    best: list[tuple] = []
    for parent in doc.iter():
        if not isinstance(parent.tag, str) or len(parent) < 2:
            continue
        shapes: dict[tuple, list] = {}
        for child in parent:
            if isinstance(child.tag, str):
                shapes.setdefault((child.tag, " ".join(sorted((child.get("class") or "").split()))), []).append(child)
        for members in shapes.values():
            if len(members) < 2 or len(members) <= len(best):
                continue
            found = []
            for member in members:                     # the first block without a name and a date ends it
                parts = _name_date_text(member)
                if parts is None:
                    break
                found.append((member, *parts))
            else:
                best = found
    if not best:
        return None
    main = _words(reference)
    if sum(main.values()) >= 50:
        held = sum((main & sum((_words(m.text_content()) for m, _, _ in best), Counter())).values())
        if held >= 0.5 * sum(main.values()):
            return None
    for member, author, date in best:
        member.set("class", f"{member.get('class') or ''} {_DETECTED}-comment".strip())
        author.set("class", f"{author.get('class') or ''} {_DETECTED}-author".strip())
        date.set("class", f"{date.get('class') or ''} {_DETECTED}-date".strip())
    from dataclasses import replace

    return replace(profile, name=f"{profile.name}+repeated-blocks", comments=f".{_DETECTED}-comment",
                   comment_author=f".{_DETECTED}-author", comment_date=f".{_DETECTED}-date", comment_body="",
                   comment_chrome=f".{_DETECTED}-author, .{_DETECTED}-date", first_post_is_post=False)


def _raw(element) -> str:
    """An element's text with its spacing tidied, without the (slower) repairs of :func:`_text`."""
    return " ".join(spaced_text(element).split())


def _name_date_text(block) -> tuple | None:
    """(name element, date element) when ``block`` holds a short name, then a date, then some words of text."""
    if len(block.text_content().split()) > 3000:
        return None
    leaves = [el for el in block.iter() if isinstance(el.tag, str) and el is not block
              and not any(isinstance(c.tag, str) and c.text_content().strip() for c in el)]
    date = next((el for el in block.iter("time") if el.get("datetime")), None)
    if date is None:
        date = next((el for el in leaves if len(_raw(el)) <= 60 and is_date_line(_raw(el))), None)
    if date is None:
        return None
    words = len(block.text_content().split()) - len(_raw(date).split())
    for el in leaves:
        if el is date or date in el.iterancestors():
            break
        text = _raw(el)
        if text and len(text.split()) <= 6 and not is_date_line(text) and (clean_name(text) or is_anonymous(text)) \
                and not chrome.is_chrome_line(text) and words - len(text.split()) >= 3:
            return el, date
    return None


def _merge_wrappers(found: list) -> list:
    """``li.comment`` wrapping ``article.comment``: one comment, not two (the outer one keeps the nesting)."""
    position = {id(el): i for i, el in enumerate(found)}
    kids: dict[int, list[int]] = {}
    for i, element in enumerate(found):
        parent = next((position[id(a)] for a in element.iterancestors() if id(a) in position), None)
        if parent is not None:
            kids.setdefault(parent, []).append(i)
    inner = set()
    for parent, children in kids.items():
        whole = len(_raw(found[parent]).split())       # spaced: "Claire</div><small>August" is two words
        own = whole - sum(len(_raw(found[c]).split()) for c in children)
        if own < 3 or own <= 6 and own < 0.25 * whole:    # SPIP: li.comment-item > div.comment + "Répondre à ce message"
            inner.add(children[0])
    return [el for i, el in enumerate(found) if i not in inner]


def _own(element, selector: str, comments: list):
    """Matches of ``selector`` inside ``element`` but not inside a nested comment."""
    nested = set(comments) - {element}
    out = []
    for match in element.cssselect(selector):
        ancestors = [a for a in match.iterancestors() if a in nested or a is element]
        if match in nested or (ancestors and ancestors[0] is not element):
            continue
        out.append(match)
    return out


class _Comment:
    def __init__(self, author, date, markdown, links, pingback, quote_of, by_post_author=False):
        self.author, self.date, self.markdown = author, date, markdown
        self.links, self.pingback, self.quote_of = links, pingback, quote_of
        self.by_post_author = by_post_author     # WordPress marks the post's writer: ``bypostauthor``


def _read_comment(element, profile, comments, languages: list[str] | None = None) -> _Comment:
    classes = set((element.get("class") or "").split())
    author = _named_author(element, profile, comments)
    if author is None:
        author = _posted_by(element, comments)
    if author is None and (stated := element.get("data-author") or element.get("author")):
        author = _clean_author(stated)       # Reddit: the comment element names its writer
    if author is None:
        author = _heading_name(element, profile, comments)    # a heading may be the comment's title
    dates = _own(element, profile.comment_date, comments)
    date = next((d for d in (_element_date(el, languages) for el in dates) if d), None)
    pingback = bool(classes & {"pingback", "trackback"}) or bool(_PINGBACK_HEAD.match(_text(element)))
    if author and _PINGBACK_HEAD.match(author):
        pingback, author = True, clean_name(_PINGBACK_HEAD.sub("", author))
    body = _comment_body(element, profile, comments)
    if author is None and body is not None:
        author = _header_line_name(element, comments, fix_text(to_markdown(body)))  # "NAME - Le DATE", "On DATE, NAME wrote:"
    links = len([a for a in body.xpath(".//a[starts-with(@href, 'http')]")
                 if "url" not in (a.get("class") or "").split() and not (author and _text(a) == author)
                 and not re.search(r"#comment|/comment/|[?&](?:replytocom|like_comment)=", a.get("href") or "")
                 and not is_date_line(_text(a))]) \
        if body is not None else 0          # the writer's home page and the comment's own permalink are no spam
    quote_of = _quoted_author(body)
    markdown = fix_text(to_markdown(body)) if body is not None else ""
    if author and markdown:
        markdown = _without_header(markdown, author)
    if author and markdown:                 # "### NAME", "**NAME**" heading the text: the header, read already
        paragraphs = markdown.split("\n\n")
        if len(paragraphs) > 1 and clean_name(re.sub(r"[#*_\[\]]|\(http[^)]*\)", "", paragraphs[0])) == author:
            markdown = "\n\n".join(paragraphs[1:])
    if author and markdown:                 # "Comment by NAME — 17.07, 2011 @ 13:04" under the text: metadata
        paragraphs = markdown.split("\n\n")
        if len(paragraphs) > 1 and _POSTED_BY.search(paragraphs[-1]) and author in paragraphs[-1] \
                and len(paragraphs[-1]) <= 160:
            markdown = "\n\n".join(paragraphs[:-1])
    if pingback or _PINGBACK_TEXT.match(markdown):
        pingback = True
        if not author:
            author = _pingback_source(element, profile, comments)
    return _Comment(author, date, markdown, links, pingback, quote_of, "bypostauthor" in classes)


def _named_author(element, profile, comments) -> str | None:
    """The first element the engine's profile names as the writer that holds a name; when the profile's
    own selectors find none, the conventions most themes share (``.fn``, ``.author_name``, ``itemprop``);
    an author element holding only an avatar names the writer by its profile link or its picture."""
    pictured = None
    for selector in dict.fromkeys((profile.comment_author, engines.GENERIC.comment_author)):
        for candidate in _innermost_first(_own(element, selector, comments)):
            if any(a.tag == "blockquote" for a in candidate.iterancestors()):
                continue
            name = _clean_author(_text(candidate))
            if name and not _names_the_page(candidate):
                return name
            if not name and pictured is None:
                pictured = _pictured_name(candidate, element, comments)
    return pictured


def _innermost_first(matches: list) -> list:
    """Matches in document order, but one holding another match after it: ``[itemprop=author]`` holds the
    ``[itemprop=name]`` and, beside it, the reputation and badges that are no part of the name."""
    held = set(matches)
    return sorted(matches, key=lambda match: any(inner in held for inner in match.iterdescendants()))


# "Profilbild von NAME", "Avatar of NAME", "Photo de NAME", "NAME's avatar"
_AVATAR_ALT = re.compile(r"^(?:profilbild|benutzerbild|profile (?:picture|photo|image)|avatar|photo|foto|bild|image|"
                         r"picture|image de profil|photo de profil)\s+(?:of|for|von|de|du|di|del)\s+"
                         r"|(?:'s)?\s+(?:avatar|profile picture|profilbild)$", re.IGNORECASE)


def _pictured_name(candidate, element, comments) -> str | None:
    """An author element that holds only an avatar: the link beside it to the same profile gives the name
    (``<a href=P><img></a> … <a href=P>NAME</a>``), else the picture's alt text ("Profilbild von NAME")."""
    for link in candidate.iter("a"):
        href = link.get("href")
        for other in _own(element, "a[href]", comments) if href else ():
            if other is not link and other.get("href") == href and (name := _clean_author(_text(other))):
                return name
    for picture in candidate.cssselect(f"span.{_AVATAR_NAME}[title]"):
        if name := _clean_author(picture.get("title")):
            return name
    return None


_AVATAR_NAME = "book-avatar-name"


def _keep_avatar_names(doc) -> None:
    """Pictures do not survive sanitising; a picture's alt text that names someone ("Profilbild von NAME")
    is kept beside it as an empty ``span.book-avatar-name[title]``, for :func:`_pictured_name`."""
    for picture in list(doc.iter("img", "amp-img")):
        alt = (picture.get("alt") or "").strip()
        named = _AVATAR_ALT.sub("", alt).strip()
        if named and named != alt and picture.getparent() is not None:
            marker = lxml_html.Element("span", {"class": _AVATAR_NAME, "title": named})
            marker.tail = picture.tail
            picture.tail = None
            picture.addnext(marker)


def _heading_name(element, profile, comments) -> str | None:
    """A theme that prints the writer's name as the comment's heading and gives it no class
    (``<h3>Liberte</h3>``, ``<h3><a href=…>Marius</a></h3>``): the first heading, outside the comment's
    body, when it is a short name."""
    bodies = _own(element, profile.comment_body, comments) if profile.comment_body else []
    for heading in _own(element, "h2, h3, h4, h5, h6", comments):
        if any(body is heading or body in heading.iterancestors() for body in bodies):
            return None
        text = _text(heading)
        return _clean_author(text) if len(text.split()) <= 4 and not _COUNTER.match(text) else None
    return None


def _names_the_page(candidate) -> bool:
    """SPIP's "En réponse à : <a class="url fn">Title</a>": a link back to the article, not a writer."""
    label = (candidate.getparent().text or "") if candidate.getparent() is not None else ""
    return bool(re.search(r"(?:en réponse à|in reply to|antwort auf|re)\s*:\s*$", label, re.IGNORECASE))


def _pingback_source(element, profile, comments) -> str | None:
    """A pingback is signed with the linking post's title, often longer than any person's name (which
    :func:`clean_name` refuses): the named element's or the first link's text, its "Pingback:" cut."""
    for candidate in (*_own(element, profile.comment_author, comments), *_own(element, "a.url, a", comments)):
        title = clean_name(_PINGBACK_HEAD.sub("", _text(candidate)), limit=300)
        if title:
            return title
    return None


_POSTED_BY = re.compile(r"\b(?:(?:posted|written|comment(?:ed)?|submitted) by|(?:geschrieben|verfasst|gepostet) von|"
                        r"(?:écrit|posté|publié) par):?\s*(?P<name>[^|]{1,60}?)\s*(?:\||\bon\b|\bat\b|\bam\b|\ble\b|,|$)",
                        re.IGNORECASE)


def _posted_by(element, comments) -> str | None:
    """Typepad and many older themes: "Posted by: Name | date" in the comment's footer ("geschrieben von
    NAME am DATE" in its metadata line)."""
    for footer in _own(element, ".comment-footer, .comment-byline, .comment-info, .byline, .metadata, .meta, p",
                       comments):
        match = _POSTED_BY.search(_text(footer))
        if match:
            return _clean_author(match.group("name"))
    return None


def _header_line_name(element, comments, markdown: str) -> str | None:
    """The writer a comment's header line names where no element is classed as the name: the text of the
    comment before its words ("Muriel - Le 22/01/2020 à 12:01:03", "On December 23, 2014, at 10:07 PM, NAME
    wrote:", "Posted on DATE | NAME"), read as a metadata line: the name after a label, else beside the date.
    A line with neither a date nor a label names nobody (a comment's title is not its writer)."""
    clone = copy.deepcopy(element)
    nested = set(comments) - {element}
    for original, cloned in zip(list(element.iter()), list(clone.iter()), strict=True):
        if original in nested and cloned.getparent() is not None:
            cloned.drop_tree()
    whole = " ".join(spaced_text(clone).split())
    opening = " ".join(_plain_paragraph(markdown.split("\n\n")[0]).split()[:4])
    where = whole.find(opening) if opening else -1
    candidates = [whole[:where]] if where > 0 else []
    candidates += [_plain_paragraph(p) for p in markdown.split("\n\n")[:3]]
    for candidate in candidates:
        candidate = candidate.strip()
        if not candidate or len(candidate) > 160:
            continue
        found = meta_line(candidate)
        if found and found[0] and (name := _clean_author(found[0])):
            return name
        if (found or _header_fields(candidate)) and len(candidate.split()) <= 6 \
                and (name := _header_fields(candidate) or _clean_author(candidate)):
            return name          # "Merenwen1983 vom 04.06.2022.", "23.09.20 | 18:19 NAME" (a year of two digits)
    return None


def _header_fields(line: str) -> str | None:
    """The one field of a short header that is neither a date nor a clock time: "23.09.20 | 18:19 NAME"."""
    fields = [re.sub(r"^(?:\d{1,2}[:.]\d{2}(?:\s*(?:uhr|h|am|pm))?\s+)+", "", f, flags=re.IGNORECASE).strip()
              for f in re.split(r"\s*[|·•]\s*|\s+[-–—]\s+", line)]
    dated = [f for f in fields if f and (is_date_line(f) or re.fullmatch(r"[\d\s:./-]+", f))]
    rest = [f for f in fields if f and f not in dated]
    if not dated or len(rest) != 1 or len(rest[0].split()) > 4:
        return None
    return _clean_author(rest[0])


def _plain_paragraph(paragraph: str) -> str:
    """A markdown paragraph as the words a reader sees (marks and link targets left out)."""
    return " ".join(re.sub(r"[#*_\[\]]|\(http[^)]*\)", "", paragraph).split())


def _without_header(markdown: str, author: str) -> str:
    """The comment's text without the header lines it opens with when its box was taken whole: the
    writer's name, a date, the comment's number, or a metadata line naming the writer ("Merenwen1983 vom
    04.06.2022.", "Kommentar von NAME")."""
    paragraphs = markdown.split("\n\n")
    while len(paragraphs) > 1:
        first = _plain_paragraph(paragraphs[0])
        if len(first.split()) > 12 or not (clean_name(first) == author or is_date_line(first)
                                            or re.fullmatch(r"#?\d{1,4}\.?", first)      # the comment's number
                                            or _header_fields(first) == author
                                            or (found := meta_line(first)) is not None and found[0]
                                            and _clean_author(found[0]) == author):
            break
        paragraphs = paragraphs[1:]
    return "\n\n".join(paragraphs)


def _comment_body(element, profile, comments):
    """A copy of the comment's own body: nested replies, metadata and chrome removed."""
    clone = copy.deepcopy(element)
    originals = list(element.iter())
    clones = list(clone.iter())
    nested = set(comments) - {element}
    for original, cloned in zip(originals, clones, strict=True):
        if original in nested and cloned.getparent() is not None:
            cloned.drop_tree()
    for selector in (profile.comment_chrome, ".children, .comment-replies, ul.children, ol.children"):
        if selector:
            for match in clone.cssselect(selector):
                if match.getparent() is not None and not _holds_body(match, profile):
                    match.drop_tree()
    bodies = next((found for selector in profile.comment_body.split(",") if selector.strip()
                   and (found := clone.cssselect(selector.strip()))), []) if profile.comment_body else []
    body = bodies[0] if bodies else clone
    remove_chrome(body)          # inside the body only: a chrome class on the box around it is no reason to lose it
    if body.tag == "blockquote" and body is not clone:
        body.tag = "div"        # vBulletin's blockquote.postcontent is the message itself, not a quotation
    return body


def _holds_body(element, profile) -> bool:
    """A chrome class on the comment's own box (SPIP's ``div.comment.reply`` marks a reply, not a reply
    button): an element holding the comment's body is never removed as chrome."""
    return bool(profile.comment_body) and bool(element.cssselect(profile.comment_body))


def _quoted_author(body) -> str | None:
    """Forum replies open with a quote ("Mary wrote:"): the post they answer."""
    if body is None:
        return None
    quote = body.find(".//blockquote")
    if quote is None:
        return None
    cite = quote.find(".//cite")
    text = _text(cite) if cite is not None else _text(quote)[:80]
    match = _QUOTE_CITE.match(text)
    return match.group("name").strip() if match else None


def _detach(comment_elements, doc) -> None:
    """Take the thread out of the page so the post body does not include it."""
    for section in doc.cssselect("#comments, .comments-area, .comments, #disqus_thread, .comment-section, "
                                 "[data-hook='comments-section']"):
        if section.getparent() is not None and not section.cssselect(".entry-content, .post-body"):
            section.drop_tree()
    for element in comment_elements:
        if element.getparent() is not None:
            element.drop_tree()


def _nesting(elements) -> list[int | None]:
    """For each comment, the position of the comment it answers.

    In order: HTML nesting (a reply inside its parent's element); a replies
    list placed right after the parent's element (WordPress.com closes the
    parent ``</li>`` before its ``ul.children``); a ``depth-N`` class in a flat
    list (the nearest comment above of depth N-1); an "in reply to" link to
    the parent's anchor; an ``indented`` class in a flat list (the nearest
    comment above that is not indented).
    """
    position = {id(el): i for i, el in enumerate(elements)}
    by_anchor = {el.get("id"): i for i, el in enumerate(elements) if el.get("id")}
    out: list[int | None] = []
    for index, element in enumerate(elements):
        parent = None
        for ancestor in element.iterancestors():
            if id(ancestor) in position:
                parent = position[id(ancestor)]
                break
            if (boxed := _boxed_comment(ancestor, element, position)) is not None:
                parent = boxed
                break
            previous = ancestor.getprevious()
            while previous is not None and (not isinstance(previous.tag, str)
                                            or id(previous) not in position and not _text(previous)):
                previous = previous.getprevious()      # a comment, a spacer (``div.clearer``), its replies' box
            if previous is not None and ancestor.tag in {"ul", "ol", "div"} \
                    and (held := _one_comment_in(previous, ancestor, position)) is not None:
                parent = held
                break
        if parent is None:
            parent = _reply_link(element, by_anchor, index)
        if parent is None and (depth := _depth(element)) and depth > 1:
            parent = next((k for k in range(index - 1, -1, -1) if _depth(elements[k]) == depth - 1), None)
        if parent is None and _indented(element):
            parent = next((k for k in range(index - 1, -1, -1) if not _indented(elements[k])), None)
        out.append(parent)
    return out


def _one_comment_in(box, replies, position: dict[int, int]) -> int | None:
    """The comment ``box`` is, or the only one it holds (Drupal's ``div.arrow > div.comment`` before the
    ``div.indented`` of its replies); a box of many comments answers for none of them, and a box of the
    same shape as ``replies`` is a peer's wrapper (each top-level comment in its own ``div``), not a parent."""
    if id(box) in position:
        return position[id(box)]
    if (box.tag, box.get("class")) == (replies.tag, replies.get("class")):
        return None
    held = [position[id(el)] for el in box.iterdescendants() if id(el) in position]
    return held[0] if len(held) == 1 else None


def _boxed_comment(ancestor, element, position: dict[int, int]) -> int | None:
    """The comment whose box ``ancestor`` is: ``div#comment-1 > article`` holds the comment's own
    ``article`` and, after it, the replies' boxes. One comment among its children and not the one
    being placed; a thread's list, whose children are many comments, is nobody's box."""
    held = [child for child in ancestor if id(child) in position]
    if len(held) == 1 and held[0] is not element:
        return position[id(held[0])]
    return None


def _indented(element) -> bool:
    """A reply in a flat list marked only by its class: ``comment--indented``, ``indented``, ``indent``,
    ``comment-sub``, ``comment-child``, ``comment-reply`` (answers listed after the comment they answer)."""
    return any(re.search(r"(?:^|[-_])(?:indent(?:ed)?|sub|child|reply)$", token)
               for token in (element.get("class") or "").split())


_DEPTH = re.compile(r"(?:^|\s)(?:depth|[\w-]*level)[-_](\d+)(?:\s|$)")   # depth-2, wc_comment_level-2, comment-level-2


def _depth(element) -> int | None:
    match = _DEPTH.search(element.get("class") or "")
    return int(match.group(1)) if match else None


def _reply_link(element, by_anchor: dict[str, int], index: int) -> int | None:
    """"In reply to <a href="#comment-12">Name</a>": the comment it links to, when that comes earlier."""
    for link in element.xpath(".//a[starts-with(@href, '#')]"):
        label = " ".join((link.getparent().text_content() if link.getparent() is not None else "").split()).casefold()
        if not re.search(r"\b(?:in reply to|reply to|replying to|antwort auf|en réponse à|en respuesta a|@)", label):
            continue
        target = by_anchor.get(link.get("href")[1:])
        if target is not None and target < index:
            return target
    return None


def _emit_comments(comments: list[_Comment], parents: list[int | None], cap: Capture) -> None:
    """Add the comments as units (spam dropped); a reply to a dropped comment answers its parent."""
    unit_of: dict[int, int | None] = {}
    for position, comment in enumerate(comments):
        nested_in = parents[position]
        parent = unit_of.get(nested_in) if nested_in is not None else None
        if comment.quote_of:
            parent = _last_by(cap, comment.quote_of, parent)
        if not comment.markdown.strip():
            cap.drop("empty comment", f"{comment.author or 'unknown'} (no text)")
            unit_of[position] = parent
            continue
        reason = None if comment.pingback or _by_post_author(comment, cap) \
            else spam.spam_reason(comment.markdown, comment.author, comment.links)
        if reason:
            cap.drop(reason, comment.markdown)
            unit_of[position] = parent
            continue
        unit = RawUnit("pingback" if comment.pingback else "comment", comment.markdown,
                       plain_lines(comment.markdown), author=comment.author,
                       author_how="comment header" if comment.author else None, parent=parent, date=comment.date,
                       links=comment.links)
        cap.units.append(unit)
        unit_of[position] = len(cap.units) - 1


def _by_post_author(comment: _Comment, cap: Capture) -> bool:
    """The post's own writer answering in the thread (marked ``bypostauthor``, or signed with the post's byline)
    is never spam, however many links the answer gives."""
    return comment.by_post_author or bool(comment.author and cap.author and comment.author == cap.author)


def _last_by(cap: Capture, name: str, default):
    for index in range(len(cap.units) - 1, 0, -1):
        if cap.units[index].author == name:
            return index
    if cap.author == name:
        return None
    return default


# ------------------------------------------------------------------ post body

def _read_body(doc, profile, first_post, cap: Capture) -> str:
    if first_post is not None:
        body = _comment_body(first_post, profile, [first_post])
        if cap.author is None:
            authors = first_post.cssselect(profile.comment_author)
            cap.author = _clean_author(_text(authors[0])) if authors else None
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
        return extracted
    return markdown


def _agrees(ours: str, theirs: str) -> bool:
    """The profile's body holds trafilatura's main text and not much else: keep its (richer) Markdown."""
    mine, other = Counter(re.findall(r"\w+", ours.casefold())), Counter(re.findall(r"\w+", theirs.casefold()))
    if sum(mine.values()) < 30:
        return False
    common = sum((mine & other).values())
    return common >= 0.95 * sum(other.values()) and common >= 0.95 * sum(mine.values())


def _trafilatura_body(doc) -> str | None:
    """trafilatura's main-content extraction of the page (the thread already taken out)."""
    import trafilatura

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
    for block in markdown.split("\n\n"):
        line = block.strip()
        if chrome.is_chrome_line(line) or chrome.is_comment_counter(line) or chrome.is_comment_form(line):
            continue
        if spam.is_promotion(line.replace("\\", "")):
            cap.drop("promotion", line)
            continue
        if cap.title and normalise_line(line.lstrip("# ")) == cap.title and not kept:
            continue
        if not kept and _byline_or_dateline(line, cap):
            continue        # "Nov. 20, 2019, 9:28 AM UTC", "By Reuters" above the text: the metadata, recorded
        kept.append(block)
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
