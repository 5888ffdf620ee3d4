"""Regexes compiled once, by their pattern text, and screened.

The stages build their patterns per language from word lists (`PICTURE[lang]`, `rf"\b{ACTOR_NOUN[lang]}..."`) and
run them on every sentence; `re.search(pattern, text, re.IGNORECASE)` looks the compiled pattern up in re's
cache on every call, which costs more than many of the searches. These do the lookup once per pattern text.
A long alternation of words tried at every position of every sentence costs most where it finds nothing:
`screened` puts the literals it needs in front of it (geomap.screen), so a text without them is not searched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from itertools import islice

from geomap.screen import Scan, Screen, least_width


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
    position ("flooded with", "time bomb", "heart attack", ...) costs most where most of it cannot match. The
    alternatives are compiled one by one and their matches merged (leftmost_first), not compiled anew for each set
    of them a text may hold: the sets are many, a compile costs far more than a search, and an alternation that may
    match empty is kept whole (the merge needs every match to take a character)."""

    def __init__(self, pattern: str) -> None:
        alternatives = top_level_alternatives(pattern)
        self.alternatives = alternatives if min(map(least_width, alternatives)) else [pattern]
        self.screen = Screen(self.alternatives)

    def search(self, text: str, scan: Scan | None = None) -> re.Match | None:
        """`scan`: one of the text (or of a text holding it) by a screen joined from this one's, to read it no more."""
        possible = self._possible(text, scan)
        if len(possible) == 1:
            return rxi(self.alternatives[possible[0]]).search(text)
        return next((m for _, m in leftmost_first([rxi(self.alternatives[k]) for k in possible], text)), None)

    def finditer(self, text: str, scan: Scan | None = None) -> Iterator[re.Match]:
        possible = self._possible(text, scan)
        if len(possible) == 1:
            return rxi(self.alternatives[possible[0]]).finditer(text)
        return (m for _, m in leftmost_first([rxi(self.alternatives[k]) for k in possible], text))

    def at_least(self, text: str, count: int, scan: Scan | None = None) -> bool:
        """Whether it matches `count` times or more: a text with fewer of its alternatives' literals is not searched
        (each match is one alternative's, with its own occurrence of a literal of every set of that alternative)."""
        if sum(self.screen.most(text)) < count:
            return False
        return len(list(islice(self.finditer(text, scan), count))) == count

    def _possible(self, text: str, scan: Scan | None) -> tuple[int, ...]:
        return scan.possible(self.screen) if scan is not None else self.screen.possible(text)


def leftmost_first(regexes: Sequence[re.Pattern], text: str) -> Iterator[tuple[int, re.Match]]:
    """The matches `regex_0|regex_1|...` finds in `text` (its finditer), each with the index of the regex it is of,
    without compiling that alternation. At each position the alternation tries its alternatives in order and takes
    the first that matches there, as that alternative alone would match there; so its next match is, of the regexes'
    next matches, the leftmost, and of those at one position the first regex's. Each regex's next match is kept while
    it lies at or after the end of the last match taken (search(text, pos) sees the text before pos, as the
    alternation's own search does). No regex may match empty (finditer steps past an empty match; this would not)."""
    following = []
    for k, regex in enumerate(regexes):
        m = regex.search(text)
        if m is not None:
            following.append((m.start(), k, m))
    while following:
        taken = min(following)  # the leftmost; at one start, the first regex (the indexes differ)
        yield taken[1], taken[2]
        end = taken[2].end()
        pending, following = following, []
        for start, k, m in pending:
            if start < end:
                m = regexes[k].search(text, end)
                if m is None:
                    continue
                start = m.start()
            following.append((start, k, m))


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
