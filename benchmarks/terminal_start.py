"""Start a program in a real pseudo-terminal and time it until a text shows on screen.

A cross-check on `start_probe.py` that patches nothing: the `ketatui` command and the bare
app (`bare_app.py`) run as they are, in an 80x24 pseudo-terminal, and the time is taken
from spawning the process until the text the first frame shows (the profile's name on the
catalog, the bare app's greeting) has been written to the terminal. Textual writes a whole
frame at once, so that is the first frame; it comes before the small layouts that follow
it, which the probe's "ready" waits for as well. The program is then asked to quit (Ctrl+Q)
and killed if it has not within a few seconds.
"""

from __future__ import annotations

import fcntl
import os
import select
import struct
import subprocess
import termios
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

#: Seconds to wait for the text before giving up on a sample.
TIMEOUT_S = 60.0
#: Seconds a program gets to quit after Ctrl+Q before it is killed.
QUIT_S = 5.0


class TerminalStartFailed(Exception):
    """The program ended, or never showed the text, before the time-out."""


def first_frame_seconds(
    cmd: Sequence[str],
    text: str,
    *,
    env: Mapping[str, str],
    cwd: Path,
    columns: int = 80,
    lines: int = 24,
) -> float:
    """Seconds from spawning `cmd` in a pseudo-terminal until `text` has been written."""
    main_fd, sub_fd = os.openpty()
    fcntl.ioctl(sub_fd, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
    # The terminal's own size, not variables that would override it.
    child_env = {k: v for k, v in env.items() if k not in ("COLUMNS", "LINES")}
    child_env["TERM"] = "xterm-256color"
    wanted = text.encode()
    seen = b""
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
    try:
        while wanted not in seen:
            left = TIMEOUT_S - (time.perf_counter() - start)
            if left <= 0 or not select.select([main_fd], [], [], left)[0]:
                raise TerminalStartFailed(f"{text!r} not on screen after {TIMEOUT_S:.0f} s")
            try:
                chunk = os.read(main_fd, 65536)
            except OSError:  # the program ended and closed the terminal
                chunk = b""
            if not chunk:
                raise TerminalStartFailed(
                    f"the program ended before {text!r} was on screen: {_tail(seen)}"
                )
            # Keep enough of the end for a text split across two reads.
            seen = seen[-len(wanted) :] + chunk
        elapsed = time.perf_counter() - start
        os.write(main_fd, b"\x11")  # Ctrl+Q
        _drain_until_exit(proc, main_fd)
        return elapsed
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(main_fd)


def _drain_until_exit(proc: subprocess.Popen[bytes], main_fd: int) -> None:
    """Read what the program writes while it quits (a full terminal would block it)."""
    deadline = time.perf_counter() + QUIT_S
    while proc.poll() is None and time.perf_counter() < deadline:
        if select.select([main_fd], [], [], 0.05)[0]:
            try:
                if not os.read(main_fd, 65536):
                    break
            except OSError:
                break
    try:
        proc.wait(timeout=max(0.0, deadline - time.perf_counter()))
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _tail(data: bytes) -> str:
    return data[-300:].decode("utf-8", "replace")
