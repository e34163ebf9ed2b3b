"""Whether a name a reader found in a text capture reads as a person's name, judged by its words.

Every reader of a copy's header finds its author by where a line sits and what surrounds it ("NAME" under
the headline, "LABEL NAME DATE"); on themes nobody here has seen, what sits there is often no name: a date's
label ("Veröffentlicht am", "Actualizado Jueves"), a kicker ("lassú kilábalás"), a button ("Scroll To Top"),
a section's name printed again in the menu ("Kotimaa"). Capitalised words alone do not make a name; the
words do. Three kinds of word are never part of one, in any language:

- a label's or a button's word: "published", "updated", "by", "follow", "reply" and their translations
  (:mod:`book.sources.text_lines`);
- a date's word: month and weekday names, "today", "yesterday", "ago" (dateparser's data for its two hundred
  languages: a name of two words that are both such words, "Actualizado Jueves", is none);
- a function word: a short word the copy's own prose prints in lower case again and again ("to", "am",
  "zum"): after a name's first word it makes a phrase ("Scroll To Top"), except a name's particle ("van")
  and a date's word ("Doris Day").

A name of two words or more printed all in lower case in a script with capitals is a phrase, and so is a name in
Chinese, Japanese or Korean script longer than a name's few characters or holding a sentence's punctuation ("最新消息
遭證實向國防部索取軍機資料 吳斯懷:問政需求"); a name the
copy prints elsewhere as a menu's entry or a breadcrumb's crumb ("Kotimaa", "Deutsche Sprache") is likely
the page's section, not its writer: doubted (S305), or set aside where no byline stated it.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

from book.sources.dates import translation_data
from book.sources.text_lines import BUTTON_WORDS, BYLINE_LABEL, CJK_CHAR, PUBLISHED_LABEL, UPDATE_LABEL, co_authors, line_key

# The particles most names that have one carry ("Ludwig van Beethoven", "Ana de Armas", "bin Laden"): a line of
# capitalised words holding one still has a name's shape (``text_score``).
COMMON_PARTICLES = frozenset("von van de der den da di du del la le y e bin al".split())
# A name's own lower-case words, the rarer ones too ("João do Rio", "Ibn Battuta"), which are as often the words of
# a phrase in their languages ("Tags do Tópico"): a name's words no function word stands for. Every reader of a
# copy's names (``text_score``, ``capture_text``) takes its particles from these two.
PARTICLES = COMMON_PARTICLES | frozenset("vom zu zur della des das do dos lo ibn el af av ter ten mac".split())
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# Words and spaces only, two words or more: what a phrase is made of (a handle has its signs and figures).
_PHRASE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*(?:\s+[^\W\d_]+(?:['’-][^\W\d_]+)*)+")
_LABEL_WORD = re.compile(rf"(?:{BYLINE_LABEL}|{UPDATE_LABEL}|{PUBLISHED_LABEL})", re.IGNORECASE)
# A section's name as a menu prints it: one capitalised word of letters ("Kotimaa", "Politik"); a blogger's
# handle printed in the sidebar's widgets ("zahlenzauberin", "da]v[ax") is not one.
_SECTION_WORD = re.compile(r"(?-i:[A-ZÀ-ÞĀ-Ž])[^\W\d_]+")
# The parts of a menu or breadcrumb line ("Home > Kotimaa > Politiikka", "News | Sport | Kultur").
_CRUMBS = re.compile(r"\s+[>»›|/•·]\s+")
# dateparser's names for a date's parts: months, weekdays, the units and "ago".
_DATE_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
              "year", "month", "week", "day", "hour", "minute", "ago")
_TODAY = ("0 day ago", "1 day ago", "in 1 day")       # today, yesterday, tomorrow
# A name in the scripts without capitals: a few characters ("林宸誼", "范姜佳鈺", "山田 太郎"), never a sentence's
# punctuation; a handle mixing scripts ("好看的hk", "软唐知产小傅") stays under this length too.
_CJK_NAME_CHARS = 8
_CJK_PUNCTUATION = re.compile(r"[、，。：；！？「」『』【】〈〉《》:;!?]")
# What a byline prints around the name and a reader may have kept with it: a label before it ("Text: NAME",
# "Av NAME", "记者 NAME", "文/NAME", "記者NAME"), the reporter's title after it ("송유민 기자", "NAME 記者"), the
# desk after a slash ("記者林宸誼／即時報導").
_LEADING_LABEL = re.compile(rf"^(?:(?:{BYLINE_LABEL}|text|texte|texto|testo|tekst|текст|words|av|af)\s*[:：]\s*"
                            r"|(?:av|af|text|texte|texto|testo|tekst)\s+(?=[^\W\d_])"
                            r"|(?:記者|记者|撰文|作者|撰稿)\s*[:：/／|]?\s*|文\s*[:：/／|]\s*)", re.IGNORECASE)
_TRAILING_TITLE = re.compile(r"(?:\s*(?:기자|특파원|記者|记者|特派員|特派员|報導|报道)"
                             r"|\s*[/／]\s*\S{1,8}(?:報導|报道|報道|電|电))$")
# "記者NAME" inside a line after the outlet's name; an outlet's or a desk's words before a slash and the name.
_REPORTER = re.compile(r"(?:^|\s|[^\u3400-\u9fff])(?:記者|记者)\s*(?P<name>[\u3400-\u9fff]{2,4})(?=$|[\s／/、,，|])")
_OUTLET = re.compile(r"報|报|社|新聞|新闻|快訊|快讯|電|电|網|网|日報|日报|通信")
# The words of a label in Chinese and Japanese: "published (on, in)", "updated", "edited", "replied", "commented".
_CJK_LABEL = re.compile(r"发布|發布|發佈|发表|發表|更新|编辑于|編輯於|回复|回覆|评论|評論|投稿日|公開日")
_OUTLET_TAG = re.compile(r"^\s*[\[【(（][^\]】)）]{1,20}[\]】)）]\s*")
_FUNCTION_LENGTH = 3      # a function word is short: "am", "zum", "the", "to"; a surname that is a word is longer
_FUNCTION_USES = 3        # ... and the copy's prose prints it in lower case this often
_ENTRY_WORDS, _MENU_RUN = 4, 4     # a menu: four lines or more in a row of four words or fewer, no figures


@functools.cache
def date_words() -> frozenset[str]:
    """Every word dateparser knows for a month, a weekday, a date's unit, today or yesterday, in every language
    it reads (its data, loaded once: a tenth of a second)."""
    from dateparser.data import languages_info

    words: set[str] = set()
    for code in languages_info.language_order:
        info = translation_data(code)
        for key in _DATE_KEYS:
            words.update(w.casefold() for w in info.get(key, ()) if isinstance(w, str))
        for key in _TODAY:
            words.update(w.casefold() for w in info.get("relative-type", {}).get(key, ()))
    return frozenset(w for w in words if _WORD.fullmatch(w))


@dataclass(frozen=True)
class NameJudge:
    """What the copy itself says about words: those its prose prints in lower case (its language's function
    words), and the lines and crumbs its menus print (its sections)."""

    lowercase: Counter
    entries: Counter
    crumbs: Counter

    def verdict(self, name: str, line: str | None = None) -> tuple[bool, str] | None:
        """Why ``name`` may be no person's name: (True, reason) where it surely is none, (False, reason) where
        it is doubtful; None where nothing speaks against it. ``line``: the line it was read from, whose own
        printing does not count as a menu's."""
        tokens = _WORD.findall(name)
        if not tokens:
            return None
        if len(parts := co_authors(name)) > 1 and all(len(part.split()) >= 2 for part in parts):
            return next((v for part in parts if (v := self.verdict(part, line)) is not None), None)   # "A and B"
        folded = [t.casefold() for t in tokens]
        if any(_LABEL_WORD.fullmatch(f) and f not in PARTICLES for f in folded):
            return True, "it holds a label's word"
        if BUTTON_WORDS.search(name):
            return True, "it is a button (\"Follow\", \"Takip et\", \"Reply\")"
        content = [f for f in folded if f not in PARTICLES]
        if len(content) >= 2 and all(f in date_words() or _LABEL_WORD.fullmatch(f) for f in content):
            return True, "its words are a date's"
        if _PHRASE.fullmatch(name.strip()) and all(t.islower() for t in tokens) and all(t.upper() != t for t in tokens):
            return True, "it is a phrase in lower case"                   # (not a handle: "da]v[ax", "asty//now")
        if name.strip().endswith((":", "：")):
            return True, "it ends as a label does (\"Member Since:\")"
        if _CJK_LABEL.search(name):
            return True, "it holds a label's word (\"发布于\", \"更新\")"
        if CJK_CHAR.search(name) and (_CJK_PUNCTUATION.search(name) or len(CJK_CHAR.findall(name)) > _CJK_NAME_CHARS):
            return True, "it is a phrase (a name in its script is a few characters, without a sentence's punctuation)"
        if name.count("(") != name.count(")") or name.count("[") != name.count("]"):
            return True, "it is a fragment of a line (an unclosed bracket)"   # "(Letztes Update: DATE)"
        spaced = [w.casefold() for w in name.split()]
        if any(_WORD.fullmatch(w) and self._function_word(w) for w in spaced[1:]):
            return True, "it is a phrase (a function word of the page's language inside it)"
        if folded[0] == "the" and len(folded) >= 2:
            return False, "it opens with an article (a site's, a show's or a section's name)"
        if self._menu_entry(name, line):
            return False, "the page prints it in its menu or breadcrumbs too"
        return None

    def _function_word(self, word: str) -> bool:
        return word not in PARTICLES and len(word) <= _FUNCTION_LENGTH and self.lowercase[word] >= _FUNCTION_USES \
            and not (len(word) == _FUNCTION_LENGTH and word in date_words())     # "Doris Day", not "to" (Finnish "to")

    def _menu_entry(self, name: str, line: str | None) -> bool:
        """A crumb of a menu's line, or a single word among a menu's lines (a writer's full name is printed
        in runs of short lines too: the sidebar's "About", a list of authors)."""
        key = line_key(name)
        own = 1 if line is not None and line_key(line) == key else 0
        if self.crumbs[key] >= 1:
            return True
        return bool(_SECTION_WORD.fullmatch(name.strip())) and self.entries[key] - own >= 1


def reads_as_name(name: str) -> bool:
    """Nothing in ``name``'s own words speaks against a name (no label, button, date's words, lower-case phrase or
    leading article), whatever the copy around it: for the readers that must tell a name from a headline."""
    return _ALONE.verdict(name) is None


def without_label(name: str) -> str:
    """The name without the byline's words a reader kept around it: "Text: Maria Berg" -> "Maria Berg",
    "记者 王小明" -> "王小明", "송유민 기자" -> "송유민", "記者林宸誼／即時報導" -> "林宸誼", "聯合報 記者林宸誼",
    "上報快訊／范姜佳鈺" (an outlet's words, then the name) -> the name. The name itself where
    nothing would be left."""
    inside = _REPORTER.search(name)
    if inside is not None:
        return inside.group("name")                   # "聯合報 記者林宸誼／即時報導": the outlet, then the reporter
    parts = [p.strip() for p in re.split(r"[／/]", name)]
    if len(parts) == 2 and name_in_script(parts[1]) and _OUTLET.search(parts[0]):
        return parts[1]                               # "上報快訊／范姜佳鈺": the outlet's desk, then the name
    bare = _TRAILING_TITLE.sub("", _LEADING_LABEL.sub("", name.strip(), count=1))
    if bare == name.strip():
        return bare                                   # no byline's words around it: the name as printed
    bare = _OUTLET_TAG.sub("", bare).strip(" /／|:：")   # "[뉴스타운] 김민수 기자": the outlet's tag, the name
    return bare if _WORD.search(bare) else name.strip()


def stated_byline(line: str) -> str | None:
    """The name a line states as a byline by its own words, with a label before it or the reporter's title after
    it ("Text: Maria Berg", "文/王小明", "송유민 기자", "記者林宸誼／即時報導"); None for any other line."""
    line = " ".join(line.split())
    bare = without_label(line)
    if bare == line or len(bare) > 40 or len(bare.split()) > 4 or re.search(r"\d", bare):
        return None
    words = bare.split()
    if CJK_CHAR.search(bare):
        return bare if name_in_script(bare) else None
    return bare if len(words) >= 2 and all(w[:1].isupper() or w.casefold() in PARTICLES for w in words) else None


def name_in_script(line: str) -> bool:
    """Two to four characters of Chinese, Japanese or Korean, perhaps in two words ("王小明", "山田 太郎", "송유민"):
    a name as those scripts print it alone on a line."""
    bare = "".join(line.split())
    return 2 <= len(bare) <= 4 and len(line.split()) <= 2 and all(CJK_CHAR.match(c) for c in bare)


def judge_of(lines: list[str]) -> NameJudge:
    """The copy's judge: its prose's lower-case words and its menus' entries (the crumbs of a line split by a
    menu's separators, the lines of a run of short lines), counted once. A name alone on its line over a
    comment, or in an author's box, is in no such run: the writer answering in the thread is no menu."""
    filled = [" ".join(raw.split()) for raw in lines if raw.strip()]
    lowercase: Counter = Counter()
    entries: Counter = Counter()
    crumbs: Counter = Counter()
    short = [len(line.split()) <= _ENTRY_WORDS and not re.search(r"\d", line) for line in filled]
    run = _run_lengths(short)
    for k, line in enumerate(filled):
        if len(line.split()) >= 8:
            lowercase.update(w.casefold() for w in _WORD.findall(line) if w.islower())
        parts = _CRUMBS.split(line)
        if len(parts) >= 3 and len(line) <= 200 and not re.search(r"\d", line):       # (a byline has its date)
            crumbs.update(line_key(c) for c in parts if c.strip())
        elif run[k] >= _MENU_RUN:              # one of a run of short lines: a menu's entries, one a line
            entries[line_key(line)] += 1
    return NameJudge(lowercase, entries, crumbs)


def _run_lengths(short: list[bool]) -> list[int]:
    """For each line, the length of the run of short lines it is in (0 for a line that is not short), each run
    measured once: walking out from every line of a run was quadratic in its length (a long list of links)."""
    lengths = [0] * len(short)
    k = 0
    while k < len(short):
        if not short[k]:
            k += 1
            continue
        end = k
        while end < len(short) and short[end]:
            end += 1
        lengths[k:end] = [end - k] * (end - k)
        k = end
    return lengths




_ALONE = NameJudge(Counter(), Counter(), Counter())
