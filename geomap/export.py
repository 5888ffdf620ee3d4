"""The event table as files: GeoJSON for GIS tools, CSV for spreadsheets and ACLED-style analysis."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import errno
import io
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import IO

from geomap.document import Document
from geomap.signals import hold_stop_signals, signals_between_steps
from geomap.table import COLUMNS, rows


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what Excel and LibreOffice read as the start of a formula


def to_geojson(docs: Document | Iterable[Document]) -> dict:
    """An RFC 7946 FeatureCollection: one Point per event, its table row as properties."""
    return {"type": "FeatureCollection", "features": list(_features(docs))}


def write_geojson(docs: Document | Iterable[Document], path: str | os.PathLike) -> None:
    """to_geojson's collection as json.dump(indent=1) writes it, a feature at a time from the events: a corpus's
    events are never all held as JSON objects or as a table at once."""
    atomic_write(path, lambda f: geojson_into(docs, f))


def geojson_into(docs: Document | Iterable[Document], f: IO[str]) -> int:
    """Write write_geojson's text into an open file; returns how many events it wrote."""
    f.write('{\n "type": "FeatureCollection",\n "features": [')
    written = _json_items(_features(docs), f, indent="  ")
    f.write("\n ]\n}" if written else "]\n}")
    return written


def records_into(docs: Document | Iterable[Document], f: IO[str]) -> int:
    """Write the events' table rows as a JSON array, as json.dumps(indent=1) writes it, a row at a time; returns how
    many events it wrote."""
    f.write("[")
    written = _json_items((feature["properties"] for feature in _features(docs)), f, indent=" ")
    f.write("\n]" if written else "]")
    return written


def _json_items(items: Iterable[dict], f: IO[str], indent: str) -> int:
    written = 0
    for item in items:
        f.write(",\n" if written else "\n")
        # split at "\n" alone: JSON leaves U+2028 and U+0085 in strings as they are, and splitlines splits there
        f.write("\n".join(indent + line for line in json.dumps(item, ensure_ascii=False, indent=1).split("\n")))
        written += 1
    return written


def _features(docs: Document | Iterable[Document]) -> Iterator[dict]:
    for row in rows(docs):
        properties = {key: value.isoformat() if isinstance(value, dt.date) else value for key, value in row.items()}
        point = [properties["longitude"], properties["latitude"]]
        yield {"type": "Feature", "geometry": {"type": "Point", "coordinates": point}, "properties": properties}


def to_csv(docs: Document | Iterable[Document]) -> str:
    """The event table as CSV. Lines end in CRLF, as RFC 4180 has them, so that a field holding a lone carriage return
    (scraped text has them) is quoted too: with a bare LF, spreadsheets and csv readers split the row there. Text
    starting like a formula (=, +, -, @, a tab or a carriage return) starts with a ', so a spreadsheet shows it as
    text rather than running it."""
    text = io.StringIO(newline="")
    csv_into(docs, text)
    return text.getvalue()


def write_csv(docs: Document | Iterable[Document], path: str | os.PathLike) -> int:
    """to_csv's text, written a row at a time from the events; returns how many events it wrote."""
    written = []
    atomic_write(path, lambda f: written.append(csv_into(docs, f)))
    return written[0]


def csv_into(docs: Document | Iterable[Document], f: IO[str]) -> int:
    """Write to_csv's text into an open file; returns how many events it wrote."""
    writer = csv.writer(f, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    events = 0
    for row in rows(docs):
        writer.writerow([_csv_cell(value) for value in row.values()])
        events += 1
    return events


def _csv_cell(value):
    """A cell as the CSV holds it: empty for none, ISO dates, numbers as they are, and text that a spreadsheet would
    run as a formula (from an article: a title, a sentence, an actor) after a ', as OWASP advises against CSV
    injection. The GeoJSON keeps the text as it is."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class OutputError(OSError):
    """An output file could not be written; it, and every file written together with it, is as it was."""


_together: ContextVar[list[tuple[str, Path]] | None] = ContextVar("geomap_written_together", default=None)


def atomic_write(path: str | os.PathLike, write: Callable[[IO[str]], object]) -> None:
    """Call write(file) on a temporary file beside path, then rename it over path: readers never see half a file, and
    an error or an interruption leaves the previous file as it was. Inside `written_together()` the rename waits
    for the block's end."""
    path = Path(path)
    tmp = None
    # Ctrl-C and SIGTERM are held back from the temporary file's making until it is named in `tmp`, which the
    # block below removes on any exception: one arriving as mkstemp returned left the file behind.
    release = hold_stop_signals()
    try:
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, "it is a folder", str(path))
        in_the_way = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
        if in_the_way is not None:
            raise NotADirectoryError(errno.ENOTDIR, f"{in_the_way} is a file, not a folder", str(path))
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        release()
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes it private; outputs are for sharing
        staged = _together.get()
        if staged is None:
            os.replace(tmp, path)
        else:
            staged.append((tmp, path))
    except BaseException as e:
        release()  # when the failure came before the file was made (letting them through twice changes nothing)
        if tmp is not None:
            with contextlib.suppress(FileNotFoundError):  # renamed already, when a signal came as the rename ended
                os.unlink(tmp)
        if isinstance(e, OSError):
            raise OutputError(e.errno, e.strerror or str(e), str(path)) from e
        raise


@contextlib.contextmanager
def written_together():
    """Files written with atomic_write in this block replace the previous ones only once the block has ended without
    an error, all within moments: a map never sits beside the tables of another run."""
    staged: list[tuple[str, Path]] = []
    token = _together.set(staged)
    try:
        yield
        with signals_between_steps():  # Ctrl-C between two renames would leave a map beside the last run's tables
            while staged:
                tmp, path = staged[0]
                os.replace(tmp, path)
                staged.pop(0)
    finally:
        _together.reset(token)
        for tmp, _ in staged:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
