"""Shared fixtures: the real seed article and the bundled examples, through the real pipeline."""

import datetime as dt
from pathlib import Path

import pytest

import geomap
from geomap.cli import bundled_examples

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seeds" / "000_df7e37c010f0a078.txt"
SEED_DATE = dt.date(2024, 10, 22)  # Tribunnews, Tuesday 22 October 2024


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"the seed article is not at {SEED}")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_doc(seed_text):
    return geomap.parse(seed_text, published=SEED_DATE, name="seed", title="Blinken meets Netanyahu")


@pytest.fixture(scope="session")
def example_docs():
    return [geomap.parse(p.read_text(encoding="utf-8"), name=p.stem) for p in bundled_examples()]


@pytest.fixture(scope="session")
def gazetteer():
    from geomap.pipeline import default_gazetteer

    return default_gazetteer()
