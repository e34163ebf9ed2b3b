"""Only regular files inside the manuscript are read: pipes, devices, links out and loops are refused.

Each case is run through the CLI as a user would: a one-line error naming the path
(E120), exit 1, no traceback, no hang, and any earlier output left byte-identical.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from book.support.files import input_problem, read_input, walk_inputs, InputRefused


def _assert_refused(result, *words: str) -> None:
    assert result.exit_code == 1, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if "error[E120]" in line]
    assert lines, result.stderr
    assert all(word in lines[0] for word in words), lines


@pytest.fixture
def built(minimal, cli, tmp_path):
    """A first, good build of the EPUB: its bytes must survive every failed build after it."""
    out = tmp_path / "out"
    result = cli("build", "epub", "-m", str(minimal), "--out-dir", str(out))
    assert result.exit_code == 0, result.stderr
    path = Path(result.stdout.strip())
    return out, path, path.read_bytes()


def _build(cli, minimal, out, *more):
    return cli("build", "epub", "-m", str(minimal), "--out-dir", str(out), *more)


def test_a_fifo_as_book_yaml_is_refused_without_hanging(minimal, cli, built):
    out, path, before = built
    (minimal / "book.yaml").unlink()
    os.mkfifo(minimal / "book.yaml")
    for args in (("check", "-m", str(minimal)), ("build", "epub", "-m", str(minimal), "--out-dir", str(out))):
        result = cli(*args)
        _assert_refused(result, "book.yaml", "named pipe")
    assert path.read_bytes() == before


def test_a_fifo_listed_as_a_chapter_is_refused_at_its_line(minimal, cli, built):
    out, path, before = built
    chapter = minimal / "chapters" / "02-second.md"
    chapter.unlink()
    os.mkfifo(chapter)
    result = _build(cli, minimal, out)
    _assert_refused(result, "book.yaml:27:5:", "02-second.md", "named pipe")
    assert path.read_bytes() == before


def test_a_chapter_linked_to_dev_zero_is_refused(minimal, cli, built):
    out, path, before = built
    chapter = minimal / "chapters" / "02-second.md"
    chapter.unlink()
    chapter.symlink_to("/dev/zero")
    result = _build(cli, minimal, out)
    _assert_refused(result, "02-second.md", "outside the manuscript folder")
    assert path.read_bytes() == before


def test_a_device_inside_the_folder_is_refused(tmp_path):
    """A device node cannot be made without root, so the unit test uses /dev itself as the folder."""
    assert "character device" in input_problem(Path("/dev/zero"), Path("/dev"))
    with pytest.raises(InputRefused, match="character device"):
        read_input(Path("/dev/null"), Path("/dev"))


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_symlink_loop_is_an_error_never_an_internal_error(minimal, cli, tmp_path, command):
    chapter = minimal / "chapters" / "02-second.md"
    chapter.unlink()
    chapter.symlink_to(chapter.name)        # the link points at itself
    args = ("build", "all", "--out-dir", str(tmp_path / "out")) if command == "build" else ("check",)
    result = cli(args[0], *args[1:], "-m", str(minimal))
    _assert_refused(result, "02-second.md", "loops")


def test_a_loop_through_two_links_and_in_styles_is_refused(minimal, cli, tmp_path):
    (minimal / "styles").mkdir()
    (minimal / "styles" / "a.css").symlink_to("b.css")
    (minimal / "styles" / "b.css").symlink_to("a.css")
    (minimal / "styles" / "again").symlink_to(".")     # a folder link back: walked once, not a loop
    result = cli("check", "-m", str(minimal))
    _assert_refused(result, "a.css", "loops")
    assert sum("error[E120]" in line for line in result.stderr.splitlines()) == 2


def test_a_chapter_linked_out_of_the_manuscript_is_refused(minimal, cli, tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text("---\ntitle: Private\n---\n\n::: letter\nx\n:::\n\n::: reply\ny\n:::\n", encoding="utf-8")
    chapter = minimal / "chapters" / "02-second.md"
    chapter.unlink()
    chapter.symlink_to(secret)
    result = cli("check", "-m", str(minimal))
    _assert_refused(result, "02-second.md", "outside the manuscript folder")


def test_a_link_inside_the_manuscript_is_read(minimal, cli, tmp_path):
    chapter = minimal / "chapters" / "02-second.md"
    real = minimal / "drafts" / "second.md"
    real.parent.mkdir()
    chapter.rename(real)
    chapter.symlink_to(Path("..") / "drafts" / "second.md")
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 0, result.stderr


def test_stray_special_files_the_book_does_not_list_are_not_read(minimal, cli, built):
    """The cache key hashes the files the build reads: a FIFO or a link to /dev/zero beside them is ignored."""
    out, path, before = built
    os.mkfifo(minimal / "notes.fifo")
    os.mkfifo(minimal / "chapters" / "99-unlisted.md")
    (minimal / "zero.md").symlink_to("/dev/zero")
    result = _build(cli, minimal, out)
    assert result.exit_code == 0, result.stderr
    assert "reusing the cached EPUB" in result.stderr
    assert path.read_bytes() == before


def test_a_fifo_in_sources_or_styles_is_refused(minimal, cli):
    os.mkfifo(minimal / "sources" / "stray.yaml")
    (minimal / "styles" / "fonts").mkdir(parents=True)
    os.mkfifo(minimal / "styles" / "fonts" / "font.otf")
    result = cli("check", "-m", str(minimal))
    _assert_refused(result)
    refused = [line for line in result.stderr.splitlines() if "error[E120]" in line]
    assert any("stray.yaml" in line for line in refused) and any("font.otf" in line for line in refused)


def test_the_walk_refuses_special_files_and_survives_loops(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.md").write_text("x", encoding="utf-8")
    (tmp_path / "a" / "up").symlink_to("..")
    (tmp_path / "loop").symlink_to("loop")
    (tmp_path / "out").symlink_to("/etc")
    os.mkfifo(tmp_path / "pipe")
    files, refused = walk_inputs(tmp_path)
    assert files == [tmp_path / "a" / "x.md"]
    reasons = {path.name: why for path, why in refused}
    assert set(reasons) == {"loop", "out", "pipe"}
    assert "loops" in reasons["loop"] and "outside" in reasons["out"] and "named pipe" in reasons["pipe"]


def test_a_file_the_system_cannot_read_is_e105(minimal, cli, monkeypatch):
    """Root reads any file, so the refusal of the system (EACCES, EIO) is simulated at os.open."""
    real = os.open
    chapter = minimal / "chapters" / "02-second.md"

    def refuse(path, *args, **kwargs):
        if Path(path) == chapter:
            raise PermissionError(13, "Permission denied")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert "02-second.md: error[E105]: cannot be read: Permission denied" in result.stderr


def test_importing_a_fifo_is_refused_without_hanging(minimal, cli, tmp_path):
    capture = tmp_path / "capture.html"
    os.mkfifo(capture)
    result = cli("sources", "import", str(capture), "-m", str(minimal))
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert "error[S207]" in result.stderr and "not a regular file" in result.stderr


@pytest.mark.parametrize("folder", ["sources", "styles"])
def test_a_folder_linked_out_of_the_manuscript_is_refused(minimal, cli, tmp_path, folder):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    if folder == "sources":
        os.rename(minimal / "sources", elsewhere / "sources")
        (minimal / "sources").symlink_to(elsewhere / "sources")
    else:
        (elsewhere / "styles").mkdir()
        (minimal / "styles").symlink_to(elsewhere / "styles")
    result = cli("check", "-m", str(minimal))
    _assert_refused(result, folder, "outside the manuscript folder")


def test_the_short_way_to_inside_agrees_with_following_every_link(tmp_path, monkeypatch):
    """``input_problem`` skips ``realpath`` for a path plainly below the folder (no link, no ``..``
    under it); every path here, plain, through links in and out, with ``..`` and ``.``, through a
    linked manuscript folder, gets the answer that following every link gives."""
    import book.support.files as files

    outside = tmp_path / "outside"
    (outside / "deep").mkdir(parents=True)
    (outside / "secret.md").write_text("x", encoding="utf-8")
    (outside / "deep" / "secret.md").write_text("x", encoding="utf-8")
    book = tmp_path / "real-book"
    (book / "chapters" / "sub").mkdir(parents=True)
    (book / "chapters" / "a.md").write_text("x", encoding="utf-8")
    (book / "chapters" / "sub" / "b.md").write_text("x", encoding="utf-8")
    (book / "out").symlink_to(outside)                       # a folder link leaving the book
    (book / "in").symlink_to(book / "chapters")              # a folder link staying inside
    (book / "chapters" / "link.md").symlink_to(outside / "secret.md")
    (book / "chapters" / "back.md").symlink_to(book / "chapters" / "a.md")
    linked = tmp_path / "linked-book"
    linked.symlink_to(book)
    cases = []
    for root in (book, linked):
        for rel in ("chapters/a.md", "chapters/sub/b.md", "out/secret.md", "out/deep/secret.md", "in/a.md",
                    "in/sub/b.md", "chapters/link.md", "chapters/back.md", "chapters/../chapters/a.md",
                    "chapters/./a.md", "out/../chapters/a.md", "chapters/sub/../a.md", "chapters//a.md",
                    "chapters/sub/../../../outside/secret.md",
                    "chapters/missing.md", "chapters"):
            cases.append((Path(f"{root}/{rel}"), root))
        cases.append((outside / "secret.md", root))
    fast = [input_problem(path, root) for path, root in cases]
    monkeypatch.setattr(files, "_plainly_inside", lambda *_args: False)
    slow = [input_problem(path, root) for path, root in cases]
    assert fast == slow
    assert fast[0] is None and fast[2] is not None and "outside" in fast[2]
