"""The web server: textual-serve's `Server` with our own page, limits and headers.

textual-serve starts one app process per websocket and relays its output to xterm.js in
the page. What we change: the page and every asset come from this server (the stock page
loads a web font from elsewhere); security headers on every response; only our own page
may open a session (Origin check) and, on loopback, only loopback Host names are answered;
at most `max_sessions` sessions, past which visitors get a "busy" page; a session's
process is killed if it does not end within a few seconds of its tab closing.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import textual_serve
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from ketatui.serve import policy

log = logging.getLogger("ketatui.serve")

HERE = Path(__file__).resolve().parent
#: textual-serve's own assets (the terminal script, xterm.css, the Roboto Mono font).
VENDOR_DIR = Path(textual_serve.__file__).resolve().parent / "static"
#: Websocket close code the page reads as "every seat is taken" (4000-4999: ours to use).
CLOSE_BUSY = 4429
#: A session's process gets this long to end after its tab closed, then it is killed.
STOP_GRACE_SECONDS = 5.0


@dataclass(frozen=True)
class ServeOptions:
    """What `ketatui serve` was asked to do."""

    command: str
    mode: str  # "kiosk" or "learner"
    host: str = "127.0.0.1"
    port: int = 8000
    public_url: str | None = None
    max_sessions: int = 20
    title: str = "ketatui"


class Session(AppService):
    """One browser connection's app process; tells the page when the app itself ended."""

    async def on_meta(self, data: bytes) -> None:
        """The app ended by itself (e.g. staff closed the kiosk): tell the page first."""
        meta: dict[str, object] = json.loads(data)
        if meta.get("type") == "exit":
            with contextlib.suppress(Exception):
                await self.remote_write_str(json.dumps(["ketatui", "ended"]))
        await super().on_meta(data)

    async def stop(self) -> None:
        """Ask the app to quit; kill its process if it has not ended after a grace period."""
        try:
            await asyncio.wait_for(super().stop(), STOP_GRACE_SECONDS)
        except TimeoutError:
            process = self._process
            if process is not None and process.returncode is None:
                log.warning("a session's app did not quit in time: killing it")
                process.kill()
                await process.wait()


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class KetatuiServer(Server):
    """Serve the learner app or the kiosk to browsers (see the module docstring)."""

    def __init__(self, options: ServeOptions) -> None:
        super().__init__(
            options.command,
            host=options.host,
            port=options.port,
            title=options.title,
            public_url=options.public_url,
            statics_path=HERE / "static",
            templates_path=HERE / "page",
        )
        self.options = options
        self.sessions = 0
        #: The open sessions' websockets, closed on shutdown so their apps quit promptly.
        self.websockets: set[web.WebSocketResponse] = set()
        self.headers = policy.security_headers(options.public_url)
        self.hosts = policy.allowed_hosts(options.host, options.port, options.public_url)
        self.templates = jinja2.Environment(
            loader=jinja2.FileSystemLoader(HERE / "page"), autoescape=True
        )

    async def _make_app(self) -> web.Application:
        """The aiohttp application: our routes and the header middleware."""
        app = web.Application(middlewares=[self._guard])
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.get("/healthz", self.handle_health, name="health"),
                web.static("/static", HERE / "static", name="static"),
                web.static("/vendor", VENDOR_DIR, name="vendor"),
            ]
        )
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Refuse unknown Host names; add the security headers to every response."""
        if self.hosts is not None and request.host.lower() not in self.hosts:
            response: web.StreamResponse = web.Response(
                status=421, text="This server only answers on its own address.\n"
            )
        else:
            try:
                response = await handler(request)
            except web.HTTPException as error:
                response = error
        response.headers.update(self.headers)
        return response

    async def on_startup(self, app: web.Application) -> None:
        """Say where the server listens (the command prints the warnings before this)."""
        what = "kiosk" if self.options.mode == "kiosk" else "learner app"
        self.console.print(
            f"ketatui serve: the {what} on {self.public_url}/ "
            f"(at most {self.options.max_sessions} sessions). Press Ctrl+C to stop.",
            highlight=False,
        )

    async def on_shutdown(self, app: web.Application) -> None:
        """Ctrl+C: end every session (each app is asked to quit) instead of waiting on them."""
        for websocket in list(self.websockets):
            with contextlib.suppress(Exception):
                await websocket.close(code=1001, message=b"server stopping")

    def _render(self, name: str, **context: Any) -> str:
        return self.templates.get_template(name).render(**context)

    async def handle_index(self, request: web.Request) -> web.Response:
        """The page (or the busy page when every session is taken)."""
        if self.sessions >= self.options.max_sessions:
            return self._busy_page()
        ws_url = ""
        if self.options.public_url:
            ws_url = self._public_ws_url()
        page = self._render(
            "index.html",
            title=self.options.title,
            mode=self.options.mode,
            websocket_url=ws_url,
            font_size=_font_size(request.query.get("fontsize", "")),
        )
        return web.Response(
            text=page, content_type="text/html", headers={"Cache-Control": "no-store"}
        )

    def _public_ws_url(self) -> str:
        base = self.public_url.rstrip("/")
        scheme, rest = base.split(":", 1)
        return ("wss:" if scheme == "https" else "ws:") + rest + "/ws"

    def _busy_page(self) -> web.Response:
        page = self._render("busy.html", title=self.options.title, mode=self.options.mode)
        return web.Response(
            status=503,
            text=page,
            content_type="text/html",
            headers={"Retry-After": "15", "Cache-Control": "no-store"},
        )

    async def handle_health(self, request: web.Request) -> web.Response:
        """Open sessions and the limit, for monitoring (no visitor data)."""
        body = {"sessions": self.sessions, "max_sessions": self.options.max_sessions}
        return web.json_response(body, headers={"Cache-Control": "no-store"})

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One session: check the origin and the limit, then run an app process for it."""
        origin = request.headers.get("Origin")
        if not policy.websocket_origin_ok(origin, request.host, self.options.public_url):
            raise web.HTTPForbidden(text="Sessions open only from this server's own page.\n")
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)
        if self.sessions >= self.options.max_sessions:
            await websocket.close(code=CLOSE_BUSY, message=b"busy")
            return websocket
        self.sessions += 1
        self.websockets.add(websocket)
        try:
            await self._run_session(request, websocket)
        finally:
            self.websockets.discard(websocket)
            self.sessions -= 1
        return websocket

    async def _run_session(self, request: web.Request, websocket: web.WebSocketResponse) -> None:
        width = _clamp(request.query.get("width", ""), 80, 10, 500)
        height = _clamp(request.query.get("height", ""), 24, 5, 200)
        session: Session | None = None
        try:
            session = Session(
                self.command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=lambda: _close(websocket),
                download_manager=self.download_manager,
                debug=self.debug,
            )
            await session.start(width, height)
            await self._process_messages(websocket, session)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # a broken message must not take the server down
            log.warning("session ended by an error: %s", error)
        finally:
            if session is not None:
                await session.stop()


async def _close(websocket: web.WebSocketResponse) -> None:
    await websocket.close()


def _clamp(text: str, default: int, low: int, high: int) -> int:
    try:
        value = int(text)
    except ValueError:
        return default
    return max(low, min(high, value))


def _font_size(text: str) -> int:
    """`?fontsize=N` of the page: bigger text on a tablet without zooming the page."""
    return _clamp(text, 16, 8, 48)
