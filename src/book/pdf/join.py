"""Join the PDFs of a book typeset in parts (book.pdfparts) into one tagged PDF/UA-1 file.

Appending pages is not enough for a tagged PDF: every part has its own structure tree,
parent tree (page content back to its structure element, by a key per page), footnote ids,
named destinations, bookmarks, page labels and XMP page count, each numbered from the
start of the part. The front matter's PDF is the base (it has the document's metadata);
the body parts are appended in order, their keys shifted past the ones already used, and
the document-wide trees are written once at the end, sorted, so the bytes depend only on
the inputs. The front matter's contents page links to ``book-dest:<label>`` placeholders
(its chapters were in other parts); they become links to the named destinations, tagged
as the entries of ``outline()`` are.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, String

PLACEHOLDER = "book-dest:"    # the static contents entries link here; join() resolves it
_NOTE_ID = re.compile(r"Note (\d+)")


@dataclass
class Trees:
    """The document-wide trees, gathered from every part and written back once."""

    parent_tree: list[tuple[int, pikepdf.Object]] = field(default_factory=list)
    next_key: int = 0
    ids: list[tuple[str, pikepdf.Object]] = field(default_factory=list)
    notes: int = 0                                              # footnote ids used so far
    dests: list[tuple[str, pikepdf.Object]] = field(default_factory=list)
    labels: list[tuple[str, int]] = field(default_factory=list)  # per page: (style, number)


def join(front: Path, parts: Sequence[Path], link_texts: Mapping[str, str]) -> bytes:
    """The front matter's PDF followed by the body parts, as one PDF's bytes.

    ``link_texts`` gives each placeholder label the /Contents of its link ("Chapter 1,
    page 1"), as Typst writes it for an outline entry. Every part must start on a recto, so
    a blank verso is added after any part with an odd number of pages.
    """
    with ExitStack() as stack:
        out = stack.enter_context(pikepdf.open(front))
        document = document_element(out)
        trees = read_trees(out)
        pad_to_even(out, trees)
        for number, path in enumerate(parts, 1):
            # a part stays open until saving: copied pages read their streams from it
            part = stack.enter_context(pikepdf.open(path))
            append_part(out, document, part, trees)
            if number < len(parts):
                pad_to_even(out, trees)
        tag_static_entries(out, link_texts)
        link_static_entries(out, trees, link_texts)
        write_trees(out, trees)
        set_page_count(out)
        buffer = io.BytesIO()
        # deterministic_id: the file /ID from the content, not the time; the XMP is already PDF/UA's
        out.save(buffer, deterministic_id=True, fix_metadata_version=False,
                 object_stream_mode=pikepdf.ObjectStreamMode.generate, compress_streams=True)
        return buffer.getvalue()


# ------------------------------------------------------------------ reading

def document_element(pdf: pikepdf.Pdf) -> pikepdf.Dictionary:
    """The structure tree's root element (Typst writes one /Document)."""
    kids = pdf.Root.StructTreeRoot.K
    element = kids[0] if isinstance(kids, Array) else kids
    if element.get("/S") != "/Document":
        raise ValueError("the structure tree does not start with a Document element")
    return element


def name_tree(holder: pikepdf.Object, key: str) -> list[tuple[str, pikepdf.Object]]:
    """A name tree's entries, or none when the tree is absent."""
    if holder is None or key not in holder:
        return []
    return [(str(k), v) for k, v in pikepdf.NameTree(holder[key]).items()]


def page_labels(pdf: pikepdf.Pdf) -> list[tuple[str, int]]:
    """Each page's label as (numbering style, number): runs are re-made after joining."""
    runs = sorted(pikepdf.NumberTree(pdf.Root.PageLabels).items()) if "/PageLabels" in pdf.Root else []
    labels = []
    for index in range(len(pdf.pages)):
        start, spec = max(((k, d) for k, d in runs if k <= index), default=(0, Dictionary()),
                          key=lambda run: run[0])
        labels.append((str(spec.get("/S", "")), int(spec.get("/St", 1)) + index - start))
    return labels


def read_trees(pdf: pikepdf.Pdf) -> Trees:
    """The front matter's trees, the base the parts are added to."""
    root = pdf.Root.StructTreeRoot
    ids = name_tree(root, "/IDTree")
    return Trees(parent_tree=list(pikepdf.NumberTree(root.ParentTree).items()),
                 next_key=int(root.get("/ParentTreeNextKey", 0)), ids=ids,
                 notes=sum(1 for k, _ in ids if _NOTE_ID.fullmatch(k)),
                 dests=name_tree(pdf.Root.get("/Names"), "/Dests"), labels=page_labels(pdf))


# ------------------------------------------------------------------ appending

def pad_to_even(pdf: pikepdf.Pdf, trees: Trees) -> None:
    """A blank verso after an odd page count, so the next part opens on a recto, as in one compile."""
    if len(pdf.pages) % 2 == 0:
        return
    box = pdf.pages[-1].MediaBox
    pdf.add_blank_page(page_size=(float(box[2]) - float(box[0]), float(box[3]) - float(box[1])))
    style, number = trees.labels[-1]
    trees.labels.append((style, number + 1))


def copy_all(out: pikepdf.Pdf, part: pikepdf.Pdf, objects: list[pikepdf.Object]) -> list[pikepdf.Object]:
    """Copy objects of a part in one call: shared objects (pages, elements) are copied once."""
    return list(out.copy_foreign(part.make_indirect(Array(objects))))


def append_part(out: pikepdf.Pdf, document: pikepdf.Dictionary, part: pikepdf.Pdf, trees: Trees) -> None:
    """Pages, structure, footnote ids, destinations, bookmarks and labels of one part."""
    root = part.Root.StructTreeRoot
    offset = trees.next_key
    first = len(out.pages)
    trees.labels += page_labels(part)
    out.pages.extend(part.pages)
    append_structure(out, document, part)
    append_parent_tree(out, part, trees, offset)
    for page in out.pages[first:]:
        shift_struct_parents(page, offset)
    trees.next_key += int(root.get("/ParentTreeNextKey", 0))
    append_ids(out, part, trees)
    names = name_tree(part.Root.get("/Names"), "/Dests")
    trees.dests += zip((k for k, _ in names), copy_all(out, part, [v for _, v in names]))
    append_outline(out, part)


def append_structure(out: pikepdf.Pdf, document: pikepdf.Dictionary, part: pikepdf.Pdf) -> None:
    """The part's top-level elements become the next kids of the book's Document element."""
    source = document_element(part)
    # cut the link to the part's own tree root, or copying would drag it (and its trees) along
    source.P = part.make_indirect(Dictionary())
    for kid in copy_all(out, part, list(source.K)):
        kid.P = document
        document.K.append(kid)


def append_parent_tree(out: pikepdf.Pdf, part: pikepdf.Pdf, trees: Trees, offset: int) -> None:
    """The part's parent tree entries, keyed after those already in the book."""
    entries = list(pikepdf.NumberTree(part.Root.StructTreeRoot.ParentTree).items())
    copied = copy_all(out, part, [v for _, v in entries])
    trees.parent_tree += [(key + offset, value) for (key, _), value in zip(entries, copied)]


def shift_struct_parents(page: pikepdf.Page, offset: int) -> None:
    """A page's /StructParents and its annotations' /StructParent, moved by the part's offset."""
    if "/StructParents" in page.obj:
        page.obj.StructParents = int(page.obj.StructParents) + offset
    for annot in page.obj.get("/Annots", []):
        if "/StructParent" in annot:
            annot.StructParent = int(annot.StructParent) + offset


def append_ids(out: pikepdf.Pdf, part: pikepdf.Pdf, trees: Trees) -> None:
    """Element ids: Typst numbers footnotes "Note 1", "Note 2", … in every part; go on counting."""
    entries = name_tree(part.Root.StructTreeRoot, "/IDTree")
    copied = copy_all(out, part, [v for _, v in entries])
    notes = 0
    for (key, _), element in zip(entries, copied):
        match = _NOTE_ID.fullmatch(key)
        if match:
            key = f"Note {int(match.group(1)) + trees.notes}"
            notes += 1
        else:
            key = f"part{trees.next_key}-{key}"       # any other id: unique in the book
        element.ID = String(key)
        trees.ids.append((key, element))
    trees.notes += notes


def append_outline(out: pikepdf.Pdf, part: pikepdf.Pdf) -> None:
    """The part's top-level bookmarks (with their children) after the book's."""
    if "/Outlines" not in part.Root or "/First" not in part.Root.Outlines:
        return
    items, item = [], part.Root.Outlines.First
    while item is not None:
        items.append(item)
        item = item.get("/Next")
    detached = part.make_indirect(Dictionary())
    for item in items:                       # copy the items, not the part's outline root
        item.Parent = detached
        for key in ("/Next", "/Prev"):
            if key in item:
                del item[key]
    if "/Outlines" not in out.Root:
        out.Root.Outlines = out.make_indirect(Dictionary(Type=Name.Outlines, Count=0))
    outlines = out.Root.Outlines
    for item in copy_all(out, part, items):
        item.Parent = outlines
        last = outlines.get("/Last")
        if last is None:
            outlines.First = item
        else:
            last.Next = item
            item.Prev = last
        outlines.Last = item
        outlines.Count = int(outlines.get("/Count", 0)) + 1 + max(0, int(item.get("/Count", 0)))


# ------------------------------------------------------------------ the contents page

def placeholder(annot: pikepdf.Object) -> str | None:
    """The label a static contents entry links to, or None for any other annotation."""
    action = annot.get("/A")
    if action is None or action.get("/S") != "/URI":
        return None
    uri = str(action.URI)
    return uri[len(PLACEHOLDER):] if uri.startswith(PLACEHOLDER) else None


def link_static_entries(out: pikepdf.Pdf, trees: Trees, link_texts: Mapping[str, str]) -> None:
    """Placeholder links become links to the chapter's named destination, as outline() writes them."""
    names = {name for name, _ in trees.dests}
    for page in out.pages:
        for annot in page.obj.get("/Annots", []):
            label = placeholder(annot)
            if label is None:
                continue
            if label not in names:
                raise ValueError(f"the contents links to '{label}', which no part has")
            del annot["/A"]
            annot.Dest = String(label)
            annot.Contents = String(link_texts[label])


def tag_static_entries(out: pikepdf.Pdf, link_texts: Mapping[str, str]) -> None:
    """The static entries' Link elements, wrapped TOCI > Reference > Link in the contents' TOC.

    ``outline()`` tags its entries so; the static ones are plain links, the direct kids of
    the same parent, right after the TOC (or where it would be, when the front matter has
    no heading of its own for the outline).
    """
    links = [element for element in struct_links(out) if element_placeholder(element) in link_texts]
    if not links:
        return
    parent = links[0].P
    kids = list(parent.K)
    position = next(i for i, kid in enumerate(kids)
                    if isinstance(kid, Dictionary) and kid.objgen == links[0].objgen)
    before = kids[position - 1] if position > 0 else None
    if isinstance(before, Dictionary) and before.get("/S") == "/TOC":
        toc = before
        if not isinstance(toc.K, Array):
            toc.K = Array([toc.K])
    else:
        toc = out.make_indirect(Dictionary(Type=Name.StructElem, S=Name.TOC, P=parent, K=Array()))
        kids.insert(position, toc)
    wrapped = {link.objgen for link in links}
    for link in links:
        item = out.make_indirect(Dictionary(Type=Name.StructElem, S=Name.TOCI, P=toc))
        reference = out.make_indirect(Dictionary(
            Type=Name.StructElem, S=Name.Reference, P=item, K=Array([link]),
            A=Array([Dictionary(O=Name.Layout, Placement=Name.Block)])))
        item.K = Array([reference])
        link.P = reference
        toc.K.append(item)
    parent.K = Array([kid for kid in kids if not (isinstance(kid, Dictionary) and kid.objgen in wrapped)])


def struct_links(out: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """The front matter's Link elements in document order (it is small: a few pages)."""
    found: list[pikepdf.Dictionary] = []

    def walk(node: pikepdf.Object) -> None:
        if isinstance(node, Array):
            for kid in node:
                walk(kid)
        elif isinstance(node, Dictionary) and node.get("/Type") != "/OBJR" and "/S" in node:
            if node.S == "/Link":
                found.append(node)
            if "/K" in node:
                walk(node.K)

    walk(out.Root.StructTreeRoot.K)
    return found


def element_placeholder(element: pikepdf.Dictionary) -> str | None:
    """The placeholder label of a Link element's annotation (its OBJR kid), if any."""
    kids = element.K if isinstance(element.K, Array) else [element.K]
    for kid in kids:
        if isinstance(kid, Dictionary) and kid.get("/Type") == "/OBJR":
            return placeholder(kid.Obj)
    return None


# ------------------------------------------------------------------ writing

def number_tree(entries: list[tuple[int, pikepdf.Object]]) -> Array:
    return Array([x for key, value in sorted(entries, key=lambda e: e[0]) for x in (key, value)])


def name_array(entries: list[tuple[str, pikepdf.Object]]) -> Array:
    """A name tree's /Names, sorted by bytes as the PDF specification requires."""
    if len({key for key, _ in entries}) != len(entries):
        raise ValueError("two parts define the same name")
    ordered = sorted(entries, key=lambda e: e[0].encode("utf-8"))
    return Array([x for key, value in ordered for x in (String(key), value)])


def write_trees(out: pikepdf.Pdf, trees: Trees) -> None:
    """Parent tree, id tree, destinations and page labels, each as one flat, sorted tree."""
    root = out.Root.StructTreeRoot
    root.ParentTree = out.make_indirect(Dictionary(Nums=number_tree(trees.parent_tree)))
    root.ParentTreeNextKey = trees.next_key
    if trees.ids:
        root.IDTree = out.make_indirect(Dictionary(Names=name_array(trees.ids)))
    if trees.dests:
        if "/Names" not in out.Root:
            out.Root.Names = out.make_indirect(Dictionary())
        out.Root.Names.Dests = out.make_indirect(Dictionary(Names=name_array(trees.dests)))
    runs: list[tuple[int, pikepdf.Object]] = []
    for index, (style, number) in enumerate(trees.labels):
        if index and trees.labels[index - 1] == (style, number - 1):
            continue                                   # the run goes on
        spec = Dictionary(Type=Name.PageLabel, St=number)
        if style:
            spec.S = Name(style)
        runs.append((index, spec))
    out.Root.PageLabels = out.make_indirect(Dictionary(Nums=number_tree(runs)))


def set_page_count(out: pikepdf.Pdf) -> None:
    """The XMP's page count (xmpTPg:NPages) is the book's, not the front matter's."""
    xmp = out.Root.Metadata.read_bytes()
    xmp, found = re.subn(rb"<xmpTPg:NPages>\d+</xmpTPg:NPages>",
                         b"<xmpTPg:NPages>%d</xmpTPg:NPages>" % len(out.pages), xmp)
    if found != 1:
        raise ValueError("the XMP metadata has no page count")
    out.Root.Metadata.write(xmp)
