"""The explorer's main screen: a thin view over a `ReviewSession` (DESIGN section 3).

The session holds the review (timeline, undo/redo, the file); `ReviewPanes` shows it and
holds the selection; the keys come from `keys.MAIN_KEYS`. Disk work — the poll, saving,
merging with the file on disk, resolving a conflict — runs in worker threads and comes back
as messages, so its cost on a big file never freezes a key press; a worker that fails is
reported by the app's one handler.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header
from textual.worker import Worker, WorkerState

from factcheck import dates, store
from factcheck.model import Evidence, Timeline
from factcheck.session import (
    ChangedOnDisk,
    DiskCheck,
    Edit,
    EditError,
    Merged,
    MergeFailed,
    ReviewSession,
    Saved,
    SaveResult,
    Step,
    add_evidence,
    remove_evidence,
    resolve_edit,
    set_status,
    set_verdict,
)
from factcheck.text import sanitize, sanitize_line
from factcheck.tui import identity, keys
from factcheck.tui.commands import ExplorerCommands, PaletteEntry
from factcheck.tui.messages import OpenFile
from factcheck.tui.screens.choice import Choice
from factcheck.tui.screens.conflicts import ConflictsScreen
from factcheck.tui.screens.evidence_form import EvidenceForm
from factcheck.tui.screens.help import HelpScreen
from factcheck.tui.screens.history import HistoryScreen
from factcheck.tui.screens.save_as import SaveAs
from factcheck.tui.screens.search import SearchScreen
from factcheck.tui.screens.status_picker import StatusPicker
from factcheck.tui.screens.verdict_editor import VerdictEditor
from factcheck.tui.widgets.review_panes import ReviewPanes
from factcheck.tui.widgets.timeline_list import TimelineList

#: Seconds between checks of the file on disk (a stat; a bounded read only when it changed).
POLL_SECONDS = 2.0


class DiskChecked(Message):
    def __init__(self, check: DiskCheck) -> None:
        super().__init__()
        self.check = check


class SaveDone(Message):
    def __init__(self, result: SaveResult) -> None:
        super().__init__()
        self.result = result


class MergeDone(Message):
    def __init__(self, result: Merged | MergeFailed) -> None:
        super().__init__()
        self.result = result


class ConflictResolved(Message):
    def __init__(self, edit: Edit | None, error: str = "") -> None:
        super().__init__()
        self.edit = edit
        self.error = error


#: The answers when the file changed on disk since it was loaded or saved.
CHANGED_ANSWERS = [
    ("m", "Merge", "merge"),
    ("r", "Reload", "reload"),
    ("k", "Keep editing", "keep"),
    ("a", "Save as…", "save-as"),
]


def conflict_count(timeline: Timeline) -> str:
    count = len(timeline.conflicts)
    return f"{count} conflict{'s' if count != 1 else ''}"


class MainScreen(Screen[None]):
    COMMANDS = {ExplorerCommands}
    BINDINGS = keys.bindings()  # type: ignore[assignment]  # list[Binding] is narrower
    GATES = keys.gates()

    def __init__(self, loaded: store.Loaded) -> None:
        super().__init__()
        self.session = ReviewSession.from_loaded(loaded)
        self.busy: Worker[None] | None = None  # the save, merge or resolution running
        self.quit_after_save = False
        self.conflicts_screen: ConflictsScreen | None = None
        self._reviewer: str | None = None
        self._enabled: tuple[bool | None, ...] = ()

    def compose(self) -> ComposeResult:
        yield Header()
        yield ReviewPanes(self.session, id="body")
        yield Footer(compact=True)

    @property
    def panes(self) -> ReviewPanes:
        return self.query_one(ReviewPanes)

    def on_mount(self) -> None:
        self.panes.build_rows()
        self.update_header()
        self.query_one("#timeline", TimelineList).focus()
        self.set_interval(POLL_SECONDS, self.poll_disk)
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
        if self.panes.status_filter:
            parts.append(f"filter: {self.panes.status_filter}")
        self.sub_title = " · ".join(parts)

    def reviewer(self) -> str:
        if self._reviewer is None:
            self._reviewer = identity.reviewer()
        return self._reviewer

    # --- editing -----------------------------------------------------------------------

    def edit(self, edit: Edit, evidence_row: int = 0) -> bool:
        """Apply one undoable edit and redraw what it touched; False if it did not apply."""
        try:
            self.session.apply(edit)
        except EditError as error:
            self.notify(sanitize(str(error)), title="Cannot edit", severity="error", markup=False)
            return False
        self.redraw(edit.focus, edit.structural, evidence_row)
        return True

    def redraw(self, focus: str, structural: bool, evidence_row: int = 0) -> None:
        if structural:
            self.panes.reindex(focus)
        elif focus in self.session.timeline.claim_index:
            self.panes.refresh_claim(focus, evidence_row)
        self.update_header()
        self.update_bindings()

    def action_next_event(self) -> None:
        self.panes.step(1)

    def action_previous_event(self) -> None:
        self.panes.step(-1)

    def action_set_status(self) -> None:
        claim = self.panes.claim
        if claim is None:
            return

        def chosen(status: str | None) -> None:
            current = self.panes.claim
            if status and current is not None and status != current.status:
                day = identity.today()
                self.edit(Edit.of(set_status, current.id, status, self.reviewer(), day,
                                  focus=current.id))  # fmt: skip

        self.app.push_screen(
            StatusPicker(claim.status, f"Status of {sanitize_line(claim.id)}"), chosen
        )

    def action_add_evidence(self) -> None:
        if self.panes.claim is None:
            return

        def added(evidence: Evidence | None) -> None:
            current = self.panes.claim
            if evidence is not None and current is not None:
                edit = Edit.of(add_evidence, current.id, evidence, focus=current.id)
                self.edit(edit, evidence_row=len(current.evidence))

        self.app.push_screen(EvidenceForm(identity.today()), added)

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

        def edited(verdict: str | None) -> None:
            current = self.panes.claim
            if verdict is not None and current is not None and verdict != current.verdict:
                self.edit(Edit.of(set_verdict, current.id, verdict, focus=current.id))

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

    def resolve_conflict(self, index: int, choice: str) -> None:
        if self.busy is None:
            self.busy = self.resolve_in_background(index, choice)
        elif self.conflicts_screen is not None:
            self.conflicts_screen.resolved("still busy with the file; try again in a moment")

    @work(thread=True, exclusive=True, group="resolve", exit_on_error=False)
    def resolve_in_background(self, index: int, choice: str) -> None:
        base = self.session.timeline
        edit = resolve_edit(base, index, choice)
        try:
            self.post_message(ConflictResolved(edit.computed(base, edit.change(base))))
        except EditError as error:
            self.post_message(ConflictResolved(None, str(error)))

    def on_conflict_resolved(self, message: ConflictResolved) -> None:
        error = message.error
        if message.edit is not None and not self.edit(message.edit):
            error = "the timeline changed meanwhile; try again"
        if self.conflicts_screen is not None:
            self.conflicts_screen.resolved(error or None)

    # --- other views -------------------------------------------------------------------

    def action_search(self) -> None:
        def found(result: tuple[str, str] | None) -> None:
            if result is not None:
                self.panes.jump(*result)
                self.update_header()

        self.app.push_screen(SearchScreen(self.session.timeline), found)

    def action_filter(self) -> None:
        def chosen(status: str | None) -> None:
            if status is not None and status != self.panes.status_filter:
                self.panes.set_filter(status)
                self.update_header()

        self.app.push_screen(
            StatusPicker(self.panes.status_filter, "Show claims with status", allow_all=True),
            chosen,
        )

    def action_toggle_source(self) -> None:
        self.panes.toggle_source()

    def action_history(self) -> None:
        if self.panes.claim_id is not None:
            self.app.push_screen(HistoryScreen(self.session.path, self.panes.claim_id))

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())

    def action_quit(self) -> None:
        if not self.session.dirty:
            self.app.exit()
            return

        def answered(answer: str | None) -> None:
            if answer == "quit":
                self.app.exit()
            elif answer == "save":
                self.save(then_quit=True)

        self.app.push_screen(
            Choice(
                f"{self.session.path.name} has unsaved changes.",
                [("s", "Save and quit", "save"), ("y", "Quit without saving", "quit")],
            ),
            answered,
        )

    # --- saving and the file on disk (workers) ------------------------------------------

    def action_save(self) -> None:
        self.save()

    def save(self, path: Path | None = None, then_quit: bool = False) -> None:
        """Save (to `path`: save as) in a worker; `SaveDone` says how it went."""
        if self.busy is not None:
            self.notify("Still busy with the file; try again in a moment.", markup=False)
            return
        self.quit_after_save = then_quit
        self.busy = self.write_in_background(path)

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def write_in_background(self, path: Path | None) -> None:
        self.post_message(SaveDone(self.session.write(path)))

    def on_save_done(self, message: SaveDone) -> None:
        result, then_quit = message.result, self.quit_after_save
        self.quit_after_save = False
        saved_as = result.path != self.session.path
        self.session.commit(result)
        self.update_header()
        self.update_bindings()
        if isinstance(result, Saved):
            name = str(result.path) if saved_as else result.path.name
            self.notify(f"Saved{' as' * saved_as} {sanitize_line(name)}", markup=False)
            if then_quit:
                self.app.exit()
        elif isinstance(result, ChangedOnDisk):
            self.app.push_screen(
                Choice(
                    f"{result.path.name} changed on disk since it was loaded (another reviewer, "
                    "git or an editor). Nothing was written. Merge combines their edits with "
                    "yours, record by record; reload drops yours (it asks first).",
                    CHANGED_ANSWERS,
                ),
                self.changed_answer,
            )
        else:  # disk full, read-only folder...: the edits stay, and can go to another file
            text = f"{sanitize(result.message)}\nYour edits are kept."
            self.notify(text, severity="error", timeout=10, markup=False)
            answers = [("a", "Save as a new file", "save-as"), ("k", "Keep editing", "keep")]
            self.app.push_screen(Choice(text, answers), self.changed_answer)

    def changed_answer(self, answer: str | None) -> None:
        if answer == "reload":
            self.reload()
        elif answer == "merge" and self.busy is None:
            self.busy = self.merge_in_background()
        elif answer == "save-as":
            suggestion = self.session.path.with_suffix(".mine.toml")
            self.app.push_screen(SaveAs(suggestion), self.save_as)

    def save_as(self, path: Path | None) -> None:
        if path is not None:
            self.save(path)

    def reload(self) -> None:
        def confirmed(answer: str | None) -> None:
            if answer == "reload":
                self.app.post_message(OpenFile(self.session.path, replace=True))

        if not self.session.dirty:
            confirmed("reload")
            return
        edits = len(self.session.undo_stack)
        self.app.push_screen(
            Choice(
                f"Reloading drops your {edits} unsaved edit(s). Reload anyway?",
                [("y", "Drop my edits and reload", "reload")],
            ),
            confirmed,
        )

    @work(thread=True, exclusive=True, group="merge", exit_on_error=False)
    def merge_in_background(self) -> None:
        self.post_message(MergeDone(self.session.merge_with_disk()))

    def on_merge_done(self, message: MergeDone) -> None:
        result, name = message.result, sanitize_line(self.session.path.name)
        if isinstance(result, MergeFailed):
            details = "\n".join(sanitize_line(problem) for problem in result.problems[:5])
            self.notify(f"Cannot merge: {details}\nYour edits are kept.",
                        severity="error", timeout=15, markup=False)  # fmt: skip
            return
        if not self.session.accept_merge(result, self.panes.claim_id or ""):
            self.busy = self.merge_in_background()  # edited meanwhile: merge those too
            return
        self.redraw(self.panes.claim_id or "", structural=True)
        if result.timeline.conflicts:
            count = conflict_count(result.timeline)
            self.notify(f"Merged with {name}: {count} to resolve. Save when done.",
                        severity="warning", markup=False)  # fmt: skip
            self.action_conflicts()
        else:
            self.notify(f"Merged with {name}; nothing conflicts. "
                        "Save to write it (u undoes the merge).", markup=False)  # fmt: skip

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Disk work ended (done, failed or cancelled): the next may start. A failure is
        reported by the app's handler, where the message bubbles on."""
        if event.worker is self.busy and event.state in (
            WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED
        ):  # fmt: skip
            self.busy = None

    def poll_disk(self) -> None:
        """Notice a change on disk (skipped while a save or merge is changing the file)."""
        if self.busy is None:
            self.check_disk_in_background()

    @work(thread=True, exclusive=True, group="poll", exit_on_error=False)
    def check_disk_in_background(self) -> None:
        self.post_message(DiskChecked(self.session.check_disk()))

    def on_disk_checked(self, message: DiskChecked) -> None:
        if self.busy is not None or not self.session.note_disk(message.check):
            return
        self.update_header()
        why = f" ({message.check.problem})" if message.check.problem else ""
        self.notify(
            f"{sanitize_line(self.session.path.name)} changed on disk{sanitize_line(why)}. "
            "Your edits are kept; saving will offer merge, reload or save as.",
            severity="warning",
            timeout=10,
            markup=False,
        )

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
