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
from geomap.readers import Article, Report, read_articles
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
