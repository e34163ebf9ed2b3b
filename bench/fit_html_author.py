"""Fit the weights by which an HTML page's post author is chosen among its witnesses, on WCXB's dev split.

    python bench/fit_html_author.py --collect /tmp/html-authors.json     # read the dev pages (a few minutes)
    python bench/fit_html_author.py --cands /tmp/html-authors.json --write

:mod:`book.sources.html_author` scores every name a page gives (schema.org, OpenGraph, meta tags, the visible
byline, an author page's address) and "nobody" by a weighted sum of their features, the hand rules' choice one
of them. The weights are fitted as the text copies' author's are (``fit_text_weights.py``, whose conditional
logistic model this script reuses): the chance the softmax gives the right choice, over every dev page WCXB names
an author for -- the name WCXB gives, printed or not (a name only the metadata gives is still the writer's, warned
``S335``), or "nobody" where no candidate is that name: better no name and ``S301`` than a wrong name unwarned --
with an L2 pull to zero. Two-fold cross-validation on dev is printed before the fit on the whole split
is written to ``src/book/sources/html_author_weights.json``; ``bench/wcxb.py --split test`` is the check on
other sites.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import extraction  # noqa: E402
import fit_text_weights  # noqa: E402
import wcxb  # noqa: E402

WEIGHTS = HERE.parent / "src" / "book" / "sources" / "html_author_weights.json"
L2 = 0.01


def collect(root: Path, split: str, limit: int | None) -> list[dict]:
    """Each page's author candidates (value, how, features, whether right) where WCXB names the page's author."""
    from book.sources import html_author
    from book.sources.capture_html import HtmlError, parse_html

    seen: list = []
    original = html_author.choose

    def spy(cands, weights=None):
        seen.append(cands)
        return original(cands, weights)

    html_author.choose = spy
    pages = []
    for number in wcxb.choose(root, split, {"article"}, limit, 2026):
        ground = json.loads((root / split / "ground-truth" / f"{number}.json").read_text("utf-8"))["ground_truth"]
        if not ground.get("author"):
            continue
        file = root / split / "html" / f"{number}.html.gz"
        raw = gzip.decompress(file.read_bytes())
        truth = ground["author"]
        printed = wcxb.truth_for(ground, wcxb.visible_text(raw), number, file, "html").get("author") is not None
        seen.clear()
        try:
            parse_html(raw.decode("utf-8", "replace"))
        except (HtmlError, ValueError):
            continue
        if not seen:
            continue
        cands = [{"value": c.value, "how": c.how, "features": c.features,
                  "right": c.value is not None and extraction.author_ok(truth, c.value)}
                 for c in seen[0]]
        for cand in cands:
            cand["right"] = cand["right"] or (cand["value"] is None and not any(c["right"] for c in cands))
        pages.append({"number": number, "truth": truth, "printed": printed, "candidates": cands})
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=Path("/work/wcxb"))
    parser.add_argument("--collect", type=Path, help="read the dev pages, write their candidates here")
    parser.add_argument("--cands", type=Path, help="the candidates written by --collect")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--write", action="store_true", help="write the fitted weights to html_author_weights.json")
    args = parser.parse_args(argv)
    if args.collect:
        pages = collect(args.root, "dev", args.limit)
        args.collect.write_text(json.dumps(pages, ensure_ascii=False), encoding="utf-8")
        print(f"{len(pages)} pages collected")
        return 0
    pages = json.loads(args.cands.read_text("utf-8"))
    names = sorted({n for p in pages for c in p["candidates"] for n in c["features"]} | {"bias"})
    fit, accuracy = fit_text_weights.fit, fit_text_weights.accuracy
    print("current weights:", accuracy(pages, json.loads(WEIGHTS.read_text("utf-8")), "author"))
    order = list(range(len(pages)))
    random.Random(13).shuffle(order)
    halves = [[pages[k] for k in order[::2]], [pages[k] for k in order[1::2]]]
    for one, other in (halves, halves[::-1]):
        print("fitted on one half, checked on the other:", accuracy(other, fit(one, names, L2, field="author"), "author"))
    weights = {n: round(v, 3) for n, v in fit(pages, names, L2, field="author").items() if n != "bias"}
    print("fitted on all:", accuracy(pages, weights, "author"))
    printed = [p for p in pages if p["printed"]]
    print("of the pages printing WCXB's name (those the bench scores), rules / 2-fold / fitted:",
          accuracy(printed, {"rules' choice": 3.0}, "author")[:2],
          sum(accuracy([p for p in other if p["printed"]], fit(one, names, L2, field="author"), "author")[0]
              for one, other in (halves, halves[::-1])), accuracy(printed, weights, "author")[:2])
    if args.write:      # before the long print: a reader that closes the pipe early must not cost the weights
        WEIGHTS.write_text(json.dumps(weights, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    for name, value in sorted(weights.items(), key=lambda kv: -abs(kv[1])):
        print(f"  {name:28}{value:8.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
