"""Time the permissions files against the build they come from, at several book sizes.

    python bench/permissions.py                       # 10k and 100k words
    python bench/permissions.py --sizes 300000 --reps 1

For each size, bench/generate.py writes a manuscript and ``book build pdf`` sets it;
then, in interleaved repetitions, it runs ``book build pdf --no-cache`` (the reference:
Typst setting the same book), ``book permissions log`` (which reads that PDF for the pages),
``book permissions status`` and ``book build docx --no-cache``, each as a child process
(wall, CPU, peak RSS: :func:`run.measure`). Prints medians and each command's ratio to the
PDF build of the same run; writes ``bench/results/permissions.json``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import ENV, measure  # noqa: E402

BOOK = [sys.executable, "-m", "book"]


def bench_size(words: int, reps: int, work: Path) -> dict:
    manuscript, out = work / f"book-{words}", work / f"out-{words}"
    subprocess.run([sys.executable, str(HERE / "generate.py"), "--words", str(words), "--out", str(manuscript)],
                   check=True, stdout=subprocess.DEVNULL)
    subprocess.run([*BOOK, "build", "pdf", "-q", "-m", str(manuscript), "--out-dir", str(out)], check=True, env=ENV,
                   stdout=subprocess.DEVNULL)
    commands = {
        "pdf": [*BOOK, "build", "pdf", "-q", "--no-cache", "-m", str(manuscript), "-o", str(work / "ref.pdf")],
        "log": [*BOOK, "permissions", "log", "-q", "-m", str(manuscript), "--out-dir", str(out),
                "-o", str(work / "log.csv")],
        "status": [*BOOK, "permissions", "status", "-m", str(manuscript)],
        "docx": [*BOOK, "build", "docx", "-q", "--no-cache", "-m", str(manuscript), "-o", str(work / "b.docx")],
    }
    runs: dict[str, list[dict]] = {name: [] for name in commands}
    for _ in range(reps):
        for name, cmd in commands.items():
            runs[name].append(measure(cmd))
    rows = len((work / "log.csv").read_text(encoding="utf-8-sig").split("\r\n\r\n")[0].splitlines()) - 1
    medians = {name: {key: statistics.median(r[key] for r in found) for key in ("wall", "cpu", "rss")}
               for name, found in runs.items()}
    return {"words": words, "passages": rows, "medians": medians,
            "ratio_to_pdf": {name: medians[name]["wall"] / medians["pdf"]["wall"] for name in commands}}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/book-bench-permissions"))
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    results = [bench_size(int(size), args.reps, args.work) for size in args.sizes.split(",")]
    for result in results:
        print(f"{result['words']:>8} words, {result['passages']} passages")
        for name, median in result["medians"].items():
            print(f"  {name:<7} {median['wall']:6.2f} s  {median['rss'] / 2**20:6.0f} MiB  "
                  f"{result['ratio_to_pdf'][name]:.2f}x the PDF build")
    target = HERE / "results" / "permissions.json"
    target.parent.mkdir(exist_ok=True)
    target.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
