"""The real `ketatui kiosk` process in a real terminal (tmux): the job-control keys neither
stop nor suspend it, and only the staff key plus the PIN ends it."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .helpers import PIN

UI_COURSE = Path(__file__).parents[1] / "data" / "ui_course"
KETATUI = Path(sys.executable).parent / "ketatui"
TMUX = shutil.which("tmux")

pytestmark = [
    pytest.mark.skipif(TMUX is None, reason="tmux is not installed (.ci/run installs it)"),
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX terminal"),
]


def _wait(predicate, timeout: float = 10.0, step: float = 0.1) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


def _state(pid: int) -> str | None:
    """The process state letter from /proc (None once it is gone or a zombie)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    state = stat.rsplit(")", 1)[1].split()[0]
    return None if state in ("Z", "X") else state


def _ignored_signals(pid: int) -> set[int]:
    """Signals the process ignores, from the SigIgn mask in /proc/<pid>/status."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("SigIgn:"):
            mask = int(line.split()[1], 16)
            return {n + 1 for n in range(64) if mask >> n & 1}
    return set()


def test_kiosk_survives_job_control_keys_and_exits_with_staff_pin(tmp_path):
    assert KETATUI.exists(), f"the ketatui script is not installed beside {sys.executable}"
    config = tmp_path / "kiosk.toml"
    config.write_text('site_name = "Tmux Clinic"\n')
    env = {
        **os.environ,
        "KETATUI_DATA_DIR": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "xdg-config"),
        "XDG_STATE_HOME": str(tmp_path / "xdg-state"),
        "TERM": "xterm-256color",
    }
    env.pop("TEXTUAL_ALLOW_SIGNALS", None)
    subprocess.run(
        [str(KETATUI), "kiosk", "--config", str(config), "--set-pin-from-stdin"],
        input=PIN + "\n",
        text=True,
        env=env,
        check=True,
        capture_output=True,
        timeout=30,
    )
    socket = f"ketatui-kiosk-test-{os.getpid()}"
    tmux = [TMUX, "-L", socket]
    command = (
        f"exec {KETATUI} kiosk --config {config} --lessons {UI_COURSE} "
        f"--log-file {tmp_path / 'kiosk.log'}"
    )

    def screen() -> str:
        return subprocess.run(
            [*tmux, "capture-pane", "-p", "-t", "kiosk"], capture_output=True, text=True
        ).stdout

    try:
        subprocess.run(
            [
                *tmux,
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-s",
                "kiosk",
                "-x",
                "100",
                "-y",
                "30",
                command,
            ],
            env=env,
            check=True,
            timeout=10,
        )
        pid = int(
            subprocess.run(
                [*tmux, "list-panes", "-t", "kiosk", "-F", "#{pane_pid}"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.split()[0]
        )
        assert _wait(lambda: "Learn about your treatment" in screen()), screen()
        # tmux continues a stopped pane at once, so a brief stop could go unseen below:
        # check the process really ignores the job-control signals.
        wanted = {signal.SIGINT, signal.SIGTSTP, signal.SIGQUIT}
        assert wanted <= _ignored_signals(pid), _ignored_signals(pid)

        for key in ("C-c", "C-z", "C-\\", "C-q", "C-p"):
            subprocess.run([*tmux, "send-keys", "-t", "kiosk", key], check=True)
            time.sleep(0.3)
            state = _state(pid)
            assert state is not None, f"the kiosk ended after {key}"
            assert state != "T", f"the kiosk was stopped by {key}"
        # The same signals sent from outside (or by a terminal that keeps ISIG on).
        for sig in (signal.SIGINT, signal.SIGTSTP, signal.SIGQUIT):
            os.kill(pid, sig)
            time.sleep(0.3)
            assert _state(pid) not in (None, "T"), f"the kiosk did not survive {sig.name}"
        text = screen()
        assert "Learn about your treatment" in text and "Tmux Clinic" in text

        subprocess.run([*tmux, "send-keys", "-t", "kiosk", "C-e"], check=True)
        assert _wait(lambda: "Enter the staff PIN" in screen(), timeout=5), screen()
        subprocess.run([*tmux, "send-keys", "-t", "kiosk", *PIN, "Enter"], check=True)
        assert _wait(lambda: _state(pid) is None, timeout=5), "the right PIN did not end it"
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)


def test_set_pin_asks_again_after_a_too_short_pin(tmp_path):
    config = tmp_path / "kiosk.toml"
    socket = f"ketatui-setpin-test-{os.getpid()}"
    tmux = [TMUX, "-L", socket]
    done = tmp_path / "done"
    command = f"{KETATUI} kiosk --config {config} --set-pin; echo exit=$? > {done}; sleep 30"

    def screen() -> str:
        return subprocess.run(
            [*tmux, "capture-pane", "-p", "-t", "pin"], capture_output=True, text=True
        ).stdout

    def send(*keys: str) -> None:
        subprocess.run([*tmux, "send-keys", "-t", "pin", *keys], check=True)

    try:
        subprocess.run(
            [*tmux, "-f", "/dev/null", "new-session", "-d", "-s", "pin", command],
            check=True,
            timeout=10,
        )
        assert _wait(lambda: "New staff PIN" in screen()), screen()
        send("123", "Enter")  # too short: said, and asked again
        assert _wait(lambda: "try again" in screen() and screen().count("New staff PIN") == 2)
        send(*PIN, "Enter")
        assert _wait(lambda: "The same PIN again" in screen()), screen()
        send(*PIN, "Enter")
        assert _wait(done.exists, timeout=15), screen()
        assert done.read_text().strip() == "exit=0"
        assert "[pin]" in config.read_text() and PIN not in config.read_text()
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)
