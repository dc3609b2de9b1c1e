"""The start-up probe measures a program's start as the program has it.

`benchmarks/start_probe.py` must not import Textual (or asyncio) on the program's behalf:
ketatui imports them with the cyclic GC off, and a probe that imported them first ran
that work with the GC on, ~6% of ketatui's start-up that no user pays.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS = ROOT / "benchmarks"
PROBE = BENCHMARKS / "start_probe.py"


def _python(code: str) -> str:
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        cwd=BENCHMARKS,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stdout.strip()


def test_installing_the_probe_imports_neither_textual_nor_asyncio() -> None:
    loaded = _python(
        """
        import sys
        import start_probe
        start_probe._install_probe(1, "default")
        print(sorted({m.split(".")[0] for m in sys.modules} & {"textual", "asyncio", "rich"}))
        """
    )
    assert loaded == "[]"


def test_the_probe_reports_the_screen_once_ready(tmp_path: Path) -> None:
    read_fd, write_fd = os.pipe()
    env = {**os.environ, "COLUMNS": "80", "LINES": "24"}
    proc = subprocess.Popen(
        [sys.executable, str(PROBE), str(write_fd), "default", "bare"],
        pass_fds=(write_fd,),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        cwd=tmp_path,
    )
    os.close(write_fd)
    with os.fdopen(read_fd, encoding="ascii") as pipe:
        line = pipe.readline()
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err[-3000:]
    ready, peak_kb, screen = line.split()
    assert ready == "READY"
    assert int(peak_kb) > 0
    assert screen == "Screen"
