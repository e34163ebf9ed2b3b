"""Kinds a tenth red-team round found: a paragraph of a script written without spaces refused as one word, a
run killed outright between the renames of its outputs, and a build cache that filled a nearly full output
disk before the outputs. Each is now a result, or the tool's own one-line error."""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from book.release.publish import SUMS, install, sha256sums
from book.render.pandoc import lua_path
from book.support.files import finish_interrupted
from book.support.text import MAX_WORD, long_word
from book.support.tools import pandoc_path

from .edits import replace_once as _replace

SRC = Path(__file__).resolve().parents[2] / "src"
STYLES = SRC / "book" / "styles"


def _han(count: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    return "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(count))


def _thai(count: int) -> str:
    words = ["ภาษา", "ไทย", "เขียน", "ติดกัน", "โดย", "ไม่", "เว้น", "วรรค"]
    text = ""
    while len(text) < count:
        text += words[len(text) % len(words)]
    return text


# ------------------------------------------------------------------ scripts written without spaces

@pytest.mark.parametrize("paragraph", [_han(12_000), "「" + _han(6_000) + "」。" + _han(6_000), _thai(9_000),
                                       "ひらがなとカタカナ" * 1_200])
def test_a_paragraph_of_a_script_without_spaces_is_no_long_word(paragraph):
    """It was E228 (5,000 characters without a space): Chinese, Japanese and Thai break lines between
    characters (or words a dictionary finds), so only a stretch with no such opportunity is measured."""
    text = f"Before.\n\n{paragraph}\n"
    assert long_word(text, scripts_break=True) is None
    assert long_word(text) is not None          # YAML keeps the plain measure (its reader is quadratic in any run)


def test_an_address_inside_such_a_paragraph_is_still_a_long_word():
    address = "https://example.org/" + "a" * (MAX_WORD + 10)
    text = _han(3_000) + address + _han(3_000)
    line, column, word = long_word(text, scripts_break=True)
    assert (line, column) == (1, 3_001) and word == address


def test_a_chinese_chapter_of_long_paragraphs_passes_the_check(minimal, cli):
    chapter = minimal / "chapters" / "02-second.md"
    _replace(chapter, "Words before the chapter.", _han(30_000))
    result = cli("check", "-m", str(minimal))
    assert "E228" not in result.stderr, result.stderr


def _pandoc(markdown: Path, to: str, *extra: str) -> str:
    """pandoc's output for ``markdown`` through the package's PDF filter."""
    done = subprocess.run([pandoc_path(), str(markdown), "--from=markdown", f"--to={to}", "--wrap=none",
                           f"--lua-filter={STYLES / 'pdf' / 'book.lua'}", *extra],
                          capture_output=True, text=True, env={**os.environ, "LUA_PATH": lua_path()}, check=True)
    return done.stdout


def _longest_str(tree: object) -> int:
    """The length of the longest ``Str`` in a pandoc JSON tree."""
    if isinstance(tree, dict):
        if tree.get("t") == "Str":
            return len(tree["c"])
        return max((_longest_str(value) for value in tree.values()), default=0)
    if isinstance(tree, list):
        return max((_longest_str(value) for value in tree), default=0)
    return 0


def test_a_long_run_is_written_to_typst_in_pieces_that_change_nothing(tmp_path):
    """pandoc's Typst writer is quadratic in one Str (30,000 ideographs: 3 s, 300,000: minutes); the filter
    cuts such a Str between two characters past ASCII, which the writer sets side by side: the same Typst."""
    rng = random.Random(3)
    pool = [chr(c) for c in range(0x4E00, 0x4E80)] * 4 + list("ภาษาไทย*_/@#<>=~\\é—…「」。") + ["//", "1.", "\u0301"]
    text = "".join(rng.choice(pool) for _ in range(6_000)) + "\n\n" + _han(12_000) + "\n"
    source = tmp_path / "doc.md"
    source.write_text(text, encoding="utf-8")
    assert _pandoc(source, "typst", "--metadata=book-long-word=500") == _pandoc(source, "typst")
    tree = json.loads(_pandoc(source, "json", "--metadata=book-long-word=500"))
    assert _longest_str(tree["blocks"]) <= 500 < _longest_str(json.loads(_pandoc(source, "json"))["blocks"])


# ------------------------------------------------------------------ killed outright between the renames

_KILLER = """
import os, signal, sys
from pathlib import Path
from book.release.publish import install
folder, at = Path(sys.argv[1]), int(sys.argv[2])
files = {name: bytes.fromhex(data) for name, data in (arg.split("=") for arg in sys.argv[3:])}
previous = sorted(p for p in folder.iterdir() if not p.name.startswith("."))
count = [0]
def after_rename(target):
    count[0] += 1
    if count[0] == at:
        os.kill(os.getpid(), signal.SIGKILL)
if at == 0:                   # before the journal records the renames: the first rename is the record's own
    real = os.replace
    def replace(*args):
        os.kill(os.getpid(), signal.SIGKILL)
    os.replace = replace
install(folder, files, previous, after_rename=after_rename)
"""


def _release(version: str) -> dict[str, bytes]:
    files = {f"book-{version}.epub": f"epub {version}".encode(), f"book-{version}.pdf": f"pdf {version}".encode(),
             f"book-{version}-manifest.json": f"{{\"v\": \"{version}\"}}".encode()}
    files[SUMS] = sha256sums(files).encode()
    return files


def _state(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def _sums_hold(folder: Path) -> bool:
    for line in (folder / SUMS).read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ", 1)
        if not (folder / name).is_file() or hashlib.sha256((folder / name).read_bytes()).hexdigest() != digest:
            return False
    return True


@pytest.mark.parametrize("at", [0, 1, 2, 3])
def test_a_release_killed_at_a_rename_is_finished_or_undone_whole(tmp_path, at):
    """SIGKILL between the renames left some files new and some old (``sha256sum -c`` told). The journal
    makes the next run into the folder finish them (every file was written) or, killed before the renames
    were recorded, remove the temporary files: the old release whole, or the new one."""
    folder = tmp_path / "dist"
    folder.mkdir()
    old, new = _release("1.0"), _release("1.1")
    for name, data in old.items():
        (folder / name).write_bytes(data)
    args = [f"{name}={data.hex()}" for name, data in new.items()]
    done = subprocess.run([sys.executable, "-c", _KILLER, str(folder), str(at), *args],
                          env={**os.environ, "PYTHONPATH": str(SRC)}, capture_output=True, text=True)
    assert done.returncode == -signal.SIGKILL, done.stderr
    finish_interrupted(folder)                       # what the next `book release` or build does first
    assert _state(folder) == (old if at == 0 else new)
    assert _sums_hold(folder)


def test_a_journal_of_a_living_run_is_left_alone(tmp_path):
    """Two runs into one folder at once: the other's journal is locked while it lives, never undone."""
    import fcntl

    from book.support import files

    journal = files._Journal.begin(tmp_path, [tmp_path])
    (tmp_path / f".out.{journal.token}abc.tmp").write_bytes(b"half written")
    try:
        finish_interrupted(tmp_path)
        assert (tmp_path / f".out.{journal.token}abc.tmp").exists() and journal.path.exists()
    finally:
        fcntl.flock(journal.fd, fcntl.LOCK_UN)
        journal.end()
    assert not journal.path.exists()


def test_a_build_finishes_the_outputs_of_a_build_killed_between_its_renames(minimal, cli, tmp_path):
    out = tmp_path / "build"
    out.mkdir()
    (out / "x.epub").write_bytes(b"old")
    token = "0123456789abcdef"
    (out / f".book-run-{token}.tmp").write_text('{"folders": ["%s"]}' % out, encoding="utf-8")
    (out / f".x.epub.{token}{'9' * 12}.tmp").write_bytes(b"newer")     # the writer's names, token and all
    (out / f".book-run-{token}.commit.tmp").write_text(
        '{"renames": [["%s", "%s"]], "remove": []}' % (out / f".x.epub.{token}{'9' * 12}.tmp", out / "x.epub"),
        encoding="utf-8")
    result = cli("build", "epub", "-m", str(minimal), "--out-dir", str(out), "--no-cache")
    assert result.exit_code == 0, result.stderr
    assert (out / "x.epub").read_bytes() == b"newer"
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


_KILLED_IN_A_FOLDER = """
import os, sys
from pathlib import Path
from book.support.files import write_all_atomically
os.chdir(sys.argv[1])
def die(path): os._exit(9) if path.name == "a.epub" else None
write_all_atomically({Path("build/a.epub"): b"new-a", Path("build/b.pdf"): b"new-b"}, after_rename=die)
"""


def test_a_run_killed_with_relative_paths_is_finished_from_another_folder(tmp_path, monkeypatch):
    """Review: the journal recorded ``build/a.epub`` as given (``beside`` makes the default out-dir relative to
    the cwd), and a run recovering from another folder skipped the rename and then deleted the temporary file
    it named, leaving old and new outputs mixed for good. Paths are recorded absolute."""
    project = tmp_path / "project"
    (project / "build").mkdir(parents=True)
    for name in ("a.epub", "b.pdf"):
        (project / "build" / name).write_bytes(b"old")
    done = subprocess.run([sys.executable, "-c", _KILLED_IN_A_FOLDER, str(project)],
                          env={**os.environ, "PYTHONPATH": str(SRC)}, capture_output=True, text=True)
    assert done.returncode == 9, done.stderr
    assert (project / "build" / "a.epub").read_bytes() == b"new-a"            # killed after its first rename
    assert (project / "build" / "b.pdf").read_bytes() == b"old"
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "build").mkdir(parents=True)
    monkeypatch.chdir(elsewhere)
    refused = finish_interrupted(project / "build")
    assert _state(project / "build") == {"a.epub": b"new-a", "b.pdf": b"new-b"}
    assert not list((elsewhere / "build").iterdir())
    assert refused == []


def _planted(folder: Path, token: str, renames: list, remove: list) -> Path:
    journal = folder / f".book-run-{token}.tmp"
    journal.write_text(json.dumps({"folders": [str(folder)]}), encoding="utf-8")
    (folder / f".book-run-{token}.commit.tmp").write_text(json.dumps({"renames": renames, "remove": remove}),
                                                           encoding="utf-8")
    return journal


@pytest.mark.parametrize("case", ["remove elsewhere", "target elsewhere", "relative", "tmp without the token"])
def test_a_journal_naming_a_path_outside_its_folder_touches_nothing(tmp_path, case):
    """A journal whose record names a file outside its own folder (another project's, through a relative
    path or an absolute one) or a temporary file that is not its run's is refused whole: nothing moves."""
    out, other = tmp_path / "dist", tmp_path / "other"
    out.mkdir()
    other.mkdir()
    (other / "book.pdf").write_bytes(b"another project's")
    (out / "book.pdf").write_bytes(b"old")
    token = "0123456789abcdef"
    tmp = out / f".book.pdf.{token}{'a' * 12}.tmp"
    tmp.write_bytes(b"new")
    renames, remove = [[str(tmp), str(out / "book.pdf")]], []
    if case == "remove elsewhere":
        remove = [str(other / "book.pdf")]
    elif case == "target elsewhere":
        renames = [[str(tmp), str(other / "book.pdf")]]
    elif case == "relative":
        renames = [[os.path.relpath(tmp), "dist/book.pdf"]]
    else:
        stray = out / ".book.pdf.someoneelse.tmp"
        stray.write_bytes(b"a live writer's")
        renames = [[str(stray), str(out / "book.pdf")]]
    journal = _planted(out, token, renames, remove)
    before, elsewhere = _state(out), _state(other)
    refused = finish_interrupted(out)
    assert _state(out) == before and _state(other) == elsewhere
    assert [path for path, _reason in refused] == [journal]


@pytest.mark.parametrize("token", ["", "0123", "0123456789ABCDEF", "0123456789abcdeg", "*"])
def test_a_journal_with_a_malformed_token_touches_nothing(tmp_path, token):
    """Review: a planted ``.book-run-.tmp`` (an empty token) made the cleanup glob ``.*.tmp`` delete every hidden
    temporary file of the folder, a living single-file writer's among them. Only the writer's own token (16
    lowercase hex digits) is a run's."""
    out = tmp_path / "build"
    out.mkdir()
    (out / "x.epub").write_bytes(b"old")
    (out / f".x.epub.{'b' * 12}.tmp").write_bytes(b"a living writer's")       # write_atomically, no journal
    (out / ".book-probe-0a0a0a0a0a0a.tmp").write_bytes(b"")
    if token != "*":
        journal = out / f".book-run-{token}.tmp"
        journal.write_text('{"folders": ["%s"]}' % out, encoding="utf-8")
        os.utime(journal, (0, 0))                                              # long dead, by its time
        (out / f".book-run-{token}.commit.tmp").write_text(
            '{"renames": [["%s", "%s"]], "remove": []}' % (out / f".x.epub.{'b' * 12}.tmp", out / "x.epub"),
            encoding="utf-8")
    before = _state(out)
    finish_interrupted(out)
    assert _state(out) == before


def test_a_build_says_which_journal_it_left_alone(minimal, cli, tmp_path):
    """A refused journal is not acted on, and not passed over in silence either: E546 names it."""
    out = tmp_path / "build"
    out.mkdir()
    journal = out / ".book-run-.tmp"
    journal.write_text('{"folders": ["%s"]}' % out, encoding="utf-8")
    result = cli("build", "epub", "-m", str(minimal), "--out-dir", str(out))
    assert result.exit_code == 0, result.stderr
    [line] = [line for line in result.stderr.splitlines() if "E546" in line]
    assert str(journal) in line and "warning" in line and journal.exists()


def test_a_release_says_which_journal_it_left_alone(minimal, cli, tmp_path, monkeypatch):
    """``book release`` says so too, before it builds (stopped here just after, to spare the two builds)."""
    from book.release import publish
    from book.support.diagnostics import BookError, Report

    def stop(out_dir):
        report = Report()
        report.error("E999", "stopped by the test")
        raise BookError(report)

    monkeypatch.setattr(publish, "previous_release", stop)
    out = tmp_path / "dist"
    out.mkdir()
    journal = out / ".book-run-.tmp"
    journal.write_text('{"folders": ["%s"]}' % out, encoding="utf-8")
    result = cli("release", "-m", str(minimal), "--out-dir", str(out))
    [line] = [line for line in result.stderr.splitlines() if "E546" in line]
    assert str(journal) in line and "stopped by the test" in result.stderr and journal.exists()


def test_a_journal_of_another_user_is_left_alone(tmp_path):
    """A journal planted by another user (a shared folder) is no run of this user's: refused, nothing moved."""
    if os.geteuid() != 0:
        pytest.skip("only root can give a file to another user")
    out = tmp_path / "build"
    out.mkdir()
    token = "fedcba9876543210"
    tmp = out / f".x.epub.{token}{'c' * 12}.tmp"
    tmp.write_bytes(b"new")
    (out / "x.epub").write_bytes(b"old")
    journal = _planted(out, token, [[str(tmp), str(out / "x.epub")]], [])
    os.chown(journal, 12345, 12345)
    before = _state(out)
    refused = finish_interrupted(out)
    assert _state(out) == before
    assert [path for path, _reason in refused] == [journal]


def test_the_journal_is_recovered_through_a_descriptor_open_for_writing(tmp_path, monkeypatch):
    """Review: over NFS ``flock`` is an fcntl lock, which a descriptor opened read-only cannot take (EBADF),
    so every dead run looked alive and was never finished. The journal is opened read-write."""
    from book.support import files

    opened: list[int] = []
    real_open = os.open

    def watched(path, flags, *rest):
        if os.fspath(path).endswith(".tmp") and ".book-run-" in os.fspath(path):
            opened.append(flags)
        return real_open(path, flags, *rest)

    out = tmp_path / "build"
    out.mkdir()
    token = "00112233445566aa"
    tmp = out / f".x.epub.{token}{'d' * 12}.tmp"
    tmp.write_bytes(b"new")
    _planted(out, token, [[str(tmp), str(out / "x.epub")]], [])
    monkeypatch.setattr(files.os, "open", watched)
    finish_interrupted(out)
    assert opened and all(flags & os.O_ACCMODE == os.O_RDWR for flags in opened)
    assert (out / "x.epub").read_bytes() == b"new"


# ------------------------------------------------------------------ a nearly full output disk

def cache_readme() -> str:
    """What the build cache writes into a folder it makes (the mark of a folder it may empty)."""
    from book.render.cache import _README

    return _README


@pytest.fixture
def small_disk(tmp_path):
    """A tmpfs of 4 MB (the tests run as root); skipped where none can be mounted."""
    mount = tmp_path / "disk"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)], capture_output=True)
    if made.returncode != 0:
        pytest.skip("no tmpfs can be mounted here")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_the_outputs_win_over_the_cache_on_a_nearly_full_disk(minimal, cli, small_disk):
    """The cache beside the outputs took the disk first, and the build then failed on its EPUB (E509)."""
    out = small_disk / "build"
    result = cli("build", "epub", "-m", str(minimal), "--out-dir", str(out))
    assert result.exit_code == 0, result.stderr
    assert [p.suffix for p in out.iterdir() if not p.name.startswith(".")] == [".epub"]
    filler = small_disk / "build" / ".cache" / "filler"
    filler.parent.mkdir(exist_ok=True)
    (filler.parent / "README.txt").write_text(cache_readme(), encoding="utf-8")    # the cache's own folder
    with open(filler, "wb") as handle:           # the cache (as an earlier build left it) fills the disk
        try:
            handle.write(b"\0" * (8 << 20))
        except OSError:
            pass
    _replace(minimal / "chapters" / "02-second.md", "Words before the chapter.", "Other words before it.")
    result = cli("build", "epub", "-m", str(minimal), "--out-dir", str(out))
    assert result.exit_code == 0, result.stderr
    assert "E543" in result.stderr and not filler.exists()


def test_a_cache_folder_the_tool_did_not_make_is_never_emptied(tmp_path, monkeypatch):
    """``--out-dir ~`` puts the cache at ``~/.cache``: on a nearly full disk only a folder the cache made
    (its README) is emptied, and only when emptying it makes the room."""
    from book.render import cache

    home_cache = tmp_path / ".cache"
    (home_cache / "pip").mkdir(parents=True)
    (home_cache / "pip" / "wheel").write_bytes(b"\0" * 1000)
    monkeypatch.setattr(cache, "_free", lambda folder: 500_000)
    assert not cache.make_room(home_cache, tmp_path, 2_000_000).items
    assert (home_cache / "pip" / "wheel").is_file()
    (home_cache / "README.txt").write_text(cache_readme(), encoding="utf-8")
    assert not cache.make_room(home_cache, tmp_path, 2_000_000).items      # 1 KB would not make 2 MB
    (home_cache / "pip" / "wheel").write_bytes(b"\0" * 3_000_000)
    assert [d.code for d in cache.make_room(home_cache, tmp_path, 2_000_000).items] == ["E543"]
    assert not home_cache.exists()


def test_the_cache_folder_the_timings_make_first_is_marked_as_the_cache_s(tmp_path):
    """The progress bar's timings may be the first file in ``<out-dir>/.cache`` (a disk too full for cache
    entries): the folder is the cache's all the same, and may be emptied for the outputs."""
    from book.cli.progress import Timings
    from book.render import cache

    root = tmp_path / "build" / ".cache"
    Timings(root / "timings.json", "epub").save(1.0, {"Reading": 0.0})
    assert cache._made_here(root)
    home = tmp_path / "home-cache"
    home.mkdir()
    Timings(home / "timings.json", "epub").save(1.0, {"Reading": 0.0})
    assert not cache._made_here(home)


# ------------------------------------------------------------------ a book in a script its fonts lack

@pytest.fixture
def compiled(monkeypatch) -> list[object]:
    """The sources the PDF stage compiles in this process, in order."""
    from book.pdf import document

    seen: list[object] = []
    real = document.compile_typst

    def counting(source, **kwargs):
        seen.append(source)
        return real(source, **kwargs)

    monkeypatch.setattr(document, "compile_typst", counting)
    return seen


def test_a_long_text_no_font_has_is_e506_at_once(minimal, cli, compiled):
    """Typst's PDF/UA-1 check of missing glyphs is quadratic in how many there are: 30,000 ideographs with the
    default fonts took 36 s of CPU to say the first. The distinct characters are set first, in short runs, so
    the E506 comes from a compile of one short page, before the book's own."""
    _replace(minimal / "chapters" / "02-second.md", "Words before the chapter.", _han(20_000))
    result = cli("build", "pdf", "-m", str(minimal), "--no-cache", "--out-dir", str(minimal / "out"))
    [line] = [line for line in result.stderr.splitlines() if "error[E506]" in line]
    assert result.exit_code == 1 and "02-second.md:7:" in line and "could not be displayed" in line, result.stderr
    assert len(compiled) == 1, compiled                 # the first run of distinct characters failed


def test_an_english_book_full_of_curly_quotes_and_dashes_sets_no_glyphs_first(minimal, cli, compiled):
    """Curly quotes, dashes and ellipses are past Latin-1 but in every book: they never cost extra compiles."""
    _replace(minimal / "chapters" / "02-second.md", "Words before the chapter.",
             "\u2018Quoted\u2019 \u2014 and \u201cso on\u201d\u2026 " * 800)
    result = cli("build", "pdf", "-m", str(minimal), "--no-cache", "--out-dir", str(minimal / "out"))
    assert result.exit_code == 0, result.stderr
    assert len(compiled) <= 1, compiled                 # the book's own compile (or none: a child compiles it)


# ------------------------------------------------------------------ excerpts past reason

def test_more_excerpts_than_a_book_can_check_in_time_are_e544_at_the_first_beyond(minimal, cli):
    """10,000 excerpts took 34 s of CPU to check, 100,000 minutes; now refused before any is matched."""
    from book.editorial import MAX_BOOK_EXCERPTS

    block = '\n::: {.excerpt source="garden-letters" unit="c2"}\nThank you, Bartholomew.\n:::\n'
    _replace(minimal / "chapters" / "02-second.md", "Another letter.\n:::", "Another letter.\n" + block * MAX_BOOK_EXCERPTS + ":::")
    result = cli("check", "-m", str(minimal))
    [line] = [line for line in result.stderr.splitlines() if "error[" in line]
    assert result.exit_code == 1 and "02-second.md:" in line and "[E544]" in line, result.stderr


# ------------------------------------------------------------------ source ids told apart by what is seen

@pytest.mark.parametrize("other_id, said", [("Garden-Letters", "only in case"),
                                            ("garden\u200bletters", "holds U+200B")])
def test_a_source_id_that_looks_like_another_is_e545(minimal, cli, other_id, said):
    """``Garden-Letters.yaml`` beside ``garden-letters.yaml`` is one file on macOS and Windows; an id with a
    zero-width space looks like another. Both passed the check."""
    text = (minimal / "sources" / "garden-letters.yaml").read_text(encoding="utf-8")
    (minimal / "sources" / f"{other_id}.yaml").write_text(text.replace("id: garden-letters", f"id: {other_id}"),
                                                          encoding="utf-8")
    result = cli("check", "-m", str(minimal))
    lines = [line for line in result.stderr.splitlines() if "error[E545]" in line]
    assert result.exit_code == 1 and len(lines) == 1 and said in lines[0] and ".yaml:3:" in lines[0], result.stderr


def test_the_joiners_of_persian_spelling_are_no_hidden_character_but_fold_like_one(tmp_path):
    """U+200C spells Persian ("می‌خواهم"): alone it is an id's letter; an id differing from another only by it is
    still a twin (E545)."""
    from types import SimpleNamespace

    from book.sources import store
    from book.support.diagnostics import Report

    def source(source_id: str) -> SimpleNamespace:
        return SimpleNamespace(id=source_id, path=tmp_path / f"{source_id}.yaml")

    report, seen = Report(), {}
    persian = source("نامه\u200cها")
    assert store._id_told_apart(persian, seen, persian.path, report) and not report.items
    seen[store._id_key(persian.id)] = persian
    twin = source("نامهها")
    assert not store._id_told_apart(twin, seen, twin.path, report)
    assert [item.code for item in report.items] == ["E545"]


# ------------------------------------------------------------------ documents that begin as text

@pytest.mark.parametrize("data, kind", [(b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n%%EOF\n", "a PDF"),
                                        (b"{\\rtf1\\ansi Words of a post}", "an RTF document"),
                                        (b"bplist00\xd1\x01\x02", "an Apple property list")])
def test_a_document_is_no_capture(minimal, cli, tmp_path, data, kind):
    """A PDF of ASCII streams was imported as a post whose words were its objects."""
    capture = tmp_path / "page.html"
    capture.write_bytes(data)
    result = cli("sources", "import", str(capture), "--id", "page", "--url", "https://example.org/p", "-m", str(minimal))
    assert result.exit_code == 1 and f"the file is {kind}" in result.stderr and "error[S20" in result.stderr, result.stderr
    assert not (minimal / "sources" / "page.yaml").exists()


# ------------------------------------------------------------------ one message at many places

def test_one_message_at_many_places_is_shown_five_times_then_counted(minimal, cli):
    _replace(minimal / "chapters" / "02-second.md", "Another letter.",
             "Another letter.\n\n" + "\n\n".join("![a dot](images/none.png)" for _ in range(500)))
    result = cli("check", "-m", str(minimal))
    shown = [line for line in result.stderr.splitlines() if "error[E230]" in line]
    assert len(shown) == 5 and "… and 495 more [E230] with the same message" in result.stderr, result.stderr
    assert "500 errors" in result.stderr


# ------------------------------------------------------------------ look-alike hosts in a chapter's links

@pytest.mark.parametrize("link", ["[letter](https://\u0430\u0440\u0440\u04cf\u0435.com/)",      # all Cyrillic
                                  "<https://xn--80ak6aa92e.com/>", "[letter](https://p\u0430ypal.com/x)"])
def test_a_link_to_a_look_alike_host_is_e223(minimal, cli, link):
    """A source's url was judged for look-alike hosts (S310); a chapter's link to the same was printed."""
    _replace(minimal / "chapters" / "02-second.md", "Another letter.", f"Another {link}.")
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 1 and "error[E223]" in result.stderr and "look like Latin" in result.stderr, \
        result.stderr


@pytest.mark.parametrize("tag", ['<a href="https://\u0430\u0440\u0440\u04cf\u0435.com/">letter</a>',
                                 '<q cite="https://p&#x430;ypal.com/x">letter</q>'])
def test_a_raw_html_link_to_a_look_alike_host_is_e221(minimal, cli, tag):
    """Review: raw HTML's ``href`` (and ``cite``, entities read) was not judged as a Markdown link's is."""
    _replace(minimal / "chapters" / "02-second.md", "Another letter.", f"Another {tag}.")
    result = cli("check", "-m", str(minimal))
    [line] = [line for line in result.stderr.splitlines() if "error[E221]" in line]
    assert result.exit_code == 1 and "look like Latin" in line and "02-second.md:" in line, result.stderr


def test_a_link_to_a_name_in_its_own_alphabet_passes(minimal, cli):
    _replace(minimal / "chapters" / "02-second.md", "Another letter.",
             "Another [letter](https://\u043c\u043e\u0441\u043a\u0432\u0430.com/) and [one](https://example.org/).")
    result = cli("check", "-m", str(minimal))
    assert "E223" not in result.stderr, result.stderr


# ------------------------------------------------------------------ what a terminal is shown

def test_a_file_name_with_an_invisible_character_is_shown_with_it_written_out():
    """Review: ``caf\u200be.md`` was printed as ``cafe.md``, the name of another file; a message holding a bidi
    override reordered the line on a terminal (Trojan Source)."""
    from book.support.diagnostics import Diagnostic, Severity

    shown = Diagnostic("E100", Severity.ERROR, "the words \u202eevil", Path("caf\u200be.md"), 3, 4).format()
    assert shown == "caf\\u200be.md:3:4: error[E100]: the words \\u202eevil"
    persian = Diagnostic("E100", Severity.ERROR, "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", None).format()
    assert "\u200c" in persian                          # a joiner in a message spells a word: left as it is


# ------------------------------------------------------------------ scratch folders of a run killed outright

_SCRATCHER = """
import os, signal, sys
from book.support.files import scratch
with scratch("book-pandoc-") as folder:
    print(folder, flush=True)
    open(os.path.join(folder, "d000001.md"), "w").write("words")
    os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_run_killed_outright_leaves_its_scratch_folders_to_the_next_run(tmp_path, monkeypatch):
    """A SIGKILL left pandoc's folder in TMPDIR for good; the next run's first scratch folder sweeps the folders
    no living run holds, and no other."""
    import time

    from book.support import files

    env = {**os.environ, "TMPDIR": str(tmp_path), "PYTHONPATH": str(Path(files.__file__).parents[2])}
    done = subprocess.run([sys.executable, "-c", _SCRATCHER], capture_output=True, text=True, env=env)
    dead = Path(done.stdout.strip())
    assert done.returncode == -signal.SIGKILL and dead.is_dir() and Path(f"{dead}.lock").is_file()
    stranger = tmp_path / "book-pdf-notours"           # a folder without a lock: not a scratch folder of ours
    stranger.mkdir()
    old = time.time() - 2 * files.SCRATCH_STALE
    os.utime(f"{dead}.lock", (old, old))
    monkeypatch.setattr(files.tempfile, "tempdir", str(tmp_path))
    files._sweep_once.cache_clear()
    with files.scratch("book-pandoc-") as living:
        assert not dead.exists() and not Path(f"{dead}.lock").exists()
        assert stranger.is_dir() and Path(living).is_dir()
        os.utime(f"{living}.lock", (old, old))
        files._sweep(tmp_path)                          # another run's sweep leaves a living run's folder alone
        assert Path(living).is_dir()
    assert not Path(living).exists() and not Path(f"{living}.lock").exists()
    files._sweep_once.cache_clear()
