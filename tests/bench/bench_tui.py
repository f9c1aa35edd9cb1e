"""Explorer benchmarks: time to first screen, and the cost of `n`, `s`, `a` at two sizes.

    python -m tests.bench.bench_tui SMALL.toml LARGE.toml [--quick] [--json]

Run by tests/bench/run.py in its own process (a fresh interpreter for the app). Methods:

- First screen: wall time from creating the app until the main screen is first painted. The
  paint is observed by wrapping the app's `_display`, which the headless driver still calls
  with each compositor update after the widgets have rendered; the main screen's first
  paint comes after its on_mount has filled every pane from the file. Waiting for it polls
  every 50 ms only: a tight poll would take the GIL from the loading thread and slow it.
- Key presses: CPU time of this process (time.process_time) around `await pilot.press(...)`.
  Pilot's fixed waits are sleeps (wait_for_idle, the animator) and cost no CPU, so what is
  counted is the app handling the key: bindings, actions, the screen push/pop of a dialog,
  the edit, and rendering the changed widgets. A no-op key measured the same way (an
  unbound key) shows the fixed floor. The explorer runs no background work while idle.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import statistics
import time
from pathlib import Path

from factcheck import store
from factcheck.tui.app import ExplorerApp
from factcheck.tui.screens.main import MainScreen

SIZE = (140, 45)


async def _open(path: Path) -> tuple[float, ExplorerApp]:
    """Seconds from creating the app to the main screen's last paint (then the app exits)."""
    painted: list[float] = []
    started = time.perf_counter()
    app = ExplorerApp(path)
    original = app._display

    def display(screen: object, renderable: object) -> None:
        if isinstance(screen, MainScreen) and renderable is not None:
            painted.append(time.perf_counter())
        original(screen, renderable)  # type: ignore[arg-type]

    app._display = display  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        # A coarse poll: a tight one would steal the GIL from the loading thread.
        while not isinstance(app.screen, MainScreen):
            await asyncio.sleep(0.05)
        await pilot.pause()
        if not painted:
            raise SystemExit(f"{path}: the main screen was never painted")
        elapsed = painted[0] - started
    return elapsed, app


def first_screen(path: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        gc.collect()
        elapsed, _app = asyncio.run(_open(path))
        times.append(elapsed)
    return statistics.median(times)


async def _keys(path: Path, rounds: int) -> dict[str, float]:
    """Median CPU seconds per key sequence, after one unmeasured warm-up round."""
    app = ExplorerApp(path)
    results: dict[str, list[float]] = {"noop": [], "n": [], "s": [], "s-enter": [], "a": []}
    async with app.run_test(size=SIZE) as pilot:
        while not isinstance(app.screen, MainScreen):
            await asyncio.sleep(0.05)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen._reviewer = "Bench Reviewer"  # no `git config` subprocess inside a timing

        async def timed(*keys: str) -> float:
            gc.collect()
            started = time.process_time()
            await pilot.press(*keys)
            return time.process_time() - started

        for round_number in range(rounds + 1):
            measured = {
                "noop": await timed("z"),
                "n": await timed("n"),
                "s": await timed("s", "3" if round_number % 2 else "4"),
                "s-enter": await timed("enter"),
            }
            url = f"https://example.org/bench/{round_number}"
            measured["a"] = await timed("a", *url) + await timed("enter")
            measured["s"] += measured["s-enter"]
            if round_number:  # round 0 warms caches (CSS of the dialogs, imports)
                for key, value in measured.items():
                    results[key].append(value)
        claim = screen.panes.claim
        if claim is None or not claim.evidence or screen.session.timeline.reviewed_count == 0:
            raise SystemExit(f"{path}: the key presses did not edit the timeline")
        await pilot.press("u")
    return {key: statistics.median(values) for key, values in results.items()}


def key_costs(path: Path, rounds: int) -> dict[str, float]:
    return asyncio.run(_keys(path, rounds))


def ms(value: float) -> str:
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def rows(small: Path, large: Path, quick: bool) -> list[dict[str, object]]:
    claims = {path: len(store.load(path).timeline.claims) for path in (small, large)}
    label = f"explorer, {claims[large]:,} vs {claims[small]:,} claims"
    runs = 3 if quick else 5
    load_times = []
    for _ in range(2):
        gc.collect()
        started = time.perf_counter()
        store.load(large)
        load_times.append(time.perf_counter() - started)
    load_time = statistics.median(load_times)
    small_open = first_screen(small, runs)
    large_open = first_screen(large, 2 if quick else 3)
    allowed = 1.5 * (load_time + small_open)
    result: list[dict[str, object]] = [
        {
            "size": label,
            "figure": "first screen of the large file",
            "value": ms(large_open),
            "baseline": f"load {ms(load_time)} + small file's first screen {ms(small_open)}",
            "ratio": large_open / (load_time + small_open),
            "bar": "<= 1.5x",
            "passed": large_open <= allowed,
        }
    ]
    rounds = 5 if quick else 12
    small_cost = key_costs(small, rounds)
    large_cost = key_costs(large, rounds)
    names = {
        "n": "key `n` (next event)",
        "s": "keys `s` + digit + enter (status)",
        "a": "keys `a` + URL + enter (evidence)",
    }
    for key, figure in names.items():
        ratio = large_cost[key] / small_cost[key]
        result.append(
            {
                "size": label,
                "figure": figure,
                "value": ms(large_cost[key]),
                "baseline": f"{ms(small_cost[key])} at {claims[small]:,} claims",
                "ratio": ratio,
                "bar": "<= 1.3x",
                "passed": ratio <= 1.3,
            }
        )
    for key, figure in (
        ("s-enter", "  of which the enter that applies the status"),
        ("noop", "  an unbound key (the fixed floor)"),
    ):
        result.append(
            {
                "size": label,
                "figure": figure,
                "value": ms(large_cost[key]),
                "baseline": f"{ms(small_cost[key])} at {claims[small]:,} claims",
                "ratio": large_cost[key] / small_cost[key],
            }
        )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.bench_tui")
    parser.add_argument("small", type=Path)
    parser.add_argument("large", type=Path)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", action="store_true", help="one JSON line for run.py")
    options = parser.parse_args()
    result = rows(options.small, options.large, options.quick)
    if options.json:
        print(json.dumps(result))
    else:
        for row in result:
            ratio = f"{row['ratio']:.2f}x" if row.get("ratio") is not None else ""
            print(f"{row['figure']:<48} {row['value']:>10} {ratio:>7}  {row['baseline']}")


if __name__ == "__main__":
    main()
