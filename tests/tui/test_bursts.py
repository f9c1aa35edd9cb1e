"""Key bursts (issue 16.1): every dialog acts on the value chosen at the key press, and only
while it is the top screen, so no burst of keys saves the wrong value or dismisses the main
screen.

`burst` hands every key to the app at once, without waiting between them (what a paste,
key repeat or a fast typist does in a real terminal); `pilot.press` with several keys in
one call is the other pacing, and both must give the same result.
"""

from __future__ import annotations

import threading
import unicodedata
import webbrowser
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, Label

from factcheck import search, store
from factcheck.model import Evidence
from factcheck.tui.app import ExplorerApp
from factcheck.tui.screens import search as search_screen
from factcheck.tui.screens.attach_match import AttachMatch
from factcheck.tui.screens.choice import Choice
from factcheck.tui.screens.claim_form import ClaimForm
from factcheck.tui.screens.conflicts import ConflictsScreen
from factcheck.tui.screens.event_form import EventForm
from factcheck.tui.screens.event_picker import EventPicker
from factcheck.tui.screens.evidence_form import EvidenceForm
from factcheck.tui.screens.help import HelpScreen
from factcheck.tui.screens.main import MainScreen
from factcheck.tui.screens.save_as import SaveAs
from factcheck.tui.screens.search import SearchScreen
from factcheck.tui.screens.source_find import SourceFind
from factcheck.tui.screens.status_picker import StatusPicker
from factcheck.tui.screens.verdict_editor import VerdictEditor
from factcheck.tui.widgets.instant_scroll import InstantScroll
from factcheck.tui.widgets.timeline_list import TimelineList
from tests.tui.conftest import SIZE, main_screen, press, settle, until
from tests.tui.library_fixture import build_library
from tests.tui.test_checked_before import matches_for
from tests.tui.test_curation_forms import FakeBrowser, focus_claims

FIRST, SECOND = "searches-last-year", "mug-shots-only"


def key_event(key: str) -> events.Key:
    """The Key event a terminal would send for `key` (as `Pilot.press` builds it)."""
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    try:
        char: str | None = unicodedata.lookup(
            _get_unicode_name_from_key(REPLACED_KEYS.get(key, key))
        )
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


def send_at_once(pilot: Pilot[None], *keys: str) -> None:
    """Hand every key to the app, with no wait between them."""
    driver = pilot.app._driver
    assert driver is not None
    for key in keys:
        event = key_event(key)
        event.set_sender(pilot.app)
        driver.send_message(event)


async def burst(pilot: Pilot[None], *keys: str) -> None:
    """Send every key at once, with no wait between them; then wait for the work to end."""
    send_at_once(pilot, *keys)
    await settle(pilot)


async def pressed(pilot: Pilot[None], *keys: str) -> None:
    """All keys in one `pilot.press` call."""
    await pilot.press(*keys)
    await settle(pilot)


Send = Callable[..., Awaitable[None]]
PACINGS = [pytest.param(burst, id="burst"), pytest.param(pressed, id="press")]


def status_of(screen: MainScreen, claim_id: str) -> str:
    claim = screen.session.timeline.claim(claim_id)
    assert claim is not None
    return claim.status


def on_top(pilot: Pilot[None], screen: MainScreen) -> bool:
    return pilot.app.screen is screen and screen in pilot.app.screen_stack


@pytest.mark.parametrize("send", PACINGS)
async def test_status_picker_saves_the_digit_not_the_moved_highlight(
    timeline_file: Path, send: Send
) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        assert screen.panes.claim_id == FIRST
        await send(pilot, "s", "3", "enter", "j")
        assert on_top(pilot, screen)
        assert status_of(screen, FIRST) == "true"  # not mostly-true (the j after enter)
        assert status_of(screen, SECOND) == "unverified"


@pytest.mark.parametrize("send", PACINGS)
async def test_a_key_after_a_pickers_enter_reaches_the_screen_below(
    timeline_file: Path, send: Send
) -> None:
    """The `j` typed right behind `enter` does what it does on the main screen."""
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "j")
        after_j = (screen.query_one(TimelineList).highlighted, screen.panes.claim_id)
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await send(pilot, "s", "3", "j", "enter", "j")
        assert on_top(pilot, screen)
        assert status_of(screen, FIRST) == "mostly-true"  # the j before enter moved the row
        assert after_j[0] != 0  # j moves the timeline, the list focused at start
        timeline = screen.query_one(TimelineList)
        assert (timeline.highlighted, screen.panes.claim_id) == after_j


@pytest.mark.parametrize("send", PACINGS)
async def test_event_picker_picks_the_row_at_enter_and_hands_on_the_next_key(
    timeline_file: Path, send: Send
) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        events = screen.session.timeline.events
        results: list[str | None] = []
        pilot.app.push_screen(
            EventPicker(screen.session.timeline, "Move to", events[0].id), results.append
        )
        await until(pilot, lambda: isinstance(pilot.app.screen, EventPicker), "the picker")
        await send(pilot, "j", "enter", "j")
        assert results == [events[2].id]  # the second row: the first event is not offered
        assert on_top(pilot, screen)
        assert screen.query_one(TimelineList).highlighted == 1  # the last j moved the timeline


@pytest.mark.parametrize("send", PACINGS)
async def test_a_second_enter_never_dismisses_the_main_screen(
    timeline_file: Path, send: Send
) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await send(pilot, "s", "3", "enter", "enter")
        assert on_top(pilot, screen)
        assert status_of(screen, FIRST) == "true"
        await send(pilot, "s", "down", "enter", "enter", "enter")  # true -> mostly-true
        assert on_top(pilot, screen)
        assert status_of(screen, FIRST) == "mostly-true"
        assert len(screen.session.undo_stack) == 2


@pytest.mark.parametrize("send", PACINGS)
async def test_evidence_form_saves_what_was_typed_at_enter(timeline_file: Path, send: Send) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await send(pilot, "a")
        assert isinstance(pilot.app.screen, EvidenceForm)
        await send(pilot, *"https://example.org/a", "tab", *"T", "tab", "r", "enter", "enter")
        assert on_top(pilot, screen)
        claim = screen.session.timeline.claim(FIRST)
        assert claim is not None and len(claim.evidence) == 1
        evidence = claim.evidence[0]
        assert (evidence.url, evidence.title, evidence.stance) == (
            "https://example.org/a",
            "T",
            "refutes",
        )


@pytest.mark.parametrize("send", PACINGS)
async def test_evidence_form_url_is_the_one_at_enter(timeline_file: Path, send: Send) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await send(pilot, "a")
        await send(pilot, *"https://example.org/b", "enter", "j", "enter")
        assert on_top(pilot, screen)
        claim = screen.session.timeline.claim(FIRST)
        assert claim is not None and [e.url for e in claim.evidence] == ["https://example.org/b"]


@pytest.mark.parametrize("send", PACINGS)
async def test_a_key_after_a_fields_enter_reaches_the_screen_below_or_stays_in_the_form(
    timeline_file: Path, send: Send
) -> None:
    """Behind `enter`: the main screen's `j` once the verdict editor closed; a letter typed
    into the evidence form's URL when the form refused it and stays open."""
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await send(pilot, "v")
        assert isinstance(pilot.app.screen, VerdictEditor)
        await send(pilot, *"No", "enter", "j")
        assert on_top(pilot, screen)
        claim = screen.session.timeline.claim(FIRST)
        assert claim is not None and claim.verdict == "No"
        assert screen.query_one(TimelineList).highlighted == 1  # the j moved the timeline

        await send(pilot, "k", "a")
        assert isinstance(pilot.app.screen, EvidenceForm)
        form = pilot.app.screen
        await send(pilot, *"ftp:x", "enter", *"yz")
        assert pilot.app.screen is form
        assert form.query_one("#url", Input).value == "ftp:xyz"


@pytest.mark.parametrize("send", PACINGS)
async def test_a_record_form_saves_the_field_at_enter(timeline_file: Path, send: Send) -> None:
    """`e`, a new title, `enter`, `j`: the title is what was typed before `enter` (it was
    saved with the `j` in it), and the `j` moves the main screen."""
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        before = screen.session.timeline.events[0].title
        await send(pilot, "e")
        assert isinstance(pilot.app.screen, EventForm)
        await send(pilot, "tab", "tab")
        assert pilot.app.focused is not None and pilot.app.focused.id == "title"
        await send(pilot, *"XY", "enter", "j")  # the field's text is selected: XY replaces it
        assert on_top(pilot, screen)
        assert before != "XY" and screen.session.timeline.events[0].title == "XY"
        assert screen.query_one(TimelineList).highlighted == 1


@pytest.mark.parametrize("send", PACINGS)
async def test_verdict_editor_saves_the_line_at_enter(timeline_file: Path, send: Send) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await send(pilot, "v")
        assert isinstance(pilot.app.screen, VerdictEditor)
        await send(pilot, *"No record", "enter", "enter", "j")
        assert on_top(pilot, screen)
        claim = screen.session.timeline.claim(FIRST)
        assert claim is not None and claim.verdict == "No record"


@pytest.mark.parametrize("send", PACINGS)
async def test_quit_prompt_keep_editing_in_a_burst(timeline_file: Path, send: Send) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await send(pilot, "3", "q", "n", "escape", "escape")
        assert on_top(pilot, screen) and pilot.app.is_running
        assert screen.session.dirty and status_of(screen, FIRST) == "true"
        await send(pilot, "ctrl+q", "escape", "escape")
        assert on_top(pilot, screen) and pilot.app.is_running


@pytest.mark.parametrize(("answer", "saved"), [("s", "true"), ("y", "unverified")])
async def test_quit_prompt_answers_in_a_burst(timeline_file: Path, answer: str, saved: str) -> None:
    """`s` saves then quits, `y` quits without saving: the keys behind the answer change
    nothing (the file on disk has the status the answer chose)."""
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        await main_screen(pilot)
        driver = pilot.app._driver
        assert driver is not None
        for key in ("3", "q", answer, "j", "7", "enter"):
            event = key_event(key)
            event.set_sender(pilot.app)
            driver.send_message(event)
        for _ in range(1000):  # a condition; the bound only ends a hung run
            if not pilot.app.is_running:
                break
            await pilot.pause(0.01)
        assert not pilot.app.is_running
    claim = store.load(timeline_file).timeline.claim(FIRST)
    assert claim is not None and claim.status == saved


@pytest.mark.parametrize("send", PACINGS)
async def test_event_picker_moves_to_the_event_chosen(timeline_file: Path, send: Send) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await focus_claims(pilot, SECOND)
        await send(pilot, "m", "j", "enter", "enter", "j")  # the second row: database-size
        assert on_top(pilot, screen)
        claim = screen.session.timeline.claim(SECOND)
        assert claim is not None and claim.event == "database-size"
        assert len(screen.session.undo_stack) == 1


@pytest.mark.parametrize("send", PACINGS)
@pytest.mark.parametrize(("answer", "deleted"), [("y", True), ("n", False), ("escape", False)])
async def test_delete_confirmation_acts_on_the_answer(
    timeline_file: Path, send: Send, answer: str, deleted: bool
) -> None:
    """`d` then the answer and more keys: one deletion or none, the main screen on top (a
    `d` behind the answer asks again; escape closes that question)."""
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await focus_claims(pilot, SECOND)
        await send(pilot, "d", answer, "j", "d", "escape")
        assert on_top(pilot, screen)
        assert (screen.session.timeline.claim(SECOND) is None) is deleted
        assert len(screen.session.undo_stack) == int(deleted)
        assert screen.session.timeline.claim(FIRST) is not None


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = build_library(tmp_path)
    monkeypatch.setenv("FACTCHECK_LIBRARY", str(path))
    return path


@pytest.mark.parametrize("send", PACINGS)
async def test_attach_match_attaches_the_stance_chosen(
    timeline_file: Path, library: Path, send: Send
) -> None:
    """ "Checked before": `enter` opens the confirmation, `s` (typed before it is up) sets
    the stance, `y` attaches; the second `y` reaches the main screen and does nothing."""
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "b")
        await matches_for(pilot, FIRST)
        await send(pilot, "enter", "s", "y", "y")
        assert on_top(pilot, screen), (pilot.app.screen_stack, pilot.app.focused)
        claim = screen.session.timeline.claim(FIRST)
        assert claim is not None and [e.stance for e in claim.evidence] == ["supports"]
        assert len(screen.session.undo_stack) == 1


def dialogs(screen: MainScreen) -> list[Screen[object]]:
    """One of each dialog, as the explorer opens them."""
    timeline = screen.session.timeline
    return [
        StatusPicker("true", "Status", quote="A claim"),
        StatusPicker("", "Filter", allow_all=True),
        EvidenceForm("2026-01-02", FIRST, "A claim"),
        VerdictEditor("A claim", "A verdict"),
        Choice("Quit?", [("y", "Yes", "yes")]),
        SaveAs(Path("new.toml")),
        ConflictsScreen(lambda: (), lambda _index, _choice: None),
        HelpScreen(),
        SearchScreen(timeline),
        AttachMatch(Evidence(url="https://example.org/r", title="R"), FIRST, "false"),
        EventPicker(timeline, "Move to", "council-meeting"),
        SourceFind("The council met.", 0),
        ClaimForm.editing(timeline, timeline.claims[0]),
        EventForm.editing(timeline, timeline.events[0]),
    ]


@pytest.mark.parametrize("keys", [("enter",) * 3, ("escape",) * 3, ("enter", "escape") * 2])
async def test_no_dialog_burst_dismisses_the_main_screen(
    timeline_file: Path, keys: tuple[str, ...]
) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        for dialog in dialogs(screen):
            results: list[object] = []
            pilot.app.push_screen(dialog, results.append)
            await burst(pilot, *keys)
            if pilot.app.screen is dialog:  # empty form or search, help: enter keeps it open
                assert keys[-1] == "enter", dialog
                await burst(pilot, "escape", "escape")
            assert on_top(pilot, screen), (dialog, pilot.app.screen_stack)
            assert len(results) <= 1, (dialog, results)


@pytest.mark.parametrize("send", PACINGS)
async def test_keys_in_the_burst_that_opens_a_dialog_reach_it(
    timeline_file: Path, send: Send
) -> None:
    """`a` then a pasted URL: the URL's keys arrive before the form is up; none is lost, none
    runs a key of the main screen (`h`, `t`, `p`, `s`, `/`, `x`, `o` are all in the URL)."""
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await send(pilot, "a", *"https://example.org/xposh", "enter")
        assert on_top(pilot, screen)
        await send(pilot, "v", *"Fast", "enter")
        await send(pilot, "s", "5", "enter", "j")
        assert on_top(pilot, screen)
        claim = screen.session.timeline.claim(FIRST)
        assert claim is not None
        assert [e.url for e in claim.evidence] == ["https://example.org/xposh"]
        assert (claim.verdict, claim.status) == ("Fast", "mixed")
        assert len(screen.session.undo_stack) == 3


@pytest.mark.parametrize("send", PACINGS)
async def test_form_ctrl_s_saves_every_key_typed_before_it(timeline_file: Path, send: Send) -> None:
    """ctrl+s in a claim form, right after a typed claimant: the keys before it reach the
    field before the form reads it (as a priority binding, ctrl+s ran ahead of them).

    Keys go to the widget focused when the app reads them, so `tab` is sent on its own (in a
    real terminal, too, keys typed before the focus moved land in the field before)."""
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await send(pilot, "tab", "e")
        await send(pilot, *"New text")
        await send(pilot, "tab")
        await send(pilot, *"Miriam Osei", "ctrl+s")
        assert on_top(pilot, screen)
        claim = screen.session.timeline.claim(FIRST)
        assert claim is not None
        assert (claim.text, claim.claimant) == ("New text", "Miriam Osei")


@pytest.mark.parametrize("send", PACINGS)
async def test_enter_on_evidence_opens_the_link_moved_to_before_it(
    timeline_file: Path, send: Send, monkeypatch: pytest.MonkeyPatch
) -> None:
    browser = FakeBrowser()
    monkeypatch.setattr(webbrowser, "get", lambda using=None: browser)
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        for url in ("https://example.org/one", "https://example.org/two"):
            await send(pilot, "a", *url, "enter")
        screen.query_one("#evidence").focus()
        await settle(pilot)
        await send(pilot, "g", "j", "enter")
        assert browser.opened == ["https://example.org/two"]


async def test_help_end_and_home_jump_at_once(timeline_file: Path) -> None:
    """No scroll animation a slow terminal could catch halfway: the key's effect is there as
    soon as the key is handled."""
    async with ExplorerApp(timeline_file).run_test(size=(80, 24)) as pilot:
        await main_screen(pilot)
        await burst(pilot, "question_mark")
        scroll = pilot.app.screen.query_one("#keys-scroll", InstantScroll)
        await burst(pilot, "end")
        assert scroll.max_scroll_y > 0 and scroll.scroll_y == scroll.max_scroll_y
        await burst(pilot, "home")
        assert scroll.scroll_y == 0
        await burst(pilot, "pagedown")
        assert 0 < scroll.scroll_y < scroll.max_scroll_y


@pytest.mark.parametrize("send", PACINGS)
async def test_a_key_typed_behind_a_searchs_enter_acts_after_the_jump(
    timeline_file: Path, send: Send
) -> None:
    """`/ three-billion enter j`: the `j` is not typed into the query (which then matched
    nothing and kept the dialog open); it acts on the main screen after the jump."""
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "slash", *"three-billion", "enter")
        await until(pilot, lambda: pilot.app.screen is screen, "the jump")
        await press(pilot, "j")
        expected = (screen.claim_id, screen.query_one(TimelineList).highlighted)
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await send(pilot, "slash", *"three-billion", "enter", "j")
        await until(pilot, lambda: pilot.app.screen is screen, "the jump")
        await settle(pilot)
        assert (screen.claim_id, screen.query_one(TimelineList).highlighted) == expected


@pytest.fixture
def held_reading(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Every search reads in a worker, which waits until the returned event is set."""
    monkeypatch.setattr(search_screen, "READ_PER_KEY", 0)
    release = threading.Event()
    read_on = search.advance

    def held(*args: Any) -> search.Scan:
        if threading.current_thread() is not threading.main_thread():
            release.wait(timeout=60)  # the bound only ends a hung run
        return read_on(*args)

    monkeypatch.setattr(search, "advance", held)
    return release


async def test_an_escape_behind_a_waiting_search_enter_cancels_at_once(
    timeline_file: Path, held_reading: threading.Event
) -> None:
    """The keys behind `enter` wait for its jump, but an `escape` among them gives the jump
    up at once: the dialog closes while the search is still reading, and nothing jumps."""
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "slash")
        assert isinstance(pilot.app.screen, SearchScreen)
        send_at_once(pilot, *"three-billion", "enter", "escape")
        await until(pilot, lambda: pilot.app.screen is screen, "the cancel, before the read")
        assert not held_reading.is_set()
        held_reading.set()
        await settle(pilot)
        assert screen.claim_id == FIRST  # no jump


async def test_keys_typed_while_a_search_reads_on_are_kept(
    timeline_file: Path, held_reading: threading.Event
) -> None:
    """Every search reads in the worker, held until all the keys are in: the box has every
    key, the count says it is searching, and the `enter` typed meanwhile jumps to the
    match of the whole query once it is read (by a worker after the stopped ones)."""
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "slash")
        dialog = pilot.app.screen
        assert isinstance(dialog, SearchScreen)
        box = dialog.query_one("#query", Input)
        send_at_once(pilot, *"three-billion", "enter")
        await until(
            pilot,
            lambda: box.value == "three-billion" and dialog._jump_for == "three-billion",
            "every key typed, the enter waiting for the search",
        )
        assert str(dialog.query_one("#match-count", Label).content) == "searching…"
        assert pilot.app.screen is dialog
        held_reading.set()
        # the dialog's result reaches the main screen after the dialog is gone: wait for both
        await until(
            pilot,
            lambda: pilot.app.screen is screen and screen.claim_id == "three-billion",
            "the jump to the match",
        )
