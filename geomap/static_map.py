"""The events as a static PNG for PDFs and slides: the HTML map's outlines, shapes, colours and precision styles,
drawn by matplotlib alone (no browser, no tiles)."""

from __future__ import annotations

import datetime as dt
import math
import os
import textwrap
import warnings
from collections.abc import Iterable
from dataclasses import dataclass

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch
from matplotlib.path import Path as MplPath
from shapely.geometry import box, shape

from geomap.categories import CATEGORIES
from geomap.document import Document
from geomap.export import atomic_write
from geomap.maps import (MARKER_SHAPES, MARKER_STYLES, OUTLINE_STYLE, UNDATED_OUTLINE, country_outlines, default_title,
                         marker_precision, summary)
from geomap.signals import signals_between_steps
from geomap.table import documents

PNG_SIZE = (1600, 1000)  # pixels: sharp on a slide, and a page wide in a PDF
PANEL_WIDTH = 380  # pixels on the right for the title, legend and sources, as beside the HTML map: none covers an event
DPI = 100
SEA = "#cde3ef"
MIN_SPAN = 3.0  # degrees of latitude shown at least, so one town still shows its surroundings
PAD = 0.12  # of the events' extent, on each side
MATPLOTLIB_MARKERS = {"circle": "o", "square": "s", "diamond": "D", "triangle": "^", "triangle-down": "v",
                      "pentagon": "p", "hexagon": "h", "star": "*", "plus": "P", "cross": "X"}
POINTS_PER_PIXEL = 72 / DPI
SPREAD_MAX, SPREAD_PIXELS = 12, 13  # up to this many events at one point are set this far around it


@dataclass
class StaticMap:
    """A drawn figure, and where a place lands on it."""

    figure: Figure
    axes: object

    def pixel(self, lat: float, lon: float) -> tuple[int, int]:
        """The (column, row) of the image pixel at this coordinate, row 0 at the top."""
        x, y = self.axes.transData.transform((lon, lat))
        return round(x), round(PNG_SIZE[1] - y)

    def save(self, path: str | os.PathLike) -> None:
        """Write the PNG in one piece (matplotlib writes bytes, through the temporary file's binary buffer). A letter
        the font lacks is drawn as a box, without a warning for each. Ctrl-C while drawing acts once the image is
        drawn: matplotlib cut midway can fail with an error of its own (a TypeError from its legend)."""
        with warnings.catch_warnings(), signals_between_steps():
            warnings.filterwarnings("ignore", r"Glyph \d+ .*missing from")
            atomic_write(path, lambda f: self.figure.savefig(f.buffer, format="png", dpi=DPI))


def static_map(docs: Document | Iterable[Document], *, title: str | None = None) -> StaticMap:
    """The documents' events over the country outlines, framed on the events, with a legend and the title."""
    docs = documents(docs)
    events = [event for doc in docs for event in doc.events]
    title = title or default_title(docs)
    width, height = PNG_SIZE
    figure = Figure(figsize=(width / DPI, height / DPI), dpi=DPI, facecolor="#fafafa")
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0, 0, 1 - PANEL_WIDTH / width, 1), facecolor=SEA, xticks=[], yticks=[])
    axes.spines[:].set_visible(False)
    west, east, south, north = _frame([(p.lat, p.lon) for e in events for p in (e.place, e.origin) if p])
    axes.set_xlim(west, east)
    axes.set_ylim(south, north)

    _draw_outlines(axes, box(west, south, east, north))
    flows = [event for event in events if event.origin is not None]
    for event in flows:
        axes.add_patch(FancyArrowPatch(
            (event.origin.lon, event.origin.lat), (event.place.lon, event.place.lat),
            connectionstyle="arc3,rad=0.3", arrowstyle="-|>", mutation_scale=14, linewidth=1.8,
            linestyle=(0, (5, 3)), color=CATEGORIES[event.category].colour, alpha=min(1.0, max(0.15, 30 / len(flows))),
            shrinkA=3, shrinkB=8, zorder=3))
    # Thousands of full-size markers would hide the map under them: past a few hundred, they shrink.
    scale = min(1.0, max(0.3, (400 / max(len(events), 1)) ** 0.25))
    positions = _spread(events, degrees_per_pixel=(north - south) / height)
    groups: dict[tuple, list] = {}
    for event, position in zip(events, positions):
        key = (event.category, marker_precision(event), event.date is None)
        groups.setdefault(key, []).append(position)
    for (key, precision, undated), points in sorted(groups.items(), key=lambda item: -item[0][1]):  # coarse first
        colour, style = CATEGORIES[key].colour, MARKER_STYLES[precision]
        precise = precision <= 2
        lons, lats = zip(*points)
        axes.scatter(lons, lats, marker=MATPLOTLIB_MARKERS[MARKER_SHAPES[key]],
                     s=(2.4 * style["radius"] * POINTS_PER_PIXEL * scale) ** 2,
                     c=[_rgba(colour, style["fillOpacity"])],
                     edgecolors=UNDATED_OUTLINE if undated else ("#ffffff" if precise else colour),
                     linewidths=style["weight"] * 1.2 * POINTS_PER_PIXEL * scale, linestyle="-" if precise else "--",
                     zorder=4 + precise)

    left = 1 - (PANEL_WIDTH - 16) / width
    heading = "\n".join(textwrap.wrap(title, 22)[:3])
    # Article text is drawn as it is: parse_math=False, or "$" and "\\" in a title would be read as TeX (or fail).
    figure.text(left, 0.975, heading, fontsize=16, fontweight="bold", va="top", ha="left", parse_math=False)
    below = 0.975 - 0.032 * (heading.count("\n") + 1)
    subtitle = f"{summary(docs)}\ngenerated by geomap on {dt.date.today().isoformat()}"
    figure.text(left, below, subtitle, fontsize=10, color="#444", va="top", ha="left")
    _legend(figure, events, left, top=below - 0.05)
    figure.text(left, 0.015, _sources(docs), fontsize=9, color="#444", va="bottom", ha="left", parse_math=False)
    return StaticMap(figure, axes)


def _frame(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    """(west, east, south, north) around the points, padded, at least MIN_SPAN high, and as wide as the image's
    shape asks in an equirectangular map true to scale at its middle latitude; the world when there are none."""
    if not points:
        return -180.0, 180.0, -60.0, 85.0
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    lat_span = max(max(lats) - min(lats), MIN_SPAN) * (1 + 2 * PAD)
    lon_span = max(max(lons) - min(lons), 0.1) * (1 + 2 * PAD)
    mid_lat, mid_lon = (max(lats) + min(lats)) / 2, (max(lons) + min(lons)) / 2
    stretch = math.cos(math.radians(min(abs(mid_lat), 80)))  # a degree of longitude is this much of one of latitude
    wide = (PNG_SIZE[0] - PANEL_WIDTH) / PNG_SIZE[1]
    lat_span = max(lat_span, min(lon_span, 360) * stretch / wide)
    lon_span = lat_span * wide / stretch
    if lat_span >= 180:  # the whole world is taller than it is wide here: centre it, sea above and below
        mid_lat = 0.0
    else:  # keep the frame on the globe
        mid_lat = min(max(mid_lat, -90 + lat_span / 2), 90 - lat_span / 2)
    return mid_lon - lon_span / 2, mid_lon + lon_span / 2, mid_lat - lat_span / 2, mid_lat + lat_span / 2


def _spread(events, degrees_per_pixel: float) -> list[tuple[float, float]]:
    """(lon, lat) to draw each event at: its place's, except that a few events at one point are set around it in a
    ring, so none hides another (many at one point stay stacked: the legend counts them)."""
    at: dict[tuple[float, float], list[int]] = {}
    for i, event in enumerate(events):
        at.setdefault((event.place.lon, event.place.lat), []).append(i)
    positions = [(event.place.lon, event.place.lat) for event in events]
    for (lon, lat), indices in at.items():
        if 1 < len(indices) <= SPREAD_MAX:
            radius = SPREAD_PIXELS * degrees_per_pixel
            stretch = math.cos(math.radians(min(abs(lat), 80)))
            for k, i in enumerate(indices):
                angle = 2 * math.pi * k / len(indices)
                positions[i] = (lon + radius * math.sin(angle) / stretch, lat + radius * math.cos(angle))
    return positions


def _draw_outlines(axes, frame) -> None:
    paths = []
    for feature in country_outlines()["features"]:
        geometry = shape(feature["geometry"])
        if not geometry.intersects(frame):
            continue
        for polygon in getattr(geometry, "geoms", [geometry]):
            rings = [polygon.exterior, *polygon.interiors]
            paths.append(MplPath.make_compound_path(*(MplPath(list(ring.coords), closed=True) for ring in rings)))
    axes.add_collection(PathCollection(paths, facecolors=OUTLINE_STYLE["fillColor"], edgecolors=OUTLINE_STYLE["color"],
                                       linewidths=0.8, zorder=1))


def _legend(figure, events, left: float, top: float) -> None:
    counts: dict[str, int] = {}
    for event in events:
        counts[event.category] = counts.get(event.category, 0) + 1
    handles = [Line2D([], [], linestyle="", marker=MATPLOTLIB_MARKERS[MARKER_SHAPES[key]], markersize=10,
                      markerfacecolor=CATEGORIES[key].colour, markeredgecolor="#ffffff",
                      label=f"{CATEGORIES[key].label} ({n:,})")
               for key in CATEGORIES if (n := counts.get(key))]
    if any(event.origin for event in events):
        handles.append(Line2D([], [], color="#555", linestyle=(0, (5, 3)), label="where a strike came from"))
    if any(event.date is None for event in events):
        handles.append(Line2D([], [], linestyle="", marker="o", markersize=10, markerfacecolor="#999",
                              markeredgecolor=UNDATED_OUTLINE, label="date unknown"))
    for words, precision in (("place known to a town", 1), ("to a region only", 3), ("to a country only", 4)):
        style = MARKER_STYLES[precision]
        handles.append(Line2D([], [], linestyle="", marker="o", markersize=style["radius"] * 1.7,
                              markerfacecolor=_rgba("#555555", style["fillOpacity"]), markeredgecolor="#555",
                              label=words))
    if not counts:
        handles.insert(0, Line2D([], [], linestyle="", label="No events found"))
    figure.legend(handles=handles, loc="upper left", bbox_to_anchor=(left - 0.006, top), fontsize=10, frameon=False,
                  labelspacing=0.7)


def _sources(docs: list[Document]) -> str:
    """The first few articles' titles, one a line, shortened to fit the panel."""
    lines = [textwrap.shorten(doc.title or doc.name or "article", 52, placeholder="…") for doc in docs[:5]]
    if len(docs) > 5:
        lines.append(f"and {len(docs) - 5:,} more")
    return "Sources:\n" + ("\n".join(lines) or "none")


def _rgba(colour: str, alpha: float) -> tuple[float, float, float, float]:
    rgb = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return (*rgb, alpha)
