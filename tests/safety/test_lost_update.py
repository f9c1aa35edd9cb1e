"""Concurrent writers never lose an update, and a killed lock holder never blocks anyone.

Each writer loops "load, add one unique evidence URL to the same claim, save with the
loaded fingerprint; on ChangedOnDiskError reload and retry". Without the write lock the
fingerprint check and the replace were two steps, and 20 of 200 URLs were lost. The
rounds per writer come from FACTCHECK_LOCK_ROUNDS (default 200: the property as stated).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from factcheck import model, store
from factcheck.check import check_file
from tests.review.helpers import git
from tests.safety.helpers import big_timeline, profile

WRITER = textwrap.dedent(
    """
    import sys, attrs
    from factcheck import model, store
    path, name, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
    print("ready", flush=True)
    sys.stdin.readline()  # every writer starts on the same "go"
    retries = 0
    for number in range(rounds):
        url = f"https://example.org/{name}/{number}"
        while True:
            loaded = store.load(path)
            claim = loaded.timeline.claims[0]
            added = attrs.evolve(claim, evidence=(*claim.evidence, model.Evidence(url=url)))
            try:
                store.save(path, loaded.timeline.replace_claim(added), loaded.fingerprint)
                break
            except store.ChangedOnDiskError:
                retries += 1
    print(f"done {retries}", flush=True)
    """
)


def _writers(path: Path, count: int, rounds: int) -> int:
    """Run `count` writers of `rounds` updates each at once; the retries they needed."""
    children = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), f"w{n}", str(rounds)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for n in range(count)
    ]
    for child in children:
        assert child.stdout is not None and child.stdout.readline() == "ready\n"
    for child in children:
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    retries = 0
    for child in children:
        out, _ = child.communicate()
        assert child.returncode == 0, out
        retries += int(out.split()[-1])
    return retries


@pytest.mark.slow
@pytest.mark.parametrize("count", [2, 4])
def test_concurrent_writers_lose_no_update(tmp_path: Path, count: int) -> None:
    rounds = profile("FACTCHECK_LOCK_ROUNDS", 200)
    path = tmp_path / "t.toml"
    store.save(path, model.Timeline(id="t", claims=(model.Claim(id="c", text="A claim."),)))
    retries = _writers(path, count, rounds)
    urls = {evidence.url for evidence in store.load(path).timeline.claims[0].evidence}
    expected = {f"https://example.org/w{n}/{r}" for n in range(count) for r in range(rounds)}
    assert expected - urls == set(), f"{len(expected - urls)} update(s) lost"
    assert not check_file(path).errors
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.toml"]  # no lock, no temp
    print(f"{count} writers x {rounds}: all {len(expected)} URLs kept, {retries} retries")


HOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from factcheck import store
    with store.write_lock(Path(sys.argv[1])):
        print("locked", flush=True)
        sys.stdin.readline()  # holds the lock until killed
    """
)


def _hold_lock(path: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stdout.readline() == "locked\n"
    return child


def test_a_held_lock_names_its_holder_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "t.toml"
    store.save(path, big_timeline(5))
    before = path.read_bytes()
    holder = _hold_lock(path)
    monkeypatch.setattr(store, "LOCK_WAIT_SECONDS", 0.2)  # the real wait is 10 s
    try:
        with pytest.raises(store.LockedError) as raised:
            store.save(path, big_timeline(5, marker="mine"), store.load(path).fingerprint)
    finally:
        holder.kill()
        holder.wait()
    message = str(raised.value)
    assert f"pid {holder.pid}: -c {path}" in message
    assert "nothing was written" in message
    assert path.read_bytes() == before


@pytest.mark.parametrize("in_git", [False, True])
def test_a_killed_lock_holder_never_blocks_the_next_writer(tmp_path: Path, in_git: bool) -> None:
    if in_git:
        git(tmp_path, "init", "-q")
    path = tmp_path / "t.toml"
    store.save(path, big_timeline(5))
    if in_git:
        git(tmp_path, "add", "t.toml")
        git(tmp_path, "commit", "-qm", "add")
    holder = _hold_lock(path)
    lock = store.lock_path(path)
    assert lock.exists() and f"pid {holder.pid}" in lock.read_text()
    holder.send_signal(signal.SIGKILL)
    assert holder.wait() == -signal.SIGKILL
    assert lock.exists()  # a stale lock file, left by the killed holder: not a lock
    loaded = store.load(path)
    store.save(path, big_timeline(5, marker="next"), loaded.fingerprint)  # does not wait
    assert store.load(path).timeline.title == "next"
    assert not lock.exists()
    if in_git:  # the lock lives in the git dir: never junk in `git status`
        assert lock.is_relative_to(tmp_path / ".git")
        assert git(tmp_path, "status", "--porcelain").stdout.strip() == "M t.toml"
    else:
        assert sorted(p.name for p in tmp_path.iterdir()) == ["t.toml"]


def test_the_lock_is_the_same_for_every_spelling_of_the_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    relative, absolute = Path("../t.toml"), tmp_path / "t.toml"
    assert store.lock_path(relative) == store.lock_path(absolute)
    assert os.path.dirname(store.lock_path(absolute)) == str(tmp_path)
