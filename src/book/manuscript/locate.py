"""Finding the manuscript a command works on, and where its outputs go by default.

Without ``-m``: ``book.yaml`` in the current folder, then in ``manuscript/`` there, then the
same two places in each parent folder in turn (as mdBook and MkDocs look for their books), so
every command works from anywhere inside a book. ``-m`` names the manuscript folder or its
``book.yaml``. Outputs go to ``build/`` and ``dist/`` of the book (see :func:`beside`), never into
the folder the command was run from, so no command creates folders outside the book it found.
"""

from __future__ import annotations

import os
from pathlib import Path

from book.support.text import did_you_mean

CONFIG_NAME = "book.yaml"
_GUIDANCE = "run the command inside a book, name the manuscript with -m, or start a book with `book new PATH`"


class ManuscriptNotFound(Exception):
    """No manuscript where one was asked for or looked for: a usage error, with a did-you-mean when one is close."""


def find_manuscript(given: Path | None, cwd: Path | None = None, *, allow_new: bool = False) -> Path:
    """The manuscript folder: ``given`` (a folder or its book.yaml), else the nearest one found from ``cwd``.

    ``allow_new`` accepts a given folder that holds no ``book.yaml`` yet (``book sources``: sources
    may be gathered before the book's settings are written), unless its name looks like a
    typo of a manuscript folder beside it.
    """
    cwd = Path(os.path.abspath(cwd or Path.cwd()))
    if given is not None:
        return _given(given, cwd, allow_new)
    for folder in (cwd, *cwd.parents):
        for candidate in (folder, folder / "manuscript"):
            if (candidate / CONFIG_NAME).is_file():
                return _display(candidate, cwd)
    misnamed = _misnamed_config(cwd)
    if misnamed is not None:
        raise ManuscriptNotFound(f"no {CONFIG_NAME} in {cwd}, in its manuscript/ folder or in any folder above "
                                 f"it, but there is {_display(misnamed, cwd)}: rename it {CONFIG_NAME} if it holds "
                                 f"this book's settings; else {_GUIDANCE}")
    below = _books_below(cwd)
    if below:
        raise ManuscriptNotFound(f"no {CONFIG_NAME} in {cwd}, in its manuscript/ folder or in any folder above "
                                 f"it; the books below it: {', '.join(below)}: cd into one, or name it with -m")
    raise ManuscriptNotFound(f"no {CONFIG_NAME} in {cwd}, in its manuscript/ folder or in any folder above it: "
                             f"{_GUIDANCE}")


SHOWN_BOOKS = 3


def _books_below(cwd: Path) -> list[str]:
    """The books in the folders right inside ``cwd`` (``book check`` run beside ``my-reader/``), at most
    a few, named as ``-m`` takes them."""
    try:
        folders = sorted(p for p in cwd.iterdir() if p.is_dir() and not p.name.startswith("."))
    except OSError:
        return []
    found = []
    for folder in folders:
        for candidate in (folder, folder / "manuscript"):
            if (candidate / CONFIG_NAME).is_file():
                found.append(candidate.relative_to(cwd).as_posix())
                break
    return found[:SHOWN_BOOKS] + (["…"] if len(found) > SHOWN_BOOKS else [])


MISNAMED_CONFIGS = frozenset({CONFIG_NAME, "book.yml", f"{CONFIG_NAME}.txt", "book.yml.txt"})
"""What ``book.yaml`` becomes when saved by hand (case-folded): another case (``Book.yaml``, a case-insensitive
disk's habit), the other YAML suffix, or a ``.txt`` an editor added. Only these: a name merely close
(``books.yaml``, ``notebook.yaml``) is some other file, not this book's settings mistyped."""


def _misnamed_config(cwd: Path) -> Path | None:
    """A book's settings saved under one of the :data:`MISNAMED_CONFIGS` names in a place the search
    looks (each folder from ``cwd`` up and its ``manuscript/``), nearest first."""
    for folder in (cwd, *cwd.parents):
        for candidate in (folder, folder / "manuscript"):
            try:
                names = sorted(p.name for p in candidate.iterdir() if p.is_file()) if candidate.is_dir() else []
            except OSError:
                continue
            for name in names:
                if name.casefold() in MISNAMED_CONFIGS:
                    return candidate / name
    return None


def _given(given: Path, cwd: Path, allow_new: bool) -> Path:
    path = given if given.is_absolute() else cwd / given
    if path.name == CONFIG_NAME and path.is_file():
        return given.parent if str(given.parent) else Path(".")
    if os.path.lexists(path / CONFIG_NAME):   # a book.yaml of any kind: the reader says what is wrong with it (E120)
        return given
    if path.is_file():
        raise ManuscriptNotFound(f"{given} is a file: give the manuscript folder or its {CONFIG_NAME}")
    hint = _nearby(path)
    if allow_new and not hint:
        return given
    where = "does not exist" if not path.exists() else f"holds no {CONFIG_NAME}"
    if hint:
        suggestion = Path(os.path.relpath(hint, cwd)) if hint.is_relative_to(cwd) else hint
        raise ManuscriptNotFound(f"{given} {where}; did you mean {suggestion}?")
    raise ManuscriptNotFound(f"{given} {where}: give the folder that holds {CONFIG_NAME} (or the file itself)")


def _nearby(path: Path) -> Path | None:
    """A manuscript whose name is close to ``path``'s, beside it (or in ``manuscript/`` of a project
    beside it), in ``path`` itself (a folder above one), or above it (a folder inside a book, such
    as its ``chapters/``); or the ``book.yaml`` beside a misspelt one."""
    if path.is_dir() and (path / "manuscript" / CONFIG_NAME).is_file():
        return path / "manuscript"
    if path.is_dir():
        above = next((p for p in path.parents if (p / CONFIG_NAME).is_file()), None)
        if above is not None:
            return above
    parent = path.parent
    if not parent.is_dir():
        return None
    if path.suffix in (".yaml", ".yml") and (parent / CONFIG_NAME).is_file():
        return parent / CONFIG_NAME            # a misspelt book.yaml (bok.yaml, book.yml)
    try:
        books = {p.name: p for p in parent.iterdir() if p.is_dir() and (p / CONFIG_NAME).is_file()}
        books |= {p.name: p / "manuscript" for p in parent.iterdir()
                  if p.is_dir() and p.name not in books and (p / "manuscript" / CONFIG_NAME).is_file()}
    except OSError:
        return None
    close = did_you_mean(path.name, list(books))
    return books[close] if close and close != path.name else None


def _display(folder: Path, cwd: Path) -> Path:
    """A found folder as the user would write it: relative when inside the current folder."""
    if folder == cwd:
        return Path(".")
    return folder.relative_to(cwd) if folder.is_relative_to(cwd) else folder


def beside(manuscript_dir: Path, name: str) -> Path:
    """The default place of an output folder (``build``, ``dist``), wherever the command is run from.

    A folder named ``manuscript`` (the layout ``book new`` writes) is one part of a project, so
    its outputs go beside it: ``book/manuscript/`` builds into ``book/build/``. Any other
    manuscript folder is the project itself (``book.yaml`` at its top), so they go inside it:
    ``notes/`` builds into ``notes/build/``. Either way nothing is written outside the book.
    """
    target = project_root(manuscript_dir) / name
    cwd = Path(os.path.abspath(Path.cwd()))
    return target.relative_to(cwd) if target.is_relative_to(cwd) else target


def project_root(manuscript_dir: Path) -> Path:
    """The book's top folder, absolute: the folder holding ``manuscript/`` (the layout ``book new``
    writes), else the manuscript folder itself. ``build/`` and ``dist/`` go in it (:func:`beside`),
    and the preview names files from it, wherever the command was run from."""
    folder = Path(os.path.abspath(manuscript_dir))
    return folder.parent if folder.name == "manuscript" else folder
