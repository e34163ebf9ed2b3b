"""A tool that fails outright names the chapter (and line) it failed on: Typst's E506, pandoc's E502.

Typst only knows the generated source, and pandoc only the numbered files it was given; both
are carried back to the writer's file. Typst's failure is made here by a document whose Typst
links to a label no document has (the check refuses that in a chapter: E251), put into the
rendered book after the check, as a chapter construct the check does not know would be.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from book.context import BuildContext, no_progress
from book.render.chapters import RenderedDoc
from book.render.pandoc import HTML_ARGS, convert_each
from book.support.diagnostics import BookError, Report

WHEN = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
REPLY = "The reply, with a note."


def _checked_and_rendered(root: Path, tmp_path: Path):
    from book.pipeline import check
    from book.render import render

    checked = check(BuildContext(manuscript_dir=root, out_dir=tmp_path / "out"), no_progress, ["pdf"])
    return checked, render(checked, no_progress)


def _with_line(doc: RenderedDoc, old: str, new: str) -> RenderedDoc:
    """``doc`` with one line of the writer's text changed, as if the file said so (origins kept)."""
    assert old in doc.markdown
    return dataclasses.replace(doc, markdown=doc.markdown.replace(old, new))


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if text in line)


@pytest.mark.parametrize("apart", [False, True], ids=["in-process", "child-process"])
def test_a_typst_failure_names_the_chapter_line_of_what_it_could_not_set(minimal, tmp_path, monkeypatch, apart):
    import book.pdf.document as document

    if apart:            # a long book is compiled in a process of its own: the place comes back from it
        monkeypatch.setattr(document, "IN_PROCESS_CHARS", 0)
    checked, rendered = _checked_and_rendered(minimal, tmp_path)
    docs = tuple(_with_line(d, REPLY, "The reply, see [there](#nowhere).") if d.id == "ch01-first" else d
                 for d in rendered.docs)
    with pytest.raises(BookError) as failed:
        document.typeset(checked.printed, dataclasses.replace(rendered, docs=docs), WHEN)
    [item] = failed.value.report.items
    chapter = minimal / "chapters" / "01-first.md"
    assert item.code == "E506" and item.path == chapter
    assert item.line == _line_of(chapter, REPLY)
    assert item.column == len("The reply, see [there](") + 1       # at the '#' of the address
    assert "does not exist" in item.message and "\n" not in item.format()


def test_a_typst_failure_in_a_page_the_book_makes_names_book_yaml(minimal, tmp_path):
    from book.pdf.document import typeset

    checked, rendered = _checked_and_rendered(minimal, tmp_path)
    made = next(d for d in rendered.docs if d.path is None)
    head, _, last = made.markdown.rstrip("\n").rpartition("\n")      # the wrapper's closing fence
    docs = tuple(dataclasses.replace(d, markdown=f"{head}\n\n[gone](#nowhere)\n\n{last}\n")
                 if d is made else d for d in rendered.docs)
    with pytest.raises(BookError) as failed:
        typeset(checked.printed, dataclasses.replace(rendered, docs=docs), WHEN)
    [item] = failed.value.report.items
    assert item.code == "E506" and item.path == minimal / "book.yaml"
    assert f"(in the page '{made.title or made.id}' the book makes)" in item.message


def test_a_typst_failure_outside_every_document_names_no_chapter(minimal, tmp_path):
    """An error in the template's own lines is not pinned on a chapter that happens to be near."""
    from book.pdf.compile import typesetting_failed
    from book.pdf.document import located, main_file

    checked, rendered = _checked_and_rendered(minimal, tmp_path)
    main = main_file(checked.printed, rendered)
    source = main.render().text
    first = source.split("\n").index(next(line for line in source.split("\n") if line.startswith("#let conf")))
    failed = located(typesetting_failed("something in the template", source, (first + 1, 1)),
                     checked.printed, main, rendered)
    [item] = failed.report.items
    assert item.path is None and item.line is None


# ------------------------------------------------------------------ pandoc fails outright (E502)

FAILING_FILTER = """\
function Str(el)
  if el.text == "BREAKS" then error("this word breaks the filter") end
end
"""


def _doc(doc_id: str, body: str, path: Path) -> RenderedDoc:
    from book.render.chapters import origins

    markdown = f"::: {{#{doc_id} .book-doc .chapter}}\n{body}\n:::\n"
    return RenderedDoc(id=doc_id, kind="chapter", title=doc_id, epub_type="chapter", markdown=markdown,
                       path=path, origins=origins(markdown, [(body, 5)]))


@pytest.mark.parametrize("jobs", [1, 2])
def test_pandoc_failing_names_the_chapter_it_failed_on(tmp_path, jobs):
    from book.epub.package import split_documents

    lua = tmp_path / "breaks.lua"
    lua.write_text(FAILING_FILTER, encoding="utf-8")
    docs = [_doc(f"ch{n:02d}", f"Chapter {n} says a few words.\n\nAnd {'BREAKS' if n == 3 else 'more'} here.",
                 tmp_path / f"ch{n:02d}.md") for n in range(1, 6)]
    with pytest.raises(BookError) as failed:
        convert_each(docs, (*HTML_ARGS, f"--lua-filter={lua}"), tmp_path, split_documents, kind="xhtml",
                     jobs=jobs, report=Report())
    [item] = failed.value.report.items
    assert item.code == "E502" and item.path == tmp_path / "ch03.md"
    assert "this word breaks the filter" in item.message and "book-pandoc-" not in item.message
    assert not list(tmp_path.glob("book-pandoc-*"))


def test_pandoc_failing_on_any_document_blames_none(tmp_path):
    """A filter (or an argument, a template) that fails whatever the text: no chapter is to blame."""
    from book.epub.package import split_documents

    lua = tmp_path / "breaks.lua"
    lua.write_text("function Pandoc(doc) error('no document passes') end\n", encoding="utf-8")
    docs = [_doc(f"ch{n:02d}", f"Chapter {n}.", tmp_path / f"ch{n:02d}.md") for n in range(1, 3)]
    with pytest.raises(BookError) as failed:
        convert_each(docs, (*HTML_ARGS, f"--lua-filter={lua}"), tmp_path, split_documents, kind="xhtml")
    [item] = failed.value.report.items
    assert item.code == "E502" and item.path is None and "no document passes" in item.message


def test_pandoc_failing_through_book_build_leaves_the_previous_outputs(minimal, cli, tmp_path, monkeypatch):
    """Through the CLI: one line naming the chapter, exit 1, no traceback, the earlier EPUB byte-identical."""
    out = tmp_path / "out"
    first = cli("build", "epub", "--no-cache", "-m", str(minimal), "--out-dir", str(out))
    assert first.exit_code == 0, first.stderr
    [epub] = out.glob("*.epub")
    before = epub.read_bytes()
    import book.epub.package as package

    lua = tmp_path / "breaks.lua"
    lua.write_text(FAILING_FILTER, encoding="utf-8")
    monkeypatch.setattr(package, "HTML_ARGS", (*package.HTML_ARGS, f"--lua-filter={lua}"))
    chapter = minimal / "chapters" / "02-second.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("Another letter.", "Another BREAKS letter."),
                       encoding="utf-8")
    failed = cli("build", "epub", "--no-cache", "-m", str(minimal), "--out-dir", str(out))
    assert failed.exit_code == 1 and "Traceback" not in failed.stderr
    errors = [line for line in failed.stderr.splitlines() if "error[" in line]
    assert len(errors) == 1 and "02-second.md" in errors[0] and "error[E502]" in errors[0], failed.stderr
    assert epub.read_bytes() == before


# ------------------------------------------------------------------ caught by the check first (E251)

@pytest.mark.parametrize("link, column", [("[there](#nowhere)", len("See [there](") + 1),
                                          ("[there]()", len("See [there](") + 1),
                                          ("[there](#copyright)", len("See [there](") + 1),
                                          ("[there](#half-title)", len("See [there](") + 1),
                                          ("[there][r]\n\n[r]: #nowhere", None)])
def test_a_link_to_no_id_of_the_book_stops_the_check_and_leaves_the_outputs(minimal, cli, tmp_path, link, column):
    """Typst stopped the PDF on it (E506, naming nothing before): now the check names the line."""
    out = tmp_path / "out"
    first = cli("build", "all", "--no-cache", "-m", str(minimal), "--out-dir", str(out))
    assert first.exit_code == 0, first.stderr
    before = {path.name: path.read_bytes() for path in out.glob("*.*")}
    chapter = minimal / "chapters" / "01-first.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace(REPLY, f"{REPLY} See {link}."), encoding="utf-8")
    failed = cli("build", "all", "--no-cache", "-m", str(minimal), "--out-dir", str(out))
    assert failed.exit_code == 1 and "Traceback" not in failed.stderr
    [line] = [line for line in failed.stderr.splitlines() if "error[" in line]
    if column is None:                     # a reference definition: at its address
        number, column = _line_of(chapter, "[r]: #nowhere"), len("[r]: ") + 1
    else:
        number, column = _line_of(chapter, REPLY), len(f"{REPLY} ") + column
    assert f"01-first.md:{number}:{column}: error[E251]: this link " in line
    assert {path.name: path.read_bytes() for path in out.glob("*.*")} == before


def test_links_to_headings_ids_chapters_and_sections_pass_the_check(minimal, cli, tmp_path):
    chapter = minimal / "chapters" / "01-first.md"
    text = chapter.read_text(encoding="utf-8").replace(
        REPLY, f"{REPLY} See [a](#roses-in-june), [b](#kept), [c](#ch02-second-title), [d](#ch01-first--reply), "
               "[f](https://example.org/#x).\n\n### Roses in *June*[^2]\n\nText.\n\n"
               "### Roses in June\n\n[Kept words]{#kept}.\n\n[^2]: A note in a heading.")
    chapter.write_text(text, encoding="utf-8")
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 0, result.stderr
    built = cli("build", "pdf", "--no-cache", "-m", str(minimal), "--out-dir", str(tmp_path / "out"))
    assert built.exit_code == 0, built.stderr          # Typst follows every link the check passed


def test_a_note_whose_text_starts_with_a_hash_is_no_link(minimal, cli):
    """A note definition is no reference definition: "[^2]: #1 in the charts" links nowhere."""
    chapter = minimal / "chapters" / "01-first.md"
    text = chapter.read_text(encoding="utf-8").replace(
        REPLY, f"{REPLY} A hit.[^2]\n\n[^2]: #1 in the charts, and #MeToo later.")
    chapter.write_text(text, encoding="utf-8")
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 0, result.stderr
    chapter.write_text(text.replace("[^2]: #1", "[r]: #1"), encoding="utf-8")      # a reference: a link to '#1'
    assert "error[E251]" in cli("check", "-m", str(minimal)).stderr


@pytest.mark.parametrize("edition, other", [("epub", "PDF"), ("pdf", "EPUB")])
@pytest.mark.parametrize("link", ["#preface", "#preface-title"])
def test_a_link_to_a_page_one_edition_leaves_out_stops_the_check(minimal, cli, edition, other, link):
    """Typst stopped on a label of an EPUB-only page; the EPUB linked a file it does not hold. A page
    of one edition may still link to itself."""
    preface = minimal / "front" / "preface.md"
    preface.write_text(preface.read_text(encoding="utf-8").replace(
        "type: preface", f"type: preface\noutputs: [{edition}]").replace(
        "It has two chapters.", "It has two chapters. [Here](#preface-title)."), encoding="utf-8")
    chapter = minimal / "chapters" / "01-first.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace(REPLY, f"{REPLY} See [it]({link})."),
                       encoding="utf-8")
    failed = cli("check", "-m", str(minimal))
    assert failed.exit_code == 1
    [line] = [line for line in failed.stderr.splitlines() if "error[" in line]
    number, column = _line_of(chapter, REPLY), len(f"{REPLY} See [it](") + 1
    assert f"01-first.md:{number}:{column}: error[E251]: this link goes to '{link}', on a page the {other} " \
           "leaves out" in line


def _links_and_headings(pdf: Path) -> tuple[list[tuple[int, int]], dict[str, int]]:
    """The links within the PDF as (page of the link, page it goes to), and the page of each
    named destination (a heading's label, ``ch02-second:ch02-second-title``); pages from 0."""
    import pikepdf

    with pikepdf.open(pdf) as doc:
        pages = {page.objgen: index for index, page in enumerate(doc.pages)}

        def page_of(dest) -> int | None:
            if isinstance(dest, pikepdf.Dictionary):
                dest = dest.D
            return pages.get(dest[0].objgen) if isinstance(dest, pikepdf.Array) else None

        tree = doc.Root.get("/Names")
        names = {str(name): page_of(dest) for name, dest in pikepdf.NameTree(tree.Dests).items()} \
            if tree is not None and "/Dests" in tree else {}
        links = []
        for index, page in enumerate(doc.pages):
            for annot in page.obj.get("/Annots", []):
                dest = annot.get("/Dest")
                if dest is None and annot.get("/A") is not None:
                    dest = annot.A.get("/D")
                if isinstance(dest, (pikepdf.String, pikepdf.Name)):
                    links.append((index, names[str(dest).lstrip("/")]))
                elif dest is not None:
                    links.append((index, page_of(dest)))
        return links, names


def test_a_link_to_a_chapter_or_page_id_goes_to_its_first_page_in_both_editions(minimal, cli, tmp_path):
    """"See chapter 2" written `#ch02-second` (the EPUB's wrapper section; in the PDF, the record
    book.typ sets where the chapter starts), and to the editor's preface and the sources appendix.
    In the EPUB each document is a file: a link to another's id names it (it was RSC-012)."""
    import zipfile

    from validators import epubcheck

    chapter = minimal / "chapters" / "01-first.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace(
        REPLY, f"{REPLY} See [two](#ch02-second), [one](#ch01-first), [pre](#preface), "
               "[src](#sources-and-permissions), [head](#ch02-second-title)."), encoding="utf-8")
    out = tmp_path / "out"
    built = cli("build", "all", "--no-cache", "-m", str(minimal), "--out-dir", str(out))
    assert built.exit_code == 0, built.stderr
    [epub], [pdf] = out.glob("*.epub"), [p for p in out.glob("*.pdf") if "cover" not in p.name]
    assert epubcheck(epub).errors == 0
    xhtml = zipfile.ZipFile(epub).read("EPUB/ch01-first.xhtml").decode()
    for href in ("ch02-second.xhtml#ch02-second", "#ch01-first", "preface.xhtml#preface",
                 "sources-and-permissions.xhtml#sources-and-permissions", "ch02-second.xhtml#ch02-second-title"):
        assert f'href="{href}"' in xhtml
    links, headings = _links_and_headings(pdf)
    reply = headings["ch01-first:ch01-first--reply-title"]
    from_reply = {to for at, to in links if at == reply}
    for doc in ("ch02-second", "ch01-first", "preface", "sources-and-permissions"):
        assert headings[f"{doc}:{doc}-title"] in from_reply, (doc, links, headings)


def test_check_says_what_pandocs_reader_would_say_in_the_build(minimal, cli, tmp_path):
    """A note defined twice passed `book check` and stopped the build (E531): the check reads the
    documents with pandoc, as the build renders them, and places what it says."""
    chapter = minimal / "chapters" / "02-second.md"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.replace("Another letter.", "Another letter.[^n] And [x][r].\n\n[^n]: One.\n\n[^n]: Two.\n\n"
                                    "[r]: https://example.org/a\n[r]: https://example.org/b\n", 1), encoding="utf-8")
    checked = cli("check", "-m", str(minimal))
    built = cli("build", "epub", "-m", str(minimal), "--out-dir", str(tmp_path / "out"))
    said = [line for line in checked.stderr.splitlines() if "[E53" in line]
    assert checked.exit_code == built.exit_code == 1
    assert said == [line for line in built.stderr.splitlines() if "[E53" in line]
    assert said[0].startswith(f"{chapter}:15:1: error[E531]") and said[1].startswith(f"{chapter}:18:1: warning[E532]")
    chapter.write_text(text.replace("Another letter.", "Another letter. [x][r]\n\n[r]: https://example.org/a\n"
                                    "[r]: https://example.org/b\n", 1), encoding="utf-8")
    assert cli("check", "-m", str(minimal)).exit_code == 0
    assert cli("check", "--strict", "-m", str(minimal)).exit_code == 1
