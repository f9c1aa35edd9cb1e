"""The help screen (`?`): every key of the main screen, from the one key table."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Label, Static

from factcheck.tui import keys
from factcheck.tui.screens.dialog import Dialog


def help_content() -> Content:
    groups = keys.help_lines()
    width = max(len(key) for _, lines in groups for key, _ in lines) + 2
    lines: list[Content] = []
    for group, rows in groups:
        if lines:
            lines.append(Content(""))
        lines.append(Content(group).stylize("bold underline"))
        lines += [Content.assemble((key.ljust(width), "bold"), text) for key, text in rows]
    return Content("\n").join(lines)


class HelpScreen(Dialog[None]):
    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("q", "close", "Close", show=False),
        Binding("question_mark", "close", "Close", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Content("Keys"), id="heading")
            with VerticalScroll(id="keys-scroll"):  # scrolls when the table outgrows the screen
                yield Static(help_content(), id="keys")
            yield Label(
                Content(
                    "Statuses: 1 unverified · 2 in-progress · 3 true · 4 mostly-true · "
                    "5 mixed · 6 mostly-false · 7 false · 8 misleading · 9 unproven · "
                    "0 not-checkable"
                ),
                classes="hint",
            )

    def action_close(self) -> None:
        self.finish(None)
