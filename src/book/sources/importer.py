"""``book sources import``: one capture file in, one ``<id>.yaml`` out.

Gather and check everything first (decode, parse, attribute, choose the id,
match ids to a previous import), then write. Every failure is a diagnostic
naming the file; nothing is written when there is an error.

Codes: S201 empty, S202 binary, S203 unknown encoding, S204 too large,
S205 id already imported, S206 invalid id, S207 unreadable, S208 not parseable,
S209 no text found, S210 empty post; warnings S301 author unknown, S302
ambiguous date, S303 greeting and attribution disagree, S304 fewer comments
than the page shows, S305 authors inferred rather than stated, S306 reply parents inferred
from the order of a copied conversation, S307 an address that is not http(s) dropped,
S311 a text capture's title taken from its first line, S320 the post kept from a second reading,
S321 the only date found for the post is a comment's, S322 a text capture's post taken from its
thread's first message, S325 the post's text may not be the article, S326 links in the
writers' text that do not go to a web address kept as their words, S327 the post's author in
doubt (a text capture's or an HTML page's, chosen by fitted weights), S330 the post's author the
site's own name with no byline, S335 the post's author named by metadata only; S336 a date the page gave that no page can have, not kept.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html
from rapidfuzz import fuzz, process

from book.model import AUTHOR_INFERRED, Dropped, Source, Unit
from book.sources import store
from book.sources.capture import Capture, RawUnit
from book.sources.capture_html import HtmlError, looks_like_html, parse_html
from book.sources.capture_text import parse_text
from book.sources.clean import (MAX_BYTES, MAX_TEXT, DecodeError, decode_bytes, inert_markdown, links_as_text, plain_text,
                                too_many_blocks, web_url)
from book.sources.headline import doubt
from book.sources.text_body import post_doubt
from book.sources.threads import attribute
from book.support.dates import text_problem
from book.support.diagnostics import Report
from book.support.text import INVISIBLE_FORMAT, invisible_only, plural

ID_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")
_STOPWORDS = {"a", "an", "the", "of", "in", "on", "to", "and", "for", "at", "by", "with", "about", "from", "or"}


@dataclass(frozen=True)
class ImportOptions:
    """What the command line may say about a capture; anything given overrides what the page says."""

    source_id: str | None = None
    title: str | None = None
    url: str | None = None
    site: str | None = None
    author: str | None = None
    published: str | None = None
    license: str | None = None
    accessed: str | None = None
    force: bool = False


def sources_dir(manuscript: Path) -> Path:
    return manuscript / "sources"


def import_capture(path: Path, manuscript: Path, options: ImportOptions, report: Report) -> Path | None:
    """Import ``path`` into ``manuscript/sources``; returns the written file, or None on error."""
    data = _read(path, report)
    if data is None:
        return None
    capture = _parse(path, data, report)
    if capture is None:
        return None
    _without_controls(capture)
    capture.title_doubt = doubt(capture.title, capture.author, capture.site) or capture.title_doubt   # as given
    _drop_impossible_dates(capture, options, path, report)     # the page's dates: the editor's are judged by the CLI
    _apply_options(capture, options)
    _make_inert(capture)
    attribute(capture)
    if options.site:
        capture.site = options.site
    if not capture.units or not any(unit.text.strip() for unit in capture.units):
        report.error("S209", "no post or comment text found in the capture", path)
        return None
    if capture.post is not None and not capture.post.text.strip():
        report.error("S210", "the post is empty: no text of the post was found in the page "
                             f"({len(capture.units) - 1} comments were); nothing written", path)
        return None
    source_id = options.source_id if options.source_id is not None else \
        capture.id_hint or slugify(capture.title or path.stem, default=slugify(path.stem))
    target = _target(path, manuscript, source_id, options.force, report)
    if target is None:
        return None
    old = _previous(target)
    ids = assign_ids(capture.units, old)
    source = _build(source_id, target, capture, ids, options)
    lines = store.write_source(target, source, captured_from=path.name, sha256=hashlib.sha256(data).hexdigest(),
                               notes=_author_notes(capture, ids), meta_notes=_date_note(capture))
    store.write_edits_template(target.with_name(f"{source_id}{store.EDITS_SUFFIX}"), source_id)
    _warn(capture, ids, lines, target, report)
    return target


_BY_CAPTURE = "the capture's date (--accessed)"


def _drop_impossible_dates(capture: Capture, options: ImportOptions, path: Path, report: Report) -> None:
    """S336: a date the page gave that no page or comment can have (before the Gregorian calendar, after
    today or after the capture's ``accessed``: a page's metadata saying 0001-01-01 or 2099-01-01) is not
    kept, as the store would refuse it (S108) and the attributions print it as fact."""
    accessed = _dt.date.fromisoformat(options.accessed) if options.accessed else None
    if capture.published and (problem := text_problem("published", capture.published, accessed, _BY_CAPTURE)):
        report.warning("S336", f"the post's date was not kept: {problem}; set `published` in the source's "
                               "edits if the page shows its real date", path)
        capture.published, capture.published_how, capture.published_doubt = None, (), None
    for unit in capture.units:
        if unit.date and (problem := text_problem("date", unit.date, accessed, _BY_CAPTURE)):
            report.warning("S336", f"a unit's date was not kept: {problem}", path)
            unit.date = None


# ------------------------------------------------------------------ reading

def _read(path: Path, report: Report) -> bytes | None:
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):     # a pipe would block, a device never end
            report.error("S207", "cannot read the capture: it is not a regular file", path)
            return None
        size = info.st_size
        if size > MAX_BYTES:
            _too_large(f"the capture is {size // (1024 * 1024)} MB; the limit is {MAX_BYTES // (1024 * 1024)} MB",
                       path, report)
            return None
        return path.read_bytes()
    except OSError as exc:
        report.error("S207", f"cannot read the capture ({exc.strerror or exc})", path)
        return None


def _too_large(message: str, path: Path, report: Report) -> None:
    """S204: a capture too large to read in reasonable time and memory (the file, or its text)."""
    report.error("S204", message, path)


def _readable_length(text: str, is_html: bool) -> int:
    """Characters of text a reader would see (whitespace runs count once): scripts, styles and
    inlined data of a saved page are not text, so a page may be large and still quick to read."""
    if is_html:
        if len(text) <= MAX_TEXT:
            return len(text)                 # the text cannot be longer than the file
        try:
            tree = lxml_html.document_fromstring(text)
        except (ValueError, etree.ParserError):
            return 0                         # the parse proper reports it
        etree.strip_elements(tree, "script", "style", "noscript", "template", etree.Comment, with_tail=False)
        text = tree.text_content()
    return len(" ".join(text.split())) if len(text) > MAX_TEXT else len(text)


PAGE_PARTS = {".css": "a stylesheet", ".js": "a script", ".mjs": "a script", ".json": "JSON data",
              ".map": "a source map", ".woff": "a font", ".woff2": "a font", ".ttf": "a font", ".otf": "a font",
              ".ico": "an icon"}
"""Files a browser's "Save page as… complete" writes into ``<page>_files/`` beside the page: parts of
the page, never a capture of it (a stylesheet would be imported as a post of its rules)."""


def _parse(path: Path, data: bytes, report: Report) -> Capture | None:
    part = PAGE_PARTS.get(path.suffix.lower())
    if part is not None:
        report.error("S203", f"the file is {part}, not a text or HTML capture: import the saved page itself "
                             "(the .html file beside its _files folder), or its text", path)
        return None
    declared = _declared_charset(data)
    try:
        text = decode_bytes(data, declared)
    except DecodeError as exc:
        message = str(exc)
        code = "S201" if "empty" in message else "S202" if "binary" in message else "S203"
        report.error(code, message, path)
        return None
    html_named = path.suffix.lower() in {".html", ".htm", ".xhtml", ".xht", ".mhtml"} and "<" in text[:65536]
    is_html = html_named or looks_like_html(text, named_text=path.suffix.lower() in {".txt", ".text"})
    readable = _readable_length(text, is_html)
    if readable > MAX_TEXT:
        _too_large(f"the capture holds {readable / 1e6:.1f} million characters of text; the limit is "
                   f"{MAX_TEXT / 1e6:.0f} million: import the page in parts (each page of its comments saved on "
                   "its own)", path, report)
        return None
    if crowd := too_many_blocks(text, is_html):
        _too_large(f"{crowd}: import the page in parts (each page of its comments saved on its own)", path, report)
        return None
    try:
        return parse_html(text) if is_html else parse_text(text)
    except HtmlError as exc:
        report.error("S208", str(exc), path)
        return None
    except RecursionError:
        report.error("S208", "the page is nested too deeply to read", path)
        return None
    except ValueError as exc:   # lxml refuses text it cannot hold (a control character in the page)
        report.error("S208", f"the page cannot be parsed: {' '.join(str(exc).split())}", path)
        return None


_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n", "\r": "\n"})
_CONTROLS = re.compile(f"[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff{INVISIBLE_FORMAT}]")   # as support.text refuses


def _without_controls(capture: Capture) -> None:
    """No control character reaches a source file (a book may not hold one: E121, S122): a vertical tab,
    form feed or lone carriage return is a line break, and the rest, which print nothing, are removed."""
    def clean(value: str | None) -> str | None:
        return None if value is None else _CONTROLS.sub("", value.translate(_BREAKS))

    def seen(value: str | None) -> str | None:
        """A name or title of characters that print nothing (E540 in the check) is no name: not known."""
        value = clean(value)
        return None if value is None or invisible_only(value) is not None else value

    for key in ("title", "author", "site"):
        setattr(capture, key, seen(getattr(capture, key)))
    for key in ("url", "published"):
        setattr(capture, key, clean(getattr(capture, key)))
    for unit in capture.units:
        unit.text = seen(unit.text) or ""        # a text of bidi marks alone is no text (S209, S210)
        unit.lines = [clean(line) or "" for line in unit.lines]
        unit.author, unit.date_text = seen(unit.author), clean(unit.date_text)
    # a dropped part that prints nothing (a line of U+2800 alone) loses nothing seen, and would be E540
    capture.dropped = [(reason, text) for reason, text in ((r, clean(t) or "") for r, t in capture.dropped)
                       if invisible_only(text) is None]


def _declared_charset(data: bytes) -> str | None:
    match = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_.:-]+)", data[:4096], re.IGNORECASE)
    return match.group(1).decode("ascii") if match else None


def _apply_options(capture: Capture, options: ImportOptions) -> None:
    """Command-line metadata wins; the author is set before attribution so initials can resolve to it."""
    if options.title:               # the editor's own title: nothing to warn of
        capture.title_guessed, capture.title_doubt = False, None
    if options.author:
        capture.author, capture.author_how, capture.author_unprinted = options.author, "explicit", False
        capture.author_is_site = False
        capture.author_doubt = None
    for key in ("title", "url", "published", "site"):
        value = getattr(options, key)
        if value:
            setattr(capture, key, value)
    if options.published:
        capture.published_how, capture.published_doubt = ("--published",), None


def _make_inert(capture: Capture) -> None:
    """The second line of defence: names and titles hold no tags (nh3), no text can open a tag, no address but
    http(s) is kept. The parsers already emit only text; this holds for any parser and any capture."""
    capture.title, capture.author, capture.site = (plain_text(capture.title), plain_text(capture.author),
                                                   plain_text(capture.site))
    if capture.url and not web_url(capture.url):
        capture.rejected_urls.append(capture.url)
        capture.url = None
    for index, unit in enumerate(capture.units):
        unit.text, removed = links_as_text(unit.text)
        capture.unlinked.extend((index, target) for target in removed)
        unit.text = inert_markdown(unit.text)
        unit.author = plain_text(unit.author)
    capture.dropped = [(reason, inert_markdown(links_as_text(text)[0])) for reason, text in capture.dropped]


# ------------------------------------------------------------------ ids

def slugify(title: str, max_words: int = 5, default: str = "source") -> str:
    """A short id from a title: "Healing A Damaged Self" -> "healing-damaged-self"; ``default`` when the
    title has no Latin letters or digits (a Chinese or Russian title: then the file's name serves)."""
    import unicodedata

    head = title.split(":")[0] if len(title.split(":")[0].split()) >= 2 else title
    ascii_title = unicodedata.normalize("NFKD", head).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", ascii_title)
    kept = [w for w in words if w not in _STOPWORDS] or words
    slug = "-".join(kept[:max_words])[:64].strip("-")
    return slug or default


def _target(path: Path, manuscript: Path, source_id: str, force: bool, report: Report) -> Path | None:
    if not ID_PATTERN.match(source_id):
        report.error("S206", f"invalid source id {source_id!r}: use lower-case letters, digits and hyphens "
                             f"(it names a file inside {sources_dir(manuscript)})", path)
        return None
    folder = sources_dir(manuscript).resolve()
    target = (folder / f"{source_id}.yaml").resolve()
    if target.parent != folder:
        report.error("S206", f"source id {source_id!r} would write outside {folder}", path)
        return None
    if target.exists() and not force:
        report.error("S205", f"source {source_id!r} already exists ({target.name}); use --force to re-import it "
                             f"(ids of matching units are kept, {source_id}.edits.yaml is untouched)", path)
        return None
    return target


def _previous(target: Path) -> Source | None:
    if not target.exists():
        return None
    scratch = Report()
    return store.load_source(target, scratch)


def _squash(text: str) -> str:
    return " ".join(text.split())


def assign_ids(units: list[RawUnit], old: Source | None) -> list[str]:
    """``post`` for the post, ``c1``, ``c2`` ... in document order; on re-import, old ids are kept.

    A unit keeps the id of the previous import's unit with the same text (or,
    failing that, nearly the same text: rapidfuzz ratio 90 or more); new units get the next
    free number.
    """
    ids: list[str | None] = [None] * len(units)
    free = 1
    if old is None:
        for index, unit in enumerate(units):
            if unit.kind == "post" and index == 0:
                ids[index] = "post"
            else:
                ids[index] = f"c{free}"
                free += 1
        return [i for i in ids if i is not None]
    previous = {u.id: _squash(u.text) for u in old.units if u.kind != "post"}
    by_text: dict[str, list[str]] = {}
    for unit_id, text in previous.items():
        by_text.setdefault(text, []).append(unit_id)
    taken: set[str] = set()
    for index, unit in enumerate(units):
        if index == 0 and unit.kind == "post":
            ids[index] = "post"
            continue
        candidates = [c for c in by_text.get(_squash(unit.text), []) if c not in taken]
        if candidates:
            ids[index] = candidates[0]
            taken.add(candidates[0])
    left = {unit_id: text for unit_id, text in previous.items() if unit_id not in taken}
    pending = [i for i, v in enumerate(ids) if v is None]
    if left and pending and len(left) * len(pending) <= 250_000:
        for index in pending:
            match = process.extractOne(_squash(units[index].text), left, scorer=fuzz.ratio, score_cutoff=90)
            if match is not None:
                ids[index] = match[2]
                left.pop(match[2])
    numbers = [int(m.group(1)) for unit_id in previous if (m := re.fullmatch(r"c(\d+)", unit_id))]
    free = max(numbers, default=0) + 1
    for index in range(len(ids)):
        if ids[index] is None:
            ids[index] = f"c{free}"
            free += 1
    return [i for i in ids if i is not None]


# ------------------------------------------------------------------ building

def _build(source_id: str, path: Path, capture: Capture, ids: list[str], options: ImportOptions) -> Source:
    units = tuple(
        Unit(id=ids[index], kind=unit.kind, author=unit.author,  # type: ignore[arg-type]
             author_how=_how(unit) if unit.author else None,
             parent=ids[unit.parent] if unit.parent is not None and unit.parent != index else None,
             date=unit.date, text=unit.text)
        for index, unit in enumerate(capture.units)
    )
    dropped = tuple(Dropped(reason=reason, text=text) for reason, text in capture.dropped)
    return Source(id=source_id, path=path, title=capture.title, author=capture.author, site=capture.site,
                  url=capture.url, published=capture.published, license=options.license,
                  accessed=options.accessed, units=units,
                  dropped=dropped)


def _author_notes(capture: Capture, ids: list[str]) -> dict[str, str]:
    """End-of-line comments on each unit's author saying how it was found."""
    notes = {}
    for index, unit in enumerate(capture.units):
        how = unit.author_how
        if unit.author is None:
            notes[ids[index]] = "unknown: no name, sign-off or greeting found"
        elif how == "sign-off":
            notes[ids[index]] = "from the sign-off"
        elif how == "greeting" and unit.author_from is not None:
            notes[ids[index]] = f"from the greeting of the reply {ids[unit.author_from]}"
        elif how == "initials":
            notes[ids[index]] = "signed with the initials of the post's author" if index else \
                "signed with initials; the full name is the only one in the capture with them"
        elif how == "byline":
            notes[ids[index]] = "from the byline"
        elif how == "site owner":
            notes[ids[index]] = "no byline: the site is named after the person its copyright line names"
        elif how == "name line":
            notes[ids[index]] = "no byline: a name alone on its line by the headline, with no label or date"
        elif how == "uncertain byline":
            notes[ids[index]] = "the likeliest of the names by the headline, with a rival almost as likely"
    return notes


def _date_note(capture: Capture) -> dict[str, str]:
    """An end-of-line comment on ``published`` naming the witnesses that gave the date.

    A page's dates disagree often (an update, a sidebar, a UTC timestamp a day off); an editor who
    doubts a date in a credit sees here which of the page's witnesses it rests on. A text capture
    has one witness, its own text."""
    if not capture.published:
        return {}
    how = capture.published_how or ("the copied text",)
    return {"published": "from " + ", ".join(_WITNESS.get(name, name) for name in how)}


_WITNESS = {"visible": "the date shown on the page", "htmldate": "htmldate's reading of the page",
            "--published": "the --published option"}


def _how(unit: RawUnit) -> str:
    """How the author was found, as stored: the parser's own word ("explicit" is too vague to keep)."""
    how = unit.author_how or "stated"
    return "stated" if how == "explicit" else how


def _warn(capture: Capture, ids: list[str], lines: dict[str, int], target: Path, report: Report) -> None:
    inferred = [ids[i] for i, unit in enumerate(capture.units) if unit.author and unit.author_how in AUTHOR_INFERRED]
    if inferred:
        shown = ", ".join(inferred[:8]) + (" ..." if len(inferred) > 8 else "")
        report.warning("S305", f"{plural(len(inferred), 'author')} inferred (from a sign-off, greeting, initials, the site's "
                               f"owner or a name alone on its line), "
                               f"not stated by the page: {shown}; check them (`book sources review`)", target,
                       lines.get(inferred[0]))
    if capture.author and capture.author_doubt is not None:
        report.warning("S327", f"the post's author {capture.author[:60]!r} may be wrong: {capture.author_doubt}; "
                               f"check it against the page's byline (`book sources show`) and give --author if it "
                               f"is wrong", target)
    if capture.author_unprinted and capture.author:
        report.warning("S335", f"the post's author {capture.author!r} is named only by the page's metadata: its "
                               f"text never prints the name (often the account that posted it, an editor or the "
                               f"outlet); check it against the page's byline (`book sources show`) and give "
                               f"--author if it is wrong", target, lines.get(ids[0]) if ids else None)
    elif capture.author_is_site and capture.author:
        report.warning("S330", f"the post's author {capture.author!r} is the site's own name and no byline on the "
                               f"page names a writer: the outlet may stand for whoever wrote it; check the page "
                               f"(`book sources show`) and give --author if a writer is credited", target,
                       lines.get(ids[0]) if ids else None)
    if capture.rejected_urls:
        shown = ", ".join(repr(u[:60] + ("…" if len(u) > 60 else "")) for u in capture.rejected_urls[:3])
        report.warning("S307", f"the page gives its address as {shown}, which is not a plain http(s) address: "
                               f"not kept (give --url to record where the page was published)", target)
    if capture.unlinked:
        first = ids[capture.unlinked[0][0]]
        shown = ", ".join(repr(target[:40] + ("…" if len(target) > 40 else "")) for _, target in capture.unlinked[:3])
        report.warning("S326", f"{plural(len(capture.unlinked), 'link target')} in the writers' text that "
                               f"{'is' if len(capture.unlinked) == 1 else 'are'} not a web address "
                               f"(first in {first}: {shown}) kept as text only: a link keeps its words, an image "
                               f"its alt text", target, lines.get(first))
    if capture.title_guessed and capture.title:
        report.warning("S311", f"no headline was found by its byline, date or comment counter: the title "
                               f"{capture.title[:60]!r} is the copy's first line, a paragraph under it; "
                               f"check it (`book sources show`) and set it in the source's edits if it is wrong", target)
    elif capture.title_guessed:
        report.warning("S311", f"no headline was found by its byline, date or comment counter: the title is left "
                               f"empty rather than guessed (the copy's first line is {(capture.first_line or '')[:60]!r}); "
                               f"set it in the source's edits", target)
    elif capture.title_doubt is not None:
        report.warning("S323", f"the title {(capture.title or '')[:60]!r} may not be the page's headline: "
                               f"{capture.title_doubt}; "
                               f"check it (`book sources show`) and set it in the source's edits if it is wrong", target)
    if capture.parents_inferred:
        shown = ", ".join(ids[i] for i in capture.parents_inferred[:8]) + \
            (" ..." if len(capture.parents_inferred) > 8 else "")
        report.warning("S306", f"{plural(len(capture.parents_inferred), 'reply parent')} inferred from the order of the "
                               f"conversation or a reply's opening quotation (the copy lost the nesting): {shown}; "
                               f"check them "
                               f"(`book sources review`)", target, lines.get(ids[capture.parents_inferred[0]]))
    if capture.expected_comments is not None:
        kept = sum(1 for unit in capture.units if unit.kind != "post")
        dropped = sum(1 for reason, _ in capture.dropped if reason.startswith(("spam", "empty comment")))
        if kept + dropped < capture.expected_comments:
            report.warning("S304", f"the page shows {capture.expected_comments} comments but {kept} were read"
                                   f"{f' and {dropped} dropped' if dropped else ''}: "
                                   f"{capture.expected_comments - kept - dropped} may be missing", target)
    if capture.post_from_first_message:
        report.warning("S322", "the copy shows no text above its comment thread: the thread's first message was "
                               f"taken as the post{f' (by {capture.author})' if capture.author else ''}; check it "
                               f"(`book sources review`)", target, lines.get(ids[0]) if ids else None)
    if capture.post_disagreement is not None:
        report.warning("S320", f"the post's text in the page's markup and trafilatura's reading of the page "
                               f"differ (word F1 {capture.post_disagreement:.2f}): trafilatura's was kept; "
                               f"check the post (`book sources review`)", target, lines.get(ids[0]) if ids else None)
    if (doubt := post_doubt(capture)) is not None:
        report.warning("S325", f"the post's text may not be the page's article: {doubt}; check the post "
                               f"(`book sources review`)", target, lines.get(ids[0]) if ids else None)
    if capture.date_from_comment is not None:
        report.warning("S321", f"the post prints no date of its own: the only date found for it, "
                               f"{capture.date_from_comment}, is a comment's, so none was kept; set `published` in "
                               f"the source's edits if the page shows one", target)
    elif capture.published is not None and capture.published_doubt is not None:
        report.warning("S324", f"the post's date {capture.published} may not be its own: {capture.published_doubt}; "
                               f"check it (`book sources show`) and set `published` in the source's edits if it is "
                               f"wrong", target)
    elif capture.published is None and not (capture.post and capture.post.date_text):
        report.warning("S324", "no date was found for the post: its attribution will print none; if the page "
                               "shows when it was published, set `published` in the source's edits", target)
    for template, indexes in capture.notes:
        named = [ids[i] for i in indexes]
        code = "S303" if "greets" in template else "S301"
        report.warning(code, template.format(*named), target, lines.get(named[0]) if named else None)
    for index, unit in enumerate(capture.units):
        if unit.date is None and unit.date_text:
            report.warning("S302", f"{ids[index]}: the date {unit.date_text!r} is ambiguous (day or month first?); "
                                   f"left empty", target, lines.get(ids[index]))
