"""Many short chapters: CPU time of ``book check`` and ``book build epub`` against the number of chapters.

    python bench/many_chapters.py                       # 2,000 and 10,000 chapters
    python bench/many_chapters.py --chapters 500,2000 --build

Writes a copy of tests/fixtures/minimal with N chapters of a few lines each (a letter, a reply; every second
chapter quotes the source, so that 10,000 chapters stay under the book's 5,000 excerpts, E544), then runs
``book check --no-cache`` (and with ``--build``, ``book build epub --no-cache``) as a child process. Prints CPU
seconds (the process and its children: pandoc) and CPU milliseconds a chapter: a cost a chapter that grows
with N is a part that is not linear in the book.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MINIMAL = HERE.parent / "tests" / "fixtures" / "minimal"

CHAPTER = """---
title: Chapter {n}
---

::: letter
Letter {n} asks about the roses, and about patience in a garden that will not bloom.
:::

::: reply
Reply {n}: wait for the spring, and write again.{quote}
:::
"""
QUOTE = """

::: {.excerpt source="garden-letters" unit="c2"}
Thank you, Bartholomew. Patience is the whole of the secret.
:::"""


def manuscript(work: Path, chapters: int) -> Path:
    """The minimal book with ``chapters`` short chapters in place of its two."""
    target = work / f"book-{chapters}"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(MINIMAL, target)
    folder = target / "chapters"
    shutil.rmtree(folder)
    folder.mkdir()
    names = []
    for n in range(1, chapters + 1):
        name = f"chapters/{n:05d}.md"
        (target / name).write_text(CHAPTER.format(n=n, quote=QUOTE if n % 2 else ""), encoding="utf-8")
        names.append(name)
    config = (target / "book.yaml").read_text(encoding="utf-8")
    listed = "chapters:\n" + "".join(f"  - {name}\n" for name in names)
    config = config.replace("chapters:\n  - chapters/01-first.md\n  - chapters/02-second.md\n", listed)
    (target / "book.yaml").write_text(config, encoding="utf-8")
    return target


def cpu(cmd: list[str]) -> float:
    """CPU seconds of ``cmd`` and its children (it must succeed)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    done = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed: {done.stderr[-800:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chapters", default="2000,10000", help="book sizes, comma-separated")
    parser.add_argument("--work", type=Path, default=Path("/tmp/book-bench-chapters"))
    parser.add_argument("--build", action="store_true", help="also time book build epub --no-cache")
    args = parser.parse_args(argv)
    book = [sys.executable, "-m", "book"]
    print(f"{'chapters':>8} {'check s':>8} {'ms/ch':>6}" + (f" {'epub s':>8} {'ms/ch':>6}" if args.build else ""))
    for size in (int(n) for n in args.chapters.split(",")):
        root = manuscript(args.work, size)
        check = cpu([*book, "check", "--no-cache", "-q", "-m", str(root)])
        line = f"{size:>8} {check:>8.1f} {1000 * check / size:>6.2f}"
        if args.build:
            build = cpu([*book, "build", "epub", "--no-cache", "-q", "-m", str(root), "--out-dir", str(root / "out")])
            line += f" {build:>8.1f} {1000 * build / size:>6.2f}"
        print(line, flush=True)


if __name__ == "__main__":
    main()
