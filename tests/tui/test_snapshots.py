"""Snapshots of every screen and modal at a fixed size, reviewer and date.

Update after an intended visual change with `pytest tests/tui --snapshot-update` and look
at the SVGs in __snapshots__ before committing them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from factcheck.tui.app import ExplorerApp
from factcheck.tui.screens.main import MainScreen
from tests.review.helpers import git
from tests.tui.conftest import SIZE, main_screen, press
from tests.tui.fixtures import hostile_timeline, write

Snap = Callable[..., bool]


def opened(*keys: str, text: str = "") -> Callable[[Pilot[None]], object]:
    """A run_before: wait for the main screen, press keys, then type text into the input."""

    async def run_before(pilot: Pilot[None]) -> None:
        await main_screen(pilot)
        await press(pilot, *keys)
        if text:
            focused = pilot.app.screen.focused
            assert isinstance(focused, Input)
            focused.insert_text_at_cursor(text)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize(
    ("keys", "text"),
    [
        pytest.param((), "", id="main"),
        pytest.param(("n", "tab", "o"), "", id="source"),
        pytest.param(("s", "3"), "", id="status-picker"),
        pytest.param(("a",), "ftp://example.org", id="evidence-form"),
        pytest.param(("v",), "Records show 3,100 searches.", id="verdict"),
        pytest.param(("slash",), "police", id="search"),
        pytest.param(("f",), "", id="filter"),
        pytest.param(("question_mark",), "", id="help"),
        pytest.param(("s", "3", "enter", "q"), "", id="quit-unsaved"),
    ],
)
def test_screens(snap_compare: Snap, timeline_file: Path, keys: tuple[str, ...], text: str) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await opened(*keys, text=text)(pilot)
        if keys and keys[0] == "a":
            await press(pilot, "enter")  # the invalid URL: the reason shows in the form

    assert snap_compare(ExplorerApp(timeline_file), terminal_size=SIZE, run_before=run_before)


def test_changed_on_disk(snap_compare: Snap, timeline_file: Path) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        screen = await main_screen(pilot)
        assert isinstance(screen, MainScreen)
        timeline_file.write_text(timeline_file.read_text("utf-8") + "\n", "utf-8")
        await press(pilot, "s", "3", "enter", "ctrl+s")
        await pilot.pause()

    assert snap_compare(ExplorerApp(timeline_file), terminal_size=SIZE, run_before=run_before)


def test_save_as(snap_compare: Snap, timeline_file: Path) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await main_screen(pilot)
        timeline_file.write_text(timeline_file.read_text("utf-8") + "\n", "utf-8")
        await press(pilot, "s", "3", "enter", "ctrl+s", "a")
        focused = pilot.app.screen.focused
        assert isinstance(focused, Input)
        focused.value = "council.toml"
        await press(pilot, "enter")  # exists: the reason shows
        await pilot.pause()

    assert snap_compare(ExplorerApp(timeline_file), terminal_size=SIZE, run_before=run_before)


def test_history(snap_compare: Snap, timeline_file: Path) -> None:
    """In a git repository with the tests' identity and fixed dates: commit ids are stable."""
    here, dated = Path(), {"GIT_AUTHOR_DATE": "2026-01-02T10:00:00+00:00"}
    dated["GIT_COMMITTER_DATE"] = dated["GIT_AUTHOR_DATE"]
    git(here, "init", "-q")
    git(here, "add", ".")
    git(here, "commit", "-qm", "first", env=dated)

    async def run_before(pilot: Pilot[None]) -> None:
        await main_screen(pilot)
        await press(pilot, "s", "3", "enter", "ctrl+s")
        git(here, "commit", "-qam", "rate the searches claim", env=dated)
        await press(pilot, "h")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(ExplorerApp(timeline_file), terminal_size=SIZE, run_before=run_before)


def test_hostile_claim(snap_compare: Snap, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path, hostile_timeline(), "hostile.toml")

    async def run_before(pilot: Pilot[None]) -> None:
        screen = await main_screen(pilot)
        assert isinstance(screen, MainScreen)
        screen.panes.jump("claim", "hostile-claim")
        await pilot.pause()

    assert snap_compare(ExplorerApp(Path(path.name)), terminal_size=SIZE, run_before=run_before)


def test_chooser(snap_compare: Snap, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "timelines")
    write(tmp_path / "timelines", hostile_timeline(), "hostile.toml")
    (tmp_path / "timelines" / "broken.toml").write_text("schema = 1\nid = 'Bad'\n", "utf-8")

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(ExplorerApp(Path("timelines")), terminal_size=SIZE, run_before=run_before)


def test_problems(snap_compare: Snap, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("bad.toml").write_text(
        'schema = 1\nid = "x"\n[[claims]]\nid = "c"\nstatus = "maybe"\nevent = "nope"\n',
        "utf-8",
    )

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(ExplorerApp(Path("bad.toml")), terminal_size=SIZE, run_before=run_before)
