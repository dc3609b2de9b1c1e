"""The benchmark harness still runs: quick mode exits 0 and writes well-formed JSON.

No timing is asserted here (machines are noisy); the numbers are for people to read.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUN = ROOT / "benchmarks" / "run.py"


def test_quick_benchmarks_run_and_write_json(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    proc = subprocess.run(
        [sys.executable, str(RUN), "--quick", "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]

    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["mode"] == "quick"
    assert data["failures"] == []
    sections = {row["section"] for row in data["rows"]}
    assert sections == {"start", "memory", "ui", "validate", "progress", "machine"}
    # The machine's speed is timed before the first section and after every section.
    (machine,) = [row for row in data["rows"] if row["section"] == "machine"]
    assert len(machine["samples"]) == 3 * (4 + 1)
    assert machine["status"] == "info"
    for row in data["rows"]:
        assert row["samples"], row["name"]
        stats = row["stats"]
        assert stats["min"] <= stats["median"] <= stats["p95"] <= stats["max"]
        assert all(math.isfinite(v) and v > 0 for v in row["samples"]), row["name"]
        assert row["status"] in ("PASS", "MISS", "info")
        if row["baseline"] is not None:
            assert row["ratio"] > 0
    # The printed table names every figure.
    for row in data["rows"]:
        assert row["name"] in proc.stdout
