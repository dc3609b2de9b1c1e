"""Sending xAPI statements to a Learning Record Store (the xAPI statements resource).

Plain `urllib`: no extra dependency. Statements go in batches by POST to
`<endpoint>/statements`, with HTTP Basic credentials read from the environment or a file,
never from the command line (where other users of the machine could read them). Resending
is safe: every statement has a stable id, and an LRS stores a statement id once (the xAPI
spec; Ralph answers an identical resend without storing it again). Nothing local changes,
so a refusal or a network failure loses nothing: send again later. No Textual import.
"""

from __future__ import annotations

import base64
import json
import os
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ketatui.progress.xapi import XAPI_VERSION

__all__ = ["AUTH_ENV", "BATCH", "LrsError", "read_credentials", "send_statements"]

#: "user:password" for the LRS, when no --auth-file is given.
AUTH_ENV = "KETATUI_LRS_AUTH"
#: Statements per request: small enough for any LRS's request size limit.
BATCH = 50
_TIMEOUT = 30


class LrsError(Exception):
    """The LRS could not be reached or refused the statements (a message for the user)."""


def read_credentials(auth_file: Path | None) -> str | None:
    """ "user:password" from `auth_file` (its first line) or the KETATUI_LRS_AUTH variable,
    or None when neither is given. Raises LrsError for an unreadable or malformed file."""
    if auth_file is not None:
        try:
            text = Path(auth_file).read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise LrsError(f"Cannot read the LRS credentials in {auth_file}: {exc}") from None
        value = text[0].strip() if text else ""
        where = str(auth_file)
    else:
        value = os.environ.get(AUTH_ENV, "").strip()
        where = AUTH_ENV
        if not value:
            return None
    if ":" not in value:
        raise LrsError(f"The LRS credentials in {where} must read user:password.")
    return value


def _post(url: str, batch: Sequence[dict[str, Any]], credentials: str | None) -> None:
    # The user names the LRS; send_statements allows only http(s) addresses.
    request = urllib.request.Request(
        url,
        data=json.dumps(list(batch)).encode("utf-8"),
        method="POST",
        headers={
            "Content-Type": "application/json",
            "X-Experience-API-Version": XAPI_VERSION,
        },
    )
    if credentials is not None:
        token = base64.b64encode(credentials.encode("utf-8")).decode("ascii")
        request.add_header("Authorization", f"Basic {token}")
    with urllib.request.urlopen(request, timeout=_TIMEOUT):
        pass


def _refusal(error: urllib.error.HTTPError) -> str:
    try:
        body = error.read().decode("utf-8", errors="replace")
        detail = json.loads(body).get("detail", body) if body else ""
    except (OSError, ValueError, AttributeError):
        detail = ""
    reason = {401: "the credentials were not accepted", 403: "not allowed"}.get(error.code)
    said = f": {detail}" if detail else ""
    return f"HTTP {error.code}{' (' + reason + ')' if reason else ''}{said}"


def send_statements(
    endpoint: str, statements: Sequence[dict[str, Any]], credentials: str | None
) -> int:
    """POST the statements to the LRS at `endpoint` (its xAPI base, e.g.
    https://lrs.example.org/xAPI); returns how many were sent. Raises LrsError, saying
    how many batches went through, when the LRS refuses or cannot be reached."""
    if not endpoint.startswith(("http://", "https://")):
        raise LrsError(f"The LRS address must start with http:// or https://, not {endpoint!r}.")
    url = endpoint.rstrip("/") + "/statements"
    sent = 0
    for start in range(0, len(statements), BATCH):
        batch = statements[start : start + BATCH]
        try:
            _post(url, batch, credentials)
        except urllib.error.HTTPError as exc:
            raise LrsError(
                f"The LRS at {endpoint} refused the statements ({_refusal(exc)}). "
                f"{sent} of {len(statements)} were sent; nothing was changed here."
            ) from None
        except (urllib.error.URLError, OSError) as exc:
            why = getattr(exc, "reason", exc)
            raise LrsError(
                f"Could not reach the LRS at {endpoint} ({why}). {sent} of "
                f"{len(statements)} were sent; nothing was changed here: send again later."
            ) from None
        sent += len(batch)
    return sent
