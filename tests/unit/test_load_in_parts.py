"""A file loaded a part at a time gives exactly what the whole-file path gives.

`store.load` parses large files in parts cut before `[[claims]]`-style lines (bounded
memory); whatever it cannot prove the same goes the whole-file way. These tests cut as
often as possible (a part per record) and compare both paths, timelines and problems.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from factcheck import store
from tests.safety.helpers import big_timeline
from tests.unit.strategies import timelines

DATA = Path(__file__).parents[1] / "data"
SHIPPED = Path(__file__).parents[2] / "timelines" / "chicago-facial-recognition-2020.toml"


@pytest.fixture(autouse=True)
def part_per_record(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "_PART_BYTES", 1)


def whole(data: bytes, name: str) -> store.Timeline | str:
    try:
        return store.loads(store.decode(data, name), name)
    except store.LoadError as error:
        return str(error)


def in_parts(data: bytes, name: str) -> store.Timeline | str | None:
    try:
        return store._loads_in_parts(data, name)
    except store.LoadError as error:
        return str(error)


@pytest.mark.parametrize(
    "path", [DATA / "good.toml", SHIPPED, *sorted((DATA / "bad").glob("*.toml"))], ids=str
)
def test_every_fixture_loads_the_same_in_parts(path: Path) -> None:
    data = path.read_bytes()
    parts = in_parts(data, str(path))
    assert parts is None or parts == whole(data, str(path))
    if path.name in ("good.toml", SHIPPED.name):
        assert parts is not None  # canonical files take the part-by-part path


def test_a_file_with_problems_is_loaded_whole_with_its_lines(tmp_path: Path) -> None:
    text = store.dumps(big_timeline(20))
    broken = text.replace('status = "unverified"', 'status = "maybe"', 3)
    broken = broken.replace('id = "c00012"', 'id = "C 12"')
    assert in_parts(broken.encode(), "t.toml") is None
    path = tmp_path / "t.toml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(store.LoadError) as raised:
        store.load(path)
    assert str(raised.value) == whole(broken.encode(), str(path))
    assert f"{path}:2" in str(raised.value) and 'claims[12] (id "C 12").id' in str(raised.value)


@pytest.mark.parametrize(
    "tail",
    [
        # A cut inside a multi-line string: that part does not parse, the whole file does.
        '[[claims]]\nid = "a"\ntext = """\n[[claims]]\nid = "b"\n"""\nstatus = "true"\n',
        # The same table defined in two parts: an error, as in one piece.
        '[publisher]\nname = "x"\n\n[[claims]]\nid = "a"\nstatus = "true"\n\n'
        '[publisher]\nname = "y"\n',
        # An anchor table after an [[events]] line that belongs to the last claim.
        '[[claims]]\nid = "a"\nstatus = "true"\n\n[[events]]\nid = "e"\n\n'
        '[claims.anchor]\nsource = "s"\nstart = 0\nend = 0\nexact = ""\n',
        # Records in the first part (a header the cutter does not recognise).
        '[[ claims ]]\nid = "a"\nstatus = "true"\n\n[[claims]]\nid = "b"\nstatus = "true"\n',
    ],
)
def test_what_parts_cannot_prove_goes_the_whole_file_way(tail: str) -> None:
    data = f'schema = 1\nid = "t"\n\n{tail}'.encode()
    parts = in_parts(data, "t.toml")
    assert parts is None or parts == whole(data, "t.toml")


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(timelines())
def test_any_canonical_timeline_round_trips_in_parts(timeline: store.Timeline) -> None:
    data = store.canonical_bytes(timeline)
    parts = in_parts(data, "t.toml")
    assert parts is None or parts == timeline.canonical()
    assert parts == whole(data, "t.toml") or parts is None
