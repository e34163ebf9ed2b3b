"""Issues 15 and 16's checks, run as an outsider runs them: the built wheel in a fresh virtual environment.

    python bench/acceptance.py [--work /tmp/book-acceptance] [--venv DIR] [--no-serve]

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

Prints one PASS or FAIL line per check, with its figure, and exits 1 when any failed. The wall times
depend on the machine's load; each timed step also prints its CPU time (the process and its children).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import pty
import re
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
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


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/book-acceptance"))
    parser.add_argument("--venv", type=Path, help="a venv made by an earlier run (the wheel and the lock installed)")
    parser.add_argument("--no-serve", action="store_true", help="skip the browser checks")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    venv = args.venv or make_venv(args.work)
    check_new_and_build(venv, args.work)
    if not args.no_serve:
        check_serve(venv, args.work)
    check_same_bytes(venv, args.work)
    print(f"{len(FAILED)} failed" + (f": {', '.join(FAILED)}" if FAILED else ""))
    sys.exit(1 if FAILED else 0)


if __name__ == "__main__":
    main()
