"""Re-importing keeps unit ids: chapters quote ``source#c7`` and must not break."""

from __future__ import annotations

from pathlib import Path

from .conftest import FIXTURES
from .helpers import import_json, run


def test_ids_are_kept_when_the_thread_changes(tmp_path: Path) -> None:
    manuscript = tmp_path / "m"
    original = (FIXTURES / "wordpress-copy.txt").read_text()
    capture = tmp_path / "page.txt"
    capture.write_text(original)
    first = import_json(capture, manuscript)
    ids = {u["text"]: u["id"] for u in first["units"]}
    assert list(ids.values()) == ["post", "c1", "c2", "c3"]

    changed = original.replace(
        "3 thoughts on “Why I Write to My Therapist”\n",
        "4 thoughts on “Why I Write to My Therapist”\nNina says:\nMarch 3, 2016 at 11:00 pm\nFirst!\nReply\n",
    ).replace("It is terrifying.", "It is terrifying, honestly.")
    capture.write_text(changed)
    result = run("import", capture, "-m", manuscript, "-q", "--force")
    assert result.exit_code == 0, result.stderr
    second = run("show", "why-i-write-my-therapist", "--json", "-m", manuscript)
    import json

    units = json.loads(second.stdout)["units"]
    assert [(u["id"], u["author"]) for u in units] == [
        ("post", "Elena Varga"), ("c4", "Nina"), ("c1", "Daniel Okafor"), ("c2", "Elena Varga"), ("c3", "Marta")]
    assert units[2]["text"].endswith("It is terrifying, honestly.")


def test_reimport_of_identical_capture_is_byte_identical(tmp_path: Path) -> None:
    manuscript = tmp_path / "m"
    assert run("import", FIXTURES / "blogger.html", "-m", manuscript, "-q").exit_code == 0
    path = manuscript / "sources" / "session-i-almost-cancelled.yaml"
    before = path.read_bytes()
    assert run("import", FIXTURES / "blogger.html", "-m", manuscript, "-q", "--force").exit_code == 0
    assert path.read_bytes() == before
