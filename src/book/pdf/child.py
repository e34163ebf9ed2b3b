"""Compile one part of a long book in a process of its own: ``python -m book.pdf.child JOB``.

``JOB`` is JSON: ``source`` (a Typst file), ``output`` (the PDF to write), ``root``,
``font_paths`` and ``timestamp``. The ``typst`` package keeps its memo cache between
compiles in one process, so every part gets a fresh interpreter (book.pdfparts), and the
memory of a part is returned to the system when it is done. A Typst error is printed as
one line on stderr with exit status ``book.pdf.compile.FAILED``; the parent raises it as E506.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from book.pdf.compile import FAILED, TypstSource, compile_typst
from book.support.diagnostics import BookError


def main(argv: list[str]) -> int:
    job = json.loads(argv[0])
    source = TypstSource(text=Path(job["source"]).read_text(encoding="utf-8"), root=Path(job["root"]),
                         font_paths=tuple(Path(p) for p in job["font_paths"]))
    stamp = job["timestamp"]
    when = dt.datetime.fromtimestamp(stamp, dt.timezone.utc) if stamp is not None else None
    try:
        data = compile_typst(source, fmt="pdf", when=when)
    except BookError as exc:
        said = " ".join(d.message for d in exc.report.items)
        print(said.removeprefix("typesetting failed: "), file=sys.stderr)
        return FAILED
    assert isinstance(data, bytes)
    Path(job["output"]).write_bytes(data)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
