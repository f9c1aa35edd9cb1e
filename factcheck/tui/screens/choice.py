"""A question with a few answers, each on its own key (quit unsaved, changed on disk...)."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Label

from factcheck.text import sanitize
from factcheck.tui.screens.dialog import Dialog


class Choice(Dialog[str | None]):
    """Dismisses with the chosen answer's value; escape dismisses with None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, answers: list[tuple[str, str, str]]) -> None:
        """`answers` are (key, label, value); the key answers directly."""
        super().__init__()
        self.question = question
        self.answers = answers

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Content(sanitize(self.question)), id="question")
            with Horizontal(id="answers"):
                for key, label, value in self.answers:
                    yield Button(Content(f"{label} ({key})"), id=f"answer-{value}")
            yield Label(Content("escape: back"), classes="hint")

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def on_key(self, event: events.Key) -> None:
        for answer_key, _label, value in self.answers:
            if event.key == answer_key:
                event.stop()
                self.finish(value)
                return

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id:
            self.finish(event.button.id.removeprefix("answer-"))

    def action_cancel(self) -> None:
        self.finish(None)
