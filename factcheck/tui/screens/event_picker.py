"""Pick an event by date and title (`m` moves a claim; `d` moves a deleted event's claims).

One OptionList row per event (no widget per row), so a timeline of thousands opens at once.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from factcheck import dates
from factcheck.model import Timeline
from factcheck.tui.display import line
from factcheck.tui.screens.dialog import Dialog
from factcheck.tui.widgets.key_list import KeyList

#: The row that means "no event".
NO_EVENT = ""


class EventPicker(Dialog[str | None]):
    """Dismisses with the chosen event id ("" for no event), or None on escape."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("enter", "confirm", "Pick")]

    def __init__(
        self, timeline: Timeline, question: str, exclude: str, allow_none: bool = True
    ) -> None:
        super().__init__()
        self.question = question
        self.choices = [
            (event.id, line(f"{dates.display(event.date):<24} {event.title or event.id}"))
            for event in timeline.events
            if event.id != exclude
        ]
        if allow_none and exclude != NO_EVENT:
            self.choices.append((NO_EVENT, Content("(no event)").stylize("dim")))

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(line(self.question), id="heading")
            yield KeyList(
                *[Option(prompt) for _, prompt in self.choices], id="events", enter_to_screen=True
            )
            yield Label(Content("enter picks · escape cancels"), classes="hint")

    def on_mount(self) -> None:
        picker = self.query_one("#events", OptionList)
        picker.focus()
        if self.choices:
            picker.highlighted = 0

    def action_confirm(self) -> None:
        """`enter`: the row highlighted when it was pressed (`KeyList.enter_to_screen`)."""
        row = self.query_one("#events", OptionList).highlighted
        if row is not None:
            self.finish(self.choices[row][0])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A click on a row."""
        event.stop()
        self.finish(self.choices[event.option_index][0])

    def action_cancel(self) -> None:
        self.finish(None)
