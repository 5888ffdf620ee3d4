"""Finding place names in text: one Aho-Corasick scan over every gazetteer name, then rules against false hits."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Container, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import ahocorasick

from geomap.curated import read_tsv
from geomap.document import ActorMention, Place, Sentence
from geomap.event_words import LOCATION_WORDS, is_title_case, sentence_case
from geomap.gazetteer import BLOCKED, Blocker, LocalGazetteer, distance_km
from geomap.language import function_words
from geomap.regex import rx, rxi
from geomap.screen import Screen

# Words for people's roles: the capitalised word after them is a person ("coach Ripley", "Gubernur Anies").
TITLES = {
    "en": r"Mr|Mrs|Ms|Miss|Dr|Sen|Rep|Gov|Lt|Sgt|Capt|Det|Rev|Gen|Col|Maj|St\. Rep|President|Senator|Governor|"
          r"Mayor|Sheriff|Deputy|Officer|Judge|Justice|Coach|coach|Pastor|Chief|Commissioner|Secretary|Minister|"
          r"Prime Minister|King|Queen|Prince|Princess|Pope|Father|Sister|Brother|Saint|Professor|Prof|Attorney|"
          r"Trooper|Councilman|Councilwoman|Superintendent|Principal|Director|Chairman|Speaker|Sir|Lord|Lady",
    "id": r"Pak|Bu|Bapak|Ibu|Presiden|Wakil Presiden|Menteri|Gubernur|Bupati|Wali Kota|Walikota|Camat|Lurah|"
          r"Kapolda|Kapolres|Kapolsek|Kapolri|Jenderal|Kolonel|Mayor|Kapten|Brigjen|Irjen|Kombes|AKBP|Kompol|"
          r"Haji|Hj|H|Dr|Prof|Ir|Ustaz|Ustadz|Kiai|KH|Habib|Raja|Ratu|Pangeran|Syekh|Sultan|Paus|Santo|Ketua|"
          r"Direktur|Kepala|Juru Bicara|Jubir|saudara|Saudara|almarhum|Almarhum|sdr|Sdr",
}
TITLE_WORD = {lang: re.compile(words) for lang, words in TITLES.items()}
TITLE_BEFORE = {lang: re.compile(rf"(?:^|[\s(])(?:{words})\.?\s+$") for lang, words in TITLES.items()}
# Offices that govern an area: the area's name after them is no person's ("Bupati Ngada, Marianus Sae").
JURISDICTION_BEFORE = re.compile(r"(?:^|[\s(])(?:(?:Wakil )?(?:[Pp]residen|[Gg]ubernur|[Bb]upati|[Ww]ali ?[Kk]ota)|"
                                 r"Perdana Menteri|[Cc]amat|Kapolda|Kapolres|Kapolresta|Kapolsek|[Ss]enator) $")
OFFICE_ENDS = {"presiden", "gubernur", "bupati", "kota", "walikota", "menteri", "camat", "kapolda", "kapolres",
               "kapolresta", "kapolsek", "senator"}  # the last words of JURISDICTION_BEFORE, looked at first
PREMISES_BEFORE = re.compile(r"\b(?:di|ke|dari) (?:[A-Z][\w-]* )+$")  # "di Pendopo Gubernur " Banten
SPEAKING = {"en": r"said|says|told|asked|according to",
            "id": r"kata|ujar|ucap|tutur|jelas|ungkap|imbuh|tambah|sebut|tegas|menurut"}
SPEECH_BEFORE = {lang: re.compile(rf"\b(?:{words})\s+$") for lang, words in SPEAKING.items()}


def _last_words(words: str) -> tuple[str, ...]:
    """What the text before a name ends with, spaces aside, where a list of plain words and phrases (TITLES,
    SPEAKING) is found before it with an optional full stop: their last words, with and without the stop. TITLE_BEFORE
    and SPEECH_BEFORE are searched only then, as a search tries every position."""
    last = {phrase.split()[-1] for phrase in words.replace("\\.", ".").split("|")}
    return tuple(sorted(last | {word + "." for word in last}))


TITLE_ENDS = {lang: frozenset(_last_words(words)) for lang, words in TITLES.items()}
SPEECH_ENDS = {lang: _last_words(words) for lang, words in SPEAKING.items()}
SPEECH_AFTER = {"en": re.compile(r"(?:'s?\s+|’s?\s+)?\s*(?:said|says|told|added|asked|explained|wrote|noted)\b"),
                "id": re.compile(r",?\s*(?:mengatakan|menjelaskan|menuturkan|mengungkapkan|menyatakan|berkata|"
                                 r"menambahkan|ujarnya|katanya)\b")}
# Compass words beside a name. English ones stay outside it ("Southern California" names California, as LGL
# annotates); Indonesian ones after it join it ("Jawa Barat", "Gaza utara", as the Indonesian sets annotate).
COMPASS = ("North|South|East|West|Northern|Southern|Eastern|Western|Central|Northeast|Northwest|Southeast|Southwest|"
           "Upper|Lower|Greater")
COMPASS_BEFORE = re.compile(rf"(?:{COMPASS})[ -]$")
COMPASS_WORDS = frozenset(COMPASS.split("|"))
COMPASS_AFTER = re.compile(r"^ (?:[Uu]tara|[Ss]elatan|[Tt]imur|[Bb]arat|[Tt]engah|[Bb]arat [Dd]aya|[Tt]enggara|"
                           r"[Bb]arat [Ll]aut|[Tt]imur [Ll]aut|[Pp]usat|[Rr]aya)\b")
ALL_CAPS = re.compile(r"[A-Z](?<![.\w][A-Z])[A-Z'’\-]+(?: [A-Z][A-Z'’\-]+)*\b")  # opens with its capital
# A byte per character of Latin-1 text: "A" for a capital A-Z, "B" for what may follow it in an ALL_CAPS run (' and -;
# "?" for a character beyond Latin-1, which may be ’), else ".": where "AA" or "AB" stands, an ALL_CAPS run may start.
CAPITALS_SHAPES = bytes.maketrans(bytes(range(256)), bytes(ord("A") if 65 <= c <= 90 else ord("B") if chr(c) in "'-?"
                                                           else ord(".") for c in range(256)))
# A run of capitalised words, initials and name particles: "Tyrise M. Bell", "Maria von Trapp". It opens with its
# capital (the word boundary is looked for behind it), which lets the regex engine skip to capitals; its first word is
# followed by the space before the next (the repetition unrolled once), so where a capitalised word stands alone the
# engine sees at once that no space follows, instead of giving the word back letter by letter.
_FURTHER_CAPITALISED = r" (?:(?:von|van|der|de|da|bin|binti) )?[A-Z](?:[\w'’\-]*|\.)"  # a run's next word
CAPITALISED = re.compile(rf"[A-Z](?<!\w[A-Z])[\w'’\-]*{_FURTHER_CAPITALISED}(?:{_FURTHER_CAPITALISED})*")
# States and their historical or foreign divisions, capitalised: "Kerajaan Demak", "Republik Ceko", "Kawedanan Pedan",
# "Region Sagaing", "Negara Bagian Rakhine" are one name (NERGrit train: 29 of 36); lower case, "kerajaan Sunda" is the
# name alone.
POLITY_WORDS = r"Kerajaan|Kesultanan|Kekaisaran|Kadipaten|Republik|Kawedanan|Karesidenan|Keresidenan|Region|" \
               r"Negara Bagian"
# Words that make the capitalised name after (Indonesian) or before (English) them a place, known or not:
# "Desa Kedungbulus", "kota Pati", "Gedung DPR", "Neches River", "Lake Lanier". Areas lend the name's
# own place ("Kabupaten Sumenep" is Sumenep); features (streets, buildings, rivers) stay unplaced unless
# an Indonesian one ends with a known place ("Gedung BEI Medan").
AREA_WORDS = {
    "id": r"Kota|Kotamadya|Kabupaten|Kab\.|Provinsi|Prov\.|Desa|Kecamatan|Kec\.|Kelurahan|Kel\.|Dusun|Kampung|"
          r"Distrik|Pulau|Kepulauan|" + POLITY_WORDS,
    "en": r"County|Co\.|Parish|Township|Twp\.|Borough",
}
FEATURE_WORDS = {
    "id": r"Gunung|Danau|Sungai|Selat|Teluk|Tanjung|Pantai|Bandara|Pelabuhan|Stasiun|Terminal|Pasar|Jalan|Jl\.?|"
          r"Gedung|Lapangan|Taman|Istana|Kompleks|Komplek|Masjid|Gereja|Candi|Benteng|Monumen|Museum|"
          r"Rumah Sakit|RSUD|Hotel|Stadion|Lembah|Tugu|Alun-alun|Bundaran|Jembatan|Waduk|Bendungan|Puncak|"
          r"Bandar Udara|Kastil|Menara|Prefektur|Kolam|Air Terjun|Goa|Gua|Situs|Kebun Raya|Pondok Pesantren|"
          r"Ponpes|Pesantren|(?:SD|SMP|SMA|SMK|SMU|MTs|MA)(?:N| Negeri(?: \d+)?)?",
    "en": r"River|Creek|Lake|Street|St\.|Avenue|Ave\.|Road|Rd\.|Drive|Boulevard|Blvd\.|Highway|Parkway|"
          r"Valley|Mountains?|Islands?|Bay|Canyon|Beach|Park|Square|Bridge|Airport|Peninsula|Ocean|Sea|Desert|"
          r"Forest|Dam|Reservoir",
}
EN_AREA_ABBREVIATIONS = {"Co.": "County", "Twp.": "Township"}  # "Platte Co." is Platte County
EN_FEATURE_BEFORE = r"Lake|Mount|Mt\.|Fort|Cape|Gulf of|Bay of|Isle of|County Road|State Highway|State Route|" \
                    r"U\.S\. Highway|US Highway|U\.S\. Route|Highway|Route|Interstate"
NUMBER_WORDS = r"Nomor|No|Tahun"  # end an Indonesian designated name: "Jalan Asia No. 182", "Kabupaten Berau Nomor 3"
_TOKEN = r"(?:[A-Z0-9][\w'’\-]*\.?)"
_WORD = r"(?:[A-Z][\w'’\-]*\.?)"  # an English name before its designator starts with a letter: not "2009 Walker County"


def _designator_patterns() -> dict[str, re.Pattern]:
    id_words = AREA_WORDS["id"] + "|" + FEATURE_WORDS["id"]
    lower_first = "|".join(w[0].lower() + w[1:] for w in id_words.split("|") if not re.fullmatch(POLITY_WORDS, w))
    stop = rf"(?!(?:{id_words}|{NUMBER_WORDS})\b)"
    # a street may be named after a park or a market ("Jalan Taman Surapati", "Jl. Pasar Baru"), not after a town
    street = rf"(?:(?<=\b[Jj]alan )|(?<=\bJl )|(?<=\bJl\. ))(?!(?:{AREA_WORDS['id']})\b)"
    # an area may be named after an island, a river or a bay ("Kabupaten Kepulauan Seribu", "Kelurahan Sungai Panas")
    areas = AREA_WORDS["id"].split("|")
    after_area = "|".join(rf"(?<=\b{w} )|(?<=\b{w[0].lower() + w[1:]} )" for w in areas)
    area = rf"(?:{after_area})(?!(?:{'|'.join(w for w in areas if w not in ('Pulau', 'Kepulauan'))}|{NUMBER_WORDS})\b)"
    token = r"(?:[A-Z0-9][\w'’\-]*(?:/[A-Z][\w'’\-]*)?\.?)"  # "DPR/MPR" too
    name = rf"(?:{street}|{area}|{stop}){token}(?:\s+{stop}{token}){{0,4}}"
    return {
        "id": re.compile(rf"\b(?P<word>{id_words}|{lower_first})\s+(?P<name>{name})"),
        "en": re.compile(rf"\b(?:(?P<before>{EN_FEATURE_BEFORE})\s+(?P<name2>{_TOKEN}(?:\s+{_TOKEN}){{0,2}})|"
                         rf"(?P<name>{_WORD}(?:\s+{_WORD}){{0,2}})\s+(?P<word>{AREA_WORDS['en']}|{FEATURE_WORDS['en']}))"
                         rf"(?!\w)"),
    }


def _boundary_behind(words: str) -> str:
    """An alternation of words (`words`, each opening with a letter or a group of alternatives that do) with the word
    boundary before them looked for behind their first letter, the words grouped by it: `\\b(?:Kota|Desa|kota)` as
    `K(?<!\\w.)(?:ota)|D(?<!\\w.)(?:esa)|k(?<!\\w.)(?:ota)`. The same words match where they did, tried in the same
    order (two words with different first letters never match at one place). An alternation behind a word boundary is
    tried at every place a word starts, each of its hundred words in turn; this one only where one of its letters
    stands, and only its words of that letter."""
    by_letter: dict[str, list[str]] = {}
    for word in _spelled_out_groups(words):
        assert word[0].isalpha(), word
        by_letter.setdefault(word[0], []).append(word[1:])
    return "|".join(rf"{letter}(?<!\w.)(?:{'|'.join(rests)})" for letter, rests in by_letter.items())


def _spelled_out_groups(words: str) -> list[str]:
    """The alternatives of an alternation, one opening with a group of alternatives spelled out: "(?:SD|SMP)N?" as
    "SDN?" and "SMPN?", in that order."""
    out = []
    for word in _alternatives(words):
        if word.startswith("(?:"):
            close = _closing(word, 0)
            out += _spelled_out_groups("|".join(inner + word[close + 1:] for inner in _alternatives(word[3:close])))
        else:
            out.append(word)
    return out


def _alternatives(pattern: str) -> list[str]:
    """The alternatives of a pattern's outermost alternation."""
    found, depth, start = [], 0, 0
    for i, ch in enumerate(pattern):
        if ch == "\\" or i and pattern[i - 1] == "\\" and (i < 2 or pattern[i - 2] != "\\"):
            continue
        depth += (ch == "(") - (ch == ")")
        if ch == "|" and depth == 0:
            found.append(pattern[start:i])
            start = i + 1
    return found + [pattern[start:]]


def _closing(pattern: str, opening: int) -> int:
    """Where the group opened at `opening` closes."""
    depth = 0
    for i in range(opening, len(pattern)):
        if pattern[i - 1:i] != "\\":
            depth += (pattern[i] == "(") - (pattern[i] == ")")
        if depth == 0:
            return i
    raise ValueError(f"unbalanced: {pattern}")


DESIGNATED = _designator_patterns()


def _openings(pattern: re.Pattern) -> ahocorasick.Automaton:
    """What each word of a pattern `\\b(?P<word>...)...` opens with as written, with its length: the letters before
    an escape, a group or an optional letter ("Kab" of "Kab\\.", "SD" of "SD(?:N| Negeri)?"). Every match of the
    pattern starts where one of them does. The lower-case words are added first: the walk looks for a character
    among the first letters in the order they were added, and lower-case letters are most of a text."""
    opening = r"\b(?P<word>"
    words = pattern.pattern[len(opening):_closing(pattern.pattern, opening.index("("))]
    automaton = ahocorasick.Automaton()
    for word in sorted(_spelled_out_groups(words), key=lambda word: word[0].isupper()):
        letters = re.match(r"[^\\()\[\]?*+{|.^$]*", word).group()
        if word[len(letters):len(letters) + 1] in ("?", "*", "{"):
            letters = letters[:-1]  # the last letter is optional
        assert letters, word
        automaton.add_word(letters, len(letters))
    automaton.make_automaton()
    return automaton


DESIGNATOR_OPENINGS = _openings(DESIGNATED["id"])
DESIGNATOR_WORD = re.compile(rf"(?:{AREA_WORDS['id']}|{FEATURE_WORDS['id']})")
# Words around a country's name that tell a place ("di Israel") from a state or its people ("militer Israel").
LOCATIVE = {
    "id": {"di", "ke", "dari", "menuju", "wilayah", "kawasan", "seluruh", "arah", "asal", "perbatasan", "ibukota",
           "kota", "negara", "penjuru", "luar", "daerah", "pedalaman", "pesisir", "utara", "selatan", "timur",
           "barat", "tengah", "sekitar", "dekat", "antara", "mengunjungi", "tiba", "kunjungan", "berkunjung",
           "mencapai", "mendekati", "memasuki", "meninggalkan", "melintasi", "melewati", "menyeberangi", "menghantam",
           "mengguncang"},  # verbs of reaching, passing and striking take a place: "roket menghantam Israel"
    "en": {"in", "to", "from", "into", "across", "at", "near", "throughout", "inside", "outside", "of", "visit",
           "visited", "visiting", "toward", "towards", "through", "over", "around"},
}
ACTOR_NOUNS = {
    "id": {"warga", "masyarakat", "pemerintah", "pemerintahan", "militer", "tentara", "pasukan", "presiden",
           "menteri", "pihak", "tim", "timnas", "polisi", "kepolisian", "turis", "wisatawan", "rakyat", "bangsa",
           "orang", "pria", "wanita", "perempuan", "perdana", "pm", "kedutaan", "dubes", "duta", "delegasi",
           "bahasa", "berbahasa", "kemerdekaan", "kedaulatan", "angkatan", "rezim", "otoritas", "parlemen",
           "kabinet", "diplomat", "perusahaan", "maskapai", "klub", "pemain", "atlet", "penduduk", "imigran",
           "pengungsi", "pejabat", "jubir", "kepala", "raja", "ratu", "tahanan", "sandera", "serdadu", "artileri",
           "jet", "pesawat", "intelijen", "menlu", "kemenlu", "kementerian", "bank", "mata", "uang", "produk",
           "investor", "ekonomi", "kesebelasan", "skuad", "versi", "media", "kantor"},
    "en": {"government", "army", "military", "forces", "troops", "president", "minister", "team", "police",
           "people", "citizens", "embassy", "ambassador", "delegation", "officials", "regime", "authorities",
           "parliament", "prime"},
}
CLAUSE_VERBS = {
    "id": {"telah", "akan", "masih", "sudah", "tidak", "terus", "harus", "bisa", "ingin", "juga", "pun", "tengah",
           "sedang", "belum", "kembali", "siap", "enggan", "menolak", "mengaku", "berharap", "bersikeras", "kerap",
           "sering", "selalu", "hanya", "tetap", "segera", "pernah", "sangat"},
    "en": {"said", "says", "has", "have", "had", "will", "would", "is", "was", "must", "should", "could", "can",
           "wants", "warned", "announced", "launched", "denied", "accused", "claimed", "agreed", "refused",
           "rejected", "insisted", "hopes", "hoped", "condemned", "urged", "called", "struck", "fired", "sent"},
}
# Words for a news medium: the name after them is the medium's ("surat kabar Welt am Sonntag", "kantor berita Xinhua").
# Searched before every Indonesian name: the word boundary is looked for behind the words' first letters, the same
# matches tried at fewer places (_boundary_behind).
MEDIUM_WORDS = r"surat kabar|kantor berita|harian|koran|majalah|tabloid|televisi|radio|stasiun TV"
MEDIUM_BEFORE = re.compile(rf"(?:{_boundary_behind(MEDIUM_WORDS)})"
                           r"(?: (?:[A-Z][\w'’.-]*|am|of|the|de|der|la|le|el|al))*\s+$")
WEEKDAYS_ID = {"Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu", "Ahad"}
BORDERING = re.compile(r"\b(?:berbatasan|perbatasan|bertetangga) dengan\s+$")  # "berbatasan dengan Polandia"
COORDINATORS = {"dan", "atau", "serta", "maupun", "hingga", "sampai", "yaitu", "yakni", "seperti", "termasuk"}
PASSIVE_ID = re.compile(r"^di[a-z]{4,}$")  # "dibantah", "dikeluarkan"
VERB_ID = re.compile(r"^(?:me|di|ber|ter)[a-z]{3,}$")  # "meluncurkan", "menegaskan", "dikatakan", "berharap"
OF_NAME_AFTER = re.compile(r"^ of (?:the )?[A-Z]")
# An institution's name ends in a word a small place also bears: "Department of Commerce", "Ministry of Industry".
INSTITUTION_OF = re.compile(r"\b(?:Department|Ministry|Minister|Secretary|Chamber|Bank|University|College|"
                            r"Institute|School|Museum|Council|Board|Office|Bureau|Committee|Commission|Society|"
                            r"Association|Federation|League|Church|Hospital|Court|Academy|Order|Friends|"
                            r"Knights|Daughters|Sons|Sisters|Brothers|Centre|Center) of (?:the )?$")
OF_ENDS = (" of ", " of the ", " of \n", " of the \n")  # what every INSTITUTION_OF match ends with, looked at first
# The capitalised name of an institution, party or association before a name, which ends it ("Persatuan Sepak bola
# Indonesia", "Komisi Perlindungan Anak Indonesia"); NERGrit and idner tag the country there no place. The word
# boundary is looked for behind the words' capitals, so the search is tried only at capitals (_boundary_behind).
INSTITUTION_WORDS = r"Partai|Universitas|Institut|Yayasan|Komisi|Persatuan|Perhimpunan|Ikatan|Himpunan|Asosiasi|" \
                    r"Federasi|Sekolah|Akademi|Politeknik|Bank|Lembaga|Badan|Dewan|Majelis|Perkumpulan|Gerakan|" \
                    r"Organisasi"
INSTITUTION_BEFORE = re.compile(rf"(?:{_boundary_behind(INSTITUTION_WORDS)})(?: (?:[A-Z][\w'’-]*|dan|bola))* $")
ERA = re.compile(r"BCE?|AD|CE")  # after a number, the era of a year
STRONG = 2.9  # rank of countries and states: they stay places inside a longer name ("United Russia" aside)
LOCAL_OR_STATE = {"city", "district", "admin2", "admin1"}
KNOWN = 2.5  # rank of a city of 100,000: it stays a place at the head of a longer name ("Gainesville Police")


class Candidate(NamedTuple):
    """A span that names a place, with every place it could be (gazetteer ids), before resolution. A named tuple:
    recognition makes a few dozen a document, and a frozen dataclass takes four times as long to make."""

    start: int
    end: int
    text: str
    place_ids: tuple[int, ...]
    usage: str = "place"  # as Mention.usage


def at_word_boundaries(text: str, start: int, end: int) -> bool:
    return (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum())


def _looks_like_a_name(name: str, lang: str) -> bool:
    """Place names are capitalised; a lone function word ("Di", "The") never is one, whatever GeoNames says. Asked
    once per name (_name_alone remembers the answer)."""
    if not name[0].isupper() and (" " not in name or not any(ch.isupper() for ch in name)):
        return False  # a lone word opens with its capital; a longer name holds one
    return " " in name or name.isupper() or name.lower() not in function_words().get(lang, ())  # "US" is not "us"


def _joined_before(text: str, start: int, gazetteer: LocalGazetteer) -> bool:
    """Whether a capitalised word is joined to the name before it ("Jerry West"): a common word, a religion or a
    compass word before it is no part of a name ("Muslim Mumbai", "Southern California")."""
    return start >= 2 and text[start - 1] in " -" and text[start - 2].isalpha() \
        and _name_word(_word_before(text, start, 30), gazetteer) \
        and not COMPASS_BEFORE.search(text[max(0, start - 12):start])


def _joined_after(text: str, end: int) -> bool:
    """Whether a name is joined to a capitalised word after it ("Paris Police", "University of Rochester")."""
    return text[end:end + 1] in " -" and text[end + 1:end + 2].isupper() or \
        text.startswith(" of ", end) and OF_NAME_AFTER.match(text[end:end + 12]) is not None


@lru_cache(maxsize=65536)
def _name_word(word: str, gazetteer: LocalGazetteer) -> bool:
    return word[:1].isupper() and not _plain_word(word.lower()) and not _common(word, gazetteer)


def _common(word: str, gazetteer: LocalGazetteer) -> bool:
    blocker = gazetteer.index.blockers.get(word)
    return blocker is not None and blocker.why not in ("actor", "publication", "person")


@lru_cache(maxsize=65536)
def _weak(word: str, gazetteer: LocalGazetteer) -> bool:
    """Not a name that stands for a known place by itself ("Tom" may be a village; "Paris" is not weak)."""
    places, rank = gazetteer.places_and_top_rank(word)
    return not places or rank < KNOWN


def _title_case(sentence: str) -> bool:
    """ "Israel Serang Gaza Lagi": every word of four letters or more is capitalised, so capitals say nothing.
    Running text is told by its first lower-case word, without reading on."""
    words = 0
    for word in _words(sentence):
        if len(word) >= 4 and word[0].isalpha():
            if not word[0].isupper():
                return False
            words += 1
    return words >= 3


def _words(text: str) -> Iterator[str]:
    """The text's words as str.split() gives them, the rest split after the first dozen only when read on to: running
    text gives itself away within a dozen words."""
    head = text.split(None, 12)
    yield from head[:12]
    if len(head) > 12:
        yield from head[12].split()


@lru_cache(maxsize=4096)
def _mostly_capitalised(sentence: str) -> bool:
    """A headline in title case, give or take its small words ("Kelaparan di Gaza Akibat Serangan Israel juga
    Meningkat"): capitals there join no names."""
    words = [w for w in sentence.split() if len(w) >= 4 and w[0].isalpha()]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) * 3 >= len(words) * 2


@lru_cache(maxsize=65536)
def _plain_word(word: str) -> bool:
    """A word that is no part of a name even when capitalised at a sentence's start ("In", "Militer")."""
    return any(word in words for table in (function_words(), LOCATIVE, ACTOR_NOUNS) for words in table.values())


Surnames = dict[str, list[int]]  # a surname and where the runs that end in it start


@lru_cache(maxsize=1)
def _all_function_words() -> frozenset[str]:
    return frozenset().union(*function_words().values())


def _surnames(text: str, gazetteer: LocalGazetteer, start: int = 0, end: int | None = None) -> Surnames:
    """Words that end a capitalised run that is no place ("Tom Jones", "Abraham Lincoln"): names of people here,
    with where their runs start. A run never spans a line break or a comma (RUN_BREAKS), so the surnames of a stretch
    between them are read from it alone: `start` and `end`, the text's by default."""
    found: Surnames = {}
    skip, named = _all_function_words(), gazetteer.index.named
    for run in CAPITALISED.finditer(text, start, len(text) if end is None else end):
        name = run.group()
        words = name.split()
        if len(words) in (2, 3) and words[0].lower() not in skip and words[0] not in COMPASS_WORDS \
                and _weak(words[0], gazetteer) and not named(name):
            found.setdefault(words[-1], []).append(run.start())
    return found


def _surnames_again(text: str, earlier: Surnames, stretches: list[tuple[int, int]], gazetteer: LocalGazetteer
                    ) -> Surnames:
    """The surnames of a text that differs from the one `earlier` was read in only in runs within `stretches`."""
    found: Surnames = {}
    for word, starts in earlier.items():
        kept = [x for x in starts if not any(a <= x < b for a, b in stretches)]
        if kept:
            found[word] = kept
    for a, b in stretches:
        for word, starts in _surnames(text, gazetteer, a, b).items():
            found.setdefault(word, []).extend(starts)
    return found


RUN_BREAKS = "\n,;:()\"“”"  # characters no capitalised run (CAPITALISED) holds


def _runs_around(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The stretches around the spans (in order) out to a character no capitalised run holds (RUN_BREAKS), each once:
    a run that touches a span lies in one. Where two texts differ only within the spans, a stretch ends at the same
    character in both, or in a span, and then the stretches of the two spans are one."""
    stretches: list[tuple[int, int]] = []
    for a, b in spans:
        start = max(text.rfind(ch, 0, a) for ch in RUN_BREAKS) + 1
        end = min((at for at in (text.find(ch, b) for ch in RUN_BREAKS) if at >= 0), default=len(text))
        if stretches and start <= stretches[-1][1]:
            stretches[-1] = (stretches[-1][0], max(end, stretches[-1][1]))
        else:
            stretches.append((start, end))
    return stretches


class LowerCaseWords:
    """Whether a word stands in lower case in a text, as one of its words between white space, asked word by word:
    where the rules ask it of a few names (those of the sentences a recased copy decides again), a set of all the
    text's lower-case words costs more than finding those few."""

    __slots__ = ("text", "answers")

    def __init__(self, text: str) -> None:
        self.text, self.answers = text, {}

    def __contains__(self, word: str) -> bool:
        found = self.answers.get(word)
        if found is None:
            found = self.answers[word] = word.islower() and _stands_alone(self.text, word)
        return found


def _stands_alone(text: str, word: str) -> bool:
    """Whether `word` is one of the text's words as str.split() reads them: between white space or the text's ends."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or text[at - 1].isspace()) and (end == len(text) or text[end].isspace()):
            return True
        at = text.find(word, at + 1)
    return False


def _lower_case_changes(old: str, new: str, changed: list[tuple[int, int]]) -> set[str]:
    """The words in lower case in one of two texts of the same length and not in the other, texts that differ only
    within `changed`: such a word is one of the words of a changed span stretched to white space in both texts. Such a
    span's words stand alone in their own text, so each is looked for only in the other."""
    before, after = set(), set()
    for a, b in changed:
        while a > 0 and not (old[a - 1].isspace() and new[a - 1].isspace()):
            a -= 1
        while b < len(new) and not (old[b].isspace() and new[b].isspace()):
            b += 1
        before.update(word for word in old[a:b].split() if word.islower())
        after.update(word for word in new[a:b].split() if word.islower())
    return {word for word in before - after if not _stands_alone(new, word)} \
        | {word for word in after - before if not _stands_alone(old, word)}


Hit = tuple[int, int, str, "tuple[str, tuple[int, ...], str] | Blocker"]  # sentence offsets, name, what it names
CONTEXT_BEFORE, CONTEXT_AFTER = 40, 60  # how far around a name the rules below read the text


class SentenceNames(NamedTuple):
    """One sentence's names: what the scan hit, and the candidates, actors and small places abroad kept of it (a
    named tuple, made for every sentence: see Candidate)."""

    hits: Sequence[Hit]
    places: Sequence[Candidate]
    actors: Sequence[ActorMention]
    abroad: Sequence[Candidate]


NO_NAMES = SentenceNames((), (), (), ())  # a sentence without hits: a quarter of LGL's


@dataclass(frozen=True, slots=True)
class Reading:
    """What recognise found in a text: its candidates and actors, and sentence by sentence how it got them, so
    that a copy of the text in other case (same offsets) is read again deciding afresh only where it changed."""

    text: str
    surnames: Surnames
    sentences: tuple[SentenceNames | None, ...]  # None for a boilerplate line
    designations: tuple[list[re.Match], ...]  # per sentence, what the designator patterns matched
    premises: list[Premises]  # Indonesian premises after "di" ("di Kantor Kementerian Sosial")
    place_words: list[Candidate]  # Indonesian words for a place after a locative word ("di SPBU"), listed and defined
    # villages
    appositions: list[Apposition]  # Indonesian unknown names before a comma or bracket, in the order they are tried
    candidates: list[Candidate]
    actors: list[ActorMention]


def recognise(text: str, sentences: tuple[Sentence, ...], lang: str, gazetteer: LocalGazetteer,
              earlier: Reading | None = None) -> Reading:
    """Place-name candidates and actor names, in text order, outside boilerplate lines.

    Names that are never places (organisations, people, publications, common words of the text's
    language) are matched by the same scan, so the longer name wins: "Arab News" hides "Arab".
    A one-word name that also stands lower case in this text ("Serang" beside "serang") is a common word here;
    one after a title ("coach Ripley"), before "said", or that ends a person's name elsewhere in the text
    ("Tom Jones ... Jones") is a person, unless it names a country or a state.
    `earlier`: the reading of the same sentences in a text that differs from this one only in case; the
    sentences' scans are taken from it, and what it decided where nothing a decision reads has changed.
    """
    lowercase_words: Container[str]
    if earlier is None:
        lowercase_words = set(filter(str.islower, text.split()))  # asked of a dozen names and more
        surnames = _surnames(text, gazetteer)
    else:
        lowercase_words = LowerCaseWords(text)
        changed = _changed_spans(earlier.text, text, sentences)
        surnames = _surnames_again(text, earlier.surnames, _runs_around(text, changed), gazetteer)
        other_words = _lower_case_changes(earlier.text, text, changed) | (surnames.keys() ^ earlier.surnames.keys())
    places, actors, abroad, read = [], [], [], []
    scans = _sentence_hits(text, sentences, gazetteer) if earlier is None else None
    for k, sentence in enumerate(sentences):
        if sentence.boilerplate:
            read.append(None)
            continue
        if earlier is None:
            names = _sentence_names(text, sentence, scans[k], lang, gazetteer, lowercase_words, surnames) \
                if scans[k] else NO_NAMES
        else:
            names = earlier.sentences[k]
            if not _unchanged(names.hits, sentence, changed, other_words):
                names = _sentence_names(text, sentence, names.hits, lang, gazetteer, lowercase_words, surnames)
        read.append(names)
        places += names.places
        actors += names.actors
        abroad += names.abroad
    if abroad:
        places = sorted(places + _in_named_countries(abroad, places, gazetteer), key=lambda c: c.start)
    if earlier is None:
        designations = _designations(text, sentences, lang)
        premises = _premises(text, sentences, gazetteer) if lang == "id" else []
        place_words = _place_words(text, sentences) + _listed(sentences) + _defined(sentences, gazetteer) \
            if lang == "id" else []
        appositions = _appositions(sentences) if lang == "id" else []
    else:
        designations, premises = earlier.designations, earlier.premises
        place_words, appositions = earlier.place_words, earlier.appositions
    places = _with_designated(text, sentences, lang, places, gazetteer, designations)
    if lang == "id":
        places = _with_facilities(_with_compass_area(text, places), premises)
        places = _with_apposed(text, _with_place_words(_chained(text, places), place_words), appositions, gazetteer)
    return Reading(text, surnames, tuple(read), designations, premises, place_words, appositions,
                   places, actors)


def _sentence_hits(text: str, sentences: tuple[Sentence, ...], gazetteer: LocalGazetteer) -> list[list[Hit] | None]:
    """Per sentence (None for a boilerplate line), every gazetteer name and blocker in it, longest first at each end,
    at word boundaries, then the names of its all-capitals runs (only a sentence with two capitals in a row has one:
    nine in ten have none)."""
    iter_long, hit = gazetteer.automaton.iter_long, gazetteer.hit
    shapes = text.encode("latin-1", "replace").translate(CAPITALS_SHAPES)
    out: list[list[Hit] | None] = []
    for sentence in sentences:
        if sentence.boilerplate:
            out.append(None)
            continue
        chunk, found = sentence.text, []
        size = len(chunk)
        for last, value in iter_long(chunk):
            end = last + 1
            if end < size and chunk[end].isalnum():
                continue  # inside a longer word
            name, entry = hit(value)
            start = end - len(name)
            if start == 0 or not chunk[start - 1].isalnum():
                found.append((start, end, name, entry))
        if shapes.find(b"AA", sentence.start, sentence.end) >= 0 \
                or shapes.find(b"AB", sentence.start, sentence.end) >= 0:  # two capitals in a row, or about
            found += _all_caps_names(chunk, found, gazetteer)
        out.append(found)
    return out


def _changed_spans(old: str, new: str, sentences: tuple[Sentence, ...]) -> list[tuple[int, int]]:
    """The sentences, and the stretches between them, that differ between two texts of the same length."""
    cuts = sorted({0, len(new), *(x for s in sentences for x in (s.start, s.end))})
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if old[a:b] != new[a:b]]


def _unchanged(hits: list[Hit], sentence: Sentence, changed: list[tuple[int, int]], other_words: set[str]) -> bool:
    """Whether every rule that decided on the sentence's hits reads the same text and words again. Only the changes
    near the sentence can be near one of its hits, and most sentences have none."""
    offset = sentence.start
    near = [(x, y) for x, y in changed if x < sentence.end + CONTEXT_AFTER and offset - CONTEXT_BEFORE < y]
    for start, end, name, _ in hits:
        a, b = offset + start, offset + end
        if name in other_words or name.lower() in other_words or near and any(
                x < b + CONTEXT_AFTER and a - CONTEXT_BEFORE < y for x, y in near):
            return False
    return True


@lru_cache(maxsize=65536)
def _name_alone(name: str, blocked: bool, lang: str, gazetteer: LocalGazetteer
                ) -> tuple[tuple[int, ...], float, bool, str | None, str] | None:
    """What a hit's name says whatever its context, remembered: None when it is no place candidate in `lang` (no
    places, another language's name, no look of a name, a designator or a title alone: "Desa", "Masjid", "Pak");
    else its places, its rank, whether it may be an era ("BC"), the lower-case word it is no name beside, and whether
    it may stand for a state (_can_act: asked of nearly every name a sentence keeps).
    `blocked`: a blocker's name read as a place (in another language or a headline), which has no language."""
    place_ids, rank = gazetteer.places_and_top_rank(name)
    name_lang = "" if blocked else gazetteer.index.name_lang.get(name, "")
    if not place_ids or name_lang not in ("", lang) or not _looks_like_a_name(name, lang) \
            or lang == "id" and DESIGNATOR_WORD.fullmatch(name) or TITLE_WORD[lang].fullmatch(name):
        return None
    lone_word = name.lower() if " " not in name and not name.isupper() else None
    return place_ids, rank, ERA.fullmatch(name) is not None, lone_word, \
        _can_act(place_ids, gazetteer)


def _sentence_names(text: str, sentence: Sentence, hits: list[Hit], lang: str, gazetteer: LocalGazetteer,
                    lowercase_words: Container[str], surnames: Surnames) -> SentenceNames:
    """The candidates and actors a sentence's hits make, reading at most CONTEXT_BEFORE characters before a
    name and CONTEXT_AFTER after it."""
    places, actors, abroad = [], [], []
    offset = sentence.start
    for start, end, name, entry in hits:
        if isinstance(entry, Blocker):
            if entry.why != "headline word" or lang == "id" and _title_case(sentence.text) \
                    or _word_in_use(sentence.text, start, end):  # a title-case headline told only when it decides
                if entry.actor is not None:
                    actors.append(ActorMention(offset + start, offset + end, name, entry.actor))
                if entry.why == "demonym":
                    pid = gazetteer.demonym_place(name)
                    if pid is not None:
                        places.append(Candidate(offset + start, offset + end, name, (pid,), usage="people"))
                    continue
                if entry.lang in ("", lang):
                    continue
            # a name of another language, or a headline word that is a place outside a title-case headline
            name_alone = _name_alone(name, True, lang, gazetteer)
        elif name[0].isupper() or " " in name:
            name_alone = _name_alone(name, False, lang, gazetteer)
        else:
            continue  # a lone word in lower case has no look of a name (_looks_like_a_name): a third of the hits
        if name_alone is None:
            continue
        a, b = offset + start, offset + end
        place_ids, rank, era, lone_word, acts = name_alone
        if era and text[max(0, a - 2):a - 1].isdigit():
            continue  # "500 BC" is a year, not British Columbia
        if lone_word is not None and lone_word in lowercase_words:
            continue
        if lang == "id":
            if acts != "country" and MEDIUM_BEFORE.search(text, max(0, a - CONTEXT_BEFORE), a):
                continue  # a newspaper, an agency, a station: "surat kabar Welt am Sonntag"; "televisi Australia" stays
            last = _word_before(text, a, 12)  # the offices' and institutions' last words are short
            if _office_area(text, a, b, last, place_ids, gazetteer):
                places.append(Candidate(a, b, text[a:b], place_ids, "actor"))
                continue  # "Bupati Berau", "Presiden Filipina": the office's area, standing for its government
            if _in_institution_name(text, a, last):
                continue  # "Partai Kedaulatan Rakyat Indonesia", "Universitas Islam Indonesia": the institution's name
        if rank < STRONG and _names_a_person(text, a, b, name, lang, surnames):
            continue
        after = COMPASS_AFTER.match(text[b:b + 20]) if lang == "id" else None
        if after:
            b, joined_after = b + len(after.group()), False
        else:
            joined_after = _joined_after(text, b)
        if rank < KNOWN and text.endswith(OF_ENDS, max(0, a - 30), a) \
                and INSTITUTION_OF.search(text[max(0, a - 30):a]):
            continue
        if (rank < STRONG or lang == "id") and _joined_before(text, a, gazetteer) \
                or joined_after and rank < KNOWN and " " not in name:
            continue
        if lang == "id" and joined_after and " " not in name and text[b] == " " \
                and (rank < STRONG or acts != "country") \
                and not _mostly_capitalised(sentence.text):
            continue  # "Manchester United", "Bursa Efek": in running text a city or a state, or a small country,
            # heads a longer name
        if lang == "id" and rank < (STRONG if " " not in name else KNOWN) and _foreign(name, place_ids, gazetteer) \
                and not _after_locative(text, a, lang):
            abroad.append(Candidate(a, b, text[a:b], place_ids))
            continue
        usage = _usage(text, a, b, lang, acts == "country") if acts else "place"
        places.append(Candidate(a, b, text[a:b], place_ids, usage))
    if lang == "id" and len(places) > 1:
        places = _coordinated(text, places, gazetteer)
    return SentenceNames(hits, places, actors, abroad)


def _coordinated(text: str, places: list[Candidate], gazetteer: LocalGazetteer) -> list[Candidate]:
    """Two names joined by "dan", "atau" or a dash are used alike: "di Irak dan Libanon mencerminkan" names two places
    (the locative word before the first decides), "Rusia dan Jepang telah melarang" two actors (the verb after the
    last), and so does "perdamaian Israel - Palestina" (the noun before the first)."""
    out = list(places)
    for k in range(len(out) - 1):
        first, second = out[k], out[k + 1]
        if text[first.end:second.start] not in (" dan ", " atau ", " serta ", " - ") or first.usage == second.usage \
                or "people" in (first.usage, second.usage):
            continue
        if _after_locative(text, first.start, "id"):
            out[k + 1] = second._replace(usage="place")
        elif second.usage == "actor" and _can_act(first.place_ids, gazetteer):
            out[k] = first._replace(usage="actor")
        elif first.usage == "actor" and _can_act(second.place_ids, gazetteer) == "country":
            out[k + 1] = second._replace(usage="actor")
    return out


def _word_in_use(sentence: str, start: int, end: int) -> bool:
    """A word the language has as a common one (a "headline word") is that word where it opens the sentence before a
    lower-case word ("Lima orang tewas", "Negara bagian itu") or opens a longer name or number ("Surat Keputusan",
    "No 6")."""
    if rx(r" [A-Z\d]|\. \d").match(sentence, end):
        return True  # "Surat Keputusan", "No. 6"
    following = sentence[end:end + 2]
    return following[1:2].islower() and following[:1] == " " and not sentence[:start].strip(" \"'(")


def _in_named_countries(abroad: list[Candidate], places: list[Candidate], gazetteer: LocalGazetteer
                        ) -> list[Candidate]:
    """The small places abroad in or beside a country the text names or has another place in ("Nabatieh" beside
    "Lebanon" or "Beirut", "Rafah" beside "Israel"): for Indonesian text,
    a small foreign place ("Warren", "Trapp", "Virgin") is more often a person's, a company's or a title's word,
    unless a locative word stands before it ("di Kamakura") or its country is named."""
    ix = gazetteer.index
    named = {ix.country[max(c.place_ids, key=gazetteer.rank)] for c in places if c.place_ids}
    named |= {n for cc in named for n in (gazetteer.country(cc) or {}).get("neighbours", ())}
    return [c for c in abroad if any(ix.country[p] in named for p in c.place_ids)]



def _designations(text: str, sentences: tuple[Sentence, ...], lang: str) -> tuple[list[re.Match], ...]:
    """Per sentence, the matches of the language's designator pattern ("Desa Kedungbulus", "Main Street"): none
    in boilerplate or without a designator word (nor in any sentence of a text without one: a third of LGL's). They
    read the sentence alone, so a recased copy has the same."""
    if lang == "id":
        found = _indonesian_designations(text, sentences)
        if not _english_feature_word(text):
            return tuple(found)
        return tuple(sorted(matches + list(ENGLISH_FEATURE.finditer(s.text)), key=lambda m: m.start())
                     if not s.boilerplate and _english_feature_word(s.text) else matches
                     for s, matches in zip(sentences, found))
    pattern = DESIGNATED.get(lang)
    screen = _designator_screen(lang) if pattern is not None else None
    if screen is not None and not screen.any(text):
        pattern = None
    return tuple([] if pattern is None or s.boilerplate or not screen.any(s.text) else list(pattern.finditer(s.text))
                 for s in sentences)


def _indonesian_designations(text: str, sentences: tuple[Sentence, ...]) -> list[list[re.Match]]:
    """Per sentence, the Indonesian designator pattern's matches, as `finditer` finds them, the pattern tried only
    where a designator word opens (one scan of the text): searched, it was tried at every letter a word of it opens
    with, and lower-case words ("kota", "desa", "jalan") open with nearly every letter."""
    pattern = DESIGNATED["id"]  # matched where a word of it opens: its \b reads the character before
    found: list[list[re.Match]] = [[] for _ in sentences]
    starts = sorted({end + 1 - size for end, size in DESIGNATOR_OPENINGS.iter(text)})
    if not starts:
        return found
    firsts = [s.start for s in sentences]
    k, after = -1, 0  # the sentence of the last opening, and where its last match ended: matches do not overlap
    for start in starts:
        if (j := bisect_right(firsts, start) - 1) != k:
            k, after = j, 0
        if k < 0 or sentences[k].boilerplate or start >= sentences[k].end:
            continue
        at = start - sentences[k].start
        if at >= after and (m := pattern.match(sentences[k].text, at)):
            found[k].append(m)
            after = m.end()
    return found


# English names of rivers and ranges keep their word in Indonesian text: "Hawkesbury River", "Blue Mountains"; not
# inside a longer name ("Small Island Developing States").
ENGLISH_FEATURE = re.compile(r"(?P<name>[A-Z](?<![\w'’-][A-Z])[\w'’-]*(?: [A-Z][\w'’-]*){0,2}) "
                             r"(?P<word>River|Creek|Islands?|Mountains)\b(?! [A-Z])")


def _english_feature_word(text: str) -> bool:
    """Whether ENGLISH_FEATURE may match: a substring test per word, cheaper than a regex search at every position."""
    return " River" in text or " Island" in text or " Mountains" in text or " Creek" in text


def _with_designated(text: str, sentences: tuple[Sentence, ...], lang: str, places: list[Candidate],
                     gazetteer: LocalGazetteer, designations: tuple[list[re.Match], ...]) -> list[Candidate]:
    """Add the designated names (`designations`: the designator pattern's matches per sentence); they absorb the
    names found inside them."""
    if lang not in DESIGNATED:
        return places
    skip = function_words().get(lang, frozenset())
    out = list(places)
    for sentence, matches in zip(sentences, designations):
        if not matches:
            continue
        headline = lang == "id" and _title_case(sentence.text)  # English designators follow the name
        for m in matches:
            name_group = "name" if m.group("name") else "name2"
            name = m.group(name_group)
            if name.split()[0].lower() in skip or (name.lower() == name and not any(ch.isdigit() for ch in name)):
                continue
            if name.isdigit() and (m.group("word") or "")[:1].islower():
                continue  # "komposisi pasar 30 persen": a common noun and a number
            if lang == "id" and not headline and _named_before(m.group("word"), text, sentence.start + m.start(),
                                                              sentence.start):
                continue  # "Sekolah Pasar Modal", "Balai Taman Nasional Kutai": part of an organisation's name
            if lang == "id" and _owned(m.group("word"), name, text, sentence.start + m.start(), gazetteer):
                continue  # "gedung MK", "pasar Tiongkok": an institution's building, a country's market
            a, b = sentence.start + m.start(), sentence.start + m.end()
            if lang == "id" and not AREA_NOT_ISLAND.fullmatch(m.group("word") or "") \
                    and (outer := FEATURE_BEFORE.search(text, max(sentence.start, a - 20), a)):
                a = outer.start()  # "Kompleks Istana Negara", "Bandar Udara Pulau Panjang": a feature in a feature
            if headline:  # every word is capitalised: only a name the gazetteer knows says where the name ends
                known = _known_prefix(name, gazetteer)
                if not known:
                    continue
                b = sentence.start + m.start(name_group) + len(known)
            if text[b - 1] == "." and len(text[a:b].split()[-1]) > 4:  # the sentence's full stop, not "St."
                b -= 1
            school = (m.group("word") or "")[:2].isupper() and " " not in name  # "SMAN 6": the number is its name
            while lang == "id" and (last := text[a:b].split()[-1]).isdigit() and not school \
                    and (len(last) > 3 or MEASURE.match(text, b)):  # a year, a postcode, "Gunung Muria 9 km"
                b = a + text[a:b].rstrip().rindex(" ")  # but "Jalan Salemba 10", "Desa Wanga 2" keep their number
            if any(c.start <= a and b <= c.end or (lang == "en" and c.end == b and c.start > a) for c in out):
                continue  # the gazetteer knows a longer name ("Salt Lake City") or this one ("2009 Macon County")
            if lang == "en" and rx(r" [A-Z]").match(text[b:b + 2]):
                continue  # part of a longer name: "Florida Highway Patrol", "Texas Forest Service"
            if lang == "id" and rx(r"\b(?:PT|CV) $").search(text[max(0, a - 4):a]):
                continue  # "PT Gunung Tua Mandiri": a company's name
            if rx(r"(?i)\b(?:ibu|wali)\s*$").search(text[max(0, a - 6):a]):
                continue  # "Ibu Kota Lebanon": the capital of a country, not a town called Lebanon; "Wali Kota Bogor
                # Bima Arya": the mayor of Bogor
            name = text[sentence.start + m.start(name_group):min(b, sentence.start + m.end(name_group))]
            places = _designated_places(name, m.group("word") or "", lang, gazetteer)
            if m.group("word") == "Republik" and not places:
                continue  # "Republik Islam": a republic is named after its country ("Republik Demokratik Kongo")
            out = [c for c in out if not (a <= c.start and c.end <= b) and not (c.start < b and a < c.end)]
            if lang == "id" and (m.group("word") == "kota" and places and _abroad(places, gazetteer)
                                 or m.group("word") in ("gunung", "bandara")):
                a = sentence.start + m.start(name_group)  # "kota Istanbul" is Istanbul; "kota Malang" is not Malang;
                # a lower-case mountain or airport is the name alone ("gunung Hkakabo Razi", "bandara Kabul")
            out.append(Candidate(a, b, text[a:b], places))
    return sorted(out, key=lambda c: c.start)


FEATURE_BEFORE = re.compile(rf"(?<![\w-])(?:{FEATURE_WORDS['id']}) $")
AREA_NOT_ISLAND = re.compile("|".join(w for w in AREA_WORDS["id"].split("|") if w not in ("Pulau", "Kepulauan")),
                             re.IGNORECASE)
NATURAL_FEATURE = re.compile(r"Gunung|Danau|Sungai|Selat|Teluk|Tanjung|Pantai|Lembah|Puncak|Goa|Gua|Air Terjun|Waduk|"
                             r"Bendungan|Kolam")
POLITY = re.compile(POLITY_WORDS)
NAME_BEFORE = re.compile(r"(?<=[\w,] )(?P<word>[A-Z][a-z]+) $")  # a capitalised word, not the sentence's first
DESIGNATOR_BEFORE = re.compile(rf"\b(?:{AREA_WORDS['id']}|{FEATURE_WORDS['id']}) $")  # "Bandar Udara Tanjung Bara"


def _named_before(word: str, text: str, start: int, sentence_start: int) -> bool:
    """A capitalised word for something built after a capitalised word within a sentence that is no designator and
    no title continues a longer name, an organisation's or a programme's ("Sekolah Pasar Modal", "Balai Taman Nasional
    Kutai", "Menteri Hubungan Lapangan Kerja"), as a state does ("Angkatan Udara Republik Indonesia"). Natural
    features are named inside longer names of areas and events ("Kaki Gunung Soputan", "Reklamasi Teluk Benoa"), and
    stay."""
    if not word[:1].isupper() or AREA_FIRST.match(word + " ") and not POLITY.fullmatch(word) \
            or NATURAL_FEATURE.fullmatch(word):
        return False
    before = NAME_BEFORE.search(text, max(sentence_start, start - 30), start)
    if before is None:
        return False
    previous = before.group("word")
    return not DESIGNATOR_BEFORE.search(text, max(sentence_start, before.start() - 20), before.start()) \
        and not DESIGNATOR_WORD.fullmatch(previous) and not TITLE_WORD["id"].fullmatch(previous) \
        and not _plain_word(previous.lower())


def _owned(word: str, name: str, text: str, start: int, gazetteer: LocalGazetteer) -> bool:
    """A lower-case word for a building or a facility before an acronym or a country names what the institution or
    the country owns ("gedung MK", "terminal ATM", "situs WHO", "pasar Tiongkok"), not a place, unless a locative
    word or a comma puts it somewhere ("di gedung DPR", ", kompleks MPR/DPR")."""
    first = name.split()[0]
    if not word[:1].islower() or AREA_FIRST.match(word + " "):
        return False
    if not (len(first) > 1 and first.isupper() or _can_act(_places_named(name, gazetteer), gazetteer) == "country"):
        return False
    before = _word_before(text, start)
    return before.lower() not in LOCATIVE["id"] and not before.endswith(",")


def _abroad(place_ids, gazetteer: LocalGazetteer) -> bool:
    return all(gazetteer.index.country[p] not in ("ID", "") for p in place_ids)


MEASURE = re.compile(r"\s*(?:km|kilometer|m|meter|mil|mdpl|cm|ha|hektare|persen|%|jiwa|orang|tahun|kali)\b")
QUANTIFIERS = r"setiap|tiap|berbagai|beberapa|sebuah|semua|seluruh|sejumlah"  # "di setiap SPBU"


@lru_cache(maxsize=1)
def _place_word_pattern() -> re.Pattern | None:
    words = "|".join(re.escape(word) for word, in read_tsv("indonesian_place_words.tsv"))
    return re.compile(rf"\b(?i:di|ke|dari)\s+(?:(?i:{QUANTIFIERS})\s+)?(?P<word>{words})\b") if words else None


def _place_words(text: str, sentences: tuple[Sentence, ...]) -> list[Candidate]:
    """The words that name a place after a locative word though no gazetteer has them ("di SPBU", a petrol station:
    gazetteer/indonesian_place_words.tsv, learned from the training splits). They read the sentences alone, so a
    recased copy has the same. The screen reads the whole text first: one text in a hundred has such a word."""
    pattern = _place_word_pattern()
    if pattern is None:
        return []
    screen = _place_word_screen()
    if not screen.any(text):
        return []
    return [Candidate(s.start + m.start("word"), s.start + m.end("word"), m.group("word"), ())
            for s in sentences if not s.boilerplate and screen.any(s.text) for m in pattern.finditer(s.text)]


@lru_cache(maxsize=1)
def _place_word_screen() -> Screen:
    return Screen([_place_word_pattern().pattern], ignore_case=False)  # the words are as written: "SPBU"


# A count of areas before the list that names them: "terdiri dari 7 dusun yaitu Ngunggahan, Demangan, ... dan
# Ngrawan", "delapan desa yaitu : Bandungharjo, ...", "berbagai desa lain seperti Paya Mabar, Avros".
LIST_OPENING = re.compile(r" (?:(?:yang )?(?:yaitu|yakni|antara lain|meliputi|seperti|di ?antaranya)(?: :)?|:) "
                          r"(?=[A-Z])")
COUNTED_AREAS = re.compile(r"\b(?:\d+|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas|"
                           r"[a-z]+ belas|[a-z]+ puluh|beberapa|sejumlah|berbagai)(?: \( ?[a-z]+ ?\))? "
                           r"(?:[Dd]esa|[Dd]usun|[Kk]ecamatan|[Kk]elurahan|[Dd]ukuh|[Pp]adukuhan|[Pp]edukuhan|"
                           r"[Kk]ampung|[Dd]istrik|[Kk]abupaten|[Kk]ota|[Pp]ulau|[Nn]agari|[Gg]ampong|[Jj]orong)"
                           r"(?: lain(?:nya)?)?$")
LIST_ITEM = re.compile(r"(?P<name>[A-Z][\w'’-]*(?: [A-Z0-9][\w'’-]*){0,3})(?P<mark> ?, ?| dan | serta | atau |)")


def _listed(sentences: tuple[Sentence, ...]) -> list[Candidate]:
    """The capitalised items of a list of areas after their count (COUNTED_AREAS): villages no gazetteer has, as
    NERGrit tags them (27 of 29 items on its training split). They read the sentences alone, so a recased copy has
    the same."""
    found = []
    for sentence in sentences:
        text = sentence.text
        if sentence.boilerplate or not (":" in text or "yaitu" in text or "seperti" in text or "yakni" in text
                                        or "antara" in text or "meliputi" in text):  # a word of every LIST_OPENING
            continue
        for m in LIST_OPENING.finditer(text):
            if not COUNTED_AREAS.search(text, max(0, m.start() - 40), m.start()) or _title_case(text):
                continue
            at = m.end()
            while item := LIST_ITEM.match(text, at):
                found.append(Candidate(sentence.start + item.start("name"), sentence.start + item.end("name"),
                                       item.group("name"), ()))
                if not item.group("mark"):
                    break
                at = item.end()
    return found


# A sentence that opens by saying what kind of place a name is: "Puhgogor adalah desa di kecamatan Bendosari",
# "Rotorua adalah sebuah kota di tepi selatan Danau Rotorua".
DEFINITION = re.compile(r"(?P<name>[A-Z][\w'’-]*(?: (?:- )?[A-Z0-9][\w'’-]*){0,3}) (?:\([^)]*\) )?"
                        r"(?:adalah|merupakan|ialah) (?:(?:sebuah|salah satu|suatu) )?(?:desa|kelurahan|kecamatan|"
                        r"kota|kabupaten|dusun|kampung|pulau|gunung|sungai|danau|provinsi|negara|distrik|nagari|"
                        r"gampong|wilayah|daerah|kawasan|pantai|teluk|selat|tanjung|bukit|pegunungan|lembah|"
                        r"kepulauan|padukuhan|pedukuhan|dukuh)\b")


def _defined(sentences: tuple[Sentence, ...], gazetteer: LocalGazetteer) -> list[Candidate]:
    """The name a sentence opens with when the sentence says what kind of place it is (DEFINITION), known or not: on
    NERGrit's training split 34 of 36 such names are places. They read the sentences alone, so a recased copy has the
    same."""
    found = []
    skip = function_words()["id"]
    for sentence in sentences:
        text = sentence.text
        if sentence.boilerplate or not (" adalah " in text or " merupakan " in text or " ialah " in text):
            continue
        m = DEFINITION.match(sentence.text)
        if m is None or any(word.lower() in skip for word in m.group("name").split()):
            continue  # "Desa Ini adalah": this village
        name = m.group("name")
        found.append(Candidate(sentence.start, sentence.start + len(name), name, _places_named(name, gazetteer)))
    return found


def _with_place_words(places: list[Candidate], place_words: list[Candidate]) -> list[Candidate]:
    """Add the place words and listed names no name found covers; they stay unplaced."""
    found = [c for c in place_words if not any(p.start < c.end and c.start < p.end for p in places)]
    return sorted(places + found, key=lambda c: c.start) if found else places


# An office, a court, a campus, a restaurant after "di": the institution's premises, a place ("di Kantor Kementerian
# Sosial (Kemensos)", "di Pengadilan Negeri Jakarta Selatan"; a person's home, "di kediaman Netanyahu", is left to the
# person), though after "dari" the same words name the institution ("dari Universitas Minnesota", "kuliah di
# Universitas Indonesia").
PREMISES_WORDS = r"[Kk]antor|Pengadilan|Universitas|[Kk]ampus|[Rr]estoran|Rumah|Wisma|Plaza"
FACILITY = re.compile(rf"(?<![\w-])(?<!kuliah )[Dd]i (?P<name>(?:{PREMISES_WORDS})"
                      r"(?: [A-Z0-9](?:[\w'’/-]|\.(?=\w))*){1,5}(?: \([A-Z][\w-]*\))?)")


Premises = tuple[int, int, str, tuple[int, ...]]  # a FACILITY match's name: start, end, name, the town at its end


def _premises(text: str, sentences: tuple[Sentence, ...], gazetteer: LocalGazetteer) -> list[Premises]:
    """The premises named after "di" (FACILITY) outside title-case lines, with the places of the town at their end
    ("Pengadilan Negeri Jakarta Selatan"). They read the sentences alone, so a recased copy has the same. The screen
    reads the whole text first: most texts have no premises' word."""
    found = []
    screen = _facility_screen()
    if not screen.any(text):
        return found
    for sentence in sentences:
        if sentence.boilerplate or not screen.any(sentence.text) or _title_case(sentence.text):
            continue
        for m in FACILITY.finditer(sentence.text):
            name = m.group("name")
            place_ids = _last_words_places(name.split(" (")[0].split(), 1, gazetteer)
            found.append((sentence.start + m.start("name"), sentence.start + m.end("name"), name, place_ids))
    return found


def _with_facilities(places: list[Candidate], premises: list[Premises]) -> list[Candidate]:
    """Add the premises; they absorb the names inside them."""
    out = places
    for a, b, name, place_ids in premises:
        if any(c.start <= a < c.end or c.start < b <= c.end and c.start < a for c in out):
            continue  # a designated name holds it ("di Rumah Sakit Pertamina")
        out = sorted([c for c in out if not (a <= c.start and c.end <= b)] + [Candidate(a, b, name, place_ids)],
                     key=lambda c: c.start)
    return out


@lru_cache(maxsize=1)
def _facility_screen() -> Screen:
    """The premises' words alone: "di" stands in most sentences, and a hit costs the screen a step in Python."""
    return Screen([PREMISES_WORDS], ignore_case=False)


COMPASS_AREA = re.compile(rf"(?:{_boundary_behind('wilayah|kawasan')}) (?:barat laut|barat daya|timur laut|utara|selatan|"
                          r"timur|barat|tengah|tenggara) $")  # the boundary behind the first letter: fewer tries


def _with_compass_area(text: str, places: list[Candidate]) -> list[Candidate]:
    """ "wilayah barat Sudan", "kawasan timur Indonesia": an area named by its side of a place is one name, as the
    compass word after a name joins it ("Sudan barat")."""
    out = []
    for c in places:
        area = COMPASS_AREA.search(text, max(0, c.start - 25), c.start) if c.usage == "place" else None
        out.append(c._replace(start=area.start(), text=text[area.start():c.end]) if area else c)
    return out


AREA_FIRST = re.compile(rf"(?i:{AREA_WORDS['id']})\s")
DESIGNATED_FIRST = re.compile(rf"(?i:{AREA_WORDS['id']}|{FEATURE_WORDS['id']})\s")


def _chained(text: str, places: list[Candidate]) -> list[Candidate]:
    """Indonesian designated names one after another with no comma are one name, the first the most local: "Kecamatan
    Lolak Kabupaten Bolaang Mongondow", "desa Sempolan kecamatan Silo", "Pasar Sentral Kota Medan". It is the place
    of its first part, or of the area it is in when that part has none."""
    out: list[Candidate] = []
    for c in places:
        last = out[-1] if out else None
        if last is not None and text[last.end:c.start] == " " and AREA_FIRST.match(c.text) \
                and DESIGNATED_FIRST.match(last.text) and last.usage == c.usage == "place":
            out[-1] = Candidate(last.start, c.end, text[last.start:c.end], last.place_ids or c.place_ids)
        else:
            out.append(c)
    return out


# A name of one to three capitalised words no gazetteer has, and the comma or bracket after it ("Menteng, Jakarta
# Pusat", "Wirasaba (Purwokerto)"), opening with its capital as CAPITALISED does. A word is never given back in part
# (what follows one is a space or the mark), so the engine is told so rather than trying it letter by letter.
APPOSED = re.compile(r"(?P<name>[A-Z](?<![\w'’.-][A-Z])[a-z][\w'’-]*(?![\w'’-])"
                     r"(?: [A-Z][a-z][\w'’-]*(?![\w'’-])){0,2}) ?(?P<mark>[,(]) ?(?=[A-Z])")
APPOSED_MARK = re.compile(r"[,(] ?[A-Z]")  # what every APPOSED match ends with, found faster


Apposition = tuple[int, int, str, str]  # (start, end) of the match, the name, and the mark after it: "," or "("


def _appositions(sentences: tuple[Sentence, ...]) -> list[Apposition]:
    """What APPOSED matches in each sentence with a comma or bracket that is not in title case, each sentence's
    from its end (a chain leans on the name after). They read the sentences alone, so a recased copy has the same."""
    found = []
    for sentence in sentences:
        if sentence.boilerplate or not APPOSED_MARK.search(sentence.text) or _title_case(sentence.text):
            continue
        found += [(sentence.start + m.start(), sentence.start + m.end(), m.group("name"), m.group("mark"))
                  for m in reversed(list(APPOSED.finditer(sentence.text)))]
    return found


def _with_apposed(text: str, places: list[Candidate], appositions: list[Apposition], gazetteer: LocalGazetteer
                  ) -> list[Candidate]:
    """Add the Indonesian names no gazetteer has that a place follows after a comma, where a locative word or a
    comma stands before them: "di Salemba, Jakarta", "Cililitan, Kramat Jati, Jakarta Timur" (a district, then
    its city), "di Wonoploso, Desa Kedungbulus" (a designated name, known or not); with the place in brackets after a
    locative word ("ke Wirasaba (Purwokerto)"). They stay unplaced. On the training splits 31 of 37 such names before
    a known place are locations."""
    placed = {c.start: c for c in places if c.usage == "place"}
    taken = [(c.start, c.end) for c in places]
    found: list[Candidate] = []
    for a, b, name, mark in appositions:
        after = placed.get(b)
        if after is None or any(x < b and a < y for x, y in taken):
            continue
        before = _word_before(text, a)
        if before.lower() not in LOCATIVE["id"] and (mark == "(" or not before.endswith(",")):
            continue
        first = name.split()[0]
        if _plain_word(first.lower()) or first in gazetteer.index.blockers or TITLE_WORD["id"].fullmatch(first):
            continue
        candidate = Candidate(a, a + len(name), name, ())
        found.append(candidate)
        placed[a] = Candidate(a, a + len(name), name, after.place_ids)  # leads the chain to the place after it
        taken.append((a, a + len(name)))
    return sorted(places + found, key=lambda c: c.start) if found else places


@lru_cache(maxsize=4)
def _designator_screen(lang: str) -> Screen:
    return Screen([DESIGNATED[lang].pattern], ignore_case=False)  # the designators are capitalised: "County"


def _places_named(name: str, gazetteer: LocalGazetteer) -> tuple[int, ...]:
    """The places `name` names, none when it is also a word that is never a place ("Timur")."""
    return () if name in gazetteer.index.blockers else tuple(gazetteer.candidates(name))


def _known_prefix(name: str, gazetteer: LocalGazetteer) -> str:
    """The longest run of the name's first words that the gazetteer knows: "Lebanon" of "Lebanon Lumpuh"."""
    words = name.split()
    for k in range(len(words), 0, -1):
        prefix = " ".join(words[:k])
        if _places_named(prefix, gazetteer):
            return prefix
    return ""


def _designated_places(name: str, word: str, lang: str, gazetteer: LocalGazetteer) -> tuple[int, ...]:
    """Indonesian areas are the place of their name ("Kabupaten Garut": Garut); buildings and streets that end
    with a town's name are in it ("Gedung BEI Medan": Medan); the rest, and English features, stay unplaced."""
    if lang != "id":  # English areas: only an abbreviated one adds anything to what the gazetteer found
        full = EN_AREA_ABBREVIATIONS.get(word)
        return _places_named(f"{name} {full}", gazetteer) if full else ()
    if word == "Republik":
        return _last_words_places(name.split(), 0, gazetteer)
    if re.fullmatch(AREA_WORDS["id"], word[:1].upper() + word[1:]):
        return _places_named(name, gazetteer)  # "Provinsi Timur": a compass word, no town called Timur
    return _last_words_places(name.split(), 1, gazetteer)


def _last_words_places(words: list[str], first: int, gazetteer: LocalGazetteer) -> tuple[int, ...]:
    """The places of the longest run of the last words, from words[first] on, that names any: "Medan" of "Gedung
    BEI Medan", "Jakarta Selatan" of "Pengadilan Negeri Jakarta Selatan"."""
    for k in range(first, len(words)):
        places = _places_named(" ".join(words[k:]), gazetteer)
        if places:
            return places
    return ()


@lru_cache(maxsize=65536)
def _can_act(place_ids, gazetteer: LocalGazetteer) -> str:
    """Countries (and continents) and capitals are the names that stand for states, governments and teams:
    "country", "capital", or "" for names that never do."""
    ix = gazetteer.index
    if any(ix.kind[p] in ("country", "continent") for p in place_ids):
        return "country"
    return "capital" if any(map(ix.capital.__getitem__, place_ids)) else ""


def _usage(text: str, start: int, end: int, lang: str, country: bool) -> str:
    """ "actor" when the name stands for a state, its people or its things rather than a place: after a word for
    people or an institution ("militer Israel"), as the subject of a verb ("Israel said", "AS menegaskan"), or,
    in Indonesian, after any word but a locative one: the noun before it makes it a modifier ("dolar AS",
    "serangan udara Israel", "dilancarkan Israel"). A locative word ("di", "ke", "in", "to") makes it a place."""
    previous = _word_before(text, start).lower()
    after = text[end:end + 40].split()
    if lang == "id" and len(after) > 1 and after[0] in WEEKDAYS_ID:
        after = after[1:]  # "Korea Selatan dan Hong Kong Selasa mengatakan": the day the subject spoke
    following = after[0].lower().strip(",.;:") if after and text[end:end + 1] == " " else ""
    if previous in LOCATIVE[lang] or lang == "id" and (BORDERING.search(text, max(0, start - 30), start)
                                                      or previous == "untuk"):  # "Duta Besar Indonesia untuk Tiongkok"
        return "place"
    if previous in ACTOR_NOUNS[lang] or lang == "id" and PASSIVE_ID.match(previous):
        return "actor"  # "militer Israel"; the agent of a passive verb: "tuduhan yang dibantah Beijing"
    if following and (following in CLAUSE_VERBS[lang] or (lang == "id" and VERB_ID.match(following))):
        return "actor"
    if lang == "id" and country and previous[:1].isalpha() and previous not in COORDINATORS:
        return "actor"
    return "place"


def _in_institution_name(text: str, start: int, last: str) -> bool:
    """INSTITUTION_BEFORE, searched only where the word before (`last`, _word_before within 12 characters) has a
    capital or ends in "dan" or "bola" and a space follows it, as every match ends so."""
    return text[start - 1:start] == " " and (not last.islower() or last.endswith(("dan", "bola"))) \
        and INSTITUTION_BEFORE.search(text, max(0, start - CONTEXT_BEFORE), start) is not None


def _office_area(text: str, start: int, end: int, last: str, place_ids, gazetteer: LocalGazetteer) -> bool:
    """The area an office governs ("Bupati Ngada", "Gubernur Jawa Barat Ahmad Heryawan"), unless the office is part of
    a building's name after a locative word ("di Pendopo Gubernur Banten") or the area of a longer name ("Kapolres
    Metro Jakarta Pusat"). `last`: the word before (_word_before within 12 characters)."""
    if last.lower() not in OFFICE_ENDS or not _area(place_ids, gazetteer) \
            or not JURISDICTION_BEFORE.search(text, max(0, start - 30), start) \
            or PREMISES_BEFORE.search(text, max(0, start - CONTEXT_BEFORE), start):
        return False
    following = CAPITALISED.match(text, end + 1, end + CONTEXT_AFTER) if text[end:end + 1] == " " else None
    if following is not None:
        words = following.group().split()
        return not any((places := _places_named(" ".join(words[:k]), gazetteer)) and _area(places, gazetteer)
                       for k in (1, 2))
    return True


def _area(place_ids, gazetteer: LocalGazetteer) -> bool:
    """A country, a state or a county anywhere, or an Indonesian town or district: what an office governs."""
    ix = gazetteer.index
    return any(ix.kind[p] in ("country", "admin1", "admin2") or ix.country[p] == "ID" and ix.kind[p] in LOCAL_OR_STATE
               for p in place_ids)


def _foreign(name: str, place_ids, gazetteer: LocalGazetteer) -> bool:
    """Only towns and states abroad, none of them the project's own reading of the name (see _in_named_countries)."""
    ix = gazetteer.index
    return all(ix.country[p] not in ("ID", "") and ix.kind[p] in LOCAL_OR_STATE and not gazetteer.curated(name, p)
               for p in place_ids)


def _after_locative(text: str, start: int, lang: str) -> bool:
    return _word_before(text, start).lower() in LOCATIVE[lang]


def _word_before(text: str, start: int, reach: int = CONTEXT_BEFORE) -> str:
    """The word before a name (its end, if it is longer than the `reach` characters read: by default the
    CONTEXT_BEFORE the rules read)."""
    before = text[max(0, start - reach):start].rsplit(None, 1)
    return before[-1] if before else ""


def _names_a_person(text: str, start: int, end: int, name: str, lang: str, surnames: Surnames) -> bool:
    before = text[max(0, start - 30):start]
    last = before.rstrip()
    if _last_token(last) in TITLE_ENDS[lang] and TITLE_BEFORE[lang].search(before):
        return True
    if SPEECH_AFTER[lang].match(text, end, end + 30) or \
            last.endswith(SPEECH_ENDS[lang]) and SPEECH_BEFORE[lang].search(text[max(0, start - 20):start]):
        return True
    return " " not in name and name in surnames and _word_before(text, start) not in LOCATIVE[lang]  # "in DeKalb"


def _last_token(text: str) -> str:
    """What the text ends with after its last white space or bracket: where a title before a name ends (TITLE_BEFORE
    matches only where this is one of TITLE_ENDS), found without trying each of them."""
    words = text.rsplit(None, 1)
    return words[-1].rpartition("(")[2] if words else ""


def _all_caps_names(chunk: str, found: list, gazetteer: LocalGazetteer) -> list:
    """Datelines and shouted headlines ("CHARLESTON, W.Va. —"): an all-capitals run read in title case."""
    out = []
    for caps in ALL_CAPS.finditer(chunk):
        start, end = caps.span()
        if end - start < 4:  # "NATO", "LOS ANGELES" yes; "COM", "US" (the automaton has those) no
            continue
        if any(s < end and start < e for s, e, _, _ in found):
            continue
        name = caps.group().title()
        value = gazetteer.automaton.get(name, None)
        if value is not None:
            out.append((start, end, name, gazetteer.entry(value)))
    return out


# -- title-case lines -------------------------------------------------------------------------------

REGION_KINDS = frozenset({"country", "admin1", "admin2", "region"})  # kinds of place a town's name may be followed by


def title_case_lines(sentences: tuple[Sentence, ...]) -> list[Sentence]:
    """The lines written in title case ("Israel Gempur Beirut Incar Tokoh Hizbullah"), boilerplate aside: every
    word is capitalised there, so a name after a verb reads as part of a longer name and is lost."""
    return [s for s in sentences if not s.boilerplate and is_title_case(s.text)]


def title_case_sources(text: str, sentences: tuple[Sentence, ...], lines: list[Sentence], reading: Reading, lang: str,
                       gazetteer: LocalGazetteer) -> list[tuple[int, int]]:
    """Spans of which every candidate with places that starts in one of the title-case `lines` holds one, whatever
    `reading`'s text is recased to: the hits that may name a place, the designated names that may have places (at
    their name's first letter), the premises and defined names with places, from each line's start to the end of its
    line of text. A candidate holds the name it is made of, which starts where it does or after it: a compass word
    before it, a chain of designated names or the designator before a name reaches no further, and nothing spans a
    line break. So when each of these spans overlaps a placed name, a second reading of the lines can add no place."""
    sources: list[tuple[int, int]] = []
    reaches = []
    for line in lines:
        end = text.find("\n", line.end)
        reaches.append((line.start, len(text) if end < 0 else end))
    for k, sentence in enumerate(sentences):
        if not any(a <= sentence.start < b for a, b in reaches) or reading.sentences[k] is None:
            continue
        at = sentence.start
        for start, end, name, entry in reading.sentences[k].hits:
            if isinstance(entry, Blocker):
                placeable = gazetteer.demonym_place(name) is not None if entry.why == "demonym" else \
                    (entry.why == "headline word" or entry.lang not in ("", lang)) \
                    and _name_alone(name, True, lang, gazetteer) is not None
            else:
                placeable = _name_alone(name, False, lang, gazetteer) is not None
            if placeable:
                sources.append((at + start, at + end))
        for m in reading.designations[k]:
            group = "name" if m.group("name") else "name2"
            if lang == "id" or m.group("word") in EN_AREA_ABBREVIATIONS:
                sources.append((at + m.start(group), at + m.start(group) + 1))
    sources += [(a, b) for a, b, _, place_ids in reading.premises if place_ids]
    sources += [(c.start, c.end) for c in reading.place_words if c.place_ids]
    return [(a, b) for a, b in sources if any(x <= a < y for x, y in reaches)]


def recase_lines(text: str, lines: list[Sentence], lang: str, gazetteer: LocalGazetteer) -> str:
    """The text with `lines` cased as running text (same offsets), for recognise to read again: the words that
    are not names in lower case."""
    pieces, done = [], 0
    for line in lines:
        pieces += [text[done:line.start], _recased_line(line.text, lang, gazetteer)]
        done = line.end
    return "".join(pieces) + text[done:]


def _recased_line(line: str, lang: str, gazetteer: LocalGazetteer) -> str:
    """The line with capitalised words that are no gazetteer name or actor in lower case, as are words of place
    after a preposition ("di Lepas Pantai Yaman"), and a comma between a place's name and the region's after it
    ("di Jabalia Gaza Utara" reads as "di Jabalia,Gaza Utara"), which a headline leaves out, so the two are not
    read as one unknown name; a name the gazetteer knows only far from the region after it is a part of that
    region it does not know ("di Karama Gaza")."""
    named: set[int] = set()
    places: list[tuple[int, int, tuple[int, ...]]] = []  # (first, end, place ids) of the place names
    for last, value in gazetteer.automaton.iter_long(line):
        name, entry = gazetteer.hit(value)
        first = last + 1 - len(name)
        if (first == 0 or not line[first - 1].isalnum()) and (last + 1 == len(line) or not line[last + 1].isalnum()):
            named.update(range(first, last + 1))
            if value < BLOCKED:
                places.append((first, last + 1, entry[1]))
    cased = sentence_case(line, lang, named)
    kind = gazetteer.index.kind
    for (start, end, town), (first, _, region) in zip(places, places[1:]):
        if first != end + 1 or line[end] != " ":
            continue
        regions = [gazetteer.place(pid) for pid in region if kind[pid] in REGION_KINDS]
        if not regions:
            continue
        if any(_within(r, gazetteer.place(pid)) for r in regions for pid in town):
            cased = cased[:end] + "," + cased[end + 1:]  # "Jabalia Gaza Utara": Jabalia, in North Gaza
        else:
            cased = cased[:start] + _lower(cased[start:end]) + cased[end:]  # "Karama Gaza": a part of Gaza
    for words in rxi(rf"\b(?:di|ke|dari|in|at|off)\s+((?:{LOCATION_WORDS[lang]})\s+)(?=[A-Z])").finditer(cased):
        cased = cased[:words.start(1)] + _lower(words.group(1)) + cased[words.end(1):]  # "di Lepas Pantai Yaman"
    return cased


def _lower(text: str) -> str:
    """The text in lower case, the same length: "İ" alone lower-cases to two characters ("i̇")."""
    return text.replace("İ", "i").lower()


def _within(region: Place, town: Place) -> bool:
    """The town lies in the region, or near enough for a region of its kind."""
    return region.country_code == town.country_code and (region.kind == "country" or distance_km(
        region.lat, region.lon, town.lat, town.lon) <= (400 if region.kind == "admin1" else 100))
