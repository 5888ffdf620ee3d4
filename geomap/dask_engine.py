"""Corpus mode beyond one machine: the per-article function (geomap.corpus.process_article) runs over partitions of
the articles on a Dask cluster, and each partition's rows are written as Parquet by the worker that made them.

The input is Parquet (files, or folders of them) with a text column, and the article files the other readers take,
which are converted to Parquet partitions first. A partition is a run of row groups of one file, so every row keeps
its file and row number, as a JSON Lines record keeps its line: a problem is told by place, and events name their
article as the single-process run names it. Workers write their partitions under a staging folder, and only a run
that ends well puts them in place of the previous run's: an interrupted run leaves the old tables whole, and the
same run again resumes from the partitions it staged. Workers, local or remote, must see the same paths (a shared
file system) and run the same geomap.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import glob
import hashlib
import json
import math
import os
import shutil
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Protocol

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from geomap.corpus import (MENTION_FIELDS, PROCESSED, ArticleResult, article_key, code_fingerprint,
                           process_article)
from geomap.readers import (SURROGATE, Article, Columns, Report, either, files_named, one_line, read_articles,
                            record_article, text_column_hint)
from geomap.signals import signals_between_steps
from geomap.table import COLUMNS, FLOAT_COLUMNS, INTEGER_COLUMNS

ARTICLES_PER_PARTITION = 250  # about a second of one core's work: small enough to spread, large enough to pay off
PARQUET_SUFFIX = ".parquet"  # as geomap.readers takes them
RECORD_FIELDS = ("title", "date", "url", "source", "language")  # besides the text, read from input Parquet
CONVERTED = Columns(text=("text",), language="lang")  # the columns of Parquet that geomap converted articles into
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
OUTCOME_SCHEMA = pa.schema([("number", pa.int64()), ("file", pa.string()), ("line", pa.int64()),
                            ("status", pa.string()), ("message", pa.string()), ("events", pa.int64()),
                            ("stored", pa.string())])
# What a partition sends back for the run's report: a row per article (status "processed", its events; stored: its
# key when the event store held it, and it was not processed again, else null) and per problem found before
# processing (reason and message; reason "" for a warning).
OUTCOMES = pd.DataFrame({"number": pd.Series([], dtype="int64"), "file": pd.Series([], dtype=object),
                         "line": pd.Series([], dtype="Int64"),
                         "status": pd.Series([], dtype=object), "message": pd.Series([], dtype=object),
                         "events": pd.Series([], dtype="int64"), "stored": pd.Series([], dtype=object)})
KEYS = pd.DataFrame({"number": pd.Series([], dtype="int64"), "key": pd.Series([], dtype=object)})


class Known(Protocol):
    """What an event store holds of an article (geomap.store.Known)."""

    status: str
    message: str
    events: int


@dataclass(frozen=True, slots=True)
class Ran:
    """What a run did: whether its tables were put in place (not when it processed no article: the last run's stay),
    and the articles the store held already, not processed again, as (article number, key) in input order."""

    placed: bool
    stored: tuple[tuple[int, str], ...] = ()


class ClusterError(Exception):
    """The cluster cannot do the work: its scheduler is out of reach, or a worker cannot read the input or write the
    tables. The message says what to do."""


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


def parquet_pieces(path: str, first_article: int, report: Report | _Held, columns: Columns = Columns(), *,
                   per_partition: int = ARTICLES_PER_PARTITION) -> tuple[list[Piece], int]:
    """A Parquet file's pieces, runs of whole row groups of about per_partition rows (a larger row group is a piece
    of its own), and its rows. A file that is no Parquet, or has no text column, is reported (as geomap.readers
    reports it) and left out."""
    where, path = path, os.path.abspath(path)
    try:
        file = pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as e:
        report.skip(where, "not Parquet", f"cannot read it as Parquet ({one_line(e)}); give a .parquet file pyarrow "
                                          "writes")
        return [], 0
    names = file.schema_arrow.names
    if not {name.lower() for name in names} & {name.lower() for name in columns.text}:
        found = ", ".join(names)[:200] or "nothing"
        report.skip(where, "no text column",
                    f"no {either(columns.text)} column (it has: {found}); {text_column_hint(columns)}")
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


def read_piece(piece: Piece, columns: Columns = Columns()) -> pd.DataFrame:
    """The rows of one partition as plain columns (ARTICLES): the run's number of each, where it is, its text and
    its RECORD_FIELDS, read from the columns named in `columns`."""
    file = pq.ParquetFile(piece.path)
    columns = CONVERTED if piece.converted else columns
    fields = {getattr(columns, field).lower(): field for field in RECORD_FIELDS}
    texts = [name.lower() for name in columns.text]
    wanted = set(fields) | set(texts) | ({"file", "line", "name"} if piece.converted else set())
    table = file.read_row_groups(list(piece.row_groups),
                                 columns=[name for name in file.schema_arrow.names if name.lower() in wanted])
    rows = [{name.lower(): value for name, value in row.items()} for row in table.to_pylist()]
    stem = SURROGATE.sub("\ufffd", Path(piece.path).stem)
    lines = range(piece.first_row + 1, piece.first_row + 1 + len(rows))
    frame = pd.DataFrame({
        "number": pd.Series(range(piece.first_article, piece.first_article + len(rows)), dtype="int64"),
        "file": [row.get("file", piece.where) for row in rows],
        "line": pd.Series([row.get("line", line) for row, line in zip(rows, lines)], dtype="Int64"),
        "name": [row.get("name") or f"{stem}:{line}" for row, line in zip(rows, lines)],
        "text": [next((row[key] for key in texts if row.get(key) not in (None, "")), None) for row in rows],
    })
    for name, field in fields.items():
        frame[field] = [_text(row.get(name)) for row in rows]
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


class _Held(deque):
    """What geomap.readers tells a Report while the client reads the input, held to be told in the input's order
    among the partitions' outcomes: (articles before it, file, line, reason, message), reason "" for a warning."""

    def __init__(self, position: Callable[[], int]):
        super().__init__()
        self.position = position

    def skip(self, file: str, reason: str, message: str, line: int | None = None) -> None:
        self.append((self.position(), file, line, reason, message))

    def warn(self, file: str, message: str, line: int | None = None) -> None:
        self.append((self.position(), file, line, "", message))


class _Problems(list):
    """What geomap.readers would tell a Report, kept to be told on the client: (file, line, reason, message), reason
    "" for a warning."""

    def skip(self, file: str, reason: str, message: str, line: int | None = None) -> None:
        self.append((file, line, reason, message))

    def warn(self, file: str, message: str, line: int | None = None) -> None:
        self.append((file, line, "", message))


def process_partition(articles: pd.DataFrame, staging: str, *, lang: str | None = None,
                      default_date: dt.date | None = None,
                      stored: dict[int, tuple[str, tuple[str, str, int]]] | None = None) -> pd.DataFrame:
    """Run process_article over one partition, write its three tables as Parquet parts under staging (named by the
    partition's first article, so that they sort in input order) and then its OUTCOMES, which mark it done, and
    return them. The articles numbered in `stored` are the event store's already, {number: (key, (status, message,
    events))}: what the store holds is told, and they are not processed again."""
    results: list[tuple[int, ArticleResult]] = []
    outcomes = []
    for number, article, problems in _partition_articles(articles):
        outcomes += [(number, *problem, 0, None) for problem in problems]
        if article is None:
            continue
        if number in (stored or {}):
            key, (status, message, events) = stored[number]
            outcomes.append((number, article.file, article.line, status, message, events, key))
            continue
        result = process_article(article, lang=lang, default_date=default_date)
        results.append((number, result))
        outcomes.append((number, result.file, result.line, result.status, result.message, len(result.events),
                         None))
    rows = [dict(zip(OUTCOME_SCHEMA.names, outcome)) for outcome in outcomes]
    outcomes = pd.DataFrame(outcomes, columns=list(OUTCOMES.columns)).astype(OUTCOMES.dtypes.to_dict())
    if len(articles):
        part = _part(articles["number"].iloc[0])
        _write([{**row, "article": n, "event_date": _day(row["event_date"])} for n, r in results for row in r.events],
               EVENT_SCHEMA, Path(staging, "events", part))
        _write([{**row, "article": n} for n, r in results for row in r.mentions], MENTION_SCHEMA,
               Path(staging, "mentions", part))
        _write([_article_row(n, r) for n, r in results], ARTICLE_SCHEMA, Path(staging, "articles", part))
        _write(rows, OUTCOME_SCHEMA, Path(staging, "outcomes", part))  # written last: the partition is done
    return outcomes


def partition_keys(articles: pd.DataFrame, *, lang: str | None = None,
                   default_date: dt.date | None = None) -> pd.DataFrame:
    """The article_key of each article of a partition (KEYS), as process_article would give it: what the client looks
    up in the event store before the partition is processed."""
    keys = [(number, article_key(article, lang=lang, default_date=default_date))
            for number, article, _ in _partition_articles(articles) if article is not None]
    return pd.DataFrame(keys, columns=list(KEYS.columns)).astype(KEYS.dtypes.to_dict())


def _partition_articles(articles: pd.DataFrame) -> Iterator[tuple[int, Article | None, list[tuple]]]:
    """Each row's number, its Article (None when it is none: no text), and the problems met reading it."""
    problems = _Problems()
    for row in articles.to_dict("records"):
        record = {key: None if _missing(value) else value for key, value in row.items()}
        line = None if record["line"] is None else int(record["line"])
        article = record_article(record, record["file"], line, record["name"], problems)
        yield int(record["number"]), article, list(problems)
        problems.clear()


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
    return (result for _, result in numbered_results(folder))


def numbered_results(folder: str | os.PathLike) -> Iterator[tuple[int, ArticleResult]]:
    """read_results, each with its article number in the run's input."""
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
            yield number, ArticleResult(**{**row, "date": _iso(row["date"])}, events=tuple(events.get(number, ())),
                                        mentions=tuple(mentions.get(number, ())))


def run(paths: list[str], folder: str | os.PathLike, *, report: Report, scheduler: str | None = None,
        jobs: int | None = None, lang: str | None = None, default_date: dt.date | None = None,
        columns: Columns = Columns(), progress: Callable[[int, int, int], None] | None = None,
        articles_per_partition: int = ARTICLES_PER_PARTITION,
        known: Callable[[str], Known | None] | None = None) -> Ran:
    """Process the articles in paths on a Dask cluster (at scheduler, else a local one of `jobs` worker processes)
    into folder/articles, folder/events and folder/mentions, partitioned Parquet that replaces a previous run's
    only once this one has ended well, and not when no article came to be processed: then the last run's tables
    stay, as its map does. Problems are told to report, which also counts articles and events; progress(articles
    done, articles in all, events) is called as partitions finish.

    known(key) is what an event store holds of an article (else None): the workers first compute every article's
    key, and the articles the store holds are not processed again; their stored status and events are told and
    counted, and the Ran says which they were. The partitions are staged in a folder beside, named by what the run
    depends on (the input files, their sizes and times, the options, geomap's code): a run interrupted, or failed,
    leaves it, and the same run again takes the partitions done from it and processes only the others."""
    import dask

    folder = Path(folder).resolve()
    fingerprint = _fingerprint(paths, lang, default_date, columns, articles_per_partition)
    staging = folder.parent / f".{folder.name}.{fingerprint}.staging"
    with signals_between_steps() as check, _client(scheduler, jobs) as client:
        check()
        pieces, total, held = input_pieces(paths, staging / "input", columns, articles_per_partition, check)
        slots = [first for piece in pieces for first in _partition_starts(piece, articles_per_partition)]
        done = {first: _outcomes(staging / "outcomes" / _part(first)) for first in slots
                if (staging / "outcomes" / _part(first)).exists()}
        frames = partitions(pieces, columns, articles_per_partition, skip=set(done))
        frames = frames.to_delayed() if frames is not None else []
        starts = [first for first in slots if first not in done]
        stored = _stored(client, frames, starts, known, lang, default_date, check) if known and frames else {}
        work = [dask.delayed(process_partition)(frame, str(staging), lang=lang, default_date=default_date,
                                                stored=stored.get(first, {}))
                for frame, first in zip(frames, starts)]
        found: list[tuple[int, str]] = []  # (number, key) of the stored articles, as the outcomes tell them
        _compute(client, work, slots, done, total, held, report, progress, check, found)
        _tell(OUTCOMES, held, report, found)
    ran = Ran(False, tuple(found))
    if not sum(pq.ParquetFile(part).metadata.num_rows for part in (staging / "articles").glob("part.*.parquet")):
        shutil.rmtree(staging, ignore_errors=True)
        return ran
    _put_in_place(staging, folder)
    for left in [staging, *folder.parent.glob(f".{glob.escape(folder.name)}.*.staging")]:  # and runs never ended
        shutil.rmtree(left, ignore_errors=True)
    return dataclasses.replace(ran, placed=True)


def _stored(client, frames: list, starts: list[int], known: Callable[[str], Known | None], lang: str | None,
            default_date: dt.date | None, check: Callable[[], None]) -> dict[int, dict[int, tuple]]:
    """The articles of the partitions (delayed frames, starting at article numbers `starts`) that the store holds,
    by partition: {first article number: {article number: (key, (status, message, events))}}. The workers compute
    the keys; the client looks them up."""
    import dask
    from distributed import as_completed

    futures = client.compute([dask.delayed(partition_keys)(frame, lang=lang, default_date=default_date)
                              for frame in frames])
    index = {future.key: first for future, first in zip(futures, starts)}
    stored: dict[int, dict[int, tuple]] = {}
    try:
        for future, keys in _worker_results(as_completed(futures, with_results=True)):
            check()
            for number, key in keys.itertuples(index=False):
                if (found := known(key)) is not None:
                    stored.setdefault(index[future.key], {})[number] = (key, (found.status, found.message,
                                                                              int(found.events)))
    finally:
        client.cancel(futures)
    return stored


def _worker_results(finished):
    """The (future, result) pairs of as_completed, an input or output a worker cannot reach told as a ClusterError."""
    try:
        yield from finished
    except OSError as e:  # raised on a worker
        raise ClusterError(f"a worker cannot read or write a file ({one_line(e)}); every worker must see the input "
                           "and the output at the same paths, on a shared file system") from None


def _fingerprint(paths: list[str], lang: str | None, default_date: dt.date | None, columns: Columns,
                 per_partition: int) -> str:
    """A hash of what a run's partitions depend on: its input files (names, sizes, times), its options and geomap's
    code; random when it reads standard input, which cannot be read again."""
    if "-" in paths:
        return uuid.uuid4().hex[:16]
    files = [[os.path.abspath(file), *((file.stat().st_size, file.stat().st_mtime_ns) if file.is_file() else ())]
             for path in paths for file in files_named(path, _Held(lambda: 0))]
    manifest = [files, lang, default_date and default_date.isoformat(), asdict(columns), per_partition,
                code_fingerprint()]
    return hashlib.sha256(json.dumps(manifest).encode()).hexdigest()[:16]


def _partition_starts(piece: Piece, per_partition: int) -> range:
    """The article numbers the piece's partitions start at (those of a large row group split in several)."""
    if piece.rows <= per_partition:
        return range(piece.first_article, piece.first_article + 1)
    return range(piece.first_article, piece.first_article + piece.rows, per_partition)


def _outcomes(path: Path) -> pd.DataFrame:
    """A partition's OUTCOMES, as it staged them."""
    return pq.read_table(path).to_pandas().astype(OUTCOMES.dtypes.to_dict())


def _part(first: int) -> str:
    return f"part.{first:012d}.parquet"


def input_pieces(paths: Iterable[str], converted: Path, columns: Columns = Columns(),
                 per_partition: int = ARTICLES_PER_PARTITION,
                 check: Callable[[], None] = lambda: None) -> tuple[list[Piece], int, _Held]:
    """The partitions of the input, in order, how many rows they hold, and the problems met reading it: Parquet
    files as they are, and runs of other article files (folders and patterns as geomap.readers lists them) read by
    geomap.readers into Parquet files under `converted`."""
    pieces: list[Piece] = []
    total = 0
    waiting: list[str] = []  # article files, to be converted together
    batch: list[dict] = []
    held = _Held(lambda: total + len(batch))

    def convert():
        nonlocal total
        for article in read_articles(waiting, held, columns):
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

    for path in paths:
        for file in [path] if path == "-" else files_named(path, held):
            where = path if file == path or file == Path(path) else str(file)
            if isinstance(file, Path) and file.suffix.lower() == PARQUET_SUFFIX and file.is_file():
                convert()
                found, rows = parquet_pieces(where, total, held, columns, per_partition=per_partition)
                pieces += found
                total += rows
            else:
                waiting.append(where)
    convert()
    return pieces, total, held


CONVERTED_SCHEMA = pa.schema([("text", pa.string()), ("file", pa.string()), ("line", pa.int64()),
                              ("name", pa.string()), ("title", pa.string()), ("date", pa.date32()),
                              ("url", pa.string()), ("source", pa.string()), ("lang", pa.string())])


@contextlib.contextmanager
def _client(scheduler: str | None, jobs: int | None):
    """A Dask client: of the cluster at `scheduler`, or of a cluster of `jobs` single-threaded worker processes on
    this machine (local_cluster)."""
    from distributed import Client

    if scheduler:
        try:
            client = Client(scheduler, timeout="10s")
        except (OSError, ValueError, TypeError) as e:
            raise ClusterError(f"cannot reach the Dask scheduler at {scheduler} ({e}); start one with `dask "
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


def partitions(pieces: list[Piece], columns: Columns = Columns(), per_partition: int = ARTICLES_PER_PARTITION,
               skip: set[int] = frozenset()):
    """The articles as a Dask DataFrame of partitions of about per_partition rows (None when there is none): a piece
    each, and a large row group (Parquet writers put up to a million rows in one) read by one task and split into
    several partitions. Partitions starting at an article number in `skip` are left out."""
    import dask
    import dask.dataframe as dd

    parts = []
    for piece in pieces:
        starts = [first for first in _partition_starts(piece, per_partition) if first not in skip]
        if not starts:
            continue
        whole = dask.delayed(read_piece, pure=True)(piece, columns)
        if piece.rows <= per_partition:
            parts.append(whole)
        else:
            parts += [dask.delayed(_rows, pure=True)(whole, first - piece.first_article,
                                                     first - piece.first_article + per_partition) for first in starts]
    return dd.from_delayed(parts, meta=ARTICLES, verify_meta=False) if parts else None


def _rows(frame: pd.DataFrame, start: int, stop: int) -> pd.DataFrame:
    return frame.iloc[start:stop]


def _compute(client, work, slots: list[int], done: dict[int, pd.DataFrame], total: int, held: _Held,
             report: Report, progress, check: Callable[[], None], stored: list[tuple[int, str]]) -> None:
    """Compute the partitions' OUTCOMES on the cluster (those not already `done`), telling them to report in the
    input's order (slots: the partitions' first article numbers), with the problems held from reading it, and
    counting them to progress as they come."""
    from distributed import as_completed

    futures = client.compute(work) if work else []
    index = {future.key: first for future, first in zip(futures, [s for s in slots if s not in done])}
    arrived = dict(done)
    rows = sum(int((frame["status"] != "").sum()) for frame in done.values())  # of the input: articles, and not
    events = sum(int(frame["events"].sum()) for frame in done.values())
    told = 0  # slots told to report
    finished = as_completed(futures, with_results=True)
    results = _worker_results(finished)
    try:
        while True:
            while told < len(slots) and slots[told] in arrived:  # problems are told in the input's order
                _tell(arrived.pop(slots[told]), held, report, stored)
                told += 1
            if progress:
                progress(rows, total, events)
            if finished.is_empty():
                break
            check()
            if not finished.has_ready():
                time.sleep(0.05)
                continue
            future, frame = next(results)
            arrived[index[future.key]] = frame
            rows += int((frame["status"] != "").sum())
            events += int(frame["events"].sum())
    finally:
        client.cancel(futures)


def _tell(outcomes: pd.DataFrame, held: _Held, report: Report, stored: list[tuple[int, str]]) -> None:
    """Outcomes to report, each after the held problems met before its article (all of them, when there are no
    outcomes); the (number, key) of the articles the store held go to `stored`."""
    for number, file, line, status, message, events, key in [*outcomes.itertuples(index=False)] or [(None,) * 7]:
        while held and (number is None or held[0][0] <= number):
            _, where, at, reason, told = held.popleft()
            report.skip(where, reason, told, at) if reason else report.warn(where, told, at)
        if number is None:
            return
        line = None if pd.isna(line) else int(line)
        if isinstance(key, str):
            stored.append((int(number), key))
        if status == PROCESSED:
            report.processed += 1
            report.stored += isinstance(key, str)
            report.events += events
        elif status:
            report.skip(file, status, message, line)
        else:
            report.warn(file, message, line)


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
