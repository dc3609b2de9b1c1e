"""Start and stop a real `ketatui serve` for the browser tests (and the benchmarks)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

#: The staff PIN of every served kiosk in these tests.
PIN = "246810"
#: Where the browser tests keep their screenshots (git-ignored).
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "browser"


def chromium_path() -> str | None:
    """Debian's system Chromium ($KETATUI_CHROMIUM overrides); None when there is none."""
    named = os.environ.get("KETATUI_CHROMIUM")
    if named:
        return named if Path(named).exists() else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


def serve_extra_missing() -> bool:
    """True when textual-serve (the `serve` extra) is not installed."""
    import importlib.util

    return importlib.util.find_spec("textual_serve") is None


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def health(url: str) -> dict[str, int]:
    """The server's /healthz answer: open sessions and the limit."""
    with urllib.request.urlopen(url + "healthz", timeout=5) as response:
        return dict(json.load(response))


@dataclass
class Served:
    """A running `ketatui serve` and where it keeps its data."""

    process: subprocess.Popen[str]
    url: str
    data_dir: Path
    log_path: Path

    def wait_for_sessions(self, count: int, timeout: float = 15.0) -> int:
        """Wait until the server has `count` open sessions; return the last count seen."""
        end = time.monotonic() + timeout
        seen = -1
        while time.monotonic() < end:
            seen = health(self.url)["sessions"]
            if seen == count:
                return seen
            time.sleep(0.1)
        return seen

    def stop(self) -> str:
        """Stop the server (Ctrl+C) and return what it printed."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.log_path.read_text(errors="replace")


def kiosk_config(folder: Path, *, idle_seconds: int = 90, countdown_seconds: int = 20) -> Path:
    """A kiosk.toml with the test PIN set (through the real command) and statistics on."""
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "kiosk.toml"
    config.write_text(
        f"idle_seconds = {idle_seconds}\ncountdown_seconds = {countdown_seconds}\nstats = true\n"
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "ketatui.cli",
            "kiosk",
            "--config",
            str(config),
            "--set-pin-from-stdin",
        ],
        input=PIN + "\n",
        text=True,
        check=True,
        capture_output=True,
        timeout=60,
    )
    return config


def start_serve(tmp: Path, args: Sequence[str], lessons: Path, timeout: float = 30.0) -> Served:
    """Run `ketatui serve ARGS` on a free loopback port until its page answers."""
    port = free_port()
    data_dir = tmp / "data"
    log_path = tmp / "serve.log"
    env = {
        **os.environ,
        "XDG_CONFIG_HOME": str(tmp / "xdg-config"),
        "XDG_STATE_HOME": str(tmp / "xdg-state"),
        "XDG_DOWNLOAD_DIR": str(tmp / "downloads"),
        "COLUMNS": "120",
    }
    command = [sys.executable, "-m", "ketatui.cli", "serve", *args, "--port", str(port)]
    command += ["--lessons", str(lessons), "--data-dir", str(data_dir)]
    with log_path.open("w") as log:
        process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, env=env, text=True
        )
    served = Served(process, f"http://127.0.0.1:{port}/", data_dir, log_path)
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if process.poll() is not None:
            raise RuntimeError(f"ketatui serve exited:\n{log_path.read_text()}")
        try:
            health(served.url)
            return served
        except OSError:
            time.sleep(0.1)
    served.stop()
    raise RuntimeError(f"ketatui serve did not answer in {timeout} s:\n{log_path.read_text()}")
