"""The `ketatui` command line as a shell user meets it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

KETATUI = str(Path(sys.executable).with_name("ketatui"))


def test_output_cut_short_by_a_pipe_is_not_a_traceback():
    # Like `ketatui schema | head -1`: the reader goes away before the output is written.
    proc = subprocess.Popen(
        [KETATUI, "schema"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    proc.stdout.close()
    stderr = proc.stderr.read()
    proc.wait(timeout=60)
    assert "Traceback" not in stderr
    assert "BrokenPipe" not in stderr
    assert proc.returncode == 0


def test_unknown_sub_command_is_a_usage_error():
    proc = subprocess.run([KETATUI, "frobnicate"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "invalid choice" in proc.stderr
