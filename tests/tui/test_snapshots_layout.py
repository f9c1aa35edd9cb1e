"""Snapshots of the main screen at the terminal sizes of issue 16, and under NO_COLOR.

At every size: the details fit their content, the claims list takes the rest, the footer
starts with q, ? and ctrl+s and ends with ctrl+p. Under NO_COLOR the statuses are glyphs and
the source view's selected passage is in reverse video. Update with
`pytest tests/tui/test_snapshots_layout.py --snapshot-update` and look at the SVGs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from factcheck.tui.app import ExplorerApp
from tests.tui.conftest import main_screen, press
from tests.tui.test_snapshots import Snap


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_main_screen_fits(snap_compare: Snap, timeline_file: Path, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await main_screen(pilot)
        await press(pilot, "n", "n")  # the event with a verdict and a reviewed claim

    assert snap_compare(ExplorerApp(timeline_file), terminal_size=size, run_before=run_before)


def test_no_color(snap_compare: Snap, timeline_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")

    async def run_before(pilot: Pilot[None]) -> None:
        await main_screen(pilot)
        await press(pilot, "n", "n", "o")  # the source view, its passage selected

    assert snap_compare(ExplorerApp(timeline_file), terminal_size=(120, 40), run_before=run_before)
