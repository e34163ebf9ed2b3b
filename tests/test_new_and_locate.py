"""``book new`` and finding the manuscript from anywhere inside a book.

The starter must build and pass ``book check`` as written; every command finds the
manuscript from the current folder, from ``manuscript/`` and from the folders above; a
wrong ``-m`` is a usage error with a did-you-mean; nothing is created outside the book.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import pytest

from book.manuscript import starter
from book.manuscript.locate import ManuscriptNotFound, beside, find_manuscript

from conftest import FIXTURES


def files_under(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


# ------------------------------------------------------------------ book new

def test_new_writes_a_book_that_checks_and_builds(cli, tmp_path, monkeypatch):
    target = tmp_path / "my-book"
    result = cli("new", str(target), "--title", "Letters & Replies")
    assert result.exit_code == 0, result.stderr
    assert files_under(target) == {".gitignore", "manuscript/book.yaml", "manuscript/chapters/01-first-chapter.md",
                                   "manuscript/sources/README.md"}
    assert "build/" in (target / ".gitignore").read_text().splitlines()
    config = (target / "manuscript" / "book.yaml").read_text()
    assert re.search(r"^identifier: urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}\b",
                     config, re.M)
    assert f"date: {dt.date.today().isoformat()}" in config
    assert 'title: "Letters & Replies"' in config
    # It checks clean, strict, from a subfolder, and builds into build/ beside the manuscript.
    monkeypatch.chdir(target / "manuscript" / "chapters")
    checked = cli("check", "--strict")
    assert checked.exit_code == 0 and "0 errors, 0 warnings" in checked.stderr, checked.stderr
    built = cli("build", "epub", "-q")
    assert built.exit_code == 0, built.stderr
    epub = target / "build" / "letters-replies.epub"
    assert built.stdout.strip() == str(epub)
    with zipfile.ZipFile(epub) as archive:
        assert any("The First Chapter" in archive.read(n).decode() for n in archive.namelist() if n.endswith(".xhtml"))
    assert files_under(target / "manuscript" / "chapters") == {"01-first-chapter.md"}


def test_an_accented_title_names_the_files_with_its_letters_folded(cli, tmp_path, monkeypatch):
    assert cli("new", str(tmp_path / "b"), "--title", "Ænigma: Søren’s Éléments, 2ᵉ édition", "-q").exit_code == 0
    monkeypatch.chdir(tmp_path / "b")
    result = cli("build", "epub", "-q")
    assert result.exit_code == 0, result.stderr
    assert [p.name for p in (tmp_path / "b" / "build").glob("*.epub")] == ["aenigma-soren-s-elements-2e-edition.epub"]


def test_a_title_with_no_latin_letters_names_the_files_book():
    from book.support.text import file_slug

    assert file_slug("心理治疗", "book") == "book"
    assert file_slug("Safe Enough to Need", "book") == "safe-enough-to-need"
    assert file_slug("Love—Loss", "book") == "love-loss"        # a dash between words still parts them


def test_two_new_books_get_different_identifiers(cli, tmp_path):
    for name in ("a", "b"):
        assert cli("new", str(tmp_path / name), "-q").exit_code == 0
    ids = {re.search(r"^identifier: (\S+)", (tmp_path / n / "manuscript" / "book.yaml").read_text(), re.M)[1]
           for n in ("a", "b")}
    assert len(ids) == 2


def test_new_sample_copies_the_sample_reader(cli, tmp_path):
    result = cli("new", str(tmp_path / "reader"), "--sample", "-q")
    assert result.exit_code == 0, result.stderr
    copied = files_under(tmp_path / "reader" / "manuscript")
    assert copied == files_under(starter.SAMPLE) and "chapters/01-the-love-that-heals.md" in copied
    assert cli("check", "-q", "-m", str(tmp_path / "reader" / "manuscript")).exit_code == 0


def test_new_where_nothing_can_be_written_is_an_error_naming_the_place(cli, tmp_path):
    if not Path("/proc/self").exists():
        pytest.skip("needs Linux's /proc, where no folder can be made")
    result = cli("new", "/proc/no-book-here")
    assert result.exit_code == 1 and "error[E805]" in result.stderr and "/proc/no-book-here" in result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr


@pytest.mark.parametrize("existed", [False, True])
def test_new_that_fails_half_way_leaves_nothing(cli, tmp_path, monkeypatch, existed):
    """A full disk after some files: what was written is removed again (an empty folder stays empty)."""
    target = tmp_path / "a" / "book"
    if existed:
        target.mkdir(parents=True)
    real = Path.write_bytes
    written: list[Path] = []

    def full_disk(self, data):
        if len(written) == 2:
            raise OSError(28, "No space left on device", str(self))
        written.append(self)
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", full_disk)
    result = cli("new", str(target))
    assert result.exit_code == 1 and "error[E805]" in result.stderr and "No space left" in result.stderr
    assert len(written) == 2
    if existed:
        assert list(target.iterdir()) == []
    else:
        assert list(tmp_path.iterdir()) == []               # a/ was made by book new: gone again


@pytest.mark.parametrize("kind", ["non-empty folder", "file"])
def test_new_refuses_a_folder_that_is_not_empty(cli, tmp_path, kind):
    target = tmp_path / "taken"
    if kind == "file":
        target.write_text("notes")
    else:
        target.mkdir()
        (target / "notes.txt").write_text("mine")
    before = files_under(tmp_path)
    result = cli("new", str(target))
    assert result.exit_code == 1
    assert "error[E801]" in result.stderr and "taken" in result.stderr and "Traceback" not in result.stderr
    assert files_under(tmp_path) == before


def test_new_sample_says_when_the_sample_is_missing(cli, tmp_path, monkeypatch):
    monkeypatch.setattr(starter, "SAMPLE", tmp_path / "gone")
    result = cli("new", str(tmp_path / "reader"), "--sample")
    assert result.exit_code == 1 and "error[E802]" in result.stderr and "reinstall" in result.stderr


# ------------------------------------------------------------------ finding the manuscript

@pytest.fixture
def project(tmp_path: Path) -> Path:
    """tmp/project/manuscript/ holding the minimal fixture book."""
    import shutil

    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", root / "manuscript")
    return root


@pytest.mark.parametrize("where", ["project", "project/manuscript", "project/manuscript/chapters"])
def test_the_manuscript_is_found_from_inside_the_book(project, where):
    start = project.parent / where
    found = find_manuscript(None, start)
    assert (start / found).resolve() == (project / "manuscript").resolve()


def test_m_accepts_the_folder_or_its_book_yaml(project):
    assert find_manuscript(Path("manuscript/book.yaml"), project) == Path("manuscript")
    assert find_manuscript(Path("manuscript"), project) == Path("manuscript")


def test_a_wrong_m_suggests_the_manuscript(project):
    with pytest.raises(ManuscriptNotFound, match="did you mean manuscript"):
        find_manuscript(Path("manuscrpt"), project)
    with pytest.raises(ManuscriptNotFound, match="did you mean manuscript"):
        find_manuscript(Path("."), project)   # the folder above the manuscript
    with pytest.raises(ManuscriptNotFound, match="did you mean manuscript[?]"):
        find_manuscript(Path("manuscript/chapters"), project)   # a folder inside the book


def test_a_misspelt_book_yaml_or_project_gets_a_did_you_mean(project):
    with pytest.raises(ManuscriptNotFound, match="did you mean manuscript/book.yaml[?]"):
        find_manuscript(Path("manuscript/bok.yaml"), project)
    with pytest.raises(ManuscriptNotFound, match="did you mean manuscript/book.yaml[?]"):
        find_manuscript(Path("manuscript/book.yml"), project)
    with pytest.raises(ManuscriptNotFound, match="did you mean project/manuscript[?]"):
        find_manuscript(Path("projet"), project.parent)      # a project folder holding manuscript/


def test_outputs_go_beside_the_manuscript(project, monkeypatch):
    monkeypatch.chdir(project / "manuscript" / "chapters")
    assert beside(Path(".."), "build") == project / "build"
    monkeypatch.chdir(project)
    assert beside(Path("manuscript"), "dist") == Path("dist")


def test_a_book_yaml_at_the_top_of_a_project_builds_inside_it(cli, tmp_path, monkeypatch):
    import shutil

    root = tmp_path / "notes"
    shutil.copytree(FIXTURES / "minimal", root)
    monkeypatch.chdir(root / "chapters")
    assert beside(Path(".."), "build") == root / "build"
    result = cli("build", "epub", "-q")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == str(root / "build" / "a-small-test-book.epub")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes"]      # nothing beside the book


def test_check_from_a_subfolder_and_with_book_yaml(cli, project, monkeypatch):
    monkeypatch.chdir(project / "manuscript" / "chapters")
    assert cli("check", "-q").exit_code == 0
    monkeypatch.chdir(project)
    assert cli("check", "-q", "-m", "manuscript/book.yaml").exit_code == 0


def test_a_wrong_m_is_a_usage_error_with_a_did_you_mean(cli, project, monkeypatch):
    monkeypatch.chdir(project)
    result = cli("check", "-m", "manuscrpt")
    assert result.exit_code == 2 and "did you mean manuscript?" in result.stderr
    result = cli("sources", "list", "-m", "manuscrpt")
    assert result.exit_code == 2 and "did you mean manuscript?" in result.stderr


def test_no_book_anywhere_is_a_usage_error(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for args in (("check",), ("build",), ("sources", "list"), ("sources", "import", str(FIXTURES / "sources" / "wix.html"))):
        result = cli(*args)
        assert result.exit_code == 2 and "book new" in result.stderr, args
    assert list(tmp_path.iterdir()) == []


def test_sources_import_inside_chapters_writes_into_the_book(cli, project, monkeypatch):
    chapters = project / "manuscript" / "chapters"
    before = files_under(chapters)
    monkeypatch.chdir(chapters)
    result = cli("sources", "import", str(FIXTURES / "sources" / "wix.html"), "-q")
    assert result.exit_code == 0, result.stderr
    assert files_under(chapters) == before                     # no stray manuscript/sources/ here
    assert any(project.joinpath("manuscript", "sources").glob("*.edits.yaml"))
    assert len(list((project / "manuscript" / "sources").glob("*.yaml"))) > 2


def test_build_from_a_subfolder_writes_beside_the_manuscript(cli, project, monkeypatch):
    monkeypatch.chdir(project / "manuscript" / "chapters")
    result = cli("build", "epub", "-q")
    assert result.exit_code == 0, result.stderr
    assert [p.name for p in (project / "build").glob("*.epub")] == ["a-small-test-book.epub"]
    assert not (project / "manuscript" / "chapters" / "build").exists()


@pytest.mark.parametrize("args, written", [
    (("permissions", "log", "-q"), "build/a-small-test-book-permissions-log.csv"),
    (("permissions", "request", "-q"), "build/permissions/"),
    (("permissions", "status",), None),
    (("stats",), None),
])
def test_every_command_run_inside_chapters_writes_into_the_book(cli, project, monkeypatch, args, written):
    """No default output folder is relative to the current folder: none appears inside chapters/."""
    chapters = project / "manuscript" / "chapters"
    before = files_under(project.parent)
    monkeypatch.chdir(chapters)
    result = cli(*args)
    assert result.exit_code == 0, result.stderr
    assert not (chapters / "build").exists()
    new = files_under(project.parent) - before
    if written is None:
        assert new == set()
    else:
        assert new and all(path.startswith(f"project/{written}") for path in new), new


def test_permissions_request_reads_the_pdf_book_build_wrote(cli, project, monkeypatch):
    """The letters give page numbers from the book's build/<title>.pdf, found from inside chapters/."""
    monkeypatch.chdir(project / "manuscript" / "chapters")
    assert cli("build", "pdf", "-q").exit_code == 0
    result = cli("permissions", "request", "--out-dir", str(project / "letters"), "-q")
    assert result.exit_code == 0, result.stderr
    from docx import Document

    letter = next((project / "letters").glob("*.docx"))
    text = "\n".join(p.text for p in Document(str(letter)).paragraphs)
    assert re.search(r"page \d+", text), text[:600]


def test_the_walk_through_new_import_quote_check(cli, tmp_path, monkeypatch):
    """README's "Start your own book": new, import a page, quote it, check, build."""
    import json

    assert cli("new", str(tmp_path / "mine"), "-q").exit_code == 0
    monkeypatch.chdir(tmp_path / "mine")
    imported = cli("sources", "import", str(FIXTURES / "sources" / "wordpress.html"), "-q")
    assert imported.exit_code == 0, imported.stderr
    source = json.loads(cli("sources", "show", "learning-ask-help", "--json").stdout)
    words = source["units"][0]["text"].split()[:12]
    chapter = tmp_path / "mine" / "manuscript" / "chapters" / "01-first-chapter.md"
    chapter.write_text("---\ntitle: Asking\n---\n\n::: voices\nA reader asks.\n\n"
                       '::: {.excerpt source="learning-ask-help" unit="post"}\n' + " ".join(words) + " …\n:::\n:::\n\n"
                       "::: commentary\nOur commentary.\n:::\n")
    checked = cli("check")
    assert checked.exit_code == 0 and "0 errors" in checked.stderr, checked.stderr
    assert cli("build", "epub", "-q").exit_code == 0
    chapter.write_text(chapter.read_text().replace(words[3], "WRONG"))
    assert cli("check").exit_code == 1
