"""The event table as files: GeoJSON for GIS tools, CSV for spreadsheets and ACLED-style analysis."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO

import pandas as pd

from geomap.document import Document
from geomap.table import to_frame


def to_geojson(docs: Document | Iterable[Document]) -> dict:
    """An RFC 7946 FeatureCollection: one Point per event, its table row as properties."""
    features = []
    for row in to_frame(docs).to_dict("records"):
        properties = {key: _json_value(value) for key, value in row.items()}
        point = [properties["longitude"], properties["latitude"]]
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": point},
                         "properties": properties})
    return {"type": "FeatureCollection", "features": features}


def write_geojson(docs: Document | Iterable[Document], path: str | os.PathLike) -> None:
    collection = to_geojson(docs)
    atomic_write(path, lambda f: json.dump(collection, f, ensure_ascii=False, indent=1))


def write_csv(docs: Document | Iterable[Document], path: str | os.PathLike) -> None:
    frame = to_frame(docs)
    atomic_write(path, lambda f: frame.to_csv(f, index=False))


def atomic_write(path: str | os.PathLike, write: Callable[[IO[str]], object]) -> None:
    """Call write(file) on a temporary file beside path, then rename it over path: readers never see half a file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes it private; outputs are for sharing
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def _json_value(value):
    """Plain JSON values from pandas cells: null for every kind of missing, ISO dates, Python numbers."""
    if pd.isna(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return value.item() if hasattr(value, "item") else value
