"""A generated corpus of short news articles for corpus-mode runs: Indonesian and English sentences written for this
project, about floods, quakes, protests, arrests, strikes, accidents and visits at places drawn from geomap's
gazetteer (towns by population, Indonesian ones for Indonesian articles), each filed from a city of the same country
near its story (its dateline). Some stories are reported by two or three articles on the same day, so the store has
events to merge. Written as JSON Lines, ARTICLES_PER_FILE to a file,
streaming: a million articles take no more memory than ten.

    python benchmarks/make_corpus.py output/corpus --articles 100000 --examples
    geomap map output/corpus/
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import random
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from geomap.cli import bundled_examples
from geomap.gazetteer import distance_km
from geomap.pipeline import default_gazetteer

ARTICLES_PER_FILE = 10_000
FIRST_DAY, DAYS = dt.date(2025, 1, 1), 365
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
DAYS_ID = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
# (category, headline, sentence): {p} a place, {n} a count, {m} a magnitude
EVENTS = {
    "id": [
        ("disaster", "Banjir Rendam {p}",
         "Banjir merendam ratusan rumah di {p} setelah hujan deras mengguyur sejak malam."),
        ("disaster", "Gempa Guncang {p}",
         "Gempa bumi bermagnitudo {m} yang mengguncang {p} pada pagi itu merusak puluhan rumah warga."),
        ("disaster", "Longsor di {p}", "Tanah longsor menimbun {n} rumah warga di {p} setelah hujan turun semalaman."),
        ("protest", "Mahasiswa Unjuk Rasa di {p}",
         "Ribuan mahasiswa menggelar unjuk rasa di depan gedung DPRD di {p}."),
        ("protest", "Buruh Demo di {p}", "Ratusan buruh berdemonstrasi di {p} menuntut kenaikan upah minimum."),
        ("arrest", "Polisi Tangkap {n} Orang di {p}", "Polisi menangkap {n} orang di {p} setelah kericuhan pecah."),
        ("accident", "Bus Masuk Jurang di {p}", "Sebuah bus terjun ke jurang di {p} dan menewaskan {n} penumpang."),
        ("diplomacy", "Presiden Kunjungi {p}", "Presiden melakukan kunjungan kerja ke {p} untuk meninjau pelabuhan."),
    ],
    "en": [
        ("disaster", "Floods Swamp {p}", "Floods swamped hundreds of homes in {p} after days of heavy rain."),
        ("disaster", "Quake Hits {p}", "A magnitude {m} earthquake struck {p}, damaging dozens of houses."),
        ("protest", "Thousands Protest in {p}", "Thousands of people protested in {p} against rising fuel prices."),
        ("arrest", "Police Arrest {n} in {p}", "Police arrested {n} people in {p} after clashes broke out."),
        ("airstrike", "Airstrike Hits {p}", "An airstrike hit a residential building in {p}, killing {n} people."),
        ("accident", "Bus Crash Near {p}", "A bus plunged into a ravine near {p}, killing {n} passengers."),
        ("diplomacy", "Minister Visits {p}", "The foreign minister visited {p} for talks with regional leaders."),
    ],
}
FILLERS = {
    "id": ["Warga diminta tetap waspada.", "Petugas masih mendata kerugian.", "Aparat berjaga hingga malam hari.",
           "Baca juga: Cuaca Cerah Diprediksi Sepanjang Pekan"],
    "en": ["Residents were urged to remain cautious.", "Officials were still assessing the damage.",
           "Security forces stayed on guard into the night.", "The report was updated with further details."],
}
DATELINE_KM = 300  # a story is filed from a city near it
DATELINE_CANDIDATES = 200  # of each country's most populous towns
SOURCES = {"id": ["Kabar Nusantara", "Warta Kota Contoh"], "en": ["Example Wire", "Sample Daily"]}


class Town(NamedTuple):
    name: str
    country: str
    lat: float
    lon: float


def places() -> dict[str, list[Town]]:
    """Towns by language of the articles, one per name (the most populous): Indonesian towns for "id", towns anywhere
    for "en"."""
    ix = default_gazetteer().index
    towns = sorted((i for i, kind in enumerate(ix.kind) if kind == "city" and ix.population[i] >= 20000),
                   key=lambda i: -ix.population[i])
    by_name: dict[str, Town] = {}
    for i in towns:
        by_name.setdefault(ix.names[i], Town(ix.names[i], ix.country[i], ix.lat[i], ix.lon[i]))
    return {"id": [by_name[name] for name in sorted(by_name) if by_name[name].country == "ID"],
            "en": [by_name[name] for name in sorted(by_name) if name.isascii()]}


def dateline_towns() -> dict[str, list[Town]]:
    """Each country's DATELINE_CANDIDATES most populous towns, most populous first: the cities correspondents file
    from."""
    ix = default_gazetteer().index
    towns: dict[str, list[Town]] = {}
    for i in sorted((i for i, kind in enumerate(ix.kind) if kind == "city" and ix.population[i] >= 20000),
                    key=lambda i: -ix.population[i]):
        kept = towns.setdefault(ix.country[i], [])
        if len(kept) < DATELINE_CANDIDATES and ix.names[i].isascii():
            kept.append(Town(ix.names[i], ix.country[i], ix.lat[i], ix.lon[i]))
    return towns


def articles(n: int, seed: int = 6) -> Iterator[dict]:
    """n article records; a story (what, where, which day) is told by one to three articles."""
    rng = random.Random(seed)
    names = places()
    datelines = functools.cache(functools.partial(_dateline_cities, dateline_towns()))
    made = 0
    while made < n:
        lang = "id" if rng.random() < 0.5 else "en"
        _, headline, sentence = rng.choice(EVENTS[lang])
        place, count, magnitude = rng.choice(names[lang]), rng.randrange(2, 40), f"{rng.uniform(4, 7):.1f}"
        day = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
        for _ in range(min(rng.choice((1, 1, 1, 2, 3)), n - made)):
            made += 1
            yield _article(made, lang, rng, day, headline, sentence, place, count, magnitude, names,
                           datelines(place))


def _dateline_cities(towns: dict[str, list[Town]], place: Town) -> tuple[str, ...]:
    """Where a story at the place is filed from: the most populous towns of its country within DATELINE_KM, else the
    place itself, never a city of another country (events.py rightly reads a place far from all the others an article
    names as a misreading, and the events would land at the dateline)."""
    near = [town.name for town in towns.get(place.country, [])
            if distance_km(town.lat, town.lon, place.lat, place.lon) <= DATELINE_KM]
    return tuple(near[:3]) or (place.name,)


def _article(number: int, lang: str, rng: random.Random, day: dt.date, headline: str, sentence: str, place: Town,
             count: int, magnitude: str, names: dict[str, list[Town]], cities: tuple[str, ...]) -> dict:
    fill = {"p": place.name, "n": count, "m": magnitude.replace(".", ",") if lang == "id" else magnitude}
    city = rng.choice(cities).upper()
    if lang == "id":
        dateline = f"{city}, {DAYS_ID[day.weekday()]} ({day.day}/{day.month}/{day.year}) - "
    else:
        dateline = f"{city}, {MONTHS_EN[day.month - 1]} {day.day} - "
    lines = [headline.format(**fill), dateline + sentence.format(**fill)]
    fillers = rng.sample(FILLERS[lang], 3)
    for filler in fillers[:rng.randrange(1, 4)]:  # a second event elsewhere, or words about nothing
        if rng.random() < 0.4:
            _, _, other = rng.choice(EVENTS[lang])
            lines.append(other.format(p=rng.choice(names[lang]).name, n=rng.randrange(2, 40), m=fill["m"]))
        else:
            lines.append(filler)
    record = {"text": "\n".join(lines), "title": lines[0], "url": f"https://news.example/{lang}/{number}",
              "source": rng.choice(SOURCES[lang])}
    if rng.random() < 0.7:  # the others are dated by their dateline
        record["date"] = day.isoformat()
    record["language"] = lang  # as feeds say: detection is for articles that come without (short ones can fail)
    return record


def write(folder: Path, n: int, *, examples: bool = False, seed: int = 6) -> int:
    """The corpus as folder/generated-0001.jsonl...; with examples, geomap's bundled articles beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    out = None
    for i, record in enumerate(articles(n, seed)):
        if i % ARTICLES_PER_FILE == 0:
            if out:
                out.close()
            out = (folder / f"generated-{i // ARTICLES_PER_FILE + 1:04d}.jsonl").open("w", encoding="utf-8")
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    if out:
        out.close()
    if examples:
        for path in bundled_examples():
            shutil.copy(path, folder / path.name)
    return n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--examples", action="store_true", help="copy the bundled example articles beside them")
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    write(args.folder, args.articles, examples=args.examples, seed=args.seed)
    print(f"{args.articles:,} articles in {args.folder}")


if __name__ == "__main__":
    main()
