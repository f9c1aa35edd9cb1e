"""`factcheck history`: every change to one claim or event through a file's git history.

Each commit that touched the file is compared with its parent (for a merge: with every
parent, keeping only what the merge itself decided), so changes made on branches are
credited to the commit that made them, not to the merge that brought them in.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import attrs

from factcheck import store
from factcheck.model import Timeline
from factcheck.review.diff import Change, record_changes
from factcheck.review.gitrun import GitError, open_git, run_git
from factcheck.review.gitsetup import repo_root

#: Fields of a commit, NUL-separated: no commit subject, name or address holds a NUL (git
#: cuts its messages there), so nothing in a message can forge a field or an entry.
_FORMAT = "%H%x00%P%x00%an%x00%ae%x00%aI%x00%s"
_OBJECT_ID = re.compile(r"[0-9a-f]{40}([0-9a-f]{24})?")
_STATUS = re.compile(r"[ACDMRTUXB][0-9]{0,3}")


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
    """Reads `rev:path` versions through `git cat-file`, parsing each blob once.

    Each blob's size is asked first (`--batch-check`) and compared with the store's limit:
    a 300 MB timeline packs into a few MB in `.git`, so reading it whole is the attack.
    """

    def __init__(self, root: Path):
        self.check = open_git(root, "cat-file", "--batch-check")
        self.read = open_git(root, "cat-file", "--batch")
        self.parsed: dict[str, Timeline | str] = {}

    @staticmethod
    def _ask(process: subprocess.Popen[bytes], name: str) -> list[str]:
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(name.encode() + b"\n")
        process.stdin.flush()
        return process.stdout.readline().decode("utf-8", errors="replace").split()

    def version(self, rev: str, path: str) -> tuple[str, Timeline | str] | None:
        """(blob id, timeline or the reason it does not load); None when absent."""
        if "\n" in path:
            return None  # cat-file reads one name a line
        header = self._ask(self.check, f"{rev}:{path}")
        if len(header) != 3 or header[1] != "blob" or not header[2].isdigit():
            return None
        blob, size = header[0], int(header[2])
        if blob in self.parsed:
            return blob, self.parsed[blob]
        if size > store.MAX_FILE_BYTES:
            limit = store.MAX_FILE_BYTES
            self.parsed[blob] = (
                f"the file is {size:,} bytes; the limit is {limit:,} bytes; not read"
            )
            return blob, self.parsed[blob]
        header = self._ask(self.read, blob)
        assert self.read.stdout is not None
        if header != [blob, "blob", str(size)]:
            raise GitError(f"git cat-file answered {' '.join(header)!r} for blob {blob}")
        data = self.read.stdout.read(size + 1)[:-1]
        name = f"{path} at {rev[:10]}"
        try:
            self.parsed[blob] = store.loads(store.decode(data, name), name)
        except store.LoadError as error:
            first = error.problems[0]
            self.parsed[blob] = f"{first.where + ': ' if first.where else ''}{first.message}"
        return blob, self.parsed[blob]

    def close(self) -> None:
        for process in (self.check, self.read):
            if process.stdin is not None:
                process.stdin.close()
            process.wait(timeout=30)


def _commits(root: Path, relative: str) -> list[_Commit]:
    """The commits that touched `relative` (following renames), oldest first.

    Parses `git log -z`: a commit's six NUL-separated fields, then optionally a newline and
    its name-status fields; anything else is refused rather than guessed.
    """
    done = run_git(
        root, "-c", "core.quotepath=off", "log", "-z", "--follow", "--name-status",
        "--no-ext-diff", "--no-textconv", "--no-show-signature", f"--format={_FORMAT}",
        "--", relative,
    )  # fmt: skip
    if done.returncode != 0:
        raise GitError(f"git log failed: {done.stderr.strip()}")
    fields = done.stdout.split("\0")
    if fields and fields[-1] == "":
        fields.pop()
    commits: list[_Commit] = []
    current = relative
    index = 0
    while index < len(fields):
        header = fields[index : index + 6]
        if len(header) < 6 or not _is_commit_header(header):
            raise GitError(f"git log output does not parse near field {index}; refused")
        sha, parents, author, email, date, subject = header
        index += 6
        path, old_path, deleted = current, current, False
        if index < len(fields) and fields[index].startswith("\n"):
            fields[index] = fields[index][1:]
            while index < len(fields) and _STATUS.fullmatch(fields[index]):
                status = fields[index][0]
                width = 3 if status in "RC" else 2
                entry = fields[index : index + width]
                if len(entry) < width:
                    raise GitError(f"git log output does not parse near field {index}; refused")
                path, old_path = entry[-1], entry[1]
                deleted = status == "D"
                index += width
        commits.append(
            _Commit(
                sha, tuple(parents.split()), author, email, date, subject, path, old_path, deleted
            )
        )
        current = old_path
    commits.reverse()
    return commits


def _is_commit_header(header: list[str]) -> bool:
    """Whether six fields start a commit: its id and its parents' ids (the rest is free text)."""
    sha, parents = header[0], header[1]
    return _OBJECT_ID.fullmatch(sha) is not None and all(
        _OBJECT_ID.fullmatch(parent) for parent in parents.split(" ") if parent
    )


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
