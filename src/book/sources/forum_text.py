"""Forum threads copied as text: the poster's block over each message.

A browser's copy of a forum page prints every message under its poster's block: the name, a rank
or two ("Global Moderator", "Comrade Commissar"), the statistics ("Posts: 668", "Joined:
2008-02-18 05:04", "Join Date: 10 Nov 04", "Location: …"), then the message's number ("#2") and
its date, then the text. This reader finds those blocks by their statistics lines, in any of the
usual programs' wordings, and hands (line, header) pairs to ``capture_text``'s forum reader, which
makes the first message the post and the others its replies (a quotation is no parent).

The join date in the block is never the message's date; a rank is never the name: ranks are read
by their words ("Member", "Moderator", "Expert"…) and a rank under a rank is a rank too.
"""

from __future__ import annotations

import re
from collections import Counter

from book.sources import chrome
from book.sources.clean import text_words
from book.sources.dates import FoundDate, date_line, find_date, words_date
from book.sources.text_lines import (QUOTE_FROM, QUOTE_ON, QUOTE_WROTE, REPLY_PREFIX, SENTENCE_END, name_like,
                                     next_filled)
from book.sources.text_thread import BADGE, FURNITURE, CommentHeader

# A statistics line of the poster's block, its value on the line or on the next one.
_STAT = re.compile(r"^(?P<label>posts|forum posts|messages|joined|join date|registered|member since|threads|location|country|"
                   r"from(?=\s*:)|"                                 # FluxBB's place: "From: NAME'S TOWN"
                   r"reaction score|reactions|points|reputation|has thanked|been thanked|likes received|upvotes|thanks|"
                   r"beiträge|registriert|registriert seit|mitglied seit|dabei seit|wohnort|themen|"
                   r"messaggi|registrato|località|mensajes|registrado|ubicación|messages postés|inscrit le|"
                   r"berichten|lid sinds|geregistreerd|postingan|bergabung|lokasi|"
                   r"主题|帖子|积分|精华|注册时间|最后登录|主題|文章|積分|註冊時間)"   # Discuz!: "1" over "主题"
                   r"\s*:?\s*(?P<value>.{0,40})$", re.IGNORECASE)
# "4931 posts", "1.2k messages": the count before its label (a travel forum's poster block).
_COUNT_FIRST = re.compile(r"^[\d.,]+[kKmM]?\s+(?:posts|forum posts|messages|beiträge|messaggi|mensajes|messages postés|"
                          r"berichten|postingan)$", re.IGNORECASE)
# "Received 8 Upvotes on 7 Posts", "Thanked 12 Times in 9 Posts": vBulletin's counts of a poster's thanks
_COUNTED_ON = re.compile(r"^(?:received|thanked)\s+[\d.,]+\s+(?:\w+\s+){0,2}(?:on|in)\s+[\d.,]+\s+posts?$", re.IGNORECASE)
_JOINED = re.compile(r"^(?:joined|join date|registered|member since|registriert|registriert seit|mitglied seit|"
                     r"dabei seit|registrato|registrado|inscrit le|lid sinds|geregistreerd|bergabung)\b", re.IGNORECASE)
# Words of the ranks forums print under a name.
_RANK = re.compile(r"\b(?:member|members|moderator|moderators|mod|admin|administrator|expert|contributor|newbie|"
                   r"guru|veteran|senior|junior|user|staff|regular|professional|supporter|legend|mvp|master|addict|"
                   r"enthusiast|rookie|beginner|novice|elite|vip|premium|banned|guest|registered|active|well-known|"
                   r"mitglied|benutzer|moderatorin|erfahrener|neuling|membre|membro|miembro|utente|anggota|"
                   r"kaskuser|team|developer|founder|owner|helper|specialist|scientist|genius|participant|keymaster|"
                   r"poster|starter|"                                  # vBulletin: "Original Poster", "Thread Starter"
                   r"新手上路|注册会员|註冊會員|中级会员|高级会员|金牌会员|论坛元老|管理员|管理員|超级版主|版主)\b",
                   re.IGNORECASE)
_NUMBER = re.compile(r"^#\d{1,6}$")
# What ends the lines above a poster's block: the previous message's buttons, the thread table's headings.
_BOUNDARY = re.compile(r"^(?:top|quote|reply|find|share|tweet|comment|post cancel|cancel|report|like|edit|"
                       r"link to comment|share on other sites|more sharing options\.*|go to top|kutip|balas|"
                       r"author|message|autor|auteur|nachricht|beitrag)$", re.IGNORECASE)
# "#2 Post by NAME » DATE" (phpBB), "Post #3 DATE" (Flarum): the message's own header line.
_POST_BY = re.compile(r"^(?:#\d{1,6}\s+)?(?:post )?by (?P<name>[^»]{1,60}?) » (?P<date>.+)$", re.IGNORECASE)
_REACH = 10
_STATUS = re.compile(r"^(?:online|offline|away|en ligne|hors ligne|abwesend)$", re.IGNORECASE)


def poster_blocks(lines: list[str]) -> list[tuple[int, CommentHeader]] | None:
    """(first line, header) of each message under a poster's block, or None when the copy shows none."""
    blocks = _stat_runs(lines)
    if not blocks:
        return None
    heads: list[tuple[int, CommentHeader]] = []
    floor = 0
    shape = _dates_by_names(lines, blocks)
    known = _known_names(lines, blocks)
    for first, last in blocks:
        over = _date_over(lines, first, floor) if shape == "over" else None
        start = over[1] if over else _known_name_line(lines, first, floor, known)
        if start is None:
            start = _name_line(lines, first, floor)
        if start is None:
            return None
        name = _POSTED_BY_NAME.sub("", lines[start].strip())
        if first == last and _RANK.search(name) and len(name.split()) <= 3:
            return None                   # "Member / 233 posts" over the name: a block of one statistic needs its name
        end, found = _date_after(lines, last, shape is not None)
        found = found or _date_within(lines, start, first)
        post_by = _POST_BY.match(lines[end - 1].strip())
        if post_by:
            name = post_by.group("name").strip()
        if over:
            start, found = over[0], over[2]
        if found is None:
            found = _number_date_above(lines, start, floor)
        end = _past_reply_subject(lines, end)
        heads.append((start, CommentHeader(name, found, end - start)))
        floor = end
    if len(heads) >= 2:
        return _with_opening(lines, heads)
    first_prose = next((k for k, line in enumerate(lines) if len(line.split()) >= 12
                        and line.rstrip().endswith((".", "!", "?", "…", ":"))), len(lines))
    return heads if heads[0][0] < first_prose else None     # one message: its block opens the page's text


_POSTED_BY_NAME = re.compile(r"^(?:posted|written|submitted|geschrieben|verfasst|publié|publicado)\s+(?:by|von|par|por)\s+",
                             re.IGNORECASE)
# "NAME wrote:", "Quote from: NAME on DATE", "Zitat von NAME": an earlier message quoted, naming its poster
_QUOTED_NAME = re.compile(rf"^(?:(?:{QUOTE_FROM}|quote)\s*:?\s+(?P<from>\S.{{0,40}}?)\s+{QUOTE_ON}\s|"
                          rf"(?P<name>\S.{{0,40}}?)\s+{QUOTE_WROTE}\b)", re.IGNORECASE)
_NAME_REACH = 6     # lines above a poster's statistics that may still be its block (name, ranks, place)


# "Posted by NAME on DATE" over the opening message's text, where the replies carry poster blocks
_OPENING_BY = re.compile(r"^(?:posted|started|written|submitted|geschrieben|verfasst)\s+(?:by|von)\s+(?P<name>\S.{0,40}?)"
                         r"(?:\s+(?:on|am)\s+|\s*,\s*)(?P<date>\S.{4,40})$", re.IGNORECASE)


def _with_opening(lines: list[str], heads: list[tuple[int, CommentHeader]]) -> list[tuple[int, CommentHeader]]:
    """The opening message printed under a byline of its own rather than a poster's block ("Posted by NAME on
    DATE" over its text, the replies under blocks): its byline is the first message's header. A byline with no
    text under it ("Started by NAME, DATE" over the topic's buttons) opens nothing."""
    for k in range(heads[0][0] - 1, max(-1, heads[0][0] - 60), -1):
        match = _OPENING_BY.match(lines[k].strip())
        if match is None or not _nameish(match.group("name")) or (found := date_line(match.group("date"))) is None:
            continue
        text = next((lines[n].strip() for n in range(k + 1, heads[0][0]) if lines[n].strip()), "")
        if len(text.split()) >= 12 or SENTENCE_END.search(text) and len(text.split()) >= 4:
            return [(k, CommentHeader(match.group("name").strip(), found, 1)), *heads]
        break
    return heads


def _known_names(lines: list[str], blocks: list[tuple[int, int]]) -> set[str]:
    """Names the copy shows to be posters' beyond one block's shape: the names quotations give ("NAME wrote:",
    "Quote from: NAME on"), and the top of what two blocks with the same statistics share (one poster's block
    printed twice, its name, ranks and counts the same, the lines above it the previous messages' own)."""
    known = {(m.group("from") or m.group("name")).strip() for line in lines if (m := _QUOTED_NAME.match(line.strip()))}
    by_stats: dict[tuple[str, ...], list[int]] = {}
    for first, last in blocks:
        by_stats.setdefault(tuple(line.strip() for line in lines[first:last + 1] if line.strip()), []).append(first)
    for firsts in by_stats.values():
        if len(firsts) < 2:
            continue
        above = [[lines[n].strip() for n in range(first - 1, max(-1, first - 12), -1) if lines[n].strip()][:_NAME_REACH]
                 for first in firsts]
        shared = 0
        while shared < _NAME_REACH and all(len(run) > shared and run[shared] == above[0][shared] for run in above) \
                and _nameish(above[0][shared]):
            shared += 1
        names = [line for line in above[0][:shared] if len(line) > 2]     # not an avatar's initial over it
        if names:
            known.add(names[-1])
    return {name for name in known if _nameish(name)}


def _known_name_line(lines: list[str], first: int, floor: int, known: set[str]) -> int | None:
    """The lowest of the name-like lines right above a poster's statistics that the copy shows to be a poster's
    name (:func:`_known_names`): "jahboater" under the previous message's "Thank you", "Arantor" over ranks no
    rank word gives away ("Resident Overthinker", "SMF Friend")."""
    seen = 0
    for k in range(first - 1, max(floor, first - 12) - 1, -1):
        text = lines[k].strip()
        if not text:
            continue
        if text in known or _POSTED_BY_NAME.sub("", text) in known:
            return k
        seen += 1
        if seen == _NAME_REACH or not (_nameish(text) or date_line(text) is not None):
            return None
    return None


def _date_within(lines: list[str], start: int, first: int) -> FoundDate | None:
    """The message's date printed inside the poster's block, between its name and its statistics ("Posted by
    NAME / place / 07/03/24 03:30 PM / 4931 posts")."""
    return next((found for n in range(start + 1, first) if (found := date_line(lines[n].strip())) is not None), None)


def forum_title(lines: list[str], heads: list[tuple[int, CommentHeader]]) -> str | None:
    """The thread's subject: the line the first message's header prints beside the poster's block (phpBB's
    subject over "#1 Post by", vBulletin's under "#1"), else the heading right above the first block."""
    start, header = heads[0]
    replies = Counter(_REPLY_SUBJECT.sub("", line.strip()) for line in lines if _REPLY_SUBJECT.match(line.strip()))
    if replies and (subject := replies.most_common(1)[0])[1] >= 2 and any(line.strip() == subject[0] for line in lines):
        return subject[0]                 # "Re: SUBJECT" over two replies or more, SUBJECT printed too (SMF)
    for line in lines[start + 1: start + header.lines]:
        if _subject(line, header.name):
            return line.strip()
    by = re.compile(rf"^(?:by|von|par|por|di|door|oleh)\s+{re.escape(header.name or '')}$", re.IGNORECASE)
    for k in range(start - 1, 0, -1):    # "TITLE / By NAME / DATE in FORUM" (Invision), the poster's own name
        if by.match(lines[k].strip()):
            above = next((lines[n].strip() for n in range(k - 1, max(-1, k - 4), -1) if lines[n].strip()), "")
            if _subject(above, header.name):
                return above
    return next((line.strip() for line in reversed(lines[:start]) if line.strip()
                 and _subject(line, header.name) and not re.search(r"\d", line)), None)


def _subject(line: str, name: str | None) -> bool:
    text = line.strip()
    return len(text) >= 3 and text_words(text) >= 2 and bool(re.search(r"[^\W\d]", text)) \
        and not chrome.is_chrome_line(text) and text.lower() not in FURNITURE and date_line(text) is None \
        and not _STAT.match(text) and not _COUNT_FIRST.match(text) and not _COUNTED_ON.match(text) \
        and not _NUMBER.match(text) \
        and not _POST_BY.match(text) \
        and not (name and name in text) and not (_RANK.search(text) and len(text.split()) <= 3) \
        and not _TIME.match(text) \
        and find_date(text) is None and words_date(text) is None \
        and not re.fullmatch(r"\[[^\]]*\]", text)         # "Beginndatum 3. Mai 2020"; "[复制链接]", a button


def _stat_runs(lines: list[str]) -> list[tuple[int, int]]:
    """(first, last) line of each run of statistics lines, gaps of one line (a value under its label, or
    over it as Discuz! prints "1" over "主题") allowed."""
    runs: list[list[int]] = []
    for k, line in enumerate(lines):
        if not _stat(lines, k):
            continue
        if runs and sum(1 for line in lines[runs[-1][-1] + 1:k] if line.strip()) <= 1:
            runs[-1].append(k)                    # (blank lines between, as a copied table cell has them)
        else:
            runs.append([_above(lines, k), k] if _value_above(lines, k) else [k])
    singles = [run for run in runs if len(run) == 1 and _dated_near(lines, run[0])]
    labels = Counter(_stat_label(lines[run[0]]) for run in singles)
    return [(run[0], run[-1]) for run in runs if len(run) >= 2    # "Posts" alone is a menu's, unless it is
            or run in singles and labels[_stat_label(lines[run[0]])] >= 2]   # every message's, dated (SMF)


def _stat_label(line: str) -> str:
    """The label of a statistics line, its value left out ("Posts: 3,760", "4931 posts": "posts")."""
    return re.sub(r"[\d.,:]+[kKmM]?", "", line).strip().casefold()


def _dated_near(lines: list[str], k: int) -> bool:
    """A date line within four lines of a statistics line, above or under it: the message's own date, as a
    block of one statistic prints it (SMF's "Posts: 76,825 / Logged / Re: SUBJECT / #1 / DATE")."""
    filled = [n for n in range(max(0, k - 8), min(len(lines), k + 9)) if n != k and lines[n].strip()]
    near = [n for n in filled if n < k][-4:] + [n for n in filled if n > k][:4]
    return any(date_line(lines[n].strip()) is not None for n in near)


def _stat(lines: list[str], k: int) -> bool:
    """A statistics line with its value: "Posts: 668", or "Joined" over "Apr 18, 2015", "Messages" over "343"."""
    match = _STAT.match(lines[k].strip())
    if match is None:
        return bool(_COUNT_FIRST.match(lines[k].strip()) or _COUNTED_ON.match(lines[k].strip()))
    if match.group("value").strip():
        return bool(re.search(r"\d", match.group("value"))) or match.group("label").lower() in _PLACE_LABELS \
            or match.group("value").strip().lower() == "n/a"          # a guest's "Posts: n/a" (vBulletin)
    if _value_above(lines, k):
        return True
    after = lines[k + 1].strip() if k + 1 < len(lines) else ""
    return bool(after) and (bool(re.fullmatch(r"[\d.,]+[kKmM]?", after)) or date_line(after) is not None
                            or find_date(after) is not None)


def _value_above(lines: list[str], k: int) -> bool:
    """A label alone on its line under its number ("1" over "主题"), the label being one of a run: the line
    under it is a number or another label's value in the same shape."""
    match = _STAT.match(lines[k].strip())
    above = lines[_above(lines, k)].strip() if k > 0 else ""
    return bool(match) and not match.group("value").strip() and bool(re.fullmatch(r"[\d.,]+[kKmM万]?", above))


def _above(lines: list[str], k: int) -> int:
    """The nearest line above ``k`` that is not blank (``k - 1`` when none is)."""
    return next((n for n in range(k - 1, -1, -1) if lines[n].strip()), max(k - 1, 0))


_PLACE_LABELS = {"location", "country", "from", "wohnort", "località", "ubicación", "lokasi"}


def _name_line(lines: list[str], first: int, floor: int) -> int | None:
    """The poster's name: the top of the (at most two) name-like lines above the block's statistics, under
    the previous message's buttons, an avatar's initial or the table's "Author" heading; rank lines are
    passed ("Global Moderator"; "Comrade Commissar" under "Administrator": a line under a rank is a rank)."""
    candidates: list[int] = []
    ranks: list[int] = []
    for k in range(first - 1, max(floor, first - 6) - 1, -1):
        text = lines[k].strip()
        if not text:
            if candidates:
                break                     # the block is tight; a blank line ends it above
            continue
        if _POSTED_BY_NAME.match(text) and _nameish(_POSTED_BY_NAME.sub("", text)):
            return k                      # "Posted by NAME" tops the block
        if not candidates and not ranks and date_line(text) is not None:
            continue                      # the message's date inside the block, under the name and place
        if _RANK.search(text) and len(text.split()) <= 3 and not _BOUNDARY.match(text) and ":" not in text \
                and not candidates:
            ranks.append(k)               # "Member" under "wup", "Members" (the group) under it: no names
            continue
        if not _nameish(text) or ":" in text or "/" in text:
            if _RANK.search(text) and len(text.split()) <= 3 and not _BOUNDARY.match(text):
                candidates = []           # read as chrome elsewhere; what is under it is a rank
                continue
            break
        if len(text) <= 2 and not candidates and ranks:
            candidates.append(k)          # "BC" over the rank: a place under the name, or a short name
            continue
        if len(text) <= 2 or _BOUNDARY.match(text):
            break                         # an avatar's initial, a button, the "Author" column's heading
        candidates.append(k)
        if len(candidates) == 2 or ranks:
            break                         # over ranks, the name is the first name-like line
    if not candidates:
        return ranks[-1] if ranks else None   # "Master Chief" over "Member": a name with a rank's word
    top = candidates[-1]
    if len(candidates) == 2 and _RANK.search(lines[top]):
        return candidates[0]
    return top


def _nameish(text: str) -> bool:
    if re.fullmatch(r"\d{5,12}", text):
        return True            # a user named by digits alone (a QQ number, as Chinese forums allow), over the block
    return name_like(text, words=4) and text.lower() not in FURNITURE and not chrome.is_chrome_line(text) \
        and date_line(text) is None and not _NUMBER.match(text) and _STAT.match(text) is None \
        and not _COUNT_FIRST.match(text)


def _dates_by_names(lines: list[str], blocks: list[tuple[int, int]]) -> str | None:
    """Where the messages' dates stand outside the poster's blocks: "over" where a date line (a time line
    under it allowed) is right over every poster's name, the first's too (Simple:Press: "DATE / TIME / NAME /
    place / rank / Forum Posts: N"); "below" where it is over every name but the first's, so that each date
    closes the message above it. None where the dates are in the blocks or after them."""
    if len(blocks) < 3:
        return None
    dated = [_date_over(lines, first, 0) is not None for first, _ in blocks]
    if sum(dated[1:]) < max(2, (len(dated) - 1) * 2 // 3):
        return None
    return "over" if dated[0] else "below"


_TIME = re.compile(r"^\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?$", re.IGNORECASE)


def _date_over(lines: list[str], first: int, floor: int) -> tuple[int, int, FoundDate] | None:
    """The date over a poster's block whose statistics start at ``first``: a date line (a time line under it
    allowed) over the name and a few short lines (place, ranks). Its line, the name's line and the date."""
    shorts: list[int] = []
    for k in range(first - 1, max(floor, first - 12) - 1, -1):
        text = lines[k].strip()
        if not text or _NUMBER.match(text):
            continue                      # vBulletin 3.9: "DATE / #2 / NAME": the message's number is no name
        if _TIME.match(text) and not shorts:
            return None
        if _TIME.match(text) or (date_line(text) is not None and not _NUMBER_DATE.match(text)):
            date_at = k
            if _TIME.match(text):
                date_at = next((n for n in range(k - 1, max(-1, k - 3), -1) if lines[n].strip()), -1)
                if date_at < 0 or date_line(lines[date_at].strip()) is None:
                    return None
            found = date_line(lines[date_at].strip())
            return (date_at, shorts[-1], found) if shorts and found is not None else None
        if len(text.split()) > 4 or SENTENCE_END.search(text) or len(shorts) == 4:
            return None
        shorts.append(k)
    return None


def message_date_below(body: list[str]) -> tuple[list[str], FoundDate | None]:
    """A message's date printed as its last lines ("August 29, 2011" / "6:52 am"): the body without them
    and the date, or the body unchanged and None."""
    filled = [k for k, line in enumerate(body) if line.strip()]
    if len(filled) < 2:
        return body, None
    last = filled[-1]
    if _TIME.match(body[last].strip()):
        last = filled[-2]
    found = date_line(body[last].strip())
    if found is None or last == filled[0]:
        return body, None
    return body[:last], found


def _date_after(lines: list[str], last: int, below: bool = False) -> tuple[int, FoundDate | None]:
    """The line after the message's header (its date, its number) and the date: the first date after the
    statistics that is not the join date ("Joined: Apr 18, 2015" under its label); where the messages are
    dated under their text (``below``), only the block's own lines are passed."""
    end = last + 1
    for k in range(last + 1, min(len(lines), last + _REACH)):
        text = lines[k].strip()
        if not text:
            continue
        post_by = _POST_BY.match(text)
        if post_by:
            return k + 1, find_date(post_by.group("date"))
        label = lines[k - 1].strip() if k > 0 else ""
        if _stat(lines, k) or (_JOINED.match(label) and not label[-1:].isdigit()):   # "Joined" over its date
            end = k + 1 if end == k or not any(line.strip() for line in lines[end:k]) else end
            continue
        if _STATUS.match(text) and not any(line.strip() for line in lines[end:k]):
            end = k + 1                   # "Offline" under the block (Simple:Press, FluxBB)
            continue
        if below:
            if _NUMBER.match(text) or re.fullmatch(r"\d{1,6}", text):
                end = k + 1 if not any(line.strip() for line in lines[end:k]) else end
                continue
            break
        stamp = date_line(text) or _labelled_date(text)
        if stamp is not None:
            end = k + 1
            if k + 1 < len(lines) and _NUMBER.match(lines[k + 1].strip()):
                end = k + 2               # "DATE" over "#1"
            return end, stamp
        if _NUMBER.match(text):
            end = k + 1                   # no date this program's way: the text starts after the number
            continue
        if text.lower() in FURNITURE or len(text.split()) <= 3:
            continue                      # "Quote", "Share", "Tweet"
        if len(text.split()) > 12 or SENTENCE_END.search(text) and len(text.split()) >= 4 \
                and not _date_ahead(lines, k):
            break                         # the message's text: a long line, or a sentence with no date under it
                                          # (a subject over the date: "How is everyone using AI? / DATE")
    return end, None


def _date_ahead(lines: list[str], k: int) -> bool:
    """The message's date right under line ``k``, or under the message's number there ("SUBJECT / #1 / DATE")."""
    filled = [n for n in range(k + 1, min(len(lines), k + 8)) if lines[n].strip()][:2]
    if filled and _NUMBER.match(lines[filled[0]].strip()):
        filled = filled[1:]
    return bool(filled) and date_line(lines[filled[0]].strip()) is not None


_NUMBER_DATE = re.compile(r"^#\d{1,6}\s+(?P<date>\S.{5,60})$")
_REPLY_SUBJECT = re.compile(rf"^{REPLY_PREFIX}\s*(?:\^\d+|\[\d+\])?\s*:\s*(?=\S)", re.IGNORECASE)


def _number_date_above(lines: list[str], start: int, floor: int) -> FoundDate | None:
    """FluxBB prints the message's number and date over the poster's block ("#3 2024-08-03 15:48:19" over
    the name): the block's own statistics hold no date but the join date."""
    above = next((k for k in range(start - 1, floor - 1, -1) if lines[k].strip()), None)
    match = _NUMBER_DATE.match(lines[above].strip()) if above is not None else None
    return date_line(match.group("date")) if match else None


def _past_reply_subject(lines: list[str], end: int) -> int:
    """The header ends under a "Re: SUBJECT" line printed right under it (FluxBB, phpBB), past a link or two
    of the block ("Website"): the subject of the thread, repeated, is no word of the message."""
    for n in range(end, min(len(lines), end + 4)):
        text = lines[n].strip()
        if _REPLY_SUBJECT.match(text):
            return n + 1
        if len(text.split()) > 2:
            break
    return end


# "发表于 2024-5-18 19:27:00 | 只看该作者 | 倒序浏览": Discuz!'s date line, its label and links around the date.
_POSTED_AT = re.compile(r"^(?:发表于|發表於|发布于|發佈於|posted(?: on)?)\s*(?P<date>[^|]{4,40}?)\s*(?:\||$)", re.IGNORECASE)


def _labelled_date(text: str) -> FoundDate | None:
    match = _POSTED_AT.match(text)
    return date_line(match.group("date")) if match else None


# "Posted July 5, 2023 (edited)": Invision's date line.
_POSTED = re.compile(r"^(?:posted|gepostet|publié|inviato|publicado|geplaatst)\s+(?P<date>.+?)"
                     r"(?:\s*\((?:edited|bearbeitet|modifié|modificato|editado)\))?$", re.IGNORECASE)


def unlabelled_blocks(lines: list[str]) -> list[tuple[int, CommentHeader]] | None:
    """Messages whose header has no statistics labels: the name printed twice around its date (Invision:
    "NAME / Posted DATE / NAME / rank / group / counts / Posted DATE"), or "NAME / DATE / #N" (Kaskus,
    whose opening message, above "#1", is "NAME / DATE" alone), or "DATE #N / NAME / rank" (bbPress), or
    "DATE / #N / NAME / ranks / counts" (XenForo's compact style), or "NAME / (@handle) / rank" (wpForo)."""
    return _named_twice(lines) or _numbered(lines) or _dated_first(lines) or _number_over_name(lines) \
        or _handle_under_name(lines)


def _stamp(line: str) -> FoundDate | None:
    text = line.strip()
    if (found := date_line(text)) is not None:
        return found
    posted = _POSTED.match(text)
    return date_line(posted.group("date")) or find_date(posted.group("date")) if posted else None


_COUNT_AFTER = re.compile(r"\s+[\d,.]+[km]?$", re.IGNORECASE)


def _named_twice(lines: list[str]) -> list[tuple[int, CommentHeader]] | None:
    heads: list[tuple[int, CommentHeader]] = []
    k = 0
    while k < len(lines) - 2:
        whole = lines[k].strip()
        again = lines[k + 2].strip()
        name = again if again == whole else _COUNT_AFTER.sub("", whole)   # "PinkElephant 9,292": the reputation
        if name and _nameish(name) and (found := _stamp(lines[k + 1])) is not None and again == name:  # after it;
                                                                           # "Agent 47" printed twice is the name
            end = next((n + 1 for n in range(k + 3, min(len(lines), k + 14)) if _stamp(lines[n]) is not None), k + 3)
            heads.append((k, CommentHeader(name, found, end - k)))
            k = end
            continue
        k += 1
    return heads if len(heads) >= 2 else None


def _numbered(lines: list[str]) -> list[tuple[int, CommentHeader]] | None:
    numbered = [k for k in range(len(lines) - 2) if _nameish(lines[k].strip()) and len(lines[k].strip()) > 2
                and _stamp(lines[k + 1]) is not None and _NUMBER.match(lines[k + 2].strip())]
    if len(numbered) < 2:
        return None
    heads = _valued(lines, numbered) or [(k, CommentHeader(lines[k].strip(), _stamp(lines[k + 1]), 3)) for k in numbered]
    opening = next((k for k in range(numbered[0] - 1, -1, -1) if _nameish(lines[k].strip())
                    and len(lines[k].strip()) > 2 and _stamp(lines[k + 1]) is not None), None)
    if opening is not None:
        heads.insert(0, (opening, CommentHeader(lines[opening].strip(), _stamp(lines[opening + 1]), 2)))
    return heads


def _valued(lines: list[str], numbered: list[int]) -> list[tuple[int, CommentHeader]] | None:
    """XenForo's poster block ends in labelled fields ("Joined / DATE / Messages / 523 / Location / Pittsburgh,
    PA") right over "DATE / #N": the line over the date is then a field's value, under the same label in two in
    three blocks, and three labels or more each over a value. The fields' labels are the short lines most blocks
    print alike; the poster's name is the first
    line over the topmost of them, above ranks and badges (under the blank line, the "Reactions:" line or the
    dated line that ends what is above); the header starts there. None where no label repeats so."""
    labels = Counter(lines[k - 1].strip() for k in numbered if k)
    label, seen = labels.most_common(1)[0] if labels else ("", 0)
    if 3 * seen < 2 * len(numbered) or not label or text_words(label) > 3 or re.search(r"\d", label):
        return None
    fields = [_field_run(lines, k) for k in numbered]
    printed = Counter(text for run in fields for text in {lines[n].strip() for n in run})
    alike = {text for text, count in printed.items() if 3 * count >= 2 * len(numbered) and text_words(text) <= 3
             and not re.search(r"\d", text)}
    paired = sum(sum(lines[n].strip() in alike and lines[n + 1].strip() not in alike for n in run) >= _FIELDS
                 for run in fields)
    if 3 * paired < 2 * len(numbered):
        return None             # buttons printed alike ("Kutip / Balas") over the name: no fields, the name stands
    heads: list[tuple[int, CommentHeader]] = []
    for k, run in zip(numbered, fields, strict=True):
        first = next((n for n in run if lines[n].strip() in alike), None)
        top = first if first is not None else k
        while first is not None and top - 1 >= max(0, first - _RANKS) and (line := lines[top - 1].strip()) \
                and text_words(line) <= 5 and ":" not in line and find_date(line) is None and line not in alike:
            top -= 1
        while top < k - 1 and (len(lines[top].strip()) <= 2 or BADGE.match(lines[top].strip())):
            top += 1               # a letter avatar ("D") or a badge ("OP") over the name
        name = lines[top].strip()
        heads.append((top, CommentHeader(name, _stamp(lines[k + 1]), k + 3 - top)) if top < k - 1 and _nameish(name)
                     else (k, CommentHeader(lines[k].strip(), _stamp(lines[k + 1]), 3)))
    moved = sum(head != k for (head, _), k in zip(heads, numbered, strict=True))
    return heads if 3 * moved >= 2 * len(heads) else None


def _field_run(lines: list[str], k: int) -> list[int]:
    """The short lines over the name-like line ``k`` (the last field's value), top first: a block's fields."""
    run: list[int] = []
    n = k - 1
    while n >= max(0, k - _BLOCK_REACH) and (line := lines[n].strip()) and text_words(line) <= 5 \
            and not SENTENCE_END.search(line):
        run.insert(0, n)
        n -= 1
    return run


_FIELDS = 3              # labelled fields ("Joined / DATE", "Messages / 523") that make a poster's block
_RANKS = 6               # lines of ranks and badges between a poster's name and the first field's label
_BLOCK_REACH = 16        # lines of a poster's block over its date: name, rank, badges, labelled fields
_DATE_NUMBER = re.compile(r"^(?P<date>.{6,60}?)\s+#\d{1,9}$")


def _dated_first(lines: list[str]) -> list[tuple[int, CommentHeader]] | None:
    """bbPress: each message under "DATE #N", then the poster's name and a rank ("Participant"): a date with
    the message's number over a name is a forum's header, also for a topic of one message."""
    heads: list[tuple[int, CommentHeader]] = []
    for k in range(len(lines) - 1):
        match = _DATE_NUMBER.match(lines[k].strip())
        name = lines[k + 1].strip()
        if not match or (found := date_line(match.group("date"))) is None or not _nameish(name) or len(name) <= 2:
            continue
        size = 3 if k + 2 < len(lines) and _RANK.search(lines[k + 2]) and len(lines[k + 2].split()) <= 3 else 2
        heads.append((k, CommentHeader(name, found, size)))
    return heads or None


# Who reacted to a message, printed under it: "NAME dan 6 lainnya memberi reputasi" (Kaskus), "Reactions:
# NAME, NAME and 2 others" (XenForo), "NAME and 3 others liked this": names, but of no writer and no text.
_REACTIONS = re.compile(r"^(?:(?:reactions?|reaktionen|réactions|likes?)\s*:\s*\S.{0,200}|"
                        r"\S.{0,80}?\s+memberi reputasi|"
                        r"\S.{0,80}?\s+(?:liked this|like this|reacted to this( post)?))$", re.IGNORECASE)


# A message's buttons, each on a line of its own in a copy: "Quote", "Reply", "Kutip", "Lihat 1 Balasan".
_BUTTON = re.compile(r"^(?:top|quote|reply|find|share|tweet|comment|post cancel|report|link to comment|"
                     r"share on other sites|more sharing options\.*|kutip|balas|balasan|lihat \d+ balasan)$", re.IGNORECASE)


def without_reactions(units: list) -> None:
    """Take the reaction lines and the buttons out of each message's text (its Markdown and plain lines)."""
    def kept(line: str) -> bool:
        text = line.replace("\\", "").strip()
        return not (_REACTIONS.match(text) or _BUTTON.match(text))
    for unit in units:
        unit.text = re.sub(r"\n{3,}", "\n\n", "\n".join(filter(kept, unit.text.split("\n")))).strip()
        unit.lines = [line for line in unit.lines if kept(line)]


# "Re: SUBJECT by NAME: 9:43pm On Dec 09, 2023" (Nairaland): the thread's subject, its poster and the time, one line.
_SUBJECT_BY = re.compile(rf"^(?:{REPLY_PREFIX}\s*:\s*)?" r"(?P<subject>\S.{0,150}?)\s+(?:by|von|par|por|di|door|oleh)\s+"
                         r"(?P<name>[^:]{1,40}?):\s*(?P<when>\S.{2,40}?)\*?$", re.IGNORECASE)


_OPENS_WITH_TIME = re.compile(r"^(?:\d{1,2}[:.]\d{2}|\d{1,2}[./-]\d{1,2}|\d{4}-\d{2}|[^\W\d_]{3,12}\.? \d{1,2}\b)")
_LABEL_WORD = re.compile(r"^(?:posted|submitted|written|published|started|geschrieben|verfasst)$", re.IGNORECASE)


def subject_headers(lines: list[str]) -> tuple[str, list[tuple[int, CommentHeader]]] | None:
    """The thread's subject and its messages where each message's header repeats the subject, "[Re: ]SUBJECT by
    NAME: TIME On DATE": two or more lines naming one subject, a name and a time (a date without its year leaves the
    message undated). The repeated subject is what tells a header from a sentence with "by" in it."""
    found: dict[str, list[tuple[int, re.Match[str]]]] = {}
    for k, line in enumerate(lines):
        match = _SUBJECT_BY.match(line.strip()) if len(line) <= 260 else None    # no header is longer
        if match and _OPENS_WITH_TIME.match(match.group("when")) and _nameish(match.group("name").strip()) \
                and not re.search(r"\d[/.-]\d", match.group("name")) and not _LABEL_WORD.match(match.group("subject")):
            found.setdefault(match.group("subject").casefold(), []).append((k, match))
    runs = [run for run in found.values() if len(run) >= 2]
    if not runs:
        return None
    run = max(runs, key=len)
    heads = [(k, CommentHeader(match.group("name").strip(), find_date(match.group("when")), 1)) for k, match in run]
    return run[0][1].group("subject"), heads


_COUNT = re.compile(r"^[\d.,]+[kKmM]?$")
_BLOCK_REACH = 8    # lines under a poster's name that may still be its ranks and counts


def _number_over_name(lines: list[str]) -> list[tuple[int, CommentHeader]] | None:
    """Messages numbered in a row ("#1", "#2", …), each number under the message's date and over its poster's
    name, then the poster's ranks and counts ("Science Advisor", "19,378"): the header runs from the date to
    the last count; a poster with no counts under the name has a header of the name alone."""
    numbers = [k for k, line in enumerate(lines) if _NUMBER.match(line.strip())]
    values = [int(lines[k].strip()[1:]) for k in numbers]
    if len(numbers) < 2 or any(b != a + 1 for a, b in zip(values, values[1:], strict=False)):
        return None
    heads: list[tuple[int, CommentHeader]] = []
    for k in numbers:
        above = next((n for n in range(k - 1, max(-1, k - 3), -1) if lines[n].strip()), None)
        name_at = next_filled(lines, k)
        if above is None or (found := date_line(lines[above].strip())) is None or name_at is None \
                or not _nameish(name := lines[name_at].strip()) or len(name) <= 2:
            return None
        end = name_at + 1
        for n in range(name_at + 1, min(len(lines), name_at + _BLOCK_REACH)):
            text = lines[n].strip()
            if not text:
                continue
            if len(text.split()) > 4 or SENTENCE_END.search(text):
                break
            if _COUNT.match(text):
                end = n + 1
        heads.append((above, CommentHeader(name, found, end - above)))
    return heads


_HANDLE = re.compile(r"^\(@[\w.-]{1,40}\)$")      # "(@rodrigo-detector)": the poster's handle under the name


def _handle_under_name(lines: list[str]) -> list[tuple[int, CommentHeader]] | None:
    """Messages headed "NAME / (@handle) / rank" (wpForo): the handle in brackets under a name-like line, a short
    rank line under it ("Membro Moderator", "Eminent Member") belonging to the header; two or more."""
    heads: list[tuple[int, CommentHeader]] = []
    for k, line in enumerate(lines):
        if not _HANDLE.match(line.strip()):
            continue
        above = next((n for n in range(k - 1, max(-1, k - 3), -1) if lines[n].strip()), None)
        if above is None or not _nameish(name := lines[above].strip()):
            continue
        end = k + 1
        rank = next_filled(lines, k)
        if rank is not None and len(lines[rank].split()) <= 3 and _RANK.search(lines[rank]) \
                and not SENTENCE_END.search(lines[rank].strip()):
            end = rank + 1
        heads.append((above, CommentHeader(name, None, end - above)))
    return heads if len(heads) >= 2 else None

