"""Shared pieces of the adversarial sweep: real subprocesses, real mounts, big timelines."""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck import model

DATA = Path(__file__).parent.parent / "data"
GOOD = DATA / "good.toml"
#: Bytes that must never reach a terminal from data: C0 controls but tab/newline/CR, DEL, C1.
TERMINAL_CONTROLS = {*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F}
#: Code points that reorder or hide text (bidi embeddings, overrides, isolates, marks), and C1.
INVISIBLE = {
    *range(0x80, 0xA0),
    0x061C,
    0x200E,
    0x200F,
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
    0x2028,
    0x2029,
}


def profile(variable: str, short: int) -> int:
    """The number of cases: `short` for CI, or the value of the environment variable."""
    return int(os.environ.get(variable, str(short)))


def factcheck(
    *args: str, cwd: Path | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[bytes]:
    """Run the real `factcheck` program (as a user would) and capture its bytes."""
    env = {key: value for key, value in os.environ.items() if key != "FACTCHECK_DEBUG"}
    return subprocess.run(
        [sys.executable, "-m", "factcheck", *args],
        cwd=cwd,
        capture_output=True,
        timeout=timeout,
        env=env,
        check=False,
    )


def unsafe_characters(output: bytes) -> list[str]:
    """Control or bidi characters in program output (the names of the offenders)."""
    text = output.decode("utf-8", errors="strict")
    return sorted(
        {
            f"U+{ord(char):04X}"
            for char in text
            if ord(char) in TERMINAL_CONTROLS or ord(char) in INVISIBLE
        }
    )


def big_timeline(claims: int, marker: str = "original") -> model.Timeline:
    """A timeline of `claims` claims (five per event) with evidence and unicode text."""
    events = tuple(
        model.Event(id=f"e{n:05}", title=f"event {n} ✓ " * 4, date="2020-02-04")
        for n in range(claims // 5)
    )
    evidence = (
        model.Evidence(url="https://example.org/report", title="A report", stance="supports"),
    )
    return model.Timeline(
        id="big",
        title=marker,
        events=events,
        claims=tuple(
            model.Claim(
                id=f"c{n:05}",
                event=f"e{n // 5:05}",
                text="claim text “quoted” ✓ " * 8,
                evidence=evidence,
            )
            for n in range(claims)
        ),
    )


@contextlib.contextmanager
def tmpfs(folder: Path, size: str = "64k", read_only: bool = False) -> Iterator[Path]:
    """A real small tmpfs at `folder` (skips the test when mounting is not permitted)."""
    if shutil.which("mount") is None or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root and mount(8); this run has neither")
    folder.mkdir(parents=True, exist_ok=True)
    options = f"size={size}" + (",ro" if read_only else "")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"mounting a tmpfs is not permitted here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)


def remount(folder: Path, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(folder)], check=True)


def kill_during_saves(child: subprocess.Popen[bytes], rng: random.Random, run: int) -> str:
    """SIGKILL a saving child on its own reports, never on a guess of this machine's speed.

    The child prints `start` before each save and `saved SECONDS` after it. The kill comes
    after a random number (0-3; at least 1 in runs 0 and 1) of completed saves, either at once
    or, in odd runs, at a random instant inside the next save once its `start` is read.
    Returns where it landed: "between saves" or "inside a save".
    """
    assert child.stdout is not None
    completed = rng.randint(1 if run < 2 else 0, 3)
    duration = 0.0
    while completed:
        line = child.stdout.readline()
        assert line, "the saving child ended before it was killed"
        if line.startswith(b"saved "):
            duration = float(line.split()[1])
            completed -= 1
    inside = run % 2 == 1
    if inside:
        while (line := child.stdout.readline()) != b"start\n":
            assert line, "the saving child ended before it was killed"
        # Only where the kill lands inside the save is random; what is checked never waits.
        time.sleep(rng.uniform(0, duration or 0.05))
    child.send_signal(signal.SIGKILL)
    child.wait()
    return "inside a save" if inside else "between saves"
