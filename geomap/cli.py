"""The geomap command: map, extract, geocode, reverse, evaluate. Every failure is one line on stderr, never a traceback."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from importlib import resources
from pathlib import Path

from geomap.language import UnsupportedLanguage, supported_languages

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class InputError(Exception):
    """Input geomap cannot read; the message names the file and what to do."""


def bundled_examples() -> list[Path]:
    return sorted(Path(str(p)) for p in resources.files("geomap.examples").iterdir() if p.name.endswith(".txt"))


def read_article(path: str) -> tuple[str, str]:
    """(name, text) of a file or "-" (standard input), decoded as UTF-8, else cp1252 with a warning."""
    if path == "-":
        data, name = sys.stdin.buffer.read(), "stdin"
    else:
        p = Path(path)
        if not p.exists():
            raise InputError(f"{path}: no such file")
        if p.is_dir():
            raise InputError(f"{path}: is a directory; give the article files inside it")
        data, name = p.read_bytes(), p.stem
    if b"\x00" in data[:8192]:
        raise InputError(f"{path}: looks like a binary file, not text; give a .txt article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        print(f"geomap: warning: {path}: not UTF-8, read as Windows-1252", file=sys.stderr)
    if not text.strip():
        raise InputError(f"{path}: is empty")
    return name, text


def parse_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2024-10-22") from None


def _parse_files(files: list[str], args) -> list:
    import geomap

    docs = []
    for path in files:
        name, text = read_article(path)
        try:
            doc = geomap.parse(text, lang=args.lang, published=args.date, name=name)
        except UnsupportedLanguage as e:
            raise InputError(f"{path}: {e}") from None
        if not doc.title:
            heading = next((s.text for s in doc.sentences if s.heading), "")
            doc.title = heading or name
        docs.append(doc)
    return docs


def cmd_map(args) -> int:
    from geomap.export import write_csv, write_geojson
    from geomap.maps import build_map, save_embed, save_map, summary

    files = args.files or [str(p) for p in bundled_examples()]
    docs = _parse_files(files, args)
    stem = args.output.with_suffix("") if args.output else Path("output") / (
        docs[0].name if len(docs) == 1 else "geomap")
    title = args.title or (docs[0].title if len(docs) == 1 else f"{len(docs)} articles")
    written = [stem.with_suffix(".html"), stem.with_suffix(".geojson"), stem.with_suffix(".csv")]
    m = build_map(docs, title=title, cdn=args.cdn)
    save_map(m, written[0])
    write_geojson(docs, written[1])
    write_csv(docs, written[2])
    if args.embed:
        written.append(stem.with_name(stem.name + ".embed.html") if args.embed is True else args.embed)
        save_embed(m, written[-1])
    if args.png:
        from geomap.static_map import static_map

        written.append(stem.with_suffix(".png") if args.png is True else args.png)
        static_map(docs, title=title).save(written[-1])
    print(summary(docs))
    print("map: " + "\n     ".join(str(path) for path in written))
    return EXIT_OK


def output_path(suffix: str, option: str):
    """An argparse type for an option's optional PATH: it must end in suffix, or a forgotten value would swallow
    the article named after the option."""
    def checked(value: str) -> Path:
        if not value.lower().endswith(suffix):
            raise argparse.ArgumentTypeError(
                f"{value!r} does not end in {suffix}; to write beside the map, put {option} after the articles")
        return Path(value)
    return checked


def cmd_extract(args) -> int:
    import json

    from geomap.export import atomic_write, to_geojson
    from geomap.table import to_frame

    docs = _parse_files(args.files, args)
    if args.format == "geojson":
        body = json.dumps(to_geojson(docs), ensure_ascii=False, indent=1)
    elif args.format == "csv":
        body = to_frame(docs).to_csv(index=False)
    else:
        body = json.dumps([f["properties"] for f in to_geojson(docs)["features"]], ensure_ascii=False, indent=1)
    if args.output:
        atomic_write(args.output, lambda f: f.write(body.encode("utf-8")))
        print(f"{sum(len(d.events) for d in docs)} events: {args.output}")
    else:
        sys.stdout.write(body + "\n")
    return EXIT_OK


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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="geomap",
        description="News text in, map of events out: finds places in Indonesian and English articles, "
                    "resolves them offline, codes events (airstrikes, protests, visits, floods...) and maps them.",
        epilog="Start with `geomap map` (the bundled examples) and open the HTML file it prints.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def article_options(p):
        p.add_argument("--lang", choices=supported_languages(), help="the articles' language (default: detected)")
        p.add_argument("--date", type=parse_date, metavar="YYYY-MM-DD",
                       help="the articles' publication date, which anchors 'hari Sabtu', 'yesterday' "
                            "(default: the dateline's date)")

    p = sub.add_parser("map", help="write an offline HTML map (plus GeoJSON and CSV) of the events in articles",
                       description="Write output/NAME.html, a self-contained map that works offline: one layer "
                                   "per kind of event, a heatmap, arcs from where strikes came from, a time slider "
                                   "with play, and a searchable list of events; popups give date, actors, "
                                   "fatalities and the sentence. The same events go to NAME.geojson and NAME.csv "
                                   "beside it.",
                       epilog="Examples: `geomap map a.txt b.txt -o output/week.html --png` writes the map and "
                              "output/week.png; `geomap map a.txt --embed` adds output/a.embed.html to paste into "
                              "a report page.")
    p.add_argument("files", nargs="*", metavar="FILE", help="article text files; '-' reads standard input "
                                                             "(default: the bundled examples)")
    p.add_argument("-o", "--output", type=Path, metavar="PATH", help="where the map goes (default: output/NAME.html)")
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
    article_options(p)
    p.set_defaults(run=cmd_map)

    p = sub.add_parser("extract", help="print or write the events as GeoJSON, CSV or JSON",
                       description="Code the events of the articles and write them as a table.")
    p.add_argument("files", nargs="+", metavar="FILE", help="article text files; '-' reads standard input")
    p.add_argument("--format", choices=("geojson", "csv", "json"), default="geojson")
    p.add_argument("-o", "--output", type=Path, metavar="PATH", help="write here instead of standard output")
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
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except InputError as e:
        print(f"geomap: {e}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("geomap: interrupted; nothing was half-written", file=sys.stderr)
        return 130
    except OSError as e:
        print(f"geomap: {e.filename or ''}: {e.strerror}", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
