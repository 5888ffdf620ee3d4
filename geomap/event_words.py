"""The words events are found by: triggers with Indonesian morphology, weapons, and the cues that make a
mention of an event something other than a report of it (a threat, a hope, a sports move, a metaphor).

The trigger lexicon is data (`gazetteer/event_triggers.tsv`); an Indonesian root is written once and its
affixed forms come from the rules of meN-/peN- assimilation: serang gives menyerang, diserang, serangan,
penyerangan; tembak gives menembak, menembakkan, ditembak, penembakan; luncur gives meluncurkan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby

from geomap.gazetteer import read_tsv
from geomap.language import function_words
from geomap.regex import leftmost_first, rx, rxi
from geomap.screen import Scan, Screen

SUFFIXES = ("", "an", "kan", "i", "nya", "annya", "kannya", "lah")
PLAIN_PREFIXES = ("di", "ter", "ber", "be", "per", "se", "ke")


def nasal_prefixes(root: str) -> set[str]:
    """meN- and peN- before a root, with the initial consonant assimilated or dropped (s -> meny-, t -> men-)."""
    first = root[0]
    if len(root) <= 3:  # one syllable: bom -> mengebom, pengeboman
        return {"menge" + root, "penge" + root}
    if first in "lmnrwy":
        return {"me" + root, "pe" + root}
    if first in "bfv":
        return {"mem" + root, "pem" + root}
    if first == "p":
        return {"mem" + root[1:], "pem" + root[1:], "memp" + root[1:]}
    if first in "dcjz":
        return {"men" + root, "pen" + root}
    if first == "t":
        return {"men" + root[1:], "pen" + root[1:]}
    if first == "s":
        return {"meny" + root[1:], "peny" + root[1:]}
    if first == "k":
        return {"meng" + root[1:], "peng" + root[1:]}
    return {"meng" + root, "peng" + root}  # vowels, g, h


def indonesian_stems(root: str) -> set[str]:
    """The root with each prefix (the suffixes go on any of them)."""
    stems = nasal_prefixes(root) | {p + root for p in PLAIN_PREFIXES} | {"mem" + root, "men" + root, "meng" + root}
    return stems | {p + root for p in ("diper", "memper", "seper")}


def indonesian_forms(root: str, bare: bool = True) -> str:
    """A regex for a root with its affixes; without the bare root when `bare` is False. The stems are tried longest
    first (two of one length never match at one place). With the bare root among them, a run of stems that end in
    the root is written as their prefixes before it, "(?:memper|diper|...|)serang", not each stem whole: the same
    tries in the same order, a third less to compile. A screen (geomap.screen) then takes the root for the run's
    literal, as it is longer than some prefix (else the run stays whole), so it rules out the same texts: every stem
    holds the root or is a nasal form kept whole. Without the bare root each stem stays whole, a literal of its own."""
    stems = indonesian_stems(root)
    suffixes = "(?:" + "|".join(SUFFIXES[1:]) + ")?"
    if not bare:
        return "(?:(?:" + "|".join(sorted(stems, key=lambda stem: (-len(stem), stem))) + ")" + suffixes + ")"
    ordered = sorted(stems, key=lambda stem: (-len(stem), stem.endswith(root), stem)) + [root]
    parts = []
    for ends_in_root, run in groupby(ordered, key=lambda stem: stem.endswith(root)):
        run = list(run)
        prefixes = [stem[:-len(root)] for stem in run]
        grouped = ends_in_root and min(map(len, prefixes)) < len(root)
        parts += ["(?:" + "|".join(prefixes) + ")" + root] if grouped else run
    return "(?:(?:" + "|".join(parts) + ")" + suffixes + ")"


def expand(pattern: str) -> str:
    """Replace each ~root (or ~root!) in a lexicon pattern by the root's Indonesian forms."""
    return re.sub(r"~([a-z]+(?: [a-z]+)?)(!?)", lambda m: _multiword(m.group(1), not m.group(2)), pattern)


def _multiword(root: str, bare: bool) -> str:
    """ "~unjuk rasa": the affixes go on the phrase (berunjuk rasa, pengunjuk rasa)."""
    head, _, rest = root.partition(" ")
    return indonesian_forms(head, bare) + (r"\s+" + re.escape(rest) if rest else "")


@dataclass(frozen=True, slots=True)
class LexiconRow:
    category: str
    sub_type: str
    kind: str  # "trigger", "generic", "bombardment", "weapon", "impact"
    pattern: str


@lru_cache(maxsize=1)
def lexicon() -> tuple[tuple[str, LexiconRow], ...]:
    """(lang, row) in file order."""
    return tuple((lang, LexiconRow(category, sub_type, kind, expand(pattern)))
                 for category, sub_type, lang, kind, pattern in read_tsv("event_triggers.tsv"))


def rows(lang: str, kinds: set[str]) -> list[LexiconRow]:
    return [row for row_lang, row in lexicon() if row_lang == lang and row.kind in kinds]


@dataclass(frozen=True, slots=True)
class WordMatch:
    start: int  # offsets in the text searched
    end: int
    text: str
    row: LexiconRow


def find_words(text: str, lang: str, kinds: set[str], scan: Scan | None = None) -> list[WordMatch]:
    """The lexicon's words in `text`, leftmost first; where rows overlap, the first row in file order wins. `scan`:
    one of the text (or of a text holding it) by a screen joined from words_screen's, to read it no more."""
    words = _words(lang, frozenset(kinds))
    possible = scan.possible(words.screen) if scan is not None else words.screen.possible(text)
    if not possible:
        return []
    rows = words.rows
    if len(possible) == 1:
        row = rows[possible[0]]
        return [WordMatch(m.start(), m.end(), m.group(), row) for m in words.regexes[possible[0]].finditer(text)]
    return [WordMatch(m.start(), m.end(), m.group(), rows[possible[k]])
            for k, m in leftmost_first([words.regexes[i] for i in possible], text)]


def words_screen(lang: str, kinds: set[str]) -> Screen:
    """The screen find_words puts in front of these rows."""
    return _words(lang, frozenset(kinds)).screen


class _Words:
    """The rows of some kinds in one language, screened (geomap.screen) so that only the rows that may match a
    text are searched: most sentences need none. Rows that cannot match anywhere change nothing in the leftmost-first
    result of the alternation of the rows; the others' matches are merged into it (leftmost_first), each row's regex
    compiled once, not an alternation compiled for each set of rows a text may hold (they are many). The rows'
    regexes are compiled with the screen, when a process first reads the language, so that the reading of an article
    does not pay for them (a row's compile costs about thirty of its searches): a process soon needs most of them
    anyway (the bundled examples, LGL and GeoWebNews need 90 of the 109 English rows that make events; with Detik
    dev and idner dev, 94 of the 146 Indonesian ones)."""

    def __init__(self, rows: tuple[LexiconRow, ...]) -> None:
        self.rows = rows
        self.screen = Screen([row.pattern for row in rows])
        self.regexes = [_row_regex(row.pattern) for row in rows]


def _row_regex(pattern: str) -> re.Pattern:
    """A row's regex. A word joined to another by a hyphen is part of it ("kontra-serangan"), except after "pasca-"
    ("Pasca-serangan": after the attack) or before a capital, where a headline joins two clauses ("Tel Aviv
    Dibom-Hizbullah Bobol"). Before it: no word character, nor a hyphen but that of "pasca-", in one look-behind (the
    cheaper to compile of the ways to say it)."""
    return rxi(rf"(?<!\w|(?<!pasca)-)(?:{pattern})(?!\w|-(?-i:[a-z]))")


@lru_cache(maxsize=8)
def _words(lang: str, kinds: frozenset[str]) -> _Words:
    return _Words(tuple(rows(lang, set(kinds))))


# -- words that make a mention something other than a report ------------------------------------------

# Cues that turn the rest of their clause into a statement about an event, not a report of one.
# (kind, regex); the first kind found before the trigger in its clause names the statement.
CLAUSE_CUES = {
    "id": (("question", r"\b(?:apakah|akankah|bisakah|mungkinkah|benarkah|siapa|mengapa|kenapa)\b"),
           ("condition", r"\b(?:jika|jikalau|kalau|apabila|bila|seandainya|andaikan|asalkan)\b"),
           ("threat", r"\b(?:(?:meng)?ancam(?:an)?|ultimatum|siap(?:-siap)?|bersiap|tak ragu|akan balas)\b"),
           ("warning", r"\b(?:(?:mem|di)?peringat(?:kan|an)|waspada|imbau(?:an)?|diimbau|khawatir|potensi|"
                       r"ancam stabilitas|jangan sampai|jangan)\b"),
           ("denial", r"\b(?:(?:mem)?bantah(?:an)?|dibantah|(?:me)?nyangkal|keliru|hoaks|klarifikasi)\b"),
           ("hope", r"\b(?:(?:ber)?harap(?:an)?(?:nya)?|semoga|mudah-mudahan)\b"),
           ("plan", r"\b(?:akan|bakal|hendak|ingin|mau|berencana|rencana(?:kan)?|rencananya|berniat|"
                    r"segera|nanti|siap dikirim|ngotot|bisa saja|kemungkinan|(?:mem)?buka peluang|peluang)\b")),
    "en": (("question", r"\b(?:whether|will\s+\w+\s+\w+\?|could\s+\w+\?)\b"),
           ("condition", r"\b(?:if|unless|in case)\b"),
           ("threat", r"\b(?:threat(?:en|ened|ens)?|vow(?:ed|s)?|ready to)\b"),
           ("warning", r"\b(?:warn(?:ed|s|ing)?|could(?!\s+not\s+(?:say|tell|confirm|determine|immediately))|might|may|"
                       r"fears?|feared|potential)\b"),
           ("denial", r"\b(?:den(?:y|ied|ies)|false|hoax)\b"),
           ("hope", r"\b(?:hop(?:e|es|ed|ing))\b"),
           ("plan", r"\b(?:will|would|plans?|planned|planning|intends?|to be held|next week|tomorrow|"
                    r"open(?:s|ed)? the door to)\b")),
}
# A threat of violence with no event word of its own: "Iran mengancam akan membalas", "vowed revenge".
THREAT_OF_VIOLENCE = {"id": r"\b(?:(?:meng)?ancam|bersumpah|siap)\s+(?:\S+\s+){0,2}?(?:akan\s+)?(?:mem)?balas"
                            r"(?:\s+dendam)?\b|"
                            r"\bsiap\s+(?:ber)?perang\b|\b(?:meng)?ancam\s+(?:\S+\s+){0,2}perang\b|"
                            r"\b(?:akan|bakal)\s+(?:mem)?balas\b",
                      "en": r"\b(?:threat\w*|vow\w*|warn\w*|promis\w*)\s+(?:\S+\s+){0,3}?"
                            r"(?:retaliat\w*|revenge|respond with force|war)\b"}
# Words for war and peace: never an event by themselves, but what threats, plans and questions are about
# ("Hizbullah Siap Perangi Israel", "Akankah Bakal Ada Perang Besar?", "Buka Peluang Gencatan Senjata").
TALK_OF = {"id": (("armed_clash", r"\b(?:(?:mem|ber)?perang(?:i)?|agresi|invasi|konflik|perseteruan|eskalasi)\b"),
                  ("ceasefire", r"\bgencatan senjata\b")),
           "en": (("armed_clash", r"\b(?:war|invasion|offensive|conflict|escalation)\b"),
                  ("ceasefire", r"\b(?:ceasefire|truce)\b"))}
# A warning to a state or armed group, or a threat or denial of one, with no event word: a statement about the
# conflict ("Biden Peringatkan Iran", "Takut Ancaman Hizbullah", "Amarah Israel yang Dibantah Hizbullah").
WARNED = {"id": (("warning", r"\b(?:mem|di)?peringat(?:kan|i)\b"),
                 ("threat", r"\b(?:ancaman|ultimatum|bersumpah)\b"),
                 ("denial", r"\b(?:(?:mem|di)?bantah|menyangkal|(?:me|di)nepis)\b")),
          "en": (("warning", r"\bwarn(?:s|ed)?\b"), ("threat", r"\b(?:threatens|threatened|ultimatum|vow(?:s|ed))\b"),
                 ("denial", r"\b(?:denies|denied)\b"))}
# Advice not to travel to a place, or to leave it: a warning with no event word ("WNI Diimbau Tak Lakukan
# Perjalanan ke Lebanon", "citizens were urged to leave Lebanon").
TRAVEL_WARNING = {"id": r"\b(?:(?:di|meng)?imbau|imbauan|diminta|meminta)\s+(?:\S+\s+){0,4}?(?:(?:tidak|tak|jangan|"
                        r"untuk tidak|menghindari)\s+(?:\S+\s+)?(?:perjalanan|bepergian|berkunjung|pergi)|"
                        r"(?:segera\s+)?(?:meninggalkan|keluar dari))\b",
                  "en": r"\b(?:advised|urged|told|warned|asked)\s+(?:\S+\s+){0,3}?(?:not to (?:travel|go)|"
                        r"against (?:all\s+)?(?:travel|trips)|to (?:leave|avoid travel))\b"}
# Talk of war that needs an armed side named: "konflik" is also a dispute over land or interests.
CONFLICT_WORDS = {"id": r"konflik|perseteruan|eskalasi", "en": r"conflict|escalation"}
# Verbs a negation may belong to instead of the trigger after them: "Tolak Kecam Pembantaian".
SAYING = {"id": r"\b(?:kecam|mengecam|komentar|berkomentar|mengomentari|merinci|menjelaskan|mengakui|menyebut)\b",
          "en": r"\b(?:condemn\w*|comment\w*|confirm\w*|say|said|specify|detail)\b"}
NEGATION_WORDS = {"id": r"\b(?:tidak|tak|belum|bukan|tanpa|selain|usai|jika|kalau)\b",
                  "en": r"\b(?:not|no|never|without|besides|after|if)\b"}
# A condition opening the sentence reaches past its comma: "Jika dibutuhkan, bisa kita lakukan penahanan".
OPENING_CONDITION = {"id": r"^\W*(?:\S+\s+)?(?P<cue>jika|jikalau|kalau|apabila|bila|seandainya)\b[^.;]*,",
                     "en": r"^\W*(?:\S+\s+)?(?P<cue>if|unless)\b[^.;]*,"}
# Negation right before the trigger (at most two words between) makes a denial: "tidak ada penangkapan".
NEGATION = {"id": r"\b(?:tidak|tak|belum|bukan|tanpa|menolak|tolak|nggak|enggak|gak)\b"
                  r"(?!\s+(?:hanya|cuma|sekadar|saja))"
                  r"(?:\s+\S+){0,2}\s*$",
            "en": r"\b(?:not|no|never|without|refused to)\b(?!\s+only)(?:\s+\S+){0,2}\s*$"}
# Purpose: "untuk menangkap pelaku", "to arrest the suspects" tells what is wanted, not what happened.
PURPOSE = {"id": r"(?<!berusaha )(?<!mencoba )\b(?:untuk|guna|demi|agar|supaya|buat)\s*$",
           "en": r"(?<!tried )(?<!attempted )(?<!trying )\b(?:to|in order to|seeking to)\s*$"}
# Those a disaster left, in a sentence about the aid they get: the disaster is background ("bantuan ... untuk
# warga yang terdampak gempa").
AFTERMATH = {"id": r"\b(?:terdampak|korban|pengungsi|penyintas)\s+$",
             "en": r"\b(?:affected by|hit by|victims of|survivors of|displaced by)\s+(?:the\s+)?$"}
# Fighting that eases is a state of affairs, not a battle: "as fighting eased", "setelah pertempuran mereda".
EASING = {"id": r"^\s+(?:\S+\s+)?(?:mereda|reda|berkurang)\b",
          "en": r"^\s+(?:\S+\s+)?(?:eased|eases|subsided|died down|abated|calmed)\b"}
# What someone tried to do, with words between: "tried several times to hit" is an act, not a plan.
TRIED = {"id": r"\b(?:berusaha|mencoba|coba)\s+(?:\S+\s+){1,3}(?:untuk\s+)?$",
         "en": r"\b(?:tried|attempted|trying)\s+(?:\S+\s+){1,3}to\s+$"}
# What a report leaves unsaid is no question and no event: "tanpa merinci apakah ada penangkapan", "did not say
# whether anyone was arrested".
UNSAID = {"id": r"\b(?:tanpa|tidak|tak|belum)\s+(?:merinci|menyebut(?:kan)?|menjelaskan|mengatakan|memastikan)\s+"
                r"(?:apakah|berapa)\b",
          "en": r"\b(?:not|without)\s+(?:say|saying|specify|specifying|disclose|disclosing|confirm|confirming)\s+"
                r"(?:whether|if|how many)\b"}
# An accusation repeats what someone says happened, not a report of it: "PM Spanyol Tuding Israel Melakukan ...".
ACCUSATION = {"id": r"\b(?:tuding|menuding|tuduh|menuduh|dituduh)\b",
              "en": r"\b(?:accus\w*|alleg\w*|blam\w*)\b"}
# A time still to come right after the trigger: "rallies next month", "unjuk rasa pekan depan".
FUTURE_AFTER = {"id": r"^\W*(?:\S+\s+){0,3}?(?:besok|lusa|pekan depan|minggu depan|bulan depan|tahun depan|"
                      r"mendatang)\b",
                "en": r"^\W*(?:\S+\s+){0,3}?(?:tomorrow|next (?:week|month|year)|later this (?:week|month))\b"}
# A clause ends here; a cue before it does not reach the trigger after it.
CONJUNCTION = {"id": r"\b(?:dan|tetapi|namun|sementara|sedangkan|saat|ketika|setelah|usai|seusai|sejak|karena|"
                     r"sehingga|lalu|kemudian|yang)\b",
               "en": r"\b(?:and|but|while|when|after|since|because|as|then|which|who)\b"}
CLAUSE_BREAK = {lang: r"[,;:!?\"“”]|\s[-–—]\s|" + words for lang, words in CONJUNCTION.items()}

# A sentence about a sport: its attacks, shots and counter-attacks are moves in a game.
SPORTS = {"id": r"\b(?:gol|gawang|kiper|bola|menit ke-?\d+|babak (?:pertama|kedua)|pertandingan|laga|liga|"
                r"timnas|piala|klub|wasit|penalti|sepak pojok|skor|striker|stadion|turnamen)\b",
          "en": r"\b(?:goals?|goalkeeper|penalty|match|league|striker|midfielder|stadium|tournament|"
                r"championship|the ball|half-time|halftime|kick-off|scored?|coach)\b"}
SPORTS_MOVES = {"id": r"serangan balik|tembakan (?:ke arah |ke )?gawang|menyerang (?:pertahanan|lini)",
                "en": r"counter-?attacks?|shot (?:\w+ ){0,2}(?:at|on) (?:the )?(?:\w+ )?goal"}
# Taking one's own life is no attack: "bunuh diri", "killed himself"; a suicide bomb or attack still is one.
SELF_HARM = {"id": r"(?<!bom )(?<!serangan )bunuh diri|mengakhiri hidup(?:nya)?",
             "en": r"(?:killed|kills|kill|killing|shot) (?:himself|herself|themselves)|"
                   r"took (?:his|her|their) own lives?"}
# Figures of speech: floods of orders, time bombs, prices that explode, fighting a fire.
METAPHOR = {"id": r"(?:(?:banjir|kebanjiran|dibanjiri|membanjiri)\s+(?:diskon|promo|pesanan|order|pembeli|"
                  r"pengunjung|penumpang|kritik|hujatan|pujian|dukungan|komentar|jenazah|pasien|air mata|tawaran|"
                  r"hadiah))|bom waktu|(?:harga|angka|jumlah|penjualan|permintaan)\s+(?:\w+\s+){0,3}meledak|"
                  r"serangan (?:jantung|panik|asma|siber|hama)|perang (?:dagang|harga|tarif|melawan)|"
                  r"serangan (?:terhadap |kepada )?(?:media|pers|lawan politik|demokrasi|kebebasan|oposisi)|"
                  r"(?:surat )?perintah penangkapan",
            "en": r"(?:flooded|inundated|bombarded) with (?!water|mud)|time ?bomb|(?:heart|panic|cyber) attacks?|"
                  r"attacks? on (?:the )?(?:media|press|democracy|freedom|opponents)|"
                  r"(?:fire ?fighters?|crews?|firemen|volunteers) (?:battl|fight)\w*|"
                  r"(?:battl|fight)(?:e|es|ed|ing)?(?= (?:a |the |against )?(?:blaze|fires?|flames|floods?|cancer|"
                  r"corruption|crime|poverty|addiction|disease))|flood fight\w*|water war|legal battle|"
                  r"(?:hunger|labou?r|general|workers'?) strikes?|strike a deal|price war|trade war|"
                  r"arrest warrants?|warrants? for (?:\w+ )?arrest|home invasions?|"
                  r"(?:motorcycle|bike|car|pep|campaign|stock|market) rall(?:y|ies)|rallied (?:to|from|back|past)|"
                  r"host(?:s|ed|ing)? (?:an? |the )?(?:annual )?rally"}
# Things the police secure are no arrest: "Barang bukti tersebut sudah diamankan", "drugs were seized".
SECURED_THINGS = {"id": r"(?<!dan )(?<!serta )(?<!beserta )(?<!berikut )\b(?:barang bukti|uang|senjata(?: api| tajam)?|"
                        r"narkoba|sabu|ganja|miras|minuman keras|ponsel|dokumen)\s+(?:(?:tersebut|itu|juga|sudah|"
                        r"telah|pun|kemudian|lalu|turut|ikut|langsung)\s+){0,3}(?:di|ter)amankan\b",
                  "en": r"\b(?:evidence|drugs|weapons|guns|firearms|cash|vehicles?)\s+(?:was|were)\s+(?:also\s+)?"
                        r"(?:secured|held)\b"}
# A figure over a span of time or a running total, not one event: "dalam 10 bulan", "setiap 10 menit".
SPAN_OF_TIME = {"id": r"\b(?:setiap|tiap)\s+(?:\d+\s+)?(?:hari|jam|menit|pekan|minggu|bulan)\b|"
                      r"\b(?:dalam|selama)\s+(?:\d+|satu|dua|tiga|empat|lima|enam|sepuluh|beberapa)\s+"
                      r"(?:hari|pekan|minggu|bulan|tahun)(?:\s+terakhir)?\b|"
                      r"\bdalam seminggu\b|\bsejak\s+(?:awal\s+)?(?:perang|konflik|agresi|invasi)\b",
                "en": r"\bevery\s+(?:\d+\s+)?(?:day|hour|minute|week|month)s?\b|"
                      r"\bin\s+(?:\d+|two|three|ten)\s+(?:days|weeks|months|years)\b|\bsince the (?:start|beginning)\b"}
# A running total: the trigger names the cause of a toll ("Korban Tewas Serangan Israel di Gaza Capai 27.585").
RUNNING_TOTAL = {"id": r"\b(?:korban|tewas|meninggal|kematian)\s+(?:\S+\s+){0,4}?(?:akibat\s+|dalam\s+)?$",
                 "en": r"\b(?:death toll|toll|killed|dead)\s+(?:\S+\s+){0,3}?(?:from|in)\s+$"}
TOTAL_SIZE = {"id": r"\b(?:capai|mencapai|tembus|menembus|nyaris|bertambah|jumlah|total)\b|\b\d{1,3}(?:\.\d{3})+\b|"
                    r"\b\d+\s+ribu\b",
              "en": r"\b(?:rose to|reached|climbed to|total)\b|\b\d{1,3}(?:,\d{3})+\b"}
# "di tengah seruan gencatan senjata": a state of affairs in the background, not an appeal made that day.
BACKGROUND = {"id": r"\b(?:di tengah(?:-tengah)?|selama|sepanjang|pasca-?|pascaserangan|pascabencana|"
                    r"yang (?:ikut|pernah|sempat|terlibat dalam))\s*(?:\S+\s+){0,2}$",
              "en": r"\b(?:amid|during|throughout|in the wake of|who (?:took part|participated) in|began with)\s+"
                    r"(?:\S+\s+){0,2}$"}
# Words before a trigger that make it the subject of talk, not news: "kemarahan Turki atas pembantaian di Gaza".
# Kinds of events listed ("mulai dari tawuran pelajar hingga ...", "crimes such as robbery") are talked of too.
ABOUT = {"id": r"(?<!jawab )\b(?:atas|soal|terkait|mengenai|tentang|mulai dari)\s+(?:\S+\s+)?$",
         "en": r"\b(?:over|about|regarding|condemned|condemns|such as|ranging from)\s+(?:the\s+)?(?:\S+\s+)?$"}
# Words after an event noun that make it a worry, a plan or a stop, not a report: "Serangan Darat Israel ke
# Rafah akan Memicu ...", "Bantuan Kemanusiaan di Gaza Terpaksa Berhenti".
AFTER_NOUN = {"id": (("warning", r"\b(?:akan|bakal|bisa|dapat|dikhawatirkan|memprihatinkan|mengancam)\b"),
                     ("denial", r"\b(?:berhenti|terhenti|dihentikan|ditunda|batal|dibatalkan|gagal)\b")),
              "en": (("warning", r"\b(?:would|will|could|may|might|threatens?)\b"),
                     ("denial", r"\b(?:stopped|halted|suspended|cancell?ed|postponed|collapsed)\b"))}
# Headline words before a bare verb that make it a noun: "Potret Bombardir Israel di Nabitieh".
PICTURE = {"id": r"\b(?:potret|video|foto|detik-detik|penampakan|momen|rekaman|kesaksian|taktik|profil)\s+(?:\S+\s+)?$",
           "en": r"\b(?:the|a|an|this|that|its|their|his|her|another)\s+(?:\S+\s+){0,2}$"}
# Words after a bare verb that make it a noun: "Bom Buatan AS" is a US-made bomb.
NOUN_AFTER = {"id": r"^\s+(?:buatan|jenis|milik|seberat|berbobot|rakitan|fosfor)\b", "en": r"^$"}
# Words that end a chain of names back to its preposition: a conjunction starts another clause.
CHAIN_STOP = {"id": r"meski|meskipun|walau|walaupun|namun|tapi|tetapi|usai|seusai|saat|ketika|setelah|sebelum|"
                    r"sejak|karena|sehingga|agar|supaya|yang|oleh|bahwa",
              "en": r"although|though|while|after|before|because|since|when|as|that|which|who|by|until"}
# Words that make an event a thing to prevent or handle, not one that happened: "upaya penanganan banjir",
# "mengantisipasi terjadinya bencana banjir", "daerah rawan banjir", "bahaya tawuran", "personel pengamanan unjuk
# rasa", "flood prevention".
PREVENTION = {"id": r"\b(?:penanganan|penanggulangan|pengendalian|pengamanan|antisipasi|mengantisipasi|mencegah|"
                    r"pencegahan|mitigasi|rawan|potensi|ancaman|risiko|bahaya|waspada|kewaspadaan|siaga)\s+"
                    r"(?:terjadinya\s+)?"
                    r"(?:bencana\s+)?$",
              "en": r"\b(?:prevent(?:ing|ion)?|risk of|threat of|warning of|prepar(?:e|ing) for|against)\s+(?:a\s+)?$"}
# After these words the places are what the event was about, not where it happened ("met in Doha to discuss
# the Gaza ceasefire", "Bahas Gencatan Senjata Permanen di Gaza").
TOPIC = {"id": r"\b(?:untuk|demi|guna|soal|terkait|tentang|mengenai|bahas|membahas|gencatan senjata|perdamaian|"
               r"perang|konflik|krisis|upaya)\b",
         "en": r"\b(?:to discuss|to demand|to seek|about|regarding|ceasefire|cease-fire|truce|peace|war|conflict|"
               r"crisis)\b"}
# A border is a line between places, not a place: "near the border with Georgia", "perbatasan dengan Lebanon".
BORDER = {"id": r"\bperbatasan\s+(?:dengan\s+)?(?:\S+\s+)?(?:[A-Z][\w-]*,?\s+(?:dan\s+)?)*$",
          "en": r"\bborders?\s+(?:with|of)\s+(?:the\s+)?(?:[A-Z][\w-]*,?\s+(?:and\s+)?)*$"}
# A habit or a trend, not an event: "Clashes are frequent in Dagestan", "attacks nationwide have fallen",
# "geng-geng kriminal kerap menyandera", "jalan ini langganan banjir".
HABITUAL = {"id": r"\b(?:kerap|sering(?:kali)?|biasanya|selalu|langganan|rawan|setiap kali|makin marak|marak)\b|"
                  r"\b(?:turun|naik|meningkat|menurun|berkurang|bertambah)\s+(?:sebesar\s+|hingga\s+)?"
                  r"\d+(?:[.,]\d+)?\s*(?:persen|%)",
            "en": r"\b(?:(?:are|is) (?:common|frequent|rare|routine)|often|frequently|usually|regularly|"
                  r"(?:have|has) (?:fallen|dropped|declined|risen|increased|decreased))\b|"
                  r"\b(?:fell|rose|dropped|declined|increased|decreased|grew)\s+(?:by\s+)?\d+(?:\.\d+)?\s*"
                  r"(?:percent|%)"}
# Words pointing back at an event already told: "the blast", "serangan tersebut", "it blew up".
ANAPHORA = {"id": r"^\s*(?:\S+\s+)?(?:itu|tersebut|ini)\b", "en": r"\b(?:the|this|that|it)\s+(?:\S+\s+)?$"}
# A clause that tells an earlier story: places before it are not where that story happened
# ("... di Timur Tengah sejak Israel membunuh pemimpin Hamas").
BACKSTORY = {"id": r"\b(?:sejak|sebelum|karena|akibat)\b", "en": r"\b(?:since|before|because)\b"}
# ... but what was damaged or killed by an event is where it struck: "RS Indonesia di Gaza yang Rusak Akibat Serangan".
DAMAGED_BY = {"id": r"\b(?:rusak|hancur|luluh lantak|tewas|terluka|luka|roboh|ambruk|terbakar)(?:\s+\w+)?\s+"
                    r"(?:akibat|karena)\s+$",
              "en": r"\b(?:damaged|destroyed|killed|injured|wounded|burned)(?:\s+\w+)?\s+(?:because of|by)\s+$"}
# Prepositions and verbs before a place where something happened: "di Gaza", "in Texas", "visited Kyiv".
LOCATION_WORDS = {"id": r"di|dekat|sekitar|kawasan|wilayah|pada|mengunjungi|kunjungi|sambangi|menyambangi|tiba di|"
                        r"perairan|pesisir|pantai|lepas pantai",
                  "en": r"in|at|near|outside|inside|across|throughout|visited|visiting|visit|visits|off"}
# Where someone comes from, not where the event was: "pria asal Gorontalo", "a native of Ohio".
HOME_OF = {"id": r"\b(?:asal|berasal dari|kelahiran)\s+$", "en": r"\b(?:native of|hails from)\s+$"}
SINCE = {"id": r"\b(?:sejak|semenjak)\b", "en": r"\bsince\b"}
# A flood, fire or explosion that someone causes on purpose is no natural disaster or accident.
DELIBERATE = {"id": r"\b(?:sengaja|dengan sengaja)\b", "en": r"\b(?:deliberately|intentionally|systematic)\b"}
# Fact-check headlines and clarifications deny what they repeat.
FACT_CHECK = {"id": r"^\s*(?:\[?klarifikasi\]?|\[?hoaks\]?|keliru|salah|cek fakta)\b|\bhoaks\b",
              "en": r"^\s*(?:fact[- ]check|false|misleading)\b"}
# Words for the people or offices meeting or visiting: they make a visit diplomacy, not a family visit.
OFFICIALS = {"id": r"\b(?:presiden|wapres|wakil presiden|menteri|menlu|menhan|perdana menteri|PM|raja|ratu|"
                   r"pangeran|dubes|duta besar|delegasi|pejabat|petinggi|pemimpin|utusan|sekjen|kanselir|"
                   r"gubernur|diplomat|kepala negara|ketua)\b",
             "en": r"\b(?:president|prime minister|ministers?|secretary|ambassador|envoy|delegations?|"
                   r"diplomats?|officials|leaders?|governor|chancellor|king|queen|prince|senator)\b"}
# Objects of a call that make it a humanitarian appeal: a ceasefire, aid, access, protection, evacuation.
APPEAL_OBJECT = {"id": r"\b(?:gencatan senjata|jeda kemanusiaan|bantuan|akses|evakuasi|perlindungan|"
                       r"penghentian (?:kekerasan|perang|serangan|agresi)|hentikan (?:perang|serangan|kekerasan))\b",
                 "en": r"\b(?:ceasefire|cease-fire|truce|humanitarian|aid|access|protection|evacuation|"
                       r"an end to the (?:fighting|violence|war))\b"}
# A protest's manner: violence by its crowd, or police breaking it up.
PROTEST_VIOLENT = {"id": r"\b(?:ricuh|kericuhan|rusuh|kerusuhan|bentrok\w*|lempar\w*|membakar|dibakar|anarkis)\b",
                   "en": r"\b(?:riot\w*|clash\w*|threw|throwing|torched|set fire|looted|violent)\b"}
PROTEST_INTERVENTION = {"id": r"\b(?:gas air mata|membubarkan|dibubarkan|peluru karet|water cannon|ditangkap|"
                              r"diamankan)\b",
                        "en": r"\b(?:tear ?gas|dispers\w+|rubber bullets|water cannon|arrested|detained)\b"}
# Words that make a year a mere background: "pada tahun 2011", "in March 2003".
YEAR = r"\b(?:19|20)\d{2}\b"
# A vehicle hitting someone or something is an accident, not an attack: "car strikes tree", "struck by a car".
VEHICLE = {"id": r"\b(?:mobil|truk|bus|sepeda motor|motor|kereta|kendaraan|angkot|minibus)\b",
           "en": r"\b(?:car|truck|vehicle|bus|train|van|pickup|motorcycle|SUV|tractor-trailer|backing (?:up|out))\b"}
# Vehicles and places that say which kind of accident a crash or fire was.
ACCIDENT_KIND = {"id": (("air", r"\b(?:pesawat|helikopter)\b"), ("rail", r"\bkereta\b"),
                        ("ship", r"\b(?:kapal|perahu|speedboat|KM)\b"), ("mine", r"\btambang\b"),
                        ("explosion", r"\b(?:ledakan|meledak)\b"),
                        ("fire", r"\b(?:kebakaran|terbakar)\b"), ("collapse", r"\b(?:ambruk|roboh)\b")),
                 "en": (("air", r"\b(?:plane|aircraft|airliner|jet|helicopter|PC-12)\b"), ("rail", r"\btrain\b"),
                        ("ship", r"\b(?:boat|ship|ferry|vessel)\b"), ("mine", r"\bmine\b"),
                        ("explosion", r"\b(?:explosion|blast|exploded)\b"),
                        ("fire", r"\b(?:fire|blaze)\b"), ("collapse", r"\bcollaps\w*\b"))}
# Uses of "fire" that are no blaze: gunfire, the fire brigade, a ceasefire.
NOT_A_BLAZE = {"en": r"(?:opened|open|return(?:ed)?|under|cease|heavy|gun|artillery|rocket|mortar|sniper)[- ]?fires?|"
                     r"fires? (?:department|dept|station|chief|fighters?|marshal|truck|engine|district|crews?|"
                     r"officials|investigators|hydrant|alarm|code|rescue)|fired|firing"}


# -- title case -----------------------------------------------------------------------------------------

# A byte per character of Latin-1 text: "A" for a capital A-Z, "a" for a letter a-z, a space for a space, else ".".
LETTER_SHAPES = bytes(ord("A") if 65 <= c <= 90 else ord("a") if 97 <= c <= 122 else c if c == 32 else ord(".")
                      for c in range(256))


@lru_cache(maxsize=1024)
def is_title_case(text: str) -> bool:
    """Headline style: most words longer than three letters start with a capital. Running text is told without
    reading its words: a word's capital is one of the text's capitals, and a space and four lower-case letters open a
    word in lower case, so too few capitals against those words rule it out. Both are counted in the text's letter
    shapes (a character beyond Latin-1 is none of them), a few times faster than by regexes."""
    shapes = text.encode("latin-1", "replace").translate(LETTER_SHAPES)
    capitals = shapes.count(b"A")
    if capitals < 3 or capitals / (capitals + shapes.count(b" aaaa")) < 0.7:
        return False
    words = rx(r"[A-Za-z][\w'’-]{3,}").findall(text)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) >= 0.7


def is_event_word_or_cue(word: str, lang: str) -> bool:
    """Whether a word is an event word or a cue (in a title-case line such a word is never a name): whether the
    alternation of them all matches the whole word. It is tried only where a screen finds the literals one of them
    needs: tried, it costs a word about 2 µs in English and 12 in Indonesian (124 and 161 patterns tried at its
    start), and most words it is asked of hold none (88 % of those of LGL's first reading, 95 % of Detik dev's)."""
    screen, alternation = _common_words(lang)
    return screen.any(word) and bool(alternation.match(word))


@lru_cache(maxsize=2)
def _common_words(lang: str) -> tuple[Screen, re.Pattern]:
    """The screen over the event words and cues (it reads the patterns the words screens have read: building it
    parses next to nothing) and their alternation, compiled with it when a process first asks in the language, so
    that the reading of an article does not pay for it."""
    alternatives = [row.pattern for row_lang, row in lexicon() if row_lang == lang]
    alternatives += [cue for _, cue in CLAUSE_CUES[lang]] + [NEGATION_WORDS[lang], CONJUNCTION[lang]]
    return Screen(alternatives), re.compile(r"(?:" + "|".join(alternatives) + r")$", re.IGNORECASE)


@lru_cache(maxsize=65536)
def _is_common_word(word: str, lang: str) -> bool:
    """An event word, a cue or a function word: lower case in a title-case line, even inside a name."""
    return is_event_word_or_cue(word, lang) or word.lower() in function_words()[lang]


def sentence_case(line: str, lang: str, named: set[int]) -> str:
    """The line with its capitalised words in lower case, the same length, except the first word and words inside
    a known name (`named`: their character positions) unless they are event words: "Israel Gempur Beirut Incar
    Tokoh" becomes "Israel gempur Beirut incar tokoh", so the names stand out as they do in running text."""
    def lower(m: re.Match) -> str:
        word = m.group()
        if (m.start() == 0 or m.start() in named) and not _is_common_word(word, lang):
            return word  # asked only here: the other words are lower-cased anyway, and the test tries every event word
        return word.lower()

    return re.sub(r"\b[A-Z][a-z]+(?:-[a-z]+)?\b", lower, line)
