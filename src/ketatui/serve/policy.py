"""What the server lets through: hosts, origins and the response headers.

Plain functions without aiohttp, so the rules are easy to read and to test.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

LOOPBACK_NAMES = frozenset({"localhost", "localhost."})


def is_loopback(host: str) -> bool:
    """True when `host` (a name or an address to bind) only reaches this computer."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def origin_of(url: str) -> str:
    """`scheme://host[:port]` of a URL, lower-cased ("" when it has none)."""
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return ""
    return f"{parts.scheme}://{parts.netloc}".lower()


def allowed_hosts(bind_host: str, port: int, public_url: str | None) -> frozenset[str] | None:
    """The Host headers to answer, or None for any.

    On a loopback bind only loopback names are answered: a web page elsewhere cannot then
    reach the server by pointing a DNS name of its own at 127.0.0.1 (DNS rebinding).
    """
    if not is_loopback(bind_host):
        return None
    hosts: set[str] = set()
    if public_url:
        hosts.add(urlsplit(public_url).netloc.lower())
    for name in ("127.0.0.1", "localhost", "[::1]"):
        hosts.add(f"{name}:{port}")
        if port == 80:
            hosts.add(name)
    return frozenset(hosts)


def websocket_origin_ok(origin: str | None, host: str, public_url: str | None) -> bool:
    """True when a websocket comes from our own page (not another site the visitor has open).

    Browsers always send Origin with a websocket; a page elsewhere that opened one to this
    server could otherwise drive a learner's session and read their profiles.
    """
    if not origin:
        return False
    origin = origin.lower()
    if public_url and origin == origin_of(public_url):
        return True
    return urlsplit(origin).netloc == host.lower()


def content_security_policy(public_url: str | None) -> str:
    """The page's CSP: everything from this server only, and never inside a frame.

    Styles allow inline because the terminal script injects its own style elements.
    """
    connect = "'self'"
    if public_url:
        parts = urlsplit(public_url)
        scheme = "wss" if parts.scheme == "https" else "ws"
        connect += f" {scheme}://{parts.netloc}"
    return "; ".join(
        [
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self'",
            f"connect-src {connect}",
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


def security_headers(public_url: str | None) -> dict[str, str]:
    """Headers on every response."""
    return {
        "Content-Security-Policy": content_security_policy(public_url),
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Cross-Origin-Resource-Policy": "same-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    }
