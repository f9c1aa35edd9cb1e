"""A real terminal for the end-to-end tests: the program under tmux, on a private socket.

The e2e tests drive `factcheck` as a person does, with keys sent to a tmux pane and the screen
read back; every wait is for something on the screen (or the program's exit), bounded only so
that a hung run ends. `shipped_repo` (in conftest) is the git repository most of them use.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.review.helpers import git, git_env

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "timelines" / "chicago-facial-recognition-2020.toml"
#: The reviewer stamp of the e2e tests: `user.name` of the repository they run in.
REVIEWER = "E2E Reviewer"
#: The bound of every wait: it only ends a hung run (each wait is for a condition).
HUNG = 120

E2E = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux"),
]
NEEDS_INSTALLED = pytest.mark.skipif(
    shutil.which("factcheck") is None, reason="needs the installed factcheck"
)


class Terminal:
    """A tmux session on a private socket running one command."""

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
        """Poll the screen until the condition holds."""
        deadline = time.monotonic() + HUNG
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

    def wait_for_exit(self) -> None:
        """Wait until the program has ended (after `q`)."""
        deadline = time.monotonic() + HUNG
        while self.alive() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not self.alive(), self.screen()

    def kill(self) -> None:
        self.tmux("kill-server")


def terminal_env(**extra: str) -> dict[str, str]:
    """The environment of a program under test: the tests' git identity, a 256-colour
    terminal, and no size or tmux variables inherited (Textual takes COLUMNS over the pane)."""
    env = git_env(TERM="xterm-256color", **extra)
    for inherited in ("TMUX", "COLUMNS", "LINES"):
        env.pop(inherited, None)
    return env


@contextmanager
def running(
    name: str, cwd: Path, command: str, env: dict[str, str] | None = None, size: str = "120x40"
) -> Iterator[Terminal]:
    """`command` in a new terminal of `size`, killed when the block ends however it ends."""
    session = Terminal(f"factcheck-{name}-{os.getpid()}", cwd, command, env or terminal_env(),
                       size)  # fmt: skip
    try:
        yield session
    finally:
        session.kill()


def changed_lines(repo: Path, path: Path) -> list[str]:
    """The added and removed lines of `git diff` of one file (no headers, no context)."""
    diff = git(repo, "diff", "-U0", "--", str(path))
    return [
        line
        for line in diff.stdout.splitlines()
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
