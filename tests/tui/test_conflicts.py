"""Merge conflicts in the explorer: the `c` screen (ours / theirs, undo) and the merge offered
when the file changed on disk while there were unsaved edits.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import attrs
import pytest
from textual.pilot import Pilot

from factcheck import check, store
from factcheck.model import Conflict, Timeline
from factcheck.review import merge
from factcheck.tui.app import ExplorerApp
from factcheck.tui.screens.choice import Choice
from factcheck.tui.screens.conflicts import ConflictsScreen
from factcheck.tui.screens.main import MainScreen
from factcheck.tui.widgets.key_list import KeyList
from tests.tui.conftest import REVIEWER, SIZE, main_screen, press
from tests.tui.fixtures import HOSTILE, build_timeline, write

CLAIM = "hearing-in-march"  # the second event's claim: selecting it is visible

Snap = Callable[..., bool]


def rate(timeline: Timeline, claim_id: str, status: str, by: str, verdict: str = "") -> Timeline:
    claim = timeline.claim(claim_id)
    assert claim is not None
    return timeline.replace_claim(
        attrs.evolve(
            claim, status=status, reviewed_by=by, reviewed_on="2026-01-01", verdict=verdict
        )
    )


def conflicted() -> Timeline:
    """Ana rated the claim true, Ben false with a hostile verdict: status, verdict and
    reviewed_by conflict."""
    base = build_timeline()
    ours = rate(base, CLAIM, "true", "Ana", "The agenda lists it.")
    theirs = rate(base, CLAIM, "false", "Ben", HOSTILE)
    return merge.merge(base, ours, theirs).timeline


@pytest.fixture
def conflicted_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, conflicted())
    return Path("council.toml")


def fields(timeline: Timeline) -> list[str]:
    return [conflict.field for conflict in timeline.conflicts]


async def open_conflicts(pilot: Pilot[None], field: str) -> ConflictsScreen:
    """Press c and highlight the conflict of `field`."""
    screen = pilot.app.screen
    assert isinstance(screen, MainScreen)
    await press(pilot, "c")
    conflicts = pilot.app.screen
    assert isinstance(conflicts, ConflictsScreen)
    conflicts.query_one(KeyList).highlighted = fields(screen.session.timeline).index(field)
    await pilot.pause()
    return conflicts


async def test_header_counts_conflicts_and_ours_resolves(conflicted_file: Path) -> None:
    async with ExplorerApp(conflicted_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        assert sorted(fields(screen.session.timeline)) == ["reviewed_by", "status", "verdict"]
        assert "3 conflicts" in str(screen.sub_title)
        assert screen.check_action("conflicts", ()) is True
        assert screen.claim_id != CLAIM
        conflicts = await open_conflicts(pilot, "status")
        assert conflicts.query_one(KeyList).option_count == 3
        await press(pilot, "o")
        # The status and its reviewer stamp were settled together; the verdict is left.
        assert fields(screen.session.timeline) == ["verdict"]
        assert conflicts.query_one(KeyList).option_count == 1
        claim = screen.session.timeline.claim(CLAIM)
        assert claim is not None and (claim.status, claim.reviewed_by) == ("true", "Ana")
        assert screen.session.dirty and "1 conflict" in str(screen.sub_title)
        await press(pilot, "escape")
        assert pilot.app.screen is screen
        assert (screen.panes.event_id, screen.claim_id) == ("mayor-hearing", CLAIM)


async def test_theirs_resolves_and_save_passes_check(conflicted_file: Path) -> None:
    async with ExplorerApp(conflicted_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await open_conflicts(pilot, "status")
        await press(pilot, "t", "2")  # theirs for the status, then theirs (digit) for the verdict
        assert screen.session.timeline.conflicts == ()
        await press(pilot, "escape", "ctrl+s")
        assert not screen.session.dirty and "conflict" not in str(screen.sub_title)
        assert screen.check_action("conflicts", ()) is None
        report = check.check_file(conflicted_file)
        assert report.problems == ()
        claim = store.load(conflicted_file).timeline.claim(CLAIM)
        assert claim is not None
        assert (claim.status, claim.reviewed_by, claim.verdict) == ("false", "Ben", HOSTILE)


async def test_undo_and_redo_a_resolution(conflicted_file: Path) -> None:
    async with ExplorerApp(conflicted_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        loaded = screen.session.timeline
        await open_conflicts(pilot, "verdict")
        await press(pilot, "t", "escape")
        assert fields(screen.session.timeline) == ["status", "reviewed_by"]
        await press(pilot, "u")
        assert screen.session.timeline is loaded and not screen.session.dirty
        assert "3 conflicts" in str(screen.sub_title)
        assert screen.claim_id == CLAIM
        await press(pilot, "ctrl+y")
        claim = screen.session.timeline.claim(CLAIM)
        assert claim is not None and claim.verdict == HOSTILE
        assert len(screen.session.timeline.conflicts) == 2


async def test_escape_closes_without_change(conflicted_file: Path) -> None:
    async with ExplorerApp(conflicted_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        before = (screen.session.timeline, screen.panes.event_id, screen.claim_id)
        await press(pilot, "c", "escape")
        assert pilot.app.screen is screen
        assert (screen.session.timeline, screen.panes.event_id, screen.claim_id) == before
        assert not screen.session.dirty and not screen.session.undo_stack


async def test_enter_goes_to_the_record(conflicted_file: Path) -> None:
    async with ExplorerApp(conflicted_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "c", "enter")
        assert pilot.app.screen is screen and screen.claim_id == CLAIM
        assert not screen.session.dirty


async def test_c_is_disabled_without_conflicts(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        assert screen.check_action("conflicts", ()) is None
        await press(pilot, "c")
        assert pilot.app.screen is screen
        assert "conflict" not in str(screen.sub_title)
        labels = [text for text, _, _ in screen.palette_commands()]
        assert "Resolve merge conflicts (c)" in labels


async def test_a_conflict_that_cannot_be_applied_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    stray = Conflict(record="claims.gone", field="status", ours='"true"', theirs=f'"{HOSTILE}"')
    write(tmp_path, attrs.evolve(build_timeline(), conflicts=(stray,)))
    async with ExplorerApp(Path("council.toml")).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "c", "o")
        assert isinstance(pilot.app.screen, ConflictsScreen)
        assert screen.session.timeline.conflicts == (stray,) and not screen.session.undo_stack
        messages = [str(item.message) for item in pilot.app._notifications]
        assert any('claims has no record "gone"' in message for message in messages), messages


def disk_edit(path: Path, edit: Callable[[Timeline], Timeline]) -> None:
    """Another reviewer saves the file while the explorer has it open."""
    path.write_text(store.dumps(edit(store.load(path).timeline)), encoding="utf-8")


async def test_changed_on_disk_merge_keeps_both_sides(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "s", "3", "enter")  # ours: searches-last-year true
        disk_edit(timeline_file, lambda t: rate(t, CLAIM, "false", "Ben"))
        await press(pilot, "ctrl+s")
        assert isinstance(pilot.app.screen, Choice)
        await press(pilot, "m")
        assert pilot.app.screen is screen
        assert screen.session.dirty and "● unsaved" in str(screen.sub_title)
        assert "changed on disk" not in str(screen.sub_title)
        await press(pilot, "ctrl+s")
        assert pilot.app.screen is screen and not screen.session.dirty
        saved = store.load(timeline_file).timeline
        ours, theirs = saved.claim("searches-last-year"), saved.claim(CLAIM)
        assert ours is not None and (ours.status, ours.reviewed_by) == ("true", REVIEWER)
        assert theirs is not None and (theirs.status, theirs.reviewed_by) == ("false", "Ben")
        assert check.check_file(timeline_file).problems == ()


async def test_the_save_conflict_dialog_is_not_covered_by_earlier_toasts(
    timeline_file: Path,
) -> None:
    """At 80x24 the toasts of the edits before it hid the dialog's "Save as" button."""
    async with ExplorerApp(timeline_file).run_test(size=(80, 24)) as pilot:
        await main_screen(pilot)
        await press(pilot, "s", "3", "enter")  # a toast: "…: true (u to undo)"
        assert pilot.app._notifications
        disk_edit(timeline_file, lambda t: rate(t, CLAIM, "false", "Ben"))
        await press(pilot, "ctrl+s")
        assert isinstance(pilot.app.screen, Choice)
        assert not pilot.app._notifications


async def test_undoing_a_merge_refuses_the_save_again(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "s", "3", "enter")
        disk_edit(timeline_file, lambda t: rate(t, CLAIM, "false", "Ben"))
        theirs = timeline_file.read_text("utf-8")
        await press(pilot, "ctrl+s", "m", "u")
        assert "changed on disk" in str(screen.sub_title)
        await press(pilot, "ctrl+s")
        assert isinstance(pilot.app.screen, Choice)  # their edit is not overwritten
        assert timeline_file.read_text("utf-8") == theirs
        await press(pilot, "k", "ctrl+y", "ctrl+s")
        assert not screen.session.dirty
        claim = store.load(timeline_file).timeline.claim(CLAIM)
        assert claim is not None and claim.status == "false"


async def test_merge_with_a_conflict_opens_the_conflicts(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "s", "3", "enter")
        disk_edit(timeline_file, lambda t: rate(t, "searches-last-year", "false", "Ben"))
        await press(pilot, "ctrl+s", "m")
        conflicts = pilot.app.screen
        assert isinstance(conflicts, ConflictsScreen)
        assert sorted(fields(screen.session.timeline)) == ["reviewed_by", "reviewed_on", "status"]
        conflicts.query_one(KeyList).highlighted = fields(screen.session.timeline).index("status")
        await press(pilot, "t")
        assert fields(screen.session.timeline) == []
        await press(pilot, "escape", "ctrl+s")
        claim = store.load(timeline_file).timeline.claim("searches-last-year")
        assert claim is not None and (claim.status, claim.reviewed_by) == ("false", "Ben")
        assert check.check_file(timeline_file).problems == ()


async def test_merge_when_the_disk_file_does_not_load(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "s", "3", "enter")
        timeline_file.write_text("<<<<<<< ours\n", encoding="utf-8")
        await press(pilot, "ctrl+s", "m")
        assert pilot.app.screen is screen and screen.session.dirty
        assert screen.session.undo_stack and screen.session.changed_on_disk
        messages = [str(item.message) for item in pilot.app._notifications]
        assert any("Cannot merge" in message for message in messages), messages


def test_conflicts_snapshot(snap_compare: Snap, conflicted_file: Path) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await main_screen(pilot)
        await press(pilot, "c")
        await pilot.pause()

    assert snap_compare(ExplorerApp(conflicted_file), terminal_size=SIZE, run_before=run_before)
