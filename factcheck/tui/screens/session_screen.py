"""The file side of a screen over a `ReviewSession`: save, save as, merge, reload, quit.

Disk work — the poll, saving, merging with the file on disk, resolving a conflict — runs in
worker threads and comes back as messages, so its cost on a big file never freezes a key
press. One such worker runs at a time (`busy`); a worker that fails is reported by the app's
one handler. The main screen adds the panes and the review keys.
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.message import Message
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from factcheck import store
from factcheck.model import Timeline
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
    resolve_edit,
)
from factcheck.text import sanitize, sanitize_line
from factcheck.tui.messages import OpenFile
from factcheck.tui.screens.choice import Choice
from factcheck.tui.screens.conflicts import ConflictsScreen
from factcheck.tui.screens.save_as import SaveAs


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


class SessionScreen(Screen[None]):
    """A screen over one review session; subclasses draw it (`redraw`, `update_header`)."""

    #: Seconds between checks of the file on disk (a stat; a bounded read if it changed).
    POLL_SECONDS = 2.0

    def __init__(self, loaded: store.Loaded) -> None:
        super().__init__()
        self.session = ReviewSession.from_loaded(loaded)
        self.busy: Worker[None] | None = None  # the save, merge or resolution running
        self.quit_after_save = False
        self.conflicts_screen: ConflictsScreen | None = None
        self.asking_to_quit = False

    def redraw(self, focus: str, structural: bool, evidence_row: int = 0) -> None:
        """Show the session after an edit that touched claim `focus` (or every record)."""
        raise NotImplementedError

    def update_header(self) -> None:
        raise NotImplementedError

    @property
    def claim_id(self) -> str | None:
        """The selected claim (a merge keeps it selected)."""
        return None

    def update_bindings(self) -> None:
        self.refresh_bindings()

    def action_conflicts(self) -> None:
        raise NotImplementedError

    def edit(self, edit: Edit, evidence_row: int = 0) -> bool:
        """Apply one undoable edit and redraw what it touched; False if it did not apply."""
        try:
            self.session.apply(edit)
        except EditError as error:
            self.notify(sanitize(str(error)), title="Cannot edit", severity="error", markup=False)
            return False
        self.redraw(edit.focus, edit.structural, evidence_row)
        return True

    def resolve_conflict(self, index: int, choice: str) -> None:
        if self.busy is None:
            self.busy = self.resolve_in_background(index, choice)
        elif self.conflicts_screen is not None:
            self.conflicts_screen.resolved(False, "still busy with the file; try again")

    @work(thread=True, exclusive=True, group="resolve", exit_on_error=False)
    def resolve_in_background(self, index: int, choice: str) -> None:
        base = self.session.timeline
        edit = resolve_edit(base, index, choice)
        try:
            self.post_message(ConflictResolved(edit.computed(base, edit.change(base))))
        except EditError as error:
            self.post_message(ConflictResolved(None, str(error)))

    def on_conflict_resolved(self, message: ConflictResolved) -> None:
        applied = message.edit is not None and self.edit(message.edit)  # edit says why not
        if self.conflicts_screen is not None:
            self.conflicts_screen.resolved(applied, message.error)

    def action_quit(self) -> None:
        """The one way out (`q`, `ctrl+q`, the palette): asks first when there are unsaved
        changes; a second quit while it asks does nothing."""
        if not self.session.dirty:
            self.app.exit()
            return
        if self.asking_to_quit:
            return
        self.asking_to_quit = True

        def answered(answer: str | None) -> None:
            self.asking_to_quit = False
            if answer == "quit":
                self.app.exit()
            elif answer == "save":
                self.save(then_quit=True)

        self.app.push_screen(
            Choice(
                f"{self.session.path.name} has unsaved changes.",
                [
                    ("s", "Save and quit", "save"),
                    ("y", "Quit without saving", "quit"),
                    ("n", "Keep editing", "keep"),
                ],
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
        if not self.session.accept_merge(result, self.claim_id or ""):
            self.busy = self.merge_in_background()  # edited meanwhile: merge those too
            return
        self.redraw(self.claim_id or "", structural=True)
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
