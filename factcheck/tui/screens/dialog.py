"""The base of the explorer's dialogs: a result only while the dialog is the top screen.

Keys typed fast arrive in bursts (paste, key repeat, a quick typist): the `enter` that
confirms a dialog can be followed by keys that are handled after it was dismissed. A second
`dismiss` from a screen that is no longer on top would pop the screen below it (the main
screen: a blank terminal, the edits lost), so every result goes through `finish`.
"""

from __future__ import annotations

from textual.screen import ModalScreen, ScreenResultType


class Dialog(ModalScreen[ScreenResultType]):
    """A modal screen whose result is given once, while it is the top screen."""

    @property
    def on_top(self) -> bool:
        """True while this dialog is the screen keys are for (not dismissed, nothing above)."""
        return self.is_attached and self.app.screen is self

    def finish(self, result: ScreenResultType | None) -> None:
        """Dismiss with `result`; a late key after the dialog closed does nothing."""
        if self.on_top:
            self.dismiss(result)
