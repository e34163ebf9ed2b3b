"""Incremental builds: after any change, a build with the cache gives the bytes of a cold build,
and one changed chapter is the only one checked, rendered and converted again."""

from __future__ import annotations

import io
import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest

import book.editorial
import book.render.chapters
import book.render.pandoc
from book.manuscript.styles import PACKAGE_STYLES
from book.support.reproducible import write_zip

REPO = Path(__file__).resolve().parent.parent
FORMATS = ("epub", "pdf")


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    target = tmp_path / "sample"
    shutil.copytree(REPO / "manuscript", target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} has no {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _chapter(sample: Path) -> None:
    _edit(sample / "chapters" / "03-old-maps.md", "::: commentary\n", "::: commentary\nA sentence added to one chapter.\n\n")


def _book_yaml(sample: Path) -> None:
    _edit(sample / "book.yaml", "subtitle: A Reader on Attachment in Therapy", "subtitle: A Reader on Attachment")


def _order(sample: Path) -> None:      # renumbers chapters: labels, contents, notes, page list
    _edit(sample / "book.yaml", "  - chapters/01-the-love-that-heals.md\n  - chapters/02-a-temporary-attachment-figure.md\n",
          "  - chapters/02-a-temporary-attachment-figure.md\n  - chapters/01-the-love-that-heals.md\n")


def _source(sample: Path) -> None:     # the credits of its excerpts, every chapter's sources note, the appendix
    _edit(sample / "sources" / "healed-heart.yaml", "title: To a healed heart", "title: To a heart, healed")


def _style(sample: Path) -> None:
    for name, extra in (("epub/book.css", "\np { letter-spacing: 0.01em; }\n"), ("chapter.md.j2", "\n")):
        target = sample / "styles" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text((PACKAGE_STYLES / name).read_text(encoding="utf-8") + extra, encoding="utf-8")


def _front_matter(sample: Path) -> None:   # kept as validated by the text of each front matter (settings)
    _edit(sample / "chapters" / "03-old-maps.md", "title: ", "title: Still ")
    _edit(sample / "front" / "preface.md", "title: Preface", "title: A Preface")


CHANGES = {"chapter": _chapter, "book.yaml": _book_yaml, "order": _order, "source": _source, "style": _style,
           "front matter": _front_matter}


def _build(cli, sample: Path, out: Path, *extra: str) -> dict[str, bytes]:
    result = cli("build", "all", "-m", str(sample), "--out-dir", str(out), *extra)
    assert result.exit_code == 0, result.stderr
    return {path.name: path.read_bytes() for path in out.glob("*.*") if path.suffix in (".epub", ".pdf")}


@pytest.mark.parametrize("change", CHANGES)
def test_an_incremental_build_gives_the_bytes_of_a_cold_one(sample, cli, tmp_path, change):
    warm = tmp_path / "warm"
    _build(cli, sample, warm)                       # fills warm/.cache
    CHANGES[change](sample)
    incremental = _build(cli, sample, warm)
    cold = _build(cli, sample, tmp_path / "cold", "--no-cache")
    assert incremental.keys() == cold.keys() and len(cold) >= 2
    for name in cold:
        assert incremental[name] == cold[name], f"{name} differs after a change of {change}"


def test_one_changed_chapter_is_the_only_one_checked_printed_rendered_and_converted(sample, cli, tmp_path, monkeypatch):
    out = tmp_path / "out"
    _build(cli, sample, out)
    _chapter(sample)
    checked, rendered, converted = [], [], []
    check_one, render_chapter, convert = (book.editorial._check_one, book.render.chapters._render_chapter,
                                          book.render.pandoc.convert_documents)

    def counting_check(manuscript, *args):
        checked.extend(c.id for c in manuscript.chapters)
        return check_one(manuscript, *args)

    def counting_render(env, manuscript, chapter):
        rendered.append(chapter.id)
        return render_chapter(env, manuscript, chapter)

    def counting_convert(texts, *args, **kwargs):
        converted.append(len(texts))
        return convert(texts, *args, **kwargs)

    monkeypatch.setattr(book.editorial, "_check_one", counting_check)
    monkeypatch.setattr(book.render.chapters, "_render_chapter", counting_render)
    monkeypatch.setattr(book.render.pandoc, "convert_documents", counting_convert)
    printed, print_chapter = [], book.editorial.privacy.printed_chapter     # names replaced (privacy)
    monkeypatch.setattr(book.editorial.privacy, "printed_chapter",
                        lambda chapter, *args: printed.append(chapter.id) or print_chapter(chapter, *args))
    _build(cli, sample, out)
    assert checked == rendered == printed == ["ch03-old-maps"]
    # EPUB and PDF: the chapter, and the pages that list every chapter's sources (the appendix)
    assert converted and all(count <= 2 for count in converted), converted


def _cache_files(out: Path) -> list[Path]:
    return [p for p in (out / ".cache").rglob("*") if p.is_file()
            and p.parent.name.startswith(("memo-", "deflate", "cover", "epub-frame"))]


@pytest.mark.parametrize("damage", ["garbage", "truncated", "other-json", "empty"])
def test_a_damaged_or_hostile_cache_rebuilds_the_same_bytes(sample, cli, tmp_path, damage):
    out = tmp_path / "out"
    _build(cli, sample, out)
    files = _cache_files(out)
    kinds = {p.parent.name for p in files}
    assert {"memo-chapter", "memo-sources", "memo-chapter-check", "memo-printed-chapter",
            "memo-rendered-chapter", "memo-settings", "deflate", "cover", "epub-frame"} <= kinds
    for path in files:
        data = path.read_bytes()
        path.write_bytes({"garbage": os.urandom(len(data) or 16), "truncated": data[: len(data) // 2],
                          "other-json": json.dumps([{"text": 1, "line": "x"}, []]).encode(),
                          "empty": b""}[damage])
    shutil.rmtree(out / ".cache" / "out")     # the whole outputs too: every part is made again from the damaged parts
    shutil.rmtree(out / ".cache" / "runs")
    _chapter(sample)
    incremental = _build(cli, sample, out)
    cold = _build(cli, sample, tmp_path / "cold", "--no-cache")
    assert incremental == cold


def test_ebooklibs_files_edited_in_the_cache_are_written_again(sample, cli, tmp_path):
    """The package document and the NCX kept in the cache are sealed: an edit inside one (still
    valid JSON, still XML) is not used; ebooklib writes them again."""
    out = tmp_path / "out"
    _build(cli, sample, out)
    frames = list((out / ".cache" / "epub-frame").iterdir())
    assert frames
    edited = 0
    for path in frames:
        data = path.read_bytes()
        path.write_bytes(data.replace(b"Old Maps", b"Odd Maps"))
        edited += b"Old Maps" in data
    assert edited                               # the edit reached a kept file: the seal is what is tested
    shutil.rmtree(out / ".cache" / "out")
    shutil.rmtree(out / ".cache" / "runs")
    _chapter(sample)
    assert _build(cli, sample, out) == _build(cli, sample, tmp_path / "cold", "--no-cache")


def test_ebooklibs_files_are_kept_only_when_ebooklib_wrote_the_members_as_given(tmp_path, monkeypatch):
    """The files kept are ebooklib's own only when every member it wrote is ours, byte for byte: a writer
    that changed one (a future ebooklib parsing pages) would make the kept files depend on the pages."""
    import datetime as dt

    from book.epub import package as pkg
    from book.render.cache import DocCache

    plan = pkg._Plan()
    plan.call("identifier", "urn:uuid:00000000-0000-4000-8000-000000000000")
    plan.call("title", "T")
    plan.call("language", "en")
    plan.item("p1", "text/p1.xhtml", "application/xhtml+xml", b"<html/>")
    plan.call("spine", ["p1"])
    when = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    store = DocCache(tmp_path / "cache")
    real = pkg._ebooklib_zip
    monkeypatch.setattr(pkg, "_ebooklib_zip", lambda plan, when: {**real(plan, when), "EPUB/text/p1.xhtml": b"<x/>"})
    pkg._ebooklib_files(plan, when, store)
    assert not (tmp_path / "cache" / "epub-frame").exists()
    monkeypatch.setattr(pkg, "_ebooklib_zip", real)
    frame = pkg._ebooklib_files(plan, when, store)
    assert {"mimetype", "META-INF/container.xml", "EPUB/content.opf", "EPUB/toc.ncx"} == frame.keys()
    monkeypatch.setattr(pkg, "_ebooklib_zip", lambda plan, when: pytest.fail("ebooklib ran again"))
    assert pkg._ebooklib_files(plan, when, store) == frame


def test_a_memo_entry_edited_into_other_valid_json_is_not_used(sample, cli, tmp_path):
    """A changed letter inside a string (bit rot, a hand edit) leaves the entry valid, canonical JSON
    that reads back as itself; the entry's seal (the SHA-256 of its JSON) no longer matches it."""
    out = tmp_path / "out"
    _build(cli, sample, out)
    edited = 0
    for path in _cache_files(out):
        if path.parent.name.startswith("memo-"):
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("the ", "thy "), encoding="utf-8")
            edited += "the " in text
    assert edited
    shutil.rmtree(out / ".cache" / "out")
    shutil.rmtree(out / ".cache" / "runs")
    _chapter(sample)
    assert _build(cli, sample, out) == _build(cli, sample, tmp_path / "cold", "--no-cache")


def test_a_memo_entry_is_json_never_code(sample, cli, tmp_path):
    out = tmp_path / "out"
    _build(cli, sample, out)
    entries = [p for p in _cache_files(out) if p.parent.name.startswith("memo-")]
    assert entries
    for path in entries:
        json.loads(path.read_text(encoding="utf-8"))      # data, nothing a loader could run


def test_an_unchanged_book_does_not_run_the_check(sample, cli, tmp_path, monkeypatch):
    out = tmp_path / "out"
    first = _build(cli, sample, out)

    def no_check(*_args, **_kwargs):
        raise AssertionError("the check ran although nothing changed")

    monkeypatch.setattr(book.editorial, "check_book", no_check)
    assert _build(cli, sample, out) == first


def test_a_file_the_build_reads_outside_the_walk_is_never_skipped(sample, cli, tmp_path):
    """The build folder inside the manuscript is left out of the run's key, but a chapter kept there
    is still read: the run's entry is not kept, and a change to it rebuilds."""
    out = sample / "build"
    (out).mkdir()
    shutil.move(sample / "chapters" / "03-old-maps.md", out / "03-old-maps.md")
    _edit(sample / "book.yaml", "chapters/03-old-maps.md", "build/03-old-maps.md")
    first = _build(cli, sample, out)
    _edit(out / "03-old-maps.md", "::: commentary\n", "::: commentary\nA sentence added to one chapter.\n\n")
    second = _build(cli, sample, out)
    assert second != first
    assert second == _build(cli, sample, tmp_path / "cold", "--no-cache")


def test_the_zip_writer_writes_what_zipfile_writes():
    import datetime as dt

    entries = [("mimetype", b"application/epub+zip"), ("META-INF/container.xml", b"<container/>" * 9),
               ("text/ch\u00e9.xhtml", "caf\u00e9 ".encode() * 900), ("z/random.bin", os.urandom(7000)),
               ("a/empty.txt", b"")]
    when = dt.datetime(2023, 11, 14, 22, 13, 21, tzinfo=dt.timezone.utc)
    first = ("mimetype", "META-INF/container.xml")
    expected = io.BytesIO()
    with zipfile.ZipFile(expected, "w") as archive:
        names = [*first, *sorted(n for n, _ in entries if n not in first)]
        for name in names:
            info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
            info.external_attr, info.create_system = 0o644 << 16, 3
            info.compress_type = zipfile.ZIP_STORED if name in first else zipfile.ZIP_DEFLATED
            archive.writestr(info, dict(entries)[name], compresslevel=None if name in first else 9)
    assert write_zip(entries, when, first=first) == expected.getvalue()
