"""The git history of one claim (`h`): who changed its status and evidence, when.

Reading the history runs git once per commit that touched the file, so it happens in a
worker; the lines are those of `factcheck history ID`, newest commit first.
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Label, OptionList

from factcheck.tui.display import line
from factcheck.tui.screens.dialog import Dialog


def history_lines(path: Path, claim_id: str) -> list[str]:
    """The claim's history as lines; a single explanation when git cannot give one."""
    from factcheck.review.gitsetup import GitError
    from factcheck.review.history import claim_history

    try:
        entries = claim_history(path, claim_id)
    except GitError as error:
        return [f"No history: {error}"]
    if not entries:
        return [f"No commit changed {claim_id} yet (unsaved or uncommitted edits do not show)."]
    lines: list[str] = []
    for entry in reversed(entries):
        lines.append(f"{entry.short} {entry.date[:10]} {entry.author}: {entry.subject}")
        if entry.note:
            lines.append(f"    ({entry.note})")
        lines.extend(f"    {change.text}" for change in entry.changes)
    return lines


class HistoryScreen(Dialog[None]):
    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("q", "close", "Close", show=False),
        Binding("h", "close", "Close", show=False),
    ]

    class Loaded(Message):
        def __init__(self, lines: list[str]) -> None:
            super().__init__()
            self.lines = lines

    def __init__(self, path: Path, claim_id: str) -> None:
        super().__init__()
        self.path = path
        self.claim_id = claim_id
        self.lines: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Content.assemble("History of ", line(self.claim_id, "bold")), id="heading")
            yield OptionList(Content("Reading the git history…"), id="history")
            yield Label(Content("newest first · escape closes"), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#history", OptionList).focus()
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load(self) -> None:
        self.post_message(self.Loaded(history_lines(self.path, self.claim_id)))

    def on_history_screen_loaded(self, message: HistoryScreen.Loaded) -> None:
        self.lines = message.lines
        self.query_one("#history", OptionList).set_options(line(text) for text in message.lines)

    def action_close(self) -> None:
        self.finish(None)
