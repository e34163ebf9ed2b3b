"""Everything checkable is checked before anything is written, each problem at its file:line:col:
images decoded (E236, E238), control characters (E121), invalid UTF-8 (E106), empty sources (S121)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from book.manuscript import load_manuscript
from book.manuscript.inputs import input_files
from book.support.diagnostics import Report

SVG_OK = (b'<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><defs><linearGradient id="g"/></defs>'
          b'<rect width="20" height="10" fill="url(#g)"/></svg>')


def _png(size=(4, 3), fmt="PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, fmt)
    return buffer.getvalue()


def _with_image(minimal: Path, name: str, data: bytes) -> None:
    (minimal / "images").mkdir(exist_ok=True)
    (minimal / "images" / name).write_bytes(data)
    chapter = minimal / "chapters" / "02-second.md"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.replace("Another letter.", f"Another letter.\n\n![A red square](images/{name})", 1),
                       encoding="utf-8")


def _errors(result, code: str) -> list[str]:
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    return [line for line in result.stderr.splitlines() if f"error[{code}]" in line]


HOSTILE_SVG = {
    "script": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    "handler": b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>',
    "javascript link": (b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
                        b'<a xlink:href="javascript:alert(1)"><text>x</text></a></svg>'),
    "remote image": b'<svg xmlns="http://www.w3.org/2000/svg"><image href="https://example.com/x.png"/></svg>',
    "foreignObject": b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>',
    "entity": b'<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg"><text>&a;</text></svg>',
    "css import": b'<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://x/y.css);</style></svg>',
    "not xml": b'<svg xmlns="http://www.w3.org/2000/svg"><rect',
}


@pytest.mark.parametrize("kind", sorted(HOSTILE_SVG))
def test_a_hostile_svg_is_refused_at_the_chapter_line(minimal, cli, kind):
    _with_image(minimal, "figure.svg", HOSTILE_SVG[kind])
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 1
    [line] = _errors(result, "E236")
    assert "02-second.md:13:1:" in line and "images/figure.svg" in line


def test_a_clean_svg_goes_into_the_epub(minimal, cli, tmp_path):
    _with_image(minimal, "figure.svg", SVG_OK)
    result = cli("build", "epub", "-m", str(minimal), "--out-dir", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("kind", ["truncated", "garbage", "empty", "jpeg named png"])
def test_a_broken_raster_image_is_refused_in_the_check(minimal, cli, tmp_path, kind):
    data = {"truncated": _png((64, 64))[:60], "garbage": b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "empty": b"",
            "jpeg named png": _png(fmt="JPEG")}[kind]
    _with_image(minimal, "figure.png", data)
    out = tmp_path / "out"
    result = cli("build", "pdf", "-m", str(minimal), "--out-dir", str(out))
    assert result.exit_code == 1
    [line] = _errors(result, "E236")
    assert "02-second.md:13:1:" in line and "error[E506]" not in result.stderr
    assert not out.exists()


def test_a_sound_png_passes(minimal, cli):
    _with_image(minimal, "figure.png", _png())
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 0, result.stderr


def test_a_broken_cover_is_refused_at_its_line_in_book_yaml(minimal, cli):
    (minimal / "images").mkdir()
    (minimal / "images" / "cover.png").write_bytes(_png()[:40])
    config = minimal / "book.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "cover:\n  image: images/cover.png\n  alt: A cover\n",
                      encoding="utf-8")
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 1
    [line] = _errors(result, "E238")
    assert "book.yaml:46:3:" in line and "cover.png" in line


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\r", "\ufffe"])
def test_a_control_character_in_a_chapter_is_an_error_at_its_place(minimal, cli, tmp_path, char):
    chapter = minimal / "chapters" / "02-second.md"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.replace("Another letter.", f"Another{char} letter.", 1), encoding="utf-8")
    result = cli("build", "all", "-m", str(minimal), "--out-dir", str(tmp_path / "out"))
    assert result.exit_code == 1
    [line] = _errors(result, "E121")
    assert f"02-second.md:11:8: error[E121]: control character U+{ord(char):04X}" in line
    assert "E506" not in result.stderr                 # never reached Typst


def test_control_characters_in_book_yaml_and_a_flood_of_them(minimal, cli):
    config = minimal / "book.yaml"
    good = config.read_text(encoding="utf-8")
    config.write_text(good.replace("A Small", "A\x0bSmall", 1), encoding="utf-8")
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 1
    assert [line for line in _errors(result, "E121") if "book.yaml:2:9:" in line and "U+000B" in line]
    config.write_text(good, encoding="utf-8")
    preface = minimal / "front" / "preface.md"
    preface.write_bytes(preface.read_bytes() + b"\x00" * 10_000)
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 1
    lines = _errors(result, "E121")
    assert len([line for line in lines if "preface.md" in line]) == 6       # five shown, then one summary
    assert any("9995 more control characters" in line for line in lines)


def test_invalid_utf8_is_reported_at_line_and_column(minimal, cli):
    chapter = minimal / "chapters" / "02-second.md"
    chapter.write_bytes(chapter.read_bytes().replace(b"Another letter.", b"Another l\xe9tter.", 1))
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 1
    [line] = _errors(result, "E106")
    assert "02-second.md:11:10:" in line and "0xe9" in line and "byte " in line


@pytest.mark.parametrize("content", [b"", b"# only a comment\n", b"\n\n"])
def test_an_empty_source_file_is_an_error_naming_it(minimal, cli, content):
    (minimal / "sources" / "garden-letters.yaml").write_bytes(content)
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 1
    [line] = _errors(result, "S121")
    assert "garden-letters.yaml:1:" in line


def test_the_inputs_are_what_the_book_lists(minimal):
    _with_image(minimal, "figure.png", _png())
    (minimal / "notes.txt").write_text("not part of the book", encoding="utf-8")
    (minimal / "chapters" / "03-draft.md").write_text("---\ntitle: Draft\n---\n", encoding="utf-8")
    manuscript = load_manuscript(minimal, Report())
    names = [p.relative_to(minimal).as_posix() for p in input_files(manuscript)]
    assert names == ["book.yaml", "chapters/01-first.md", "chapters/02-second.md", "front/preface.md",
                     "images/figure.png", "sources/garden-letters.edits.yaml", "sources/garden-letters.yaml"]


def test_a_long_mismatched_excerpt_is_explained_around_its_first_difference():
    """The fuzzy search that names the nearest passage sees at most NEAREST_CHARS of a long excerpt,
    taken where the excerpt stops matching (its cost grew with the excerpt: minutes for a long one)."""
    from book.editorial.excerpts import NEAREST_CHARS, focus, nearest_passage

    unit = " ".join(f"word{i % 997} and{i % 13}" for i in range(40_000))
    excerpt = unit[2_000:60_000].replace("word500 and6", "word500 XYZZY and6", 1)
    piece = focus(excerpt, unit)
    assert len(piece) <= NEAREST_CHARS and "XYZZY" in piece
    passage, score = nearest_passage(piece, unit)
    assert "word500 and6" in passage and score > 90
    assert focus("short", unit) == "short"
