"""The load path against its stdlib `tomllib` baseline, measured in the same run (issue 14).

    python -m tests.bench.bench_parser [--events 10000] [--runs 3] [--keep DIR]

At 10,000 events (50,000 claims) by default: `store.load`, `factcheck check`, `factcheck
fmt --check` and the explorer's first screen, each in a fresh process per measurement,
subject and baseline alternating. The subject is the load path as shipped (`tomli`,
compiled, parsed a part at a time); the baseline is the path before it (the standard
library's `tomllib` on the whole file), selected in the child process by swapping the
parser and turning the part-by-part path off. Printed: median wall time and peak RSS growth
(VmHWM after imports), the speed-up (baseline / subject), the time as a multiple of
`tomllib.loads` alone on the same bytes, and the memory ratio to the file.
Bars: load at least 2x faster than the baseline; `check` peak at most 8x the file.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent.parent

_PROBE = """
import asyncio, contextlib, io, json, sys, time
from pathlib import Path

def high_water():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise SystemExit("no /proc/self/status: peak memory cannot be read")

path, figure, parser = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
from factcheck import store
from factcheck.check import check_file
from factcheck.cli import cli
from tomllib import loads as tomllib_loads
if parser == "tomllib":  # the load path before issue 14
    import tomllib
    store.toml_parser = tomllib
    store._loads_in_parts = lambda data, name: None
if figure == "explorer":
    from tests.bench.bench_tui import _open

def command(*arguments):
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        try:
            cli.main(args=list(arguments), prog_name="factcheck", standalone_mode=False)
        except SystemExit as exit_:
            return int(exit_.code or 0)
    return 0

before = high_water()
started = time.perf_counter()
if figure == "parse":  # the yardstick: the standard library parsing the same bytes
    tomllib_loads(path.read_bytes().decode("utf-8"))
elif figure == "load":
    store.load(path)
elif figure == "check":
    assert command("check", str(path)) == 0, "the generated file does not check"
elif figure == "fmt":
    assert command("fmt", "--check", str(path)) == 0, "the generated file is not canonical"
seconds = time.perf_counter() - started
if figure == "explorer":
    seconds = asyncio.run(_open(path))[0]  # from creating the app to the first paint
print(json.dumps({"seconds": seconds, "peak": high_water() - before}))
"""

FIGURES = {
    "load": "load + validate (store.load)",
    "check": "`factcheck check`",
    "fmt": "`factcheck fmt --check`",
    "explorer": "explorer first screen",
}


#: The most each figure may take, in multiples of `tomllib.loads` of the same bytes (the
#: explorer's bar adds opening a small file, about 0.1 s, left out here: a stricter bar).
STDLIB_BARS = {"check": 1.0, "fmt": 1.3, "explorer": 1.0}


def measure(path: Path, figure: str, parser: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(path), figure, parser],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if done.returncode != 0:
        raise SystemExit(f"{figure} ({parser}) failed: {done.stderr.strip()[-500:]}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def rows(path: Path, runs: int, size: str) -> list[dict[str, object]]:
    """One row per figure, in the shape of run.Row."""
    file_size = path.stat().st_size
    parse = statistics.median(measure(path, "parse", "tomllib")["seconds"] for _ in range(runs))
    found: list[dict[str, object]] = [
        {"size": size, "figure": "`tomllib.loads` alone (yardstick)", "value": f"{parse:.2f} s"}
    ]
    for figure, title in FIGURES.items():
        samples: dict[str, list[dict[str, float]]] = {"tomllib": [], "tomli": []}
        for _ in range(runs):
            for parser in ("tomllib", "tomli"):  # alternate: a noisy neighbour hits both
                samples[parser].append(measure(path, figure, parser))
        subject = statistics.median(s["seconds"] for s in samples["tomli"])
        baseline = statistics.median(s["seconds"] for s in samples["tomllib"])
        peak = statistics.median(s["peak"] for s in samples["tomli"]) / file_size
        old_peak = statistics.median(s["peak"] for s in samples["tomllib"]) / file_size
        speedup = baseline / subject
        row: dict[str, object] = {
            "size": size,
            "figure": f"{title} (speed-up)",
            "value": f"{subject:.2f} s",
            "baseline": f"tomllib path {baseline:.2f} s; {subject / parse:.2f}x tomllib.loads; "
            f"peak {peak:.1f}x file (tomllib path {old_peak:.1f}x)",
            "ratio": speedup,
        }
        if figure == "load":
            row.update(bar=">= 2x", passed=speedup >= 2)
        elif figure in STDLIB_BARS:  # DESIGN's raised bar: against stdlib parsing alone
            limit = STDLIB_BARS[figure]
            row.update(bar=f"<= {limit}x tomllib.loads", passed=subject <= limit * parse)
        found.append(row)
        if figure == "check":
            found.append(
                {
                    "size": size,
                    "figure": "`factcheck check` peak memory",
                    "value": f"{peak * file_size / 1e6:.0f} MB",
                    "baseline": f"file {file_size / 1e6:.1f} MB; tomllib path {old_peak:.1f}x",
                    "ratio": peak,
                    "bar": "<= 8x file",
                    "passed": peak <= 8,
                }
            )
    return found


def main() -> None:
    from tests.bench.run import Row, label, print_rows, timeline_file

    parser = argparse.ArgumentParser(prog="python -m tests.bench.bench_parser")
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="folder for the generated file (reused)")
    options = parser.parse_args()
    folder = options.keep or Path(tempfile.mkdtemp(prefix="factcheck-bench-"))
    path = timeline_file(folder, options.events)
    size = f"{label(options.events)} ({path.stat().st_size / 1e6:.1f} MB)"
    print_rows([Row(**row) for row in rows(path, options.runs, size)])  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
