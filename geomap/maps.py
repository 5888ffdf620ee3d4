"""The events on a Leaflet map in one self-contained HTML file that works offline.

folium links Leaflet, jQuery, Bootstrap and icon fonts from CDNs, so its maps are blank without a network
(shared/docs/peers.md). Here folium builds the page structure, and everything it would fetch is inlined:
Leaflet and Leaflet.markercluster from the xstatic packages, country outlines from countryinfo, markers drawn
as SVG circles. Article text reaches the page only HTML-escaped and JSON-encoded, never as markup.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import html
import os
import re
from collections.abc import Iterable
from pathlib import Path

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
from geomap.document import Document, Event
from geomap.export import atomic_write
from geomap.table import documents

MAX_ZOOM = 18  # Leaflet.markercluster throws without a maxZoom, and folium sets none when tiles=None
FIT_MAX_ZOOM = 8  # a single town still shows its surroundings
PRECISION_WORDS = {1: "town", 2: "part of or near a town", 3: "region (approximate point)",
                   4: "country (approximate point)"}
# How sure a point is shows in its ring: a town solid, a region a larger dashed ring, a country a still larger
# dotted one, so a country's centroid is never mistaken for where something happened.
MARKER_STYLES = {
    1: {"radius": 7, "weight": 1.5, "fillOpacity": 0.9},
    2: {"radius": 7, "weight": 1.5, "fillOpacity": 0.9},
    3: {"radius": 11, "weight": 2.5, "fillOpacity": 0.3, "dashArray": "5 4"},
    4: {"radius": 15, "weight": 2.5, "fillOpacity": 0.12, "dashArray": "2 5"},
}
# countryinfo's outline of Palestine is its bounding box, which covers Israel's coast and the sea beside Gaza.
# These are the West Bank and the Gaza Strip as the gaps that countryinfo's Israel, Jordan and Egypt leave.
PALESTINE = {"type": "MultiPolygon", "coordinates": [
    [[[35.545665, 32.393992], [35.18393, 32.532511], [34.974641, 31.866582], [35.225892, 31.754341],
      [34.970507, 31.616778], [34.927408, 31.353435], [35.397561, 31.489086], [35.545252, 31.782505],
      [35.545665, 32.393992]]],
    [[[34.265433, 31.219361], [34.556372, 31.548824], [34.488107, 31.605539], [34.265433, 31.219361]]],
]}
OUTLINE_STYLE = {"color": "#9b9b9b", "weight": 0.7, "fillColor": "#f5f2eb", "fillOpacity": 1}
CSS = """
.folium-map.leaflet-container { background: #cde3ef; }
.geomap-panel { background: rgba(255, 255, 255, 0.92); padding: 6px 10px; font: 13px/1.4 sans-serif; }
.geomap-title { max-width: 420px; }
.geomap-title h1 { font-size: 16px; margin: 0 0 2px; }
.geomap-title p { margin: 0; color: #555; font-size: 12px; }
.geomap-legend div { white-space: nowrap; }
.geomap-legend h2 { font-size: 12px; margin: 4px 0 2px; color: #555; }
.geomap-legend svg { vertical-align: middle; margin-right: 4px; }
.geomap-count { color: #555; }
.geomap-cluster { background: rgba(45, 45, 45, 0.8); color: #fff; border: 2px solid #fff; border-radius: 50%;
  font: bold 12px/26px sans-serif; text-align: center; }
.geomap-popup { font: 13px/1.4 sans-serif; }
.geomap-popup h3 { font-size: 14px; margin: 0 0 4px; }
.geomap-popup blockquote { margin: 6px 0; padding-left: 8px; border-left: 3px solid #ccc; color: #333; }
.geomap-popup mark { background: #ffe066; }
.geomap-popup .geomap-meta { color: #555; }
"""


def build_map(docs: Document | Iterable[Document], *, title: str | None = None) -> folium.Map:
    """A map of the documents' events: a layer per category, a legend, and the title."""
    docs = documents(docs)
    events = [(doc, event) for doc in docs for event in doc.events]
    if title is None:
        title = docs[0].title if len(docs) == 1 and docs[0].title else "geomap"
    m = folium.Map(location=[20, 0], zoom_start=2, tiles=None, maxZoom=MAX_ZOOM, zoom_control="bottomleft")
    m.default_js, m.default_css = [], []  # CDN links: replaced by _OfflineAssets
    m.get_root().title = html.escape(title)
    m.add_child(_OfflineAssets())

    m.add_child(folium.map.CustomPane("outlines", z_index=350))  # under the markers, whichever base layer is on
    folium.GeoJson(_outlines(), name="Country outlines (offline)", overlay=False, pane="outlines",
                   interactive=False, style_function=lambda _: OUTLINE_STYLE,
                   attribution="Outlines: countryinfo").add_to(m)
    folium.TileLayer("OpenStreetMap", name="OpenStreetMap (needs internet)", overlay=False, show=False,
                     max_zoom=MAX_ZOOM).add_to(m)

    cluster = folium.plugins.MarkerCluster(control=False, maxClusterRadius=40, showCoverageOnHover=False,
                                           icon_create_function=CLUSTER_ICON)
    cluster.default_js, cluster.default_css = [], []
    cluster.add_to(m)
    counts = {}
    for key, category in CATEGORIES.items():
        its = [(doc, event) for doc, event in events if event.category == key]
        if its:
            counts[key] = len(its)
            group = folium.FeatureGroup(name=html.escape(f"{category.label} ({len(its)})")).add_to(m)
            group.add_child(_CategoryMarkers(key, [_marker(doc, event) for doc, event in its], cluster))

    folium.LayerControl().add_to(m)
    m.add_child(_Legend(counts))
    subtitle = (f"{_count(len(events), 'event')} from {_count(len(docs), 'article')}"
                f" · generated by geomap on {dt.date.today().isoformat()}")
    m.add_child(_Title(title, subtitle))
    if events:
        lats = [event.place.lat for _, event in events]
        lons = [event.place.lon for _, event in events]
        m.fit_bounds([[min(lats), min(lons)], [max(lats), max(lons)]], max_zoom=FIT_MAX_ZOOM,
                     padding_top_left=(40, 90), padding_bottom_right=(270, 40))  # clear of the title and legend
    return m


def save_map(m: folium.Map, path: str | os.PathLike) -> None:
    """Write the map's HTML in one piece: a viewer never opens half a map."""
    html_text = m.get_root().render()
    atomic_write(path, lambda f: f.write(html_text))


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' * (n != 1)}"


def _marker(doc: Document, event: Event) -> dict:
    """What the browser needs to draw one event: its point, how precise it is, its popup and tooltip as HTML."""
    category = CATEGORIES[event.category]
    place = html.escape(event.place.name)
    return {
        "lat": event.place.lat,
        "lon": event.place.lon,
        "precision": min(max(event.geo_precision, 1), 4),
        "popup": _popup(doc, event),
        "tooltip": f"{place} · {html.escape(category.label)}",
    }


def _popup(doc: Document, event: Event) -> str:
    category = CATEGORIES[event.category]
    actors = ", ".join(event.actors) or "not named"
    fatalities = "not reported" if event.fatalities is None else str(event.fatalities)
    article = html.escape(doc.title or doc.name or "article")
    if doc.url.lower().startswith(("http://", "https://")):
        article = f'<a href="{html.escape(doc.url)}" target="_blank" rel="noopener noreferrer">{article}</a>'
    source = " · ".join(html.escape(part) for part in (doc.source, _date_words(doc.published, 1)) if part)
    precision = PRECISION_WORDS.get(event.geo_precision, "approximate point")
    return (
        f'<div class="geomap-popup"><h3 style="color:{category.colour}">{html.escape(category.label)}</h3>'
        f'<div class="geomap-meta">{html.escape(_date_words(event.date, event.time_precision) or "date unknown")}'
        f" · {html.escape(event.place.name)} ({precision})</div>"
        f"<div>Actors: {html.escape(actors)}</div><div>Fatalities: {fatalities}</div>"
        f"<blockquote>{_highlighted(event)}</blockquote>"
        f"<div>{article}{' · ' + source if source else ''}</div></div>"
    )


def _date_words(date: dt.date | None, time_precision: int) -> str:
    if date is None:
        return ""
    if time_precision == 2:
        return f"week of {date.isoformat()}"
    if time_precision == 3:
        return date.strftime("%Y-%m (month)")
    return date.isoformat()


def _highlighted(event: Event) -> str:
    """The evidence sentence, escaped, with the place's mention marked when it lies in that sentence."""
    text, mention = event.sentence.text, event.mention
    if mention is None:
        return html.escape(text)
    start, end = mention.start - event.sentence.start, mention.end - event.sentence.start
    if not 0 <= start < end <= len(text):
        return html.escape(text)
    return f"{html.escape(text[:start])}<mark>{html.escape(text[start:end])}</mark>{html.escape(text[end:])}"


@functools.cache
def _outlines() -> dict:
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


@functools.cache
def _assets() -> tuple[str, str]:
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
    return css + CSS, js


class _OfflineAssets(MacroElement):
    """Everything folium would have linked from CDNs, inlined in the page's head."""

    _template = Template("""
        {% macro header(this, kwargs) %}
            <style>{{ this.css }}</style>
            <script>{{ this.js }}</script>
        {% endmacro %}
    """)

    def __init__(self):
        super().__init__()
        self.css, self.js = _assets()


CLUSTER_ICON = """
    function (cluster) {
        return L.divIcon({html: String(cluster.getChildCount()), className: "geomap-cluster",
                          iconSize: L.point(30, 30)});
    }
"""


class _CategoryMarkers(MacroElement):
    """One category's events, drawn as circle markers in the browser from one JSON array (one folium object per
    event costs about 1 KB of HTML, peers.md). All categories share one cluster, so events of different
    categories at one place spread out together; the category's layer adds and removes its markers there."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            (function (layer, cluster, styles) {
                var markers = {{ this.events|tojson }}.map(function (e) {
                    return L.circleMarker([e.lat, e.lon], styles[e.precision])
                        .bindPopup(e.popup, {maxWidth: 380})
                        .bindTooltip(e.tooltip);
                });
                layer.on("add", function () { cluster.addLayers(markers); });
                layer.on("remove", function () { cluster.removeLayers(markers); });
                if (layer._map) { cluster.addLayers(markers); }
            })({{ this._parent.get_name() }}, {{ this.cluster.get_name() }}, {{ this.styles|tojson }});
        {% endmacro %}
    """)

    def __init__(self, category: str, events: list[dict], cluster: folium.plugins.MarkerCluster):
        super().__init__()
        self.events, self.cluster = events, cluster
        colour = CATEGORIES[category].colour
        self.styles = {
            precision: {**style, "color": "#ffffff" if precision <= 2 else colour, "fillColor": colour,
                        "className": f"geomap-event geomap-{category}"}
            for precision, style in MARKER_STYLES.items()
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


class _Title(MacroElement):
    """The map's title, and what it shows, made by what and when."""

    position = "topleft"
    _template = Template("""
        {% macro html(this, kwargs) %}
            <div id="{{ this.get_name() }}" class="geomap-panel geomap-title leaflet-bar">
                <h1>{{ this.title|e }}</h1>
                <p>{{ this.subtitle|e }}</p>
            </div>
        {% endmacro %}
    """ + _PANEL_SCRIPT)

    def __init__(self, title: str, subtitle: str):
        super().__init__()
        self.title, self.subtitle = title, subtitle


class _Legend(MacroElement):
    """Each category's colour, label and count, and how a point's ring tells how precise it is."""

    position = "bottomright"
    _template = Template("""
        {% macro html(this, kwargs) %}
            <div id="{{ this.get_name() }}" class="geomap-panel geomap-legend leaflet-bar">
                {%- for category, count in this.counts %}
                <div><svg width="16" height="16"><circle cx="8" cy="8" r="6" fill="{{ category.colour }}"
                    stroke="#fff" stroke-width="1.5"/></svg>{{ category.label|e }}
                    <span class="geomap-count">({{ count }})</span></div>
                {%- else %}
                <div>No events found</div>
                {%- endfor %}
                <h2>The place is known to</h2>
                {%- for words, style, size in this.precisions %}
                <div><svg width="{{ size }}" height="{{ size }}"><circle cx="{{ size / 2 }}" cy="{{ size / 2 }}"
                    r="{{ style.radius }}" fill="#555" fill-opacity="{{ style.fillOpacity }}" stroke="#555"
                    stroke-width="{{ style.weight }}" stroke-dasharray="{{ style.dashArray or 'none' }}"/></svg>
                    {{- words }}</div>
                {%- endfor %}
            </div>
        {% endmacro %}
    """ + _PANEL_SCRIPT)

    def __init__(self, counts: dict[str, int]):
        super().__init__()
        self.counts = [(CATEGORIES[key], count) for key, count in counts.items()]
        self.precisions = [
            (words, MARKER_STYLES[precision], 2 * MARKER_STYLES[precision]["radius"] + 4)
            for precision, words in ((1, "a town"), (3, "a region only"), (4, "a country only"))
        ]
