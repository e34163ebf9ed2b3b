"""Kinds a sixth red-team round found (damaged sources through `book sources`, a closed reader on standard
output, signals while the command starts or after it is done, release metadata): each is data or the tool's own
one-line error, never code, a file the book may not read, or a traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _env() -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(ROOT / "src"), SOURCE_DATE_EPOCH="1700000000")


def _record_capture(minimal: Path, name: str) -> None:
    source = minimal / "sources" / "garden-letters.yaml"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("captured_from: garden-letters.txt", f"captured_from: {name}"), encoding="utf-8")


@pytest.mark.parametrize("name", ["/etc/passwd", "../../../../../../etc/passwd", "'../secret.txt'"])
def test_a_source_cannot_make_its_review_page_show_a_file_outside_the_capture_folders(minimal, cli, name):
    (minimal.parent / "secret.txt").write_text("root:x:0:0 secret\n", encoding="utf-8")
    _record_capture(minimal, name)
    out = minimal / "r.html"
    result = cli("sources", "review", "garden-letters", "-m", str(minimal), "--output", str(out))
    assert result.exit_code == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert "root:x:0:0" not in page and "the capture file was not found" in page


def test_a_capture_linked_out_of_its_folder_is_not_shown(minimal, cli, tmp_path):
    (tmp_path / "elsewhere.txt").write_text("root:x:0:0 secret\n", encoding="utf-8")
    (minimal / "garden-letters.txt").symlink_to(tmp_path / "elsewhere.txt")
    out = minimal / "r.html"
    result = cli("sources", "review", "garden-letters", "-m", str(minimal), "--output", str(out))
    assert result.exit_code == 0, result.stderr
    assert "root:x:0:0" not in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("kind, said", [("fifo", "not a regular file"), ("/dev/zero", "not a regular file"),
                                        ("huge", "more than the import reads")])
def test_a_capture_that_cannot_be_read_whole_is_a_note_on_the_page_not_a_hang(minimal, cli, tmp_path, kind, said):
    capture = tmp_path / "capture"
    if kind == "fifo":
        os.mkfifo(capture)
    elif kind == "huge":
        with open(capture, "wb") as handle:
            handle.truncate(65 << 20)           # sparse: 65 MB that take no disk
    else:
        capture = Path(kind)
    out = minimal / "r.html"
    result = cli("sources", "review", "garden-letters", "-m", str(minimal), "--capture", str(capture),
                 "--output", str(out))
    assert result.exit_code == 0, result.stderr
    assert said in out.read_text(encoding="utf-8")


def test_the_review_page_is_never_written_over_a_named_pipe(minimal, cli, tmp_path):
    pipe = tmp_path / "page.html"
    os.mkfifo(pipe)
    result = cli("sources", "review", "garden-letters", "-m", str(minimal), "--output", str(pipe))
    assert result.exit_code == 1 and "error[E509]" in result.stderr and "named pipe" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_folder_named_like_a_source_is_named_by_sources_list(minimal, cli):
    (minimal / "sources" / "stray.yaml").mkdir()
    result = cli("sources", "list", "-m", str(minimal))
    assert result.exit_code == 1
    assert "stray.yaml: error[E120]: a folder, not a regular file" in result.stderr


@pytest.mark.parametrize("code, ok", [("GBP", True), ("EUR", True), ("HRK", True), ("XYZ", False), ("UKP", False),
                                      ("RMB", False), ("XXX", False), ("XTS", False)])
def test_a_fee_currency_is_an_iso_4217_code_not_any_three_capitals(minimal, cli, code, ok):
    edits = minimal / "sources" / "garden-letters.edits.yaml"
    edits.write_text(edits.read_text(encoding="utf-8").replace(
        "rights:\n", f"rights:\n  fee: 50\n  currency: {code}\n", 1), encoding="utf-8")
    result = cli("sources", "list", "-m", str(minimal))
    if ok:
        assert result.exit_code == 0, result.stderr
    else:
        assert result.exit_code == 1
        assert "garden-letters.edits.yaml:3: error[S130]: `currency`" in result.stderr
        assert f"'{code}' is not an ISO 4217 currency" in result.stderr


@pytest.mark.parametrize("args", [("--help",), ("--version",), ("explain",), ("explain", "E251"), ("sources", "--help"),
                                  ("build", "--help")])
def test_a_closed_reader_is_the_same_line_and_status_from_every_command(args):
    """click's own printing (help, version) and `explain`, which no `run` guards, ended with a silent exit 1."""
    read, write = os.pipe()
    os.close(read)
    done = subprocess.run([sys.executable, "-m", "book", *args], stdout=write, stderr=subprocess.PIPE, env=_env(),
                          text=True)
    os.close(write)
    assert done.returncode == 1 and done.stderr.strip() == "cannot write to standard output: Broken pipe"


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env(), timeout=60)


@pytest.mark.parametrize("signum, said", [(signal.SIGINT, "interrupted"), (signal.SIGTERM, "interrupted by SIGTERM")])
def test_a_signal_while_the_command_line_loads_is_one_line_and_130(signum, said):
    """The second or so spent importing: a traceback of the import (SIGINT) or no word at all (SIGTERM)."""
    done = _python("import os, time\nfrom book.support.signals import ended_at_once\nwith ended_at_once():\n"
                   f"    os.kill(os.getpid(), {int(signum)})\n    time.sleep(5)\nprint('went on')")
    assert done.returncode == 130 and done.stderr.strip() == said and "went on" not in done.stdout


def test_a_signal_once_the_command_is_done_leaves_its_exit_status():
    """A finished `book release` was "killed by SIGTERM" when the signal came in Python's teardown (the
    process's entry, `launch`, leaves them ignored; a program calling `book.cli.main` keeps its own)."""
    done = _python("import os, signal, sys, time\nfrom book.__main__ import launch\nsys.argv = ['book', '--version']\n"
                   "try:\n    launch()\n"
                   "except SystemExit as exc:\n    os.kill(os.getpid(), signal.SIGTERM)\n"
                   "    os.kill(os.getpid(), signal.SIGINT)\n"
                   "    time.sleep(0.2)\n    sys.exit(exc.code)")
    assert done.returncode == 0 and done.stderr == ""


def test_a_signal_while_options_are_read_is_interrupted_not_aborted(monkeypatch):
    """Between the imports and `run`, click said "Aborted!" (exit 1) for SIGINT; SIGTERM had its default action."""
    done = _python("import os, signal, sys, click\nfrom book.__main__ import launch\n"
                   "real = click.Group.parse_args\n"
                   "def parse(self, ctx, args):\n    os.kill(os.getpid(), signal.SIGTERM)\n"
                   "    return real(self, ctx, args)\n"
                   "click.Group.parse_args = parse\nsys.argv = ['book', 'stats', '--help']\nlaunch()")
    assert done.returncode == 130 and done.stderr.strip() == "interrupted by SIGTERM"


def _book_yaml(minimal: Path, added: str) -> None:
    book = minimal / "book.yaml"
    book.write_text(book.read_text(encoding="utf-8") + added, encoding="utf-8")


@pytest.mark.parametrize("price, ok", [("£12.99", True), ("12,99 €", True), ("USD 16.00", True),
                                       ("£1,299.00", True),
                                       ("12.99", False), ("<script>", False), ("XYZ 12", False), ("£12.9999", False)])
def test_a_price_is_an_amount_with_its_currency(minimal, cli, price, ok):
    _book_yaml(minimal, f"sale:\n  price: '{price}'\n")
    result = cli("check", "-m", str(minimal))
    if ok:
        assert result.exit_code == 0, result.stderr
    else:
        line = len((minimal / "book.yaml").read_text(encoding="utf-8").splitlines())
        assert result.exit_code == 1 and f"book.yaml:{line}:3: error[E104]: 'sale.price': " in result.stderr


def test_a_permission_request_language_is_a_language_tag(minimal, cli):
    _book_yaml(minimal, "permissions:\n  languages: [en, 'klingon!']\n")
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 1
    assert "error[E104]: 'permissions.languages': 'klingon!' is not a language tag" in result.stderr


def _override_chapter_template(minimal: Path, old: str, new: str) -> None:
    template = (ROOT / "styles" / "chapter.md.j2").read_text(encoding="utf-8")
    assert old in template
    (minimal / "styles").mkdir(exist_ok=True)
    (minimal / "styles" / "chapter.md.j2").write_text(template.replace(old, new), encoding="utf-8")


def _link_from_the_reply(minimal: Path, target: str) -> None:
    chapter = minimal / "chapters" / "01-first.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace(
        "The reply, with a note.[^1]", f"The reply, with a note.[^1] See [it](#{target}).", 1), encoding="utf-8")


def test_a_link_to_an_id_an_overriding_template_drops_is_e539_at_its_line(minimal, cli):
    """E251 counted the book's own template's ids: the check passed and Typst stopped the PDF (E506)."""
    _override_chapter_template(minimal, "{#{{ chapter.id }}--{{ section.name }}-title}", "")
    _link_from_the_reply(minimal, "ch01-first--reply-title")
    for _twice in range(2):         # the second reading comes from the cache
        result = cli("check", "-m", str(minimal))
        assert result.exit_code == 1
        [line] = [line for line in result.stderr.splitlines() if "error[" in line]
        assert "chapters/01-first.md:14:" in line
        assert "error[E539]: this link goes to '#ch01-first--reply-title'" in line


def test_a_link_the_rendered_chapters_can_follow_is_not_e539(minimal, cli):
    _link_from_the_reply(minimal, "ch02-second--reply-title")
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 0, result.stderr


def test_a_link_to_an_id_an_overriding_template_adds_passes_and_the_epub_holds_it(minimal, cli, tmp_path):
    """E251 refused it (its own layout of the chapter has no such heading): it was not exact either way."""
    _override_chapter_template(minimal, ":::::::::\n", "## Afterword {#afterword}\n\nThe end.\n\n:::::::::\n")
    _link_from_the_reply(minimal, "afterword")
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 0, result.stderr
    import zipfile

    result = cli("build", "epub", "-m", str(minimal), "--out-dir", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(result.stdout.strip()) as epub:
        chapter = next(epub.read(n).decode() for n in epub.namelist() if n.endswith("ch01-first.xhtml"))
    assert 'href="#afterword"' in chapter and 'id="afterword"' in chapter


def test_a_build_with_an_overriding_template_stops_on_e539_before_typesetting(minimal, cli, tmp_path):
    _override_chapter_template(minimal, "{#{{ chapter.id }}--{{ section.name }}-title}", "")
    _link_from_the_reply(minimal, "ch01-first--reply-title")
    out = tmp_path / "out"
    result = cli("build", "all", "-m", str(minimal), "--out-dir", str(out), "--no-cache")
    assert result.exit_code == 1 and "error[E539]" in result.stderr and "E506" not in result.stderr
    assert not out.exists() or not [p for p in out.iterdir() if p.name != ".cache"]


def test_calling_the_command_line_from_python_leaves_the_callers_signal_handlers():
    """Only the process's entry ignores signals once the command is done; a program calling `main` keeps its own."""
    done = _python("import signal\nfrom book.cli import main\ntry:\n    main(['--version'])\nexcept SystemExit:\n"
                   "    pass\nprint(signal.getsignal(signal.SIGINT) is signal.default_int_handler, "
                   "signal.getsignal(signal.SIGTERM) is signal.SIG_DFL)")
    assert done.stdout.splitlines()[-1].split() == ["True", "True"], done.stderr
