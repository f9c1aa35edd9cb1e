"""The selected event: date (and the words that gave it), title, summary, actors."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from factcheck import dates
from factcheck.model import Event
from factcheck.tui.display import block, line


def event_content(event: Event | None) -> Content:
    if event is None:
        return Content("Claims that belong to no event.").stylize("dim")
    parts: list[Content | str | tuple[str, str]] = [
        line(dates.display(event.date), "bold"),
    ]
    if event.date:
        parts += ["  ", line(event.date, "dim")]
    if event.date_text:
        parts += ["  from ", line(f"“{event.date_text}”", "italic")]
    parts += ["\n", line(event.title or event.id, "bold")]
    if event.summary:
        parts += ["\n", block(event.summary)]
    if event.actors:
        parts += ["\n", ("Actors: ", "dim"), line(", ".join(event.actors))]
    return Content.assemble(*parts)


class EventDetail(Static):
    BORDER_TITLE = "Event"

    def show(self, event: Event | None) -> None:
        self.update(event_content(event))
