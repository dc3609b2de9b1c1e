"""The terminal start-up cross-check times real programs in a real pseudo-terminal."""

from __future__ import annotations

import os
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import terminal_start  # noqa: E402
from bare_app import GREETING  # noqa: E402
from terminal_start import TerminalStartFailed, first_frame_seconds  # noqa: E402

#: A full-screen program's first write (what Textual sends before its first frame).
ALT = "\\x1b[?1049h"


def _program(tmp_path: Path, body: str) -> list[str]:
    path = tmp_path / "program.py"
    path.write_text("import os, sys, time\n" + textwrap.dedent(body), encoding="utf-8")
    return [sys.executable, str(path)]


def _time(cmd: list[str], text: str, tmp_path: Path, **env: str) -> float:
    return first_frame_seconds(cmd, text, env={**os.environ, **env}, cwd=tmp_path)


def test_the_bare_app_is_timed_to_its_greeting_and_quits_on_ctrl_q(tmp_path: Path) -> None:
    seconds = _time([sys.executable, str(ROOT / "benchmarks" / "bare_app.py")], GREETING, tmp_path)
    assert 0 < seconds < 60


def test_a_text_written_in_two_pieces_is_found_when_it_is_whole(tmp_path: Path) -> None:
    cmd = _program(
        tmp_path,
        f"""
        os.write(1, b"{ALT}\\x1b[1mHel")
        time.sleep(0.3)
        os.write(1, b"lo, world\\x1b[0m")
        time.sleep(1)
        """,
    )
    assert _time(cmd, "Hello, world", tmp_path) >= 0.3


def test_the_text_before_the_alternate_screen_is_not_a_frame(tmp_path: Path) -> None:
    # As `ketatui --profile Benchmark` says "no profile called 'Benchmark'" and exits.
    cmd = _program(tmp_path, 'print("no profile called Hello", file=sys.stderr); sys.exit(2)')
    with pytest.raises(TerminalStartFailed, match=r"ended before 'Hello'.*no profile called"):
        _time(cmd, "Hello", tmp_path)


def test_a_program_that_crashes_after_its_frame_is_a_failure(tmp_path: Path) -> None:
    cmd = _program(tmp_path, f'os.write(1, b"{ALT}Hello"); time.sleep(0.3); sys.exit(3)')
    with pytest.raises(TerminalStartFailed, match="exited with status 3"):
        _time(cmd, "Hello", tmp_path)


def test_a_program_that_ignores_ctrl_q_is_a_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(terminal_start, "QUIT_S", 0.5)
    cmd = _program(tmp_path, f'os.write(1, b"{ALT}Hello"); time.sleep(30)')
    with pytest.raises(TerminalStartFailed, match=r"did not quit on Ctrl\+Q"):
        _time(cmd, "Hello", tmp_path)


def test_the_program_sees_an_80_by_24_terminal(tmp_path: Path) -> None:
    cmd = _program(
        tmp_path,
        f"""
        size = os.get_terminal_size(1)
        os.write(1, b"{ALT}" + f"size {{size.columns}}x{{size.lines}}".encode())
        os.write(1, f" {{os.environ.get('COLUMNS')}}".encode())
        time.sleep(1)
        """,
    )
    _time(cmd, "size 80x24 None", tmp_path, COLUMNS="132", LINES="50")
