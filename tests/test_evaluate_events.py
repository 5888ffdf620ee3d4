"""The event evaluation itself: reading gold files, matching, scoring, on tiny sets whose answers are known."""

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from geomap.document import Event, Place, Sentence, Statement
from geomap.evaluate_events import GoldError, parse_gold, read_gold, score

DATA = Path(__file__).parent / "data"
TINY = DATA / "events_tiny.jsonl"
GOLD = Path(__file__).parent / "gold"
BEKASI = Place("Bekasi", -6.2349, 106.9896, "ID", "city")
SURABAYA = Place("Surabaya", -7.2492, 112.7508, "ID", "city")


def tiny():
    (doc,) = read_gold(TINY)
    return doc


def sentence(doc, number):
    span = doc.spans[number]
    return Sentence(span.start, span.end, doc.text[span.start:span.end])


def event(category, place, s, date, fatalities=None, evidence=()):
    return Event(category, place, "location", None, date, 1, 1, (), fatalities, s, evidence=evidence or (s,))


def test_reading_resolves_refs_and_spans():
    doc = tiny()
    assert doc.published == dt.date(2024, 10, 22) and doc.lang == "id"
    assert [s.refs for s in doc.spans] == [("flood",), ("flood",), ("rally",), ()]
    assert doc.spans[3].statement == "threat"
    flood = doc.events["flood"]
    assert (flood.category, flood.date, flood.fatalities) == ("disaster", dt.date(2024, 10, 21), 2)
    assert [(s.start, s.end) for s in doc.spans_of("flood")] == [(0, 46), (47, 104)]


class Result:
    """What score() reads from a parsed document: its events and statements."""

    def __init__(self, events, statements=()):
        self.events, self.statements = tuple(events), tuple(statements)


def test_scores_on_known_answers():
    doc = tiny()
    first, second, rally, threat = (sentence(doc, i) for i in range(4))
    predicted = Result(
        [event("disaster", BEKASI, first, dt.date(2024, 10, 21), 2),  # right on every count
         # the same flood told again and not merged: a false positive
         event("disaster", BEKASI, second, dt.date(2024, 10, 22)),
         event("protest", SURABAYA, rally, dt.date(2024, 10, 23))],  # right category, 660 km off, wrong day
        [Statement("threat", "attack", "mengancam akan", threat)])
    s = score("tiny", [doc], [predicted])
    assert (s.gold_events, s.predicted_events) == (2, 3)
    assert s.per_category["disaster"] == {"precision": 0.5, "recall": 1.0, "f1": pytest.approx(2 / 3), "gold": 1,
                                          "predicted": 2}
    assert s.per_category["protest"]["f1"] == 1.0
    assert s.macro_f1 == pytest.approx((2 / 3 + 1) / 2)
    assert s.place_within_25km == 0.5 and s.date_exact == 0.5
    assert s.fatalities_exact == 1.0  # 2 and 2; "nothing said" and 0 are the same, as in ACLED
    assert s.actor1_exact == 0.0  # the rally's gold actor1 is named, the prediction has none
    assert (s.statement_precision, s.statement_recall) == (1.0, 1.0)


def test_one_event_merged_across_sentences_is_one_match():
    doc = tiny()
    first, second = sentence(doc, 0), sentence(doc, 1)
    merged = event("disaster", BEKASI, first, dt.date(2024, 10, 21), 2, evidence=(first, second))
    s = score("tiny", [doc], [Result([merged])])
    assert s.per_category["disaster"]["precision"] == 1.0
    assert s.per_category["protest"]["recall"] == 0.0  # the rally was missed
    assert s.place_within_25km_all == 0.5  # one of the two gold places reached


def test_unannotated_sentences_are_not_scored():
    doc = tiny()
    elsewhere = Sentence(500, 520, "Tidak dianotasi.")
    s = score("tiny", [doc], [Result([event("attack", BEKASI, elsewhere, None)])])
    assert s.predicted_events == 0 and "attack" not in s.per_category


def test_tiny_file_through_geomap():
    (doc,) = read_gold(TINY)
    (parsed,) = parse_gold([doc])
    s = score("tiny", [doc], [parsed])
    assert s.per_category["disaster"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "gold": 1, "predicted": 1}
    assert s.date_exact == 1.0 and s.fatalities_exact == 1.0
    assert s.statement_recall == 1.0  # "Iran mengancam akan membalas" is a threat, not an attack


def write(tmp_path, lines):
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(x) if not isinstance(x, str) else x for x in lines), encoding="utf-8")
    return path


DOC = {"doc": "d", "lang": "en", "published": "2025-03-04", "text": "Floods hit Jakarta on Monday."}
FLOOD = {"ref": "a", "category": "disaster", "place": "Jakarta", "lat": -6.2, "lon": 106.8, "role": "location"}


@pytest.mark.parametrize("lines, message", [
    (["{not json"], "gold.jsonl:1: not JSON"),
    ([{"span": [0, 5]}], "each line needs a \"doc\" name"),
    ([{"doc": "x", "span": [0, 5]}], "neither defined above nor given a \"source\""),
    ([DOC, {"doc": "d", "span": [0, 500]}], "is outside 'd'"),
    ([DOC, {"doc": "d", "span": [0, 29], "check": "00000000"}], "check differs"),
    ([DOC, {"doc": "d", "span": [0, 29], "events": [dict(FLOOD, category="riot")]}], "unknown category 'riot'"),
    ([DOC, {"doc": "d", "span": [0, 29], "events": [dict(FLOOD, sub_type="hail")]}], "not a sub-type of disaster"),
    ([DOC, {"doc": "d", "span": [0, 29], "events": [dict(FLOOD, role="home")]}], "place role 'home'"),
    ([DOC, {"doc": "d", "span": [0, 29], "events": [dict(FLOOD, date="Monday")]}], "not a date"),
    ([DOC, {"doc": "d", "span": [0, 29], "events": [{"ref": "b"}]}], "never given in full"),
    ([DOC, {"doc": "d", "span": [0, 29], "statement": "rumour"}], "unknown statement kind"),
    ([{"doc": "x", "source": "nowhere.jsonl", "span": [0, 5]}], "source nowhere.jsonl not found"),
])
def test_bad_gold_files_are_refused_with_the_line(tmp_path, lines, message):
    with pytest.raises(GoldError, match=message):
        read_gold(write(tmp_path, lines))


def test_cli_reports_table_json_and_one_line_errors(tmp_path):
    run = subprocess.run([sys.executable, "-m", "geomap", "evaluate", "--events", str(TINY), "--json"],
                         capture_output=True, text=True, check=True)
    (result,) = json.loads(run.stdout)
    assert result["name"] == "events_tiny" and result["gold_events"] == 2
    run = subprocess.run([sys.executable, "-m", "geomap", "evaluate", "--events", str(TINY)],
                         capture_output=True, text=True, check=True)
    assert "category macro-F1" in run.stdout and "place within 25 km" in run.stdout
    bad = write(tmp_path, [DOC, {"doc": "d", "span": [0, 500]}])
    run = subprocess.run([sys.executable, "-m", "geomap", "evaluate", "--events", str(bad)],
                         capture_output=True, text=True)
    assert run.returncode == 1 and run.stderr.count("\n") == 1 and "is outside" in run.stderr


@pytest.mark.parametrize("name", ["events_real.jsonl", "events_written.jsonl"])
def test_project_gold_sets_read_against_their_texts(name):
    """Every span's text is still the text annotated (the check hashes), every event complete."""
    if name == "events_real.jsonl" and not (Path(__file__).resolve().parents[2] / "shared" / "data").exists():
        pytest.skip("the shared data is not beside the project")
    documents = read_gold(GOLD / name)
    assert sum(len(d.spans) for d in documents) > 50
    assert {d.split for d in documents} == {"dev", "test"}
