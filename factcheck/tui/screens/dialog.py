"""The base of the explorer's dialogs: a result only while the dialog is the top screen.

Keys typed fast arrive in bursts (paste, key repeat, a quick typist): the `enter` that
confirms a dialog can be followed by keys that are handled after it was dismissed. A second
`dismiss` from a screen that is no longer on top would pop the screen below it (the main
screen: a blank terminal, the edits lost), so every result goes through `finish`.

Keys of the burst that opened the dialog (`a`, then a pasted URL) can reach it before its
fields are up: they are kept, and handed in order to the field focused once it is mounted.

Keys typed behind the `enter` that submits a field (`…/url`, `enter`, `v`, a verdict) reach that
field before the dialog has acted on the `enter`: the field holds them (`hold`), and once the
dialog has acted they go on, in order, to the screen on top then: the main screen when the
dialog closed, the dialog's focused field when it stayed open (a refused URL).
"""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

from textual import events, on
from textual.screen import ModalScreen, Screen, ScreenResultType
from textual.widgets import Input

#: The screen each key was handed to: a key that comes back to the app unused after the top
#: screen changed is handed to the new top screen (`ExplorerApp.on_key`).
ROUTED: WeakKeyDictionary[events.Key, Screen[Any]] = WeakKeyDictionary()


def hand_key(screen: Screen[Any], key: events.Key) -> None:
    """Give a copy of `key` to `screen`'s focused widget (or the screen), noting where."""
    again = events.Key(key.key, key.character)
    # Sent by the app, as a terminal's keys are: a key sent by the dialog would stop
    # bubbling at the dialog, short of the app, which runs the bindings (`escape`).
    again.set_sender(screen.app)
    ROUTED[again] = screen
    (screen.focused or screen)._forward_event(again)


class Dialog(ModalScreen[ScreenResultType]):
    """A modal screen whose result is given once, while it is the top screen."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.early_keys: list[events.Key] | None = []  # None once handed on
        self.held_keys: list[events.Key] | None = None  # behind a submitting enter

    @property
    def on_top(self) -> bool:
        """True while this dialog is the screen keys are for (not dismissed, nothing above)."""
        return self.is_attached and self.app.screen is self

    def finish(self, result: ScreenResultType | None) -> None:
        """Dismiss with `result`; a late key after the dialog closed does nothing."""
        if self.on_top:
            self.dismiss(result)

    def on_key(self, event: events.Key) -> None:
        # Until the keys typed before the fields were up are handed on, later keys wait
        # behind them (one that reached the focused list first was run first: `m j enter`
        # picked the first event, then moved down).
        if self.early_keys is not None:
            event.stop()
            event.prevent_default()
            self.early_keys.append(events.Key(event.key, event.character))

    @on(events.Mount)
    def hand_on_early_keys_after_mount(self) -> None:
        self.call_after_refresh(self.hand_on_early_keys)

    def hand_on_early_keys(self) -> None:
        keys, self.early_keys = self.early_keys or [], None
        for key in keys:
            hand_key(self, key)

    def hold(self, key: events.Key) -> bool:
        """Keep `key` (for a field that reads keys itself) while earlier keys wait to be
        handed on, or until the dialog has acted on a submitted field; False otherwise
        (the field takes the key)."""
        held = self.early_keys if self.early_keys is not None else self.held_keys
        if held is None:
            return False
        held.append(events.Key(key.key, key.character))
        return True

    def submitting(self) -> None:
        """A field posted `Input.Submitted`: hold the keys behind it until it is acted on."""
        if self.held_keys is None:
            self.held_keys = []

    @on(Input.Submitted)
    def hand_on_held_keys(self) -> None:
        """Runs after the dialog's own `on_input_submitted` (handlers run along the MRO):
        the dialog has closed, or stayed open, so the held keys know where to go."""
        keys, self.held_keys = self.held_keys or [], None
        for key in keys:
            hand_key(self.app.screen, key)
