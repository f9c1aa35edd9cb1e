"""The benchmark runner (docs/ARCHITECTURE.md section 7): on demand, never part of the tests.

    python -m tests.bench.run            # N = 10, 1,000, 10,000 events (5N claims)
    python -m tests.bench.run --large    # also N = 20,000 (100,000 claims)
    python -m tests.bench.run --quick    # smoke run: small N, fewer repeats
    python -m tests.bench.run --markdown # also print the table as Markdown (for the README)
    python -m tests.bench.run --only parser  # the load path against the tomllib path, 50,000 claims

Every figure is the median of several runs, printed with its bar and PASS/FAIL. Subject and
baseline runs alternate so that a noisy neighbour on the machine hits both alike.
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from functools import partial
from pathlib import Path

import attrs
import tomli_w

from factcheck import store
from factcheck.check import check_file
from tests.bench import generate

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent.parent


@attrs.define
class Row:
    """One printed figure: what was measured, its value, and the bar it is held to."""

    size: str
    figure: str
    value: str
    baseline: str = ""
    ratio: float | None = None
    bar: str = ""
    passed: bool | None = None  # None: informational, no bar held

    @property
    def verdict(self) -> str:
        return "info" if self.passed is None else ("PASS" if self.passed else "FAIL")


def median_pair(subject: Callable[[], object], baseline: Callable[[], object], runs: int):
    """Medians (seconds) of `runs` alternating timings of subject and baseline."""
    subject_times: list[float] = []
    baseline_times: list[float] = []
    for _ in range(runs):
        for function, times in ((baseline, baseline_times), (subject, subject_times)):
            gc.collect()
            started = time.perf_counter()
            function()
            times.append(time.perf_counter() - started)
    return statistics.median(subject_times), statistics.median(baseline_times)


def median_of(function: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        gc.collect()
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def seconds(value: float) -> str:
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def megabytes(value: float) -> str:
    return f"{value / 1e6:.1f} MB" if value >= 1e5 else f"{value / 1e3:.0f} kB"


def label(count: int) -> str:
    return f"{count:,} ev / {count * generate.CLAIMS_PER_EVENT:,} cl"


def timeline_file(folder: Path, count: int) -> Path:
    """The generated timeline of `count` events (cached in `folder` across runs)."""
    path = folder / f"n{count}" / "timeline.toml"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        generate.write(count, path)
    return path


def runs_for(count: int, quick: bool) -> int:
    if quick:
        return 3
    return 15 if count <= 10 else 7 if count <= 1000 else 3


# --- data layer --------------------------------------------------------------------------


def bench_load(path: Path, size: str, runs: int) -> tuple[list[Row], float]:
    """Load rows, and the tomllib.loads median (the yardstick for the commands' rows)."""

    def baseline() -> object:
        return tomllib.loads(path.read_bytes().decode("utf-8"))

    subject_time, baseline_time = median_pair(lambda: store.load(path), baseline, runs)
    ratio = subject_time / baseline_time
    row = Row(
        size,
        "load + validate (store.load)",
        seconds(subject_time),
        f"tomllib.loads {seconds(baseline_time)}",
        ratio,
        "<= 1.5x",
        ratio <= 1.5,
    )
    return [row], baseline_time


def _write_synced(path: Path, data: bytes) -> None:
    with path.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def bench_save(path: Path, size: str, runs: int) -> list[Row]:
    timeline = store.load(path).timeline
    document = tomllib.loads(path.read_text("utf-8"))
    target = path.parent / "saved.toml"
    plain = path.parent / "plain.toml"

    def baseline() -> None:
        _write_synced(plain, tomli_w.dumps(document).encode("utf-8"))

    subject_time, baseline_time = median_pair(lambda: store.save(target, timeline), baseline, runs)
    if target.read_bytes() != path.read_bytes():
        raise SystemExit(f"{target}: saving a canonical file changed its bytes")
    dump_time, tomli_time = median_pair(
        lambda: store.dumps(timeline), lambda: tomli_w.dumps(document), runs
    )
    ratio = subject_time / baseline_time
    return [
        Row(
            size,
            "canonical dump + atomic save (store.save)",
            seconds(subject_time),
            f"tomli_w.dumps + write + fsync {seconds(baseline_time)}",
            ratio,
            "<= 1.5x",
            ratio <= 1.5,
        ),
        Row(
            size,
            "  of which canonical dump (store.dumps)",
            seconds(dump_time),
            f"tomli_w.dumps {seconds(tomli_time)}",
            dump_time / tomli_time,
        ),
    ]


def _cli(*arguments: str) -> int:
    """Run a factcheck command in this process; its exit status (output swallowed)."""
    from factcheck.cli import cli

    with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
        try:
            cli.main(args=list(arguments), prog_name="factcheck", standalone_mode=False)
        except SystemExit as exit_:
            return int(exit_.code or 0)
    return 0


def bench_commands(path: Path, size: str, runs: int, tomllib_time: float) -> list[Row]:
    report = check_file(path)
    if report.problems:
        raise SystemExit(f"{path}: the generated file does not check: {report.problems[0]}")
    rows = []
    for figure, arguments in (
        ("`factcheck check` (in-process)", ("check", str(path))),
        ("`factcheck fmt --check` (in-process)", ("fmt", "--check", str(path))),
    ):
        if _cli(*arguments) != 0:
            raise SystemExit(f"factcheck {' '.join(arguments)} failed on the generated file")
        # Each is mostly a load, measured above: fewer runs keep the runner under 10 minutes.
        elapsed = median_of(partial(_cli, *arguments), min(runs, 5) - 1)
        rows.append(
            Row(
                size,
                figure,
                seconds(elapsed),
                f"tomllib.loads {seconds(tomllib_time)}",
                elapsed / tomllib_time,
            )
        )
    return rows


_MEMORY_PROBE = """
import sys, tomllib
from pathlib import Path
from factcheck import store

def high_water():
    # VmHWM belongs to this process's memory map; ru_maxrss would carry the parent's peak
    # across fork + exec.
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

path = Path(sys.argv[1])
before = high_water()
if sys.argv[2] == "store":
    result = store.load(path)
else:
    result = tomllib.loads(path.read_bytes().decode("utf-8"))
print(high_water() - before)
"""


def peak_memory(path: Path, what: str) -> int:
    """Growth of peak RSS (bytes) while a fresh process loads the file after its imports."""
    done = subprocess.run(
        [sys.executable, "-c", _MEMORY_PROBE, str(path), what],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return int(done.stdout.strip())


def bench_memory(path: Path, size: str) -> list[Row]:
    file_size = path.stat().st_size
    peak = peak_memory(path, "store")
    tomllib_peak = peak_memory(path, "tomllib")
    ratio = peak / file_size
    return [
        Row(
            size,
            "peak memory of load (RSS growth)",
            megabytes(peak),
            f"file {megabytes(file_size)}; tomllib.loads alone {tomllib_peak / file_size:.1f}x",
            ratio,
            "< 10x file",
            ratio < 10,
        )
    ]


# --- explorer and extraction -------------------------------------------------------------


def bench_explorer(folder: Path, small: Path, large: Path, quick: bool) -> list[Row]:
    """The explorer figures, measured in a separate process (see bench_tui.py)."""
    command = [sys.executable, "-m", "tests.bench.bench_tui", str(small), str(large), "--json"]
    if quick:
        command.append("--quick")
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        return [Row("explorer", "explorer benchmark failed", " | ".join(tail), passed=False)]
    return [Row(**row) for row in json.loads(done.stdout.strip().splitlines()[-1])]


def bench_extract(quick: bool) -> list[Row]:
    """Extraction speed from the extract engineer's bench_extract.py, when it exists."""
    if not (BENCH_DIR / "bench_extract.py").exists():
        return [Row("extract", "articles / second", "bench_extract.py not present")]
    command = [sys.executable, "-m", "tests.bench.bench_extract"]
    if quick:
        command.append("3")  # its argument is the number of runs (default 7)
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    lines = (done.stdout + done.stderr).strip().splitlines()
    if done.returncode != 0:
        return [Row("extract", "bench_extract.py failed", " | ".join(lines[-3:]), passed=False)]
    return [Row("extract", "bench_extract.py", line.strip()) for line in lines if line.strip()]


# --- output ------------------------------------------------------------------------------


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout
        for line in lscpu.splitlines():
            if line.startswith("Model name:"):
                cpu = line.split(":", 1)[1].strip()
    except (OSError, subprocess.CalledProcessError):
        pass
    return (
        f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def print_rows(rows: list[Row]) -> None:
    for row in rows:
        ratio = f"{row.ratio:.2f}x" if row.ratio is not None else ""
        print(
            f"{row.size:<26} {row.figure:<44} {row.value:>12}  {ratio:>7}  "
            f"{row.bar:<12} {row.verdict:<4}  {row.baseline}",
            flush=True,
        )


def markdown(rows: list[Row]) -> str:
    lines = [
        "| size | figure | median | ratio | bar | result | baseline / context |",
        "|---|---|---:|---:|---|---|---|",
    ]
    for row in rows:
        ratio = f"{row.ratio:.2f}x" if row.ratio is not None else ""
        figure = row.figure.strip().replace("|", "\\|")
        lines.append(
            f"| {row.size} | {figure} | {row.value} | {ratio} | {row.bar} | {row.verdict} "
            f"| {row.baseline} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.run", description=__doc__)
    parser.add_argument("--large", action="store_true", help="also N = 20,000 events")
    parser.add_argument("--quick", action="store_true", help="smoke run: small N, 3 runs")
    parser.add_argument("--markdown", action="store_true", help="also print a Markdown table")
    parser.add_argument(
        "--only", choices=("data", "parser", "explorer", "extract"), help="one part only"
    )
    parser.add_argument("--keep", type=Path, help="folder for the generated files (reused)")
    options = parser.parse_args(argv)

    counts = [10, 1000] if options.quick else [10, 1000, 10_000]
    if options.large:
        counts.append(20_000)
    started = time.perf_counter()
    print(f"machine: {machine()}", flush=True)
    folder = options.keep or Path(tempfile.mkdtemp(prefix="factcheck-bench-"))
    rows: list[Row] = []
    try:
        if options.only in (None, "data"):
            for count in counts:
                path = timeline_file(folder, count)
                size = f"{label(count)} ({megabytes(path.stat().st_size)})"
                runs = runs_for(count, options.quick)
                part, tomllib_time = bench_load(path, size, runs)
                part += bench_save(path, size, runs)
                part += bench_commands(path, size, runs, tomllib_time)
                part += bench_memory(path, size)
                print_rows(part)
                rows += part
        if options.only in (None, "parser"):
            from tests.bench import bench_parser

            count = 1000 if options.quick else 10_000
            path = timeline_file(folder, count)
            size = f"{label(count)} ({megabytes(path.stat().st_size)})"
            part = [Row(**row) for row in bench_parser.rows(path, 1 if options.quick else 3, size)]  # type: ignore[arg-type]
            print_rows(part)
            rows += part
        if options.only in (None, "explorer"):
            small = timeline_file(folder, 10)
            large = timeline_file(folder, 2000 if options.quick else 20_000)
            part = bench_explorer(folder, small, large, options.quick)
            print_rows(part)
            rows += part
        if options.only in (None, "extract"):
            part = bench_extract(options.quick)
            print_rows(part)
            rows += part
    finally:
        if options.keep is None:
            import shutil

            shutil.rmtree(folder, ignore_errors=True)
    failed = [row for row in rows if row.passed is False]
    print(f"\n{len(rows)} figures, {len(failed)} failing; {time.perf_counter() - started:.0f} s")
    if options.markdown:
        print("\n" + markdown(rows))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
