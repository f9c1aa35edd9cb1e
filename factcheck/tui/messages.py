"""Messages screens send to the app (typed, instead of reaching into the app's methods)."""

from __future__ import annotations

from pathlib import Path

from textual.message import Message


class OpenFile(Message):
    """Open a timeline file: on top of the current screen, or in its place (`replace`)."""

    def __init__(self, path: Path, replace: bool = False) -> None:
        super().__init__()
        self.path = path
        self.replace = replace
