"""Work bounded by the input's size, not by a product of its parts (issue 17.4, 17.9).

Asserted on work done (candidate positions scored, characters searched, comparisons made),
never on time.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner

from factcheck import anchors, check, store
from factcheck.cli import cli
from factcheck.model import Anchor, Claim, Event, Source, Timeline
from factcheck.review import diff

MB = 1024 * 1024


def repeated_letter_timeline(folder: Path, claims: int) -> Path:
    """A 1 MB source of "a" and claims quoting "a" at offsets past its end (all moved)."""
    moved = [
        Anchor(source="a", start=2 * MB + n, end=2 * MB + n + 1, exact="a", prefix="b", suffix="c")
        for n in range(claims)
    ]
    return quoting_timeline(folder, "a" * MB, moved)


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


def counted_search(monkeypatch: pytest.MonkeyPatch, budget: int | None = None) -> list[int]:
    """The characters each search window searched; `budget` replaces SEARCH_BUDGET."""
    spent: list[int] = []
    real_spend = anchors.Budget.spend

    def spend(self: anchors.Budget, characters: int) -> None:
        real_spend(self, characters)
        spent.append(characters)  # searched: the budget allowed it

    monkeypatch.setattr(anchors.Budget, "spend", spend)
    if budget is not None:
        real_budget = anchors.Budget
        monkeypatch.setattr(anchors, "Budget", lambda: real_budget(left=budget, limit=budget))
    return spent


def quoting_timeline(folder: Path, text: str, records: list[Anchor]) -> Path:
    """A timeline of one source holding `text` and a claim "a" for each anchor."""
    (folder / "sources").mkdir()
    (folder / "sources" / "a.txt").write_text(text)
    source = Source(id="a", file="sources/a.txt", sha256=hashlib.sha256(text.encode()).hexdigest())
    claims = tuple(Claim(id=f"c{n}", text="a", anchor=anchor) for n, anchor in enumerate(records))
    path = folder / "t.toml"
    store.save(path, Timeline(id="t", sources=(source,), claims=claims))
    return path


def test_locating_a_hand_written_repeated_quote_is_bounded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A hand-written anchor (no offsets) scored every occurrence: 10 quoting "a" in 1 MB of
    "a" took 28 s (73 s with 32-letter contexts)."""
    text = "a" * (MB // 2) + "b" + "a" * (MB // 2)
    unplaceable = Anchor(source="a", start=0, end=0, exact="a", prefix="a" * 32, suffix="a" * 32)
    unique = Anchor(source="a", start=0, end=0, exact="a", prefix="b")  # "ba" occurs once
    path = quoting_timeline(tmp_path, text, [unplaceable] * 10 + [unique])
    scored: list[int] = []
    real_score = anchors._context_score
    monkeypatch.setattr(
        anchors, "_context_score", lambda *args: scored.append(1) or real_score(*args)
    )
    spent = counted_search(monkeypatch)
    problems = {p.where.split('"')[1]: p.message for p in check.check_file(path).problems}
    assert "found at 524289..524290" in problems.pop("c10"), problems
    assert set(problems.values()) == {
        'cannot locate "a": its exact text occurs more than 256 times in the source; add a '
        "prefix or suffix (the text just before or after it, as in the source) to say which"
    }
    assert len(problems) == 10
    assert scored == []  # the unbounded search scored all 1,048,577 positions, per anchor
    # the ten: one window each (their quote and context repeat at once); the unique one
    # is searched in the whole text (windows doubling), to know that it is unique
    assert sum(spent) <= 10 * 2 * 2 * _WINDOW_AND_NEEDLE + 4 * len(text), sum(spent)


_WINDOW_AND_NEEDLE = 8 * 1024  # the first window either side of a position, and then some


def test_quotes_missing_from_a_large_source_search_a_bounded_number_of_characters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each quote missing from a source is searched for in all of it: 1,000 missing from
    40 MB of "a" took 6 minutes. The file's search budget bounds the total; the quotes
    past it are reported as not searched for, by `check` and by `fmt`."""
    text = "a" * MB
    missing = [
        Anchor(source="a", start=MB // 2 + n, end=MB // 2 + n + 9, exact="aaaaaaaab", prefix="x")
        for n in range(300)
    ]
    path = quoting_timeline(tmp_path, text, missing)
    budget = 16 * MB
    spent = counted_search(monkeypatch, budget)
    messages = [p.message for p in check.check_file(path).problems]
    limit = budget + anchors.SEARCH_PER_CHARACTER * MB
    assert sum(spent) <= limit  # without the budget: 300 x the source, twice, per quote
    orphans = [m for m in messages if m.startswith("orphan")]
    unsearched = [m for m in messages if m.startswith(check.NOT_SEARCHED)]
    assert len(orphans) + len(unsearched) == 300 and orphans and unsearched
    assert f"limit of {limit:,} characters" in unsearched[0], unsearched[0]
    spent.clear()
    done = CliRunner().invoke(cli, ["fmt", str(path)])
    assert done.exit_code == 1 and f"{check.NOT_SEARCHED} " in done.output, done.output
    assert sum(spent) <= limit


def test_quotes_moved_by_an_edit_search_near_their_old_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The budget is no limit for a real edit: each moved quote costs a few KB to find."""
    words = " ".join(f"word{n}" for n in range(200_000))  # 1.3 MB, every word unique
    quotes = [anchors.find("a", words, f"word{n} ") for n in range(0, 200_000, 500)]
    path = quoting_timeline(tmp_path, "An inserted sentence. " + words, quotes)
    spent = counted_search(monkeypatch)
    moved = [p for p in check.check_file(path).problems if "moved to" in p.message]
    assert len(moved) == len(quotes) == 400
    assert sum(spent) <= len(quotes) * 2 * _WINDOW_AND_NEEDLE, sum(spent)


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
