"""Resolve merge conflicts (`c`): each conflict's record, field, base, ours and theirs.

The screen edits nothing itself: `o` / `t` hand (index, choice) to the main screen, which
applies `merge.resolve` as an undoable edit (in a worker), then calls `resolved` (with the
reason when it did not apply); the list is redrawn from the main screen's current conflicts
(one resolution may settle several, e.g. a status and its reviewer stamp). Values are
untrusted JSON text: sanitized, cut, and never parsed as markup. One OptionList holds every
conflict (no widget per row).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, Label
from textual.widgets.option_list import Option

from factcheck.model import Conflict
from factcheck.tui.display import cut, line
from factcheck.tui.screens.dialog import Dialog
from factcheck.tui.widgets.key_list import KeyList

#: Characters of one conflict value shown (a whole-record conflict can be a large table).
VALUE_LIMIT = 300


def conflict_prompt(conflict: Conflict) -> Content:
    """Four lines: record and field, then the base, ours and theirs values."""
    return Content("\n").join(
        [
            Content.assemble(
                line(conflict.record, "bold"),
                ("  ", ""),
                line(conflict.field or "(the whole record)", "bold"),
            ),
            Content.assemble(("  base    ", "dim"), line(cut(conflict.base, VALUE_LIMIT))),
            Content.assemble(("  ours    ", "green"), line(cut(conflict.ours, VALUE_LIMIT))),
            Content.assemble(("  theirs  ", "magenta"), line(cut(conflict.theirs, VALUE_LIMIT))),
        ]
    )


class ConflictsScreen(Dialog[str | None]):
    """Dismisses with the record last resolved or chosen with enter, or None."""

    BINDINGS = [
        Binding("o,1", "resolve('ours')", "Take ours"),
        Binding("t,2", "resolve('theirs')", "Take theirs"),
        Binding("enter", "go", "Go to record"),
        Binding("escape", "close", "Close"),
    ]

    def __init__(
        self,
        conflicts: Callable[[], tuple[Conflict, ...]],
        resolve: Callable[[int, str], None],
    ) -> None:
        """`conflicts` reads the current list; `resolve(index, choice)` starts a resolution,
        answered by `resolved`."""
        super().__init__()
        self.conflicts = conflicts
        self.resolve = resolve
        self.record: str | None = None
        self.pending: tuple[int, str] | None = None  # (row, record) being resolved

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Content("Merge conflicts"), id="heading")
            yield KeyList(id="conflict-list", enter_to_screen=True)
            yield Label(Content(""), classes="hint", id="conflict-hint")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.show(0)
        self.query_one("#conflict-list", KeyList).focus()

    def show(self, highlighted: int) -> None:
        current = self.conflicts()
        options = self.query_one("#conflict-list", KeyList)
        options.set_options(
            Option(conflict_prompt(conflict), id=str(index))
            for index, conflict in enumerate(current)
        )
        if current:
            options.highlighted = min(highlighted, len(current) - 1)
        count = len(current)
        hint = (
            f"{count} conflict{'s' if count != 1 else ''} · o takes ours, t takes theirs "
            "(u undoes them later) · enter goes to the record · escape closes"
            if count
            else "No conflicts left · save with ctrl+s · escape closes"
        )
        self.query_one("#conflict-hint", Label).update(Content(hint))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("resolve", "go") and self.is_mounted:
            return True if self.conflicts() else None
        return True

    def action_resolve(self, choice: str) -> None:
        if not self.on_top:  # a key of a burst that arrived after the screen closed
            return
        row = self.query_one("#conflict-list", KeyList).highlighted
        current = self.conflicts()
        if row is None or not 0 <= row < len(current):
            return
        self.pending = (row, current[row].record)
        self.resolve(row, choice)

    def resolved(self, applied: bool, error: str = "") -> None:
        """The main screen's answer to `resolve`: redraw; `error` says why it did not apply."""
        pending, self.pending = self.pending, None
        if error:
            self.notify(line(error).plain, title="Cannot resolve", severity="error", markup=False)
        if applied and pending is not None:
            self.record = pending[1]
        self.show(pending[0] if pending is not None else 0)

    def action_go(self) -> None:
        row = self.query_one("#conflict-list", KeyList).highlighted
        current = self.conflicts()
        if row is not None and 0 <= row < len(current):
            self.record = current[row].record
        self.finish(self.record)

    def on_option_list_option_selected(self, event: KeyList.OptionSelected) -> None:
        event.stop()
        self.action_go()

    def action_close(self) -> None:
        self.finish(self.record)
