"""The base of the explorer's dialogs: a result only while the dialog is the top screen.

Keys typed fast arrive in bursts (paste, key repeat, a quick typist): the `enter` that
confirms a dialog can be followed by keys that are handled after it was dismissed. A second
`dismiss` from a screen that is no longer on top would pop the screen below it (the main
screen: a blank terminal, the edits lost), so every result goes through `finish`.

Keys of the burst that opened the dialog (`a`, then a pasted URL) can reach it before its
fields are up: they are kept, and handed in order to the field focused once it is mounted.
Keys typed behind a field's `enter` (`v`, a verdict, `enter`, `j`) are held until the dialog
has answered it: they go to the screen below when it closed, back to the dialog if not.
"""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

from textual import events, on
from textual.screen import ModalScreen, Screen, ScreenResultType

#: The screen each key was handed to: a key that comes back to the app unused after the top
#: screen changed is handed to the new top screen (`ExplorerApp.on_key`).
ROUTED: WeakKeyDictionary[events.Key, Screen[Any]] = WeakKeyDictionary()


def hand_key(screen: Screen[Any], key: events.Key) -> None:
    """Give a copy of `key` to `screen`'s focused widget (or the screen), noting where.

    The copy is sent from the app, as the terminal's keys are: a key bubbles up to its sender
    and stops there, and the app, where the bindings are checked, is the last stop (sent from
    the dialog, a released `escape` stopped at the dialog and never cancelled it)."""
    again = events.Key(key.key, key.character)
    again.set_sender(screen.app)
    ROUTED[again] = screen
    (screen.focused or screen)._forward_event(again)


class Dialog(ModalScreen[ScreenResultType]):
    """A modal screen whose result is given once, while it is the top screen."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.early_keys: list[events.Key] | None = []  # None once handed on
        #: Keys typed behind an `enter` the dialog has not answered yet; None when none is.
        self.held_keys: list[events.Key] | None = None

    @property
    def on_top(self) -> bool:
        """True while this dialog is the screen keys are for (not dismissed, nothing above)."""
        return self.is_attached and self.app.screen is self

    def finish(self, result: ScreenResultType | None) -> None:
        """Dismiss with `result`; a late key after the dialog closed does nothing."""
        if self.on_top:
            self.dismiss(result)
            self.release_held_keys()

    def hold_keys_until_answered(self) -> None:
        """Hold the keys that arrive until the `enter` just posted to this screen is answered
        (the release is queued behind it, on the same screen)."""
        if self.held_keys is None:
            self.held_keys = []
            self.call_later(self.release_held_keys)

    def hold(self, key: events.Key) -> bool:
        """Keep `key` if keys are being held; True if it was kept."""
        if self.held_keys is None:
            return False
        self.held_keys.append(events.Key(key.key, key.character))
        return True

    def release_held_keys(self) -> None:
        """Hand the held keys, in order, to the top screen: this one, or the one below it."""
        keys, self.held_keys = self.held_keys or [], None
        for key in keys:
            hand_key(self.app.screen, key)

    def on_key(self, event: events.Key) -> None:
        if self.early_keys is not None and self.focused is None:  # the fields are not up yet
            event.stop()
            event.prevent_default()
            self.early_keys.append(events.Key(event.key, event.character))

    @on(events.Mount)
    def hand_on_early_keys_after_mount(self) -> None:
        # The toasts of earlier actions would cover a dialog's fields and buttons at 80x24
        # (the conflict dialog's "Save as"); the dialog says what it is about itself.
        self.app.clear_notifications()
        self.call_after_refresh(self.hand_on_early_keys)

    def hand_on_early_keys(self) -> None:
        keys, self.early_keys = self.early_keys or [], None
        for key in keys:
            hand_key(self, key)
