"""Baseline for `ketatui validate` as a process: start Python, parse every YAML file with
libyaml's CSafeLoader, exit. Nothing else (no validation, no ketatui imports).

    python benchmarks/parse_probe.py COURSE_DIR
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml


def main(root: str) -> int:
    for path in sorted(Path(root).rglob("*.yaml")):
        with open(path, "rb") as f:
            yaml.load(f, Loader=yaml.CSafeLoader)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
