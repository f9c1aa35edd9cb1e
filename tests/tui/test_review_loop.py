"""The review loop (issue 16.2) and the changes that used to be silent (issue 16.1): `]` `[`
across events, `}` to the next unverified claim, digits rate in one key, toasts that say what
changed and how to undo it, forms that name the claim, paste, long URLs, the https offer."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, Label

from factcheck.tui import keys
from factcheck.tui.app import ExplorerApp
from factcheck.tui.screens.evidence_form import URL_LIMIT, EvidenceForm, url_offer
from factcheck.tui.screens.main import MainScreen
from factcheck.tui.screens.status_picker import StatusPicker
from factcheck.tui.screens.verdict_editor import VerdictEditor
from factcheck.tui.widgets import review_panes
from factcheck.tui.widgets.line_input import join_lines
from factcheck.tui.widgets.stance_field import StanceField
from tests.tui.conftest import REVIEWER, SIZE, TODAY, main_screen, press
from tests.tui.fixtures import build_timeline, write

#: The fixture's claims in the timeline's order (tests/tui/fixtures.py).
ORDER = ["searches-last-year", "mug-shots-only", "hearing-in-march", "three-billion"]


def messages(pilot: Pilot[None]) -> list[str]:
    return [str(item.message) for item in pilot.app._notifications]


def label_text(screen: object, selector: str) -> str:
    assert isinstance(screen, EvidenceForm | StatusPicker)
    return str(screen.query_one(selector, Label).content)


async def test_brackets_step_through_claims_across_events(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        seen = [screen.panes.claim_id]
        for _ in ORDER[1:]:
            await press(pilot, "]")
            seen.append(screen.panes.claim_id)
        assert seen == ORDER
        assert screen.panes.event_id == "database-size"  # the panes followed
        await press(pilot, "]")
        assert screen.panes.claim_id == ORDER[-1]
        assert "This is the last claim." in messages(pilot)
        for expected in reversed(ORDER[:-1]):
            await press(pilot, "[")
            assert screen.panes.claim_id == expected
        await press(pilot, "[")
        assert "This is the first claim." in messages(pilot)


async def test_brace_goes_to_the_next_unverified_claim_and_wraps(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "}")
        assert screen.panes.claim_id == "mug-shots-only"
        await press(pilot, "}")
        assert screen.panes.claim_id == "hearing-in-march"  # three-billion is rated: skipped
        await press(pilot, "}")
        assert screen.panes.claim_id == "searches-last-year"
        assert any("wrapped" in message for message in messages(pilot))
        await press(pilot, "3", "}", "3", "}")  # rate two; one unverified claim is left
        assert screen.panes.claim_id == "hearing-in-march"
        await press(pilot, "}")
        assert screen.panes.claim_id == "hearing-in-march"
        assert "This is the last unverified claim." in messages(pilot)
        await press(pilot, "3", "}")
        assert "No claim is unverified." in messages(pilot)


async def test_brace_reaches_a_claim_of_no_event_and_wraps_from_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    timeline = build_timeline()
    loose = attrs.evolve(timeline.claims[1], id="heard-elsewhere", event="", anchor=None)
    write(tmp_path, attrs.evolve(timeline, claims=(*timeline.claims, loose)))
    async with ExplorerApp(Path("council.toml")).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        seen = []
        for _ in range(4):
            await press(pilot, "}")
            seen.append(screen.panes.claim_id)
        assert seen == ["mug-shots-only", "hearing-in-march", "heard-elsewhere", ORDER[0]]
        assert any("wrapped" in message for message in messages(pilot))


async def test_digits_rate_the_selected_claim_with_a_toast_and_undo(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "3")
        claim = screen.panes.claim
        assert claim is not None
        assert (claim.status, claim.reviewed_by, claim.reviewed_on) == ("true", REVIEWER, TODAY)
        assert "searches-last-year: true (u to undo)" in messages(pilot)
        await press(pilot, "3")
        assert "searches-last-year is already true." in messages(pilot)
        assert len(screen.session.undo_stack) == 1
        for digit, status in [("1", "unverified"), ("7", "false"), ("0", "not-checkable")]:
            await press(pilot, digit)
            assert screen.panes.claim is not None and screen.panes.claim.status == status
        await press(pilot, "u", "u")
        assert screen.panes.claim is not None and screen.panes.claim.status == "unverified"
        assert isinstance(pilot.app.screen, MainScreen)


async def test_the_picker_toasts_too(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        await main_screen(pilot)
        await press(pilot, "s")
        picker = pilot.app.screen
        assert isinstance(picker, StatusPicker)
        assert "4,000 searches" in str(picker.query_one(".quote", Label).content)
        assert "searches-last-year" in label_text(picker, "#heading")
        await press(pilot, "5", "enter")
        assert "searches-last-year: mixed (u to undo)" in messages(pilot)


async def test_n_greyed_at_the_last_event_and_p_at_the_first(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        assert screen.check_action("previous_event", ()) is None
        assert screen.check_action("next_event", ()) is True
        await press(pilot, "n", "n")
        assert screen.panes.event_id == "database-size"
        assert screen.check_action("next_event", ()) is None
        assert screen.check_action("previous_event", ()) is True


async def test_n_skips_fully_reviewed_events_and_says_so(
    timeline_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "]", "]", "3")  # mayor-hearing's one claim rated: fully reviewed
        await press(pilot, "]", "1")  # database-size's claim back to unverified: open
        await press(pilot, "p", "p")
        assert screen.panes.event_id == "council-meeting"
        await press(pilot, "n")
        assert screen.panes.event_id == "database-size"
        assert screen.panes.claim_id == "three-billion"
        assert "Skipped 1 fully reviewed event." in messages(pilot)
        await press(pilot, "p")  # p is one step back, reviewed or not
        assert screen.panes.event_id == "mayor-hearing"

        # n looks SKIP_LIMIT events ahead at most (the same work on any timeline).
        monkeypatch.setattr(review_panes, "SKIP_LIMIT", 1)
        await press(pilot, "p", "n")
        assert screen.panes.event_id == "mayor-hearing"
        monkeypatch.undo()

        # Every later event reviewed: n is the next event, as without skipping.
        await press(pilot, "n", "3", "p", "p")
        assert screen.panes.event_id == "council-meeting"
        pilot.app.clear_notifications()
        await press(pilot, "n")
        assert screen.panes.event_id == "mayor-hearing"
        assert not any("Skipped" in message for message in messages(pilot))


async def test_j_stops_at_the_events_last_claim_and_says_so(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "tab")  # the claims list
        await press(pilot, "j")
        assert screen.panes.claim_id == "mug-shots-only"
        await press(pilot, "j")
        assert screen.panes.claim_id == "mug-shots-only"  # no wrap to the first claim
        assert any("Last claim of this event" in message for message in messages(pilot))


async def test_evidence_form_names_the_claim_and_takes_stance_keys(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "a")
        form = pilot.app.screen
        assert isinstance(form, EvidenceForm)
        assert "searches-last-year" in label_text(form, "#heading")
        assert "4,000 searches" in label_text(form, ".quote")
        await press(pilot, *"https://example.org/s", "tab", "tab")
        assert isinstance(form.focused, StanceField)
        await press(pilot, "s")
        assert form.query_one(StanceField).value == "supports"
        await press(pilot, "c", "r", "enter")  # enter on the stance field saves too
        claim = screen.panes.claim
        assert claim is not None and claim.evidence[-1].stance == "refutes"


async def test_a_url_without_a_scheme_is_offered_with_https(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "a", *"example.org/x", "enter")
        form = pilot.app.screen
        assert isinstance(form, EvidenceForm)
        assert "did you mean https://example.org/x? enter to accept" in label_text(form, "#problem")
        await press(pilot, "enter")
        claim = screen.panes.claim
        assert claim is not None and [e.url for e in claim.evidence] == ["https://example.org/x"]


async def test_a_url_over_the_limit_is_refused_with_the_reason(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "a")
        form = pilot.app.screen
        assert isinstance(form, EvidenceForm)
        url = "https://example.org/" + "a" * 5000
        form.query_one("#url", Input).post_message(events.Paste(url))  # as a terminal pastes
        await pilot.pause()
        await press(pilot, "enter")
        assert pilot.app.screen is form
        assert f"the URL has {len(url):,} characters; at most 2,048 are accepted" in label_text(
            form, "#problem"
        )
        form.query_one("#url", Input).value = url[:URL_LIMIT]
        await press(pilot, "enter")
        claim = screen.panes.claim
        assert claim is not None and [e.url for e in claim.evidence] == [url[:URL_LIMIT]]


async def test_a_pasted_multi_line_verdict_keeps_every_line(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "v")
        editor = pilot.app.screen
        assert isinstance(editor, VerdictEditor)
        editor.query_one(Input).post_message(
            events.Paste("No such record.\n\nThe police deny it.\n")
        )
        await press(pilot, "enter")
        claim = screen.panes.claim
        assert claim is not None and claim.verdict == "No such record. The police deny it."
        assert any("Pasted 2 lines, joined with spaces" in m for m in messages(pilot))
        assert "searches-last-year: verdict saved (u to undo)" in messages(pilot)


async def test_clearing_a_verdict_says_so(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "}", "}", "]")  # three-billion has a verdict
        assert screen.panes.claim_id == "three-billion"
        await press(pilot, "v", "ctrl+u", "enter")
        claim = screen.panes.claim
        assert claim is not None and claim.verdict == ""
        assert "three-billion: verdict cleared (u to undo)" in messages(pilot)
        await press(pilot, "u")
        assert screen.panes.claim is not None
        assert screen.panes.claim.verdict == "The company says so itself."


def test_pasted_lines_are_joined_and_counted() -> None:
    assert join_lines("one\n\n  two \r\nthree\n") == ("one two three", 3)
    assert join_lines("just one\n") == ("just one", 1)


def test_the_https_offer_only_for_a_url_it_makes_valid() -> None:
    assert url_offer("example.org/x") == "https://example.org/x"
    assert url_offer("https://example.org/x") is None  # has a scheme
    assert url_offer("ftp://example.org") is None
    assert url_offer("not a url") is None  # spaces: https:// does not help
    assert url_offer("") is None


def test_the_readme_key_table_lists_every_key() -> None:
    """README's table of the main screen's keys names every key of the one key table."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    start = readme.index("Every key of the main screen at a glance")
    table = readme[start : readme.index("\n\n", readme.index("|", start))]
    assert "`1`..`9`, `0`" in table
    for key in keys.MAIN_KEYS:
        if key not in keys.RATING_KEYS:
            assert f"`{key.first_key}`" in table, key.keys
    assert "`ctrl+q`" in table and "`tab`" in table and "`G`" in table
