"""The comment thread of a text capture: where it starts and ends, its comments, their authors and parents.

Split out of ``capture_text`` (which reads the page's title, byline and post) so that each reader can be
read on its own. A counter such as "30 Comments" starts the thread; bullets, "Name says:" headers, date
lines and "Reply" links delimit the comments; indentation, Blogger's replies blocks, quotations, "@NAME"
and the thread's chronology give the nesting of replies; "Leave a Comment" ends the thread.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from dataclasses import dataclass

from book.sources import chrome, spam
from book.sources.attribution import explicit_author, greeting
from book.sources.capture import Capture, RawUnit
from book.sources.clean import text_words
from book.sources.dates import FoundDate, date_line, find_date, relative_moment
from book.sources.names import clean_name, is_anonymous
from book.sources.text_lines import (SENTENCE_END, date_name, folded_words, lines_to_markdown, marked_quotation,
                                     name_date, name_key, name_like, name_or_nobody, next_filled, plain_lines,
                                     same_name, written_by)
from book.sources.text_parents import Reply, nest

_HINTS = 3                  # a named parent's writer's other comments a reply may answer instead (:func:`_nest`)
_BULLET = re.compile(r"^(?P<indent>\s*)(?P<mark>[•◦▪▫●○∙‣⁃·])\s+(?P<rest>.*)$")
_PINGBACK = re.compile(r"^(?:\[(?:…|\.\.\.)\]|(?:pingback|trackback|ping)\s?:)", re.IGNORECASE)   # "Ping:" on some themes
# "In reply to NAME" over a reply's text, in the languages themes ship ("Antwort auf", "En réponse à", "Replying to")
_IN_REPLY_TO = re.compile(r"^(?:in reply to|replying to|antwort auf|als antwort auf|en réponse à|"
                          r"in risposta a|en respuesta a|em resposta a|als antwoord op|svar till|odpowiedź na)"
                          r"\s*:?\s+@?(?P<name>\S.{0,80}?)\.?$", re.IGNORECASE)
# "对 NAME #3 回复" (in reply to NAME's #3), "回复 NAME:": a Chinese forum's reply line over the reply's text
_CJK_REPLY_TO = re.compile(r"^(?:对\s*(?P<to>\S.{0,40}?)(?:\s*#\d{1,6})?\s*(?:的)?回复|(?:回复|回覆)\s*@?(?P<at>\S.{0,40}?)"
                           r"(?:\s*#\d{1,6})?\s*[:：])$")


def thread_bounds(lines: list[str], i: int) -> tuple[int, int]:
    """Where the comment thread starts (the counter line) and ends (the comment form)."""
    counters = [j for j in range(i, len(lines))
                if chrome.is_comment_counter(lines[j]) or _COUNTER_INVITING.match(lines[j].strip())]
    start = counters[0] if counters else None
    if start is not None and not _header_follows(lines, start):
        again = chrome.counted(lines[start])      # "1 Comment on …" in the meta line, "1 reply on …" over the thread
        start = next((j for j in counters[1:] if chrome.counted(lines[j]) == again and _header_follows(lines, j)),
                     start)
        if not _header_follows(lines, start) and not _form_follows(lines, start) \
                and (headed := _first_of_headers(lines, i)) is not None \
                and (headed < start or any(len(lines[k].split()) >= 12 for k in range(start + 1, headed))):
            start = headed      # "48 mental poops:" over the thread, the sidebar's "Comments" feed link counted;
                                # "124 Comments" by the lede, the post's text under it: the thread starts at its
                                # first header (buttons alone between counter and header leave the counter the start)
    if start is None:
        for j in range(i, len(lines)):
            if _BULLET.match(lines[j]) and len(lines[j]) - len(lines[j].lstrip()) > 0 and _all_bullets_after(lines, j):
                start = j
                break
    if start is None:
        start = _first_of_headers(lines, i)
    end = len(lines)
    said = False                          # "Comments are closed." right under the counter ends nothing yet
    for j in range(start if start is not None else i, len(lines)):
        if said and _CLOSED.match(lines[j].strip()):
            end = j             # "Die Kommentarfunktion für diesen Artikel ist deaktiviert." under the comments
            break
        if chrome.is_comment_form(lines[j]) and (said or start is None or not _CLOSED.match(lines[j].strip())) \
                and not (not said and len(lines[j].split()) <= 3 and _header_follows(lines, j, reach=8)):
            end = j             # an "Add Comment" button over the comments (headers follow it) ends nothing
            break
        said = said or j != start and len(lines[j].split()) >= 5
    if start is None or start == end:
        start, end = _after_form(lines, i, start, end)
    if start is None:
        start = end
    return start, end


def _form_follows(lines: list[str], j: int) -> bool:
    """The comment form right under the counter: a thread with no comments yet ("Comments" / "Leave a Reply")."""
    k = next_filled(lines, j)
    return k is not None and chrome.is_comment_form(lines[k])


def _after_form(lines: list[str], i: int, start: int | None, end: int) -> tuple[int | None, int]:
    """wpDiscuz and others put the comment form above the thread: a form whose fields are followed by
    comments of the name-over-text-over-date shape starts the thread; the next form (or the page) ends it."""
    forms = [j for j in range(i, len(lines)) if chrome.is_comment_form(lines[j])]
    for n, form in enumerate(forms):
        stop = forms[n + 1] if n + 1 < len(forms) else len(lines)
        if _footer_dated(lines[form + 1:stop], None, preamble=True) is not None:
            return form, stop
    return start, end


def _header_follows(lines: list[str], j: int, reach: int = 3) -> bool:
    """A comment header within the next few filled lines: the counter heading the thread, not the "1 Comment"
    link in the post's meta line (WordPress themes print both, the link first, with the same count)."""
    k: int | None = j
    for _ in range(reach):
        k = next_filled(lines, k) if k is not None else None
        if k is None:
            return False
        header = comment_header(lines, k, said_style=False)
        if header is not None and header.name:
            return True
    return False


def thread_top(lines: list[str], limit: int) -> int:
    """The first line (among the first ``limit``) of a counter heading a thread, a comment header right under it
    ("7 Comments" / NAME / DATE): nothing from there on is the post's header; ``limit`` when there is none."""
    return next((j for j in range(min(limit, len(lines))) if (chrome.is_comment_counter(lines[j])
                 or _COUNTER_INVITING.match(lines[j].strip())) and _header_follows(lines, j)), limit)


_COUNTER_INVITING = re.compile(r"^\d{1,5}\s+(?:leser-?)?(?:kommentare|comments|commentaires|comentarios|commenti|reacties)"
                               r"\s+(?:-\s+)?[A-ZÄÖÜ](?=[^.!?]*\s(?-i:[a-zäöüß]{2,})\b)[^.!?]{3,80}[.!?]?$",
                               re.IGNORECASE)   # "33 LESER-KOMMENTARE Geben Sie jetzt …", not a row of share buttons


_CLOSED = re.compile(r"^(?:comments are closed|die kommentarfunktion (?:\S+\s+){0,4}?(?:ist|wurde)|kommentare sind|"
                     r"les commentaires sont|los comentarios están|i commenti sono|reacties zijn)", re.IGNORECASE)


def _first_of_headers(lines: list[str], i: int) -> int | None:
    """No counter: the thread starts at the first of two or more comment headers ("NAME DATE", a name line then a
    date line) after some of the post's text, each followed by text."""
    seen_text = False
    found: list[int] = []
    j = i
    while j < len(lines):
        line = lines[j].strip()
        if not line:
            j += 1
            continue
        header = comment_header(lines, j, said_style=False) if seen_text else None
        if header is not None and header.kind == "comment" and header.name \
                and (k := next_filled(lines, j + header.lines - 1)) is not None and text_words(lines[k]) >= 3:
            found.append(j)
            j += header.lines
            continue
        if text_words(line) >= 12:
            seen_text = True
        j += 1
    return found[0] if len(found) >= 2 else None


def _all_bullets_after(lines: list[str], j: int) -> bool:
    """Indented bullets running to the end of the page are a thread, not a list in the post."""
    for line in lines[j:]:
        if line.strip() and not line.startswith((" ", "\t")) and not chrome.is_chrome_line(line):
            return False
    return True


class OpenComment:
    """A comment being read: its start line's indentation and what it has gathered."""

    def __init__(self, indent: int, author: str | None = None, date: str | None = None,
                 date_text: str | None = None, kind: str | None = None) -> None:
        self.indent = indent
        self.author = author
        self.date = date
        self.date_text = date_text
        self.kind = kind
        self.lines: list[str] = []
        self.reply_to: str | None = None
        self.block_parent: OpenComment | None = None     # the comment above a Blogger "Replies" block
        self.index: int | None = None              # its unit, once emitted
        self.levelled = False                      # opened by "level N" (new Reddit)
        self.closing: str | None = None            # Blogger's buttons under it: "top" (Reply, Delete) or "reply" (Delete)
        self.head: str | None = None               # a pingback's header line: its text when nothing follows it
        self.subject: str | None = None            # a subject line over the header: listed as dropped
        self.stamp: str | None = None              # the line(s) its date was read from, with the clock time
        self.reply_subject: str | None = None      # the first words of the comment it answers ("In reply to …")
        self.marked_reply = False                  # a "parent" link among its header's or buttons' words
        self.reply_button = False                  # a "Reply" button under it (none at the theme's deepest level)

    def has_body(self) -> bool:
        return any(line.strip() for line in self.lines)


FURNITURE = {"reply", "reply ↓", "delete", "antworten", "antworten ↓", "répondre", "responder", "rispondi", "beantwoorden",
              "svara", "odpowiedz", "reageren", "report", "edit", "like", "permalink", "reply to this comment",
              "gefällt mir", "j'aime", "me gusta", "mi piace", "embed", "save", "share", "give award",
              "reply with quote", "quote", "translate", "übersetzen", "traduire", "zitieren",
              "回复", "回覆", "删除", "刪除", "返信", "답글", "답글 달기", "삭제",
              # Discuz!'s buttons and floor labels around each message
              "举报", "舉報", "收藏", "发消息", "發消息", "电梯直达", "電梯直達", "楼主", "樓主", "沙发", "沙發", "板凳",
              "地板", "只看该作者", "倒序浏览", "阅读模式", "返回列表", "快速回复", "返回顶部"}
_GLUED_BUTTONS = re.compile(r"^\d*\s*(?:(?:Reply|Share|Like|Delete|Report|Edit|Flag|Antworten|Teilen)\s*(?:›|•)?\s*){2,}$")
COUNTS = re.compile(r"^(?:[+-]?\d{1,6}|#\d{1,5}|\d{1,4}\.|[•·|›])$")     # votes, "#3", a comment's number "3."
_AVATAR = re.compile(r"^(?:(?:avatar|gravatar|profile (?:photo|picture|image)|profilbild|photo de profil|foto de perfil)"
                     r"\s+(?:of|for|von|de|di|van)\s+\S.{0,50}|\S.{0,50}?['’]s? (?:avatar|gravatar|profile (?:photo|picture)))$",
                     re.IGNORECASE)   # an avatar's alt text, copied as a line: "Avatar of NAME", "NAME's avatar"
_BUTTON_WORDS = re.compile(
    r"zum antworten anmelden|log in to reply|daumen hoch|daumen runter|thumbs up|thumbs down|antworten|reply|"
    r"report abuse|link to this|permalink|"
    r"répondre|responder|rispondi|zitieren|quote|citer|citar|melden|report|signaler|denunciar|segnala|like|dislike|"
    r"gefällt mir|j'aime|me gusta|teilen|share|\d+|[#•·|›↑↓+-]", re.IGNORECASE)


def _button_run(line: str) -> bool:
    """A line of buttons and counters only ("Daumen hoch0Daumen runter  Antworten", "Zum Antworten anmelden
    Zitieren", "antworten melden"): comment furniture, never a comment's text."""
    rest = _BUTTON_WORDS.sub(" ", line)
    return not rest.strip() and bool(re.search(r"[^\W\d_]", line))
# A reply button's word in a line of comment furniture: a theme prints it under every comment but those at its
# deepest level, which :mod:`book.sources.text_parents` reads as the nesting limit
_REPLY_BUTTON = re.compile(r"(?<![^\W\d_])(?:reply|antworten|répondre|responder|rispondi|beantwoorden|svara|odpowiedz|"
                           r"reageren|回复|回覆|返信|답글)(?![^\W\d_])", re.IGNORECASE)
_REPLIES = {"replies", "réponses", "respuestas", "risposte", "reacties"}
BADGE = re.compile(r"^(?:autor|autorin|author|auteur|autore|admin|administrator|moderator|mod|post author|blog author|"
                    r"verfasser|site owner|owner|staff|(?:new|junior|senior|active|well-known|registered) member|member|"
                    r"mitglied|membre|miembro|op|original poster|topic author|thread starter|gast|guest|invité|invitado|ospite)$",
                   re.IGNORECASE)
_PINGBACK_HEAD = re.compile(r"^(?:(?:pingback|trackback)\s*(?::|von|from|de|di|by|van|od)|ping\s?:)\s*(?P<rest>.+)$",
                            re.IGNORECASE)     # "Ping: TITLE" (WordPress.com themes) only with its colon


_COMMENT_BY = re.compile(r"^(?:comment|reply|kommentar|antwort|commentaire|réponse|comentario|respuesta|commento|"
                         r"risposta)\s+(?:by|from|von|de|par|di|da)\s+(?=\S)", re.IGNORECASE)


@dataclass
class CommentHeader:
    """A comment's header as a browser copies it: who, when, how many lines it takes."""

    name: str | None
    date: FoundDate | None
    lines: int
    kind: str = "comment"
    reply_to: str | None = None      # "NAME in reply to NAME DATE": whom the header says it answers


_PINGBACK_HEADING = re.compile(r"^(?:(?:\d+\s+)?(?:trackbacks?|pingbacks?)(?:\s*(?:/|&|and|und|et|y|e)\s*"
                               r"(?:trackbacks?|pingbacks?))?(?:\s+(?:for|on|to|zu|für|sur|pour|para|per|op)\s+.{1,60})?|"
                               r"(?:trackbacks?|pingbacks?) (?:on|zu|sur|para) .{1,80})\s*:?$",
                               re.IGNORECASE)
_REPLY_SUBJECT_BY = re.compile(r"\s+(?:by|von|par|por|di|door)\s+")
_SUBMITTED_BY = re.compile(r"^(?:submitted|posted|eingereicht|verfasst|geschrieben|soumis|publié|enviado|inviato|ingezonden)"
                           r"\s+(?:by|von|par|por|da|door)\s+(?P<name>\S.{0,60}?)\s+(?:on|am|le|el|il|op)\s+"
                           r"(?P<date>\S.{5,60})$", re.IGNORECASE)   # Drupal: "Submitted by NAME on Tue, 03/03/2020 - 10:00"
_ON_DATE_SAID = re.compile(r"^(?P<name>\S.{0,60}?)\s+(?:on|am|le|el|il|op)\s+(?P<date>.{6,50}?),?\s+"
                           r"(?:said|wrote|says|schrieb|sagte|sagt|a dit|a écrit|dit|dijo|escribió|scrisse|schreef)\s*[:.…]*$",
                           re.IGNORECASE)
_DATE_NAME_COLON = re.compile(r"^(?P<date>\S.{5,40}?\d)\s+(?P<name>[^\d\s].{0,40}?):$")   # "December 29, 2014 isights:"
_CJK_SAYS = re.compile(r"^(?P<name>\S.{0,40}?)\s*(?:说道|說道|说|說|表示|より|님의 말)\s*(?:[:：]|\.\.\.|…)\s*$")
_GLUED_SAYS = re.compile(r"^(?P<name>\S.{1,40}?[^\W_])(?P<says>says|sagt|schreibt|dit)\s*:$")
_TAB_COUNTER = re.compile(r"^(?:comments?|kommentare?|commentaires?|comentarios?|commenti|reacties|pingbacks?|trackbacks?|"
                          r"antworten|replies|responses)\s*\(?\d{1,5}\)?$", re.IGNORECASE)   # "Kommentare4", "Pingbacks0"
_SCORE_MARKS = re.compile(r"^\[[–+-]\]\s*|\[S\]|\s+-?\d+\s+points?\b")   # old Reddit: "[–]NAME[S] 9 points 3 years ago"


def comment_header(lines: list[str], j: int, said_style: bool) -> CommentHeader | None:
    """The header starting at line ``j``: "NAME says:" [date], "NAME DATE", "NAME" [badge] then a date line,
    "Pingback von NAME | DATE"; numbered ("3. NAME DATE") or naming whom it answers ("NAME in reply to NAME
    DATE")."""
    header = _header(lines, j, said_style)
    if header is None or not header.name or header.kind != "comment":
        return header
    parts = _REPLY_TO_IN_HEADER.split(header.name, maxsplit=1)
    if len(parts) == 2 and name_or_nobody(parts[0]) and name_or_nobody(parts[1]):
        return CommentHeader(parts[0].strip(), header.date, header.lines, reply_to=parts[1].strip())
    return header


_REPLY_TO_IN_HEADER = re.compile(r"\s+(?:in reply to|replying to|als antwort auf|antwort an|en réponse à|"
                                 r"en respuesta a|in risposta a|antwoord op|em resposta a|w odpowiedzi na)\s+",
                                 re.IGNORECASE)
_NUMBERED = re.compile(r"^\d{1,4}[.)]\s+(?=\S)")      # "3. NAME DATE": the comment's number before its header
# "NAME DATE, TIME 3": a forum message's number after the clock time that ends its header's date
_NUMBER_AFTER_CLOCK = re.compile(r"^(?P<head>.*\d[:.]\d{2}\s*(?:[ap]\.?m\.?)?)\s+#?\d{1,6}$", re.IGNORECASE)


def _header(lines: list[str], j: int, said_style: bool) -> CommentHeader | None:
    line = _NUMBERED.sub("", _SCORE_MARKS.sub("", lines[j].strip()).strip())
    line = _COMMENT_BY.sub("", line)                   # "Kommentar von NAME" above the date
    if (m := _PINGBACK_HEAD.match(line)) and len(line) <= 320:   # a linking page's title runs long
        rest = m.group("rest").strip()
        parts = re.split(r"\s+[|]\s+", rest)
        if len(parts) > 1 and (when := date_line(parts[-1])) is not None:     # "Pingback von TITLE | DATE"
            return CommentHeader(" | ".join(parts[:-1]).strip() or None, when, 1, "pingback")
        found = name_date(rest)
        name = found[0] if found else rest          # "Pingback: POST TITLE | BLOG": the linking page as it names itself
        return CommentHeader(name.strip() or None, found[1] if found else None, 1, "pingback")
    if (sub := _SUBMITTED_BY.match(line)) is not None and name_or_nobody(sub.group("name")) \
            and (when := date_line(sub.group("date")) or find_date(sub.group("date"))) is not None:
        return CommentHeader(sub.group("name"), when, 1)
    if (said := _ON_DATE_SAID.match(line)) is not None and (when := date_line(said.group("date"))) is not None \
            and name_or_nobody(said.group("name")):
        return CommentHeader(said.group("name"), when, 1)          # "NAME on March 3, 2020 at 10:00 am said:"
    if (said := _DATE_NAME_COLON.match(line)) is not None and (when := date_line(said.group("date"))) is not None \
            and name_or_nobody(said.group("name"), words=4):
        return CommentHeader(said.group("name"), when, 1)          # "DATE NAME:", the date first (SitePoint)
    if (says := _CJK_SAYS.match(line)) is not None and len(says.group("name")) <= 30 and name_like(says.group("name")):
        following = next_filled(lines, j)
        when = date_line(lines[following]) if following is not None else None
        return CommentHeader(says.group("name"), when, following - j + 1 if when and following is not None else 1)
    if (glued := _GLUED_SAYS.match(line)) is not None and (k := next_filled(lines, j)) is not None \
            and date_line(lines[k]) is not None:
        line = f"{glued.group('name')} {glued.group('says')}:"     # "NCWiensays:": the avatar's boundary copied no space
    if (linked := _linked_says(lines, j, line)) is not None:
        return linked
    if (dated := _dated_pingback(lines, j, line)) is not None:
        return dated
    if (name := explicit_author(line)) is not None:
        following = next_filled(lines, j)
        if not said_style and following is not None and (found := date_line(lines[following])) is not None:
            return CommentHeader(name, found, following - j + 1)
        return CommentHeader(name, None, 1)
    if said_style:
        return None
    if (by := name_date(line)) is not None:
        return CommentHeader(by[0], by[1], 1)
    if (numbered := _NUMBER_AFTER_CLOCK.match(line)) is not None and (by := name_date(numbered.group("head"))) is not None:
        return CommentHeader(by[0], by[1], 1)           # Discourse: "NAME January 11, 2025, 12:04am 3", the post's number
    if (by := date_name(line)) is not None:
        return CommentHeader(by[0], by[1], 1)
    if name_like(line) or is_anonymous(line):
        k = next_filled(lines, j)
        while k is not None and k - j <= 4 and (BADGE.match(lines[k].strip()) or COUNTS.match(lines[k].strip())
                                               or lines[k].strip() == line):
            k = next_filled(lines, k)      # "Montana / 5819 / Montana / 18.10.2019, 16:18 Zitieren": badge, score, name
        if k is not None and k - j <= 4 and (found := _date_with_buttons(lines[k])) is not None:
            return CommentHeader(line, found, k - j + 1)
    return None


_SAYS_LINE = re.compile(r"^(?P<name>\S.{1,150}?)\s+(?:says|said|sagt|schreibt|dit|a écrit|dice|scrive|zegt|pisze)\s*"
                        r"(?::|\.\.\.|…)\s*$", re.IGNORECASE)


def _linked_says(lines: list[str], j: int, line: str) -> CommentHeader | None:
    """"links for 2010-10-04 | links.kburke.org says:" over a date line and an excerpt opening with "[...]": a
    pingback in the comment list (WordPress prints it as a comment), named by the linking page's whole title."""
    if (says := _SAYS_LINE.match(line)) is None or (k := next_filled(lines, j)) is None \
            or (found := date_line(lines[k])) is None or (text := next_filled(lines, k)) is None \
            or not _PINGBACK.match(lines[text].strip()):
        return None
    return CommentHeader(says.group("name").strip(), found, k - j + 1, "pingback")


def _dated_pingback(lines: list[str], j: int, line: str) -> CommentHeader | None:
    """"TITLE DATE" on one line over an excerpt opening with "[…]": a pingback in the comment list, its header
    shaped as the comments' "NAME DATE" but naming the linking page by its whole (long) title."""
    if len(line) > 320 or (k := next_filled(lines, j)) is None or not lines[k].strip().startswith(("[…]", "[...]")):
        return None
    words = line.split()
    for cut in range(max(1, len(words) - 10), len(words)):
        if (found := date_line(" ".join(words[cut:]))) is not None:
            return CommentHeader(" ".join(words[:cut]), found, 1, "pingback")
    return None


_TRAILING_BUTTONS = re.compile(r"(?:\s+(?:zum antworten anmelden|log in to reply|antworten|reply|zitieren|quote|"
                               r"melden|report|permalink|répondre|réponse|responder|rispondi|beantwoorden|reageren|"
                               r"citer|citar|cita|signaler|#))+\s*$", re.IGNORECASE)


def _date_with_buttons(line: str) -> FoundDate | None:
    """A date line, also when the copy glued the comment's buttons after it ("18.10.2019, 16:18 Zum Antworten
    anmelden Zitieren")."""
    return date_line(line) or (date_line(_TRAILING_BUTTONS.sub("", line)) if _TRAILING_BUTTONS.search(line) else None)


_SIGNED = re.compile(r"^(?P<lead>(?:comment|kommentar|commentaire|comentario|commento|posted|written|geschrieben|verfasst|"
                     r"posté|publié|écrit|publicado|escrito|pubblicato|scritto|geplaatst|geschreven)\s+)?"
                     r"(?:by|von|de|par|di|da|por|door):?\s+(?P<rest>.{2,140})$", re.IGNORECASE)


def _signature(line: str) -> tuple[str, FoundDate | None] | None:
    """A comment signed under its text: "Comment by NAME — DATE", "Posted by NAME at 8:01 PM", "by NAME on DATE at
    TIME. Reply #" (its buttons glued after it)."""
    match = _SIGNED.match(_TRAILING_BUTTONS.sub("", line.strip()))
    if not match:
        return None
    rest = match.group("rest").strip()
    while (bare := _TRAILING_BUTTONS.sub("", rest).strip().rstrip("|").strip()) != rest:
        rest = bare          # "Posté par NAME, DATE | | Répondre" (Canalblog): the buttons after the signature
    if (by := name_date(rest)) is not None:
        return by
    head, *tail = re.split(r"\s+(?:[—–|]|at|um|on|am)\s+", rest, maxsplit=1)
    found = find_date(rest) or (date_line(tail[0].strip().rstrip(".")) if tail else None)   # "on 27. Februar 2011 at 20:50."
    if not match.group("lead") and found is None:
        return None         # a bare "by NAME" signs a comment only with its date: "by NAME on DATE at TIME. Reply"
    return (head, found) if name_like(head) else None


def read_thread(lines: list[str], cap: Capture) -> None:
    """Split the thread into comments, then nest them by indentation or by the replies blocks."""
    said_style = any(re.search(r"\bsaid(?:\.\.\.|…|:)\s*$", line) or _dated_after(lines, k) for k, line in enumerate(lines))
    signed_below = _signed_below(lines)
    signatures_head = _signatures_head(lines)
    date_first = _date_over_name(lines)
    in_pingbacks = False                 # under a "Trackbacks/Pingbacks" heading
    comments: list[OpenComment] = []
    current: OpenComment | None = None
    closed = True
    block: OpenComment | None = None           # the comment a Blogger "Replies" block answers
    last_top: OpenComment | None = None
    headed = 0                           # comments that began with a header
    signed = 0                           # comments signed under their text
    body = lines[1:] if lines and (chrome.is_comment_counter(lines[0]) or _COUNTER_INVITING.match(lines[0].strip())
                                   or chrome.is_comment_form(lines[0])) else lines
    if (dated := _footer_dated(body, cap, preamble=True)) is not None:
        _emit(dated, cap)
        _infer_parents(dated, cap)
        return
    j = 0
    while j < len(body):
        raw = body[j]
        line = raw.strip()
        indent = len(raw) - len(raw.lstrip())
        j += 1
        if not line:
            if current is not None:
                current.lines.append("")
            continue
        if current is not None and not closed and current.has_body() and current.author is None \
                and (sig := (_signature(line) if not signatures_head else None)
                     or (name_date(line) if signed_below else None)) is not None:
            current.author = clean_name(sig[0])           # "Comment by NAME — 17.07, 2011 @ 13:04" under the text
            if sig[1] is not None:
                current.date = sig[1].iso
                current.date_text = sig[1].text if sig[1].ambiguous else None
            closed = True
            signed += 1
            continue
        if (level := _LEVEL.match(line)) is not None:
            current = OpenComment(int(level.group(1)))     # new Reddit: "level 2" opens a reply to the last "level 1"
            current.block_parent = block
            current.levelled = True
            comments.append(current)
            closed = False
            continue
        if _POINTS.match(line) or line.lower() in _THREAD_LINKS:
            continue
        if PARENT_LINK.match(line):
            if current is not None:
                current.marked_reply = True    # LiveJournal: "Reply / Parent / Thread / Link" under a reply
            continue
        if current is not None and not closed and not current.has_body() and current.author is None \
                and current.date is not None and (name := explicit_author(line)) is not None:
            current.author = clean_name(name)        # WordPress.com: the date line above "NAME sagt:"
            continue
        if date_first and current is not None and not closed and not current.has_body() and current.author is None \
                and current.date is not None and name_like(line):
            current.author = clean_name(line)        # "DATE / NAME / text": the date line opens the comment
            continue
        if _PINGBACK_HEADING.match(line):
            in_pingbacks, closed = True, True       # "Trackbacks/Pingbacks": each entry below is a linking page
            continue
        if in_pingbacks and not _PINGBACK.match(line) and not _comment_furniture(line) and len(line) <= 160 \
                and date_line(line) is None:
            current = OpenComment(indent, author=line, kind="pingback")
            current.head = raw
            comments.append(current)
            closed = False
            continue
        if _TAB_COUNTER.match(line) or (current is None or closed or current.has_body()) and chrome.is_comment_counter(line) \
                or (current is None or closed) and (COUNTS.match(line) or _AVATAR.match(line)):
            continue                           # tab counters, a second heading, an avatar's alt text, "3."
        opens = current is None or closed or current.has_body() or current.kind == "pingback"
        header = comment_header(body, j - 1, said_style) if opens else None
        if header is None and signatures_head and (sig := _signature(line)) is not None:
            header = CommentHeader(sig[0], sig[1], 1)          # "geschrieben von NAME am DATE [ antworten ]" over the text
        if header is not None:
            subject = _subject_above(current, closed, comments)
            name = (header.name if header.kind == "pingback" else clean_name(header.name)) if header.name else None
            found = header.date
            current = OpenComment(indent, author=name, date=found.iso if found else None,
                            date_text=found.text if found and found.ambiguous else None, kind=header.kind)
            current.block_parent = block
            current.reply_to = header.reply_to
            current.head = raw if header.kind == "pingback" else None
            current.subject = subject             # the comment's subject line, printed over its header (Drupal)
            current.stamp = " ".join(x.strip() for x in body[j - 1: j - 1 + header.lines]) if found else None
            current.marked_reply = bool(PARENT_IN_HEADER.search(" ".join(body[j - 1: j - 1 + header.lines])))
            if block is None:
                last_top = current
            comments.append(current)
            closed = False
            headed += 1
            j += header.lines - 1
            continue
        if (m := _BULLET.match(raw)):
            current = OpenComment(len(m.group("indent")))
            comments.append(current)
            closed = False
            line, raw = m.group("rest"), " " * (indent + 2) + m.group("rest")
        elif line.lower() in _REPLIES:
            block, closed = last_top, True
            continue
        elif COUNTS.match(line):
            continue                           # a vote count or a bullet between buttons
        elif (closing := _blogger_closing(line)) is not None:
            if current is not None and current.has_body() and current.closing is None:
                current.closing = closing          # Blogger: "ReplyDelete" under a comment, "Delete" under a reply
            closed = current is not None and current.has_body() or closed
            continue
        elif line.lower().lstrip("/|·• ") in FURNITURE or chrome.is_chrome_line(line) or BADGE.match(line) \
                or _GLUED_BUTTONS.match(line) or _button_run(line) or _AVATAR.match(line):
            if block is not None and closed and line.lower() == "reply":
                block = None                   # Blogger's "Reply" under a replies block: the block ends
            if current is not None and _REPLY_BUTTON.search(line):
                current.reply_button = True
            closed = current is not None and current.has_body() or closed
            continue
        elif (found := date_line(line)) is not None:
            iso, shown = found.iso, (found.text if found.ambiguous else None)
            if current is not None and not closed and said_style and current.has_body():
                current.date, current.date_text, current.stamp = iso, shown, line
                closed = True
            elif current is not None and not closed and not current.has_body():
                current.date, current.date_text, current.stamp = iso, shown, line
            elif current is not None and not closed and _name_only(current):
                current.author = _take_name(current)
                current.date, current.date_text, current.stamp = iso, shown, line
            else:
                current = OpenComment(indent, date=iso, date_text=shown)
                current.stamp = line
                current.block_parent = block
                last_top = current if block is None else last_top
                comments.append(current)
                closed = False
            continue
        elif (current is None or closed) and headed >= 2 and not signed_below and indent <= (current.indent if current else 0):
            if len(line.split()) >= 8:
                cap.drop("page footer", line)    # every comment of this thread has a header: this is page text
            continue
        elif current is None or closed:
            current = OpenComment(indent)
            current.block_parent = block
            last_top = current if block is None else last_top
            comments.append(current)
            closed = False
        if (m := _IN_REPLY_TO.match(line)) and not current.has_body():
            current.reply_to = _REPLY_SUBJECT_BY.split(m.group("name"))[-1]   # Drupal: "In reply to SUBJECT by NAME"
            continue
        if (m := _CJK_REPLY_TO.match(line)) and not current.has_body():
            current.reply_to = (m.group("to") or m.group("at")).strip()
            continue
        current.lines.append(raw)
    comments = _levelled(comments, cap)
    if headed >= 2:
        comments = _controls_ahead(comments, cap)
    if signed >= 2 and comments and comments[-1].author is None and not closed:
        for line in comments.pop().lines:    # every comment here is signed under its text: this is the page's
            if line.strip():
                cap.drop("page footer", line)
    if comments and cap.expected_comments is not None or comments and not any(chrome.is_comment_form(x) for x in lines):
        trim_last(comments[-1], cap)
    _blogger_blocks(comments)
    _trailing_reply_to(comments)
    _drop_template_openers(comments, cap)
    _emit(comments, cap)
    _infer_parents(comments, cap)


PARENT_LINK = re.compile(r"^(?:parent|übergeordnet|parent comment)$", re.IGNORECASE)
PARENT_IN_HEADER = re.compile(r"(?:\||·|•)\s*(?:thread\s+)?parent\s*$", re.IGNORECASE)  # "NAME - 2 years ago | thread parent"


def _marked_parents(comments: list[OpenComment], cap: Capture) -> bool:
    """Where the page links each reply to its "parent" (and only replies), the copy still says which comments
    are replies, not to whom: the thread is printed depth first, so a reply answers the comment right above it,
    or, where that one is later than the reply, the nearest earlier one up its chain. The others answer the
    post. False where no comment carries the mark (the other readers of nesting then apply)."""
    emitted = [c for c in comments if c.index is not None]
    if not any(c.marked_reply for c in emitted) or any(c.block_parent or c.reply_to for c in emitted):
        return False
    units = cap.units
    for k, comment in enumerate(emitted):
        if not comment.marked_reply or k == 0 or units[comment.index].parent is not None:
            continue
        parent: OpenComment | None = emitted[k - 1]
        moment = _moment(comment)
        while parent is not None and moment is not None and (earlier := _moment(parent)) is not None \
                and earlier > moment:
            above = units[parent.index].parent
            parent = next((c for c in emitted if c.index == above), None) if above is not None else None
        if parent is not None:
            units[comment.index].parent = parent.index
            cap.parents_inferred.append(comment.index)


_OPENER_WORDS = 8       # a template's line over every text is short: "at" (a date the copy lost), "No readers like this yet."


def _drop_template_openers(comments: list[OpenComment], cap: Capture) -> None:
    """A short line that opens most comments alike ("at" where the theme's date did not render, "No readers like
    this yet.") is the template's, printed under every header, not the commenter's words: it leaves each text
    it opens (listed as dropped), so that a text begins with what its writer wrote."""
    openers = [_first_filled(c.lines) for c in comments if c.kind != "pingback" and c.has_body()]
    keys = Counter(" ".join(line.split()).casefold() for line in openers if line is not None)
    common = {key for key, count in keys.items()
              if count >= 3 and 2 * count > len(openers) and text_words(key) <= _OPENER_WORDS}
    for comment in comments:
        first = _first_filled(comment.lines)
        if first is None or " ".join(first.split()).casefold() not in common:
            continue
        k = next(n for n, line in enumerate(comment.lines) if line.strip())
        cap.drop("comment furniture", first.strip())
        comment.lines = comment.lines[k + 1:]


def _first_filled(lines: list[str]) -> str | None:
    return next((line for line in lines if line.strip()), None)


_IN_REPLY_TO_UNDER = re.compile(r"^in reply to (?P<subject>.+?)\s+by\s+(?P<name>\S.{0,60}?)\s*(?:\((?:not verified|"
                                r"nicht überprüft|non vérifié)\))?\.?$", re.IGNORECASE)


def _trailing_reply_to(comments: list[OpenComment]) -> None:
    """Drupal themes that print "In reply to SUBJECT by NAME" under the reply's text, not over it: the line leaves
    the text and names the comment answered (SUBJECT is that comment's first words, NAME its writer)."""
    for comment in comments:
        filled = [n for n, line in enumerate(comment.lines) if line.strip()]
        if comment.reply_to or len(filled) < 2:
            continue
        match = _IN_REPLY_TO_UNDER.match(comment.lines[filled[-1]].strip())
        if match is None:
            continue
        comment.reply_to = match.group("name").strip()
        comment.reply_subject = _folded([match.group("subject")])
        comment.lines = comment.lines[:filled[-1]]


_LEVEL = re.compile(r"^level (\d{1,2})$", re.IGNORECASE)
_POINTS = re.compile(r"^-?\d[\d,.]*k? points?$|^(?:score hidden|edited .{1,30} ago)$", re.IGNORECASE)
_THREAD_LINKS = {"continue this thread", "load more comments", "more replies", "view more comments", "show more replies"}
_DELETE = r"(?:delete|löschen|supprimer|eliminar|elimina|verwijderen|usuń)"
_REPLY_DELETE = re.compile(rf"^(?:reply|antworten|répondre|responder|rispondi|beantwoorden|odpowiedz)\s*{_DELETE}$", re.I)
_DELETE_ONLY = re.compile(rf"^{_DELETE}$", re.I)


def _levelled(comments: list[OpenComment], cap: Capture) -> list[OpenComment]:
    """Where every comment opens with "level N", what no level opened is the page around the thread (sort
    buttons above it, the sidebar below): listed as dropped, not read as comments."""
    if not any(c.levelled for c in comments):
        return comments
    first = next(k for k, c in enumerate(comments) if c.levelled)
    for k, comment in enumerate(comments):
        text = " ".join(line.strip() for line in comment.lines if line.strip())
        if not comment.levelled and text:
            cap.drop("page header" if k < first else "page footer", text)
    return [c for c in comments if c.levelled]


def _controls_ahead(comments: list[OpenComment], cap: Capture) -> list[OpenComment]:
    """Where the comments open with headers, short lines above the first of them with no name and no date
    ("Show All | Jump To: 1-10 | 11-20", "View", "Oldest to Newest") are the thread's controls, not a comment:
    listed as dropped."""
    while comments and comments[0].author is None and comments[0].date is None \
            and all(len(re.findall(r"[^\W\d_]+", line)) <= 5 for line in comments[0].lines):
        for line in comments.pop(0).lines:
            if line.strip():
                cap.drop("page header", line.strip())
    return comments


def _blogger_closing(line: str) -> str | None:
    """Blogger closes a comment with "Reply Delete" (glued in a copy) and a reply in a replies block with
    "Delete" alone: which of them closes a comment says whether it answers the post or the comment above."""
    if _REPLY_DELETE.match(line):
        return "top"
    if _DELETE_ONLY.match(line):
        return "reply"
    return None


def _blogger_blocks(comments: list[OpenComment]) -> None:
    """Where Blogger's buttons are the only nesting the copy kept (its "Replies" heading reads "Antworten", the
    same word as "Reply", in German), a comment closed by "Delete" alone answers the last comment closed by
    "Reply Delete"."""
    if not any(c.closing == "top" for c in comments) or any(c.block_parent for c in comments):
        return
    top: OpenComment | None = None
    for comment in comments:
        if comment.closing == "top":
            top = comment
        elif comment.closing == "reply" and top is not None:
            comment.block_parent = top


_SORT_CONTROL = re.compile(r"^(?:sortiert nach|sortieren nach|sort by|sorted by|trier par|trié par|ordenar por|ordina per|"
                           r"sorteer op)\b.{0,80}$", re.IGNORECASE)   # "Sortiert nach: neuste | älteste | beste Bewertung"
_SHARE_PROMPT = re.compile(r"^(?:(?:diesen|this) (?:kommentar|comment) (?:auf|on) \w+ (?:teilen|share)\??\s*)+$",
                           re.IGNORECASE)


def _comment_furniture(line: str) -> bool:
    """Buttons, badges, counters and share prompts around a comment: never its author nor its text."""
    line = line.strip()
    return line.lower().lstrip("/|·• ") in FURNITURE or bool(BADGE.match(line)) or bool(COUNTS.match(line)) \
        or _button_run(line) or bool(_GLUED_BUTTONS.match(line)) or bool(_TAB_COUNTER.match(line)) \
        or bool(_SHARE_PROMPT.match(line)) or bool(_AVATAR.match(line)) or bool(_SORT_CONTROL.match(line)) \
        or chrome.is_chrome_line(line)


def _footer_dated(lines: list[str], cap: Capture | None, preamble: bool = False) -> list[OpenComment] | None:
    """Comments that each open with a bare name line and close with their date under the text and buttons
    (wpDiscuz: "Gast / NAME / text / Daumen hoch0Daumen runter / Translate / 1 Monat her"). Read only when the
    thread opens with a name over text and its first two date lines each follow text or buttons and lead to the
    next name; the thread ends at the first date line that does not (what follows is page footer). A name with
    a date line right under it is another shape (a header). ``preamble``: notices, a comment form's fields or
    a widget's labels, with no date among them, may come first; of the lines that could open the first comment
    (a name, not a count or a greeting, over a line of text) the last before the first closing date does.
    ``cap`` None: only say whether the lines have this shape."""
    filled = [k for k, line in enumerate(lines) if line.strip() and not _comment_furniture(line)]
    found: list[tuple[int, list[int]]] = []
    for first in range(min(len(filled), 40)) if preamble else range(1):
        if first and date_line(lines[filled[first - 1]]) is not None:
            break                                # a date in the preamble: this is no preamble
        closing = _footer_closings(lines, filled[first:])
        if closing is not None:
            if found and first + closing[0] != found[0][0] + found[0][1][0]:
                break
            found.append((first, closing))       # starts that lead to the same first closing date
    if not found:
        return None
    first, closing = found[-1]                   # the last of them: a form's labels may pass for a name and text
    return [] if cap is None else _footer_comments(lines, filled[first:], closing, cap)


def _footer_closings(lines: list[str], filled: list[int]) -> list[int] | None:
    """The positions in ``filled`` of the date lines closing name-over-text comments, or None."""
    name = lines[filled[0]].strip() if filled else ""
    if len(filled) < 4 or not name_like(name) or re.match(r"^\d+\s", name) or name.endswith(","):
        return None                                   # "63 Kommentar Themen", "0 Follower"; "Liebe Kathrin," greets
    opening = lines[filled[1]].strip()
    if date_line(opening) is not None or len(opening.split()) < 4 and not opening.endswith(","):
        return None                                   # a comment's text opens under its name ("Liebe Kathrin," greets)
    closing: list[int] = []
    for n, k in enumerate(filled):
        if n < 2 or date_line(lines[k]) is None:
            continue
        above = next((lines[a].strip() for a in range(k - 1, filled[n - 1] - 1, -1) if lines[a].strip()), "")
        if explicit_author(above) is not None or name_like(above) and not _comment_furniture(above) \
                and _name_over_date(lines, filled, n):
            break                                    # a header: NAME over its date
        closing.append(n)
        if n + 1 < len(filled) and (not name_like(lines[filled[n + 1]].strip(), words=8)
                                    or n + 2 < len(filled) and date_line(lines[filled[n + 2]]) is not None):
            break                                    # what follows is no comment of this shape
    return closing if len(closing) >= 2 else None


def _name_over_date(lines: list[str], filled: list[int], n: int) -> bool:
    """The line over date ``n`` is a bare name with nothing between: a header, unless buttons came between."""
    return not any(_comment_furniture(lines[a]) for a in range(filled[n - 1] + 1, filled[n]) if lines[a].strip())


def _footer_comments(lines: list[str], filled: list[int], closing: list[int], cap: Capture) -> list[OpenComment]:
    comments: list[OpenComment] = []
    begin = 0
    for n in closing:
        name, text = lines[filled[begin]].strip(), [lines[k] for k in filled[begin + 1:n]]
        found = date_line(lines[filled[n]])
        comment = OpenComment(0, author=None if is_anonymous(name) else clean_name(name),
                        date=found.iso if found else None,
                        date_text=found.text if found and found.ambiguous else None)
        comment.lines = text
        comments.append(comment)
        begin = n + 1
    for k in filled[begin:]:
        if len(lines[k].split()) >= 8:
            cap.drop("page footer", lines[k])
    return comments


def _subject_above(current: OpenComment | None, closed: bool, comments: list[OpenComment]) -> str | None:
    """A short headerless line right above a comment's header, first in the thread or after a headed
    comment closed by its buttons, is that comment's subject (Drupal prints "Lovely pictures" over "Submitted by NAME on
    DATE", mostly the comment's first words): it is taken out of the list and returned, to be listed under
    ``dropped`` with the comment it heads rather than taken for a comment of its own."""
    if current is None or closed or current.author is not None or current.date is not None or current.kind \
            or not comments or comments[-1] is not current:
        return None
    body = [line for line in current.lines if line.strip()]
    if len(body) != 1 or len(body[0].split()) > 8 or SENTENCE_END.search(body[0].strip()) \
            or len(comments) >= 2 and not (comments[-2].author or comments[-2].date):
        return None
    comments.pop()
    return body[0]


def _date_over_name(lines: list[str]) -> bool:
    """Comments headed "DATE / NAME / text" (a date line, then a bare name, then prose): two or more such
    headers and none the other way round ("NAME / DATE")."""
    filled = [k for k, line in enumerate(lines) if line.strip() and not _comment_furniture(line)]
    over = under = 0
    for n in range(len(filled) - 2):
        this, nxt, after = (lines[filled[n + d]].strip() for d in range(3))
        if date_line(this) is not None and name_like(nxt) and date_line(after) is None and len(after.split()) >= 3:
            over += 1
        elif name_like(this) and date_line(nxt) is not None:
            under += 1
    return over >= 2 and under == 0


def _dated_after(lines: list[str], k: int) -> bool:
    """"NAME dijo:" whose date closes the comment under its text: the header line has no date line after it."""
    if explicit_author(lines[k].strip()) is None:
        return False
    following = next_filled(lines, k)
    return following is not None and date_line(lines[following]) is None and \
        any(date_line(lines[n]) is not None for n in range(following + 1, min(len(lines), following + 12)))


def _signed_below(lines: list[str]) -> bool:
    """Comments signed under their text ("très bien. / gabriel Le 11 septembre 2018 à 12:57"): two or more
    "NAME DATE" lines, prose before the first of them and none after the last one but page footer."""
    heads = [k for k, line in enumerate(lines) if line.strip() and name_date(line) is not None
             and not chrome.is_chrome_line(line)]
    if len(heads) < 2:
        return False
    body_first = [k for k in range(heads[0]) if len(lines[k].split()) >= 3 and not chrome.is_chrome_line(lines[k])]
    after_last = [k for k in range(heads[-1] + 1, min(len(lines), heads[-1] + 6)) if len(lines[k].split()) >= 6
                  and not chrome.is_chrome_line(lines[k]) and not chrome.is_comment_form(lines[k])]
    between = [heads[n + 1] - heads[n] for n in range(len(heads) - 1)]
    return bool(body_first) and not after_last and min(between) >= 2


def _signatures_head(lines: list[str]) -> bool:
    """"geschrieben von NAME am DATE" lines that each open a comment rather than sign it: two or more, and the
    last is followed by the text of a comment (a signature under the last comment has only footer after it)."""
    signs = [k for k, line in enumerate(lines) if _signature(line) is not None]
    if len(signs) < 2:
        return False
    return any(len(lines[k].split()) >= 6 and not chrome.is_chrome_line(lines[k]) and not chrome.is_comment_form(lines[k])
               and _signature(lines[k]) is None for k in range(signs[-1] + 1, min(len(lines), signs[-1] + 6)))


def trim_last(comment: OpenComment, cap: Capture) -> None:
    """The last comment of a thread with no comment form after it runs into the sidebar: three short lines
    in a row (a list of links, archive months) end it; prose after them is listed as page footer."""
    filled = [k for k, line in enumerate(comment.lines) if line.strip()]
    for n in range(1, len(filled) - 2):
        run = [comment.lines[filled[n + d]].strip() for d in range(3)]
        if all(len(x.split()) <= 6 and not re.search(r"[.!?…,;:]$", x) for x in run):
            for x in comment.lines[filled[n]:]:
                if len(x.split()) >= 8 and not chrome.is_chrome_line(x):
                    cap.drop("page footer", x)
            comment.lines = comment.lines[: filled[n]]
            return


def _name_only(comment: OpenComment) -> bool:
    body = [line.strip() for line in comment.lines if line.strip()]
    return len(body) == 1 and len(body[0].split()) <= 4 and not re.search(r"[.!?,;:]$", body[0])


def _take_name(comment: OpenComment) -> str:
    name = next(line.strip() for line in comment.lines if line.strip())
    comment.lines = []
    return name


def _emit(comments: list[OpenComment], cap: Capture) -> None:
    """Turn gathered comments into units (dropping spam), nesting by indentation or replies block."""
    stack: list[tuple[int, int | None]] = []      # (indent, unit index or None when dropped)
    for comment in comments:
        if not comment.has_body() and comment.head is not None:
            comment.lines = [comment.head]          # "Pingback: TITLE | BLOG" alone: the line is all it says
        if not comment.has_body():
            continue
        if comment.subject is not None:
            cap.drop("comment subject", comment.subject)     # a title over the comment, often its first words
        while stack and stack[-1][0] >= comment.indent:
            stack.pop()
        parent = stack[-1][1] if stack else None
        if comment.block_parent is not None:
            parent = comment.block_parent.index
        if comment.reply_to:
            parent = _last_by(cap, comment.reply_to, parent, comment.reply_subject)
        plain = plain_lines(comment.lines)
        text = lines_to_markdown(comment.lines)
        reason = spam.spam_reason(text, comment.author)
        if reason:
            cap.drop(reason, text)
            stack.append((comment.indent, None))
            continue
        kind = "pingback" if comment.kind == "pingback" or _PINGBACK.match(text) else "comment"
        unit = RawUnit(kind, text, plain, author=comment.author, parent=parent,
                       date=comment.date, date_text=comment.date_text)
        if comment.author:
            unit.author_how = "explicit"
        cap.units.append(unit)
        comment.index = len(cap.units) - 1
        stack.append((comment.indent, comment.index))


def _infer_parents(comments: list[OpenComment], cap: Capture) -> None:
    """A copied thread whose nesting was lost (no indentation, no replies blocks, no "in reply to"): what the copy
    still says gives the tree. First the parents the conversation names (:func:`_named_parents`), then the tree
    :func:`book.sources.text_parents.nest` rebuilds from the thread's order, dates, "parent" links and reply buttons,
    trying those first; where no tree fits them, the named parents stand, with the "parent" links' or the dates'
    own reading (:func:`_marked_parents`, :func:`_chronology_parents`). Each parent set here is listed for review
    (S306)."""
    emitted = [c for c in comments if c.index is not None]
    if len({c.indent for c in emitted}) > 1 or any(c.block_parent or c.reply_to for c in emitted):
        return
    units = cap.units
    if any(_AT_NAME.match(next((x for x in units[c.index].lines if x.strip()), "")) for c in emitted):
        _address_parents(emitted, cap)   # "@Daniel:" typed by hand names nobody's comment: only the dates may nest
        addressed = True
    else:
        _named_parents(emitted, cap)
        addressed = False
    if _nest(emitted, cap):
        return
    if not _marked_parents(comments, cap) and not addressed:
        _chronology_parents(emitted, cap)


def _named_parents(emitted: list[OpenComment], cap: Capture) -> None:
    """The order of the conversation says who answers whom. The post's author writing right after someone
    answers them; someone writing right after an answer to them answers back; a reply that greets an earlier
    commenter by name answers that commenter's last comment; a reply quoting an earlier comment answers it."""
    units = cap.units
    host = cap.author or _host([units[c.index] for c in emitted])
    # a writer (:func:`name_key`) -> their latest unit so far: one look-up a greeting (walking back through the
    # thread for each took 6.8 s on 5,000 comments greeting the first writer)
    latest: dict[str, int] = {}
    for k, comment in enumerate(emitted):
        if k and (before := units[emitted[k - 1].index].author):
            latest[name_key(before)] = emitted[k - 1].index
        unit = units[comment.index]
        if unit.kind != "comment" or not unit.author:
            continue
        parent = None
        previous = units[emitted[k - 1].index] if k else None
        if previous is not None and previous.kind == "comment" and previous.author \
                and not same_name(previous.author, unit.author):
            if host and same_name(unit.author, host):
                parent = emitted[k - 1].index
            elif previous.parent is not None and same_name(units[previous.parent].author, unit.author):
                parent = emitted[k - 1].index
        if parent is None and (name := greeting(unit.lines)) and not (cap.author and same_name(name, cap.author)):
            parent = latest.get(name_key(name))
        if parent is not None:
            unit.parent = parent
            cap.parents_inferred.append(comment.index)
    _quoted_parents(emitted, cap)


def _nest(emitted: list[OpenComment], cap: Capture) -> bool:
    """The thread's tree from the copy's constraints (:func:`book.sources.text_parents.nest`), each comment trying
    first the comment its words named (and that writer's earlier comments, latest first: "@Ramon" may answer
    Ramon's earlier comment, not his last; the three latest only, found in a list of each writer's comments made
    once, so that a long thread's hints are not as long as the thread); False, every parent left as it was, where
    no tree fits or nothing constrains one (no dates, "parent" links or reply buttons: the named parents alone
    then say it all)."""
    units = cap.units
    thread = [c for c in emitted if units[c.index].kind == "comment"]
    position = {c.index: k for k, c in enumerate(thread)}
    moments = _dated([_moment(c) for c in thread]) \
        or _dated([relative_moment(c.stamp) if c.stamp and c.date is None else None for c in thread])
    marks = any(c.marked_reply for c in thread)
    buttons = any(c.reply_button for c in thread)
    if not (marks or buttons or moments):
        return False
    written: dict[str, list[int]] = {}          # a writer (:func:`name_key`) -> their comments' positions
    for k, comment in enumerate(thread):
        if author := units[comment.index].author:
            written.setdefault(name_key(author), []).append(k)
    replies = []
    for k, comment in enumerate(thread):
        named = units[comment.index].parent
        hint: tuple[int, ...] = ()
        if named in position and position[named] < k:
            writer = units[named].author
            hint = (position[named],)
            if writer:
                theirs = written.get(name_key(writer), [])
                before = bisect_left(theirs, k)
                hint += tuple(n for n in reversed(theirs[max(0, before - _HINTS - 1):before])
                              if n != position[named])[:_HINTS]
        replies.append(Reply(moment=moments[k] if moments else None, marked=comment.marked_reply if marks else None,
                             button=comment.reply_button if buttons else None, hint=hint))
    tree = nest(replies)
    if tree is None:
        return False
    inferred = set(cap.parents_inferred)
    unset: set[int] = set()                     # inferred before, to the post now: unlisted at once, not one by one
    for comment, parent in zip(thread, tree, strict=True):
        unit = units[comment.index]
        unit.parent = None if parent is None else thread[parent].index
        if unit.parent is not None and comment.index not in inferred:
            cap.parents_inferred.append(comment.index)
        elif unit.parent is None and comment.index in inferred:
            unset.add(comment.index)
    if unset:
        cap.parents_inferred[:] = [index for index in cap.parents_inferred if index not in unset]
    return True


def _dated(moments: list) -> list | None:
    """The moments where every comment of three or more has one ("3 hours ago" alike): a thread dated in part orders
    too little to say which comment is out of its order."""
    return moments if len(moments) >= 3 and all(m is not None for m in moments) else None


def _quoted_parents(emitted: list[OpenComment], cap: Capture) -> None:
    """A reply that opens by quoting an earlier comment ("> Ce qui serait cool, c'est que …", the words in quotation
    marks) answers that comment: the last earlier comment whose text holds the quoted words. Listed for review.
    Each comment's words are folded once, and only the comments holding the quotation's second and third words
    side by side are read (whole words in any comment that holds the quotation): a thread of thousands of
    quoting replies took minutes when every reply re-read every comment before it."""
    units = cap.units
    quotes = {k: quoted for k, comment in enumerate(emitted)
              if units[comment.index].kind == "comment" and units[comment.index].parent is None
              and (quoted := _opening_quote(units[comment.index].lines)) is not None}
    if not quotes:
        return
    folded = [_folded(units[comment.index].lines) for comment in emitted]
    holding: dict[str, list[int]] = {}
    for k, text in enumerate(folded):
        words = text.split()
        for pair in dict.fromkeys(f"{a} {b}" for a, b in zip(words, words[1:], strict=False)):
            holding.setdefault(pair, []).append(k)
    for k, quoted in quotes.items():
        among = holding.get(" ".join(quoted.split()[1:3]), [])
        for earlier in reversed(among[:bisect_left(among, k)]):
            if quoted in folded[earlier]:
                units[emitted[k].index].parent = emitted[earlier].index
                cap.parents_inferred.append(emitted[k].index)
                break


_QUOTE_MARKS = re.compile(r"^\s*[\"“„«»]\s*(?P<words>.+)$")


def _opening_quote(lines: list[str]) -> str | None:
    """The words a comment opens by quoting ("> …" lines, :func:`book.sources.text_lines.marked_quotation`, or
    "“…”"), folded; at least six words, so that a stock phrase ("“Thanks!”") names no comment."""
    marked = marked_quotation(lines)
    if marked is not None:
        words = " ".join(marked)
    else:
        match = _QUOTE_MARKS.match(next((line for line in lines if line.strip()), ""))
        if match is None:
            return None
        words = match.group("words")
    folded = re.findall(r"\w+", re.sub(r"[\"“”„«»]+.*$", "", words).casefold())[:12]
    return " ".join(folded) if len(folded) >= 6 else None


def _folded(lines: list[str]) -> str:
    """The words of a comment, folded: spacing and punctuation vary between a text and its quotation."""
    return folded_words(" ".join(lines))


def _pairs_in_order(moments: list) -> tuple[int, int]:
    """How many pairs of ``moments`` (the earlier in the list first) rise and how many fall, counted with a sorted
    list of the moments seen so far: listing every pair held millions of them for a thread of thousands."""
    seen: list = []
    rising = falling = 0
    for moment in moments:
        rising += bisect_left(seen, moment)
        falling += len(seen) - bisect_right(seen, moment)
        insort(seen, moment)
    return rising, falling


def _later_least(moments: list) -> list:
    """For each moment, the least of the moments after it (None for the last): a moment later than any after it
    is later than their least."""
    least: list = [None] * len(moments)
    for k in range(len(moments) - 2, -1, -1):
        after = moments[k + 1]
        least[k] = after if least[k + 1] is None or after < least[k + 1] else least[k + 1]
    return least


def _chronology_parents(emitted: list[OpenComment], cap: Capture) -> None:
    """Where every comment of a flat copy carries its date and time, their order shows the replies the copy no
    longer indents: top-level comments follow each other in time (oldest or newest first) and the replies under
    one of them come after it, oldest first. So in a newest-first thread a comment later than the last top-level
    one above it, and in an oldest-first thread a comment later than any comment below it, is a reply; it answers
    the top-level comment above it (the run's head: the deeper nesting is lost). Listed for review (S306)."""
    units = cap.units
    dated: list[OpenComment] = []
    seen: set[tuple] = set()
    for comment in (c for c in emitted if units[c.index].kind == "comment"):
        key = (_folded(units[comment.index].lines)[:80], _moment(comment))
        if key not in seen:                  # the same words at the same minute again: a copy of that comment
            dated.append(comment)            # (a featured block after the thread), which says nothing of order
        seen.add(key)
    moments = [_moment(c) for c in dated]
    if len(dated) < 3 or any(m is None for m in moments):
        return
    rising, falling = _pairs_in_order(moments)       # every pair, not neighbours only: a host answering each
    if rising == falling:                            # comment makes neighbours rise and fall in turn whichever
        return                                       # way the thread runs; no order to read: nothing is inferred
    below = _later_least(moments)
    head: int | None = None
    for k, comment in enumerate(dated):
        if falling > rising:
            reply = head is not None and moments[k] > moments[head]
        else:
            reply = head is not None and below[k] is not None and moments[k] > below[k]
        if not reply:
            head = k
            continue
        unit = units[comment.index]
        if unit.parent is None:
            unit.parent = dated[head].index
            cap.parents_inferred.append(comment.index)


def _moment(comment: OpenComment) -> tuple[str, int] | None:
    """A comment's date and minute of the day (-1 where only the day is printed), for ordering the thread."""
    if comment.date is None:
        return None
    clock = _CLOCK_IN.search(comment.stamp or "")
    if clock is None:
        return comment.date, -1
    hours, minutes = int(clock.group(1)), int(clock.group(2))
    meridiem = (clock.group(3) or "").lower().replace(".", "")
    if meridiem == "pm" and hours < 12:
        hours += 12
    elif meridiem == "am" and hours == 12:
        hours = 0
    return comment.date, hours * 60 + minutes


_CLOCK_IN = re.compile(r"(?<![\d.])(\d{1,2})[:.](\d{2})(?![\d.])\s*([ap]\.?m\.?)?", re.IGNORECASE)


_AT_NAME = re.compile(r"^\s*@\s?\w")


def _address_parents(emitted: list[OpenComment], cap: Capture) -> None:
    """Comments that open with "@NAME " as a reply button fills it in answer NAME's comment on the path back from
    the comment above (that comment, its parent, its parent's parent …): such pages list replies under what they
    answer (the longest name wins: "@Götz-Michael Freimann Finde ich …"). Where people type the address by hand
    ("@Daniel:", "@Timo, …") the page is a flat list answering the post, and nothing is inferred from them. Listed
    for review like every inferred parent (S306)."""
    units = cap.units
    found: list[tuple[OpenComment, int | None]] = []
    latest: dict[str, int] = {}                      # a writer's name as compared -> their latest unit so far
    longest = 0
    for k, comment in enumerate(emitted):
        if k and (name := units[emitted[k - 1].index].author):
            latest[key := name_key(name)] = emitted[k - 1].index
            longest = max(longest, len(key))
        unit = units[comment.index]
        first = next((x.strip() for x in unit.lines if x.strip()), "")
        if unit.kind != "comment" or not _AT_NAME.match(first):
            continue
        addressed = first.lstrip()[1:].lstrip()
        path: set[int] = set()
        back = emitted[k - 1].index if k else None
        while back is not None and back not in path:
            path.add(back)
            back = units[back].parent
        best, length = _addressed(addressed, latest, longest, unit.author)
        follows = addressed[length:length + 1] if best is not None else re.sub(r"^\S+", "", addressed)[:1]
        if follows in (":", ","):
            return                                   # typed by hand: this page does not nest by address
        found.append((comment, best if best in path else None))
    for comment, parent in found:
        if parent is not None and units[comment.index].parent is None:
            units[comment.index].parent = parent
            cap.parents_inferred.append(comment.index)


def _addressed(text: str, latest: dict[str, int], longest: int, writer: str | None) -> tuple[int | None, int]:
    """The last earlier comment whose author's name opens ``text`` (the longest name, ending where a word does), and
    that name's length; ``latest`` maps each earlier writer's name (:func:`name_key`, at most ``longest``
    characters) to their last unit. Each
    place a name could end is looked up, not each earlier comment read: a thread of thousands of "@NAME" replies
    took a minute."""
    folded = text.casefold()
    mine = name_key(writer) if writer else None
    for end in range(min(len(folded), longest), 0, -1):
        if end < len(folded) and folded[end].isalnum():
            continue
        index = latest.get(folded[:end])
        if index is not None and folded[:end] != mine:
            return index, end
    return None, 0


def _host(units: list[RawUnit]) -> str | None:
    """Where no byline names the post's author, the writer who answers the others in turn is the host: at
    least three comments, a quarter of the thread, never the first comment, and two thirds of them right after
    someone else's."""
    names = [unit.author for unit in units if unit.kind == "comment"]
    if len(names) < 4 or not names[0]:
        return None
    counts: dict[str, int] = {}
    for name in names:
        if name:
            counts[name.casefold()] = counts.get(name.casefold(), 0) + 1
    best = max(counts, key=lambda key: counts[key])
    if counts[best] < 3 or 4 * counts[best] < len(names) or names[0].casefold() == best:
        return None
    in_turn = sum(1 for a, b in zip(names, names[1:], strict=False)
                  if b and b.casefold() == best and not (a and a.casefold() == best))
    if 3 * in_turn < 2 * counts[best]:
        return None                     # the host mostly answers someone else, not themselves
    return next(name for name in names if name and name.casefold() == best)


def _last_by(cap: Capture, name: str, default: int | None, subject: str | None = None) -> int | None:
    """The last comment by ``name``; where the reply line also quotes the answered comment's first words, the last
    comment by that name whose text begins with them (a writer with two comments in the thread)."""
    by = list(written_by(cap.units, name))
    if subject:
        opening = next((index for index in by if _folded(cap.units[index].lines).startswith(subject)), None)
        if opening is not None:
            return opening
    return by[0] if by else default


# An upper-case tail glued after a lower-case letter or a digit: "DessalinesOPMA", "NutomicMA".
_GLUED_TAIL = re.compile(r"(?<=[^\W\d_A-Z]|\d)[A-Z]{2,4}$")


def strip_glued_badges(units: list[RawUnit]) -> None:
    """Badges a copy glues to the commenter's name (Lemmy's "OP" and "MA": "DessalinesOPMA", "NutomicMA"): an
    upper-case tail the page prints after several headers is a role, not part of the name. Peeled one at a
    time, the commonest first ("MA" after two names, then "OP" after one name's three comments); a tail of
    three or four letters must follow two different names ("JohnDOE" alone keeps his)."""
    named = [unit for unit in units if unit.kind == "comment" and unit.author]
    while True:
        tails: Counter[str] = Counter()
        bases: dict[str, set[str]] = {}
        for unit in named:
            match = _GLUED_TAIL.search(unit.author or "")
            if match is None or unit.author is None:
                continue
            tail = match.group()
            for size in range(2, len(tail) + 1):
                tails[tail[-size:]] += 1
                bases.setdefault(tail[-size:], set()).add(unit.author[:-size])
        badge = next((tail for tail, count in tails.most_common() if count >= 2
                      and (len(bases[tail]) >= 2 or len(tail) <= 2) and min(map(len, bases[tail])) >= 3), None)
        if badge is None:
            return
        for unit in named:
            if unit.author and unit.author.endswith(badge) and len(unit.author) - len(badge) >= 3:
                unit.author = unit.author[: -len(badge)]
