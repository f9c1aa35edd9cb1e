"""End to end (issue 16.1): every way out of the explorer, in a real terminal (tmux), goes
through the same unsaved-changes prompt: `q`, `ctrl+q` and the command palette's "Quit"."""

from __future__ import annotations

import time
from pathlib import Path

from factcheck import store
from tests.tui import test_e2e
from tests.tui.test_e2e import SHIPPED, Terminal

pytestmark = test_e2e.pytestmark
repo = test_e2e.repo  # the fixtures: a git repository with the shipped timeline, tmux
terminal = test_e2e.terminal

PROMPT = "has unsaved changes"


def still_editing(terminal: Terminal) -> None:
    """The prompt has gone, the explorer runs and the edit is still unsaved."""
    screen = terminal.wait_for(PROMPT, absent=True)
    assert terminal.alive()
    assert "● unsaved" in screen


def test_every_quit_asks_before_dropping_edits(repo: Path, terminal: Terminal) -> None:
    path = repo / "timelines" / SHIPPED.name
    before = path.read_bytes()
    terminal.wait_for("reviewed")
    terminal.keys("3")  # rate the selected claim: one unsaved edit
    terminal.wait_for("● unsaved")

    terminal.keys("C-q")
    terminal.wait_for(PROMPT)
    terminal.keys("n")  # keep editing
    still_editing(terminal)

    terminal.keys("C-q")
    terminal.wait_for(PROMPT)
    terminal.keys("Escape")
    still_editing(terminal)

    terminal.keys("C-p")
    terminal.wait_for("Search for commands")
    terminal.type("quit")
    screen = terminal.wait_for("Quit (q)")
    assert "Quit the application" not in screen  # Textual's own quit is not offered
    terminal.keys("Enter")
    terminal.wait_for(PROMPT)
    terminal.keys("n")
    still_editing(terminal)

    terminal.keys("q")
    terminal.wait_for(PROMPT)
    terminal.keys("y")  # quit without saving
    deadline = time.monotonic() + 120  # a condition; the bound only ends a hung run
    while terminal.alive() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not terminal.alive(), terminal.screen()
    assert path.read_bytes() == before
    assert store.load(path).timeline == store.load(SHIPPED).timeline
