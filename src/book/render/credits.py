"""Who made the book, in the words the title page, copyright page and cover print.

Shared by the EPUB, the PDF and the cover so the three never disagree.
"""

from __future__ import annotations

from book.model import Manuscript

CREDIT_LABELS = {"author": "By", "editor": "Edited by", "contributor": "With contributions by",
                 "translator": "Translated by", "illustrator": "Illustrated by"}


def join_names(names: list[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def credit_line(manuscript: Manuscript) -> str:
    """``Edited by A and B`` (or the authors' names) for the cover."""
    config = manuscript.config
    editors = [c.name for c in config.creators if c.role == "editor"]
    if editors:
        return "Edited by " + join_names(editors)
    return join_names([c.name for c in config.creators if c.role == "author"])


def credit_groups(manuscript: Manuscript) -> list[dict[str, str]]:
    """One ``{label, names}`` per role, in the order a title page lists them."""
    groups: list[dict[str, str]] = []
    for role, label in CREDIT_LABELS.items():
        names = [c.name for c in manuscript.config.creators if c.role == role]
        if names:
            groups.append({"label": label, "names": join_names(names)})
    return groups


def isbn_of(identifier: str) -> str | None:
    """The ISBN, hyphen-free, when the book's identifier is one."""
    return identifier[len("urn:isbn:"):] if identifier.startswith("urn:isbn:") else None


def edition_line(manuscript: Manuscript) -> str:
    config = manuscript.config
    if config.edition:
        return f"{config.edition} (version {config.version}), {config.date.year}"
    return f"Version {config.version}, {config.date.year}"
