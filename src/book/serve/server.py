"""The preview server: the standard library's threading HTTP server on 127.0.0.1, watchfiles, and server-sent events.

One :class:`Preview` holds the last good :class:`~book.serve.site.Site` and the problems of
the latest build. A watcher thread rebuilds when any file of the manuscript changes and
bumps the version; every open page listens on ``/_events`` and reloads when the version is
not the one it shows. A build that fails keeps the last good site and adds the problems,
which every page shows as an overlay until a build passes again.
"""

from __future__ import annotations

import http.server
import mimetypes
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from book.context import BuildContext, Progress
from book.manuscript.locate import project_root
from book.manuscript.styles import PACKAGE_STYLES, Styles
from book.serve.site import CoverCache, PrintPages, Site, Typesetter, build_site, image_file
from book.support.diagnostics import BookError, Diagnostic, Report

KEEPALIVE = 15.0           # seconds between comments on an idle event stream
PRINT_WIDTH = 380          # CSS pixels of a page in the print view
DEBOUNCE_MS = 50           # a save is usually several writes: wait this long for the last one
READY_MS = 200             # watchfiles returns at least this often, so the first return says it is watching


@dataclass(frozen=True)
class Problem:
    """A diagnostic as the overlay shows it."""

    where: str
    severity: str
    code: str
    message: str


def problems_of(items: list[Diagnostic] | tuple[Diagnostic, ...], root: Path) -> list[Problem]:
    """The overlay's lines, files named from the book's top folder (``manuscript/chapters/…``), not
    from wherever ``book serve`` was started: the page is read beside the book, not beside the shell."""
    shown = []
    for item in items:
        text = item.format(relative_to=root)
        tail = f"{item.severity.value}[{item.code}]: "
        where, _, message = text.partition(tail)
        shown.append(Problem(where.rstrip(": ").strip(), item.severity.value, item.code, message))
    return shown


class Preview:
    """The state of the preview: last good site, current problems, versions; safe across threads."""

    def __init__(self, ctx: BuildContext, progress: Progress, show: Callable[[Report], None] | None = None):
        self.ctx, self.progress = ctx, progress
        self.show = show or (lambda _report: None)     # the console: the same lines a build prints
        self.site: Site | None = None
        self.problems: list[Problem] = []
        self.failed = False        # the latest build failed: the site shown is an older, good one
        self.version = 0
        self.changed = threading.Condition()
        self.covers = CoverCache()
        self.typesetter = Typesetter()
        self.print_pages = PrintPages()
        self.print_problems: list[Problem] = []
        self.print_failed = False       # the latest typesetting failed: the pages shown are older ones
        self.build_lock = threading.Lock()
        self.print_lock = threading.Lock()
        self.stopping = threading.Event()

    def rebuild(self) -> None:
        """Build the site again; keep the last good one when this build fails."""
        with self.build_lock:
            start = time.monotonic()
            try:
                site = build_site(self.ctx, self.progress, self.covers)
            except BookError as exc:
                report, site = exc.report, None
            except Exception as exc:  # an internal error must not stop the server: show it
                report, site = Report(), None
                report.error("E803", f"internal error while building the preview: {type(exc).__name__}: {exc}")
            else:
                report = Report(list(site.warnings))
            problems = problems_of(report.items, project_root(self.ctx.manuscript_dir))
            self.show(report)
            if self.ctx.memo is not None:
                self.ctx.memo.sweep()
            with self.changed:
                if site is not None:
                    self.site = site
                self.problems = problems
                self.failed = site is None
                self.version += 1
                self.changed.notify_all()
            errors = sum(p.severity == "error" for p in problems)
            self.progress(f"Preview {'updated' if site else 'kept (the build has problems)'} in "
                          f"{time.monotonic() - start:.2f} s" + (f": {errors} error{'s' * (errors != 1)}" if errors else ""))

    def wait_for_change(self, seen: int, timeout: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.version != seen or self.stopping.is_set(), timeout=timeout)
            return self.version

    def typeset(self) -> None:
        """The print view's pages, typeset again when the book changed since the last time."""
        with self.print_lock:
            version = self.version
            if self.print_pages.version == version or self.site is None:
                return
            start = time.monotonic()
            said = Report()          # pandoc's warnings on the print conversion, as `book build pdf` says them
            try:
                pdf = self.typesetter.pdf(self.ctx, self.progress, said)
            except BookError as exc:
                said, pdf = Report(said.items + exc.report.items), None
            self.print_problems = problems_of(said.items, project_root(self.ctx.manuscript_dir))
            self.print_failed = pdf is None or said.failed(self.ctx.strict)
            known = set(self.site.warnings) if self.site is not None else set()
            if fresh := [item for item in said.items if item not in known]:   # the site's build said the rest
                self.show(Report(fresh))
            if self.print_failed:       # the last good pages stay, as a failed `book build pdf` leaves the PDF
                self.print_pages.version = version
                return
            self.print_pages = PrintPages(pdf, version, time.monotonic() - start)
            self.progress(f"Print view typeset in {self.print_pages.seconds:.2f} s: {self.print_pages.count} pages")

    def styles(self) -> Styles:
        if self.site is not None:
            return Styles.of(self.site.manuscript)
        return Styles((self.ctx.manuscript_dir / "styles", PACKAGE_STYLES))


LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]")


def local_host(header: str) -> bool:
    """Whether a request's ``Host`` names this machine. The server listens on 127.0.0.1 only, but a
    web page the editor has open elsewhere can point a name it controls at 127.0.0.1 (DNS
    rebinding) and read the preview, drafts and names of real people included; such a request
    carries that name in ``Host`` and is refused, as Jupyter and Vite's dev server refuse it."""
    name = header.strip().lower()
    if not name.startswith("["):
        name = name.rsplit(":", 1)[0] if name.count(":") == 1 else name
    else:
        name = name.split("]", 1)[0] + "]"
    return name.removesuffix(".") in LOCAL_HOSTS


def make_handler(preview: Preview) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        server_version = "book-serve"
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
            """Quiet: the console shows builds, not requests."""

        def do_GET(self) -> None:  # noqa: N802 - the base class's name
            path = urllib.parse.urlparse(self.path).path
            try:
                if not local_host(self.headers.get("Host", "")):
                    return self.send(b"book serve answers only to localhost", "text/plain", 403)
                if path == "/_events":
                    return self.events()
                if path in ("/", "/index.html"):
                    return self.redirect("/nav.xhtml")
                if path.startswith("/_serve/"):
                    return self.style_file(path.removeprefix("/_serve/"), ("live.js", "serve.css"))
                if path == "/css/book.css":
                    return self.send(preview.styles().find("epub/book.css").read_bytes(), "text/css")
                if path == "/print":
                    return self.print_view()
                if path.startswith("/print/page-") and path.endswith(".png"):
                    return self.print_image(path)
                site = preview.site
                name = urllib.parse.unquote(path.lstrip("/"))
                if site is not None and name == site.cover[0]:
                    return self.send(site.cover[1], site.cover[2])
                if name.endswith(".xhtml"):
                    return self.page(name)
                if site is not None:
                    image = image_file(site.manuscript, name)
                    if image is not None:
                        return self.send(image.read_bytes(), mimetypes.guess_type(image.name)[0] or "image/png")
                self.send(b"not found", "text/plain", 404)
            except (BrokenPipeError, ConnectionResetError):
                return

        # -- responses
        def send(self, body: bytes, media_type: str, status: int = 200) -> None:
            self.send_response(status)
            self.send_header("Content-Type", media_type + ("; charset=utf-8" if media_type.startswith("text/") else ""))
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.end_headers()
            self.wfile.write(body)

        def redirect(self, where: str) -> None:
            self.send_response(302)
            self.send_header("Location", where)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def style_file(self, name: str, allowed: tuple[str, ...]) -> None:
            if name not in allowed:
                return self.send(b"not found", "text/plain", 404)
            media = "text/javascript" if name.endswith(".js") else "text/css"
            self.send(preview.styles().find(f"serve/{name}").read_bytes(), media)

        def page(self, name: str) -> None:
            with preview.changed:
                site, problems, version = preview.site, list(preview.problems), preview.version
                kept = preview.failed and site is not None
            page = site.page(name) if site is not None else None
            if site is not None and page is None:     # a chapter renamed or removed: back to the contents
                return self.redirect("/nav.xhtml")
            previous, following = site.neighbours(page) if site is not None and page is not None else (None, None)
            config = site.manuscript.config if site is not None else None
            html = preview.styles().environment.get_template("serve/page.html.j2").render(
                lang=config.language if config else "en", book_title=config.title if config else "book serve",
                title=page.title if page else "No good build yet", body=page.body if page else "",
                matter_type=page.matter_type if page else "", previous=previous, next=following,
                problems=problems, kept=kept, version=version)
            self.send(html.encode("utf-8"), "text/html")

        def print_view(self) -> None:
            preview.typeset()
            with preview.changed:
                site, version = preview.site, preview.version
            pages = preview.print_pages
            config = site.manuscript.config if site is not None else None
            page_width, page_height = config.print.page_size if config else (432.0, 648.0)
            html = preview.styles().environment.get_template("serve/print.html.j2").render(
                width=PRINT_WIDTH, height=round(PRINT_WIDTH * page_height / page_width),
                lang=config.language if config else "en", book_title=config.title if config else "book serve",
                pages=[{"number": n, "label": label} for n, label in enumerate(pages.labels, start=1)],
                print_version=pages.version, seconds=pages.seconds,
                problems=preview.print_problems or [p for p in preview.problems if p.severity == "error"],
                failed=preview.print_failed or preview.failed,
                version=version)
            self.send(html.encode("utf-8"), "text/html")

        def print_image(self, path: str) -> None:
            number = path.removeprefix("/print/page-").removesuffix(".png")
            image = preview.print_pages.image(int(number)) if number.isdigit() else None
            if image is None:
                return self.send(b"no such page", "text/plain", 404)
            self.send(image, "image/png")

        def events(self) -> None:
            """Server-sent events: the current version at once, then each new one; comments keep it open."""
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            seen = preview.version
            self.wfile.write(f"retry: 500\ndata: {seen}\n\n".encode())
            self.wfile.flush()
            while not preview.stopping.is_set():
                version = preview.wait_for_change(seen, KEEPALIVE)
                if preview.stopping.is_set():
                    break
                self.wfile.write(f"data: {version}\n\n".encode() if version != seen else b": still here\n\n")
                self.wfile.flush()
                seen = version

    return Handler


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True            # open event streams never keep the process alive
    allow_reuse_address = True


def watch(preview: Preview, roots: list[Path], ignore: list[Path], ready: threading.Event | None = None) -> None:
    """Rebuild whenever a file under ``roots`` changes (until the preview stops).

    ``ready`` is set once the watches are in place (watchfiles' first return, a change or the
    short timeout): the server announces its address only then, so an edit saved the moment it
    starts is never missed.
    """
    import watchfiles

    ignored = [p.resolve() for p in ignore]
    usual = watchfiles.DefaultFilter()      # editors' swap and backup files, .git, caches

    def wanted(change: watchfiles.Change, path: str) -> bool:
        resolved = Path(path).resolve()
        if any(resolved.is_relative_to(p) for p in ignored) or path.endswith(".tmp"):
            return False
        return usual(change, path)

    for changes in watchfiles.watch(*roots, watch_filter=wanted, debounce=DEBOUNCE_MS, step=20,
                                    stop_event=preview.stopping, raise_interrupt=False,
                                    rust_timeout=READY_MS, yield_on_timeout=True):
        if ready is not None:
            ready.set()
        if changes:
            preview.rebuild()
