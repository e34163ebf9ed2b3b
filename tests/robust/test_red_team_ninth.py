"""Kinds a ninth red-team round found: a host written wholly in another alphabet's look-alike letters, one
file name that gave two ids in its two Unicode forms, an output folder found unwritable only after minutes
of building, and outputs whose mode ignored the umask. Each is the tool's own one-line error, or a result."""

from __future__ import annotations

import errno
import os
import unicodedata
from pathlib import Path

import pytest

from book.sources import clean
from book.support import files
from book.support.text import slug

from .edits import clean_failure as _clean_failure
from .edits import replace_once as _replace


# ------------------------------------------------------------------ whole-script look-alike hosts

@pytest.mark.parametrize("url", ["https://\u0430\u0440\u0440\u04cf\u0435.com/",       # "apple", all Cyrillic
                                 "https://xn--80ak6aa92e.com/",                        # the same, as punycode
                                 "https://www.\u0455\u0441\u043e\u0440\u0435.org/a"])  # "scope"
def test_a_host_wholly_in_letters_that_look_latin_is_no_source_url(url):
    assert "written wholly in letters of another alphabet that look like Latin" in (clean.url_problem(url) or "")


@pytest.mark.parametrize("url", ["https://\u0441\u043e\u0441.\u0440\u0444/",               # its own top-level domain
                                 "https://\u043c\u043e\u0441\u043a\u0432\u0430.com/",      # letters no Latin one mimics
                                 "https://\u044f\u043d\u0434\u0435\u043a\u0441.ru/",
                                 "https://\u03b5\u03bb\u03bb\u03ac\u03b4\u03b1.com/", "https://example.com/"])
def test_a_name_in_its_own_alphabet_stays_a_source_url(url):
    assert clean.url_problem(url) is None


def test_a_whole_script_look_alike_url_in_a_source_is_dropped_at_its_line(minimal, cli):
    _replace(minimal / "sources" / "garden-letters.yaml", "url: https://example.org/garden-letters",
             "url: https://\u0430\u0440\u0440\u04cf\u0435.com/garden-letters")
    result = cli("check", "-m", str(minimal))
    assert "garden-letters.yaml:" in result.stderr and "[S310]" in result.stderr, result.stderr


# ------------------------------------------------------------------ one name, one id, in either Unicode form

def test_a_name_gives_one_id_in_either_unicode_form():
    nfc, nfd = (unicodedata.normalize(form, "01-caf\u00e9") for form in ("NFC", "NFD"))
    assert nfc != nfd and slug(nfc, "ch") == slug(nfd, "ch") == "ch01-cafe"
    assert slug("\u00c9l\u00e9ments") == "elements" and slug("S\u00f8ren") == "soren" and slug("\u6f22") == "x"


def test_two_chapters_named_alike_in_two_unicode_forms_are_refused(minimal, cli):
    """Linux keeps both names; they were told apart as ``caf`` and ``cafe`` (the composed accent dropped)."""
    chapters = minimal / "chapters"
    for form in ("NFC", "NFD"):
        name = unicodedata.normalize(form, "caf\u00e9.md")
        (chapters / name).write_text((chapters / "02-second.md").read_text(encoding="utf-8"), encoding="utf-8")
    _replace(minimal / "book.yaml", "  - chapters/02-second.md",
             "  - chapters/02-second.md\n  - chapters/" + unicodedata.normalize("NFC", "caf\u00e9.md")
             + "\n  - chapters/" + unicodedata.normalize("NFD", "caf\u00e9.md"))
    _clean_failure(cli("check", "-m", str(minimal)), "error[E214]", "clashes with", "in another Unicode form")


# ------------------------------------------------------------------ an unwritable output folder, found first

def _read_only(monkeypatch, below: Path):
    """Every folder below ``below`` as on a read-only mount (the tests run as root, where no mode stops a write)."""
    def refuse(folder, prefix):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(folder))
    access = os.access
    monkeypatch.setattr(files, "new_temporary", refuse)
    monkeypatch.setattr(files.os, "access", lambda path, mode, **kw: access(path, mode, **kw) and not (
        mode & os.W_OK and Path(path).is_relative_to(below)))
    monkeypatch.setattr(files, "_read_only", lambda folder: True)


def test_a_release_into_a_folder_it_cannot_write_stops_before_building(minimal, cli, tmp_path, monkeypatch):
    """It was found after the check, both builds and the validators: 67 s here, on a read-only mount."""
    from book import pipeline
    from book.release import publish

    out = tmp_path / "dist"
    out.mkdir()
    monkeypatch.setattr(publish, "epubcheck_command", lambda: ["epubcheck"])
    monkeypatch.setattr(publish, "require_pikepdf", lambda: None)
    monkeypatch.setattr(pipeline, "check", lambda *_a, **_k: pytest.fail("checked before the folder was"))
    _read_only(monkeypatch, out)
    _clean_failure(cli("release", "-m", str(minimal), "--out-dir", str(out)), "error[E509]", "Read-only file system")
    assert not any(out.iterdir())


@pytest.mark.parametrize("made", [True, False])
def test_a_build_into_a_folder_it_cannot_write_stops_before_building(minimal, cli, tmp_path, monkeypatch, made):
    from book import pipeline

    out = tmp_path / "out"
    if made:
        out.mkdir()
    monkeypatch.setattr(pipeline, "check", lambda *_a, **_k: pytest.fail("checked before the folder was"))
    _read_only(monkeypatch, tmp_path)
    _clean_failure(cli("build", "epub", "-m", str(minimal), "--out-dir", str(out)), "error[E509]",
                   "Read-only file system")


def test_a_writable_folder_leaves_no_probe(tmp_path):
    assert files.writable_problem(tmp_path) is None and files.writable_problem(tmp_path / "a" / "b") is None
    assert not any(tmp_path.iterdir())


# ------------------------------------------------------------------ the umask

@pytest.mark.parametrize("umask, mode", [(0o077, 0o600), (0o022, 0o644), (0o002, 0o664)])
def test_outputs_are_made_with_the_mode_the_umask_gives(tmp_path, umask, mode):
    """A chmod 644 after mkstemp gave every output to every user under a umask of 077."""
    previous = os.umask(umask)
    try:
        files.write_all_atomically({tmp_path / "a.epub": b"x", tmp_path / "sub" / "b.pdf": b"y"})
    finally:
        os.umask(previous)
    assert (tmp_path / "a.epub").stat().st_mode & 0o777 == mode
    assert (tmp_path / "sub" / "b.pdf").stat().st_mode & 0o777 == mode


# ------------------------------------------------------------------ links to no web page and no place in the book

@pytest.mark.parametrize("link", ["[a page](other.html)", "[a file](/etc/passwd 'title')",
                                  "[elsewhere](//evil.example/x)", "[a query](?a=1)",
                                  "See [here][x].\n\n[x]: //evil.example/x", "See [here][x].\n\n[x]:\n  ./x.md"])
def test_a_link_without_a_scheme_is_refused_at_its_place(minimal, cli, link):
    """The EPUB kept each as a link: to a file it does not hold, a local path, or (``//``) another host."""
    _replace(minimal / "chapters" / "01-first.md", "Our own commentary.", f"Our own commentary.\n\n{link}")
    said = _clean_failure(cli("check", "-m", str(minimal)), "error[E223]", "goes to no web page and no place")
    assert "01-first.md:" in said


@pytest.mark.parametrize("text", ["[within](#the-first-chapter)", "A note.[^n]\n\n[^n]:\n    Its text, not an address.",
                                  "[^m]: Words (not a link).\n\nA note.[^m]", "[a] (b) is no link",
                                  "![A picture](images/x.png)"])
def test_what_is_no_link_to_elsewhere_is_not_refused_as_one(minimal, cli, text):
    from book.editorial.rules import check_link_schemes
    from book.manuscript.reader import load_manuscript
    from book.support.diagnostics import Report

    _replace(minimal / "chapters" / "01-first.md", "Our own commentary.", f"Our own commentary.\n\n{text}")
    report = Report()
    check_link_schemes(load_manuscript(minimal, report), report)
    assert not [d for d in report.items if d.code == "E223"], report.items


# ------------------------------------------------------------------ a full disk

def _full_temporary_folder(monkeypatch, tmp_path: Path) -> Path:
    """The temporary folder as a full disk: no bytes free, and every new file there refused (no space)."""
    import tempfile

    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    statvfs = os.statvfs

    class Full:
        f_bavail, f_frsize, f_flag = 0, 4096, 0

    monkeypatch.setattr(files.os, "statvfs", lambda path: Full() if Path(path) == folder else statvfs(path))
    return folder


def test_a_full_temporary_folder_is_one_located_line(minimal, cli, tmp_path, monkeypatch):
    """It was ``internal error: OSError: [Errno 28] No space left on device``, exit 70."""
    from book.render import pandoc

    folder = _full_temporary_folder(monkeypatch, tmp_path)

    def no_space(*_args, **_kw):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr(pandoc, "convert_documents", no_space)
    said = _clean_failure(cli("check", "-m", str(minimal), "--no-cache"), "error[E541]", "set TMPDIR")
    assert f"{folder}: error[E541]" in said


def test_pandoc_that_fails_in_a_full_temporary_folder_is_said_to_have_had_no_room(minimal, cli, tmp_path, monkeypatch):
    """pandoc could not write its own message there: the build said ``pandoc failed: exit 1`` and nothing else."""
    from book.render import pandoc

    folder = _full_temporary_folder(monkeypatch, tmp_path)
    monkeypatch.setattr(pandoc, "pandoc_path", lambda: "false")
    said = _clean_failure(cli("build", "epub", "-m", str(minimal), "--no-cache", "--out-dir", str(tmp_path / "out")),
                          "error[E541]")
    assert f"{folder}: error[E541]" in said and "E502" not in said
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_full_disk_elsewhere_names_the_file():
    error = files.no_room(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "/somewhere/cache/x"))
    assert error is not None and str(error.report.items[0].path) == "/somewhere/cache/x"
    assert files.no_room(OSError(errno.EACCES, "denied")) is None


# ------------------------------------------------------------------ build times a ZIP cannot record

def test_an_input_dated_after_2107_is_named(minimal, cli, tmp_path, monkeypatch):
    """A chapter whose file time is 2446 (a wrong clock) stopped the EPUB with ``struct.error``, exit 70."""
    monkeypatch.setattr("book.support.reproducible._last_commit_time", lambda _path: None)
    chapter = minimal / "chapters" / "02-second.md"
    os.utime(chapter, (15_000_000_000, 15_000_000_000))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    result = cli("build", "epub", "-m", str(minimal), "--out-dir", str(tmp_path / "out"))
    _clean_failure(result, "02-second.md: error[E542]", "modification time is in the year 2445")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("epoch, ok", [("4354819200", False), ("4354819199", True), ("0", True), ("-86400", True)])
def test_source_date_epoch_is_held_to_what_a_zip_records(minimal, cli, tmp_path, monkeypatch, epoch, ok):
    from book.support.reproducible import ZIP_EPOCH_CEILING, build_time

    assert ZIP_EPOCH_CEILING.timestamp() < 4354819200
    if ok:
        assert build_time(minimal, {"SOURCE_DATE_EPOCH": epoch}) is not None
        return
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    _clean_failure(cli("build", "epub", "-m", str(minimal), "--out-dir", str(tmp_path / "out")),
                   "error[E503]", "up to the end of 2107")


@pytest.mark.parametrize("tag", ['<a href="other.html">other</a>', '<a href="//evil.example/x">far</a>',
                                 '<a href="/etc/passwd">a file</a>'])
def test_a_raw_html_link_without_a_scheme_is_refused_at_its_place(minimal, cli, tag):
    """nh3 keeps a relative address unless told: these reached the EPUB as links."""
    _replace(minimal / "chapters" / "01-first.md", "Our own commentary.", f"Our own commentary. {tag}")
    said = _clean_failure(cli("check", "-m", str(minimal)), "error[E221]", "or to #id within the book")
    assert "01-first.md:" in said


def test_a_raw_html_link_within_the_book_passes():
    from book.editorial.raw_html import raw_tags, tag_problem

    assert tag_problem(next(raw_tags('<a href="#the-first-chapter">'))) is None
    assert tag_problem(next(raw_tags('<a href="https://example.org/">'))) is None


def test_a_refused_link_blames_its_own_attribute_only():
    """Another attribute holding the same words (a title naming the file) is not the one refused."""
    from book.editorial.raw_html import raw_tags, tag_problem

    said = tag_problem(next(raw_tags('<a href="notes.html" title="notes.html">')))
    assert said is not None and 'href="notes.html"' in said and "title=" not in said
    assert tag_problem(next(raw_tags('<a href="#notes" title="notes.html">'))) is None


# ------------------------------------------------------------------ alias bombs, read as the graph they are

_BOMB = "\n".join(["a: &a [x, x, x, x, x, x, x, x, x, x]"] + [
    f"{name}: &{name} [{', '.join([f'*{before}'] * 10)}]" for before, name in zip("abcdefgh", "bcdefghi")])


@pytest.mark.parametrize("target, said", [("chapters/01-first.md", "01-first.md:11:1: error[E216]: unknown key 'i'"),
                                          ("sources/garden-letters.yaml", "garden-letters.yaml:"),
                                          ("sources/garden-letters.edits.yaml", "garden-letters.edits.yaml:")])
def test_an_alias_bomb_is_refused_at_once(minimal, cli, target, said):
    """A billion strings as a tree, ninety as the document: a chapter's front matter (the control-character walk)
    and a source or edits file (the round-trip wrapping) ran for hours."""
    import time

    path = minimal / target
    if target.endswith(".md"):
        _replace(path, "title: The First Chapter\n", "title: The First Chapter\n" + _BOMB + "\n")
    else:
        path.write_text(path.read_text(encoding="utf-8") + _BOMB + "\n", encoding="utf-8")
    started = time.monotonic()
    _clean_failure(cli("check", "-m", str(minimal), "--no-cache"), said)
    assert time.monotonic() - started < 30


def test_a_shared_value_is_walked_once():
    from book.support.yamlfile import escaped_control

    shared = ["x"] * 10
    for _ in range(12):                       # 10**12 strings as a tree
        shared = [shared] * 10
    assert escaped_control({"a": shared}) is None
    assert escaped_control({"a": shared, "b": ["ok", "\u202e"]}) == ("\u202e", ("b", 1))


# ------------------------------------------------------------------ processing instructions

@pytest.mark.parametrize("text", ["<?php system('id'); ?>", "<?xml version=\"1.0\"?>", "Words <?x y?> inline."])
def test_a_processing_instruction_is_refused_at_its_place(minimal, cli, text):
    """One on a line of its own hid the commentary's closing ``:::`` from pandoc: the EPUB printed ``:::`` as text,
    with only pandoc's warning that a div was never closed, exit 0."""
    _replace(minimal / "chapters" / "01-first.md", "Our own commentary.", f"Our own commentary.\n\n{text}")
    said = _clean_failure(cli("check", "-m", str(minimal)), "01-first.md:22:", "error[E221]",
                          "a processing instruction is not allowed")
    assert said.count("error[") == 1


@pytest.mark.parametrize("text", ["a <? b, with no end", "\\<?php echo ?> as text", "`<?php ?>` in code"])
def test_what_pandoc_reads_as_text_is_no_processing_instruction(text):
    from book.editorial.rules import _instructions
    from book.manuscript.scan import outside_code

    assert list(_instructions(outside_code(text))) == []
