"""The permissions ledger: whose rights an excerpt uses, and on what terms.

Each source's ``rights:`` (in ``<id>.edits.yaml``) is its ledger entry; under
``rights.writers`` each commenter may have an entry of their own, since a commenter
holds the rights to their own words. :func:`entry_for` says which entry governs the
words of one writer of a source:

- the writer's own entry, when there is one (held by ``holder``, else the writer);
- for the source's own writer (its author, or a post's author), the source's entry
  (held by ``holder``, else the author);
- for anyone else (a commenter, a reader whose letter a post quotes), the source's
  entry too, except that a ``permission`` covers only the words of whoever gave it:
  their words are ``pending`` until the writer's own entry records a permission.

The writer is who the check stage says wrote the passage (the ``who`` of its
attribution), as captured, before privacy.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from book.editorial.privacy import NOT_A_NAME
from book.model import Rights, Source

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
    """The source's own writers: its author and the authors of its posts."""
    names = {unit.author for unit in source.units if unit.kind == "post" and unit.author}
    if source.author:
        names.add(source.author)
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
    if rights.status == "permission":
        note = (f"the permission of {rights.holder or rights.granted_by or 'the source'} does not cover "
                f"{writer}'s words: record their own under rights.writers")
        rights = Rights(status="pending", note=note)
    else:
        rights = replace(rights, holder=None, writers=(), credit=None, credit_with_excerpt=False,
                         fee=None, currency=None, requested_on=None, granted_on=None, granted_by=None)
    holder = writer
    if writer.strip().lower() in NOT_A_NAME:  # not one person: anonymous commenters are told apart by source
        holder = f"{writer} (commenting on {source.title or source.id})"
    return LedgerEntry(source.id, writer, holder, rights, own=False, inherited_from_source=True)
