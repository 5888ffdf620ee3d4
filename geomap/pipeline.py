"""parse(): text in, Document out, through the stages in order."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from geomap.document import ActorMention, Document, Mention, Sentence
from geomap.event_dates import article_date
from geomap.events import extract_events
from geomap.gazetteer import BLOCKED, LocalGazetteer
from geomap.language import UnsupportedLanguage, detect_language, supported_languages
from geomap.recognition import (AREA_WORDS, EN_AREA_ABBREVIATIONS, FEATURE_WORDS, Candidate, Reading,
                                at_word_boundaries, recase_lines, recognise, title_case_lines, title_case_sources)
from geomap.resolution import place_by_context, resolve
from geomap.sentences import split_sentences

TOWN = 2.0  # the rank of a town of 10,000: a name inside a longer one must be at least that to place it
# Words that name a kind of thing, not the place it is in: "Royal Street" is not in Street, Somerset.
# A street is named after a place, not in it: "Kingsley Road", "Atlantic Avenue" lie in the town the text is about.
STREET = re.compile(r"\b(?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Drive|Dr\.|Lane|Boulevard|Blvd\.?)$")
TOWN_SIDE = re.compile(r"\b(?:North|South|East|West)(?:ern)? Side$")
STATE_CODE = re.compile(r"[A-Z]{2,3}")
PART_OF_TOWN = re.compile(r"\b(?:Quarter|Square|Market|Town)$")  # named after a people, lies in a town
GENERIC = re.compile("|".join((FEATURE_WORDS["en"], AREA_WORDS["en"], r"College|Republic|School|University|Academy")))


@lru_cache(maxsize=1)
def default_gazetteer() -> LocalGazetteer:
    return LocalGazetteer()


def parse(text: str, *, lang: str | None = None, published: dt.date | None = None,
          spans: list[tuple[int, int]] | None = None, title: str = "", source: str = "", url: str = "",
          name: str = "", gazetteer: LocalGazetteer | None = None) -> Document:
    """Find the places in `text`, resolve them, and code the events.

    lang: "id" or "en" (detected when None). published: the article's date (else its dateline's), which
    anchors "hari Sabtu", "yesterday" and dates without a year. spans: resolve exactly these (start, end) spans instead of
    recognising names (bring your own NER).
    """
    gazetteer = gazetteer or default_gazetteer()
    if lang is None:
        lang = detect_language(text)
    elif lang not in supported_languages():
        raise UnsupportedLanguage(f"unknown language {lang!r}; geomap reads {', '.join(supported_languages())}")
    sentences = split_sentences(text)
    mentions, actors, reading = _locate(text, sentences, lang, spans, gazetteer)
    if reading is not None:
        mentions = _with_title_case_names(text, sentences, mentions, lang, gazetteer, reading)
    if published is None:
        published = article_date(sentences, lang)
    events, statements, mentions = extract_events(text, sentences, mentions, actors, lang, published, gazetteer)
    return Document(text=text, lang=lang, published=published, title=title, source=source, url=url,
                    sentences=sentences, mentions=tuple(mentions), actors=tuple(actors), events=tuple(events),
                    statements=tuple(statements), name=name)


def locate(text: str, lang: str, *, spans: list[tuple[int, int]] | None = None,
           gazetteer: LocalGazetteer | None = None) -> list[Mention]:
    """Only the place mentions of `text`, resolved: the geoparsing half of parse(), without events."""
    gazetteer = gazetteer or default_gazetteer()
    return _locate(text, split_sentences(text), lang, spans, gazetteer)[0]


def _given(text: str, start: int, end: int, gazetteer: LocalGazetteer) -> Candidate:
    """A span the caller says is a place: its gazetteer names, else the place it is a demonym of (one the
    gazetteer lists, or one read off the word: "Ohioans", "Dagestani"), else
    the strongest place named inside it ("Colorado State University", "Dubai World Cup", "Manila Cathedral"),
    unless it is a street."""
    name = " ".join(text[start:end].split())
    demonym = gazetteer.demonym_place(name)
    if demonym is not None:
        return Candidate(start, end, name, (demonym,), usage="people")
    found = gazetteer.candidates(name, any_case=True)
    if TOWN_SIDE.search(name):  # "North Side", "Upper East Side": part of the story's town, not Side, Turkey
        return Candidate(start, end, name, ())
    blocker = gazetteer.index.blockers.get(name)
    if blocker is not None and blocker.why == "demonym":  # "Arab" names people, not Arab, Alabama
        found = ()
    if not found and not name.endswith("."):  # "Calif", "N.Y": an abbreviation written without its last period
        found = gazetteer.candidates(name + ".")
    if STATE_CODE.fullmatch(name) and not gazetteer.candidates(name):  # "SC", "WA" (not Wa, Ghana): a state's
        found = gazetteer.states_coded(name) or found  # ISO 3166-2 code; the text says whose
    people = () if found else _people_of(name, gazetteer)
    if people:
        return Candidate(start, end, name, people, usage="people")
    for short, full in EN_AREA_ABBREVIATIONS.items():
        if not found and name.endswith(" " + short):  # "Platte Co."
            found = gazetteer.candidates(name[:-len(short)] + full, any_case=True)
    if not found:
        inside = []
        for last, value in gazetteer.automaton.iter_long(name):
            if value >= BLOCKED:
                continue
            inner, places, _ = gazetteer.entry(value)
            first = last + 1 - len(inner)
            strength = gazetteer.index.top_rank[value]  # the automaton value is the name's position
            if strength >= TOWN and not GENERIC.fullmatch(inner) and inner[0].isupper() \
                    and at_word_boundaries(name, first, last + 1):  # "Royal Street" is not in Street, Somerset
                inside.append((strength, len(inner), -first, places))
        if inside and not STREET.search(name):
            found = max(inside)[3]
        elif not inside and not STREET.search(name) and not PART_OF_TOWN.search(name):
            people = gazetteer.demonym_place(name.partition(" ")[0])  # "European Commission", not "French Quarter"
            found = () if people is None else (people,)
    return Candidate(start, end, name, tuple(found))


# Endings that make a word for a place's people, with what the place's name may end in instead: "Iowans" (Iowa),
# "Ohioans" (Ohio), "Ontarians" (Ontario), "Texan" (Texas), "Sicilian" (Sicily), "Dagestani" (Dagestan),
# "Kurdish" (Kurdistan).
PEOPLE_ENDINGS = (("ians", ("ia", "y", "")), ("ian", ("ia", "y", "")), ("ans", ("a", "o", "as", "")),
                  ("an", ("a", "o", "as", "")), ("is", ("",)), ("i", ("",)), ("ish", ("istan",)))
AREA_KINDS = {"country", "admin1", "region", "island"}


def _people_of(name: str, gazetteer: LocalGazetteer) -> tuple[int, ...]:
    """The country, state or region a word no list has names the people of: a listed demonym's plural ("Czechs"),
    or a place name with a demonym's ending. Towns are left out: "Riverbanks" is no people of Riverbank."""
    if name.endswith("s") and gazetteer.demonym_place(name[:-1]) is not None:
        return (gazetteer.demonym_place(name[:-1]),)
    for ending, replacements in PEOPLE_ENDINGS:
        if name.endswith(ending) and len(name) > len(ending) + 2:
            for replacement in replacements:
                place = name[:-len(ending)] + replacement
                found = tuple(p for p in gazetteer.candidates(place) if gazetteer.index.kind[p] in AREA_KINDS)
                if found:  # the project's own name for a place says what news means by it ("Kurdistan")
                    return tuple(p for p in found if gazetteer.curated(place, p)) or found
    return ()


def _state_or_country(candidate: Candidate, gazetteer: LocalGazetteer) -> bool:
    """Whether a name the text has besides the given spans is a state or country and nothing else: the rest of
    the text is context for the spans ("Georgia Bureau of Investigation" puts "Albany" in Georgia)."""
    kind = gazetteer.index.kind
    return bool(candidate.place_ids) and all(kind[p] in ("admin1", "country") for p in candidate.place_ids)


def _locate(text: str, sentences: tuple[Sentence, ...], lang: str, spans: list[tuple[int, int]] | None,
            gazetteer: LocalGazetteer) -> tuple[list[Mention], list[ActorMention], Reading | None]:
    """The resolved mentions, the actors, and what recognition read (None when the spans were given)."""
    reading = recognise(text, sentences, lang, gazetteer)
    if spans is not None:
        given = [_given(text, a, b, gazetteer) for a, b in sorted(spans)]
        context = [c for c in reading.candidates if _state_or_country(c, gazetteer)
                   and not any(c.start < b and a < c.end for a, b in spans)]
        keep = {(c.start, c.end) for c in given}
        resolved = resolve(text, sorted(given + context, key=lambda c: (c.start, c.end)), lang, gazetteer)
        return place_by_context([m for m in resolved if (m.start, m.end) in keep]), reading.actors, None
    return resolve(text, reading.candidates, lang, gazetteer), reading.actors, reading


def _with_title_case_names(text: str, sentences: tuple[Sentence, ...], mentions: list[Mention], lang: str,
                           gazetteer: LocalGazetteer, reading: Reading) -> list[Mention]:
    """The mentions with the places of title-case lines that the first reading lost (a name after a verb read as
    part of a longer name), found by reading those lines again cased as running text. Recognition reads again
    only what the recasing can change (`reading`: what it read the first time); resolution runs again, over the
    whole text's names as the first time, only when a title-case line has a new name that may be a place."""
    titled = title_case_lines(sentences)
    if not titled:
        return mentions
    placed = [(m.start, m.end) for m in mentions if m.place is not None]
    if all(any(a < y and x < b for x, y in placed) for a, b in title_case_sources(text, sentences, titled, reading,
                                                                                  lang, gazetteer)):
        return mentions  # every name the lines may place is placed already
    recased = recase_lines(text, titled, lang, gazetteer)

    def new(start: int, end: int) -> bool:
        return any(s.start <= start < s.end for s in titled) and not any(x < end and start < y for x, y in placed)

    found = recognise(recased, sentences, lang, gazetteer, reading).candidates
    if not any(c.place_ids and new(c.start, c.end) for c in found):
        return mentions
    again = resolve(recased, found, lang, gazetteer)
    extra = [Mention(m.start, m.end, text[m.start:m.end], m.place, m.usage) for m in again
             if m.place is not None and new(m.start, m.end)]
    unknown = [o for o in mentions if o.place is None and any(o.start < m.end and m.start < o.end for m in extra)]
    return sorted([m for m in mentions if m not in unknown] + extra, key=lambda m: m.start)  # "Pantai Yaman": Yaman
