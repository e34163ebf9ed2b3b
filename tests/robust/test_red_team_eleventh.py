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
    errors = _errors(clean_failure(cli("check", "-m", str(minimal)), "E776", said))
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
    clean_failure(cli("check", "-m", str(minimal)), "01-first.md:20:20: error[E777]: [^2] refers to no note")


def test_a_note_label_in_another_case_is_one_error(minimal, cli):
    _replace(minimal / "chapters" / "01-first.md", "with a note.[^1]", "with a note.[^N1]")
    _replace(minimal / "chapters" / "01-first.md", "[^1]: The note's", "[^n1]: The note's")
    errors = _errors(clean_failure(cli("check", "-m", str(minimal)), "E777", "did you mean [^n1]?"))
    assert len(errors) == 1, errors        # not also E246 for [^n1]


@pytest.mark.parametrize("written", ["\\[^2]", "`[^2]`"])
def test_a_note_reference_written_as_text_passes(minimal, cli, written):
    _replace(minimal / "chapters" / "01-first.md", "Our own commentary.", f"Our own commentary {written}.")
    assert cli("check", "-m", str(minimal)).exit_code == 0


# ------------------------------------------------------------------ the edits template

@pytest.mark.parametrize(("edits", "said"), [
    ("title: ...\n", "`title` is still the template's placeholder '...'"),
    ("units:\n  c1: {author: …}\n", "`units.c1.author` is still the template's placeholder '…'"),
])
def test_an_uncommented_placeholder_is_refused(minimal, cli, edits, said):
    """`author: ...` uncommented from the template credited the post to '...' with a warning, exit 0."""
    (minimal / "sources" / "garden-letters.edits.yaml").write_text(edits, encoding="utf-8")
    clean_failure(cli("check", "-m", str(minimal)), "garden-letters.edits.yaml:", "E778", said)
