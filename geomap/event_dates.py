"""Dates in a sentence, resolved against the article's date: "Senin (20/10/2025)", "(15/10)", "27 September",
"March 21, 2009", "hari Sabtu", "Kamis lalu", "kemarin", "yesterday", "dua hari lalu", "saat Natal".

A date right after the words that report a statement ("kata X kepada wartawan, Rabu (22/10/2025)",
"dilansir AFP, Minggu (19/10)") dates the telling, not the event; it is marked so events can pass it by.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from geomap.document import Sentence
from geomap.regex import rx, rxi
from geomap.screen import Scan, Screen

WEEKDAYS = {"id": ["senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu"],
            "en": ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]}
MONTHS = {"id": ["januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober",
                 "november", "desember"],
          "en": ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                 "november", "december"]}
MONTH_ABBREVIATIONS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "agu": 8, "sep": 9,
                       "sept": 9, "oct": 10, "okt": 10, "nov": 11, "dec": 12, "des": 12}
NUMBER_DAYS = {"satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "one": 1, "two": 2,
               "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
# (phrase, days before the article, ACLED time precision)
RELATIVE = {"id": (("kemarin lusa", 2, 1), ("kemarin", 1, 1), ("hari ini", 0, 1), ("tadi malam", 1, 1),
                   ("semalam", 1, 1), ("pagi ini", 0, 1), ("siang ini", 0, 1), ("sore ini", 0, 1),
                   ("malam ini", 0, 1), ("minggu lalu", 7, 2), ("pekan lalu", 7, 2), ("bulan lalu", 30, 3),
                   ("sepekan terakhir", 7, 2)),
            "en": (("yesterday", 1, 1), ("today", 0, 1), ("last night", 1, 1), ("overnight", 0, 1),
                   ("this morning", 0, 1), ("last week", 7, 2), ("last month", 30, 3))}
UNITS_AGO = {"id": r"\b(\d+|satu|dua|tiga|empat|lima|enam|tujuh)\s+(hari|pekan|minggu)\s+(?:lalu|yang lalu)\b",
             "en": r"\b(\d+|one|two|three|four|five|six|seven)\s+(days?|weeks?)\s+ago\b"}
SLASH_DATE = r"(?<![/\d])(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?(?![/\d])"  # "20/10/2025", "(15/10)"
LAST_WEEKDAY = r"\blast (monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
UNIT_DAYS = {"hari": 1, "pekan": 7, "minggu": 7, "day": 1, "days": 1, "week": 7, "weeks": 7}
# Days that fall on the same date every year.
HOLIDAYS = {"id": ((r"\b(?:hari )?natal\b", 12, 25), (r"\bmalam natal\b", 12, 24), (r"\btahun baru\b", 1, 1),
                   (r"\b(?:may day|hari buruh)\b", 5, 1), (r"\bhari kemerdekaan\b", 8, 17)),
            "en": ((r"\bchristmas(?: day)?\b", 12, 25), (r"\bchristmas eve\b", 12, 24),
                   (r"\bnew year'?s day\b", 1, 1), (r"\bmay day\b", 5, 1), (r"\bindependence day\b", 7, 4))}
# Words that report a statement: a date right after them is when it was said.
ATTRIBUTION = {"id": r"\b(?:kata|ujar|ucap|tutur|jelas|ungkap|imbuh|tambah|sebut|tegas|terang|pungkas|tandas|"
                     r"katanya|ujarnya|jelasnya|dilansir|dikutip|dirangkum\w*|kepada|dihubungi|dikonfirmasi\w*|"
                     r"keterangan\w*|konferensi pers|pernyataan\w*|laporan\w*|ditemui|melalui rilis)\b[^.!?]{0,80}$",
               "en": r"\b(?:said|says|told|reported|according to|statement|announced|added)\b[^.!?]{0,60}$"}


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int  # offsets in the document
    end: int
    date: dt.date
    precision: int  # ACLED time precision: 1 day, 2 week, 3 month
    attribution: bool = False  # when a statement was made, not when its event happened


def dates_in(sentence: Sentence, lang: str, published: dt.date | None, scan: Scan | None = None
             ) -> list[DateMention]:
    """Dates the sentence states, earliest offset first; without the article's date, only dates with a year.
    `scan`: one of the sentence by a screen joined from date_screen's, to read it no more."""
    text, found = sentence.text, []
    named, screen = _date_patterns(lang)
    possible = scan.possible(screen) if scan is not None else screen.possible(text)  # most sentences: none
    if not possible:
        return found
    may = {key for k, key in enumerate(named) if k in possible}

    def add(m: re.Match, date: dt.date | None, precision: int = 1) -> None:
        if date is None or any(d.start <= sentence.start + m.start() < d.end for d in found):
            return
        before = text[max(0, m.start() - 90):m.start()]
        said = rxi(ATTRIBUTION[lang]).search(before) is not None
        found.append(DateMention(sentence.start + m.start(), sentence.start + m.end(), date, precision, said))

    for m in rx(SLASH_DATE).finditer(text) if "slash" in may else ():
        before = text[max(0, m.start() - 12):m.start()]
        if rxi(r"\b(?:RT|RW|No|Nomor|KK)\.?\s*$").search(before):
            continue  # "RT 03/09" is a neighbourhood, not a date
        if not m.group(3) and not rxi(rf"(?:\(|\b(?:{'|'.join(WEEKDAYS[lang])}),?\s*)$").search(before):
            continue  # a day and month alone count only in the news style "Rabu (15/10)"
        if m.group(3) or published:
            year = int(m.group(3)) if m.group(3) else published.year
            add(m, _checked(year + (2000 if year < 100 else 0), int(m.group(2)), int(m.group(1)), published,
                            not m.group(3)))
    for m in rxi(named["day month"]).finditer(text) if "day month" in may else ():
        add(m, _named(m.group(1), m.group(2), m.group(3), lang, published))
    for m in rxi(named["month day"]).finditer(text) if "month day" in may else ():
        add(m, _named(m.group(2), m.group(1), m.group(3), lang, published))
    for m in rxi(named["month year"]).finditer(text) if "month year" in may else ():
        add(m, dt.date(int(m.group(2)), MONTHS[lang].index(m.group(1).lower()) + 1, 1), 3)  # "Februari 2025"
    if published is None:
        return found
    for m in rxi(UNITS_AGO[lang]).finditer(text) if "ago" in may else ():
        count = NUMBER_DAYS.get(m.group(1).lower()) or int(m.group(1))
        add(m, published - dt.timedelta(days=count * UNIT_DAYS[m.group(2).lower()]), 1 if m.group(2)[0] in "hd" else 2)
    for phrase, days, precision in RELATIVE[lang]:
        for m in rxi(named[("relative", phrase)]).finditer(text) if ("relative", phrase) in may else ():
            add(m, published - dt.timedelta(days=days), precision)
    for pattern, month, day in HOLIDAYS[lang]:
        for m in rxi(pattern).finditer(text) if ("holiday", pattern) in may else ():
            add(m, _checked(published.year, month, day, published, True))
    for i, name in enumerate(WEEKDAYS[lang]):
        for m in rxi(named[("weekday", name)]).finditer(text) if ("weekday", name) in may else ():
            if lang == "id" and name == "minggu" and \
                    rxi(r"\s+(?:lalu|depan|ini|pertama|kedua|ketiga|ke-)").match(text[m.end():]):
                continue  # "minggu lalu" is last week, "minggu depan" next week
            back = (published.weekday() - i) % 7
            if m.group(1) and back == 0:
                back = 7  # "Kamis lalu" on a Thursday is a week ago
            add(m, published - dt.timedelta(days=back))
    for m in rxi(LAST_WEEKDAY).finditer(text) if "last weekday" in may else ():
        back = (published.weekday() - WEEKDAYS["en"].index(m.group(1).lower())) % 7 or 7
        add(m, published - dt.timedelta(days=back))
    found.sort(key=lambda d: d.start)
    return found


def date_screen(lang: str) -> Screen:
    """The screen in front of every pattern dates_in searches."""
    return _date_patterns(lang)[1]


@lru_cache(maxsize=4)
def _date_patterns(lang: str) -> tuple[dict[object, str], Screen]:
    """Every pattern dates_in searches, by what it finds, and one screen for them all."""
    names = "|".join(MONTHS[lang]) + "|" + "|".join(MONTH_ABBREVIATIONS)
    patterns = [("slash", SLASH_DATE), ("day month", rf"\b(\d{{1,2}})\s+({names})\.?(?:\s+(\d{{4}}))?\b")]
    if lang == "en":
        patterns.append(("month day", rf"\b({names})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b"))
    patterns += [("month year", rf"\b(?:bulan\s+)?({'|'.join(MONTHS[lang])})\s+((?:19|20)\d\d)\b"),
                 ("ago", UNITS_AGO[lang])]
    patterns += [(("relative", phrase), rf"\b{phrase}\b") for phrase, _, _ in RELATIVE[lang]]
    patterns += [(("holiday", pattern), pattern) for pattern, _, _ in HOLIDAYS[lang]]
    patterns += [(("weekday", name), rf"\b{name}\b(\s+(?:lalu|kemarin|last))?") for name in WEEKDAYS[lang]]
    patterns.append(("last weekday", LAST_WEEKDAY))
    return dict(patterns), Screen([pattern for _, pattern in patterns])


def _named(day: str, month: str, year: str | None, lang: str, published: dt.date | None) -> dt.date | None:
    key = month.lower().rstrip(".")
    number = MONTHS[lang].index(key) + 1 if key in MONTHS[lang] else MONTH_ABBREVIATIONS.get(key)
    if number is None or (not year and published is None):
        return None
    return _checked(int(year) if year else published.year, number, int(day), published, not year)


def _checked(year: int, month: int, day: int, published: dt.date | None, guessed_year: bool) -> dt.date | None:
    """The date, or None if there is no such day; a year taken from the article goes back one when the date
    would be well after the article ("27 September" in an October article is the last one)."""
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None
    if guessed_year and published and date > published + dt.timedelta(days=7):
        date = date.replace(year=date.year - 1) if not (date.month == 2 and date.day == 29) else None
    return date


# In every date with a year: two digits after a slash ("20/10/25") or four digits; it opens with a class of
# characters, which the regex engine skips to.
YEAR = re.compile(r"[/\d](?:(?<=/)\d\d|\d{3})")


def article_date(sentences: tuple[Sentence, ...], lang: str) -> dt.date | None:
    """The dateline's date ("JAKARTA, Senin (3/11/2025) -", "BEIRUT, March 4, 2025 -"): a full date up front.
    Without the article's date, dates_in finds only dates with a year: a sentence without four digits or two after
    a slash has none, and most have neither."""
    for sentence in sentences[:3]:
        if YEAR.search(sentence.text) is None:
            continue
        for d in dates_in(sentence, lang, None):
            return d.date
    return None
