"""The help screen (`?`): every key of the main screen, from the one key table, and the
status glyphs; it scrolls when taller than the terminal."""

from __future__ import annotations

from textual.app import ComposeResult, RenderResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Size
from textual.widgets import Label, Static

from factcheck.model import STATUSES
from factcheck.tui import keys
from factcheck.tui.display import STATUS_GLYPH
from factcheck.tui.screens.dialog import Dialog
from factcheck.tui.screens.status_picker import digit_of
from factcheck.tui.widgets.instant_scroll import InstantScroll

Row = tuple[str, str]  # (keys, text)


def help_rows() -> tuple[list[tuple[str, list[Row]]], int]:
    """The key table by group, then the statuses with their digits and glyphs; and the
    width of the keys' column."""
    groups = keys.help_lines()
    statuses = [
        (f"{digit_of(position)}  {STATUS_GLYPH[name]}", name)
        for position, name in enumerate(STATUSES)
    ]
    groups.append(("Statuses (digits: main screen, status picker, filter)", statuses))
    return groups, max(len(key) for _, lines in groups for key, _ in lines) + 2


def help_lines(width: int | None = None) -> list[Content]:
    """The help's lines; with a `width`, a long text wraps under its text, not its key."""
    groups, key_width = help_rows()
    lines: list[Content] = []
    for group, rows in groups:
        if lines:
            lines.append(Content(""))
        lines.append(Content(group).stylize("bold underline"))
        for key, text in rows:
            parts = [Content(text)]
            if width is not None:
                parts = Content(text).wrap(max(20, width - key_width))
            lines.append(Content.assemble((key.ljust(key_width), "bold"), parts[0]))
            lines += [Content.assemble(" " * key_width, part) for part in parts[1:]]
    return lines


def help_content() -> Content:
    """The whole help, one line per key."""
    return Content("\n").join(help_lines())


class KeyTable(Static):
    """The help's text, wrapped to the dialog's width with the keys in a column of their own."""

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if width <= 0:
            return super().get_content_height(container, viewport, width)
        return len(self.wrapped(width).wrap(width))  # a line wider than the pane wraps again

    def render(self) -> RenderResult:
        width = self.content_size.width
        return self.wrapped(width) if width > 0 else super().render()

    @staticmethod
    def wrapped(width: int) -> Content:
        return Content("\n").join(help_lines(width))


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
                yield KeyTable(help_content(), id="keys")
            yield Label(Content("↑ ↓ pgup pgdn home end scroll · escape closes"), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#keys-scroll").focus()

    def action_close(self) -> None:
        self.finish(None)
