"""The key table of DESIGN section 3, as a screen (`?`)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static

KEYS: tuple[tuple[str, str], ...] = (
    ("n / p", "next / previous event (all panes follow)"),
    ("↑ ↓ / j k, g / G", "move in the focused list; first / last"),
    ("tab / shift+tab", "next / previous pane"),
    ("s", "status: digits 1..9, 0 pick, enter confirms, escape cancels"),
    ("a", "add evidence: URL, title, stance (default context), note"),
    ("x", "remove the selected evidence (undoable)"),
    ("v", "edit the verdict line"),
    ("u / ctrl+z, ctrl+y", "undo, redo"),
    ("/", "search events and claims (text, claimant, id)"),
    ("f", "filter by status"),
    ("o", "show / hide the source document"),
    ("h", "history of the selected claim in git"),
    ("c", "merge conflicts: pick o ours or t theirs (undoable)"),
    ("ctrl+s", "save"),
    ("q", "quit (asks first when there are unsaved changes)"),
    ("?", "this help"),
    ("ctrl+p", "command palette: every action, jump to an event"),
)


def help_content() -> Content:
    width = max(len(key) for key, _ in KEYS) + 2
    lines = [Content.assemble((key.ljust(width), "bold"), text) for key, text in KEYS]
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("q", "close", "Close", show=False),
        Binding("question_mark", "close", "Close", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Content("Keys"), id="heading")
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
        self.dismiss(None)
