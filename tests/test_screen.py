"""Screens rule patterns out without changing what they find: one scan of a sentence answers for every screen it
was joined from as their own scans would, and a screened alternation finds what the whole regex finds."""

import json
import random
import re
import sys
from pathlib import Path

import pytest

from geomap.casualties import harm_words
from geomap.evaluate import read_corpus
from geomap.event_dates import date_screen
from geomap.event_words import (CLAUSE_BREAK, HOME_OF, METAPHOR, NOT_A_BLAZE, PICTURE, SPORTS, SUFFIXES, _common_words,
                                find_words, indonesian_forms, indonesian_stems, is_event_word_or_cue, lexicon,
                                words_screen)
from geomap.events import MAJOR_BREAK, OWNER_BEFORE, OWNER_OF_NEXT, PLACE_WORD_BEFORE, TRIGGER_KINDS
from geomap.gazetteer import read_tsv
from geomap.regex import leftmost_first, screened, top_level_alternatives
from geomap.screen import Screen, folded, folds, least_width

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
LGL = DATA / "en" / "lgl.xml"
DETIK = DATA / "id" / "news" / "detik_2025_dev.jsonl"


@pytest.fixture(scope="module")
def lgl_sentences() -> list[str]:
    if not LGL.exists():
        pytest.skip(f"LGL is not at {LGL}")
    texts = [d.text for d in read_corpus(LGL).documents[:150]]
    return [line for text in texts for line in re.split(r"(?<=[.!?])\s+", text) if line.strip()]


def test_a_joined_screen_answers_for_each_of_its_screens_as_their_own_scans(lgl_sentences, seed_text):
    parts = [words_screen("en", {"trigger", "generic"}), harm_words("en"), date_screen("en"),
             words_screen("en", {"weapon"})]
    joint = Screen.joined([Screen.joined(parts[:2]), *parts[2:]])
    ruled_in = 0
    for sentence in lgl_sentences + seed_text.splitlines():
        scan = joint.scan(sentence)
        for part in parts:
            assert scan.possible(part) == part.possible(sentence)
            assert scan.any(part) == part.any(sentence)
            ruled_in += bool(scan.possible(part))
    assert ruled_in > 100  # the sentences do hold event words, harm and dates


def test_a_screened_alternation_finds_what_the_whole_regex_finds(lgl_sentences):
    found = 0
    for pattern in (METAPHOR["en"], NOT_A_BLAZE["en"], METAPHOR["id"], SPORTS["en"]):
        whole = re.compile(pattern, re.IGNORECASE)
        for sentence in lgl_sentences + shuffled_words(lgl_sentences, 1000):
            spans = [m.span() for m in whole.finditer(sentence)]
            assert [m.span() for m in screened(pattern).finditer(sentence)] == spans
            assert getattr(screened(pattern).search(sentence), "span", list)() == (spans[0] if spans else [])
            assert screened(pattern).at_least(sentence, 2) == (len(spans) >= 2)
            found += len(spans)
    assert found > 10


@pytest.fixture(scope="module")
def detik_sentences() -> list[str]:
    if not DETIK.exists():
        pytest.skip(f"the Detik set is not at {DETIK}")
    articles = [json.loads(line) for line in DETIK.read_text(encoding="utf-8").splitlines() if line]
    texts = [article["title"] + "\n" + (article.get("body") or "") for article in articles]
    return [line for text in texts for line in re.split(r"(?<=[.!?])\s+|\n", text) if line.strip()]


def shuffled_words(sentences: list[str], count: int) -> list[str]:
    """Random word salads of the sentences' words, some joined by hyphens and "pasca-": words meet in ways the
    sentences do not show, and the lexicon's look-arounds read the joints."""
    rng = random.Random(6)
    words = [word for sentence in sentences for word in sentence.split()]
    joints = (" ", " ", " ", "-", "pasca-", " pasca-", "-pasca-", " Pasca-", "x-pasca-", "-")
    return ["".join(rng.choice(words) + rng.choice(joints) for _ in range(rng.randint(2, 30))) for _ in range(count)]


def test_the_words_found_are_those_the_alternation_of_the_possible_rows_finds(lgl_sentences, detik_sentences):
    """find_words merges the matches of each row's own regex; the alternation of the rows that may match, compiled
    whole, is the reference: the same words at the same places, each of the same row."""
    assert all(least_width(row.pattern) for _, row in lexicon())  # the merge needs every word to take characters
    compared = found = 0
    for lang, sentences in (("en", lgl_sentences), ("id", detik_sentences)):
        for kinds in (TRIGGER_KINDS, {"weapon"}, {"trigger", "generic"}):
            screen = words_screen(lang, kinds)
            rows = [row for row_lang, row in lexicon() if row_lang == lang and row.kind in kinds]
            for sentence in sentences + shuffled_words(sentences, 1000):
                possible = screen.possible(sentence)
                if not possible:
                    continue
                whole = re.compile(r"(?:(?<![\w-])|(?<=pasca-))(?:" + "|".join(f"(?P<r{i}>{rows[i].pattern})"
                                   for i in possible) + r")(?!\w|-(?-i:[a-z]))", re.IGNORECASE)
                expected = [(m.start(), m.end(), m.group(), rows[int(m.lastgroup[1:])])
                            for m in whole.finditer(sentence)]
                assert [(w.start, w.end, w.text, w.row) for w in find_words(sentence, lang, kinds)] == expected
                compared += 1
                found += len(expected)
    assert compared > 500 and found > 500


def test_a_roots_forms_find_what_each_form_spelt_out_finds(detik_sentences):
    """indonesian_forms writes the stems that end in the root as prefixes before it, once; the alternation of every
    form spelt out (the longest stem first, each with its suffixes in order, then without) is the reference: the same
    matches whatever follows the word decides, and the same texts ruled out by a screen."""
    roots = {(m.group(1).partition(" ")[0], not m.group(2)) for *_, pattern in read_tsv("event_triggers.tsv")
             for m in re.finditer(r"~([a-z]+(?: [a-z]+)?)(!?)", pattern)}
    assert len(roots) > 50 and any(bare for _, bare in roots) and not all(bare for _, bare in roots)
    rng = random.Random(6)
    found = 0
    for root, bare in sorted(roots):
        stems = sorted(indonesian_stems(root), key=len, reverse=True) + ([root] if bare else [])
        spelt_out = "(?:" + "|".join(stem + suffix for stem in stems for suffix in SUFFIXES[1:] + ("",)) + ")"
        forms, joints = [stem + suffix for stem in stems for suffix in SUFFIXES], ("a", "i", "n", "ka", " ", "-")
        texts = [s for s in detik_sentences if root[1:] in s.lower()] + \
            ["".join(rng.choice((rng.choice(forms), rng.choice(forms).upper(), rng.choice(joints)))
                     for _ in range(rng.randint(1, 6))) for _ in range(200)]
        for before, after in (("", ""), (r"(?<!\w)", r"(?!\w)"), ("", r"\w*"), ("", "(?= )"), ("", "[a-z]{2}")):
            grouped = re.compile(before + indonesian_forms(root, bare) + after, re.IGNORECASE)
            reference = re.compile(before + spelt_out + after, re.IGNORECASE)
            for text in texts:
                spans = [m.span() for m in reference.finditer(text)]
                assert [m.span() for m in grouped.finditer(text)] == spans, (root, text)
                found += len(spans)
        grouped_screen, reference_screen = Screen([indonesian_forms(root, bare)]), Screen([spelt_out])
        for text in texts:
            assert grouped_screen.possible(text) == reference_screen.possible(text), (root, bare, text)
    assert found > 10000


def test_an_event_word_or_cue_is_what_the_alternation_of_them_all_matches(lgl_sentences, detik_sentences):
    """is_event_word_or_cue tries the alternation only on words its screen lets through: the same answers as trying
    it on every word (the sentences' words, bare and with their punctuation, and each lexicon row's literal words)."""
    for lang, sentences in (("en", lgl_sentences), ("id", detik_sentences)):
        words = {w for sentence in sentences for word in sentence.split() for w in (word, word.strip(",.()\"'"))}
        words |= {w for row_lang, row in lexicon() if row_lang == lang for w in re.findall(r"[a-z]+", row.pattern)}
        answers = {word: bool(_common_words(lang)[1].match(word)) for word in words if word}
        assert {word: is_event_word_or_cue(word, lang) for word in answers} == answers
        assert sum(answers.values()) > 100


def test_merged_matches_are_the_alternations_where_alternatives_overlap(lgl_sentences):
    """Alternatives that match at the same places with different lengths, in both orders, and after each other;
    and, on short texts of three characters, alternatives whose look-arounds read across the end of the last match
    (a regex searched again from there must see the text before it)."""
    alternatives = [r"\bthe \w+", r"\bthe\b", r"\w+ of", r"(?<=the )\w+", r"s\b(?! of)"]
    regexes = [re.compile(a, re.IGNORECASE) for a in alternatives]
    cases = [(order, sentence) for order in (regexes, regexes[::-1]) for sentence in lgl_sentences[:500]]
    rng = random.Random(6)
    small = [re.compile(a) for a in (r"a", r"ab", r"b+", r"(?<=a)b", r"(?<!b)a", r"(?<=ab)a", r"a(?=b)", r"\bab",
                                     r"ba\b", r"(?<= )b", r"(?<!a)b ?a", r"(?<=a b)a")]
    cases += [(rng.sample(small, rng.randint(2, 5)), "".join(rng.choices("ab ", k=rng.randint(0, 14))))
              for _ in range(20000)]
    for order, text in cases:
        whole = re.compile("|".join(f"({r.pattern})" for r in order), re.IGNORECASE)
        assert [(k, m.span()) for k, m in leftmost_first(order, text)] == \
            [(m.lastindex - 1, m.span()) for m in whole.finditer(text)]


def test_the_alternatives_of_a_pattern_are_those_of_its_outermost_alternation():
    assert top_level_alternatives(r"time ?bomb|(?:heart|panic) attacks?|[|\]]x|\|y") == \
        ["time ?bomb", "(?:heart|panic) attacks?", r"[|\]]x", r"\|y"]
    assert top_level_alternatives(r"(heart) attack|time bomb") == [r"(heart) attack|time bomb"]  # a group: kept whole


def test_a_folded_text_holds_what_a_pattern_that_folds_finds_ignoring_case(lgl_sentences, detik_sentences):
    """The events' reader searches the folded sentence case-sensitively with the patterns that fold (their clauses'
    breaks, the words before a place): folding keeps every character of Unicode one character of the same classes,
    and makes it an ASCII character that is no capital exactly where it matches that character ignoring case ("İ",
    "ı", "ſ" and the Kelvin sign do)."""
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    every_folded = folded(every)
    assert len(every_folded) == len(every)
    classes = (r"\w", r"\s", r"\d", "[a-z]", "[,;:!?\"“”]", "[-–—]")
    for pattern in classes + tuple(re.escape(char) for char in map(chr, range(128)) if not char.isupper()):
        assert [m.start() for m in re.finditer(pattern, every, re.IGNORECASE)] == \
            [m.start() for m in re.finditer(pattern, every_folded)]
    patterns = [MAJOR_BREAK, CLAUSE_BREAK["en"], CLAUSE_BREAK["id"], PICTURE["en"], PICTURE["id"],
                OWNER_BEFORE["en"], OWNER_BEFORE["id"], OWNER_OF_NEXT["en"], PLACE_WORD_BEFORE["id"], HOME_OF["en"]]
    assert all(folds(pattern) for pattern in patterns)
    assert not any(folds(pattern) for pattern in (r"[A-Z]\w+", r"\bPM\b", r"(?-i:[a-z])", r"(a)\1", r"(?i)a", "é"))
    compared = 0
    for sentence in lgl_sentences + detik_sentences + [sentence.upper() for sentence in lgl_sentences[:300]]:
        for pattern in patterns:
            spans = [m.span() for m in re.finditer(pattern, sentence, re.IGNORECASE)]
            assert [m.span() for m in re.finditer(pattern, folded(sentence))] == spans
            compared += len(spans)
    assert compared > 1000
