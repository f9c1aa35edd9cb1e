"""A repository is untrusted input: nothing committed to it may run through our git drivers."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner

import factcheck as factcheck_package
from factcheck import store
from factcheck.cli import cli
from factcheck.review import history
from factcheck.review.gitrun import GitError
from factcheck.review.history import claim_history
from tests.review.helpers import commit, factcheck, git, init_repo, set_status, timeline, write
from tests.review.test_git import isolated_git  # noqa: F401 (autouse: no user git config)

pytestmark = pytest.mark.e2e
FILE = "timelines/case.toml"


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


# --- git-setup never follows a committed .gitattributes link (issue 17.2) -----------------


def test_git_setup_refuses_a_symlinked_gitattributes(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOKEN=hunter2\n")
    for target in (secret, Path("/dev/zero")):
        repo = init_repo(tmp_path / f"repo-{target.name}")
        (repo / ".gitattributes").symlink_to(target)
        done = factcheck(repo, "git-setup")
        assert done.returncode == 2, done.stdout + done.stderr
        assert ".gitattributes is a symbolic link" in done.stderr, done.stderr
        assert (repo / ".gitattributes").is_symlink()  # not replaced by a copy of the target
    assert secret.read_text() == "TOKEN=hunter2\n"


def test_git_setup_reads_gitattributes_bounded(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "repo")
    with (repo / ".gitattributes").open("wb") as handle:
        handle.truncate(2 * 1024 * 1024)  # sparse: 2 MiB of NULs, above the limit
    done = factcheck(repo, "git-setup")
    assert done.returncode == 2 and "limit" in done.stderr, done.stderr


# --- git-setup leaves other .gitattributes lines byte for byte (issue 17.10) -------------


def test_git_setup_keeps_other_lines_byte_for_byte(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "repo")
    original = (
        b"*.png binary\r\n"
        b"*.txt text eol=lf \xc2\x85 next\r\n"  # U+0085 inside a line
        b"*.md diff\x0cmarkdown\n"  # form feed
        b"*.rst text \xe2\x80\xa8 x\n"  # U+2028
        b"caf\xe9.txt -diff\n"  # Latin-1: not UTF-8
        b"timelines/**/*.toml -diff\r\n"  # our pattern: rewritten in place, CRLF kept
        b"last-line-without-newline"
    )
    (repo / ".gitattributes").write_bytes(original)
    for _ in range(2):
        done = factcheck(repo, "git-setup")
        assert done.returncode == 0, done.stderr
    assert (repo / ".gitattributes").read_bytes() == original.replace(
        b"timelines/**/*.toml -diff\r\n",
        b"timelines/**/*.toml diff=factcheck merge=factcheck\r\n",
    )


def test_git_setup_appends_with_the_files_line_ending(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "repo")
    (repo / ".gitattributes").write_bytes(b"*.png binary\r\n*.jpg binary")
    assert factcheck(repo, "git-setup").returncode == 0
    assert (repo / ".gitattributes").read_bytes() == (
        b"*.png binary\r\n*.jpg binary\r\ntimelines/**/*.toml diff=factcheck merge=factcheck\r\n"
    )


# --- git runs with a hostile .git/config disarmed (issue 17.12) --------------------------


def plant_hostile_config(repo: Path, marker: Path) -> None:
    """A .git/config (as in an extracted archive) whose settings would run a command."""
    command = f"touch {marker}; false"
    git(repo, "config", "core.fsmonitor", command)
    git(repo, "config", "core.pager", command)
    git(repo, "config", "log.showSignature", "true")
    git(repo, "config", "gpg.program", command)
    hooks = repo / ".git" / "hooks"
    hooks.mkdir(exist_ok=True)
    for hook in ("post-checkout", "pre-commit", "post-index-change"):
        (hooks / hook).write_text(f"#!/bin/sh\ntouch {marker}\n")
        (hooks / hook).chmod(0o755)


def test_check_history_and_diff_never_run_commands_from_the_repository_config(
    tmp_path: Path,
) -> None:
    marker = tmp_path / "pwned"
    repo = init_repo(tmp_path / "repo")
    assert factcheck(repo, "git-setup").returncode == 0
    write(repo, FILE, timeline())
    commit(repo, "base")
    write(repo, FILE, set_status(timeline(), "claim-1", "true"), with_source=False)
    commit(repo, "review")
    plant_hostile_config(repo, marker)
    assert git(repo, "check-attr", "merge", "--", FILE).returncode == 0
    assert marker.exists(), "the planted config does not run a command: the test tests nothing"
    marker.unlink()
    checked = factcheck(repo, "check", FILE)
    history = factcheck(repo, "history", "claim-1", FILE)
    diffed = factcheck(repo, "diff", "HEAD~1", FILE)
    assert not marker.exists(), "factcheck ran git with the repository's hostile config"
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "status unverified -> true" in history.stdout, history.stderr
    assert diffed.returncode == 1, diffed.stdout + diffed.stderr
    assert diffed.stdout == "claim claim-1: status unverified -> true by Ana\n"


def test_git_runs_only_through_the_hardened_runner() -> None:
    """Every program factcheck starts goes through `gitrun` (its safe options above): no
    other module calls subprocess or os.system (the reviewer stamp's `git config user.name`
    did, in the folder the explorer was opened in)."""
    package = Path(factcheck_package.__file__).parent
    starts = re.compile(r"\bsubprocess\.(?:run|Popen|call|check_call|check_output)\(|"
                        r"\bos\.(?:system|popen|exec\w*|spawn\w*)\(")  # fmt: skip
    offenders = [
        f"{path.relative_to(package)}:{number}"
        for path in sorted(package.rglob("*.py"))
        if path.name != "gitrun.py"
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if starts.search(line)
    ]
    assert offenders == []


# --- history: commit messages cannot forge entries (issue 17.7) --------------------------


def test_history_subjects_cannot_forge_entries(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "repo")
    write(repo, FILE, timeline())
    real = commit(repo, "base")
    fake = ("", "Ben Reviewer", "ben@example.org", "2020-01-01T00:00:00+00:00", "forged")
    forged = f"innocent\x1e{real}\x1f" + "\x1f".join(fake)
    write(repo, FILE, set_status(timeline(), "claim-1", "true"), with_source=False)
    commit(repo, forged, author="Mallory Attacker")
    write(repo, FILE, set_status(timeline(), "claim-1", "false"), with_source=False)
    commit(repo, "oops\x1e", author="Mallory Attacker")
    done = factcheck(repo, "history", "claim-1", FILE, "--format", "json")
    assert done.returncode == 0, done.stderr
    entries = json.loads(done.stdout)
    assert [(e["author"], e["subject"]) for e in entries] == [
        ("Mallory Attacker", "oops\x1e"), ("Mallory Attacker", forged), ("Ana Tester", "base"),
    ]  # fmt: skip
    text = factcheck(repo, "history", "claim-1", FILE).stdout
    assert "Ben Reviewer" not in text.replace("\\x1fBen Reviewer", "")


def test_history_is_newest_first_like_git_log(tmp_path: Path) -> None:
    repo = init_repo(tmp_path / "repo")
    write(repo, FILE, timeline())
    commit(repo, "first")
    write(repo, FILE, set_status(timeline(), "claim-1", "true"), with_source=False)
    commit(repo, "second")
    lines = factcheck(repo, "history", "claim-1", FILE).stdout.splitlines()
    subjects = [line.split(": ", 1)[1] for line in lines if not line.startswith(" ")]
    assert subjects == ["second", "first"]


# --- blobs are size-checked before they are read (issue 17.8) ----------------------------


def big_history(repo: Path) -> None:
    """A timeline whose second version is far larger than the first (padded notes)."""
    write(repo, FILE, timeline())
    commit(repo, "small")
    claim = timeline().claim("claim-1")
    assert claim is not None
    padded = timeline().replace_claim(attrs.evolve(claim, notes="x" * 200_000))
    write(repo, FILE, padded, with_source=False)
    commit(repo, "big")


def test_history_checks_blob_sizes_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = init_repo(tmp_path / "repo")
    big_history(repo)
    monkeypatch.setattr(store, "MAX_FILE_BYTES", 100_000)
    read: list[int] = []
    real_decode = store.decode
    monkeypatch.setattr(
        store, "decode", lambda data, name: read.append(len(data)) or real_decode(data, name)
    )
    monkeypatch.chdir(repo)
    entries = claim_history(repo / FILE, "claim-1")
    assert max(read) < 100_000, "a blob above the limit was read"
    assert [e.subject for e in entries] == ["small", "big"]
    assert "100,000 bytes" in entries[1].note, entries[1].note


def test_diff_rev_path_checks_blob_size_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = init_repo(tmp_path / "repo")
    big_history(repo)
    write(repo, FILE, timeline(), with_source=False)
    monkeypatch.setattr(store, "MAX_FILE_BYTES", 100_000)
    monkeypatch.chdir(repo)
    done = CliRunner().invoke(cli, ["diff", "HEAD", FILE])
    assert done.exit_code == 2, done.output
    assert "100,000 bytes" in done.output and "not read" in done.output, done.output


def test_textconv_never_prints_a_blob_above_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`git show` runs the textconv on a temp copy of each blob; a version that does not
    load was printed whole (a 200 MB one: 200 MB printed, 421 MB peak)."""
    big = tmp_path / "big.toml"
    big.write_text('id = "x"\n' + "# padding\n" * 20_000)
    monkeypatch.setattr(store, "MAX_FILE_BYTES", 100_000)
    done = CliRunner().invoke(cli, ["diff", "--textconv", str(big)])
    assert done.exit_code == 0, done.output
    assert done.output.startswith("# factcheck: this version does not load: ")
    printed = done.output.count("padding")  # counted: pytest's diff of 200 KB is slow
    assert printed == 0 and "the limit is 100,000 bytes" in done.output[:500]
    broken = tmp_path / "broken.toml"
    broken.write_text('id = "x"\n[oops\n')  # under the limit: shown as it is, to be fixed
    shown = CliRunner().invoke(cli, ["diff", "--textconv", str(broken)]).output
    assert shown.endswith('id = "x"\n[oops\n'), shown


@pytest.mark.parametrize(
    "output",
    [
        "not-a-commit\0\0a\0b\0c\0d\0",
        "a" * 40 + "\0\0only three\0",
        "a" * 40 + "\0zz\0n\0e\0d\0s\0",
    ],
)
def test_history_refuses_git_log_output_that_does_not_parse(
    output: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer = subprocess.CompletedProcess(["git"], 0, output, "")
    monkeypatch.setattr(history, "run_git", lambda *args: answer)
    with pytest.raises(GitError, match="does not parse"):
        history._commits(tmp_path, FILE)
