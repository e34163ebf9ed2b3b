"""Reading inputs safely, and writing outputs so that a failed or interrupted run never leaves a broken book.

Every file goes to a temporary file beside its target and is renamed into place;
:func:`write_all_atomically` writes every temporary file of a run before renaming
any, so the outputs of one run appear together or not at all.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import json
import os
import re
import secrets
import shutil
import stat
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import BinaryIO, TypeVar

from book.support.diagnostics import BookError, Report
from book.support.signals import deferred


def write_atomically(target: Path, data: bytes) -> None:
    """Write to a temporary file beside ``target`` and rename: never a half-written output."""
    write_all_atomically({target: data})


SCRATCH_STALE = 60
"""Seconds a scratch folder's lock must be old before another run may sweep it (a folder just made, whose
lock is not yet taken, is never swept)."""


@contextlib.contextmanager
def scratch(prefix: str) -> Iterator[str]:
    """A temporary folder (``TMPDIR/<prefix><random>``) for one piece of work, removed after it as
    ``TemporaryDirectory`` removes it, with ``<folder>.lock`` beside it ``flock``ed for its life: a run killed
    outright (SIGKILL, the power) left pandoc's and Typst's folders in ``TMPDIR`` for good; the first scratch
    folder of the next run sweeps every such folder whose lock no living process holds (:func:`_sweep`)."""
    import fcntl

    _sweep_once()
    with tempfile.TemporaryDirectory(prefix=prefix) as folder:
        lock = f"{folder}.lock"
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0), 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield folder
        finally:
            with contextlib.suppress(OSError):
                os.unlink(lock)
            os.close(fd)


@functools.lru_cache(maxsize=1)
def _sweep_once() -> None:
    """:func:`_sweep` once a process: a run makes dozens of scratch folders, and one look at ``TMPDIR`` serves."""
    _sweep(Path(tempfile.gettempdir()))


def _sweep(folder: Path) -> None:
    """Remove the scratch folders of dead runs in ``folder``: each ``book-*.lock`` of this user, older than
    :data:`SCRATCH_STALE`, that no process holds, with the folder it guards. Nothing else is touched."""
    import fcntl

    try:
        entries = [entry for entry in os.scandir(folder)
                   if entry.name.startswith("book-") and entry.name.endswith(".lock")]
    except OSError:
        return
    for entry in entries:
        try:
            info = entry.stat(follow_symlinks=False)
            if (not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid()
                    or time.time() - info.st_mtime < SCRATCH_STALE):
                continue
            fd = os.open(entry.path, os.O_RDWR | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            guarded = Path(entry.path[:-len(".lock")])
            if guarded.is_dir() and not guarded.is_symlink():
                shutil.rmtree(guarded, ignore_errors=True)
            os.unlink(entry.path)
        except OSError:
            pass                  # a living run holds it, or another run sweeps it now
        finally:
            os.close(fd)


def new_temporary(folder: Path | str, prefix: str) -> tuple[int, str]:
    """A new file ``folder/<prefix><random>.tmp``, opened for writing, with the mode the umask gives a new file
    (as ``open`` makes one): ``mkstemp`` makes it the writer's alone, and the ``chmod 644`` after it gave every
    output to every user even under a umask of 077. Never follows a link planted at the name."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        path = os.path.join(folder, f"{prefix}{secrets.token_hex(6)}.tmp")
        try:
            return os.open(path, flags, 0o666), path
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no unused temporary name", str(folder))


def writable_problem(folder: Path) -> str | None:
    """Why no file can be made in ``folder`` (a read-only file system, no permission); None when one can.

    In a folder that is there a file is made and removed, since root passes every permission bit; a folder to
    be made is judged by ``access`` on the folder above it that is there (the read-only mount and the
    permissions, without a file that a second build's walk of the manuscript could find and lose).
    A command asks this before its minutes of building, not when it writes.
    """
    if folder.is_dir():
        try:
            fd, probe = new_temporary(folder, ".book-probe-")
        except OSError as exc:
            return f"{exc.strerror or exc} ({folder})"
        try:
            os.close(fd)
        finally:
            os.unlink(probe)
        return None
    above = folder
    while not os.path.lexists(above) and above.parent != above:
        above = above.parent
    if not above.is_dir():
        return None                     # a file in the way: make_folders says so where the output is written
    if not os.access(above, os.W_OK | os.X_OK):
        return f"{os.strerror(errno.EROFS if _read_only(above) else errno.EACCES)} ({above})"
    return None


def _read_only(folder: Path) -> bool:
    """Whether ``folder`` is on a file system mounted read-only (``access`` says only that it may not be written)."""
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def require_writable(folder: Path) -> None:
    """E509 at once when no output can be written in ``folder``: :func:`writable_problem` in an error."""
    if (problem := writable_problem(folder)) is not None:
        raise _cannot_write(f": {problem}", folder)


ROOM_FOR_TEMPORARY = 1 << 20
"""Free bytes below which the temporary folder counts as full: a tool that fails then (pandoc's messages
themselves could not be written) is said to have run out of room, not to have failed on the book."""

_FULL = (errno.ENOSPC, errno.EDQUOT)


def no_room(exc: OSError | None = None) -> BookError | None:
    """E541 when a disk is full: ``exc`` says so (no space, a quota), or, without ``exc``, the temporary folder
    (``TMPDIR``) has less than :data:`ROOM_FOR_TEMPORARY` left (a tool that failed there, unable to say why).
    None otherwise. It names the temporary folder when that is full, else the file that could not be written:
    a full ``/tmp`` was an internal error (exit 70) and a pandoc "failed: exit 1" naming no cause."""
    if exc is not None and exc.errno not in _FULL:
        return None
    temporary = Path(tempfile.gettempdir())
    try:
        usage = os.statvfs(temporary)
        full = usage.f_bavail * usage.f_frsize < ROOM_FOR_TEMPORARY
    except OSError:
        full = False
    if exc is None and not full:
        return None
    where = temporary if full or exc is None or not exc.filename else Path(os.fsdecode(exc.filename))
    hint = ("set TMPDIR to a folder with room, or free space there" if where == temporary
            else f"free space there (temporary files go to {temporary}; TMPDIR chooses another folder)")
    return BookError(f"no space left on the disk that holds it: {hint}", "E541", path=where)


def make_folders(folder: Path) -> None:
    """``mkdir -p`` without recursion: ``Path.mkdir(parents=True)`` calls itself once a level, so a path of
    2,000 folders was a RecursionError, not the OSError (name too long) every caller reports."""
    missing = []
    while not folder.is_dir():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for each in reversed(missing):
        if os.path.lexists(each) and not each.is_dir():     # `build` saved as a file: say so, not "File exists"
            raise NotADirectoryError(errno.ENOTDIR, "a file stands where a folder is needed", str(each))
        each.mkdir(exist_ok=True)


def _replaceable(target: Path) -> None:
    """An output may replace a file or a symbolic link (the link, not what it points to), never a device, a
    named pipe, a socket or a folder: renaming over ``/dev/full`` as root would replace the device itself."""
    try:
        mode = target.lstat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return
    if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
        raise _cannot_write(f" over {_kind(mode)}: only a file or a symbolic link is replaced", target)


def _cannot_write(detail: str, target: Path) -> BookError:
    """E509, worded once: an output that cannot be written (``detail`` says why)."""
    return BookError(f"cannot write the output{detail}", "E509", path=target)


def write_all_atomically(files: Mapping[Path, bytes], removing: Iterable[Path] = (),
                         after_rename: Callable[[Path], None] | None = None) -> None:
    """Write every file, then rename them all: a failure before the renames changes nothing.

    A folder that cannot be made or written to (a file in the way, no permission, a full
    disk) is E509 naming the output, and leaves no temporary file. ``removing``: files of an
    earlier run that this one replaces by other names (an older release), removed with the renames.

    More than one file is written under a journal (:class:`_Journal`): a run killed outright
    (SIGKILL, the power) between its renames is finished by the next run that writes to the folder,
    one killed before them is rolled back, so no mix of old and new outputs outlives it.
    ``after_rename`` is called after each rename (tests kill the process there); None in the tool.
    """
    removing = [path for path in removing if path not in files]
    alone = len(files) <= 1 and not removing        # one rename is atomic already: no journal
    _write_each(files, None if alone else removing, after_rename)


def _write_each(files: Mapping[Path, bytes], removing: list[Path] | None,
                after_rename: Callable[[Path], None] | None) -> None:
    """:func:`write_all_atomically`'s work; ``removing`` None: without a journal."""
    staged: list[tuple[str, Path]] = []
    target = Path()
    journal: _Journal | None = None
    try:
        for target in files:
            _replaceable(target)
            make_folders(target.parent)
        if removing is not None and files:
            for folder in dict.fromkeys(t.parent for t in files):
                finish_interrupted(folder)
            journal = _Journal.begin(next(iter(files)).parent, [t.parent for t in files])
        for target, data in files.items():
            fd, tmp = new_temporary(target.parent, f".{target.name}.{journal.token if journal else ''}")
            staged.append((tmp, target))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
        with deferred():            # a signal now would leave some outputs new and the others old
            if journal is not None:
                journal.commit(staged, removing or [])
            for tmp, target in staged:
                os.replace(tmp, target)
                if after_rename is not None:
                    after_rename(target)
            for path in removing or []:
                path.unlink(missing_ok=True)
    except BaseException as exc:
        for tmp, _target in staged:
            Path(tmp).unlink(missing_ok=True)
        if journal is not None:
            journal.end()
            journal = None
        if isinstance(exc, OSError):
            raise _cannot_write(f": {exc.strerror or exc}"
                                + (f" ({exc.filename})" if exc.filename
                                   and not str(exc.filename).endswith((str(target), ".tmp")) else ""),
                                target) from None
        raise
    finally:
        if journal is not None:
            journal.end()


_JOURNAL = ".book-run-"
"""The name a run's journal starts with: ``.book-run-<token>.tmp`` (held locked by the run while it lives,
listing its folders) and, once every file is written, ``.book-run-<token>.commit.tmp`` (the renames to make).
They end in ``.tmp`` as every temporary file does, so every walk of a folder passes over them."""
_STALE_EMPTY = 60.0      # seconds after which an empty journal (its run killed as it began) is stale
_TOKEN_BYTES = 8
_TOKEN = re.compile(f"[0-9a-f]{{{2 * _TOKEN_BYTES}}}")
"""A run's token as :meth:`_Journal.begin` makes it; a journal with any other is no run's and is left alone
(an empty one, ``.book-run-.tmp``, made the cleanup match every hidden temporary file of the folder)."""
_RANDOM = "[0-9a-f]{12}"          # what :func:`new_temporary` adds to a prefix


class _Journal:
    """The record that makes a run's renames all or nothing when the run is killed outright.

    The run holds an exclusive ``flock`` on its journal for its life; the kernel releases it when the
    process dies, however it dies, so another run tells a dead run's journal from a live one's without
    guessing from times. Every temporary file of the run has the run's token in its name.
    """

    def __init__(self, folder: Path, token: str, fd: int):
        self.folder, self.token, self.fd = folder, token, fd

    @property
    def path(self) -> Path:
        return self.folder / f"{_JOURNAL}{self.token}.tmp"

    @classmethod
    def begin(cls, folder: Path, folders: list[Path]) -> _Journal:
        import fcntl

        token = secrets.token_hex(_TOKEN_BYTES)
        journal_path = folder / f"{_JOURNAL}{token}.tmp"
        fd = os.open(journal_path, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0),
                     0o666)
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.write(fd, json.dumps({"folders": [os.path.abspath(f) for f in dict.fromkeys(folders)]}).encode())
        return cls(folder, token, fd)

    def commit(self, staged: list[tuple[str, Path]], removing: list[Path]) -> None:
        """Every file is written: record the renames (written whole, then renamed: never half a record).
        Every path is recorded absolute: a run recovering it may have been started from another folder."""
        record = {"renames": [[os.path.abspath(tmp), os.path.abspath(target)] for tmp, target in staged],
                  "remove": [os.path.abspath(p) for p in removing]}
        fd, tmp = new_temporary(self.folder, f"{_JOURNAL}{self.token}.commit-")
        with os.fdopen(fd, "wb") as handle:
            handle.write(json.dumps(record).encode())
        os.replace(tmp, self.folder / f"{_JOURNAL}{self.token}.commit.tmp")

    def end(self) -> None:
        """The run is over (done or undone): its records go, then its lock."""
        (self.folder / f"{_JOURNAL}{self.token}.commit.tmp").unlink(missing_ok=True)
        self.path.unlink(missing_ok=True)
        os.close(self.fd)


def left_alone(refused: list[tuple[Path, str]]) -> Report:
    """E546 (a warning) for each journal :func:`finish_interrupted` refused: a run's files may be mixed there,
    and only the editor can say whose the journal is."""
    report = Report()
    for path, reason in refused:
        report.warning("E546", f"an interrupted run's journal was left alone ({reason}): check the outputs beside "
                               "it, then delete it", path)
    return report


def finish_interrupted(folder: Path) -> list[tuple[Path, str]]:
    """Finish or undo the writes of every run killed outright in ``folder`` (see :class:`_Journal`): a run
    that had recorded its renames has them made (it had written every file), one that had not has its
    temporary files removed. A journal another living run holds is left alone, and so is one that is no
    run's as this tool writes them (a token not its own, a path outside ``folder``, another user's): nothing
    it names is touched. Returns those refused journals, each with the reason."""
    try:
        names = [name for name in os.listdir(folder)
                 if name.startswith(_JOURNAL) and name.endswith(".tmp") and ".commit" not in name]
    except OSError:
        return []
    refused: list[tuple[Path, str]] = []
    for name in names:
        token = name[len(_JOURNAL):-len(".tmp")]
        if not _TOKEN.fullmatch(token):
            refused.append((folder / name, "not a journal this tool writes (its token)"))
            continue
        try:
            reason = _recover(folder, token)
        except OSError:
            continue          # another run recovering it, or a folder that cannot be written: left as it is
        if reason is not None:
            refused.append((folder / name, reason))
    return refused


def _recover(folder: Path, token: str) -> str | None:
    """:func:`finish_interrupted` for the run ``token``, if it is dead; why it was left alone, when it was
    refused (None when it was recovered, or is alive)."""
    import fcntl

    path = folder / f"{_JOURNAL}{token}.tmp"
    # read and write: flock over NFS is an fcntl lock, which a descriptor opened read-only cannot take (EBADF),
    # and every dead run would then look alive
    fd = os.open(path, os.O_RDWR | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        state = os.fstat(fd)
        if not stat.S_ISREG(state.st_mode):
            return "not a regular file"
        if state.st_uid != os.geteuid():
            return "another user's"
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return None                 # its run is alive
        state = os.fstat(fd)
        if state.st_nlink == 0:
            return None                 # recovered already, by another run
        text = os.read(fd, 1 << 20)
        if not text and time.time() - state.st_mtime < _STALE_EMPTY:
            return None                 # a run between making its journal and locking it
        commit = folder / f"{_JOURNAL}{token}.commit.tmp"
        try:
            record = json.loads(commit.read_bytes())
        except (OSError, ValueError):
            record = None               # killed before it recorded its renames: undone
        plan = _plan(folder, token, record) if record is not None else ([], [])
        if isinstance(plan, str):
            return plan
        renames, removals = plan
        with deferred():
            for tmp, target in renames:
                if os.path.lexists(tmp):
                    os.replace(tmp, target)
            for gone in removals:
                gone.unlink(missing_ok=True)
            leftovers = re.compile(rf"\..*\.{token}{_RANDOM}\.tmp"                      # its temporary files
                                   rf"|{re.escape(_JOURNAL)}{token}\.commit(-{_RANDOM})?\.tmp")   # its record
            for name in os.listdir(folder):
                if leftovers.fullmatch(name):
                    (folder / name).unlink(missing_ok=True)
            path.unlink(missing_ok=True)
        return None
    finally:
        os.close(fd)


def _plan(folder: Path, token: str, record: object) -> tuple[list[tuple[Path, Path]], list[Path]] | str:
    """The renames and removals a dead run recorded, each a name in ``folder``, checked before any is made: a
    record naming a path elsewhere (relative, in another folder) or a temporary file without the run's token
    is refused whole (the reason), never made in part."""
    if not isinstance(record, dict) or not isinstance(record.get("renames", []), list) \
            or not isinstance(record.get("remove", []), list):
        return "its record of renames is not one this tool writes"
    renames: list[tuple[Path, Path]] = []
    for pair in record.get("renames", []):
        if not (isinstance(pair, list) and len(pair) == 2):
            return "its record of renames is not one this tool writes"
        tmp, target = (_here(folder, each) for each in pair)
        if tmp is None or target is None:
            return "it names a path outside its folder"
        if not re.fullmatch(rf"{re.escape(f'.{target.name}.{token}')}{_RANDOM}\.tmp", tmp.name):
            return "it names a temporary file that is not its run's"
        renames.append((tmp, target))
    removals = [_here(folder, each) for each in record.get("remove", [])]
    if any(each is None for each in removals):
        return "it names a path outside its folder"
    return renames, [each for each in removals if each is not None]


def _here(folder: Path, recorded: object) -> Path | None:
    """``folder / name`` when ``recorded`` is an absolute path to a file ``name`` directly in ``folder`` (the
    same folder, whatever path reaches it); None otherwise. A temporary file always stands beside its target,
    and a removed file of an earlier release beside the new one."""
    if not isinstance(recorded, str) or not os.path.isabs(recorded):
        return None
    parent, name = os.path.split(recorded)
    if name in ("", ".", "..") or name.startswith(_JOURNAL):
        return None
    try:
        if not os.path.samefile(parent, folder):
            return None
    except OSError:
        return None
    return folder / name


# ------------------------------------------------------------------ reading inputs
#
# Every file a build reads comes through here: the manuscript reader, the check stage
# (images, styles), the build cache's key and the release's input hashes. A path is an
# input only if it is a regular file inside its folder once every symbolic link is
# followed; a named pipe, a device, a socket, a link that leaves the folder or loops
# is refused with a reason, before anything opens it (a FIFO would block forever,
# /dev/zero would never end).

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


_UNREADABLE = "cannot be read: "
T = TypeVar("T")


class InputRefused(Exception):
    """A path that may not be read as an input; ``reason`` says why, in words for the editor."""

    def __init__(self, path: Path, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path, self.reason = path, reason


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def not_a_file(path: Path) -> str | None:
    """Why ``path``, named on the command line (it may lie outside the manuscript), is no file to read; None for
    a regular file or a missing one (its reader says so). A named pipe would block, /dev/zero never end."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:
        return _os_reason(exc)
    return None if stat.S_ISREG(mode) else f"{_kind(mode)}, not a regular file"


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def input_problem(path: Path, root: Path) -> str | None:
    """Why ``path`` may not be read as an input of the folder ``root``; None for a regular file inside it.

    Nothing is opened: ``lstat`` says whether the path is a link, ``stat`` (which the
    kernel stops at a loop) what it finally is, ``realpath`` where it finally is.
    """
    try:
        link = os.lstat(path)
    except FileNotFoundError:
        return "not found"
    except OSError as exc:
        return _os_reason(exc)
    is_link = stat.S_ISLNK(link.st_mode)
    try:
        final = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link that loops (it leads back to itself)"
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            return f"a symbolic link to {os.readlink(path) if is_link else 'a missing file'}, which does not exist"
        return _os_reason(exc)
    if not _plainly_inside(path, root, link):
        real, base = os.path.realpath(path), os.path.realpath(root)
        if not _inside(real, base):
            if is_link or _inside(os.path.abspath(path), os.path.abspath(root)):
                return f"a symbolic link to {real}, outside the manuscript folder"
            return "outside the manuscript folder"
    if not stat.S_ISREG(final.st_mode):
        return f"{_kind(final.st_mode)}, not a regular file"
    return None


def _plainly_inside(path: Path, root: Path, last: os.stat_result) -> bool:
    """Whether ``path`` is ``root/one/two/...`` (no ``.``, ``..`` or empty part) and no part below
    ``root`` is a symbolic link (``last``: the ``lstat`` of ``path`` itself): then wherever ``root``
    leads, ``path`` is inside it. One ``lstat`` per folder below the root, instead of two ``realpath``
    (an ``lstat`` per part of both paths, in Python): most of what checking a chapter cost."""
    whole, top = os.fspath(path), os.fspath(root)
    if os.altsep and (os.altsep in whole or os.altsep in top):
        return False
    top = top.rstrip(os.sep)
    if not top or not whole.startswith(top + os.sep) or stat.S_ISLNK(last.st_mode):
        return False
    parts = whole[len(top) + 1:].split(os.sep)
    if any(part in ("", ".", "..") for part in parts):
        return False
    folder = top
    try:
        for part in parts[:-1]:
            folder = os.path.join(folder, part)
            if stat.S_ISLNK(os.lstat(folder).st_mode):
                return False
    except OSError:
        return False
    return True


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "a symbolic link that loops (it leads back to itself)"
    return f"{_UNREADABLE}{exc.strerror or exc}"


def read_input(path: Path, root: Path) -> bytes:
    """The bytes of an input file of ``root``; :class:`InputRefused` when it is not a regular file inside it.

    The file is opened without blocking and checked again once open, so a path swapped
    for a pipe between the check and the read cannot hang the run either.
    """
    return _with_input(path, root, lambda handle: handle.read())


def input_digest(path: Path, root: Path) -> str:
    """The SHA-256 of an input file of ``root``, read in blocks (a large file is never held whole in
    memory), refused as :func:`read_input` refuses: for the build cache's keys."""
    def digest(handle) -> str:
        h = hashlib.sha256()
        for block in iter(lambda: handle.read(1 << 20), b""):
            h.update(block)
        return h.hexdigest()

    return _with_input(path, root, digest)


def _with_input(path: Path, root: Path, use: Callable[[BinaryIO], T]) -> T:
    problem = input_problem(path, root)
    if problem is not None:
        raise InputRefused(path, problem)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise InputRefused(path, _os_reason(exc)) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise InputRefused(path, f"{_kind(mode)}, not a regular file")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return use(handle)
    except OSError as exc:
        raise InputRefused(path, _os_reason(exc)) from None
    finally:
        os.close(fd)


def input_error(report: Report, problem: InputRefused | tuple[Path, str], line: int | None = None,
                column: int | None = None, listed_in: Path | None = None) -> None:
    """Report a refused input, at the file itself or at the line of the file that names it:
    E105 when the system cannot read it (permissions, I/O), E120 when it is not a regular file inside."""
    path, reason = (problem.path, problem.reason) if isinstance(problem, InputRefused) else problem
    where = (listed_in, line, column) if listed_in is not None else (path, line, column)
    named = f"{path.name}: " if listed_in is not None else ""
    if reason.startswith(_UNREADABLE):
        report.error("E105", f"{named}{reason}", *where)
    else:
        report.error("E120", f"{named}{reason}; the book reads only regular files inside the manuscript folder",
                     *where)


def walk_inputs(root: Path, folder: Path | None = None,
                skip: Callable[[Path], bool] = lambda _path: False) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Regular files under ``folder`` (default ``root``), sorted, and the paths refused with their reason.

    Entries are looked at with ``lstat``: a link is followed only when it ends inside
    ``root``, each folder is entered once (a link back to a parent is not a loop here),
    and special files are refused, never opened. ``skip(path)`` leaves out a file or
    folder (a cache, ``.git``).
    """
    base = os.path.realpath(root)
    start = folder if folder is not None else root
    files: list[Path] = []
    refused: list[tuple[Path, str]] = []
    seen: set[str] = set()

    def visit(directory: Path) -> None:
        real = os.path.realpath(directory)
        if real in seen:
            return
        seen.add(real)
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            refused.append((directory, _os_reason(exc)))
            return
        for entry in entries:
            path = Path(entry.path)
            if skip(path):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    visit(path)
                    continue
                if entry.is_file(follow_symlinks=False):
                    files.append(path)
                    continue
                is_link = entry.is_symlink()
            except OSError as exc:
                refused.append((path, _os_reason(exc)))
                continue
            if not is_link:
                refused.append((path, f"{_kind(entry.stat(follow_symlinks=False).st_mode)}, not a regular file"))
                continue
            problem = input_problem(path, Path(base))
            if problem is None:
                files.append(path)
            elif problem.startswith("a folder") and _inside(os.path.realpath(path), base):
                visit(path)
            else:
                refused.append((path, problem))

    if os.path.isdir(start):
        if _inside(os.path.realpath(start), base):
            visit(start)
        else:      # sources/ or styles/ linked to a folder elsewhere: nothing in it is the manuscript's
            refused.append((start, f"a symbolic link to {os.path.realpath(start)}, outside the manuscript folder"))
    return files, refused
