"""The permissions ledger: whose rights an excerpt uses, and on what terms.

Each source's ``rights:`` (in ``<id>.edits.yaml``) is its ledger entry; under
``rights.writers`` each commenter may have an entry of their own, since a commenter
holds the rights to their own words. :func:`entry_for` says which entry governs the
words of one writer of a source:

- the writer's own entry, when there is one (held by ``holder``, else the writer);
- for the source's own writer (its author, or a post's author), the source's entry
  (held by ``holder``, else the author);
- for anyone else (a commenter, a reader whose letter a post quotes), the source's
  status (they hold the rights to their own words, so they are the holder; the
  source's holder, fee, dates and credit line are not theirs). A permission given by a
  blog's owner may not cover its commenters: record their own entries under ``writers``.

The writer is who the check stage says wrote the passage (the ``who`` of its
attribution), as captured, before privacy.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from book.editorial.attribution import post_writer
from book.editorial.privacy import NOT_A_NAME
from book.model import Block, Excerpt, Manuscript, Rights, Source

UNKNOWN_HOLDER = "(not recorded)"


@dataclass(frozen=True)
class LedgerEntry:
    """The terms that govern one writer's words in one source."""

    source: str
    writer: str | None         # as captured (before privacy); None when the capture does not say
    holder: str                # who holds the rights, to write to
    rights: Rights             # the entry that applies (the writer's own, or the source's)
    own: bool                  # the writer has an entry of their own under rights.writers
    inherited_from_source: bool = False  # a commenter's words under the source's entry

    @property
    def key(self) -> tuple[str, str | None]:
        return (self.source, self.writer)


def source_writers(source: Source) -> set[str]:
    """The source's own writers: its author, the writer of its post (as the check stage decides it),
    and the authors of its posts as captured."""
    names = {unit.author for unit in source.units if unit.kind == "post" and unit.author}
    names |= {name for name in (source.author, post_writer(source)) if name}
    return names


def entry_for(source: Source, writer: str | None) -> LedgerEntry:
    """The ledger entry that governs ``writer``'s words in ``source`` (see the module's rules)."""
    own = source.rights.writer(writer)
    if own is not None:
        return LedgerEntry(source.id, writer, own.holder or writer or UNKNOWN_HOLDER, own, own=True)
    rights = source.rights
    if writer is None or writer in source_writers(source):
        holder = rights.holder or writer or source.author or UNKNOWN_HOLDER
        return LedgerEntry(source.id, writer, holder, rights, own=False)
    rights = replace(rights, holder=None, writers=(), credit=None, credit_with_excerpt=False,
                     fee=None, currency=None, requested_on=None, granted_on=None, granted_by=None)
    holder = writer
    if writer.strip().lower() in NOT_A_NAME:  # not one person: anonymous commenters are told apart by source
        holder = f"{writer} (commenting on {source.title or source.id})"
    return LedgerEntry(source.id, writer, holder, rights, own=False, inherited_from_source=True)


def with_credit_lines(manuscript: Manuscript, matches: dict) -> tuple[Manuscript, dict]:
    """Every excerpt whose governing entry asks for it carries the holder's credit line (``Credit.credit_line``).

    Returns the manuscript and the check stage's matches, keyed by the new excerpts.
    """

    def credited(block: Block) -> Block:
        if not isinstance(block, Excerpt) or block.credit is None or block.source not in manuscript.sources:
            return block
        rights = entry_for(manuscript.sources[block.source], block.credit.who).rights
        if not (rights.credit_with_excerpt and rights.credit):
            return block
        return replace(block, credit=replace(block.credit, credit_line=rights.credit))

    changed = manuscript.map_blocks(credited)
    pairs = zip(manuscript.excerpts, changed.excerpts, strict=True)
    return changed, {new: matches[old] for old, new in pairs if old in matches}
