"""The git history of one claim (`h`): who changed its status and evidence, when."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList

from factcheck.tui.display import line


class HistoryScreen(ModalScreen[None]):
    """Shows prepared lines (or one explanation when there is no history to show)."""

    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("q", "close", "Close", show=False),
        Binding("h", "close", "Close", show=False),
    ]

    def __init__(self, claim_id: str, lines: list[str]) -> None:
        super().__init__()
        self.claim_id = claim_id
        self.lines = lines

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Content.assemble("History of ", line(self.claim_id, "bold")), id="heading")
            yield OptionList(*[line(text) for text in self.lines], id="history")
            yield Label(Content("escape closes"), classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)
