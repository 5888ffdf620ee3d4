"""The per-article function every engine calls: plain, picklable results whose rows rebuild the outputs exactly."""

import dataclasses
import datetime as dt
import json
import pickle
from pathlib import Path

import pytest

import geomap
from geomap.cli import bundled_examples
from geomap.corpus import GEOMAP_FAILED, NOT_READ_LANGUAGE, article_key, document_of, process_article
from geomap.readers import Article, Columns, Report, read_articles
from geomap.table import to_frame

NEWS = Path(__file__).resolve().parents[2] / "shared" / "data" / "id" / "news" / "detik_2025_dev.jsonl"


def news_articles(n: int) -> list[Article]:
    if not NEWS.exists():
        pytest.skip(f"the shared news corpus is not at {NEWS}")
    return list(read_articles([str(NEWS)], Report()))[:n]


def example_articles() -> list[Article]:
    return list(read_articles([str(p) for p in bundled_examples()], Report()))


def test_rows_rebuild_the_table_of_the_parsed_article():
    articles = example_articles() + news_articles(60)
    events = 0
    for article in articles:
        result = process_article(article)
        assert result.processed and result.message == ""
        doc = geomap.parse(article.text, title=article.title, source=article.source, url=article.url,
                           name=article.name, published=article.date)
        assert to_frame(document_of(result)).equals(to_frame(doc)), article.name
        assert [m["text"] for m in result.mentions] == [m.text for m in doc.mentions]
        events += len(result.events)
    assert events >= 20  # the rows held real events, not only empty tables


def test_results_are_picklable_json_able_and_deterministic():
    article = example_articles()[0]
    result = process_article(article)
    assert pickle.loads(pickle.dumps(result)) == result
    assert json.loads(json.dumps(dataclasses.asdict(result)))["events"] == list(result.events)
    assert result.date == "2025-11-03"  # the dateline's date ("JAKARTA, Senin (3/11/2025)")
    assert {row["category"] for row in result.events} >= {"disaster", "protest"}
    assert process_article(article) == result


def test_the_key_changes_with_what_changes_the_output():
    article = example_articles()[0]
    key = article_key(article)
    assert key == process_article(article).key
    assert article_key(dataclasses.replace(article, text=article.text + " ")) != key
    assert article_key(article, default_date=dt.date(2025, 1, 1)) != key
    assert article_key(dataclasses.replace(article, url="https://example.org/a")) != key
    assert article_key(article, lang="id") != key
    dated = dataclasses.replace(article, date=dt.date(2025, 1, 1))
    assert article_key(dated, default_date=dt.date(2020, 5, 5)) == article_key(dated)  # its own date wins


def test_an_article_geomap_cannot_read_is_a_result_not_an_exception():
    article = dataclasses.replace(example_articles()[0], lang="fr")
    result = process_article(article)
    assert (result.status, result.events) == (NOT_READ_LANGUAGE, ())
    assert "fr" in result.message and "\n" not in result.message
    assert GEOMAP_FAILED != NOT_READ_LANGUAGE


def test_a_web_page_is_read_without_its_scripts_and_navigation(tmp_path):
    flood = bundled_examples()[0].read_text(encoding="utf-8")
    headline, body = flood.split("\n", 1)
    paragraphs = "".join(f"<p>{line}</p>\n" for line in body.splitlines())
    (tmp_path / "page.html").write_text(f"""<!doctype html><html><head><title>Portal | {headline}</title>
<meta property="og:title" content="{headline}"><meta property="article:published_time" content="2025-11-03T08:00:00+07:00">
<meta property="og:site_name" content="Kabar Contoh"><link rel="canonical" href="https://kabar.example/banjir">
<script>var city = "Medan"; document.write("<p>Palembang</p>");</script><style>p::after {{ content: "Bali" }}</style>
</head><body><header><nav><a href="/">Pontianak</a> <a href="/x">Manado</a></nav></header>
<article><h1>{headline}</h1>\n{paragraphs}</article><aside>Terpopuler: Banjir di Semarang</aside>
<footer>Kantor: Balikpapan</footer></body></html>""", encoding="utf-8")
    report = Report()
    [article] = read_articles([str(tmp_path / "page.html")], report)
    assert article.text.splitlines() == flood.splitlines()
    assert (article.title, article.date, article.url, article.source) == (
        headline, dt.date(2025, 11, 3), "https://kabar.example/banjir", "Kabar Contoh")
    from_page = process_article(article)
    from_text = process_article(dataclasses.replace(article, text=flood))
    assert from_page.events == from_text.events and from_page.events


def test_parquet_rows_and_named_columns_read_as_the_same_articles(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    records = [json.loads(line) for line in NEWS.read_text(encoding="utf-8").splitlines()[:30]] if NEWS.exists() \
        else pytest.skip(f"the shared news corpus is not at {NEWS}")
    from_jsonl = news_articles(30)
    renamed = [{"isi": r["body"], "judul": r.get("title"), "tanggal": r.get("date"), "alamat": r.get("url"),
                "source": r.get("source")}
               for r in records]
    pq.write_table(pa.Table.from_pylist(renamed), tmp_path / "detik_2025_dev.parquet", row_group_size=7)
    columns = Columns(text=("isi",), title="judul", date="tanggal", url="alamat")
    report = Report()
    from_parquet = list(read_articles([str(tmp_path / "*.parquet")], report, columns))
    assert report.read == 0 and len(from_parquet) == 30  # a pattern, rows across row groups
    assert [(a.text, a.title, a.date, a.url, a.line) for a in from_parquet] == [
        (a.text, a.title, a.date, a.url, a.line) for a in from_jsonl]
    assert [process_article(a).events for a in from_parquet[:10]] == [process_article(a).events
                                                                     for a in from_jsonl[:10]]

    said = []
    list(read_articles([str(tmp_path / "detik_2025_dev.parquet")], Report(say=said.append)))
    assert said == [f"geomap: {tmp_path / 'detik_2025_dev.parquet'}: no text, body or content column (it has: isi, "
                    "judul, tanggal, alamat, source); name the articles' column text"]
    (tmp_path / "broken.parquet").write_bytes(b"PAR1 not really")
    said = []
    assert list(read_articles([str(tmp_path / "broken.parquet"), str(tmp_path / "none*.jsonl")],
                              Report(say=said.append))) == []
    assert said[0].startswith(f"geomap: {tmp_path / 'broken.parquet'}: cannot read it as Parquet (")
    assert said[1] == f"geomap: {tmp_path / 'none*.jsonl'}: no file matches this pattern; check it"


def test_a_record_names_its_language(tmp_path):
    flood = bundled_examples()[0].read_text(encoding="utf-8")
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps({"Text": flood, "Language": "id-ID"}) + "\n" + json.dumps({"text": flood,
                                                                                           "language": "fr"}) + "\n")
    indonesian, french = read_articles([str(path)], Report())
    assert (indonesian.lang, french.lang) == ("id", "fr")  # keys in any case
    assert process_article(indonesian).processed
    assert process_article(french).status == NOT_READ_LANGUAGE
