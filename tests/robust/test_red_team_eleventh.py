"""Kinds an eleventh red-team round found, an editor's mistakes in a book of their own: a misspelt key or
section said twice (as itself and as the one it hides), a forgotten ':::' placed at the wrong line, a
quotation whose class is misspelt printed unchecked, a note reference without its note printed as text, an
edits line uncommented without its value. Each is now one located line, with a did-you-mean where a name
is close."""

from __future__ import annotations

import pytest

from .edits import clean_failure
from .edits import replace_once as _replace


def _errors(stderr: str) -> list[str]:
    """The error lines a run printed (the summary line left out)."""
    return [line for line in stderr.splitlines() if "error[" in line]


# ------------------------------------------------------------------ one mistake, one line

@pytest.mark.parametrize(("old", "new", "said"), [
    ("title: A Small Test Book", "titel: A Small Test Book", "unknown key 'titel'; did you mean 'title'?"),
    ("language: en", "Language: en", "did you mean 'language'?"),
    ("  - name: Ada Editor", "  - nmae: Ada Editor", "did you mean 'name'?"),
])
def test_a_misspelt_required_key_is_one_error(minimal, cli, old, new, said):
    """It was also E103 'missing required key' at the same line: the same mistake said twice."""
    _replace(minimal / "book.yaml", old, new)
    errors = _errors(clean_failure(cli("check", "-m", str(minimal)), said))
    assert len(errors) == 1 and "E102" in errors[0], errors


def test_a_choice_misspelt_gets_a_did_you_mean(minimal, cli):
    _replace(minimal / "book.yaml", "role: editor", "role: Editr")
    errors = _errors(clean_failure(cli("check", "-m", str(minimal)), "'Editr' is not one of editor, author",
                                   "did you mean 'editor'?"))
    assert len(errors) == 1, errors


@pytest.mark.parametrize(("old", "new", "code"), [
    ("title: The First Chapter", "titel: The First Chapter", "E216"),
    ("title: The First Chapter", "title: Part One: The Start", "E101"),
])
def test_a_front_matter_mistake_is_one_error(minimal, cli, old, new, code):
    """A misspelt title, or one whose colon breaks the YAML, also said 'missing required key title'."""
    _replace(minimal / "chapters" / "01-first.md", old, new)
    errors = _errors(clean_failure(cli("check", "-m", str(minimal))))
    assert len(errors) == 1 and code in errors[0], errors


def test_an_empty_front_matter_still_says_what_it_lacks(minimal, cli):
    _replace(minimal / "chapters" / "01-first.md", "title: The First Chapter\n", "")
    clean_failure(cli("check", "-m", str(minimal)), "E217", "missing required key 'title'")


@pytest.mark.parametrize("name", ["replly", "Reply"])
def test_a_misspelt_section_does_not_also_lack_the_section(minimal, cli, name):
    _replace(minimal / "chapters" / "01-first.md", "::: reply", f"::: {name}")
    errors = _errors(clean_failure(cli("check", "-m", str(minimal)), "did you mean 'reply'?"))
    assert len(errors) == 1, errors


def test_a_forgotten_close_is_placed_where_it_is_missing(minimal, cli):
    """The excerpt's ':::' forgotten: the section's closed the excerpt, and 'reply' opened inside 'letter'.
    It was E206 at the letter's line and E213 for both required sections."""
    chapter = minimal / "chapters" / "01-first.md"
    _replace(chapter, "What am I doing wrong?\n:::\n", "What am I doing wrong?\n")
    errors = _errors(clean_failure(cli("check", "-m", str(minimal)), "E206",
                                   "section 'reply' opens inside it at line 12; write ':::' before line 12"))
    assert len(errors) == 1, errors


def test_two_forgotten_closes_are_counted_and_named(minimal, cli):
    """The excerpt's ':::' and its section's both forgotten: two are missing before 'reply', not one."""
    _replace(minimal / "chapters" / "01-first.md", "What am I doing wrong?\n:::\n:::\n", "What am I doing wrong?\n")
    said = ("2 fenced divs are never closed with ':::', 'letter' (line 5), 'excerpt' (line 8): section 'reply' opens "
            "inside them at line 11; write 2 lines of ':::' before line 11")
    errors = _errors(clean_failure(cli("check", "-m", str(minimal)), "01-first.md:8:", "E206", said))
    assert len(errors) == 1, errors


def test_the_last_section_unclosed_is_one_error(minimal, cli):
    chapter = minimal / "chapters" / "02-second.md"
    _replace(chapter, "Patience is the whole of the secret.\n:::\n:::\n", "Patience is the whole of the secret.\n:::\n")
    errors = _errors(clean_failure(cli("check", "-m", str(minimal)), "E206"))
    assert len(errors) == 1, errors


def test_an_excerpt_on_its_own_says_where_it_belongs(minimal, cli):
    _replace(minimal / "chapters" / "02-second.md", "::: letter\nAnother letter.\n:::",
             '::: {.excerpt source="garden-letters" unit="c2"}\nThank you, Bartholomew.\n:::\n\n'
             "::: letter\nAnother letter.\n:::")
    clean_failure(cli("check", "-m", str(minimal)), "an excerpt stands inside a section such as '::: epigraph'")


# ------------------------------------------------------------------ quotations that would pass unchecked

@pytest.mark.parametrize(("attributes", "said"), [
    ('{.exerpt source="garden-letters" unit="c2"}', "did you mean '.excerpt'?"),
    ('{.Excerpt source="garden-letters" unit="c2"}', "did you mean '.excerpt'?"),
    ('{source="garden-letters" unit="c2"}', "names a source or unit but is not an excerpt"),
])
def test_a_quotation_with_a_wrong_class_is_refused(minimal, cli, attributes, said):
    """It built, printing the quotation as the editor's own words, unchecked and unattributed."""
    _replace(minimal / "chapters" / "02-second.md", '{.excerpt source="garden-letters" unit="c2"}', attributes)
    errors = _errors(clean_failure(cli("check", "-m", str(minimal)), "E252", said))
    assert len(errors) == 1, errors


@pytest.mark.parametrize(("attributes", "said"), [
    ('{.excerpt sorce="garden-letters" unit="c2"}', 'did you mean source="…" for sorce=?'),
    ('{.excerpt source="garden-letters" unti="c2"}', 'did you mean unit="…" for unti=?'),
])
def test_a_misspelt_excerpt_attribute_is_one_error(minimal, cli, attributes, said):
    """It was E301 and E227 (an attribute not allowed) for the one slip."""
    _replace(minimal / "chapters" / "02-second.md", '{.excerpt source="garden-letters" unit="c2"}', attributes)
    errors = _errors(clean_failure(cli("check", "-m", str(minimal)), "E301", said))
    assert len(errors) == 1, errors


# ------------------------------------------------------------------ notes

def test_a_note_reference_without_its_note_is_refused(minimal, cli):
    """Pandoc prints `[^2]` as text when no note has its label; it built."""
    _replace(minimal / "chapters" / "01-first.md", "Our own commentary.", "Our own commentary.[^2]")
    clean_failure(cli("check", "-m", str(minimal)), "01-first.md:20:20: error[E253]: [^2] refers to no note")


def test_a_note_label_in_another_case_is_one_error(minimal, cli):
    _replace(minimal / "chapters" / "01-first.md", "with a note.[^1]", "with a note.[^N1]")
    _replace(minimal / "chapters" / "01-first.md", "[^1]: The note's", "[^n1]: The note's")
    errors = _errors(clean_failure(cli("check", "-m", str(minimal)), "E253", "did you mean [^n1]?"))
    assert len(errors) == 1, errors        # not also E246 for [^n1]


@pytest.mark.parametrize("written", ["\\[^2]", "`[^2]`", "<!-- cut [^2] -->", "<!--\nfor later [^2]\n-->"])
def test_a_note_reference_written_as_text_passes(minimal, cli, written):
    _replace(minimal / "chapters" / "01-first.md", "Our own commentary.", f"Our own commentary {written}.")
    assert cli("check", "-m", str(minimal)).exit_code == 0


def test_a_note_referred_to_only_in_a_comment_is_never_referred_to(minimal, cli):
    """Pandoc prints nothing of a comment, so the note it mentions would be dropped."""
    _replace(minimal / "chapters" / "01-first.md", "with a note.[^1]", "with a note.<!-- [^1] -->")
    errors = _errors(clean_failure(cli("check", "-m", str(minimal)), "E246", "[^1] is never referred to"))
    assert len(errors) == 1, errors


def test_a_reference_in_an_escaped_comment_is_printed_so_needs_its_note(minimal, cli):
    _replace(minimal / "chapters" / "01-first.md", "Our own commentary.", "Our own commentary \\<!-- [^2] -->.")
    clean_failure(cli("check", "-m", str(minimal)), "E253", "[^2] refers to no note")


# ------------------------------------------------------------------ the edits template

@pytest.mark.parametrize(("edits", "said"), [
    ("title: ...\n", "`title` is still the template's placeholder '...'"),
    ("units:\n  c1: {author: …}\n", "`units.c1.author` is still the template's placeholder '…'"),
])
def test_an_uncommented_placeholder_is_refused(minimal, cli, edits, said):
    """`author: ...` uncommented from the template credited the post to '...' with a warning, exit 0."""
    (minimal / "sources" / "garden-letters.edits.yaml").write_text(edits, encoding="utf-8")
    clean_failure(cli("check", "-m", str(minimal)), "garden-letters.edits.yaml:", "S111", said)


# ------------------------------------------------------------------ a quotation copied from a web page

@pytest.mark.parametrize("mark", ["\u00ad", "\u200b", "\u2060", "\ufeff"])
def test_an_invisible_mark_from_a_copy_paste_matches(minimal, cli, mark):
    """A soft hyphen or a zero-width space pasted into a quotation was E313, the two shown identical."""
    _replace(minimal / "chapters" / "02-second.md", "Patience is the whole", f"Pa{mark}tience is the whole")
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 0, result.stderr


def test_a_changed_word_beside_an_invisible_mark_is_still_refused(minimal, cli):
    _replace(minimal / "chapters" / "02-second.md", "Patience is the whole", "Pa\u00adtience is all")
    clean_failure(cli("check", "-m", str(minimal)), "E313")


# ------------------------------------------------------------------ images and links named as files

def _image(minimal, name: str) -> None:
    from PIL import Image

    (minimal / "images").mkdir(exist_ok=True)
    Image.new("RGB", (20, 20), "red").save(minimal / "images" / name, "PNG")


def test_an_image_address_with_a_space_is_read_as_pandoc_reads_it(minimal, cli):
    """`![A clock](images/my clock.png)`: pandoc reads the whole address; the check read 'images/my',
    E230 (not found) and E234 (no type), for an image that exists. The EPUB's package cannot name it
    (epubcheck RSC-020): that is the one error, saying what to rename it to."""
    _image(minimal, "my clock.png")
    _replace(minimal / "chapters" / "01-first.md", "Our own commentary.",
             "Our own commentary.\n\n![A clock](images/my  clock.png)")
    errors = _errors(clean_failure(cli("check", "-m", str(minimal)), "E234", "'images/my clock.png' holds a space",
                                   "rename the file, e.g. 'images/my-clock.png'"))
    assert len(errors) == 1, errors


@pytest.mark.parametrize(("written", "meant"), [
    ("images/clock.png", "images/Clock.PNG"), ("../images/Clock.PNG", "images/Clock.PNG"),
    ("images/my%20clock.png", "images/my clock.png"), ("images/clok.png", "images/Clock.PNG"),
])
def test_a_missing_image_gets_a_did_you_mean(minimal, cli, written, meant):
    _image(minimal, "Clock.PNG")
    _image(minimal, "my clock.png")
    _replace(minimal / "chapters" / "01-first.md", "Our own commentary.", f"Our own commentary.\n\n![A clock]({written})")
    errors = _errors(clean_failure(cli("check", "-m", str(minimal)), "E230", f"did you mean '{meant}'?"))
    assert len(errors) == 1, errors


@pytest.mark.parametrize(("link", "said"), [
    ("02-second.md", "write '(#ch02-second)'"), ("chapters/02-second.md", "write '(#ch02-second)'"),
    ("front/preface.md", "write '(#preface)'"), ("02-second.md#roses", "write '(#roses)'"),
])
def test_a_link_to_a_chapter_file_says_the_id_to_write(minimal, cli, link, said):
    _replace(minimal / "chapters" / "01-first.md", "Our own commentary.", f"Our own [commentary]({link}).")
    clean_failure(cli("check", "-m", str(minimal)), "E223", said)


def test_the_id_said_for_a_file_is_the_id_the_book_gives_it(minimal):
    """The check names a page's id from book.yaml's list (a per-file rule sees one chapter) with the function
    the reader gives the id by, so the two cannot drift apart."""
    from book.editorial.rules import _page_meant
    from book.manuscript import load_manuscript
    from book.manuscript.ids import chapter_id, matter_id
    from book.support.diagnostics import Report

    manuscript = load_manuscript(minimal, Report())
    assert all(chapter.id == chapter_id(chapter.path) for chapter in manuscript.chapters)
    assert all(page.id == matter_id(page.path) for page in (*manuscript.front, *manuscript.back) if page.path)
    pages = [*manuscript.front, *manuscript.chapters, *manuscript.back]
    assert [page for page in pages if page.path is not None]
    for page in pages:
        if page.path is not None:
            assert _page_meant(page.path.name, manuscript).startswith(f"; to link to {page.path.name} write '(#{page.id})'")


# ------------------------------------------------------------------ sources named otherwise

def test_a_source_named_by_its_title_gets_its_id(minimal, cli):
    from book.sources.store import load_source
    from book.support.diagnostics import Report

    title = load_source(minimal / "sources" / "garden-letters.yaml", Report()).title
    _replace(minimal / "chapters" / "02-second.md", 'source="garden-letters"', f'source="{title}"')
    clean_failure(cli("check", "-m", str(minimal)), "E310", "did you mean 'garden-letters'? (the source titled")


def test_a_source_removed_but_its_edits_left_says_so(minimal, cli):
    (minimal / "sources" / "garden-letters.yaml").unlink()
    clean_failure(cli("check", "-m", str(minimal)), "E310",
                  "sources/garden-letters.edits.yaml is there but sources/garden-letters.yaml is not")


def test_a_renamed_source_file_is_one_error_at_its_id(minimal, cli):
    """It was S105 and an E310 at every excerpt of it."""
    (minimal / "sources" / "garden-letters.yaml").rename(minimal / "sources" / "letters.yaml")
    errors = _errors(clean_failure(cli("check", "-m", str(minimal)), "S105"))
    assert len(errors) == 1, errors


@pytest.mark.parametrize("written", ["garden-letters.yaml", "garden-letters.edits", "garden-leters"])
def test_sources_show_of_a_file_name_gets_the_id(minimal, cli, written):
    clean_failure(cli("sources", "show", written, "-m", str(minimal)), "S120", "did you mean 'garden-letters'?")


def test_a_stylesheet_of_a_page_saved_complete_is_not_a_capture(minimal, cli, tmp_path):
    parts = tmp_path / "page_files"
    parts.mkdir()
    (parts / "style.css").write_text("body { color: red }\n.post { margin: 0 }\n", encoding="utf-8")
    clean_failure(cli("sources", "import", str(parts / "style.css"), "-m", str(minimal)), "S203", "a stylesheet")
    assert not (minimal / "sources" / "style.yaml").exists()


# ------------------------------------------------------------------ where the book is

def test_a_chapter_listed_misspelt_is_not_also_unlisted(minimal, cli):
    _replace(minimal / "book.yaml", "  - chapters/02-second.md", "  - chapters/02-secnd.md")
    result = cli("check", "-m", str(minimal))
    errors = _errors(clean_failure(result, "did you mean 'chapters/02-second.md'?"))
    assert len(errors) == 1 and "E219" not in result.stderr, result.stderr


def test_book_new_inside_a_manuscript_is_refused(minimal, cli):
    """It wrote a second book into chapters/, whose files the first then warned of one by one."""
    result = cli("new", str(minimal / "chapters" / "inner"))
    clean_failure(result, "E801", "is inside the book whose settings are")
    assert not (minimal / "chapters" / "inner").exists()


def test_a_book_copied_under_chapters_is_one_warning(minimal, cli, tmp_path):
    assert cli("new", str(tmp_path / "other")).exit_code == 0
    import shutil

    shutil.copytree(tmp_path / "other", minimal / "chapters" / "other")
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 0
    warnings = [line for line in result.stderr.splitlines() if "E219" in line]
    assert len(warnings) == 1 and "holds a book of its own" in warnings[0], warnings


@pytest.mark.parametrize("name", ["book.yml", "Book.yaml", "book.yaml.txt"])
def test_a_misnamed_book_yaml_is_named(minimal, cli, monkeypatch, name):
    (minimal / "book.yaml").rename(minimal / name)
    monkeypatch.chdir(minimal / "chapters")
    clean_failure(cli("check"), f"{name}: rename it book.yaml")


def test_above_the_books_they_are_listed(minimal, cli, monkeypatch):
    monkeypatch.chdir(minimal.parent)
    clean_failure(cli("check"), "the books below it: minimal")


def test_a_section_listed_twice_is_said_at_its_line(minimal, cli):
    _replace(minimal / "book.yaml", "  - name: commentary", "  - name: letter")
    clean_failure(cli("check", "-m", str(minimal)), "book.yaml:30:1: error[E104]",
                  "section 'letter' is listed twice (the 2nd and 4th sections)")


# ------------------------------------------------------------------ a version released twice

def _released(tmp_path, epub: bytes):
    from types import SimpleNamespace

    folder = tmp_path / "dist"
    folder.mkdir()
    (folder / "book-1.0.0.epub").write_bytes(epub)
    config = tmp_path / "book.yaml"
    config.write_text("title: T\nversion: 1.0.0\n", encoding="utf-8")
    manuscript = SimpleNamespace(config=SimpleNamespace(version="1.0.0"), config_path=config)
    return manuscript, [folder / "book-1.0.0.epub"]


def test_a_changed_book_released_under_the_same_version_is_refused(tmp_path):
    """`book release` twice with the same version replaced the first release by another book, exit 0."""
    from book.release.publish import check_version_unreleased
    from book.support.diagnostics import BookError

    manuscript, existing = _released(tmp_path, b"the first edition")
    with pytest.raises(BookError) as raised:
        check_version_unreleased(manuscript, existing, {"book-1.0.0.epub": b"another book"})
    said = raised.value.report.items[0]
    assert said.code == "E701" and said.line == 2 and "raise 'version' in book.yaml" in said.message


def test_the_same_book_released_again_is_kept(tmp_path):
    from book.release.publish import check_version_unreleased

    manuscript, existing = _released(tmp_path, b"the first edition")
    check_version_unreleased(manuscript, existing, {"book-1.0.0.epub": b"the first edition"})
    check_version_unreleased(manuscript, existing, {"book-1.1.0.epub": b"the next edition"})


def test_a_unit_in_another_case_gets_a_did_you_mean(minimal, cli):
    _replace(minimal / "chapters" / "02-second.md", 'unit="c2"', 'unit="C2"')
    clean_failure(cli("check", "-m", str(minimal)), "E311", "did you mean 'c2'?")


@pytest.mark.parametrize("address", ["https://example.com/2020/01/post/", "www.example.com/post"])
def test_importing_an_address_says_to_save_the_page(minimal, cli, address):
    """It said "File 'https://…' does not exist"."""
    clean_failure(cli("sources", "import", address, "-m", str(minimal)), "this is the page's address, not a saved page")


def test_a_release_dated_by_its_files_says_a_saved_file_dates_the_book_anew(tmp_path):
    """Without git or SOURCE_DATE_EPOCH a `touch` changes the release's bytes: E701 must not claim the text changed."""
    from book.release.publish import check_version_unreleased
    from book.support.diagnostics import BookError

    manuscript, existing = _released(tmp_path, b"the first edition")
    with pytest.raises(BookError) as raised:
        check_version_unreleased(manuscript, existing, {"book-1.0.0.epub": b"dated anew"}, "files")
    message = raised.value.report.items[0].message
    assert "modification times" in message and "SOURCE_DATE_EPOCH" in message and "has changed since" not in message
