"""End to end with real git: git-setup, two branches, real `git merge`, log, diff, history."""

from __future__ import annotations

import json
import random
from pathlib import Path

import attrs
import pytest

from factcheck import store
from factcheck.model import Claim, Event, Timeline
from factcheck.review.history import claim_history
from factcheck.review.merge import resolve
from tests.review.helpers import (
    add_evidence,
    commit,
    factcheck,
    git,
    init_repo,
    set_status,
    timeline,
    write,
)
from tests.review.test_simulation import apply, base_timeline, edit_set

pytestmark = pytest.mark.e2e
FILE = "timelines/case.toml"


@pytest.fixture(autouse=True)
def isolated_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No user or system git config leaks in; --global writes stay in tmp_path."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "home" / ".gitconfig"))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    (tmp_path / "home").mkdir()


def make_repo(tmp_path: Path, base: Timeline, setup: bool = True) -> Path:
    repo = init_repo(tmp_path / "repo")
    write(repo, FILE, base)
    if setup:
        done = factcheck(repo, "git-setup")
        assert done.returncode == 0, done.stderr
    commit(repo, "base")
    return repo


def branch_edit(repo: Path, branch: str, value: Timeline | str, author: str) -> None:
    git(repo, "checkout", "-q", "-B" if branch == "main" else "-b", branch)
    path = repo / FILE
    path.write_text(value if isinstance(value, str) else store.dumps(value))
    commit(repo, f"{author}'s review", FILE, author=author)


def concurrent(tmp_path: Path, base: Timeline, ours: Timeline | str, theirs: Timeline | str):
    """Ben edits on a branch, Ana on main; Ana merges Ben's branch with real git."""
    repo = make_repo(tmp_path, base)
    branch_edit(repo, "ben", theirs, "Ben Reviewer")
    git(repo, "checkout", "-q", "main")
    branch_edit(repo, "main", ours, "Ana Tester")
    merged = git(repo, "merge", "--no-edit", "ben", check=False)
    return repo, merged


def test_git_setup_is_idempotent_and_keeps_other_attributes(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "repo")
    (repo / ".gitattributes").write_text("*.png binary\ntimelines/**/*.toml -diff\n")
    for _ in range(2):
        done = factcheck(repo, "git-setup")
        assert done.returncode == 0, done.stderr
    assert (repo / ".gitattributes").read_text() == (
        "*.png binary\ntimelines/**/*.toml diff=factcheck merge=factcheck\n"
    )
    driver = git(repo, "config", "--get-all", "merge.factcheck.driver").stdout
    assert driver.count("\n") == 1 and "merge %O %A %B" in driver
    assert "diff --textconv" in git(repo, "config", "diff.factcheck.textconv").stdout
    attributes = git(repo, "check-attr", "diff", "merge", "--", "timelines/a/b.toml").stdout
    assert attributes.count("factcheck") == 2


def test_git_setup_global_and_outside_a_repo(tmp_path: Path) -> None:
    outside = tmp_path / "plain"
    outside.mkdir()
    assert factcheck(outside, "git-setup").returncode == 2
    assert factcheck(outside, "git-setup", "--global", "--pattern", "a b.toml").returncode == 2
    done = factcheck(outside, "git-setup", "--global", "--pattern", "*.fc.toml")
    assert done.returncode == 0, done.stderr
    config = (tmp_path / "home" / ".gitconfig").read_text()
    assert "merge %O %A %B" in config
    attributes = tmp_path / "home" / ".config" / "git" / "attributes"
    assert attributes.read_text() == "*.fc.toml diff=factcheck merge=factcheck\n"


def test_git_setup_global_follows_xdg_config_home_like_git(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    repo = init_repo(tmp_path / "repo")
    done = factcheck(repo, "git-setup", "--global", "--pattern", "*.fc.toml")
    assert done.returncode == 0, done.stderr
    attributes = tmp_path / "xdg" / "git" / "attributes"
    assert attributes.read_text() == "*.fc.toml diff=factcheck merge=factcheck\n"
    applied = git(repo, "check-attr", "merge", "--", "case.fc.toml").stdout
    assert applied.strip().endswith("merge: factcheck"), applied


def test_check_warns_until_git_setup_runs(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, timeline(), setup=False)
    before = factcheck(repo, "check", "timelines")
    assert before.returncode == 0  # a warning, not a failure
    assert "warning: git merges this file as plain text" in before.stdout
    assert factcheck(repo, "git-setup").returncode == 0
    after = factcheck(repo, "check", "timelines")
    assert after.returncode == 0 and "warning" not in after.stdout + after.stderr


def test_scenario_1_statuses_of_two_claims(tmp_path: Path) -> None:
    base = timeline()
    repo, merged = concurrent(tmp_path, base, set_status(base, "claim-0", "true", "Ana"),
                              set_status(base, "claim-1", "false", "Ben"))  # fmt: skip
    assert merged.returncode == 0, merged.stdout + merged.stderr
    result = store.load(repo / FILE).timeline
    assert result == set_status(
        set_status(base, "claim-0", "true", "Ana"), "claim-1", "false", "Ben"
    )
    assert factcheck(repo, "check", FILE).returncode == 0


def test_scenario_2_evidence_and_verdict_of_one_claim(tmp_path: Path) -> None:
    base = timeline()
    claim = base.claim("claim-1")
    assert claim is not None
    theirs = base.replace_claim(attrs.evolve(claim, verdict="The figure is right."))
    ours = add_evidence(base, "claim-1", "https://example.org/report")
    repo, merged = concurrent(tmp_path, base, ours, theirs)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    result = store.load(repo / FILE).timeline.claim("claim-1")
    assert result is not None and result.verdict == "The figure is right."
    assert [item.url for item in result.evidence] == ["https://example.org/report"]


def test_scenario_3_both_add_events_and_claims(tmp_path: Path) -> None:
    base = timeline()
    ours = attrs.evolve(base, events=(*base.events, Event(id="hearing", date="2020-03-02")),
                        claims=(*base.claims, Claim(id="ana-claim", event="hearing")))  # fmt: skip
    theirs = attrs.evolve(base, events=(*base.events, Event(id="report", date="2019-12")),
                          claims=(*base.claims, Claim(id="ben-claim", event="report")))  # fmt: skip
    repo, merged = concurrent(tmp_path, base, ours, theirs)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    text = (repo / FILE).read_text()
    result = store.loads(text)
    assert [e.id for e in result.events] == ["report", "event-0", "event-1", "hearing"]
    assert {"ana-claim", "ben-claim"} <= {c.id for c in result.claims}
    assert text == store.dumps(result)  # canonical
    assert factcheck(repo, "check", FILE).returncode == 0


def test_scenario_4_two_statuses_on_one_claim(tmp_path: Path) -> None:
    base = timeline()
    ours, theirs = (
        set_status(base, "claim-1", "true", "Ana"),
        set_status(base, "claim-1", "false", "Ben"),
    )
    repo, merged = concurrent(tmp_path, base, ours, theirs)
    assert merged.returncode == 1
    assert "claims.claim-1.status" in merged.stderr
    unmerged = git(repo, "diff", "--name-only", "--diff-filter=U").stdout.split()
    assert unmerged == [FILE]
    checked = factcheck(repo, "check", FILE)
    assert checked.returncode == 1 and "claims.claim-1.status" in checked.stdout
    loaded = store.load(repo / FILE)
    conflicted = loaded.timeline
    assert conflicted.claim("claim-1") == ours.claim("claim-1")  # ours in the record...
    values = {(c.field, c.ours, c.theirs) for c in conflicted.conflicts}
    assert ("status", '"true"', '"false"') in values  # ...and both in the conflict
    assert ("reviewed_by", '"Ana"', '"Ben"') in values
    index = next(i for i, c in enumerate(conflicted.conflicts) if c.field == "status")
    store.save(repo / FILE, resolve(conflicted, index, "theirs"), loaded.fingerprint)
    assert factcheck(repo, "check", FILE).returncode == 0
    commit(repo, "resolve", FILE)
    assert store.load(repo / FILE).timeline == theirs


def test_scenario_5_broken_toml_falls_back_to_text_merge(tmp_path: Path) -> None:
    base = timeline()
    broken = store.dumps(set_status(base, "claim-1", "false")).replace(
        'status = "false"', "status ="
    )
    repo, merged = concurrent(tmp_path, base, set_status(base, "claim-1", "true"), broken)
    assert merged.returncode == 1
    assert "invalid TOML" in merged.stderr
    text = (repo / FILE).read_text()
    assert "<<<<<<<" in text and ">>>>>>>" in text
    checked = factcheck(repo, "check", FILE)
    assert checked.returncode == 1 and "unresolved merge" in checked.stdout


def test_random_pairs_through_real_git(tmp_path: Path) -> None:
    rng = random.Random(5)
    base = base_timeline()
    for pair in range(2):
        taken: set[tuple[str, str]] = set()
        ours_edits, theirs_edits = (
            edit_set(rng, base, "ana", taken),
            edit_set(rng, base, "ben", taken),
        )
        ours, theirs = apply(base, ours_edits), apply(base, theirs_edits)
        repo, merged = concurrent(tmp_path / str(pair), base, ours, theirs)
        assert merged.returncode == 0, merged.stderr
        assert store.load(repo / FILE).timeline == apply(ours, theirs_edits).canonical()


def test_git_log_and_diff_show_the_semantic_view(tmp_path: Path) -> None:
    base = timeline()
    repo = make_repo(tmp_path, base)
    (repo / FILE).write_text(store.dumps(set_status(base, "claim-1", "true", "Ana")))
    working = git(repo, "diff").stdout
    assert "-claim claim-1: status unverified\n" in working
    assert "+claim claim-1: status true (by Ana on 2026-11-26)\n" in working
    commit(repo, "claim-1 is true", FILE)
    log = git(repo, "log", "-p", "-1", "--", FILE).stdout
    assert "+claim claim-1: status true (by Ana on 2026-11-26)" in log
    assert "[[claims]]" not in log  # the view, not TOML lines
    plain = git(repo, "log", "-p", "-1", "--no-textconv", "--", FILE).stdout
    assert '@@ id = "claim-1"' in plain  # hunk header names the record
    summary = factcheck(repo, "diff", "HEAD~1", FILE)
    assert (summary.returncode, summary.stdout) == (
        1,
        "claim claim-1: status unverified -> true by Ana\n",
    )
    two_revisions = factcheck(repo, "diff", "HEAD~1", "HEAD", FILE)
    assert two_revisions.stdout == summary.stdout
    assert factcheck(repo, "diff", "HEAD", FILE).returncode == 0


def test_history_of_a_claim(tmp_path: Path) -> None:
    base = timeline()
    repo = make_repo(tmp_path, base)
    path = repo / FILE
    first = set_status(base, "claim-1", "true", "Ana")
    path.write_text(store.dumps(first))
    commit(repo, "claim-1 checked", FILE, author="Ana Tester")
    path.write_text("schema = 1\nbroken = [\n")
    commit(repo, "oops", FILE, author="Ben Reviewer")
    second = add_evidence(set_status(first, "claim-0", "false"), "claim-1", "https://example.org/e")
    path.write_text(store.dumps(second))
    commit(repo, "evidence", FILE, author="Ben Reviewer")
    git(repo, "mv", FILE, "timelines/renamed.toml")
    commit(repo, "rename", author="Ana Tester")
    log = git(repo, "log", "-p", "--follow", "--", "timelines/renamed.toml").stdout
    assert "+# factcheck: this version does not load: invalid TOML" in log
    entries = claim_history(repo / "timelines/renamed.toml", "claim-1")
    assert [(e.author, e.subject) for e in entries] == [
        ("Ana Tester", "base"), ("Ana Tester", "claim-1 checked"), ("Ben Reviewer", "oops"),
        ("Ben Reviewer", "evidence"),
    ]  # fmt: skip
    assert entries[0].changes[0].action == "added"
    assert [c.text for c in entries[1].changes] == [
        "claim claim-1: status unverified -> true by Ana"
    ]
    assert "does not load" in entries[2].note
    assert [c.text for c in entries[3].changes] == [
        "claim claim-1: evidence +https://example.org/e (supports)"
    ]
    shown = factcheck(repo, "history", "claim-1")
    assert shown.returncode == 0, shown.stderr
    assert "Ana Tester: claim-1 checked" in shown.stdout
    assert "    claim claim-1: status unverified -> true by Ana" in shown.stdout
    as_json = json.loads(factcheck(repo, "history", "claim-1", "--format", "json").stdout)
    assert [entry["author"] for entry in as_json][-2:] == ["Ana Tester", "Ana Tester"]
    unknown = factcheck(repo, "history", "no-such-claim")
    assert unknown.returncode == 2 and "no-such-claim" in unknown.stderr


def test_history_credits_branch_commits_not_the_merge(tmp_path: Path) -> None:
    base = timeline()
    repo, merged = concurrent(tmp_path, base, set_status(base, "claim-0", "true", "Ana"),
                              set_status(base, "claim-1", "false", "Ben"))  # fmt: skip
    assert merged.returncode == 0
    entries = claim_history(repo / FILE, "claim-1")
    assert [(e.author, [c.text for c in e.changes]) for e in entries][1:] == [
        ("Ben Reviewer", ["claim claim-1: status unverified -> false by Ben"])
    ]
