"""The map's other outputs on real text: the tables the page reads, the static PNG for reports, and the map
subcommand's --png and --embed."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image

from geomap.categories import CATEGORIES
from geomap.document import Document
from geomap.maps import EPOCH, MARKER_SHAPES, packed_tables
from geomap.static_map import PANEL_WIDTH, PNG_SIZE, static_map
from geomap.table import documents


@pytest.fixture(params=["seed_doc", "example_docs"])
def docs(request) -> list[Document]:
    return documents(request.getfixturevalue(request.param))


def test_every_category_has_a_marker_shape():
    assert set(MARKER_SHAPES) == set(CATEGORIES)


def test_packed_tables_hold_every_event_once(docs):
    tables = packed_tables(docs)
    events = [(d, event) for d, doc in enumerate(docs) for event in doc.events]
    assert len(tables["events"]) == len(events)
    categories = list(CATEGORIES)
    for row, (d, event) in zip(tables["events"], events):
        lat, lon, category, precision, day, time_precision, place, actors, fatalities, sentence, start, end = row
        assert (lat, lon) == (round(event.place.lat, 4), round(event.place.lon, 4))
        assert categories[category] == event.category and precision == event.geo_precision
        assert EPOCH + dt.timedelta(days=day) == event.date and time_precision == event.time_precision
        assert tables["places"][place] == event.place.name
        assert [tables["actors"][a] for a in actors] == list(event.actors) and fatalities == event.fatalities
        assert tables["sentences"][sentence] == [d, event.sentence.text]
        if event.mention and event.sentence.start <= event.mention.start < event.sentence.end:
            assert event.sentence.text[start:end] == event.mention.text
    flows = [(i, event.origin) for i, (_, event) in enumerate(events) if event.origin]
    assert [(i, tables["places"][place]) for i, _, _, place in tables["flows"]] == [(i, o.name) for i, o in flows]
    assert len(tables["sentences"]) == len({(d, event.sentence.start) for d, event in events})


def test_only_web_links_reach_the_page(seed_doc):
    doc = Document(text=seed_doc.text, lang="id", events=seed_doc.events, url="javascript:alert(1)")
    assert packed_tables([doc, Document(text="", lang="en", url="https://example.org/a")])["documents"][0]["url"] == ""
    assert packed_tables(Document(text="", lang="en", url="https://example.org/a"))["documents"][0]["url"] == (
        "https://example.org/a")


def rgb(colour: str) -> np.ndarray:
    return np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)])


def test_png_draws_each_event_in_its_colour_and_nothing_elsewhere(docs, tmp_path):
    drawn = static_map(docs)
    path = tmp_path / "map.png"
    drawn.save(path)
    with Image.open(path) as image:
        assert image.format == "PNG" and image.size == PNG_SIZE
        pixels = np.asarray(image.convert("RGB")).astype(int)
    width, height = PNG_SIZE[0] - PANEL_WIDTH, PNG_SIZE[1]
    events = [event for doc in docs for event in doc.events]
    near = np.zeros((height, width), dtype=bool)  # within reach of an event's marker or a flow's arc
    rows, cols = np.mgrid[0:height, 0:width]
    for event in events:
        x, y = drawn.pixel(event.place.lat, event.place.lon)
        window = pixels[max(y - 18, 0):y + 19, max(x - 18, 0):x + 19]
        closest = np.abs(window - rgb(CATEGORIES[event.category].colour)).sum(axis=2).min()
        assert closest < 40, f"no {event.category} marker drawn at {event.place.name}"
        near |= (cols - x) ** 2 + (rows - y) ** 2 < 40 ** 2
        if event.origin:  # the arc bulges at most half its length off the line between its ends
            ox, oy = drawn.pixel(event.origin.lat, event.origin.lon)
            reach = 40 + np.hypot(x - ox, y - oy) / 2
            near |= (abs(cols - (x + ox) / 2) < reach + abs(x - ox) / 2) & (abs(rows - (y + oy) / 2) < reach + abs(y - oy) / 2)
    chroma = pixels[:height, :width].max(axis=2) - pixels[:height, :width].min(axis=2)
    assert not (chroma[~near] > 40).any(), "colour away from every event: sea, land and borders are not that vivid"
    assert (~near).sum() > width * height / 2


def test_map_command_writes_the_png_and_the_embeddable_fragment(tmp_path, seed_text):
    seed = tmp_path / "seed.txt"
    seed.write_text(seed_text, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "geomap", "map", str(seed), "--date", "2024-10-22", "-o",
                          str(tmp_path / "seed.html"), "--png", "--embed"], capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stderr
    for name in ("seed.html", "seed.geojson", "seed.csv", "seed.embed.html", "seed.png"):
        assert str(tmp_path / name) in run.stdout
    with Image.open(tmp_path / "seed.png") as image:
        assert image.format == "PNG" and image.size == PNG_SIZE
    fragment = (tmp_path / "seed.embed.html").read_text(encoding="utf-8")
    assert fragment.startswith('<iframe srcdoc="&lt;!DOCTYPE html&gt;') and fragment.rstrip().endswith("</iframe>")
    assert 'sandbox="allow-scripts' in fragment

    run = subprocess.run([sys.executable, "-m", "geomap", "map", str(seed), "-o", str(tmp_path / "x.html"),
                          "--png", str(tmp_path / "report" / "figure.png")], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "report" / "figure.png").exists() and not (tmp_path / "x.png").exists()


def test_map_command_refuses_a_png_path_that_is_an_article(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text("Thousands of protesters rallied in London.", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "geomap", "map", "-o", str(tmp_path / "out" / "map.html"), "--png",
                          str(article)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "does not end in .png; to write beside the map, put --png after the articles" in run.stderr
    assert not (tmp_path / "out").exists()
