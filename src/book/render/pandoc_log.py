"""What pandoc says while it converts the book, as the book's own diagnostics, placed in the manuscript.

pandoc runs with ``--log``: a JSON list of messages, each with a ``type`` (``DuplicateNoteReference``,
``UnclosedDiv``, ...), a ``verbosity`` and, for most, a position in the file it read. That file is
a document the render stage made from a chapter or page (:class:`~book.render.chapters.RenderedDoc`),
so the position is carried back through the document's ``origins`` to the line and column the
writer typed. Every warning or error becomes a diagnostic with a code: the kinds the book knows
have their own (E531-E537), any other the generic E530 with pandoc's own words, so nothing pandoc
warns of is lost. The messages of a document are kept with its output in the build cache, so a
second build that takes the output from the cache says the same.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from typing import Any

from book.render.chapters import RenderedDoc
from book.support.codes import registry
from book.support.diagnostics import Diagnostic, Severity

Message = dict[str, Any]
"""One message as pandoc logged it, with ``line`` and ``column`` in the document it was about."""

REPORTED = ("WARNING", "ERROR")
"""pandoc's levels the book reports; INFO and DEBUG (a resource fetched, a filter run) are not problems."""

GENERIC = ("E530", "pandoc warned ({type}): {pretty}")
_READ = "pandoc could not read '{path}'{said}"
KINDS = {
    "DuplicateNoteReference": ("E531", "the note [^{label}] is defined more than once: pandoc prints one definition "
                                       "and drops the other"),
    "DuplicateLinkReference": ("E532", "the link reference {label} is defined more than once: every link to it "
                                       "goes to one address only"),
    "DuplicateIdentifier": ("E533", "the id '{label}' is given to two elements: a link to it can go to either"),
    "NoteDefinedButNotUsed": ("E534", "the note [^{label}] is never referred to: pandoc drops it from the output"),
    "UnclosedDiv": ("E535", "a div opened here is never closed: pandoc closes it at the end of the document"),
    "CouldNotFetchResource": ("E536", _READ),
    "CouldNotDetermineMimeType": ("E536", _READ),
    "ScriptingWarning": ("E537", "a Lua filter warned: {words}"),
}
"""The code and wording of each kind of message pandoc logs (pandoc's ``Text.Pandoc.Logging``);
any other kind: :data:`GENERIC`, in pandoc's own words (an image pandoc printed but could not
measure or convert, as the DOCX's SVG without ``rsvg-convert``, is one of those: nothing is lost)."""

_POSITIONS = ("openpos", "pos", "position", "closepos")      # where a message nests its position
_FILE_POSITION = re.compile(r"\s*(?:at\s+)?(?:\S*?d\d{6}\.md\s+)?line\s+\d+\s+column\s+\d+|\S*book-pandoc-\S*")


def reported(messages: Iterable[Message]) -> list[Message]:
    """The messages the book reports (warnings and errors), in pandoc's order."""
    return [m for m in messages if isinstance(m, dict) and str(m.get("verbosity", "")).upper() in REPORTED]


def position(message: Message) -> tuple[str | None, int | None, int | None]:
    """The file, line and column a message gives: its own, else those of a position it nests (a div's opening)."""
    for where in (message, *(message.get(key) for key in _POSITIONS)):
        if isinstance(where, dict) and isinstance(where.get("line"), int):
            column = where.get("column")
            return (str(where.get("source") or "") or None, where["line"],
                    column if isinstance(column, int) else None)
    return None, None, None


def subject(message: Message) -> str | None:
    """What a message without a position is about (a resource's path), to find it in the text."""
    value = message.get("path")
    return value if isinstance(value, str) and value.strip() else None


def in_documents(docs: Sequence[RenderedDoc], joined: str, messages: Iterable[Message]) -> list[Diagnostic]:
    """The diagnostics for what pandoc logged reading ``joined``: the documents' Markdown joined by a
    blank line, as one file (the DOCX). Each message goes to the document its line falls in."""
    starts, line = [], 1
    for doc in docs:
        starts.append(line)
        line += doc.markdown.count("\n") + 2
    out: list[Diagnostic] = []
    for message in messages:
        _source, line, column = position(message)
        if line is None:
            _source, line, column = position(found_in(message, joined))
        if line is None or not docs:
            out += diagnostics(docs[0], [{**message, "line": None, "column": None, "anywhere": True}]) if docs else []
            continue
        index = max(0, bisect.bisect_right(starts, line) - 1)
        out += diagnostics(docs[index], [{**message, "line": line - starts[index] + 1, "column": column}])
    return out


def diagnostics(doc: RenderedDoc, messages: Iterable[Message]) -> list[Diagnostic]:
    """The book's diagnostics for what pandoc logged about ``doc``, at the writer's line and column."""
    out = []
    lines: list[str] | None = None
    for message in messages:
        code, wording = KINDS.get(str(message.get("type")), GENERIC)
        line, column = (None, None)
        if isinstance(message.get("line"), int):
            lines = lines if lines is not None else doc.markdown.split("\n")
            line, column = doc.place(message["line"], message.get("column"), lines)
        text = _wording(wording, message, doc.id)
        if message.get("anywhere"):                 # pandoc named no file, and no document gave it alone
            out.append(Diagnostic(code, Severity(registry()[code].severity), text))
            continue
        if doc.path is None:
            text += f" (in the page '{doc.title or doc.id}' the book makes)"
        out.append(Diagnostic(code, Severity(registry()[code].severity), text, doc.path, line, column))
    return out


def _wording(wording: str, message: Message, doc_id: str) -> str:
    """The message in the book's words, with what pandoc named (a label, a path, its own words)."""
    said = " ".join(str(message.get("message") or "").replace("\\n", " ").split()).strip('"')
    return wording.format(label=_unscoped(str(message.get("contents") or message.get("key") or ""), doc_id),
                          path=message.get("path", ""), said=f": {said}" if said else "",
                          type=message.get("type", "unknown"), words=said or _pandoc_words(message),
                          pretty=_pandoc_words(message))


def _pandoc_words(message: Message) -> str:
    words = str(message.get("pretty") or message.get("message") or message.get("contents") or "")
    words = words.replace("\\n", " ")
    return " ".join(_FILE_POSITION.sub("", words).split()) or "(no message)"


def _unscoped(label: str, doc_id: str) -> str:
    """A note label as the writer wrote it: without the document's prefix (``code_blocks.scope_note_labels``)."""
    return label[len(doc_id) + 1:] if label.startswith(f"{doc_id}-") else label


def found_in(message: Message, text: str) -> Message:
    """A message without a position, placed where ``text`` names what it is about (a resource's path);
    left without one when ``text`` does not name it."""
    words = subject(message)
    offset = text.find(words) if words else -1
    if offset < 0:
        return {**message, "line": None, "column": None}
    before = text[:offset]
    return {**message, "line": before.count("\n") + 1, "column": offset - (before.rfind("\n") + 1) + 1}
