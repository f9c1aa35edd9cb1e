"""Pilot tests of "Checked before" (`b`): the library's matches for the selected claim."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from textual.pilot import Pilot
from textual.widgets import Label

from factcheck.cli import cli
from factcheck.tui.app import ExplorerApp
from factcheck.tui.screens.attach_match import AttachMatch
from factcheck.tui.screens.main import MainScreen
from factcheck.tui.widgets.checked_before import CheckedBefore
from tests.tui.conftest import SIZE, TODAY, main_screen, press, settle
from tests.tui.library_fixture import HOSTILE_REVIEW, build_library
from tests.tui.test_explorer import rows

ESCAPED_HOSTILE = (
    "[bold]x[/bold] [/x] [@click=app.quit]q[/] \\x1b[31mred\\x1b]0;title\\x07 \\u202eevil"
)


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = build_library(tmp_path)
    monkeypatch.setenv("FACTCHECK_LIBRARY", str(path))
    return path


async def matches_for(pilot: Pilot[None], claim_id: str) -> list[str]:
    """The pane's rows once they belong to `claim_id` (a condition, not a sleep)."""
    screen = pilot.app.screen
    pane = screen.query_one(CheckedBefore)
    for _ in range(1000):  # the bound only ends a hung run
        await settle(pilot)
        if pane.shown_for == claim_id and pane.wanted and pane.wanted[0] == claim_id:
            return rows(screen, "#checked-before")
        await pilot.pause(0.01)
    shown = rows(screen, "#checked-before")
    raise AssertionError(f"no matches shown for {claim_id}; rows: {shown}")


def label_texts(pilot: Pilot[None]) -> str:
    return "\n".join(str(label.content) for label in pilot.app.screen.query(Label))


async def test_opening_the_explorer_leaves_the_library_closed(
    timeline_file: Path, library: Path
) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "n", "p")
        pane = screen.query_one(CheckedBefore)
        assert not pane.display
        assert pane.wanted is None and pane._library is None


async def test_shows_the_matches_of_the_selected_claim_and_follows_it(
    timeline_file: Path, library: Path
) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "b")
        pane = screen.query_one(CheckedBefore)
        assert pane.display and pane.has_focus
        shown = await matches_for(pilot, "searches-last-year")
        assert shown[0].startswith("False  Example Checks  2021-02-10  score ")
        assert "Police ran 4,000 facial recognition searches last year." in shown[0]
        assert 1 < len(shown) <= 5

        await press(pilot, "n")  # next event: the pane follows
        assert screen.claim_id == "hearing-in-march"
        shown = await matches_for(pilot, "hearing-in-march")
        assert "The mayor promised a public hearing" in shown[0]

        await press(pilot, "p")
        screen.query_one("#claims").focus()
        await press(pilot, "j")  # next claim in the list
        assert screen.claim_id == "mug-shots-only"
        shown = await matches_for(pilot, "mug-shots-only")
        assert shown[0].startswith("Misleading  Example Checks")
        assert "only on mug shots" in shown[0]

        await press(pilot, "b")  # closes; the focus goes back to a list
        assert not pane.display and not pane.has_focus


async def test_attaching_a_match_adds_one_evidence_item_with_the_suggested_stance(
    timeline_file: Path, library: Path
) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        assert isinstance(screen, MainScreen)
        before = screen.session.timeline.claim("searches-last-year")
        assert before is not None
        await press(pilot, "b")
        await matches_for(pilot, "searches-last-year")
        await press(pilot, "enter")
        assert isinstance(pilot.app.screen, AttachMatch)
        dialog = label_texts(pilot)
        assert "Stance refutes  (the rating False suggests refutes)" in dialog
        assert "https://checks.example.org/searches-4000" in dialog
        await press(pilot, "y")
        assert pilot.app.screen is screen

        after = screen.session.timeline.claim("searches-last-year")
        assert after is not None
        assert after.evidence[: len(before.evidence)] == before.evidence
        assert len(after.evidence) == len(before.evidence) + 1
        added = after.evidence[-1]
        assert added.url == "https://checks.example.org/searches-4000"
        assert added.title == "Example Checks: False"
        assert added.stance == "refutes"
        assert added.accessed == TODAY
        assert added.note.startswith('Checked before: "Police ran 4,000')
        assert screen.session.dirty

        await press(pilot, "u")
        assert screen.session.timeline.claim("searches-last-year") == before
        assert not screen.session.dirty


async def test_the_reviewer_changes_the_stance_or_cancels(
    timeline_file: Path, library: Path
) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        assert isinstance(screen, MainScreen)
        count = len(screen.session.timeline.claims[0].evidence)
        await press(pilot, "b")
        await matches_for(pilot, "searches-last-year")
        await press(pilot, "j", "enter", "escape")  # the second match, then cancel
        assert screen.session.timeline.claim("searches-last-year").evidence == ()
        await press(pilot, "enter", "n")
        assert not screen.session.dirty
        await press(pilot, "enter", "s")
        assert "Stance supports  (the rating Mostly True suggests supports)" in label_texts(pilot)
        await press(pilot, "c", "enter")
        evidence = screen.session.timeline.claim("searches-last-year").evidence
        assert len(evidence) == count + 1
        assert (evidence[-1].url, evidence[-1].stance) == (
            "https://checks.example.org/searches-council",
            "context",
        )


async def test_without_a_library_the_view_says_how_to_make_one(
    timeline_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "no-library.sqlite"
    monkeypatch.setenv("FACTCHECK_LIBRARY", str(missing))
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "b")
        shown = "\n".join(await matches_for(pilot, "searches-last-year"))
        assert f"{missing}: no library yet" in shown
        assert "factcheck library add FILE..." in shown
        await press(pilot, "enter")  # the message is not a match: nothing to attach
        assert pilot.app.screen is screen and not screen.session.dirty
        assert not missing.exists()


async def test_a_file_that_is_not_a_library_is_named_in_the_view(
    timeline_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    not_a_library = tmp_path / "notes.sqlite"
    not_a_library.write_text("just some notes\n", encoding="utf-8")
    monkeypatch.setenv("FACTCHECK_LIBRARY", str(not_a_library))
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        await main_screen(pilot)
        await press(pilot, "b")
        shown = "\n".join(await matches_for(pilot, "searches-last-year"))
        assert f"{not_a_library}: not a library file" in shown
    assert not_a_library.read_text(encoding="utf-8") == "just some notes\n"


def test_the_explorer_starts_without_importing_the_library() -> None:
    """The library (and sqlite3) load with the first lookup, not with the explorer."""
    code = (
        "import sys, factcheck.tui.app\n"
        "print(sorted({'factcheck.library', 'sqlite3'} & set(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


async def test_hostile_library_text_is_shown_inert(
    timeline_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACTCHECK_LIBRARY", str(build_library(tmp_path, [HOSTILE_REVIEW])))
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "b")
        shown = await matches_for(pilot, "searches-last-year")
        assert shown[0].count(ESCAPED_HOSTILE) == 3  # rating, publisher, claim
        assert not any(c in shown[0] for c in "\x1b\x07\u202e")
        await pilot.click("#checked-before")  # the would-be link does nothing
        assert pilot.app.is_running
        await press(pilot, "enter")
        assert isinstance(pilot.app.screen, AttachMatch)
        dialog = label_texts(pilot)
        assert ESCAPED_HOSTILE in dialog and "\x1b" not in dialog
        await press(pilot, "y")
        added = screen.session.timeline.claim("searches-last-year").evidence[-1]
        assert added.url == "https://checks.example.org/hostile"
        evidence_row = rows(screen, "#evidence")[-1]
        assert "[bold]x[/bold] [/x] [@click=app.quit]q[/] \\x1b[31mred" in evidence_row
        assert not any(c in evidence_row for c in "\x1b\x07\u202e")


def test_open_takes_the_library_option(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, timeline_file: Path
) -> None:
    monkeypatch.setenv("FACTCHECK_LIBRARY", "elsewhere.sqlite")  # restored after the test
    opened: list[tuple[Path, str | None]] = []

    def run(path: Path) -> None:
        opened.append((path, os.environ.get("FACTCHECK_LIBRARY")))

    monkeypatch.setattr("factcheck.tui.app.run", run)
    chosen = tmp_path / "mine.sqlite"
    result = CliRunner().invoke(cli, [str(timeline_file), "--library", str(chosen)])
    assert result.exit_code == 0, result.output
    assert opened == [(timeline_file, str(chosen))]
