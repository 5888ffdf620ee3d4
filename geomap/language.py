"""Which supported language a text is in, told by its commonest words."""

from __future__ import annotations

import re
from functools import lru_cache

from geomap.curated import read_tsv

WORD = re.compile(r"[^\W\d_]+")


class UnsupportedLanguage(ValueError):
    """The text is in none of the languages geomap reads."""


@lru_cache(maxsize=1)
def function_words() -> dict[str, frozenset[str]]:
    return {lang: frozenset(words.split()) for lang, words in read_tsv("function_words.tsv")}


def supported_languages() -> tuple[str, ...]:
    return tuple(function_words())


def detect_language(text: str) -> str:
    """The supported language with the largest share of function words; UnsupportedLanguage if none fits."""
    words = [w.lower() for w in WORD.findall(text[:20000])]
    if not words:
        raise UnsupportedLanguage("the text has no words")
    hits = {lang: sum(w in fw for w in words) for lang, fw in function_words().items()}
    lang = max(hits, key=hits.get)
    if hits[lang] < 2 or hits[lang] < 0.1 * len(words):
        raise UnsupportedLanguage(
            f"the text is in none of the supported languages ({', '.join(supported_languages())}); "
            "if it is one of them, say which with --lang"
        )
    return lang
