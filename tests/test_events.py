"""Events as a careful coder would code them: categories, statements, place roles, actors, dates, casualties.

Sentences here are the project's own; the real articles are read by path from ../shared/data.
"""

import datetime as dt
import json
import re
from pathlib import Path

import pytest

import geomap
from geomap.casualties import casualties, parse_number
from geomap.document import Sentence
from geomap.event_dates import dates_in
from geomap.event_words import find_words, indonesian_forms
from geomap.evaluate_events import parse_gold, read_gold, score
from geomap.gazetteer import distance_km

TUESDAY = dt.date(2024, 10, 22)
GOLD = Path(__file__).parent / "gold"
DETIK = Path(__file__).resolve().parents[2] / "shared" / "data" / "id" / "news" / "detik_2025_dev.jsonl"
HEADLINES = DETIK.with_name("narasipal_mideast_headlines_dev.jsonl")


def parse(text, lang="id", published=TUESDAY):
    return geomap.parse(text, lang=lang, published=published)


def one(doc, category):
    (event,) = [e for e in doc.events if e.category == category]
    return event


@pytest.mark.parametrize("root, forms", [
    ("serang", "serang menyerang diserang serangan penyerangan menyerangnya"),
    ("tembak", "tembak menembak menembakkan ditembak penembakan tembakan tertembak"),
    ("luncur", "meluncurkan diluncurkan peluncuran"),
    ("bom", "mengebom dibom pengeboman"),
    ("culik", "menculik diculik penculikan"),
])
def test_indonesian_affixes_come_from_the_root(root, forms):
    pattern = re.compile(indonesian_forms(root) + "$")
    assert all(pattern.match(form) for form in forms.split())
    assert not pattern.match(root + "x") and not pattern.match("ber" + root + "an" + "x")


def test_lexicon_finds_weapons_and_keeps_nouns_apart_from_acts():
    assert [w.row.category for w in find_words("Rudal Israel menghantam Rafah", "id", {"weapon"})] == ["shelling"]
    # "sandera" is a hostage, "menyandera" taking one
    assert not find_words("Banyak sandera di Gaza", "id", {"trigger"})
    assert find_words("Kelompok itu menyandera 10 pekerja", "id", {"trigger"})[0].row.category == "abduction"


# -- what is not an event --------------------------------------------------------------------------

@pytest.mark.parametrize("text, lang, kind", [
    ("Iran mengancam akan membalas serangan Israel.", "id", "threat"),
    ("Hizbullah mengatakan tidak akan ada negosiasi selama pertempuran berlanjut.", "id", "denial"),
    ("Washington berharap gencatan senjata akan memberikan peluang bagi perundingan.", "id", "hope"),
    ("Jika Hizbullah menembakkan roket lagi, Israel akan membombardir Beirut.", "id", "condition"),
    ("Apakah Israel akan menyerang fasilitas nuklir Iran?", "id", "question"),
    ("Iran warned it would retaliate if Israel attacked its oil facilities.", "en", "condition"),
    ("The army denied that its soldiers had shot protesters in Khartoum.", "en", "denial"),
])
def test_statements_are_kept_apart_from_events(text, lang, kind):
    doc = parse(text, lang)
    assert not doc.events
    assert kind in {s.kind for s in doc.statements}


@pytest.mark.parametrize("text, lang", [
    ("Timnas Indonesia melancarkan serangan balik cepat pada menit ke-70 di Stadion Gelora Bung Karno, Jakarta.", "id"),
    ("Toko daring itu kebanjiran pesanan menjelang Harbolnas di Bandung.", "id"),
    ("Masalah sampah di Bandung adalah bom waktu, kata wali kota.", "id"),
    ("Arsenal launched a fierce counter-attack and shot twice at the Chelsea goal in London on Saturday.", "en"),
    ("PBB: Seorang Anak Dibunuh setiap 10 Menit di Gaza", "id"),
    ("Korban Tewas Serangan Israel di Gaza Capai 27.585 Orang, 66 Ribu Terluka", "id"),
    ("Israel deliberately flooded Lebanese farmlands near Mais al-Jabal on Tuesday.", "en"),
])
def test_sports_metaphors_and_running_totals_are_no_events(text, lang):
    assert not parse(text, lang).events


def test_firefighters_battling_a_blaze_is_a_fire_not_a_battle():
    doc = parse("Firefighters battled a blaze at a warehouse in Bekasi for six hours on Monday; no one was hurt.", "en",
                dt.date(2025, 3, 4))
    (fire,) = doc.events
    assert (fire.category, fire.sub_type, fire.place.name) == ("accident", "fire", "Bekasi")
    assert fire.date == dt.date(2025, 3, 3) and fire.injured == 0


def test_baca_juga_lines_are_never_coded():
    doc = parse("Banjir merendam Bekasi pada Senin.\nBaca juga: Israel Serang Lebanon, 20 Orang Tewas")
    assert [e.category for e in doc.events] == ["disaster"]


# -- places and their roles ------------------------------------------------------------------------

def test_rockets_from_southern_lebanon_to_haifa():
    doc = parse("Hizbullah meluncurkan sedikitnya 50 roket dari Lebanon selatan ke Haifa pada Senin (21/10/2024).")
    strike = one(doc, "shelling")
    assert distance_km(strike.place.lat, strike.place.lon, 32.8130, 34.9993) < 25  # Haifa
    assert (strike.place_role, strike.origin.name) == ("target", "Southern Lebanon")
    assert strike.sub_type == "rocket" and strike.actor1 == "Hezbollah" and strike.actor_types[0] == "rebel group"


def test_a_capital_acting_is_an_actor_not_the_place():
    doc = parse("Tel Aviv menggempur Lebanon selatan pada Sabtu (19/10/2024).")
    strike = one(doc, "airstrike")
    assert strike.place.name == "Southern Lebanon" and strike.actor1 == "Military Forces of Israel"


def test_headline_title_case_verbs_do_not_hide_their_objects():
    doc = parse("Israel Bombardir Rafah usai Paksa Warga Sipil Gaza Mengungsi ke Sana", published=dt.date(2023, 12, 7))
    strike = one(doc, "airstrike")
    assert strike.place.name.startswith("Rafa") and strike.place_role == "target"


def test_events_are_placed_at_mentions_the_document_holds():
    """The names a title-case headline hid are added to the document's mentions, so every event's mention is one
    of them; a capital keeps its sense when the article also names a far-off town of another country."""
    headline = parse("Israel Gempur Beirut Incar Tokoh Hizbullah")
    assert [m.text for m in headline.mentions] == ["Israel", "Beirut"]
    two = parse("Thousands of protesters rallied in London on Saturday. A flood hit Detroit on Sunday.", lang="en")
    assert one(two, "protest").place.country_code == "GB"
    for doc in (headline, two):
        assert all(e.mention in doc.mentions for e in doc.events)


def test_bring_your_own_spans_gets_no_names_added():
    text = "Israel Gempur Beirut Incar Tokoh Hizbullah"
    doc = geomap.parse(text, lang="id", published=TUESDAY, spans=[(0, 6)])
    assert [m.text for m in doc.mentions] == ["Israel"]


def test_jets_striking_a_place_hit_that_place():
    strike = one(parse("Israeli jets struck Gaza overnight, killing 12 people.", lang="en"), "airstrike")
    assert (strike.place.country_code, strike.place_role, strike.fatalities) == ("PS", "target", 12)


def test_a_meeting_is_where_it_is_held_not_in_the_countries_of_those_meeting():
    doc = parse("Menteri Luar Negeri Indonesia bertemu Menteri Luar Negeri Yordania di Amman pada Senin.")
    (meeting,) = doc.events
    assert meeting.category == "diplomacy" and meeting.place.name == "Amman" and meeting.date == dt.date(2024, 10, 21)


def test_only_a_country_known_falls_back_with_country_precision():
    doc = parse("Serangan Drone dari Lebanon Hantam Kediaman Netanyahu", published=dt.date(2024, 10, 19))
    (drone,) = doc.events
    assert (drone.sub_type, drone.place.country_code, drone.place_role) == ("drone strike", "IL", "actor_country")
    assert drone.geo_precision == 4 and drone.origin.country_code == "LB"


def test_organisations_and_holidays_are_never_places():
    doc = parse("UNRWA menyerukan akses bantuan kemanusiaan di Gaza utara.")
    assert "UNRWA" not in {m.text for m in doc.mentions} and one(doc, "humanitarian").actor1 == "UNRWA"
    doc = parse("AS Bom Milisi Irak saat Natal, Balas Serangan Drone", published=dt.date(2023, 12, 27))
    strike = one(doc, "airstrike")  # "saat Natal": at Christmas, not in Natal, Brazil
    assert strike.place.country_code == "IQ" and strike.date == dt.date(2023, 12, 25)
    assert strike.actor1 == "Military Forces of the United States"


def test_an_attack_on_troops_is_a_battle_and_an_attack_on_a_village_is_not():
    battle = parse("Kelompok bersenjata menyerang patroli TNI di Sugapa, Intan Jaya, Senin (21/10/2024).")
    assert one(battle, "armed_clash").place.name == "Sugapa"
    shot_by = parse("Dua warga tewas ditembak tentara di Sugapa, Intan Jaya, Senin (21/10/2024).")
    assert [e.category for e in shot_by.events] == ["attack"]  # soldiers who shoot are no target
    assert one(parse("Kontak tembak pecah di Kenyam, Nduga, Senin (21/10/2024)."), "armed_clash").date == \
        dt.date(2024, 10, 21)


def test_a_vehicle_off_the_road_is_an_accident_however_many_it_killed():
    bus = parse("A bus plunged into a ravine near Kandy, killing 32 passengers.", "en")
    assert [(e.category, e.fatalities) for e in bus.events] == [("accident", 32)]
    assert one(parse("A truck veered off the road into a river in Assam, killing five.", "en"), "accident")
    fell = parse("The gunman fell into a river after the attack in Mosul.", "en")  # a person falling is no crash
    assert [e.category for e in fell.events] == ["attack"]


def test_a_dateline_town_is_where_it_happened_not_its_state():
    doc = parse("Police arrest two men.\n\nFAIRFIELD, Conn. -- Police arrested two men on Monday after a "
                "robbery at a gas station.", "en", dt.date(2009, 3, 24))
    assert one(doc, "arrest").place.name == "Fairfield" and one(doc, "arrest").place_role == "location"


def test_an_event_without_a_place_of_its_own_takes_its_clause_s_other_place():
    doc = parse("Rescue teams evacuated 300 residents from flooded villages in Aceh Tamiang on Wednesday.", "en",
                dt.date(2025, 2, 27))
    assert one(doc, "humanitarian").place.name == one(doc, "disaster").place.name
    assert one(doc, "humanitarian").date == dt.date(2025, 2, 26)


def test_what_an_attack_damaged_is_where_it_struck():
    doc = parse("Rumah sakit di Jenin yang rusak akibat serangan Israel kembali dibuka.")
    assert one(doc, "attack").place.name == "Jenin"


# -- actors ----------------------------------------------------------------------------------------

def test_unnamed_gunmen_and_police_get_acled_names_and_types():
    doc = parse("Kelompok bersenjata menyerang pos polisi di Kabupaten Puncak, Papua Tengah, Kamis lalu, "
                "menewaskan seorang anggota Brimob.")
    attack = one(doc, "attack")
    assert attack.actor1 == "Unidentified Armed Group (Indonesia)" and attack.actor_types[0] == "political militia"
    assert attack.fatalities == 1 and attack.date == dt.date(2024, 10, 17)  # "Kamis lalu" before Tuesday 22


def test_state_forces_by_their_country():
    doc = parse("Israeli warplanes struck the southern suburbs of Beirut on Monday, killing at least three people.",
                "en", dt.date(2025, 3, 4))
    (strike,) = doc.events
    assert strike.category == "airstrike" and strike.actor1 == "Military Forces of Israel"
    assert strike.fatalities == 3 and strike.geo_precision == 2  # the suburbs: part of the town


# -- dates -----------------------------------------------------------------------------------------

def dates(text, lang="id", published=TUESDAY):
    return [(d.date, d.precision, d.attribution) for d in dates_in(Sentence(0, len(text), text), lang, published)]


def test_dates_against_the_article_date():
    assert dates("Banjir terjadi kemarin.") == [(dt.date(2024, 10, 21), 1, False)]
    assert dates("Gempa mengguncang pada Sabtu (19/10/2024) pagi.")[-1][0] == dt.date(2024, 10, 19)
    assert dates("Nasrallah tewas dalam serangan udara 27 September.") == [(dt.date(2024, 9, 27), 1, False)]
    assert dates("Longsor terjadi dua pekan lalu.") == [(dt.date(2024, 10, 8), 2, False)]
    assert dates("The plane crashed on Sunday.", "en") == [(dt.date(2024, 10, 20), 1, False)]
    assert dates("Rumah di RT 03/09 terendam.") == []  # a neighbourhood number, not a date


def test_the_date_a_statement_was_made_is_not_the_events():
    said = dates("kata Kapolres kepada wartawan, Senin (21/10/2024).")
    assert said and all(attribution for _, _, attribution in said)
    doc = parse("Ribuan orang berunjuk rasa di Jakarta pada Sabtu. Polisi membubarkan massa, kata juru bicara "
                "kepada wartawan, Senin (21/10/2024).")
    assert one(doc, "protest").date == dt.date(2024, 10, 19)


def test_a_background_fact_keeps_its_own_date():
    doc = parse("Serangan drone di Tyre yang menewaskan seorang komandan Hizbullah terjadi pada 27 September, "
                "kata militer Israel.")
    assert one(doc, "airstrike").date == dt.date(2024, 9, 27)


# -- casualties ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, lang, deaths, injured", [
    ("Dua puluh tiga orang tewas dalam tabrakan bus.", "id", 23, None),
    ("Lebih dari 20 orang telah dibunuh oleh pasukan Israel.", "id", 20, None),
    ("Korban tewas mencapai 18 hingga 20 orang.", "id", 18, None),
    ("Puluhan orang tewas dan ratusan terluka.", "id", 12, 100),
    ("45 orang tewas dalam serangan, sementara militer Israel menyebut 30.", "id", 30, None),
    ("Tidak ada korban jiwa dalam musibah tersebut.", "id", 0, None),
    ("Gempa itu menewaskan dua orang dan melukai 14 lainnya.", "id", 2, 14),
    ("Dozens of people were killed and several were wounded.", "en", 12, 10),
    ("Eight soldiers and 12 militants were killed.", "en", 20, None),
    ("A suicide bomber killed 27 worshippers and wounded more than 50.", "en", 27, 50),
    ("No one was killed in the attack.", "en", 0, None),
])
def test_casualties_by_acled_rules(text, lang, deaths, injured):
    told = casualties(text, lang)
    assert (told.deaths, told.injured) == (deaths, injured)


def test_numbers_in_words():
    assert parse_number("dua puluh tiga", "id") == 23 and parse_number("seratus dua", "id") == 102
    assert parse_number("twenty-one", "en") == 21 and parse_number("27.585", "id") == 27585
    assert parse_number("66 ribu", "id") == 66000


# -- one event, once -------------------------------------------------------------------------------

def test_the_same_event_told_twice_is_one_event_with_both_sentences():
    doc = parse("A car bomb exploded outside a police station in Kirkuk on Monday, killing four officers. "
                "The blast also wounded nine civilians. Monday's bombing was the deadliest in the city this year.",
                "en", dt.date(2025, 3, 4))
    (bomb,) = doc.events
    assert (bomb.category, bomb.sub_type, bomb.place.name) == ("bombing", "car bomb", "Kirkuk")
    assert len(bomb.evidence) == 3 and bomb.fatalities == 4 and bomb.injured == 9


# -- real articles ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def detik():
    if not DETIK.exists():
        pytest.skip(f"the Detik articles are not at {DETIK}")
    return {r["id"]: r for r in map(json.loads, DETIK.read_text(encoding="utf-8").splitlines())}


def article(record):
    text = record["title"] + "\n\n" + record["body"]
    return geomap.parse(text, lang="id", published=dt.date.fromisoformat(record["date"][:10]))


def test_detik_floods_and_landslides_in_sukabumi_on_tuesday(detik):
    doc = article(detik["detik-sum-742"])  # published Wednesday 22/10/2025
    disasters = [e for e in doc.events if e.category == "disaster"]
    assert disasters and all(e.date == dt.date(2025, 10, 21) for e in disasters)  # "Selasa (21/10/2025)"
    assert all(e.place.admin1 == "ID-JB" or e.place.country_code == "ID" for e in disasters)
    assert {"warning", "condition"} <= {s.kind for s in doc.statements}  # "waspada", "Jika menemukan ..."


def test_detik_football_report_has_no_events(detik):
    assert not article(detik["detik-sum-980"]).events  # West Ham v Tottenham: shots, attacks, threats


def test_detik_murder_and_arrest_in_two_places(detik):
    doc = article(detik["detik-sum-337"])
    murder = next(e for e in doc.events if e.category == "attack")
    assert murder.date == dt.date(2025, 10, 11) and murder.place.admin1 == "ID-BA"  # Legian, Kuta, Bali
    (arrest,) = [e for e in doc.events if e.category == "arrest"]
    assert arrest.place.name == "Bitung"  # "terbang ke Kota Bitung": where he went, the scene of the arrest
    assert arrest.actor1 == "Police Forces of Indonesia" and arrest.injured is None


@pytest.fixture(scope="module")
def headlines():
    if not HEADLINES.exists():
        pytest.skip(f"the headlines are not at {HEADLINES}")
    return {r["id"]: r["title"] for r in map(json.loads, HEADLINES.read_text(encoding="utf-8").splitlines())}


def test_a_town_named_like_a_verb_is_the_verb_after_an_actor_or_intent(headlines):
    # "Serang" is a town in Banten and the verb "attack": after "Mau", "buat" or a country acting it is the verb
    assert [(s.kind, s.category) for s in parse(headlines["narasipal-290"]).statements] == [("plan", "attack")]
    assert [(s.kind, s.cue) for s in parse(headlines["narasipal-4"]).statements] == [("plan", "buat")]
    (arrest,) = parse("Polisi Tangkap Pengedar Narkoba di Serang").events  # after "di" it is the town
    assert arrest.place.name == "Serang" and arrest.category == "arrest"


def test_headline_places_run_together_or_inside_a_feature(headlines):
    # a town and its region with no comma between; the troops' country is not where the attacks were
    (battle,) = parse(headlines["narasipal-199"]).events  # "... terhadap Pasukan Israel di Jabalia Gaza Utara"
    assert battle.category == "armed_clash" and battle.place.name == "Jabālyā" and battle.place_role == "location"
    (strike,) = parse(headlines["narasipal-8"]).events  # "di Karama Gaza": Karama is known only in Australia
    assert strike.place.country_code == "PS"
    (drone,) = parse(headlines["narasipal-141"]).events  # "Serang Kapal Kargo Inggris di Lepas Pantai Yaman"
    assert drone.place.name == "Yemen" and drone.place_role == "location"
    doc = parse(headlines["narasipal-234"])
    protest = one(doc, "protest")  # "Blokir Jalan Tel Aviv"
    assert protest.place.name == "Tel Aviv"
    assert protest.mention in doc.mentions  # the document holds the mention its event is placed at (a map marks it)


@pytest.mark.parametrize("doc, kind", [
    ("narasipal-9", "warning"),  # "Biden Peringatkan Iran ...": a warning to a state
    ("narasipal-230", "threat"),  # "Takut Ancaman Hizbullah jika Bantu Israel"
    ("narasipal-115", "threat"),  # "Pemimpin Hizbullah Akan Balas Kematian Tokoh Hamas"
    ("narasipal-392", "warning"),  # "Biden Khawatir Konflik Meluas ...": conflict is talk of war
    ("narasipal-247", "question"),  # "... Pusaran Konflik Israel-Hizbullah, Terlibat Langsung Lawan AS?"
])
def test_headline_statements_without_an_event_word(headlines, doc, kind):
    assert {s.kind for s in parse(headlines[doc]).statements} == {kind}


def test_a_warning_with_no_state_or_armed_group_is_no_statement():
    assert not parse("BMKG Peringatkan Potensi Cuaca Ekstrem di Jawa Barat").statements
    # a conflict is talk of war only with an armed side named: a religious dispute's early warning is none
    early = parse("Melalui aplikasi itu, potensi konflik keagamaan bisa dideteksi sejak dini di Jawa Barat.")
    assert not early.statements
    assert not parse("Bagaimana Menyelesaikan Konflik Agraria di Riau?").statements
    assert not parse("Kementerian membantah kabar kenaikan harga BBM.").statements


@pytest.mark.parametrize("text, lang, kind", [
    ("Hamas Bantah Tudingan Israel soal Terowongan", "id", "denial"),
    ("Iran Bersumpah Tak Akan Tinggal Diam", "id", "threat"),
    ("Israel denies Hezbollah claims about the tunnels.", "en", "denial"),
])
def test_denials_and_vows_of_a_state_or_armed_group_without_an_event_word(text, lang, kind):
    assert [s.kind for s in parse(text, lang).statements] == [kind]


def test_headline_words_joined_by_a_hyphen(headlines):
    # "Pasca-serangan": after the attack, at the place before it ("di Langit Beirut"), not the attacker's country
    (attack,) = parse(headlines["narasipal-330"]).events
    assert attack.category == "attack" and attack.place.name == "Beirut"
    # "Tel Aviv Dibom-Hizbullah Bobol Rumah Netanyahu": an armed group's bombs are a bombing, not rockets
    (bomb,) = parse(headlines["narasipal-279"]).events
    assert bomb.category == "bombing" and bomb.place.name == "Tel Aviv" and bomb.actor1 == "Hezbollah"
    assert not parse("Pasukan kontra-serangan dibentuk di Jakarta.").events  # a hyphen before lower case joins


def test_an_attack_word_stays_when_the_impact_verb_beside_it_names_no_weapon(headlines):
    (attack,) = parse(headlines["narasipal-251"]).events  # "Serangan Kelompok Ini Sukses Tembus Tel Aviv"
    assert attack.category == "attack" and attack.place.name == "Tel Aviv"
    assert not parse(headlines["narasipal-216"]).events  # "Korban Tewas ... Tembus 37 Ribu": a running total
    shot = parse("A man was shot by a trooper after he tried to hit the trooper with a car in Swansea.", "en")
    assert [e.category for e in shot.events] == ["attack"]  # a car beside a shooting makes no road accident


@pytest.mark.parametrize("text, lang, category", [
    ("Pelaku meledakkan diri di pos polisi di Surabaya.", "id", "bombing"),
    ("Tentara dan kelompok bersenjata terlibat adu tembak di Intan Jaya.", "id", "armed_clash"),
    ("Gencatan senjata tercapai di Gaza pada Rabu (15/1/2025).", "id", "ceasefire"),
    ("Militants detonated a roadside bomb near Kandahar on Monday.", "en", "bombing"),
    ("Troops skirmished with rebels near Goma on Sunday.", "en", "armed_clash"),
    ("A truce was agreed in Gaza on Wednesday.", "en", "ceasefire"),
])
def test_more_words_for_bombs_battles_and_truces(text, lang, category):
    assert [e.category for e in parse(text, lang).events] == [category]


def test_suicide_is_no_attack_but_a_suicide_bomb_is_a_bombing():
    assert not parse("Seorang pria nekat bunuh diri di Bekasi, Senin (20/10/2025).").events
    assert not parse("A man shot himself in Springfield on Monday.", "en").events
    (bomb,) = parse("Pelaku bom bunuh diri meledakkan diri di Makassar.").events
    assert (bomb.category, bomb.sub_type) == ("bombing", "suicide bomb")


def test_robberies_are_attacks():
    (robbery,) = parse("Seorang pengendara motor dibegal di Depok, Selasa (21/10/2025) malam.").events
    assert robbery.category == "attack" and robbery.place.name == "Depok"
    assert {e.category for e in parse("DeKalb man arrested in attempted robbery.", "en").events} == {"arrest", "attack"}
    tried = parse("A DeKalb man has been arrested after police say he tried to rob a woman in a store parking lot late "
                  "Friday night.", "en", dt.date(2009, 3, 21))
    assert one(tried, "attack").date == dt.date(2009, 3, 20) and not tried.statements


def test_what_a_report_leaves_unsaid_or_only_tried_is_no_statement():
    unsaid = parse("Para demonstran dibubarkan dari area tersebut, tanpa merinci apakah ada penangkapan yang "
                   "dilakukan.")
    assert not unsaid.statements and not [e for e in unsaid.events if e.category == "arrest"]
    assert not parse("He tried several times to hit the trooper with his car in Swansea, police said.", "en").statements
    crash = parse("Police could not say how the crash on Route 52 near Richmond occurred.", "en")
    assert not crash.statements and [e.category for e in crash.events] == ["accident"]


def test_a_disaster_behind_aid_and_fighting_that_eases_are_no_events():
    aid = parse("Relawan menyalurkan bantuan makanan ke Cianjur untuk warga yang terdampak gempa, Jumat (25/11/2022).")
    assert [e.category for e in aid.events] == ["humanitarian"]
    assert not parse("Food convoys entered Bukavu on Tuesday as fighting subsided, aid workers said.", "en").events
    assert [e.category for e in parse("Heavy fighting broke out in Bukavu on Tuesday.", "en").events] == ["armed_clash"]


@pytest.mark.parametrize("text, category", [
    ("Pesawat latih jatuh di Bandung, Senin (20/10/2025), dua pilot tewas.", "accident"),
    ("Ribuan buruh menggelar aksi di depan Gedung DPR, Jakarta, Senin (20/10/2025).", "protest"),
    ("Ratusan pekerja mogok kerja di pabrik di Karawang, Selasa (21/10/2025).", "protest"),
    ("Pergerakan tanah merusak puluhan rumah di Cianjur, Selasa (21/10/2025).", "disaster"),
    ("Pelaku dicokok polisi di Medan, Selasa (21/10/2025).", "arrest"),
    ("Presiden Prabowo menghadiri KTT ASEAN di Kuala Lumpur, Minggu (26/10/2025).", "diplomacy"),
])
def test_more_indonesian_words_for_crashes_rallies_strikes_landslides_arrests_and_summits(text, category):
    assert [e.category for e in parse(text).events] == [category]


def test_a_place_naming_an_institution_is_the_last_resort_for_an_event():
    crash = parse("Three Philadelphia police officers were in stable condition at the Hospital of the University of "
                  "Pennsylvania after their cruisers collided at 50th Street.", "en")
    assert [e.place.name for e in crash.events] == ["Philadelphia"]
    (report,) = parse("A crash injured two people on Monday, according to a Florida Highway Patrol report.",
                      "en").events
    assert report.place.name == "Florida"  # nothing else is named


def test_a_state_named_like_its_great_city_is_the_city_for_an_event():
    (protest,) = parse("Ribuan orang berunjuk rasa di New York, Sabtu (18/10/2025).").events
    assert protest.place.name == "New York City"
    (flood,) = parse("Banjir melanda negara bagian New York, Sabtu (18/10/2025).").events
    assert flood.place.kind == "admin1"


def test_gold_figures_hold():
    """The figures docs/events.md reports, with a margin: for the real dev split (what the rules were tuned on)
    and for all the gold files together (the issue's targets). A change that breaks them fails."""
    if not DETIK.exists():
        pytest.skip("the shared data is not beside the project")
    real = read_gold(GOLD / "events_real.jsonl")
    documents = real + read_gold(GOLD / "events_written.jsonl")
    parsed = parse_gold(documents)
    dev = [i for i, d in enumerate(real) if d.split == "dev"]
    s = score("dev", [documents[i] for i in dev], [parsed[i] for i in dev])
    assert s.macro_f1 >= 0.88 and s.micro_f1 >= 0.88 and s.statement_f1 >= 0.83
    assert s.place_within_25km >= 0.82 and s.date_exact >= 0.94 and s.fatalities_exact >= 0.84
    everything = score("all", documents, parsed)
    assert everything.macro_f1 >= 0.86 and everything.micro_f1 >= 0.85 and everything.statement_f1 >= 0.79
    assert everything.place_within_25km >= 0.85 and everything.date_exact >= 0.94


LGL = DETIK.parents[2] / "en" / "lgl.xml"


@pytest.fixture(scope="module")
def lgl():
    if not LGL.exists():
        pytest.skip(f"the LGL articles are not at {LGL}")
    from geomap.evaluate_events import _source_documents
    return _source_documents(str(LGL))


def lgl_article(lgl, name):
    text, published = lgl[name]
    return geomap.parse(text, lang="en", published=published)


def test_more_forms_of_violence_in_lgl_headlines(lgl):
    # "stabs" beside "stabbed", "slaying" beside "murder", "hit-and-run" for a road death
    assert any(e.category == "attack" and e.place.name == "Fort Worth" for e in lgl_article(lgl, "41539051").events)
    slaying = lgl_article(lgl, "41884751").events
    assert any(e.category == "attack" and e.trigger == "slaying" for e in slaying)
    assert any(e.category == "accident" and e.sub_type == "road" for e in lgl_article(lgl, "42528273").events)


def test_detik_things_secured_and_crimes_talked_of_are_no_events(detik):
    # "Barang bukti tersebut sudah diamankan polisi": evidence secured, no one arrested
    assert not [e for e in article(detik["detik-sum-242"]).events if e.category == "arrest"]
    # "mulai dari tawuran pelajar hingga ...", "kasus tawuran remaja turun 32 persen": kinds of crime and a trend
    assert not [e for e in article(detik["detik-sum-332"]).events if e.category == "protest"]


@pytest.mark.parametrize("text, category, sub_type", [
    ("Rumah warga di Bogor dilalap api, Senin (21/10/2024).", "accident", "fire"),
    ("Tawuran pelajar terjadi di Bogor, Senin (21/10/2024).", "protest", "mob violence"),
    ("Polisi mengamankan dua pelaku di Bogor, Senin (21/10/2024).", "arrest", "arrest"),
])
def test_indonesian_words_for_fires_brawls_and_arrests(text, category, sub_type):
    event = one(parse(text), category)
    assert event.sub_type == sub_type and event.place.name == "Bogor"


def test_the_state_arrests_and_protesters_protest_whoever_else_is_named(detik, lgl):
    # "satu pelaku Lidya tertangkap di Palembang": the suspect is arrested, the police arrest
    arrest = next(e for e in article(detik["detik-sum-669"]).events if e.category == "arrest")
    assert arrest.actor1 == "Police Forces of Indonesia"
    # "Robert Coker was arrested Friday night": no arrester named, the police of the country
    assert {e.actor1 for e in lgl_article(lgl, "44087309").events if e.category == "arrest"} == \
        {"Police Forces of the United States"}
    # "Donald Trump harus pergi!" kata para pengunjuk rasa: Trump is what they shout about
    protests = [e for e in article(detik["detik-sum-856"]).events if e.category == "protest"]
    assert protests and all(e.actor1.startswith("Protesters (") for e in protests)
    # "dilindas kendaraan taktis (rantis) Brimob": Brimob is the police, by ACLED's name
    assert one(article(detik["detik-sum-970"]), "attack").actor1 == "Police Forces of Indonesia"


@pytest.mark.parametrize("text, lang, actor1", [
    (("Pemerintah Thailand dan Kamboja menandatangani perjanjian gencatan senjata di Kuala Lumpur, Minggu "
      "(20/10/2024)."), "id", "Government of Thailand"),
    ("Foreign ministers of Egypt and Qatar met in Doha on Tuesday.", "en", "Government of Egypt"),
    ("Komandan Hizbullah dibunuh pasukan Israel di Beirut, Senin (21/10/2024).", "id", "Military Forces of Israel"),
])
def test_the_first_of_two_sides_and_an_agent_without_oleh_lead(text, lang, actor1):
    (event,) = parse(text, lang).events
    assert event.actor1 == actor1
    assert event.actor2 == ("Hezbollah" if "Hizbullah" in text else "")  # the subject of a passive suffered it


@pytest.mark.parametrize("name, kind", [
    ("narasipal-182", "plan"),  # "Israel Buka Peluang Gencatan Senjata di Gaza, Ini Syaratnya"
    ("narasipal-318", "warning"),  # "WNI Diimbau Tak Lakukan Perjalanan ke Lebanon-Israel"
    ("narasipal-441", "threat"),  # "..., Iran: Kekuatan Lain akan Bergerak!"
])
def test_statements_without_an_event_word_in_headlines(headlines, name, kind):
    assert kind in {s.kind for s in parse(headlines[name]).statements}


def test_a_teaser_headline_asks_nothing(headlines):
    # "Blinken Injakkan Kaki di Perbatasan Gaza-Israel, Ada Apa?": the visit is reported, the question is a teaser
    doc = parse(headlines["narasipal-188"])
    assert not doc.statements and one(doc, "diplomacy")


def test_jakarta_s_cities_and_traffic_in_detik(detik):
    # "Lalin Arah Stasiun Gambir Ditutup": traffic (lalu lintas), not Lalín in Spain
    assert not [m for m in article(detik["detik-sum-841"]).mentions if m.text == "Lalin"]
    doc = article(detik["detik-sum-852"])  # "di wilayah Jakpus": Central Jakarta
    assert "Central Jakarta" in {m.place.name for m in doc.mentions if m.text == "Jakpus"}
    # "1.743 personel pengamanan unjuk rasa di wilayah Jakpus": police to secure protests, no protest yet
    assert not doc.events


def test_a_place_before_an_english_noun_of_event_is_where_not_who(lgl):
    # "Kansas storm overturns big rigs": Kansas is where the storm was, not a state doing something
    storm = one(lgl_article(lgl, "41538163"), "disaster")
    assert storm.place.name == "Kansas" and storm.place_role == "location"
    assert storm.sentence.text.startswith("Kansas storm")
    assert one(parse("Columbia crash kills two.", "en"), "accident").place.name == "Columbia"


def test_a_verb_of_impact_with_no_weapon_is_not_even_spoken_of(lgl, detik):
    # "his first major feature film ... will hit the theaters", "akan meluncurkan berbagai program strategis"
    assert not lgl_article(lgl, "41822495").statements
    assert not [s for s in article(detik["detik-sum-976"]).statements if "meluncurkan" in s.sentence.text]
    # with a weapon it is a strike: "Rudal Hizbullah menyasar pangkalan militer di Haifa"
    strike = one(parse("Rudal Hizbullah menyasar pangkalan militer di Haifa, Senin (21/10/2024)."), "shelling")
    assert strike.place.name == "Haifa" and strike.actor1 == "Hezbollah"


def test_an_official_leaving_for_a_capital_visits_it():
    visit = one(parse("Menteri Luar Negeri Retno Marsudi bertolak ke Amman, Senin (21/10/2024)."), "diplomacy")
    assert visit.place.name == "Amman" and visit.sub_type == "visit"
