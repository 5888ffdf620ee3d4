"""One article through geomap as plain values: what a worker process or a Dask partition sends back, what the event
store keeps, and what the map, GeoJSON and CSV are drawn from again without the text.

The contract of `process_article(article, *, lang=None, default_date=None) -> ArticleResult`, the per-article
function every engine calls:

- Pure: the result depends only on the article, the two options, geomap's code and its gazetteer (loaded once per
  process, on the first call). It reads and writes no file, and never raises for an article: one geomap cannot read
  comes back with `status` the reason it was skipped ("not in a language geomap reads", "geomap failed") and
  `message` the one line to tell about it; a processed one has status "processed" and message "".
- Picklable and JSON-able: Article and ArticleResult are frozen dataclasses of str, int, None, tuples and dicts of
  plain values; dates are ISO strings ("2024-10-22").
- `key` names the input: the same article (text, language, date, title, url, source, name) with the same options
  and the same geomap code has the same key, and then the same rows; `article_key` computes it without processing.
- `events` are the rows of geomap.table (COLUMNS but event_id_cnty, which numbers a whole table's events, plus
  "actors", every actor's name), in the article's order; `mentions` are its place mentions (MENTION_FIELDS).
- `document_of(result)` is the Document the outputs (build_map, to_frame, write_geojson, write_csv, static_map)
  take, rebuilt from the rows alone: the table it gives is the table of the parsed article.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

from geomap.document import Document, Event, Mention, Place, Sentence
from geomap.language import UnsupportedLanguage
from geomap.readers import Article

PROCESSED = "processed"
NOT_READ_LANGUAGE = "not in a language geomap reads"
GEOMAP_FAILED = "geomap failed"
MENTION_FIELDS = ("start", "end", "text", "usage", "geonameid", "place", "lat", "lon", "country_code", "kind")


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """What geomap made of one article, in plain values."""

    key: str  # article_key(): the same for the same input, options and geomap code
    file: str  # as the reader gave it, for messages
    line: int | None  # the record's line in the file
    name: str
    title: str  # the article's, else its headline, else its name
    date: str | None  # ISO date that anchored relative dates: the article's, else the default, else its dateline's
    url: str
    source: str
    lang: str  # the language it was read in; "" when skipped before that was known
    status: str  # PROCESSED, or the reason it was skipped
    message: str  # the one-line message of a skip; "" when processed
    events: tuple[dict, ...] = ()  # geomap.table rows (all COLUMNS but event_id_cnty) plus "actors"
    mentions: tuple[dict, ...] = ()  # MENTION_FIELDS of each place mention

    @property
    def processed(self) -> bool:
        return self.status == PROCESSED


def process_article(article: Article, *, lang: str | None = None,
                    default_date: dt.date | None = None) -> ArticleResult:
    """Parse one article (in `lang` unless it names its own language; dated `default_date` unless it has its own
    date) into an ArticleResult. Never raises for an article: a skipped one says why in status and message."""
    from geomap.pipeline import parse
    from geomap.table import event_row

    published = article.date or default_date
    common = {"key": article_key(article, lang=lang, default_date=default_date), "file": article.file,
              "line": article.line, "name": article.name, "url": article.url, "source": article.source}
    try:
        doc = parse(article.text, lang=article.lang or lang, published=published, title=article.title,
                    source=article.source, url=article.url, name=article.name)
    except UnsupportedLanguage as e:
        return ArticleResult(**common, title=article.title or article.name, date=_iso(published), lang="",
                             status=NOT_READ_LANGUAGE, message=_one_line(str(e)))
    except Exception as e:  # a fault of geomap's own: it costs this article, not the run
        return ArticleResult(**common, title=article.title or article.name, date=_iso(published), lang="",
                             status=GEOMAP_FAILED, message=_one_line(
                                 f"geomap failed on this article ({type(e).__name__}: {e}); please report it, "
                                 "with the article"))
    title = doc.title or next((s.text for s in doc.sentences if s.heading), "") or article.name
    events = []
    for event in doc.events:
        row = event_row(doc, event)
        row["event_date"] = _iso(row["event_date"])
        row["actors"] = list(event.actors)
        events.append(row)
    mentions = tuple({"start": m.start, "end": m.end, "text": m.text, "usage": m.usage,
                      "geonameid": m.place.geonameid if m.place else None, "place": m.place.name if m.place else None,
                      "lat": round(m.place.lat, 4) if m.place else None,
                      "lon": round(m.place.lon, 4) if m.place else None,
                      "country_code": m.place.country_code if m.place else None,
                      "kind": m.place.kind if m.place else None} for m in doc.mentions)
    return ArticleResult(**common, title=title, date=_iso(doc.published), lang=doc.lang, status=PROCESSED,
                         message="", events=tuple(events), mentions=mentions)


def article_key(article: Article, *, lang: str | None = None, default_date: dt.date | None = None) -> str:
    """A hash of everything process_article's result depends on: the article, the options that apply to it, and
    geomap's code (a new version of geomap processes an article anew)."""
    h = hashlib.sha256(code_fingerprint().encode())
    for part in (article.text, article.lang or lang or "", _iso(article.date or default_date) or "", article.title,
                 article.url, article.source, article.name):
        h.update(part.encode("utf-8", errors="surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()[:32]


@functools.cache
def code_fingerprint() -> str:
    """geomap's source code and gazetteer, hashed: what makes the same article come out differently."""
    from geomap.gazetteer import cache_key

    h = hashlib.sha256(cache_key().encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def document_of(result: ArticleResult) -> Document:
    """The Document the outputs take, rebuilt from the result's rows (no text, sentences or mentions but the events'
    own): to_frame of it is the table of the parsed article."""
    return Document(text="", lang=result.lang, published=_date(result.date), title=result.title,
                    source=result.source, url=result.url, name=result.name,
                    events=tuple(event_of(row) for row in result.events))


def event_of(row: dict) -> Event:
    """An Event from its table row (as process_article writes it)."""
    place = Place(row["location"], row["latitude"], row["longitude"], row["country_code"] or "", row["place_kind"],
                  geonameid=row["geonameid"], admin1=row["admin1"] or "")
    sentence = Sentence(row["sentence_start"], row["sentence_end"], row["notes"])
    mention = None
    if row["mention_start"] is not None:
        start, end = row["mention_start"], row["mention_end"]
        mention = Mention(start, end, row["notes"][start - sentence.start:end - sentence.start], place)
    origin = None
    if row["origin_latitude"] is not None:
        origin = Place(row["origin"] or "", row["origin_latitude"], row["origin_longitude"], "", "")
    actors = tuple(row["actors"])
    return Event(row["category"], place, row["place_role"], mention, _date(row["event_date"]), row["time_precision"],
                 row["geo_precision"], actors, row["fatalities"], sentence, trigger=row["trigger"] or "",
                 origin=origin, evidence=(sentence,), sub_type=row["sub_type"], injured=row["injured"],
                 actor_types=(row["actor1_type"] or "", row["actor2_type"] or "")[:len(actors)])


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _one_line(message: str) -> str:
    return " ".join(message.split())
