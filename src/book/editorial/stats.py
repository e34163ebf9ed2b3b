"""``book stats``: how much of the book is ours, and how much each source gives.

Counts words the same way everywhere (runs of letters and digits, with inner
apostrophes and hyphens), so the figures add up: a chapter's words are its
commentary plus its quotation, and the book's totals are the chapters' sums.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from book.editorial.excerpts import quoted_words
from book.editorial.rights import measure
from book.model import Manuscript, Prose
from book.support.text import count_words

@dataclass(frozen=True)
class ChapterStats:
    id: str
    title: str
    file: str
    commentary_words: int
    quotation_words: int


@dataclass(frozen=True)
class WriterStats:
    """One writer's words in a source (a comment is its writer's own work) and how many the book quotes."""

    name: str
    words: int
    quoted_words: int
    share: float
    flagged: bool


@dataclass(frozen=True)
class SourceStats:
    id: str
    title: str | None
    words: int
    quoted_words: int
    share: float
    rights: str
    flagged: bool                  # the source, or one of its writers, is quoted beyond the thresholds
    decision: str | None           # the editor's recorded decision to quote beyond them
    writers: list[WriterStats]


def quoted_by_source(manuscript: Manuscript) -> dict[str, int]:
    """Words quoted from each source across the whole book."""
    quoted: dict[str, int] = {}
    for excerpt in manuscript.excerpts:
        quoted[excerpt.source] = quoted.get(excerpt.source, 0) + quoted_words(excerpt)
    return quoted


def compute(manuscript: Manuscript) -> dict:
    config = manuscript.config.quotation
    chapters = []
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
    uses = measure(manuscript)
    for source_id, source in sorted(manuscript.sources.items()):
        use = uses[source_id]
        writers = [WriterStats(w.name, w.words, w.quoted, round(w.share, 4), w.over(config))
                   for w in use.writers if w.quoted]
        sources.append(SourceStats(source_id, source.title, use.source.words, use.source.quoted,
                                   round(use.source.share, 4), source.rights.status, bool(use.over(config)),
                                   source.rights.decision, writers))
    commentary_total = sum(c.commentary_words for c in chapters)
    quotation_total = sum(c.quotation_words for c in chapters)
    return {
        "chapters": [asdict(c) for c in chapters],
        "sources": [asdict(s) for s in sources],
        "totals": {"commentary_words": commentary_total, "quotation_words": quotation_total,
                   "words": commentary_total + quotation_total},
        "thresholds": {"max_words": config.max_words, "max_share": config.max_share},
    }
