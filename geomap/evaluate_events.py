"""Measuring geomap's events against gold annotations: categories, places, roles, dates, actors, fatalities.

A gold file is JSON Lines, one object per line, of two kinds (docs/events.md gives every field):

- an annotated span of a document: `{"doc", "span": [start, end], "events": [...], "statement"}`, with
  `"source"` (a JSON Lines news file or an LGL/GeoWebNews XML file, its path relative to the gold file)
  when the text is not in the gold file, and `"check"` (the first 8 hex digits of the SHA-1 of the span's
  text) to catch offsets that no longer fit the text;
- a document written for the gold set itself: `{"doc", "text", "lang", "published"}`.

An event is given in full once, with a `"ref"` naming it within its document, and by `{"ref"}` alone in
every other span that reports it: one event told in two sentences is one gold event, and two predicted
events for it count one match and one false positive. Only predicted events whose evidence touches an
annotated span are scored; the rest of a document is not annotated.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from geomap.categories import CATEGORIES, PLACE_ROLES, STATEMENT_KINDS
from geomap.document import Document, Event
from geomap.evaluate import prf
from geomap.gazetteer import distance_km

PLACE_KM = 25.0  # an event is placed right within this distance of the gold place
UNPLACED_KM = math.inf


class GoldError(Exception):
    """A gold file geomap cannot read, with the line at fault."""


@dataclass(frozen=True, slots=True)
class GoldEvent:
    ref: str
    category: str
    sub_type: str
    place: str | None
    lat: float | None
    lon: float | None
    role: str | None
    date: dt.date | None
    actor1: str | None
    actor2: str | None
    fatalities: int | None
    injured: int | None
    origin_lat: float | None = None
    origin_lon: float | None = None


@dataclass(slots=True)
class GoldSpan:
    start: int
    end: int
    refs: tuple[str, ...]
    statement: str | None


@dataclass(slots=True)
class GoldDocument:
    name: str
    text: str
    lang: str | None  # None: detect
    published: dt.date | None
    split: str
    spans: list[GoldSpan] = field(default_factory=list)
    events: dict[str, GoldEvent] = field(default_factory=dict)

    def spans_of(self, ref: str) -> list[GoldSpan]:
        return [s for s in self.spans if ref in s.refs]


# --- reading ---------------------------------------------------------------------------------------

def read_gold(path: str | Path) -> list[GoldDocument]:
    """The annotated documents of a gold file, in the order they first appear."""
    p = Path(path)
    if not p.is_file():
        raise GoldError(f"{path}: no such file")
    documents: dict[str, GoldDocument] = {}
    for number, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            raise GoldError(f"{where}: not JSON ({e.msg})") from None
        if not isinstance(row, dict) or not isinstance(row.get("doc"), str):
            raise GoldError(f"{where}: each line needs a \"doc\" name")
        if "text" in row:
            documents[row["doc"]] = GoldDocument(row["doc"], row["text"], row.get("lang"),
                                                 _date(row.get("published"), where), row.get("split", ""))
            continue
        if "span" not in row:
            raise GoldError(f"{where}: a line needs \"text\" (a document) or \"span\" (an annotation)")
        doc = documents.get(row["doc"])
        if doc is None:
            if "source" not in row:
                raise GoldError(f"{where}: document {row['doc']!r} is neither defined above nor given a \"source\"")
            text, published = _source_document(p.parent, row["source"], row["doc"], where)
            doc = documents[row["doc"]] = GoldDocument(row["doc"], text, row.get("lang"), published,
                                                       row.get("split", ""))
        _add_span(doc, row, where)
    for doc in documents.values():
        for span in doc.spans:
            missing = [r for r in span.refs if r not in doc.events]
            if missing:
                raise GoldError(f"{path}: document {doc.name!r} refers to event {missing[0]!r} never given in full")
    return list(documents.values())


def _add_span(doc: GoldDocument, row: dict, where: str) -> None:
    try:
        start, end = (int(x) for x in row["span"])
    except (TypeError, ValueError):
        raise GoldError(f"{where}: \"span\" must be [start, end]") from None
    if not 0 <= start < end <= len(doc.text):
        raise GoldError(f"{where}: span {start}-{end} is outside {doc.name!r} ({len(doc.text)} characters)")
    if "check" in row and hashlib.sha1(doc.text[start:end].encode()).hexdigest()[:8] != row["check"]:
        raise GoldError(f"{where}: the text at {start}-{end} of {doc.name!r} is not the text annotated (check differs)")
    statement = row.get("statement")
    if statement is not None and statement not in STATEMENT_KINDS:
        raise GoldError(f"{where}: unknown statement kind {statement!r}; use one of {', '.join(STATEMENT_KINDS)}")
    refs = []
    for item in row.get("events", []):
        if not isinstance(item, dict) or not isinstance(item.get("ref"), str):
            raise GoldError(f"{where}: each event needs a \"ref\"")
        if len(item) > 1:
            if item["ref"] in doc.events:
                raise GoldError(f"{where}: event {item['ref']!r} of {doc.name!r} is given in full twice")
            doc.events[item["ref"]] = _event(item, where)
        refs.append(item["ref"])
    doc.spans.append(GoldSpan(start, end, tuple(refs), statement))


def _event(item: dict, where: str) -> GoldEvent:
    category = item.get("category")
    if category not in CATEGORIES:
        raise GoldError(f"{where}: unknown category {category!r}; use one of {', '.join(CATEGORIES)}")
    sub_type = item.get("sub_type") or ""
    if sub_type and sub_type not in CATEGORIES[category].sub_types:
        raise GoldError(f"{where}: {sub_type!r} is not a sub-type of {category}; use one of "
                        f"{', '.join(CATEGORIES[category].sub_types)}")
    role = item.get("role")
    if item.get("place") is not None:
        if role not in PLACE_ROLES:
            raise GoldError(f"{where}: place role {role!r} is not one of {', '.join(PLACE_ROLES)}")
        if not all(isinstance(item.get(k), (int, float)) for k in ("lat", "lon")):
            raise GoldError(f"{where}: place {item['place']!r} needs numeric \"lat\" and \"lon\"")
    for key in ("fatalities", "injured"):
        if item.get(key) is not None and (not isinstance(item[key], int) or item[key] < 0):
            raise GoldError(f"{where}: \"{key}\" must be a count or null")
    return GoldEvent(item["ref"], category, sub_type, item.get("place"), item.get("lat"), item.get("lon"), role,
                     _date(item.get("date"), where), item.get("actor1"), item.get("actor2"), item.get("fatalities"),
                     item.get("injured"), item.get("origin_lat"), item.get("origin_lon"))


def _date(value, where: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise GoldError(f"{where}: {value!r} is not a date like 2024-10-22") from None


def _source_document(base: Path, source: str, name: str, where: str) -> tuple[str, dt.date | None]:
    path = Path(source) if Path(source).is_absolute() else base / source
    if not path.is_file():
        raise GoldError(f"{where}: source {source} not found (looked at {path})")
    documents = _source_documents(str(path.resolve()))
    if name not in documents:
        raise GoldError(f"{where}: no document {name!r} in {source}")
    return documents[name]


@lru_cache(maxsize=8)
def _source_documents(path: str) -> dict[str, tuple[str, dt.date | None]]:
    """Texts of a news file by name: JSON Lines records by "id" (the title, a blank line, then the body),
    LGL articles by docid, GeoWebNews articles by file number."""
    if path.endswith(".xml"):
        out = {}
        for article in ET.parse(path).getroot().iter("article"):
            name = article.get("docid") or article.get("file")
            dltime = article.findtext("dltime")
            out[name] = (article.findtext("text") or "", dt.date.fromisoformat(dltime[:10]) if dltime else None)
        return out
    out = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            text = record["title"] + ("\n\n" + record["body"] if record.get("body") else "")
            date = record.get("date")
            out[record["id"]] = (text, dt.date.fromisoformat(date[:10]) if date else None)
    return out


# --- scoring ---------------------------------------------------------------------------------------

@dataclass
class EventScores:
    """One gold set's figures; None where nothing was there to measure."""

    name: str
    documents: int
    spans: int
    gold_events: int
    predicted_events: int
    per_category: dict[str, dict[str, float]]  # category -> precision, recall, f1, gold, predicted
    macro_f1: float
    micro_precision: float
    micro_recall: float
    micro_f1: float
    place_within_25km: float | None  # of matched events with a gold place
    place_within_25km_all: float | None  # of all gold events with a place (a missed event counts as wrong)
    place_role: float | None
    sub_type: float | None
    date_exact: float | None  # of matched events with a gold date
    fatalities_exact: float | None  # of matched events; "nothing said" counts as 0, as in ACLED
    injured_exact: float | None
    actor1_exact: float | None  # of matched events with a gold actor1, names compared without case
    origin_within_25km: float | None
    statement_precision: float
    statement_recall: float
    statement_f1: float

    def as_dict(self) -> dict:
        from dataclasses import asdict

        return asdict(self)


def _overlaps(event: Event, start: int, end: int) -> bool:
    return any(s.start < end and start < s.end for s in event.evidence or (event.sentence,))


def _km(event: Event, gold: GoldEvent) -> float:
    if gold.lat is None:
        return UNPLACED_KM
    return distance_km(event.place.lat, event.place.lon, gold.lat, gold.lon)


def match(doc: GoldDocument, predicted: list[Event]) -> tuple[list[tuple[Event, GoldEvent]], list[Event],
                                                               list[GoldEvent]]:
    """Pairs of (predicted, gold) events, each used once: same category, the prediction's evidence touching a
    span that reports the gold event, nearest place first. Then the unmatched predictions inside annotated
    spans (false positives) and the unmatched gold events (misses)."""
    inside = [e for e in predicted if any(_overlaps(e, s.start, s.end) for s in doc.spans)]
    candidates = []
    for i, event in enumerate(inside):
        for gold in doc.events.values():
            if event.category == gold.category and any(_overlaps(event, s.start, s.end)
                                                        for s in doc.spans_of(gold.ref)):
                candidates.append((_km(event, gold), i, gold.ref))
    pairs, used_predicted, used_gold = [], set(), set()
    for _, i, ref in sorted(candidates, key=lambda c: (c[0], c[1])):
        if i not in used_predicted and ref not in used_gold:
            pairs.append((inside[i], doc.events[ref]))
            used_predicted.add(i)
            used_gold.add(ref)
    extra = [e for i, e in enumerate(inside) if i not in used_predicted]
    missed = [g for ref, g in doc.events.items() if ref not in used_gold]
    return pairs, extra, missed


def _share(hits: list[bool]) -> float | None:
    return sum(hits) / len(hits) if hits else None


def score(name: str, gold: list[GoldDocument], parsed: list[Document]) -> EventScores:
    """Figures for gold documents and geomap's parse of each (in the same order)."""
    tp, fp, fn = Counter(), Counter(), Counter()
    near, near_all, role, sub, date, deaths, hurt, actor, origin = ([] for _ in range(9))
    statement_tp = statement_predicted = statement_gold = 0
    predicted_total = 0
    for doc, result in zip(gold, parsed):
        pairs, extra, missed = match(doc, list(result.events))
        predicted_total += len(pairs) + len(extra)
        for event, g in pairs:
            tp[g.category] += 1
            if g.lat is not None:
                near.append(_km(event, g) <= PLACE_KM)
                role.append(event.place_role == g.role)
            if g.sub_type:
                sub.append(event.sub_type == g.sub_type)
            if g.date is not None:
                date.append(event.date == g.date)
            deaths.append((event.fatalities or 0) == (g.fatalities or 0))
            hurt.append((event.injured or 0) == (g.injured or 0))
            if g.actor1:
                actor.append(event.actor1.casefold() == g.actor1.casefold())
            if g.origin_lat is not None:
                origin.append(event.origin is not None and distance_km(
                    event.origin.lat, event.origin.lon, g.origin_lat, g.origin_lon) <= PLACE_KM)
        for event in extra:
            fp[event.category] += 1
        for g in missed:
            fn[g.category] += 1
        near_all += [any(g is pg and _km(pe, g) <= PLACE_KM for pe, pg in pairs)
                     for g in doc.events.values() if g.lat is not None]
        for span in doc.spans:
            said = any(s.sentence.start < span.end and span.start < s.sentence.end for s in result.statements)
            statement_predicted += said
            statement_gold += span.statement is not None
            statement_tp += said and span.statement is not None
    categories = sorted(set(tp) | set(fp) | set(fn), key=list(CATEGORIES).index)
    per_category = {}
    for c in categories:
        p, r, f = prf(tp[c], tp[c] + fp[c], tp[c] + fn[c])
        per_category[c] = {"precision": p, "recall": r, "f1": f, "gold": tp[c] + fn[c], "predicted": tp[c] + fp[c]}
    all_tp, all_fp, all_fn = sum(tp.values()), sum(fp.values()), sum(fn.values())
    return EventScores(
        name, len(gold), sum(len(d.spans) for d in gold), sum(len(d.events) for d in gold), predicted_total,
        per_category, sum(v["f1"] for v in per_category.values()) / len(per_category) if per_category else 0.0,
        *prf(all_tp, all_tp + all_fp, all_tp + all_fn), _share(near), _share(near_all), _share(role), _share(sub),
        _share(date), _share(deaths), _share(hurt), _share(actor), _share(origin),
        *prf(statement_tp, statement_predicted, statement_gold))


def parse_gold(documents: list[GoldDocument]) -> list[Document]:
    """geomap's reading of each gold document, the way a user runs it (the article's date given when known)."""
    import geomap

    parsed = []
    for d in documents:
        try:
            parsed.append(geomap.parse(d.text, lang=d.lang, published=d.published, name=d.name))
        except geomap.UnsupportedLanguage:
            raise GoldError(f"document {d.name!r}: its language cannot be told from its text; give \"lang\"") from None
    return parsed


def evaluate_files(paths: list[str]) -> list[EventScores]:
    """Scores per gold file, per split within a file when its documents are split (dev, test), and for all the
    files together when there are several."""
    results, everything = [], ([], [])
    for path in paths:
        documents = read_gold(path)
        parsed = parse_gold(documents)
        stem = Path(path).stem
        splits = sorted({d.split for d in documents if d.split})
        for split in splits:
            chosen = [i for i, d in enumerate(documents) if d.split == split]
            results.append(score(f"{stem} {split}", [documents[i] for i in chosen], [parsed[i] for i in chosen]))
        results.append(score(stem + (" all" if splits else ""), documents, parsed))
        everything[0].extend(documents)
        everything[1].extend(parsed)
    if len(paths) > 1:
        results.append(score("all files", *everything))
    return results


def format_table(results: list[EventScores]) -> str:
    """A plain-text table, one column per gold set."""
    def pct(v):
        return "-" if v is None else f"{v:.3f}"

    rows = [["", *[r.name for r in results]],
            ["documents", *[str(r.documents) for r in results]],
            ["annotated spans", *[str(r.spans) for r in results]],
            ["gold events", *[str(r.gold_events) for r in results]],
            ["predicted events", *[str(r.predicted_events) for r in results]]]
    categories = [c for c in CATEGORIES if any(c in r.per_category for r in results)]
    for c in categories:
        cells = []
        for r in results:
            s = r.per_category.get(c)
            cells.append("-" if s is None else f"{s['f1']:.3f} (P {s['precision']:.2f} R {s['recall']:.2f}, "
                                               f"{s['gold']})")
        rows.append([f"F1 {c} (P, R, gold)", *cells])
    measures = [("category macro-F1", "macro_f1"), ("micro P", "micro_precision"), ("micro R", "micro_recall"),
                ("micro F1", "micro_f1"), ("place within 25 km", "place_within_25km"),
                ("  of all gold events", "place_within_25km_all"), ("place role", "place_role"),
                ("sub-type", "sub_type"), ("date exact", "date_exact"), ("fatalities exact", "fatalities_exact"),
                ("injured exact", "injured_exact"), ("actor1 exact", "actor1_exact"),
                ("origin within 25 km", "origin_within_25km"), ("statements P", "statement_precision"),
                ("statements R", "statement_recall"), ("statements F1", "statement_f1")]
    for label, key in measures:
        rows.append([label, *[pct(getattr(r, key)) for r in results]])
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in
                               enumerate(zip(row, widths))) for row in rows)


def run(paths: list[str], as_json: bool = False) -> int:
    """`geomap evaluate --events FILE...`: the table (or JSON) on standard output; a bad file is one line."""
    from geomap.cli import EXIT_OK, InputError

    try:
        results = evaluate_files(paths)
    except GoldError as e:
        raise InputError(str(e)) from None
    print(json.dumps([r.as_dict() for r in results], indent=1) if as_json else format_table(results))
    return EXIT_OK
