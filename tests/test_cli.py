"""The geomap command as a user runs it: real processes, one-line errors, exit codes."""

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
    assert str(len(features)) in r.stdout.splitlines()[0]


def test_extract_the_seed_as_geojson_from_stdin(seed_text):
    r = run("extract", "-", "--date", "2024-10-22", stdin=seed_text)
    assert r.returncode == 0, r.stderr
    assert len(json.loads(r.stdout)["features"]) == 9


def test_bad_input_gets_one_line_and_nonzero_exit(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x7fELF\x00\x00\x01\x02" * 50)
    (tmp_path / "german.txt").write_text("Dies ist ein kurzer deutscher Satz über gar nichts Besonderes.")
    for name in ("missing.txt", "empty.txt", "binary.txt", "german.txt"):
        r = run("extract", str(tmp_path / name))
        assert r.returncode == 1
        assert len(r.stderr.strip().splitlines()) == 1 and name in r.stderr and "Traceback" not in r.stderr
    r = run("extract", "x.txt", "--date", "2024-13-40")
    assert r.returncode == 2 and "Traceback" not in r.stderr


def test_geocode_and_reverse():
    r = run("geocode", "Tepi Barat")
    assert r.returncode == 0 and "West Bank" in r.stdout
    r = run("reverse", "-6.2", "106.8")
    assert r.returncode == 0 and "Jakarta" in r.stdout
    assert run("geocode", "Hamas").returncode == 1
