"""Issue 16 sections 4-5: the remembered theme, the row cache on theme change, the filter's
escape and counts, and search (live "no match", remembered query, next / previous, focus)."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest
from rich.cells import cell_len
from textual.pilot import Pilot
from textual.widgets import Input, Label, Static

from factcheck.model import STATUSES
from factcheck.search import step_match
from factcheck.tui import display, keys, preferences
from factcheck.tui.app import ExplorerApp
from factcheck.tui.screens.search import SearchScreen
from factcheck.tui.widgets.event_detail import EventDetail
from factcheck.tui.widgets.file_header import shorten_middle
from factcheck.tui.widgets.timeline_list import TimelineList
from tests.docs.test_screenshots import screen_rows
from tests.tui.conftest import SIZE, main_screen, press, settle
from tests.tui.fixtures import build_timeline, write
from tests.tui.test_explorer import fill, rows, shown
from tests.unit.test_search import every_match

OTHER_THEME = "nord"


async def search_for(pilot: Pilot[None], text: str) -> None:
    """Open the search and type a new query over the remembered one (it is selected)."""
    await press(pilot, "slash")
    box = pilot.app.screen.query_one("#query", Input)
    box.value = text
    await pilot.pause()


def notices(app: ExplorerApp) -> list[str]:
    return [str(item.message) for item in app._notifications]


# --- the panes fit the terminal -------------------------------------------------------------


async def test_long_texts_at_80x24(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The event is cut with "…"; the claim pane holds the whole claim and scrolls, with
    the keyboard too."""
    monkeypatch.chdir(tmp_path)
    timeline = build_timeline()
    long_claim = " ".join(f"word{n}" for n in range(300)) + " LAST"
    events = (attrs.evolve(timeline.events[0], summary="Long summary. " * 60), *timeline.events[1:])
    claims = (attrs.evolve(timeline.claims[0], text=long_claim), *timeline.claims[1:])
    write(tmp_path, attrs.evolve(timeline, events=events, claims=claims))
    async with ExplorerApp(Path("council.toml")).run_test(size=(80, 24)) as pilot:
        screen = await main_screen(pilot)
        event = screen.query_one("#event", EventDetail)
        drawn = str(event.render())
        assert drawn.rstrip().endswith("…")
        assert drawn.count("\n") + 1 == event.content_size.height  # cut to the pane
        claim = screen.query_one("#claim", Static)
        assert "LAST" in shown(claim)  # the whole claim, wrapped
        pane = screen.query_one("#claim-pane")
        assert pane.region.height < claim.region.height and pane.max_scroll_y > 0  # it scrolls
        claims_list = screen.query_one("#claims")
        assert claims_list.region.height >= 4  # the claims list keeps its rows
        assert screen.region.height == 24

        # The keyboard reaches the claim's end: tab focuses the pane, end scrolls it there.
        await press(pilot, "tab", "tab")
        assert screen.focused is pane
        await press(pilot, "end")
        assert pane.scroll_y == pane.max_scroll_y > 0
        await press(pilot, "k")
        assert pane.scroll_y == pane.max_scroll_y - 1
        await press(pilot, "home", "tab")
        assert pane.scroll_y == 0 and screen.focused is screen.query_one("#evidence")

        # A claim that fits: its pane is not a stop of tab (evidence, then the claims list).
        await press(pilot, "]")
        assert screen.panes.claim_id == "mug-shots-only" and pane.max_scroll_y == 0
        await press(pilot, "shift+tab")
        assert screen.focused is claims_list

        # The status picker of the long claim fits: its last status and its hint are shown.
        await press(pilot, "[", "s")
        picker = pilot.app.screen
        dialog = picker.query_one("#dialog")
        assert "word0 word1" in str(picker.query_one(".quote", Label).content)
        hint = picker.query_one("#dialog .hint", Label)
        statuses = picker.query_one("#statuses")
        assert hint.region.bottom <= dialog.content_region.bottom
        assert statuses.region.bottom <= hint.region.y and statuses.max_scroll_y == 0


@pytest.mark.parametrize("width", [80, 200])
async def test_a_long_file_name_gives_way_to_the_review_progress(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    """At 80 columns the header's file name is shortened in its middle, never the review
    progress; where it fits, it is whole."""
    monkeypatch.chdir(tmp_path)
    name = "the-city-council-and-the-police-face-database-2020.toml"
    write(tmp_path, name=name)
    async with ExplorerApp(Path(name)).run_test(size=(width, 24)) as pilot:
        await main_screen(pilot)
        await press(pilot, "s", "3", "enter")
        header = screen_rows(pilot.app.export_screenshot())[0].strip()
    assert header.endswith(" — ● unsaved · 2/4 reviewed")
    if width == 80:
        assert header.startswith("⭘") and "the-city-council-…atabase-2020.toml — " in header
    else:
        assert f" {name} — " in header


@pytest.mark.parametrize("width", [80, 160])
async def test_the_timeline_rows_never_cut_the_review_count(
    timeline_file: Path, width: int
) -> None:
    """At 80 columns a row's count goes before its glyphs, without its word; wider, whole."""
    async with ExplorerApp(timeline_file).run_test(size=(width, 24)) as pilot:
        await main_screen(pilot)
        drawn = "\n".join(screen_rows(pilot.app.export_screenshot()))
    if width == 80:
        assert "│ 1 Feb 2021            0/2  ○○ " in drawn
        assert "│ Mar 2021              1/1  ✓ " in drawn
    else:
        assert "│ 1 Feb 2021            ○○  0/2 reviewed " in drawn


def test_shorten_middle_counts_cells() -> None:
    assert shorten_middle("council.toml", 12) == "council.toml"
    assert shorten_middle("council-meeting.toml", 11) == "counc….toml"
    assert shorten_middle("会議会議会議.toml", 9) == "会議…toml"  # wide characters: 2 cells
    assert cell_len(shorten_middle("会議会議会議.toml", 9)) <= 9


async def test_a_form_taller_than_the_terminal_scrolls_to_the_focused_field(
    timeline_file: Path,
) -> None:
    """At 80x24 the evidence form does not fit: tab reaches the note, which scrolls into
    view, and what is typed there is saved."""
    async with ExplorerApp(timeline_file).run_test(size=(80, 24)) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "a")
        dialog = pilot.app.screen.query_one("#dialog")
        assert dialog.max_scroll_y > 0  # taller than the terminal
        await press(pilot, *"https://example.org/n", "tab", "tab", "tab")
        note = pilot.app.screen.query_one("#note", Input)
        assert pilot.app.screen.focused is note
        assert dialog.content_region.contains_region(note.region)  # shown, not cut off
        await press(pilot, *"seen", "enter")
        claim = screen.panes.claim
        assert claim is not None and claim.evidence[-1].note == "seen"


def test_each_status_has_its_own_glyph_and_no_colour_under_no_color(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert sorted(display.STATUS_GLYPH) == sorted(STATUSES)
    assert len(set(display.STATUS_GLYPH.values())) == len(STATUSES)  # never colour alone
    for name in STATUSES:
        assert display.status(name).plain.startswith(f"{display.STATUS_GLYPH[name]} {name}")
    monkeypatch.setenv("NO_COLOR", "1")
    for name in STATUSES:  # text attributes only: a grey could vanish on a grey background
        assert set(display.status_style(name).split()) <= {"bold"}, name


# --- the theme -------------------------------------------------------------------------


async def test_the_chosen_theme_is_remembered(timeline_file: Path, private_settings: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        await main_screen(pilot)
        assert pilot.app.theme != OTHER_THEME
        assert not private_settings.exists()  # starting does not write the settings
        pilot.app.theme = OTHER_THEME  # what the palette's "Change theme" does
        await settle(pilot)
    assert json.loads(private_settings.read_text("utf-8")) == {"theme": OTHER_THEME}
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        await main_screen(pilot)
        assert pilot.app.theme == OTHER_THEME
        assert not notices(pilot.app)


@pytest.mark.parametrize(
    ("content", "notice"),
    [
        pytest.param(b"\x00\xff junk", "not a JSON settings file", id="binary"),
        pytest.param(b"[" * 10_000, "not a JSON settings file", id="deep-nesting"),
        pytest.param(b'{"theme": 7}', "no theme name", id="not-a-name"),
        pytest.param(b'["nord"]', "no theme name", id="not-an-object"),
        pytest.param(b'{"theme": "[bold]x\\u001b]0;t\\u0007"}', "Unknown theme", id="hostile"),
        pytest.param(b"{}" + b" " * preferences.MAX_BYTES, "limit", id="too-big"),
    ],
)
async def test_a_bad_settings_file_is_ignored_with_a_notice(
    timeline_file: Path, private_settings: Path, content: bytes, notice: str
) -> None:
    private_settings.parent.mkdir(parents=True, exist_ok=True)
    private_settings.write_bytes(content)
    app = ExplorerApp(timeline_file)
    async with app.run_test(size=SIZE) as pilot:
        await main_screen(pilot)
        assert app.theme == "textual-dark"
        assert any(notice in message for message in notices(app)), notices(app)
        assert not any("\x1b" in message for message in notices(app))


async def test_a_settings_folder_that_is_a_file_only_warns(
    timeline_file: Path, private_settings: Path
) -> None:
    private_settings.parent.write_text("not a folder", "utf-8")
    app = ExplorerApp(timeline_file)
    async with app.run_test(size=SIZE) as pilot:
        await main_screen(pilot)
        app.theme = OTHER_THEME
        await settle(pilot)
        assert any("not remembered" in message for message in notices(app)), notices(app)
        assert app.theme == OTHER_THEME


async def test_a_theme_change_redraws_the_timeline_rows(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        timeline = screen.query_one("#timeline", TimelineList)
        width = timeline.scrollable_content_region.width
        before = timeline._strips(0, width)  # the highlighted row, in the old theme
        assert (0, True, width) in timeline._cache
        pilot.app.theme = "textual-light"
        await settle(pilot)
        after = timeline._strips(0, width)
        assert after is not before
        assert [s.style for s in after[0]] != [s.style for s in before[0]]


# --- the filter --------------------------------------------------------------------------


async def test_escape_and_the_palette_clear_the_filter(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        assert screen.check_action("clear_filter", ()) is None  # greyed without a filter
        await press(pilot, "f", "3", "enter")
        assert screen.panes.status_filter == "true"
        await press(pilot, "escape")
        assert screen.panes.status_filter == ""
        assert len(screen.panes.rows) == 3
        assert any("Filter cleared" in message for message in notices(pilot.app))
        assert "filter" not in str(screen.sub_title)

        await press(pilot, "f", "3", "enter")
        palette = {text: action for text, action in keys.palette_entries()}
        assert palette["Clear filter (escape)"] == "clear_filter"
        await screen.run_action(palette["Clear filter (escape)"])
        await settle(pilot)
        assert screen.panes.status_filter == ""


async def test_nothing_matches_says_how_to_clear(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "f", "8", "enter")  # misleading: no claim has it
        assert screen.panes.rows == []
        assert "press escape" in shown(screen.query_one("#event", EventDetail))
        await press(pilot, "escape")
        assert screen.panes.event_id == "council-meeting"


async def test_counts_under_a_filter_say_which_is_which(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "f", "1", "enter")  # unverified: 3 of the 4 claims
        assert screen.sub_title == "1/4 reviewed · filter: unverified (3 shown)"
        timeline_rows = rows(screen, "#timeline")
        assert "0/2 reviewed, 2 shown" in timeline_rows[0]  # the event's own claims
        assert "0/1 reviewed, 1 shown" in timeline_rows[1]
        await press(pilot, "s", "3", "enter")  # one leaves the filter
        assert screen.sub_title == "● unsaved · 2/4 reviewed · filter: unverified (2 shown)"
        assert "1/2 reviewed, 1 shown" in rows(screen, "#timeline")[0]
        await press(pilot, "u")
        assert screen.sub_title == "1/4 reviewed · filter: unverified (3 shown)"


# --- search ------------------------------------------------------------------------------


async def test_search_says_no_match_as_you_type(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        await main_screen(pilot)
        await press(pilot, "slash")
        search = pilot.app.screen
        assert isinstance(search, SearchScreen)
        count = search.query_one("#match-count", Label)
        await fill(pilot, "zzz")
        await pilot.pause()
        assert str(count.content) == "no match"
        await press(pilot, "backspace", "backspace", "backspace")
        await fill(pilot, "mayor")
        await pilot.pause()
        assert str(count.content) == "2 matches"


async def test_search_remembers_the_last_query(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "slash")
        await fill(pilot, "nothing like this")
        await press(pilot, "escape")
        await press(pilot, "slash")
        box = pilot.app.screen.query_one("#query", Input)
        assert box.value == "nothing like this"
        assert box.selected_text == "nothing like this"  # typing replaces it
        await press(pilot, "m")
        await fill(pilot, "ayor")
        assert box.value == "mayor"
        await press(pilot, "enter")
        await press(pilot, "slash")
        assert pilot.app.screen.query_one("#query", Input).value == "mayor"
        await press(pilot, "escape")
        assert pilot.app.screen is screen


async def test_next_and_previous_match_and_the_focus(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        assert screen.check_action("next_match", ()) is None  # nothing searched yet
        await search_for(pilot, "police")  # two claims of the first event
        await press(pilot, "enter")
        assert screen.claim_id == "searches-last-year"
        assert screen.focused is screen.query_one("#claims")  # the claim jumped to
        await press(pilot, "greater_than_sign")
        assert screen.claim_id == "mug-shots-only"
        assert screen.focused is screen.query_one("#claims")
        await press(pilot, "greater_than_sign")  # wraps
        assert screen.claim_id == "searches-last-year"
        assert any("wrapped" in message for message in notices(pilot.app))
        await press(pilot, "less_than_sign")
        assert screen.claim_id == "mug-shots-only"

        await search_for(pilot, "mayor")
        await press(pilot, "enter")  # the event first
        assert screen.panes.event_id == "mayor-hearing"
        assert screen.focused is screen.query_one("#timeline")
        await press(pilot, "greater_than_sign")
        assert screen.claim_id == "hearing-in-march"
        assert screen.focused is screen.query_one("#claims")


async def test_a_jump_keeps_the_filter_or_says_it_dropped_it(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "f", "1", "enter")  # unverified
        await search_for(pilot, "mayor")
        await press(pilot, "down", "down", "enter")  # the mayor's claim: unverified
        assert screen.claim_id == "hearing-in-march"
        assert screen.panes.status_filter == "unverified"  # kept: the claim shows
        assert not any("cleared" in message for message in notices(pilot.app))
        await search_for(pilot, "three-billion")  # true: hidden by the filter
        await press(pilot, "enter")
        assert screen.claim_id == "three-billion"
        assert screen.panes.status_filter == ""
        assert any("Filter 'unverified' cleared" in message for message in notices(pilot.app))
        assert screen.focused is screen.query_one("#claims")


def test_step_match_reads_from_the_current_match_on() -> None:
    """`>` / `<` find the neighbouring match without listing every match; they wrap."""
    timeline = build_timeline()
    every = every_match(timeline, "the")
    assert len(every) > 2
    forward, current = [], None
    for _ in every:
        current, wrapped = step_match(timeline, "the", current, 1)
        forward.append(current)
        assert not wrapped
    assert forward == every
    assert step_match(timeline, "the", every[-1], 1) == (every[0], True)
    assert step_match(timeline, "the", every[0], -1) == (every[-1], True)
    assert step_match(timeline, "the", every[1], -1) == (every[0], False)
    assert step_match(timeline, "no such words", None, 1) == (None, False)
