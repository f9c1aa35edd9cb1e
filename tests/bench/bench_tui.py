"""Explorer benchmarks: time to first screen, the cost of `n`, `s`, `a` at two sizes, and
typing a search that matches nothing.

    python -m tests.bench.bench_tui SMALL.toml LARGE.toml [--quick] [--json]
    python -m tests.bench.bench_tui --search 20000 100000   # events (5x claims), in memory

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
- Search: a 10-letter word that matches nothing typed into the search box (`SearchScreen`
  alone in an app, on the timeline in memory), its keys sent all at once (a paste, a fast
  typist) and then one every 80 ms. Measured: when the box has the last key (the end of
  its `Input.Changed` handler), when "no match" for the whole word is listed, and each
  key's wait (sent to handled). The baseline, in the same run, is what the search box did
  before it read in a worker and from earlier scans: one full read of every record per key,
  each holding up every key behind it (`search.advance` from no earlier scan, timed for each
  of the word's prefixes).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import statistics
import time
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App
from textual.widgets import Label

import factcheck.tui.app
from factcheck import search, store
from factcheck.model import Timeline
from factcheck.tui.app import ExplorerApp
from factcheck.tui.screens.main import MainScreen
from factcheck.tui.screens.search import SearchScreen
from tests.bench import generate

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


#: Typed into the search box: matches nothing in the generated timelines (checked).
NO_MATCH_WORD = "qzxjvkwpfy"
TYPING_GAP = 0.08


class NotedSearch(SearchScreen):
    """The search box, noting when each query's matches were first listed."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.listed: dict[str, float] = {}

    def _show(self, value: str, scan: search.Scan) -> None:
        super()._show(value, scan)
        self.listed.setdefault(value, time.perf_counter())


class SearchOnly(App[None]):
    """The search box over a timeline, with the explorer's styles; notes when each query
    was handled (`changed`: its key's handler ended) and when its matches were listed."""

    CSS_PATH = Path(factcheck.tui.app.__file__).with_name("app.tcss")

    def __init__(self, timeline: Timeline) -> None:
        super().__init__()
        self.changed: dict[str, float] = {}
        self.search = NotedSearch(timeline, "", self.note)

    def note(self, query: str) -> None:
        self.changed[query] = time.perf_counter()

    def on_mount(self) -> None:
        self.push_screen(self.search)


async def _type(timeline: Timeline, word: str, gap: float) -> dict[str, float]:
    """Seconds from the first key to: the last key handled, the word's result listed; and
    the longest wait of a key (sent to handled)."""
    app = SearchOnly(timeline)
    async with app.run_test(size=SIZE) as pilot:
        while app.screen is not app.search:
            await asyncio.sleep(0.05)
        await pilot.pause()
        driver = app._driver
        assert driver is not None
        sent: dict[str, float] = {}
        gc.collect()
        for end in range(1, len(word) + 1):
            key = events.Key(word[end - 1], word[end - 1])
            key.set_sender(app)
            sent[word[:end]] = time.perf_counter()
            driver.send_message(key)
            if gap:
                await asyncio.sleep(gap)
        while word not in app.search.listed:
            await asyncio.sleep(0.005)
        label = str(app.search.query_one("#match-count", Label).content)
        if label != "no match":
            raise SystemExit(f"{word!r} matched something ({label}): pick another word")
        first = sent[word[:1]]
        return {
            "keys": app.changed[word] - first,
            "result": app.search.listed[word] - first,
            "wait": max(app.changed[query] - sent[query] for query in sent),
        }


def _full_reads(timeline: Timeline, word: str) -> list[float]:
    """The search box's work before: a full read of every record for each prefix of `word`."""
    times = []
    for end in range(1, len(word) + 1):
        gc.collect()
        started = time.perf_counter()
        search.advance(timeline, search.begin(timeline, word[:end]), lambda _read: False)
        times.append(time.perf_counter() - started)
    return times


def _before(reads: list[float], gap: float) -> dict[str, float]:
    """The old box on keys sent `gap` apart: each key waited for the reads of the keys before
    it, then its own read, and listed its result at its end (a queue of measured reads)."""
    free = 0.0
    waits = []
    for index, read in enumerate(reads):
        free = max(free, index * gap) + read
        waits.append(free - index * gap)
    return {"keys": free, "result": free, "wait": max(waits)}


def search_rows(timeline: Timeline, runs: int) -> list[dict[str, object]]:
    """Typing a word that matches nothing, now and as the search box did it before."""
    label = f"search box, {len(timeline.claims):,} claims"
    word = NO_MATCH_WORD
    measured: dict[float, list[tuple[dict[str, float], dict[str, float]]]] = {0: [], TYPING_GAP: []}
    for _ in range(runs):  # alternate, so a noisy neighbour hits both alike
        for gap, runs_at in measured.items():
            reads = _full_reads(timeline, word)
            runs_at.append((asyncio.run(_type(timeline, word, gap)), _before(reads, gap)))
    names = {
        "keys": "the last key handled",
        "result": "'no match' listed",
        "wait": "longest wait of a key",
    }
    result: list[dict[str, object]] = []
    for gap, pairs in measured.items():
        pacing = "at once" if not gap else f"every {gap * 1000:.0f} ms"
        for key, name in names.items():
            now = statistics.median(pair[0][key] for pair in pairs)
            before = statistics.median(pair[1][key] for pair in pairs)
            result.append(
                {
                    "size": label,
                    "figure": f"{len(word)} keys {pacing}: {name}",
                    "value": ms(now),
                    "baseline": f"before (a full read a key): {ms(before)}",
                    "ratio": now / before,
                }
            )
    return result


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
    parser.add_argument("small", type=Path, nargs="?")
    parser.add_argument("large", type=Path, nargs="?")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", action="store_true", help="one JSON line for run.py")
    parser.add_argument(
        "--search", type=int, nargs="+", metavar="EVENTS", help="only the search box, at sizes"
    )
    options = parser.parse_args()
    if options.search:
        result = []
        for count in options.search:
            timeline, _text = generate.build(count)
            result += search_rows(timeline, 2 if options.quick else 3)
    elif options.small and options.large:
        result = rows(options.small, options.large, options.quick)
        result += search_rows(store.load(options.large).timeline, 2 if options.quick else 3)
    else:
        parser.error("give SMALL and LARGE, or --search")
    if options.json:
        print(json.dumps(result))
    else:
        size = None
        for row in result:
            if row["size"] != size:
                size = row["size"]
                print(size)
            ratio = f"{row['ratio']:.2f}x" if row.get("ratio") is not None else ""
            print(f"{row['figure']:<48} {row['value']:>10} {ratio:>7}  {row['baseline']}")


if __name__ == "__main__":
    main()
