"""Screens rule patterns out without changing what they find: one scan of a sentence answers for every screen it
was joined from as their own scans would, and a screened alternation finds what the whole regex finds."""

import re
from pathlib import Path

import pytest

from geomap.casualties import harm_words
from geomap.evaluate import read_corpus
from geomap.event_dates import date_screen
from geomap.event_words import METAPHOR, NOT_A_BLAZE, words_screen
from geomap.regex import screened, top_level_alternatives
from geomap.screen import Screen

LGL = Path(__file__).resolve().parents[2] / "shared" / "data" / "en" / "lgl.xml"


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
            assert scan.most(part) == part.most(sentence)
            ruled_in += bool(scan.possible(part))
    assert ruled_in > 100  # the sentences do hold event words, harm and dates


def test_a_screened_alternation_finds_what_the_whole_regex_finds(lgl_sentences):
    found = 0
    for pattern in (METAPHOR["en"], NOT_A_BLAZE["en"], METAPHOR["id"]):
        whole = re.compile(pattern, re.IGNORECASE)
        for sentence in lgl_sentences:
            spans = [m.span() for m in screened(pattern).finditer(sentence)]
            assert spans == [m.span() for m in whole.finditer(sentence)]
            found += len(spans)
    assert found > 10


def test_the_alternatives_of_a_pattern_are_those_of_its_outermost_alternation():
    assert top_level_alternatives(r"time ?bomb|(?:heart|panic) attacks?|[|\]]x|\|y") == \
        ["time ?bomb", "(?:heart|panic) attacks?", r"[|\]]x", r"\|y"]
    assert top_level_alternatives(r"(heart) attack|time bomb") == [r"(heart) attack|time bomb"]  # a group: kept whole
