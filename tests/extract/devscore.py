"""Scoring extraction against the hand-written development set (tests/extract/devset/).

An event matches an expected one when their date words overlap (one contains the other) and
the dates are equal; a claim matches when the expected words are in its text and the
claimants agree (one contains the other, ignoring case and a leading "the").
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.extract import extract_text
from factcheck.model import Timeline

DEVSET = Path(__file__).parent / "devset"


def _is_day(date: str) -> bool:
    return len(date) == 10 and "/" not in date


def _who(name: str) -> str:
    name = name.casefold().strip()
    return name.removeprefix("the ").removesuffix("'s").strip()


def _same_claimant(expected: str, found: str) -> bool:
    a, b = _who(expected), _who(found)
    return a == b or bool(a and b and (a in b or b in a))


def _words_overlap(a: str, b: str) -> bool:
    a, b = a.casefold(), b.casefold()
    return a in b or b in a


@dataclass
class Score:
    found: int = 0
    correct_found: int = 0
    expected: int = 0
    correct_expected: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct_found / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.correct_expected / self.expected if self.expected else 1.0

    def add(self, other: Score) -> None:
        self.found += other.found
        self.correct_found += other.correct_found
        self.expected += other.expected
        self.correct_expected += other.correct_expected
        self.misses += other.misses

    def line(self, name: str) -> str:
        return (
            f"{name:<18} precision {self.precision:.2f} ({self.correct_found}/{self.found})  "
            f"recall {self.recall:.2f} ({self.correct_expected}/{self.expected})"
        )


def _match(expected: list[dict[str, str]], found: list[object], same) -> tuple[int, int]:
    """Greedy one-to-one matching; returns (found items matched, expected items matched)."""
    used: set[int] = set()
    for item in found:
        for index, truth in enumerate(expected):
            if index not in used and same(truth, item):
                used.add(index)
                break
    return len(used), len(used)


def score_article(path: Path) -> dict[str, Score]:
    truth = tomllib.loads(path.with_suffix(".expected.toml").read_text("utf-8"))
    timeline: Timeline = extract_text(path.read_bytes(), path.name, f"sources/{path.name}")
    events, claims = truth.get("events", []), truth.get("claims", [])
    scores = {"dates (all)": Score(), "dates (day)": Score(), "claims": Score(), "kinds": Score()}

    def same_event(expected: dict[str, str], event) -> bool:
        return _words_overlap(expected["date_text"], event.date_text) and (
            expected["date"] == event.date
        )

    for name, keep in (("dates (all)", lambda d: True), ("dates (day)", _is_day)):
        found = [event for event in timeline.events if keep(event.date)]
        wanted = [event for event in events if keep(event["date"])]
        score = scores[name]
        score.found, score.expected = len(found), len(wanted)
        score.correct_found, score.correct_expected = _match(wanted, found, same_event)
        for event in found:
            if not any(same_event(truth_event, event) for truth_event in wanted):
                score.misses.append(f"{path.name}: extra/wrong {event.date_text!r} -> {event.date}")
        for truth_event in wanted:
            if not any(same_event(truth_event, event) for event in found):
                score.misses.append(
                    f"{path.name}: missed {truth_event['date_text']!r} -> {truth_event['date']}"
                )

    def same_claim(expected: dict[str, str], claim) -> bool:
        return expected["text"] in claim.text and _same_claimant(
            expected["claimant"], claim.claimant
        )

    score = scores["claims"]
    score.found, score.expected = len(timeline.claims), len(claims)
    score.correct_found, score.correct_expected = _match(claims, list(timeline.claims), same_claim)
    for claim in timeline.claims:
        if not any(same_claim(truth_claim, claim) for truth_claim in claims):
            score.misses.append(
                f"{path.name}: extra claim {claim.claimant!r} ({claim.kind}): {claim.text[:60]!r}"
            )
    for truth_claim in claims:
        if not any(same_claim(truth_claim, claim) for claim in timeline.claims):
            score.misses.append(
                f"{path.name}: missed claim {truth_claim['claimant']!r}: {truth_claim['text']!r}"
            )
    kinds = scores["kinds"]
    for truth_claim in claims:
        for claim in timeline.claims:
            if same_claim(truth_claim, claim):
                kinds.expected += 1
                kinds.found += 1
                if claim.kind == truth_claim["kind"]:
                    kinds.correct_expected += 1
                    kinds.correct_found += 1
                break
    return scores


def score_all(folder: Path = DEVSET) -> dict[str, Score]:
    totals = {name: Score() for name in ("dates (all)", "dates (day)", "claims", "kinds")}
    for path in sorted(folder.glob("*.txt")):
        for name, score in score_article(path).items():
            totals[name].add(score)
    return totals


if __name__ == "__main__":
    for name in ("devset", "heldout"):
        results = score_all(Path(__file__).parent / name)
        print(f"{name}:")
        for key, value in results.items():
            print("  " + value.line(key))
        for key, value in results.items():
            for miss in value.misses:
                print(f"    [{key}] {miss}")
