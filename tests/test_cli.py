"""The geomap command as a user runs it: real processes, one-line errors, a report at the end, exit codes."""

import json
import subprocess
import sys


def run(*args, cwd=None, stdin=None):
    return subprocess.run([sys.executable, "-m", "geomap", *args], capture_output=True, text=True, cwd=cwd,
                          input=stdin, timeout=300)


def test_map_of_the_bundled_examples(tmp_path):
    r = run("map", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    html = tmp_path / "output" / "geomap.html"
    assert html.exists() and (tmp_path / "output" / "geomap.geojson").exists()
    features = json.loads((tmp_path / "output" / "geomap.geojson").read_text())["features"]
    assert r.stdout.splitlines()[0] == "map: output/geomap.html"
    assert r.stderr.splitlines() == [
        f"geomap: 2 articles read: 2 processed, 0 skipped; {len(features)} events written"]


def test_extract_the_seed_as_geojson_from_stdin(seed_text):
    r = run("extract", "-", "--date", "2024-10-22", stdin=seed_text)
    assert r.returncode == 0, r.stderr
    assert len(json.loads(r.stdout)["features"]) == 9
    assert r.stderr == "geomap: 1 article read: 1 processed, 0 skipped; 9 events written\n"


def test_extract_writes_a_file(tmp_path, seed_text):
    (tmp_path / "seed.txt").write_text(seed_text, encoding="utf-8")
    r = run("extract", str(tmp_path / "seed.txt"), "--date", "2024-10-22", "--format", "csv", "-o",
            str(tmp_path / "events.csv"))
    assert r.returncode == 0, r.stderr
    assert r.stdout == f"events: {tmp_path / 'events.csv'}\n"
    assert len((tmp_path / "events.csv").read_text(encoding="utf-8").splitlines()) == 1 + 9


def test_bad_input_gets_one_line_and_exit_status_1(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x7fELF\x00\x00\x01\x02" * 50)
    (tmp_path / "german.txt").write_text("Dies ist ein kurzer deutscher Satz über gar nichts Besonderes.")
    (tmp_path / "nothing").mkdir()
    for name, says in (("missing.txt", "no such file; check the path"),
                       ("empty.txt", "is empty; nothing to map"),
                       ("binary.txt", "looks like a binary file, not text; give text articles"),
                       ("german.txt", "none of the supported languages (id, en); if it is one of them, say which "
                                      "with --lang"),
                       ("nothing", "no .txt, .md, .html, .htm, .jsonl, .csv or .parquet files in this folder; "
                                   "give article files")):
        r = run("extract", str(tmp_path / name))
        assert r.returncode == 1 and r.stdout == ""
        problem, report = r.stderr.splitlines()
        assert problem.startswith(f"geomap: {tmp_path / name}: ") and says in problem
        assert report.startswith("geomap: 1 article read: 0 processed, 1 skipped (1 ") and report.endswith(
            "); 0 events written")


def test_bad_options_get_one_line_and_exit_status_2(tmp_path):
    for args, says in ((["--lang", "fr"], "argument --lang: invalid choice: 'fr' (choose from 'id', 'en')"),
                       (["--date", "2024-02-30"], "argument --date: '2024-02-30' is no day of the calendar"),
                       (["--date", "22/10/2024"], "argument --date: '22/10/2024' is not a date like 2024-10-22"),
                       (["-o", str(tmp_path)], f"argument -o/--output: '{tmp_path}' is a folder; give a file's "
                                               "name, like output/week.html")):
        r = run("extract", "article.txt", *args)
        assert r.returncode == 2
        assert r.stderr == f"geomap extract: {says}; see geomap extract --help\n"


def test_help_documents_the_exit_statuses():
    for command in ("map", "extract"):
        text = " ".join(run(command, "--help").stdout.split())
        assert "Exit status: 0 every article was processed; 3 some were and some were skipped" in text
        assert "1 none was, or an output could not be written; 2 a bad option; 130 interrupted" in text


def test_geocode_and_reverse():
    r = run("geocode", "Tepi Barat")
    assert r.returncode == 0 and "West Bank" in r.stdout
    r = run("reverse", "-6.2", "106.8")
    assert r.returncode == 0 and "Jakarta" in r.stdout
    assert run("geocode", "Hamas").returncode == 1
    r = run("reverse", "91", "0")
    assert r.returncode == 1 and r.stderr == (
        "geomap: 91.0, 0.0 is not a coordinate (latitude -90..90, longitude -180..180)\n")
