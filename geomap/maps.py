"""The events on a Leaflet map in one self-contained HTML file that works offline.

folium links Leaflet, jQuery, Bootstrap and icon fonts from CDNs, so its maps are blank without a network
(shared/docs/peers.md). Here folium builds the page structure, and everything it would fetch is inlined: Leaflet and
Leaflet.markercluster from the xstatic packages, country outlines from countryinfo, and geomap's own page script
(templates/map.js), which draws the markers, time filter, heatmap, flows and side list.

The events are in the page once, as compact tables (one row per event, each sentence, place and actor once), gzipped
and base64-encoded: 100,000 events fit in a few megabytes, and base64 can never close its <script> element. The
page script puts article text on the page only as text nodes, never as markup.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import gzip
import html
import itertools
import json
import os
import re
from collections import Counter
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

import folium
import folium.plugins
import shapely
import xstatic.pkg.leaflet
import xstatic.pkg.leaflet_markercluster
from branca.element import MacroElement
from countryinfo import CountryInfo
from folium.template import Template
from shapely.geometry import mapping, shape

from geomap.categories import CATEGORIES
from geomap.document import Document
from geomap.export import atomic_write

MAX_ZOOM = 18  # Leaflet.markercluster throws without a maxZoom, and folium sets none when tiles=None
FIT_MAX_ZOOM = 8  # a single town still shows its surroundings
EMBED_HEIGHT = 600  # pixels, of the iframe that --embed writes and Jupyter shows
EPOCH = dt.date(1970, 1, 1)  # the page counts days from here, as JavaScript's Date does
PRECISION_WORDS = {1: "town", 2: "part of or near a town", 3: "region (approximate point)",
                   4: "country (approximate point)"}
# How sure a point is shows in its outline: a town solid, a region larger, pale and dashed, a country larger still
# and dotted, so a country's centroid is never mistaken for where something happened.
MARKER_STYLES = {
    1: {"radius": 7, "weight": 1.5, "fillOpacity": 0.9},
    2: {"radius": 7, "weight": 1.5, "fillOpacity": 0.9},
    3: {"radius": 11, "weight": 2.5, "fillOpacity": 0.3, "dashArray": "5 4"},
    4: {"radius": 15, "weight": 2.5, "fillOpacity": 0.12, "dashArray": "2 5"},
}
# Each category's marker shape, so categories stay apart in print and for readers who do not tell colours apart;
# categories sharing a shape differ in colour and are rarely on the same map.
MARKER_SHAPES = {
    "airstrike": "triangle-down", "shelling": "triangle", "armed_clash": "cross", "bombing": "star",
    "attack": "diamond", "abduction": "square", "arrest": "square", "protest": "pentagon", "diplomacy": "circle",
    "ceasefire": "circle", "humanitarian": "plus", "disaster": "hexagon", "accident": "hexagon",
}
EVENT_CATEGORY, EVENT_DAY = 2, 4  # positions in a packed event row (packed_tables)
UNDATED_OUTLINE = "#222222"  # an event the text gives no date for: shown at every time, and outlined dark
# countryinfo's outline of Palestine is its bounding box, which covers Israel's coast and the sea beside Gaza.
# These are the West Bank and the Gaza Strip as the gaps that countryinfo's Israel, Jordan and Egypt leave.
PALESTINE = {"type": "MultiPolygon", "coordinates": [
    [[[35.545665, 32.393992], [35.18393, 32.532511], [34.974641, 31.866582], [35.225892, 31.754341],
      [34.970507, 31.616778], [34.927408, 31.353435], [35.397561, 31.489086], [35.545252, 31.782505],
      [35.545665, 32.393992]]],
    [[[34.265433, 31.219361], [34.556372, 31.548824], [34.488107, 31.605539], [34.265433, 31.219361]]],
]}
OUTLINE_STYLE = {"color": "#9b9b9b", "weight": 0.7, "fillColor": "#f5f2eb", "fillOpacity": 1}
LEAFLET_CDN = f"https://unpkg.com/leaflet@{xstatic.pkg.leaflet.VERSION}/dist"
CLUSTER_CDN = f"https://unpkg.com/leaflet.markercluster@{xstatic.pkg.leaflet_markercluster.VERSION}/dist"


class EventMap(folium.Map):
    """A folium map that Jupyter shows inline as the same sandboxed iframe that `geomap map --embed` writes."""

    def _repr_html_(self, **kwargs) -> str:
        return embed_html(self)


def build_map(docs: Document | Iterable[Document], *, title: str | None = None, cdn: bool = False) -> EventMap:
    """A map of the documents' events: a layer per category, heatmap, flows, time filter, side list and legend. The
    documents are read once, in order, and only the page's compact tables are kept (a corpus can stream in).

    cdn: link Leaflet from unpkg.com instead of inlining it (a smaller file that needs a network to open).
    """
    docs = iter([docs] if isinstance(docs, Document) else docs)
    first = next(docs, None)
    tables = packed_tables(itertools.chain([first], docs) if first else ())
    events, n_docs = tables["events"], len(tables["documents"])
    title = title or default_title([first] if n_docs == 1 else [])
    m = EventMap(location=[20, 0], zoom_start=2, tiles=None, maxZoom=MAX_ZOOM, zoom_control="bottomleft")
    m.default_js, m.default_css = [], []  # CDN links: replaced by _PageAssets
    m.get_root().title = html.escape(title)
    m.add_child(_PageAssets(cdn))

    m.add_child(folium.map.CustomPane("outlines", z_index=350))  # under the markers, whichever base layer is on
    outlines = folium.GeoJson(country_outlines(), name="Country outlines (offline)", overlay=False, pane="outlines",
                              interactive=False, style_function=lambda _: OUTLINE_STYLE,
                              attribution="Outlines: countryinfo").add_to(m)
    tiles = folium.TileLayer("OpenStreetMap", name="OpenStreetMap (needs internet)", overlay=False, show=False,
                             max_zoom=MAX_ZOOM).add_to(m)

    cluster = folium.plugins.MarkerCluster(control=False, maxClusterRadius=40, showCoverageOnHover=False,
                                           icon_create_function=CLUSTER_ICON)
    cluster.default_js, cluster.default_css = [], []
    cluster.add_to(m)
    per_category = Counter(row[EVENT_CATEGORY] for row in events)
    counts = {key: per_category[i] for i, key in enumerate(CATEGORIES) if per_category[i]}
    layers = {key: folium.FeatureGroup(name=html.escape(f"{CATEGORIES[key].label} ({n:,})")).add_to(m)
              for key, n in counts.items()}
    flow_count = len(tables["flows"])
    flows = folium.FeatureGroup(name=f"Where strikes came from ({flow_count:,})", control=flow_count > 0).add_to(m)
    heat = _HeatLayer(name="Heatmap of the shown events").add_to(m)
    folium.LayerControl().add_to(m)

    legend = _Legend(counts, flows=flow_count > 0, undated=any(row[EVENT_DAY] is None for row in events))
    m.add_child(legend)
    m.add_child(_Events(tables, title, summary_of(len(events), n_docs), legend=legend, cluster=cluster, layers=layers,
                        flows=flows, heat=heat, tiles=tiles, outlines=outlines, fit=_fit(tables)))
    return m


def save_map(m: folium.Map, path: str | os.PathLike) -> None:
    """Write the map's HTML in one piece: a viewer never opens half a map."""
    html_text = m.get_root().render()
    atomic_write(path, lambda f: f.write(html_text))


def embed_html(m: folium.Map) -> str:
    """The whole map as one <iframe srcdoc> element to paste into a report page: srcdoc has no size limit (a data:
    URL has 2 MB in Chrome), and the sandbox keeps the map's script away from the page around it."""
    page = html.escape(m.get_root().render())
    return (f'<iframe srcdoc="{page}" title="{m.get_root().title}" style="width:100%;height:{EMBED_HEIGHT}px;'
            'border:0" sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"></iframe>\n')


def save_embed(m: folium.Map, path: str | os.PathLike) -> None:
    fragment = embed_html(m)
    atomic_write(path, lambda f: f.write(fragment))


def _fit(tables: dict) -> dict | None:
    """The first view: every event and every flow's origin, clear of the legend. The page fits it without animation:
    Leaflet ignores other moves while it animates a zoom."""
    points = [row[:2] for row in tables["events"]] + [row[1:3] for row in tables["flows"]]
    if not points:
        return None
    lats, lons = zip(*points)
    return {"bounds": [[min(lats), min(lons)], [max(lats), max(lons)]],
            "options": {"maxZoom": FIT_MAX_ZOOM, "paddingTopLeft": [40, 40], "paddingBottomRight": [280, 40]}}


def default_title(docs: list[Document]) -> str:
    return docs[0].title if len(docs) == 1 and docs[0].title else "geomap"


def summary(docs: list[Document]) -> str:
    """What the map shows, as its subtitle says: "12 events from 3 articles"."""
    return summary_of(sum(len(doc.events) for doc in docs), len(docs))


def summary_of(events: int, articles: int) -> str:
    def count(n: int, noun: str) -> str:
        return f"{n:,} {noun}{'s' * (n != 1)}"

    return f"{count(events, 'event')} from {count(articles, 'article')}"


def marker_precision(event) -> int:
    """The event's geo_precision as a marker style knows it (1 to 4)."""
    return min(max(event.geo_precision, 1), 4)


def packed_tables(docs: Document | Iterable[Document]) -> dict:
    """The events as the page reads them. Each document, sentence, place name and actor is stored once and
    referred to by position; an event is the row
    [lat, lon, category, geo_precision, day, time_precision, place, [actors], fatalities, sentence, mark_start,
    mark_end], where category is a position in CATEGORIES, day counts from 1970-01-01 (null: no date) and the
    mark is the place's mention within the sentence (-1: none). A flow is [event, lat, lon, place] of its origin."""
    categories = {key: i for i, key in enumerate(CATEGORIES)}
    tables: dict = {"documents": [], "sentences": [], "events": [], "flows": []}
    sentences: dict[tuple[int, int], int] = {}
    places: dict[str, int] = {}
    actors: dict[str, int] = {}
    for d, doc in enumerate([docs] if isinstance(docs, Document) else docs):
        tables["documents"].append({"title": doc.title or doc.name or "article", "url": web_address(doc.url),
                                    "source": doc.source,
                                    "published": doc.published.isoformat() if doc.published else None})
        for event in doc.events:
            sentence = sentences.setdefault((d, event.sentence.start), len(sentences))
            if sentence == len(tables["sentences"]):  # the sentence's first event
                tables["sentences"].append([d, event.sentence.text])
            if event.origin is not None:
                tables["flows"].append([len(tables["events"]), round(event.origin.lat, 4),
                                        round(event.origin.lon, 4), places.setdefault(event.origin.name, len(places))])
            tables["events"].append([
                round(event.place.lat, 4), round(event.place.lon, 4), categories[event.category],
                marker_precision(event), (event.date - EPOCH).days if event.date else None,
                event.time_precision, places.setdefault(event.place.name, len(places)),
                [actors.setdefault(actor, len(actors)) for actor in event.actors], event.fatalities, sentence,
                *_mark(event),
            ])
    tables["places"], tables["actors"] = list(places), list(actors)
    return tables


def web_address(url: str) -> str:
    """The url when it is an http(s) address, else "": the page links only these, so a link never runs script."""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:  # "http://[" and the like
        return ""
    return url if parts.scheme in ("http", "https") and parts.netloc else ""


def _mark(event) -> tuple[int, int]:
    """Where the place's mention lies in the evidence sentence, or (-1, -1) when it lies elsewhere."""
    if event.mention is None:
        return -1, -1
    start, end = event.mention.start - event.sentence.start, event.mention.end - event.sentence.start
    return (start, end) if 0 <= start < end <= len(event.sentence.text) else (-1, -1)


def _pack(tables: dict) -> str:
    data = json.dumps(tables, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(gzip.compress(data, compresslevel=6, mtime=0)).decode("ascii")


@functools.cache
def country_outlines() -> dict:
    """The world's country outlines, simplified with shapely so the base layer stays about 200 KB."""
    features = []
    for info in CountryInfo.all().values():
        for feature in (info.get("geoJSON") or {}).get("features", []):
            geometry = PALESTINE if info["ISO"]["alpha2"] == "PS" else feature["geometry"]
            geometry = shape(geometry).simplify(0.05, preserve_topology=True)
            geometry = shapely.transform(geometry, lambda xy: xy.round(3))
            features.append({"type": "Feature", "id": len(features), "properties": {"name": info["name"]},
                             "geometry": mapping(geometry)})
    return {"type": "FeatureCollection", "features": features}


def _template(name: str) -> str:
    return (resources.files("geomap") / "templates" / name).read_text(encoding="utf-8")


@functools.cache
def _leaflet() -> tuple[str, str]:
    """Leaflet's and Leaflet.markercluster's CSS and JS, with Leaflet's images as data: URIs."""
    leaflet = Path(xstatic.pkg.leaflet.BASE_DIR)
    cluster = Path(xstatic.pkg.leaflet_markercluster.BASE_DIR)

    def data_uri(match: re.Match) -> str:
        png = base64.b64encode((leaflet / match[1]).read_bytes()).decode()
        return f"url(data:image/png;base64,{png})"

    css = re.sub(r"url\((images/[\w.-]+\.png)\)", data_uri, (leaflet / "leaflet.css").read_text())
    css += (cluster / "MarkerCluster.css").read_text()
    js = (leaflet / "leaflet.js").read_text() + "\n" + (cluster / "leaflet.markercluster.js").read_text()
    js = re.sub(r"^//# sourceMappingURL=.*$", "", js, flags=re.M)  # a source map is one more request
    return css, js


class _PageAssets(MacroElement):
    """Leaflet and the page script in the head: inlined, or with --cdn Leaflet linked from unpkg.com."""

    _template = Template("""
        {% macro header(this, kwargs) %}
            {%- if this.cdn %}
            <link rel="stylesheet" href="{{ this.leaflet_cdn }}/leaflet.css">
            <link rel="stylesheet" href="{{ this.cluster_cdn }}/MarkerCluster.css">
            <script src="{{ this.leaflet_cdn }}/leaflet.js"></script>
            <script src="{{ this.cluster_cdn }}/leaflet.markercluster.js"></script>
            {%- else %}
            <style>{{ this.leaflet_css }}</style>
            <script>{{ this.leaflet_js }}</script>
            {%- endif %}
            <style>{{ this.css }}</style>
            <script>{{ this.js }}</script>
        {% endmacro %}
    """)

    def __init__(self, cdn: bool):
        super().__init__()
        self.cdn, self.leaflet_cdn, self.cluster_cdn = cdn, LEAFLET_CDN, CLUSTER_CDN
        self.leaflet_css, self.leaflet_js = ("", "") if cdn else _leaflet()
        self.css, self.js = _template("map.css"), _template("map.js")


CLUSTER_ICON = """
    function (cluster) {
        var n = cluster.getChildCount(), size = n < 100 ? 30 : n < 10000 ? 38 : 46;
        return L.divIcon({html: String(n), className: "geomap-cluster", iconSize: L.point(size, size)});
    }
"""


class _HeatLayer(folium.map.Layer):
    """The page script's heatmap as a layer folium's layer control can offer; off until chosen."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = new geomap.HeatLayer();
        {% endmacro %}
    """)

    def __init__(self, name: str):
        super().__init__(name=name, overlay=True, show=False)


class _Events(MacroElement):
    """The packed events, the side panel (title, sources, time filter, searchable list), and the call that builds
    the markers and everything else from them in the browser."""

    _template = Template("""
        {% macro html(this, kwargs) %}
            <aside id="{{ this.get_name() }}" class="geomap-side">
                <header class="geomap-title">
                    <h1>{{ this.title|e }}</h1>
                    <p>{{ this.subtitle|e }} · generated by geomap on {{ this.today }}</p>
                    <details class="geomap-sources"><summary>Sources</summary><ol></ol></details>
                </header>
                <section class="geomap-time" aria-label="Time filter">
                    <div class="geomap-time-row">
                        <span class="geomap-time-words"></span>
                        <button type="button" class="geomap-play">▶ Play</button>
                    </div>
                    <div class="geomap-time-controls">
                        <label><span>From</span><input type="range" class="geomap-from" step="1"
                            aria-label="From date"></label>
                        <label><span>To</span><input type="range" class="geomap-to" step="1"
                            aria-label="To date"></label>
                    </div>
                    <p class="geomap-undated-note"></p>
                    <p class="geomap-shown"></p>
                </section>
                <section class="geomap-list">
                    <input type="search" class="geomap-search" placeholder="Search places, actors, words…"
                        aria-label="Search events">
                    <p class="geomap-list-count"></p>
                    <ol class="geomap-events"></ol>
                </section>
            </aside>
            <script type="application/gzip+base64" id="{{ this.get_name() }}_data">{{ this.packed }}</script>
        {% endmacro %}
        {% macro script(this, kwargs) %}
            geomap.show({
                map: {{ this._parent.get_name() }},
                cluster: {{ this.cluster.get_name() }},
                layers: {
                    {%- for key, layer in this.layers.items() %}
                    {{ key|tojson }}: {{ layer.get_name() }},
                    {%- endfor %}
                },
                flows: {{ this.flows.get_name() }},
                heat: {{ this.heat.get_name() }},
                tiles: {{ this.tiles.get_name() }},
                outlines: {{ this.outlines.get_name() }},
                side: {{ this.get_name()|tojson }},
                legend: {{ this.legend.get_name()|tojson }},
                data: {{ (this.get_name() ~ "_data")|tojson }},
                fit: {{ this.fit|tojson }},
                settings: {{ this.settings|tojson }}
            });
        {% endmacro %}
    """)

    def __init__(self, tables: dict, title: str, subtitle: str, **parts):
        super().__init__()
        self.title, self.subtitle, self.today = title, subtitle, dt.date.today().isoformat()
        self.packed = _pack(tables)
        for name, part in parts.items():
            setattr(self, name, part)
        self.settings = {
            "categories": [{"key": key, "label": category.label, "colour": category.colour,
                            "shape": MARKER_SHAPES[key]} for key, category in CATEGORIES.items()],
            "styles": MARKER_STYLES,
            "precisionWords": PRECISION_WORDS,
            "undatedOutline": UNDATED_OUTLINE,
        }


# A panel of HTML pinned to a corner of the map as a Leaflet control, so clicks and scrolls on it stay off the map.
_PANEL_SCRIPT = """
    {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: {{ this.position|tojson }}});
        {{ this.get_name() }}.onAdd = function () {
            var panel = document.getElementById({{ this.get_name()|tojson }});
            L.DomEvent.disableClickPropagation(panel);
            L.DomEvent.disableScrollPropagation(panel);
            return panel;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
    {% endmacro %}
"""


class _Legend(MacroElement):
    """Each category's shape, colour, label and count; how a point's outline tells how precise it is; and, where the
    map has them, what flows and undated events look like. The page script draws the shapes."""

    position = "bottomright"
    _template = Template("""
        {% macro swatch(shape, colour, stroke, style, radius, size) -%}
            <svg width="{{ size }}" height="{{ size }}" aria-hidden="true"><path data-shape="{{ shape }}"
                data-radius="{{ radius }}" fill="{{ colour }}" fill-opacity="{{ style.fillOpacity }}"
                stroke="{{ stroke }}" stroke-width="{{ style.weight }}"
                stroke-dasharray="{{ style.dashArray or 'none' }}"/></svg>
        {%- endmacro %}
        {% macro html(this, kwargs) %}
            <div id="{{ this.get_name() }}" class="geomap-panel geomap-legend leaflet-bar">
                {%- for category, shape, count in this.counts %}
                <div>{{ swatch(shape, category.colour, "#fff", this.styles[1], 5, 18) }}{{ category.label|e }}
                    <span class="geomap-count">({{ "{:,}".format(count) }})</span></div>
                {%- else %}
                <div>No events found</div>
                {%- endfor %}
                {%- if this.flows %}
                <div><svg width="18" height="18" aria-hidden="true"><path d="M2 14Q9 2 16 10" fill="none" stroke="#555"
                    stroke-width="2" stroke-dasharray="4 3"/></svg>where a strike came from</div>
                {%- endif %}
                {%- if this.undated %}
                <div>{{ swatch("circle", "#999", this.undated_outline, this.styles[1], 5, 18) }}date unknown, always
                    shown</div>
                {%- endif %}
                <h2>The place is known to</h2>
                {%- for words, precision in this.precisions %}
                {%- set style = this.styles[precision] %}
                <div>{{ swatch("circle", "#555", "#555", style, style.radius, 2 * style.radius + 4) }}{{ words }}</div>
                {%- endfor %}
            </div>
        {% endmacro %}
    """ + _PANEL_SCRIPT)

    def __init__(self, counts: dict[str, int], *, flows: bool, undated: bool):
        super().__init__()
        self.counts = [(CATEGORIES[key], MARKER_SHAPES[key], count) for key, count in counts.items()]
        self.flows, self.undated, self.undated_outline = flows, undated, UNDATED_OUTLINE
        self.styles = MARKER_STYLES
        self.precisions = [("a town", 1), ("a region only", 3), ("a country only", 4)]
