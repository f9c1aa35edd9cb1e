"""Files from a repository or an archive are untrusted: links, huge values, hostile text.

Issue 17 items 11 and 13: no write through a link out of the timeline folder, no unbounded
read, no link replaced by a copy, no silent overwrite, no megabyte message, no live link
or formula in an export.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from factcheck import store
from factcheck.interop import exporters
from factcheck.model import Claim, Evidence, Source, Timeline
from tests.safety.helpers import GOOD, factcheck

ARTICLE = "date 2020-02-05\n\nChicago police said on Tuesday that the city signed a contract.\n"


def article(folder: Path) -> Path:
    path = folder / "in" / "article.txt"
    path.parent.mkdir(parents=True)
    path.write_text(ARTICLE)
    return path


# --- extract (issue 17.11) ---------------------------------------------------------------


def test_extract_never_writes_through_a_symlinked_sources_folder(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    timelines = tmp_path / "repo" / "timelines"
    timelines.mkdir(parents=True)
    (timelines / "sources").symlink_to(outside, target_is_directory=True)
    done = factcheck("extract", str(article(tmp_path)), "-o", str(timelines / "a.toml"))
    assert done.returncode == 1, done.stdout + done.stderr
    assert b"sources" in done.stderr and b"symbolic link" in done.stderr, done.stderr
    assert list(outside.iterdir()) == []
    assert not (timelines / "a.toml").exists()


def test_extract_never_reads_a_source_copy_without_bound(tmp_path: Path) -> None:
    timelines = tmp_path / "timelines"
    (timelines / "sources").mkdir(parents=True)
    (timelines / "sources" / "a.txt").symlink_to("/dev/zero")
    done = factcheck("extract", str(article(tmp_path)), "-o", str(timelines / "a.toml"))
    assert done.returncode == 1, done.stdout + done.stderr
    assert b"sources/a.txt" in done.stderr and b"not a regular file" in done.stderr


# --- fmt, export, messages (issue 17.13) -------------------------------------------------


def test_fmt_refuses_to_replace_a_symlinked_timeline(tmp_path: Path) -> None:
    real = tmp_path / "real.toml"
    real.write_bytes(GOOD.read_bytes().replace(b"\n", b"\n\n", 1))  # not canonical
    link = tmp_path / "link.toml"
    link.symlink_to(real.name)
    before = real.read_bytes()
    done = factcheck("fmt", str(link))
    assert done.returncode == 1, done.stdout + done.stderr
    assert b"symbolic link" in done.stdout, done.stdout
    assert link.is_symlink() and real.read_bytes() == before
    assert factcheck("fmt", str(real)).returncode == 0  # the file itself is formatted
    assert link.is_symlink()


def test_export_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    output = tmp_path / "report.md"
    output.write_text("my notes\n")
    done = factcheck("export", str(GOOD), "--format", "markdown", "-o", str(output))
    assert done.returncode == 2 and b"--force" in done.stderr, done.stderr
    assert output.read_text() == "my notes\n"
    forced = factcheck("export", str(GOOD), "--format", "markdown", "-o", str(output), "--force")
    assert forced.returncode == 0, forced.stderr
    assert output.read_text().startswith("# ")


def test_a_megabyte_source_file_value_is_quoted_short(tmp_path: Path) -> None:
    for value in ("x" * 1_000_000, "d/" * 300_000 + "x.txt", "sources/" + "y" * 5000 + ".txt"):
        timeline = Timeline(id="t", sources=(Source(id="s", file=value, sha256="0" * 64),))
        path = tmp_path / "t.toml"
        path.write_text(store.dumps(timeline))
        done = factcheck("check", str(path))
        assert done.returncode == 1
        longest = max(len(line) for line in done.stdout.splitlines())
        assert longest < 300, done.stdout[:400]


def test_markdown_export_defuses_autolinks() -> None:
    text = "see https://evil.example/x, www.evil.example and mail ana@evil.example or @ana"
    line = exporters.md(text)
    for live in ("https://", "www.", "evil.example", " @", "a@"):
        assert live not in line, line
    assert line.replace("\\", "") == text  # rendered, the text reads the same


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
@pytest.mark.parametrize("spaces", [" ", "   ", "\u00a0 "])
def test_csv_guards_formulas_after_leading_spaces(start: str, spaces: str) -> None:
    assert exporters.csv_cell(f"{spaces}{start}1+1").startswith("'")
    assert exporters.csv_cell(" plain") == " plain"


def test_csv_export_of_a_spaced_formula(tmp_path: Path) -> None:
    source = Source(id="s", file="s.txt", sha256=hashlib.sha256(b"").hexdigest())
    claim = Claim(id="c", text="  =HYPERLINK(\"http://evil.example\")", status="unverified",
                  evidence=(Evidence(url="https://example.org/e"),))  # fmt: skip
    exported = exporters.to_csv(Timeline(id="t", sources=(source,), claims=(claim,)))
    assert "'  =HYPERLINK" in exported.text


# --- an archive's .git file (issue 17.3: nothing read without bound while saving) -------


def test_saving_reads_an_archives_dot_git_file_bounded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The write lock goes in the git dir that a `.git` file names (`gitdir: PATH`); an
    extracted archive's `.git` may instead be gigabytes of zeros, read whole before."""
    read: list[int | None] = []  # the limit of each read of a `.git` file
    real_read = store.read_limited
    monkeypatch.setattr(
        store, "read_limited", lambda path, name, limit=None: (path.name == ".git"
        and read.append(limit)) or real_read(path, name, limit),
    )  # fmt: skip
    (tmp_path / "real-git-dir").mkdir()
    work = tmp_path / "work"
    work.mkdir()
    (work / ".git").write_text(f"gitdir: {tmp_path / 'real-git-dir'}\n")
    assert store._git_dir(work) == tmp_path / "real-git-dir"
    with (work / ".git").open("wb") as huge:
        huge.truncate(1024**3)  # sparse: no disk used
    timeline = Timeline(id="t")
    store.save(work / "t.toml", timeline)  # the lock goes beside the file instead
    assert store.load(work / "t.toml").timeline == timeline
    assert len(read) == 2 and all(limit is not None and limit <= 64 * 1024 for limit in read)
