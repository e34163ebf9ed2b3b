"""Score ``book sources import`` on real pages with hand-written truth, beside trafilatura.

    python bench/extraction.py                 # dev and held-out sets, a table per set
    python bench/extraction.py --set dev       # one set
    python bench/extraction.py --pages aeb-624fcd903d,tc-lemire-me-json -v   # some pages, with details
    python bench/extraction.py --json results.json

The corpus is ``bench/corpus/`` (see its README): gzip-compressed pages and
``truth.json``. Each page is imported exactly as a user would (the importer's
library entry, then the ``show --json`` form of the result) and read by
trafilatura directly (``bare_extraction``: title, author, date, text; it has
no structured thread, so its thread columns are empty; it cannot read text
captures). Scores:

- title: equal after case, quotes, dashes and spacing are made canonical;
- author: the truth's name, allowing extra words of a title ("Ilana Muhlstein,
  MS, RDN"); a truth of ``null`` means the page names nobody, and only an
  empty author is right;
- date: the same ``YYYY-MM-DD``;
- text F1: bag-of-words F1 of the post against the truth's body (where the truth's
  body is a whole thread, ``body_scope: thread``, of the post and its comments);
- threads: the extracted comments and pingbacks are aligned with the truth's
  in document order (by author where they agree); "found" is the share of the
  truth's comments with an aligned unit, "extra" counts units with none,
  "author" the share named right, "parent" the share whose parent is the
  aligned unit of the truth's parent (or both the post). Where the truth gives
  a comment's first words (``starts``), its unit counts for author and parent
  only when the unit's text begins with them (compared word by word, case and
  punctuation aside): a name given the wrong comment's words, or a text that
  opens with its header, is not right.
- warnings: a title, author or date miss is "warned of" when the import gave a
  warning about that field of the post (title S311/S323, author
  S301/S305/S322, date S302/S321/S324); S301, S302 and S305 name the units
  they concern and count only when they name the post (a comment with no
  name or a signed comment says nothing of the post's author). A right value
  with such a warning is a false alarm. A page whose text F1 is below 0.5 is
  "unwarned" when the import gave neither S320 nor S325 (the post's text may
  not be the page's article); such a warning on a page whose F1 is 0.8 or more
  is a false alarm.

Fields the truth does not give are not scored.
"""

from __future__ import annotations

import argparse
import collections
import difflib
import gzip
import json
import re
import statistics
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
sys.path.insert(0, str(HERE.parent / "src"))


# ------------------------------------------------------------------ normalising

def norm_text(text: str | None) -> str:
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[‘’‚‛′`´]", "'", text)
    text = re.sub(r"[“”„‟″«»]", '"', text)
    text = re.sub(r"[‐‑‒–—―]", "-", text)
    return " ".join(text.split()).strip(" .:;,!?-|")


def words(text: str | None) -> list[str]:
    return re.findall(r"\w+", (text or "").casefold())


def title_ok(truth: str, got: str | None) -> bool:
    return norm_text(truth) == norm_text(got)


def author_ok(truth: str | None, got: str | None) -> bool:
    if truth is None:
        return not got
    if not got:
        return False
    t, g = words(truth), words(got)
    if t == g:
        return True
    return bool(t) and g[: len(t)] == t and len(g) <= len(t) + 3 and "," in got


def f1(truth: str, got: str | None) -> float:
    a, b = collections.Counter(words(truth)), collections.Counter(words(got))
    common = sum((a & b).values())
    if not common:
        return 0.0
    precision, recall = common / sum(b.values()), common / sum(a.values())
    return 2 * precision * recall / (precision + recall)


# ------------------------------------------------------------------ running

def load_pages(selected_set: str | None, only: set[str] | None) -> list[dict]:
    pages = json.loads((CORPUS / "truth.json").read_text(encoding="utf-8"))["pages"]
    return [p for p in pages if (selected_set in (None, p["set"])) and (not only or p["id"] in only)]


def run_book(page: dict, workdir: Path) -> dict:
    """Import the page as ``book sources import`` does; the ``show --json`` form, diagnostics and time."""
    from book.support.diagnostics import Report
    from book.cli.sources import source_json
    from book.sources.importer import ImportOptions, import_capture
    from book.sources.store import load_source

    suffix = ".txt" if page["file"].endswith(".txt.gz") else ".html"
    capture = workdir / f"{page['id']}{suffix}"
    capture.write_bytes(gzip.decompress((CORPUS / page["file"]).read_bytes()))
    manuscript = workdir / "manuscript"
    report = Report()
    start = time.perf_counter()
    try:
        written = import_capture(capture, manuscript, ImportOptions(source_id=page["id"], force=True), report)
    except Exception as exc:  # a crash is a result to report, not the end of the run
        return {"crash": f"{type(exc).__name__}: {exc}", "seconds": time.perf_counter() - start}
    seconds = time.perf_counter() - start
    codes = [f"{d.severity.value}[{d.code}] {d.message}" for d in report.items]
    if written is None:
        return {"failed": True, "diagnostics": codes, "seconds": seconds}
    source = load_source(written, Report())
    data = source_json(source) if source is not None else {}
    return {"data": data, "diagnostics": codes, "seconds": seconds}


def run_trafilatura(page: dict) -> dict | None:
    if page["file"].endswith(".txt.gz"):
        return None
    import trafilatura

    raw = gzip.decompress((CORPUS / page["file"]).read_bytes()).decode("utf-8", "replace")
    doc = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False, favor_precision=False)
    if doc is None:
        return {"title": None, "author": None, "date": None, "text": ""}
    get = (lambda k: getattr(doc, k, None)) if not isinstance(doc, dict) else doc.get
    return {"title": get("title"), "author": get("author"), "date": (get("date") or "")[:10] or None,
            "text": get("text") or ""}


# ------------------------------------------------------------------ scoring

def score_thread(truth: list[dict], units: list[dict]) -> dict:
    got = [u for u in units if u["kind"] in ("comment", "pingback")]
    index_of = {u["id"]: i for i, u in enumerate(got)}
    key = lambda name: " ".join(words(name))  # noqa: E731
    matcher = difflib.SequenceMatcher(a=[key(t["author"]) for t in truth], b=[key(u["author"]) for u in got],
                                      autojunk=False)
    pair: dict[int, int] = {}
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("equal", "replace"):
            for k in range(min(i2 - i1, j2 - j1)):
                pair[i1 + k] = j1 + k
    found = len(pair)
    # a unit counts for author and parent only when it holds the right comment's words
    held = {i: j for i, j in pair.items() if text_starts_ok(truth[i].get("starts"), got[j].get("text"))}
    authors = sum(1 for i, j in held.items() if author_ok(truth[i]["author"], got[j]["author"]))
    parents = 0
    for i, j in held.items():
        want = truth[i]["parent"]
        have = got[j]["parent"]
        have_index = index_of.get(have) if have not in (None, "post") else None
        if want is None and have_index is None or want is not None and pair.get(want) == have_index \
                and have_index is not None:
            parents += 1
    checked = sum(1 for i in pair if truth[i].get("starts"))
    return {"truth": len(truth), "found": found, "extra": len(got) - found, "authors": authors, "parents": parents,
            "text_checked": checked, "text_wrong": len(pair) - len(held),
            "misses": _thread_misses(truth, got, pair, held)}


def _thread_misses(truth: list[dict], got: list[dict], pair: dict[int, int], held: dict[int, int]) -> list[str]:
    """One line per truth comment scored wrong, for ``-v``: what was expected and what the unit holds."""
    out = []
    for i, t in enumerate(truth):
        if i not in pair:
            out.append(f"#{i} {t['author']!r}: not found")
        elif i not in held:
            out.append(f"#{i} {t['author']!r}: text {(got[pair[i]].get('text') or '')[:50]!r}, want {t['starts']!r}")
        elif not author_ok(t["author"], got[pair[i]]["author"]):
            out.append(f"#{i}: author {got[pair[i]]['author']!r}, want {t['author']!r}")
    return out


def text_starts_ok(starts: str | None, text: str | None) -> bool:
    """Whether a unit's text opens with the truth's first words (no snippet in the truth: not checked).

    Aligning by names alone would count a comment whose words went to another name, or whose text
    opens with its header ("NAME says: DATE"), as right; the snippet ties the name to the words.
    """
    if not starts:
        return True
    want = words(starts)
    return words(text)[: len(want)] == want


def thread_text(units: list[dict]) -> str:
    """A thread's words as a benchmark whose main content is the whole thread writes them: each unit's name, text.

    WCXB's truth for a forum page is its thread (every post with its poster's name), where the importer keeps
    the opening post as the post and the replies as comments: its post alone would score the replies as lost.
    """
    return "\n\n".join(f"{unit.get('author') or ''}\n{unit['text']}" for unit in units)


def score_page(page: dict, book: dict, traf: dict | None) -> dict:
    out: dict = {"id": page["id"], "kind": "text" if page["file"].endswith(".txt.gz") else "html",
                 "seconds": round(book.get("seconds", 0.0), 3)}
    data = book.get("data")
    if book.get("crash"):
        out["crash"] = book["crash"]
    if book.get("failed"):
        out["failed"] = book["diagnostics"]
    out["diagnostics"] = book.get("diagnostics", [])
    post = next((u for u in (data or {}).get("units", []) if u["kind"] == "post"), None)
    got = {"title": (data or {}).get("title"), "author": (data or {}).get("author"),
           "date": (data or {}).get("published"), "text": post["text"] if post else ""}
    if page.get("body_scope") == "thread":
        got["text"] = thread_text((data or {}).get("units", []))
    out["empty_post_exit_0"] = bool(data) and not (post and post["text"].strip())
    for who, values in (("book", got), ("trafilatura", traf)):
        if values is None:
            continue
        row = {}
        if "title" in page:
            row["title"] = title_ok(page["title"], values["title"])
        if "author" in page:
            row["author"] = author_ok(page["author"], values["author"])
        if "date" in page:
            row["date"] = page["date"] == values["date"]
        if "body" in page:
            row["f1"] = round(f1(page["body"], values["text"]), 3)
            if who == "book":
                row["body_warned"] = any(_code(line) in _BODY_WARNINGS for line in out["diagnostics"])
        row["got"] = {k: values[k] for k in ("title", "author", "date")}
        row["misses"] = {field: _miss_kind(page[field], values[field]) for field in ("title", "author", "date")
                         if field in row and not row[field]}
        if who == "book":
            warned = {field for field in ("title", "author", "date") if _warned(field, out["diagnostics"])}
            row["warned"] = [field for field in row["misses"] if field in warned]
            row["false_alarms"] = [field for field in ("title", "author", "date")
                                   if field in row and row[field] and field in warned]
        out[who] = row
    if "comments" in page:
        out["thread"] = score_thread(page["comments"], (data or {}).get("units", []))
    return out


def _miss_kind(truth: str | None, got: str | None) -> str:
    """How a field was missed: "silent" (nothing where the page gives one), "spurious" (something
    where the page gives none) or "wrong". Summed over a set, it says whether the readers fail by
    keeping quiet or by guessing, without showing any page."""
    if not got:
        return "silent"
    return "spurious" if truth is None else "wrong"


# The warnings that tell the editor a field of the post may be wrong: a miss that carries one is not
# silent, a right value that carries one is a false alarm.
_FIELD_WARNINGS = {"title": ("S311", "S323"), "author": ("S301", "S305", "S322", "S327", "S330", "S335"),
                   "date": ("S302", "S321", "S324", "S336")}
# Codes about one unit or a few, which the message names: S301 and S302 open with the unit's id
# ("c4: author unknown ..."), S305 lists the units whose authors were inferred ("...: post, c3; check").
# The other codes above are about the post itself.
_UNIT_CODES = {"S301", "S302", "S305"}
# The warnings that tell the editor the post's text may not be the page's article (issue 13: "no page
# below 0.5 without a warning").
_BODY_WARNINGS = ("S320", "S325")
_RIGHT_BODY = 0.8   # a post's F1 from which a body warning is a false alarm (its text is mostly the article's)
_DIAGNOSTIC = re.compile(r"\w+\[(?P<code>[A-Z]\d+)\] (?P<message>.*)", re.S)
_S305_UNITS = re.compile(r"not stated by the page: (?P<ids>[^;]*);")


def _code(line: str) -> str | None:
    match = _DIAGNOSTIC.match(line)
    return match["code"] if match else None


def _warned(field: str, diagnostics: list[str]) -> bool:
    """Whether a diagnostic warns of this field of the post (a comment's unknown author or date is not the post's)."""
    for line in diagnostics:
        match = _DIAGNOSTIC.match(line)
        if match and match["code"] in _FIELD_WARNINGS[field] and _about_post(match["code"], match["message"]):
            return True
    return False


def _about_post(code: str, message: str) -> bool:
    """Whether a diagnostic concerns the post: a post-level code, or a unit code naming the unit ``post``."""
    if code not in _UNIT_CODES:
        return True
    if code == "S305":
        listed = _S305_UNITS.search(message)
        return listed is not None and "post" in re.split(r"[,\s]+", listed["ids"])
    return message.split(":", 1)[0].strip() == "post"


def summarise(rows: list[dict], who: str, kind: str | None = None) -> dict:
    rows = [r for r in rows if who in r and (kind is None or r["kind"] == kind)]
    summary: dict = {"pages": len(rows)}
    for field in ("title", "author", "date"):
        scored = [r[who][field] for r in rows if field in r[who]]
        summary[field] = (sum(scored), len(scored))
        kinds = collections.Counter(r[who].get("misses", {}).get(field) for r in rows)
        summary[f"{field}_misses"] = {k: kinds[k] for k in ("silent", "wrong", "spurious")}
        summary[f"{field}_warned"] = sum(1 for r in rows if field in r[who].get("warned", []))
        summary[f"{field}_false_alarms"] = sum(1 for r in rows if field in r[who].get("false_alarms", []))
    f1s = [r[who]["f1"] for r in rows if "f1" in r[who]]
    summary["f1_median"] = round(statistics.median(f1s), 3) if f1s else None
    summary["f1_mean"] = round(statistics.fmean(f1s), 3) if f1s else None
    summary["f1_below_0.5"] = sum(1 for x in f1s if x < 0.5)
    summary["f1_below_0.5_unwarned"] = sum(1 for r in rows if r[who].get("f1", 1) < 0.5
                                           and not r[who].get("body_warned"))
    summary["f1_0.8_warned"] = sum(1 for r in rows if r[who].get("f1", 0) >= _RIGHT_BODY and r[who].get("body_warned"))
    if who == "book":
        threads = [r["thread"] for r in rows if "thread" in r]
        total = sum(t["truth"] for t in threads)
        summary["comments"] = {k: sum(t.get(k, 0) for t in threads)
                               for k in ("found", "extra", "authors", "parents", "text_checked", "text_wrong")}
        summary["comments"]["truth"] = total
        summary["crashes"] = sum(1 for r in rows if "crash" in r)
        summary["failed"] = sum(1 for r in rows if "failed" in r)
        summary["empty_post_exit_0"] = sum(1 for r in rows if r["empty_post_exit_0"])
        summary["slowest_s"] = max((r["seconds"] for r in rows), default=0.0)
    return summary


def _pct(pair: tuple[int, int] | None) -> str:
    if not pair or not pair[1]:
        return "-"
    return f"{100 * pair[0] / pair[1]:.0f}% ({pair[0]}/{pair[1]})"


def print_table(name: str, rows: list[dict]) -> None:
    print(f"\n== {name}: {len(rows)} pages")
    for kind in ("html", "text"):
        book = summarise(rows, "book", kind)
        if not book["pages"]:
            continue
        traf = summarise(rows, "trafilatura", kind)
        print(f"-- {kind} captures ({book['pages']})")
        print(f"   {'':12}{'book':>18}{'trafilatura':>18}")
        for field in ("title", "author", "date"):
            print(f"   {field:12}{_pct(book[field]):>18}{_pct(traf[field]) if traf['pages'] else '-':>18}")
        misses = ", ".join(f"{field} {'/'.join(str(n) for n in book[field + '_misses'].values())}"
                           for field in ("title", "author", "date"))
        print(f"   misses silent/wrong/spurious: {misses}")
        warned = ", ".join(f"{field} {book[field + '_warned']}/{sum(book[field + '_misses'].values())}"
                           for field in ("title", "author", "date"))
        print(f"   misses the import warned of: {warned}")
        alarms = ", ".join(f"{field} {book[field + '_false_alarms']}/{book[field][0]}"
                           for field in ("title", "author", "date"))
        print(f"   right values warned (false alarms): {alarms}")
        if book["f1_median"] is not None:
            print(f"   {'F1 median':12}{book['f1_median']:>18}{traf['f1_median'] if traf['pages'] else '-':>18}")
            print(f"   {'F1 mean':12}{book['f1_mean']:>18}{traf['f1_mean'] if traf['pages'] else '-':>18}")
            print(f"   {'F1 < 0.5':12}{book['f1_below_0.5']:>18}{traf['f1_below_0.5'] if traf['pages'] else '-':>18}")
            print(f"   {'  unwarned':12}{book['f1_below_0.5_unwarned']:>18}{'-':>18}")
            print(f"   body warned (S320/S325) but F1 >= 0.8 (false alarms): {book['f1_0.8_warned']}")
        c = book["comments"]
        if c["truth"]:
            print(f"   comments: found {_pct((c['found'], c['truth']))}, authors {_pct((c['authors'], c['truth']))}, "
                  f"parents {_pct((c['parents'], c['truth']))}, extra units {c['extra']}")
            if c["text_checked"]:
                print(f"   comment text checked on {c['text_checked']} found: {c['text_wrong']} hold the wrong words "
                      "(not counted for author or parent)")
        print(f"   crashes {book['crashes']}, failed imports {book['failed']}, empty post with exit 0 "
              f"{book['empty_post_exit_0']}, slowest import {book['slowest_s']:.2f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=("dev", "heldout"), help="only this set")
    parser.add_argument("--pages", help="comma-separated page ids")
    parser.add_argument("--json", type=Path, help="write every page's scores here")
    parser.add_argument("-v", "--verbose", action="store_true", help="print each page's misses")
    args = parser.parse_args(argv)
    only = set(args.pages.split(",")) if args.pages else None
    pages = load_pages(args.set, only)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for page in pages:
            book = run_book(page, Path(tmp))
            traf = run_trafilatura(page)
            row = score_page(page, book, traf)
            rows.append(row)
            if args.verbose:
                _details(page, row)
    for name in ("dev", "heldout"):
        chosen = [r for r, p in zip(rows, pages, strict=True) if p["set"] == name]
        if chosen:
            print_table(name, chosen)
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def _details(page: dict, row: dict) -> None:
    print(f"\n{row['id']} ({row['kind']}, {row['seconds']} s)")
    for key in ("crash", "failed"):
        if key in row:
            print(f"  {key.upper()}: {row[key]}")
    for who in ("book", "trafilatura"):
        if who not in row:
            continue
        r = row[who]
        misses = [f for f in ("title", "author", "date") if f in r and not r[f]]
        print(f"  {who:12} f1={r.get('f1', '-')}  " + "  ".join(
            f"{f}: {r['got'][f]!r} (want {page[f]!r})" for f in misses))
    if "thread" in row:
        thread = {k: v for k, v in row["thread"].items() if k != "misses"}
        print(f"  thread: {thread}")
        for line in row["thread"]["misses"][:12]:
            print(f"    {line}")
    for line in row["diagnostics"][:8]:
        print(f"  {line}")


if __name__ == "__main__":
    sys.exit(main())
