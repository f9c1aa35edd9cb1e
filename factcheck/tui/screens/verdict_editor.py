"""Edit the one-line verdict of the selected claim.

A pasted verdict of several lines keeps them all, joined with spaces (`LineInput` says so).
An Input draws its value raw: a verdict from a hostile file is put in it escaped (an
OSC 52 in it reached the terminal), and one too long to draw is not put in at all.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Label

from factcheck.text import sanitize_line
from factcheck.tui.display import LINE_LIMIT, line
from factcheck.tui.screens.dialog import Dialog
from factcheck.tui.widgets.line_input import LineInput


class VerdictEditor(Dialog[str | None]):
    """Dismisses with the new verdict (enter), or None (escape)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, claim_text: str, verdict: str) -> None:
        super().__init__()
        self.claim_text = claim_text
        self.verdict = verdict
        self.too_long = len(verdict) > LINE_LIMIT
        self.initial = "" if self.too_long else sanitize_line(verdict)

    def compose(self) -> ComposeResult:
        placeholder = "One sentence: what the evidence shows"
        if self.too_long:
            size = f"{len(self.verdict):,}"
            placeholder = f"The verdict has {size} characters: type one to replace it"
        with Vertical(id="dialog"):
            yield Label(Content("Verdict"), id="heading")
            yield Label(line(self.claim_text, "italic"), classes="quote")
            yield LineInput(value=self.initial, placeholder=placeholder)
            yield Label(Content("enter saves · escape cancels"), classes="hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        # Untouched: keep the verdict as it is in the file (not its escaped or empty form).
        self.finish(None if value == self.initial.strip() else value)

    def action_cancel(self) -> None:
        self.finish(None)
