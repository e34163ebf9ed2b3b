"""Parents from a reply's leading quotation, in a text capture.

A forum copy keeps no nesting, but a reply that opens by quoting ("NAME wrote:", "Originally Posted by NAME",
"Quote from: NAME on DATE", "On DATE, NAME said:", "> the quoted words") says what it answers: the quoted
comment. The corpus' convention (bench/corpus/README.md, "Parents from quotations"): the parent is the quoted
comment, found by the quoted words in the writer's earlier messages, else the quoted writer's latest earlier
comment; a quotation of the post (or of its writer, with no comment of theirs above) answers the post. Only a
quotation that opens the reply counts: one further down answers a point, not the message. Every parent read
this way is listed for review (S306), since a copy cannot show which of a writer's messages was quoted where the
quoted words were cut.
"""

from __future__ import annotations

import re

from book.sources.capture import Capture, RawUnit
from book.sources.dates import date_line

# A quotation's head naming its writer, alone on the reply's first line or with the quoted words after it
_NAMED_HEAD = re.compile(
    r"^(?:quote:?\s*)?(?:"
    r"(?:originally posted by|quote from|quote originally posted by|zitat von|zitat von:|citation de|cita de)\s*:?\s+"
    r"(?P<by>[^\s:][^:]{0,40}?)(?:\s+(?:on|am|le|el)\s+\S.{0,40}?)?(?:\s*[:»]|$|\s{2,})|"
    r"(?:(?:on|am|le|el)\s+\S.{2,40}?,\s+|\S.{0,30}?\bago,\s+)?"
    r"(?P<name>[^\s:,>][^:]{0,40}?)\s+(?:wrote|said|schrieb|sagte|a écrit|escribió|ha scritto|schreef)\s*[:.…]"
    r")\s*(?P<rest>.*)$", re.IGNORECASE)
_ARROW = re.compile(r"^[↑^]\s*(?:\S.{0,30}?\d{2}:\d{2})?\s*")     # phpBB's link back, with the quoted date glued
_QUOTE_LABEL = re.compile(r"^(?:quote|zitat|citation|cita)\s*:?$", re.IGNORECASE)
_MARKED = re.compile(r"^>\s?(?P<words>.*)$")
_KEY_WORDS = 8      # words of the quotation that find the quoted message
_LEAST_WORDS = 5    # fewer words than this name no message ("Thanks!"), unless the writer is named


def quotation_parents(cap: Capture) -> None:
    """Each reply without a parent that opens with a quotation answers the quoted message (module docstring)."""
    units = cap.units
    for index, unit in enumerate(units):
        if unit.kind != "comment" or unit.parent is not None:
            continue
        quoted = opening_quotation(unit)
        if quoted is None:
            continue
        name, words = quoted
        if name and _same(unit.author, name):
            continue          # a writer quoting themselves: a nested quotation's inner head, or a note to self
        parent = _quoted_message(units, index, name, words)
        if parent is not None:
            unit.parent = parent
            if index not in cap.parents_inferred:
                cap.parents_inferred.append(index)


def opening_quotation(unit: RawUnit) -> tuple[str | None, str] | None:
    """(the quoted writer or None, the quotation's first words folded) where the reply opens with a quotation."""
    lines = [line.strip() for line in unit.text.split("\n") if line.strip()]
    if not lines:
        return None
    first = lines[0]
    if _QUOTE_LABEL.match(first) and len(lines) > 1:            # "Quote:" over "Originally Posted by NAME" or the words
        rest = lines[1:]
        head = _NAMED_HEAD.match(rest[0])
        if head:
            return _named(head, rest[1:])
        return None, _fold(" ".join(rest[:3]))
    head = _NAMED_HEAD.match(first)
    if head:
        return _named(head, lines[1:])
    if _MARKED.match(first):
        marked = [m.group("words").strip() for line in lines if (m := _MARKED.match(line))]
        head = _NAMED_HEAD.match(marked[0])           # "> NAME wrote:" over "> the words": the head quoted too
        if head:
            return _named(head, marked[1:])
        return None, _fold(" ".join(marked[:3]))
    return None


def _named(head: re.Match, after: list[str]) -> tuple[str, str]:
    name = (head.group("by") or head.group("name")).strip().lstrip("@")
    rest = _ARROW.sub("", head.group("rest") or "")
    after = [line for line in after if not date_line(line)]      # phpBB: "NAME wrote: ↑" over the quoted date
    words = rest if len(rest.split()) >= 2 else " ".join(after[:3])
    return name, _fold(re.sub(r"^>\s?", "", words))


def _quoted_message(units: list[RawUnit], index: int, name: str | None, words: str) -> int | None:
    """The message a reply at ``index`` quotes: by its words (the writer's, where named), else the named writer's
    latest earlier comment; None for the post or where nothing names a message."""
    key = " ".join(words.split()[:_KEY_WORDS])
    if len(key.split()) >= (1 if name else _LEAST_WORDS):
        for k in range(index - 1, -1, -1):
            if name and units[k].kind == "comment" and not _same(units[k].author, name):
                continue
            if key in _own_words(units[k]):
                return k if units[k].kind == "comment" else None
    if name is None:
        return None
    return next((k for k in range(index - 1, 0, -1) if units[k].kind == "comment" and _same(units[k].author, name)),
                None)


def _own_words(unit: RawUnit) -> str:
    """A message's words without the quotations set as such ("> …"): a reply quoting a message holds its words too."""
    return _fold(" ".join(line for line in unit.text.split("\n") if not line.lstrip().startswith(">")))


def _same(author: str | None, quoted: str) -> bool:
    """The quotation's name is the writer's: the same words, or one the start of the other (a rank or a member
    number glued to the name on one side: "tr8todd Dork", "Marshal Mo Hare, SASS #45984")."""
    a, q = re.findall(r"\w+", (author or "").casefold()), re.findall(r"\w+", quoted.casefold())
    if not a or not q:
        return False
    short, long = (a, q) if len(a) <= len(q) else (q, a)
    return long[: len(short)] == short


def _fold(text: str) -> str:
    """Words folded: spacing and punctuation differ between a message and its quotation."""
    return " ".join(re.findall(r"\w+", text.casefold()))
