"""The timeline: one row per event with its date, title and a glyph per claim status."""

from __future__ import annotations

from textual.content import Content

from factcheck import dates
from factcheck.model import Claim, Event
from factcheck.tui.display import STATUS_GLYPH, STATUS_STYLE, line
from factcheck.tui.widgets.key_list import KeyList

#: Claims drawn as glyphs per row; more are summarised as "+N".
MAX_GLYPHS = 10
DATE_WIDTH = 22


def event_prompt(event: Event | None, claims: list[Claim]) -> Content:
    """The row of an event (None: the claims attached to no event)."""
    if event is None:
        date, title = "", "(claims without an event)"
    else:
        date, title = dates.display(event.date), event.title or event.id
    reviewed = sum(1 for claim in claims if claim.is_reviewed)
    glyphs: list[str | tuple[str, str]] = [
        (STATUS_GLYPH[claim.status], STATUS_STYLE[claim.status]) for claim in claims[:MAX_GLYPHS]
    ]
    if len(claims) > MAX_GLYPHS:
        glyphs.append((f"+{len(claims) - MAX_GLYPHS}", "dim"))
    return Content.assemble(
        line(date.ljust(DATE_WIDTH), "bold"),
        *glyphs,
        (f"  {reviewed}/{len(claims)} reviewed", "dim"),
        "\n",
        line(title),
    )


class TimelineList(KeyList):
    """Events in the file's order (date, then id); the highlight is the selected event."""

    BORDER_TITLE = "Timeline"
