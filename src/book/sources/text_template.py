"""Comment headers found by their repetition, for threads whose header shape no reader knows.

The readers of :mod:`book.sources.text_thread` and :mod:`book.sources.forum_text` know header shapes by
their words ("NAME says:", "Posts: 668", "Reply 3"): on pages nobody has read, most headers are of some
other shape, and the thread was lost or glued into a few units. What every thread shares is that its
headers repeat one shape: a date (or a "2 weeks ago") on a short line, with a name line, counters, ranks
or badges around it, each over a comment's text. Each line of the page's tail is classed by what it holds
(a date, a name, a counter, furniture such as "Reply", a short label, prose); each dated short line with
the short lines around it is a candidate header, and its classes are its shape. The shape most of the
candidates share, when three or more share it, is the thread's header: the thread is split at each of
them, whatever the words. The name is the header's name line (or what the dated line holds beside its
date); replies are nested only where the copy shows it (a header indented under an unindented one, a
text opening with "@NAME" of an earlier comment); elsewhere a reply's parent is left to the post.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from book.sources import chrome, spam
from book.sources.capture import Capture, RawUnit
from book.sources.clean import text_words
from book.sources.dates import MONTH_WORD, FoundDate, date_line, find_date, relative_date, relative_moment
from book.sources.names import clean_name, is_anonymous
from book.sources.text_lines import SENTENCE_END, lines_to_markdown, name_like, plain_lines, title_case
from book.sources.text_parents import Reply, nest
from book.sources.text_thread import FURNITURE, PARENT_IN_HEADER, PARENT_LINK

_MAX_HEADER = 14          # words on a dated header line ("Reply 1 - Posted by: NAME 5/21/2024 4:47:57 AM (No. 1)")
_ABOVE = 5                # short lines above a date that may belong to its header (name, rank, "Post # 2", counts)
_BELOW = 2                # and below it (a badge, "Best Answer")
_MIN_REPEATS = 3          # headers of one shape that make a thread
_SHAPES_TRIED = 3         # the most common shapes tried in turn: the first that reads as a thread is its header

# Comment furniture beside the words :data:`text_thread.FURNITURE` lists: the buttons and counts a thread prints
# under every comment, run together as copies glue them ("ReplyQuote", "ResponderCitar (Quote)").
_FURNITURE = re.compile(
    r"^(?:replies|responder\s*citar.*|citar.*|liked|dislike|flag|link|thread|parent|expand|collapse|"
    r"helpful\s*\(\d+\)|reply\s*quote|replyquote|reply\s*delete|report abuse|click here if you like this comment|"
    r"\d+\s+(?:people|person)\s+likes?\s+this\.?|评论|\d+\s*举报|신고)$",
    re.IGNORECASE)
_COUNTER = re.compile(r"^(?:[+-]?\d{1,6}|\d{1,3}(?:,\d{3})+|\d{1,3}(?:[.,]\d)?k|#\d{1,6}|\d{1,4}\.|post\s*#\s*\d+|"
                      r"(?:posts?|beiträge|forum posts|messages|"
                      r"joined|member since|registriert|location)(?:\b|(?=\d))\s*:?.*\d.*|\d[\d,.]*k?\s+(?:posts?|points?|"
                      r"声望|reputation|likes?)|[・·•|›\-–—]+)$", re.IGNORECASE)
# "You must log in or register to comment.", "Sign in to reply": the thread's prompt over it, as a counter is
_LOG_IN_TO_COMMENT = re.compile(r"\b(?:log|sign)\s*in\b.{0,40}\bto (?:comment|reply|post a comment)\b", re.IGNORECASE)
# "Comments", "Replies" alone over the thread: its heading, as a counter is (the count left out)
_THREAD_HEADING = re.compile(r"^(?:comments|replies|responses|antworten|kommentare|commentaires|réponses|comentarios|"
                             r"respuestas|commenti|risposte|reacties)\s*:?$", re.IGNORECASE)
_REPLIED_AT = re.compile(r"^\s*@(?P<name>[^\s:：,]{2,40})[:：,]?\s")


@dataclass
class TemplateUnit:
    """One comment as the repeated header splits it: its lines, author, date and indentation."""

    head: int                        # the header block's first line (index into the page's lines)
    anchor: int                      # its dated line
    author: str | None
    date: FoundDate | None
    indent: int
    body: list[str] = field(default_factory=list)
    marked_reply: bool = False       # a "parent" link in its header or among its buttons: a reply
    name_below: int | None = None    # the name line under the date, where the thread's names stand there


@dataclass
class TemplateSplit:
    """The thread as its repeated headers split it."""

    start: int                       # the first header's first line
    end: int                         # past the last comment's text
    units: list[TemplateUnit]
    shape: tuple[str, ...]


@functools.lru_cache(maxsize=16384)
def line_class(line: str) -> str:
    """What a line holds, for comparing header shapes: ``D`` a date (or a relative time) alone, ``H`` a short
    line holding a date beside other words, ``F`` comment furniture, ``C`` a counter or a poster's statistic,
    ``N`` a name, ``S`` another short label, ``T`` prose; ``""`` a blank line; ``M`` a month and its year alone
    ("May 2025"), a date slot apart from ``D`` (a list of a CV's months is no thread of full dates)."""
    if not line.strip():
        return ""
    if len(line) > 200:
        return "T"                     # no header, button or name is that long: skip the readers below
    text = " ".join(line.split())
    if date_line(text) is not None or relative_date(text):
        return "D"
    if (label := _DATE_LABEL.match(text)) is not None and date_line(text[label.end():]) is not None:
        return "D"                     # "Posted May 22, 2024", "Posted on DATE": a date alone, labelled
    if _MONTH_YEAR.match(text):
        return "M"                     # a month without its day: a date slot of its own shape, never a CV's dates
    if text.lower().lstrip("/|·• ") in FURNITURE or _FURNITURE.match(text) or chrome.is_comment_form(text) \
            or _buttons(text):
        return "F"
    if _COUNTER.match(text):
        return "C"
    if text_words(text) <= _MAX_HEADER and len(text) <= 160 and _holds_date(text):
        return "H"
    if name_like(text) or is_anonymous(text):
        return "N"
    if text_words(text) <= 5 and not SENTENCE_END.search(text):
        return "S"
    return "T"


# The word a header prints before its date alone ("Posted May 22, 2024", "Posted on DATE", "Commented DATE"):
# the line is the date's slot of the header, as a bare date is.
_DATE_LABEL = re.compile(r"^(?:posted|submitted|published|written|replied)(?:\s+(?:on|at))?:?\s+",
                         re.IGNORECASE)
def _buttons(text: str) -> bool:
    """A row of two to four buttons, each furniture alone ("Parent Share", "Like Reply", "Reply Report")."""
    words = text.lower().strip("/|·• ").split()
    return 2 <= len(words) <= 4 and all(word in FURNITURE or _FURNITURE.match(word) for word in words)


# A date's label with nothing else before the date: no name ("Posted", "Postado :", "posted @", "Published").
_LABEL_ALONE = re.compile(r"^(?:posted|postado|publicado|published|publié|gepostet|veröffentlicht|"
                          r"submitted|written|replied|edited|updated)(?:\s+(?:on|at|by|@))?\s*[:@]?$", re.IGNORECASE)
# "May 2025", "March 2018 edited March 2018": the month a forum (Vanilla) prints for its older messages, no day
_DATED = ("D", "M")      # the classes of a line that is a date alone
_MONTH_YEAR = re.compile(rf"^(?:{MONTH_WORD})[a-zäéû]*\.?\s+(?:19|20)\d\d(?:\s+edited\s+.{{0,30}})?$", re.IGNORECASE)
_RELATIVE_IN = re.compile(r"\b\d{1,3}\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\s+ago\b|"
                          r"\d{1,3}\s*(?:秒|分钟|小时|天|周|个月|月|年)前", re.IGNORECASE)


def _holds_date(text: str) -> bool:
    """A date (with its year) or a relative time inside a line."""
    found = find_date(text)
    return found is not None and found.iso is not None or bool(_RELATIVE_IN.search(text))


def repeated_headers(lines: list[str], i: int, classes: list[str] | None = None) -> TemplateSplit | None:
    """The thread in ``lines[i:]`` split at the header shape three or more of its dated lines share, or None.
    ``classes``: the lines' :func:`line_class`, when the caller has them already."""
    classes = classes if classes is not None else [line_class(line) for line in lines]
    anchors = [j for j in range(i, len(lines)) if classes[j] in ("D", "M", "H")]
    shapes = {j: _shape(classes, j, i) for j in anchors}
    if len(anchors) < _MIN_REPEATS:
        return None
    counts = Counter(shape for shape in shapes.values() if shape is not None)
    for shape, seen in counts.most_common(_SHAPES_TRIED):
        if seen < _MIN_REPEATS:
            break
        split = _split_at(lines, classes, i, [j for j in anchors if shapes[j] == shape], shape)
        if split is not None:
            return split
    return None


def _split_at(lines: list[str], classes: list[str], i: int, heads: list[int], shape: tuple[str, ...]) \
        -> TemplateSplit | None:
    """The thread split at the dated lines ``heads`` of one ``shape``, or None where they read as no thread
    (teasers, a list of dates in the text, quotations' heads "1 hour ago, NAME said:" inside the messages)."""
    units = [_unit(lines, classes, j, i) for j in heads]
    _names_that_vary(lines, classes, units, i)
    _rank_after_names(units)
    flags = [_furnished(lines, classes, unit, units[n + 1].head if n + 1 < len(units) else len(lines))
             for n, unit in enumerate(units)]
    furnished = sum(flags)
    signed = 2 * sum(bool(_SIGNED.match(lines[unit.anchor])) for unit in units) > len(units)
    if not signed:      # a signature under the text bounds the next comment's text, furnished or not
        units = _furnished_run(units, flags)
    for n, unit in enumerate(units):
        if signed:       # "- NAME DATE | Flag Reply" under the text: the text runs from the comment above
            begin = _below(classes, units[n - 1].anchor) + 1 if n else unit.anchor
            unit.body = _body(lines, classes, begin, unit.anchor, last=False) if n else []
            unit.head = begin
        else:
            stop = units[n + 1].head if n + 1 < len(units) else len(lines)
            first = max(_below(classes, unit.anchor), unit.name_below or unit.anchor) + 1
            unit.body = _body(lines, classes, first, stop, last=n + 1 == len(units))
    counted = any(chrome.is_comment_counter(lines[k]) or _LOG_IN_TO_COMMENT.search(lines[k])
                  or _THREAD_HEADING.match(lines[k].strip()) for k in range(max(i, units[0].head - 12), units[0].head)) \
        or any(_LOG_IN_TO_COMMENT.search(lines[k]) or chrome.is_comment_form(lines[k])
               for k in range(units[-1].anchor + 1, min(len(lines), _end_of(lines, units[-1]) + 4)))
    for n, unit in enumerate(units):
        stop = units[n + 1].head if n + 1 < len(units) else min(len(lines), unit.anchor + 40)
        unit.marked_reply = bool(PARENT_IN_HEADER.search(lines[unit.anchor])) \
            or any(PARENT_LINK.match(lines[k].strip()) for k in range(unit.anchor + 1, stop))
    _drop_repeated(units)
    _drop_badges(units)
    units = [unit for unit in units if any(line.strip() for line in unit.body)]
    counted = counted or _numbered(lines, units)
    if not _a_conversation(units) or not counted and 2 * furnished < len(units):
        return None     # a list of teasers, other topics or latest posts under dated bylines: no thread
    end = units[-1].anchor + 1 if signed else _end_of(lines, units[-1])
    return TemplateSplit(units[0].head, end, units, shape)


def _names_that_vary(lines: list[str], classes: list[str], units: list[TemplateUnit], floor: int) -> None:
    """Where the name-like line nearest the date says the same in two in three headers ("English", the comment's
    language; a site's label; "Profile" over an avatar), it is a label: each header's name is the name line
    above it, where every header has one and they are not all alike; else the name line right under the date
    (Uproxx's "Profile / DATE / NAME"), where every header has one there and they vary. One offset for the
    whole thread, as one template prints every header."""
    said = Counter((unit.author or "").casefold() for unit in units)
    if len(units) < _MIN_REPEATS or 3 * said.most_common(1)[0][1] < 2 * len(units) or not said.most_common(1)[0][0]:
        return
    label = said.most_common(1)[0][0]
    others: list[str | None] = []
    for unit in units:
        above = _above(classes, unit.anchor, floor) if classes[unit.anchor] in _DATED else []
        names = [_name_of(lines[k]) for k in above if classes[k] == "N"]
        others.append(next((name for name in reversed(names) if name and name.casefold() != label), None))
    if not _all_vary(others):
        below = [_name_under(lines, classes, unit.anchor) for unit in units]
        named = sum(1 for k, _ in below if classes[k] == "N")
        if 3 * named < 2 * len(units) or not _all_vary([name for _, name in below]):
            return
        for unit, (k, _) in zip(units, below, strict=True):
            unit.name_below = k
        others = [name for _, name in below]
    for unit, name in zip(units, others, strict=True):
        unit.author = name


def _all_vary(names: list[str | None]) -> bool:
    """Every header has a name and they are not one label: two at least differ, none says two in three."""
    if not names or any(name is None for name in names):
        return False
    said = Counter(name.casefold() for name in names if name)
    return len(said) >= 2 and 3 * said.most_common(1)[0][1] <= 2 * len(names)


def _name_under(lines: list[str], classes: list[str], j: int) -> tuple[int, str | None]:
    """The short line right under the dated line ``j`` (blank lines skipped) as a name, and its index; (j, None)
    if there is none. A name line as a rule; a short label where the thread's other headers hold a name there
    ("AreWeFriendsJack?": a handle that ends as a sentence does, read as a short line of text)."""
    k = j + 1
    while k < len(lines) and k - j <= _BELOW and not classes[k]:
        k += 1
    if k < len(lines) and k - j <= _BELOW and (classes[k] in ("N", "S") or classes[k] == "T"
                                                and len(lines[k].split()) <= 4 and len(lines[k].strip()) <= 40):
        return k, _name_of(lines[k])
    return j, None


_MESSAGE_NUMBER = re.compile(r"#\s?(?P<n>\d{1,9})\s*$")


def _numbered(lines: list[str], units: list[TemplateUnit]) -> bool:
    """The headers number their messages ("NAME 2 years ago#3", "DATE / #3"), rising from one to the next in
    two in three of them: a forum's thread, as a counter over it would say."""
    numbers: list[int] = []
    for unit in units:
        for k in range(unit.anchor, min(len(lines), unit.anchor + 2)):
            if (match := _MESSAGE_NUMBER.search(lines[k].strip())) is not None:
                numbers.append(int(match.group("n")))
                break
    rising = all(b > a for a, b in zip(numbers, numbers[1:], strict=False))
    return rising and len(numbers) >= _MIN_REPEATS and 3 * len(numbers) >= 2 * len(units)


# A rank's word ("Member", "Moderator", "Gast"), or a poster's handle before it ("bokuyaba", "xauser_2"): the same
# last word after names that are handles is a rank; after capitalised first names it may be their family's name.
_RANK_WORD = re.compile(r"^(?:member|mitglied|membre|miembro|membro|lid|guest|gast|invité|invitado|ospite|moderator|"
                        r"admin|administrator|newbie|veteran|user|staff|contributor|participant)$", re.IGNORECASE)
_HANDLE = re.compile(r"^[a-z]|\d|_")


def _rank_after_names(units: list[TemplateUnit]) -> None:
    """"bokuyaba Member", "xauser Member": a rank printed on the name line, the same last word after two in three
    names (three at least); it leaves the names. Only a rank's word, or a tail after handles: the same last word
    after capitalised first names is a family's name ("Anna Smith", "John Smith"), which stays."""
    tails = Counter(unit.author.rsplit(" ", 1)[1] for unit in units if unit.author and " " in unit.author)
    if not tails:
        return
    tail, seen = tails.most_common(1)[0]
    if seen < _MIN_REPEATS or 3 * seen < 2 * len(units):
        return
    heads = [unit.author[: -len(tail) - 1] for unit in units if unit.author and unit.author.endswith(" " + tail)]
    if not (_RANK_WORD.match(tail) or any(_HANDLE.search(head) for head in heads)):
        return                                         # "Anna Smith", "John Smith", "Bob Smith": a family's name
    for unit in units:
        if unit.author and unit.author.endswith(" " + tail):
            unit.author = unit.author[: -len(tail) - 1].strip() or unit.author


def _a_conversation(units: list[TemplateUnit]) -> bool:
    """Comments, not a list of teasers: three or more, two in three named by a name, nobody writing two in
    three of them (a column's teasers repeat one byline, "Published" or the section's name), a third of them
    holding a sentence (people also answer "yo")."""
    if len(units) < _MIN_REPEATS:
        return False
    names = Counter((unit.author or "").casefold() for unit in units if unit.author)
    if 3 * sum(names.values()) < 2 * len(units) or 3 * names.most_common(1)[0][1] > 2 * len(units):
        return False
    return 3 * sum(_has_prose(unit.body) for unit in units) >= len(units)


def _furnished(lines: list[str], classes: list[str], unit: TemplateUnit, stop: int) -> bool:
    """The comment carries a comment's furniture ("Reply", "Like", "Report") under its header or on it."""
    if _TRAILING_FURNITURE.search(lines[unit.anchor]):
        return True
    return any(classes[k] == "F" and not chrome.is_comment_form(lines[k]) for k in range(unit.anchor + 1, stop))


def _furnished_run(units: list[TemplateUnit], flags: list[bool]) -> list[TemplateUnit]:
    """Where two in three of the headers carry a comment's furniture, the thread runs from the first furnished
    one to the last: a dated header of the same shape before it (the post's "Posted By: NAME, DATE") or after
    it (the sidebar's teasers, "Posted by NAME — DATE") carries none and is no comment."""
    if 3 * sum(flags) < 2 * len(units) or not any(flags):
        return units
    first = flags.index(True)
    last = len(flags) - 1 - flags[::-1].index(True)
    return units[first:last + 1]


_TRAILING_FURNITURE = re.compile(r"\|\s*(?:flag|reply|report|quote|thread|permalink)\b[^|]*$", re.IGNORECASE)
_SIGNED = re.compile(r"^\s*[-–—]\s*\S")


def _has_prose(body: list[str]) -> bool:
    """A comment's text holds a sentence: a line ending as sentences end, or of eight words or more, and not a
    headline in title case (a teaser's title: "Trump Wins Popular Vote Without Calif. & N.Y.")."""
    return any((text_words(line) >= 8 or text_words(line) >= 2 and SENTENCE_END.search(line.strip()))
               and not title_case(line) for line in body)


def _drop_badges(units: list[TemplateUnit]) -> None:
    """A short line under the header that opens three comments or more alike ("Author" under the thread
    starter's messages, "Verified buyer") is a badge, not the writer's first words: it leaves those comments
    where words remain under it. A line ending as a sentence ends ("Thanks!") is somebody's words."""
    firsts = [next((k for k, line in enumerate(unit.body) if line.strip()), None) for unit in units]
    keys = [" ".join(unit.body[k].split()).casefold() if k is not None and _badge_like(unit.body[k]) else None
            for unit, k in zip(units, firsts, strict=True)]
    seen = Counter(key for key in keys if key)
    for unit, k, key in zip(units, firsts, keys, strict=True):
        if key and k is not None and seen[key] >= _MIN_REPEATS and any(line.strip() for line in unit.body[k + 1:]):
            del unit.body[k]


def _badge_like(line: str) -> bool:
    text = " ".join(line.split())
    return 0 < text_words(text) <= 2 and len(text) <= 25 and not SENTENCE_END.search(text)


def _drop_repeated(units: list[TemplateUnit]) -> None:
    """Lines that most comments print alike ("You can react to comments with …", "Comment hidden because of
    low score.", "Offline") are the template's furniture, not anybody's words: they leave every text."""
    seen = Counter(key for unit in units for key in {" ".join(line.split()).casefold() for line in unit.body})
    common = {key for key, count in seen.items() if key and 2 * count > len(units) and text_words(key) <= 30}
    for unit in units:
        unit.body = [line for line in unit.body if " ".join(line.split()).casefold() not in common]


_TAIL_REACH = 4          # filled lines under a header that may still be its tail ("@handle", "Locale: …", a rank)
_LONE_HANDLE = re.compile(r"^@[\w.-]{2,40}$")
_LABELLED = re.compile(r"^(?P<label>[^\W\d_][\w .'-]{0,24}?)\s*:\s*\S.{0,80}$")


def _tail_key(line: str, author: str | None) -> str | None:
    """What a short line under a header is, for comparing the lines under every header: a lone "@handle", a
    labelled field ("Locale: Oregon" by its label), a date, the comment's own name again; None for other text."""
    text = " ".join(line.split())
    if text_words(text) > 8 or len(text) > 100:
        return None
    if _LONE_HANDLE.match(text):
        return "@"
    if author and clean_name(text) == author:
        return "name"
    if date_line(text) is not None:
        return "date"
    if (label := _LABELLED.match(text)) is not None and text_words(label.group("label")) <= 3:
        return "label:" + label.group("label").casefold()
    return None


def drop_header_tails(units: list[RawUnit]) -> None:
    """The header's lines that a copy puts under the poster's name or date (the "@handle", "Locale: …", "Posts:
    …", the name again) are read by every thread reader as the comment's first lines: their values vary, so no
    reader knows them for the template's. Where a kind of such line opens half the comments or more (three at
    least), each comment loses its opening short lines up to its last line of such a kind (a rank between them
    goes with them), when text remains under them."""
    comments = [unit for unit in units if unit.kind == "comment"]
    heads = [[_tail_key(line, unit.author) for line in [x for x in unit.lines if x.strip()][:_TAIL_REACH]]
             for unit in comments]
    seen = Counter(key for keys in heads for key in set(keys) if key)
    said: dict[str, set[str]] = {}
    for unit, keys in zip(comments, heads, strict=True):
        for key, line in zip(keys, [x for x in unit.lines if x.strip()], strict=False):
            said.setdefault(key or "", set()).add(" ".join(line.split()))
    common = {key for key, count in seen.items()     # a field's values vary; a line printed alike is a button
              if count >= _MIN_REPEATS and 2 * count >= len(comments) and len(said[key]) > 1}
    if not common:
        return
    for unit, keys in zip(comments, heads, strict=True):
        drop = max((n for n, key in enumerate(keys) if key in common), default=-1) + 1
        filled = [k for k, line in enumerate(unit.lines) if line.strip()]
        if not drop or len(filled) <= drop or any(text_words(unit.lines[k]) > 8 or SENTENCE_END.search(
                unit.lines[k].strip()) for k in filled[:drop]):
            continue
        paragraphs = unit.text.split("\n\n")
        gone = [" ".join(unit.lines[k].split()) for k in filled[:drop]]
        if [" ".join(p.replace("\\", "").split()) for p in paragraphs[:drop]] != gone:
            continue            # the text was built otherwise (quotations marked, lines joined): left whole
        unit.text = "\n\n".join(paragraphs[drop:])
        unit.lines = unit.lines[filled[drop - 1] + 1:]


def _shape(classes: list[str], j: int, floor: int) -> tuple[str, ...] | None:
    """The classes of the header block around the dated line ``j``: the short lines above it (a name must be
    among them, or on the dated line itself) and the badges below. None: no header (no name in reach). A run of
    one class counts once: a poster's optional statistics or a second rank line do not make another shape."""
    above = _above(classes, j, floor) if classes[j] in _DATED else []   # a dated line with words holds its name
    top = [classes[k] for k in above]
    if classes[j] in _DATED and "N" not in top:
        return None
    if "N" in top:              # from the name nearest the date: a heading or a rank above it may come and go
        top = top[len(top) - 1 - top[::-1].index("N"):]
    top = [cls for n, cls in enumerate(top) if not n or cls != top[n - 1]]   # "42.4k / 1,357": one run of counts
    return (*top, classes[j].lower() if classes[j] in _DATED else "H")


def _above(classes: list[str], j: int, floor: int) -> list[int]:
    """The filled lines just above ``j`` that belong to its header: names, labels and counters, up to the
    previous comment's furniture, a blank line after a name, prose, or another date."""
    found: list[int] = []
    k = j - 1
    while k >= floor and len(found) < _ABOVE:
        if not classes[k]:
            if found and classes[found[0]] == "N":
                break
            k -= 1
            continue
        if classes[k] not in ("N", "S", "C"):
            break
        found.insert(0, k)
        k -= 1
    while found and classes[found[0]] != "N" and "N" in [classes[x] for x in found]:
        found.pop(0)                   # the header begins at its first name line, not at the last comment's tail
    return found


def _below(classes: list[str], j: int) -> int:
    """The last line of the header under its dated line: counters ("#3", "・") only, never a short text."""
    k = j
    while k + 1 < len(classes) and k - j < _BELOW and (classes[k + 1] == "C" or not classes[k + 1]):
        k += 1
    while k > j and not classes[k]:
        k -= 1
    return k


def _unit(lines: list[str], classes: list[str], j: int, floor: int) -> TemplateUnit:
    """The comment whose header is dated on line ``j``: its name from the nearest name line above the date,
    else from the dated line itself (what it holds besides the date and its labels)."""
    above = _above(classes, j, floor) if classes[j] in _DATED else []
    head = above[0] if above else j
    names = [k for k in above if classes[k] == "N"]
    author = _name_of(lines[names[-1]]) if names and classes[j] in _DATED else name_in(lines[j])
    found = date_line(lines[j]) if classes[j] == "D" else None if classes[j] == "M" else find_date(lines[j])
    indent = len(lines[head]) - len(lines[head].lstrip())
    return TemplateUnit(head, j, author, found, indent)


def _name_of(line: str) -> str | None:
    text = " ".join(line.split())
    return None if is_anonymous(text) else clean_name(text)


_LABELS = re.compile(r"^(?:.*?\b(?:posted|written|submitted|reply|comment)\s+(?:by|from)\s*:?\s*|[-–—•·]\s*)", re.I)
_AFTER_NAME = re.compile(r"\s*(?:[-–—|·•,]|\b(?:on|at|am|le|el|il)\b)\s*$", re.IGNORECASE)


def name_in(line: str) -> str | None:
    """The name a dated header line holds: the words before its date, without labels ("Reply 1 - Posted by:"),
    role marks in brackets ("（楼主）") or separators; the words after it when nothing precedes the date."""
    text = " ".join(line.split())
    found = find_date(text)
    match = _RELATIVE_IN.search(text)
    at = text.find(found.text) if found is not None and found.text in text else (match.start() if match else -1)
    if at < 0:
        return None
    before = _AFTER_NAME.sub("", _LABELS.sub("", text[:at]).strip())
    before = re.sub(r"\s*[（(][^()（）]{1,12}[)）]", "", before).strip()
    if _LABEL_ALONE.match(before):
        return None             # "Posted May 22, 2024 (edited)", "Postado : DATE": the date's label, no name
    if before:
        return _name_of(before) if not is_anonymous(before) else None
    return None


def _body(lines: list[str], classes: list[str], start: int, stop: int, last: bool) -> list[str]:
    """A comment's text: the lines between its header and the next, without its furniture and counters; the
    last comment's text ends at its furniture (the thread's buttons, then the page's footer)."""
    out: list[str] = []
    for k in range(start, stop):
        if classes[k] in ("F", "C") or chrome.is_chrome_line(lines[k]):
            if last and any(line.strip() for line in out) and classes[k] == "F":
                break
            continue
        out.append(lines[k])
    while out and not out[-1].strip():
        out.pop()
    return out


def _end_of(lines: list[str], unit: TemplateUnit) -> int:
    """Past the last comment's text (its first furniture line after the text, where it has one)."""
    k = unit.anchor + 1
    body = [line for line in unit.body if line.strip()]
    while k < len(lines) and body:
        if lines[k].strip() == body[-1].strip():
            return k + 1
        k += 1
    return len(lines)


def nested_parents(units: list[TemplateUnit]) -> list[int | None]:
    """Parents the copy shows: a header indented under an unindented one answers the unindented one above it;
    a text opening with "@NAME" answers NAME's latest comment above it. Elsewhere None (the post). Where no header
    is indented and the page marks replies by a "parent" link, or dates every comment, the thread's tree is
    rebuilt from those (:func:`book.sources.text_parents.nest`, the "@NAME" parents tried first); where no tree
    fits, :func:`_marked_parents` reads the links alone."""
    parents: list[int | None] = []
    last_top: int | None = None
    latest: dict[str, int] = {}         # a writer's name, case aside -> their latest unit so far (one look-up a reply)
    flat = min((unit.indent for unit in units), default=0)
    for n, unit in enumerate(units):
        parent: int | None = None
        if unit.indent > flat and last_top is not None:
            parent = last_top
        elif (at := _REPLIED_AT.match(next((line for line in unit.body if line.strip()), ""))) is not None:
            parent = latest.get(at.group("name").casefold())
        if unit.indent <= flat:
            last_top = n
        latest[(unit.author or "").casefold()] = n
        parents.append(parent)
    marked = any(unit.marked_reply for unit in units)
    if last_top is not None and all(unit.indent <= flat for unit in units):
        moments = [_moment(unit.date) for unit in units]
        if not all(moments):            # "3 hours ago", "1 Stunde 51 Minuten her": ages order the thread as well
            moments = [relative_moment(unit.date.text) if unit.date and unit.date.iso is None else None
                       for unit in units]
        if not all(moments) or len(moments) < 3:
            moments = [None] * len(units)       # a thread dated in part orders too little to nest it
        if marked or moments[0] is not None:
            tree = nest([Reply(moment=moments[n], marked=unit.marked_reply if marked else None,
                               hint=(parents[n],) if parents[n] is not None else ())
                         for n, unit in enumerate(units)])
            if tree is not None:
                return tree
    return _marked_parents(units) if marked else parents


def _marked_parents(units: list[TemplateUnit]) -> list[int | None]:
    """A reply (a unit marked by its "parent" link) answers the unit above it, or, where that one is dated later
    than the reply, the nearest one up that unit's chain dated no later (the thread is printed depth first);
    an unmarked unit answers the post."""
    parents: list[int | None] = []
    moments = [_moment(unit.date) for unit in units]
    for n, unit in enumerate(units):
        parent: int | None = n - 1 if unit.marked_reply and n else None
        while parent is not None and moments[n] is not None and moments[parent] is not None \
                and moments[parent] > moments[n]:
            parent = parents[parent]
        parents.append(parent)
    return parents


_CLOCK = re.compile(r"(?<![\d.])(\d{1,2})[:.](\d{2})(?![\d.])(?:\s*([ap])\.?m\.?)?", re.IGNORECASE)


def _moment(found: FoundDate | None) -> tuple[str, int] | None:
    """A date and its minute of the day where its text holds a clock time (-1 where it holds none)."""
    if found is None or found.iso is None:
        return None
    clock = _CLOCK.search(found.text)
    if clock is None:
        return found.iso, -1
    meridiem = (clock.group(3) or "").lower()
    hours = int(clock.group(1)) % 12 + 12 * (meridiem == "p") if meridiem else int(clock.group(1))
    return found.iso, hours * 60 + int(clock.group(2))


def template_comments(split: TemplateSplit, cap: Capture) -> None:
    """The split's comments as units after the post, nested as :func:`nested_parents` says; a parent read from
    an "@NAME" is listed as inferred (S306), spam dropped as the other readers drop it."""
    parents = nested_parents(split.units)
    index: dict[int, int] = {}
    for n, (unit, parent) in enumerate(zip(split.units, parents)):
        text = lines_to_markdown(unit.body)
        if (reason := spam.spam_reason(text, unit.author)) is not None:
            cap.drop(reason, text)
            continue
        raw = RawUnit("comment", text, plain_lines(unit.body), author=unit.author,
                      author_how="explicit" if unit.author else None,
                      parent=index.get(parent) if parent is not None else None,
                      date=unit.date.iso if unit.date else None,
                      date_text=unit.date.text if unit.date and unit.date.ambiguous else None)
        cap.units.append(raw)
        index[n] = len(cap.units) - 1
        if parent is not None and unit.indent <= split.units[parent].indent and raw.parent is not None:
            cap.parents_inferred.append(index[n])
