"""Run pandoc once for the whole book, for each output.

One process converts every chapter (two on a long book, one per core, and runs of
at most 1.5M characters on a very long one), so the cost of starting pandoc is paid
once per build or run, not once per chapter; documents
whose output is in the build cache are not converted at all. The binary is the one bundled with
``pypandoc_binary``; nothing needs to be installed on the machine.
"""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from book.manuscript.ids import MARKDOWN_READER  # noqa: F401  (how every output reads the Markdown)
from book.support.diagnostics import BookError, Report
from book.support.files import no_room, scratch
from book.support.tools import dies_with_parent, pandoc_path

if TYPE_CHECKING:
    from book.render.cache import DocCache
    from book.render.chapters import RenderedDoc
    from book.render.pandoc_log import Message

HTML_ARGS = (
    f"--from={MARKDOWN_READER}",
    "--to=html5",
    "--wrap=none",
    "--reference-location=section",
    "--syntax-highlighting=none",
)


class OutsideDocuments(Exception):
    """Pandoc's output held text outside every document of the book (raised by a ``split``).

    ``doc_id`` is the document the text belongs to (the one before it, else the one after it),
    ``text`` the first words of it: the caller names the document's file (E245). Nothing pandoc
    writes is dropped on the way to an output."""

    def __init__(self, doc_id: str, text: str, found: Collection[str] = ()) -> None:
        super().__init__(doc_id, text)
        self.doc_id, self.text, self.found = doc_id, text, frozenset(found)


def lua_path() -> str:
    """pandoc's ``LUA_PATH``: the package's ``styles/``, where a filter overridden by a manuscript
    (which looks beside itself first) still finds ``book-filters.lua``, the helpers the filters share."""
    from book.manuscript.styles import PACKAGE_STYLES

    return f"{PACKAGE_STYLES / '?.lua'};;"


PANDOC_RTS = "-H16m"
"""pandoc's runtime options (``GHCRTS``): a suggested heap of 16 MB instead of the 64 MB the bundled
binary is linked with (``pandoc +RTS --info``). Measured on pandoc 3.9: one chapter to XHTML takes
47-50 ms of CPU instead of 62 (most of the difference is the kernel faulting in the larger heap),
a 100k-word book 0.62-0.64 s instead of 0.77-0.79 s, a run of 2 MB of Markdown the same (1.85 s
against 1.89 s) with the same peak memory. The output is the same bytes: the heap size changes
how often the garbage collector runs, never what pandoc writes."""


def pandoc_env() -> dict[str, str]:
    """The environment pandoc runs in: this process's, with :func:`lua_path` and :data:`PANDOC_RTS`
    (unless the caller's environment sets ``GHCRTS`` itself)."""
    return {"GHCRTS": PANDOC_RTS, **os.environ, "LUA_PATH": lua_path()}


def convert_documents(texts: Sequence[str], args: tuple[str, ...], cwd: Path, jobs: int = 1,
                      logged: list[list[Message]] | None = None) -> list[str]:
    """Convert documents with ``--file-scope``: each is parsed on its own, as if converted alone.

    Footnote labels and automatic heading ids never collide between documents, so a
    document's output does not depend on which others share the call: that is what
    lets a build reuse the output of unchanged documents and convert only the rest,
    still in one pandoc process. With ``jobs`` > 1 and enough text, the documents are
    split into runs of consecutive documents, converted by concurrent processes (one
    per core); a run holds at most about ``MAX_CHARS_PER_RUN`` characters, since
    pandoc's memory grows with its input (two runs of a 1M-word book took 800 MB each).
    Pandoc prefixes every id of a file with the file's path when it reads several; an empty last file makes it do so for a lone document too,
    so the prefix is always there for the caller to remove (EPUB) or to turn into the
    document's own scope (PDF), and the result is the same bytes whatever the split.
    Returns each process's output, in order. ``logged``, when given, receives what pandoc logged
    about each text, in order (``--log``: its warnings, with the line and column in that text;
    see :mod:`book.render.pandoc_log`).
    """
    if not texts:
        return []
    groups = _groups([len(t) for t in texts], jobs)
    with scratch("book-pandoc-") as tmp:
        folder = Path(tmp)
        names = []
        for index, text in enumerate(texts):
            name = folder / f"d{index:06d}.md"
            name.write_text(text, encoding="utf-8")
            names.append(str(name))
        empty = folder / "empty.md"
        empty.write_text("", encoding="utf-8")
        results: list[str] = []
        each: list[list[Message]] = [[] for _ in texts]
        failure = None
        running: list[tuple[subprocess.Popen[bytes], Path, Any]] = []

        def finish_oldest() -> None:
            nonlocal failure
            proc, out, err = running[0]
            code = proc.wait()        # still in `running` while waited on: an interrupt here kills it below
            running.pop(0)
            err.close()
            run = groups[len(results)]
            if code > 0 and (full := no_room()) is not None:
                raise full              # its messages could not be written either: the disk is to blame
            if code != 0 and failure is None:
                said = _said(Path(err.name).read_text(encoding="utf-8", errors="replace"), code)
                # killed by a signal (an interrupt): no text is to blame, and none is converted again
                failure = (_failing_alone(run, names, (*args, "--file-scope"), cwd, folder) if code > 0 else None) \
                    or (None, said)
            results.append(out.read_text(encoding="utf-8") if code == 0 else "")
            unplaced = _by_subject(_assign(read_log(out.with_suffix(".log")), texts, run, each), texts, run, each)
            if unplaced:
                _trace(unplaced, run, texts, names, (*args, "--file-scope"), cwd, folder, each)

        try:
            # at most `jobs` processes at a time; runs are of similar size, so the oldest ends first
            for number, (start, end) in enumerate(groups):
                if len(running) >= max(1, jobs):
                    finish_oldest()
                out = folder / f"out{number}.html"
                err = open(folder / f"err{number}.txt", "wb")
                proc = subprocess.Popen([pandoc_path(), *args, "--file-scope", f"--log={out.with_suffix('.log')}",
                                         "-o", str(out),
                                         *names[start:end], str(empty)],
                                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err, cwd=cwd,
                                        env=pandoc_env(), preexec_fn=dies_with_parent)
                running.append((proc, out, err))
            while running:
                finish_oldest()
        finally:  # interrupted (Ctrl-C) or failed: no pandoc left running, no file left open
            for proc, _, err in running:
                proc.kill()
                proc.wait()
                err.close()
        if failure is not None:
            raise PandocFailed(*failure)
        if logged is not None:
            logged[:] = each
        return results


def reader_warnings(docs: Sequence[RenderedDoc], cwd: Path, jobs: int = 1, cache: DocCache | None = None) -> Report:
    """What pandoc's reader says of each document (a note defined twice, a div never closed, an id given
    twice ...), placed at the writer's file, line and column as a build places it, without writing
    anything: ``book check`` runs it, so that the check says what the build would. The documents are
    read as the outputs read them and written as pandoc's JSON, which no writer warns about.

    With the cache, what pandoc said of a document is kept under its Markdown (``read-log``), as the
    build keeps its conversions: reading a 100k-word book costs pandoc about as much CPU as the whole
    check stage, and a check after one chapter changed reads only that chapter again."""
    from book.render.links import dead_links
    from book.render.pandoc_log import diagnostics

    logs, links = _read_documents(docs, cwd, jobs, cache)
    report = Report()
    for doc, messages in zip(docs, logs, strict=True):
        report.items.extend(diagnostics(doc, messages))
    report.items.extend(dead_links(docs, links).items)
    return report


def rendered_dead_links(docs: Sequence[RenderedDoc], cwd: Path, jobs: int = 1, cache: DocCache | None = None) -> Report:
    """E539 alone, for a build whose templates the manuscript overrides (``book check`` says it with the rest):
    the same reading, so after a check the cache answers it without pandoc."""
    from book.render.links import dead_links

    return dead_links(docs, _read_documents(docs, cwd, jobs, cache)[1])


Found = tuple[frozenset[str], frozenset[str]]


def _read_documents(docs: Sequence[RenderedDoc], cwd: Path, jobs: int,
                    cache: DocCache | None) -> tuple[list[list[Message]], list[Found]]:
    """Each document read by pandoc as the outputs read it: what it logged, and its ids and link targets."""
    from book.manuscript.ids import ids_and_links
    from book.render.links import cached_links

    args = (f"--from={MARKDOWN_READER}", "--to=json")

    def read(todo: list[RenderedDoc]) -> tuple[list[Found], list[list[Message]]]:
        logged: list[list[Message]] = []
        try:
            outputs = convert_documents([doc.markdown for doc in todo], args, cwd, jobs, logged=logged)
        except PandocFailed as failed:
            raise _failed_in(failed, todo) from None
        return ids_and_links(outputs, len(todo)), logged

    def keep(key: str, found: Found) -> None:
        assert cache is not None
        cache.put_text("read-links", key, json.dumps([sorted(part) for part in found]))

    links, logs = _each_cached(docs, "read", args, cache, read,
                               load=(lambda key: cached_links(cache, key)) if cache is not None else None, keep=keep)
    return logs, links


_Result = TypeVar("_Result")


def _each_cached(docs: Sequence[RenderedDoc], kind: str, key: tuple[str, ...], cache: DocCache | None,
                 convert: Callable[[list[RenderedDoc]], tuple[Sequence[_Result], list[list[Message]]]], *,
                 load: Callable[[str], _Result | None] | None,
                 keep: Callable[[str, _Result], None]) -> tuple[list[_Result], list[list[Message]]]:
    """Each document's result and what pandoc logged of it, in the documents' order: from the cache where
    both are kept, the rest from one ``convert`` of all of them together (one pandoc start, not one a chapter).

    The reading for ``book check`` and the two outputs' conversions differ only in what a result is and how
    it is kept, so the cache's rules live here once: a document's key is ``kind``, ``key`` (the arguments and
    whatever else decides the result; the tools' versions are in every key), its id and its Markdown; its log
    is kept beside it as ``<kind>-log``, said again when the result comes from the cache."""
    results: dict[int, _Result] = {}
    logs: dict[int, list[Message]] = {}
    keys: dict[int, str] = {}
    todo: list[int] = []
    for index, doc in enumerate(docs):
        if cache is not None and load is not None:
            keys[index] = cache.key(kind, *key, doc.id, doc.markdown)
            hit = load(keys[index])
            logged = _cached_log(cache, kind, keys[index]) if hit is not None else None
            if hit is not None and logged is not None:
                results[index], logs[index] = hit, logged
                continue
        todo.append(index)
    if todo:
        made, logged_each = convert([docs[index] for index in todo])
        for index, result, logged in zip(todo, made, logged_each, strict=True):
            results[index], logs[index] = result, logged
            if index in keys and cache is not None:
                keep(keys[index], result)
                cache.put_text(f"{kind}-log", keys[index], json.dumps(logged, ensure_ascii=False))
    return [results[index] for index in range(len(docs))], [logs[index] for index in range(len(docs))]


class PandocFailed(BookError):
    """E502: pandoc stopped. ``index`` is the text it stops on when converted alone (None when
    none does: it failed only with the others), for the caller to name that text's file."""

    def __init__(self, index: int | None, said: str, path: Path | None = None, page: str | None = None) -> None:
        where = f" on the page '{page}' the book makes" if page else " on this file" if path else ""
        super().__init__(f"pandoc failed{where}: {said}", "E502", path)
        self.index, self.said = index, said


_TEMPORARY = re.compile(r"\S*book-pandoc-\S*?(?:d(\d{6})\.md|(?=[\s:]|$))")


def _said(stderr: str, code: int) -> str:
    """pandoc's first lines on stderr, without the temporary folder's paths (a document's file
    there is the document's number, which names nothing to the writer): one line."""
    lines = [" ".join(line.split()) for line in stderr.strip().splitlines() if line.strip()]
    said = _TEMPORARY.sub(lambda m: "" if m.group(1) is None else "the document", " ".join(lines[:3]))
    return " ".join(said.split()) or f"exit {code}"


def _alone(name: str, args: tuple[str, ...], cwd: Path, out: Path) -> subprocess.CompletedProcess[bytes]:
    """pandoc run on the one text ``name`` of a run, to find which text a failure or a message is
    about; what it said on stderr is kept for the failure's wording."""
    return subprocess.run([pandoc_path(), *args, "-o", str(out), name], stdin=subprocess.DEVNULL,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd, env=pandoc_env(),
                          preexec_fn=dies_with_parent)


def _failing_alone(run: tuple[int, int], names: list[str], args: tuple[str, ...], cwd: Path,
                   folder: Path) -> tuple[int, str] | None:
    """The first text of a failed run that pandoc fails on when converting it alone, and what it
    said; None when each converts alone, or when an empty text fails too (the arguments, a template
    or a filter are to blame, not a text). Only after a failure (rare: a filter's error), so a build
    that succeeds pays nothing; like the log's :func:`_trace`, one text at a time."""
    def fails(name: str) -> subprocess.CompletedProcess[bytes] | None:
        done = _alone(name, args, cwd, folder / "alone.out")
        return done if done.returncode != 0 else None

    if fails(str(folder / "empty.md")):
        return None
    for index in range(*run):
        done = fails(names[index])
        if done is not None:
            return index, _said(done.stderr.decode("utf-8", errors="replace"), done.returncode)
    return None


def read_log(path: Path) -> list[Message]:
    """The warnings and errors of pandoc's ``--log`` file (none when it wrote none, or not JSON)."""
    from book.render.pandoc_log import reported

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return reported(data) if isinstance(data, list) else []


_DOC_FILE = re.compile(r"(?:^|[/\\])d(\d{6})\.md$")


def _assign(messages: list[Message], texts: Sequence[str], run: tuple[int, int],
            out: list[list[Message]]) -> list[Message]:
    """Each message to the text it is about, with its line and column in that text; returns the
    messages that name no text of the run (a resource pandoc could not read, a filter's warning).

    A message with a position names its file (``d000003.md``); one without, in a run of one text,
    is that text's, placed where the text names what it is about (a resource's path)."""
    from book.render.pandoc_log import position

    start, end = run
    unplaced = []
    for message in messages:
        source, line, column = position(message)
        found = _DOC_FILE.search(source or "")
        if found and start <= int(found.group(1)) < end:
            out[int(found.group(1))].append({**message, "line": line, "column": column})
        elif end - start == 1:
            out[start].append(_found(message, texts[start]))
        else:
            unplaced.append(message)
    return unplaced


def _by_subject(unplaced: list[Message], texts: Sequence[str], run: tuple[int, int],
                out: list[list[Message]]) -> list[Message]:
    """Place each message that named no file on the one text of the run that names what it is about
    (a resource's path), as :func:`_found` places it within that text; those about nothing, or about
    what several texts name, are left for :func:`_trace`, which converts texts again to find them."""
    from book.render.pandoc_log import subject

    left = []
    for message in unplaced:
        words = subject(message)
        naming = [index for index in range(*run) if words and words in texts[index]]
        if len(naming) == 1:
            out[naming[0]].append(_found(message, texts[naming[0]]))
        else:
            left.append(message)
    return left


def _trace(unplaced: list[Message], run: tuple[int, int], texts: Sequence[str], names: list[str],
           args: tuple[str, ...], cwd: Path, folder: Path, out: list[list[Message]]) -> None:
    """Find the text each message of a run that named none is about, by converting the run's texts
    one by one (rare: a resource pandoc could not read, a filter's warning), so that the message is
    said of that text, and kept with its output in the cache. One that no text gives alone (it
    arises between texts) is kept with the run's first text, naming no file."""
    from book.render.pandoc_log import position

    traced = 0
    for index in range(*run):
        log = folder / "trace.log"
        log.unlink(missing_ok=True)
        _alone(names[index], (*args, f"--log={log}"), cwd, folder / "trace.out")
        for message in read_log(log):
            if not _DOC_FILE.search(position(message)[0] or ""):
                out[index].append(_found(message, texts[index]))
                traced += 1
    if not traced:
        out[run[0]] += [{**message, "line": None, "column": None, "anywhere": True} for message in unplaced]


def _found(message: Message, text: str) -> Message:
    """A message without a position, placed where ``text`` names what it is about (a resource's path)."""
    from book.render.pandoc_log import found_in

    return found_in(message, text)


def convert_each(docs: Sequence[RenderedDoc], args: tuple[str, ...], cwd: Path,
                 split: Callable[[str], dict[str, str]], *, kind: str, cache: DocCache | None = None,
                 key: tuple[str, ...] = (), unkeyed: tuple[str, ...] = (), jobs: int = 1,
                 report: Report | None = None) -> dict[str, str]:
    """Each document's output, by id: from the cache, or from one conversion of all the rest.

    The EPUB (XHTML) and the PDF (Typst) both go through here. A document's output
    depends only on its own Markdown (``convert_documents``), so an unchanged chapter
    is taken from the cache under ``kind`` and only changed ones go to pandoc.
    ``split`` cuts pandoc's output back into documents and undoes its id prefixes;
    ``key`` adds what else decides the output (the arguments are always part of it);
    ``unkeyed`` are arguments that change how fast pandoc works, never a document's output.
    What pandoc warned of about a document goes into ``report``, placed in the document's file
    (:mod:`book.render.pandoc_log`); it is cached with the output (``<kind>-log``) and said
    again when the output comes from the cache.
    """
    from book.render.pandoc_log import diagnostics

    def convert(todo: list[RenderedDoc]) -> tuple[list[str], list[list[Message]]]:
        logged: list[list[Message]] = []
        try:
            converted = split("\n".join(convert_documents([doc.markdown for doc in todo], (*args, *unkeyed), cwd,
                                                            jobs, logged=logged)))
        except PandocFailed as failed:
            raise _failed_in(failed, todo) from None
        except OutsideDocuments as lost:
            # A document that lost its wrapper (a template that leaves it out) is the words' owner.
            missing = [doc.id for doc in todo if doc.id not in lost.found]
            if lost.found and missing:
                raise OutsideDocuments(missing[0], lost.text, lost.found) from None
            raise
        for doc in todo:
            if doc.id not in converted:
                raise BookError(f"pandoc output lacks document '{doc.id}'", "E505")
        return [converted[doc.id] for doc in todo], logged

    def keep(key_: str, body: str) -> None:
        assert cache is not None
        cache.put_text(kind, key_, body)

    bodies, logs = _each_cached(docs, kind, (*args, *key), cache, convert,
                                load=(lambda key_: cache.get_text(kind, key_)) if cache is not None else None,
                                keep=keep)
    if report is not None:
        for doc, logged in zip(docs, logs, strict=True):
            report.items.extend(diagnostics(doc, logged))
    return {doc.id: body for doc, body in zip(docs, bodies, strict=True)}


def _failed_in(failed: PandocFailed, docs: Sequence[RenderedDoc]) -> BookError:
    """E502 at the file of the document pandoc failed on; as it was when no document fails alone."""
    if failed.index is None:
        return failed
    doc = docs[failed.index]
    return PandocFailed(failed.index, failed.said, doc.path, None if doc.path else doc.title or doc.id)


def _cached_log(cache: DocCache, kind: str, key: str) -> list[Message] | None:
    """What pandoc logged when it converted a cached document; None when it is not there (convert again)."""
    text = cache.get_text(f"{kind}-log", key)
    try:
        logged = json.loads(text) if text is not None else None
    except ValueError:
        return None
    return logged if isinstance(logged, list) and all(isinstance(m, dict) for m in logged) else None


MIN_CHARS_PER_JOB = 400_000
"""Below this much Markdown per process, a second pandoc costs more to start than it saves."""

MAX_CHARS_PER_RUN = 1_500_000
"""Above this much Markdown, a run is split again: pandoc needs about 230 bytes per character."""


def _groups(sizes: list[int], jobs: int) -> list[tuple[int, int]]:
    """Split documents into runs of consecutive documents of similar size.

    As many runs as ``jobs`` when there is enough text for each, and more when a run
    would pass ``MAX_CHARS_PER_RUN``; ``convert_documents`` runs ``jobs`` at a time.
    """
    total = sum(sizes)
    runs = max(min(jobs, total // MIN_CHARS_PER_JOB or 1), math.ceil(total / MAX_CHARS_PER_RUN))
    runs = max(1, min(runs, len(sizes)))
    bounds, start, acc = [], 0, 0
    for index, size in enumerate(sizes):
        acc += size
        if len(bounds) < runs - 1 and acc >= total * (len(bounds) + 1) / runs and index + 1 < len(sizes):
            bounds.append((start, index + 1))
            start = index + 1
    bounds.append((start, len(sizes)))
    return bounds
