"""Failures while making the outputs (E50x), through ``book build epub``: one line, exit 1, no file written.

Customised templates in the manuscript's ``styles/`` reach most of them; a missing or
failing pandoc is simulated, since the bundled binary is always there.
"""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from book.support import tools


def build_fails(cli, root: Path, out_dir: Path, code: str) -> str:
    """``book build epub`` exits 1 naming ``code``, writes no EPUB; returns stderr."""
    result = cli("build", "epub", "--no-cache", "-m", str(root), "--out-dir", str(out_dir))
    assert result.exit_code == 1, result.stderr
    assert f"error[{code}]" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not list(out_dir.glob("*.epub"))
    return result.stderr


def style(root: Path, name: str, text: str) -> Path:
    path = root / "styles" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def no_cached_pandoc():
    """pandoc_path() is cached for the process: forget it before and after a test that fakes it."""
    tools.pandoc_path.cache_clear()
    yield
    tools.pandoc_path.cache_clear()


def test_pandoc_not_found(minimal, cli, tmp_path, monkeypatch, no_cached_pandoc):
    import pypandoc

    def missing():
        raise OSError("No pandoc was found")

    monkeypatch.setattr(tools, "bundled_pandoc", lambda: None)      # a pypandoc without the binary wheel
    monkeypatch.setattr(pypandoc, "get_pandoc_path", missing)
    err = build_fails(cli, minimal, tmp_path / "out", "E500")
    assert "pandoc not found (No pandoc was found); reinstall with: pip install pypandoc_binary" in err


def test_template_with_an_undefined_variable(minimal, cli, tmp_path):
    style(minimal, "matter.md.j2", "{{ matter.body }} {{ no_such_thing }}\n")
    err = build_fails(cli, minimal, tmp_path / "out", "E501")
    assert "template error: 'no_such_thing' is undefined" in err


def test_pandoc_that_fails(minimal, cli, tmp_path, monkeypatch):
    import book.render.pandoc

    fake = tmp_path / "pandoc"
    fake.write_text("#!/bin/sh\necho 'pandoc: Unknown option --boom' >&2\nexit 6\n")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setattr(book.render.pandoc, "pandoc_path", lambda: str(fake))
    err = build_fails(cli, minimal, tmp_path / "out", "E502")
    assert "pandoc failed: pandoc: Unknown option --boom" in err


def test_source_date_epoch_that_is_not_a_number(minimal, cli, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    result = cli("build", "epub", "-m", str(minimal), "--out-dir", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "error[E503]: SOURCE_DATE_EPOCH must be a whole number of seconds, not 'yesterday'" in result.stderr
    assert "Traceback" not in result.stderr


def test_cover_template_that_fails(minimal, cli, tmp_path):
    template = style(minimal, "cover.typ", "#text(no-such-variable)\n")
    err = build_fails(cli, minimal, tmp_path / "out", "E504")
    assert f"{template}: error[E504]: cover template failed: unknown variable: no-such-variable" in err


def test_template_that_drops_the_document_wrapper(minimal, cli, tmp_path):
    """The page's words land outside every document: E245 names the page they belong to."""
    style(minimal, "matter.md.j2", "{{ matter.body }}\n")         # no ::: {#id .book-doc} div
    err = build_fails(cli, minimal, tmp_path / "out", "E245")
    assert "front/preface.md: error[E245]" in err


def test_a_document_pandoc_never_wrote_is_e505(minimal, cli, tmp_path):
    style(minimal, "matter.md.j2", "")         # the page renders to nothing at all
    err = build_fails(cli, minimal, tmp_path / "out", "E505")
    assert "pandoc output lacks document 'preface'" in err


def test_an_interrupt_while_waiting_for_pandoc_kills_it_and_leaves_no_folder(tmp_path, monkeypatch):
    """The interrupt can land in the wait itself: pandoc must still be killed before its folder is
    removed, or it writes into the folder as it goes and the folder stays behind."""
    import subprocess
    import tempfile

    from book.render.pandoc import HTML_ARGS, convert_documents

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    started: list[subprocess.Popen] = []
    real_init, real_wait = subprocess.Popen.__init__, subprocess.Popen.wait

    def init(self, *args, **kwargs):
        real_init(self, *args, **kwargs)
        started.append(self)

    def wait(self, timeout=None):
        if self is started[0] and not getattr(self, "interrupted", False):
            self.interrupted = True
            raise KeyboardInterrupt
        return real_wait(self, timeout)

    monkeypatch.setattr(subprocess.Popen, "__init__", init)
    monkeypatch.setattr(subprocess.Popen, "wait", wait)
    with pytest.raises(KeyboardInterrupt):
        convert_documents(["word " * 200_000], HTML_ARGS, tmp_path)
    assert started and started[0].returncode is not None       # killed and reaped
    assert list(tmp_path.glob("book-pandoc-*")) == []
