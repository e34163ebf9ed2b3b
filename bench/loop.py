"""The editor's working loop on a generated book: preview latency, print view, one-chapter rebuilds.

    python bench/loop.py --words 100000 [--reps 5] [--work /tmp/book-loop]

Measured in one run, interleaved where two things are compared (issue 16's targets):

1. ``book serve``: a chapter saved on disk -> its new text visible in headless Chromium
   (Debian's, driven by Playwright). Target: <= 1 s.
2. The print view (``/print``): typeset after one chapter changed, by the server's long-lived
   Typst compiler, against a cold ``book build pdf --no-cache``. Target: <= 25%.
3. ``book build epub`` / ``pdf`` with the cache after one chapter changed, against a cold
   ``--no-cache`` build of the same book. Target (EPUB): <= 10%.

Needs the ``test`` extra (playwright) and /usr/bin/chromium. Prints a table and writes
``bench/results/loop.json``.

    python bench/loop.py --words 100000 --against /work/main/src [--reps 12] [--cold-reps 3]

compares only the one-chapter EPUB rebuild of this checkout's ``src`` with another's, interleaved in
one run on two copies of the book (each with its own build cache, the same edit made in both before
each pair), then cold ``--no-cache`` builds alike; CPU of the process and its children (and wall time,
which a loaded machine makes the scheduler's), the load average beside each figure, and whether the two EPUBs are byte-identical (``SOURCE_DATE_EPOCH`` fixed).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
BOOK = Path(sys.executable).with_name("book")
# Measured as an installed `book` runs: with its bytecode kept (bench/run.py says why).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def generate(words: int, work: Path) -> Path:
    project = work / f"book-{words}"
    if not (project / "manuscript" / "book.yaml").is_file():
        shutil.rmtree(project, ignore_errors=True)
        subprocess.run([sys.executable, str(HERE / "generate.py"), "--words", str(words),
                        "--out", str(project / "manuscript")], check=True)
    return project


def middle_chapter(manuscript: Path) -> Path:
    chapters = sorted((manuscript / "chapters").glob("*.md"))
    return chapters[len(chapters) // 2]


def edit(chapter: Path, marker: str) -> None:
    """Put a new sentence at the end of the chapter's first paragraph of commentary (a real edit)."""
    text = chapter.read_text(encoding="utf-8")
    head, sep, rest = text.partition("::: commentary\n")
    if not sep:
        raise SystemExit(f"{chapter}: no commentary section to edit")
    first, blank, tail = rest.partition("\n\n")
    chapter.write_text(head + sep + first.rstrip() + f" {marker}" + blank + tail, encoding="utf-8")


def edit_latencies(page, chapter: Path, reps: int, label: str) -> list[float]:
    """Seconds from each of ``reps`` edits of ``chapter`` saved to its new sentence shown in ``page`` (a
    Playwright page on the chapter, which ``book serve`` reloads)."""
    latencies = []
    for i in range(reps):
        marker = f"{label} marker {i} {time.time_ns()}."
        edit(chapter, marker)
        saved = time.perf_counter()
        page.get_by_text(marker).wait_for(timeout=30000)
        latencies.append(time.perf_counter() - saved)
        time.sleep(0.3)
    return latencies


def timed(cmd: list[str], cwd: Path) -> float:
    return timed_cpu(cmd, cwd)[0]


def timed_cpu(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """Wall time and CPU time (user + system of the process and its children, pandoc included):
    on a machine shared with other work, CPU is the steadier figure."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=ENV, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def bench_rebuilds(project: Path, reps: int) -> dict:
    chapter = middle_chapter(project / "manuscript")
    original = chapter.read_text(encoding="utf-8")
    out = {}
    try:
        for fmt in ("epub", "pdf"):
            cold, warm = [], []
            subprocess.run([str(BOOK), "build", fmt, "-q"], cwd=project, env=ENV, check=True,
                           stdout=subprocess.DEVNULL)
            for i in range(reps):
                cold.append(timed_cpu([str(BOOK), "build", fmt, "-q", "--no-cache"], cwd=project))
                edit(chapter, f"Rebuild marker {fmt} {i}.")
                warm.append(timed_cpu([str(BOOK), "build", fmt, "-q"], cwd=project))
            wall = [statistics.median(run[0] for run in runs) for runs in (cold, warm)]
            cpu = [statistics.median(run[1] for run in runs) for runs in (cold, warm)]
            out[fmt] = {"cold_s": wall[0], "one_chapter_s": wall[1], "ratio": wall[1] / wall[0],
                        "cold_cpu_s": cpu[0], "one_chapter_cpu_s": cpu[1], "cpu_ratio": cpu[1] / cpu[0]}
    finally:
        chapter.write_text(original, encoding="utf-8")
    return out


def bench_serve(project: Path, reps: int) -> dict:
    from playwright.sync_api import sync_playwright

    chapter = middle_chapter(project / "manuscript")
    original = chapter.read_text(encoding="utf-8")
    server = subprocess.Popen([str(BOOK), "serve", "--port", "0", "-q"], cwd=project, env=ENV,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    latencies, prints = [], []
    try:
        url = server.stdout.readline().strip().rstrip("/")
        start = time.perf_counter()
        urllib.request.urlopen(url + "/print", timeout=600).read()
        first_print = time.perf_counter() - start
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page()
            links = None
            page.goto(url + "/nav.xhtml")
            links = page.locator("ol.toc a").evaluate_all("(as) => as.map(a => a.getAttribute('href'))")
            number = int(chapter.name.split("-")[0]) if chapter.name.split("-")[0].isdigit() else 1
            target = next((h for h in links if f"ch{number:02d}" in h), links[len(links) // 2])
            page.goto(f"{url}/{target}")
            latencies += edit_latencies(page, chapter, reps, "Preview")
            browser.close()
        for i in range(reps):
            edit(chapter, f"Print marker {i}.")
            time.sleep(1.5)                      # let the preview rebuild first, as an editor would
            start = time.perf_counter()
            urllib.request.urlopen(url + "/print", timeout=600).read()
            prints.append(time.perf_counter() - start)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=20)
        chapter.write_text(original, encoding="utf-8")
    cold_pdf = statistics.median(timed([str(BOOK), "build", "pdf", "-q", "--no-cache"], cwd=project)
                                 for _ in range(max(1, reps // 2)))
    return {"preview_latency_s": {"median": statistics.median(latencies), "max": max(latencies),
                                  "all": latencies},
            "print_view": {"first_s": first_print, "one_chapter_s": statistics.median(prints),
                           "cold_pdf_build_s": cold_pdf, "ratio": statistics.median(prints) / cold_pdf}}


def bench_against(project: Path, other_src: Path, reps: int, cold_reps: int) -> dict:
    """One-chapter EPUB rebuilds and cold builds of two source trees, interleaved (see the module's doc)."""
    trees = {"this": HERE.parent / "src", "other": other_src.resolve()}
    copies = {}
    for name in trees:
        copies[name] = project.parent / f"{project.name}-{name}"
        shutil.rmtree(copies[name], ignore_errors=True)
        shutil.copytree(project / "manuscript", copies[name] / "manuscript")
    env = {**ENV, "SOURCE_DATE_EPOCH": "1700000000"}      # each tree's bytecode is kept, as an installed one's is

    def run(name: str, *extra: str) -> tuple[float, float]:
        cmd = [sys.executable, "-m", "book", "build", "epub", "-q", *extra]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, cwd=copies[name], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env={**env, "PYTHONPATH": str(trees[name])})
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)

    for name in trees:                      # fill each cache, and let each tree write its bytecode
        run(name)
        edit(middle_chapter(copies[name] / "manuscript"), "Warm-up.")
        run(name)
    warm: dict[str, list[tuple[float, float]]] = {name: [] for name in trees}      # (wall, CPU) of each run
    cold: dict[str, list[tuple[float, float]]] = {name: [] for name in trees}
    loads = []
    for i in range(reps):
        for name in (("this", "other") if i % 2 else ("other", "this")):
            edit(middle_chapter(copies[name] / "manuscript"), f"Rebuild marker {i}.")
            warm[name].append(run(name))
        loads.append(os.getloadavg()[0])
    identical = []
    for i in range(cold_reps):
        for name in (("this", "other") if i % 2 else ("other", "this")):
            cold[name].append(run(name, "--no-cache", "--out-dir", "cold"))
        epubs = [sorted((copies[name] / "build").glob("*.epub"))[0].read_bytes() for name in trees]
        colds = [sorted((copies[name] / "cold").glob("*.epub"))[0].read_bytes() for name in trees]
        identical.append(epubs[0] == epubs[1] == colds[0] == colds[1])
        loads.append(os.getloadavg()[0])
    out = {"loads": loads, "identical": all(identical)}
    for name in trees:
        w, c = ([statistics.median(r[k] for r in runs) for k in (0, 1)] for runs in (warm[name], cold[name]))
        out[name] = {"src": str(trees[name]), "one_chapter_cpu_s": w[1],
                     "one_chapter_min_s": min(r[1] for r in warm[name]),
                     "cold_cpu_s": c[1], "cpu_ratio": w[1] / c[1],
                     "one_chapter_wall_s": w[0], "cold_wall_s": c[0], "wall_ratio": w[0] / c[0],
                     "all_one_chapter": warm[name], "all_cold": cold[name]}
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=100000)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--work", type=Path, default=Path("/tmp/book-loop"))
    parser.add_argument("--results", type=Path, default=HERE / "results")
    parser.add_argument("--against", type=Path, help="another checkout's src/: compare EPUB rebuilds only")
    parser.add_argument("--cold-reps", type=int, default=3)
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    project = generate(args.words, args.work)
    if args.against is not None:
        found = bench_against(project, args.against, args.reps, args.cold_reps)
        args.results.mkdir(parents=True, exist_ok=True)
        (args.results / "loop-against.json").write_text(json.dumps(found, indent=2))
        for name in ("this", "other"):
            r = found[name]
            print(f"{name:5s} {r['src']}: one chapter {r['one_chapter_cpu_s']:.3f} s CPU (min "
                  f"{r['one_chapter_min_s']:.3f}) vs cold {r['cold_cpu_s']:.3f} s = {r['cpu_ratio']:.1%}; wall "
                  f"{r['one_chapter_wall_s']:.3f} vs {r['cold_wall_s']:.3f} s = {r['wall_ratio']:.1%}")
        print(f"load average {min(found['loads']):.1f}-{max(found['loads']):.1f}; "
              f"EPUBs byte-identical (both trees, warm and cold): {found['identical']}")
        return
    results = {"words": args.words, "serve": bench_serve(project, args.reps),
               "rebuilds": bench_rebuilds(project, max(2, args.reps // 2))}
    args.results.mkdir(parents=True, exist_ok=True)
    (args.results / "loop.json").write_text(json.dumps(results, indent=2))
    serve, rebuilds = results["serve"], results["rebuilds"]
    print(f"{args.words} words")
    print(f"  preview: saved -> visible   median {serve['preview_latency_s']['median']:.2f} s, "
          f"max {serve['preview_latency_s']['max']:.2f} s   (target <= 1 s)")
    p = serve["print_view"]
    print(f"  print view, one chapter     {p['one_chapter_s']:.2f} s vs cold PDF {p['cold_pdf_build_s']:.2f} s "
          f"= {p['ratio']:.0%}   (target <= 25%; first view {p['first_s']:.2f} s)")
    for fmt, r in rebuilds.items():
        print(f"  build {fmt}, one chapter     {r['one_chapter_s']:.2f} s vs cold {r['cold_s']:.2f} s = {r['ratio']:.0%} "
              f"(CPU {r['one_chapter_cpu_s']:.2f} s vs {r['cold_cpu_s']:.2f} s = {r['cpu_ratio']:.0%})")


if __name__ == "__main__":
    main()
