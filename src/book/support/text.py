"""Words, slugs and suggestions: small text rules every stage must apply the same way."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from pathlib import Path

from book.support.diagnostics import Report

MAX_WORD = 5_000
"""Characters in one word (a run without a space): pandoc's Typst writer takes time that grows with the
square of a word's length (10,000 characters: 1 s; 100,000: two minutes), and Typst refuses a link
address of 8,000. The longest web address a book prints is far shorter. ruamel.yaml's round-trip
reader is quadratic in one too, in a comment before the first key (1 MB: more than a minute)."""
LONG_WORD = re.compile(r"(?<!\S)\S{%d,}" % (MAX_WORD + 1))
"""Searched from the start of each word only: from every character, a 5 MB paragraph cost a second."""


_BREAKS_WITHIN = r"\p{lb=ID}\p{lb=CJ}\p{lb=SA}\p{lb=H2}\p{lb=H3}\p{lb=JL}\p{lb=JV}\p{lb=JT}"
"""Unicode's line-breaking classes (UAX #14) of scripts written without spaces: ideographs and kana (ID, CJ),
Hangul (H2, H3, JL, JV, JT), and the scripts whose lines break between words a dictionary finds (SA: Thai,
Lao, Khmer, Myanmar). Typst breaks a line beside (for SA, between) them as Unicode says, so a run of them is
no word, however long."""


def _unbroken_run():
    """The pattern of more than ``MAX_WORD`` characters with no line-break opportunity of
    :data:`_BREAKS_WITHIN` between them (the ``regex`` module: ``re`` knows no Unicode properties). Compiled
    only when a run without a space is that long, so that no other build pays for importing ``regex``."""
    import regex

    return regex.compile(r"[^\s%s]{%d,}" % (_BREAKS_WITHIN, MAX_WORD + 1))


def long_word(text: str, scripts_break: bool = False) -> tuple[int, int, str] | None:
    """(line, column, word) of the first run of more than ``MAX_WORD`` characters without a space
    in ``text``, or None. Cheap on ordinary text: only lines longer than the bound are searched.

    With ``scripts_break`` (a chapter's text, which pandoc and Typst read; not YAML, whose reader is
    quadratic in any run without a space), a run is measured by its own line-break opportunities: a Chinese,
    Japanese or Thai paragraph has no spaces, yet breaks between its characters, and only a stretch of more
    than ``MAX_WORD`` characters with no opportunity in it is a word too long (a long address inside it still
    is). The Typst writer's cost in a long run is kept linear by ``styles/pdf/book.lua``, which cuts it.
    """
    if len(text) <= MAX_WORD:
        return None
    unbroken = None
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) <= MAX_WORD:
            continue
        for match in LONG_WORD.finditer(line):
            if not scripts_break:
                return number, match.start() + 1, match.group(0)
            unbroken = unbroken or _unbroken_run()
            inner = unbroken.search(match.group(0))
            if inner is not None:
                return number, match.start() + inner.start() + 1, inner.group(0)
    return None


def report_long_word(text: str, path: Path | None, report: Report, line_offset: int = 0,
                     scripts_break: bool = False) -> bool:
    """E228 at the first word of ``text`` longer than ``MAX_WORD`` (a chapter's, a YAML file's);
    whether there was one. ``scripts_break``: see :func:`long_word`."""
    found = long_word(text, scripts_break)
    if found is None:
        return False
    number, column, word = found
    report.error("E228", f"a word of {len(word):,} characters without a space ('{word[:30]}…'): break it, "
                         f"or shorten the address (at most {MAX_WORD:,} characters)", path, number + line_offset, column)
    return True


_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")


def count_words(text: str) -> int:
    """Words as a reader counts them: "don't" and "self-worth" are one word each, "—" none."""
    return len(_WORD.findall(text))


def slug(text: str, prefix: str = "x") -> str:
    """A file-name-, anchor- and XML-ID-safe id: lower-case ASCII and hyphens, starting with a letter.

    Accents are folded as :func:`file_slug` folds them, so a name gives one id in either Unicode form:
    ``café.md`` saved composed (NFC) and decomposed (NFD, as macOS saves it) were ``caf`` and ``cafe``.
    """
    out = file_slug(text, "")
    if not out or not out[0].isalpha():
        out = prefix + out
    return out


# Latin letters NFKD does not take apart into a base letter and a mark.
_LATIN_LETTERS = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d",
                                "þ": "th", "ı": "i"})


def file_slug(text: str, default: str) -> str:
    """A title as a file name, lower-case ASCII and hyphens: accents folded ("Éléments" -> "elements",
    "Søren" -> "soren") rather than dropped; ``default`` when nothing Latin is left (a Chinese title)."""
    import unicodedata

    parts = unicodedata.normalize("NFKD", unicodedata.normalize("NFC", text).lower().translate(_LATIN_LETTERS))
    folded = "".join(char for char in parts if not unicodedata.combining(char))
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-") or default


def did_you_mean(word: str, known: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The one known word closest to ``word``, when one is close enough to suggest."""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=cutoff)
    return close[0] if close else None


# Characters no book text may hold: C0 controls but tab and newline, DEL, and the non-characters XML
# refuses. A NUL would reach pandoc and Typst; the others break XHTML or print nothing. (The C1 controls,
# U+0080-U+009F, are legal XML and Typst sets U+0085 as a line break; captures keep them.)
# Also the invisible format characters that change how the text around them is shown without being
# seen (Trojan Source): bidirectional embeddings, overrides and isolates, and the deprecated format
# characters. Right-to-left words are set with [words]{dir=rtl}. (A BOM inside the text and the
# Unicode line separators print nothing harmful; sources keep them, and the store round-trips them.)
INVISIBLE_FORMAT = "\u202a-\u202e\u2066-\u2069\u206a-\u206f"
_CONTROL = re.compile(f"[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff{INVISIBLE_FORMAT}]")
SHOWN_PER_FILE = 5


def control_name(char: str) -> str:
    """``control character U+0007`` or ``invisible bidirectional character U+202E``: what was found."""
    if char == "\r":
        return "control character U+000D (a carriage return without a line feed: old Mac line endings; save " \
               "the file with LF or CRLF line endings)"
    if re.match(f"[{INVISIBLE_FORMAT}]", char):
        return f"invisible format character U+{ord(char):04X} (it can reorder or hide the text around it; " \
               "set right-to-left words with [words]{dir=rtl})"
    return f"control character U+{ord(char):04X}"


_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u17b4\u17b5")
"""Characters Unicode files as letters or symbols that draw nothing (Hangul fillers, the blank Braille
pattern, two Khmer vowels no longer used): the usual way to make a name that passes for written."""


def invisible_only(text: str) -> str | None:
    """The first unseen character of ``text`` when the text holds one and nothing that can be seen, else
    None. A name, a title or a writer of ``\\u200b`` or ``\\u3164`` passes every check for an empty value and
    prints an attribution with no one in it (or one that a later edit cannot find); so does one of no-break
    or ideographic spaces. Plain spaces alone are left to the checks for empty values: a YAML reader shows
    them, and they do not pose as a name. A private-use or unassigned character is taken as seen: a font may
    draw it, and a newer Unicode may have given it a letter."""
    import unicodedata

    unseen = None
    for char in text:
        category = unicodedata.category(char)
        if char in _BLANK_LETTERS or category in ("Cf", "Mn", "Me") or (
                category[0] == "Z" and char != " "):        # a no-break or ideographic space alone
            unseen = unseen or char
        elif char != " " and category not in ("Cc", "Cs"):     # tab and newline print nothing either
            return None
    return unseen


def unseen_problem(char: str) -> str:
    """E540's words: what the value holds, and what to write instead."""
    import unicodedata

    return (f"a value made only of characters that print nothing (U+{ord(char):04X} "
            f"{unicodedata.name(char, 'unassigned').lower()}): what the book prints must be seen to be read; "
            "write it in letters, or leave it out if it is not known")


def control_character(text: str) -> str | None:
    """The first character of ``text`` no book text may hold (see :func:`decode_text`), or None."""
    match = _CONTROL.search(text)
    return match.group() if match else None


_LINE_BOM = re.compile("^\ufeff", re.MULTILINE)
"""A byte-order mark at a line's start (the file's own first one is read as the encoding's mark): what
``cat a.md b.md`` leaves of files saved with one. Inside a line it is a zero-width no-break space and stays."""


def decode_text(raw: bytes, path: Path, report: Report) -> str | None:
    """UTF-8 text of a book file, CRLF made LF; None with E106/E121 errors at line:column otherwise."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        data, offset = bytes(exc.object), exc.start    # the bytes after a BOM, and the bad one's offset
        line_start = data.rfind(b"\n", 0, offset) + 1
        line = data.count(b"\n", 0, offset) + 1
        column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
        what = "UTF-16 text, not UTF-8" if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else "not UTF-8 text"
        report.error("E106", f"file is {what}: byte 0x{data[offset]:02x} cannot be decoded (save the "
                             "file as UTF-8)", path, line, column)
        return None
    text = text.replace("\r\n", "\n")
    if not _CONTROL.search(text) and not ("\ufeff" in text and _LINE_BOM.search(text)):   # the pattern scans every
        return text                             # line start (8 ms a 100k-word book); the plain look, none
    found = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.startswith("\ufeff") and (found := found + 1) <= SHOWN_PER_FILE:
            report.error("E121", "a byte-order mark (U+FEFF) starts the line, left where two files were joined: "
                                 "it hides a '---', ':::', '#' or key after it from every reader; delete it",
                         path, number, 1)
        for match in _CONTROL.finditer(line):
            found += 1
            if found <= SHOWN_PER_FILE:
                report.error("E121", f"{control_name(match.group())} in the text: delete it "
                                     "(only tab and newline may appear)", path, number, match.start() + 1)
    if found > SHOWN_PER_FILE:
        report.error("E121", f"{found - SHOWN_PER_FILE} more control characters in this file (only the first "
                             f"{SHOWN_PER_FILE} are shown)", path)
    return None


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 chapter``, ``2 chapters``; ``many`` for a word whose plural is not its singular plus "s"."""
    return f"{count} {word if count == 1 else (many or word + 's')}"
