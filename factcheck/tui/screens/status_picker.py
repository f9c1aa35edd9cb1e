"""Pick a status: digits 1..9, 0 choose the scale's statuses in order; enter confirms.

Also used by the filter (`f`), where an extra first row means "all statuses" (result "").
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from factcheck.model import STATUSES
from factcheck.tui.display import status
from factcheck.tui.widgets.key_list import KeyList

ALL = ""


def digit_of(position: int) -> str:
    """1..9 for the first nine statuses, 0 for the tenth."""
    return str((position + 1) % 10)


class StatusPicker(ModalScreen[str | None]):
    """Dismisses with the chosen status, "" for "all" (filter only), or None on escape."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("enter", "confirm", "Confirm"),
        *[
            Binding(digit_of(position), f"pick({position})", name, show=False)
            for position, name in enumerate(STATUSES)
        ],
    ]

    def __init__(self, current: str | None, title: str, allow_all: bool = False) -> None:
        super().__init__()
        self.current = current
        self.heading = title
        self.allow_all = allow_all

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
            yield KeyList(*options, id="statuses")
            yield Label(Content("1..9, 0 pick · enter confirms · escape cancels"), classes="hint")

    def on_mount(self) -> None:
        options = self.query_one("#statuses", OptionList)
        wanted = self.current if self.current is not None else ALL
        offset = 1 if self.allow_all else 0
        if wanted in STATUSES:
            options.highlighted = STATUSES.index(wanted) + offset
        else:
            options.highlighted = 0
        options.focus()

    def action_pick(self, position: int) -> None:
        self.query_one("#statuses", OptionList).highlighted = position + (
            1 if self.allow_all else 0
        )

    def action_confirm(self) -> None:
        option = self.query_one("#statuses", OptionList).highlighted_option
        if option is not None and option.id is not None:
            self.dismiss(option.id.removeprefix("status:"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_confirm()

    def action_cancel(self) -> None:
        self.dismiss(None)
