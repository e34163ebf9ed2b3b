"""What a page says about itself in the standards: JSON-LD, microdata, microformats, OpenGraph, meta.

``extruct`` reads the embedded data (schema.org JSON-LD and microdata,
OpenGraph, microformats2 ``h-entry``/``h-card``); ``htmldate`` finds the
publication date the way it is published (structured data, markup, then the
visible text, in any language). Each value is kept with *how* it was found,
so the importer can prefer the structured data and the visible byline when
sources disagree, and record its choice.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass, field
from typing import Any

from book.sources.clean import normalise_line
from book.sources.dates import COMMON_LANGUAGES, iso_or_none
from book.sources.names import clean_name

_ARTICLE_TYPES = ("Article", "Posting", "BlogPosting", "Blog", "Report", "Review", "Recipe", "HowTo")
_PERSONISH = ("Person", "Organization", "NewsMediaOrganization")


@dataclass
class Found:
    value: str
    how: str      # json-ld | microdata | microformat | opengraph | meta | byline | rel=author | title tag | ...
    organization: bool = False    # an author schema.org types as an Organization: often the publisher itself
    stamp: str | None = None      # a date given as a timestamp with a time of day: the timestamp as written


@dataclass
class StructuredComment:
    """A schema.org ``Comment`` the page states in JSON-LD: who, when, what, and which comment it answers."""

    author: str | None
    date: str | None
    text: str
    parent: int | None      # index in PageMetadata.comments, None for a comment on the post


@dataclass
class PageMetadata:
    titles: list[Found] = field(default_factory=list)
    authors: list[Found] = field(default_factory=list)
    dates: list[Found] = field(default_factory=list)
    sites: list[Found] = field(default_factory=list)
    urls: list[Found] = field(default_factory=list)
    comments: list[StructuredComment] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)    # ISO 639-1 codes the page declares, its own first

    def first(self, kind: str, *hows: str) -> Found | None:
        for found in getattr(self, kind):
            if not hows or found.how in hows:
                return found
        return None


def read(raw: str, doc: Any) -> PageMetadata:
    """The metadata of a page (``raw`` as text, ``doc`` its unsanitised lxml tree)."""
    out = PageMetadata(languages=_languages(doc))
    _unwrap_json_ld(doc)
    data = _extruct(doc)
    for item in _items(data.get("json-ld", [])):
        _article(item, "json-ld", out, _graph_index(data.get("json-ld", [])))
        if any(k.endswith(_ARTICLE_TYPES) or k == "DiscussionForumPosting" for k in _types(item)) and not out.comments:
            _comments(item.get("comment"), None, out, _graph_index(data.get("json-ld", [])))
    for item in _teasers_dropped(_items(data.get("microdata", []))):
        _article(item, "microdata", out, {})
    for entry in _hentries(data.get("microformat", [])):
        props = entry.get("properties", entry)
        _add(out.titles, _str(props.get("name")), "microformat")
        _add(out.authors, _person(props.get("author")), "microformat")
        _add_date(out.dates, _str(props.get("published")), "microformat")
    for og in data.get("opengraph", []):
        props = _og_props(og)
        _add(out.titles, props.get("og:title"), "opengraph")
        _add(out.sites, props.get("og:site_name"), "opengraph")
        _add(out.urls, props.get("og:url"), "opengraph")
        author = props.get("article:author")
        if author and not author.startswith(("http://", "https://", "@")):
            _add(out.authors, clean_name(author), "opengraph")
        _add_date(out.dates, props.get("article:published_time"), "opengraph")
    for name in ("author", "dc.creator", "dcterms.creator", "parsely-author", "sailthru.author", "byl"):
        for value in doc.xpath("//meta[translate(@name, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', "
                               "'abcdefghijklmnopqrstuvwxyz')=$n]/@content", n=name):
            if not value.strip().startswith(("http://", "https://", "@")):
                _add(out.authors, clean_name(value), "meta")
    for name in ("twitter:title",):
        for value in doc.xpath("//meta[@name=$n or @property=$n]/@content", n=name):
            _add(out.titles, value, "meta")
    for name in ("application-name",):
        for value in doc.xpath("//meta[@name=$n]/@content", n=name):
            _add(out.sites, value, "meta")
    for value in doc.xpath("//link[@rel='canonical']/@href"):
        _add(out.urls, value, "canonical link")     # any scheme: one that is not http(s) is refused, and said (S307)
    title = doc.find(".//title")
    if title is not None:
        _add(out.titles, title.text_content(), "title tag")
    date = _htmldate(doc, date_languages(out))
    _add(out.dates, date, "htmldate")
    return out


# Languages dates are read in when the page declares none: the ones most blogs and papers are written in.
DEFAULT_DATE_LANGUAGES = COMMON_LANGUAGES


def date_languages(page: PageMetadata) -> list[str]:
    """The page's declared languages and English (themes print English dates on pages in any language)."""
    return list(dict.fromkeys([*page.languages, "en"])) if page.languages else list(DEFAULT_DATE_LANGUAGES)


# ------------------------------------------------------------------ extruct

def _extruct(doc: Any) -> dict[str, list]:
    import extruct

    out: dict[str, list] = {}
    for syntax in ("json-ld", "microdata", "opengraph", "microformat"):
        try:   # one broken block must not hide the others
            found = extruct.extract(doc, syntaxes=[syntax], uniform=True, errors="ignore")
        except Exception:
            continue
        out[syntax] = found.get(syntax, [])
    return out


_WRAPPER = re.compile(r"^\s*(?://\s*)?(?:<!\[CDATA\[|<!--)|(?://\s*)?(?:\]\]>|-->)\s*$")


def _unwrap_json_ld(doc: Any) -> None:
    """JSON-LD wrapped as ``<![CDATA[ … ]]>`` or ``<!-- … -->`` for old browsers is still the page's data:
    without the wrapper it parses (extruct refuses the whole block otherwise)."""
    for script in doc.xpath("//script[@type='application/ld+json']"):
        text = script.text or ""
        if _WRAPPER.search(text):
            script.text = _WRAPPER.sub("", _WRAPPER.sub("", text.strip()))


def _languages(doc: Any) -> list[str]:
    """The languages the page declares (``<html lang>``, ``og:locale``, ``content-language``), as 639-1 codes."""
    values = doc.xpath("/html/@lang | /html/@xml:lang | //meta[@property='og:locale']/@content | "
                       "//meta[translate(@http-equiv, 'CONTENTLAGU', 'contentlagu')='content-language']/@content",
                       namespaces={"xml": "http://www.w3.org/XML/1998/namespace"})
    codes = [m.group(0).lower() for v in values if (m := re.match(r"[A-Za-z]{2}(?![A-Za-z])", v.strip()))]
    return list(dict.fromkeys(codes))


def _items(items: list) -> list[dict]:
    """Every dict in the data, ``@graph`` members included (depth-first, document order)."""
    out: list[dict] = []
    stack = list(reversed(items))
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            out.append(item)
            if "@graph" in item:
                stack.extend(reversed(item["@graph"] if isinstance(item["@graph"], list) else [item["@graph"]]))
    return out


def _graph_index(items: list) -> dict[str, dict]:
    return {item["@id"]: item for item in _items(items) if isinstance(item.get("@id"), str)}


def _types(item: dict) -> list[str]:
    kind = item.get("@type") or []
    kinds = kind if isinstance(kind, list) else [kind]
    return [k.rsplit("/", 1)[-1] for k in kinds if isinstance(k, str)]


def _article(item: dict, how: str, out: PageMetadata, graph: dict[str, dict]) -> None:
    if not any(k.endswith(_ARTICLE_TYPES) for k in _types(item)):
        return
    _add(out.titles, _str(item.get("headline")) or _str(item.get("name")), how)
    publisher = item.get("publisher")
    if isinstance(publisher, dict):
        publisher = graph.get(publisher.get("@id"), publisher) if isinstance(publisher.get("@id"), str) else publisher
    publisher_name = _str(publisher.get("name")) if isinstance(publisher, dict) else None
    _add(out.authors, _person(_without(item.get("author"), publisher_name, graph), graph), how,
         organization=_organization(item.get("author"), graph))
    _add_date(out.dates, _str(item.get("datePublished")) or _str(item.get("dateCreated")), how)
    _add(out.sites, publisher_name, how)


def _without(authors: Any, publisher: str | None, graph: dict[str, dict]) -> Any:
    """The authors less the publisher named among them ("Alexander Karper" and "LAOLA1.at", the site
    itself): a list that also names a person credits the site for the page, not for the writing."""
    if not publisher or not isinstance(authors, list):
        return authors
    kept = [a for a in authors if (_person(a, graph) or "").casefold() != publisher.strip().casefold()]
    return kept or authors


def _comments(value: Any, parent: int | None, out: PageMetadata, graph: dict[str, dict], depth: int = 0) -> None:
    """schema.org ``Comment`` items under an article (``comment``), their replies nested in their own ``comment``."""
    if depth > 50 or value is None:
        return
    for item in value if isinstance(value, list) else [value]:
        if not isinstance(item, dict) or "Comment" not in _types(item):
            continue
        text = item.get("text")
        text = text.strip() if isinstance(text, str) else ""
        if not text:
            continue
        out.comments.append(StructuredComment(_person(item.get("author"), graph),
                                              iso_or_none(_str(item.get("dateCreated")) or _str(item.get("datePublished"))),
                                              text, parent))
        _comments(item.get("comment"), len(out.comments) - 1, out, graph, depth + 1)


def _person(value: Any, graph: dict[str, dict] | None = None) -> str | None:
    """A schema.org author: a name, a Person, an ``@id`` into the graph, or a list of them."""
    graph = graph or {}
    if isinstance(value, list):
        names = [n for n in (_person(v, graph) for v in value) if n]
        unique = list(dict.fromkeys(names))
        return " and ".join(unique) if unique else None
    if isinstance(value, dict):
        if "name" not in value and isinstance(value.get("@id"), str):
            value = graph.get(value["@id"], value)
        if "properties" in value:          # microformats h-card
            return _person(value["properties"].get("name"), graph)
        return clean_name(_str(value.get("name")))
    if isinstance(value, str) and not value.startswith(("http://", "https://", "@")):
        return clean_name(value)
    return None


def _organization(value: Any, graph: dict[str, dict]) -> bool:
    """Every author given is typed as an Organization (not a Person)."""
    values = value if isinstance(value, list) else [value]
    items = [graph.get(v["@id"], v) if isinstance(v, dict) and "name" not in v and isinstance(v.get("@id"), str)
             else v for v in values]
    return bool(items) and all(isinstance(v, dict) and any(k.endswith("Organization") or k == "Corporation"
                                                           for k in _types(v)) for v in items)


def _hentries(items: list) -> list[dict]:
    out = []
    stack = list(reversed(items))
    while stack:
        item = stack.pop()
        if not isinstance(item, dict):
            continue
        if "h-entry" in (item.get("@type") or item.get("type") or []):
            out.append(item)
            continue
        stack.extend(reversed(item.get("children", [])))
    return out


def _og_props(og: dict) -> dict[str, str]:
    if "properties" in og and isinstance(og["properties"], list):
        return {k: v for k, v in og["properties"] if isinstance(v, str)}
    return {k: v for k, v in og.items() if isinstance(v, str)}


def _str(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    if isinstance(value, dict):
        value = value.get("value") or value.get("@value")
    return value.strip() if isinstance(value, str) and value.strip() else None


FIRST_WEB_YEAR = 1991   # a publication date before the web is a placeholder ("0001-01-01"), not a date


_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}")
_UTC = re.compile(r"(?:Z|[+-]00:?00|\bUTC|\bGMT)$", re.IGNORECASE)


def _add_date(into: list[Found], raw: str | None, how: str) -> None:
    """A date witness, keeping the timestamp it was read from: two fields holding one timestamp are one
    witness, and a timestamp in UTC names an instant whose local date may be the day before or after."""
    value = iso_or_none(raw)
    _add(into, value, how)
    stamp = raw.strip() if raw and _TIMESTAMP.match(raw.strip()) else None
    if value and stamp:
        found = next((f for f in into if f.value == value and f.how == how), None)
        if found is not None and found.stamp is None:
            into[into.index(found)] = Found(found.value, found.how, found.organization, stamp)


def is_utc(found: Found) -> bool:
    """The witness is a timestamp written in UTC."""
    return bool(found.stamp and _UTC.search(found.stamp))


_ENTITY = re.compile(r"&(?:#\d{1,6}|#x[0-9a-f]{1,6}|[a-z]{2,8});", re.IGNORECASE)


def _teasers_dropped(items: list) -> list:
    """The microdata items less the readers' reviews of the article (a comment marked as a ``Review`` with
    ``itemReviewed``: its author is a commenter), and less the articles when several with different
    headlines are marked up: those are teasers of other stories (a "more news" list), not the page's own."""
    reviews = [item for item in items if "Review" in _types(item) and item.get("itemReviewed")]
    if reviews and any(any(k.endswith(_ARTICLE_TYPES) and k != "Review" for k in _types(item)) for item in items):
        items = [item for item in items if item not in reviews]
    articles = [item for item in items if any(k.endswith(_ARTICLE_TYPES) for k in _types(item))]
    headlines = {_str(item.get("headline")) or _str(item.get("name")) for item in articles}
    if len(headlines - {None}) < 2:
        return items
    return [item for item in items if item not in articles]


def _add(into: list[Found], value: str | None, how: str, organization: bool = False) -> None:
    if not value:
        return
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) and int(value[:4]) < FIRST_WEB_YEAR:
        return
    if _ENTITY.search(value):     # escaped twice by the CMS: "Her &#39;Ride or Die Partner&#39;"
        value = html.unescape(value)
    value = normalise_line(" ".join(value.split()))
    if value and not any(f.value == value and f.how == how for f in into):
        into.append(Found(value, how, organization))


def htmldate_of(doc: Any, languages: list[str]) -> str | None:
    """htmldate's reading of a page (or of what is left of it once the thread is taken out)."""
    return _htmldate(doc, languages)


def _htmldate(doc: Any, languages: list[str]) -> str | None:
    """htmldate's reading of the page, its dateparser fallback limited to the page's languages.

    htmldate hands the strings it cannot read to one dateparser instance that tries all two hundred
    locales, which costs seconds on a page in Spanish or Czech; given the page's languages it costs
    milliseconds and reads the same dates.
    """
    import htmldate
    from htmldate import extractors

    saved = extractors.get_external_parser
    extractors.get_external_parser = lambda: _external_parser(tuple(languages))
    try:
        return htmldate.find_date(doc, original_date=True, extensive_search=True, outputformat="%Y-%m-%d")
    except Exception:  # htmldate's heuristics must never break an import
        return None
    finally:
        extractors.get_external_parser = saved


@functools.lru_cache(maxsize=8)
def _external_parser(languages: tuple[str, ...]) -> Any:
    """htmldate's own dateparser set-up (``htmldate.extractors.get_external_parser``), for these locales."""
    from dateparser import DateDataParser
    from dateparser.data.languages_info import language_order

    return DateDataParser(locales=[code for code in languages if code in language_order] or None, settings={
        "NORMALIZE": True, "PARSERS": ["custom-formats", "absolute-time"], "PREFER_DATES_FROM": "past",
        "PREFER_LOCALE_DATE_ORDER": True, "RETURN_AS_TIMEZONE_AWARE": False, "STRICT_PARSING": True})
