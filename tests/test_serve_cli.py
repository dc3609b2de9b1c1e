"""`ketatui serve` on the command line: what it refuses, what it warns about, and that the
terminal app never loads the web server."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

COURSE = Path(__file__).parent / "data" / "browser_course"


def serve(tmp_path: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "xdg-config")}
    command = [sys.executable, "-m", "ketatui.cli", "serve", *args]
    command += ["--lessons", str(COURSE), "--data-dir", str(tmp_path / "data")]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, env=env, input=stdin)


def test_learner_app_is_not_served_to_the_network_without_shared_profiles(tmp_path):
    result = serve(tmp_path, "--host", "0.0.0.0")
    assert result.returncode == 2
    assert "--shared-profiles" in result.stderr
    assert "everyone who opens the page sees the same profiles" in result.stderr
    assert "Traceback" not in result.stderr


def test_kiosk_is_not_served_without_a_staff_pin(tmp_path):
    config = tmp_path / "kiosk.toml"
    config.write_text("idle_seconds = 60\n")
    result = serve(tmp_path, "--kiosk", "--config", str(config))
    assert result.returncode == 2
    assert "no staff PIN is set" in result.stderr
    assert "ketatui kiosk --set-pin" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--port", "0"], "--port must be 1-65535"),
        (["--max-sessions", "0"], "--max-sessions must be at least 1"),
        (["--public-url", "kiosk.lan"], "--public-url must start with http"),
        (["--config", "kiosk.toml"], "--config and --log-file are for the kiosk"),
    ],
)
def test_bad_options_are_named(tmp_path, args, message):
    result = serve(tmp_path, *args)
    assert result.returncode == 2
    assert message in result.stderr


def test_missing_extra_says_how_to_install_it(tmp_path):
    code = (
        "import sys; sys.modules['textual_serve'] = None; sys.modules['aiohttp'] = None\n"
        "from ketatui.cli import main\n"
        f"sys.exit(main(['serve', '--lessons', {str(COURSE)!r}]))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 2
    assert 'pip install "ketatui[serve]"' in result.stderr


def test_the_terminal_app_never_imports_the_web_server():
    code = (
        "import sys\n"
        "from ketatui.cli import build_parser, parse_args\n"
        "build_parser(); parse_args([]); parse_args(['serve', '--kiosk'])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in"
        " ('aiohttp', 'textual_serve', 'jinja2') or m.startswith('ketatui.serve')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_taken_port_is_a_clear_error(tmp_path):
    pytest.importorskip("textual_serve")
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = serve(tmp_path, "--port", str(port))
    assert result.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr
    assert "Traceback" not in result.stderr


def test_listening_beyond_this_computer_is_said_out_loud(tmp_path):
    pytest.importorskip("textual_serve")
    from browser.server import health, start_serve

    served = start_serve(tmp_path, ["--host", "0.0.0.0", "--shared-profiles"], COURSE)
    try:
        assert health(served.url)["sessions"] == 0
    finally:
        output = served.stop()
    assert "WARNING: listening on 0.0.0.0" in output
    assert "every profile on it" in output
