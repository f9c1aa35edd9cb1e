"""The explorer's main screen: timeline, event, claims, claim, evidence and source panes.

The screen holds the review session: the current Timeline value, the one on disk (loaded,
last saved, or merged from), and undo/redo stacks of earlier values (edits are
`attrs.evolve`, so each entry shares almost everything with its neighbours). A key press
touches only the rows it changes: edits replace a claim in place, so the claim positions and
the event -> claims grouping stay valid. Resolving a merge conflict or merging with the file
on disk may add, drop or reorder records: those edits are "structural" and rebuild the
positions and rows (rare, explicit actions).
"""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path

import attrs
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList

from factcheck import dates, store
from factcheck.model import Claim, Event, Evidence, Timeline
from factcheck.review import merge
from factcheck.text import sanitize, sanitize_line
from factcheck.tui import identity
from factcheck.tui.commands import ExplorerCommands, PaletteEntry
from factcheck.tui.screens.choice import Choice
from factcheck.tui.screens.conflicts import ConflictsScreen
from factcheck.tui.screens.evidence_form import EvidenceForm
from factcheck.tui.screens.help import HelpScreen
from factcheck.tui.screens.history import HistoryScreen
from factcheck.tui.screens.save_as import SaveAs
from factcheck.tui.screens.search import SearchScreen
from factcheck.tui.screens.status_picker import StatusPicker
from factcheck.tui.screens.verdict_editor import VerdictEditor
from factcheck.tui.widgets.claim_detail import ClaimDetail
from factcheck.tui.widgets.claim_list import ClaimList, claim_prompt
from factcheck.tui.widgets.event_detail import EventDetail
from factcheck.tui.widgets.evidence_list import EvidenceList, evidence_prompt
from factcheck.tui.widgets.source_view import SourceView
from factcheck.tui.widgets.timeline_list import TimelineList, event_prompt

#: Undo entries kept (each holds a Timeline value; the claims tuple is copied per edit).
UNDO_LIMIT = 200
#: Seconds between checks of the file on disk (a stat; hashing only when the stat changed).
POLL_SECONDS = 2.0
#: Row key of the claims that belong to no event.
NO_EVENT = ""


@attrs.frozen
class DiskState:
    """What the screen knows of the file: its fingerprint and the timeline it holds."""

    fingerprint: store.Fingerprint
    saved: Timeline
    changed: bool


@attrs.frozen
class Edit:
    """An undo/redo entry: the timeline before the edit and the claim it touched.

    `structural`: records were added, dropped or moved (rows are rebuilt on travel).
    `disk`: a merge with the file on disk; undoing it puts back what was known of the file
    before, so a save after the undo is refused again instead of overwriting their edits.
    """

    timeline: Timeline
    claim_id: str
    structural: bool = False
    disk: DiskState | None = None


class MainScreen(Screen[None]):
    COMMANDS = {ExplorerCommands}

    BINDINGS = [
        Binding("n", "next_event", "Next"),
        Binding("p", "previous_event", "Prev", show=False),
        Binding("s", "set_status", "Status"),
        Binding("a", "add_evidence", "Add ev."),
        Binding("x", "remove_evidence", "Del ev.", show=False),
        Binding("v", "edit_verdict", "Verdict"),
        Binding("u,ctrl+z", "undo", "Undo"),
        Binding("ctrl+y", "redo", "Redo", show=False),
        Binding("slash", "search", "Search", key_display="/"),
        Binding("f", "filter", "Filter"),
        Binding("o", "toggle_source", "Source"),
        Binding("h", "history", "Hist."),
        Binding("c", "conflicts", "Confl."),
        Binding("ctrl+s", "save", "Save"),
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Help", key_display="?"),
    ]

    def __init__(self, loaded: store.Loaded) -> None:
        super().__init__()
        self.path = loaded.path
        self.fingerprint = loaded.fingerprint
        self.timeline = loaded.timeline
        self.saved = loaded.timeline
        self.undo_stack: list[Edit] = []
        self.redo_stack: list[Edit] = []
        self.status_filter = ""
        self.changed_on_disk = False
        self.rows: list[str] = []
        self.row_of: dict[str, int] = {}
        self.event_id: str | None = None
        self.claim_rows: list[str] = []
        self.claim_id: str | None = None
        self._reviewer: str | None = None
        self._enabled: tuple[bool | None, ...] = ()
        self._sources: dict[str, tuple[str, bool] | str] = {}

    # --- layout ---------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield TimelineList(id="timeline")
                yield SourceView(id="source")
            with Vertical(id="right"):
                yield EventDetail(id="event")
                yield ClaimList(id="claims")
                yield ClaimDetail(id="claim")
                yield EvidenceList(id="evidence")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        # Hidden before the rows select a claim: a visible view would load and wrap the whole
        # source document at startup (1.8 s for a 100,000-claim timeline's source).
        self.query_one("#source", SourceView).display = False
        self.build_rows()
        self.update_header()
        self.query_one("#timeline", TimelineList).focus()
        self.set_interval(POLL_SECONDS, self.poll_disk)
        if self.timeline.conflicts:
            self.notify(
                f"{conflict_count(self.timeline)} from a merge: press c to resolve them.",
                severity="warning",
                timeout=10,
                markup=False,
            )

    # --- derived state --------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return self.timeline is not self.saved

    @property
    def claim(self) -> Claim | None:
        if self.claim_id is None:
            return None
        return self.timeline.claims[self.timeline.claim_index[self.claim_id]]

    @property
    def reviewed(self) -> int:
        return self.timeline.reviewed_count

    def claims_of(self, event_id: str) -> list[Claim]:
        claims = [self.timeline.claims[i] for i in self.timeline.claims_by_event.get(event_id, ())]
        if self.status_filter:
            claims = [claim for claim in claims if claim.status == self.status_filter]
        return claims

    def event_of(self, event_id: str) -> Event | None:
        return self.timeline.event(event_id)

    def reviewer(self) -> str:
        if self._reviewer is None:
            self._reviewer = identity.reviewer()
        return self._reviewer

    # --- rendering ------------------------------------------------------------------

    def build_rows(self, keep: str | None = None) -> None:
        """(Re)build the timeline list: once at load and when the filter changes."""
        ids = [event.id for event in self.timeline.events]
        if NO_EVENT in self.timeline.claims_by_event:
            ids.append(NO_EVENT)
        if self.status_filter:
            ids = [event_id for event_id in ids if self.claims_of(event_id)]
        self.rows = ids
        self.row_of = {event_id: row for row, event_id in enumerate(ids)}
        self.query_one("#timeline", TimelineList).set_rows(len(ids), self.row_prompt)
        target = keep if keep in self.row_of else (ids[0] if ids else None)
        self.event_id = None
        if target is not None:
            self.select_event(target)
        else:
            self.show_nothing()

    def row_prompt(self, row: int) -> Content:
        event_id = self.rows[row]
        return event_prompt(self.event_of(event_id), self.claims_of(event_id))

    def show_nothing(self) -> None:
        self.event_id = None
        self.claim_id = None
        self.claim_rows = []
        self.query_one("#event", EventDetail).update("No events match the filter.")
        self.query_one("#claims", ClaimList).clear_options()
        self.query_one("#claim", ClaimDetail).show(None)
        self.query_one("#evidence", EvidenceList).clear_options()
        self.update_bindings()

    def select_event(self, event_id: str, claim_id: str | None = None) -> None:
        """Make an event current: every pane follows; its first claim is selected."""
        row = self.row_of.get(event_id)
        if row is None:
            return
        timeline = self.query_one("#timeline", TimelineList)
        if timeline.highlighted != row:
            timeline.highlighted = row
        self.event_id = event_id
        self.query_one("#event", EventDetail).show(self.event_of(event_id))
        claims = self.claims_of(event_id)
        self.claim_rows = [claim.id for claim in claims]
        claim_list = self.query_one("#claims", ClaimList)
        claim_list.set_options(claim_prompt(claim) for claim in claims)
        chosen = claim_id if claim_id in self.claim_rows else None
        if chosen is None and self.claim_rows:
            chosen = self.claim_rows[0]
        if chosen is not None:
            claim_list.highlighted = self.claim_rows.index(chosen)
        self.select_claim(chosen)

    def select_claim(self, claim_id: str | None, evidence_row: int = 0) -> None:
        self.claim_id = claim_id
        claim = self.claim
        self.query_one("#claim", ClaimDetail).show(claim)
        evidence = self.query_one("#evidence", EvidenceList)
        items = claim.evidence if claim is not None else ()
        evidence.set_options(evidence_prompt(item) for item in items)
        if items:
            evidence.highlighted = min(evidence_row, len(items) - 1)
        self.update_source()
        self.update_bindings()

    def refresh_claim(self, claim_id: str, evidence_row: int = 0) -> None:
        """Redraw what one changed claim affects: its event's row, its row, the details."""
        claim = self.timeline.claims[self.timeline.claim_index[claim_id]]
        row = self.row_of.get(claim.event)
        if row is not None:
            self.query_one("#timeline", TimelineList).refresh_row(row)
        if claim.event != self.event_id or claim_id not in self.claim_rows:
            self.select_event(claim.event, claim_id)
        else:
            claim_list = self.query_one("#claims", ClaimList)
            position = self.claim_rows.index(claim_id)
            claim_list.replace_option_prompt_at_index(position, claim_prompt(claim))
            if claim_list.highlighted != position:
                claim_list.highlighted = position
            self.select_claim(claim_id, evidence_row)
        self.update_header()

    def update_bindings(self) -> None:
        """Refresh the footer only when a key's availability changed (it recomposes)."""
        enabled = tuple(self.check_action(action, ()) for action in GATED_ACTIONS)
        if enabled != self._enabled:
            self._enabled = enabled
            self.refresh_bindings()

    def update_header(self) -> None:
        self.title = sanitize_line(self.path.name)
        parts = []
        if self.dirty:
            parts.append("● unsaved")
        if self.changed_on_disk:
            parts.append("changed on disk")
        parts.append(f"{self.reviewed}/{len(self.timeline.claims)} reviewed")
        if self.timeline.conflicts:
            parts.append(conflict_count(self.timeline))
        if self.status_filter:
            parts.append(f"filter: {self.status_filter}")
        self.sub_title = " · ".join(parts)

    def update_source(self) -> None:
        view = self.query_one("#source", SourceView)
        if not view.display:
            return
        claim = self.claim
        event = self.event_of(self.event_id or "")
        anchor = (claim.anchor if claim is not None else None) or (
            event.anchor if event is not None else None
        )
        source_id = anchor.source if anchor is not None else None
        if source_id is None and self.timeline.sources:
            source_id = self.timeline.sources[0].id
        source = self.timeline.source(source_id) if source_id else None
        if source is None:
            view.show_message("This timeline has no source document.")
            return
        if source.id not in self._sources:
            try:
                self._sources[source.id] = store.read_source(self.path, source)
            except store.StoreError as error:
                self._sources[source.id] = str(error)
        loaded = self._sources[source.id]
        if isinstance(loaded, str):
            view.show_message(loaded)
            return
        text, intact = loaded
        title = sanitize_line(source.title or source.id)
        if not intact:
            title += " (changed since it was anchored: sha256 differs)"
        view.show_document(text, title)
        view.call_after_refresh(view.highlight, anchor)

    # --- list events ----------------------------------------------------------------

    def on_timeline_list_highlighted(self, event: TimelineList.Highlighted) -> None:
        # Messages arrive after the key that caused them; a later key may have moved on.
        if event.index != event.timeline.highlighted:
            return
        if 0 <= event.index < len(self.rows) and self.rows[event.index] != self.event_id:
            self.select_event(self.rows[event.index])

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index != event.option_list.highlighted:
            return
        if event.option_list.id == "claims":
            if 0 <= event.option_index < len(self.claim_rows):
                claim_id = self.claim_rows[event.option_index]
                if claim_id != self.claim_id:
                    self.select_claim(claim_id)
        elif event.option_list.id == "evidence":
            self.update_bindings()

    # --- editing --------------------------------------------------------------------

    def apply(self, claim: Claim, evidence_row: int = 0) -> None:
        """Replace a claim (same id, same place) as one undoable edit."""
        self.undo_stack.append(Edit(self.timeline, claim.id))
        del self.undo_stack[:-UNDO_LIMIT]
        self.redo_stack.clear()
        self.timeline = self.timeline.replace_claim(claim)
        self.refresh_claim(claim.id, evidence_row)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Grey out keys that cannot apply now (no claim, no evidence, nothing to undo)."""
        if not self.is_mounted:
            return True
        if action in ("set_status", "add_evidence", "edit_verdict", "history"):
            return True if self.claim_id is not None else None
        if action == "remove_evidence":
            claim = self.claim
            highlighted = self.query_one("#evidence", EvidenceList).highlighted
            return (
                True if claim is not None and claim.evidence and highlighted is not None else None
            )
        if action == "undo":
            return True if self.undo_stack else None
        if action == "redo":
            return True if self.redo_stack else None
        if action in ("next_event", "previous_event"):
            return True if self.rows else None
        if action == "conflicts":
            return True if self.timeline.conflicts else None
        return True

    # --- actions --------------------------------------------------------------------

    def _step(self, delta: int) -> None:
        if not self.rows:
            return
        highlighted = self.query_one("#timeline", TimelineList).highlighted
        current = -1 if highlighted is None else highlighted
        row = max(0, min(len(self.rows) - 1, current + delta))
        if row != current:
            self.select_event(self.rows[row])

    def action_next_event(self) -> None:
        self._step(1)

    def action_previous_event(self) -> None:
        self._step(-1)

    def action_set_status(self) -> None:
        claim = self.claim
        if claim is None:
            return

        def chosen(status: str | None) -> None:
            current = self.claim
            if status and current is not None and status != current.status:
                self.apply(
                    attrs.evolve(
                        current,
                        status=status,
                        reviewed_by=self.reviewer(),
                        reviewed_on=identity.today(),
                    )
                )

        self.app.push_screen(
            StatusPicker(claim.status, f"Status of {sanitize_line(claim.id)}"), chosen
        )

    def action_add_evidence(self) -> None:
        if self.claim is None:
            return

        def added(evidence: Evidence | None) -> None:
            current = self.claim
            if evidence is not None and current is not None:
                self.apply(
                    attrs.evolve(current, evidence=(*current.evidence, evidence)),
                    evidence_row=len(current.evidence),
                )

        self.app.push_screen(EvidenceForm(identity.today()), added)

    def action_remove_evidence(self) -> None:
        claim = self.claim
        row = self.query_one("#evidence", EvidenceList).highlighted
        if claim is None or row is None or not 0 <= row < len(claim.evidence):
            return
        removed = claim.evidence[row]
        self.apply(
            attrs.evolve(claim, evidence=claim.evidence[:row] + claim.evidence[row + 1 :]),
            evidence_row=max(0, row - 1),
        )
        self.notify(f"Removed evidence {sanitize_line(removed.url)} (u to undo)", markup=False)

    def action_edit_verdict(self) -> None:
        claim = self.claim
        if claim is None:
            return

        def edited(verdict: str | None) -> None:
            current = self.claim
            if verdict is not None and current is not None and verdict != current.verdict:
                self.apply(attrs.evolve(current, verdict=verdict))

        self.app.push_screen(VerdictEditor(claim.text, claim.verdict), edited)

    def _travel(self, source: list[Edit], target: list[Edit], what: str) -> None:
        if not source:
            self.notify(f"Nothing to {what}", markup=False)
            return
        edit = source.pop()
        disk = None
        if edit.disk is not None:
            disk = self.disk_state()
            self.fingerprint = edit.disk.fingerprint
            self.saved = edit.disk.saved
            self.changed_on_disk = edit.disk.changed
        target.append(Edit(self.timeline, edit.claim_id, structural=edit.structural, disk=disk))
        self.timeline = edit.timeline
        if edit.structural:
            self.reindex(edit.claim_id)
        else:
            self.refresh_claim(edit.claim_id)

    # --- merge conflicts ------------------------------------------------------------

    def disk_state(self) -> DiskState:
        return DiskState(self.fingerprint, self.saved, self.changed_on_disk)

    def replace_timeline(
        self, timeline: Timeline, claim_id: str = "", disk: DiskState | None = None
    ) -> None:
        """Make `timeline` current as one undoable structural edit (rows rebuilt)."""
        self.undo_stack.append(Edit(self.timeline, claim_id, structural=True, disk=disk))
        del self.undo_stack[:-UNDO_LIMIT]
        self.redo_stack.clear()
        self.timeline = timeline
        self.reindex(claim_id)

    def reindex(self, claim_id: str = "") -> None:
        """Rebuild the rows after records were added, dropped or moved."""
        self._sources.clear()
        self.build_rows(keep=self.event_id)
        if claim_id in self.timeline.claim_index:
            self.jump("claim", claim_id)
        self.update_header()
        self.update_bindings()

    def select_record(self, record: str) -> None:
        """Select the claim or event a conflict names ("claims.<id>", "events.<id>")."""
        table, _, record_id = record.partition(".")
        if table == "claims" and record_id in self.timeline.claim_index:
            self.jump("claim", record_id)
        elif table == "events" and record_id in self.timeline.event_index:
            self.jump("event", record_id)

    def resolve_conflict(self, index: int, choice: str) -> str | None:
        """Settle conflict `index` with "ours" or "theirs" (undoable); the error, if any."""
        if not 0 <= index < len(self.timeline.conflicts):
            return f"there is no conflict number {index + 1}"
        record = self.timeline.conflicts[index].record
        try:
            resolved = merge.resolve(self.timeline, index, choice)
        except merge.ResolveError as error:
            return str(error)
        table, _, record_id = record.partition(".")
        self.replace_timeline(resolved, record_id if table == "claims" else "")
        return None

    def action_conflicts(self) -> None:
        if not self.timeline.conflicts:
            self.notify("No merge conflicts.", markup=False)
            return

        def closed(record: str | None) -> None:
            if record is not None:
                self.select_record(record)

        self.app.push_screen(
            ConflictsScreen(lambda: self.timeline.conflicts, self.resolve_conflict), closed
        )

    def merge_with_disk(self) -> None:
        """Merge our edits with the file as it is now, by record id (DESIGN section 5).

        base: the timeline the file held when we loaded or last saved it; ours: the edits;
        theirs: the file now. The merge is one undoable edit; a save then writes over
        their version, which the merge contains.
        """
        try:
            theirs = store.load(self.path)
        except store.LoadError as error:
            details = "\n".join(sanitize_line(str(problem)) for problem in error.problems[:5])
            self.notify(
                f"Cannot merge: the file on disk does not load.\n{details}\nYour edits are kept.",
                severity="error",
                timeout=15,
                markup=False,
            )
            return
        try:
            result = merge.merge(self.saved, self.timeline, theirs.timeline)
        except merge.MergeError as error:
            self.notify(
                f"Cannot merge: {sanitize(str(error))}\nYour edits are kept.",
                severity="error",
                timeout=15,
                markup=False,
            )
            return
        before = self.disk_state()
        self.fingerprint = theirs.fingerprint
        self.saved = theirs.timeline
        self.changed_on_disk = False
        self.replace_timeline(result.timeline, self.claim_id or "", disk=before)
        if result.timeline.conflicts:
            self.notify(
                f"Merged with {sanitize_line(self.path.name)}: "
                f"{conflict_count(result.timeline)} to resolve. Save when done.",
                severity="warning",
                markup=False,
            )
            self.action_conflicts()
        else:
            self.notify(
                f"Merged with {sanitize_line(self.path.name)}; nothing conflicts. "
                "Save to write it (u undoes the merge).",
                markup=False,
            )

    def action_undo(self) -> None:
        self._travel(self.undo_stack, self.redo_stack, "undo")

    def action_redo(self) -> None:
        self._travel(self.redo_stack, self.undo_stack, "redo")

    def jump(self, kind: str, record: str) -> None:
        """Select an event, or a claim and its event; clears a filter that hides it."""
        if kind == "claim":
            position = self.timeline.claim_index.get(record)
            if position is None:
                return
            event_id: str = self.timeline.claims[position].event
            claim_id: str | None = record
        else:
            event_id, claim_id = record, None
        hidden = event_id not in self.row_of or (
            claim_id is not None and claim_id not in [c.id for c in self.claims_of(event_id)]
        )
        if hidden and self.status_filter:
            self.status_filter = ""
            self.build_rows()
            self.update_header()
        self.select_event(event_id, claim_id)

    def action_search(self) -> None:
        def found(result: tuple[str, str] | None) -> None:
            if result is not None:
                self.jump(*result)

        self.app.push_screen(SearchScreen(self.timeline), found)

    def action_filter(self) -> None:
        def chosen(status: str | None) -> None:
            if status is None or status == self.status_filter:
                return
            self.status_filter = status
            self.build_rows(keep=self.event_id)
            self.update_header()

        self.app.push_screen(
            StatusPicker(self.status_filter, "Show claims with status", allow_all=True), chosen
        )

    def action_toggle_source(self) -> None:
        view = self.query_one("#source", SourceView)
        view.display = not view.display
        if view.display:
            self.update_source()
        elif view.has_focus:
            self.query_one("#timeline", TimelineList).focus()

    def action_history(self) -> None:
        if self.claim_id is None:
            return
        self.app.push_screen(HistoryScreen(self.path, self.claim_id))

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())

    def action_save(self) -> None:
        self.save()

    def action_quit(self) -> None:
        if not self.dirty:
            self.app.exit()
            return

        def answered(answer: str | None) -> None:
            if answer == "quit" or (answer == "save" and self.save()):
                self.app.exit()

        self.app.push_screen(
            Choice(
                f"{self.path.name} has unsaved changes.",
                [("s", "Save and quit", "save"), ("y", "Quit without saving", "quit")],
            ),
            answered,
        )

    # --- saving ---------------------------------------------------------------------

    def saved_as(self, path: Path, fingerprint: store.Fingerprint) -> None:
        self.path = path
        self.fingerprint = fingerprint
        self.saved = self.timeline
        self.changed_on_disk = False
        self.update_header()
        self.update_bindings()

    def save(self) -> bool:
        """Save unless the file changed on disk; then offer merge / reload / keep / save as."""
        try:
            fingerprint = store.save(self.path, self.timeline, self.fingerprint)
        except store.ChangedOnDiskError:
            self.changed_on_disk = True
            self.update_header()
            self.app.push_screen(
                Choice(
                    f"{self.path.name} changed on disk since it was loaded (another reviewer, "
                    "git or an editor). Nothing was written. Merge combines their edits with "
                    "yours, record by record; reload drops yours (it asks first).",
                    [
                        ("m", "Merge", "merge"),
                        ("r", "Reload", "reload"),
                        ("k", "Keep editing", "keep"),
                        ("a", "Save as…", "save-as"),
                    ],
                ),
                self.changed_answer,
            )
            return False
        except store.StoreError as error:
            # Disk full, read-only folder...: the edits stay, and can go to another file.
            message = f"{sanitize(str(error))}\nYour edits are kept."
            self.notify(message, severity="error", timeout=10, markup=False)
            self.app.push_screen(
                Choice(
                    message,
                    [("a", "Save as a new file", "save-as"), ("k", "Keep editing", "keep")],
                ),
                self.changed_answer,
            )
            return False
        self.saved_as(self.path, fingerprint)
        self.notify(f"Saved {sanitize_line(self.path.name)}", markup=False)
        return True

    def changed_answer(self, answer: str | None) -> None:
        if answer == "reload":
            self.reload()
        elif answer == "merge":
            self.merge_with_disk()
        elif answer == "save-as":
            self.app.push_screen(SaveAs(self.path.with_suffix(".mine.toml")), self.save_as)

    def reload(self) -> None:
        def confirmed(answer: str | None) -> None:
            if answer == "reload":
                open_path = getattr(self.app, "open_path", None)
                if callable(open_path):
                    open_path(self.path, replace=True)

        if not self.dirty:
            confirmed("reload")
            return
        self.app.push_screen(
            Choice(
                f"Reloading drops your {len(self.undo_stack)} unsaved edit(s). Reload anyway?",
                [("y", "Drop my edits and reload", "reload")],
            ),
            confirmed,
        )

    def save_as(self, path: Path | None) -> None:
        if path is None:
            return
        try:
            fingerprint = store.save(path, self.timeline, None)
        except store.StoreError as error:
            self.notify(
                f"{sanitize(str(error))}\nYour edits are kept.", severity="error", markup=False
            )
            return
        self.saved_as(path, fingerprint)
        self.notify(f"Saved as {sanitize_line(str(path))}", markup=False)

    def poll_disk(self) -> None:
        """Notice a change on disk: a stat each time, a hash only when the stat differs."""
        try:
            info = os.stat(self.path)
            unchanged = (info.st_size, info.st_mtime_ns) == (
                self.fingerprint.size,
                self.fingerprint.mtime_ns,
            )
        except OSError:
            unchanged = False
        if unchanged:
            return
        current = store.Fingerprint.of_file(self.path)
        if current is not None and self.fingerprint.same_content(current):
            self.fingerprint = current
            return
        if not self.changed_on_disk:
            self.changed_on_disk = True
            self.update_header()
            self.notify(
                f"{sanitize_line(self.path.name)} changed on disk. Saving will offer merge, "
                "reload or save as.",
                severity="warning",
                timeout=10,
                markup=False,
            )

    # --- command palette ------------------------------------------------------------

    def palette_commands(self) -> list[PaletteEntry]:
        entries: list[PaletteEntry] = []
        for binding in self.BINDINGS:
            if isinstance(binding, Binding) and binding.description:
                key = binding.key_display or binding.key.split(",")[0]
                action = binding.action
                label = ACTION_LABELS.get(action, binding.description)
                entries.append((f"{label} ({key})", partial(self.run_action, action), True))
        for event in self.timeline.events:
            text = f"Jump to event: {dates.display(event.date)} {event.title or event.id}"
            entries.append((text, partial(self.jump, "event", event.id), False))
        return entries


#: Actions whose availability depends on the selection or the undo stacks.
GATED_ACTIONS = (
    "set_status",
    "add_evidence",
    "edit_verdict",
    "history",
    "remove_evidence",
    "undo",
    "redo",
    "next_event",
    "previous_event",
    "conflicts",
)


def conflict_count(timeline: Timeline) -> str:
    count = len(timeline.conflicts)
    return f"{count} conflict{'s' if count != 1 else ''}"


ACTION_LABELS = {
    "next_event": "Next event",
    "previous_event": "Previous event",
    "set_status": "Set the status of the selected claim",
    "add_evidence": "Add evidence to the selected claim",
    "remove_evidence": "Remove the selected evidence",
    "edit_verdict": "Edit the verdict",
    "undo": "Undo",
    "redo": "Redo",
    "search": "Search events and claims",
    "filter": "Filter by status",
    "toggle_source": "Show or hide the source document",
    "history": "History of the selected claim",
    "conflicts": "Resolve merge conflicts",
    "save": "Save",
    "quit": "Quit",
    "help": "Help: all keys",
}
