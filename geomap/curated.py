"""The project's curated data files (gazetteer/*.tsv), read without loading the gazetteer itself: the language
of a text and the command's options need them before any place does."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def curated_dir() -> Path:
    """The project's curated gazetteer files (installed as package data, or the repo's gazetteer/)."""
    return Path(str(resources.files("geomap.gazetteer_data")))


def read_tsv(name: str) -> list[list[str]]:
    """Rows of a curated file, header and comments dropped, short rows padded."""
    rows = []
    lines = (curated_dir() / name).read_text(encoding="utf-8").splitlines()
    width = len(lines[0].lstrip("# ").split("\t"))
    for line in lines[1:]:
        if line.strip() and not line.startswith("#"):
            cells = [c.strip() for c in line.split("\t")]
            rows.append(cells + [""] * (width - len(cells)))
    return rows
