"""The event store: an SQLite file that keeps every article geomap has read, with its events and place mentions, so
that a run adds only what is new, an interrupted run resumes, and maps are drawn later without the text.

An article is stored under its key (geomap.corpus.article_key: its text, metadata, options and geomap's code).
Adding a result whose key is stored changes nothing. An article stored by an earlier run under another key but
the same url, or the same file and line, has changed: the new result replaces its row, events and mentions.
Articles of one run never replace each other, so no article of the input is lost. Results are written in batches,
each in one transaction, in WAL mode: a run killed at any moment leaves every batch written before it whole and
nothing of the next. docs/corpus.md describes the tables.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from geomap.corpus import MENTION_FIELDS, ArticleResult
from geomap.table import COLUMNS, FLOAT_COLUMNS, INTEGER_COLUMNS

DEFAULT_STORE = Path("output") / "events.sqlite"
SCHEMA_VERSION = 1  # PRAGMA user_version of a store this code reads and writes
EVENT_COLUMNS = [c for c in COLUMNS if c != "event_id_cnty"]  # numbered per table when written out
ARTICLE_FIELDS = ("key", "position", "file", "line", "name", "title", "date", "url", "source", "lang", "status",
                  "message", "events", "added")
CACHE_KB = 65536  # SQLite's page cache: keys are hashes, so a large store's inserts land on pages all over it
BUSY_SECONDS = 60  # how long a run waits for another run writing to the same store


def _sql_type(column: str) -> str:
    return "INTEGER" if column in INTEGER_COLUMNS else "REAL" if column in FLOAT_COLUMNS else "TEXT"


SCHEMA = f"""
CREATE TABLE IF NOT EXISTS articles (
    key TEXT PRIMARY KEY,       -- geomap.corpus.article_key
    position TEXT,              -- the file's absolute path and the line; NULL for standard input
    file TEXT NOT NULL, line INTEGER, name TEXT NOT NULL, title TEXT NOT NULL, date TEXT, url TEXT NOT NULL,
    source TEXT NOT NULL, lang TEXT NOT NULL,
    status TEXT NOT NULL,       -- 'processed', or why it was skipped
    message TEXT NOT NULL,      -- the skip's one-line message
    events INTEGER NOT NULL,
    added TEXT NOT NULL         -- when it was stored (UTC, ISO 8601)
);
CREATE TABLE IF NOT EXISTS events (
    article TEXT NOT NULL REFERENCES articles(key),
    seq INTEGER NOT NULL,       -- the event's place in its article
    {", ".join(f"{c} {_sql_type(c)}" for c in EVENT_COLUMNS)},
    actors TEXT NOT NULL,       -- JSON list of every actor's name, actor1 first
    PRIMARY KEY (article, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS articles_by_position ON articles(position);
CREATE INDEX IF NOT EXISTS articles_by_url ON articles(url);
CREATE INDEX IF NOT EXISTS events_by_date ON events(event_date);
CREATE TABLE IF NOT EXISTS mentions (
    article TEXT NOT NULL REFERENCES articles(key),
    seq INTEGER NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, usage TEXT NOT NULL,
    geonameid INTEGER, place TEXT, lat REAL, lon REAL, country_code TEXT, kind TEXT,
    PRIMARY KEY (article, seq)
) WITHOUT ROWID;
-- One row per event as the world saw it: the same category at the same place on the same day, however many
-- articles (told apart by url, else by key) reported it; sources lists their urls, else their names. Undated events
-- are never merged. Fatalities and injuries: the lowest reported, as ACLED codes.
CREATE VIEW IF NOT EXISTS merged_events AS
SELECT category, event_date, location, country_code, admin1, latitude, longitude, geonameid,
       COUNT(DISTINCT source_key) AS reports,
       MIN(fatalities) AS fatalities, MIN(injured) AS injured,
       json_group_array(DISTINCT source_name) AS sources,
       MIN(article || ':' || seq) AS first_event
FROM (SELECT e.*, COALESCE(NULLIF(a.url, ''), a.key) AS source_key,
             COALESCE(NULLIF(a.url, ''), a.name) AS source_name
      FROM events e JOIN articles a ON a.key = e.article WHERE e.event_date IS NOT NULL)
GROUP BY category, event_date, COALESCE(CAST(geonameid AS TEXT), location || '@' || latitude || ',' || longitude);
"""


class StoreError(Exception):
    """A store geomap cannot open or write; the message names it and says what to do."""


@dataclass(frozen=True, slots=True)
class Known:
    """What the store holds of an article already read."""

    status: str
    message: str
    events: int


@dataclass(frozen=True, slots=True)
class Selection:
    """Which stored events to map: all when every field is empty. Dates are of the events, both days included."""

    since: dt.date | None = None
    until: dt.date | None = None
    categories: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()  # ISO 3166-1 alpha-2 codes

    def where(self) -> tuple[str, list]:
        clauses, values = [], []
        if self.since:
            clauses.append("e.event_date >= ?")
            values.append(self.since.isoformat())
        if self.until:
            clauses.append("e.event_date <= ?")
            values.append(self.until.isoformat())
        for column, wanted in (("e.category", self.categories), ("e.country_code", self.countries)):
            if wanted:
                clauses.append(f"{column} IN ({', '.join('?' * len(wanted))})")
                values += list(wanted)
        return " AND ".join(clauses) or "1", values


class Store:
    """An open event store. Use as a context manager; `add` buffers results and writes them in batches."""

    def __init__(self, path: str | os.PathLike, *, create: bool = True):
        self.path = Path(path)
        if not create and not self.path.exists():
            raise StoreError(f"{self.path}: no such store; make one with geomap map FILE... --store {self.path}")
        try:
            if create:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, timeout=BUSY_SECONDS, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")  # in WAL mode: a crash of the process loses no commit
            self.db.execute(f"PRAGMA cache_size = -{CACHE_KB}")
            self._prepare()
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{self.path}: cannot use it as a store ({e}); give another --store") from None
        except OSError as e:
            raise StoreError(f"{self.path}: cannot open it ({(e.strerror or str(e)).lower()}); give another "
                             "--store") from None
        self.pending: list[ArticleResult] = []

    def _prepare(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        tables = self.db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0]
        if version == 0 and tables == 0:  # a new store; a second run making it at the same time waits, then finds it
            self.db.executescript(f"BEGIN IMMEDIATE; {SCHEMA} PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;")
        elif version != SCHEMA_VERSION:
            raise sqlite3.DatabaseError("it was not made by this version of geomap")
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS run (seq INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE)")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    # -- writing ---------------------------------------------------------------------------------------------
    def known(self, key: str) -> Known | None:
        row = self.db.execute("SELECT status, message, events FROM articles WHERE key = ?", (key,)).fetchone()
        return Known(*row) if row else None

    def add(self, result: ArticleResult) -> None:
        """Keep the result for the next `flush`."""
        self.pending.append(result)

    def flush(self) -> None:
        """Write the buffered results in one transaction: all of them, or (interrupted) none."""
        if not self.pending:
            return
        with self._transaction():
            for result in self.pending:
                self._write(result)
        self.pending.clear()

    def _write(self, result: ArticleResult) -> None:
        position = article_position(result)
        for (old,) in self.db.execute(
                "SELECT key FROM articles WHERE key <> ? AND (position = ? OR (url = ? AND url <> '')) "
                "AND key NOT IN (SELECT key FROM temp.run)", (result.key, position, result.url)).fetchall():
            self._delete(old)
        added = self.db.execute(
            f"INSERT OR IGNORE INTO articles VALUES ({', '.join('?' * len(ARTICLE_FIELDS))})",
            (result.key, position, _storable(result.file), result.line, result.name, result.title, result.date,
             result.url, result.source, result.lang, result.status, result.message, len(result.events),
             dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))).rowcount
        if not added:  # the same article, already stored (twice in one input, or by another run)
            return
        self.db.executemany(
            f"INSERT INTO events VALUES (?, ?, {', '.join('?' * len(EVENT_COLUMNS))}, ?)",
            [(result.key, seq, *(row[c] for c in EVENT_COLUMNS), json.dumps(row["actors"], ensure_ascii=False))
             for seq, row in enumerate(result.events)])
        self.db.executemany(
            f"INSERT INTO mentions VALUES (?, ?, {', '.join('?' * len(MENTION_FIELDS))})",
            [(result.key, seq, *(m[f] for f in MENTION_FIELDS)) for seq, m in enumerate(result.mentions)])

    def _delete(self, key: str) -> None:
        for table, column in (("events", "article"), ("mentions", "article"), ("articles", "key")):
            self.db.execute(f"DELETE FROM {table} WHERE {column} = ?", (key,))

    def _transaction(self):
        return _Transaction(self.db)

    # -- this run's articles ---------------------------------------------------------------------------------
    def in_run(self, key: str, position: int) -> None:
        """Count the article into this run (its outputs), at its position in the run's input (kept until close)."""
        self.db.execute("INSERT OR IGNORE INTO run VALUES (?, ?)", (position, key))

    # -- reading ---------------------------------------------------------------------------------------------
    def results(self, selection: Selection = Selection(), *, run: bool = False) -> Iterator[ArticleResult]:
        """The processed articles with their selected events (no mentions): of this run in its order, every
        article of the run, with or without events; else the stored articles that have selected events."""
        where, values = selection.where()
        event_columns = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
        articles, article_values = self._articles(selection, run)
        reader = self.db.cursor()
        for article in reader.execute(f"{articles} ORDER BY {'r.seq' if run else 'a.date, a.file, a.line, a.key'}",
                                      article_values):
            fields = dict(zip(ARTICLE_FIELDS, article))
            rows = self.db.execute(f"SELECT {event_columns}, e.actors FROM events e WHERE e.article = ? AND {where} "
                                   "ORDER BY e.seq", [fields["key"], *values]).fetchall()
            events = tuple({**dict(zip(EVENT_COLUMNS, row)), "actors": json.loads(row[-1])} for row in rows)
            yield ArticleResult(fields["key"], fields["file"], fields["line"], fields["name"], fields["title"],
                                fields["date"], fields["url"], fields["source"], fields["lang"], fields["status"],
                                fields["message"], events)

    @contextlib.contextmanager
    def snapshot(self):
        """Reads in this block see the store as it was at the first of them, though another run writes to it
        meanwhile: the map, GeoJSON and CSV, each drawn from the store, show the same articles."""
        self.db.execute("BEGIN")
        try:
            yield
        finally:
            self.db.execute("COMMIT")

    def count_results(self, selection: Selection = Selection(), *, run: bool = False) -> int:
        """How many articles `results` gives, without reading them."""
        articles, values = self._articles(selection, run)
        return self.db.execute(f"SELECT COUNT(*) FROM ({articles})", values).fetchone()[0]

    def _articles(self, selection: Selection, run: bool) -> tuple[str, list]:
        if run:
            return "SELECT a.* FROM run r JOIN articles a ON a.key = r.key WHERE a.status = 'processed'", []
        where, values = selection.where()
        return f"SELECT a.* FROM articles a WHERE a.key IN (SELECT e.article FROM events e WHERE {where})", values

    def counts(self) -> dict[str, int]:
        """Articles, processed articles, events and merged events in the store."""
        queries = {"articles": "SELECT COUNT(*) FROM articles",
                   "processed": "SELECT COUNT(*) FROM articles WHERE status = 'processed'",
                   "events": "SELECT COUNT(*) FROM events", "merged events": "SELECT COUNT(*) FROM merged_events"}
        return {what: self.db.execute(sql).fetchone()[0] for what, sql in queries.items()}


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception, Ctrl-C included."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __enter__(self):
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind, value, traceback):
        if kind is None:
            self.db.execute("COMMIT")
        elif self.db.in_transaction:
            self.db.execute("ROLLBACK")


def article_position(result: ArticleResult) -> str | None:
    """Where an article was read: its file's absolute path and its line; standard input is nowhere."""
    if result.file == "stdin" and result.line is None:
        return None
    return _storable(f"{os.path.abspath(result.file)}:{result.line or 0}")


def _storable(name: str) -> str:
    """A file's name as SQLite can hold it: bytes in no encoding (b"caf\\xe9") written as escapes."""
    return name.encode("utf-8", errors="surrogateescape").decode("utf-8", errors="backslashreplace")

