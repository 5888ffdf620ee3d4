"""The dask engine on a real cluster of worker processes on this machine (listening on localhost only, no dashboard):
its Parquet tables and its map, GeoJSON and CSV are the single-process run's, row for row."""

import contextlib
import dataclasses
import functools
import json
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import dask.dataframe as dd
import pandas as pd
import pytest
from distributed import Client, LocalCluster

from geomap import dask_engine
from geomap.cli import bundled_examples
from geomap.corpus import NOT_READ_LANGUAGE, article_key, document_of, process_article
from geomap.evaluate import read_corpus
from geomap.readers import Article, Report, read_articles
from geomap.table import to_frame

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
NEWS = SHARED / "id" / "news" / "detik_2025_dev.jsonl"
LGL = SHARED / "en" / "lgl.xml"


def shared(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"the shared corpus is not at {path}")
    return path


@pytest.fixture(scope="module")
def cluster(gazetteer):  # the gazetteer's index is built (and cached) before the workers load it
    with dask_engine.local_cluster(2) as cluster:
        assert isinstance(cluster, LocalCluster) and len(cluster.workers) == 2
        yield cluster


def without_file(result):
    """A result as both engines must give it: they differ only in the file they read it from (JSON Lines or
    Parquet)."""
    return dataclasses.replace(result, file="")


def test_a_cluster_of_worker_processes_gives_the_rows_of_one_process(tmp_path, cluster):
    # 120 Detik articles as one Parquet file of row groups of 50, 50 and 20 rows, the text in "body", the dates as
    # timestamps; 60 LGL articles as a folder of two files, with a row of no text and one in a language geomap does
    # not read.
    records = [json.loads(line) for line in shared(NEWS).read_text(encoding="utf-8").splitlines()[:120]]
    news = pd.DataFrame(records).assign(date=lambda f: pd.to_datetime(f["date"]))
    news_file = tmp_path / "in" / f"{NEWS.stem}.parquet"
    news_file.parent.mkdir()
    news.to_parquet(news_file, row_group_size=50)
    lgl = list(lgl_texts(60))
    (tmp_path / "in" / "lgl").mkdir()
    pd.DataFrame({"text": lgl[:30]}).to_parquet(tmp_path / "in" / "lgl" / "a.parquet")
    pd.DataFrame({"text": lgl[30:] + ["", lgl[0]], "language": [None] * 30 + [None, "fr"]}).to_parquet(
        tmp_path / "in" / "lgl" / "b.parquet")

    told = []
    report = Report(say=told.append)
    out = tmp_path / "out"
    assert dask_engine.run([str(news_file), str(tmp_path / "in" / "lgl")], out, report=report,
                           scheduler=cluster.scheduler_address, articles_per_partition=40)

    # The same articles, read and processed one by one in this process.
    articles = list(read_articles([str(NEWS)], Report()))[:120]
    b = str(tmp_path / "in" / "lgl" / "b.parquet")
    articles += [Article(text, "", i, f"a:{i}") for i, text in enumerate(lgl[:30], start=1)]
    articles += [Article(text, b, i, f"b:{i}") for i, text in enumerate(lgl[30:], start=1)]
    articles.append(Article(lgl[0], b, 32, "b:32", lang="fr"))
    expected = [process_article(article) for article in articles]

    got = list(dask_engine.read_results(out))
    assert [without_file(r) for r in got] == [without_file(r) for r in expected]
    table = to_frame([document_of(r) for r in got if r.processed])
    pd.testing.assert_frame_equal(table, to_frame([document_of(r) for r in expected if r.processed]))
    assert len(table) > 30 and set(table["language"]) == {"id", "en"}
    assert sum(len(r.mentions) for r in got) > 200

    assert (report.processed, report.events) == (180, len(table))
    assert report.skipped == {"no text": 1, NOT_READ_LANGUAGE: 1}
    assert told[0].startswith(f"geomap: {b}:31: no text: put the article in a field text")
    assert told[1].startswith(f"geomap: {b}:32: ") and "fr" in told[1]
    # Partitions of up to 40 rows: each row group of 50 was read by one task and split in two.
    assert len(list((out / "events").glob("part.*.parquet"))) == 7
    assert len(dd.read_parquet(out / "events")) == len(table)  # the tables are Dask's to read, too
    with Client(cluster) as client:  # both workers did work, and each loaded the gazetteer once
        from geomap.pipeline import default_gazetteer

        assert list(client.run(lambda: default_gazetteer.cache_info().misses).values()) == [1, 1]


def test_a_worker_that_cannot_see_the_input_is_one_line(tmp_path, cluster, monkeypatch):
    # The workers started in another folder: to them /proc/self/cwd is not the client's, as another machine's disk
    # is not this one's.
    if not Path("/proc/self/cwd").is_dir():
        pytest.skip("no /proc/self/cwd here")
    monkeypatch.chdir(tmp_path)
    pd.DataFrame({"text": list(lgl_texts(3))}).to_parquet(tmp_path / "in.parquet")
    with pytest.raises(dask_engine.ClusterError) as error:
        dask_engine.run(["/proc/self/cwd/in.parquet"], tmp_path / "out", report=Report(),
                        scheduler=cluster.scheduler_address)
    assert str(error.value).startswith("a worker cannot read or write a file (")
    assert "/proc/self/cwd/in.parquet" in str(error.value) and str(error.value).endswith("on a shared file system")
    assert not (tmp_path / "out").exists()


def run_geomap(*args, cwd):
    return subprocess.run([sys.executable, "-m", "geomap", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=300)


@functools.cache
def lgl_texts(n: int) -> tuple[str, ...]:
    return tuple(doc.text for doc in read_corpus(shared(LGL)).documents[:n])


def article_files(folder: Path) -> list[str]:
    """The bundled examples, 40 Detik articles in JSON Lines and 30 LGL articles in Parquet, with a line that is no
    JSON, a row with no text and an empty file among them."""
    folder.mkdir()
    lines = shared(NEWS).read_text(encoding="utf-8").splitlines()[:40]
    (folder / "news.jsonl").write_text("\n".join(lines[:20] + ["{not json"] + lines[20:]) + "\n", encoding="utf-8")
    pd.DataFrame({"text": [*lgl_texts(30)[:10], None, *lgl_texts(30)[10:]]}).to_parquet(folder / "lgl.parquet")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return [*(str(p) for p in bundled_examples()), str(folder)]


def without_ids(html: str) -> str:
    return re.sub(r"[0-9a-f]{32}", "", html)  # folium names the page's elements at random


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """The same article files mapped by both engines, the dask one on a cluster of two worker processes."""
    folder = tmp_path_factory.mktemp("runs")
    files = article_files(folder / "in")
    local = run_geomap("map", *files, "-o", "local/week.html", cwd=folder)
    cluster = run_geomap("map", *files, "-o", "dask/week.html", "--engine", "dask", "--jobs", "2", cwd=folder)
    return folder, files, local, cluster


def test_ingest_with_the_dask_engine_stores_what_the_local_engine_stores(runs):
    folder, files, local, _ = runs
    r = run_geomap("ingest", *files, "--store", "archive.sqlite", "--engine", "dask", "--jobs", "2", cwd=folder)
    assert r.returncode == 3 and r.stderr == local.stderr
    assert r.stdout.splitlines()[-1] == "       archive/ (Parquet tables: articles, events, mentions)"
    assert stored(folder / "archive.sqlite") == stored(folder / "local" / "events.sqlite")


def test_map_with_the_dask_engine_writes_the_files_of_the_local_engine(runs):
    folder, _, local, cluster = runs
    assert local.returncode == cluster.returncode == 3, cluster.stderr  # some articles were skipped
    assert cluster.stderr == local.stderr  # the same problems told, the same report
    assert "72 processed, 3 skipped (1 empty, 1 no text, 1 not JSON)" in cluster.stderr
    assert cluster.stdout.splitlines()[-1] == "     dask/week/ (Parquet tables: articles, events, mentions)"
    for suffix in (".csv", ".geojson"):
        assert (folder / "dask" / f"week{suffix}").read_bytes() == (folder / "local" / f"week{suffix}").read_bytes()
    assert without_ids((folder / "dask" / "week.html").read_text()) == \
        without_ids((folder / "local" / "week.html").read_text())
    assert len(json.loads((folder / "dask" / "week.geojson").read_text())["features"]) > 10
    assert sorted(p.name for p in (folder / "dask").iterdir()) == ["events.sqlite", "week", "week.csv",
                                                                    "week.geojson", "week.html"]
    assert stored(folder / "dask" / "events.sqlite") == stored(folder / "local" / "events.sqlite")


def test_a_second_run_processes_nothing_the_store_holds(runs, tmp_path):
    folder, files, _, _ = runs
    for engine in ("local", "dask"):
        shutil.copytree(folder / engine, tmp_path / engine)
    tables = {p: p.stat().st_ino for p in (tmp_path / "dask" / "week").rglob("part.*")}
    before = outputs(tmp_path / "dask")
    local = run_geomap("map", *files, "-o", "local/week.html", cwd=tmp_path)
    again = run_geomap("map", *files, "-o", "dask/week.html", "--engine", "dask", "--jobs", "2", cwd=tmp_path)
    assert again.returncode == local.returncode == 3, again.stderr
    assert again.stderr == local.stderr  # the same problems told again, and the same counts
    assert "72 processed (72 already in the store), 3 skipped (1 empty, 1 no text, 1 not JSON)" in again.stderr
    assert {p: p.stat().st_ino for p in (tmp_path / "dask" / "week").rglob("part.*")} == tables  # the last run's
    after = outputs(tmp_path / "dask")
    html = tmp_path / "dask" / "week.html"
    assert without_ids(after.pop(html).decode()) == without_ids(before.pop(html).decode())
    assert after == before  # the same GeoJSON, CSV and store
    assert not list((tmp_path / "dask").glob(".*"))


def stored(path: Path) -> dict[str, list[tuple]]:
    """The store's articles (but when each was added), events and mentions."""
    with contextlib.closing(sqlite3.connect(path)) as db:
        return {table: db.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
                for table in ("events", "mentions")} | {
            "articles": db.execute("SELECT key, file, line, name, title, date, url, source, lang, status, message, "
                                   "events FROM articles ORDER BY key").fetchall()}


def test_an_unreachable_scheduler_is_one_line_and_exit_1(tmp_path):
    r = run_geomap("map", *map(str, bundled_examples()), "--engine", "dask", "--scheduler", "tcp://127.0.0.1:1",
                   cwd=tmp_path)
    assert r.returncode == 1
    assert r.stderr.splitlines()[0].startswith("geomap: cannot reach the Dask scheduler at tcp://127.0.0.1:1 (")
    assert "Traceback" not in r.stderr and len(r.stderr.splitlines()) == 2
    assert not (tmp_path / "output").exists() or not any((tmp_path / "output").iterdir())


# Runs a command with Ctrl-C as a terminal delivers it: a test run started in the background (`pytest &`) ignores
# SIGINT, and its children would inherit that.
RESTORE_SIGINT = ("import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); "
                  "os.execv(sys.argv[1], sys.argv[1:])")
AT_A_TERMINAL = [sys.executable, "-c", RESTORE_SIGINT]


def outputs(folder: Path) -> dict[Path, bytes]:
    """The files in folder, but the hidden ones (what a run stages)."""
    return {p: p.read_bytes() for p in folder.rglob("*")
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)}


def test_ctrl_c_shuts_the_local_cluster_down_keeps_the_last_run_and_the_same_run_resumes(tmp_path, runs):
    folder, files, _, _ = runs
    shutil.copytree(folder / "dask", tmp_path / "out")  # the last run's map, tables and store
    before = outputs(tmp_path / "out")
    with contextlib.closing(sqlite3.connect(tmp_path / "out" / "events.sqlite")) as db:
        held = dict(db.execute("SELECT key, events FROM articles WHERE status = 'processed'").fetchall())
    lgl = tmp_path / "lgl_all.parquet"
    pd.DataFrame({"text": lgl_texts(1000)}).to_parquet(lgl)  # the whole corpus, one row group: split in three
    inputs = [*files, str(NEWS), str(lgl)]  # partitions of 2, 31, 240, 250, 250 and 88 articles
    command = [sys.executable, "-m", "geomap", "map", *inputs, "-o", "out/week.html", "--engine", "dask", "--jobs",
               "2"]
    process = subprocess.Popen(AT_A_TERMINAL + command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    deadline = time.monotonic() + 120
    while not list((tmp_path / "out").glob(".week.*.staging/outcomes/part.*")) and time.monotonic() < deadline:
        time.sleep(0.02)  # until a first partition is done, and others are being processed
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "geomap: interrupted; every output file is whole" in err and "Traceback" not in err
    assert "Warning" not in err and "distributed" not in err  # the cluster's own logs stay quiet
    assert outputs(tmp_path / "out") == before

    # What the interrupted run finished is staged; the same run again takes it and processes only the rest.
    staged = {p.name: p.stat().st_ino for p in (tmp_path / "out").glob(".week.*.staging/articles/part.*")}
    assert 1 <= len(staged) < 6
    again = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert again.returncode == 3, again.stderr
    assert {name: (tmp_path / "out" / "week" / "articles" / name).stat().st_ino for name in staged} == staged
    assert not list((tmp_path / "out").glob(".*"))  # nothing staged is left behind
    articles = list(read_articles(inputs, Report(say=lambda line: None)))
    got = list(dask_engine.read_results(tmp_path / "out" / "week"))
    # Each article the store did not hold, once, in the input's order; the others were not processed again.
    assert [r.key for r in got] == [key for a in articles if (key := article_key(a)) not in held]
    events = sum(len(r.events) for r in got) + sum(held.values())
    assert again.stderr.splitlines()[-1] == f"geomap: {len(articles) + 3:,} articles read: {len(articles):,} " \
        f"processed ({len(held)} already in the store), 3 skipped (1 empty, 1 no text, 1 not JSON); {events:,} " \
        "events written"
