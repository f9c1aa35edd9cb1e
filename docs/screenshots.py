"""The README's pictures: real screenshots of the explorer on the shipped timeline.

Run from the repository root after a visible change to the explorer, then look at the SVGs:

    python -m docs.screenshots            # writes docs/screenshots/*.svg
    python -m docs.screenshots FOLDER     # writes them somewhere else

The shipped timeline is copied to a temporary folder first, so nothing in `timelines/` is
touched. Each picture is taken at one fixed size with a fixed reviewer and day and steady
text cursors, so the same code always draws the same SVG: tests/docs/test_screenshots.py
regenerates them and fails while the committed ones are stale. (Rich names the SVG's styles
after a hash of what is drawn, so the export itself is deterministic.)
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import tempfile
from collections.abc import Awaitable, Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from unittest import mock

import attrs
from textual import constants
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from factcheck import store
from factcheck.model import Timeline
from factcheck.review import merge
from factcheck.tui import identity
from factcheck.tui.app import ExplorerApp
from factcheck.tui.screens.main import MainScreen
from factcheck.tui.screens.session_screen import SessionScreen

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "timelines" / "chicago-facial-recognition-2020.toml"
OUTPUT = ROOT / "docs" / "screenshots"
SIZE = (120, 36)
REVIEWER = "Ana Reviewer"
TODAY = "2026-01-02"
#: The claim two reviewers rated differently in the conflict picture.
CONFLICT_CLAIM = "lightfoot-mayor-of-chicago"

Steps = Callable[[Pilot[None]], Awaitable[None]]


@attrs.frozen
class Shot:
    """One picture: which copy of the timeline it opens and what is done before it is taken."""

    name: str
    title: str
    steps: Steps
    conflicted: bool = False


async def settle(pilot: Pilot[None]) -> None:
    """Wait until the workers (load, save, conflict resolution) are done and drawn."""
    for _ in range(3000):  # a condition; the bound only ends a hung run
        await pilot.pause()
        if all(worker.is_finished for worker in pilot.app.workers):
            await pilot.pause()
            return
        await pilot.pause(0.01)
    raise RuntimeError(f"workers still running: {list(pilot.app.workers)!r}")


async def press(pilot: Pilot[None], *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def main_screen(pilot: Pilot[None]) -> MainScreen:
    """Wait until the timeline is loaded and the main screen is up."""
    for _ in range(3000):
        screen = pilot.app.screen
        if isinstance(screen, MainScreen):
            await settle(pilot)
            return screen
        await pilot.pause(0.01)
    raise RuntimeError(f"the main screen did not open; on screen: {pilot.app.screen!r}")


async def source_view(pilot: Pilot[None]) -> None:
    """The mayor's statement, its claims focused, the article beside it at the quote."""
    await press(pilot, "n", "n", "tab", "o")


async def status_picker(pilot: Pilot[None]) -> None:
    await press(pilot, "n", "n", "tab", "s", "3")


async def conflict_list(pilot: Pilot[None]) -> None:
    await press(pilot, "c")


async def claim_form(pilot: Pilot[None]) -> None:
    """The edit form of one of the mayor's claims, as the draft left it."""
    screen = await main_screen(pilot)
    screen.panes.jump("claim", "only-mug-shots-vs-public-sources")
    screen.query_one("#claims").focus()
    await press(pilot, "e")


SHOTS = (
    Shot("main", "factcheck: the explorer with the source view (o)", source_view),
    Shot("status-picker", "factcheck: the status picker (s)", status_picker),
    Shot("conflicts", "factcheck: merge conflicts (c)", conflict_list, conflicted=True),
    Shot("claim-form", "factcheck: the claim form (e)", claim_form),
)


def rated(timeline: Timeline, status: str, reviewer: str) -> Timeline:
    claim = timeline.claim(CONFLICT_CLAIM)
    assert claim is not None, f"{CONFLICT_CLAIM} is no longer in {SHIPPED.name}"
    return timeline.replace_claim(
        attrs.evolve(claim, status=status, reviewed_by=reviewer, reviewed_on=TODAY)
    )


def conflicted(timeline: Timeline) -> Timeline:
    """Two reviewers rated the same claim differently, and git merged their files."""
    ours = rated(timeline, "true", REVIEWER)
    theirs = rated(timeline, "in-progress", "Ben Reviewer")
    return merge.merge(timeline, ours, theirs).timeline


def copy_shipped(folder: Path, with_conflicts: bool) -> Path:
    """The shipped timeline and its source document, copied into `folder`."""
    shutil.copytree(SHIPPED.parent / "sources", folder / "sources")
    path = folder / SHIPPED.name
    if with_conflicts:
        path.write_text(store.dumps(conflicted(store.load(SHIPPED).timeline)), encoding="utf-8")
    else:
        shutil.copyfile(SHIPPED, path)
    return path


@contextmanager
def steady() -> Iterator[None]:
    """A fixed reviewer and day, text cursors that do not blink, no disk poll, no toast that
    goes away, full colour whatever NO_COLOR or TEXTUAL_FILTERS say: what is drawn depends on
    the keys pressed, never on the clock, the machine or the terminal."""
    with ExitStack() as stack:
        stack.enter_context(mock.patch.dict(os.environ))
        os.environ.pop("NO_COLOR", None)
        stack.enter_context(mock.patch.object(constants, "FILTERS", ""))
        stack.enter_context(mock.patch.object(identity, "reviewer", lambda: REVIEWER))
        stack.enter_context(mock.patch.object(identity, "today", lambda: TODAY))
        stack.enter_context(mock.patch.object(Input, "_toggle_cursor", lambda self: None))
        stack.enter_context(
            mock.patch.object(TextArea, "_toggle_cursor_blink_visible", lambda self: None)
        )
        stack.enter_context(mock.patch.object(SessionScreen, "POLL_SECONDS", 24 * 3600.0))
        stack.enter_context(mock.patch.object(ExplorerApp, "NOTIFICATION_TIMEOUT", 24 * 3600.0))
        yield


async def take(shot: Shot, path: Path) -> str:
    app = ExplorerApp(path)
    async with app.run_test(size=SIZE) as pilot:
        await main_screen(pilot)
        await shot.steps(pilot)
        return app.export_screenshot(title=shot.title)


def render(shot: Shot) -> str:
    """The SVG of one picture, taken on a fresh copy of the shipped timeline."""
    with tempfile.TemporaryDirectory() as folder, steady():
        path = copy_shipped(Path(folder), shot.conflicted)
        return asyncio.run(take(shot, path))


def generate(output: Path = OUTPUT) -> list[Path]:
    """Write every picture into `output`; returns the files written."""
    output.mkdir(parents=True, exist_ok=True)
    written = []
    for shot in SHOTS:
        target = output / f"{shot.name}.svg"
        target.write_text(render(shot), encoding="utf-8")
        written.append(target)
    return written


def main(arguments: list[str]) -> None:
    for path in generate(Path(arguments[0]) if arguments else OUTPUT):
        print(path)


if __name__ == "__main__":
    main(sys.argv[1:])
