"""The CHECK stage: everything that can fail the book, found before any output is written.

In: the run's :class:`~book.context.BuildContext` (the manuscript folder, strict, release)
and the outputs that will be made. Out: a :class:`Checked` book, the manuscript with every
excerpt located in its source, how each person's name is printed (privacy) and the
warnings found; or a :class:`~book.support.diagnostics.BookError` carrying every problem.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field, replace

from book.context import CACHE_DIR_NAME, BuildContext, Memo, Progress
from book.editorial import privacy
from book.editorial.attribution import check_author_corrections, credit_excerpts
from book.editorial.excerpts import Match, verify_excerpts
from book.editorial.ledger import with_credit_lines
from book.editorial.privacy import NameMap
from book.editorial.quotations import Units, check_quotations
from book.editorial.rights import release_gate
from book.editorial.rules import Rule, rules_for
from book.manuscript import load_manuscript
from book.model import Chapter, Credit, Excerpt, Manuscript, stored_without_text
from book.support.diagnostics import BookError, Diagnostic, Report
from book.support.files import InputRefused, input_digest, walk_inputs
from book.support.text import plural


SKIP_NAMES = {".git", ".hg", ".svn", "__pycache__", CACHE_DIR_NAME}   # never inputs of a book


@dataclass(frozen=True)
class Checked:
    """A book that passed the check stage, ready for every output."""

    manuscript: Manuscript         # as written, every excerpt credited (Excerpt.credit)
    matches: dict[Excerpt, Match]  # where each excerpt was found in its source's unit
    report: Report                 # the warnings (and, under a failed check, the errors)
    names: NameMap                 # how people's names are printed (privacy)
    printed: Manuscript            # what every output prints: names replaced, contacts masked
    keys: dict[str, str] = field(default_factory=dict)   # chapter id -> key of its printed content (memo)


@dataclass(frozen=True)
class ChapterCheck:
    """What checking one chapter on its own gives: kept by content, so an unchanged chapter is not checked again."""

    credits: tuple[Credit | None, ...]          # for each excerpt of the chapter, in order: who wrote it
    matches: tuple[Match | None, ...]           # for each excerpt of the chapter, in order
    rules: tuple[tuple[Diagnostic, ...], ...]   # for each per-file rule that runs, in order
    verified: tuple[Diagnostic, ...]
    quotations: tuple[Diagnostic, ...]


def check_book(ctx: BuildContext, progress: Progress, outputs: Collection[str] | None = None) -> Checked:
    """Read and check the manuscript for ``outputs`` (None: every output); raise BookError if it cannot be built.

    Each chapter is checked on its own (the per-file rules, its excerpts, quotations, credits)
    and the problems are gathered in the order a check of the whole book finds them; what
    concerns the book as a whole (the cover, styles, the sources' own corrections, the rights,
    the name map) is checked once for the book. With a memo (the build cache, ``book serve``),
    a chapter whose text is unchanged, in a folder whose other files are unchanged, is not
    checked again: its problems are replayed.
    """
    report = Report()
    progress(f"Reading {ctx.manuscript_dir}")
    manuscript = load_manuscript(ctx.manuscript_dir, report, ctx.memo)
    matches: dict[Excerpt, Match] = {}
    names = NameMap.build({})
    context = None
    if manuscript is not None:
        _at_most_excerpts(manuscript, report)
        progress(f"Checking {plural(len(manuscript.chapters), 'chapter')} and {plural(len(manuscript.excerpts), 'excerpt')}")
        context = _context_key(ctx, manuscript, outputs) if ctx.memo is not None else None
        manuscript, matches = _check_chapters(ctx, manuscript, report, outputs, context)
        if ctx.release:
            release_gate(manuscript, report)
        names = _privacy(manuscript, report, progress)
    if manuscript is None or report.failed(ctx.strict):
        raise BookError(report)
    printed, keys = _printed(ctx, manuscript, names, context)
    return Checked(manuscript, matches, report, names, printed, keys)


MAX_BOOK_EXCERPTS = 5_000
"""Excerpts in one book. Each costs about 3.4 ms of CPU to check (matched in its source, credited, rendered
and read back by pandoc), linearly: 10,000 took 34 s of ``book check`` and 100,000 ran for minutes, where an
anthology quotes hundreds. Refused before any of that work, at the first excerpt beyond."""


def _at_most_excerpts(manuscript: Manuscript, report: Report) -> None:
    """E544, and the check stops, when the book quotes more than :data:`MAX_BOOK_EXCERPTS` excerpts."""
    excerpts = manuscript.excerpts
    if len(excerpts) <= MAX_BOOK_EXCERPTS:
        return
    beyond = excerpts[MAX_BOOK_EXCERPTS]
    report.error("E544", f"the book quotes {len(excerpts):,} excerpts, more than {MAX_BOOK_EXCERPTS:,}: "
                         "this is the first beyond; split the book", beyond.path, beyond.line)
    raise BookError(report)


def _check_chapters(ctx: BuildContext, manuscript: Manuscript, report: Report, outputs: Collection[str] | None,
                    context: str | None) -> tuple[Manuscript, dict[Excerpt, Match]]:
    rules = rules_for(outputs)
    units = Units(manuscript)                  # every unit normalised once, when a quotation needs it
    parts = [_chapter_check(ctx, manuscript, chapter, rules, units, context) for chapter in manuscript.chapters]
    pages = _check_one(replace(manuscript, chapters=()), rules, units, ctx.release)   # the matter pages
    per_file = [item for item in rules if item.per_file]
    for item in rules:                         # the order of a check of the whole book: rule by rule
        if item.per_file:
            index = per_file.index(item)
            for part in (*parts, pages):
                report.items.extend(part.rules[index])
        else:
            item.run(manuscript, report)
    for part in (*parts, pages):
        report.items.extend(part.verified)
    for part in (*parts, pages):
        report.items.extend(part.quotations)
    check_author_corrections(manuscript, report)
    credited = replace(manuscript, chapters=tuple(_credited(chapter, part.credits)
                                                  for chapter, part in zip(manuscript.chapters, parts, strict=True)))
    found = {excerpt: match for chapter, part in zip(credited.chapters, parts, strict=True)
             for excerpt, match in zip(chapter.excerpts, part.matches, strict=True) if match is not None}
    return credited, found


def _credited(chapter: Chapter, credits: tuple[Credit | None, ...]) -> Chapter:
    """The chapter with each excerpt's credit, in order (what credit_excerpts and with_credit_lines gave)."""
    given = iter(credits)
    sections = tuple(replace(section, blocks=tuple(replace(b, credit=next(given)) if isinstance(b, Excerpt) else b
                                                   for b in section.blocks))
                     for section in chapter.sections)
    return replace(chapter, sections=sections)


def _chapter_check(ctx: BuildContext, manuscript: Manuscript, chapter: Chapter, rules: list[Rule], units: Units,
                   context: str | None) -> ChapterCheck:
    one = replace(manuscript, chapters=(chapter,), front=(), back=())
    if context is None or ctx.memo is None:
        return _check_one(one, rules, units, ctx.release)
    key = ctx.memo.key(context, str(chapter.path), str(chapter.number), chapter.text)
    return ctx.memo.recall("chapter-check", key, Report(), lambda _local: _check_one(one, rules, units, ctx.release))


def _check_one(manuscript: Manuscript, rules: list[Rule], units: Units, release: bool) -> ChapterCheck:
    """Check a manuscript holding one chapter (or only the matter pages), each kind of problem apart."""
    found = []
    for item in rules:
        if item.per_file:
            local = Report()
            item.run(manuscript, local)
            found.append(tuple(local.items))
    verified, quoted, ignored = Report(), Report(), Report()
    matches = verify_excerpts(manuscript, verified)
    check_quotations(manuscript, quoted, release, units)
    manuscript, matches = credit_excerpts(manuscript, matches, ignored)   # its book-wide E350: once, by the caller
    manuscript, matches = with_credit_lines(manuscript, matches)
    excerpts = manuscript.chapters[0].excerpts if manuscript.chapters else ()
    return ChapterCheck(tuple(e.credit for e in excerpts), tuple(matches.get(e) for e in excerpts),
                        tuple(found), tuple(verified.items), tuple(quoted.items))


def _context_key(ctx: BuildContext, manuscript: Manuscript, outputs: Collection[str] | None) -> str | None:
    """What a chapter's check may read besides the chapter: every other regular file of the manuscript
    folder (book.yaml, sources, images, styles), by the one safe walk; None when it refuses a path."""
    import os

    chapters = {os.path.abspath(chapter.path) for chapter in manuscript.chapters}
    written = {os.path.abspath(p) for p in (ctx.out_dir, ctx.cache_root, ctx.output) if p is not None}
    files, refused = walk_inputs(manuscript.root, skip=lambda p: (
        p.name in SKIP_NAMES or p.name.endswith(".tmp") or os.path.abspath(p) in chapters | written))
    if refused:
        return None
    digest = ctx.memo.digest if ctx.memo is not None else input_digest
    parts: list[str | bytes] = [str(manuscript.root), ",".join(sorted(outputs or ["*"])), str(ctx.release)]
    try:
        for path in files:
            parts += [str(path.relative_to(manuscript.root)), digest(path, manuscript.root)]
    except (InputRefused, ValueError):
        return None
    return Memo.key(*parts)


def _printed(ctx: BuildContext, manuscript: Manuscript, names: NameMap,
             context: str | None) -> tuple[Manuscript, dict[str, str]]:
    """The printed model; with a memo, each chapter and source printed once per content and name map."""
    if context is None or ctx.memo is None:
        return privacy.printed(manuscript, names), {}
    memo = ctx.memo
    shown = Memo.key(context, *(part for item in sorted(names.shown.items()) for part in item))
    keys = {chapter.id: memo.key(shown, str(chapter.path), str(chapter.number), chapter.text)
            for chapter in manuscript.chapters}
    chapters = tuple(memo.recall("printed-chapter", keys[c.id], Report(),
                                 lambda _local, c=c: privacy.printed_chapter(c, manuscript, names),
                                 stored=stored_without_text(c.text))
                     for c in manuscript.chapters)
    # A source as printed only renames its writers: computing that again (5 ms for a 100k-word book's
    # 17 sources) is cheaper than reading back and validating a copy of every captured word (17 ms).
    sources = {sid: memo.recall("printed-source", memo.key(shown, sid), Report(),
                                lambda _local, s=source: privacy.printed_source(s, names), persist=False)
               for sid, source in manuscript.sources.items()}
    return privacy.printed(manuscript, names, chapters, sources), keys


def _privacy(manuscript: Manuscript, report: Report, progress: Progress) -> NameMap:
    config = manuscript.config.privacy
    map_path = manuscript.root / config.pseudonyms_file
    existed = map_path.exists()
    names = privacy.plan(manuscript, report)
    if config.commenters == "pseudonyms" and not existed and map_path.exists():
        progress(f"Wrote the pseudonym map {map_path} (edit it to choose other names)")
    return names
