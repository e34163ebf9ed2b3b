"""The PREVIEW: ``book serve``, the book as a local website that follows every change.

In: the run's :class:`~book.context.BuildContext` (the manuscript found, the cache beside the
outputs), a port. Out: a web server on 127.0.0.1 until Ctrl-C, showing the contents, every
page as the EPUB renders it with the book's CSS, and a print view with the PDF's pages as
images. Any change to a manuscript file (a chapter, book.yaml, a source, a style) rebuilds
the pages that the check stage and the cache say changed, and open pages reload; problems
are shown over the last good version. It sits beside :mod:`book.release`, above the
pipeline, and writes nothing but the build cache.
"""

from __future__ import annotations

import threading
import webbrowser
from collections.abc import Callable

from book.context import BuildContext, Progress
from book.support.diagnostics import BookError, Report
from book.support.signals import stopping_cleanly

WATCH_START_S = 10     # the longest wait for the file watcher before serving anyway


def serve(ctx: BuildContext, port: int, progress: Progress, announce: Callable[[str], None],
          open_browser: bool = False, host: str = "127.0.0.1",
          show: Callable[[Report], None] | None = None) -> None:
    """Serve the book until interrupted; ``announce`` receives the address once the server listens,
    ``show`` the problems of each rebuild (the page shows them too)."""
    from book.serve.server import Preview, Server, make_handler, watch

    preview = Preview(ctx, progress, show)
    try:
        server = Server((host, port), make_handler(preview))
    except OSError as exc:
        raise BookError(f"cannot listen on {host}:{port}: {exc.strerror or exc}: "
                        "choose another port with --port (0 picks a free one)", "E804") from None
    watcher: threading.Thread | None = None
    with stopping_cleanly():      # SIGINT too when inherited ignored (`book serve &`); SIGHUP not under nohup
        try:
            # The watcher first, so that nothing saved during the first build or just after it is missed.
            watching = threading.Event()
            watcher = threading.Thread(target=watch, name="book-watch", daemon=True,
                                       args=(preview, [ctx.manuscript_dir], [ctx.out_dir], watching))
            watcher.start()
            preview.rebuild()
            watching.wait(timeout=WATCH_START_S)
            url = f"http://{host}:{server.server_address[1]}/"
            announce(url)
            if open_browser:
                webbrowser.open(url)
            server.serve_forever(poll_interval=0.2)
        except KeyboardInterrupt:
            progress("Stopped")
        finally:
            preview.stopping.set()
            with preview.changed:
                preview.changed.notify_all()
            server.server_close()
            if watcher is not None:
                watcher.join(timeout=2)
