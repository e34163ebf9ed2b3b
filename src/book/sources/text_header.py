"""The post's header in a text capture of a blog: its metadata lines and where the headline sits.

Blog themes print the post's metadata on one line in many shapes, whatever the language:
"Posted on DATE by NAME", "DATE NAME 1 Comment", "DATE/0 Comments/in CATEGORY /by NAME",
"Donnerstag, 15.2.2018, 19:51 > NAME", "By NAME Feb 8, 2020 5 min read", "Filed under: CATEGORIES — NAME @ 00:11",
WordPress's screen-reader labels copied with their values ("Post author By NAME", "Post date DATE"), and,
at the end of a post, "NAME — DATE — in CATEGORY — Permalink". :func:`meta_line` reads such a line into
a name and a date: the date wherever it is (numeric or in words, read by dateparser), the rest split at
the theme's separators, counters, categories, clock times and reading times set aside, the name the
part a label ("by", "von", "par") names or the part next to the date.

Where the line sits tells the headline (:func:`title_near_meta`): under it in most themes (the
headline above the metadata, past pagination links), or above it where the theme prints the metadata
first (WordPress's Twenty Seventeen, Blogger's and WordPress.com's date headers): then the headline is
the line right above the text, and the line above the metadata is no headline (the blog's name or
menu). This module reads only the post's header and its closing byline, never the comment thread.
"""

from __future__ import annotations

import functools
import re

from book.sources import chrome
from book.sources.capture import Capture
from book.sources.clean import FIELD_SEPARATOR
from book.sources.dates import (MONTH_WORD, WEEKDAY_WORD, date_line, find_date, is_date_line, reading_now,
                                words_date)
from book.sources.names import clean_name, is_anonymous
from book.sources.text_lines import (BUTTON_WORDS, BYLINE_LABEL, CJK_CHAR, STARTER_AFTER, STARTER_BEFORE, UPDATE_LABEL,
                                     unglued, word_list)

# WordPress themes' screen-reader labels, copied as text before their values ("Post author", "Beitragsautor").
_SCREEN_LABEL = re.compile(r"^(?:post author|author|autor|post date|posted on|beitragsautor(?:in)?|beitragsdatum|veröffentlicht am|"
                           r"auteur de la publication|date de publication|publié le|autor de la entrada|"
                           r"fecha de publicación|publicado el|autore dell'articolo|data dell'articolo|pubblicato il|"
                           r"bericht auteur|geplaatst op)(?:\b|(?=\d)|(?<=[a-z])(?-i:(?=[A-Z])))\s*:?\s*", re.IGNORECASE)
# "Filed under: CATEGORIES — NAME @ 00:11", "Posted in CATEGORIES | NAME": the categories run to a separator.
_FILED = re.compile(r"^(?:filed under|posted in|abgelegt unter|veröffentlicht in|kategorie(?:n)?|categories|"
                    r"catégorie|categoría|categoria)\s*:?\s*[^—|]*?\s[—|]\s*", re.IGNORECASE)
# A byline's label, glued or not to the name ("Veröffentlicht vonChris Jung", "/by NAME").
_LABEL = re.compile(rf"(?:^|(?<=[\s/|•·>]))(?:{BYLINE_LABEL}|da)(?:\s*:\s*|\s+|(?<=[a-zäöüß])(?-i:(?=[A-ZÀ-Ý])))",
                    re.IGNORECASE)   # "da NAME" (Italian) only here: elsewhere "da" is Portuguese "of the"
_NAME_END = re.compile(r"\s+(?:on|am|um|at|le|el|il|op|den|the)$", re.IGNORECASE)
_COMMENTS_WORD = (r"(?:comments?|kommentare?|antworten|responses?|replies|commentaires?|comentarios?|commenti|reacties|"
                  r"komentarz[ey]?)")
_COUNTER = re.compile(rf"^(?:no|ein|eine|one|un|une|\d+)\s+{_COMMENTS_WORD}\b", re.IGNORECASE)
_TRAILING_COUNTER = re.compile(rf"\s*(?:\b(?:no|ein|eine|one|un|une)|\d+)\s+{_COMMENTS_WORD}\s*$", re.IGNORECASE)
_CATEGORY = re.compile(r"^(?:in|posted in|filed under|kategorie|categories|category|tags?|schlagw[öo]rter)\b",
                       re.IGNORECASE)
_READ_TIME = re.compile(r"\s*\d+\s+min(?:ute)?s?\.?\s+(?:read|lesezeit|de lecture|lectura)\s*$", re.IGNORECASE)
_CLOCK = re.compile(r"(?:^|\s)(?:@|at|um|à)?\s*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?|\s*uhr)?\s*$", re.IGNORECASE)
_FURNITURE = re.compile(r"^(?:permalink|license|licence|share|teilen|flattr this|print|drucken|comments?|"
                        r"kommentare?|edit|bearbeiten|leave a comment|updated|aktualisiert|modified|\d+|"
                        # "NAME 于 DATE 发布", "发表于 DATE": Chinese and Japanese "published", a field of no name
                        r"发布|發布|發佈|发表|發表|发表于|發表於|公开|公開|投稿|掲載)$", re.IGNORECASE)
# "NAME 于 DATE 发布" (NAME on DATE published): the preposition before a Chinese date is not part of the name
_CJK_ON = re.compile(r"\s+[于於]$")
# A date that is only an update's: not the post's date, and its line is no byline.
_UPDATE = re.compile(rf"^(?:{UPDATE_LABEL}|stand)\b", re.IGNORECASE)
_LATER_UPDATE = re.compile(rf"\s*(?:{UPDATE_LABEL})\b[^|]*", re.IGNORECASE)
# "28 kwietnia 2021 Polityka Fundusz Odbudowy, lewica, PiS": a date, then the category and tags.
_TAGS_AFTER_DATE = re.compile(r"^\d{1,2}\.?\s+[^\W\d_]+\.?\s+\d{4}\s+[^\W\d_][^,]*(?:,\s*[^,]+){2,}$")
# A "Key: value" line is the post's header only with a header's key.
_KEY = re.compile(r"^([^\W\d_][^\W\d_ -]*(?:[ -][^\W\d_]+)?)\s*:\s")
_HEADER_KEYS = {"autor", "autorin", "author", "auteur", "autore", "von", "by", "par", "por", "posted", "published",
                "veröffentlicht", "geschrieben", "datum", "date", "publié", "publicado", "pubblicato", "erstellt",
                "posted on", "published on", "written by", "posted by", "eingestellt", "gepostet", "fecha",
                "filed under", "posted in", "categories", "kategorie", "kategorien", "abgelegt unter",
                "piše", "penulis", "oleh", "yazar", "szerző", "kirjoittaja", "autorka", "автор", "作者",
                "publicerad", "julkaistu", "opublikowano", "publikováno", "опубликовано", "опубліковано", "diterbitkan",
                "gepubliceerd", "megjelent", "yayınlanma", "yayın tarihi", "入力", "입력", "승인", "등록", "작성일"}
# Buttons a theme prints between the header and the text ("Jump to Recipe", "Share this article via …").
_BUTTONS = re.compile(r"^(?:jump to (?:recipe|comments?|video)|print recipe|pin recipe)|"      # "Jump to RecipePrint …"
                      r"^(?:share|teilen|partager|compartir|condividi|delen|tweet|bookmark)\b", re.IGNORECASE)
# A date's label copied before it ("Published 3rd Nov 2023", "Veröffentlicht: 3. Mai 2021").
_DATE_LABEL = re.compile(r"^(?:(?:published|posted|publié|veröffentlicht|erschienen|gepostet|publicado|pubblicato|"
                         r"publicerad|julkaistu|opublikowano|publikováno|опубликовано|опубліковано|diterbitkan|"
                         r"gepubliceerd|megjelent|yayınlanma|yayın tarihi|datum|date)\b"
                         # glued to the date in Korean, Chinese and Japanese ("입력2023.11.02.", "發布時間：DATE")
                         r"|(?:입력|승인|등록|작성일|發布時間|发布时间|發佈時間|发表于|發表於|投稿日時?|公開日時?|掲載日時?|質問日時))(?:\s+(?:on|am|le|el|il))?\s*[:：]?\s*", re.IGNORECASE)
# A picture's caption or credit between the headline and its metadata.
_CAPTION = re.compile(r"\b(?:foto|photo|bild|image|credit|quelle|source|getty|shutterstock|dpa|imago)\b|©", re.IGNORECASE)
_CLOCK_LINE = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?|uhr)?\b", re.IGNORECASE)
_WEEKDAY = re.compile(rf"^{WEEKDAY_WORD}[^\W\d_]*\.?,?$", re.IGNORECASE)
_WORD_DATE = re.compile(
    rf"(?:\d{{1,2}}(?:st|nd|rd|th|er|\.)?\s*(?:de\s+)?{MONTH_WORD}[^\W\d_]*\.?,?\s+(?:de\s+)?\d{{4}}"
    rf"|{MONTH_WORD}[^\W\d_]*\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\.?,?\s+\d{{4}})", re.IGNORECASE)
# "28 kwietnia 2021", "11 de Outubro de 2020": a day, a month's word and a year, for dateparser
_DAY_WORD_YEAR = re.compile(r"\b\d{1,2}\.?\s+(?:de\s+)?[^\W\d_]{3,12}\.?\s+(?:de\s+)?\d{4}")
# Pagination and "back" links between the headline and its metadata.
_PAGER = re.compile(r"^(?:older|newer|previous|next|vorheriger|nächster|zurück|précédent|suivant|anterior|siguiente)"
                    r"(?:\s+(?:post|article|entry|beitrag|artikel|article|entrada))?$", re.IGNORECASE)


_DIGIT = re.compile(r"\d")


def _date_span(line: str) -> tuple[str, int, int] | None:
    """The first full date in the line (ISO, start, end): numeric or in words of any language."""
    if _DIGIT.search(line) is None:
        return None             # every pattern of a full date holds a digit: 18 searches of a long line spared
    found = find_date(line)
    if found is not None and found.iso and (start := line.find(found.text)) >= 0:
        return found.iso, start, start + len(found.text)
    for pattern in (_WORD_DATE, _DAY_WORD_YEAR):
        for match in pattern.finditer(line):
            iso = words_date(match.group(0))
            if iso is not None:
                return iso, match.start(), match.end()
    return None


# A field of a book's or a product's facts box: a title's key, or a key whose value holds a figure ("Seiten: 400").
_FACT = re.compile(r"^(?:(?:titel|title|titre|título|titolo|tytuł|judul|isbn)\b|[^\W\d_][\w .-]{0,20}:\s*\S*\d)", re.IGNORECASE)


def fact_field(text: str) -> bool:
    """A line of a box of facts ("Titel: …", "Seiten: 400", "ISBN …"), where an "Autorin: NAME" beside it is a
    reviewed book's author, not the post's. A key whose value is a date ("Datum: 12.03.2021", "Published:
    3 March 2021") is no such field: it dates the post, as a byline beside it names the post's writer."""
    return bool(_FACT.match(text)) and date_span(text) is None


def date_span(line: str) -> tuple[str, int, int] | None:
    """The first full date in the line (ISO, start, end), for the header's scorer (:mod:`text_score`). Kept
    per line and languages in force (a date in words is read in the page's): the scorer asks of the same
    lines again and again, and a paragraph of megabytes took a second each time."""
    return _kept_date_span(line, reading_now())


@functools.lru_cache(maxsize=1024)
def _kept_date_span(line: str, _languages: tuple[str, ...]) -> tuple[str, int, int] | None:
    return _date_span(line)


def _name_part(part: str) -> str | None:
    """A part of a meta line that is a name: short, no digits, not a counter, category or furniture."""
    part = _CLOCK.sub("", _READ_TIME.sub("", _TRAILING_COUNTER.sub("", part))).strip(" ,;:/|")
    if re.search(r"\s(?:vom|von|of|du|del|dal|van|from)$", part, re.IGNORECASE):
        return None                                   # "News vom DATE", "Ausdruck vom DATE": no name
    part = _CJK_ON.sub("", _NAME_END.sub("", part))   # "Posted by NAME on DATE", "NAME 于 DATE": the name before "on"
    part = re.sub(r"\s+(?-i:in|IN|In)\s+.*$", "", part)  # "NAME IN Fashion": the category after the name
    if not part or len(part) > 40 or len(part.split()) > 4 or re.search(r"[\d#]", part) or _FURNITURE.match(part) \
            or BUTTON_WORDS.search(part) \
            or _CATEGORY.match(part) or _WEEKDAY.match(part) or chrome.is_chrome_line(part) or is_date_line(part) \
            or chrome.is_comment_form(part):
        return None
    if not re.search(r"[^\W\d_]{2}", part) or re.search(r"[?!]$", part) or re.search(r"[^\W\d_][于於]$", part):
        # "发布于 DATE", "最新推荐文章于 DATE" ("published on", "latest recommended article on"): a phrase ending in
        # the preposition glued to it names an event, not a person (a name is spaced from it: "NAME 于 DATE")
        return None                                   # "T", "Z" (what an ISO timestamp leaves), a question: no name
    if CJK_CHAR.search(part) and re.search(r"[(（【「]", part):
        return None                                   # "徒歩(ハイキング)": a category; a CJK name has no brackets
    name = clean_name(part)
    return name if name and not is_anonymous(name) and name.lower() != "unknown" else None


_CLOCK_TIME = re.compile(r"(?:\s(?:at|um|à|@))?\s*(?:오전|오후|上午|下午|午前|午後)?\s*(?<![\d.:])\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:[ap]\.?m\.?|uhr|h)(?!\w))?(?![\d.:])"
                         r"(?:\s*(?-i:GMT|UTC|BST|IST|CES?T|MES?Z|[ECMP][SD]T)(?:[+-]\d{1,2})?(?!\w)"
                         # "11:06am ist": a zone in small letters right after a clock's am/pm, no name
                         r"|(?<=[ap]m)\s+(?-i:ist|gmt|utc|bst|cest|cet|[ecmp][sd]t)(?!\w))?",
                         re.IGNORECASE)


def _dates_out(text: str) -> tuple[str | None, str, str]:
    """Set the line's dates aside: the first date's ISO, what preceded it, and the text left (the dates
    replaced by a separator). "10. Februar 20199. Februar 2019": published, then updated; the first counts."""
    iso, lead = None, ""
    text = _CLOCK_TIME.sub(" ", text)          # "DATE at 6:31 pm NAME": a clock time is no date, nor part of the name
    span = _date_span(text)
    while span is not None:
        if iso is None:
            iso, lead = span[0], text[: span[1]]
        text = f"{text[: span[1]]} / {text[span[2]:]}".strip(" /")
        span = _date_span(text)
    return iso, lead, text


def _labelled_name(text: str, anywhere: bool) -> str | None:
    """The name a label names ("by NAME", "vonNAME", "/by NAME"); ``anywhere``: also a label inside the line
    (a dated or labelled line), else only at its start ("By NAME")."""
    for match in _LABEL.finditer(text):
        if not anywhere and match.start() > 0:
            continue                    # "Bilder von Anna Berg": without a date, only a line that starts "By"
        if (named := _name_part(FIELD_SEPARATOR.split(text[match.end():], maxsplit=1)[0])) is not None:
            return named
    return None


def _fields(text: str) -> list[str]:
    """The line's fields between the theme's separators, without counters, categories, furniture, weekdays
    and clock times."""
    parts = [p for p in FIELD_SEPARATOR.split(_READ_TIME.sub("", text)) if p.strip()]
    return [p for p in parts if not (_COUNTER.match(p) or _CATEGORY.match(p) or _FURNITURE.match(p.strip())
                                     or _WEEKDAY.match(p.strip()) or _CLOCK.fullmatch(" " + p.strip()))]


def _unlabelled_name(fields: list[str], lead: str) -> str | None:
    """The name next to the date: the only name among two fields at most ("DATE NAME 1 Comment", "NAME —
    DATE — in Code — Permalink"), or the name glued to the date before a category ("NAME21.05.2019Beauty")."""
    names = [n for p in fields if (n := _name_part(p)) is not None]
    if len(names) == 1 and len(fields) <= 2:
        return names[0]
    leading = [n for p in FIELD_SEPARATOR.split(lead) if p.strip() and (n := _name_part(p)) is not None]
    if len(leading) == 1 and re.search(r"[^\W\d_]$", lead) and len(lead.split()) <= 4:
        return leading[0]
    return None


_QUOTE_CREDIT = re.compile(r"^\s*(?:—|―|--)\s*[^@\n]{2,60}\(@\w{1,30}\)")


def quote_credit(line: str) -> bool:
    """"— Shay Friedman (@ironshay) August 22, 2013": the credit under an embedded tweet, opened by a dash
    as quotations are signed and naming the writer's handle: a quotation's writer and date, never the
    post's byline (a dash alone decorates bylines too: "— By NAME")."""
    return bool(_QUOTE_CREDIT.match(line))


@functools.lru_cache(maxsize=4096)
def meta_line(line: str) -> tuple[str | None, str | None] | None:
    """The name and the ISO date a blog's metadata line states, or None when the line is no such line.

    A line with a date is metadata when what is left once the date, counters, categories and clock times
    are set aside is short; the name is the part after a label, else the part next to the date. A line
    without a date is metadata only where a label names someone ("By NAME", "Post author By NAME")."""
    text = unglued(" ".join(line.split()))
    if not text or len(text) > 160 or _UPDATE.match(text) or quote_credit(text):
        return None
    if (key := _KEY.match(text)) is not None and key.group(1).lower() not in _HEADER_KEYS:
        return None                     # "Erscheinungsdatum: 14.08.2017" in a book's facts, not the post's header
    if _date_span(_LATER_UPDATE.sub("", text)) is not None:
        text = _LATER_UPDATE.sub("", text)       # "DATE Last modified on DATE": the update is not the post's
    labelled_line = bool(_SCREEN_LABEL.match(text) or _FILED.match(text))
    iso, lead, text = _dates_out(_DATE_LABEL.sub("", _FILED.sub("", _SCREEN_LABEL.sub("", text))))
    label = _labelled_name(text, anywhere=iso is not None or labelled_line)
    fields = _fields(_LABEL.sub(" ", text) if label else text)
    name = label
    if label is None and (_LABEL.search(text) is None or labelled_line) and (iso is not None or labelled_line):
        name = _unlabelled_name(fields, lead)   # not where a label's name is unclear: "Par NAME (avec …)"
    if iso is None and (name is None or not (label or labelled_line)):
        return None
    leftover = sum(len(p.split()) for p in fields if _name_part(p) is None)
    if leftover > (6 if labelled_line or _TAGS_AFTER_DATE.match(line.strip()) else 4):
        return None                      # a sentence with a date in it, not a header line
    return name, iso


def _headline(line: str) -> bool:
    """A line that can be a blog's headline: short, not a date, counter, pager, label or chrome, nor a fragment
    opened by an ellipsis ("“... awaiting someone.”", a standfirst's quotation)."""
    line = line.strip()
    return 0 < len(line) <= 150 and len(line.split()) <= 20 and not is_date_line(line) \
        and not re.match(r"^[\"“„«'‘]?\s*(?:\.{3}|…)", line) \
        and not chrome.is_chrome_line(line) and not chrome.is_comment_counter(line) and not _PAGER.match(line) \
        and not line.endswith(":") and meta_line(line) is None and date_line(line) is None \
        and not _CAPTION.search(line) and not (_CLOCK_LINE.search(line) and len(line.split()) <= 4) \
        and not _BUTTONS.match(line) and not _UPDATE.match(line) \
        and not re.match(r"^[^\W\d_]+:\s", line)




def _prose(line: str) -> bool:
    """A paragraph: twelve words or more, ending as sentences end or too long for a headline; in Chinese,
    Japanese or Korean, which do not space every word, a long line mostly of their characters that ends
    as a sentence ends ("。", "！", "다.")."""
    line = line.strip()
    if len(line) >= 40 and len(CJK_CHAR.findall(line)) * 2 >= len(line):
        return bool(re.search(r"[.!?…。！？」』）)\"”]$", line)) or len(line) >= 45
    return len(line.split()) >= 12 and (len(line) > 160 or bool(re.search(r"[.!?…:\"”»)]$", line)))


def _states(line: str) -> bool:
    """A sentence that states (five words or more, a full stop): a standfirst rather than a headline."""
    line = line.strip()
    return line.endswith(".") and len(line.split()) >= 5


def _small(line: str) -> bool:
    """A short line between the header and the text: a category list, "Tags: …", "Jump to Recipe", a pager."""
    line = line.strip()
    return len(line.split()) <= 5 or _CATEGORY.match(line) is not None or chrome.is_comment_counter(line)


def _site(lines: list[str], title_at: int, cap: Capture) -> None:
    """The first line of the copy above the headline, when short, names the blog (as the other readers do)."""
    first = next((k for k in range(title_at) if lines[k].strip() and not chrome.is_chrome_line(lines[k])), None)
    if first is not None and len(lines[first].strip()) <= 80:
        cap.site = lines[first].strip()


def _take(cap: Capture, meta: tuple[str | None, str | None]) -> None:
    if meta[0] and not cap.author:
        cap.author, cap.author_how = meta[0], "byline"
    if meta[1] and not cap.published:
        cap.published = meta[1]


def title_near_meta(lines: list[str], cap: Capture) -> int | None:
    """Find the headline by the blog's metadata line next to it, above the first paragraph of the post.

    Under the headline: the metadata line, then perhaps short lines (categories, counters, "Jump to
    Recipe"), then the text; the headline is the first line above the metadata past pagination links.
    Above the headline: the metadata (and a counter) over a headline right above the text, where the line
    over the metadata is not itself headline-like (three words or more): the blog's name, a menu entry.
    Returns the index of the line after the headline, having set the title, author and date; None when
    the header is not of these shapes (the other readers then try)."""
    paragraphs = [k for k, line in enumerate(lines[:600]) if _prose(line) and not chrome.is_chrome_line(line)
                  and meta_line(line) is None][:4]
    for n, prose in enumerate(paragraphs):
        after = [k for k in range(prose + 1, min(len(lines), prose + 12)) if lines[k].strip()][:3]
        if any((m := meta_line(lines[k])) is not None and m[0] or _LABEL.fullmatch(lines[k].strip() + " ")
               for k in after):
            return None                 # a standfirst over the byline: the header zone's shape, not a blog's
        above = paragraphs[n - 1] + 1 if n else 0
        filled = [k for k in range(prose - 1, above - 1, -1) if lines[k].strip()][:12]
        found = _over_headline(lines, filled, cap) or _under_headline(lines, filled, cap)
        if found is not None:
            return found
    return None


def _under_headline(lines: list[str], filled: list[int], cap: Capture) -> int | None:
    """Headline, [pagers], metadata line, [short lines], text."""
    m = 0
    while m < len(filled) and m < 3 and meta_line(lines[filled[m]]) is None \
            and (_small(lines[filled[m]]) or _under_full_byline(lines, filled, m)):
        m += 1
    if m >= len(filled) or (meta := meta_line(lines[filled[m]])) is None or not (meta[0] or meta[1]):
        return None
    if meta[0] is None and m > 0 and _headline(lines[filled[m - 1]]) and len(lines[filled[m - 1]].split()) >= 2:
        return None                     # a date over a headline: a date header, read by the older readers
    t = m + 1
    while t < len(filled):
        line = lines[filled[t]].strip()
        if (extra := meta_line(line)) is not None:
            meta = (meta[0] or extra[0], meta[1] or extra[1])     # "Post author By NAME" / "Post date DATE"
        elif not (_PAGER.match(line) or chrome.is_comment_counter(line) or _CAPTION.search(line)
                  or _UPDATE.match(line)):
            break
        t += 1
    if meta[0] is None and t + 1 < len(filled) and _person(lines[filled[t]]) and _headline(lines[filled[t + 1]]) \
            and not _person(lines[filled[t + 1]]) and len(lines[filled[t + 1]].split()) >= 2:
        meta = (lines[filled[t]].strip(), meta[1])        # headline, the author's name alone, the date line
        lines[filled[t]] = ""
        t += 1
    if t >= len(filled) or not _headline(lines[filled[t]]) or _states(lines[filled[t]]) \
            or len(lines[filled[t]].split()) < 2:
        return None                     # one word over a "DATE NAME" line: a forum member's name, not a headline
    first = next((k for k, line in enumerate(lines) if line.strip()), None)
    if meta[0] is None and (len(lines[filled[t]].split()) < 2 or _person(lines[filled[t]]) or filled[t] == first
                            or not _quiet_above(lines, filled, t + 1)):
        return None                     # a date alone under the blog's name (the copy's first line), a name,
                                        # or a line that may be a standfirst: Blogger's date header, not this shape
    cap.title = lines[filled[t]].strip()
    _take(cap, meta)
    _site(lines, filled[t], cap)
    if t + 1 < len(filled) and (over := meta_line(lines[filled[t + 1]])) is not None:
        _take(cap, over)                # "2019-01-01" / headline / "Filed under: … — NAME @ 00:11"
    for k in filled[:m + 1]:
        if meta_line(lines[k]) is not None:
            lines[k] = ""               # the metadata lines are not the post's text
    return filled[t] + 1


def _under_full_byline(lines: list[str], filled: list[int], m: int) -> bool:
    """A subtitle or standfirst right under a byline that names both the writer and the date ("NAME DATE",
    then "A Hundred Stories of The Moon."): passed over like a category line; a line that is a paragraph
    is not, and nor is a line under a date alone (a date header's headline)."""
    line = lines[filled[m]].strip()
    if m + 1 >= len(filled) or _prose(line) or len(line.split()) < 3 or line.endswith(",") or _person(line) \
            or _UPDATE.match(line) or _date_span(line) is not None:
        return False                    # a dateline ("Reuters, Washington,"), an update's date: the header goes on
    meta = meta_line(lines[filled[m + 1]])
    return meta is not None and meta[0] is not None and meta[1] is not None


def _over_headline(lines: list[str], filled: list[int], cap: Capture) -> int | None:
    """[Name, ] metadata, [counter], headline, text: the theme prints the metadata above the headline."""
    if len(filled) < 2 or not _headline(lines[filled[0]]) or len(lines[filled[0]].split()) < 3 \
            or _person(lines[filled[0]]) or word_list(lines[filled[0]]):
        return None                     # a name or the post's categories over the text, not a headline
    m = 1
    if m + 1 < len(filled) and _button(lines[filled[m]]) and meta_line(lines[filled[m + 1]]) is not None:
        m += 1                          # "Vorlesen", "Listen": a button between the metadata and the headline
    meta: tuple[str | None, str | None] = (None, None)
    while m < len(filled) and (chrome.is_comment_counter(lines[filled[m]]) or meta_line(lines[filled[m]]) is not None):
        if (found := meta_line(lines[filled[m]])) is not None:
            meta = (meta[0] or found[0], meta[1] or found[1])
        m += 1
    if not meta[1]:
        return None
    if not meta[0] and m < len(filled) and _person(lines[filled[m]]) \
            and filled[m] != next((k for k, line in enumerate(lines) if line.strip()), None):
        meta = (lines[filled[m]].strip(), meta[1])         # Wix: the author's name alone over the date line
        m += 1                                             # (not the copy's first line: a blog's name there)
    if meta[0] and m < len(filled) and len(lines[filled[m]].split()) > 1 and _headline(lines[filled[m]]):
        return None                     # "Ear Candy!" / byline / subheading: the headline is over the byline
    if not _quiet_above(lines, filled, m):
        return None                     # a headline over the metadata: the other readers' shape
    cap.title = lines[filled[0]].strip()
    _take(cap, meta)
    _site(lines, filled[0], cap)
    return filled[0] + 1


def _button(line: str) -> bool:
    """One word alone between a header's lines ("Vorlesen", "Listen", "Print"): a button, not a name or headline."""
    words = line.split()
    return len(words) == 1 and len(words[0]) <= 20 and not re.search(r"\d", line)


def _quiet_above(lines: list[str], filled: list[int], m: int) -> bool:
    """The line ``filled[m]`` (above the header) is no headline: none, a blog's name, a menu entry, a pager."""
    if m >= len(filled):
        return True
    over = lines[filled[m]].strip()
    if _LABEL.fullmatch(over + " ") or over.rstrip(":").lower() in _HEADER_KEYS:
        return False                    # "By" over the name: the header goes on above
    return len(over.split()) < 3 or len(over) > 150 or chrome.is_chrome_line(over) or bool(_PAGER.match(over))


def _person(line: str) -> bool:
    """Two or three capitalised words, no digits, not a list of words (a headline or categories): a name
    printed alone."""
    words = line.strip().split()
    return 2 <= len(words) <= 3 and not word_list(line) and all(w[:1].isupper() and not re.search(r"\d", w) for w in words) \
        and clean_name(line.strip()) is not None and not chrome.is_chrome_line(line) and not BUTTON_WORDS.search(line)


def name_under_headline(lines: list[str], start: int, cap: Capture) -> None:
    """Headline, then the author's name alone on its line, then the text (a company blog whose date sits
    above the headline): the name is the post's author; its line is not the post's text."""
    k = next((j for j in range(start, min(len(lines), start + 4)) if lines[j].strip()), None)
    if k is None or cap.author or not _person(lines[k]):
        return
    following = next((j for j in range(k + 1, min(len(lines), k + 4)) if lines[j].strip()), None)
    if following is not None and _prose(lines[following]):
        cap.author, cap.author_how = lines[k].strip(), "name line"     # no label, no date: inferred (S305)
        lines[k] = ""


def closing_meta(post_lines: list[str], cap: Capture) -> list[str]:
    """A metadata line among the post's last lines ("NAME — 2013-09-29— in Code — Permalink"), where no
    byline was read above the text: its name is the post's author; the line is not the post's text."""
    filled = [k for k, line in enumerate(post_lines) if line.strip()][-12:]     # past the site's footer links
    for k in reversed(filled):
        line = post_lines[k].strip()
        if len(FIELD_SEPARATOR.split(line)) < 3:
            continue                    # a closing metadata line is a row of fields, not a sentence with a date
        meta = meta_line(line)
        if meta is None or not meta[0] or not meta[1]:
            continue
        cap.author, cap.author_how = meta[0], "byline"
        cap.published = cap.published or meta[1]
        return post_lines[:k] + post_lines[k + 1:]
    return post_lines


# WordPress's classic theme under the post: "This entry was [written by NAME and] posted on DATE at TIME and is
# filed under …".
_ENTRY_POSTED = re.compile(r"^this entry was (?:written by (?P<name>[^,]{2,60}?),? (?:and )?)?posted on (?P<date>.{6,60}?)"
                           r"(?: at \d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?)? and is filed under\b", re.IGNORECASE)


def closing_date(post_lines: list[str], cap: Capture) -> list[str]:
    """The post's date stated under its text where none was read above it: a labelled date alone on its line
    ("Pubblicato il: 30 Settembre 2020", "Veröffentlicht am: 6. August 2009", "Published: …") or the classic
    theme's "This entry was posted on DATE" sentence (whose "written by NAME" names the author). An update's
    date ("Ultimo aggiornamento: …") is no publication date. The line is not the post's text."""
    for k, raw in enumerate(post_lines):      # the first such line: later ones may date the next posts' teasers
        line = " ".join(raw.split())
        if (entry := _ENTRY_POSTED.match(line)) is not None:
            found = find_date(entry.group("date"))
            if found is None or not found.iso:
                continue
            if entry.group("name") and (name := clean_name(entry.group("name"))) and not cap.author:
                cap.author, cap.author_how = name, "byline"
            cap.published = found.iso
            return post_lines[:k] + post_lines[k + 1:]
        label = _DATE_LABEL.match(line)
        if label is None or _UPDATE.match(line) or len(line) > 80:
            continue
        found = find_date(line[label.end():], whole=True) or date_line(line[label.end():])
        if found is None and (iso := words_date(line[label.end():].strip())) is not None:
            cap.published = iso
            return post_lines[:k] + post_lines[k + 1:]
        if found is not None and found.iso:
            cap.published = found.iso
            return post_lines[:k] + post_lines[k + 1:]
    return post_lines


_TRAIL = re.compile(r"\s(?:»|›|>|/)\s")


def trail_end(line: str) -> str | None:
    """The last crumb of a breadcrumb trail ("Home » Blog » Short Selling » 10 Things …"): the page's own name.
    A trail is never the headline; where a reader took one for it, its last crumb is."""
    crumbs = _TRAIL.split(" ".join(line.split()))
    if len(crumbs) < 3 or len(line) > 300 or _prose(" ".join(crumbs)):     # (a separator is no word)
        return None
    name = crumbs[-1].strip()
    return name if len(name.split()) >= 2 else None


def title_after_trail(lines: list[str], cap: Capture) -> int | None:
    """"Home » Ornamentals » Vines » Bougainvilleas", then the headline, then the text: the line under a
    breadcrumb trail (two separators or more) is the headline when the post's first paragraph follows it."""
    for k, raw in enumerate(lines[:400]):
        line = raw.strip()
        if len(line) > 200 or len(_TRAIL.findall(line)) < 2 or _prose(line):
            continue
        head = next((j for j in range(k + 1, min(len(lines), k + 4)) if lines[j].strip()), None)
        if head is None or not _headline(lines[head]) or len(lines[head].split()) < 3:
            continue
        text = next((j for j in range(head + 1, min(len(lines), head + 4)) if lines[j].strip()), None)
        if text is not None and _prose(lines[text]):
            cap.title = lines[head].strip()
            return head + 1
    return None


def title_named_by_trail(lines: list[str], cap: Capture) -> int | None:
    """A breadcrumb trail ending in the page's own name ("Mac & i > News > 2015 > TITLE"), and that name
    again, alone on a line a little further down: two witnesses agree on the headline, whatever lies
    between them (pagers, a date line). A date alone on its line between them, or right under the
    headline, is the post's: the header is bounded by the trail above and the headline below."""
    for k, raw in enumerate(lines[:400]):
        crumbs = _TRAIL.split(" ".join(raw.split()))
        if len(crumbs) < 3 or len(raw) > 300 or _prose(raw):
            continue
        name = crumbs[-1].strip()
        if len(name.split()) < 2:
            continue
        near = [j for j in range(k + 1, min(len(lines), k + 12)) if lines[j].strip()][:6]
        head = next((j for j in near if " ".join(lines[j].split()) == name), None)
        if head is None or not _headline(lines[head]):
            continue
        cap.title = name
        if cap.published is None:
            after = [j for j in range(head + 1, min(len(lines), head + 4)) if lines[j].strip()][:1]
            dated = [found.iso for j in (*range(k + 1, head), *after)
                     if (found := date_line(lines[j])) is not None and found.iso]
            cap.published = dated[0] if len(dated) == 1 else None
        return head + 1
    return None


# A thread's opening stated by a label with its date alone on the line: Stack Exchange's "asked DATE", XenForo's
# "Start date DATE" and "Discussion in 'FORUM' started by NAME, DATE.", a forum's first message numbered "#1 · DATE".
_THREAD_START = re.compile(r"^(?:asked|start(?:ed)?\s+date:?|thread\s+started(?:\s+on)?:?|#1\s*[·•|–—-]"
                           r"|(?:discussion\s+in\s+.{1,80}?\s+)?started\s+by\s+[^,]{1,60},)\s*(?P<date>.{6,60}?)\.?$",
                           re.IGNORECASE)


def thread_start(lines: list[str]) -> str | None:
    """The date a forum thread or a question was opened, where a label states it (:data:`_THREAD_START`): the
    first such line's date. A thread's page dates each message, an answer's, an edit's and the last post's too,
    and its posters' joining days; the opening is the thread's date, and its label says which one that is
    (on the WCXB dev copies the readers otherwise took an answer's, the last post's or a join date)."""
    for raw in lines:
        line = " ".join(raw.split())
        if len(line) > 160 or (match := _THREAD_START.match(line)) is None:
            continue
        found = date_line(match.group("date")) or find_date(match.group("date"), whole=True)
        if found is not None and found.iso:
            return found.iso
    return None


# Who opened a forum thread or asked a question, where a label states it (``text_lines.STARTER_BEFORE`` and
# ``STARTER_AFTER``: "Thread starter NAME", "Discussion in 'FORUM' started by NAME, DATE", "NAME Discussion
# starter"), and Stack Exchange's asker, the name under the "asked DATE" line.
_ASKED = re.compile(r"^asked\s+\S.{4,60}$", re.IGNORECASE)


def _poster(text: str) -> str | None:
    """A poster's name or handle ("Pippin06", "slow-poke", "Chris Hall"): short, a few words, no date, no button."""
    text = text.strip(" .,;:")
    if not text or len(text) > 40 or len(text.split()) > 4 or is_date_line(text) or BUTTON_WORDS.search(text) \
            or chrome.is_chrome_line(text) or not re.search(r"[^\W\d_]", text):
        return None
    name = clean_name(text)
    return name if name and not is_anonymous(name) else None


def thread_starter(lines: list[str]) -> str | None:
    """The name of whoever opened the thread or asked the question, where a label states it (a starter label,
    "asked DATE" over the asker's name): the first such line's. A thread's page names each poster beside ranks,
    badges and buttons the readers took for names ("Member", "Thread Starter"); the label names the opener."""
    filled = [" ".join(raw.split()) for raw in lines if raw.strip()]
    for k, line in enumerate(filled):
        if len(line) > 160:
            continue
        if (match := STARTER_BEFORE.match(line) or STARTER_AFTER.match(line)) is not None:
            name = _poster(match.group("name"))
        elif _ASKED.match(line) and find_date(line[6:]) is not None and k + 1 < len(filled):
            name = _poster(filled[k + 1])
        else:
            continue
        if name is not None:
            return name
    return None

