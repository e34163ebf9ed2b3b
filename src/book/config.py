"""The closed schema of ``book.yaml`` (manuscript format v1).

Every field has a docstring: the README's manuscript reference is written from
them. Unknown keys are errors (``extra="forbid"``), reported with file, line and
a did-you-mean by :mod:`book.yamlfile`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
import uuid
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from book.support.dates import date_problem
from book.support.printers import PRINTERS
from book.support.text import did_you_mean

GENERATED_FRONT = ("half-title", "title-page", "copyright", "contents")
GENERATED_BACK = ("sources-and-permissions",)


MAX_TEXT = 5_000
"""Characters in one value of book.yaml or a chapter's front matter: a book's description fits."""


class Closed(BaseModel):
    """Base for every schema block: unknown keys are errors, values are immutable, and no text value
    is longer than ``MAX_TEXT`` (a title of 100,000 characters took pandoc and Typst minutes).

    Validators are built when a block is first validated (``defer_build``), not at import: a rebuild
    whose book.yaml and front matter are unchanged reads them back from the build cache as they were
    validated (:func:`settings_from_tree`) and builds none; building BookConfig's was a tenth of the
    start of every run."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, str_max_length=MAX_TEXT,
                              defer_build=True)


def settings_tree(value: object) -> object:
    """A validated block (or None) as JSON that says every value's type, for the build cache: a block as
    ``{"block": "module.Class", "set": [fields given], "fields": {...}}``, a date as ``{"date": "…"}``,
    a mapping as ``{"map": {...}}``; lists, text, numbers, booleans and None as themselves. Raises
    TypeError for anything else, which the cache then does not keep."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, Closed):
        kind = type(value)
        return {"block": f"{kind.__module__}.{kind.__qualname__}", "set": sorted(value.model_fields_set),
                "fields": {name: settings_tree(getattr(value, name)) for name in kind.model_fields}}
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return {"date": value.isoformat()}
    if isinstance(value, list):
        return [settings_tree(item) for item in value]
    if isinstance(value, dict) and all(isinstance(key, str) for key in value):
        return {"map": {key: settings_tree(item) for key, item in value.items()}}
    raise TypeError(f"{type(value).__name__} is not kept in the build cache")


def settings_from_tree(tree: object) -> object:
    """The block :func:`settings_tree` wrote, made again without validating (``model_construct``): the
    cache keeps a tree only when it gives back a block equal to the one validated, and reads it only
    when its seal matches (``book.render.cache.MemoStore``), so what comes back is what was validated.
    Raises ValueError for a tree it did not write (an unknown block, a field the block lacks)."""
    if tree is None or isinstance(tree, (str, bool, int, float)):
        return tree
    if isinstance(tree, list):
        return [settings_from_tree(item) for item in tree]
    if isinstance(tree, dict) and tree.keys() == {"date"} and isinstance(tree["date"], str):
        return dt.date.fromisoformat(tree["date"])
    if isinstance(tree, dict) and tree.keys() == {"map"} and isinstance(tree["map"], dict):
        return {key: settings_from_tree(item) for key, item in tree["map"].items()}
    if isinstance(tree, dict) and tree.keys() == {"block", "set", "fields"}:
        kind = _blocks().get(tree["block"])
        fields = tree["fields"]
        if kind is None or not isinstance(fields, dict) or fields.keys() != kind.model_fields.keys() \
                or not isinstance(tree["set"], list) or not set(tree["set"]) <= fields.keys():
            raise ValueError(f"not a block of book.yaml's schema: {tree['block']!r}")
        values = {name: settings_from_tree(item) for name, item in fields.items()}
        return kind.model_construct(set(tree["set"]), **values)
    raise ValueError("not a tree settings_tree writes")


def _blocks() -> dict[str, type[Closed]]:
    """Every schema block by its module and name (the blocks of front matter are defined elsewhere)."""
    found: dict[str, type[Closed]] = {}
    todo: list[type[Closed]] = [Closed]
    while todo:
        kind = todo.pop()
        found[f"{kind.__module__}.{kind.__qualname__}"] = kind
        todo += kind.__subclasses__()
    return found


class Creator(Closed):
    name: str = Field(min_length=1)
    """The name as printed on the title page."""
    role: Literal["editor", "author", "contributor", "translator", "illustrator"] = "author"
    """What the person did; editors of an anthology are ``editor``."""
    file_as: str | None = None
    """Sort form of the name, e.g. ``Smith, Jane`` (OPF ``file-as``)."""


SEMANTIC_TERM = r"^[a-z][a-z0-9-]*(?::[a-z][a-z0-9-]*)?$"
"""An EPUB structural semantics term (``epigraph``, ``z3998:letter``): written into an attribute."""


class SectionSpec(Closed):
    name: str = Field(pattern=r"^[a-z][a-z0-9-]*$",
                      json_schema_extra={"write": "a name in lower-case letters, digits and hyphens, such as letter"})
    """Identifier used in chapter files: ``::: letter``."""
    title: str | None = None
    """Heading printed above the section; omit for sections without a heading (an epigraph)."""
    required: bool = False
    """Whether every chapter must contain this section."""
    ornament: bool = False
    """Set a section ornament (a fleuron) before this section."""
    type: str | None = Field(default=None, pattern=SEMANTIC_TERM,
                             json_schema_extra={"write": "an EPUB semantic term such as epigraph or z3998:letter"})
    """Semantic type of the section, e.g. ``epigraph`` (EPUB ``epub:type`` and ARIA role). A term, never
    free text: the chapter template writes it into an attribute (``type: 'x" onclick="…'`` did)."""
    generated: Literal["sources"] | None = None
    """Written by the tool, not in chapter files: ``sources`` lists the sources the chapter quotes."""


class Cover(Closed):
    image: str
    """Path of the cover image (PNG or JPEG), relative to the manuscript folder."""
    alt: str = Field(min_length=1)
    """Text alternative for the cover image, read aloud by screen readers."""


class Accessibility(Closed):
    summary: str | None = None
    """Human-readable accessibility summary; a sensible default is generated when omitted."""
    hazards: list[Literal["none", "flashing", "motionSimulation", "sound", "unknown"]] = ["none"]
    """``schema:accessibilityHazard`` values."""


_ISBN_CLEAN = re.compile(r"[\s-]")


def _isbn13_ok(digits: str) -> bool:
    total = sum((1 if i % 2 == 0 else 3) * int(d) for i, d in enumerate(digits[:12]))
    return (10 - total % 10) % 10 == int(digits[12])


def normalise_identifier(value: str) -> str:
    """Accept ``urn:uuid:…``, a bare UUID, ``urn:isbn:…`` or a bare ISBN-13; return a URN."""
    text = value.strip()
    lowered = text.lower()
    if lowered.startswith("urn:uuid:"):
        uuid.UUID(text[9:])
        return "urn:uuid:" + text[9:].lower()
    if lowered.startswith("urn:isbn:"):
        text = text[9:]
    digits = _ISBN_CLEAN.sub("", text)
    if re.fullmatch(r"97[89]\d{10}", digits):
        if not _isbn13_ok(digits):
            raise ValueError(f"ISBN {value!r} has a wrong check digit")
        return "urn:isbn:" + digits
    try:
        return "urn:uuid:" + str(uuid.UUID(text))
    except ValueError:
        raise ValueError(
            f"identifier {value!r} is neither an ISBN-13 nor a UUID (e.g. urn:uuid:{uuid.uuid4()})"
        ) from None


def hyphenated_isbn(value: str) -> str:
    """An ISBN-13 (``urn:isbn:…`` or digits) hyphenated by its registration group and publisher."""
    from stdnum import isbn

    digits = _ISBN_CLEAN.sub("", value.removeprefix("urn:isbn:"))
    return isbn.format(digits)


class Identifiers(Closed):
    """One identifier per format: retailers need a separate ISBN for the ebook and the paperback."""

    epub: str | None = None
    """The EPUB's identifier: an ISBN-13 or a UUID (``urn:uuid:…``), in its metadata."""
    print: str | None = None
    """The paperback's ISBN-13, printed hyphenated on the copyright page and named as the EPUB's
    page-list source."""

    @field_validator("epub", "print", mode="before")
    @classmethod
    def _digits(cls, value: object) -> object:
        """An ISBN written without hyphens reads as a number in YAML."""
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value

    @field_validator("epub")
    @classmethod
    def _epub(cls, value: str | None) -> str | None:
        return None if value is None else normalise_identifier(value)

    @field_validator("print")
    @classmethod
    def _print(cls, value: str | None) -> str | None:
        if value is None:
            return None
        urn = normalise_identifier(value)
        if not urn.startswith("urn:isbn:"):
            raise ValueError(f"the print identifier {value!r} is not an ISBN-13")
        return urn


TRIM_SIZES: dict[str, tuple[str, str]] = {
    "6x9": ("6in", "9in"),
    "5x8": ("5in", "8in"),
    "5.25x8": ("5.25in", "8in"),
    "5.5x8.5": ("5.5in", "8.5in"),
    "a5": ("148mm", "210mm"),
}
_LENGTH = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(pt|mm|cm|in)\s*$")
_POINTS_PER = {"pt": 1.0, "mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0}


def points(length: str) -> float:
    """A length such as ``0.75in``, ``19mm`` or ``11pt`` in PostScript points."""
    match = _LENGTH.match(length)
    if match is None:
        raise ValueError(f"{length!r} is not a length: write a number and a unit (pt, mm, cm, in), e.g. 0.75in")
    return float(match.group(1)) * _POINTS_PER[match.group(2)]


def _length(value: str) -> str:
    points(value)
    return value.strip()


class Margins(Closed):
    """Page margins of the print edition; the gutter (inside) mirrors between verso and recto."""

    inside: str = "0.875in"
    """Margin at the spine (the gutter); wider than the outside so text clears the binding."""
    outside: str = "0.625in"
    """Margin at the fore-edge."""
    top: str = "0.75in"
    """Margin above the text block; the running head sits inside it."""
    bottom: str = "0.875in"
    """Margin below the text block; folios of chapter-opening pages sit inside it."""

    @field_validator("inside", "outside", "top", "bottom")
    @classmethod
    def _lengths(cls, value: str) -> str:
        return _length(value)


class Privacy(Closed):
    """How the people quoted appear in the book."""

    commenters: Literal["as-written", "initials", "pseudonyms"] = "initials"
    """How commenters' names appear everywhere in the book: as they wrote them, by initials,
    or by consistent pseudonyms from ``pseudonyms_file``."""
    pseudonyms_file: str = "pseudonyms.yaml"
    """The editable map of real names to pseudonyms, relative to the manuscript folder;
    generated on first use with ``commenters: pseudonyms``."""
    anonymise: list[str] = []
    """Post authors to treat like commenters; post authors writing under their own names
    are otherwise shown as written."""
    public: list[str] = []
    """Public people named in the text (researchers, authors quoted by name) whose names are
    never replaced, even when they contain a commenter's name: e.g. ``Mary Ainsworth``."""
    aliases: dict[str, list[str]] = {}
    """Other forms of a person's name found in the text, e.g. ``{Cindy: [Cynthia]}``,
    so that every form is replaced the same way."""


class Quotation(Closed):
    """Thresholds that ``book stats`` flags: how much of one source the book quotes."""

    max_words: int = Field(default=300, ge=1)
    """Flag a source when more words than this are quoted from it."""
    max_share: float = Field(default=0.10, gt=0, le=1)
    """Flag a source when more than this share of its words is quoted (0.10 is 10%)."""


LANGUAGE_TAG = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")
"""The shape of a BCP 47 tag (``en``, ``en-GB``, ``sr-Latn``); :func:`language_problem` checks its subtags."""
NO_LANGUAGE = frozenset({"und", "mul", "mis", "zxx"})
"""Registered codes that name no one language: undetermined, several, uncoded, no linguistic content.
A book's text has a language its hyphenation and its readers' voices follow."""


def language_problem(tag: str) -> str | None:
    """Why ``tag`` is not a language tag of the IANA subtag registry (as ``langcodes`` ships it), or None.
    The first subtag that makes it invalid is named: ``zz``, or ``GB`` in ``en-GB-GB``."""
    if not LANGUAGE_TAG.match(tag):
        return f"{tag!r} is not a language tag such as en or en-GB"
    if tag.split("-")[0].lower() in NO_LANGUAGE:
        return f"{tag!r} names no language (undetermined, several or none): write the book's language, such as en"
    import langcodes        # 0.1 s to import: only when a tag is read

    if langcodes.tag_is_valid(tag):
        return _deprecation(tag)
    subtags = tag.split("-")
    for count in range(1, len(subtags) + 1):
        if not langcodes.tag_is_valid("-".join(subtags[:count])):
            before = "-".join(subtags[:count - 1])
            where = (f"{subtags[0]!r} is no language of the IANA registry" if count == 1 else
                     f"the IANA registry has no {subtags[count - 1]!r} that can follow {before!r}")
            return f"{tag!r} is not a registered language tag: {where}; write a tag such as en, en-GB, pt-BR or sr-Latn"
    return f"{tag!r} is not a registered language tag"


def _deprecation(tag: str) -> str | None:
    """Why a valid ``tag`` should not be written: a subtag (or the whole tag) the registry deprecated, such as
    ``iw`` (Hebrew, ``he`` since 1989) or ``de-DD``. Reading systems and the PDF's hyphenation know the current
    tags; ``langcodes`` accepts the old ones as valid, so the registry's own ``Deprecated`` fields decide."""
    deprecated = _deprecated_subtags()
    whole = tag.lower()
    for kind in ("grandfathered", "redundant"):
        if (kind, whole) in deprecated:
            return _deprecated_advice(tag, tag, deprecated[(kind, whole)])
    subtags = tag.split("-")
    current, first = [], None
    for position, subtag in enumerate(subtags):     # no singleton (x-, u-) passes LANGUAGE_TAG
        key = (_subtag_type(position, subtag), subtag.lower())
        if key not in deprecated:
            current.append(subtag)
            continue
        first = first or subtag
        if deprecated[key] is None:
            return _deprecated_advice(tag, subtag, None)
        current.append(deprecated[key])
    return None if first is None else _deprecated_advice(tag, first, "-".join(current))


def _deprecated_advice(tag: str, part: str, current: str | None) -> str:
    advice = f"write {current!r}" if current else f"write the tag without {part!r}"
    return f"{tag!r} uses {part!r}, which the IANA registry deprecated: {advice}"


def _subtag_type(position: int, subtag: str) -> str:
    """The registry's ``Type`` of a subtag by its place and shape (RFC 5646, section 2.2)."""
    if position == 0:
        return "language"
    if len(subtag) == 4 and subtag.isalpha():
        return "script"
    if (len(subtag) == 2 and subtag.isalpha()) or (len(subtag) == 3 and subtag.isdigit()):
        return "region"
    if position == 1 and len(subtag) == 3 and subtag.isalpha():
        return "extlang"
    return "variant"


@functools.cache
def _deprecated_subtags() -> dict[tuple[str, str], str | None]:
    """(type, subtag) of every deprecated record of the registry ``langcodes`` ships, lower case, and the
    registry's ``Preferred-Value`` for it (None where it gives none). Only the records that say
    ``Deprecated`` are parsed: all 9,000 would take most of a second."""
    from langcodes.util import data_filename

    text = Path(data_filename("language-subtag-registry.txt")).read_text(encoding="utf-8")
    found: dict[tuple[str, str], str | None] = {}
    for record in text.split("\n%%\n"):
        if "\nDeprecated: " not in record:
            continue
        fields = dict(line.split(": ", 1) for line in record.splitlines() if ": " in line and line[0] != " ")
        found[(fields["Type"], (fields.get("Subtag") or fields["Tag"]).lower())] = fields.get("Preferred-Value")
    return found
LANGUAGE_VERDICT = "language_problem"
"""The key, in a validation context, of the caller's own :func:`language_problem`: the build reads
the verdict on its ``language`` from its cache, kept by tag, since importing langcodes (its
registry's pattern is compiled at import) was a tenth of a one-chapter rebuild's CPU."""


def _language_verdict(tag: str, info: ValidationInfo) -> str | None:
    """:func:`language_problem` of ``tag``, or the caller's remembered one (:data:`LANGUAGE_VERDICT`)."""
    judge = info.context.get(LANGUAGE_VERDICT) if isinstance(info.context, dict) else None
    return (judge or language_problem)(tag)


_PRICE = re.compile(r"^(?:(?P<code>[A-Z]{3}) ?|(?P<sign>[^\w\s.,]) ?)?"
                    r"(?:\d{1,3}(?:[,. ]\d{3})+|\d{1,9})(?:[.,]\d{1,2})?"
                    r"(?: ?(?P<code_after>[A-Z]{3})| ?(?P<sign_after>[^\w\s.,]))?$")
"""An amount (at most two decimals) with an ISO 4217 code or a currency sign before or after it."""


class PermissionRequests(Closed):
    """The ``permissions:`` section: what ``book permissions request`` asks each rights holder for."""

    formats: list[Literal["print", "ebook", "audio", "web"]] = ["print", "ebook"]
    """The editions the permission is asked for."""
    territory: str = "World"
    """Where the book will be sold."""
    languages: list[str] = []
    """Languages of the editions (BCP 47 tags); empty means the book's ``language``."""

    @field_validator("languages")
    @classmethod
    def _languages(cls, value: list[str], info: ValidationInfo) -> list[str]:
        """Each a tag as ``language`` is one: the letters print them ("in en_GB, klingon!, ")."""
        for tag in value:
            if (problem := _language_verdict(tag, info)) is not None:
                raise ValueError(problem)
        return value
    print_run: int | None = Field(default=None, ge=1)
    """Copies of the first printing, when known."""
    publication: dt.date | None = None
    """Expected publication date; empty means the book's ``date``."""

    @field_validator("publication")
    @classmethod
    def _publication(cls, value: dt.date | None) -> dt.date | None:
        """A planned date, so up to ten years ahead (``support/dates.py``)."""
        return None if value is None else _publication_date(value)
    reply_to: str | None = None
    """Where the holder sends the signed form (postal or email address)."""
    signature: str | None = None
    """Who signs the letters; empty means the book's editors."""


def _publication_date(value: dt.date) -> dt.date:
    problem = date_problem("publication", value)
    if problem is not None:
        raise ValueError(problem)
    return value


class Sale(Closed):
    """How the book is sold."""

    price: str | None = None
    """The list price as printed on the cover, e.g. ``£12.99`` or ``USD 16.00``."""

    @field_validator("price")
    @classmethod
    def _price(cls, value: str | None) -> str | None:
        """An amount with its currency, a sign (``£12.99``, ``12,99 €``) or an ISO 4217 code (``USD 16.00``):
        a bare ``12.99`` says no currency, and ``<script>`` no price."""
        if value is None:
            return None
        found = _PRICE.match(value.strip())
        code = found and (found["code"] or found["code_after"])
        sign = found and (found["sign"] or found["sign_after"])
        if not found or not (code or sign) or sign and unicodedata.category(sign) != "Sc":
            raise ValueError(f"{value!r} is not a price with its currency, such as £12.99, 12,99 € or USD 16.00")
        from babel.numbers import is_currency

        if code and not is_currency(code):
            raise ValueError(f"{code!r} in {value!r} is not an ISO 4217 currency code (GBP, USD, EUR ...)")
        return value
    channels: list[str] = []
    """Where it is sold: stores or printers, e.g. ``[kdp, ingramspark, kobo]``."""


class PrintConfig(Closed):
    """The ``print:`` section: page design of the PDF interior."""

    trim: str = "6x9"
    """Trim size: ``6x9`` (inches, the default), ``5x8``, ``5.25x8``, ``5.5x8.5``, ``a5``, or ``custom``
    with ``width`` and ``height``."""
    width: str | None = None
    """Page width for ``trim: custom``, e.g. ``5.06in`` or ``129mm``."""
    height: str | None = None
    """Page height for ``trim: custom``, e.g. ``7.81in`` or ``198mm``."""
    margins: Margins = Field(default_factory=Margins)
    """Margins of the text block: inside (gutter), outside, top, bottom."""
    font: str = "Libertinus Serif"
    """Text font family: one shipped with Typst (Libertinus Serif, New Computer Modern) or a font in
    the manuscript's ``styles/fonts/`` folder. System fonts are never used."""
    font_size: str = "10.5pt"
    """Size of the body text."""
    leading: str = "14pt"
    """Distance from baseline to baseline of body text (10.5pt on 14pt is written 10.5/14)."""
    target: list[str] = ["screen"]
    """The printers the interior is made for: ``kdp``, ``ingramspark``, ``lulu``, or ``screen`` (the
    default: no printer's rules), or a list of them; the PDF meets every listed printer's margins for
    its page count, and a book with a printer has a cover wrap."""
    paper: Literal["white", "cream", "colour"] = "cream"
    """The interior paper (``white``, ``cream`` or ``colour``): the cover's spine width depends on it."""

    @field_validator("target", mode="before")
    @classmethod
    def _one_target(cls, value: object) -> object:
        """A single target may be written without a list: ``target: ingramspark``."""
        return [value] if isinstance(value, str) else value

    @field_validator("target")
    @classmethod
    def _targets(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError(f"name at least one target: {', '.join(PRINTERS)}")
        for name in value:
            if name not in PRINTERS:
                close = did_you_mean(name, PRINTERS)
                hint = f" (did you mean {close!r}?)" if close else ""
                raise ValueError(f"unknown target {name!r}{hint}; choose from {', '.join(PRINTERS)}")
        return list(dict.fromkeys(value))

    @field_validator("trim")
    @classmethod
    def _trim(cls, value: str) -> str:
        key = value.lower().replace(" ", "").replace("in", "").replace("×", "x")
        if key == "custom":
            return "custom"
        if key not in TRIM_SIZES:
            raise ValueError(f"unknown trim size {value!r}; choose one of {', '.join(TRIM_SIZES)} or custom")
        return key

    @field_validator("font_size", "leading", mode="before")
    @classmethod
    def _bare_points(cls, value: object) -> object:
        """A bare number of points is allowed for sizes: ``font_size: 11``."""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return f"{value}pt"
        return value

    @field_validator("width", "height", "font_size", "leading")
    @classmethod
    def _lengths(cls, value: str | None) -> str | None:
        return None if value is None else _length(value)

    @model_validator(mode="after")
    def _page(self) -> "PrintConfig":
        if self.trim == "custom":
            if self.width is None or self.height is None:
                raise ValueError("trim: custom needs both width and height")
        elif self.width is not None or self.height is not None:
            raise ValueError(f"width and height are only for trim: custom, not trim: {self.trim}")
        width, height = self.page_size
        m = self.margins
        text_width = width - points(m.inside) - points(m.outside)
        text_height = height - points(m.top) - points(m.bottom)
        size = points(self.font_size)
        if not 6 <= size <= 24:
            raise ValueError(f"font_size {self.font_size} is outside 6pt-24pt")
        if points(self.leading) < size:
            raise ValueError(f"leading {self.leading} is less than the font size {self.font_size}")
        for printer in self.printers:
            if not printer.prints(width, height):
                least_w, least_h, most_w, most_h = printer.sizes or (0, 0, 0, 0)
                raise ValueError(f"{printer.label} does not print a {width / 72:.2f} x {height / 72:.2f} in "
                                 f"book: its trim sizes run from {least_w / 72:g} x {least_h / 72:g} in "
                                 f"to {most_w / 72:g} x {most_h / 72:g} in")
            for side in ("outside", "top", "bottom"):
                least = getattr(printer, side)
                if points(getattr(m, side)) < least - 0.01:
                    raise ValueError(f"margins.{side} {getattr(m, side)} is less than {printer.label}'s "
                                     f"minimum of {least / 72:g}in")
        if text_width < 20 * size or text_height < 10 * points(self.leading):
            raise ValueError(
                f"the margins leave a text block of {text_width / 72:.2f} x {text_height / 72:.2f} in "
                f"on a {width / 72:.2f} x {height / 72:.2f} in page: no room for text")
        return self

    @property
    def printers(self):
        """The target printers' rules (:class:`book.support.printers.Printer`), in order."""
        return [PRINTERS[name] for name in self.target]

    @property
    def page_size(self) -> tuple[float, float]:
        """Page width and height in points."""
        if self.trim == "custom":
            assert self.width is not None and self.height is not None
            return points(self.width), points(self.height)
        width, height = TRIM_SIZES[self.trim]
        return points(width), points(height)


class BookConfig(Closed):
    """``book.yaml``: everything about the book that is not its text."""

    title: str = Field(min_length=1)
    """The book's title."""
    subtitle: str | None = None
    """Optional subtitle, shown on the title page and in metadata."""
    creators: list[Creator] = Field(min_length=1)
    """People credited, in order, each with a role."""
    language: str = Field(pattern=LANGUAGE_TAG.pattern,
                          json_schema_extra={"write": "a language tag such as en or en-GB"})
    """BCP 47 language tag, e.g. ``en`` or ``en-GB``; sets hyphenation and ``xml:lang``."""
    identifier: str | None = None
    """ISBN-13 or a stable UUID (``urn:uuid:…``) for every format; never change it between editions
    of one book. ``identifiers`` gives each format its own."""
    identifiers: Identifiers = Field(default_factory=Identifiers)
    """One identifier per format: ``{epub: …, print: …}`` (ISBN-13 check digits verified)."""
    publisher: str | None = None
    """Publisher or imprint name."""
    date: dt.date
    """Publication date, ``YYYY-MM-DD``."""
    version: str = Field(default="1.0.0", pattern=r"^\d+(\.\d+){0,2}([-+][0-9A-Za-z.-]+)?$",
                         json_schema_extra={"write": "a version number such as 1.0.0 or 2.1"})
    """The edition's version number; release files are named after it."""
    edition: str | None = None
    """Edition statement for the copyright page, e.g. ``First edition``."""
    rights: str
    """Copyright statement of the compilation, e.g. ``© 2026 The Editors``."""
    description: str | None = None
    """Blurb for stores and the OPF ``dc:description``."""
    subjects: list[str] = []
    """Subject headings or keywords."""
    cover: Cover | None = None
    """Cover image; when omitted a typographic cover is generated."""
    accessibility: Accessibility = Field(default_factory=Accessibility)
    """Accessibility metadata beyond what the tool can infer."""
    chapter_label: str = "Chapter {number}"
    """Label printed above each chapter title; ``{number}`` is replaced; empty for none."""
    front_matter: list[str] = list(GENERATED_FRONT)
    """Pages before the first chapter, in order: generated pages (half-title, title-page,
    copyright, contents) and Markdown files relative to the manuscript folder."""
    chapters: list[str] = Field(min_length=1)
    """Chapter files in reading order, relative to the manuscript folder."""
    back_matter: list[str] = []
    """Pages after the last chapter: Markdown files and generated pages."""
    structure: list[SectionSpec] = Field(min_length=1)
    """The ordered sections every chapter is built from."""
    print: PrintConfig = Field(default_factory=PrintConfig)
    """Page design of the print PDF: trim size, margins, font, size and leading."""
    privacy: Privacy = Field(default_factory=Privacy)
    """How commenters appear: as written, by initials, or by pseudonyms."""
    quotation: Quotation = Field(default_factory=Quotation)
    """Quotation thresholds: ``book stats`` flags a source or writer beyond them, and a release
    refuses one quoted under fair dealing beyond them without the editor's recorded decision."""
    sale: Sale | None = None
    """Where and at what price the book is sold; a book for sale may not quote a source under a
    non-commercial or no-derivatives licence without permission."""
    permissions: PermissionRequests = Field(default_factory=PermissionRequests)
    """What the permission request letters ask for (``book permissions request``)."""

    @field_validator("language")
    @classmethod
    def _language(cls, value: str, info: ValidationInfo) -> str:
        """Held to the IANA registry: ``zz`` has the shape of a tag and is no language's."""
        if (problem := _language_verdict(value, info)) is not None:
            raise ValueError(problem)
        return value

    @field_validator("date")
    @classmethod
    def _date(cls, value: dt.date) -> dt.date:
        """The edition's date is printed on the copyright page and in the metadata: 9999-12-31 is a placeholder."""
        return _publication_date(value)

    @field_validator("identifier", mode="before")
    @classmethod
    def _identifier_digits(cls, value: object) -> object:
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value

    @field_validator("identifier")
    @classmethod
    def _identifier(cls, value: str | None) -> str | None:
        return None if value is None else normalise_identifier(value)

    @model_validator(mode="after")
    def _an_identifier(self) -> "BookConfig":
        if self.identifier is None and self.identifiers.epub is None:
            raise ValueError("the book needs an identifier: 'identifiers: {epub: …, print: …}' "
                             "(or the single 'identifier')")
        return self

    @property
    def epub_identifier(self) -> str:
        """The EPUB's identifier, as a URN: ``identifiers.epub``, else ``identifier``."""
        found = self.identifiers.epub or self.identifier
        assert found is not None
        return found

    @property
    def print_isbn(self) -> str | None:
        """The paperback's ISBN, hyphenated (``978-0-306-40615-7``): ``identifiers.print``, else a
        single ``identifier`` that is an ISBN; None when the print edition has none."""
        found = self.identifiers.print or self.identifier
        return hyphenated_isbn(found) if found and found.startswith("urn:isbn:") else None

    @field_validator("front_matter", "back_matter")
    @classmethod
    def _matter(cls, items: list[str]) -> list[str]:
        for item in items:
            if not item.endswith(".md") and item not in GENERATED_FRONT + GENERATED_BACK:
                choices = ", ".join(GENERATED_FRONT + GENERATED_BACK)
                raise ValueError(f"{item!r} is neither a .md file nor a generated page ({choices})")
        return items

    @field_validator("structure")
    @classmethod
    def _unique(cls, structure: list) -> list:
        """A section named twice: said at the ``structure`` key (a model-wide check had no line)."""
        names = [s.name for s in structure]
        dupes = [n for i, n in enumerate(names) if n in names[:i]]
        if dupes:
            first, second = [i + 1 for i, n in enumerate(names) if n == dupes[0]][:2]
            raise ValueError(f"section {dupes[0]!r} is listed twice (the {_ordinal(first)} and "
                             f"{_ordinal(second)} sections)")
        return structure

    @property
    def for_sale(self) -> bool:
        """True when the book has a price or a sale channel."""
        return self.sale is not None and (self.sale.price is not None or bool(self.sale.channels))

    @property
    def editors(self) -> list[Creator]:
        return [c for c in self.creators if c.role == "editor"]


def _ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 21st."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
