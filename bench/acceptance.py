"""Issues 13, 15 and 16's checks, run as an outsider runs them: the built wheel in a fresh virtual environment.

    python bench/acceptance.py [--work /tmp/book-acceptance] [--venv DIR] [--no-serve] [--only NAME,...]
                               [--quick-start [--whole-suite]]

1. Builds the wheel of this checkout and installs it, with the dependencies from ``requirements.lock``,
   into a fresh venv (``--venv DIR`` reuses one made so before: installing takes minutes).
2. In an empty folder: ``book new``, then ``book check`` and ``book build all`` from its ``chapters/``
   subfolder (target: new + build all < 10 s); the small things (``book build`` without a target, ``-o``
   with the wrong suffix, ``-m`` with the folder, its ``book.yaml`` or a typo, ``NO_COLOR`` at a terminal,
   the order of ``book --help``, the completion script), and no folder made outside the book.
3. ``book serve`` from a subfolder of the sample reader, in headless Chromium (Debian's, by Playwright):
   a chapter edited on disk and the time until its new text shows (target <= 1 s), a broken excerpt shown
   as an overlay naming file and line, the overlay gone once fixed, the print view's pages, and Ctrl-C
   leaving no process behind.
4. The sample reader built by the fresh venv and by the running environment, ``SOURCE_DATE_EPOCH`` fixed:
   the same SHA-256 for the EPUB and the PDF.
5. Issue 15, in the same venv, on a built ``book new`` book: hostile inputs from the issue's list (a named
   pipe and a symlink to /dev/zero listed as chapters, a symlink loop, a scripted SVG, a corrupt PNG, a
   remote image, a NUL, invalid UTF-8, an empty source, impossible dates, a cache full of garbage, a
   capture with ``javascript:`` addresses and raw-text elements, quoted in the book) and ``book build all``
   interrupted: each ends in exit 0 or a one-line error naming its file (and line), no traceback, under
   60 s and 2 GB, the previous outputs byte-identical, no temporary file left, nothing executable or
   remote in the EPUB or the source file.
6. Issue 13: three pages of the corpus's dev set (an HTML page, its text copy, a thread with pingbacks)
   imported from a subfolder with ``book sources import``, read back with ``book sources show --json``
   (how every author was found, warnings counted, title/author/date and the thread against the truth)
   and ``book sources review`` opened in Chromium (no console error, every unit shown).
7. With ``--quick-start``: the README's Quick start, both lines as written, in a fresh clone of this
   checkout's HEAD (the second line's test suite is only collected unless ``--whole-suite``: the whole
   suite takes a machine for itself).

Prints one PASS or FAIL line per check, with its figure, and exits 1 when any failed. The wall times
depend on the machine's load; each timed step also prints its CPU time (the process and its children).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import pty
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

from loop import edit_latencies  # noqa: E402
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"]
FAILED: list[str] = []


def result(name: str, ok: bool, detail: str = "") -> None:
    if not ok:
        FAILED.append(name)
    print(f"{'PASS' if ok else 'FAIL'}  {name}  {detail}".rstrip(), flush=True)


def outsider_env(venv: Path) -> dict[str, str]:
    """A user's environment: the venv's bin first, no checkout on PYTHONPATH, bytecode written as installed."""
    env = {**os.environ, "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    for name in ("PYTHONPATH", "PYTHONDONTWRITEBYTECODE", "NO_COLOR", "PYDANTIC_DISABLE_PLUGINS"):
        env.pop(name, None)
    return env


def book(venv: Path, cwd: Path, *args: str,
         env: dict[str, str] | None = None) -> tuple[subprocess.CompletedProcess, float, float]:
    """Run the venv's ``book``; (process, wall seconds, CPU seconds of it and its children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([str(venv / "bin" / "book"), *args], cwd=cwd, env=env or outsider_env(venv),
                          capture_output=True, text=True, timeout=600)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return done, time.perf_counter() - start, cpu


def make_venv(work: Path) -> Path:
    dist, venv = work / "dist", work / "venv"
    shutil.rmtree(dist, ignore_errors=True)
    shutil.rmtree(venv, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "-w", str(dist), str(REPO)], check=True)
    subprocess.run([*pip, "install", "-r", str(REPO / "requirements.lock")], check=True)
    subprocess.run([*pip, "install", "--no-deps", str(next(dist.glob("book-*.whl")))], check=True)
    return venv


def folders(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_dir()}


def at_a_terminal(venv: Path, cwd: Path, args: list[str], env: dict[str, str]) -> str:
    """What ``book`` writes to a terminal (a pseudo-terminal: colour is for terminals only)."""
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(cwd)
        os.execve(str(venv / "bin" / "book"), ["book", *args], env)
    out = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    os.waitpid(pid, 0)
    return out.decode("utf-8", "replace")


def check_new_and_build(venv: Path, work: Path) -> None:
    empty = work / "empty"
    shutil.rmtree(empty, ignore_errors=True)
    empty.mkdir()
    made, wall_new, cpu_new = book(venv, empty, "new", "mine", "--title", "Mine")
    result("book new", made.returncode == 0, f"{wall_new:.1f} s (CPU {cpu_new:.2f} s)")
    inside = empty / "mine" / "manuscript" / "chapters"
    before = folders(empty)
    checked, wall_check, cpu_check = book(venv, inside, "check")
    result("book check from chapters/", checked.returncode == 0, f"{wall_check:.1f} s (CPU {cpu_check:.2f} s)")
    built, wall_build, cpu_build = book(venv, inside, "build", "all", "-q")
    outputs = sorted(p.name for p in (empty / "mine" / "build").iterdir() if p.is_file())
    result("book build all from chapters/", built.returncode == 0 and outputs == ["mine.epub", "mine.pdf"],
           f"{wall_build:.1f} s (CPU {cpu_build:.2f} s): {outputs}")
    total = wall_new + wall_build
    result("new + build all < 10 s", total < 10, f"{total:.1f} s wall, CPU {cpu_new + cpu_build:.2f} s, "
           f"load {os.getloadavg()[0]:.1f}")
    plain, _, _ = book(venv, inside, "build", "-q")
    result("book build without a target: every output", plain.returncode == 0 and len(plain.stdout.split()) == 2,
           plain.stdout.strip().replace("\n", " "))
    wrong, _, _ = book(venv, inside, "build", "epub", "-o", str(work / "x.pdf"))
    result("-o with the wrong suffix: usage error", wrong.returncode == 2 and ".epub" in wrong.stderr,
           wrong.stderr.strip()[:120])
    for given in ("mine/manuscript", "mine/manuscript/book.yaml"):
        found, _, _ = book(venv, empty, "check", "-q", "-m", given)
        result(f"-m {given}", found.returncode == 0, found.stderr.strip()[:120])
    typo, _, _ = book(venv, empty, "check", "-q", "-m", "mine/manuscrpt")
    result("-m with a typo: did-you-mean, exit 2", typo.returncode == 2 and "did you mean" in typo.stderr,
           typo.stderr.strip()[:140])
    chapter = inside / "01-first-chapter.md"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text + "\n::: nosuchsection\nx\n:::\n", encoding="utf-8")
    env = outsider_env(venv)
    coloured = at_a_terminal(venv, inside, ["check"], env)
    plain_tty = at_a_terminal(venv, inside, ["check"], {**env, "NO_COLOR": "1"})
    piped, _, _ = book(venv, inside, "check")
    chapter.write_text(text, encoding="utf-8")
    result("colour at a terminal, none with NO_COLOR or in a pipe",
           "\x1b[" in coloured and "\x1b[" not in plain_tty and "\x1b[" not in piped.stderr and "error[" in plain_tty)
    helped, _, _ = book(venv, empty, "--help")
    commands = re.findall(r"^  (\w+)\s", helped.stdout.split("Commands:", 1)[-1], re.M)
    result("book --help in workflow order", commands[:5] == ["new", "sources", "check", "serve", "build"],
           " ".join(commands))
    completion = subprocess.run([str(venv / "bin" / "book")], env={**env, "_BOOK_COMPLETE": "bash_source"},
                                capture_output=True, text=True)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    result("shell completion: a script, documented", "complete " in completion.stdout
           and "_BOOK_COMPLETE=bash_source book" in readme)
    book(venv, inside, "stats")
    book(venv, inside, "sources", "list")
    new_folders = sorted(folders(empty) - before)
    result("no folder made outside the book's build/", all(f.startswith("mine/build") for f in new_folders),
           ", ".join(new_folders))


def descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def running(pid: int) -> bool:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def check_serve(venv: Path, work: Path) -> None:
    from playwright.sync_api import sync_playwright

    place = work / "serve"
    shutil.rmtree(place, ignore_errors=True)
    place.mkdir()
    book(venv, place, "new", "reader", "--sample", "-q")
    chapters = place / "reader" / "manuscript" / "chapters"
    chapter = sorted(chapters.glob("*.md"))[0]
    original = chapter.read_text(encoding="utf-8")
    server = subprocess.Popen([str(venv / "bin" / "book"), "serve", "--port", "0"], cwd=chapters,
                              env=outsider_env(venv), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    said: list[str] = []
    try:
        url = server.stdout.readline().strip().rstrip("/")
        threading.Thread(target=lambda: said.extend(server.stderr), daemon=True).start()
        result("book serve prints its address", url.startswith("http://127.0.0.1:"), url)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(url + "/")
            links = page.locator("a").evaluate_all("(as) => as.map(a => a.getAttribute('href'))")
            page.goto(f"{url}/{next(h for h in links if h and 'ch01' in h)}")
            latencies = edit_latencies(page, chapter, 5, "Acceptance")
            result("an edit shows in the page <= 1 s", max(latencies) <= 1.0,
                   f"{', '.join(f'{s:.2f}' for s in latencies)} s, load {os.getloadavg()[0]:.1f}")
            lines = chapter.read_text(encoding="utf-8").splitlines(keepends=True)
            opening = next(i for i, line in enumerate(lines) if line.startswith(":::") and "excerpt" in line)
            body = next(i for i in range(opening + 1, len(lines)) if lines[i].strip())
            lines[body] = "Zyzzyva " + lines[body].split(" ", 1)[1]
            chapter.write_text("".join(lines), encoding="utf-8")
            where = f"{chapter.name}:{body + 1}"
            try:
                page.wait_for_function(f"() => document.body.innerText.includes({where!r})", timeout=15000)
                result("a broken excerpt: an overlay naming file:line", True, where)
            except Exception as exc:  # noqa: BLE001 - Playwright's timeout: the check failed
                result("a broken excerpt: an overlay naming file:line", False, f"{where} not shown: {exc}"[:200])
            chapter.write_text(original, encoding="utf-8")
            try:
                page.wait_for_function(f"() => !document.body.innerText.includes({where!r})", timeout=15000)
                result("the overlay gone once fixed", True)
            except Exception as exc:  # noqa: BLE001
                result("the overlay gone once fixed", False, str(exc)[:200])
            start = time.perf_counter()
            page.goto(url + "/print")
            page.locator("img").first.wait_for(timeout=120000)
            result("the print view shows the pages", page.locator("img").count() > 0,
                   f"{page.locator('img').count()} pages, {time.perf_counter() - start:.1f} s")
            browser.close()
        family = descendants(server.pid) | {server.pid}
        server.send_signal(signal.SIGINT)
        status = server.wait(timeout=30)
        time.sleep(1)
        left = sorted(p for p in family if running(p))
        result("Ctrl-C: exit 0, no process left", status == 0 and not left, f"exit {status}, left {left}")
        result("no traceback", not any("Traceback" in line for line in said))
    finally:
        chapter.write_text(original, encoding="utf-8")
        if server.poll() is None:
            server.kill()


def check_same_bytes(venv: Path, work: Path) -> None:
    """The sample reader from the fresh venv and from the running environment (this checkout)."""
    epoch = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=REPO, capture_output=True,
                           text=True).stdout.strip() or "1700000000"
    digests = {}
    for name in ("fresh", "running"):
        out = work / f"same-{name}"
        shutil.rmtree(out, ignore_errors=True)
        if name == "fresh":
            done, _, _ = book(venv, REPO, "build", "all", "--no-cache", "-q", "-m", str(REPO / "manuscript"),
                              "--out-dir", str(out), env={**outsider_env(venv), "SOURCE_DATE_EPOCH": epoch})
        else:
            done = subprocess.run([sys.executable, "-m", "book", "build", "all", "--no-cache", "-q", "-m",
                                   str(REPO / "manuscript"), "--out-dir", str(out)], capture_output=True, text=True,
                                  env={**os.environ, "PYTHONPATH": str(REPO / "src"), "SOURCE_DATE_EPOCH": epoch})
        assert done.returncode == 0, done.stderr
        digests[name] = {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
                         for p in sorted(out.iterdir()) if p.is_file()}
    result("the same SHA-256 from the fresh venv and this environment", digests["fresh"] == digests["running"],
           ", ".join(f"{k} {v[:12]}" for k, v in digests["fresh"].items()))


# ------------------------------------------------------------------ issue 15: hostile input, in the venv

def measured(venv: Path, cwd: Path, *args: str, env: dict[str, str],
             timeout: float = 120) -> tuple[int, str, str, float, float]:
    """Run the venv's ``book``: (exit status, stdout, stderr, wall seconds, peak memory in MB of it and the
    children it waited for), read from ``wait4`` so that each run's peak is its own."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen([str(venv / "bin" / "book"), *args], cwd=cwd, env=env, stdout=out, stderr=err)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        return (proc.returncode, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                wall, usage.ru_maxrss / 1024)


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*"))
            if p.is_file() and p.suffix in (".epub", ".pdf")}


def leftovers(book_dir: Path, scratch: Path) -> list[str]:
    """Temporary files a run left: in the book's build/ (beside its outputs and cache) and in TMPDIR."""
    build = book_dir / "build"
    left = [f"build/{p.name}" for p in build.iterdir() if p.name != ".cache" and p.suffix not in (".epub", ".pdf")] \
        if build.is_dir() else []
    return left + [f"TMPDIR/{p.name}" for p in scratch.iterdir()]


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _in_voices(book_dir: Path, text: str) -> None:
    """Put ``text`` at the end of the first chapter's voices section, where a picture or a quotation goes."""
    chapter = book_dir / "manuscript" / "chapters" / "01-first-chapter.md"
    lines = chapter.read_text(encoding="utf-8").splitlines(keepends=True)
    close = next(i for i, line in enumerate(lines) if line.rstrip("\n") == ":::")    # not the indented example
    chapter.write_text("".join(lines[:close]) + "\n" + text + "\n\n" + "".join(lines[close:]), encoding="utf-8")


def _listed(book_dir: Path, name: str) -> Path:
    """A second chapter listed in book.yaml, for the caller to make as a special file."""
    _append_after(book_dir / "manuscript" / "book.yaml", "  - chapters/01-first-chapter.md\n", f"  - chapters/{name}\n")
    return book_dir / "manuscript" / "chapters" / name


def _append_after(path: Path, anchor: str, text: str) -> None:
    content = path.read_text(encoding="utf-8")
    assert anchor in content, (path, anchor)
    path.write_text(content.replace(anchor, anchor + text, 1), encoding="utf-8")


def _garbage_cache(book_dir: Path) -> None:
    for path in (book_dir / "build" / ".cache").rglob("*"):
        if path.is_file():
            path.write_bytes(os.urandom(64) + b"\x00{garbage")


SVG = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10" '
       'onload="alert(1)"><script>alert(2)</script><a xlink:href="javascript:alert(3)"><rect width="10" height="10"/>'
       '</a><image href="https://example.com/x.png" width="5" height="5"/></svg>\n')


@dataclass(frozen=True)
class Case:
    """One hostile input: how it breaks a built book, the command run on it, what the error must name."""

    name: str
    make: Callable[[Path], None]
    args: tuple[str, ...] = ("build", "all", "-q")
    names: str = ""                      # a regular expression the first error line must match
    status: int = 1


def _image(name: str, data: bytes) -> Callable[[Path], None]:
    def make(book_dir: Path) -> None:
        (book_dir / "manuscript" / "images").mkdir(exist_ok=True)
        (book_dir / "manuscript" / "images" / name).write_bytes(data)
        _in_voices(book_dir, f"![A picture](images/{name})")
    return make


CASES = [
    Case("a named pipe listed as a chapter", lambda b: os.mkfifo(_listed(b, "02-pipe.md")),
         names=r"book\.yaml:\d+:\d+: error\[E\d+\]: 02-pipe\.md"),
    Case("a chapter symlinked to /dev/zero", lambda b: _listed(b, "02-zero.md").symlink_to("/dev/zero"),
         names=r"book\.yaml:\d+:\d+: error\[E\d+\]: 02-zero\.md"),
    Case("a chapter that is a symlink loop (build)", lambda b: _listed(b, "02-loop.md").symlink_to("02-loop.md"),
         names=r"book\.yaml:\d+:\d+: error\[E\d+\]: 02-loop\.md"),
    Case("a chapter that is a symlink loop (check)", lambda b: _listed(b, "02-loop.md").symlink_to("02-loop.md"),
         args=("check",), names=r"book\.yaml:\d+:\d+: error\[E\d+\]: 02-loop\.md"),
    Case("a scripted SVG", _image("evil.svg", SVG.encode()), names=r"01-first-chapter\.md:\d+:\d+: error\[E\d+\].*evil\.svg"),
    Case("a corrupt PNG", _image("bad.png", b"\x89PNG\r\n\x1a\n garbage"),
         names=r"01-first-chapter\.md:\d+:\d+: error\[E\d+\].*bad\.png"),
    Case("a remote image", lambda b: _in_voices(b, "![A picture](https://example.com/x.png)"),
         names=r"01-first-chapter\.md:\d+:\d+: error\[E\d+\].*example\.com"),
    Case("a NUL in a chapter", lambda b: _in_voices(b, "Some words\x00 here."),
         names=r"01-first-chapter\.md:\d+:\d+: error\[E\d+\]"),
    Case("invalid UTF-8 in a chapter", lambda b: (b / "manuscript/chapters/01-first-chapter.md").write_bytes(
        (b / "manuscript/chapters/01-first-chapter.md").read_bytes() + b"\ncaf\xe9 au lait\n"),
         args=("check",), names=r"01-first-chapter\.md:\d+:\d+: error\[E\d+\]"),
    Case("an empty source file", lambda b: (b / "manuscript/sources/empty.yaml").write_bytes(b""),
         names=r"sources/empty\.yaml:\d+: error\[S\d+\]"),
    Case("an impossible date in book.yaml", lambda b: (b / "manuscript/book.yaml").write_text(re.sub(
        r"(?m)^date: .*$", "date: 2021-02-30", (b / "manuscript/book.yaml").read_text(encoding="utf-8"))),
         names=r"book\.yaml:\d+:\d+: error\[E\d+\]"),
    Case("an impossible date on the command line", lambda b: None,
         args=("sources", "import", str(REPO / "tests/fixtures/sources/wordpress.html"), "--published", "2021-02-30"),
         names=r"--published.*2021-02-30", status=2),
    Case("a cache full of garbage: the same bytes", _garbage_cache, status=0),
]


def run_case(venv: Path, pristine: Path, work: Path, case: Case, env: dict[str, str]) -> None:
    """Break a copy of the built book as ``case`` says, run its command, and judge what is left."""
    book_dir = work / "case"
    shutil.rmtree(book_dir, ignore_errors=True)
    shutil.copytree(pristine, book_dir, symlinks=True)
    case.make(book_dir)
    scratch = Path(env["TMPDIR"])
    before = digests(book_dir / "build")
    status, _, stderr, wall, peak = measured(venv, book_dir / "manuscript" / "chapters", *case.args, env=env)
    errors = [line for line in stderr.splitlines() if "error" in line]
    placed = status == 0 if case.status == 0 else bool(errors) and re.search(case.names, errors[0]) is not None
    left = leftovers(book_dir, scratch)
    same = digests(book_dir / "build") == before
    ok = (status == case.status and placed and "Traceback" not in stderr and "internal error" not in stderr
          and wall < 60 and peak < 2048 and same and not left)
    result(f"hostile: {case.name}", ok, f"exit {status}, {wall:.1f} s, {peak:.0f} MB"
           + ("" if same else ", OUTPUTS CHANGED") + (f", left {left}" if left else "")
           + (f": {errors[0][:150]}" if errors else ""))


def built_book(venv: Path, work: Path, env: dict[str, str]) -> Path:
    """A ``book new`` book, built once: the previous outputs every case must leave as they were."""
    place = work / "hostile"
    shutil.rmtree(place, ignore_errors=True)
    place.mkdir(parents=True)
    subprocess.run([str(venv / "bin" / "book"), "new", "pristine", "-q"], cwd=place, env=env, check=True,
                   capture_output=True)
    subprocess.run([str(venv / "bin" / "book"), "build", "all", "-q"], cwd=place / "pristine", env=env, check=True,
                   capture_output=True)
    return place / "pristine"


def hostile_env(venv: Path, work: Path) -> dict[str, str]:
    """The user's environment with a TMPDIR of its own, empty, so that what a run leaves there is seen."""
    scratch = work / "tmpdir"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    return {**outsider_env(venv), "TMPDIR": str(scratch), "SOURCE_DATE_EPOCH": "1700000000"}


def check_hostile(venv: Path, work: Path) -> None:
    env = hostile_env(venv, work)
    pristine = built_book(venv, work, env)
    for case in CASES:
        run_case(venv, pristine, work / "hostile", case, env)
    check_hostile_capture(venv, pristine, work / "hostile", env)
    check_interrupted(venv, pristine, work / "hostile", env)


RAW_TEXT = REPO / "tests" / "fixtures" / "sources" / "hostile-rawtext.html"
EXECUTABLE = re.compile(r"<script|<iframe|<object|<embed|<foreignobject|\son[a-z]+\s*=|javascript:|vbscript:|"
                        r"(?:\ssrc|xlink:href|<link[^>]*\shref)\s*=\s*[\"']?(?:https?:)?//|url\(\s*[\"']?(?:https?:)?//|"
                        r"@import", re.IGNORECASE)
"""What may not be in a source file or an EPUB: scripts, frames, handlers, script addresses, and anything
fetched from elsewhere (an image, a style sheet, a font). A link a reader may follow is no fetch."""


def check_hostile_capture(venv: Path, pristine: Path, work: Path, env: dict[str, str]) -> None:
    """A capture with javascript: addresses and raw-text elements, imported, quoted as ``book sources show``
    prints it, and built: nothing executable or remote in the source file or the EPUB."""
    book_dir = work / "capture"
    shutil.rmtree(book_dir, ignore_errors=True)
    shutil.copytree(pristine, book_dir, symlinks=True)
    chapters = book_dir / "manuscript" / "chapters"
    status, _, stderr, _, _ = measured(venv, chapters, "sources", "import", str(RAW_TEXT), "--id", "raw", env=env)
    stored = (book_dir / "manuscript" / "sources" / "raw.yaml").read_text(encoding="utf-8")
    found = [m.group(0) for m in EXECUTABLE.finditer(stored.replace("\\<", "&lt;"))]
    result("hostile capture: imported, nothing executable in the source file", status == 0 and not found
           and "Traceback" not in stderr, f"exit {status}, warnings {stderr.count('warning[')}, found {found}")
    _, shown, _, _, _ = measured(venv, chapters, "sources", "show", "raw", "--json", env=env)
    units = {u["id"]: u["text"] for u in json.loads(shown)["units"]}
    quoted = next((p for p in units["post"].split("\n\n") if "\\<script>" in p), None)
    if quoted is None:
        result("hostile capture: quoted and built", False, "no paragraph with \\<script> in the post")
        return
    _in_voices(book_dir, f'::: {{.excerpt source="raw" unit="post"}}\n{quoted}\n:::')
    status, _, stderr, wall, _ = measured(venv, chapters, "build", "all", "-q", env=env)
    epub = next((book_dir / "build").glob("*.epub"))
    with zipfile.ZipFile(epub) as archive:
        text = "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist()
                         if n.endswith((".xhtml", ".html", ".opf", ".ncx", ".css", ".svg")))
    found = sorted({m.group(0) for m in EXECUTABLE.finditer(text)})
    result("hostile capture: its <script> text quoted, built, nothing executable or remote in the EPUB",
           status == 0 and not found and "&lt;script&gt;" in text, f"exit {status}, {wall:.1f} s, found {found}"
           + (f": {next(t for t in stderr.splitlines() if 'error' in t)[:160]}" if status else ""))


def check_interrupted(venv: Path, pristine: Path, work: Path, env: dict[str, str],
                      shares: tuple[float, ...] = (0.1, 0.3, 0.5, 0.7, 0.85, 0.95)) -> None:
    """``book build all --no-cache`` after a change, interrupted as Ctrl-C does at several moments (shares
    of the time one such build takes now): the previous EPUB and PDF both kept or both replaced, never one
    new beside one old; nothing temporary left."""
    book_dir = work / "interrupted"
    shutil.rmtree(book_dir, ignore_errors=True)
    shutil.copytree(pristine, book_dir, symlinks=True)
    _in_voices(book_dir, "A sentence added after the last build.")
    old = digests(book_dir / "build")
    scratch = Path(env["TMPDIR"])
    whole = measured(venv, book_dir, "build", "all", "--no-cache", "-q", env=env)[3]
    for name in old:
        shutil.copyfile(pristine / "build" / name, book_dir / "build" / name)
    for delay in (round(share * whole, 2) for share in shares):
        proc = subprocess.Popen([str(venv / "bin" / "book"), "build", "all", "--no-cache", "-q"], cwd=book_dir,
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                start_new_session=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        time.sleep(delay)
        running = proc.poll() is None
        if running:
            os.killpg(proc.pid, signal.SIGINT)
        _, stderr = proc.communicate(timeout=120)
        now = digests(book_dir / "build")
        together = now == old or all(now.get(name) not in (None, old[name]) for name in old)
        left = leftovers(book_dir, scratch)
        # 130 keeps the previous book; 0 says the new one is in place (a signal that comes once the outputs
        # are renamed into place is ignored: the run is done, src/book/__main__.py)
        ok = not left and "Traceback" not in stderr and (proc.returncode == 130 and now == old
                                                         or proc.returncode == 0 and together and now != old)
        result(f"interrupted build all after {delay} s", ok, f"{'interrupted' if running else 'finished'}, exit "
               f"{proc.returncode}, outputs {'kept' if now == old else 'replaced' if together else 'MIXED'}"
               + (f", left {left}" if left else ""))
        for name in old:                  # the previous book again, for the next try
            shutil.copyfile(pristine / "build" / name, book_dir / "build" / name)


# ------------------------------------------------------------------ issue 13: three pages of the dev set

PAGES = ("tc-blog-wordpress-com-diverse", "tc-blog-wordpress-com-diverse-copy", "tc-jovelstefan-de-gefallt")
"""An HTML page of WordPress.com with a nested thread, its text copy (select-all and copy), and a German
WordPress post whose thread is three pingbacks: all from the corpus's dev set (never the held-out pages)."""


FURNITURE = re.compile(r"(?im)^(?:(?:like)?liked by \d+ (?:people|person)|like|reply|antworten|\d+ likes?)$")
"""A page's buttons and counters on a line of their own in a unit's text: no writer's words."""


def dev_pages() -> dict[str, dict]:
    truth = json.loads((REPO / "bench" / "corpus" / "truth.json").read_text(encoding="utf-8"))["pages"]
    chosen = {page["id"]: page for page in truth if page["id"] in PAGES}
    assert all(page["set"] == "dev" for page in chosen.values()), "only dev pages may be read"
    return chosen


def check_sources(venv: Path, work: Path) -> None:
    """Import the pages as a user does (saved files, from a subfolder of the book), show, review."""
    env = outsider_env(venv)
    place = work / "sources"
    shutil.rmtree(place, ignore_errors=True)
    (place / "saved").mkdir(parents=True)
    book(venv, place, "new", "reader", "-q")
    chapters = place / "reader" / "manuscript" / "chapters"
    shown = {}
    for page_id, page in dev_pages().items():
        gz = REPO / "bench" / "corpus" / page["file"]
        saved = place / "saved" / gz.name.removesuffix(".gz")
        saved.write_bytes(gzip.decompress(gz.read_bytes()))
        shown[page_id] = import_one(venv, chapters, saved, page_id, page, env)
    check_review(venv, chapters, shown, env)


def import_one(venv: Path, chapters: Path, saved: Path, page_id: str, truth: dict, env: dict[str, str]) -> dict:
    done, wall, cpu = book(venv, chapters, "sources", "import", str(saved), "--id", page_id, env=env)
    warnings = [line.split("warning[", 1)[1][:4] for line in done.stderr.splitlines() if "warning[" in line]
    data = json.loads(book(venv, chapters, "sources", "show", page_id, "--json", env=env)[0].stdout or "{}")
    units = data.get("units", [])
    hows = Counter(u.get("author_how") for u in units if u.get("author"))
    comments = [u for u in units if u["kind"] != "post"]
    expected = truth.get("comments") or []
    names = sum(1 for u, t in zip(comments, expected) if (u["author"] or None) == t["author"])
    furniture = sorted({m.group(0) for u in units for m in FURNITURE.finditer(u["text"])})
    meta = [data.get("title") == truth.get("title"), (units[0]["author"] if units else None) == truth.get("author"),
            data.get("published") == truth.get("date")]
    result(f"import {saved.name}", done.returncode == 0 and bool(units) and not furniture
           and all(u.get("author_how") for u in units if u.get("author")),
           f"{wall:.1f} s (CPU {cpu:.2f} s); title/author/date {'/'.join('ok' if m else 'WRONG' for m in meta)}; "
           f"comments {len(comments)} of {len(expected)}, {names} named right; how found: "
           f"{', '.join(f'{how} {n}' for how, n in hows.most_common())}; warnings {len(warnings)} "
           f"{' '.join(sorted(set(warnings)))}".rstrip() + (f"; furniture in the text: {furniture}" if furniture else ""))
    return data


def check_review(venv: Path, chapters: Path, shown: dict[str, dict], env: dict[str, str]) -> None:
    """``book sources review`` of each page, opened in Chromium: no console error, every unit visible."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            for page_id, data in shown.items():
                done, _, _ = book(venv, chapters, "sources", "review", page_id, env=env)
                written = Path(done.stdout.strip().splitlines()[-1]) if done.stdout.strip() else None
                errors: list[str] = []
                page = browser.new_page()
                page.on("console", lambda msg, errors=errors: errors.append(msg.text) if msg.type == "error" else None)
                page.on("pageerror", lambda exc, errors=errors: errors.append(str(exc)))
                missing = ["the page"]
                if written is not None and written.is_file():
                    page.goto(written.as_uri(), wait_until="load")
                    missing = [u["id"] for u in data.get("units", []) if not page.locator(f"#unit-{u['id']}").is_visible()]
                page.close()
                result(f"review {page_id} in Chromium", done.returncode == 0 and not errors and not missing,
                       f"{len(data.get('units', []))} units" + (f", missing {missing}" if missing else "")
                       + (f", console: {errors[:2]}" if errors else ""))
        finally:
            browser.close()


# ------------------------------------------------------------------ the README's Quick start

def quick_start_lines() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Quick start", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line.strip()]


def check_quick_start(work: Path, whole_suite: bool) -> None:
    """Both lines of the Quick start, as written, in a fresh clone of this checkout's HEAD."""
    clone = work / "clone"
    shutil.rmtree(clone, ignore_errors=True)
    subprocess.run(["git", "clone", "-q", str(REPO), str(clone)], check=True)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONDONTWRITEBYTECODE", "VIRTUAL_ENV")}
    for number, line in enumerate(quick_start_lines(), 1):
        if not whole_suite and line.endswith("python -m pytest -q"):
            line += " --collect-only"          # the whole suite wants a machine of its own: --whole-suite
        start = time.perf_counter()
        done = subprocess.run(["bash", "-c", line], cwd=clone, env=env, capture_output=True, text=True, timeout=3600)
        tail = [t for t in done.stderr.splitlines() + done.stdout.splitlines() if t.strip()
                and "is ignored: it is neither a file nor a directory" not in t][-1:]
        result(f"Quick start line {number}", done.returncode == 0,
               f"{time.perf_counter() - start:.0f} s: {tail[0][:140] if tail else ''}")
    built = sorted(p.name for p in (clone / "build").glob("*.epub"))
    result("Quick start: the sample reader's EPUB in build/", bool(built), ", ".join(built))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/book-acceptance"))
    parser.add_argument("--venv", type=Path, help="a venv made by an earlier run (the wheel and the lock installed)")
    parser.add_argument("--no-serve", action="store_true", help="skip the browser checks")
    parser.add_argument("--only", help=f"comma-separated checks, of: {', '.join(CHECKS)}")
    parser.add_argument("--quick-start", action="store_true", help="also the README's Quick start in a fresh clone")
    parser.add_argument("--whole-suite", action="store_true", help="with --quick-start: run the test suite, not "
                        "only collect it")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    chosen = args.only.split(",") if args.only else [name for name in CHECKS if name != "serve" or not args.no_serve]
    unknown = sorted(set(chosen) - set(CHECKS))
    if unknown:
        parser.error(f"unknown checks {unknown}: choose from {', '.join(CHECKS)}")
    venv = args.venv or make_venv(args.work)
    for name in chosen:
        CHECKS[name](venv, args.work)
    if args.quick_start:
        check_quick_start(args.work, args.whole_suite)
    print(f"{len(FAILED)} failed" + (f": {', '.join(FAILED)}" if FAILED else ""))
    sys.exit(1 if FAILED else 0)


CHECKS: dict[str, Callable[[Path, Path], None]] = {
    "new": check_new_and_build, "serve": check_serve, "same-bytes": check_same_bytes, "hostile": check_hostile,
    "sources": check_sources}


if __name__ == "__main__":
    main()
