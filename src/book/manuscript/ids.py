"""The ids of the book's documents, as pandoc assigns them: read by pandoc itself.

A heading's automatic id follows pandoc's own rule (the heading's text as pandoc reads it, with
references resolved and note labels in it, lower-cased, punctuation but ``_-.`` dropped, words joined
by ``-``, up to its first letter) and its numbering (``roses``, ``roses-1``, counted with the ids
written before it in the same document). No rule written here matches that for every heading
(``## [words][ref]`` is ``#wordsref``; ``## Roses[^1]`` takes the note's scoped label), so E251
asks pandoc, with the reader the build uses.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Sequence
from pathlib import Path, PurePath

from book.support.files import scratch
from book.support.text import slug
from book.support.tools import dies_with_parent, pandoc_path

MARKDOWN_READER = "markdown+smart-raw_attribute-raw_tex-latex_macros-tex_math_dollars-citations-yaml_metadata_block"
"""How pandoc reads the book's Markdown: as the check reads it. No raw output blocks (E222 refuses
them, pandoc never reads them); and none of the extensions that turn a chapter's text into
something other than text, which the check would pass and an output would lose: raw TeX and TeX
macros (``\\textbf{…}``, ``\\begin{comment}``, dropped from the EPUB and the PDF alike), ``$…$``
as mathematics and ``@name`` as a citation (the PDF stopped on both, naming no file: "@Sarah, I
agree" is how a commenter answers), and a YAML block inside a chapter as metadata (its words
vanished). Each is printed as the characters written."""

# Where pandoc's AST keeps an element's (id, classes, attributes): the index in the node's content.
_ATTR_AT = {"Header": 1, "Div": 0, "Span": 0, "Code": 0, "CodeBlock": 0, "Link": 0, "Image": 0,
            "Table": 0, "Figure": 0}
# --file-scope prefixes each id with the file it was read from ("d000003.md__roses").
_FILE_PREFIX = re.compile(r"^(?:.*__)?d(\d{6})\.md__")


def chapter_id(path: PurePath) -> str:
    """A chapter's id in the book, from its file's name (``02-letters.md`` is ``ch02-letters``): the reader
    gives it, and the check names it to an editor who linked to the file, so both take it from here."""
    return slug(path.stem, "ch")


def matter_id(path: PurePath) -> str:
    """A front or back matter page's id in the book, from its file's name (``preface.md`` is ``preface``)."""
    return slug(path.stem)


def document_ids(texts: Sequence[str]) -> list[frozenset[str]] | None:
    """Each text's ids, as pandoc gives them when it reads the text as one document: every id
    written (``{#id}`` on a heading, div, span, code, link or image) and every heading's automatic
    id. One pandoc process for all texts (``--file-scope``: each is read on its own, as the build
    reads each document). None when pandoc fails or cannot run: the caller then knows no ids."""
    if not texts:
        return []
    with scratch("book-ids-") as tmp:
        names = []
        for index, text in enumerate(texts):
            name = f"d{index:06d}.md"
            Path(tmp, name).write_text(text, encoding="utf-8")
            names.append(name)
        Path(tmp, "empty.md").write_text("", encoding="utf-8")   # pandoc prefixes the ids of a lone file too
        try:
            done = subprocess.run([pandoc_path(), f"--from={MARKDOWN_READER}", "--to=json", "--file-scope",
                                   *names, "empty.md"], cwd=tmp, capture_output=True, preexec_fn=dies_with_parent)
        except OSError:
            return None
    if done.returncode != 0:
        return None
    return [ids for ids, _links in ids_and_links([done.stdout.decode("utf-8")], len(texts))]


# Inline elements that hold no id and no link, and nothing that could: most of a long text's nodes. The
# walk passes them by without a look inside (a 5 MB paragraph is 1.8 million of them: 3.7 s walked twice).
_LEAVES = frozenset({"Str", "Space", "SoftBreak", "LineBreak", "RawInline", "RawBlock", "HorizontalRule"})


def _ids_and_targets(tree: object) -> tuple[list[str], list[str]]:
    """Every element id in a pandoc JSON tree, and the address after ``#`` of every link within the book:
    one walk, with a stack (nesting has no depth limit here, where Python's recursion has one); only lists
    and elements are pushed."""
    ids: list[str] = []
    targets: list[str] = []
    stack = [tree]
    leaves, attr_at = _LEAVES, _ATTR_AT
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(item for item in node if isinstance(item, (list, dict)))
            continue
        if not isinstance(node, dict):
            continue
        kind = node.get("t")
        if kind in leaves:
            continue
        content = node.get("c")
        at = attr_at.get(kind) if isinstance(kind, str) else None
        if at is not None and isinstance(content, list) and len(content) > at:
            attr = content[at]
            if isinstance(attr, list) and attr and isinstance(attr[0], str):
                ids.append(attr[0])
        if kind == "Link" and isinstance(content, list) and len(content) == 3:
            target = content[2]
            if isinstance(target, list) and target and isinstance(target[0], str) and target[0].startswith("#"):
                targets.append(target[0][1:])
        stack.extend(value for value in node.values() if isinstance(value, (list, dict)))
    return ids, targets


def ids_and_links(outputs: Sequence[str], count: int) -> list[tuple[frozenset[str], frozenset[str]]]:
    """Each of ``count`` texts' ids and the ids its links go to (``[w](#x)``: ``x``), from pandoc's JSON
    of a ``--file-scope`` reading (one output a process, as ``convert_documents`` returns them): the
    file prefix says whose each one is; a link's prefix is its own file's, whatever document it goes to."""
    found: list[tuple[set[str], set[str]]] = [(set(), set()) for _ in range(count)]
    for output in outputs:
        ids, targets = _ids_and_targets(json.loads(output))
        for ident in ids:
            _add(found, 0, ident)
        for target in targets:
            _add(found, 1, target)
    return [(frozenset(ids), frozenset(links)) for ids, links in found]


def _add(found: list[tuple[set[str], set[str]]], kind: int, value: str) -> None:
    match = _FILE_PREFIX.match(value)
    if match and value[match.end():] and int(match.group(1)) < len(found):
        found[int(match.group(1))][kind].add(value[match.end():])
