"""Interrupt a command of ``book`` at random moments, as Ctrl-C does, and check what it leaves.

Each try starts the command in a session of its own (SIGINT restored to its default, so
that Python turns it into KeyboardInterrupt even when this script runs from a background
shell job, where SIGINT is ignored and children inherit that), sends SIGINT to the whole
process group after a random delay, and reports: whether the command was still running,
its exit status, the files in the output folder, any temporary file left there, and any
traceback on stderr. A try is bad when the command was interrupted and still exited 0,
printed a traceback or left a temporary file.

    python bench/interrupts.py --tries 30 --max-delay 13 [--seed 11] [-m manuscript]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path


def one_try(manuscript: Path, delay: float) -> dict:
    """Run ``book release`` into a fresh folder, interrupt it after ``delay`` seconds, report."""
    out = Path(tempfile.mkdtemp())
    try:
        proc = subprocess.Popen(["book", "release", "-m", str(manuscript), "--out-dir", str(out)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
                                preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        time.sleep(delay)
        running = proc.poll() is None
        if running:
            os.killpg(proc.pid, signal.SIGINT)
        _, stderr = proc.communicate()
        left = sorted(p.name for p in out.iterdir())
        temporary = [name for name in left if name.startswith(".") or "tmp" in name]
        bad = running and proc.returncode == 0 or "Traceback" in stderr or bool(temporary)
        return {"delay": delay, "running": running, "exit": proc.returncode, "files": len(left),
                "temporary": temporary, "bad": bad, "last": (stderr.strip().splitlines() or [""])[-1][:120]}
    finally:
        shutil.rmtree(out, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tries", type=int, default=30)
    parser.add_argument("--max-delay", type=float, default=13.0, help="about as long as a release takes here")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("-m", "--manuscript", type=Path, default=Path("manuscript"))
    args = parser.parse_args()
    rng = random.Random(args.seed)
    bad = 0
    for n in range(args.tries):
        row = one_try(args.manuscript, round(rng.uniform(0.2, args.max_delay), 2))
        bad += row["bad"]
        print(f"try {n}: " + ", ".join(f"{k} {v}" for k, v in row.items()), flush=True)
    print(f"{bad} bad of {args.tries}")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
