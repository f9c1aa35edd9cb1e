"""Small timelines for the explorer's tests, written with the store from model objects."""

from __future__ import annotations

import hashlib
from pathlib import Path

from factcheck import anchors, store
from factcheck.model import Anchor, Claim, Event, Evidence, Source, Timeline

SOURCE_TEXT = (
    "SPRINGFIELD — The city council met on Monday to debate a ban on facial recognition.\n\n"
    "Councilor Ada Reyes said the police had run 4,000 searches last year. "
    "The police chief said the tool was used only on mug shots.\n\n"
    "On Wednesday the mayor promised a public hearing in March.\n\n"
    "Civil liberties groups said the database holds 3 billion images.\n"
)

#: Every field of the hostile claim carries markup and terminal control sequences.
HOSTILE = "[bold]x[/bold] [/x] [@click=app.quit]q[/] \x1b[31mred\x1b]0;title\x07 \u202eevil"


def build_timeline(source_file: str = "sources/council.txt") -> Timeline:
    text = SOURCE_TEXT

    def at(exact: str) -> Anchor:
        return anchors.find("article", text, exact)

    source = Source(
        id="article",
        title="Council debates facial recognition",
        file=source_file,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        published="2021-02-05",
    )
    events = (
        Event(
            id="council-meeting",
            date="2021-02-01",
            date_text="on Monday",
            title="The council debates a ban",
            summary="The city council met to debate a ban on facial recognition.",
            actors=("City council",),
            anchor=at("The city council met on Monday to debate a ban on facial recognition."),
        ),
        Event(
            id="mayor-hearing",
            date="2021-02-03",
            date_text="On Wednesday",
            title="The mayor promises a hearing",
            actors=("Mayor",),
            anchor=at("On Wednesday the mayor promised a public hearing in March."),
        ),
        Event(
            id="database-size",
            date="2021-03",
            title="Groups describe the database",
            anchor=at("Civil liberties groups said the database holds 3 billion images."),
        ),
    )
    claims = (
        Claim(
            id="searches-last-year",
            event="council-meeting",
            claimant="Ada Reyes",
            kind="statistic",
            text="The police ran 4,000 searches last year.",
            anchor=at("the police had run 4,000 searches last year"),
        ),
        Claim(
            id="mug-shots-only",
            event="council-meeting",
            claimant="Police chief",
            kind="paraphrase",
            text="The tool was used only on mug shots.",
            anchor=at("the tool was used only on mug shots"),
            evidence=(
                Evidence(
                    url="https://example.org/policy",
                    title="Police policy",
                    stance="refutes",
                    accessed="2021-03-01",
                ),
            ),
        ),
        Claim(
            id="hearing-in-march",
            event="mayor-hearing",
            claimant="Mayor",
            text="A public hearing will be held in March.",
            anchor=at("promised a public hearing in March"),
        ),
        Claim(
            id="three-billion",
            event="database-size",
            claimant="Civil liberties groups",
            kind="statistic",
            text="The database holds 3 billion images.",
            status="true",
            verdict="The company says so itself.",
            reviewed_by="Earlier Reviewer",
            reviewed_on="2021-03-02",
            anchor=at("the database holds 3 billion images"),
        ),
    )
    return Timeline(
        id="council-2021",
        title="Council and facial recognition",
        sources=(source,),
        events=events,
        claims=claims,
    )


def hostile_timeline() -> Timeline:
    """A timeline whose every displayed field is hostile text."""
    timeline = build_timeline()
    event = Event(
        id="hostile-event",
        date="2021-02-02",
        date_text=HOSTILE,
        title=HOSTILE,
        summary=HOSTILE,
        actors=(HOSTILE,),
    )
    claim = Claim(
        id="hostile-claim",
        event="hostile-event",
        claimant=HOSTILE,
        text=HOSTILE,
        verdict=HOSTILE,
        notes=HOSTILE,
        evidence=(Evidence(url="https://example.org/x", title=HOSTILE, note=HOSTILE),),
    )
    return Timeline(
        id="hostile",
        title=HOSTILE,
        sources=timeline.sources,
        events=(*timeline.events, event),
        claims=(*timeline.claims, claim),
    )


def write(folder: Path, timeline: Timeline | None = None, name: str = "council.toml") -> Path:
    """Write the timeline and its source document into `folder`; returns the TOML path."""
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    (folder / "sources" / "council.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    path = folder / name
    path.write_text(store.dumps(timeline or build_timeline()), encoding="utf-8")
    return path
