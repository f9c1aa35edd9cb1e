"""`factcheck history`: every change to one claim or event through a file's git history.

Each commit that touched the file is compared with its parent (for a merge: with every
parent, keeping only what the merge itself decided), so changes made on branches are
credited to the commit that made them, not to the merge that brought them in.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import attrs

from factcheck import store
from factcheck.model import Timeline
from factcheck.review.diff import Change, record_changes
from factcheck.review.gitsetup import GitError, repo_root, run_git

_RECORD_SEPARATOR = "\x1e"
_FIELD_SEPARATOR = "\x1f"
_FORMAT = "%x1e%H%x1f%P%x1f%an%x1f%ae%x1f%aI%x1f%s"


@attrs.frozen
class HistoryEntry:
    """One commit's changes to the record (or why that version could not be read)."""

    commit: str
    author: str
    email: str
    date: str  # ISO 8601 with offset, as git reports it
    subject: str
    changes: tuple[Change, ...] = ()
    note: str = ""  # e.g. "this version does not load"

    @property
    def short(self) -> str:
        return self.commit[:10]


@attrs.frozen
class _Commit:
    sha: str
    parents: tuple[str, ...]
    author: str
    email: str
    date: str
    subject: str
    path: str  # the file's path in this commit
    old_path: str  # its path in the parents (differs after a rename)
    deleted: bool


class _Blobs:
    """Reads `rev:path` versions through one `git cat-file --batch`, parsing each blob once."""

    def __init__(self, root: Path):
        try:
            self.process = subprocess.Popen(
                ["git", "cat-file", "--batch"],
                cwd=root,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except FileNotFoundError:
            raise GitError("git is not installed (or not on PATH)") from None
        self.parsed: dict[str, Timeline | str] = {}

    def version(self, rev: str, path: str) -> tuple[str, Timeline | str] | None:
        """(blob id, timeline or the reason it does not load); None when absent."""
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(f"{rev}:{path}\n".encode())
        self.process.stdin.flush()
        header = self.process.stdout.readline().decode().split()
        if len(header) != 3 or header[1] != "blob":
            return None
        data = self.process.stdout.read(int(header[2]) + 1)[:-1]
        blob = header[0]
        if blob not in self.parsed:
            name = f"{path} at {rev[:10]}"
            try:
                self.parsed[blob] = store.loads(store.decode(data, name), name)
            except store.LoadError as error:
                first = error.problems[0]
                self.parsed[blob] = f"{first.where + ': ' if first.where else ''}{first.message}"
        return blob, self.parsed[blob]

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=30)


def _commits(root: Path, relative: str) -> list[_Commit]:
    done = run_git(
        root, "-c", "core.quotepath=off", "log", "--follow", "--name-status",
        f"--format={_FORMAT}", "--", relative,
    )  # fmt: skip
    if done.returncode != 0:
        raise GitError(f"git log failed: {done.stderr.strip()}")
    commits: list[_Commit] = []
    current = relative
    for chunk in done.stdout.split(_RECORD_SEPARATOR)[1:]:
        header, _, rest = chunk.partition("\n")
        sha, parents, author, email, date, subject = header.split(_FIELD_SEPARATOR, 5)
        path, old_path, deleted = current, current, False
        for line in rest.splitlines():
            columns = line.split("\t")
            if len(columns) < 2:
                continue
            status = columns[0][:1]
            path = columns[-1]
            old_path = columns[1] if status in ("R", "C") and len(columns) == 3 else path
            deleted = status == "D"
        commits.append(
            _Commit(
                sha, tuple(parents.split()), author, email, date, subject, path, old_path, deleted
            )
        )
        current = old_path
    commits.reverse()
    return commits


def _record_of(timeline: Timeline | None, record_id: str) -> dict[str, Any]:
    """The record's value under each key it could have ("claims.x", "events.x", ...)."""
    if timeline is None:
        return {}
    found: dict[str, Any] = {}
    for table in ("claims", "events", "sources"):
        record = next((item for item in getattr(timeline, table) if item.id == record_id), None)
        if record is not None:
            found[f"{table}.{record_id}"] = record
    return found


def _changes(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    changes: list[Change] = []
    for key in [*new, *(key for key in old if key not in new)]:
        changes += record_changes(key, old.get(key), new.get(key))
    return changes


def _change_key(change: Change) -> tuple[str, str, str]:
    url = ""
    if change.field == "evidence":
        url = (change.new or change.old or {}).get("url", "")
    return change.record, change.field, url


def claim_history(path: Path | str, record_id: str) -> list[HistoryEntry]:
    """Every commit that changed the claim (or event) `record_id` in the file at `path`.

    Oldest first. Versions that do not load are listed with a note and skipped: the next
    readable version is compared with the last readable one. GitError outside a repository.
    """
    path = Path(path).resolve()
    root = repo_root(path)
    if root is None:
        raise GitError(f"{path} is not inside a git work tree")
    relative = path.relative_to(root.resolve()).as_posix()
    commits = _commits(root, relative)
    blobs = _Blobs(root)
    entries: list[HistoryEntry] = []
    last_good: Timeline | None = None
    try:
        for commit in commits:
            meta = (commit.sha, commit.author, commit.email, commit.date, commit.subject)
            new_version = None if commit.deleted else blobs.version(commit.sha, commit.path)
            if new_version is not None and isinstance(new_version[1], str):
                entries.append(HistoryEntry(*meta, note=f"this version does not load "
                                            f"({new_version[1]}); skipped"))  # fmt: skip
                continue
            new_timeline = new_version[1] if new_version is not None else None
            assert not isinstance(new_timeline, str)
            new = _record_of(new_timeline, record_id)
            per_parent: list[list[Change]] = []
            for parent in commit.parents or ("",):
                old_version = blobs.version(parent, commit.old_path) if parent else None
                old_timeline: Timeline | None = None
                if old_version is not None:
                    old_timeline = last_good if isinstance(old_version[1], str) else old_version[1]
                per_parent.append(_changes(_record_of(old_timeline, record_id), new))
            changes = per_parent[0]
            for other in per_parent[1:]:
                keys = {_change_key(change) for change in other}
                changes = [change for change in changes if _change_key(change) in keys]
            if changes:
                entries.append(HistoryEntry(*meta, changes=tuple(changes)))
            if new_timeline is not None:
                last_good = new_timeline
    finally:
        blobs.close()
    return entries
