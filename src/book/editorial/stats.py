"""``book stats``: how much of the book is ours, and how much each source gives.

Counts words the same way everywhere (runs of letters and digits, with inner
apostrophes and hyphens), so the figures add up: a chapter's words are its
commentary plus its quotation, and the book's totals are the chapters' sums.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from book.model import Excerpt, Manuscript, Prose
from book.support.text import count_words

_OMISSION = re.compile(r"\[\s*(?:…|\.\s*\.\s*\.)\s*\]|…|\.\.\.")


def quoted_words(excerpt: Excerpt) -> int:
    """Words quoted from the source: editorial insertions and omission marks do not count."""
    text = _OMISSION.sub(" ", excerpt.text)
    text = re.sub(r"\[(?!sic\])[^\]]*\]", " ", text, flags=re.IGNORECASE)
    text = re.sub(r"\[sic\]", " ", text, flags=re.IGNORECASE)
    return count_words(text)


@dataclass(frozen=True)
class ChapterStats:
    id: str
    title: str
    file: str
    commentary_words: int
    quotation_words: int


@dataclass(frozen=True)
class SourceStats:
    id: str
    title: str | None
    words: int
    quoted_words: int
    share: float
    rights: str
    flagged: bool


def quoted_by_source(manuscript: Manuscript) -> dict[str, int]:
    """Words quoted from each source across the whole book."""
    quoted: dict[str, int] = {}
    for excerpt in manuscript.excerpts:
        quoted[excerpt.source] = quoted.get(excerpt.source, 0) + quoted_words(excerpt)
    return quoted


def compute(manuscript: Manuscript) -> dict:
    config = manuscript.config.quotation
    chapters = []
    quoted = quoted_by_source(manuscript)
    for chapter in manuscript.chapters:
        commentary = quotation = 0
        for section in chapter.sections:
            for block in section.blocks:
                if isinstance(block, Prose):
                    commentary += count_words(block.text)
                else:
                    quotation += quoted_words(block)
        chapters.append(ChapterStats(chapter.id, chapter.title, str(chapter.path.relative_to(manuscript.root)),
                                     commentary, quotation))
    sources = []
    for source_id, source in sorted(manuscript.sources.items()):
        total = sum(count_words(u.text) for u in source.units)
        used = quoted.get(source_id, 0)
        share = used / total if total else 0.0
        sources.append(SourceStats(source_id, source.title, total, used, round(share, 4),
                                   source.rights.status, used > config.max_words or share > config.max_share))
    commentary_total = sum(c.commentary_words for c in chapters)
    quotation_total = sum(c.quotation_words for c in chapters)
    return {
        "chapters": [asdict(c) for c in chapters],
        "sources": [asdict(s) for s in sources],
        "totals": {"commentary_words": commentary_total, "quotation_words": quotation_total,
                   "words": commentary_total + quotation_total},
        "thresholds": {"max_words": config.max_words, "max_share": config.max_share},
    }
