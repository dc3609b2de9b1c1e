"""Kiosk fixtures: a fake clock, a cheap PIN hash and an app factory."""

from __future__ import annotations

from pathlib import Path

import pytest

from ketatui.kioskcore.config import KioskConfig
from ketatui.kioskcore.errorlog import ErrorLog

from .helpers import FakeClock, cheap_pin


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def kiosk_config() -> KioskConfig:
    return KioskConfig(
        pin=cheap_pin(), site_name="Test Clinic", idle_seconds=90, countdown_seconds=20
    )


@pytest.fixture
def error_log(tmp_path: Path) -> ErrorLog:
    return ErrorLog(tmp_path / "log" / "kiosk.log")


@pytest.fixture
def make_kiosk(ui_catalog, kiosk_config, clock, error_log):
    """Build a KioskApp on the fixture course with the fake clock (the idle timer is
    effectively off: tests call `idle_tick()` themselves)."""
    from ketatui.ui.kiosk import KioskApp

    def make(config: KioskConfig | None = None, *, catalog=None, **kwargs):
        kwargs.setdefault("clock", clock)
        kwargs.setdefault("error_log", error_log)
        kwargs.setdefault("tick_seconds", 10_000)
        kwargs.setdefault("seeds", lambda: 7)  # the same choice order on every run
        return KioskApp(catalog or ui_catalog, config or kiosk_config, **kwargs)

    return make


@pytest.fixture
def make_pre_check_kiosk(make_kiosk, course_with_pre_check):
    """Build a kiosk (as `make_kiosk`) on a copy of the fixture course whose module asks
    the questions `refs` ("lesson-id/question-id") as its pre-check."""
    from ketatui.content.catalog import load_catalog

    def make(*refs: str, **kwargs):
        return make_kiosk(catalog=load_catalog(course_with_pre_check(*refs)), **kwargs)

    return make
