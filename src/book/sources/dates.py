"""Dates as pages print them, turned into ``YYYY-MM-DD`` only when unambiguous.

"9/1/2025" could be the 1st of September or the 9th of January: such a date is
recognised as a date (so the line is not taken for prose) but not converted,
because a guessed date would be presented as fact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MONTHS = {m: i for i, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")], start=1) for m in names}
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday|rsday)?\.?,?\s+)?"
_TIME = r"(?:,?\s*(?:at|@|-|–|\|)?\s*\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}|\s*[+-]\d{2}:?\d{2}|Z)?)?"

_PATTERNS = [
    re.compile(rf"{_WEEKDAY}{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}}){_TIME}", re.I),
    re.compile(rf"{_WEEKDAY}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?P<year>\d{{4}}){_TIME}", re.I),
    re.compile(rf"(?P<year>\d{{4}})-(?P<nmonth>\d{{1,2}})-(?P<day>\d{{1,2}})(?:[T ]\d{{2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?{_TIME}", re.I),
    re.compile(rf"(?P<a>\d{{1,2}})[/.](?P<b>\d{{1,2}})[/.](?P<year>\d{{4}}){_TIME}", re.I),
]


@dataclass(frozen=True)
class FoundDate:
    iso: str | None        # YYYY-MM-DD, or None when the printed date is ambiguous
    text: str              # the date as printed
    ambiguous: bool = False


def find_date(text: str, whole: bool = False) -> FoundDate | None:
    """The first full date in ``text`` (or ``text`` must be just a date when ``whole``)."""
    for pattern in _PATTERNS:
        match = pattern.fullmatch(text.strip()) if whole else pattern.search(text)
        if match:
            found = _convert(match)
            if found is not None:
                return found
    return None


def _convert(match: re.Match[str]) -> FoundDate | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if groups.get("month"):
        month = _MONTHS.get(groups["month"].lower().rstrip("."))
        day = int(groups["day"])
    elif groups.get("nmonth"):
        month, day = int(groups["nmonth"]), int(groups["day"])
    else:
        a, b = int(groups["a"]), int(groups["b"])
        if a > 12 and b <= 12:
            day, month = a, b
        elif b > 12 and a <= 12:
            month, day = a, b
        elif a == b:
            month = day = a
        else:
            return FoundDate(None, match.group(0).strip(), ambiguous=True) if a <= 12 and b <= 12 else None
    try:
        return FoundDate(date(year, month, day).isoformat(), match.group(0).strip())
    except (TypeError, ValueError):
        return None


def is_date_line(line: str) -> bool:
    """A line that is only a date (and a time): comment metadata, not prose."""
    line = line.strip().rstrip(":|").strip()
    line = re.sub(r"\s*(?:said|says|wrote|reply|permalink)\s*:?$", "", line, flags=re.I)
    return len(line) <= 60 and find_date(line, whole=True) is not None


def iso_or_none(value: str | None) -> str | None:
    """Accept an ISO-like or printed date from metadata; return YYYY-MM-DD or None."""
    if not value:
        return None
    found = find_date(value)
    return found.iso if found else None
