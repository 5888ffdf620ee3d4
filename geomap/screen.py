"""A screen in front of many regexes: one Aho-Corasick scan of a text tells which of them cannot match it.

Python's regex engine tries an alternation of words at every position of a text, about a microsecond per
character for a lexicon of a hundred rows, and most sentences hold none of the words. Every match of a pattern
contains some literal of each of the pattern's literal sets (read from its parsed form: "meet(?:s|ing)? with"
needs "meet" and " with"), so when the scan meets no full set of a pattern, the pattern cannot match and need not
run. Patterns are taken as case-insensitive; the screen only ever rules out, so it is exact.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache

import ahocorasick

try:
    from re import _constants as _regex_constants
    from re import _parser as _regex_parser
except ImportError:  # Python 3.10
    import sre_constants as _regex_constants
    import sre_parse as _regex_parser

# Case-insensitive matching takes these for ASCII letters; str.lower() does not (or makes two characters of İ).
ASCII_FOLD = str.maketrans({"İ": "i", "ı": "i", "ſ": "s", "\u212a": "k"})
UNFOLDED = re.compile("[İıſ\u212a]")
RARE = 3  # a literal this long says more than the bare chance of its letters


class Screen:
    """Which of `patterns` may match a text."""

    def __init__(self, patterns: Sequence[str]) -> None:
        self.patterns = tuple(patterns)  # for a screen over several screens' patterns: one scan for all of them
        self.needs: list[int] = []  # per pattern: how many literal sets it needs
        self.always: tuple[int, ...] = ()  # patterns with no literal: never ruled out
        self.automaton = ahocorasick.Automaton()
        holders: dict[str, list[tuple[int, int]]] = {}
        for i, pattern in enumerate(patterns):
            sets = literal_sets(pattern)
            self.needs.append(len(sets))
            if not sets:
                self.always += (i,)
            for j, literals in enumerate(sets):
                for literal in literals:
                    holders.setdefault(literal, []).append((i, j))
        for literal, held in holders.items():
            self.automaton.add_word(literal, tuple(held))
        if holders:
            self.automaton.make_automaton()

    def possible(self, text: str) -> tuple[int, ...]:
        """The patterns that may match somewhere in `text`, in their order."""
        if self.automaton.kind != ahocorasick.AHOCORASICK:
            return self.always
        met: dict[int, set[int]] = {}
        for _, held in self.automaton.iter(_folded(text)):
            for pattern, literal_set in held:
                if pattern in met:
                    met[pattern].add(literal_set)
                else:
                    met[pattern] = {literal_set}
        if not met:
            return self.always
        return tuple(sorted(self.always + tuple(p for p, sets in met.items() if len(sets) == self.needs[p])))

    def any(self, text: str) -> bool:
        """Whether any of the patterns may match somewhere in `text`."""
        if self.always:
            return True
        if self.automaton.kind != ahocorasick.AHOCORASICK:
            return False
        met: dict[int, set[int]] = {}
        for _, held in self.automaton.iter(_folded(text)):
            for pattern, literal_set in held:
                sets = met.setdefault(pattern, set())
                sets.add(literal_set)
                if len(sets) == self.needs[pattern]:
                    return True
        return False


    def most(self, text: str) -> list[float]:
        """Per pattern, the most non-overlapping matches it can have in `text`: each match holds its own
        occurrence of a literal of every set, so no more than the fewest occurrences of any one set."""
        counts: dict[tuple[int, int], int] = {}
        if self.automaton.kind == ahocorasick.AHOCORASICK:
            for _, held in self.automaton.iter(_folded(text)):
                for key in held:
                    counts[key] = counts.get(key, 0) + 1
        return [min((counts.get((p, j), 0) for j in range(needs)), default=math.inf)
                for p, needs in enumerate(self.needs)]


@lru_cache(maxsize=64)
def _folded(text: str) -> str:
    """The text as the screens read it; remembered, as several screens read each sentence."""
    return (text.translate(ASCII_FOLD) if not text.isascii() and UNFOLDED.search(text) else text).lower()


def literal_sets(pattern: str) -> list[frozenset[str]]:
    """Sets of lower-case literals such that every match of the (case-insensitive) pattern holds one of each set:
    "meet(?:s|ing)? with" gives {"meet"} and {" with"}. Short literals are kept only when nothing longer is."""
    sets = _sequence(_regex_parser.parse(pattern, re.IGNORECASE))
    rare = [s for s in sets if min(map(len, s)) >= RARE]
    return rare or sorted(sets, key=lambda s: min(map(len, s)), reverse=True)[:1]


def _sequence(items) -> list[frozenset[str]]:
    """The literal sets of a parsed sequence: runs of literals (with small classes, "[sz]", spelled out) and the
    best set of each item that must occur."""
    c = _regex_constants
    found: list[frozenset[str]] = []
    run = {""}
    for op, av in items:
        if op is c.LITERAL:
            run = {r + chr(av).lower() for r in run}
        elif op is c.IN and len(av) <= 4 and all(kind is c.LITERAL for kind, _ in av):
            run = {r + chr(ch).lower() for r in run for _, ch in av}
        elif op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # takes no characters: the run goes on
        else:
            found.append(frozenset(run))
            run = {""}
            inner = None
            if op is c.SUBPATTERN:
                inner = _best(av[-1])
            elif op is c.BRANCH:
                alternatives = [_best(a) for a in av[1]]
                if all(alternatives):
                    inner = frozenset().union(*alternatives)
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
                inner = _best(av[2])
            if inner:
                found.append(inner)
        if len(run) > 64:
            found.append(frozenset(run))
            run = {""}
    found.append(frozenset(run))
    return [s for s in found if "" not in s]


def _best(items) -> frozenset[str] | None:
    """The set whose shortest literal is longest: one that every match holds."""
    sets = _sequence(items)
    return max(sets, key=lambda s: min(map(len, s))) if sets else None
