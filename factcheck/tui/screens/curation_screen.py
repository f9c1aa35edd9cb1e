"""The curation keys of the main screen (docs/ARCHITECTURE.md section 4): edit, add, delete and move
claims and events, and open or copy an evidence link.

Each key acts on the focused record: the timeline pane's event, the evidence pane's link,
else the selected claim. Every change is one undoable session edit made from
`factcheck.curation`; the forms build and check it (`ClaimForm`, `EventForm`), this screen
applies it. Deleting asks first, and says what went and that `u` brings it back.
"""

from __future__ import annotations

import webbrowser

from textual import events, work

from factcheck import curation
from factcheck.model import Claim, Event
from factcheck.session import Edit
from factcheck.text import sanitize, sanitize_line
from factcheck.tui.display import cut
from factcheck.tui.screens.choice import Choice
from factcheck.tui.screens.claim_form import ClaimForm
from factcheck.tui.screens.event_form import EventForm
from factcheck.tui.screens.event_picker import EventPicker
from factcheck.tui.screens.session_screen import SessionScreen
from factcheck.tui.widgets.review_panes import ReviewPanes

#: A confirmation: `y` accepts; `n`, escape (and enter, on the first button) refuse.
CONFIRM = [("n", "Keep", "keep"), ("y", "Delete", "delete")]
#: Deleting an event that has claims: what becomes of them (escape keeps the event).
EVENT_WITH_CLAIMS = [
    ("n", "Keep", "keep"),
    ("m", "Move its claims…", "move"),
    ("d", "Delete them too", "delete"),
]
#: Placeholder id of a claim or an event not yet drafted (the form drafts the real one).
NEW_ID = "new"
#: What a form's edit did, by edit name, for its toast ({} is the record's id).
FORM_DONE = {
    "insert_claim": "claim {} added",
    "insert_event": "event {} added",
    "edit_claim": "claim {} saved",
    "edit_event": "event {} saved",
}


def named(text: str, limit: int = 60) -> str:
    """A record's untrusted words, short and on one line, for a question or a toast."""
    return sanitize_line(cut(" ".join(text.split()), limit))


def terminal_browser(browser: webbrowser.BaseBrowser) -> bool:
    """A browser that would draw in this terminal, over the explorer (lynx, w3m, elinks)."""
    if isinstance(browser, webbrowser.BackgroundBrowser):
        return False
    if isinstance(browser, webbrowser.GenericBrowser):
        return True
    return isinstance(browser, webbrowser.UnixBrowser) and not browser.background


class CurationScreen(SessionScreen):
    """The curation actions; `MainScreen` gives the panes."""

    @property
    def panes(self) -> ReviewPanes:
        raise NotImplementedError

    # --- what the keys act on ------------------------------------------------------------

    def record(self) -> tuple[str, str] | None:
        """The focused record as (kind, id): ("event", id), ("evidence", claim id) or
        ("claim", id); None when nothing is selected."""
        panes = self.panes
        pane = self.focused.id if self.focused is not None else None
        if pane == "evidence" and panes.evidence_index() is not None and panes.claim_id:
            return "evidence", panes.claim_id
        if pane == "timeline" and panes.event_id:
            return "event", panes.event_id
        if panes.claim_id is not None:
            return "claim", panes.claim_id
        if panes.event_id:
            return "event", panes.event_id
        return None

    def on_descendant_focus(self, _event: events.DescendantFocus) -> None:
        self.update_bindings()  # the keys that apply follow the focused pane

    def apply_form(self, edit: Edit | None) -> None:
        """Apply what a form dismissed with (None: cancelled, nothing changes) and say so."""
        if edit is not None and self.edit(edit):
            what = FORM_DONE.get(edit.name, "{} saved")
            self.notify(f"{what.format(sanitize_line(edit.focus))} (u to undo)", markup=False)

    # --- e, +, E: the forms -----------------------------------------------------------------

    def action_edit_record(self) -> None:
        record, timeline = self.record(), self.session.timeline
        if record is None:
            return
        kind, record_id = record
        event = timeline.event(record_id) if kind == "event" else None
        if event is not None:
            self.app.push_screen(EventForm.editing(timeline, event), self.apply_form)
            return
        claim = timeline.claim(record_id)
        if claim is not None:
            self.app.push_screen(ClaimForm.editing(timeline, claim), self.apply_form)

    def open_claim_form(self, draft: Claim) -> None:
        """The claim form for a new claim starting from `draft` (with or without passage)."""
        self.app.push_screen(ClaimForm.adding(self.session.timeline, draft), self.apply_form)

    def open_event_form(self, draft: Event, published: str = "") -> None:
        """The event form for a new event starting from `draft` (with or without passage)."""
        form = EventForm.adding(self.session.timeline, draft, published)
        self.app.push_screen(form, self.apply_form)

    def action_new_claim(self) -> None:
        """`+`: a claim on the selected event, in the form before it is added: drafted from
        the source view's selection (anchored to exactly those words, kind and claimant
        guessed), else with no passage (a claim heard elsewhere)."""
        event = self.panes.event_id or ""
        selected = self.panes.source_selection()
        if selected is None:
            self.open_claim_form(Claim(id=NEW_ID, event=event, kind="statement"))
            return
        span = (selected.text, selected.source_id, selected.start, selected.end)
        try:
            draft = curation.draft_claim(self.session.timeline, *span, event=event)
        except curation.EditError as error:
            self.refuse("Cannot add a claim", error)
            return
        self.open_claim_form(draft)

    def action_new_event(self) -> None:
        """`E`: an event in the form, drafted from the source view's selection (title, date
        read against the source's date, actors guessed) or blank; the form shows the date's
        EDTF value and reading before it is added."""
        selected = self.panes.source_selection()
        if selected is None:
            self.open_event_form(Event(id=NEW_ID))
            return
        timeline = self.session.timeline
        span = (selected.text, selected.source_id, selected.start, selected.end)
        try:
            draft = curation.draft_event(timeline, *span)
        except curation.EditError as error:
            self.refuse("Cannot add an event", error)
            return
        source = timeline.source(selected.source_id)
        self.open_event_form(draft, source.published if source is not None else "")

    def refuse(self, title: str, error: curation.EditError) -> None:
        """Why a selection cannot become a record (nothing opens, nothing changes)."""
        self.notify(sanitize(error.reason), title=title, severity="error", markup=False)

    # --- d: delete ------------------------------------------------------------------------

    def action_delete_record(self) -> None:
        record = self.record()
        if record is None:
            return
        kind, record_id = record
        if kind == "evidence":
            self.delete_evidence(record_id)
        elif kind == "event":
            self.delete_event(record_id)
        else:
            claim = self.session.timeline.claim(record_id)
            words = f": “{named(claim.text)}”" if claim is not None and claim.text else ""
            self.confirm(
                f"Delete claim {sanitize_line(record_id)}{words}?",
                Edit.of(curation.delete_claim, record_id, structural=True),
                f"Deleted claim {sanitize_line(record_id)}",
            )

    def confirm(self, question: str, edit: Edit, done: str, evidence_row: int = 0) -> None:
        """Ask; on `y` apply the edit and say what went and how to bring it back."""

        def answered(answer: str | None) -> None:
            if answer == "delete" and self.edit(edit, evidence_row):
                self.notify(f"{done} (u to undo)", markup=False)

        self.app.push_screen(Choice(question, CONFIRM), answered)

    def delete_evidence(self, claim_id: str) -> None:
        claim, row = self.panes.claim, self.panes.evidence_index()
        if claim is None or row is None:
            return
        url = claim.evidence[row].url
        self.confirm(
            f"Delete evidence {named(url, 200)} from claim {sanitize_line(claim_id)}?",
            Edit.of(curation.delete_evidence, claim_id, url, focus=claim_id),
            f"Deleted evidence {named(url, 200)}",
            evidence_row=max(0, row - 1),
        )

    def delete_event(self, event_id: str) -> None:
        timeline = self.session.timeline
        event = timeline.event(event_id)
        if event is None:
            return
        title = f"event {sanitize_line(event_id)} “{named(event.title)}”"
        count = len(timeline.claims_of(event_id))
        if not count:
            edit = Edit.of(curation.delete_event, event_id, structural=True)
            self.confirm(f"Delete {title}?", edit, f"Deleted {title}")
            return
        claims = f"{count} claim{'s' * (count != 1)}"

        def answered(answer: str | None) -> None:
            if answer == "delete":
                edit = Edit.of(curation.delete_event, event_id, "delete", structural=True)
                if self.edit(edit):
                    self.notify(f"Deleted {title} and its {claims} (u to undo)", markup=False)
            elif answer == "move":
                self.app.push_screen(
                    EventPicker(timeline, f"Move its {claims} to which event?", event_id),
                    moved_to,
                )

        def moved_to(target: str | None) -> None:
            if target is None:
                return
            edit = Edit.of(curation.delete_event, event_id, "move", target or None,
                           structural=True)  # fmt: skip
            if self.edit(edit):
                where = f"event {sanitize_line(target)}" if target else "no event"
                self.notify(f"Deleted {title}; its {claims} moved to {where} (u to undo)",
                            markup=False)  # fmt: skip

        self.app.push_screen(
            Choice(
                f"Delete {title}? It has {claims}: move them to another event, or delete them too?",
                EVENT_WITH_CLAIMS,
            ),
            answered,
        )

    # --- m: move --------------------------------------------------------------------------

    def action_move_claim(self) -> None:
        claim = self.panes.claim
        if claim is None:
            return
        claim_id = claim.id

        def picked(target: str | None) -> None:
            if target is None:
                return
            edit = Edit.of(curation.move_claim, claim_id, target, focus=claim_id,
                           structural=True)  # fmt: skip
            if self.edit(edit):
                where = f"event {sanitize_line(target)}" if target else "no event"
                self.notify(f"Moved claim {sanitize_line(claim_id)} to {where} (u to undo)",
                            markup=False)  # fmt: skip

        question = f"Move claim {sanitize_line(claim_id)} to which event?"
        self.app.push_screen(EventPicker(self.session.timeline, question, claim.event), picked)

    # --- enter / y on evidence ------------------------------------------------------------

    def selected_url(self) -> str | None:
        claim, row = self.panes.claim, self.panes.evidence_index()
        return None if claim is None or row is None else claim.evidence[row].url

    def action_open_evidence(self) -> None:
        url = self.selected_url()
        if url is not None:
            self.open_in_browser(url)

    @work(thread=True, group="browser", exit_on_error=False)
    def open_in_browser(self, url: str) -> None:
        """Ask the system's browser to open the link (it may take seconds to answer)."""
        try:
            browser = webbrowser.get()
            opened = not terminal_browser(browser) and browser.open(url)
        except webbrowser.Error:
            opened = False
        shown = named(url, 200)
        if opened:
            self.app.call_from_thread(self.notify, f"Opened {shown} in the browser",
                                      markup=False)  # fmt: skip
        else:
            self.app.call_from_thread(
                self.notify,
                f"No web browser can be opened here (over SSH, or without a desktop): "
                f"press y to copy {shown}",
                severity="warning",
                markup=False,
            )

    def action_copy_evidence(self) -> None:
        url = self.selected_url()
        if url is not None:
            self.app.copy_to_clipboard(url)
            self.notify(f"Copied {named(url, 200)}", markup=False)
