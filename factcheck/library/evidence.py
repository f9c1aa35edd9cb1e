"""A library match as evidence for a claim under review (the reviewer confirms the stance)."""

from __future__ import annotations

from factcheck import model
from factcheck.interop.ratings import stance_of
from factcheck.library.database import LibraryError, Match


def match_to_evidence(match: Match) -> model.Evidence:
    """Evidence linking the published fact-check, titled by publisher and rating.

    The stance is suggested from the rating (false -> refutes, true -> supports, anything
    else -> context). LibraryError when the match has no URL usable as evidence.
    """
    problem = model.url_problem(match.url)
    if problem:
        raise LibraryError(f"this fact-check has no usable link: {problem}")
    rating = match.rating or "unrated"
    title = f"{match.publisher}: {rating}" if match.publisher else f"Fact-check: {rating}"
    return model.Evidence(url=match.url, title=title, stance=stance_of(match.status))
