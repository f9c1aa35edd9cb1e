"""Small timelines built from the model (never hand-written TOML), and git helpers."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import attrs

from factcheck import anchors, store
from factcheck.model import Claim, Event, Evidence, Source, Timeline

SOURCE_FILE = "sources/article.txt"
#: The one git identity of the tests: their commits are Ana Tester's.
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Ana Tester",
    "GIT_AUTHOR_EMAIL": "ana@example.org",
    "GIT_COMMITTER_NAME": "Ana Tester",
    "GIT_COMMITTER_EMAIL": "ana@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_TERMINAL_PROMPT": "0",
}


def git_env(**extra: str) -> dict[str, str]:
    """The environment of git and of the programs under test: the tests' identity, and no
    user or system git config (hooks, signing, a default branch), unless the test points
    GIT_CONFIG_GLOBAL at a config of its own (`git-setup --global` tests)."""
    return {"GIT_CONFIG_GLOBAL": os.devnull, **os.environ, **GIT_ENV, **extra}


def article(count: int) -> str:
    """A synthetic source: one numbered sentence per claim."""
    return "".join(
        f"Sentence {n}: speaker {n % 7} said figure {n * 13} is right. " for n in range(count)
    )


def timeline(claims: int = 3, events: int = 2, text: str | None = None) -> Timeline:
    """A valid timeline with anchored events and claims over `article(claims)`."""
    text = article(max(claims, events)) if text is None else text
    source = Source(
        id="article",
        title="Test article",
        file=SOURCE_FILE,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        published="2020-02-05",
    )
    event_list = [
        Event(
            id=f"event-{n}",
            title=f"Event {n}",
            date=f"2020-01-{n % 28 + 1:02d}",
            anchor=anchors.find("article", text, f"Sentence {n}:"),
        )
        for n in range(events)
    ]
    claim_list = [
        Claim(
            id=f"claim-{n}",
            text=f"figure {n * 13} is right",
            event=f"event-{n % events}" if events else "",
            claimant=f"speaker {n % 7}",
            kind="statistic",
            anchor=anchors.find("article", text, f"figure {n * 13} is right."[:-1]),
        )
        for n in range(claims)
    ]
    return Timeline(
        id="test-timeline",
        title="Test timeline",
        sources=(source,),
        events=tuple(event_list),
        claims=tuple(claim_list),
    ).canonical()


def write(folder: Path, name: str, value: Timeline, with_source: bool = True) -> Path:
    """The timeline saved canonically as folder/name, with its source text beside it."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if with_source:
        source = path.parent / SOURCE_FILE
        source.parent.mkdir(parents=True, exist_ok=True)
        source.write_text(article(max(len(value.claims), len(value.events))))
    path.write_text(store.dumps(value))
    return path


def set_status(value: Timeline, claim_id: str, status: str, by: str = "Ana") -> Timeline:
    claim = value.claim(claim_id)
    assert claim is not None
    return value.replace_claim(
        attrs.evolve(claim, status=status, reviewed_by=by, reviewed_on="2026-11-26")
    )


def add_evidence(value: Timeline, claim_id: str, url: str, stance: str = "supports") -> Timeline:
    claim = value.claim(claim_id)
    assert claim is not None
    item = Evidence(url=url, title="A page", stance=stance, accessed="2026-11-26")
    return value.replace_claim(attrs.evolve(claim, evidence=(*claim.evidence, item)))


def git(
    repo: Path, *args: str, check: bool = True, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """git in `repo` as the tests' identity (`GIT_ENV`, a new repository's branch `main`);
    `env` adds to it (fixed dates, another author). `check`: fail on a non-zero exit."""
    return subprocess.run(
        ["git", "-c", "init.defaultBranch=main", *args],
        cwd=repo,
        env=git_env(**(env or {})),
        capture_output=True,
        text=True,
        check=check,
    )


def factcheck(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "factcheck", *args],
        cwd=cwd,
        env=git_env(),
        capture_output=True,
        text=True,
    )


def init_repo(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q", "-b", "main")
    git(path, "config", "user.name", "Ana Tester")
    git(path, "config", "user.email", "ana@example.org")
    git(path, "config", "commit.gpgsign", "false")
    return path


def commit(repo: Path, message: str, *paths: str, author: str = "Ana Tester") -> str:
    git(repo, "add", *(paths or (".",)))
    email = author.split()[0].lower() + "@example.org"
    git(repo, "-c", f"user.name={author}", "-c", f"user.email={email}", "commit", "-q",
        "-m", message, "--author", f"{author} <{email}>")  # fmt: skip
    return git(repo, "rev-parse", "HEAD").stdout.strip()
