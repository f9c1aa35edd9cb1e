"""The help screen (`?`): every key of the main screen, from the one key table, and the
status glyphs; it scrolls when taller than the terminal."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, Static

from factcheck.model import STATUSES
from factcheck.tui import keys
from factcheck.tui.display import STATUS_GLYPH
from factcheck.tui.screens.dialog import Dialog
from factcheck.tui.screens.status_picker import digit_of
from factcheck.tui.widgets.instant_scroll import InstantScroll


def help_content() -> Content:
    """The key table by group, then the statuses with their digits and glyphs."""
    groups = keys.help_lines()
    statuses = [
        (f"{digit_of(position)}  {STATUS_GLYPH[name]}", name)
        for position, name in enumerate(STATUSES)
    ]
    groups.append(("Statuses (digits in the status picker and the filter)", statuses))
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
            with InstantScroll(id="keys-scroll"):  # scrolls when the table outgrows the screen
                yield Static(help_content(), id="keys")
            yield Label(Content("↑ ↓ pgup pgdn home end scroll · escape closes"), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#keys-scroll").focus()

    def action_close(self) -> None:
        self.finish(None)
