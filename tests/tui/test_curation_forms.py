"""Pilot tests of the curation keys (issue 11.2): e, +, E, d, m and enter / y on evidence,
and the form contract of DESIGN section 3, happy and unhappy paths, each edit undone."""

from __future__ import annotations

import difflib
import subprocess
import sys
import webbrowser
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Label, OptionList, Select, TextArea

from factcheck import anchors, curation, store
from factcheck.model import Claim, Event
from factcheck.session import Edit
from factcheck.tui.app import ExplorerApp
from factcheck.tui.screens.choice import Choice
from factcheck.tui.screens.claim_form import ClaimForm
from factcheck.tui.screens.event_form import EventForm
from factcheck.tui.screens.event_picker import EventPicker
from factcheck.tui.screens.main import MainScreen
from tests.tui.conftest import SIZE, main_screen, press, settle
from tests.tui.fixtures import HOSTILE, SOURCE_TEXT, hostile_timeline, write


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Type as a reviewer does, key by key (a selected field's text is replaced)."""
    await pilot.press(*text)
    await pilot.pause()


def problem(pilot: Pilot[None], field: str) -> str:
    """The reason shown next to a form field ("" when none is shown)."""
    label = pilot.app.screen.query_one(f"#{field}-problem", Label)
    return str(label.content) if label.display else ""


def toasts(pilot: Pilot[None]) -> list[str]:
    return [str(item.message) for item in pilot.app._notifications]


async def focus_claims(pilot: Pilot[None], claim_id: str) -> MainScreen:
    """The claims pane focused on `claim_id` (once the file has loaded)."""
    screen = await main_screen(pilot)
    screen.panes.jump("claim", claim_id)
    screen.query_one("#claims").focus()
    await settle(pilot)
    assert screen.claim_id == claim_id
    return screen


async def focus_evidence(pilot: Pilot[None]) -> MainScreen:
    screen = await focus_claims(pilot, "mug-shots-only")
    screen.query_one("#evidence").focus()
    await settle(pilot)
    return screen


# --- e on a claim -------------------------------------------------------------------------


async def test_claim_form_fields_in_order_text_selected_when_reached(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await focus_claims(pilot, "searches-last-year")
        before = screen.session.timeline
        await press(pilot, "e")
        form = pilot.app.screen
        assert isinstance(form, ClaimForm)
        order = []
        for _ in range(5):
            focused = form.focused
            assert focused is not None
            order.append(focused.id)
            if isinstance(focused, Input):
                assert focused.selected_text == focused.value  # typing replaces it
            if isinstance(focused, TextArea):
                assert focused.selected_text == focused.text
            await press(pilot, "tab")
        assert order == ["text", "claimant", "kind", "event", "notes"]
        assert form.focused is not None and form.focused.id == "text"  # tab wraps around
        await press(pilot, "shift+tab", "shift+tab")
        assert form.focused is not None and form.focused.id == "event"
        await press(pilot, "escape")
        assert pilot.app.screen is screen
        assert screen.session.timeline is before  # escape changes nothing


async def test_claimant_fix_then_undo(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await focus_claims(pilot, "searches-last-year")
        before = screen.session.timeline.claim("searches-last-year")
        await press(pilot, "e", "tab")
        await type_text(pilot, "Councilor Ada Reyes")
        await press(pilot, "enter")  # enter submits from a one-line field
        assert pilot.app.screen is screen
        after = screen.session.timeline.claim("searches-last-year")
        assert after is not None and before is not None
        assert after.claimant == "Councilor Ada Reyes"
        assert "claim searches-last-year saved (u to undo)" in toasts(pilot)
        assert (after.text, after.kind, after.event, after.reviewed_by) == (
            before.text, before.kind, before.event, before.reviewed_by,
        )  # fmt: skip
        assert screen.session.dirty
        await press(pilot, "u")
        assert screen.session.timeline.claim("searches-last-year") == before
        assert not screen.session.dirty


@pytest.mark.parametrize("field_index", [0, 2, 3, 4], ids=["text", "kind", "event", "notes"])
async def test_ctrl_s_submits_from_any_field(timeline_file: Path, field_index: int) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await focus_claims(pilot, "searches-last-year")
        await press(pilot, "e", "tab")
        await type_text(pilot, "Ada R. Reyes")
        await press(pilot, "shift+tab", *["tab"] * field_index, "ctrl+s")
        assert pilot.app.screen is screen
        claim = screen.session.timeline.claim("searches-last-year")
        assert claim is not None and claim.claimant == "Ada R. Reyes"


async def test_claim_form_kind_and_event_change(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await focus_claims(pilot, "searches-last-year")
        await press(pilot, "e")
        form = pilot.app.screen
        form.query_one("#kind", Select).value = "quote"
        form.query_one("#event", Select).value = "mayor-hearing"
        await press(pilot, "ctrl+s")
        claim = screen.session.timeline.claim("searches-last-year")
        assert claim is not None and (claim.kind, claim.event) == ("quote", "mayor-hearing")
        assert screen.panes.event_id == "mayor-hearing"  # the selection follows the claim
        await press(pilot, "u")
        claim = screen.session.timeline.claim("searches-last-year")
        assert claim is not None and (claim.kind, claim.event) == ("statistic", "council-meeting")


async def test_empty_claim_text_keeps_the_form_open(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await focus_claims(pilot, "searches-last-year")
        before = screen.session.timeline
        await press(pilot, "e", "backspace", "ctrl+s")
        assert isinstance(pilot.app.screen, ClaimForm)
        assert "the claim text is empty" in problem(pilot, "text")
        assert pilot.app.screen.focused is not None and pilot.app.screen.focused.id == "text"
        assert screen.session.timeline is before
        await type_text(pilot, "Searches ran.")  # fixing the field clears the reason
        assert problem(pilot, "text") == ""
        await press(pilot, "ctrl+s")
        claim = screen.session.timeline.claim("searches-last-year")
        assert claim is not None and claim.text == "Searches ran."


async def test_punctuation_claimant_is_refused_next_to_the_field(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await focus_claims(pilot, "searches-last-year")
        before = screen.session.timeline
        await press(pilot, "e", "tab")
        await type_text(pilot, "--!?")
        await press(pilot, "ctrl+s")
        assert isinstance(pilot.app.screen, ClaimForm)
        assert "only punctuation" in problem(pilot, "claimant")
        assert problem(pilot, "text") == ""
        assert screen.session.timeline is before


async def test_claimant_completes_from_known_names(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        await main_screen(pilot)
        await focus_claims(pilot, "mug-shots-only")
        await press(pilot, "e", "tab")
        await type_text(pilot, "Civ")
        claimant = pilot.app.screen.query_one("#claimant", Input)
        for _ in range(200):  # the suggester answers in a worker: wait for it
            if claimant._suggestion:
                break
            await pilot.pause(0.01)
        assert "Civil liberties groups" in str(pilot.app.screen.query_one("#known-names").content)
        await press(pilot, "right")
        assert claimant.value == "Civil liberties groups"


async def test_hostile_text_in_the_form_is_inert_and_kept_exactly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path, hostile_timeline())
    async with ExplorerApp(path).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await focus_claims(pilot, "hostile-claim")
        await press(pilot, "e")
        form = pilot.app.screen
        shown = [form.query_one("#claimant", Input).value, form.query_one("#text", TextArea).text]
        assert all("\x1b" not in value and "\u202e" not in value for value in shown)
        assert "[bold]" in shown[0]  # markup is shown as characters
        await press(pilot, "tab", "tab", "tab", "tab")  # to notes
        await type_text(pilot, "checked")
        await press(pilot, "ctrl+s")
        claim = screen.session.timeline.claim("hostile-claim")
        assert claim is not None
        assert (claim.claimant, claim.text, claim.notes) == (HOSTILE, HOSTILE, "checked")


async def test_a_drafted_claim_opens_prefilled_and_keeps_its_exact_text(
    timeline_file: Path,
) -> None:
    """The form the source view opens with a claim drafted from its selection."""
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        text = "Searches \x1b[31mtripled\u202e"
        anchor = anchors.find("article", SOURCE_TEXT, "the police had run 4,000 searches")
        draft = Claim(id="new", text=text, claimant="Ada Reyes", kind="quote",
                      event="council-meeting", anchor=anchor)  # fmt: skip
        screen.open_claim_form(draft)
        await settle(pilot)
        form = pilot.app.screen
        assert isinstance(form, ClaimForm)
        assert "\x1b" not in form.query_one("#text", TextArea).text  # shown escaped
        await press(pilot, "ctrl+s")
        added = [claim for claim in screen.session.timeline.claims if claim.anchor == anchor]
        assert len(added) == 1
        assert (added[0].text, added[0].kind) == (text, "quote")
        assert added[0].id.startswith("reyes-searches")  # drafted from the final claimant
        assert screen.claim_id == added[0].id


async def test_a_drafted_event_opens_prefilled(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        screen.open_event_form(Event(id="new", title="Police brief the council", date="2021-02"))
        await settle(pilot)
        form = pilot.app.screen
        assert isinstance(form, EventForm)
        assert "Feb 2021" in str(form.query_one("#reading", Label).content)
        await press(pilot, "ctrl+s")
        added = [e for e in screen.session.timeline.events if e.title.startswith("Police")]
        assert [(event.date, event.id) for event in added] == [("2021-02", screen.panes.event_id)]


# --- e on an event ------------------------------------------------------------------------


async def test_event_form_reads_date_words_live_and_undoes(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)  # the timeline pane has focus: e edits the event
        before = screen.session.timeline
        await press(pilot, "e")
        form = pilot.app.screen
        assert isinstance(form, EventForm)
        assert form.focused is not None and form.focused.id == "date"
        await type_text(pilot, "not a date at all")
        assert "neither an EDTF date" in str(form.query_one("#reading", Label).content)
        await press(pilot, "ctrl+s")
        assert isinstance(pilot.app.screen, EventForm)  # invalid: the form stays, with why
        assert "neither an EDTF date" in problem(pilot, "date")
        await press(pilot, "shift+tab", "tab")  # back to the date: its text is selected
        await type_text(pilot, "last Tuesday")  # the source was published on Fri 5 Feb 2021
        assert "2021-02-02" in str(form.query_one("#reading", Label).content)
        await press(pilot, "tab", "tab")
        await type_text(pilot, "The council votes")
        await press(pilot, "ctrl+s")
        assert pilot.app.screen is screen
        event = screen.session.timeline.event("council-meeting")
        assert event is not None
        assert (event.date, event.title, event.date_text) == (
            "2021-02-02", "The council votes", "on Monday",
        )  # fmt: skip
        assert screen.panes.event_id == "council-meeting"
        await press(pilot, "u")
        assert screen.session.timeline == before


@pytest.mark.parametrize(
    ("words", "shown"),
    [
        ("last week", "→ 2021-01-25/2021-01-31 · week of 25 Jan 2021"),
        ("last Tuesday", "→ 2021-02-02 · 2 Feb 2021"),
        ("January 1997", "→ 1997-01 · Jan 1997"),
        ("early February 2021", "→ 2021-02 · Feb 2021"),
        ("before 2 Feb 2021", "→ ../2021-02-02 · before 2 Feb 2021"),
        ("since 1993", "→ 1993/.. · after 1993"),
    ],
)
async def test_event_form_shows_the_edtf_value_and_reading_as_typed(
    timeline_file: Path, words: str, shown: str
) -> None:
    """Read against the source's date (Friday 5 Feb 2021), before anything is saved."""
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "e")
        form = pilot.app.screen
        assert isinstance(form, EventForm)
        await type_text(pilot, words)
        assert str(form.query_one("#reading", Label).content) == shown
        await press(pilot, "ctrl+s")
        event = screen.session.timeline.event("council-meeting")
        assert event is not None and event.date == shown.split()[1]


async def test_event_form_actors_and_escape(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        before = screen.session.timeline
        await press(pilot, "e", "escape")
        assert screen.session.timeline is before
        await press(pilot, "e", "tab", "tab", "tab", "tab")
        await type_text(pilot, "City council; Ada Reyes (councilor)")
        await press(pilot, "enter")
        event = screen.session.timeline.event("council-meeting")
        assert event is not None and event.actors == ("City council", "Ada Reyes (councilor)")


# --- + and E: new records without a passage -----------------------------------------------


async def test_new_claim_without_passage_on_the_selected_event(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "n")  # the mayor's event
        await press(pilot, "plus")
        form = pilot.app.screen
        assert isinstance(form, ClaimForm)
        await press(pilot, "ctrl+s")  # no text yet
        assert "the claim text is empty" in problem(pilot, "text")
        await type_text(pilot, "The hearing was cancelled.")
        await press(pilot, "tab")
        await type_text(pilot, "Mayor")
        await press(pilot, "ctrl+s")
        assert pilot.app.screen is screen
        text = "The hearing was cancelled."
        added = [claim for claim in screen.session.timeline.claims if claim.text == text]
        assert len(added) == 1
        claim = added[0]
        assert (claim.event, claim.claimant, claim.anchor) == ("mayor-hearing", "Mayor", None)
        assert claim.id.startswith("mayor-")  # a readable slug: surname and main words
        assert screen.claim_id == claim.id
        await press(pilot, "u")
        assert screen.session.timeline.claim(claim.id) is None


async def test_new_event_without_passage(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "E")
        assert isinstance(pilot.app.screen, EventForm)
        await type_text(pilot, "March 2021")
        await press(pilot, "tab", "tab", "ctrl+s")  # no title yet
        assert "title is empty" in problem(pilot, "title")
        await type_text(pilot, "Hearing held")
        await press(pilot, "ctrl+s")
        assert pilot.app.screen is screen
        event = screen.session.timeline.event("hearing-held")
        assert event is not None and (event.date, event.anchor) == ("2021-03", None)
        assert screen.panes.event_id == "hearing-held"
        await press(pilot, "u")
        assert screen.session.timeline.event("hearing-held") is None


# --- d: delete ----------------------------------------------------------------------------


@pytest.mark.parametrize("refusal", ["n", "escape"])
async def test_delete_claim_refused(timeline_file: Path, refusal: str) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await focus_claims(pilot, "mug-shots-only")
        before = screen.session.timeline
        await press(pilot, "d")
        assert isinstance(pilot.app.screen, Choice)
        await press(pilot, refusal)
        assert pilot.app.screen is screen
        assert screen.session.timeline is before


async def test_delete_claim_with_y_toast_and_undo(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await focus_claims(pilot, "mug-shots-only")
        await press(pilot, "d", "y")
        assert screen.session.timeline.claim("mug-shots-only") is None
        assert any("Deleted claim mug-shots-only (u to undo)" in t for t in toasts(pilot))
        await press(pilot, "u")
        assert screen.session.timeline.claim("mug-shots-only") is not None
        assert not screen.session.dirty


async def test_a_curation_edit_that_no_longer_applies_says_why(timeline_file: Path) -> None:
    """The claim went while the question was open: `y` explains, the explorer keeps running."""
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await focus_claims(pilot, "mug-shots-only")
        await press(pilot, "d")
        screen.session.apply(Edit.of(curation.delete_claim, "mug-shots-only"))
        gone = screen.session.timeline
        await press(pilot, "y")
        assert pilot.app.is_running and pilot.app.screen is screen
        assert screen.session.timeline is gone
        assert any("there is no claim" in t for t in toasts(pilot))


async def test_delete_evidence(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        await main_screen(pilot)
        screen = await focus_evidence(pilot)
        await press(pilot, "d", "n")
        claim = screen.session.timeline.claim("mug-shots-only")
        assert claim is not None and len(claim.evidence) == 1
        await press(pilot, "d", "y")
        claim = screen.session.timeline.claim("mug-shots-only")
        assert claim is not None and claim.evidence == ()
        assert any("Deleted evidence https://example.org/policy" in t for t in toasts(pilot))
        await press(pilot, "u")
        claim = screen.session.timeline.claim("mug-shots-only")
        assert claim is not None and len(claim.evidence) == 1


async def test_delete_event_moving_its_claims(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        before = screen.session.timeline
        await press(pilot, "d")  # the council meeting, with two claims
        assert isinstance(pilot.app.screen, Choice)
        await press(pilot, "m")
        picker = pilot.app.screen
        assert isinstance(picker, EventPicker)
        rows = [str(option.prompt) for option in picker.query_one(OptionList).options]
        assert not any("debates a ban" in row for row in rows)  # not the event being deleted
        assert "mayor promises" in rows[0] and rows[-1] == "(no event)"
        await press(pilot, "enter")
        timeline = screen.session.timeline
        assert timeline.event("council-meeting") is None
        assert [c.event for c in timeline.claims if c.id in ("searches-last-year",
                "mug-shots-only")] == ["mayor-hearing", "mayor-hearing"]  # fmt: skip
        assert any("moved to event mayor-hearing (u to undo)" in t for t in toasts(pilot))
        await press(pilot, "u")
        assert screen.session.timeline == before


async def test_delete_event_and_its_claims(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        before = screen.session.timeline
        await press(pilot, "d", "escape")
        assert screen.session.timeline is before
        await press(pilot, "d", "d")
        timeline = screen.session.timeline
        assert timeline.event("council-meeting") is None
        assert timeline.claim("searches-last-year") is None
        assert timeline.claim("mug-shots-only") is None
        assert any("and its 2 claims (u to undo)" in t for t in toasts(pilot))
        await press(pilot, "u")
        assert screen.session.timeline == before


async def test_delete_event_without_claims_asks_y(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "E")
        await press(pilot, "tab", "tab")
        await type_text(pilot, "Empty event")
        await press(pilot, "ctrl+s")
        assert screen.panes.event_id == "empty-event"
        await press(pilot, "d", "y")
        assert screen.session.timeline.event("empty-event") is None


# --- m: move ------------------------------------------------------------------------------


async def test_move_claim_to_another_event(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await focus_claims(pilot, "mug-shots-only")
        await press(pilot, "m", "escape")
        claim = screen.session.timeline.claim("mug-shots-only")
        assert claim is not None and claim.event == "council-meeting"
        await press(pilot, "m", "j", "enter")  # second row: the groups' database event
        claim = screen.session.timeline.claim("mug-shots-only")
        assert claim is not None and claim.event == "database-size"
        assert (screen.panes.event_id, screen.claim_id) == ("database-size", "mug-shots-only")
        assert any("Moved claim mug-shots-only to event database-size" in t for t in toasts(pilot))
        await press(pilot, "u")
        claim = screen.session.timeline.claim("mug-shots-only")
        assert claim is not None and claim.event == "council-meeting"


# --- enter / y on evidence ----------------------------------------------------------------


class FakeBrowser(webbrowser.BaseBrowser):
    def __init__(self) -> None:
        super().__init__("fake")
        self.opened: list[str] = []

    def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
        self.opened.append(url)
        return True


async def test_enter_on_evidence_opens_the_link(
    timeline_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    browser = FakeBrowser()
    monkeypatch.setattr(webbrowser, "get", lambda using=None: browser)
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        assert screen.check_action("open_evidence", ()) is None  # the timeline has focus
        await press(pilot, "enter")
        assert browser.opened == []
        await focus_evidence(pilot)
        assert screen.check_action("open_evidence", ()) is True
        await press(pilot, "enter")
        assert browser.opened == ["https://example.org/policy"]
        assert any("Opened https://example.org/policy" in t for t in toasts(pilot))


async def test_enter_without_a_browser_says_so(
    timeline_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_browser(using: str | None = None) -> webbrowser.BaseBrowser:
        raise webbrowser.Error("could not locate runnable browser")

    monkeypatch.setattr(webbrowser, "get", no_browser)
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        await main_screen(pilot)
        await focus_evidence(pilot)
        await press(pilot, "enter")
        assert any("No web browser can be opened here" in t for t in toasts(pilot))


async def test_y_copies_the_link(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        assert screen.check_action("copy_evidence", ()) is None
        await focus_evidence(pilot)
        await press(pilot, "y")
        assert pilot.app.clipboard == "https://example.org/policy"
        assert any("Copied https://example.org/policy" in t for t in toasts(pilot))


async def test_gates_follow_the_focused_pane(timeline_file: Path) -> None:
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        assert screen.record() == ("event", "council-meeting")
        for action in ("edit_record", "delete_record", "move_claim", "new_claim", "new_event"):
            assert screen.check_action(action, ()) is True
        await focus_evidence(pilot)
        assert screen.record() == ("evidence", "mug-shots-only")


# --- the saved file -----------------------------------------------------------------------


async def test_edits_save_a_file_check_passes_and_a_claimant_fix_is_one_line(
    timeline_file: Path,
) -> None:
    original = timeline_file.read_text(encoding="utf-8")
    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await focus_claims(pilot, "hearing-in-march")
        await press(pilot, "e", "tab")
        await type_text(pilot, "Mayor Dana Cole")
        await press(pilot, "ctrl+s", "ctrl+s")  # the form, then the file
        assert not screen.session.dirty
    fixed = timeline_file.read_text(encoding="utf-8")
    changed = [
        line
        for line in difflib.unified_diff(original.splitlines(), fixed.splitlines(), lineterm="")
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert changed == ['-claimant = "Mayor"', '+claimant = "Mayor Dana Cole"']

    async with ExplorerApp(timeline_file).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        await press(pilot, "d", "m", "enter")  # the council meeting's claims to the mayor's
        await press(pilot, "E")
        await type_text(pilot, "before 2 Feb 2021")
        await press(pilot, "tab", "tab")
        await type_text(pilot, "Police present figures")
        await press(pilot, "ctrl+s", "plus")
        await type_text(pilot, "Searches fell by half.")
        await press(pilot, "ctrl+s")
        await focus_claims(pilot, "three-billion")
        await press(pilot, "m", "enter", "ctrl+s")
        assert not screen.session.dirty
    result = subprocess.run(
        [sys.executable, "-m", "factcheck", "check", str(timeline_file)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    saved = store.load(timeline_file).timeline
    assert saved.event("council-meeting") is None
    assert saved.event("police-present-figures") is not None
    assert saved.event("police-present-figures").date == "../2021-02-02"  # type: ignore[union-attr]
    assert any(claim.text == "Searches fell by half." for claim in saved.claims)


# --- a small terminal -----------------------------------------------------------------------

SMALL = (80, 24)


def shown_on_screen(pilot: Pilot[None], selector: str) -> bool:
    """Whether the widget is drawn inside the terminal, not scrolled or cut off below it."""
    widget = pilot.app.screen.query_one(selector)
    region = widget.region
    visible = pilot.app.screen.query_one("#dialog").content_region
    return region.height > 0 and visible.contains_region(region)


@pytest.mark.parametrize(
    ("keys", "fields"),
    [
        (("e",), ("#date", "#date_text", "#title", "#summary", "#actors")),
        (("tab", "e"), ("#text", "#claimant", "#kind", "#event", "#notes")),
    ],
    ids=["event-form", "claim-form"],
)
async def test_forms_scroll_to_the_focused_field_at_80x24(
    timeline_file: Path, keys: tuple[str, ...], fields: tuple[str, ...]
) -> None:
    """At 80x24 a form is taller than the terminal: tab brings each field into view."""
    async with ExplorerApp(timeline_file).run_test(size=SMALL) as pilot:
        await main_screen(pilot)
        await press(pilot, *keys)
        assert isinstance(pilot.app.screen, ClaimForm | EventForm)
        for field in fields:
            await settle(pilot)
            assert pilot.app.screen.focused is not None
            assert f"#{pilot.app.screen.focused.id}" == field
            assert shown_on_screen(pilot, field), field
            await press(pilot, "tab")


async def test_a_problem_found_from_the_bottom_of_a_small_form_shows(timeline_file: Path) -> None:
    """ctrl+s from the last field: the form scrolls back to the field at fault and its reason."""
    async with ExplorerApp(timeline_file).run_test(size=SMALL) as pilot:
        await main_screen(pilot)
        await press(pilot, "E", "tab", "tab")  # the title, empty
        await type_text(pilot, "Council votes")
        await press(pilot, "shift+tab", "shift+tab")
        await type_text(pilot, "someday soon")
        await press(pilot, "tab", "tab", "tab", "tab", "ctrl+s")  # from the actors field
        await settle(pilot)
        assert isinstance(pilot.app.screen, EventForm)
        assert "neither an EDTF date" in problem(pilot, "date")
        assert shown_on_screen(pilot, "#date") and shown_on_screen(pilot, "#date-problem")
