"""The review commands: `factcheck diff`, `merge`, `git-setup` and `history`.

Kept light at import time (click only): the review modules load inside each command, and
git runs the diff and merge drivers once per file.
"""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from factcheck.text import clip, sanitize, sanitize_line

DEFAULT_FOLDER = Path("timelines")


def _say(line: str, err: bool = False) -> None:
    click.echo(sanitize_line(line), err=err)


def _fail(message: str, code: int = 2) -> NoReturn:
    _say(f"factcheck: {message}", err=True)
    sys.exit(code)


# --- diff --------------------------------------------------------------------------------


def _load_file(path: Path) -> Any:
    from factcheck import store

    try:
        return store.load(path).timeline
    except store.LoadError as error:
        for problem in error.problems:
            _say(str(problem), err=True)
        sys.exit(2)


def _load_revision(revision: str, path: Path) -> tuple[str, Any]:
    """(label, timeline or None when the file does not exist at that revision).

    The blob's size is checked against the store's limit before it is read: a huge
    timeline packs into a few MB in `.git`.
    """
    from factcheck import store
    from factcheck.review.gitrun import GitError, run_git, run_git_bytes

    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        _fail(f"{path}: folder {folder} does not exist")
    label = f"{revision}:{path}"
    try:
        verified = run_git(folder, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
        if verified.returncode != 0:
            _fail(f"{revision!r} is not a git revision here (and not a file)")
        found = run_git(folder, "rev-parse", "--verify", "--quiet", f"{revision}:./{path.name}")
        if found.returncode != 0:
            return label, None
        blob = found.stdout.strip()
        sized = run_git(folder, "cat-file", "-s", blob).stdout.strip()
        if not sized.isdigit():
            _fail(f"{label}: git cannot tell the size of this version; not read")
        if int(sized) > store.MAX_FILE_BYTES:
            limit = f"the limit is {store.MAX_FILE_BYTES:,} bytes; not read"
            _fail(f"{label}: the file is {int(sized):,} bytes; {limit}")
        shown = run_git_bytes(folder, "cat-file", "blob", blob)
    except GitError as error:
        _fail(str(error))
    if shown.returncode != 0:
        return label, None
    try:
        return label, store.loads(store.decode(shown.stdout, label), label)
    except store.LoadError as error:
        for problem in error.problems:
            _say(str(problem), err=True)
        sys.exit(2)


def _textconv(path: Path) -> None:
    """git's textconv: the one-line-per-field view; unreadable files are shown as they are.

    Shown through the bounded reader: a blob above the size limit (a huge timeline packs
    into a few MB in `.git`) is named, not printed.
    """
    from factcheck import store
    from factcheck.review.diff import view

    try:
        timeline = store.load(path).timeline
    except store.LoadError as error:
        first = error.problems[0]
        click.echo(f"# factcheck: this version does not load: {sanitize_line(first.message)}")
        with contextlib.suppress(OSError, store.LoadError):
            text = store.read_limited(path, str(path)).decode("utf-8", errors="replace")
            click.echo(sanitize(text), nl=False)
        return
    for line in view(timeline):
        click.echo(sanitize_line(line))


@click.command("diff")
@click.argument("args", nargs=-1, metavar="OLD NEW | REV PATH | REV1 REV2 PATH")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="json: a list of changes for tools.")  # fmt: skip
@click.option("--textconv", is_flag=True,
              help="Print one file as one line per field (git's textconv).")  # fmt: skip
@click.option("--view-format", type=click.Choice(["1"]), default="1", hidden=True,
              help="Version of the --textconv view; part of git's cache key for it.")  # fmt: skip
def diff_command(
    args: tuple[str, ...], output_format: str, textconv: bool, view_format: str
) -> None:
    """What changed between two versions of a timeline, one line per change.

    OLD NEW are files; REV PATH compares PATH at a git revision with the working file;
    REV1 REV2 PATH compares two revisions. Exit status: 0 equal, 1 different, 2 usage.
    """
    from factcheck.review.diff import diff

    del view_format  # only one so far; git-setup names it so a new view invalidates the cache
    if textconv:
        if len(args) != 1:
            _fail("--textconv takes exactly one file")
        _textconv(Path(args[0]))
        return
    if len(args) == 2 and Path(args[0]).is_file():
        old_label, new_label = args
        old, new = _load_file(Path(args[0])), _load_file(Path(args[1]))
    elif len(args) == 2:
        path = Path(args[1])
        old_label, old = _load_revision(args[0], path)
        new_label, new = str(path), _load_file(path)
    elif len(args) == 3:
        path = Path(args[2])
        old_label, old = _load_revision(args[0], path)
        new_label, new = _load_revision(args[1], path)
    else:
        _fail("give OLD NEW (files), REV PATH or REV1 REV2 PATH; see `factcheck diff --help`")
    changes = diff(old, new)
    if output_format == "json":
        document = {"old": old_label, "new": new_label, "changes": [c.as_json() for c in changes]}
        click.echo(json.dumps(document, ensure_ascii=True, indent=2))
    else:
        for change in changes:
            _say(change.text)
    sys.exit(1 if changes else 0)


# --- merge -------------------------------------------------------------------------------


def _text_merge(base: Path, ours: Path, theirs: Path, output: Path, name: str) -> None:
    """The fallback: git merge-file with conflict markers, which `factcheck check` reports."""
    from factcheck import store
    from factcheck.review.gitrun import GitError, run_git_bytes

    try:
        done = run_git_bytes(
            Path("."), "merge-file", "-p", "-L", f"{name} (ours)", "-L", f"{name} (base)",
            "-L", f"{name} (theirs)", str(ours), str(base), str(theirs), timeout=120,
        )  # fmt: skip
    except (OSError, GitError) as error:
        _say(f"{name}: git merge-file could not run ({error}); our version is left as it was",
             err=True)  # fmt: skip
        if output != ours:
            store.save_bytes(output, ours.read_bytes())
        return
    if done.returncode >= 128 or done.returncode < 0:
        _say(f"{name}: git merge-file failed: {done.stderr.decode(errors='replace').strip()}; "
             "our version is left as it was", err=True)  # fmt: skip
        if output != ours:
            store.save_bytes(output, ours.read_bytes())
        return
    store.save_bytes(output, done.stdout)
    _say(f"{name}: merged as plain text with conflict markers; fix the file, then run "
         "`factcheck check`", err=True)  # fmt: skip


@click.command("merge")
@click.argument("base", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("ours", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("theirs", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Where to write the result (default: over OURS, as git expects).")  # fmt: skip
@click.option("--name", default=None, help="The file's name for messages (git passes %P).")
def merge_command(
    base: Path, ours: Path, theirs: Path, output: Path | None, name: str | None
) -> None:
    """3-way merge of timelines by record id and field (git merge driver: %O %A %B).

    Exit status: 0 merged cleanly; 1 conflicts, left in [[conflicts]] entries (or, when an
    input does not parse, as text conflict markers); 2 usage.
    """
    from factcheck import store
    from factcheck.review.merge import MergeError, merge_texts

    output = output or ours
    label = name or str(ours)
    try:  # bounded, regular files only; nothing to merge otherwise (not even as text)
        raw = [store.read_limited(path, str(path)) for path in (base, ours, theirs)]
    except (store.LoadError, IsADirectoryError) as error:
        _fail(str(error))
    try:
        base_text, ours_text, theirs_text = (
            store.decode(data, str(path))
            for data, path in zip(raw, (base, ours, theirs), strict=True)
        )
        result = merge_texts(base_text, ours_text, theirs_text, name=label)
    except OSError as error:
        _fail(f"{label}: cannot read {error.filename}: {error.strerror}")
    except (store.LoadError, MergeError) as error:
        for line in str(error).splitlines():
            _say(line, err=True)
        _text_merge(base, ours, theirs, output, label)
        sys.exit(1)
    except Exception as error:  # a merge driver must never lose work: fall back to text
        _say(f"{label}: internal error in the merge ({type(error).__name__}: {error})", err=True)
        _text_merge(base, ours, theirs, output, label)
        sys.exit(1)
    try:
        store.save_bytes(output, result.text.encode("utf-8"))
    except store.StoreError as error:
        _fail(str(error), 1)
    if result.clean:
        return
    conflicts = result.timeline.conflicts
    _say(f"{label}: {len(conflicts)} conflict(s) left for review:", err=True)
    for conflict in conflicts:
        where = f"{conflict.record}.{conflict.field}" if conflict.field else conflict.record
        _say(f"  {where}: ours {clip(conflict.ours)}, theirs {clip(conflict.theirs)}", err=True)
    _say("resolve them in the explorer (pick ours or theirs); `factcheck check` lists them",
         err=True)  # fmt: skip
    sys.exit(1)


# --- git-setup ---------------------------------------------------------------------------


@click.command("git-setup")
@click.option("--global", "global_", is_flag=True,
              help="Configure the drivers for every repository of this user.")  # fmt: skip
@click.option("--pattern", default="timelines/**/*.toml", show_default=True,
              help="Which files use the drivers (.gitattributes pattern).")  # fmt: skip
def git_setup_command(global_: bool, pattern: str) -> None:
    """Make git diff and merge timelines by record (writes .gitattributes and git config).

    Safe to run again: entries already there are left as they are.
    """
    from factcheck.review.gitsetup import GitError, setup

    if not pattern or any(character.isspace() for character in pattern) or pattern[0] in "#!":
        _fail(f"--pattern {json.dumps(pattern)}: a .gitattributes pattern has no spaces and "
              "does not start with # or !")  # fmt: skip
    try:
        result = setup(Path.cwd(), pattern, global_)
    except GitError as error:
        _fail(str(error))
    state = "updated" if result.attributes_changed else "already up to date"
    _say(f"{result.attributes_file}: {state} ({pattern} diff=factcheck merge=factcheck)")
    for key, value in result.config:
        _say(f"git config --{result.scope} {key} {value}")


# --- history -----------------------------------------------------------------------------


def _files_with(record_id: str, where: Path) -> list[Path]:
    from factcheck import store
    from factcheck.check import timeline_files

    found = []
    for path in timeline_files([where]):
        try:
            timeline = store.load(path).timeline
        except store.LoadError:
            continue
        if timeline.claim(record_id) is not None or timeline.event(record_id) is not None:
            found.append(path)
    return found


@click.command("history")
@click.argument("record_id", metavar="ID")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True)  # fmt: skip
def history_command(record_id: str, path: Path | None, output_format: str) -> None:
    """Every change to claim or event ID in the git history of its timeline file.

    PATH is the timeline (default: the file under ./timelines that has ID).
    """
    from factcheck.review.gitsetup import GitError
    from factcheck.review.history import claim_history

    where = path or DEFAULT_FOLDER
    if not where.exists():
        _fail(f"{where}: no such file or folder")
    files = [where] if where.is_file() else _files_with(record_id, where)
    if not files:
        _fail(f"no timeline in {where} has a claim or event {json.dumps(record_id)}; give the file")
    report: list[dict[str, Any]] = []
    for file in files:
        try:
            entries = claim_history(file, record_id)
        except GitError as error:
            _fail(str(error))
        entries.reverse()  # newest first, like git log
        if output_format == "json":
            report += [
                {"file": str(file), "commit": e.commit, "author": e.author, "email": e.email,
                 "date": e.date, "subject": e.subject, "note": e.note,
                 "changes": [change.as_json() for change in e.changes]}
                for e in entries
            ]  # fmt: skip
            continue
        if not entries:
            _say(f"{file}: no commit changed {record_id}")
        for entry in entries:
            _say(f"{entry.short} {entry.date[:10]} {entry.author}: {entry.subject}")
            if entry.note:
                _say(f"    ({entry.note})")
            for change in entry.changes:
                _say(f"    {change.text}")
    if output_format == "json":
        click.echo(json.dumps(report, ensure_ascii=True, indent=2))


COMMANDS = (diff_command, merge_command, git_setup_command, history_command)
