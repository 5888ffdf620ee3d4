"""The event table and the files made from it: GeoJSON per RFC 7946, CSV that reads back, a self-contained map."""

from __future__ import annotations

import json
import os
import signal
import sys
from html.parser import HTMLParser

import pandas as pd
import pytest

import geomap
from geomap.cli import bundled_examples
from geomap.document import Document, Event, Place, Sentence
from geomap.export import OutputError, atomic_write, to_geojson, write_csv, write_geojson, written_together
from geomap.maps import build_map, save_map
from geomap.table import to_frame

ACLED_ORDER = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
               "sub_event_type", "actor1", "actor2", "iso", "country", "admin1", "location", "latitude", "longitude",
               "geo_precision", "source", "notes", "fatalities"]


@pytest.fixture(params=["seed_doc", "example_docs"])
def docs(request) -> list[Document]:
    docs = request.getfixturevalue(request.param)
    return [docs] if isinstance(docs, Document) else list(docs)


def all_events(docs: list[Document]) -> list[Event]:
    return [event for doc in docs for event in doc.events]


def test_geojson_is_rfc_7946(docs):
    collection = to_geojson(docs)
    events = all_events(docs)
    assert events
    assert set(collection) == {"type", "features"} and collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == len(events)
    for feature, event in zip(collection["features"], events):
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert (lon, lat) == (round(event.place.lon, 4), round(event.place.lat, 4))  # [lon, lat], not [lat, lon]
        assert feature["properties"]["category"] == event.category
        assert feature["properties"]["notes"] == event.sentence.text
    json.dumps(collection, allow_nan=False)  # no NaN, no Timestamp, no numpy scalars


def test_geojson_file_reads_back(docs, tmp_path):
    path = tmp_path / "out" / "events.geojson"
    write_geojson(docs, path)
    assert json.loads(path.read_text(encoding="utf-8")) == to_geojson(docs)


def test_geojson_file_is_written_feature_by_feature_as_json_dump_writes_it(example_docs, tmp_path):
    """Line and paragraph separators in scraped text (U+2028, U+0085) stay inside their strings."""
    text = bundled_examples()[0].read_text(encoding="utf-8").replace("Bekasi, Jawa", "Bekasi,\u2028Jawa\x85")
    for docs in (example_docs + [geomap.parse(text, name="separators")], []):
        write_geojson(docs, tmp_path / "events.geojson")
        assert (tmp_path / "events.geojson").read_text(encoding="utf-8") == json.dumps(
            to_geojson(docs), ensure_ascii=False, indent=1)


def test_csv_round_trips_with_acled_columns_first(docs, tmp_path):
    path = tmp_path / "out" / "events.csv"
    write_csv(docs, path)
    back = pd.read_csv(path, dtype={"cameo": str, "admin1": str})
    frame = to_frame(docs)
    assert list(back.columns[: len(ACLED_ORDER)]) == ACLED_ORDER
    assert list(back.columns) == list(frame.columns)
    assert len(back) == len(frame) == len(all_events(docs))
    assert list(back["event_id_cnty"]) == list(frame["event_id_cnty"])
    assert list(back["latitude"]) == list(frame["latitude"])
    assert list(back["notes"]) == [event.sentence.text for event in all_events(docs)]
    assert list(back["event_date"].fillna("")) == [e.date.isoformat() if e.date else "" for e in all_events(docs)]


def test_event_ids_count_up_per_country(docs):
    ids = list(to_frame(docs)["event_id_cnty"])
    assert len(set(ids)) == len(ids)
    seen: dict[str, int] = {}
    for event_id in ids:
        country = event_id.rstrip("0123456789")
        assert len(country) == 3
        seen[country] = seen.get(country, 0) + 1
        assert event_id == f"{country}{seen[country]}"


def bare_document() -> Document:
    """An event the text says little about: no date, no actors, no deaths, no mention, no country."""
    region = Place("Timur Tengah", 29.0, 41.0, "", "region")
    sentence = Sentence(0, 20, "Timur Tengah tegang.")
    event = Event("protest", region, "location", None, None, 3, 3, (), None, sentence)
    return Document(text=sentence.text, lang="id", sentences=(sentence,), events=(event,))


def test_missing_values_are_empty_not_errors(tmp_path):
    row = to_frame(bare_document()).iloc[0]
    assert row["event_id_cnty"] == "XXX1"
    for column in ("event_date", "year", "actor1", "actor2", "iso", "country", "fatalities", "mention_start"):
        assert pd.isna(row[column]), column
    properties = to_geojson(bare_document())["features"][0]["properties"]
    assert properties["event_date"] is None and properties["fatalities"] is None
    write_csv(bare_document(), tmp_path / "bare.csv")
    assert len(pd.read_csv(tmp_path / "bare.csv")) == 1


def test_no_documents_make_empty_outputs(tmp_path):
    assert list(to_frame([]).columns[: len(ACLED_ORDER)]) == ACLED_ORDER
    assert to_geojson([]) == {"type": "FeatureCollection", "features": []}


def test_atomic_write_keeps_the_old_file_on_error(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text("old")

    def fail(file):
        file.write("half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        atomic_write(path, fail)
    assert path.read_text() == "old"
    assert os.listdir(tmp_path) == ["events.csv"]


def test_atomic_write_keeps_the_old_file_on_ctrl_c(tmp_path):
    path = tmp_path / "map.html"
    path.write_text("old")

    def interrupted(file):
        file.write("<html>half a map")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        atomic_write(path, interrupted)
    assert path.read_text() == "old" and os.listdir(tmp_path) == ["map.html"]


@pytest.mark.parametrize("event, function", [("return", "_mkstemp_inner"), ("c_call", "ContextVar.get")])
def test_a_ctrl_c_as_the_temporary_file_is_made_or_done_leaves_no_file_behind(tmp_path, event, function):
    """A real Ctrl-C sent as mkstemp has made the temporary file, or once the file is written and closed, before its
    rename (when atomic_write asks whether it is written together with others): the old file stays, and the
    temporary one is gone (one was left behind in a run killed while writing its map)."""
    path = tmp_path / "map.geojson"
    path.write_text("old")

    def interrupt(frame, what, arg):
        if what == event and (arg.__qualname__ if what == "c_call" else frame.f_code.co_name) == function:
            sys.setprofile(None)
            os.kill(os.getpid(), signal.SIGINT)

    sys.setprofile(interrupt)
    try:
        with pytest.raises(KeyboardInterrupt):
            atomic_write(path, lambda f: f.write("new"))
    finally:
        sys.setprofile(None)
    assert path.read_text() == "old" and os.listdir(tmp_path) == ["map.geojson"]


def test_files_written_together_change_only_together(tmp_path):
    """The map, its GeoJSON and its CSV: a failure in the last leaves all three as they were."""
    for name in ("map.html", "map.geojson", "map.csv"):
        (tmp_path / name).write_text("old")

    def fail(file):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt), written_together():
        atomic_write(tmp_path / "map.html", lambda f: f.write("new"))
        atomic_write(tmp_path / "map.geojson", lambda f: f.write("new"))
        assert (tmp_path / "map.html").read_text() == "old"  # not yet
        atomic_write(tmp_path / "map.csv", fail)
    assert sorted(os.listdir(tmp_path)) == ["map.csv", "map.geojson", "map.html"]
    assert {(tmp_path / name).read_text() for name in os.listdir(tmp_path)} == {"old"}

    with written_together():
        atomic_write(tmp_path / "map.html", lambda f: f.write("new"))
        atomic_write(tmp_path / "map.geojson", lambda f: f.write("new"))
    assert (tmp_path / "map.html").read_text() == (tmp_path / "map.geojson").read_text() == "new"
    assert sorted(os.listdir(tmp_path)) == ["map.csv", "map.geojson", "map.html"]


def test_an_output_that_cannot_be_written_names_itself(tmp_path):
    (tmp_path / "file").write_text("not a folder")
    with pytest.raises(OutputError) as failed:
        atomic_write(tmp_path / "file" / "map.html", lambda f: f.write("new"))
    assert failed.value.filename == str(tmp_path / "file" / "map.html")
    (tmp_path / "folder.html").mkdir()
    with pytest.raises(OutputError, match="it is a folder"):
        atomic_write(tmp_path / "folder.html", lambda f: f.write("new"))


class ExternalReferences(HTMLParser):
    """Every URL the page would load by itself: src and href of scripts, styles, images, frames; url() in CSS."""

    LOADING = {"script": "src", "link": "href", "img": "src", "iframe": "src", "source": "src", "embed": "src",
               "object": "data", "audio": "src", "video": "src"}

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.css = ""
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attribute = self.LOADING.get(tag)
        self.urls += [value for name, value in attrs if name == attribute and value]
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.css += data

    def close(self):
        super().close()
        self.urls += [part.split(")")[0].strip("'\" ") for part in self.css.split("url(")[1:]]
        self.urls += ["@import"] * self.css.count("@import")


def test_saved_map_is_self_contained(docs, tmp_path):
    path = tmp_path / "map.html"
    save_map(build_map(docs), path)
    page = path.read_text(encoding="utf-8")
    parser = ExternalReferences()
    parser.feed(page)
    parser.close()
    assert sum(url.startswith("data:image/png") for url in parser.urls) == 3, "Leaflet's images, inlined"
    assert all(url.startswith(("data:", "#")) for url in parser.urls), parser.urls  # "#default#VML" is no request
    assert "L.markerClusterGroup" in page and "L.circleMarker" in page
    assert "sourceMappingURL" not in page


def test_saved_map_escapes_article_text(tmp_path):
    evil = "<img src=x onerror=alert(1)>"
    doc = bare_document()
    doc.title, doc.source, doc.name = evil, evil, evil
    save_map(build_map(doc), tmp_path / "map.html")
    page = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert evil not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page  # the title, shown as text

