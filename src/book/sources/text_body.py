"""Where a text capture's post starts and ends: the page's chrome around the article cut off.

A copy of a whole page holds the site's navigation above the article and its "most popular" lists, teasers and
footer under it; with no comment counter to stop at, the post ran on to the end of the copy. jusText (a
dependency of trafilatura, in the lock, which trafilatura falls back on) tells a line of text from chrome by its
length and its share of a language's stop words. A copied line is a paragraph; the article is the longest run
of such lines of text, however interrupted by captions, share buttons or a subheading, and what lies past a
long stretch of lines that are not text (a teaser list, the footer) is the page's. jusText's own second pass,
which lets short lines take their neighbours' class, is not used: without the links it weighs in markup, a
list of teasers reads as text to it.

Its evidence is weighed before anything is cut: a short sentence of the language (an interview's question,
a tip) is no part of the gap that ends a run, a later run on the article's subject is the article's, a copy
in a script without spaces is not judged, and a short run keeps what lies above it (S325, the editor told).
"""

from __future__ import annotations

import collections
import functools
import re
from collections.abc import Iterable
from typing import NamedTuple

from book.sources.attribution import is_closing
from book.sources.capture import Capture
from book.sources.chrome import is_chrome_line
from book.sources.clean import text_words
from book.sources.text_lines import SENTENCE_END

_MIN_TEXT_WORDS = 40        # a post shorter than this is left alone: jusText needs paragraphs to judge by
_LENGTH_HIGH = 120          # characters: a copied line is a paragraph, and news paragraphs are short (jusText: 200)
_SAMPLE_WORDS = 2000        # words that tell the language (every stop list is tried on each)
_GAP = 12                   # filled lines that are not text: more of them in a row end the article's run
_MIN_RUN_WORDS = 150        # a run shorter than this may not cut more of the copy's words above it than it keeps
_TAIL_WORDS = 200           # words cut under the article's last run of text that may be the article's ...
_TAIL_SHARE = 3             # ... when they are more than this many times the words kept (S325, the cut made)
_SUBJECT_WORDS = 8          # content words (about a paragraph's) a later run needs for its subject to be told
_SUBJECT_SHARE = 0.25       # of them already in the article's text: the run goes on with the article's subject
_REACH = 3 * _GAP           # filled lines past the article's last run within which a run on its subject goes on with it
_HEAD_PROSE_SHARE = 0.5     # of the kept words: more words of sentences above the run keep the lines above it
_SENTENCE_WORDS = 4         # words of a short sentence that bridges a gap between lines of text
_SENTENCE_STOPS = 0.2       # its share of stop words (jusText's text needs 0.32; a short line has fewer)
_UNSPACED_SHARE = 0.3       # of the copy's letters in a script without spaces: jusText cannot judge the copy
_WORD = re.compile(r"\w+")
_LETTER = re.compile(r"[^\W\d_]")
# Han, kana, Thai, Lao, Burmese, Khmer (``clean``'s count of words knows only the first two)
_UNSPACED = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f\u0e80-\u0eff"
                       "\u1000-\u109f\u1780-\u17ff]")


class Span(NamedTuple):
    """The lines ``[start, end)`` of the post that hold the article, and why the cut may be wrong (S325)."""

    start: int
    end: int
    doubt: str | None = None


def main_span(lines: list[str], *, trim_head: bool) -> Span | None:
    """The slice of ``lines`` that holds the article's text, or ``None`` to keep them all.

    ``trim_head``: the post starts at the top of the copy (no headline found), so the lines above its first
    paragraph are the page's too; under a headline the readers already cut the header, and a standfirst
    or a dateline there is the article's. A short sentence right under the last paragraph ("He said.",
    "This article was reprinted on …") stays: it is too short to count as text on its own.

    The cut is only as bold as its evidence: a run past a table, a gallery or a widget that goes on with the
    longest run's subject is the article's too (:func:`_continued`), and a run shorter than ``_MIN_RUN_WORDS``
    (teasers' blurbs in a sidebar, where the article above them is a table or a list of short lines) cuts
    away no more words above it than it keeps: the words are kept and the doubt given (S325). A cut that takes
    away under the last run more than three times the words it keeps (200 at least) is made, and doubted (S325): on
    the WCXB dev copies such a tail was as often the article's (a directory, a table, code) as the page's footer,
    and keeping it where it went on with the article's subject lifted dev but lowered WCXB test.
    """
    runs, stoplist = _article_runs(lines)
    if not runs:
        return None                              # a language without a stop list, a poem, a list: not judged
    main = max(runs, key=lambda run: _size(lines, run))
    kept = _continued(lines, runs, main, stoplist, backwards=trim_head)
    filled = [k for k, line in enumerate(lines) if line.strip()]
    last = _closing_end(lines, filled, filled.index(max(run[-1] for run in kept)))
    start, end = (min(run[0] for run in kept) if trim_head else 0), filled[last] + 1
    run_words, kept_words = _words(lines, main), _words(lines, range(start, end))
    outside = _words(lines, [k for run in runs for k in run if not start <= k < end])
    if outside > _words(lines, [k for run in runs for k in run if start <= k < end]):
        return Span(0, len(lines), f"more of its paragraphs of text ({outside} words) lie outside its longest "
                                   "run of them than in it (a list's items, parted by their details?); nothing was cut")
    if run_words < _MIN_RUN_WORDS and _words(lines, range(start)) > kept_words:
        return Span(0, end, f"its longest run of paragraphs of text is short ({run_words} words), too short to "
                            "tell the article above it from the page's menus; the lines above it were kept")
    if (above := _words(lines, prose_lines(lines[:start]))) > _HEAD_PROSE_SHARE * kept_words:
        return Span(0, end, f"{above} words of sentences lie above its longest run of text ({kept_words} words), "
                            "which may not be the article; the lines above it were kept")
    if (below := _words(lines, [k for k in range(end, len(lines)) if not is_chrome_line(lines[k])])) > \
            max(_TAIL_WORDS, _TAIL_SHARE * kept_words):
        return Span(start, end, f"{below} words under its last paragraph of text were cut, more than three times "
                                f"the {kept_words} it kept (the article's lists, tables or code?)")
    return Span(start, end)


def _continued(lines: list[str], runs: list[list[int]], main: list[int], stoplist: frozenset[str], *,
               backwards: bool) -> list[list[int]]:
    """The longest run and the runs that go on with its subject after it (and before it, ``backwards``): the
    article's text past a table, a gallery, a block of code or an embedded widget longer than ``_GAP`` lines.
    A run goes on with the subject when one in four of its content words (not the language's stop words) are
    the article's so far (teasers of other stories and footers share one in five at most); one that does not
    is passed over, and the article ends where no run on its subject follows within ``_REACH`` filled lines.
    ``stoplist``: the language's, as the runs were told by (:func:`_article_runs`)."""
    printed = collections.Counter(" ".join(line.split()) for line in lines if line.strip())
    rank = {k: n for n, k in enumerate(k for k, line in enumerate(lines) if line.strip())}
    at = runs.index(main)
    joined = [main]
    vocabulary = set(_content_words(lines, main, stoplist, printed))
    for step in ((1, -1) if backwards else (1,)):
        edge, n = (main[-1] if step > 0 else main[0]), at + step
        while 0 <= n < len(runs) and abs(rank[runs[n][0 if step > 0 else -1]] - rank[edge]) <= _REACH:
            words = _content_words(lines, runs[n], stoplist, printed)
            if len(words) >= _SUBJECT_WORDS and sum(w in vocabulary for w in words) >= _SUBJECT_SHARE * len(words):
                joined.append(runs[n])
                vocabulary.update(words)
                edge = runs[n][-1] if step > 0 else runs[n][0]
            n += step
    return joined


def _content_words(lines: list[str], run: list[int], stoplist: frozenset[str],
                   printed: collections.Counter[str]) -> list[str]:
    """The run's words that carry its subject: not stop words, numbers or words of one or two letters, nor the
    words of a line the copy prints more than once (a menu's or a footer's blurb, the page's, not the article's)."""
    return [word for k in run if printed[" ".join(lines[k].split())] == 1
            for word in _WORD.findall(lines[k].lower())
            if len(word) > 2 and not word.isdigit() and word not in stoplist]


def article_run(lines: list[str]) -> list[int]:
    """The indices of the lines of text in the copy's longest run of them (the article), or ``[]`` when the lines
    are too few to judge or none reads as text."""
    runs, _ = _article_runs(lines)
    return max(runs, key=lambda run: _size(lines, run)) if runs else []


def _article_runs(lines: list[str]) -> tuple[list[list[int]], frozenset[str]]:
    """The copy's runs of lines of text (indices into ``lines``), ``[]`` when the lines are too few to judge or
    are in a script jusText cannot read (words not parted by spaces: its lines of text there would be the
    page's Latin chrome, a menu or a line of code, never the article); and the stop list they were told by
    (chosen once: scoring every language's list on the copy is the costly part of choosing)."""
    filled = [k for k, line in enumerate(lines) if line.strip()]
    if sum(len(lines[k].split()) for k in filled) < _MIN_TEXT_WORDS or _unspaced_script(lines):
        return [], frozenset()
    stoplist = _stoplist(" ".join(lines[k] for k in filled))
    text, bridges = _text_lines([lines[k] for k in filled], stoplist)
    return [[filled[n] for n in run] for run in _runs(text, bridges)], stoplist


def _size(lines: list[str], run: list[int]) -> int:
    return sum(len(lines[k]) for k in run)


def _words(lines: list[str], indices: Iterable[int]) -> int:
    return sum(len(lines[k].split()) for k in indices)


def _unspaced_script(lines: list[str]) -> bool:
    """Whether many of the copy's letters are of a script written without spaces between words (Chinese,
    Japanese, Thai, …), which jusText's word counts and stop lists cannot read."""
    text = "\n".join(lines)
    unspaced = len(_UNSPACED.findall(text))
    return unspaced > 0 and unspaced >= _UNSPACED_SHARE * len(_LETTER.findall(text))


def _runs(text: list[int], bridges: set[int]) -> list[list[int]]:
    """The lines of text (indices among the filled lines) grouped into runs: more than ``_GAP`` lines in a row
    that are not text between two of them start a new run. A sentence of the article's language too short to
    be text (an interview's question, a tip, a list item's line of prose: ``bridges``) is the article's too,
    and the count starts again after it."""
    runs: list[list[int]] = []
    since, broken, texts = 0, True, set(text)
    for n in range(text[-1] + 1 if text else 0):
        if n in texts:
            if broken or not runs:
                runs.append([n])
            else:
                runs[-1].append(n)
            since, broken = 0, False
        elif n in bridges:
            since = 0
        else:
            since += 1
            broken = broken or since > _GAP
    return runs


def _closing_end(lines: list[str], filled: list[int], last: int) -> int:
    """The last filled line of the post (an index into ``filled``): the run's last line of text, then the short
    sentences right under it. Not past a line that is none: a box's title ("Pick Six Newsletter") over its
    sentences looks like a picture's alt text over the article's last sentence."""
    while last + 1 < len(filled) and _closing_sentence(lines[filled[last + 1]]):
        last += 1
    return last


def _closing_sentence(line: str) -> bool:
    """A short last sentence or a letter's closing ("Be well", "— Jane"): the post's, though not text on its own."""
    text = line.strip()
    return is_closing(text) or len(text.split()) >= 3 and SENTENCE_END.search(text) is not None \
        and not text.isupper()


def _text_lines(lines: list[str], stoplist: frozenset[str]) -> tuple[list[int], set[int]]:
    """The lines jusText calls text on their own (long, and dense with the stop words of ``stoplist``, the language
    whose stop words the lines use most), and the shorter lines that are sentences of that language (they end as a
    sentence does and hold its stop words). Each line is a paragraph of its own, as a ``<p>`` would be: built
    directly, not parsed from markup, so a copy of fifty thousand lines costs little more than reading them."""
    from justext.core import classify_paragraphs

    paragraphs = [_line_paragraph(" ".join(line.split())) for line in lines]
    classify_paragraphs(paragraphs, stoplist, length_high=_LENGTH_HIGH, no_headings=True)
    text = [n for n, paragraph in enumerate(paragraphs) if paragraph.cf_class == "good"]
    bridges = {n for n, paragraph in enumerate(paragraphs)
               if paragraph.cf_class != "good" and _short_sentence(paragraph, stoplist)}
    return text, bridges


def _short_sentence(paragraph, stoplist: frozenset[str]) -> bool:
    """A line that ends as a sentence, of a few words at least and with the stop words of the copy's language
    ("What made you start?", "Water the plant once a week."): the article's, too short to be text alone."""
    return (paragraph.words_count >= _SENTENCE_WORDS and SENTENCE_END.search(paragraph.line_text) is not None
            and paragraph.stopwords_density(stoplist) >= _SENTENCE_STOPS)


def _line_paragraph(text: str):
    """A jusText paragraph holding one line (a ``<p>`` in the body, no links), its text given once: jusText
    normalises a paragraph's spacing each time it is asked for its text, five times a line."""
    made = _line_class()(_PATH)
    made.line_text = text
    made.text_nodes.append(text)
    return made


@functools.cache
def _line_class() -> type:
    from justext.paragraph import Paragraph

    class Line(Paragraph):
        @property
        def text(self) -> str:
            return self.line_text

    return Line


class _Path:
    """Where jusText's paragraph sits in the page: a ``<p>`` in the body, for every line of a copy."""

    dom = "html.body.p"
    xpath = "/html/body/p"


_PATH = _Path()


def _stoplist(text: str) -> frozenset[str]:
    """The stop list that covers most of the text's words: the language, told apart without a detector."""
    words = text.split()
    sample = [w.lower() for w in words[::max(1, len(words) // _SAMPLE_WORDS)]]   # a long copy: words spread over it
    return max(_stoplists(), key=lambda stops: sum(w in stops for w in sample))


def stop_words(text: str) -> frozenset[str]:
    """The stop words (jusText's list) of the text's language: what no content word is."""
    return _stoplist(text)


@functools.cache
def _stoplists() -> tuple[frozenset[str], ...]:
    import justext

    return tuple(justext.get_stoplist(name) for name in sorted(justext.get_stoplists()))


_PROSE_SHARE = 0.3      # of the post's words in sentences, under which it reads as menus and link lists
_DOUBT_WORDS = 60       # a post shorter than this is not judged by that share (a short note, a poem's stanza)
_TEASER_WORDS = 15      # words of a paragraph cut off with an ellipsis that make it another story's teaser
_TEASERS = 2            # such paragraphs cut to one length in the post that make it doubtful ...
_TEASER_SHARE = 0.25    # ... when they hold this share of its words
_SAME_CHARS = 0.02      # share of a paragraph's characters by which another cut to the same length may differ
_ENTRY_TITLE_WORDS = 4  # words of an entry's title line in a list of entries (a menu's section, a teaser's headline)
_BLURB_WORDS = 8        # words of the one paragraph under it
_ENTRIES = 20           # entries in a row opening the post that make it a menu or a list of other stories
_CUT_OFF = re.compile(r"(?:…|\.\.\.|\[…\]|\[\.\.\.\])\s*$")


# A letter of any script: a post without one is figures only ("13,539", a forum poster's message count).
_LETTER = re.compile(r"[^\W\d_]")


def post_doubt(capture: Capture) -> str | None:
    """Why the post's text may not be the page's article, for the warning (S325), or ``None``.

    A reader that took the wrong part of the page (the navigation, a teaser list, a thread that swallowed the
    article) leaves a post that is mostly lines that are no sentences, or paragraphs of text outside it; a post
    whose words hardly match the truth should not pass in silence.
    """
    if capture.post_doubt is not None:
        return capture.post_doubt
    lines = [line for line in (capture.post.lines if capture.post else []) if line.strip()]
    if lines and not any(_LETTER.search(line) for line in lines):
        return (f"it holds no word, only figures ({' '.join(lines)[:40]!r}): a counter or a poster's details "
                f"were read as the post")
    total = sum(text_words(line) for line in lines)
    prose = sum(text_words(line) for line in lines if _sentence(line))
    if total >= _DOUBT_WORDS and prose < _PROSE_SHARE * total:
        return f"only {prose} of its {total} words are in sentences; the rest reads as menus, link lists or teasers"
    return _teasers_kept(lines, total) or _opens_with_entries(lines, capture.title)


def _teasers_kept(lines: list[str], total: int) -> str | None:
    """Paragraphs cut off with an ellipsis at one length ("... a plan for …"): a list of other stories' teasers
    ("You may also like") read into the post. They are sentences, so the share of prose cannot tell them; a
    site cuts its excerpts at a fixed count of words or characters, which a writer's trailing "…" never keeps.
    Two or more cut to the same length, the cut paragraphs holding a good share of the post's words, are the
    page's list, not the article."""
    cut = [(text_words(line), len(line.strip())) for line in lines
           if text_words(line) >= _TEASER_WORDS and _CUT_OFF.search(line)]
    alike = max((sum(1 for other in cut if _same_length(one, other)) for one in cut), default=0)
    if alike >= _TEASERS and (words := sum(n for n, _ in cut)) >= _TEASER_SHARE * total:
        return (f"{len(cut)} of its paragraphs ({words} of its {total} words) end cut off with an ellipsis, "
                f"{alike} of them at the same length, as a site's teasers of other stories do")
    return None


def _same_length(one: tuple[int, int], other: tuple[int, int]) -> bool:
    """Cut to one length: as many words, or as many characters give or take ``_SAME_CHARS``."""
    return one[0] == other[0] or abs(one[1] - other[1]) <= _SAME_CHARS * one[1]


def _opens_with_entries(lines: list[str], title: str | None) -> str | None:
    """A post that opens with a long list of entries, each a short title over one paragraph ("Architecture" /
    "Looking for a Masters in Architecture? ..."): a site's menu of sections with their blurbs, or a list of
    other stories, read as the post's top. Its blurbs are sentences, so the share of prose cannot tell it; an
    article opens with its own paragraphs, and a list article with an introduction above its items. Where the
    title read is itself such an entry's title ("Accounting"), the post's first paragraph is that entry's blurb."""
    opens_with_blurb = bool(lines) and title is not None and _entry_title(title) and \
        text_words(lines[0]) >= _BLURB_WORDS
    entries, k = int(opens_with_blurb), int(opens_with_blurb)
    while k + 1 < len(lines) and _entry_title(lines[k]) and text_words(lines[k + 1]) >= _BLURB_WORDS:
        entries, k = entries + 1, k + 2
    if entries >= _ENTRIES:
        return (f"it opens with {entries} entries of a short title over one paragraph, as a site's menu of "
                "sections or a list of other stories prints them")
    return None


def _entry_title(line: str) -> bool:
    return 0 < text_words(line) <= _ENTRY_TITLE_WORDS and SENTENCE_END.search(line.strip()) is None


def _sentence(line: str) -> bool:
    words = text_words(line)
    return words >= 12 or words >= 5 and SENTENCE_END.search(line.strip()) is not None


def prose_lines(lines: list[str]) -> list[int]:
    """The indices of the copy's lines that read as sentences (they end as one does), in any script and wherever
    they stand: the words a post may have lost to the cut or to a reader that took the wrong part of the page.
    A tag cloud or a menu printed on one line is long, but ends as no sentence."""
    return [k for k, line in enumerate(lines)
            if text_words(line) >= _SENTENCE_WORDS and SENTENCE_END.search(line.strip()) is not None]


def outside_text(lines: list[str], run: list[int], kept: list[list[str]]) -> int:
    """How many words of the lines ``run`` (the copy's :func:`article_run` or :func:`prose_lines`) are in none of the
    ``kept`` units' lines."""
    held = {" ".join(line.split()) for unit in kept for line in unit}
    return sum(text_words(lines[k]) for k in run if " ".join(lines[k].split()) not in held)
