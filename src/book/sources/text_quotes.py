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
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field

from book.sources.capture import Capture, RawUnit
from book.sources.dates import date_line
from book.sources.text_lines import (QUOTE_FROM, QUOTE_ON, QUOTE_WROTE, folded_words, marked_quotation, same_writer,
                                     written_by)

# A quotation's head naming its writer, alone on the reply's first line or with the quoted words after it
_NAMED_HEAD = re.compile(
    r"^(?:quote:?\s*)?(?:"
    rf"(?:originally posted by|quote originally posted by|{QUOTE_FROM})\s*:?\s+"
    rf"(?P<by>[^\s:][^:]{{0,40}}?)(?:\s+{QUOTE_ON}\s+\S.{{0,40}}?)?(?:\s*[:»]|$|\s{{2,}})|"
    rf"(?:{QUOTE_ON}\s+\S.{{2,40}}?,\s+|\S.{{0,30}}?\bago,\s+)?"
    rf"(?P<name>[^\s:,>][^:]{{0,40}}?)\s+{QUOTE_WROTE}\s*[:.…]"
    r")\s*(?P<rest>.*)$", re.IGNORECASE)
_ARROW = re.compile(r"^[↑^]\s*(?:\S.{0,30}?\d{2}:\d{2})?\s*")     # phpBB's link back, with the quoted date glued
_QUOTE_LABEL = re.compile(r"^(?:quote|zitat|citation|cita)\s*:?$", re.IGNORECASE)
_KEY_WORDS = 8      # words of the quotation that find the quoted message
_LEAST_WORDS = 5    # fewer words than this name no message ("Thanks!"), unless the writer is named


def quotation_parents(cap: Capture) -> None:
    """Each reply without a parent that opens with a quotation answers the quoted message (module docstring)."""
    units = cap.units
    thread: _Thread | None = None         # read once, where a reply quotes: most threads have no quotation
    inferred = set(cap.parents_inferred)
    for index, unit in enumerate(units):
        if unit.kind != "comment" or unit.parent is not None:
            continue
        quoted = opening_quotation(unit)
        if quoted is None:
            continue
        name, words = quoted
        if name and same_writer(unit.author, name):
            continue          # a writer quoting themselves: a nested quotation's inner head, or a note to self
        thread = thread or _Thread.of(units)
        parent = thread.quoted_message(index, name, words)
        if parent is not None:
            unit.parent = parent
            if index not in inferred:
                cap.parents_inferred.append(index)
                inferred.add(index)


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
        return None, folded_words(" ".join(rest[:3]))
    head = _NAMED_HEAD.match(first)
    if head:
        return _named(head, lines[1:])
    if (marked := marked_quotation(lines)) is not None:
        head = _NAMED_HEAD.match(marked[0])           # "> NAME wrote:" over "> the words": the head quoted too
        if head:
            return _named(head, marked[1:])
        return None, folded_words(" ".join(marked[:3]))
    return None


def _named(head: re.Match, after: list[str]) -> tuple[str, str]:
    name = (head.group("by") or head.group("name")).strip().lstrip("@")
    rest = _ARROW.sub("", head.group("rest") or "")
    after = [line for line in after if not date_line(line)]      # phpBB: "NAME wrote: ↑" over the quoted date
    words = rest if len(rest.split()) >= 2 else " ".join(after[:3])
    return name, folded_words(re.sub(r"^>\s?", "", words))


@dataclass
class _Thread:
    """The messages' own words, folded once, with indexes of where each word, each pair of words and each writer's
    first name occur: a long thread of quoting replies is read in about linear time, not by re-reading every earlier
    message for each reply (a thread of words everyone uses is still read fast: a pair of them is rarer)."""

    units: list[RawUnit]
    own: list[str] = field(default_factory=list)                  # " words … " of each unit, spaces around
    by_words: dict[str, list[int]] = field(default_factory=dict)  # a word, two words -> units holding it, in order
    by_first_name: dict[str, list[int]] = field(default_factory=dict)   # a writer's first word -> their comments

    @classmethod
    def of(cls, units: list[RawUnit]) -> _Thread:
        thread = cls(units)
        for k, unit in enumerate(units):
            words = _own_words(unit)
            thread.own.append(f" {words} ")
            for seen in _grams(words):
                thread.by_words.setdefault(seen, []).append(k)
            author = folded_words(unit.author or "").split()
            if unit.kind == "comment" and author and k > 0:      # the first unit, the post, is no earlier comment
                thread.by_first_name.setdefault(author[0], []).append(k)
        return thread

    def quoted_message(self, index: int, name: str | None, words: str) -> int | None:
        """The message the reply at ``index`` quotes: by its words (the writer's, where named), else the named
        writer's latest earlier comment; None for the post or where nothing names a message."""
        key = " ".join(words.split()[:_KEY_WORDS])
        if len(key.split()) >= (1 if name else _LEAST_WORDS):
            for k in self._holding(key, index):
                if name and self.units[k].kind == "comment" and not same_writer(self.units[k].author, name):
                    continue
                return k if self.units[k].kind == "comment" else None
        if name is None:
            return None
        first = folded_words(name).split()
        among = _before(self.by_first_name.get(first[0], []) if first else [], index)
        return next(written_by(self.units, name, among, same=same_writer), None)

    def _holding(self, key: str, index: int) -> Iterator[int]:
        """The units before ``index`` whose own words hold ``key`` as whole words, latest first: only the units
        holding the key's rarest word or pair of words are read."""
        rarest = min(_grams(key, singles=" " not in key), key=lambda gram: len(self.by_words.get(gram, ())))
        return (k for k in _before(self.by_words.get(rarest, []), index) if f" {key} " in self.own[k])


def _grams(words: str, singles: bool = True) -> set[str]:
    """The pairs of neighbouring words of folded ``words``, and (``singles``) its words."""
    split = words.split()
    pairs = {f"{a} {b}" for a, b in zip(split, split[1:], strict=False)}
    return pairs | set(split) if singles else pairs


def _before(indices: list[int], index: int) -> Iterator[int]:
    """The ascending ``indices`` below ``index``, latest first."""
    return (indices[n] for n in range(bisect_left(indices, index) - 1, -1, -1))


def _own_words(unit: RawUnit) -> str:
    """A message's words without the quotations set as such ("> …"): a reply quoting a message holds its words too."""
    return folded_words(" ".join(line for line in unit.text.split("\n") if not line.lstrip().startswith(">")))
