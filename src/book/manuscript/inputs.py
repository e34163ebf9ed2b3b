"""The files a build of a manuscript reads, and nothing else: the one list the cache key, the
release's input hashes and the build date are computed from.

``book.yaml``; the chapters and matter pages it lists; every source and edits file in
``sources/``; the images the text refers to and the cover; the pseudonym map; and every
file of the manuscript's own ``styles/`` (templates and fonts are looked up there). Each
has passed :func:`book.support.files.input_problem` when the manuscript was read and
checked, so none of them is a pipe, a device or a link out of the folder.
"""

from __future__ import annotations

import re
from pathlib import Path

from book.manuscript.scan import image_paths
from book.model import Manuscript
from book.support.files import walk_inputs

_REMOTE = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def style_files(root: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The regular files of the manuscript's ``styles/``, and the entries there that are refused."""
    return walk_inputs(root, root / "styles")


def source_files(root: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The ``*.yaml`` files of ``sources/`` (sources and edits), and the ones that are refused."""
    files, refused = walk_inputs(root, root / "sources", skip=lambda p: p.parent != root / "sources")
    return ([p for p in files if p.suffix == ".yaml"],
            [(p, why) for p, why in refused if p.suffix == ".yaml"])


def input_files(manuscript: Manuscript) -> list[Path]:
    """Every file a build of ``manuscript`` reads, each once, sorted by its path in the folder."""
    root = manuscript.root
    paths: list[Path] = [manuscript.config_path]
    paths += [chapter.path for chapter in manuscript.chapters]
    paths += [m.path for m in manuscript.front + manuscript.back if m.path is not None]
    paths += source_files(root)[0]
    paths += [root / src for src in image_paths(manuscript) if not _REMOTE.match(src)]
    if manuscript.config.cover is not None:
        paths.append(root / manuscript.config.cover.image)
    pseudonyms = root / manuscript.config.privacy.pseudonyms_file
    if pseudonyms.is_file():
        paths.append(pseudonyms)
    paths += style_files(root)[0]
    unique = {_relative(p, root): p for p in paths if p.is_file()}
    return [unique[rel] for rel in sorted(unique)]


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
