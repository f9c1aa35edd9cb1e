"""`factcheck git-setup`: the .gitattributes lines and git config that plug in the drivers.

Without them git merges timelines line by line (two reviewers editing different claims
conflict) and shows TOML lines in `git diff`; `driver_problems()` lets `factcheck check`
warn about that, since git falls back silently.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from collections.abc import Iterable
from pathlib import Path

import attrs

from factcheck import store
from factcheck.review.gitrun import GitError, run_git  # GitError: the explorer imports it here
from factcheck.store import Problem

DRIVER = "factcheck"
DEFAULT_PATTERN = "timelines/**/*.toml"
ATTRIBUTES = f"diff={DRIVER} merge={DRIVER}"
#: Hunk headers of the TOML text (`git diff --no-textconv`) name the record: the nearest
#: `id = "..."` line above the change. Lines of the textconv view name their record anyway.
XFUNCNAME = r'^(id = ".*")$'
#: A .gitattributes file is a few lines; anything larger is not read.
MAX_ATTRIBUTES_BYTES = 1024 * 1024
#: git's blanks between the fields of an attributes line.
_BLANKS = re.compile(rb"[ \t\r\n]+")


@attrs.frozen
class SetupResult:
    attributes_file: Path | None  # None with --global
    attributes_changed: bool
    config: tuple[tuple[str, str], ...]  # what was set
    scope: str  # "local" or "global"


def _command() -> str:
    """How git starts factcheck: this very interpreter, so PATH does not matter.

    `-P` keeps the current folder off `sys.path`: git runs the drivers from the top of the
    work tree, and a plain `python -m factcheck` there would import a `factcheck/` package
    committed to the repository instead of the installed one (code execution on
    `git show`). See docs/ARCHITECTURE.md, "Threat model".
    """
    return f"{shlex.quote(sys.executable)} -P -m factcheck"


def config_entries() -> tuple[tuple[str, str], ...]:
    command = _command()
    return (
        (f"merge.{DRIVER}.name", "factcheck: merge timelines by record id and field"),
        (f"merge.{DRIVER}.driver", f"{command} merge %O %A %B --name %P"),
        # git caches each blob's view (keyed by this command, which names the view format)
        (f"diff.{DRIVER}.textconv", f"{command} diff --textconv --view-format 1"),
        (f"diff.{DRIVER}.cachetextconv", "true"),
        (f"diff.{DRIVER}.xfuncname", XFUNCNAME),
    )


def repo_root(path: Path) -> Path | None:
    """The top folder of the work tree holding `path`, or None outside git."""
    folder = path if path.is_dir() else path.parent
    try:
        done = run_git(folder if str(folder) else Path("."), "rev-parse", "--show-toplevel")
    except GitError:
        return None
    return Path(done.stdout.strip()) if done.returncode == 0 else None


def update_attributes(data: bytes, pattern: str) -> bytes:
    """`data` with one line `pattern diff=factcheck merge=factcheck`; other lines untouched.

    Works on bytes and splits on b"\\n" only: every other line stays byte for byte (its
    encoding, CRLF ending, form feeds or U+2028 included), and a line for `pattern` is
    rewritten in place with its own line ending.
    """
    wanted = f"{pattern} {ATTRIBUTES}".encode()
    target = pattern.encode()
    newline = b"\r\n" if b"\r\n" in data else b"\n"
    kept: list[bytes] = []
    placed = False
    pieces = data.split(b"\n")
    for line in [piece + b"\n" for piece in pieces[:-1]] + [pieces[-1]] * bool(pieces[-1]):
        body = line.rstrip(b"\r\n")
        fields = _BLANKS.split(body.strip(b" \t"))
        if fields[0] != target:
            kept.append(line)
            continue
        if not placed:
            others = [
                item for item in fields[1:] if _attribute_name(item) not in (b"diff", b"merge")
            ]
            kept.append(b" ".join([wanted, *others]) + (line[len(body) :] or newline))
            placed = True
    if not placed:
        if kept and not kept[-1].endswith(b"\n"):
            kept[-1] += newline
        kept.append(wanted + newline)
    return b"".join(kept)


def _attribute_name(item: bytes) -> bytes:
    return item.split(b"=", 1)[0].lstrip(b"-!")


def default_global_attributes() -> Path:
    """Where git reads global attributes without core.attributesFile (as git resolves it)."""
    config_home = os.environ.get("XDG_CONFIG_HOME", "")
    base = Path(config_home) if config_home else Path.home() / ".config"
    return base / "git" / "attributes"


def _read_attributes(path: Path, pattern: str) -> bytes:
    """The attributes file's bytes (b"" when absent); never through a symbolic link.

    A committed `.gitattributes -> ~/secret` (or `/proc/self/environ`, `/dev/zero`) would
    otherwise be read and written back into the repository as a regular file.
    """
    if path.is_symlink():
        raise GitError(
            f"{path} is a symbolic link; git-setup does not follow it. Replace it with a "
            f"regular file, or add this line yourself: {pattern} {ATTRIBUTES}"
        )
    if not path.exists():
        return b""
    try:
        return store.read_limited(path, str(path), MAX_ATTRIBUTES_BYTES)
    except store.LoadError as error:
        raise GitError(str(error)) from None
    except IsADirectoryError:
        raise GitError(f"{path} is a folder, not an attributes file") from None


def setup(where: Path, pattern: str = DEFAULT_PATTERN, global_: bool = False) -> SetupResult:
    """Install the drivers: config (repo or global) and the repo's .gitattributes."""
    scope = "--global" if global_ else "--local"
    attributes_file: Path | None = None
    changed = False
    if global_:
        done = run_git(where, "config", "--global", "--get", "core.attributesFile")
        configured = done.stdout.strip()
        attributes_file = Path(configured).expanduser() if configured else None
    else:
        root = repo_root(where)
        if root is None:
            raise GitError(f"{where} is not inside a git work tree (use --global, or `git init`)")
        attributes_file = root / ".gitattributes"
    if attributes_file is None:
        attributes_file = default_global_attributes()
    old = _read_attributes(attributes_file, pattern)
    new = update_attributes(old, pattern)
    if new != old:
        attributes_file.parent.mkdir(parents=True, exist_ok=True)
        try:
            store.write_atomic(attributes_file, new)
        except store.StoreError as error:
            raise GitError(str(error)) from None
        changed = True
    for key, value in config_entries():
        done = run_git(where, "config", scope, key, value)
        if done.returncode != 0:
            raise GitError(f"git config {key} failed: {done.stderr.strip()}")
    return SetupResult(attributes_file, changed, config_entries(), scope.lstrip("-"))


UNSAFE_DRIVER = (
    "the factcheck drivers are configured without -P, so git may import code committed to "
    "the repository; run `factcheck git-setup`"
)


def _safe_driver(command: str) -> bool:
    """Whether a configured driver command keeps the work tree off `sys.path`."""
    try:
        words = shlex.split(command)
    except ValueError:
        return False
    return len(words) > 2 and words[1] in ("-P", "-I") and words[2] == "-m"


def driver_problems(paths: Iterable[Path]) -> list[Problem]:
    """A warning for each timeline in a git work tree that git would merge as plain text."""
    by_root: dict[Path, list[Path]] = {}
    roots: dict[Path, Path | None] = {}
    for path in paths:
        folder = path.resolve().parent
        if folder not in roots:
            roots[folder] = repo_root(folder)
        root = roots[folder]
        if root is not None:
            by_root.setdefault(root, []).append(path)
    problems: list[Problem] = []
    for root, files in by_root.items():
        try:
            configured = run_git(root, "config", "--get", f"merge.{DRIVER}.driver")
            relative = [str(path.resolve().relative_to(root.resolve())) for path in files]
            done = run_git(root, "check-attr", "-z", "merge", "--", *relative)
        except (GitError, ValueError):
            continue
        values = done.stdout.split("\0")
        attribute = {values[i]: values[i + 2] for i in range(0, len(values) - 2, 3)}
        for path, name in zip(files, relative, strict=True):
            if attribute.get(name) != DRIVER:
                message = ("git merges this file as plain text (no merge=factcheck attribute); "
                           "run `factcheck git-setup`")  # fmt: skip
            elif configured.returncode != 0 or not configured.stdout.strip():
                message = ("the factcheck merge driver is not configured in this repository; "
                           "run `factcheck git-setup`")  # fmt: skip
            elif not _safe_driver(configured.stdout.strip()):
                message = UNSAFE_DRIVER
            else:
                continue
            problems.append(Problem(str(path), "", message, severity="warning"))
    return problems
