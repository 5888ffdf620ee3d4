"""Measuring geomap against gold corpora: how many place names it finds, and how near it puts them.

Three formats are read, by content rather than file name: LGL (`<gaztag>` toponyms), GeoWebNews
(`<extractedName>` toponyms with a usage type) and token-per-line IOB named-entity files, whose
location tags (LOC, PLACE, GPE, LOCATION) are the gold spans. Metrics follow the geoparsing
literature (Gritta et al., "A Pragmatic Guide to Geoparsing Evaluation"): precision, recall and F1
on spans; accuracy within 161 km (100 miles); median and mean error; the area under the log error curve.
"""

from __future__ import annotations

import math
import re
import statistics
import time
import xml.etree.ElementTree as ET
from dataclasses import asdict, dataclass
from itertools import pairwise
from pathlib import Path

from geomap.gazetteer import LocalGazetteer, distance_km
from geomap.language import detect_language
from geomap.pipeline import default_gazetteer, locate

ACCURACY_KM = 161.0  # 100 miles, the literature's threshold
WORST_KM = 20039.0  # half the Earth's circumference: the error of a toponym left unplaced
LOCATION_TAGS = {"LOC", "PLACE", "GPE", "LOCATION"}
IOB_TAG = re.compile(r"O|[BIES]-[A-Za-z_]+")
# GeoWebNews usage types that name a place (the data's README); demonyms, homonyms and "the city" do not.
GWN_PLACE_TYPES = {"Literal", "Mixed", "Metonymic", "Coercion", "Literal_Modifier", "Non_Literal_Modifier",
                   "Embedded_Literal", "Embedded_Non_Lit"}


class CorpusError(Exception):
    """A file that is not a corpus geomap can read."""


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    lat: float | None = None
    lon: float | None = None

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass(frozen=True, slots=True)
class GoldDocument:
    text: str
    toponyms: tuple[GoldToponym, ...]


@dataclass(frozen=True, slots=True)
class Corpus:
    name: str
    lang: str | None  # None: detect per document
    documents: tuple[GoldDocument, ...]
    has_points: bool


@dataclass
class Scores:
    """One corpus's figures; None where the corpus has no coordinates."""

    corpus: str
    documents: int
    gold_toponyms: int
    gold_with_points: int
    precision: float
    recall: float
    f1: float
    overlap_precision: float
    overlap_recall: float
    overlap_f1: float
    literal_precision: float  # only the names used as places: no demonyms, no "Israel said"
    literal_recall: float
    literal_f1: float
    docs_per_second: float
    end_to_end_acc161: float | None = None
    given_spans_acc161: float | None = None
    given_spans_median_km: float | None = None
    given_spans_mean_km: float | None = None
    given_spans_auc: float | None = None

    def as_dict(self) -> dict:
        return asdict(self)


# --- reading corpora -------------------------------------------------------------------------------

def read_corpus(path: str | Path) -> Corpus:
    """The gold documents in `path`, whatever of the three formats it is in."""
    p = Path(path)
    if not p.is_file():
        raise CorpusError(f"{path}: no such file")
    data = p.read_bytes()
    if data.lstrip().startswith(b"<"):
        if b"<gaztag" in data:
            return Corpus(p.stem, "en", tuple(_lgl_documents(_xml_root(p, data))), True)
        if b"<extractedName" in data:
            return Corpus(p.stem, "en", tuple(_gwn_documents(_xml_root(p, data))), True)
        raise CorpusError(f"{path}: XML without LGL <gaztag> or GeoWebNews <extractedName> toponyms")
    documents = tuple(_iob_documents(p, data))
    if not documents:
        raise CorpusError(f"{path}: no sentences in token-per-line IOB format")
    lang = detect_language(" ".join(d.text for d in documents[:200]))
    return Corpus(p.stem, lang, documents, False)


def _xml_root(path: Path, data: bytes) -> ET.Element:
    try:
        return ET.fromstring(data)
    except ET.ParseError as e:
        raise CorpusError(f"{path}: not well-formed XML ({e})") from None


def _float(node: ET.Element | None) -> float | None:
    try:
        return float(node.text) if node is not None and node.text else None
    except ValueError:
        return None


def _lgl_documents(root: ET.Element):
    for article in root.iter("article"):
        text = article.findtext("text") or ""
        toponyms = []
        for t in article.iter("toponym"):
            start, end = int(t.findtext("start")), int(t.findtext("end"))
            tag = t.find("gaztag")
            lat = _float(tag.find("lat")) if tag is not None else None
            lon = _float(tag.find("lon")) if tag is not None else None
            toponyms.append(GoldToponym(start, end, lat, lon))
        yield GoldDocument(text, tuple(toponyms))


def _gwn_documents(root: ET.Element):
    for article in root.iter("article"):
        text = article.findtext("text") or ""
        toponyms = []
        for t in article.iter("toponym"):
            if t.findtext("type") not in GWN_PLACE_TYPES:
                continue
            start, end = int(t.findtext("start")), int(t.findtext("end"))
            if text[start:end] != t.findtext("extractedName"):
                continue  # the README: two spans do not match their text
            toponyms.append(GoldToponym(start, end, _float(t.find("latitude")), _float(t.find("longitude"))))
        yield GoldDocument(text, tuple(toponyms))


def _iob_documents(path: Path, data: bytes):
    """Sentences of `token ... tag` lines; the text is the tokens joined by spaces."""
    tokens: list[tuple[str, str]] = []
    try:
        lines = data.decode("utf-8-sig").splitlines()
    except UnicodeDecodeError:
        raise CorpusError(f"{path}: not UTF-8 text; give a token-per-line IOB file") from None
    for number, line in enumerate(lines + [""], 1):
        parts = line.split()
        if parts:
            if len(parts) < 2 or not IOB_TAG.fullmatch(parts[-1]):
                raise CorpusError(f"{path}, line {number}: expected 'token ... tag' with an IOB tag "
                                  f"(O, B-LOC, I-PLACE...), got {line[:40]!r}")
            tokens.append((parts[0], parts[-1]))
            continue
        if tokens:
            yield _iob_document(tokens)
            tokens = []


def _iob_document(tokens: list[tuple[str, str]]) -> GoldDocument:
    text, spans, open_span = "", [], None
    for token, tag in tokens:
        if text:
            text += " "
        start = len(text)
        text += token
        prefix, _, label = tag.partition("-")
        inside = label in LOCATION_TAGS and prefix in ("B", "I")
        if inside and prefix == "I" and open_span is not None:
            open_span[1] = len(text)
            continue
        if open_span is not None:
            spans.append(tuple(open_span))
            open_span = None
        if inside:
            open_span = [start, len(text)]
    if open_span is not None:
        spans.append(tuple(open_span))
    return GoldDocument(text, tuple(GoldToponym(*_without_glued_marks(text, a, b)) for a, b in spans))


def _without_glued_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """A span without the brackets and marks its corpus's tokens kept glued to a name ("(Australia)", "Indonesia?"),
    and without the Indonesian prefix "se-" ("se-Sulawesi Selatan", all of South Sulawesi): they are no part of the
    place name. A bracket the span also opens or closes stays ("Kantor Kementerian Sosial (Kemensos)")."""
    while end - start > 1 and text[end - 1] in "?!,;:\"'":
        end -= 1
    if text.startswith(("se-", "Se-"), start) and end - start > 3 and text[start + 3].isupper():
        start += 3
    while end - start > 1 and text[start] in "\"'":
        start += 1
    span = text[start:end]
    if span.startswith("(") and span.count("(") == 1 and (span.endswith(")") or ")" not in span):
        start += 1
    if text[end - 1] == ")" and "(" not in text[start:end]:
        end -= 1
    return start, end


# --- metrics ---------------------------------------------------------------------------------------

def prf(true_positives: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision = true_positives / predicted if predicted else 0.0
    recall = true_positives / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def overlap_matches(predicted: list[tuple[int, int]], gold: list[tuple[int, int]]) -> dict[int, int]:
    """Gold index → predicted index, each used once, pairing spans that share at least one character."""
    pairs, used = {}, set()
    for g, (ga, gb) in enumerate(gold):
        for p, (pa, pb) in enumerate(predicted):
            if p not in used and pa < gb and ga < pb:
                pairs[g] = p
                used.add(p)
                break
    return pairs


def error_auc(errors_km: list[float]) -> float:
    """Area under the curve of sorted log errors, scaled to 0..1: 0 is every toponym exactly placed."""
    if not errors_km:
        return 0.0
    scaled = sorted(math.log(1 + e) / math.log(1 + WORST_KM) for e in errors_km)
    if len(scaled) == 1:
        return scaled[0]
    return sum((a + b) / 2 for a, b in pairwise(scaled)) / (len(scaled) - 1)


def evaluate(corpus: Corpus, gazetteer: LocalGazetteer | None = None, limit: int | None = None) -> Scores:
    """Recognition and resolution figures for one corpus, running geomap the way a user does."""
    gazetteer = gazetteer or default_gazetteer()
    documents = corpus.documents[:limit] if limit else corpus.documents
    exact = overlap = predicted_total = gold_total = literal_exact = literal_total = 0
    gold_points = placed_near = 0
    given_errors: list[float] = []
    seconds = 0.0
    for doc in documents:
        lang = corpus.lang or detect_language(doc.text)
        began = time.perf_counter()
        mentions = locate(doc.text, lang, gazetteer=gazetteer)
        seconds += time.perf_counter() - began
        predicted = [(m.start, m.end) for m in mentions]
        gold = [(t.start, t.end) for t in doc.toponyms]
        predicted_total += len(predicted)
        gold_total += len(gold)
        exact += len(set(predicted) & set(gold))
        literal = {(m.start, m.end) for m in mentions if m.usage == "place"}
        literal_total += len(literal)
        literal_exact += len(literal & set(gold))
        pairs = overlap_matches(predicted, gold)
        overlap += len(pairs)
        if not corpus.has_points:
            continue
        for g, t in enumerate(doc.toponyms):
            if not t.has_point:
                continue
            gold_points += 1
            place = mentions[pairs[g]].place if g in pairs else None
            if place is not None and distance_km(place.lat, place.lon, t.lat, t.lon) <= ACCURACY_KM:
                placed_near += 1
        with_points = [t for t in doc.toponyms if t.has_point]
        if with_points:
            given = locate(doc.text, lang, spans=[(t.start, t.end) for t in with_points], gazetteer=gazetteer)
            by_span = {(m.start, m.end): m.place for m in given}
            for t in with_points:
                place = by_span.get((t.start, t.end))
                given_errors.append(WORST_KM if place is None else distance_km(place.lat, place.lon, t.lat, t.lon))
    p, r, f = prf(exact, predicted_total, gold_total)
    op, orec, of = prf(overlap, predicted_total, gold_total)
    scores = Scores(corpus.name, len(documents), gold_total, gold_points, p, r, f, op, orec, of,
                    *prf(literal_exact, literal_total, gold_total), len(documents) / seconds if seconds else 0.0)
    if corpus.has_points and gold_points:
        scores.end_to_end_acc161 = placed_near / gold_points
        scores.given_spans_acc161 = sum(e <= ACCURACY_KM for e in given_errors) / len(given_errors)
        scores.given_spans_median_km = statistics.median(given_errors)
        scores.given_spans_mean_km = statistics.fmean(given_errors)
        scores.given_spans_auc = error_auc(given_errors)
    return scores


def format_table(results: list[Scores]) -> str:
    """A plain-text table, one column per corpus."""
    rows = [
        ("documents", "documents", "{:d}"), ("gold toponyms", "gold_toponyms", "{:d}"),
        ("  with coordinates", "gold_with_points", "{:d}"),
        ("recognition P (exact)", "precision", "{:.3f}"), ("recognition R (exact)", "recall", "{:.3f}"),
        ("recognition F1 (exact)", "f1", "{:.3f}"), ("recognition P (overlap)", "overlap_precision", "{:.3f}"),
        ("recognition R (overlap)", "overlap_recall", "{:.3f}"), ("recognition F1 (overlap)", "overlap_f1", "{:.3f}"),
        ("places only P (exact)", "literal_precision", "{:.3f}"), ("places only R (exact)", "literal_recall", "{:.3f}"),
        ("places only F1 (exact)", "literal_f1", "{:.3f}"),
        ("end-to-end acc@161", "end_to_end_acc161", "{:.3f}"),
        ("given spans acc@161", "given_spans_acc161", "{:.3f}"),
        ("given spans median km", "given_spans_median_km", "{:.1f}"),
        ("given spans mean km", "given_spans_mean_km", "{:.1f}"), ("given spans AUC", "given_spans_auc", "{:.3f}"),
        ("docs per second", "docs_per_second", "{:.0f}"),
    ]
    table = [["", *[r.corpus for r in results]]]
    for label, key, fmt in rows:
        values = [getattr(r, key) for r in results]
        table.append([label, *["-" if v is None else fmt.format(v) for v in values]])
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    return "\n".join("  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in
                               enumerate(zip(row, widths))) for row in table)
