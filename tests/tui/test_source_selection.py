"""The source view's cursor and selection, and claims and events made from a selection.

The source holds CRLF line breaks, a tab, an escape sequence, a bidi override and markup:
the screen shows them escaped and inert, and a selection across them becomes offsets into
the raw text that `anchors.verify` accepts.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Label, TextArea

from factcheck import anchors, curation, store
from factcheck.model import Claim, Event, Source, Timeline
from factcheck.text import DisplayMap, sanitize
from factcheck.tui.app import ExplorerApp
from factcheck.tui.screens.claim_form import ClaimForm
from factcheck.tui.screens.event_form import EventForm
from factcheck.tui.screens.main import MainScreen
from factcheck.tui.screens.source_find import SourceFind, next_match
from factcheck.tui.widgets.source_view import SourceView
from tests.tui.conftest import SIZE, main_screen, press, settle, until
from tests.tui.test_bursts import send_at_once

SOURCE = (
    "PORTVILLE — The harbour board met on Tuesday to discuss the new crane.\r\n\r\n"
    "The chair said\tthe \x1b[31mcrane\x1b[0m cost \u202e4 million\u202c dollars.\r\n"
    "Dockers said the [bold]crane[/bold] was idle [@click=app.quit]most[/] days.\r\n"
)
SECOND_SENTENCE = "The chair said\tthe \x1b[31mcrane\x1b[0m cost \u202e4 million\u202c dollars."


def harbour_timeline() -> Timeline:
    source = Source(
        id="harbour",
        title="Harbour board",
        file="sources/harbour.txt",
        sha256=hashlib.sha256(SOURCE.encode()).hexdigest(),
        published="2024-03-08",
    )
    first = "The harbour board met on Tuesday to discuss the new crane."
    event = Event(
        id="board-meets",
        date="2024-03-05",
        title="The board meets",
        anchor=anchors.find("harbour", SOURCE, first),
    )
    claim = Claim(
        id="dockers-idle",
        event="board-meets",
        claimant="Dockers",
        text="The crane was idle most days.",
        anchor=anchors.find("harbour", SOURCE, "was idle"),
    )
    return Timeline(id="harbour", title="Harbour", sources=(source,), events=(event,),
                    claims=(claim,))  # fmt: skip


def write_harbour(folder: Path) -> Path:
    """The timeline and its source (bytes as they are: CRLF kept) in `folder`."""
    (folder / "sources").mkdir()
    (folder / "sources" / "harbour.txt").write_bytes(SOURCE.encode())
    path = folder / "harbour.toml"
    path.write_text(store.dumps(harbour_timeline()), encoding="utf-8")
    return path


@pytest.fixture
def harbour_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write_harbour(tmp_path)
    return Path("harbour.toml")


async def open_source(pilot: Pilot[None]) -> tuple[MainScreen, SourceView]:
    screen = await main_screen(pilot)
    await press(pilot, "o")
    view = screen.query_one("#source", SourceView)
    assert view.display and view.has_focus
    return screen, view


def selected_raw(view: SourceView) -> str:
    start, end = view.raw_span()
    return SOURCE[start:end]


# --- the map between shown and raw text (no terminal) --------------------------------------


def test_display_map_shows_the_sanitized_text_and_maps_every_offset_back() -> None:
    shown = DisplayMap(SOURCE)
    assert shown.text == sanitize(SOURCE.replace("\r\n", "\n"))
    assert "\x1b" not in shown.text and "\u202e" not in shown.text and "\r" not in shown.text
    for offset in range(len(SOURCE) + 1):
        if SOURCE[offset - 1 : offset + 1] == "\r\n":
            continue  # between CR and LF: one shown line break, no place in between
        assert shown.to_raw(shown.to_display(offset)) == offset
    escape = SOURCE.index("\x1b")
    inside = shown.to_display(escape) + 2  # in the middle of the shown "\x1b"
    assert shown.to_raw(inside) == escape and shown.to_raw(inside, forward=True) == escape + 1
    assert shown.location(shown.offset((2, 5))) == (2, 5)


def test_next_match_ignores_case_spreads_spaces_and_wraps() -> None:
    assert next_match(SOURCE, "CHAIR said the", 0) == (
        SOURCE.index("chair"),
        SOURCE.index(" \x1b[31m"),
    )
    after = SOURCE.index("Dockers")
    assert next_match(SOURCE, "harbour", after) == next_match(SOURCE, "harbour", 0)
    assert next_match(SOURCE, "zebra", 0) is None


# --- the view -----------------------------------------------------------------------------


async def test_arrows_move_the_cursor_and_shift_arrows_select(harbour_file: Path) -> None:
    async with ExplorerApp(harbour_file).run_test(size=SIZE) as pilot:
        screen, view = await open_source(pilot)
        assert view.selected() is None  # the claim's passage is shown, not a selection
        line = SOURCE.index("The chair")
        view.select_raw(line + 2, line + 2)
        await press(pilot, "right", "right", "left")
        assert view.raw_span() == (line + 3, line + 3)
        await press(pilot, "down")  # the next wrapped row (snapped out of an escape)
        below = view.raw_span()[0]
        assert below > line + 3 and view.selection.is_empty
        await press(pilot, "up")
        assert line <= view.raw_span()[0] < below
        await press(pilot, "home")  # the start of the (wrapped) line
        assert view.raw_span() == (line, line)
        await press(pilot, "left")  # back over the CRLF: one shown line break
        assert view.raw_span() == (line - 2, line - 2) and SOURCE[line - 2 : line] == "\r\n"
        await press(pilot, "right", *["shift+right"] * 9)
        assert selected_raw(view) == "The chair"
        await press(pilot, "right", "end", "home")  # collapses, then moves
        assert view.selection.is_empty and view.selected() is None
        escape = SOURCE.index("\x1b")
        view.select_raw(escape, escape)
        await press(pilot, "shift+right")  # one raw character, four cells on screen
        assert selected_raw(view) == "\x1b"
        await press(pilot, "shift+right", "shift+left", "shift+left")
        assert selected_raw(view) == ""
        await press(pilot, "pagedown", "pageup")
        assert view.selection.is_empty and screen.panes.source_selection() is None


async def test_find_selects_the_match_and_returns_to_the_view(harbour_file: Path) -> None:
    async with ExplorerApp(harbour_file).run_test(size=SIZE) as pilot:
        _screen, view = await open_source(pilot)
        await press(pilot, "slash")
        find = pilot.app.screen
        assert isinstance(find, SourceFind)
        find.query_one(Input).insert_text_at_cursor("zebra")
        await press(pilot, "enter")
        assert pilot.app.screen is find  # stays open with the reason
        assert "No match for 'zebra'" in str(find.query_one("#problem", Label).content)
        await press(pilot, "escape")
        assert pilot.app.screen is not find and view.has_focus and view.selected() is None
        await press(pilot, "slash")
        pilot.app.screen.query_one(Input).insert_text_at_cursor("crane")
        await press(pilot, "enter")
        assert view.has_focus
        selected = view.selected()
        assert selected is not None
        assert (selected.start, selected.end) == (SOURCE.index("crane"), SOURCE.index("crane") + 5)
        await press(pilot, "slash")  # the next match, after the selection
        pilot.app.screen.query_one(Input).insert_text_at_cursor("crane")
        await press(pilot, "enter")
        second = SOURCE.index("crane", SOURCE.index("crane") + 1)
        assert view.raw_span() == (second, second + 5)


async def test_a_key_typed_behind_finds_enter_acts_on_the_view(harbour_file: Path) -> None:
    """`/ crane enter .` at once: the words found are "crane" (not "crane."), and the `.`
    widens the found words to their sentence in the view."""
    async with ExplorerApp(harbour_file).run_test(size=SIZE) as pilot:
        _screen, view = await open_source(pilot)
        send_at_once(pilot, "slash", *"crane", "enter", "full_stop")
        crane = SOURCE.index("crane")
        wanted = curation.widen_to_sentences(SOURCE, crane, crane + 5)
        await until(pilot, lambda: view.raw_span() == wanted, "the find, then the widening")


async def test_full_stop_widens_to_whole_sentences(harbour_file: Path) -> None:
    async with ExplorerApp(harbour_file).run_test(size=SIZE) as pilot:
        _screen, view = await open_source(pilot)
        cost = SOURCE.index("cost")
        view.select_raw(cost, cost + 4)
        await press(pilot, "full_stop")
        assert view.raw_span() == curation.widen_to_sentences(SOURCE, cost, cost + 4)
        assert selected_raw(view) == SECOND_SENTENCE


async def test_plus_makes_an_anchored_claim_across_crlf_tab_escape_and_bidi(
    harbour_file: Path,
) -> None:
    async with ExplorerApp(harbour_file).run_test(size=SIZE) as pilot:
        screen, view = await open_source(pilot)
        await press(pilot, "slash")
        pilot.app.screen.query_one(Input).insert_text_at_cursor("chair said the")
        await press(pilot, "enter", "full_stop", "shift+down", "shift+end")
        start, end = view.raw_span()
        exact = SOURCE[start:end]
        for hostile in ("\r\n", "\t", "\x1b", "\u202e"):
            assert hostile in exact
        before = screen.session.timeline
        await press(pilot, "plus")  # the form, filled in from the selection
        form = pilot.app.screen
        assert isinstance(form, ClaimForm)
        assert "New claim from the selection" in str(form.query_one("#heading", Label).content)
        shown = form.query_one("#text", TextArea).text  # the words, inert
        assert "\\x1b[31mcrane" in shown and "\x1b" not in shown and "\u202e" not in shown
        assert form.query_one("#claimant", Input).value == "The chair"
        assert form.value_of("kind") == "statistic" and form.value_of("event") == "board-meets"
        assert screen.session.timeline is before  # nothing added until it is accepted
        await press(pilot, "ctrl+s")
        timeline = screen.session.timeline
        assert len(timeline.claims) == len(before.claims) + 1
        claim = next(claim for claim in timeline.claims if claim not in before.claims)
        assert claim.anchor is not None and claim.anchor.exact == exact
        assert (claim.anchor.start, claim.anchor.end) == (start, end)
        assert anchors.verify(claim.anchor, SOURCE)
        assert claim.text == " ".join(exact.split())  # stored exactly, not as shown
        assert (claim.event, claim.claimant, claim.kind) == (
            "board-meets",
            "The chair",
            "statistic",
        )
        assert claim == curation.draft_claim(before, SOURCE, "harbour", start, end,
                                             event="board-meets")  # fmt: skip
        assert screen.claim_id == claim.id  # selected afterwards
        toasts = [n.message for n in pilot.app._notifications]
        assert f"claim {claim.id} added (u to undo)" in toasts
        assert view.selected() is None  # its passage is now shown, not a new selection
        # Stored exactly: the saved file loads back with the same anchor, and checks.
        await press(pilot, "ctrl+s")
        reloaded = store.load(harbour_file).timeline.claim(claim.id)
        assert reloaded is not None and reloaded.anchor == claim.anchor
        assert anchors.verify(reloaded.anchor, SOURCE)
        await press(pilot, "u")  # one undoable step, from the source view
        assert screen.session.timeline.claim(claim.id) is None
        assert screen.session.timeline == before


async def test_a_mouse_drag_selects_the_words_plus_anchors(harbour_file: Path) -> None:
    async with ExplorerApp(harbour_file).run_test(size=SIZE) as pilot:
        screen, view = await open_source(pilot)
        words = "The harbour board met on Tuesday"
        start = SOURCE.index(words)
        left = view.content_region.x - view.region.x  # the border and padding
        top = view.content_region.y - view.region.y
        await pilot.mouse_down(view, offset=(left + start, top))
        await pilot.hover(view, offset=(left + start + len(words), top))
        await pilot.mouse_up(view, offset=(left + start + len(words), top))
        await settle(pilot)
        assert selected_raw(view) == words
        await press(pilot, "plus", "ctrl+s")
        claim = screen.session.timeline.claim(screen.claim_id or "")
        assert claim is not None and claim.anchor is not None
        assert (claim.anchor.start, claim.anchor.end, claim.text) == (start, start + 32, words)
        assert anchors.verify(claim.anchor, SOURCE)


async def test_capital_e_makes_an_event_from_the_selection(harbour_file: Path) -> None:
    async with ExplorerApp(harbour_file).run_test(size=SIZE) as pilot:
        screen, view = await open_source(pilot)
        start = SOURCE.index("Dockers")
        view.select_raw(start, start + 7)
        await press(pilot, "full_stop", "E")
        form = pilot.app.screen
        assert isinstance(form, EventForm)
        assert "from the selection" in str(form.query_one("#heading", Label).content)
        assert form.query_one("#title", Input).value.startswith("Dockers said the [bold]")
        await press(pilot, "ctrl+s")
        timeline = screen.session.timeline
        assert len(timeline.events) == 2
        event = next(event for event in timeline.events if event.id != "board-meets")
        assert event.anchor is not None and anchors.verify(event.anchor, SOURCE)
        assert event.anchor.exact.startswith("Dockers said")
        assert screen.panes.event_id == event.id
        await press(pilot, "u")
        assert len(screen.session.timeline.events) == 1


async def test_capital_e_shows_the_guessed_date_and_its_reading_before_adding(
    harbour_file: Path,
) -> None:
    """The date words of the selection ("on Tuesday"), read against the source's date."""
    async with ExplorerApp(harbour_file).run_test(size=SIZE) as pilot:
        screen, view = await open_source(pilot)
        view.select_raw(0, 5)
        await press(pilot, "full_stop", "E")
        form = pilot.app.screen
        assert isinstance(form, EventForm)
        assert form.query_one("#date", Input).value == "2024-03-05"  # Tuesday before 8 Mar
        assert form.query_one("#date_text", Input).value == "on Tuesday"
        assert "5 Mar 2024" in str(form.query_one("#reading", Label).content)
        await press(pilot, "backspace")  # a wrong guess is fixed in words, before it is added
        await pilot.press(*"last Monday")
        await settle(pilot)
        assert "4 Mar 2024" in str(form.query_one("#reading", Label).content)
        before = screen.session.timeline
        await press(pilot, "escape")  # cancelled: nothing added
        assert screen.session.timeline is before
        await press(pilot, "E", "ctrl+s")  # the selection is still there
        added = [event for event in screen.session.timeline.events if event not in before.events]
        assert [(event.date, event.date_text) for event in added] == [("2024-03-05", "on Tuesday")]


async def test_plus_without_a_selection_opens_the_form_a_blank_one_says_why(
    harbour_file: Path,
) -> None:
    async with ExplorerApp(harbour_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        before = screen.session.timeline
        await press(pilot, "plus")  # the source view is closed: a claim with no passage
        assert isinstance(pilot.app.screen, ClaimForm)
        await press(pilot, "escape")
        assert screen.session.timeline is before
        screen, view = await open_source(pilot)
        crlf = SOURCE.index("\r\n")
        view.select_raw(crlf, crlf + 4)  # only line breaks
        before = screen.session.timeline
        await press(pilot, "plus", "E")
        assert screen.session.timeline is before
        problems = [n for n in pilot.app._notifications if n.severity == "error"]
        assert len(problems) == 2
        assert all("only spaces or line breaks" in n.message for n in problems)


async def test_hostile_source_text_is_shown_inert(harbour_file: Path) -> None:
    async with ExplorerApp(harbour_file).run_test(size=SIZE) as pilot:
        _screen, view = await open_source(pilot)
        assert "\\x1b[31mcrane\\x1b[0m" in view.text and "\\u202e4" in view.text
        assert "[bold]crane[/bold]" in view.text and "[@click=app.quit]most[/]" in view.text
        drawn = "".join(
            segment.text for y in range(view.size.height) for segment in view.render_line(y)
        )
        assert "[@click=app.quit]most[/]" in drawn
        for unsafe in ("\x1b", "\u202e", "\u202c", "\r"):
            assert unsafe not in drawn
        await pilot.click(view, offset=(2, 2))
        await settle(pilot)
        assert pilot.app.is_running


async def test_escape_and_o_close_the_view(harbour_file: Path) -> None:
    async with ExplorerApp(harbour_file).run_test(size=SIZE) as pilot:
        screen, view = await open_source(pilot)
        await press(pilot, "escape")
        assert not view.display and not view.has_focus
        await press(pilot, "o")
        assert view.display and view.has_focus
        await press(pilot, "o")
        assert not view.display
        assert isinstance(pilot.app.screen, MainScreen) and screen is pilot.app.screen
