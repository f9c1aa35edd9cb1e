"""Snapshots of the curation forms and dialogs (issue 11.2) at a fixed size, reviewer and date.

Update after an intended visual change with
`pytest tests/tui/test_snapshots_forms.py --snapshot-update` and look at the SVGs in
__snapshots__ before committing them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from factcheck.tui.app import ExplorerApp
from factcheck.tui.screens.main import MainScreen
from tests.tui.conftest import SIZE, main_screen, press, settle
from tests.tui.fixtures import hostile_timeline, write

Snap = Callable[..., bool]


def opened(*keys: str, text: str = "", claim: str = "") -> Callable[[Pilot[None]], object]:
    """A run_before: wait for the main screen, focus a claim if asked, press keys, type."""

    async def run_before(pilot: Pilot[None]) -> None:
        screen = await main_screen(pilot)
        assert isinstance(screen, MainScreen)
        if claim:
            screen.panes.jump("claim", claim)
            screen.query_one("#claims").focus()
            await settle(pilot)
        await press(pilot, *keys)
        if text:
            await pilot.press(*text)
        for field in pilot.app.screen.query("Input, TextArea"):
            field.cursor_blink = False  # type: ignore[attr-defined]  # same picture every run
        await settle(pilot)

    return run_before


@pytest.mark.parametrize(
    ("keys", "text", "claim"),
    [
        pytest.param(("e", "tab"), "Ad", "searches-last-year", id="claim-form"),
        pytest.param(("e", "backspace", "ctrl+s"), "", "searches-last-year", id="claim-form-error"),
        pytest.param(("plus",), "", "", id="new-claim-form"),
        pytest.param(("e",), "early February 2021", "", id="event-form-date-reading"),
        pytest.param(("E",), "someday soon", "", id="new-event-form-bad-date"),
        pytest.param(("d",), "", "mug-shots-only", id="delete-claim"),
        pytest.param(("d",), "", "", id="delete-event-with-claims"),
        pytest.param(("m",), "", "mug-shots-only", id="move-picker"),
    ],
)
def test_forms(
    snap_compare: Snap, timeline_file: Path, keys: tuple[str, ...], text: str, claim: str
) -> None:
    run_before = opened(*keys, text=text, claim=claim)
    assert snap_compare(ExplorerApp(timeline_file), terminal_size=SIZE, run_before=run_before)


def test_hostile_claim_form(
    snap_compare: Snap, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path, hostile_timeline())
    run_before = opened("e", claim="hostile-claim")
    assert snap_compare(ExplorerApp(path), terminal_size=SIZE, run_before=run_before)
