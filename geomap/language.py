"""Which supported language a text is in, told by its commonest words."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import filterfalse

from geomap.curated import read_tsv

RUN = re.compile(r"\w+")
LETTERS = re.compile(r"[^\W\d_]+")  # word characters but digits and "_": letters, and numerals such as "²"
# UTF-8 bytes with every ASCII character but a word character made a space (bytes of other characters kept)
ASCII_BREAKS_TO_SPACES = bytes(b if chr(b).isalnum() or chr(b) == "_" or b >= 128 else 32 for b in range(256))


class UnsupportedLanguage(ValueError):
    """The text is in none of the languages geomap reads."""


@lru_cache(maxsize=1)
def function_words() -> dict[str, frozenset[str]]:
    return {lang: frozenset(words.split()) for lang, words in read_tsv("function_words.tsv")}


@lru_cache(maxsize=1)
def news_words() -> dict[str, frozenset[str]]:
    """Function words and the common words of news: what a headline has to show its language."""
    common = dict(read_tsv("news_words.tsv"))
    return {lang: words | frozenset(common.get(lang, "").split()) for lang, words in function_words().items()}


@lru_cache(maxsize=1)
def _lexicons_words() -> frozenset[str]:
    """The words of every lexicon: a text's other words count only in its length."""
    return frozenset().union(*news_words().values())


def supported_languages() -> tuple[str, ...]:
    return tuple(function_words())


def detect_language(text: str) -> str:
    """The supported language with the largest share of function words, or, in a headline with few of them, of
    its common news words; UnsupportedLanguage if none fits."""
    found = _words(text[:20000])
    if not found:
        raise UnsupportedLanguage("the text has no words")
    acronyms = [w for w in filter(str.isupper, found) if len(w) > 1]  # few words are in capitals: filter asks in C
    # "AS" (Amerika Serikat) is not "as": acronyms are not counted, unless they are half the text (all capitals)
    left_out = list(map(str.lower, acronyms)) if len(acronyms) < len(found) / 2 else []
    known = list(filter(_lexicons_words().__contains__, map(str.lower, found)))
    counted = len(found) - len(left_out)
    lang = _likeliest(known, left_out, counted, function_words(), share=0.1, margin=1) or \
        _likeliest(known, left_out, counted, news_words(), share=0.2, margin=2)
    if lang is None:
        raise UnsupportedLanguage(
            f"the text is in none of the supported languages ({', '.join(supported_languages())}); "
            "if it is one of them, say which with --lang"
        )
    return lang


def _words(text: str) -> list[str]:
    """The runs of word characters made of letters alone, not the "A" of "377A", in no particular order (only
    their counts matter), at a third of the cost of a regex's runs: the ASCII characters that break a run made
    spaces (in the UTF-8 bytes, whose translation is a table look-up) and the text split at white space (which
    breaks a run too). A piece of letters is a word; another piece of ASCII holds a digit or "_"; another piece is
    split into runs, and the runs LETTERS takes kept."""
    spaced = text.encode("utf-8", "surrogatepass").translate(ASCII_BREAKS_TO_SPACES)  # lone surrogates too
    pieces = spaced.decode("utf-8", "surrogatepass").split()
    words = list(filter(str.isalpha, pieces))
    if not text.isascii():
        for piece in filterfalse(str.isascii, filterfalse(str.isalpha, pieces)):
            words += filter(LETTERS.fullmatch, RUN.findall(piece))
    return words


def _likeliest(known: list[str], left_out: list[str], counted: int, lexicons: dict[str, frozenset[str]], share: float,
               margin: int) -> str | None:
    """The language whose words among `known` but `left_out` (some of them) make at least two and `share` of the
    `counted` words, `margin` times as many as another's."""
    hits = sorted(((sum(map(lexicon.__contains__, known)) - sum(map(lexicon.__contains__, left_out)), lang)
                   for lang, lexicon in lexicons.items()), reverse=True)
    (best, lang), runner_up = hits[0], hits[1][0] if len(hits) > 1 else 0
    return lang if best >= max(2, share * counted) and best >= margin * runner_up else None
