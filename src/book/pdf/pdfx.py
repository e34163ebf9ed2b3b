"""PDF/X-4 (ISO 15930-7) for printers that want it, as a post-process of Typst's PDF.

Typst cannot write PDF/X itself, so its (tagged) PDF is read with pikepdf and given what
PDF/X-4 asks of a black-and-white interior:

- an output intent (``/GTS_PDFX``) with a grey output profile shipped in the package
  (``icc/Gray-output.icc``, zlib licence; see ``icc/README.txt``);
- a TrimBox and a BleedBox on every page, equal to the MediaBox (a text interior has no
  bleed), inside it as the standard asks;
- ``/Trapped /False`` and the PDF/X identification ``PDF/X-4`` in the document information
  and in the XMP (``pdfxid:GTS_PDFXVersion``), with ``xmpMM:VersionID`` and
  ``xmpMM:RenditionClass default``;
- no annotations (the contents' and notes' links would be inside the trim), and no
  structure-tree references to them;
- PDF version 1.6 in the header and in the XMP.

Fonts are embedded by Typst already and colours are ICC-based grey; ``check_pdfx`` reads
a file back for each of these requirements. The bytes depend only on the input bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import uuid
from pathlib import Path

ICC_PROFILE = Path(__file__).with_name("icc") / "Gray-output.icc"
PDFX_VERSION = "PDF/X-4"
OUTPUT_CONDITION = "Custom"
OUTPUT_INFO = "Black-and-white print on demand: one ink, gamma 2.2 grey (Gray.icc, ICC Profiles Free)"
PDF_VERSION = "1.6"


def make_pdfx4(data: bytes, *, title: str, when: dt.datetime) -> bytes:
    """Typst's PDF as PDF/X-4; the same bytes in give the same bytes out."""
    import pikepdf

    digest = hashlib.sha256(data).hexdigest()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        _remove_annotations(pdf)
        for page in pdf.pages:
            box = pikepdf.Array([float(v) for v in page.mediabox])
            page.obj.TrimBox = box
            page.obj.BleedBox = pikepdf.Array(list(box))
            if "/CropBox" in page.obj:
                del page.obj["/CropBox"]
        profile = pdf.make_stream(ICC_PROFILE.read_bytes())
        profile.N = 1
        pdf.Root.OutputIntents = pikepdf.Array([pikepdf.Dictionary(
            Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFX,
            OutputConditionIdentifier=pikepdf.String(OUTPUT_CONDITION),
            OutputCondition=pikepdf.String(OUTPUT_INFO), Info=pikepdf.String(OUTPUT_INFO),
            RegistryName=pikepdf.String("http://www.color.org"), DestOutputProfile=profile,
        )])
        info = pdf.docinfo
        info.GTS_PDFXVersion = pikepdf.String(PDFX_VERSION)
        info.Trapped = pikepdf.Name("/False")
        if "/Title" not in info:
            info.Title = pikepdf.String(title)
        stamp = when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+00:00")
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta["pdfxid:GTS_PDFXVersion"] = PDFX_VERSION
            meta["pdf:Trapped"] = "False"
            meta["pdf:PDFVersion"] = PDF_VERSION
            meta["xmpMM:RenditionClass"] = "default"
            meta["xmpMM:VersionID"] = "1"
            meta["xmpMM:DocumentID"] = f"uuid:{uuid.UUID(digest[:32])}"
            meta["xmpMM:InstanceID"] = f"uuid:{uuid.UUID(digest[32:])}"
            for key in ("xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"):
                if key not in meta:
                    meta[key] = stamp
        out = io.BytesIO()
        pdf.save(out, force_version=PDF_VERSION, deterministic_id=True, fix_metadata_version=False)
        return out.getvalue()


def _remove_annotations(pdf) -> None:
    """Drop every annotation and the structure tree's object references to them (``/OBJR``)."""
    import pikepdf

    for page in pdf.pages:
        if "/Annots" in page.obj:
            del page.obj["/Annots"]
    if "/StructTreeRoot" not in pdf.Root:
        return
    seen: set[tuple[int, int]] = set()

    def is_objr(kid) -> bool:
        return isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR"

    stack = [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        if node.is_indirect:
            if node.objgen in seen:
                continue
            seen.add(node.objgen)
        kids = node.get("/K")
        if isinstance(kids, pikepdf.Array):
            kept = [kid for kid in kids if not is_objr(kid)]
            if len(kept) != len(kids):
                node.K = pikepdf.Array(kept)
            stack.extend(kid for kid in kept if isinstance(kid, pikepdf.Dictionary))
        elif isinstance(kids, pikepdf.Dictionary):
            if is_objr(kids):
                del node["/K"]
            else:
                stack.append(kids)
    # The parent tree's entries for the annotations' /StructParent keys point at elements, not at
    # the annotations, so they stay valid; they are simply no longer used.
