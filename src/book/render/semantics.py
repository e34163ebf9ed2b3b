"""EPUB structural semantics and the ARIA roles that match them.

Ace (and assistive technology) expect every ``epub:type`` to be mirrored by the
corresponding DPUB-ARIA ``doc-*`` role where one exists; some types (title
page, half-title, copyright page) have none, and get no role.
"""

from __future__ import annotations

ROLE_FOR_TYPE: dict[str, str] = {
    "abstract": "doc-abstract",
    "acknowledgments": "doc-acknowledgments",
    "afterword": "doc-afterword",
    "appendix": "doc-appendix",
    "bibliography": "doc-bibliography",
    "chapter": "doc-chapter",
    "colophon": "doc-colophon",
    "conclusion": "doc-conclusion",
    "credits": "doc-credits",
    "dedication": "doc-dedication",
    "endnotes": "doc-endnotes",
    "epigraph": "doc-epigraph",
    "epilogue": "doc-epilogue",
    "errata": "doc-errata",
    "foreword": "doc-foreword",
    "glossary": "doc-glossary",
    "introduction": "doc-introduction",
    "notice": "doc-notice",
    "part": "doc-part",
    "preface": "doc-preface",
    "prologue": "doc-prologue",
    "toc": "doc-toc",
}

# Landmarks a reading system offers as "go to": the nav lists those present.
LANDMARK_TYPES = ("cover", "titlepage", "toc", "preface", "bodymatter", "backmatter", "bibliography")


def role_for(epub_type: str | None) -> str | None:
    """The ARIA role matching an ``epub:type``, or None where there is none."""
    return ROLE_FOR_TYPE.get(epub_type or "")
