"""The event store through real `geomap` processes on generated and bundled articles: reruns add nothing twice, a run
killed at any moment resumes to exactly what an uninterrupted run stores, a changed article replaces its events, the
same event from several articles merges, and maps are drawn from the store without the text."""

import json
import os
import pty
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geomap.cli import bundled_examples

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = 2000  # generated; with the two bundled examples a run takes several seconds, time to interrupt it


def geomap(*args, cwd=None, **kwargs):
    return subprocess.run([sys.executable, "-m", "geomap", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=600, **kwargs)


def store_rows(path: Path) -> dict[str, list[tuple]]:
    """Every row of the store but when each article was added, in key order."""
    with sqlite3.connect(path) as db:
        columns = [row[1] for row in db.execute("PRAGMA table_info(articles)") if row[1] != "added"]
        return {"articles": db.execute(f"SELECT {', '.join(columns)} FROM articles ORDER BY key").fetchall(),
                "events": db.execute("SELECT * FROM events ORDER BY article, seq").fetchall(),
                "mentions": db.execute("SELECT * FROM mentions ORDER BY article, seq").fetchall()}


def stored(path: Path) -> int:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1) as db:
            return db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # not made yet
        return 0


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), folder, "--articles", str(ARTICLES),
                    "--examples"], check=True, capture_output=True)
    return folder


@pytest.fixture(scope="module")
def whole_run(corpus, tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """The uninterrupted run, on one core: what every other run must store."""
    out = tmp_path_factory.mktemp("whole")
    r = geomap("map", corpus, "-o", out / "map.html", "--jobs", "1")
    assert r.returncode == 0, r.stderr
    return out, r


def test_a_folder_goes_into_the_store_and_one_map(corpus, whole_run):
    out, r = whole_run
    counts = store_rows(out / "events.sqlite")
    assert len(counts["articles"]) == ARTICLES + 2
    with sqlite3.connect(out / "events.sqlite") as db:
        assert db.execute("SELECT DISTINCT status FROM articles").fetchall() == [("processed",)]
    features = json.loads((out / "map.geojson").read_text(encoding="utf-8"))["features"]
    assert len(features) == len(counts["events"]) > ARTICLES  # a story and often a second event in each
    assert r.stderr.splitlines() == [f"geomap: {ARTICLES + 2:,} articles read: {ARTICLES + 2:,} processed, 0 "
                                     f"skipped; {len(features):,} events written"]
    assert {f["properties"]["document"] for f in features} >= {"banjir_bekasi_id", "strikes_lebanon_en"}


def test_generated_stories_are_filed_from_a_city_of_their_country_near_them(corpus):
    # A dateline in another country draws a story's events to it: events.py rightly reads a town far from everything
    # else an article names as a misreading.
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from make_corpus import DATELINE_KM, places

    from geomap.gazetteer import distance_km
    from geomap.pipeline import default_gazetteer

    stories = {lang: {town.name: town for town in towns} for lang, towns in places().items()}
    ix = default_gazetteer().index
    cities: dict[str, list[int]] = {}
    for i, kind in enumerate(ix.kind):
        if kind == "city":
            cities.setdefault(ix.names[i].upper(), []).append(i)
    filed = 0
    for record in (json.loads(line) for path in corpus.glob("*.jsonl") for line in path.open(encoding="utf-8")):
        words = record["title"].split()
        story = next(stories[record["language"]][name] for name in (" ".join(words[i:]) for i in range(len(words)))
                     if name in stories[record["language"]])  # every headline ends in its story's town
        dateline = record["text"].splitlines()[1].split(",")[0]
        assert min(distance_km(ix.lat[i], ix.lon[i], story.lat, story.lon) for i in cities[dateline]
                   if ix.country[i] == story.country) <= DATELINE_KM, record["text"]
        filed += 1
    assert filed == ARTICLES


def test_running_again_adds_nothing_twice(corpus, whole_run, tmp_path):
    out, _ = whole_run
    before = (out / "map.csv").read_bytes()
    r = geomap("map", corpus, "-o", out / "map.html", "--store", tmp_path / "copy.sqlite")
    assert r.returncode == 0, r.stderr
    again = geomap("map", corpus, "-o", tmp_path / "again.html", "--store", tmp_path / "copy.sqlite")
    assert again.returncode == 0, again.stderr
    assert f"{ARTICLES + 2:,} processed ({ARTICLES + 2:,} already in the store)" in again.stderr
    assert store_rows(tmp_path / "copy.sqlite") == store_rows(out / "events.sqlite")  # two cores, same rows
    assert (tmp_path / "again.csv").read_bytes() == before


@pytest.mark.parametrize("signal_number", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_a_killed_run_resumes_and_stores_exactly_what_a_whole_run_does(corpus, whole_run, tmp_path, signal_number):
    store = tmp_path / "events.sqlite"
    command = [sys.executable, "-m", "geomap", "map", str(corpus), "-o", str(tmp_path / "map.html")]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    deadline = time.monotonic() + 300
    while stored(store) < ARTICLES // 10 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = _children(process.pid)
    if signal_number == signal.SIGINT:  # Ctrl-C: a terminal signals the whole process group, workers too
        os.killpg(process.pid, signal_number)
    else:  # kill signals the one process
        process.send_signal(signal_number)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == {signal.SIGINT: 130, signal.SIGTERM: 143, signal.SIGKILL: -9}[signal_number], stderr
    assert "Traceback" not in stderr
    kept = stored(store)
    assert ARTICLES // 10 <= kept < ARTICLES + 2  # interrupted on the way, with what it had finished
    assert not (tmp_path / "map.html").exists()  # no map of half a run
    time.sleep(3)
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists() and _state(pid) != "Z"]  # no orphans

    r = geomap("map", corpus, "-o", tmp_path / "map.html")
    assert r.returncode == 0, r.stderr
    assert f"({kept:,} already in the store)" in r.stderr  # nothing done before the kill was done again
    assert store_rows(store) == store_rows(whole_run[0] / "events.sqlite")
    assert (tmp_path / "map.csv").read_bytes() == (whole_run[0] / "map.csv").read_bytes()


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0]
    except (OSError, IndexError):
        return "gone"


def test_the_outputs_read_one_snapshot_of_the_store_while_another_run_writes(tmp_path):
    # geomap map reads the store once for each output: an article another run adds in between is in none of them.
    from geomap.corpus import process_article
    from geomap.readers import Article
    from geomap.store import Store

    rafah, london = (process_article(Article(text, f"{name}.txt", None, name)) for text, name in (
        ("Israeli airstrikes on Rafah killed five people on Monday.", "rafah"),
        ("Thousands of protesters rallied in London on Saturday against the war.", "london")))
    with Store(tmp_path / "events.sqlite") as store:
        store.add(rafah)
        store.flush()
        with store.snapshot():
            assert [r.name for r in store.results()] == ["rafah"]
            with Store(tmp_path / "events.sqlite") as other:
                other.add(london)
                other.flush()
            assert [r.name for r in store.results()] == ["rafah"] and store.count_results() == 1
        assert sorted(r.name for r in store.results()) == ["london", "rafah"]


def test_a_changed_article_replaces_its_events(tmp_path):
    flood, strikes = (path.read_text(encoding="utf-8") for path in bundled_examples())
    path = tmp_path / "news.jsonl"
    records = [{"text": flood, "url": "https://news.example/1"}, {"text": strikes, "url": "https://news.example/2"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    assert geomap("ingest", path, "--store", tmp_path / "s.sqlite").returncode == 0
    with sqlite3.connect(tmp_path / "s.sqlite") as db:
        before = db.execute("SELECT location FROM events e JOIN articles a ON a.key = e.article "
                            "WHERE a.url = 'https://news.example/1'").fetchall()
    assert ("Bekasi",) in before
    records[0]["text"] = flood.replace("Bekasi", "Karawang")  # the article, corrected
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    r = geomap("ingest", path, "--store", tmp_path / "s.sqlite")
    assert r.returncode == 0, r.stderr
    assert "2 processed (1 already in the store)" in r.stderr
    with sqlite3.connect(tmp_path / "s.sqlite") as db:
        assert db.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 2
        after = db.execute("SELECT location FROM events e JOIN articles a ON a.key = e.article "
                           "WHERE a.url = 'https://news.example/1'").fetchall()
        orphans = db.execute("SELECT COUNT(*) FROM events WHERE article NOT IN (SELECT key FROM articles)").fetchone()
    assert ("Karawang",) in after and ("Bekasi",) not in after and len(after) == len(before)
    assert orphans == (0,)

    records.append({"text": flood, "url": "https://news.example/1"})  # one url twice in one input: both kept
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    r = geomap("ingest", path, "--store", tmp_path / "s.sqlite")
    assert "3 processed (2 already in the store)" in r.stderr
    with sqlite3.connect(tmp_path / "s.sqlite") as db:
        assert db.execute("SELECT COUNT(*) FROM articles WHERE url = 'https://news.example/1'").fetchone()[0] == 2


def test_one_event_from_several_articles_is_one_merged_event_listing_them(tmp_path):
    flood = bundled_examples()[0].read_text(encoding="utf-8")
    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps({"text": flood, "url": f"https://news{n}.example/banjir"}) + "\n"
                            for n in range(3)), encoding="utf-8")
    assert geomap("ingest", path, "--store", tmp_path / "s.sqlite").returncode == 0
    with sqlite3.connect(tmp_path / "s.sqlite") as db:
        events = db.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        merged = db.execute("SELECT category, location, reports, sources FROM merged_events").fetchall()
    assert events == 3 * len(merged) > 0  # the per-article rows are kept
    assert ("disaster", "Bekasi") in {(category, location) for category, location, _, _ in merged}
    for _, _, reports, sources in merged:
        assert reports == 3
        assert sorted(json.loads(sources)) == [f"https://news{n}.example/banjir" for n in range(3)]


def test_merged_events_count_the_generated_stories(whole_run):
    """The generated corpus tells some stories in two or three articles: each merged event counts its articles."""
    with sqlite3.connect(whole_run[0] / "events.sqlite") as db:
        merged = db.execute("SELECT category, event_date, geonameid, location, reports FROM merged_events").fetchall()
        expected = {(c, d, g, loc): n for c, d, g, loc, n in db.execute(
            "SELECT category, event_date, geonameid, location, COUNT(DISTINCT article) FROM events "
            "WHERE event_date IS NOT NULL GROUP BY category, event_date, geonameid, location")}
    assert {(c, d, g, loc): n for c, d, g, loc, n in merged} == expected
    assert max(n for *_, n in merged) >= 2


def test_a_map_from_the_store_reads_no_text(corpus, whole_run, tmp_path):
    store = whole_run[0] / "events.sqlite"
    r = geomap("map", "--store", store, "-o", tmp_path / "all.html", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    whole = json.loads((whole_run[0] / "map.geojson").read_text(encoding="utf-8"))["features"]
    everything = json.loads((tmp_path / "all.geojson").read_text(encoding="utf-8"))["features"]
    key = lambda f: json.dumps({k: v for k, v in f["properties"].items() if k != "event_id_cnty"}, sort_keys=True)
    assert sorted(map(key, everything)) == sorted(map(key, whole))

    r = geomap("map", "--store", store, "--since", "2025-03-01", "--until", "2025-06-30", "--country", "IDN",
               "--category", "disaster", "--category", "protest", "-o", tmp_path / "slice.html", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    chosen = [f["properties"] for f in json.loads((tmp_path / "slice.geojson").read_text(encoding="utf-8"))["features"]]
    expected = [f["properties"] for f in whole if f["properties"]["country_code"] == "ID"
                and f["properties"]["category"] in ("disaster", "protest")
                and "2025-03-01" <= (f["properties"]["event_date"] or "") <= "2025-06-30"]
    assert len(chosen) == len(expected) > 0
    assert r.stderr.startswith(f"geomap: {len(chosen):,} events from ")

    r = geomap("map", "--store", store, "--since", "2030-01-01", "-o", tmp_path / "none.html")
    assert (r.returncode, r.stderr) == (1, "geomap: no event in the store matches; no file was written\n")
    r = geomap("map", "--store", tmp_path / "missing.sqlite")
    assert r.returncode == 1 and r.stderr.startswith(f"geomap: {tmp_path / 'missing.sqlite'}: no such store")
    (tmp_path / "notes.sqlite").write_text("not a database")
    r = geomap("map", "--store", tmp_path / "notes.sqlite")
    assert r.returncode == 1 and "cannot use it as a store" in r.stderr and "Traceback" not in r.stderr


def test_a_terminal_gets_a_progress_bar(corpus, tmp_path):
    controller, terminal = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "geomap", "ingest", str(corpus), "--store",
                                str(tmp_path / "s.sqlite")], stdout=subprocess.PIPE, stderr=terminal)
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the process closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    process.wait(timeout=600)
    os.close(controller)
    text = shown.decode("utf-8", errors="replace")
    assert process.returncode == 0, text
    bars = [line for line in text.split("\r") if "articles · " in line]
    assert bars and all("/s · " in line and " events · " in line for line in bars)
    assert any(f"/{ARTICLES + 2:,} articles" in line and "ETA" in line for line in bars)  # counted ahead
    assert text.rstrip().splitlines()[-1].split("\x1b[K")[-1].startswith(f"geomap: {ARTICLES + 2:,} articles read")
