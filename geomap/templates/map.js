/* geomap's page script. The page carries the events once, as packed tables (maps.py); this builds from them the
   markers, the time filter, the heatmap, the flows, the side list and the popups. Text from articles reaches the
   page only as text nodes, never as markup. */
var geomap = (function () {
  "use strict";

  const DAY_MS = 86400000;
  const LIST_LIMIT = 200; // list items drawn at once; a search narrows the rest
  const PLAY_STEPS = 60; // a play walks the time range in about this many steps
  const PLAY_STEP_MS = 400;

  // -- marker shapes ------------------------------------------------------------------------------------------

  function polygon(points) {
    return "M" + points.map((p) => p[0].toFixed(1) + " " + p[1].toFixed(1)).join("L") + "Z";
  }

  function regular(x, y, r, sides, turn) {
    const points = [];
    for (let i = 0; i < sides; i++) {
      const angle = turn + (2 * Math.PI * i) / sides;
      points.push([x + r * Math.sin(angle), y - r * Math.cos(angle)]);
    }
    return points;
  }

  /** An SVG path for a marker of this shape centred on (x, y), about as large as a circle of radius r. */
  function shapePath(shape, x, y, r) {
    switch (shape) {
      case "square": return polygon(regular(x, y, r * 1.2, 4, Math.PI / 4));
      case "diamond": return polygon(regular(x, y, r * 1.3, 4, 0));
      case "triangle": return polygon(regular(x, y, r * 1.4, 3, 0));
      case "triangle-down": return polygon(regular(x, y, r * 1.4, 3, Math.PI));
      case "pentagon": return polygon(regular(x, y, r * 1.15, 5, 0));
      case "hexagon": return polygon(regular(x, y, r * 1.1, 6, 0));
      case "star": {
        const outer = regular(x, y, r * 1.45, 5, 0), inner = regular(x, y, r * 0.6, 5, Math.PI / 5);
        return polygon(outer.flatMap((p, i) => [p, inner[i]]));
      }
      case "plus":
      case "cross": {
        const a = r * 0.4, b = r * 1.15, arm = [[-a, -b], [a, -b], [a, -a], [b, -a], [b, a], [a, a], [a, b], [-a, b],
                                               [-a, a], [-b, a], [-b, -a], [-a, -a]];
        const turn = shape === "cross" ? Math.PI / 4 : 0, c = Math.cos(turn), s = Math.sin(turn);
        return polygon(arm.map(([u, v]) => [x + u * c - v * s, y + u * s + v * c]));
      }
      default:
        return "M" + (x - r) + " " + y + "a" + r + " " + r + " 0 1 0 " + 2 * r + " 0a" + r + " " + r + " 0 1 0 " +
          -2 * r + " 0Z";
    }
  }

  /** A circle marker drawn as the shape in its options: as cheap as a circle, so 100,000 of them load fast. */
  const ShapeMarker = L.CircleMarker.extend({
    _updatePath: function () {
      const p = this._point;
      this._renderer._setPath(this, this._empty() ? "M0 0" : shapePath(this.options.shape, p.x, p.y, this._radius));
    },
  });

  // -- heatmap ------------------------------------------------------------------------------------------------

  /** Density of the shown events on a canvas under the markers: points counted in 4-pixel cells, each cell
      stamped as a soft blob as strong as its count, then the summed darkness coloured blue to red. */
  const HeatLayer = L.Layer.extend({
    options: {pane: "geomapHeat", radius: 18, cell: 4},

    initialize: function (options) {
      L.setOptions(this, options);
      this._latlngs = [];
    },

    setLatLngs: function (latlngs) {
      this._latlngs = latlngs;
      if (this._map) this._draw();
      return this;
    },

    onAdd: function (map) {
      if (!map.getPane(this.options.pane)) map.createPane(this.options.pane).style.zIndex = 390;
      this._canvas = L.DomUtil.create("canvas", "geomap-heat leaflet-zoom-hide", map.getPane(this.options.pane));
      map.on("moveend resize", this._draw, this);
      this._draw();
    },

    onRemove: function (map) {
      map.off("moveend resize", this._draw, this);
      L.DomUtil.remove(this._canvas);
    },

    _draw: function () {
      const map = this._map, size = map.getSize(), canvas = this._canvas, r = this.options.radius;
      const cell = this.options.cell;
      L.DomUtil.setPosition(canvas, map.containerPointToLayerPoint([0, 0]));
      canvas.width = size.x;
      canvas.height = size.y;
      const cols = Math.ceil((size.x + 2 * r) / cell), rows = Math.ceil((size.y + 2 * r) / cell);
      const counts = new Float32Array(cols * rows), bounds = map.getBounds().pad(0.2);
      let most = 0;
      for (const latlng of this._latlngs) {
        if (!bounds.contains(latlng)) continue;
        const p = map.latLngToContainerPoint(latlng);
        const col = Math.floor((p.x + r) / cell), row = Math.floor((p.y + r) / cell);
        if (col < 0 || row < 0 || col >= cols || row >= rows) continue;
        const n = ++counts[row * cols + col];
        if (n > most) most = n;
      }
      const ctx = canvas.getContext("2d", {willReadFrequently: true}), blob = this._blob();
      for (let i = 0; i < counts.length; i++) {
        if (!counts[i]) continue;
        ctx.globalAlpha = 0.25 + 0.75 * Math.sqrt(counts[i] / most);
        ctx.drawImage(blob, (i % cols) * cell - 2 * r, Math.floor(i / cols) * cell - 2 * r);
      }
      if (!most) return;
      const image = ctx.getImageData(0, 0, size.x, size.y), px = image.data, palette = this._palette();
      for (let i = 0; i < px.length; i += 4) {
        const a = px[i + 3];
        if (!a) continue;
        px[i] = palette[4 * a];
        px[i + 1] = palette[4 * a + 1];
        px[i + 2] = palette[4 * a + 2];
        px[i + 3] = Math.min(230, 60 + a);
      }
      ctx.putImageData(image, 0, 0);
    },

    _blob: function () {
      if (this._blobCanvas) return this._blobCanvas;
      const r = this.options.radius, blob = document.createElement("canvas");
      blob.width = blob.height = 2 * r;
      const ctx = blob.getContext("2d"), fade = ctx.createRadialGradient(r, r, 0, r, r, r);
      fade.addColorStop(0, "rgba(0,0,0,0.8)");
      fade.addColorStop(1, "rgba(0,0,0,0)");
      ctx.fillStyle = fade;
      ctx.fillRect(0, 0, 2 * r, 2 * r);
      return (this._blobCanvas = blob);
    },

    _palette: function () {
      if (this._paletteBytes) return this._paletteBytes;
      const strip = document.createElement("canvas");
      strip.width = 256;
      strip.height = 1;
      const ctx = strip.getContext("2d"), ramp = ctx.createLinearGradient(0, 0, 256, 0);
      [[0, "#2c7bb6"], [0.35, "#00a6ca"], [0.55, "#90eb9d"], [0.75, "#f9d057"], [1, "#d7191c"]]
        .forEach(([at, colour]) => ramp.addColorStop(at, colour));
      ctx.fillStyle = ramp;
      ctx.fillRect(0, 0, 256, 1);
      return (this._paletteBytes = ctx.getImageData(0, 0, 256, 1).data);
    },
  });

  // -- dates --------------------------------------------------------------------------------------------------

  const isoDay = (day) => new Date(day * DAY_MS).toISOString().slice(0, 10);

  /** The last day an event's date can stand for: the day, the week's last day, or the month's. */
  function lastDay(day, timePrecision) {
    if (timePrecision === 2) return day + 6;
    if (timePrecision === 3) {
      const d = new Date(day * DAY_MS);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0) / DAY_MS;
    }
    return day;
  }

  function dateWords(day, timePrecision) {
    if (day === null) return "date unknown";
    if (timePrecision === 2) return "week of " + isoDay(day);
    if (timePrecision === 3) return isoDay(day).slice(0, 7) + " (month)";
    return isoDay(day);
  }

  // -- the events ---------------------------------------------------------------------------------------------

  /** The packed tables (gzip, then base64) as JSON. */
  async function unpack(element) {
    const binary = atob(element.textContent.trim()), bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return JSON.parse(await new Response(stream).text());
  }

  /** One object per event from the tables' rows (see maps.py, packed_tables, for the columns). */
  function readEvents(tables, settings) {
    return tables.events.map((row) => {
      const [lat, lon, category, precision, day, timePrecision, place, actors, fatalities, sentence, start, end] = row;
      const [documentIndex, text] = tables.sentences[sentence];
      return {
        lat: lat, lon: lon, category: settings.categories[category], precision: precision,
        day: day, lastDay: day === null ? null : lastDay(day, timePrecision), timePrecision: timePrecision,
        place: tables.places[place], actors: actors.map((a) => tables.actors[a]), fatalities: fatalities,
        sentence: text, mention: start >= 0 ? [start, end] : null, document: tables.documents[documentIndex],
        origin: null, marker: null, shown: false, words: null,
      };
    });
  }

  function markerFor(event, settings) {
    const colour = event.category.colour, precise = event.precision <= 2;
    const style = Object.assign({}, settings.styles[event.precision], {
      shape: event.category.shape, fillColor: colour,
      color: event.day === null ? settings.undatedOutline : precise ? "#ffffff" : colour,
      className: "geomap-event geomap-" + event.category.key + (event.day === null ? " geomap-undated" : ""),
    });
    const marker = new ShapeMarker([event.lat, event.lon], style);
    marker.event = event;
    return marker;
  }

  // -- DOM helpers: text only ---------------------------------------------------------------------------------

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  /** The article's title, a link when it has a web address, then its source and date. */
  function articleLine(article, tag, className) {
    const line = element(tag, className);
    if (article.url) {
      const a = element("a", "", article.title);
      a.href = article.url; // only http(s) URLs reach the tables
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      line.append(a);
    } else {
      line.append(article.title);
    }
    const about = [article.source, article.published].filter(Boolean).join(" · ");
    if (about) line.append(" · " + about);
    return line;
  }

  /** The evidence sentence with the place's mention marked. */
  function evidence(event) {
    const quote = element("blockquote");
    if (!event.mention) {
      quote.textContent = event.sentence;
      return quote;
    }
    const [start, end] = event.mention;
    quote.append(event.sentence.slice(0, start), element("mark", "", event.sentence.slice(start, end)),
                 event.sentence.slice(end));
    return quote;
  }

  function popupContent(event, settings) {
    const box = element("div", "geomap-popup"), title = element("h3", "", event.category.label);
    title.style.color = event.category.colour;
    const meta = element("div", "geomap-meta", dateWords(event.day, event.timePrecision) + " · " + event.place +
                         " (" + settings.precisionWords[event.precision] + ")");
    box.append(title, meta);
    if (event.origin) box.append(element("div", "", "From: " + event.origin.place));
    box.append(element("div", "", "Actors: " + (event.actors.join(", ") || "not named")),
               element("div", "", "Fatalities: " + (event.fatalities === null ? "not reported" : event.fatalities)),
               evidence(event), articleLine(event.document, "div", "geomap-meta"));
    return box;
  }

  // -- time filter --------------------------------------------------------------------------------------------

  /** Two range inputs over the events' days and a play button that walks the chosen window through time.
      Returns the range, which it keeps current, and calls onChange when it moves. */
  function timeFilter(panel, events, onChange) {
    let first = Infinity, last = -Infinity, undated = 0;
    for (const event of events) {
      if (event.day === null) {
        undated++;
      } else {
        first = Math.min(first, event.day);
        last = Math.max(last, event.lastDay);
      }
    }
    panel.querySelector(".geomap-undated-note").textContent = undated ?
      undated.toLocaleString("en") + " event" + (undated === 1 ? "" : "s") +
      " without a date, always shown (dark outline)" : "";
    const range = {from: -Infinity, to: Infinity}, words = panel.querySelector(".geomap-time-words");
    const from = panel.querySelector(".geomap-from"), to = panel.querySelector(".geomap-to");
    const play = panel.querySelector(".geomap-play");
    if (undated === events.length) {
      panel.querySelector(".geomap-time-controls").hidden = play.hidden = true;
      words.textContent = events.length ? "No dates in these articles" : "";
      return range;
    }
    for (const input of [from, to]) {
      input.min = first;
      input.max = last;
    }
    play.disabled = first === last;
    let timer = null;

    function set(a, b) {
      from.value = range.from = a;
      to.value = range.to = b;
      words.textContent = a === b ? isoDay(a) : isoDay(a) + " to " + isoDay(b);
    }

    function moved(input) {
      const a = Number(from.value), b = Number(to.value);
      if (a <= b) set(a, b);
      else if (input === from) set(a, a);
      else set(b, b);
      onChange();
    }

    function stop() {
      clearInterval(timer);
      timer = null;
      play.textContent = "▶ Play";
    }

    function step() {
      if (range.to >= last) return stop();
      const stride = Math.max(1, Math.round((last - first) / PLAY_STEPS)), end = Math.min(last, range.to + stride);
      set(end - (range.to - range.from), end);
      onChange();
    }

    from.addEventListener("input", () => moved(from));
    to.addEventListener("input", () => moved(to));
    play.addEventListener("click", () => {
      if (timer) return stop();
      let width = range.to - range.from;
      if (width >= last - first) width = Math.round((last - first) / 10); // the whole span would not move
      if (range.to >= last || width !== range.to - range.from) {
        set(first, first + width);
        onChange();
      }
      play.textContent = "❚❚ Pause";
      timer = setInterval(step, PLAY_STEP_MS);
    });
    set(first, last);
    return range;
  }

  // -- side list ----------------------------------------------------------------------------------------------

  const fold = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

  function searchWords(event) {
    if (event.words === null) {
      event.words = fold([event.place, event.category.label, event.actors.join(" "), event.sentence,
                          event.document.title, event.document.source, dateWords(event.day, event.timePrecision),
                          event.origin ? event.origin.place : ""].join(" "));
    }
    return event.words;
  }

  /** The shown events, newest first, narrowed by the search box; a click takes the map to the event. */
  function sideList(panel, onPick) {
    const search = panel.querySelector(".geomap-search"), list = panel.querySelector(".geomap-events");
    const count = panel.querySelector(".geomap-list-count");
    let shown = [], pending = null;

    function draw() {
      const terms = fold(search.value).split(/\s+/).filter(Boolean);
      const found = terms.length ? shown.filter((e) => terms.every((t) => searchWords(e).includes(t))) : shown;
      list.replaceChildren(...found.slice(0, LIST_LIMIT).map((event) => {
        const item = element("li"), button = element("button", "geomap-item");
        button.type = "button";
        const swatch = element("span", "geomap-dot");
        swatch.style.background = event.category.colour;
        const head = element("div", "geomap-item-head");
        head.append(swatch, dateWords(event.day, event.timePrecision) + " · " + event.category.label);
        button.append(head, element("div", "geomap-item-place", event.place),
                      element("div", "geomap-item-text", event.sentence));
        button.addEventListener("click", () => onPick(event));
        item.append(button);
        return item;
      }));
      count.textContent = found.length > LIST_LIMIT ?
        "Showing " + LIST_LIMIT + " of " + found.length.toLocaleString("en") + " events: search to narrow" :
        found.length + " event" + (found.length === 1 ? "" : "s") + (terms.length ? " found" : "");
    }

    search.addEventListener("input", () => {
      clearTimeout(pending);
      pending = setTimeout(draw, shown.length > 5000 ? 250 : 0);
    });
    return {
      update: function (events) {
        shown = events;
        draw();
      },
    };
  }

  /** The articles behind the map, listed when the reader opens "Sources". */
  function sourceList(panel, documents) {
    const details = panel.querySelector(".geomap-sources");
    details.querySelector("summary").textContent = "Sources (" + documents.length.toLocaleString("en") + ")";
    details.addEventListener("toggle", () => {
      details.querySelector("ol").replaceChildren(...documents.map((d) => articleLine(d, "li")));
    }, {once: true});
  }

  // -- flows --------------------------------------------------------------------------------------------------

  /** A curved line from where a strike came from to where it struck, bulging to the left of its direction, with
      an arrowhead near the target. Computed in Web Mercator, where the arrow's angle is the same at every zoom. */
  function flowLayer(map, event, origin) {
    const a = map.project(origin.latlng, 0), b = map.project([event.lat, event.lon], 0);
    const d = b.subtract(a), control = a.add(b).divideBy(2).add(L.point(d.y, -d.x).multiplyBy(0.3));
    const at = (t) => a.multiplyBy((1 - t) * (1 - t)).add(control.multiplyBy(2 * t * (1 - t))).add(b.multiplyBy(t * t));
    const points = [];
    for (let i = 0; i <= 32; i++) points.push(map.unproject(at(i / 32), 0));
    const colour = event.category.colour;
    const tangent = b.subtract(control), angle = (Math.atan2(tangent.y, tangent.x) * 180) / Math.PI;
    const arrow = L.marker(map.unproject(at(0.8), 0), {
      interactive: false, keyboard: false,
      icon: L.divIcon({className: "geomap-arrow", iconSize: [14, 14], html:
        '<svg width="14" height="14" viewBox="-7 -7 14 14" style="transform: rotate(' + angle.toFixed(1) +
        'deg)"><path d="M7 0L-6 -6L-3 0L-6 6Z" fill="' + colour + '" stroke="#fff" stroke-width="1"/></svg>'}),
    });
    const tooltip = () => document.createTextNode(origin.place + " → " + event.place + " · " + event.category.label);
    const line = L.polyline(points, {pane: "geomapFlows", color: colour, weight: 2.5, opacity: 0.85,
                                     dashArray: "6 4", className: "geomap-flow"}).bindTooltip(tooltip, {sticky: true});
    const start = L.circleMarker(origin.latlng, {pane: "geomapFlows", radius: 4, color: colour, weight: 2,
                                                  fillColor: "#fff", fillOpacity: 1, className: "geomap-flow-origin"})
      .bindTooltip(tooltip);
    return L.layerGroup([line, arrow, start]);
  }

  // -- the page -----------------------------------------------------------------------------------------------

  /** Build everything once the tables are unpacked; the page's <html> says data-geomap="ready" when all is drawn. */
  async function show(page) {
    const {map, cluster, layers, flows, heat, tiles, outlines, settings} = page;
    const side = document.getElementById(page.side);
    if (page.fit) map.fitBounds(page.fit.bounds, Object.assign({animate: false}, page.fit.options));
    try {
      fillLegend(document.getElementById(page.legend));
      fallBackToOutlines(map, tiles, outlines);
      const tables = await unpack(document.getElementById(page.data));
      const events = readEvents(tables, settings);
      for (const [eventIndex, lat, lon, place] of tables.flows) {
        events[eventIndex].origin = {latlng: L.latLng(lat, lon), place: tables.places[place]};
      }
      for (const event of events) event.marker = markerFor(event, settings);
      map.createPane("geomapFlows").style.zIndex = 395; // under the markers, so a line never takes their clicks
      const flowLayers = events.filter((e) => e.origin).map((e) => [e, flowLayer(map, e, e.origin)]);
      sourceList(side, tables.documents);
      const byNewest = events.slice().sort((a, b) => (b.day ?? -Infinity) - (a.day ?? -Infinity));

      const popup = L.popup({maxWidth: 380}), tooltip = L.tooltip({direction: "top", offset: [0, -8]});
      const open = (event) => popup.setLatLng(event.marker.getLatLng())
        .setContent(popupContent(event, settings)).openOn(map);
      cluster.on("click", (e) => open(e.layer.event));
      cluster.on("mouseover", (e) => {
        const event = e.layer.event;
        tooltip.setLatLng(e.layer.getLatLng())
          .setContent(document.createTextNode(event.place + " · " + event.category.label));
        map.openTooltip(tooltip);
      });
      cluster.on("mouseout", () => map.closeTooltip(tooltip));

      /** Zoom in until the marker stands on its own, spread out if it shares its point, then call done.
          (markercluster's zoomToShowLayer waits for an icon, which a path marker never has.) */
      function reveal(marker, done) {
        if (map._animatingZoom || cluster._inZoomAnimation) { // Leaflet ignores a new view while it zooms
          return void setTimeout(() => reveal(marker, done), 50);
        }
        const settle = () => {
          if (cluster._inZoomAnimation || map._animatingZoom) return void setTimeout(settle, 50);
          if (map.hasLayer(marker)) return void done();
          const parent = cluster.getVisibleParent(marker);
          if (parent) {
            cluster.once("spiderfied", done);
            parent.spiderfy();
          }
        };
        map.once("moveend", settle);
        const alone = marker.__parent._zoom + 1; // below its deepest cluster's zoom, a marker is drawn by itself
        map.setView(marker.getLatLng(), Math.min(map.getMaxZoom(), Math.max(map.getZoom(), alone)));
      }

      const list = sideList(side, (event) => reveal(event.marker, () => open(event)));
      const counter = side.querySelector(".geomap-shown");
      const range = timeFilter(side, events, refresh);

      /** Bring the cluster, flows, heatmap and list in line with the category layers and the time range. */
      function refresh() {
        const on = new Set(Object.keys(layers).filter((key) => map.hasLayer(layers[key])));
        const adding = [], removing = [], shown = [];
        for (const event of events) {
          const now = on.has(event.category.key) &&
            (event.day === null || (event.lastDay >= range.from && event.day <= range.to));
          if (now) shown.push(event);
          if (now !== event.shown) (now ? adding : removing).push(event.marker);
          event.shown = now;
        }
        if (removing.length > shown.length) { // cheaper to start again than to take most markers out one by one
          cluster.clearLayers();
          cluster.addLayers(shown.map((e) => e.marker), true);
        } else {
          cluster.removeLayers(removing);
          cluster.addLayers(adding, true);
        }
        for (const [event, layer] of flowLayers) {
          if (event.shown) flows.addLayer(layer);
          else flows.removeLayer(layer);
        }
        heat.setLatLngs(shown.map((e) => e.marker.getLatLng()));
        list.update(byNewest.filter((e) => e.shown));
        counter.textContent = shown.length.toLocaleString("en") + " of " + events.length.toLocaleString("en") +
          " events shown";
      }

      for (const layer of Object.values(layers)) layer.on("add remove", refresh);
      refresh();
      document.documentElement.dataset.geomap = "ready";
    } catch (error) {
      side.querySelector(".geomap-list-count").textContent = "This map could not load its events: " + error;
      document.documentElement.dataset.geomap = "failed";
      throw error;
    }
  }

  /** The legend's swatches are drawn with the markers' own shapes. */
  function fillLegend(legend) {
    for (const path of legend.querySelectorAll("path[data-shape]")) {
      const size = Number(path.ownerSVGElement.getAttribute("width"));
      path.setAttribute("d", shapePath(path.dataset.shape, size / 2, size / 2, Number(path.dataset.radius)));
    }
  }

  /** Online tiles are a choice, not a need: when they cannot load, the offline outlines come back. */
  function fallBackToOutlines(map, tiles, outlines) {
    tiles.on("tileerror", () => {
      if (!map.hasLayer(tiles)) return;
      map.removeLayer(tiles);
      map.addLayer(outlines);
      map.attributionControl.addAttribution("Tiles unreachable: offline outlines shown");
    });
  }

  return {HeatLayer: HeatLayer, show: show};
})();
