"""One very long paragraph: time and peak memory of ``book build all``, beside pandoc and Typst alone.

    python bench/long_paragraph.py --mb 5          # needs pip install -e '.[bench]'
    python bench/long_paragraph.py --mb 5 --book-only
    python bench/long_paragraph.py --mb 5 --breaking optimal   # the direct PDF takes ~17 minutes
    python bench/long_paragraph.py --mb 5 --pieces 20000      # the same words as 250 paragraphs

Writes a copy of tests/fixtures/minimal whose first chapter's commentary holds one paragraph of
``--mb`` megabytes (random words of the book's vocabulary, a fixed seed), then measures, in the
same run: ``book build all --no-cache``; pandoc's own Markdown -> EPUB 3 of the same chapter; and
pandoc -> Typst -> PDF of it with the typst package, with first-fit line breaking as the book sets
such a paragraph (``--breaking optimal``: Typst's default, 1,041 s for 5 MB on the shared machine)
and ``--wrap=none`` as the book has it (pandoc's default wrapping took 140 s more on 5 MB).
Prints wall seconds, CPU seconds and peak memory (RSS of the process tree) of each, and book's
ratio to the two direct routes together. ``--pieces N`` writes the same words as paragraphs of
about N characters (cut between words): it tells whether one paragraph's length or the text's
(docs/speed.md: the text's) drives pandoc's and Typst's memory.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import measure, pandoc_path  # noqa: E402

WORDS = ("the a therapy letter reply trust garden roses bloom careful slow patient listening quiet hour "
         "attachment repair rupture session weekly notes").split()


def paragraph(size: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    out, length = [], 0
    while length < size:
        word = rng.choice(WORDS)
        out.append(word)
        length += len(word) + 1
    return " ".join(out) + "."


def in_pieces(text: str, size: int) -> str:
    """``text`` as paragraphs of about ``size`` characters each, cut between words."""
    pieces, start = [], 0
    while start < len(text):
        end = text.find(" ", start + size)
        end = len(text) if end < 0 else end
        pieces.append(text[start:end].strip())
        start = end + 1
    return "\n\n".join(pieces)


def manuscript(work: Path, size: int, pieces: int | None = None) -> Path:
    target = work / "manuscript"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(HERE.parent / "tests" / "fixtures" / "minimal", target)
    chapter = target / "chapters" / "01-first.md"
    text = chapter.read_text(encoding="utf-8")
    words = paragraph(size) if pieces is None else in_pieces(paragraph(size), pieces)
    chapter.write_text(text.replace("Our own commentary.", "Our own commentary. " + words, 1), encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=5.0, help="size of the paragraph in megabytes")
    parser.add_argument("--work", type=Path, default=Path("/tmp/book-bench-paragraph"))
    parser.add_argument("--breaking", choices=("simple", "optimal"), default="simple",
                        help="line breaking of the direct pandoc + Typst route (the book's own is simple here)")
    parser.add_argument("--book-only", action="store_true", help="time book alone, not the direct routes")
    parser.add_argument("--pieces", type=int, metavar="N",
                        help="the same words as paragraphs of about N characters, not one paragraph")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    root = manuscript(args.work, int(args.mb * 1_000_000), args.pieces)
    out = args.work / "out"
    chapter = str(root / "chapters" / "01-first.md")
    pandoc = pandoc_path()
    direct = out / "direct.typ"
    rule = '#set par(linebreaks: "simple")\n' if args.breaking == "simple" else ""
    typst_script = ("import pathlib, subprocess, sys, typst; "
                    f"subprocess.run([{pandoc!r}, '--from=markdown+smart', '--to=typst', '--standalone', '--wrap=none', "
                    f"'-o', {str(direct)!r}, sys.argv[1]], check=True); "
                    f"p = pathlib.Path({str(direct)!r}); p.write_text({rule!r} + p.read_text()); "
                    f"typst.compile({str(direct)!r}, output={str(out / 'direct.pdf')!r})")
    out.mkdir(exist_ok=True)
    runs = {
        "book build all": [sys.executable, "-m", "book", "build", "all", "-q", "--no-cache", "-m", str(root),
                           "--out-dir", str(out)],
        "pandoc epub3": [pandoc, "--from=markdown+smart", "--to=epub3", "-o", str(out / "direct.epub"), chapter],
        "pandoc+typst pdf": [sys.executable, "-c", typst_script, chapter],
    }
    if args.book_only:
        runs = {"book build all": runs["book build all"]}
    results = {name: measure(cmd) for name, cmd in runs.items()}
    for name, r in results.items():
        print(f"{name:18} {r['wall']:7.1f} s  {r['cpu']:7.1f} s CPU  {r['rss'] / 2**20:7.0f} MiB")
    if args.book_only:
        return
    for key in ("wall", "cpu"):
        direct = results["pandoc epub3"][key] + results["pandoc+typst pdf"][key]
        print(f"book / (pandoc epub3 + pandoc+typst pdf, {args.breaking}), {key}: "
              f"{results['book build all'][key] / direct:.2f}x")


if __name__ == "__main__":
    main()
