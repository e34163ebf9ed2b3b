"""The dates a real book and its sources can hold: the window of each kind of date.

A date that is a real day of the calendar can still be one no book can print: ``0001-01-01`` and
``9999-12-31`` are placeholders, ``2062-05-04`` a slip of the finger. Each kind of date has the window
its meaning gives it, and a date outside is refused where it is written, since it would be printed
in attributions, the sources appendix, the copyright page and the EPUB's metadata.

- What a source says of itself (``published``, a unit's ``date``: a quote's date) is written in the
  Gregorian calendar (ISO 8601), which began on 1582-10-15: an earlier YYYY-MM-DD is a proleptic date
  no document of its time printed. It cannot be later than the capture that holds it.
- A capture (``accessed``) and a permission's dates (``requested_on``, ``granted_on``) are things the
  editor did with this tool: not before the web (1990) and not in the future.
- The book's publication (``date``, ``permissions.publication``) may be planned: up to ten years ahead, and
  so may the day ``book permissions status --as-of`` counts to.

"The future" is today by the computer's clock in UTC, plus one day, so that a capture made in a time zone
ahead of UTC is not refused. The bounds only grow with time: a manuscript that passes today passes later.
"""

from __future__ import annotations

import datetime as dt
import re

GREGORIAN = dt.date(1582, 10, 15)
"""The first day of the Gregorian calendar, which YYYY-MM-DD dates are written in."""
WEB = dt.date(1990, 1, 1)
"""No capture or permission request made with this tool can be older than the web."""
PLANNED_YEARS = 10
"""How far ahead a book's publication may be planned."""

_WRITTEN = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
"""How every date is written: YYYY-MM-DD, four digits of year (``datetime`` alone also takes ``20210203``)."""

# The window's start of each kind of date, and whether it may lie ahead (a planned publication).
_KINDS = {
    "published": (GREGORIAN, False),
    "date": (GREGORIAN, False),
    "accessed": (WEB, False),
    "requested_on": (WEB, False),
    "granted_on": (WEB, False),
    "publication": (WEB, True),
    "as_of": (WEB, True),
}
_MEANING = {
    "published": "a source's publication",
    "date": "a quote's date",
    "accessed": "a capture",
    "requested_on": "a permission request",
    "granted_on": "a permission granted",
    "publication": "the book's publication",
    "as_of": "a day to count a request's waiting to",
}


def today() -> dt.date:
    """Today in UTC: the same day for every machine, whatever its ``TZ``."""
    return dt.datetime.now(dt.timezone.utc).date()


def latest(kind: str) -> dt.date:
    """The last day a date of ``kind`` may be: tomorrow, or ten years ahead for a publication."""
    now = today()
    if _KINDS[kind][1]:
        return _years_after(now, PLANNED_YEARS)
    return now + dt.timedelta(days=1)


def _years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:                  # 29 February into a year that has none
        return day.replace(year=day.year + years, day=28)


def date_problem(kind: str, value: dt.date, not_after: dt.date | None = None,
                 after_what: str = "") -> str | None:
    """Why ``value`` cannot be a date of ``kind`` (a key such as ``published``), or None. ``not_after``
    is a later bound the date's own record gives (the capture of the source a quote is in)."""
    first, _ahead = _KINDS[kind]
    meaning = _MEANING[kind]
    if value < first:
        reason = ("the Gregorian calendar, which YYYY-MM-DD dates are written in, began on 1582-10-15"
                  if first == GREGORIAN else "nothing done with this tool is older than the web (1990)")
        return f"{value.isoformat()} cannot be {meaning}: {reason}"
    last = latest(kind)
    if value > last:
        limit = (f"more than {PLANNED_YEARS} years from today" if _KINDS[kind][1]
                 else f"after today ({today().isoformat()}, UTC)")
        return f"{value.isoformat()} cannot be {meaning}: it is {limit}"
    if not_after is not None and value > not_after + dt.timedelta(days=1):
        return f"{value.isoformat()} cannot be {meaning}: it is after {after_what} ({not_after.isoformat()})"
    return None


def day_problem(text: str) -> str | None:
    """Why ``text`` is not a day written YYYY-MM-DD (its shape, or a day the calendar lacks: 2021-02-30)."""
    if not _WRITTEN.match(text):
        return f"{text!r} is not a date written YYYY-MM-DD"
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return f"{text!r} is not a real date: the calendar has no such day"
    return None


def text_problem(kind: str, text: str, not_after: dt.date | None = None, after_what: str = "") -> str | None:
    """Why the written ``text`` cannot be a date of ``kind``: its shape, the calendar, then the kind's window.
    One reading for every place a date is typed (the command line, a source's YAML, its edits, a capture's
    metadata), so that a date one of them takes, the others take too."""
    return day_problem(text) or date_problem(kind, dt.date.fromisoformat(text), not_after, after_what)
