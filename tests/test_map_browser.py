"""The saved map in headless Chromium with the network cut: it loads cleanly, asks for nothing outside its own
file, draws every event, and its layer control really hides and shows each category."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(f"no Chromium at {CHROMIUM} (Debian package chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (Python package) is not installed")

from geomap.categories import CATEGORIES  # noqa: E402
from geomap.document import Document, Event, Mention, Place, Sentence  # noqa: E402
from geomap.maps import build_map, save_map  # noqa: E402
from geomap.table import documents  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]

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
    """A saved map open in a page that records console errors, page errors and every request besides the file."""

    def __init__(self, browser, docs, path: Path):
        save_map(build_map(docs), path)
        self.url = path.resolve().as_uri()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page = browser.new_page(viewport={"width": 1100, "height": 750})
        self.page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.route("**/*", self._only_the_file)
        self.page.goto(self.url)
        self.map_id = self.page.eval_on_selector(".folium-map", "element => element.id")

    def _only_the_file(self, route):
        if route.request.url == self.url:
            route.continue_()
        else:
            self.requests.append(route.request.url)
            route.abort()

    def js(self, expression: str, arg=None):
        """Evaluate expression with `map` and `cluster` bound to the page's Leaflet map and marker cluster."""
        return self.page.evaluate(
            f"""(arg) => {{
                const map = window[{self.map_id!r}];
                const cluster = Object.values(map._layers).find((layer) => layer instanceof L.MarkerClusterGroup);
                return {expression};
            }}""", arg)


@pytest.fixture(params=["seed_doc", "example_docs"])
def docs(request) -> list[Document]:
    return documents(request.getfixturevalue(request.param))


@pytest.fixture
def opened(browser, docs, tmp_path):
    opened = OpenedMap(browser, docs, tmp_path / "map.html")
    yield opened
    opened.page.close()


def category_counts(docs: list[Document]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for doc in docs:
        for event in doc.events:
            counts[event.category] = counts.get(event.category, 0) + 1
    return counts


def test_loads_offline_and_fits_the_events(opened, docs):
    events = [event for doc in docs for event in doc.events]
    assert events, "the fixture documents should have events to map"
    assert opened.errors == []
    assert opened.requests == []
    outside = opened.js("cluster.getLayers().filter((m) => !map.getBounds().contains(m.getLatLng())).length")
    assert outside == 0, "the first view should show every event"
    assert opened.js("cluster.getLayers().length") == len(events)


def test_every_event_is_drawn_at_full_zoom(opened, docs):
    drawn = opened.page.evaluate(DRAW_EVERY_MARKER, opened.map_id)
    assert drawn == category_counts(docs)
    assert sum(drawn.values()) == sum(len(doc.events) for doc in docs)
    assert opened.errors == [] and opened.requests == []


def test_layer_control_hides_and_shows_each_category(opened, docs):
    def in_cluster(key):
        return opened.js("cluster.getLayers().filter((m) => m.options.className.split(' ').includes(arg)).length",
                         f"geomap-{key}")

    def paths(key):
        return opened.js("document.querySelectorAll('path.geomap-' + arg).length", key)

    opened.page.hover(".leaflet-control-layers")  # the control opens while the pointer is on it
    for key, count in category_counts(docs).items():
        box = opened.page.get_by_role("checkbox", name=f"{CATEGORIES[key].label} ({count})", exact=True)
        before = paths(key)
        assert box.is_checked() and in_cluster(key) == count
        box.uncheck()
        assert in_cluster(key) == 0 and paths(key) == 0
        box.check()
        assert in_cluster(key) == count and paths(key) == before
    assert opened.errors == [] and opened.requests == []


def test_map_without_events_shows_the_world(browser, tmp_path):
    opened = OpenedMap(browser, [], tmp_path / "empty.html")
    assert opened.errors == [] and opened.requests == []
    assert opened.js("map.getZoom()") <= 3
    assert opened.page.locator(".geomap-legend").inner_text().startswith("No events found")
    opened.page.close()


EVIL = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>`${window.pwned=3}`'


def hostile_document() -> Document:
    """An article whose every string tries to run script or load something when shown."""
    tel_aviv = Place("Tel Aviv", 32.08, 34.78, "IL", "city")
    text = f"{EVIL} Roket jatuh di Tel Aviv {EVIL}."
    sentence = Sentence(0, len(text), text)
    start = text.index("Tel Aviv")
    mention = Mention(start, start + len("Tel Aviv"), "Tel Aviv", tel_aviv)
    event = Event("shelling", tel_aviv, "target", mention, dt.date(2024, 10, 22), 1, 1, (EVIL, "</script>"), 1,
                  sentence, trigger="roket")
    return Document(text=text, lang="id", title=f"</script>{EVIL}", source=EVIL, url="javascript:window.pwned=4",
                    sentences=(sentence,), mentions=(mention,), events=(event,), name=EVIL)


def test_article_text_cannot_run_script(browser, tmp_path):
    opened = OpenedMap(browser, [hostile_document()], tmp_path / "hostile.html")
    opened.js("cluster.getLayers().forEach((m) => { map.openPopup(m.getPopup().getContent(), m.getLatLng()); "
              "map.openTooltip(m.getTooltip().getContent(), m.getLatLng()); })")
    opened.page.wait_for_timeout(300)
    assert opened.js("window.pwned === undefined")
    popup = opened.page.locator(".leaflet-popup-content")
    assert EVIL in popup.inner_text()  # shown as text
    assert popup.locator("mark").inner_text() == "Tel Aviv"
    assert popup.locator("a").count() == 0  # a javascript: url is no link
    assert EVIL in opened.page.locator(".geomap-title").inner_text()
    assert opened.errors == [] and opened.requests == []
    opened.page.close()
