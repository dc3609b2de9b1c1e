"""`ketatui serve` over plain HTTP and websockets (no browser): nothing external on the
page, security headers, only our own page and address, the session limit, and a clean stop.

The browser tests (tests/browser/) drive the same server in Chromium.
"""

from __future__ import annotations

import asyncio
import re
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("textual_serve", reason='needs the serve extra: pip install ".[serve]"')
import aiohttp  # installed with the extra

from browser.server import Served, start_serve

COURSE = Path(__file__).parent / "data" / "browser_course"
#: Any absolute URL, or a protocol-relative one ("//host/..."), in HTML, CSS or JS.
EXTERNAL = re.compile(r"""(?:https?:|wss?:)?//[A-Za-z0-9.\-]+""")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    """The learner app, at most two sessions at once."""
    served = start_serve(tmp_path, ["--max-sessions", "2"], COURSE)
    yield served
    served.stop()


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], str]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def linked(page: str) -> list[str]:
    """Every src= and href= of a page."""
    return re.findall(r"""(?:src|href)=["']([^"']+)["']""", page)


def test_page_and_its_stylesheets_name_nothing_outside_the_server(served: Served):
    status, _, page = get(served.url)
    assert status == 200
    links = linked(page)
    assert "/vendor/js/textual.js" in links and "/static/ketatui.js" in links
    assert EXTERNAL.findall(page) == []
    for link in links:
        assert link.startswith(("/", "data:")), f"not served from here: {link}"
        if link.endswith(".css"):
            _, _, css = get(served.url.rstrip("/") + link)
            css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)  # licence comments name sites
            assert EXTERNAL.findall(css) == [], f"{link} names an outside address"
            for url in re.findall(r"url\(([^)]+)\)", css):
                assert url.strip("\"'").startswith(("/", "data:")), f"{link}: {url}"
    # The stock textual-serve page loaded a Google web font; ours must not.
    assert "googleapis" not in page and "Roboto%20Mono" not in page


def test_security_headers_on_the_page_and_every_asset(served: Served):
    for path in ("", "static/ketatui.js", "vendor/js/textual.js", "healthz", "missing"):
        _, headers, _ = get(served.url + path)
        csp = headers["Content-Security-Policy"]
        assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp, path
        assert "script-src 'self'" in csp and "connect-src 'self'" in csp
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "no-referrer"
    _, headers, _ = get(served.url)
    assert headers["Cache-Control"] == "no-store"


def test_other_host_names_are_not_answered(served: Served):
    # A web page elsewhere could point a name of its own at 127.0.0.1 (DNS rebinding).
    status, _, body = get(served.url, {"Host": "rebind.example:8000"})
    assert status == 421
    assert "only answers on its own address" in body
    port = served.url.rsplit(":", 1)[1].strip("/")
    assert get(served.url, {"Host": f"localhost:{port}"})[0] == 200


async def _open(url: str, origin: str, client: aiohttp.ClientSession) -> object:
    return await client.ws_connect(url + "ws?width=80&height=24", origin=origin)


def test_sessions_open_only_from_our_own_page_and_up_to_the_limit(served: Served):
    origin = served.url.rstrip("/")

    async def scenario() -> None:
        async with aiohttp.ClientSession() as client:
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await _open(served.url, "https://elsewhere.example", client)
            assert refused.value.status == 403
            first = await _open(served.url, origin, client)
            second = await _open(served.url, origin, client)
            assert served.wait_for_sessions(2) == 2
            third = await _open(served.url, origin, client)
            message = await third.receive(timeout=10)  # type: ignore[attr-defined]
            assert message.type == aiohttp.WSMsgType.CLOSE
            assert message.data == 4429  # the page shows "busy" for this code
            status, headers, page = get(served.url)
            assert status == 503 and headers["Retry-After"] == "15"
            assert "Every seat is taken" in page
            await first.close()  # type: ignore[attr-defined]
            await second.close()  # type: ignore[attr-defined]

    asyncio.run(scenario())
    assert served.wait_for_sessions(0) == 0
    assert get(served.url)[0] == 200


def _app_processes(data_dir: Path) -> list[int]:
    """Session processes (their command line names the data dir)."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if str(data_dir) in cmdline and " serve " not in cmdline:
            found.append(int(proc.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs /proc")
def test_ctrl_c_ends_every_session_and_its_app_process(tmp_path: Path):
    served = start_serve(tmp_path, [], COURSE)
    origin = served.url.rstrip("/")

    async def scenario() -> None:
        async with aiohttp.ClientSession() as client:
            ws = await _open(served.url, origin, client)
            await ws.receive(timeout=20)  # type: ignore[attr-defined]  # the app has started
            assert _app_processes(served.data_dir), "no app process for the session"
            started = time.monotonic()
            output = await asyncio.to_thread(served.stop)
            assert served.process.returncode == 0, output
            assert time.monotonic() - started < 10

    asyncio.run(scenario())
    deadline = time.monotonic() + 10
    while _app_processes(served.data_dir) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _app_processes(served.data_dir) == []
