"""The selected event: date (and the words that gave it), title, summary, actors."""

from __future__ import annotations

from textual.app import RenderResult
from textual.content import Content
from textual.geometry import Size
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
    """Sized to its content up to its max-height (app.tcss); what does not fit ends in `…`."""

    BORDER_TITLE = "Event"

    def show(self, event: Event | None) -> None:
        self.update(event_content(event))

    def show_message(self, message: str) -> None:
        self.update(Content(message))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # The whole text's height, not the cut one's: the pane grows back for a longer event.
        content = self.content
        if isinstance(content, Content) and width > 0:
            return len(content.wrap(width))
        return super().get_content_height(container, viewport, width)

    def render(self) -> RenderResult:
        content = self.content
        width, height = self.content_size
        if not isinstance(content, Content) or width <= 0 or height <= 0:
            return super().render()
        lines = content.wrap(width)
        if len(lines) <= height:
            return content
        kept = lines[:height]
        kept[-1] = Content.assemble(kept[-1].truncate(width - 1).rstrip(), "…")
        return Content("\n").join(kept)
