"""A long book typeset in parts and joined (book.pdf.parts, book.pdf.join) reads back as one compile.

The threshold is lowered so that the small `long` fixture is typeset one document per part
(five parts and the front matter), then compared with its single compile (`long_pdf`).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest
from pdf_helpers import FIXTURES, Built, build, require, run_cli, struct_elements

import book.pdf.document
import book.pdf.join
import book.pdf.parts
from book.manuscript.styles import PACKAGE_STYLES
from book.pdf.parts import headings, plan


@dataclass
class PartsBuild:
    built: Built
    compiles: int          # Typst processes started
    part_pages: list[int]  # page count of each body part, in order


def build_in_parts(manuscript: Path, out: Path, *extra: str) -> PartsBuild:
    """Build with parts forced: every document of the body is a part of its own."""
    compiles: list[Path] = []
    pages: list[int] = []
    real_compile, real_read = book.pdf.parts.compile_in_child, book.pdf.parts.read_part

    def compile_in_child(source, path, when):
        compiles.append(path)
        real_compile(source, path, when)

    def read_part(path, found, start):
        part = real_read(path, found, start)
        if part is not None:
            pages.append(part.pages)
        return part

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(book.pdf.parts, "PARTS_ABOVE_WORDS", 0)
        mp.setattr(book.pdf.parts, "PART_WORDS", 1000)
        mp.setattr(book.pdf.parts, "compile_in_child", compile_in_child)
        mp.setattr(book.pdf.parts, "read_part", read_part)
        built = build(manuscript, out, *extra)
    return PartsBuild(built, len(compiles), pages)


@pytest.fixture(scope="session")
def parts_pdf(tmp_path_factory) -> PartsBuild:
    return build_in_parts(FIXTURES / "long", tmp_path_factory.mktemp("parts") / "long.pdf")


def all_text(path: Path) -> list[str]:
    out = subprocess.run([require("pdftotext"), "-layout", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return out.split("\f")


def named_dests(path: Path) -> dict[str, int]:
    with pikepdf.open(path) as pdf:
        index = {page.objgen: i for i, page in enumerate(pdf.pages)}
        return {str(k): index[v[0].objgen] for k, v in pikepdf.NameTree(pdf.Root.Names.Dests).items()}


def links(path: Path, page: int) -> list[tuple[str, str, str]]:
    """The link annotations of one page: (destination, action type, /Contents)."""
    with pikepdf.open(path) as pdf:
        return [(str(a.get("/Dest", "")), str(a.A.S) if "/A" in a else "", str(a.get("/Contents", "")))
                for a in pdf.pages[page].obj.get("/Annots", []) if a.Subtype == "/Link"]


# ------------------------------------------------------------------ the plan

def test_plan_splits_at_documents_only_above_the_threshold(monkeypatch):
    body = [{"id": f"d{i}", "body": "word " * n} for i, n in enumerate([300, 500, 200, 400, 600])]
    monkeypatch.setattr(book.pdf.parts, "PARTS_ABOVE_WORDS", 2000)
    assert plan(body) == [body]                      # 2,000 words: one compile
    monkeypatch.setattr(book.pdf.parts, "PARTS_ABOVE_WORDS", 1000)
    monkeypatch.setattr(book.pdf.parts, "PART_WORDS", 800)
    parts = plan(body)
    assert [d for part in parts for d in part] == body   # every document once, in order
    assert len(parts) == 3
    assert all(sum(len(d["body"].split()) for d in part) <= 800 for part in parts)


def test_no_parts_when_one_document_is_nearly_the_whole_body(monkeypatch):
    """A part cannot be smaller than the longest document: parts would not lower the peak."""
    monkeypatch.setattr(book.pdf.parts, "PARTS_ABOVE_WORDS", 1000)
    monkeypatch.setattr(book.pdf.parts, "PART_WORDS", 800)
    body = [{"id": f"d{i}", "body": "word " * n} for i, n in enumerate([5000, 300, 200])]
    assert plan(body) == [body]                      # the rest is 500 of 5,500 words
    body = [{"id": f"d{i}", "body": "word " * n} for i, n in enumerate([5000, 900, 800])]
    assert len(plan(body)) > 1                       # 1,700 of 6,700: parts still lower the peak


def test_headings_of_chapters_and_matter_pages():
    markup = ("#heading(level: 1, supplement: [Chapter 1])[On #emph[Being] Believed] <ch01:ch01-title>\n"
              "Text.\n== A section\n<ch01:s>\n= Notes\n<ch01:notes>\n")
    found = headings(markup)
    assert [(h.label, h.body, h.dest) for h in found] == [
        ("[Chapter 1]", "On #emph[Being] Believed", "ch01:ch01-title"), ("none", "Notes", "ch01:notes")]


# ------------------------------------------------------------------ the joined PDF against one compile

def test_the_book_was_typeset_in_parts(parts_pdf):
    assert parts_pdf.compiles == 6                    # five body documents, then the front matter
    assert len(parts_pdf.part_pages) == 5


def test_same_text_on_every_page(parts_pdf, long_pdf):
    joined, single = all_text(parts_pdf.built.path), all_text(long_pdf.path)
    assert len(joined) == len(single)
    for number, (a, b) in enumerate(zip(joined, single), 1):
        assert a == b, f"page {number} differs"


def test_same_page_labels(parts_pdf, long_pdf):
    assert parts_pdf.built.labels == long_pdf.labels


def test_same_bookmarks_and_destinations(parts_pdf, long_pdf):
    assert parts_pdf.built.outline() == long_pdf.outline()
    assert named_dests(parts_pdf.built.path) == named_dests(long_pdf.path)


def test_contents_links_are_those_of_one_compile(parts_pdf, long_pdf):
    page = next(i for i, text in enumerate(all_text(long_pdf.path)) if text.strip().startswith("Contents"))
    expected = links(long_pdf.path, page)
    assert len(expected) == 6 and all(dest for dest, _, _ in expected)
    assert links(parts_pdf.built.path, page) == expected   # GoTo named destinations, not placeholder URIs


def test_same_structure_elements(parts_pdf, long_pdf):
    assert struct_elements(parts_pdf.built.path) == struct_elements(long_pdf.path)


def test_every_page_and_element_is_in_the_parent_tree(parts_pdf):
    with pikepdf.open(parts_pdf.built.path) as pdf:
        root = pdf.Root.StructTreeRoot
        tree = dict(pikepdf.NumberTree(root.ParentTree).items())
        assert max(tree) < int(root.ParentTreeNextKey)
        tagged = [page for page in pdf.pages if "/StructParents" in page.obj]
        assert len(tagged) > len(pdf.pages) // 2
        for page in tagged:
            # the elements that own the page's marked content say they are on this page
            owners = tree[int(page.obj.StructParents)]
            for element in (owners if isinstance(owners, pikepdf.Array) else [owners]):
                if isinstance(element, pikepdf.Dictionary):
                    kids = element.get("/K")
                    kids = kids if isinstance(kids, pikepdf.Array) else [kids]
                    pages = {element.Pg.objgen} if "/Pg" in element else set()
                    pages |= {k.Pg.objgen for k in kids if isinstance(k, pikepdf.Dictionary) and "/Pg" in k}
                    assert page.obj.objgen in pages
        for page in pdf.pages:
            for annot in page.obj.get("/Annots", []):
                if "/StructParent" in annot:
                    assert int(annot.StructParent) in tree
        checked = 0
        for value in tree.values():
            for element in (value if isinstance(value, pikepdf.Array) else [value]):
                if not isinstance(element, pikepdf.Dictionary):
                    continue
                node, steps = element, 0
                while node.get("/Type") != "/StructTreeRoot" and steps < 200:
                    node, steps = node.P, steps + 1
                assert node.objgen == root.objgen, "the /P chain reaches the structure tree root"
                checked += 1
        assert checked > 100


def test_footnote_ids_are_numbered_through_the_book(parts_pdf, long_pdf):
    def ids(path: Path) -> list[str]:
        with pikepdf.open(path) as pdf:
            return sorted(str(k) for k in pikepdf.NameTree(pdf.Root.StructTreeRoot.IDTree).keys())
    assert ids(parts_pdf.built.path) == ids(long_pdf.path)


def test_page_count_in_the_xmp(parts_pdf):
    with pikepdf.open(parts_pdf.built.path) as pdf:
        xmp = pdf.Root.Metadata.read_bytes().decode("utf-8")
        assert re.findall(r"<xmpTPg:NPages>(\d+)</xmpTPg:NPages>", xmp) == [str(len(pdf.pages))]


def test_qpdf_finds_no_damage(parts_pdf):
    result = subprocess.run([require("qpdf"), "--check", str(parts_pdf.built.path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


def test_all_fonts_embedded(parts_pdf):
    out = subprocess.run([require("pdffonts"), str(parts_pdf.built.path)], capture_output=True, text=True,
                         check=True).stdout
    rows = out.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), out


def test_identical_bytes_on_two_builds(parts_pdf, tmp_path):
    again = build_in_parts(FIXTURES / "long", tmp_path / "again.pdf")
    assert again.built.path.read_bytes() == parts_pdf.built.path.read_bytes()


def test_a_part_ending_on_a_recto_is_followed_by_a_blank_verso(parts_pdf):
    assert any(n % 2 for n in parts_pdf.part_pages[:-1]), "the fixture has a part of odd length"
    text = all_text(parts_pdf.built.path)
    front = len(text) - 1 - sum(n + n % 2 for n in parts_pdf.part_pages[:-1]) - parts_pdf.part_pages[-1]
    assert front % 2 == 0
    page = front
    for n in parts_pdf.part_pages[:-1]:
        page += n
        if n % 2:
            assert text[page].strip() == "", f"page {page + 1} is a blank verso"
            page += 1
        assert "Chapter" in text[page] or "Acknowledgments" in text[page]


# ------------------------------------------------------------------ when the book is typeset in one compile

def test_own_design_is_typeset_in_one_compile(book_copy, tmp_path, long_pdf):
    manuscript = book_copy("long")
    (manuscript / "styles" / "pdf").mkdir(parents=True)
    shutil.copy(PACKAGE_STYLES / "pdf" / "book.typ",
                manuscript / "styles" / "pdf" / "book.typ")
    result = build_in_parts(manuscript, tmp_path / "own.pdf")
    assert result.compiles == 0
    assert all_text(result.built.path) == all_text(long_pdf.path)


def test_screen_edition_is_typeset_in_one_compile(tmp_path):
    result = build_in_parts(FIXTURES / "long", tmp_path / "cover.pdf", "--with-cover")
    assert result.compiles == 0


def test_typst_error_in_a_part_is_one_line(book_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("BOOK_TRUST_LUA", "1")         # the manuscript's own filter: E250 without it
    manuscript = book_copy("long")
    chapter = manuscript / "chapters" / "03-the.md"
    text = chapter.read_text()
    assert text.count("::: reply\n") == 1
    chapter.write_text(text.replace("::: reply\n", "::: reply\n\n* * *\n\n"))
    # raw Typst in a chapter is refused (E222), so the broken call comes from the manuscript's own Lua
    # filter, which (unlike its own book.typ) still lets the book be typeset in parts
    lua = manuscript / "styles" / "pdf" / "book.lua"
    lua.parent.mkdir(parents=True, exist_ok=True)
    lua.write_text((PACKAGE_STYLES / "pdf" / "book.lua").read_text().replace("raw('#ornament()')",
                                                                              "raw('#no-such-function()')"))
    args = ("build", "pdf", "-q", "-m", str(manuscript), "-o", str(tmp_path / "bad.pdf"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(book.pdf.parts, "PARTS_ABOVE_WORDS", 0)
        mp.setattr(book.pdf.parts, "PART_WORDS", 1000)
        in_parts = run_cli(*args)
    assert in_parts.exit_code == 1
    lines = in_parts.stderr.strip().splitlines()
    assert "error[E506]: typesetting failed: unknown variable: no-such-function" in lines[0], in_parts.stderr
    assert lines[1:] == ["1 error, 0 warnings"] and "Traceback" not in in_parts.stderr
    assert in_parts.stderr == run_cli(*args).stderr          # the message of one compile


def test_progress_names_each_part(tmp_path, monkeypatch):
    monkeypatch.setattr(book.pdf.parts, "PARTS_ABOVE_WORDS", 0)
    monkeypatch.setattr(book.pdf.parts, "PART_WORDS", 1000)
    result = run_cli("build", "pdf", "--no-cache", "-m", str(FIXTURES / "long"), "-o", str(tmp_path / "p.pdf"))
    assert result.exit_code == 0, result.stderr
    assert "Typesetting part 1 of 5 of the body" in result.stderr
    assert "Typesetting part 5 of 5 of the body" in result.stderr
    assert "joining the parts" in result.stderr
    quiet = run_cli("build", "pdf", "-q", "--no-cache", "-m", str(FIXTURES / "long"), "-o", str(tmp_path / "q.pdf"))
    assert quiet.exit_code == 0, quiet.stderr
    assert "Typesetting part" not in quiet.stderr


# ------------------------------------------------------------------ what is typeset in one compile

def test_a_link_to_another_chapter_reaches_it(book_copy, tmp_path):
    book_dir = book_copy("long")
    chapter = sorted((book_dir / "chapters").glob("*.md"))[1]
    text = chapter.read_text()
    end = text.rstrip().rfind(":::")
    chapter.write_text(text[:end] + "\nAs the [first chapter](#ch01-letters-title) said.\n\n" + text[end:])
    forced = build_in_parts(book_dir, tmp_path / "x.pdf")
    assert forced.compiles == 0                       # a part could not see the other chapter's label
    dests = {str(a.get("/Dest")) for page in pikepdf.open(forced.built.path).pages
             for a in page.obj.get("/Annots", [])}
    assert "ch01-letters:ch01-letters-title" in dests


def test_link_across_documents_only_moves_links_to_another_documents_label():
    bodies = {"a": "= A\n<a:a-title>\n#link(<a:b-title>)[B] #link(<a:a-title>)[A] #link(<a:nowhere>)[?]\n",
              "b": "= B\n<b:b-title>\nText.\n"}
    fixed, crossed = book.pdf.document.link_across_documents(bodies)
    assert crossed
    assert fixed["a"] == "= A\n<a:a-title>\n#link(<b:b-title>)[B] #link(<a:a-title>)[A] #link(<a:nowhere>)[?]\n"
    assert fixed["b"] == bodies["b"]
    assert book.pdf.document.link_across_documents({"b": bodies["b"]}) == ({"b": bodies["b"]}, False)


def test_a_link_to_a_documents_own_id_goes_to_its_start_record():
    """"See chapter 2" (``#b``): no label of the Typst is the document's id; book.typ's doc-start
    sets ``<book-doc-start-b>`` where it begins. A label of that name in the text wins."""
    bodies = {"a": "#link(<a:b>)[B] #link(<a:a>)[A] #link(<a:c>)[C]\n", "b": "= B\n<b:b-title>\n",
              "c": "= C\n<c:c>\n"}
    fixed, crossed = book.pdf.document.link_across_documents(bodies)
    assert crossed
    assert fixed["a"] == "#link(<book-doc-start-b>)[B] #link(<book-doc-start-a>)[A] #link(<c:c>)[C]\n"
    own, crossed = book.pdf.document.link_across_documents({"a": "#link(<a:a>)[A]\n"})
    assert own == {"a": "#link(<book-doc-start-a>)[A]\n"} and not crossed


def test_a_book_without_front_matter_is_typeset_in_one_compile(book_copy, tmp_path):
    book_dir = book_copy("long")
    config = book_dir / "book.yaml"
    listed = "front_matter:\n  - half-title\n  - title-page\n  - copyright\n  - front/dedication.md\n" \
             "  - contents\n  - front/preface.md\n"
    assert listed in config.read_text()
    config.write_text(config.read_text().replace(listed, "front_matter: []\n"))
    forced = build_in_parts(book_dir, tmp_path / "nf.pdf")
    assert forced.compiles == 0                       # the parts would have nothing to be joined onto
    assert forced.built.labels[0] == "1"


def test_parts_that_cannot_be_joined_are_typeset_in_one_compile(tmp_path, monkeypatch, long_pdf):
    def broken_join(*_args):
        raise ValueError("two parts define the same name")

    monkeypatch.setattr(book.pdf.join, "join", broken_join)
    forced = build_in_parts(FIXTURES / "long", tmp_path / "j.pdf")
    assert forced.compiles == 6                       # the parts were typeset, then not used
    assert all_text(forced.built.path) == all_text(long_pdf.path)
