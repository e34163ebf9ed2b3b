"""Where a text capture's post starts and ends: the page's chrome around the article cut off.

A copy of a whole page holds the site's navigation above the article and its "most popular" lists, teasers and
footer under it; with no comment counter to stop at, the post ran on to the end of the copy. jusText (a
dependency of trafilatura, in the lock, which trafilatura falls back on) tells a line of text from chrome by its
length and its share of a language's stop words. A copied line is a paragraph; the article is the longest run
of such lines of text, however interrupted by captions, share buttons or a subheading, and what lies past a
long stretch of lines that are not text (a teaser list, the footer) is the page's. jusText's own second pass,
which lets short lines take their neighbours' class, is not used: without the links it weighs in markup, a
list of teasers reads as text to it.
"""

from __future__ import annotations

import functools

from book.sources.attribution import is_closing
from book.sources.capture import Capture
from book.sources.clean import text_words
from book.sources.text_lines import SENTENCE_END

_MIN_TEXT_WORDS = 40        # a post shorter than this is left alone: jusText needs paragraphs to judge by
_LENGTH_HIGH = 120          # characters: a copied line is a paragraph, and news paragraphs are short (jusText: 200)
_SAMPLE_WORDS = 2000        # words that tell the language (every stop list is tried on each)
_GAP = 12                   # filled lines that are not text: more of them in a row end the article's run


def main_span(lines: list[str], *, trim_head: bool) -> tuple[int, int] | None:
    """The slice ``[start, end)`` of ``lines`` that holds the article's text, or ``None`` to keep them all.

    ``trim_head``: the post starts at the top of the copy (no headline found), so the lines above its first
    paragraph are the page's too; under a headline the readers already cut the header, and a standfirst
    or a dateline there is the article's. A short sentence right under the last paragraph ("He said.",
    "This article was reprinted on …") stays: it is too short to count as text on its own.
    """
    run = article_run(lines)
    if not run:
        return None                              # a language without a stop list, a poem, a list: not judged
    filled = [k for k, line in enumerate(lines) if line.strip()]
    last = filled.index(run[-1])
    while last + 1 < len(filled) and _closing_sentence(lines[filled[last + 1]]):
        last += 1
    return (run[0] if trim_head else 0), filled[last] + 1


def article_run(lines: list[str]) -> list[int]:
    """The indices of the lines of text in the copy's longest run of them (the article), or ``[]`` when the lines
    are too few to judge or none reads as text."""
    filled = [k for k, line in enumerate(lines) if line.strip()]
    if sum(len(lines[k].split()) for k in filled) < _MIN_TEXT_WORDS:
        return []
    runs = _runs(_text_lines([lines[k] for k in filled]))
    if not runs:
        return []
    return [filled[n] for n in max(runs, key=lambda run: sum(len(lines[filled[n]]) for n in run))]


def _runs(text: list[int]) -> list[list[int]]:
    """The lines of text (indices among the filled lines) grouped into runs: a gap of more than ``_GAP`` lines
    that are not text between two of them starts a new run."""
    runs: list[list[int]] = []
    for n in text:
        if runs and n - runs[-1][-1] - 1 <= _GAP:
            runs[-1].append(n)
        else:
            runs.append([n])
    return runs


def _closing_sentence(line: str) -> bool:
    """A short last sentence or a letter's closing ("Be well", "— Jane"): the post's, though not text on its own."""
    text = line.strip()
    return is_closing(text) or len(text.split()) >= 3 and SENTENCE_END.search(text) is not None \
        and not text.isupper()


def _text_lines(lines: list[str]) -> list[int]:
    """The lines jusText calls text on their own (long, and dense with the stop words of the language whose stop
    words the lines use most). Each line is a paragraph of its own, as a ``<p>`` would be: built directly, not
    parsed from markup, so a copy of fifty thousand lines costs little more than reading them."""
    from justext.core import classify_paragraphs

    paragraphs = [_line_paragraph(" ".join(line.split())) for line in lines]
    classify_paragraphs(paragraphs, _stoplist(" ".join(lines)), length_high=_LENGTH_HIGH, no_headings=True)
    return [n for n, paragraph in enumerate(paragraphs) if paragraph.cf_class == "good"]


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


@functools.cache
def _stoplists() -> tuple[frozenset[str], ...]:
    import justext

    return tuple(justext.get_stoplist(name) for name in sorted(justext.get_stoplists()))


_PROSE_SHARE = 0.3      # of the post's words in sentences, under which it reads as menus and link lists
_DOUBT_WORDS = 60       # a post shorter than this is not judged by that share (a short note, a poem's stanza)


def post_doubt(capture: Capture) -> str | None:
    """Why the post's text may not be the page's article, for the warning (S325), or ``None``.

    A reader that took the wrong part of the page (the navigation, a teaser list, a thread that swallowed the
    article) leaves a post that is mostly lines that are no sentences, or paragraphs of text outside it; a post
    whose words hardly match the truth should not pass in silence.
    """
    if capture.post_doubt is not None:
        return capture.post_doubt
    lines = [line for line in (capture.post.lines if capture.post else []) if line.strip()]
    total = sum(text_words(line) for line in lines)
    prose = sum(text_words(line) for line in lines if _sentence(line))
    if total >= _DOUBT_WORDS and prose < _PROSE_SHARE * total:
        return f"only {prose} of its {total} words are in sentences; the rest reads as menus, link lists or teasers"
    return None


def _sentence(line: str) -> bool:
    words = text_words(line)
    return words >= 12 or words >= 5 and SENTENCE_END.search(line.strip()) is not None


def outside_text(lines: list[str], run: list[int], kept: list[list[str]]) -> int:
    """How many words of the lines ``run`` (the copy's :func:`article_run`) are in none of the ``kept`` units' lines."""
    held = {" ".join(line.split()) for unit in kept for line in unit}
    return sum(text_words(lines[k]) for k in run if " ".join(lines[k].split()) not in held)
