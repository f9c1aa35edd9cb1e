"""Shown while a timeline loads in a worker thread."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, LoadingIndicator

from factcheck.text import sanitize_line


class LoadingScreen(Screen[None]):
    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(Content(f"Loading {sanitize_line(str(self.path))}…"), id="loading-label")
        yield LoadingIndicator()
        yield Footer()

    def on_mount(self) -> None:
        self.title = sanitize_line(self.path.name)
