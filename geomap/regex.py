"""Regexes compiled once, by their pattern text, and screened.

The stages build their patterns per language from word lists (`PICTURE[lang]`, `rf"\b{ACTOR_NOUN[lang]}..."`) and
run them on every sentence; `re.search(pattern, text, re.IGNORECASE)` looks the compiled pattern up in re's
cache on every call, which costs more than many of the searches. These do the lookup once per pattern text.
A long alternation of words tried at every position of every sentence costs most where it finds nothing:
`screened` puts the literals it needs in front of it (geomap.screen), so a text without them is not searched.
"""

from __future__ import annotations

import re
from functools import lru_cache

from geomap.screen import Scan, Screen


@lru_cache(maxsize=4096)
def rx(pattern: str) -> re.Pattern:
    return re.compile(pattern)


@lru_cache(maxsize=4096)
def rxi(pattern: str) -> re.Pattern:
    """Case-insensitive."""
    return re.compile(pattern, re.IGNORECASE)


class Screened:
    """A case-insensitive regex searched only in texts that hold the literals every match of it holds."""

    def __init__(self, pattern: str) -> None:
        self.regex = re.compile(pattern, re.IGNORECASE)
        self.screen = Screen([pattern])

    def search(self, text: str, scan: Scan | None = None) -> re.Match | None:
        """`scan`: one of the text (or of a text holding it) by a screen joined from this one's, to read it no more."""
        return self.regex.search(text) if self._may_match(text, scan) else None

    def finditer(self, text: str, scan: Scan | None = None):
        return self.regex.finditer(text) if self._may_match(text, scan) else iter(())

    def at_least(self, text: str, count: int, scan: Scan | None = None) -> bool:
        """Whether it matches `count` times or more: a text with fewer of its literals is not searched."""
        most = scan.most(self.screen) if scan is not None else self.screen.most(text)
        return most[0] >= count and len(self.regex.findall(text)) >= count

    def _may_match(self, text: str, scan: Scan | None) -> bool:
        return scan.any(self.screen) if scan is not None else self.screen.any(text)


@lru_cache(maxsize=256)
def screened(pattern: str) -> Screened:
    return Screened(pattern)
