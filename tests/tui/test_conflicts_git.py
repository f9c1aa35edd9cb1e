"""End to end with real git: two reviewers rate one claim of the shipped timeline two ways,
`git merge` (with the driver from `factcheck git-setup`) stops on the conflict, `factcheck
check` reports it, and the explorer resolves it; both values were offered and every other
edit of both branches is kept.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import attrs
import pytest

from factcheck import store
from factcheck.model import Evidence, Timeline
from factcheck.tui.app import ExplorerApp
from factcheck.tui.screens.conflicts import ConflictsScreen
from factcheck.tui.widgets.key_list import KeyList
from tests.review.helpers import commit, factcheck, git, init_repo, set_status
from tests.tui.conftest import SIZE, main_screen, press

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
NAME = "chicago-facial-recognition-2020"
FILE = f"timelines/{NAME}.toml"
URL = "https://example.org/ben-evidence"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository holding a copy of the shipped timeline and its source, drivers set up."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "home" / ".gitconfig"))
    (tmp_path / "home").mkdir()
    repo = init_repo(tmp_path / "repo")
    (repo / "timelines").mkdir()
    shutil.copy(ROOT / FILE, repo / FILE)
    shutil.copytree(ROOT / "timelines" / "sources", repo / "timelines" / "sources")
    done = factcheck(repo, "git-setup")
    assert done.returncode == 0, done.stderr
    commit(repo, "the shipped timeline")
    return repo


def save_branch(repo: Path, branch: str, value: Timeline, author: str) -> None:
    git(repo, "checkout", "-q", *(["-b"] if branch != "main" else []), branch)
    (repo / FILE).write_text(store.dumps(value), encoding="utf-8")
    commit(repo, f"{author}'s review", FILE, author=author)


def with_evidence(value: Timeline, claim_id: str) -> Timeline:
    claim = value.claim(claim_id)
    assert claim is not None
    item = Evidence(url=URL, title="Ben's source", stance="supports", accessed="2026-11-26")
    return value.replace_claim(attrs.evolve(claim, evidence=(*claim.evidence, item)))


async def test_git_conflict_resolved_in_the_explorer(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = store.load(repo / FILE).timeline
    contested, anas, bens = (claim.id for claim in base.claims[:3])
    ben = with_evidence(set_status(base, contested, "false", "Ben"), bens)
    ana = set_status(set_status(base, contested, "true", "Ana"), anas, "mostly-true", "Ana")
    save_branch(repo, "ben", ben, "Ben Reviewer")
    save_branch(repo, "main", ana, "Ana Tester")

    merged = git(repo, "merge", "--no-edit", "ben", check=False)
    assert 0 < merged.returncode < 128, merged.stdout + merged.stderr
    checked = factcheck(repo, "check", FILE)
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert f"claims.{contested}.status" in checked.stdout

    monkeypatch.chdir(repo)
    async with ExplorerApp(Path(FILE)).run_test(size=SIZE) as pilot:
        screen = await main_screen(pilot)
        assert "2 conflicts" in str(screen.sub_title)  # the status and its reviewer
        await press(pilot, "c")
        conflicts = pilot.app.screen
        assert isinstance(conflicts, ConflictsScreen)
        options = conflicts.query_one(KeyList)
        offered = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        status = next(text for text in offered if text.startswith(f"claims.{contested}  status"))
        assert '"true"' in status and '"false"' in status  # both sides offered
        options.highlighted = offered.index(status)
        await press(pilot, "t")
        assert screen.session.timeline.conflicts == ()
        await press(pilot, "escape", "ctrl+s")
        assert not screen.session.dirty and screen.claim_id == contested

    assert factcheck(repo, "check", FILE).returncode == 0
    git(repo, "commit", "-qam", "resolve the status of the contract claim")
    final = store.load(repo / FILE).timeline
    claims = {claim_id: final.claim(claim_id) for claim_id in (contested, anas, bens)}
    assert claims[contested] == ben.claim(contested)  # theirs, with Ben's stamp
    assert claims[anas] == ana.claim(anas)  # Ana's other review kept
    assert claims[bens] == ben.claim(bens)  # Ben's evidence kept
    assert final.conflicts == ()
