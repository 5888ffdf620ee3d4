"""Corpus mode beyond one machine: the per-article function (geomap.corpus.process_article) runs over partitions of
the articles on a Dask cluster, and each partition's rows are written as Parquet by the worker that made them.

The input is Parquet (files, or folders of them) with a text column, and the article files the other readers take,
which are converted to Parquet partitions first. A partition is a run of row groups of one file, so every row keeps
its file and row number, as a JSON Lines record keeps its line: a problem is told by place, and events name their
article as the single-process run names it. Workers write their partitions under a staging folder, and only a run
that ends well puts them in place of the previous run's: an interrupted run leaves the old tables whole. Workers,
local or remote, must see the same paths (a shared file system) and run the same geomap.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import os
import shutil
import signal
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from geomap.corpus import MENTION_FIELDS, PROCESSED, ArticleResult, process_article
from geomap.readers import (RECORD_SUFFIXES, SURROGATE, TEXT_FIELDS, TEXT_SUFFIXES, Report, _record_article,
                            read_articles)
from geomap.table import COLUMNS, FLOAT_COLUMNS, INTEGER_COLUMNS

ARTICLES_PER_PARTITION = 250  # about a second of one core's work: small enough to spread, large enough to pay off
PARQUET_SUFFIXES = (".parquet", ".parq", ".pq")
RECORD_FIELDS = ("title", "date", "url", "source", "language")  # besides the text, read from input Parquet
TABLES = ("articles", "events", "mentions")
# The tables' columns. "article" numbers the articles of a run from 0, in input order, and joins the tables.
ARTICLE_SCHEMA = pa.schema([
    ("article", pa.int64()), ("key", pa.string()), ("file", pa.string()), ("line", pa.int64()), ("name", pa.string()),
    ("title", pa.string()), ("date", pa.date32()), ("url", pa.string()), ("source", pa.string()),
    ("lang", pa.string()), ("status", pa.string()), ("message", pa.string()), ("events", pa.int64())])
EVENT_SCHEMA = pa.schema(
    [("article", pa.int64())]
    + [(c, pa.int64() if c in INTEGER_COLUMNS else pa.float64() if c in FLOAT_COLUMNS else
        pa.date32() if c == "event_date" else pa.string()) for c in COLUMNS if c != "event_id_cnty"]
    + [("actors", pa.list_(pa.string()))])
MENTION_SCHEMA = pa.schema([("article", pa.int64())] + [
    (f, pa.int64() if f in ("start", "end", "geonameid") else pa.float64() if f in ("lat", "lon") else pa.string())
    for f in MENTION_FIELDS])
# What a partition sends back for the run's report: a row per article (status "processed", its events) and per
# problem found before processing (reason and message; reason "" for a warning).
OUTCOMES = pd.DataFrame({"file": pd.Series([], dtype=object), "line": pd.Series([], dtype="Int64"),
                         "status": pd.Series([], dtype=object), "message": pd.Series([], dtype=object),
                         "events": pd.Series([], dtype="int64")})


class SchedulerUnreachable(Exception):
    """The --scheduler address could not be reached; the message says what to do."""


@dataclass(frozen=True, slots=True)
class Piece:
    """Some row groups of one Parquet file, read by one task: `rows` rows, the first of them the run's article number
    `first_article` and the file's row number `first_row` (from 0). `path` is absolute, for workers elsewhere, and
    `where` the file as given, for messages. `converted`: geomap wrote it from article files read by geomap.readers,
    and each row also says its article's file, line, name and language."""

    path: str
    where: str
    row_groups: tuple[int, ...]
    first_article: int
    first_row: int
    rows: int
    converted: bool = False


def parquet_pieces(path: str, first_article: int, report: Report, *,
                   per_partition: int = ARTICLES_PER_PARTITION) -> tuple[list[Piece], int]:
    """A Parquet file's pieces, runs of whole row groups of about per_partition rows (a larger row group is a piece
    of its own), and its rows. A file that is no Parquet, or has no text column, is reported and left out."""
    where, path = path, os.path.abspath(path)
    try:
        file = pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as e:
        report.skip(where, "not Parquet", f"cannot be read as Parquet ({e}); give Parquet files or article files")
        return [], 0
    names = [name.lower() for name in file.schema_arrow.names]
    if not set(names) & set(TEXT_FIELDS):
        report.skip(where, "no text column", f"no {', '.join(TEXT_FIELDS)} column (it has: {', '.join(names)[:200]}); "
                                            "name the articles' column text")
        return [], 0
    pieces, groups, first, rows = [], [], 0, 0
    for group in range(file.num_row_groups):
        groups.append(group)
        rows += file.metadata.row_group(group).num_rows
        if rows - first >= per_partition:
            pieces.append(Piece(path, where, tuple(groups), first_article + first, first, rows - first))
            groups, first = [], rows
    if groups:
        pieces.append(Piece(path, where, tuple(groups), first_article + first, first, rows - first))
    return pieces, rows


def read_piece(piece: Piece) -> pd.DataFrame:
    """The rows of one partition as plain columns (ARTICLES): the run's number of each, where it is, and its fields."""
    file = pq.ParquetFile(piece.path)
    wanted = RECORD_FIELDS + TEXT_FIELDS + (("file", "line", "name", "lang") if piece.converted else ())
    columns = [name for name in file.schema_arrow.names if name.lower() in wanted]
    rows = [{name.lower(): value for name, value in row.items()}
            for row in file.read_row_groups(list(piece.row_groups), columns=columns).to_pylist()]
    stem = SURROGATE.sub("\ufffd", Path(piece.path).stem)
    lines = range(piece.first_row + 1, piece.first_row + 1 + len(rows))
    frame = pd.DataFrame({
        "number": pd.Series(range(piece.first_article, piece.first_article + len(rows)), dtype="int64"),
        "file": [row.get("file", piece.where) for row in rows],
        "line": pd.Series([row.get("line", line) for row, line in zip(rows, lines)], dtype="Int64"),
        "name": [row.get("name") or f"{stem}:{line}" for row, line in zip(rows, lines)],
        "text": [next((row[key] for key in TEXT_FIELDS if row.get(key) not in (None, "")), None) for row in rows],
    })
    for field in RECORD_FIELDS:
        frame[field] = [_text(row.get(field, row.get("lang") if field == "language" else None)) for row in rows]
    return frame


def _text(value) -> str | None:
    """A field as text: a date as 2024-10-22, a timestamp as 2024-10-22T08:00:00."""
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


ARTICLES = pd.DataFrame({"number": pd.Series([], dtype="int64"), "file": pd.Series([], dtype=object),
                         "line": pd.Series([], dtype="Int64"), "name": pd.Series([], dtype=object),
                         "text": pd.Series([], dtype=object),
                         **{field: pd.Series([], dtype=object) for field in RECORD_FIELDS}})


class _Problems(list):
    """What geomap.readers would tell a Report, kept to be told on the client: (file, line, reason, message), reason
    "" for a warning."""

    def skip(self, file: str, reason: str, message: str, line: int | None = None) -> None:
        self.append((file, line, reason, message))

    def warn(self, file: str, message: str, line: int | None = None) -> None:
        self.append((file, line, "", message))


def process_partition(articles: pd.DataFrame, staging: str, *, lang: str | None = None,
                      default_date: dt.date | None = None) -> pd.DataFrame:
    """Run process_article over one partition, write its three tables as Parquet parts under staging (named by the
    partition's first article, so that they sort in input order), and return its OUTCOMES."""
    results: list[tuple[int, ArticleResult]] = []
    problems = _Problems()
    outcomes = []
    for row in articles.to_dict("records"):
        record = {key: None if _missing(value) else value for key, value in row.items()}
        line = None if record["line"] is None else int(record["line"])
        article = _record_article(record, record["file"], line, record["name"], problems)
        outcomes += [(*problem, 0) for problem in problems]
        problems.clear()
        if article is None:
            continue
        if record["language"]:
            article = replace(article, lang=record["language"].strip().lower())
        result = process_article(article, lang=lang, default_date=default_date)
        results.append((int(record["number"]), result))
        outcomes.append((result.file, result.line, result.status, result.message, len(result.events)))
    if len(articles):
        part = f"part.{articles['number'].iloc[0]:012d}.parquet"
        _write([_article_row(n, r) for n, r in results], ARTICLE_SCHEMA, Path(staging, "articles", part))
        _write([{**row, "article": n, "event_date": _day(row["event_date"])} for n, r in results for row in r.events],
               EVENT_SCHEMA, Path(staging, "events", part))
        _write([{**row, "article": n} for n, r in results for row in r.mentions], MENTION_SCHEMA,
               Path(staging, "mentions", part))
    return pd.DataFrame(outcomes, columns=list(OUTCOMES.columns)).astype(OUTCOMES.dtypes.to_dict())


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _article_row(number: int, result: ArticleResult) -> dict:
    return {"article": number, "key": result.key, "file": result.file, "line": result.line, "name": result.name,
            "title": result.title, "date": _day(result.date), "url": result.url, "source": result.source,
            "lang": result.lang, "status": result.status, "message": result.message, "events": len(result.events)}


def _day(iso: str | None) -> dt.date | None:
    return dt.date.fromisoformat(iso) if iso else None


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _write(rows: list[dict], schema: pa.Schema, path: Path) -> None:
    """One part, whole or not at all: a task run again (its worker lost) writes the same part again."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), tmp)
    os.replace(tmp, path)


def read_results(folder: str | os.PathLike) -> Iterator[ArticleResult]:
    """The ArticleResults of a run's tables, in input order, as process_article gave them."""
    for part in sorted(Path(folder, "articles").glob("part.*.parquet")):
        events: dict[int, list[dict]] = {}
        for row in pq.read_table(Path(folder, "events", part.name)).to_pylist():
            events.setdefault(row.pop("article"), []).append({**row, "event_date": _iso(row["event_date"])})
        mentions: dict[int, list[dict]] = {}
        for row in pq.read_table(Path(folder, "mentions", part.name)).to_pylist():
            mentions.setdefault(row.pop("article"), []).append(row)
        for row in pq.read_table(part).to_pylist():
            number = row.pop("article")
            del row["events"]
            yield ArticleResult(**{**row, "date": _iso(row["date"])}, events=tuple(events.get(number, ())),
                                mentions=tuple(mentions.get(number, ())))


def run(paths: list[str], folder: str | os.PathLike, *, report: Report, scheduler: str | None = None,
        jobs: int | None = None, lang: str | None = None, default_date: dt.date | None = None,
        progress: Callable[[int, int, int], None] | None = None,
        articles_per_partition: int = ARTICLES_PER_PARTITION) -> Path:
    """Process the articles in paths on a Dask cluster (at scheduler, else a local one of `jobs` worker processes)
    into folder/articles, folder/events and folder/mentions, partitioned Parquet that replaces a previous run's
    only once this one has ended well, having processed an article at least. Problems are told to report, which
    also counts articles and events; progress(articles done, articles in all, events) is called as partitions
    finish."""
    folder = Path(folder).resolve()
    staging = folder.parent / f".{folder.name}.{uuid.uuid4().hex[:12]}.staging"
    try:
        with _signals_between_steps() as check, _client(scheduler, jobs) as client:
            check()
            pieces, total = input_pieces(paths, staging / "input", report, articles_per_partition, check)
            if pieces:
                _compute(client, pieces, total, staging, report, lang, default_date, progress, articles_per_partition,
                         check)
        if report.processed:  # else the last run's tables stay, as its map does
            _put_in_place(staging, folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return folder


@contextlib.contextmanager
def _signals_between_steps():
    """Ctrl-C and SIGTERM taken between steps, by calling the check function this yields: the Dask client runs
    callbacks in the main thread (a garbage-collection hook), and an exception raised by the signal inside one of
    them is printed and lost, and the run goes on. The handlers in place are called then, so the exceptions are the
    caller's; a signal during the cluster's shutdown waits for its end."""
    received: list[int] = []
    handlers = {}
    if threading.current_thread() is threading.main_thread():
        for number in (signal.SIGINT, signal.SIGTERM):
            if signal.getsignal(number) not in (signal.SIG_IGN, None):
                handlers[number] = signal.signal(number, lambda number, frame: received.append(number))

    def check() -> None:
        while received:
            number = received.pop(0)
            if callable(handlers[number]):
                handlers[number](number, None)
            elif number == signal.SIGINT:
                raise KeyboardInterrupt()
            else:
                raise SystemExit(128 + number)

    try:
        yield check
        check()
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)


def input_pieces(paths: Iterable[str], converted: Path, report: Report, per_partition: int = ARTICLES_PER_PARTITION,
                 check: Callable[[], None] = lambda: None) -> tuple[list[Piece], int]:
    """The partitions of the input, in order, and how many rows they hold: Parquet files as they are, and runs of
    other article files read by geomap.readers into Parquet files under `converted`."""
    pieces: list[Piece] = []
    total = 0
    waiting: list[str] = []  # article files, to be converted together

    def convert():
        nonlocal total
        batch: list[dict] = []
        for article in read_articles(waiting, report):
            check()
            batch.append(asdict(article))
            if len(batch) == per_partition:
                total = flush(batch, total)
        if batch:
            total = flush(batch, total)
        waiting.clear()

    def flush(batch: list[dict], first: int) -> int:
        path = converted / f"part.{first:012d}.parquet"
        path.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.Table.from_pylist(batch, schema=CONVERTED_SCHEMA), path)
        pieces.append(Piece(str(path), str(path), (0,), first, 0, len(batch), converted=True))
        count = len(batch)
        batch.clear()
        return first + count

    for path in _files(paths):
        if path.lower().endswith(PARQUET_SUFFIXES):
            convert()
            found, rows = parquet_pieces(path, total, report, per_partition=per_partition)
            pieces += found
            total += rows
        else:
            waiting.append(path)
    convert()
    return pieces, total


CONVERTED_SCHEMA = pa.schema([("text", pa.string()), ("file", pa.string()), ("line", pa.int64()),
                              ("name", pa.string()), ("title", pa.string()), ("date", pa.date32()),
                              ("url", pa.string()), ("source", pa.string()), ("lang", pa.string())])


def _files(paths: Iterable[str]) -> Iterator[str]:
    """The paths, with a folder that holds Parquet files replaced by its article and Parquet files in name order
    (as geomap.readers lists a folder); other folders and "-" are left to geomap.readers."""
    suffixes = TEXT_SUFFIXES + RECORD_SUFFIXES + PARQUET_SUFFIXES
    for path in paths:
        if path == "-" or not Path(path).is_dir():
            yield path
            continue
        found = []
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found += [os.path.join(root, f) for f in sorted(files)
                      if not f.startswith(".") and f.lower().endswith(suffixes)]
        if any(f.lower().endswith(PARQUET_SUFFIXES) for f in found):
            yield from found
        else:
            yield path


@contextlib.contextmanager
def _client(scheduler: str | None, jobs: int | None):
    """A Dask client: of the cluster at `scheduler`, or of a cluster of `jobs` single-threaded worker processes on
    this machine (local_cluster)."""
    from distributed import Client

    if scheduler:
        try:
            client = Client(scheduler, timeout="10s")
        except (OSError, ValueError, TypeError) as e:
            raise SchedulerUnreachable(f"cannot reach the Dask scheduler at {scheduler} ({e}); start one with `dask "
                                       "scheduler` and workers with `dask worker ADDRESS`, or leave out --scheduler "
                                       "to run on this machine") from None
        with client:
            yield client
        return
    with local_cluster(jobs or os.cpu_count() or 1) as cluster, Client(cluster) as client:
        yield client


def local_cluster(workers: int):
    """A Dask cluster on this machine of single-threaded worker processes (each loads the gazetteer once), reached on
    localhost only. No dashboard; the scheduler's HTTP endpoints (health, metrics), which it always serves, take a
    free port on localhost rather than 8787, which a second cluster would find taken."""
    import logging

    from distributed import LocalCluster

    return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                        dashboard_address=None, scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                        silence_logs=logging.CRITICAL)


def partitions(pieces: list[Piece], per_partition: int = ARTICLES_PER_PARTITION):
    """The articles as a Dask DataFrame of partitions of about per_partition rows: a piece each, and a large row
    group (Parquet writers put up to a million rows in one) read by one task and split into several partitions."""
    import dask
    import dask.dataframe as dd

    parts = []
    for piece in pieces:
        whole = dask.delayed(read_piece, pure=True)(piece)
        if piece.rows <= per_partition:
            parts.append(whole)
        else:
            parts += [dask.delayed(_rows, pure=True)(whole, start, start + per_partition)
                      for start in range(0, piece.rows, per_partition)]
    return dd.from_delayed(parts, meta=ARTICLES, verify_meta=False)


def _rows(frame: pd.DataFrame, start: int, stop: int) -> pd.DataFrame:
    return frame.iloc[start:stop]


def _compute(client, pieces: list[Piece], total: int, staging: Path, report: Report, lang: str | None,
             default_date: dt.date | None, progress, per_partition: int, check: Callable[[], None]) -> None:
    from distributed import as_completed

    outcomes = partitions(pieces, per_partition).map_partitions(
        process_partition, str(staging), lang=lang, default_date=default_date, meta=OUTCOMES, enforce_metadata=False)
    futures = client.compute(outcomes.to_delayed())
    done = 0  # rows of the input: articles, and records that are none
    finished = as_completed(futures, with_results=True)
    try:
        while not finished.is_empty():
            check()
            if not finished.has_ready():
                time.sleep(0.05)
                continue
            _, frame = next(finished)
            for file, line, status, message, events in frame.itertuples(index=False):
                line = None if pd.isna(line) else int(line)
                done += bool(status)
                if status == PROCESSED:
                    report.processed += 1
                    report.events += events
                elif status:
                    report.skip(file, status, message, line)
                else:
                    report.warn(file, message, line)
            if progress:
                progress(done, total, report.events)
    finally:
        client.cancel(futures)


def _put_in_place(staging: Path, folder: Path) -> None:
    """The staged tables in place of the folder's, one table at a time, each by a rename."""
    folder.mkdir(parents=True, exist_ok=True)
    for table in TABLES:
        new, target, old = staging / table, folder / table, folder / f".{table}.{staging.name}.old"
        new.mkdir(parents=True, exist_ok=True)  # a run that found nothing leaves an empty table, not the last one's
        if target.exists():
            os.replace(target, old)
        os.replace(new, target)
        shutil.rmtree(old, ignore_errors=True)
