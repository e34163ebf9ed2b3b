"""Fit the weights by which a text capture's title and author candidates are scored, on WCXB's dev split.

    python bench/fit_text_weights.py --root /path/to/wcxb --collect /tmp/cands.json    # read the copies (slow)
    python bench/fit_text_weights.py --cands /tmp/cands.json --write                  # fit, write the weights
    python bench/fit_text_weights.py --field author --collect /tmp/authors.json       # the same for the author
    python bench/fit_text_weights.py --field author --cands /tmp/authors.json --write

:mod:`book.sources.text_score` scores every line near a copy's start as the headline by a weighted sum of
its features (:func:`book.sources.text_score._title_features`), and the readers' own choice earns its weight
too. The weights were set by hand on a few dozen copies and did not carry to unseen pages; here they are fitted:
a conditional logistic model (a softmax over one copy's candidates) whose likelihood is the chance it gives the
line that WCXB names the title, over every dev copy whose title is among its candidates, with a small L2 pull
to zero. Two-fold cross-validation on dev (halves of different sites, so that no site is learnt) is printed
before the fit on the whole split is written to ``src/book/sources/text_weights.json``; ``bench/wcxb.py --split
test`` is the check on other sites.

The post's author is chosen the same way (:func:`book.sources.text_score._author_choices`): a softmax over the
names scored near the headline, the readers' own name and "nobody". WCXB's truth says who wrote a page, not
whether its copy names them: a page whose WCXB author the copy prints is a lesson in choosing that name, one
whose WCXB author the copy never prints a lesson in choosing nobody (the name is not there to choose), and a page
WCXB names nobody for teaches nothing (WCXB's empty author often means "not in the metadata").

The post's date likewise (:func:`book.sources.text_score._date_choices`, ``--field date``): a softmax over every
date the copy prints (those near the headline with their hand-set scores), the readers' own, a list's entry of
the post and "nobody", on the article and forum copies WCXB dates whose year the copy prints; WCXB's day is the
right choice where a candidate holds it, nobody where none does. ``--cands`` prints first how many pages' days the
candidates hold (the ceiling) and, per fit, the days chosen right (:func:`date_hits`).

    python bench/fit_text_weights.py --field date --collect /tmp/dates.json
    python bench/fit_text_weights.py --field date --cands /tmp/dates.json --write
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import math
import random
import sys
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import extraction  # noqa: E402
import wcxb  # noqa: E402

WEIGHTS = HERE.parent / "src" / "book" / "sources" / "text_weights.json"


def _copies(root: Path, split: str, types: set[str], limit: int | None, field: str,
            named_only: bool = False) -> Iterator[tuple[str, str, str | None]]:
    """Each WCXB copy of the page ``types`` (number, its text, ``field``'s truth as the copy holds it); with
    ``named_only``, only pages whose WCXB truth gives the field (read before the copy is)."""
    for number in wcxb.choose(root, split, types, limit, 2026):
        ground = json.loads((root / split / "ground-truth" / f"{number}.json").read_text("utf-8"))["ground_truth"]
        copy = root / "copies" / split / f"{number}.txt.gz"
        if (named_only and not ground.get(field)) or not copy.exists():
            continue
        text = gzip.decompress(copy.read_bytes()).decode("utf-8")
        yield number, text, wcxb.truth_for(ground, text, number, copy, "text").get(field)


def collect(root: Path, split: str, limit: int | None) -> list[dict]:
    """Each copy's title candidates (value, features, whether WCXB's title) and the readers' own choice."""
    from book.sources import capture_text
    from book.sources.headline import doubt

    seen: dict = {}
    original = capture_text.settle_title

    def spy(lines, cap, header, start):
        seen.update(header=header, title=cap.title, guessed=cap.title_guessed,
                    doubted=doubt(cap.title, cap.author) is not None)
        return original(lines, cap, header, start)

    capture_text.settle_title = spy
    pages = []
    for number, text, truth in _copies(root, split, {"article"}, limit, "title"):
        if truth is None:
            continue
        seen.clear()
        capture_text.parse_text(text)
        if "header" not in seen:
            continue                                  # read as a forum: no headline scored
        header = seen["header"]
        cands = [{"value": value, "features": header.title_features[(value, line)], "right": extraction.title_ok(truth, value)}
                 for value, line, _ in header.titles]
        pages.append({"number": number, "site": _sites(root)[number], "truth": truth, "readers": seen["title"],
                      "guessed": seen["guessed"],
                      "doubted": seen["doubted"], "candidates": cands})
    return pages


def _choices_seen(field: str) -> list:
    """A list that fills, as each copy is read, with the choices ``text_score`` weighs for ``field`` (``author``
    or ``date``): its ``_settle_FIELD`` is wrapped to record ``_FIELD_choices`` before settling as before."""
    from book.sources import text_score

    seen: list = []
    original = getattr(text_score, f"_settle_{field}")
    choices = getattr(text_score, f"_{field}_choices")

    def spy(cap, header):
        seen.append(choices(header, cap))
        return original(cap, header)

    setattr(text_score, f"_settle_{field}", spy)
    text_score.WEIGHTS.setdefault(field, {})            # (no weights yet: the choices are read all the same)
    return seen


def collect_authors(root: Path, split: str, limit: int | None) -> list[dict]:
    """Each copy's author choices (value, features, whether right) where WCXB names the page's author: right is
    the name WCXB gives where the copy prints it, nobody where it does not."""
    from book.sources import capture_text

    seen = _choices_seen("author")
    pages = []
    for number, text, truth in _copies(root, split, {"article"}, limit, "author", named_only=True):
        seen.clear()
        capture_text.parse_text(text)
        if not seen:
            continue                                  # read as a forum: no byline scored
        cands = [{"value": value, "features": features,
                  "right": (value is None) if truth is None else value is not None and extraction.author_ok(truth, value)}
                 for value, _, features in seen[0]]
        pages.append({"number": number, "site": _sites(root)[number], "truth": truth, "candidates": cands})
    return pages


# The hand-written dev copies a fit may learn from: a validation batch ("not tuned on") stays out, so that it
# still measures pages no fit has seen.
_NOT_TUNED = "not tuned on"


def collect_corpus_authors() -> list[dict]:
    """The author choices of the hand-written dev copies (``bench/corpus``, set ``dev``) whose truth gives the
    author, validation batches left out: blogs and news in several languages whose truth, unlike WCXB's, says
    where the page names nobody (a ``null`` author: nobody is the right choice) and gives the name as printed
    (right where a candidate is that name; a page whose name no candidate holds teaches nothing). Each page's
    "site" is its capture without the variant (``-copy-tight``), so that a page's variants share a half."""
    from book.sources import capture_text

    seen = _choices_seen("author")
    pages = []
    for entry in extraction.load_pages("dev", None):
        if not entry["file"].endswith(".txt.gz") or "author" not in entry or _NOT_TUNED in entry.get("origin", ""):
            continue
        truth = entry["author"]
        seen.clear()
        capture_text.parse_text(gzip.decompress((extraction.CORPUS / entry["file"]).read_bytes()).decode("utf-8"))
        if not seen:
            continue                                  # read as a forum: no byline scored
        cands = [{"value": value, "features": features,
                  "right": (value is None) if truth is None else value is not None and extraction.author_ok(truth, value)}
                 for value, _, features in seen[0]]
        pages.append({"number": entry["id"], "site": "corpus:" + entry["id"].split("-copy")[0], "truth": truth,
                      "candidates": cands})
    return pages


def collect_dates(root: Path, split: str, limit: int | None) -> list[dict]:
    """Each copy's date choices (value, features, whether WCXB's date) where WCXB dates the page and the copy
    prints its year: right is WCXB's day where a choice holds it, nobody where none does (the day is not there
    to choose). Each page records too whether the copy prints WCXB's day anywhere (the candidates' ceiling)."""
    from book.sources import capture_text
    from book.sources.text_header import date_span

    seen = _choices_seen("date")
    pages = []
    for number, text, truth in _copies(root, split, {"article", "forum"}, limit, "date"):
        if truth is None:
            continue
        seen.clear()
        capture_text.parse_text(text)
        printed = any((span := date_span(line)) is not None and span[0] == truth
                      for line in text.split("\n") if line.strip() and len(line) < 300)
        choices = seen[0] if seen else []
        right = any(value == truth for value, _, _ in choices)
        cands = [{"value": value, "features": features, "right": value == truth if right else value is None}
                 for value, _, features in choices]
        pages.append({"number": number, "site": _sites(root)[number], "truth": truth, "printed": printed,
                      "candidates": cands})
    return pages


def ceiling(pages: list[dict]) -> None:
    """How many pages' dates the candidates hold, and how many the copy prints at all (a line's first date)."""
    scored = [p for p in pages if p["candidates"]]
    held = sum(any(c["value"] == p["truth"] for c in p["candidates"]) for p in scored)
    print(f"{len(pages)} dated pages, {len(scored)} with a header scored; truth among candidates {held}, "
          f"printed in the copy {sum(p['printed'] for p in pages)} "
          f"(of the scored: {sum(p['printed'] for p in scored)})")


def author_ceiling(pages: list[dict]) -> None:
    """How many pages whose WCXB author the copy prints hold it among their candidates (the most any weights can
    choose right), of how many."""
    printed = [p for p in pages if p["truth"] is not None]
    held = sum(any(c["right"] and c["value"] is not None for c in p["candidates"]) for p in printed)
    print(f"{len(pages)} pages, {len(printed)} whose author the copy prints; among the candidates {held}")


def date_hits(pages: list[dict], weights: dict[str, float]) -> tuple[int, int, int]:
    """Pages whose chosen day is WCXB's (the chances of one day's candidates summed, as the import sums them),
    pages, and wrong days chosen with a chance under 1/2 (warned)."""
    hits = warned = 0
    for page in pages:
        chances: dict = {}
        for cand in page["candidates"]:
            score = sum(weights.get(n, 0.0) * v for n, v in cand["features"].items())
            chances.setdefault(cand["value"], []).append(score)
        if not chances:
            continue
        top = max(max(s) for s in chances.values())
        mass = {value: sum(math.exp(s - top) for s in scores) for value, scores in chances.items()}
        value = max(mass, key=mass.__getitem__)
        hits += value == page["truth"]
        warned += value != page["truth"] and mass[value] / sum(mass.values()) < 0.5
    return hits, len(pages), warned


def options(page: dict, field: str = "title") -> list[tuple[dict[str, float], bool]]:
    """The page's choices as the model sees them: each candidate's features with the readers' marks, and the
    readers' title as a choice of its own where it is no candidate (a breadcrumb's crumb, a line far down). An
    author's choices carry their marks already (:func:`collect_authors`)."""
    from book.sources.text_score import readers_marks

    if field in ("author", "date"):
        return [(cand["features"], cand["right"]) for cand in page["candidates"]]

    out = []
    found = False
    for cand in page["candidates"]:
        marks = readers_marks(cand["value"], page["readers"], page["guessed"], page["doubted"])
        found = found or bool(marks)
        out.append(({**cand["features"], **marks}, cand["right"]))
    if page["readers"] and not found:
        marks = readers_marks(page["readers"], page["readers"], page["guessed"], page["doubted"])
        out.append(({**marks, "no candidate": 1.0}, extraction.title_ok(page["truth"], page["readers"])))
    return out


def fit(pages: list[dict], names: list[str], l2: float = 0.001, steps: int = 300, rate: float = 0.3,
        field: str = "title") -> dict[str, float]:
    """The weights that maximise the chance of the right choice per page (full-batch gradient ascent with
    momentum; each candidate's features as (index, value) pairs, most are zero)."""
    index = {n: i for i, n in enumerate(names)}
    data = [[([(index[n], v) for n, v in f.items() if v], right) for f, right in options(p, field)] for p in pages]
    data = [d for d in data if any(right for _, right in d)]
    w = [0.0] * len(names)
    velocity = [0.0] * len(names)
    for _ in range(steps):
        grad = [0.0] * len(names)
        for choices in data:
            scores = [sum(w[i] * v for i, v in x) for x, _ in choices]
            top = max(scores)
            exps = [math.exp(s - top) for s in scores]
            total, good = sum(exps), sum(e for e, (_, right) in zip(exps, choices) if right)
            for e, (x, right) in zip(exps, choices):
                coef = (e / good if right else 0.0) - e / total
                for i, v in x:
                    grad[i] += coef * v
        velocity = [0.8 * u + rate * (g / len(data) - l2 * wi) for u, g, wi in zip(velocity, grad, w)]
        w = [wi + u for wi, u in zip(w, velocity)]
    return dict(zip(names, w))


def accuracy(pages: list[dict], weights: dict[str, float], field: str = "title") -> tuple[int, int, int, int]:
    """Right choices, pages, and of the wrong and right ones how many the share under 1/2 would doubt."""
    right = doubted_wrong = doubted_right = 0
    for page in pages:
        choices = options(page, field)
        if not choices:
            continue
        scores = [sum(weights.get(n, 0.0) * v for n, v in f.items()) for f, _ in choices]
        best = max(range(len(scores)), key=scores.__getitem__)
        top = scores[best]
        share = 1.0 / sum(math.exp(s - top) for s in scores)
        ok = choices[best][1]
        right += ok
        doubted_wrong += (not ok) and share < 0.5
        doubted_right += ok and share < 0.5
    return right, len(pages), doubted_wrong, doubted_right


@functools.cache
def _sites(root: Path) -> dict[str, str]:
    """Each WCXB page's site (its ``domain`` in ``metadata.json``), by file number."""
    files = json.loads((root / "metadata.json").read_text(encoding="utf-8"))["files"]
    return {number: entry["domain"] for number, entry in files.items()}


def _halves_by_site(root: Path, pages: list[dict]) -> list[list[dict]]:
    """The pages in two halves whose sites differ (WCXB's ``domain``, halves drawn by a seeded shuffle of the
    sites): a check on one half of weights fitted on the other is a check on sites the fit never saw, as the
    test split's are. Each page carries its site from ``--collect``, so that the candidates alone suffice;
    only a file collected before pages carried it needs the checkout's ``metadata.json``."""
    site = {p["number"]: p.get("site") or _sites(root)[p["number"]] for p in pages}
    sites = sorted(set(site.values()))
    random.Random(13).shuffle(sites)
    first = set(sites[::2])
    return [[p for p in pages if site[p["number"]] in first], [p for p in pages if site[p["number"]] not in first]]


def _hand(page: dict) -> bool:
    """Whether a collected page is a hand-written dev copy (:func:`collect_corpus_authors`), not WCXB's."""
    return page.get("site", "").startswith("corpus:")


def _by_source(pages: list[dict], weights: dict[str, float], field: str) -> list:
    """:func:`accuracy` on all the pages, and where some are hand-written copies, on WCXB's and on those apart."""
    out: list = [accuracy(pages, weights, field)]
    hand = [p for p in pages if _hand(p)]
    if hand:
        out += ["WCXB", accuracy([p for p in pages if not _hand(p)], weights, field), "hand", accuracy(hand, weights, field)]
    return out


# The L2 pull by field: the author's, on fewer pages with more features alike, chosen by 2-fold CV (0.001, 0.01,
# 0.03: 313, 319, 322 of 502 dev copies right; 0.01 warns 18 wrong for 7 right, 0.03 22 for 13).
_L2 = {"title": 0.001, "author": 0.01, "date": 0.01}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=Path("/work/wcxb"))
    parser.add_argument("--collect", type=Path, help="read the dev copies, write their candidates here")
    parser.add_argument("--cands", type=Path, help="the candidates written by --collect")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--field", choices=("title", "author", "date"), default="title",
                        help="the field whose weights to fit")
    parser.add_argument("--write", action="store_true", help="write the fitted weights to text_weights.json")
    parser.add_argument("--wcxb-only", action="store_true",
                        help="fit the author on WCXB's copies alone, without the hand-written dev copies")
    args = parser.parse_args(argv)
    l2 = _L2[args.field]
    if args.collect:
        collector = {"title": collect, "author": collect_authors, "date": collect_dates}[args.field]
        pages = collector(args.root, "dev", args.limit)
        if args.field == "author":
            pages += collect_corpus_authors()
        args.collect.write_text(json.dumps(pages, ensure_ascii=False), encoding="utf-8")
        print(f"{len(pages)} pages collected")
        return 0
    pages = json.loads(args.cands.read_text("utf-8"))
    if args.wcxb_only:
        pages = [p for p in pages if not _hand(p)]
    field = args.field
    if field == "date":
        ceiling(pages)
    if field == "author":
        author_ceiling(pages)
    names = sorted({n for p in pages for f, _ in options(p, field) for n in f} | {"bias"})
    current = json.loads(WEIGHTS.read_text("utf-8"))
    if field in current:
        print("current weights:", *_by_source(pages, current[field], field))
    halves = _halves_by_site(args.root, pages)
    for one, other in (halves, halves[::-1]):
        fitted = fit(one, names, l2, field=field)
        print("fitted on one half, checked on the other:", *_by_source(other, fitted, field),
              *(["days right, pages, wrong warned:", date_hits(other, fitted)] if field == "date" else []))
    weights = {n: round(v, 3) for n, v in fit(pages, names, l2, field=field).items() if n != "bias"}
    print("fitted on all:", *_by_source(pages, weights, field),
          *(["days right, pages, wrong warned:", date_hits(pages, weights)] if field == "date" else []))
    for name, value in sorted(weights.items(), key=lambda kv: -abs(kv[1])):
        print(f"  {name:24}{value:8.3f}")
    if args.write:
        current[field] = weights
        WEIGHTS.write_text(json.dumps(current, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
