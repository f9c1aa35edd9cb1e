"""Edit the one-line verdict of the selected claim."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from factcheck.tui.display import line


class VerdictEditor(ModalScreen[str | None]):
    """Dismisses with the new verdict (enter), or None (escape)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, claim_text: str, verdict: str) -> None:
        super().__init__()
        self.claim_text = claim_text
        self.verdict = verdict

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Content("Verdict"), id="heading")
            yield Label(line(self.claim_text, "italic"), classes="quote")
            yield Input(value=self.verdict, placeholder="One sentence: what the evidence shows")
            yield Label(Content("enter saves · escape cancels"), classes="hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
