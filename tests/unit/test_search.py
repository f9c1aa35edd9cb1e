"""Search (`factcheck.search`): a scan started from earlier scans and stopped anywhere finds
what reading every record finds, and a query that extends one reads only what it must."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck import search
from factcheck.model import Timeline
from tests.review.helpers import timeline

SMALL_LIMIT = 12


@pytest.fixture(scope="module")
def records() -> Timeline:
    # claims "figure 13 is right" by "speaker 1", ids claim-N and event-N
    return timeline(claims=300, events=40)


@pytest.fixture
def small_scans(monkeypatch: pytest.MonkeyPatch) -> None:
    """A limit and a chunk small enough that scans stop and resume often."""
    monkeypatch.setattr(search, "LIMIT", SMALL_LIMIT)
    monkeypatch.setattr(search, "CHUNK", 7)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The position of every record read, in order."""
    read: list[int] = []
    original = search.searched_text

    def counted(value: Timeline, position: int) -> str:
        read.append(position)
        return original(value, position)

    monkeypatch.setattr(search, "searched_text", counted)
    return read


def every_match(value: Timeline, query: str) -> list[tuple[str, str]]:
    """What a search means, read plainly from the first record to the last (the oracle the
    scans are held to, written apart from them): events, then claims, in file order."""
    sought = query.casefold().strip()
    if not sought:
        return []
    events = [
        ("event", event.id)
        for event in value.events
        if sought in " ".join((event.id, event.title, event.summary, event.date_text)).casefold()
    ]
    claims = [
        ("claim", claim.id)
        for claim in value.claims
        if sought in " ".join((claim.id, claim.text, claim.claimant)).casefold()
    ]
    return events + claims


def scan_to_the_end(value: Timeline, query: str, earlier: list[search.Scan]) -> search.Scan:
    scan = search.advance(value, search.begin(value, query, earlier), lambda _read: False)
    earlier.append(scan)
    return scan


def test_a_query_extending_one_that_matched_nothing_reads_nothing(
    records: Timeline, reads: list[int]
) -> None:
    earlier: list[search.Scan] = []
    first = scan_to_the_end(records, "zq", earlier)
    assert first.hits == () and first.complete
    assert len(reads) == search.record_count(records)
    reads.clear()
    for query in ("zqx", "zqxj", " ZQXJK "):
        scan = scan_to_the_end(records, query, earlier)
        assert scan.hits == () and scan.complete
    assert reads == []


@pytest.mark.usefixtures("small_scans")
def test_a_narrower_query_rereads_only_the_earlier_hits(
    records: Timeline, reads: list[int]
) -> None:
    earlier: list[search.Scan] = []
    wide = scan_to_the_end(records, "speaker", earlier)
    assert len(wide.hits) == SMALL_LIMIT and not wide.complete
    reads.clear()
    narrow = scan_to_the_end(records, "speaker 3", earlier)
    # the wide scan's hits are re-read, then reading goes on from where it stopped
    assert reads[: len(wide.hits)] == list(wide.hits)
    assert reads[len(wide.hits)] == wide.scanned
    assert narrow.records(records) == every_match(records, "speaker 3")[:SMALL_LIMIT]


@pytest.mark.usefixtures("small_scans")
def test_a_stopped_scan_resumes_where_it_stopped(records: Timeline, reads: list[int]) -> None:
    scan = search.begin(records, "no such words")
    scan = search.advance(records, scan, lambda read: read >= 100)
    assert not scan.done and scan.scanned == len(reads) >= 100
    stopped_at = scan.scanned
    reads.clear()
    scan = search.advance(records, scan, lambda _read: False)
    assert scan.complete and reads == list(range(stopped_at, search.record_count(records)))
    nothing_read = search.advance(records, search.begin(records, "no such"), lambda _read: True)
    assert nothing_read.scanned == 0 and not nothing_read.done


# typing: a letter, a backspace, or a whole new query; each scan stopped after some chunks
edits = st.lists(
    st.one_of(
        st.sampled_from("figure 13speakr-vntcl"),
        st.just("\b"),
        st.text("figure 3speakr", max_size=8).map(lambda text: "\n" + text),
    ),
    max_size=14,
)


@pytest.mark.usefixtures("small_scans")
@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(typed=edits, stops=st.lists(st.integers(0, 4), min_size=14, max_size=14))
def test_typing_finds_what_a_full_read_finds(
    records: Timeline, typed: list[str], stops: list[int]
) -> None:
    earlier: list[search.Scan] = []
    query = ""
    for edit, chunks in zip(typed, stops, strict=False):
        query = query[:-1] if edit == "\b" else edit[1:] if edit[0] == "\n" else query + edit
        # a key stops the previous query's scan after some chunks; it is kept as a start
        partial = search.begin(records, query, earlier)
        after = chunks * 7
        earlier.append(search.advance(records, partial, lambda read, after=after: read >= after))
    final = scan_to_the_end(records, query, earlier)
    expected = every_match(records, query)
    assert final.records(records) == expected[:SMALL_LIMIT]
    if len(expected) < SMALL_LIMIT:
        assert final.complete
