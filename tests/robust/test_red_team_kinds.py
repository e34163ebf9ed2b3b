"""Kinds of bad input found by the red team of 2026-12-02 (issue 15), one test per mechanism fixed.

Each case ends in a located one-line error or a clean result, quickly, and leaves the outputs as they were."""

from __future__ import annotations

import time

import pytest


def _errors(result) -> list[str]:
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    return [line for line in result.stderr.splitlines() if "error[" in line]


@pytest.mark.parametrize("where", ["book.yaml", "chapters/01-first.md"])
def test_a_long_word_in_yaml_is_refused_before_the_yaml_reader(minimal, cli, where):
    """ruamel.yaml's round-trip reader is quadratic in a word of a comment before the first key: a
    1 MB one took more than a minute (`book check` hung past the 60 s limit). E228 first, as in a chapter."""
    path = minimal / where
    text = path.read_text(encoding="utf-8")
    if where == "book.yaml":
        path.write_text("# " + "x" * 1_000_000 + "\n" + text, encoding="utf-8")
        line = 1
    else:
        path.write_text(text.replace("---\n", "---\n# " + "x" * 1_000_000 + "\n", 1), encoding="utf-8")
        line = 2
    started = time.monotonic()
    result = cli("check", "-m", str(minimal))
    assert time.monotonic() - started < 20
    assert result.exit_code == 1
    [error] = _errors(result)
    assert f"{where}:{line}:3: error[E228]: a word of 1,000,000 characters without a space" in error


DEEP_YAML = {
    # 100,000 nested flow lists: ruamel's C loader died of a segmentation fault (exit 139), and its
    # C parser's scanner is quadratic in the depth (two minutes before the first count).
    "flow": "extra: " + "[ " * 100_000 + " ]" * 100_000 + "\n",
    # 3,000 nested mappings: the round-trip reader ran out of stack (internal error, exit 70).
    "block": "extra:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 3000)) + "  " * 3000 + "v\n",
}


@pytest.mark.parametrize("kind", sorted(DEEP_YAML))
@pytest.mark.parametrize("where, code", [("book.yaml", "E226"), ("sources/garden-letters.yaml", "S134"),
                                         ("sources/garden-letters.edits.yaml", "S134"),
                                         ("chapters/01-first.md", "E226")])
def test_yaml_nested_past_reason_is_refused_at_its_line(minimal, cli, kind, where, code):
    path = minimal / where
    text = path.read_text(encoding="utf-8")
    if where.endswith(".md"):
        path.write_text(text.replace("---\n", "---\n" + DEEP_YAML[kind], 1), encoding="utf-8")
    else:
        path.write_text(text + DEEP_YAML[kind], encoding="utf-8")
    started = time.monotonic()
    result = cli("check", "-m", str(minimal))
    assert time.monotonic() - started < 30
    assert result.exit_code == 1
    [error] = [line for line in _errors(result) if f"error[{code}]" in line]
    assert f"{where}:" in error and "nested more than 64 deep" in error


def test_yaml_nested_as_a_book_needs_passes(minimal, cli):
    config = minimal / "book.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "subjects: [Testing, Psychotherapy]", "subjects: [Testing, Psychotherapy]  # [[[[ not nesting"), encoding="utf-8")
    assert cli("check", "-m", str(minimal)).exit_code == 0


def test_a_title_with_line_breaks_stays_one_line_in_every_output(minimal, cli, tmp_path):
    """A title is put inside a heading or a span of the template's Markdown, and in a comment of the
    Typst source: a line break in it (a YAML escape) broke the chapter's heading, lost its id and
    opened a div; in book.yaml, `\\n\\n# heading` ended the comment and Typst stopped (E506, no file)."""
    import zipfile

    injected = "\\n\\n# Injected heading\\n\\n::: {.x}\\n#panic(1) &amp;"
    config = minimal / "book.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "title: A Small Test Book", f'title: "A Small{injected} Book"', 1), encoding="utf-8")
    chapter = minimal / "chapters" / "01-first.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace(
        "title: The First Chapter", f'title: "The First{injected} Chapter"', 1), encoding="utf-8")
    out = tmp_path / "out"
    result = cli("build", "all", "--no-cache", "-m", str(minimal), "--out-dir", str(out))
    assert result.exit_code == 0, result.stderr
    assert not _errors(result) and "warning[" not in result.stderr
    [epub] = out.glob("*.epub")
    xhtml = zipfile.ZipFile(epub).read("EPUB/ch01-first.xhtml").decode()
    assert 'id="ch01-first-title"' in xhtml and "<h1" in xhtml and xhtml.count("<h1") == 1
    assert "Injected heading ::: {.x} #panic(1) &amp;amp; Chapter" in xhtml
    assert 'class="x"' not in xhtml


def _add(minimal, text: str) -> None:
    chapter = minimal / "chapters" / "01-first.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace(
        "Our own commentary.", "Our own commentary.\n\n" + text + "\n", 1), encoding="utf-8")


@pytest.mark.parametrize("text, deep", [("[" * 15 + "x" + "]" * 15, 15),
                                        ("[a [b [c\n[d [e [f x] f] e]\nd] c] b] a]", 6),
                                        ("[[[[[[x]]]]]](https://example.org)", 6)])
def test_brackets_nested_past_pandocs_reason_are_refused(minimal, cli, tmp_path, text, deep):
    """Pandoc's reader is exponential in nested brackets: 15 deep, written in a lint-clean chapter
    (E225 allowed 16), built for more than a minute and was killed. Counted over a paragraph's lines."""
    _add(minimal, text)
    started = time.monotonic()
    result = cli("build", "all", "-m", str(minimal), "--out-dir", str(tmp_path / "out"))
    assert time.monotonic() - started < 30
    assert result.exit_code == 1
    [error] = _errors(result)
    assert "01-first.md:" in error and f"error[E225]: brackets ([…], links and spans) nested {deep} deep" in error
    assert "(at most 5 levels)" in error
    assert not (tmp_path / "out").exists()


def test_brackets_a_book_writes_pass(minimal, cli):
    _add(minimal, "[[![a](x.png)](https://example.org)]{.c} and [a [b [c](https://example.org)]]{.d}\n\n"
                  "[a [b\n\n[c [d [e x]]]] and `[[[[[[[[in code]]]]]]]]` and \\[\\[\\[\\[\\[\\[escaped")
    result = cli("check", "-m", str(minimal))
    assert not [line for line in _errors(result) if "E225" in line], result.stderr


_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" '
        'height="10">{}</svg>')
SVGS = {
    # the EPUB carried these as they were: a reading system that runs SVG animation follows the link
    "animate sets a link": ('<a><animate attributeName="href" values="javascript:alert(1)"/><rect width="1" '
                            'height="1"/></a>', "has a <animate> that changes href="),
    "set sets a link": ('<a><set attributeName="xlink:href" to="javascript:alert(1)"/></a>', "has a <set> that changes href="),
    "set sets a handler": ('<rect><set attributeName="onclick" to="alert(1)"/></rect>', "has a <set> that changes onclick="),
    # Typst stopped with "failed to parse SVG (nodes limit reached)", E506 naming no file
    "use loop": ('<defs><g id="a"><use href="#b"/></g><g id="b"><use href="#a"/></g></defs><use href="#a"/>',
                 "has a <use> that shows itself"),
    "use multiplies": ('<defs><g id="l0"><rect width="1" height="1"/></g>'
                       + "".join(f'<g id="l{i}">' + f'<use href="#l{i - 1}"/>' * 10 + "</g>" for i in range(1, 9))
                       + '</defs><use href="#l8"/>', "has more than 100,000 elements once its <use> references"),
}


@pytest.mark.parametrize("kind", sorted(SVGS))
def test_an_svg_that_animates_a_link_or_expands_past_reason_is_refused_at_its_line(minimal, cli, tmp_path, kind):
    body, said = SVGS[kind]
    (minimal / "images").mkdir()
    (minimal / "images" / "x.svg").write_text(_SVG.format(body), encoding="utf-8")
    _add(minimal, "![A drawing](images/x.svg)")
    result = cli("build", "all", "-m", str(minimal), "--out-dir", str(tmp_path / "out"))
    assert result.exit_code == 1
    [error] = _errors(result)
    assert "01-first.md:" in error and f"error[E236]: image 'images/x.svg' {said}" in error
    assert not (tmp_path / "out").exists()


def test_an_svg_that_uses_and_animates_as_drawings_do_passes(minimal, cli, tmp_path):
    (minimal / "images").mkdir()
    (minimal / "images" / "x.svg").write_text(_SVG.format(
        '<defs><g id="a"><rect width="1" height="1"><animate attributeName="fill" values="red;blue" dur="1s"/>'
        '</rect></g></defs><use href="#a"/><use xlink:href="#a" x="2"/>'), encoding="utf-8")
    _add(minimal, "![A drawing](images/x.svg)")
    result = cli("build", "all", "-m", str(minimal), "--out-dir", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("url, said", [("https://example.org:99999/", "its port is not a number"),
                                       ("https://trusted.example@elsewhere.example/", "a user name or password")])
def test_a_source_address_with_credentials_or_no_port_is_refused(minimal, cli, url, said):
    """Both were stored and printed as the source's link: a port past 65535 goes nowhere, and
    `https://trusted.example@elsewhere.example/` reads as one site and goes to another."""
    from book.sources.clean import url_problem

    assert said in url_problem(url)
    source = minimal / "sources" / "garden-letters.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "url: https://example.org/garden-letters", f"url: {url}"), encoding="utf-8")
    result = cli("check", "-m", str(minimal))
    assert "garden-letters.yaml:7: warning[S310]" in result.stderr and said in result.stderr


@pytest.mark.parametrize("option", ["--title", "--site", "--author", "--license"])
@pytest.mark.parametrize("value, said", [("A\x1b[31mB", "control character U+001B"),
                                         ("Site \u202eevil", "invisible format character U+202E"),
                                         ("A\nB", "a line break"), ("t" * 3000, "3,000 characters")])
def test_an_import_option_the_check_would_refuse_is_refused_before_writing(minimal, cli, tmp_path, option, value, said):
    """`--author` with an escape sequence, a bidi override, a line break or 3,000 characters was written
    into the source, which `book check` then refused (E121, S135): now a usage error, nothing written."""
    capture = tmp_path / "capture.txt"
    capture.write_text("A Post About Roses\n\n" + "Plain text paragraph about roses. " * 20 + "\n", encoding="utf-8")
    before = sorted(p.name for p in (minimal / "sources").iterdir())
    result = cli("sources", "import", str(capture), "-m", str(minimal), "--id", "cap", option, value)
    assert result.exit_code == 2
    [line] = [line for line in result.stderr.splitlines() if line.strip()]
    assert f"'{option}': it holds {said}" in line or said in line
    assert sorted(p.name for p in (minimal / "sources").iterdir()) == before


def test_a_chapter_named_in_another_unicode_form_says_so(minimal, cli):
    """`02-café.md` saved with the accent apart (NFD) and listed composed (NFC): "did you mean
    '02-café.md'?" named what looked like the same file."""
    import unicodedata

    (minimal / "chapters" / "02-second.md").rename(minimal / "chapters" / unicodedata.normalize("NFD", "02-café.md"))
    config = minimal / "book.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "chapters/02-second.md", unicodedata.normalize("NFC", "chapters/02-café.md")), encoding="utf-8")
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 1
    [error] = [line for line in _errors(result) if "E112" in line]
    assert "book.yaml:" in error and "has this name in another Unicode form" in error


def test_a_full_or_closed_standard_output_is_one_line_not_an_internal_error(minimal, tmp_path):
    """`book sources list > /dev/full` and a reader that closed the pipe were internal errors (exit 70)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "book", "sources", "list", "-m", str(minimal)],
                              stdout=full, stderr=subprocess.PIPE, env=env, text=True)
    assert done.returncode == 1
    assert done.stderr.strip() == "cannot write to standard output: No space left on device"
    read, write = os.pipe()
    os.close(read)
    done = subprocess.run([sys.executable, "-m", "book", "sources", "list", "-m", str(minimal)],
                          stdout=write, stderr=subprocess.PIPE, env=env, text=True)
    os.close(write)
    assert done.returncode == 1 and done.stderr.strip() == "cannot write to standard output: Broken pipe"


def test_a_source_that_cannot_be_written_is_e509_naming_it(minimal, cli, tmp_path, monkeypatch):
    """A read-only `sources/` (a mount; root ignores file modes) was an internal error, exit 70."""
    import errno

    import book.support.files

    def refuse(folder, prefix):
        raise OSError(errno.EROFS, "Read-only file system", str(folder))

    capture = tmp_path / "capture.txt"
    capture.write_text("A Post About Roses\n\n" + "Plain text paragraph about roses. " * 20 + "\n", encoding="utf-8")
    monkeypatch.setattr(book.support.files, "new_temporary", refuse)
    result = cli("sources", "import", str(capture), "-m", str(minimal), "--id", "cap")
    assert result.exit_code == 1
    [error] = _errors(result)
    assert "cap.yaml: error[E509]: cannot write the output: Read-only file system" in error
    assert not (minimal / "sources" / "cap.yaml").exists()


@pytest.mark.parametrize("where", ["under-a-file/sub", "x" * 300])
def test_book_new_where_no_folder_can_be_made_is_one_line(cli, tmp_path, where):
    """`book new afile/sub` and a 300-byte name were internal errors (exit 70)."""
    (tmp_path / "under-a-file").write_text("x", encoding="utf-8")
    result = cli("new", str(tmp_path / where))
    assert result.exit_code == 1
    [error] = _errors(result)
    assert "error[E805]" in error or "error[E801]" in error
    assert sorted(p.name for p in tmp_path.iterdir()) == ["under-a-file"]
