"""The post's author of an HTML page, chosen among its witnesses by fitted weights.

A page names its writer in several places that disagree: schema.org (JSON-LD, microdata, microformats),
OpenGraph and meta tags, the visible byline, the address of an author page. Each names the writer, the
publisher, an editor, the CMS account or a related story's writer, depending on the site. Rules ordered by hand
("the structured data wins, unless ...") were tuned on a few dozen pages and moved only those. Here every
distinct name is a candidate, with "nobody" beside them, each described by its features (which sources give it,
whether they agree, whether it reads as a person or as the site, where the byline stands, whether the page
shows it); a softmax over the candidates' weighted scores chooses, its weights fitted on WCXB's dev pages by
``bench/fit_html_author.py`` and kept as data (``html_author_weights.json``). The hand rules' own choice is one
feature among them: the fit learns where to overrule it. A choice whose chance is under 1/2 is doubted
(``Capture.author_doubt``, warned ``S327``).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from book.sources.name_words import PARTICLES, reads_as_name

WEIGHTS: dict[str, float] = json.loads((Path(__file__).parent / "html_author_weights.json").read_text("utf-8"))
"""The features' weights, fitted by ``bench/fit_html_author.py`` on WCXB's dev HTML pages."""

DOUBT_BELOW = 0.5
"""A chosen name whose chance among the candidates is under this is doubted (warned ``S327``)."""

STRUCTURED = ("json-ld", "microdata", "microformat")
_LEGAL_FORM = re.compile(r"\s(?:e\.\s?V\.|g?GmbH|AG|KG|Inc\.?|Ltd\.?|LLC|LLP|PLC|S\.A\.|SARL|S\.r\.l\.|B\.V\.|"
                         r"N\.V\.|Corp\.?|Co\.)$")
_LOGIN = re.compile(r"[a-z0-9]+(?:[._-][a-z0-9]+)+")
_LIST = re.compile(r",|;|&|\s(?:and|und|et|y|e)\s")
_ORGANISATION_WORDS = re.compile(r"(?i)\b(?:team|staff|editors?|editorial|desk|news|media|magazine|blog|press|"
                                 r"group|company|clinic|hospital|university|institute|association|society|"
                                 r"foundation|agency|online|official|admin|administrator|redaktion|rédaction)\b")


@dataclass(frozen=True)
class Witness:
    """One source's name for the writer: its value and how it was found (json-ld, opengraph, byline ...)."""

    value: str
    how: str
    organization: bool = False


@dataclass(frozen=True)
class Page:
    """What the features compare a name with: the site's names, the byline's place, the page's visible text."""

    sites: tuple[str, ...] = ()
    visible: str = ""
    byline_marked: bool = False
    byline_by_headline: bool = False
    link_by_headline: bool = False
    rules: str | None = None


@dataclass
class Candidate:
    value: str | None
    how: str | None
    features: dict[str, float] = field(default_factory=dict)


def key(name: str) -> str:
    """A name's words, case and punctuation aside: "KatieS", "katies" and "Katie S." are compared so."""
    return " ".join(re.findall(r"\w+", name.casefold()))


def candidates(witnesses: list[Witness], page: Page) -> list[Candidate]:
    """Every distinct name the witnesses give (the same words, one candidate), then "nobody"."""
    groups: dict[str, list[Witness]] = {}
    for witness in witnesses:
        if key(witness.value):
            groups.setdefault(key(witness.value), []).append(witness)
    out = [_candidate(group, groups, page) for group in groups.values()]
    out.append(Candidate(None, None, _nobody(witnesses, page)))
    return out


def _candidate(group: list[Witness], groups: dict[str, list[Witness]], page: Page) -> Candidate:
    """A name's features: its sources, its shape (a person's name, a list, the site's name), where it shows."""
    first = min(group, key=lambda w: _ORDER.index(w.how) if w.how in _ORDER else len(_ORDER))
    value = first.value
    hows = {w.how for w in group}
    features: dict[str, float] = {f"from {how}": 1.0 for how in hows}
    features["sources agreeing"] = min(len(hows) - 1, 3)
    words = set(key(value).split())
    if any(other is not group and _contains(words, set(k.split())) for k, other in groups.items()):
        features["words of another name"] = 1.0
    features["rules' choice"] = float(page.rules is not None and key(page.rules) == key(value))
    features["organization"] = float(any(w.organization for w in group))
    features["names site"] = float(any(key(value) == key(site) for site in page.sites if site))
    features["shares a word with site"] = float(any(words & set(key(site).split()) for site in page.sites if site)) \
        - features["names site"]
    features["organisation word"] = float(bool(_ORGANISATION_WORDS.search(value)) or bool(_LEGAL_FORM.search(value)))
    features["login"] = float(bool(_LOGIN.fullmatch(value)))
    features["one word"] = float(len(value.split()) == 1)
    features["over 4 words"] = float(len(value.split()) > 4 and not _LIST.search(value))
    features["list of names"] = float(bool(_LIST.search(value)))
    features["digits"] = float(any(c.isdigit() for c in value))
    features["lower case"] = float(value == value.lower())
    shown = f" {page.visible} ".count(f" {key(value)} ")
    features["not shown"] = float(shown == 0)
    features["shown 3+ times"] = float(shown >= 3)
    features["reads as a name"] = float(reads_as_name(value))
    features["capitalised words"] = float(_capitalised(value))
    if "byline" in hows:
        features["marked byline"] = float(page.byline_marked)
        features["byline by headline"] = float(page.byline_by_headline)
    if "author link" in hows:
        features["link by headline"] = float(page.link_by_headline)
    return Candidate(value, first.how, features)


_ORDER = ("json-ld", "microdata", "microformat", "byline", "opengraph", "meta", "author link", "author page address")
"""Whose spelling a name given by several sources keeps, and whose ``author_how`` it records."""


def _capitalised(name: str) -> bool:
    """Two or three words, each capitalised or a name's particle: a person's name's shape ("Ana de Armas")."""
    words = name.split()
    return 1 < len(words) <= 3 and all(w[:1].isupper() or w.casefold() in PARTICLES for w in words)


def _contains(a: set[str], b: set[str]) -> bool:
    return bool(a) and bool(b) and a != b and (a <= b or b <= a)


def _nobody(witnesses: list[Witness], page: Page) -> dict[str, float]:
    hows = {w.how for w in witnesses}
    return {"nobody": 1.0, "nobody, no byline": float("byline" not in hows),
            "nobody, nothing structured": float(not hows & set(STRUCTURED)),
            "rules' choice": float(page.rules is None)}


def score(features: dict[str, float], weights: dict[str, float] | None = None) -> float:
    weights = WEIGHTS if weights is None else weights
    return sum(weights.get(name, 0.0) * value for name, value in features.items())


def choose(cands: list[Candidate], weights: dict[str, float] | None = None) -> tuple[Candidate, float]:
    """The candidate of the highest score and its chance among them (a softmax over the scores)."""
    scores = [score(c.features, weights) for c in cands]
    best = max(range(len(cands)), key=scores.__getitem__)
    share = 1.0 / sum(math.exp(s - scores[best]) for s in scores)
    return cands[best], share
