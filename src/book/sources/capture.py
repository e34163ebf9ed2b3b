"""What a parser hands to the importer: one capture, before ids and attribution.

This is build state inside the SOURCES stage (mutable while the parsers and
the attribution rules fill it in); the importer turns it into the frozen
:class:`book.model.Source` that the rest of the book sees.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from book.sources.clean import normalise_line


@dataclass
class RawUnit:
    """A post, comment or pingback as parsed, with what attribution needs."""

    kind: str                        # "post" | "comment" | "pingback"
    text: str                        # Markdown
    lines: list[str] = field(default_factory=list)   # plain lines, spacing kept: sign-offs, greetings
    author: str | None = None
    author_how: str | None = None    # explicit | byline | sign-off | greeting | initials | site owner
    parent: int | None = None        # index into Capture.units (None: replies to the post)
    date: str | None = None          # YYYY-MM-DD
    date_text: str | None = None     # the date as printed, when it could not be converted
    links: int = 0                   # links in the HTML, for spam rules
    author_from: int | None = None   # for a greeting: the index of the reply that names this author


@dataclass
class Capture:
    """Everything one capture establishes: metadata, units, and what cleaning dropped."""

    title: str | None = None
    author: str | None = None
    author_how: str | None = None
    site: str | None = None
    url: str | None = None
    author_unprinted: bool = False
    """The post's author comes from the page's metadata alone, and the page's text never prints the name
    (a CMS account, an editor, the outlet): warned (S335)."""
    author_doubt: str | None = None
    """Why the post's author may be wrong (a text capture's byline chosen by fitted weights with a chance under
    1/2, :func:`book.sources.text_score.settle_byline`): warned (S327)."""
    author_is_site: bool = False
    """The post's author, from the page's metadata with no byline beside it, is the site's own name (its
    publisher, the site part of ``<title>``, its address): the outlet may stand for the writer: warned (S330)."""
    published: str | None = None
    published_how: tuple[str, ...] = ()
    """The witnesses that gave ``published`` (json-ld, visible, htmldate, opengraph ...)."""
    published_doubt: str | None = None
    """Why the post's date may not be its own (a text capture's header read by its scores): warned (S324)."""
    date_from_comment: str | None = None
    """The date the page's only date witness gave for the post, left out because it is a comment's date."""
    units: list[RawUnit] = field(default_factory=list)
    dropped: list[tuple[str, str]] = field(default_factory=list)   # (reason, text)
    notes: list[tuple[str, tuple[int, ...]]] = field(default_factory=list)
    """Warnings for the editor: a message template ("{0}: author unknown") and the unit indexes it names."""
    id_hint: str | None = None
    engine: str | None = None
    rejected_urls: list[str] = field(default_factory=list)
    """Addresses the page gives for itself that are not http or https (``javascript:``, ``data:``): never kept."""
    unlinked: list[tuple[int, str]] = field(default_factory=list)
    """(unit index, target) of links, images and attributes in the units' text whose target is not a web
    address: only their text was kept (``clean.links_as_text``), and the editor is warned (S326)."""
    parents_inferred: list[int] = field(default_factory=list)
    """Units whose parent was inferred from the order of a conversation whose nesting the capture lost."""
    title_guessed: bool = False
    """No header (byline, date, counter) marked the headline: the title is left empty (see ``first_line``)."""
    title_scored: bool = False
    """The readers found no header, and the headline is the scores' likeliest line
    (:func:`book.sources.text_score.settle_title`): the lines above it are judged as no header's."""
    first_line: str | None = None
    """The copy's first line that is not navigation, named in the warning when no header marked the headline."""
    title_doubt: str | None = None
    """Why the title read may not be the headline (``headline.doubt``): the editor is warned (S323)."""
    expected_comments: int | None = None
    """How many comments the page says or shows it has ("12 thoughts on", comment anchors), when it does."""
    post_from_first_message: bool = False
    """The copy showed no text above its thread: the thread's first message was taken as the post."""
    post_disagreement: float | None = None
    """When the post's text from the page's markup and a second reading of the whole page (trafilatura)
    share little (bag-of-words F1 below 0.5): that F1; the second reading was kept."""
    post_doubt: str | None = None
    """Why the post's text may not be the article (a text capture's paragraphs left outside it): warned (S325)."""

    @property
    def post(self) -> RawUnit | None:
        return self.units[0] if self.units and self.units[0].kind == "post" else None

    def drop(self, reason: str, text: str) -> None:
        text = " ".join(normalise_line(line) for line in text.split("\n") if line.strip())
        if text:
            self.dropped.append((reason, text))
