"""Privacy: commenters' names under each setting, everywhere in the EPUB and PDF text."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from book.editorial.privacy import initials, mask_contact_details

REAL_NAMES = ("Winifred", "Bartholomew")


def set_privacy(root: Path, block: str) -> None:
    path = root / "book.yaml"
    path.write_text(path.read_text() + "privacy:\n" + block)


def epub_text(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        text = "\n".join(archive.read(n).decode() for n in archive.namelist()
                          if n.endswith((".xhtml", ".opf", ".ncx")))
    return text.replace("\xa0", " ")  # pandoc's smart punctuation ties "Dr." to the name


def pdf_text(path: Path) -> str:
    reader = PdfReader(path)
    text = "\n".join(page.extract_text() for page in reader.pages) + str(reader.metadata)
    return text.replace("\xa0", " ")


def build_both(cli, root: Path, tmp_path: Path) -> tuple[str, str]:
    result = cli("build", "all", "-q", "-m", str(root), "--out-dir", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    paths = [Path(p) for p in result.stdout.split()]
    epub = next(p for p in paths if p.suffix == ".epub")
    pdf = next(p for p in paths if p.suffix == ".pdf" and not p.name.endswith("-cover-wrap.pdf"))
    return epub_text(epub), pdf_text(pdf)


@pytest.mark.parametrize("setting", ["initials", "pseudonyms"])
def test_no_real_commenter_name_anywhere(minimal, cli, tmp_path, setting):
    set_privacy(minimal, f"  commenters: {setting}\n")
    for text in build_both(cli, minimal, tmp_path):
        for name in REAL_NAMES:
            assert name not in text, (setting, name)
        assert "Dr. Rosa Field" in text            # the post's author writes under her own name


def test_initials_apply_to_attributions_and_quoted_text(minimal, cli, tmp_path):
    epub, _ = build_both(cli, minimal, tmp_path)   # initials are the default
    assert "— W., a reader" in epub                 # attribution of the letter inside the post
    assert "Thank you, [B.]. Patience" in epub      # the name inside a quoted reply, bracketed
    assert "W.’s roses" in epub                     # and in the editor's own prose


def test_as_written_keeps_names(minimal, cli, tmp_path):
    set_privacy(minimal, "  commenters: as-written\n")
    epub, pdf = build_both(cli, minimal, tmp_path)
    assert "Bartholomew" in epub and "Winifred" in " ".join(pdf.split())


def test_pseudonyms_are_generated_once_then_editable(minimal, cli, tmp_path):
    set_privacy(minimal, "  commenters: pseudonyms\n")
    epub1, _ = build_both(cli, minimal, tmp_path)
    map_file = minimal / "pseudonyms.yaml"
    assert map_file.is_file()
    mapping = dict(re.findall(r'^"([^"]+)": "([^"]+)"$', map_file.read_text(), re.M))
    assert set(mapping) == {"Bartholomew", "Winifred"}
    assert f"{mapping['Bartholomew']}, a gardener" in epub1
    map_file.write_text(map_file.read_text().replace(f'"{mapping["Bartholomew"]}"', '"Horatio"'))
    epub2, _ = build_both(cli, minimal, tmp_path)
    assert "Horatio, a gardener" in epub2 and "Thank you, [Horatio]." in epub2


def test_listed_post_author_is_anonymised(minimal, cli, tmp_path):
    set_privacy(minimal, "  anonymise: [Dr. Rosa Field]\n")
    epub, _ = build_both(cli, minimal, tmp_path)
    assert "Rosa Field" not in epub and "D. R. F." in epub


def test_contact_details_are_masked(minimal, cli, tmp_path):
    epub, pdf = build_both(cli, minimal, tmp_path)
    for text in (epub, " ".join(pdf.split())):
        assert "bart.gardener@example.com" not in text and "555-123-4567" not in text
        assert "bartsgarden.example.net" not in text
    assert "[email address removed]" in epub and "[phone number removed]" in epub and "[link removed]" in epub
    assert "https://example.org/garden-letters" in epub   # the source's own address is not a comment's


@pytest.mark.parametrize("name,expected", [("Cindy", "C."), ("Attachment Girl", "A. G."), ("AG", "A. G."),
                                           ("Mary-Jane Smith", "M. J. S.")])
def test_initials(name, expected):
    assert initials(name) == expected


def test_masking_keeps_ordinary_numbers():
    assert mask_contact_details("I waited 45 minutes in 2014.") == "I waited 45 minutes in 2014."
    assert mask_contact_details("mail me: a.b@c.org.") == "mail me: [email address removed]."


def test_names_in_chapter_titles_follow_the_rule_in_heads_and_contents(minimal, cli, tmp_path):
    chapter = minimal / "chapters" / "02-second.md"
    chapter.write_text(chapter.read_text().replace("title: The Second Chapter\nshort_title: Second",
                                                   "title: Bartholomew's Question\nshort_title: Bartholomew"))
    epub, pdf = build_both(cli, minimal, tmp_path)
    assert "Bartholomew" not in epub and "Bartholomew" not in pdf
    assert "B.’s Question" in epub


def test_public_names_are_never_replaced(minimal, cli, tmp_path):
    chapter = minimal / "chapters" / "01-first.md"
    chapter.write_text(chapter.read_text().replace("Our own commentary.",
                                                   "Our own commentary, after Winifred Holtby and Winifred."))
    set_privacy(minimal, "  public: [Winifred Holtby]\n")
    epub, _ = build_both(cli, minimal, tmp_path)
    assert "after Winifred Holtby and W." in epub


@pytest.mark.parametrize("entries, code, says", [
    ('"Bartholomew": "Anna"\n"Anna": "Beth"\n', "E342", "which the map also lists as a real name"),
    ('"Bartholomew": "Anna"\n"Winifred": "Anna"\n', "E343", "share the pseudonym 'Anna'"),
    ('"Bartholomew": "Rosa Field"\n', None, None),
    ('"Bartholomew": "Dr. Rosa Field"\n', "E344", "the name of a real person quoted in the book"),
    ('"Bartholomew": ""\n', "E341", "pseudonym for 'Bartholomew' must be a name"),
])
def test_a_hand_edited_pseudonym_map_must_name_nobody_else(minimal, cli, entries, code, says):
    set_privacy(minimal, "  commenters: pseudonyms\n")
    (minimal / "pseudonyms.yaml").write_text("# edited by hand\n" + entries)
    result = cli("check", "-m", str(minimal))
    if code is None:
        assert result.exit_code == 0, result.stderr
        return
    assert result.exit_code == 1
    line = next(line for line in result.stderr.splitlines() if f"error[{code}]" in line)
    assert "pseudonyms.yaml:" in line and says in line and "Traceback" not in result.stderr
