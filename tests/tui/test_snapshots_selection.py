"""Snapshots of the source view with a selection, its find box, and the forms `+` and `E`
open from a selection.

Update after an intended visual change with `pytest tests/tui/test_snapshots_selection.py
--snapshot-update` and look at the SVGs in __snapshots__ before committing them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from factcheck.tui.app import ExplorerApp
from tests.tui.conftest import SIZE, main_screen, press
from tests.tui.test_source_selection import write_harbour

Snap = Callable[..., bool]


@pytest.mark.parametrize(
    ("find", "keys"),
    [
        pytest.param("chair said", ("enter", "full_stop", "shift+down"), id="selection"),
        pytest.param("zebra", ("enter",), id="find-no-match"),
        pytest.param("chair said", ("enter", "full_stop", "plus"), id="new-claim-form"),
        pytest.param("Dockers", ("enter", "full_stop", "E"), id="new-event-form"),
    ],
)
def test_source_selection(
    snap_compare: Snap,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    find: str,
    keys: tuple[str, ...],
) -> None:
    monkeypatch.chdir(tmp_path)
    path = write_harbour(tmp_path)

    async def run_before(pilot: Pilot[None]) -> None:
        await main_screen(pilot)
        await press(pilot, "o", "slash")
        focused = pilot.app.screen.focused
        assert isinstance(focused, Input)
        focused.insert_text_at_cursor(find)
        await press(pilot, *keys)

    assert snap_compare(ExplorerApp(Path(path.name)), terminal_size=SIZE, run_before=run_before)
