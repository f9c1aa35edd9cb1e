"""What the extraction regression tests share: one fixed article day, extraction of a short
text written for a test, and the claimant of the claim holding some words."""

from __future__ import annotations

import datetime as dt

from factcheck.extract import extract_text
from factcheck.model import Timeline

DAY = dt.date(2020, 2, 5)  # a Wednesday


def extract(text: str, date: dt.date | None = DAY) -> Timeline:
    return extract_text(text.encode(), "case.txt", "sources/case.txt", date)


def claimant_of(timeline: Timeline, words: str) -> str:
    matches = [claim for claim in timeline.claims if words in claim.text]
    assert matches, f"no claim holds {words!r}: {[c.text for c in timeline.claims]}"
    return matches[0].claimant
