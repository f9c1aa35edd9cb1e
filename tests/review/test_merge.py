"""The id-keyed 3-way merge: clean where edits do not overlap, explicit conflicts where they do."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest

from factcheck import store
from factcheck.check import check_file
from factcheck.model import Claim, Event
from factcheck.review.merge import ResolveError, merge, merge_texts, resolve
from tests.review.helpers import add_evidence, factcheck, set_status, timeline, write


def test_different_claims_merge_cleanly() -> None:
    base = timeline()
    result = merge(base, set_status(base, "claim-0", "true"), set_status(base, "claim-1", "false"))
    assert result.clean
    assert result.timeline == set_status(set_status(base, "claim-0", "true"), "claim-1", "false")


def test_evidence_and_verdict_of_one_claim_merge_cleanly() -> None:
    base = timeline()
    ours = add_evidence(base, "claim-1", "https://example.org/a")
    claim = base.claim("claim-1")
    assert claim is not None
    theirs = base.replace_claim(attrs.evolve(claim, verdict="Accurate."))
    result = merge(base, ours, theirs)
    merged = result.timeline.claim("claim-1")
    assert result.clean and merged is not None
    assert merged.verdict == "Accurate." and [e.url for e in merged.evidence] == [
        "https://example.org/a"
    ]


def test_evidence_merges_as_a_set_keyed_by_url() -> None:
    base = add_evidence(timeline(), "claim-0", "https://example.org/old")
    claim = base.claim("claim-0")
    assert claim is not None
    ours = add_evidence(base, "claim-0", "https://example.org/ours")
    theirs = base.replace_claim(attrs.evolve(claim, evidence=()))  # removes the old one
    theirs = add_evidence(theirs, "claim-0", "https://example.org/theirs")
    result = merge(base, ours, theirs)
    merged = result.timeline.claim("claim-0")
    assert result.clean and merged is not None
    assert [e.url for e in merged.evidence] == [
        "https://example.org/ours",
        "https://example.org/theirs",
    ]


def test_both_sides_add_events_and_claims_in_canonical_order() -> None:
    base = timeline(claims=2, events=1)
    ours = attrs.evolve(base, events=(*base.events, Event(id="b-event", date="2020-03-01")),
                        claims=(*base.claims, Claim(id="z-claim", event="b-event")))  # fmt: skip
    theirs = attrs.evolve(base, events=(*base.events, Event(id="a-event", date="2019-01-01")),
                          claims=(*base.claims, Claim(id="a-claim", event="a-event")))  # fmt: skip
    result = merge(base, ours, theirs)
    assert result.clean
    assert [e.id for e in result.timeline.events] == ["a-event", "event-0", "b-event"]
    assert result.text == store.dumps(result.timeline)
    assert store.loads(result.text) == result.timeline


def test_same_field_two_ways_is_a_conflict_keeping_both_values() -> None:
    base = timeline()
    ours, theirs = (
        set_status(base, "claim-1", "true", "Ana"),
        set_status(base, "claim-1", "false", "Ben"),
    )
    result = merge(base, ours, theirs)
    assert not result.clean
    fields = {(c.record, c.field): c for c in result.conflicts}
    status = fields[("claims.claim-1", "status")]
    assert (status.base, status.ours, status.theirs) == ('"unverified"', '"true"', '"false"')
    assert ("claims.claim-1", "reviewed_by") in fields
    claim = result.timeline.claim("claim-1")
    assert claim is not None and claim.status == "true"  # ours stays in the record
    assert store.loads(result.text).conflicts == result.timeline.conflicts


def test_resolving_status_takes_the_reviewer_along() -> None:
    base = timeline()
    ours, theirs = (
        set_status(base, "claim-1", "true", "Ana"),
        set_status(base, "claim-1", "false", "Ben"),
    )
    merged = merge(base, ours, theirs).timeline
    index = next(i for i, c in enumerate(merged.conflicts) if c.field == "status")
    settled = resolve(merged, index, "theirs")
    assert settled.conflicts == ()
    assert settled == theirs
    assert resolve(merged, index, "ours") == ours


def test_delete_against_edit_keeps_the_edit_and_resolves_either_way() -> None:
    base = timeline()
    ours = attrs.evolve(base, claims=tuple(c for c in base.claims if c.id != "claim-2"))
    theirs = set_status(base, "claim-2", "mixed", "Ben")
    result = merge(base, ours, theirs)
    assert [(c.record, c.field, c.ours) for c in result.conflicts] == [
        ("claims.claim-2", "", "null")
    ]
    assert result.timeline.claim("claim-2") == theirs.claim("claim-2")
    assert resolve(result.timeline, 0, "ours") == ours
    assert resolve(result.timeline, 0, "theirs") == theirs


def test_deleted_event_still_used_by_the_other_side_comes_back_as_a_conflict() -> None:
    base = timeline(claims=2, events=2)
    ours = attrs.evolve(base, events=tuple(e for e in base.events if e.id != "event-1"),
                        claims=tuple(c for c in base.claims if c.event != "event-1"))  # fmt: skip
    theirs = attrs.evolve(base, claims=(*base.claims, Claim(id="late-claim", event="event-1")))
    result = merge(base, ours, theirs)
    assert [(c.record, c.field) for c in result.conflicts] == [("events.event-1", "")]
    assert result.timeline.event("event-1") is not None
    with pytest.raises(ResolveError, match="event-1"):
        resolve(result.timeline, 0, "ours")  # late-claim would lose its event
    assert resolve(result.timeline, 0, "theirs").conflicts == ()


def test_both_add_one_id_differently_and_empty_base() -> None:
    base = timeline()
    ours = attrs.evolve(base, claims=(*base.claims, Claim(id="new", text="one")))
    theirs = attrs.evolve(base, claims=(*base.claims, Claim(id="new", text="two")))
    conflicts = merge(base, ours, theirs).conflicts
    assert [(c.field, c.base, c.ours, c.theirs) for c in conflicts] == [
        ("text", "null", '"one"', '"two"')
    ]
    both_added = merge_texts("", store.dumps(ours), store.dumps(ours))
    assert both_added.clean and both_added.timeline == ours


def test_resolve_refuses_bad_choices() -> None:
    base = timeline()
    merged = merge(
        base, set_status(base, "claim-0", "true"), set_status(base, "claim-0", "false")
    ).timeline
    with pytest.raises(ResolveError):
        resolve(merged, 0, "both")
    with pytest.raises(ResolveError):
        resolve(merged, 99, "ours")
    broken = attrs.evolve(merged, conflicts=(attrs.evolve(merged.conflicts[0], theirs='"maybe"'),))
    with pytest.raises(ResolveError, match="maybe"):
        resolve(broken, 0, "theirs")


def test_earlier_conflicts_survive_unless_one_side_resolves_them() -> None:
    base = timeline()
    conflicted = merge(
        base, set_status(base, "claim-0", "true"), set_status(base, "claim-0", "false")
    ).timeline
    resolved = resolve(conflicted, 0, "ours")
    assert merge(conflicted, resolved, conflicted).timeline.conflicts == ()
    assert (
        merge(conflicted, conflicted, set_status(conflicted, "claim-1", "true")).timeline.conflicts
        == conflicted.conflicts
    )


def test_cli_conflict_exit_1_file_loads_and_check_reports(tmp_path: Path) -> None:
    base = timeline()
    paths = [
        write(tmp_path, name, value)
        for name, value in (("base.toml", base), ("ours.toml", set_status(base, "claim-1", "true")),
                            ("theirs.toml", set_status(base, "claim-1", "false", "Ben")))
    ]  # fmt: skip
    done = factcheck(tmp_path, "merge", *map(str, paths))
    assert done.returncode == 1
    assert "claims.claim-1.status" in done.stderr
    report = check_file(paths[1])
    assert any("claims.claim-1.status" in problem.where for problem in report.errors)
    assert store.load(paths[1]).timeline.claim("claim-1").status == "true"  # type: ignore[union-attr]


def test_cli_clean_merge_to_output(tmp_path: Path) -> None:
    base = timeline()
    paths = [
        write(tmp_path, name, value)
        for name, value in (("base.toml", base), ("ours.toml", set_status(base, "claim-0", "true")),
                            ("theirs.toml", set_status(base, "claim-1", "false")))
    ]  # fmt: skip
    out = tmp_path / "out.toml"
    done = factcheck(tmp_path, "merge", *map(str, paths), "-o", str(out))
    assert done.returncode == 0, done.stderr
    merged = store.load(out).timeline
    assert (merged.claim("claim-0").status, merged.claim("claim-1").status) == ("true", "false")  # type: ignore[union-attr]
    assert check_file(out).errors == ()


def test_cli_unparsable_side_falls_back_to_text_merge(tmp_path: Path) -> None:
    base = timeline()
    good = write(tmp_path, "base.toml", base)
    ours = write(tmp_path, "ours.toml", set_status(base, "claim-0", "true"))
    theirs = tmp_path / "theirs.toml"
    theirs.write_text(store.dumps(base).replace('status = "unverified"', "status = [oops", 1))
    done = factcheck(tmp_path, "merge", str(good), str(ours), str(theirs), "--name", "x.toml")
    assert done.returncode == 1
    assert "x.toml (theirs)" in done.stderr and "invalid TOML" in done.stderr
    text = ours.read_text()
    assert "<<<<<<< x.toml (ours)" in text and ">>>>>>> x.toml (theirs)" in text
    assert any("unresolved merge" in p.message for p in check_file(ours).errors)


def test_conflict_values_are_json_text() -> None:
    base = timeline()
    claim = base.claim("claim-0")
    assert claim is not None
    ours = base.replace_claim(attrs.evolve(claim, anchor=None))
    theirs = base.replace_claim(attrs.evolve(claim, anchor=attrs.evolve(claim.anchor, prefix="x")))
    conflict = merge(base, ours, theirs).conflicts[0]
    assert json.loads(conflict.ours) is None and json.loads(conflict.theirs)["prefix"] == "x"
    assert resolve(merge(base, ours, theirs).timeline, 0, "theirs") == theirs
