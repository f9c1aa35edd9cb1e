"""Find words in the source document (`/` in the source view); enter selects the next match."""

from __future__ import annotations

import re

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Label

from factcheck.text import clip, sanitize_line
from factcheck.tui.screens.dialog import Dialog
from factcheck.tui.widgets.line_input import LineInput


def next_match(text: str, query: str, after: int) -> tuple[int, int] | None:
    """The first match of `query` at or after `after`, else the first from the top.

    Case is ignored and a space in the query matches any run of whitespace, so words
    broken over lines (or by CRLF and tabs) are found as they read.
    """
    words = query.split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(re.escape(word) for word in words), re.IGNORECASE)
    match = pattern.search(text, after) or pattern.search(text)
    return None if match is None else match.span()


class SourceFind(Dialog[tuple[int, int] | None]):
    """Dismisses with the raw (start, end) of the next match, or None (escape)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, text: str, after: int) -> None:
        super().__init__()
        self.text = text
        self.after = after

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Content("Find in the source"), id="heading")
            yield LineInput(placeholder="words to find", id="find")
            yield Label(Content(""), id="problem")
            yield Label(Content("enter selects the next match · escape cancels"), classes="hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        span = next_match(self.text, event.value, self.after)
        if span is None:
            words = sanitize_line(clip(event.value.strip(), 60))
            message = f"No match for {words!r}" if words else "Type the words to find"
            self.query_one("#problem", Label).update(Content(message))
            return
        self.finish(span)

    def action_cancel(self) -> None:
        self.finish(None)
