"""``book permissions status``: where every permission stands, what blocks a release, what is overdue.

One line per ledger entry the book uses (a source's, or a writer's own), grouped by
status: ``refused``, ``pending`` (never asked), ``requested`` (``pending`` with a
``requested_on`` date), ``granted`` (``permission``), ``quotation`` with the editor's
decision, ``open-licence``, ``public-domain``. What blocks a release is what the check
stage's release gate refuses, in its own words (a writer's own pending or refused entry included).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from book.editorial import Checked
from book.editorial.rights import release_gate
from book.permissions.passages import Passage
from book.support.diagnostics import Report

ORDER = ("refused", "pending", "requested", "granted", "quotation", "open-licence", "public-domain")


@dataclass(frozen=True)
class Standing:
    """One ledger entry the book uses, and how much of the book rests on it."""

    source: str
    writer: str | None
    holder: str
    status: str                 # as ORDER names it
    excerpts: int
    words: int
    requested_on: str | None
    granted_on: str | None
    decision: str | None
    days_waiting: int | None    # since requested_on, for a request not yet answered
    over_thresholds: bool = False  # the source is quoted beyond book.yaml's quotation thresholds


def standings(passages: Sequence[Passage], today: dt.date) -> list[Standing]:
    """Every entry in use, by status (ORDER), then by source and holder."""
    out = []
    for key in dict.fromkeys((p.source, p.entry.holder) for p in passages):
        mine = [p for p in passages if (p.source, p.entry.holder) == key]
        entry = mine[0].entry
        rights = entry.rights
        status = rights.status
        waiting = None
        if status == "pending" and rights.requested_on:
            status = "requested"
            waiting = (today - dt.date.fromisoformat(rights.requested_on)).days
        elif status == "permission":
            status = "granted"
        out.append(Standing(entry.source, entry.writer if entry.own or entry.inherited_from_source else None,
                            entry.holder, status, len(mine), sum(p.words for p in mine), rights.requested_on,
                            rights.granted_on, rights.decision, waiting, mine[0].over_thresholds))
    return sorted(out, key=lambda s: (ORDER.index(s.status) if s.status in ORDER else len(ORDER), s.source, s.holder))


def release_blockers(checked: Checked) -> Report:
    """What the release gate of the check stage refuses, exactly as ``book check --release`` says it."""
    report = Report()
    release_gate(checked.manuscript, report)
    return report


def format_status(rows: Sequence[Standing], blockers: Report, overdue_days: int, today: dt.date) -> str:
    """The table, then what blocks a release, then what is overdue."""
    lines = [f"{'STATUS':<11} {'SOURCE':<30} {'RIGHTS HOLDER':<34} {'EXCERPTS':>8} {'WORDS':>6}  SINCE"]
    told: set[str] = set()   # a source's decision is said once
    for row in rows:
        since = row.granted_on if row.status == "granted" else row.requested_on or ""
        lines.append(f"{row.status:<11} {_cut(row.source, 30):<30} {_cut(row.holder, 34):<34} {row.excerpts:>8} "
                     f"{row.words:>6}  {since}")
        if row.status != "quotation" or row.source in told:
            continue
        told.add(row.source)
        if row.decision:
            lines.append(f"{'':<11} decision: {row.decision}")
        elif row.over_thresholds:
            lines.append(f"{'':<11} decision: none recorded, and the source is quoted beyond the thresholds "
                         "(record it in rights.decision)")
    lines += ["", "BLOCKING A RELEASE"]
    if not blockers.items:
        lines.append("nothing: `book release` may go ahead as far as rights go")
    grouped: dict[str, list] = {}   # what the release gate refuses, in its own words, once per problem
    for item in blockers.items:
        grouped.setdefault(f"{item.severity.value}[{item.code}]: {item.message}", []).append(item)
    for message, items in grouped.items():
        where = ", ".join(f"{i.path.name}:{i.line}" for i in items[:3] if i.path is not None and i.line)
        more = f" and {len(items) - 3} more" if len(items) > 3 else ""
        lines.append(f"- {message} ({len(items)} place{'s' * (len(items) != 1)}{': ' + where if where else ''}{more})")
    late = [row for row in rows if row.days_waiting is not None and row.days_waiting > overdue_days]
    lines += ["", f"OVERDUE (requested more than {overdue_days} days before {today.isoformat()})"]
    if not late:
        lines.append("nothing")
    for row in late:
        lines.append(f"- {row.source}: {row.holder}, requested {row.requested_on} ({row.days_waiting} days)")
    return "\n".join(lines)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"
