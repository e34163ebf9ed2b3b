"""The manuscript model that flows through every stage.

Manuscript -> sources -> excerpts -> chapters -> outputs. Each stage takes these
frozen records and returns new ones; nothing is mutated in place, so an output
format can transform its own copy without affecting another (EPUB and PDF share
the same chapters).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Literal

from book.config import BookConfig
from book.support.stored import StoredPath

UnitKind = Literal["post", "comment", "pingback"]


# ---------------------------------------------------------------- sources

AUTHOR_INFERRED = frozenset({"sign-off", "greeting", "initials", "site owner", "name line", "uncertain byline",
                             "author page address"})
"""The ways of finding an author (``Unit.author_how``) that infer rather than read a stated name. A "name line"
is a name alone on its line, with no byline label and no date beside it, taken for the author by where it sits
(under the headline, over the text): a shape the reader guessed, not a byline the page states. An "uncertain
byline" is a text capture's name chosen by the header's scores (``text_score``) with little margin over a rival; an "author page address" a
writer named only by a link to their author page (``/author/NAME/``), read from the address."""


@dataclass(frozen=True)
class Unit:
    """One addressable piece of a captured source: the post, a comment, a pingback.

    ``text`` is Markdown (paragraphs separated by blank lines; emphasis, lists and
    block quotes kept) and is exactly the writer's words after cleaning.
    """

    id: str
    kind: UnitKind
    author: str | None
    parent: str | None
    date: str | None
    text: str
    role: str | None = None        # "client", "therapist", "the blog's author" (editor-supplied)
    quotable: bool = True          # the editor may mark a unit as not to quote
    line: int | None = None        # line of the unit in the source file, for diagnostics
    author_how: str | None = None  # how the author was found (json-ld, byline, stated, sign-off, greeting ... editor)

    @property
    def author_inferred(self) -> bool:
        """The author was inferred (a sign-off, a greeting ...), not stated by the page: the editor must check it."""
        return bool(self.author) and self.author_how in AUTHOR_INFERRED

    @property
    def author_corrected(self) -> bool:
        """The editor set the author in the edits file: derived from ``author_how``, so the two never disagree."""
        return self.author_how == "editor"


@dataclass(frozen=True)
class Voice:
    """A passage inside a unit written by someone other than the unit's author.

    A blog post often quotes a reader's letter ("Cynthia writes: ...") before the
    reply; attribution must name the letter's writer, not the blogger.
    """

    unit: str
    start: str                     # the first words of the passage, verbatim
    end: str | None                # the last words; None means to the end of the unit
    author: str
    role: str | None = None


FORMATS = ("print", "ebook", "audio", "web")   # the editions a permission may cover


@dataclass(frozen=True)
class Scope:
    """What a permission covers (or a request asks for): formats, territory, languages, print run."""

    formats: tuple[str, ...] = ()  # print | ebook | audio | web
    territory: str | None = None   # "world", "UK and Commonwealth", ...
    languages: tuple[str, ...] = ()  # BCP 47 tags: en, en-GB
    print_run: int | None = None   # copies of the print edition

    def describe(self) -> str:
        """``print, ebook; world; en; 2,000 copies`` (empty when nothing is recorded)."""
        parts = [", ".join(self.formats), self.territory or "", ", ".join(self.languages),
                 f"{self.print_run:,} copies" if self.print_run else ""]
        return "; ".join(part for part in parts if part)


@dataclass(frozen=True)
class Rights:
    """The ledger entry of a source (or of one writer in it): what the editor may do with the words.

    Read from ``rights:`` in ``<id>.edits.yaml``. ``writers`` holds the entries of
    the commenters (by name as captured), who each hold the rights to their own words.
    """

    status: str = "pending"        # public-domain | open-licence | permission | quotation | pending | refused
    licence: str | None = None
    granted_by: str | None = None
    granted_on: str | None = None  # YYYY-MM-DD
    contact: str | None = None
    note: str | None = None
    decision: str | None = None    # the editor's recorded decision, with its reason, to quote beyond the
                                   # book's thresholds or under a restrictive licence (the release gate)
    holder: str | None = None      # who holds the rights, when not the writer (a publisher, an estate)
    requested_on: str | None = None  # YYYY-MM-DD: when permission was asked for
    fee: Decimal | None = None     # agreed fee, in ``currency``
    currency: str | None = None    # ISO 4217: GBP, USD, EUR
    scope: Scope = field(default_factory=Scope)
    credit: str | None = None      # the credit line the holder asked for (the appendix prints it)
    credit_with_excerpt: bool = False  # the holder requires the credit line next to each excerpt
    writers: tuple[tuple[str, "Rights"], ...] = ()  # per-writer entries: (name as captured, entry)

    def writer(self, name: str | None) -> "Rights | None":
        """The writer's own entry, or None."""
        for who, entry in self.writers:
            if who == name:
                return entry
        return None


@dataclass(frozen=True)
class Dropped:
    reason: str
    text: str


@dataclass(frozen=True)
class Source:
    """A captured, cleaned document (and the editor's corrections merged in)."""

    id: str
    path: StoredPath
    title: str | None
    author: str | None
    site: str | None
    url: str | None
    published: str | None          # YYYY-MM-DD or None
    license: str | None
    accessed: str | None
    units: tuple[Unit, ...]
    dropped: tuple[Dropped, ...] = ()
    voices: tuple[Voice, ...] = ()
    rights: Rights = field(default_factory=Rights)
    edits_path: StoredPath | None = None     # the editor's ``<id>.edits.yaml``, when there is one
    author_corrected: bool = False     # the edits file corrects the source-level ``author``

    def unit(self, unit_id: str) -> Unit | None:
        return self._units_by_id.get(unit_id)

    @cached_property
    def _units_by_id(self) -> dict[str, Unit]:
        """Units by id, built once: looking up an excerpt's unit must not scan a long thread."""
        by_id: dict[str, Unit] = {}
        for unit in self.units:
            by_id.setdefault(unit.id, unit)   # the first of a duplicated id, as a scan would find
        return by_id


# ---------------------------------------------------------------- chapters

@dataclass(frozen=True)
class Credit:
    """The one answer to "who wrote this passage, and where": every output's attribution.

    Decided once, in the check stage (:mod:`book.editorial.attribution`), and used by the
    attribution line, the sources note, the appendix, the statistics and the release gate.
    """

    who: str | None
    role: str | None
    title: str | None
    site: str | None
    date: str | None
    url: str | None
    kind: str                      # the unit's kind: post, comment, pingback
    how: str = "import"            # voice | unit correction | source correction | import
    credit_line: str | None = None  # the rights holder's credit line, printed with the excerpt when the
                                    # ledger asks for it (rights.credit_with_excerpt)



@dataclass(frozen=True)
class Excerpt:
    """A quotation of one unit of a source, as written in a chapter file."""

    source: str
    unit: str
    text: str                      # the quoted words as typed in the chapter (Markdown)
    path: StoredPath
    line: int                      # line of the opening fence
    attributes: tuple[tuple[str, str], ...] = ()
    credit: Credit | None = None   # who wrote it, as printed: filled in by the check stage


@dataclass(frozen=True)
class Cited:
    """A quotation of a published work that is not a captured source, with the editor's citation.

    Written ``::: {.cited cite="John Bowlby, A Secure Base (1988), p. 11"}``; printed like an
    excerpt, credited with the citation. Not verified (there is no capture to verify it
    against), so it is the editor's word that the quotation is exact.
    """

    text: str
    cite: str
    path: StoredPath
    line: int


@dataclass(frozen=True)
class Prose:
    """Editor's own Markdown between excerpts."""

    text: str
    line: int


Block = Prose | Excerpt | Cited


@dataclass(frozen=True)
class Section:
    """One named section of a chapter (``::: letter`` ... ``:::``)."""

    name: str
    line: int
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Chapter:
    id: str                        # stable, from the file name: used for file names and anchors
    number: int
    path: StoredPath
    title: str
    short_title: str | None
    subtitle: str | None
    sections: tuple[Section, ...]
    text: str                      # the whole file, for hashing and scanning
    body_line: int                 # first line after the front matter

    @property
    def excerpts(self) -> tuple[Excerpt, ...]:
        return tuple(b for s in self.sections for b in s.blocks if isinstance(b, Excerpt))


MatterKind = Literal["file", "half-title", "title-page", "copyright", "contents", "sources-and-permissions"]


@dataclass(frozen=True)
class Matter:
    """A front- or back-matter page: an editor's Markdown file or a generated page."""

    id: str
    kind: MatterKind
    title: str | None = None
    epub_type: str | None = None   # preface, foreword, dedication, appendix, ...
    path: StoredPath | None = None
    body: str = ""
    body_line: int = 1
    text: str = ""                 # the whole file, for scanning with line numbers
    in_toc: bool = True
    outputs: tuple[str, ...] = ("epub", "pdf")   # the editions that print it (front matter `outputs:`)

    @property
    def is_markdown(self) -> bool:
        """Pages that go through pandoc: the editor's files and generated Markdown pages."""
        return self.kind in ("file", "sources-and-permissions")


@dataclass(frozen=True)
class Manuscript:
    """The whole book as read from disk, before anything is rendered."""

    root: Path
    config_path: Path
    config: BookConfig
    front: tuple[Matter, ...]
    chapters: tuple[Chapter, ...]
    back: tuple[Matter, ...]
    sources: dict[str, Source]
    styles_dirs: tuple[Path, ...]  # the manuscript's styles/ first, then the package defaults

    @property
    def excerpts(self) -> tuple[Excerpt, ...]:
        return tuple(e for c in self.chapters for e in c.excerpts)

    def map_excerpts(self, func: Callable[[Excerpt], Excerpt]) -> Manuscript:
        """A copy with every excerpt replaced by ``func(excerpt)``; everything else shared."""
        return self.map_blocks(lambda block: func(block) if isinstance(block, Excerpt) else block)

    def for_output(self, name: str) -> Manuscript:
        """The book as one edition prints it: without the matter pages meant for the other one."""
        return replace(self, front=tuple(m for m in self.front if name in m.outputs),
                       back=tuple(m for m in self.back if name in m.outputs))

    def map_blocks(self, func: Callable[[Block], Block]) -> Manuscript:
        """A copy with every block of every chapter replaced by ``func(block)``."""
        chapters = tuple(replace(chapter, sections=tuple(replace(section, blocks=tuple(func(b) for b in section.blocks))
                                                         for section in chapter.sections))
                         for chapter in self.chapters)
        return replace(self, chapters=chapters)


def stored_without_text(text: str) -> tuple[Callable[[Chapter | None], Chapter | None],
                                            Callable[[Chapter | None], Chapter | None]]:
    """(to the store, from it) for a memo entry of a chapter whose file holds ``text``
    (:meth:`book.context.Memo.recall`): the build cache keeps the chapter without its text when
    it is exactly that, since the text is in the entry's key and read on every run anyway (half
    of what a kept chapter weighs), and puts it back when the entry is read."""
    def to_store(chapter: Chapter | None) -> Chapter | None:
        return replace(chapter, text="") if chapter is not None and chapter.text == text else chapter

    def from_store(chapter: Chapter | None) -> Chapter | None:
        return replace(chapter, text=text) if chapter is not None and chapter.text == "" else chapter

    return to_store, from_store
