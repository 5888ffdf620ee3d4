"""The whole text pipeline on real text: the seed article and the bundled examples."""

import datetime as dt

import pytest

import geomap
from geomap.gazetteer import distance_km

# True towns of the seed article's events (GeoNames coordinates).
TEL_AVIV, HAIFA, BEIRUT, GAZA = (32.0809, 34.7806), (32.8130, 34.9993), (33.8933, 35.5016), (31.5016, 34.4667)


def events_of(doc, category):
    return [e for e in doc.events if e.category == category]


def near(event, point, km=25):
    return distance_km(event.place.lat, event.place.lon, *point) <= km


def test_seed_rocket_attacks_at_tel_aviv_and_haifa(seed_doc):
    rockets = events_of(seed_doc, "shelling")
    assert any(near(e, TEL_AVIV) for e in rockets)
    assert any(near(e, HAIFA) for e in rockets)
    assert all("Hezbollah" in e.actors for e in rockets)


def test_seed_airstrike_on_beirut_southern_suburbs(seed_doc):
    (strike,) = [e for e in events_of(seed_doc, "airstrike") if near(e, BEIRUT)]
    assert strike.geo_precision == 2  # "pinggiran selatan": part of the city
    assert strike.actor1 == "Military Forces of Israel" and strike.date == dt.date(2024, 10, 22)


def test_seed_killings_in_gaza_with_twenty_dead(seed_doc):
    (killing,) = [e for e in events_of(seed_doc, "attack") if near(e, GAZA)]
    assert killing.fatalities == 20  # "lebih dari 20 orang" is 20 by ACLED's rule
    assert killing.actor1 == "Military Forces of Israel"


def test_seed_unrwa_appeal_in_gaza(seed_doc):
    (appeal,) = events_of(seed_doc, "humanitarian")
    assert near(appeal, GAZA) and appeal.actor1 == "UNRWA" and appeal.date == dt.date(2024, 10, 22)


def test_seed_blinken_visit_is_one_event_in_israel(seed_doc):
    (visit,) = events_of(seed_doc, "diplomacy")
    assert visit.place.country_code == "IL" and visit.geo_precision == 4
    assert visit.date == dt.date(2024, 10, 22) and visit.time_precision == 1
    assert visit.actors == ("Antony Blinken", "Benjamin Netanyahu")
    assert len(visit.evidence) >= 2  # told in several sentences, coded once


def test_seed_drone_attack_on_netanyahus_residence_saturday(seed_doc):
    (drone,) = [e for e in events_of(seed_doc, "airstrike") if e.sub_type == "drone strike"]
    assert drone.place.country_code == "IL" and drone.geo_precision == 4 and drone.place_role == "actor_country"
    assert drone.date == dt.date(2024, 10, 19)  # "hari Sabtu" before Tuesday 22/10/2024
    assert drone.actor1 == "Hezbollah"


def test_seed_background_events_keep_their_own_dates(seed_doc):
    # "sekretaris jenderalnya ... Hassan Nasrallah dalam serangan udara 27 September": a past airstrike, in Lebanon
    (nasrallah,) = [e for e in events_of(seed_doc, "airstrike") if e.date == dt.date(2024, 9, 27)]
    assert nasrallah.place.country_code == "LB" and nasrallah.geo_precision == 4
    # "sejak Israel membunuh pemimpin Hamas minggu lalu": last week, placed no finer than Hamas's country
    (sinwar,) = [e for e in events_of(seed_doc, "attack") if e.date == dt.date(2024, 10, 15)]
    assert sinwar.place.country_code == "PS" and sinwar.actors == ("Military Forces of Israel", "Hamas")


def test_seed_has_no_events_from_hopes_threats_or_boilerplate(seed_doc):
    sentences = [s.text for e in seed_doc.events for s in e.evidence]
    assert not any(s.startswith(("Washington berharap", "Baca juga", "Namun Israel")) for s in sentences)
    assert len(seed_doc.events) == 9
    # "tidak akan ada negosiasi selama pertempuran terus berlanjut" is said, not done
    said = {(s.kind, s.category) for s in seed_doc.statements}
    assert {("denial", "diplomacy"), ("plan", "armed_clash")} <= said


def test_seed_places_stay_in_the_region_except_washington(seed_doc):
    for m in seed_doc.mentions:
        assert m.place is not None
        if m.text == "Washington":
            assert m.place.admin1 == "US-DC"
        elif m.place.kind != "region" and m.text not in ("Amerika Serikat", "AS"):
            assert m.place.country_code in {"IL", "PS", "LB", "IR", "SY"}, m
    texts = {m.text for m in seed_doc.mentions}
    assert not texts & {"Baca", "Arab", "Hamas", "Hizbullah", "Sinwar", "Nasrallah", "UNRWA", "Netanyahu"}
    palestina = [m for m in seed_doc.mentions if m.text == "Palestina"]
    assert palestina and all(m.place.kind == "country" and m.place.country_code == "PS" for m in palestina)


def test_mention_offsets_index_the_text(seed_doc):
    for m in seed_doc.mentions:
        assert seed_doc.text[m.start:m.end] == m.text
    for e in seed_doc.events:
        assert seed_doc.text[e.sentence.start:e.sentence.end] == e.sentence.text


def test_given_spans_are_resolved_instead_of_recognised(seed_text):
    start = seed_text.index("Haifa")
    doc = geomap.parse(seed_text, spans=[(start, start + 5)], published=dt.date(2024, 10, 22))
    assert [(m.text, m.place.country_code) for m in doc.mentions] == [("Haifa", "IL")]


def test_language_is_detected_or_refused(seed_text):
    assert geomap.parse(seed_text).lang == "id"
    with pytest.raises(geomap.UnsupportedLanguage):
        geomap.parse("Dies ist ein kurzer deutscher Satz über gar nichts Besonderes.")


def test_headlines_show_their_language():
    """A headline holds few function words; its news words tell its language, and a foreign one is still refused."""
    import json

    from conftest import SHARED

    from geomap.language import detect_language

    path = SHARED / "data" / "id" / "news" / "narasipal_mideast_headlines_dev.jsonl"
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            found.append(detect_language(json.loads(line)["title"]))
        except geomap.UnsupportedLanguage:
            found.append(None)
    assert found.count("id") >= 0.85 * len(found) and "en" not in found  # "AS" is Amerika Serikat, not "as"
    assert detect_language("Banjir melanda Bekasi.") == "id" and detect_language("Floods hit Jakarta") == "en"
    with pytest.raises(geomap.UnsupportedLanguage):
        detect_language("Hochwasser in Jakarta: Polizei meldet viele Tote")


def test_a_text_s_words_are_its_runs_of_letters(seed_text):
    """Language detection splits a text at white space after making ASCII breaks spaces, and only pieces with other
    characters by regex: the same runs as the regex's over the whole text, beside every character there is."""
    import re
    import sys
    from collections import Counter

    from geomap.language import _words

    def regex_words(text):
        return Counter(r for r in re.findall(r"\w+", text) if re.fullmatch(r"[^\W\d_]+", r) or r.isalpha())

    every_character = "".join(map(chr, range(sys.maxunicode + 1)))  # lone surrogates too
    for text in ["a".join(every_character), " ".join(every_character), "1é".join(every_character), seed_text,
                 seed_text.upper(), "377A Jl. Sudirman_2 x² “Bekasi”—İstanbul\u00a0Kelvin\u212a ﬁsh"]:
        assert Counter(_words(text)) == regex_words(text)


def test_examples_events(example_docs):
    by_name = {d.name: d for d in example_docs}
    banjir, strikes = by_name["banjir_bekasi_id"], by_name["strikes_lebanon_en"]
    assert banjir.lang == "id" and strikes.lang == "en"
    assert banjir.published == dt.date(2025, 11, 3)  # from the dateline
    coded = {(e.category, e.place.name) for e in banjir.events}
    assert {("disaster", "Bekasi"), ("protest", "Makassar"), ("diplomacy", "Surabaya")} <= coded
    # arrests after the riot at the same rally are the protest's, as ACLED codes them: one event
    (rally,) = [e for e in banjir.events if e.category == "protest"]
    assert len(rally.evidence) == 2 and rally.sub_type == "violent demonstration"
    assert ("hope", "disaster") in {(s.kind, s.category) for s in banjir.statements}
    flood = next(e for e in banjir.events if e.place.name == "Bekasi")
    assert flood.fatalities == 2 and len(flood.evidence) == 2
    quake = next(e for e in banjir.events if e.trigger.lower().startswith("gempa"))
    assert quake.date == dt.date(2025, 11, 1) and "Cianjur" in quake.place.name
    kinds = {e.category: e for e in strikes.events}
    assert kinds["airstrike"].fatalities == 3 and kinds["airstrike"].actor1 == "Military Forces of Israel"
    assert kinds["shelling"].origin.name == "Southern Lebanon" and kinds["shelling"].place.country_code == "IL"
    assert kinds["attack"].fatalities == 15 and kinds["attack"].place.country_code == "PS"
    assert kinds["diplomacy"].place.name == "Amman" and kinds["diplomacy"].date == dt.date(2025, 3, 3)
    assert [e.category for e in strikes.events].count("diplomacy") == 1  # visited and met: one visit
    assert kinds["protest"].place.name == "London"
    assert not any(e.sentence.text.startswith("Iran warned") for e in strikes.events)
