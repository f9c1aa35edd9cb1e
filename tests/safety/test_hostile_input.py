"""Hostile input through every door: a model or a clear error, never a traceback or a hang.

Mutated timelines (tests/safety/mutants.py) go through `store.load`, `check`, `fmt`, `diff`
and `merge`; mutated articles through `extract`; mutated ClaimReview through `import`.
The whole test is bounded by a watchdog (faulthandler: a hang dumps every stack and fails
the run); no case is timed. FACTCHECK_FUZZ_EXAMPLES sets the number of cases per door
(CI: 25; import gets four times as many, it is cheap).
"""

from __future__ import annotations

import faulthandler
import hashlib
import json
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck import store
from factcheck.cli import cli
from tests.safety.helpers import DATA, TERMINAL_CONTROLS, profile
from tests.safety.mutants import SEED, mutants

EXAMPLES = profile("FACTCHECK_FUZZ_EXAMPLES", 25)
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
        HealthCheck.large_base_example,
    ],
)


#: Cases run per test, printed at the end of the module (run with -s to see them).
CASES: Counter[str] = Counter()


@pytest.fixture(scope="module", autouse=True)
def report_cases() -> Iterator[None]:
    yield
    print(f"\nhostile-input cases: {dict(CASES)}")


@pytest.fixture(autouse=True)
def watchdog() -> Iterator[None]:
    """A hang anywhere in a test dumps every thread's stack and ends the run. The bound only
    catches hangs: a busy machine (all cores saturated) took over 110 s for 8 articles."""
    faulthandler.dump_traceback_later(900 + EXAMPLES * 20, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _clean_exit(result: Result, codes: tuple[int, ...]) -> None:
    """Exit code expected, no exception but SystemExit, nothing but text for the terminal."""
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"uncaught {type(result.exception).__name__}") from result.exception
    assert result.exit_code in codes, (result.exit_code, result.output[-2000:])
    assert "Traceback" not in result.output
    assert "internal error" not in result.output, result.output[-2000:]
    leaked = {hex(ord(c)) for c in result.output if ord(c) in TERMINAL_CONTROLS}
    assert not leaked, f"control characters reached the terminal: {leaked}"
    longest = max((len(line) for line in result.output.splitlines()), default=0)
    assert longest < 2000, f"a {longest}-character line: values must be quoted cut short"


def _load(path: Path) -> store.Loaded | None:
    """The loaded file or None; LoadError is the only failure allowed, naming the file."""
    try:
        return store.load(path)
    except store.LoadError as error:
        assert error.problems
        assert all(problem.file == str(path) for problem in error.problems)
        return None


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def _through_timeline_doors(folder: Path, data: bytes) -> None:
    path = folder / "t.toml"
    path.write_bytes(data)
    before = _sha(path)
    loaded = _load(path)

    _clean_exit(_run("check", str(path)), (0, 1))
    assert _sha(path) == before

    _clean_exit(_run("fmt", "--check", str(path)), (0, 1))
    assert _sha(path) == before
    _clean_exit(_run("fmt", str(path)), (0, 1))
    if loaded is None:
        assert _sha(path) == before, "fmt changed a file that does not load"
    else:  # fmt may only rewrite the bytes: the model is the same
        assert store.load(path).timeline == loaded.timeline.canonical()
    path.write_bytes(data)

    good = folder / "good.toml"
    good.write_bytes(SEED)
    _clean_exit(_run("diff", str(good), str(path)), (0, 1, 2))
    _clean_exit(_run("diff", str(path), str(good)), (0, 1, 2))
    assert _sha(path) == before

    ours = folder / "ours.toml"
    for sides in ((good, good, path), (good, path, good), (path, good, good)):
        shutil.copy(sides[1], ours)
        _clean_exit(
            _run("merge", str(sides[0]), str(ours), str(sides[2]), "-o", str(folder / "m")), (0, 1)
        )
        assert _sha(path) == before
        assert (folder / "m").exists()


@FUZZ
@given(case=mutants())
def test_mutated_timelines_through_load_check_fmt_diff_merge(
    case: tuple[list[str], bytes], tmp_path_factory: pytest.TempPathFactory
) -> None:
    names, data = case
    CASES["timeline mutants"] += 1
    CASES.update(f"  {name}" for name in names)
    _through_timeline_doors(tmp_path_factory.mktemp("fuzz"), data)


def test_truncated_at_every_byte(tmp_path: Path) -> None:
    """Every prefix of a valid file: load and check give a model or a clear error."""
    data = (DATA / "good.toml").read_bytes()
    path = tmp_path / "t.toml"
    step = 1 if EXAMPLES > 100 else 8  # the CLI at every byte in the long profile
    for end in range(len(data) + 1):
        CASES["truncations"] += 1
        path.write_bytes(data[:end])
        _load(path)
        if end % step == 0 or end == len(data):
            _clean_exit(_run("check", str(path)), (0, 1))
        assert path.read_bytes() == data[:end]


ARTICLE = (DATA / "sources" / "article.txt").read_bytes()


@settings(FUZZ, max_examples=max(8, EXAMPLES // 3))  # the extractor is the slow door
@given(case=mutants(seed=ARTICLE + b"\n" + SEED))
def test_mutated_articles_through_extract(
    case: tuple[list[str], bytes], tmp_path_factory: pytest.TempPathFactory
) -> None:
    _names, data = case
    CASES["article mutants"] += 1
    folder = tmp_path_factory.mktemp("extract")
    article = folder / "a.txt"
    article.write_bytes(data)
    result = _run("extract", str(article), "-o", str(folder / "out.toml"))
    _clean_exit(result, (0, 1, 2))
    assert article.read_bytes() == data
    if result.exit_code == 0:  # the draft is a valid timeline: it loads and dumps back
        loaded = _load(folder / "out.toml")
        assert loaded is not None and loaded.is_canonical()
    else:
        assert str(article) in result.output


CLAIMREVIEW: dict[str, Any] = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "https://factdesk.example.org/checks/1",
    "claimReviewed": "Clearview AI has 3 billion images",
    "datePublished": "2020-02-06",
    "author": {"@type": "Organization", "name": "Desk", "url": "https://desk.example.org/"},
    "reviewRating": {
        "@type": "Rating",
        "ratingValue": 4,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "Mostly true",
    },
    "itemReviewed": {
        "@type": "Claim",
        "author": {"@type": "Person", "name": "Freddy Martinez"},
        "datePublished": "2020-02-04",
        "appearance": [{"@type": "CreativeWork", "url": "https://news.example.org/a"}],
    },
}
HOSTILE_JSON: list[Any] = [
    None, 0, -1, 1e308, True, "", "x" * 100_000, [], {}, [[[[[]]]]], {"@type": 7},
    "javascript:alert(1)", "\x1b]0;pwned\x07[@click=app.quit]q", "\u202e", "\x00",
    "https://user:pw@example.org/", ["a"] * 10_000,
]  # fmt: skip


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*prefix, index))


ALL_PATHS = list(_paths([CLAIMREVIEW, CLAIMREVIEW]))


@st.composite
def json_mutants(draw: st.DrawFn) -> bytes:
    document = json.loads(json.dumps([CLAIMREVIEW, CLAIMREVIEW]))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(ALL_PATHS))
        if not path:
            continue
        parent = document
        try:
            for key in path[:-1]:
                parent = parent[key]
            parent[path[-1]] = json.loads(json.dumps(draw(st.sampled_from(HOSTILE_JSON))))
        except (KeyError, IndexError, TypeError):
            continue
    text = json.dumps(document).encode("utf-8")
    return draw(st.sampled_from([lambda d: d, truncate_json, deep_json]))(text)


def truncate_json(data: bytes) -> bytes:
    return data[: len(data) // 2]


def deep_json(data: bytes) -> bytes:
    return b"[" * 100_000 + data + b"]" * 100_000


@settings(FUZZ, max_examples=EXAMPLES * 4)
@given(data=json_mutants())
def test_mutated_claimreview_through_import(
    data: bytes, tmp_path_factory: pytest.TempPathFactory
) -> None:
    CASES["claimreview mutants"] += 1
    folder = tmp_path_factory.mktemp("import")
    source = folder / "reviews.json"
    source.write_bytes(data)
    result = _run("import", str(source), "-o", str(folder / "out.toml"))
    _clean_exit(result, (0, 1))
    assert source.read_bytes() == data
    if result.exit_code == 0:
        assert _load(folder / "out.toml") is not None
