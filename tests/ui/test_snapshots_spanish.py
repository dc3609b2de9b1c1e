"""Snapshots of the main screens in Spanish at 80x24 (issue 19): the catalog, a lesson
page, a quiz question before and after a wrong answer, the results, crisis help (F1) and
the kiosk's welcome screen. Fixture course tests/data/es_course; nothing is saved, so the
shuffled orders are the same on every run."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from ketatui.content.catalog import Catalog
from ketatui.i18n import set_language
from ketatui.ui.app import KetatuiApp

from .lesson_harness import LessonHarness, answer_single
from .spanish import load_es_course
from .test_snapshots_lesson import QUIZ_STATES

SIZE = (80, 24)


@pytest.fixture
def es_catalog() -> Catalog:
    """The Spanish fixture course as a Spanish learner sees it (the interface in Spanish)."""
    set_language("es")
    return load_es_course()


def test_catalog_in_spanish(snap_compare, es_catalog: Catalog) -> None:
    app = KetatuiApp(es_catalog, None, show_notice=False)
    assert snap_compare(app, terminal_size=SIZE)


def test_lesson_page_in_spanish(snap_compare, es_catalog: Catalog) -> None:
    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()

    app = LessonHarness(es_catalog.localized("es"))
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize("state", ["single-before", "results"])
def test_quiz_in_spanish(snap_compare, es_catalog: Catalog, state: str) -> None:
    app = LessonHarness(es_catalog.localized("es"), start_quiz=True)
    assert snap_compare(app, terminal_size=SIZE, run_before=QUIZ_STATES[state])


def test_quiz_feedback_in_spanish(snap_compare, es_catalog: Catalog) -> None:
    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        await answer_single(pilot, 0)  # "Verde": wrong

    app = LessonHarness(es_catalog.localized("es"), start_quiz=True)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_crisis_help_in_spanish(snap_compare, es_catalog: Catalog) -> None:
    async def run_before(pilot: Pilot) -> None:
        pilot.app.open_lesson("first-lesson")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()

    app = KetatuiApp(es_catalog, None, show_notice=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_kiosk_welcome_in_spanish(snap_compare, es_catalog: Catalog) -> None:
    from ketatui.kioskcore.config import KioskConfig
    from ketatui.ui.kiosk import KioskApp
    from kiosk.helpers import FakeClock, cheap_pin

    config = KioskConfig(pin=cheap_pin(), site_name="Clínica de prueba", language="es")
    app = KioskApp(es_catalog, config, clock=FakeClock(), tick_seconds=10_000)

    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        pilot.app.unlock()  # the snapshot plugin ends the app with exit()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
