"""Pilot tests: every key and modal of the explorer, asserting on the model and on the screen."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from textual import events
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, Label, OptionList, Static

from factcheck import store
from factcheck.tui import SAVE_WITHIN, keys
from factcheck.tui.app import ExplorerApp
from factcheck.tui.screens.choice import Choice
from factcheck.tui.screens.chooser import ChooserScreen
from factcheck.tui.screens.evidence_form import EvidenceForm
from factcheck.tui.screens.help import HelpScreen
from factcheck.tui.screens.history import HistoryScreen
from factcheck.tui.screens.main import MainScreen
from factcheck.tui.screens.problems import ProblemsScreen
from factcheck.tui.screens.save_as import SaveAs
from factcheck.tui.screens.search import SearchScreen
from factcheck.tui.screens.status_picker import StatusPicker
from factcheck.tui.screens.verdict_editor import VerdictEditor
from factcheck.tui.widgets.source_view import SourceView
from factcheck.tui.widgets.stance_field import StanceField
from factcheck.tui.widgets.timeline_list import TimelineList
from tests.review.helpers import git
from tests.tui.conftest import REVIEWER, SIZE, TODAY, main_screen, press, settle
from tests.tui.fixtures import HOSTILE, hostile_timeline, write


def rows(screen: Screen[None], list_id: str) -> list[str]:
    """The plain text of each row of a list, as displayed."""
    if list_id == "#timeline":
        timeline = screen.query_one(list_id, TimelineList)
        return [timeline.row_text(index) for index in range(timeline.row_count)]
    options = screen.query_one(list_id, OptionList)
    return [str(getattr(option.prompt, "plain", option.prompt)) for option in options.options]


def shown(widget: Static) -> str:
    return str(getattr(widget.content, "plain", widget.content))


async def fill(pilot: Pilot[None], text: str) -> None:
    """Type into the focused input in one step (pressing each key is slow under Pilot)."""
    widget = pilot.app.screen.focused
    assert isinstance(widget, Input), widget
    if not widget.selection.is_empty:  # typing replaces selected text
        widget.delete_selection()
    widget.insert_text_at_cursor(text)
    await pilot.pause()


def on_disk(path: Path) -> str:
    return path.read_text(encoding="utf-8")


async def test_opens_on_first_event_and_claim(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        assert screen.panes.event_id == "council-meeting"
        assert screen.claim_id == "searches-last-year"
        assert screen.title == "council.toml"
        assert screen.sub_title == "1/4 reviewed"
        timeline_rows = rows(screen, "#timeline")
        assert timeline_rows[0].startswith("1 Feb 2021")
        assert "The council debates a ban" in timeline_rows[0]
        assert "0/2 reviewed" in timeline_rows[0]
        assert "on Monday" in shown(screen.query_one("#event", Static))
        assert rows(screen, "#claims")[0].startswith("○ unverified")
        assert "Ada Reyes" in rows(screen, "#claims")[0]


async def test_n_and_p_step_through_events(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "n")
        assert screen.panes.event_id == "mayor-hearing"
        assert screen.claim_id == "hearing-in-march"
        assert "promises a hearing" in shown(screen.query_one("#event", Static))
        assert len(rows(screen, "#claims")) == 1
        await press(pilot, "n", "n", "n")
        assert screen.panes.event_id == "database-size"  # stays on the last event
        await press(pilot, "p", "p", "p")
        assert screen.panes.event_id == "council-meeting"


async def test_list_keys_and_panes(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        assert screen.focused is screen.query_one("#timeline")
        await press(pilot, "G")
        assert screen.panes.event_id == "database-size"
        await press(pilot, "g")
        assert screen.panes.event_id == "council-meeting"
        await press(pilot, "j")
        assert screen.panes.event_id == "mayor-hearing"
        await press(pilot, "k", "down")
        assert screen.panes.event_id == "mayor-hearing"
        await press(pilot, "up", "tab")
        assert screen.focused is screen.query_one("#claims")
        await press(pilot, "j")
        assert screen.claim_id == "mug-shots-only"
        assert "Police policy" in rows(screen, "#evidence")[0]
        await press(pilot, "k")
        assert screen.claim_id == "searches-last-year"
        await press(pilot, "G")
        assert screen.claim_id == "mug-shots-only"
        await press(pilot, "tab")
        assert screen.focused is screen.query_one("#evidence")
        await press(pilot, "shift+tab", "shift+tab")
        assert screen.focused is screen.query_one("#timeline")


async def test_status_picker_sets_status_and_stamps_reviewer(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "s")
        assert isinstance(pilot.app.screen, StatusPicker)
        await press(pilot, "7", "enter")
        assert pilot.app.screen is screen
        claim = screen.session.timeline.claim("searches-last-year")
        assert claim is not None
        assert (claim.status, claim.reviewed_by, claim.reviewed_on) == ("false", REVIEWER, TODAY)
        assert rows(screen, "#claims")[0].startswith("✗ false")
        assert "1/2 reviewed" in rows(screen, "#timeline")[0]
        assert screen.sub_title == "● unsaved · 2/4 reviewed"
        assert f"by {REVIEWER}" in shown(screen.query_one("#claim", Static))
        await press(pilot, "s", "0", "enter")
        assert screen.panes.claim is not None and screen.panes.claim.status == "not-checkable"
        await press(pilot, "s", "1", "enter")
        assert screen.panes.claim is not None and screen.panes.claim.status == "unverified"
        assert screen.sub_title == "● unsaved · 1/4 reviewed"


async def test_status_picker_escape_changes_nothing(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        before = screen.session.timeline
        await press(pilot, "s", "3", "escape")
        assert pilot.app.screen is screen
        assert screen.session.timeline is before
        assert not screen.session.dirty


async def test_add_evidence_with_defaults(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "a")
        form = pilot.app.screen
        assert isinstance(form, EvidenceForm)
        assert form.focused is form.query_one("#url")
        assert form.query_one("#stance", StanceField).value == "context"
        await press(pilot, *"https://example.org/a", "enter")
        assert pilot.app.screen is screen
        claim = screen.panes.claim
        assert claim is not None and len(claim.evidence) == 1
        evidence = claim.evidence[0]
        assert (evidence.url, evidence.stance, evidence.accessed) == (
            "https://example.org/a",
            "context",
            TODAY,
        )
        assert "https://example.org/a" in rows(screen, "#evidence")[0]


async def test_add_evidence_all_fields(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "a")
        await fill(pilot, "https://example.org/b")
        await press(pilot, "tab")
        await fill(pilot, "A title")
        await press(pilot, "tab", "s", "tab")  # the stance takes single keys
        await fill(pilot, "a note")
        await press(pilot, "enter")
        claim = screen.panes.claim
        assert claim is not None
        assert claim.evidence[0].title == "A title"
        assert claim.evidence[0].stance == "supports"
        assert claim.evidence[0].note == "a note"


async def test_invalid_url_keeps_the_form_open_with_the_reason(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "a")
        await fill(pilot, "ftp://example.org/x")
        await press(pilot, "enter")
        form = pilot.app.screen
        assert isinstance(form, EvidenceForm)
        reason = shown(form.query_one("#problem", Label))
        assert "only http and https" in reason
        assert form.focused is form.query_one("#url")
        await press(pilot, "ctrl+u", *"https://", "enter")  # real keys: clearing and typing
        assert isinstance(pilot.app.screen, EvidenceForm)
        assert "no host" in shown(form.query_one("#problem", Label))
        await fill(pilot, "example.org")
        await press(pilot, "enter")
        assert pilot.app.screen is screen
        assert screen.panes.claim is not None
        assert [item.url for item in screen.panes.claim.evidence] == ["https://example.org"]


async def test_evidence_form_escape_changes_nothing(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        before = screen.session.timeline
        await press(pilot, "a")
        await fill(pilot, "https://example.org/a")
        await press(pilot, "escape")
        assert pilot.app.screen is screen
        assert screen.session.timeline is before


async def test_remove_evidence_undo_redo(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        assert screen.check_action("remove_evidence", ()) is None  # first claim has none
        assert screen.check_action("undo", ()) is None
        await press(pilot, "tab", "j")
        assert screen.claim_id == "mug-shots-only"
        assert screen.check_action("remove_evidence", ()) is True
        await press(pilot, "x")
        assert screen.panes.claim is not None and screen.panes.claim.evidence == ()
        assert rows(screen, "#evidence") == []
        await press(pilot, "u")
        assert screen.panes.claim is not None and len(screen.panes.claim.evidence) == 1
        assert not screen.session.dirty  # back to the loaded value
        await press(pilot, "ctrl+y")
        assert screen.panes.claim is not None and screen.panes.claim.evidence == ()
        await press(pilot, "ctrl+z")
        assert screen.panes.claim is not None and len(screen.panes.claim.evidence) == 1
        assert screen.check_action("undo", ()) is None
        assert screen.check_action("redo", ()) is True


async def test_undo_returns_to_the_edited_claim(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "s", "3", "enter", "n", "n")
        assert screen.panes.event_id == "database-size"
        await press(pilot, "u")
        assert screen.claim_id == "searches-last-year"
        assert screen.panes.claim is not None and screen.panes.claim.status == "unverified"
        assert "0/2 reviewed" in rows(screen, "#timeline")[0]


async def test_verdict_edit_and_cancel(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "v")
        assert isinstance(pilot.app.screen, VerdictEditor)
        await fill(pilot, "Records show 3,100.")
        await press(pilot, "enter")
        assert (
            screen.panes.claim is not None and screen.panes.claim.verdict == "Records show 3,100."
        )
        assert "Records show 3,100." in shown(screen.query_one("#claim", Static))
        before = screen.session.timeline
        await press(pilot, "v")
        await fill(pilot, " more")
        await press(pilot, "escape")
        assert screen.session.timeline is before


async def test_search_jumps_to_claim(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "slash")
        assert isinstance(pilot.app.screen, SearchScreen)
        await fill(pilot, "mayor")
        results = pilot.app.screen.query_one("#results", OptionList)
        assert results.option_count == 2  # the event (title) and the claim (claimant)
        await press(pilot, "down", "down", "enter")
        assert pilot.app.screen is screen
        assert (screen.panes.event_id, screen.claim_id) == ("mayor-hearing", "hearing-in-march")
        await press(pilot, "slash")
        await fill(pilot, "three-billion")
        await press(pilot, "enter")
        assert screen.claim_id == "three-billion"
        await press(pilot, "slash")
        await fill(pilot, "nothing like this")
        await press(pilot, "enter")
        assert isinstance(pilot.app.screen, SearchScreen)  # no match: stays open
        await press(pilot, "escape")
        assert screen.claim_id == "three-billion"


async def test_filter_by_status(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "f")
        picker = pilot.app.screen
        assert isinstance(picker, StatusPicker)
        await press(pilot, "3", "enter")
        assert screen.panes.status_filter == "true"
        assert screen.panes.rows == ["database-size"]
        assert screen.claim_id == "three-billion"
        assert "filter: true" in str(screen.sub_title)
        await press(pilot, "f", "g", "enter")  # the first row: all statuses
        assert screen.panes.status_filter == ""
        assert len(screen.panes.rows) == 3
        assert screen.panes.event_id == "database-size"  # kept
        await press(pilot, "f", "1", "escape")
        assert screen.panes.status_filter == ""


async def test_filter_hiding_everything(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "f", "8", "enter")
        assert screen.panes.rows == []
        assert screen.claim_id is None
        assert screen.check_action("set_status", ()) is None
        await press(pilot, "s", "n")  # nothing to act on: no crash, no modal
        assert pilot.app.screen is screen


async def test_source_view_highlights_the_passage(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        view = screen.query_one("#source", SourceView)
        assert not view.display
        await press(pilot, "o")
        await pilot.pause()
        assert view.display
        assert view.selected_text == "the police had run 4,000 searches last year"
        assert view.border_title == "Council debates facial recognition"
        await press(pilot, "n")
        await pilot.pause()
        assert view.selected_text == "promised a public hearing in March"
        await press(pilot, "o")
        assert not view.display


async def open_history(pilot: Pilot[None]) -> HistoryScreen:
    await press(pilot, "h")
    history = pilot.app.screen
    assert isinstance(history, HistoryScreen)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return history


async def test_history_outside_git(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        await main_screen(pilot)
        history = await open_history(pilot)
        assert history.claim_id == "searches-last-year"
        assert history.lines[0].startswith("No history:")
        assert "not inside a git work tree" in rows(history, "#history")[0]
        await press(pilot, "escape")
        assert isinstance(pilot.app.screen, MainScreen)


async def test_history_in_git(timeline_file: Path) -> None:
    here = Path()  # the timeline's folder
    git(here, "init", "-q")
    git(here, "add", ".")
    git(here, "commit", "-qm", "first")
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        await main_screen(pilot)
        await press(pilot, "s", "3", "enter", "ctrl+s")
        git(here, "commit", "-qam", "rate the searches claim")
        history = await open_history(pilot)
        shown_lines = rows(history, "#history")
        assert "Ana Tester: rate the searches claim" in shown_lines[0]
        assert any("unverified" in text and "true" in text for text in shown_lines[1:])


async def test_help_screen(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        await main_screen(pilot)
        await press(pilot, "question_mark")
        help_screen = pilot.app.screen
        assert isinstance(help_screen, HelpScreen)
        lines = shown(help_screen.query_one("#keys", Static)).splitlines()
        for key in keys.MAIN_KEYS:  # every row of the key table, with its help text
            shown_keys = key.help_keys or key.all_keys
            if key.help:  # the digits' rows share one line
                assert any(line.startswith(shown_keys + " ") and key.help in line for line in lines)
        assert any(line.startswith("u / ctrl+z ") for line in lines)
        assert any(line.startswith("ctrl+p ") for line in lines)
        await press(pilot, "escape")
        assert isinstance(pilot.app.screen, MainScreen)


async def test_command_palette_jumps_and_runs_actions(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        entries = [text for text, _, _ in screen.palette_commands()]
        assert "Save (ctrl+s)" in entries
        assert "Jump to event: Mar 2021 Groups describe the database" in entries
        await press(pilot, "ctrl+p")
        assert isinstance(pilot.app.screen, CommandPalette)
        await fill(pilot, "Jump to event: Mar 2021 Groups")
        results = pilot.app.screen.query_one(CommandList)
        for _ in range(30000):  # the search runs in a worker: wait for its match, not a time
            chosen = results.highlighted
            if chosen is not None and "Groups describe" in str(
                results.get_option_at_index(chosen).prompt
            ):
                break
            await pilot.pause(0.01)
        await press(pilot, "enter")
        await pilot.pause()
        assert pilot.app.screen is screen
        assert screen.panes.event_id == "database-size"


async def test_save_writes_the_file(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        assert screen.check_action("save", ()) is True
        await press(pilot, "s", "3", "enter", "ctrl+s")
        assert not screen.session.dirty
        assert screen.sub_title == "2/4 reviewed"
        saved = store.load(timeline_file).timeline.claim("searches-last-year")
        assert saved is not None and (saved.status, saved.reviewed_by) == ("true", REVIEWER)


async def test_save_onto_changed_file_does_not_overwrite(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "s", "3", "enter")
        theirs = on_disk(timeline_file).replace("Ada Reyes", "Ada M. Reyes")
        timeline_file.write_text(theirs, encoding="utf-8")
        await press(pilot, "ctrl+s")
        assert isinstance(pilot.app.screen, Choice)
        assert on_disk(timeline_file) == theirs
        await press(pilot, "k")  # keep editing
        assert pilot.app.screen is screen and screen.session.dirty
        assert "changed on disk" in str(screen.sub_title)
        await press(pilot, "ctrl+s", "a")
        save_as = pilot.app.screen
        assert isinstance(save_as, SaveAs)
        save_as.query_one(Input).value = "council.toml"
        await press(pilot, "enter")
        assert isinstance(pilot.app.screen, SaveAs)  # exists: refused with a reason
        assert "already exists" in shown(save_as.query_one("#problem", Label))
        save_as.query_one(Input).value = "council.mine.toml"
        await press(pilot, "enter")
        assert pilot.app.screen is screen and not screen.session.dirty
        assert screen.title == "council.mine.toml"
        assert on_disk(timeline_file) == theirs
        mine = store.load("council.mine.toml").timeline.claim("searches-last-year")
        assert mine is not None and mine.status == "true"


async def test_a_served_explorer_saves_as_only_inside_its_folder(
    timeline_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`factcheck serve` sets SAVE_WITHIN for each tab: its user must not write elsewhere."""
    monkeypatch.setenv(SAVE_WITHIN, str(tmp_path))
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "s", "3", "enter")
        timeline_file.write_text(on_disk(timeline_file) + "\n", encoding="utf-8")
        await press(pilot, "ctrl+s", "a")
        save_as = pilot.app.screen
        assert isinstance(save_as, SaveAs)
        for escape in (str(outside / "x.toml"), "../escaped.toml"):
            save_as.query_one(Input).value = escape
            await press(pilot, "enter")
            assert pilot.app.screen is save_as, escape
            assert "may only save inside" in shown(save_as.query_one("#problem", Label))
        save_as.query_one(Input).value = "inside.toml"
        await press(pilot, "enter")
        assert pilot.app.screen is screen and not screen.session.dirty
    assert (tmp_path / "inside.toml").exists() and not list(outside.iterdir())
    assert not (tmp_path.parent / "escaped.toml").exists()


async def test_reload_after_change_asks_before_dropping_edits(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "s", "3", "enter")
        timeline_file.write_text(
            on_disk(timeline_file).replace("Ada Reyes", "Ada M. Reyes"), encoding="utf-8"
        )
        await press(pilot, "ctrl+s", "r")
        assert isinstance(pilot.app.screen, Choice)  # "drop your edits?"
        await press(pilot, "escape")
        assert pilot.app.screen is screen and screen.session.dirty
        await press(pilot, "ctrl+s", "r", "y")
        reloaded = await main_screen(pilot)
        assert reloaded is not screen
        claim = reloaded.session.timeline.claim("searches-last-year")
        assert claim is not None and (claim.claimant, claim.status) == (
            "Ada M. Reyes",
            "unverified",
        )


async def test_poll_notices_a_change_on_disk(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        os.utime(timeline_file, ns=(1, 1))  # same bytes, new mtime: not a change
        screen.poll_disk()
        await settle(pilot)
        assert not screen.session.changed_on_disk
        timeline_file.write_text(on_disk(timeline_file) + "\n", encoding="utf-8")
        screen.poll_disk()
        await settle(pilot)
        assert screen.session.changed_on_disk
        assert "changed on disk" in str(screen.sub_title)
        await pilot.pause()
        messages = [notification.message for notification in pilot.app._notifications]
        assert any("changed on disk" in message for message in messages), messages


async def test_save_error_keeps_edits(timeline_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing_save(*_args: object) -> None:
        raise store.SaveError("council.toml: cannot save: No space left on device")

    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "s", "3", "enter")
        monkeypatch.setattr(store, "save", failing_save)
        await press(pilot, "ctrl+s")
        assert screen.session.dirty
        choice = pilot.app.screen
        assert isinstance(choice, Choice)
        assert "No space left" in choice.question and "edits are kept" in choice.question


async def test_quit_with_unsaved_changes_asks(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "s", "3", "enter", "q")
        assert isinstance(pilot.app.screen, Choice)
        await press(pilot, "escape")
        assert pilot.app.screen is screen and pilot.app.is_running
        await press(pilot, "q", "y")
        await pilot.pause()
        assert not pilot.app.is_running
    claim = store.load(timeline_file).timeline.claim("searches-last-year")
    assert claim is not None and claim.status == "unverified"


async def test_quit_save_and_quit(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        await main_screen(pilot)
        await press(pilot, "s", "3", "enter", "q", "s")
        await pilot.pause()
        assert not pilot.app.is_running
    claim = store.load(timeline_file).timeline.claim("searches-last-year")
    assert claim is not None and claim.status == "true"


async def test_quit_when_clean(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        await main_screen(pilot)
        await press(pilot, "q")
        await pilot.pause()
        assert not pilot.app.is_running


async def test_hostile_text_is_shown_as_characters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path, hostile_timeline(), "hostile.toml")
    async with ExplorerApp(path).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "slash")
        await fill(pilot, "hostile-claim")
        await press(pilot, "enter", "o")
        await pilot.pause()
        assert screen.claim_id == "hostile-claim"
        escaped = (
            "[bold]x[/bold] [/x] [@click=app.quit]q[/] \\x1b[31mred\\x1b]0;title\\x07 \\u202eevil"
        )
        assert escaped in rows(screen, "#claims")[0]
        assert escaped in shown(screen.query_one("#claim", Static))
        assert escaped in shown(screen.query_one("#event", Static))
        assert escaped in rows(screen, "#evidence")[0]
        assert escaped in rows(screen, "#timeline")[screen.panes.row_of["hostile-event"]]
        for text in (*rows(screen, "#claims"), *rows(screen, "#timeline")):
            assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
        # clicking the would-be link does nothing: the app is still running
        await pilot.click("#claims")
        assert pilot.app.is_running
        assert HOSTILE not in rows(screen, "#claims")[0]


async def test_folder_opens_the_chooser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "timelines"
    write(folder)
    (folder / "broken.toml").write_text("schema = 1\nid = 'Bad Id'\n", encoding="utf-8")
    async with ExplorerApp(Path("timelines")).run_test(size=SIZE) as pilot:
        await pilot.pause()
        chooser = pilot.app.screen
        assert isinstance(chooser, ChooserScreen)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        listed = rows(chooser, "#files")
        assert "broken.toml" in listed[0] and "does not load (1 problem(s))" in listed[0]
        assert "council.toml" in listed[1] and "1/4 reviewed" in listed[1]
        await press(pilot, "enter")
        await problems_screen(pilot)
        await press(pilot, "escape", "j", "enter")
        screen = await main_screen(pilot)
        assert screen.title == "council.toml"


async def test_file_that_fails_to_load_shows_its_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    bad = Path("bad.toml")
    bad.write_text('schema = 1\nid = "x"\n[[claims]]\nid = "c"\nstatus = "maybe"\n', "utf-8")
    expected = [str(problem) for problem in _problems(bad)]
    async with ExplorerApp(bad).run_test(size=SIZE) as pilot:
        screen = await problems_screen(pilot)
        listed = rows(screen, "#problems")
        assert listed == expected
        assert any('"maybe" is not one of' in line for line in listed)


async def test_unexpected_worker_error_is_a_message(
    timeline_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_load(_path: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store, "load", broken_load)
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await problems_screen(pilot)
        assert screen.problems == ["cannot load: RuntimeError: disk on fire"]


async def problems_screen(pilot: Pilot[None]) -> ProblemsScreen:
    """The problems screen once the load worker has failed (a generous wait: CI is busy)."""
    for _ in range(30000):
        if isinstance(pilot.app.screen, ProblemsScreen) and pilot.app.screen.is_mounted:
            break
        await pilot.pause(0.01)
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ProblemsScreen)
    return screen


def _problems(path: Path) -> list[store.Problem]:
    try:
        store.load(path)
    except store.LoadError as error:
        return error.problems
    raise AssertionError("expected the file not to load")


async def test_fast_key_sequence_ends_on_the_right_event(timeline_file: Path) -> None:
    """A burst of keys queued at once (key repeat, paste) ends on the right event."""
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        for key in ("G", "g", "n", "n", "p", "j"):
            pilot.app.post_message(events.Key(key, key))
        for _ in range(5):
            await pilot.pause()
        assert screen.panes.event_id == "database-size"
        assert screen.claim_id == "three-billion"


def test_open_command_refuses_a_missing_path(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from factcheck.cli import cli

    result = CliRunner().invoke(cli, [str(tmp_path / "missing.toml")])
    assert result.exit_code == 2
    assert "no such file or folder" in result.output


def test_cli_does_not_import_textual_until_the_explorer_opens() -> None:
    code = "import sys, factcheck.cli; sys.exit('textual' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
