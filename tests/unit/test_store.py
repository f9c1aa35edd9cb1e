"""The store: canonical round trips, located errors, atomic and conflict-safe saving."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import attrs
import pytest
import tomli_w
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from factcheck import model, store
from tests.unit.strategies import timelines, tricky_text

DATA = Path(__file__).parent.parent / "data"


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(timelines())
def test_dump_then_load_gives_the_same_model(timeline: model.Timeline) -> None:
    text = store.dumps(timeline)
    loaded = store.loads(text)
    assert loaded == timeline.canonical()
    assert store.dumps(loaded) == text  # deterministic, and canonical is a fixed point


@settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))
@given(timelines())
@example(model.Timeline(id="t", title="[[events]]"))  # found by Hypothesis: a header in a string
def test_records_are_tables_never_inline(timeline: model.Timeline) -> None:
    text = store.dumps(timeline)
    assert not re.search(r"^[a-z_]+ = [{\[]\s*\{", text, re.MULTILINE)  # no inline tables
    # Header lines, not substrings: a title may well read "[[events]]" (strings are written
    # on one line, their newlines escaped, so no string line looks like a header).
    headers = re.findall(r"^\[\[[a-z.]+\]\]$", text, re.MULTILINE)
    assert headers.count("[[claims]]") == len(timeline.claims)
    assert headers.count("[[events]]") == len(timeline.events)
    evidence_count = sum(len(claim.evidence) for claim in timeline.claims)
    assert headers.count("[[claims.evidence]]") == evidence_count


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.dictionaries(
        st.sampled_from(["id", "text", "start", "actors", "title"]),
        st.one_of(tricky_text, st.integers(), st.lists(tricky_text, max_size=3).map(tuple)),
    )
)
def test_a_table_is_written_as_tomli_w_writes_it(table: dict[str, object]) -> None:
    """The direct path for plain strings and integers gives tomli_w's bytes exactly (every
    control character, quote, backslash, tab and non-ASCII text included)."""
    assert store._dump_table(table) == tomli_w.dumps(table)


def test_shipped_fixture_round_trips_byte_for_byte() -> None:
    data = (DATA / "good.toml").read_bytes()
    assert store.dumps(store.load(DATA / "good.toml").timeline).encode() == data


def test_empty_optional_fields_are_omitted_but_id_status_and_anchor_kept() -> None:
    timeline = model.Timeline(id="t", claims=(model.Claim(id="c"),), events=(model.Event(id="e"),))
    text = store.dumps(timeline)
    assert 'id = "c"\nkind = "statement"\nstatus = "unverified"\n' in text
    for key in ("verdict", "notes", "actors", "summary", "url", "evidence", "event ="):
        assert key not in text


def test_crlf_inside_strings_survives() -> None:
    timeline = model.Timeline(id="t", title="one\r\ntwo\rthree\n")
    assert store.loads(store.dumps(timeline)).title == "one\r\ntwo\rthree\n"


def test_all_problems_are_reported_at_once() -> None:
    text = (DATA / "good.toml").read_text()
    text = text.replace('status = "mixed"', 'status = "maybe"').replace(
        'kind = "quote"', "kind = 3"
    )
    with pytest.raises(store.LoadError) as caught:
        store.loads(text, "x.toml")
    wheres = [problem.where for problem in caught.value.problems]
    assert 'claims[0] (id "never-agreed").kind' in wheres
    assert 'claims[1] (id "three-billion-images").status' in wheres
    assert all(problem.line for problem in caught.value.problems)


def test_huge_file_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.toml"
    path.write_bytes(b"# " + b"x" * 2000)
    monkeypatch.setattr(store, "MAX_FILE_BYTES", 1000)
    with pytest.raises(store.LoadError, match="the limit is 1,000 bytes"):
        store.load(path)


def _copy_good(tmp_path: Path) -> Path:
    target = tmp_path / "t.toml"
    target.write_bytes((DATA / "good.toml").read_bytes())
    return target


def test_save_refuses_when_the_file_changed_on_disk(tmp_path: Path) -> None:
    path = _copy_good(tmp_path)
    loaded = store.load(path)
    path.write_text(path.read_text().replace("A small test", "Someone else's"))
    someone_elses = path.read_bytes()
    edited = attrs.evolve(loaded.timeline, title="mine")
    with pytest.raises(store.ChangedOnDiskError, match="changed on disk"):
        store.save(path, edited, loaded.fingerprint)
    assert path.read_bytes() == someone_elses


def test_save_refuses_when_the_file_was_deleted(tmp_path: Path) -> None:
    path = _copy_good(tmp_path)
    loaded = store.load(path)
    path.unlink()
    with pytest.raises(store.ChangedOnDiskError):
        store.save(path, loaded.timeline, loaded.fingerprint)


def test_save_keeps_mode_and_returns_new_fingerprint(tmp_path: Path) -> None:
    path = _copy_good(tmp_path)
    path.chmod(0o640)
    loaded = store.load(path)
    edited = attrs.evolve(loaded.timeline, title="edited")
    fingerprint = store.save(path, edited, loaded.fingerprint)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert store.load(path).timeline.title == "edited"
    assert store.load(path).fingerprint.same_content(fingerprint)
    store.save(path, attrs.evolve(edited, title="again"), fingerprint)  # chained saves work
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.toml"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_read_only_folder_fails_cleanly(tmp_path: Path) -> None:
    path = _copy_good(tmp_path)
    loaded = store.load(path)
    before = path.read_bytes()
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(store.SaveError, match="cannot save"):
            store.save(path, attrs.evolve(loaded.timeline, title="x"), loaded.fingerprint)
    finally:
        tmp_path.chmod(0o700)
    assert path.read_bytes() == before


def test_write_error_leaves_original_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _copy_good(tmp_path)
    loaded = store.load(path)
    before = path.read_bytes()

    def disk_full(_descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(store.SaveError, match="No space left on device"):
        store.save(path, attrs.evolve(loaded.timeline, title="x"), loaded.fingerprint)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.toml"]


def test_source_path_cannot_leave_the_folder_through_a_symlink(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("secret")
    folder = tmp_path / "timelines"
    (folder / "sources").mkdir(parents=True)
    (folder / "sources" / "link.txt").symlink_to(outside)
    source = model.Source(id="s", title="", file="sources/link.txt", sha256="0" * 64)
    with pytest.raises(store.StoreError, match="leaves the timeline's folder"):
        store.read_source(folder / "t.toml", source)
