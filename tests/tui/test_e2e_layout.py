"""End to end at 80x24 in tmux (issue 16.3): the footer keeps q, ?, ctrl+s and ctrl+p, the
help screen scrolls to its last line, and the header keeps the review progress whole."""

from __future__ import annotations

import time
from pathlib import Path

from tests.tui.terminal import E2E, NEEDS_INSTALLED, SHIPPED, running, terminal_env

pytestmark = [*E2E, NEEDS_INSTALLED]

#: The help screen's last line: the last status of the scale.
HELP_LAST_LINE = "not-checkable"


def test_footer_and_help_fit_80x24(shipped_repo: Path, tmp_path: Path) -> None:
    env = terminal_env(XDG_CONFIG_HOME=str(tmp_path / "config"))  # not the user's own theme
    command = f"factcheck timelines/{SHIPPED.name}"
    with running("e2e-layout", shipped_repo, command, env, "80x24") as terminal:
        screen = terminal.wait_for("^p palette")
        footer = screen.rstrip("\n").splitlines()[-1]
        for key in ("q Quit", "? Help", "^s Save", "^p palette"):
            assert key in footer, footer
        assert len(footer) <= 80

        terminal.keys("?")
        screen = terminal.wait_for("escape closes")
        assert HELP_LAST_LINE not in screen  # the list is taller than the terminal

        def shows_last_line() -> bool:
            """Poll a while for the press to take effect (a bound, not a wait for time)."""
            for _ in range(50):
                if HELP_LAST_LINE in terminal.screen():
                    return True
                time.sleep(0.1)
            return False

        for _ in range(20):  # again if a press came before the list was laid out
            terminal.keys("End")
            if shows_last_line():
                break
        screen = terminal.screen()
        assert HELP_LAST_LINE in screen, screen
        assert "escape closes" in screen  # the hint below the list stays shown

        terminal.keys("Escape")  # alone: escape and a key sent together read as alt+key
        terminal.wait_for("escape closes", absent=True)
        terminal.keys("3")  # an edit: the header says unsaved, the file name gives way
        header = terminal.wait_for("● unsaved · 1/27 reviewed").splitlines()[0]
        assert header.rstrip().endswith("— ● unsaved · 1/27 reviewed"), header
        assert "chicago-f" in header and "2020.toml —" in header, header
