"""What happened where and when: events from sentences, places, actors and dates.

Per sentence: find trigger words of each category (Indonesian affixes are generated from roots, so
"serang" also finds menyerang, diserang, serangan, penyerangan), drop those under a threat, hope,
negation or condition ("tidak akan", "mengancam", "if"), find the place each trigger happened at
(a locative after it: "di X", "ke X dan Y", "in X"; a fronted "Di X, ..."; the scene of the sentence
before; a place in the sentence that is not an actor; the country of a person whose residence was
hit), then date, actors and fatalities. The same event reported twice is kept once with both sentences.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from geomap.document import ActorMention, Event, Mention, Place, Sentence
from geomap.gazetteer import LocalGazetteer

# -- triggers -------------------------------------------------------------------------------------

NASAL = {"s": ("meny", "peny"), "t": ("men", "pen"), "p": ("mem", "pem"), "k": ("meng", "peng")}
PREFIXES = ("", "di", "ter", "ber", "me", "mem", "men", "meng", "pe", "pem", "pen", "peng", "per", "se")
SUFFIXES = ("", "an", "kan", "i", "nya", "annya", "kannya")


def indonesian_forms(root: str) -> str:
    """A regex for a root with its Indonesian affixes: serang -> menyerang, diserang, serangan, penyerangan..."""
    stems = {p + root for p in PREFIXES}
    if root[0] in NASAL:
        stems |= {p + root[1:] for p in NASAL[root[0]]}
    return r"(?:" + "|".join(sorted(stems, key=len, reverse=True)) + r")(?:" + "|".join(SUFFIXES[1:]) + r")?"


# category, Indonesian (roots marked ~, else literal regex), English regex; more specific categories first
TRIGGERS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("airstrike", (r"serangan udara", r"serangan (?:pesawat )?(?:nirawak|drone|tak berawak)", r"~bombardir",
                   r"pengeboman udara"),
     (r"air ?strikes?", r"air raids?", r"drone (?:strikes?|attacks?)", r"bombed from the air")),
    ("shelling", (r"roket", r"rudal", r"misil", r"mortir", r"artileri", r"~gempur"),
     (r"rockets?", r"missiles?", r"shell(?:ing|ed|s)", r"artillery", r"mortars?")),
    ("bombing", (r"bom bunuh diri", r"bom mobil", r"ledakan bom", r"~ledak"),
     (r"suicide bomb(?:ing|er)s?", r"car bombs?", r"bombings?", r"IEDs?", r"explosions?", r"blasts?")),
    ("armed_clash", (r"~bentrok", r"baku tembak", r"~tempur", r"kontak senjata", r"operasi darat",
                     r"serangan darat"),
     (r"clash(?:es|ed)?", r"gun ?fights?", r"fire ?fights?", r"battles?", r"ground (?:operation|offensive)s?",
      r"fighting")),
    ("abduction", (r"~culik", r"~sandera"), (r"abduct(?:ed|ion|s)?", r"kidnapp?(?:ed|ing|s)?", r"hostages?")),
    ("arrest", (r"~tangkap", r"~ciduk"), (r"arrest(?:ed|s)?", r"detain(?:ed|s)?")),
    ("attack", (r"~serang", r"~bunuh", r"~tembak", r"~bantai"),
     (r"attack(?:ed|s)?", r"kill(?:ed|ing|s)?", r"shot dead", r"shootings?", r"massacred?", r"stabb(?:ed|ing)")),
    ("protest", (r"unjuk rasa", r"~demonstrasi", r"demo", r"~protes", r"aksi massa", r"~rusuh"),
     (r"protest(?:s|ed|ers)?", r"demonstrat(?:ion|ions|ors|ed)", r"rall(?:y|ies)", r"riot(?:s|ed|ing)?")),
    ("ceasefire", (r"(?:~sepakat|~tandatangan|~umum)\w* (?:\w+ ){0,2}gencatan senjata",
                   r"gencatan senjata (?:\w+ )?(?:mulai )?berlaku", r"(?:~sepakat|~tandatangan) perjanjian"),
     (r"(?:agreed|signed|announced) (?:\w+ ){0,2}(?:ceasefire|truce|agreement|deal)",
      r"(?:ceasefire|truce) (?:took|takes|went into) effect")),
    ("humanitarian", (r"~seru", r"~desak", r"~imbau", r"bantuan kemanusiaan", r"~evakuasi", r"~salur bantuan"),
     (r"call(?:ed|s)? for", r"urg(?:ed|es)", r"appeal(?:ed|s)?", r"humanitarian aid", r"aid convoys?",
      r"evacuat(?:ed|ion|e)")),
    ("diplomacy", (r"~kunjung", r"~temu", r"~runding", r"lawatan", r"negosiasi"),
     (r"visit(?:ed|s|ing)?", r"met with", r"meet(?:s|ing)? with", r"talks with", r"negotiations?", r"summit")),
    ("disaster", (r"~banjir", r"gempa(?: bumi)?", r"tanah longsor", r"~longsor", r"~erupsi", r"kebakaran hutan",
                  r"angin puting beliung", r"tsunami"),
     (r"floods?", r"flooding", r"earthquakes?", r"quakes?", r"landslides?", r"eruptions?", r"wildfires?",
      r"tsunami", r"cyclones?", r"typhoons?")),
    ("accident", (r"~tabrak", r"kecelakaan", r"~karam", r"~tenggelam"),
     (r"crash(?:ed|es)?", r"collisions?", r"accidents?", r"capsized", r"derail(?:ed|ment)")),
)

# Words that turn what follows in the clause into a threat, hope, denial, plan, question or condition.
MODALITY = {
    "id": r"\b(?:tidak|tak|belum|bukan|akan|mengancam|ancam|berharap|harap|jika|apabila|bila|kalau|seandainya|"
          r"apakah|menolak|membantah|berencana|rencana|ingin|siap|hendak|mungkin|dapat)\b",
    "en": r"\b(?:not|no|never|will|would|could|may|might|threat\w*|hopes?|hoped|if|whether|den(?:y|ied|ies)|"
          r"plans? to|planned to|vow\w*|warn\w*|wants? to|ready to)\b",
}
CLAUSE_BREAK = {"id": r"[,;:]|\b(?:dan|tetapi|namun|sementara|sedangkan|saat|ketika|setelah|sejak)\b",
                "en": r"[,;:]|\b(?:and|but|while|when|after|since|as)\b"}
# Words after which a place is where something happened: prepositions, and verbs that take the place as object.
LOCATIVE = {"id": r"\b(?:di|ke|menuju|dekat|sekitar|atas|mengunjungi|mendatangi|mengguncang|melanda|merendam|"
                  r"menghantam|menggempur|menyasar|menargetkan)\b",
            "en": r"\b(?:in|at|on|near|into|to|towards?|outside|visited|visiting|visits?|hit|struck|shook|rocked|"
                  r"pounded|targeted|targeting)\b"}
# Nouns of states of affairs, not events: a place after them is theirs ("upaya gencatan senjata di Timur Tengah").
TOPIC = {"id": r"\b(?:gencatan senjata|perdamaian|perang|konflik|krisis|upaya|kampanye|pemilu|pilpres|bantuan)\b",
         "en": r"\b(?:ceasefire|truce|peace|war|conflict|crisis|efforts?|campaign|elections?|aid)\b"}
VIOLENT = {"airstrike", "shelling", "bombing", "armed_clash", "attack"}
ANAPHORA = {"id": r"\|\s*(?:tersebut|itu|ini)\b", "en": r"\b(?:the|this|that)\s*\|"}
ORIGIN = {"id": r"\bdari\b", "en": r"\bfrom\b"}
PART_OF = {"id": r"\b(?:pinggiran|pinggir|utara|selatan|timur|barat|dekat|sekitar|kawasan|pusat)\b",
           "en": r"\b(?:outskirts|suburbs?|north|south|east|west|near|outside|centre|center)\b"}
RESIDENCE = {"id": r"\b(?:di )?(?:kediaman|rumah|istana|kantor)\s+$", "en": r"\b(?:residence|home|house|office) of\s+$"}
ACTOR_NOUN = {"id": r"\b(?:pasukan|militer|tentara|angkatan \w+|pemerintah|sekutu|pemimpin|presiden|menteri|"
                    r"kelompok|milisi|polisi)\s+$",
              "en": r"\b(?:forces of|army of|government of|allies of|leader of|president of|minister of)\s+$"}
VERBISH = {"id": r"^\s+(?:juga\s+|telah\s+|sudah\s+|akan\s+|tidak\s+|sejauh\s+ini\s+|kembali\s+)*"
                 r"(?:me|ber|di|ter)[a-z]+|^\s+(?:juga|telah|sudah|akan|tidak|sejauh)\b",
           "en": r"^\s+(?:also\s+|has\s+|have\s+|had\s+)?(?:[a-z]+ed|said|says|launched|struck|hit|has|have|will|"
                 r"would|is|was|denied|warned)\b"}
FORCE_BEFORE = r"\b(?:pasukan|militer|tentara|angkatan (?:udara|darat|laut)|jet tempur|polisi)\s+$"  # Indonesian
FORCE_AFTER = re.compile(r"\b([A-Z][a-z]+) (?:forces|troops|army|military|soldiers|police|warplanes|jets|navy|"
                         r"air force|drones?)\b")  # English: a demonym, then the force


@dataclass(frozen=True, slots=True)
class Trigger:
    start: int  # offsets in the document
    end: int
    category: str
    text: str


@lru_cache(maxsize=4)
def trigger_pattern(lang: str) -> re.Pattern:
    parts = []
    for category, id_patterns, en_patterns in TRIGGERS:
        patterns = id_patterns if lang == "id" else en_patterns
        alternatives = [re.sub(r"~(\w+)", lambda m: indonesian_forms(m.group(1)), p) for p in patterns]
        parts.append(f"(?P<{category}>" + "|".join(alternatives) + ")")
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b", re.IGNORECASE)


def find_triggers(sentence: Sentence, lang: str, mentions: list[Mention]) -> list[Trigger]:
    """Trigger words in the sentence, except inside a place name (Serang the city is no attack)."""
    out = []
    for m in trigger_pattern(lang).finditer(sentence.text):
        start, end = sentence.start + m.start(), sentence.start + m.end()
        if not any(p.start < end and start < p.end for p in mentions):
            out.append(Trigger(start, end, m.lastgroup, m.group()))
    return out


# -- numbers and fatalities -----------------------------------------------------------------------

NUMBER_WORDS = {
    "id": {"satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8,
           "sembilan": 9, "sepuluh": 10, "sebelas": 11, "seratus": 100, "seribu": 1000, "belasan": 10,
           "puluhan": 12, "ratusan": 100, "ribuan": 1000, "beberapa": 10, "sejumlah": 10, "banyak": 10},
    "en": {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
           "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
           "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
           "hundred": 100, "a dozen": 12, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000,
           "several": 10, "many": 10, "a few": 3},
}
TENS_ID = r"(?:dua|tiga|empat|lima|enam|tujuh|delapan|sembilan) puluh(?: \w+)?"
DEATH = {"id": r"(?:tewas|meninggal(?: dunia)?|terbunuh|dibunuh|gugur|korban jiwa|korban tewas)",
         "en": r"(?:killed|dead|died|deaths|death toll|lives)"}


def parse_number(words: str, lang: str) -> int | None:
    words = words.lower().strip()
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})*|\d+", words):
        return int(re.sub(r"[.,]", "", words))
    if lang == "id" and re.fullmatch(TENS_ID, words):
        tens, _, rest = words.partition(" puluh")
        return NUMBER_WORDS["id"][tens] * 10 + NUMBER_WORDS["id"].get(rest.strip(), 0)
    return NUMBER_WORDS[lang].get(words)


def fatalities_in(text: str, lang: str) -> int | None:
    """Deaths the sentence reports (ACLED: the lowest figure; "lebih dari 20" is 20; vague words as ACLED says)."""
    words = "|".join(sorted(map(re.escape, NUMBER_WORDS[lang]), key=len, reverse=True))
    number = rf"(\d[\d.,]*|{TENS_ID if lang == 'id' else 'x^'}|{words})"
    if lang == "id":
        patterns = [rf"{number}\s+(?:orang\s+|warga\s+\w+\s+|warga\s+)?(?:\w+\s+){{0,2}}{DEATH['id']}",
                    rf"(?:menewaskan|membunuh|korban tewas(?: mencapai| sebanyak)?)\s+(?:sedikitnya\s+|setidaknya\s+|lebih dari\s+)?{number}"]
    else:
        patterns = [rf"{number}\s+(?:people\s+|civilians\s+|\w+\s+){{0,2}}(?:were\s+|have been\s+|had been\s+)?{DEATH['en']}",
                    rf"(?:killing|killed|kills)\s+(?:at least\s+|more than\s+|some\s+)?{number}"]
    found = []
    for pattern in patterns:
        for m in re.finditer(pattern, text, re.IGNORECASE):
            n = parse_number(m.group(1), lang)
            if n is not None:
                found.append(n)
    return min(found) if found else None


# -- dates ----------------------------------------------------------------------------------------

WEEKDAYS = {"id": ["senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu"],
            "en": ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]}
MONTHS = {"id": "januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november|desember",
          "en": "january|february|march|april|may|june|july|august|september|october|november|december"}
RELATIVE = {"id": {"kemarin": (1, 1), "hari ini": (0, 1), "minggu lalu": (7, 2), "pekan lalu": (7, 2),
                   "bulan lalu": (30, 3)},
            "en": {"yesterday": (1, 1), "today": (0, 1), "last week": (7, 2), "last month": (30, 3)}}


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    date: dt.date
    precision: int


def dates_in(sentence: Sentence, lang: str, published: dt.date | None) -> list[DateMention]:
    """Dates the sentence states, resolved against the article's date (weekdays: the last one on or before it)."""
    text, found = sentence.text, []

    def add(m, date, precision):
        found.append(DateMention(sentence.start + m.start(), sentence.start + m.end(), date, precision))

    for m in re.finditer(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b", text):
        try:
            add(m, dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))), 1)
        except ValueError:
            pass
    months = MONTHS[lang]
    day_month = rf"\b(\d{{1,2}})\s+({months})(?:\s+(\d{{4}}))?\b" if lang == "id" else \
        rf"\b(?:({months})\s+(\d{{1,2}})(?:,\s+(\d{{4}}))?|(\d{{1,2}})\s+({months})(?:\s+(\d{{4}}))?)\b"
    for m in re.finditer(day_month, text, re.IGNORECASE):
        date = _month_day(m, lang, published)
        if date:
            add(m, date, 1)
    if published is not None:
        for i, name in enumerate(WEEKDAYS[lang]):
            for m in re.finditer(rf"\b{name}\b", text, re.IGNORECASE):
                if any(d.start <= sentence.start + m.start() < d.end for d in found):
                    continue
                if lang == "id" and name == "minggu" and re.match(r"\s+(?:lalu|depan|ini)", text[m.end():]):
                    continue
                back = (published.weekday() - i) % 7
                add(m, published - dt.timedelta(days=back), 1)
        for phrase, (days, precision) in RELATIVE[lang].items():
            for m in re.finditer(rf"\b{phrase}\b", text, re.IGNORECASE):
                add(m, published - dt.timedelta(days=days), precision)
    return found


def _month_day(m: re.Match, lang: str, published: dt.date | None) -> dt.date | None:
    names = MONTHS[lang].split("|")
    if lang == "id":
        day, month, year = m.group(1), m.group(2), m.group(3)
    elif m.group(1):
        month, day, year = m.group(1), m.group(2), m.group(3)
    else:
        day, month, year = m.group(4), m.group(5), m.group(6)
    if not year and published is None:
        return None
    try:
        date = dt.date(int(year) if year else published.year, names.index(month.lower()) + 1, int(day))
    except ValueError:
        return None
    if not year and published and date > published + dt.timedelta(days=7):
        date = date.replace(year=date.year - 1)  # "27 September" in an October article is the last one
    return date


# -- places and actors ----------------------------------------------------------------------------

def _contains(big: Place, small: Place) -> bool:
    return big is not small and big.country_code == small.country_code and big.geo_precision > small.geo_precision


def _most_specific(mentions: list[Mention]) -> list[Mention]:
    """Drop a place when a place inside it is named too ("Lebanon, Beirut" is Beirut)."""
    return [m for m in mentions if not any(_contains(m.place, o.place) for o in mentions)]


class _SentenceReader:
    """Roles of the places in one sentence: locative, origin, actor or plain modifier."""

    def __init__(self, sentence: Sentence, mentions: list[Mention], lang: str):
        self.s, self.lang = sentence, lang
        self.mentions = [m for m in mentions if m.place is not None]
        self.roles = {id(m): self._role(m) for m in self.mentions}

    def before(self, pos: int, span: int = 60) -> str:
        return self.s.text[max(0, pos - self.s.start - span): pos - self.s.start]

    def _role(self, m: Mention) -> str:
        left = self.before(m.start, 80)
        after = self.s.text[m.end - self.s.start:]
        if re.search(ACTOR_NOUN[self.lang], left):
            return "actor"
        clause_start = re.search(rf"(?:^|{CLAUSE_BREAK[self.lang]})\s*$", left)
        if clause_start and re.match(VERBISH[self.lang], after):
            return "actor"
        chain = self._locative_chain(m)
        return chain or "modifier"

    def _locative_chain(self, m: Mention) -> str | None:
        """ "di pinggiran selatan Ibu Kota Lebanon, Beirut", "ke Tel Aviv dan Haifa": the preposition rules."""
        left = self.before(m.start, 80)
        words = re.split(r"(\s+)", left)
        tail = ""
        for w in reversed(words):
            tail = w + tail
            if re.fullmatch(rf"\s*(?:{LOCATIVE[self.lang]})\s.*", tail, re.S | re.I):
                return "location"
            if re.fullmatch(rf"\s*(?:{ORIGIN[self.lang]})\s.*", tail, re.S | re.I):
                return "origin"
            if re.search(r"[.;:!?]|\b(?:yang|that|which)\b", w) or len(tail) > 70:
                return None
            # only lower-case words, capitalised place names and links may stand between preposition and name
            if w.strip() and not re.fullmatch(r"[a-z\-]+|[A-Z][\w'’-]*,?|dan|and|,|Ibu|Kota|Jalur|Tepi", w.strip()):
                return None
        return None

    def locatives_after(self, trigger: Trigger, triggers: list[Trigger]) -> list[Mention]:
        """Locative places after the trigger, before the next trigger or clause-ending punctuation."""
        nxt = min((t.start for t in triggers if t.start > trigger.end), default=self.s.end)
        stop = re.search(rf"[;:]|{TOPIC[self.lang]}", self.s.text[trigger.end - self.s.start: nxt - self.s.start])
        limit = trigger.end + stop.start() if stop else nxt
        return [m for m in self.mentions if trigger.end <= m.start < limit and self.roles[id(m)] == "location"]

    def origin_after(self, trigger: Trigger) -> Place | None:
        found = [m for m in self.mentions if m.start >= trigger.end and self.roles[id(m)] == "origin"]
        return found[0].place if found else None

    def fronted(self) -> list[Mention]:
        """ "Di Gaza pada hari Selasa, ...": a scene set before the sentence's first comma."""
        head = re.match(rf"\s*(?:{LOCATIVE[self.lang]})\s[^,]*,", self.s.text, re.IGNORECASE)
        if not head:
            return []
        return [m for m in self.mentions if m.end - self.s.start <= head.end() and self.roles[id(m)] == "location"]



def _clause_is_modal(sentence: Sentence, trigger: Trigger, lang: str) -> bool:
    left = sentence.text[: trigger.start - sentence.start]
    clause = re.split(CLAUSE_BREAK[lang], left)[-1]
    return re.search(MODALITY[lang], clause, re.IGNORECASE if lang == "en" else 0) is not None


def _actors(sentence: Sentence, trigger: Trigger, actor_mentions: list[ActorMention], reader: _SentenceReader,
            lang: str, gazetteer: LocalGazetteer) -> tuple[str, ...]:
    """actor1 (who did it) then actor2: the named actor before the trigger, or after "oleh"/"by" in a passive.

    Countries acting ("Israel melakukan serangan") and forces ("pasukan Israel", "Israeli warplanes") count.
    """
    named: list[tuple[int, str]] = [(a.start, a.actor.name) for a in actor_mentions
                                    if sentence.start <= a.start < sentence.end]
    for m in reader.mentions:
        if re.search(FORCE_BEFORE, sentence.text[: m.start - sentence.start]) and m.place.kind == "country":
            named.append((m.start, f"Military Forces of {m.place.name}"))
        elif reader.roles[id(m)] == "actor" and m.place.kind == "country":
            named.append((m.start, m.place.name))
    for force in FORCE_AFTER.finditer(sentence.text):
        country = gazetteer.country_place(gazetteer.demonym_country(force.group(1)) or "")
        if country is not None:
            named.append((sentence.start + force.start(), f"Military Forces of {country.name}"))
    named.sort()
    before = [n for pos, n in named if pos < trigger.start]
    rest_of_clause = re.search(rf"{CLAUSE_BREAK[lang]}|\b(?:yang|tempat|where|who|which)\b",
                               sentence.text[trigger.end - sentence.start:])
    clause_end = trigger.end + rest_of_clause.start() if rest_of_clause else sentence.end
    after = [(pos, n) for pos, n in named if trigger.end <= pos < clause_end]
    passive = [n for pos, n in after if re.search(r"\b(?:oleh|by)\s+(?:\S+\s+){0,1}$",
                                                    sentence.text[: pos - sentence.start])]
    first = passive[0] if passive else (before[-1] if before else (after[0][1] if after else ""))
    second = [n for _, n in after if n != first]
    return tuple([first] + second[:1]) if first else ()


def _residence(sentence: Sentence, trigger: Trigger, actor_mentions: list[ActorMention], lang: str,
               gazetteer: LocalGazetteer) -> Place | None:
    """ "serangan di kediaman Netanyahu": the country of the person whose home was hit."""
    for a in actor_mentions:
        if a.start >= trigger.end and a.start < sentence.end and a.actor.country_code:
            if re.search(RESIDENCE[lang], sentence.text[: a.start - sentence.start]):
                return gazetteer.country_place(a.actor.country_code)
    return None


# -- the stage ------------------------------------------------------------------------------------

def article_date(sentences: tuple[Sentence, ...], lang: str) -> dt.date | None:
    """The dateline's date ("JAKARTA, Senin (3/11/2025) -", "BEIRUT, March 4, 2025 -"): a full date up front."""
    for sentence in sentences[:3]:
        for d in dates_in(sentence, lang, None):
            return d.date
    return None


def extract_events(sentences: tuple[Sentence, ...], mentions: list[Mention], actor_mentions: list[ActorMention],
                   lang: str, published: dt.date | None, gazetteer: LocalGazetteer) -> list[Event]:
    """Events of a document, each placed, dated and with its evidence; one event per (category, place, day)."""
    events: list[Event] = []
    unplaced: list[Unplaced] = []
    scene: list[Mention] = []
    for sentence in sentences:
        if sentence.boilerplate or sentence.heading:
            continue
        in_sentence = [m for m in mentions if sentence.start <= m.start < sentence.end and m.usage != "people"]
        reader = _SentenceReader(sentence, in_sentence, lang)
        triggers = find_triggers(sentence, lang, in_sentence)
        dates = dates_in(sentence, lang, published)
        fronted = reader.fronted()
        fatalities = fatalities_in(sentence.text, lang)
        placed_here: set[str] = set()
        violent = {t.category for t in triggers} & VIOLENT
        for trigger in triggers:
            if _clause_is_modal(sentence, trigger, lang):
                continue
            if trigger.category == "attack" and violent - {"attack"}:
                continue  # "airstrikes ..., killing three": the killing is the airstrike's (ACLED: higher type wins)
            role, placed = "location", _most_specific(reader.locatives_after(trigger, triggers))
            if not placed and fronted:
                placed = _most_specific(fronted)
            if not placed and trigger.category in placed_here:
                continue  # "visited Amman ... and met with": one visit
            if not placed and scene:
                role, placed = "scene", scene
            places: list[tuple[Place, Mention | None]] = [(m.place, m) for m in placed]
            if not places:
                home = _residence(sentence, trigger, actor_mentions, lang, gazetteer)
                if home is not None:
                    role, places = "residence", [(home, None)]
            date, precision = _nearest_date(sentence, trigger, triggers, dates, published, lang)
            actors = _actors(sentence, trigger, actor_mentions, reader, lang, gazetteer)
            deadly = fatalities if trigger.category in VIOLENT | {"disaster", "accident"} else None
            origin = reader.origin_after(trigger) if trigger.category in {"airstrike", "shelling"} else None
            if not places:
                anaphoric = re.search(ANAPHORA[lang], _around(sentence, trigger), re.IGNORECASE) is not None
                unplaced.append(Unplaced(trigger.category, date, actors, deadly, sentence, anaphoric))
                continue
            placed_here.add(trigger.category)
            for place, mention in places:
                precision_geo = place.geo_precision
                if mention is not None and place.kind == "city" and re.search(
                        PART_OF[lang], reader.before(mention.start, 60), re.IGNORECASE if lang == "en" else 0):
                    precision_geo = 2
                events.append(Event(trigger.category, place, role if mention is not None else "residence",
                                    mention, date, precision, precision_geo, actors, deadly, sentence, trigger.text,
                                    origin, (sentence,)))
        scene = _most_specific(fronted)
    return _merge(events, unplaced)


def _clauses(sentence: Sentence, lang: str) -> list[tuple[int, int]]:
    """Document offsets of the sentence's clauses."""
    cuts = [sentence.start] + [sentence.start + m.start() for m in re.finditer(CLAUSE_BREAK[lang], sentence.text)]
    return list(zip(cuts, cuts[1:] + [sentence.end]))


def _nearest_date(sentence: Sentence, trigger: Trigger, triggers: list[Trigger], dates: list[DateMention],
                  published: dt.date | None, lang: str) -> tuple[dt.date | None, int]:
    """The date in the trigger's clause, else the nearest one not in another event's clause, else the article's."""
    clauses = _clauses(sentence, lang)

    def clause_of(pos: int) -> tuple[int, int]:
        return next(c for c in reversed(clauses) if c[0] <= pos)

    own = clause_of(trigger.start)
    busy = {clause_of(t.start) for t in triggers} - {own}
    usable = [d for d in dates if clause_of(d.start) == own] or [d for d in dates if clause_of(d.start) not in busy]
    if usable:
        d = min(usable, key=lambda d: min(abs(d.start - trigger.end), abs(trigger.start - d.end)))
        return d.date, d.precision
    return published, 1 if published else 3


@dataclass(frozen=True, slots=True)
class Unplaced:
    """A report with no place of its own: it joins an event it clearly retells, or is dropped."""

    category: str
    date: dt.date | None
    actors: tuple[str, ...]
    fatalities: int | None
    sentence: Sentence
    anaphoric: bool  # "banjir tersebut", "the attack": points back at an event already told


def _around(sentence: Sentence, trigger: Trigger) -> str:
    a, b = trigger.start - sentence.start, trigger.end - sentence.start
    return sentence.text[max(0, a - 12):a] + "|" + sentence.text[b:b + 12]


def _merge(events: list[Event], unplaced: list[Unplaced]) -> list[Event]:
    """One event per category, place and day; an unplaced report of the same thing by the same actors joins it."""
    merged: dict[tuple, Event] = {}
    for e in events:
        key = (e.category, e.place.name, e.place.lat, e.place.lon, e.date)
        if key in merged:
            first = merged[key]
            merged[key] = replace(first, evidence=_add(first.evidence, e.sentence),
                                  actors=first.actors or e.actors,
                                  fatalities=_fewest(first.fatalities, e.fatalities))
        else:
            merged[key] = e
    out = list(merged.values())
    for u in unplaced:
        for i, e in reversed(list(enumerate(out))):
            if e.sentence.start < u.sentence.start and e.category == u.category and (u.anaphoric or (e.date == u.date and set(e.actors) & set(u.actors))):
                out[i] = replace(e, evidence=_add(e.evidence, u.sentence),
                                 fatalities=_fewest(e.fatalities, u.fatalities))
                break
    return out


def _add(evidence: tuple[Sentence, ...], sentence: Sentence) -> tuple[Sentence, ...]:
    return evidence if sentence in evidence else evidence + (sentence,)


def _fewest(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else min(a, b)
