"""The one key table: bindings, gates, help and palette all come from it; the palette's
matching does bounded work on hostile titles (issue 17.6)."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from textual.binding import Binding
from textual.command import CommandList, CommandPalette
from textual.containers import VerticalScroll
from textual.widgets import Input, Label

from factcheck.model import Event
from factcheck.tui import keys
from factcheck.tui.app import ExplorerApp
from factcheck.tui.commands import MATCH_LIMIT, match, palette_text
from factcheck.tui.screens.help import help_content
from factcheck.tui.screens.main import MainScreen
from tests.tui.conftest import SIZE, main_screen, press, settle
from tests.tui.fixtures import build_timeline, write

#: The title of issue 17.6: Textual's matcher took 113 s and 4 GB on it for "save".
HOSTILE_TITLE = "s" * 80 + "a" * 80 + "v" * 80 + "e" * 80


def test_bindings_come_from_the_table() -> None:
    bindings = [b for b in MainScreen.BINDINGS if isinstance(b, Binding)]
    assert [(b.key, b.action, b.description, b.show, b.id) for b in bindings] == [
        (k.keys, k.action, k.description, k.show, k.id)
        for k in sorted(keys.MAIN_KEYS, key=lambda k: k.footer)  # in footer order
    ]
    assert len({k.id for k in keys.MAIN_KEYS}) == len(keys.MAIN_KEYS)
    for key in keys.MAIN_KEYS:  # adding a row means adding its action method
        assert callable(getattr(MainScreen, f"action_{key.name}", None)), key.name


def test_help_and_palette_list_every_row() -> None:
    help_text = help_content().plain
    palette = dict(keys.palette_entries())
    for key in keys.MAIN_KEYS:
        assert key.help in help_text
        assert f"{key.palette} ({key.first_key})" in palette
    assert palette["Save (ctrl+s)"] == "save" and palette["Search events and claims (/)"]


async def test_gates_grey_out_keys(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        gated = {key.name for key in keys.MAIN_KEYS if key.gate is not None}
        assert gated == set(MainScreen.GATES)
        assert screen.check_action("undo", ()) is None and screen.check_action("save", ()) is True
        await press(pilot, "s", "3", "enter")
        assert screen.check_action("undo", ()) is True
        await press(pilot, "f", "7", "enter")  # no claim is false: no rows, no claim
        assert screen.panes.rows == []
        for name in ("set_status", "add_evidence", "edit_verdict", "next_event", "history"):
            assert screen.check_action(name, ()) is None, name


def test_the_palette_cuts_what_it_matches() -> None:
    shown = palette_text("Jump to event: Mar 2021 " + HOSTILE_TITLE * 1000)
    assert len(shown) == MATCH_LIMIT
    assert len(palette_text("x\x1b" * 1000)) == MATCH_LIMIT  # escapes are cut after expanding


@pytest.mark.parametrize("query", ["save", "ssaavvee", "sssssaaaaavvvvveeeee", "sa" * 50])
def test_matching_a_hostile_title_does_linear_work(query: str) -> None:
    for text in (palette_text(HOSTILE_TITLE), HOSTILE_TITLE):  # cut, and even uncut
        score, offsets, steps = match(query, text)
        assert steps <= len(text) + len(query)
        assert [text[offset] for offset in offsets] == (list(query) if score else [])
        assert list(offsets) == sorted(set(offsets))


def test_textual_would_enumerate_millions_where_match_takes_hundreds_of_steps() -> None:
    """Textual's matcher builds one offset list per way "save" occurs in order in the title:
    80**4 of them (the 113 s and 4 GB of issue 17.6); `match` makes one pass."""
    ways = 1
    for letter in "save":
        ways *= HOSTILE_TITLE.count(letter)
    score, _offsets, steps = match("save", HOSTILE_TITLE)
    assert score > 0 and steps <= len(HOSTILE_TITLE) + 4
    assert ways == 80**4 and ways > 10_000 * steps


def test_match_prefers_whole_words_and_finds_subsequences() -> None:
    assert match("save", "Save (ctrl+s)")[1] == (0, 1, 2, 3)
    assert match("jtm", "Jump to event: Mar 2021")[0] > 0
    assert match("zz", "Save (ctrl+s)")[0] == 0
    assert match("save", "Save")[0] > match("save", "Resolve a very large event")[0]


async def test_palette_over_a_hostile_title_finds_save(tmp_path: Path) -> None:
    timeline = build_timeline()
    hostile = Event(id="hostile", date="2021-04", title=HOSTILE_TITLE)
    write(tmp_path, attrs.evolve(timeline, events=(*timeline.events, hostile)))
    async with ExplorerApp(tmp_path / "council.toml").run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "ctrl+p")
        palette = pilot.app.screen
        assert isinstance(palette, CommandPalette)
        palette.query_one(Input).insert_text_at_cursor("save")
        hits = palette.query_one(CommandList)
        for _ in range(1000):  # the palette searches after its own debounce
            if hits.option_count and "Save (ctrl+s)" in str(hits.get_option_at_index(0).prompt):
                break
            await pilot.pause(0.01)
        assert "Save (ctrl+s)" in str(hits.get_option_at_index(0).prompt)
        await press(pilot, "enter")
        await settle(pilot)
        assert pilot.app.screen is screen
        messages = [str(item.message) for item in pilot.app._notifications]
        assert any("Saved" in message for message in messages), messages


async def test_a_long_key_table_scrolls_in_the_help_screen(
    timeline_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    extra = tuple((f"k{n}", f"extra row {n}", "Extra") for n in range(30))
    monkeypatch.setattr(keys, "OTHER_KEYS", keys.OTHER_KEYS + extra)
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        await main_screen(pilot)
        await press(pilot, "question_mark", "end")
        scroll = pilot.app.screen.query_one("#keys-scroll", VerticalScroll)
        assert scroll.max_scroll_y > 0 and scroll.scroll_y == scroll.max_scroll_y
        hint = pilot.app.screen.query_one("#dialog .hint", Label)
        dialog = pilot.app.screen.query_one("#dialog")
        assert hint.region.bottom <= dialog.content_region.bottom  # the hint stays shown
