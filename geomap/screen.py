"""A screen in front of many regexes: one Aho-Corasick scan of a text tells which of them cannot match it.

Python's regex engine tries an alternation of words at every position of a text, about a microsecond per
character for a lexicon of a hundred rows, and most sentences hold none of the words. Every match of a pattern
contains some literal of each of the pattern's literal sets (read from its parsed form: "meet(?:s|ing)? with"
needs "meet" and " with"), so when the scan meets no full set of a pattern, the pattern cannot match and need not
run. Patterns are taken as case-insensitive unless the screen is told they are not (then its literals keep their case
and rule out more: "County" where "county" is no designator); the screen only ever rules out, so it is exact.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache, reduce
from operator import itemgetter, or_

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

    def __init__(self, patterns: Sequence[str], ignore_case: bool = True) -> None:
        self.patterns = tuple(patterns)  # for a screen over several screens' patterns: one scan for all of them
        self.ignore_case = ignore_case
        self.needs: list[int] = []  # per pattern: how many literal sets it needs
        self.always = 0  # the patterns with no literal, never ruled out: a bit each
        self.automaton = ahocorasick.Automaton()
        holders: dict[str, list[tuple[int, int]]] = {}
        for i, pattern in enumerate(patterns):
            sets = literal_sets(pattern, ignore_case)
            self.needs.append(len(sets))
            if not sets:
                self.always |= 1 << i
            for j, literals in enumerate(sets):
                for literal in literals:
                    holders.setdefault(literal, []).append((i, j))
        # A literal's value in the automaton is an int, the OR of what it shows: the bit of each pattern of one literal
        # set it is in (bits 0 to n - 1, n patterns), and above them, for a pattern of several sets, the bit of each of
        # its sets the literal is in. Such a pattern's bits stand together with a spare bit above them, so that the
        # OR of a text's literals, plus one at the lowest bit of each group, carries into the spare bit of each
        # pattern all of whose sets occur: a text is screened by ORing ints, with no set or dict per text.
        self.single = len(self.patterns)  # the bits below this are patterns', those above it literal sets'
        group: dict[int, int] = {}  # a pattern of several sets: the lowest bit of its group, above self.single
        self.lowest = self.spare = 0  # the lowest and the spare bit of each group, counted from self.single
        self.spare_pattern: dict[int, int] = {}  # a group's spare bit: its pattern
        top = 0
        for i, needs in enumerate(self.needs):
            if needs > 1:
                group[i] = self.single + top
                self.lowest |= 1 << top
                self.spare |= 1 << top + needs
                self.spare_pattern[top + needs] = i
                top += needs + 1
        self.held: dict[int, tuple[tuple[int, int], ...]] = {}  # a literal's value: its (pattern, literal set) pairs
        for literal, held in sorted(holders.items()):  # each trie node lists its children in code point order
            value = 0
            for i, j in held:
                value |= 1 << (i if self.needs[i] == 1 else group[i] + j)
            self.held[value] = tuple(held)
            self.automaton.add_word(literal, value)
        if holders:
            self.automaton.make_automaton()
        self.searchable = self.automaton.kind == ahocorasick.AHOCORASICK  # an automaton of no words is not
        self.pattern_bits = (1 << self.single) - 1
        self.parts: dict[Screen, tuple[int, int]] = {}  # for a screen joined from others: where their patterns are
        self.spans: dict[Screen, tuple[int, int]] = {}  # and their first bit and the mask of their bits shifted down
        self.index = {pattern: i for i, pattern in reversed(list(enumerate(self.patterns)))}  # a pattern's first

    @classmethod
    def joined(cls, screens: Sequence[Screen]) -> Screen:
        """One screen over the patterns of several (and of those they were joined from): one scan of a text answers
        for each of them."""
        if len({screen.ignore_case for screen in screens}) > 1:
            raise ValueError("screens joined must all ignore case or all keep it")
        joint = cls([pattern for screen in screens for pattern in screen.patterns], screens[0].ignore_case)
        offset = 0
        for screen in screens:
            joint.parts.setdefault(screen, (offset, offset + len(screen.patterns)))
            for part, (start, end) in screen.parts.items():
                joint.parts.setdefault(part, (offset + start, offset + end))
            offset += len(screen.patterns)
        joint.spans = {part: (start, (1 << end - start) - 1) for part, (start, end) in joint.parts.items()}
        return joint

    def scan(self, text: str) -> Scan:
        return Scan(self, text, self.matching(text))

    def matching(self, text: str) -> int:
        """The patterns that may match somewhere in `text`, a bit each (1 << pattern): a Scan's, without making one."""
        shown = reduce(or_, map(_VALUE, self.automaton.iter(folded(text) if self.ignore_case else text)), 0) \
            if self.searchable else 0
        matching = shown & self.pattern_bits | self.always
        complete = (shown >> self.single) + self.lowest & self.spare
        if complete:
            matching |= sum(1 << self.spare_pattern[bit] for bit in _bits(complete))
        return matching

    def possible(self, text: str) -> tuple[int, ...]:
        """The patterns that may match somewhere in `text`, in their order."""
        return _bits(self.matching(text))

    def any(self, text: str) -> bool:
        """Whether any of the patterns may match somewhere in `text`."""
        if self.always:
            return True
        if not self.searchable:
            return False
        shown, singles = 0, self.pattern_bits
        for value in map(_VALUE, self.automaton.iter(self._read(text))):
            if value & singles:
                return True
            shown |= value
            if (shown >> self.single) + self.lowest & self.spare:
                return True
        return False

    def most(self, text: str) -> list[float]:
        """Per pattern, the most non-overlapping matches it can have in `text`: each match holds its own occurrence
        of a literal of every set, so no more than the fewest occurrences of any one set."""
        counts: dict[tuple[int, int], int] = {}  # (pattern, literal set): how many literals of the set occur
        if self.searchable:
            for value in map(_VALUE, self.automaton.iter(self._read(text))):
                for key in self.held[value]:
                    counts[key] = counts.get(key, 0) + 1
        return [min((counts.get((p, j), 0) for j in range(needs)), default=math.inf)
                for p, needs in enumerate(self.needs)]

    def _read(self, text: str) -> str:
        return folded(text) if self.ignore_case else text


class Scan:
    """One pass of a screen's automaton over a text: which of its patterns may match, and how often at most. It
    answers for each screen the screen was joined from as that screen's own scan would, and its answers hold for
    any part of the text too (a part holds no literal the whole does not), so a sentence is read once for all
    the screens in front of its patterns and of its clauses' patterns. The patterns that may match are the bits of
    one int, so that asking costs a shift and a mask, not a set per sentence."""

    __slots__ = ("screen", "text", "matching")  # matching: the patterns that may match, a bit each (1 << pattern)

    def __init__(self, screen: Screen, text: str, matching: int) -> None:
        """`matching`: screen.matching(text)."""
        self.screen, self.text, self.matching = screen, text, matching

    def possible(self, screen: Screen | None = None) -> tuple[int, ...]:
        """The patterns of `screen` (the scanning screen or one it was joined from) that may match, in their order."""
        if screen is None or screen is self.screen:
            return _bits(self.matching)
        span = self.screen.spans.get(screen)
        if span is None:
            return screen.possible(self.text)
        bits = self.matching >> span[0] & span[1]
        return _bits(bits) if bits else ()  # most sentences: nothing to sort out

    def any(self, screen: Screen | None = None) -> bool:
        if screen is None or screen is self.screen:
            return bool(self.matching)
        span = self.screen.spans.get(screen)
        if span is None:
            return screen.any(self.text)
        return bool(self.matching >> span[0] & span[1])

    def may_match(self, pattern: str) -> bool:
        """Whether the pattern, one of the screen's (any other is never ruled out), may match."""
        k = self.screen.index.get(pattern)
        return k is None or bool(self.matching >> k & 1)


_VALUE = itemgetter(1)  # of an automaton's (end, value) hit


@lru_cache(maxsize=4096)
def _bits(bits: int) -> tuple[int, ...]:
    """The positions of the bits set in `bits`, lowest first."""
    found = []
    while bits:
        low = bits & -bits
        found.append(low.bit_length() - 1)
        bits ^= low
    return tuple(found)


@lru_cache(maxsize=64)
def folded(text: str) -> str:
    """The text as the screens read it; remembered, as several screens read each sentence."""
    return (text.translate(ASCII_FOLD) if not text.isascii() and UNFOLDED.search(text) else text).lower()


def folds(pattern: str) -> bool:
    """Whether the pattern, compiled case-sensitively, matches a folded text (`folded`) just where it matches the text
    ignoring case. Folding keeps each character one character, of the same word, space and digit classes, and makes
    it an ASCII character that is no capital exactly where it matches that character ignoring case
    (tests/test_screen.py), so every character the pattern names must be such a one or have no case at all, and no
    part of it may set flags of its own or compare with a group."""
    parsed = _regex_parser.parse(pattern)
    return not parsed.state.flags & ~re.UNICODE and _folds(parsed)


def _folds(items) -> bool:
    c = _regex_constants
    for op, av in items:
        if op is c.LITERAL or op is c.NOT_LITERAL:
            fits = _folded_alike(chr(av))
        elif op is c.IN:
            fits = all(kind is not c.LITERAL or _folded_alike(chr(value)) for kind, value in av) and all(
                _folded_alike(chr(code)) for kind, value in av if kind is c.RANGE
                for code in range(value[0], value[1] + 1))
        elif op is c.SUBPATTERN:
            fits = not av[1] and not av[2] and _folds(av[3])
        elif op is c.BRANCH:
            fits = all(_folds(branch) for branch in av[1])
        elif op is c.MAX_REPEAT or op is c.MIN_REPEAT:
            fits = _folds(av[2])
        elif op is c.ASSERT or op is c.ASSERT_NOT:
            fits = _folds(av[1])
        else:
            fits = op is c.AT or op is c.ANY or op is c.CATEGORY
        if not fits:
            return False
    return True


def _folded_alike(char: str) -> bool:
    """A character a folded text holds just where the text holds it ignoring case: ASCII and no capital, or a mark
    with no case."""
    return char.isascii() and not char.isupper() or char.lower() == char == char.upper() and not char.isalnum()


def least_width(pattern: str) -> int:
    """The fewest characters a match of the pattern takes."""
    return _regex_parser.parse(pattern, re.IGNORECASE).getwidth()[0]


@lru_cache(maxsize=4096)
def literal_sets(pattern: str, ignore_case: bool = True) -> tuple[frozenset[str], ...]:
    """Sets of literals such that every match of the pattern holds one of each set: "meet(?:s|ing)? with" gives
    {"meet"} and {" with"}; lower case for a case-insensitive pattern, as written for a case-sensitive one (which
    gives none where it turns case-insensitive itself). Short literals are kept only when nothing longer is.
    Remembered: a joined screen reads again every pattern of the screens it is joined from, and parsing patterns is
    most of what building a screen costs (the screens the first Indonesian sentence of a process needs read 637
    patterns, 371 of them read before)."""
    parsed = _regex_parser.parse(pattern, re.IGNORECASE if ignore_case else 0)
    if not ignore_case and parsed.state.flags & re.IGNORECASE:
        return ()
    sets = _sequence(parsed, ignore_case)
    rare = [s for s in sets if min(map(len, s)) >= RARE]
    return tuple(rare or sorted(sets, key=lambda s: min(map(len, s)), reverse=True)[:1])


def _sequence(items, fold: bool) -> list[frozenset[str]]:
    """The literal sets of a parsed sequence: runs of literals (with small classes, "[sz]", spelled out) and the
    best set of each item that must occur; lower case when `fold`."""
    c = _regex_constants
    case = str.lower if fold else str
    found: list[frozenset[str]] = []
    run = {""}
    for op, av in items:
        if op is c.LITERAL:
            run = {r + case(chr(av)) for r in run}
        elif op is c.IN and len(av) <= 4 and all(kind is c.LITERAL for kind, _ in av):
            run = {r + case(chr(ch)) for r in run for _, ch in av}
        elif op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # takes no characters: the run goes on
        else:
            found.append(frozenset(run))
            run = {""}
            inner = None
            if op is c.SUBPATTERN and (fold or not av[1] & re.IGNORECASE):
                inner = _best(av[-1], fold)
            elif op is c.BRANCH:
                alternatives = [_best(a, fold) for a in av[1]]
                if all(alternatives):
                    inner = frozenset().union(*alternatives)
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
                inner = _best(av[2], fold)
            if inner:
                found.append(inner)
        if len(run) > 64:
            found.append(frozenset(run))
            run = {""}
    found.append(frozenset(run))
    return [s for s in found if "" not in s]


def _best(items, fold: bool) -> frozenset[str] | None:
    """The set whose shortest literal is longest: one that every match holds."""
    sets = _sequence(items, fold)
    return max(sets, key=lambda s: min(map(len, s))) if sets else None
