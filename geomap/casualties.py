"""Deaths and injuries a sentence reports, by ACLED's rules (../shared/docs/events.md).

Numbers come in digits ("27.585", "1,850") and words in both languages ("dua puluh tiga", "twenty"), vague
words count as ACLED says ("puluhan" and "dozens" 12, "ratusan" and "hundreds" 100, "beberapa" and "several"
10, "a few" 3), "lebih dari 20" and "at least 20" are 20, a range or conflicting figures give the lowest, and
groups listed before one verb add up ("eight soldiers and 12 militants were killed": 20). "Tidak ada korban
jiwa" and "no one was killed" are an explicit 0. Injuries are counted the same way, separately.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from geomap.screen import Scan, Screen

UNITS = {
    "id": {"satu": 1, "se": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8,
           "sembilan": 9},
    "en": {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
           "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
           "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
           "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90},
}
# ACLED: "several", "many", plurals without a number 10; "dozens" 12; "hundreds" 100; a few 3.
VAGUE = {
    "id": {"seorang": 1, "sepuluh": 10, "sebelas": 11, "belasan": 11, "puluhan": 12, "ratusan": 100,
           "ribuan": 1000, "beberapa": 10, "sejumlah": 10, "banyak": 10, "seratus": 100, "seribu": 1000},
    "en": {"a dozen": 12, "dozens of": 12, "dozens": 12, "scores of": 20, "hundreds of": 100, "hundreds": 100,
           "thousands of": 1000, "several": 10, "many": 10, "a number of": 10, "a few": 3, "a": 1, "an": 1,
           "a hundred": 100},
}
ID_NUMBER_WORD = r"(?:satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan)"
ID_COMPOUND = (rf"(?:(?:{ID_NUMBER_WORD}|se)\s*(?:ribu|ratus|puluh|belas)(?:\s+{ID_NUMBER_WORD}"
               rf"(?:\s+(?:puluh|belas))?)*(?:\s+{ID_NUMBER_WORD})?|{ID_NUMBER_WORD})")
EN_COMPOUND = r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|" \
              r"seven|eight|nine))?|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|" \
              r"one|two|three|four|five|six|seven|eight|nine|ten)"
DIGITS = r"\d{1,3}(?:[.,]\d{3})+|\d+"
QUALIFIER = {"id": r"(?:sedikitnya|setidaknya|paling sedikit|lebih dari|lebih|sekitar|hampir|kurang lebih|"
                   r"sebanyak|mencapai|total)\s+",
             "en": r"(?:at least|more than|over|some|about|around|nearly|almost|as many as|up to|an estimated)\s+"}
RANGE = {"id": r"\s*(?:-|–|hingga|sampai|s\.d\.|atau)\s*", "en": r"\s*(?:-|–|to|or)\s*"}
DEATH = {"id": r"(?:tewas|meninggal(?:\s+dunia)?|terbunuh|dibunuh|gugur|wafat|kehilangan nyawa|jiwa melayang|"
               r"korban (?:jiwa|tewas|meninggal))",
         "en": r"(?:killed|dead|died|slain|deaths|lost their lives|perished)"}
KILLING = {"id": r"(?:menewaskan|tewaskan|membunuh|bunuh|merenggut nyawa|renggut nyawa|korban (?:tewas|jiwa|meninggal)"
                 r"(?:\s+\S+){0,3}?\s+(?:mencapai|sebanyak|menjadi|capai|tembus))",
           "en": r"(?:killing|killed|kills|kill|death toll (?:rose to|of|reached|stands at|stood at|is|was))"}
INJURY = {"id": r"(?:luka-luka|terluka|luka berat|luka ringan|luka|cedera|korban luka)",
          "en": r"(?:injured|wounded|hurt|injuries)"}
INJURING = {"id": r"(?:melukai|lukai|mencederai|korban luka(?:-luka)?(?:\s+\S+){0,3}?\s+(?:mencapai|sebanyak|menjadi))",
            "en": r"(?:injuring|wounding|injured|wounded)"}
# "45 orang tewas, sementara militer Israel menyebut 30": a second, conflicting figure for the same count.
CONFLICTING = {"id": r"\b(?:sementara|sedangkan|namun)\b[^.]*?\b(?:menyebut|sebut|mengatakan|melaporkan)\s+",
               "en": r"\b(?:while|whereas|but)\b[^.]*?\b(?:said|says|put (?:the toll|it) at|reported)\s+"}
NONE_DEAD = {"id": r"\b(?:tidak ada|tak ada|tanpa|nihil|belum ada)\s+korban\s+(?:jiwa|tewas|meninggal)",
             "en": r"\b(?:no one was (?:killed|hurt|injured)|no (?:deaths|fatalities|casualties)|nobody was killed|"
                   r"no one was hurt)"}
NONE_HURT = {"id": r"\b(?:tidak ada|tak ada|tanpa|nihil)\s+korban\s+luka",
             "en": r"\b(?:no (?:injuries|one was (?:hurt|injured))|nobody was (?:hurt|injured)|no one was hurt)"}
# Between a number and the death or injury word: who they were, at most a few words.
PEOPLE = {"id": r"(?:\s+(?:orang|warga|jiwa|anak|penumpang|pekerja|tentara|polisi|militan|pejuang|jurnalis|"
                r"wartawan|pendemo|demonstran|pelaku|korban|lainnya|di antaranya|termasuk|sipil|palestina|"
                r"israel|lebanon|pengungsi|santri|siswa|pelajar|mahasiswa|personel|anggota|keluarga|tentara|"
                r"prajurit|militer|pasien|perempuan|wanita|pria|laki-laki|bocah|balita|lansia|dewasa|"
                r"seketika))*(?!\s+(?:tahun|bulan|hari|jam))",
          "en": r"(?:\s+(?!(?:and|or|but|when|as|in|on|at|of|the|after|were|was|have|had|been)\b)[A-Za-z][\w'-]*){0,3}"}


VAGUE_ARTICLES = {"a", "an", "one"}  # a count only before a passive: "a man was killed"
MULTIPLIER = {"ribu": 1000, "juta": 1_000_000, "thousand": 1000, "million": 1_000_000}


@lru_cache(maxsize=4)
def number_pattern(lang: str) -> str:
    """A count with its qualifier and range; group 1 is the (lower) figure."""
    words = "|".join(sorted(map(re.escape, VAGUE[lang]), key=len, reverse=True))
    compound = ID_COMPOUND if lang == "id" else EN_COMPOUND
    figure = rf"(?:{DIGITS})(?:\s+(?:{'|'.join(MULTIPLIER)}))?"
    return (rf"(?<![\w.,])(?:{QUALIFIER[lang]})?({figure}|{compound}|{words})(?![\w])"
            rf"(?:{RANGE[lang]}(?:{DIGITS}|{compound})(?![\w]))?")


def parse_number(words: str, lang: str) -> int | None:
    """The value of a number in digits or words: "27.585", "dua puluh tiga", "twenty-one", "puluhan"."""
    words = " ".join(words.lower().split())
    scaled = re.fullmatch(rf"({DIGITS}) ({'|'.join(MULTIPLIER)})", words)
    if scaled:
        return int(re.sub(r"[.,]", "", scaled.group(1))) * MULTIPLIER[scaled.group(2)]
    if re.fullmatch(DIGITS, words):
        return int(re.sub(r"[.,]", "", words))
    if words in VAGUE[lang]:
        return VAGUE[lang][words]
    if lang == "en":
        total = 0
        for part in re.split(r"[- ]", words):
            if part not in UNITS["en"]:
                return None
            total += UNITS["en"][part]
        return total
    total, current = 0, 0
    for part in re.findall(r"se(?=ribu|ratus|puluh|belas)|[a-z]+", words):
        if part in UNITS["id"]:
            current += UNITS["id"][part]
        elif part == "belas":
            current += 10
        elif part == "puluh":
            current *= 10
        elif part == "ratus":
            current *= 100
        elif part == "ribu":
            total, current = (total + current) * 1000, 0
        else:
            return None
    return total + current or None


@dataclass(frozen=True, slots=True)
class Casualties:
    deaths: int | None  # None: the text says nothing of deaths
    injured: int | None


def casualties(text: str, lang: str, scan: Scan | None = None) -> Casualties:
    """The deaths and injuries a piece of text reports, each the lowest figure it gives. `scan`: one of the text (or
    of a text holding it) by a screen joined from harm_words', to read it no more."""
    harm = harm_words(lang)
    possible = scan.possible(harm) if scan is not None else harm.possible(text)  # most sentences: none
    return Casualties(_count(text, lang, _patterns(lang, "deaths"), possible, 0) if any(k < 3 for k in possible)
                      else None,
                      _count(text, lang, _patterns(lang, "injuries"), possible, 3) if any(k >= 3 for k in possible)
                      else None)


@lru_cache(maxsize=4)
def harm_words(lang: str) -> Screen:
    """The words of death (the first three patterns) and of injury (the other three) together: every count needs
    one of them."""
    return Screen([DEATH[lang], KILLING[lang], NONE_DEAD[lang], INJURY[lang], INJURING[lang], NONE_HURT[lang]])


@dataclass(frozen=True, slots=True)
class _Patterns:
    """The regexes that count deaths (or injuries) in one language, compiled once."""

    none: re.Pattern
    listed: re.Pattern
    verb: re.Pattern
    conflicting: re.Pattern
    number: re.Pattern


@lru_cache(maxsize=4)
def _patterns(lang: str, what: str) -> _Patterns:
    state, verb, none = (DEATH, KILLING, NONE_DEAD) if what == "deaths" else (INJURY, INJURING, NONE_HURT)
    number = number_pattern(lang)
    listed = rf"{number}{PEOPLE[lang]}(?:\s*(?:,|dan|and)\s+{number}{PEOPLE[lang]})*"
    passive = r"(?:\s+(?:were|have been|had been|was|are|is|been|left|ikut|juga|telah|sudah|dilaporkan|" \
              r"dikabarkan|mengalami|menderita|dinyatakan|ditemukan))*"
    return _Patterns(re.compile(none[lang], re.IGNORECASE),
                     re.compile(rf"(?<![\w.,]){listed}(?P<aux>{passive})\s+{state[lang]}\b", re.IGNORECASE),
                     re.compile(rf"\b{verb[lang]}\s+{number}", re.IGNORECASE),
                     re.compile(rf"{CONFLICTING[lang]}{number}(?!\s*(?:persen|percent|%))", re.IGNORECASE),
                     re.compile(number, re.IGNORECASE))


def _count(text: str, lang: str, patterns: _Patterns, possible: tuple[int, ...], first: int) -> int | None:
    """The lowest count the text gives; `possible`: the harm_words patterns that may match it, `first` the place of
    this count's state word among them (its verb and "none" follow): a regex holding a pattern that cannot match is
    not run."""
    found: list[int] = []
    if first + 2 in possible and patterns.none.search(text):
        found.append(0)
    for m in patterns.listed.finditer(text) if first in possible else ():
        if m.group(1).lower() in VAGUE_ARTICLES and not m.group("aux").strip():
            continue  # "A suicide bomber killed 27": the bomber did the killing
        values = [v for v in (_first(n, lang) for n in patterns.number.finditer(m.group())) if v]
        if values:
            found.append(sum(values))
    for m in patterns.verb.finditer(text) if first + 1 in possible else ():
        value = _first(m, lang)
        if value is not None:
            found.append(value)
    if found:
        for m in patterns.conflicting.finditer(text):
            value = _first(m, lang)
            if value is not None:
                found.append(value)
    return min(found) if found else None


def _first(m: re.Match, lang: str) -> int | None:
    """The lower figure of a number match (a range's first)."""
    return parse_number(m.group(1), lang) if m.group(1) else None
