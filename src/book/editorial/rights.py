"""Rights and the release gate.

Each source records what the editor may do with it (``Rights`` in the model, set
in ``<id>.edits.yaml``). A release build refuses any excerpt whose source is
pending or refused, or whose attribution is incomplete, listing every one.
"""

from __future__ import annotations

from book.model import Manuscript, Rights
from book.support.diagnostics import Report

BLOCKING = ("pending", "refused")


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


def release_gate(manuscript: Manuscript, report: Report) -> None:
    """E320-E322: what a release must not print."""
    for excerpt in manuscript.excerpts:
        source = manuscript.sources.get(excerpt.source)
        if source is None:
            continue  # reported by verification
        unit = source.unit(excerpt.unit)
        if unit is None:
            continue
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
            report.error("E321", f"release refused: attribution of {source.id}#{unit.id} lacks "
                         f"{' and '.join(missing)} (correct it in {source.id}.edits.yaml)",
                         excerpt.path, excerpt.line)
