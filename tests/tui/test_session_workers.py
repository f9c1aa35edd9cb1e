"""The file's disk work runs in worker threads (issue 11, section 1): while a save or a disk
poll is held up (a big file, a slow disk), keys still move the selection."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from factcheck.session import ReviewSession
from factcheck.tui.app import ExplorerApp
from tests.tui.conftest import SIZE, main_screen, press, settle, until

#: Seconds a held worker waits at most: only ends a hung run, never reached when it passes.
HUNG = 60


def held(monkeypatch: pytest.MonkeyPatch, method: str) -> tuple[threading.Event, threading.Event]:
    """Make `ReviewSession.<method>` wait for `release`; `started` says it is running."""
    started, release = threading.Event(), threading.Event()
    real = getattr(ReviewSession, method)

    def waiting(self: ReviewSession, *args: Any) -> Any:
        started.set()
        assert release.wait(HUNG)
        return real(self, *args)

    monkeypatch.setattr(ReviewSession, method, waiting)
    return started, release


@pytest.mark.parametrize("method", ["write", "check_disk"])
async def test_keys_work_while_the_disk_work_is_held_up(
    timeline_file: Path, monkeypatch: pytest.MonkeyPatch, method: str
) -> None:
    started, release = held(monkeypatch, method)
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "3")  # an edit to save
        if method == "write":
            await pilot.press("ctrl+s")
        else:
            screen.poll_disk()
        await until(pilot, started.is_set, "the worker started")
        first = screen.panes.event_id
        await pilot.press("n")  # handled while the worker waits
        await pilot.pause()
        assert screen.panes.event_id != first
        assert screen.session.dirty  # the save (if any) has not finished yet
        release.set()
        await settle(pilot)
        assert screen.session.dirty == (method != "write")
