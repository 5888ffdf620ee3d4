"""Known script-injection payloads in every string a map shows (article text around place names, titles, links,
source names, actor and place names, the map's title), opened in headless Chromium with the network cut: no payload
runs (no dialog, no call, no request, no console error), no link leads anywhere but http(s), and every payload is
still there for the reader, as text."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys

import pytest

from test_map_browser import READY, OpenedMap, sync_api  # noqa: F401  (skips the module without Chromium)

import geomap
from geomap.maps import build_map, embed_html, save_map

# Each payload calls window.__xss (or alert) with its own name when it runs, or asks for http://evil.example.
PAYLOADS = [
    "<script>window.__xss('script')</script>",
    "<img src=x onerror=window.__xss('img')>",
    "<IMG SRC=x OnErRoR=alert('img-case')>",
    '"><img src=x onerror=window.__xss("attribute-double")>',
    "'><svg onload=window.__xss('attribute-single')>",
    "<svg><script>window.__xss('svg-script')</script></svg>",
    "<svg/onload=alert('svg-slash')>",
    "</script><script>window.__xss('close-script')</script>",
    "</title><script>window.__xss('close-title')</script>",
    "</textarea></style></noscript><script>window.__xss('close-others')</script>",
    "<iframe srcdoc=\"<script>parent.__xss('iframe')</script>\"></iframe>",
    "<a href=javascript:window.__xss('href')>click</a>",
    "<body onload=window.__xss('body')>",
    "<details open ontoggle=window.__xss('toggle')>",
    "<input autofocus onfocus=window.__xss('focus')>",
    "<object data=javascript:window.__xss('object')></object>",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss('mutation')>",
    "<!--<img src=x onerror=window.__xss('comment')>-->",
    "&lt;img src=x onerror=window.__xss('entity')&gt; &amp; &#60;script&#62;",
    "${window.__xss('template')}",
    "`;window.__xss('backtick');`",
    "\\\";window.__xss('escaped-quote');//",
    "{{constructor.constructor(\"window.__xss('template-engine')\")()}}",
    "\u2028\u2029</script><script>window.__xss('line-separators')</script>",
    "<style>@import 'http://evil.example/import.css';</style>",
    "<link rel=stylesheet href=http://evil.example/link.css>",
    "<img src=http://evil.example/pixel.png>",
    "<meta http-equiv=refresh content=\"0;url=javascript:window.__xss('meta')\">",
    "<base href=http://evil.example/>",
    "\u202e<b>right-to-left</b>\u202c ﺍﻟﻘﺪﺱ <i>עברית</i>",
]
URLS = [
    "javascript:window.__xss('url')",
    " JaVaScRiPt:window.__xss('url-case')",
    "java\tscript:window.__xss('url-tab')",
    "data:text/html,<script>window.__xss('data-url')</script>",
    "vbscript:msgbox('vb')",
    "//evil.example/protocol-relative",
    "https://example.org/a\"><script>window.__xss('url-quote')</script>",
    "http://example.org/?q=<img src=x onerror=window.__xss('url-query')>",
]
ARTICLES = [  # place names among the payloads, so they reach popups, the list and the evidence; each its own place
    "{p} Israeli airstrikes on Rafah killed five people on Monday, the health ministry said. {p}",
    "{p} Hezbollah fired rockets at Haifa on Monday, the Israeli army said. {p}",
    "{p} Israeli warplanes carried out airstrikes on Nabatieh on Tuesday, killing three people, the ministry said. {p}",
    "{p} Thousands of protesters rallied in London on Saturday to demand a ceasefire. {p}",
    "{p} Hundreds of protesters rallied in Paris on Sunday to demand a ceasefire. {p}",
    "Banjir merendam ratusan rumah di Bekasi{p}, Jawa Barat, pada Sabtu. Warga mengungsi ke masjid dan sekolah yang "
    "ada di sekitar lokasi itu.",
    "Gempa bumi mengguncang Cianjur{p}, Jawa Barat, pada Senin dan merusak ratusan rumah warga di desa itu.",
    "Polisi menangkap dua orang di Surabaya{p} pada Selasa karena diduga mengedarkan narkoba di kota itu.",
]
RECORD = """() => {
    window.__xssed = [];
    window.__xss = (name) => window.__xssed.push(name);
}"""


class HostileMap(OpenedMap):
    """A saved map opened with window.__xss recording any payload that runs, and dialogs recorded and dismissed."""

    def __init__(self, browser, path):
        self.url = path.resolve().as_uri()
        self.serve, self.errors, self.requests, self.dialogs = {}, [], [], []
        self.page = browser.new_page(viewport={"width": 1200, "height": 800})
        self.page.add_init_script(f"({RECORD})()")
        self.page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.route("**/*", self._only_the_file)
        self.page.goto(self.url)
        self.page.wait_for_selector(READY, state="attached", timeout=10_000)
        self.map_id = self.page.eval_on_selector(".folium-map", "element => element.id")

    def touch_everything(self) -> list[str]:
        """Open every marker's tooltip and popup (as a hover and a click on it do) and every flow's tooltip, click
        the first event in the list, open the sources, search; the popups' text."""
        popups = self.js("""cluster.getLayers().map((marker) => {
            cluster.fire("mouseover", {layer: marker});
            cluster.fire("click", {layer: marker});
            const text = document.querySelector(".leaflet-popup-content").textContent;
            map.closePopup();
            return text;
        })""")
        self.js("""map.eachLayer((layer) => {
            if (layer.getTooltip && layer.getTooltip() && /geomap-flow/.test(layer.options.className)) {
                layer.openTooltip();
            }
        })""")
        self.page.locator(".geomap-item").first.click()
        self.page.locator(".leaflet-popup-content").wait_for()
        self.page.locator(".geomap-sources summary").click()
        self.page.locator(".geomap-search").fill("script")
        self.page.locator(".geomap-search").fill("")
        self.page.wait_for_timeout(300)
        return popups

    def ran(self) -> list:
        return self.page.evaluate("window.__xssed") + self.dialogs

    def text(self, selector: str) -> str:
        return self.page.eval_on_selector_all(selector, "nodes => nodes.map((n) => n.textContent).join('\\n')")

    def link_schemes(self) -> set[str]:
        """The schemes of every link on the page, but Leaflet's own to its controls ("#close")."""
        return set(self.page.eval_on_selector_all(
            "a[href]", "links => links.filter((a) => !a.getAttribute('href').startsWith('#')).map((a) => a.protocol)"))


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        yield browser
        browser.close()


def test_payloads_in_every_input_field_of_the_command_stay_text(browser, tmp_path):
    corpus = tmp_path / "hostile.jsonl"
    with corpus.open("w", encoding="utf-8") as f:
        for i, payload in enumerate(PAYLOADS):
            f.write(json.dumps({"text": ARTICLES[i % len(ARTICLES)].format(p=payload), "title": payload,
                                "source": payload, "url": URLS[i % len(URLS)], "date": "2024-10-21"}) + "\n")
    title = PAYLOADS[7] + PAYLOADS[1]
    r = subprocess.run([sys.executable, "-m", "geomap", "map", str(corpus), "-o", str(tmp_path / "hostile.html"),
                        "--title", title, "--embed"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    opened = HostileMap(browser, tmp_path / "hostile.html")
    popups = opened.touch_everything()
    assert opened.ran() == [] and opened.requests == [] and opened.errors == []
    assert opened.link_schemes() <= {"http:", "https:"}
    assert opened.page.title() == title and opened.text(".geomap-title h1") == title
    sources, listed = opened.text(".geomap-sources"), opened.text(".geomap-events")
    assert all(payload.strip() in sources for payload in PAYLOADS)  # as titles and as source names
    sentences = [f["properties"]["notes"] for f in json.loads((tmp_path / "hostile.geojson").read_text())["features"]]
    assert all(sentence in listed for sentence in sentences) and len(popups) == len(sentences)
    assert all(sum(sentence in text for text in popups) >= 1 for sentence in sentences)
    assert sum(any(payload.strip() in sentence for sentence in sentences) for payload in PAYLOADS) > len(PAYLOADS) * 0.8
    assert {a.get_attribute("href") for a in opened.page.locator(".geomap-sources a").all()} == {URLS[6], URLS[7]}
    opened.close()

    fragment = (tmp_path / "hostile.embed.html").read_text(encoding="utf-8")
    page = browser.new_page()
    page.add_init_script(f"({RECORD})()")  # in the map's frame
    requests, errors, dialogs = [], [], []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.route("**/*", lambda route: (requests.append(route.request.url), route.abort()))
    page.set_content(f"<h1>A report</h1>{fragment}")
    frame = page.frame_locator("iframe")
    frame.locator(READY).wait_for(state="attached")
    assert frame.locator(".geomap-title h1").text_content() == title
    assert page.locator("iframe").get_attribute("title") == title
    assert page.frames[1].evaluate("window.__xssed") == [] and dialogs == [] and requests == [] and errors == []
    page.close()


def hostile_documents() -> list[geomap.Document]:
    """Parsed articles whose places, actors and flows' origins are then named by payloads, four to an event, as a
    caller of the Python API may name them; each event a degree from the last, so none hides another."""
    docs = []
    for k in range(0, len(PAYLOADS), 4):
        place, actor1, actor2, origin = (PAYLOADS + PAYLOADS)[k:k + 4]
        doc = geomap.parse(ARTICLES[0].format(p=place), lang="en", title=actor1, source=actor2, url=URLS[k % len(URLS)],
                           name=origin)
        doc.events = tuple(dataclasses.replace(
            event, actors=(actor1, actor2), place=dataclasses.replace(event.place, name=place, lat=k / 4),
            origin=dataclasses.replace(event.place, name=origin, lat=k / 4 + 0.5, lon=event.place.lon + 1))
            for event in doc.events)
        docs.append(doc)
    return docs


def test_payloads_as_actor_place_and_origin_names_stay_text(browser, tmp_path):
    docs = hostile_documents()
    assert all(doc.events for doc in docs)
    save_map(build_map(docs), tmp_path / "api.html")
    opened = HostileMap(browser, tmp_path / "api.html")
    popups = opened.touch_everything()
    assert opened.ran() == [] and opened.requests == [] and opened.errors == []
    assert opened.link_schemes() <= {"http:", "https:"}
    for doc in docs:
        (event,) = doc.events
        assert sum(f" · {event.place.name} (" in text and f"Actors: {doc.title}, {doc.source}" in text and
                   f"From: {doc.name}Actors" in text and event.sentence.text in text for text in popups) == 1
    tooltips = opened.text(".leaflet-tooltip")
    assert all(f"{doc.name} → {doc.events[0].place.name} · Airstrike / drone strike" in tooltips for doc in docs)
    assert opened.ran() == [] and opened.errors == []
    opened.close()


def test_no_input_string_adds_markup_to_the_page():
    """The page's markup is the same whatever the strings: each "<" of a payload arrives escaped or packed."""
    docs = hostile_documents()
    page = build_map(docs, title=PAYLOADS[7]).get_root().render()
    plain = [dataclasses.replace(doc) for doc in docs]
    for doc in plain:
        doc.title = doc.source = doc.name = "x"
        doc.events = tuple(dataclasses.replace(e, actors=("x", "y"), place=dataclasses.replace(e.place, name="x"),
                                               origin=dataclasses.replace(e.origin, name="y")) for e in doc.events)
    tags = re.compile(r"<[a-zA-Z/!]")
    assert len(tags.findall(page)) == len(tags.findall(build_map(plain, title="x").get_root().render()))
    assert "evil.example" not in page  # packed, not in the markup
    assert len(tags.findall(embed_html(build_map(docs, title=PAYLOADS[7])))) == 2  # <iframe></iframe>; all else escaped
