"""The kiosk's log: what went wrong and what staff did, never what a visitor read, chose
or typed.

Every entry starts with its time (UTC, ISO 8601). An error is the exception type and the
stack (file, line, function); its message is left out on purpose: it can quote an answer a
visitor typed. Staff events are plain lines: a wrong staff PIN, a wait after wrong PINs,
the kiosk closed.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
import traceback
from pathlib import Path

LOG_FILENAME = "kiosk.log"
#: Past this size the log is moved to kiosk.log.1 (one old file kept).
MAX_BYTES = 1_000_000


def default_log_path() -> Path:
    """`kiosk.log` in the user log dir (e.g. ~/.local/state/ketatui/log on Linux)."""
    from platformdirs import user_log_path

    return user_log_path("ketatui", appauthor=False) / LOG_FILENAME


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def describe(error: BaseException, context: str = "") -> str:
    """One log entry for an exception: type and stack frames, without its message."""
    lines = [f"{context or 'error'}: {type(error).__module__}.{type(error).__qualname__}"]
    for frame in traceback.extract_tb(error.__traceback__):
        lines.append(f"    {frame.filename}:{frame.lineno} in {frame.name}")
    return "\n".join(lines) + "\n"


class ErrorLog:
    """Appends entries to a log file. Never raises: a kiosk must not stop for its own log."""

    def __init__(self, path: Path | None) -> None:
        self.path = path

    def problem(self) -> str | None:
        """Why the log cannot be written safely (e.g. it is a named pipe), or None.

        Checked at start-up, so staff hear about it before a visitor ever sees the kiosk.
        """
        if self.path is None:
            return None
        try:
            info = self.path.stat()
        except FileNotFoundError:
            return None
        except OSError as error:
            return f"cannot use it: {error.strerror or error}"
        if not stat.S_ISREG(info.st_mode):
            return "it is not a regular file (a pipe or a device would block the kiosk)"
        return None

    def write(self, error: BaseException, context: str = "") -> None:
        """Log an exception (type and stack only)."""
        self.note(describe(error, context))

    def note(self, text: str) -> None:
        """Log a plain line that holds no visitor data, after the time it happened."""
        if self.path is None:
            return
        text = f"{_now()} {text}"
        if not text.endswith("\n"):
            text += "\n"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if self.path.exists() and self.path.stat().st_size > MAX_BYTES:
                os.replace(self.path, self.path.with_name(self.path.name + ".1"))
            self._append(text)
        except OSError:
            pass

    def _append(self, text: str) -> None:
        assert self.path is not None
        # Non-blocking: a named pipe put in the log's place must not hang the kiosk.
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NONBLOCK
        fd = os.open(self.path, flags | getattr(os, "O_CLOEXEC", 0), 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as f:
            if stat.S_ISREG(os.fstat(fd).st_mode):
                f.write(text)
