"""E539: every link within the book goes to an id of the documents as the build renders them.

E251 (``editorial/rules.py: check_internal_links``) judges links before anything is rendered, from
its own layout of each chapter: an overriding ``chapter.md.j2`` or ``excerpt.md.j2`` can take away an
id it counts (a section title's ``{#…-title}``) or give one it does not know. ``book check`` reads
the rendered documents with pandoc anyway (:func:`book.render.pandoc.reader_warnings`), so the ids
and links pandoc found there are compared too: a link no rendered document can follow is E539 at
the line that wrote it, where the EPUB would hold a link to nowhere and Typst would stop the PDF.
A link to another document's id is followed (the EPUB and the PDF each retarget it), as in E251.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from book.render.cache import DocCache
from book.render.chapters import RenderedDoc
from book.support.diagnostics import Report


def cached_links(cache: DocCache, key: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """A document's ids and link targets kept from an earlier reading; None when not kept (read it again)."""
    text = cache.get_text("read-links", key)
    try:
        ids, links = json.loads(text) if text is not None else (None, None)
    except ValueError:
        return None
    if not (isinstance(ids, list) and isinstance(links, list) and all(isinstance(v, str) for v in ids + links)):
        return None
    return frozenset(ids), frozenset(links)


def dead_links(docs: Sequence[RenderedDoc], found: Sequence[tuple[frozenset[str], frozenset[str]]]) -> Report:
    """E539 for each link of a document whose id no document of the book has, placed at its line."""
    report = Report()
    every = set().union(*(ids for ids, _links in found), (doc.id for doc in docs))
    for doc, (_ids, links) in zip(docs, found, strict=True):
        for target in sorted(links - every):
            line, column = _written_at(doc, target)
            report.error("E539", f"this link goes to '#{target}', which the book's documents, as the templates "
                         "render them, do not have: link to an id the rendered chapter keeps (an overriding "
                         "template may drop or rename the ids the book's own template writes)",
                         doc.path, line, column)
    return report


def _written_at(doc: RenderedDoc, target: str) -> tuple[int | None, int | None]:
    """The file's line and column of the first ``(#target`` (or ``: #target``, a reference) in the document,
    when the writer's text holds it; (None, None) for a link the template wrote."""
    found = re.search(rf"(?:\(|:[ \t]*|<)#{re.escape(target)}(?=[)\s>\"']|$)", doc.markdown, re.MULTILINE)
    if found is None:
        return None, None
    start = found.end() - len(target) - 1           # at the '#', where E251 points
    line = doc.markdown.count("\n", 0, start) + 1
    column = start - (doc.markdown.rfind("\n", 0, start) + 1) + 1
    return doc.place(line, column)
