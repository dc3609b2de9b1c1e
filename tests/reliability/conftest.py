"""Shared pieces of the reliability tests: the stress switch and the hostile course.

`KETATUI_STRESS=1` scales every count up (kills, examples, soak actions) and runs the tests
marked `stress`; without it the counts stay small enough for CI. See SECURITY.md.
"""

from __future__ import annotations

import importlib.util
import os
import signal
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

STRESS = os.environ.get("KETATUI_STRESS", "") not in ("", "0")
HOSTILE = Path(__file__).resolve().parent.parent / "data" / "hostile"


def scaled(ci: int, stress: int) -> int:
    """`ci` normally, `stress` under KETATUI_STRESS=1."""
    return stress if STRESS else ci


def load_generator() -> ModuleType:
    """tests/data/hostile/generate.py as a module (tests/data is not a package)."""
    spec = importlib.util.spec_from_file_location("hostile_generate", HOSTILE / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if STRESS:
        return
    skip = pytest.mark.skip(reason="stress test: set KETATUI_STRESS=1 to run it")
    for item in items:
        if "stress" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The hostile course (built once per module): (course folder, {file name: what it is})."""
    dest = tmp_path_factory.mktemp("hostile")
    what = load_generator().build(dest)
    return dest / "course", what


@pytest.fixture
def hang_guard() -> Iterator[None]:
    """Fail (instead of hanging the whole run) if the test takes more than a minute.

    Not a timing assertion: a hostile file that blocks or loops forever is the failure.
    """
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def boom(signum: int, frame: object) -> None:
        raise TimeoutError("hung for 60 s on hostile input")

    old = signal.signal(signal.SIGALRM, boom)
    signal.alarm(60)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
