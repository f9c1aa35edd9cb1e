"""`factcheck serve`: the explorer in a browser, through textual-serve.

Each browser tab runs its own `factcheck open PATH` process, so tabs share the files and
the changed-on-disk protection of two terminals. A tab can edit files on this
machine, so the server binds a loopback address by default; any other address needs a secret
token, checked on the page and on the websocket before any process starts. The served command
is fixed when the server starts: a browser cannot choose what it opens.
"""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import re
import secrets
import shlex
import signal
import socket
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from urllib.parse import quote, urlsplit

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.server import Server

from factcheck.tui import SAVE_WITHIN

#: Paths served without the token: textual-serve's own JavaScript, CSS and fonts.
PUBLIC_PREFIX = "/static/"

#: textual-serve's page asks Google for the terminal's font, although the font ships in its
#: wheel: the page uses the shipped one, so a browser fetches nothing from another site.
FONT_LINK = re.compile(
    r'<link\s+rel="stylesheet"\s+href="https://fonts\.googleapis\.com/[^"]*"\s*/>'
)
SHIPPED_FONTS = """<style>
      @font-face { font-family: "Roboto Mono"; font-style: normal; font-weight: 100 700;
        src: url("{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf"); }
      @font-face { font-family: "Roboto Mono"; font-style: italic; font-weight: 100 700;
        src: url("{{ config.static.url }}fonts/RobotoMono-Italic-VariableFont_wght.ttf"); }
    </style>"""

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class ServeError(Exception):
    """A refused configuration (non-loopback without a token, unknown host); for the user."""


def is_loopback_name(host: str) -> bool:
    """Whether `host` is `localhost` or a loopback address, as written (no DNS)."""
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def is_loopback(host: str) -> bool:
    """Whether every address `host` names is a loopback address."""
    if is_loopback_name(host):
        return True
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError as error:
        raise ServeError(f"cannot resolve host {host!r}: {error.strerror}") from None
    addresses = {str(info[4][0]).partition("%")[0] for info in infos}  # no IPv6 zone
    return bool(addresses) and all(ipaddress.ip_address(ip).is_loopback for ip in addresses)


def choose_token(host: str, token: str | None) -> str | None:
    """The token to require: the given one, a new one for a non-loopback bind, else None."""
    if token is not None:
        if len(token) < 16:
            raise ServeError("the token must be at least 16 characters")
        return token
    if is_loopback(host):
        return None
    return secrets.token_urlsafe(24)


def explorer_command(path: Path) -> str:
    """The shell command each tab runs: this Python, this package, one fixed path.

    `-P`: a `factcheck/` folder in the working directory (a cloned repository of timelines)
    is never imported in place of the installed package. `SAVE_WITHIN` keeps the tab's
    save-as inside the served folder: a browser user can write nowhere else.
    """
    served = path.resolve()
    folder = served if served.is_dir() else served.parent
    return shlex.join(
        ["env", f"{SAVE_WITHIN}={folder}", sys.executable, "-P", "-m", "factcheck", "open",
         str(served)]
    )  # fmt: skip


class GuardedServer(Server):
    """textual-serve's Server with a token check (and an origin check) before every handler.

    The token arrives as `?token=` on the page and as the last path part of the websocket
    URL (`/ws/TOKEN`), because textual.js appends its own `?width=...` to that URL.
    """

    def __init__(self, command: str, host: str, port: int, token: str | None, title: str):
        super().__init__(command, host=host, port=port, title=title)
        shown = socket.gethostname() if host in ("0.0.0.0", "::", "") else host
        self.public_url = f"http://[{shown}]:{port}" if ":" in shown else f"http://{shown}:{port}"
        self.token = token
        self.loopback_only = token is None

    @property
    def page_url(self) -> str:
        """The URL to open, with the token when one is required."""
        return f"{self.public_url}/" + (f"?token={quote(self.token)}" if self.token else "")

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        page = (self.templates_path / "app_index.html").read_text(encoding="utf-8")
        page = FONT_LINK.sub(SHIPPED_FONTS, page)  # tests/serve fails if it no longer matches
        aiohttp_jinja2.setup(app, loader=jinja2.DictLoader({"app_index.html": page}))
        app.router.add_get("/ws/{token}", self.handle_websocket)
        app.middlewares.append(self._guard)
        return app

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.path.startswith(PUBLIC_PREFIX):
            return await handler(request)
        refusal = self.refusal(request)
        if refusal:
            raise web.HTTPForbidden(text=f"factcheck serve: {refusal}\n")
        return await handler(request)

    def refusal(self, request: web.Request) -> str | None:
        """Why a request is refused, or None; nothing starts for a refused request."""
        if self.loopback_only:
            # Refuses DNS rebinding: a page of evil.example resolved to 127.0.0.1.
            if not is_loopback_name(urlsplit(f"//{request.host}").hostname or ""):
                return "this server answers only to localhost"
        else:
            given = request.query.get("token") or request.match_info.get("token") or ""
            assert self.token is not None
            if not hmac.compare_digest(given.encode(), self.token.encode()):
                return "a valid token is required (see the URL printed by the server)"
        # A websocket is not bound by the same-origin policy: any page could open one.
        origin = request.headers.get("Origin")
        if request.path.startswith("/ws") and origin and urlsplit(origin).netloc != request.host:
            return "websocket from another origin"
        return None

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """The page, with URLs built from the request's own host (right behind any address)."""
        forwarded = request.headers.get("X-Forwarded-Proto", request.scheme)
        websocket_url = f"{'wss' if forwarded == 'https' else 'ws'}://{request.host}/ws"
        if self.token:
            websocket_url += "/" + quote(self.token, safe="")
        context = {
            "font_size": 16,
            "app_websocket_url": websocket_url,
            "config": {"static": {"url": PUBLIC_PREFIX}},
            "application": {"name": self.title},
        }
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        response.headers["Referrer-Policy"] = "no-referrer"  # the token stays on this page
        return response

    async def on_startup(self, app: web.Application) -> None:
        """Nothing: textual-serve prints its banner here, before the port is even bound."""

    def announce(self) -> None:
        """Print the URL once the server listens (tests and scripts wait for this line)."""
        print(f"factcheck serve: open {self.page_url}", flush=True)
        if self.token:
            print("Anyone with this URL can edit the served timelines.", flush=True)
        print("Press Ctrl+C to stop.", flush=True)

    def serve(self, debug: bool = False) -> None:
        """textual-serve's serve(), announcing the URL after the port is bound."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        loop.add_signal_handler(signal.SIGINT, self.request_exit)
        loop.add_signal_handler(signal.SIGTERM, self.request_exit)
        web.run_app(
            self._make_app(),
            host=self.host,
            port=self.port,
            handle_signals=False,
            loop=loop,
            print=lambda *_: self.announce(),
        )


def serve(path: Path, host: str, port: int, token: str | None) -> None:
    """Serve the explorer on `path` until interrupted."""
    required = choose_token(host, token)
    server = GuardedServer(explorer_command(path), host, port, required, f"factcheck {path.name}")
    server.serve()
