"""Comment threads in saved HTML pages: which elements are comments, who wrote each, when, and
which comment it answers.

A comment system's markup is read by its profile (``engines``) when the page names one, by the
conventional class names of the systems that carry most of the web's comments in any spelling
(prefixes, BEM, glued words, CSS modules' hashes), and otherwise by a detector of repeated blocks
that each carry a name, a date and text. Parents come from nesting, ``depth-N`` classes, reply
boxes and "in reply to" links. The post's own reader (``capture_html``) takes the comments out of
the page before it reads the post.
"""

from __future__ import annotations

import contextlib
import contextvars
import copy
import re
from collections import Counter
from collections.abc import Iterator

from lxml import html as lxml_html

from book.sources import chrome, engines, metadata, spam
from book.sources.capture import Capture, RawUnit
from book.sources.clean import fix_text, text_words
from book.sources.css import select
from book.sources.dates import find_date, is_date_line, iso_or_none, words_date
from book.sources.html_clean import remove_chrome
from book.sources.html_markdown import element_text, has_text, plain_lines, spaced_text, to_markdown, word_counts
from book.sources.names import clean_name, is_anonymous
from book.sources.text_header import meta_line

_PINGBACK_TEXT = re.compile(r"^(?:pingback|trackback)\s*:|^\[(?:…|\.\.\.)\]", re.IGNORECASE)
_PINGBACK_HEAD = re.compile(r"^\s*(?:pingback|trackback)\b\s*(?::|von|from|de|di|by|van|od)?\s*", re.IGNORECASE)
_QUOTE_CITE = re.compile(r"^(?P<name>.+?)\s+(?:wrote|said|schrieb|a écrit)\s*:?", re.IGNORECASE)


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
# Conventional classes some systems capitalise (Vanilla: ``span.Author > a.Username``, ``div.Message``): a
# selector's class matches its case only.
_FOLDED = {"username", "author", "message"}


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
    if "--" in token and not re.search(r"comment", token.split("--")[0], re.IGNORECASE):
        return None          # BEM's ``journal-reactions--comment``: the reactions bar in its comment variant
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


def conventional_classes(doc) -> None:
    """Give a comment system's own class names the conventional ones every profile reads (``comment``, ``fn``
    and ``comment-author``, ``comment-date``, ``comment-content``, ``comment-meta``; the name, date and header
    are also chrome, removed from a body that holds them), and a CSS module's hashed class its plain name
    (``username--2Y8YKhbw`` is also ``username``), and a capitalised one its lower-case spelling (``Username``):
    a thread written by a site's own software is read like any other. Only known parts are mapped: ``CommentAuthorContainer`` (avatar, name, join date) is no name."""
    for element in doc.iter():
        if not isinstance(element.tag, str) or not element.get("class"):
            continue
        tokens = element.get("class").split()
        added: list[str] = [token.lower() for token in tokens if token.lower() in _FOLDED and token != token.lower()]
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
    texts = select(element, ".comment-content")
    heads = select(element, ".comment-meta, .comment-author, .fn")
    return len(texts) == 1 and bool(heads) and not select(element, ".comment")


def element_date(element, languages: list[str] | None = None) -> str | None:
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
_LEADING_CLOCKS = re.compile(rf"^(?:{_CLOCK.pattern}\s+)+", re.IGNORECASE)    # "18:19 NAME": the clock before a field


def _date_text(element) -> str:
    """The element's text, with a date and a time that sit in elements of their own kept apart:
    ``<span>28.09.19</span><span>13:39</span>`` is "28.09.19 13:39", not the year 1913."""
    parts = [part.strip() for part in element.itertext() if part.strip()]
    if len(parts) > 1 and all(is_date_line(part) or _CLOCK.fullmatch(part) for part in parts):
        return " ".join(parts)
    return element_text(element)


# ------------------------------------------------------------------ comments

def find_comments(doc, profile) -> list:
    seen = set()
    found = []
    for element in select(doc, profile.comments):
        if element in seen:
            continue
        seen.add(element)
        found.append(element)
    if not found and profile is not engines.GENERIC:
        found = [el for el in select(doc, engines.GENERIC.comments)]
    headed = _holding_h1(doc)
    found = [el for el in found if element_text(el) and not _NOT_A_COMMENT_ID.match(el.get("id") or "")
             and not _NOT_A_COMMENT_ID.match(el.getparent().get("id") or "" if el.getparent() is not None else "")
             and not _comment_button(el, profile) and not _in_widget(el, headed) and not _in_template(el)
             and not _faq_answer(el) and not _in_code(el)]
    signs = ", ".join(dict.fromkeys(filter(None, (profile.comment_author, profile.comment_date, _SIGNS))))
    return _merge_wrappers(_without_containers(_paired_terms(_printed_once(found)), signs))


_ANSWER = re.compile(r"schema\.org/Answer\b", re.IGNORECASE)


def _faq_answer(element) -> bool:
    """A schema.org ``Answer`` that names no writer and no date is an answer of the article's own FAQ (the
    ``acceptedAnswer`` of a ``Question`` in an ``FAQPage``, an accordion under the text), written by the page
    itself: part of the post, not a reply. A Q&A site's answer (Stack Exchange, a forum's) states its writer
    (``itemprop=author``) and when it was written."""
    if not _ANSWER.search(element.get("itemtype") or ""):
        return False
    return not element.xpath(".//*[@itemprop='author' or @itemprop='dateCreated' or @itemprop='datePublished']")


def _printed_once(found: list) -> list:
    """A page that prints its thread twice (a comments block inside the post and the theme's own list, a
    mobile and a desktop layout) repeats each comment's numbered ``id``, which names one comment: its copies
    are left out, with the replies inside them."""
    ids: set[str] = set()
    copies: set = set()
    for element in found:
        anchor = element.get("id") or ""
        if not re.search(r"\d", anchor):
            continue                       # a shared id ("comment-item") names a kind, not one comment
        if anchor in ids:
            copies.add(element)
        else:
            ids.add(anchor)
    return [el for el in found if el not in copies and not any(a in copies for a in el.iterancestors())]


def _paired_terms(found: list) -> list:
    """A comment written as a definition list's pair (Thesis: ``dt.comment`` with the name and date,
    ``dd.comment`` with the text): one comment, the text moved into the header's element."""
    out: list = []
    for element in found:
        if element.tag == "dd" and out and out[-1].tag == "dt" and element.getprevious() is out[-1]:
            out[-1].append(element)
            continue
        out.append(element)
    return out


_SIGNS = f"{engines.GENERIC.comment_author}, {engines.GENERIC.comment_date}"


def _without_containers(found: list, signs: str = _SIGNS) -> list:
    """A "comment" holding two comments or more of one shape, side by side, and few words of its own is the box
    of a thread or of a comment's replies (``div.qq_comment``, ``div.qqcom-sub-comment``), not a comment: its
    comments answer the comment around it, not the box. A comment's own box holds its comment and, deeper,
    the replies (``div#comment-7 > article`` then ``div.children``): a comment. ``signs``: the selectors of
    a writer's name and date, the profile's and the conventional ones."""
    position = {id(el): i for i, el in enumerate(found)}
    nearest = {id(el): next((a for a in el.iterancestors() if id(a) in position), None) for el in found}
    holding: dict[int, list] = {}
    for el in found:
        if nearest[id(el)] is not None:
            holding.setdefault(id(nearest[id(el)]), []).append(el)
    boxes = set()
    for i, element in enumerate(found):
        held = holding.get(id(element), [])
        if len(held) < 2:
            continue
        shape, peers = Counter(_shape(el) for el in held).most_common(1)[0]
        depths = {next(d for d, a in enumerate(el.iterancestors()) if a is element) for el in held
                  if _shape(el) == shape}
        if peers < 2 or peers < 0.6 * len(held) or len(depths) > 1:
            continue                       # a comment's own box beside its replies' box: a comment
        whole = text_words(_raw(element))
        own = whole - sum(text_words(_raw(el)) for el in held)
        if own >= 0.25 * whole:
            continue
        signed = [el for el in _own(element, signs, found) if element_text(el)]
        if not signed:                     # a comment signs its own words (as its system or any theme
            #                                does: ``.by a``, ``.fn``); a box signs none
            boxes.add(i)
    return [el for i, el in enumerate(found) if i not in boxes]


def _in_code(element) -> bool:
    """A comment of a program: a syntax highlighter marks the ``// ...`` of the code it colours with a class
    saying so (``span.token.comment``, ``hljs-comment``, ``lang-comment``), inside the ``<pre>`` or ``<code>``
    that prints the code. No reader's comment stands inside a code listing."""
    return element.tag in ("pre", "code") or any(node.tag in ("pre", "code") for node in element.iterancestors())


def _in_template(element) -> bool:
    """A comment inside a template the page's script copies for new comments (``div.dummy-comment.hidden``,
    ``<template>``): markup for a comment nobody wrote. The page's own ``body`` naming its layout's template
    (``template-single``) is no such copy."""
    for node in (element, *element.iterancestors()):
        if node.tag == "template":
            return True
        if node.tag in {"body", "html"}:
            break                          # the page's layout (``template-single``): no script copies a page
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


def _holding_h1(doc) -> set:
    """The elements that hold an ``h1`` (its ancestors): found once for the page, where asking each comment's
    ancestors in turn (``node.find(".//h1")``) read the whole thread's list once a comment, quadratic in them."""
    return {ancestor for heading in doc.iter("h1") for ancestor in heading.iterancestors()}


def _in_widget(element, headed: set) -> bool:
    """A comment inside a sidebar or a recent-comments widget: a teaser of some page's thread, not this one's.
    A recent-comments widget says so wherever it is; a sidebar is one only around a comment that is not in
    the thread's own list (``ol#commentlist``), which a broken page can leave inside an unclosed sidebar.
    ``headed``: the elements holding an ``h1`` (:func:`_holding_h1`)."""
    in_thread_box = False
    for node in (element, *element.iterancestors()):
        if not isinstance(node.tag, str) or node.tag in {"body", "html"} or node in headed:
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
    return len(element_text(element).split()) <= 3 and not select(element, profile.comment_author) \
        and not select(element, profile.comment_date) and not select(element, ".comment-content")


# ids that start like a comment's but name the form, the list or the count
_NOT_A_COMMENT_ID = re.compile(r"^comment-(?:form|respond|reply|list|count|section|area|wrap|status|subscription)", re.I)


_COUNT_WORDS = (r"(?:comments?|responses?|replies|thoughts?|kommentare?|antworten|gedanken|leserkommentare|"
                r"commentaires?|réponses?|comentarios?|comentários?|respuestas?|commenti|reacties?|kommentarer|"
                r"komentarzy?|komentarze|komentáře|kommentit|yorum(?:lar)?|комментари(?:ев|я|й)|коментар(?:ів|і)|"
                r"评论|評論|コメント|댓글)")
# "12 thoughts on …", "Kommentare ( 56 )", "Comments [3]", "YORUMLAR 21", "评论 66": the number before the word,
# or after it (in brackets, or closing the line, or before words of a script without spaces)
_COUNTER = re.compile(rf"^\s*(?:(\d{{1,5}})\s*{_COUNT_WORDS}(?![^\W\d_])|{_COUNT_WORDS}\s*[(\[]\s*(\d{{1,5}})\s*[)\]]"
                      rf"|{_COUNT_WORDS}\s*[:：]?\s*(\d{{1,5}})(?=\s*$|[^\x00-\x7F]))", re.IGNORECASE)
_COMMENT_ANCHOR = re.compile(r"^(?:comment|li-comment|div-comment|c)-?\d+$")


def declared_comments(elements) -> bool:
    """Comments the page's own structured markup declares as such (schema.org ``Comment``/``UserComments``):
    a blog's thread, whatever its shape, not a forum whose first message is the post."""
    return len(elements) >= 2 and sum(1 for el in elements if re.search(r"schema\.org/(?:User)?Comments?\b",
                                                                        el.get("itemtype") or "")) > len(elements) / 2


def expected_comments(doc) -> int | None:
    """What the page says or shows: a counter heading ("12 thoughts on ...") or the comments' anchors."""
    for heading in doc.xpath("//h1|//h2|//h3|//h4|//*[contains(@class, 'comments-title')]"
                             "|//*[contains(@class, 'comment-count')]|//*[contains(@class, 'comments-count')]"
                             "|//*[contains(@class, 'comment')][contains(@class, 'header') or contains(@class, 'count')"
                             " or contains(@class, 'title')]"):
        match = _COUNTER.match(element_text(heading)[:80])
        if match:
            return int(match.group(1) or match.group(2) or match.group(3))
    anchors = {re.sub(r"\D", "", el.get("id")) for el in doc.xpath("//li[@id]|//article[@id]|//div[@id]")
               if _COMMENT_ANCHOR.match(el.get("id") or "") and element_text(el)}   # li-comment-7 and comment-7: one
    declared = [el for el in doc.xpath("descendant-or-self::*[@itemtype]") if re.search(r"schema\.org/(?:User)?Comments?$",
                                                                      el.get("itemtype") or "") and element_text(el)]
    return max(len(anchors), len(declared)) or None


_DETECTED = "book-detected"


def thread_run(doc) -> list[tuple]:
    """The detector's run of same-shaped sibling blocks with a name, a date and text, as (block, name, date)."""
    token = _RAW_MEMO.set({})          # the page is only read until the marks below: each text laid out once
    try:
        return _best_run(doc)
    finally:
        _RAW_MEMO.reset(token)


def shown_messages(run: list[tuple]) -> int:
    """How many messages a run visibly holds: blocks signed by two or more members (a name linked to the writer's
    page or classed a name) and dated. 0 for one writer's sections. What the S304 check compares the thread read
    with when the page prints no counter."""
    signed = [author for _, author, _ in run if _names_a_member(author)]
    return len(signed) if len(signed) >= 3 and len({_raw(author) for author in signed}) >= 2 else 0


def repeated_blocks(doc, profile: engines.Profile, reference: str = "",
                    run: list[tuple] | None = None) -> engines.Profile | None:
    """The general detector: sibling blocks of one shape (a tag and a class word), two or more, most of them
    carrying a name, a date and text, are a thread whose markup no profile knows. The found name, date and
    comment elements are marked with classes, and a profile reading those is returned. Blocks that hold
    most of the page's main text (``reference``, trafilatura's reading) are the article's sections when one
    writer signs them all (an article with a byline in each part is not its own thread), and else a forum's
    topic, whose first message is the post. ``run``: the page's :func:`thread_run`, when it was found already."""
    best = thread_run(doc) if run is None else run
    if not best:
        return None
    main = word_counts(reference)
    whole_page = False
    if sum(main.values()) >= 50:
        held = sum((main & sum((word_counts(m.text_content()) for m, _, _ in best), Counter())).values())
        if held >= 0.5 * sum(main.values()):
            if len({_raw(author) for _, author, _ in best}) < 2 \
                    or not all(_names_a_member(author) for _, author, _ in best):
                return None        # one writer's sections, or names no class calls names: the article itself
            # the page is the run: a forum's topic, its first message the post, unless that message is
            # itself labelled a reply ("Reply 1 - Posted by:", "Re: TITLE") or the page's main text already
            # runs between the headline and the run: then the post is above the run
            whole_page = not _REPLY_LABEL.match(_raw(best[0][0])) and not _post_above(doc, best[0][0], main)
    for member, author, date in best:
        member.set("class", f"{member.get('class') or ''} {_DETECTED}-comment".strip())
        author.set("class", f"{author.get('class') or ''} {_DETECTED}-author".strip())
        if date is not None:                     # a thread printed without dates (Flarum's server view)
            date.set("class", f"{date.get('class') or ''} {_DETECTED}-date".strip())
        _mark_header(member, author, date)
    from dataclasses import replace

    return replace(profile, name=f"{profile.name}+repeated-blocks", comments=f".{_DETECTED}-comment",
                   comment_author=f".{_DETECTED}-author", comment_date=f".{_DETECTED}-date",
                   comment_body=f".{_DETECTED}-body",
                   comment_chrome=f".{_DETECTED}-author, .{_DETECTED}-date, .{_DETECTED}-head",
                   first_post_is_post=whole_page,
                   author=f".{_DETECTED}-author, {profile.author}" if whole_page else profile.author)


def _post_above(doc, first, main: Counter) -> bool:
    """Whether forty words or more of the page's main text (trafilatura's reading) stand between the headline
    and the run's first block: the post, printed above a list of replies in a shape of its own."""
    headline = next(doc.iter("h1"), None)
    if headline is None:
        return False
    between: Counter = Counter()
    started = False
    for el in doc.iter():
        if el is first:
            break
        if el is headline:
            started = True
            continue
        if started and isinstance(el.tag, str) and headline not in el.iterancestors():
            between.update(word_counts(el.text or ""))
        if started and el is not headline:
            between.update(word_counts(el.tail or ""))
    return sum((between & main).values()) >= 40


_REPLY_LABEL = re.compile(r"\W*(?:re\s*:|reply\b|antwort\b|réponse\b|respuesta\b|risposta\b|回复|回覆|返信)",
                          re.IGNORECASE)


def forget_detected(doc) -> None:
    """Take back the detector's marks where its run was not used (a thread another reader found stands)."""
    for element in doc.xpath(f"descendant-or-self::*[contains(@class, '{_DETECTED}-')]"):
        kept = [token for token in element.get("class").split() if not token.startswith(f"{_DETECTED}-")]
        element.set("class", " ".join(kept))


def _mark_header(block, author, date) -> None:
    """What a block prints before its name and date (a poster's box: "Post # 2", a rank, a post count) is its
    header, when text follows them; a block whose text comes first (the name and date signing it) keeps it.
    The text's own box, when one holds most of the rest, is marked as the comment's body."""
    order = {el: i for i, el in enumerate(block.iter())}
    last = max(order.get(author, 0), order.get(date, 0))
    signed = {author, date} - {None}                 # a thread printed without dates signs by name only

    def holds_signature(el) -> bool:
        return el in signed or any(node in signed for node in el.iterdescendants())

    def end(el) -> int:
        return max((order.get(node, 0) for node in el.iter()), default=order.get(el, 0))
    after = [el for el in block.iter() if isinstance(el.tag, str) and order[el] > last and not holds_signature(el)
             and not any(a in signed for a in el.iterancestors())]
    if sum(len((el.text or "").split()) + len((el.tail or "").split()) for el in after) < 2:
        return
    for el in list(block.iter()):
        if isinstance(el.tag, str) and el is not block and end(el) < last and not holds_signature(el) \
                and not any(_DETECTED + "-head" in (a.get("class") or "") for a in el.iterancestors()):
            el.set("class", f"{el.get('class') or ''} {_DETECTED}-head".strip())
    boxes = [(text_words(_raw(el)), -order[el], el) for el in after
             if el.tag in {"div", "td", "p", "section", "blockquote", "article"} and not _reply_attributes(el)]
    named = [box for box in boxes if box[0] and _class_set(box[2]) & _TEXT_CLASS]
    if named:                            # a box its class calls the text: however short ("Konya spora başarılar")
        boxes = named
    if boxes:
        most = max(words for words, _, _ in boxes)
        rest = text_words(_raw(block)) - text_words(_raw(author)) - (text_words(_raw(date)) if date is not None else 0)
        inner = [el for words, _, el in boxes if words >= 0.8 * most]
        if (named or most >= 0.5 * rest) and inner:
            body = max(inner, key=lambda el: len(list(el.iterancestors())))
            body.set("class", f"{body.get('class') or ''} {_DETECTED}-body".strip())


def _shape(block) -> tuple[str, str]:
    """What blocks of one run share: the tag and the first class word that is no number's
    (``article.post.post-12473807`` and ``article.post.original_post_author.post-12473819`` are one shape)."""
    words = [token for token in (block.get("class") or "").split() if not re.search(r"\d", token)]
    return block.tag, words[0] if words else ""


def _best_run(doc) -> list[tuple]:
    """The longest run of same-shaped sibling blocks most of which hold a name, a date and text, as
    (block, name element, date element); a block or two without them are left out of the run.

    Reading a block may give a bare date or name a ``span`` of its own; each block tried is put back as it
    was, and only the chosen run's blocks are read again to keep theirs: a run not chosen leaves the page
    unchanged for the runs tried after it and for the readers after the detector."""
    best: list = []
    undated: list = []                                 # the best run of blocks signed by a classed name, no dates
    headed = _holding_h1(doc)
    for parent in doc.iter():
        if not isinstance(parent.tag, str) or len(parent) < 2:
            continue
        shapes: dict[tuple, list] = {}
        for child in parent:
            if isinstance(child.tag, str):
                shapes.setdefault(_shape(child), []).append(child)
        for members in shapes.values():
            if len(members) < 2 or len(members) <= len(best):
                continue
            first_two = [_signed(member) for member in members[:2]]
            if first_two == [None, None]:
                continue                               # neither of the first two: no thread (and no cost)
            read = first_two + [_signed(member) for member in members[2:]]
            found = [member for member, signed in zip(members, read) if signed == "dated"]
            if len(found) >= 2 and len(found) >= 0.7 * len(members) and len(found) > len(best) \
                    and not _in_widget(parent, headed):       # a latest-comments box: some page's thread, not this one
                best = found
            elif "dated" not in read and len(members) > len(undated) \
                    and _undated_thread(signed := [m for m, how in zip(members, read) if how], members) \
                    and not _in_widget(parent, headed):
                undated = signed
    best = best or undated
    return [(member, *parts) for member in best if (parts := _name_date_text(member, [])) is not None]


def _undated_thread(found: list, members: list) -> bool:
    """Whether blocks signed by a name their class calls one but dated nowhere are a conversation (Flarum's
    server-rendered view prints no dates): three or more, 70% of the run, each block's text beside its name, and
    a writer signing twice, as people answering each other do; a list of people (a team's cards, testimonials)
    names each once."""
    if len(found) < 3 or len(found) < 0.7 * len(members):
        return False
    names = Counter(_raw(parts[0]).casefold() for member in found if (parts := _name_date_text(member, [])))
    return bool(names) and names.most_common(1)[0][1] >= 2


def _signed(block) -> str | None:
    """"dated" when ``block`` holds a name, a date and text (:func:`_name_date_text`), "undated" when it holds a
    name its class calls one and text but no date, else None; the block left as it was."""
    changes: list = []
    try:
        parts = _name_date_text(block, changes)
        return None if parts is None else "dated" if parts[1] is not None else "undated"
    finally:
        for undo in reversed(changes):
            undo()


# While the detector reads a page, each element's text laid out once: it asks the texts of the same leaves and
# blocks again for every shape of sibling it tries (35,000 times on one page). Keyed by the element object,
# which the dict keeps alive: lxml reuses a freed proxy's ``id()``. The spans a block's reading makes and takes
# back change the text of the element they split (:func:`_changed`): its entry, and its ancestors', are dropped.
_RAW_MEMO: contextvars.ContextVar[dict | None] = contextvars.ContextVar("raw_memo", default=None)


def _changed(element) -> None:
    """Forget the memoised texts of ``element`` and its ancestors, whose text a span made or taken back changed."""
    if (memo := _RAW_MEMO.get()) is not None:
        for node in (element, *element.iterancestors()):
            memo.pop(node, None)


def _raw(element) -> str:
    """An element's text with its spacing tidied, without the (slower) repairs of :func:`_text`."""
    memo = _RAW_MEMO.get()
    if memo is None:
        return " ".join(spaced_text(element).split())
    if (text := memo.get(element)) is None:
        text = memo[element] = " ".join(spaced_text(element).split())
    return text


_TEXT_CLASS = {"content", "text", "body", "message", "inner", "markdown"}
_WHEN_CLASS = {"date", "time", "timestamp", "datetime", "ago", "posted", "when", "published"}
_WHO_CLASS = {"name", "username", "user", "author", "nick", "nickname", "poster", "login", "modname", "fn"}
# "NAME Posted: Oct.28 at 4:22 pm", "NAME says: DATE", "NAME on DATE": a header holding both in one element
_NAME_THEN_WHEN = re.compile(r"^(?P<name>[^\s:|][^:|]{0,39}?)\s+(?:posted|says|said|wrote|schrieb|sagt|a écrit|on|am|le)\b"
                             r"\s*:?\s*(?=\S*\d)", re.IGNORECASE)


# The path segment of a link to a member's page ("/members/27545/name.html", "/u/name", "/profile/7"): the
# link names someone who writes on the site, as a class calling it a name would ("/author/ID" too: teasers of
# other articles that link their writers' pages are set apart by their linked headlines, not by this).
_MEMBER_PATH = re.compile(r"(?:^|/)(?:members?|users?|u|profiles?|authors?|benutzer|mitglied(?:er)?|"
                          r"utilisateurs?|membres?|usuarios?|miembros?|utenti|utente|space-uid)(?:/(?!"
                          r"(?:login|log-in|signin|sign-in|register|signup|sign-up|logout|password)\b)|[-=.]\d|$)",
                          re.IGNORECASE)
# (the member pages' own controls, "/user/login?destination=…" behind "Quote" and "Other", name nobody)


def _names_a_member(element) -> bool:
    """A name its class calls one (``fn``, ``username``), or a link to the writer's page on the site: a forum's
    poster, not an article's section heading."""
    if _class_set(element) & _WHO_CLASS:
        return True
    link = element if element.tag == "a" else next((a for a in element.iterancestors("a")), None)
    return bool(_MEMBER_PATH.search(_link_path((link.get("href") or "") if link is not None else "")))


def _class_set(element) -> set[str]:
    """The last word of each class token: what the element is (``author-totalposts`` is a count, not a name;
    ``bbp-author-name`` is a name)."""
    return {words[-1] for token in (element.get("class") or "").split() if (words := _class_words(token))}


def _when_leaf(leaves: list):
    """The first short leaf that reads as a date line."""
    for el in leaves:
        text = _raw(el)
        if len(text) <= 60 and is_date_line(text):
            return el
    return None


def _classed_when(block):
    """The innermost short element of ``block`` its class calls a date or a time, holding a number ("3 gün
    önce", "Oct.28 at 4:22 pm", "5月19日": dates no reader of dates knows)."""
    found = None
    for el in block.iter():
        if isinstance(el.tag, str) and el is not block and _class_set(el) & _WHEN_CLASS:
            text = _raw(el)
            if len(text) <= 60 and re.search(r"\d", text):
                found = el if found is None or found in el.iterancestors() else found
    return found


def _name_date_text(block, changes: list) -> tuple | None:
    """(name element, date element) when ``block`` holds a short name, a date and some words of text. The
    date is a stamped ``time``, a date line, else an element its class calls a date; the name is an element
    whose class calls it one (wherever it is), else the first name before the date or opening the header
    that holds it, else the name a dated header opens with ("NAME Posted: DATE"), given an element of its own.
    Each span made for a bare date or name adds to ``changes`` the call that takes it back."""
    if len(block.text_content().split()) > 3000:
        return None
    leaves = [el for el in block.iter() if isinstance(el.tag, str) and el is not block
              and not any(isinstance(c.tag, str) and c.text_content().strip() for c in el)]
    if any(_counts_comments(_raw(el)) for el in leaves) or _COUNTED_IN.search(_raw(block)[:160]) \
            or {word for token in (block.get("class") or "").split() for word in _class_words(token)} & _TEASER \
            or _links_a_headline(block):
        return None                      # "Anzahl der Kommentare: 0", "3 comments": a teaser of a post, not a comment
    date = next((el for el in block.iter("time") if el.get("datetime")), None)
    date = date if date is not None else _when_leaf(leaves)
    date = date if date is not None else _classed_when(block)
    date = date if date is not None else _text_node_date(block, changes)
    if date is None:
        return _classed_name_only(block, leaves)
    if date not in leaves:               # a date that was a bare text node, now in a span of its own
        leaves = [el for el in block.iter() if isinstance(el.tag, str) and el is not block
                  and not any(isinstance(c.tag, str) and c.text_content().strip() for c in el)]
    words = text_words(_raw(block)) - text_words(_raw(date))

    def is_name(el) -> bool:
        text = _raw(el)
        return bool(text) and len(text.split()) <= 6 and not is_date_line(text) \
            and bool(clean_name(text) or is_anonymous(text)) and not chrome.is_chrome_line(text) \
            and words - text_words(text) >= 2 and not _in_reply_label(el, block)
    named = next((el for el in leaves if el is not date and _class_set(el) & _WHO_CLASS and is_name(el)), None)
    if named is not None:
        return named, date
    for el in leaves:
        if el is date:
            break
        if is_name(el):                  # a name before the date, or opening the header that holds it
            return el, date
    return _name_in_header(date, words, changes)


# "by NAME" credits an article (a teaser's byline in a list of posts); a message is signed by the name alone
_BYLINE_WORD = re.compile(r"(?:by|von|par|por|di|door|av|af)\s", re.IGNORECASE)


def _classed_name_only(block, leaves: list) -> tuple | None:
    """(name element, None) for a block dated nowhere that holds a short name its class calls one (not in an "in
    reply to" label, not a byline's "by NAME") and some words of text beside it: a message of a thread printed
    without dates."""
    words = text_words(_raw(block))
    for el in leaves:
        text = _raw(el)
        if _class_set(el) & _WHO_CLASS and text and len(text.split()) <= 6 and not is_date_line(text) \
                and clean_name(text) and not chrome.is_chrome_line(text) and words - text_words(text) >= 3 \
                and not _in_reply_label(el, block) and not _BYLINE_WORD.match(text):
            return el, None
    return None


_COUNTED_IN = re.compile(rf"(?:\b\d+\s+{_COUNT_WORDS}\b|{_COUNT_WORDS}\s*[:(\[]\s*\d+)", re.IGNORECASE)
_TEASER = {"teaser", "related", "recent", "latest", "popular", "widget", "promo", "card-post", "excerpt", "testimonial",
           "testimonials"}   # a testimonial quotes a customer on a business's own page: no conversation


def _links_a_headline(block) -> bool:
    """A card whose headline links to another page (``a > h3``, ``h3 > a`` to an address without an anchor):
    a teaser of that page in a carousel or a list of related articles, not a message of this one."""
    for heading in block.iter("h2", "h3", "h4", "h5"):
        link = next(heading.iterancestors("a"), None)
        if link is None:
            link = heading.find(".//a[@href]")
        if link is not None and (href := link.get("href") or "") and "#" not in href:
            return True
    return False


def _counts_comments(text: str) -> bool:
    """A short line counting a post's comments ("12 Kommentare", "Comments (3)", "Anzahl der Kommentare: 0")."""
    text = text.strip(" ,;:|·•-–—")
    return 0 < len(text) <= 40 and (chrome.is_comment_counter(text) or _COUNTER.match(text) is not None
                                    or re.search(rf"{_COUNT_WORDS}\s*:\s*\d+$", text, re.IGNORECASE) is not None)


def _in_reply_label(element, block) -> bool:
    """A name in an "in reply to NAME" link (UBB.threads, forums): whom the message answers, not its writer."""
    for node in (element, *element.iterancestors()):
        if node is block:
            return False
        if re.search(r"\b(?:in reply to|reply to|antwort auf|en réponse à)\b", node.get("title") or "", re.IGNORECASE):
            return True
    return False


# What sets a date apart from its neighbours in one text node: "5/21/2024 4:47:57 AM (No. 1721835)",
# "NAME | 12 May 2020 | #3". Each piece is asked whether it is a date line (the date readers decide, no pattern here).
_TEXT_PIECES = re.compile(r"[()\[\]|·•]|\s[-–—]\s")


def _text_node_date(block, changes: list):
    """A date printed as a bare text node beside a name ("Posted by: <a>NAME</a> 5/21/2024 4:47:57 AM (No. 17)"),
    which no element holds: the first short piece of a text node that reads as a date line, put in a ``span`` of
    its own so that the header's name, date and text are elements as for any other block."""
    for el in block.iter():
        if not isinstance(el.tag, str):
            continue
        for attr, owner in (("text", el), ("tail", el if el is not block else None)):
            text = getattr(owner, attr) if owner is not None else None
            if not text or len(text) > 120 or not re.search(r"\d", text):
                continue
            for piece in _TEXT_PIECES.split(text):
                piece = piece.strip(" ,;:")
                if 6 <= len(piece) <= 60 and re.search(r"\d", piece) and is_date_line(piece):
                    return _span_around(owner, attr, piece, changes)
    return None


def _span_around(owner, attr: str, piece: str, changes: list):
    """Move ``piece`` of ``owner``'s text or tail into a new ``span`` at its place, the text around it kept."""
    text = getattr(owner, attr)
    start = text.index(piece)
    span = lxml_html.Element("span")
    span.text, span.tail = piece, text[start + len(piece):]
    setattr(owner, attr, text[:start])
    if attr == "text":
        owner.insert(0, span)
    else:
        owner.addnext(span)
    _changed(span.getparent())

    def undo() -> None:
        parent = span.getparent()
        parent.remove(span)
        setattr(owner, attr, text)
        _changed(parent)
    changes.append(undo)
    return span


def _name_in_header(date, words: int, changes: list) -> tuple | None:
    """"pee. Posted: Oct.28 at 4:22 pm" in one element: the name it opens with, in a span of its own."""
    if len(date) or not date.text:
        return None
    match = _NAME_THEN_WHEN.match(date.text.strip())
    if match is None or not clean_name(match.group("name")) or words < 2:
        return None
    span = lxml_html.Element("span")
    span.text = match.group("name")
    text = date.text
    date.text = text.strip()[match.end("name"):]
    date.addprevious(span)
    _changed(date)

    def undo() -> None:
        span.getparent().remove(span)
        date.text = text
        _changed(date)
    changes.append(undo)
    return span, date


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


# While a page's comments are read, the set of a thread's comment elements, made once for its list rather than
# once a comment: each comment asks which elements are other comments, and a set of the whole thread each
# time was quadratic (3,000 comments took a minute). Keyed by the list's id() (the memo keeps the list alive)
# and checked against its length: the reader pops the first post off the list it found.
_SETS_MEMO: contextvars.ContextVar[dict | None] = contextvars.ContextVar("comment_sets", default=None)


@contextlib.contextmanager
def reading_thread() -> Iterator[None]:
    """The scope of one page's reading, within which :func:`_comment_set` is made once a list."""
    token = _SETS_MEMO.set({})
    try:
        yield
    finally:
        _SETS_MEMO.reset(token)


def _comment_set(comments: list) -> set:
    """``set(comments)``: once a list (and length) within :func:`reading_thread`, each time outside it."""
    memo = _SETS_MEMO.get()
    if memo is None:
        return set(comments)
    held = memo.get(id(comments))
    if held is None or held[1] != len(comments):
        held = memo[id(comments)] = (comments, len(comments), set(comments))
    return held[2]


def _own(element, selector: str, comments: list):
    """Matches of ``selector`` inside ``element`` but not inside a nested comment."""
    members = _comment_set(comments)
    out = []
    for match in select(element, selector):
        ancestors = [a for a in match.iterancestors() if a in members or a is element]
        if (match is not element and match in members) or (ancestors and ancestors[0] is not element):
            continue
        out.append(match)
    return out


class Comment:
    def __init__(self, author, date, markdown, links, pingback, quote_of, by_post_author=False):
        self.author, self.date, self.markdown = author, date, markdown
        self.links, self.pingback, self.quote_of = links, pingback, quote_of
        self.by_post_author = by_post_author     # WordPress marks the post's writer: ``bypostauthor``


def read_comment(element, profile, comments, languages: list[str] | None = None) -> Comment:
    classes = set((element.get("class") or "").split())
    author = _named_author(element, profile, comments)
    if author is None:
        author = _posted_by(element, comments)
    if author is None and (stated := element.get("data-author") or element.get("author")):
        author = clean_name(stated)       # Reddit: the comment element names its writer
    if author is None:
        author = _profile_link_name(element, comments)
    if author is None:
        author = _heading_name(element, profile, comments)    # a heading may be the comment's title
    dates = _own(element, profile.comment_date, comments)
    date = next((d for d in (element_date(el, languages) for el in dates) if d), None)
    pingback = bool(classes & {"pingback", "trackback"}) or bool(_PINGBACK_HEAD.match(element_text(element)))
    if author and _PINGBACK_HEAD.match(author):
        pingback, author = True, clean_name(_PINGBACK_HEAD.sub("", author))
    body = comment_body(element, profile, comments)
    if author is None and body is not None:
        author = _header_line_name(element, comments, fix_text(to_markdown(body)))  # "NAME - Le DATE", "On DATE, NAME wrote:"
    links = len([a for a in body.xpath(".//a[starts-with(@href, 'http')]")
                 if "url" not in (a.get("class") or "").split() and not (author and element_text(a) == author)
                 and not re.search(r"#comment|/comment/|[?&](?:replytocom|like_comment)=", a.get("href") or "")
                 and not _MEMBER_PATH.search(_link_path(a.get("href") or ""))
                 and not is_date_line(element_text(a))]) \
        if body is not None else 0          # the writer's home page, a member's profile and the comment's own
    #                                         permalink are no spam
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
        author = author or _pingback_source(element, profile, comments)
        author = _whole_title(element, comments, author) if author else None
    return Comment(author, date, markdown, links, pingback, quote_of, "bypostauthor" in classes)


def consistent_authors(elements: list, comments: list[Comment]) -> None:
    """One thread's comments name their writers in the same place: where most of them (60% of three or more) were
    named by the element at one path from the comment (``div.post-header > a.fw-semibold``), a comment named from
    elsewhere, or named by no one, takes the name that path gives it when one element there holds a name: an
    avatar's label, a "Liked by NAME" line or a mention read first is not that comment's writer."""
    leaves = [_own_leaves(element, elements) for element in elements]       # read once: both passes look at them
    paths = [_name_path(element, comment.author, own) if comment.author and not comment.pingback else None
             for element, comment, own in zip(elements, comments, leaves)]
    counted = Counter(path for path in paths if path)
    if not counted:
        return
    path, count = counted.most_common(1)[0]
    if count < 2 or len(elements) < 3 or count < 0.6 * len(elements):
        return
    for element, comment, own, shown in zip(elements, comments, paths, leaves):
        if own == path or comment.pingback:
            continue
        named = [el for el in shown if _path_to(element, el) == path]
        if len(named) == 1 and (name := _display_name(named[0])) and not is_anonymous(name) \
                and not _ADDRESS.search(name):    # a link printing its address names nobody
            comment.author = name


def _own_leaves(element, elements: list) -> list:
    """The short elements of a comment (at most 100 characters of text), not inside a nested comment."""
    members = _comment_set(elements)
    out, stack = [], [child for child in element if isinstance(child.tag, str)]
    while stack:
        node = stack.pop()
        if node in members:
            continue
        text = node.text_content()
        if len(text) <= 100 and text.strip():
            out.append(node)
        if len(text) > 0:
            stack.extend(child for child in node if isinstance(child.tag, str))
    return out


def _path_to(element, inner) -> tuple:
    """The tags and first class words (without digits) from ``element`` down to ``inner``."""
    steps = []
    for node in (inner, *inner.iterancestors()):
        if node is element:
            break
        words = [token for token in (node.get("class") or "").split() if not re.search(r"\d", token)]
        steps.append((node.tag, words[0] if words else ""))
    return tuple(reversed(steps))


def _name_path(element, author: str, leaves: list) -> tuple | None:
    """The path (:func:`_path_to`) of the innermost of ``element``'s own leaves (:func:`_own_leaves`) that displays
    ``author``."""
    found = [el for el in leaves if _display_name(el) == author]
    if not found:
        return None
    deepest = max(found, key=lambda el: len(list(el.iterancestors())))
    return _path_to(element, deepest)


def _named_author(element, profile, comments) -> str | None:
    """The first element the engine's profile names as the writer that holds a name; when the profile's
    own selectors find none, the conventions most themes share (``.fn``, ``.author_name``, ``itemprop``);
    an author element holding only an avatar names the writer by its profile link or its picture."""
    pictured = None
    for selector in dict.fromkeys((profile.comment_author, engines.GENERIC.comment_author)):
        for candidate in _innermost_first(_own(element, selector, comments)):
            if any(a.tag == "blockquote" for a in candidate.iterancestors()):
                continue
            name = _display_name(candidate)
            if name and not _names_the_page(candidate):
                return name
            if not name and pictured is None:
                pictured = _pictured_name(candidate, element, comments)
    return pictured


# What an author element holds beside the name: a badge ("Author", "OP", "Moderator", "Gast"), the verb, a
# counter, a screen reader's label, "Reply to NAME" (wpDiscuz), an avatar.
_BESIDE_NAME = re.compile(r"(?:^|[-_])(?:badge|badges|label|labels|role|roles|flair|rank|tag|tags|pill|chip|status|"
                          r"says|screen-reader-text|sr-only|visually-hidden|count|counter|karma|points|reply-to|"
                          r"in-reply-to|replied-to|avatar|icon)(?:$|[-_])|^(?:says|badge|label)", re.IGNORECASE)


def _display_name(candidate) -> str | None:
    """The name as the author element displays it: its text without the badges, labels and counters its
    theme puts inside it (``<span class="fn">Kim Lee<span class="badge">OP</span></span>`` is "Kim Lee"),
    and whole: an ``@`` inside one text run ("Paula@SweetPea", a link's text) is part of the name, while a
    handle in an element of its own ("Alissa Wilkinson<a>@alissamarie</a>") is not."""
    if (named := _member_name_inside(candidate)) is not None:
        return named
    whole = candidate
    candidate = _without_beside_name(candidate)
    text = element_text(candidate) or element_text(whole)
    if _INITIALS.fullmatch(text.strip()):
        return _initials_title(whole, text.strip())
    handle_apart = any(isinstance(el.tag, str) and (el.text or "").lstrip().startswith("@")
                       for el in candidate.iterdescendants())
    return clean_name(text, handle=handle_apart or "@" not in text)


_INITIALS = re.compile(r"[^\W\d_]")


def _without_beside_name(candidate):
    """``candidate``, or a copy of it without the badges, labels, counters and avatars set beside a name."""
    if not any(isinstance(el.tag, str) and any(_BESIDE_NAME.search(token) for token in (el.get("class") or "").split())
               for el in candidate.iterdescendants()):
        return candidate
    candidate = copy.deepcopy(candidate)
    for el in list(candidate.iterdescendants()):
        if isinstance(el.tag, str) and el.getparent() is not None \
                and any(_BESIDE_NAME.search(token) for token in (el.get("class") or "").split()):
            el.drop_tree()
    return candidate


def _initials_title(candidate, initials: str) -> str | None:
    """An avatar drawn as the writer's initial ("J" in a coloured circle, NodeBB) is no name: the name its
    ``title`` or ``alt`` gives when that starts with the initial ("JonB"), else none, and the next author
    element is read. (Two letters may be a name, "Jo" or "KC": only one letter is taken for an avatar's.)"""
    for el in candidate.iter():
        if not isinstance(el.tag, str):
            continue
        for attribute in ("title", "alt"):
            named = clean_name(el.get(attribute))
            if named and len(named) > len(initials) and named[0].casefold() == initials[0].casefold():
                return named
    return None


def _member_name_inside(candidate) -> str | None:
    """The name inside an author element that is the poster's whole box (``section[itemprop=author]``, a
    forum's author pane: the name, a rank, "Joined 2008", post counts): the schema's ``itemprop=name`` (a
    ``meta``'s content, or the element's text), else the first link to the member's profile page that holds
    a name. None where the element is the name itself, or holds no such part."""
    words = len(element_text(candidate).split())
    for named in candidate.iterdescendants():
        if isinstance(named.tag, str) and named.get("itemprop") == "name":
            name = _member_handle(named.get("content") if named.tag == "meta" else element_text(named))
            if name and len(name.split()) < words:
                return name
    for link in candidate.iterdescendants("a"):
        text = element_text(_without_beside_name(link)).strip()   # an avatar's "G" beside a screen reader's label
        if _MEMBER_PATH.search(_link_path(link.get("href") or "")) \
                and (name := _initials_title(link, text) if _INITIALS.fullmatch(text) else _member_handle(text)) \
                and len(name.split()) < words:
            return name
    return None


def _member_handle(text: str | None) -> str | None:
    """A member's name as the schema or their profile link gives it: a name, or a number a forum's member
    chose as their name ("131359", "8128"), which anywhere else would be a count."""
    if name := clean_name(text):
        return name
    return text.strip() if text and re.fullmatch(r"\d{3,}", text.strip()) else None


def _link_path(href: str) -> str:
    """A link's path on its site, without the scheme and host, query or fragment."""
    path = href.split("?")[0].split("#")[0]
    return path.split("://", 1)[-1].partition("/")[2] if "://" in path else path


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
            if other is not link and other.get("href") == href and (name := clean_name(element_text(other))):
                return name
    for picture in select(candidate, f"span.{_AVATAR_NAME}[title]"):
        if name := clean_name(picture.get("title")):
            return name
    return None


_AVATAR_NAME = "book-avatar-name"
_INDENT = re.compile(r"(?:^|;)\s*(?:margin|padding)-(?:left|inline-start)\s*:\s*(\d+(?:\.\d+)?)\s*(px|em|rem)?",
                     re.IGNORECASE)


_REPLY_BOX_CLASS = re.compile(r"repl(?:ied|y)[-_]?(?:to|comment|of)|in[-_]?reply|parent[-_]?(?:comment|post)",
                              re.IGNORECASE)


def keep_reply_targets(doc) -> None:
    """A reply's box naming the message it answers by an attribute of the board's own (``div.replied-comment-
    rectangle[post-id=12473819]``, "View original reply"): sanitising keeps no such attribute, so its number is
    kept as ``data-reply-to-id``, which :func:`nesting` reads."""
    for element in doc.xpath("descendant-or-self::*[@class]"):
        if not _REPLY_BOX_CLASS.search(element.get("class") or "") or element.get("data-reply-to-id"):
            continue
        for name, value in element.attrib.items():
            if name not in {"class", "id", "style"} and re.fullmatch(r"\d{3,}", value.strip()) \
                    and re.search(r"(?:post|comment|parent|target|reply)[-_]?id|^(?:post|comment|parent)$", name, re.I) \
                    and not re.search(r"^reply[-_]?id$", name, re.I):
                element.set("data-reply-to-id", value.strip())
                break


def keep_indents(doc) -> None:
    """A thread that shows its replies only by indenting them (LiveJournal's ``style="margin-left: 25px"``,
    old boards' spacer styles): sanitising drops inline styles, so each block's left indent is kept as a
    ``data-indent`` attribute, in pixels (an ``em`` as 16), for :func:`nesting`."""
    for element in doc.xpath("descendant-or-self::*[@style]"):
        match = _INDENT.search(element.get("style") or "")
        if match is not None:
            value = float(match.group(1)) * (16 if (match.group(2) or "px").lower() != "px" else 1)
            element.set("data-indent", str(round(value)))


def keep_avatar_names(doc) -> None:
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


def _profile_link_name(element, comments) -> str | None:
    """A comment whose system marks no name by class (Substack: utility classes only) names its writer by
    the link to their profile page in its header: the first such link holding a name, outside the text's
    paragraphs, lists and quotations (where a link to a member is a mention). The link read as an author element
    is (:func:`_display_name`): an avatar's link, its initial "G" beside a screen reader's label, names nobody."""
    for link in _own(element, "a[href]", comments):
        if any(a.tag in {"p", "li", "blockquote"} for a in link.iterancestors() if a is not element) \
                or not _MEMBER_PATH.search(_link_path(link.get("href") or "")):
            continue
        if (name := _display_name(link)) and not _ADDRESS.search(name):
            return name           # as an author element shows it: an avatar's initial and its hidden labels are no name
    return None


_ADDRESS = re.compile(r"https?://|www\.|\.[a-z]{2,}/")   # a link printing its address ("youtube.com/user/x")


def _heading_name(element, profile, comments) -> str | None:
    """A theme that prints the writer's name as the comment's heading and gives it no class
    (``<h3>Liberte</h3>``, ``<h3><a href=…>Marius</a></h3>``): the first heading, outside the comment's
    body, when it is a short name."""
    bodies = _own(element, profile.comment_body, comments) if profile.comment_body else []
    for heading in _own(element, "h2, h3, h4, h5, h6", comments):
        if any(body is heading or body in heading.iterancestors() for body in bodies):
            return None
        text = _without_dates(heading)
        return clean_name(text) if len(text.split()) <= 4 and not _COUNTER.match(text) else None
    return None


def _without_dates(heading) -> str:
    """A heading's text less the date it prints beside the name (``<h4><span>Abdul Majeed</span> <time>3/12/2021
    at 1:48am</time></h4>``): the date's words are not the name's, and would make it too long for one."""
    text = element_text(heading)
    for part in heading.iterdescendants():
        if isinstance(part.tag, str) and (part.tag == "time" or is_date_line(element_text(part))) \
                and (shown := element_text(part).strip()) and shown in text:
            text = text.replace(shown, " ", 1)
    return " ".join(text.split())


def _names_the_page(candidate) -> bool:
    """SPIP's "En réponse à : <a class="url fn">Title</a>": a link back to the article, not a writer."""
    label = (candidate.getparent().text or "") if candidate.getparent() is not None else ""
    return bool(re.search(r"(?:en réponse à|in reply to|antwort auf|re)\s*:\s*$", label, re.IGNORECASE))


def _whole_title(element, comments, cut: str) -> str:
    """A pingback's title as its link shows it: the name read from it may have been cut where a title goes
    on past what a person's name holds ("Links for 2020-05-03 - Blog", "Title – Site"); the link whose text
    holds that name gives the whole title."""
    for link in _own(element, "a[href]", comments):
        text = " ".join(_PINGBACK_HEAD.sub("", element_text(link)).split()).strip(" :|,;·•-–—")
        if cut in text and len(text) <= 300 and not is_date_line(text):
            return text
    return cut


def _pingback_source(element, profile, comments) -> str | None:
    """A pingback is signed with the linking post's title, often longer than any person's name (which
    :func:`clean_name` refuses): the named element's or the first link's text, its "Pingback:" cut."""
    for candidate in (*_innermost_first(_own(element, profile.comment_author, comments)),
                      *_own(element, "a.url, a", comments)):
        title = clean_name(_PINGBACK_HEAD.sub("", element_text(candidate)), limit=300)
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
        match = _POSTED_BY.search(element_text(footer))
        if match:
            return clean_name(match.group("name"))
    return None


def _header_line_name(element, comments, markdown: str) -> str | None:
    """The writer a comment's header line names where no element is classed as the name: the text of the
    comment before its words ("Muriel - Le 22/01/2020 à 12:01:03", "On December 23, 2014, at 10:07 PM, NAME
    wrote:", "Posted on DATE | NAME"), read as a metadata line: the name after a label, else beside the date.
    A line with neither a date nor a label names nobody (a comment's title is not its writer). Under the text,
    only a line naming a writer and a date signs it ("by NAME on DATE at TIME. Reply #")."""
    clone = copy.deepcopy(element)
    members = _comment_set(comments)
    for original, cloned in zip(list(element.iter()), list(clone.iter()), strict=True):
        if original is not element and original in members and cloned.getparent() is not None:
            cloned.drop_tree()
    whole = " ".join(spaced_text(clone).split())
    opening = " ".join(_plain_paragraph(markdown.split("\n\n")[0]).split()[:4])
    where = whole.find(opening) if opening else -1
    candidates = [whole[:where]] if where > 0 else []
    candidates += [_plain_paragraph(p) for p in markdown.split("\n\n")[:3]]
    closing = " ".join(_plain_paragraph(markdown.split("\n\n")[-1]).split()[-4:])
    trailer = whole[whole.rfind(closing) + len(closing):].strip() if closing and closing in whole else ""
    for candidate in candidates + [trailer]:
        candidate = candidate.strip()
        if not candidate or len(candidate) > 160:
            continue
        if candidate is trailer.strip():     # the signature under the text: "by NAME on DATE at TIME. Reply #"
            found = meta_line(candidate)
            if found and found[0] and found[1] and (name := clean_name(found[0])):
                return name
            continue
        found = meta_line(candidate)
        if found and found[0] and (name := clean_name(found[0])):
            return name
        if (found or _header_fields(candidate)) and len(candidate.split()) <= 6 \
                and (name := _header_fields(candidate) or clean_name(candidate)):
            return name          # "Merenwen1983 vom 04.06.2022.", "23.09.20 | 18:19 NAME" (a year of two digits)
    return None


def _header_fields(line: str) -> str | None:
    """The one field of a short header that is neither a date nor a clock time: "23.09.20 | 18:19 NAME"."""
    fields = [_LEADING_CLOCKS.sub("", f).strip() for f in re.split(r"\s*[|·•]\s*|\s+[-–—]\s+", line)]
    dated = [f for f in fields if f and (is_date_line(f) or re.fullmatch(r"[\d\s:./-]+", f))]
    rest = [f for f in fields if f and f not in dated]
    if not dated or len(rest) != 1 or len(rest[0].split()) > 4:
        return None
    return clean_name(rest[0])


def _plain_paragraph(paragraph: str) -> str:
    """A markdown paragraph as the words a reader sees (marks and link targets left out; an escaped mark is
    the reader's character: ``mini\\_voltron`` is "mini_voltron")."""
    plain = re.sub(r"(?<!\\)[#\[\]]|(?<![\w\\])[*_]+|(?<=\w)[*_]+(?!\w)|\(http[^)]*\)", "",
                   re.sub(r"\]\([^)\s]*\)", "]", paragraph))
    return " ".join(re.sub(r"\\([\\`*_{}\[\]()#+.!<>-])", r"\1", plain).split())


def _without_header(markdown: str, author: str) -> str:
    """The comment's text without the header lines it opens with when its box was taken whole: the
    writer's name, a date, the comment's number, or a metadata line naming the writer ("Merenwen1983 vom
    04.06.2022.", "Kommentar von NAME")."""
    paragraphs = markdown.split("\n\n")
    while len(paragraphs) > 1:
        first = _plain_paragraph(paragraphs[0])
        if len(first.split()) > 12 or not (clean_name(first) == author or is_date_line(first)
                                            or _nameless_dateline(first)
                                            or re.fullmatch(r"#?\d{1,4}\.?", first)      # the comment's number
                                            or _COMPACT_AGE.fullmatch(first)              # "20h", "2d": its age
                                            or _header_fields(first) == author
                                            or (found := meta_line(first)) is not None and found[0]
                                            and clean_name(found[0]) == author):
            break
        paragraphs = paragraphs[1:]
    return "\n\n".join(paragraphs)


_COMPACT_AGE = re.compile(r"\d{1,3}\s?(?:s|m|min|h|hr|d|w|mo|y|yr)")
_WHEN_LABEL = re.compile(r"^(?:posted|published|written|submitted|commented|geschrieben|gepostet|veröffentlicht|"
                         r"publié|posté|publicado|pubblicato)?\s*(?:on|at|am|um|le|el|il|em|:)?\s*[:,-]?\s*$", re.IGNORECASE)


def _nameless_dateline(line: str) -> bool:
    """A header line that states only when ("Posted on 04/13/2011 01:51 PM", also where the day and the
    month cannot be told apart): no words of the comment."""
    found = meta_line(line)
    if found is not None and not found[0] and bool(found[1]):
        return True
    date = find_date(line)
    return date is not None and bool(_WHEN_LABEL.match(line.replace(date.text, " ", 1).strip()))


def comment_body(element, profile, comments):
    """A copy of the comment's own body: nested replies, metadata and chrome removed."""
    clone = copy.deepcopy(element)
    originals = list(element.iter())
    clones = list(clone.iter())
    members = _comment_set(comments)
    for original, cloned in zip(originals, clones, strict=True):
        if original is not element and original in members and cloned.getparent() is not None:
            cloned.drop_tree()
    for selector in (profile.comment_chrome, ".children, .comment-replies, ul.children, ol.children"):
        if selector:
            for match in select(clone, selector):
                if match.getparent() is not None and not _holds_body(match, profile):
                    match.drop_tree()
    for marker, _value in _reply_attributes(clone):       # "对 NAME #3 回复": whom it answers, not its words
        if marker is not clone and marker.getparent() is not None and len(marker.text_content().split()) <= 8 \
                and not _holds_body(marker, profile):
            marker.drop_tree()
    bodies = next((found for selector in profile.comment_body.split(",") if selector.strip()
                   and (found := select(clone, selector.strip()))), []) if profile.comment_body else []
    body = bodies[0] if bodies else clone
    remove_chrome(body)          # inside the body only: a chrome class on the box around it is no reason to lose it
    _drop_button_lists(body)
    if body.tag == "blockquote" and body is not clone:
        body.tag = "div"        # vBulletin's blockquote.postcontent is the message itself, not a quotation
    _message_set_as_quote(body)
    return body


def _message_set_as_quote(body) -> None:
    """A blockquote holding the body's whole text is the message set in one (XenForo 1's
    ``blockquote.messageText``), not a quotation of another: a quotation sits beside the words that answer
    it, and says so in its class (``quoteContainer``, ``bbCodeQuote``)."""
    whole = " ".join(element_text(body).split())
    if not whole:
        return
    for quote in body.iter("blockquote"):
        if re.search(r"(?:^|\s)(?:quote|bbcode|cite)", quote.get("class") or "", re.IGNORECASE) or quote.get("cite") \
                or quote.get("data-author"):
            continue                       # (XenForo's ``SelectQuoteContainer`` marks text one may quote)
        if " ".join(element_text(quote).split()) == whole:
            quote.tag = "div"
            return


def _drop_button_lists(body) -> None:
    """A comment's bar of buttons written as a list ("Like · Reply · Parent · Thread · Link", LiveJournal):
    items of a word or two, two or more of them links into one and the same page (the thread's own, with
    another query or anchor). Its links are the page's, not the writer's: no link farm, no words."""
    for listing in list(body.iter("ul", "ol")):
        items = [child for child in listing if isinstance(child.tag, str) and element_text(child)]
        links = [a.get("href") or "" for item in items for a in item.xpath(".//a")]
        if len(links) < 2 or listing.getparent() is None \
                or any(len(element_text(item).split()) > 2 or len(item.xpath(".//a")) > 1 for item in items):
            continue
        if len({re.sub(r"[?#].*", "", href) for href in links}) == 1:
            listing.drop_tree()


def _holds_body(element, profile) -> bool:
    """A chrome class on the comment's own box (SPIP's ``div.comment.reply`` marks a reply, not a reply
    button): an element holding the comment's body is never removed as chrome."""
    return bool(profile.comment_body) and bool(select(element, profile.comment_body))


def _quoted_author(body) -> str | None:
    """Forum replies open with a quote ("Mary wrote:"): the post they answer."""
    if body is None:
        return None
    quote = body.find(".//blockquote")
    if quote is None:
        return None
    cite = quote.find(".//cite")
    text = element_text(cite) if cite is not None else element_text(quote)[:80]
    match = _QUOTE_CITE.match(text)
    return match.group("name").strip() if match else None


def detach(comment_elements, doc) -> None:
    """Take the thread out of the page so the post body does not include it."""
    for section in select(doc, "#comments, .comments-area, .comments, #disqus_thread, .comment-section, "
                                 "[data-hook='comments-section']"):
        if section.getparent() is not None and not select(section, ".entry-content, .post-body"):
            section.drop_tree()
    for element in comment_elements:
        if element.getparent() is not None:
            element.drop_tree()


def nesting(elements) -> list[int | None]:
    """For each comment, the position of the comment it answers.

    In order: HTML nesting (a reply inside its parent's element); a replies
    list placed right after the parent's element (WordPress.com closes the
    parent ``</li>`` before its ``ul.children``); a ``depth-N`` class in a flat
    list (the nearest comment above of depth N-1); an "in reply to" link to
    the parent's anchor; an ``indented`` class in a flat list (the nearest
    comment above that is not indented); a left indent in a flat list (the
    nearest comment above that is indented less).
    """
    position = {id(el): i for i, el in enumerate(elements)}
    by_anchor = {el.get("id"): i for i, el in enumerate(elements) if el.get("id")}
    indents, base = _indents(elements)
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
                                            or id(previous) not in position and not has_text(previous)):
                previous = previous.getprevious()      # a comment, a spacer (``div.clearer``), its replies' box
            if previous is not None and ancestor.tag in {"ul", "ol", "div"} \
                    and (held := _one_comment_in(previous, ancestor, position)) is not None:
                parent = held
                break
        if parent is None:
            parent = _reply_link(element, by_anchor, index)
        if parent is None:
            parent = _reply_attribute(element, elements, index)
        if parent is None and (depth := _depth(element)) and depth > 1:
            parent = next((k for k in range(index - 1, -1, -1) if _depth(elements[k]) == depth - 1), None)
        if parent is None and _indented(element):
            parent = next((k for k in range(index - 1, -1, -1) if not _indented(elements[k])), None)
        if parent is None and indents[index] is not None and indents[index] > base:
            parent = next((k for k in range(index - 1, -1, -1)
                           if indents[k] is not None and indents[k] < indents[index]), None)
        out.append(parent)
    return out


def _indents(elements) -> tuple[list[int | None], int]:
    """Each comment's left indent (:func:`keep_indents`, on the comment or the box right around it) and the
    smallest one; none where the comments do not differ in indent (a style on every block says nothing)."""
    def indent(element) -> int | None:
        for node in (element, *list(element.iterancestors())[:2], *element.iterchildren()):
            if isinstance(node.tag, str) and node.get("data-indent") is not None:
                return int(node.get("data-indent"))
        return None
    found = [indent(element) for element in elements]
    known = {value for value in found if value is not None}
    if len(known) < 2:
        return [None] * len(elements), 0
    return found, min(known)


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
    held = None
    for child in ancestor:          # stop at a second comment: a thread's list holds thousands
        if id(child) in position:
            if held is not None:
                return None
            held = child
    return position[id(held)] if held is not None and held is not element else None


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


# An attribute naming the message a reply answers: Ruby China's ``data-reply-to-id``, ``data-parent-id``,
# ``data-in-reply-to``.
_REPLY_ATTRIBUTE = re.compile(r"^data-(?:in-)?(?:reply-?to|parent)(?:-?(?:id|comment))?$", re.IGNORECASE)


def _reply_attributes(element) -> list[tuple]:
    """(element, value) of each reply-to attribute on ``element`` and its descendants."""
    return [(node, value) for node in element.iter() if isinstance(node.tag, str)
            for name, value in node.attrib.items() if _REPLY_ATTRIBUTE.match(name) and value.strip()]


def _reply_attribute(element, elements, index: int) -> int | None:
    """The earlier comment a reply-to attribute names by its ``data-id`` or its ``id`` (``reply-380876``)."""
    for _node, value in _reply_attributes(element):
        value = value.strip().lstrip("#")
        for k in range(index - 1, -1, -1):
            ids = (elements[k].get("data-id") or "", elements[k].get("id") or "")
            if value in ids or any(re.fullmatch(rf"[A-Za-z_-]*{re.escape(value)}", i) for i in ids if i):
                return k
    return None


def emit_comments(comments: list[Comment], parents: list[int | None], cap: Capture) -> None:
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
        if reason == spam.LINK_FARM and _in_conversation(comment, parent, cap):
            reason = None
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


def _in_conversation(comment: Comment, parent: int | None, cap: Capture) -> bool:
    """A reply by a writer whose comment the thread already holds, answering a reply to them or a comment,
    is their turn in a conversation: links they give there (places to try, sources) are no link farm, which
    a bot posts once, at the top of the thread, under a name nobody answers."""
    if parent is None or not comment.author:
        return False
    return any(unit.kind == "comment" and unit.author == comment.author for unit in cap.units[1:])


def _by_post_author(comment: Comment, cap: Capture) -> bool:
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
