"""A save killed at any instant leaves the old file or the new one, never a broken one.

FACTCHECK_KILL_RUNS sets the number of kills (a short profile by default, for CI).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import attrs

from factcheck import model, store

SAVER = textwrap.dedent(
    """
    import sys, attrs
    from factcheck import store
    path = sys.argv[1]
    base = store.load(path).timeline
    versions = [attrs.evolve(base, title=f"version {n}") for n in range(2)]
    sys.stdout.write("ready\\n"); sys.stdout.flush()
    n = 0
    while True:
        store.save(path, versions[n % 2])
        n += 1
    """
)


def _big_timeline(claims: int) -> model.Timeline:
    events = tuple(model.Event(id=f"e{n}", title="event " * 20, date="2020-02-04")
                   for n in range(claims // 5))  # fmt: skip
    return model.Timeline(
        id="big",
        title="original",
        events=events,
        claims=tuple(
            model.Claim(id=f"c{n}", event=f"e{n // 5}", text="claim text ✓ " * 30)
            for n in range(claims)
        ),
    )


def test_sigkill_during_save_never_leaves_a_broken_file(tmp_path: Path) -> None:
    runs = int(os.environ.get("FACTCHECK_KILL_RUNS", "15"))
    path = tmp_path / "big.toml"
    store.save(path, _big_timeline(3000))
    original = store.load(path).timeline
    allowed = {"original", "version 0", "version 1"}
    rng = random.Random(2020)
    titles = set()
    for _ in range(runs):
        child = subprocess.Popen(
            [sys.executable, "-c", SAVER, str(path)], stdout=subprocess.PIPE, text=True
        )
        assert child.stdout is not None
        assert child.stdout.readline() == "ready\n"
        time.sleep(rng.uniform(0, 0.25))
        child.send_signal(signal.SIGKILL)
        child.wait()
        timeline = store.load(path).timeline  # raises if the file were broken
        assert timeline.title in allowed
        assert timeline == attrs.evolve(original, title=timeline.title)
        titles.add(timeline.title)
    assert titles - {"original"}, "no save completed: the kills did not test anything"
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "big.toml"]
    assert all(name.startswith(".big.toml.") for name in leftovers)
