"""The evaluation code itself, on tiny corpora written for these tests (tests/data/) whose answers are known."""

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from geomap.evaluate import WORST_KM, CorpusError, error_auc, evaluate, overlap_matches, prf, read_corpus

DATA = Path(__file__).parent / "data"


def test_precision_recall_f1():
    assert prf(3, 4, 6) == pytest.approx((0.75, 0.5, 0.6))
    assert prf(0, 0, 5) == (0.0, 0.0, 0.0)


def test_overlap_pairs_each_predicted_span_once():
    # two gold spans overlap one predicted span: only the first gets it
    assert overlap_matches([(0, 10)], [(0, 4), (5, 10)]) == {0: 0}
    assert overlap_matches([(0, 4), (6, 9)], [(2, 7), (8, 12)]) == {0: 0, 1: 1}
    assert overlap_matches([(0, 4)], [(4, 8)]) == {}  # touching is not overlapping


def test_error_auc_runs_from_exact_to_worst():
    assert error_auc([0.0, 0.0]) == 0.0
    assert error_auc([WORST_KM, WORST_KM]) == pytest.approx(1.0)
    # sorted scaled log errors 0, log(101)/log(20040), 1: trapezoids average them pairwise
    mid = math.log(101) / math.log(1 + WORST_KM)
    assert error_auc([WORST_KM, 0.0, 100.0]) == pytest.approx(((0 + mid) / 2 + (mid + 1) / 2) / 2)


def test_lgl_format_counts_every_toponym_and_points_only_with_gaztag():
    corpus = read_corpus(DATA / "tiny_lgl.xml")
    assert corpus.lang == "en" and corpus.has_points
    toponyms = [t for d in corpus.documents for t in d.toponyms]
    assert len(toponyms) == 4
    assert sum(t.has_point for t in toponyms) == 3
    assert corpus.documents[0].text[51:61] == "Zzyzxville"


def test_lgl_scores_on_known_answers():
    s = evaluate(read_corpus(DATA / "tiny_lgl.xml"))
    # Jakarta, Paris and Lyon found (Zzyzxville is in no gazetteer); the gold point given for
    # Lyon is in Australia, so Lyon counts as found but misplaced.
    assert (s.gold_toponyms, s.gold_with_points) == (4, 3)
    assert s.recall == pytest.approx(3 / 4)
    assert s.end_to_end_acc161 == pytest.approx(2 / 3)
    assert s.given_spans_acc161 == pytest.approx(2 / 3)
    assert s.given_spans_median_km < 20  # Jakarta and Paris placed on their gold points
    assert s.given_spans_mean_km > 5000  # Lyon, France is 17,000 km from the Australian point
    assert s.docs_per_second > 0


def test_gwn_format_keeps_place_types_and_skips_mismatched_spans():
    corpus = read_corpus(DATA / "tiny_gwn.xml")
    (doc,) = corpus.documents
    # "The city" is an expression, not a toponym; the third span does not match its text
    assert [(t.start, t.end) for t in doc.toponyms] == [(13, 21)]
    s = evaluate(corpus)
    assert s.recall == 1.0 and s.end_to_end_acc161 == 1.0 and s.given_spans_acc161 == 1.0


def test_iob_format_joins_tokens_and_multiword_locations():
    corpus = read_corpus(DATA / "tiny_iob.txt")
    assert corpus.lang == "id" and not corpus.has_points
    spans = [d.text[t.start:t.end] for d in corpus.documents for t in d.toponyms]
    assert spans == ["Bekasi", "Kota Bandung", "Papua Barat"]
    s = evaluate(corpus)
    assert s.gold_toponyms == 3 and s.end_to_end_acc161 is None


def test_iob_spans_leave_out_marks_glued_to_a_token(tmp_path):
    """A tokenizer that kept "(Australia)" or "Indonesia?" whole puts the marks in the gold span; they are no part of
    the name, nor is the prefix of "se-Sulawesi Selatan" (all of it), but a bracket the span opens and closes is
    ("Kantor Kementerian Sosial (Kemensos)")."""
    lines = ["Chan O", "(Australia) B-LOC", "dan O", "Salami O", "(Nigeria) B-LOC", "ke O", "Indonesia? B-LOC",
             "warga O", "negara O", "Ghana) B-LOC", "di O", "Kantor B-LOC", "Sosial I-LOC", "(Kemensos) I-LOC",
             "PAN O", "se-Sulawesi B-LOC", "Selatan I-LOC", ""]
    path = tmp_path / "glued.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    (doc,) = read_corpus(path).documents
    assert [doc.text[t.start:t.end] for t in doc.toponyms] == [
        "Australia", "Nigeria", "Indonesia", "Ghana", "Kantor Sosial (Kemensos)", "Sulawesi Selatan"]


def test_unreadable_corpus_is_refused(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text("<articles><article><toponym><gaztag>", encoding="utf-8")
    with pytest.raises(CorpusError, match="not well-formed"):
        read_corpus(bad)
    with pytest.raises(CorpusError, match="no such file"):
        read_corpus(tmp_path / "missing.xml")
    prose = tmp_path / "article.txt"
    prose.write_text("Banjir melanda Bekasi.\nWarga mengungsi.\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="line 1: expected 'token ... tag'"):
        read_corpus(prose)


def test_cli_prints_table_and_json():
    run = subprocess.run([sys.executable, "-m", "geomap", "evaluate", str(DATA / "tiny_lgl.xml"),
                          str(DATA / "tiny_iob.txt"), "--json"], capture_output=True, text=True, check=True)
    results = json.loads(run.stdout)
    assert [r["corpus"] for r in results] == ["tiny_lgl", "tiny_iob"]
    assert results[0]["gold_with_points"] == 3
    run = subprocess.run([sys.executable, "-m", "geomap", "evaluate", str(DATA / "tiny_lgl.xml")],
                         capture_output=True, text=True, check=True)
    assert "recognition F1 (exact)" in run.stdout and "given spans acc@161" in run.stdout
    run = subprocess.run([sys.executable, "-m", "geomap", "evaluate", str(DATA / "nothing.xml")],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 1 and run.stderr.count("\n") == 1 and "no such file" in run.stderr
