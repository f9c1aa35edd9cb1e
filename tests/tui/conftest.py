"""Shared fixtures: a fixed reviewer and day, fixture timelines, and an opened explorer."""

from __future__ import annotations

import asyncio
import inspect
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from factcheck.tui import identity, preferences
from factcheck.tui.app import ExplorerApp
from factcheck.tui.screens.main import MainScreen
from factcheck.tui.screens.session_screen import SessionScreen
from tests.review.helpers import git
from tests.tui.fixtures import write
from tests.tui.terminal import REVIEWER as E2E_REVIEWER
from tests.tui.terminal import SHIPPED, Terminal, running

REVIEWER = "Test Reviewer"
TODAY = "2026-01-02"
SIZE = (120, 40)


@pytest.fixture(autouse=True)
def fixed_identity(monkeypatch: pytest.MonkeyPatch) -> None:
    """Snapshots and assertions must not depend on the machine's git config or the clock."""
    monkeypatch.setattr(identity, "reviewer", lambda: REVIEWER)
    monkeypatch.setattr(identity, "today", lambda: TODAY)


@pytest.fixture(autouse=True)
def no_disk_poll_timer(monkeypatch: pytest.MonkeyPatch) -> None:
    """Screens must not depend on when the 2-second disk poll fires: tests that check the
    poll call `poll_disk` themselves."""
    monkeypatch.setattr(SessionScreen, "POLL_SECONDS", 24 * 3600.0)


@pytest.fixture(autouse=True)
def steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    """Text cursors blink every 0.5 s: on a busy machine a snapshot taken later than that
    caught the cursor hidden (test_screens[verdict] failed under load). Keep it shown."""
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None)


@pytest.fixture(autouse=True)
def lasting_toasts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Toasts go after 5 s; on a busy machine one could go before a snapshot or an assertion."""
    monkeypatch.setattr(ExplorerApp, "NOTIFICATION_TIMEOUT", 24 * 3600.0)


@pytest.fixture(autouse=True)
def private_settings(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """The explorer's settings file in a fresh folder: never the user's own."""
    path = tmp_path_factory.mktemp("config") / "factcheck" / preferences.FILE_NAME
    monkeypatch.setattr(preferences, "settings_path", lambda: path)
    return path


@pytest.fixture
def timeline_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """council.toml in a temporary folder that is also the working directory."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path)
    return Path("council.toml")


@pytest.fixture
def shipped_repo(tmp_path: Path) -> Path:
    """A git repository holding a copy of the shipped timeline and its source, whose
    `user.name` is the reviewer the explorer stamps (the e2e tests)."""
    folder = tmp_path / "timelines"
    folder.mkdir()
    shutil.copy(SHIPPED, folder / SHIPPED.name)
    shutil.copytree(SHIPPED.parent / "sources", folder / "sources")
    for args in (["init", "-q"], ["config", "user.name", E2E_REVIEWER],
                 ["config", "user.email", "e2e@example.org"], ["add", "."],
                 ["commit", "-qm", "shipped timeline"]):  # fmt: skip
        git(tmp_path, *args)
    return tmp_path


@pytest.fixture
def shipped_terminal(shipped_repo: Path) -> Iterator[Terminal]:
    """The installed `factcheck` on the shipped timeline, in a 120x40 terminal."""
    with running("e2e", shipped_repo, f"factcheck timelines/{SHIPPED.name}") as terminal:
        yield terminal


async def main_screen(pilot: Pilot[None]) -> MainScreen:
    """Wait until the worker has loaded the file and the main screen is up."""
    for _ in range(30000):  # a condition; the bound only ends a hung run
        if isinstance(pilot.app.screen, MainScreen):
            await pilot.pause()
            return pilot.app.screen
        await pilot.pause(0.01)
    raise AssertionError(f"the main screen did not open; on screen: {pilot.app.screen!r}")


async def settle(pilot: Pilot[None]) -> None:
    """Wait until the workers (save, merge, poll, conflict resolution) are done and their
    results are on screen."""
    for _ in range(1000):  # up to 10 s: CI machines are busy
        await pilot.pause()
        if all(worker.is_finished for worker in pilot.app.workers):
            await pilot.pause()
            return
        await pilot.pause(0.01)
    raise AssertionError(f"workers still running: {list(pilot.app.workers)!r}")


async def until(pilot: Pilot[None], condition: Callable[[], bool], what: str) -> None:
    """Wait until `condition()` holds (a worker started, a screen opened, keys arrived)."""
    for _ in range(6000):  # a condition; the bound only ends a hung run
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError(f"never happened: {what}")


async def press(pilot: Pilot[None], *keys: str) -> None:
    """Press keys one by one, each after the work the previous one started has finished."""
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run `async def` tests with asyncio.run (no async plugin is a dependency)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    asyncio.run(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
    return True
