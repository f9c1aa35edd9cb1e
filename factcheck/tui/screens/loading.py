"""Shown while a timeline loads in a worker thread.

No Header here: a small file loads (or fails) while this screen is still mounting, and a
Header removed mid-mount crashes on its deferred title update (Textual catches only NoScreen
there). The label names the file instead.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Label, LoadingIndicator

from factcheck.text import sanitize_line


class LoadingScreen(Screen[None]):
    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        yield Label(Content(f"Loading {sanitize_line(str(self.path))}…"), id="loading-label")
        yield LoadingIndicator()
        yield Footer()
