"""The geomap command: map, extract, geocode, reverse, evaluate. Every problem is one line on stderr that names the
file (and line) and says what to do, never a traceback; the exit status says whether every article, some or none was
processed."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import itertools
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from geomap.corpus import PROCESSED
from geomap.language import supported_languages
from geomap.readers import SURROGATE, Report, read_articles

DEFAULT_STORE_NAME = "events.sqlite"  # beside the map: output/events.sqlite
FLUSH_ARTICLES, FLUSH_SECONDS = 1000, 1.0  # the store is written at least this often: a kill loses no more

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_SOME_SKIPPED = 0, 1, 2, 3
EXIT_INTERRUPTED, EXIT_PIPE_CLOSED, EXIT_TERMINATED = 130, 141, 143  # 128 + the signal, as a shell reports it
EXIT_STATUSES = ("Exit status: 0 every article was processed; 3 some were and some were skipped (each named on "
                 "stderr); 1 none was, or an output could not be written; 2 a bad option; 130 interrupted (Ctrl-C) "
                 "and 143 terminated, with every output file whole, old or new; 141 standard output was closed early.")


class InputError(Exception):
    """Input geomap cannot read; the message names it and says what to do."""


class Terminated(BaseException):
    """SIGTERM (from kill, timeout, a CI runner), met as Ctrl-C is: outputs being written are left as they were."""


def bundled_examples() -> list[Path]:
    return sorted(Path(str(p)) for p in resources.files("geomap.examples").iterdir() if p.name.endswith(".txt"))


def parse_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise argparse.ArgumentTypeError(f"{value!r} is no day of the calendar") from None
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2024-10-22") from None


class _InOrder:
    """Problems counted and told in the order of the input, though the reader runs ahead of the workers: one met
    while reading waits until the results of the articles read before it have been counted."""

    def __init__(self, report: Report):
        self.sent, self.done, self.reading = 0, 0, False
        self.held: deque[tuple[int, object]] = deque()  # (articles sent before it, the act of counting and telling)
        report.in_order = self.act

    def act(self, act) -> None:
        if self.reading and self.sent > self.done:
            self.held.append((self.sent, act))
        else:
            act()

    def articles(self, articles):
        """The articles, with what is met while reading each held back."""
        articles = iter(articles)
        while True:
            self.reading = True
            try:
                article = next(articles)
            except StopIteration:
                return
            finally:
                self.reading = False
            self.sent += 1
            yield article

    def result_counted(self) -> None:
        self.done += 1
        while self.held and self.held[0][0] <= self.done:
            self.held.popleft()[1]()

    def finish(self) -> None:
        while self.held:
            self.held.popleft()[1]()


def _documents(paths: list[str], args, report: Report) -> Iterator:
    """The articles in the paths, parsed on args.jobs cores, as they come; one that cannot be is reported and
    skipped, and the others go on."""
    from geomap.corpus import document_of
    from geomap.workers import process_all

    in_order = report.in_order
    order = _InOrder(report)
    try:
        with contextlib.closing(process_all(order.articles(read_articles(paths, report, args.columns)),
                                            jobs=args.jobs, lang=args.lang, default_date=args.date)) as results:
            for result in results:
                if result.processed:
                    report.processed += 1
                    # The outputs need only the events (each holds its sentence), not the rest of the article
                    yield document_of(result)
                else:
                    report.skip(result.file, result.status, result.message, result.line)
                order.result_counted()
        order.finish()
    finally:
        report.in_order = in_order


def _into_store(paths: list[str], args, report: Report, store) -> int:
    """Every article of the paths into the store and into this run: one already stored (a rerun, a resumed run) is
    counted as it was, the others are processed on args.jobs cores and written in batches. Interrupted, the batch
    in hand is written before the run stops: nothing finished is lost. Returns how many events the run's articles
    have."""
    from geomap.corpus import article_key
    from geomap.progress import Progress
    from geomap.readers import count_articles
    from geomap.workers import process_all

    progress, say, in_order = Progress(), report.say, report.in_order
    report.say = progress.say
    order = _InOrder(report)
    threading.Thread(target=lambda: setattr(progress, "total", count_articles(paths, args.columns)),
                     daemon=True).start()
    positions: deque[int] = deque()  # where in the input each article being processed was, in order

    def count(status: str, message: str, events: int, file: str, line: int | None) -> None:
        if status == PROCESSED:
            report.processed += 1
        else:
            report.skip(file, status, message, line)
        progress.advance(1, events)

    def unstored():
        for position, article in enumerate(read_articles(paths, report, args.columns)):
            key = article_key(article, lang=args.lang, default_date=args.date)
            known = store.known(key)
            if known is None:
                positions.append(position)
                yield article
            else:
                store.in_run(key, position)
                report.stored += known.status == PROCESSED
                count(known.status, known.message, known.events, article.file, article.line)

    flushed = time.monotonic()
    try:
        with contextlib.closing(process_all(order.articles(unstored()), jobs=args.jobs, lang=args.lang,
                                            default_date=args.date)) as results:
            for result in results:
                store.add(result)
                store.in_run(result.key, positions.popleft())
                count(result.status, result.message, len(result.events), result.file, result.line)
                order.result_counted()
                if len(store.pending) >= FLUSH_ARTICLES or time.monotonic() - flushed >= FLUSH_SECONDS:
                    store.flush()
                    flushed = time.monotonic()
        store.flush()
        order.finish()
        return progress.events
    except (KeyboardInterrupt, Terminated):
        store.flush()  # what the workers finished is kept: the next run resumes after it
        raise
    finally:
        progress.clear()
        report.say, report.in_order = say, in_order


def _cluster_run(paths: list[str], args, folder: Path, open_store) -> bool:
    """Process the articles in the paths on a Dask cluster into Parquet tables in folder, with a progress bar, but
    those the store holds, then put the results into the store and every article into this run, as the local
    engine's go. open_store() opens the store: a cluster that cannot start leaves none behind. Returns whether the
    tables were written (not when no article was processed: the last run's stay)."""
    try:
        from geomap import dask_engine
    except ImportError as e:
        raise InputError(f"--engine dask needs Dask and pyarrow ({e.name} is missing): pip install 'geomap[dask]'") \
            from None
    from geomap.progress import Progress

    progress, say = Progress(), args.report.say
    args.report.say = progress.say

    def advance(done: int, total: int, events: int) -> None:
        progress.total = total
        progress.advance(done - progress.done, events - progress.events)

    try:
        ran = dask_engine.run(paths, folder, report=args.report, scheduler=args.scheduler, jobs=args.jobs,
                              lang=args.lang, default_date=args.date, columns=args.columns, progress=advance,
                              known=lambda key: open_store().known(key))
    except dask_engine.ClusterError as e:
        raise InputError(str(e)) from None
    finally:
        progress.clear()
        args.report.say = say
    store = open_store()
    for number, key in ran.stored:  # first: an article of this run is never replaced as changed by another
        store.in_run(key, number)
    for number, result in dask_engine.numbered_results(folder) if ran.placed else ():
        store.add(result)
        store.in_run(result.key, number)
        if len(store.pending) >= FLUSH_ARTICLES:
            store.flush()
    store.flush()
    return ran.placed


def _status(report: Report) -> int:
    if not report.processed:
        return EXIT_FAILED
    return EXIT_SOME_SKIPPED if report.skipped else EXIT_OK


def _stem(files: list[str]) -> str:
    """The outputs' name: the one file's or folder's, else "geomap"."""
    if len(files) != 1:
        return "geomap"
    return "stdin" if files[0] == "-" else Path(files[0]).stem or "geomap"


def cmd_map(args) -> int:
    from geomap.corpus import document_of
    from geomap.export import write_csv, write_geojson, written_together
    from geomap.maps import build_map, save_embed, save_map, summary_of
    from geomap.store import Selection

    from_store = args.store is not None and not args.files
    args.reads_articles = not from_store
    stem = args.output.with_suffix("") if args.output else Path("output") / (
        Path(args.store).stem if from_store else _stem(args.files))
    selection = Selection(args.since, args.until, tuple(args.category or ()), tuple(args.country or ()))
    paths = args.files or [str(p) for p in bundled_examples()]
    with contextlib.ExitStack() as opened:
        open_store = functools.cache(lambda: opened.enter_context(
            _store(args.store or stem.parent / DEFAULT_STORE_NAME, create=not from_store)))
        if not from_store and args.engine == "local":
            _into_store(paths, args, args.report, open_store())
        elif not from_store:
            _cluster_run(paths, args, stem, open_store)
        store = open_store()
        opened.enter_context(store.snapshot())  # each output reads the store anew: all read the same articles

        def docs():
            """The mapped articles, read from the store anew for each output: a corpus's events are never all held
            as Documents, only as the map's compact tables."""
            return (document_of(result) for result in store.results(selection, run=not from_store))

        articles = store.count_results(selection, run=not from_store)
        if not articles:
            print(f"geomap: no {'event in the store matches' if from_store else 'article to map'}; no file was "
                  "written", file=sys.stderr)
            return EXIT_FAILED
        title = SURROGATE.sub("\ufffd", args.title) if args.title else (
            next(docs()).title if articles == 1 else f"{articles:,} articles")
        written = [stem.with_suffix(".html"), stem.with_suffix(".geojson"), stem.with_suffix(".csv")]
        m = build_map(docs(), title=title, cdn=args.cdn)
        with written_together():
            save_map(m, written[0])
            write_geojson(docs(), written[1])
            events = write_csv(docs(), written[2])
            if args.embed:
                written.append(stem.with_name(stem.name + ".embed.html") if args.embed is True else args.embed)
                save_embed(m, written[-1])
            if args.png:
                from geomap.static_map import static_map

                written.append(stem.with_suffix(".png") if args.png is True else args.png)
                static_map(docs(), title=title).save(written[-1])
        args.report.events = events
    if args.engine == "dask":
        written.append(f"{stem}{os.sep} (Parquet tables: articles, events, mentions)")
    print("map: " + "\n     ".join(str(path) for path in written))
    if from_store:
        print(f"geomap: {summary_of(args.report.events, articles)} in {args.store}", file=sys.stderr)
        return EXIT_OK
    return _status(args.report)


def cmd_ingest(args) -> int:
    tables = Path(args.store).with_suffix("")
    with contextlib.ExitStack() as opened:
        open_store = functools.cache(lambda: opened.enter_context(_store(args.store, create=True)))
        placed = False
        if args.engine == "local":
            args.report.events = _into_store(args.files, args, args.report, open_store())
        else:
            placed = _cluster_run(args.files, args, tables, open_store)
        counts = open_store().counts()
    print(f"store: {args.store} ({', '.join(f'{n:,} {what}' for what, n in counts.items())})")
    if placed:
        print(f"       {tables}{os.sep} (Parquet tables: articles, events, mentions)")
    return _status(args.report)


@contextlib.contextmanager
def _store(path, *, create: bool):
    """The store at path, open; whatever goes wrong with it is one line that names it."""
    import sqlite3

    from geomap.store import Store, StoreError

    try:
        with Store(path, create=create) as store:
            yield store
    except StoreError as e:
        raise InputError(str(e)) from None
    except sqlite3.Error as e:
        raise InputError(f"{path}: the store failed ({e}); what was written before is kept; check the disk and "
                         "run again to resume") from None


def output_path(suffix: str, option: str):
    """An argparse type for an option's optional PATH: it must end in suffix, or a forgotten value would swallow
    the article named after the option."""
    def checked(value: str) -> Path:
        if not value.lower().endswith(suffix):
            raise argparse.ArgumentTypeError(
                f"{value!r} does not end in {suffix}; to write beside the map, put {option} after the articles")
        return Path(value)
    return checked


def positive_int(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of 1 or more")
    return int(value)


def output_file(value: str) -> Path:
    """An argparse type for -o: a file, not a folder."""
    if not Path(value).name or Path(value).is_dir():
        raise argparse.ArgumentTypeError(f"{value!r} is a folder; give a file's name, like output/week.html")
    return Path(value)


def cmd_extract(args) -> int:
    from geomap.export import atomic_write, csv_into, geojson_into, records_into

    into = {"geojson": geojson_into, "csv": csv_into, "json": records_into}[args.format]
    with contextlib.closing(_documents(args.files, args, args.report)) as processed:
        first = next(processed, None)
        if first is None:
            return EXIT_FAILED

        # the events are written as their articles are processed: an archive's events are never all held
        docs, events = itertools.chain([first], processed), []
        if args.output:
            atomic_write(args.output, lambda f: events.append(into(docs, f)))
            print(f"events: {args.output}")
        else:
            # spooled on disk and shown once whole: an interrupted run prints nothing rather than half a table
            with tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as spool:
                events.append(into(docs, spool))
                spool.seek(0)
                shutil.copyfileobj(spool, sys.stdout)
            sys.stdout.write("\n")
            sys.stdout.flush()
        args.report.events = events[0]
    return _status(args.report)


def cmd_geocode(args) -> int:
    from geomap.pipeline import default_gazetteer

    found = default_gazetteer().geocode(args.name, exactly_one=False, limit=args.limit, lang=args.lang)
    if not found:
        print(f"geomap: no place called {args.name!r} in the gazetteer", file=sys.stderr)
        return EXIT_FAILED
    for loc in found:
        r = loc.raw
        print(f"{loc.latitude:.5f}\t{loc.longitude:.5f}\t{r['kind']}\t{r['country_code'] or '-'}\t"
              f"{r['population']}\t{loc.address}")
    return EXIT_OK


def cmd_reverse(args) -> int:
    from geomap.pipeline import default_gazetteer

    if not (-90 <= args.lat <= 90 and -180 <= args.lon <= 180):
        raise InputError(f"{args.lat}, {args.lon} is not a coordinate (latitude -90..90, longitude -180..180)")
    found = default_gazetteer().reverse((args.lat, args.lon), exactly_one=False)
    if not found:
        print(f"geomap: nothing known at {args.lat}, {args.lon}", file=sys.stderr)
        return EXIT_FAILED
    for loc in found:
        print(f"{loc.raw['kind']}\t{loc.address}\t{loc.latitude:.5f}\t{loc.longitude:.5f}")
    return EXIT_OK


def cmd_evaluate(args) -> int:
    import json

    if args.events:
        from geomap.evaluate_events import run

        return run(args.corpora, as_json=args.json)
    from geomap.evaluate import CorpusError, evaluate, format_table, read_corpus

    results = []
    for path in args.corpora:
        try:
            corpus = read_corpus(path)
        except CorpusError as e:
            raise InputError(str(e)) from None
        results.append(evaluate(corpus, limit=args.limit))
    if args.json:
        print(json.dumps([r.as_dict() for r in results], indent=1))
    else:
        print(format_table(results))
    return EXIT_OK


class _Parser(argparse.ArgumentParser):
    """A bad option in one line, with where to read about the good ones."""

    def error(self, message: str):
        self.exit(EXIT_USAGE, f"{self.prog}: {message}; see {self.prog} --help\n")


ARTICLE_FILES = ("article files: .txt or .md (one article each), .html (a web page's text, without scripts and "
                 "navigation), folders of them, patterns ('news/**/*.html', quoted), .jsonl (one JSON object a line, "
                 "the text in text, body or content, with optional title, date, url, source, language), .csv or "
                 ".parquet (the same columns); '-' reads standard input")
STORE_HELP = ("The event store is an SQLite file that keeps every article read, with its events and place mentions: "
              "a run processes only the articles it does not hold yet, so running again adds nothing twice and an "
              "interrupted run (Ctrl-C, kill) resumes where it stopped; an article whose text changed since an "
              "earlier run (same url, or same file and line) replaces its old events. The same event reported by "
              "several articles (category, place, day) is one row of its merged_events view, listing every source "
              "(docs/corpus.md).")


def country_code(value: str) -> str:
    """An argparse type for --country: an ISO code (ID, IDN) or an English name (Indonesia), as its alpha-2 code."""
    from geomap.table import _countries

    wanted = value.strip().casefold()
    for code, country in _countries().items():
        if wanted in (code.casefold(), country["iso3"].casefold(), country["name"].casefold()):
            return code
    raise argparse.ArgumentTypeError(f"{value!r} is no country geomap knows; give a code like ID or IDN, or a name")


def engine_options(p, tables: str) -> None:
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="dask: process the articles on a Dask cluster (pip install 'geomap[dask]'), which also writes "
                        f"them, their events and their place mentions as partitioned Parquet in {tables}. Default: "
                        "local, --jobs processes on this machine")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="with --engine dask: the cluster's scheduler, like tcp://10.0.0.5:8786 (started with `dask "
                        "scheduler`; its workers must see the same paths); default: a cluster of --jobs worker "
                        "processes on this machine")


def build_parser() -> argparse.ArgumentParser:
    from geomap.categories import CATEGORIES
    from geomap.readers import TEXT_FIELDS, Columns
    from geomap.workers import default_jobs

    parser = _Parser(
        prog="geomap",
        description="News text in, map of events out: finds places in Indonesian and English articles, "
                    "resolves them offline, codes events (airstrikes, protests, visits, floods...) and maps them.",
        epilog="Start with `geomap map` (the bundled examples) and open the HTML file it prints. " + EXIT_STATUSES)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def article_options(p):
        p.add_argument("--lang", choices=supported_languages(),
                       help="the articles' language, for articles that do not name theirs in a language field "
                            "(default: detected)")
        p.add_argument("--date", type=parse_date, metavar="YYYY-MM-DD",
                       help="the publication date of articles that give none (a record's date field, a page's "
                            "<meta>), which anchors 'hari Sabtu', 'yesterday' (default: the dateline's date)")
        p.add_argument("--jobs", type=positive_int, default=default_jobs(), metavar="N",
                       help=f"processes working at once, or with --engine dask the worker processes it starts on "
                            f"this machine (default: every core, here {default_jobs()})")
        group = p.add_argument_group("record fields", "the names of the fields (keys, header names, columns) of "
                                                      ".jsonl, .csv and .parquet records; case is ignored")
        group.add_argument("--text-column", metavar="NAME", help=f"the text (default: {', '.join(TEXT_FIELDS)}, "
                                                                  "the first that is not empty)")
        for field in ("title", "date", "url", "source", "language"):
            group.add_argument(f"--{field}-column", metavar="NAME", default=getattr(Columns(), field),
                               help=f"the article's {field} (default: %(default)s)")
        p.set_defaults(reads_articles=True)

    p = sub.add_parser("map", help="write an offline HTML map (plus GeoJSON and CSV) of the events in articles",
                       description="Write output/NAME.html, a self-contained map that works offline: one layer "
                                   "per kind of event, a heatmap, arcs from where strikes came from, a time slider "
                                   "with play, and a searchable list of events; popups give date, actors, "
                                   "fatalities and the sentence. The same events go to NAME.geojson and NAME.csv "
                                   "beside it. The articles go into the event store beside the map "
                                   "(output/events.sqlite), and the map shows this run's articles, read from the "
                                   "store; with --store and no FILE, it maps the store's events without reading "
                                   "any text. " + STORE_HELP,
                       epilog="Examples: `geomap map a.txt b.txt -o output/week.html --png` writes the map and "
                              "output/week.png; `geomap map archive/` maps a folder of articles with a progress bar "
                              "(run it again after an interruption: it resumes); `geomap map --store "
                              "output/events.sqlite --since 2025-01-01 --country ID --category disaster` maps stored "
                              "events; `geomap map a.txt --embed` adds output/a.embed.html to paste into a report "
                              "page. A report ends every run: articles read, processed (and how many were already "
                              "in the store), skipped (and why), events written. " + EXIT_STATUSES)
    p.add_argument("files", nargs="*", metavar="FILE",
                   help=ARTICLE_FILES + " (default: the bundled examples; none with --store: the store's events)")
    p.add_argument("-o", "--output", type=output_file, metavar="PATH",
                   help="where the map goes (default: output/NAME.html, NAME the one file's or folder's, or the "
                        "store's)")
    p.add_argument("--store", metavar="PATH", help="the event store: with FILEs, where their articles go (default: "
                                                   "events.sqlite beside the map); without, the store to map")
    selection = p.add_argument_group("which events to map", "of the store, or of this run's articles")
    selection.add_argument("--since", type=parse_date, metavar="YYYY-MM-DD", help="events on this day or later")
    selection.add_argument("--until", type=parse_date, metavar="YYYY-MM-DD", help="events on this day or earlier")
    selection.add_argument("--category", action="append", choices=list(CATEGORIES), metavar="CATEGORY",
                           help=f"only events of this category; repeat for more ({', '.join(CATEGORIES)})")
    selection.add_argument("--country", action="append", type=country_code, metavar="COUNTRY",
                           help="only events in this country (ID, IDN or Indonesia); repeat for more")
    p.add_argument("--title", help="the map's title (default: the article's headline)")
    p.add_argument("--png", nargs="?", const=True, type=output_path(".png", "--png"), metavar="PATH",
                   help="also draw a static 1600x1000 image for PDFs and slides (no browser needed): "
                        "NAME.png beside the map, or PATH")
    p.add_argument("--embed", nargs="?", const=True, type=output_path(".html", "--embed"), metavar="PATH",
                   help="also write the map as one <iframe> element to paste into a report page: "
                        "NAME.embed.html beside the map, or PATH")
    p.add_argument("--cdn", action="store_true",
                   help="link Leaflet from unpkg.com instead of inlining it: about 200 KB smaller, "
                        "but the map then needs internet to open")
    engine_options(p, "the folder NAME beside the map")
    article_options(p)
    p.set_defaults(run=cmd_map)

    p = sub.add_parser("ingest", help="add articles to the event store, without drawing a map (for archives)",
                       description="Read articles into the event store, with a progress bar, on every core; map "
                                   "them later, or slices of them, with `geomap map --store PATH`. " + STORE_HELP,
                       epilog="Example: geomap ingest 'archive/2025-*.jsonl' --store output/archive.sqlite; then "
                              "geomap map --store output/archive.sqlite --since 2025-06-01. " + EXIT_STATUSES)
    p.add_argument("files", nargs="+", metavar="FILE", help=ARTICLE_FILES)
    p.add_argument("--store", metavar="PATH", default=str(Path("output") / "events.sqlite"),
                   help="the event store (default: %(default)s)")
    engine_options(p, "the folder beside the store named like it")
    article_options(p)
    p.set_defaults(run=cmd_ingest)

    p = sub.add_parser("extract", help="print or write the events as GeoJSON, CSV or JSON",
                       description="Code the events of the articles and write them as a table.",
                       epilog="A report ends every run (on stderr): articles read, processed, skipped (and why), "
                              "events written. " + EXIT_STATUSES)
    p.add_argument("files", nargs="+", metavar="FILE", help=ARTICLE_FILES)
    p.add_argument("--format", choices=("geojson", "csv", "json"), default="geojson")
    p.add_argument("-o", "--output", type=output_file, metavar="PATH", help="write here instead of standard output")
    article_options(p)
    p.set_defaults(run=cmd_extract)

    p = sub.add_parser("geocode", help="look a place name up in the local gazetteer",
                       description="Places with this name, most plausible first: lat, lon, kind, country, "
                                   "population, name. Case and accents are ignored when nothing matches exactly.")
    p.add_argument("name")
    p.add_argument("--limit", type=int, default=5, help="how many places at most (default 5)")
    p.add_argument("--lang", choices=supported_languages(), help="only names used in this language")
    p.set_defaults(run=cmd_geocode)

    p = sub.add_parser("reverse", help="what is at a coordinate: the nearest town and the country",
                       description="The nearest town (within 100 km, same country) and the country a point is in.")
    p.add_argument("lat", type=float)
    p.add_argument("lon", type=float)
    p.set_defaults(run=cmd_reverse)

    p = sub.add_parser("evaluate", help="measure place recognition and resolution on gold corpora",
                       description="Run geomap on annotated corpora and report, per corpus: recognition precision, "
                                   "recall and F1 (exact span and overlap); for corpora with coordinates, the share "
                                   "of gold toponyms found and placed within 161 km (end to end), the same given the "
                                   "gold spans, median and mean error and the AUC of the log error curve; "
                                   "and documents per second. Reads LGL and GeoWebNews XML and token-per-line IOB "
                                   "files (LOC/PLACE tags).",
                       epilog="Example: geomap evaluate ../shared/data/en/lgl.xml ../shared/data/en/GWN.xml "
                              "../shared/data/id/idner-news-2k_dev.txt")
    p.add_argument("corpora", nargs="+", metavar="CORPUS", help="corpus files")
    p.add_argument("--json", action="store_true", help="print the figures as JSON instead of a table")
    p.add_argument("--limit", type=int, metavar="N", help="only the first N documents of each corpus")
    p.add_argument("--events", action="store_true",
                   help="measure events instead: the CORPUS files are event gold sets (docs/events.md); reports "
                        "per-category precision, recall and F1, place within 25 km, dates, fatalities, statements")
    p.set_defaults(run=cmd_evaluate)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "scheduler", None) and args.engine != "dask":
        parser.error("--scheduler is the address of a Dask cluster; give --engine dask too")
    args.report = Report()
    if getattr(args, "reads_articles", False):
        from geomap.readers import Columns

        args.columns = Columns((args.text_column,) if args.text_column else Columns().text, args.title_column,
                               args.date_column, args.url_column, args.source_column, args.language_column)
    signal.signal(signal.SIGTERM, _terminate)
    if hasattr(sys.stdout, "reconfigure"):  # a path in no encoding (b"caf\xe9.txt") is printed, not a crash
        sys.stdout.reconfigure(errors="backslashreplace")
    try:
        status = args.run(args)
    except InputError as e:
        print(f"geomap: {e}", file=sys.stderr)
        status = EXIT_FAILED
    except (KeyboardInterrupt, Terminated) as e:
        print(f"geomap: {'interrupted' if isinstance(e, KeyboardInterrupt) else 'terminated'}; every output file is "
              "whole, as it was or as new", file=sys.stderr)
        status = EXIT_INTERRUPTED if isinstance(e, KeyboardInterrupt) else EXIT_TERMINATED
    except BrokenPipeError:  # the reader of standard output went away (| head): stop, quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # and no error when Python flushes it
        status = EXIT_PIPE_CLOSED
    except OSError as e:
        from geomap.export import OutputError

        if isinstance(e, OutputError):
            print(f"geomap: {e.filename}: cannot write it ({e.strerror}); no output file was changed; fix that or "
                  "write elsewhere with -o", file=sys.stderr)
        else:
            print(f"geomap: {e.filename or ''}: {e.strerror or e}", file=sys.stderr)
        status = EXIT_FAILED
    except Exception as e:  # a fault of geomap's own
        print(f"geomap: failed ({type(e).__name__}: {e}); please report it, with the command", file=sys.stderr)
        status = EXIT_FAILED
    if getattr(args, "reads_articles", False):
        print(f"geomap: {args.report.summary()}", file=sys.stderr)
    return status


def _terminate(signum, frame):
    raise Terminated()


if __name__ == "__main__":
    sys.exit(main())
