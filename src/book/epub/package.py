"""Package the book as EPUB 3 with ebooklib, then rewrite the container reproducibly.

Pandoc converts the book's Markdown to HTML in one process (runs, one per core,
for a long book; only the documents missing from the cache); this module splits that HTML
back into one XHTML document per chapter or matter page, turns notes
into pop-up footnotes, wraps everything in the templates from ``styles/epub/``,
and lets ebooklib write the package document. ebooklib stamps zip entries with
the wall clock, so the archive is then written again with fixed timestamps; and
ebooklib's own files are kept in the build cache under what it was told
(:class:`_Plan`), so a rebuild that tells it the same does without it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass
from typing import TYPE_CHECKING

import lxml.etree as etree
import lxml.html

from book.manuscript.scan import image_paths
from book.manuscript.styles import Styles, render_template
from book.model import Manuscript, Matter
from book.render.chapters import RenderedBook, RenderedDoc, chapter_label
from book.render.cover import CoverImage
from book.render.credits import credit_groups, isbn_of
from book.render.pandoc import HTML_ARGS, OutsideDocuments
from book.support.diagnostics import Report
from book.support.media import image_alone, image_type
from book.support.reproducible import ByteStore, write_zip

if TYPE_CHECKING:
    from book.render.cache import DocCache

MARC_ROLES = {"editor": "edt", "author": "aut", "contributor": "ctb", "translator": "trl", "illustrator": "ill"}
GENERATED_TITLES = {"half-title": "Half title", "title-page": "Title page", "copyright": "Copyright",
                    "contents": "Contents", "cover": "Cover"}


@dataclass(frozen=True)
class XhtmlPage:
    """One file of the EPUB's reading order."""

    id: str
    file_name: str
    title: str
    content: bytes
    landmark: str | None = None
    toc_entry: tuple[str | None, str, str] | None = None   # (label, title, kind)
    linear: bool = True


# ------------------------------------------------------------------ HTML from pandoc

def html_for_docs(book: RenderedBook, manuscript: Manuscript, cache: DocCache | None = None,
                  jobs: int = 1, report: Report | None = None) -> dict[str, str]:
    """Each document's inner XHTML: from the cache, or from one pandoc call for all the rest.

    A document's XHTML depends only on its own Markdown (pandoc parses each document
    on its own, and notes are numbered within the document), so an unchanged chapter
    is taken from the cache and only changed ones go to pandoc. ``jobs`` > 1 lets a
    large cold conversion use that many processes; the bytes are the same. What pandoc warns of
    goes into ``report``, placed in the manuscript.
    """
    from book.render.pandoc import convert_each

    from book.render.addresses import check_addresses, check_markup, report_outside

    try:
        bodies = convert_each(book.docs, HTML_ARGS, manuscript.root, split_documents, kind="xhtml",
                              cache=cache, jobs=jobs, report=report)
    except OutsideDocuments as lost:
        report_outside(lost, manuscript)
    check_addresses(bodies, "xhtml", manuscript)
    check_markup(bodies, manuscript)
    return bodies


def split_documents(html: str) -> dict[str, str]:
    """Split pandoc's HTML at the top-level ``.book-doc`` divs, and serialise as XHTML.

    With several input files pandoc prefixes every id of a document with its file's
    name (``tmp__book-pandoc-x__d000003.md__``); the prefix is removed, so each document reads as if
    converted alone. Anything outside every document (words after raw markup that closed a
    chapter's div early, a document inside another) raises :class:`OutsideDocuments` with the
    document it belongs to: nothing pandoc wrote is dropped.
    """
    out: dict[str, str] = {}
    if not html.strip():
        return out
    stray: tuple[str, str] | None = None     # (owner, words) of the first words outside every document
    ahead: str | None = None                 # words before the first document: the next one's
    previous: str | None = None
    for element in lxml.html.fragments_fromstring(html):
        if isinstance(element, str) and not element.strip():
            continue
        if not _is_document(element):
            if previous is not None:
                stray = stray or (previous, _words_of(element))
            else:
                ahead = ahead or _words_of(element)
            continue
        prefix, sep, doc_id = (element.get("id") or "").rpartition("__")
        if ahead is not None:
            stray, ahead = stray or (doc_id, ahead), None
        for inner in element.iterdescendants():
            if _is_document(inner):
                stray = stray or (doc_id, _words_of(inner))
        if (element.tail or "").strip():
            stray = stray or (doc_id, element.tail.strip())
        previous = doc_id
        if sep:  # ids never contain "__" (see manuscript.slug): what precedes the last one is pandoc's
            _strip_id_prefix(element, prefix + sep)
        _pop_up_notes(element)
        _ornaments_as_text(element)
        parts = [etree.tostring(child, method="xml", encoding="unicode") for child in element]
        lead = element.text or ""
        out[doc_id] = (lead.strip() + "\n" if lead.strip() else "") + "\n".join(parts)
    if ahead is not None:
        stray = stray or ("", ahead)
    if stray is not None:
        raise OutsideDocuments(*stray, found=out)
    return out


def _is_document(element) -> bool:
    return isinstance(element, lxml.html.HtmlElement) and "book-doc" in (element.get("class") or "").split()


def _words_of(item) -> str:
    """What a reader would miss of a piece of pandoc's output: its text, else its markup."""
    if isinstance(item, str):
        return item.strip()
    if isinstance(item, lxml.html.HtmlElement):
        text = (item.text_content() + (item.tail or "")).strip()
        return text or etree.tostring(item, encoding="unicode", with_tail=False)[:80]
    return etree.tostring(item, encoding="unicode")[:80]


def _strip_id_prefix(doc, prefix: str) -> None:
    """Undo pandoc's ``--file-scope`` prefix on ids and on links to them."""
    for el in doc.iter():
        ident = el.get("id")
        if ident and ident.startswith(prefix):
            el.set("id", ident[len(prefix):])
        href = el.get("href")
        if href and href.startswith("#" + prefix):
            el.set("href", "#" + href[len(prefix) + 1:])


def _pop_up_notes(doc) -> None:
    """Turn pandoc's end-of-section note lists into EPUB 3 pop-up footnotes.

    Each note becomes ``<aside epub:type="footnote" role="doc-footnote">`` and each
    reference ``<a epub:type="noteref" role="doc-noteref">``: Apple Books, Kobo and
    Kindle show these as pop-ups; other readers show them as notes at the chapter's end.
    Notes are numbered afresh in each document (as in the PDF): pandoc numbers them
    through its whole input, which would make a chapter's XHTML depend on the others.
    """
    numbers: dict[str, int] = {}
    for ref in doc.iter("a"):
        if "footnote-ref" in ref.get("class", ""):
            note = (ref.get("href") or "").lstrip("#")
            number = numbers.setdefault(note, len(numbers) + 1)
            ref.set("href", f"#fn{number}")
            ref.set("id", f"fnref{number}")
            ref.set("epub:type", "noteref")
            ref.set("role", "doc-noteref")
            sup = ref.find("sup")
            if sup is not None:
                ref.remove(sup)
            ref.text = str(number)
    blocks = [b for b in doc.iter("aside", "section") if "footnotes" in b.get("class", "")]
    if not blocks:
        return
    container = lxml.html.Element("section")
    container.set("class", "footnotes")
    container.set("epub:type", "endnotes")
    container.set("role", "doc-endnotes")
    container.set("aria-label", "Notes")
    rule = lxml.html.Element("hr")
    rule.set("class", "footnotes-rule")
    container.append(rule)
    for block in blocks:
        for item in block.iter("li"):
            container.append(_note_aside(item, numbers))
        _remove_keeping_tail(block)
    doc.append(container)


ORNAMENT = "❦"
BACK_ARROW = "↩\ufe0e"     # with VARIATION SELECTOR-15: text, not the emoji iOS would show


def _ornaments_as_text(doc) -> None:
    """A section ornament (pandoc's ``<hr/>`` from ``* * *``) as a fleuron in the text itself.

    Drawn by CSS ``::after`` it may be dropped by Kindle and Kobo; as a character in a
    ``role="separator"`` paragraph every reader shows it, and assistive technology announces a
    separator instead of reading the glyph.
    """
    for rule in list(doc.iter("hr")):
        if "footnotes-rule" in rule.get("class", ""):
            continue
        ornament = lxml.html.Element("p")
        ornament.set("class", "ornament")
        ornament.set("role", "separator")
        ornament.text = ORNAMENT
        ornament.tail = rule.tail
        rule.getparent().replace(rule, ornament)


def _note_aside(item, numbers: dict[str, int]):
    """One ``<li>`` of pandoc's note list as an EPUB 3 footnote aside."""
    number = numbers.get(item.get("id") or "")
    aside = lxml.html.Element("aside")
    aside.set("id", f"fn{number}" if number is not None else item.get("id"))
    aside.set("class", "footnote")
    aside.set("epub:type", "footnote")
    aside.set("role", "doc-footnote")
    for back in item.iter("a"):
        if "footnote-back" in back.get("class", ""):
            back.text = BACK_ARROW
            back.set("aria-label", "Back to text")
            if number is not None:
                back.set("href", f"#fnref{number}")
    for child in list(item):
        aside.append(child)
    # The note's number, printed: a reader without pop-ups shows the notes at the chapter's end.
    first = next(iter(aside.iter("p")), None)
    if number is not None and first is not None:
        label = lxml.html.Element("span")
        label.set("class", "note-number")
        label.text = f"{number}."
        label.tail = " " + (first.text or "")
        first.text = None
        first.insert(0, label)
    return aside


def _remove_keeping_tail(element) -> None:
    parent = element.getparent()
    if element.tail and element.tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


# ------------------------------------------------------------------ links across documents

_ID = re.compile(r' id="([^"]+)"')
_FRAGMENT_HREF = re.compile(r'href="#([^"]+)"')


def link_across_documents(bodies: dict[str, str]) -> dict[str, str]:
    """Point a link to another document's element at that document's file.

    pandoc writes ``[words](#ch02-second-title)`` as ``href="#ch02-second-title"``, a place in the
    file the link stands in; each document is a file of its own (``ch02-second.xhtml``), so a
    link to an id of another document names its file (epubcheck RSC-012 otherwise). A
    document's own id is its wrapper section's (``epub/document.xhtml.j2``). A link whose id
    its own document has, or that no single other document has, is left as it is. Done after
    the cache, which holds each document as converted alone; the ids of every document are
    gathered only when a link goes outside its own (a note's link never does).
    """
    foreign = {doc_id for doc_id, body in bodies.items() if 'href="#' in body
               and any(name != doc_id and f' id="{name}"' not in body for name in _FRAGMENT_HREF.findall(body))}
    if not foreign:
        return bodies
    owners: dict[str, list[str]] = {}
    for doc_id, body in bodies.items():
        for name in {doc_id, *_ID.findall(body)}:
            owners.setdefault(name, []).append(doc_id)

    def retarget(doc_id: str, match: re.Match[str]) -> str:
        found = owners.get(match.group(1), [])
        if doc_id in found or len(found) != 1:
            return match.group(0)
        return f'href="{found[0]}.xhtml#{match.group(1)}"'

    return {doc_id: _FRAGMENT_HREF.sub(lambda m, d=doc_id: retarget(d, m), body) if doc_id in foreign else body
            for doc_id, body in bodies.items()}


# ------------------------------------------------------------------ pages

def make_pages(manuscript: Manuscript, book: RenderedBook, bodies: dict[str, str],
               cover: CoverImage) -> list[XhtmlPage]:
    manuscript = manuscript.for_output("epub")      # without the print-only matter pages
    env = Styles.of(manuscript).environment
    config = manuscript.config
    lang = config.language
    credits = credit_groups(manuscript)
    docs = {doc.id: doc for doc in book.docs}
    chapters = {chapter.id: chapter for chapter in manuscript.chapters}   # found by id: a walk each was quadratic
    bodies = link_across_documents(bodies)

    def page(template: str, title: str, matter_type: str, **extra) -> bytes:
        text = render_template(
            env, template, lang=lang, page_title=title, matter_type=matter_type, book=config, credits=credits, **extra)
        return text.encode("utf-8")

    pages: list[XhtmlPage] = [XhtmlPage(
        "cover", "cover.xhtml", "Cover",
        page("epub/cover.xhtml.j2", config.title, "frontmatter cover",
             cover_href=cover.file_name, cover_alt=cover.alt),
        landmark="cover")]

    def doc_page(doc: RenderedDoc, matter_type: str) -> XhtmlPage:
        content = page("epub/document.xhtml.j2", doc.title or config.title, matter_type,
                       doc=doc, content=bodies[doc.id])
        label = None
        if doc.kind == "chapter":
            label = chapter_label(manuscript, chapters[doc.id]) or None
        entry = (label, doc.title, doc.kind) if doc.title and doc.in_toc else None
        landmark = {"preface": "preface", "bibliography": "bibliography"}.get(doc.epub_type or "")
        return XhtmlPage(doc.id, f"{doc.id}.xhtml", doc.title or config.title, content,
                         landmark=landmark, toc_entry=entry)

    for matter in manuscript.front:
        pages.extend(_front_or_back_page(matter, docs, doc_page, page, "frontmatter", manuscript))
    for index, chapter in enumerate(manuscript.chapters):
        chapter_page = doc_page(docs[chapter.id], "bodymatter")
        if index == 0:
            chapter_page = _with_landmark(chapter_page, "bodymatter")
        pages.append(chapter_page)
    for index, matter in enumerate(manuscript.back):
        for back_page in _front_or_back_page(matter, docs, doc_page, page, "backmatter", manuscript):
            if index == 0 and back_page.landmark is None:
                back_page = _with_landmark(back_page, "backmatter")
            pages.append(back_page)

    page_list = []
    if book.print_marks:       # the print edition's pages, marked where they begin
        from book.epub.pagelist import add_page_breaks

        pages, page_list = add_page_breaks(pages, book.print_marks)

    # The navigation document is rendered last: it lists every page before it.
    nav_index = next((i for i, p in enumerate(pages) if p.id == "nav"), None)
    toc = [{"href": p.file_name, "label": p.toc_entry[0], "title": p.toc_entry[1], "kind": p.toc_entry[2]}
           for p in pages if p.toc_entry]
    landmarks = [{"type": p.landmark, "href": p.file_name, "title": _landmark_title(p)}
                 for p in pages if p.landmark]
    if nav_index is None:
        landmarks.append({"type": "toc", "href": "nav.xhtml", "title": "Contents"})
    else:
        landmarks.insert(0, {"type": "toc", "href": "nav.xhtml", "title": "Contents"})
    nav = XhtmlPage("nav", "nav.xhtml", "Contents",
                    page("epub/nav.xhtml.j2", "Contents", "frontmatter", toc=toc,
                         landmarks=landmarks, contents_title="Contents", page_list=page_list),
                    linear=nav_index is not None)
    if nav_index is None:
        pages.append(nav)
    else:
        pages[nav_index] = nav
    return pages


def _with_landmark(page: XhtmlPage, landmark: str) -> XhtmlPage:
    from dataclasses import replace

    return replace(page, landmark=page.landmark or landmark)


def _landmark_title(page: XhtmlPage) -> str:
    return {"cover": "Cover", "titlepage": "Title page", "bodymatter": "Start of text",
            "backmatter": "Back matter"}.get(page.landmark or "", page.title)


def _front_or_back_page(matter: Matter, docs, doc_page, page, matter_type: str,
                        manuscript: Manuscript) -> list[XhtmlPage]:
    if matter.is_markdown:
        return [doc_page(docs[matter.id], matter_type)]
    if matter.kind == "contents":
        return [XhtmlPage("nav", "nav.xhtml", "Contents", b"")]
    if matter.kind in ("half-title", "title-page", "copyright"):
        title = GENERATED_TITLES[matter.kind]
        extra = {}
        if matter.kind == "copyright":
            extra = {"isbn": isbn_of(manuscript.config.epub_identifier), "rights_notes": []}
        content = page(f"epub/{matter.kind}.xhtml.j2", title, matter_type, **extra)
        landmark = "titlepage" if matter.kind == "title-page" else None
        return [XhtmlPage(matter.kind, f"{matter.kind}.xhtml", title, content, landmark=landmark)]
    return []


# ------------------------------------------------------------------ package

class _Plan:
    """What ebooklib is told, as data: the calls :func:`package` makes on an ``EpubBook``, in order, and
    each member's bytes. ebooklib writes four files of its own from the calls alone (``mimetype``,
    ``META-INF/container.xml``, the package document ``content.opf`` and ``toc.ncx``: our members are
    ``EpubItem``s, written as given and never read), so the calls are the key of those four files in the
    build cache, and a rebuild whose calls are unchanged (one chapter's text changed) needs neither
    ebooklib nor its zip, which was written, then read again to be written reproducibly."""

    def __init__(self) -> None:
        self.calls: list[tuple] = []
        self.contents: dict[str, bytes] = {}

    def call(self, *call) -> None:
        self.calls.append(call)

    def item(self, uid: str, file_name: str, media_type: str, content: bytes | str,
             properties: list[str] | None = None, linear: bool | None = None) -> None:
        self.call("item", uid, file_name, media_type, properties or [], linear)
        self.contents[f"EPUB/{file_name}"] = content.encode("utf-8") if isinstance(content, str) else content

    def key(self) -> str:
        return json.dumps(self.calls, ensure_ascii=False, separators=(",", ":"))


def package(manuscript: Manuscript, pages: list[XhtmlPage], cover: CoverImage, when: dt.datetime,
            page_break_source: str | None = None, store: ByteStore | None = None) -> bytes:
    """The EPUB container: ebooklib's package document, navigation and container files (from the build
    cache when ebooklib was told the same before, :class:`_Plan`), and the members, written reproducibly,
    each member compressed once per content (``store``: the build cache)."""
    config = manuscript.config
    plan = _Plan()
    plan.call("identifier", config.epub_identifier)
    plan.call("title", config.title)  # used by ebooklib's NCX; the dc:title itself is written below, with an id
    plan.call("meta", "DC", "title", config.title, {"id": "main-title"})
    plan.call("language", config.language)
    _metadata(plan, manuscript)
    if page_break_source:      # EPUB Accessibility 1.1: the page list's source, and the features it gives
        plan.call("meta", None, "meta", page_break_source, {"property": "pageBreakSource"})
        for feature in ("pageBreakMarkers", "pageNavigation"):
            plan.call("meta", None, "meta", feature, {"property": "schema:accessibilityFeature"})

    plan.item("css", "css/book.css", "text/css", Styles.of(manuscript).find("epub/book.css").read_bytes())
    plan.item("cover-image", cover.file_name, cover.media_type, image_alone(cover.data, cover.media_type),
              ["cover-image"])
    plan.call("meta", None, "meta", "", {"name": "cover", "content": "cover-image"})
    for index, src in enumerate(image_paths(manuscript)):
        path = manuscript.root / src
        plan.item(f"image-{index + 1}", src, image_type(path), image_alone(path.read_bytes(), image_type(path)))
    for xpage in pages:
        plan.item(xpage.id, xpage.file_name, "application/xhtml+xml", xpage.content,
                  ["nav"] if xpage.id == "nav" else [], xpage.linear)
    plan.call("spine", [xpage.id for xpage in pages])
    plan.call("toc", [(p.file_name, p.toc_entry[1], p.id) for p in pages if p.toc_entry])
    plan.call("guide", [{"type": t, "href": p.file_name, "title": p.title}
                        for p in pages for t in [{"cover": "cover", "titlepage": "title-page",
                                                  "bodymatter": "text", "preface": "preface"}.get(p.landmark or "")]
                        if t])
    plan.call("modified", when.strftime("%Y-%m-%dT%H:%M:%SZ"))
    frame = _ebooklib_files(plan, when, store)
    return write_zip([*frame.items(), *plan.contents.items()], when, first=("mimetype", "META-INF/container.xml"),
                     store=store)


def _metadata(plan: _Plan, manuscript: Manuscript) -> None:
    config = manuscript.config
    dc = "DC"
    for index, creator in enumerate(config.creators):
        element = "contributor" if creator.role == "contributor" else "creator"
        uid = f"{element}{index}"
        plan.call("meta", dc, element, creator.name, {"id": uid})
        plan.call("meta", None, "meta", MARC_ROLES[creator.role],
                  {"refines": f"#{uid}", "property": "role", "scheme": "marc:relators"})
        if creator.file_as:
            plan.call("meta", None, "meta", creator.file_as, {"refines": f"#{uid}", "property": "file-as"})
    if config.subtitle:
        plan.call("meta", dc, "title", config.subtitle, {"id": "subtitle"})
        plan.call("meta", None, "meta", "subtitle", {"refines": "#subtitle", "property": "title-type"})
        plan.call("meta", None, "meta", "main", {"refines": "#main-title", "property": "title-type"})
    plan.call("meta", dc, "date", config.date.isoformat())
    plan.call("meta", dc, "rights", config.rights)
    if config.publisher:
        plan.call("meta", dc, "publisher", config.publisher)
    if config.description:
        plan.call("meta", dc, "description", config.description)
    for subject in config.subjects:
        plan.call("meta", dc, "subject", subject)
    plan.call("meta", None, "meta", config.version, {"property": "schema:version"})

    # EPUB Accessibility 1.1
    a11y = config.accessibility
    plan.call("meta", None, "meta", "textual", {"property": "schema:accessMode"})
    plan.call("meta", None, "meta", "visual", {"property": "schema:accessMode"})  # there is always a cover image
    plan.call("meta", None, "meta", "textual", {"property": "schema:accessModeSufficient"})
    for feature in ("structuralNavigation", "tableOfContents", "readingOrder", "alternativeText",
                    "displayTransformability"):
        plan.call("meta", None, "meta", feature, {"property": "schema:accessibilityFeature"})
    for hazard in a11y.hazards:
        plan.call("meta", None, "meta", hazard, {"property": "schema:accessibilityHazard"})
    summary = a11y.summary or (
        "This publication conforms to WCAG 2.1 Level AA. It has a table of contents, landmarks and "
        "structured headings; quotations are marked up as block quotations with their sources named "
        "in the text; images, including the cover, have text alternatives; notes are linked both ways.")
    plan.call("meta", None, "meta", summary, {"property": "schema:accessibilitySummary"})
    plan.call("meta", None, "meta", "EPUB Accessibility 1.1 - WCAG 2.1 Level AA",
              {"property": "dcterms:conformsTo"})


def _ebooklib_files(plan: _Plan, when: dt.datetime, store: ByteStore | None) -> dict[str, bytes]:
    """The files ebooklib writes of its own for ``plan`` (every member of its zip but ours): kept in the
    build cache under the plan's calls, sealed with their SHA-256, and kept only when ebooklib wrote our
    members exactly as given (else they are not ebooklib's alone, and ebooklib runs every time)."""
    key = store.key("epub-frame", plan.key()) if store is not None else ""
    if store is not None and (found := store.get_bytes("epub-frame", key)) is not None:
        frame = _unsealed_frame(found)
        if frame is not None:
            return frame
    entries = _ebooklib_zip(plan, when)
    frame = {name: data for name, data in entries.items() if name not in plan.contents}
    if store is not None and all(entries.get(name) == data for name, data in plan.contents.items()):
        body = json.dumps({name: data.decode("utf-8") for name, data in frame.items()}, ensure_ascii=False,
                          sort_keys=True).encode("utf-8")
        store.put_bytes("epub-frame", key, hashlib.sha256(body).hexdigest().encode("ascii") + b"\n" + body)
    return frame


def _unsealed_frame(found: bytes) -> dict[str, bytes] | None:
    """The files :func:`_ebooklib_files` kept, if their seal matches (else None: ebooklib writes them again)."""
    seal, _, body = found.partition(b"\n")
    if hashlib.sha256(body).hexdigest().encode("ascii") != seal:
        return None
    try:
        frame = json.loads(body)
    except ValueError:
        return None
    if not isinstance(frame, dict) or not all(isinstance(v, str) for v in frame.values()):
        return None
    return {name: text.encode("utf-8") for name, text in frame.items()}


def _ebooklib_zip(plan: _Plan, when: dt.datetime) -> dict[str, bytes]:
    """ebooklib told ``plan``'s calls, writing its zip (uncompressed): every member by name."""
    from ebooklib import epub

    class Writer(epub.EpubWriter):
        """ebooklib's writer, plus ``xml:lang`` and ``dir`` on the package element."""

        def _write_opf_file(self, root):
            root.set("{http://www.w3.org/XML/1998/namespace}lang", self.book.language)
            super()._write_opf_file(root)

    book = epub.EpubBook()
    items = {}
    for call in plan.calls:
        what, args = call[0], call[1:]
        if what == "identifier":
            book.set_identifier(args[0])
        elif what == "title":
            book.title = args[0]
        elif what == "language":
            book.set_language(args[0])
        elif what == "meta":
            book.add_metadata(*args)
        elif what == "item":
            uid, file_name, media_type, properties, linear = args
            item = epub.EpubItem(uid=uid, file_name=file_name, media_type=media_type,
                                 content=plan.contents[f"EPUB/{file_name}"])
            if properties:
                item.properties = list(properties)
            if linear is not None:
                item.is_linear = linear
            book.add_item(item)
            items[uid] = item
        elif what == "spine":
            book.spine = [items[uid] for uid in args[0]]
        elif what == "toc":
            book.toc = [epub.Link(href, title, uid) for href, title, uid in args[0]]
        elif what == "guide":
            book.guide = list(args[0])
    book.add_item(epub.EpubNcx())
    raw = io.BytesIO()
    writer = Writer(raw, book, {"mtime": when, "epub3_landmark": False, "epub3_pages": False, "compresslevel": 0})
    writer.process()
    writer.write()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}
