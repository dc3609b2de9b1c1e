"""Fixtures for the authoring tool tests: a copy of the fixture course and a CLI runner."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from ketatui.cli import main

COURSE = Path(__file__).parents[1] / "data" / "authoring" / "course"


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A writable copy of tests/data/authoring/course."""
    dest = tmp_path / "course"
    shutil.copytree(COURSE, dest)
    return dest


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """Run `ketatui ARGS...` in-process; returns its exit code, stdout and stderr."""
    # A wide, plain console so table cells are not folded and carry no colour codes.
    monkeypatch.setenv("COLUMNS", "160")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("KETATUI_LESSONS", raising=False)
    monkeypatch.delenv("KETATUI_DATA_DIR", raising=False)

    def run(*args: str) -> Result:
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run
