"""E251 compares a link with the ids pandoc gives, exactly (red team, issue 15).

The check used to compare ids loosely (letters and digits, lower-cased), so `[go](#My-Section)` passed
and the EPUB held a link to nowhere while Typst stopped the PDF (E506). Now pandoc itself says each
document's ids, read as the build reads the document: every link the check passes is one the EPUB
and the PDF can follow, and every one it refuses is one they could not."""

from __future__ import annotations

import re
import zipfile

import pytest

REPLY = "The reply, with a note.[^1]"

# (the text added to chapter 1, the link written there, whether it goes somewhere)
CASES = {
    "case differs": ("### My Section", "#My-Section", False),
    "as pandoc writes it": ("### My Section", "#my-section", True),
    "dashes dropped": ("### My Section", "#mysection", False),
    "punctuation": ("### Q&A: What's *next*? -- now", "#qa-whats-next-now", True),
    "periods and accents kept": ("### Über Café 2.0", "#über-café-2.0", True),
    "accents are not dropped": ("### Über Café 2.0", "#uber-cafe-20", False),
    "a reference link's label": ("### [Roses][r]\n\n[r]: https://example.org", "#rosesr", True),
    "the second of two": ("### Roses\n\nText.\n\n### Roses", "#roses-1", True),
    "no second heading": ("### Roses", "#roses-1", False),
    "numbers first": ("### 1914 and after", "#and-after", True),
    "only numbers": ("### 1914", "#section", True),
    "a span's id": ("[Kept words]{#Kept-Words}", "#Kept-Words", True),
    "a span's id, other case": ("[Kept words]{#Kept-Words}", "#kept-words", False),
    "an id in code is none": ("`[Kept words]{#kept}`", "#kept", False),
}


def _write(minimal, added: str, link: str) -> None:
    chapter = minimal / "chapters" / "01-first.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace(
        REPLY, f"{REPLY} See [it]({link}).\n\n{added}\n\nMore text.", 1), encoding="utf-8")


@pytest.mark.parametrize("kind", sorted(CASES))
def test_a_link_passes_the_check_exactly_when_pandoc_gives_its_id(minimal, cli, kind):
    added, link, found = CASES[kind]
    _write(minimal, added, link)
    result = cli("check", "-m", str(minimal))
    errors = [line for line in result.stderr.splitlines() if "error[" in line]
    if found:
        assert result.exit_code == 0, result.stderr
    else:
        assert result.exit_code == 1
        [line] = errors
        assert "01-first.md:" in line and f"error[E251]: this link goes to '{link}'" in line


def test_what_the_check_passes_the_epub_holds(minimal, cli, tmp_path):
    """Each link the check passed goes to an id of the EPUB (in its own file), and the PDF builds."""
    links = [link for added, link, found in CASES.values() if found and "code" not in added]
    added = "\n\n".join(dict.fromkeys(added for added, link, found in CASES.values() if found))
    chapter = minimal / "chapters" / "01-first.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace(
        REPLY, REPLY + " See " + ", ".join(f"[it]({link})" for link in links) + ".\n\n" + added + "\n\nEnd.", 1),
        encoding="utf-8")
    out = tmp_path / "out"
    built = cli("build", "all", "--no-cache", "-m", str(minimal), "--out-dir", str(out))
    assert built.exit_code == 0, built.stderr
    [epub] = out.glob("*.epub")
    xhtml = zipfile.ZipFile(epub).read("EPUB/ch01-first.xhtml").decode()
    ids = set(re.findall(r' id="([^"]+)"', xhtml))
    for link in links:
        assert f'href="{link}"' in xhtml and link[1:] in ids, link


def test_a_link_to_an_id_two_other_chapters_have_is_refused(minimal, cli):
    """The EPUB leaves such a link pointing nowhere (no single file has it) and Typst finds no label."""
    for name in ("02-second.md",):
        path = minimal / "chapters" / name
        path.write_text(path.read_text(encoding="utf-8").replace("Another letter.", "Another letter.\n\n### Roses\n\n"
                                                                 "Text.\n\n[Roses]{#shared}"), encoding="utf-8")
    preface = minimal / "front" / "preface.md"
    preface.write_text(preface.read_text(encoding="utf-8") + "\n[Also]{#shared}\n", encoding="utf-8")
    chapter = minimal / "chapters" / "01-first.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace(REPLY, f"{REPLY} See [it](#shared)."),
                       encoding="utf-8")
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 1
    [line] = [line for line in result.stderr.splitlines() if "error[" in line]
    assert "error[E251]: this link goes to '#shared', an id 2 other files have (" in line
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("See [it](#shared).", "See [it](#roses)."),
                       encoding="utf-8")
    assert cli("check", "-m", str(minimal)).exit_code == 0          # one other file has it: it goes there


def test_a_file_past_reading_is_not_given_to_pandoc(minimal, cli, monkeypatch):
    """Markup nested past reason is E225, and pandoc is not asked for the ids of its file (pandoc's
    reader takes minutes on 3,000 nested list items): the link is judged without them."""
    import book.editorial.rules

    asked = []
    monkeypatch.setattr(book.editorial.rules, "document_ids", lambda texts: asked.append(texts) or [])
    chapter = minimal / "chapters" / "01-first.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace(
        REPLY, f"{REPLY} See [it](#nowhere).\n\n" + "\n".join("  " * i + "- item" for i in range(3000))),
        encoding="utf-8")
    result = cli("check", "-m", str(minimal))
    assert "error[E225]" in result.stderr and "error[E251]" in result.stderr
    [texts] = asked
    assert not any("- item" in text for text in texts)
