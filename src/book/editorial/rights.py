"""Rights and the release gate: what the book may print, measured per source and per writer.

Each source records what the editor may do with it (``Rights`` in the model, set in
``<id>.edits.yaml``). Quotation is measured per source and per writer, since a
comment is its writer's own work. A release refuses (E320-E323) any excerpt of a
source whose rights are pending or refused, an attribution that is incomplete, a
source quoted under fair dealing beyond the book's thresholds without the editor's
recorded decision (``rights.decision``), and a non-commercial or no-derivatives
licence in a book for sale without recorded permission.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from book.config import Quotation
from book.editorial.attribution import unit_writer
from book.editorial.excerpts import normalised_unit, quoted_words
from book.model import Manuscript, Rights, Source
from book.support.diagnostics import Report
from book.support.text import count_words, plural
from book.support.yamlfile import config_position

BLOCKING = ("pending", "refused")
_RESTRICTIVE = re.compile(r"\b(?:NC|ND)\b|non-?\s?commercial|no-?\s?deriv", re.IGNORECASE)


def describe(rights: Rights) -> str:
    """A reader-facing sentence for the Sources and Permissions appendix."""
    status = rights.status
    if status == "public-domain":
        return "In the public domain."
    if status == "open-licence":
        return f"Published under {rights.licence}." if rights.licence else "Published under an open licence."
    if status == "permission":
        who = f" of {rights.granted_by}" if rights.granted_by else ""
        when = f" ({rights.granted_on})" if rights.granted_on else ""
        return f"Quoted by kind permission{who}{when}."
    if status == "quotation":
        return "Quoted for the purposes of comment and criticism."
    if status == "refused":
        return "Permission refused."
    return "Permission requested."


@dataclass(frozen=True)
class Use:
    """How much of one writer's (or one source's) words the book quotes."""

    name: str
    words: int
    quoted: int

    @property
    def share(self) -> float:
        return self.quoted / self.words if self.words else 0.0

    def over(self, limits: Quotation) -> bool:
        return self.quoted > limits.max_words or self.share > limits.max_share


@dataclass(frozen=True)
class SourceUse:
    """A source's use as a whole and by each of its writers, in order of first appearance."""

    source: Use
    writers: tuple[Use, ...]

    def over(self, limits: Quotation) -> list[Use]:
        """The source itself and every writer of it quoted beyond the thresholds."""
        return [use for use in (self.source, *self.writers) if use.over(limits)]


def measure(manuscript: Manuscript) -> dict[str, SourceUse]:
    """Words written and words quoted, per source and per writer (by the check stage's credits)."""
    quoted: dict[str, dict[str, int]] = {}
    for excerpt in manuscript.excerpts:
        writer = (excerpt.credit.who if excerpt.credit else None) or "an unnamed writer"
        by_writer = quoted.setdefault(excerpt.source, {})
        by_writer[writer] = by_writer.get(writer, 0) + quoted_words(excerpt)
    out = {}
    for source_id, source in manuscript.sources.items():
        written = _words_by_writer(source)
        used = quoted.get(source_id, {})
        writers = tuple(Use(name, written.get(name, 0), used.get(name, 0)) for name in dict.fromkeys([*written, *used]))
        out[source_id] = SourceUse(Use(source_id, sum(written.values()), sum(used.values())), writers)
    return out


def _words_by_writer(source: Source) -> dict[str, int]:
    """Each writer's own words in the source: a voice's passage counts for the voice, not the unit's writer."""
    words: dict[str, int] = {}
    for unit in source.units:
        writer = unit_writer(source, unit)[0] or "an unnamed writer"
        total = count_words(unit.text)
        text = normalised_unit(unit.text)
        for voice in (v for v in source.voices if v.unit == unit.id):
            start = text.find(normalised_unit(voice.start))
            end_text = normalised_unit(voice.end) if voice.end else None
            end = text.find(end_text) + len(end_text) if end_text and text.find(end_text) >= 0 else len(text)
            if start >= 0:
                spoken = count_words(text[start:end])
                words[voice.author] = words.get(voice.author, 0) + spoken
                total -= spoken
        words[writer] = words.get(writer, 0) + max(total, 0)
    return words


def restrictive_licence(source: Source) -> str | None:
    """The source's licence when it forbids commercial use or derivatives (CC BY-NC, BY-ND, ...)."""
    for licence in (source.rights.licence, source.license):
        if licence and _RESTRICTIVE.search(licence):
            return licence
    return None


def decisions(manuscript: Manuscript, shown: Callable[[str], str | None] = lambda name: name) -> list[dict[str, object]]:
    """Every recorded decision behind a quotation beyond the thresholds, for the manifest.

    ``shown`` prints a writer's name as the book does (privacy): the manifest ships with the book.
    """
    limits = manuscript.config.quotation
    uses = measure(manuscript)
    out = []
    for source_id, source in sorted(manuscript.sources.items()):
        if not source.rights.decision or source_id not in uses:
            continue
        use = uses[source_id]
        out.append({"source": source_id, "status": source.rights.status, "decision": source.rights.decision,
                    "words": use.source.words, "quoted_words": use.source.quoted,
                    "share": round(use.source.share, 4),
                    "over": [{"writer" if o is not use.source else "source":
                              shown(o.name) if o is not use.source else o.name, "quoted_words": o.quoted,
                              "words": o.words} for o in use.over(limits)]})
    return out


def release_gate(manuscript: Manuscript, report: Report) -> None:
    """E320-E323: what a release must not print."""
    for excerpt in manuscript.excerpts:
        source = manuscript.sources.get(excerpt.source)
        if source is None or source.unit(excerpt.unit) is None:
            continue  # reported by verification
        if source.rights.status in BLOCKING:
            report.error("E320", f"release refused: rights for source '{source.id}' are "
                         f"{source.rights.status} (set rights.status in {source.id}.edits.yaml)",
                         excerpt.path, excerpt.line)
        credit = excerpt.credit
        if credit is None:
            continue  # not verified: reported by verification
        missing = [name for name, value in (("author", credit.who), ("source title", credit.title))
                   if not value]
        if missing:
            report.error("E321", f"release refused: attribution of {source.id}#{excerpt.unit} lacks "
                         f"{' and '.join(missing)} (correct it in {source.id}.edits.yaml)",
                         excerpt.path, excerpt.line)
    quoted = {e.source for e in manuscript.excerpts}
    uses = measure(manuscript)
    for source_id in sorted(quoted & set(manuscript.sources)):
        source = manuscript.sources[source_id]
        _gate_quotation(manuscript, source, uses[source_id], report)
        _gate_licence(manuscript, source, report)


def _where(source: Source) -> tuple:
    """The edits file's ``rights`` line, else the source file: where the decision belongs."""
    if source.edits_path is not None:
        line, column = config_position(source.edits_path, ("rights",))
        return source.edits_path, line, column
    return source.path, None, None


def _gate_quotation(manuscript: Manuscript, source: Source, use: SourceUse, report: Report) -> None:
    limits = manuscript.config.quotation
    over = use.over(limits)
    if source.rights.status != "quotation" or not over or source.rights.decision:
        return
    said = "; ".join(f"{o.name if o is not use.source else 'the source'}: {o.quoted} of {plural(o.words, 'word')} "
                     f"({o.share:.0%})" for o in over)
    report.error("E322", f"release refused: {source.id} is quoted under fair dealing beyond the book's thresholds "
                 f"({limits.max_words} words or {limits.max_share:.0%}; {said}): quote less, record permission, or "
                 "record the editor's decision and its reason as rights.decision", *_where(source))


def _gate_licence(manuscript: Manuscript, source: Source, report: Report) -> None:
    licence = restrictive_licence(source)
    if licence is None or not manuscript.config.for_sale or source.rights.status == "permission":
        return
    report.error("E323", f"release refused: {source.id} is published under {licence!r}, which forbids commercial "
                 "use or derivatives, and this book is for sale: record the rights holder's permission "
                 "(rights.status: permission, granted_by, granted_on)", *_where(source))
