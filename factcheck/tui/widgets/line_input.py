"""A one-line input that keeps the keys of a burst in order, and every line of a paste.

Keys typed fast arrive in a burst, and the app hands each one to the widget focused when it
arrives. Textual's Input runs `enter` and `tab` as bindings once the key has bubbled up to
the app: by then the keys typed behind them were already inserted (a burst `No record`,
`enter`, `j` saved "No recordj"; `url`, `tab`, `title` put the title in the URL). Here the
input reads `enter` (submit the value as it is now) and `tab` / `shift+tab` (move the focus)
itself, in order, and passes a key that reaches it after the focus moved on (or after its
dialog closed) to the widget focused now. The keys typed behind `enter` are held by the dialog
until it has answered the submitted value (`Dialog.hold_keys_until_answered`): a `j` there
moves the main screen once the dialog closed, and is typed into the field if it stays open.

Paste: Textual's Input keeps only the first line, silently (a pasted two-line verdict lost
its second line). A verdict, a title or a note is one line in the file, so the lines are
joined with a space and a toast says how many were joined.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from factcheck.tui.screens.dialog import Dialog, hand_key


def join_lines(text: str) -> tuple[str, int]:
    """`text` on one line (its non-blank lines joined with a space) and how many it had."""
    lines = [part.strip() for part in text.splitlines() if part.strip()]
    return " ".join(lines), len(lines)


class LineInput(Input):
    """An Input whose `enter` submits the value at the key press and whose paste keeps
    all lines (joined with spaces)."""

    async def _on_key(self, event: events.Key) -> None:
        screen = self.app.screen
        target = screen.focused or screen
        if target is not self:  # typed behind a tab or enter of the same burst: pass it on
            event.stop()
            event.prevent_default()
            hand_key(screen, event)
            return
        if isinstance(screen, Dialog) and screen.hold(event):
            event.stop()
            event.prevent_default()
            return
        if event.key in ("enter", "tab", "shift+tab"):
            event.stop()
            event.prevent_default()
            if event.key == "enter":
                # To the screen itself, so the release of the held keys comes after its answer.
                screen.post_message(self.Submitted(self, self.value))
                if isinstance(screen, Dialog):
                    screen.hold_keys_until_answered()
            elif event.key == "tab":
                screen.focus_next()
            else:
                screen.focus_previous()
            return
        # Other keys: Textual calls Input's own `_on_key` next (handlers run along the MRO).

    def _on_paste(self, event: events.Paste) -> None:
        joined, count = join_lines(event.text)
        if count > 1:
            self.notify(f"Pasted {count} lines, joined with spaces (this field is one line).",
                        markup=False)  # fmt: skip
            event.text = joined  # Input's own `_on_paste` runs next and inserts it
