"""Acceptance on the seed article: events, dates, claimants, the statistic, no false date."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.extract import extract_text
from factcheck.model import Timeline

#: The seed article as shipped with the reviewed timeline (a byte copy of
#: ../shared/seed/article-2020-02-05.txt), so the test runs in any checkout.
SEED = Path(__file__).parents[2] / "timelines" / "sources" / "chicago-facial-recognition-2020.txt"


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    if not SEED.exists():
        pytest.skip(f"seed article not found at {SEED}")
    return extract_text(SEED.read_bytes(), SEED.name, "sources/seed.txt")


def test_article_date_from_the_first_line(timeline: Timeline) -> None:
    assert timeline.sources[0].published == "2020-02-05"
    assert timeline.title == timeline.sources[0].title
    assert timeline.title.startswith("The Mayor of Chicago, Lori Lightfoot, should ban")


def test_press_conference_and_statement_on_tuesday(timeline: Timeline) -> None:
    by_date = {event.id: event.date for event in timeline.events}
    press = timeline.event("press-conference")
    assert press is not None and press.date == "2020-02-04"
    assert press.date_text == "on Tuesday"
    statement = next(event for event in timeline.events if "statement" in event.title)
    assert statement.date == "2020-02-04" and "Lightfoot" in statement.title
    assert sorted(by_date.values()) == ["2020-01-27/2020-02-02", "2020-02-04", "2020-02-04"]


def test_sun_times_report_is_the_week_before(timeline: Timeline) -> None:
    report = next(event for event in timeline.events if "Sun-Times" in event.title)
    assert report.date == "2020-01-27/2020-02-02"
    assert report.date_text == "last week"


def test_quotes_have_the_right_claimants(timeline: Timeline) -> None:
    quotes = {claim.text[:30]: claim.claimant for claim in timeline.claims if claim.kind == "quote"}
    assert quotes == {
        "While we believe that public s": "Freddy Martinez",
        "While the city can make all so": "Freddy Martinez",
        "This city has a long history o": "Muhammad Sankari",
        "The CPD uses a facial recognit": "Lori Lightfoot",
    }


def test_reported_speech_and_roles(timeline: Timeline) -> None:
    claimants = {claim.claimant for claim in timeline.claims if claim.kind == "paraphrase"}
    assert {"Freddy Martinez", "Muhammad Sankari", "Lori Lightfoot"} <= claimants
    mayor = next(claim for claim in timeline.claims if "according to the mayor" in claim.text)
    assert mayor.claimant == "Lori Lightfoot"
    martinez = next(claim for claim in timeline.claims if claim.claimant == "Freddy Martinez")
    assert "general manager of Lucy Parsons Labs" in martinez.notes


def test_quotes_at_the_press_conference_belong_to_it(timeline: Timeline) -> None:
    for claim in timeline.claims:
        if claim.claimant in ("Freddy Martinez", "Muhammad Sankari"):
            assert claim.event == "press-conference", claim.id
        if claim.claimant == "Lori Lightfoot":
            assert "statement" in claim.event, claim.id


def test_three_billion_images_statistic(timeline: Timeline) -> None:
    statistic = [claim for claim in timeline.claims if claim.kind == "statistic"]
    assert len(statistic) == 1
    assert "3 billion images" in statistic[0].text
    assert statistic[0].claimant == ""


def test_every_claim_is_unverified_and_anchored(timeline: Timeline) -> None:
    text = SEED.read_text("utf-8")
    for record in (*timeline.events, *timeline.claims):
        assert record.anchor is not None
        assert text[record.anchor.start : record.anchor.end] == record.anchor.exact
    assert {claim.status for claim in timeline.claims} == {"unverified"}
