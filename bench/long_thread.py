"""A long comment thread: CPU time and peak memory of ``book sources import`` against the number of comments.

    python bench/long_thread.py                        # 750, 1,500, 3,000 and 6,000 comments
    python bench/long_thread.py --comments 3000,12000
    python bench/long_thread.py --shape greeting --comments 5000    # a text copy, each comment greeting a writer
    python bench/long_thread.py --shape at --comments 5000          # a text copy of a header no reader knows, "@NAME"

Writes a WordPress-shaped page (a post, then N comments in one ``ol.comment-list``: a name, a date and
a paragraph of 8 to 60 words of the book's vocabulary each, a fixed seed) and imports it into an empty
manuscript as a child process. Prints, for each size, CPU seconds, CPU milliseconds a comment and peak
memory: a cost a comment that grows with N is a part of the reader that is quadratic in the thread.

The text shapes are copies pasted from a browser (``.txt``): ``greeting``, "NAME says:" headers
(:mod:`book.sources.text_thread`) over comments that open "Hi NAME," and ``at``, headers of a shape no reader
knows ("Reply 3 - Posted by: NAME DATE (No. 7003)", :mod:`book.sources.text_template`) over comments that open "@NAME".
Every comment names an earlier writer, most often the thread's first, who never writes again: a reader that
looks each name up by walking back through the thread walks it whole for every comment.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import measure  # noqa: E402

WORDS = ("the a therapy letter reply trust garden roses bloom careful slow patient listening quiet hour "
         "attachment repair rupture session weekly notes").split()
NAMES = [f"{first} {last}" for first in "Ada Ben Cleo Dev Eli Fay Gus Hana Ivo Jun".split()
         for last in "Quill Stone Marsh Reed Vale".split()]


def page(comments: int, seed: int = 1) -> str:
    """A saved WordPress post with ``comments`` comments."""
    rng = random.Random(seed)

    def paragraph(words: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."

    out = ['<html><head><title>Learning to Ask for Help</title></head><body><article class="post">'
           '<h1 class="entry-title">Learning to Ask for Help</h1><div class="entry-meta">by <span class="author vcard">'
           '<a class="fn">Ruth Adler</a></span> <time datetime="2015-04-20">April 20, 2015</time></div>'
           '<div class="entry-content">', *(f"<p>{paragraph(40)}</p>" for _ in range(5)),
           f'</div></article><div id="comments" class="comments-area"><h2 class="comments-title">{comments} '
           'thoughts on &ldquo;Learning to Ask for Help&rdquo;</h2><ol class="comment-list">']
    for i in range(comments):
        day, minute = 21 + i % 8, i % 60
        out.append(f'<li id="comment-{1000 + i}" class="comment depth-1"><article class="comment-body">'
                   f'<footer class="comment-meta"><div class="comment-author vcard"><b class="fn">{rng.choice(NAMES)}'
                   f'</b> <span class="says">says:</span></div><div class="comment-metadata"><a href="#comment-'
                   f'{1000 + i}"><time datetime="2015-04-{day:02d}T10:{minute:02d}:00+00:00">April {day}, 2015 at '
                   f'10:{minute:02d} am</time></a></div></footer><div class="comment-content"><p>'
                   f'{paragraph(rng.randint(8, 60))}</p></div></article></li>')
    out.append("</ol></div></body></html>")
    return "\n".join(out)


def _named(rng: random.Random, i: int, firsts: list[str]) -> str:
    """The writer comment ``i`` names: mostly the thread's first writer (the longest walk back), else one seen."""
    return firsts[0] if rng.random() < 0.8 or i < 2 else rng.choice(firsts[:i])


def text_page(comments: int, shape: str, seed: int = 1) -> str:
    """A text copy of a post with ``comments`` comments, each naming an earlier writer (``shape``: greeting, at)."""
    rng = random.Random(seed)

    def paragraph(words: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."

    out = ["Learning to Ask for Help", "by Ruth Adler, April 20, 2015", "",
           *(f"{paragraph(40)}\n" for _ in range(5)), f"{comments} thoughts on \u201cLearning to Ask for Help\u201d", ""]
    writers = ["Zed Pioneer", *(rng.choice(NAMES) for _ in range(comments - 1))]
    if shape == "at":                   # "@NAME" is one word: the writers' names too
        writers = [writer.replace(" ", "") for writer in writers]
    for i, writer in enumerate(writers):
        day, hour, minute = 21 + i * 8 // comments, 8 + i * 12 // comments % 12, i % 60
        opening = f"Hi {_named(rng, i, writers)}," if shape == "greeting" else f"@{_named(rng, i, writers)}"
        if not i:
            opening = "So"                  # the first comment has no one earlier to name
        when = f"April {day}, 2015 at {hour}:{minute:02d} am"
        if shape == "greeting":
            out += [f"{writer} says:", when, "", f"{opening} {paragraph(rng.randint(8, 40)).lower()}", "", "Reply", ""]
        else:
            out += [f"Reply {i + 1} - Posted by: {writer} 5/{day}/2015 {hour}:{minute:02d}:07 AM (No. {7000 + i})",
                    f"{opening} {paragraph(rng.randint(8, 40))}", "Click Here if you Like this Comment",
                    f" {rng.randint(1, 9)} people like this."]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--comments", default="750,1500,3000,6000", help="thread sizes, comma-separated")
    parser.add_argument("--shape", choices=("html", "greeting", "at"), default="html",
                        help="a saved WordPress page, or a text copy whose comments greet or @-name earlier writers")
    args = parser.parse_args(argv)
    print(f"{'comments':>8} {'CPU s':>7} {'ms/comment':>10} {'peak MB':>8}")
    for size in (int(n) for n in args.comments.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            capture = Path(tmp) / ("thread.html" if args.shape == "html" else "thread.txt")
            capture.write_text(page(size) if args.shape == "html" else text_page(size, args.shape), encoding="utf-8")
            manuscript = Path(tmp) / "m"
            (manuscript / "sources").mkdir(parents=True)
            got = measure([sys.executable, "-m", "book", "sources", "import", str(capture), "-q",
                           "-m", str(manuscript), "--published", "2015-04-20"])
        print(f"{size:>8} {got['cpu']:>7.1f} {1000 * got['cpu'] / size:>10.2f} {got['rss'] / 2**20:>8.0f}")


if __name__ == "__main__":
    main()
