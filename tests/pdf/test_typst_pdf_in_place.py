"""Typst's PDF read and tidied where its bytes stand, without pikepdf (issue 16: the cold PDF's overhead)."""

from __future__ import annotations

import io
import pikepdf
import pytest

from book.pdf.compile import TypstSource, compile_typst, typst_catalog, without_default_suspects
from book.pdf.document import page_count

# a title that spells the very entry the tidying blanks: only the catalog's is touched
TITLE = "/MarkInfo<</Marked true/Suspects false>> and more"


@pytest.fixture(scope="module")
def raw(tmp_path_factory) -> bytes:
    """Seven pages as Typst writes them (PDF/UA-1, so with /MarkInfo), before any tidying."""
    source = TypstSource(text=f'#set document(title: "{TITLE}")\n'
                              + "\n#pagebreak()\n".join(f"= Page {n}\nWords." for n in range(1, 8)),
                         root=tmp_path_factory.mktemp("typst"), font_paths=())
    data = compile_typst(source, tidy=False)
    assert isinstance(data, bytes) and b"/Suspects false" in data
    return data


def test_the_default_suspects_entry_is_blanked_in_place(raw):
    tidy = without_default_suspects(raw)
    assert len(tidy) == len(raw) and tidy != raw
    changed = [i for i, (a, b) in enumerate(zip(raw, tidy)) if a != b]
    assert raw[changed[0]:changed[-1] + 1] == b"/Suspects false"                  # nothing else moved
    assert tidy[changed[0]:changed[-1] + 1].strip() == b""
    with pikepdf.open(io.BytesIO(tidy)) as pdf:
        assert pdf.Root.MarkInfo.Marked is True and "/Suspects" not in pdf.Root.MarkInfo
        assert str(pdf.docinfo["/Title"]) == TITLE                                 # the title untouched
        assert len(pdf.pages) == 7 and pdf.check_pdf_syntax() == []                 # offsets all still right


def test_the_page_count_is_read_from_the_page_tree(raw):
    assert typst_catalog(raw) is not None
    assert page_count(raw) == page_count(without_default_suspects(raw)) == 7


def _rewritten(data: bytes) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        out = io.BytesIO()
        pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()


def test_any_other_pdf_is_read_with_pikepdf(raw):
    """A file not laid out as Typst writes it (here: rewritten, with object streams) takes the old path."""
    other = _rewritten(raw)
    assert typst_catalog(other) is None
    assert page_count(other) == 7
    with pikepdf.open(io.BytesIO(without_default_suspects(other))) as pdf:
        assert "/Suspects" not in pdf.Root.MarkInfo


@pytest.mark.parametrize("damage", [b"startxref\n1\n%%EOF", b"", b"%%EOF\n% an incremental update\n"])
def test_a_damaged_or_updated_tail_is_not_trusted(raw, damage):
    tail = raw.rindex(b"startxref")
    changed = raw[:tail] + damage if damage != b"%%EOF\n% an incremental update\n" else raw + b"\n" + damage
    assert typst_catalog(changed) is None

