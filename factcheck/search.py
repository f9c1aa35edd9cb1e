"""Searching a timeline's events and claims by text, claimant or id, without a terminal.

A record matches when its searched text contains the query, in any case. Records are read in
one order, events then claims, each in file order (a record's *position* in that order).

Typing a query is a chain of searches, each a small change to the last, and a full read
takes about a second at 500,000 claims; so a search is a resumable `Scan` that can start
from an earlier one. A query that contains an earlier query matches a subset of what it
matched: it re-reads only that query's hits among the records already read, and reads on
from where that scan stopped (a query extending one that matched nothing reads nothing).
A scan stops after `LIMIT` hits, or when its caller says stop, and resumes later.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import attrs

from factcheck.model import Timeline

#: Matches a scan collects at most (what the search box lists).
LIMIT = 200

#: Records read between two questions to the caller whether to stop.
CHUNK = 2048


def needle(query: str) -> str:
    """What a query looks for: its text, stripped and casefolded."""
    return query.casefold().strip()


def record_count(timeline: Timeline) -> int:
    return len(timeline.events) + len(timeline.claims)


def searched_text(timeline: Timeline, position: int) -> str:
    """The casefolded searched text of the record at `position`: events first, then claims."""
    if position < len(timeline.events):
        event = timeline.events[position]
        return " ".join((event.id, event.title, event.summary, event.date_text)).casefold()
    claim = timeline.claims[position - len(timeline.events)]
    return " ".join((claim.id, claim.text, claim.claimant)).casefold()


def record_at(timeline: Timeline, position: int) -> tuple[str, str]:
    """("event" | "claim", id) of the record at `position`."""
    if position < len(timeline.events):
        return "event", timeline.events[position].id
    return "claim", timeline.claims[position - len(timeline.events)].id


def _matching(timeline: Timeline, sought: str, positions: Iterable[int]) -> Iterator[int]:
    return (position for position in positions if sought in searched_text(timeline, position))


@attrs.frozen
class Scan:
    """A search of `sought` that has read records 0 .. `scanned` - 1 and found `hits` among
    them (every one, in order). Done when it read every record or found `LIMIT` hits."""

    sought: str
    scanned: int
    hits: tuple[int, ...]
    total: int

    @property
    def done(self) -> bool:
        return self.scanned >= self.total or len(self.hits) >= LIMIT

    @property
    def complete(self) -> bool:
        """Every record read: `hits` are all the matches, not the first `LIMIT`."""
        return self.scanned >= self.total

    def records(self, timeline: Timeline) -> list[tuple[str, str]]:
        return [record_at(timeline, position) for position in self.hits]


def begin(timeline: Timeline, query: str, earlier: Iterable[Scan] = ()) -> Scan:
    """A scan of `query`, started from the earlier scan that saves the most reading.

    An earlier scan whose query `query` contains vouches for the records it read: only its
    hits there can match. The one that read furthest is taken (its hits, at most `LIMIT`,
    are re-read; what it did not read is read on)."""
    sought = needle(query)
    total = record_count(timeline)
    if not sought:
        return Scan(sought, total, (), total)
    usable = [scan for scan in earlier if scan.sought and scan.sought in sought]
    if not usable:
        return Scan(sought, 0, (), total)
    base = max(usable, key=lambda scan: (scan.scanned, -len(scan.hits)))
    hits = base.hits if base.sought == sought else tuple(_matching(timeline, sought, base.hits))
    return Scan(sought, base.scanned, hits, total)


def advance(timeline: Timeline, scan: Scan, stop: Callable[[int], bool]) -> Scan:
    """Read on from where `scan` stopped until it is done, or until `stop(records read by
    this call)` says so (asked before every `CHUNK` records, the first too)."""
    hits = list(scan.hits)
    position = scan.scanned
    while position < scan.total and len(hits) < LIMIT:
        if stop(position - scan.scanned):
            break
        end = min(position + CHUNK, scan.total)
        for found in _matching(timeline, scan.sought, range(position, end)):
            hits.append(found)
            if len(hits) >= LIMIT:
                end = found + 1
                break
        position = end
    return Scan(scan.sought, position, tuple(hits), scan.total)


def step_match(
    timeline: Timeline, query: str, current: tuple[str, str] | None, delta: int
) -> tuple[tuple[str, str] | None, bool]:
    """The match after (`delta` 1) or before (-1) `current` in the records' order,
    wrapping, and whether it wrapped; (None, False) when nothing matches. Reads records
    from `current` on and stops at the first match (a list of every match took 1.1 s a
    key press on 500,000 claims)."""
    sought = needle(query)
    count = record_count(timeline)
    if not sought or not count:
        return None, False
    start = -1 if delta > 0 else count
    if current is not None:
        kind, record = current
        if kind == "event" and record in timeline.event_index:
            start = timeline.event_index[record]
        elif kind == "claim" and record in timeline.claim_index:
            start = len(timeline.events) + timeline.claim_index[record]
    for step in range(1, count + 1):
        position = start + step * delta
        if sought in searched_text(timeline, position % count):
            return record_at(timeline, position % count), not 0 <= position < count
    return None, False
