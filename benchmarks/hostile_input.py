"""Pathological input through `geomap map`, each case in its own process: wall time, peak memory (RSS), exit status
and the run's report. What issue 7 asks: one 50 MB line and a million repeated place names finish in bounded time and
memory, or are refused with a clear message; and the worst articles that are not refused (at the size limit) still
take seconds.

    python benchmarks/hostile_input.py
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from geomap.readers import MAX_ARTICLE_BYTES

GOOD = "Banjir merendam ratusan rumah di Bekasi, Jawa Barat, pada Sabtu, dan warga mengungsi ke masjid."
TOWNS = ("Jakarta Bandung Surabaya Medan Semarang Makassar Palembang Depok Tangerang Bekasi Bogor Malang Padang "
         "Denpasar Pekanbaru Yogyakarta Cirebon Tasikmalaya Serang Kupang Ambon Jayapura Manado Pontianak").split()


def repeated(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def cases(folder: Path) -> list[tuple[str, list[str]]]:
    """(what, the command's arguments): the inputs are written into folder. The articles at the limit are read as
    Indonesian (--lang id), or most would be refused as in no language before they cost anything."""
    rng = random.Random(7)
    at_limit = MAX_ARTICLE_BYTES - 1000

    def write(name: str, text: str) -> str:
        (folder / name).write_text(text, encoding="utf-8")
        return str(folder / name)

    def jsonl(name: str, texts: list[str]) -> str:
        return write(name, "".join(json.dumps({"text": t}) + "\n" for t in texts))

    return [
        ("a small article (the baseline)", [write("small.txt", GOOD)]),
        ("one 50 MB line, a .txt file", [write("line_50mb.txt", repeated("banjir di Jakarta dan ", 50_000_000))]),
        ("a million repeated place names, a .txt file", [write("million.txt", "Jakarta " * 1_000_000)]),
        ("one 50 MB line among good ones, a .jsonl file",
         [jsonl("line_50mb.jsonl", [GOOD, repeated("Banjir di Jakarta. ", 50_000_000), GOOD])]),
        ("a million place names in 4,000 articles of 250, a .jsonl file",
         [jsonl("million.jsonl", [" ".join(f"Banjir di {rng.choice(TOWNS)}." for _ in range(250))
                                  for _ in range(4000)])]),
        (f"at the limit ({at_limit // 1000} KB): one event sentence, repeated",
         [write("limit_sentences.txt", repeated("Banjir di Jakarta. ", at_limit)), "--lang", "id"]),
        (f"at the limit ({at_limit // 1000} KB): one line, no full stop, a town every 25 characters",
         [write("limit_runon.txt", " ".join(f"banjir di {rng.choice(TOWNS)} dan" for _ in range(at_limit // 20))[
             :at_limit]), "--lang", "id"]),
        (f"at the limit ({at_limit // 1000} KB): no space at all",
         [write("limit_nospace.txt", repeated("banjir/Jakarta/", at_limit)), "--lang", "id"]),
        (f"at the limit ({at_limit // 1000} KB): town names, commas",
         [write("limit_commas.txt", ", ".join(rng.choice(TOWNS) for _ in range(at_limit // 8))[:at_limit]), "--lang",
          "id"]),
    ]


def measure(arguments: list[str], output: Path) -> tuple[float, float, int, str]:
    """(seconds, peak RSS in MB, exit status, the report's line) of one run of `geomap map`."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "geomap", "map", *arguments, "-o", str(output)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    report = stderr.strip().splitlines()[-1].removeprefix("geomap: ") if stderr.strip() else ""
    return seconds, usage.ru_maxrss / 1024, process.returncode, report


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        print(f"{'case':<72} {'input':>9} {'seconds':>8} {'peak RSS':>9} exit  report")
        for what, arguments in cases(folder):
            size = sum(os.path.getsize(a) for a in arguments if os.path.isfile(a))
            seconds, rss, status, report = measure(arguments, folder / "out" / "map.html")
            print(f"{what:<72} {size / 1e6:>7.1f}MB {seconds:>8.1f} {rss:>7.0f}MB {status:>4}  {report}", flush=True)


if __name__ == "__main__":
    main()
