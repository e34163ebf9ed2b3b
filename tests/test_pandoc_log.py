"""What pandoc warns of while converting (``--log``): a coded diagnostic at the writer's file:line:col.

Through ``book build`` where the check lets the Markdown reach pandoc; through
``convert_each`` with documents made here where the check would stop it first (pandoc is
then the second line of defence, and must still say where).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from book.epub.package import split_documents
from book.render import pandoc as pandoc_module
from book.render.cache import DocCache
from book.render.chapters import RenderedDoc, origins, scope_note_labels, unscoped_column
from book.render.pandoc import HTML_ARGS, convert_documents, convert_each
from book.render.pandoc_log import diagnostics
from book.support.diagnostics import Report, Severity


def add_to_reply(root: Path, text: str) -> Path:
    """Append ``text`` to the reply section of the minimal book's first chapter."""
    path = root / "chapters" / "01-first.md"
    chapter = path.read_text(encoding="utf-8")
    anchor = "[^1]: The note's text, with *emphasis*.\n"
    path.write_text(chapter.replace(anchor, anchor + text), encoding="utf-8")
    return path


def line_of(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").split("\n").index(text) + 1


def doc(doc_id: str, body: str, path: Path, first_line: int = 1, wrapped: bool = True) -> RenderedDoc:
    """A document as the renderer makes one: the writer's text inside the book's wrapper div."""
    markdown = f"::: {{#{doc_id} .book-doc .chapter}}\n{body}\n:::\n" if wrapped else body
    return RenderedDoc(id=doc_id, kind="chapter", title=doc_id, epub_type="chapter",
                       markdown=scope_note_labels(doc_id, markdown),     # placed before scoping, as rendered
                       path=path, origins=origins(markdown, [(body, first_line)]))


def converted(docs: list[RenderedDoc], tmp_path: Path, args=HTML_ARGS, cache=None) -> Report:
    report = Report()
    convert_each(docs, args, tmp_path, split_documents, kind="xhtml", cache=cache, report=report)
    return report


# ------------------------------------------------------------------ through book build

def test_a_note_defined_twice_is_an_error_at_the_second_definition(minimal, cli, tmp_path):
    path = add_to_reply(minimal, "\n[^1]: A second text for the same note.\n")
    result = cli("build", "epub", "--no-cache", "-m", str(minimal), "--out-dir", str(tmp_path / "out"))
    assert result.exit_code == 1, result.stderr
    line = line_of(path, "[^1]: A second text for the same note.")
    assert f"01-first.md:{line}:1: error[E531]: the note [^1] is defined more than once" in result.stderr
    assert "Traceback" not in result.stderr and not list((tmp_path / "out").glob("*.epub"))


def test_a_build_that_pandocs_error_stops_keeps_no_output_in_the_cache(minimal, cli, tmp_path):
    """Nothing is kept before the build has succeeded: a second build fails the same, from pandoc's log."""
    add_to_reply(minimal, "\n[^1]: A second text for the same note.\n")
    out = tmp_path / "out"
    for _ in range(2):
        result = cli("build", "epub", "-m", str(minimal), "--out-dir", str(out))
        assert result.exit_code == 1 and "error[E531]" in result.stderr, result.stderr
        assert not list(out.glob("*.epub")) and not list(out.glob(".cache/out/*"))


def test_a_link_reference_defined_twice_is_a_warning_said_again_from_the_cache(minimal, cli, tmp_path):
    path = add_to_reply(minimal, "\nSee [the guide][g].\n\n[g]: https://a.example/\n[g]: https://b.example/\n")
    line = line_of(path, "[g]: https://b.example/")
    expected = f"01-first.md:{line}:1: warning[E532]: the link reference [g] is defined more than once"
    out = tmp_path / "out"
    first = cli("build", "epub", "-m", str(minimal), "--out-dir", str(out))
    assert first.exit_code == 0, first.stderr
    assert expected in first.stderr
    again = cli("build", "epub", "-m", str(minimal), "--out-dir", str(out))      # the whole run from the cache
    assert again.exit_code == 0 and expected in again.stderr
    preface = minimal / "front" / "preface.md"
    preface.write_text(preface.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    changed = cli("build", "epub", "-m", str(minimal), "--out-dir", str(out))    # the chapter's XHTML from it
    assert changed.exit_code == 0 and expected in changed.stderr
    assert changed.stderr.count("E532") == 1
    strict = cli("build", "epub", "--strict", "-m", str(minimal), "--out-dir", str(tmp_path / "strict"))
    assert strict.exit_code == 1 and expected in strict.stderr


def test_both_editions_read_the_same_markdown_and_say_its_warning_once(minimal, cli, tmp_path):
    path = add_to_reply(minimal, "\nSee [the guide][g].\n\n[g]: https://a.example/\n[g]: https://b.example/\n")
    result = cli("build", "all", "-m", str(minimal), "--out-dir", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("warning[E532]") == 1
    assert f"01-first.md:{line_of(path, '[g]: https://b.example/')}:1:" in result.stderr


def test_the_copy_editing_docx_says_what_its_pandoc_warns_of_at_the_same_place(minimal, cli, tmp_path):
    path = add_to_reply(minimal, "\nSee [the guide][g].\n\n[g]: https://a.example/\n[g]: https://b.example/\n")
    line = line_of(path, "[g]: https://b.example/")
    result = cli("build", "docx", "--no-cache", "-m", str(minimal), "--out-dir", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    assert f"01-first.md:{line}:1: warning[E532]" in result.stderr and result.stderr.count("E532") == 1


def test_an_image_the_docx_prints_but_cannot_convert_is_a_warning_at_its_place(minimal, cli, tmp_path, monkeypatch):
    (minimal / "images").mkdir()
    (minimal / "images" / "square.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>',
        encoding="utf-8")
    path = add_to_reply(minimal, "\n![A square](images/square.svg)\n")
    monkeypatch.setenv("PATH", "/nonexistent")           # no rsvg-convert: pandoc keeps the SVG, warns
    result = cli("build", "docx", "--no-cache", "-m", str(minimal), "--out-dir", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    line = line_of(path, "![A square](images/square.svg)")
    assert f"01-first.md:{line}:13: warning[E530]: pandoc warned (CouldNotConvertImage): Could not convert " \
           "image images/square.svg" in result.stderr
    assert list((tmp_path / "out").glob("*.docx"))


def test_a_warning_of_a_kind_the_book_does_not_know_is_said_in_pandocs_words(minimal, cli, tmp_path):
    add_to_reply(minimal, "\nA [span]{lang=en lang=fr} with an attribute twice.\n")
    result = cli("build", "epub", "--no-cache", "-m", str(minimal), "--out-dir", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    assert "01-first.md: warning[E530]: pandoc warned (DuplicateAttribute): Ignoring duplicate attribute" \
        in result.stderr


# ------------------------------------------------------------------ through convert_each

def test_an_id_given_twice_is_placed_in_the_file(tmp_path):
    path = tmp_path / "chapter.md"
    report = converted([doc("ch", "# One {#same}\n\nText.\n\n# Two {#same}\n\nMore.", path, 20)], tmp_path)
    [found] = report.items
    assert (found.code, found.severity, found.path) == ("E533", Severity.ERROR, path)
    assert found.line is not None and 20 <= found.line <= 26 and "'same'" in found.message


def test_a_note_nothing_refers_to_is_placed_at_its_definition(tmp_path):
    path = tmp_path / "chapter.md"
    report = converted([doc("ch", "Words.\n\n[^lonely]: Nobody refers to me.", path, 7)], tmp_path)
    [found] = report.items
    assert (found.code, found.path, found.line, found.column) == ("E534", path, 9, 1)
    assert "[^lonely]" in found.message            # the label as written, not as scoped for pandoc


def test_a_div_never_closed_is_placed_where_it_opens(tmp_path):
    path = tmp_path / "chapter.md"      # pandoc names the outermost div left open: here, the writer's
    made = doc("ch", "Words.\n\n::: aside\nNever closed.", path, 3, wrapped=False)
    each: list = []
    convert_documents([made.markdown], HTML_ARGS, tmp_path, logged=each)
    [logged] = each
    [found] = diagnostics(made, logged)
    assert (found.code, found.severity, found.path, found.line, found.column) == ("E535", Severity.WARNING, path,
                                                                                 5, 1)


def test_a_resource_pandoc_cannot_read_is_placed_where_the_text_names_it(tmp_path):
    path = tmp_path / "chapter.md"
    made = doc("ch", "Words.\n\nAn image: ![a picture](missing/picture.png)", path, 11)
    each: list = []
    convert_documents([made.markdown], ("--from=markdown", "--to=html5", "--embed-resources"), tmp_path, logged=each)
    [logged] = each
    [found] = diagnostics(made, logged)
    assert (found.code, found.severity, found.path, found.line, found.column) == ("E536", Severity.ERROR, path,
                                                                                 13, 24)
    assert "missing/picture.png" in found.message


def test_a_lua_filters_warning_goes_to_the_document_it_was_converting(tmp_path):
    lua = tmp_path / "warn.lua"
    lua.write_text('function Para(p)\n  local s = pandoc.utils.stringify(p)\n'
                   '  if s:find("careful") then pandoc.log.warn("mind this: " .. s) end\nend\n', encoding="utf-8")
    first, second = tmp_path / "one.md", tmp_path / "two.md"
    docs = [doc("one", "Nothing here.", first), doc("two", "Be careful here.", second)]
    report = converted(docs, tmp_path, (*HTML_ARGS, f"--lua-filter={lua}"))
    [found] = report.items
    assert (found.code, found.severity, found.path) == ("E537", Severity.WARNING, second)
    assert "mind this: Be careful here." in found.message


def test_a_cached_document_says_again_what_pandoc_said(tmp_path, monkeypatch):
    path = tmp_path / "chapter.md"
    docs = [doc("ch", "Words.\n\n[^lonely]: Nobody refers to me.", path)]
    cache = DocCache(tmp_path / "cache")
    cold = converted(docs, tmp_path, cache=cache)

    def no_pandoc(*_args, **_kwargs):
        raise AssertionError("pandoc ran for a cached document")

    monkeypatch.setattr(pandoc_module, "convert_documents", no_pandoc)
    warm = converted(docs, tmp_path, cache=cache)
    assert warm.items == cold.items and [d.code for d in warm.items] == ["E534"]


def test_a_cached_output_without_its_log_is_converted_again(tmp_path):
    path = tmp_path / "chapter.md"
    docs = [doc("ch", "Words.\n\n[^lonely]: Nobody refers to me.", path)]
    cache = DocCache(tmp_path / "cache")
    converted(docs, tmp_path, cache=cache)
    for entry in (tmp_path / "cache" / "xhtml-log").iterdir():
        entry.unlink()                       # a cache written before the logs were kept
    assert [d.code for d in converted(docs, tmp_path, cache=cache).items] == ["E534"]


# ------------------------------------------------------------------ placing

def test_a_column_is_the_writers_before_note_labels_were_scoped():
    line = scope_note_labels("ch01", "> a[^1] then [^2] here")
    assert line == "> a[^ch01-1] then [^ch01-2] here"
    assert unscoped_column("ch01", line, line.index("here") + 1) == "> a[^1] then [^2] here".index("here") + 1
    markdown = f"::: x\n{line}\n:::\n"
    made = RenderedDoc(id="ch01", kind="chapter", title="t", epub_type=None, markdown=markdown, path=Path("c.md"),
                       origins=origins(markdown, [("a[^ch01-1] then [^ch01-2] here", 40)]))
    assert made.place(2, line.index("then") + 1) == (40, "a[^1] then".index("then") + 1)
    assert made.place(1, 1) == (None, None)           # a line the template wrote


@pytest.mark.parametrize("prefix", ["", "> ", "    "])
def test_origins_find_a_block_behind_the_templates_prefix(prefix):
    text = "first line\n\nthird line"
    markdown = "::: wrapper\n" + "\n".join((prefix + part) if part else prefix.rstrip() for part in text.split("\n"))
    assert origins(markdown, [(text, 12)]) == ((2, 3, 12, len(prefix)),)


# ------------------------------------------------------------------ a bound on notes (E538)

def _notes(first: int, count: int, per_paragraph: int) -> tuple[str, str]:
    """``count`` note references, ``per_paragraph`` to a paragraph, and their definitions."""
    labels = [f"n{i}" for i in range(first, first + count)]
    paragraphs = [" ".join(f"word[^{label}]" for label in labels[i:i + per_paragraph])
                  for i in range(0, count, per_paragraph)]
    return "\n\n".join(paragraphs), "\n".join(f"[^{label}]: Note {label}." for label in labels)


def _refused(cli, minimal: Path, out: Path) -> str:
    started = time.monotonic()
    result = cli("build", "all", "-m", str(minimal), "--out-dir", str(out))
    assert result.exit_code == 1 and "Traceback" not in result.stderr, result.stderr
    assert time.monotonic() - started < 20 and not list(out.glob("*.*"))
    [line] = [line for line in result.stderr.splitlines() if "error[" in line]
    return line


def test_more_notes_in_a_chapter_than_any_book_needs_are_refused_before_typesetting(minimal, cli, tmp_path):
    from book.editorial.rules import MAX_NOTES, MAX_NOTES_IN_PARAGRAPH

    text, definitions = _notes(0, MAX_NOTES + 1, MAX_NOTES_IN_PARAGRAPH // 10)
    path = add_to_reply(minimal, f"\n{text}\n\n{definitions}\n")
    line = _refused(cli, minimal, tmp_path / "out")
    last = f"word[^n{MAX_NOTES - 1}]"        # the chapter's own [^1] is the first reference
    number = next(n for n, row in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if last in row)
    column = path.read_text(encoding="utf-8").split("\n")[number - 1].index(last) + len("word") + 1
    assert f"01-first.md:{number}:{column}: error[E538]: more than {MAX_NOTES:,} notes in one file" in line


def test_more_notes_in_a_paragraph_than_any_book_needs_are_refused(minimal, cli, tmp_path):
    from book.editorial.rules import MAX_NOTES_IN_PARAGRAPH

    text, definitions = _notes(0, MAX_NOTES_IN_PARAGRAPH + 1, MAX_NOTES_IN_PARAGRAPH + 1)
    path = add_to_reply(minimal, f"\n{text}\n\n{definitions}\n")
    line = _refused(cli, minimal, tmp_path / "out")
    number = line_of(path, text)
    column = text.index(f"word[^n{MAX_NOTES_IN_PARAGRAPH}]") + len("word") + 1
    assert f"01-first.md:{number}:{column}: error[E538]: more than {MAX_NOTES_IN_PARAGRAPH:,} notes in one " \
           "paragraph" in line


def test_as_many_notes_as_allowed_in_paragraphs_pass_the_check(minimal, cli):
    from book.editorial.rules import MAX_NOTES_IN_PARAGRAPH

    text, definitions = _notes(0, MAX_NOTES_IN_PARAGRAPH * 3, MAX_NOTES_IN_PARAGRAPH)
    add_to_reply(minimal, f"\n{text}\n\n{definitions}\n")
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 0 and "E538" not in result.stderr, result.stderr


@pytest.mark.parametrize("row", ["- word[^{label}]", "{number}. word[^{label}]", "| word[^{label}] | cell |"])
def test_a_tight_list_or_a_table_counts_its_items_and_rows_as_paragraphs(minimal, cli, row):
    """120 list items or pipe table rows, a note each, and no blank line between them: pandoc and
    Typst set each item or cell as a paragraph of its own, so the bound on one paragraph is not passed."""
    from book.editorial.rules import MAX_NOTES_IN_PARAGRAPH

    count = MAX_NOTES_IN_PARAGRAPH + 20
    rows = [row.format(label=f"n{i}", number=i + 1) for i in range(count)]
    header = "| head | more |\n|------|------|\n" if row.startswith("|") else ""
    definitions = "\n".join(f"[^n{i}]: Note n{i}." for i in range(count))
    add_to_reply(minimal, f"\n{header}" + "\n".join(rows) + f"\n\n{definitions}\n")
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 0 and "E538" not in result.stderr, result.stderr


@pytest.mark.parametrize("joint", ["\n", "\n1986. ", "\n> ", "\n- "])
def test_a_paragraph_pandoc_reads_on_over_markers_and_lazy_lines_is_still_bounded(minimal, cli, tmp_path, joint):
    """101 notes in one paragraph as pandoc reads it, its lines starting with a year that looks like a
    list's number, or lazy lines of a block quote (or, for "- ", one list item's lazy lines): refused
    at the 101st note, at its line and column."""
    from book.editorial.rules import MAX_NOTES_IN_PARAGRAPH

    count = MAX_NOTES_IN_PARAGRAPH + 1
    lines = [" ".join(f"word[^n{i}]" for i in range(start, min(start + 10, count))) for start in range(0, count, 10)]
    first = {"\n> ": "> ", "\n- ": "- "}.get(joint, "")
    text = first + lines[0] + "".join(("\n" if joint in ("\n> ", "\n- ") else joint) + line for line in lines[1:])
    definitions = "\n".join(f"[^n{i}]: Note n{i}." for i in range(count))
    path = add_to_reply(minimal, f"\n{text}\n\n{definitions}\n")
    line = _refused(cli, minimal, tmp_path / "out")
    beyond = f"word[^n{MAX_NOTES_IN_PARAGRAPH}]"
    rows = path.read_text(encoding="utf-8").split("\n")
    number = next(n for n, row in enumerate(rows, 1) if beyond in row)
    column = rows[number - 1].index(beyond) + len("word") + 1
    assert f"01-first.md:{number}:{column}: error[E538]: more than {MAX_NOTES_IN_PARAGRAPH:,} notes in one " \
           "paragraph" in line


def test_a_block_the_template_changed_leaves_the_next_ones_placed():
    long = "\n".join(f"line {i}" for i in range(500))
    markdown = "::: a\n" + long.upper() + "\n:::\n::: b\nafter it\n:::"
    assert origins(markdown, [(long, 10), ("after it", 600)]) == ((504, 1, 600, 0),)


def test_a_message_no_single_document_gives_is_kept_naming_no_file(tmp_path):
    """pandoc named no file, and none of the run's documents gives the message alone: it is said, placed nowhere."""
    docs = [doc("one", "Quiet.", tmp_path / "one.md"), doc("two", "Also quiet.", tmp_path / "two.md")]
    each: list[list] = [[], []]
    odd = {"type": "SomethingBetween", "verbosity": "WARNING", "pretty": "between the files"}
    names = []
    for index, made in enumerate(docs):
        name = tmp_path / f"d{index:06d}.md"
        name.write_text(made.markdown, encoding="utf-8")
        names.append(str(name))
    pandoc_module._trace([odd], (0, 2), [d.markdown for d in docs], names, (*HTML_ARGS, "--file-scope"), tmp_path,
                         tmp_path, each)
    assert each[1] == []
    [found] = diagnostics(docs[0], each[0])
    assert (found.code, found.path, found.line) == ("E530", None, None)
    assert found.message == "pandoc warned (SomethingBetween): between the files"


def test_more_notes_in_the_whole_book_than_any_book_needs_are_refused_at_the_first_beyond(minimal, cli, tmp_path,
                                                                                         monkeypatch):
    """Each file under its own bound, the book over its bound (lowered here: the real one is 20,000)."""
    import book.editorial.rules as rules

    monkeypatch.setattr(rules, "MAX_BOOK_NOTES", 400)
    first, first_definitions = _notes(0, 200, 50)
    add_to_reply(minimal, f"\n{first}\n\n{first_definitions}\n")          # with the chapter's own [^1]: 201
    second = minimal / "chapters" / "02-second.md"
    text, definitions = _notes(1000, 200, 50)
    second.write_text(second.read_text(encoding="utf-8").replace("Another letter.\n",
                                                                 f"Another letter.\n\n{text}\n\n{definitions}\n"),
                      encoding="utf-8")
    line = _refused(cli, minimal, tmp_path / "out")
    beyond = "word[^n1199]"                    # the 401st reference of the book: the second chapter's 200th
    rows = second.read_text(encoding="utf-8").split("\n")
    number = next(n for n, row in enumerate(rows, 1) if beyond in row)
    column = rows[number - 1].index(beyond) + len("word") + 1
    assert f"02-second.md:{number}:{column}: error[E538]: more than 400 notes in the whole book" in line
    monkeypatch.setattr(rules, "MAX_BOOK_NOTES", 402)         # the preface has a note too
    again = cli("check", "-m", str(minimal))
    assert again.exit_code == 0, again.stderr
