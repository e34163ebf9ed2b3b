"""The DOCX output: the manuscript as one Word document for copy-editing.

In: the checked, rendered book (the same chapter model as the EPUB and the PDF, privacy
applied). Out: the DOCX's bytes, from pandoc's DOCX writer with the reference document
``styles/docx/reference.docx`` and the Lua filter ``styles/docx/book.lua``: front matter
pages, chapters with their section headings, the editor's prose as normal text, every
paragraph of an excerpt in the "Verified quotation" style with a Word comment naming its
source and unit and asking that it not be edited, the chapters' sources notes and the
appendix. Reproducible: the zip entries and the document's dates carry the build time.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from book.context import BuildContext, Progress
from book.render.output import Output
from book.support.diagnostics import BookError
from book.support.files import scratch
from book.support.reproducible import build_time, reproducible_office_file
from book.support.tools import dies_with_parent, pandoc_path

if TYPE_CHECKING:  # the stages are imported when the DOCX is made: a cached build needs none of them
    from book.config import BookConfig
    from book.editorial import Checked
    from book.render.cache import DocCache
    from book.render.chapters import RenderedBook
    from book.support.diagnostics import Report


def make_docx(ctx: BuildContext, checked: Checked, rendered: RenderedBook, docs: DocCache | None,
              progress: Progress, report: Report) -> bytes:
    """The DOCX's bytes: every Markdown document of the book in order, through pandoc's DOCX writer."""
    from book.manuscript.styles import Styles

    manuscript = checked.manuscript
    styles = Styles.of(manuscript)
    when = ctx.built_at or build_time(manuscript.root)
    from book.render.pandoc import MARKDOWN_READER, lua_path, read_log
    from book.render.pandoc_log import in_documents

    progress("Writing the copy-editing DOCX with pandoc")
    markdown = "\n\n".join(doc.markdown for doc in rendered.docs)
    with scratch("book-docx-") as folder:
        source, target, log = Path(folder) / "book.md", Path(folder) / "book.docx", Path(folder) / "pandoc.log"
        source.write_text(markdown, encoding="utf-8")
        done = subprocess.run(
            [pandoc_path(), f"--from={MARKDOWN_READER}", "--to=docx", "--wrap=none",
             f"--reference-doc={styles.find('docx/reference.docx').resolve()}",
             f"--lua-filter={styles.find('docx/book.lua').resolve()}",
             f"--metadata=title:{manuscript.config.title}", f"--resource-path={manuscript.root.resolve()}",
             f"--log={log}", "-o", str(target), str(source)],
            capture_output=True, cwd=manuscript.root, preexec_fn=dies_with_parent,
            env={"SOURCE_DATE_EPOCH": str(int(when.timestamp())), "PATH": os.environ.get("PATH", ""),
                 "LUA_PATH": lua_path()})
        if done.returncode != 0:
            message = " ".join(done.stderr.decode("utf-8", "replace").split()[:40])
            raise BookError(f"pandoc could not write the DOCX: {message}", "E910")
        data = target.read_bytes()
        report.items.extend(in_documents(rendered.docs, markdown, read_log(log)))   # placed in the manuscript
    return reproducible_office_file(data, when)


def not_in_all(_config: BookConfig) -> bool:
    """A working file, not an edition: `book build all` and `book release` leave it out."""
    return False


OUTPUT = Output(name="docx", suffix=".docx", summary="the manuscript for copy-editing in a word processor (DOCX)",
                make=make_docx, wanted=not_in_all)
