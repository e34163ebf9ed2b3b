"""Forum threads in saved HTML pages whose software no profile knows: the numbered-post ("postbit") reader.

Forum software of every make (phpBB, vBulletin, XenForo, MyBB, Invision, Flarum, Discourse's
rendered page, WordPress forum plugins, …) prints a thread as sibling blocks of one shape, each
holding the poster's box (a name linked to a profile, a rank, a join date, a post count), the
message's date, often its number ("#12"), and the message. This reader finds such a run of
blocks by that shape, not by one engine's class names: the block with a poster, a date outside
the poster's box, and a body of text. The first message is the post and the others reply to it
(quoted text is no parent). The run must hold most of the page's main text, so a blog's comment
list under an article is never taken for a forum.

It marks what it found with classes and returns a profile that reads them, as
``html_thread.repeated_blocks`` does for comment lists.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timezone

from book.sources import engines
from book.sources.dates import find_date, relative_date, words_date
from book.sources.clean import text_words
from book.sources.html_markdown import element_text, word_counts
from book.sources.names import clean_name
from book.sources.text_lines import folded_words

_MARK = "book-forum"
# A link to the poster's profile page, in the URL shapes of the common forum programs.
_PROFILE_HREF = re.compile(r"(?:member|profile|/u/|/user|users?[/=]|/people/|viewprofile|/author/|/membres?/|"
                           r"/mitglied|showuser|[?&](?:u|uid|userid)=\d)", re.IGNORECASE)
# Class words of the element that names the poster.
_NAME_CLASS = re.compile(r"(?:^|[-_\s])(?:user(?:name)?|author|poster|member|name|nick(?:name)?|profile(?:-link)?|"
                         r"creator)(?:$|[-_\s])", re.IGNORECASE)
_NAME_CLASS_GLUED = re.compile(r"(?:username|postername|authorname|author|poster|membername|nickname)", re.IGNORECASE)
# Class words of what sits beside the name in the poster's box: a rank, a badge, a group, an avatar.
_NOT_NAME_CLASS = re.compile(r"title|rank|avatar|badge|role|group|status|online|count|stat|card|block-meta",
                             re.IGNORECASE)
# The poster's box states when they joined: that date is not the message's.
_JOINED = re.compile(r"\b(?:joined|join date|registered|member since|registriert|mitglied seit|dabei seit|"
                     r"beigetreten|registrato|iscritto|inscrit|inscription|registrado|miembro desde|lid sinds|"
                     r"geregistreerd|bergabung|zarejestrowany|注册|註冊|加入)\b", re.IGNORECASE)
# A message's own number or the poster's statistics: what makes a run of blocks a forum's and not a list.
_POST_NUMBER = re.compile(r"(?:^|\s)(?:#|post\s*#?|beitrag\s*#?|message\s*#?|n°\s*)\d{1,6}\b", re.IGNORECASE)
_STATS = re.compile(r"\b(?:posts|messages|beiträge|messaggi|mensajes|berichten|reputation|reaction score|threads|"
                    r"themen|likes received)\s*:?\s*[\d.,]+\b|\b[\d.,]+\s+(?:posts|beiträge|messages)\b",
                    re.IGNORECASE)
# A link to the poster's profile that is not their name: the avatar, a badge or a group beside it (a link's
# "title" class is an item's title, as Misago's ``a.item-title``, not the rank that "title" names in a box).
_NOT_LINK_CLASS = re.compile(r"rank|avatar|badge|role|group|status|online|count|stat|card|block-meta", re.IGNORECASE)
_QUOTE_CLASS = re.compile(r"quote|bbcodeblock|citation|zitat", re.IGNORECASE)
_SIGNATURE = ("[class*='signature'], [class*='Signature'], [class*='postsig'], [id*='signature'], "
              f".{_MARK}-hidden")
_MIN_BODY_WORDS = 2


def mark_before_sanitising(doc) -> None:
    """What sanitising would lose and the reader needs: Discourse's ``data-time`` stamps (written out as
    ``datetime``) and the messages' hidden parts (a quote kept for the "Quote" button, ``display: none``),
    marked by a class so a message's text leaves them out."""
    for stamped in doc.xpath("descendant-or-self::*[@data-time]"):
        _epoch_datetime(stamped)
    for hidden in doc.xpath("descendant-or-self::*[@hidden or contains(translate(@style, ' ', ''), 'display:none')]"):
        hidden.set("class", f"{hidden.get('class') or ''} {_MARK}-hidden".strip())


def forum_thread(doc, profile: engines.Profile, reference: str = "") -> engines.Profile | None:
    """A profile reading the page's run of forum messages, or None when the page holds none.

    ``reference`` is trafilatura's reading of the page: a run that does not hold most of its words
    is a comment list beside an article, not a forum thread."""
    runs: list[list[tuple]] = []
    for members in _sibling_runs(doc):
        if not all(_could_hold_a_message(m) for m in members[:2]):
            continue                              # cheap checks on the first two blocks before all of them
        first_two = [_message_parts(m) for m in members[:2]]
        if any(parts is None for parts in first_two) or not _forum_like(first_two):   # type: ignore[arg-type]
            continue
        found = [parts for member in members if (parts := _message_parts(member)) is not None]
        if len(found) < 2 or len(found) < 0.7 * len(members) or found[0][0] is not members[0] \
                and _words(members[0]) >= 20:
            continue
        if _forum_like(found):
            runs.append(found)
    best = max((run for run in runs if not _holds_a_run(run, runs)), key=len, default=[])
    if not best or not _holds_main_text(best, reference):
        return None
    for member, author, date, body in best:
        for element, role in ((member, "post"), (author, "author"), (date, "date"), (body, "body")):
            element.set("class", f"{element.get('class') or ''} {_MARK}-{role}".strip())
    if _opens_before(doc, best, reference):            # a question above its answers: the answers reply to it
        return replace(profile, name=f"{profile.name}+forum-answers",
                       comments=f".{_MARK}-post, {profile.comments}" if profile.comments else f".{_MARK}-post",
                       comment_author=f".{_MARK}-author, {profile.comment_author}".rstrip(", "),
                       comment_date=f".{_MARK}-date, {profile.comment_date}".rstrip(", "),
                       comment_chrome=", ".join(filter(None, (_SIGNATURE, profile.comment_chrome))),
                       first_post_is_post=False)
    return replace(profile, name=f"{profile.name}+forum-posts", comments=f".{_MARK}-post",
                   author=f".{_MARK}-author", date=f".{_MARK}-date",      # the first message's, for the post
                   comment_author=f".{_MARK}-author", comment_date=f".{_MARK}-date",
                   comment_body=f".{_MARK}-body", comment_chrome=_SIGNATURE, first_post_is_post=True)


def _holds_a_run(run: list[tuple], runs: list[list[tuple]]) -> bool:
    """Whether a block of ``run`` holds two messages of a longer run: it is the box around a list of
    replies (beside the topic's box), not a message (a message holding its poster's box twice, for wide
    and narrow screens, is still one)."""
    for member, *_parts in run:
        for other in runs:
            if len(other) > len(run) and sum(1 for block, *_rest in other if member in block.iterancestors()) >= 2:
                return True
    return False


def read_by_posts(profile: engines.Profile) -> bool:
    """Whether ``profile`` is this reader's: its first message is the post as the page marks it, which a
    reading of the whole page (the thread, posters' boxes and all) must not replace."""
    return profile.name.endswith("+forum-posts")


def _sibling_runs(doc):
    """Runs of sibling elements of one shape: the same tag and a class word, or the same id stem
    (``post_1082``, ``postid-119146``, ``p57944``); a block may belong to several runs."""
    for parent in doc.iter():
        if not isinstance(parent.tag, str) or len(parent) < 2:
            continue
        runs: dict[tuple, list] = {}
        for child in parent:
            if not isinstance(child.tag, str) or child.tag in {"script", "style", "a", "span", "br", "img"}:
                continue
            keys = {(child.tag, "class", token) for token in (child.get("class") or "").split()}
            stem = re.fullmatch(r"([A-Za-z][A-Za-z_-]*?)[_-]?\d+", child.get("id") or "")
            if stem:
                keys.add((child.tag, "id", stem.group(1)))
            for key in keys:
                runs.setdefault(key, []).append(child)
        seen: set[tuple[int, ...]] = set()
        for members in runs.values():
            key = tuple(id(m) for m in members)
            if len(members) >= 2 and key not in seen:
                seen.add(key)
                yield members


def _words(element) -> int:
    return text_words(element.text_content())




def _could_hold_a_message(member) -> bool:
    """A block worth reading closely: some words, a digit (a date has one, here or in the header block
    before it) and a link or a class to name a poster by."""
    text = member.text_content()
    if not 4 <= text_words(text) <= 5000 or member.find(".//a") is None and member.find(".//*[@class]") is None:
        return False
    return any(c.isdigit() for c in text) \
        or (header := _header_before(member)) is not None and any(c.isdigit() for c in header.text_content())


def _message_parts(member) -> tuple | None:
    """(block, poster element, date element, body element) when ``member`` holds a forum message."""
    if _words(member) > 5000:
        return None
    author = _poster(member)
    if author is None:
        return None
    date = _message_date(member, author)
    if date is None and (header := _header_before(member)) is not None:
        date = _message_date(header, author)    # bbPress: "DATE #N" in a header block before the message's
    if date is None:
        return None
    body = _body(member, author, date)
    if body is None:
        return None
    return member, author, date, body


def _header_before(member):
    """The short block right before ``member`` that names no poster: the message's header, where a forum
    prints the date and number above a block holding the poster and the text (bbPress)."""
    previous = member.getprevious()
    while previous is not None and not isinstance(previous.tag, str):
        previous = previous.getprevious()
    if previous is None or previous.tag != member.tag or _words(previous) > 30 or _poster(previous) is not None:
        return None
    return previous


def _in_quote(element, member) -> bool:
    for node in element.iterancestors():
        if node is member:
            return False
        if node.tag == "blockquote" or _QUOTE_CLASS.search(node.get("class") or ""):
            return True
    return False


def _poster(member):
    """The first element naming the poster: a link to a profile page, else an element classed as a name;
    inside it, the innermost name (the avatar's initial or the badge beside it is no part of it)."""
    for by_link in (True, False):
        for element in member.iter("a") if by_link else member.iter():
            if not isinstance(element.tag, str) or element is member:
                continue
            classes = element.get("class") or ""
            if by_link and (not _PROFILE_HREF.search(element.get("href") or "") or _NOT_LINK_CLASS.search(classes)):
                continue
            if not by_link and (not (_NAME_CLASS.search(classes) or _NAME_CLASS_GLUED.search(classes))
                                or _NOT_NAME_CLASS.search(classes)):
                continue
            raw = element.text_content()
            if len(raw) > 200 or _in_quote(element, member) or not by_link and element.xpath(".//*[@datetime]"):
                continue
            text = " ".join(element_text(element).split())
            if not text or len(text.split()) > 5 or len(text) > 60 or find_date(text) or not clean_name(text):
                continue
            inner = next((d for d in element.iterdescendants() if isinstance(d.tag, str)
                          and _NAME_CLASS.search(d.get("class") or "")
                          and not _NOT_NAME_CLASS.search(d.get("class") or "")
                          and clean_name(element_text(d))), None)
            return inner if inner is not None else element
    return None


def _message_date(member, author):
    """The message's date: a ``time`` element or a label whose tooltip is a date ("7 days ago" titled
    "posted May 20, 2024"), else the smallest element whose text holds a date or a time relative to the
    page's saving ("1 月前", "2 weeks 6 days ago", as "timeago" labels print it); never the join date in
    the poster's box ("Joined: Apr 18, 2015", "Registrato: 13 06 2002") nor a quoted one."""
    candidates = [el for el in member.iter() if isinstance(el.tag, str) and _stamped(el)
                  and not _in_quote(el, member)]
    candidates += [el for el in member.iter() if isinstance(el.tag, str) and not _stamped(el)
                   and len(el) <= 6 and len(" ".join(el.text_content().split())) <= 80
                   and not _in_quote(el, member)]
    for element in candidates:
        if element is author or author in element.iterdescendants():
            continue
        text = " ".join(element.text_content().split())
        stamped = _stamped(element)
        if not stamped and not (find_date(text) or words_date(text) or relative_date(text)):
            continue
        if not stamped and any(find_date(" ".join(element_text(c).split())) for c in element
                                         if isinstance(c.tag, str)):
            continue                                 # a smaller element holds the date: that one
        if _joined(element):
            continue
        return element
    return None


def _stamped(element) -> bool:
    """An element dated by its markup: ``datetime``, or a short label whose ``title`` is a full date."""
    if element.get("datetime"):
        return True
    tooltip = element.get("title") or ""
    return len(tooltip) <= 60 and len(element.text_content()) <= 40 and bool(find_date(tooltip) or words_date(tooltip))


def _epoch_datetime(element) -> None:
    """Discourse's rendered page dates a message by ``data-time`` (milliseconds since 1970) on a "2 days"
    label: written out as ``datetime`` for the date readers."""
    stamp = element.get("data-time") or ""
    if element.get("datetime") or not stamp.isdigit():
        return
    seconds = int(stamp) / (1000 if len(stamp) >= 12 else 1)
    element.set("datetime", datetime.fromtimestamp(seconds, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))


def _joined(element) -> bool:
    """A join date: labelled so in its text, by the element before it (``<dt>Joined</dt><dd>…``) or by its box."""
    previous = element.getprevious()
    parent = element.getparent()
    texts = [element_text(element), element_text(previous) if previous is not None else ""]
    if parent is not None and len(element_text(parent)) <= 120:
        texts.append((parent.text or "") + " ".join(element_text(c) for c in parent if c is not element)[:60])
    return any(_JOINED.search(text) for text in texts)


def _body(member, author, date):
    """The largest element of the block holding neither the poster nor the date: the message."""
    path = {member, *author.iterancestors(), *date.iterancestors()}   # a set of the elements: their proxies live
    best, best_words = None, _MIN_BODY_WORDS - 1
    for node in member.iter():                  # the largest elements beside the poster's and the date's paths
        if node not in path:
            continue
        for element in node:
            if not isinstance(element.tag, str) or element in path or element is author or element is date \
                    or element.tag in {"a", "span", "img", "time"} or _in_quote(element, member) \
                    or f"{_MARK}-hidden" in (element.get("class") or ""):      # a rank's tooltip, a hidden menu
                continue
            words = _words(element)
            if words > best_words:
                best, best_words = element, words
    while best is not None:      # the box around the message holds its header too ("Share", "Posted May 2")
        boxes = [c for c in best if isinstance(c.tag, str) and c.tag in _BOXES
                 and not _QUOTE_CLASS.search(c.get("class") or "")
                 and f"{_MARK}-hidden" not in (c.get("class") or "")]
        inner = max(boxes, key=_words, default=None)
        if inner is None:
            break
        aside = sum(_words(c) for c in boxes if c is not inner and _names_poster(c, author))
        if best_words - aside - _words(inner) > max(20, 0.1 * best_words) \
                or _words(inner) < 0.5 * (best_words - aside):
            break
        best, best_words = inner, _words(inner)
    return best


def _names_poster(box, author) -> bool:
    """A short box naming the message's poster again: its header ("Replied by NAME on topic TITLE")."""
    name = " ".join(author.text_content().split())
    return bool(name) and _words(box) <= 40 and any(" ".join(el.text_content().split()) == name
                                                     for el in box.iter("a", "em", "strong", "b", "span"))


# Boxes a message's text may sit in, inside the box that also holds its header and buttons (never a
# paragraph or a quotation: descending into one would leave the rest of the message out).
_BOXES = {"div", "section", "article", "main", "td", "tr", "tbody", "table"}


def _forum_like(found: list[tuple]) -> bool:
    """Most blocks show a forum's marks: the message's number ("#12", "Post #2"), the poster's statistics
    ("Posts: 486") or a poster's box of its own (name, rank, group, counts beside the message)."""
    marked = sum(1 for member, author, date, body in found
                 if _POST_NUMBER.search(text := " ".join(_marks_text(member, date)[:3000].split())) or _STATS.search(text)
                 or max(_poster_box_lines(member, named, body) for named in _same_names(member, author)) >= 4)
    return marked >= 0.5 * len(found)


def _marks_text(member, date) -> str:
    """The block's text, and its header's when the date was found in one before it."""
    header = next((a for a in date.iterancestors() if a.getnext() is member), None) \
        if member not in date.iterancestors() else None
    return (header.text_content() + " " if header is not None else "") + member.text_content()


def _same_names(member, author) -> list:
    """Every element of the block naming the poster as ``author`` does (Invision prints the name twice)."""
    name = author.text_content().strip()
    return [el for el in member.iter("a", "span", "strong", "b", "h3", "h4", "div")
            if len(el) <= 3 and el.text_content().strip() == name] or [author]


def _poster_box_lines(member, author, body) -> int:
    """How many short texts the poster's box holds: the largest box around the name that is not the message's."""
    box = author
    for node in author.iterancestors():
        if node is member or body in node.iterdescendants():
            break
        box = node
    return sum(1 for text in box.itertext() if text.strip() and len(text.split()) <= 5)


def _opens_before(doc, found: list[tuple], reference: str) -> bool:
    """Whether the page's main text (trafilatura's reading) opens with a message the run does not hold: a
    Q&A page's question, printed above the run of its answers with its own poster and date, is the post,
    and the first answer is not (a forum's announcement box above the thread names no poster)."""
    first = next((line for line in reference.split("\n") if text_words(line) >= 8), None)
    if first is None or any(folded_words(first) in folded_words(member.text_content()) for member, *_rest in found):
        return False
    opening = " ".join(folded_words(first).split()[:4])
    members = {member for member, *_rest in found}
    for element in doc.iter():
        if not isinstance(element.tag, str) or opening not in folded_words(element.text or ""):
            continue
        for box in list(element.iterancestors())[:12]:
            if any(m in members for m in box.iterdescendants()):
                break
            if (parts := _message_parts(box)) is not None:
                return opening in folded_words(parts[3].text_content())    # the prose is the message's text
        return False
    return False


def _holds_main_text(found: list[tuple], reference: str) -> bool:
    """The run holds most of the page's main text (trafilatura's reading), or there is none to compare.

    Where trafilatura read the whole page (navigation, the posters' boxes, a category tree, the footer:
    it found no main text), the run's blocks hold most of that reading and what they leave out is
    less prose than the messages themselves: short lines and a notice, not an article beside a thread."""
    counted = word_counts(reference)
    if text_words(reference) < 30:               # (a phrase of an unspaced script is one token of the bag)
        return True
    held = set().union(*(word_counts(body.text_content()) for _m, _a, _d, body in found))
    main = set(counted)                           # distinct words: a page printing its thread twice
    by_count = sum(n for word, n in counted.items() if word in held)     # (Flarum's noscript copy) holds it
    if len(main & held) >= 0.5 * len(main) and by_count >= 0.3 * sum(counted.values()):  # once
        return True
    in_blocks = set().union(*(word_counts(member.text_content()) for member, *_rest in found))
    if sum(n for word, n in counted.items() if word in in_blocks) < 0.5 * sum(counted.values()):
        return False
    blocks = [folded_words(member.text_content()) for member, *_rest in found]
    outside = sum(text_words(line) for line in reference.split("\n")
                  if text_words(line) >= 8 and not any(folded_words(line) in block for block in blocks))
    return outside < sum(text_words(body.text_content()) for _m, _a, _d, body in found)


