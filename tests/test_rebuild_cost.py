"""What a one-chapter EPUB rebuild pays beyond its own work: the processes it starts, the modules it
imports, and pandoc's runtime options (docs/speed.md, "The editor's loop")."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import book
import book.render.pandoc
from book.render import cache
from book.support import tools

REPO = Path(__file__).resolve().parent.parent
SRC = Path(book.__file__).resolve().parent.parent


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    target = tmp_path / "sample"
    shutil.copytree(REPO / "manuscript", target)
    return target


@pytest.fixture
def fresh_tools():
    """The tool lookups are cached for the process: forget them so this test sees them run."""
    _next_process()
    yield
    _next_process()


def _next_process() -> None:
    """Forget what this process found of the tools, as the next run of ``book`` starts without it."""
    for cached in (tools.pandoc_path, tools.pandoc_version, cache.tool_fingerprint, cache._remembered_fingerprint):
        cached.cache_clear()


def _edit_chapter(sample: Path) -> None:
    chapter = sample / "chapters" / "03-old-maps.md"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.replace("::: commentary\n", "::: commentary\nOne sentence more.\n\n", 1), encoding="utf-8")


def test_a_one_chapter_rebuild_starts_pandoc_once_and_git_once(sample, cli, tmp_path, monkeypatch, fresh_tools):
    """One conversion and one ``git log`` (the build time): no ``pandoc --version``, since the tools'
    fingerprint is remembered in the cache while nothing of theirs changed (pypandoc's own lookup
    ran ``--version`` once per candidate, and git was asked twice)."""
    out = tmp_path / "out"
    assert cli("build", "epub", "-m", str(sample), "--out-dir", str(out)).exit_code == 0
    _edit_chapter(sample)
    _next_process()
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    started: list[list[str]] = []
    real = subprocess.Popen

    class Recording(real):
        def __init__(self, args, *rest, **kwargs):
            started.append([str(a) for a in args])
            super().__init__(args, *rest, **kwargs)

    monkeypatch.setattr(subprocess, "Popen", Recording)
    result = cli("build", "epub", "-m", str(sample), "--out-dir", str(out))
    assert result.exit_code == 0, result.stderr
    pandoc = [args for args in started if Path(args[0]).name.startswith("pandoc")]
    assert len(pandoc) == 1 and "--version" not in pandoc[0], started
    assert [args[:2] for args in started if Path(args[0]).name == "git"] == [["git", "log"]], started


@pytest.fixture
def package_tree(tmp_path, monkeypatch):
    """A stand-in for the package's own files, so that a test may change one."""
    tree = tmp_path / "package"
    (tree / "styles").mkdir(parents=True)
    (tree / "code.py").write_text("A = 1\n", encoding="utf-8")
    (tree / "styles" / "book.css").write_text("p {}\n", encoding="utf-8")
    monkeypatch.setattr(cache, "_PACKAGE_TREES", ((tree, ()),))
    _next_process()
    yield tree
    _next_process()


def _counting_fingerprint(monkeypatch) -> list[int]:
    calls: list[int] = []
    real = cache._fingerprint
    monkeypatch.setattr(cache, "_fingerprint", lambda: calls.append(1) or real())
    return calls


def test_the_tools_fingerprint_is_remembered_until_a_file_of_the_package_changes(package_tree, tmp_path,
                                                                                 monkeypatch):
    root = tmp_path / "cache"
    calls = _counting_fingerprint(monkeypatch)
    first = cache.tool_fingerprint(root)
    assert len(calls) == 1 and not root.exists()         # kept only once a build has succeeded
    cache.remember_tool_fingerprint(root)
    assert (root / "tools.json").is_file() and len(calls) == 1
    _next_process()
    assert cache.tool_fingerprint(root) == first and len(calls) == 1
    (package_tree / "styles" / "book.css").write_text("p { margin: 0 }\n", encoding="utf-8")
    _next_process()
    changed = cache.tool_fingerprint(root)
    assert len(calls) == 2 and changed != first
    cache.remember_tool_fingerprint(root)
    _next_process()
    assert cache.tool_fingerprint(root) == changed and len(calls) == 2


def test_a_distribution_installed_on_the_import_path_changes_the_tools_signature(package_tree, tmp_path,
                                                                                monkeypatch):
    site = tmp_path / "site-packages"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    before = cache.tools_signature()
    (site / "notes.txt").write_text("not a distribution", encoding="utf-8")    # the current folder's files
    assert cache.tools_signature() == before
    (site / "lxml-9.9.dist-info").mkdir()
    assert cache.tools_signature() != before


@pytest.mark.parametrize("entry", ["", "{", '{"signature": "x", "fingerprint": "y"}', "[1, 2]"])
def test_a_damaged_remembered_fingerprint_is_computed_again(package_tree, tmp_path, monkeypatch, entry):
    root = tmp_path / "cache"
    expected = cache.tool_fingerprint(None)
    _next_process()
    root.mkdir()
    (root / "tools.json").write_text(entry, encoding="utf-8")
    calls = _counting_fingerprint(monkeypatch)
    assert cache.tool_fingerprint(root) == expected and calls == [1]
    signature = '{"signature": "%s", "fingerprint": "not a digest"}' % cache.tools_signature()
    (root / "tools.json").write_text(signature, encoding="utf-8")
    _next_process()
    assert cache.tool_fingerprint(root) == expected and calls == [1, 1]


def test_the_bundled_pandoc_is_found_without_importing_pypandoc(monkeypatch, fresh_tools):
    monkeypatch.delitem(sys.modules, "pypandoc", raising=False)
    path = tools.pandoc_path()
    assert Path(path).parent.name == "files" and Path(path).parent.parent.name == "pypandoc"
    assert "pypandoc" not in sys.modules


def test_an_epub_build_imports_no_pdf_stack(sample, tmp_path):
    """A fresh process building the EPUB imports neither pikepdf, PDFium, Pillow, trafilatura,
    python-docx, pypandoc nor ftfy (only an import repairs captured text); after one chapter changed,
    not Typst either (a cold build sets the typographic cover with it, which the cache then keeps),
    nor rapidfuzz (the sample's excerpts and quotations are all found verbatim, and only a near miss
    needs it), nor langcodes (the verdict on book.yaml's language is kept in the cache), nor ruamel.yaml
    (book.yaml and every front matter are unchanged: the cache keeps what they gave), nor ebooklib (the
    package's calls are unchanged: the cache keeps the files ebooklib made of them)."""
    out = tmp_path / "out"
    script = ("import json, sys\nfrom book.cli import main\n"
              "try:\n    main(sys.argv[2:])\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
              "json.dump(sorted(sys.modules), open(sys.argv[1], 'w'))\n")
    env = {**os.environ, "PYTHONPATH": str(SRC), "SOURCE_DATE_EPOCH": "1700000000"}
    for step in ("cold", "one chapter"):
        if step == "one chapter":
            _edit_chapter(sample)
        listing = tmp_path / f"{step}.json"
        subprocess.run([sys.executable, "-c", script, str(listing), "build", "epub", "-q", "-m", str(sample),
                        "--out-dir", str(out)], env=env, check=True, capture_output=True)
        loaded = {name.split(".")[0] for name in json.loads(listing.read_text())}
        assert not loaded & {"pikepdf", "pypdfium2", "PIL", "trafilatura", "docx", "openpyxl", "pypandoc",
                             "ftfy", "wcwidth"}, step
        # rapidfuzz: only a near miss needs it
        assert step == "cold" or not loaded & {"typst", "rapidfuzz", "langcodes", "ruamel", "ebooklib"}
        assert "book.pdf.document" not in json.loads(listing.read_text()), step


def test_pandoc_runs_with_a_small_heap_unless_told_otherwise(monkeypatch, tmp_path):
    monkeypatch.delenv("GHCRTS", raising=False)
    assert book.render.pandoc.pandoc_env()["GHCRTS"] == book.render.pandoc.PANDOC_RTS
    monkeypatch.setenv("GHCRTS", "-H32m")
    assert book.render.pandoc.pandoc_env()["GHCRTS"] == "-H32m"


def test_the_heap_size_does_not_change_pandocs_output(tmp_path):
    chapter = (REPO / "manuscript" / "chapters" / "03-old-maps.md").read_text(encoding="utf-8")
    outputs = []
    for rts in (book.render.pandoc.PANDOC_RTS, "-H64m"):
        env = {**book.render.pandoc.pandoc_env(), "GHCRTS": rts}
        done = subprocess.run([tools.pandoc_path(), *book.render.pandoc.HTML_ARGS], input=chapter.encode("utf-8"),
                              env=env, capture_output=True, check=True)
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1] and len(outputs[0]) > 1000


def test_a_kept_chapter_does_not_repeat_its_files_text(sample, cli, tmp_path):
    """The file's text is in the entry's key and read on every run: the memo keeps the chapter (as
    written and as printed) without it (half of what an entry weighs), and the chapter is whole
    again when read back."""
    out = tmp_path / "out"
    assert cli("build", "epub", "-m", str(sample), "--out-dir", str(out)).exit_code == 0
    for kind in ("memo-chapter", "memo-printed-chapter"):        # as written, and as printed
        entries = list((out / ".cache" / kind).iterdir())
        assert entries
        for path in entries:
            _seal, chapter, _diagnostics = json.loads(path.read_text(encoding="utf-8"))
            assert chapter["text"] == "" and chapter["sections"], kind
    _edit_chapter(sample)
    warm = cli("build", "epub", "-m", str(sample), "--out-dir", str(out))
    cold = cli("build", "epub", "-m", str(sample), "--out-dir", str(tmp_path / "cold"), "--no-cache")
    assert warm.exit_code == cold.exit_code == 0
    assert (out / "safe-enough-to-need.epub").read_bytes() == (tmp_path / "cold" / "safe-enough-to-need.epub").read_bytes()


def test_a_source_as_printed_is_computed_not_read_back(sample, cli, tmp_path):
    """A printed source differs from the source as read only in its writers' names: the cache keeps the
    sources once, and a rebuild renames their writers again instead of reading every captured word twice."""
    out = tmp_path / "out"
    assert cli("build", "epub", "-m", str(sample), "--out-dir", str(out)).exit_code == 0
    kinds = {path.name for path in (out / ".cache").iterdir() if path.name.startswith("memo-")}
    assert "memo-sources" in kinds and "memo-printed-chapter" in kinds
    assert "memo-printed-source" not in kinds


def test_a_rebuild_reads_each_source_file_once(sample, cli, tmp_path, monkeypatch):
    """The run's key reads every file of the folder; the sources' memo key is made of those same
    digests (kept by stat), not of a second reading of every capture."""
    from collections import Counter

    from book.support import files

    out = tmp_path / "out"
    assert cli("build", "epub", "-m", str(sample), "--out-dir", str(out)).exit_code == 0
    _edit_chapter(sample)
    opened: Counter[str] = Counter()
    real = files._with_input
    monkeypatch.setattr(files, "_with_input", lambda path, root, use: opened.update([Path(path).name])
                        or real(path, root, use))
    assert cli("build", "epub", "-m", str(sample), "--out-dir", str(out)).exit_code == 0
    sources = {path.name for path in (sample / "sources").iterdir() if path.is_file()}
    assert sources and {name: opened[name] for name in sources} == {name: 1 for name in sources}


def test_a_kept_chapter_makes_one_path_per_distinct_text(sample, cli, tmp_path):
    """A chapter read back from the cache repeats its file's path in every excerpt and problem: each
    distinct text becomes one ``Path`` (pydantic's own validator parsed every occurrence), and the
    JSON written again is the same bytes."""
    from book.model import Chapter

    out = tmp_path / "out"
    assert cli("build", "epub", "-m", str(sample), "--out-dir", str(out)).exit_code == 0
    adapter = cache.MemoStore._adapter("chapter")
    entries = sorted((out / ".cache" / "memo-chapter").iterdir())
    chapters = [adapter.validate_json(path.read_bytes())[1] for path in entries]
    chapter = next(c for c in chapters if isinstance(c, Chapter) and c.excerpts)
    assert isinstance(chapter.path, Path) and all(excerpt.path is chapter.path for excerpt in chapter.excerpts)
    for path in entries:
        data = path.read_bytes()
        assert cache._seal(adapter.dump_json(("", *adapter.validate_json(data)[1:]))) == data


def test_the_verdict_on_the_books_language_is_kept_in_the_cache(sample, cli, tmp_path, monkeypatch):
    """A rebuild reads the verdict on book.yaml's ``language`` from the cache, by tag (judging it imports
    langcodes); a new tag is judged, and a wrong one refused on every run (a failed build keeps nothing)."""
    import book.manuscript.reader as reader

    out = tmp_path / "out"
    assert cli("build", "epub", "-m", str(sample), "--out-dir", str(out)).exit_code == 0
    judged: list[str] = []
    real = reader.language_problem
    monkeypatch.setattr(reader, "language_problem", lambda tag: judged.append(tag) or real(tag))
    _edit_chapter(sample)
    assert cli("build", "epub", "-m", str(sample), "--out-dir", str(out)).exit_code == 0
    assert judged == []
    config = sample / "book.yaml"
    text = config.read_text(encoding="utf-8")
    assert "language: en\n" in text
    config.write_text(text.replace("language: en\n", "language: zz\n"), encoding="utf-8")
    said = []
    for _ in range(2):
        _edit_chapter(sample)
        result = cli("build", "epub", "-m", str(sample), "--out-dir", str(out))
        assert result.exit_code != 0
        said.append(result.stderr)
    assert judged == ["zz", "zz"] and said[0] == said[1] and "'zz' is no language of the IANA registry" in said[0]


def test_the_packages_templates_are_compiled_once_and_kept_beside_its_bytecode(sample, cli, tmp_path,
                                                                              monkeypatch):
    """Jinja2 compiles each template a run uses; the package's own are kept compiled (in the package's
    ``__pycache__``, here a folder of the test's) and a later run loads them instead, writing the same
    bytes; a template of the manuscript's ``styles/`` is compiled every time, never kept."""
    import jinja2

    from book.manuscript import styles

    monkeypatch.setattr(styles, "COMPILED_TEMPLATES", tmp_path / "pycache")
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    styles._styles.cache_clear()
    own = sample / "styles" / "epub"
    own.mkdir(parents=True)
    (own / "cover.xhtml.j2").write_text((styles.PACKAGE_STYLES / "epub" / "cover.xhtml.j2").read_text(encoding="utf-8")
                                        .replace('class="cover"', 'class="cover own"', 1), encoding="utf-8")
    compiled: list[str] = []
    real = jinja2.Environment.compile
    monkeypatch.setattr(jinja2.Environment, "compile",
                        lambda self, source, name=None, filename=None, *a, **k:
                        compiled.append(name) or real(self, source, name, filename, *a, **k))
    built = []
    for run in ("first", "second"):
        styles._styles.cache_clear()                  # a new process: a new environment
        compiled.clear()
        out = tmp_path / run
        assert cli("build", "epub", "-m", str(sample), "--out-dir", str(out), "--no-cache").exit_code == 0
        built.append((out / "safe-enough-to-need.epub").read_bytes())
        if run == "first":
            assert "chapter.md.j2" in compiled and "epub/document.xhtml.j2" in compiled
            assert len(list((tmp_path / "pycache").glob("template-*.jinja"))) >= len(set(compiled)) - 1
    assert compiled == ["epub/cover.xhtml.j2"]           # the manuscript's own, compiled again
    assert built[0] == built[1]
    assert b'class="cover own"' in _member(built[1], "cover.xhtml")
    styles._styles.cache_clear()


def _member(epub: bytes, name: str) -> bytes:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(epub)) as archive:
        return archive.read(next(n for n in archive.namelist() if n.endswith(name)))


def test_a_kept_template_whose_text_changed_is_compiled_again(tmp_path, monkeypatch):
    """Jinja2 keeps the template's checksum with its code: a package template edited since (a new
    version of the package) is compiled afresh and kept again, never run as it was."""
    import jinja2

    from book.manuscript import styles

    package = tmp_path / "styles"
    package.mkdir()
    (package / "page.md.j2").write_text("one {{ x }}\n", encoding="utf-8")
    monkeypatch.setattr(styles, "PACKAGE_STYLES", package)
    monkeypatch.setattr(styles, "COMPILED_TEMPLATES", tmp_path / "pycache")
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    assert styles.make_environment([package]).get_template("page.md.j2").render(x=1) == "one 1\n"
    (package / "page.md.j2").write_text("two {{ x }}\n", encoding="utf-8")
    assert styles.make_environment([package]).get_template("page.md.j2").render(x=1) == "two 1\n"
    assert len(list((tmp_path / "pycache").glob("template-*.jinja"))) == 1
    assert isinstance(styles.make_environment([package]).bytecode_cache, jinja2.BytecodeCache)


def _package_and_manuscript(tmp_path: Path, monkeypatch) -> tuple[Path, Path]:
    from book.manuscript import styles

    package, own = tmp_path / "package", tmp_path / "manuscript-styles"
    package.mkdir()
    own.mkdir()
    (package / "page.xhtml.j2").write_text("<p>{{ x }}</p>\n", encoding="utf-8")
    monkeypatch.setattr(styles, "PACKAGE_STYLES", package)
    monkeypatch.setattr(styles, "COMPILED_TEMPLATES", tmp_path / "pycache")
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    return package, own


def test_a_manuscript_template_linked_to_a_package_one_is_never_kept_under_its_key(tmp_path, monkeypatch):
    """Jinja2 compiles escaping from the name a template is loaded under: the package's XHTML template
    loaded by a manuscript's link named ``.md.j2`` compiles unescaped, and kept under the package file's
    key it would print every later book's ``<script>`` raw."""
    from book.manuscript import styles

    package, own = _package_and_manuscript(tmp_path, monkeypatch)
    (own / "page.md.j2").symlink_to(package / "page.xhtml.j2")
    bold = "<script>alert(1)</script>"
    assert styles.make_environment([own, package]).get_template("page.md.j2").render(x=bold) == f"<p>{bold}</p>\n"
    assert not list((tmp_path / "pycache").glob("template-*.jinja"))
    escaped = styles.make_environment([package]).get_template("page.xhtml.j2").render(x=bold)
    assert escaped == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"


def test_kept_templates_are_readable_by_all_and_not_written_when_python_writes_no_bytecode(tmp_path, monkeypatch):
    from book.manuscript import styles

    package, _ = _package_and_manuscript(tmp_path, monkeypatch)
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    styles.make_environment([package]).get_template("page.xhtml.j2")
    assert not (tmp_path / "pycache").exists() or not list((tmp_path / "pycache").iterdir())
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    styles.make_environment([package]).get_template("page.xhtml.j2")
    [kept] = (tmp_path / "pycache").glob("template-*.jinja")
    assert kept.stat().st_mode & 0o777 == 0o644
    assert not list((tmp_path / "pycache").glob("*.tmp"))


def test_a_clean_book_yaml_is_read_without_the_round_trip_loader(sample, tmp_path, monkeypatch):
    """book.yaml is read by the C loader; the round-trip reader (pure Python, a few milliseconds of
    every run) reads it only when a message needs a line: then the line is the same as before."""
    import book.manuscript.reader as reader
    from book.manuscript import load_manuscript
    from book.support.diagnostics import Report

    read: list[str] = []
    real = reader.parse_yaml
    monkeypatch.setattr(reader, "parse_yaml", lambda text, path, *a, **k: read.append(Path(path).name)
                        or real(text, path, *a, **k))
    report = Report()
    assert load_manuscript(sample, report) is not None and not report.errors
    assert "book.yaml" not in read
    config = sample / "book.yaml"
    text = config.read_text(encoding="utf-8")
    first = next(line for line in text.splitlines() if line.strip().startswith("- chapters/"))
    number = text.splitlines().index(first) + 1
    config.write_text(text.replace(first + "\n", first + "\n" + first + "\n", 1), encoding="utf-8")
    report = Report()
    load_manuscript(sample, report)
    twice = [d for d in report.items if d.code == "E110"]
    assert read.count("book.yaml") == 1
    assert len(twice) == 1 and twice[0].line == number + 1 and f"at line {number})" in twice[0].message


@pytest.mark.parametrize("given", [None, "logfire"])
def test_the_entry_looks_for_no_pydantic_plugins_unless_told_which(sample, given):
    """``book`` (its entry, :func:`book.__main__.launch`) turns pydantic's plugins off: looking for them reads
    the entry points of every installed distribution in every run. A value the user set is kept."""
    script = ("import atexit, os, sys\nfrom book.__main__ import launch\nsys.argv = ['book', 'check', '-q', '-m', sys.argv[1]]\n"
              "def seen():\n    from pydantic.plugin import _loader\n"
              "    print(os.environ['PYDANTIC_DISABLE_PLUGINS'], _loader._plugins is None)\n"
              "atexit.register(seen)\nlaunch()\n")        # the entry ends the process: what it saw, said as it ends
    env = {**os.environ, "PYTHONPATH": str(SRC), "SOURCE_DATE_EPOCH": "1700000000"}
    env.pop("PYDANTIC_DISABLE_PLUGINS", None)
    if given is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = given
    done = subprocess.run([sys.executable, "-c", script, str(sample)], env=env, check=True, capture_output=True,
                          text=True)
    value, never_looked = done.stdout.split()
    assert value == (given or "__all__")
    assert never_looked == str(given is None)        # a named plugin is turned off only by looking for the rest


_ENDING = ("import atexit, sys, threading, time\nfrom book.__main__ import launch\n"
           "class Kept:\n    def __del__(self):\n        sys.stdout.write('torn down\\n')\n"
           "kept = Kept()\natexit.register(lambda: print('atexit ran'))\nprint('before', end=' ')\n"
           "if sys.argv[1] == 'thread':\n"
           "    threading.Thread(target=lambda: (time.sleep(0.3), print('thread done'))).start()\n"
           "sys.argv = ['book', *sys.argv[2:]]\nlaunch()\n")


@pytest.mark.parametrize("args, status", [(["--version"], 0), (["explain", "E9999"], 2)])
def test_the_entry_ends_the_process_without_tearing_the_interpreter_down(args, status):
    """Once the command has its status, ``book`` leaves without Python's finalization (freeing every object of
    the run: about 0.1 s of a one-chapter rebuild at 100k words); the status, the buffered output (a pipe's
    stdout is flushed) and the functions registered with atexit are as a normal exit leaves them."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    done = subprocess.run([sys.executable, "-c", _ENDING, "-", *args], env={**env, "PYTHONPATH": str(SRC)},
                          capture_output=True, text=True)
    assert done.returncode == status
    assert done.stdout.startswith("before ") and done.stdout.endswith("atexit ran\n")
    assert "torn down" not in done.stdout
    assert ("book, version" in done.stdout) == (status == 0) and ("E9999" in done.stderr) == (status == 2)


def test_the_entry_waits_for_a_thread_that_is_not_a_daemon_as_python_does():
    """A thread that is not a daemon is waited for before the process ends: then Python's own exit runs."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    done = subprocess.run([sys.executable, "-c", _ENDING, "thread", "--version"],
                          env={**env, "PYTHONPATH": str(SRC)}, capture_output=True, text=True)
    assert done.returncode == 0
    assert "thread done" in done.stdout and done.stdout.index("thread done") < done.stdout.index("atexit ran")


def test_a_one_chapter_rebuild_builds_no_validator_of_book_yaml_or_front_matter(sample, tmp_path):
    """What book.yaml and the front matter gave is read back from the cache as validated: the schema
    blocks' validators are built on first use (``defer_build``), and a rebuild after a change of one
    chapter's text uses none. A cold build validates them all, as before."""
    script = ("import json, sys\nfrom book.cli import main\n"
              "try:\n    main(sys.argv[2:])\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
              "import book.config\n"
              "json.dump(sorted(n for n, b in book.config._blocks().items() if b.__pydantic_complete__),"
              " open(sys.argv[1], 'w'))\n")
    env = {**os.environ, "PYTHONPATH": str(SRC), "SOURCE_DATE_EPOCH": "1700000000"}
    built = {}
    for step in ("cold", "one chapter"):
        if step == "one chapter":
            _edit_chapter(sample)
        listing = tmp_path / f"{step}.json"
        subprocess.run([sys.executable, "-c", script, str(listing), "build", "epub", "-q", "-m", str(sample),
                        "--out-dir", str(tmp_path / "out")], env=env, check=True, capture_output=True)
        built[step] = json.loads(listing.read_text())
    assert {"book.config.BookConfig", "book.manuscript.reader.ChapterMeta", "book.manuscript.reader.MatterMeta"} \
        <= set(built["cold"])
    assert built["one chapter"] == []


def test_settings_are_kept_as_json_that_gives_back_the_validated_blocks(sample):
    """:func:`book.config.settings_tree` and back: every block, its fields as given (``model_fields_set``),
    dates as dates; a tree it did not write is refused, never made into a block."""
    from book.config import BookConfig, settings_from_tree, settings_tree
    from book.manuscript import load_manuscript
    from book.support.diagnostics import Report

    config = load_manuscript(sample, Report()).config
    tree = json.loads(json.dumps(settings_tree(config)))
    again = settings_from_tree(tree)
    assert type(again) is BookConfig and again == config and again.model_dump() == config.model_dump()
    assert again.model_fields_set == config.model_fields_set and again.print.model_fields_set == \
        config.print.model_fields_set
    assert type(again.date) is type(config.date) and type(again.print) is type(config.print)
    assert again.model_dump(exclude_unset=True) == config.model_dump(exclude_unset=True)
    for broken in ({**tree, "block": "builtins.object"}, {**tree, "fields": {**tree["fields"], "extra": 1}},
                   {"date": 20260101}, {"something": "else"}):
        with pytest.raises((ValueError, TypeError)):
            settings_from_tree(broken)
    with pytest.raises(TypeError):
        settings_tree(config.model_copy(update={"subjects": ("a tuple",)}))


def test_settings_that_would_not_come_back_the_same_are_not_kept(tmp_path):
    """The cache keeps a block only when its tree gives back an equal block (here a tuple the tree
    would make a list of, set by hand past validation): otherwise it is validated again next time."""
    from book.config import Creator
    from book.render.cache import DocCache, MemoStore

    store = MemoStore(DocCache(tmp_path / ".cache"))
    store.save("settings", "good", Creator(name="A. Writer"), ())
    store.save("settings", "odd", Creator.model_construct(name=("A", "Writer"), role="author", file_as=None), ())
    kept = {key for _kind, key in store.pending}
    assert kept == {store.docs.key("settings", "good")}
    store.flush()
    assert store.load("settings", "good") == (Creator(name="A. Writer"), ())
