"""Extraction scored against hand-written truth; the floors are enforced here.

The development set (devset/) was used while building extract; the held-out articles
(heldout/) were written with their truth before extract was first run on them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.extract import devscore

FLOORS = {"dates (day)": 0.9, "dates (all)": 0.8, "claims": 0.8, "kinds": 0.8}


@pytest.mark.parametrize("folder", ["devset", "heldout"])
def test_scores_meet_the_floors(folder: str) -> None:
    results = devscore.score_all(Path(__file__).parent / folder)
    print(f"\n{folder}:")
    for name, score in results.items():
        print("  " + score.line(name))
    for name, floor in FLOORS.items():
        score = results[name]
        assert score.precision >= floor and score.recall >= floor, (
            f"{folder} {name}: {score.line(name)}\n" + "\n".join(score.misses)
        )
