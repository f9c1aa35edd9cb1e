"""Snapshots of "Checked before" (`b`) and of attaching a match, with a fixture library.

Update after an intended visual change with `pytest tests/tui/test_snapshots_checked_before.py
--snapshot-update` and look at the SVGs in __snapshots__ before committing them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from factcheck.tui.app import ExplorerApp
from tests.tui.conftest import SIZE, main_screen, press
from tests.tui.library_fixture import build_library
from tests.tui.test_checked_before import matches_for

Snap = Callable[..., bool]


@pytest.mark.parametrize(
    "keys",
    [
        pytest.param((), id="matches"),
        pytest.param(("j", "enter", "r"), id="attach"),
    ],
)
def test_checked_before(
    snap_compare: Snap,
    timeline_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    keys: tuple[str, ...],
) -> None:
    monkeypatch.setenv("FACTCHECK_LIBRARY", str(build_library(tmp_path)))

    async def run_before(pilot: Pilot[None]) -> None:
        await main_screen(pilot)
        await press(pilot, "b")
        await matches_for(pilot, "searches-last-year")
        await press(pilot, *keys)
        await pilot.pause()

    assert snap_compare(ExplorerApp(timeline_file), terminal_size=SIZE, run_before=run_before)
