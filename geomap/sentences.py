"""Splitting a text into sentences, with offsets, and marking news boilerplate lines."""

from __future__ import annotations

import re
from functools import lru_cache

from geomap.document import Sentence
from geomap.gazetteer import read_tsv
from geomap.regex import rx

# A full stop, ! or ? (and closing quotes), space (the gap between the sentences), then something that can start a
# sentence. The stop opens the pattern so that the regex engine skips to stops.
BOUNDARY = re.compile(r"""[.!?](?P<gap>["'”’)]*\s+)(?=["'“‘(]?[A-Z0-9À-Ý])""")
ABBREVIATION = re.compile(r"(?:\b[A-Z]|\b(?:[A-Za-z]\.)+[A-Za-z]|Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Sgt|Capt|St|Jr|Sr|No|"
                          r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Gov|Sen|Rep|Rev|Inc|Co|Corp|Ltd|Mt|"
                          r"Ft|vs|etc|dll|dsb|Tn|Ny|Sdr|Bpk|Jl|Kab|Kec|Prov)\.$")
# Later stages cost more than linearly in a sentence's length, so a run-on line (a scraped table, a list of links, text
# without full stops) is cut into pieces this long, at a space where there is one: a text's cost stays linear in it.
MAX_SENTENCE_CHARS = 1000


@lru_cache(maxsize=1)
def boilerplate_openings() -> tuple[str, ...]:
    return tuple(row[0] for row in read_tsv("boilerplate.tsv"))


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Sentences in order; a line never spans two sentences; boilerplate and a title line are kept but marked."""
    sentences: list[Sentence] = []
    openings = boilerplate_openings()
    for found in rx(r"[^\n]+").finditer(text):
        line = found.group()
        stripped = line.strip()
        if not stripped:
            continue
        boilerplate = stripped.startswith(openings)
        offset, start, pieces = found.start(), 0, []
        for cut in BOUNDARY.finditer(line):
            gap = cut.start(1)
            if line[gap - 1] == "." and _abbreviation(line[max(0, gap - 24):gap].rsplit(None, 1)[-1]):
                continue  # the word before the stop; an abbreviation ends with a full stop
            pieces.append((start, gap))
            start = cut.end()
        pieces.append((start, len(line)))
        for a, b in pieces:
            if b - a > MAX_SENTENCE_CHARS:
                for c, d in _capped(text, offset + a, offset + b):
                    _add(sentences, text, c, d, boilerplate)
            else:
                _add(sentences, text, offset + a, offset + b, boilerplate)
    first = sentences[0] if sentences else None
    if first and len(sentences) > 1 and "\n" in text[first.end:sentences[1].start] and first.text[-1] not in ".!?\"”":
        sentences[0] = Sentence(first.start, first.end, first.text, first.boilerplate, heading=True)
    return tuple(sentences)


def _add(sentences: list[Sentence], text: str, start: int, end: int, boilerplate: bool) -> None:
    """The sentence text[start:end] holds, without the white space around it, if anything is left."""
    piece = text[start:end]
    words = piece.strip()
    if words:
        if len(words) < len(piece):
            start += len(piece) - len(piece.lstrip())
        sentences.append(Sentence(start, start + len(words), words, boilerplate))


@lru_cache(maxsize=4096)
def _abbreviation(word: str) -> bool:
    """Whether the word that ends with a full stop is an abbreviation ("Gov.", "U.S."): remembered, as a few
    thousand words end most sentences."""
    return ABBREVIATION.search(word) is not None


def _capped(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) cut into pieces of at most MAX_SENTENCE_CHARS, each ending at its last space if it has one."""
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        space = max(text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, limit),
                    text.rfind("\t", start + MAX_SENTENCE_CHARS // 2, limit))
        cut = space if space > start else limit
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces
