"""Start a program in a real pseudo-terminal and time it until a text shows on screen.

A cross-check on `start_probe.py` that patches nothing: the `ketatui` command and the bare
app (`bare_app.py`) run as they are, in an 80x24 pseudo-terminal, and the time is taken
from spawning the process until the text of its first frame (the profile's name on the
catalog, the bare app's greeting) has been written to the terminal. Only what comes after
the switch to the alternate screen counts, so an error message naming the text is not
taken for a frame. The clock stops at the text, not at the end of the frame, nor after
the layouts that follow it, which the probe's "ready" waits for as well.

The program must then quit on Ctrl+Q with exit status 0: a sample from a program that
crashed or hung is not a start-up time.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import struct
import subprocess
import termios
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

#: Seconds to wait for the text before giving up on a sample.
TIMEOUT_S = 60.0
#: Seconds a program gets to quit after Ctrl+Q.
QUIT_S = 5.0
#: What a full-screen program writes before its first frame (Textual does, as most do).
ALTERNATE_SCREEN = b"\x1b[?1049h"
#: How much of the end of the output a failure quotes.
_LOG_BYTES = 8192
_ESCAPES = re.compile(rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-_])")


class TerminalStartFailed(Exception):
    """The program crashed, hung or never showed the text."""


def first_frame_seconds(
    cmd: Sequence[str],
    text: str,
    *,
    env: Mapping[str, str],
    cwd: Path,
    columns: int = 80,
    lines: int = 24,
) -> float:
    """Seconds from spawning `cmd` in a pseudo-terminal until `text` is on its screen."""
    main_fd, sub_fd = os.openpty()
    proc: subprocess.Popen[bytes] | None = None
    try:
        fcntl.ioctl(sub_fd, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        # The terminal's own size, not variables that would override it.
        child_env = {k: v for k, v in env.items() if k not in ("COLUMNS", "LINES")}
        child_env["TERM"] = "xterm-256color"
        start = time.perf_counter()
        proc = subprocess.Popen(
            list(cmd),
            stdin=sub_fd,
            stdout=sub_fd,
            stderr=sub_fd,
            env=child_env,
            cwd=cwd,
            start_new_session=True,
        )
        os.close(sub_fd)
        sub_fd = -1
        elapsed, log = _until_text(proc, main_fd, text.encode(), start)
        os.write(main_fd, b"\x11")  # Ctrl+Q
        status = _wait_while_draining(proc, main_fd)
        if status != 0:
            why = "did not quit on Ctrl+Q" if status is None else f"exited with status {status}"
            raise TerminalStartFailed(f"the program {why}: {_readable(log)}")
        return elapsed
    finally:
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.wait()
        if sub_fd >= 0:
            os.close(sub_fd)
        os.close(main_fd)


def _until_text(
    proc: subprocess.Popen[bytes], main_fd: int, wanted: bytes, start: float
) -> tuple[float, bytes]:
    """(seconds since `start` when `wanted` was written on the alternate screen, output)."""
    log = b""
    screen_from: int | None = None  # where in `log` the alternate screen starts
    while True:
        left = TIMEOUT_S - (time.perf_counter() - start)
        if left <= 0 or not select.select([main_fd], [], [], left)[0]:
            raise TerminalStartFailed(
                f"{wanted.decode()!r} not on screen after {TIMEOUT_S:.0f} s: {_readable(log)}"
            )
        try:
            chunk = os.read(main_fd, 65536)
        except OSError:  # the program ended and the terminal closed
            chunk = b""
        if not chunk:
            raise TerminalStartFailed(
                f"the program ended before {wanted.decode()!r} was on screen: {_readable(log)}"
            )
        seen = time.perf_counter() - start
        log += chunk
        if screen_from is None and ALTERNATE_SCREEN in log:
            screen_from = log.index(ALTERNATE_SCREEN)
        if screen_from is not None and wanted in log[screen_from:]:
            if proc.poll() is not None:
                raise TerminalStartFailed(
                    f"the program ended (status {proc.returncode}) as it showed "
                    f"{wanted.decode()!r}: {_readable(log)}"
                )
            return seen, log
        if len(log) > 4 * _LOG_BYTES:  # keep what a late text or a failure needs
            cut = len(log) - _LOG_BYTES
            log = log[cut:]
            screen_from = None if screen_from is None else max(0, screen_from - cut)


def _wait_while_draining(proc: subprocess.Popen[bytes], main_fd: int) -> int | None:
    """The program's exit status, or None if it is still running after `QUIT_S`.

    What it writes meanwhile is read and dropped: a full terminal would block it.
    """
    deadline = time.perf_counter() + QUIT_S
    while proc.poll() is None and time.perf_counter() < deadline:
        if select.select([main_fd], [], [], 0.05)[0]:
            try:
                os.read(main_fd, 65536)
            except OSError:
                break
    try:
        return proc.wait(timeout=max(0.0, deadline - time.perf_counter()))
    except subprocess.TimeoutExpired:
        return None


def _readable(log: bytes) -> str:
    """The end of the output, without escape sequences, for an error message."""
    text = _ESCAPES.sub(b"", log[-_LOG_BYTES:]).decode("utf-8", "replace")
    tail = " ".join(text.split())[-1500:]
    return tail or "(it wrote nothing)"
