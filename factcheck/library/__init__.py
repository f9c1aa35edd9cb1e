"""A local library of published fact-checks, and matching claims against it.

The explorer's "Checked before" view needs three calls:
`Library.open(path)`, `library.match(text, top=k)` and `match_to_evidence(match)`.
"""

from factcheck.library.database import (
    Added,
    Library,
    LibraryError,
    LibraryMissing,
    Match,
    Stats,
    default_path,
)
from factcheck.library.evidence import match_to_evidence

__all__ = [
    "Added",
    "Library",
    "LibraryError",
    "LibraryMissing",
    "Match",
    "Stats",
    "default_path",
    "match_to_evidence",
]
