"""A repository is untrusted input: nothing committed to it may run through our git drivers."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.review.helpers import commit, factcheck, git, init_repo, set_status, timeline, write

pytestmark = pytest.mark.e2e
FILE = "timelines/case.toml"


@pytest.fixture(autouse=True)
def isolated_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No user or system git config leaks in; --global writes stay in tmp_path."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "home" / ".gitconfig"))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    (tmp_path / "home").mkdir()


def plant_hostile_package(repo: Path, marker: Path) -> None:
    """A committed `factcheck/` package that leaves a marker file if it is ever imported."""
    package = repo / "factcheck"
    package.mkdir()
    (package / "__init__.py").write_text(
        f"open({str(marker)!r}, 'w').write('imported from the repository')\n"
    )
    (package / "__main__.py").write_text("")


def hostile_history(repo: Path, marker: Path) -> None:
    """Two commits: the timeline, then the hostile package with a change to the timeline."""
    write(repo, FILE, timeline())
    commit(repo, "base")
    plant_hostile_package(repo, marker)
    write(repo, FILE, set_status(timeline(), "claim-1", "true"), with_source=False)
    commit(repo, "review, and a package")


def test_git_show_and_diff_never_import_a_committed_factcheck_package(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    repo = init_repo(tmp_path / "repo")
    assert factcheck(repo, "git-setup").returncode == 0
    hostile_history(repo, marker)
    shown = git(repo, "show", "HEAD", "--", FILE)
    diffed = git(repo, "diff", "HEAD~1", "HEAD", "--", FILE)
    assert not marker.exists(), "git show ran code committed to the repository"
    for output in (shown.stdout, diffed.stdout):  # the drivers did run: the semantic view
        assert "+claim claim-1: status true" in output


def test_merge_driver_never_imports_a_committed_factcheck_package(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    repo = init_repo(tmp_path / "repo")
    assert factcheck(repo, "git-setup").returncode == 0
    write(repo, FILE, timeline())
    commit(repo, "base")
    git(repo, "checkout", "-q", "-b", "ben")
    write(repo, FILE, set_status(timeline(), "claim-0", "false"), with_source=False)
    commit(repo, "ben's review")
    git(repo, "checkout", "-q", "main")
    write(repo, FILE, set_status(timeline(), "claim-2", "true"), with_source=False)
    plant_hostile_package(repo, marker)  # e.g. pulled earlier with other changes
    commit(repo, "ana's review and a package")
    merged = git(repo, "merge", "--no-edit", "ben", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert not marker.exists(), "the merge driver ran code committed to the repository"
    text = (repo / FILE).read_text()
    assert 'status = "false"' in text and 'status = "true"' in text  # merged by record


def test_global_setup_then_a_hostile_clone(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    hostile = init_repo(tmp_path / "hostile")
    (hostile / ".gitattributes").write_text("timelines/**/*.toml diff=factcheck merge=factcheck\n")
    hostile_history(hostile, marker)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert factcheck(elsewhere, "git-setup", "--global").returncode == 0
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(hostile), str(clone))
    shown = git(clone, "show", "HEAD", "--", FILE)
    assert not marker.exists(), "git show in a fresh clone ran code from the clone"
    assert "+claim claim-1: status true" in shown.stdout


def test_check_warns_about_drivers_configured_by_an_older_version(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "repo")
    write(repo, FILE, timeline())
    assert factcheck(repo, "git-setup").returncode == 0
    unsafe = git(repo, "config", "merge.factcheck.driver").stdout.replace(" -P -m ", " -m ")
    git(repo, "config", "merge.factcheck.driver", unsafe.strip())
    done = factcheck(repo, "check", "timelines")
    assert done.returncode == 0
    assert "configured without -P" in done.stdout, done.stdout
    assert factcheck(repo, "git-setup").returncode == 0
    assert "warning" not in factcheck(repo, "check", "timelines").stdout
