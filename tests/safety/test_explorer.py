"""The explorer under faults, concurrent edits, hostile files and hostile text.

Driven headless with App.run_test (and, for what reaches a terminal, a real pty).
"""

from __future__ import annotations

import asyncio
import faulthandler
import os
import pty
import random
import select
import subprocess
import sys
import textwrap
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from textual.pilot import Pilot

from factcheck import store
from factcheck.tui.app import ExplorerApp
from factcheck.tui.screens.choice import Choice
from factcheck.tui.screens.main import MainScreen
from factcheck.tui.screens.problems import ProblemsScreen
from factcheck.tui.screens.save_as import SaveAs
from tests.review.helpers import git
from tests.safety.helpers import (
    big_timeline,
    kill_during_saves,
    profile,
    remount,
    tmpfs,
    unsafe_characters,
)
from tests.safety.mutants import mutants
from tests.safety.test_concurrent_edits import _commit_title
from tests.safety.test_disk_faults import _fill
from tests.safety.test_hostile_input import FUZZ
from tests.safety.test_injection import HOSTILE, hostile_timeline
from tests.tui.conftest import settle

Script = Callable[[Pilot[None], ExplorerApp], Awaitable[None]]


@pytest.fixture(autouse=True)
def watchdog() -> Iterator[None]:
    """A frozen explorer dumps every stack and ends the run (no case is timed)."""
    runs = max(profile("FACTCHECK_KILL_RUNS", 0), profile("FACTCHECK_FUZZ_EXAMPLES", 0))
    faulthandler.dump_traceback_later(900 + 30 * runs, exit=True)  # only a hang reaches it
    yield
    faulthandler.cancel_dump_traceback_later()


def explore(path: Path, script: Script) -> None:
    """Open the explorer on `path` headless and run `script` against it."""

    async def run() -> None:
        app = ExplorerApp(path)
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(30000):  # a condition; the bound only ends a hung run
                if isinstance(app.screen, (MainScreen, ProblemsScreen)):
                    break
                await pilot.pause(0.01)
            await pilot.pause()
            await script(pilot, app)

    asyncio.run(run())


def main_screen(app: ExplorerApp) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen), f"on screen: {screen!r}"
    return screen


async def set_status(pilot: Pilot[None], digit: str) -> None:
    await pilot.press("s", digit, "enter")
    await pilot.pause()


async def save_as(pilot: Pilot[None], app: ExplorerApp, target: Path) -> None:
    """Answer "save as" in the dialog on screen, then type the new path."""
    assert isinstance(app.screen, Choice), f"no choice offered: {app.screen!r}"
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(app.screen, SaveAs)
    field = app.screen.query_one("Input")
    field.value = str(target)  # type: ignore[attr-defined]
    await pilot.press("enter")
    await settle(pilot)


def _notifications(app: ExplorerApp) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


# --- kills -------------------------------------------------------------------------------

SAVER = textwrap.dedent(
    """
    import asyncio, sys, time
    from pathlib import Path
    from factcheck.tui.app import ExplorerApp
    from factcheck.tui.screens.main import MainScreen

    async def main():
        app = ExplorerApp(Path(sys.argv[1]))
        async with app.run_test(size=(120, 40)) as pilot:
            while not isinstance(app.screen, MainScreen):
                await pilot.pause(0.01)
            n = 0
            while True:  # reports each save's start and end: the parent kills on them
                await pilot.press("s", "3" if n % 2 else "7", "enter")
                print("start", flush=True)
                began = time.perf_counter()
                await pilot.press("ctrl+s")
                await pilot.pause()
                print(f"saved {time.perf_counter() - began}", flush=True)
                n += 1

    asyncio.run(main())
    """
)


def test_explorer_save_killed_at_random_instants(tmp_path: Path) -> None:
    runs = profile("FACTCHECK_KILL_RUNS", 5)
    path = tmp_path / "big.toml"
    store.save(path, big_timeline(1000))
    old = path.read_bytes()
    original = store.load(path).timeline
    rng = random.Random(3)
    outcomes = {"old": 0, "new": 0}
    landed = {"between saves": 0, "inside a save": 0}
    for run in range(runs):
        path.write_bytes(old)
        child = subprocess.Popen([sys.executable, "-c", SAVER, str(path)], stdout=subprocess.PIPE)
        landed[kill_during_saves(child, rng, run)] += 1
        data = path.read_bytes()
        timeline = store.loads(data.decode("utf-8"))  # loads: never a torn file
        if data == old:
            outcomes["old"] += 1
            continue
        outcomes["new"] += 1
        assert data == store.dumps(timeline).encode("utf-8")  # a complete canonical save
        first = timeline.claims[0]
        assert first.status in ("true", "false")
        assert (
            timeline.replace_claim(
                attrs.evolve(first, status="unverified", reviewed_by="", reviewed_on="")
            )
            == original
        )
    assert outcomes["new"], "no save completed before its kill: the kills tested nothing"
    print(f"explorer kills: {runs} runs, {landed}, outcomes {outcomes}")


# --- disk full, read-only, changed on disk -------------------------------------------------


def _edit_then_fail_then_save_elsewhere(path: Path, elsewhere: Path, reason: str) -> None:
    before = path.read_bytes()

    async def script(pilot: Pilot[None], app: ExplorerApp) -> None:
        screen = main_screen(app)
        await set_status(pilot, "7")
        assert screen.session.dirty
        await pilot.press("ctrl+s")
        await settle(pilot)
        choice = app.screen  # the failed save asks: save as, or keep editing
        assert isinstance(choice, Choice)
        assert reason in choice.question and "edits are kept" in choice.question
        assert "\x1b" not in choice.question
        assert path.read_bytes() == before
        assert screen.session.dirty and screen.session.timeline.claims[0].status == "false"
        await save_as(pilot, app, elsewhere)
        assert not screen.session.dirty

    explore(path, script)
    assert path.read_bytes() == before
    assert store.load(elsewhere).timeline.claims[0].status == "false"


def test_explorer_on_a_full_disk_keeps_the_edits_to_save_elsewhere(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "disk", size="64k") as disk:
        path = disk / "t.toml"
        store.save(path, big_timeline(20))
        saved = path.read_bytes()

        async def fill_then(pilot: Pilot[None], app: ExplorerApp) -> None:
            _fill(disk)

        explore(path, fill_then)
        _edit_then_fail_then_save_elsewhere(path, tmp_path / "elsewhere.toml", "No space left")
        assert path.read_bytes() == saved
        assert sorted(p.name for p in disk.iterdir()) == ["filler", "t.toml"]


def test_explorer_in_a_read_only_folder_keeps_the_edits(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "ro", size="1m") as folder:
        path = folder / "t\x1b]0;pwned\x07.toml"  # the error names the file: shown escaped
        store.save(path, big_timeline(20))
        remount(folder, "ro")
        _edit_then_fail_then_save_elsewhere(path, tmp_path / "mine.toml", "Read-only file system")


def test_explorer_never_overwrites_a_file_changed_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "t.toml"
    store.save(path, big_timeline(20))
    theirs = attrs.evolve(big_timeline(20), title="another reviewer's version")

    async def script(pilot: Pilot[None], app: ExplorerApp) -> None:
        screen = main_screen(app)
        await set_status(pilot, "3")
        subprocess.run(
            [sys.executable, "-c", "import sys; open(sys.argv[1], 'w').write(sys.argv[2])",
             str(path), store.dumps(theirs)],
            check=True,
        )  # fmt: skip
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, Choice)
        assert store.load(path).timeline == theirs
        await save_as(pilot, app, tmp_path / "mine.toml")
        assert not screen.session.dirty

    explore(path, script)
    assert store.load(path).timeline == theirs
    assert store.load(tmp_path / "mine.toml").timeline.claims[0].status == "true"


@pytest.mark.parametrize("replacement", ["folder", "dev-zero", "fifo", "deleted"])
def test_explorer_keeps_the_edits_when_the_file_is_replaced(
    tmp_path: Path, replacement: str
) -> None:
    """Issue 17.3: a folder crashed the explorer (IsADirectoryError) and a symlink to
    /dev/zero read until MemoryError; every read is now bounded and the edits stay."""
    path = tmp_path / "t.toml"
    store.save(path, big_timeline(20))

    async def script(pilot: Pilot[None], app: ExplorerApp) -> None:
        screen = main_screen(app)
        await set_status(pilot, "3")
        path.unlink()
        if replacement == "folder":
            path.mkdir()
        elif replacement == "dev-zero":
            path.symlink_to("/dev/zero")
        elif replacement == "fifo":
            os.mkfifo(path)
        screen.poll_disk()
        await settle(pilot)
        assert screen.session.changed_on_disk and "changed on disk" in _notifications(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, Choice)  # merge, reload, keep editing, save as
        await pilot.press("m")
        await settle(pilot)
        assert "Cannot merge" in _notifications(app) and "edits are kept" in _notifications(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await save_as(pilot, app, tmp_path / "mine.toml")
        assert app.is_running and not screen.session.dirty

    explore(path, script)
    assert store.load(tmp_path / "mine.toml").timeline.claims[0].status == "true"


# --- hostile files and text ---------------------------------------------------------------


@settings(FUZZ, max_examples=profile("FACTCHECK_FUZZ_EXAMPLES", 10))
@given(case=mutants())
def test_hostile_files_open_as_a_timeline_or_a_problem_list(
    case: tuple[list[str], bytes], tmp_path_factory: pytest.TempPathFactory
) -> None:
    _names, data = case
    path = tmp_path_factory.mktemp("explore") / "t.toml"
    path.write_bytes(data)
    try:
        store.load(path)
        expected: type = MainScreen
    except store.LoadError:
        expected = ProblemsScreen

    async def script(pilot: Pilot[None], app: ExplorerApp) -> None:
        assert isinstance(app.screen, expected), app.screen
        await pilot.press("n", "o", "tab", "j", "G", "slash", "escape", "question_mark")
        await pilot.pause()

    explore(path, script)
    assert path.read_bytes() == data


def test_a_ten_million_character_claim_opens_without_a_freeze(tmp_path: Path) -> None:
    timeline = big_timeline(5)
    text = "word ✓ " * (10_000_000 // 7)
    timeline = timeline.replace_claim(attrs.evolve(timeline.claims[0], text=text, verdict=text))
    path = tmp_path / "t.toml"
    store.save(path, timeline)

    async def script(pilot: Pilot[None], app: ExplorerApp) -> None:
        main_screen(app)
        await pilot.press("tab", "j", "k", "n", "p", "v", "escape")
        await pilot.pause()

    explore(path, script)


def _terminal_bytes(path: Path, keys: list[bytes]) -> tuple[bytes, int | None]:
    """Run `factcheck open PATH` on a real pty, press keys, quit: all it wrote, exit code."""
    controller, terminal = pty.openpty()
    os.set_blocking(controller, False)
    child = subprocess.Popen(
        [sys.executable, "-m", "factcheck", "open", str(path)],
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        env={**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"},
        start_new_session=True,
    )
    os.close(terminal)
    received = bytearray()

    def read_some(wait: float) -> bool:
        """Read what is there within `wait` seconds; False at the end of the output."""
        ready, _, _ = select.select([controller], [], [], wait)
        if ready:
            try:
                chunk = os.read(controller, 1 << 16)
            except OSError:  # EIO: the program ended and closed the terminal
                return False
            received.extend(chunk)
            return bool(chunk)
        return True

    def read_until_drawn(marker: bytes) -> None:
        end = time.monotonic() + 120  # generous: a hang fails the run, a busy machine does not
        while marker not in received and time.monotonic() < end and read_some(0.2):
            pass

    def read_response() -> None:
        """Wait for the key's redraw to start, then until the output pauses. A key goes
        out only once the previous one was answered, so an ESC is never read together with
        the next key (which the terminal parser would take as alt+key)."""
        before = len(received)
        end = time.monotonic() + 10  # a key that redraws nothing costs this wait, no more
        while len(received) == before and time.monotonic() < end and read_some(0.2):
            pass
        while read_some(0.3) and len(received) > before:
            before = len(received)

    read_until_drawn(b"\\x1b")  # the escaped payload is drawn: the main screen is up
    for key in keys:
        os.write(controller, key)
        read_response()
    os.write(controller, b"q")
    end = time.monotonic() + 120
    while child.poll() is None and time.monotonic() < end and read_some(0.2):
        pass  # until the program ends
    try:
        code: int | None = child.wait(timeout=120)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
        code = None
    os.close(controller)
    return bytes(received), code


def test_hostile_text_never_reaches_the_terminal(tmp_path: Path) -> None:
    path = tmp_path / "t.toml"
    path.write_text(store.dumps(hostile_timeline()), encoding="utf-8")
    (tmp_path / "src.txt").write_text(HOSTILE, encoding="utf-8")
    # Every pane and modal that shows the claim: source, lists, verdict editor (an Input,
    # which drew its value raw: OSC 52 reached the terminal), status picker, palette, search.
    keys = [b"o", b"\t", b"\t", b"v", b"\x1b", b"s", b"\x1b", b"\x10", b"\x1b", b"?", b"\x1b"]
    keys += [b"/", b"evil", b"\x1b", b"a", b"evil", b"\x1b", b"h", b"\x1b"]
    received, code = _terminal_bytes(path, keys)
    assert b"\\x1b" in received, "the hostile claim was not drawn"
    # (A "[/x]" in the source's title crashed the source view with a MarkupError.)
    assert b"Error" not in received and code == 0, received[-1500:]
    for payload in (b"\x1b]0;pwned", b"\x1b]52;", b"\x1b]8;;https://evil", b"\x1b[2J\x1b[31m"):
        assert payload not in received, payload
    # ESC, BEL and friends are Textual's own escape sequences here; C1 and bidi never are.
    text = received.decode("utf-8", errors="replace")
    foreign = [u for u in unsafe_characters(text.encode()) if u >= "U+0080"]
    assert foreign == [], foreign


def test_hostile_file_names_in_the_folder_list_never_reach_the_terminal(tmp_path: Path) -> None:
    folder = tmp_path / "timelines"
    folder.mkdir()
    hostile = hostile_timeline()
    (folder / "a\x1b]0;pwned\x07\u202e.toml").write_text(store.dumps(hostile), encoding="utf-8")
    (folder / "b[bold].toml").write_text("schema = [", encoding="utf-8")
    received, code = _terminal_bytes(folder, [b"j", b"k", b"\r", b"\x1b"])
    assert b"\\x1b" in received, "the hostile file name was not drawn"
    assert b"Error" not in received and code == 0, received[-1500:]
    assert b"\x1b]0;pwned" not in received
    text = received.decode("utf-8", errors="replace")
    assert [u for u in unsafe_characters(text.encode()) if u >= "U+0080"] == []


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "https://u:p@example.org/"],
)
def test_the_evidence_form_refuses_non_http_urls_with_a_reason(tmp_path: Path, url: str) -> None:
    path = tmp_path / "t.toml"
    store.save(path, big_timeline(5))

    async def script(pilot: Pilot[None], app: ExplorerApp) -> None:
        screen = main_screen(app)
        before = screen.session.timeline
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        form.query_one("#url").value = url  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form, "the form closed on a refused URL"
        problem = str(form.query_one("#problem").render())
        assert problem.strip(), "no reason shown"
        await pilot.press("escape")
        await pilot.pause()
        assert screen.session.timeline == before

    explore(path, script)


@pytest.mark.parametrize("how", ["checkout", "pull"])
def test_explorer_never_overwrites_what_git_brought_in(tmp_path: Path, how: str) -> None:
    upstream = tmp_path / "upstream"
    upstream.mkdir()
    git(upstream, "init", "-q")
    _commit_title(upstream, "first")
    git(tmp_path, "clone", "-q", str(upstream), "reviewer")
    reviewer = tmp_path / "reviewer"
    if how == "checkout":
        git(reviewer, "checkout", "-qb", "other")
        _commit_title(reviewer, "from git")
        git(reviewer, "checkout", "-q", "main")
    else:
        _commit_title(upstream, "from git")
    path = reviewer / "t.toml"

    async def script(pilot: Pilot[None], app: ExplorerApp) -> None:
        screen = main_screen(app)
        await set_status(pilot, "3")
        if how == "checkout":
            git(reviewer, "checkout", "-q", "other")
        else:
            git(reviewer, "pull", "-q", "--ff-only")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, Choice)
        await save_as(pilot, app, tmp_path / "mine.toml")
        assert not screen.session.dirty

    explore(path, script)
    assert store.load(path).timeline.title == "from git"
    assert store.load(tmp_path / "mine.toml").timeline.claims[0].status == "true"
