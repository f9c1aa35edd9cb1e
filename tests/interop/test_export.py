"""Exports checked against the formats' own rules: ClaimReview's required fields,
TimelineJS3's JSON format, CSV that a spreadsheet cannot execute, Markdown that cannot link."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import attrs
import pytest

from factcheck import dates, model, store
from factcheck.interop import exporters
from factcheck.interop.exporters import Exported
from factcheck.text import sanitize
from tests.interop.fixtures import PUBLISHER, SHIPPED, reviewed_timeline

# --- ClaimReview ---------------------------------------------------------------------------


def check_claimreview(review: dict[str, Any]) -> None:
    """Google's ClaimReview rules, written out independently of the exporter."""
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert isinstance(review["claimReviewed"], str) and review["claimReviewed"].strip()
    assert model.url_problem(review["url"]) is None
    author = review["author"]
    assert author["@type"] == "Organization" and author["name"] and author["url"]
    rating = review["reviewRating"]
    assert rating["@type"] == "Rating" and rating["alternateName"]
    if "ratingValue" in rating:
        assert (rating["worstRating"], rating["bestRating"]) == (1, 5)
        assert 1 <= rating["ratingValue"] <= 5
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    if "author" in item:
        assert item["author"]["@type"] in ("Person", "Organization") and item["author"]["name"]
    if "datePublished" in item:
        assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", item["datePublished"])
    if "datePublished" in review:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", review["datePublished"])


#: Statuses that say nothing a reader can use: not published unless asked for.
UNRATED = ("unverified", "in-progress", "not-checkable")


def claimreview(include_unrated: bool = False) -> tuple[list[dict[str, Any]], Exported]:
    result = exporters.to_claimreview(
        reviewed_timeline(), PUBLISHER, file="f.toml", include_unrated=include_unrated
    )
    return json.loads(result.text), result


def test_claimreview_one_valid_object_per_rated_claim() -> None:
    reviews, result = claimreview()
    timeline = reviewed_timeline()
    rated = [claim for claim in timeline.claims if claim.status not in UNRATED]
    assert len(reviews) == len(rated) == result.count
    for review in reviews:
        check_claimreview(review)
        assert exporters.claimreview_problems(review) == []
    by_id = {review["url"].rpartition("#")[2]: review for review in reviews}
    assert set(by_id) == {claim.id for claim in rated}
    for claim in rated:
        rating = by_id[claim.id]["reviewRating"]
        assert rating.get("ratingValue") == model.RATING_VALUES.get(claim.status)
        assert by_id[claim.id]["datePublished"] == claim.reviewed_on


def test_claimreview_non_numeric_ratings_have_a_label_only() -> None:
    reviews, _ = claimreview()
    labels = {r["reviewRating"]["alternateName"]: r["reviewRating"] for r in reviews}
    for label in ("Misleading", "Unproven"):
        assert set(labels[label]) == {"@type", "alternateName"}
    assert labels["Mostly false"]["ratingValue"] == 2
    assert "Not checkable" not in labels and "Unverified" not in labels


def test_claimreview_publishes_unrated_claims_only_when_asked() -> None:
    reviews, result = claimreview(include_unrated=True)
    timeline = reviewed_timeline()
    assert len(reviews) == result.count == len(timeline.claims)
    labels = {r["url"].rpartition("#")[2]: r["reviewRating"] for r in reviews}
    assert labels["claim-8"] == {"@type": "Rating", "alternateName": "Not checkable"}
    assert labels["claim-9"] == {"@type": "Rating", "alternateName": "Unverified"}
    assert labels["claim-10"] == {"@type": "Rating", "alternateName": "In progress"}
    for review in reviews:
        check_claimreview(review)
    assert not any("not exported" in problem.message for problem in result.problems)


def test_claimreview_item_reviewed_author_date_and_appearance() -> None:
    reviews, _ = claimreview()
    by_id = {review["url"].rpartition("#")[2]: review for review in reviews}
    first = by_id["claim-1"]["itemReviewed"]
    assert first["author"] == {"@type": "Person", "name": "Freddy Martinez"}
    assert first["datePublished"] == "2020-02-04"
    assert first["appearance"]["url"] == "https://news.example.com/article"
    assert by_id["claim-2"]["itemReviewed"]["author"]["@type"] == "Organization"
    assert by_id["claim-2"]["itemReviewed"]["datePublished"] == "2020-01"
    week = by_id["claim-4"]["itemReviewed"]
    assert "datePublished" not in week and week["temporalCoverage"] == "2020-01-27/2020-02-02"
    approx = by_id["claim-6"]["itemReviewed"]
    assert approx["datePublished"] == "2020-01" and approx["temporalCoverage"] == "2020-01~"
    assert "author" not in by_id["claim-7"]["itemReviewed"]  # the article's own statement
    assert [c["url"] for c in by_id["claim-4"]["citation"]] == [
        "https://example.org/refutes?a=1&b=2",
        "https://example.org/supports",
    ]


def test_claimreview_reports_open_claims_and_long_texts() -> None:
    _, result = claimreview()
    messages = [str(problem) for problem in result.problems]
    assert any(
        "3 claim(s) not exported: unverified, in progress or not checkable" in m
        and "--include-unrated" in m
        for m in messages
    )
    long = [p for p in result.problems if "Google advises at most 75" in p.message]
    assert [p.where for p in long] == ['claims (id "claim-12")']
    assert not result.errors


def test_claimreview_claim_without_text_is_an_error_not_a_silent_skip() -> None:
    timeline = reviewed_timeline()
    timeline = timeline.replace_claim(model.Claim(id="claim-3", text="  ", status="false"))
    result = exporters.to_claimreview(timeline, PUBLISHER, file="f.toml")
    assert [str(p) for p in result.errors] == [
        'f.toml: claims (id "claim-3"): not exported: claimReviewed is missing or empty'
    ]
    assert "claim-3" not in result.text


def test_claimreview_publisher_from_table_options_or_refused() -> None:
    timeline = reviewed_timeline()
    assert exporters.resolve_publisher(timeline, None, None) == PUBLISHER
    chosen = exporters.resolve_publisher(timeline, "Other", "https://other.example/")
    assert chosen == model.Publisher("Other", "https://other.example/")
    bare = reviewed_timeline(publisher=None)
    with pytest.raises(exporters.PublisherMissing, match="name and url"):
        exporters.resolve_publisher(bare, None, None)
    with pytest.raises(exporters.PublisherMissing, match="url"):
        exporters.resolve_publisher(bare, "Desk", None)
    with pytest.raises(exporters.PublisherMissing, match="only http and https"):
        exporters.resolve_publisher(bare, "Desk", "javascript:alert(1)")


def test_claimreview_page_url_gives_each_claim_an_address() -> None:
    result = exporters.to_claimreview(
        reviewed_timeline(), PUBLISHER, page_url="https://factdesk.example.org/chicago#top"
    )
    urls = [review["url"] for review in json.loads(result.text)]
    assert "https://factdesk.example.org/chicago#claim-1" in urls


# --- TimelineJS ----------------------------------------------------------------------------

_SLIDE_KEYS = {"start_date", "end_date", "text", "media", "group", "display_date", "background",
               "autolink", "unique_id"}  # fmt: skip
_DATE_KEYS = {"year", "month", "day", "hour", "minute", "second", "millisecond", "display_date"}


def check_timelinejs(document: dict[str, Any]) -> None:
    """The TimelineJS3 JSON format (timeline.knightlab.com/docs/json-format.html)."""
    assert set(document) <= {"events", "title", "eras", "scale"}
    assert isinstance(document["events"], list)
    if "title" in document:
        assert set(document["title"]) <= _SLIDE_KEYS - {"start_date", "end_date"}
        _check_text(document["title"]["text"])
    ids = [slide["unique_id"] for slide in document["events"]]
    assert len(ids) == len(set(ids))
    for slide in document["events"]:
        assert set(slide) <= _SLIDE_KEYS
        start = _check_date(slide["start_date"])
        if "end_date" in slide:
            assert _check_date(slide["end_date"]) >= start
        if "text" in slide:
            _check_text(slide["text"])
        assert isinstance(slide.get("display_date", ""), str)
        assert isinstance(slide.get("autolink", False), bool)


def _check_date(parts: dict[str, Any]) -> tuple[int, int, int]:
    assert set(parts) <= _DATE_KEYS and "year" in parts
    assert all(isinstance(parts[key], int) for key in parts if key != "display_date")
    if "day" in parts:
        assert "month" in parts
    month, day = parts.get("month", 1), parts.get("day", 1)
    assert 1 <= month <= 12 and 1 <= day <= 31
    return (parts["year"], month, day)


def _check_text(text: dict[str, Any]) -> None:
    assert set(text) <= {"headline", "text"}
    assert all(isinstance(value, str) for value in text.values())


def timelinejs() -> tuple[dict[str, Any], Exported]:
    result = exporters.to_timelinejs(reviewed_timeline(), "f.toml")
    return json.loads(result.text), result


def test_timelinejs_follows_the_format() -> None:
    document, result = timelinejs()
    check_timelinejs(document)
    assert len(document["events"]) == result.count == 7


def test_timelinejs_dates_at_their_precision() -> None:
    document, _ = timelinejs()
    slides = {slide["unique_id"]: slide for slide in document["events"]}
    assert slides["day"]["start_date"] == {"year": 2020, "month": 2, "day": 4}
    assert "end_date" not in slides["day"]
    assert slides["day"]["display_date"] == "4 Feb 2020"
    assert slides["month"]["start_date"] == {"year": 2020, "month": 1}
    assert slides["year"]["start_date"] == {"year": 2019}
    assert slides["week"]["end_date"] == {"year": 2020, "month": 2, "day": 2}
    assert slides["week"]["display_date"] == "week of 27 Jan 2020"
    assert slides["before"]["start_date"] == {"year": 2020, "month": 1, "day": 29}
    assert slides["before"]["display_date"] == "before 29 Jan 2020"
    assert slides["approx"]["display_date"] == "about Jan 2020"


def test_timelinejs_reports_undated_events_and_unattached_claims() -> None:
    document, result = timelinejs()
    assert "undated" not in {slide["unique_id"] for slide in document["events"]}
    messages = [str(problem) for problem in result.problems]
    assert 'f.toml: events (id "undated"): warning: not in the TimelineJS export: the event has ' \
        "no date" in messages  # fmt: skip
    assert any("1 claim(s) without an event" in message for message in messages)


def test_timelinejs_escapes_untrusted_html() -> None:
    document, _ = timelinejs()
    slide = next(s for s in document["events"] if s["unique_id"] == "hostile")
    html = slide["text"]["headline"] + slide["text"]["text"]
    assert "<script" not in html and "&lt;script&gt;" in html
    assert 'href="https://example.org/x?q=&lt;b&gt;"' in slide["text"]["text"]
    assert "javascript:" not in re.findall(r'href="([^"]*)"', html)[0]
    assert slide["autolink"] is False  # no link that the exporter did not write
    assert "<b>True</b>" in slide["text"]["text"]  # our own markup stays markup


# --- CSV -----------------------------------------------------------------------------------


def test_csv_one_row_per_claim_with_evidence_urls() -> None:
    timeline = reviewed_timeline()
    result = exporters.to_csv(timeline)
    rows = list(csv.DictReader(io.StringIO(result.text)))
    assert len(rows) == len(timeline.claims) == result.count
    row = next(r for r in rows if r["claim"] == "claim-4")
    assert row["event"] == "week" and row["event_date"] == "2020-01-27/2020-02-02"
    assert row["status"] == "mostly-false"
    assert row["evidence_urls"].split(" ") == [
        "https://example.org/refutes?a=1&b=2",
        "https://example.org/supports",
    ]


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r", "＝"])
def test_csv_defuses_spreadsheet_formulas(start: str) -> None:
    assert exporters.csv_cell(f"{start}1+1") == "'" + sanitize(f"{start}1+1")
    assert exporters.csv_cell("plain") == "plain"


def test_csv_hostile_row_is_text() -> None:
    timeline = reviewed_timeline()
    claim = timeline.claim("claim-3")
    assert claim is not None
    timeline = timeline.replace_claim(model.Claim(id="claim-3", text='=HYPERLINK("x")',
                                                  claimant="@SUM(A1)", event="year"))  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(exporters.to_csv(timeline).text)))
    row = next(r for r in rows if r["claim"] == "claim-3")
    assert row["text"] == '\'=HYPERLINK("x")' and row["claimant"] == "'@SUM(A1)"


# --- Markdown ------------------------------------------------------------------------------


def test_markdown_report_lists_each_event_and_claim() -> None:
    timeline = reviewed_timeline()
    text = exporters.to_markdown(timeline).text
    assert text.startswith("# A reviewed fixture\n")
    for event in timeline.events:
        assert f": {event.title}\n" in text or event.id == "hostile"
    assert "## 27 Jan 2020 – 2 Feb 2020" not in text  # a Monday-Sunday week reads as such
    assert "## week of 27 Jan 2020: A week" in text
    assert "## Claims without an event" in text
    assert "- **Mostly false**: Claim number 4 says something checkable.\n" in text
    assert (
        "  - Evidence (refutes): [A refuting report](<https://example.org/refutes?a=1&b=2>)" in text
    )
    assert "  - Verdict: Confirmed by the contract." in text


def with_kinds(timeline: model.Timeline) -> model.Timeline:
    """claim-1 a quote, claim-2 a paraphrase, claim-4 a statistic."""
    for claim_id, kind in (
        ("claim-1", "quote"),
        ("claim-2", "paraphrase"),
        ("claim-4", "statistic"),
    ):
        claim = timeline.claim(claim_id)
        assert claim is not None
        timeline = timeline.replace_claim(attrs.evolve(claim, kind=kind))
    return timeline


def test_markdown_puts_only_quotes_in_quotation_marks() -> None:
    text = exporters.to_markdown(with_kinds(reviewed_timeline())).text
    assert "- **True**: Freddy Martinez: “Claim number 1 says something checkable.”\n" in text
    assert (
        "- **Mostly true**: Lucy Parsons Labs: Claim number 2 says something checkable.\n" in text
    )
    assert "- **Mostly false**: Claim number 4 says something checkable.\n" in text
    quoted_lines = [line for line in text.splitlines() if "“Claim number" in line]
    assert len(quoted_lines) == 1


def test_timelinejs_puts_only_quotes_in_quotation_marks() -> None:
    document = json.loads(exporters.to_timelinejs(with_kinds(reviewed_timeline())).text)
    html_text = " ".join(slide["text"]["text"] for slide in document["events"])
    assert "Freddy Martinez: “Claim number 1 says something checkable.”" in html_text
    assert "Lucy Parsons Labs: Claim number 2 says something checkable.<br>" in html_text
    assert "“Claim number 4" not in html_text and "Claim number 4 says" in html_text
    assert html_text.count("“Claim number") == 1


def test_markdown_escapes_untrusted_text() -> None:
    text = exporters.to_markdown(reviewed_timeline()).text
    line = next(line for line in text.splitlines() if "alert" in line)
    assert "<script>" not in text and "\\<script\\>" in line
    assert "[x](javascript" not in text and "\\[x\\](javascript" in text
    assert "**bold**" not in text
    assert "(<https://example.org/x?q=%3Cb%3E>)" in text
    assert exporters.md("a\n# not a heading") == "a \\# not a heading"


# --- the shipped timeline ----------------------------------------------------------------


@pytest.mark.skipif(not SHIPPED.exists(), reason="the shipped timeline is not written yet")
@pytest.mark.parametrize("fmt", exporters.FORMATS)
def test_shipped_timeline_exports(fmt: str) -> None:
    timeline = store.load(SHIPPED).timeline
    result = exporters.export(timeline, fmt, str(SHIPPED), lambda: PUBLISHER)
    assert not result.errors
    if fmt == "timelinejs":
        check_timelinejs(json.loads(result.text))
        dated = [event for event in timeline.events if dates.is_valid(event.date)]
        assert result.count == len(dated)
    if fmt == "claimreview":
        for review in json.loads(result.text):
            check_claimreview(review)


@pytest.mark.parametrize("fmt", exporters.FORMATS)
def test_no_character_acts_outside_its_text(fmt: str) -> None:
    """No raw ESC/bidi in any output; no "</script>" in JSON that a page may embed."""
    timeline = reviewed_timeline()
    claim = timeline.claim("claim-12")
    assert claim is not None
    hostile = "</script><script>x()</script> \u202eevil \u2028 \x85 \x1b]52;c;aGk=\x07"
    timeline = timeline.replace_claim(attrs.evolve(claim, text=hostile, claimant=hostile))
    text = exporters.export(timeline, fmt, publisher=lambda: PUBLISHER).text
    for raw in ("\x1b", "\u202e", "\u2028", "\x85", "\x07"):
        assert raw not in text, (fmt, raw)
    if fmt in ("claimreview", "timelinejs"):
        assert "</script" not in text and "<script" not in text
    if fmt == "claimreview":
        texts = [review["claimReviewed"] for review in json.loads(text)]
        assert hostile in texts  # escaped in the bytes, exact in the value
