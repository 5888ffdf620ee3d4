"""Ctrl-C and SIGTERM put off through code that must not be cut midway."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Callable, Iterator

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def hold_stop_signals() -> Callable[[], None]:
    """Block Ctrl-C and SIGTERM in this thread, for the moments between making something and owning it (a pool's
    workers, a temporary file); returns the function that lets them through, and one held back arrives then.
    Where the platform has no signal masks (Windows), nothing is held."""
    if not hasattr(signal, "pthread_sigmask"):
        return lambda: None
    held = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    return lambda: signal.pthread_sigmask(signal.SIG_SETMASK, held)


@contextlib.contextmanager
def signals_between_steps() -> Iterator[Callable[[], None]]:
    """Ctrl-C and SIGTERM noted through the block and acted on, by the handlers in place, when the check function
    this yields is called between steps, and at the block's end. For code that an exception at any line would
    leave broken: matplotlib, cut while drawing, can fail with an error of its own instead of the interruption;
    the Dask client runs callbacks in the main thread (a garbage-collection hook), and an exception raised by the
    signal inside one of them is printed and lost, and the run goes on. Python runs signal handlers in the main
    thread only; elsewhere, and for a signal that is ignored, this changes nothing."""
    received: list[int] = []
    handlers = {}
    if threading.current_thread() is threading.main_thread():
        for number in STOP_SIGNALS:
            if signal.getsignal(number) not in (signal.SIG_IGN, None):
                handlers[number] = signal.signal(number, lambda number, frame: received.append(number))

    def check() -> None:
        while received:
            number = received.pop(0)
            if callable(handlers[number]):
                handlers[number](number, None)
            elif number == signal.SIGINT:
                raise KeyboardInterrupt()
            else:
                raise SystemExit(128 + number)

    try:
        yield check
        check()
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)
