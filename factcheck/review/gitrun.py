"""The one way factcheck runs git: safe inside a repository that may be hostile.

A clone, an extracted archive or a pull-request branch brings its own `.git/config`, and
some settings there name commands that git runs by itself: `core.fsmonitor` on every index
read, hooks, pagers, `gpg.program` under `log.showSignature`, ssh commands for a lazy
fetch. Every git command factcheck runs goes through here: those settings are overridden
on the command line (which beats every config file), the system config is ignored and
nothing may prompt. See README "Safety".
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

#: `-c` overrides that disarm the command-running settings a repository's config may hold.
SAFE_CONFIG = (
    "core.fsmonitor=false",
    "core.hooksPath=/dev/null",
    "core.pager=cat",
    "log.showSignature=false",
    "protocol.allow=never",  # no transport (a lazy fetch could run core.sshCommand)
    "safe.bareRepository=explicit",  # a bare repository planted in a folder is not used
)
#: Environment for git: no system config, no prompt, no askpass, no pager, no external diff.
SAFE_ENVIRONMENT = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_ASKPASS": "",
    "SSH_ASKPASS": "",
    "GIT_PAGER": "cat",
    "PAGER": "cat",
    "GIT_OPTIONAL_LOCKS": "0",  # read-only commands never rewrite the index
}
_DROPPED_ENVIRONMENT = ("GIT_EXTERNAL_DIFF", "GIT_SSH_COMMAND", "GIT_SSH", "GIT_PROXY_COMMAND")
TIMEOUT = 60


class GitError(Exception):
    """git is missing or refused; the message is for the user."""


def command(*args: str) -> list[str]:
    """The argument list of `git ARGS` with the safe overrides in front."""
    overrides = [item for setting in SAFE_CONFIG for item in ("-c", setting)]
    return ["git", "--no-pager", *overrides, *args]


def environment() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in _DROPPED_ENVIRONMENT}
    env.update(SAFE_ENVIRONMENT)
    return env


def run_git(cwd: Path, *args: str, timeout: int = TIMEOUT) -> subprocess.CompletedProcess[str]:
    """Run git in `cwd` and return its text output (undecodable bytes replaced)."""
    done = run_git_bytes(cwd, *args, timeout=timeout)
    return subprocess.CompletedProcess(
        done.args,
        done.returncode,
        done.stdout.decode("utf-8", errors="replace"),
        done.stderr.decode("utf-8", errors="replace"),
    )


def run_git_bytes(
    cwd: Path, *args: str, timeout: int = TIMEOUT
) -> subprocess.CompletedProcess[bytes]:
    """Run git in `cwd` and return its raw output; GitError when git is missing or stalls."""
    try:
        return subprocess.run(
            command(*args),
            cwd=cwd,
            env=environment(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            check=False,
            timeout=timeout,
        )
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH)") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} did not answer within {timeout} s") from None


def open_git(cwd: Path, *args: str) -> subprocess.Popen[bytes]:
    """Start a long-running git (e.g. `cat-file --batch`) with pipes for stdin and stdout."""
    try:
        return subprocess.Popen(
            command(*args),
            cwd=cwd,
            env=environment(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH)") from None
