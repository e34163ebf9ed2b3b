"""The registry of diagnostic codes: what each code means, and how to fix it.

Every problem the tool reports carries a stable code (``E313``, ``S301``). The
registry (``codes.yaml`` beside this file) gives each one its severity, a one-line
summary and a longer explanation, which ``book explain CODE`` prints, as
``rustc --explain`` does. The tests hold the registry and the code to each other:
every code raised is registered, raised from one place, and named in a test.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

REGISTRY = Path(__file__).with_name("codes.yaml")
CODE = re.compile(r"^[ES]\d{3}$")

# The family of a code is its letter and first digit: where in the pipeline it is raised.
FAMILIES = {
    "E1": "book.yaml and the files it lists",
    "E2": "chapters and matter pages: structure, markup, images, fonts",
    "E3": "excerpts: verification, attribution, rights, privacy",
    "E5": "making the outputs: pandoc, Typst, the EPUB and the PDF",
    "E7": "releases: versions, reproducibility, validators",
    "E8": "the working loop: starting a book (book new), the preview server (book serve)",
    "E9": "files for the publisher: the permissions log, status and letters, the copy-editing DOCX",
    "S1": "source files: <id>.yaml and <id>.edits.yaml",
    "S2": "importing a capture",
    "S3": "what an import could not settle",
}


@dataclass(frozen=True)
class Code:
    """One registered diagnostic code."""

    code: str
    severity: str          # "error" or "warning"
    summary: str           # one line
    explanation: str       # what it means, why it matters, how to fix it
    release: str | None = None   # the severity under --release, when it differs (a warning becomes an error)

    @property
    def family(self) -> str:
        return FAMILIES[self.code[:2]]

    def explain(self) -> str:
        """The text ``book explain`` prints."""
        severity = self.severity + (f", {self.release} under --release" if self.release else "")
        return (f"{self.code} ({severity}; {self.family})\n\n{self.summary}\n\n"
                f"{self.explanation.strip()}\n")


@lru_cache(maxsize=1)
def registry() -> dict[str, Code]:
    """Every code, read once from ``codes.yaml`` (ruamel.yaml imported then: most runs look none up)."""
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(REGISTRY.read_text(encoding="utf-8"))
    return {code: Code(code, entry["severity"], " ".join(entry["summary"].split()), entry["explanation"],
                       entry.get("release"))
            for code, entry in data.items()}


def lookup(code: str) -> Code | None:
    """The registered code, whatever its case (``e313`` finds ``E313``), or None."""
    return registry().get(code.strip().upper())
