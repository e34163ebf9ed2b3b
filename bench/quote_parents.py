"""List the dev text captures' comments that open with a quotation, to re-judge their truth's parent by hand.

The corpus' parent convention (corpus/README.md, "Parents from quotations") gives a reply opening with a
quotation ("NAME wrote:", "Originally Posted by NAME", "> words") the quoted comment as parent; batches written
before it gave such replies the post (``null``). This script reads each dev text capture with comments, finds
the replies the importer sees opening with a quotation, pairs them with the truth's comments (by the authors'
order, as ``extraction.py`` pairs them) and prints the truth's parent beside the quoted message the importer
reads. The hand decision for each, made by reading the copy, is in ``DECISIONS`` (page id, truth index ->
parent); ``--apply`` writes them to truth.json. Held-out pages are never read.

    python bench/quote_parents.py            # list candidates and the decisions taken
    python bench/quote_parents.py --apply    # write the decisions to corpus/truth.json
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
sys.path.insert(0, str(HERE.parent / "src"))

UNTUNED = ("tx-v14-",)    # the validation batch written with this convention: not re-judged, never read here

# (page id, truth comment index) -> parent decided by reading the copy (None: the post or nothing quoted)
DECISIONS: dict[tuple[str, int], int | None] = {
    # every reply below was read in its copy: the quoted words are the quoted writer's message's own (or, where the
    # quotation's words are cut or a date follows the head, that writer's latest earlier message is the one quoted)
    ("tx-th-pocketpc-auslieferung-copy", 8): 5,
    ("tx-fo-dostips-remove-quotes-copy", 3): 1,
    ("tx-fo-dostips-remove-quotes-copy", 6): 5,
    ("tx-fo-scienceforums-primes-copy", 2): 1,
    ("tx-fo-scienceforums-primes-copy", 3): 2,
    ("tx-fo-scienceforums-primes-copy", 5): 4,
    ("tx-v7-speakoutwireless-android-data-copy", 14): 13,
    ("tx-v9-archlinux-copy", 1): 0,
    ("tx-v9-archlinux-copy", 2): 1,
    ("tx-v9-archlinux-copy", 3): 2,
    ("tx-v9-archlinux-copy", 4): 3,
    ("tx-v9-archlinux-copy", 10): 7,
    ("tx-v9-archlinux-copy", 12): 10,
    ("tx-v9-archlinux-copy", 13): 12,
    ("tx-v9-archlinux-copy", 17): 16,
    ("tx-v9-archlinux-copy", 18): 9,
    ("tx-v9-archlinux-copy", 19): 11,
    ("tx-v9-archlinux-copy", 22): 19,
    ("tx-v9-archlinux-copy", 23): 21,
    ("tx-v11-straightdope-copy", 4): 2,
    ("tx-v11-straightdope-copy", 7): 3,
    ("tx-v11-straightdope-copy", 9): 8,
    ("tx-v11-straightdope-copy", 13): 11,
    ("tx-v11-simplemachines-copy", 1): 0,
    ("tx-v11-raspberrypi-copy", 1): 0,
    ("tx-v11-raspberrypi-copy", 5): 4,
    ("tx-v11-raspberrypi-copy", 8): 4,
    ("tx-v11-raspberrypi-copy", 9): 8,
    ("tx-v11-raspberrypi-copy", 12): 11,
    ("tx-v11-physicsforums-copy", 4): 3,
    ("tx-v11-physicsforums-copy", 6): 2,
    ("tx-v11-physicsforums-copy", 7): 6,
    ("tx-v11-physicsforums-copy", 9): 8,
    ("tx-v11-nairaland-copy", 3): 2,
    ("tx-v12-evernote-copy", 2): 1,
    ("tx-v12-steamcommunity-copy", 12): 10,
    ("tx-v12-virtualbox-copy", 10): 6,
    ("tx-v12-bogleheads-copy", 3): 2,
    ("tx-v12-bogleheads-copy", 4): 0,
    ("tx-v9-archlinux-copy", 6): 4,      # "> Trilby wrote: / > I'll not that …": Trilby's #4 (itself quoting Allan)
    ("tx-v9-archlinux-copy", 7): 5,      # #5 and #8 quote their own writer (a nested quotation's head): None
    ("tx-v13-sassnet-copy", 12): 3,
    ("tx-v13-sassnet-copy", 19): None,
    ("tx-v13-sassnet-copy", 28): 1,
    ("tx-v13-sassnet-copy", 30): 28,
}


def words(text: str | None) -> list[str]:
    return re.findall(r"\w+", (text or "").casefold())


def candidates(page: dict) -> list[tuple[int, str, int | None, int | None, str]]:
    """(truth index, author, truth parent, importer's quoted parent as a truth index, opening) per quoting reply."""
    from book.sources.capture_text import parse_text
    from book.sources.text_quotes import opening_quotation

    text = gzip.decompress((CORPUS / page["file"]).read_bytes()).decode("utf-8", "replace")
    cap = parse_text(text)
    got = [(k, u) for k, u in enumerate(cap.units) if u.kind in ("comment", "pingback")]
    truth = page["comments"]
    key = lambda name: " ".join(words(name))  # noqa: E731
    matcher = difflib.SequenceMatcher(a=[key(t["author"]) for t in truth], b=[key(u.author) for _, u in got],
                                      autojunk=False)
    pair: dict[int, int] = {}
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("equal", "replace"):
            for k in range(min(i2 - i1, j2 - j1)):
                pair[j1 + k] = i1 + k
    truth_of_unit = {got[j][0]: i for j, i in pair.items()}
    out = []
    for j, (k, unit) in enumerate(got):
        if j not in pair or opening_quotation(unit) is None:
            continue
        i = pair[j]
        have = truth_of_unit.get(unit.parent) if unit.parent not in (None, 0) else None
        opening = " / ".join(line.strip() for line in unit.text.split("\n") if line.strip())[:110]
        out.append((i, truth[i]["author"], truth[i]["parent"], have, opening))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--apply", action="store_true", help="write DECISIONS to corpus/truth.json")
    args = parser.parse_args()
    data = json.loads((CORPUS / "truth.json").read_text(encoding="utf-8"))
    pages = [p for p in data["pages"] if p["set"] == "dev" and p["file"].endswith(".txt.gz") and p.get("comments")
             and not p["id"].startswith(UNTUNED)]
    for page in pages:
        for i, author, want, have, opening in candidates(page):
            decided = DECISIONS.get((page["id"], i), want)
            mark = "same" if want == have else "DIFF"
            print(f"{page['id']} #{i} {author!r}: truth {want}, quoted {have}, decided {decided} [{mark}] | {opening}")
            if have is not None and want != have:
                quoted = page["comments"][have]
                print(f"    quoted #{have} {quoted['author']!r} starts {quoted.get('starts')!r}")
    if args.apply:
        by_id = {p["id"]: p for p in data["pages"]}
        for (page_id, i), parent in DECISIONS.items():
            assert by_id[page_id]["set"] == "dev"
            by_id[page_id]["comments"][i]["parent"] = parent
        (CORPUS / "truth.json").write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
