"""The README's pictures, made from the bundled examples with the network off:

    docs/img/map.png       the HTML map in headless Chromium over the Levant, an event picked from the list
    docs/img/map_png.png   what `geomap map --png` draws

    python docs/screenshots.py
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

import geomap
from geomap.cli import bundled_examples
from geomap.maps import build_map, save_map
from geomap.static_map import static_map

IMAGES = Path(__file__).resolve().parent / "img"
TITLE = "geomap's bundled examples"
LEVANT = [32.45, 35.3]  # with zoom 8: an airstrike and a rocket attack clustered in Lebanon, the rocket's arc from
PICK = "Amman"  # southern Lebanon, an attack in Khan Younis and the visit to Amman, whose popup is open


def main() -> None:
    docs = [geomap.parse(path.read_text(encoding="utf-8"), name=path.stem) for path in bundled_examples()]
    IMAGES.mkdir(parents=True, exist_ok=True)
    static_map(docs, title=TITLE).save(IMAGES / "map_png.png")
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        page_path = Path(folder) / "map.html"
        save_map(build_map(docs, title=TITLE), page_path)
        url = page_path.as_uri()
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 760})
        page.route("**/*", lambda route: route.continue_() if route.request.url == url else route.abort())
        page.goto(url)
        page.wait_for_selector("html[data-geomap=ready]", state="attached")
        map_id = page.eval_on_selector(".folium-map", "element => element.id")
        page.evaluate(f"window[{map_id!r}].setView({LEVANT}, 8, {{animate: false}})")
        page.locator(".geomap-item", has_text=PICK).click()
        page.locator(".leaflet-popup-content").wait_for()
        page.wait_for_timeout(600)  # the popup's pan
        page.screenshot(path=IMAGES / "map.png")
        browser.close()
    print(f"wrote {IMAGES / 'map.png'} and {IMAGES / 'map_png.png'}")


if __name__ == "__main__":
    main()
