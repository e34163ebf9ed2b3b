"""Make the browser-copy text captures of the corpus.

A text capture is what an editor gets by selecting a whole page in a browser
and copying it. Chromium's ``innerText`` of the body is that text; this script
opens a page (scripts off, as saved) in Debian's Chromium through Playwright
and writes ``pages/<id>.txt.gz``.

Two uses, run from bench/:

    python corpus/make_text_captures.py
        every thread page of truth.json gets a ``-copy`` capture with a truth
        entry copied from the HTML page's (pages that have one are left alone);

    python corpus/make_text_captures.py --from page.html --id tc-x-copy [--variant from-title:TITLE|tight|crlf]
        one capture from any saved page, for a truth entry written by hand.

Variants stand for the other ways people copy: ``from-title`` keeps what
follows the first line equal to TITLE (a selection that starts at the post's
headline, without the site's navigation); ``tight`` drops blank lines (some
browsers copy block boundaries as single newlines); ``crlf`` ends lines with
CR LF and turns runs of spaces into no-break spaces (a copy from Windows).
"""

from __future__ import annotations

import argparse
import gzip
import json
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent


def inner_text(context, html: bytes, tmp: str) -> str:
    """The page's ``document.body.innerText`` as Chromium copies it."""
    html_path = Path(tmp) / "page.html"
    html_path.write_bytes(html)
    page = context.new_page()
    page.goto(html_path.as_uri(), wait_until="domcontentloaded")
    text = page.evaluate("document.body.innerText")
    page.close()
    return text


def apply_variant(text: str, variant: str | None) -> str:
    """The copy as another selection or browser gives it (see the module's docstring)."""
    if not variant:
        return text
    if variant.startswith("from-title:"):
        title = " ".join(variant.split(":", 1)[1].split())
        lines = text.split("\n")
        start = next(k for k, line in enumerate(lines) if " ".join(line.split()) == title)
        return "\n".join(lines[start:])
    if variant == "tight":
        return "\n".join(line for line in text.split("\n") if line.strip())
    if variant == "crlf":
        return text.replace("  ", "\u00a0 ").replace("\n", "\r\n")
    raise SystemExit(f"unknown variant {variant!r}")


def write_capture(target: Path, text: str) -> None:
    with gzip.GzipFile(target, "wb", compresslevel=9, mtime=0) as out:
        out.write(text.encode("utf-8"))


def copies_of_thread_pages(context, tmp: str) -> None:
    truth = json.loads((HERE / "truth.json").read_text(encoding="utf-8"))
    pages = [p for p in truth["pages"] if p.get("comments") and p["file"].endswith(".html.gz")]
    known = {p["id"] for p in truth["pages"]}
    for page_truth in pages:
        target = HERE / "pages" / f"{page_truth['id']}-copy.txt.gz"
        if target.exists():
            continue
        text = inner_text(context, gzip.decompress((HERE / page_truth["file"]).read_bytes()), tmp)
        write_capture(target, text)
        text_id = page_truth["id"] + "-copy"
        if text_id not in known:
            entry = dict(page_truth, id=text_id, file=f"pages/{text_id}.txt.gz",
                         origin=page_truth["origin"] + " (copied as text by Chromium, innerText)")
            truth["pages"].append(entry)
    (HERE / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--from", dest="source", type=Path, help="a saved HTML page")
    parser.add_argument("--id", help="the capture's id (pages/<id>.txt.gz)")
    parser.add_argument("--variant", help="from-title:TITLE, tight or crlf")
    args = parser.parse_args()
    with sync_playwright() as pw, tempfile.TemporaryDirectory() as tmp:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        context = browser.new_context(java_script_enabled=False, offline=True)
        if args.source:
            text = apply_variant(inner_text(context, args.source.read_bytes(), tmp), args.variant)
            write_capture(HERE / "pages" / f"{args.id}.txt.gz", text)
        else:
            copies_of_thread_pages(context, tmp)
        browser.close()


if __name__ == "__main__":
    main()
