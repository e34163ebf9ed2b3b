"""A long comment thread: CPU time and peak memory of ``book sources import`` against the number of comments.

    python bench/long_thread.py                        # 750, 1,500, 3,000 and 6,000 comments
    python bench/long_thread.py --comments 3000,12000

Writes a WordPress-shaped page (a post, then N comments in one ``ol.comment-list``: a name, a date and
a paragraph of 8 to 60 words of the book's vocabulary each, a fixed seed) and imports it into an empty
manuscript as a child process. Prints, for each size, CPU seconds, CPU milliseconds a comment and peak
memory: a cost a comment that grows with N is a part of the reader that is quadratic in the thread.
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


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--comments", default="750,1500,3000,6000", help="thread sizes, comma-separated")
    args = parser.parse_args(argv)
    print(f"{'comments':>8} {'CPU s':>7} {'ms/comment':>10} {'peak MB':>8}")
    for size in (int(n) for n in args.comments.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            capture = Path(tmp) / "thread.html"
            capture.write_text(page(size), encoding="utf-8")
            manuscript = Path(tmp) / "m"
            (manuscript / "sources").mkdir(parents=True)
            got = measure([sys.executable, "-m", "book", "sources", "import", str(capture), "-q",
                           "-m", str(manuscript), "--published", "2015-04-20"])
        print(f"{size:>8} {got['cpu']:>7.1f} {1000 * got['cpu'] / size:>10.2f} {got['rss'] / 2**20:>8.0f}")


if __name__ == "__main__":
    main()
