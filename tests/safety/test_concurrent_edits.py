"""The file changes on disk while edits are unsaved: the save refuses, nothing is overwritten.

Real git repositories in tmp_path: another process, `git checkout`, `git pull`, `git rm`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

from factcheck import store
from tests.review.helpers import git
from tests.safety.helpers import big_timeline


def _commit_title(folder: Path, title: str) -> None:
    store.save(folder / "t.toml", attrs.evolve(big_timeline(20), title=title))
    git(folder, "add", "t.toml")
    git(folder, "commit", "-qm", title)


@pytest.fixture
def clone(tmp_path: Path) -> tuple[Path, Path]:
    """An upstream repository with the timeline, and a reviewer's clone of it."""
    upstream = tmp_path / "upstream"
    upstream.mkdir()
    git(upstream, "init", "-q")
    _commit_title(upstream, "first")
    git(tmp_path, "clone", "-q", str(upstream), "reviewer")
    return upstream, tmp_path / "reviewer"


def _refused(path: Path, loaded: store.Loaded) -> None:
    """An unsaved edit is refused, and the bytes on disk are not touched."""
    on_disk = path.read_bytes() if path.exists() else None
    edited = attrs.evolve(loaded.timeline, title="my unsaved edit")
    with pytest.raises(store.ChangedOnDiskError, match="nothing was written"):
        store.save(path, edited, loaded.fingerprint)
    assert (path.read_bytes() if path.exists() else None) == on_disk
    # The edit is still in memory: it can go elsewhere (save as).
    store.save(path.with_name("mine.toml"), edited)
    assert store.load(path.with_name("mine.toml")).timeline.title == "my unsaved edit"


def test_another_process_writes_the_file(clone: tuple[Path, Path]) -> None:
    _upstream, reviewer = clone
    path = reviewer / "t.toml"
    loaded = store.load(path)
    writer = (
        "import sys, attrs; from factcheck import store; p = sys.argv[1]; "
        "store.save(p, attrs.evolve(store.load(p).timeline, title='other reviewer'))"
    )
    subprocess.run([sys.executable, "-c", writer, str(path)], check=True)
    _refused(path, loaded)
    assert store.load(path).timeline.title == "other reviewer"


def test_git_checkout_changes_the_file(clone: tuple[Path, Path]) -> None:
    _upstream, reviewer = clone
    git(reviewer, "checkout", "-qb", "other")
    _commit_title(reviewer, "on the other branch")
    git(reviewer, "checkout", "-q", "main")
    loaded = store.load(reviewer / "t.toml")
    git(reviewer, "checkout", "-q", "other")
    _refused(reviewer / "t.toml", loaded)
    assert store.load(reviewer / "t.toml").timeline.title == "on the other branch"


def test_git_pull_changes_the_file(clone: tuple[Path, Path]) -> None:
    upstream, reviewer = clone
    loaded = store.load(reviewer / "t.toml")
    _commit_title(upstream, "pushed by a colleague")
    git(reviewer, "pull", "-q", "--ff-only")
    _refused(reviewer / "t.toml", loaded)
    assert store.load(reviewer / "t.toml").timeline.title == "pushed by a colleague"


def test_git_rm_deletes_the_file(clone: tuple[Path, Path]) -> None:
    _upstream, reviewer = clone
    loaded = store.load(reviewer / "t.toml")
    git(reviewer, "rm", "-q", "t.toml")
    _refused(reviewer / "t.toml", loaded)
    assert not (reviewer / "t.toml").exists()


def test_a_touch_without_a_change_does_not_block_the_save(clone: tuple[Path, Path]) -> None:
    """Same bytes, new mtime (git checkout back and forth): saving is safe and allowed."""
    _upstream, reviewer = clone
    path = reviewer / "t.toml"
    loaded = store.load(path)
    os.utime(path, ns=(1, 1))
    store.save(path, attrs.evolve(loaded.timeline, title="saved"), loaded.fingerprint)
    assert store.load(path).timeline.title == "saved"
