"""The shipped timeline: loads clean, is canonical, anchored, unreviewed, and tells the article.

The file is hand-recorded from the seed article; these checks keep later edits (by people or
by `factcheck fmt`) from silently breaking it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from factcheck import anchors, check, dates, store
from factcheck.model import Timeline

ROOT = Path(__file__).resolve().parents[2]
TIMELINE = ROOT / "timelines" / "chicago-facial-recognition-2020.toml"
SOURCE = ROOT / "timelines" / "sources" / "chicago-facial-recognition-2020.txt"


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    return store.load(TIMELINE).timeline


def test_check_reports_no_problems() -> None:
    report = check.check_file(TIMELINE)
    assert report.problems == ()


def test_dump_of_load_is_the_file_bytes() -> None:
    assert store.dumps(store.load(TIMELINE).timeline).encode("utf-8") == TIMELINE.read_bytes()


def test_source_is_recorded_with_its_hash(timeline: Timeline) -> None:
    (source,) = timeline.sources
    assert source.id == "article"
    assert source.published == "2020-02-05"
    assert source.url == ""  # the article's address is not known for sure
    assert source.sha256 == hashlib.sha256(SOURCE.read_bytes()).hexdigest()
    assert store.source_path(TIMELINE, source) == SOURCE


def test_all_claims_are_unverified_without_evidence(timeline: Timeline) -> None:
    assert timeline.claims
    for claim in timeline.claims:
        assert claim.status == "unverified", claim.id
        assert claim.evidence == (), claim.id
        assert (claim.verdict, claim.reviewed_by, claim.reviewed_on) == ("", "", ""), claim.id


def test_every_anchor_verifies_against_the_source(timeline: Timeline) -> None:
    text = SOURCE.read_text(encoding="utf-8")
    records = [*timeline.events, *timeline.claims]
    for record in records:
        assert record.anchor is not None, record.id
        assert record.anchor.source == "article"
        assert anchors.verify(record.anchor, text), record.id
        assert record.anchor == anchors.make(
            "article", text, record.anchor.start, record.anchor.end
        )


@pytest.mark.parametrize(
    ("event_id", "date", "date_text", "label"),
    [
        ("sun-times-report", "2020-01-27/2020-02-02", "last week", "week of 27 Jan 2020"),
        ("cpd-clearview-contract", "../2020-02-02", "new contract", "before 2 Feb 2020"),
        ("press-conference", "2020-02-04", "on Tuesday", "4 Feb 2020"),
        ("mayor-statement", "2020-02-04", "Tuesday", "4 Feb 2020"),
        ("planned-ordinance", "", "", "undated"),
    ],
)
def test_required_events_and_their_dates(
    timeline: Timeline, event_id: str, date: str, date_text: str, label: str
) -> None:
    event = timeline.event(event_id)
    assert event is not None
    assert (event.date, event.date_text) == (date, date_text)
    assert dates.display(event.date) == label
    assert event.anchor is not None
    assert date_text in event.anchor.exact


def test_dates_are_not_after_the_article(timeline: Timeline) -> None:
    """Everything dated happened before publication; the planned regulation stays undated."""
    published = dates.parse("2020-02-05").lower
    for event in timeline.events:
        if event.date:
            assert dates.parse(event.date).upper < published, event.id


def test_claims_belong_to_events_and_quotes_are_the_source_words(timeline: Timeline) -> None:
    for claim in timeline.claims:
        assert timeline.event(claim.event) is not None, claim.id
        assert claim.anchor is not None
        if claim.kind == "quote":
            assert claim.text == claim.anchor.exact, claim.id
            assert claim.claimant, claim.id


@pytest.mark.parametrize(
    ("claim_id", "event_id", "claimant", "kind"),
    [
        ("clearview-3-billion-images", "cpd-clearview-contract", "", "statistic"),
        ("clearview-images-from-websites", "cpd-clearview-contract", "", "statement"),
        ("cpd-has-clearview-contract", "cpd-clearview-contract", "", "statement"),
        ("sun-times-reported-deal", "sun-times-report", "", "statement"),
        (
            "facial-recognition-racially-biased",
            "press-conference",
            "a group of activists",
            "paraphrase",
        ),
        (
            "facial-recognition-violates-privacy",
            "press-conference",
            "a group of activists",
            "paraphrase",
        ),
        ("studies-misidentify-minorities", "press-conference", "Freddy Martinez", "paraphrase"),
        ("no-published-usage-policy", "press-conference", "Freddy Martinez", "quote"),
        ("no-clear-standards", "press-conference", "Freddy Martinez", "quote"),
        ("no-precise-guidelines", "press-conference", "Freddy Martinez", "paraphrase"),
        ("martinez-public-security-quote", "press-conference", "Freddy Martinez", "quote"),
        (
            "sankari-criminalizing-communities-quote",
            "press-conference",
            "Muhammad Sankari",
            "quote",
        ),
        (
            "sankari-city-does-not-deserve-doubt",
            "press-conference",
            "Muhammad Sankari",
            "paraphrase",
        ),
        ("groups-working-on-ban", "planned-ordinance", "Freddy Martinez", "paraphrase"),
        ("only-mug-shots-vs-public-sources", "mayor-statement", "Lori Lightfoot", "paraphrase"),
        ("not-used-live-or-real-time", "mayor-statement", "Lori Lightfoot", "paraphrase"),
        ("speeds-up-sorting-mug-shots-quote", "mayor-statement", "Lori Lightfoot", "quote"),
    ],
)
def test_required_claims(
    timeline: Timeline, claim_id: str, event_id: str, claimant: str, kind: str
) -> None:
    claim = timeline.claim(claim_id)
    assert claim is not None
    assert (claim.event, claim.claimant, claim.kind) == (event_id, claimant, kind)


def test_claimants_are_named_with_their_role_in_the_event_actors(timeline: Timeline) -> None:
    """A claimant is a bare full name; the event's actors give it with the article's role."""
    for claim in timeline.claims:
        if claim.claimant and claim.claimant != "a group of activists":
            event = timeline.event(claim.event)
            assert event is not None
            assert any(actor.startswith(f"{claim.claimant} (") for actor in event.actors), claim.id
