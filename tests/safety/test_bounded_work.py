"""Work bounded by the input's size, not by a product of its parts (issue 17.4, 17.9).

Asserted on work done (candidate positions scored, comparisons made), never on time.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import attrs
import pytest

from factcheck import anchors, check, store
from factcheck.model import Anchor, Claim, Event, Source, Timeline
from factcheck.review import diff

MB = 1024 * 1024


def repeated_letter_timeline(folder: Path, claims: int) -> Path:
    """A 1 MB source of "a" and claims quoting "a" at offsets past its end (all moved)."""
    text = "a" * MB
    (folder / "sources").mkdir()
    (folder / "sources" / "a.txt").write_text(text)
    source = Source(id="a", file="sources/a.txt", sha256=hashlib.sha256(text.encode()).hexdigest())
    records = tuple(
        Claim(id=f"c{n}", text="a", anchor=Anchor(source="a", start=2 * MB + n, end=2 * MB + n + 1,
                                                   exact="a", prefix="b", suffix="c"))
        for n in range(claims)
    )  # fmt: skip
    path = folder / "t.toml"
    store.save(path, Timeline(id="t", sources=(source,), claims=records))
    return path


def test_reanchoring_a_repeated_quote_scores_a_bounded_number_of_positions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = repeated_letter_timeline(tmp_path, claims=10)
    scored: list[int] = []
    real_score = anchors._context_score

    def counting(anchor: Anchor, text: str, start: int) -> int:
        scored.append(start)
        return real_score(anchor, text, start)

    monkeypatch.setattr(anchors, "_context_score", counting)
    report = check.check_file(path)
    moved = [p for p in report.problems if "moved to" in p.message]
    assert len(moved) == 10  # every claim re-found: the nearest "a" to its old offset
    assert all(f"moved to {MB - 1}..{MB}" in p.message for p in moved), moved[0]
    # the unbounded search scored every one of the 1,048,576 positions for each claim
    assert len(scored) <= 10 * anchors.MAX_CANDIDATES, len(scored)


def test_reanchoring_still_prefers_the_best_context_then_the_nearest() -> None:
    text = "x said a. y said a. z said a. y said a."
    anchor = anchors.find("s", text, "said a", occurrence=1)  # "y said a", first one
    shifted = "prefix " + text
    moved = anchors.relocate(anchor, shifted)
    assert moved is not None and moved.start == anchor.start + len("prefix ")
    far = attrs.evolve(anchor, start=len(text) - 3, end=len(text) + 3, prefix="", suffix="")
    nearest = anchors.relocate(far, text)
    assert nearest is not None and nearest.start == text.rindex("said a")
    edited = attrs.evolve(anchor, prefix="QQQ y ", suffix=". z")  # context partly changed
    best = anchors.relocate(attrs.evolve(edited, start=0, end=6), text)
    assert best is not None and best.start == text.index("y said a") + 2


def test_diff_of_many_actors_compares_sets(monkeypatch: pytest.MonkeyPatch) -> None:
    old = Event(id="e", actors=tuple(f"actor {n}" for n in range(60_000)))
    new = attrs.evolve(old, actors=(*old.actors[1:], "actor new"))
    compared = 0
    bound = 10 * 60_000  # `x not in tuple` compared up to 60,000 x 60,000 pairs
    real_eq = str.__eq__

    class Counted(str):
        def __eq__(self, other: object) -> bool:
            nonlocal compared
            compared += 1
            if compared > bound:
                raise AssertionError(f"more than {bound:,} comparisons of actors")
            return real_eq(self, other)

        __hash__ = str.__hash__

    counted_old = attrs.evolve(old, actors=tuple(Counted(a) for a in old.actors))
    counted_new = attrs.evolve(new, actors=tuple(Counted(a) for a in new.actors))
    changes = diff.record_changes("events.e", counted_old, counted_new)
    assert [c.text for c in changes] == ['event e: actors +"actor new" -"actor 0"']
