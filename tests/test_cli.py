"""The command line: exit statuses, messages, and untouched outputs on failure."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from book import __version__


def test_version(cli):
    result = cli("--version")
    assert result.exit_code == 0 and __version__ in result.stdout


def test_check_clean_book(minimal, cli):
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 0, result.stderr
    assert "0 errors, 0 warnings" in result.stderr


def test_quiet_check_prints_nothing(minimal, cli):
    result = cli("check", "-q", "-m", str(minimal))
    assert result.exit_code == 0 and result.stdout == "" and result.stderr == ""


def test_build_writes_to_out_dir(minimal, cli, tmp_path):
    result = cli("build", "epub", "-m", str(minimal), "--out-dir", str(tmp_path / "b"))
    assert result.exit_code == 0, result.stderr
    written = Path(result.stdout.strip())
    assert written == tmp_path / "b" / "a-small-test-book.epub" and written.is_file()
    assert "Packaging EPUB" in result.stderr  # progress on stderr


def test_usage_errors_exit_2(minimal, cli, tmp_path):
    assert cli("build", "mobi").exit_code == 2
    assert cli("build", "all", "-m", str(minimal), "-o", str(tmp_path / "x")).exit_code == 2


def broken_builds_leave_output(minimal, cli, tmp_path, breaker):
    out = tmp_path / "book.epub"
    assert cli("build", "epub", "-q", "-m", str(minimal), "-o", str(out)).exit_code == 0
    before = out.read_bytes()
    breaker(minimal)
    result = cli("build", "epub", "-m", str(minimal), "-o", str(out))
    assert result.exit_code == 1
    assert out.read_bytes() == before
    assert "Traceback" not in result.stderr + result.stdout
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    return result.stderr


def test_yaml_syntax_error_keeps_previous_epub(minimal, cli, tmp_path):
    def breaker(root):
        path = root / "book.yaml"
        path.write_text(path.read_text().replace("language: en", "language: [en"))
    err = broken_builds_leave_output(minimal, cli, tmp_path, breaker)
    assert "book.yaml:" in err and "YAML syntax error" in err


def test_unknown_key_keeps_previous_epub(minimal, cli, tmp_path):
    def breaker(root):
        path = root / "book.yaml"
        path.write_text(path.read_text().replace("subjects:", "subjcts:"))
    err = broken_builds_leave_output(minimal, cli, tmp_path, breaker)
    assert "book.yaml:18:1: error[E102]: unknown key 'subjcts'; did you mean 'subjects'?" in err


def test_deleted_chapter_keeps_previous_epub(minimal, cli, tmp_path):
    err = broken_builds_leave_output(minimal, cli, tmp_path,
                                     lambda root: (root / "chapters" / "01-first.md").unlink())
    assert "book.yaml" in err and "chapters/01-first.md" in err


def test_several_problems_are_all_listed(minimal, cli):
    path = minimal / "book.yaml"
    path.write_text(path.read_text().replace("subjects:", "subjcts:").replace("language: en", "language: 7x"))
    result = cli("check", "-m", str(minimal))
    assert result.exit_code == 1
    assert result.stderr.count("error[") == 2


def test_missing_manuscript_folder(cli, tmp_path):
    result = cli("check", "-m", str(tmp_path / "nowhere"))
    assert result.exit_code == 2 and "nowhere does not exist" in result.stderr   # a usage error (issue 16)


def test_empty_book_yaml(cli, tmp_path):
    (tmp_path / "book.yaml").write_text("\n")
    result = cli("check", "-m", str(tmp_path))
    assert result.exit_code == 1 and "error[E100]: book.yaml is empty" in result.stderr


def test_strict_turns_warnings_into_failures(minimal, cli, monkeypatch):
    from book.editorial import rules as checks

    def warn(manuscript, report):
        report.warning("W999", "a test warning", manuscript.config_path, 1)

    monkeypatch.setattr(checks, "RULES", [*checks.RULES, checks.Rule(warn)])
    assert cli("check", "-m", str(minimal)).exit_code == 0
    result = cli("check", "--strict", "-m", str(minimal))
    assert result.exit_code == 1 and "warning[W999]" in result.stderr


def test_console_script_runs_without_traceback(minimal, tmp_path):
    """The installed entry point, as a user runs it, in a separate process."""
    (minimal / "book.yaml").write_text("title: [unclosed\n")
    proc = subprocess.run([sys.executable, "-m", "book", "check", "-m", str(minimal)],
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and "book.yaml:" in proc.stderr
