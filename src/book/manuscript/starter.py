"""``book new``: a new book's folder, from the starter templates or the sample reader shipped in the wheel.

In: an empty (or new) folder, a title. Out: the folder holding ``.gitignore`` (for ``build/``
and ``dist/``) and ``manuscript/``: a ``book.yaml`` with every required key (a fresh
``urn:uuid``, today's date), the two-section structure, one chapter and an empty ``sources/``
with a note on importing. The result builds and passes ``book check`` as it is.

The starter files live in the package's ``styles/starter/`` (``*.j2`` files are rendered
with the title, identifier and date; the rest are copied), and the sample reader in the
package's ``sample/``: both ship inside the wheel, so a ``pip install`` user has them.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import uuid
from pathlib import Path

import jinja2

from book.manuscript.styles import PACKAGE_STYLES
from book.support.diagnostics import BookError
from book.support.files import make_folders

STARTER = PACKAGE_STYLES / "starter"
SAMPLE = Path(__file__).resolve().parent.parent / "sample"   # the sample reader, shipped in the wheel
DEFAULT_TITLE = "Untitled Book"


def _enclosing_book(target: Path) -> Path | None:
    """The ``book.yaml`` of a manuscript folder ``target`` would lie inside (``book new`` run in
    ``manuscript/chapters/``), if any: the outer book would walk the new one as its own files."""
    for folder in Path(os.path.abspath(target)).parents:
        if (folder / "book.yaml").is_file():
            return folder / "book.yaml"
    return None


def create_book(target: Path, title: str | None = None, sample: bool = False,
                today: dt.date | None = None) -> list[Path]:
    """Write a new book into ``target`` (created if missing; refused when not empty); return the files written."""
    try:
        if target.exists() and not target.is_dir():
            raise BookError(f"{target} is a file, not a folder: give a new or empty folder", "E801", path=target)
        if target.is_dir() and any(target.iterdir()):
            raise BookError(f"{target} is not empty: give a new or empty folder (nothing was written)", "E801",
                            path=target)
        outer = _enclosing_book(target)
        if outer is not None:
            raise BookError(f"{target} is inside the book whose settings are {outer}: a book started there "
                            "would be read as that book's files; give a folder outside it (nothing was written)",
                            "E801", path=target)
    except OSError as exc:       # a name too long, a folder that cannot be read
        raise BookError(f"{target} cannot be used: {exc.strerror or exc}: give a new or empty folder", "E801",
                        path=target) from None
    today = today or dt.date.today()
    files: dict[Path, bytes] = {}
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False)
    env.filters["yaml"] = lambda text: json.dumps(str(text), ensure_ascii=False)   # a double-quoted YAML scalar
    values = {"title": (title or DEFAULT_TITLE).strip() or DEFAULT_TITLE,
              "identifier": f"urn:uuid:{uuid.uuid4()}", "date": today.isoformat(), "year": today.year}
    for source in sorted(p for p in STARTER.rglob("*") if p.is_file()):
        relative = source.relative_to(STARTER).as_posix()
        if sample and relative.startswith("manuscript/"):
            continue
        if relative == "gitignore":            # a dot file would be left out of some packagings
            relative = ".gitignore"
        if relative.endswith(".j2"):
            text = env.from_string(source.read_text(encoding="utf-8")).render(**values)
            files[target / relative.removesuffix(".j2")] = text.encode("utf-8")
        else:
            files[target / relative] = source.read_bytes()
    if sample:
        if not (SAMPLE / "book.yaml").is_file():
            raise BookError(f"the sample reader is missing from this installation ({SAMPLE}): reinstall book",
                            "E802", path=SAMPLE)
        for source in sorted(p for p in SAMPLE.rglob("*") if p.is_file()):
            files[target / "manuscript" / source.relative_to(SAMPLE)] = source.read_bytes()
    _write(target, files)
    return list(files)


def _write(target: Path, files: dict[Path, bytes]) -> None:
    """Write the new book's files; when one cannot be written (a read-only place, a full disk, a
    path no folder can be made at), remove what was written and say so with the path (E805)."""
    made = _first_missing(target)
    try:
        for path, data in files.items():
            make_folders(path.parent)
            path.write_bytes(data)
    except OSError as exc:
        if made is not None:
            shutil.rmtree(made, ignore_errors=True)
        else:                              # the folder was there and empty: empty it again
            for child in target.iterdir():
                if child.is_dir():
                    shutil.rmtree(child, ignore_errors=True)
                else:
                    child.unlink(missing_ok=True)
        where = f" ({exc.filename})" if exc.filename else ""
        raise BookError(f"cannot write the new book in {target}: {exc.strerror or exc}{where}; nothing was "
                        "written: choose a folder you can write to", "E805", path=target) from None


def _first_missing(target: Path) -> Path | None:
    """The outermost folder of ``target``'s path that does not exist yet (``book new`` makes it), or None."""
    missing = None
    for folder in (target, *target.parents):
        if folder.exists():
            break
        missing = folder
    return missing
