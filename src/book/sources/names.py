"""Author names as pages print them, made clean: no labels, verbs, dates, badges or buttons.

A comment header is often read as one string: "Author Daniel Lemire" (a
screen-reader label), "Jasmin says: January 20, 2020 at 11:27 am",
"Martina BergAutor 19. Juni 2019 / 6:16", "Anna 19. Juni 2018 um 15:28 Uhr -
Antworten". :func:`clean_name` keeps the name and nothing else; it returns
None when nothing that can be a name is left.
"""

from __future__ import annotations

import re

from book.sources.clean import normalise_line
from book.sources.dates import find_date, is_date_line

_PREFIX = re.compile(
    r"^(?:(?:posted|written|published|created|article|story|text|words|recipe|comment(?:ed)?|submitted|soumis|beitrag|kommentar|"
    r"geschrieben|veröffentlicht|erstellt|gespeichert|eingestellt|verfasst|publié|créé|escrito|creado|scritto)\s+)?"
    r"(?:by|von|par|door|por|di|av|af|przez|от|автор|authors?|autor|auteur|autore|auteur·e|"
    r"view all posts by|all posts by|posts by|more by|more from)(?:\s*:\s*|\s+|\s*$)",
    re.IGNORECASE,
)
# A date before the byline's "by": "Published on December 2nd, 2025 by NAME", "Updated: Jan 3, 2024 | By NAME".
_DATED_BY = re.compile(r"^(?:(?:posted|published|written|updated|last updated|veröffentlicht|publié|publicado)\s*:?\s+)?"
                       r"(?:on\s+|am\s+|le\s+|el\s+)?(?P<date>[^|•·]{6,40}?)\s*[,|•·–—-]?\s+"
                       r"(?:by|von|par|por|door)\s*:?\s+(?P<name>\S.*)$", re.IGNORECASE)
# A byline's label with nothing after it: the name was an empty link or an image.
_OPEN_LABEL = re.compile(r"(?:^|\s)(?:written|posted|published|geschrieben|veröffentlicht)\s+(?:by|von)\s*:?$", re.IGNORECASE)
# The verb that follows a commenter's name, in the languages themes ship: everything after it is metadata.
_SAYS = re.compile(r"\s+(?:hat gesagt|hat geschrieben|ha detto|zei|says|said|wrote|writes|sagt|schreibt|meint|denkt|kommentierte|dit|a écrit|écrit|dice|scrive|"
                   r"zegt|schreef|skriver|skrev|pisze|napisał|disse|diz|comenta|escribió|kirjoitti|"
                   r"schrieb|sagte|commented|replied|responded|a dit|a commenté|ha scritto|ha commentato|escribe|"
                   r"dijo|comentó|respondió|escreveu|comentou|respondeu|reageerde|пишет|написал|написала|"
                   r"говорит|сказал|сказала)\b\s*(?::.*|…|\.\.\.)?$"
                   # Chinese and Japanese glue the verb to the name, and then a colon: "张三说：", "山田さんが書きました："
                   r"|(?<=\S)\s*(?:说|說|写道|寫道|表示|回复|回覆|が書きました|さんのコメント)\s*[:：]\s*$")
_MONTH_WORD = (r"(?:jan|feb|m[aä]r|apr|ma[iyj]|jun|jul|aug|sep|o[ck]t|nov|de[cz]|januar|februar|märz|juni|juli|"
               r"oktober|dezember|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|"
               r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)")
_DATE_TAIL = re.compile(     # after some name: "Maria 6. August 2018" is Maria, not the month "Mar…"
    rf"(?<=\S)(?:\s*[,|·•–—-]\s*|\s+)(?:(?:on|am|le|el|il|op|den|vom)\s+)?(?:"
    rf"\d{{1,2}}\.?\s*{_MONTH_WORD}\w*\.?\s+\d{{2,4}}"          # 19. Juni 2018
    rf"|{_MONTH_WORD}\w*\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b"       # Jun 20th, June 3, 2019
    rf"|\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{1,4}}"                   # 11.09.2011, 2019-06-19
    rf"|\d{{1,2}}\.\d{{1,2}}\.?,\s*\d{{4}}"                        # 17.07, 2011
    rf"|\d{{1,2}}:\d{{2}}"                                       # a time alone
    rf"|(?:(?:about|over|almost|nearly)\s+)?(?:\d+|an?|one)\s+(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?)\s+ago"
    rf").*$",
    re.IGNORECASE,
)
_FURNITURE = re.compile(     # a word of its own: "wordpressadmin" is a name, not "wordpress" and a badge, and
    #                          so is a login joined by a hyphen ("bga-admin"); "Kim - Admin", "Kim | Reply" are not
    r"(?:(?<!\s)\s*[|·•–—]\s*|(?<!\s)\s*-\s+|(?<!\s)\s+(?:-\s*)?|^)(?:(?<!\w)(?:reply|quote|zitieren|citer|citar|antworten|répondre|responder|rispondi|"
    r"beantwoorden|svara|odpowiedz|log in to reply|"
    r"like|liked by \d+ (?:people|person)|\d+ likes?|gefällt mir|j'aime|edit|delete|report|permalink|"
    r"autor|author|auteur|admin|administrator|moderator|mod|verified|post author|blog author)|"
    r"\(?(?:the )?(?:blog )?(?:owner|host)\)?)\s*$",
    re.IGNORECASE,
)
# A status after the name: "John Plunkett. Updated November 3rd, 2023", "Dominique — veröffentlicht 28.01.2022".
_STATUS_TAIL = re.compile(
    r"(?<=\w)\s*[.,|·•–—-]?\s+(?:last\s+)?(?:updated|published|posted|modified|veröffentlicht|aktualisiert|"
    r"publié|mis à jour|publicado|actualizado|pubblicato|aggiornato|gepubliceerd|bijgewerkt)\b.*$",
    re.IGNORECASE,
)
# Contributors in parentheses: "Martin Untersinger (avec Damien Leloup et Morgane Tual)" names its writer first.
_WITH_TAIL = re.compile(r"\s*\((?:with|avec|mit|con|met|com|z|med)\s[^)]*\)\s*$", re.IGNORECASE)
# An agency after a slash: "Peter Maahn/SP-X", "Anna Muster / AFP".
_AGENCY_TAIL = re.compile(r"^(\S+\s+[^/]*?[a-zà-ÿ])\s*/\s*[A-Z][A-Z0-9-]{1,9}$")
# A label before the name: "Текст: Лида Буслаева", "Text: Anna Muster", "Words: …".
_LABEL = re.compile(r"^(?:text|texte|texto|testo|tekst|текст|words|reporting|report|story|interview)\s*:\s+",
                    re.IGNORECASE)
# A handle glued to the name ("Alissa Wilkinson@alissamarie") belongs to a link beside it.
_HANDLE_TAIL = re.compile(r"\s*@\w{2,}\s*$")
# Where the writer filed or writes from: "Felipe Pereira, em Porto Alegre", "Anna Muster, in Berlin", and a
# reader's "Celeste from Los Angeles" (a news site's comment header).
_PLACE_TAIL = re.compile(r"(?:,\s+(?:em|in|en|à|a|au|aus|no|na|nos|nas|dans|from)|\s+from)\s+[A-ZÀ-Þ][\w'.-]*"
                         r"(?:,?\s+[\w'.-]+){0,3}$")
# What is left of a credit once its place is gone: "Do UOL, em Porto Alegre" is the outlet's desk, no writer.
_FROM_CREDIT = re.compile(r"^(?:do|da|dos|das|from|del|della|du|von|vom|aus)\s+\S", re.IGNORECASE)
# What a thread prints after the commenter's name about the thread: "Chuck Patterson Reply to TMS" (wpDiscuz's
# header read whole), a counter ("Mary · 3 comments", "Jon 120 posts").
_REPLY_TO_TAIL = re.compile(r"\s+(?:in\s+)?(?:reply|replying|replied)\s+to\b.*$|\s+(?:antwort auf|en réponse à|en respuesta a|"
                            r"respuesta a|in risposta a|em resposta a|als antwoord op)\s.*$", re.IGNORECASE)
_COUNTER_TAIL = re.compile(r"(?<=\S)\s*[·•|,–—-]?\s+\d[\d,.]*\s*[kK]?\s+(?:comments?|posts?|replies|likes?|points?|"
                           r"reactions?|kommentare|beiträge|antworten|commentaires|messages|comentarios|mensajes)$",
                           re.IGNORECASE)
# A badge in brackets or set apart after the name: "Mary (OP)", "Jo [Moderator]", "Kim · Guest", "Tom | Top Commenter".
_BADGE_WORDS = (r"op|original poster|author|autor|auteur|autore|admin|administrator|moderator|mod|staff|guest|gast|"
                r"invité|invitado|ospite|member|mitglied|verified(?: (?:buyer|user|owner|reader))?|post author|"
                r"blog author|owner|host|top commenter|top fan|subscriber|abonnent|team|editor|redaktion")
_BRACKETED_BADGE = re.compile(rf"\s*[(\[](?:{_BADGE_WORDS})[)\]]\s*$", re.IGNORECASE)
_SET_APART = "[|·•–—]"     # what sets a badge apart after the name (a hyphen too, for "Staff" alone)
_SET_APART_BADGE = re.compile(rf"\s*{_SET_APART}\s*(?:{_BADGE_WORDS})\s*$", re.IGNORECASE)
# "Staff" is a badge only when set apart ("Jane · Staff", "Jane - Staff"); "Our Foreign Staff", "Post Staff" are
# bylines. Its own pattern is the set-apart one with a hyphen, taken off before the tails :func:`clean_name` cuts.
_STAFF_BADGE = re.compile(rf"\s*(?:{_SET_APART}|-)\s*staff\s*$", re.IGNORECASE)
_SPACED_OP = re.compile(r"(?<=\w)\s+OP$")      # Reddit and Lemmy's original-poster mark, upper case only
_GLUED_BADGE = re.compile(r"(?<=[a-zäöüß])(?:Autor|Author|Auteur|Admin|Moderator)$")
_FUNCTION_WORDS = {"am", "um", "an", "on", "at", "in", "le", "la", "el", "il", "op", "den", "der", "die", "das", "de",
                   "du", "by", "von", "par", "por", "the", "and", "und", "et"}
_ANONYMOUS = {"anonymous", "anonym", "anonyme", "anónimo", "anonimo", "unknown", "guest", "gast", "anon",
              "a reader", "admin", "reader", "user", "deleted", "[deleted]", "unbekannt", "unbekannter nutzer",
              "unbekannter benutzer", "unknown user", "anonymous user", "deleted user", "gelöschter nutzer",
              "gelöschter benutzer", "invité", "utilisateur inconnu", "utente anonimo", "usuario anónimo",
              # the word for nobody in other languages blogs are written in: Polish, Turkish and Romanian, Dutch,
              # Portuguese, Finnish, Swedish, Hungarian, Czech, Russian and Ukrainian; Polish and Turkish "guest"
              "anonim", "anonimowy", "anoniem", "anônimo", "anonyymi", "anonym användare", "névtelen", "anonymní",
              "аноним", "анонім", "gość", "misafir", "ziyaretçi",
              # Spanish and Italian feminine forms, Chinese, Japanese ("nameless"), Korean, Vietnamese; Slashdot's
              "anónima", "anonima", "anonyma", "匿名", "匿名用户", "匿名用戶", "匿名さん", "名無し", "名無しさん", "익명",
              "ẩn danh", "anonymous coward"}


def clean_name(raw: str | None, limit: int = 80, handle: bool = True) -> str | None:
    """The name inside a byline or comment header, or None when there is none (or it is over ``limit``
    characters: a person's name is short; a pingback's title, read with a larger limit, is not).

    ``handle=False`` says the raw text is one name as its element prints it ("Paula@SweetPea", a link's
    whole text): an ``@`` glued to it is part of the display name, not a handle from a link beside it."""
    if not raw:
        return None
    name = normalise_line(re.sub(r"\s+", " ", raw)).strip()
    name = re.sub(r"^#+\s*", "", name)
    name = re.sub(r"^@(?=[\w.-]{2,40}$)", "", name)    # a handle alone ("By @sdfasdf", Talkyard) is the name
    name = _after_dated_label(name)
    for _ in range(3):
        before = name
        name = _LABEL.sub("", _PREFIX.sub("", name)).strip()
        name = _STAFF_BADGE.sub("", _HANDLE_TAIL.sub("", name) if handle else name).strip()
        name = _COUNTER_TAIL.sub("", _REPLY_TO_TAIL.sub("", name)).strip()
        name = _SPACED_OP.sub("", _SET_APART_BADGE.sub("", _BRACKETED_BADGE.sub("", name))).strip()
        name = _SAYS.sub("", name).strip()
        name = _WITH_TAIL.sub("", _STATUS_TAIL.sub("", name)).strip()
        name = _AGENCY_TAIL.sub(r"\1", name).strip()
        name = _DATE_TAIL.sub("", name).strip()
        name = _FURNITURE.sub("", name).strip()
        name = _GLUED_BADGE.sub("", name).strip() if " " in name else name   # "AutoModerator": one handle
        name = name.strip(" :|,;·•-–—").strip()
        if name == before:
            break
    if (placed := _PLACE_TAIL.search(name)) is not None and (placed.group().startswith(",") or limit <= 80):
        # (read as a title, "Letters from Iwo Jima" keeps its place)
        name = name[:placed.start()].strip()
        if _FROM_CREDIT.match(name):
            return None
    found = find_date(name)
    if found is not None and found.text:
        name = name[: name.find(found.text)].strip(" :|,;·•-–—") if found.text in name else name
    if not name or len(name) > limit or name.casefold() in _ANONYMOUS or not re.search(r"\w", name) \
            or is_date_line(name):
        return None
    if _OPEN_LABEL.search(name):
        return None     # "Jun 2 Written By <a></a>": the label of a byline whose name link is empty
    if name.casefold() in _FUNCTION_WORDS:
        return None     # "von <a></a> am 20.06.2018": a byline whose name is empty
    if re.fullmatch(r"[\d\s:./-]+", name) or re.match(r"(?:on|in|at|from|to|for|with|the)\s", name):
        return None     # "on Deadspin": where the story ran, not who wrote it; "By the Web": a menu entry
    return name


def _after_dated_label(text: str) -> str:
    """What follows "by" when a date (and a status word) comes first: "Published on December 2nd, 2025 by
    Chen Zhao" names Chen Zhao; cutting the date off the end instead would leave "Published"."""
    match = _DATED_BY.match(text)
    if match is None or not is_date_line(match["date"]):
        return text
    return match["name"]


def is_anonymous(raw: str | None) -> bool:
    return bool(raw) and normalise_line(raw).strip().casefold() in _ANONYMOUS
