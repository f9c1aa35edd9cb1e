"""The explorer's main screen: a thin view over a `ReviewSession` (docs/ARCHITECTURE.md section 4).

The session holds the review (timeline, undo/redo, the file); `ReviewPanes` shows it and
holds the selection; the keys come from `keys.MAIN_KEYS`; `SessionScreen` does the file's
dialogue (save, merge, reload, quit) with its disk work in worker threads. An action here
builds a named edit (`factcheck.session`) and hands it to `edit`.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import attrs
from textual.app import ComposeResult
from textual.widgets import Footer

from factcheck import dates, store
from factcheck.model import STATUSES, Evidence
from factcheck.session import (
    Edit,
    Step,
    add_evidence,
    remove_evidence,
    set_status,
    set_verdict,
)
from factcheck.text import sanitize_line
from factcheck.tui import identity, keys
from factcheck.tui.commands import ExplorerCommands, PaletteEntry
from factcheck.tui.screens.attach_match import AttachMatch
from factcheck.tui.screens.conflicts import ConflictsScreen
from factcheck.tui.screens.evidence_form import EvidenceForm
from factcheck.tui.screens.find_screen import FindScreen
from factcheck.tui.screens.help import HelpScreen
from factcheck.tui.screens.history import HistoryScreen
from factcheck.tui.screens.session_screen import conflict_count
from factcheck.tui.screens.status_picker import StatusPicker
from factcheck.tui.screens.verdict_editor import VerdictEditor
from factcheck.tui.widgets.checked_before import CheckedBefore
from factcheck.tui.widgets.file_header import FileHeader
from factcheck.tui.widgets.review_panes import ReviewPanes
from factcheck.tui.widgets.timeline_list import TimelineList

if TYPE_CHECKING:
    from factcheck.library import Match  # the library loads on first use, not at start


class MainScreen(FindScreen):
    COMMANDS = {ExplorerCommands}
    BINDINGS = keys.bindings()  # type: ignore[assignment]  # list[Binding] is narrower
    GATES = keys.gates()

    def __init__(self, loaded: store.Loaded) -> None:
        super().__init__(loaded)
        self._reviewer: str | None = None
        self._enabled: tuple[bool | None, ...] = ()

    def compose(self) -> ComposeResult:
        yield FileHeader()
        panes = ReviewPanes(self.session, id="body")
        yield panes
        yield CheckedBefore(self.attach_match, panes.claims_after, id="checked-before")
        yield Footer(compact=True)

    @property
    def panes(self) -> ReviewPanes:
        return self.query_one(ReviewPanes)

    def on_mount(self) -> None:
        self.panes.build_rows()
        self.update_header()
        self.query_one("#timeline", TimelineList).focus()
        self.set_interval(self.POLL_SECONDS, self.poll_disk)
        if self.session.timeline.conflicts:
            self.notify(
                f"{conflict_count(self.session.timeline)} from a merge: press c to resolve them.",
                severity="warning",
                timeout=10,
                markup=False,
            )

    # --- what the key gates read (keys.ReviewView) -------------------------------------

    @property
    def claim_id(self) -> str | None:
        return self.panes.claim_id

    @property
    def has_rows(self) -> bool:
        return bool(self.panes.rows)

    def evidence_index(self) -> int | None:
        return self.panes.evidence_index()

    @property
    def status_filter(self) -> str:
        return self.panes.status_filter

    def can_step(self, delta: int) -> bool:
        return self.panes.can_step(delta)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Grey out keys that cannot apply now (the gates of the key table)."""
        gate = self.GATES.get(action)
        if gate is None or not self.is_mounted:
            return True
        return True if gate(self) else None

    def update_bindings(self) -> None:
        """Refresh the footer only when a key's availability changed (it recomposes)."""
        enabled = tuple(self.check_action(action, ()) for action in self.GATES)
        if enabled != self._enabled:
            self._enabled = enabled
            self.refresh_bindings()

    def on_review_panes_selection_changed(self, _message: ReviewPanes.SelectionChanged) -> None:
        self.update_bindings()
        self.query_one(CheckedBefore).follow(self.panes.claim)

    def update_header(self) -> None:
        session = self.session
        self.title = sanitize_line(session.path.name)
        parts = []
        if session.dirty:
            parts.append("● unsaved")
        if session.changed_on_disk:
            parts.append("changed on disk")
        parts.append(f"{session.timeline.reviewed_count}/{len(session.timeline.claims)} reviewed")
        if session.timeline.conflicts:
            parts.append(conflict_count(session.timeline))
        if self.panes.status_filter:  # the reviewed count above is the file's; this says what shows
            parts.append(f"filter: {self.panes.status_filter} ({self.panes.shown_count} shown)")
        self.sub_title = " · ".join(parts)

    def reviewer(self) -> str:
        if self._reviewer is None:
            self._reviewer = identity.reviewer()
        return self._reviewer

    # --- editing -----------------------------------------------------------------------

    def redraw(self, focus: str, structural: bool, evidence_row: int = 0) -> None:
        if structural:
            self.panes.reindex(focus)
        elif focus in self.session.timeline.claim_index:
            self.panes.refresh_claim(focus, evidence_row)
        self.update_header()
        self.update_bindings()

    def action_next_event(self) -> None:
        skipped = self.panes.step_to_open()
        if skipped:
            self.notify(f"Skipped {skipped} fully reviewed event{'s' * (skipped > 1)}.",
                        markup=False)  # fmt: skip

    def action_previous_event(self) -> None:
        self.panes.step(-1)

    def action_next_claim(self) -> None:
        if not self.panes.step_claim(1):
            self.notify("This is the last claim.", markup=False)

    def action_previous_claim(self) -> None:
        if not self.panes.step_claim(-1):
            self.notify("This is the first claim.", markup=False)

    def action_next_unverified(self) -> None:
        """`}`: the next claim still unverified, wrapping round; says when none is left."""
        claim, wrapped = self.panes.next_with_status("unverified")
        if claim is None:
            current = self.panes.claim
            last = current is not None and current.status == "unverified"
            self.notify("This is the last unverified claim." if last
                        else "No claim is unverified.", markup=False)  # fmt: skip
            return
        self.panes.jump("claim", claim.id)
        self.update_header()
        if wrapped:
            self.notify("Back to the first unverified claim (wrapped round).", markup=False)

    def action_set_status(self) -> None:
        claim = self.panes.claim
        if claim is None:
            return
        claim_id = claim.id  # the claim of the key press, whatever is selected when it closes

        def chosen(status: str | None) -> None:
            if status:
                self.rate(claim_id, status)

        title = f"Status of {sanitize_line(claim.id)}"
        self.app.push_screen(StatusPicker(claim.status, title, quote=claim.text), chosen)

    def action_rate(self, position: int) -> None:
        """A digit: the selected claim's status, the scale's `position`th, in one key."""
        if self.panes.claim_id is not None:
            self.rate(self.panes.claim_id, STATUSES[position])

    def rate(self, claim_id: str, status: str) -> None:
        """Set a claim's status (stamped with the reviewer and the day), with a toast."""
        claim = self.session.timeline.claim(claim_id)
        if claim is None:
            return
        if status == claim.status:
            self.notify(f"{sanitize_line(claim_id)} is already {status}.", markup=False)
            return
        edit = Edit.of(set_status, claim_id, status, self.reviewer(), identity.today(),
                       focus=claim_id)  # fmt: skip
        if self.edit(edit):
            self.notify(f"{sanitize_line(claim_id)}: {status} (u to undo)", markup=False)

    def action_add_evidence(self) -> None:
        claim = self.panes.claim
        if claim is None:
            return
        claim_id = claim.id

        def added(evidence: Evidence | None) -> None:
            current = self.session.timeline.claim(claim_id)
            if evidence is not None and current is not None:
                edit = Edit.of(add_evidence, claim_id, evidence, focus=claim_id)
                self.edit(edit, evidence_row=len(current.evidence))

        self.app.push_screen(EvidenceForm(identity.today(), claim_id, claim.text), added)

    def action_remove_evidence(self) -> None:
        claim, row = self.panes.claim, self.panes.evidence_index()
        if claim is None or row is None:
            return
        removed = claim.evidence[row]
        if self.edit(Edit.of(remove_evidence, claim.id, row, focus=claim.id), max(0, row - 1)):
            self.notify(f"Removed evidence {sanitize_line(removed.url)} (u to undo)", markup=False)

    def action_edit_verdict(self) -> None:
        claim = self.panes.claim
        if claim is None:
            return
        claim_id = claim.id

        def edited(verdict: str | None) -> None:
            current = self.session.timeline.claim(claim_id)
            if verdict is None or current is None or verdict == current.verdict:
                return
            if self.edit(Edit.of(set_verdict, claim_id, verdict, focus=claim_id)):
                what = "verdict cleared" if not verdict else "verdict saved"
                self.notify(f"{sanitize_line(claim_id)}: {what} (u to undo)", markup=False)

        self.app.push_screen(VerdictEditor(claim.text, claim.verdict), edited)

    def action_undo(self) -> None:
        self._travel(self.session.undo(), "undo")

    def action_redo(self) -> None:
        self._travel(self.session.redo(), "redo")

    def _travel(self, step: Step | None, what: str) -> None:
        if step is None:
            self.notify(f"Nothing to {what}", markup=False)
        else:
            self.redraw(step.focus, step.structural)

    # --- merge conflicts (resolved in a worker) ----------------------------------------

    def action_conflicts(self) -> None:
        if not self.session.timeline.conflicts:
            self.notify("No merge conflicts.", markup=False)
            return

        def closed(record: str | None) -> None:
            self.conflicts_screen = None
            if record is not None:
                self.panes.select_record(record)

        self.conflicts_screen = ConflictsScreen(
            lambda: self.session.timeline.conflicts, self.resolve_conflict
        )
        self.app.push_screen(self.conflicts_screen, closed)

    # --- other views -------------------------------------------------------------------

    def action_toggle_source(self) -> None:
        self.panes.toggle_source()

    def action_history(self) -> None:
        if self.panes.claim_id is not None:
            self.app.push_screen(HistoryScreen(self.session.path, self.panes.claim_id))

    # --- checked before: the library's matches for the selected claim -------------------

    def action_checked_before(self) -> None:
        self.query_one(CheckedBefore).toggle(self.panes.claim)

    def on_checked_before_closed(self, _message: CheckedBefore.Closed) -> None:
        self.query_one("#timeline", TimelineList).focus()

    def attach_match(self, claim_id: str, match: Match) -> None:
        """A match picked in "Checked before": confirm its stance, then attach it."""
        from factcheck.library import LibraryError, match_to_evidence

        claim = self.panes.claim
        if claim is None or claim.id != claim_id:
            self.notify("The selection moved: pick the match again.", markup=False)
            return
        try:
            evidence = match_to_evidence(match)
        except LibraryError as error:
            self.notify(sanitize_line(str(error)), severity="warning", markup=False)
            return
        evidence = attrs.evolve(evidence, accessed=identity.today())

        def confirmed(chosen: Evidence | None) -> None:
            current = self.panes.claim
            if chosen is not None and current is not None and current.id == claim_id:
                edit = Edit.of(add_evidence, current.id, chosen, focus=current.id)
                self.edit(edit, evidence_row=len(current.evidence))

        self.app.push_screen(AttachMatch(evidence, claim.id, match.rating), confirmed)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())

    # --- command palette ---------------------------------------------------------------

    def palette_commands(self) -> list[PaletteEntry]:
        entries: list[PaletteEntry] = [
            (text, partial(self.run_action, action), True)
            for text, action in keys.palette_entries()
        ]
        for event in self.session.timeline.events:
            text = f"Jump to event: {dates.display(event.date)} {event.title or event.id}"
            entries.append((text, partial(self.panes.jump, "event", event.id), False))
        return entries
