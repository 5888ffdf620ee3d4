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
