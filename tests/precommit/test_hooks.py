"""The pre-commit hooks of `.pre-commit-hooks.yaml`, run by pre-commit itself.

A scratch repository of timelines tries the hooks with `pre-commit try-repo`, and uses them
through a `.pre-commit-config.yaml` (the README's snippet); both point at a commit of this
working tree (uncommitted edits included). pre-commit installs that into a fresh virtualenv
with pip (from PyPI), as a team using the hooks would get it. try-repo keeps no cache, so each
call reinstalls (about 25 s here): it runs twice, the snippet's hooks share one install.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.review.helpers import git, git_env

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "timelines" / "chicago-facial-recognition-2020.toml"

pytestmark = pytest.mark.e2e


@pytest.fixture
def hooks(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, Path]:
    """A one-commit copy of this working tree (uncommitted edits included), its commit id,
    and a pre-commit cache."""
    snapshot = tmp_path_factory.mktemp("hooks-repo")
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, capture_output=True, check=True,
    ).stdout.decode()  # fmt: skip
    for name in filter(None, listed.split("\0")):
        if (ROOT / name).is_file():
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, snapshot / name)
    git(snapshot, "init", "-q")
    git(snapshot, "add", ".")
    git(snapshot, "commit", "-qm", "snapshot")
    revision = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=snapshot, capture_output=True, text=True, check=True
    ).stdout.strip()
    return snapshot, revision, tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    shutil.copytree(SHIPPED.parent, tmp_path / "timelines")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    return tmp_path


def run_hook(
    folder: Path, hook: str, hooks: tuple[Path, str, Path]
) -> subprocess.CompletedProcess[str]:
    snapshot, revision, home = hooks
    (folder / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {snapshot}\n    rev: {revision}\n    hooks:\n"
        "      - id: factcheck-check\n      - id: factcheck-fmt\n"
    )
    git(folder, "add", ".")
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", hook, "--all-files"],
        cwd=folder,
        env=git_env(PRE_COMMIT_HOME=str(home), PYTHONPATH=""),
        capture_output=True,
        text=True,
        timeout=600,
    )


def break_a_status(timeline: Path) -> None:
    """Give the first claim a status that does not exist."""
    lines = timeline.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(n for n, line in enumerate(lines) if line.startswith("status = "))
    lines[number] = 'status = "bogus"\n'
    timeline.write_text("".join(lines), encoding="utf-8")


#: Where `factcheck check` locates the broken status: file, line, record, field.
LOCATED = rf'timelines/{re.escape(SHIPPED.name)}:\d+: claims\[\d+\] \(id "[^"]+"\)\.status: '


def test_try_repo_passes_the_shipped_timeline_and_locates_a_broken_one(
    repository: Path, hooks: tuple[Path, str, Path]
) -> None:
    snapshot, revision, _home = hooks

    def try_repo() -> subprocess.CompletedProcess[str]:
        git(repository, "add", ".")
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "try-repo", str(snapshot), "--ref", revision,
             "--all-files"],
            cwd=repository, env=git_env(PYTHONPATH=""),
            capture_output=True, text=True, timeout=600,
        )  # fmt: skip

    passed = try_repo()  # every hook of the manifest: check and fmt
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert re.search(r"factcheck check\.+Passed", passed.stdout), passed.stdout
    assert re.search(r"factcheck fmt\.+Passed", passed.stdout), passed.stdout
    break_a_status(repository / "timelines" / SHIPPED.name)
    failed = try_repo()
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert re.search(r"factcheck check\.+Failed", failed.stdout), failed.stdout
    assert re.search(LOCATED + '"bogus" is not one of', failed.stdout), failed.stdout


def test_check_and_fmt_hooks(repository: Path, hooks: tuple[Path, str, Path]) -> None:
    passed = run_hook(repository, "factcheck-check", hooks)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout
    timeline = repository / "timelines" / SHIPPED.name
    canonical = timeline.read_bytes()
    break_a_status(timeline)
    failed = run_hook(repository, "factcheck-check", hooks)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert re.search(LOCATED + '"bogus" is not one of', failed.stdout), failed.stdout

    # The same environment runs the fmt hook (one test: one install, whatever the workers).
    timeline.write_bytes(canonical.replace(b"\n[[claims]]", b"\n\n\n[[claims]]", 1))
    failed = run_hook(repository, "factcheck-fmt", hooks)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "files were modified by this hook" in failed.stdout
    assert timeline.read_bytes() == canonical
    assert run_hook(repository, "factcheck-fmt", hooks).returncode == 0
