"""Add evidence: URL (focused first, validated), title, stance (default context), note."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select

from factcheck.model import STANCES, Evidence, url_problem
from factcheck.text import sanitize_line


class EvidenceForm(ModalScreen[Evidence | None]):
    """Dismisses with the new Evidence, or None on escape; an invalid URL keeps it open."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, accessed: str) -> None:
        super().__init__()
        self.accessed = accessed

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Content("Add evidence"), id="heading")
            yield Label(Content("URL (http or https)"))
            yield Input(placeholder="https://…", id="url")
            yield Label(Content(""), id="problem")
            yield Label(Content("Title"))
            yield Input(id="title")
            yield Label(Content("Stance"))
            yield Select(
                [(stance, stance) for stance in STANCES],
                value="context",
                allow_blank=False,
                id="stance",
            )
            yield Label(Content("Note"))
            yield Input(id="note")
            yield Label(Content("enter saves · tab next field · escape cancels"), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#url", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "url":
            self.query_one("#problem", Label).update(Content(""))

    def submit(self) -> None:
        url = self.query_one("#url", Input).value.strip()
        problem = url_problem(url)
        if problem is not None:
            self.query_one("#problem", Label).update(
                Content(sanitize_line(problem)).stylize("bold red")
            )
            self.query_one("#url", Input).focus()
            return
        stance = self.query_one("#stance", Select).value
        self.dismiss(
            Evidence(
                url=url,
                title=self.query_one("#title", Input).value.strip(),
                stance=stance if isinstance(stance, str) else "context",
                accessed=self.accessed,
                note=self.query_one("#note", Input).value.strip(),
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
