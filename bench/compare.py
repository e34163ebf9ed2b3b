"""Page by page, what changed between two ``bench/extraction.py --json`` runs (the importer's scores only).

    python bench/extraction.py --set dev --json before.json    # on the unchanged code
    python bench/extraction.py --set dev --json after.json     # on the change
    python bench/compare.py before.json after.json

Prints every page whose title, author, date, text F1, thread counts, extracted fields or diagnostics
differ, then how many did; exits 0 either way. The summary tables can agree while pages trade places:
this is the check that none did.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def _scores(row: dict) -> dict:
    """The row's scores as one flat mapping: the book's fields and its thread's counts."""
    book = row.get("book") or {}
    flat = {key: value for key, value in book.items() if key not in ("got", "misses", "warned")}
    flat.update({f"thread.{key}": value for key, value in (row.get("thread") or {}).items()})
    flat["got"] = book.get("got")
    flat["diagnostics"] = row.get("diagnostics")
    return flat


def main(before_path: str, after_path: str) -> int:
    before = {row["id"]: row for row in json.loads(Path(before_path).read_text(encoding="utf-8"))}
    after = {row["id"]: row for row in json.loads(Path(after_path).read_text(encoding="utf-8"))}
    changed = 0
    for page in sorted(set(before) | set(after)):
        if page not in before or page not in after:
            changed += 1
            print(page, "only in", "after" if page not in before else "before")
            continue
        old, new = _scores(before[page]), _scores(after[page])
        keys = sorted(set(old) | set(new))
        diff = {key: [old.get(key), new.get(key)] for key in keys if old.get(key) != new.get(key)}
        if diff:
            changed += 1
            print(page, after[page].get("kind", ""), json.dumps(diff, ensure_ascii=False))
    print(f"{changed} of {len(after)} pages changed")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python bench/compare.py BEFORE.json AFTER.json")
    sys.exit(main(sys.argv[1], sys.argv[2]))
