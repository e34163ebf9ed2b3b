"""``book permissions request``: one letter per rights holder, as DOCX and as PDF.

The letter is the template ``styles/permissions/letter.md.j2`` (the manuscript's own
copy first) rendered to pandoc Markdown, read without smart typography so that every
passage stays exactly as written. Pandoc parses it once into its AST, from which
:mod:`book.permissions.docx_writer` writes the DOCX with python-docx; the PDF is the same
Markdown through pandoc's Typst writer (with ``letter.lua``) and ``letter.typ``, compiled
in-process. Each passage appears exactly as the book prints it (after privacy) and exactly
as the holder's text has it, with the sentence before and after.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2

from book.editorial import Checked
from book.editorial.privacy import NOT_A_NAME
from book.manuscript.styles import Styles
from book.permissions.passages import Passage
from book.render.credits import join_names
from book.render.pandoc import convert_documents
from book.support.diagnostics import BookError
from book.support.files import scratch
from book.support.text import file_slug

TEMPLATE = "permissions/letter.md.j2"
NOT_ASKED = ("public-domain", "open-licence")   # nobody to ask


@dataclass(frozen=True)
class Letter:
    holder: str
    name: str                   # the file name, without suffix
    markdown: str
    passages: tuple[Passage, ...]


def holders(passages: Sequence[Passage], sources: Sequence[str] = (),
            statuses: Sequence[str] = ()) -> dict[str, list[Passage]]:
    """The passages of each rights holder to write to, in book order (only ``sources`` and holders whose
    entry has one of ``statuses``, when given: ``requested`` is ``pending`` with a ``requested_on``)."""
    out: dict[str, list[Passage]] = {}
    for passage in passages:
        if sources and passage.source not in sources:
            continue
        rights = passage.entry.rights
        if rights.status in NOT_ASKED:
            continue
        shown = "requested" if rights.status == "pending" and rights.requested_on else rights.status
        if statuses and shown not in statuses:
            continue
        out.setdefault(passage.entry.holder, []).append(passage)
    return out


def letters(checked: Checked, passages: Sequence[Passage], pages: dict[int, str], sources: Sequence[str],
            date: dt.date, statuses: Sequence[str] = ()) -> list[Letter]:
    """Every letter's Markdown, rendered from the template."""
    manuscript = checked.manuscript
    config = manuscript.config
    request = config.permissions
    editors = [c.name for c in config.creators if c.role == "editor"] or [c.name for c in config.creators]
    formats = join_names([{"print": "print", "ebook": "ebook", "audio": "audiobook", "web": "web"}[f]
                          for f in request.formats])
    languages = join_names(request.languages or [config.language])
    scope = f"{formats} editions; {request.territory}; in {languages}"
    if request.print_run:
        scope += f"; a first printing of {request.print_run} copies"
    out = []
    for number, (holder, mine) in enumerate(holders(passages, sources, statuses).items(), start=1):
        anonymous = any(holder.lower().startswith(word) for word in NOT_A_NAME)
        fees = {(p.entry.rights.fee, p.entry.rights.currency) for p in mine if p.entry.rights.fee}
        recorded = list(dict.fromkeys(p.entry.rights.scope.describe() for p in mine if p.entry.rights.scope.describe()))
        context = {
            "book": config, "request": request, "date": date.strftime("%-d %B %Y"), "holder": holder,
            "salutation": "writer" if anonymous else holder, "editors": join_names(editors),
            "editor_count": len(editors), "signature": request.signature or join_names(editors),
            "formats": formats, "scope": "; and ".join(recorded) if recorded else scope,   # the ledger's, if recorded
            "publication": (request.publication or config.date).strftime("%-d %B %Y"),
            "fee": ", ".join(f"{amount} {currency}" for amount, currency in sorted(fees, key=str)),
            "words": sum(p.words for p in mine), "passages": [_passage(checked, p, pages) for p in mine],
            "privacy_note": _privacy_note(checked, mine),
        }
        markdown = _render(manuscript, context)
        out.append(Letter(holder, f"{number:02d}-{file_slug(holder, 'holder')[:60]}", markdown, tuple(mine)))
    return out


def _render(manuscript, context: dict) -> str:
    """The letter template rendered; E906, at the template's line when Jinja knows it, if it cannot be."""
    styles = Styles.of(manuscript)
    try:
        return styles.environment.get_template(TEMPLATE).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise BookError(f"the letter template has an error: {exc.message}", "E906",
                        path=Path(exc.filename) if exc.filename else styles.find(TEMPLATE), line=exc.lineno) from None
    except jinja2.TemplateError as exc:
        raise BookError(f"the letter template cannot be rendered: {exc}", "E906", path=styles.find(TEMPLATE)) from None


def _passage(checked: Checked, p: Passage, pages: dict[int, str]) -> dict:
    source = checked.manuscript.sources[p.source]
    unit = source.unit(p.unit)
    return {
        "chapter_number": p.chapter.number, "chapter_title": p.chapter_title, "page": pages.get(p.number),
        "source_title": source.title or source.id, "site": source.site, "url": source.url,
        "unit": p.unit, "unit_kind": {"post": "the post", "comment": "comment"}.get(unit.kind, unit.kind),
        "words": p.words, "writer_printed": p.writer_printed or "an unnamed writer",
        "printed": _paragraphs(p.printed), "in_source": _paragraphs(p.source_text),
        "before": p.before, "after": p.after,
    }


def _paragraphs(text: str) -> list[str]:
    return [" ".join(part.split()) for part in text.split("\n\n") if part.strip()] or [""]


def _privacy_note(checked: Checked, mine: Sequence[Passage]) -> str:
    changed = {p.writer: p.writer_printed for p in mine if p.writer and p.writer_printed != p.writer}
    if not changed:
        return ""
    shown = join_names([f"“{printed}”" for printed in dict.fromkeys(changed.values())])
    return (f"To protect your privacy, the book does not print your name as you wrote it: it prints {shown}, "
            "and a name inside a passage is replaced the same way, in square brackets.")


# ------------------------------------------------------------------ writing

def pandoc_ast(markdown: str) -> dict:
    """The letter as pandoc's AST (read without smart typography: quotations stay as written)."""
    with scratch("book-letter-") as folder:
        [out] = convert_documents([markdown], ("--from=markdown-smart-auto_identifiers", "--to=json"), Path(folder))
    return json.loads(out)


def typst_source(checked: Checked, markdown: str) -> str:
    """The letter as a Typst document: ``letter.typ``, then pandoc's Typst of the body."""
    styles = Styles.of(checked.manuscript)
    with scratch("book-letter-") as folder:
        [body] = convert_documents([markdown], ("--from=markdown-smart-auto_identifiers", "--to=typst", "--wrap=preserve",
                                                f"--lua-filter={styles.find('permissions/letter.lua').resolve()}"),
                                   Path(folder))
    return styles.find("permissions/letter.typ").read_text(encoding="utf-8") + "\n" + body


def letter_files(checked: Checked, letter: Letter, when: dt.datetime) -> dict[str, bytes]:
    """``.docx`` and ``.pdf`` bytes of one letter."""
    from book.pdf.compile import TypstSource, compile_typst
    from book.permissions.docx_writer import write_docx

    docx = write_docx(pandoc_ast(letter.markdown), title=f"Request for permission: {letter.holder}", when=when)
    styles = Styles.of(checked.manuscript)
    pdf = compile_typst(TypstSource(typst_source(checked, letter.markdown), root=checked.manuscript.root,
                                    font_paths=styles.font_dirs), when=when)
    assert isinstance(pdf, bytes)
    return {".docx": docx, ".pdf": pdf}
