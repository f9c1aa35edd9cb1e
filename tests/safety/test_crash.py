"""`factcheck fmt` killed with SIGKILL at any instant leaves the old bytes or the new ones.

Short profile: 20 kills. FACTCHECK_KILL_RUNS=200 (or more) for the long one.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from factcheck import store
from tests.safety.helpers import big_timeline, profile


def _non_canonical(path: Path) -> tuple[bytes, bytes]:
    """Write a large hand-edited (non-canonical) file; return its bytes and fmt's output."""
    canonical = store.dumps(big_timeline(2000)).encode("utf-8")
    edited = b"# edited by hand\n" + canonical.replace(b"status = ", b"status=")
    path.write_bytes(edited)
    return edited, canonical


def _fmt(path: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "factcheck", "fmt", str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_fmt_killed_at_random_instants_leaves_old_or_new(tmp_path: Path) -> None:
    runs = profile("FACTCHECK_KILL_RUNS", 20)
    path = tmp_path / "big.toml"
    old, new = _non_canonical(path)
    assert old != new
    started = time.monotonic()
    assert _fmt(path).wait() == 0  # one full run: how long fmt lives on this machine
    lifetime = time.monotonic() - started
    assert path.read_bytes() == new
    rng = random.Random(8)
    outcomes = {"old": 0, "new": 0}
    killed = 0
    for run in range(runs):
        path.write_bytes(old)
        child = _fmt(path)
        # Stratified instants over the whole life of the process (startup, load, write); the
        # first run kills at once, so at least one kill lands mid-run however busy the machine.
        if run:
            time.sleep(lifetime * 1.1 * (run + rng.random()) / runs)
        child.send_signal(signal.SIGKILL)
        killed += child.wait() == -signal.SIGKILL
        data = path.read_bytes()
        assert data in (old, new), f"run {run}: the file is neither the old nor the new bytes"
        outcomes["old" if data == old else "new"] += 1
        store.loads(data.decode("utf-8"), str(path))  # and it loads
    assert killed, "every fmt finished before its kill: the kills tested nothing"
    # A killed fmt may leave its temp file, and its lock file (which is not a lock: the kernel
    # released the flock; the next writer reuses and removes it).
    leftovers = [p.name for p in tmp_path.iterdir() if p.name not in ("big.toml", ".big.toml.lock")]
    assert all(name.startswith(".big.toml.") and name.endswith(".tmp") for name in leftovers)
    print(f"fmt kills: {runs} runs, {killed} killed mid-run, outcomes {outcomes}")
