"""The small values passed between pipeline stages: a place, a mention, a sentence, an event, a document."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from operator import attrgetter


class _HashKept:
    __slots__ = ("_hash",)  # a value's hash, worked out when first asked for


@dataclass(frozen=True, slots=True, eq=False)
class Place(_HashKept):
    """A gazetteer entry: where a name points to. The gazetteer gives one object per place and the stages key dicts
    and sets by places and their mentions, so a place keeps its hash and is equal to itself without comparing fields
    (the same hash and equality as a frozen dataclass's, at a third of the cost)."""

    name: str
    lat: float
    lon: float
    country_code: str  # ISO 3166-1 alpha-2; "" for regions spanning countries ("Middle East")
    kind: str  # "continent", "region", "country", "admin1", "admin2", "island", "district", "city"
    geonameid: int | None = None
    population: int = 0
    admin1: str = ""  # ISO 3166-2 code of the first-level subdivision, when known
    source: str = ""  # "geonames", "countryinfo", "iso3166-2", "curated"

    @property
    def geo_precision(self) -> int:
        """ACLED-style precision of a point at this place: 1 town, 2 part of a town, 3 region, 4 country or wider."""
        return PRECISION_OF_KIND.get(self.kind, 3)

    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        return _place_values(self) == _place_values(other) if other.__class__ is self.__class__ else NotImplemented

    def __hash__(self) -> int:
        try:
            return self._hash
        except AttributeError:
            value = hash(_place_values(self))
            object.__setattr__(self, "_hash", value)
            return value


# every field in order: what a place's equality and hash compare
_place_values = attrgetter(*Place.__match_args__)


PRECISION_OF_KIND = {"city": 1, "district": 2, "admin2": 2, "admin1": 3, "island": 3, "region": 3, "country": 4, "continent": 4}


@dataclass(frozen=True, slots=True)
class Actor:
    """A name that is never a place but may act in events: an organisation, armed group, force or person."""

    name: str
    type: str  # ACLED actor type ("state forces", "rebel group", "external/other", ...) or "person"
    country_code: str  # where the actor is based, "" when it is international


@dataclass(frozen=True, slots=True)
class ActorMention:
    start: int
    end: int
    text: str
    actor: Actor


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    boilerplate: bool = False  # "Baca juga: ...", "ADVERTISEMENT": read past, never coded
    heading: bool = False  # the article's title line: its places count, its events are told again below


@dataclass(frozen=True, slots=True)
class Mention:
    """A place name in the text, with character offsets into the document and the place it resolved to."""

    start: int
    end: int
    text: str
    place: Place | None = None
    usage: str = "place"  # "place": where; "people": a demonym ("Israeli"); "actor": the name stands for a state,
    # its government, army or team ("Israel said", "militer Israel", "Washington berharap")
    within: bool = False  # the name is in no gazetteer: `place` is the town (else state, country) the text puts it in


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened somewhere, as a careful coder would record it, with the sentence it came from."""

    category: str  # a key of geomap.categories.CATEGORIES
    place: Place
    place_role: str  # "location", "target", "origin", "scene" (inherited), "residence" (country of a person)
    mention: Mention | None  # the mention the event is placed at; None when inferred
    date: dt.date | None
    time_precision: int  # 1 day, 2 week, 3 month (ACLED)
    geo_precision: int  # 1 town, 2 part of a town or near it, 3 region, 4 country
    actors: tuple[str, ...]  # actor1 first
    fatalities: int | None  # None: the text says nothing of deaths
    sentence: Sentence
    trigger: str = ""  # the words that made it this category
    origin: Place | None = None  # where a strike came from, when the text says
    evidence: tuple[Sentence, ...] = ()  # every sentence reporting this event, the first included
    sub_type: str = ""  # a key of the category's sub-types ("drone strike", "suicide bomb", "flood")
    injured: int | None = None  # None: the text says nothing of injuries
    actor_types: tuple[str, ...] = ()  # ACLED actor type of each actor, in the same order

    @property
    def actor1(self) -> str:
        return self.actors[0] if self.actors else ""

    @property
    def actor2(self) -> str:
        return self.actors[1] if len(self.actors) > 1 else ""


@dataclass(frozen=True, slots=True)
class Statement:
    """Words about an event that did not happen as such: a threat, warning, denial, hope, plan, question or
    condition ("Iran mengancam akan membalas"). Recorded so a reader can see it, never mapped as an event."""

    kind: str  # "threat", "warning", "denial", "hope", "plan", "question", "condition"
    category: str  # the event category it speaks of
    cue: str  # the words that make it a statement ("mengancam akan", "if")
    sentence: Sentence


@dataclass(slots=True)
class Document:
    """One article and everything the pipeline found in it."""

    text: str
    lang: str
    published: dt.date | None = None
    title: str = ""
    source: str = ""
    url: str = ""
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    actors: tuple[ActorMention, ...] = ()
    events: tuple[Event, ...] = ()
    statements: tuple[Statement, ...] = ()
    name: str = field(default="")  # a short name for the article (its file stem), used in outputs
