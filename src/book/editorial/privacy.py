"""Privacy: how the people quoted appear in the book.

Commenters wrote on public pages, not for a book. ``book.yaml`` chooses how they
appear: as written, by initials, or by consistent pseudonyms (an editable map,
generated on first use). The choice is applied to the MODEL, before any template
escapes anything (:func:`printed`): attributions, names inside quoted text ("Dear
Cindy,"), the editor's prose, titles, the sources and the matter pages all follow it,
in the EPUB and the PDF alike, whatever characters a name holds. Verification runs on
the words as written, before this stage, so it still passes.
Authors of the posts, writing publicly under their own names, are shown as
written unless ``privacy.anonymise`` lists them.

Email addresses, phone numbers and personal URLs quoted from comments are masked.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

from book.editorial.attribution import unit_writer
from book.manuscript.styles import Styles, md_escape
from book.model import Block, Chapter, Cited, Manuscript, Matter, Prose, Source
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


# Characters a name may carry that Markdown text escapes with a backslash (``sad\\_girl``).
_ESCAPABLE = set("\\`*_{}[]<>#|~^$@()!.+-&")


def _name_pattern(name: str) -> str:
    """A name as it may stand in Markdown or plain text: escaped or not, broken across lines."""
    out: list[str] = []
    for char in unicodedata.normalize("NFC", name.strip()):
        if char.isspace():
            if not out or out[-1] != r"\s+":
                out.append(r"\s+")
        elif char in _ESCAPABLE:
            out.append(r"\\?" + re.escape(char))
        else:
            out.append(re.escape(char))
    return "".join(out)


def _key(name: str) -> str:
    """How two forms of one name are known to be the same: case, spacing and escapes aside."""
    return " ".join(unicodedata.normalize("NFC", name.replace("\\", "")).casefold().split())


@dataclass(frozen=True)
class NameMap:
    """Real name forms -> the forms printed in the book.

    Public names (``privacy.public``, e.g. "Mary Ainsworth") are matched too, and left
    as they are, so a commenter called Mary does not turn the researcher into "M.".
    A name is found whatever its case (``MARY``), however Markdown escapes it
    (``sad\\_girl\\_22``), when a line break falls inside it, and before a possessive.
    """

    shown: dict[str, str] = field(default_factory=dict)    # real name form -> printed form
    _pattern: re.Pattern | None = None
    _by_key: dict[str, str] = field(default_factory=dict)  # _key(real form) -> printed form

    @classmethod
    def build(cls, shown: dict[str, str], public: tuple[str, ...] = ()) -> "NameMap":
        active = {k: v for k, v in shown.items() if k and k.strip() and k != v}
        if not active:
            return cls({}, None, {})
        active.update({name: name for name in public if name and name.strip()})
        names = sorted(active, key=lambda n: len(n.strip()), reverse=True)  # "Mary Ann" before "Mary"
        pattern = re.compile(r"(?<![\w\\])(" + "|".join(_name_pattern(n) for n in names) + r")(?!\w)(\.?)",
                             re.IGNORECASE)
        return cls(active, pattern, {_key(real): printed for real, printed in active.items()})

    def apply(self, text: str, quoted: bool = False, markdown: bool = True) -> str:
        """Replace every name form. Inside a quotation the replacement is bracketed, as an
        editorial alteration (``Dear [C.],``); in Markdown the printed form is escaped."""
        if self._pattern is None or not text:
            return text
        text = unicodedata.normalize("NFC", text)
        return self._pattern.sub(lambda m: self._replace(m, quoted, markdown), text)

    def _replace(self, match: re.Match, quoted: bool, markdown: bool) -> str:
        found, period = match.group(1), match.group(2)
        shown = self._by_key.get(_key(found))
        if shown is None or _key(shown) == _key(found):
            return match.group(0)
        if markdown:
            shown = md_escape(shown)
        if quoted:
            left, right = ("\\[", "\\]") if markdown else ("[", "]")
            return left + shown + right + period
        return shown if shown.endswith(".") and period else shown + period  # "B." not "B.." at a full stop

    def person(self, name: str | None) -> str | None:
        """How a person named in metadata (an author, a voice) is printed."""
        if name is None:
            return None
        shown = self._by_key.get(_key(name))      # the whole name first; a search of it only if not
        return shown if shown is not None else self.apply(name, markdown=False)


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
    path = manuscript.root / manuscript.config.privacy.pseudonyms_file
    errors_before = len(report.errors)
    entries = _read_map(path, manuscript.root, report)
    _check_map(path, entries, _real_names(manuscript), report)
    chosen = {real: shown for real, (shown, _line) in entries.items()}
    missing = [p for p in people if p not in chosen]
    if missing:
        chosen.update(_invent(missing, chosen, people, manuscript))
        if write and len(report.errors) == errors_before:   # never overwrite a map that could not be read
            _write_map(path, chosen)
    return {p: chosen[p] for p in people}


def _read_map(path: Path, root: Path, report: Report) -> dict[str, tuple[str, int | None]]:
    """The editor's pseudonym map, real name -> (pseudonym, line); E340-E341 for what cannot be read.

    Read as every input is (a regular file inside the manuscript: never a pipe, E120 otherwise)."""
    from book.support.files import InputRefused, input_error, read_input
    from book.support.text import decode_text
    from book.support.yamlfile import parse_yaml, position

    if not os.path.lexists(path):
        return {}
    try:
        text = decode_text(read_input(path, root), path, report)
    except InputRefused as exc:
        input_error(report, exc)
        return {}
    if text is None:
        return {}
    data = parse_yaml(text, path, report)
    if data is not None and not hasattr(data, "items"):
        report.error("E340", "the pseudonym map must be a mapping of real name: pseudonym", path, 1)
        return {}
    out: dict[str, tuple[str, int | None]] = {}
    for key, value in (data or {}).items():
        line, column = position(data, (key,))
        if not isinstance(value, str) or not value.strip():
            report.error("E341", f"pseudonym for '{key}' must be a name", path, line, column)
            continue
        out[str(key)] = (value.strip(), line)
    return out


def _real_names(manuscript: Manuscript) -> set[str]:
    """Every name of a person in the book's sources: authors, commenters, voices."""
    names = {source.author for source in manuscript.sources.values() if source.author}
    for source in manuscript.sources.values():
        names |= {unit.author for unit in source.units if unit.author}
        names |= {voice.author for voice in source.voices}
    return {n for n in names if n.strip().lower() not in NOT_A_NAME}


def _check_map(path: Path, mapping: dict[str, tuple[str, int | None]], real: set[str], report: Report) -> None:
    """E342-E344: a pseudonym must point at nobody else: no chains, no sharing, no real person's name."""
    keys = {_key(k) for k in mapping}
    real_keys = {_key(n): n for n in real}
    first: dict[str, str] = {}
    for name, (shown, line) in mapping.items():
        if _key(shown) == _key(name):
            continue
        if _key(shown) in keys:
            report.error("E342", f"the pseudonym of '{name}' is '{shown}', which the map also lists as a real "
                         "name: a chain would print one person under another's name; choose another pseudonym",
                         path, line)
        elif _key(shown) in real_keys:
            report.error("E344", f"the pseudonym of '{name}' is '{shown}', the name of a real person quoted in "
                         "the book; choose a name nobody in the sources has", path, line)
        other = first.setdefault(_key(shown), name)
        if other != name:
            report.error("E343", f"'{name}' and '{other}' share the pseudonym '{shown}': readers would take "
                         "them for one person; give each their own", path, line)


def _invent(missing: list[str], taken: dict[str, str], people: list[str], manuscript: Manuscript) -> dict[str, str]:
    """Pick pseudonyms deterministically: the same commenters always get the same names."""
    pool_file = Styles.of(manuscript).find("privacy/pseudonyms.txt")
    pool = [line.strip() for line in pool_file.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    used = set(taken.values()) | set(people) | _real_names(manuscript)
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


# ------------------------------------------------------------------ the printed model

def printed(manuscript: Manuscript, names: NameMap, chapters: tuple[Chapter, ...] | None = None,
            sources: dict[str, Source] | None = None) -> Manuscript:
    """The manuscript as every output prints it: names replaced, contact details masked.

    Applied to the model, before any template escapes anything, so a name is replaced
    wherever it stands (a title, an attribution, the editor's prose, a quotation, the
    appendix), whatever characters it holds. ``chapters`` and ``sources``, when given, are
    already printed (each by :func:`printed_chapter` / :func:`printed_source`, kept by content).
    """
    if sources is None:
        sources = {sid: printed_source(source, names) for sid, source in manuscript.sources.items()}
    if chapters is None:
        chapters = tuple(printed_chapter(chapter, manuscript, names) for chapter in manuscript.chapters)
    config = manuscript.config
    config = config.model_copy(update={"title": names.apply(config.title, markdown=False),
                                       "subtitle": _plain(names, config.subtitle),
                                       "description": _plain(names, config.description)})
    return replace(manuscript, config=config, chapters=chapters, sources=sources,
                   front=tuple(_printed_matter(m, names) for m in manuscript.front),
                   back=tuple(_printed_matter(m, names) for m in manuscript.back))


def printed_chapter(chapter: Chapter, manuscript: Manuscript, names: NameMap) -> Chapter:
    """One chapter as printed (``manuscript``: the book as written, for its sources)."""
    sections = tuple(replace(section, blocks=tuple(_printed_block(b, manuscript, names) for b in section.blocks))
                     for section in chapter.sections)
    return replace(chapter, title=names.apply(chapter.title, markdown=False),
                   short_title=_plain(names, chapter.short_title), subtitle=_plain(names, chapter.subtitle),
                   sections=sections)


def _plain(names: NameMap, text: str | None) -> str | None:
    return names.apply(text, markdown=False) if text else text


def printed_source(source: Source, names: NameMap) -> Source:
    units = tuple(replace(unit, author=names.person(unit.author)) for unit in source.units)
    voices = tuple(replace(voice, author=names.person(voice.author) or voice.author) for voice in source.voices)
    rights = replace(source.rights, decision=_plain(names, source.rights.decision), note=_plain(names, source.rights.note))
    return replace(source, author=names.person(source.author), title=_plain(names, source.title),
                   site=_plain(names, source.site), units=units, voices=voices, rights=rights)


def _printed_matter(matter: Matter, names: NameMap) -> Matter:
    return replace(matter, title=_plain(names, matter.title), body=names.apply(matter.body))


def _printed_block(block: Block, manuscript: Manuscript, names: NameMap) -> Block:
    if isinstance(block, Prose):
        return replace(block, text=names.apply(block.text))
    if isinstance(block, Cited):
        return replace(block, text=names.apply(block.text, quoted=True), cite=names.apply(block.cite, markdown=False))
    text = names.apply(block.text, quoted=True)   # names inside a quotation: bracketed alterations
    credit = block.credit
    source = manuscript.sources.get(block.source)
    if credit is None or source is None:
        return replace(block, text=text)
    unit = source.unit(block.unit)
    if credit.kind != "post" or unit is None or credit.who != unit_writer(source, unit)[0]:
        text = mask_contact_details(text)  # a comment, or a reader's letter inside a post
    return replace(block, text=text, credit=replace(credit, who=names.person(credit.who),
                                                    title=_plain(names, credit.title),
                                                    site=_plain(names, credit.site)))
