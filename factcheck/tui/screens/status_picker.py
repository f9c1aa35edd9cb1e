"""Pick a status: digits 1..9, 0 choose the scale's statuses in order; enter confirms.

Also used by the filter (`f`), where an extra first row means "all statuses" (result "").
`enter` is the dialog's binding, not the list's posted selection, so it confirms the row
highlighted when it was pressed and the dialog closes before the next key of a burst: a `j`
typed right after `enter` moves the screen below (`KeyList.enter_to_screen`).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from factcheck.model import STATUSES
from factcheck.tui.display import cut, line, status
from factcheck.tui.keys import digit_of
from factcheck.tui.screens.dialog import Dialog
from factcheck.tui.widgets.key_list import KeyList

ALL = ""
#: Characters of the claim's text shown above the statuses.
QUOTE_LIMIT = 160


class StatusPicker(Dialog[str | None]):
    """Dismisses with the chosen status, "" for "all" (filter only), or None on escape."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("enter", "confirm", "Confirm"),
        *[
            Binding(digit_of(position), f"pick({position})", name, show=False)
            for position, name in enumerate(STATUSES)
        ],
    ]

    def __init__(
        self, current: str | None, title: str, allow_all: bool = False, quote: str = ""
    ) -> None:
        """`quote`: the claim's text, shown (sanitized, cut) under the title."""
        super().__init__()
        self.current = current
        self.heading = title
        self.allow_all = allow_all
        self.quote = quote
        #: The row the last digit chose, kept until the list is mounted to show it.
        self.picked: int | None = None

    def compose(self) -> ComposeResult:
        options: list[Option] = []
        if self.allow_all:
            options.append(Option(Content("   all statuses"), id="status:"))
        for position, name in enumerate(STATUSES):
            options.append(
                Option(
                    Content.assemble(f"{digit_of(position)}  ", status(name)), id=f"status:{name}"
                )
            )
        with Vertical(id="dialog"):
            yield Label(Content(self.heading), id="heading")
            if self.quote:
                yield Label(line(cut(self.quote, QUOTE_LIMIT), "italic"), classes="quote")
            yield KeyList(*options, id="statuses", enter_to_screen=True)
            yield Label(Content("1..9, 0 pick · enter confirms · escape cancels"), classes="hint")

    def on_mount(self) -> None:
        options = self.query_one("#statuses", OptionList)
        wanted = self.current if self.current is not None else ALL
        offset = 1 if self.allow_all else 0
        if self.picked is not None:
            options.highlighted = self.picked
        elif wanted in STATUSES:
            options.highlighted = STATUSES.index(wanted) + offset
        else:
            options.highlighted = 0
        options.focus()

    def action_pick(self, position: int) -> None:
        self.picked = position + (1 if self.allow_all else 0)
        if self.is_mounted:
            self.query_one("#statuses", OptionList).highlighted = self.picked

    def action_confirm(self) -> None:
        """`enter`: the highlighted row as it is now (a digit or `j` before it moved it)."""
        options = self.query_one("#statuses", OptionList)
        row = options.highlighted
        if row is not None:
            self.choose(options.get_option_at_index(row).id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A click on a row: the option clicked (carried by the message)."""
        event.stop()
        self.choose(event.option.id)

    def choose(self, option_id: str | None) -> None:
        if option_id is not None:
            self.finish(option_id.removeprefix("status:"))

    def action_cancel(self) -> None:
        self.finish(None)
