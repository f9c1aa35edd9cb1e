"""Fact-checkers' rating labels mapped to our status scale, overridable by a TOML file.

Labels are compared after normalisation (case, accents' compatibility forms, punctuation and
spacing ignored), so "Pants on Fire!", "pants-on-fire" and "PANTS ON FIRE" are one label.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path

from factcheck import model
from factcheck.store import LoadError, Problem, read_limited

_NOT_WORD = re.compile(r"[\W_]+")

#: Default mapping, keyed by normalised label. Sources: PolitiFact's Truth-O-Meter, Snopes'
#: rating definitions, and the plain labels most ClaimReview publishers use.
DEFAULT_RATINGS: dict[str, str] = {
    # our own labels (what `factcheck export --format claimreview` writes)
    "true": "true",
    "mostly true": "mostly-true",
    "mixed": "mixed",
    "mostly false": "mostly-false",
    "false": "false",
    "misleading": "misleading",
    "unproven": "unproven",
    "not checkable": "not-checkable",
    # PolitiFact
    "half true": "mixed",
    "pants on fire": "false",
    # Snopes
    "mixture": "mixed",
    "miscaptioned": "misleading",
    "unfounded": "unproven",
    "outdated": "misleading",
    "misattributed": "false",
    "correct attribution": "true",
    "legend": "unproven",
    "scam": "false",
    "fake": "false",
    "labeled satire": "not-checkable",
    "originated as satire": "misleading",
    "research in progress": "in-progress",
    # other common plain labels
    "correct": "true",
    "accurate": "true",
    "incorrect": "false",
    "inaccurate": "false",
    "partly true": "mixed",
    "partly false": "mixed",
    "half truth": "mixed",
    "missing context": "misleading",
    "needs context": "misleading",
    "out of context": "misleading",
    "exaggerated": "misleading",
    "unsupported": "unproven",
    "unverified": "unproven",
    "no evidence": "unproven",
    "satire": "not-checkable",
    "opinion": "not-checkable",
}

#: Human labels written as ClaimReview `alternateName` for each status.
STATUS_LABELS: dict[str, str] = {
    "unverified": "Unverified",
    "in-progress": "In progress",
    "true": "True",
    "mostly-true": "Mostly true",
    "mixed": "Mixed",
    "mostly-false": "Mostly false",
    "false": "False",
    "misleading": "Misleading",
    "unproven": "Unproven",
    "not-checkable": "Not checkable",
}


def normalize(label: str) -> str:
    """The comparison form of a label: NFKC, case-folded, punctuation and spaces collapsed."""
    folded = unicodedata.normalize("NFKC", label).casefold()
    return _NOT_WORD.sub(" ", folded).strip()


class RatingError(ValueError):
    """A rating override that cannot be used; `problems` name the file and the label."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


class Ratings:
    """A label -> status mapping: the defaults plus any overrides."""

    def __init__(self, overrides: Mapping[str, str] | None = None):
        self._map = dict(DEFAULT_RATINGS)
        for label, status in (overrides or {}).items():
            self._map[normalize(label)] = status

    def status_of(self, label: str) -> str | None:
        """Our status for a publisher's label, or None when the label is unknown."""
        return self._map.get(normalize(label))


def parse_overrides(pairs: Iterable[tuple[str, object]], where: str) -> dict[str, str]:
    """Check label = status pairs; RatingError lists every bad one."""
    problems = []
    result: dict[str, str] = {}
    for label, status in pairs:
        if not normalize(label):
            problems.append(
                Problem(where, model.shown(label), "the label has no letters or digits")
            )
        elif not isinstance(status, str) or status not in model.STATUSES:
            problems.append(
                Problem(
                    where,
                    model.shown(label),
                    f"{model.shown(status)} is not one of {', '.join(model.STATUSES)}",
                )
            )
        else:
            result[label] = status
    if problems:
        raise RatingError(problems)
    return result


#: A ratings map is a few dozen lines; anything far larger is not one (and is not read).
MAX_RATINGS_BYTES = 1024 * 1024


def load_overrides(path: Path) -> dict[str, str]:
    """Read a TOML file of `"Label" = "status"` lines (top level or under [ratings])."""
    name = str(path)
    try:
        data = read_limited(path, name, MAX_RATINGS_BYTES)
    except LoadError as error:
        raise RatingError(error.problems) from None
    except IsADirectoryError:
        raise RatingError([Problem(name, message="is a folder, not a ratings file")]) from None
    try:
        document = tomllib.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise RatingError([Problem(name, message="is not valid UTF-8")]) from None
    except tomllib.TOMLDecodeError as error:
        raise RatingError([Problem(name, message=f"invalid TOML: {error}")]) from None
    table = document.get("ratings", document) if len(document) == 1 else document
    if not isinstance(table, dict):
        raise RatingError([Problem(name, "ratings", "expected a table of label = status")])
    return parse_overrides(table.items(), name)


def parse_option(values: Iterable[str]) -> dict[str, str]:
    """`--rating "Four Pinocchios=false"` options as label -> status."""
    pairs: list[tuple[str, object]] = []
    for value in values:
        label, sep, status = value.rpartition("=")
        if not sep:
            raise RatingError([Problem("--rating", model.shown(value), "expected LABEL=STATUS")])
        pairs.append((label.strip(), status.strip()))
    return parse_overrides(pairs, "--rating")


#: Evidence stance of a review that rated a claim with this status.
STANCE_OF_STATUS: dict[str, str] = {
    "true": "supports",
    "mostly-true": "supports",
    "mostly-false": "refutes",
    "false": "refutes",
}


def stance_of(status: str) -> str:
    return STANCE_OF_STATUS.get(status, "context")
