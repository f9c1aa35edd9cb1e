"""End to end: the installed `factcheck` in a real terminal (tmux) on the shipped timeline.

Reviews one claim with the explorer's keys (docs/ARCHITECTURE.md section 4) and checks the
saved file and its `git diff`: only the status, the reviewer stamp and the new evidence change.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck import store

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "timelines" / "chicago-facial-recognition-2020.toml"
URL = "https://example.org/e2e-evidence"
REVIEWER = "E2E Reviewer"

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux"),
    pytest.mark.skipif(shutil.which("factcheck") is None, reason="needs the installed factcheck"),
]


class Terminal:
    """A tmux session on a private socket running one command (120x40 unless told)."""

    def __init__(
        self, socket: str, cwd: Path, command: str, env: dict[str, str], size: str = "120x40"
    ) -> None:
        self.socket = socket
        self.env = env
        width, _, height = size.partition("x")
        self.tmux("new-session", "-d", "-s", "e2e", "-x", width, "-y", height, "-c", str(cwd),
                  command)  # fmt: skip

    def tmux(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args],
            capture_output=True, text=True, env=self.env, check=False,
        )  # fmt: skip

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "e2e").stdout

    def alive(self) -> bool:
        return self.tmux("has-session", "-t", "e2e").returncode == 0

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "e2e", *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "e2e", "-l", text)

    def wait_for(self, predicate: str | re.Pattern[str], absent: bool = False) -> str:
        """Poll the screen until the condition holds; the bound only ends a hung run."""
        deadline = time.monotonic() + 120
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            found = (
                predicate in screen
                if isinstance(predicate, str)
                else predicate.search(screen) is not None
            )
            if found != absent:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"waited for {predicate!r} (absent={absent}); screen:\n{screen}")

    def kill(self) -> None:
        self.tmux("kill-server")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository holding a copy of the shipped timeline and its source."""
    folder = tmp_path / "timelines"
    folder.mkdir()
    shutil.copy(SHIPPED, folder / SHIPPED.name)
    shutil.copytree(SHIPPED.parent / "sources", folder / "sources")
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    for args in (
        ["init", "-q"],
        ["config", "user.name", REVIEWER],
        ["config", "user.email", "e2e@example.org"],
        ["add", "."],
        ["commit", "-qm", "shipped timeline"],
    ):
        subprocess.run(["git", *args], cwd=tmp_path, env=env, check=True, capture_output=True)
    return tmp_path


@pytest.fixture
def terminal(repo: Path) -> Iterator[Terminal]:
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "TERM": "xterm-256color",
    }
    for inherited in ("TMUX", "COLUMNS", "LINES"):  # Textual would take COLUMNS over the pane
        env.pop(inherited, None)
    command = f"factcheck timelines/{SHIPPED.name}"
    session = Terminal(f"factcheck-e2e-{os.getpid()}", repo, command, env)
    try:
        yield session
    finally:
        session.kill()


def test_review_one_claim_in_a_real_terminal(repo: Path, terminal: Terminal) -> None:
    path = repo / "timelines" / SHIPPED.name
    before = store.load(path).timeline
    second_event = before.events[1]
    target = before.claims_of(second_event.id)[0]

    terminal.wait_for("reviewed")
    terminal.keys("n")
    terminal.wait_for(re.compile(re.escape(target.id)))
    terminal.keys("s")
    terminal.wait_for("enter confirms")
    terminal.keys("3")
    terminal.keys("Enter")
    terminal.wait_for("● unsaved")
    terminal.keys("a")
    terminal.wait_for("URL (http or https)")
    terminal.type(URL)
    terminal.keys("Enter")
    terminal.wait_for(URL)
    terminal.keys("C-s")
    terminal.wait_for("● unsaved", absent=True)
    terminal.keys("q")
    deadline = time.monotonic() + 120  # a condition; the bound only ends a hung run
    while terminal.alive() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not terminal.alive(), terminal.screen()

    after = store.load(path).timeline
    claim = after.claim(target.id)
    assert claim is not None
    assert claim.status == "true"
    assert (claim.reviewed_by, claim.reviewed_on) == (REVIEWER, dt.date.today().isoformat())
    assert claim.evidence[-1].url == URL
    assert claim.evidence[-1].stance == "context"
    changed_claims = [c.id for c, old in zip(after.claims, before.claims, strict=True) if c != old]
    assert changed_claims == [target.id]

    diff = subprocess.run(
        ["git", "diff", "-U0", "--", str(path)],
        cwd=repo, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    changed = [
        line
        for line in diff.splitlines()
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    allowed = re.compile(
        r'^[+-](status = "[a-z-]+"|reviewed_by = ".*"|reviewed_on = "[0-9-]+"|'
        r'\[\[claims\.evidence\]\]|url = ".*"|stance = "context"|accessed = "[0-9-]+"|)$'
    )
    assert changed, diff
    assert all(allowed.match(line) for line in changed), diff
    assert [line for line in changed if line.startswith("-")] == [f'-status = "{target.status}"']
    assert f'+url = "{URL}"' in changed
    assert f'+reviewed_by = "{REVIEWER}"' in changed
