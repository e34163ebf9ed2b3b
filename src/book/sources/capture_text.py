"""Plain-text captures: a page copied from the browser, one block per line.

A text capture has lost its markup, so structure is read back from what is
left: the title, byline and date from the lines around the headline (here and
in ``text_header``), the post's text up to the comment counter, and the thread
after it (``text_thread``); forum pages, whose messages all carry a header, are
read here as a list of messages. Line-level readers both use are in
``text_lines``.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from book.sources import chrome, spam
from book.sources.capture import Capture, RawUnit
from book.sources.clean import fix_text, normalise_line, text_words
from book.sources.dates import (MONTH_WORD, WEEKDAY_WORD, FoundDate, copy_dating, date_line, find_date, is_date_line,
                                settled_date, words_date)
from book.sources.forum_blocks import read_blocks
from book.sources.forum_text import (forum_title, message_date_below, poster_blocks, subject_headers, unlabelled_blocks,
                                     without_reactions)
from book.sources.names import clean_name, is_anonymous
from book.sources.text_body import article_run, main_span, outside_text, prose_lines
from book.sources.text_header import (closing_date, closing_meta, fact_field, meta_line, name_under_headline,
                                      quote_credit, title_after_trail, title_named_by_trail, title_near_meta,
                                      thread_start, thread_starter, trail_end)
from book.sources.text_lines import (ABOUT_AUTHOR, ALL_POSTS_BY, BYLINE_LABEL, CJK_CHAR, SENTENCE_END, UPDATE_LABEL,
                                     co_authors, lines_to_markdown, name_date, name_like, next_filled, plain_lines,
                                     same_name, title_case, word_list)
from book.sources.name_words import PARTICLES, name_in_script, reads_as_name, stated_byline
from book.sources.text_score import score_header, settle_byline, settle_name, settle_title
from book.sources.text_quotes import quotation_parents
from book.sources.text_template import TemplateSplit, drop_header_tails, line_class, repeated_headers, template_comments
from book.sources.text_thread import (BADGE, COUNTS, FURNITURE, CommentHeader, OpenComment, comment_header, read_thread,
                                      strip_glued_badges, thread_bounds, thread_top, trim_last)

_BYLINE = re.compile(r"^(?:posted |written |published )?by:?\s+(?P<name>[^|,•]{2,60}?)"
                     r"(?:(?:\s+(?:on|at)\s+|\s*[|,•·–—-]\s*)(?P<date>.+))?$", re.IGNORECASE)


def parse_text(text: str) -> Capture:
    """Parse a text capture into a :class:`Capture` (title, post, comments, dropped).

    The copy is repaired once (ftfy is the slowest step of a line's reading), and the order of its slashed dates
    and its four-digit years are read once from it, for the headline's date and the messages' alike."""
    lines = fix_text(text).split("\n")
    dating = copy_dating(lines)
    cap = _parse_text(lines, dating)
    drop_header_tails(cap.units)
    quotation_parents(cap)
    return _thread_started(_thread_dated(_messages_dated(_unsure_title_left_empty(cap, lines), dating), lines), lines)


def _thread_started(cap: Capture, lines: list[str]) -> Capture:
    """The post's author where a label names the thread's opener ("Thread starter NAME", "asked DATE" over the
    asker's name, :func:`book.sources.text_header.thread_starter`), whoever the readers took: a thread's page
    prints ranks, badges and buttons by every poster's name, and the label says which name opened it."""
    if (starter := thread_starter(lines)) is not None and not same_name(starter, cap.author):
        cap.author, cap.author_how, cap.author_doubt = starter, "byline", None
    return cap


def _thread_dated(cap: Capture, lines: list[str]) -> Capture:
    """The post dated by the thread's labelled opening ("asked DATE", "Start date DATE"), whichever date the
    readers took: a thread's page prints many dates, and the label names the thread's own
    (:func:`book.sources.text_header.thread_start`). The first label in the copy is taken: kept above the post's
    words only, it cost 5 of 418 right dates on WCXB dev (the label under the post's opening words there)."""
    if (started := thread_start(lines)) is not None:
        cap.published, cap.published_doubt = started, None
    return cap


def _messages_dated(cap: Capture, dating: tuple[str | None, frozenset[int]]) -> Capture:
    """The comments' ambiguous dates ("09/06/2020 at 1:53 pm") read in the order the copy's other slashed
    dates show (``dating``, :func:`book.sources.dates.copy_dating`); where nothing settles it, left empty (S302)."""
    if dating[0] is None:
        return cap
    for unit in cap.units:
        if unit.date is None and unit.date_text and (iso := settled_date(unit.date_text, *dating)) is not None:
            unit.date, unit.date_text = iso, None
    return cap


def _unsure_title_left_empty(cap: Capture, lines: list[str]) -> Capture:
    """A title no header marked (the copy's first line that is not navigation) is left empty, the line kept
    for the warning (S311): a guessed title is shown as fact, and on the dev copies of whole pages the line
    was never the headline (38 of 38: the site's name, a menu entry, a cookie banner), navigation following
    it. Kept where a paragraph follows within four lines (a copy that starts at or near the headline, as
    the seed captures do). The readers above still use the line while they read: the post does not change."""
    if not (cap.title_guessed and cap.title):
        return cap
    filled = [normalise_line(line).strip() for line in lines if line.strip()]
    at = next((k for k, line in enumerate(filled) if line == cap.title), None)
    after = [] if at is None else [line for line in filled[at + 1: at + 12]
                                   if not chrome.is_chrome_line(line) and not chrome.is_slug_line(line)][:4]
    if not any(_is_prose(line) or _is_sentence(line) for line in after):
        cap.first_line, cap.title = cap.title, None
    return cap


def _forum_subject(lines: list[str], heads) -> str | None:
    """The thread's subject; where the copy prints it only as a breadcrumb trail's last crumb ("Home ›
    Forums › CSS › grid items appear to float left?"), that crumb."""
    subject = forum_title(lines, heads)
    if subject:
        subject = re.sub(r"^[»›>]\s+", "", subject)    # "» SUBJECT": the trail's last crumb on a line of its own
    return (trail_end(subject) or subject) if subject else None


def _poster_forum(lines: list[str], heads: list[int]) -> Capture:
    """A forum thread read from the poster blocks of :mod:`book.sources.forum_text` (``heads``): its
    subject from the first message's header, reaction and button lines out of each message."""
    cap = _parse_headed_forum(lines, heads)
    cap.title = _forum_subject(lines, heads) or cap.title
    without_reactions(cap.units)
    return cap


def _parse_text(fixed: list[str], dating: tuple[str | None, frozenset[int]]) -> Capture:
    """The capture read from the repaired copy's lines (``fixed``) and its ``dating`` (read from them: spacing
    does not change a date's digits)."""
    lines = [normalise_line(line, keep_indent=True) for line in fixed]
    pristine = list(lines)                     # the readers below blank the lines they read
    headers = [i for i, line in enumerate(lines) if _FORUM_HEADER.match(line.strip())]
    if headers:
        return _forum_read(lines, pristine, _parse_forum(lines, headers))
    if (subject := subject_headers(lines)) is not None:
        cap = _poster_forum(lines, subject[1])
        cap.title = subject[0]              # the subject every header repeats
        return _forum_read(lines, pristine, cap)
    if (heads := poster_blocks(lines)) is not None:
        return _forum_read(lines, pristine, _poster_forum(lines, heads))
    if (heads := _headed_messages(lines)) is not None or (heads := _profile_blocks(lines)) is not None:
        return _forum_read(lines, pristine, _parse_headed_forum(lines, heads))
    if (heads := unlabelled_blocks(lines)) is not None:
        return _forum_read(lines, pristine, _poster_forum(lines, heads))
    cap = Capture(engine="text")
    header = score_header(lines, dating)       # before the readers below blank the lines they read
    i = next((i for reader in _TITLE_READERS if (i := reader(lines, cap)) is not None), None)
    if i is None:
        i = _read_title(lines, cap)
    if cap.title and (name := trail_end(cap.title)) is not None:
        cap.title = name                       # a breadcrumb trail read as the headline: its last crumb is the page's
    i = settle_title(lines, cap, header, i)
    name_under_headline(lines, i, cap)
    i = _read_header(lines, i, cap)
    article = article_run(lines)               # the copy's run of paragraphs of text, the article's as a rule
    first = thread_bounds(lines, i)
    start, end = _thread_after_article(lines, i, article, first)
    split, shown = _repeated_thread(lines, i, start, end)
    if split is not None:
        start, end = split.start, split.end
    if start < end:
        cap.expected_comments = chrome.counted(lines[start])
    if cap.expected_comments is None and (start, end) != first and first[0] < first[1]:
        cap.expected_comments = chrome.counted(lines[first[0]])  # the share bar's "36 comments": the copy lacks them (S304)
    _read_footer(lines[end:], cap)
    post_lines = _post_byline(lines[i:start], cap)
    if not cap.author:
        post_lines = _opening_byline(post_lines, cap)
    if not cap.author:
        post_lines = closing_meta(post_lines, cap)
    if not cap.published:
        post_lines = closing_date(post_lines, cap)
    if not cap.author:
        _author_box(lines[i:start], cap)
    if not cap.author and start < end:
        _author_box(lines[end:end + _BOX_REACH], cap)   # "About NAME" under the comment form: the post's writer
    if not cap.author:
        _bio_box(post_lines, cap)
    if not cap.author:
        _closing_credit(lines[i:start], cap)
    post_lines = _without_author_box(post_lines, cap)
    post_lines = _main_text(post_lines, cap)
    post_lines = [line for line in post_lines if not chrome.is_chrome_line(line)]
    post_lines = _drop_promotions(post_lines, cap)
    cap.units.append(RawUnit("post", lines_to_markdown(post_lines), plain_lines(post_lines)))
    if start < end:
        if split is not None:
            template_comments(split, cap)
        else:
            read_thread(lines[start:end], cap)
        _thread_that_is_the_post(cap, post_lines)
        if split is None:
            _drop_link_list(cap)        # a repeated header shape with comment furniture is no widget's list
        _first_message_as_post(cap)
        strip_glued_badges(cap.units)
    read_blocks(pristine, cap, start if start < end else len(lines))
    settle_byline(cap, header)
    if not cap.author:
        _site_owner(lines, cap)
    _name_as_printed(lines, cap)
    settle_name(cap, header)
    if shown and 3 * sum(1 for unit in cap.units if unit.kind != "post") < 2 * shown:
        cap.expected_comments = max(cap.expected_comments or 0, shown)    # S304: the thread looks longer than read
    _text_left_out(lines, article, cap)
    return cap


_LEFT_OUT_WORDS = 100    # words of the copy's article text in no unit that make the post doubtful (S325)
_PROSE_LEFT_SHARE = 2    # times the post's words: the copy's sentences in no unit that make it doubtful too
_FEW_WORDS = 100         # words of a whole copy under which it cannot hold an article and the page's chrome
_LONG_COMMENT_WORDS = 300  # words of one comment that, more than twice the post's (_COMMENT_SHARE), make it the
_COMMENT_SHARE = 2         # article's text read as a comment (a product box, a section under a share bar)


def _text_left_out(lines: list[str], article: list[int], cap: Capture) -> None:
    """The copy's run of paragraphs of text (:func:`book.sources.text_body.article_run`) mostly in no unit, more
    of it than the post holds, or its sentences anywhere (:func:`book.sources.text_body.prose_lines`: an
    interview's questions, a list's tips, text past a gallery) twice the post's words: the post may be the
    wrong part of the page, or the cut of the page's chrome took some of the article with it, and the editor
    is told (S325). So too where one comment holds more than twice the post's words (a blog's comment is
    seldom an essay; on the WCXB dev copies such a "comment" was the article's sections or product boxes), and
    where the whole copy is too short to hold an article (a page that drew its text with scripts). Forum copies
    (messages of any length answering a short question) are read elsewhere and not judged so."""
    post_words = text_words(cap.post.text) if cap.post else 0
    if cap.post_doubt is not None:
        return                                  # the cut's own doubt (``_main_text``) says more
    if (words := text_words("\n".join(lines))) < _FEW_WORDS:
        cap.post_doubt = (f"the whole copy holds {words} words: the page may not have shown its article when it "
                          f"was copied (a page drawn by its scripts, a consent wall)")
        return
    longest = max((text_words(unit.text) for unit in cap.units if unit.kind != "post"), default=0)
    if longest >= _LONG_COMMENT_WORDS and longest > _COMMENT_SHARE * post_words:
        cap.post_doubt = (f"a comment holds {longest} words, more than twice the post's {post_words}: the "
                          f"article may have been read as comments")
        return
    units = [unit.lines for unit in cap.units]
    left = outside_text(lines, article, units)
    if left > max(_LEFT_OUT_WORDS, post_words):
        cap.post_doubt = (f"{left} words of the copy's paragraphs of text are in neither the post ({post_words} "
                          f"words) nor a comment")
        return
    left = outside_text(lines, prose_lines(lines), units)
    if left > max(_LEFT_OUT_WORDS, _PROSE_LEFT_SHARE * post_words):
        cap.post_doubt = (f"{left} words of the copy's sentences are in neither the post ({post_words} words) "
                          f"nor a comment")


_ARTICLE_WORDS = 300     # words of text under a thread's start that make it the article rather than comments
_POST_WORDS = 100        # words of text above it under which the post is no article of its own
_THREAD_HEADERS = 3      # comment headers inside that text that make it a thread after all
_PROBE_LINES = 400
_ONE_COMMENT_SHARE = 0.6  # of the thread's words in its longest comment: the article read as one comment


def _thread_after_article(lines: list[str], i: int, article: list[int], bounds: tuple[int, int]) -> tuple[int, int]:
    """A comment counter in the share bar under the headline ("New, 6 comments") or an author box read as a
    comment's header starts no thread when the article's text (:func:`book.sources.text_body.article_run`) lies
    under it and little text above it, and the thread read from there is one "comment" holding most of its
    words (a long thread under a short post is a run of text too, but one of many comments, or one cut by
    "NAME says:" headers): the thread is looked for again under the article's last paragraph."""
    start, end = bounds
    run = [k for k in article if i <= k < end] if start < end else []
    above = sum(len(lines[k].split()) for k in run if k < start)
    below = sum(len(lines[k].split()) for k in run if k >= start)
    if above >= _POST_WORDS or below < _ARTICLE_WORDS:
        return bounds
    headers = sum(1 for k in range(max(start, run[0]), run[-1])
                  if (header := comment_header(lines, k, said_style=False)) is not None and header.name)
    if headers >= _THREAD_HEADERS or not _one_comment_holds_it(lines[start:end]):
        return bounds
    return thread_bounds(lines, run[-1] + 1)


def _one_comment_holds_it(thread: list[str]) -> bool:
    """Whether the thread, read as comments, is mostly one of them (the article taken for a comment); its first
    ``_PROBE_LINES`` lines are enough to tell, and a long thread is not read twice."""
    probe = Capture(engine="text")
    read_thread(thread[:_PROBE_LINES], probe)
    sizes = [text_words(unit.text) for unit in probe.units]
    return bool(sizes) and max(sizes) >= _ONE_COMMENT_SHARE * sum(sizes)


def _main_text(post_lines: list[str], cap: Capture) -> list[str]:
    """The post without the page's chrome around the article (:mod:`book.sources.text_body`); what is cut is
    listed as dropped. Above the text only where no reader found the headline: the post then starts at the copy's top
    or under the scores' likeliest line."""
    span = main_span(post_lines, trim_head=cap.title is None or cap.title_guessed or cap.title_scored)
    if span is None:
        return post_lines
    if span.doubt is not None:
        cap.post_doubt = span.doubt                  # the words kept, the cut left to the editor (S325)
    for line in post_lines[:span.start] + post_lines[span.end:]:
        if not chrome.is_chrome_line(line):          # the site's known chrome goes silently, as it did
            cap.drop("page chrome around the text", line)
    return post_lines[span.start:span.end]


def _forum_read(lines: list[str], pristine: list[str], cap: Capture) -> Capture:
    """A forum copy read by a reader of known headers, read again from its repeated blocks where they read it
    better (:func:`book.sources.forum_blocks.read_blocks`: its first message the post), then checked against the
    repeated header shape (:func:`_short_of_repeats`). ``pristine``: the copy's lines before any reader blanked
    them."""
    if read_blocks(pristine, cap, len(pristine), forum=True):
        without_reactions(cap.units)
    return _short_of_repeats(lines, cap)


def _short_of_repeats(lines: list[str], cap: Capture) -> Capture:
    """A forum copy read by its poster blocks: where its repeated header shape shows more messages than two in
    three of those read, the editor is told how many the page seems to hold (S304)."""
    split = repeated_headers(lines, 0)
    shown = len(split.units) - 1 if split is not None else 0     # the first message is the post
    if shown and 3 * sum(1 for unit in cap.units if unit.kind != "post") < 2 * shown:
        cap.expected_comments = max(cap.expected_comments or 0, shown)
    return cap


def _repeated_thread(lines: list[str], i: int, start: int, end: int) -> tuple[TemplateSplit | None, int]:
    """The thread split at its repeated header shape (:mod:`book.sources.text_template`), where the readers of
    known header shapes read fewer than half of its comments; else None, and how many comments the repeated
    headers show (0: none), for the warning (S304) when the units kept fall short of two in three of them."""
    classes = [line_class(line) for line in lines]
    split = repeated_headers(lines, i, classes)
    if split is None:                   # the post's header read inside the thread: the shape may start above it
        whole = repeated_headers(lines, 0, classes) if i > 0 else None
        return None, len(whole.units) if whole is not None and whole.start < i else 0
    scratch = Capture(engine="text")
    if start < end:
        read_thread(lines[start:end], scratch)
    read = [unit for unit in scratch.units if unit.kind != "post"]
    if 2 * len(read) < len(split.units) or _named_better(read, split):
        return split, 0
    return None, len(split.units)           # read short of two in three of them: say so


def _named_better(read: list[RawUnit], split: TemplateSplit) -> bool:
    """The repeated headers name the thread where the known-shape readers did not: they gave most of it one
    name (a label printed in every header, Uproxx's "Profile") or names holding a date (the heads of quotations,
    "1 hour ago, NAME said:", read as headers). The split must hold two in three of the comments read at least,
    its names neither one label nor dated. One template prints every header: one label in most is no writer."""
    if len(read) < _MIN_READ or 3 * len(split.units) < 2 * len(read):
        return False
    if not _misnamed([unit.author for unit in read]):
        return False
    named = [unit.author for unit in split.units if unit.author]
    return 3 * len(named) >= 2 * len(split.units) and not _misnamed(named)


_MIN_READ = 3        # comments read under which no reading is judged by its names


def _misnamed(names: list[str | None]) -> bool:
    """Most of a thread's names one label, or half of them holding a date: no writers' names. A thread read
    without names (writers deleted, "Anonymous") is not misnamed: nobody was named wrongly."""
    said = Counter(name.casefold() for name in names if name)
    if not said:
        return False
    if 3 * said.most_common(1)[0][1] >= 2 * len(names):
        return True
    return 2 * sum(1 for name in names if name and line_class(name) in ("D", "H", "M")) >= len(names)


def _thread_that_is_the_post(cap: Capture, post_lines: list[str]) -> None:
    """A comment counter in the share bar under the headline ("36 commentaires", then "77 recommandés" and
    the article) starts no thread: what follows it reads as one comment with no name, no date, longer than
    the post above it. That is the article itself; it goes back to the post (the counter stays a count)."""
    comments = [unit for unit in cap.units if unit.kind != "post"]
    if len(comments) != 1 or comments[0].author or comments[0].date or comments[0].date_text:
        return
    post = cap.units[0]
    if len(comments[0].text) <= len(post.text):
        return
    lines = post_lines + [""] + comments[0].lines
    cap.units[:] = [RawUnit("post", lines_to_markdown(lines), plain_lines(lines))]
    cap.parents_inferred.clear()


def _name_as_printed(lines: list[str], cap: Capture) -> None:
    """"By Brian Jackson WordPress No Comments": a byline whose name runs into the next field (a category) when
    the copy lost the separator. Where the copy prints the first words of that name alone on a line (the author
    box, "Latest posts by …"), the name is those words."""
    words = (cap.author or "").split()
    if cap.author_how != "byline" or len(words) < 3:
        return
    alone = {" ".join(line.split()) for line in lines if 2 <= len(line.split()) < len(words)}
    for n in range(len(words) - 1, 1, -1):
        if " ".join(words[:n]) in alone:
            cap.author = " ".join(words[:n])
            return


_BOX_REACH = 12     # filled or blank lines under the thread where a theme prints the post's author box


_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright)(?:\s*(?:©|\(c\)))?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?"
                        r"(?P<name>(?:[^\d©|.,;]|(?<=\s[A-Z])\.){3,60}?)\.?"     # "Keith J. Grant": an initial's dot
                        r"(?:\s*,?\s*\d{4}(?:\s*[-–]\s*\d{4})?)?\.?(?:\s+all rights reserved\.?)?$",
                        re.IGNORECASE)


def _first_message_as_post(cap: Capture) -> None:
    """No text above the thread, and the thread has messages: the page is a thread whose first message is
    the post (a forum topic, a thread page copied from its first message). Rather than failing the import
    for an empty post, that message becomes the post, its writer the post's author, and the editor is told
    (S322); replies to it answer the post."""
    post = cap.post
    if post is None or post.text.strip() or len(cap.units) < 2 or cap.units[1].kind != "comment":
        return
    first = cap.units.pop(1)
    post.text, post.lines = first.text, first.lines
    if not cap.author and first.author:
        cap.author, cap.author_how = first.author, first.author_how or "explicit"
    if not cap.published and first.date:
        cap.published = first.date
    for unit in cap.units[1:]:
        if unit.parent is not None:
            unit.parent = None if unit.parent == 1 else unit.parent - 1
    cap.parents_inferred[:] = [i - 1 for i in cap.parents_inferred if i > 1]
    if cap.expected_comments:
        cap.expected_comments -= 1          # the page counted the first message among its comments
    cap.post_from_first_message = True


def _reads_as_prose(unit: RawUnit) -> bool:
    """Some line of the unit is a sentence: twelve words, or four ending as sentences end; a headline in title
    case without a full stop ("Gabbard Unleashes on Dems: If You Think This Is Just About Trump …") is none,
    except in a pingback, whose text is the linking post's title and excerpt."""
    return any((text_words(line) >= 12 or text_words(line) >= 4 and SENTENCE_END.search(line.strip()))
               and (unit.kind == "pingback" or not title_case(line) or line.strip().endswith("."))
               for line in unit.lines)


def _drop_link_list(cap: Capture) -> None:
    """A "thread" of four units or more where two in three read as no prose at all is a widget the copy ran into (recent posts,
    a blogroll, a release calendar, teasers of other stories), not comments: every unit is listed as dropped. So is a
    shorter one where no unit names a writer, has a date or reads as prose (the site's footer links under an empty
    thread; short comments that carry a date, as Blogger's anonymous ones do, stay)."""
    comments = [unit for unit in cap.units if unit.kind != "post"]
    unnamed_links = bool(comments) and all(unit.author is None and unit.date is None and unit.date_text is None
                                           and unit.kind == "comment" and not _reads_as_prose(unit)
                                           for unit in comments)
    if not unnamed_links and (len(comments) < 4
                              or 3 * sum(not _reads_as_prose(unit) for unit in comments) < 2 * len(comments)):
        return
    kept: list[RawUnit] = []
    for unit in comments:                     # the thread's own comments come first, the widget after them
        if not _headed_prose(unit):
            break
        kept.append(unit)
    for unit in comments:
        if unit not in kept:
            cap.drop("link list, not comments", unit.text)
    cap.units[:] = [unit for unit in cap.units if unit.kind == "post" or unit in kept]
    for unit in cap.units:
        if unit.parent is not None and unit.parent >= len(cap.units):
            unit.parent = None
    cap.parents_inferred.clear()


def _headed_prose(unit: RawUnit) -> bool:
    """A comment that came under a "NAME says:" header and reads as prose: the thread the copy ran past its end
    into a widget, kept when the widget is dropped."""
    return unit.kind == "comment" and unit.author_how == "explicit" and _reads_as_prose(unit) \
        and unit.parent is None


def _site_owner(lines: list[str], cap: Capture) -> None:
    """A personal site with no byline: its first line is a person's name and its copyright line or a comment
    in its thread names the same person ("Haki Benita" / … / "© Haki Benita 2016-2020"): the owner wrote the
    post. Inferred, not stated (S305)."""
    first = next((line.strip() for line in lines if line.strip() and not chrome.is_chrome_line(line)), "")
    if not _PERSON.match(first):
        return
    if any(unit.kind == "comment" and same_name(unit.author, first) for unit in cap.units):
        cap.author, cap.author_how = first, "site owner"      # the owner answers in the thread under their name
        return
    for line in lines:
        match = _COPYRIGHT.match(line.strip()) if len(line) <= 120 else None
        if match and " ".join(match.group("name").split()).casefold() == " ".join(first.split()).casefold():
            cap.author, cap.author_how = first, "site owner"
            return


# ------------------------------------------------------------------ forums

_FORUM_HEADER = re.compile(r"^(?:post )?by (?P<name>[^»]{1,60}?) » (?P<date>.+)$", re.IGNORECASE)
_SUBJECT = re.compile(r"^re: ", re.IGNORECASE)


def _parse_forum(lines: list[str], headers: list[int]) -> Capture:
    """A forum thread copied as text (phpBB: "Post by Name » date"): first message is the post."""
    cap = Capture(engine="text-forum")
    subject = lines[headers[0] - 1].strip() if headers[0] > 0 else ""
    if subject and not chrome.is_chrome_line(subject):
        cap.title = subject
    else:
        _read_title(lines, cap)
    bounds = headers + [len(lines)]
    for k, start in enumerate(headers):
        match = _FORUM_HEADER.match(lines[start].strip())
        assert match is not None
        body = lines[start + 1: bounds[k + 1]]
        if k + 1 < len(headers) and body and _SUBJECT.match(body[-1].strip()) or \
                (k + 1 < len(headers) and body and body[-1].strip() == subject):
            body = body[:-1]
        body = [line for line in body if not chrome.is_chrome_line(line)]
        name = match.group("name").strip()
        found = find_date(match.group("date"))
        text = lines_to_markdown(body)
        if k == 0:
            cap.author, cap.author_how = name, "explicit"
            cap.published = found.iso if found else None
            cap.units.append(RawUnit("post", text, plain_lines(body)))
            continue
        reason = spam.spam_reason(text, name)
        if reason:
            cap.drop(reason, text)
            continue
        cap.units.append(RawUnit("comment", text, plain_lines(body), author=name, author_how="explicit",
                                 date=found.iso if found else None))
    return cap


def _headed_messages(lines: list[str]) -> list[tuple[int, CommentHeader]] | None:
    """A forum thread copied as text whose every message opens with a header ("wren March 2, 2019, 6:04pm #1",
    "Selma / Member / 10 October 2021 at 19:21"): two or more headers, the first before any prose."""
    if any(chrome.is_comment_counter(line) for line in lines):
        return None                       # "12 Comments": a blog's thread under a post
    first_prose = next((k for k, line in enumerate(lines) if len(line.split()) >= 12), len(lines))
    heads: list[tuple[int, CommentHeader]] = []
    j = 0
    while j < len(lines):
        header = comment_header(lines, j, said_style=False) if lines[j].strip() else None
        if header is not None and header.kind == "comment" and header.name and header.date is not None \
                and (heads or j < first_prose):
            heads.append((j, header))
            j += header.lines
            continue
        if not heads and j >= first_prose:
            return None
        j += 1
    if len(heads) < 2:
        return None
    j, header = heads[0]
    near = " ".join(lines[j: j + header.lines + 3])
    if not re.search(r"(?:^|\s)#1\b", near) and not re.search(r"\d\s*(?:[ap]m)?\s+1$", lines[j].strip(), re.IGNORECASE):
        return None                       # forums number their messages ("#1", Discourse's "TIME 1"); a blog's byline is not
    following = [line.strip() for line in lines[j + header.lines:] if line.strip()
                 and not _POST_NUMBER.match(line.strip()) and not BADGE.match(line.strip())]
    return heads if following and len(following[0].split()) >= 8 else None   # the first message's text


_PROFILE_LABEL = re.compile(r"^(?:mitglied seit|registriert seit|dabei seit|beiträge|beiträge anzeigen|profil|profile|"
                            r"joined|member since|messages|posts|reaction score|points|location|ort|inscrit le|"
                            r"messages postés|registrado|mensajes)\s*:?$", re.IGNORECASE)


def _profile_blocks(lines: list[str]) -> list[tuple[int, CommentHeader]] | None:
    """A forum page copied as text whose messages carry numbers ("#1", "#662") under a profile block (name, rank,
    "Mitglied seit", "Beiträge", …, date): XenForo and vBulletin. Each block's name is its first name-like line
    just above the profile's first label; its date the last date line before the number."""
    numbers = [k for k, line in enumerate(lines) if _POST_NUMBER.match(line.strip())]
    values = [int(lines[k].strip()[1:]) for k in numbers]
    if len(numbers) < 2 or any(b != a + 1 for a, b in zip(values, values[1:], strict=False)):
        return None
    heads: list[tuple[int, CommentHeader]] = []
    floor = 0
    for k in numbers:
        window = range(max(floor, k - 16), k)
        label = next((n for n in window if _PROFILE_LABEL.match(lines[n].strip())), None)
        if label is None:
            return None
        start = name = None
        for n in range(max(floor, label - 3), label):
            text = lines[n].strip()
            if len(text) > 1 and not text.isdigit() and name_like(text, words=4) and _date_in(text) is None:
                start, name = n, text
                break
        if name is None:
            return None
        found = next((date_line(lines[n]) for n in range(k - 1, label, -1) if date_line(lines[n]) is not None), None)
        heads.append((start, CommentHeader(name, found, k - start + 1)))
        floor = k + 1
    return heads


def _parse_headed_forum(lines: list[str], heads: list[tuple[int, CommentHeader]]) -> Capture:
    """The first message is the post, the others reply to the thread; a quote of an earlier message
    ("Selma said:" … "Click to expand...", "wren:" and a line) stays a quotation."""
    cap = Capture(engine="text-forum")
    before = [line.strip() for line in lines[: heads[0][0]] if line.strip() and not chrome.is_chrome_line(line)
              and _title_like(line)][-5:]
    cap.title = max(before, key=lambda line: len(line.split())) if before else None
    bounds = [j for j, _ in heads] + [len(lines)]
    names: list[str] = []
    for k, (j, header) in enumerate(heads):
        body = _quoted(lines[j + header.lines: bounds[k + 1]], names)
        body = [line for line in body if not (chrome.is_chrome_line(line) or line.strip().lower() in FURNITURE
                                              or COUNTS.match(line.strip()) or _POST_NUMBER.match(line.strip())
                                              or BADGE.match(line.strip()))]
        if k + 1 == len(heads):
            body = _until_page_footer(body, cap)
        name = clean_name(header.name)
        found = header.date
        if found is None:
            body, found = message_date_below(body)      # "… text / August 29, 2011 / 6:52 am" (Simple:Press)
        date = found.iso if found else None
        text = lines_to_markdown(body).replace(_QUOTE_MARK, "> ")
        body = [line.replace(_QUOTE_MARK, "") for line in body]
        if k == 0:
            cap.author, cap.author_how, cap.published = name, "explicit", date
            cap.units.append(RawUnit("post", text, plain_lines(body)))
        elif (reason := spam.spam_reason(text, name)) is not None:
            cap.drop(reason, text)
        elif text.strip():
            cap.units.append(RawUnit("comment", text, plain_lines(body), author=name,
                                     author_how="explicit" if name else None, date=date))
        if name:
            names.append(name)
    return cap


_POST_NUMBER = re.compile(r"^#\d+$")
_QUOTE_MARK = "\ue000"      # a quoted line, made a Markdown quotation after the text is escaped
_QUOTE_HEAD = re.compile(r"^(?P<name>.{1,60}?)(?:\s+(?:said|wrote|schrieb|a écrit))?:$")


def _quoted(body: list[str], names: list[str]) -> list[str]:
    """"NAME said:" or "NAME:" naming an earlier writer opens a quotation: up to "Click to expand...", else one line."""
    out: list[str] = []
    k = 0
    while k < len(body):
        line = body[k].strip()
        match = _QUOTE_HEAD.match(line)
        if match and any(same_name(match.group("name"), name) for name in names):
            filled = [n for n in range(k + 1, len(body)) if body[n].strip()]
            end = next((n for n in filled if body[n].strip().lower().startswith("click to expand")), None)
            quoted = [n for n in filled if end is None or n < end][: None if end is not None else 1]
            out.extend(_QUOTE_MARK + body[n].strip() for n in quoted)
            out.append("")
            k = (end if end is not None else quoted[-1] if quoted else k) + 1
            continue
        out.append(body[k])
        k += 1
    return out


def _until_page_footer(body: list[str], cap: Capture) -> list[str]:
    """The last message runs into the page's footer: chrome or three short lines in a row end it."""
    probe = OpenComment(0)
    probe.lines = list(body)
    trim_last(probe, cap)
    return probe.lines


# ------------------------------------------------------------------ header

_POSTED_ON_BY = re.compile(r"^(?:posted|published|written)?\s*(?:on\s+)?(?P<date>.{6,40}?)\s+(?:by|von|par|por|door|di)\s+"
                           r"(?P<name>[^|,•]{2,60})$", re.IGNORECASE)
_READ_TIME = re.compile(r"^\d+ min(?:ute)? read$", re.IGNORECASE)
_PERSON = re.compile(r"^[A-Z][\w'’-]+(?: [A-Z]\.)?(?: [A-Z][\w'’-]+){1,2}$")


_DECORATION = re.compile(r"^\s*(?:/{2,}|[—–~>»•·|]+|-{1,2})\s+")
_SUBMITTED = re.compile(r"^(?:submitted|posted)\s+(?P<date>.{3,40}?)\s+by\s+(?:u/)?(?P<name>[\w.-]{2,40})$", re.IGNORECASE)


def _byline(line: str) -> tuple[str, str | None] | None:
    """"Posted on March 3, 2016 by Elena Varga", "By Ruth Adler", "Posted by Anna K. at 8:01 PM"."""
    if len(line) > 120:
        return None
    line = _DECORATION.sub("", line)                  # "// By NAME • DATE", "— by NAME"
    match = _POSTED_ON_BY.match(line)
    if match and (found := find_date(match.group("date"))):
        return match.group("name").strip(), found.iso
    match = _SUBMITTED.match(line.strip())
    if match and date_line(match.group("date")) is not None and name_like(match.group("name")):
        return match.group("name").strip(), None          # Reddit: "submitted 3 years ago by NAME"
    match = _BYLINE.match(line)
    if match and clean_name(match.group("name")) is not None:     # not "By the Web", a menu entry
        found = find_date(match.group("date") or "")
        name = match.group("name").strip()
        return re.sub(r"^@(?=[\w.-]+$)", "", name), found.iso if found else None    # "By @NAME": a handle
    return None


def _kicker(lines: list[str], head: list[int], k: int) -> bool:
    """A category word above the headline ("SQL", "Politik"): one or two words, then a longer headline-like line
    that the post's prose follows, where the word itself has no prose after it for longer."""
    word, title = lines[head[k]].strip(), lines[head[k + 1]].strip() if k + 1 < len(head) else ""
    return len(word.split()) <= 2 and bool(title) and _title_like(title) and not _is_sentence(title) \
        and len(title.split()) >= len(word.split()) + 2 and _prose_follows(lines, head[k + 1])


def _title_like(line: str) -> bool:
    line = line.strip()
    return 0 < len(line) <= 150 and not line.endswith(".") and not is_date_line(line) and _byline(line) is None


def _read_title(lines: list[str], cap: Capture) -> int:
    """Find the title, reading the page header around it (site name, date, byline).

    A byline ("Posted on ... by ...") follows the title; a date alone precedes it
    (Blogger's date header, Wix's "name / date / 3 min read"). Without such an
    anchor the first line that is not chrome is the title.
    """
    head = []
    for i, line in enumerate(lines[:thread_top(lines, 40)]):     # nothing under a thread's counter heads the post
        if len(line.strip()) > 150:
            break
        if line.strip() and not chrome.is_chrome_line(line) and not chrome.is_slug_line(line):
            head.append(i)
    for k, i in enumerate(head):
        line = lines[i].strip()
        if (by := name_date(line)) and k + 1 < len(head) and _title_like(lines[head[k + 1]]) \
                and _prose_follows(lines, head[k + 1]):
            cap.author, cap.author_how = by[0], "byline"           # "Martina Berg 19. Juni 2019" above the title
            cap.published = by[1].iso
            _site(lines, head[:k], cap)
            cap.title = lines[head[k + 1]].strip()
            return head[k + 1] + 1
        if is_date_line(line) and k >= 2 and k + 1 < len(head) and _PERSON.match(lines[head[k + 1]].strip()) \
                and _is_sentence(lines[head[k - 1]]) and _headline(lines[head[k - 2]]) \
                and _prose_follows(lines, head[k + 1]):
            found = date_line(line)                                   # title, standfirst, date, author, text
            cap.published = found.iso if found else None
            cap.author, cap.author_how = lines[head[k + 1]].strip(), "byline"
            _site(lines, head[: k - 2], cap)
            cap.title = lines[head[k - 2]].strip()
            return head[k + 1] + 1
        if _header_date(line) is not None and k >= 2 and _PERSON.match(lines[head[k - 1]].strip()) \
                and _headline(lines[head[k - 2]]) and _prose_follows(lines, i):
            found = _header_date(line)                                # title, author, date, text (Substack)
            cap.published = found.iso if found else None
            cap.author, cap.author_how = lines[head[k - 1]].strip(), "byline"
            _site(lines, head[: k - 2], cap)
            cap.title = lines[head[k - 2]].strip()
            return i + 1
        if (by := _byline(line)) and k > 0 and _title_like(lines[head[k - 1]]):
            cap.author, cap.author_how = by[0], "byline"
            cap.published = cap.published or by[1]
            _site(lines, head[: k - 1], cap)
            cap.title = lines[head[k - 1]].strip()
            return i + 1
        if is_date_line(line) and k + 1 < len(head) and _title_like(lines[head[k + 1]]):
            found = date_line(line)
            cap.published = found.iso if found else None
            if _kicker(lines, head, k + 1):
                cap.drop("page header", lines[head[k + 1]])     # "SQL" between the date and the headline
                k += 1
            before = head[:k]
            after_date = lines[i + 1: head[k + 1]]
            if before and _PERSON.match(lines[before[-1]].strip()) and any(_READ_TIME.match(x.strip()) for x in after_date):
                cap.author, cap.author_how = lines[before[-1]].strip(), "name line"   # no label, no date beside it
                before = before[:-1]
            _site(lines, before, cap)
            cap.title = lines[head[k + 1]].strip()
            return head[k + 1] + 1
    for i, line in enumerate(lines):
        if line.strip() and not chrome.is_chrome_line(line):
            cap.title_guessed = True          # no header told the title: the editor is warned (S311)
            if len(line.strip()) <= 200:
                cap.title = line.strip()
                return i + 1
            return i
    return len(lines)


_AUTHOR_LABEL = re.compile(rf"(?:^|(?<=[\s|•·–—,:;(])|(?<=\d))(?:{BYLINE_LABEL})"
                           r"(?:\s*:\s*|\s+|(?<=author)(?=[A-Z])|(?<=by)(?=\d))(?P<rest>\S.*)$", re.IGNORECASE)
_LABEL_ONLY = re.compile(rf"^(?:{BYLINE_LABEL})\s*:?$", re.IGNORECASE)
_NAME_STOP = re.compile(r"\s*(?:(?:^|(?<=\s))\d|[|•·–—~;(»]|\s[^\W\d_]+:|\s(?-i:on|am|um|at|le|el|il|in|op|the|ON|AM|UM|AT|IN)\s|\s(?:ein|eine|one|no|keine)\s+"
                        r"(?:kommentar|comment|antwort)|\s(?:kommentare?|comments?|antworten|responses?|replies)\b).*$",
                        re.IGNORECASE)
_GLUED_COUNT = re.compile(r"(?<=[^\W\d_])(\d+)\s+(kommentare?|comments?|antworten|responses?|replies)\b", re.IGNORECASE)
_GLUED_NAME_DATE = re.compile(r"^(?P<name>[^\d|•·–—,:;]{3,40}?)\s*(?:[|•·–—-]\s*)?(?=\d{1,2}[./]\d{1,2}[./]\d{2,4})")
_WORD_DATE = re.compile(
    rf"(?:\d{{1,2}}(?:st|nd|rd|th|er|\.)?\s*(?:{WEEKDAY_WORD}[^\W\d_]*\s+)?(?:de\s+)?{MONTH_WORD}[^\W\d_]*\.?,?\s+(?:de\s+)?\d{{4}}"
    rf"|{MONTH_WORD}[^\W\d_]*\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\.?,?\s+\d{{4}})", re.IGNORECASE)
_AGO = re.compile(r"(?:\d+|\ban?|\bone)\s+(?:years?|months?|weeks?|days?|hours?|minutes?)\s+ago\b", re.IGNORECASE)
_COUNTER_ONLY = re.compile(r"^(?:\d+\s+)?(?:kommentare?|comments?|antworten|responses?|réponses?|commentaires?)(?:\s+\d+)?$",
                           re.IGNORECASE)


_CAPTION = re.compile(r"\b(?:foto|photo|bild|image|credit|quelle|source|illustration)\b|©", re.IGNORECASE)
_POSTED_WORDS = re.compile(r"^(?:posted|submitted|published|filed|written|veröffentlicht|geschrieben|verfasst|eingestellt|"
                           r"publié|publicado|pubblicato)\b", re.IGNORECASE)


_KEY_VALUE = re.compile(r"^([^\W\d_][^\W\d_ -]*(?:[ -][^\W\d_]+)?)\s*:\s")
_HEADER_KEYS = {"autor", "autorin", "author", "auteur", "autore", "von", "by", "par", "por", "posted", "published",
                "veröffentlicht", "geschrieben", "datum", "date", "publié", "publicado", "pubblicato", "erstellt",
                "posted on", "published on", "written by", "posted by", "eingestellt", "gepostet", "fecha"}


def _label_context(before: str) -> bool:
    """What may precede a byline's "by"/"von": nothing, a separator, a date, or "Posted in CATEGORY"."""
    before = before.strip()
    return not before or bool(re.search(r"[|•·–—:~,(]$|\d$", before)) or _date_in(before) is not None \
        or bool(_POSTED_WORDS.match(before)) or _AGO.search(before) is not None


def _headline_between(line: str) -> bool:
    """A line of three words or more between two header lines that is no caption or tag list: a headline."""
    line = line.strip()
    return len(line.split()) >= 3 and not _tag_list(line) and not _CAPTION.search(line) and _headline(line)


def _date_in(line: str) -> FoundDate | None:
    """A full date anywhere in a short meta line, numeric or in words of any language ("22. Dezember 2019")."""
    if (found := find_date(line)) is not None:
        return found
    for match in _WORD_DATE.finditer(line):
        day = re.sub(rf"\s{WEEKDAY_WORD}[^\W\d_]*(?=\s)", "", match.group(0), flags=re.IGNORECASE)
        if (iso := words_date(day)) is not None:
            return FoundDate(iso, match.group(0))
    for match in _ANY_MONTH_DATE.finditer(line):      # "28 kwietnia 2021": a month no list here names
        if (iso := words_date(match.group(0))) is not None:
            return FoundDate(iso, match.group(0))
    return None


# A day, a word and a year (or a word, a day and a year): a date in words whatever the month's language, for
# dateparser to confirm.
_ANY_MONTH_DATE = re.compile(r"\b\d{1,2}\.?\s+(?:de\s+)?[^\W\d_]{3,12}\.?,?\s+(?:de\s+)?\d{4}\b"
                             r"|\b[^\W\d_]{3,12}\.?\s+\d{1,2}(?:st|nd|rd|th)?\.?,?\s+\d{4}\b")


@functools.lru_cache(maxsize=4096)
def _meta(line: str) -> tuple[str | None, FoundDate | None] | None:
    """A line of the post's header: a labelled author ("von NAME", "Autor: NAME", "By NAME on DATE"), a name glued
    to a date ("Kathrin Bierling21.05.2019Beauty"), "NAME – DATE – tags", a date, or a comment counter."""
    if quote_credit(line):
        return None
    line = _DECORATION.sub("", line.strip())          # "// By NAME • DATE"
    if not line or len(line) > 200:
        return None
    if _COUNTER_ONLY.match(line) or chrome.is_comment_counter(line):
        return None, None
    if (key := _KEY_VALUE.match(line)) is not None and key.group(1).lower() not in _HEADER_KEYS:
        return None                     # "Erscheinungstermin: 14.08.2017" in a box of facts, not the post's header
    found = _date_in(line)
    if found is None and (ago := _AGO.search(line)) is not None:
        found = FoundDate(None, ago.group(0))      # "Posted by NAME 6 years ago": a date, not recorded
    name = None
    for match in _AUTHOR_LABEL.finditer(line):
        if not _label_context(line[: match.start()]):
            continue                    # "Festspiel-Reisen von Van der Bellen": a headline's "von", not a byline
        rest = _GLUED_COUNT.sub(r" \1 \2", match.group("rest"))       # "Andreas Kalt4 Kommentare"
        head = _NAME_STOP.sub("", rest).strip()
        names = [part.strip() for part in co_authors(head)]
        if head and all(name_like(part, words=5) and not is_date_line(part) for part in names):
            name = " ".join(head.strip(" ,;").split())   # "Por: Yaima Puig Meneses, Alina Perera Robbio, René
            break                                         # Tamayo", "By A, B, and C": the names as printed
    if name is None and found is not None:
        glued = _GLUED_NAME_DATE.match(line)
        parts = [glued.group("name").strip()] if glued else re.split(r"\s+[|•·–—~]\s+", line)
        dated = [n for n, part in enumerate(parts) if _date_in(part) is not None]
        for n, head in enumerate(parts):      # "NAME – DATE – tags", "DATE ~ NAME": the name next to the date
            if head != line and (glued or any(abs(n - d) == 1 for d in dated)) and _date_in(head) is None \
                    and (_PERSON.match(head) or name_like(head, words=3) and (" " in head or not glued and n > 0)):
                name = head
                break
    if name is None and found is not None and (nd := name_date(_TRAILING_NUMBER.sub("", line))) is not None \
            and _PERSON.match(nd[0]):
        name = nd[0]                    # "Sarah Gooding March 9, 2017 13": name, date and the comment count
    if name is None and found is None:
        return None
    if found is None and len(line.split()) > 12:
        return None
    if name is not None and found is None and len(line.split()) > len(name.split()) + 6:
        return None
    return name, found


def _is_prose(line: str) -> bool:
    """A paragraph: twelve words or more, ending as sentences end or too long for a headline."""
    line = line.strip()
    if len(re.findall(r"\s[>»›/]\s", line)) >= 2:
        return False                      # a breadcrumb: "Startseite > Firmen > …"
    return len(line.split()) >= 12 and (len(line) > 160 or bool(re.search(r"[.!?…:\"”»)]$", line)))


def _title_after_breadcrumb(lines: list[str], cap: Capture) -> int | None:
    """"Home » Recipes » Olive Bread" then "Olive Bread": the line a breadcrumb ends with is the headline."""
    previous = ""
    for k, raw in enumerate(lines[:400]):
        line = " ".join(raw.split())
        if not line:
            continue
        if len(line.split()) >= 2 and previous != line and previous.endswith(" " + line) \
                and not chrome.is_chrome_line(line) and _headline(line):
            cap.title = line
            return k + 1
        previous = line
    return None


def _tag_list(line: str) -> bool:
    """"Forschung, Projekte, Sprachpunkt": categories or tags, not a headline."""
    parts = [part.strip() for part in re.split(r"[,|·•]", line) if part.strip()]
    return len(parts) >= 2 and all(len(part.split()) <= 3 for part in parts)


def _meta_follows(lines: list[str], k: int) -> bool:
    """The next filled line is a byline or date: line ``k`` is a long headline, not prose."""
    following = next_filled(lines, k)
    return following is not None and (m := _meta(lines[following])) is not None and (m[0] or m[1]) is not None


def _title_above_meta(lines: list[str], cap: Capture) -> int | None:
    """The headline is the line above the post's header (byline, date, counter) that sits right above the text.

    The first paragraph of prose marks the post; the header lines above it are read upwards (allowing a
    caption or a category line between them), and the nearest headline-like line above the topmost of them is
    the title. Navigation above the title is never read as the title this way. A paragraph with no header
    above it (the site's tagline, a cookie notice) is passed over for the next one."""
    paragraphs = [k for k, line in enumerate(lines[:thread_top(lines, 400)]) if _is_prose(line)
                  and not chrome.is_chrome_line(line) and _meta(line) is None and not _meta_follows(lines, k)][:5]
    for n, prose in enumerate(paragraphs):
        above = paragraphs[n - 1] + 1 if n else 0           # the header sits between two paragraphs
        filled = [k for k in range(prose - 1, above - 1, -1) if lines[k].strip()][:10]
        metas = [m for m, k in enumerate(filled) if _meta(lines[k]) is not None]
        if n and len(filled) == 2 and metas == [0] and is_date_line(lines[filled[0]]) \
                and name_like(lines[filled[1]], words=3):
            return _title_above_standfirst(lines, paragraphs[n - 1], filled, cap)
        if metas:
            return _title_in_header(lines, filled, metas, cap)
    return None


def _title_above_standfirst(lines: list[str], standfirst: int, filled: list[int], cap: Capture) -> int | None:
    """Headline, standfirst, then the author's name and the date on lines of their own (news sites): the
    headline is the line above the standfirst."""
    head = next((k for k in range(standfirst - 1, -1, -1) if lines[k].strip()), None)
    if head is None or not _headline(lines[head]) or chrome.is_chrome_line(lines[head]) or _meta(lines[head]):
        return None
    found = date_line(lines[filled[0]])
    cap.title = lines[head].strip()
    cap.author, cap.author_how = lines[filled[1]].strip(), "byline"
    cap.published = found.iso if found else None
    lines[filled[0]] = lines[filled[1]] = ""        # the byline lines are metadata, not the post's text
    return head + 1


def _title_in_header(lines: list[str], filled: list[int], metas: list[int], cap: Capture) -> int | None:
    """The title and the header lines above a paragraph (``filled``: the filled lines above it, nearest first;
    ``metas``: which of them are header lines)."""
    top = metas[0]
    if top == 1 and _AUTHOR_LABEL.search(lines[filled[1]]) and _headline(lines[filled[0]]) \
            and len(lines[filled[0]].split()) >= 3 \
            and (len(filled) < 3 or len(lines[filled[2]].split()) < 2 or chrome.is_chrome_line(lines[filled[2]])) \
            and not re.search(r"[.…:;,]$", lines[filled[0]].strip()) and not chrome.is_chrome_line(lines[filled[0]]):
        meta = _meta(lines[filled[1]])                 # "Accueil | Par NAME | DATE" above the headline
        cap.title = lines[filled[0]].strip()
        if meta is not None and meta[0]:
            cap.author, cap.author_how = meta[0], "byline"
        if meta is not None and meta[1] is not None and meta[1].iso:
            cap.published = meta[1].iso
        return filled[0] + 1
    if name_date(lines[filled[top]]) is not None and not _AUTHOR_LABEL.search(lines[filled[top]]):
        return None                     # "Martina Berg 19. Juni 2019" above the headline: read by _read_title
    if top == 2 and is_date_line(lines[filled[2]]) and _kicker(lines, filled[::-1], len(filled) - 2):
        return None                     # date, category word, headline: read by _read_title
    if is_date_line(lines[filled[top]]) and top == 1 and _meta(lines[filled[0]]) is None \
            and _headline(lines[filled[0]]) and not _LABEL_ONLY.match(lines[filled[0]].strip()) \
            and not _tag_list(lines[filled[0]]) and not lines[filled[0]].strip().endswith(":") \
            and not (len(filled) > 2 and _is_sentence(lines[filled[2]]) and _PERSON.match(lines[filled[0]].strip())) \
            and not _byline_under_date(lines, filled):
        found = date_line(lines[filled[1]])             # Blogger's date header above the headline
        cap.title, cap.published = lines[filled[0]].strip(), found.iso if found else None
        _site(lines, [k for k in range(filled[1]) if lines[k].strip() and not chrome.is_chrome_line(lines[k])][:1], cap)
        return filled[0] + 1
    if (under := _headline_under_date(lines, filled, top)) is not None:
        found = _meta(lines[filled[top]])[1]           # "DATE" / headline / standfirst, chrome above the date
        cap.title, cap.published = lines[filled[under]].strip(), found.iso if found else None
        return filled[under] + 1
    for n in metas[1:]:
        if n - top > 3 or any(_headline_between(lines[filled[m]]) for m in range(top + 1, n)):
            break                       # a headline between two header lines: the upper one is above the title
        top = n
    if top + 1 >= len(filled) or not any(_meta(lines[filled[n]])[0] or _meta(lines[filled[n]])[1] for n in metas
                                        if n <= top):
        return None
    title_at = filled[top + 1]
    title = lines[title_at].strip()
    if _is_sentence(title) and top + 2 < len(filled) and _headline(lines[filled[top + 2]]) \
            and is_date_line(lines[filled[top]]) and top == 1 and _PERSON.match(lines[filled[0]].strip()):
        return None                     # a standfirst under the headline: read by _read_title
    if not _headline(title) or chrome.is_chrome_line(title) or _meta(title) is not None \
            or chrome.is_comment_counter(title) or chrome.counter_title(title):
        return None
    before_title = next((k for k in range(title_at - 1, -1, -1) if lines[k].strip()), None)
    if before_title is not None and _is_prose(lines[before_title]) and _is_sentence(title):
        return None                     # the last sentence of a text whose byline follows it, not a headline
    above = lines[filled[top + 2]].strip() if top + 2 < len(filled) else ""
    named = stated_byline(title) or (title if _PERSON.match(title) and len(title.split()) <= 3 or name_in_script(title)
                                     else None)
    if is_date_line(lines[filled[top]]) and named and _headline(above) \
            and not chrome.is_chrome_line(above) and not re.search(r"[»›]|\s>\s", above) and _meta(above) is None:
        cap.author, cap.author_how = named, "byline"      # headline, author, date (Substack, Medium, "文/NAME")
        title_at, title = filled[top + 2], above
    cap.title = title
    for n in range(top, -1, -1):
        k = filled[n]
        meta = _meta(lines[k])
        if meta is None:
            if n > metas[0]:
                cap.drop("page header", lines[k])      # a category or caption line inside the header
            continue
        if meta[0] and not cap.author:
            cap.author, cap.author_how = meta[0], "byline"
        if meta[1] and meta[1].iso and not cap.published:
            cap.published = meta[1].iso
    kicker = next((k for k in range(title_at - 1, -1, -1) if lines[k].strip()), None)
    if not cap.published and kicker is not None and (meta := _meta(lines[kicker])) is not None \
            and meta[1] is not None and meta[1].iso:
        cap.published = meta[1].iso                 # "„Heikles“ Thema 3. November 2023" above the headline
    before = [k for k in range(title_at) if lines[k].strip() and not chrome.is_chrome_line(lines[k])]
    _site(lines, before[:1], cap)
    return filled[metas[0]] + 1


def _byline_under_date(lines: list[str], filled: list[int]) -> bool:
    """Headline, date, then a byline over the text (``filled``: the lines above the text, nearest first), not a
    date header over its headline: the line under the date states a byline by its own words ("文/王小明", "송유민
    기자", "Text: NAME", "NAME - Senior Reporter"), or it is a name alone under a date under a headline of three
    words or more (a name in its script: "Maria Berg", "王小明")."""
    line = lines[filled[0]].strip()
    if stated_byline(line) is not None or _name_and_role(line) is not None:
        return True
    above = lines[filled[2]].strip() if len(filled) > 2 else ""
    first = next((k for k, raw in enumerate(lines) if raw.strip()), None)
    if len(filled) > 2 and filled[2] == first:
        return False                    # the copy's first line over the date: a blog's name over its date header
    return (_PERSON.match(line) is not None and reads_as_name(line) or name_in_script(line)) \
        and _headline_between(above) and not chrome.is_chrome_line(above) and not above[:1].islower()


def _headline_under_date(lines: list[str], filled: list[int], top: int) -> int | None:
    """A date with no name heading the header, only furniture above it ("Anzeige", a search box): the headline
    is the line under the date, over a standfirst (a news site's date over its headline and teaser)."""
    meta = _meta(lines[filled[top]])
    if meta is None or meta[0] or meta[1] is None or top < 2 or top + 1 < len(filled) \
            and not chrome.is_chrome_line(lines[filled[top + 1]]):
        return None
    title, standfirst = lines[filled[top - 1]].strip(), lines[filled[top - 2]].strip()
    if _headline(title) and not _is_sentence(title) and _meta(title) is None and not chrome.is_chrome_line(title) \
            and (_is_sentence(standfirst) or len(standfirst.split()) >= 12):
        return top - 1
    return None


def _headline(line: str) -> bool:
    """A headline may end in a full stop ("So Do We."), but it is short, no date, and opens with no ellipsis
    ("“... awaiting someone.”" is a standfirst's quotation)."""
    line = line.strip()
    return 0 < len(line) <= 150 and len(line.split()) <= 20 and not is_date_line(line) \
        and not re.match(r"^[\"“„«'‘]?\s*(?:\.{3}|…)", line)


def _is_sentence(line: str) -> bool:
    return bool(re.search(r"[.!?…]$", line.strip())) and len(line.split()) >= 5


def _prose_follows(lines: list[str], i: int) -> bool:
    """A paragraph of prose within the next few lines: the post's text is near."""
    seen = 0
    for line in lines[i + 1:]:
        if not line.strip():
            continue
        if len(line.split()) >= 12:
            return True
        seen += 1
        if seen > 4:
            return False
    return False


def _site(lines: list[str], before: list[int], cap: Capture) -> None:
    """The first line of the page header, above the title, names the site."""
    if before:
        cap.site = lines[before[0]].strip()


def _title_from_counter(lines: list[str], cap: Capture) -> int | None:
    """"5 thoughts on “TITLE”": the counter names the post; its headline is the last line before it that says so."""
    for j, line in enumerate(lines):
        title = chrome.counter_title(line)
        if not title:
            continue
        wanted = " ".join(title.split()).casefold()
        for i in range(j - 1, -1, -1):
            if " ".join(lines[i].split()).casefold() == wanted:
                cap.title = lines[i].strip()
                before = [k for k in range(i) if lines[k].strip() and not chrome.is_chrome_line(lines[k])
                          and not chrome.is_slug_line(lines[k]) and len(lines[k].strip()) <= 80]
                _site(lines, before[:1], cap)
                return i + 1
        return None
    return None


def _read_header(lines: list[str], i: int, cap: Capture) -> int:
    """Consume byline, date, slug and tagline lines between the title and the body."""
    in_title_block = True
    entry = i                           # a blog's metadata line counts right under the title, not in a widget
    while i < len(lines):
        line = lines[i].strip()
        if not line:
            in_title_block = False
            i += 1
            continue
        if chrome.is_slug_line(line):
            cap.id_hint = cap.id_hint or line
        elif chrome.is_chrome_line(line):
            pass
        elif all(meta_line(x) is not None for x in lines[entry:i] if x.strip()) \
                and (blog := meta_line(line)) is not None and (blog[0] and not cap.author or blog[1] and not cap.published):
            if blog[0] and not cap.author:          # "January 10, 2019 JeGX 1 Comment", "Post author By NAME"
                cap.author, cap.author_how = blog[0], "byline"
            cap.published = cap.published or blog[1]
        elif (by := _byline(line)) is not None:
            cap.author, cap.author_how = cap.author or by[0], cap.author_how or "byline"
            cap.published = cap.published or by[1]
        elif (found := _header_date(line)) is not None:
            cap.published = cap.published or found.iso
        elif not cap.author and (n := _named_over_date(lines, i)) is not None:
            cap.author, cap.author_how = line, "byline"             # "Mike Conley" / "December 18, 2020"
            cap.published = cap.published or n.iso
        elif not cap.author and (by := name_date(_TRAILING_NUMBER.sub("", line))) is not None \
                and _PERSON.match(by[0]):
            cap.author, cap.author_how = by[0], "byline"            # "Sarah Gooding March 9, 2017 13"
            cap.published = cap.published or by[1].iso
        elif chrome.is_comment_counter(line) and not chrome.counter_title(line) and cap.title \
                and (cap.author or cap.published):
            pass                        # "2 responses" under the byline: a link to the thread, not its start
        elif _LABEL_ONLY.match(line) and (n := next_filled(lines, i)) is not None \
                and name_like(lines[n]) and not cap.author:
            cap.author, cap.author_how = lines[n].strip(), "byline"      # "by" on a line, the name on the next
            i = n
        elif (meta := _meta(line)) is not None and (meta[0] or meta[1]):
            if meta[0] and not cap.author:              # "Posted on DATE Author NAME 4 Kommentare"
                cap.author, cap.author_how = meta[0], "byline"
            cap.published = cap.published or (meta[1].iso if meta[1] else None)
        elif in_title_block and len(line) <= 100 and _block_continues_with_body(lines, i):
            cap.drop("page header", line)
        else:
            return i
        i += 1
    return i


_TRAILING_NUMBER = re.compile(r"\s+\d{1,5}$")
_WITH_READ_TIME = re.compile(r"\s*[·•|–—-]\s*\d+\s+min(?:ute)?s?\s+read$", re.IGNORECASE)
_PROFILE_FURNITURE = re.compile(r"^(?:follow|following|folgen|suivre|seguir|segui|volgen|subscribe|abonnieren)$",
                                re.IGNORECASE)


def _header_date(line: str) -> FoundDate | None:
    """A date line of the post's header, also with the reading time after it ("Oct 15, 2015 · 18 min read")."""
    line = _WITH_READ_TIME.sub("", line.strip())
    return (find_date(line) or date_line(line)) if is_date_line(line) else None   # "Mar 12": a date, its year unknown


def _named_over_date(lines: list[str], i: int) -> FoundDate | None:
    """The header's name line: a person's name alone, then (past a "Follow" button) the date line. Returns the date."""
    if not _PERSON.match(lines[i].strip()):
        return None
    n = next_filled(lines, i)
    while n is not None and _PROFILE_FURNITURE.match(lines[n].strip()):
        n = next_filled(lines, n)
    return _header_date(lines[n]) if n is not None else None


def _block_continues_with_body(lines: list[str], i: int) -> bool:
    """Short lines glued to the title, then a long line: a site name and tagline above the post."""
    for line in lines[i + 1:]:
        if not line.strip():
            return False
        if len(line.strip()) > 200:
            return True
    return False


def _post_byline(post_lines: list[str], cap: Capture) -> list[str]:
    """Blogger prints "Posted by Anna K. at 8:01 PM" under the post: metadata, not prose."""
    body = [k for k, line in enumerate(post_lines) if line.strip() and not chrome.is_chrome_line(line)
            or line.strip().lower().startswith("posted by")]
    for k in reversed(body[-4:]):
        label = post_lines[k].strip().lower().rstrip(":")
        if label in {"posted by", "published by", "written by", "veröffentlicht von", "geschrieben von", "publié par",
                     "publicado por", "pubblicato da"} and k + 1 < len(post_lines) and name_like(post_lines[k + 1]):
            cap.author = cap.author or post_lines[k + 1].strip()
            cap.author_how = cap.author_how or "byline"
            return post_lines[:k] + post_lines[k + 2:]
        by = _byline(post_lines[k].strip())
        if by is not None and post_lines[k].strip().lower().startswith(("posted by", "written by", "by ")):
            cap.author = cap.author or by[0]
            cap.author_how = cap.author_how or "byline"
            cap.published = cap.published or by[1]
            return post_lines[:k] + post_lines[k + 1:]
    post_lines = _blogger_post_footer(post_lines, cap)
    return _footer_byline(post_lines, cap) if not cap.author else post_lines


_OPENING_BY = re.compile(r"^(?:by|von|par|por|di|door|af|av|przez|od)\s+(?P<name>\S.{2,50})$", re.IGNORECASE)


def _opening_byline(post_lines: list[str], cap: Capture) -> list[str]:
    """"Von Gregory Lipinski" alone on a line among the first lines of the text, after a standfirst, a teaser or an
    advertisement's label that the header reader stopped at: the post's author (a person's two to four
    capitalised words, not "Von Berlin nach Hamburg"); the line is metadata, not prose."""
    body = [k for k, line in enumerate(post_lines) if line.strip() and not chrome.is_chrome_line(line)][:8]
    for k in body:
        match = _OPENING_BY.match(post_lines[k].strip())
        if match and _person(match.group("name")):
            cap.author, cap.author_how = match.group("name").strip(), "byline"
            return post_lines[:k] + post_lines[k + 1:]
    return post_lines


# The sentence an author's box opens with, under its label: "NAME is …", "NAME ist …", "NAME est …".
_BOX_SENTENCE = re.compile(r"^(?P<name>(?-i:[A-ZÀ-Ý])[\w'’-]+(?:\s(?-i:[A-ZÀ-Ý])[\w.'’-]+){1,2})\s+"
                           r"(?:is|was|has|ist|war|hat|est|était|es|era|è|is|jest|je|är|er|on)\s")


# A link under the name in an author's box, naming the writer by their role ("More by this author", "Kirjoittajan
# muut jutut", "Weitere Artikel des Autors", "Autres articles de l'auteur").
_AUTHOR_LINK = re.compile(r"\b(?:author|autor|autors|autorin|auteur|autore|autora|auteurs?|kirjoittaja\w*|författare\w*|"
                          r"forfatter\w*|автора?|szerző\w*|yazar\w*|penulis)\b", re.IGNORECASE)


def _author_box(lines: list[str], cap: Capture) -> None:
    """WordPress's author box under the post ("View all posts by NAME →", "Zeige alle Beiträge von NAME →", "About
    the author" over the name or over a sentence about the writer, "NAME ist Redakteurin …") names the post's
    author where no byline did; a name alone over the writer's role or a link to the writer's other posts
    ("Senior Reporter", "More by this author") does too, less surely (S305)."""
    for line in lines:
        match = ALL_POSTS_BY.search(line.strip()) if len(line) <= 300 else None
        if match and name_like(match.group("name").strip(), words=5):
            cap.author, cap.author_how = match.group("name").strip(), "byline"
            return
    for k, line in enumerate(lines):                # "Über den Autor" / NAME, "About the author: NAME"
        match = ABOUT_AUTHOR.match(line.strip()) if len(line) <= 80 else None
        if match is None:
            continue
        name = match.group("name") or match.group("about") or ((n := next_filled(lines, k)) is not None and lines[n].strip()) or ""
        if (bio := _BOX_SENTENCE.match(name.strip())) is not None:
            name = bio.group("name")                # "Über den Autor" / "NAME ist Redakteurin …": the box's sentence
        if _PERSON.match(name.strip()):
            cap.author, cap.author_how = name.strip(), "byline"
            return
    for k, line in enumerate(lines):                # NAME / "Senior Reporter" or "More by this author"
        if not _person(line) or not reads_as_name(line.strip()) or k and len(lines[k - 1].split()) in range(1, 5):
            continue                                # (a short line right over it: a menu's entries, one a line)
        under = [lines[j] for j in range(k + 1, min(len(lines), k + 4)) if lines[j].strip()][:2]
        if any(_role_line(u) or _AUTHOR_LINK.search(u) and len(u.split()) <= 6 for u in under):
            cap.author, cap.author_how = " ".join(line.split()), "uncertain byline"
            return


# A credit line naming the writer after a label and a colon, alone on its line ("Penulis: NAME", "Autor: NAME",
# "Text: NAME"): under the text, past its tags and "Read also" links, as news sites print it.
_CREDIT = re.compile(rf"^(?:{BYLINE_LABEL}|text|texte|texto|testo|tekst|текст|words|reporter|reporting)\s*[:：]\s*"
                     r"(?P<name>\S.{1,50})$", re.IGNORECASE)


def _closing_credit(lines: list[str], cap: Capture) -> None:
    """A labelled credit under the post, past the lines the post's readers kept (its tags, its "Read also"
    links): the first such line names the writer where nothing above did. Its place, away from the text, makes
    it uncertain (S305): a teaser's credit would read the same."""
    for k, line in enumerate(lines):
        match = _CREDIT.match(" ".join(line.split())) if len(line) <= 80 else None
        if match is None or _facts_box(lines, k):
            continue
        name = match.group("name").strip()
        if name_like(name, words=5) and not re.search(r"\d", name) and not _FORM_FIELD_NAME.match(name) \
                and not is_anonymous(name):
            cap.author, cap.author_how = name, "uncertain byline"
            return




def _facts_box(lines: list[str], k: int) -> bool:
    """The line ``k`` is one of a box of facts (a reviewed book's "Titel:", "Seiten: 400", "Autorin: NAME"): its
    author is the book's, not the post's."""
    near = [j for j in range(max(0, k - 3), min(len(lines), k + 4)) if j != k]
    return any(fact_field(lines[j].strip()) for j in near
               if all(lines[m].strip() for m in range(min(j, k), max(j, k) + 1)))


_BIO = re.compile(r"^(?P<name>(?-i:[A-ZÀ-Ý])[\w'’-]+(?:\s(?-i:[A-ZÀ-Ý])[\w.'’-]+){0,2})(?:\s\([^)]{1,60}\))?\s+"
                  r"(?:is|was|ist|war|est|était|es|era|è)\s+(?:a|an|the|ein|eine|der|die|das|un|une|le|la|l'|el|il|"
                  r"uno|una|co-?founder|founder|author|editor|contributing|senior|freier|freie)\b")


def _bio_box(post_lines: list[str], cap: Capture) -> None:
    """The writer's box closing the post: a biography in the third person naming a role, "NAME (aka …) is the
    co-founder …", as the post's last paragraph (links and pagers may follow), or the name alone over "FIRSTNAME is a contributing editor …" among its last
    lines. Read only where nothing above named the author: a closing paragraph about someone else would
    otherwise be taken for a byline."""
    filled = [k for k, line in enumerate(post_lines) if line.strip()]
    tail = filled[-6:]
    for n, k in enumerate(tail):
        line = post_lines[k].strip()
        match = _BIO.match(line)
        if match is None or len(line.split()) < 8:
            continue
        name = match.group("name")
        above = post_lines[tail[n - 1]].strip() if n else ""
        if _person(above) and (above == name or above.split()[0] == name):
            cap.author, cap.author_how = above, "byline"            # NAME / "FIRSTNAME is a …"
            return
        if _person(name) and _ROLE.search(" ".join(line.split()[:20])) \
                and all(chrome.is_chrome_line(post_lines[j]) or len(post_lines[j].split()) <= 6 for j in tail[n + 1:]):
            cap.author, cap.author_how = name, "byline"             # "NAME (aka …) is the …" closing the post
            return


def _without_author_box(post_lines: list[str], cap: Capture) -> list[str]:
    """The author box is about the writer, not part of the post: listed as dropped."""
    kept = []
    for line in post_lines:
        if len(line) <= 300 and ALL_POSTS_BY.search(line.strip()):
            cap.drop("author box", line)
        else:
            kept.append(line)
    return kept


_WRITTEN_BY = re.compile(r"^(?:written|posted|published|geschrieben|verfasst|veröffentlicht|écrit|publié|escrito|publicado|"
                         r"scritto|pubblicato|geschreven)(?:\s+(?:on|am|le|el|il|op)\s+.{3,30}?)?\s+"
                         r"(?:by|von|par|por|da|door)\s*:?$", re.IGNORECASE)


def _footer_byline(post_lines: list[str], cap: Capture) -> list[str]:
    """A byline under the text where none was above it ("Dezember 26, 2019 von Andrea Kategorien: …",
    "Dieser Beitrag wurde von NAME veröffentlicht"): among the last lines of the post, a short line naming
    someone after a label is the post's author; the line is metadata, not prose."""
    filled = [k for k, line in enumerate(post_lines) if line.strip()][-6:]
    for n, k in enumerate(filled[:-1]):
        if _WRITTEN_BY.match(post_lines[k].strip()) and name_like(post_lines[filled[n + 1]], words=4):
            cap.author, cap.author_how = post_lines[filled[n + 1]].strip(), "byline"   # "Written on Mar 17 by" / NAME
            return post_lines[:k] + post_lines[filled[n + 1] + 1:]
    for k in reversed(filled):
        line = post_lines[k].strip()
        if len(line.split()) > 24 or not _AUTHOR_LABEL.search(line) or (meta := _meta(line)) is None or not meta[0]:
            continue
        if _FORM_FIELD_NAME.match(meta[0]):
            continue                    # "Autor komentarza", "Author of comment": the comment form's field
        if not is_anonymous(meta[0]) and meta[0].lower() != "unknown":
            cap.author, cap.author_how = meta[0], "byline"
        if meta[1] is not None and meta[1].iso and not cap.published:
            cap.published = meta[1].iso
        return post_lines[:k] + post_lines[k + 1:]
    return post_lines


# The word "comment" in the languages' inflections, as a comment form's "Author" field names it.
_FORM_FIELD_NAME = re.compile(r"^(?:(?:of|du|des|del|della|van|do|da)\s+)?(?:(?:the|le|la|el|il|het|o|a)\s+)?"
                              r"(?:comments?|commentaires?|kommentars?|komentarz[aey]?|koment[aáeů]\w*|comentarios?|"
                              r"commento|commenti|reacties?|reactie)$", re.IGNORECASE)


_POSTED_AT = re.compile(r"^(?:posted by|eingestellt von|publié par|publicado por|pubblicato da|geplaatst door)\s+"
                        r"(?P<name>.{1,60}?)\s+(?:at|um|à|a las|alle|om)\s+\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?"
                        # the post's tags or labels after it on the same line ("… at 18:52 Tagged with: A, B")
                        r"(?:\s+(?:tagged with|tagged|tags|labels|filed under|posted in|categories|kategorien|"
                        r"schlagwörter|etiquetas|libellés)\s*:.*)?$",
                        re.IGNORECASE)


def _blogger_post_footer(post_lines: list[str], cap: Capture) -> list[str]:
    """Blogger's "Posted by NAME at 2:33 PM" (its tags perhaps after it) ends the post even where the copy runs on
    into the sidebar (no thread below it): the name is the post's author, what follows is page footer, listed as
    dropped."""
    for k, line in enumerate(post_lines):
        match = _POSTED_AT.match(line.strip())
        if match is None:
            continue
        name = match.group("name").strip()
        if not cap.author and not is_anonymous(name) and name.lower() != "unknown" and name_like(name):
            cap.author, cap.author_how = name, "byline"
        _read_footer([""] + post_lines[k + 1:], cap)
        return post_lines[:k]
    return post_lines


def _read_footer(lines: list[str], cap: Capture) -> None:
    """After the comment form: sidebar and footer. Prose there is listed for review."""
    for line in lines[1:]:
        text = line.strip().strip("|").strip()
        if len(text.split()) >= 8 and not chrome.is_chrome_line(text):
            cap.drop("page footer", text)


def _drop_promotions(lines: list[str], cap: Capture) -> list[str]:
    kept = []
    for line in lines:
        if line.strip() and spam.is_promotion(line):
            cap.drop("promotion", line)
        else:
            kept.append(line)
    return kept


# ------------------------------------------------------------------ the header zone above the post's text

# A byline's name followed by the writer's role, or a role glued to it by the copy ("Ashlie BlakeyLive and
# breaking news reporter", "Lindsey Hilsum International Editor", "Greg Beacham, Ap Sports Writer").
_ROLE = re.compile(r"\b(?:editor|reporter|correspondent|writer|journalist|columnist|contributor|producer|analyst|"
                   r"scientist|researcher|engineer|professor|director|manager|founder|co-founder|consultant|"
                   r"developer|designer|evangelist|strategist|"
                   r"staff|redakteur(?:in)?|korrespondent(?:in)?|journalist(?:in)?|rédact(?:eur|rice)|journaliste|"
                   r"chroniqueu(?:r|se)|periodista|redactor(?:a)?|corresponsal|giornalista)s?\b", re.IGNORECASE)
_GLUED_WORDS = re.compile(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Ý][a-zà-ÿ])")
_GLUED_LABEL = re.compile(r"^([Bb]y|[Vv]on|[Pp]ar|[Pp]or|[Dd]oor)(?=[A-ZÀ-Ý])")
_NOT_AGENCY = re.compile(r"\s*/\s*(?![A-Z][A-Z0-9-]{1,9}$).*$")     # "NAME/June …", not "NAME/SP-X"
_ROLE_QUALIFIER = {"senior", "chief", "international", "political", "politics", "sports", "sport", "news", "breaking",
                   "deputy", "associate", "executive", "managing", "foreign", "staff", "science", "business", "health",
                   "economics", "technology", "tech", "culture", "special", "contributing", "investigative", "local",
                   "digital", "live", "and", "&", "ap", "freie", "freier", "leitender", "leitende"}
_RELATIVE_DAY = re.compile(r"^(?:today|yesterday|heute|gestern|aujourd'hui|hier|hoy|ayer|oggi|ieri|vandaag|gisteren)\b"
                           r"[^\d]{0,10}\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?$", re.IGNORECASE)
# A label before the name ("Text: NAME·DATE", "Interview: NAME"): the words a credit line starts with.
_CREDIT_LABEL = re.compile(r"^(?:text|texte|texto|testo|tekst|текст|автор|words|interview|reporting|redaktion)\s*:\s*"
                           r"(?P<rest>\S.*)$", re.IGNORECASE)
_CREDIT_STOP = re.compile(r"\s*(?:[·•|–—]|//|,\s*\d|\s\d).*$")
# A date line's label ("Published 3rd Nov 2023, 08:08 GMT", "Posted: Nov 8, 2023 / 11:50 AM EST").
_DATE_LABEL = re.compile(r"^(?P<label>publish(?:ed)?(?: date)?|posted|updated|last updated|veröffentlicht|aktualisiert|erschienen|"
                         r"datum|date|stand|publié|mis à jour|publicado|actualizado|pubblicato|aggiornato)"
                         r"(?:\s+(?:on|am|le|el|il))?\s*:?\s*", re.IGNORECASE)
_UPDATED = re.compile(rf"^(?:{UPDATE_LABEL}|stand)\b", re.IGNORECASE)
_LEADING_CLOCK = re.compile(r"^\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*,?\s*", re.IGNORECASE)
_TRAILING_ZONE = re.compile(r"\s*(?:[A-Z]{2,4}|GMT[+-]\d{1,2})$")


_PHOTO_CREDIT = re.compile(r"^(?:fot|foto|photo|bild|image|credit|quelle|source|zdj|getty)\b\.?:?", re.IGNORECASE)


def _person(text: str) -> bool:
    """Two to four capitalised words in any script, with the particles names carry ("Christoph von Ritter"),
    not a list of words (a headline, categories)."""
    words = text.strip().split()
    if not 2 <= len(words) <= 4 or word_list(text) or len(text) > 50 or chrome.is_chrome_line(text) or is_date_line(text) \
            or _PHOTO_CREDIT.match(text.strip()):
        return False                    # "Fot. Europol Gaz": a photo's credit under the date, no writer
    capitals = [w for w in words if w.casefold() not in PARTICLES]    # "La Stampa": an article, no first name
    return len(capitals) >= 2 and all(w[0].isupper() and not any(c.isdigit() for c in w) for w in capitals) \
        and clean_name(text) is not None


def _name_and_role(line: str) -> str | None:
    """"Greg Beacham, Ap Sports Writer", "Maria Berg - Senior Reporter", "Ashlie BlakeyLive and breaking news reporter", "Inga HoeltmannFollow":
    the name before a role or a profile button."""
    line = line.strip()
    for sep in (re.compile(r"\s*,\s+|\s+[-–—|]\s+"), _GLUED_WORDS):
        parts = sep.split(line, maxsplit=1)
        if len(parts) == 2 and _person(parts[0]) and (_ROLE.search(parts[1]) or _PROFILE_FURNITURE.match(parts[1])):
            return parts[0].strip()
    words = line.split()
    for k in (2, 3):            # "Lindsey Hilsum International Editor": name, then the words of a role
        rest = words[k:]
        if rest and len(rest) <= 3 and _person(" ".join(words[:k])) and _ROLE.search(rest[-1]) \
                and all(_ROLE.search(w) or w.casefold() in _ROLE_QUALIFIER for w in rest):
            return " ".join(words[:k])
    return None


def _update_label_line(line: str) -> bool:
    """"Updated:", "Last updated", "Aktualisiert am": an update's label alone, its date on the next line."""
    line = line.strip()
    return len(line.split()) <= 3 and _UPDATED.match(line) is not None and _zone_date(line) is None


def _role_line(line: str) -> bool:
    """"Senior Research Scientist", "Contributing Writer": a writer's role printed alone under the name."""
    words = line.strip().split()
    return 1 <= len(words) <= 4 and bool(_ROLE.search(words[-1])) and not re.search(r"[\d.!?:]", line) \
        and all(w[:1].isupper() for w in words if w.casefold() not in {"of", "in", "for", "at", "de", "für"})


def _zone_date(line: str) -> tuple[FoundDate, bool] | None:
    """A date line of the header, with its label or time before it ("Updated 3rd Nov 2023", "10:04, 3 NOV 2023",
    "2023/11/02 22:27"); and whether it is only the date of an update."""
    text = _DECORATION.sub("", line.strip())
    if len(text) > 80:
        return None
    if _RELATIVE_DAY.match(text):
        return FoundDate(None, text), False           # "Today 12:01 AM": a date, the day not recorded
    updated = bool(_UPDATED.match(text))
    text = _LEADING_CLOCK.sub("", _DATE_LABEL.sub("", text))
    text = _TRAILING_ZONE.sub("", _WITH_READ_TIME.sub("", text)).strip(" ,/|·")
    found = _header_date(text) or _header_date(line)
    if found is None:
        found = find_date(text, whole=True) or date_line(re.sub(r"^(\d{4})/(\d{1,2})/(\d{1,2})", r"\1-\2-\3", text))
    return (found, updated) if found is not None else None


def _zone_byline(lines: list[str], k: int) -> str | None:
    """The author a header line states: "By NAME", "ByNAME", "Von NAME - DATE", "Text: NAME·DATE", a name with
    its role, or a label ("By", "Autor:", "… von") whose name is on the next line."""
    if quote_credit(lines[k]):
        return None                     # an embedded tweet's credit, not the post's byline
    if re.fullmatch(rf"(?-i:[A-ZÀ-Ý])[^\W\d_]*\s+(?-i:[a-zà-ÿ])[^\W\d_]*", lines[k].strip()) \
            and _AUTHOR_LABEL.match(lines[k].strip()):
        return None                     # "Di stagione", "Von heute": a menu entry, no writer in lower case
    line = _GLUED_LABEL.sub(r"\1 ", _DECORATION.sub("", lines[k].strip()))
    if (blog := meta_line(line)) is not None and blog[0] and blog[1] and name_like(blog[0], words=5):
        return blog[0]                  # "By NAME Feb 8, 2020 5 min read": the name without the month
    if blog is not None and blog[1] and not blog[0] and not _AUTHOR_LABEL.search(line) \
            and not re.search(r"\s(?:von|by|par|por)$", line):
        return None                     # "Ausdruck vom 11.02.2020", "News vom DATE": a date, nobody named
    if (credit := _CREDIT_LABEL.match(line)) is not None:
        name = _CREDIT_STOP.sub("", credit.group("rest")).strip()
        return clean_name(name) if name_like(name, words=4) else None
    found = _meta(line)
    if found is None or not found[0]:
        by = _byline(line)
        found = (by[0], None) if by is not None else None
    if found is not None and found[0]:
        name = _NOT_AGENCY.sub("", found[0])          # "By NAME/June 12, 2020 9:49 am EST/Updated: …"
        if name_like(name, words=5):
            return _name_and_role(name) or clean_name(name)
    if (named := _name_and_role(line)) is not None:
        return named
    if _LABEL_ONLY.match(line) or re.search(r"\s(?:von|by|par|por)$", line) and _zone_date(line.rsplit(" ", 1)[0]):
        n = next_filled(lines, k)
        if n is not None and (named := _name_and_role(lines[n]) or (clean_name(lines[n]) if name_like(lines[n], 4)
                                                                     else None)):
            return named
    return None


def _zone_prose(line: str) -> bool:
    """A paragraph of the post: prose as :func:`_is_prose` reads it, or a long line of CJK text (no spaces)."""
    line = line.strip()
    return _is_prose(line) or len(line) >= 60 and len(CJK_CHAR.findall(line)) * 2 >= len(line)


def _zone_headline(line: str) -> bool:
    """A line that can be the headline: short, three words or more (eight CJK characters), no sentence of a
    standfirst, caption, label, tag list, time or chrome."""
    line = line.strip()
    long_enough = len(line.split()) >= 3 or len(CJK_CHAR.findall(line)) >= 8
    return long_enough and _headline(line) and not chrome.is_chrome_line(line) and not _CAPTION.search(line) \
        and not _tag_list(line) and not line.endswith(":") and _zone_date(line) is None and _meta(line) is None \
        and not chrome.is_comment_counter(line) and _zone_byline([line], 0) is None


def _title_by_header_zone(lines: list[str], cap: Capture) -> int | None:
    """The post's header: the byline and date lines just above its first paragraph, among furniture (share
    buttons, captions, "Advertisement"). The headline is the nearest headline above them, past a standfirst
    and short lines (a kicker, "Comment", a name), or the line right under a date that heads the zone.

    Claims nothing without a stated byline: a date alone is the older readers' business."""
    paragraphs = [k for k, line in enumerate(lines[:600]) if _zone_prose(line) and not chrome.is_chrome_line(line)
                  and _meta(line) is None][:6]
    thread = thread_top(lines, 600)
    for n, prose in enumerate(paragraphs):
        long_before = [k for k in paragraphs[:n] if len(lines[k].strip()) > 250]   # a standfirst may sit in the zone
        above = long_before[-1] + 1 if long_before else 0
        filled = [k for k in range(prose - 1, above - 1, -1) if lines[k].strip()][:20]
        bylines = {m: name for m, k in enumerate(filled) if (name := _zone_byline(lines, k))}
        dates = {m: found for m, k in enumerate(filled) if (found := _zone_date(lines[k])) is not None}
        for m in dates:                 # "Updated:" / DATE, "Original:" / DATE: a label on the line above
            if m + 1 < len(filled) and _update_label_line(lines[filled[m + 1]]):
                dates[m] = dates[m][0], True
        named = {m: lines[filled[m]].strip() for m in range(1, len(filled))
                 if (m - 1 in dates or m + 1 in dates and not _zone_prose(lines[filled[m - 1]])
                     or _role_line(lines[filled[m - 1]]))
                 and _person(lines[filled[m]]) and m not in bylines
                 and not _in_menu(lines, filled, m)}   # a name over a date line or a role, or under a date
                                                      # over furniture (under a date over text: a headline)

        bylines.update(named)
        if not bylines and dates and len(lines[prose].strip()) > 250:
            return None                 # a dated header over the text, no byline: the older readers' business
        if not bylines:
            continue
        labels = {m for m, k in enumerate(filled) if _LABEL_ONLY.match(lines[k].strip())
                  or _DATE_LABEL.fullmatch(lines[k].strip())}
        labels |= {m - 1 for m in labels if m - 1 >= 0}           # "Author:" / NAME, "Publish date:" / DATE
        metas = sorted(set(bylines) | set(dates) | labels)
        top = metas[0]
        for m in metas[1:]:
            if m - top > 4 or any(_zone_headline(lines[filled[j]]) and not _is_sentence(lines[filled[j]])
                                  for j in range(top + 1, m)):
                break
            top = m
        title_m = _zone_title(lines, filled, top, set(bylines))
        if title_m is None or title_m < min(bylines):
            continue
        if filled[title_m] < thread and all(filled[m] > thread for m in bylines if m < title_m):
            return None     # every byline under the headline is under a thread's counter: a comment's header
                            # under a post of short lines
        return _take_zone(lines, cap, filled, title_m, bylines, dates, top)
    return None


def _in_menu(lines: list[str], filled: list[int], m: int) -> bool:
    """Line ``filled[m]`` ends a run of menu entries: the three lines above it are as short (one to four words,
    no sentence, no date), so "My Videos" under "Shop At My Stores" and "Awards" is navigation, not a byline."""
    above = [lines[k].strip() for k in filled[m + 1:m + 4]]
    return len(above) == 3 and all(1 <= len(line.split()) <= 4 and not re.search(r"[.!?,:;]$|\d", line)
                                   for line in above)


def _short_headline(line: str) -> bool:
    """"Unstillbares Heimweh": a headline of two words, trusted only right over a standfirst (a kicker or a
    menu entry is as short; two capitalised words may be German nouns as well as a name)."""
    line = line.strip()
    return len(line.split()) == 2 and _headline(line) and not re.search(r"\d", line) \
        and not chrome.is_chrome_line(line) and not _CAPTION.search(line) and _zone_date(line) is None \
        and _meta(line) is None and _zone_byline([line], 0) is None


def _zone_title(lines: list[str], filled: list[int], top: int, names: set[int] = frozenset()) -> int | None:
    """Which of ``filled`` is the headline, given the zone's topmost header line ``top`` (``names``: the zone's
    byline lines, never the headline)."""
    below, over = top - 1, top + 1
    while over < len(filled) and re.search(r"\d", lines[filled[over]]) and len(lines[filled[over]].split()) <= 6 \
            and not _zone_headline(lines[filled[over]]):
        over += 1                                           # "5343 mal gelesen | 32 Kommentare" above the byline
    if below >= 0 and below not in names and _zone_headline(lines[filled[below]]) \
            and not _states(lines[filled[below]]) \
            and (over >= len(filled) or not _zone_headline(lines[filled[over]])):
        return below                                        # "1 Nov 2023" / headline / byline / text
    if over < len(filled) and re.search(r"\w[.!?]$", lines[filled[over]].strip()) \
            and len(lines[filled[over]].split()) <= 2 and _headline(lines[filled[over]]):
        return over                                         # "Nebelsuppe." right above the byline
    sentences, counted, m = 0, 0, top + 1
    while m < min(len(filled), top + 9) and counted < 3:
        line = lines[filled[m]].strip()
        standfirst = (_states(line) or _zone_prose(line)) and len(line) <= 400 \
            and sentences == 0 and m + 1 < len(filled) \
            and (_zone_headline(lines[filled[m + 1]]) or _short_headline(lines[filled[m + 1]]))
        if (_zone_headline(line) or sentences and _short_headline(line)) and not standfirst and not _states(line):
            return m
        if (_zone_prose(line) or _states(line)) and not standfirst:
            return None                 # the text of a post whose byline is under it, not a header
        sentences += standfirst
        counted += len(line.split()) > 2 or CJK_CHAR.search(line) is not None     # "News", "Share", "Bookmark": free
        m += 1
    return None


def _take_zone(lines: list[str], cap: Capture, filled: list[int], title_m: int, bylines: dict[int, str],
               dates: dict[int, tuple[FoundDate, bool]], top: int) -> int:
    """Record the zone's title, author and date (a published date before an update's; a date just above the
    headline counts), blank the header lines used, and return where the post's text is read from."""
    cap.title = lines[filled[title_m]].strip()
    cap.author, cap.author_how = bylines[max(m for m in bylines if m <= max(top, title_m))], "byline"
    for m in range(title_m + 1, min(len(filled), title_m + 3)):
        if (found := _zone_date(lines[filled[m]])) is not None:
            dates.setdefault(m, found)
    kicker = title_m + 1
    if kicker < len(filled) and kicker not in dates and len(lines[filled[kicker]].split()) <= 8 \
            and (found := _date_in(lines[filled[kicker]])) is not None:
        dates[kicker] = found, False                # "„Heikles“ Thema 3. November 2023" above the headline
    for m in bylines:
        if m not in dates and (found := _byline_date(lines[filled[m]])) is not None:
            dates[m] = found, False                 # "By NAME | DATE", "Text: NAME·DATE"
    ranked = sorted(dates.items(), key=lambda item: (item[1][1], -item[0]))
    known = [found for _, (found, _updated) in ranked if found.iso]
    cap.published = known[0].iso if known else None
    for m in set(bylines) | set(dates):
        if m < title_m:
            lines[filled[m]] = ""
    before = [k for k in range(filled[title_m]) if lines[k].strip() and not chrome.is_chrome_line(lines[k])]
    _site(lines, before[:1], cap)
    return filled[title_m] + 1


def _byline_date(line: str) -> FoundDate | None:
    """The date in a byline, also in words of any language dateparser reads: each part between the byline's
    separators is tried ("Текст: Лида Буслаева·11 октября 2018")."""
    if (found := _date_in(line)) is not None:
        return found
    for part in re.split(r"\s*(?:[·•|–—]|//|\s-\s)\s*", line):
        if (iso := words_date(part.strip())) is not None:
            return FoundDate(iso, part.strip())
    return None


def _states(line: str) -> bool:
    """A sentence that states (five words or more, a full stop): a standfirst; a headline may ask or exclaim."""
    line = line.strip()
    return line.endswith(".") and len(line.split()) >= 5


# The readers of a copy's headline, most witnessed first (a counter, a metadata line, a byline zone,
# a header above the text, a breadcrumb); the first that finds one wins, else the first line
# (:func:`_read_title`, which warns with S311).
_TITLE_READERS = (_title_from_counter, title_near_meta, _title_by_header_zone, _title_above_meta,
                  _title_after_breadcrumb, title_named_by_trail, title_after_trail)
