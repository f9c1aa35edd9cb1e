"""Simulated concurrent reviews: random pairs of edit sets on a 300-claim timeline.

Every pair whose edits never touch the same field of the same record must merge cleanly to
exactly what applying both edit sets one after the other gives. Some pairs get one planted
same-field clash, which must come out as a conflict (and only that one).
FACTCHECK_SIM_PAIRS=2000 runs a longer simulation.
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable

import attrs

from factcheck.model import STATUSES, Claim, Evidence, Timeline
from factcheck.review.merge import merge
from tests.review.helpers import timeline

PAIRS = int(os.environ.get("FACTCHECK_SIM_PAIRS", "100"))
Edit = Callable[[Timeline], Timeline]


def base_timeline() -> Timeline:
    value = timeline(claims=300, events=20)
    claims = list(value.claims)
    for n in range(0, 300, 3):  # a third of the claims already have evidence
        claims[n] = attrs.evolve(claims[n], evidence=(
            Evidence(url=f"https://example.org/base/{n}", stance="context"),
        ))  # fmt: skip
    return attrs.evolve(value, claims=tuple(claims))


def _claim_edit(claim_id: str, **changes: object) -> Edit:
    def edit(value: Timeline) -> Timeline:
        claim = value.claim(claim_id)
        assert claim is not None
        return value.replace_claim(attrs.evolve(claim, **changes))

    return edit


def _evidence_edit(claim_id: str, url: str, add: bool) -> Edit:
    def edit(value: Timeline) -> Timeline:
        claim = value.claim(claim_id)
        assert claim is not None
        if add:
            items = (*claim.evidence, Evidence(url=url, title="t", stance="supports"))
        else:
            items = tuple(item for item in claim.evidence if item.url != url)
        return value.replace_claim(attrs.evolve(claim, evidence=items))

    return edit


def _delete(claim_id: str) -> Edit:
    return lambda value: attrs.evolve(
        value, claims=tuple(c for c in value.claims if c.id != claim_id)
    )


def _add(claim_id: str, event: str) -> Edit:
    return lambda value: attrs.evolve(
        value, claims=(*value.claims, Claim(id=claim_id, text="new", event=event))
    )


def _event_title(event_id: str, title: str) -> Edit:
    def edit(value: Timeline) -> Timeline:
        event = value.event(event_id)
        assert event is not None
        return value.replace_event(attrs.evolve(event, title=title))

    return edit


def edit_set(
    rng: random.Random, base: Timeline, side: str, taken: set[tuple[str, str]]
) -> list[Edit]:
    """Up to 12 random edits; `taken` holds (record, field) pairs already touched by anyone."""
    edits: list[Edit] = []
    for n in range(rng.randint(1, 12)):
        claim = rng.choice(base.claims)
        key = f"claims.{claim.id}"
        if (key, "*") in taken:
            continue
        kind = rng.choice(["status", "verdict", "notes", "add-evidence", "drop-evidence",
                           "delete", "add", "event-title"])  # fmt: skip
        fields = {"status": ("status", "reviewed_by", "reviewed_on"), "verdict": ("verdict",),
                  "notes": ("notes",)}  # fmt: skip
        if kind in fields:
            if any((key, name) in taken for name in fields[kind]):
                continue
            taken.update((key, name) for name in fields[kind])
            if kind == "status":
                status = rng.choice([s for s in STATUSES if s != claim.status])
                edits.append(_claim_edit(claim.id, status=status, reviewed_by=side,
                                         reviewed_on="2026-11-26"))  # fmt: skip
            else:
                edits.append(_claim_edit(claim.id, **{kind: f"{side} {n}"}))
        elif kind == "add-evidence":
            url = f"https://example.org/{side}/{n}"
            taken.add((key, f"evidence[{url}]"))
            edits.append(_evidence_edit(claim.id, url, add=True))
        elif kind == "drop-evidence" and claim.evidence:
            url = claim.evidence[0].url
            if (key, f"evidence[{url}]") not in taken:
                taken.add((key, f"evidence[{url}]"))
                edits.append(_evidence_edit(claim.id, url, add=False))
        elif kind == "delete" and not any(record == key for record, _ in taken):
            taken.add((key, "*"))
            edits.append(_delete(claim.id))
        elif kind == "add":
            edits.append(_add(f"added-{side}-{n}", rng.choice(base.events).id))
        elif kind == "event-title":
            event = rng.choice(base.events)
            if (f"events.{event.id}", "title") not in taken:
                taken.add((f"events.{event.id}", "title"))
                edits.append(_event_title(event.id, f"{side} title {n}"))
    return edits


def apply(value: Timeline, edits: list[Edit]) -> Timeline:
    for edit in edits:
        value = edit(value)
    return value


def test_random_concurrent_edit_sets_merge_like_applying_both() -> None:
    rng = random.Random(20261126)
    base = base_timeline()
    clashes = 0
    for pair in range(PAIRS):
        taken: set[tuple[str, str]] = set()
        ours_edits = edit_set(rng, base, "ana", taken)
        theirs_edits = edit_set(rng, base, "ben", taken)
        clash = pair % 5 == 4
        if clash:  # both set the verdict of one untouched claim, differently
            free = [c.id for c in base.claims if not any(r == f"claims.{c.id}" for r, _ in taken)]
            target = rng.choice(free)
            ours_edits.append(_claim_edit(target, verdict="ours"))
            theirs_edits.append(_claim_edit(target, verdict="theirs"))
        ours, theirs = apply(base, ours_edits), apply(base, theirs_edits)
        result = merge(base, ours, theirs)
        expected = apply(ours, theirs_edits).canonical()
        if clash:
            clashes += 1
            assert [(c.record, c.field) for c in result.conflicts] == [
                (f"claims.{target}", "verdict")
            ]
            ours_kept = apply(ours, theirs_edits[:-1]).canonical()  # their other edits apply
            assert attrs.evolve(result.timeline, conflicts=()) == ours_kept, f"pair {pair}"
        else:
            assert result.clean, f"pair {pair}: {result.conflicts}"
            assert result.timeline == expected, f"pair {pair}"
    assert clashes == PAIRS // 5
