"""End-to-end speed of geomap.parse (recognition, resolution, events) beside geotext and a bare automaton scan,
with cold start, first-ever index build and peak memory: the figures of docs/speed.md.

Per corpus in ../shared/data and a generated corpus of articles recombined from their sentences, the same
documents go through geomap.parse, through geotext (a capitalised-word regex and a dictionary of city and country
names, resolving nothing) and through a bare pyahocorasick scan of geomap's own names (the floor: what matching
alone costs), in the same run; rates are per CPU second of one process, i.e. per core. geomap is timed reading each
corpus for the first time, in a fresh process that has read only the bundled examples (its patterns compiled, its
caches of names holding only theirs), since it remembers what it worked out per name and a second pass over the same
documents finds every name remembered; that second reading (the best of --passes) is shown beside it. geotext and
the scan remember nothing: the best of --passes counts. Places alone (geomap.pipeline.locate: recognition and
resolution) are timed too, so that what events cost shows. Recognition F1 (exact spans) of both tools on the gold
corpora puts the speeds beside what they find. Start-up is measured in fresh processes. geotext is a benchmark-only
install: pip install geotext (or the project's `bench` extra).

    python benchmarks/pipeline_speed.py                      # markdown tables on stdout
    python benchmarks/pipeline_speed.py --passes 5 --generated 100000
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import geomap
from geomap.evaluate import prf, read_corpus
from geomap.language import detect_language
from geomap.pipeline import default_gazetteer, locate
from geomap.sentences import split_sentences

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
GOLD = ("en/lgl.xml", "en/GWN.xml", "id/idner-news-2k_dev.txt", "id/nergrit_ner-grit_valid.txt")
NEWS = ("id/news/detik_2025_dev.jsonl", "id/news/narasipal_mideast_headlines_dev.jsonl")
SAMPLE = "Banjir melanda Jakarta Utara pada Senin (3/11/2025), ribuan warga mengungsi."
# geotext's own candidate pattern (geotext/geotext.py), so that its names can be given offsets for scoring
GEOTEXT_NAME = re.compile(r"[A-ZÀ-Ú]+[a-zà-ú]+[ \-]?(?:d[a-u].)?(?:[A-ZÀ-Ú]+[a-zà-ú]+)*")


class Corpus:
    def __init__(self, name: str, lang: str | None, texts: list[str], gold: list[set[tuple[int, int]]] | None = None):
        self.name, self.lang, self.texts, self.gold = name, lang, texts, gold
        self.megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6


def corpora(generated: int) -> list[Corpus]:
    out = []
    for path in GOLD:
        c = read_corpus(DATA / path)
        out.append(Corpus(c.name, c.lang, [d.text for d in c.documents],
                          [{(t.start, t.end) for t in d.toponyms} for d in c.documents]))
    for path in NEWS:
        records = [json.loads(line) for line in (DATA / path).read_text(encoding="utf-8").splitlines() if line]
        out.append(Corpus(Path(path).stem, "id", [r["title"] + "\n\n" + r["body"] if r.get("body") else r["title"]
                                                  for r in records]))
    if generated:
        out.append(generated_corpus(out, generated))
    return out


def generated_corpus(sources: list[Corpus], count: int) -> Corpus:
    """`count` articles of 3 to 20 sentences drawn from the real articles of one language (fixed seed): text
    like the news geomap reads, in any amount; the language is left for geomap to detect."""
    pools: dict[str, list[str]] = {"en": [], "id": []}
    for c in sources:
        for text in c.texts:
            pools[c.lang or "en"] += [s.text for s in split_sentences(text) if len(s.text) > 30]
    rng = random.Random(6)
    texts = []
    for i in range(count):
        pool = pools["en" if i % 2 else "id"]
        texts.append(" ".join(rng.choice(pool) for _ in range(rng.randint(3, 20))))
    return Corpus(f"generated ({count:,})", None, texts)


def rate(run, corpus: Corpus, passes: int) -> float:
    """Best documents per CPU second over the passes."""
    best = 0.0
    for _ in range(passes):
        began = time.process_time()
        run(corpus)
        best = max(best, len(corpus.texts) / max(time.process_time() - began, 1e-9))
    return best


def first_reading(path: str, lang: str | None, run_name: str, passes: int) -> dict:
    """In this (fresh) process, after the bundled examples: documents per CPU second of `run_name` over the texts
    in `path` (a JSON list), first the first pass, then the best of `passes` passes again; and the peak memory."""
    from geomap.cli import bundled_examples

    run = {"geomap": geomap_run, "places": locate_run}[run_name]
    run(Corpus("examples", None, [p.read_text(encoding="utf-8") for p in bundled_examples()]))
    corpus = Corpus(path, lang, json.loads(Path(path).read_text(encoding="utf-8")))
    first = rate(run, corpus, 1)
    return {"first": first, "again": rate(run, corpus, passes),
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


FIRST_READING = """
import json, sys
sys.path.insert(0, {here!r})
from pipeline_speed import first_reading
print(json.dumps(first_reading({path!r}, {lang!r}, {run!r}, {passes})))
"""


def fresh_rates(corpus: Corpus, run_name: str, passes: int) -> dict:
    """first_reading of the corpus in a fresh process."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "texts.json"
        path.write_text(json.dumps(corpus.texts), encoding="utf-8")
        return fresh_process(FIRST_READING.format(here=str(Path(__file__).parent), path=str(path), lang=corpus.lang,
                                                  run=run_name, passes=passes))


def geomap_run(corpus: Corpus) -> None:
    gazetteer = default_gazetteer()
    for text in corpus.texts:
        try:
            geomap.parse(text, lang=corpus.lang, gazetteer=gazetteer)
        except geomap.UnsupportedLanguage:
            pass  # a generated article too short to tell its language: skipped, as the map command does


def locate_run(corpus: Corpus) -> None:
    gazetteer = default_gazetteer()
    for text in corpus.texts:
        try:
            locate(text, corpus.lang or detect_language(text), gazetteer=gazetteer)
        except geomap.UnsupportedLanguage:
            pass


def geotext_run(corpus: Corpus) -> None:
    from geotext import GeoText

    for text in corpus.texts:
        GeoText(text)


def automaton_run(corpus: Corpus) -> None:
    automaton = default_gazetteer().automaton
    for text in corpus.texts:
        for _ in automaton.iter_long(text):
            pass


def recognition_f1(corpus: Corpus) -> tuple[float, float]:
    """(geomap, geotext) recognition F1, exact spans, as geomap evaluate counts them."""
    from geotext import GeoText

    index = GeoText.index
    counts = {"geomap": [0, 0], "geotext": [0, 0]}
    gold_total = 0
    for text, gold in zip(corpus.texts, corpus.gold):
        gold_total += len(gold)
        ours = {(m.start, m.end) for m in geomap.parse(text, lang=corpus.lang).mentions}
        theirs = set()
        for m in GEOTEXT_NAME.finditer(text):
            name = m.group().strip()
            if name.lower() in index.countries or name.lower() in index.cities:
                theirs.add((m.start(), m.start() + len(name)))
        for tool, found in (("geomap", ours), ("geotext", theirs)):
            counts[tool][0] += len(found & gold)
            counts[tool][1] += len(found)
    return tuple(prf(hits, predicted, gold_total)[2] for hits, predicted in counts.values())


def fresh_process(code: str, cache: str | None = None) -> dict:
    """Run `code` in a new interpreter (as a user's first command would) and return what it prints as JSON."""
    env = dict(os.environ)
    if cache is not None:
        env["GEOMAP_CACHE"] = cache
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(f"a fresh process failed: {done.stderr.strip().splitlines()[-1]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


START = f"""
import json, resource, sys, time
began = time.perf_counter()
import geomap
imported = time.perf_counter()
from geomap.pipeline import default_gazetteer
gazetteer = default_gazetteer()
loaded = time.perf_counter()
geomap.parse({SAMPLE!r}, lang="id")
done = time.perf_counter()
heavy = [m for m in ("pandas", "folium", "dateparser", "matplotlib") if m in sys.modules]
print(json.dumps({{"import": imported - began, "load": loaded - imported, "parse": done - loaded,
                  "total": done - began, "built": gazetteer.built, "heavy": heavy,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def start_up(tries: int) -> tuple[dict, dict]:
    """(best warm start of `tries`, first-ever start with an empty cache that builds the index)."""
    # the cache exists before warm starts are timed, built (when it is missing) in a process of its own: Linux
    # starts a child's peak memory at its parent's, so a build in this process would count in every later one
    fresh_process(START)
    warm = min((fresh_process(START) for _ in range(tries)), key=lambda r: r["total"])
    with tempfile.TemporaryDirectory() as empty:
        cold = fresh_process(START, cache=empty)
    return warm, cold


def commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                              cwd=Path(__file__).parent, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=3,
                        help="passes per corpus and tool; the best counts (for geomap, of those after its first reading)")
    parser.add_argument("--generated", type=int, default=20000, help="articles in the generated corpus (0: none)")
    parser.add_argument("--starts", type=int, default=5, help="fresh processes timed for the warm start")
    args = parser.parse_args()

    print(f"geomap {commit()}, {dt.date.today().isoformat()}, Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} cores\n")
    warm, cold = start_up(args.starts)
    rows = []
    peak = 0.0
    for corpus in corpora(args.generated):
        passes = 1 if corpus.gold is None and len(corpus.texts) > 5000 else args.passes
        ours = fresh_rates(corpus, "geomap", passes)
        places = fresh_rates(corpus, "places", passes)
        peak = max(peak, ours["peak_mb"], places["peak_mb"])
        theirs = rate(geotext_run, corpus, passes)
        floor = rate(automaton_run, corpus, passes)
        f1 = recognition_f1(corpus) if corpus.gold is not None and passes == args.passes else None
        rows.append((corpus, ours, places, theirs, floor, f1))
        print(f"  {corpus.name}: {ours['first']:.0f} docs/s", file=sys.stderr, flush=True)
    peak = max(peak, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)

    print("| corpus | docs | KB per doc | geomap docs/s per core | geomap MB/s per core | the same again | "
          "places only docs/s | geotext docs/s | geomap / geotext | automaton scan docs/s | recognition F1 geomap | "
          "recognition F1 geotext |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for corpus, ours, places, theirs, floor, f1 in rows:
        per_doc = corpus.megabytes * 1000 / len(corpus.texts)
        first = ours["first"]
        scores = f"{f1[0]:.3f} | {f1[1]:.3f}" if f1 else "- | -"
        print(f"| {corpus.name} | {len(corpus.texts):,} | {per_doc:.1f} | {first:,.0f} | {first * per_doc / 1000:.2f} | "
              f"{ours['again']:,.0f} | {places['first']:,.0f} | {theirs:,.0f} | {first / theirs:.2f} | {floor:,.0f} | "
              f"{scores} |")
    print()
    print("| start-up and memory | seconds | peak RSS MB |")
    print("|---|---:|---:|")
    print(f"| warm start: import geomap + load the cached index + parse one sentence (best of {args.starts}) | "
          f"{warm['total']:.2f} | {warm['peak_mb']:.0f} |")
    print(f"| &nbsp;&nbsp;import geomap | {warm['import']:.2f} | |")
    print(f"| &nbsp;&nbsp;load the cached gazetteer index | {warm['load']:.2f} | |")
    print(f"| &nbsp;&nbsp;first parse (compiling patterns) | {warm['parse']:.2f} | |")
    print(f"| first-ever start: build the index into an empty GEOMAP_CACHE | {cold['total']:.2f} | "
          f"{cold['peak_mb']:.0f} |")
    print(f"| the benchmark's processes, all corpora above (the largest) | | {peak:.0f} |")
    if warm["heavy"]:
        print(f"\nparse imported {', '.join(warm['heavy'])}: it should not")


if __name__ == "__main__":
    main()
