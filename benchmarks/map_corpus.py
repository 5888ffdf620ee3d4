"""`geomap map DIR/` on a generated corpus, as a user runs it: peak memory of the run, and when it peaks.

Generates the articles (benchmarks/make_corpus.py) unless the folder holds them, runs `geomap map` on them into a
fresh store. Prints the wall time and memory: the peak of the run's largest process (the parent, which loads the
gazetteer, reads the store and writes the map, GeoJSON and CSV after its workers have ended), the parent's peak by
the time its workers ended (what processing alone costs it), the peak of all processes together (sampled every half
second; each worker's shared gazetteer pages counted again), and the outputs' sizes. With --rerun, runs the same
command again: every article is then in the store, and the run is reading, hashing and writing the outputs.

    python benchmarks/map_corpus.py /tmp/c100k --articles 100000
    python benchmarks/map_corpus.py /tmp/c100k --rerun --chromium     # and open the map in headless Chromium
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from make_corpus import write
from store_scale import children, memory_mb

SAMPLE_SECONDS = 0.5
CHROMIUM = "/usr/bin/chromium"


def run(command: list[str], log: Path) -> dict:
    """Run the command; its time, exit status, report line and memory: the peak of its largest process (the
    kernel's count), the parent's peak by the time its workers had ended (sampled), and the peak of all its
    processes together (sampled)."""
    started = time.perf_counter()
    with log.open("w") as stderr:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr)
    processing = everything = 0.0
    had_workers = False
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        time.sleep(SAMPLE_SECONDS)
        parent, workers = memory_mb(process.pid), [memory_mb(child) for child in children(process.pid)]
        everything = max(everything, parent + sum(workers))
        if workers:
            had_workers = True
        elif had_workers and not processing:
            processing = memory_mb(process.pid, "VmHWM")
    report = [line for line in log.read_text().splitlines() if "articles read" in line or "geomap: no" in line]
    return {"seconds": time.perf_counter() - started, "exit": os.waitstatus_to_exitcode(status),
            "peak": usage.ru_maxrss / 1024, "processing": processing, "all": everything,
            "report": report[-1] if report else log.read_text()[-300:]}


def open_in_chromium(path: Path) -> tuple[float, int, list[str]]:
    """Seconds until the page says its events are drawn, the markers in its cluster, and console errors."""
    from playwright.sync_api import sync_playwright

    url, errors = path.resolve().as_uri(), []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.route("**/*", lambda r: r.continue_() if r.request.url == url else r.abort())
        started = time.perf_counter()
        page.goto(url, timeout=300_000)
        page.wait_for_selector("html[data-geomap=ready]", state="attached", timeout=300_000)
        seconds = time.perf_counter() - started
        map_id = page.eval_on_selector(".folium-map", "e => e.id")
        markers = page.evaluate(f"Object.values(window[{map_id!r}]._layers)"
                                ".find((l) => l instanceof L.MarkerClusterGroup).getLayers().length")
        browser.close()
    return seconds, markers, errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="the corpus (generated here when it holds no .jsonl file)")
    parser.add_argument("--articles", type=int, default=100_000, help="articles to generate (default: %(default)s)")
    parser.add_argument("--out", type=Path, help="where the map and its store go (default: a temporary folder)")
    parser.add_argument("--rerun", action="store_true", help="run the same command again, every article stored")
    parser.add_argument("--chromium", action="store_true", help="open the map in headless Chromium (offline)")
    args = parser.parse_args()
    if not any(args.folder.glob("*.jsonl")):
        write(args.folder, args.articles, examples=True)
    out = args.out or Path(tempfile.mkdtemp(prefix="geomap-map-corpus-"))
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    html = out / "corpus.html"
    command = [sys.executable, "-m", "geomap", "map", str(args.folder), "-o", str(html)]
    runs = [("first run", run(command, out / "first.log"))]
    if args.rerun:
        runs.append(("rerun", run(command, out / "rerun.log")))
    for name, found in runs:
        processing = f"{found['processing']:,.0f}" if found["processing"] else "-"
        print(f"{name:10} {found['seconds']:7.1f} s  exit {found['exit']}  peak MB: {found['peak']:,.0f} (largest "
              f"process), parent by the workers' end {processing}, all processes {found['all']:,.0f} (sampled)"
              f"\n           {found['report']}")
    for suffix in (".html", ".geojson", ".csv"):
        print(f"{suffix:10} {html.with_suffix(suffix).stat().st_size / 1e6:7.1f} MB")
    if args.chromium:
        seconds, markers, errors = open_in_chromium(html)
        print(f"Chromium   {seconds:7.1f} s until drawn; {markers:,} markers; {len(errors)} console errors",
              *errors[:5], sep="\n  " if errors else "")
    if not args.out:
        shutil.rmtree(out)
    return 0 if all(found["exit"] == 0 for _, found in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
