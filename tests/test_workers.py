"""The worker pool starts and stops cleanly however early a run ends, with the command's own signal handlers set."""

import subprocess
import sys

# The command's SIGTERM handler is set before the pool forks its workers, as in `geomap map`; a run is stopped after
# its first result (Ctrl-C, or a reader that stops early), then run whole; and an empty input starts no pool.
SCRIPT = """
import signal
from geomap.cli import _terminate
from geomap.readers import Article
from geomap.workers import process_all

signal.signal(signal.SIGTERM, _terminate)
articles = [Article(text="Banjir melanda Bekasi, Jawa Barat.", file="t", line=i, name="t") for i in range(3)]
for _ in range(30):
    stopped = process_all(iter(articles), jobs=2)
    next(stopped)
    stopped.close()
    assert [r.status for r in process_all(iter(articles), jobs=2, lang="id")] == ["processed"] * 3
    assert list(process_all(iter([]), jobs=2)) == []
"""


def test_pool_never_hangs_when_a_run_ends_early():
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr[-2000:]


# A real Ctrl-C, sent as the pool's teardown (multiprocessing's _terminate_pool) begins.
TEARDOWN_SCRIPT = """
import os, signal, sys
from geomap.readers import Article
from geomap.workers import process_all

unraisable = []
sys.unraisablehook = unraisable.append

def interrupt_the_teardown(frame, event, arg):
    if event == "call" and frame.f_code.co_name == "_terminate_pool":
        os.kill(os.getpid(), signal.SIGINT)

articles = [Article(text="Banjir melanda Bekasi, Jawa Barat.", file="t", line=i, name="t") for i in range(3)]
sys.setprofile(interrupt_the_teardown)
try:
    results = list(process_all(iter(articles), jobs=2, lang="id"))
except KeyboardInterrupt:
    results = None
sys.setprofile(None)
assert not unraisable, [u.exc_value for u in unraisable]
assert results is None, "the Ctrl-C was lost"
"""


def test_ctrl_c_while_the_pool_is_torn_down_stops_the_run():
    """Left to the garbage collector, the pool's teardown runs as a weakref callback: a Ctrl-C inside it was printed
    as "Exception ignored" with a traceback (and "release unlocked lock"), and lost."""
    done = subprocess.run([sys.executable, "-c", TEARDOWN_SCRIPT], capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stderr == ""
