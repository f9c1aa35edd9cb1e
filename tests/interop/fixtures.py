"""Timelines built with the model (never hand-written TOML) for the interop tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs

from factcheck import store
from factcheck.model import Claim, Event, Evidence, Publisher, Source, Timeline

SHIPPED = Path(__file__).parent.parent.parent / "timelines" / "chicago-facial-recognition-2020.toml"
PUBLISHER = Publisher(name="Example Fact Desk", url="https://factdesk.example.org/")

HOSTILE = '<script>alert(1)</script> [x](javascript:alert(1)) **bold** =HYPERLINK("x") \x1b[31m'


def _claim(number: int, status: str, event: str, **fields: Any) -> Claim:
    reviewed = status not in ("unverified", "in-progress")
    return Claim(
        id=f"claim-{number}",
        text=fields.pop("text", f"Claim number {number} says something checkable."),
        event=event,
        status=status,
        reviewed_by="Ana Reviewer" if reviewed else "",
        reviewed_on="2026-11-20" if reviewed else "",
        **fields,
    )


def reviewed_timeline(publisher: Publisher | None = PUBLISHER) -> Timeline:
    """Every status, every date shape, evidence, hostile text: what a real review leaves."""
    events = (
        Event(id="day", date="2020-02-04", date_text="on Tuesday", title="A day event"),
        Event(id="month", date="2020-01", title="A month event"),
        Event(id="year", date="2019", title="A year event"),
        Event(id="week", date="2020-01-27/2020-02-02", date_text="last week", title="A week"),
        Event(id="before", date="../2020-01-29", title="Before the report"),
        Event(id="approx", date="2020-01~", title="About January"),
        Event(id="undated", title="An undated event"),
        Event(id="hostile", date="2020-02-05", title=HOSTILE, summary=HOSTILE),
    )
    refute = Evidence(
        url="https://example.org/refutes?a=1&b=2", title="A refuting report", stance="refutes"
    )
    support = Evidence(
        url="https://example.org/supports", title="Supporting data", stance="supports"
    )
    claims = (
        _claim(1, "true", "day", claimant="Freddy Martinez", evidence=(support,),
               verdict="Confirmed by the contract."),
        _claim(2, "mostly-true", "month", claimant="Lucy Parsons Labs", evidence=(support,)),
        _claim(3, "mixed", "year", claimant="Lori Lightfoot"),
        _claim(4, "mostly-false", "week", evidence=(refute, support)),
        _claim(5, "false", "before", claimant="Muhammad Sankari", evidence=(refute,)),
        _claim(6, "misleading", "approx", claimant="Chicago Police Department"),
        _claim(7, "unproven", "day"),
        _claim(8, "not-checkable", "day", claimant="Lori Lightfoot"),
        _claim(9, "unverified", "day"),
        _claim(10, "in-progress", "month"),
        _claim(11, "false", "undated", claimant="Someone"),
        _claim(12, "true", "hostile", claimant=HOSTILE, text=HOSTILE, verdict=HOSTILE,
               evidence=(Evidence(url="https://example.org/x?q=<b>", title=HOSTILE),)),
        _claim(13, "mixed", "", claimant="Nobody in particular"),
    )  # fmt: skip
    timeline = Timeline(
        id="fixture",
        title="A reviewed fixture",
        sources=(
            Source(
                id="article",
                title="The article",
                file="sources/article.txt",
                sha256="0" * 64,
                published="2020-02-05",
                url="https://news.example.com/article",
            ),
        ),
        events=events,
        claims=claims,
        publisher=publisher,
    )
    return store.loads(store.dumps(timeline), "fixture.toml")  # what a file on disk holds


def write_timeline(folder: Path, timeline: Timeline, name: str = "fixture.toml") -> Path:
    path = folder / name
    path.write_text(store.dumps(timeline), encoding="utf-8")
    return path


def review_everything(timeline: Timeline) -> Timeline:
    """The shipped timeline 'after a review': each claim rated, with one evidence link."""
    ratings = ("true", "mostly-true", "mixed", "mostly-false", "false", "misleading", "unproven")
    claims = []
    for index, claim in enumerate(timeline.claims):
        claims.append(
            attrs.evolve(
                claim,
                status=ratings[index % len(ratings)],
                verdict=f"Checked claim {index}.",
                reviewed_by="Test Reviewer",
                reviewed_on="2026-11-26",
                evidence=(Evidence(url=f"https://example.org/evidence/{index}", stance="context"),),
            )
        )
    return attrs.evolve(timeline, claims=tuple(claims))


def write_json(path: Path, document: Any) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path
