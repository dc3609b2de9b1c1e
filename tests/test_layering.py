"""The layering gate: the core packages never import Textual, Rich or `ketatui.ui`.

CI runs `lint-imports` with the contract in pyproject.toml on the real tree. This test
shows that the gate can fail: it runs the same contract on a copy of the package in which
one core module imports Textual, as a careless change would.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _lint_imports(src: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    config = tmp_path / "pyproject.toml"
    shutil.copy(ROOT / "pyproject.toml", config)
    env = {**os.environ, "PYTHONPATH": str(src)}
    code = "from importlinter.cli import lint_imports_command; lint_imports_command()"
    return subprocess.run(
        [sys.executable, "-c", code, "--config", str(config), "--no-cache"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(
        ROOT / "src" / "ketatui", src / "ketatui", ignore=shutil.ignore_patterns("__pycache__")
    )
    return src


def test_the_shipped_tree_keeps_the_contract(package_copy: Path, tmp_path: Path) -> None:
    result = _lint_imports(package_copy, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line"),
    [
        ("quiz/grading.py", "import textual.widgets"),
        ("content/loader.py", "from rich.text import Text"),
        ("progress/store.py", "from ketatui.ui import app"),
        ("serve/server.py", "from ketatui.ui import app"),
        ("review/mastery.py", "from rich.text import Text"),
        # Only review/schedule.py may use the scheduler directly.
        ("learning/review.py", "import fsrs"),
        ("ui/screens/catalog.py", "from fsrs import Scheduler"),
    ],
)
def test_a_core_module_importing_the_ui_fails_the_gate(
    package_copy: Path, tmp_path: Path, module: str, line: str
) -> None:
    path = package_copy / "ketatui" / module
    # Inside a function, as a lazy import would be: the gate must see those too.
    path.write_text(path.read_text() + f"\n\ndef _careless() -> None:\n    {line}\n")
    result = _lint_imports(package_copy, tmp_path)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    dotted = "ketatui." + module.removesuffix(".py").replace("/", ".")
    assert dotted in result.stdout
