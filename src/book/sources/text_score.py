"""The post's header in a text capture, read by weighing candidates rather than by matching one shape.

The shape readers (:mod:`book.sources.text_header` and the readers in :mod:`book.sources.capture_text`)
each know a theme's header ("Posted on DATE by NAME", a date header over the headline, ...); on pages of
themes nobody here had seen, the first shape that matched often won with the wrong line: a menu entry, a
"Read also" teaser, a photo credit, a category. Here every line near the start of the text is a candidate
and earns points for what headlines, bylines and dates share in every language and theme:

- the headline sits right above the text (the first run of prose lines) or above its standfirst, with at
  most metadata between them; it has a headline's length, no sentence's full stop, is not in a run of
  short menu lines, is not under a "Read also" label, and is not printed again and again (a menu entry); printed
  once more away from it (a breadcrumb's last crumb, "Share: TITLE"), not with its neighbours, it counts for more;
- the author is a name near the headline: after a byline label in any language ("By", "Von", "Par",
  "Auteur" on its own line), in a metadata line next to a date, or alone on its line by the date; or a name a
  byline label marks further off, printed again in an author's box (:func:`_author_features`), or nobody;
- the date is the one nearest the headline and its byline, a publication label helping, an update's label
  and a teaser's date counting against it.

The readers' own choice is one feature of a candidate among the others (a recognised shape is evidence), and
the fitted weights decide. A choice's chance among its rivals (a softmax over the candidates' scores) says how
sure the reading is: a headline, an author or a date less likely than not is kept with a warning (S323, S327,
S324) rather than guessed silently. The date's candidates are every date the copy prints, the hand-set scores of
those near the headline one feature among others (:func:`_date_choices`).

The headline's score is a weighted sum of its line's features (:func:`_title_features`; the readers' choice, a
guess of theirs and a line of no headline's shape are features too, :func:`readers_marks`), its weights fitted
on WCXB's dev copies by ``bench/fit_text_weights.py`` and kept as data (``text_weights.json``): hand-set weights
tuned on a few dozen copies chose the headline on 52% of WCXB's dev copies and 59% of its test copies, the fitted
ones on about 70% of both; with the line's case (title case, capitals), its place among the lines about the
article's subject, the article's key words and a line's parts ("TITLE | SITE", :func:`_title_options`) as
features, on 74% of the test copies. The scores of a copy's candidates, as a softmax, give each its chance: a headline
less likely than not is doubted (S323). The article's own words (jusText's run of text, less its language's stop
words) are the strongest evidence: a headline names what its article is about, a menu's entry, a standfirst or
a teaser's headline less so.
"""

from __future__ import annotations

import datetime
import functools
import json
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from book.model import AUTHOR_INFERRED
from book.sources import chrome
from book.sources.capture import Capture
from book.sources.clean import FIELD_SEPARATOR, title_parts
from book.sources.dates import MONTH_WORD, copy_dating, is_date_line, relative_date, settled_date, words_date
from book.sources.headline import doubt
from book.sources.name_words import (COMMON_PARTICLES, NameJudge, judge_of, name_in_script, reads_as_name, stated_byline,
                                     without_label)
from book.sources.names import clean_name, is_anonymous
from book.sources.text_header import date_span, fact_field, meta_line
from book.sources.text_body import article_run, stop_words
from book.sources.text_lines import (ABOUT_AUTHOR, ALL_POSTS_BY, BYLINE_LABEL, CJK_CHAR, PUBLISHED_LABEL, SENTENCE_END, UPDATE_LABEL,
                                     co_authors, line_key, title_case, unglued, word_list)

# How far the readers look: the header is near the start of the text, the text near the copy's start.
_REACH = 1500
_WINDOW_BEFORE, _WINDOW_AFTER = 5, 14
# A line ending in a full stop is a sentence; this long, it is a standfirst or the text's first sentence, whatever
# its length in characters (a headline ends in no full stop).
_SENTENCE_WORDS = 10

# A label that introduces links to other articles: the headline under it is another post's.
_RELATED = re.compile(r"^(?:read (?:also|more|next)|see also|related(?: articles?| posts?| stories)?|more (?:from|on)|"
                      r"(?:recent|popular|latest|newest|top) (?:posts|articles|stories|news)|neueste beiträge|"
                      r"beliebte beiträge|articles récents|entradas recientes|articoli recenti|"
                      r"recommended|you (?:may|might) also like|lesen sie (?:auch|mehr)|auch interessant|mehr zum thema|"
                      r"ähnliche (?:beiträge|artikel)|weitere artikel|das könnte sie auch interessieren|"
                      r"(?:à )?lire aussi|voir aussi|sur le même sujet|lee también|leer más|te puede interesar|"
                      r"leggi anche|potrebbe interessarti|lees ook|leia também|veja também|läs också|lue myös|"
                      r"czytaj (?:też|także)|читайте также)\b", re.IGNORECASE)
# A byline's label alone on its line, its value on the next ("Auteur" / "Uriel Gadessaud", "Author:"): the byline
# labels of the other readers, and words that label a byline only alone ("da", Italian, is "of the" in Portuguese).
_NAME_LABEL = re.compile(rf"^(?:{BYLINE_LABEL}|da|af|av|przez|text|texte|texto|testo|tekst|authors|autoren|auteurs|autori|"
                         r"autores|авторы|автори)\s*:?$", re.IGNORECASE)
# A byline's label before the name on the same line.
_LABELLED = re.compile(r"^(?:(?:posted|written|published|reported|recueilli|propos recueillis|interview)\s+)?"
                       r"(?:by|von|par|por|di|door|av|przez|autor(?:in|ka)?|author|auteur|autore|text|"
                       r"kirjoittaja|yazar|penulis|oleh|автор|piše|pisze|napisał(?:a)?|írta|skrevet af|skrevet av|"
                       r"skriven av|geschrieben von|verfasst von|escrito por|scritto da|écrit par)"
                       r"\s*:?\s+(?P<rest>\S.*)$", re.IGNORECASE)
_PUBLISHED = re.compile(rf"\b(?:{PUBLISHED_LABEL})\b", re.IGNORECASE)
_UPDATED = re.compile(rf"\b(?:{UPDATE_LABEL}|ultima modifica|modifié)\b",
                      re.IGNORECASE)
_CAPTION = re.compile(r"\bfot\.\s|\b(?:foto|photo|bild|image|credit|crédit|quelle|source|getty|shutterstock|reuters/|afp/|"
                      r"dpa|imago|lehtikuva|keystone|epa)\b|©|\w/\w+\s*$", re.IGNORECASE)
# A category or tag line ("Abgelegt unter A, B | Leave a comment"), a key and a figure ("Posts: 139"), a size
# or a rating ("Opus Audio [74 MB]", "5 from 7 votes"): the page's furniture, never a headline.
_FURNITURE = re.compile(r"^(?:filed under|posted in|abgelegt unter|veröffentlicht in|kategorie(?:n)?|categories|"
                        r"category|catégories?|categorías?|categorie|tags?|schlagwörter|labels?)\b"
                        r"|^(?:文章标签|标签|標籤|分类专栏|分類|タグ|カテゴリー?)\s*[:：]"         # Chinese, Japanese tags
                        # "Posts: 139", and a reading time: "Tempo di lettura: 3 minuti", "Lesezeit: 4 Min."
                        r"|^[^\W\d_][\w ]{0,25}:\s*[\d.,]+(?:\s+[^\W\d_]{1,12}\.?)?$|\[\d+(?:[.,]\d+)?\s*[kmg]b\]"
                        r"|^\d+(?:[.,]\d+)? (?:from|of|von|de|su) \d+ (?:votes?|stimmen|votos?|voti|ratings?|bewertungen)",
                        re.IGNORECASE)
# The share bar's words: a line made of them is buttons.
_BUTTONS = frozenset("""share email e-mail print send text message pinterest facebook twitter whatsapp linkedin reddit
    flipboard telegram mail copy link tweet save teilen drucken partager imprimer compartir imprimir condividi
    stampa delen jump pin recipe""".split())      # (a recipe's "Jump to Recipe Pin Recipe")
# A time alone, or after a day's word ("Dnes 9:44", "Today 10:04", "14:32"): a date the copy printed relatively.
_CLOCK_ONLY = re.compile(r"^(?:[^\W\d_]{2,12}\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?$", re.IGNORECASE)

WEIGHTS: dict[str, dict[str, float]] = {
    kind: weights for kind, weights in json.loads((Path(__file__).parent / "text_weights.json").read_text("utf-8")).items()
    if isinstance(weights, dict)}
"""What each feature of a candidate line earns, by field ("title"): fitted on WCXB's dev copies by
``bench/fit_text_weights.py`` (a logistic model choosing one line of a copy's candidates), checked on its test split."""


def weigh(kind: str, features: dict[str, float]) -> float:
    """A candidate's score: its features' weighted sum (a feature without a weight counts for nothing)."""
    weights = WEIGHTS[kind]
    return weights.get("bias", 0.0) + sum(weights.get(name, 0.0) * value for name, value in features.items())


@dataclass
class Header:
    """The header as scored: each field's candidates (value, line, score), best first."""

    titles: list[tuple[str, int, float]] = field(default_factory=list)
    authors: list[tuple[str, int, float]] = field(default_factory=list)
    dates: list[tuple[str, int, float]] = field(default_factory=list)
    title_features: dict[tuple[str, int], dict[str, float]] = field(default_factory=dict)
    """Each title candidate's features (by its value and line: a line "TITLE | SITE" offers its parts too): what its
    score weighs, and what the weights are fitted on."""
    author_features: dict[tuple[str, int], dict[str, float]] = field(default_factory=dict)
    """Each author candidate's features (by its name and line, :func:`_author_features`): what the fitted model
    that settles the post's author weighs (:func:`_author_choices`)."""

    page: tuple[list[int], dict[int, str], int, Counter] | None = None
    """The copy as scored (filled lines, their texts, the text's start, repeats): to score again around a line."""
    judge: NameJudge | None = None
    """What the copy's words say of a name (:mod:`book.sources.name_words`), for every reader's author."""
    order: str | None = None
    """How the copy orders its slashed dates ("dmy", "mdy", :func:`book.sources.dates.numeric_order`): what
    settles an ambiguous one ("12/04/2020") by the headline."""
    years: frozenset[int] = frozenset()
    """The four-digit years the copy prints: what settles a two-digit year ("17.7.11") by the headline."""

    def around(self, title: str | None) -> Header:
        """The names and dates scored around the headline ``title`` (the readers' choice, where it stands),
        not around the best scored line; this header itself where ``title`` is not among the copy's first
        lines."""
        if self.page is None or not title:
            return self
        filled, texts, body, seen = self.page
        spots = title_spots(filled, texts, title)
        if not spots:
            return self
        pos = min(spots, key=lambda p: (p > body, abs(p - body)))    # the one over the text, nearest it: not a
                                                                    # breadcrumb's copy, nor a caption's inside the text
        zone = _zone(filled, texts, pos, body)
        authors, features = _authors(filled, texts, pos, zone, seen, self.judge, body)
        dates = _dates(filled, texts, pos, zone, authors, (self.order, self.years))
        for other in spots:
            if other != pos and other < body and abs(other - pos) <= _WINDOW_AFTER:
                dates = _best_of(dates, _dates(filled, texts, other, _zone(filled, texts, other, body), authors,
                                               (self.order, self.years)))
        return Header(self.titles, authors, dates, self.title_features, features, self.page, self.judge, self.order,
                      self.years)


def _best_of(dates: list[tuple[str, int, float]], more: list[tuple[str, int, float]]) -> list[tuple[str, int, float]]:
    """The dates scored around two copies of the headline, each line at its better score, best first: a page that
    prints its headline twice (over the header and again over the text) dates it by either."""
    best: dict[int, tuple[str, int, float]] = {}
    for candidate in (*dates, *more):
        if candidate[1] not in best or candidate[2] > best[candidate[1]][2]:
            best[candidate[1]] = candidate
    return sorted(best.values(), key=lambda c: -c[2])


def _text(line: str) -> str:
    return unglued(" ".join(line.split()))


def _words(text: str) -> int:
    return len(text.split()) if not CJK_CHAR.search(text) else max(len(text.split()), len(CJK_CHAR.findall(text)) // 2)


@functools.lru_cache(maxsize=16384)
def prose(text: str) -> bool:
    """A paragraph of the text: long, with a sentence's punctuation."""
    if chrome.is_chrome_line(text):
        return False
    if CJK_CHAR.search(text):
        return len(text) >= 60 and bool(re.search(r"[。！？，、.,]", text))
    return len(text) >= 120 and _words(text) >= 15 and bool(re.search(r"[.,;:!?…]", text))


def score_header(lines: list[str], dating: tuple[str | None, frozenset[int]] | None = None) -> Header:
    """Score every candidate for the post's headline, author and date in a text capture's lines; ``dating`` the
    copy's :func:`book.sources.dates.copy_dating` when its reader has it already, else read here."""
    filled = [k for k in range(min(len(lines), _REACH)) if lines[k].strip()]
    texts = {k: _text(lines[k]) for k in filled}
    paragraphs = [pos for pos, k in enumerate(filled) if prose(texts[k])]
    judge = judge_of(lines[:_REACH])
    if not paragraphs:
        return Header(judge=judge)
    body = _body_start(filled, texts, paragraphs)
    keys = [line_key(texts[k]) for k in filled]
    seen = Counter(keys)
    index = _word_index(keys)
    order, years = dating if dating is not None else copy_dating(lines)
    header = Header(page=(filled, texts, body, seen), judge=judge, order=order, years=years)
    at = {k: pos for pos, k in enumerate(filled)}
    run = [at[k] for k in article_run(lines[:_REACH]) if k in at]
    article = [filled[p] for p in run]
    page = _Page(filled, texts, paragraphs, body, seen, keys, index, (run[0], run[-1]) if run else None,
                 *_subject(lines, article))
    before = 0                                                # lines on the subject over this one
    for pos in range(0, min(len(filled), max(body, run[0] if run else 0) + 1)):
        on_subject = False
        for value, features in _title_options(page, pos):
            features |= {"first on subject": float(before == 0), "second on subject": float(before == 1)}
            on_subject = on_subject or _on_subject(features)
            header.title_features[(value, filled[pos])] = features
            header.titles.append((value, filled[pos], weigh("title", features)))
        before += on_subject
    header.titles.sort(key=lambda c: -c[2])
    if header.titles:
        best = filled.index(header.titles[0][1])
        zone = _zone(filled, texts, best, body)
        header.authors, header.author_features = _authors(filled, texts, best, zone, seen, header.judge, body)
        header.dates = _dates(filled, texts, best, zone, header.authors, (header.order, header.years))
    return header


def _zone(filled: list[int], texts: dict[int, str], title: int, body: int) -> range:
    """The positions where the headline's byline and date may be: a few lines over it, down to a little past
    the text's start (a byline under the standfirst), never past a "Read also" or "Recent posts" label."""
    end = min(len(filled), title + _WINDOW_AFTER + 1, max(body, title) + 4)
    end = next((p for p in range(title + 1, end) if _RELATED.match(texts[filled[p]])), end)
    start = max(0, title - _WINDOW_BEFORE)
    start = next((p + 1 for p in range(title - 1, start - 1, -1) if _RELATED.match(texts[filled[p]])), start)
    return range(start, end)


def _body_start(filled: list[int], texts: dict[int, str], paragraphs: list[int]) -> int:
    """The position (in ``filled``) of the text's first paragraph: a run of two paragraphs, or a long one."""
    for n, pos in enumerate(paragraphs):
        long = len(texts[filled[pos]]) >= 300
        run = n + 1 < len(paragraphs) and paragraphs[n + 1] - pos <= 3
        if long or run:
            return pos
    return paragraphs[0]


@functools.lru_cache(maxsize=16384)
def _header_line(text: str) -> bool:
    """A line that may stand between a headline and its text: a date, a byline, a caption, a counter, a button."""
    return bool(date_span(text) or meta_line(text) or _NAME_LABEL.match(text) or _CAPTION.search(text)
                or chrome.is_chrome_line(text) or chrome.is_comment_counter(text) or _person(text)
                or len(text.split()) <= 2 or _LABELLED.match(text) or stated_byline(text) is not None)


@dataclass(frozen=True)
class _Page:
    """The copy as the headline's features read it: its filled lines and their texts, where its paragraphs and
    its text start, how often each line is printed, and the article's run of text (:func:`text_body.article_run`)."""

    filled: list[int]
    texts: dict[int, str]
    paragraphs: list[int]
    body: int
    seen: Counter
    keys: list[str]
    index: dict[str, list[int]]
    """Each word's lines (:func:`_word_index`), for :func:`_echoed`."""
    article: tuple[int, int] | None
    """The positions (in ``filled``) of the article run's first and last lines."""
    subject: frozenset[str]
    """The article's content words (:func:`_subject`): what its headline is about."""
    stops: frozenset[str]
    """The stop words of the article's language: no content word of a line."""
    key: frozenset[str]
    """The article's key words: its most frequent content words (:func:`_subject`)."""


_CONTENT_WORD = re.compile(r"[^\W\d_]{4,}")


# How many of the article's most frequent content words are its key words (:func:`_subject`).
_KEY_WORDS = 12


def _subject(lines: list[str], run: list[int]) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The content words of the article's first paragraphs (its first 3,000 characters): its words of four
    letters or more that are no stop word of its language; those stop words, chosen once a copy (what no
    content word of a candidate headline is either); and the article's key words, the content words it uses
    most often (in its first 20,000 characters): a headline names them, a teaser or a menu's entry seldom does."""
    text = head = ""
    for k in run:
        text += " " + lines[k]
        head = head or (text if len(text) > 3000 else "")
        if len(text) > 20000:
            break
    head = head or text
    stops = stop_words(head)
    counts = Counter(w for w in (w.casefold() for w in _CONTENT_WORD.findall(text)) if w not in stops)
    key = frozenset(w for w, n in counts.most_common(_KEY_WORDS) if n >= 2)
    return frozenset(w.casefold() for w in _CONTENT_WORD.findall(head) if w.casefold() not in stops), stops, key


def title_spots(filled: list[int], texts: dict[int, str], title: str) -> list[int]:
    """Where the copy prints the headline ``title``: a line that is it, or one whose first or last part it is
    (:func:`_title_options` takes "TITLE | SITE"'s first part as the headline; the names and dates are read by
    that line, not by the title's copy in a list of posts under the text)."""
    key = line_key(title)
    return [pos for pos, k in enumerate(filled) if line_key(texts[k]) == key
            or ((parts := title_parts(texts[k])) and key in (line_key(parts[0]), line_key(parts[-1])))]


def _title_options(page: _Page, pos: int) -> list[tuple[str, dict[str, float]]]:
    """The headlines the line at ``pos`` may give, with their features: the line itself, and where separators part
    it ("TITLE | SITE", "TITLE – Part 1", "SECTION / TITLE") its first part and its last, each marked as a part.
    A page's browser copy often prints its headline glued to the site's name or a section. A line that is no
    candidate itself (a paragraph, a row of bulleted comments, a share bar) offers no parts either."""
    text = page.texts[page.filled[pos]]
    parts = title_parts(text)
    whole = _title_features(page, pos)
    if whole is None:
        return []                                             # a paragraph's, a menu's or a share bar's parts neither
    options = [(text, whole | {"parted": float(bool(parts))})]
    ends = [(0, "first part"), (len(parts) - 1, "last part")] if parts else []
    if parts and line_key(parts[0]) == line_key(parts[-1]):
        ends = ends[:1]                                       # "News | News": one candidate, not two of one key
    for index, mark in ends:
        features = _title_features(page, pos, parts[index])
        if features is not None:
            rest = " ".join(p for i, p in enumerate(parts) if i != index)
            elsewhere = float(_elsewhere(page, pos, rest))
            options.append((parts[index], features | {mark: 1.0, "rest printed elsewhere": elsewhere}))
    return options


def _elsewhere(page: _Page, pos: int, text: str) -> bool:
    """Whether ``text`` (the rest of a parted line: a site's name, a section) is printed on a line of its own or
    inside one elsewhere in the copy: a site's name stands in its logo, its footer, its copyright line."""
    key = line_key(text)
    return bool(key) and any(p != pos for p in _printing(page.keys, page.index, key))


def _on_subject(features: dict[str, float]) -> bool:
    """A line of a headline's length about the article's subject, not a menu's: the first such line of a copy is
    its headline more often than the standfirst, the teasers and the subheadings under it."""
    return bool(features["4-25 words"] and features["about subject"] >= 0.3 and not features["menu entry"]
                and not features["in short lines"])


def _case_features(text: str) -> dict[str, float]:
    """How the line is written: in title case ("The Best Gaming Laptops Under $1,000") as English headlines are,
    in capitals as a section's label or a logo is, as a question as a subheading often is, with a colon parting
    a headline from its subtitle."""
    cased = [c for c in text if c.lower() != c.upper()]      # a script without case (Chinese, Arabic) has none
    return {
        "title case": float(title_case(text)),
        "capitals": float(len(cased) >= 8 and all(c.isupper() for c in cased)),
        "question": float(text.endswith("?")),
        "subtitle": float(bool(re.search(r"\w: \S", text))),
    }


def _title_features(page: _Page, pos: int, text: str | None = None) -> dict[str, float] | None:
    """What the line at ``pos`` (or ``text``, a part of it) shows of a headline, feature by feature (their weights
    are fitted, :data:`WEIGHTS`); None for a line that never is one."""
    filled, texts, paragraphs, body, seen, keys = (page.filled, page.texts, page.paragraphs, page.body, page.seen,
                                                  page.keys)
    text = text if text is not None else texts[filled[pos]]
    words = _words(text)
    if not 1 <= words <= 40 or len(text) > 250 or len(text) < 4 or not any(c.isalnum() for c in text) \
            or prose(text) or doubt(text) is not None \
            or meta_line(text) is not None or _NAME_LABEL.match(text) or word_list(text) \
            or chrome.is_comment_counter(text) or _LABELLED.match(text) or re.match(r"[a-zà-ÿ](?![A-Z])", text) \
            or stated_byline(text) is not None:
        return None                                           # (a headline starts with a capital, a figure, "iPhone")
    if _FURNITURE.search(text) or _buttons(text):
        return None
    if pos and _NAME_LABEL.match(texts[filled[pos - 1]]):
        return None                                           # "By" / NAME: a label's value
    key, colon, value = text.partition(":")
    if colon and len(key.split()) <= 3 and _person(value.strip()):
        return None                                           # "Editor-in-chief: NAME": the imprint's field
    nxt = next((p for p in paragraphs if p > pos), None)
    if nxt is None:
        return None
    gap = 0.0
    for p in range(pos + 1, nxt):                             # (12 points of gap score nothing: stop there)
        gap += 0.3 if _header_line(texts[filled[p]]) else 1.0
        if gap > 12.0:
            break
    near = [texts[filled[p]] for p in range(max(0, pos - 3), min(len(filled), pos + 7)) if p != pos]
    shorts = sum(1 for p in (pos - 3, pos - 2, pos - 1, pos + 1, pos + 2, pos + 3)
                 if 0 <= p < len(filled) and len(texts[filled[p]].split()) <= 3 and not _header_line_strict(texts[filled[p]]))
    sentence = SENTENCE_END.search(text) and text.endswith(".") and not text.endswith(("..", "…")) and words >= 4
    content = [w.casefold() for w in _CONTENT_WORD.findall(text)]
    content = [w for w in content if w not in page.stops]
    first, last = page.article or (None, None)
    return {
        "gap": min(gap, 12.0),                                # lines between it and the text
        "inside text": float(pos > body),                     # a subheading
        "over text": float(pos <= body and (nxt == body or nxt < body)),   # right above the text or its standfirst
        "by byline or date": float(any(_marks_header(t) for t in near)),  # the post's header
        "4-25 words": float(4 <= words <= 25),
        "one word": float(words == 1),
        "two words": float(words == 2),
        "name alone": float(_person(text)),                   # a name, or a headline in title case
        "short sentence": float(bool(sentence) and words < _SENTENCE_WORDS),   # a standfirst, a teaser's text
        "long sentence": float(bool(sentence) and words >= _SENTENCE_WORDS),
        "label or opening": float(text.endswith((":", ","))),  # "Hallo,"
        "caption": float(bool(_CAPTION.search(text))),
        "menu entry": float(seen[line_key(text)] >= 3),       # printed in every menu
        "printed again": float(seen[line_key(text)] < 3 and _echoed(keys, page.index, pos, line_key(text))),   # a breadcrumb, a share text
        "under read also": float(bool(pos and _RELATED.match(texts[filled[pos - 1]])
                                      or pos > 1 and _RELATED.match(texts[filled[pos - 2]]))),
        "in short lines": float(shorts >= 5),                 # a menu
        "over article": float(first is not None and first - 8 <= pos < first),    # over jusText's article run
        "inside article": float(first is not None and first <= pos <= last),
        "about subject": (sum(w in page.subject for w in content) / len(content)) if content else 0.0,
        "key words": min(sum(w in page.key for w in set(content)), 3) / 3,     # names what the article is about
        "over a line like it": float(pos + 1 < len(filled) and _headline_like(texts[filled[pos + 1]])),  # over a standfirst
        "under a line like it": float(pos > 0 and _headline_like(texts[filled[pos - 1]])),     # a standfirst itself
    } | _case_features(text)


@functools.lru_cache(maxsize=16384)
def _headline_like(text: str) -> bool:
    """A line of a headline's or a standfirst's shape: three words or more, no paragraph, no byline, date or menu."""
    return 3 <= _words(text) <= 40 and not prose(text) and not _header_line(text) and not chrome.is_chrome_line(text)


def _word_index(keys: list[str]) -> dict[str, list[int]]:
    """Where each word stands: the positions of the ``keys`` (the copy's filled lines as :func:`line_key` gives
    them, words parted by one space) that hold it as a whole word. Made once a copy, for :func:`_echoed`."""
    index: dict[str, list[int]] = {}
    for p, key in enumerate(keys):
        for word in set(key.split(" ")):
            index.setdefault(word, []).append(p)
    return index


def _echoed(keys: list[str], index: dict[str, list[int]], pos: int, key: str | None = None) -> bool:
    """Whether the line at ``pos`` (of the copy's filled lines, as ``keys``; a headline's length) is printed again
    away from it, alone or inside a short line: a breadcrumb's last crumb, "Share: TITLE", "TITLE | Site", "Read
    more: TITLE". A page prints its headline again more often than its standfirst, a caption or a teaser. A line
    printed again with its neighbours is a block printed twice (a menu, a share bar, a table of contents over its
    headings), and a line printed twice in a row a logo's text and its link: no echo either.

    Only the lines holding the line's rarest inner word (``index``, :func:`_word_index`) are looked at: a word
    with a space on both sides in the line is a whole word of any line that prints the line again. ``key`` is a
    part of the line (:func:`_title_options`) where not the whole line is looked for."""
    key = keys[pos] if key is None else key
    if _words(key) < 3 or len(key) < 12:
        return False
    around = {keys[p] for p in (pos - 1, pos + 1) if 0 <= p < len(keys)}
    for p in _printing(keys, index, key):
        if abs(p - pos) <= 1:
            continue
        if abs(p - pos) <= 4 or not around & {keys[q] for q in range(p - 2, p + 3) if 0 <= q < len(keys) and q != p}:
            return True
    return False


def _printing(keys: list[str], index: dict[str, list[int]], key: str) -> list[int]:
    """The positions of the lines (``keys``, :func:`line_key`'s) that print ``key`` alone or inside a short line
    (at most twice its length and 40 characters more: a breadcrumb, "Share: TITLE", "© SITE 2024"), not inside a
    paragraph that happens to hold its words. Only the lines holding the key's rarest inner word (``index``,
    :func:`_word_index`) are looked at: a word with a space on both sides in the key is a whole word of any line
    that prints it; a key of one or two words has no inner word, and its rarest word is taken."""
    words = key.split(" ")
    inner = words[1:-1] or words
    places = min((index.get(word, []) for word in inner), key=len)
    return [p for p in places if key in keys[p] and len(keys[p]) <= 2 * len(key) + 40]


@functools.lru_cache(maxsize=16384)
def _marks_header(text: str) -> bool:
    """A date, or a byline naming someone: what stands by a post's headline."""
    return bool(date_span(text) or (m := meta_line(text)) is not None and m[0] or _LABELLED.match(text)
                or _NAME_LABEL.match(text))


@functools.lru_cache(maxsize=16384)
def _buttons(text: str) -> bool:
    """A row of the share bar's buttons ("Pinterest Email Send Text Message Print")."""
    words = re.findall(r"[\w-]+", text.casefold())
    return len(words) >= 2 and sum(w in _BUTTONS for w in words) >= 0.75 * len(words)


@functools.lru_cache(maxsize=16384)
def _header_line_strict(text: str) -> bool:
    """A date or byline line (not merely a short line)."""
    return bool(date_span(text) or meta_line(text) or _NAME_LABEL.match(text) or _person(text))


@functools.lru_cache(maxsize=16384)
def _person(text: str) -> bool:
    """Two to four capitalised words, no digits, not furniture: a name printed alone."""
    words = text.split()
    if not 2 <= len(words) <= 4 or re.search(r"[\d@#|/:;!?]", text) or word_list(text) or chrome.is_chrome_line(text):
        return False
    if not all(w[:1].isupper() or w in COMMON_PARTICLES for w in words) or not words[-1][:1].isupper():
        return False
    return clean_name(text) is not None and not is_anonymous(text)


def _authors(filled: list[int], texts: dict[int, str], title: int, zone: range, seen: Counter,
             judge: NameJudge | None, body: int | None = None
             ) -> tuple[list[tuple[str, int, float]], dict[tuple[str, int], dict[str, float]]]:
    """Names near the headline at ``title`` (a position in ``filled``), scored by hand (what the date's reading
    leans on, :func:`_dates`), and each one's features (:func:`_author_features`, what the fitted model weighs);
    a name whose words are no name's (``judge``) is no candidate."""
    found: list[tuple[str, int, float]] = []
    features: dict[tuple[str, int], dict[str, float]] = {}
    boxes = _author_boxes(filled, texts)
    for pos in zone:
        if pos == title or chrome.is_comment_form(texts[filled[pos]]):
            continue
        text = texts[filled[pos]]
        for name, strength in _names_in(filled, texts, pos):
            if line_key(name) == line_key(texts[filled[title]]):
                continue                                      # the headline itself ("Simple Anomaly Detection")
            if (name, filled[pos]) in features:
                continue                                      # "von NAME" read as a label's value and as a metadata
                                                              # line: one candidate, by its strongest shape (first)
            verdict = judge.verdict(name, text) if judge is not None else None
            if verdict is not None and verdict[0]:
                continue                                      # "Veröffentlicht am", "lassú kilábalás": no name
            marks = _author_features(filled, texts, title, pos, name, strength, seen, body, boxes, judge)
            marks["doubtful name"] = float(verdict is not None)      # a menu's entry, a category
            features[(name, filled[pos])] = marks
            found.append((name, filled[pos], _hand_score(strength, marks)))
    for pos, name in _labelled_elsewhere(filled, texts, zone):
        if line_key(name) == line_key(texts[filled[title]]) or (judge is not None and judge.verdict(name, texts[filled[pos]])):
            continue
        marks = _author_features(filled, texts, title, pos, name, 4.5, seen, body, boxes, judge) | {"outside the header": 1.0,
                                                                                   "doubtful name": 0.0}
        features[(name, filled[pos])] = marks
        found.append((name, filled[pos], _hand_score(4.5, marks) - _ELSEWHERE))   # never the byline a date is by
    for pos in _signatures(filled, texts, zone, body, judge):
        name = texts[filled[pos]]
        if (name, filled[pos]) in features or line_key(name) == line_key(texts[filled[title]]) \
                or (judge is not None and judge.verdict(name, name)):
            continue
        marks = _author_features(filled, texts, title, pos, name, 2.5, seen, body, boxes, judge) | {"outside the header": 1.0,
                                                                                   "doubtful name": 0.0}
        features[(name, filled[pos])] = marks
        found.append((name, filled[pos], _hand_score(2.5, marks) - _ELSEWHERE))
    for pos, name in _bios(filled, texts, zone, judge):
        if (name, filled[pos]) in features or line_key(name) == line_key(texts[filled[title]]) \
                or (judge is not None and judge.verdict(name, texts[filled[pos]])):
            continue
        marks = _author_features(filled, texts, title, pos, name, 2.5, seen, body, boxes, judge) | {"outside the header": 1.0,
                                                                                   "doubtful name": 0.0}
        features[(name, filled[pos])] = marks
        found.append((name, filled[pos], _hand_score(2.5, marks) - _ELSEWHERE))
    found.sort(key=lambda c: -c[2])
    return found, features


# A line that opens a writer's bio in the first person ("I'm the founder of …", "Ich bin …").
_FIRST_PERSON = re.compile(r"^(?:I['’]m|I am|I['’]ve|I have|I write|I work|ich bin|je suis|soy|sono|ik ben)\b", re.IGNORECASE)
# What a bio says its writer is: a trade's or a post's word, in a few languages ("a content writer at …", "Senior
# Editor", "Redakteurin", "giornalista"). A subheading over its paragraph ("Red Wines" / "Red wines are …") says none.
_ROLE = re.compile(r"\b(?:writer|editor|author|journalist|reporter|founder|co-founder|contributor|columnist|correspondent|"
                   r"blogger|professor|researcher|expert|specialist|consultant|marketer|analyst|director|manager|ceo|"
                   r"cto|head of|scientist|engineer|developer|designer|strategist|teacher|coach|photographer|"
                   r"redakteur(?:in)?|autor(?:in)?|journalistin|rédact(?:eur|rice)|journaliste|auteur|periodista|"
                   r"redactor(?:a)?|escritor(?:a)?|giornalista|redattore|scrittore|schrijver|redacteur)s?\b", re.IGNORECASE)
# A bio is a sentence or more: this many words at least.
_BIO_WORDS = 8


def _bio_under(filled: list[int], texts: dict[int, str], pos: int, name: str) -> bool:
    """Whether the line under ``pos`` is a bio of ``name``: a sentence naming a trade or a post (:data:`_ROLE`) that
    opens with the name's first or last word ("Lauren Vetter" / "Lauren is a growth-focused marketer…") or in
    the first person ("I'm the founder of …"): the author box that closes a post, which no label marks."""
    if pos + 1 >= len(filled):
        return False
    below = texts[filled[pos + 1]]
    words = name.split()
    if len(below.split()) < _BIO_WORDS or not words or not _ROLE.search(below):
        return False
    head = below.split()[0].strip(",.:;’'s").casefold()
    return head in {words[0].casefold(), words[-1].casefold()} or bool(_FIRST_PERSON.match(below))


def _bios(filled: list[int], texts: dict[int, str], zone: range, judge: NameJudge | None) -> list[tuple[int, str]]:
    """The names printed alone over their bio (:func:`_bio_under`) outside the header's zone: a post's closing
    author box ("Josh Fechter" / "I'm the founder of HR.University…"). Not a subheading whose words the copy's
    prose prints in lower case ("Affiliate Marketing" / "Affiliate marketing is …")."""
    common = judge.lowercase if judge is not None else Counter()
    return [(pos, texts[filled[pos]]) for pos in range(len(filled) - 1)
            if pos not in zone and _person(texts[filled[pos]]) and not _CAPTION.search(texts[filled[pos]])
            and not any(common[w.casefold()] for w in texts[filled[pos]].split()[1:])
            and _bio_under(filled, texts, pos, texts[filled[pos]])]


def _signed(filled: list[int], texts: dict[int, str], pos: int, judge: NameJudge | None) -> bool:
    """Whether the line at ``pos`` is where a writer signs the text: a name under a sentence of the text (six
    words or more, ending as a sentence ends), with no paragraph of the text under it. Not a heading closing the
    text ("Frequently Asked Questions", "Quick Links", "RELATED STORIES"): a name is in capitals only where the
    theme prints every name so, its words are none the copy prints in lower case, and none is a label's or a
    button's."""
    line = texts[filled[pos]]
    common = judge.lowercase if judge is not None else Counter()
    if pos == 0 or line.isupper() or any(common[w.casefold()] for w in line.split()) or not reads_as_name(line):
        return False
    above = texts[filled[pos - 1]]
    under = texts[filled[pos + 1]] if pos + 1 < len(filled) else ""
    return len(above.split()) >= 6 and bool(SENTENCE_END.search(above)) and not prose(under)


def _signatures(filled: list[int], texts: dict[int, str], zone: range, body: int | None,
                judge: NameJudge | None) -> list[int]:
    """The position of the first name printed alone under a sentence of the text, past the header's zone and the
    text's start (:func:`_signed`): a post its writer signs ("… in the Orange County Register." / "Halina
    Goetz" / "Browse Related:"), as blogs and columns do."""
    if body is None:
        return []
    return next(([pos] for pos in range(max(body, zone.stop), len(filled))
                 if _person(texts[filled[pos]]) and not _CAPTION.search(texts[filled[pos]])
                 and _signed(filled, texts, pos, judge)), [])


# What a labelled name away from the header loses in the hand score: no date is read by it (:func:`_dates`).
_ELSEWHERE = 10.0


def _labelled_elsewhere(filled: list[int], texts: dict[int, str], zone: range) -> list[tuple[int, str]]:
    """The names a byline label marks ("By NAME", "Written by NAME", "Autor:" / NAME) outside the header's zone:
    a byline printed under a long standfirst, a picture or a table of contents, or closing the post."""
    out = []
    for pos in range(len(filled)):
        text = texts[filled[pos]]
        if pos in zone or len(text) > 120 or chrome.is_comment_form(text):
            continue
        if not (_LABELLED.match(text) or pos and _NAME_LABEL.match(texts[filled[pos - 1]])):
            continue
        if any(fact_field(texts[filled[p]]) for p in range(max(0, pos - 2), min(len(filled), pos + 3)) if p != pos):
            continue                                          # "Autorin: NAME" among "Titel:", "Seiten: 400": a book's
        out.extend((pos, name) for name, strength in _names_in(filled, texts, pos)
                   if strength >= 4.5 and ":" not in name and not name[:1].islower())   # "Door: NU.nl Beeld:
                                                              # Pro Shots", "Autor komentarza": a credit's, a form's
    return out




# A name's shape on its line, by how strongly :func:`_names_in` reads it as a byline: the feature it is.
_SHAPES = {4.5: "after a byline label", 4.0: "byline line", 3.5: "metadata line", 2.5: "name alone",
           2.0: "name in a field"}


def _author_features(filled: list[int], texts: dict[int, str], title: int, pos: int, name: str, strength: float,
                     seen: Counter, body: int | None, boxes: tuple[str, ...], judge: NameJudge | None = None
                     ) -> dict[str, float]:
    """What the line at ``pos`` shows of the post's byline naming ``name``, feature by feature (their weights
    fitted, :data:`WEIGHTS`): its shape (a label's value, a metadata line, a name alone), its place by the
    headline at ``title`` and by a date, whether the copy prints the name again (an author's box, a menu)."""
    text = texts[filled[pos]]
    distance = abs(pos - title)
    near = [texts[filled[p]] for p in (pos - 1, pos + 1) if 0 <= p < len(filled)]
    dated_by = bool(date_span(text)) or any(_dated(t) for t in near)
    dates = [abs(p - pos) for p in range(max(0, pos - 6), min(len(filled), pos + 7)) if _dated(texts[filled[p]])]
    listed = any(_person(texts[filled[p]]) and not _CAPTION.search(texts[filled[p]]) or _dated_entries(text, texts[filled[p]])
                 for p in (pos - 1, pos + 1) if 0 <= p < len(filled))          # a list of entries, not a byline
    return {
        _SHAPES.get(strength, "name alone"): 1.0,
        "over headline": float(pos < title),
        "next to headline": float(distance == 1),
        "lines from headline": min(distance, 15) / 5,
        "date on its line": float(bool(date_span(text))),
        "date by it": float(dated_by),
        "date two lines off": float(not dated_by and any(
            _dated(texts[filled[p]]) for p in (pos - 2, pos + 2) if 0 <= p < len(filled) and title != (p + pos) // 2)),
        "lines from a date": (min(dates) if dates else 7) / 5,
        "menu entry": float(seen[line_key(name)] >= 3),      # printed again and again: a button ("Takip et")
        "printed again": float(not listed and _echoed_name(filled, texts, pos, name)),   # an author's box, "More by"
        "in an author box": float(_in_author_box(boxes, name)),
        "bio under it": float(_bio_under(filled, texts, pos, name)),
        "signed under the text": float(body is not None and pos > body and _person(text) and _signed(filled, texts, pos, judge)),
        "in a list of names": float(listed),
        "long line": float(len(text) > 2 * len(name) + 30),
        "past text start": float(body is not None and pos > body),
        "caption": float(bool(_CAPTION.search(text))),
    }


def _dated_entries(text: str, other: str) -> bool:
    """Whether two lines are entries of one list of dated items ("13.02.2020 20:00 Stammtisch" over "06.02.2020
    20:00 Vorstandssitzung", a box of events or of recent posts): each a date with a few words, the date first in
    both or in neither."""
    one, two = date_span(text), date_span(other)
    if one is None or two is None or (one[1] == 0) != (two[1] == 0):
        return False
    rest = [(t[:s[1]] + " " + t[s[2]:]).strip() for t, s in ((text, one), (other, two))]
    return all(rest) and all(len(r.split()) <= 4 for r in rest)


def _hand_score(strength: float, marks: dict[str, float]) -> float:
    """The hand-set score of a name (its shape's strength, its place, a date by it, its echo): what tells the date
    nearest the byline (:func:`_dates`), kept as it was when the author's choice was fitted."""
    score = strength - marks["lines from headline"] - marks["over headline"] - marks["doubtful name"]
    if marks["menu entry"] and strength < 4.0:
        score -= 1.0
    score += 1.0 if marks["date by it"] else 0.5 if marks["date two lines off"] else 0.0
    if 2.5 <= strength < 4.0 and marks["printed again"]:
        score += _NAME_ECHO
    return score


def _author_boxes(filled: list[int], texts: dict[int, str]) -> tuple[str, ...]:
    """The keys of the lines of the copy's author boxes: each "About the author" or "View all posts by" line with
    the two lines under it. Read once a header, not once a name: a page of hundreds of "By NAME" teasers has
    hundreds of names, and a scan of the copy for each was quadratic."""
    keys: list[str] = []
    for pos, k in enumerate(filled):
        text = texts[k]
        if len(text) <= 300 and (ABOUT_AUTHOR.match(text) or ALL_POSTS_BY.search(text)):
            keys.extend(line_key(texts[filled[p]]) for p in range(pos, min(len(filled), pos + 3)))
    return tuple(keys)


def _in_author_box(boxes: tuple[str, ...], name: str) -> bool:
    """Whether the copy prints ``name`` in an author's box (:func:`_author_boxes`)."""
    key = line_key(name)
    return len(key) >= 5 and any(key in line for line in boxes)


# A reading time, which stands by a byline as a date does ("5 min read", "Lesezeit: 4 Min.", "3 minutes de lecture").
_READ_TIME = re.compile(r"^(?:\d+\s*min(?:ute)?s?\.?\s+(?:read|de lecture|de lectura|di lettura|leestijd|lesezeit)"
                        r"|(?:lesezeit|reading time|read time|temps de lecture|tiempo de lectura|tempo di lettura|"
                        r"leestijd|lästid|lukuaika|czas czytania)\s*:?\s*\d+\s*\S{0,8})$", re.IGNORECASE)
# A date's label over figures no date reader settles ("Publié le 01/06/18 à 23h03": a two-digit year).
_LABELLED_DATE = re.compile(rf"^(?:{PUBLISHED_LABEL}|{UPDATE_LABEL})\b(?:\s+(?:on|am|le|el|il))?\s*:?\s*\d{{1,4}}[./-]\d{{1,2}}",
                            re.IGNORECASE)
# What a name printed again away from the header earns ("Mehr über NAME", "NAME 기자 다른기사 보기", the author's box).
_NAME_ECHO = 1.0


@functools.lru_cache(maxsize=16384)
def _dated(text: str) -> bool:
    """A date, a time ("Dnes 9:44"), a relative date or a reading time: what stands by a byline."""
    return bool(date_span(text) or _CLOCK_ONLY.match(text) or relative_date(text) or _READ_TIME.match(text)
                or _LABELLED_DATE.match(text))


def _echoed_name(filled: list[int], texts: dict[int, str], pos: int, name: str) -> bool:
    """Whether ``name`` is printed again, alone or in a short line, away from the line at ``pos`` (three lines
    or more off, past the text's start as a rule): the author's box, "More by NAME", the byline repeated under
    the text. A name printed in a run of menu lines is judged apart (:mod:`book.sources.name_words`)."""
    key = line_key(name)
    if len(key) < 2 or (len(key) < 5 and not CJK_CHAR.search(key)):
        return False
    return any(abs(p - pos) > 2 and key in line_key(texts[k]) and len(texts[k]) <= 2 * len(name) + 30
               for p, k in enumerate(filled))


def _names_in(filled: list[int], texts: dict[int, str], pos: int) -> list[tuple[str, float]]:
    """The names the line at ``pos`` states, each with how strongly: a label's value, a metadata line's
    name, a name alone."""
    text = texts[filled[pos]]
    out: list[tuple[str, float]] = []
    if _NAME_LABEL.match(text) and pos + 1 < len(filled) and (name := _as_name(texts[filled[pos + 1]])):
        return []                                             # the label's line; its value is scored below
    if pos > 0 and _NAME_LABEL.match(texts[filled[pos - 1]]) and (name := _as_name(text)):
        return [(name, 4.5)]
    if (labelled := _LABELLED.match(text)) is not None and (name := _labelled_name(labelled.group("rest"))):
        out.append((name, 4.5))
    meta = meta_line(text)
    named = without_label(meta[0]) if meta is not None and meta[0] else None      # "聯合報 記者NAME／即時報導"
    if meta is not None and named and _as_name(named) is not None:
        out.append((named, 4.0 if meta[1] else 3.5))
    elif meta is not None and meta[1] and (span := date_span(text)) is not None:
        head = (text[: span[1]] + " " + text[span[2]:]).strip(" |·•-–—")   # "上報快訊/NAME DATE", "DATE 聯合報
                                                                         # 記者NAME/即時報導": the outlet, the name
        if head and (named := stated_byline(head)) is not None and _as_name(named) is not None:
            out.append((named, 3.5))
    if not out and (stated := stated_byline(text)) is not None:
        out.append((stated, 4.0))                         # "[뉴스타운] 김민수 기자", "文/王小明": a byline by its words
    if not out and _person(text) and not _CAPTION.search(text):
        out.append((text, 2.5))
    if not out and name_in_script(text) and len("".join(text.split())) >= 3 and _once(filled, texts, text) \
            and any(_dated(texts[filled[p]]) for p in (pos - 1, pos + 1) if 0 <= p < len(filled)):
        out.append((text, 2.0))                           # "王小明" by the date: a name in its script (a menu's
                                                          # entries and buttons are as short, "分享": only by a
                                                          # date, three characters or more, printed once)
    if not out and not _CAPTION.search(text):
        fields = FIELD_SEPARATOR.split(text)
        if 2 <= len(fields) <= 3 and _person(fields[0]) and all(len(f.split()) <= 3 for f in fields[1:]):
            out.append((fields[0], 2.0))                      # "NAME | Community 1"
    return out


# Where a byline's value ends before a date's label or an outlet ("NAME Published: DATE", "NAME for OUTLET",
# "NAME on behalf of the GROUP").
_VALUE_END = re.compile(rf"\s+(?:(?:{PUBLISHED_LABEL}|{UPDATE_LABEL})\b(?:\s+(?:on|am|le|el|il))?\s*:?(?:\s.*)?$"
                        r"|(?:on behalf of|for)\s+(?=[^\W\d_]).*$)", re.IGNORECASE)


# A date that opens with its month's word, after a name ("Chris Pokorny Nov 18, 2019").
_MONTH_FIRST = re.compile(rf"\s+{MONTH_WORD}[^\W\d_]*\.?\s+\d", re.IGNORECASE)
# A social handle glued to the name it follows ("Chris Pokorny@DawgsByNature"): no part of the name.
_GLUED_HANDLE = re.compile(r"(?<=[^\W\d_])@\w+")


def _labelled_name(rest: str) -> str | None:
    """The name a byline's label introduces: its first name up to a separator, a sentence's comma or a date, as
    read before (held-out copies lost two right names when :func:`_labelled_value` read every value), else
    :func:`_labelled_value`'s reading, where that one read none ("David at DATE", "NAME PUBLISHED: DATE")."""
    first = _GLUED_HANDLE.sub("", FIELD_SEPARATOR.split(rest, maxsplit=1)[0])
    if len(parts := _MONTH_FIRST.split(first, maxsplit=1)) > 1:
        first = _without_small_words(parts[0])                # "NAME Nov 18, 2019": the month is the date's, and
                                                              # "at" before it too (not cut at any date: held-out
                                                              # copies lost two names)
    first = re.split(r"(?<=\w\w)[.,]\s+(?=[A-ZÀ-Ý])|\s+(?:le|on|am|el|il|the)\s+\d", first, maxsplit=1)[0]
    return _as_name(_before_relative_date(first)) or _labelled_value(rest)


def _labelled_value(rest: str) -> str | None:
    """The name or names a byline's label introduces, from what follows the label: up to a separator, a date
    ("David at December 16, 2025"), a date's label, an outlet; several co-authors as printed ("A, B, and C")
    where each is a name, else the first ("NAME, CEO of FIRM")."""
    first = _GLUED_HANDLE.sub("", FIELD_SEPARATOR.split(rest, maxsplit=1)[0])
    if (span := date_span(first)) is not None and span[1] > 0:
        first = first[:span[1]]
    first = _without_small_words(_VALUE_END.sub("", first).strip(" ,;·|-–—"))
    parts = co_authors(first)
    if len(parts) > 1 and all(_person(part) for part in parts):
        return first
    first = re.split(r"(?<=\w\w)[.,]\s+(?=[A-ZÀ-Ý])|\s+(?:le|on|am|el|il|the)\s+\d", first, maxsplit=1)[0]
    return _as_name(_before_relative_date(first))


def _without_small_words(text: str) -> str:
    """A name's words without the small words after it: "David at" (DATE), "NAME on" (DATE): a name ends in no
    small word."""
    words = text.split()
    while len(words) > 1 and words[-1].islower() and any(w[:1].isupper() for w in words[:-1]):
        words.pop()
    return " ".join(words)


def _before_relative_date(text: str) -> str:
    """A labelled name without the relative date after it, in any language: "P. Mucović prije 26 minuta" ->
    "P. Mucović" (the words up to the first figure, less the lower-case words before it: a name ends in a
    capitalised word, never in a particle, so "Mario Rossi da 3 ore" loses its "da" too)."""
    words = text.split()
    cut = next((k for k, w in enumerate(words) if re.search(r"\d", w)), None)
    if cut is None or cut == 0:
        return text
    kept = words[:cut]
    while len(kept) > 1 and kept[-1].islower():
        kept.pop()
    return " ".join(kept)


def _once(filled: list[int], texts: dict[int, str], text: str) -> bool:
    """The line is printed once in the copy: a name alone in its script, not a button ("分享" under every post)."""
    return sum(1 for k in filled if texts[k] == text) == 1


def _as_name(text: str) -> str | None:
    """The name in a short field, when it is one."""
    text = text.strip(" .,;:|")
    if not text or len(text) > 50 or re.search(r"\d", text) or len(text.split()) > 5:
        return None
    name = clean_name(text)
    if name is None or is_anonymous(name) or chrome.is_chrome_line(name) or is_date_line(name):
        return None
    return name


# What an update's label costs a date near the headline: a date of the post's header two lines off without it
# (an update's date is a feature of the fitted date choice, :func:`_settle_date`).
_UPDATE_PENALTY = 2.0


def _dates(filled: list[int], texts: dict[int, str], title: int, zone: range,
           authors: list[tuple[str, int, float]],
           settle: tuple[str | None, frozenset[int]] = (None, frozenset())) -> list[tuple[str, int, float]]:
    """Dates near the headline at ``title``, scored: nearest the headline and the byline, a publication label
    for, an update's label and a teaser's place against. A date :func:`find_date` leaves unread ("12/04/2020",
    "17.7.11") counts where the copy's order of slashed dates and its years (``settle``) settle it."""
    byline = authors[0][1] if authors and authors[0][2] >= 3.0 else None
    found: list[tuple[str, int, float]] = []
    for pos in zone:
        text = texts[filled[pos]]
        if len(text) > 200 or prose(text):
            continue
        meta = meta_line(text)
        span = date_span(text)
        iso = meta[1] if meta is not None and meta[1] else span[0] if span else settled_date(text, *settle)
        if iso is None:
            continue
        score = 3.0 - 0.2 * abs(pos - title) - (0.5 if pos < title else 0.0)
        labelled = _with_label(filled, texts, pos)
        if _PUBLISHED.search(labelled):
            score += 1.0
        if _updated(labelled):
            score -= _UPDATE_PENALTY
        if byline is not None and abs(filled.index(byline) - pos) <= 1:
            score += 1.0
        if pos and _RELATED.match(texts[filled[pos - 1]]):
            score -= 3.0
        found.append((iso, filled[pos], score))
    found.sort(key=lambda c: -c[2])
    return found


# A label alone on its line over its value ("Last update:" / "July 16, 2025"), as page builders print them.
_LABEL_ALONE = re.compile(rf"^(?:[^\W\d_][^\d]{{0,28}}:|(?:{UPDATE_LABEL}|{PUBLISHED_LABEL})(?:\s+(?:on|am|le|el|il))?)$",
                          re.IGNORECASE)


def _with_label(filled: list[int], texts: dict[int, str], pos: int) -> str:
    """A date line's text with the label printed alone on the line over it, if any: what says whose date it is."""
    text = texts[filled[pos]]
    above = texts[filled[pos - 1]] if pos else ""
    return f"{above} {text}" if _LABEL_ALONE.match(above) else text


def _updated(text: str) -> bool:
    """A date's line (with its label, :func:`_with_label`) whose label before its first date names it an update's
    and not the publication's: "Updated Dec. 23, 2024", not "August 16, 2019 - Updated July 9, 2025" (the
    publication's date first, the update's after it)."""
    span = date_span(text)
    head = text[:span[1]] if span is not None else text
    return bool(_UPDATED.search(head)) and not _PUBLISHED.search(head)


# ------------------------------------------------------------------ settling the readers' choices

# The chance, by the fitted model, under which the chosen headline is doubted (S323): below it, the line is more
# likely another than the headline.
_SURE = 0.5


def readers_marks(value: str, readers: str | None, guessed: bool, doubted: bool) -> dict[str, float]:
    """The features a candidate gets from being the readers' own choice: a recognised shape is evidence, a
    guessed first line or a line of no headline's shape (``headline.doubt``) less of it."""
    if not readers or line_key(value) != line_key(readers):
        return {}
    return {"readers' choice": 1.0, "readers' guess": float(guessed), "readers' doubted": float(doubted)}


def _title_choice(header: Header, cap: Capture) -> tuple[str, int | None, float] | None:
    """The likeliest headline (value, line, its chance by the fitted model) among the scored lines and the
    readers' own choice (a choice of its own where it is no scored line)."""
    doubted = doubt(cap.title, cap.author) is not None
    choices: list[tuple[str, int | None, float]] = []
    for value, line, score in header.titles:
        marks = readers_marks(value, cap.title, cap.title_guessed, doubted)
        choices.append((value, line, score + weigh("title", marks) - WEIGHTS["title"].get("bias", 0.0)))
    if cap.title and not any(readers_marks(v, cap.title, False, False) for v, _, _ in header.titles):
        marks = readers_marks(cap.title, cap.title, cap.title_guessed, doubted) | {"no candidate": 1.0}
        choices.append((cap.title, None, weigh("title", marks)))
    if not choices:
        return None
    best, chance = _likeliest([score for _, _, score in choices], [line_key(value) for value, _, _ in choices])
    value, line, _ = choices[best]
    return value, line, chance


def _likeliest(scores: list[float], keys: list[str]) -> tuple[int, float]:
    """The fitted models' choice: the index of the likeliest choice and its chance by a softmax over ``scores``,
    the chances of choices with one key (one value printed on several lines) summed, the higher score first
    among one key's choices."""
    top = max(scores)
    chances: dict[str, float] = Counter()
    for key, score in zip(keys, scores):
        chances[key] += math.exp(score - top)
    best = max(range(len(scores)), key=lambda k: (chances[keys[k]], scores[k]))
    return best, chances[keys[best]] / sum(chances.values())


def settle_title(lines: list[str], cap: Capture, header: Header, start: int) -> int:
    """The headline is the likeliest of the scored lines and the readers' own choice, by weights fitted on
    WCXB's dev copies (:data:`WEIGHTS`): the readers' choice counts as evidence, not as the verdict. A choice
    less likely than not is doubted (S323). Where the readers only guessed the copy's first line and another line
    is likelier, the post starts under that one if only furniture lies between.
    Where the readers found a header, the post starts where it ended whichever headline is chosen (the start
    moved to a line the weights chose cut articles short on the hand-written copies). Returns the post's start."""
    if cap.title and not any(c.isalnum() for c in cap.title):
        cap.title = None                                      # a line of separators ("| | |") names nothing
    choice = _title_choice(header, cap)
    if choice is None:
        return start
    value, line, chance = choice
    if line_key(value) == line_key(cap.title or ""):
        if chance < _SURE and not cap.title_guessed:
            cap.title_doubt = cap.title_doubt or ("other lines read as the headline almost as well (by their place "
                                                  "over the text, a byline or date by them)")
        return start
    if line is None:
        return start
    found = cap.title if cap.title and not cap.title_guessed else None
    cap.title, cap.title_guessed, cap.first_line = value, False, None
    if chance < _SURE:
        why = (f"the copy's header marked {found[:60]!r} as the headline, and other lines read as headlines almost "
               f"as well" if found else "no byline or date marked it as the headline, and other lines read as "
               "headlines almost as well")
        cap.title_doubt = f"{why}; {cap.title_doubt}" if cap.title_doubt else why    # an earlier doubt kept
    if found:
        return start                                          # the post starts where the readers' header ended
    cap.title_scored = True
    between = [text for text in lines[start:line] if text.strip()]
    return line + 1 if line >= start and not any(prose(_text(text)) for text in between) else start


def settle_byline(cap: Capture, header: Header) -> None:
    """The post's author and date from the scored header: the author is the likeliest of the names near the
    headline, the readers' own and nobody (:func:`_author_choices`, weights fitted on WCXB's dev copies), one less
    likely than not warned of (S327); the date likewise the likeliest of the copy's dates, the readers' own, a list
    of posts' and none (:func:`_settle_date`), one less likely than not warned of (S324)."""
    if not cap.title_guessed:
        header = header.around(cap.title)                     # (a guessed first line is no headline to read by)
    settle_name(cap, header)
    _settle_author(cap, header)
    _settle_date(cap, header)


# The chance, by the fitted model, under which the chosen author is doubted (S327).
_SURE_AUTHOR = 0.5
# The byline shapes a label or a date marks: where no candidate has one, the copy may well name nobody.
_BYLINE_SHAPES = ("after a byline label", "byline line", "metadata line")


def _author_choices(header: Header, cap: Capture) -> list[tuple[str | None, int | None, dict[str, float]]]:
    """The post's possible authors as the fitted model sees them (value, line, features): each name scored near
    the headline, with the readers' marks where it is their choice; the readers' own name where it is none of
    those (an author's box, a sign-off far from the header); and nobody (value None), which the model may choose
    where no name reads as a byline."""
    inferred = float(cap.author_how in AUTHOR_INFERRED)
    choices: list[tuple[str | None, int | None, dict[str, float]]] = []
    found = False
    for value, line, _ in header.authors:
        marks = dict(header.author_features.get((value, line), {}))
        if cap.author and line_key(value) == line_key(cap.author):
            marks |= {"readers' choice": 1.0, "readers' inferred": inferred}
            found = True
        choices.append((value, line, marks))
    if cap.author and not found:
        choices.append((cap.author, None, {"readers' choice": 1.0, "readers' inferred": inferred, "no candidate": 1.0}))
    labelled = any(f.get(shape) for _, _, f in choices for shape in _BYLINE_SHAPES)
    choices.append((None, None, {"nobody": 1.0, "nobody, readers named none": float(not cap.author),
                                 "nobody, no byline shape": float(not labelled)}))
    return choices


def _author_choice(header: Header, cap: Capture) -> tuple[str | None, dict[str, float], float] | None:
    """The likeliest author (None: nobody), its features and its chance by the fitted model, the chances of one
    name's candidates summed; None where the copy offers no name at all."""
    return _fitted_choice("author", _author_choices(header, cap), lambda value: line_key(value) if value else "")


def _settle_author(cap: Capture, header: Header) -> None:
    """The post's author by the fitted model: a name the readers did not choose replaces an inferred one or fills
    the gap, as a byline (a name alone on its line, no label marking it, as inferred: ``uncertain byline``, S305), and
    leaves a stated byline of theirs in doubt (S327); a choice less likely than not is doubted (S327), and where the model finds nobody likeliest the readers' name is
    kept but doubted (a name printed is evidence the bench cannot weigh against a page that names nobody)."""
    if "author" not in WEIGHTS:
        return
    choice = _author_choice(header, cap)
    if choice is None:
        return
    value, features, chance = choice
    if value is None:
        if cap.author:
            cap.author_doubt = "no line near the headline reads as a byline: the page may name nobody"
        return
    if line_key(value) != line_key(cap.author or ""):
        if cap.author and cap.author_how not in AUTHOR_INFERRED:
            cap.author_doubt = f"{value!r} near the headline reads as the byline more likely"
            return                                            # a stated byline is kept (replacing it lost more
                                                              # right names than it won on the hand-written copies)
        labelled = any(features.get(shape) for shape in _BYLINE_SHAPES)
        cap.author, cap.author_how = value, "byline" if labelled else "uncertain byline"   # no label: inferred (S305)
    if chance < _SURE_AUTHOR:
        cap.author_doubt = "other names near the headline, or none, read as the byline almost as well"


# A list entry's date after its headline is short ("June 30, 2014 • No Comment", "- June 30, 2014"): a longer rest
# is a sentence that opens with the headline's words.
_ENTRY_REST = 40


def listed_date(header: Header, title: str, skip: int | None = None) -> str | None:
    """The post's date where the copy lists the post again with it ("Recent Posts": HEADLINE / "June 30, 2014 •
    No Comment", "Latest posts by NAME": "HEADLINE - June 30, 2014"): the one date printed right after the
    headline's other copies, on its line or the next. None where no copy has one or they disagree, and for a
    headline of fewer than three words (a menu entry's words are printed in lists of every kind). The copy at
    position ``skip`` (the headline itself, whose date is no list's) is passed over."""
    key = line_key(title)
    if header.page is None or len(key.split()) < 3:
        return None
    filled, texts, _, _ = header.page
    found = set()
    for pos, k in enumerate(filled):
        text = texts[k]
        if pos == skip or not text.casefold().startswith(key):
            continue
        rest = text[len(key):]
        if not rest.strip(" .:|-–—") and pos + 1 < len(filled):
            rest = texts[filled[pos + 1]]                     # the entry's date on the line under it
        if len(rest) <= _ENTRY_REST and (span := date_span(rest)) is not None:
            found.add(span[0])
    return found.pop() if len(found) == 1 else None


def settle_name(cap: Capture, header: Header) -> None:
    """The post's author as any reader found it, without the byline's words kept around it, judged by its words
    (:mod:`book.sources.name_words`): a
    label, a date or a phrase is set aside (the import then warns that the author is unknown, S301); a
    doubtful name (a menu's entry) is set aside where it was only inferred, and flagged (S305) where a
    byline stated it."""
    if not cap.author or header.judge is None:
        return
    cap.author = without_label(cap.author)                # "Text: NAME", "송유민 기자": the byline's words off
    verdict = header.judge.verdict(cap.author)
    if verdict is None:
        return
    if verdict[0] or cap.author_how in AUTHOR_INFERRED and cap.author_how != "uncertain byline":
        cap.author, cap.author_how = None, None
    else:
        cap.author_how = "uncertain byline"


# ------------------------------------------------------------------ the post's date by fitted weights

# The chance, by the fitted model, under which the chosen date is doubted (S324).
_SURE_DATE = 0.5
# A label that names the date of a thread's opening or a question's asking, on the date's line.
_ASKED = re.compile(r"\b(?:asked|start(?:ed)?\s+date|thread\s+started|opened)\b", re.IGNORECASE)


def _headline_at(header: Header, cap: Capture) -> int | None:
    """The headline's position in the copy's filled lines: the readers' headline's copy over the text and nearest
    it (as :meth:`Header.around` takes it), else the best scored line's."""
    if header.page is None:
        return None
    filled, texts, body, _ = header.page
    if cap.title and not cap.title_guessed:
        spots = title_spots(filled, texts, cap.title)
        if spots:
            return min(spots, key=lambda p: (p > body, abs(p - body)))
    return filled.index(header.titles[0][1]) if header.titles else None


def _date_features(header: Header, title: int, pos: int, iso: str, zone_dates: list[str] | None,
                   comments: int) -> dict[str, float]:
    """What the line at ``pos`` shows of the post's date ``iso``, feature by feature (weights fitted,
    :data:`WEIGHTS`): its place by the headline at ``title`` (or far from it: ``zone_dates`` None for a date
    outside the header's zone), its label (a publication's, an update's, a question's), a byline on its line or
    by it, a teaser's or a comment's place (past the first comment counter or form, ``comments``), whether the
    copy prints the day again, and how it stands among the other dates of the header's zone (``zone_dates``)."""
    filled, texts, body, _ = header.page
    text = texts[filled[pos]]
    labelled = _with_label(filled, texts, pos)
    distance = abs(pos - title)
    meta = meta_line(text)
    near = [texts[filled[p]] for p in (pos - 1, pos + 1) if 0 <= p < len(filled)]
    elsewhere = sum(1 for k in filled if k != filled[pos] and iso in _line_dates(texts[k]))
    features = {
        "lines from headline": min(distance, 15) / 5,
        "over headline": float(pos < title),
        "next to headline": float(distance <= 1),
        "published label": float(bool(_PUBLISHED.search(labelled))),
        "update label": float(_updated(labelled)),
        "asked label": float(bool(_ASKED.search(labelled))),
        "byline on its line": float(meta is not None and bool(meta[0])),
        "byline by it": float(any(_LABELLED.match(t) or _NAME_LABEL.match(t) or _person(t) for t in near)),
        "under read also": float(bool(pos and _RELATED.match(texts[filled[pos - 1]]))),
        "in a list of posts": float(any(_RELATED.match(texts[filled[p]]) for p in range(max(0, pos - 8), pos))),
        "past text start": float(pos > body),
        "in comments": float(pos > comments),
        "clock on its line": float(bool(re.search(r"\b\d{1,2}:\d{2}\b", text))),
        "long line": float(len(text) > 80),
        "printed again": float(elsewhere >= 1),
        "printed often": float(elsewhere >= 3),
    }
    if zone_dates is None:
        return features | {"outside the header": 1.0, "far from headline": min(distance, 300) / 100}
    years = sorted({int(d[:4]) for d in zone_dates})
    return features | {
        "only date": float(len(set(zone_dates)) == 1),
        "dates in zone": min(len(zone_dates), 10) / 5,
        "newest": float(len(years) > 1 and iso == max(zone_dates)),
        "oldest": float(len(years) > 1 and iso == min(zone_dates)),
        "first in zone": float(bool(zone_dates) and iso == zone_dates[0]),
    }


@functools.lru_cache(maxsize=16384)
def _line_dates(text: str) -> tuple[str, ...]:
    """The full date a short line prints (none for a paragraph), in the shapes the header's reader knows or in
    three more (:func:`_hyphened_date`): a candidate for the post's date, and what tells a day printed again."""
    if len(text) > 200:
        return ()
    if (span := date_span(text)) is not None:
        return (span[0],)
    return (iso,) if (iso := _hyphened_date(text)) is not None else ()


# Dates :func:`date_span` leaves unread, found in WCXB dev copies: "19-Dec-2025", "04-ago-2021" (a month's word
# between hyphens), "2025•01•08" (bullets), "06.18.2025" (dots, the month first, told by a day over 12).
_HYPHENED = re.compile(r"\b(\d{1,2})-([^\W\d_]{3,9})\.?-(\d{4})\b")
_BULLETED = re.compile(r"\b((?:19|20)\d\d)\s*[•·]\s*(\d{1,2})\s*[•·]\s*(\d{1,2})\b")
_DOTTED_MDY = re.compile(r"\b(\d{1,2})\.(1[3-9]|2\d|3[01])\.((?:19|20)\d\d)\b")


def _hyphened_date(text: str) -> str | None:
    """The ISO date of a line in one of the shapes :data:`_HYPHENED`, :data:`_BULLETED`, :data:`_DOTTED_MDY`."""
    if (match := _HYPHENED.search(text)) is not None:
        return words_date(" ".join(match.groups()))
    if (match := _BULLETED.search(text)) is not None:
        year, month, day = (int(g) for g in match.groups())
    elif (match := _DOTTED_MDY.search(text)) is not None:
        month, day, year = (int(g) for g in match.groups())
    else:
        return None
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def _date_choices(header: Header, cap: Capture) -> list[tuple[str | None, int | None, dict[str, float]]]:
    """The post's possible dates as the fitted model sees them (value, line, features): each date scored near the
    headline (:func:`_dates`, its hand score a feature of its own) and each other date the copy prints, with the
    readers' marks where it is their date; the readers' own date where it is none of those; the date printed by
    the headline's copy in a list of posts (:func:`listed_date`); and nobody (value None). The header's zone held
    WCXB's date on 393 of 491 dev copies whose date the copy prints, the whole copy on 420."""
    choices: list[tuple[str | None, int | None, dict[str, float]]] = []
    readers = cap.published
    title = _headline_at(header, cap)
    listed = listed_date(header, cap.title, title) if cap.title and not cap.title_guessed else None
    if header.page is not None and title is not None:
        filled, texts, _, _ = header.page
        comments = next((p for p in range(title + 1, len(filled))
                         if chrome.is_comment_counter(texts[filled[p]]) or chrome.is_comment_form(texts[filled[p]])),
                        len(filled))
        ordered = sorted(header.dates, key=lambda c: c[1])
        zone_dates = [iso for iso, _, _ in ordered]
        scored = {line for _, line, _ in header.dates}
        found = [(iso, line, max(-3.0, min(score, 5.0)) / 3, zone_dates) for iso, line, score in header.dates]
        found += [(dates[0], k, 0.0, None) for k in filled if k not in scored and (dates := _line_dates(texts[k]))]
        for iso, line, hand, zone in found:
            marks = _date_features(header, title, filled.index(line), iso, zone, comments)
            marks |= {"hand score": hand, "readers' choice": float(iso == readers),
                      "listed again": float(iso == listed)}
            choices.append((iso, line, marks))
    if readers and not any(value == readers for value, _, _ in choices):
        choices.append((readers, None, {"readers' choice": 1.0, "no candidate": 1.0,
                                        "listed again": float(readers == listed)}))
    if listed and not any(value == listed for value, _, _ in choices):
        choices.append((listed, None, {"listed again": 1.0, "no candidate": 1.0}))
    choices.append((None, None, {"nobody": 1.0, "nobody, readers found none": float(not readers),
                                 "nobody, no date near": float(not header.dates)}))
    return choices


def _date_choice(header: Header, cap: Capture) -> tuple[str | None, dict[str, float], float] | None:
    """The likeliest date (None: nobody), its features and its chance by the fitted model, the chances of one
    day's candidates summed; None where the copy offers no date at all."""
    return _fitted_choice("date", _date_choices(header, cap), lambda value: value or "")


def _fitted_choice(kind: str, choices: list[tuple[str | None, int | None, dict[str, float]]],
                   key: Callable[[str | None], str]) -> tuple[str | None, dict[str, float], float] | None:
    """The likeliest of ``choices`` (value, line, features) by the weights fitted for ``kind``: its value (None:
    nobody), features and chance, the chances of one ``key``'s choices summed; None where "nobody" stands alone."""
    if len(choices) == 1:
        return None
    best, chance = _likeliest([weigh(kind, features) for _, _, features in choices],
                              [key(value) for value, _, _ in choices])
    value, _, features = choices[best]
    return value, features, chance


def _settle_date(cap: Capture, header: Header) -> None:
    """The post's date by the fitted model, among the dates near the headline, the readers' own, a list's and
    nobody: the hand-set scores chose the date on 77% of WCXB's dev copies and did not carry further. A choice
    less likely than not is kept with a warning (S324); where nobody is likeliest, the readers' date is kept but
    doubted (a date printed is evidence the bench cannot weigh against a page that dates nothing)."""
    choice = _date_choice(header, cap)
    if choice is None:
        return
    value, features, chance = choice
    if value is None:
        if cap.published:
            cap.published_doubt = cap.published_doubt or "no date near the headline reads as the post's"
        return
    if value != cap.published:
        cap.published, cap.published_doubt = value, None
        if features.get("update label"):                  # (an update's date is never taken as fact)
            cap.published_doubt = ("the page prints only when the post was updated, not when it was first "
                                   "published")
    if chance < _SURE_DATE:
        cap.published_doubt = cap.published_doubt or "another date the page prints is almost as likely the post's"
