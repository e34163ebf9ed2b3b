"""Who wrote a unit, when the capture does not say so explicitly.

Text captures lose the comment metadata, but writers sign their words: a
sign-off at the end ("JS", "— Tomasz", "All my best, AG", "Thanks, Helen",
"Mary" alone on the last line), or a greeting in a reply that names the person
answered ("Dear Pop–"). Each finding records *how* it was found, so a guess is
never presented as fact: anything weaker than the writer's own signature or an
explicit field stays a hint and the editor is warned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NAME_WORD = r"[A-Z][a-zà-ÿ'’]+(?:-[A-Z][a-zà-ÿ'’]+)?"
_NAME = rf"(?:{_NAME_WORD}(?: {_NAME_WORD}){{0,2}}|{_NAME_WORD} [A-Z]\.?)"
_INITIALS = r"(?:[A-Z]{2,3}|(?:[A-Z]\.){2,3}|[A-Z]\. ?[A-Z]\.)"
_SIGNATURE = rf"(?:{_INITIALS}|{_NAME})"

_CLOSINGS = (r"(?i:all (?:my|the) best|all best|best(?: wishes| regards)?|warm(?:est)? regards|kind regards|regards|"
             r"cheers|thanks(?: again| so much| a lot)?|thank you(?: so much| again)?|many thanks|love|"
             r"with love|hugs|take care|sincerely|yours(?: truly)?|peace|blessings|warmly|be well)")
_NOT_NAMES = {
    "Thanks", "Thank", "Cheers", "Regards", "Best", "Love", "Hugs", "Sincerely", "Yours", "Peace", "Blessings",
    "Warmly", "Anonymous", "Reply", "Delete", "Edit", "Share", "Like", "Amen", "Yes", "No", "Okay", "Ok", "Wow",
    "Hello", "Hi", "Dear", "Again", "Thoughts", "Help", "Please", "Sorry", "Agreed", "Exactly", "Indeed", "True",
    "Great", "Awesome", "Lol", "Haha", "Hope", "Why", "What", "How", "Who", "Well", "So", "And", "But", "Or",
    "The", "This", "That", "Me", "You", "Everyone", "All", "Others", "Everybody", "Comment", "Comments",
    "Be Well", "Take Care", "Good Luck", "God Bless", "Best Wishes", "Kind Regards", "Many Thanks",
    "Thank You", "Same", "Done", "Update", "Later", "Note", "Edited", "Signed", "Enjoy", "Namaste", "Xo", "Xx",
    "Xoxo", "Ps", "PS", "OK", "LOL", "OMG", "BTW", "FYI", "USA", "UK", "US", "CPD", "BPD", "PTSD", "CBT", "DBT",
    "EMDR", "ADHD", "OCD", "NHS", "AMEN", "YES", "NO", "WOW", "HELP", "LMAO", "IMO", "IMHO", "TIA", "EDIT",
}

_DASH_SIGNOFF = re.compile(rf"^\s*[-–—~]+\s*({_SIGNATURE})\s*$")
_CLOSING_SIGNOFF = re.compile(rf"^\s*{_CLOSINGS}[,!.]?\s*[-–—]?\s*({_SIGNATURE})\s*[.!]?\s*$")
_BARE_SIGNOFF = re.compile(rf"^\s*({_SIGNATURE})\s*$")
_TRAILING_SIGNOFF = re.compile(rf"[.!?…)\]”\"](?:\s{{2,}}|\s)[-–—~]?\s*({_INITIALS})\s*$")
_SPACED_SIGNOFF = re.compile(rf"[.!?…)\]”\"]\s{{2,}}[-–—~]?\s*({_NAME_WORD})\s*$")
_GREETING = re.compile(rf"^\s*(?i:dear|hi|hello|hey|hiya|thanks|thank you|@)\s*,?\s*(?i:dr\.?\s+|mr\.?\s+|ms\.?\s+|mrs\.?\s+)?"
                       rf"({_NAME_WORD}(?: {_NAME_WORD})?)\s*(?:[,:!.–—-]|$)")
# "says:" in the languages comment templates ship: sagt, schreibt, meint, dit, écrit, dice, scrive, zegt ...
_SAYS = r"(?i:hat gesagt|hat geschrieben|ha detto|zei|disse|says|said|wrote|writes|replied|commented|sagt|sagte|schreibt|meint|meinte|schrieb|antwortete|dit|a dit|écrit|a écrit|dice|dijo|escribe|escribió|scrive|ha scritto|dice|zegt|schreef|skriver|pisze|napisał)"
# The name before "said...": what a commenter typed, braces, slashes and brackets too ("Dev{eloper} Stonez",
# "Spidey01 / TerryP"), but no sentence's colon or full stop followed by more words.
_EXPLICIT = re.compile(rf"^\s*({_NAME}|[\w.,'’@&!?+{{}}/|#*~^=\[\] -]{{2,40}}?(?: \([^()]{{1,40}}\))?)"
                       rf"\s+{_SAYS}\s*(?::|\.\.\.|…)?\s*$")


@dataclass(frozen=True)
class Finding:
    """An author found in the text, and how: "explicit", "sign-off", "greeting", "initials"."""

    name: str
    how: str
    line_index: int | None = None   # index of the signing line in the unit's lines, when it is a sign-off


def _clean_name(name: str) -> str | None:
    name = name.strip().strip(".,!")
    if not name or name in _NOT_NAMES or name.title() in _NOT_NAMES:
        return None
    return name


def sign_off(lines: list[str]) -> Finding | None:
    """Find the writer's signature at the end of a unit's lines (raw lines, spacing kept).

    Tries, from the last non-empty line up: "— Name", "Closing, Name", a name or
    initials alone (optionally after a closing line), and initials trailing the
    last sentence ("... good enough answer. JS").
    """
    idx = [i for i, line in enumerate(lines) if line.strip()]
    if not idx:
        return None
    last = idx[-1]
    line = lines[last]
    for pattern in (_DASH_SIGNOFF, _CLOSING_SIGNOFF):
        match = pattern.match(line)
        if match and (name := _clean_name(match.group(1))):
            return Finding(name, "sign-off", last)
    match = _BARE_SIGNOFF.match(line)
    if match and len(idx) > 1 and (name := _clean_name(match.group(1))):
        return Finding(name, "sign-off", last)
    for pattern in (_TRAILING_SIGNOFF, _SPACED_SIGNOFF):
        match = pattern.search(line)
        if match and (name := _clean_name(match.group(1))):
            return Finding(name, "sign-off", last)
    return None


_CLOSING_ALONE = re.compile(rf"^\s*{_CLOSINGS}[,!.]?\s*$")
_INITIALS_ALONE = re.compile(rf"^\s*{_INITIALS}\s*$")


def is_closing(line: str) -> bool:
    """A letter's closing or signature on its own line: "Be well", "Cheers, Jane", "— J.S.", "JS" (a name
    alone is not one: "Most Popular" over a teaser list reads as a name too)."""
    return any(pattern.match(line) for pattern in (_CLOSING_ALONE, _CLOSING_SIGNOFF, _DASH_SIGNOFF, _INITIALS_ALONE))


def greeting(lines: list[str]) -> str | None:
    """The name a unit opens by addressing ("Dear Pop–", "Hi Jeff,"), if any."""
    for line in lines:
        if line.strip():
            match = _GREETING.match(line)
            if match:
                return _clean_name(match.group(1))
            return None
    return None


def explicit_author(line: str) -> str | None:
    """"Mary says:" / "Anonymous said..." header lines that text copies of comment threads keep."""
    match = _EXPLICIT.match(line)
    if not match:
        return None
    name = match.group(1).strip()
    return name if len(name.split()) <= 5 else None


def initials_of(name: str) -> str:
    """"Jeffrey Smith" -> "JS"; "J.S." -> "JS"."""
    if re.fullmatch(_INITIALS, name.strip()):
        return re.sub(r"[^A-Z]", "", name)
    return "".join(word[0] for word in re.findall(r"[A-Za-zÀ-ÿ][\w'’-]*", name) if word[0].isupper())


def is_initials(name: str) -> bool:
    return bool(re.fullmatch(_INITIALS, name.strip()))


_FULL_NAME = re.compile(r"\b(?:Dr\.?\s+|Mr\.?\s+|Ms\.?\s+|Mrs\.?\s+|Prof\.?\s+)?([A-Z][a-z]+(?:\s+[A-Z]\.)?\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b")


def expand_initials(initials: str, text: str) -> str | None:
    """The one full name in ``text`` whose initials are ``initials`` ("JS" -> "Jeffrey Smith").

    Only an unambiguous match counts: two different candidates mean no answer.
    """
    wanted = re.sub(r"[^A-Z]", "", initials)
    found = {m.group(1) for m in _FULL_NAME.finditer(text) if initials_of(m.group(1)) == wanted}
    found = {re.sub(r"\s+", " ", name) for name in found}
    return found.pop() if len(found) == 1 else None


def same_person(a: str | None, b: str | None) -> bool:
    """"JS" and "Jeffrey Smith" are the same person; so are "Jeff" and "Jeffrey Smith"."""
    if not a or not b:
        return False
    if a.casefold() == b.casefold():
        return True
    if is_initials(a) != is_initials(b):
        short, full = (a, b) if is_initials(a) else (b, a)
        return initials_of(short) == initials_of(full)
    return False


_BLOG_NAME = re.compile(r"\b(?:his|her|their|the) (?:blog|website|site),? (?:called |named )?"
                        r"([A-Z][\w'’]*(?: (?:of|the|and|a|an|in|on|for|to|&|[A-Z][\w'’]*)){0,6})(?=[.,;:!?)]|$|\s+(?!(?:of|the|and|a|an|in|on|for|to)\b)[a-z])")


def blog_name_near(author: str, text: str) -> str | None:
    """The blog named in the sentence that names the post's author ("Dr. Jeffrey Smith ... his blog Moments of Change")."""
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if author in sentence:
            match = _BLOG_NAME.search(sentence)
            if match:
                return match.group(1).rstrip()
    return None
