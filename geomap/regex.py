"""Regexes compiled once, by their pattern text.

The stages build their patterns per language from word lists (`PICTURE[lang]`, `rf"\b{ACTOR_NOUN[lang]}..."`) and
run them on every sentence; `re.search(pattern, text, re.IGNORECASE)` looks the compiled pattern up in re's
cache on every call, which costs more than many of the searches. These do the lookup once per pattern text.
"""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=4096)
def rx(pattern: str) -> re.Pattern:
    return re.compile(pattern)


@lru_cache(maxsize=4096)
def rxi(pattern: str) -> re.Pattern:
    """Case-insensitive."""
    return re.compile(pattern, re.IGNORECASE)
