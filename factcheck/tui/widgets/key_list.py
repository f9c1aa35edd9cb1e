"""An OptionList with the explorer's vi-style keys (j/k, g/G) besides the arrows."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.widgets import OptionList


class KeyList(OptionList):
    """One widget for the whole list (rows are rendered lines, not widgets).

    In a dialog, `enter_to_screen=True` leaves `enter` to the dialog's own binding. OptionList
    answers `enter` with a posted `OptionSelected`, which reaches the dialog after the keys
    typed right behind it, so a `j` after `enter` moved the list being closed instead of the
    screen below. A binding runs in key order, so the dialog closes before the next key.
    """

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
    ]

    def __init__(self, *args: Any, enter_to_screen: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.enter_to_screen = enter_to_screen

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "select" and self.enter_to_screen:
            return False
        return super().check_action(action, parameters)
