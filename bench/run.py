"""Time `book` against the tools it stands on, at several book sizes.

    python bench/run.py                      # 10k, 100k and 1M words (takes a while)
    python bench/run.py --sizes 10000,100000 --reps 3
    python bench/run.py --only-verify        # the excerpt-verification micro-benchmark

For each size, bench/generate.py writes a manuscript; then, in interleaved
repetitions (A, B, C, D, A, B, C, D, ...), so that a slow moment of the machine
falls on every command alike, it runs:

- ``book build epub --no-cache`` and pandoc converting the same Markdown files
  (matter pages and chapters) to EPUB 3 in one call;
- ``book build pdf --no-cache`` and pandoc to Typst followed by the ``typst``
  package compiling that file;

then the cache, for each format: a second build with nothing changed, and one
after changing a single chapter. Every command runs as a child process; its wall time,
CPU time and peak memory (RSS, summed over its process tree by sampling every
20 ms) are recorded. Results: medians, ratios, time per word, as
``bench/results/latest.json`` and a plot ``bench/results/latest.png``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

# Measured as an installed `book` runs: with its bytecode kept. Under PYTHONDONTWRITEBYTECODE a checkout
# (an editable install) has none, and every run compiles book's modules again: 0.25 s of CPU, 30% of a
# one-chapter rebuild of a 100k-word book (docs/speed.md, "The acceptance run").
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "SOURCE_DATE_EPOCH": "1700000000"}


def measure(cmd: list[str], cwd: Path | None = None) -> dict[str, float]:
    """Run ``cmd``; wall seconds, CPU seconds (user + system, children included) and peak tree RSS."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    root = psutil.Process(proc.pid)
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        try:
            rss = root.memory_info().rss + sum(c.memory_info().rss for c in root.children(recursive=True))
            peak = max(peak, rss)
        except psutil.Error:
            pass
        time.sleep(0.02)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err}")
    # ru_maxrss (KiB on Linux) is the largest single process of the tree; the sampled sum can miss
    # a short peak, so report the larger of the two
    peak = max(peak, usage.ru_maxrss * 1024)
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": peak}


def book_files(manuscript: Path) -> list[str]:
    """The Markdown files of the book, in reading order, as book.yaml lists them."""
    files, section = [], None
    for line in (manuscript / "book.yaml").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith(" "):
            section = line.split(":")[0]
        elif section in ("front_matter", "chapters", "back_matter") and line.strip().startswith("- "):
            item = line.strip()[2:].strip()
            if item.endswith(".md"):
                files.append(item)
    return files


def pandoc_path() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


def commands(manuscript: Path, out: Path) -> dict[str, list[list[str]]]:
    book = [sys.executable, "-m", "book"]
    files = book_files(manuscript)
    pandoc = pandoc_path()
    typst_script = ("import subprocess, sys, typst; "
                    f"subprocess.run([{pandoc!r}, '--from=markdown+smart', '--to=typst', '--standalone', "
                    f"'-o', {str(out / 'direct.typ')!r}, *sys.argv[1:]], check=True); "
                    f"typst.compile({str(out / 'direct.typ')!r}, output={str(out / 'direct.pdf')!r})")
    return {
        "book_epub": [[*book, "build", "epub", "-q", "--no-cache", "-m", str(manuscript), "-o", str(out / "book.epub")]],
        "pandoc_epub": [[pandoc, "--from=markdown+smart", "--to=epub3", "-o", str(out / "direct.epub"), *files]],
        "book_pdf": [[*book, "build", "pdf", "-q", "--no-cache", "-m", str(manuscript), "-o", str(out / "book.pdf")]],
        "pandoc_typst_pdf": [[sys.executable, "-c", typst_script, *files]],
    }


def bench_size(words: int, reps: int, work: Path, pdf: bool) -> dict:
    manuscript = work / f"manuscript-{words}"
    stats = generate.generate(words, manuscript)
    out = work / f"out-{words}"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    cmds = commands(manuscript, out)
    if not pdf:
        cmds = {k: v for k, v in cmds.items() if "pdf" not in k}
    runs: dict[str, list[dict]] = {name: [] for name in cmds}
    for rep in range(reps):
        for name, (cmd,) in cmds.items():
            result = measure(cmd, cwd=manuscript)
            runs[name].append(result)
            print(f"  {words:>8} words  rep {rep + 1}/{reps}  {name:<17} {result['wall']:7.2f} s "
                  f"(cpu {result['cpu']:6.2f} s, {result['rss'] / 2**20:6.0f} MiB)", flush=True)

    # the cache, for each format: fill it, then time an unchanged rebuild and a one-chapter change
    chapter = manuscript / next(f for f in book_files(manuscript) if f.startswith("chapters/"))
    original = chapter.read_text(encoding="utf-8")
    for fmt in ("epub", "pdf") if pdf else ("epub",):
        cached_out = out / f"cached-{fmt}"
        warm = [sys.executable, "-m", "book", "build", fmt, "-q", "-m", str(manuscript), "--out-dir", str(cached_out)]
        measure(warm, cwd=manuscript)
        unchanged, changed = f"book_{fmt}_unchanged", f"book_{fmt}_one_chapter_changed"
        runs[unchanged], runs[changed] = [], []
        for rep in range(reps):
            runs[unchanged].append(measure(warm, cwd=manuscript))
            chapter.write_text(original.replace("We *stress*", f"We *stress* ({fmt} {rep})", 1), encoding="utf-8")
            runs[changed].append(measure(warm, cwd=manuscript))
        chapter.write_text(original, encoding="utf-8")
        for name in (unchanged, changed):
            print(f"  {words:>8} words  {name:<30} median {statistics.median(r['wall'] for r in runs[name]):.2f} s")

    medians = {name: {key: statistics.median(r[key] for r in results) for key in ("wall", "cpu", "rss")}
               for name, results in runs.items()}
    text_words = stats["words"]
    summary = {
        "words": text_words, "requested_words": words, "chapters": stats["chapters"], "sources": stats["sources"],
        "source_words": stats["source_words"], "reps": reps, "median": medians, "runs": runs,
        "ratio_epub": medians["book_epub"]["wall"] / medians["pandoc_epub"]["wall"],
        "ratio_epub_cpu": medians["book_epub"]["cpu"] / medians["pandoc_epub"]["cpu"],
        "cached_fraction": medians["book_epub_unchanged"]["wall"] / medians["book_epub"]["wall"],
        "one_chapter_fraction": medians["book_epub_one_chapter_changed"]["wall"] / medians["book_epub"]["wall"],
        "us_per_word": {name: m["wall"] / text_words * 1e6 for name, m in medians.items()},
    }
    if pdf:
        summary["ratio_pdf"] = medians["book_pdf"]["wall"] / medians["pandoc_typst_pdf"]["wall"]
        summary["ratio_pdf_cpu"] = medians["book_pdf"]["cpu"] / medians["pandoc_typst_pdf"]["cpu"]
        summary["cached_fraction_pdf"] = medians["book_pdf_unchanged"]["wall"] / medians["book_pdf"]["wall"]
        summary["one_chapter_fraction_pdf"] = (medians["book_pdf_one_chapter_changed"]["wall"]
                                               / medians["book_pdf"]["wall"])
    return summary


# ------------------------------------------------------------------ excerpt verification

def bench_verify(excerpts: int = 5000, sources: int = 500, reps: int = 3) -> dict:
    """Call verify_excerpts directly: ``excerpts`` quotations spread over ``sources`` sources."""
    import random

    from book.editorial.excerpts import normalised_unit, verify_excerpts
    from book.model import Chapter, Excerpt, Manuscript, Section, Source, Unit
    from book.support.diagnostics import Report

    rng = random.Random(5)
    words = generate.Words(rng)
    docs = [generate.make_source(words, i, comments=rng.randint(40, 70)) for i in range(1, sources + 1)]
    model_sources = {}
    for doc in docs:
        units = tuple(Unit(id=u["id"], kind=u["kind"], author=u["author"], parent=u["parent"], date=u["date"],
                           text=generate.unit_text(u)) for u in doc.units)
        model_sources[doc.id] = Source(id=doc.id, path=Path(f"{doc.id}.yaml"), title=None, author=None, site=None,
                                       url=None, published=None, license=None, accessed=None, units=units)
    chapters = []
    per_chapter = 50
    for number in range(excerpts // per_chapter):
        blocks = []
        for k in range(per_chapter):
            doc = docs[(number * per_chapter + k) % len(docs)]
            unit_id, text = generate.excerpt_from(words, doc)
            blocks.append(Excerpt(source=doc.id, unit=unit_id, text=generate.wrap(text),
                                  path=Path(f"ch{number}.md"), line=k * 5 + 1))
        chapters.append(Chapter(id=f"ch{number}", number=number + 1, path=Path(f"ch{number}.md"), title="T",
                                short_title=None, subtitle=None, sections=(Section("letter", 1, tuple(blocks)),),
                                text="", body_line=1))
    manuscript = Manuscript(root=Path("."), config_path=Path("book.yaml"), config=None,  # type: ignore[arg-type]
                            front=(), chapters=tuple(chapters), back=(), sources=model_sources, styles_dirs=())
    times = []
    for _ in range(reps):
        normalised_unit.cache_clear()
        report = Report()
        start = time.perf_counter()
        matches = verify_excerpts(manuscript, report)
        times.append(time.perf_counter() - start)
        assert not report.errors, report.errors[:3]
        assert len(matches) == excerpts
    units = sum(len(s.units) for s in model_sources.values())
    result = {"excerpts": excerpts, "sources": sources, "units": units, "seconds": statistics.median(times),
              "runs": times}
    print(f"  verify: {excerpts} excerpts against {sources} sources ({units} units): "
          f"median {result['seconds']:.2f} s")
    return result


# ------------------------------------------------------------------ report

def plot(results: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = results["sizes"]
    words = [s["words"] for s in sizes]
    fig, ax = plt.subplots(figsize=(7.5, 5), dpi=120)
    series = [("book_epub", "book build epub (cold)", "C0", "-"),
              ("pandoc_epub", "pandoc → EPUB 3", "C0", "--"),
              ("book_pdf", "book build pdf (cold)", "C3", "-"),
              ("pandoc_typst_pdf", "pandoc → Typst + typst", "C3", "--"),
              ("book_epub_one_chapter_changed", "book build epub, one chapter changed", "C2", "-."),
              ("book_epub_unchanged", "book build epub, unchanged (cache)", "C2", ":"),
              ("book_pdf_one_chapter_changed", "book build pdf, one chapter changed", "C1", "-."),
              ("book_pdf_unchanged", "book build pdf, unchanged (cache)", "C1", ":")]
    for key, label, color, style in series:
        points = [(w, s["median"][key]["wall"]) for w, s in zip(words, sizes) if key in s["median"]]
        if points:
            ax.plot(*zip(*points), style, marker="o", color=color, label=label)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("words in the book")
    ax.set_ylabel("median wall time (s)")
    ax.set_title(f"book vs pandoc/Typst ({results['machine']['cpus']} cores)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path)


def print_summary(results: dict) -> None:
    print("\nwords      epub: book / pandoc = ratio   pdf: book / direct = ratio   cached   1 changed   "
          "peak RSS")
    for s in results["sizes"]:
        m = s["median"]
        pdf = (f"{m['book_pdf']['wall']:7.2f} / {m['pandoc_typst_pdf']['wall']:7.2f} = {s['ratio_pdf']:.2f}"
               if "ratio_pdf" in s else " " * 27)
        rss = max(v["rss"] for k, v in m.items() if k.startswith("book")) / 2**20
        print(f"{s['words']:>9}  {m['book_epub']['wall']:7.2f} / {m['pandoc_epub']['wall']:7.2f} = "
              f"{s['ratio_epub']:.2f}   {pdf}   {s['cached_fraction']:6.1%}   {s['one_chapter_fraction']:6.1%}"
              f"   {rss:6.0f} MiB")
        if "cached_fraction_pdf" in s:
            print(f"{'':>9}  pdf: unchanged {s['cached_fraction_pdf']:.1%} of cold, one chapter changed "
                  f"{s['one_chapter_fraction_pdf']:.1%}")
    if len(results["sizes"]) >= 2:
        big, small = results["sizes"][-1], results["sizes"][-2]
        for key in ("book_epub", "book_pdf"):
            if key in big["us_per_word"]:
                print(f"time per word, {key}: {big['us_per_word'][key]:.1f} µs at {big['words']} words, "
                      f"{small['us_per_word'][key]:.1f} µs at {small['words']} words: "
                      f"x{big['us_per_word'][key] / small['us_per_word'][key]:.2f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="comma-separated word counts")
    parser.add_argument("--reps", type=int, default=3, help="repetitions (median) below 1M words")
    parser.add_argument("--reps-large", type=int, default=2, help="repetitions at 1M words and above")
    parser.add_argument("--no-pdf", action="store_true", help="time the EPUB only")
    parser.add_argument("--only-verify", action="store_true", help="run only the verification benchmark")
    parser.add_argument("--work", type=Path, default=Path("/tmp/book-bench"), help="scratch folder")
    parser.add_argument("--results", type=Path, default=HERE / "results")
    args = parser.parse_args(argv)

    import book
    from book.support.tools import pandoc_version

    results: dict = {
        "date": time.strftime("%Y-%m-%d %H:%M:%S"),
        "machine": {"cpus": len(os.sched_getaffinity(0)), "memory_gib": round(psutil.virtual_memory().total / 2**30),
                    "python": platform.python_version(), "platform": platform.platform()},
        "versions": {"book": book.__version__, "pandoc": pandoc_version()},
        "load_average_before": os.getloadavg(),
        "sizes": [],
    }
    results["verify"] = bench_verify()
    if not args.only_verify:
        args.work.mkdir(parents=True, exist_ok=True)
        for words in [int(x) for x in args.sizes.split(",")]:
            reps = args.reps if words < 1_000_000 else args.reps_large
            results["sizes"].append(bench_size(words, reps, args.work, pdf=not args.no_pdf))
    results["load_average_after"] = os.getloadavg()
    args.results.mkdir(parents=True, exist_ok=True)
    (args.results / "latest.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    if results["sizes"]:
        plot(results, args.results / "latest.png")
        print_summary(results)
    print(f"\nwrote {args.results / 'latest.json'}" + (f" and {args.results / 'latest.png'}" if results["sizes"] else ""))


if __name__ == "__main__":
    main()
