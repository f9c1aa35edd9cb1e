"""Save under a new file name (offered when the file changed on disk)."""

from __future__ import annotations

import os
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label

from factcheck.text import sanitize_line
from factcheck.tui import SAVE_WITHIN
from factcheck.tui.screens.dialog import Dialog
from factcheck.tui.widgets.line_input import LineInput


def allowed(path: Path) -> bool:
    """Whether `path` is inside the folder a served explorer may write to (anywhere when the
    explorer runs in a terminal: `factcheck serve` sets the variable for its tabs)."""
    within = os.environ.get(SAVE_WITHIN, "")
    return not within or path.resolve().is_relative_to(Path(within).resolve())


class SaveAs(Dialog[Path | None]):
    """Dismisses with a path that does not exist yet, or None (escape)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, suggestion: Path) -> None:
        super().__init__()
        self.suggestion = suggestion

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Content("Save as a new file"), id="heading")
            # Escaped: an Input draws its value raw, and a file name can hold escapes.
            yield LineInput(value=sanitize_line(str(self.suggestion)), id="path")
            yield Label(Content(""), id="problem")
            yield Label(Content("enter saves · escape cancels"), classes="hint")

    def on_mount(self) -> None:
        self.query_one(LineInput).focus()

    def on_input_submitted(self, event: LineInput.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        problem = ""
        if not text:
            problem = "type a file name"
        elif not text.endswith(".toml"):
            problem = "the file name must end in .toml"
        elif Path(text).exists():
            problem = f"{text} already exists; choose another name"
        elif not Path(text).parent.is_dir():
            problem = f"folder {Path(text).parent} does not exist"
        elif not allowed(Path(text)):
            problem = f"this explorer may only save inside {os.environ[SAVE_WITHIN]}"
        if problem:
            self.query_one("#problem", Label).update(
                Content(sanitize_line(problem)).stylize("bold red")
            )
            return
        self.finish(Path(text))

    def action_cancel(self) -> None:
        self.finish(None)
