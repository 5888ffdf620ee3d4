"""Property-based tests: arbitrary Unicode (control characters, right-to-left text, combining marks, emoji, very long
words, no spaces) mixed with real place names, event words and dates, through geomap.parse, the exporters, the page's
tables and the readers. Nothing raises, every offset indexes the text, the GeoJSON is valid, the CSV reads back."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import math
import string

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import geomap
from geomap.document import Document
from geomap.export import FORMULA_STARTS, to_csv, to_geojson
from geomap.maps import build_map, packed_tables, web_address
from geomap.readers import Report, read_articles
from geomap.table import to_frame

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORDS = [  # what a real article is made of, so fuzzed text reaches recognition, resolution and events
    "Jakarta", "Bekasi", "Jawa Barat", "Gaza", "Jalur Gaza", "Tel Aviv", "Lebanon selatan", "Beirut", "Rafah", "London",
    "Paris, Texas", "Washington", "Israel", "Israeli", "Hamas", "Hizbullah", "IDF", "Amman", "Timur Tengah", "St.",
    "serangan udara", "roket", "menewaskan", "tewas", "banjir", "gempa", "unjuk rasa", "ditangkap", "mengunjungi",
    "airstrike", "airstrikes", "killed", "rockets", "fired at", "protesters rallied", "flood", "visited", "arrested",
    "di", "ke", "dari", "pada", "yang", "dan", "in", "on", "at", "from", "the", "of", "and", "by",
    "Senin", "Sabtu", "kemarin", "Monday", "yesterday", "22/10/2024", "2024-10-22", "October 22", "3 Maret 2025",
    "5 orang", "three people", "1.000", "12,000", ".", ",", "!", "?", "\n", "\n\n", " - ", "(", ")", '"', "“", "”",
    "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "</script>", "${x}", "`", "\u2028", "\u2029",
]
ODD = [  # what it should never be made of, but scraped text is
    "\x00", "\x07", "\x1b[31m", "\r", "\t", "\x0b", "\x0c", "\u200b", "\u200d", "\ufeff", "\u202e", "\u202c", "\u00ad",
    "e\u0301", "\u0301\u0301\u0301", "Z̷̢͓̈́a̶l̸g̵o̶", "😀", "👩‍👩‍👧", "🇮🇩", "ﺍﻟﻘﺪﺱ", "עברית", "中文地名", "ญี่ปุ่น",
    "ǅ", "ß", "İstanbul", "ﬁ", "Ⅻ", "𝔊𝔞𝔷𝔞", "\U0010ffff", "\ufffd", "x" * 3000, "Gaza" * 300, "a-b-c/" * 200,
]
EVENTS = [  # sentences that give events, to be broken into by the pieces above
    "Serangan udara Israel menewaskan 5 orang di Rafah pada Senin (21/10/2024).",
    "Hizbullah menembakkan roket dari Lebanon selatan ke Haifa, kata militer Israel.",
    "Banjir merendam ratusan rumah di Bekasi, Jawa Barat, pada Sabtu.",
    "Ribuan orang berunjuk rasa di Jakarta menuntut gencatan senjata.",
    "Israeli airstrikes on Rafah killed five people on Monday.",
    "Hezbollah fired rockets from southern Lebanon at Kiryat Shmona, the Israeli army said.",
    "Thousands of protesters rallied in London on Saturday to demand a ceasefire.",
    "UN Secretary-General Antonio Guterres visited Amman on Monday and met with King Abdullah II.",
]
piece = st.one_of(st.sampled_from(WORDS), st.sampled_from(ODD), st.text(max_size=30))


def broken_into(sentence: str):
    """The sentence with pieces put in at any characters, between words or inside them."""
    return st.lists(st.tuples(st.integers(0, len(sentence)), piece), max_size=4).map(
        lambda insertions: "".join(_inserted(sentence, insertions)))


def _inserted(sentence: str, insertions):
    last = 0
    for at, inserted in sorted(insertions, key=lambda pair: pair[0]):
        yield sentence[last:at]
        yield inserted
        last = at
    yield sentence[last:]


texts = st.lists(piece | st.sampled_from(EVENTS).flatmap(broken_into), max_size=40).flatmap(
    lambda pieces: st.sampled_from([" ", "", "\n", " . "]).map(lambda joiner: joiner.join(pieces)))
dates = st.none() | st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
strings = st.one_of(st.text(), st.sampled_from(WORDS + ODD))


def check_document(doc: Document) -> None:
    """Every offset the document holds indexes its text."""
    text = doc.text
    for sentence in doc.sentences:
        assert 0 <= sentence.start < sentence.end <= len(text) and text[sentence.start:sentence.end] == sentence.text
    for mention in doc.mentions:
        assert 0 <= mention.start < mention.end <= len(text)
        assert " ".join(text[mention.start:mention.end].split()) == " ".join(mention.text.split())
    for actor in doc.actors:
        assert 0 <= actor.start < actor.end <= len(text) and text[actor.start:actor.end] == actor.text
    for event in doc.events:
        assert event.sentence in doc.sentences
        assert -90 <= event.place.lat <= 90 and -180 <= event.place.lon <= 180
        if event.mention is not None:
            assert event.mention in doc.mentions


def check_geojson(docs: list[Document]) -> None:
    """RFC 7946: strict JSON (no NaN), a Point per event with its coordinates in range, one feature per event."""
    collection = json.loads(json.dumps(to_geojson(docs), ensure_ascii=False, allow_nan=False))
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == sum(len(doc.events) for doc in docs)
    for feature in collection["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        assert math.isfinite(lon) and math.isfinite(lat) and -180 <= lon <= 180 and -90 <= lat <= 90


@FUZZ
@given(text=texts, lang=st.sampled_from(["id", "en"]), published=dates)
def test_parse_takes_any_text(text, lang, published):
    doc = geomap.parse(text, lang=lang, published=published)
    check_document(doc)
    check_geojson([doc])


@FUZZ
@given(text=texts)
@example(text="İstanbul Jakarta Jakarta Timur Tengah")  # "İ" lower-cased is two characters: the recased line kept its length
def test_parse_detects_a_language_or_says_it_cannot(text):
    try:
        doc = geomap.parse(text)
    except geomap.UnsupportedLanguage:
        return
    assert doc.lang in ("id", "en")
    check_document(doc)


@FUZZ
@given(data=st.data(), text=texts.filter(bool))
def test_given_spans_are_resolved_whatever_they_hold(data, text):
    bounds = st.integers(0, len(text))
    spans = [tuple(sorted(pair)) for pair in data.draw(st.lists(st.tuples(bounds, bounds), max_size=5))]
    spans = [(a, b) for a, b in spans if a < b]
    doc = geomap.parse(text, lang=data.draw(st.sampled_from(["id", "en"])), spans=spans)
    check_document(doc)


def in_csv(text: str) -> str:
    """Text as the CSV holds it: after a ' when a spreadsheet would read it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


@FUZZ
@given(text=texts, title=strings, source=strings, url=strings, name=strings)
def test_exporters_take_any_document(text, title, source, url, name):
    docs = [geomap.parse(text, lang="en", title=title, source=source, url=url, name=name),
            geomap.parse(f"Israeli airstrikes on Rafah killed five people on Monday. {text}", lang="en", title=title,
                         source=source, url=url, name=name)]
    check_geojson(docs)
    frame = to_frame(docs)
    back = list(csv.DictReader(io.StringIO(to_csv(docs), newline="")))
    assert len(back) == len(frame)
    assert [row["notes"] for row in back] == [in_csv(notes) for notes in frame["notes"]]
    assert all(row["source"] == in_csv(source) for row in back if source)
    tables = json.loads(json.dumps(packed_tables(docs), ensure_ascii=False, allow_nan=False))
    assert [d["url"] for d in tables["documents"]] == [web_address(url)] * 2
    assert web_address(url) == "" or web_address(url).lower().startswith(("http://", "https://"))


@settings(max_examples=25, deadline=None)
@given(title=strings, source=strings, actor=strings)
def test_no_string_adds_markup_to_the_page(title, source, actor):
    """Whatever the strings, the page has the same tags: every "<" of theirs arrives escaped or packed."""
    def page(title, source, actor):
        doc = geomap.parse("Israeli airstrikes on Rafah killed five people on Monday.", lang="en", title=title,
                           source=source)
        doc.events = tuple(dataclasses.replace(event, actors=(actor,)) for event in doc.events)
        return build_map([doc], title=title).get_root().render()

    tags = lambda html: html.count("<")  # noqa: E731
    assert tags(page(title, source, actor)) == tags(page("x", "x", "x"))


files = st.one_of(
    st.binary(max_size=3000),
    texts.map(lambda text: text.encode("utf-8")),
    texts.map(lambda text: text.encode("utf-8", errors="replace")[::-1]),
    st.lists(st.one_of(st.dictionaries(st.sampled_from(["text", "body", "title", "date", "url", "source", "x"]),
                                       st.one_of(st.text(), st.integers(), st.none(), st.lists(st.integers()))),
                       st.text()), max_size=8)
      .map(lambda records: "\n".join(json.dumps(r) if isinstance(r, dict) else r for r in records).encode()),
    st.lists(st.lists(st.text(alphabet=string.printable + "é“😀\x00", max_size=20), max_size=5), max_size=8)
      .map(lambda rows: "\n".join(",".join(row) for row in [["title", "text", "date"], *rows]).encode("utf-8")),
)


@FUZZ
@given(content=files, suffix=st.sampled_from([".txt", ".jsonl", ".csv", ".md"]))
def test_readers_take_any_bytes(tmp_path_factory, content, suffix):
    path = tmp_path_factory.mktemp("fuzz") / f"article{suffix}"
    path.write_bytes(content)
    said: list[str] = []
    report = Report(say=said.append)
    articles = list(read_articles([str(path)], report))
    outcomes = len(articles) + sum(report.skipped.values())  # each article read is yielded or skipped, once
    if suffix in (".txt", ".md"):
        assert outcomes == 1
    else:
        assert outcomes <= content.count(b"\n") + 1
    for article in articles:
        assert article.text.strip() and isinstance(article.text, str)
        article.text.encode("utf-8")  # no half characters
        assert all(isinstance(value, str) for value in (article.title, article.url, article.source, article.name))
    assert all(line.startswith(f"geomap: {path}") and "\n" not in line for line in said)


@pytest.fixture(scope="module", autouse=True)
def gazetteer_loaded(gazetteer):
    """Load the gazetteer once, before the first example, so no example pays for it."""
