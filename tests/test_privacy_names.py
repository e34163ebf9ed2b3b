"""Privacy as a property: names made of every character that is special somewhere never leak.

For generated commenters' names holding characters special to Markdown, HTML, Typst
and YAML, accents, a space, and written in other cases, as possessives and across a
line break, no real name appears in the EPUB's text or the PDF's text (pdftotext)
under initials or pseudonyms, and under as-written every name is printed intact.
More examples: BOOK_HYPOTHESIS_EXAMPLES=50.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from book.manuscript.styles import md_escape

FIXTURES = Path(__file__).parent / "fixtures"

SPECIAL = "\\`*_{}[]<>#|~^$@&!+.()'\"%:;=/"
EXAMPLES = int(os.environ.get("BOOK_HYPOTHESIS_EXAMPLES", "2"))


@st.composite
def names(draw) -> list[str]:
    """Three distinct names: rare letters (some accented), a run of special characters, maybe a space."""
    found: list[str] = []
    while len(found) < 3:
        first = draw(st.text(alphabet="QXZJqxzjéüøÅ", min_size=3, max_size=5))
        middle = draw(st.text(alphabet=SPECIAL, min_size=1, max_size=2))
        last = draw(st.text(alphabet="kwvKWVñ", min_size=2, max_size=4))
        name = first + (" " if draw(st.booleans()) else "") + middle + last
        if not first[0].isupper():
            name = name[0].upper() + name[1:]
        if all(_skeleton(name) not in _skeleton(other) and _skeleton(other) not in _skeleton(name)
               for other in found):
            found.append(name)
    return found


def _typeset(text: str) -> str:
    """Quotes as typesetting prints them (smart quotes), spaces folded: a name intact but for its quote marks."""
    return " ".join(text.translate(str.maketrans("’‘“”", "''\"\"")).split())


def _skeleton(text: str) -> str:
    """Letters only, case folded: what is left of a name however it was escaped or broken."""
    return re.sub(r"[\W_\d]", "", text.casefold())


def _write_book(root: Path, people: list[str], mode: str) -> None:
    """The minimal book, plus a thread by these people, quoted and named in a chapter of its own."""
    units = [{"id": "post", "kind": "post", "author": "Ada Host", "parent": None, "date": "2020-01-01",
              "text": "A post about gardens, written by its host.\n"}]
    for i, name in enumerate(people, start=1):
        other = people[i % len(people)]
        units.append({"id": f"c{i}", "kind": "comment", "author": name, "parent": None, "date": "2020-01-02",
                      "text": f"Thank you, {md_escape(other)}, for this thread about patience.\n"})
    source = {"format": 1, "id": "thread", "title": "A Thread", "author": "Ada Host", "site": "The Host",
              "url": "https://example.org/thread", "published": "2020-01-01", "license": None,
              "accessed": "2026-01-01", "captured_from": "thread.txt", "sha256": None, "units": units}
    (root / "sources" / "thread.yaml").write_text(json.dumps(source, ensure_ascii=False, indent=1) + "\n")
    (root / "sources" / "thread.edits.yaml").write_text("rights: {status: quotation}\n")
    first = people[0]
    mentions = "\n\n".join(
        f"{md_escape(name)} wrote to us. {md_escape(name)}’s letter came first; "
        f"{md_escape(name.upper())} signed it{'' if ' ' not in name else ', as ' + md_escape(name).replace(' ', chr(10), 1)}."
        for name in people)
    excerpts = "\n\n".join(
        f'::: {{.excerpt source="thread" unit="c{i}"}}\nThank you, {md_escape(people[i % len(people)])}, for this '
        "thread about patience.\n:::" for i in range(1, len(people) + 1))
    chapter = (f"---\ntitle: {json.dumps('On ' + first, ensure_ascii=False)}\n---\n\n::: letter\n{mentions}\n:::\n\n"
               f"::: reply\n{excerpts}\n:::\n")
    (root / "chapters" / "03-names.md").write_text(chapter)
    book = root / "book.yaml"
    book.write_text(book.read_text().replace("  - chapters/02-second.md\n",
                                             "  - chapters/02-second.md\n  - chapters/03-names.md\n")
                    + f"privacy:\n  commenters: {mode}\n")


def _texts(cli, root: Path, out: Path) -> tuple[str, str]:
    result = cli("build", "all", "-q", "-m", str(root), "--out-dir", str(out))
    assert result.exit_code == 0, result.stderr
    paths = [Path(p) for p in result.stdout.split()]
    epub = next(p for p in paths if p.suffix == ".epub")
    pdf = next(p for p in paths if p.suffix == ".pdf" and not p.name.endswith("-cover-wrap.pdf"))
    with zipfile.ZipFile(epub) as archive:
        xhtml = " ".join(archive.read(n).decode("utf-8") for n in archive.namelist()
                         if n.endswith((".xhtml", ".opf", ".ncx")))
    epub_text = html.unescape(re.sub(r"<[^>]+>", " ", xhtml))
    pdf_text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
    return epub_text, pdf_text


@pytest.mark.skipif(shutil.which("pdftotext") is None and not os.environ.get("BOOK_REQUIRE_VALIDATORS"),
                    reason="pdftotext (poppler-utils) is not installed")
@pytest.mark.parametrize("mode", ["initials", "pseudonyms", "as-written"])
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.large_base_example])
@given(people=names())
def test_no_real_name_in_any_printed_form(cli, tmp_path_factory, mode, people):
    root = tmp_path_factory.mktemp("names") / "book"
    shutil.copytree(FIXTURES / "minimal", root)
    _write_book(root, people, mode)
    epub_text, pdf_text = _texts(cli, root, root.parent / "out")
    for name in people:
        if mode == "as-written":
            assert _typeset(name) in _typeset(epub_text), name
            assert _skeleton(name) in _skeleton(pdf_text), name
        else:
            for text, what in ((epub_text, "EPUB"), (pdf_text, "PDF")):
                assert _skeleton(name) not in _skeleton(text), f"{name!r} printed in the {what} ({mode})"
