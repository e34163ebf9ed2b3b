"""Privacy: how the people quoted appear in the book.

Commenters wrote on public pages, not for a book. ``book.yaml`` chooses how they
appear: as written, by initials, or by consistent pseudonyms (an editable map,
generated on first use). The choice is applied to the rendered Markdown of the
whole book, so attributions, names inside quoted text ("Dear Cindy,"), the
editor's prose and the appendix all follow it, in the EPUB and the PDF alike.
Verification runs on the words as written, before this stage, so it still passes.
Authors of the posts, writing publicly under their own names, are shown as
written unless ``privacy.anonymise`` lists them.

Email addresses, phone numbers and personal URLs quoted from comments are masked.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from book.manuscript.styles import Styles
from book.model import Manuscript
from book.support.diagnostics import Report

NOT_A_NAME = {"anonymous", "anon", "unknown", "guest"}

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\"]+[^\s<>()\".,;:!?'’”]")
_PHONE = re.compile(r"(?<![\w/])\+?\(?\d[\d\s().-]{7,}\d(?![\w/])")


def mask_contact_details(text: str) -> str:
    """Mask email addresses, URLs and phone numbers (9 or more digits) in a comment."""
    text = _EMAIL.sub("[email address removed]", text)
    text = _URL.sub("[link removed]", text)
    return _PHONE.sub(lambda m: "[phone number removed]" if sum(c.isdigit() for c in m.group(0)) >= 9
                      else m.group(0), text)


def initials(name: str) -> str:
    """``Cindy`` -> ``C.``; ``Attachment Girl`` -> ``A. G.``; ``AG`` -> ``A. G.``."""
    words = re.findall(r"[^\W\d_]+", name)
    if len(words) == 1 and words[0].isupper() and len(words[0]) <= 4:
        letters = list(words[0])
    else:
        letters = [w[0].upper() for w in words]
    return " ".join(f"{letter}." for letter in letters) or name


@dataclass(frozen=True)
class NameMap:
    """Real name forms -> the forms printed in the book.

    Public names (``privacy.public``, e.g. "Mary Ainsworth") are matched too, and left
    as they are, so a commenter called Mary does not turn the researcher into "M.".
    """

    shown: dict[str, str] = field(default_factory=dict)
    _pattern: re.Pattern | None = None

    @classmethod
    def build(cls, shown: dict[str, str], public: tuple[str, ...] = ()) -> "NameMap":
        active = {k: v for k, v in shown.items() if k and k != v}
        if not active:
            return cls({}, None)
        active.update({name: name for name in public if name})
        names = sorted(active, key=len, reverse=True)  # longest first: "Mary Ann" before "Mary"
        pattern = re.compile(r"(?<![\w])(" + "|".join(re.escape(n) for n in names) + r")(?![\w])(\.?)")
        return cls(active, pattern)

    def apply(self, text: str, quoted: bool = False) -> str:
        """Replace every name form; inside a quotation the replacement is bracketed, as an
        editorial alteration (``Dear [C.],``)."""
        if self._pattern is None:
            return text
        return self._pattern.sub(lambda m: self._replace(m, quoted), text)

    def _replace(self, match: re.Match, quoted: bool) -> str:
        real, period = match.group(1), match.group(2)
        shown = self.shown[real]
        if shown == real:
            return match.group(0)
        if quoted:
            return "\\[" + shown + "\\]" + period          # Markdown-escaped brackets
        return shown if shown.endswith(".") and period else shown + period  # "B." not "B.." at a full stop

    def person(self, name: str | None) -> str | None:
        if name is None:
            return None
        return self.shown.get(name, name)


def commenters(manuscript: Manuscript) -> list[str]:
    """Every person quoted who is not a post's author writing under their own name."""
    config = manuscript.config.privacy
    people: set[str] = set()
    public: set[str] = set()
    for source in manuscript.sources.values():
        if source.author:
            public.add(source.author)
        for unit in source.units:
            if unit.kind == "post" and unit.author:
                public.add(unit.author)
    public -= set(config.anonymise)
    for source in manuscript.sources.values():
        for unit in source.units:
            if unit.author:
                people.add(unit.author)
        for voice in source.voices:
            people.add(voice.author)
    people |= set(config.anonymise)
    people -= set(config.public)
    return sorted(p for p in people - public if p.strip().lower() not in NOT_A_NAME)


def plan(manuscript: Manuscript, report: Report, write: bool = True) -> NameMap:
    """The name map this book's privacy setting asks for (writing the pseudonym map on first use)."""
    privacy = manuscript.config.privacy
    if privacy.commenters == "as-written":
        return NameMap.build({})
    people = commenters(manuscript)
    if privacy.commenters == "initials":
        canonical = {name: initials(name) for name in people}
    else:
        canonical = _pseudonyms(manuscript, people, report, write)
    shown: dict[str, str] = {}
    for name, display in canonical.items():
        shown[name] = display
        for alias in privacy.aliases.get(name, []):
            shown[alias] = display
    return NameMap.build(shown, tuple(privacy.public))


def _pseudonyms(manuscript: Manuscript, people: list[str], report: Report, write: bool) -> dict[str, str]:
    from book.support.yamlfile import parse_yaml

    path = manuscript.root / manuscript.config.privacy.pseudonyms_file
    existing: dict[str, str] = {}
    errors_before = len(report.errors)
    text = _read_map(manuscript, path, report)
    if text is not None:
        data = parse_yaml(text, path, report)
        if data is not None and not hasattr(data, "items"):
            report.error("E340", "the pseudonym map must be a mapping of real name: pseudonym", path, 1)
            data = None
        for key, value in (data or {}).items():
            if not isinstance(value, str) or not value.strip():
                report.error("E341", f"pseudonym for '{key}' must be a name", path)
                continue
            existing[str(key)] = value.strip()
    missing = [p for p in people if p not in existing]
    if missing:
        existing.update(_invent(missing, existing, people, manuscript))
        if write and len(report.errors) == errors_before:   # never overwrite a map that could not be read
            _write_map(path, existing)
    return {p: existing[p] for p in people}


def _read_map(manuscript: Manuscript, path: Path, report: Report) -> str | None:
    """The pseudonym map's text, None when there is none yet (or it cannot be read: reported)."""
    from book.support.files import InputRefused, input_error, read_input
    from book.support.text import decode_text

    if not os.path.lexists(path):
        return None
    try:
        return decode_text(read_input(path, manuscript.root), path, report)
    except InputRefused as exc:
        input_error(report, exc)
        return None


def _invent(missing: list[str], taken: dict[str, str], people: list[str], manuscript: Manuscript) -> dict[str, str]:
    """Pick pseudonyms deterministically: the same commenters always get the same names."""
    pool_file = Styles.of(manuscript).find("privacy/pseudonyms.txt")
    pool = [line.strip() for line in pool_file.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    used = set(taken.values()) | set(people)
    out: dict[str, str] = {}
    for name in missing:
        start = int(hashlib.sha256(name.encode()).hexdigest(), 16) % len(pool)
        for step in range(len(pool)):
            candidate = pool[(start + step) % len(pool)]
            if candidate not in used:
                break
        else:
            candidate = f"Reader {len(used) + 1}"
        used.add(candidate)
        out[name] = candidate
    return out


def _write_map(path: Path, mapping: dict[str, str]) -> None:
    from book.support.files import write_atomically

    lines = ["# Pseudonyms for commenters (privacy.commenters: pseudonyms). Generated on first use;",
             "# edit freely: the book uses these names everywhere the real ones would appear."]
    for real in sorted(mapping):
        lines.append(f"{_yaml_str(real)}: {_yaml_str(mapping[real])}")
    write_atomically(path, ("\n".join(lines) + "\n").encode("utf-8"))


def _yaml_str(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
