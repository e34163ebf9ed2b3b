"""Who wrote each quoted passage: one answer, decided once, used everywhere.

The attribution line under a quotation, the chapter's sources note, the appendix,
the statistics per writer and the release gate all ask "who wrote this?". They all
read the answer decided here, in the check stage, so a book can never name two
writers for one text. The order of authority:

1. a voice: a passage inside a unit written by someone else (a reader's letter in a post);
2. the unit's author as corrected in the edits file (``units: {c3: {author: …}}``);
3. for the post, a source-level author correction (``author: …`` at the top of the edits file);
4. what the import found.
"""

from __future__ import annotations

from dataclasses import replace

from book.editorial.excerpts import Match, normalised_unit
from book.model import Credit, Excerpt, Manuscript, Source, Unit
from book.support.diagnostics import Report
from book.support.yamlfile import config_position

PLACEHOLDERS = {"anonymous", "anon", "unknown", "guest", ""}


def unit_writer(source: Source, unit: Unit) -> tuple[str | None, str]:
    """Who wrote the unit as a whole (no voice), and how that was decided."""
    if unit.author_corrected:
        return unit.author, "unit correction"
    if unit.kind == "post" and source.author_corrected:
        return source.author, "source correction"
    return unit.author, "import"


def post_writer(source: Source) -> str | None:
    """Who wrote the source's post: the name the sources note and the appendix print."""
    post = next((u for u in source.units if u.kind == "post"), None)
    if post is None:
        return source.author
    return unit_writer(source, post)[0] or source.author


def credit(source: Source, unit: Unit, match: Match | None) -> Credit:
    """The credit of a passage of ``unit`` found at ``match``: its writer, role and where it was published."""
    who, how = unit_writer(source, unit)
    role = unit.role
    if match is not None:
        haystack = normalised_unit(unit.text)
        for voice in source.voices:
            if voice.unit != unit.id:
                continue
            start = haystack.find(normalised_unit(voice.start))
            end_text = normalised_unit(voice.end) if voice.end else None
            end = haystack.find(end_text) + len(end_text) if end_text is not None else len(haystack)
            if 0 <= start <= match.start and match.end <= end:
                who, role, how = voice.author, voice.role, "voice"
                break
    return Credit(who=who, role=role, title=source.title, site=source.site, date=unit.date or source.published,
                  url=source.url, kind=unit.kind, how=how)


def credit_excerpts(manuscript: Manuscript, matches: dict[Excerpt, Match],
                    report: Report) -> tuple[Manuscript, dict[Excerpt, Match]]:
    """The manuscript with every verified excerpt's credit filled in, and the matches keyed anew."""
    check_author_corrections(manuscript, report)
    credited: dict[Excerpt, Match] = {}

    def fill(excerpt: Excerpt) -> Excerpt:
        match = matches.get(excerpt)
        source = manuscript.sources.get(excerpt.source)
        unit = source.unit(excerpt.unit) if source is not None else None
        if source is None or unit is None or match is None:
            return excerpt
        done = replace(excerpt, credit=credit(source, unit, match))
        credited[done] = match
        return done

    return manuscript.map_excerpts(fill), credited


def check_author_corrections(manuscript: Manuscript, report: Report) -> None:
    """E350: a source-level author correction that disagrees with the post's own author."""
    for source in manuscript.sources.values():
        if not source.author_corrected or source.edits_path is None:
            continue
        post = next((u for u in source.units if u.kind == "post"), None)
        if post is None or post.author == source.author:
            continue
        line, column = config_position(source.edits_path, ("author",))
        if post.author_corrected:
            post_line, _ = config_position(source.edits_path, ("units", post.id, "author"))
            where = f"{source.edits_path.name}:{post_line}" if post_line else source.edits_path.name
            what = "the edits file's own correction of the post"
        elif (post.author or "").strip().lower() not in PLACEHOLDERS:
            where = f"{source.path.name}:{post.line}" if post.line else source.path.name
            what = "the post's author as imported"
        else:
            continue
        report.warning("E350", f"the source's author {source.author!r} differs from {what}, {post.author!r} "
                       f"({where}); the post is credited to "
                       f"{unit_writer(source, post)[0]!r}: set units.{post.id}.author to say who wrote it",
                       source.edits_path, line, column)
