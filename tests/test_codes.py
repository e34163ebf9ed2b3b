"""The registry of diagnostic codes and the code that raises them, held to each other.

Every code raised is registered with its severity, is raised from one function (so
a code means one problem, worded in one place), and is named in at least one test;
``book explain`` prints any of them.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

import pytest

from book.support.codes import CODE, FAMILIES, registry

SRC = Path(__file__).resolve().parent.parent / "src" / "book"
TESTS = Path(__file__).resolve().parent


def _raised() -> dict[str, list[tuple[str, str, str | None]]]:
    """Each code in the source: (file, enclosing function, severity of the call or None)."""
    found: dict[str, list[tuple[str, str, str | None]]] = defaultdict(list)
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        file = str(path.relative_to(SRC))
        in_calls: set[int] = set()

        def walk(node: ast.AST, where: str) -> None:
            for child in ast.iter_child_nodes(node):
                inner = where
                if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    inner = f"{where}.{child.name}" if where else child.name
                if isinstance(child, ast.Call):
                    name = getattr(child.func, "attr", None) or getattr(child.func, "id", None)
                    severity = {"error": "error", "warning": "warning", "BookError": "error"}.get(name or "")
                    for arg in [*child.args, *(k.value for k in child.keywords)]:
                        if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and CODE.match(arg.value):
                            found[arg.value].append((file, inner, severity))
                            in_calls.add(id(arg))
                elif (isinstance(child, ast.Constant) and isinstance(child.value, str) and CODE.match(child.value)
                      and id(child) not in in_calls):
                    found[child.value].append((file, inner, None))
                walk(child, inner)
        walk(tree, "")
    return dict(found)


RAISED = _raised()


def test_every_code_raised_is_registered():
    assert sorted(set(RAISED) - set(registry())) == []


def test_every_registered_code_is_raised():
    assert sorted(set(registry()) - set(RAISED)) == []


@pytest.mark.parametrize("code", sorted(RAISED))
def test_a_code_is_raised_from_one_function(code):
    places = {(file, function) for file, function, _ in RAISED[code]}
    assert len(places) == 1, f"{code} is raised from {sorted(places)}"


@pytest.mark.parametrize("code", sorted(RAISED))
def test_a_code_is_raised_with_its_registered_severity(code):
    severities = {severity for _, _, severity in RAISED[code] if severity is not None}
    entry = registry()[code]
    assert severities <= {entry.severity}, f"{code} is raised as {severities}"
    assert entry.release in (None, "error") and (entry.release is None or entry.severity == "warning")


@pytest.mark.parametrize("code", sorted(registry()))
def test_every_code_is_documented_and_named_in_a_test(code):
    entry = registry()[code]
    assert entry.severity in ("error", "warning")
    assert entry.code[:2] in FAMILIES
    assert entry.summary and "\n" not in entry.summary and "DRAFT" not in entry.summary
    assert len(entry.explanation.split()) >= 15 and "DRAFT" not in entry.explanation
    pattern = re.compile(rf"\b{code}\b")
    named = [p for p in TESTS.rglob("*.py") if p.name != "test_codes.py" and pattern.search(p.read_text("utf-8"))]
    assert named, f"{code} is not named in any test"


def test_a_family_is_described_without_exceptions():
    """``book explain`` prints a code's family as where it is raised: a family's words listing codes that are not
    its own ("releases …; an editor's slips (E776-E778)") means those codes are in the wrong family."""
    assert [name for name, words in FAMILIES.items() if re.search(r"\b[ES]\d{3}\b", words)] == []


def test_release_codes_are_raised_by_the_release_steps():
    """E7 is "releases: versions, reproducibility, validators": raised by the release, EPUB and PDF packages, never
    by a chapter's or an edits file's check (whose codes are E2 and S1)."""
    stray = sorted({(code, file) for code, places in RAISED.items() if code.startswith("E7")
                    for file, _, _ in places if file.split("/")[0] not in {"release", "epub", "pdf"}})
    assert stray == []


def test_explain_prints_the_explanation(cli):
    result = cli("explain", "E313")
    assert result.exit_code == 0
    entry = registry()["E313"]
    assert result.stdout.startswith("E313 (error;") and entry.summary in result.stdout
    assert entry.explanation.strip().split("\n")[0] in result.stdout


def test_explain_accepts_lower_case_and_lists_every_code(cli):
    assert cli("explain", "e313").stdout == cli("explain", "E313").stdout
    listing = cli("explain").stdout.splitlines()
    assert [line.split()[0] for line in listing] == sorted(registry())


def test_explain_an_unknown_code_is_a_usage_error_with_a_suggestion(cli):
    result = cli("explain", "E3133")
    assert result.exit_code == 2 and "unknown code 'E3133'" in result.stderr and "E313" in result.stderr
    assert "Traceback" not in result.stderr
