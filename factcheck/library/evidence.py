"""A library match as evidence for a claim under review (the reviewer confirms the stance)."""

from __future__ import annotations

import json

from factcheck import model
from factcheck.interop.ratings import stance_of
from factcheck.library.database import LibraryError, Match
from factcheck.text import clip


def match_to_evidence(match: Match) -> model.Evidence:
    """Evidence linking the published fact-check, titled by publisher and rating.

    The stance is suggested from the rating (false -> refutes, true -> supports, anything
    else -> context); the note quotes the claim that was checked. LibraryError when the
    match has no URL usable as evidence.
    """
    problem = model.url_problem(match.url)
    if problem:
        raise LibraryError(f"this fact-check has no usable link: {problem}")
    rating = clip(match.rating, 60) or "unrated"
    title = f"{clip(match.publisher, 60)}: {rating}" if match.publisher else f"Fact-check: {rating}"
    checked = json.dumps(clip(match.claim, 200), ensure_ascii=False)
    note = f"Checked before: {checked}" + (f" ({match.date})" if match.date else "")
    return model.Evidence(url=match.url, title=title, stance=stance_of(match.status), note=note)
