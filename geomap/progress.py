"""How far a long run is: on a terminal a one-line bar (articles, articles/s, events, ETA) redrawn in place; elsewhere
(a log, a CI runner) a quiet line now and then."""

from __future__ import annotations

import sys
import time
from collections import deque
from typing import TextIO

REDRAW_SECONDS = 0.2
LOG_SECONDS = 60.0
RATE_SECONDS = 20.0  # the rate is of the last this many seconds, so the ETA follows a change of pace
BAR_WIDTH = 24


class Progress:
    """Count articles and events with `advance`; print other lines with `say`, which keeps the bar below them."""

    def __init__(self, stream: TextIO | None = None, *, total: int | None = None):
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.total = total  # may be set later, when counted
        self.done = self.events = 0
        self.start = time.monotonic()
        self.last = self.start
        self.samples: deque[tuple[float, int]] = deque([(self.start, 0)])
        self.drawn = False

    def advance(self, articles: int = 1, events: int = 0) -> None:
        now = time.monotonic()
        if not self.done:  # time counts from the first article: loading the gazetteer is no part of the rate
            self.start = self.last = now
            self.samples = deque([(now, 0)])
        self.done += articles
        self.events += events
        if now - self.last >= (REDRAW_SECONDS if self.tty else LOG_SECONDS):
            self.last = now
            self.samples.append((now, self.done))
            while now - self.samples[0][0] > RATE_SECONDS and len(self.samples) > 2:
                self.samples.popleft()
            if self.tty:
                self._write("\r" + self.line() + "\x1b[K")
                self.drawn = True
            else:
                self._write(f"geomap: {self.line()}\n")

    def say(self, line: str) -> None:
        self.clear()
        self._write(line + "\n")

    def clear(self) -> None:
        if self.drawn:
            self._write("\r\x1b[K")
            self.drawn = False

    def rate(self) -> float:
        (t0, n0), (t1, n1) = self.samples[0], self.samples[-1]
        return (n1 - n0) / (t1 - t0) if t1 > t0 else 0.0

    def line(self) -> str:
        rate = self.rate()
        total = self.total if self.total and self.total >= self.done else None
        parts = [f"{self.done:,}{f'/{total:,}' if total else ''} articles", f"{rate:,.0f}/s",
                 f"{self.events:,} events", _clock(time.monotonic() - self.start)]
        if total:
            filled = round(BAR_WIDTH * self.done / total)
            parts.insert(0, f"{100 * self.done // total:3d}%" + (f" {'█' * filled}{'░' * (BAR_WIDTH - filled)}"
                                                                 if self.tty else ""))
            if rate:
                parts.append(f"ETA {_clock((total - self.done) / rate)}")
        return " · ".join(parts)

    def _write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
