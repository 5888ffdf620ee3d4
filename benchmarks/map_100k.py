"""How the map scales: 100,000 synthetic events at real gazetteer places, news-length sentences, in 20,000 articles.

Measures what issue 5 asks (HTML <= 20 MB, built in <= 5 s, open in headless Chromium in <= 10 s) and checks that the
opened page works at that size: no console errors, every event in the cluster, the time filter, the search, a
category toggle and the heatmap; then draws the PNG.

    python benchmarks/map_100k.py                 # 100,000 events
    python benchmarks/map_100k.py --events 20000 --keep output/bench.html
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

from geomap.categories import CATEGORIES
from geomap.document import Document, Event, Mention, Sentence
from geomap.maps import EPOCH, build_map, save_map
from geomap.pipeline import default_gazetteer
from geomap.static_map import static_map

CHROMIUM = "/usr/bin/chromium"
EVENTS_PER_ARTICLE = 5
FIRST_DAY, DAYS = dt.date(2023, 1, 1), 730
ACTORS = ["Military Forces of Israel", "Hezbollah", "Hamas", "Police Forces of Indonesia", "Houthis",
          "Military Forces of Russia", "Military Forces of Ukraine", "Protesters", "United Nations", "Red Cross"]
WHAT = {
    "airstrike": "carried out airstrikes on", "shelling": "fired rockets at", "armed_clash": "clashed with fighters in",
    "bombing": "reported a car bomb explosion in", "attack": "attacked a market in", "abduction": "abducted aid workers in",
    "arrest": "arrested dozens of people in", "protest": "held a large protest in", "diplomacy": "held talks in",
    "ceasefire": "announced a local ceasefire in", "humanitarian": "called for urgent aid deliveries to",
    "disaster": "reported severe flooding in", "accident": "reported a deadly bus crash near",
}
# English and Indonesian sentence frames of news length (about 170 characters with a place and an actor)
FRAMES = [
    "{actor} {what} {place} on {weekday}, and officials said at least {n} people were affected, according to "
    "local media reports and statements from residents who spoke to reporters.",
    "Menurut laporan media setempat pada hari {weekday}, {actor} {what} {place}, dan sedikitnya {n} orang "
    "terdampak, kata pejabat daerah kepada wartawan yang berada di lokasi kejadian.",
]


def synthetic_corpus(n_events: int, seed: int = 5) -> list[Document]:
    """Articles of EVENTS_PER_ARTICLE events each at gazetteer towns (by population), provinces and countries, with
    dates over two years (a few by week or month, 3% undated), actors, fatalities and, for some strikes, an origin."""
    rng = random.Random(seed)
    ix = default_gazetteer().index
    towns = [i for i, kind in enumerate(ix.kind) if kind == "city" and ix.population[i] >= 15000]
    regions = [i for i, kind in enumerate(ix.kind) if kind in ("admin1", "country")]
    town_weights = [ix.population[i] ** 0.5 for i in towns]
    towns_in: dict[str, list[int]] = {}
    for i in towns:
        towns_in.setdefault(ix.country[i], []).append(i)
    gazetteer = default_gazetteer()
    categories = list(CATEGORIES)
    docs = []
    for a in range(0, n_events, EVENTS_PER_ARTICLE):
        published = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
        pids = rng.choices(towns, town_weights, k=EVENTS_PER_ARTICLE)
        pids = [rng.choice(regions) if rng.random() < 0.12 else pid for pid in pids]
        text, events = "", []
        for pid in pids[: min(EVENTS_PER_ARTICLE, n_events - a)]:
            place, category, actor = gazetteer.place(pid), rng.choice(categories), rng.choice(ACTORS)
            weekday = published.strftime("%A")
            before, _, after = rng.choice(FRAMES).format(actor=actor, what=WHAT[category], weekday=weekday,
                                                         n=rng.randrange(2, 60), place="\0").partition("\0")
            start = len(text)
            sentence_text = before + place.name + after
            text += sentence_text + " "
            sentence = Sentence(start, start + len(sentence_text), sentence_text)
            mention = Mention(start + len(before), start + len(before) + len(place.name), place.name, place)
            time_precision = rng.choices((1, 2, 3), (90, 7, 3))[0]
            date = None if rng.random() < 0.03 else published - dt.timedelta(days=rng.randrange(3))
            origin = None
            if category in ("shelling", "airstrike") and rng.random() < 0.1:  # from a town of the same country
                origin = gazetteer.place(rng.choice(towns_in.get(place.country_code) or towns))
            events.append(Event(category, place, "location", mention, date, time_precision, place.geo_precision,
                                (actor,), rng.choice([None, None, 0, 1, 3, 12]), sentence, origin=origin))
        docs.append(Document(text=text, lang="en", published=published, title=f"Synthetic report {len(docs) + 1}",
                             source="Synthetic Wire", url=f"https://example.org/news/{len(docs) + 1}",
                             events=tuple(events), name=f"synthetic-{len(docs) + 1}"))
    return docs


def open_in_chromium(path: Path, docs: list[Document]) -> dict:
    """Open the map with the network off; time it until the page says its events are drawn; try its controls."""
    from playwright.sync_api import sync_playwright

    events = [event for doc in docs for event in doc.events]
    url = path.resolve().as_uri()
    found: dict = {"errors": [], "requests": []}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.on("console", lambda m: found["errors"].append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: found["errors"].append(str(e)))
        page.route("**/*", lambda r: r.continue_() if r.request.url == url else (found["requests"].append(r.request.url),
                                                                                  r.abort()))
        start = time.perf_counter()
        page.goto(url, timeout=120_000)
        page.wait_for_selector("html[data-geomap=ready]", state="attached", timeout=120_000)
        found["open_seconds"] = time.perf_counter() - start
        map_id = page.eval_on_selector(".folium-map", "e => e.id")
        in_cluster = (f"window[{map_id!r}] && Object.values(window[{map_id!r}]._layers)"
                      ".find((l) => l instanceof L.MarkerClusterGroup).getLayers().length")
        found["markers"] = page.evaluate(in_cluster)

        month, month_end = dt.date(2024, 3, 1), dt.date(2024, 3, 31)
        first, last = (month - EPOCH).days, (month_end - EPOCH).days
        in_march = [e for e in events if e.date is None or (_last_day(e) >= month and e.date <= month_end)]
        expected = len(in_march)
        start = time.perf_counter()
        page.locator(".geomap-to").fill(str(last))
        page.locator(".geomap-from").fill(str(first))
        found["time_filter_seconds"] = (time.perf_counter() - start) / 2
        found["time_filter"] = (page.evaluate(in_cluster), expected)

        name = in_march[len(in_march) // 2].place.name
        start = time.perf_counter()
        page.locator(".geomap-search").fill(name)
        page.wait_for_function("document.querySelector('.geomap-list-count').textContent.includes('found')")
        found["search_seconds"] = time.perf_counter() - start
        listed = page.locator(".geomap-list-count").inner_text()
        found["search"] = (name, int(listed.split()[0].replace(",", "")), sum(e.place.name == name for e in in_march))

        key = "protest"
        label = f"{CATEGORIES[key].label} ({sum(e.category == key for e in events):,})"
        page.hover(".leaflet-control-layers")
        start = time.perf_counter()
        page.get_by_role("checkbox", name=label, exact=True).uncheck()
        found["toggle_seconds"] = time.perf_counter() - start
        found["toggle"] = (page.evaluate(in_cluster), expected - sum(e.category == key for e in in_march))
        start = time.perf_counter()
        page.get_by_role("checkbox", name="Heatmap of the shown events", exact=True).check()
        found["heatmap_seconds"] = time.perf_counter() - start
        found["heatmap_pixels"] = page.evaluate("""() => {
            const c = document.querySelector('canvas.geomap-heat');
            return c.getContext('2d').getImageData(0, 0, c.width, c.height).data.filter((v, i) => i % 4 === 3 && v)
                .length; }""")
        page.screenshot(path=str(path.with_suffix(".screenshot.png")))
        browser.close()
    return found


def _last_day(event: Event) -> dt.date:
    if event.time_precision == 2:
        return event.date + dt.timedelta(days=6)
    if event.time_precision == 3:
        following = (event.date.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return following - dt.timedelta(days=1)
    return event.date


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, metavar="HTML", help="write the map here and keep it")
    args = parser.parse_args()

    docs = synthetic_corpus(args.events)
    n = sum(len(doc.events) for doc in docs)
    with tempfile.TemporaryDirectory() as folder:
        path = args.keep or Path(folder) / "map.html"
        build_map([]).get_root().render()  # load Leaflet, the outlines and the templates, as any later map finds them

        start = time.perf_counter()
        save_map(build_map(docs, title=f"{n:,} synthetic events"), path)
        build_seconds = time.perf_counter() - start
        size_mb = path.stat().st_size / 1e6

        start = time.perf_counter()
        static_map(docs).save(path.with_suffix(".png"))
        png_seconds = time.perf_counter() - start

        found = open_in_chromium(path, docs)
    checks = {
        "HTML <= 20 MB": size_mb <= 20,
        "built in <= 5 s": build_seconds <= 5,
        "opens in <= 10 s": found["open_seconds"] <= 10,
        "no console errors, no requests": not found["errors"] and not found["requests"],
        "every event in the cluster": found["markers"] == n,
        "time filter": found["time_filter"][0] == found["time_filter"][1],
        "search finds the place's events": found["search"][1] >= found["search"][2] > 0,
        "category toggle": found["toggle"][0] == found["toggle"][1],
        "heatmap drawn": found["heatmap_pixels"] > 0,
    }
    print(f"events                {n:,} in {len(docs):,} articles")
    kept = f"  ({path}, .png, .screenshot.png)" if args.keep else ""
    print(f"HTML                  {size_mb:.1f} MB{kept}")
    print(f"build_map + save_map  {build_seconds:.2f} s")
    print(f"Chromium open         {found['open_seconds']:.2f} s (until every marker is in the cluster)")
    print(f"time filter (March)   {found['time_filter_seconds']:.2f} s per move; "
          f"{found['time_filter'][0]:,} shown, {found['time_filter'][1]:,} expected")
    print(f"search {found['search'][0]!r:14} {found['search_seconds']:.2f} s; {found['search'][1]:,} found, "
          f"{found['search'][2]:,} at that place")
    print(f"category toggle       {found['toggle_seconds']:.2f} s; {found['toggle'][0]:,} shown, "
          f"{found['toggle'][1]:,} expected")
    print(f"heatmap on            {found['heatmap_seconds']:.2f} s; {found['heatmap_pixels']:,} pixels")
    print(f"PNG                   {png_seconds:.2f} s")
    for check, ok in checks.items():
        print(f"{'ok  ' if ok else 'FAIL'}  {check}")
    if found["errors"]:
        print("console errors:", *found["errors"][:5], sep="\n  ")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
