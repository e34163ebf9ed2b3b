"""Compile a long book, or one part of it, in a process of its own: ``python -m book.pdf.child JOB``.

``JOB`` is JSON: ``source`` (a Typst file), ``output`` (the PDF to write; ``null``: the query only), ``root``,
``font_paths``, ``timestamp``, ``tidy`` (false: the PDF as Typst wrote it, for the parent to
tidy) and ``query`` (``null``, or ``selector``, ``field`` and the ``output`` for its JSON: the
EPUB's page marks, read from the same layout). The ``typst``
package keeps its memo cache between compiles in one process, so a long book and every part
get a fresh interpreter (``compile.compile_in_child``), and the memory is returned to the
system when it is done. A Typst error is printed as one line of JSON on stderr (its ``message`` and the ``span`` it points
at in the source) with exit status ``book.pdf.compile.FAILED``; the parent raises it as E506.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from book.pdf.compile import FAILED, TypstSource, compile_typst, query_typst
from book.support.diagnostics import BookError


def main(argv: list[str]) -> int:
    job = json.loads(argv[0])
    source = TypstSource(text=Path(job["source"]).read_text(encoding="utf-8"), root=Path(job["root"]),
                         font_paths=tuple(Path(p) for p in job["font_paths"]))
    stamp = job["timestamp"]
    when = dt.datetime.fromtimestamp(stamp, dt.timezone.utc) if stamp is not None else None
    query = job.get("query")
    try:
        data = compile_typst(source, fmt="pdf", when=when, tidy=job.get("tidy", True)) if job["output"] else None
        found = query_typst(source, query["selector"], query["field"]) if query else None
    except BookError as exc:
        said = " ".join(d.message for d in exc.report.items).removeprefix("typesetting failed: ")
        span = getattr(exc, "span", None)
        print(json.dumps({"message": said, "span": list(span) if span else None}, ensure_ascii=False),
              file=sys.stderr)
        return FAILED
    if job["output"]:
        assert isinstance(data, bytes)
        Path(job["output"]).write_bytes(data)
    if query:
        Path(query["output"]).write_text(found or "", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
