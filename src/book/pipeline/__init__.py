"""The PIPELINE: read, check and verify everything for every requested output, then write.

In: the run's :class:`~book.context.BuildContext` and the names of the outputs wanted
(``epub``, ``pdf``; see :data:`book.pipeline.outputs.OUTPUTS`). Out: the paths written.
Nothing is written until the whole manuscript has been read and every check for every
requested output has passed; then every output's bytes are made, and only when all of
them exist are they renamed into place together, so a failed build leaves the previous
book untouched. With the cache, an unchanged book is checked, then written from it at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from book.context import BuildContext, Progress
from book.pipeline.outputs import OUTPUTS
from book.render.output import Output
from book.support.diagnostics import BookError, Report
from book.support.files import finish_interrupted, left_alone, require_writable, write_all_atomically
from book.support.reproducible import build_time, newest_file_time

if TYPE_CHECKING:  # the stages are imported when they run: a cached build needs none of them
    from book.editorial import Checked
    from book.render.cache import DocCache
    from book.model import Manuscript
    from book.render.chapters import RenderedBook


def book_slug(manuscript: Manuscript) -> str:
    """The title as a file name: ``Safe Enough to Need`` -> ``safe-enough-to-need``, ``Ça ira`` -> ``ca-ira``."""
    from book.support.text import file_slug

    return file_slug(manuscript.config.title, "book")


def output_path(ctx: BuildContext, manuscript: Manuscript, output: Output) -> Path:
    """``-o`` when given, else ``<out-dir>/<slug><suffix>``."""
    if ctx.output is not None:
        return ctx.output
    return ctx.out_dir / f"{book_slug(manuscript)}{output.suffix}"


def check(ctx: BuildContext, progress: Progress, names: Sequence[str] | None = None) -> Checked:
    """The check stage for the named outputs (None: every output, as ``book check`` does)."""
    from book.editorial import check_book

    return check_book(ctx, progress, None if names is None else tuple(names))


def read_as_built(ctx: BuildContext, checked: Checked, progress: Progress) -> Report:
    """What pandoc's reader says of the book's documents as a build renders them (E530-E537), placed in the
    manuscript: ``book check`` says it too, at the file and line, rather than leave it to the build.
    With the cache, only documents changed since the last check are read again."""
    from book.render import render
    from book.render.pandoc import reader_warnings

    from book.render.cache import DocCache

    docs = DocCache.of(ctx)
    rendered = render(checked, progress, ctx.memo)
    progress("Reading the documents with pandoc")
    report = reader_warnings(rendered.docs, checked.printed.root, ctx.processes, docs)
    if docs is not None:
        from book.render.cache import remember_tool_fingerprint

        docs.prune()
        remember_tool_fingerprint(ctx.cache_root)      # the next check keys its documents without asking the tools
    return report


@dataclass(frozen=True)
class Made:
    """One output's bytes, and what its tools warned of while making it (pandoc's log, placed)."""

    data: bytes
    report: Report


def make_outputs(ctx: BuildContext, checked: Checked, outputs: Sequence[Output], progress: Progress) -> list[Made]:
    """The outputs' bytes, in order, from one rendering of the book and at most one print layout.

    With the cache, only documents changed since the last build go to pandoc. Each output's
    report holds what was said while making it, the print layout's too when it uses that layout.
    """
    from book.render import render

    from book.render.cache import DocCache

    docs = DocCache.of(ctx)
    layout = Report()
    rendered = render(checked, progress, ctx.memo)
    _links_followed(ctx, checked, rendered, docs)
    rendered = with_print_layout(ctx, checked, outputs, rendered, docs, progress, layout)
    made = []
    for output in outputs:
        config = checked.manuscript.config
        uses_layout = output.print_layout(config) or output.print_interior(ctx, config)
        report = Report(list(layout.items) if uses_layout else [])
        made.append(Made(output.make(ctx, checked, rendered, docs, progress, report), report))
    if docs is not None:
        docs.prune()
    return made


def _links_followed(ctx: BuildContext, checked: Checked, rendered: RenderedBook, docs) -> None:
    """E539 before anything is typeset, when the manuscript's own templates write the documents: the check
    stage's E251 then cannot know every id (:meth:`Styles.renders_as_ours`); with the book's templates it
    does, and this reading is skipped. After ``book check``, the cache answers it."""
    from book.manuscript.styles import Styles
    from book.render.pandoc import rendered_dead_links

    if Styles.of(checked.printed).renders_as_ours():
        return
    dead = rendered_dead_links(rendered.docs, checked.printed.root, ctx.processes, docs)
    if dead.errors:
        raise BookError(dead)


def distinct(items) -> Report:
    """The diagnostics once each, in order: the EPUB's and the PDF's pandoc read the same Markdown."""
    return Report(list(dict.fromkeys(items)))


def with_print_layout(ctx: BuildContext, checked: Checked, outputs: Sequence[Output], rendered: RenderedBook,
                      docs: DocCache | None, progress: Progress, report: Report | None = None) -> RenderedBook:
    """The book with what the outputs of this run need from the print layout, typeset once for all.

    The PDF and the cover wrap use the print interior (the wrap counts its pages); the EPUB of a
    book with a print ISBN uses its page breaks. One typesetting gives both: one pandoc
    conversion, one layout, the marks read from the same layout (``book.pdf.document.typeset``).
    """
    config = checked.manuscript.config
    marks = any(output.print_layout(config) for output in outputs)
    pdf = any(output.print_interior(ctx, config) for output in outputs)
    if not marks and not pdf:
        return rendered
    from book.pdf.document import typeset

    progress("Typesetting the print interior with pandoc and Typst")
    done = typeset(checked.printed, rendered, ctx.built_at or build_time(checked.printed.root), marks=marks,
                   pdf=pdf, cache=docs, jobs=ctx.processes, progress=progress, report=report)
    return replace(rendered, print_marks=done.marks, print_pdf=done.pdf)


def build(ctx: BuildContext, names: Sequence[str], progress: Progress,
          show: Callable[[Report], None], everything: bool = False) -> list[Path]:
    """Build the named outputs and write them together; return the paths written.

    ``show`` receives the check stage's report (its warnings). With the cache, a run whose
    files (every regular file of the manuscript folder, read by the one safe walk), options
    and tools are unchanged replays the check's report and writes the stored outputs, without
    checking again; otherwise the check runs first, and each output is keyed by the files it
    read, so nothing that is not a regular file is ever read.
    ``everything`` (``book build all``): of the named outputs, only those this book wants
    (the cover wrap only for a printed book).
    """
    from book.context import Memo
    from book.render.cache import DocCache, MemoStore

    folder = ctx.output.parent if ctx.output is not None else ctx.out_dir
    require_writable(folder)                  # before minutes of work
    show(left_alone(finish_interrupted(folder)))   # a build killed between its renames: its outputs finished first
    store = None
    if ctx.memo is None and (docs := DocCache.of(ctx)) is not None:   # chapters and sources as read by an earlier
        store = MemoStore(docs)                                        # run, by content
        ctx = replace(ctx, memo=Memo(store))
    run = _run_key(ctx, names, everything) if ctx.use_cache else None
    if run is not None and (paths := _replay(ctx, run, names, progress, show)) is not None:
        return paths
    if run is not None and ctx.built_at is None and run.built_at is not None:
        ctx = replace(ctx, built_at=run.built_at)    # the time the key found: git is not asked twice
    return _build(ctx, names, progress, show, everything, run, store)


def _run_options(ctx: BuildContext, names: Sequence[str], everything: bool) -> dict[str, object]:
    return {"names": list(names), "everything": everything, "strict": ctx.strict, "release": ctx.release,
            "outputs": {name: OUTPUTS[name].options(ctx) for name in names}}


def _run_key(ctx: BuildContext, names: Sequence[str], everything: bool):
    """The run's key over the whole manuscript folder; the outputs and the cache are left out of it."""
    import os

    from book.render import cache

    written = {os.path.abspath(p) for p in (ctx.out_dir, ctx.cache_root, ctx.output) if p is not None}
    return cache.run_key(ctx.manuscript_dir, lambda p: os.path.abspath(p) in written,
                         _run_options(ctx, names, everything),
                         ctx.built_at.isoformat() if ctx.built_at is not None else None,
                         **({"digest": ctx.memo.digest} if ctx.memo is not None else {}), cache_root=ctx.cache_root)


def _replay(ctx: BuildContext, run, names: Sequence[str], progress: Progress,
            show: Callable[[Report], None]) -> list[Path] | None:
    """An unchanged book: the stored report and outputs, written again; None when any is missing."""
    from book.render import cache

    found = cache.load_run(ctx.cache_root, run)
    if found is None or set(found.outputs) != set(names):
        return None
    files: dict[Path, bytes] = {}
    paths: list[Path] = []
    for name in names:
        key, wanted = found.outputs[name]
        if not wanted:
            continue
        output = OUTPUTS[name]
        stored = cache.load_output(ctx.cache_root, name, key)
        if stored is None:
            return None
        path = ctx.output if ctx.output is not None else ctx.out_dir / f"{found.name}{output.suffix}"
        files[path] = stored.data
        paths.append(path)
    for name in names:
        if found.outputs[name][1]:
            progress(f"Unchanged since the last build: reusing the cached {name.upper()}")
    show(Report(list(found.diagnostics)))
    show(cache.make_room(ctx.cache_root, folder_of_outputs(files), sum(len(data) for data in files.values())))
    write_all_atomically({path: files[path] for path in sorted(files, key=lambda p: str(p))})
    return paths


def folder_of_outputs(files: dict[Path, bytes]) -> Path:
    """The folder the outputs are written to (one folder: ``-o``'s, or ``--out-dir``)."""
    return next(iter(files)).parent if files else Path(".")


def _build(ctx: BuildContext, names: Sequence[str], progress: Progress, show: Callable[[Report], None],
           everything: bool, run, memo_store=None) -> list[Path]:
    """Check, then make every output not in the cache; keep the run's entry for the next unchanged build."""
    from book.render import cache

    from book.manuscript.inputs import input_files

    outputs = [OUTPUTS[name] for name in names]
    checked = check(ctx, progress, names)
    show(checked.report)
    wanted = {output.name: output.wanted(checked.manuscript.config) for output in outputs}
    if everything:
        outputs = [output for output in outputs if wanted[output.name]]
    manuscript = checked.manuscript
    inputs = input_files(manuscript)          # the files the check read and found sound
    if ctx.built_at is None and run is not None and run.time_source == "files":   # git was asked for the key
        ctx = replace(ctx, built_at=newest_file_time(inputs))
    ctx = replace(ctx, built_at=ctx.built_at or build_time(manuscript.root, files=inputs))
    keys: dict[str, str] = {}
    files: dict[Path, bytes] = {}
    said: list = []                           # what making the outputs said (pandoc's warnings), cached ones too
    missing: list[Output] = []
    if ctx.use_cache:     # keyed by those files: never a pipe, never /dev/zero
        stamp = ctx.built_at.isoformat()
        for output in outputs:
            options = {"strict": ctx.strict, "release": ctx.release, **output.options(ctx)}
            keys[output.name] = cache.output_key(manuscript.root, inputs, output.name, options, stamp,
                                                 **({"digest": ctx.memo.digest} if ctx.memo is not None else {}),
                                                 cache_root=ctx.cache_root)
            found = cache.load_output(ctx.cache_root, output.name, keys[output.name])
            if found is None:
                missing.append(output)
            else:
                progress(f"Unchanged since the last build: reusing the cached {output.name.upper()}")
                files[output_path(ctx, checked.printed, output)] = found.data
                said += found.diagnostics
    else:
        missing = outputs
    made = list(zip(missing, make_outputs(ctx, checked, missing, progress) if missing else []))
    for output, one in made:
        files[output_path(ctx, checked.printed, output)] = one.data
        said += one.report.items
    outputs_said = distinct(said)
    if outputs_said.failed(ctx.strict):
        raise BookError(outputs_said)        # nothing kept in the cache: a failed build writes nothing
    show(outputs_said)
    if ctx.use_cache:     # the outputs first: on a nearly full disk the cache is emptied, not the build failed
        show(cache.make_room(ctx.cache_root, folder_of_outputs(files), sum(len(data) for data in files.values())))
    write_all_atomically({path: files[path] for path in sorted(files, key=lambda p: str(p))})
    for output, one in made:
        if output.name in keys:
            cache.store_output(ctx.cache_root, output.name, keys[output.name], one.data,
                               book_slug(checked.printed), one.report)
    if ctx.use_cache:
        cache.remember_tool_fingerprint(ctx.cache_root)
    if memo_store is not None:
        memo_store.flush()
        memo_store.docs.prune()
    if run is not None and len(keys) == len(outputs):
        stored = {name: (keys.get(name, ""), wanted[name] or not everything) for name in names}
        if all(key for key, want in stored.values() if want):
            cache.store_run(ctx.cache_root, run, manuscript.root, inputs,
                            cache.CachedRun(book_slug(checked.printed),
                                            tuple(checked.report.items + outputs_said.items), stored))
    return [output_path(ctx, checked.printed, output) for output in outputs]
