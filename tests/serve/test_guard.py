"""The serve guard's decisions, on requests built in memory (no server, no browser)."""

from __future__ import annotations

import asyncio
import re
import shlex
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer, make_mocked_request

from factcheck import serve
from factcheck.tui import SAVE_WITHIN

TOKEN = "s3cret-token-of-sufficient-length"


def guarded(token: str | None) -> serve.GuardedServer:
    return serve.GuardedServer("true", "127.0.0.1", 8000, token, "test")


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.0.0.2", True), ("::1", True), ("[::1]", True),
     ("localhost", True), ("0.0.0.0", False), ("::", False), ("192.0.2.1", False)],
)  # fmt: skip
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert serve.is_loopback(host) is loopback


def test_a_token_is_generated_for_any_other_address_only() -> None:
    assert serve.choose_token("127.0.0.1", None) is None
    generated = serve.choose_token("0.0.0.0", None)
    assert generated is not None and len(generated) >= 32
    assert generated != serve.choose_token("0.0.0.0", None)
    assert serve.choose_token("127.0.0.1", TOKEN) == TOKEN  # given: required even on loopback
    with pytest.raises(serve.ServeError, match="at least 16"):
        serve.choose_token("0.0.0.0", "short")


@pytest.mark.parametrize(
    ("host", "refused"),
    [("127.0.0.1:8000", False), ("localhost:8000", False), ("[::1]:8000", False),
     ("127.0.0.2:8000", False), ("evil.example:8000", True), ("192.0.2.1:8000", True)],
)  # fmt: skip
def test_a_loopback_server_answers_only_to_loopback_names(host: str, refused: bool) -> None:
    request = make_mocked_request("GET", "/", headers={"Host": host})
    assert (guarded(None).refusal(request) is not None) is refused


@pytest.mark.parametrize(
    ("path", "refused"),
    [("/", True), ("/?token=wrong", True), (f"/?token={TOKEN}", False),
     (f"/?token={TOKEN}x", True), ("/ws", True), ("/download/key", True)],
)  # fmt: skip
def test_the_token_is_required(path: str, refused: bool) -> None:
    request = make_mocked_request("GET", path, headers={"Host": "192.0.2.1:8000"})
    assert (guarded(TOKEN).refusal(request) is not None) is refused


def test_a_websocket_from_another_origin_is_refused() -> None:
    headers = {"Host": "127.0.0.1:8000", "Origin": "http://evil.example"}
    request = make_mocked_request("GET", "/ws", headers=headers)
    assert guarded(None).refusal(request) == "websocket from another origin"
    same = {"Host": "127.0.0.1:8000", "Origin": "http://127.0.0.1:8000"}
    assert guarded(None).refusal(make_mocked_request("GET", "/ws", headers=same)) is None


def test_each_tab_may_save_only_inside_the_served_folder(tmp_path: Path) -> None:
    timeline = tmp_path / "case.toml"
    timeline.write_text("")
    command = shlex.split(serve.explorer_command(timeline))
    assert command[:2] == ["env", f"{SAVE_WITHIN}={tmp_path.resolve()}"]
    assert command[-2:] == ["open", str(timeline.resolve())]
    folder = shlex.split(serve.explorer_command(tmp_path))
    assert folder[1] == f"{SAVE_WITHIN}={tmp_path.resolve()}"


def test_the_page_uses_the_shipped_font_and_nothing_from_another_site() -> None:
    """textual-serve's own page links Google Fonts; the served one uses the wheel's font."""

    async def fetch() -> tuple[str, list[int]]:
        async with TestClient(TestServer(await guarded(None)._make_app())) as client:
            page = await (await client.get("/")).text()
            fonts = re.findall(r'url\("(/static/fonts/[^"]+)"\)', page)
            return page, [(await client.get(font)).status for font in fonts]

    page, font_statuses = asyncio.run(fetch())
    assert re.findall(r'(?:href|src)="(https?:[^"]*)"', page) == []
    assert "googleapis" not in page
    assert font_statuses == [200, 200]
