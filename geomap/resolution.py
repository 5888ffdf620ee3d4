"""Choosing which place each name means, using the whole document.

Each candidate place gets a prior (kind, then population; capitals first), then evidence from the text:
a cue word before the name ("kota X", "provinsi X", "X county"), a container after it ("Paris, Texas"),
and agreement with the rest of the document (places cluster: the same or a neighbouring country).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple

from geomap.document import Mention
from geomap.gazetteer import LocalGazetteer, distance_km, fold
from geomap.recognition import Candidate
from geomap.regex import rx

# A word before the name that says what kind of place it is.
KIND_CUES = {
    "kota": {"city"}, "kotamadya": {"city"}, "city": {"city"}, "town": {"city"}, "desa": {"city"},
    "provinsi": {"admin1"}, "province": {"admin1"}, "state": {"admin1"}, "negara bagian": {"admin1"},
    "kabupaten": {"admin2", "city"}, "regency": {"admin2", "city"}, "county": {"admin2"},
    "pulau": {"island"}, "island": {"island"}, "negara": {"country"}, "country": {"country"},
    "region": {"admin1", "region"}, "oblast": {"admin1"}, "governorate": {"admin1"}, "prefecture": {"admin1"},
    "ibu kota": {"country", "admin1"}, "ibukota": {"country", "admin1"}, "capital of": {"country", "admin1"},
}
CUE_BEFORE = re.compile(r"(?i)\b(" + "|".join(sorted(KIND_CUES, key=len, reverse=True)) + r")\s+(?:of\s+)?$")
# The last words of the cues ("of" ends "capital of", and may follow any cue: "state of"): the word before a name
# must end in one for CUE_BEFORE to match (when it is ASCII: other letters may match under IGNORECASE, "K" for "k").
CUE_LAST_WORDS = tuple(sorted({cue.split()[-1] for cue in KIND_CUES} | {"of"}))
CUE_LEADING = re.compile(r"(?i)(" + "|".join(sorted(KIND_CUES, key=len, reverse=True)) + r")\s+")  # "Kota Bandung"
# A word after the name that says it is a state or province: "the Belgorod region", "Idlib province".
CUE_AFTER = re.compile(r"\s+(region|province|oblast|governorate|prefecture)\b")
LANGUAGE_COUNTRY = {"id": "ID"}  # a weak prior: Indonesian news is most often about Indonesia
CONTAINER_KINDS = {"country", "admin1", "admin2", "island", "region"}
AREA_KINDS = {"country", "continent", "region"}
SHADOWING_KINDS = AREA_KINDS | {"admin1"}  # a town named like one of these needs a pointer to it
STATE_MARGIN = 0.5
DWARFED = 20  # a town this many times smaller than a namesake in its country needs a place near it
LOCAL_KINDS = {"city", "admin2", "district"}
FURTHER_NAME = 1 / 6  # a country's weight for each further name vouching for it: a quarter point of its 1.5
# Degrees of latitude beyond which two places are more than 50 km apart (a great circle is at least the Earth's
# radius times the latitudes' difference), with a margin for rounding: nearer ones are measured.
SUPPORT_REACH = math.degrees(50 / 6371.0) * 1.001
ROUNDING = 1e-9  # more than sums of a few scores can differ by in the order they are added
LATITUDE_REACH = 2.001  # past 2 degrees of latitude a point is more than 200 km away: a margin for rounding
# The rest of a list of names that ends in "counties" ("Cooke, Grayson and Love counties"): each is a county.
# One capitalised word per repeat (two-word names are two repeats): a choice of one or two words made the
# engine try every split of a long run of capitalised words, seconds for one headline.
COUNTY_LIST_AFTER = re.compile(r"(?:,? (?:and |or |& )?[A-Z][\w'.-]*)* (?P<word>[Cc]ounties|[Pp]arishes)\b")
LIST_GOES_ON = re.compile(r" (?:and|or|&) [A-Z]")
LIST_WORD = re.compile(r" and | or | & ")
LIST_BEFORE = re.compile(r"(?: and| or| &|,) $")
AREA_WORD = re.compile(r"^(?:Kabupaten|Kab\.) | (?:County|Parish|Borough|Regency)$")  # places small enough for nearness to mean something


def resolve(text: str, candidates: list[Candidate], lang: str, gazetteer: LocalGazetteer) -> list[Mention]:
    """One Mention per candidate, with the place it most plausibly means (None when it has no candidate)."""
    if not candidates:
        return []
    facts = [_name_facts(c.text, c.place_ids, gazetteer) for c in candidates]
    names = [known.folded for known in facts]
    prior = [_with_cue(text, c, known, gazetteer) for c, known in zip(candidates, facts)]
    _add_containers(text, candidates, prior, gazetteer)
    _county_lists(text, candidates, prior, gazetteer)
    _short_forms(candidates, facts, prior, gazetteer)
    _one_sense_per_name(candidates, names, prior)
    _named_by_demonyms(candidates, prior, gazetteer)
    readings = [tuple(scores.items()) for scores in prior]
    shadowed: set[int] = set()
    for c, scores in zip(candidates, readings):
        if len(scores) > 1:  # a name with one reading shadows nothing
            shadowed.update(_out_of_sight(c.text, c.place_ids, scores, gazetteer))
    home = LANGUAGE_COUNTRY.get(lang)
    if home:
        for scores in prior:
            for pid in scores:
                if gazetteer.index.country[pid] == home:
                    scores[pid] += 0.3
        readings = [tuple(scores.items()) for scores in prior]
    # Context first from the names that have one reading only (a prior-only guess for an ambiguous name is no
    # evidence), then again from every name's better choice.
    chosen = [next(iter(scores)) if len(scores) == 1 else None for scores in prior]
    mutual = _mutual_support(candidates, names, gazetteer)
    # a name with the same readings and scores gets the same answer from the same evidence: decided once a round
    decisions: dict[tuple, int] = {}
    slots = [decisions.setdefault((name, scores), len(decisions)) if len(scores) > 1 else None
             for name, scores in zip(names, readings)]
    tables = [(name, _readings_table(scores, shadowed, mutual, gazetteer)) for name, scores in decisions]
    for _ in range(3):
        before, chosen = chosen, _with_context(names, slots, tables, chosen, gazetteer)
        if chosen == before:
            break
    return [Mention(c.start, c.end, c.text, gazetteer.place(pid) if pid is not None else None, c.usage)
            for c, pid in zip(candidates, chosen)]


# The kinds of place a name no gazetteer has is put in, finest first: its town, else its state, else its country.
CONTAINING_LEVELS = ({"city", "district", "admin2"}, {"admin1"}, {"country"})


def place_by_context(mentions: list[Mention]) -> list[Mention]:
    """Names known to be places that no gazetteer has ("Royal Street", "Alder Hey Children's Hospital", "Anfield")
    put where the text is: the town with the most mentions of places within 50 km of it (its own included; the
    bigger, then the first named, of equals), else the state named most, else the country.

    A news story's streets, buildings and neighbourhoods lie in the place it is about; the point is coarser
    than the name, so the mention is marked `within`. Counting the places around a town rather than its own
    mentions lets "Chicago" with "Park Ridge" and "Near North Side" outweigh a stray reading of "South Side";
    each town counts once, so London named three times does not outweigh Dublin with Swords and Dunshaughlin.
    """
    if not any(m.place is None and m.usage == "place" for m in mentions):
        return mentions
    named = [m for m in mentions if m.place is not None and m.usage == "place"]
    for kinds in CONTAINING_LEVELS:
        found = [m.place for m in named if m.place.kind in kinds]
        if found:
            around = {p: sum(abs(p.lat - q.lat) <= SUPPORT_REACH and distance_km(p.lat, p.lon, q.lat, q.lon) < 50
                             for q in found) for p in set(found)}
            container = max(around, key=lambda p: (around[p], p.population, -found.index(p)))
            return [replace(m, place=container, within=True) if m.place is None and m.usage == "place" else m
                    for m in mentions]
    return mentions


def _county_lists(text: str, candidates: list[Candidate], prior: list[dict[int, float]],
                  gazetteer: LocalGazetteer) -> None:
    """ "Cooke, Grayson and Love counties": each name of the list is the county of that name. A lone name before
    "counties", or a state's, is where the counties are ("Indiana counties", "Ohio and Indiana counties")."""
    if "ounties" not in text and "arishes" not in text:
        return
    ix = gazetteer.index
    for c, scores in zip(candidates, prior):
        after = COUNTY_LIST_AFTER.match(text, c.end)
        if after is None or any(ix.kind[p] in ("admin1", "country") for p in scores):
            continue
        if not LIST_WORD.search(after.group()) and not LIST_BEFORE.search(text, max(0, c.start - 6), c.start):
            continue
        word = "Parish" if after.group("word").lower() == "parishes" else "County"
        top = max(scores.values(), default=0.0)
        for pid in gazetteer.candidates(f"{c.text} {word}"):
            scores[pid] = max(scores.get(pid, 0.0), top + 3.0)


def _named_by_demonyms(candidates: list[Candidate], prior: list[dict[int, float]], gazetteer: LocalGazetteer
                       ) -> None:
    """A country whose people the text names is the likelier reading of its own name: "Georgian" makes "Georgia"
    the country, not the state ("Tunis" stays the city: it is no name of Tunisia's own)."""
    peoples = {pid for c in candidates if c.usage == "people" for pid in c.place_ids}
    if not peoples:
        return
    for c, scores in zip(candidates, prior):
        if len(scores) > 1:
            for pid in peoples.intersection(scores):
                if gazetteer.owns(c.text, pid):
                    scores[pid] += 1.0


def _short_forms(candidates: list[Candidate], facts: list[_NameFacts], prior: list[dict[int, float]],
                 gazetteer: LocalGazetteer) -> None:
    """ "Navarro" after "Navarro County" is that county: an area named in full lends itself to its short name."""
    ix = gazetteer.index
    areas: dict[str, set[int]] = {}
    for c, known in zip(candidates, facts):
        if known.short is not None:
            areas.setdefault(known.short, set()).update(p for p in c.place_ids if ix.kind[p] == "admin2")
    if not areas:
        return
    for known, scores in zip(facts, prior):
        for pid in areas.get(known.folded, ()):
            scores[pid] = max(scores.get(pid, 0.0), max(scores.values(), default=0.0) + 1.0)


def _short_name(name: str) -> str | None:
    """The short name of an area named in full ("Navarro County": "navarro", folded), None for other names."""
    short = AREA_WORD.sub("", name)
    return fold(short) if short != name else None


def _one_sense_per_name(candidates: list[Candidate], names: list[str], prior: list[dict[int, float]]) -> None:
    """A name means one place throughout a text: "PARIS, Tex." lends its Texas to every later "Paris"."""
    groups: dict[tuple, list[int]] = {}
    for i, (name, c) in enumerate(zip(names, candidates)):
        groups.setdefault((name, c.place_ids), []).append(i)
    for members in groups.values():
        if len(members) > 1:
            first = prior[members[0]]
            order = list(first)
            if all(prior[j] == first and list(prior[j]) == order for j in members[1:]):
                continue  # the same readings and scores in every mention already
            merged: dict[int, float] = {}
            for j in members:  # a cue may have added readings to one mention only ("Love counties")
                for pid, score in prior[j].items():
                    merged[pid] = max(merged.get(pid, score), score)
            for j in members:
                prior[j] = dict(merged)


@lru_cache(maxsize=8192)
def _out_of_sight(name: str, place_ids: tuple[int, ...], readings: tuple[tuple[int, float], ...],
                  gazetteer: LocalGazetteer) -> frozenset[int]:
    """The towns a name shadows or dwarfs, given its readings and their scores: the same wherever the name stands
    with the same scores, so worked out once."""
    scores = dict(readings)
    return frozenset(_shadowed(scores, _name_facts(name, place_ids, gazetteer).plain, gazetteer)
                     | _dwarfed(name, scores, gazetteer))


def _shadowed(scores: dict[int, float], plain: dict[int, float], gazetteer: LocalGazetteer) -> set[int]:
    """Towns that share their name with a bigger country, region or state ("China", Maine; "Palestine", Texas;
    "Florida", New York).

    They stay in the running only when the text points to them ("China, Maine") or another place named
    in the text lies within 50 km: same-country context alone must not turn a country into a village.
    """
    ix = gazetteer.index
    # a state must be clearly the bigger: the city of Haifa weighs as much as its district
    bars = [score - (STATE_MARGIN if ix.kind[pid] == "admin1" else 0.0) for pid, score in plain.items()
            if ix.kind[pid] in SHADOWING_KINDS]
    if not bars:
        return set()
    top = max(bars)
    return {pid for pid, score in scores.items()
            if ix.kind[pid] not in SHADOWING_KINDS and pid in plain and plain[pid] < top and score <= plain[pid]}


def _dwarfed(name: str, scores: dict[int, float], gazetteer: LocalGazetteer) -> set[int]:
    """Towns a twentieth the size of a town of the same name ("Louisville", Ohio; "Dallas", Oregon): news means
    the big one unless the text names a place near the small one; a state or country in common is not enough.
    Only towns whose own name it is count ("Salisbury" is Harare's old name)."""
    ix = gazetteer.index
    kind, population = ix.kind, ix.population
    towns = [pid for pid in scores if kind[pid] == "city" and population[pid] > 0 and gazetteer.owns(name, pid)]
    if len(towns) < 2:
        return set()
    country, biggest = ix.country, {}
    for pid in towns:
        if population[pid] > biggest.get(country[pid], 0):
            biggest[country[pid]] = population[pid]
    return {pid for pid in towns if population[pid] * DWARFED < biggest[country[pid]]}


class _NameFacts(NamedTuple):
    """What a name says wherever it stands (_name_facts)."""

    folded: str
    plain: dict[int, float]  # its plain scores (_plain_scores), shared: callers never change it
    leading_cue: set[str] | None  # the kinds of place the cue word it opens with names (_leading_cue)
    short: str | None  # its short name, for an area named in full (_short_name)


@lru_cache(maxsize=8192)
def _name_facts(name: str, place_ids: tuple[int, ...], gazetteer: LocalGazetteer) -> _NameFacts:
    """What a name says wherever it stands, worked out once per name and places."""
    return _NameFacts(fold(name), _plain_scores(name, place_ids, gazetteer), _leading_cue(name), _short_name(name))


def _plain_scores(name: str, place_ids: tuple[int, ...], gazetteer: LocalGazetteer) -> dict[int, float]:
    """Each reading of a name by its rank, less the doubt about an alternate name, plus the curated bonus (the
    project's own aliases say what a name means in the news: "Gaza" is the Strip, not Mozambique's Gaza)."""
    ix = gazetteer.index
    kind, rank = ix.kind, ix.rank
    owned = {pid for pid in place_ids if gazetteer.owns(name, pid)}
    doubts = _alternate_name_doubts(place_ids, owned, kind) if len(owned) < len(place_ids) else {}
    return {pid: rank[pid] - doubts.get(pid, 0.0) + (1.0 if gazetteer.curated(name, pid) else 0.0) for pid in place_ids}


def _alternate_name_doubts(place_ids: tuple[int, ...], owned: set[int], kind: list[str]) -> dict[int, float]:
    """The doubt about each place reached only by one of its alternate names, given the places whose own name it is.

    A town reached only by one of its alternate names ("Indiana" for Nanuque) is a weaker reading, and a much
    weaker one when a country or region bears the name as its own ("Mexico", not Mexico City); an area reached by
    another's own name is weaker too ("Norfolk" for Norfolk Island)."""
    town = 2.7 if any(kind[q] in AREA_KINDS for q in owned) else 0.7
    area = 1.0 if owned else 0.0
    return {pid: town if kind[pid] == "city" else area for pid in place_ids if pid not in owned}


def _with_cue(text: str, c: Candidate, known: _NameFacts, gazetteer: LocalGazetteer) -> dict[int, float]:
    """A cue word before the name ("kota X", "X County" aside) adds 3 to the kinds it names, takes 1 from others."""
    scores = known.plain
    cue = cue_before(text[max(0, c.start - 20): c.start])
    if cue is not None:
        kinds = KIND_CUES[cue.group(1).lower()]
    else:
        kinds = known.leading_cue
        if kinds is None:
            cue = CUE_AFTER.match(text, c.end)
            if cue is None:
                return dict(scores)
            kinds = KIND_CUES[cue.group(1).lower()]
    kind = gazetteer.index.kind
    return {pid: score + (3.0 if kind[pid] in kinds else -1.0) for pid, score in scores.items()}


def cue_before(before: str) -> re.Match | None:
    """CUE_BEFORE's match in the text before a name, searched for only when its last word ends in a cue's last word
    or is not ASCII (about one name in ten)."""
    words = before.rsplit(None, 1)
    if words and (not words[-1].isascii() or words[-1].lower().endswith(CUE_LAST_WORDS)):
        return CUE_BEFORE.search(before)
    return None


def _leading_cue(name: str) -> set[str] | None:
    """The kinds of place the cue word a name opens with names ("Kota Bandung"), None when it opens with none."""
    cue = CUE_LEADING.match(name)
    return None if cue is None else KIND_CUES[cue.group(1).lower()]


def _add_containers(text: str, candidates: list[Candidate], prior: list[dict[int, float]],
                    gazetteer: LocalGazetteer) -> None:
    """ "X, Y" where Y can contain X: favour the X inside Y (and Y as a container)."""
    ix = gazetteer.index
    for i in range(len(candidates) - 1):
        a, b = candidates[i], candidates[i + 1]
        if not text.startswith(",", a.end) or not rx(r",\s*").fullmatch(text[a.end: b.start]) \
                or LIST_GOES_ON.match(text, b.end):
            continue  # "Washington, New York and Boston" is a list, not Washington in New York
        containers = [q for q in b.place_ids if ix.kind[q] in CONTAINER_KINDS]
        for pid in a.place_ids:
            for q in containers:
                inside = ix.country[pid] == ix.country[q] and (
                    ix.kind[q] == "country" or (ix.admin1[pid] and ix.admin1[pid] == ix.admin1[q])
                    or distance_km(ix.lat[pid], ix.lon[pid], ix.lat[q], ix.lon[q]) < 250)
                if inside:
                    prior[i][pid] += 3.0
                    prior[i + 1][q] += 1.0


def _mutual_support(candidates: list[Candidate], names: list[str], gazetteer: LocalGazetteer) -> dict[int, float]:
    """For each town or county reading, support from another name that could be a place within 50 km of it,
    1.5 divided by how many readings that name has: "Paris" and "Henry County" agree on Tennessee.
    Candidates of the same name never support each other. Only readings in neighbouring cells of a degree are
    measured, and only pairs within 50 km of latitude, found by walking the readings in order of latitude."""
    ids: dict[str, tuple[int, ...]] = {}  # each name's readings
    for name, c in zip(names, candidates):
        known = ids.get(name)
        ids[name] = c.place_ids if known is None or known == c.place_ids else known + c.place_ids
    if len(ids) < 2:
        return {}
    towns = []
    for name, place_ids in ids.items():
        towns.extend(_towns(name, place_ids, gazetteer))
    towns.sort(key=itemgetter(0))
    support: dict[int, float] = {}
    for i, (lat, lon, cell, name, weight, decides, pid) in enumerate(towns):
        j = i + 1
        while j < len(towns) and towns[j][0] - lat <= SUPPORT_REACH:
            qlat, qlon, qcell, other, qweight, qdecides, q = towns[j]
            j += 1
            if other == name or abs(qcell - cell) > 1:
                continue
            if decides and qweight > support.get(pid, 0.0) and distance_km(lat, lon, qlat, qlon) < 50:
                support[pid] = qweight
            if qdecides and weight > support.get(q, 0.0) and distance_km(qlat, qlon, lat, lon) < 50:
                support[q] = weight
    return support


@lru_cache(maxsize=8192)
def _towns(name: str, place_ids: tuple[int, ...], gazetteer: LocalGazetteer) -> tuple[tuple, ...]:
    """A name's town and county readings, each once, as mutual support reads them: latitude, longitude, cell of a
    degree of longitude, the name, the support it lends (1.5 divided by their number), whether it has more than one
    to decide between, and the place id."""
    ix = gazetteer.index
    kind, lat, lon = ix.kind, ix.lat, ix.lon
    local = [q for q in dict.fromkeys(place_ids) if kind[q] in LOCAL_KINDS]
    if not local:
        return ()
    weight, decides = 1.5 / len(local), len(local) > 1
    return tuple([(lat[q], lon[q], int(lon[q] // 1), name, weight, decides, q) for q in local])


def _readings_table(readings: tuple[tuple[int, float], ...], shadowed: set[int], mutual: dict[int, float],
                    gazetteer: LocalGazetteer) -> list[tuple]:
    """A name's readings as the context rounds score them, worked out once a document: the most each can score
    before context (its score and mutual support), its place in the readings (the first of equals wins), place id,
    score, country, state, latitude (a town's or county's, else None), longitude, support and whether it is
    shadowed. Ordered by that most, so that a round can stop where no reading left could reach the best so far."""
    ix = gazetteer.index
    country, admin1, kind, lat, lon = ix.country, ix.admin1, ix.kind, ix.lat, ix.lon
    table = []
    for index, (pid, score) in enumerate(readings):
        support = mutual.get(pid, 0.0)
        local = kind[pid] in LOCAL_KINDS
        table.append((score + support, index, pid, score, country[pid], admin1[pid], lat[pid] if local else None,
                      lon[pid], support, pid in shadowed))
    table.sort(key=itemgetter(0), reverse=True)  # stable: the first of equals stays first
    return table


def _with_context(names: list[str], slots: list[int | None], tables: list[tuple[str, list]], chosen: list[int | None],
                  gazetteer: LocalGazetteer) -> list[int | None]:
    """Rescore each mention's candidates by agreement with the places chosen for the other names.

    A document's places cluster: the same country (+1.5, up to +2 when several names are in it for sure), a
    neighbouring one (+0.5), the same state or
    province (+1.5), and for towns and counties, nearness to the other places named (+1.5 within 50 km,
    +1 within 200 km). Other mentions of the same name do not vote. Each name with the same readings (its slot)
    is decided once from its table (_readings_table).
    """
    ix = gazetteer.index
    country, admin1, kind, lat, lon = ix.country, ix.admin1, ix.kind, ix.lat, ix.lon
    # an unambiguous name ("Minnesota") vouches fully for its state and country, a chosen reading half; each
    # vote once, where it was cast last (a place chosen several times weighs as its last vote)
    votes = [(names[j], pid, 1.0 if slots[j] is None else 0.5) for j, pid in enumerate(chosen) if pid is not None]
    votes = [(other, pid, weight, country[pid], admin1[pid], (lat[pid], lon[pid]) if kind[pid] in LOCAL_KINDS else None)
             for other, pid, weight in reversed(dict.fromkeys(reversed(votes)))]
    voters = {vote[0] for vote in votes}
    sure_names: dict[str, set[str]] = {}  # the names with one reading, by their country
    for other, _, weight, cc, _, _ in votes:
        if weight == 1.0 and cc:
            sure_names.setdefault(cc, set()).add(other)
    contexts: dict[str | None, tuple] = {}  # what the other names say: the same for every mention of a name, and
    # for every name that casts no vote (None), as in the first round
    answers = []
    for name, table in tables:
        voter = name if name in voters else None
        context = contexts.get(voter)
        if context is None:
            context = contexts[voter] = _context(name, votes, sure_names)
        answers.append(_best_reading(table, context, gazetteer))
    return [chosen[i] if slot is None else answers[slot] for i, slot in enumerate(slots)]


def _best_reading(table: list[tuple], context: tuple, gazetteer: LocalGazetteer) -> int | None:
    """The reading that scores best in a context (the first of equals), None when every one is shadowed."""
    countries, states, points, latitudes, south, north, by_country, most = context
    best, best_score, best_index = None, -math.inf, 0
    for ceiling, index, pid, score, cc, state, lat, lon, support, hidden in table:
        if ceiling + most < best_score - ROUNDING:
            break  # the readings are in order of their ceiling: none left can reach the best
        bonus = by_country.get(cc)
        if bonus is None:
            bonus = by_country[cc] = _country_bonus(cc, countries, gazetteer)
        score += bonus
        if state in states:
            score += 1.5 * states[state]
        if lat is not None and south <= lat <= north:
            if score + 1.5 + support < best_score:
                continue  # however near, no better than the best so far
            nearest = _nearest_km(lat, lon, points, latitudes)
        else:
            nearest = math.inf
        if hidden and nearest >= 50:
            continue
        score += 1.5 if nearest < 50 else 1.0 if nearest < 200 else 0.0
        score += support
        if score > best_score or score == best_score and index < best_index:
            best, best_score, best_index = pid, score, index
    return best


def _country_bonus(cc: str, countries: dict[str, float], gazetteer: LocalGazetteer) -> float:
    """A reading in a country the other names vouch for gains 1.5 times the vote, one in a neighbour 0.5."""
    if cc in countries:
        return 1.5 * countries[cc]
    facts = gazetteer.country(cc)
    return 0.5 if facts and not countries.keys().isdisjoint(facts["neighbours"]) else 0.0


def _context(name: str, votes: list[tuple[str, int, float, str, str, tuple[float, float] | None]],
             sure_names: dict[str, set[str]]
             ) -> tuple[dict[str, float], dict[str, float], list[tuple[float, float]], list[float], float, float,
                        dict[str, float], float]:
    """What the places chosen for the other names vouch for: countries and states with their weight (the
    strongest vote; a country more for each of two further names with one reading in it, so that a text naming
    Hampshire, Leicestershire and the UK keeps "Kent" in England against a Kent and a Fife that lie together in
    Washington), and where their towns and counties lie (by latitude, with their latitudes, and how far south and
    north a reading may lie to be within 2 degrees of latitude of one). A place chosen several times weighs as its
    last vote. The dict after them is for each country's bonus (_country_bonus), filled as readings ask; last, the
    most a reading can gain from all of it. Each vote: the name, the place, its weight, country, state and point
    (for a town or county); sure_names: the names with one reading, by their country."""
    sure = {vote[1]: vote for vote in votes if vote[0] != name}
    countries: dict[str, float] = {}
    states: dict[str, float] = {}
    points = []
    for _, _, weight, cc, state, point in sure.values():
        if cc and weight > countries.get(cc, 0.0):
            countries[cc] = weight
        if state and weight > states.get(state, 0.0):
            states[state] = weight
        if point:
            points.append(point)
    points.sort()
    for cc, others in sure_names.items():
        further = len(others) - (name in others) - 1  # the other names in it beyond the first
        if further > 0:
            countries[cc] += FURTHER_NAME * min(further, 2)
    most = 1.5 * (max(countries.values(), default=0.0) + max(states.values(), default=0.0) + (1.0 if points else 0.0))
    latitudes = [plat for plat, _ in points]
    south, north = (latitudes[0] - LATITUDE_REACH, latitudes[-1] + LATITUDE_REACH) if points else (math.inf, -math.inf)
    return countries, states, points, latitudes, south, north, {}, most


def _nearest_km(lat: float, lon: float, points: list[tuple[float, float]], latitudes: list[float]) -> float:
    """Distance to the nearest point, or inf past 200 km (all the context scoring needs to know). The points are
    sorted by latitude: only those within 2 degrees of it are looked at."""
    nearest = math.inf
    reach = 0.0  # degrees of longitude that make 2 degrees of latitude here, worked out for the first point near
    for i in range(bisect_left(latitudes, lat - LATITUDE_REACH), bisect_right(latitudes, lat + LATITUDE_REACH)):
        plat, plon = points[i]
        if abs(plat - lat) < 2.0:
            if not reach:
                reach = 2.0 / max(0.05, math.cos(math.radians(lat)))
            if abs(plon - lon) < reach:
                found = distance_km(lat, lon, plat, plon)
                if found < nearest:
                    nearest = found
    return nearest
