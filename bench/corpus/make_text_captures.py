"""Make the browser-copy text captures of the corpus's comment-thread pages.

A text capture is what an editor gets by selecting a whole page in a browser
and copying it. Chromium's ``innerText`` of the body is that text; this script
opens each thread page (scripts off, as saved) in Debian's Chromium through
Playwright and writes ``pages/<id>.txt.gz``, with a truth entry copied from the
HTML page's (same title, author, date and comments). Pages that already have a
copy are left alone (a newer Chromium may copy differently). Run from bench/:

    python corpus/make_text_captures.py
"""

from __future__ import annotations

import gzip
import json
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent


def main() -> None:
    truth = json.loads((HERE / "truth.json").read_text(encoding="utf-8"))
    pages = [p for p in truth["pages"] if p.get("comments") and not p["file"].endswith(".txt.gz")]
    known = {p["id"] for p in truth["pages"]}
    with sync_playwright() as pw, tempfile.TemporaryDirectory() as tmp:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        context = browser.new_context(java_script_enabled=False, offline=True)
        for page_truth in pages:
            if (HERE / "pages" / f"{page_truth['id']}-copy.txt.gz").exists():
                continue
            html_path = Path(tmp) / "page.html"
            html_path.write_bytes(gzip.decompress((HERE / page_truth["file"]).read_bytes()))
            page = context.new_page()
            page.goto(html_path.as_uri(), wait_until="domcontentloaded")
            text = page.evaluate("document.body.innerText")
            page.close()
            text_id = page_truth["id"] + "-copy"
            target = HERE / "pages" / f"{text_id}.txt.gz"
            with gzip.GzipFile(target, "wb", compresslevel=9, mtime=0) as out:
                out.write(text.encode("utf-8"))
            if text_id not in known:
                entry = dict(page_truth, id=text_id, file=f"pages/{text_id}.txt.gz",
                             origin=page_truth["origin"] + " (copied as text by Chromium, innerText)")
                truth["pages"].append(entry)
        browser.close()
    (HERE / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
