"""All outputs of one run are written together or not at all: an interrupt while typesetting leaves
the previous files byte-identical and no temporary file behind (``book build all`` and ``book release``)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import book.pdf.document
from book.cli import main


def _interrupt(*_args, **_kwargs):
    raise KeyboardInterrupt


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and ".cache" not in p.parts}


def _temporary_files(*folders: Path) -> list[Path]:
    return [p for folder in folders for p in folder.rglob("*") if p.name.endswith(".tmp") or p.name.startswith(
        ("book-release-", "book-"))]


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    """Route tempfile's folder to one the test can inspect for leftovers."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", None)
    yield folder
    tempfile.tempdir = None


def test_an_interrupted_build_all_leaves_the_previous_book(minimal, cli, tmp_path, monkeypatch, private_tmp):
    out = tmp_path / "out"
    first = cli("build", "all", "-q", "-m", str(minimal), "--out-dir", str(out))
    assert first.exit_code == 0, first.stderr
    before = _snapshot(out)
    chapter = minimal / "chapters" / "01-first.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("Our own commentary.", "Our own commentary. More."),
                       encoding="utf-8")
    monkeypatch.setattr(book.pdf.document, "compile_typst", _interrupt)
    second = cli("build", "all", "-m", str(minimal), "--out-dir", str(out))
    assert second.exit_code == 130 and "interrupted" in second.stderr
    assert _snapshot(out) == before            # the EPUB was made, but not written without its PDF
    assert _temporary_files(out, private_tmp) == []


def test_an_interrupted_release_leaves_the_previous_release(minimal, tmp_path, monkeypatch, private_tmp):
    out = tmp_path / "dist"
    out.mkdir()
    # an earlier release (its files as SHA256SUMS lists them): nothing of it may change
    (out / "a-small-test-book-0.9.0.epub").write_bytes(b"the earlier EPUB")
    (out / "a-small-test-book-0.9.0.pdf").write_bytes(b"the earlier PDF")
    (out / "SHA256SUMS").write_text("0" * 64 + "  a-small-test-book-0.9.0.epub\n" + "1" * 64
                                    + "  a-small-test-book-0.9.0.pdf\n", encoding="utf-8")
    before = _snapshot(out)
    monkeypatch.setattr(book.pdf.document, "compile_typst", _interrupt)
    result = CliRunner().invoke(main, ["release", "-q", "-m", str(minimal), "--out-dir", str(out)],
                                env={"SOURCE_DATE_EPOCH": "1767225600", "GITHUB_REF_TYPE": None})
    assert result.exit_code == 130, result.stderr
    assert _snapshot(out) == before
    assert _temporary_files(out, private_tmp) == []


def test_a_release_replaces_the_earlier_one_in_one_step(monkeypatch, tmp_path):
    """The new files are all written before any is renamed; the earlier release's other names go after."""
    from book.release import publish

    out = tmp_path / "dist"
    out.mkdir()
    old = out / "book-0.9.0.epub"
    old.write_bytes(b"old")
    renamed: list[str] = []
    real = publish.write_all_atomically

    def spy(files, removing=(), after_rename=None):
        assert all(not path.exists() for path in files if path.name != "SHA256SUMS")
        assert list(removing) == [old]                              # removed with the renames, journaled
        renamed.extend(path.name for path in files)
        real(files, removing, after_rename)

    monkeypatch.setattr(publish, "write_all_atomically", spy)
    written = publish.install(out, {"SHA256SUMS": b"sums", "book-1.0.0.epub": b"new"}, [old])
    assert renamed == ["book-1.0.0.epub", "SHA256SUMS"]            # SHA256SUMS last
    assert [p.name for p in written] == renamed and not old.exists()


@pytest.mark.parametrize("where", ["a file in the way", "no such folder"])
def test_an_output_that_cannot_be_written_is_e509_and_leaves_nothing(minimal, cli, tmp_path, where):
    blocker = tmp_path / "blocker"
    blocker.write_bytes(b"not a folder")
    target = blocker / "book.epub" if where == "a file in the way" else Path("/proc/no-such/book.epub")
    result = cli("build", "epub", "-m", str(minimal), "-o", str(target))
    assert result.exit_code == 1 and "internal error" not in result.stderr
    [line] = [line for line in result.stderr.splitlines() if "error[E509]" in line]
    assert "book.epub" in line and ".tmp" not in line
    assert blocker.read_bytes() == b"not a folder" and _temporary_files(tmp_path) == []


def test_an_interrupted_proof_leaves_the_previous_pages(minimal, cli, tmp_path, monkeypatch):
    import book.pdf.proof

    out = tmp_path / "proof"
    first = cli("proof", "-q", "-m", str(minimal), "--out-dir", str(out), "--pages", "1-3", "--ppi", "40")
    assert first.exit_code == 0, first.stderr
    before = _snapshot(out)
    assert any(name.startswith("spread-") for name in before)
    monkeypatch.setattr(book.pdf.proof, "_spread", _interrupt)      # after the pages, while the spreads are set
    second = cli("proof", "-q", "-m", str(minimal), "--out-dir", str(out), "--pages", "2-5", "--ppi", "40")
    assert second.exit_code == 130
    assert _snapshot(out) == before and _temporary_files(out) == []
