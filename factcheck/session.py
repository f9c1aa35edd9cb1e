"""The state of one review, without a terminal: what the explorer shows and edits.

A `ReviewSession` holds the path, the fingerprint of the file as last read or written, the
current timeline, the timeline the file holds (loaded, last saved or merged from), and
bounded undo/redo stacks of earlier timelines (edits are `attrs.evolve`, so neighbours share
almost everything). Every edit is a named pure function timeline -> timeline, applied with
`apply(Edit.of(...))` as one undoable step.

Disk work is split so a screen can run it in a worker thread: `write`, `check_disk` and
`merge_with_disk` only read the session and return a typed result; `commit`, `note_disk` and
`accept_merge` apply that result on the caller's thread (a result that no longer matches the
session, e.g. a poll taken before a save, is dropped). `save`, `save_as` and `poll` do both
for callers without threads. Every read of the timeline file goes through
`store.read_limited`; a file replaced by a folder, a FIFO or a symlink to /dev/zero is a
result with a reason, never an exception, and the edits stay in memory to be saved elsewhere.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

from factcheck import store
from factcheck.model import Claim, Evidence, Timeline
from factcheck.review import merge

#: Undo entries kept (each holds a Timeline value that shares most records with its neighbours).
UNDO_LIMIT = 200


class EditError(Exception):
    """An edit that cannot apply to the current timeline; the message is for the user."""


# --- edits: pure functions timeline -> timeline --------------------------------------------


def _claim(timeline: Timeline, claim_id: str) -> Claim:
    claim = timeline.claim(claim_id)
    if claim is None:
        raise EditError(f"there is no claim {claim_id!r}")
    return claim


def set_status(timeline: Timeline, claim_id: str, status: str, reviewer: str, day: str) -> Timeline:
    """A new status, stamped with who set it and when (the only edit that stamps)."""
    claim = _claim(timeline, claim_id)
    return timeline.replace_claim(
        attrs.evolve(claim, status=status, reviewed_by=reviewer, reviewed_on=day)
    )


def add_evidence(timeline: Timeline, claim_id: str, evidence: Evidence) -> Timeline:
    claim = _claim(timeline, claim_id)
    return timeline.replace_claim(attrs.evolve(claim, evidence=(*claim.evidence, evidence)))


def remove_evidence(timeline: Timeline, claim_id: str, index: int) -> Timeline:
    claim = _claim(timeline, claim_id)
    if not 0 <= index < len(claim.evidence):
        raise EditError(f"claim {claim_id!r} has no evidence number {index + 1}")
    kept = claim.evidence[:index] + claim.evidence[index + 1 :]
    return timeline.replace_claim(attrs.evolve(claim, evidence=kept))


def set_verdict(timeline: Timeline, claim_id: str, verdict: str) -> Timeline:
    claim = _claim(timeline, claim_id)
    return timeline.replace_claim(attrs.evolve(claim, verdict=verdict))


def resolve_conflict(timeline: Timeline, index: int, choice: str) -> Timeline:
    """Settle merge conflict `index` with "ours" or "theirs" (may settle related ones too)."""
    if not 0 <= index < len(timeline.conflicts):
        raise EditError(f"there is no conflict number {index + 1}")
    try:
        return merge.resolve(timeline, index, choice)
    except merge.ResolveError as error:
        raise EditError(str(error)) from None


@attrs.frozen
class Edit:
    """One undoable change: `change` is pure; `focus` is the claim a view selects after it.

    `structural`: records may be added, dropped or moved, so a view rebuilds its rows
    (otherwise only the focused claim changed, in place).
    """

    name: str
    change: Callable[[Timeline], Timeline]
    focus: str = ""
    structural: bool = False

    @classmethod
    def of(
        cls,
        function: Callable[..., Timeline],
        *args: Any,
        focus: str = "",
        structural: bool = False,
        **fields: Any,
    ) -> Edit:
        """`function(timeline, *args, **fields)` as an edit named after the function."""
        return cls(
            function.__name__,
            lambda timeline: function(timeline, *args, **fields),
            focus,
            structural,
        )

    def computed(self, base: Timeline, result: Timeline) -> Edit:
        """This edit with its result on `base` already worked out (in a worker thread):
        free when applied to `base`, worked out again on any other timeline."""
        change = self.change
        return attrs.evolve(self, change=lambda t: result if t is base else change(t))


def resolve_edit(timeline: Timeline, index: int, choice: str) -> Edit:
    """Resolving conflict `index`: structural (a whole-record conflict adds or drops one)."""
    record = timeline.conflicts[index].record if 0 <= index < len(timeline.conflicts) else ""
    table, _, record_id = record.partition(".")
    focus = record_id if table == "claims" else ""
    return Edit.of(resolve_conflict, index, choice, focus=focus, structural=True)


# --- history ---------------------------------------------------------------------------------


@attrs.frozen
class DiskState:
    """What the session knows of the file: restored when a merge is undone, so a save after
    the undo is refused again instead of overwriting the other side's edits."""

    fingerprint: store.Fingerprint
    saved: Timeline
    changed: bool


@attrs.frozen
class Step:
    """An undo/redo entry: the timeline on the other side of the step and what it touched."""

    timeline: Timeline
    focus: str
    structural: bool
    disk: DiskState | None = None


# --- results of disk work --------------------------------------------------------------------


@attrs.frozen
class Saved:
    path: Path
    fingerprint: store.Fingerprint
    timeline: Timeline


@attrs.frozen
class ChangedOnDisk:
    """Nothing was written: the file is not what was loaded (edited, replaced, deleted)."""

    path: Path


@attrs.frozen
class SaveFailed:
    """Nothing was written (disk full, read-only folder...); `message` names the file."""

    path: Path
    message: str


SaveResult = Saved | ChangedOnDisk | SaveFailed


@attrs.frozen
class DiskCheck:
    """The file compared with `base`: `current` is None when it cannot be read (`problem`)."""

    base: store.Fingerprint
    current: store.Fingerprint | None
    problem: str = ""

    @property
    def changed(self) -> bool:
        return not self.base.same_content(self.current)


@attrs.frozen
class Merged:
    """Our edits merged with the file as it is now; `ours` is what the merge started from."""

    ours: Timeline
    theirs: store.Loaded
    timeline: Timeline


@attrs.frozen
class MergeFailed:
    """The file on disk does not load or cannot be merged; the edits are untouched."""

    problems: tuple[str, ...]


def read_fingerprint(path: Path) -> tuple[store.Fingerprint | None, str]:
    """The file's fingerprint through the bounded reader, or None and the reason."""
    try:
        data = store.read_limited(path, str(path))
        return store.Fingerprint.of_bytes(path, data), ""
    except IsADirectoryError:
        return None, "the file was replaced by a folder"
    except store.LoadError as error:
        if not os.path.lexists(path):
            return None, "the file was deleted"
        return None, "; ".join(problem.message for problem in error.problems)
    except OSError as error:
        return None, f"cannot read: {error.strerror}"


# --- the session -----------------------------------------------------------------------------


class ReviewSession:
    """One timeline file under review; see the module docstring for the threading split."""

    def __init__(self, path: Path, fingerprint: store.Fingerprint, timeline: Timeline) -> None:
        self.path = path
        self.fingerprint = fingerprint
        self.timeline = timeline
        self.saved = timeline
        self.changed_on_disk = False
        self.undo_stack: list[Step] = []
        self.redo_stack: list[Step] = []

    @classmethod
    def from_loaded(cls, loaded: store.Loaded) -> ReviewSession:
        return cls(loaded.path, loaded.fingerprint, loaded.timeline)

    @classmethod
    def open(cls, path: Path) -> ReviewSession:
        """Load `path` (store.LoadError lists every problem)."""
        return cls.from_loaded(store.load(path))

    @property
    def dirty(self) -> bool:
        return self.timeline is not self.saved

    @property
    def can_undo(self) -> bool:
        return bool(self.undo_stack)

    @property
    def can_redo(self) -> bool:
        return bool(self.redo_stack)

    # --- editing ---------------------------------------------------------------------------

    def apply(self, edit: Edit, disk: DiskState | None = None) -> Timeline:
        """Make `edit` the next step (EditError leaves everything as it was)."""
        timeline = edit.change(self.timeline)
        self.undo_stack.append(Step(self.timeline, edit.focus, edit.structural, disk))
        del self.undo_stack[:-UNDO_LIMIT]
        self.redo_stack.clear()
        self.timeline = timeline
        return timeline

    def undo(self) -> Step | None:
        """Step back; the step says what to redraw (None: nothing to undo)."""
        return self._travel(self.undo_stack, self.redo_stack)

    def redo(self) -> Step | None:
        return self._travel(self.redo_stack, self.undo_stack)

    def _travel(self, source: list[Step], target: list[Step]) -> Step | None:
        if not source:
            return None
        step = source.pop()
        disk = None
        if step.disk is not None:
            disk = self.disk_state()
            self.fingerprint = step.disk.fingerprint
            self.saved = step.disk.saved
            self.changed_on_disk = step.disk.changed
        target.append(Step(self.timeline, step.focus, step.structural, disk))
        self.timeline = step.timeline
        return step

    def disk_state(self) -> DiskState:
        return DiskState(self.fingerprint, self.saved, self.changed_on_disk)

    # --- saving ----------------------------------------------------------------------------

    def write(self, path: Path | None = None) -> SaveResult:
        """Write the current timeline (to `path`: save as, no check of what was there).

        Only reads the session: safe in a worker; `commit` applies the result.
        """
        timeline, target = self.timeline, path or self.path
        expected = self.fingerprint if path is None else None
        try:
            fingerprint = store.save(target, timeline, expected)
        except store.ChangedOnDiskError:
            return ChangedOnDisk(target)
        except store.StoreError as error:
            return SaveFailed(target, str(error))
        return Saved(target, fingerprint, timeline)

    def commit(self, result: SaveResult) -> None:
        if isinstance(result, Saved):
            self.path = result.path
            self.fingerprint = result.fingerprint
            self.saved = result.timeline
            self.changed_on_disk = False
        elif isinstance(result, ChangedOnDisk) and result.path == self.path:
            self.changed_on_disk = True

    def save(self) -> SaveResult:
        """Save unless the file changed on disk since it was loaded or last saved."""
        result = self.write()
        self.commit(result)
        return result

    def save_as(self, path: Path) -> SaveResult:
        """Save to `path` and make it the session's file."""
        result = self.write(path)
        self.commit(result)
        return result

    # --- the file on disk ------------------------------------------------------------------

    def check_disk(self) -> DiskCheck:
        """Compare the file with the fingerprint: a stat, and a bounded read if it differs."""
        base = self.fingerprint
        try:
            info = os.stat(self.path)
            if (info.st_size, info.st_mtime_ns) == (base.size, base.mtime_ns):
                return DiskCheck(base, base)
        except OSError:
            pass
        current, problem = read_fingerprint(self.path)
        return DiskCheck(base, current, problem)

    def note_disk(self, check: DiskCheck) -> bool:
        """Apply a check; True when the file has just been found changed (say so once)."""
        if check.base is not self.fingerprint:
            return False  # taken before a save or a merge: stale
        if not check.changed:
            if check.current is not None:
                self.fingerprint = check.current  # same bytes, new mtime
            return False
        if self.changed_on_disk:
            return False
        self.changed_on_disk = True
        return True

    def poll(self) -> DiskCheck:
        check = self.check_disk()
        self.note_disk(check)
        return check

    def merge_with_disk(self) -> Merged | MergeFailed:
        """Merge our edits with the file as it is now, by record id (docs/ARCHITECTURE.md 3.4).

        base: the timeline the file held when loaded or last saved; ours: the edits;
        theirs: the file now. Only reads the session; `accept_merge` applies the result.
        """
        ours = self.timeline
        try:
            theirs = store.load(self.path)
        except store.LoadError as error:
            problems = (str(problem) for problem in error.problems)
            return MergeFailed(("the file on disk does not load:", *problems))
        try:
            result = merge.merge(self.saved, ours, theirs.timeline)
        except merge.MergeError as error:
            return MergeFailed((str(error),))
        return Merged(ours, theirs, result.timeline)

    def accept_merge(self, merged: Merged, focus: str = "") -> bool:
        """Make the merge one undoable step; False if the timeline changed since it began.

        A save then writes over their version, which the merge contains.
        """
        if merged.ours is not self.timeline:
            return False
        before = self.disk_state()
        self.apply(Edit("merge_with_disk", lambda _: merged.timeline, focus, True), before)
        self.fingerprint = merged.theirs.fingerprint
        self.saved = merged.theirs.timeline
        self.changed_on_disk = False
        return True
