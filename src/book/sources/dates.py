"""Dates as pages print them, turned into ``YYYY-MM-DD`` only when unambiguous.

"9/1/2025" could be the 1st of September or the 9th of January: such a date is
recognised as a date (so the line is not taken for prose) but not converted,
because a guessed date would be presented as fact.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

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
    re.compile(rf"(?P<a>\d{{1,2}})(?P<sep>[/.-])(?P<b>\d{{1,2}})(?P=sep)(?P<year>\d{{4}}){_TIME}", re.I),
    # Year first, as East Asian and Hungarian pages print dates: "2020年07月03日", "2016.03.16", "2020. 06. 04.",
    # "2020/07/13". With the year first, the month comes before the day in every locale that writes so.
    re.compile(r"(?<![\d.])(?P<year>(?:19|20)\d\d)\s*年\s*(?P<nmonth>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日" + _TIME, re.I),
    re.compile(r"(?<![\d.])(?P<year>(?:19|20)\d\d)(?P<sep>[./])\s?(?P<nmonth>\d{1,2})(?P=sep)\s?(?P<day>\d{1,2})"
               r"(?![\d/])\.?" + _TIME, re.I),
    # A day, a month's name and a two-digit year, as vBulletin and Oracle print them ("22 Apr 22,, 09:05",
    # "05-Mar-19"): the month's name settles which number is the day, and nobody writes the year first
    # before a month's name and a day, so the last number is the year. Only where nothing else follows but
    # a comma or a clock time: "on 3 May 20 people came" is prose, not a date.
    re.compile(rf"(?<![\d.])(?P<day>\d{{1,2}})(?P<sep>[\s-])\s*{_MONTH}(?P=sep)\s*(?P<yy>\d\d)(?![\d:])"
               rf"(?=\s*,|\s*$|\s+\d{{1,2}}[:.]\d\d)(?:,(?=,))?{_TIME}", re.I),
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
    year = int(groups["year"]) if groups.get("year") else _century(int(groups["yy"]))
    if groups.get("month"):
        month = _MONTHS.get(groups["month"].lower().rstrip("."))
        day = int(groups["day"])
    elif groups.get("nmonth"):
        month, day = int(groups["nmonth"]), int(groups["day"])
    else:
        a, b = int(groups["a"]), int(groups["b"])
        if groups.get("sep") == ".":
            day, month = a, b               # 11.09.2011: dotted dates are written day first wherever they are used
        elif a > 12 and b <= 12:
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


# A numeric date with a slash or a hyphen ("12/04/2020", "04-12-2020", "01/06/18"): its order, day or month first,
# is the page's; a dotted date is day first wherever it is written (:func:`_convert`).
_SLASHED = re.compile(r"(?<![\d./-])(?P<a>\d{1,2})(?P<sep>[/-])(?P<b>\d{1,2})(?P=sep)(?P<year>(?:19|20)\d\d|\d\d)(?!\d)")
# A numeric date with a two-digit year ("17.7.11", "12.29.14", "01/06/18"), not a version number ("v1.2.14", "1.2.14.3").
_SHORT_YEAR = re.compile(r"(?<![\w./-])(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<yy>\d\d)(?![\d]|[./-]\d)")
_FULL_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def numeric_order(lines: list[str]) -> str | None:
    """How the copy writes its slashed dates, "dmy" or "mdy", where those whose order shows (a first number over
    12, or a second) all agree: "14/04/2020" settles "12/04/2020" on the same page. None where none shows the
    order or they disagree: an ambiguous date is then left unread rather than guessed."""
    orders = set()
    for line in lines:
        for match in _SLASHED.finditer(line):
            a, b = int(match.group("a")), int(match.group("b"))
            if a > 12 >= b:
                orders.add("dmy")
            elif b > 12 >= a:
                orders.add("mdy")
    return orders.pop() if len(orders) == 1 else None


def copy_years(lines: list[str]) -> frozenset[int]:
    """The four-digit years the copy prints: what says which century a two-digit year ("17.7.11") is in."""
    return frozenset(int(year) for line in lines for year in _FULL_YEAR.findall(line))


def copy_dating(lines: list[str]) -> tuple[str | None, frozenset[int]]:
    """What settles the copy's unsure dates, read once a copy: its slashed dates' order (:func:`numeric_order`)
    and its four-digit years (:func:`copy_years`), the two arguments :func:`settled_date` takes after the text."""
    return numeric_order(lines), copy_years(lines)


def settled_date(text: str, order: str | None, years: frozenset[int] = frozenset()) -> str | None:
    """The ISO date of a numeric date in ``text`` that :func:`find_date` leaves unread, where the copy settles it:
    an ambiguous slashed date ("12/04/2020") by the copy's ``order`` (:func:`numeric_order`), and a two-digit
    year ("17.7.11", "12.29.14") by the one year of the copy's four-digit ``years`` that ends in it (day and
    month as a four-digit year's date would be read). None otherwise: a guess is never presented as fact."""
    found = find_date(text)
    if found is not None and found.ambiguous and (match := _SLASHED.match(found.text)) is not None:
        year = int(match.group("year"))
    elif found is None and (match := _SHORT_YEAR.search(text)) is not None:
        centuries = [year for year in years if year % 100 == int(match.group("yy"))]
        if len(centuries) != 1:
            return None
        year = centuries[0]
    else:
        return None
    a, b, dotted = int(match.group("a")), int(match.group("b")), match.group("sep") == "."
    if a > 12 >= b or (dotted and b <= 12) or (order == "dmy" and b <= 12):
        day, month = a, b
    elif b > 12 >= a or order == "mdy":
        day, month = b, a
    else:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _century(two_digits: int) -> int:
    """The year a two-digit year names: this century's, unless that is more than a year ahead of today
    (a page printed "25 Apr 99" in 1999)."""
    year = 2000 + two_digits
    return year if year <= date.today().year + 1 else year - 100


def relative_date(text: str) -> bool:
    """A time printed relative to the day the page was saved ("7 days ago", "2 weeks 6 days ago", "1 月前"):
    a message's date whose day is unknown, as forums' "timeago" labels print it."""
    return bool(_RELATIVE.match(" ".join(text.split()).strip("·•|–— ")))


# Short lines only, and none with a year: a relative time is "7d ago", "3 h", "vor 2 Tagen", "gestern", "1周前".
_RELATIVE_SHAPE = re.compile(r"^(?!.*\b(?:19|20)\d\d\b)[\w.,·•|–—-]+(?:\s+[\w.,·•|–—-]+){0,4}$")
# A count and its unit, in either order, and nothing a relative time does not hold (a clock, a label, a "#")
_NUMBER_AND_WORD = re.compile(r"^(?!.*[:#/@])(?=.*(?:\b|(?<=\d))\d{1,3}(?!\d))(?=.*[^\W\d_])")
# Two moments a week, months and hours apart, both at noon: a relative time lies as far before each.
_BASES = (datetime(2021, 1, 6, 12, 0), datetime(2021, 3, 13, 12, 0))


def relative_words(text: str, languages: tuple[str, ...] | None = None, compact: bool = True) -> bool:
    """A time relative to the day the page was saved, in the words of any language dateparser knows
    ("7d ago", "3 h", "il y a 3 jours", "gestern", "1周前"): dateparser places it the same distance before
    two different days; a month's or a weekday's name, a day's number or a name are placed differently or
    not at all. ``compact``: "3h", "7d" without their "ago" count too (beside a name; alone on a line, "13h"
    is as often a list of headlines' ages or a clock)."""
    text = " ".join(text.split())
    if len(text) > 24 or not _RELATIVE_SHAPE.match(text) or not _NUMBER_AND_WORD.search(text):
        return False            # "Today", "Now": a heading or a word of the text as often as a time
    languages = tuple(languages or _LANGUAGES.get())
    units, agos = _time_units(languages)
    lowered = text.lower()
    runs = re.findall(r"\d+|[^\W\d_]+", lowered)
    if text.endswith(".") and runs[-1] not in units:
        return False            # "… from 1 hour ago.": the end of a sentence ("3 min." is an abbreviation)
    ago_words = {word for ago in agos for word in ago.split()}
    said_ago = any(word in agos for word in runs) or any(ago in lowered for ago in agos if " " in ago or not ago.isascii())
    for k, run in enumerate(runs):
        after = runs[k + 1] if k + 1 < len(runs) else ""
        if run.isdigit():
            glued = bool(re.search(rf"{run}{re.escape(after)}", lowered)) if after else False
            if not _unit(after, units, agos) or (len(after) == 1 and not glued and not said_ago):
                return False    # "10 min 2", "17h17" (a clock), "11 g" (a weight): each count has its unit
        elif not (_unit(run, units, agos) or run in ago_words):
            return False        # "3 Likes", "24hrs This month": words other than units and "ago"
    if not said_ago and (not compact or not any(len(run) <= 3 for run in runs if run in units)):
        return False            # "48 heures", "60 minutes": a duration; "3h", "7d", "12 min" stand for "ago"
    return _relative_offset(text, languages)


def _unit(word: str, units: frozenset[str], agos: frozenset[str]) -> bool:
    """A unit of time, or one glued to its "ago" as Chinese and Japanese write them ("天前", "周前")."""
    if word in units:
        return True
    return not word.isascii() and any(word.startswith(unit) and (word[len(unit):] in agos or not word[len(unit):])
                                      for unit in units if not unit.isascii())


def translation_data(code: str) -> dict:
    """dateparser's words for one language's dates (its ``date_translation_data`` module: months, weekdays, units,
    "ago", "yesterday"); empty for a language it has none for. What every reader of those words takes them from."""
    import importlib

    try:
        return importlib.import_module(f"dateparser.data.date_translation_data.{code}").info
    except (ImportError, AttributeError):
        return {}


@functools.lru_cache(maxsize=16)
def _time_units(languages: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """The words and letters dateparser reads as units of time in these languages ("d", "days", "Tagen", "天"),
    and its words for "ago" ("vor", "il y a", "前")."""
    units: set[str] = set()
    agos: set[str] = set()
    for code in languages:
        info = translation_data(code)
        for key in ("year", "month", "week", "day", "hour", "minute", "second"):
            units.update(word.lower() for word in info.get(key, []))
        agos.update(word.lower() for word in info.get("ago", []))
    return frozenset(units), frozenset(agos)


@functools.lru_cache(maxsize=4096)
def _relative_offset(text: str, languages: tuple[str, ...]) -> bool:
    offsets = set()
    for base in _BASES:
        try:
            parsed = _relative_parser(languages, base).get_date_data(text).date_obj
        except Exception:  # dateparser must never break an import
            return False
        if parsed is not None:
            parsed = parsed.replace(tzinfo=None)
        if parsed is None or parsed > base:
            return False
        offsets.add((base.date() - parsed.date()).days)
    return max(offsets) - min(offsets) <= 2      # "1 yr. ago", "4mo": months and years differ in length


def relative_moment(text: str) -> tuple[str, int] | None:
    """A relative time ("1 Stunde 51 Minuten her", "3 days ago") as a (date, minute of the day) placed before one
    fixed day, so that the relative times of one page order as their moments did (None where ``text`` is none:
    :func:`relative_date` says which texts are). Kept per text and the languages read in (:func:`reading_now`):
    "il y a 3 heures" is a moment to a French page and none to an English one."""
    if not relative_date(text):
        return None
    return _relative_moment(text, tuple(_LANGUAGES.get()))


@functools.lru_cache(maxsize=4096)
def _relative_moment(text: str, languages: tuple[str, ...]) -> tuple[str, int] | None:
    base = _BASES[0]
    words = " ".join(text.split()).strip("·•|–— ")
    parsed = None
    for said in (words, re.sub(r"\s+[^\W\d_]+$", "", words)):     # "1 Stunde 51 Minuten her": wpDiscuz's "ago"
        try:
            parsed = _relative_parser(languages, base).get_date_data(said).date_obj
        except Exception:  # dateparser must never break an import
            return None
        if parsed is not None:
            break
    if parsed is None or parsed.replace(tzinfo=None) > base:
        return None
    parsed = parsed.replace(tzinfo=None)
    return parsed.date().isoformat(), parsed.hour * 60 + parsed.minute


@functools.lru_cache(maxsize=16)
def _relative_parser(languages: tuple[str, ...], base: datetime):  # noqa: ANN202 (dateparser is imported lazily)
    from dateparser import DateDataParser
    from dateparser.data.languages_info import language_order

    known = [code for code in languages if code in language_order] or None
    return DateDataParser(locales=known, try_previous_locales=True,
                          settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"})


def is_date_line(line: str) -> bool:
    """A line that is only a date (and a time), in any language :func:`date_line` reads: metadata, not prose."""
    return date_line(line) is not None


def iso_or_none(value: str | None) -> str | None:
    """Accept an ISO-like or printed date from metadata; return YYYY-MM-DD or None."""
    if not value:
        return None
    found = find_date(value)
    return found.iso if found else None


# Month names in the languages blog themes ship, for date lines without a year ("Jun 20th at 2:41 am")
# and for dates in words of another language ("19. Juni 2019 / 6:16"), which dateparser converts.
MONTH_WORD = (r"(?:jan|feb|m[aä]r|apr|ma[iyj]|jun|jul|aug|sep|o[ck]t|nov|de[cz]|januar|februar|märz|juni|juli|"
              r"oktober|dezember|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|"
              r"décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|"
              r"diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|januari|"
              r"februari|maart|mei|augustus|oktober)")
WEEKDAY_WORD = (r"(?:mon|tue|wed|thu|fri|sat|sun|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|"
                r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|"
                r"domingo|lunedì|martedì|mercoledì|giovedì|venerdì|sabato|maandag|dinsdag|woensdag|donderdag|"
                r"vrijdag|zaterdag|zondag)")
_CLOCK = r"\d{1,2}\s?[:.h]\s?\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?|uhr|h|min)?"
_WORDS_DATE_LINE = re.compile(
    rf"^(?:{WEEKDAY_WORD}[^\W\d_]*\.?,?\s+)?"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th|er|\.)?\s*(?:de\s+)?{MONTH_WORD}[^\W\d_]*\.?,?(?:\s+(?:de\s+)?(?P<y1>\d{{4}}))?"
    rf"|{MONTH_WORD}[^\W\d_]*\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\.?(?:,?\s+(?P<y2>\d{{4}}))?)"
    rf"(?:\s*(?:,|/|-|–|—|\||um|at|à|a las|alle|om|kl\.?|@)?\s*{_CLOCK})?$",
    re.IGNORECASE,
)
_NUMERIC_WITH_CLOCK = re.compile(rf"^(?P<date>\d{{1,2}}[./]\d{{1,2}}[./]\d{{4}}|\d{{4}}-\d{{1,2}}-\d{{1,2}})"
                                 rf"\s*(?:,|//?|-|–|—|\||·|um|at|à|às|a las|alle|om|kl\.?|@)?\s*{_CLOCK}$", re.IGNORECASE)
_SPACED_DOTTED = re.compile(r"^(\d{1,2})\.\s+(\d{1,2})\.\s+(\d{4})\b")   # "14. 01. 2020, 13:47" (taz)
_CJK_DATE = re.compile(r"^(?P<y>(?:19|20)\d\d)\s*[年/.-]\s*(?P<m>\d{1,2})\s*[月/.-]\s*(?P<d>\d{1,2})\s*日?\s*"
                       r"(?:[(（]?(?:星期|周|週|礼拜|禮拜)?[一二三四五六日天][)）]?\s*)?"
                       r"(?:(?:上午|下午|中午|晚上|早上|凌晨|午前|午後|오전|오후)?\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?"
                       r"\s*(?:[ap]\.?m\.?)?)?$", re.IGNORECASE)   # "2020年3月3日 上午10:00", "2020/03/03 10:00"
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_RELATIVE = re.compile(r"^(?:(?:(?:\d+|an?|one)\s+(?:years?|months?|weeks?|days?|hours?|minutes?|mins?|hrs?|seconds?),?\s+){1,2}ago|"
                       r"(?:(?:\d+|ein|eine|einem|einer)\s+(?:jahre?n?|monate?n?|wochen?|tage?n?|stunden?|minuten?|sekunden?)\s+){1,2}"
                       r"her|"                              # wpDiscuz in German: "1 Monat her", "1 Stunde 51 Minuten her"
                       r"vor\s+(?:\d+|einem|einer)\s+(?:jahren?|monaten?|wochen?|tagen?|stunden?|minuten?)|"
                       r"il y a\s+\d+\s+(?:ans?|mois|semaines?|jours?|heures?|minutes?)|"
                       r"hace\s+\d+\s+(?:años?|meses?|semanas?|días?|horas?|minutos?)|"
                       # Chinese, Japanese and Korean: "1 月前", "19 天前", "3 日前", "2 ヶ月前", "3時間前", "3일 전"
                       r"\d+\s*(?:秒|分钟|分鐘|分|小时|小時|時間|天|日|周|週|週間|星期|个月|個月|か月|ヶ月|カ月|月|年)\s*前|"
                       r"\d+\s*(?:초|분|시간|일|주|개월|달|년)\s*전)$",
                       re.IGNORECASE)
_DAY_MONTH_COMMA_YEAR = re.compile(rf"^(?P<d>\d{{1,2}})\.(?P<m>\d{{1,2}})\.?,\s*(?P<y>\d{{4}})(?:\s*(?:@|at|um|,)?\s*{_CLOCK})?$",
                                   re.IGNORECASE)
_SHORT_DOTTED = re.compile(rf"^\d{{1,2}}([./])\d{{1,2}}\1\d{{2}}(?:\s*(?:,|at|um|@)?\s*{_CLOCK})?$",
                           re.IGNORECASE)      # "17.7.11", "10/28/10", "07/03/24 03:30 PM"
# "12-25-02, 09:18 PM": vBulletin 3's default; with dashes only before a clock time (a line of "10-12-15" alone
# may be a score or a range)
_SHORT_DASHED = re.compile(rf"^\d{{1,2}}-\d{{1,2}}-\d{{2}}\s*,?\s*{_CLOCK}$", re.IGNORECASE)
_CLOCK_FIRST = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?,?\s+(?P<date>\d.{5,30})$", re.IGNORECASE)


def words_date(text: str, languages: list[str] | None = None) -> str | None:
    """A date written in words of another language ("19. Juni 2019 / 6:16", "3 mars 2015"): dateparser reads it.

    Only short texts with a four-digit year and a word are tried (a full search is slow and finds
    dates in prose); numeric dates stay with :func:`find_date`, which refuses to guess day and month.
    ``languages``: ISO 639-1 codes, the page's own first (default: :data:`COMMON_LANGUAGES`).
    """
    if len(text) > 60 or not _YEAR.search(text) or not re.search(r"[^\W\d_]{3,}", text):
        return None
    text = _ORDINAL.sub("", text)       # "Januar 27th, 2011": WordPress's "F jS, Y" with a German month
    return _words_date_of_day(" ".join(_TIME_OF_DAY.sub(" ", text).split()), tuple(languages or _LANGUAGES.get()))


_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b")


# The languages tried when the caller knows none: those most blogs and papers are written in (trying all of
# dateparser's two hundred costs seconds for each text that holds no date).
COMMON_LANGUAGES = ("en", "de", "fr", "es", "it", "nl", "pt", "sv", "da", "nb", "fi", "pl", "cs", "ru", "zh", "ja")
_LANGUAGES: contextvars.ContextVar[tuple[str, ...]] = contextvars.ContextVar("date_languages",
                                                                             default=COMMON_LANGUAGES)


@contextlib.contextmanager
def reading_languages(codes: list[str] | tuple[str, ...]) -> Iterator[None]:
    """Within the block, dates in words are read in these languages (a page's declared ones): every
    date line of a page, wherever it is tested, costs the few locales it can be in, not sixteen."""
    token = _LANGUAGES.set(tuple(codes) or COMMON_LANGUAGES)
    try:
        yield
    finally:
        _LANGUAGES.reset(token)


def reading_now() -> tuple[str, ...]:
    """The languages dates in words are read in here (:func:`reading_languages`): part of the key of
    whatever keeps a date found in words."""
    return _LANGUAGES.get()


# The time of day and its connector ("um 17:21 Uhr", "at 2:41 am"): set aside, since only the day is read,
# so that the comments of one day cost one reading.
_TIME_OF_DAY = re.compile(rf"\s*(?:,|/|-|–|—|\||\bum\b|\bat\b|\bà\b|\ba las\b|\balle\b|\bom\b|\bkl\.?|@)?\s*{_CLOCK}"
                          rf"(?:\s*uhr\b)?", re.IGNORECASE)


@functools.lru_cache(maxsize=512)
def _words_date_of_day(text: str, languages: tuple[str, ...]) -> str | None:
    try:
        parsed = _date_parser(languages).get_date_data(text).date_obj
    except Exception:  # dateparser must never break an import
        return None
    return parsed.date().isoformat() if parsed else None


@functools.lru_cache(maxsize=8)
def _date_parser(languages: tuple[str, ...]):  # noqa: ANN202 (dateparser is imported lazily)
    """One dateparser instance per set of languages, kept: a thread's hundred dates cost one set-up, and the
    locale that read the last date is tried first. Base locales only ("es" without its twenty regions)."""
    from dateparser import DateDataParser
    from dateparser.data.languages_info import language_order

    known = [code for code in languages if code in language_order] or None
    return DateDataParser(locales=known, try_previous_locales=True,
                          settings={"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past"})


def date_line(line: str) -> FoundDate | None:
    """The date of a line that is only a date and perhaps a time, in any of the languages above.

    "May 10, 2014 at 7:02 AM", "19. Juni 2019 / 6:16", "11.09.2011 23:31", "Jun 20th at 2:41 am" (a
    date without a year is a date line whose date is unknown: ``iso`` None, not ambiguous). A text
    capture tests most of its lines, many alike: each is read once for the languages in force.
    """
    return _date_line(line, _LANGUAGES.get())


@functools.lru_cache(maxsize=8192)
def _date_line(line: str, _languages: tuple[str, ...]) -> FoundDate | None:
    text = line.strip().rstrip(":|").strip()
    text = re.sub(r"\s*(?:said|says|wrote|reply|permalink)\s*:?$", "", text, flags=re.I)
    text = re.sub(r"^[•·|–—-]\s*|\s+#\d+$", "", text)          # "• 8 years ago", "March 2, 2019, 6:04pm #2"
    text = _SPACED_DOTTED.sub(r"\1.\2.\3", text)              # a dotted date typeset with spaces
    if not text or len(text) > 60:
        return None
    if _RELATIVE.match(text) or relative_words(text, _languages, compact=False):
        return FoundDate(None, text)            # "8 years ago", "7d", "gestern": when the page was saved is not recorded
    found = find_date(text, whole=True)
    if found is not None:
        return found
    match = _DAY_MONTH_COMMA_YEAR.match(text)
    if match:                                   # "17.07, 2011 @ 13:04": day first, as dotted dates are
        return find_date(f"{match.group('d')}.{match.group('m')}.{match.group('y')}", whole=True)
    if _SHORT_DOTTED.match(text) or _SHORT_DASHED.match(text):   # "17.7.11": a date, but the century is a guess
        return FoundDate(None, text)
    if (clock_first := _CLOCK_FIRST.match(text)) is not None:
        return date_line(clock_first.group("date"))   # "09:02 PM 10/28/10": the time printed before the day
    match = _NUMERIC_WITH_CLOCK.match(text)
    if match:
        return find_date(match.group("date"), whole=True)
    match = _CJK_DATE.match(text)
    if match:
        with contextlib.suppress(ValueError):
            return FoundDate(date(int(match.group("y")), int(match.group("m")), int(match.group("d"))).isoformat(), text)
    match = _WORDS_DATE_LINE.match(text)
    if match:
        if match.group("y1") or match.group("y2"):
            return FoundDate(find_date(text).iso if find_date(text) else words_date(text), text)
        return FoundDate(None, text)
    if _WORDS_DATE_SHAPE.match(text) and (iso := words_date(text)) is not None:
        return FoundDate(iso, text)             # "wtorek, 11 maja 2021, 23:13": a month no list above names
    return None


# A day, a word and a year (or a word, a day and a year), perhaps after a weekday (with its comma, unless a
# list above names it: "Tim September 7, 2015" is a name and a date) and before a clock time, with
# a connector the copy cut short ("November 30, 2010 at"): the shape of a date in words of any language. The
# word is whatever the page's language calls the month ("maja", "kwietnia", "março"): dateparser, not a list
# here, says whether it is one, so that only a line dateparser reads as a whole date is a date line.
_ANY_WORD = r"[^\W\d_]{3,15}\.?"
_WORDS_DATE_SHAPE = re.compile(
    rf"^(?:{_ANY_WORD}(?:-{_ANY_WORD})?,\s+|{WEEKDAY_WORD}[^\W\d_]*\.?\s+)?"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th|er|\.)?\s+(?:de\s+)?{_ANY_WORD},?\s+(?:de\s+)?\d{{4}}"
    rf"|{_ANY_WORD}\s+\d{{1,2}}(?:st|nd|rd|th)?\.?,?\s+\d{{4}})"
    rf"(?:\s*(?:,|/|-|–|—|\||um|at|à|a las|alle|om|kl\.?|@|o)?\s*{_CLOCK})?(?:\s+(?:at|um|à|om|o|alle))?$",
    re.IGNORECASE,
)
