"""ReviewSession without a terminal: every edit, undo/redo, save, save as, the file changing
on disk, merging with it, and the file replaced by something hostile (issue 17.3)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

from factcheck import check, curation, store
from factcheck.model import Claim, Conflict, Evidence, Timeline
from factcheck.review import merge
from factcheck.session import (
    UNDO_LIMIT,
    ChangedOnDisk,
    Edit,
    EditError,
    Merged,
    MergeFailed,
    ReviewSession,
    Saved,
    SaveFailed,
    add_evidence,
    remove_evidence,
    resolve_conflict,
    resolve_edit,
    set_status,
    set_verdict,
)
from tests.tui.fixtures import SOURCE_TEXT, build_timeline, write

CLAIM = "searches-last-year"
OTHER = "hearing-in-march"
EVIDENCE = Evidence(url="https://example.org/report", title="Report", stance="supports")


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return write(tmp_path)


@pytest.fixture
def session(path: Path) -> ReviewSession:
    return ReviewSession.open(path)


def claim(timeline: Timeline, claim_id: str = CLAIM) -> Claim:
    found = timeline.claim(claim_id)
    assert found is not None
    return found


def rated(session: ReviewSession, status: str = "true", claim_id: str = CLAIM) -> Timeline:
    return session.apply(Edit.of(set_status, claim_id, status, "Ana", "2026-01-02", focus=claim_id))


def someone_saves(path: Path, claim_id: str, status: str, by: str = "Ben") -> None:
    timeline = store.load(path).timeline
    edited = set_status(timeline, claim_id, status, by, "2026-01-01")
    path.write_bytes(store.canonical_bytes(edited))


# --- pure edits ------------------------------------------------------------------------------


def test_set_status_stamps_the_reviewer_and_changes_nothing_else() -> None:
    before = build_timeline()
    after = set_status(before, CLAIM, "false", "Ana", "2026-01-02")
    edited = claim(after)
    assert (edited.status, edited.reviewed_by, edited.reviewed_on) == ("false", "Ana", "2026-01-02")
    assert after.replace_claim(claim(before)) == before
    assert claim(before).status == "unverified"  # the old value is untouched


def test_add_and_remove_evidence() -> None:
    before = build_timeline()
    added = add_evidence(before, CLAIM, EVIDENCE)
    assert claim(added).evidence == (*claim(before).evidence, EVIDENCE)
    assert claim(added).reviewed_by == claim(before).reviewed_by  # only status stamps
    removed = remove_evidence(added, CLAIM, len(claim(added).evidence) - 1)
    assert claim(removed) == claim(before)
    with pytest.raises(EditError, match="no evidence number 9"):
        remove_evidence(before, CLAIM, 8)


def test_set_verdict() -> None:
    after = set_verdict(build_timeline(), CLAIM, "Records show 3,100.")
    assert claim(after).verdict == "Records show 3,100."


def test_an_edit_of_a_missing_claim_is_an_error_that_changes_nothing(
    session: ReviewSession,
) -> None:
    before = session.timeline
    with pytest.raises(EditError, match="no claim 'gone'"):
        session.apply(Edit.of(set_verdict, "gone", "x", focus="gone"))
    assert session.timeline is before and not session.can_undo and not session.dirty


def conflicted() -> Timeline:
    base = build_timeline()
    ours = set_status(base, OTHER, "true", "Ana", "2026-01-01")
    theirs = set_status(base, OTHER, "false", "Ben", "2026-01-01")
    return merge.merge(base, ours, theirs).timeline


def test_resolve_conflict_takes_ours_or_theirs() -> None:
    timeline = conflicted()
    fields = [conflict.field for conflict in timeline.conflicts]
    assert "status" in fields
    index = fields.index("status")
    assert claim(resolve_conflict(timeline, index, "ours"), OTHER).status == "true"
    theirs = resolve_conflict(timeline, index, "theirs")
    assert claim(theirs, OTHER).status == "false"
    assert "status" not in [conflict.field for conflict in theirs.conflicts]
    with pytest.raises(EditError, match="no conflict number 9"):
        resolve_conflict(timeline, 8, "ours")
    stray = attrs.evolve(timeline, conflicts=(Conflict("claims.gone", "status", ours='"true"'),))
    with pytest.raises(EditError, match='no record "gone"'):
        resolve_conflict(stray, 0, "ours")


def test_resolve_edit_is_structural_and_focuses_the_claim() -> None:
    edit = resolve_edit(conflicted(), 0, "ours")
    assert edit.structural and edit.focus == OTHER and edit.name == "resolve_conflict"


def test_a_computed_edit_reuses_its_result_only_on_its_base() -> None:
    base = build_timeline()
    edit = Edit.of(set_verdict, CLAIM, "v", focus=CLAIM)
    result = edit.change(base)
    computed = edit.computed(base, result)
    assert computed.change(base) is result
    other = set_verdict(base, OTHER, "w")
    assert claim(computed.change(other), OTHER).verdict == "w"  # worked out again
    assert claim(computed.change(other)).verdict == "v"


# --- undo / redo -----------------------------------------------------------------------------


def test_apply_undo_redo(session: ReviewSession) -> None:
    loaded = session.timeline
    assert not session.dirty and not session.can_undo and not session.can_redo
    rated(session)
    assert session.dirty and session.can_undo
    step = session.undo()
    assert step is not None and (step.focus, step.structural) == (CLAIM, False)
    assert session.timeline is loaded and not session.dirty and session.can_redo
    assert session.undo() is None
    step = session.redo()
    assert step is not None and claim(session.timeline).status == "true"
    assert session.redo() is None


def test_a_new_edit_clears_redo(session: ReviewSession) -> None:
    rated(session)
    session.undo()
    session.apply(Edit.of(set_verdict, CLAIM, "v", focus=CLAIM))
    assert not session.can_redo


def test_undo_history_is_bounded(session: ReviewSession) -> None:
    for index in range(UNDO_LIMIT + 20):
        rated(session, "true" if index % 2 else "false")
    assert len(session.undo_stack) == UNDO_LIMIT


def test_undo_back_to_the_saved_timeline_is_clean(session: ReviewSession) -> None:
    rated(session)
    assert isinstance(session.save(), Saved)
    rated(session, "false")
    session.undo()
    assert not session.dirty


# --- saving ----------------------------------------------------------------------------------


def test_save_writes_a_file_that_check_passes(session: ReviewSession, path: Path) -> None:
    rated(session)
    result = session.save()
    assert isinstance(result, Saved) and result.path == path
    assert not session.dirty and session.fingerprint == result.fingerprint
    assert claim(store.load(path).timeline).status == "true"
    assert check.check_file(path).problems == ()


def test_save_refuses_a_file_changed_on_disk(session: ReviewSession, path: Path) -> None:
    rated(session)
    someone_saves(path, OTHER, "false")
    theirs = path.read_bytes()
    assert isinstance(session.save(), ChangedOnDisk)
    assert path.read_bytes() == theirs and session.dirty and session.changed_on_disk


def test_save_error_keeps_the_edits(
    session: ReviewSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*_args: object) -> None:
        raise store.SaveError("council.toml: cannot save: No space left on device")

    rated(session)
    monkeypatch.setattr(store, "save", full)
    result = session.save()
    assert isinstance(result, SaveFailed) and "No space left" in result.message
    assert session.dirty and claim(session.timeline).status == "true"


def test_save_as_makes_the_new_file_the_sessions(session: ReviewSession, path: Path) -> None:
    rated(session)
    before = path.read_bytes()
    mine = path.with_name("mine.toml")
    result = session.save_as(mine)
    assert isinstance(result, Saved) and session.path == mine and not session.dirty
    assert path.read_bytes() == before
    assert claim(store.load(mine).timeline).status == "true"
    rated(session, "false")
    assert isinstance(session.save(), Saved)  # later saves go to the new file
    assert claim(store.load(mine).timeline).status == "false"


def test_write_only_reads_the_session_until_committed(session: ReviewSession) -> None:
    rated(session)
    result = session.write()
    assert isinstance(result, Saved) and session.dirty  # a worker's result, not yet applied
    session.commit(result)
    assert not session.dirty


# --- the file on disk ------------------------------------------------------------------------


def test_poll_notices_a_change_once(session: ReviewSession, path: Path) -> None:
    assert not session.poll().changed
    os.utime(path, ns=(1, 1))  # same bytes, new mtime: not a change
    assert not session.poll().changed and not session.changed_on_disk
    assert session.fingerprint.mtime_ns == 1
    someone_saves(path, OTHER, "false")
    check = session.check_disk()
    assert check.changed and session.note_disk(check)
    assert session.changed_on_disk
    assert not session.note_disk(session.check_disk())  # said once


def test_a_poll_taken_before_a_save_is_dropped(session: ReviewSession) -> None:
    rated(session)
    stale = session.check_disk()
    session.save()
    assert not session.note_disk(attrs.evolve(stale, current=None))
    assert not session.changed_on_disk


def test_merge_with_disk_keeps_both_sides(session: ReviewSession, path: Path) -> None:
    rated(session)
    someone_saves(path, OTHER, "false")
    merged = session.merge_with_disk()
    assert isinstance(merged, Merged)
    assert session.accept_merge(merged, CLAIM)
    assert session.dirty and not session.changed_on_disk
    assert isinstance(session.save(), Saved)
    saved = store.load(path).timeline
    assert (claim(saved).status, claim(saved, OTHER).status) == ("true", "false")
    assert check.check_file(path).problems == ()


def test_undoing_a_merge_refuses_the_save_again(session: ReviewSession, path: Path) -> None:
    rated(session)
    someone_saves(path, OTHER, "false")
    session.poll()
    merged = session.merge_with_disk()
    assert isinstance(merged, Merged) and session.accept_merge(merged)
    step = session.undo()
    assert step is not None and step.structural and session.changed_on_disk
    assert isinstance(session.save(), ChangedOnDisk)
    session.redo()
    assert isinstance(session.save(), Saved)
    assert claim(store.load(path).timeline, OTHER).status == "false"


def test_a_merge_started_before_an_edit_is_not_accepted(session: ReviewSession, path: Path) -> None:
    rated(session)
    someone_saves(path, OTHER, "false")
    merged = session.merge_with_disk()
    assert isinstance(merged, Merged)
    rated(session, "mixed")
    assert not session.accept_merge(merged)
    assert claim(session.timeline).status == "mixed"


def test_merge_with_a_conflict(session: ReviewSession, path: Path) -> None:
    rated(session)
    someone_saves(path, CLAIM, "false")
    merged = session.merge_with_disk()
    assert isinstance(merged, Merged) and session.accept_merge(merged)
    assert "status" in [conflict.field for conflict in session.timeline.conflicts]


def test_merge_when_the_disk_file_does_not_load(session: ReviewSession, path: Path) -> None:
    rated(session)
    path.write_text("<<<<<<< ours\n", encoding="utf-8")
    result = session.merge_with_disk()
    assert isinstance(result, MergeFailed) and result.problems
    assert session.dirty and claim(session.timeline).status == "true"


# --- the file replaced by something hostile (issue 17.3) --------------------------------------


def replace_with_folder(path: Path) -> None:
    path.unlink()
    path.mkdir()


def replace_with_dev_zero(path: Path) -> None:
    path.unlink()
    path.symlink_to("/dev/zero")


def replace_with_fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def delete(path: Path) -> None:
    path.unlink()


@pytest.mark.parametrize(
    ("replace", "reason"),
    [
        (replace_with_folder, "replaced by a folder"),
        (replace_with_dev_zero, "not a regular file"),
        (replace_with_fifo, "not a regular file"),
        (delete, "deleted"),
    ],
    ids=["folder", "dev-zero", "fifo", "deleted"],
)
def test_a_replaced_file_keeps_the_edits_and_offers_save_as(
    session: ReviewSession, path: Path, replace: Callable[[Path], None], reason: str
) -> None:
    rated(session)
    replace(path)
    check = session.check_disk()  # bounded: never reads /dev/zero or waits on the FIFO
    assert check.changed and check.current is None and reason in check.problem
    assert session.note_disk(check) and session.changed_on_disk
    assert isinstance(session.save(), ChangedOnDisk)
    assert isinstance(session.merge_with_disk(), MergeFailed)
    assert session.dirty and claim(session.timeline).status == "true"
    mine = path.with_name("mine.toml")
    assert isinstance(session.save_as(mine), Saved)
    assert claim(store.load(mine).timeline).status == "true"


# --- curation edits through the session (issue 11) --------------------------------------------

SOURCE_START = SOURCE_TEXT.index("On Wednesday")
SOURCE_END = SOURCE_TEXT.index("\n", SOURCE_START)

#: Each curation edit as the explorer sends it, by name.
CURATION_EDITS: list[tuple[str, Callable[[], Edit]]] = [
    ("edit_claim", lambda: Edit.of(curation.edit_claim, CLAIM, claimant="Councilor Ada Reyes",
                                   focus=CLAIM)),
    ("add_claim", lambda: Edit.of(curation.add_claim, SOURCE_TEXT, "article", SOURCE_START,
                                  SOURCE_END, event="mayor-hearing", structural=True)),
    ("add_claim_without_passage", lambda: Edit.of(curation.add_claim, text="Heard on radio.",
                                                  claimant="Mayor", structural=True)),
    ("delete_claim", lambda: Edit.of(curation.delete_claim, CLAIM, structural=True)),
    ("move_claim", lambda: Edit.of(curation.move_claim, CLAIM, "mayor-hearing", focus=CLAIM,
                                   structural=True)),
    ("delete_evidence", lambda: Edit.of(curation.delete_evidence, "mug-shots-only",
                                        "https://example.org/policy", focus="mug-shots-only")),
    ("add_event", lambda: Edit.of(curation.add_event, SOURCE_TEXT, "article", SOURCE_START,
                                  SOURCE_END, structural=True)),
    ("add_event_without_passage", lambda: Edit.of(curation.add_event, title="Vote",
                                                  date="2021-02", structural=True)),
    ("edit_event", lambda: Edit.of(curation.edit_event, "council-meeting",
                                   date=curation.resolve_date_input("last Tuesday",
                                                                    "2021-02-05").value,
                                   structural=True)),
    ("delete_event_moving", lambda: Edit.of(curation.delete_event, "council-meeting", "move",
                                            "mayor-hearing", structural=True)),
    ("delete_event_deleting", lambda: Edit.of(curation.delete_event, "council-meeting",
                                              "delete", structural=True)),
]  # fmt: skip


@pytest.mark.parametrize(("name", "make"), CURATION_EDITS, ids=[n for n, _ in CURATION_EDITS])
def test_each_curation_edit_undoes_redoes_and_saves_a_file_check_passes(
    session: ReviewSession, path: Path, name: str, make: Callable[[], Edit]
) -> None:
    loaded, loaded_bytes = session.timeline, path.read_bytes()
    edited = session.apply(make())
    assert edited != loaded and session.dirty
    assert all(c.reviewed_by == claim(loaded, c.id).reviewed_by
               for c in edited.claims if loaded.claim(c.id))  # fmt: skip  # no stamp
    step = session.undo()
    assert step is not None and session.timeline is loaded and not session.dirty
    assert session.redo() is not None and session.timeline is edited
    assert isinstance(session.save(), Saved) and not session.dirty
    assert store.load(path).timeline == edited
    assert check.check_file(path).problems == ()
    session.undo()  # back to what was loaded, and saved again: the same bytes
    assert isinstance(session.save(), Saved)
    assert path.read_bytes() == loaded_bytes


def test_a_refused_curation_edit_changes_nothing(session: ReviewSession) -> None:
    loaded = session.timeline
    with pytest.raises(curation.EditError) as refused:
        session.apply(Edit.of(curation.edit_claim, CLAIM, claimant="?!", focus=CLAIM))
    assert refused.value.field == "claimant"
    assert session.timeline is loaded and not session.can_undo and not session.dirty
