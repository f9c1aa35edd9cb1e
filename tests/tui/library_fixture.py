"""Invented published fact-checks on example.org, for the explorer's "Checked before" view.

They echo the claims of the council fixture and of the shipped Chicago timeline, so each
of those claims has a clear best match; one review carries hostile text in every field.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from factcheck.library import Library, sources
from tests.tui.fixtures import HOSTILE


def review(slug: str, claim: str, rating: str, publisher: str, day: str) -> dict[str, Any]:
    return {
        "@type": "ClaimReview",
        "claimReviewed": claim,
        "url": f"https://checks.example.org/{slug}",
        "headline": f"Checked: {claim}",
        "author": {"@type": "Organization", "name": publisher},
        "datePublished": day,
        "inLanguage": "en",
        "reviewRating": {"@type": "Rating", "alternateName": rating},
    }


REVIEWS: list[dict[str, Any]] = [
    review("searches-4000", "Police ran 4,000 facial recognition searches last year.",
           "False", "Example Checks", "2021-02-10"),
    review("searches-council", "The council said police searches doubled last year.",
           "Mostly True", "Other Desk", "2021-01-05"),
    review("billion-images", "The facial recognition database holds 3 billion images.",
           "True", "Example Checks", "2020-02-01"),
    review("clearview-billion", "Clearview AI's database holds 3 billion images from websites.",
           "Mostly True", "Other Desk", "2020-01-20"),
    review("mug-shots", "Police use the facial recognition tool only on mug shots.",
           "Misleading", "Example Checks", "2020-03-01"),
    review("public-hearing", "The mayor promised a public hearing on facial recognition.",
           "True", "Other Desk", "2021-02-04"),
    review("chicago-contract", "The Chicago Police Department signed a contract with Clearview AI.",
           "True", "Example Checks", "2020-01-30"),
]  # fmt: skip

#: Hostile text in every field the view shows; it matches the claim "searches-last-year".
HOSTILE_REVIEW: dict[str, Any] = {
    "@type": "ClaimReview",
    "claimReviewed": f"{HOSTILE} police searches last year",
    "url": "https://checks.example.org/hostile",
    "headline": HOSTILE,
    "author": {"name": HOSTILE},
    "datePublished": "2021-02-11",
    "reviewRating": {"alternateName": f"{HOSTILE} False"},
}


def write_reviews(path: Path, reviews: list[dict[str, Any]] = REVIEWS) -> Path:
    path.write_text(json.dumps(reviews), encoding="utf-8")
    return path


def build_library(folder: Path, reviews: list[dict[str, Any]] = REVIEWS) -> Path:
    """A library file in `folder` holding `reviews`; its path."""
    source = write_reviews(folder / "reviews.json", reviews)
    records, problems = sources.read(source)
    assert problems == []
    with Library.open(folder / "library.sqlite", create=True) as library:
        library.add(records, str(source))
    return folder / "library.sqlite"
