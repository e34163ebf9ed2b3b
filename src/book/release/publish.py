"""``book release``: the files of one edition, validated, reproducible and checksummed.

A release runs the release checks (the check stage with ``release=True``, which
adds the permissions gate), refuses when a version tag disagrees with
``book.yaml``'s ``version``, builds the EPUB, the PDF and the cover into a
temporary folder, builds them a second time in a fresh Python process
(``python -m book.release.publish``, so a new hash seed and no shared state) and compares
the bytes, validates the files (epubcheck; the PDF read back), and only then
writes into the output folder::

    <slug>-<version>.epub             the EPUB 3 edition
    <slug>-<version>.pdf              the print interior (PDF/UA-1)
    <slug>-<version>-cover.png        the cover (.jpg when the editor's cover is a JPEG)
    <slug>-<version>-manifest.json    how it was built: version, commit, tools, input hashes
    SHA256SUMS                        sha256sum's format; ``sha256sum -c SHA256SUMS`` verifies

Codes: E701 tag and version disagree, E702 the output folder holds other files,
E703 the second build failed or wrote other files, E704 the second build gave
other bytes; E71x/E72x are validation (:mod:`book.epub.validate`, :mod:`book.pdf.validate`,
:mod:`book.release.validate`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from book import __version__, pipeline
from book.context import CACHE_DIR_NAME, BuildContext, Progress, no_progress
from book.editorial import Checked
from book.editorial.rights import decisions
from book.epub.validate import check_epub, epubcheck_command
from book.manuscript.styles import PACKAGE_STYLES
from book.model import Manuscript
from book.pdf.preflight import preflight
from book.pdf.validate import check_pdf, check_pdfx, require_pikepdf
from book.pipeline.outputs import OUTPUTS
from book.release.validate import check_cover
from book.support.diagnostics import BookError, Report
from book.manuscript.inputs import input_files as manuscript_inputs
from book.manuscript.locate import beside
from book.render.cache import make_room
from book.support.files import (InputRefused, finish_interrupted, left_alone, no_room, read_input, require_writable,
                                scratch, walk_inputs, write_all_atomically, write_atomically)
from book.support.reproducible import build_time_source
from book.support.signals import deferred
from book.support.tools import dies_with_parent, distribution_version, pandoc_version

SUMS = "SHA256SUMS"
MANIFEST_FORMAT = 1


@dataclass(frozen=True)
class GitState:
    commit: str | None
    dirty: bool | None
    tags: tuple[str, ...]      # v* tags pointing at HEAD


@dataclass(frozen=True)
class Release:
    """What ``book release`` wrote, in the order it lists them."""

    out_dir: Path
    files: tuple[Path, ...]
    manifest: dict


# ------------------------------------------------------------------ the steps

def release(ctx: BuildContext, progress: Progress, tag: str | None = None,
            environ: Mapping[str, str] | None = None,
            show: Callable[[Report], None] = lambda report: None) -> Release:
    """Check, build, validate, rebuild and compare, then write the release into ``ctx.out_dir``; ``show`` is
    given what the run warns of before it ends (a journal of an interrupted run left alone, E546)."""
    env = dict(os.environ if environ is None else environ)
    ctx = replace(ctx, release=True, output=None, with_cover=False)
    epubcheck_command()          # fail before building when a validator is missing
    require_pikepdf()
    require_writable(ctx.out_dir)     # and when the release could not be written (it was found after both builds)

    checked = pipeline.check(ctx, progress)
    manuscript = checked.manuscript
    git = git_state(manuscript.root)
    release_tag = check_tag(manuscript, tag, env, git)
    when, when_from = build_time_source(manuscript.root, env, files=manuscript_inputs(manuscript))
    ctx = replace(ctx, built_at=when)
    show(left_alone(finish_interrupted(ctx.out_dir)))   # a release killed between its renames: finished first
    existing = previous_release(ctx.out_dir)
    base = release_name(checked.printed)

    with scratch("book-release-") as tmp:
        progress(f"Building {base}")
        outputs = build_files(ctx, checked, Path(tmp) / "first", base, progress)
        epub, pdf, cover = outputs[0], outputs[1], outputs[-1]     # the cover wrap, if any, between
        progress("Building again in a fresh process to compare the bytes")
        compare(outputs, build_again(manuscript.root, Path(tmp) / "second", when, env))

        progress("Validating the EPUB with epubcheck")
        report = Report()
        epubcheck = check_epub(epub, report)
        progress("Reading the PDF back")
        pages = check_pdf(pdf, manuscript.config.print.page_size, report)
        if any(printer.pdfx for printer in manuscript.config.print.printers):
            check_pdfx(pdf, report)
        printers = [p for p in manuscript.config.print.printers if p.print_edition]
        if printers:
            progress(f"Preflight for {', '.join(p.label for p in printers)}")
            wrap = next((p for p in outputs if p.name.endswith("-cover-wrap.pdf")), None)
            preflight(manuscript.config, printers, pdf, wrap, report)
        check_cover(cover, manuscript.config.cover is None, report)
        if report.failed(ctx.strict):     # name the files, not the temporary folder about to vanish
            named = Report([replace(d, path=Path(d.path.name) if d.path else None) for d in report.items])
            raise BookError(named)

        manifest = build_manifest(checked, ctx, outputs, git, release_tag, when, when_from,
                                  epubcheck_version=epubcheck.version, pages=pages)
        manifest_bytes = (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
        files = {p.name: p.read_bytes() for p in outputs}
        files[f"{base}-manifest.json"] = manifest_bytes
        files[SUMS] = sha256sums(files).encode("utf-8")
        check_version_unreleased(manuscript, existing, files, when_from)

    show(make_room(build_cache(ctx), ctx.out_dir, sum(len(data) for data in files.values())))
    written = install(ctx.out_dir, files, existing)
    return Release(ctx.out_dir, tuple(written), manifest)


def build_cache(ctx: BuildContext) -> Path:
    """The cache ``book build`` keeps beside its default outputs (``build/.cache``): the release keeps none of its
    own, but on a nearly full disk that one holds the room the release files need, and they come first (as a
    build's outputs do, :func:`book.render.cache.make_room`; E543). A cache under a build's own ``--out-dir`` is
    not known here."""
    return beside(ctx.manuscript_dir, "build") / CACHE_DIR_NAME


def release_name(manuscript: Manuscript) -> str:
    """``<slug>-<version>``: the stem of every release file."""
    return f"{pipeline.book_slug(manuscript)}-{manuscript.config.version}"


def build_files(ctx: BuildContext, checked: Checked, folder: Path, base: str,
                progress: Progress) -> list[Path]:
    """One build of the release files into ``folder``: the EPUB, the print PDF, the paperback's cover
    wrap (for a printed book), the cover image."""
    outputs = [output for output in OUTPUTS.values() if output.wanted(checked.manuscript.config)]
    paths = []
    made = pipeline.make_outputs(ctx, checked, outputs, progress)
    said = pipeline.distinct(item for one in made for item in one.report.items)
    if said.failed(ctx.strict):
        raise BookError(said)
    for output, one in zip(outputs, made):
        target = folder / f"{base}{output.suffix}"
        write_atomically(target, one.data)
        paths.append(target)
    return [*paths, write_cover(checked.printed, folder, base)]


def write_cover(manuscript: Manuscript, folder: Path, base: str) -> Path:
    from book.render.cover import cover_image

    image = cover_image(manuscript)
    path = folder / f"{base}-cover{'.png' if image.media_type == 'image/png' else '.jpg'}"
    write_atomically(path, image.data)
    return path


def build_again(root: Path, folder: Path, when: dt.datetime, env: Mapping[str, str]) -> list[Path]:
    """The second build, the same steps in a new interpreter (a new hash seed), at the same build time."""
    epoch = str(int(when.timestamp()))
    child_env = {k: v for k, v in env.items() if k != "PYTHONHASHSEED"}
    child_env["SOURCE_DATE_EPOCH"] = epoch
    proc = subprocess.run([sys.executable, "-m", "book.release.publish", str(root), str(folder), epoch],
                          capture_output=True, text=True, env=child_env,
                          preexec_fn=dies_with_parent)
    if proc.returncode != 0:
        said = proc.stderr.strip().splitlines()
        raise BookError("the second build, to check reproducibility, failed: "
                        f"{said[-1] if said else 'exit ' + str(proc.returncode)}", "E703")
    return [Path(line) for line in proc.stdout.splitlines() if line.strip()]


def compare(first: list[Path], second: list[Path]) -> None:
    """Fail, naming every file, when two builds of the same inputs differ."""
    report = Report()
    again = {p.name: p for p in second}
    for path in first:
        if path.name not in again:
            report.error("E705", f"the second build did not write {path.name}")
            continue
        a, b = path.read_bytes(), again[path.name].read_bytes()
        if a != b:
            offset = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
            report.error("E704", f"{path.name} differs between two builds of the same inputs ({len(a)} and "
                                 f"{len(b)} bytes, first difference at byte {offset}): the build is not "
                                 "reproducible, so nothing was released")
    if report.errors:
        raise BookError(report)


def _rebuild(argv: list[str]) -> int:
    """``python -m book.release.publish MANUSCRIPT FOLDER EPOCH``: the second build, run by :func:`build_again`."""
    root, folder, epoch = argv
    when = dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    ctx = BuildContext(manuscript_dir=Path(root), out_dir=Path(folder), release=True, built_at=when)
    try:
        checked = pipeline.check(ctx, no_progress)
        for path in build_files(ctx, checked, Path(folder), release_name(checked.printed), no_progress):
            print(path)
    except (BookError, OSError) as exc:
        failed = exc if isinstance(exc, BookError) else no_room(exc)
        if failed is None:
            raise
        for item in failed.report.items:
            print(item.format(), file=sys.stderr)
        return 1
    return 0


# ------------------------------------------------------------------ version and tag

def git_state(path: Path) -> GitState:
    """HEAD's commit, whether the work tree has changes, and the v* tags at HEAD; all empty outside git."""
    def git(*args: str) -> str | None:
        try:
            out = subprocess.run(["git", *args], cwd=path, capture_output=True, text=True, timeout=20)
        except (OSError, subprocess.SubprocessError):
            return None
        return out.stdout if out.returncode == 0 else None

    commit = git("rev-parse", "--verify", "HEAD")
    if commit is None:
        return GitState(None, None, ())
    status = git("status", "--porcelain")
    tags = git("tag", "--points-at", "HEAD", "--list", "v*") or ""
    return GitState(commit.strip(), bool(status and status.strip()), tuple(sorted(tags.split())))


def check_tag(manuscript: Manuscript, explicit: str | None, env: Mapping[str, str], git: GitState) -> str | None:
    """The release's tag (``v`` + version) if one is stated or found, refusing one that disagrees (E701).

    Looked for in order: ``--tag``; ``GITHUB_REF_NAME`` when ``GITHUB_REF_TYPE`` is ``tag``;
    the ``v*`` tags at HEAD.
    """
    expected = "v" + manuscript.config.version
    if explicit is not None:
        found, where = [explicit], "--tag"
    elif env.get("GITHUB_REF_TYPE") == "tag" and env.get("GITHUB_REF_NAME", "").startswith("v"):
        found, where = [env["GITHUB_REF_NAME"]], "GITHUB_REF_NAME"
    else:
        found, where = list(git.tags), "the git tag at HEAD"
    if not found:
        return None
    if expected in found:
        return expected
    raise _version_refused(manuscript, f"{where} says {found[0]} but book.yaml's version is "
                                       f"{manuscript.config.version} (expected the tag {expected}): change "
                                       "'version' or the tag")


def _version_refused(manuscript: Manuscript, message: str) -> BookError:
    """E701 at book.yaml's ``version`` line: the version cannot be released as it stands."""
    return BookError(message, "E701", path=manuscript.config_path, line=_version_line(manuscript.config_path))


def check_version_unreleased(manuscript: Manuscript, existing: list[Path], files: Mapping[str, bytes],
                             when_from: str = "SOURCE_DATE_EPOCH") -> None:
    """E701: the folder holds this version's release already, and the book has changed since: two
    different books would go out under one version (a reader's or a shop's copy of 1.0.0 no longer
    the one in the folder). Released again unchanged, the files are the same bytes and are kept.

    ``when_from`` says where the build time came from: from the files' modification times (no git, no
    SOURCE_DATE_EPOCH), a file saved again unchanged dates the book anew, and the message says so rather than
    claim the text changed."""
    earlier = {path.name: path for path in existing}
    changed = [name for name, data in files.items()
               if name.endswith((".epub", ".pdf")) and name in earlier and _bytes_of(earlier[name]) != data]
    if changed:
        version = manuscript.config.version
        raise _version_refused(manuscript, f"version {version} was released into {existing[0].parent} already, "
                                           f"and {_what_changed(changed, when_from)}: raise 'version' in "
                                           "book.yaml for the new edition, or release into another folder; "
                                           "nothing was written")


def _what_changed(changed: list[str], when_from: str) -> str:
    """Why the release's bytes differ: the book, or (a build time read from the files' modification times) a
    file saved again, which dates the book anew."""
    differ = f"{', '.join(changed)} differ"
    if when_from != "files":
        return f"the book has changed since ({differ})"
    return (f"{differ}: the book or only its date, which comes from the files' modification times (a file saved "
            "again dates the book anew; set SOURCE_DATE_EPOCH or commit the manuscript to git to release the "
            "same bytes)")


def _bytes_of(path: Path) -> bytes | None:
    """An earlier release file's bytes; None for one that is not a regular file (install replaces it)."""
    try:
        return read_input(path, path.parent)
    except InputRefused:
        return None


def _version_line(path: Path) -> int | None:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("version:"):
            return number
    return None


# ------------------------------------------------------------------ manifest and checksums

def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def input_files(manuscript: Manuscript) -> dict[str, list[tuple[str, Path]]]:
    """Every input, sorted by path: the files the build reads from the manuscript folder (the same
    list the build cache's key hashes), and the package's styles/ (found by the one safe walk)."""
    styles, _refused = walk_inputs(PACKAGE_STYLES, skip=lambda p: p.name == "__pycache__")
    return {"manuscript": [(p.relative_to(manuscript.root).as_posix(), p) for p in manuscript_inputs(manuscript)],
            "package_styles": [(p.relative_to(PACKAGE_STYLES).as_posix(), p) for p in styles]}


def tool_versions() -> dict[str, str]:
    """What made the bytes: the tools, the libraries that write the files, and zlib, whose deflate
    compresses the EPUB's entries (another zlib build may compress them to other bytes)."""
    import platform
    import zlib

    return {"book": __version__, "python": f"{platform.python_version()} ({platform.python_implementation()})",
            "pandoc": pandoc_version(), "typst": distribution_version("typst"),
            "ebooklib": distribution_version("ebooklib"), "lxml": distribution_version("lxml"),
            "pikepdf": distribution_version("pikepdf"), "zlib": zlib.ZLIB_RUNTIME_VERSION}


def build_manifest(checked: Checked, ctx: BuildContext, outputs: list[Path], git: GitState,
                   tag: str | None, when: dt.datetime, when_from: str, *, epubcheck_version: str,
                   pages: int) -> dict:
    """Everything needed to say how the release was made and to make it again. No clock, no host.

    Names in it are as the book prints them: the manifest ships with the book.
    """
    manuscript = checked.manuscript
    config = checked.printed.config
    inputs = {group: [{"path": rel, "sha256": sha256(read_input(path, root))} for rel, path in files]
              for (group, files), root in zip(input_files(manuscript).items(), (manuscript.root, PACKAGE_STYLES))}
    combined = sha256("".join(f"{group}/{item['path']}\0{item['sha256']}\n"
                              for group, items in inputs.items() for item in items).encode("utf-8"))
    return {
        "manifest_format": MANIFEST_FORMAT,
        "title": config.title,
        "identifier": config.epub_identifier,
        "version": config.version,
        "tag": tag,
        "git": {"commit": git.commit, "dirty": git.dirty},
        "SOURCE_DATE_EPOCH": int(when.timestamp()),
        "build_time": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "build_time_from": when_from,
        "tools": tool_versions(),
        "validation": {"epubcheck": epubcheck_version, "pdf_pages": pages,
                       "reproducible": "built twice, identical bytes"},
        "outputs": [{"file": p.name, "sha256": sha256(p.read_bytes()), "bytes": p.stat().st_size}
                    for p in outputs],
        "inputs_sha256": combined,
        "inputs": inputs,
        "rights_decisions": decisions(manuscript, checked.names.person),
    }


def sha256sums(files: Mapping[str, bytes]) -> str:
    """``sha256sum``'s own format: hash, two spaces, name; one line per file, sorted by name."""
    return "".join(f"{sha256(files[name])}  {name}\n" for name in sorted(files))


# ------------------------------------------------------------------ the output folder

def previous_release(out_dir: Path) -> list[Path]:
    """Files of an earlier release in ``out_dir``; refuse a folder holding anything else (E702), and a path
    that cannot become a folder (a file where it or a folder above it should be), before a minute of building."""
    above = out_dir
    while not os.path.lexists(above) and above.parent != above:
        above = above.parent
    if os.path.lexists(above) and not above.is_dir():
        raise BookError(f"{above} is not a folder" + (f", so {out_dir} cannot be made" if above != out_dir else ""),
                        "E702")
    if not out_dir.exists():
        return []
    present = {p.name for p in out_dir.iterdir() if not p.name.startswith(".")}
    listed: set[str] = set()
    sums = out_dir / SUMS
    if sums.is_file():
        listed = {line.split("  ", 1)[1] for line in sums.read_text(encoding="utf-8").splitlines() if "  " in line}
        listed.add(SUMS)
    others = sorted(present - listed)
    if others:
        shown = ", ".join(others[:5]) + (", …" if len(others) > 5 else "")
        raise BookError(f"{out_dir} holds files that are not from a release ({shown}): release into an "
                        "empty folder", "E702")
    return [out_dir / name for name in sorted(present & listed)]


def install(out_dir: Path, files: Mapping[str, bytes], previous: list[Path],
            after_rename: Callable[[Path], None] | None = None) -> list[Path]:
    """Replace an earlier release with every new file at once, SHA256SUMS renamed into place last.

    Every file is written to a temporary file first; only when all of them are written
    are they renamed into place (a failure or an interrupt before leaves the earlier
    release as it was, and no temporary file), and the earlier release's files that the new one
    does not replace (another version's names) are removed with them, under the journal of
    :func:`~book.support.files.write_all_atomically`: a run killed between two renames is finished by
    the next ``book release`` (or build) into the folder. ``after_rename``: for tests (see there).
    """
    order = [n for n in files if n != SUMS] + [SUMS]
    write_all_atomically({out_dir / name: files[name] for name in order},
                         removing=[path for path in previous if path.name not in files], after_rename=after_rename)
    return [out_dir / name for name in order]

if __name__ == "__main__":
    sys.exit(_rebuild(sys.argv[1:]))
