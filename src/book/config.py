"""The closed schema of ``book.yaml`` (manuscript format v1).

Every field has a docstring: the README's manuscript reference is written from
them. Unknown keys are errors (``extra="forbid"``), reported with file, line and
a did-you-mean by :mod:`book.yamlfile`.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

GENERATED_FRONT = ("half-title", "title-page", "copyright", "contents")
GENERATED_BACK = ("sources-and-permissions",)


class Closed(BaseModel):
    """Base for every schema block: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Creator(Closed):
    name: str = Field(min_length=1)
    """The name as printed on the title page."""
    role: Literal["editor", "author", "contributor", "translator", "illustrator"] = "author"
    """What the person did; editors of an anthology are ``editor``."""
    file_as: str | None = None
    """Sort form of the name, e.g. ``Smith, Jane`` (OPF ``file-as``)."""


class SectionSpec(Closed):
    name: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    """Identifier used in chapter files: ``::: letter``."""
    title: str | None = None
    """Heading printed above the section; omit for sections without a heading (an epigraph)."""
    required: bool = False
    """Whether every chapter must contain this section."""
    ornament: bool = False
    """Set a section ornament (a fleuron) before this section."""
    type: str | None = None
    """Semantic type of the section, e.g. ``epigraph`` (EPUB ``epub:type`` and ARIA role)."""


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


class BookConfig(Closed):
    """``book.yaml``: everything about the book that is not its text."""

    title: str = Field(min_length=1)
    """The book's title."""
    subtitle: str | None = None
    """Optional subtitle, shown on the title page and in metadata."""
    creators: list[Creator] = Field(min_length=1)
    """People credited, in order, each with a role."""
    language: str = Field(pattern=r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")
    """BCP 47 language tag, e.g. ``en`` or ``en-GB``; sets hyphenation and ``xml:lang``."""
    identifier: str
    """ISBN-13 or a stable UUID (``urn:uuid:…``); never change it between editions of one book."""
    publisher: str | None = None
    """Publisher or imprint name."""
    date: dt.date
    """Publication date, ``YYYY-MM-DD``."""
    version: str = Field(default="1.0.0", pattern=r"^\d+(\.\d+){0,2}([-+][0-9A-Za-z.-]+)?$")
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
    accessibility: Accessibility = Accessibility()
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

    @field_validator("identifier")
    @classmethod
    def _identifier(cls, value: str) -> str:
        return normalise_identifier(value)

    @field_validator("front_matter", "back_matter")
    @classmethod
    def _matter(cls, items: list[str]) -> list[str]:
        for item in items:
            if not item.endswith(".md") and item not in GENERATED_FRONT + GENERATED_BACK:
                choices = ", ".join(GENERATED_FRONT + GENERATED_BACK)
                raise ValueError(f"{item!r} is neither a .md file nor a generated page ({choices})")
        return items

    @model_validator(mode="after")
    def _unique(self) -> "BookConfig":
        names = [s.name for s in self.structure]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"structure lists section {dupes[0]!r} twice")
        return self

    @property
    def editors(self) -> list[Creator]:
        return [c for c in self.creators if c.role == "editor"]
