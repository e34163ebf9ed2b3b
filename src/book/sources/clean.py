"""Decoding and normalising captured text, without touching the writers' words.

Everything here repairs *transport* damage (wrong charset, mojibake, odd spaces,
decomposed accents); nothing corrects spelling, grammar or punctuation, because
unit text is quoted verbatim in the book.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import cache
from typing import TYPE_CHECKING

from book.support.text import control_character, invisible_only

if TYPE_CHECKING:
    import ftfy

MAX_BYTES = 64 * 1024 * 1024
MAX_TEXT = 4_000_000
"""Characters of readable text a capture may hold (about 650,000 words; the longest comment threads
hold a fraction of it). Extraction runs at a few seconds a megabyte of text, so a bound on the text,
not only on the file, keeps every import within a minute; a page's inlined images and scripts are
not text and may make the file far larger."""
"""Captures larger than this are refused: no blog page is that big, and parsing is in memory."""
MAX_BLOCKS = 50_000
"""Paragraphs, divisions, list items, cells and line breaks a saved page may hold. Extraction costs about
half a millisecond of CPU for each (trafilatura reads the page twice): 100,000 one-word paragraphs, a
megabyte, took 78 s, short of ``MAX_TEXT`` by far. The largest of the 2,400 real pages in the benches
holds 6,200."""
MAX_LINES = 200_000
"""Lines of text (not blank) a text capture may hold: each is read as a possible header, signature or
menu entry, about 0.08 ms of CPU apiece (a million one-word lines ran past a minute)."""
_BLOCK_TAG = re.compile(r"<(?:p|div|li|dd|dt|td|th|tr|h[1-6]|blockquote|pre|section|article|table|ul|ol|dl|"
                        r"form|fieldset|figure|header|footer|nav|aside|main|details|summary|address|hr|br)[\s/>]",
                        re.IGNORECASE)
_TEXT_LINE = re.compile(r"^[^\S\n]*\S", re.MULTILINE)


def too_many_blocks(text: str, is_html: bool) -> str | None:
    """Why a capture holds more blocks than extraction reads in reasonable time (see :data:`MAX_BLOCKS`,
    :data:`MAX_LINES`); None when it does not. Counted on the text as decoded, with no parse."""
    pattern, limit, kind = (_BLOCK_TAG, MAX_BLOCKS, "paragraphs, divisions and other blocks") if is_html else \
        (_TEXT_LINE, MAX_LINES, "lines of text")
    count = 0
    for count, _match in enumerate(pattern.finditer(text), 1):
        if count > limit:
            break
    if count <= limit:
        return None
    return f"the capture holds more than {limit:,} {kind}; reading them would take minutes"


@cache
def ftfy_config() -> ftfy.TextFixerConfig:
    """ftfy's settings for captured text. ftfy (and wcwidth with it) is imported here, on the first
    capture repaired, not with this module: a build reads sources through this package and repairs
    none, and the import was 0.07 s of CPU of every build."""
    import ftfy

    return ftfy.TextFixerConfig(
        unescape_html=False,      # a text capture may legitimately contain "&amp;"; HTML is unescaped by lxml
        uncurl_quotes=False,      # curly quotes are the writer's (or the site's) typography: keep them
        fix_latin_ligatures=True,
        fix_character_width=True,
        normalization="NFC",
        explain=False,
    )


# Spaces that should read as an ordinary space (no-break, thin, figure, ideographic ...).
_ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Invisible characters that only get in the way of matching quotations.
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_RUNS = re.compile(r"[ \t]+")


class DecodeError(ValueError):
    """The bytes are not text we can read (empty, binary, or an unknown encoding)."""


_DOCUMENT_KINDS = ((b"%PDF-", "a PDF"), (b"%!PS", "a PostScript file"), (b"{\\rtf", "an RTF document"),
                   (b"bplist", "an Apple property list (a Safari .webarchive)"),
                   (b"SQLite format 3\0", "an SQLite database"))
"""Formats of documents that begin as text and may be mostly text: a PDF of ASCII streams was imported as a
post whose words were its objects (``1 0 obj <<…>>``)."""


def _document_kind(data: bytes) -> str | None:
    """What document ``data`` is by its first bytes, when it is one no capture is; None otherwise."""
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return next((kind for magic, kind in _DOCUMENT_KINDS if head.startswith(magic)), None)


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Turn captured bytes into text, detecting the encoding when it is not UTF-8.

    UTF-8 is tried first (most pages are UTF-8, and detectors misjudge short
    UTF-8 text); then an encoding the page declares; then charset-normalizer.
    """
    if not data.strip():
        raise DecodeError("the file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DecodeError(f"the file claims UTF-16 but cannot be decoded ({exc.reason})") from None
    if (kind := _document_kind(data)) is not None:
        raise DecodeError(f"the file is {kind}, not a text or HTML capture: save the page as HTML, or its text")
    if _looks_binary(data):
        raise DecodeError("the file is binary, not a text or HTML capture")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    from charset_normalizer import from_bytes

    results = list(from_bytes(data[:1_000_000]))
    if not results:
        raise DecodeError("the file's encoding could not be detected")
    encoding = _prefer_western(results)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return data.decode(encoding, errors="replace")


def _prefer_western(results: list) -> str:
    """Windows-1252 when it reads about as cleanly as the detector's favourite.

    On short Western European text the detector often picks a Baltic or
    Central European code page by a hair; cp1252 is by far the most common
    non-UTF-8 encoding of saved pages, so a near tie goes to it.
    """
    best = min(results, key=lambda r: r.chaos)
    for preferred in ("cp1252", "latin_1", "iso8859_15"):
        for result in results:
            if result.encoding == preferred and result.chaos <= best.chaos + 0.05:
                return preferred
    return best.encoding


def _looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KiB mean a binary file."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > len(head) * 0.05


def fix_text(text: str) -> str:
    """Repair mojibake and normalise Unicode to NFC, line endings to ``\\n``.

    ftfy undoes double-encoding ("itâ€™s" -> "it’s") and strips control
    characters; quotes are left curly as written.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ftfy(text)
    text = _INVISIBLE.sub("", text)
    return unicodedata.normalize("NFC", text)


@cache
def _ascii_controls() -> dict[int, None]:
    """The control characters ftfy removes, of ASCII: a table for ``str.translate``."""
    from ftfy.chardata import CONTROL_CHARS

    return {code: None for code in CONTROL_CHARS if code < 128}


def _ftfy(text: str) -> str:
    """ftfy's fixes, line by line as ftfy itself works, with plain-ASCII lines set aside.

    ftfy repairs only what lies outside ASCII (mojibake, ligatures, widths, odd line breaks),
    except for control characters and terminal escapes; a line of plain ASCII without an escape
    needs its control characters removed and nothing else.
    On a page of many megabytes, most lines are often plain: ftfy costs some 20 µs a line.
    """
    controls = _ascii_controls()
    if text.isascii() and "\x1b" not in text:
        return text.translate(controls)
    from ftfy import fix_text as ftfy_fix

    config = ftfy_config()
    out: list[str] = []
    for line in text.split("\n"):
        plain = line.isascii() and "\x1b" not in line          # ftfy also strips terminal escapes
        out.append(line.translate(controls) if plain else ftfy_fix(line, config))
    return "\n".join(out)


def normalise_line(line: str, keep_indent: bool = False) -> str:
    """Make one line's spacing canonical: odd spaces become spaces, runs collapse.

    ``keep_indent`` keeps leading spaces, which carry reply nesting in text
    captures; tabs count as four spaces there.
    """
    line = _ODD_SPACES.sub(" ", line)
    if keep_indent:
        stripped = line.lstrip(" \t")
        indent = line[: len(line) - len(stripped)].replace("\t", "    ")
        return indent + _RUNS.sub(" ", stripped).rstrip()
    return _RUNS.sub(" ", line).strip()


# The marks that part a page's title or a line of its header ("TITLE | SITE", "SECTION / TITLE", "TITLE – Part 1",
# "SITE :: TITLE", "TITLE » Blog", "NAME • DATE"), defined once for every reader of titles and bylines.
_PART_MARKS = "|/•·»—–"
TITLE_SEPARATOR = re.compile(rf"(?<!\s)\s+(?:[{_PART_MARKS}\-:@]|::)\s+|(?<!\s)\s+_|_")
"""A title's separator: a mark with a space on each side, as a hyphen, a slash or a colon inside a word or
after it ("AC/DC", "e-mail", "Tax 101: the basics", a headline's subtitle) parts nothing; "_" also glued, as
Chinese sites print "标题_频道_网"."""
TITLE_TAG_SEPARATOR = re.compile(rf"{TITLE_SEPARATOR.pattern}|:\s+|(?<!\s)\s+«\s+(?=[^»]*$)")
"""A ``<title>`` element's separator: a title's, and a colon glued to the word before it, as a blog's name
stands before its post's title there ("Friendly Ghost: TITLE"); a headline printed on the page keeps its
subtitle after a colon, and parting it there lost titles of text copies. Also a "«" no "»" closes, as older
WordPress themes print "TITLE « SITE" (a French quotation, « … », parts nothing)."""
FIELD_SEPARATOR = re.compile(rf"\s*(?:[{_PART_MARKS}>]|\s-\s|\s{{2,}})\s*")
"""A byline's or a date line's fields: the same marks glued too ("NAME|DATE") and a column's gap of spaces; a
hyphen only spaced, as names and dates hold hyphens."""


def title_parts(text: str) -> list[str]:
    """The parts of a title that separators part, without empty ones; [] for a title of one part. A page prints
    its headline glued to the site's name or a section ("TITLE | SITE"), in ``<title>`` and in a text copy alike."""
    parts = [part.strip() for part in TITLE_SEPARATOR.split(text) if part.strip()]
    return parts if len(parts) >= 2 else []


def escape_markdown_line(line: str) -> str:
    """Escape what would turn a plain line into a heading, quote or rule in Markdown, or a fence of a
    chapter's div (``:::``): a quotation of a writer's ``:::`` line ended the excerpt in the chapter."""
    if re.match(r"^(?:#{1,6}\s|>|(?:\*\s*){3,}$|(?:-\s*){3,}$|(?:_\s*){3,}$|=+$|:{3,})", line):
        return "\\" + line
    return line


_URL_UNSAFE = re.compile(r"[\s<>\"'`{}|\\^\x00-\x1f\x7f]")


def url_problem(url: str) -> str | None:
    """Why ``url`` may not be a source's address (printed as a link in the book); None for a plain http(s) URL."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
    except ValueError:
        return "it is not a valid address"
    if parts.scheme.lower() not in ("http", "https"):
        return f"the scheme {parts.scheme + ':' if parts.scheme else '(none)'} is not a web address"
    if not parts.netloc or _URL_UNSAFE.search(url):
        return "it is not a plain web address (a host is missing, or it holds spaces, quotes or brackets)"
    if "@" in parts.netloc:     # https://trusted.example@elsewhere.example/ goes to elsewhere
        return "it holds a user name or password before its host (user@host)"
    try:
        port = parts.port           # a port past 65535 raises
    except ValueError:
        port = 0
    if port == 0:
        return "its port is not a number from 1 to 65535"
    if (char := control_character(url) or _unseen_in(url)) is not None:
        return f"it holds U+{ord(char):04X}, a character that is not seen but changes what is read"
    if (label := look_alike_label(parts.hostname or "")) is not None:
        return (f"its host name's part {label!r} mixes letters of two of the Latin, Greek and Cyrillic alphabets, "
                "as look-alike addresses do: give the address the site itself shows")
    if (label := whole_script_look_alike(parts.hostname or "")) is not None:
        return (f"its host name's part {label!r} is written wholly in letters of another alphabet that look like "
                "Latin ones, as look-alike addresses are: give the address the site itself shows")
    return None


_IGNORABLE_MARK = re.compile("[\u034f\u17b4\u17b5\u180b-\u180d\u180f\ufe00-\ufe0f\U000e0100-\U000e01ef]")
"""Marks Unicode files as default-ignorable (a combining grapheme joiner, variation selectors, Mongolian free
variation selectors, two Khmer vowels no longer used): unlike an accent, they draw nothing."""


def _unseen_in(url: str) -> str | None:
    """The first character of ``url`` that draws nothing: a format character (a zero-width space, a word joiner,
    a soft hyphen, a byte-order mark) or a letter that draws nothing (a Hangul filler): the address printed in
    the book would not be the one followed. (Any non-ASCII space is refused before, with the other spaces; an accent written as a combining
    mark, ``e\u0301``, is seen.)"""
    return next((c for c in url if not c.isascii() and invisible_only(c) is not None
                 and (unicodedata.category(c) not in ("Mn", "Me") or _IGNORABLE_MARK.match(c))), None)


_CONFUSABLE_SCRIPTS = ("LATIN", "GREEK", "CYRILLIC")
"""Alphabets whose letters look alike (a, \u0430, \u03b1): one word of a host name written in two of them is
how a look-alike address is made. Other mixes (Han with kana, Latin with Han) are how names are written."""


def _shown_labels(host: str) -> list[str]:
    """The dot-separated parts of ``host`` as a browser would show them: an ``xn--`` part decoded (with the
    standard library's punycode codec); a part that is not punycode is dropped (no host is named so)."""
    shown = []
    for label in host.split("."):
        if label.lower().startswith("xn--"):
            try:
                label = label[4:].encode("ascii").decode("punycode")
            except (UnicodeError, ValueError):
                continue
        shown.append(label)
    return shown


def look_alike_label(host: str) -> str | None:
    """The first dot-separated part of ``host`` that mixes the Latin, Greek and Cyrillic alphabets (read in its
    Unicode form when written ``xn--``), as a browser shows such a host in ``xn--`` form rather than as letters."""
    for shown in _shown_labels(host):
        scripts = {unicodedata.name(c, "").split(" ")[0] for c in shown if c.isalpha()}
        if len(scripts & set(_CONFUSABLE_SCRIPTS)) > 1:
            return shown
    return None


def whole_script_look_alike(host: str) -> str | None:
    """The first part of ``host`` written wholly in one alphabet other than Latin whose every letter looks like
    a Latin letter or digit (``\u0430\u0440\u0440\u04cf\u0435``, all Cyrillic, reads "apple"); None when there
    is none.

    Unicode's confusables (TR39), as the ``confusable_homoglyphs`` package ships them, say which letters look
    alike; only plain Latin letters and digits count as what a part is taken for, since a reader compares an
    address with the ASCII one they know (``\u043c`` is confusable only with a small capital, and
    "\u043c\u043e\u0441\u043a\u0432\u0430" stays a name). As browsers do, such a part is a name when the
    top-level domain is written in its alphabet too (``\u0441\u043e\u0441.\u0440\u0444``)."""
    if host.isascii() and "xn--" not in host.lower():
        return None
    from confusable_homoglyphs.categories import alias          # 0.4 s of JSON: only when a host is not ASCII
    from confusable_homoglyphs.confusables import confusables_data

    def latin_like(char: str) -> bool:
        return any(g["c"].isascii() and g["c"].isalnum() for g in confusables_data.get(char, ()))

    labels = _shown_labels(host)
    top = {alias(c) for c in labels[-1] if c.isalpha()} if labels else set()
    for label in labels:
        letters = [c for c in label if c.isalpha()]
        scripts = {alias(c) for c in letters}
        if len(scripts) == 1 and scripts not in ({"LATIN"}, top) and all(latin_like(c) for c in letters):
            return label
    return None


def web_url(value: str) -> bool:
    """An ``http`` or ``https`` address with a host: the only kind a source may record."""
    return url_problem(value.strip()) is None


_TAG_START = re.compile(r"(?<!\\)<(?=[A-Za-z/!?])")


def inert_markdown(text: str) -> str:
    """Markdown in which no ``<`` can open an HTML tag: ``<script>`` written as text stays text (``\\<script>``).

    The HTML converter never emits markup; this is the second line of defence for text that
    *shows* markup (an escaped ``&lt;iframe&gt;`` in a comment, a text capture that copied code).
    """
    return _TAG_START.sub(r"\\<", text)


# A Markdown link's or image's text, target and title: ``[text](target "title")``, ``![alt](<target>)``,
# then the attributes pandoc reads after it (``{onclick=...}``).
# Possessive and bounded (a label as CommonMark bounds one), and an escaped bracket is a bracket here (the HTML
# reader escapes literal ones: ``\[text\](javascript:…)``), so a line of ten thousand ``\[`` stays linear.
_CHAR = r"(?:[^\[\]\\\n]|\\[^\[\]\n])"
_LABEL = r"\\?\[((?:" + _CHAR + r"|\\?\[" + _CHAR + r"{0,200}+\\?\]){0,400}+)\\?\]"
_TARGET = r"(<[^<>\n]{0,4000}+>|(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.){0,400}+\)){0,4000}+)"
_TITLE = r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?"
_ATTRIBUTES = r"(\{[^{}\n]*\})?"
_INLINE_LINK = re.compile(r"(!?)" + _LABEL + r"(\(\s*" + _TARGET + _TITLE + r"\s*\))" + _ATTRIBUTES)
_REFERENCE_IMAGE = re.compile(r"!" + _LABEL + r"(?:\[[^\[\]\n]*\])?" + _ATTRIBUTES)
_SPAN = re.compile(r"(?<![!\]])" + _LABEL + r"(\{[^{}\n]*\})")
_DEFINITION = re.compile(r"^ {0,3}\[(?:[^\[\]\\\n]|\\.)+\]:[ \t]*(<[^<>\n]*>|\S+)[^\n]*(?:\n|$)", re.MULTILINE)
_AUTOLINK = re.compile(r"[ \t]?\\?<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*)>")
_TAG = re.compile(r"\\?<[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>")
_TAG_ATTRIBUTE = re.compile(r"""\s+([^\s"'<>/=]+)\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+)""")
# What a browser fetches by itself, from anywhere (an image's src even from the web): never kept in a shown tag.
_FETCHED_ATTRIBUTE = re.compile(r"src|srcset|poster|data|background|codebase|archive|lowsrc|dynsrc|manifest|icon|xlink:href")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_ADDRESS_ATTRIBUTE = re.compile(r"href|src|srcset|action|formaction|data|poster|background|cite|codebase|manifest|icon|"
                                r"longdesc|usemap|profile|classid|archive|ping|lowsrc|dynsrc|xlink:href|xmlns:?\w*")
_CSS_LOAD = re.compile(r"url\(|@import|expression\(|-moz-binding|behavior:", re.IGNORECASE)


def links_as_text(text: str) -> tuple[str, list[str]]:
    """Unit text in which every link holds only what a reader sees; the addresses removed are returned.

    Unit text is the writers' words, and URLs from a capture are data, never code: a link whose
    target is not a plain http(s) address (``javascript:``, ``data:``, ``vbscript:``, ``file:``, a
    relative path, a scheme hidden by entities or escapes) becomes its text; an image becomes its
    alt text (an image is not words, and a remote one would be fetched); a link definition or an
    autolink to such a target goes (an autolink's text *is* its address); attributes after a link
    or span (``{onclick=…}``) go; an HTML tag written as text keeps no event handler, no style that
    loads a file, no address with a scheme but http(s), and no web address a browser would fetch by
    itself (``src``); a relative path in code a post shows stays. A scheme is judged by an allow-list
    (``web_url``), so no spelling of one slips past it.
    """
    removed: list[str] = []

    def link(match: re.Match[str]) -> str:
        bang, label, destination, target, attributes = match.groups()
        if attributes:
            removed.append(attributes)
        if bang or not web_url(target.strip("<>").replace("\\", "")):
            removed.append(target.strip("<>"))
            return label
        return match.group(0)[:len(match.group(0)) - len(attributes or "")]

    def image(match: re.Match[str]) -> str:
        removed.append(match.group(0))
        return match.group(1)

    def span(match: re.Match[str]) -> str:
        removed.append(match.group(2))
        return match.group(1)

    def definition(match: re.Match[str]) -> str:
        target = match.group(1).strip("<>")
        if web_url(target.replace("\\", "")):
            return match.group(0)
        removed.append(target)
        return ""

    def autolink(match: re.Match[str]) -> str:
        if web_url(match.group(1)):
            return match.group(0)
        removed.append(match.group(1))
        return ""

    def attribute(match: re.Match[str]) -> str:
        name, value = match.group(1).lower(), html.unescape(match.group(2).strip("\"'"))
        bare = re.sub(r"[\s\x00-\x1f]", "", value)
        address = _ADDRESS_ATTRIBUTE.fullmatch(name) is not None
        if name.startswith("on") or name == "srcdoc" or _CSS_LOAD.search(bare) or (
                address and _SCHEME.match(bare) and not web_url(value)) or (
                _FETCHED_ATTRIBUTE.fullmatch(name) and (web_url(value) or bare.startswith("//"))):
            removed.append(f"{name}={value}")
            return ""
        return match.group(0)          # a relative path in code a post shows (href=vendor/x.css) is harmless

    text = _INLINE_LINK.sub(link, text)
    text = _REFERENCE_IMAGE.sub(image, text)
    text = _SPAN.sub(span, text)
    text = _DEFINITION.sub(definition, text)
    text = _AUTOLINK.sub(autolink, text)
    text = _TAG.sub(lambda match: _TAG_ATTRIBUTE.sub(attribute, match.group(0)), text)
    return text, removed


def plain_text(value: str | None) -> str | None:
    """A name, title or site as text only: any tag in it removed by nh3 (Ammonia), entities read back."""
    if value is None or not _WHOLE_TAG.search(value):
        return value                  # "a<b", "<3": text that merely contains the character
    import html

    import nh3

    cleaned = " ".join(html.unescape(nh3.clean(value, tags=set())).split())
    return cleaned or None


_WHOLE_TAG = re.compile(r"<[A-Za-z!/?][^<>]*>")


# Scripts written without spaces between words: Chinese (Han) and Japanese (Han, kana). Korean spaces its
# words as Latin scripts do, so Hangul is counted by its spaces and is not listed here.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# A word of Chinese or Japanese is one to four characters, about two in running text; a token of three is
# counted as two words (rounded up), so that a three-character reply ("机器人？") is not taken for a bare word.
_CHARS_PER_WORD = 2


def text_words(text: str) -> int:
    """How many words ``text`` holds, whatever its script: the one measure of a line's or a message's size that
    every reader (HTML, forum, text) compares with its thresholds.

    The rule: words are what spaces separate, as in Latin, Cyrillic or Korean (Hangul is spaced); a token
    holding Chinese or Japanese characters, which do not space their words, counts one word per
    ``_CHARS_PER_WORD`` of those characters, rounded up, the digits, Latin letters and punctuation glued to
    them aside ("引用自哪" two words, "好" one, "机器人？" two, "2020年10月" one).
    """
    if _UNSPACED.search(text) is None:
        return len(text.split())            # every token one word: a 4 MB capture counted token by token took 2 s
    count = 0
    for token in text.split():
        unspaced = len(_UNSPACED.findall(token))
        count += max(1, -(-unspaced // _CHARS_PER_WORD))
    return count
