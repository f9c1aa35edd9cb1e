"""Files into library records: ClaimReview / Fact Check Tools JSON, and timeline TOML.

JSON goes through the importer's reader (the same shapes, limits and messages as `factcheck
import`); a timeline gives its rated claims. Review dates become ISO days when they are
absolute dates in a common form ("2020-01-14T09:00:00Z", "14 January 2020", "Jan 14, 2020",
"14/01/2020"); anything else, relative phrases included, is dropped with a warning.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import attrs

from factcheck import dates, store
from factcheck.interop import importer
from factcheck.interop.ratings import STATUS_LABELS, Ratings
from factcheck.store import Problem


@attrs.frozen
class Record:
    """One published fact-check as the library keeps it."""

    key: str  # the review URL; without one, a digest of publisher and claim text
    claim: str
    url: str = ""
    claimant: str = ""
    rating: str = ""  # the publisher's own label
    status: str = ""  # our status for that label ("" when the label is unknown)
    publisher: str = ""
    date: str = ""  # ISO day of the review
    headline: str = ""
    language: str = ""


class SourceFailed(Exception):
    """Nothing can be added from a file; `problems` say why, each naming the file."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


def key_of(url: str, publisher: str, claim: str) -> str:
    """Identity of a review: its URL, else its publisher and claim text (re-adding updates)."""
    if url:
        return url
    digest = hashlib.sha256(f"{publisher}\0{claim}".encode("utf-8", "replace")).hexdigest()
    return f"claim:{digest[:32]}"


def read(
    path: Path, max_bytes: int = importer.MAX_IMPORT_BYTES
) -> tuple[list[Record], list[Problem]]:
    """Records and warnings from one file; SourceFailed when it has none to give."""
    if path.suffix.lower() == ".toml":
        return _from_timeline(path)
    try:
        document = importer.read_json(path, max_bytes)
        reviews, problems, seen = importer.reviews_of(document, str(path))
    except importer.ImportFailed as error:
        raise SourceFailed(error.problems) from None
    ratings = Ratings()
    statuses: dict[str, str] = {}  # label -> status: a feed repeats a handful of labels
    records = []
    dated: set[str] = set()  # where the importer's "not a date this tool reads" is wrong
    for review in reviews:
        if review.label not in statuses:
            statuses[review.label] = ratings.status_of(review.label) or ""
        day = review.review_date
        if not day and review.review_date_text:
            day = absolute_day(review.review_date_text)
            if day:
                prefix = f"{review.where}." if review.where else ""
                dated.update((f"{prefix}datePublished", f"{prefix}reviewDate"))
        records.append(
            Record(
                key=key_of(review.url, review.publisher_name, review.text),
                claim=review.text,
                url=review.url,
                claimant=review.claimant,
                rating=review.label,
                status=statuses[review.label],
                publisher=review.publisher_name,
                date=day,
                headline=review.title,
                language=review.language,
            )
        )
    problems = [problem for problem in problems if problem.where not in dated]
    if not records:
        problems.append(Problem(str(path), message=f"no review could be read ({seen} found)"))
        raise SourceFailed(problems)
    return records, problems


def _from_timeline(path: Path) -> tuple[list[Record], list[Problem]]:
    """The rated claims of a timeline (open ones have no verdict to find again)."""
    try:
        timeline = store.load(path).timeline
    except store.LoadError as error:
        raise SourceFailed(list(error.problems)) from None
    except IsADirectoryError:
        raise SourceFailed([Problem(str(path), message="is a folder, not a file")]) from None
    publisher = timeline.publisher.name if timeline.publisher else ""
    records = []
    for claim in timeline.claims:
        if not claim.is_reviewed:
            continue
        review = next((e for e in claim.evidence if e.stance != "context"), None)
        review = review or next(iter(claim.evidence), None)
        by = claim.reviewed_by or publisher
        records.append(
            Record(
                key=f"timeline:{timeline.id}#{claim.id}",
                claim=claim.text,
                url=review.url if review else "",
                claimant=claim.claimant,
                rating=STATUS_LABELS[claim.status],
                status=claim.status,
                publisher=by,
                date=claim.reviewed_on,
                headline=review.title if review else "",
            )
        )
    if not records:
        message = f"no rated claim to add ({len(timeline.claims)} claim(s), none reviewed)"
        raise SourceFailed([Problem(str(path), message=message)])
    return records, []


#: 03/04/2020 is March or April depending on the country: no guess.
_AMBIGUOUS = re.compile(r"(0?[1-9]|1[0-2])[/.-](0?[1-9]|1[0-2])[/.-][0-9]{4}")


@lru_cache(maxsize=8192)
def absolute_day(text: str) -> str:
    """The ISO day of an absolute date in a common form, or "" (never a guess).

    A date must spell out its year: "3 days ago" or "Tuesday" is not a review date.
    """
    text = text.strip()[:100]
    spelled = dates.written_day(text)
    if spelled:
        return spelled
    if not dates.FOUR_DIGIT_YEAR.search(text) or (
        (ambiguous := _AMBIGUOUS.fullmatch(text)) and ambiguous.group(1) != ambiguous.group(2)
    ):
        return ""
    parsed = _parser().get_date_data(text)
    if parsed.date_obj is None or parsed.period != "day":
        return ""
    return parsed.date_obj.date().isoformat()


@lru_cache(maxsize=1)
def _parser() -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"],
        settings={
            "STRICT_PARSING": True,
            "REQUIRE_PARTS": ["day", "month", "year"],
            "PREFER_DATES_FROM": "past",
        },
    )
