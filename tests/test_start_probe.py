"""The start-up probe measures a program's start as the program has it.

`benchmarks/start_probe.py` must not import Textual (or asyncio) on the program's behalf:
ketatui imports them with the cyclic GC off, and a probe that imported them first ran
that work with the GC on, ~10 ms of ketatui's start-up that no user pays.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS = ROOT / "benchmarks"
PROBE = BENCHMARKS / "start_probe.py"


def _python(code: str, **env: str) -> str:
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        cwd=BENCHMARKS,
        env={**os.environ, **env},
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stdout.strip().splitlines()[-1]


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


def test_ketatui_under_the_probe_imports_textual_with_the_gc_off(tmp_path: Path) -> None:
    """As the `ketatui` command does (`commands/app.run`): the probe must not change it."""
    gc_on = _python(
        f"""
        import gc, sys
        import start_probe

        seen = []

        class Spy:
            def find_spec(self, name, path, target=None):
                if name == "textual.app":
                    seen.append(gc.isenabled())

        start_probe._install_probe(sys.stderr.fileno(), "NoticeScreen")
        sys.meta_path.insert(0, Spy())
        from ketatui.cli import main

        assert main(["--lessons", {str(ROOT / "lessons")!r}, "--data-dir", {str(tmp_path)!r}]) == 0
        print(sorted(set(seen)))  # looked up more than once; never with the GC on
        """,
        COLUMNS="80",
        LINES="24",
        KETATUI_CACHE_DIR=str(tmp_path / "cache"),
    )
    assert gc_on == "[False]"


def test_a_program_that_imported_textual_already_is_still_run_by_the_probe() -> None:
    said = _python(
        """
        import sys
        import textual.app
        import start_probe
        from bare_app import main

        start_probe._install_probe(sys.stdout.fileno(), "default")
        main()
        """,
        COLUMNS="80",
        LINES="24",
    )
    assert said.startswith("READY ") and said.endswith(" Screen")


def test_the_probe_reports_the_screen_once_ready(tmp_path: Path) -> None:
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(
        [sys.executable, str(PROBE), str(write_fd), "default", "bare"],
        pass_fds=(write_fd,),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "COLUMNS": "80", "LINES": "24"},
        cwd=tmp_path,
    )
    os.close(write_fd)
    # A probe that hangs is killed, which closes the pipe and ends readline().
    watchdog = threading.Timer(120, proc.kill)
    watchdog.start()
    try:
        with os.fdopen(read_fd, encoding="ascii") as pipe:
            line = pipe.readline()
        _, err = proc.communicate(timeout=120)
    finally:
        watchdog.cancel()
    assert proc.returncode == 0, err[-3000:]
    ready, peak_kb, screen = line.split()
    assert ready == "READY"
    assert int(peak_kb) > 0
    assert screen == "Screen"
