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
    """A case-insensitive regex searched only in texts that hold the literals every match of it holds. Of an
    alternation, only the alternatives that may match a text are searched for: an alternative that matches nowhere
    in the text changes nothing in the leftmost-first matches of the others, and a long alternation tried at every
    position ("flooded with", "time bomb", "heart attack", ...) costs most where most of it cannot match."""

    def __init__(self, pattern: str) -> None:
        self.alternatives = top_level_alternatives(pattern)
        self.screen = Screen(self.alternatives)
        self.regexes: dict[tuple[int, ...], re.Pattern] = {}

    def search(self, text: str, scan: Scan | None = None) -> re.Match | None:
        """`scan`: one of the text (or of a text holding it) by a screen joined from this one's, to read it no more."""
        possible = self._possible(text, scan)
        return self._regex(possible).search(text) if possible else None

    def finditer(self, text: str, scan: Scan | None = None):
        possible = self._possible(text, scan)
        return self._regex(possible).finditer(text) if possible else iter(())

    def at_least(self, text: str, count: int, scan: Scan | None = None) -> bool:
        """Whether it matches `count` times or more: a text with fewer of its alternatives' literals is not searched
        (each match is one alternative's, with its own occurrence of a literal of every set of that alternative)."""
        most = scan.most(self.screen) if scan is not None else self.screen.most(text)
        if sum(most) < count:
            return False
        possible = self._possible(text, scan)
        return bool(possible) and len(self._regex(possible).findall(text)) >= count

    def _possible(self, text: str, scan: Scan | None) -> tuple[int, ...]:
        return scan.possible(self.screen) if scan is not None else self.screen.possible(text)

    def _regex(self, possible: tuple[int, ...]) -> re.Pattern:
        regex = self.regexes.get(possible)
        if regex is None:
            regex = self.regexes[possible] = re.compile("|".join(f"(?:{self.alternatives[k]})" for k in possible)
                                                        if len(possible) > 1 else self.alternatives[possible[0]],
                                                        re.IGNORECASE)
        return regex


def top_level_alternatives(pattern: str) -> list[str]:
    """The alternatives of a pattern's outermost alternation ("a|b(?:c|d)" gives "a" and "b(?:c|d)"), or the pattern
    alone when it is none or holds a capturing group or a global flag (the parts would number or read otherwise)."""
    if re.compile(pattern).groups or re.match(r"\(\?[aiLmsux]+\)", pattern):
        return [pattern]
    parts, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 1  # the escaped character is no operator
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            i += 2 if pattern[i + 1:i + 2] == "^" else 1  # a "]" first in a class is a member
            i += 1 if pattern[i:i + 1] == "]" else 0
            continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    return parts + [pattern[start:]]


@lru_cache(maxsize=256)
def screened(pattern: str) -> Screened:
    return Screened(pattern)
