"""Limits: huge files are refused unread, huge strings load, deep nesting is a clear error.

Memory is measured in a child process (its own peak RSS), never time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

from factcheck import model, store
from tests.safety.helpers import big_timeline

MB = 1024 * 1024

#: Runs one CLI command in this interpreter, then reports the process's peak RSS (KiB):
#: VmHWM, which starts afresh at exec (ru_maxrss would carry over the parent's peak).
MEASURED = """
import re, sys
from factcheck.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exit:
    code = exit.code
peak = re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1)
sys.stderr.write("\\npeak-rss-kib " + peak + "\\n")
sys.exit(code)
"""


def measured(*args: str) -> tuple[int, str, int]:
    """(exit code, output, peak RSS in MiB) of `factcheck ARGS` in a fresh process."""
    done = subprocess.run(
        [sys.executable, "-c", MEASURED, *args], capture_output=True, text=True, timeout=300
    )
    output, _, peak = (done.stdout + done.stderr).rpartition("peak-rss-kib ")
    return done.returncode, output, int(peak) // 1024


def baseline_rss() -> int:
    return measured("--version")[2]


def test_a_200_mb_file_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    with path.open("wb") as handle:  # sparse: 200 MB without using the disk
        handle.truncate(200 * 1000 * 1000)
    code, output, peak = measured("check", str(path))
    assert code == 1
    assert f"the limit is {store.MAX_FILE_BYTES:,} bytes" in output
    assert "200,000,000 bytes" in output
    assert peak < baseline_rss() + 20, f"peak {peak} MiB: the file was read"
    code, output, _ = measured("fmt", str(path))
    assert code == 1 and "the limit is" in output


def test_the_limit_fits_the_largest_real_timeline() -> None:
    """100,000 reviewed claims measured 124 MiB (see store.MAX_FILE_BYTES); 200 MB is out."""
    assert 124 * MB < store.MAX_FILE_BYTES < 200 * 1000 * 1000


DOORS = {
    "check": ["check", "{}"],
    "fmt": ["fmt", "{}"],
    "diff": ["diff", "{}", "{good}"],
    "merge": ["merge", "{}", "{good}", "{good}", "-o", "{out}"],
    "extract": ["extract", "{}", "-o", "{out}"],
    "import": ["import", "{}", "-o", "{out}"],
    "export": ["export", "--format", "csv", "{}"],
}


@pytest.mark.parametrize("door", sorted(DOORS))
@pytest.mark.parametrize("kind", ["/dev/zero", "fifo"])
def test_a_device_or_fifo_is_refused_unread(door: str, kind: str, tmp_path: Path) -> None:
    """(extract, import and merge read /dev/zero until memory ran out; a FIFO blocked.)"""
    target = kind
    if kind == "fifo":
        target = str(tmp_path / "fifo.toml")
        os.mkfifo(target)
    good = tmp_path / "good.toml"
    store.save(good, big_timeline(5))
    args = [a.format(target, good=good, out=tmp_path / "out.toml") for a in DOORS[door]]
    code, output, peak = measured(*args)
    assert code in (1, 2) and "Traceback" not in output, output
    assert "not a regular file" in output or "is not a git revision" in output, output
    assert peak < baseline_rss() + 50, f"peak {peak} MiB"


def test_a_ten_million_character_string_loads_in_bounded_memory(tmp_path: Path) -> None:
    text = "fact ✓ " * (10_000_000 // 7)
    timeline = big_timeline(5)
    timeline = timeline.replace_claim(attrs.evolve(timeline.claims[0], text=text))
    path = tmp_path / "t.toml"
    path.write_text("# hand edited\n" + store.dumps(timeline), encoding="utf-8")
    size = path.stat().st_size // MB
    code, output, peak = measured("check", str(path))
    assert code == 1 and "not in canonical form" in output  # loaded and checked
    assert len(output) < 2000
    assert peak < baseline_rss() + 12 * size, f"peak {peak} MiB for a {size} MiB file"
    code, output, peak = measured("fmt", str(path))
    assert code == 0, output
    assert store.load(path).timeline.claims[0].text == text


@pytest.mark.parametrize("field", ["status", "id", "url", "date"])
def test_a_ten_million_character_bad_value_gives_a_short_message(field: str) -> None:
    value = json.dumps("\x1b" + "x" * 10_000_000)
    table = "[[claims.evidence]]" if field == "url" else "[[events]]" if field == "date" else ""
    text = f'schema = 1\nid = "t"\n[[claims]]\nid = "c"\n{table}\n{field} = {value}\n'
    if field == "date":
        text = f'schema = 1\nid = "t"\n[[events]]\nid = "e"\ndate = {value}\n'
    with pytest.raises(store.LoadError) as caught:
        store.loads(text, "t.toml")
    assert len(str(caught.value)) < 1000
    assert "\x1b" not in str(caught.value)


NESTING = {
    "array 10,000 deep": "title = " + "[" * 10_000 + "]" * 10_000,
    "inline table 10,000 deep": "title = " + "{a=" * 10_000 + "1" + "}" * 10_000,
    "array 100,000 deep": "title = " + "[" * 100_000,
    "dotted key 100,000 parts": "a" + ".a" * 100_000 + " = 1",
    "table header 100,000 parts": "[" + ".".join(["a"] * 100_000) + "]",
    "array of tables 100,000 parts": "[[" + ".".join(["a"] * 100_000) + "]]",
    "dotted key in an inline table": "x = {" + "a." * 100_000 + "a = 1}",
    "dotted key in an array": "x = [{" + "a." * 100_000 + "a = 1}]",
    "quoted dotted key": '"a".' * 100_000 + '"a" = 1',
    "dotted key, spaces": "a" + " . a" * 100_000 + " = 1",
}


@pytest.mark.parametrize("name", sorted(NESTING))
def test_deep_nesting_is_a_clear_error(name: str, tmp_path: Path) -> None:
    """(A dotted key of 100,000 parts took tomllib minutes before the store refused it.)"""
    text = 'schema = 1\nid = "t"\n' + NESTING[name] + "\n"
    with pytest.raises(store.LoadError, match=r"nested too deeply|invalid TOML"):
        store.loads(text, "t.toml")
    path = tmp_path / "t.toml"
    path.write_text(text, encoding="utf-8")
    code, output, _peak = measured("check", str(path))
    assert code == 1 and "t.toml" in output and "Traceback" not in output


def test_moderate_nesting_and_dotted_keys_still_load() -> None:
    """The guard refuses only absurd keys: a normal file with dotted keys is untouched."""
    text = (
        'schema = 1\nid = "t"\n[[claims]]\nid = "c"\nanchor.source = "s"\nanchor.start = 0\n'
        'anchor.end = 1\nanchor.exact = "x"\n[[sources]]\nid = "s"\nfile = "a.b.c.d.e.txt"\n'
        f'sha256 = "{"0" * 64}"\ntitle = "{".".join(["a"] * 200)}"\n'
    )
    timeline = store.loads(text)
    assert timeline.claims[0].anchor == model.Anchor(source="s", start=0, end=1, exact="x")


def test_merge_conflicts_on_megabyte_values_print_short_lines(tmp_path: Path) -> None:
    """(Each conflict was printed whole: 2.6 MB on stderr for two 1 MB titles.)"""
    timeline = big_timeline(5)
    sides = {"base": "base", "ours": "o" * 1_000_000, "theirs": "\x1b]0;x\x07" * 100_000}
    for name, title in sides.items():
        store.save(tmp_path / f"{name}.toml", attrs.evolve(timeline, title=title))
    done = subprocess.run(
        [sys.executable, "-m", "factcheck", "merge", "base.toml", "ours.toml", "theirs.toml"],
        cwd=tmp_path,
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert max(len(line) for line in (done.stdout + done.stderr).splitlines()) < 500
    assert b"\x1b" not in done.stdout + done.stderr
