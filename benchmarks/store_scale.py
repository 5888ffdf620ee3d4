"""A million short articles through the event store in one run: does memory stay flat?

Generates the articles (benchmarks/make_corpus.py, JSON Lines), runs `geomap ingest` on them as a user would, and
samples the resident memory of the run (the parent and its workers) every few seconds against how many articles
the store holds. Prints a line per tenth of the run and a summary: articles/s, peak memory of the parent and of
the whole run, and the parent's memory at the first and last tenth (flat: no growth with the articles read).

    python benchmarks/store_scale.py                        # 1,000,000 articles
    python benchmarks/store_scale.py --articles 200000 --jobs 2
"""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from make_corpus import write

SAMPLE_SECONDS = 2.0


def memory_mb(pid: int, field: str = "VmRSS") -> float:
    """A process's memory, in MB (0 once it is gone): resident now (VmRSS), or its peak so far (VmHWM)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def stored(path: Path) -> int:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as db:
            return db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--jobs", type=int, help="geomap's --jobs (default: geomap's, every core)")
    parser.add_argument("--folder", type=Path, help="where the corpus and store go (default: a temporary folder)")
    args = parser.parse_args()
    folder = args.folder or Path(tempfile.mkdtemp(prefix="geomap-scale-"))
    corpus, store = folder / "corpus", folder / "events.sqlite"
    if not corpus.exists():
        started = time.perf_counter()
        write(corpus, args.articles)
        print(f"generated {args.articles:,} articles in {time.perf_counter() - started:.0f} s "
              f"({sum(p.stat().st_size for p in corpus.iterdir()) / 1e6:,.0f} MB) in {corpus}", flush=True)
    command = [sys.executable, "-m", "geomap", "ingest", str(corpus), "--store", str(store)]
    if args.jobs:
        command += ["--jobs", str(args.jobs)]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    samples = []  # (seconds, articles stored, parent MB, all processes MB)
    next_tenth = 1
    print(f"{'seconds':>8} {'articles':>10} {'art/s':>7} {'parent MB':>10} {'all MB':>8}", flush=True)
    while process.poll() is None:
        time.sleep(SAMPLE_SECONDS)
        parent = memory_mb(process.pid)
        everything = parent + sum(memory_mb(child) for child in children(process.pid))
        seconds, done = time.perf_counter() - started, stored(store)
        samples.append((seconds, done, parent, everything))
        if done >= next_tenth * args.articles / 10:
            print(f"{seconds:8.0f} {done:10,} {done / seconds:7.0f} {parent:10.0f} {everything:8.0f}", flush=True)
            next_tenth = int(10 * done / args.articles) + 1
    _, stderr = process.communicate()
    seconds = time.perf_counter() - started
    print(stderr.strip().splitlines()[-1] if stderr.strip() else "(no report)")
    working = [s for s in samples if 0 < s[1] < args.articles]
    first = [s for s in working if s[1] <= args.articles / 10] or working[:1]
    last = [s for s in working if s[1] >= 0.9 * args.articles] or working[-1:]
    print(f"{args.articles:,} articles in {seconds:,.0f} s: {args.articles / seconds:,.0f} articles/s; "
          f"peak memory: parent {max(s[2] for s in samples):,.0f} MB, all processes {max(s[3] for s in samples):,.0f}"
          f" MB; parent in the first tenth {max(s[2] for s in first):,.0f} MB, in the last "
          f"{max(s[2] for s in last):,.0f} MB; store {store.stat().st_size / 1e6:,.0f} MB; exit {process.returncode}")


if __name__ == "__main__":
    main()
