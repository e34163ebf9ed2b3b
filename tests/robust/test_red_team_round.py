"""Kinds a third red-team round found (book.yaml, front matter and sources with YAML's oddities; ...):
each ends in the tool's own one-line error at its place, never an internal error."""

from __future__ import annotations

from pathlib import Path

import pytest


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.mark.parametrize("where, code", [("book.yaml", "E101"), ("sources/garden-letters.yaml", "S101"),
                                         ("sources/garden-letters.edits.yaml", "S101")])
@pytest.mark.parametrize("merge", ["x: &x\n  <<: *x\n", "x: &x\n  a: 1\n  <<: [*x]\n"])
def test_a_merge_key_that_refers_to_its_own_mapping_is_an_error_at_its_line(minimal, cli, where, code, merge):
    path = minimal / where
    lines = path.read_text(encoding="utf-8").count("\n")
    _append(path, merge)
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 1 and "internal error" not in result.stderr and "Traceback" not in result.stderr
    [line] = [line for line in result.stderr.splitlines() if f"error[{code}]" in line]
    assert line.startswith(f"{path}:{lines + merge.count(chr(10))}:") and "merge key (<<)" in line


def test_a_merge_key_in_front_matter_is_an_error_at_its_line(minimal, cli):
    chapter = minimal / "chapters" / "01-first.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("title: The First Chapter\n",
                                                                   "title: The First Chapter\nx: &x\n  <<: *x\n", 1),
                       encoding="utf-8")
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 1 and "internal error" not in result.stderr
    assert f"{chapter}:4:3: error[E101]" in result.stderr


def _with_image(minimal: Path, name: str, data: bytes) -> Path:
    (minimal / "images").mkdir(exist_ok=True)
    (minimal / "images" / name).write_bytes(data)
    chapter = minimal / "chapters" / "01-first.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace(
        "Our own commentary.", f"Our own commentary.\n\n![A picture](images/{name})\n", 1), encoding="utf-8")
    return chapter


_SVG = '<svg xmlns="http://www.w3.org/2000/svg" {}><rect width="5" height="5"/></svg>'


@pytest.mark.parametrize("svg, said", [
    ('<?xml-stylesheet href="https://evil.example/x.css"?>' + _SVG.format('width="10" height="10"'),
     "processing instruction <?xml-stylesheet?>"),
    (_SVG.format('width="10" height="10"') + "<?xml-stylesheet href='x.css'?>", "processing instruction"),
    (_SVG.format('width="-5" height="10"'), 'invalid width="-5"'),
    (_SVG.format('width="10" height="0"'), 'invalid height="0"'),
    (_SVG.format('viewBox="0 0 NaN 1e999"'), "invalid viewBox"),
    (_SVG.format('viewBox="0 0 10"'), "invalid viewBox"),
])
def test_an_svg_that_fetches_or_cannot_be_sized_is_refused_at_its_line(minimal, cli, svg, said):
    chapter = _with_image(minimal, "a.svg", svg.encode())
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 1
    [line] = [line for line in result.stderr.splitlines() if "error[E236]" in line]
    assert line.startswith(f"{chapter}:22:1:") and said in line


def test_svg_sizes_a_renderer_reads_pass(minimal, cli):
    _with_image(minimal, "a.svg", _SVG.format('width="100%" height="4.5cm" viewBox="-1,-1 12 1e1"').encode())
    assert cli("check", "-m", str(minimal)).exit_code == 0


@pytest.mark.parametrize("fmt, mode", [("PNG", "RGB"), ("GIF", "P"), ("JPEG", "RGB"), ("WEBP", "RGB")])
def test_what_follows_an_images_end_stays_out_of_the_epub(minimal, cli, tmp_path, fmt, mode):
    import io
    import zipfile

    from PIL import Image

    buffer = io.BytesIO()
    Image.new(mode, (30, 20)).save(buffer, fmt)
    image = buffer.getvalue()
    _with_image(minimal, f"a.{fmt.lower()}", image + b"<html><script>alert(1)</script></html>")
    result = cli("build", "epub", "-m", str(minimal), "--out-dir", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(result.stdout.strip()) as epub:
        assert epub.read(f"EPUB/images/a.{fmt.lower()}") == image


_PAGE = ("<html><head><title>A Post</title></head><body><article><h1>A Post</h1><p>The words of the post, long "
         "enough to be a post, about therapy and trust and the hour before a session.</p>{}</article></body></html>")


def test_a_paragraph_of_thousands_of_links_is_read_without_trafilatura(minimal, cli, tmp_path):
    """trafilatura is quadratic in the inline elements of one paragraph (20,000 links: 100 s a reading)."""
    from lxml import html

    from book.sources.capture_html import MAX_INLINE_CHILDREN, crowded
    from book.sources.html_clean import sanitise

    def paragraph(count: int) -> str:
        return "<p>" + " ".join(f'<a href="https://example.org/{i}">l{i}</a>' for i in range(count)) + "</p>"

    links = paragraph(MAX_INLINE_CHILDREN + 1)
    assert crowded(html.document_fromstring(_PAGE.format(links)))
    assert not crowded(html.document_fromstring(_PAGE.format(paragraph(MAX_INLINE_CHILDREN))))
    half = paragraph(MAX_INLINE_CHILDREN // 2 + 1)[3:-4]
    wrapped = html.document_fromstring(_PAGE.format(f"<p>{half}<blink>{half}</blink></p>"))
    assert not crowded(wrapped) and crowded(sanitise(wrapped))   # why the sanitised copy is asked again
    capture = tmp_path / "page.html"
    capture.write_text(_PAGE.format(links), encoding="utf-8")
    result = cli("sources", "import", str(capture), "-m", str(minimal), "--id", "a-post")
    assert result.exit_code == 0, result.stderr
    assert "hour before a session" in (minimal / "sources" / "a-post.yaml").read_text(encoding="utf-8")


def test_an_element_with_thousands_of_attributes_is_refused(minimal, cli, tmp_path):
    """The HTML parser checks each attribute against those before it: 100,000 on one element took minutes."""
    capture = tmp_path / "page.html"
    capture.write_text(_PAGE.format("<p " + " ".join(f"a{i}=1" for i in range(1_001)) + ">x</p>"), encoding="utf-8")
    result = cli("sources", "import", str(capture), "-m", str(minimal), "--id", "a-post")
    assert result.exit_code == 1
    assert result.stderr.strip() == f"{capture}: error[S208]: an element has more than 1,000 attributes: no page's " \
                                    "markup holds so many, and reading them would take minutes"
    assert not (minimal / "sources" / "a-post.yaml").exists()
    capture.write_text(_PAGE.format("<p " + " ".join(f"a{i}=1" for i in range(1_000)) + ">x</p>"), encoding="utf-8")
    assert cli("sources", "import", str(capture), "-m", str(minimal), "--id", "a-post").exit_code == 0
