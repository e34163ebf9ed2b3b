"""The folder tree is the pipeline: one package per stage, imports pointing down only, no cycles."""

from __future__ import annotations

import importlib
import subprocess
import sys
import tomllib
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent
STAGES = ["support", "manuscript", "sources", "editorial", "render", "epub", "pdf", "release", "serve", "pipeline", "cli"]


def test_the_import_linter_contract_is_kept():
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_the_contract_ignores_no_import_and_names_every_stage():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    for contract in config["contracts"]:
        assert "ignore_imports" not in contract and "unmatched_ignore_imports_alerting" not in contract
    layers = " ".join(config["contracts"][0]["layers"])
    assert all(f"book.{stage}" in layers for stage in STAGES)


def test_there_are_no_import_cycles():
    graph = grimp.build_graph("book")
    cycles = [cycle for cycle in _strongly_connected(graph) if len(cycle) > 1]
    assert cycles == []


@pytest.mark.parametrize("stage", STAGES)
def test_each_stage_is_a_package_that_says_what_goes_in_and_out(stage):
    package = importlib.import_module(f"book.{stage}")
    assert Path(package.__file__).name == "__init__.py"
    assert package.__doc__ and len(package.__doc__.split()) >= 15


def _strongly_connected(graph: grimp.ImportGraph) -> list[list[str]]:
    """Tarjan's algorithm over the module graph: each list is a set of modules importing each other."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == module:
                    break
            found.append(component)

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found
