"""`factcheck serve` in a real browser: headless Chromium driven by Playwright.

The explorer draws on a canvas, so the test reads what the page receives on its websocket
(the terminal output) to wait for each screen, and reads the saved file for the result.
"""

from __future__ import annotations

import datetime as dt
import http.client
import os
import selectors
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, WebSocket, sync_playwright

from factcheck import store

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "timelines" / "chicago-facial-recognition-2020.toml"
REVIEWER = "Browser Reviewer"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


pytestmark = pytest.mark.e2e


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Served:
    """A `factcheck serve` process; `url` is the one it printed."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "factcheck", "serve", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=env,
            text=True,
        )
        self.output = ""
        self.url = self.wait_for_line("factcheck serve: open ").split()[-1]

    def wait_for_line(self, start: str) -> str:
        """The first output line starting with `start` (the server prints it once bound)."""
        assert self.process.stdout is not None
        with selectors.DefaultSelector() as selector:
            selector.register(self.process.stdout, selectors.EVENT_READ)
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                if not selector.select(timeout=deadline - time.monotonic()):
                    break
                line = self.process.stdout.readline()
                if not line:
                    break
                self.output += line
                if line.startswith(start):
                    return line.strip()
        raise AssertionError(f"no line starting {start!r}; output:\n{self.output}")

    def stop(self) -> str:
        self.process.terminate()
        remaining, _ = self.process.communicate(timeout=30)
        self.output += remaining or ""
        return self.output


@pytest.fixture
def environment(tmp_path: Path) -> dict[str, str]:
    config = tmp_path / "gitconfig"
    config.write_text(f"[user]\n\tname = {REVIEWER}\n\temail = browser@example.org\n")
    return {**os.environ, "GIT_CONFIG_GLOBAL": str(config), "GIT_CONFIG_NOSYSTEM": "1"}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "timelines"
    shutil.copytree(SHIPPED.parent, copy)
    return copy


@pytest.fixture
def browser_path() -> str:
    path = chromium()
    if path is None:
        pytest.skip("needs Chromium (apt-get install chromium); .ci/run installs it")
    return path


def wait_until(condition: Callable[[], bool], page: Page, what: str) -> None:
    """Poll a condition; Playwright delivers the page's websocket frames meanwhile."""
    deadline = time.monotonic() + 30
    while not condition():
        assert time.monotonic() < deadline, f"waited 30 s for {what}"
        page.wait_for_timeout(50)


class Screen:
    """Everything the page received on its websockets, decoded; waited on by substring."""

    def __init__(self) -> None:
        self.received = ""

    def attach(self, websocket: WebSocket) -> None:
        websocket.on("framereceived", self.frame)

    def frame(self, payload: bytes | str) -> None:
        if isinstance(payload, bytes):
            payload = payload.decode("utf-8", errors="replace")
        self.received += payload

    def wait_for(self, page: Page, text: str, start: int = 0) -> None:
        """Wait until `text` has arrived past `start`."""
        wait_until(lambda: text in self.received[start:], page, f"{text!r} on the screen")

    def press(self, page: Page, key: str, then: str) -> None:
        """Press a key and wait for `text` to be drawn in answer to it."""
        start = len(self.received)
        page.keyboard.press(key)
        self.wait_for(page, then, start)


def test_review_one_claim_in_a_browser(
    folder: Path, environment: dict[str, str], browser_path: str
) -> None:
    path = folder / SHIPPED.name
    before = store.load(path).timeline
    target = before.claims_of(before.events[1].id)[0]
    served = Served([str(path), "--port", str(free_port())], environment)
    try:
        screen = Screen()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=browser_path, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            page.on("websocket", screen.attach)
            fetched: list[str] = []
            page.on("request", lambda request: fetched.append(request.url))
            page.goto(served.url)
            screen.wait_for(page, "reviewed")
            page.focus(".xterm-helper-textarea")  # xterm.js's input: keys go to the app
            screen.press(page, "n", then=target.id)
            screen.press(page, "s", then="enter confirms")
            page.keyboard.press("3")
            screen.press(page, "Enter", then="● unsaved")
            saved_before = path.stat().st_mtime_ns
            page.keyboard.press("Control+s")
            wait_until(lambda: path.stat().st_mtime_ns != saved_before, page, "the save")
            browser.close()
    finally:
        output = served.stop()
    # Offline, and private: the page and its shipped font come from the server, nothing else.
    origin = served.url.split("/?")[0].rstrip("/") + "/"
    assert [url for url in fetched if not url.startswith(origin)] == []
    assert any("/static/fonts/RobotoMono" in url for url in fetched), fetched
    after = store.load(path).timeline
    saved = after.claim(target.id)
    assert saved is not None, output
    assert (saved.status, saved.reviewed_by) == ("true", REVIEWER)
    assert saved.reviewed_on == dt.date.today().isoformat()
    unchanged = [claim for claim in after.claims if claim.id != target.id]
    assert unchanged == [claim for claim in before.claims if claim.id != target.id]


def test_two_tabs_are_two_sessions_that_never_overwrite_each_other(
    folder: Path, environment: dict[str, str], browser_path: str
) -> None:
    """Tab B loaded the file before tab A saved it: B's save is refused (nothing written),
    B merges A's edit with its own, and the file ends with both reviews."""
    path = folder / SHIPPED.name
    before = store.load(path).timeline
    rated_by_a = before.claims_of(before.events[1].id)[0]
    rated_by_b = before.claims_of(before.events[0].id)[0]  # selected when a tab opens
    served = Served([str(path), "--port", str(free_port())], environment)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=browser_path, args=CHROMIUM_ARGS)
            tabs = []
            for _ in range(2):
                page, screen = browser.new_page(viewport={"width": 1200, "height": 800}), Screen()
                page.on("websocket", screen.attach)
                page.goto(served.url)
                screen.wait_for(page, "reviewed")
                page.focus(".xterm-helper-textarea")
                tabs.append((page, screen))
            (page_a, screen_a), (page_b, screen_b) = tabs
            assert len(children(served.process.pid)) == 2  # one explorer process per tab
            screen_a.press(page_a, "n", then=rated_by_a.id)
            screen_a.press(page_a, "3", then="● unsaved")
            saved_before = path.stat().st_mtime_ns
            page_a.keyboard.press("Control+s")
            wait_until(lambda: path.stat().st_mtime_ns != saved_before, page_a, "A's save")
            saved_by_a = path.read_bytes()
            screen_b.press(page_b, "7", then="● unsaved")
            screen_b.press(page_b, "Control+s", then="Keep editing")  # changed on disk
            assert path.read_bytes() == saved_by_a  # nothing written
            screen_b.press(page_b, "m", then="Merged with")
            page_b.keyboard.press("Control+s")
            wait_until(lambda: path.read_bytes() != saved_by_a, page_b, "B's save")
            browser.close()
    finally:
        output = served.stop()
    after = store.load(path).timeline
    for claim, status in ((rated_by_a, "true"), (rated_by_b, "false")):
        saved = after.claim(claim.id)
        assert saved is not None, output
        assert (saved.status, saved.reviewed_by) == (status, REVIEWER), output
    assert after.conflicts == ()


def children(pid: int) -> list[str]:
    """The ids of a process's child processes (Linux /proc)."""
    found: list[str] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += (task / "children").read_text().split()
    return found


def status_of(url: str, path: str, headers: dict[str, str] | None = None) -> int:
    """The HTTP status of a GET (a websocket upgrade when asked by `headers`)."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.netloc, timeout=30)
    try:
        connection.request("GET", path, headers=headers or {})
        return connection.getresponse().status
    finally:
        connection.close()


UPGRADE = {
    "Upgrade": "websocket",
    "Connection": "Upgrade",
    "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
    "Sec-WebSocket-Version": "13",
}


def test_a_non_loopback_bind_requires_the_token(folder: Path, environment: dict[str, str]) -> None:
    path = folder / SHIPPED.name
    port = free_port()
    refused = subprocess.run(
        [sys.executable, "-m", "factcheck", "serve", str(path), "--host", "0.0.0.0",
         "--port", str(port), "--token", ""],
        capture_output=True, text=True, env=environment, timeout=60,
    )  # fmt: skip
    assert refused.returncode == 2
    assert "token" in refused.stderr
    served = Served([str(path), "--host", "0.0.0.0", "--port", str(port)], environment)
    try:
        query = urllib.parse.urlsplit(served.url).query
        token = urllib.parse.parse_qs(query)["token"][0]
        assert len(token) >= 32
        local = f"http://127.0.0.1:{port}"
        assert status_of(local, "/") == 403
        assert status_of(local, "/?token=wrong") == 403
        assert status_of(local, "/ws", UPGRADE) == 403
        assert status_of(local, "/ws/wrong", UPGRADE) == 403
        assert status_of(local, "/static/js/textual.js") == 200  # no secret in the scripts
        assert children(served.process.pid) == [], "a refused request started a process"
        assert status_of(local, f"/?{query}") == 200
        evil = {**UPGRADE, "Origin": "http://evil.example"}
        assert status_of(local, f"/ws/{token}", evil) == 403
        assert children(served.process.pid) == []
        # The same request with the token does start the explorer: the check is not vacuous.
        connection = http.client.HTTPConnection(f"127.0.0.1:{port}", timeout=30)
        connection.request("GET", f"/ws/{token}", headers=UPGRADE)
        assert connection.getresponse().status == 101
        deadline = time.monotonic() + 30
        while not children(served.process.pid):
            assert time.monotonic() < deadline, "the explorer did not start"
            time.sleep(0.05)
        connection.close()
    finally:
        served.stop()


def test_a_loopback_server_answers_only_to_local_names(
    folder: Path, environment: dict[str, str]
) -> None:
    served = Served([str(folder / SHIPPED.name), "--port", str(free_port())], environment)
    try:
        assert status_of(served.url, "/") == 200
        # DNS rebinding: a page from evil.example resolved to 127.0.0.1 sends its own Host.
        assert status_of(served.url, "/", {"Host": "evil.example"}) == 403
        assert status_of(served.url, "/ws", {**UPGRADE, "Host": "evil.example"}) == 403
        assert children(served.process.pid) == []
    finally:
        served.stop()
