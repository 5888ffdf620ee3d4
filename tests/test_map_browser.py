"""The saved map in headless Chromium with the network cut: it loads cleanly, asks for nothing outside its own
file, draws every event, and its layer control, time filter, play button, heatmap, flows, side list and popups
really do what they say, on the seed article and the bundled examples."""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import html
import json
import math
import re
from pathlib import Path

import pytest
import xstatic.pkg.leaflet
import xstatic.pkg.leaflet_markercluster

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(f"no Chromium at {CHROMIUM} (Debian package chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (Python package) is not installed")

import geomap  # noqa: E402
from geomap.categories import CATEGORIES  # noqa: E402
from geomap.document import Document, Event, Mention, Place, Sentence  # noqa: E402
from geomap.maps import (CLUSTER_CDN, EPOCH, LEAFLET_CDN, MARKER_STYLES, PRECISION_WORDS, build_map,  # noqa: E402
                         save_map)
from geomap.table import documents  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
READY = "html[data-geomap=ready]"

# Visits every event marker at the map's full zoom, spreading markers that share a point (markercluster keeps
# those clustered even there), and counts per category the markers whose SVG path is really on the page.
DRAW_EVERY_MARKER = """
async (mapId) => {
    const map = window[mapId];
    const cluster = Object.values(map._layers).find((layer) => layer instanceof L.MarkerClusterGroup);
    const settled = () => new Promise((resolve) => {
        const poll = () => (cluster._inZoomAnimation || map._animatingZoom ? setTimeout(poll, 50) : resolve());
        setTimeout(poll, 50);
    });
    const after = (event, action) => new Promise((resolve) => { cluster.once(event, resolve); action(); });
    const drawn = {};
    for (const marker of cluster.getLayers()) {
        map.setView(marker.getLatLng(), map.getMaxZoom(), {animate: false});
        await settled();
        const parent = cluster.getVisibleParent(marker);
        if (!map.hasLayer(marker) && parent) {
            await after("spiderfied", () => parent.spiderfy());
        }
        const path = marker._path;
        if (map.hasLayer(marker) && path.isConnected && path.getAttribute("d") !== "M0 0") {
            const category = [...path.classList].find((c) => c.startsWith("geomap-") && c !== "geomap-event");
            drawn[category.slice("geomap-".length)] = (drawn[category.slice("geomap-".length)] || 0) + 1;
        }
        if (cluster._spiderfied) {
            await after("unspiderfied", () => cluster.unspiderfy());
        }
    }
    return drawn;
}
"""


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class OpenedMap:
    """A saved map open in a page that records console errors, page errors and every request besides the file,
    which it aborts (the network is off), once the page says its events are drawn."""

    def __init__(self, browser, docs, path: Path, *, cdn: bool = False, serve=None):
        save_map(build_map(docs, cdn=cdn), path)
        self.url = path.resolve().as_uri()
        self.serve = serve or {}  # URL prefix -> local folder whose files answer the URLs under it
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page = browser.new_page(viewport={"width": 1200, "height": 800})
        self.page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.route("**/*", self._only_the_file)
        self.page.goto(self.url)
        self.page.wait_for_selector(READY, state="attached", timeout=10_000)
        self.map_id = self.page.eval_on_selector(".folium-map", "element => element.id")

    def _only_the_file(self, route):
        url = route.request.url
        if url == self.url:
            route.continue_()
            return
        self.requests.append(url)
        prefix = next((prefix for prefix in self.serve if url.startswith(prefix + "/")), None)
        if prefix:
            route.fulfill(path=self.serve[prefix] / url[len(prefix) + 1:])
        else:
            route.abort()

    def js(self, expression: str, arg=None):
        """Evaluate expression with `map` and `cluster` bound to the page's Leaflet map and marker cluster."""
        return self.page.evaluate(
            f"""(arg) => {{
                const map = window[{self.map_id!r}];
                const cluster = Object.values(map._layers).find((layer) => layer instanceof L.MarkerClusterGroup);
                return {expression};
            }}""", arg)

    def in_cluster(self, key: str | None = None) -> int:
        """How many markers the cluster holds, of one category or of all."""
        return self.js("cluster.getLayers().filter((m) => !arg || m.options.className.split(' ').includes(arg))"
                       ".length", key and f"geomap-{key}")

    def layer_box(self, name: str):
        self.page.hover(".leaflet-control-layers")  # the control opens while the pointer is on it
        return self.page.get_by_role("checkbox", name=name, exact=True)

    def close(self):
        self.page.close()


@pytest.fixture(params=["seed_doc", "example_docs"])
def docs(request) -> list[Document]:
    return documents(request.getfixturevalue(request.param))


@pytest.fixture
def opened(browser, docs, tmp_path):
    opened = OpenedMap(browser, docs, tmp_path / "map.html")
    yield opened
    opened.close()


@pytest.fixture
def examples(browser, example_docs, tmp_path):
    opened = OpenedMap(browser, example_docs, tmp_path / "examples.html")
    yield opened
    opened.close()


def all_events(docs: list[Document]) -> list[Event]:
    return [event for doc in docs for event in doc.events]


def category_counts(docs: list[Document]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for event in all_events(docs):
        counts[event.category] = counts.get(event.category, 0) + 1
    return counts


def day(date: dt.date) -> int:
    return (date - EPOCH).days


def test_loads_offline_and_fits_the_events(opened, docs):
    events = all_events(docs)
    assert events, "the fixture documents should have events to map"
    assert opened.errors == []
    assert opened.requests == []
    outside = opened.js("cluster.getLayers().filter((m) => !map.getBounds().contains(m.getLatLng())).length")
    assert outside == 0, "the first view should show every event"
    assert opened.in_cluster() == len(events)
    assert opened.page.locator(".geomap-events li").count() == len(events)
    assert opened.page.locator(".geomap-shown").inner_text() == f"{len(events)} of {len(events)} events shown"


def test_every_event_is_drawn_at_full_zoom(opened, docs):
    drawn = opened.page.evaluate(DRAW_EVERY_MARKER, opened.map_id)
    assert drawn == category_counts(docs)
    assert sum(drawn.values()) == len(all_events(docs))
    assert opened.errors == [] and opened.requests == []


def test_layer_control_hides_and_shows_each_category(opened, docs):
    def paths(key):
        return opened.js("document.querySelectorAll('path.geomap-' + arg).length", key)

    total = len(all_events(docs))
    for key, count in category_counts(docs).items():
        box = opened.layer_box(f"{CATEGORIES[key].label} ({count})")
        before = paths(key)
        assert box.is_checked() and opened.in_cluster(key) == count
        assert opened.page.locator(".geomap-legend").get_by_text(f"{CATEGORIES[key].label} ({count})").count() == 1
        box.uncheck()
        assert opened.in_cluster(key) == 0 and paths(key) == 0
        assert opened.page.locator(".geomap-events li").count() == total - count
        box.check()
        assert opened.in_cluster(key) == count and paths(key) == before
    assert opened.errors == [] and opened.requests == []


def test_how_precise_a_place_is_shows_in_its_marker(opened, docs):
    styles = opened.js("cluster.getLayers().map((m) => [m.event.precision, m.options.radius, m.options.dashArray || '',"
                       " m.options.fillOpacity])")
    assert sorted(precision for precision, *_ in styles) == sorted(e.geo_precision for e in all_events(docs))
    for precision, radius, dashes, fill in styles:
        style = MARKER_STYLES[precision]
        assert (radius, dashes, fill) == (style["radius"], style.get("dashArray", ""), style["fillOpacity"])
    assert MARKER_STYLES[4]["radius"] > MARKER_STYLES[3]["radius"] > MARKER_STYLES[1]["radius"]


def test_time_filter_hides_events_outside_the_range(opened, docs):
    events = all_events(docs)
    first = min(event.date for event in events)
    on_first = [event for event in events if event.date == first]
    assert 0 < len(on_first) < len(events), "the fixture documents should have events on several days"
    opened.page.locator(".geomap-from").fill(str(day(first)))
    opened.page.locator(".geomap-to").fill(str(day(first)))
    assert opened.page.locator(".geomap-time-words").inner_text() == first.isoformat()
    assert opened.in_cluster() == len(on_first)
    shown = opened.js("cluster.getLayers().map((m) => [m.getLatLng().lat, m.getLatLng().lng])")
    assert sorted(map(tuple, shown)) == sorted((round(e.place.lat, 4), round(e.place.lon, 4)) for e in on_first)
    assert opened.page.locator(".geomap-events li").count() == len(on_first)

    last = max(event.date for event in events)
    opened.page.locator(".geomap-to").fill(str(day(last)))
    assert opened.in_cluster() == len(events)
    assert opened.errors == [] and opened.requests == []


def test_undated_events_stay_visible_and_are_marked(browser, seed_doc, tmp_path):
    undated = geomap.parse("Banjir merendam ratusan rumah di Bekasi, Jawa Barat.", lang="id", name="undated")
    assert [event.date for event in undated.events] == [None]
    opened = OpenedMap(browser, [seed_doc, undated], tmp_path / "undated.html")
    first = min(event.date for event in seed_doc.events)
    opened.page.locator(".geomap-to").fill(str(day(first)))
    dated_then = sum(event.date == first for event in seed_doc.events)
    assert opened.in_cluster() == dated_then + 1
    assert opened.js("cluster.getLayers().filter((m) => m.options.className.includes('geomap-undated'))"
                     ".map((m) => [m.options.color, m.getLatLng().lat])") == [["#222222", round(undated.events[0].place.lat, 4)]]
    assert opened.page.locator(".geomap-undated-note").inner_text() == "1 event without a date, always shown (dark outline)"
    assert opened.page.locator(".geomap-legend").get_by_text("date unknown, always shown").count() == 1
    opened.page.locator(".geomap-search").fill("Bekasi")
    assert opened.page.locator(".geomap-events li").inner_text().startswith("date unknown · Natural disaster")
    assert opened.errors == [] and opened.requests == []
    opened.close()


def test_play_walks_the_time_window_forward(examples, example_docs):
    events = all_events(example_docs)
    first, last = min(e.date for e in events), max(e.date for e in events)
    play = examples.page.locator(".geomap-play")
    play.click()
    assert play.inner_text() == "❚❚ Pause"
    window = lambda: [int(examples.page.locator(f".geomap-{end}").input_value()) for end in ("from", "to")]  # noqa: E731
    start = window()
    assert start[0] == day(first) and start[1] - start[0] == math.floor((last - first).days / 10 + 0.5)
    examples.page.wait_for_function(f"Number(document.querySelector('.geomap-to').value) > {start[1]}")
    play.click()
    assert play.inner_text() == "▶ Play"
    a, b = window()
    assert b - a == start[1] - start[0] and a > start[0]
    inside = [e for e in events if day(e.date) <= b and day(e.date) >= a]
    assert examples.in_cluster() == len(inside) < len(events)
    assert examples.errors == [] and examples.requests == []


def test_side_list_search_finds_each_place(opened, docs):
    items, search = opened.page.locator(".geomap-events li"), opened.page.locator(".geomap-search")
    for place in {event.place.name for event in all_events(docs)}:
        search.fill(place)
        listed = items.all_inner_texts()
        assert sum(place in text.splitlines() for text in listed) == sum(
            e.place.name == place for e in all_events(docs)), place
    assert opened.errors == [] and opened.requests == []


def test_side_list_search_finds_an_event_and_takes_the_map_there(examples, example_docs):
    search = examples.page.locator(".geomap-search")
    search.fill("guterres")
    items = examples.page.locator(".geomap-events li")
    assert items.count() == 1 and "Amman" in items.inner_text()
    assert examples.page.locator(".geomap-list-count").inner_text() == "1 event found"
    search.fill("yunis")  # the place is Khān Yūnis: search ignores accents
    assert items.count() == 1 and "Khān Yūnis" in items.inner_text()
    search.fill("no such words anywhere")
    assert items.count() == 0
    search.fill("Amman")
    items.first.click()
    popup = examples.page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "Antonio Guterres" in popup.inner_text() and popup.locator("mark").inner_text() == "Amman"
    amman = next(e.place for e in all_events(example_docs) if e.place.name == "Amman")
    center = examples.js("map.getCenter()")
    assert abs(center["lat"] - amman.lat) < 0.5 and abs(center["lng"] - amman.lon) < 0.5
    assert examples.errors == [] and examples.requests == []


def test_popups_tell_everything_about_the_event(opened, docs):
    for index, event in enumerate(sorted(all_events(docs), key=lambda e: -day(e.date))):
        opened.page.locator(".geomap-item").nth(index).click()
        popup = opened.page.locator(".leaflet-popup-content")
        popup.wait_for()
        text = popup.inner_text()
        assert CATEGORIES[event.category].label in text and event.date.isoformat() in text
        assert f"{event.place.name} ({PRECISION_WORDS[event.geo_precision]})" in text
        assert f"Actors: {', '.join(event.actors) or 'not named'}" in text
        assert f"Fatalities: {'not reported' if event.fatalities is None else event.fatalities}" in text
        assert popup.locator("blockquote").inner_text() == event.sentence.text
        if event.mention and event.sentence.start <= event.mention.start < event.sentence.end:
            assert popup.locator("mark").inner_text() == event.mention.text
        doc = next(d for d in docs if event in d.events)
        assert (doc.title or doc.name) in text
        opened.js("map.closePopup()")
        popup.wait_for(state="detached")
    assert opened.errors == [] and opened.requests == []


def test_heatmap_draws_where_the_shown_events_are(examples, example_docs):
    london = next(e for e in all_events(example_docs) if e.place.name == "London")
    alpha_at = """(arg) => {
        const canvas = document.querySelector("canvas.geomap-heat");
        const p = map.latLngToContainerPoint(arg);
        return canvas.getContext("2d").getImageData(Math.round(p.x), Math.round(p.y), 1, 1).data[3];
    }"""
    assert examples.page.locator("canvas.geomap-heat").count() == 0
    examples.layer_box("Heatmap of the shown events").check()
    here = [london.place.lat, london.place.lon]
    assert examples.js(f"({alpha_at})(arg)", here) > 100
    assert examples.js(f"({alpha_at})(arg)", [london.place.lat, london.place.lon - 30]) == 0  # the Atlantic
    examples.layer_box(f"{CATEGORIES['protest'].label} (2)").uncheck()  # London's is a protest
    assert examples.js(f"({alpha_at})(arg)", here) == 0
    assert examples.errors == [] and examples.requests == []


def test_a_flow_runs_from_where_the_strike_came_from_to_where_it_struck(examples, example_docs):
    strike = next(e for e in all_events(example_docs) if e.origin is not None)
    ends = examples.js("""(() => {
        const lines = document.querySelectorAll("path.geomap-flow");
        const flows = Object.values(map._layers).filter((l) => l.options.className === "geomap-flow");
        return [lines.length, flows.map((l) => { const p = l.getLatLngs(); return [p[0], p[p.length - 1]]; })];
    })()""")
    assert ends[0] == 1
    (start, end), = ends[1]
    assert (round(start["lat"], 4), round(start["lng"], 4)) == (round(strike.origin.lat, 4), round(strike.origin.lon, 4))
    assert (round(end["lat"], 4), round(end["lng"], 4)) == (round(strike.place.lat, 4), round(strike.place.lon, 4))
    box = examples.layer_box(f"{CATEGORIES[strike.category].label} (1)")
    box.uncheck()
    assert examples.page.locator("path.geomap-flow").count() == 0
    box.check()
    assert examples.page.locator("path.geomap-flow").count() == 1
    examples.page.locator(".geomap-to").fill(str(day(strike.date) - 1))
    assert examples.page.locator("path.geomap-flow").count() == 0
    assert examples.errors == [] and examples.requests == []


def test_unreachable_tiles_bring_the_outlines_back(examples):
    examples.page.hover(".leaflet-control-layers")
    examples.page.get_by_role("radio", name="OpenStreetMap (needs internet)").check()
    examples.page.get_by_role("radio", name="Country outlines (offline)").wait_for()
    examples.page.wait_for_function("document.querySelector('.leaflet-control-attribution').textContent"
                                    ".includes('Tiles unreachable')")
    assert examples.page.get_by_role("radio", name="Country outlines (offline)").is_checked()
    assert examples.requests and all(url.startswith("https://tile.openstreetmap.org/") for url in examples.requests)
    assert all("Failed to load resource" in error for error in examples.errors)  # the aborted tiles, nothing else


def test_map_without_events_shows_the_world(browser, tmp_path):
    opened = OpenedMap(browser, [], tmp_path / "empty.html")
    assert opened.errors == [] and opened.requests == []
    assert opened.js("map.getZoom()") <= 3
    assert opened.page.locator(".geomap-legend").inner_text().startswith("No events found")
    assert not opened.page.locator(".geomap-play").is_visible() and not opened.page.locator(".geomap-from").is_visible()
    opened.close()


def test_cdn_map_links_leaflet_and_works_with_it(browser, example_docs, tmp_path):
    """--cdn: Leaflet comes from unpkg.com (answered here from the same xstatic files), nothing else is fetched."""
    served = {LEAFLET_CDN: Path(xstatic.pkg.leaflet.BASE_DIR), CLUSTER_CDN: Path(xstatic.pkg.leaflet_markercluster.BASE_DIR)}
    opened = OpenedMap(browser, example_docs, tmp_path / "cdn.html", cdn=True, serve=served)
    assert {f"{LEAFLET_CDN}/leaflet.css", f"{LEAFLET_CDN}/leaflet.js", f"{CLUSTER_CDN}/MarkerCluster.css",
            f"{CLUSTER_CDN}/leaflet.markercluster.js"} <= set(opened.requests)
    assert all(url.startswith((LEAFLET_CDN, CLUSTER_CDN)) for url in opened.requests)
    assert opened.in_cluster() == len(all_events(example_docs)) and opened.errors == []
    linked, inlined = (tmp_path / "cdn.html").stat().st_size, len(build_map(example_docs).get_root().render())
    assert inlined - linked > 150_000
    opened.close()


def test_jupyter_shows_the_map_inline(browser, seed_doc):
    """What build_map returns displays in a notebook: an iframe holding the whole page, data included, that works."""
    fragment = build_map(seed_doc)._repr_html_()
    assert fragment.startswith('<iframe srcdoc="') and fragment.rstrip().endswith("</iframe>")
    page_html = html.unescape(re.search(r'srcdoc="([^"]*)"', fragment)[1])
    packed = re.search(r'<script type="application/gzip\+base64" id="\w+">([^<]+)</script>', page_html)[1]
    tables = json.loads(gzip.decompress(base64.b64decode(packed)))
    assert len(tables["events"]) == len(seed_doc.events)

    page = browser.new_page()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.route("**/*", lambda route: route.abort())
    page.set_content(f"<h1>A report</h1>{fragment}")
    frame = page.frame_locator("iframe")
    frame.locator(READY).wait_for(state="attached")
    assert frame.locator(".geomap-events li").count() == len(seed_doc.events)
    assert errors == []
    page.close()


EVIL = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>`${window.pwned=3}`'


def hostile_document() -> Document:
    """An article whose every string tries to run script or load something when shown."""
    tel_aviv = Place("Tel Aviv", 32.08, 34.78, "IL", "city")
    text = f"{EVIL} Roket jatuh di Tel Aviv {EVIL}."
    sentence = Sentence(0, len(text), text)
    start = text.index("Tel Aviv")
    mention = Mention(start, start + len("Tel Aviv"), "Tel Aviv", tel_aviv)
    event = Event("shelling", tel_aviv, "target", mention, dt.date(2024, 10, 22), 1, 1, (EVIL, "</script>"), 1,
                  sentence, trigger="roket", origin=Place(EVIL, 33.2, 35.4, "LB", "region"))
    return Document(text=text, lang="id", title=f"</script>{EVIL}", source=EVIL, url="javascript:window.pwned=4",
                    sentences=(sentence,), mentions=(mention,), events=(event,), name=EVIL)


def test_article_text_cannot_run_script(browser, tmp_path):
    opened = OpenedMap(browser, [hostile_document()], tmp_path / "hostile.html")
    opened.page.hover("path.geomap-shelling")
    tooltip = opened.page.locator(".leaflet-tooltip")
    assert tooltip.inner_text() == "Tel Aviv · Shelling / rocket / missile attack"
    opened.page.hover("path.geomap-flow-origin")
    assert EVIL in tooltip.filter(has_text="onerror").inner_text()  # the marker's tooltip may still be fading out
    opened.page.click("path.geomap-shelling")
    popup = opened.page.locator(".leaflet-popup-content")
    popup.wait_for()
    opened.page.locator(".geomap-sources summary").click()
    opened.page.wait_for_timeout(300)
    assert opened.js("window.pwned === undefined")
    assert EVIL in popup.inner_text()  # shown as text
    assert popup.locator("mark").inner_text() == "Tel Aviv"
    assert popup.locator("a").count() == 0  # a javascript: url is no link
    assert EVIL in opened.page.locator(".geomap-title h1").inner_text()
    assert EVIL in opened.page.locator(".geomap-sources").inner_text()
    assert opened.page.locator(".geomap-sources a").count() == 0
    assert EVIL in opened.page.locator(".geomap-events").inner_text()
    opened.page.locator(".geomap-search").fill("onerror")
    assert opened.page.locator(".geomap-events li").count() == 1
    assert opened.page.locator("img, .geomap-side script").count() == 0
    assert opened.errors == [] and opened.requests == []
    opened.close()
