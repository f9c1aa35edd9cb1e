"""A full disk and a read-only folder: the save fails with a clear message, nothing is lost.

Real small tmpfs mounts (root only; the tests skip with the reason elsewhere).
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import attrs
import pytest

from factcheck import store
from tests.safety.helpers import big_timeline, factcheck, remount, tmpfs


def _hand_edited(path: Path) -> bytes:
    data = b"# edited by hand\n" + store.dumps(big_timeline(40)).encode("utf-8")
    path.write_bytes(data)
    return data


def _fill(folder: Path) -> None:
    """Write a filler file until the file system says it is full."""
    descriptor = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(descriptor, b"\0" * 512)
    except OSError as error:
        assert error.errno == errno.ENOSPC
    finally:
        os.close(descriptor)


def _leftovers(folder: Path, *keep: str) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


def test_fmt_on_a_full_disk_fails_clearly_and_keeps_the_file(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "disk", size="64k") as disk:
        path = disk / "t.toml"
        before = _hand_edited(path)
        _fill(disk)
        result = factcheck("fmt", str(path))
        assert result.returncode == 1
        message = result.stdout.decode() + result.stderr.decode()
        assert "No space left on device" in message, message
        assert "the file on disk was not changed" in message
        assert "Traceback" not in message
        assert path.read_bytes() == before
        assert _leftovers(disk, "t.toml", "filler") == []


def test_store_save_on_a_full_disk_raises_save_error(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "disk", size="64k") as disk:
        path = disk / "t.toml"
        _hand_edited(path)
        loaded = store.load(path)
        before = path.read_bytes()
        _fill(disk)
        edited = attrs.evolve(loaded.timeline, title="edited")
        with pytest.raises(store.SaveError, match="No space left on device"):
            store.save(path, edited, loaded.fingerprint)
        assert path.read_bytes() == before
        assert _leftovers(disk, "t.toml", "filler") == []
        # Room again: the same edit saves (the caller kept it), and nothing was lost.
        (disk / "filler").unlink()
        store.save(path, edited, loaded.fingerprint)
        assert store.load(path).timeline.title == "edited"


def test_fmt_in_a_read_only_folder_fails_clearly_and_keeps_the_file(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "ro", size="1m") as folder:
        path = folder / "t.toml"
        before = _hand_edited(path)
        remount(folder, "ro")
        result = factcheck("fmt", str(path))
        assert result.returncode == 1
        message = result.stdout.decode() + result.stderr.decode()
        assert "Read-only file system" in message, message
        assert "Traceback" not in message
        assert path.read_bytes() == before
        assert _leftovers(folder, "t.toml") == []
        # check reads only: it still works on the read-only folder.
        assert factcheck("check", str(path)).returncode == 1  # not canonical, reported


def test_store_save_in_a_read_only_folder_raises_save_error(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "ro", size="1m") as folder:
        path = folder / "t.toml"
        _hand_edited(path)
        loaded = store.load(path)
        before = path.read_bytes()
        remount(folder, "ro")
        with pytest.raises(store.SaveError, match="Read-only file system"):
            store.save(path, attrs.evolve(loaded.timeline, title="x"), loaded.fingerprint)
        assert path.read_bytes() == before
