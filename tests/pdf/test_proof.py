"""``book proof``: pages and spreads as PNG, at the trim size and the asked resolution."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from pdf_helpers import FIXTURES, run_cli

from book.pdf.proof import parse_pages, spreads_for


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_proof_renders_the_asked_pages_and_their_spreads(tmp_path):
    out = tmp_path / "proof"
    result = run_cli("proof", "-q", "-m", str(FIXTURES / "minimal"), "--pages", "1-3", "--out-dir", str(out),
                     "--ppi", "72")
    assert result.exit_code == 0, result.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == ["page-001.png", "page-002.png", "page-003.png", "spread-000-001.png", "spread-002-003.png"]
    assert png_size(out / "page-001.png") == (432, 648)          # 6 x 9 in at 72 ppi
    width, height = png_size(out / "spread-002-003.png")
    assert width > 2 * 432 and height > 648                       # two pages side by side, with a margin
    assert sorted(result.stdout.split()) == [str(out / n) for n in names]


def test_proof_replaces_old_pngs(tmp_path):
    out = tmp_path / "proof"
    out.mkdir()
    (out / "page-099.png").write_bytes(b"old")
    result = run_cli("proof", "-q", "-m", str(FIXTURES / "minimal"), "--pages", "2", "--no-spreads",
                     "--out-dir", str(out), "--ppi", "36")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["page-002.png"]


def test_proof_page_out_of_range(tmp_path):
    result = run_cli("proof", "-q", "-m", str(FIXTURES / "minimal"), "--pages", "400", "--out-dir", str(tmp_path))
    assert result.exit_code == 1 and "error[E507]: the book has" in result.stderr


def test_proof_bad_range_is_a_usage_error(tmp_path):
    result = run_cli("proof", "-m", str(FIXTURES / "minimal"), "--pages", "8-1", "--out-dir", str(tmp_path))
    assert result.exit_code == 2


def test_parse_pages():
    assert parse_pages("1-3,7, 5") == [1, 2, 3, 5, 7]
    for bad in ("", "a", "0", "3-1", "1-"):
        with pytest.raises(ValueError):
            parse_pages(bad)


def test_spreads_put_page_one_alone_on_the_right():
    assert spreads_for([1, 2, 3, 4], 4) == [(None, 1), (2, 3), (4, None)]


def test_a_spread_that_cannot_be_set_is_e508(monkeypatch):
    """Typst failing on a spread (never seen with the tool's own pages) is a BookError, not a traceback."""
    import typst

    from book.pdf.proof import _spread
    from book.support.diagnostics import BookError

    class TypstError(Exception):
        message = "failed to decode image"

    def fail(*args, **kwargs):
        raise TypstError()

    monkeypatch.setattr(typst, "compile", fail)
    with pytest.raises(BookError) as caught:
        _spread([b"\x89PNG\r\n\x1a\n"], None, 1, 432, 648, 72)
    [diag] = caught.value.report.items
    assert diag.code == "E508" and diag.message == "could not set a spread: failed to decode image"
