"""The terminal start-up cross-check times real programs in a real pseudo-terminal."""

from __future__ import annotations

import os
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from bare_app import GREETING  # noqa: E402
from terminal_start import TerminalStartFailed, first_frame_seconds  # noqa: E402


def _script(tmp_path: Path, body: str) -> list[str]:
    path = tmp_path / "program.py"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return [sys.executable, str(path)]


def test_the_bare_app_is_timed_to_its_greeting_and_then_quits(tmp_path: Path) -> None:
    seconds = first_frame_seconds(
        [sys.executable, str(ROOT / "benchmarks" / "bare_app.py")],
        GREETING,
        env=os.environ,
        cwd=tmp_path,
    )
    assert 0 < seconds < 60


def test_a_text_written_in_two_pieces_is_still_found(tmp_path: Path) -> None:
    cmd = _script(
        tmp_path,
        """
        import os, time
        os.write(1, b"\\x1b[1mHel")
        time.sleep(0.2)
        os.write(1, b"lo, world\\x1b[0m")
        time.sleep(0.2)
        """,
    )
    assert first_frame_seconds(cmd, "Hello, world", env=os.environ, cwd=tmp_path) >= 0.2


def test_a_program_that_ends_without_the_text_is_a_clear_failure(tmp_path: Path) -> None:
    cmd = _script(tmp_path, 'print("Goodbye")')
    with pytest.raises(TerminalStartFailed, match="ended before 'Hello' was on screen"):
        first_frame_seconds(cmd, "Hello", env=os.environ, cwd=tmp_path)


def test_the_program_sees_an_80_by_24_terminal(tmp_path: Path) -> None:
    cmd = _script(
        tmp_path,
        """
        import os, time
        size = os.get_terminal_size(1)
        os.write(1, f"size {size.columns}x{size.lines} {os.environ.get('COLUMNS')}".encode())
        time.sleep(0.2)
        """,
    )
    env = {**os.environ, "COLUMNS": "132", "LINES": "50"}
    first_frame_seconds(cmd, "size 80x24 None", env=env, cwd=tmp_path)
