"""Articles per second through `geomap map --engine dask`'s work (geomap.dask_engine.run) against one process calling
process_article on the same articles, in the same run; and what a local cluster costs to start.

The articles are the JSON Lines files given (e.g. ../shared/data/id/news/detik_2025_dev.jsonl), repeated to
--articles and written to one Parquet file, as an archive would be. The one-process figure is the floor the engine
must beat with more than one worker; on a cluster of N workers the ideal is N times it. Each figure is the best of
--passes, since a shared machine is noisy; the cluster is started once, and its start-up timed apart. Articles
per CPU second (the process's, or all workers' together) tell the engine's own cost apart from the machine's load:
other work on the cores lowers articles/s, not articles per CPU second.

    python benchmarks/dask_engine.py ../shared/data/id/news/detik_2025_dev.jsonl --articles 2000 --workers 2
"""

import argparse
import os
import tempfile
import time
from pathlib import Path

import pandas as pd

from geomap import dask_engine
from geomap.corpus import process_article
from geomap.pipeline import default_gazetteer
from geomap.readers import Report, read_articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", help=".jsonl files of articles")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=os.cpu_count())
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args()
    articles = list(read_articles(args.files, Report()))
    articles = (articles * (args.articles // len(articles) + 1))[:args.articles]
    default_gazetteer()
    megabytes = sum(len(a.text.encode()) for a in articles) / 1e6
    print(f"{len(articles):,} articles, {megabytes:.1f} MB of text; {os.cpu_count()} cores")

    one, one_cpu = [], []
    for _ in range(args.passes):
        began, began_cpu = time.perf_counter(), time.process_time()
        for article in articles:
            process_article(article)
        one.append(len(articles) / (time.perf_counter() - began))
        one_cpu.append(len(articles) / (time.process_time() - began_cpu))
    print(f"one process: best {max(one):,.0f} articles/s, {max(one_cpu):,.0f} articles per CPU second")

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder, "archive.parquet")
        pd.DataFrame({"text": [a.text for a in articles], "title": [a.title for a in articles],
                      "date": [a.date.isoformat() if a.date else None for a in articles],
                      "url": [a.url for a in articles], "source": [a.source for a in articles]}).to_parquet(source)
        began = time.perf_counter()
        with dask_engine.local_cluster(args.workers) as cluster:
            started = time.perf_counter() - began
            cluster.get_client().run(lambda: default_gazetteer() and None)  # each worker loads it, once
            loaded = time.perf_counter() - began
            print(f"local cluster of {args.workers} worker processes: started in {started:.1f} s, gazetteer loaded "
                  f"on every worker after {loaded:.1f} s")
            many, many_cpu = [], []
            for _ in range(args.passes):
                cpu = sum(cluster.get_client().run(time.process_time).values())
                began = time.perf_counter()
                dask_engine.run([str(source)], Path(folder, "out"), report=Report(),
                                scheduler=cluster.scheduler_address)
                many.append(len(articles) / (time.perf_counter() - began))
                many_cpu.append(len(articles) / (sum(cluster.get_client().run(time.process_time).values()) - cpu))
    print(f"dask engine, {args.workers} workers: best {max(many):,.0f} articles/s ({max(many) / max(one):.2f} x one "
          f"process), {max(many_cpu):,.0f} articles per worker CPU second ({max(many_cpu) / max(one_cpu):.2f} x)")


if __name__ == "__main__":
    main()
