"""Articles through process_article on every core of one machine, streaming: results come back in the articles'
order, and only a few batches are in flight at a time, so memory stays flat however long the input is."""

from __future__ import annotations

import ctypes
import datetime as dt
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice

from geomap.corpus import ArticleResult, code_fingerprint, process_article
from geomap.readers import Article
from geomap.signals import STOP_SIGNALS, hold_stop_signals, signals_between_steps

BATCH = 32  # articles sent to a worker at once: a few tenths of a second of work, so the pipes are never the cost
IN_FLIGHT = 3  # batches per worker sent ahead: workers never wait, and the parent holds only this many
ORPHAN_CHECK_SECONDS = 1.0
PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent dies


def default_jobs() -> int:
    """The cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def process_all(articles: Iterable[Article], *, jobs: int, lang: str | None = None,
                default_date: dt.date | None = None) -> Iterator[ArticleResult]:
    """process_article of each article, in order, in `jobs` worker processes (1: in this one). Close the iterator
    (or let an exception pass through it) to stop the workers."""
    if jobs <= 1:
        for article in articles:
            yield process_article(article, lang=lang, default_date=default_date)
        return
    articles = iter(articles)
    batch = list(islice(articles, BATCH))
    if not batch:
        return
    _warm()
    pool = _start_pool(jobs)
    try:
        pending: deque = deque()
        while batch:
            pending.append(pool.apply_async(_process_batch, (batch, lang, default_date)))
            while len(pending) >= IN_FLIGHT * jobs:
                yield from pending.popleft().get()
            batch = list(islice(articles, BATCH))
        while pending:
            yield from pending.popleft().get()
        pool.close()  # the workers finish and leave; terminate() is for stopping them midway
    except BaseException:
        pool.terminate()
        raise
    finally:
        # The pool's teardown, run here with Ctrl-C and SIGTERM held back: left to the garbage collector, it runs
        # as a weakref callback, where a signal is printed as an ignored exception and lost, and the run goes on.
        with signals_between_steps():
            pool.join()
            pool.terminate()


def _start_pool(jobs: int):
    """A pool of `jobs` workers. Ctrl-C and SIGTERM are held back while they are forked: a worker must not get
    one before _worker_start has set how it takes them, or it runs the parent's handler and hangs the pool's
    shutdown (a run over a missing file hung once in twenty that way)."""
    # fork shares the loaded gazetteer with the workers (copy-on-write) instead of loading it once in each
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    release = hold_stop_signals()
    try:
        return context.Pool(jobs, initializer=_worker_start)
    finally:
        release()


def _warm() -> None:
    """Load in the parent what every worker needs, before the workers are forked from it."""
    from geomap.pipeline import default_gazetteer
    from geomap.table import _countries

    default_gazetteer()
    _countries()
    code_fingerprint()


def _worker_start() -> None:
    """Ctrl-C reaches the whole process group: the parent alone handles it, and stops the workers; SIGTERM ends a
    worker at once; and a worker whose parent was killed (kill -9) ends with it, instead of waiting for work forever
    or telling of the broken pipe it would send its results down."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):  # held back while the pool forked this worker
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    else:
        threading.Thread(target=_end_with_parent, args=(os.getppid(),), daemon=True).start()


def _end_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(ORPHAN_CHECK_SECONDS)
    os._exit(1)


def _process_batch(batch: list[Article], lang: str | None, default_date: dt.date | None) -> list[ArticleResult]:
    return [process_article(article, lang=lang, default_date=default_date) for article in batch]
