"""End to end (issue 16.1): every way out of the explorer, in a real terminal (tmux), goes
through the same unsaved-changes prompt: `q`, `ctrl+q` and the command palette's "Quit"."""

from __future__ import annotations

from pathlib import Path

from factcheck import store
from tests.tui.terminal import E2E, NEEDS_INSTALLED, SHIPPED, Terminal

pytestmark = [*E2E, NEEDS_INSTALLED]

PROMPT = "has unsaved changes"


def still_editing(terminal: Terminal) -> None:
    """The prompt has gone, the explorer runs and the edit is still unsaved."""
    screen = terminal.wait_for(PROMPT, absent=True)
    assert terminal.alive()
    assert "● unsaved" in screen


def test_every_quit_asks_before_dropping_edits(
    shipped_repo: Path, shipped_terminal: Terminal
) -> None:
    terminal = shipped_terminal
    path = shipped_repo / "timelines" / SHIPPED.name
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
    terminal.wait_for_exit()
    assert path.read_bytes() == before
    assert store.load(path).timeline == store.load(SHIPPED).timeline
