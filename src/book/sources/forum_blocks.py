"""A forum copy split at the block of furniture every message repeats, learned from the page itself.

Each forum program prints a block around every message: the poster's name, a rank, "Posts: N", "Joined: DATE", a
dated line, "#N", "Quote" / "Reply" / "Top". The readers of :mod:`book.sources.forum_text` know some programs'
blocks by their words, and :mod:`book.sources.text_template` splits at a repeated *dated* header; a program neither
knows was read as one post or glued header lines into the messages. Here no program is known: every line gets a
token (its exact text where the page prints it three times or more and it is short, as buttons are; else its class,
:func:`book.sources.text_template.line_class`, with its label, "Posts:", "Joined:"), and the token whose
occurrences have the most consistent neighbourhood (the same tokens at the same offsets around each occurrence)
marks the blocks. A message is what lies between one block and the next; its writer is the name-like line at the
offset within the blocks where most blocks hold a name, or the name a dated line holds ("By NAME Date DATE").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import accumulate

from book.sources import spam
from book.sources.capture import Capture, RawUnit
from book.sources.clean import text_words
from book.sources.dates import MONTH_WORD
from book.sources.names import clean_name, is_anonymous
from book.sources.text_lines import (QUOTE_FROM, QUOTE_ON, QUOTE_WROTE, STARTER_AFTER, STARTER_BEFORE, folded_words,
                                     lines_to_markdown, name_like, plain_lines)
from book.sources.text_template import line_class, name_in

_REACH = 7              # lines either side of an anchor a block may span
_AGREE = 0.7            # share of the blocks holding an offset's commonest token for it to be part of the block
_MIN_BLOCKS = 3         # blocks that make a forum page
_NAME_SHARE = 0.6       # share of the blocks holding a name at one offset for it to be the writer's
_BUTTON_CHARS = 40      # a repeated line longer than this is text quoted twice, not a button
_PROSE_SHARE = 0.8      # share of the messages holding a line of prose
_PER_NAME = 3           # blocks a writer's name may stand for at most on average ("level 1", "Off": no names)
_CONFIRMED_MARGIN = 2   # more writers the page confirms that make the blocks' reading the better one
_BUTTON_SHARE = 0.8     # share of the blocks printing a name-like line for it to be a button ("Save Share")
_MESSAGE_WORDS = 20     # words of a one-line text that make it a message, not a topic's title in a list
_DATED = "DHMX"         # token classes of a dated line (a date, a line holding one, a month, a stamp)
_DATED_SHARE = 0.6      # share of the blocks holding a dated line: a forum dates every message, an article's
#                         sections under a repeated heading shape are not dated
_OPENING_LINES = 3      # a message's opening lines that, found in the post read, make it that message
_SHARE_OF_POST = 2      # times the first message's words (and a header's) a post read as that message may hold
_THREAD_SHARE = 0.9     # share of a post's words in the blocks' messages that make it the thread read as one
_POST_WORDS = 100       # words of a post read by the page's readers under which it is no article of its own
_NAMED = 0.6            # share of the blocks naming their writer for them to replace another reading


@dataclass(frozen=True)
class Block:
    """One message: its block's first and last line and its text's lines (indices into the page's lines)."""

    head: int
    tail: int
    body: tuple[int, ...]
    author: str | None


def forum_blocks(lines: list[str]) -> list[Block] | None:
    """The page's messages as its repeated furniture blocks split them, in order, or None where no token's
    occurrences share a neighbourhood in at least three blocks with prose between them. Read twice: a short line
    that reads as a name and that nearly every block prints ("Save Share") is a button, not a poster, once the
    first reading says how many blocks there are."""
    filled = [k for k, line in enumerate(lines) if line.strip()]
    texts = [lines[k] for k in filled]
    best = _anchor(_tokens(texts))
    if best is None:
        return None
    tokens = _tokens(texts, _BUTTON_SHARE * len(best[0]))
    best = _anchor(tokens) or best
    return _blocks(lines, filled, tokens, *best)


def _anchor(tokens: list[str]) -> tuple[list[int], int, int, list[str]] | None:
    """The token marking the blocks: once per message (the most occurrences with prose between four in five of
    them), the widest block next; its occurrences, the block's offsets around it and the tokens there."""
    best: tuple[float, list[int], int, int, list[str]] | None = None
    positions: dict[str, list[int]] = defaultdict(list)      # one pass: each token's lines (a copy of thousands
    for i, token in enumerate(tokens):                         # of messages has thousands of distinct tokens)
        positions[token].append(i)
    prose = list(accumulate((token == "T" for token in tokens), initial=0))
    for token, at in positions.items():
        if len(at) < _MIN_BLOCKS or token in _BARE or 2 * len(at) > len(tokens):
            continue
        lo, hi, common = _extent(tokens, at)
        if not _prose_between(prose, at, lo, hi):
            continue
        score = len(at) + (hi - lo + 1) / (2 * _REACH + 2)
        if best is None or score > best[0]:
            best = (score, at, lo, hi, common)
    return best[1:] if best is not None else None


def _tokens(texts: list[str], buttons: float | None = None) -> list[str]:
    """Each filled line's token: ``=text`` for a short line the page repeats (one that reads as a name only where
    it is printed ``buttons`` times or more), else its class and label."""
    plain = [" ".join(text.split()) for text in texts]
    counts = Counter(text.lower() for text in plain)
    out = []
    for text in plain:
        if _STATISTIC.search(text):
            out.append("C/statistic")                  # "NAME Posts: 4": the poster's name and count on one line
            continue
        kind = line_class(text)
        seen = counts[text.lower()]
        if seen >= _MIN_BLOCKS and len(text) <= _BUTTON_CHARS and kind not in ("D", "M") \
                and (not name_like(text) or buttons is not None and seen >= buttons):
            out.append("=" + text.lower())
            continue
        label = _LABEL.match(text)
        if label:
            out.append(f"{kind}:{label.group(1).lower()}")
        elif kind in ("D", "M"):
            out.append(kind)                          # a date alone, whichever month or day it names
        elif kind in ("H", "C"):
            out.append(f"{kind}/{_lead(text)}")
        elif _STAMPED.search(text) and len(text.split()) <= _STAMP_WORDS:
            out.append(f"X/{text.split()[0].lower()}")     # "By NAME Date 10.11.15 17:21 UTC": a date no reader parses
        else:
            out.append(kind or "T")
    return out


def _lead(text: str) -> str:
    """A dated or counting line's first word as its shape: digits as 0, a month's name as "m" ("May 16, 2019 at
    5:24 am #35932" and "June 2, 2019 …" alike; "Posted …", "#3" apart)."""
    word = text.split()[0].lower()
    return "m" if re.match(rf"^(?:{MONTH_WORD})", word, re.IGNORECASE) else re.sub(r"[0-9]+", "0", word)


_BARE = ("T", "N", "S")     # a class alone: prose, any name, any short line (too common to mark a block)
_LABEL = re.compile(r"^([^\d:]{1,20}):(?:\s|$)")
_STAMPED = re.compile(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b|\b\d{1,2}:\d{2}\b")   # "10.11.15", "17:21"; no price
_STAMP_WORDS = 14


def _extent(tokens: list[str], at: list[int]) -> tuple[int, int, list[str]]:
    """The offsets around the anchor (``lo`` .. ``hi``) where most blocks hold one token, and those tokens."""
    common = {0: tokens[at[0]]}
    bounds = {}
    for step in (-1, 1):
        d = 0
        while abs(d + step) <= _REACH:
            d += step
            seen = [tokens[i + d] for n, i in enumerate(at) if 0 <= i + d < len(tokens) and _inside(at, n, d)]
            if not seen:
                d -= step
                break
            token, count = Counter(seen).most_common(1)[0]
            if count < _AGREE * len(at) or token == "T":
                d -= step
                break
            common[d] = token
        bounds[step] = d
    lo, hi = bounds[-1], bounds[1]
    return lo, hi, [common[d] for d in range(lo, hi + 1)]


def _inside(at: list[int], n: int, d: int) -> bool:
    """Whether offset ``d`` from the ``n``th anchor stays short of its neighbours."""
    if d < 0:
        return n == 0 or at[n] + d > at[n - 1]
    return n == len(at) - 1 or at[n] + d < at[n + 1]


def _prose_between(prose: list[int], at: list[int], lo: int, hi: int) -> bool:
    """Whether most stretches between blocks hold a line of prose (messages, not a list of links); ``prose[k]``
    counts the prose lines before token ``k``, so each stretch is looked at in constant time."""
    spans = [(i + hi + 1, j + lo) for i, j in zip(at, at[1:])]
    held = sum(1 for start, end in spans if end > start and prose[end] - prose[start] > 0)
    return bool(spans) and held >= _PROSE_SHARE * len(spans)


def _blocks(lines: list[str], filled: list[int], tokens: list[str], at: list[int], lo: int, hi: int,
            common: list[str]) -> list[Block] | None:
    """The messages: each block's own extent (where it holds the common tokens), the text up to the next block,
    and the writer: a name the page refers to elsewhere (:func:`referenced_names`) in or right above the block;
    else the name at the offset where most blocks hold one, or the block's first name-like line, whichever picks
    the referred names more often in the blocks that hold one (optional fields, a second rank, shift a fixed
    offset; a block opens with the poster's name); the offset where the page refers to too few names."""
    heads, tails = [], []
    for i in at:
        d = 0
        while d > lo and i + d - 1 >= 0 and _fits(tokens[i + d - 1], common[d - 1 - lo]):
            d -= 1
        heads.append(i + d)
        d = 0
        while d < hi and i + d + 1 < len(tokens) and _fits(tokens[i + d + 1], common[d + 1 - lo]):
            d += 1
        tails.append(i + d)
    offset = _name_offset(lines, filled, tokens, at, lo, hi)
    known = referenced_names(lines)
    tops = [_top(tokens, tails[n - 1] + 1 if n else 0, heads[n]) for n in range(len(at))]
    referenced = [_referenced_in(lines, filled, tops[n], tails[n], known) for n in range(len(at))]
    firsts = [_first_name(lines, filled, tokens, tops[n], tails[n]) for n in range(len(at))]
    slots = [_slot(lines, filled, tokens, i, offset) for i in at]
    by_first, by_slot = _agreement(referenced, firsts), _agreement(referenced, slots)
    opens = by_first is not None and by_first >= _NAMED and (by_slot is None or by_first > by_slot)
    authors = []
    for n in range(len(at)):
        named = referenced[n] or (firsts[n] if opens else slots[n]) or (firsts[n] if by_first is not None else None)
        if named is not None:
            heads[n] = min(heads[n], named[0])
        authors.append(named[1] if named is not None else None)
    if len({author for author in authors if author}) < max(2, len(at) / _PER_NAME):
        authors = [None] * len(at)          # the names picked do not vary as writers' do: "level 1", "On"
    ends = heads[1:] + [_last_end(tokens, tails[-1], common)]
    out = []
    for n, i in enumerate(at):
        body = tuple(filled[k] for k in range(tails[n] + 1, ends[n]) if tokens[k][0] != "=")
        out.append(Block(filled[heads[n]], filled[tails[n]], body, authors[n]))
    if len(out) < _MIN_BLOCKS or 2 * sum(1 for block in out if _substantial(lines, block)) < len(out):
        return None                     # a list of topics ("By NAME 4 days ago" over a title): no messages
    dated = sum(1 for n in range(len(at)) if any(tokens[k][0] in _DATED for k in range(tops[n], tails[n] + 1)))
    if dated < _DATED_SHARE * len(at):
        return None                     # an article's sections (a product, a biography under its name): undated
    return out


def _substantial(lines: list[str], block: Block) -> bool:
    """A message rather than an entry of a list: two lines or more, or a line of some length."""
    return len(block.body) >= 2 or any(len(lines[k].split()) >= _MESSAGE_WORDS for k in block.body)


def _slot(lines: list[str], filled: list[int], tokens: list[str], i: int, offset: int | None) -> tuple[int, str] | None:
    """The name at the blocks' name offset from the anchor ``i`` (no button), with its line."""
    k = i + offset if offset is not None else -1
    if not 0 <= k < len(filled) or tokens[k].startswith("="):
        return None
    name = _author(lines[filled[k]])
    return (k, name) if name else None


def _agreement(referenced: list[tuple[int, str] | None], picked: list[tuple[int, str] | None]) -> float | None:
    """The share of the blocks holding a name the page refers to where a way of picking the name picks that line;
    None where too few blocks hold one to tell."""
    checked = [(seen, pick) for seen, pick in zip(referenced, picked, strict=True) if seen is not None]
    if len(checked) < _MIN_BLOCKS - 1:
        return None
    return sum(1 for seen, pick in checked if pick is not None and seen[0] == pick[0]) / len(checked)


def _top(tokens: list[str], floor: int, head: int) -> int:
    """The first of the short lines right above a block, up to the previous message's prose: fields a poster's
    block prints only for some posters (a place, an avatar's initial) shift the rest, and the name may lie there."""
    top = head
    while top - 1 >= floor and head - top < _REACH and tokens[top - 1] != "T":
        top -= 1
    return top


def _referenced_in(lines: list[str], filled: list[int], top: int, tail: int, known: set[str]) -> tuple[int, str] | None:
    """The line of a block (from ``top``, :func:`_top`) naming a writer the page refers to elsewhere
    (:func:`referenced_names`), and the name."""
    for k in range(top, tail + 1):
        name = _author(lines[filled[k]])
        if name and name_key(name) in known:
            return k, name
    return None


def _first_name(lines: list[str], filled: list[int], tokens: list[str], top: int, tail: int) -> tuple[int, str] | None:
    """Where the blocks' name slot holds no name for this block (an optional field shifted it): the block's first
    name-like line that is no button the page repeats, as a poster's block opens with the name."""
    for k in range(top, tail + 1):
        if not tokens[k].startswith("=") and (name := _author(lines[filled[k]])) is not None:
            return k, name
    return None


# Where a page names its posters outside their blocks: a quotation's head ("NAME said:", "Quote from: NAME on
# DATE", "Originally Posted by NAME"), the reactions under a message ("Reactions: NAME, NAME and 3 others"),
# the thread's opener ("Thread starter NAME", "started by NAME": ``text_lines.STARTER_BEFORE``; "OP: NAME"), an
# edit note ("Last edited by NAME").
_NAMED_ELSEWHERE = re.compile(
    rf"^(?:(?:{QUOTE_FROM}|quote)\s*:?\s+(?P<from>\S.{{0,40}}?)\s+{QUOTE_ON}\s|"
    r"(?:quote\s+)?originally posted by\s+(?P<by>\S.{0,40}?)\s*$|"
    r"(?:last edited by|op)\s*:?\s+(?P<edited>[^,;:]{1,40}?)(?:[,;:]|\s*$)|"
    rf"(?P<name>\S.{{0,40}}?)\s+{QUOTE_WROTE}\s*[:.…]\s*(?:↑|»|click to expand\.*)?\s*$)", re.IGNORECASE)
_REACTIONS = re.compile(r"^(?:reactions|liked by|likes)\s*:\s*(?P<names>.+)$", re.IGNORECASE)
_AND_OTHERS = re.compile(r"\s+and\s+\d+\s+others?\s*$|\s+and\s+", re.IGNORECASE)


def referenced_names(lines: list[str]) -> set[str]:
    """The names (folded) the page gives as its posters' outside their blocks (``_NAMED_ELSEWHERE``,
    ``_REACTIONS``): a name the blocks' line holds that the page also quotes or thanks is a writer's, not a place
    or a rank printed at the same spot."""
    known: set[str] = set()
    for line in lines:
        text = " ".join(line.split())
        if (match := _NAMED_ELSEWHERE.match(text) or STARTER_BEFORE.match(text)) is not None:
            name = next(group for group in match.groups() if group)
            known.add(name_key(name))
        elif (match := _REACTIONS.match(text)) is not None:
            for name in re.split(r",\s*", _AND_OTHERS.sub(", ", match.group("names"))):
                if name.strip():
                    known.add(name_key(name))
    known.discard("")
    return known


def _fits(token: str, common: str) -> bool:
    """Whether a block's line fills the slot most blocks fill with ``common``: the same token, or a short label
    where most print a name-like one ("Moderator" where most print "Member")."""
    return token == common or token in ("N", "S") and common in ("N", "S")


def _last_end(tokens: list[str], tail: int, common: list[str]) -> int:
    """Where the last message's text ends: at the first of the block's own furniture tokens (buttons, labels; not
    a name or a short line, as texts hold those too) printed again (the buttons under it), else at the page's end."""
    furniture = {token for token in common if token not in _BARE}
    return next((k for k in range(tail + 1, len(tokens)) if tokens[k] in furniture), len(tokens))


def _name_offset(lines: list[str], filled: list[int], tokens: list[str], at: list[int], lo: int, hi: int) -> int | None:
    """The offset within the blocks where most blocks hold a name, names that vary (a rank all blocks print alike,
    Reddit's "level 1" / "level 2", a settings page's "On" / "Off" are no names); where two offsets do alike, the
    one whose line the block prints twice (a name over the avatar and beside it), then the first in the block (a
    poster's block opens with the name; a rank, a place follow it)."""
    best: tuple[float, int, int, int] | None = None
    for d in range(lo, hi + 1):
        values = [_author(lines[filled[i + d]]) for i in at if 0 <= i + d < len(filled) and tokens[i + d][0] != "="]
        named = [value for value in values if value]
        share = len(named) / len(at)
        if share < _NAME_SHARE or len(set(named)) < max(2, len(at) / _PER_NAME):
            continue
        twice = sum(1 for i in at if 0 <= i + d < len(filled) and _printed_twice(lines, filled, i + d, lo, hi))
        key = (share, twice, -d, d)
        if best is None or key > best:
            best = key
    return best[-1] if best is not None else None


def _printed_twice(lines: list[str], filled: list[int], k: int, lo: int, hi: int) -> bool:
    """Whether the block prints this line's words again (a poster's name over the avatar and beside it)."""
    text = " ".join(lines[filled[k]].split())
    near = range(max(0, k + lo - hi), min(len(filled), k + hi - lo + 1))
    return any(j != k and " ".join(lines[filled[j]].split()).startswith(text) for j in near)


_BY = re.compile(r"^(?:posted\s+)?by\s+", re.IGNORECASE)
_STATISTIC = re.compile(r"(?<!\s)\s+(?:posts?|messages|points|beiträge)\s*:?\s*[\d,.]+k?$", re.IGNORECASE)  # "NAME Posts: 4"
_STATISTICS = re.compile(r"\d[\d,.]*k?\s*(?:posts?|messages|points|likes|reactions|replies)\b|\bjoined\b", re.IGNORECASE)
_OP = re.compile(r"^(?P<name>\S.{0,40}?)\s+op$", re.IGNORECASE)     # the starter's mark by a poster's name
_BY_NAME = re.compile(r"^(?:posted\s+|post\s+)?by\s+(?P<name>.+?)\s+(?:date\b|on\b|at\b|»|[|·•]|\d)", re.IGNORECASE)
_AFTER = re.compile(r"(?<!\s)\s+(?:date|on|at|»|-|–|—|\|)\s*$", re.IGNORECASE)


def _author(line: str) -> str | None:
    """The name a block's line holds: the whole line where it reads as a name, or what a dated line holds
    beside its date ("By NAME Date DATE", "Post by NAME » DATE")."""
    text = _STATISTIC.sub("", " ".join(line.split()))
    if (starter := STARTER_AFTER.match(text) or _OP.match(text)) is not None:
        text = starter.group("name")                       # "NAME Discussion starter", "NAME OP"
    if len(re.findall(r"[^\W\d_]", text)) < 2 or _STATISTICS.search(text):
        return None                     # "1,571", an avatar's initial "K", "410 posts · Joined 2002": no name
    if (by := _BY_NAME.match(text)) is not None:
        return clean_name(by.group("name")) if name_like(by.group("name")) else None
    if line_class(text) == "N" and name_like(text):
        return None if is_anonymous(text) else clean_name(text)
    if line_class(text) == "H":
        inner = name_in(_BY.sub("", text))
        if inner:
            inner = _AFTER.sub("", _BY.sub("", inner)).strip()
            return clean_name(inner) if inner and name_like(inner) else None
    return None


def read_blocks(lines: list[str], cap: Capture, start: int, forum: bool = False) -> bool:
    """The thread read again from the page's repeated blocks (:func:`forum_blocks`) where the readers before named
    fewer than half of the messages the blocks show (their units glued headers into texts, or found none); the
    first block is the post where the blocks run from above the thread the readers found (``start``; the page's
    end where they found none) into it (a forum's opening message), else every block under ``start`` is a comment
    under the article (blocks inside the article, a settings table's rows, are none). On a page not read as a
    forum (``forum`` False) the first block is the post only where the post read holds little text or opens
    inside that block (an article over a list of dated teasers keeps its text). True where the units were
    replaced."""
    blocks = forum_blocks(lines)
    if blocks is None:
        return False
    first_is_post = blocks[0].head < start and (blocks[-1].head >= start or start >= len(lines)) \
        and (forum or _post_is_first_message(lines, cap, blocks))
    if not first_is_post and start >= len(lines):
        return False               # an article and no thread under it: its teasers and listings are none
    comments = blocks[1:] if first_is_post else [block for block in blocks if block.head >= start]
    if len(comments) < _MIN_BLOCKS - (1 if first_is_post else 0):
        return False               # blocks inside the article (a settings table's rows), not a thread under it
    if not _better(lines, cap, blocks, comments):
        return False
    if first_is_post:
        body = [lines[k] for k in blocks[0].body]
        cap.units[:] = [RawUnit("post", lines_to_markdown(body), plain_lines(body))]
        if blocks[0].author:
            cap.author, cap.author_how = blocks[0].author, "explicit"
    else:
        cap.units[:] = [unit for unit in cap.units if unit.kind == "post"]
    cap.parents_inferred.clear()
    for block in comments:
        body = [lines[k] for k in block.body]
        text = lines_to_markdown(body)
        if (reason := spam.spam_reason(text, block.author)) is not None:
            cap.drop(reason, text)
            continue
        cap.units.append(RawUnit("comment", text, plain_lines(body), author=block.author,
                                 author_how="explicit" if block.author else None))
    return True


def _better(lines: list[str], cap: Capture, blocks: list[Block], comments: list[Block]) -> bool:
    """Whether the blocks read the thread better than the readers before (whose messages, most of them, lie
    among the blocks: a sidebar's list of latest posts is no reading of the thread): those named fewer than half of the
    messages the blocks show (headers glued into texts, or no thread found) and the blocks name most of theirs; or
    the blocks' writers are more often names the page itself gives its posters elsewhere (:func:`referenced_names`:
    quoted, thanked, the thread's starter) than the readers', by a tenth of the messages or two, with about as many
    messages (a reader that took a place or a rank for the name is told apart so, whatever its program)."""
    earlier = [unit for unit in cap.units if unit.kind != "post"]
    last = max((k for block in blocks for k in block.body), default=blocks[-1].tail)
    spanned = {" ".join(line.split()) for line in lines[blocks[0].head: last + 1]}
    if 2 * sum(1 for unit in earlier if _first_line(unit) in spanned) < len(earlier):
        return False            # the readers' messages lie outside the blocks: a list beside the thread
    furniture = {text for block in blocks for k in range(block.head, block.tail + 1)
                 if (text := " ".join(lines[k].split())) and not name_like(text)}
    named = sum(1 for unit in earlier if unit.author and _first_line(unit) not in furniture)
    if 2 * named < len(comments) and len(comments) >= _MIN_BLOCKS \
            and sum(1 for block in comments if block.author) >= _NAMED * len(comments):
        return True
    known = referenced_names(lines)
    given = sum(1 for block in comments if block.author and name_key(block.author) in known)
    before = sum(1 for unit in earlier if unit.author and name_key(unit.author) in known)
    return given >= before + max(_CONFIRMED_MARGIN, len(comments) // 10) and 5 * len(comments) >= 4 * len(earlier)


def name_key(name: str) -> str:
    """A name's words folded and run together: "FiveoaksBouquet said:" quotes "Fiveoaks Bouquet"."""
    return "".join(folded_words(name.lstrip("@")).split())


def _post_is_first_message(lines: list[str], cap: Capture, blocks: list[Block]) -> bool:
    """Whether the post the readers took is the first block's message: little text of its own (a forum's header
    read as a post), its first line inside the first block, or the first block's opening lines in it and not much
    more (the message read with header lines glued over it) or mostly the blocks' messages (the whole thread read
    as the post); an article holding a list of dated teasers holds far more of its own."""
    post = next((unit for unit in cap.units if unit.kind == "post"), None)
    if post is None or text_words(post.text) < _POST_WORDS:
        return True
    first = blocks[0]
    last = first.body[-1] if first.body else first.tail
    if _first_line(post) in {" ".join(line.split()) for line in lines[first.head: last + 1]}:
        return True
    held = {" ".join(line.split()) for line in post.lines if line.strip()}
    if not any(" ".join(lines[k].split()) in held for k in first.body[:_OPENING_LINES]):
        return False
    words = sum(len(lines[k].split()) for k in first.body)
    in_blocks = sum(len(lines[k].split()) for block in blocks for k in block.body if " ".join(lines[k].split()) in held)
    return text_words(post.text) <= _SHARE_OF_POST * words + _POST_WORDS or in_blocks >= _THREAD_SHARE * text_words(post.text)


def _first_line(unit: RawUnit) -> str:
    """A unit's first line of text, spacing made single (a block's line glued into a message shows here)."""
    return next((" ".join(line.split()) for line in unit.lines if line.strip()), "")
