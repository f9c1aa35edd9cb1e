"""A save killed at any instant leaves the old file or the new one, never a broken one.

FACTCHECK_KILL_RUNS sets the number of kills (a short profile by default, for CI).
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import textwrap
from pathlib import Path

import attrs

from factcheck import model, store
from tests.safety.helpers import kill_during_saves

#: The child saves in a loop and reports each save's start and end (with its duration) on
#: stdout, so the parent kills on events, never on a guess of how fast this machine is.
SAVER = textwrap.dedent(
    """
    import sys, time, attrs
    from factcheck import store
    path = sys.argv[1]
    base = store.load(path).timeline
    versions = [attrs.evolve(base, title=f"version {n}") for n in range(2)]
    n = 0
    while True:
        print("start", flush=True)
        began = time.perf_counter()
        store.save(path, versions[n % 2])
        print(f"saved {time.perf_counter() - began}", flush=True)
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
    landed = {"between saves": 0, "inside a save": 0}
    for run in range(runs):
        child = subprocess.Popen([sys.executable, "-c", SAVER, str(path)], stdout=subprocess.PIPE)
        landed[kill_during_saves(child, rng, run)] += 1
        timeline = store.load(path).timeline  # raises if the file were broken
        assert timeline.title in allowed
        assert timeline == attrs.evolve(original, title=timeline.title)
        titles.add(timeline.title)
    assert titles - {"original"}  # the first runs complete a save before their kill
    print(f"save kills: {runs} runs, {landed}")
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "big.toml"]
    assert all(name.startswith(".big.toml.") for name in leftovers)
