"""Images are decoded and inspected in the check stage, so a broken or hostile file stops the book
before anything is written, with the line of the chapter that uses it.

Raster images (PNG, JPEG, GIF, WebP) are decoded completely with Pillow: a truncated or
corrupt file, a file whose content is not the type its name says, or a decompression
bomb is refused. An SVG is parsed without entities or the network and refused when it
holds anything that runs or fetches: scripts, event handlers, ``foreignObject`` and other
embedded documents, links or references to anything but its own fragments, style sheets
that import or load URLs. The EPUB then carries the file as it is: it holds nothing a
reading system would execute or fetch.
"""

from __future__ import annotations

import io
import re
import warnings

from book.support.media import image_type

_PILLOW_FORMATS = {"image/png": "PNG", "image/jpeg": "JPEG", "image/gif": "GIF", "image/webp": "WEBP"}
SVG_NS = "http://www.w3.org/2000/svg"
_FORBIDDEN_ELEMENTS = {"script", "foreignobject", "iframe", "object", "embed", "audio", "video", "handler",
                       "listener", "html", "body", "frame", "frameset", "applet", "meta", "link", "base"}
_SAFE_DATA = re.compile(r"^data:image/(png|jpeg|gif|webp);base64,", re.IGNORECASE)
_CSS_URL = re.compile(r"@import|url\(\s*['\"]?\s*(?!#)", re.IGNORECASE)
_ANIMATIONS = {"set", "animate", "animatemotion", "animatetransform", "animatecolor"}
_LINK_ATTRIBUTES = {"href", "src", "style"}
MAX_SVG_ELEMENTS = 100_000
"""Elements an SVG may hold once its ``<use>`` references are expanded: Typst's SVG reader stops at
its own limit ("nodes limit reached") naming no file, and a few ``<use>`` of groups of ``<use>``
multiply to billions. A drawing in a book holds a few thousand."""
MAX_PIXELS = 60_000_000   # about 7700 x 7700: far beyond any page, far below a decompression bomb


def image_problem(data: bytes, name: str) -> str | None:
    """Why the image ``name`` (its bytes ``data``) cannot go into the book, as a clause that follows
    "image 'name'" ("is empty", "has a <script> element"); None when it can."""
    media = image_type(name)
    if media == "image/svg+xml":
        return svg_problem(data)
    if media is None:
        return None                 # the type rule (E234) speaks for it
    return raster_problem(data, media)


def raster_size(data: bytes) -> tuple[int, int]:
    """Width and height in pixels of a raster image already found sound (``raster_problem``)."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        return image.width, image.height


def raster_problem(data: bytes, media: str) -> str | None:
    """Decode the whole image: None when it is a sound image of the type its name says."""
    from PIL import Image

    if not data:
        return "is empty"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                found = image.format
                if image.width * image.height > MAX_PIXELS:
                    return (f"is too large for a book: {image.width} x {image.height} pixels "
                            f"(at most {MAX_PIXELS:,})")
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return f"has too many pixels to decode safely (at most {MAX_PIXELS:,})"
    except Exception as exc:     # Pillow raises many kinds for a broken file: every one means the same
        said = re.sub(r"\s*<[^>]*>", "", " ".join(str(exc).split())) or type(exc).__name__
        return f"cannot be decoded ({said}): the file is damaged or not an image"
    wanted = _PILLOW_FORMATS[media]
    if found != wanted:
        return f"holds a {found or 'unknown'} image, not {wanted} as its name says: rename or convert it"
    return None


def svg_problem(data: bytes) -> str | None:
    """Parse an SVG safely: None when it holds nothing that runs or fetches."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        return f"is not well-formed XML ({exc})"
    except ValueError as exc:
        return f"is not well-formed XML ({exc})"
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and (list(dtd.iterentities()) or list(dtd.elements()) or list(dtd.iterelements())):
        return "declares entities or elements in its DOCTYPE: remove them (a book's image must be plain SVG)"
    if etree.QName(root).localname != "svg" or etree.QName(root).namespace != SVG_NS:
        return "is not an SVG image (its root element is not <svg> in the SVG namespace)"
    outside = [*root.itersiblings(preceding=True), *root.itersiblings()]    # before and after the root element
    for node in outside:
        if isinstance(node, etree._ProcessingInstruction):    # <?xml-stylesheet href="https://…"?> loads a file
            return f"has a processing instruction <?{node.target}?>: remove it"
    size = _size_problem(root)
    if size is not None:
        return size
    for node in root.iter():
        if isinstance(node, etree._ProcessingInstruction):
            return f"has a processing instruction <?{node.target}?>: remove it"
        if not isinstance(node.tag, str):
            continue
        name = etree.QName(node).localname
        if name.lower() in _FORBIDDEN_ELEMENTS:
            return f"has a <{name}> element (scripts and embedded documents are not allowed)"
        if etree.QName(node).namespace not in (SVG_NS, None):
            return f"has an element from another vocabulary, <{name}> ({etree.QName(node).namespace})"
        if name == "style" and node.text and _CSS_URL.search(node.text):
            return "has a style sheet that loads another file (@import or url())"
        if name.lower() in _ANIMATIONS:
            target = node.get("attributeName", "").rpartition(":")[2].lower()
            if target in _LINK_ATTRIBUTES or target.startswith("on"):
                return (f"has a <{name}> that changes {target}= (an animation may not set a link, a source "
                        "or a style: scripts and remote files are not allowed)")
        for attr, value in node.attrib.items():
            local = etree.QName(attr).localname.lower()
            if local.startswith("on"):
                return f"has an event handler {local}= on <{name}> (scripts are not allowed)"
            if local == "href" or local == "src":
                target = value.strip()
                if not (target.startswith("#") or _SAFE_DATA.match(target)):
                    return (f"refers to another file or address ({local}=\"{target[:60]}\" on <{name}>): "
                            "a book's image must be self-contained")
            if local == "style" and _CSS_URL.search(value):
                return f"has a style on <{name}> that loads another file (url())"
            if "url(" in value.replace(" ", "") and not re.search(r"url\(\s*['\"]?#", value):
                return f"refers to another file or address ({local}=\"{value[:60]}\" on <{name}>)"
    return _use_problem(root)


_LENGTH = re.compile(r"^\s*\+?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*(?:px|pt|pc|mm|cm|in|em|ex|%)?\s*$")
_NUMBER = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")


def _size_problem(root) -> str | None:
    """The root's ``width``, ``height`` and ``viewBox`` as a renderer needs them: positive finite lengths
    and four numbers with a positive width and height. Typst refused the image while typesetting
    ("width, height, or viewbox is invalid"), naming neither the image nor the chapter."""
    for name in ("width", "height"):
        value = root.get(name)
        if value is not None and (not _LENGTH.match(value) or not 0 < _leading_number(value) < 1e9):
            return f"has an invalid {name}=\"{value[:40]}\" (a positive length such as 120 or 4cm is needed)"
    box = root.get("viewBox")
    if box is not None:
        parts = box.replace(",", " ").split()
        if len(parts) != 4 or not all(_NUMBER.match(part) for part in parts) \
                or not all(abs(float(part)) < 1e9 for part in parts) or float(parts[2]) <= 0 or float(parts[3]) <= 0:
            return f"has an invalid viewBox=\"{box[:40]}\" (four numbers, the last two positive, are needed)"
    return None


def _leading_number(value: str) -> float:
    return float(re.match(r"\s*\+?((?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)", value).group(1))


def _use_problem(root) -> str | None:
    """Why the SVG's ``<use>`` references cannot be expanded (one that contains itself, or more than
    ``MAX_SVG_ELEMENTS`` elements once expanded), else None. Each element's expanded size is counted
    once (memoised), so the count is linear in the file however much it multiplies."""
    from lxml import etree

    uses = [node for node in root.iter() if isinstance(node.tag, str) and etree.QName(node).localname == "use"]
    if not uses:
        return None
    by_id = {node.get("id"): node for node in root.iter() if isinstance(node.tag, str) and node.get("id")}
    sizes: dict[int, int] = {}
    open_: set[int] = set()

    def size(node) -> int:             # the element and what it shows, with its uses expanded
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in open_:
            raise _Loop
        open_.add(key)
        total = 1
        stack = list(node)
        while stack and total <= MAX_SVG_ELEMENTS:
            child = stack.pop()
            if not isinstance(child.tag, str):
                continue
            total += size(child) if etree.QName(child).localname == "use" or child.get("id") else 1
            if not (etree.QName(child).localname == "use" or child.get("id")):
                stack.extend(child)
        if etree.QName(node).localname == "use":
            target = by_id.get(_fragment(node))
            total += size(target) if target is not None else 0
        open_.discard(key)
        sizes[key] = min(total, MAX_SVG_ELEMENTS + 1)
        return sizes[key]

    try:
        if size(root) > MAX_SVG_ELEMENTS:
            return (f"has more than {MAX_SVG_ELEMENTS:,} elements once its <use> references are expanded: "
                    "simplify the drawing")
    except _Loop:
        return "has a <use> that shows itself, directly or through others: remove the loop"
    except RecursionError:
        return "has <use> references that go too deep (a <use> of a <use> of …): simplify the drawing"
    return None


class _Loop(Exception):
    """A ``<use>`` reached again while its own expansion is counted."""


def _fragment(use) -> str:
    """The id a ``<use>`` shows (``href="#id"`` or ``xlink:href``); the check allows no other reference."""
    for attr, value in use.attrib.items():
        if attr.rpartition("}")[2] == "href" and value.strip().startswith("#"):
            return value.strip()[1:]
    return ""
