"""Model: validators at construction, and edits that keep derived indexes correct."""

from __future__ import annotations

import attrs
import pytest

from factcheck import model


def _timeline() -> model.Timeline:
    events = (model.Event(id="e1", date="2020-02-04"), model.Event(id="e2"))
    claims = tuple(model.Claim(id=f"c{n}", event=f"e{1 + n % 2}") for n in range(6))
    return model.Timeline(id="t", events=events, claims=claims)


@pytest.mark.parametrize(
    ("build", "reason"),
    [
        (lambda: model.Claim(id="Bad Id"), "not a valid id"),
        (lambda: model.Claim(id="c", status="maybe"), "not one of"),
        (lambda: model.Evidence(url="javascript:alert(1)"), "only http and https"),
        (lambda: model.Evidence(url="file:///etc/passwd"), "only http and https"),
        (lambda: model.Evidence(url="https://user:pw@example.org/"), "credentials"),
        (lambda: model.Evidence(url="https:///nohost"), "no host"),
        (lambda: model.Evidence(url="https://exa mple.org"), "spaces or control"),
        (lambda: model.Event(id="e", date="2020-13"), "month 13"),
        (lambda: model.Anchor(source="a", start=5, end=3, exact=""), "before start"),
        (lambda: model.Anchor(source="a", start=0, end=3, exact="ab"), "spans 3"),
        (lambda: model.Source(id="s", file="/etc/passwd", sha256="0" * 64), "absolute"),
        (lambda: model.Source(id="s", file="../x", sha256="0" * 64), "leaves"),
        (lambda: model.Event(id="e", actors="not a list"), "array of strings"),
    ],
)
def test_validators_reject_bad_values(build, reason: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(model.FieldProblem, match=reason):
        build()


def test_replace_claim_hands_over_indexes_that_stay_correct() -> None:
    timeline = _timeline()
    assert timeline.reviewed_count == 0
    _ = timeline.claims_by_event, timeline.claim_index, timeline.event_index
    reviewed = timeline.replace_claim(attrs.evolve(timeline.claims[2], status="true"))
    assert reviewed.reviewed_count == 1
    assert reviewed.claim("c2") is not None and reviewed.claim("c2").status == "true"  # type: ignore[union-attr]
    moved = reviewed.replace_claim(attrs.evolve(reviewed.claims[2], event="e2"))
    rebuilt = model.Timeline(id="t", events=moved.events, claims=moved.claims)
    assert moved.claims_by_event == rebuilt.claims_by_event
    assert moved.reviewed_count == rebuilt.reviewed_count == 1
    assert [c.id for c in moved.claims_of("e2")] == ["c1", "c2", "c3", "c5"]


def test_replace_event_keeps_positions() -> None:
    timeline = _timeline()
    edited = timeline.replace_event(attrs.evolve(timeline.events[1], title="new"))
    assert edited.event("e2").title == "new"  # type: ignore[union-attr]
    assert edited.event_index == {"e1": 0, "e2": 1}


def test_canonical_order_is_by_date_then_id_and_claims_follow_events() -> None:
    timeline = model.Timeline(
        id="t",
        events=(
            model.Event(id="b"),
            model.Event(id="a", date="2021"),
            model.Event(id="c", date="2020"),
        ),
        claims=(
            model.Claim(id="z", event="a"),
            model.Claim(id="y"),
            model.Claim(id="x", event="c"),
        ),
    )
    canonical = timeline.canonical()
    assert [event.id for event in canonical.events] == ["c", "a", "b"]
    assert [claim.id for claim in canonical.claims] == ["x", "z", "y"]
