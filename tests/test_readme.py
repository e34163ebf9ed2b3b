"""The README's Quick start is what CI runs; keep its promises checkable."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def quick_start() -> list[str]:
    text = (REPO / "README.md").read_text()
    block = re.search(r"## Quick start\s+```sh\n(.*?)```", text, re.S)
    assert block, "README needs a '## Quick start' heading followed by one sh block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_quick_start_has_two_commands():
    build, test = quick_start()
    assert "pip install" in build and "book build" in build
    assert "pip install" in test and "pytest" in test


def test_ci_runs_the_readme_test_command():
    script = (REPO / ".ci" / "run").read_text()
    assert "grep -m1 'pytest'" in script and "eval" in script


def test_the_command_list_is_in_the_order_of_book_help(cli):
    """README's "Command line" block lists the commands as ``book --help`` does (workflow order)."""
    from book.cli import main

    text = (REPO / "README.md").read_text()
    block = re.search(r"## Command line\s+```\n(.*?)```", text, re.S)
    assert block, "README needs a '## Command line' heading followed by the list of commands"
    named = list(dict.fromkeys(line.split()[1] for line in block.group(1).splitlines()
                               if line.startswith("book ") and not line.startswith("book --")))
    helped = [line.split()[0] for line in cli("--help").stdout.split("Commands:")[1].splitlines() if line.strip()]
    assert named == helped
    assert set(named) == set(main.commands)
