"""`ketatui kiosk` from the command line: setting the PIN, refusing to start without one,
and clear errors for bad config (exit 2)."""

from __future__ import annotations

import io
import sys

import pytest

from ketatui.cli import main
from ketatui.kioskcore.config import load_config
from ketatui.kioskcore.pin import verify_pin

from .helpers import PIN

UI_COURSE = str(__import__("pathlib").Path(__file__).parents[1] / "data" / "ui_course")


def _stdin(monkeypatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))


def test_set_pin_from_stdin_stores_only_a_hash(tmp_path, monkeypatch, capsys):
    config = tmp_path / "kiosk.toml"
    _stdin(monkeypatch, PIN + "\n")
    assert main(["kiosk", "--config", str(config), "--set-pin-from-stdin"]) == 0
    assert "Staff PIN saved" in capsys.readouterr().out
    assert PIN not in config.read_text()
    assert verify_pin(PIN, load_config(config).pin)


def test_set_pin_refuses_a_short_pin_and_changes_nothing(tmp_path, monkeypatch, capsys):
    config = tmp_path / "kiosk.toml"
    _stdin(monkeypatch, "1234\n")
    assert main(["kiosk", "--config", str(config), "--set-pin-from-stdin"]) == 2
    err = capsys.readouterr().err
    assert "6 to 32 digits" in err and "nothing was changed" in err
    assert not config.exists()


def test_set_pin_without_a_terminal_points_to_stdin_option(tmp_path, monkeypatch, capsys):
    _stdin(monkeypatch, "")
    assert main(["kiosk", "--config", str(tmp_path / "k.toml"), "--set-pin"]) == 2
    assert "--set-pin-from-stdin" in capsys.readouterr().err


def test_kiosk_refuses_to_start_without_a_pin(tmp_path, capsys):
    config = tmp_path / "kiosk.toml"
    config.write_text('site_name = "Clinic"\n')
    assert main(["kiosk", "--config", str(config), "--lessons", UI_COURSE]) == 2
    err = capsys.readouterr().err
    assert "no staff PIN" in err and "ketatui kiosk --set-pin" in err


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('idle_seconds = "soon"', "'idle_seconds' must be a whole number of seconds"),
        ("idle_secs = 90", "did you mean 'idle_seconds'?"),
    ],
)
def test_bad_config_exits_2_naming_the_key(tmp_path, capsys, text, message):
    config = tmp_path / "kiosk.toml"
    config.write_text(text)
    assert main(["kiosk", "--config", str(config), "--check"]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_named_config_must_exist(tmp_path, capsys):
    assert main(["kiosk", "--config", str(tmp_path / "nope.toml")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_check_summarises_a_good_setup(tmp_path, monkeypatch, capsys):
    config = tmp_path / "kiosk.toml"
    config.write_text("idle_seconds = 120\nstats = true\n")
    _stdin(monkeypatch, PIN + "\n")
    assert main(["kiosk", "--config", str(config), "--set-pin-from-stdin"]) == 0
    capsys.readouterr()
    args = [
        "kiosk",
        "--config",
        str(config),
        "--lessons",
        UI_COURSE,
        "--check",
        "--log-file",
        str(tmp_path / "kiosk.log"),
    ]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "1 patient lessons" in out and "idle: 120 s" in out and "statistics: on" in out
