"""Line readers shared by the text capture's header and thread readers.

A text capture keeps only lines; the header reader (``capture_text``, ``text_header``) and the thread
reader (``text_thread``) both ask of a line whether it is a name, a name then a date ("Martina Berg
19. Juni 2019") or a date then a name, and both turn kept lines into Markdown. One definition here keeps
the two readers agreeing on what a name line is.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence

from book.sources import chrome
from book.sources.capture import RawUnit
from book.sources.clean import escape_markdown_line, normalise_line, text_words
from book.sources.dates import WEEKDAY_WORD, FoundDate, date_line, is_date_line, relative_words
from book.sources.names import clean_name, is_anonymous

# The words that label a byline ("Posted by NAME", "Veröffentlicht von NAME", "Autor: NAME"), longer ones first:
# one list for the header's meta lines, the post's byline and a label printed on a line of its own. "vom" ("vom
# Krimiblogger") only before a word: "vom 11.02.2020" dates a printout or a news item.
BYLINE_LABEL = (r"posted by|written by|published by|veröffentlicht von|geschrieben von|verfasst von|eingestellt von|"
                r"publié par|écrit par|publicado por|escrito por|pubblicato da|scritto da|geplaatst door|"
                r"autor(?:in)?|author|auteur|autore|by|vom(?=\s+[^\W\d_])|von|par|por|door|di|"
                # other languages' bylines: Bosnian/Croatian, Indonesian, Turkish, Hungarian, Finnish, Danish and
                # Norwegian, Polish, Czech, Russian and Ukrainian, Chinese
                r"piše|napisao|napisala|penulis|oleh|yazar|szerző|írta|kirjoittaja|skrevet af|skrevet av|"
                r"autorka|автор|作者|撰文")
# An author's box under a post: "View all posts by NAME →" (WordPress, in a few languages), and "About the author"
# over the name or with it ("About the author: NAME", "Über den Autor"), or "About NAME".
ALL_POSTS_BY = re.compile(r"(?:view all posts by|more posts by|zeige alle beiträge von|alle beiträge von|"
                          r"voir tous les articles de|ver todas las entradas de|visualizza tutti gli articoli di|"
                          r"bekijk alle berichten van)\s+(?P<name>[^→»|]{2,60}?)(?:\s+anzeigen)?\s*[→»]?\s*$",
                          re.IGNORECASE)
ABOUT_AUTHOR = re.compile(r"^(?:about the author|über den autor|über die autorin|à propos de l'auteur|"
                          r"à propos de l’auteur|sobre el autor|sobre la autora|sull'autore|sull’autore|"
                          r"over de auteur)\s*:?\s*(?P<name>[^:]{3,40})?$|^about (?P<about>[^:]{3,40})$", re.IGNORECASE)
# The words that label an update ("Last updated DATE", "Aktualisiert am DATE"): that date is not the post's.
UPDATE_LABEL = (r"updated|last updated|last modified|modified|aktualisiert|zuletzt\s+(?:geändert|aktualisiert)|"
                r"mis à jour|actualizado|aggiornato|"
                # other languages': Swedish, Finnish, Turkish, Dutch, Portuguese, Czech, Polish, Russian and
                # Ukrainian, Hungarian, Indonesian, Danish, Norwegian, Chinese and Japanese, Korean
                r"uppdaterad|päivitetty|son güncelleme|güncellendi|laatste update|update|atualizado|atualização|"
                r"aktualizováno|aktualizace|zaktualizowano|aktualizacja|обновлено|оновлено|frissítve|diperbarui|"
                r"opdateret|oppdatert|bijgewerkt|更新|수정")
# The words that label a publication date ("Published DATE", "Veröffentlicht am DATE"): that date is the post's.
PUBLISHED_LABEL = (r"published|posted|publié|publiée|veröffentlicht|erstveröffentlichung|erschienen|publicado|"
                   r"pubblicato|publicerad|julkaistu|opublikowano|gepubliceerd|date|datum|fecha")
# A date's label in capitals glued to the name before it, as a theme's small capitals copy ("BY REBECCA
# NORRISPUBLISHED: JUN 25, 2025", "AMANDA FURRERUPDATED: DEC 19"): where a space belongs (:func:`unglued`).
_GLUED_LABEL = re.compile(r"(?<=[A-ZÀ-Þ]{2})(?=(?:PUBLISHED|UPDATED|POSTED|MODIFIED|VERÖFFENTLICHT|AKTUALISIERT|"
                          r"PUBLIÉ|MIS À JOUR|PUBLICADO|ACTUALIZADO|PUBBLICATO|AGGIORNATO)\s*:)")


def unglued(text: str) -> str:
    """The line with a capitals date label glued to the name before it set apart: "REBECCA NORRISPUBLISHED: JUN
    25" -> "REBECCA NORRIS PUBLISHED: JUN 25" (a copy of small capitals loses the space a line break was)."""
    return _GLUED_LABEL.sub(" ", text) if ":" in text else text


# What joins co-authors' names in a byline: commas, "and" in a few languages, both ("A, B, and C").
_CO_AUTHORS = re.compile(r"(?:,|(?<![\s,]))\s+(?:and|und|et|y|e|en|og|och|&)\s+|,\s*", re.IGNORECASE)


def co_authors(text: str) -> list[str]:
    """A byline's names, apart: "Jared Newman and Sam Singleton", "A, B, and C", "A, B und C"."""
    return _CO_AUTHORS.split(text.strip(" ,;"))


# Words of a forum's or a thread's buttons: a field holding them is no name ("Zum Antworten anmelden Zitieren").
BUTTON_WORDS = re.compile(r"\b(?:antworten|zitieren|melden|reply|quote|report|répondre|citer|responder|citar|"
                          # "follow" and "contact" buttons by a byline: Turkish, English, German, French, Spanish,
                          # Dutch, Polish, Czech, Russian, Scandinavian
                          r"tak[iİ]p et|follow|folgen|suivre|seguir|volgen|obserwuj|sledovat|подписаться|kontakt|contact)\b"
                          # an account's buttons, glued or not ("Sign InSign Up", "Log in"), in a few languages
                          r"|\b(?:sign\s?(?:in|up)|log\s?(?:in|out)|anmelden|registrieren|se connecter|s'inscrire|"
                          r"iniciar sesión|registrarse|accedi|registrati|inloggen|zaloguj)",
                          re.IGNORECASE)
_LIST_ITEM = re.compile(r"^(?:\d{1,3}[.)]|[-*+•◦▪])\s+\S")
# The prefixes a forum puts before a reply's subject ("Re: SUBJECT", German "AW:", Scandinavian "SV:", Dutch "Antw:",
# Italian "Rif:", French "Rép:"): one list for every reader of subjects.
REPLY_PREFIX = r"(?:re|aw|sv|antw|rif|rép)"
# A quotation's head naming the quoted writer: "Quote from: NAME on DATE" (English, German, French, Spanish), and
# "NAME wrote:" in a few languages. One set of words for the reader of posters' blocks (``forum_text``, names the
# quotations show) and the reader of a reply's quotation (``text_quotes``, the message it answers).
QUOTE_FROM = r"(?:quote from|zitat von|citation de|cita de)"
QUOTE_ON = r"(?:on|am|le|el)"          # "… on DATE", "… am DATE", "… le DATE", "… el DATE"
QUOTE_WROTE = r"(?:wrote|said|schrieb|sagte|a écrit|escribió|ha scritto|schreef)"
SENTENCE_END = re.compile(r"[.!?…\"”»。！？]\s*\S{0,4}$")
# Who opened a forum thread, as the programs label it, before the name ("Thread starter NAME", "Started by NAME",
# XenForo's "Discussion in 'FORUM' started by NAME, DATE") or after it (a forum platform's "NAME Discussion
# starter", "NAME Topic starter"): one list for the post's author (``text_header.thread_starter``), the names a
# page gives its posters and the label a poster's block prints by the name (``forum_blocks``, which also reads
# the abbreviation "OP": alone, "Volg ons op" and "OP posts:" read so too). Only "thread starter" and "started
# by" stand before a name: wpForo's "Topic starter Postado : DATE" is a badge before the date's label.
STARTER_LABEL = r"(?:thread|discussion|topic)\s+starter|original\s+poster"
STARTER_BEFORE = re.compile(r"^(?:thread\s+starter|(?:discussion\s+in\s+.{1,80}?\s+)?started\s+by)\s*:?\s+"
                            r"(?P<name>[^,;:]{1,60}?)(?:[,;:]|\s*$)", re.IGNORECASE)
STARTER_AFTER = re.compile(rf"^(?P<name>\S.{{0,40}}?)\s+(?:{STARTER_LABEL})$", re.IGNORECASE)
# A letter of Chinese, Japanese (kana) or Korean: names and sentences there are counted by letters, not words.
CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


_MARKED = re.compile(r"^\s*>\s?(?P<words>.*)$")


def marked_quotation(lines: list[str]) -> list[str] | None:
    """The words of the "> "-marked lines a reply opens with (a quotation set as e-mail sets it), one entry a line;
    None where its first filled line is not marked. One reader for the thread's parents from quoted words
    (``text_thread``) and for a reply's leading quotation (``text_quotes``)."""
    filled = [line for line in lines if line.strip()]
    if not filled or _MARKED.match(filled[0]) is None:
        return None
    marked = []
    for line in filled:
        if (match := _MARKED.match(line)) is None:
            break
        marked.append(match.group("words").strip())
    return marked


def folded_words(text: str) -> str:
    """The words of ``text`` in order, case folded, one space apart: spacing, markup escapes and punctuation differ
    between a message and its quotation, or a reading's line and the block holding it."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def name_key(name: str) -> str:
    """A writer's name as two are compared (:func:`same_name`), spacing and case aside: the one key for a table
    of writers, so that a look-up and a comparison never disagree."""
    return " ".join(name.split()).casefold()


def same_name(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and name_key(a or "") == name_key(b or "")


def same_writer(author: str | None, quoted: str) -> bool:
    """A quotation's name is the writer's: ``same_name``, or one name's words the start of the other's (a rank or
    a member number glued to the name on one side: "tr8todd Dork", "Marshal Mo Hare, SASS #45984")."""
    a, q = folded_words(author or "").split(), folded_words(quoted).split()
    if not a or not q:
        return False
    short, long = (a, q) if len(a) <= len(q) else (q, a)
    return long[: len(short)] == short


def written_by(units: Sequence[RawUnit], name: str, among: Iterable[int] | None = None,
               same: Callable[[str | None, str], bool] = same_name) -> Iterator[int]:
    """The units by ``name`` among ``among`` (unit indices, latest first; by default every unit after the post,
    latest first): one reading of "the writer's latest comment" for a reply line ("@NAME") and a quotation's head."""
    for index in among if among is not None else range(len(units) - 1, 0, -1):
        if same(units[index].author, name):
            yield index


def line_key(text: str) -> str:
    """A line as compared with another: case, spacing and the punctuation around it aside."""
    return " ".join(text.casefold().split()).strip(" .:|-–—")


@functools.lru_cache(maxsize=8192)
def name_date(line: str) -> tuple[str, FoundDate] | None:
    """"Martina Berg 19. Juni 2019", "JanBeek Jun 20th at 2:41 am", "Name | 11.09.2011 23:31": a name, then a date."""
    line = line.strip()
    if len(line) > 140 or date_line(line) is not None:
        return None
    glued = _GLUED_DATE.search(line)                  # "TomaszMarch 5, 2014 at 10:12 AM": no space was copied
    if glued and (found := date_line(line[glued.start():])) is not None and name_or_nobody(line[: glued.start()]):
        return line[: glued.start()].strip(), found
    day = _GLUED_DAY_FIRST.search(line)               # "Anonyme25 janvier 2017 à 10:51" (Blogger): a day-first date
    if day and (found := date_line(line[day.start():])) is not None and name_or_nobody(line[: day.start()]):
        return line[: day.start()].strip(), found
    iso = _GLUED_ISO.search(line)                     # "王寂寥2018-07-28 08:06:55": a year-first date glued to the name
    if iso and (found := date_line(line[iso.start():])) is not None \
            and name_or_nobody(name := _SIGNATURE.sub("", line[: iso.start()]).strip() or line[: iso.start()]):
        return name.strip(), found
    words = line.split()
    for k in range(1, min(len(words), 12)):
        tail = " ".join(words[k:])
        found = date_line(tail)
        if found is None and relative_words(tail):
            found = FoundDate(None, tail)            # "u/NAME · 7d", "NAME 3h": a compact age beside the name
        if found is None:
            continue
        cut = k - 1 if k > 1 and _WEEKDAY_COMMA.match(words[k - 1]) and date_line(" ".join(words[k - 1:])) is None \
            else k                                    # "NAME Wed, 12/03/2025 - 02:42": the weekday is the date's
        head = re.sub(r"\s*(?:[|·•–—»,-]|\b(?:on|at|am|um|le|el|il|op|den))\s*$", "", " ".join(words[:cut]), flags=re.I)
        head = re.sub(r"\s+#\d{1,6}$", "", head)      # "NAME #3 1 月前": the reply's number, not the name
        head = re.sub(r"\s+(?:said|wrote|commented|replied|edited|schrieb|sagte|meinte|antwortete|bearbeitet|dit|"
                      r"a écrit|escribió|scrisse)$", "", head, flags=re.I)  # "Lisa schrieb am DATE:", "NAME edited 1 year ago"
        if name_or_nobody(head, words=8) and not _UPDATE_LABEL.match(head):
            return head.strip(), found
    return None


_WEEKDAY_COMMA = re.compile(rf"^{WEEKDAY_WORD}[^\W\d_]*\.?,$", re.IGNORECASE)

# "Last updated on DATE", "Zuletzt aktualisiert am DATE": an update's label before its date, never a name.
_UPDATE_LABEL = re.compile(rf"^(?:{UPDATE_LABEL}|(?:last\s+)?edited|zuletzt\s+bearbeitet)$", re.IGNORECASE)


def date_name(line: str) -> tuple[str, FoundDate] | None:
    """"June 21, 2018 at 7:52 pm Timothy Sykes": a comment header that prints the date first, then the name, on one
    line (the name after the clock time, which ends the date)."""
    line = line.strip()
    if len(line) > 140 or date_line(line) is not None:
        return None
    words = line.split()
    for k in range(len(words) - 1, 0, -1):
        head, tail = " ".join(words[:k]), " ".join(words[k:])
        if not _CLOCK_END.search(head) or (found := date_line(head)) is None:
            continue
        if name_or_nobody(tail, words=8) and not _UPDATE_LABEL.match(tail):
            return tail, found
        return None
    return None


_CLOCK_END = re.compile(r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?$", re.IGNORECASE)


_GLUED_ISO = re.compile(r"(?:(?<=[^\W\d_])|(?<=[)）]))(?=(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2}\b)")
# "cope(时间是固定的)2017-11-10": the member's signature in brackets between the name and the date, not the name
_SIGNATURE = re.compile(r"\s*[(（][^()（）]*[^\W\d_][^()（）]*[)）]$")
_GLUED_DATE = re.compile(r"(?<=[a-zà-ÿ.)])(?=(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d)")
_GLUED_DAY_FIRST = re.compile(r"(?<=[^\W\d_])(?=\d{1,2}\.?\s+[^\W\d_]{3,}\.?\s+\d{4}\b)")   # a day, its month's word, a year


def name_or_nobody(text: str, words: int = 6) -> bool:
    """A name, or the word a page prints for nobody ("Anonymous", "Guest")."""
    return name_like(text, words) or is_anonymous(text)


@functools.lru_cache(maxsize=8192)
def name_like(text: str, words: int = 6) -> bool:
    """Short, no sentence, not furniture: a name as comment headers print it."""
    text = text.strip()
    if not text or len(text) > 60 or text_words(text) > words or chrome.is_chrome_line(text):
        return False
    if re.search(r"[.!?…:;。！？：；]$", text) and not re.search(r"\b[A-Z]\.$", text) \
            or re.match(r"^[-–—~>•*\[({【「（『]", text) or is_date_line(text):     # full-width stops and brackets too
        return False
    if re.search(r"\S:\s+\S", text):
        return False            # "Horóscopo do dia: previsões para": a headline and its subtitle, no name
    return clean_name(text) is not None


def next_filled(lines: list[str], j: int) -> int | None:
    for k in range(j + 1, min(len(lines), j + 4)):
        if lines[k].strip():
            return k
    return None


def word_list(line: str) -> bool:
    """"Resilient, Declarative, Contextual", "Forschung, Projekte, Sprachpunkt": words listed with commas (a
    headline, a post's categories), never a person's name ("Reuters, Washington," is a name and a place)."""
    items = [item.strip() for item in line.strip().rstrip(",").split(",")]
    return len(items) >= 3 and all(1 <= len(item.split()) <= 2 for item in items)


# ------------------------------------------------------------------ Markdown

def plain_lines(lines: list[str]) -> list[str]:
    """Lines without the indentation shared by the block (spacing inside lines kept)."""
    body = [line for line in lines if line.strip()]
    if not body:
        return []
    margin = min(len(line) - len(line.lstrip()) for line in body)
    return [line[margin:] if line.strip() else "" for line in lines]


def lines_to_markdown(lines: list[str]) -> str:
    """Text lines to Markdown: blank lines and separate lines become paragraphs, lists stay lists.

    A block of hard-wrapped lines (a line not ending a sentence, the next one
    starting in lower case) is joined into one paragraph.
    """
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(normalise_line(line))
        elif blocks[-1]:
            blocks.append([])
    out: list[str] = []
    for block in blocks:
        out.extend(_block_to_markdown(block))
    return "\n\n".join(part for part in out if part)


def _block_to_markdown(block: list[str]) -> list[str]:
    parts: list[str] = []
    items: list[str] = []
    for line in block:
        if _LIST_ITEM.match(line):
            items.append(re.sub(r"^[•◦▪]\s+", "- ", line))
            continue
        if items:
            parts.append("\n".join(items))
            items = []
        if parts and _soft_wrapped(parts[-1], line):
            parts[-1] = parts[-1] + " " + line
        else:
            parts.append(escape_markdown_line(line))
    if items:
        parts.append("\n".join(items))
    return parts


def _soft_wrapped(previous: str, line: str) -> bool:
    return (40 <= len(previous.rsplit("\n", 1)[-1]) <= 100 and not re.search(r"[.!?:;\"”’)]$", previous)
            and line[:1].islower())


def title_case(line: str) -> bool:
    """Four in five of the line's longer words capitalised: a headline's typography (German prose capitalises
    its nouns only), as a teaser's title or a widget's entry prints it, never a comment's sentence."""
    words = [w for w in line.split() if len(w) >= 4 and w[0].isalpha()]
    return len(words) >= 3 and 5 * sum(w[0].isupper() for w in words) >= 4 * len(words)
