"""What happened where and when: events from sentences, places, actors and dates, coded as ACLED's coders would.

Per sentence: find the trigger words of each category (gazetteer/event_triggers.tsv, Indonesian affixes from
roots); a weapon in the trigger's clause makes a plain attack a missile, drone or bomb strike. A trigger
under a threat, warning, denial, hope, plan, question or condition ("Iran mengancam akan membalas",
"if Hezbollah fires again") becomes a Statement, never an event; sports moves, figures of speech, running
totals and fact-checks are no events at all. Then each event's place and its role: where it happened
("di X", "in X"), what was struck ("ke X", "Israel Gempur Beirut", "Tel Aviv Diserang"), the scene an
earlier sentence set, or only an actor's country; a country or capital acting ("Israel Serang Lebanon",
"Washington berharap", "militer Israel") is an actor, not a place, and a strike's origin ("dari Lebanon")
is recorded apart. Then the date (the sentence's own, not the date a statement was made; else the story's,
else the article's), actors with ACLED types, and deaths and injuries. The same event told in several
sentences is one event with all of them as evidence.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import weakref
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from geomap.casualties import Casualties, casualties, harm_words
from geomap.document import ActorMention, Event, Mention, Place, Sentence, Statement
from geomap.event_dates import HOLIDAYS, DateMention, date_screen, dates_in
from geomap.event_words import (ABOUT, ACCIDENT_KIND, ACCUSATION, AFTERMATH, AFTER_NOUN, ANAPHORA, APPEAL_OBJECT,
                                BACKGROUND, BACKSTORY, BORDER, CHAIN_STOP, CLAUSE_BREAK, CLAUSE_CUES, CONFLICT_WORDS,
                                DAMAGED_BY, DELIBERATE, EASING, FACT_CHECK, FUTURE_AFTER, HABITUAL, HOME_OF, METAPHOR,
                                NEGATION, NOT_A_BLAZE, NOUN_AFTER, OFFICIALS, OPENING_CONDITION, PICTURE, PREVENTION,
                                PROTEST_INTERVENTION, PROTEST_VIOLENT, PURPOSE, RUNNING_TOTAL, SAYING, SECURED_THINGS,
                                SELF_HARM, SINCE, SPAN_OF_TIME, SPORTS, SPORTS_MOVES, TALK_OF, THREAT_OF_VIOLENCE,
                                TOPIC, TOTAL_SIZE, TRAVEL_WARNING, TRIED, UNSAID, VEHICLE, WARNED, YEAR, WordMatch,
                                find_words, is_event_word_or_cue, is_title_case, LOCATION_WORDS, words_screen)
from geomap.gazetteer import LocalGazetteer, distance_km
from geomap.language import function_words
from geomap.regex import rx, rxi, screened
from geomap.screen import Scan, Screen, folded, folds

TRIGGER_KINDS = frozenset({"trigger", "generic", "bombardment", "raid", "impact"})  # lexicon rows that make events
VIOLENT = {"airstrike", "shelling", "bombing", "armed_clash", "attack", "abduction"}
HARMFUL = VIOLENT | {"disaster", "accident"}
REFINED_BY_WEAPON = {"attack", "accident"}  # categories a weapon in the clause replaces
MAJOR_BREAK = r"[,;:!?]|\s[-–—]\s"
# Prepositions and verbs before a place: what was aimed at, where it came from (where it happened: LOCATION_WORDS).
TARGET_WORDS = {"id": r"ke|terhadap|atas|menuju|arah|incar|mengincar|menyasar|menargetkan|sasar|memasuki",
                "en": r"into|on|onto|against|toward|towards|targeting|targeted|over|entered|entering|reached"}
ORIGIN_WORDS = {"id": r"dari", "en": r"from"}
MOTION = {"id": r"terbang|pergi|pindah|kabur|melarikan diri|tiba|berangkat|kembali|pulang|mengungsi|dibawa|dilarikan",
          "en": r"flew|fled|moved|went|travell?ed|returned|arrived|taken|rushed"}
# Words before a country that make it the actor or its people, not the place: "militer Israel", "warga Gaza".
ACTOR_NOUN = {"id": r"(?:pasukan|militer|tentara|angkatan (?:udara|darat|laut|bersenjata)|pemerintah|presiden|wapres|"
                    r"menteri|menlu|menhan|kemlu|kemenlu|deplu|pm|perdana menteri|raja|kepala|pemimpin|delegasi|"
                    r"duta besar|dubes|kedutaan|timnas|sekutu|intelijen|otoritas|polisi|"
                    r"kepolisian|parlemen|diplomat|juru bicara|jubir|kabinet|jet tempur|pesawat|tank(?:-tank)?|"
                    r"rudal|roket|drone|bom|senjata|agresi|serangan(?: udara| darat)?|gempuran|invasi|operasi|"
                    r"kemarahan|amarah|respons|reaksi|kelompok|milisi|pejuang|sandera|kapal|kargo|tanker)",
              "en": r"(?:forces|army|government|president|minister|ministers|leader|leaders|allies|"
                    r"troops|military|police|embassy|officials|authorities|spokesman|"
                    r"spokeswoman|parliament|strikes?|attacks?|raids?|warplanes|jets|drones?|rockets?|missiles?|"
                    r"ships?|vessels?|tankers?)"
                    r"(?: of| from)?"}
# Words that may stand between a country acting and its verb: "Israel terus gempur", "Israel Kian Menjadi".
SUBJECT_GAP = {"id": r"(?:\s+(?:juga|terus|kembali|mulai|telah|sudah|tetap|ngotot|sengaja|masih|lagi|baru|bahkan|"
                     r"disebut|dilaporkan|berhasil|sukses|diduga|kian|makin|saling|pun|lalu|kemudian|akhirnya|"
                     r"segera|langsung|secara\s+\w+))*\s+",
               "en": r"(?:\s+(?:also|again|has|have|had|then|reportedly|allegedly|once more|continued to|"
                     r"continues to))*\s+"}
# An English place that names an institution, after it or before it, says little of where something happened:
# "a Florida Highway Patrol report", "the Lexington County jail", "the Hospital of the University of Pennsylvania";
# a last resort for an event's place.
INSTITUTION = {"en": (r"\s+(?:Highway Patrol|State Patrol|State Police|Sheriff|County Jail|jail|Hospital|"
                      r"Medical Center|University|College|Department of)\b",
                      r"\b(?:University|Hospital|College|Department|Bank) of\s+(?:the\s+)?$")}
# Words that name a state as a state: "negara bagian New York", "the state of New York", "New York state".
STATE_WORD = {"id": (r"\b(?:negara bagian|provinsi)\s+$", r"\s+(?:state)\b"),
              "en": (r"\b(?:state of|upstate|State of)\s+$", r"\s+(?:state|State)\b")}
# Words of shooting: a vehicle beside them does not make an accident of them.
GUNSHOT = {"id": r"(?:di|ter|me|pe)?n?tembak", "en": r"shot|shoot|gunned"}
# Words of intent right before a headline's verb: "Israel Mau Serang Lebanon", "buat Serang Israel".
HEADLINE_INTENT = {"id": r"\b(?:mau|akan|bakal|ingin|hendak|siap|berencana|buat|untuk|guna|ngotot|sengaja|terus|"
                         r"kembali)\s+$",
                   "en": r"\b(?:to|will|would|vows? to|plans? to)\s+$"}
PASSIVE = {"id": r"^(?:di|ter|ke)", "en": r"^(?:was|were|been|is|are)\s"}
PART_OF = {"id": r"\b(?:pinggiran|pinggir|utara|selatan|timur|barat|dekat|sekitar|kawasan|pusat|"
                 r"kecamatan|kelurahan|desa|kampung|jalan)\b",
           "en": r"\b(?:outskirts|suburbs?|north|south|east|west|near|outside|centre|center|district)\b"}
RESIDENCE = {"id": r"\b(?:kediaman|rumah|istana|kantor|kamar)\s+$", "en": r"\b(?:residence|home|house|office) of\s+$"}
# Who did it, when no name is given: unknown gunmen, police, troops.
UNIDENTIFIED = {"id": r"\b(?:kelompok bersenjata|orang tak dikenal|orang tidak dikenal|OTK|KKB|pria bersenjata|"
                      r"sekelompok orang|penyerang|pelaku)\b",
                "en": r"\b(?:gunmen|armed men|militants|rebels|insurgents|attackers|assailants|a gunman|suspect)\b"}
POLICE = {"id": r"\b(?:polisi|kepolisian|polres\w*|polda|polsek|aparat|brimob|satreskrim|resmob)\b",
          "en": r"\b(?:police|officers|troopers?|deputies|sheriff'?s?|SWAT)\b"}
TROOPS = {"id": r"\b(?:tentara|militer|pasukan)\b", "en": r"\b(?:troops|soldiers|army|military)\b"}
# An armed force on the receiving end: an attack on it is a battle between armed sides (ACLED), not violence
# against civilians ("serangan terhadap pasukan Israel", "opened fire on an army patrol").
ARMED_TARGET = {"id": r"^(?:\s+(?:ke|terhadap|atas|kepada|pada))?(?:\s+(?!oleh\b)\S+){0,2}?\s+(?:pasukan|tentara|"
                      r"prajurit|TNI|militer|patroli|pos (?:TNI|militer))\b",
                "en": r"^(?:\s+(?:on|at|against|upon))?(?:\s+(?!by\b)\S+){0,2}?\s+(?:troops|soldiers|army|military|"
                      r"patrol)\b"}
# A people's forces: "Israeli troops", "Russian warplanes" are the state acting.
ARMED_PEOPLE = re.compile(rf"\s+{TROOPS['en']}|\s+(?:warplanes|jets|drones?|forces|police)", re.IGNORECASE)
# People and authorities an arrest is about: without them a catch is no arrest.
ARRESTED = {"id": r"\b(?:tersangka|pelaku|terduga|orang|pria|wanita|perempuan|warga|aktivis|mahasiswa|demonstran|"
                  r"WNI|WNA|buron|DPO|komisaris|direktur|pejabat|kpk|kejaksaan|kejagung|densus|tentara|pasukan)\b",
            "en": r"\b(?:suspects?|man|woman|men|women|people|persons?|activists?|protesters|members|driver|dealers?|"
                  r"officials?|authorities|agents?|troops|soldiers)\b"}
CIVILIANS = {"id": r"\b(?:warga|penduduk|pelajar|siswa|mahasiswa|anak(?:-anak)?|jurnalis|wartawan|pengungsi|"
                   r"pasien|bocah|lansia|korban|staf medis|pekerja)\b",
             "en": r"\b(?:civilians|residents|students|children|journalists|worshippers|villagers|passengers|"
                   r"woman|man|boy|girl|people|workers|priest)\b"}
# A word of police or of people arrested: an arrest with neither names none ("menangkap dua lalat").
ARREST_CUES = {lang: rf"{POLICE[lang]}|{ARRESTED[lang]}" for lang in POLICE}
# "since" a few words before a trigger: an earlier story ("since cleric al-Sadr declared a cease-fire").
SINCE_BEFORE = {lang: rf"{since}\s+(?:\S+\s+){{0,4}}$" for lang, since in SINCE.items()}
# The agent of a passive verb just before a name: "diserang oleh Israel", "struck by Russian forces".
BY_AGENT = r"\b(?:oleh|by)\s+(?:\S+\s+){0,2}$"
# What may stand between an Indonesian passive and its agent with no "oleh": "dibunuh pasukan Israel".
BARE_AGENT_GAP = r"\s+(?:(?:pasukan|tentara|militer|aparat|prajurit|anggota|petugas|personel)\s+)?"
# Words of a question, with a question mark: "Akankah Israel menyerang Iran?"
QUESTION = {lang: r"\b(?:akankah|apakah|bisakah|will|would|could|is|are)\b" for lang in ("id", "en")}
# A headline's teaser asks what lies behind what it reports, not whether it happened: "Blinken Injakkan Kaki di
# Perbatasan Gaza-Israel, Ada Apa?".
TEASER = {"id": r"\bada apa\s*\?\s*$", "en": r"\bwhat happened\s*\?\s*$"}
# What a state or armed group quoted in a headline says will come.
FUTURE_WORDS = {"id": r"akan|bakal|siap|segera", "en": r"will|would|ready to|vows?"}
# An English verb after a place that does something is in the past tense (a bare "crash", "fire" is a noun, the -s
# form is taken for a noun already): "Columbia crash kills two", but "Houthis struck Eilat".
ENGLISH_PAST = r"\w+ed\b|(?:struck|fought|shot|hit|sank|blew|met|slew|slain|took|seized)\b"
# A name that is a holiday's ("Natal", "Christmas"), not a place's: any of the holidays' patterns, whole.
HOLIDAY_NAMES = {lang: re.compile("|".join(f"(?:{pattern})" for pattern, _, _ in days), re.IGNORECASE)
                 for lang, days in HOLIDAYS.items()}
# The patterns above as the reader searches with them, built once.
GAP_BEFORE = {lang: rf"{gap}$" for lang, gap in SUBJECT_GAP.items()}  # a subject's gap right before a verb
BORDER_OR_HOME = {lang: rf"{BORDER[lang]}|{HOME_OF[lang]}" for lang in BORDER}
OWNER_BEFORE = {lang: rf"\b{noun}\s+(?:\S+\s+)?$" for lang, noun in ACTOR_NOUN.items()}  # "militer Israel"
PLACE_WORD = {lang: rf"(?:{LOCATION_WORDS[lang]}|{TARGET_WORDS[lang]}|{ORIGIN_WORDS[lang]})" for lang in TARGET_WORDS}
PLACE_WORD_BEFORE = {lang: rf"\b{words}\s+(?:\S+\s+)?$" for lang, words in PLACE_WORD.items()}
OWNER_OF_NEXT = {lang: rf"\b{ACTOR_NOUN[lang]}\s+(?:(?!{PLACE_WORD[lang]}\s)\S+\s+)?$" for lang in ACTOR_NOUN}
MOTION_BEFORE = {lang: rf"\b(?:{motion})\s+$" for lang, motion in MOTION.items()}
FRONTED_PLACE = {lang: rf"\s*(?:{words})\s[^,]*," for lang, words in LOCATION_WORDS.items()}  # "Di Gaza, ..."
FUTURE_WORD = {lang: rf"\b(?:{words})\b" for lang, words in FUTURE_WORDS.items()}
SCENE_SENTENCES = 3  # an event's place sets the scene for this many sentences after it
HARM_REACH = 2  # deaths or injuries told alone join an event of harm told at most this many sentences before
FAR_KM = 1500  # a place this far from everything else an article names is another place of that name
Scene = list[tuple[Place, Mention | None]]  # where earlier sentences put things, latest last
SPORTS_ARTICLE = 6  # this many words of sport make a match report: its shots and attacks are moves in a game
SCREENED_CUES = (SPORTS, SPORTS_MOVES, METAPHOR, SELF_HARM, SECURED_THINGS, NOT_A_BLAZE, PROTEST_INTERVENTION,
                 UNIDENTIFIED, POLICE)  # the patterns a sentence is searched with through `screened`
# How a sentence with a full stop ends (a last newline may follow): what rx(r"[.!?\"”]$") tells by searching it whole.
CLOSING = tuple(mark + end for mark in '.!?"”' for end in ("", "\n"))


@dataclass(slots=True)
class Trigger:
    start: int  # document offsets
    end: int
    text: str
    category: str
    sub_type: str
    kind: str  # the lexicon row's kind: "trigger", "generic", "bombardment", "raid", "impact"
    noun_use: bool = False  # a bare verb used as a noun: "Potret Bombardir Israel"

    @property
    def is_verb(self) -> bool:
        """A verb acting on an object ("Gempur", "menyerang", "struck"), not a noun ("serangan", "strikes on")."""
        return not self.noun_use and (self.kind == "impact" or _is_verb(self.text))

    def recast(self, category: str, sub_type: str, kind: str | None = None) -> Trigger:
        """The same words read as another category (dataclasses.replace costs several times as much)."""
        return Trigger(self.start, self.end, self.text, category, sub_type, self.kind if kind is None else kind,
                       self.noun_use)


@lru_cache(maxsize=4096)
def _is_verb(text: str) -> bool:
    """Whether trigger words read as a verb by their form (asked of each trigger many times)."""
    first = text.split()[0].lower()
    if " " in text and not rx(r"(?:di|me|ter|ber)").match(first):
        return False  # "operasi militer", "serangan udara", "bom bunuh diri"
    if rx(r"(?:an|annya|ion|ions|ings?|s)$").search(first) and not rx(r"(?:di|me|ter)").match(first):
        return False
    return not first.startswith("pe")


@dataclass(slots=True)
class Candidate:
    """An event as the sentence tells it, before the same event told elsewhere is merged in."""

    event: Event
    dated: bool  # the date came from the text, not from the story or the article
    index: int  # the sentence's position


# -- the stage ------------------------------------------------------------------------------------

def extract_events(text: str, sentences: tuple[Sentence, ...], mentions: list[Mention],
                   actor_mentions: list[ActorMention], lang: str, published: dt.date | None,
                   gazetteer: LocalGazetteer) -> tuple[list[Event], list[Statement], list[Mention]]:
    """Events of a document, each placed, dated and with its evidence, the statements about events, and the
    place mentions the events are placed at: those given, with far-off names taken in their nearer sense."""
    story = _Story(text, sentences, mentions, actor_mentions, lang, gazetteer)
    match_report = _Once(lambda: screened(SPORTS[lang]).at_least(text, SPORTS_ARTICLE))  # asked for violence only
    mentions = story.mentions
    mentions_in, actors_in = _by_sentence(sentences, mentions, actor_mentions)
    candidates: list[Candidate] = []
    statements: list[Statement] = []
    unplaced: list[Unplaced] = []  # events told without a place, and sentences telling only deaths or injuries
    screen = _sentence_screen(lang)
    cue_bits = _patterns_of(screen, (_cue_words(lang),))
    for index, sentence in enumerate(sentences):
        if sentence.boilerplate or sentence.heading:
            continue
        matching = screen.matching(sentence.text)
        cued = bool(matching & cue_bits)  # without a word of _cue_words, a sentence codes nothing
        if not cued and not mentions_in[index] or _is_subheading(sentence, sentences):
            continue  # and without a place it sets no scene
        scan = Scan(screen, sentence.text, matching)
        if not cued:  # its places' roles are worked out only if a later sentence's event asks for the scene
            read = _Once(lambda s=sentence, i=index, scan=scan: _SentenceReader(
                s, mentions_in[i], actors_in[i], lang, gazetteer, match_report, scan, False))
            story.note_places(index, lambda r=read: _places_in(r(), ("location",)),
                              lambda r=read: _places_in(r(), ("modifier", "target")))
            continue
        reader = _SentenceReader(sentence, mentions_in[index], actors_in[index], lang, gazetteer, match_report, scan,
                                 cued)
        events, said, lost = reader.code(published, story, index)
        statements += said
        unplaced += lost
        story.note_places(index, lambda r=reader: _places_in(r, ("location",)),
                          lambda r=reader: _places_in(r, ("modifier", "target")))
        for event, dated in events:
            candidates.append(Candidate(event, dated, index))
            story.note(event, index, dated)
        if not events and not said and not lost and _harm_told_before(candidates, index):
            told = casualties(sentence.text, lang, scan)
            if told.deaths or told.injured:
                unplaced.append(Unplaced("", index, sentence, told))
    events = _merge(candidates, unplaced)
    # an event placed through the name inside an unknown feature's ("Blokir Jalan Tel Aviv": Tel Aviv) is placed at a
    # mention the document holds too
    given = {id(m) for m in mentions}  # most events' mentions are the very ones given: none of them hashed
    strangers = [e.mention for e in events if e.mention is not None and id(e.mention) not in given]
    held = set(mentions) if strangers else set()
    inside = {m for m in strangers if m not in held}
    return events, statements, sorted([*mentions, *inside], key=lambda m: m.start) if inside else mentions


class _Once:
    """What a function gives, worked out when first asked for: functools.cache costs more to make than most of
    these cost to work out, and most are never asked."""

    __slots__ = ("work_out", "value")

    def __init__(self, work_out: Callable[[], object]) -> None:
        self.work_out, self.value = work_out, None

    def __call__(self):
        if self.work_out is not None:
            self.value, self.work_out = self.work_out(), None
        return self.value


def _harm_told_before(candidates: list[Candidate], index: int) -> bool:
    """Whether an event of harm was told in the HARM_REACH sentences before `index`: deaths or injuries told alone
    join only such an event (_merge), so elsewhere they are not counted."""
    for c in reversed(candidates):  # in the order of their sentences
        if index - c.index > HARM_REACH:
            return False
        if c.event.category in HARMFUL and c.index < index:
            return True
    return False


def _places_in(reader: _SentenceReader, roles: tuple[str, ...]) -> list[Mention]:
    """The places a sentence names in one of `roles`."""
    return [m for m in reader.mentions if reader.roles[id(m)] in roles]


def _feature_of(m: Mention, gazetteer: LocalGazetteer) -> Mention:
    """A feature the gazetteer does not know, named after a country or a city of 100,000 or more, is in it for
    an event ("di Lepas Pantai Yaman", "Blokir Jalan Tel Aviv"): the mention of that name, else `m` itself."""
    words = m.text.split(" ")
    for k in range(1, len(words)):
        name = " ".join(words[k:])
        ids = gazetteer.candidates(name)
        if ids:
            place = gazetteer.place(max(ids, key=gazetteer.rank))
            if place.kind == "country" or place.kind == "city" and place.population >= 100_000:
                return Mention(m.end - len(name), m.end, name, place, m.usage)
            return m
    return m


def _by_sentence(sentences: tuple[Sentence, ...], *groups: list) -> list[list[list]]:
    """Of each group of mentions (or actors), those that start in each sentence, in their order."""
    starts = [s.start for s in sentences]
    found = []
    for items in groups:
        out: list[list] = [[] for _ in sentences]
        for item in items:
            k = bisect_right(starts, item.start) - 1
            if k >= 0 and item.start < sentences[k].end:
                out[k].append(item)
        found.append(out)
    return found


def _is_subheading(sentence: Sentence, sentences: tuple[Sentence, ...]) -> bool:
    """A short title-case line with no full stop inside an article ("Demo dan Ricuh Terus Berlanjut"): it
    names what the paragraphs below tell."""
    text = sentence.text  # most sentences end with a full stop: told first, before their words are counted
    return len(sentences) > 2 and not text.endswith(CLOSING) and len(text.split()) <= 10 and is_title_case(text)


@dataclass(frozen=True, slots=True)
class Unplaced:
    """An event a sentence tells without a place ("Korban disiksa dengan cara dipukul"), or only its deaths
    and injuries (category ""): it joins the nearest event of its kind in the article, or is dropped."""

    category: str
    index: int
    sentence: Sentence
    harm: Casualties


# -- reading one sentence -------------------------------------------------------------------------

class _Story:
    """What earlier sentences established: the scene (where the last events happened) and their date."""

    def __init__(self, text: str, sentences: tuple[Sentence, ...], mentions: list[Mention],
                 actors: list[ActorMention], lang: str, gazetteer: LocalGazetteer):
        self.lang = lang
        self.recent: list[tuple[int, Event]] = []
        self.located: list[tuple[int, Scene | Callable[[], list[Mention]]]] = []  # a sentence's places, or how to
        # find them
        self.named: list[tuple[int, list[Mention] | Callable[[], list[Mention]]]] = []  # places sentences name in
        # passing ("their North Kansas City home")
        self.date: dt.date | None = None
        self.gazetteer = gazetteer
        placed = [m for m in mentions if m.place is not None]
        homes = [gazetteer.country_place(a.actor.country_code) for a in actors if a.actor.country_code]
        anchors = [m.place for m in placed] + [p for p in homes if p is not None]
        self.anchors = list({id(p): p for p in anchors}.values())  # each place once: asked only whether any or all
        self.countries_named: dict[str, set[str]] = {}  # a country code: the names of the anchors that are its country
        for p in self.anchors:
            if p.kind == "country":
                self.countries_named.setdefault(p.country_code, set()).add(p.name)
        capital_after = rxi(r",?\s+(?:ibu ?kota|the capital|capital of)\b")
        self.capital_named = {m.end for m in placed if capital_after.match(text, m.end, m.end + 20)}
        self.sensed: dict[tuple, Place] = {}  # (name, id of the place, capital named): the sense taken, once per name
        self.mentions = [self._sense(m) if m.place is not None else m for m in mentions]
        sensed = self.mentions  # the closure holds no reference to the story: no reference cycle
        self.opening = _Once(lambda: _opening_scene(sentences, sensed, lang))  # asked only for a scene

    def _sense(self, mention: Mention) -> Mention:
        """Another place of the same name when the one chosen is far from everything else the article is about
        and in no country it names, unless it is a capital:
        "Gaza" beside Israel is the Gaza Strip, not the province of Mozambique; "Lima, ibu kota Peru" the city."""
        given = mention.place
        key = (mention.text, id(given), mention.end in self.capital_named)  # the mentions hold their places meanwhile
        place = self.sensed.get(key)
        if place is None:
            place = self.sensed[key] = self._sensed_place(mention.text, given, key[2])
        return mention if place is given or place == given else replace(mention, place=place)

    def _sensed_place(self, name: str, place: Place, capital_named: bool) -> Place:
        if capital_named and (capitals := _senses(name, self.gazetteer)[0]):
            return capitals[0]
        countries = self.countries_named.get(place.country_code)
        if place.kind in ("country", "continent") or countries and (len(countries) > 1 or place.name not in countries):
            return place  # in a country the article names by another name than the place's ("Washington" beside "AS")
        others = [p for p in self.anchors if p.name != place.name]
        if not others or _near_any(place.lat, place.lon, others, FAR_KM):
            return place  # near the rest
        capitals, by_rank = _senses(name, self.gazetteer)
        if any(p.geonameid == place.geonameid for p in capitals):
            return place  # a capital keeps its sense: "London" beside Toronto is still London
        return next((p for p in by_rank if _near_any(p.lat, p.lon, others, FAR_KM)), place)  # the likeliest near

    def last_harm(self) -> Event | None:
        """The last violent event told so far, what "the blast" or "serangan tersebut" points back at."""
        harmful = [e for _, e in self.recent if e.category in VIOLENT]
        return harmful[-1] if harmful else None

    def recent_event(self, index: int, within: int) -> Event | None:
        near = [e for i, e in self.recent if index - i <= within]
        return near[-1] if near else None

    def is_stray(self, mention: Mention) -> bool:
        """A town of under 100,000 more than 150 km from every other place the article names, when it names
        at least two others (one, for a village under 20,000), or a region more than FAR_KM from all of them and
        in none of their countries ("Northland apartments" in Kansas City is no Nordland of Norway): more likely
        a person, a building or a word read as a place."""
        place = mention.place
        others = [p for p in self.anchors if p.name != place.name]
        if place.kind in ("admin1", "admin2", "region", "island", "district") and place.country_code:
            return len({p.name for p in others}) >= 2 and all(
                p.country_code != place.country_code and distance_km(place.lat, place.lon, p.lat, p.lon) > FAR_KM
                for p in others)
        if place.kind != "city" or place.population >= 100_000:
            return False
        enough = 1 if place.population < 20_000 else 2
        return len({p.name for p in others}) >= enough and all(
            distance_km(place.lat, place.lon, p.lat, p.lon) > 150 for p in others)

    def note(self, event: Event, index: int, dated: bool) -> None:
        if event.place_role != "actor_country":
            self.recent.append((index, event))
            self.located.append((index, [(event.place, event.mention)]))
        if dated and event.date is not None and event.time_precision == 1 and self.date is None:
            self.date = event.date  # the lede's day; later dates are background ("minggu lalu", "27 September")

    def note_places(self, index: int, places: list[Mention] | Callable[[], list[Mention]],
                    named: list[Mention] | Callable[[], list[Mention]]) -> None:
        """Where a sentence says something is: the scene for what the next sentences tell; and the places it
        names in passing, a last resort for a scene. Both are worked out (when given as callables) when one of the
        next sentences asks (most sentences are followed by no event). The notes hold no reference to the story: no
        reference cycle keeps a document's readers alive for the garbage collector to find."""
        self.located.append((index, places))
        self.named.append((index, named))

    def scene(self, index: int) -> Scene:
        latest = _latest(self.located, index, 0, lambda found: [(m.place, m) for m in self._kept(found)])
        if latest is not None:
            return [latest]
        opening = [(m.place, m) for m in self.opening() if not self.is_stray(m)]
        if opening:
            return opening
        named = _latest(self.named, index, 1, self._kept)
        return [(named.place, named)] if named is not None else []

    def _kept(self, mentions: list[Mention]) -> list[Mention]:
        """The most specific of a sentence's places, unless it is a stray."""
        return [m for m in _most_specific(mentions)[:1] if not self.is_stray(m)]


def _latest(notes: list, index: int, nearest: int, work_out: Callable[[list[Mention]], list]):
    """The last of what the notes of sentences `nearest` to SCENE_SENTENCES before `index` hold (None if they hold
    nothing). The notes are read from the latest back, so a note not yet worked out (a callable giving the sentence's
    places) is worked out, once, only when none after it holds anything."""
    for k in range(len(notes) - 1, -1, -1):
        i, found = notes[k]
        if index - i > SCENE_SENTENCES:
            break  # the notes are in the order of their sentences
        if index - i >= nearest:
            if callable(found):
                found = work_out(found())
                notes[k] = (i, found)
            if found:
                return found[-1]
    return None


@lru_cache(maxsize=256)
def _in_folded(pattern: str) -> re.Pattern | None:
    """The case-insensitive pattern compiled to search the folded sentence (geomap.screen.folded) case-sensitively,
    where it matches just where it matches the sentence ignoring case, at half to two thirds of the cost; None when it
    cannot (geomap.screen.folds)."""
    return re.compile(pattern) if folds(pattern) else None


@lru_cache(maxsize=4)
def _sentence_screen(lang: str) -> Screen:
    """Every screen in front of the patterns a sentence is searched with, joined: one scan of a sentence tells
    that most sentences have no word of _cue_words and so code nothing, and answers for the rest without reading
    them again."""
    return Screen.joined([_cue_words(lang), words_screen(lang, {"weapon"}), date_screen(lang)] +
                         [screened(cue[lang]).screen for cue in SCREENED_CUES if lang in cue])


@lru_cache(maxsize=4)
def _clause_screen(lang: str) -> Screen:
    """The screen in front of the patterns a sentence with a trigger searches its clauses with (statement, not_an_event,
    refine, places and actors): most of them need a word the sentence lacks."""
    patterns = [cue[lang] for cue in (FACT_CHECK, NEGATION, SAYING, UNSAID, PURPOSE, TRIED, OPENING_CONDITION,
                                      FUTURE_AFTER, SPAN_OF_TIME, RUNNING_TOTAL, TOTAL_SIZE, ABOUT, PREVENTION,
                                      AFTERMATH, EASING, HABITUAL, ACCUSATION, BACKGROUND, DELIBERATE, VEHICLE,
                                      PROTEST_VIOLENT, APPEAL_OBJECT, OFFICIALS, ARMED_TARGET, CIVILIANS, TOPIC,
                                      BACKSTORY, DAMAGED_BY, PART_OF, RESIDENCE, QUESTION)]
    patterns += [cue for _, cue in CLAUSE_CUES[lang] + AFTER_NOUN[lang] + ACCIDENT_KIND[lang]]
    return Screen(patterns + [ARREST_CUES[lang], BY_AGENT, SINCE_BEFORE[lang], YEAR])


@lru_cache(maxsize=16)
def _bits_of(screen: Screen, patterns: tuple[str, ...]) -> int | None:
    """The patterns' bits in a scan by the screen (as Scan.may_match reads them), or None when one of them is not
    the screen's: that one is never ruled out."""
    if not all(pattern in screen.index for pattern in patterns):
        return None
    return sum({1 << screen.index[pattern] for pattern in patterns})


@lru_cache(maxsize=4)
def _statement_cues(lang: str) -> tuple[str, ...]:
    """The patterns of which one must match for a trigger to be spoken of (statement)."""
    return tuple([cue[lang] for cue in (FACT_CHECK, NEGATION, PURPOSE, OPENING_CONDITION, QUESTION, FUTURE_AFTER)] +
                 [cue for _, cue in CLAUSE_CUES[lang]] + [AFTER_NOUN[lang][0][1]])


@lru_cache(maxsize=4)
def _head_cues(lang: str) -> tuple[str, ...]:
    """The patterns statement searches the clause before a trigger with: without one, that clause is not asked for."""
    return tuple([NEGATION[lang], UNSAID[lang], PURPOSE[lang]] + [cue for _, cue in CLAUSE_CUES[lang]])


@lru_cache(maxsize=4)
def _minor_clause_cues(lang: str) -> tuple[str, ...]:
    """The patterns not_an_event reads a trigger's minor clause (CLAUSE_BREAK's) for: without one, it is not asked for."""
    return HABITUAL[lang], SINCE_BEFORE[lang], UNSAID[lang]


@lru_cache(maxsize=4)
def _non_event_cues(lang: str) -> tuple[str, ...]:
    """The patterns of which one must match for a trigger to be no event (not_an_event)."""
    return tuple([cue[lang] for cue in (SPAN_OF_TIME, RUNNING_TOTAL, ABOUT, PREVENTION, AFTERMATH, EASING, HABITUAL,
                                        SINCE_BEFORE, ACCUSATION, UNSAID, BACKGROUND)] + [AFTER_NOUN[lang][1][1], YEAR])


@lru_cache(maxsize=4)
def _blocking(lang: str) -> tuple[Screen, ...]:
    """The screens of the patterns that keep a word from being a trigger (sport, metaphors, gunfire, ...)."""
    return tuple(screened(cue[lang]).screen for cue in (SPORTS_MOVES, METAPHOR, SELF_HARM, SECURED_THINGS, NOT_A_BLAZE)
                 if lang in cue)


def _may_hold(scan: Scan, screens: tuple[Screen, ...]) -> bool:
    """Whether any pattern of the screens may match the scanned text, in one test of the scan rather than one
    question per screen; True when the scan's screen was not joined from them all."""
    places = _patterns_of(scan.screen, screens)
    return places is None or bool(scan.matching & places)


@lru_cache(maxsize=16)
def _patterns_of(joined: Screen, screens: tuple[Screen, ...]) -> int | None:
    """Where the screens' patterns are among those of a screen joined from them, a bit each as in a Scan's
    `matching` (None if it was not joined from them)."""
    if not all(screen in joined.parts for screen in screens):
        return None
    return sum({1 << k for screen in screens for k in range(*joined.parts[screen])})


@lru_cache(maxsize=4)
def _cue_words(lang: str) -> Screen:
    """Every word that a sentence needs to tell an event (the trigger rows), a statement without one (_talk_words)
    or deaths and injuries."""
    return Screen.joined([words_screen(lang, TRIGGER_KINDS), _talk_words(lang), harm_words(lang)])


@lru_cache(maxsize=4)
def _talk_words(lang: str) -> Screen:
    """One screen for the threat, talk-of and warning patterns that statements without an event word are read by."""
    return Screen([THREAT_OF_VIOLENCE[lang]] + [pattern for _, pattern in TALK_OF[lang]] +
                  [pattern for _, pattern in WARNED[lang]] + [TRAVEL_WARNING[lang]])


@lru_cache(maxsize=65536)
def _chain_word(word: str, lang: str) -> tuple[str | None, bool, bool, bool]:
    """What a word before a place is to _chain, by its letters alone (the same words come back in every sentence):
    the role a preposition or verb of place gives ("origin", "target", "location", else None), whether it ends the
    chain (a stop or a cue like "meski"), whether it is a capitalised common word, and whether it may stand inside a
    chain of names."""
    bare = word.strip(",()\"“”'")
    governs = "origin" if rxi(ORIGIN_WORDS[lang]).fullmatch(bare) else "target" if rxi(TARGET_WORDS[lang]).fullmatch(
        bare) else "location" if rxi(LOCATION_WORDS[lang]).fullmatch(bare) else None
    stop = bool(rx(r"[.;:!?]").search(word) or rxi(CHAIN_STOP[lang]).fullmatch(bare))
    capital_cue = word[0].isupper() and is_event_word_or_cue(bare, lang)
    linking = bool(rx(r"[a-z\-]+,?|[A-Z][\w'’.-]*,?|\d[\w/.-]*,?|dan|and|&|\(|\)").fullmatch(word))
    return governs, stop, capital_cue, linking


@lru_cache(maxsize=2048)
def _senses(name: str, gazetteer: LocalGazetteer) -> tuple[tuple[Place, ...], tuple[Place, ...]]:
    """The places a name stands for, for a far-off name's nearer sense: those that are capitals, and all of them by
    rank, the highest first (in the gazetteer's order where ranks are equal). Worked out once per name: a name is
    far off in many articles, and some names have hundreds of places."""
    ids = gazetteer.candidates(name)
    return (tuple(gazetteer.place(pid) for pid in ids if gazetteer.is_capital(pid)),
            tuple(gazetteer.place(pid) for pid in sorted(ids, key=lambda pid: -gazetteer.rank(pid))))


def _near_any(lat: float, lon: float, places: list[Place], km: float) -> bool:
    """Whether any of the places lies within `km`: those further apart in latitude alone are passed over
    unmeasured (a great circle is at least the Earth's radius times the latitudes' difference), and those whose
    latitudes and longitudes differ by less in all are near unmeasured (a great circle is no longer than the way along
    a meridian and then a parallel, which is at most the Earth's radius times the two differences)."""
    reach = math.degrees(km / 6371.0) * 1.001
    sure = math.degrees(km / 6371.0) * 0.999
    for p in places:
        apart = abs(p.lat - lat)
        if apart <= reach and (apart + abs(p.lon - lon) <= sure or distance_km(lat, lon, p.lat, p.lon) <= km):
            return True
    return False


def _opening_scene(sentences: tuple[Sentence, ...], mentions: list[Mention], lang: str) -> list[Mention]:
    """The places a headline or dateline puts the whole article at ("BEIRUT:", "... di Bogor")."""
    if not sentences:
        return []
    first = sentences[0]
    dateline = rx(r"\s*([A-Z][A-Z .'’-]{2,}[A-Z])(?:,\s*[\w. ]+?)?\s*(?:\([^)]*\))?\s*(?:[-–—:]|\s{2})").match(
        first.text)
    inside = [m for m in mentions if m.place is not None and m.usage == "place"]
    if dateline:
        named = [m for m in inside if first.start <= m.start < first.start + dateline.end()]
        if named:
            return named[:1]
    if first.heading:
        words = [(first.start + w.start, first.start + w.end)
                 for w in find_words(first.text, lang, {"trigger", "generic"})]
        return _most_specific([m for m in inside if first.start <= m.start < first.end and
                               not any(a < m.end and m.start < b for a, b in words)])[:1]
    return []


class _lazy:
    """functools.cached_property without its lock (Python 3.11 takes one on every first read, and a reader is read by
    one thread): the value is worked out on the first read and kept in the instance."""

    def __init__(self, work_out: Callable) -> None:
        self.work_out, self.__doc__ = work_out, work_out.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.work_out(instance)
        return value


class _Roles(dict):
    """id(mention) -> the mention's role in the sentence, worked out when first asked for. The reader it belongs
    to is held weakly: reader and roles in a reference cycle would be freed only by the garbage collector."""

    def __init__(self, reader: _SentenceReader) -> None:
        super().__init__()
        self.reader = weakref.proxy(reader)

    def __missing__(self, key: int) -> str:
        mention = next(m for m in self.reader.mentions if id(m) == key)
        role = self[key] = self.reader._role(mention)
        return role


class _SentenceReader:
    """One sentence: its triggers, the roles of its places, and the events and statements they make. `mentions` and
    `actor_mentions`: those that start in the sentence."""

    def __init__(self, sentence: Sentence, mentions: list[Mention], actor_mentions: list[ActorMention],
                 lang: str, gazetteer: LocalGazetteer, match_report: Callable[[], bool], scan: Scan, cued: bool):
        """match_report: whether the article is one (SPORTS_ARTICLE words of sport), its shots and attacks moves in a
        game; scan: the sentence's by _sentence_screen; cued: whether it may hold a word of _cue_words (without one,
        no trigger, talk or harm)."""
        self.s, self.lang, self.gazetteer, self.scan = sentence, lang, gazetteer, scan
        self.match_report = match_report
        self.text, self.start = sentence.text, sentence.start
        self.given = mentions
        self.actors = actor_mentions
        self.chosen_actors: dict[tuple, list[tuple[str, str, str]]] = {}
        self.clauses: dict[tuple, tuple[int, int]] = {}
        self.found: dict[str, re.Match | None] = {}  # in_sentence's answers
        self.triggers = self._triggers() if cued else []
        self.weapons = find_words(self.text, lang, {"weapon"}, scan) if self.triggers else []
        self.spoken: list[Trigger] = []  # statements and non-events: they still end the clause before them
        self.foretold: set[int] = set()  # starts of triggers spoken of as to come: planned, threatened, hoped for

    @_lazy
    def placed(self) -> list[Mention]:
        """The given mentions, an unknown feature's by the name inside it (_feature_of)."""
        return [_feature_of(m, self.gazetteer) if m.place is None else m for m in self.given]

    @_lazy
    def mentions(self) -> list[Mention]:
        """The places the sentence names (not their people, function words or holidays), worked out when first asked:
        a sentence without a cue word is asked only if a later one needs its places for a scene."""
        ordinary, holiday = function_words()[self.lang], HOLIDAY_NAMES[self.lang]
        return [m for m in self.placed if m.place is not None and m.usage != "people"
                and m.text.lower() not in ordinary and not holiday.fullmatch(m.text)]

    @_lazy
    def people(self) -> list[Mention]:
        """The places named for their people ("Israeli troops")."""
        return [m for m in self.placed if m.place is not None and m.usage == "people"]

    @_lazy
    def roles(self) -> _Roles:
        """Each place's role, worked out when first asked (most places of most sentences never are)."""
        return _Roles(self)

    @_lazy
    def fronted(self) -> re.Match | None:
        """A place phrase the sentence opens with, up to its comma: "In Gaza, ..."."""
        return rxi(FRONTED_PLACE[self.lang]).match(self.text)

    @_lazy
    def clause_scan(self) -> Scan:
        """The sentence read once by _clause_screen, when a trigger first asks."""
        return _clause_screen(self.lang).scan(self.text)

    def search(self, pattern: str, text: str) -> re.Match | None:
        """rxi(pattern).search(text) for a part of the sentence, not run when the sentence lacks its literals."""
        return rxi(pattern).search(text) if self.clause_scan.may_match(pattern) else None

    def match(self, pattern: str, text: str) -> re.Match | None:
        return rxi(pattern).match(text) if self.clause_scan.may_match(pattern) else None

    @_lazy
    def clause_cues(self) -> list[tuple[str, str]]:
        """The CLAUSE_CUES that may match in the sentence (most sentences hold none)."""
        return [(kind, cue) for kind, cue in CLAUSE_CUES[self.lang] if self.clause_scan.may_match(cue)]

    def may_tell(self, cues: tuple[str, ...]) -> bool:
        """Whether any of the cues may match in the sentence, in one test of the clause scan: most triggers are
        reported as they happen, and their sentences hold none of the words that say otherwise."""
        scan = self.clause_scan
        bits = _bits_of(scan.screen, cues)
        return bits is None or bool(scan.matching & bits)

    def in_sentence(self, pattern: str) -> re.Match | None:
        """self.search(pattern, self.text), remembered: each trigger of the sentence asks."""
        found = self.found.get(pattern, self)
        if found is self:
            found = self.found[pattern] = self.search(pattern, self.text)
        return found

    @_lazy
    def opening_condition(self) -> re.Match | None:
        """ "Jika ...,", "If ...,": a condition the sentence opens with."""
        return self.match(OPENING_CONDITION[self.lang], self.text)

    # offsets: the document's; a position in self.text is one less self.start
    def before(self, pos: int, span: int = 80) -> str:
        return self.text[max(0, pos - self.start - span): pos - self.start]

    def search_before(self, pattern: str, pos: int, span: int) -> re.Match | None:
        """rxi(pattern).search(self.before(pos, span)), run in the folded sentence where the pattern allows: its
        positions and lengths are those in the text before pos, its text is folded."""
        regex, a, b = _in_folded(pattern), max(0, pos - self.start - span), pos - self.start
        return regex.search(folded(self.text)[a:b]) if regex is not None else rxi(pattern).search(self.text[a:b])

    def clause(self, trigger: Trigger, breaks: str) -> tuple[int, int]:
        """Document offsets of the clause around the trigger (remembered: most triggers are asked for it often)."""
        key = (trigger.start, trigger.end, breaks)
        found = self.clauses.get(key)
        if found is None:
            a, b = trigger.start - self.start, trigger.end - self.start
            regex, text = _in_folded(breaks), folded(self.text)  # as rxi(breaks) in self.text
            if regex is None:
                regex, text = rxi(breaks), self.text
            starts = [m.end() for m in regex.finditer(text, 0, a)]
            end = regex.search(text[b:])
            found = self.clauses[key] = (self.start + (starts[-1] if starts else 0),
                                         self.start + (b + end.start() if end else len(self.text)))
        return found

    # -- triggers --

    def _triggers(self) -> list[Trigger]:
        lang, text = self.lang, self.text
        words = find_words(text, lang, TRIGGER_KINDS, self.scan)
        phrases = [(self.s.start + w.start, self.s.start + w.end) for w in words if " " in w.text]
        # a name inside a trigger phrase is no place: "Baku" in "Baku Tembak"
        if phrases:
            self.mentions = [m for m in self.mentions if not any(a <= m.start and m.end <= b for a, b in phrases)]
        if not words:
            return []
        titled = is_title_case(text)
        if titled:
            verbs = [m for m in self.mentions if self._headline_verb(m, words)]
            self.mentions = [m for m in self.mentions if m not in verbs]
        busy = [(m.start, m.end) for m in self.mentions + self.people] + [(a.start, a.end) for a in self.actors]
        sports = None  # whether the article or the sentence is about sport, asked for a word of violence only
        blocked, gunfire = [], []
        if _may_hold(self.scan, _blocking(lang)):  # most sentences hold none of them
            blocked = [(m.start(), m.end()) for cue in (SPORTS_MOVES, METAPHOR, SELF_HARM, SECURED_THINGS) for m in
                       screened(cue[lang]).finditer(text, self.scan)]
            gunfire = [(m.start(), m.end()) for m in screened(NOT_A_BLAZE[lang]).finditer(text, self.scan)] \
                if lang in NOT_A_BLAZE else []
        found = []
        for w in words:
            start, end = self.s.start + w.start, self.s.start + w.end
            if not titled and w.text[0].isupper() and not w.text.split()[0].isupper() and w.start > 0 and \
                    not rx(r"(?:^|[.:!?\"“(]\s*)$").search(text[:w.start]):
                continue  # a capital in running text is a name: "Polres Serang", "Forum HRD Serang Barat"
            if any(a < end and start < b for a, b in busy) or any(a < w.end and w.start < b for a, b in blocked):
                continue  # "Serang" the town, "serangan balik", "banjir pesanan"
            if w.row.category == "accident" and any(a < w.end and w.start < b for a, b in gunfire):
                continue  # "opened fire", "fire department", "ceasefire"
            if w.row.category in VIOLENT:
                if sports is None:
                    sports = self.match_report() or self.scan.any(screened(SPORTS[lang]).screen) and \
                        screened(SPORTS[lang]).at_least(text, 2, self.scan)  # the first test answers for most
                if sports:
                    continue
            noun = self.search_before(PICTURE[lang], start, w.start) is not None or \
                rxi(NOUN_AFTER[lang]).match(text[w.end:]) is not None
            found.append(Trigger(start, end, w.text, w.row.category, w.row.sub_type, w.row.kind, noun))
        return found

    def _headline_verb(self, m: Mention, words: list[WordMatch]) -> bool:
        """A town named like a strike verb is the verb in a headline when an actor or a word of intent stands
        right before it: "Israel Mau Serang Lebanon", "Milisi Palestina Serang Israel", but "Kramatwatu Serang"."""
        if not any(self.s.start + w.start == m.start and self.s.start + w.end == m.end and w.row.kind in
                   ("trigger", "generic") and w.row.category in VIOLENT for w in words):
            return False
        left = self.before(m.start, 40)
        if rxi(HEADLINE_INTENT[self.lang]).search(left):
            return True
        gap = rxi(GAP_BEFORE[self.lang]).search(left)
        subject_end = m.start - (len(gap.group()) if gap else 0)
        return any(a.end == subject_end for a in self.actors) or any(
            o.end == subject_end and o.usage == "actor" for o in self.mentions)

    def weapon_in(self, a: int, b: int) -> WordMatch | None:
        inside = [w for w in self.weapons if a <= self.s.start + w.start < b]
        return inside[0] if inside else None

    def refine(self, trigger: Trigger) -> Trigger | None:
        """The trigger's category and sub-type given its clause: a weapon, the actor, the kind of crash or protest."""
        lang = self.lang
        a, b = self.clause(trigger, MAJOR_BREAK)
        weapon = self.weapon_in(a, b)
        category, sub_type = trigger.category, trigger.sub_type
        if trigger.kind == "impact":
            if weapon is None:
                return None
            category, sub_type = weapon.row.category, weapon.row.sub_type
        elif weapon is not None and (category in REFINED_BY_WEAPON and (category == "attack" or sub_type == "explosion")
                                     or trigger.kind == "bombardment"):
            category, sub_type = weapon.row.category, weapon.row.sub_type
        if category == "bombing" and sub_type == "remote explosive" and (
                weapon is not None and weapon.text.lower().startswith("bom") or trigger.kind == "bombardment") and \
                self._actor1_type(trigger) == "state forces":
            category, sub_type = "airstrike", "air strike"  # a state's bombs fall from the air
        if trigger.kind == "bombardment" and weapon is None and self._actor1_type(trigger) not in ("", "state forces"):
            category, sub_type = "shelling", "rocket"  # armed groups bombard with rockets, and bomb with explosives
            if rxi(r"(?:di|meng?e?|peng?e?)?bom(?:kan|i|an)?|bombed").fullmatch(trigger.text):
                category, sub_type = "bombing", "remote explosive"  # "Tel Aviv Dibom-Hizbullah"
        if trigger.kind == "generic" and category == "attack" and weapon is None and \
                not rxi(GUNSHOT[lang]).match(trigger.text) and \
                self.search(VEHICLE[lang], self.text[a - self.start:b - self.start]):
            category, sub_type = "accident", "road"  # "car strikes tree", "struck and killed by a car", but "was
            # shot by a trooper after he tried to hit him with a car" is no accident
        passive = rxi(PASSIVE[lang]).match(trigger.text) or \
            self.search_before(r"\b(?:was|were|been|be)\s+$", trigger.start, 12)
        if trigger.kind == "raid" and self._actor1_type(trigger) != "state forces":
            category, sub_type = "attack", "attack"  # gunmen storming a village attack it
        if category == "attack" and trigger.kind in ("trigger", "generic") and not passive and \
                self.match(ARMED_TARGET[lang], self.text[trigger.end - self.start:b - self.start]):
            category, sub_type = "armed_clash", "armed clash"  # armed men firing on an army patrol: a battle
        if category in ("disaster", "accident") and self.in_sentence(DELIBERATE[lang]):
            return None  # "Israel deliberately flooded Lebanese farmlands"
        clause_text = self.text[a - self.start:b - self.start]
        if category == "accident":
            for kind, cue in ACCIDENT_KIND[lang]:
                if self.search(cue, clause_text):
                    sub_type = kind
                    break
        if category == "protest":
            if self.in_sentence(PROTEST_VIOLENT[lang]):
                sub_type = "violent demonstration"
            elif screened(PROTEST_INTERVENTION[lang]).search(self.text, self.scan):
                sub_type = "protest with intervention"
        if category == "humanitarian" and sub_type == "appeal" and not self.search(APPEAL_OBJECT[lang], clause_text):
            return None  # "Hamas desak Israel tarik pasukan", "urged residents to register": not humanitarian
        if category == "arrest" and not passive and not any(a.actor.type == "state forces" for a in self.actors) \
                and not self.in_sentence(ARREST_CUES[lang]):
            return None  # "menangkap dua lalat": no one was arrested
        if category == "diplomacy" and not (self.in_sentence(OFFICIALS[lang]) or any(
                a.actor.type != "person" or a.actor.country_code for a in self.actors)):
            return None  # "visited the Ching family": not diplomacy
        kind = "trigger" if weapon is not None and trigger.kind == "generic" else trigger.kind
        return trigger.recast(category, sub_type, kind)

    # -- what is not a report --

    def statement(self, trigger: Trigger) -> tuple[str, str] | None:
        """(kind, cue) when the trigger is spoken of, not reported: threatened, hoped for, denied, asked about."""
        lang = self.lang
        if not self.may_tell(_statement_cues(lang)):
            return None
        fact_check = self.in_sentence(FACT_CHECK[lang])
        if fact_check:
            return "denial", fact_check.group()
        if self.may_tell(_head_cues(lang)):  # the clause before the trigger is read only for a cue it may hold
            a, _ = self.clause(trigger, CLAUSE_BREAK[lang])
            head = self.text[a - self.start:trigger.start - self.start]
            negated = self.search(NEGATION[lang], head)
            if negated and not self.search(SAYING[lang], negated.group()):
                return "denial", negated.group().strip()
            if self.search(UNSAID[lang], head):
                return None  # nothing said of it: not_an_event drops it
            purpose = self.search(PURPOSE[lang], head)
            if purpose and trigger.is_verb and trigger.category != "protest" and not self.search(TRIED[lang], head):
                return "plan", purpose.group().strip()  # "visits ... to protest" is the protest; "tried twice to hit"
                # is an act
            for kind, cue in self.clause_cues:
                found = rxi(cue).search(head)
                if found:
                    return kind, found.group()
        opening = self.opening_condition
        if opening and self.s.start + opening.end() <= trigger.start:
            return "condition", opening.group("cue")
        if self.text.rstrip().endswith("?") and self.in_sentence(QUESTION[lang]):
            return "question", "?"
        coming = self.search(FUTURE_AFTER[lang], self.text[trigger.end - self.start:])
        if coming:
            return "plan", coming.group().strip()
        if not trigger.is_verb:
            _, end = self.clause(trigger, MAJOR_BREAK)
            rest = self.text[trigger.end - self.start:end - self.start]
            kind, cue = AFTER_NOUN[lang][0]
            found = self.search(cue, rest)
            if found:
                return kind, found.group()
        return None

    def not_an_event(self, trigger: Trigger) -> bool:
        """A running total or a rate ("Korban Tewas Serangan Israel Capai 27.585", "setiap 10 menit"), an
        accusation, history ("unjuk rasa pada tahun 2011"), or a state of affairs in the background ("di tengah
        seruan gencatan senjata")."""
        lang = self.lang
        if not self.may_tell(_non_event_cues(lang)):
            return False
        a, b = self.clause(trigger, MAJOR_BREAK)
        clause_text = self.text[a - self.start:b - self.start]
        before = self.before(trigger.start, 60)
        head = self.text[a - self.start:trigger.start - self.start]
        if trigger.category in HARMFUL:
            if self.in_sentence(SPAN_OF_TIME[lang]):
                return True
            if self.search(RUNNING_TOTAL[lang], head) and self.in_sentence(TOTAL_SIZE[lang]):
                return True
        if not trigger.is_verb and self.search(ABOUT[lang], head):
            return True
        if self.search(PREVENTION[lang], before):  # "upaya penanganan banjir", "bahaya tawuran"
            return True
        if trigger.category in ("disaster", "accident") and self.search(AFTERMATH[lang], before) and any(
                t.category == "humanitarian" for t in self.triggers):
            return True  # "bantuan ... untuk warga yang terdampak gempa": the aid is the event
        if trigger.category == "armed_clash" and self.match(EASING[lang], self.text[trigger.end - self.start:]):
            return True  # "as fighting eased"
        if not trigger.is_verb and self.clause_scan.may_match(AFTER_NOUN[lang][1][1]):
            _, end = self.clause(trigger, CLAUSE_BREAK[lang])
            if self.search(AFTER_NOUN[lang][1][1], self.text[trigger.end - self.start:end - self.start]):
                return True  # "Bantuan Kemanusiaan di Gaza Terpaksa Berhenti": aid that did not come
        if self.may_tell(_minor_clause_cues(lang)):  # the trigger's minor clause is read only for a cue it may hold
            minor = self.clause(trigger, CLAUSE_BREAK[lang])
            if self.search(HABITUAL[lang], self.text[minor[0] - self.start:minor[1] - self.start]):
                return True
            told_since = self.search(SINCE_BEFORE[lang], before)
            if told_since and not any(minor[0] <= d.start < minor[1] + 40 for d in self.dates):
                return True  # "since cleric al-Sadr declared a cease-fire": an earlier story, undated
            if self.search(UNSAID[lang], self.text[minor[0] - self.start:trigger.start - self.start]):
                return True
        if self.search(ACCUSATION[lang], self.text[a - self.start:trigger.start - self.start]):
            return True
        years = [int(y) for y in rx(YEAR).findall(clause_text)] if self.clause_scan.may_match(YEAR) else []
        if years and not any(a <= d.start < b and d.precision == 1 for d in self.dates) and self.published and \
                max(years) < self.published.year:
            return True
        return trigger.category not in HARMFUL and self.search(BACKGROUND[lang], before) is not None

    # -- places --

    def _role(self, m: Mention) -> str:
        """ "actor", "origin", "location", "target", "border", "home", "institution" or "modifier": how the sentence
        uses a place."""
        lang = self.lang
        left = self.before(m.start, 60)
        after = self.text[m.end - self.start:]
        if rx(r"\s+(?:(?:was|were|had been|has been)\s+(?:\w+ly\s+)?(?:hit|struck|shelled|bombed|attacked|"
              r"targeted|raided|stormed|pounded|rocked|flooded|\w+ed\s+by)|came under)\b").match(after) or \
                self._passive_subject(m):
            return "target"  # "Kyiv was hit by", "Tel Aviv Diserang Roket Hamas"
        if lang in INSTITUTION and (rx(INSTITUTION[lang][0]).match(after) or rx(INSTITUTION[lang][1]).search(left)):
            return "institution"  # "a Florida Highway Patrol report", "the Hospital of the University of Pennsylvania"
        opening = self.text[:m.start - self.start]
        if (rx(r"[A-Z][A-Z .'’/,-]*(?:,\s*[\w.]+)?\s*").fullmatch(opening) or not opening.strip()
                and m.text.isupper()) \
                and rx(r"[\w.,/ ]*\s*(?:--|—|–|:)").match(self.text[m.end - self.start:]):
            return "location"  # a dateline: "TBILISI, Georgia --", "MIEH MIEH/BEIRUT:"
        if m.usage == "actor":  # unless a strike verb or preposition governs it: "Rudal Israel Tembus Lebanon"
            governed = None if self.search_before(BORDER_OR_HOME[lang], m.start, 60) else \
                self._chain(m, across_commas=False)
            return governed if governed in ("target", "location") else "actor"
        if self.search_before(BORDER[lang], m.start, 60):
            return "border"
        if self.search_before(HOME_OF[lang], m.start, 60):
            return "home"  # "Pria asal Gorontalo": where someone comes from
        owner = self.search_before(OWNER_BEFORE[lang], m.start, 60)
        owned_from = m.start - len(left) + owner.start() if owner else m.start
        verb = any(t.is_verb and t.start < m.start and owned_from < t.end for t in self.triggers)  # "jets struck Gaza"
        if owner and not verb and not self.search_before(PLACE_WORD_BEFORE[lang], m.start, 60):
            return "actor"  # "militer Israel", "Rudal Israel", "forces of Israel"; not "Israel Bom Lebanon"
        if rx(r"\s*(?:vs\.?|versus|-)\s*[A-Z]").match(after) or \
                self.search_before(r"\b(?:vs\.?|versus|oleh|by)\s+$", m.start, 60):
            return "actor"
        governed = self._chain(m)
        if governed is not None:
            return governed
        for t in self.triggers:
            if t.start >= m.end and t.is_verb and not rxi(PASSIVE[lang]).match(t.text) and (
                    lang != "en" or rxi(ENGLISH_PAST).match(t.text)):  # "Columbia fire", "Tega Cay crash": a noun
                between = self.text[m.end - self.start:t.start - self.start]
                if rxi(SUBJECT_GAP[lang]).fullmatch(between + " ") or not between.strip():
                    return "actor"  # "Israel Serang Lebanon", "Tel Aviv menggempur"
        return "modifier"

    def _passive_subject(self, m: Mention) -> bool:
        """The place opens its clause and a passive trigger follows: "Kamp Jabalia Usai Dihantam Rudal"."""
        lang = self.lang
        for t in self.triggers:
            if t.start >= m.end and rxi(PASSIVE[lang]).match(t.text) and lang == "id":
                between = self.text[m.end - self.start:t.start - self.start]
                if not rx(MAJOR_BREAK).search(between) and len(between.split()) <= 3 and not any(
                        o.start >= m.end and o.end <= t.start for o in self.mentions):
                    return True
        return False

    def _chain(self, m: Mention, across_commas: bool = True) -> str | None:
        """The preposition or verb governing a place, reading back over names and "dan": "ke Tel Aviv dan
        Haifa", "di pinggiran selatan Ibu Kota Lebanon, Beirut", "Israel Gempur Gaza dan Lebanon"."""
        lang = self.lang
        local_start = m.start - self.start
        offset = max(0, local_start - 80)
        words = list(rx(r"\S+").finditer(self.text[offset:local_start]))
        triggers = self.triggers
        for i, w in enumerate(reversed(words)):
            word = w.group()
            governs, stop, capital_cue, linking = _chain_word(word, lang)
            begin = self.s.start + offset + w.start()
            if governs == "origin":
                return "origin"
            if governs == "target":
                went = rxi(MOTION_BEFORE[lang]).search(self.text[:offset + w.start()])
                return "location" if went else "target"  # "terbang ke Kota Bitung": where someone went
            if governs == "location":
                return "location"
            verb = next((t for t in triggers if t.start < begin + len(word) and begin < t.end), None) \
                if triggers else None
            if verb is not None:
                acts = verb.is_verb and not rxi(PASSIVE[lang]).match(verb.text) and (
                    verb.category in VIOLENT or verb.kind == "impact" or verb.category == "diplomacy"
                    and verb.sub_type == "visit")
                return ("target" if verb.category != "diplomacy" else "location") if acts else None
            if stop or local_start - (offset + w.start()) > 70:
                return None
            if word.endswith(",") and (not across_commas or not word[0].isupper() and not word[0].isdigit() and i > 0):
                return None  # a comma is crossed only inside a list of names: "di Legian, Kecamatan Kuta"
            if capital_cue and not any(o.start <= begin < o.end for o in self.mentions):
                return None  # a capitalised verb or cue of a headline ends the chain
            if not linking:
                return None
        return None

    def places_for(self, trigger: Trigger, story: _Story, index: int,
                   triggers: list[Trigger]) -> tuple[str, list[tuple[Place, Mention | None]]]:
        """(role, places) for a trigger, most specific first: what the sentence says, else the scene, else
        the country of the actor on the receiving end."""
        lang = self.lang
        violent = trigger.category in VIOLENT
        nxt = min((t.start for t in triggers + self.spoken if t.start > trigger.end), default=self.s.end)
        topic = None if violent else self.search(TOPIC[lang], self.text[trigger.end - self.start:nxt - self.start])
        if topic:
            nxt = trigger.end + topic.start()  # "menemui Netanyahu ... untuk gencatan senjata di Timur Tengah"
        roles = {id(m): self._role_for(m, trigger) for m in self.mentions}
        after = [m for m in self.mentions if trigger.end <= m.start < nxt and roles[id(m)] in ("location", "target")]
        for brk in rx(MAJOR_BREAK).finditer(self.text[trigger.end - self.start:nxt - self.start]):
            at = trigger.end + brk.end()
            following = rx(r"\s*(\S)").match(self.text[at - self.start:])
            new_clause = following and not any(m.start == at + following.start(1) for m in self.mentions) and \
                not rx(r"\s*(?:dan|and|serta)\b").match(self.text[at - self.start:])
            if new_clause and any(m.start < at for m in after):
                # "Gempur Tepi Barat, Jumlah Kematian di Gaza ...", but "Bombardir Israel, Tembus Tel Aviv" is Tel Aviv
                after = [m for m in after if m.start < at or any(
                    o.start < at and _contains(o.place, m.place) for o in after)]
                break
        if not violent and any(roles[id(m)] == "location" for m in after):
            after = [m for m in after if roles[id(m)] == "location"]
        elif any(roles[id(m)] == "location" and not self._owner(m) for m in after):
            # "serangan terhadap pasukan Israel di Jabalia": the troops' country is not where it happened
            after = [m for m in after if roles[id(m)] != "target" or not self._owner(m)]
        if trigger.kind == "anaphora" and not after:
            earlier = story.last_harm()
            if earlier is not None:  # "the attack", "it blew up": where the event it points back at was
                return "scene", [(earlier.place, earlier.mention)]
        a, b = self.clause(trigger, MAJOR_BREAK)
        fronted = self.fronted

        def unbroken(m: Mention) -> bool:
            between = self.text[min(m.end, trigger.end) - self.start:max(m.start, trigger.start) - self.start]
            return not self.search(BACKSTORY[lang], between) or (
                m.start < trigger.start and self.search(DAMAGED_BY[lang], between) is not None)

        def tiers():  # where the sentence puts it, best first: each looked for only when those before it fail
            yield after, None
            yield [m for m in self.mentions if a <= m.start < trigger.start and roles[id(m)] == "target"], "target"
            yield [m for m in self.mentions if fronted and m.end - self.s.start <= fronted.end() and
                   roles[id(m)] == "location"], "location"
            yield [m for m in self.mentions if roles[id(m)] == "location" and m.start < trigger.start and
                   unbroken(m)], "location"
            if trigger.category not in ("diplomacy", "humanitarian", "ceasefire"):
                minor = self.clause(trigger, CLAUSE_BREAK[lang])
                yield [m for m in self.mentions if minor[0] <= m.start < minor[1] and roles[id(m)] == "modifier"], \
                    "location"
            yield [m for m in self.mentions if roles[id(m)] == "modifier" and unbroken(m)] \
                if trigger.category in HARMFUL else [], "location"
            # the place of the clause's other event: "evacuated 300 residents from flooded villages in Aceh Tamiang"
            yield [m for m in self.mentions if nxt <= m.start < b and roles[id(m)] in ("location", "target")] \
                if not topic else [], "location"
            # where something was taken or brought from, when only that is said: "Curi Mayat dari RS Al Shifa Gaza"
            yield [m for m in self.mentions if a <= m.start < b and roles[id(m)] == "origin"] \
                if trigger.category not in ("airstrike", "shelling") else [], "location"

        for mentions, role in tiers():
            if not mentions:
                continue
            chosen = self._plausible(_apposition(_most_specific(mentions)), story, index)
            if not chosen:
                continue
            if chosen[0][1] is None or id(chosen[0][1]) not in roles:
                return "scene", chosen
            return role or self._role_name(roles[id(chosen[0][1])], trigger), chosen
        residence = self._residence(trigger)
        if residence is not None:
            return "actor_country", [(residence, None)]
        scene = story.scene(index)
        hit = self._target_home(trigger) if trigger.category in VIOLENT else None
        if scene and (hit is None or scene[0][0].country_code == hit.country_code):
            return "scene", scene
        home = hit or self._actor_home(trigger)
        if home is not None:  # the sentence names who was hit, and the scene is another country
            return "actor_country", [(home, None)]
        named = [m for m in self.mentions if roles[id(m)] == "institution"] if trigger.category in HARMFUL else []
        chosen = self._plausible(_most_specific(named), story, index) if named else []
        return ("location", chosen[:1]) if chosen else ("", [])  # "a Florida Highway Patrol report": the last resort

    def _owner(self, m: Mention) -> bool:
        """The place owns the noun before it: "pasukan Israel", "kapal kargo Inggris"."""
        return self.search_before(OWNER_OF_NEXT[self.lang], m.start, 40) is not None

    def _role_for(self, m: Mention, trigger: Trigger) -> str:
        """The place's role for this trigger: "dari" is an origin only for strikes, "ke" only aims strikes."""
        role = self.roles[id(m)]
        if role == "origin" and trigger.category not in ("airstrike", "shelling", "humanitarian") and \
                rxi(r"\s+(?:hingga|sampai|ke|to|through)\s").match(self.text[m.end - self.start:]):
            return "location"  # "dari New York hingga Los Angeles"
        if role == "target" and trigger.category == "humanitarian" and trigger.sub_type == "appeal":
            return "addressee"  # "Minta Gencatan Senjata ke Israel"
        return role

    def _plausible(self, mentions: list[Mention], story: _Story, index: int) -> list[tuple[Place, Mention | None]]:
        """The places, but a small town far from every other place of the article is more likely a name
        misread as a place ("Kamal", "Cijulang" in another province): the scene stands in for it."""
        out = []
        for m in mentions:
            if story.is_stray(m):
                out += [p for p in story.scene(index) if p not in out]
            else:
                out.append((self._great_city(m), m))
        return out

    def _great_city(self, m: Mention) -> Place:
        """A state named like the city of a million or more inside it is that city for an event ("berunjuk rasa
        di New York"), unless the text says the state ("negara bagian New York", "New York state")."""
        place = m.place
        if place.kind != "admin1" or rxi(STATE_WORD[self.lang][0]).search(self.before(m.start, 30)) or \
                rxi(STATE_WORD[self.lang][1]).match(self.text[m.end - self.start:]):
            return place
        cities = [self.gazetteer.place(pid) for pid in self.gazetteer.candidates(m.text)]
        cities = [c for c in cities if c.kind == "city" and c.population >= 1_000_000 and
                  c.country_code == place.country_code and distance_km(c.lat, c.lon, place.lat, place.lon) <= 400]
        return max(cities, key=lambda c: c.population) if cities else place

    def _residence(self, trigger: Trigger) -> Place | None:
        """ "serangan ... di kediaman Netanyahu": the country of the person whose home was hit."""
        for a in self.actors:
            if a.start >= trigger.end and a.actor.country_code and \
                    self.search(RESIDENCE[self.lang], self.text[:a.start - self.start]):
                return self.gazetteer.country_place(a.actor.country_code)
        return None

    def _role_name(self, role: str, trigger: Trigger) -> str:
        return "target" if role == "target" and trigger.category in VIOLENT else "location"

    def _target_home(self, trigger: Trigger) -> Place | None:
        """The country of the named group or person a strike hit: "membunuh pemimpin Hamas" is in Palestine."""
        for a in self.actors:
            if a.start >= trigger.end and a.actor.country_code and \
                    not self.search(BY_AGENT, self.text[:a.start - self.start]):
                return self.gazetteer.country_place(a.actor.country_code)
        return None

    def _actor_home(self, trigger: Trigger) -> Place | None:
        """The country of whoever was on the receiving end ("kediaman Netanyahu", "komandan Hizbullah"), else of
        the country the sentence names as an actor's possessor ("Pusat Komando Israel"); for an appeal, a visit or
        an agreement, of the actors themselves."""
        if trigger.category not in VIOLENT | {"diplomacy", "humanitarian", "ceasefire"}:
            return None
        def hit(pos: int) -> bool:
            return pos > trigger.end and \
                not self.search(BY_AGENT, self.text[:pos - self.start])

        codes = [a.actor.country_code for a in self.actors if hit(a.start) and a.actor.country_code]
        codes += [m.place.country_code for m in self.mentions if hit(m.start) and self.roles[id(m)] == "actor"]
        named = [code for _, kind, code in self.actors_for(trigger, "") if code and kind != "civilians"]
        if trigger.category in VIOLENT:
            codes += named[1:] + named[:1]
        else:
            codes = named + codes
        for code in codes:
            place = self.gazetteer.country_place(code)
            if place is not None:
                return place
        return None

    # -- actors --

    def actors_for(self, trigger: Trigger, place_code: str) -> list[tuple[str, str, str]]:
        """(name, ACLED type, country) of actor1 (who did it) then actor2, ACLED-style names; worked out once per
        trigger span, category and place (the category's refining and the event's places ask again)."""
        key = (trigger.start, trigger.end, trigger.category, place_code)
        found = self.chosen_actors.get(key)
        if found is None:
            found = self.chosen_actors[key] = self._actors_for(trigger, place_code)
        return found

    def _actors_for(self, trigger: Trigger, place_code: str) -> list[tuple[str, str, str]]:
        lang, category = self.lang, trigger.category
        a, b = self.clause(trigger, MAJOR_BREAK)
        named: list[tuple[int, str, str, str]] = []
        for am in self.actors:
            named.append((am.start, am.actor.name, am.actor.type, am.actor.country_code))
        for m in self.mentions:
            if self.roles[id(m)] == "actor" and m.place.country_code:
                named.append((m.start, *self._country_actor(m.place.country_code, category)))
        for p in self.people:
            code = p.place.country_code
            if code and ARMED_PEOPLE.match(self.text[p.end - self.start:]):
                named.append((p.start, *self._country_actor(code, category)))
            elif code:
                named.append((p.start, f"Civilians ({self._country_name(code)})", "civilians", code))
        home = place_code or ("ID" if lang == "id" else "")  # names the country; only a known place gives a code
        code = place_code
        for police, start in self.unnamed_actors if home else ():
            if not any(abs(pos - start) < 3 for pos, *_ in named):
                if police:
                    named.append((start, f"Police Forces of {self._country_name(home, article=True)}", "state forces",
                                  code))
                else:
                    named.append((start, f"Unidentified Armed Group ({self._country_name(home)})", "political militia",
                                  code))
        if category == "protest":
            named = [n for n in named if n[2] not in ("civilians",)]
            if home and not any(n[2] == "protesters" for n in named):
                named.insert(0, (trigger.start - 1, f"Protesters ({self._country_name(home)})", "protesters", code))
        named.sort()
        if category in VIOLENT:  # a person named beside a strike is its target, not its author
            named = [n for n in named if n[2] != "person" or n[0] > trigger.end]
        before = [n for n in named if n[0] < trigger.start and n[0] >= a - 60]
        bare_agent = lang == "id" and rx(r"di\w").match(trigger.text) is not None  # "diamankan polisi", "dibunuh
        # pasukan Israel": an Indonesian passive's agent may follow it with no "oleh"
        passive_agent = [n for n in named if n[0] >= trigger.end and (rx(BY_AGENT).search(
            self.text[:n[0] - self.start]) or bare_agent and rx(BARE_AGENT_GAP).fullmatch(
                self.text[trigger.end - self.start:n[0] - self.start]))]
        following = [n for n in named if trigger.end <= n[0] < b + 40]
        while len(before) > 1 and rx(r"^[\w-]+(?:\s+[\w-]+){0,2}\s*(?:dan|and|&)\s+$").match(
                self.text[before[-2][0] - self.start:before[-1][0] - self.start]) and rx(
                r"^[\w-]+(?:\s+[\w-]+){0,2}\s+$").match(
                self.text[before[-1][0] - self.start:trigger.start - self.start]):
            before = before[:-1]  # "Pemerintah Thailand dan Kamboja menandatangani": the first of a pair of subjects
            # leads (not of a pair the clause only names: "Hamas dan Hizbullah, yang kehilangan ...")
        first = passive_agent[0] if passive_agent else (before[-1] if before else (following[0] if following else None))
        if category == "protest" and first is not None and first[2] != "protesters":
            first = next((n for n in named if n[2] == "protesters"), first)  # protesters protest, whoever they name
        if category == "arrest" and home and (first is None or first[2] != "state forces"):
            # the state arrests; the suspect named is arrested ("satu pelaku Lidya tertangkap", "was arrested Friday")
            state = [n for n in named if n[2] == "state forces" and n[0] >= a - 60]
            first = min(state, key=lambda n: abs(n[0] - trigger.start)) if state else (
                trigger.start, f"Police Forces of {self._country_name(home, article=True)}", "state forces", code)
        if first is None:
            return []
        sufferer = [before[-1]] if passive_agent and before and before[-1][1] != first[1] else []  # "Komandan
        # Hizbullah dibunuh pasukan Israel": the subject of a passive suffered it
        chosen = [first] + (sufferer or [n for n in following if n[1] != first[1]][:1])
        if len(chosen) == 1 and category in VIOLENT:
            victims = self.search(CIVILIANS[lang], self.text[trigger.start - self.start:])
            if victims and home and first[2] != "civilians":
                chosen.append((0, f"Civilians ({self._country_name(home)})", "civilians", code))
        return [(name, kind, code) for _, name, kind, code in chosen]

    @_lazy
    def unnamed_actors(self) -> list[tuple[bool, int]]:
        """(police, document offset) of the armed men and police the sentence names with no name, unidentified ones
        first: the same for each trigger and place that asks."""
        return [(police, self.s.start + m.start()) for police, cue in ((False, UNIDENTIFIED), (True, POLICE))
                for m in screened(cue[self.lang]).finditer(self.text, self.scan)]

    def _country_name(self, code: str, article: bool = False) -> str:
        place = self.gazetteer.country_place(code) if code else None
        name = place.name if place is not None else code
        return f"the {name}" if article and name.startswith(("United", "Democratic", "Philippines", "Netherlands"))\
            else name

    def _country_actor(self, code: str, category: str) -> tuple[str, str, str]:
        if category in VIOLENT:
            return f"Military Forces of {self._country_name(code, True)}", "state forces", code
        if category == "arrest":
            return f"Police Forces of {self._country_name(code, True)}", "state forces", code
        if category == "protest":
            return f"Protesters ({self._country_name(code)})", "protesters", code
        return f"Government of {self._country_name(code, True)}", "state forces", code

    # -- dates --

    @_lazy
    def dates(self) -> list[DateMention]:
        """The dates the sentence states, read when a trigger first asks (only events are dated)."""
        return dates_in(self.s, self.lang, self.published, self.scan)

    def date_for(self, trigger: Trigger, triggers: list[Trigger], story: _Story) -> tuple[dt.date | None, int, bool]:
        """(date, time precision, from the text): the trigger's clause, else the sentence (not another event's
        clause, not when something was said), else the story's, else the article's."""
        usable = [d for d in self.dates if not d.attribution]
        if usable:  # most sentences state no date: their clauses are not asked for
            breaks = CLAUSE_BREAK[self.lang]
            a, b = self.clause(trigger, breaks)
            own = [d for d in usable if a <= d.start < b]
            others = [self.clause(t, breaks) for t in triggers if t is not trigger]
            free = [d for d in usable if not any(x <= d.start < y for x, y in others)]
            pick = own or free
            if pick:
                d = min(pick, key=lambda d: min(abs(d.start - trigger.end), abs(trigger.start - d.end)))
                return d.date, d.precision, True
        if story.date is not None:
            return story.date, 1, False
        return self.published, 1 if self.published else 3, False

    # -- the events --

    def code(self, published: dt.date | None, story: _Story,
             index: int) -> tuple[list[tuple[Event, bool]], list[Statement], list[Unplaced]]:
        """The sentence's events (each with whether its date came from the text), its statements, and the
        events it tells without a place (they join an event told elsewhere in the article)."""
        lang = self.lang
        self.published = published
        statements: list[Statement] = []
        kept: list[Trigger] = []
        for trigger in self.triggers:
            if trigger.kind == "impact" and self.weapon_in(*self.clause(trigger, MAJOR_BREAK)) is None:
                continue  # a verb of impact with no weapon is no event, nor one spoken of ("tak menyasar tunjangan")
            said = self.statement(trigger)
            if said is not None and said[0] == "denial" and trigger.kind == "generic" and \
                    rxi(r"\S*(?:bunuh|tewas|kill|habisi|slain)").match(trigger.text):
                self.spoken.append(trigger)  # "No one was killed in the attack": no deaths, no statement
            elif said is not None:
                statements.append(Statement(said[0], trigger.category, said[1], self.s))
                self.spoken.append(trigger)
                if said[0] != "denial":
                    self.foretold.add(trigger.start)
            elif self.not_an_event(trigger):
                self.spoken.append(trigger)
            else:
                refined = self.refine(trigger)
                if refined is not None:
                    kept.append(refined)
        statements += self._talk(statements)
        kept = _grouped(self._yielding(kept, story, index)) if kept else []
        told = self._casualties_by_trigger(kept) if kept else {}
        events: list[tuple[Event, bool]] = []
        unplaced: list[Unplaced] = []
        seen: set[tuple] = set()
        placed_here: set[str] = set()
        for trigger in kept:
            harm = told[id(trigger)] if trigger.category in HARMFUL else Casualties(None, None)
            role, places = self.places_for(trigger, story, index, kept)
            if role in ("scene", "actor_country") and trigger.category in placed_here:
                continue  # "visited Amman on Monday and met with King Abdullah II": one visit
            if role in ("scene", "actor_country") and trigger.kind == "generic" and trigger.category == "protest":
                continue  # "demonstran yang dieksekusi itu": protesters spoken of, no protest told here
            if places and role not in ("scene", "actor_country"):
                placed_here.add(trigger.category)
            if not places:
                unplaced.append(Unplaced(trigger.category, index, self.s, harm))
                continue
            date, precision, dated = self.date_for(trigger, kept, story)
            origin = self._origin(trigger)
            for place, mention in places:
                if (trigger.category, place.name, date) in seen:
                    continue
                seen.add((trigger.category, place.name, date))
                actors = self.actors_for(trigger, place.country_code)
                geo = place.geo_precision
                if mention is not None and place.kind == "city" and (
                        mention.within or self.search(PART_OF[lang], self.before(mention.start, 40))):
                    geo = 2
                events.append((Event(trigger.category, place, role, mention, date, precision, geo,
                                     tuple(n for n, _, _ in actors), harm.deaths, self.s, trigger.text, origin,
                                     (self.s,), trigger.sub_type, harm.injured, tuple(k for _, k, _ in actors)),
                               dated))
        return events, statements, unplaced

    def _talk(self, statements: list[Statement]) -> list[Statement]:
        """Statements with no event word: threats of retaliation ("Iran mengancam akan membalas"), talk of war or
        peace under a cue ("Siap Perangi Israel", "jika Perang dengan Hizbullah"), warnings to a state or armed
        group and threats from one ("Biden Peringatkan Iran"), advice not to travel ("WNI Diimbau Tak Lakukan Perjalanan
        ke Lebanon"), and headlines that ask."""
        lang, found = self.lang, []
        possible = self.scan.possible(_talk_words(lang))
        # 0: a threat; k: TALK_OF's k-1st pattern
        if not possible and ":" not in self.text and not self.text.rstrip().endswith("?"):
            return found  # most sentences: no talk, no speaker quoted, no question
        if not self.triggers and 0 in possible:
            threat = rxi(THREAT_OF_VIOLENCE[lang]).search(self.text)
            if threat:
                found.append(Statement("threat", "attack", threat.group(), self.s))
        talk = [(category, pattern) for k, (category, pattern) in enumerate(TALK_OF[lang], 1) if k in possible] \
            if possible else []  # most sentences: none
        armed = None  # whether the sentence names a state acting or an armed group, asked once if needed
        talked = []  # the talk-of words the sentence uses of war or peace
        for category, pattern in talk:
            for m in rxi(pattern).finditer(self.text):
                if rxi(CONFLICT_WORDS[lang]).fullmatch(m.group()):
                    armed = self._conflict_actor() if armed is None else armed
                    if not armed:
                        continue  # "potensi konflik keagamaan": a conflict only with an armed side named
                talked.append(m)
                if any(t.start <= self.s.start + m.start() < t.end for t in self.triggers):
                    continue
                word = Trigger(self.s.start + m.start(), self.s.start + m.end(), m.group(), category, "", "topic")
                said = self.statement(word)
                if said is not None and said[0] != "denial":
                    found.append(Statement(said[0], category, said[1], self.s))
        warned = [(kind, pattern) for k, (kind, pattern) in enumerate(WARNED[lang], len(TALK_OF[lang]) + 1)
                  if k in possible] if possible else []
        if warned and not self.triggers and not found and self._conflict_actor():
            for kind, pattern in warned:
                cue = rxi(pattern).search(self.text)
                if cue:
                    found.append(Statement(kind, "armed_clash", cue.group(), self.s))
                    break
        quoted = rx(r"(?:^|[,;]\s*)([^:,;\"“]{2,40}):\s+\S").search(self.text) if not found and ":" in self.text \
            else None
        if quoted and not any(t.start >= self.s.start + quoted.end(1) for t in self.triggers):
            a, b = self.s.start + quoted.start(1), self.s.start + quoted.end(1)
            said = self.search(FUTURE_WORD[lang], self.text[quoted.end():])
            if said and (any(a <= x.start < b and x.actor.type in ("rebel group", "state forces") for x in self.actors)
                         or any(a <= m.start < b and m.place is not None and m.place.kind == "country"
                                for m in self.mentions)):
                # "Iran: Kekuatan Lain akan Bergerak!": a state or armed group says what will come
                found.append(Statement("threat", "armed_clash", said.group(), self.s))
        travel = 1 + len(TALK_OF[lang]) + len(WARNED[lang])  # TRAVEL_WARNING's place in _talk_words
        if not self.triggers and not found and travel in possible and any(m.place is not None for m in self.mentions):
            advice = rxi(TRAVEL_WARNING[lang]).search(self.text)
            if advice:
                found.append(Statement("warning", "armed_clash", advice.group(), self.s))
        if self.text.rstrip().endswith("?") and not statements and not found and (self.triggers or talked) and \
                not rxi(TEASER[lang]).search(self.text):
            found.append(Statement("question", (self.triggers[0].category if self.triggers else "armed_clash"), "?",
                                   self.s))
        return found

    def _conflict_actor(self) -> bool:
        """The sentence names a state acting or an armed group: "Iran", "Hizbullah", "IDF"."""
        return any(a.actor.type in ("rebel group", "state forces") for a in self.actors) or any(
            m.usage == "actor" and m.place.kind == "country" for m in self.mentions)

    def _actor1_type(self, trigger: Trigger) -> str:
        """Who did it, by type: asked only where the type decides the category (bombs, bombardments, raids)."""
        actors = self.actors_for(trigger, "")
        return actors[0][1] if actors else ""

    def _yielding(self, triggers: list[Trigger], story: _Story, index: int) -> list[Trigger]:
        """ACLED's one event per act. A killing belongs to the event the sentence names beside it; a plain attack
        word to a strike or battle in its clause; an explosion to a strike, blast or disaster; a clash or arrests
        during a protest to the protest; shots with tear gas are police breaking up a protest. Alone, an
        explosion or killing right after a strike, blast or battle continues that event ("The blast also
        wounded nine")."""
        lang = self.lang
        named = [t for t in self.triggers if t.kind != "generic" and t.start not in self.foretold and not (
            t.kind == "impact" and self.weapon_in(*self.clause(t, MAJOR_BREAK)) is None)]  # not one to come, nor a
        # verb of impact with no weapon ("Serangan Kelompok Ini Sukses Tembus Tel Aviv": the attack)

        def same_clause(t: Trigger, o: Trigger) -> bool:
            return self.clause(t, MAJOR_BREAK) == self.clause(o, MAJOR_BREAK)

        def yields(t: Trigger, o: Trigger) -> bool:
            if o.start == t.start or o.kind == "generic":
                return False
            if t.kind == "generic":
                if t.category == "attack":
                    kill = rxi(r"\S*(?:bunuh|tewas|kill|habisi|slain)").match(t.text)
                    return o.category in HARMFUL and (kill is not None or not t.is_verb or same_clause(t, o))
                if t.category == "accident":
                    return o.category in VIOLENT | {"disaster", "accident"}
                return o.category == t.category
            return t.category in ("arrest", "armed_clash") and o.category == "protest"

        kept = [t for t in triggers if not any(yields(t, o) for o in named + triggers)]
        if screened(PROTEST_INTERVENTION[lang]).search(self.text, self.scan) or any(
                o.category == "protest" for o in named):
            kept = [t.recast("protest", "protest with intervention")
                    if t.kind == "generic" and t.category == "attack" else t for t in kept]
        recent = story.recent_event(index, 2)
        placed = any(self.roles[id(m)] in ("location", "target") for m in self.mentions)
        out = []
        for t in kept:
            pointing = rxi(ANAPHORA[lang]).search(self.before(t.start, 30) if lang == "en" else
                                 self.text[t.end - self.start:t.end - self.start + 30])
            earlier = story.last_harm() if pointing else recent if not placed else None
            if t.kind == "generic" and t.category in ("attack", "accident") and earlier is not None and \
                    earlier.category in VIOLENT - {"attack"} and self.weapon_in(self.s.start, self.s.end) is None:
                t = t.recast(earlier.category, earlier.sub_type, "anaphora")
            elif t.category in VIOLENT and not placed and recent is not None and recent.category == "armed_clash":
                t = t.recast("armed_clash", recent.sub_type)  # gunships in a battle: the battle
            out.append(t)
        return out

    def _origin(self, trigger: Trigger) -> Place | None:
        if trigger.category not in ("airstrike", "shelling"):
            return None
        found = [m for m in self.mentions if self.roles[id(m)] == "origin"]
        return found[0].place if found else None

    def _casualties_by_trigger(self, triggers: list[Trigger]) -> dict[int, Casualties]:
        """Each harmful trigger's deaths and injuries: those told from its clause to the next trigger's clause (the
        whole sentence when it names one event)."""
        out = {}
        harmed = _may_hold(self.scan, (harm_words(self.lang),))  # whether the sentence may tell any harm at all
        ordered = sorted(triggers, key=lambda t: t.start)
        for i, t in enumerate(ordered):
            if t.category not in HARMFUL:
                continue  # no deaths or injuries are counted for it
            start = 0 if i == 0 else max(self.clause(t, MAJOR_BREAK)[0], ordered[i - 1].end) - self.start
            end = len(self.text)
            if i + 1 < len(ordered):
                end = max(self.clause(ordered[i + 1], MAJOR_BREAK)[0], t.end) - self.start
            told = casualties(self.text[start:end], self.lang, self.scan) if harmed else Casualties(None, None)
            if told.deaths is None and t.category in VIOLENT:
                told = Casualties(_singular_victim(self.text[t.start - self.start:end], self.lang), told.injured)
            out[id(t)] = told
        return out


# -- merging ----------------------------------------------------------------------------------------

def _contains(big: Place, small: Place) -> bool:
    """The bigger place holds the smaller: same country, coarser, and near enough for its kind."""
    if big is small or big.country_code != small.country_code or big.geo_precision <= small.geo_precision:
        return False
    if big.kind == "country":
        return True
    reach = {"region": 60, "admin1": 400, "island": 600, "admin2": 80, "district": 30}.get(big.kind, 50)
    return distance_km(big.lat, big.lon, small.lat, small.lon) <= reach


def _most_specific(mentions: list[Mention]) -> list[Mention]:
    """Drop a place when a place inside it is named too ("Lebanon, Beirut" is Beirut)."""
    return [m for m in mentions if not any(_contains(m.place, o.place) for o in mentions)]


def _nearby(a: Place, b: Place) -> bool:
    """Two points in one town: "Times Square" and "New York City" on the same day are one protest."""
    return a.kind in ("city", "district") and b.kind in ("city", "district") and \
        distance_km(a.lat, a.lon, b.lat, b.lon) <= 25


def _same_place(a: Event, b: Event) -> bool:
    return a.place.name == b.place.name and abs(a.place.lat - b.place.lat) < 1e-6 and \
        abs(a.place.lon - b.place.lon) < 1e-6


def _apposition(mentions: list[Mention]) -> list[Mention]:
    """ "Broadway, New York": a name before a comma and a bigger place that does not hold it was misread
    (a street taken for a town elsewhere); the bigger place stays."""
    out = []
    for m in mentions:
        nxt = next((o for o in mentions if o.start > m.end and o.start - m.end <= 3), None)
        if nxt is not None and nxt.place.population > m.place.population and \
                distance_km(m.place.lat, m.place.lon, nxt.place.lat, nxt.place.lon) > 100:
            continue
        out.append(m)
    return out


def _grouped(triggers: list[Trigger]) -> list[Trigger]:
    """ "banjir dan longsor", "bentrokan dan baku tembak": triggers of one category in a row are one event."""
    out: list[Trigger] = []
    for t in sorted(triggers, key=lambda t: t.start):
        if out and out[-1].category == t.category and t.start - out[-1].end <= 12:
            continue
        out.append(t)
    return out


# One person, named by a role: "seorang", "komandan", "wali kota".
ONE_PERSON_ID = (r"(?:seorang|komandan|pemimpin|pimpinan|bos|tokoh|jurnalis|wartawan|wali kota|pejabat|pendiri|"
                 r"petinggi|kepala|ketua|penerus|panglima|jenderal)")
SINGULAR_VICTIM = {"id": rf"^\S+\s+(?:\S+\s+)?{ONE_PERSON_ID}\b",
                   "en": r"^\S+\s+(?:a|an|one)\s+(?!number|few|dozen|hundred|lot)\w+"}
SINGULAR_DEAD = {"id": rf"\b{ONE_PERSON_ID}\b(?:\s+\S+){{0,4}}\s+(?:ikut\s+)?tewas\b",
                 "en": r"\b(?:a|an|one)\s+\w+(?:\s+\w+)?\s+(?:was|has been)\s+killed\b"}


def _singular_victim(text: str, lang: str) -> int | None:
    """1 when a killing names one victim: "Bunuh Komandan Hizbullah", "killed a Hezbollah commander"."""
    if rxi(SINGULAR_VICTIM[lang]).search(text) and rxi(r"\S*(?:bunuh|tewas|kill|habisi)").match(text):
        return 1
    if rxi(SINGULAR_DEAD[lang]).search(text):
        return 1
    return None


def _merge(candidates: list[Candidate], unplaced: list[Unplaced]) -> list[Event]:
    """One event per category, place and day; an event told again with a coarser place (the scene, the actor's
    country, a country beside its town in one sentence) or with only the story's date joins the one that says
    more. Events told without a place join the nearest event of their category, casualties alone the event
    just before them."""
    merged: list[Candidate] = []
    for c in candidates:
        e = c.event
        home = next((m for m in merged if m.event.category == e.category and _same_place(m.event, e) and
                     (m.event.date == e.date or not c.dated or not m.dated)), None)
        if home is None:
            home = next((m for m in merged if m.event.category == e.category and (m.event.date == e.date or
                         not c.dated) and (_contains(e.place, m.event.place) or _nearby(e.place, m.event.place))),
                        None)
        if home is None:
            finer = next((m for m in merged if m.event.category == e.category and (m.event.date == e.date or not
                          m.dated) and _contains(m.event.place, e.place)), None)
            if finer is not None:
                finer.event = replace(e, evidence=_add(finer.event.evidence, e.sentence),
                                      fatalities=_fewest(finer.event.fatalities, e.fatalities),
                                      injured=_fewest(finer.event.injured, e.injured))
                continue
        if home is None:
            merged.append(Candidate(e, c.dated, c.index))
            continue
        first = home.event
        better_date = not home.dated and c.dated
        home.event = replace(first, evidence=_add(first.evidence, e.sentence), sub_type=_graver(first, e),
                             actors=first.actors or e.actors, actor_types=first.actor_types or e.actor_types,
                             fatalities=_fewest(first.fatalities, e.fatalities),
                             injured=_fewest(first.injured, e.injured),
                             date=e.date if better_date else first.date,
                             time_precision=e.time_precision if better_date else first.time_precision,
                             origin=first.origin or e.origin)
        home.dated = home.dated or c.dated
    for u in unplaced:
        if u.category:
            near = sorted((m for m in merged if m.event.category == u.category and abs(m.index - u.index) <= 3),
                          key=lambda m: (abs(m.index - u.index), m.index > u.index))
        else:
            near = [m for m in reversed(merged) if 0 < u.index - m.index <= HARM_REACH and
                    m.event.category in HARMFUL][:1]
        if near:
            m = near[0]
            m.event = replace(m.event, evidence=_add(m.event.evidence, u.sentence) if u.category else m.event.evidence,
                              fatalities=_fewest(m.event.fatalities, u.harm.deaths),
                              injured=_fewest(m.event.injured, u.harm.injured))
    return [m.event for m in merged]


PROTEST_GRAVITY = ("peaceful protest", "protest with intervention", "violent demonstration", "mob violence")


def _graver(a: Event, b: Event) -> str:
    """A protest told as peaceful in one sentence and as a riot in the next was a riot."""
    if a.category == "protest" and b.sub_type in PROTEST_GRAVITY and a.sub_type in PROTEST_GRAVITY:
        return max(a.sub_type, b.sub_type, key=PROTEST_GRAVITY.index)
    return a.sub_type


def _add(evidence: tuple[Sentence, ...], sentence: Sentence) -> tuple[Sentence, ...]:
    return evidence if sentence in evidence else evidence + (sentence,)


def _fewest(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else min(a, b)
