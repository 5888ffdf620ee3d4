"""Articles from the files people have: text, Markdown and HTML files, folders of them, glob patterns, JSON Lines,
CSV and Parquet, read one article at a time. Whatever is wrong with a file or a line is reported in one line that
names it and says what to do, and reading goes on: a scraped archive's empty files, binaries, stray encodings and
broken rows lose only themselves."""

from __future__ import annotations

import csv
import datetime as dt
import glob
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO

# Later stages take time that grows faster than an article's length; at this size the worst inputs still take
# seconds (benchmarks/hostile_input.py). A larger article is refused without being read whole.
MAX_ARTICLE_BYTES = 200_000
# A JSON string may spell a character in 6 bytes (\u00e9): a record's line may be this long, and no longer.
MAX_RECORD_BYTES = 6 * MAX_ARTICLE_BYTES + 65_536
# A web page holds navigation, scripts and styles around its text: its file may be this much larger than an article.
MAX_HTML_BYTES = 10 * MAX_ARTICLE_BYTES
TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
RECORD_SUFFIXES = (".jsonl", ".csv", ".parquet")
ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + RECORD_SUFFIXES
TEXT_FIELDS = ("text", "body", "content")
PARQUET_BATCH = 256  # rows read from a Parquet file at a time
SNIFF_BYTES = 8192  # a file's first bytes, which tell text from binary
SHOWN_PER_FILE = 10  # problems told line by line for one file; after that they are only counted
SURROGATE = re.compile(r"[\ud800-\udfff]")  # JSON can escape half a character ("\ud800"), which no file can hold


@dataclass(frozen=True, slots=True)
class Article:
    """One article's text and what its file says about it."""

    text: str
    file: str  # as given, for messages
    line: int | None  # the record's line in the file
    name: str  # for outputs: the file's stem, or "corpus:12" for a record
    title: str = ""
    date: dt.date | None = None
    url: str = ""
    source: str = ""
    lang: str = ""  # the record's own language, when it names one


@dataclass(frozen=True, slots=True)
class Columns:
    """The names of a record's fields (JSON keys, CSV header names, Parquet columns; case is ignored): the text is in
    the first of `text` that is not empty."""

    text: tuple[str, ...] = TEXT_FIELDS
    title: str = "title"
    date: str = "date"
    url: str = "url"
    source: str = "source"
    language: str = "language"


@dataclass
class Report:
    """What a run made of its input: every article read is processed or skipped, and skipped ones are counted by
    reason. Problems are told as they are met, one line each (`say`), at most SHOWN_PER_FILE per file."""

    say: Callable[[str], None] = field(default=lambda line: print(line, file=sys.stderr, flush=True))
    processed: int = 0
    stored: int = 0  # of the processed, those found in the event store, not processed again
    events: int = 0
    skipped: Counter = field(default_factory=Counter)  # reason -> articles
    told: Counter = field(default_factory=Counter)  # file -> problems told
    # Counts and tells a problem: at once, unless a reader running ahead of the workers holds it back until the
    # articles read before it have been counted, so problems are told in the input's order.
    in_order: Callable[[Callable[[], None]], None] = field(default=lambda act: act())

    @property
    def read(self) -> int:
        return self.processed + sum(self.skipped.values())

    def skip(self, file: str, reason: str, message: str, line: int | None = None) -> None:
        """An article, or a whole file, left out; `reason` is the few words the summary counts it under."""
        def act():
            self.skipped[reason] += 1
            self._tell(file, line, message)
        self.in_order(act)

    def warn(self, file: str, message: str, line: int | None = None) -> None:
        self.in_order(lambda: self._tell(file, line, f"warning: {message}"))

    def _tell(self, file: str, line: int | None, message: str) -> None:
        self.told[file] += 1
        if self.told[file] <= SHOWN_PER_FILE:
            self.say(f"geomap: {file}{f':{line}' if line else ''}: {message}")
        elif self.told[file] == SHOWN_PER_FILE + 1:
            self.say(f"geomap: {file}: more problems; they are counted below, not shown")

    def summary(self) -> str:
        """"12 articles read: 10 processed, 2 skipped (1 empty, 1 not JSON); 31 events written"."""
        skipped = sum(self.skipped.values())
        reasons = ", ".join(f"{n:,} {reason}" for reason, n in self.skipped.most_common())
        stored = f" ({self.stored:,} already in the store)" if self.stored else ""
        return (f"{self.read:,} article{'s' * (self.read != 1)} read: {self.processed:,} processed{stored}, "
                f"{skipped:,} skipped{f' ({reasons})' if reasons else ''}; {self.events:,} "
                f"event{'s' * (self.events != 1)} written")


def read_articles(paths: Iterable[str], report: Report, columns: Columns = Columns()) -> Iterator[Article]:
    """The articles in the paths, in order: "-" is standard input, a folder holds article files (in subfolders too),
    a pattern ("news/*.jsonl", "archive/**/*.html") the files it matches, a .jsonl, .csv or .parquet file holds one
    article per line or row, an .html file is one web page's text, and any other file is one article."""
    for path in paths:
        try:
            if path == "-":
                yield from _text_article(sys.stdin.buffer, "stdin", "stdin", report)
                continue
            for file in files_named(path, report):
                yield from _read_file(file, str(file) if file != Path(path) else path, report, columns)
        except OSError as e:
            report.skip(path, "unreadable", f"{(e.strerror or str(e)).lower()}; check it is a file you may read")


def count_articles(paths: Iterable[str], columns: Columns = Columns()) -> int | None:
    """About how many articles the paths hold (records counted by their lines), for a progress bar to show how far
    a run is; None when one of them is standard input."""
    total = 0
    for path in paths:
        if path == "-":
            return None
        for file in files_named(path, Report(say=lambda line: None)):
            try:
                suffix = file.suffix.lower()
                if suffix == ".parquet":
                    import pyarrow.parquet as pq

                    total += pq.ParquetFile(file).metadata.num_rows
                elif suffix in (".jsonl", ".csv"):
                    with file.open("rb") as f:
                        total += sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b"")) - (
                            suffix == ".csv")
                else:
                    total += 1
            except Exception:  # noqa: BLE001 - a file the count cannot read is reported when it is read
                continue
    return total


def files_named(path: str, report: Report) -> list[Path]:
    """The files a path stands for: a folder's article files, a pattern's matches, or the file itself."""
    if Path(path).is_dir():
        files = _article_files(Path(path))
        if not files:
            report.skip(path, "no articles", f"no {either(ARTICLE_SUFFIXES)} files in this folder; give article files")
        return files
    if glob.has_magic(path) and not Path(path).exists():
        files = []
        for match in sorted(glob.glob(path, recursive=True)):
            files += _article_files(Path(match)) if Path(match).is_dir() else [Path(match)]
        if not files:
            report.skip(path, "no such file", "no file matches this pattern; check it")
        return files
    return [Path(path)]


def _article_files(folder: Path) -> list[Path]:
    """The article files in a folder and its subfolders, in name order; hidden ones left out."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [Path(root, f) for f in sorted(files)
                  if not f.startswith(".") and f.lower().endswith(ARTICLE_SUFFIXES)]
    return found


def _read_file(path: Path, where: str, report: Report, columns: Columns) -> Iterator[Article]:
    if not path.exists():
        report.skip(where, "no such file", "no such file; check the path")
        return
    stem = SURROGATE.sub("\ufffd", path.stem)  # a name in no encoding (b"caf\xe9") reaches the outputs readable
    with path.open("rb") as f:
        suffix = path.suffix.lower()
        if suffix == ".jsonl":
            yield from _jsonl_articles(f, where, stem, report, columns)
        elif suffix == ".csv":
            yield from _csv_articles(f, where, stem, report, columns)
        elif suffix == ".parquet":
            yield from _parquet_articles(f, where, stem, report, columns)
        elif suffix in HTML_SUFFIXES:
            yield from _html_article(f, where, stem, report)
        else:
            yield from _text_article(f, where, stem, report)


def _text_article(f: BinaryIO, where: str, name: str, report: Report) -> Iterator[Article]:
    """A whole file, or standard input, as one article."""
    data = f.read(MAX_ARTICLE_BYTES + 1)
    if len(data) > MAX_ARTICLE_BYTES:
        report.skip(where, "too large", _too_large(os.fstat(f.fileno()).st_size if f.seekable() else None))
        return
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    elif _binary(data):
        report.skip(where, "binary", "looks like a binary file, not text; give text articles (.txt, .md, .jsonl, "
                                     ".csv)")
        return
    else:
        text, encoding = _decode(data)
        if encoding:
            report.warn(where, f"not UTF-8, read as {encoding}; save it as UTF-8 if letters look wrong")
    if not text.strip():
        report.skip(where, "empty", "is empty; nothing to map")
        return
    yield Article(text, where, None, name)


def _binary(head: bytes) -> bool:
    """NUL bytes, or more than a few other control characters, in a file's first bytes: text has neither."""
    head = head[:SNIFF_BYTES]
    controls = sum(head.count(c) for c in range(32) if c not in b"\t\n\r\f\v\x1b")
    return b"\x00" in head or controls > len(head) / 20


def _decode(data: bytes) -> tuple[str, str]:
    """(text, "" or the encoding it was read in when not UTF-8): Windows-1252, or Latin-1, which reads any bytes.
    Old news archives are mostly one of these."""
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "Latin-1"


class LineTooLong(Exception):
    """A line longer than a record may be. It has been read past; the next line is read next."""


class _Lines:
    """A binary file's lines as text, numbered from 1 (`number` is the last one's), each held only up to `limit`
    bytes: a longer line raises LineTooLong and the lines go on after it. A file not in UTF-8 is warned about once."""

    def __init__(self, f: BinaryIO, where: str, report: Report, limit: int = MAX_RECORD_BYTES):
        self.f, self.where, self.report, self.limit = f, where, report, limit
        self.number, self.warned = 0, False

    def __iter__(self):
        return self

    def __next__(self) -> str:
        data = self.f.readline(self.limit + 1)
        if not data:
            raise StopIteration
        self.number += 1
        if len(data) > self.limit:
            while (rest := self.f.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            raise LineTooLong()
        text, encoding = _decode(data)
        if encoding and not self.warned:
            self.warned = True
            self.report.warn(self.where, f"not UTF-8 (line {self.number}), read as {encoding}; save it as UTF-8 "
                                         "if letters look wrong")
        return text


def _not_records(f, where: str, report: Report) -> bool:
    """Whether the file cannot hold records (and was reported): a binary, or UTF-16, which lines cannot be read in."""
    head = f.peek(SNIFF_BYTES)[:SNIFF_BYTES]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        report.skip(where, "not UTF-8", "is UTF-16; save it as UTF-8")
        return True
    if _binary(head):
        report.skip(where, "binary", "looks like a binary file, not text; give text articles (.txt, .md, .jsonl, "
                                     ".csv)")
        return True
    return False


def _jsonl_articles(f, where: str, stem: str, report: Report, columns: Columns) -> Iterator[Article]:
    """One article per line: a JSON object with the text in "text", "body" or "content", and optionally "title",
    "date", "url" and "source"."""
    if _not_records(f, where, report):
        return
    lines = _Lines(f, where, report)
    while True:
        try:
            line = next(lines)
        except StopIteration:
            return
        except LineTooLong:
            report.skip(where, "too large", _too_large(None), lines.number)
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line.rstrip("\r\n"))
        except json.JSONDecodeError as e:
            report.skip(where, "not JSON", f"not JSON ({e.msg.lower().removesuffix(' at')} at column {e.colno}); each "
                                           "line must be one JSON object", lines.number)
            continue
        if not isinstance(record, dict):
            report.skip(where, "not JSON", 'not a JSON object; each line must be one, {"text": ...}', lines.number)
            continue
        record = {str(key).lower(): value for key, value in record.items()}
        article = record_article(record, where, lines.number, f"{stem}:{lines.number}", report, columns)
        if article is not None:
            yield article


def _csv_articles(f, where: str, stem: str, report: Report, columns: Columns) -> Iterator[Article]:
    """One article per row under a header row that names a "text", "body" or "content" column, and optionally
    "title", "date", "url" and "source"; fields as Excel and Python's csv quote them."""
    if _not_records(f, where, report):
        return
    csv.field_size_limit(max(csv.field_size_limit(), MAX_RECORD_BYTES))
    lines = _Lines(f, where, report)
    rows = csv.reader(lines, strict=True)  # a quote left open is an error, not the rest of the file
    try:
        header = [name.strip().lower() for name in next(rows)]
    except (StopIteration, LineTooLong, csv.Error):
        header = []
    if not set(header) & {name.lower() for name in columns.text}:
        report.skip(where, "no text column", f"no {either(columns.text)} column in the header row (it has: "
                                             f"{', '.join(header)[:200] or 'nothing'}); {text_column_hint(columns)}")
        return
    while True:
        first = lines.number + 1  # the row's first line: a quoted field may hold line breaks
        try:
            row = next(rows)
        except StopIteration:
            return
        except LineTooLong:
            report.skip(where, "too large", _too_large(None), lines.number)
            continue
        except csv.Error as e:
            report.skip(where, "broken row", f"broken row ({e}); check its quotes", first)
            continue
        if not row:
            continue
        if len(row) != len(header):
            report.skip(where, "broken row", f"{len(row)} field{'s' * (len(row) != 1)} where the header has "
                                             f"{len(header)}; quote fields that hold commas", first)
            continue
        article = record_article(dict(zip(header, row)), where, first, f"{stem}:{first}", report, columns)
        if article is not None:
            yield article


def _parquet_articles(f: BinaryIO, where: str, stem: str, report: Report, columns: Columns) -> Iterator[Article]:
    """One article per row, the columns named as in a .csv file's header; read a few hundred rows at a time."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(f)
    except (pa.ArrowException, OSError) as e:
        report.skip(where, "not Parquet", f"cannot read it as Parquet ({one_line(e)}); give a .parquet file pyarrow "
                                          "writes")
        return
    names = table.schema_arrow.names
    if not {n.lower() for n in names} & {name.lower() for name in columns.text}:
        found = ", ".join(names)[:200] or "nothing"
        report.skip(where, "no text column",
                    f"no {either(columns.text)} column (it has: {found}); {text_column_hint(columns)}")
        return
    wanted = {name.lower() for name in (*columns.text, columns.title, columns.date, columns.url, columns.source,
                                        columns.language)}
    row = 0
    try:
        for batch in table.iter_batches(batch_size=PARQUET_BATCH, columns=[n for n in names if n.lower() in wanted]):
            for record in batch.to_pylist():
                row += 1
                article = record_article({k.lower(): v for k, v in record.items()}, where, row, f"{stem}:{row}",
                                          report, columns)
                if article is not None:
                    yield article
    except (pa.ArrowException, OSError) as e:
        report.skip(where, "broken row", f"cannot read on after row {row} ({one_line(e)}); the rows before it were "
                                         "read", row + 1)


def _html_article(f: BinaryIO, where: str, stem: str, report: Report) -> Iterator[Article]:
    """A web page's text, without its scripts, styles, navigation, header and footer; its headline, date, address and
    site from the page's <meta> tags when it has them."""
    data = f.read(MAX_HTML_BYTES + 1)
    if len(data) > MAX_HTML_BYTES:
        report.skip(where, "too large", f"{os.fstat(f.fileno()).st_size / 1e6:,.1f} MB, larger than a web page may be "
                                        f"({MAX_HTML_BYTES // 1_000_000:,} MB); save its article's text instead")
        return
    if _binary(data):
        report.skip(where, "binary", "looks like a binary file, not a web page")
        return
    text, encoding = _decode(data)
    if encoding:
        report.warn(where, f"not UTF-8, read as {encoding}; save it as UTF-8 if letters look wrong")
    page = _PageText()
    page.feed(text)
    page.close()
    body = page.text()
    if len(body.encode("utf-8", errors="replace")) > MAX_ARTICLE_BYTES:
        report.skip(where, "too large", _too_large(None))
        return
    if not body.strip():
        report.skip(where, "empty", "has no text outside scripts and navigation; nothing to map")
        return
    meta = page.meta
    day = meta.get("date", "")
    try:
        date = dt.date.fromisoformat(day[:10]) if day else None
    except ValueError:
        date = None  # a page's own metadata, not the user's: the dateline or --date dates it
    yield Article(SURROGATE.sub("\ufffd", body), where, None, stem, title=meta.get("title", ""), date=date,
                  url=meta.get("url", ""), source=meta.get("source", ""))


class _PageText(HTMLParser):
    """The text of a page as lines, one per block (paragraph, heading, list item), outside the elements that hold
    no article text; and the article's metadata from Open Graph and the usual <meta> names."""

    SKIPPED = {"script", "style", "nav", "header", "footer", "aside", "noscript", "template", "form", "svg",
               "iframe", "button", "select", "textarea"}
    BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "article", "section", "blockquote",
              "pre", "dd", "dt", "figcaption", "table", "ul", "ol", "main", "title"}
    META = {"og:title": "title", "twitter:title": "title", "article:published_time": "date", "date": "date",
            "pubdate": "date", "publishdate": "date", "dc.date": "date", "og:url": "url", "og:site_name": "source"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.meta: dict[str, str] = {}
        self.headline = ""
        self.in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = {key: value or "" for key, value in attrs}
        if tag == "meta":
            key = self.META.get((attrs.get("property") or attrs.get("name") or "").lower())
            if key and attrs.get("content", "").strip():
                self.meta.setdefault(key, " ".join(attrs["content"].split()))
        elif tag == "link" and "canonical" in attrs.get("rel", "").lower().split() and attrs.get("href"):
            self.meta.setdefault("url", attrs["href"].strip())
        if tag == "title":
            self.in_title = True
        elif tag in self.SKIPPED:
            self.skipping += 1
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        elif tag in self.SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.in_title:
            self.headline += data
        elif not self.skipping:
            self.parts.append(data)

    def text(self) -> str:
        self.meta.setdefault("title", " ".join(self.headline.split()))
        lines = (" ".join(line.split()) for line in "".join(self.parts).splitlines())
        return "\n".join(line for line in lines if line)


def record_article(record: dict, where: str, line: int, name: str, report: Report,
                   columns: Columns = Columns()) -> Article | None:
    """The article in one record (a JSON line, a CSV or Parquet row), or None, told to the report, when it has none."""
    text = next((record[key] for key in (k.lower() for k in columns.text) if record.get(key) not in (None, "")), None)
    if not isinstance(text, str):
        report.skip(where, "no text", f"no text: put the article in a field {either(columns.text)}, as a string", line)
        return None
    if len(text.encode("utf-8", errors="replace")) > MAX_ARTICLE_BYTES:
        report.skip(where, "too large", _too_large(None), line)
        return None
    if not text.strip():
        report.skip(where, "empty", "the text is empty; nothing to map", line)
        return None
    fields = {}
    for field_name in ("title", "date", "url", "source", "language"):
        value = record.get(getattr(columns, field_name).lower())
        fields[field_name] = SURROGATE.sub("\ufffd", str(value)).strip() if value is not None else ""
    return Article(SURROGATE.sub("\ufffd", text), where, line, name, title=fields["title"],
                   date=_record_date(fields["date"], where, line, report), url=fields["url"], source=fields["source"],
                   lang=re.split(r"[-_]", fields["language"].lower())[0])


def _record_date(value: str, where: str, line: int, report: Report) -> dt.date | None:
    """A record's date: 2024-10-22, or a timestamp that starts with one."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        report.warn(where, f"date {value[:40]!r} is not a date like 2024-10-22; the article is read without it", line)
        return None


def _too_large(size: int | None) -> str:
    return (f"{f'{size / 1e6:,.1f} MB, ' if size else ''}larger than an article may be "
            f"({MAX_ARTICLE_BYTES // 1000:,} KB); split it into articles, one file each or one per line of a .jsonl")


def either(words: tuple[str, ...]) -> str:
    """ "text, body or content", for messages."""
    return ", ".join(words[:-1]) + " or " + words[-1] if len(words) > 1 else words[0]


def text_column_hint(columns: Columns) -> str:
    """What to do when no text column is found, for messages."""
    return "name the articles' column text" if columns.text == TEXT_FIELDS else "give its name with --text-column"


def one_line(error: Exception) -> str:
    """An error's message in one line of at most 200 characters, for the report."""
    return " ".join(str(error).split())[:200]
